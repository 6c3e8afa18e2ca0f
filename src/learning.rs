//! Learning from what the agent does with suggestions: accepted as is, edited before sending, or
//! dismissed. Kept on the agent's machine (the extension stores it in its local database) and
//! used by ranking: entries the agent uses rise, dismissed ones sink, and an entry the agent always
//! edits the same way is proposed in its edited form.
//!
//! What the agent wrote is kept only as a template (`template`): the customer's name becomes
//! `[name]`, contact data, order and tracking numbers, links, times, amounts and dates become
//! slots. The customer's words are not kept at all unless the agent keeps texts: an answer is
//! recalled by what the question was about (its topic and the kind of question) and by the words
//! it shares with the answer, which are the agent's own.

use crate::words::Words;
use serde::{Deserialize, Serialize};

use crate::facts::FactKind;
use crate::json_lite::{FromJson, Json};
use crate::kinds::{Intent, Lang};
use crate::state::Ask;
use crate::text::{common, dice, shingles};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum Outcome {
    /// Inserted and sent unchanged.
    Accepted,
    /// Inserted, then changed before sending.
    Edited,
    /// Dismissed from the panel.
    Dismissed,
}

/// What happened to one suggestion.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct Feedback {
    /// The knowledge entry behind the suggestion.
    pub entry: String,
    pub outcome: Outcome,
    /// The body as suggested (without opener and closing).
    pub suggested: String,
    /// What the agent actually sent, for edits.
    #[cfg_attr(test, ts(optional))]
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sent: Option<String>,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct EntryStats {
    pub entry: String,
    pub accepted: u32,
    pub edited: u32,
    pub dismissed: u32,
    /// The last edited form, and how many times in a row the agent sent that same form.
    #[cfg_attr(test, ts(optional))]
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub edited_form: Option<String>,
    pub same_edit_streak: u32,
}

/// Something the agent answered to a customer's question, as a template of their own words.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct Said {
    pub lang: Lang,
    /// What the question was about, and the kind of question (when, whether…): recall needs no
    /// more of it.
    #[cfg_attr(test, ts(optional))]
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub intent: Option<Intent>,
    #[cfg_attr(test, ts(optional))]
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ask: Option<Ask>,
    /// The question itself, masked: only when the agent keeps texts (else empty).
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub question: String,
    pub reply: String,
    /// How many times the agent gave (nearly) this answer to (nearly) this question.
    pub uses: u32,
    /// Keys of the exchanges counted (a hash of the conversation's key and the reply), so a page
    /// read again counts nothing twice. The last few only.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub seen: Vec<String>,
    /// Shingles of the question and the reply and the reply's topic units, kept beside them:
    /// recall runs on every read of the conversation (not stored; filled on load and whenever
    /// the texts change).
    #[serde(skip)]
    #[cfg_attr(test, ts(skip))]
    index: (Vec<u64>, Vec<u64>, Vec<u64>),
}

impl Said {
    fn reindex(&mut self) {
        self.index = (
            shingles(&self.question),
            shingles(&self.reply),
            topic_units(&self.reply),
        );
    }
}

/// Everything learned, small enough to keep as one JSON value.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct Learned {
    pub entries: Vec<EntryStats>,
    /// The agent's own answers, retrieved for similar questions later.
    #[serde(default)]
    pub memory: Vec<Said>,
}

// What was learned, as the derive reads it (the panel's wasm carries no serde reader).
impl FromJson for EntryStats {
    fn from_json(j: &Json) -> Result<Self, String> {
        Ok(EntryStats {
            entry: j.field("entry")?,
            accepted: j.field("accepted")?,
            edited: j.field("edited")?,
            dismissed: j.field("dismissed")?,
            edited_form: j.field_or("edited_form", || None)?,
            same_edit_streak: j.field("same_edit_streak")?,
        })
    }
}

impl FromJson for Said {
    fn from_json(j: &Json) -> Result<Self, String> {
        Ok(Said {
            lang: j.field("lang")?,
            intent: j.field_or("intent", || None)?,
            ask: j.field_or("ask", || None)?,
            question: j.field_or("question", String::new)?,
            reply: j.field("reply")?,
            uses: j.field("uses")?,
            seen: j.field_or("seen", Vec::new)?,
            index: Default::default(),
        })
    }
}

impl FromJson for Learned {
    fn from_json(j: &Json) -> Result<Self, String> {
        Ok(Learned {
            entries: j.field("entries")?,
            memory: j.field_or("memory", Vec::new)?,
        })
    }
}

/// How many answers are kept (the least used go first).
const MEMORY: usize = 300;

impl Learned {
    pub fn from_json(s: &str) -> Self {
        // A damaged store starts over rather than breaking the panel.
        let mut l: Learned = crate::json_lite::read(s).unwrap_or_default();
        l.memory.iter_mut().for_each(Said::reindex);
        l
    }

    /// Keep no text but templates (the agent does not keep texts): questions kept earlier are
    /// dropped, replies and edited forms stored by older versions become templates. Returns
    /// whether anything changed.
    pub fn forget_texts(&mut self) -> bool {
        let before = self.clone();
        for m in &mut self.memory {
            m.question.clear();
            m.reply = template(&m.reply, None);
            m.reindex();
        }
        for e in &mut self.entries {
            e.edited_form = e.edited_form.as_deref().map(|f| template(f, None));
        }
        *self != before
    }

    pub fn stats(&self, entry: &str) -> Option<&EntryStats> {
        self.entries.iter().find(|e| e.entry == entry)
    }

    /// Count what the agent did with a suggestion; an edited one is kept as a template
    /// (`customer`: the name the console shows).
    pub fn record(&mut self, f: &Feedback, customer: Option<&str>) {
        let i = match self.entries.iter().position(|e| e.entry == f.entry) {
            Some(i) => i,
            None => {
                self.entries.push(EntryStats {
                    entry: f.entry.clone(),
                    ..Default::default()
                });
                self.entries.len() - 1
            }
        };
        let e = &mut self.entries[i];
        match f.outcome {
            Outcome::Accepted => e.accepted += 1,
            Outcome::Dismissed => e.dismissed += 1,
            Outcome::Edited => {
                e.edited += 1;
                if let Some(sent) = f.sent.as_deref().map(str::trim).filter(|s| !s.is_empty()) {
                    let form = template(sent, customer);
                    let same = e
                        .edited_form
                        .as_deref()
                        .is_some_and(|old| dice(&shingles(old), &shingles(&form)) >= 0.9);
                    e.same_edit_streak = if same { e.same_edit_streak + 1 } else { 1 };
                    e.edited_form = Some(form);
                }
            }
        }
    }

    /// A ranking adjustment in roughly -2..+1.5: used entries rise, dismissed ones sink.
    pub fn boost(&self, entry: &str) -> f32 {
        let Some(e) = self.stats(entry) else {
            return 0.0;
        };
        let used = (e.accepted + e.edited) as f32;
        let n = used + e.dismissed as f32;
        if n == 0.0 {
            return 0.0;
        }
        // Laplace-smoothed share of uses, centred on 0.5, scaled by how much evidence there is.
        let share = (used + 1.0) / (n + 2.0) - 0.5;
        share * 3.0 * (n / (n + 2.0))
    }

    /// Remember what the agent answered to a question, as a template (`template`); the question
    /// is kept (masked) only when `keep_text`, else only its topic and kind. Answers tied to one
    /// customer (order or tracking numbers, contact data, links) are not kept, and neither are
    /// one-word acknowledgements. `conversation` is the conversation's stored key. Returns whether
    /// it was kept.
    #[allow(clippy::too_many_arguments)]
    pub fn remember(
        &mut self,
        question: &str,
        reply: &str,
        customer: Option<&str>,
        conversation: &str,
        lang: Lang,
        intent: Option<Intent>,
        keep_text: bool,
    ) -> bool {
        let (q, r) = (question.trim(), reply.trim());
        if q.chars().count() < 3 || r.chars().count() < 8 {
            return false;
        }
        let specific = crate::facts::extract(r, None).iter().any(|f| {
            !matches!(
                f.kind,
                FactKind::Amount | FactKind::Duration | FactKind::Date | FactKind::Product
            )
        });
        if specific {
            return false;
        }
        let ask = ask_in(q);
        let (q, r) = (
            if keep_text {
                crate::privacy::mask(q, customer)
            } else {
                String::new()
            },
            template(r, customer),
        );
        // The same exchange read again (the page reloaded): nothing new.
        let key = crate::privacy::hash(&[conversation, &r])[..8].to_string();
        if self.memory.iter().any(|s| s.seen.contains(&key)) {
            return false;
        }
        let mut said = Said {
            lang,
            intent,
            ask,
            question: q,
            reply: r,
            uses: 1,
            seen: vec![key],
            index: Default::default(),
        };
        said.reindex();
        let same = |s: &Said| {
            s.lang == lang
                && dice(&s.index.1, &said.index.1) >= 0.8
                && if s.question.is_empty() || said.question.is_empty() {
                    s.intent == intent && s.ask == ask
                } else {
                    dice(&s.index.0, &said.index.0) >= 0.5
                }
        };
        if let Some(s) = self.memory.iter_mut().find(|s| same(s)) {
            s.uses += 1;
            s.reply = said.reply;
            s.seen.extend(said.seen);
            let n = s.seen.len();
            s.seen.drain(..n.saturating_sub(8));
            s.reindex();
            return true;
        }
        self.memory.push(said);
        if self.memory.len() > MEMORY {
            let least = self
                .memory
                .iter()
                .enumerate()
                .min_by_key(|(_, s)| s.uses)
                .map(|(i, _)| i)
                .unwrap_or(0);
            self.memory.remove(least);
        }
        true
    }

    /// The agent's past answers to questions like this one, most similar first, with similarity:
    /// by the question's words where it was kept; else an answer to a question of the same topic
    /// and kind that shares words with this one.
    pub fn recall(&self, question: &str, lang: Lang, intent: Option<Intent>) -> Vec<(f32, &Said)> {
        let (q, units, ask) = (shingles(question), topic_units(question), ask_in(question));
        let topical = intent.is_some_and(|i| i.is_substantive());
        let mut v: Vec<(f32, &Said)> = self
            .memory
            .iter()
            .filter(|s| s.lang == lang)
            .filter_map(|s| {
                let sim = if s.question.is_empty() {
                    let shared = common(&units, &s.index.2);
                    let kind = topical
                        && s.intent == intent
                        && (s.ask == ask || s.ask.is_none() || ask.is_none());
                    (kind && shared > 0).then(|| 0.5 + 0.5 * shared as f32 / units.len() as f32)
                } else {
                    let sim = dice(&q, &s.index.0);
                    (sim >= 0.5 || (sim >= 0.3 && topical && s.intent == intent)).then_some(sim)
                };
                sim.map(|x| (x, s))
            })
            .collect();
        crate::sort::sort_by(&mut v, |a, b| {
            b.0.partial_cmp(&a.0)
                .unwrap_or(std::cmp::Ordering::Equal)
                .then(b.1.uses.cmp(&a.1.uses))
        });
        v
    }

    /// The agent dismissed this entry every time it came up (three times or more, never used):
    /// it is no longer offered.
    pub fn rejected(&self, entry: &str) -> bool {
        self.stats(entry)
            .is_some_and(|e| e.dismissed >= 3 && e.accepted + e.edited == 0)
    }

    /// Dismissed more often than used: the agent says it is not right here; it is still offered,
    /// but no longer first.
    pub fn mostly_dismissed(&self, entry: &str) -> bool {
        self.stats(entry)
            .is_some_and(|e| e.dismissed > e.accepted + e.edited)
    }

    /// The form the agent always sends instead of this entry's text (two identical edits in a row).
    pub fn preferred_form(&self, entry: &str) -> Option<&str> {
        self.stats(entry)
            .filter(|e| e.same_edit_streak >= 2)
            .and_then(|e| e.edited_form.as_deref())
    }
}

/// The kind of question in a customer's message (when, whether…).
fn ask_in(q: &str) -> Option<Ask> {
    crate::state::ask_of(&crate::text::Folded::new(q).text)
}

/// What a question or an answer is about, as a sorted set: pairs of Chinese characters and
/// English words of four letters or more (their first five, so "pregnant" meets "pregnancy"),
/// the commonest left out.
fn topic_units(s: &str) -> Vec<u64> {
    const ZH: Words = words![
        "这个", "可以", "什么", "怎么", "时候", "你们", "我们", "我的", "一下", "请问", "亲亲",
        "您好", "不是", "能不", "不能", "没有",
    ];
    const EN: Words = words![
        "this", "that", "with", "your", "have", "will", "what", "when", "does", "there", "they",
        "from", "just", "pleas", "thank", "would",
    ];
    let mut out = Vec::new();
    let (mut word, mut prev) = (String::new(), None::<char>);
    for c in s
        .chars()
        .filter(|c| !crate::text::is_format(*c))
        .map(crate::text::fold_char)
        .chain([' '])
    {
        if c.is_ascii_alphanumeric() {
            word.push(c);
            prev = None;
            continue;
        }
        let stem = &word[..word.len().min(5)];
        if word.len() >= 4 && !EN.contains(stem) {
            out.push(stem.bytes().fold(0u64, |h, b| h << 8 | b as u64) | 1 << 63);
        }
        word.clear();
        let cjk = crate::text::is_cjk(c);
        if let Some(p) = prev.filter(|_| cjk) {
            if !ZH.iter().any(|w| w.chars().eq([p, c])) {
                out.push((p as u64) << 21 | c as u64);
            }
        }
        prev = cjk.then_some(c);
    }
    out.sort_unstable();
    out.dedup();
    out
}

/// What the agent wrote, as Duxin keeps it: what was specific to that customer becomes a slot
/// (`slot_specifics`: times, amounts, dates, order and tracking numbers, contact data, links)
/// and their name `[name]` (`privacy::mask`, which also masks any personal data left).
pub fn template(text: &str, customer: Option<&str>) -> String {
    crate::privacy::mask(&slot_specifics(text), customer)
}

/// A kept template offered for this conversation: `[name]` becomes how this customer is
/// addressed (or goes), and what is specific is a slot.
pub fn offer(text: &str, name: Option<&str>) -> String {
    let text = match name {
        Some(n) => text.replace("[name]", n),
        None => text
            .replace("[name]，", "")
            .replace("[name],", "")
            .replace("[name]", ""),
    };
    slot_specifics(&text)
}

/// An earlier answer offered again: what was specific to that customer (a time, a date, an
/// amount, an order or tracking number, contact data) becomes a `[[slot]]` the agent fills for
/// this one, so a remembered "1-3个工作日到账" is never promised to someone else unchecked.
pub fn slot_specifics(text: &str) -> String {
    let zh = text.chars().any(crate::text::is_cjk);
    let label = |k: FactKind| -> Option<&'static str> {
        Some(match (k, zh) {
            (FactKind::Duration, true) => "时间",
            (FactKind::Duration, false) => "time",
            (FactKind::Date, true) => "日期",
            (FactKind::Date, false) => "date",
            (FactKind::Amount, true) => "金额",
            (FactKind::Amount, false) => "amount",
            (FactKind::OrderNumber, true) => "订单号",
            (FactKind::OrderNumber, false) => "order ID",
            (FactKind::TrackingNumber, true) => "运单号",
            (FactKind::TrackingNumber, false) => "tracking number",
            (FactKind::Phone, true) => "电话",
            (FactKind::Phone, false) => "phone",
            (FactKind::Email, true) => "邮箱",
            (FactKind::Email, false) => "e-mail",
            (FactKind::Address, true) => "地址",
            (FactKind::Address, false) => "address",
            (FactKind::Url, true) => "链接",
            (FactKind::Url, false) => "link",
            _ => return None,
        })
    };
    let units: Vec<u16> = text.encode_utf16().collect();
    let mut out: Vec<u16> = Vec::with_capacity(units.len());
    let mut at = 0usize;
    for f in crate::facts::extract(text, None) {
        let (mut a, b) = (f.start as usize, f.end as usize);
        let Some(l) = label(f.kind).filter(|_| a >= at && b <= units.len()) else {
            continue;
        };
        // "1-3个工作日": the lower end of a range belongs to the same slot.
        if a >= 2
            && matches!(units[a - 1], 0x2d | 0x7e | 0x5230 | 0x81f3 | 0xff5e)
            && (units[a - 2] as u8 as char).is_ascii_digit()
            && units[a - 2] < 0x80
        {
            a -= 1;
            while a > at && units[a - 1] < 0x80 && (units[a - 1] as u8).is_ascii_digit() {
                a -= 1;
            }
        }
        out.extend_from_slice(&units[at..a]);
        out.extend(format!("[[{l}]]").encode_utf16());
        at = b;
    }
    out.extend_from_slice(&units[at..]);
    relative_days(&String::from_utf16_lossy(&out), zh)
}

/// "明天", "today", "by Friday": a day said to one customer is a slot for the next.
fn relative_days(text: &str, zh: bool) -> String {
    const ZH: Words = words![
        "今天",
        "明天",
        "后天",
        "今晚",
        "明早",
        "本周",
        "下周",
        "这周",
        "周末",
        "下班前",
    ];
    const EN: Words = words![
        "today",
        "tomorrow",
        "tonight",
        "this week",
        "next week",
        "monday",
        "tuesday",
        "wednesday",
        "thursday",
        "friday",
        "saturday",
        "sunday",
    ];
    let slot = if zh { "[[日期]]" } else { "[[date]]" };
    let mut out = text.to_string();
    for w in ZH {
        out = out.replace(w, slot);
    }
    for w in EN {
        let mut from = 0;
        while let Some(p) = out[from..].to_ascii_lowercase().find(w).map(|p| p + from) {
            let before = out[..p]
                .chars()
                .next_back()
                .is_none_or(|c| !c.is_alphanumeric());
            let after = out[p + w.len()..]
                .chars()
                .next()
                .is_none_or(|c| !c.is_alphanumeric());
            if before && after {
                out.replace_range(p..p + w.len(), slot);
                from = p + slot.len();
            } else {
                from = p + w.len();
            }
        }
    }
    out
}

/// Classify what the agent sent after inserting a suggestion.
pub fn outcome_of(suggested: &str, sent: &str) -> Outcome {
    let (a, b) = (suggested.trim(), sent.trim());
    if a == b {
        Outcome::Accepted
    } else if dice(&shingles(a), &shingles(b)) >= 0.3 {
        Outcome::Edited
    } else {
        Outcome::Dismissed
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fb(entry: &str, outcome: Outcome, sent: Option<&str>) -> Feedback {
        Feedback {
            entry: entry.into(),
            outcome,
            suggested: "x".into(),
            sent: sent.map(str::to_string),
        }
    }

    #[test]
    fn used_entries_rise_and_dismissed_ones_sink() {
        let mut l = Learned::default();
        for _ in 0..4 {
            l.record(&fb("a", Outcome::Accepted, None), None);
            l.record(&fb("b", Outcome::Dismissed, None), None);
        }
        assert!(
            l.boost("a") > 0.5 && l.boost("b") < -0.5,
            "{} {}",
            l.boost("a"),
            l.boost("b")
        );
        assert_eq!(l.boost("unknown"), 0.0);
    }

    #[test]
    fn the_same_edit_twice_becomes_the_proposed_form() {
        let mut l = Learned::default();
        l.record(
            &fb(
                "a",
                Outcome::Edited,
                Some("亲，已经帮您加急了，今天发出哦~"),
            ),
            None,
        );
        assert_eq!(l.preferred_form("a"), None);
        l.record(
            &fb(
                "a",
                Outcome::Edited,
                Some("亲，已经帮您加急了，今天发出哦~"),
            ),
            None,
        );
        assert_eq!(
            l.preferred_form("a"),
            Some("亲，已经帮您加急了，[[日期]]发出哦~")
        );
        l.record(
            &fb(
                "a",
                Outcome::Edited,
                Some("完全不同的一句话，和前面没有关系"),
            ),
            None,
        );
        assert_eq!(l.preferred_form("a"), None);
    }

    /// A realistic exchange: the customer gives their name, phone and address and asks about a
    /// scarf; the agent answers in their own words and, once, edits a suggestion with the
    /// customer's details. What the learned store would write to disk.
    fn learned_after_a_realistic_exchange(keep_text: bool) -> String {
        let question = "你好，我是林晓雯，电话13912345678，收货地址浙江省杭州市西湖区文三路188号，这条紫藤花围巾外婆戴会不会扎脖子？";
        let mut l = Learned::default();
        assert!(l.remember(
            question,
            "林晓雯您好，这款围巾是100%羊绒的，很柔软不扎，老人家戴也舒服哦~",
            Some("林晓雯"),
            "c1",
            Lang::Zh,
            Some(Intent::ProductQuestion),
            keep_text
        ));
        let sent = "林女士您好，已经帮您把地址改成浙江省杭州市西湖区文三路188号，电话13912345678也登记好了，明天发出~";
        l.record(
            &Feedback {
                entry: "zh.address".into(),
                outcome: Outcome::Edited,
                suggested: "好的，已帮您修改地址".into(),
                sent: Some(sent.into()),
            },
            Some("林晓雯"),
        );
        serde_json::to_string(&l).unwrap()
    }

    const CUSTOMER: [&str; 9] = [
        "林晓雯",
        "晓雯",
        "林女士",
        "13912345678",
        "文三路",
        "188",
        "紫藤花",
        "外婆",
        "脖子",
    ];

    #[test]
    fn in_default_settings_the_learned_store_holds_no_customer_data_and_no_word_of_their_question()
    {
        let json = learned_after_a_realistic_exchange(false);
        for leak in CUSTOMER {
            assert!(!json.contains(leak), "{leak} in {json}");
        }
        // The agent's own words stay, as templates with the customer's data as slots.
        assert!(
            json.contains("[name]您好，这款围巾是100%羊绒的")
                && json.contains("[[地址]]")
                && json.contains("[[电话]]")
                && json.contains("[[日期]]"),
            "{json}"
        );
    }

    #[test]
    fn with_texts_kept_the_question_is_kept_masked() {
        let json = learned_after_a_realistic_exchange(true);
        assert!(json.contains("紫藤花围巾外婆戴"), "{json}");
        for leak in &CUSTOMER[..6] {
            assert!(!json.contains(leak), "{leak} in {json}");
        }
    }

    #[test]
    fn an_edited_form_comes_back_with_this_customers_name_and_blanks_for_the_last_ones_details() {
        let mut l = Learned::default();
        for _ in 0..2 {
            l.record(&fb("a", Outcome::Edited, Some("Hi Megan, I've changed the address to 742 Evergreen Street and we'll call +1 415 555 0134 tomorrow.")), Some("Megan Brooks"));
        }
        let form = l.preferred_form("a").unwrap();
        assert_eq!(
            form,
            "Hi [name], I've changed the address to [[address]] and we'll call [[phone]] [[date]]."
        );
        assert_eq!(
            offer(form, Some("Tom")),
            "Hi Tom, I've changed the address to [[address]] and we'll call [[phone]] [[date]]."
        );
    }

    #[test]
    fn the_agents_own_answers_are_recalled_for_similar_questions() {
        let mut l = Learned::default();
        assert!(l.remember(
            "王芳：这个面霜孕妇能用吗",
            "王芳您好，这款面霜不含酒精和香精，孕期可以用，建议先在耳后试用一下哦",
            Some("王芳"),
            "c1",
            Lang::Zh,
            Some(Intent::ProductQuestion),
            false
        ));
        assert!(
            !l.remember(
                "单号多少",
                "您的单号是SF1234567890123，明天到",
                None,
                "c1",
                Lang::Zh,
                Some(Intent::Logistics),
                false
            ),
            "tied to one customer"
        );
        assert!(
            !l.remember("在吗", "在的", None, "c1", Lang::Zh, None, false),
            "too short to be knowledge"
        );
        let hits = l.recall(
            "孕妇可以用这个面霜吗？",
            Lang::Zh,
            Some(Intent::ProductQuestion),
        );
        assert_eq!(hits.len(), 1);
        assert!(
            hits[0].1.reply.starts_with("[name]您好") && !hits[0].1.reply.contains("王芳"),
            "{}",
            hits[0].1.reply
        );
        assert!(l
            .recall("Can I use it while pregnant?", Lang::En, None)
            .is_empty());
        // A question of the same kind about something the answer does not speak of: not recalled.
        assert!(l
            .recall(
                "这个保温杯能装可乐吗？",
                Lang::Zh,
                Some(Intent::ProductQuestion)
            )
            .is_empty());
        // The same answer again counts as a use, not a second memory; the same exchange read
        // again (a reload) counts nothing.
        l.remember(
            "孕妇能用吗这个面霜",
            "您好，这款面霜不含酒精和香精，孕期可以用，建议先在耳后试用一下哦",
            None,
            "c2",
            Lang::Zh,
            Some(Intent::ProductQuestion),
            false,
        );
        l.remember(
            "孕妇能用吗这个面霜",
            "您好，这款面霜不含酒精和香精，孕期可以用，建议先在耳后试用一下哦",
            None,
            "c2",
            Lang::Zh,
            Some(Intent::ProductQuestion),
            false,
        );
        assert_eq!((l.memory.len(), l.memory[0].uses), (1, 2));
        // Old stores without a memory still load.
        assert!(Learned::from_json(r#"{"entries":[]}"#).memory.is_empty());
    }

    #[test]
    fn texts_kept_earlier_go_when_the_agent_does_not_keep_texts() {
        let old = r#"{"entries":[{"entry":"a","accepted":0,"edited":2,"dismissed":0,"edited_form":"已改到浙江省杭州市西湖区文三路188号，明天发","same_edit_streak":2}],"memory":[{"lang":"zh","intent":"product_question","question":"这条紫藤花围巾扎不扎","reply":"这款围巾是羊绒的，很柔软不扎哦","uses":1}]}"#;
        let mut l = Learned::from_json(old);
        assert!(l.forget_texts());
        let json = serde_json::to_string(&l).unwrap();
        assert!(
            !json.contains("紫藤花") && !json.contains("文三路188号") && !json.contains("明天"),
            "{json}"
        );
        assert!(!l.forget_texts(), "nothing more to forget");
        // What was learned still works: the answer is recalled by its topic and words.
        assert_eq!(
            l.recall("围巾会扎吗", Lang::Zh, Some(Intent::ProductQuestion))
                .len(),
            1
        );
    }

    #[test]
    fn a_time_or_amount_from_an_earlier_answer_becomes_a_slot() {
        assert_eq!(
            slot_specifics("亲，退款1-3个工作日到账哦"),
            "亲，退款[[时间]]到账哦"
        );
        let en = slot_specifics("Your refund of $24.50 should arrive within 2 days.");
        assert!(
            en.contains("[[amount]]") && en.contains("[[time]]") && !en.contains("24.50"),
            "{en}"
        );
        assert_eq!(slot_specifics("好的，马上处理"), "好的，马上处理");
        assert_eq!(slot_specifics("亲，明天就到~"), "亲，[[日期]]就到~");
        assert_eq!(
            slot_specifics("It ships Friday, see you today!"),
            "It ships [[date]], see you [[date]]!"
        );
        assert_eq!(slot_specifics("How can I help you?"), "How can I help you?");
    }

    #[test]
    fn outcomes_and_damaged_store() {
        assert_eq!(outcome_of("今天发出", " 今天发出 "), Outcome::Accepted);
        assert_eq!(
            outcome_of("我们今天一定给您发出", "我们今天一定给您发出哦亲"),
            Outcome::Edited
        );
        assert_eq!(
            outcome_of("今天发出", "请问还有别的问题吗"),
            Outcome::Dismissed
        );
        assert_eq!(Learned::from_json("{not json"), Learned::default());
    }

    #[test]
    fn the_panel_reads_the_learned_store_as_serde_reads_it() {
        let mut l = Learned::default();
        assert!(l.remember(
            "When will my order arrive? It has been a week",
            "It left our warehouse on Monday and should reach you within two days.",
            None,
            "c2",
            Lang::En,
            Some(Intent::Logistics),
            true
        ));
        l.record(&fb("en.refund", Outcome::Accepted, None), None);
        l.record(&fb("en.refund", Outcome::Dismissed, None), None);
        let english = serde_json::to_string(&l).unwrap();
        let stores = [
            learned_after_a_realistic_exchange(false),
            learned_after_a_realistic_exchange(true),
            english.clone(),
        ];
        let mut inputs: Vec<&str> = stores.iter().map(String::as_str).collect();
        inputs.extend([
            r#"{"entries":[]}"#,
            r#"{"entries":[{"entry":"a","accepted":1,"edited":0,"dismissed":2,"same_edit_streak":0}],"memory":[{"lang":"zh","reply":"好的亲","uses":3,"ask":"how_much","intent":"size_fit"}]}"#,
            r#"{"memory":[]}"#,
            r#"{"entries":[{"entry":"a","accepted":1,"edited":0,"dismissed":2}]}"#,
            r#"{"entries":[],"memory":[{"lang":"zh","reply":"好的亲","uses":3,"ask":"HowMuch"}]}"#,
            r#"{"entries":[],"memory":[{"lang":"zh","reply":"好的亲","uses":-3}]}"#,
            r#"{"entries":[],"memory":[{"lang":"zh","reply":"好的亲","uses":3,"seen":"c1"}]}"#,
            "{not json",
        ]);
        let read = crate::json_lite::assert_reads_as_serde::<Learned>(&inputs);
        assert_eq!(read, 5);
        // What the panel loads: the store written, read back and indexed.
        let mut written = l.clone();
        written.memory.iter_mut().for_each(Said::reindex);
        assert_eq!(Learned::from_json(&english), written);
        assert!(!written.memory.is_empty() && written.memory[0].ask.is_some());
    }
}
