//! `duxin replay`: run Duxin over recorded moments of real conversations (one JSON object a line:
//! `conversation`, optional `id` and `reference`, the real agent's answer) and show, side by side,
//! the context, the conversation state, what the agent answered and Duxin's top three, with a few
//! counts and two cheap automatic checks on the top reply. A reading aid, not a score: the
//! reference is one good answer, not the only one.

use std::io::BufRead;

use serde::{Deserialize, Serialize};
use serde_json::Value;

use crate::analysis::Analyzer;
use crate::conversation::{Conversation, Role};
use crate::error::{Error, Result};
use crate::facts::{self, FactKind};
use crate::kinds::{Intent, Lang};
use crate::knowledge::Knowledge;
use crate::state::{Info, State};
use crate::suggest::{self, ExceptionDraft, Slot, Suggestion};
use crate::text::Folded;

/// How many messages of the context the report shows.
const CONTEXT: usize = 4;
/// Longest message line in the text report (chars).
const CUT: usize = 120;

/// One input line.
#[derive(Debug, Clone)]
pub struct Point {
    /// 1-based line number in the input.
    pub line: usize,
    pub id: String,
    pub conversation: Conversation,
    pub reference: Option<String>,
}

#[derive(Deserialize)]
struct RawPoint {
    conversation: Conversation,
    #[serde(default)]
    id: Option<Value>,
    #[serde(default)]
    reference: Option<Value>,
}

fn value_text(v: Option<Value>) -> Option<String> {
    match v? {
        Value::Null => None,
        Value::String(s) => Some(s),
        other => Some(other.to_string()),
    }
}

/// Read one input line; an unreadable line is an `Error::Line` with its number.
pub fn parse_point(text: &str, line: usize) -> Result<Point> {
    let bad = |message: String| Error::Line { line, message };
    let raw: RawPoint = serde_json::from_str(text).map_err(|e| bad(e.to_string()))?;
    raw.conversation
        .validate()
        .map_err(|e| bad(e.to_string()))?;
    Ok(Point {
        line,
        id: value_text(raw.id).unwrap_or_else(|| format!("line {line}")),
        conversation: raw.conversation,
        reference: value_text(raw.reference),
    })
}

/// What the cheap checks and counts found at one point.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Flags {
    /// The top reply has fill-in slots.
    pub slots: bool,
    /// No suggestion at all.
    pub empty: bool,
    /// An exception draft was produced.
    pub exception: bool,
    /// The top reply answers another topic than the open request's.
    pub topic_differs: bool,
    /// The state has an open request.
    pub open: bool,
    /// The customer is winding down.
    pub closing: bool,
    /// The unsupported concrete claim in the top reply, as written there.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub unsupported_claim: Option<String>,
    /// What the top reply asks for although the customer (or the page) gave it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub asks_given: Option<Info>,
}

/// One point, replayed.
#[derive(Debug, Clone, Serialize)]
pub struct Reviewed {
    pub id: String,
    pub line: usize,
    pub lang: Lang,
    /// The last messages of the context (role, text).
    #[serde(skip)]
    pub context: Vec<(Role, String)>,
    pub state: State,
    pub reference: Option<String>,
    pub top3: Vec<Suggestion>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub exception: Option<ExceptionDraft>,
    pub flags: Flags,
}

impl Reviewed {
    /// The state line in the conversation's language.
    pub fn state_line(&self) -> &str {
        match self.lang {
            Lang::Zh => &self.state.line_zh,
            Lang::En => &self.state.line_en,
        }
    }
}

/// Run Duxin at one point, as `duxin suggest` does, and check its top reply.
pub fn review(p: &Point, an: &Analyzer, kb: &Knowledge) -> Reviewed {
    let conv = &p.conversation;
    let a = an.analyze(conv);
    let s = suggest::suggest(conv, &a, kb);
    let whole: Vec<&str> = conv.messages.iter().map(|m| m.text.as_str()).collect();
    let whole = whole.join("\n");
    let top = s.replies.first();
    let bare = top
        .map(|t| strip_slots(&t.text, &t.slots))
        .unwrap_or_default();
    let open_topic = s
        .state
        .open
        .as_ref()
        .map(|o| o.topic)
        .filter(|t| *t != Intent::Other);
    let flags = Flags {
        slots: top.is_some_and(|t| !t.slots.is_empty()),
        empty: top.is_none(),
        exception: s.exception.is_some(),
        topic_differs: matches!((top.and_then(|t| t.topic), open_topic), (Some(a), Some(b)) if a != b),
        open: s.state.open.is_some(),
        closing: s.state.closing,
        unsupported_claim: top.and_then(|_| unsupported_claim(&bare, &whole)),
        asks_given: top.and_then(|_| asks_for_given(&bare, &s.state.given)),
    };
    let skip = conv.messages.len().saturating_sub(CONTEXT);
    Reviewed {
        id: p.id.clone(),
        line: p.line,
        lang: s.lang,
        context: conv.messages[skip..]
            .iter()
            .map(|m| (m.role, m.text.clone()))
            .collect(),
        state: s.state,
        reference: p.reference.clone(),
        top3: s.replies.into_iter().take(3).collect(),
        exception: s.exception,
        flags,
    }
}

/// A suggestion's text cut at its slots: the plain runs and each slot with its own text. Slots
/// whose offsets do not fall on the text's characters, or overlap, are skipped.
fn pieces<'t, 's>(text: &'t str, slots: &'s [Slot]) -> Vec<(&'t str, Option<&'s Slot>)> {
    let mut out = Vec::new();
    let mut at = 0;
    for s in slots {
        let (Some(a), Some(b)) = (byte_at(text, s.start), byte_at(text, s.end)) else {
            continue;
        };
        if a < at || b < a {
            continue;
        }
        out.push((&text[at..a], None));
        out.push((&text[a..b], Some(s)));
        at = b;
    }
    out.push((&text[at..], None));
    out
}

/// A suggestion's text without its fill-in slots (what Duxin itself asserts).
pub fn strip_slots(text: &str, slots: &[Slot]) -> String {
    pieces(text, slots)
        .into_iter()
        .map(|(t, slot)| if slot.is_some() { " " } else { t })
        .collect()
}

/// Byte offset of a UTF-16 offset, when it falls on a char boundary of `text`.
fn byte_at(text: &str, utf16: u32) -> Option<usize> {
    let mut u = 0u32;
    for (b, c) in text.char_indices() {
        if u == utf16 {
            return Some(b);
        }
        if u > utf16 {
            return None;
        }
        u += c.len_utf16() as u32;
    }
    (u == utf16).then_some(text.len())
}

fn fold(s: &str) -> String {
    Folded::new(s).text.replace(['’', '‘'], "'")
}

/// Deadlines a reply may promise: the word itself must occur in the conversation.
const DEADLINES: &[&str] = &[
    "今天", "明天", "今日", "明日", "today", "tomorrow", "tonight",
];

/// Status and done-action phrases, each with the words that would support it in the conversation.
const STATUS: &[(&str, &[&str])] = &[
    ("运输中", &["运输中", "在途", "在路上"]),
    (
        "已发货",
        &["已发货", "已经发货", "发货了", "已发出", "已经发出"],
    ),
    (
        "已经发货",
        &["已发货", "已经发货", "发货了", "已发出", "已经发出"],
    ),
    ("已经催", &["催过", "催了", "已经催", "催促过", "催促了"]),
    ("i've checked", &["checked"]),
    ("i have checked", &["checked"]),
    ("has been issued", &["issued"]),
    ("has shipped", &["shipped"]),
    ("is on its way", &["on its way", "on the way", "in transit"]),
    ("i've sent", &["sent"]),
    ("i have sent", &["sent"]),
    ("i've processed", &["processed"]),
    ("i have processed", &["processed"]),
];

/// Done-action openings whose key is the action that follows ("已经帮您【申请】了退款").
const DONE_ZH: &[&str] = &["已经帮您", "已经为您", "已为您"];

/// Check (1), "unsupported concrete claim": the reply (slots removed) states a duration, a
/// deadline, a parcel status or an action already done, and the key of it occurs nowhere in the
/// conversation. Returns the claim as found in the reply.
pub fn unsupported_claim(reply: &str, conversation: &str) -> Option<String> {
    let r = fold(reply).replace("how can i help you today", "");
    let c = fold(conversation);
    for f in facts::extract(&r, None) {
        if matches!(f.kind, FactKind::Duration | FactKind::Date) && !c.contains(&fold(&f.text)) {
            return Some(f.text);
        }
    }
    if let Some(w) = DEADLINES
        .iter()
        .find(|w| r.contains(**w) && !c.contains(**w))
    {
        return Some(w.to_string());
    }
    for (phrase, keys) in STATUS {
        if r.contains(phrase) && !keys.iter().any(|k| c.contains(k)) {
            return Some(phrase.to_string());
        }
    }
    for phrase in DONE_ZH {
        let Some(at) = r.find(phrase) else { continue };
        let key: String = r[at + phrase.len()..]
            .chars()
            .take_while(|ch| crate::text::is_cjk(*ch))
            .take(2)
            .collect();
        let key = if key.is_empty() {
            phrase.to_string()
        } else {
            key
        };
        if !c.contains(&key) {
            return Some(format!("{phrase}{key}"));
        }
    }
    None
}

/// What the "asks for what was given" check looks for.
const ASKABLE: [Info; 5] = [
    Info::OrderId,
    Info::Email,
    Info::Address,
    Info::Phone,
    Info::Name,
];

/// Words that make a sentence a request for information even without a question mark.
const ASKING: &[&str] = &[
    "请提供",
    "提供一下",
    "提供下",
    "发一下",
    "发下",
    "告诉我",
    "请问",
    "麻烦您",
    "please provide",
    "please share",
    "please send",
    "please confirm",
    "could you",
    "can you",
    "can i have",
    "can i get",
    "may i",
    "i need your",
    "i'll need your",
    "i will need your",
    "tell me",
    "send me",
    "let me know your",
];

/// Check (2), "asks for what was given": a sentence of the reply (slots removed) asks for an
/// order number, e-mail, address, phone or name that `given` already holds.
pub fn asks_for_given(reply: &str, given: &[Info]) -> Option<Info> {
    let r = fold(reply);
    let asked = r
        .split_inclusive(['。', '？', '?', '！', '!', '\n', '；', ';'])
        .filter(|s| s.contains('?') || s.contains('？') || ASKING.iter().any(|w| s.contains(w)));
    for s in asked {
        if let Some(i) = ASKABLE.iter().find(|i| given.contains(i) && i.asked_in(s)) {
            return Some(*i);
        }
    }
    None
}

/// The counts over a replay.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Counts {
    pub points: usize,
    pub parse_failures: usize,
    pub failed_lines: Vec<usize>,
    pub top_has_slots: usize,
    pub no_suggestion: usize,
    pub exception: usize,
    pub topic_differs: usize,
    pub open_request: usize,
    pub closing: usize,
    pub unsupported_claim: usize,
    pub unsupported_claim_ids: Vec<String>,
    pub asks_given: usize,
    pub asks_given_ids: Vec<String>,
}

impl Counts {
    pub fn add(&mut self, r: &Reviewed) {
        let f = &r.flags;
        self.points += 1;
        self.top_has_slots += usize::from(f.slots);
        self.no_suggestion += usize::from(f.empty);
        self.exception += usize::from(f.exception);
        self.topic_differs += usize::from(f.topic_differs);
        self.open_request += usize::from(f.open);
        self.closing += usize::from(f.closing);
        if f.unsupported_claim.is_some() {
            self.unsupported_claim += 1;
            self.unsupported_claim_ids.push(r.id.clone());
        }
        if f.asks_given.is_some() {
            self.asks_given += 1;
            self.asks_given_ids.push(r.id.clone());
        }
    }

    pub fn failed(&mut self, line: usize) {
        self.parse_failures += 1;
        self.failed_lines.push(line);
    }

    /// (label, count) in display order.
    pub fn rows(&self) -> Vec<(&'static str, usize)> {
        vec![
            ("points", self.points),
            ("parse failures", self.parse_failures),
            ("top reply has slots", self.top_has_slots),
            ("no suggestion", self.no_suggestion),
            ("exception draft", self.exception),
            (
                "top topic differs from the open request's",
                self.topic_differs,
            ),
            ("open request", self.open_request),
            ("closing", self.closing),
            ("top-1 unsupported concrete claim", self.unsupported_claim),
            ("top-1 asks for what was given", self.asks_given),
        ]
    }

    pub fn text(&self) -> String {
        let mut s = String::from("counts\n");
        for (label, n) in self.rows() {
            s.push_str(&format!(
                "  {label:<44} {n:>5}{}\n",
                percent(n, self.points)
            ));
        }
        if !self.failed_lines.is_empty() {
            s.push_str(&format!(
                "  failed lines: {}\n",
                join_display(&self.failed_lines)
            ));
        }
        let ids = |xs: &[String]| {
            if xs.is_empty() {
                "-".to_string()
            } else {
                xs.join(" ")
            }
        };
        s.push_str(&format!(
            "  unsupported claim: {}\n",
            ids(&self.unsupported_claim_ids)
        ));
        s.push_str(&format!(
            "  asks for what was given: {}\n",
            ids(&self.asks_given_ids)
        ));
        s
    }
}

fn percent(n: usize, of: usize) -> String {
    if of == 0 {
        String::new()
    } else {
        format!("  {:5.1}%", 100.0 * n as f64 / of as f64)
    }
}

fn join_display<T: std::fmt::Display>(xs: &[T]) -> String {
    xs.iter()
        .map(|x| x.to_string())
        .collect::<Vec<_>>()
        .join(" ")
}

/// A whole replay: the points replayed, the lines that failed, the counts.
#[derive(Debug, Default)]
pub struct Replay {
    pub points: Vec<Reviewed>,
    pub failures: Vec<(usize, String)>,
    pub counts: Counts,
}

/// Replay every line of `input`. Lines that cannot be read or parsed are recorded, not fatal.
pub fn replay(input: impl BufRead, an: &Analyzer, kb: &Knowledge) -> Replay {
    let mut out = Replay::default();
    for (i, line) in crate::eval::lines(input, crate::eval::MAX_LINE).enumerate() {
        let n = i + 1;
        let parsed = line.and_then(|l| {
            if l.trim().is_empty() {
                Ok(None)
            } else {
                parse_point(&l, n).map(Some)
            }
        });
        match parsed {
            Ok(None) => {}
            Ok(Some(p)) => {
                let r = review(&p, an, kb);
                out.counts.add(&r);
                out.points.push(r);
            }
            Err(e) => {
                out.counts.failed(n);
                let message = match e {
                    Error::Line { message, .. } => message,
                    other => other.to_string(),
                };
                out.failures.push((n, message));
            }
        }
    }
    out
}

fn role_letter(r: Role) -> char {
    match r {
        Role::Customer => 'C',
        Role::Agent => 'A',
        Role::Bot => 'B',
        Role::System => 'S',
    }
}

/// One line, at most `max` chars ("…" when cut).
fn cut(s: &str, max: usize) -> String {
    let one = s.split_whitespace().collect::<Vec<_>>().join(" ");
    if one.chars().count() <= max {
        one
    } else {
        let mut t: String = one.chars().take(max.saturating_sub(1)).collect();
        t.push('…');
        t
    }
}

fn topic_str(t: Option<Intent>) -> &'static str {
    t.map(Intent::as_str).unwrap_or("-")
}

/// The compact text report of one point.
pub fn point_text(r: &Reviewed) -> String {
    let mut s = format!("== {}  (line {})\n", r.id, r.line);
    for (role, text) in &r.context {
        s.push_str(&format!("  {}: {}\n", role_letter(*role), cut(text, CUT)));
    }
    s.push_str(&format!(
        "  state: {}\n",
        if r.state_line().is_empty() {
            "-"
        } else {
            r.state_line()
        }
    ));
    s.push_str(&format!(
        "  ref:   {}\n",
        r.reference
            .as_deref()
            .map(|x| cut(x, 2 * CUT))
            .unwrap_or_else(|| "-".into())
    ));
    if r.top3.is_empty() {
        s.push_str("  duxin: (no suggestion)\n");
    }
    for (i, t) in r.top3.iter().enumerate() {
        let why = if r.lang == Lang::Zh {
            &t.why_zh
        } else {
            &t.why_en
        };
        s.push_str(&format!(
            "  {}. {} [{}] {}\n     why: {}\n",
            i + 1,
            t.entry,
            topic_str(t.topic),
            cut(&t.text, 2 * CUT),
            why
        ));
    }
    if let Some(e) = &r.exception {
        s.push_str(&format!(
            "  exception ({}): supervisor: {} | customer: {}\n",
            e.gap_text,
            cut(&e.supervisor, CUT),
            cut(&e.customer, CUT)
        ));
    }
    let badges = badges(&r.flags);
    if !badges.is_empty() {
        s.push_str(&format!("  flags: {}\n", badges.join(", ")));
    }
    s
}

/// The flags as short labels.
pub fn badges(f: &Flags) -> Vec<String> {
    let mut b = Vec::new();
    if f.empty {
        b.push("no suggestion".to_string());
    }
    if f.slots {
        b.push("slots".into());
    }
    if f.exception {
        b.push("exception".into());
    }
    if f.topic_differs {
        b.push("topic differs".into());
    }
    if f.closing {
        b.push("closing".into());
    }
    if let Some(c) = &f.unsupported_claim {
        b.push(format!("unsupported claim: {c}"));
    }
    if let Some(i) = f.asks_given {
        b.push(format!("asks given: {}", i.as_str()));
    }
    b
}

/// HTML-escape untrusted text (element content and quoted attribute values).
pub fn escape(s: &str) -> String {
    let mut o = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => o.push_str("&amp;"),
            '<' => o.push_str("&lt;"),
            '>' => o.push_str("&gt;"),
            '"' => o.push_str("&quot;"),
            '\'' => o.push_str("&#39;"),
            _ => o.push(c),
        }
    }
    o
}

/// A suggestion's text, escaped, with each slot in a `<span class="slot">`.
pub fn marked_html(text: &str, slots: &[Slot]) -> String {
    let mut out = String::new();
    for (t, slot) in pieces(text, slots) {
        match slot {
            Some(s) => out.push_str(&format!(
                "<span class=\"slot\" title=\"{}\">{}</span>",
                escape(&s.label),
                escape(t)
            )),
            None => out.push_str(&escape(t)),
        }
    }
    out
}

const STYLE: &str = "body{font:14px/1.45 system-ui,sans-serif;margin:1.5em;color:#222}\
table.counts{border-collapse:collapse;margin-bottom:1em}table.counts td{border:1px solid #ccc;padding:2px 8px}\
td.n{text-align:right}.point{border-top:2px solid #999;padding:.6em 0}.point h2{font-size:15px;margin:0 0 .4em}\
.row{display:grid;grid-template-columns:1.3fr .8fr 1fr 1.6fr;gap:12px}.col h3{font-size:12px;color:#777;margin:0 0 .3em;text-transform:uppercase}\
.msg{margin:0 0 .3em;white-space:pre-wrap}.role{font-weight:bold;color:#555}.msg.c .role{color:#b35c00}\
.ref{white-space:pre-wrap;background:#f3f7f0;padding:4px}.sug{margin:0 0 .6em}.entry{font-family:monospace;color:#555}\
.topic{font-size:11px;background:#e8eefc;padding:0 4px;border-radius:3px}.text{white-space:pre-wrap}.why{color:#777;font-size:12px}\
.slot{background:#fff1a8;border:1px dashed #c9a400;padding:0 2px}.badge{display:inline-block;font-size:11px;padding:0 6px;\
margin-left:6px;border-radius:8px;background:#eee}.badge.warn{background:#fbd5d5}.exc{background:#fdf0e0;padding:4px;margin-top:.4em}\
.ids{font-family:monospace;font-size:12px}";

/// A self-contained static page: counts on top, then each point side by side (context tail,
/// state, the real agent's reply, Duxin's top 3). No scripts, no external resources; every piece
/// of input text is escaped.
pub fn html(title: &str, rep: &Replay) -> String {
    let mut h = String::new();
    h.push_str("<!doctype html>\n<html><head><meta charset=\"utf-8\">");
    h.push_str("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\">");
    h.push_str(&format!(
        "<title>Duxin replay: {}</title><style>{STYLE}</style></head><body>\n",
        escape(title)
    ));
    h.push_str(&format!(
        "<h1>Duxin replay: {}</h1>\n<table class=\"counts\">",
        escape(title)
    ));
    let c = &rep.counts;
    for (label, n) in c.rows() {
        h.push_str(&format!(
            "<tr><td>{label}</td><td class=\"n\">{n}</td><td class=\"n\">{}</td></tr>",
            percent(n, c.points).trim()
        ));
    }
    h.push_str("</table>\n");
    let ids = |label: &str, xs: &[String]| {
        format!(
            "<p>{label}: <span class=\"ids\">{}</span></p>\n",
            escape(&xs.join(" "))
        )
    };
    h.push_str(&ids("unsupported claim", &c.unsupported_claim_ids));
    h.push_str(&ids("asks for what was given", &c.asks_given_ids));
    for (n, m) in &rep.failures {
        h.push_str(&format!(
            "<p class=\"failure\">line {n}: {}</p>\n",
            escape(m)
        ));
    }
    for r in &rep.points {
        h.push_str(&point_html(r));
    }
    h.push_str("</body></html>\n");
    h
}

fn point_html(r: &Reviewed) -> String {
    let mut h = format!(
        "<section class=\"point\"><h2>{} <small>line {}</small>",
        escape(&r.id),
        r.line
    );
    for b in badges(&r.flags) {
        let warn =
            b.starts_with("unsupported") || b.starts_with("asks") || b.starts_with("no suggestion");
        h.push_str(&format!(
            "<span class=\"badge{}\">{}</span>",
            if warn { " warn" } else { "" },
            escape(&b)
        ));
    }
    h.push_str("</h2><div class=\"row\"><div class=\"col\"><h3>context</h3>");
    for (role, text) in &r.context {
        let class = if *role == Role::Customer {
            "msg c"
        } else {
            "msg"
        };
        h.push_str(&format!(
            "<p class=\"{class}\"><span class=\"role\">{}</span> {}</p>",
            role_letter(*role),
            escape(text)
        ));
    }
    h.push_str(&format!(
        "</div><div class=\"col\"><h3>state</h3>{}</div>",
        escape(r.state_line())
    ));
    h.push_str(&format!(
        "<div class=\"col\"><h3>agent</h3><div class=\"ref\">{}</div></div>",
        escape(r.reference.as_deref().unwrap_or("-"))
    ));
    h.push_str("<div class=\"col\"><h3>duxin</h3>");
    if r.top3.is_empty() {
        h.push_str("<p>(no suggestion)</p>");
    }
    for t in &r.top3 {
        let why = if r.lang == Lang::Zh {
            &t.why_zh
        } else {
            &t.why_en
        };
        h.push_str(&format!(
            "<div class=\"sug\"><span class=\"entry\">{}</span> <span class=\"topic\">{}</span><div class=\"text\">{}</div><div class=\"why\">{}</div></div>",
            escape(&t.entry),
            topic_str(t.topic),
            marked_html(&t.text, &t.slots),
            escape(why)
        ));
    }
    if let Some(e) = &r.exception {
        h.push_str(&format!(
            "<div class=\"exc\">exception ({})<br>supervisor: {}<br>customer: {}</div>",
            escape(&e.gap_text),
            escape(&e.supervisor),
            escape(&e.customer)
        ));
    }
    h.push_str("</div></div></section>\n");
    h
}

#[cfg(test)]
mod tests {
    use super::*;

    fn line(msgs: &[(&str, &str)], extra: &str) -> String {
        let m: Vec<Value> = msgs
            .iter()
            .map(|(r, t)| serde_json::json!({"role": r, "text": t}))
            .collect();
        format!(
            "{{\"conversation\":{{\"messages\":{}}}{extra}}}",
            serde_json::to_string(&m).unwrap()
        )
    }

    fn run(lines: &[String]) -> Replay {
        let an = Analyzer::new().unwrap();
        let kb = Knowledge::builtin().unwrap();
        replay(lines.join("\n").as_bytes(), &an, &kb)
    }

    #[test]
    fn a_point_keeps_its_id_and_reference() {
        let p = parse_point(
            &line(
                &[("customer", "hi")],
                r#","id":"p1","reference":"hello there","other":3"#,
            ),
            4,
        )
        .unwrap();
        assert_eq!(
            (p.id.as_str(), p.reference.as_deref(), p.line),
            ("p1", Some("hello there"), 4)
        );
    }

    #[test]
    fn a_point_without_id_is_named_by_its_line() {
        let p = parse_point(&line(&[("customer", "hi")], ""), 7).unwrap();
        assert_eq!(p.id, "line 7");
    }

    #[test]
    fn a_line_without_a_conversation_fails_with_its_number() {
        let e = parse_point(r#"{"id":"x"}"#, 3).unwrap_err();
        assert!(e.to_string().starts_with("line 3"), "{e}");
    }

    #[test]
    fn broken_lines_are_counted_and_the_rest_replayed() {
        let rep = run(&[
            line(&[("customer", "我的快递到哪了？")], r#","id":"a""#),
            "{oops".into(),
            String::new(),
            line(&[("customer", "where is my parcel?")], ""),
        ]);
        assert_eq!(rep.counts.points, 2);
        assert_eq!(rep.counts.parse_failures, 1);
        assert_eq!(rep.counts.failed_lines, vec![2]);
        assert_eq!(rep.failures[0].0, 2);
    }

    #[test]
    fn the_context_is_the_last_four_messages() {
        let msgs = [
            ("customer", "m1"),
            ("agent", "m2"),
            ("customer", "m3"),
            ("agent", "m4"),
            ("customer", "m5"),
        ];
        let rep = run(&[line(&msgs, "")]);
        let texts: Vec<&str> = rep.points[0]
            .context
            .iter()
            .map(|(_, t)| t.as_str())
            .collect();
        assert_eq!(texts, ["m2", "m3", "m4", "m5"]);
    }

    #[test]
    fn a_chinese_point_shows_the_chinese_state_line() {
        let rep = run(&[line(&[("customer", "我的快递到哪了？")], "")]);
        let r = &rep.points[0];
        assert_eq!(r.lang, Lang::Zh);
        assert_eq!(r.state_line(), r.state.line_zh);
    }

    #[test]
    fn the_text_report_shows_roles_reference_and_top_replies() {
        let rep = run(&[line(
            &[("customer", "where is my parcel? it has been a week")],
            r#","id":"e1","reference":"let me look it up""#,
        )]);
        let t = point_text(&rep.points[0]);
        assert!(
            t.contains("== e1")
                && t.contains("  C: where is my parcel?")
                && t.contains("ref:   let me look it up"),
            "{t}"
        );
        assert!(t.contains("  1. ") && t.contains("why: "), "{t}");
    }

    #[test]
    fn long_messages_are_cut_in_the_text_report() {
        let s = cut(&"x".repeat(500), 10);
        assert_eq!(s.chars().count(), 10);
        assert!(s.ends_with('…'));
    }

    #[test]
    fn a_duration_the_conversation_never_mentions_is_unsupported() {
        assert_eq!(
            unsupported_claim("退款会在1-3个工作日内到账", "我要退款").as_deref(),
            Some("1-3个工作日")
        );
        assert_eq!(
            unsupported_claim("We will refund you within 2 days.", "i want a refund"),
            Some("2 days".into())
        );
    }

    #[test]
    fn a_duration_the_conversation_mentions_is_supported() {
        assert_eq!(
            unsupported_claim("您好，24小时内发货", "你们说24小时内发货的"),
            None
        );
    }

    #[test]
    fn a_deadline_word_is_unsupported_unless_the_customer_used_it() {
        assert_eq!(
            unsupported_claim("明天就能送到", "快递呢").as_deref(),
            Some("明天")
        );
        assert_eq!(unsupported_claim("明天就能送到", "明天能到吗"), None);
        assert_eq!(
            unsupported_claim("It will arrive by tomorrow.", "where is it").as_deref(),
            Some("tomorrow")
        );
    }

    #[test]
    fn today_in_how_can_i_help_you_today_is_no_claim() {
        assert_eq!(
            unsupported_claim("Hi! How can I help you today?", "hello"),
            None
        );
        assert_eq!(
            unsupported_claim("It ships today.", "hello").as_deref(),
            Some("today")
        );
    }

    #[test]
    fn a_status_phrase_needs_its_key_words_in_the_conversation() {
        assert_eq!(
            unsupported_claim("您的包裹正在运输中", "包裹呢").as_deref(),
            Some("运输中")
        );
        assert_eq!(
            unsupported_claim("您的包裹正在运输中", "物流一直显示在途"),
            None
        );
        assert_eq!(
            unsupported_claim("Your order has shipped.", "where is my order").as_deref(),
            Some("has shipped")
        );
        assert_eq!(
            unsupported_claim("I've checked and it is fine.", "can you look?").as_deref(),
            Some("i've checked")
        );
        assert_eq!(
            unsupported_claim("I’ve checked and it is fine.", "i checked the site").as_deref(),
            None
        );
    }

    #[test]
    fn a_done_action_needs_the_action_in_the_conversation() {
        assert_eq!(
            unsupported_claim("已经帮您备注了加急", "能快点吗").as_deref(),
            Some("已经帮您备注")
        );
        assert_eq!(
            unsupported_claim("已经帮您备注了加急", "帮我备注一下加急"),
            None
        );
    }

    #[test]
    fn slots_are_not_claims() {
        let (text, slots) = suggest::mark_slots("预计[[1-3个工作日]]到账", Lang::Zh);
        assert_eq!(
            unsupported_claim(&strip_slots(&text, &slots), "退款呢"),
            None
        );
        assert_eq!(
            unsupported_claim(&text, "退款呢").as_deref(),
            Some("1-3个工作日")
        );
    }

    #[test]
    fn asking_for_a_given_order_number_is_caught() {
        assert_eq!(
            asks_for_given("麻烦提供一下订单号？", &[Info::OrderId]),
            Some(Info::OrderId)
        );
        assert_eq!(
            asks_for_given("Could you share your order ID?", &[Info::OrderId]),
            Some(Info::OrderId)
        );
    }

    #[test]
    fn an_imperative_without_a_question_mark_is_asking() {
        assert_eq!(
            asks_for_given("If not, tell me the email on your account.", &[Info::Email]),
            Some(Info::Email)
        );
    }

    #[test]
    fn asking_for_what_was_not_given_is_fine() {
        assert_eq!(asks_for_given("麻烦提供一下订单号？", &[Info::Email]), None);
        assert_eq!(asks_for_given("Could you share your order ID?", &[]), None);
    }

    #[test]
    fn mentioning_a_given_item_without_asking_is_fine() {
        assert_eq!(
            asks_for_given(
                "I have updated the address on your order.",
                &[Info::Address]
            ),
            None
        );
    }

    #[test]
    fn asking_for_a_given_tracking_number_is_not_this_check() {
        assert_eq!(
            asks_for_given("请提供一下快递单号？", &[Info::Tracking]),
            None
        );
    }

    #[test]
    fn the_checks_run_on_the_top_reply_of_a_replayed_point() {
        // The customer gave an e-mail; whatever Duxin answers, the flag agrees with the check.
        let rep = run(&[line(
            &[(
                "customer",
                "my email is kim@example.com, I never got my refund",
            )],
            r#","id":"r1""#,
        )]);
        let r = &rep.points[0];
        assert!(r.state.given.contains(&Info::Email), "{:?}", r.state.given);
        let top = &r.top3[0];
        let bare = strip_slots(&top.text, &top.slots);
        assert_eq!(r.flags.asks_given, asks_for_given(&bare, &r.state.given));
        assert_eq!(
            rep.counts.asks_given_ids.is_empty(),
            r.flags.asks_given.is_none()
        );
    }

    #[test]
    fn counts_add_up_the_flags() {
        let mut c = Counts::default();
        let r = Reviewed {
            id: "x".into(),
            line: 1,
            lang: Lang::En,
            context: Vec::new(),
            state: State::default(),
            reference: None,
            top3: Vec::new(),
            exception: None,
            flags: Flags {
                empty: true,
                unsupported_claim: Some("today".into()),
                closing: true,
                ..Flags::default()
            },
        };
        c.add(&r);
        c.add(&Reviewed {
            flags: Flags::default(),
            id: "y".into(),
            ..r.clone()
        });
        assert_eq!(
            (
                c.points,
                c.no_suggestion,
                c.closing,
                c.unsupported_claim,
                c.asks_given
            ),
            (2, 1, 1, 1, 0)
        );
        assert_eq!(c.unsupported_claim_ids, vec!["x".to_string()]);
    }

    #[test]
    fn a_script_message_is_escaped_in_the_html() {
        let rep = run(&[line(
            &[(
                "customer",
                "<script>alert('x')</script> & where is my order?",
            )],
            r#","id":"<b>id</b>","reference":"<img src=x onerror=1>""#,
        )]);
        let h = html("<file>", &rep);
        assert!(
            !h.contains("<script") && !h.contains("<img") && !h.contains("<b>id"),
            "raw markup leaked"
        );
        assert!(h.contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; where"));
        assert!(h.contains("&lt;img src=x onerror=1&gt;") && h.contains("&lt;file&gt;"));
    }

    #[test]
    fn the_html_loads_nothing_from_outside() {
        let h = html("f", &run(&[line(&[("customer", "hello")], "")]));
        for bad in [
            "<script", "<link", "src=", "http://", "https://", "@import", "url(",
        ] {
            assert!(!h.contains(bad), "{bad}");
        }
    }

    #[test]
    fn slots_are_marked_with_a_span_in_the_html() {
        let (text, slots) = suggest::mark_slots("预计[[到账时间]]到账 <b>", Lang::Zh);
        assert_eq!(
            marked_html(&text, &slots),
            "预计<span class=\"slot\" title=\"到账时间\">【到账时间】</span>到账 &lt;b&gt;"
        );
    }

    #[test]
    fn slots_with_offsets_outside_the_text_are_ignored() {
        let s = [Slot {
            start: 2,
            end: 99,
            label: "x".into(),
        }];
        assert_eq!(marked_html("abc", &s), "abc");
        assert_eq!(strip_slots("abc", &s), "abc");
    }

    #[test]
    fn the_json_of_a_point_has_the_fields_a_reader_needs() {
        let rep = run(&[line(
            &[("customer", "where is my parcel?")],
            r#","id":"j1","reference":"ok""#,
        )]);
        let v = serde_json::to_value(&rep.points[0]).unwrap();
        for k in ["id", "state", "top3", "reference", "flags", "lang"] {
            assert!(v.get(k).is_some(), "{k}");
        }
        let t = &v["top3"][0];
        assert!(t.get("entry").is_some() && t.get("text").is_some() && t.get("slots").is_some());
    }
}
