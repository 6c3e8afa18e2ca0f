// Generated from src/protocol.rs by `cargo test` (UPDATE_PROTOCOL=1 rewrites it). Do not edit.

export type Role = "customer" | "agent" | "bot" | "system";

export type Message = { role: Role, text: string, 
/**
 * RFC 3339, or what the page shows (`2026年09月08日 17:30:17`, `2026-09-08 17:30`, `17:30`).
 */
time?: string, 
/**
 * The page's own id for the message, when it has one (used to follow re-renders).
 */
id?: string, };

export type Customer = { name?: string, orders_count?: number, total_spent?: number, member_since?: string, };

export type Order = { id?: string, product?: string, amount?: number, currency?: string, paid_at?: string, shipped_at?: string, delivered_at?: string, };

export type Conversation = { messages: Array<Message>, customer?: Customer, order?: Order, 
/**
 * "Now" for waiting times (RFC 3339). The extension sets it; files may omit it, and then the
 * last timestamp in the conversation stands in.
 */
now?: string, 
/**
 * Minutes east of UTC of the page's clock. Times shown without an offset ("17:30",
 * "2026年09月08日 17:30:17") are local to the console; this makes them comparable with `now`.
 */
utc_offset_minutes?: number, };

export type CueKind = "anger" | "anxiety" | "distrust" | "disappointment" | "sadness" | "confusion" | "gratitude" | "joy" | "threat";

export type Intent = "logistics" | "return" | "refund" | "exchange" | "size_fit" | "product_question" | "price" | "invoice" | "payment" | "address_change" | "cancellation" | "complaint" | "warranty" | "human_agent" | "account" | "order_change" | "review" | "greeting" | "thanks" | "other";

export type Lang = "zh" | "en";

export type Cue = { start: number, end: number, kind: CueKind, 
/**
 * 0..3: how strongly the span says it (after degree words, negation, punctuation).
 */
intensity: number, 
/**
 * The text of the span as the customer wrote it.
 */
text: string, reason_zh: string, reason_en: string, };

export type Reading = { cues: Array<Cue>, 
/**
 * -1 (very negative) .. 1 (very positive).
 */
polarity: number, dominant: CueKind | null, intent: Intent | null, 
/**
 * Summed evidence per cue kind (same order as `CueKind::ALL`).
 */
emotions: Array<number>, 
/**
 * Positive and negative evidence behind the polarity.
 */
positive: number, negative: number, 
/**
 * Short and cold ("哦", "ok.", "行吧").
 */
curt: boolean, 
/**
 * Warmth markers (亲, 谢谢, emoji, "please").
 */
warmth: number, 
/**
 * Asks something (question mark, 吗/呢, question words).
 */
question: boolean, 
/**
 * Number of chars (not bytes) in the message.
 */
chars: number, 
/**
 * Negation words present (没收到, 不能用, "doesn't work"): a problem is being stated.
 */
negations: number, };

export type FactKind = "order_number" | "tracking_number" | "amount" | "duration" | "date" | "phone" | "email" | "address" | "url" | "product";

export type Fact = { kind: FactKind, 
/**
 * UTF-16 offsets in the message.
 */
start: number, end: number, text: string, 
/**
 * Amount in its currency; duration in hours.
 */
value?: number, 
/**
 * Currency code for amounts (CNY, USD, EUR, GBP).
 */
unit?: string, 
/**
 * Personal data: mask before storing.
 */
personal: boolean, };

export type MessageAnalysis = { 
/**
 * Index of the message in the conversation.
 */
index: number, facts: Array<Fact>, cues: Array<Cue>, 
/**
 * -1 (very negative) .. 1 (very positive).
 */
polarity: number, dominant: CueKind | null, intent: Intent | null, 
/**
 * Summed evidence per cue kind (same order as `CueKind::ALL`).
 */
emotions: Array<number>, 
/**
 * Positive and negative evidence behind the polarity.
 */
positive: number, negative: number, 
/**
 * Short and cold ("哦", "ok.", "行吧").
 */
curt: boolean, 
/**
 * Warmth markers (亲, 谢谢, emoji, "please").
 */
warmth: number, 
/**
 * Asks something (question mark, 吗/呢, question words).
 */
question: boolean, 
/**
 * Number of chars (not bytes) in the message.
 */
chars: number, 
/**
 * Negation words present (没收到, 不能用, "doesn't work"): a problem is being stated.
 */
negations: number, };

export type SignalKind = "burst" | "repetition" | "tone_shift" | "waiting";

export type Signal = { kind: SignalKind, 
/**
 * The message where the signal shows (the latest one involved).
 */
index: number, 
/**
 * The first message involved (the first time a question was asked).
 */
first_index: number, 
/**
 * How many times / messages / minutes, depending on the kind.
 */
count: number, 
/**
 * The quoted evidence (the first wording of a repeated question, the curt reply...).
 */
evidence: string, 
/**
 * What it suggests about the customer.
 */
implies: CueKind, reason_zh: string, reason_en: string, };

export type RiskReason = { key: string, 
/**
 * Points this reason contributes before the score is squashed to 0..100.
 */
points: number, zh: string, en: string, };

export type Risk = { 
/**
 * 0..100: how likely this conversation escalates (bad review, complaint, dispute).
 */
score: number, 
/**
 * "low" (< 35), "medium" (< 65), "high".
 */
level: string, 
/**
 * Ranked, strongest first.
 */
reasons: Array<RiskReason>, };

export type MoodPoint = { index: number, polarity: number, dominant?: CueKind, };

export type Analysis = { 
/**
 * One entry per customer message, in order.
 */
messages: Array<MessageAnalysis>, signals: Array<Signal>, risk: Risk, timeline: Array<MoodPoint>, 
/**
 * What the customer wants now (latest substantive intent, weighted by recency).
 */
intent?: Intent, 
/**
 * The feeling that dominates the latest customer turns.
 */
dominant?: CueKind, 
/**
 * Recency-weighted polarity of the customer's messages, -1..1.
 */
polarity: number, 
/**
 * 0..1: how likely the customer is unhappy with the service right now.
 */
dissatisfaction: number, 
/**
 * The language the customer writes in: worked out once here, read by the suggestions, the
 * stored records and the answer memory.
 */
lang: Lang, };

export type Outcome = "accepted" | "edited" | "dismissed";

export type Feedback = { 
/**
 * The knowledge entry behind the suggestion.
 */
entry: string, outcome: Outcome, 
/**
 * The body as suggested (without opener and closing).
 */
suggested: string, 
/**
 * What the agent actually sent, for edits.
 */
sent?: string, };

export type EntryStats = { entry: string, accepted: number, edited: number, dismissed: number, 
/**
 * The last edited form, and how many times in a row the agent sent that same form.
 */
edited_form?: string, same_edit_streak: number, };

export type Said = { lang: Lang, 
/**
 * What the question was about, and the kind of question (when, whether…): recall needs no
 * more of it.
 */
intent?: Intent, ask?: Ask, 
/**
 * The question itself, masked: only when the agent keeps texts (else empty).
 */
question?: string, reply: string, 
/**
 * How many times the agent gave (nearly) this answer to (nearly) this question.
 */
uses: number, 
/**
 * Keys of the exchanges counted (a hash of the conversation's key and the reply), so a page
 * read again counts nothing twice. The last few only.
 */
seen?: Array<string>, };

export type Learned = { entries: Array<EntryStats>, 
/**
 * The agent's own answers, retrieved for similar questions later.
 */
memory: Array<Said>, };

export type Address = "qin" | "nin" | "unknown";

export type Style = { address: Address, 
/**
 * Share of the agent's messages that carry an emoji or a "~".
 */
emoji_rate: number, 
/**
 * The emoji (or "~") the agent uses most.
 */
emoji?: string, 
/**
 * A sign-off the agent ends most messages with ("—小美", "Cheers, Sam").
 */
sign_off?: string, 
/**
 * Median length of the agent's messages, in chars.
 */
median_chars: number, 
/**
 * How many agent messages this was learned from.
 */
samples: number, 
/**
 * Set by the agent in the settings: use this style as it is, stop learning.
 */
locked: boolean, };

export type Ask = "when" | "where" | "whether" | "how_much" | "how" | "why";

export type Info = "order_id" | "tracking" | "phone" | "email" | "address" | "name" | "account" | "zip" | "invoice_title" | "tax_id" | "photo" | "membership" | "pin";

export type Stage = "not_ordered" | "paid" | "shipped" | "delivered" | "after_sale" | "refund_applied" | "refunded";

export type OpenRequest = { topic: Intent, ask?: Ask, 
/**
 * The customer's words when first asked (at most 30 characters).
 */
quote: string, 
/**
 * How many customer turns asked it.
 */
times: number, first_index: number, latest_index: number, 
/**
 * The time the page showed on the first asking ("17:00"), when it showed one.
 */
first_time?: string, 
/**
 * The agent answered it (substantively) after it was last asked.
 */
answered: boolean, 
/**
 * Asked again after an agent's answer: the answer did not settle it.
 */
asked_after_answer: boolean, };

export type SaidKind = "answer" | "time" | "refused" | "asked";

export type AgentSaid = { kind: SaidKind, index: number, topic?: Intent, 
/**
 * For `Asked`: what was asked for.
 */
info: Array<Info>, 
/**
 * The words, short ("1-3个工作日", "无法修改").
 */
quote: string, };

export type State = { open?: OpenRequest, said: Array<AgentSaid>, 
/**
 * What the customer (or the page) already gave.
 */
given: Array<Info>, 
/**
 * What the agent asked for and has not had yet.
 */
awaited: Array<Info>, 
/**
 * The customer's latest turn gave what the agent had asked for.
 */
just_gave: boolean, stage?: Stage, 
/**
 * The customer is winding down (thanks, ok, nothing else) and waits for nothing.
 */
closing: boolean, 
/**
 * No agent message yet: the reply is the first one.
 */
first_reply: boolean, 
/**
 * The agent's last message holds ("请稍等，正在为您查询", "let me check"): they owe an answer.
 */
holding: boolean, 
/**
 * One line for the panel: what the customer waits for, what the agent said.
 */
line_zh: string, line_en: string, };

export type Slot = { start: number, end: number, 
/**
 * What goes there ("到账时间", "有货/暂时缺货", "delivery date").
 */
label: string, };

export type Suggestion = { 
/**
 * The knowledge entry the body came from.
 */
entry: string, text: string, score: number, 
/**
 * One line: why this one.
 */
why_zh: string, why_en: string, 
/**
 * What only the agent can know (where the parcel is now, when the refund lands): places in
 * `text` the agent fills before the reply can be inserted. Ordered, non-overlapping.
 */
slots: Array<Slot>, 
/**
 * The request this reply answers (none for a thank-you, a holding answer, the agent's own
 * past answer).
 */
topic?: Intent, };

export type ExceptionKind = "return_window" | "refund_limit" | "price_protection" | "compensation" | "expedite" | "fee_waiver";

export type ExceptionDraft = { kind: ExceptionKind, 
/**
 * How far outside the rule, in hours (or currency units for limits).
 */
gap: number, 
/**
 * "半天" / "12 hours": the gap as a person says it.
 */
gap_text: string, supervisor: string, customer: string, };

export type Suggestions = { lang: Lang, replies: Array<Suggestion>, exception?: ExceptionDraft, 
/**
 * The agent's voice the replies were written in (learned from their messages).
 */
style: Style, 
/**
 * What the conversation stands at: the open request, what was said and given.
 */
state: State, };

export type SiteStatus = { 
/**
 * The site profile in use ("pinduoduo", "zendesk", "generic"...), or "none".
 */
profile: string, 
/**
 * Which fallback selector matched per field ("messages: #2"), so redeploys show up.
 */
matched: Array<string>, host: string, 
/**
 * A composer was found where a reply can be inserted.
 */
composer: boolean, 
/**
 * Set when Duxin runs on this page for this visit only (the agent pressed the panel shortcut
 * on a site that is not enabled): the match pattern ("https://shop.example/*") that would
 * enable the site for good, so the panel can offer it.
 */
visit_only?: string, 
/**
 * Nothing could be read, and the page holds a chat-sized element whose shadow root is
 * closed (a web component that hides its content): the panel says so instead of guessing.
 */
closed_shadow: boolean, };

export type ToPanel = { "type": "snapshot", conversation: Conversation, site: SiteStatus, keep: number, } | { "type": "no_console", site: SiteStatus, } | { "type": "command", name: string, } | { "type": "superseded" } | { "type": "draft", text: string, } | { "type": "inserted", ok: boolean, 
/**
 * The technique that worked ("paste", "exec_command", "value_setter", "clipboard").
 */
technique: string, detail?: string, };

export type ChatFrame = { "type": "frame", frame_id: number, };

export type Highlight = { message: number, start: number, end: number, kind: CueKind, 
/**
 * One line shown on hover, in the agent's language.
 */
reason: string, };

export type DraftSpan = { start: number, end: number, };

export type InsertMode = "caret" | "replace";

export type ToPage = { "type": "paint", highlights: Array<Highlight>, from: number, } | { "type": "insert", text: string, mode: InsertMode, } | { "type": "refresh" } | { "type": "paint_draft", spans: Array<DraftSpan>, draft: string, } | { "type": "fix", start: number, end: number, text: string, draft: string, } | { "type": "copy", text: string, } | { "type": "disable_site" } | { "type": "teach" };

export type PanelModel = { analysis: Analysis, suggestions: Suggestions, };

export declare const PORT_NAME = "duxin-panel";
