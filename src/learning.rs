//! Learning from what the agent does with suggestions: accepted as is, edited before sending, or
//! dismissed. Kept on the agent's machine (the extension stores it in chrome.storage.local) and
//! used by ranking: entries the agent uses rise, dismissed ones sink, and an entry the agent always
//! edits the same way is proposed in its edited form.

use serde::{Deserialize, Serialize};

use crate::facts::FactKind;
use crate::kinds::{Intent, Lang};
use crate::text::{dice, shingles};

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

/// Something the agent answered to a customer's question, in their own words (masked).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct Said {
    pub lang: Lang,
    #[cfg_attr(test, ts(optional))]
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub intent: Option<Intent>,
    pub question: String,
    pub reply: String,
    /// How many times the agent gave (nearly) this answer to (nearly) this question.
    pub uses: u32,
    /// Shingles of the question and the reply, kept beside them: recall runs on every read of
    /// the conversation and would otherwise rebuild them for every stored answer (not stored;
    /// filled on load and whenever the texts change).
    #[serde(skip)]
    #[cfg_attr(test, ts(skip))]
    shingles: (Vec<u64>, Vec<u64>),
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

/// How many answers are kept (the least used go first).
const MEMORY: usize = 300;

impl Learned {
    pub fn from_json(s: &str) -> Self {
        // A damaged store starts over rather than breaking the panel.
        let mut l: Learned = serde_json::from_str(s).unwrap_or_default();
        for m in &mut l.memory {
            m.shingles = (shingles(&m.question), shingles(&m.reply));
        }
        l
    }

    pub fn stats(&self, entry: &str) -> Option<&EntryStats> {
        self.entries.iter().find(|e| e.entry == entry)
    }

    pub fn record(&mut self, f: &Feedback) {
        let i = match self.entries.iter().position(|e| e.entry == f.entry) {
            Some(i) => i,
            None => {
                self.entries.push(EntryStats { entry: f.entry.clone(), ..Default::default() });
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
                    let same = e.edited_form.as_deref().is_some_and(|old| dice(&shingles(old), &shingles(sent)) >= 0.9);
                    e.same_edit_streak = if same { e.same_edit_streak + 1 } else { 1 };
                    e.edited_form = Some(sent.to_string());
                }
            }
        }
    }

    /// A ranking adjustment in roughly -2..+1.5: used entries rise, dismissed ones sink.
    pub fn boost(&self, entry: &str) -> f32 {
        let Some(e) = self.stats(entry) else { return 0.0 };
        let used = (e.accepted + e.edited) as f32;
        let n = used + e.dismissed as f32;
        if n == 0.0 {
            return 0.0;
        }
        // Laplace-smoothed share of uses, centred on 0.5, scaled by how much evidence there is.
        let share = (used + 1.0) / (n + 2.0) - 0.5;
        share * 3.0 * (n / (n + 2.0))
    }

    /// Remember what the agent answered to a question. Kept masked (`privacy::mask`); answers
    /// tied to one customer (order or tracking numbers, contact data, links) are not kept, and
    /// neither are one-word acknowledgements. Returns whether it was kept.
    pub fn remember(&mut self, question: &str, reply: &str, customer: Option<&str>, lang: Lang, intent: Option<Intent>) -> bool {
        let (q, r) = (question.trim(), reply.trim());
        if q.chars().count() < 3 || r.chars().count() < 8 {
            return false;
        }
        let specific = crate::facts::extract(r, None).iter().any(|f| !matches!(f.kind, FactKind::Amount | FactKind::Duration | FactKind::Date | FactKind::Product));
        if specific {
            return false;
        }
        let (q, r) = (crate::privacy::mask(q, customer), crate::privacy::mask(r, customer));
        // The same exchange read again (the page reloaded): nothing new.
        if self.memory.iter().any(|s| s.question == q && s.reply == r) {
            return false;
        }
        let (qs, rs) = (shingles(&q), shingles(&r));
        if let Some(s) = self.memory.iter_mut().find(|s| s.lang == lang && dice(&s.shingles.1, &rs) >= 0.8 && dice(&s.shingles.0, &qs) >= 0.5) {
            s.uses += 1;
            s.reply = r;
            s.shingles.1 = rs;
            return true;
        }
        self.memory.push(Said { lang, intent, question: q, reply: r, uses: 1, shingles: (qs, rs) });
        if self.memory.len() > MEMORY {
            let least = self.memory.iter().enumerate().min_by_key(|(_, s)| s.uses).map(|(i, _)| i).unwrap_or(0);
            self.memory.remove(least);
        }
        true
    }

    /// The agent's past answers to questions like this one, most similar first, with similarity.
    pub fn recall(&self, question: &str, lang: Lang, intent: Option<Intent>) -> Vec<(f32, &Said)> {
        let q = shingles(question);
        let mut v: Vec<(f32, &Said)> = self
            .memory
            .iter()
            .filter(|s| s.lang == lang)
            .map(|s| (dice(&q, &s.shingles.0), s))
            .filter(|(sim, s)| *sim >= 0.5 || (*sim >= 0.3 && intent.is_some_and(|i| i.is_substantive()) && s.intent == intent))
            .collect();
        v.sort_by(|a, b| b.0.partial_cmp(&a.0).unwrap_or(std::cmp::Ordering::Equal).then(b.1.uses.cmp(&a.1.uses)));
        v
    }

    /// The agent dismissed this entry every time it came up (three times or more, never used):
    /// it is no longer offered.
    pub fn rejected(&self, entry: &str) -> bool {
        self.stats(entry).is_some_and(|e| e.dismissed >= 3 && e.accepted + e.edited == 0)
    }

    /// The form the agent always sends instead of this entry's text (two identical edits in a row).
    pub fn preferred_form(&self, entry: &str) -> Option<&str> {
        self.stats(entry).filter(|e| e.same_edit_streak >= 2).and_then(|e| e.edited_form.as_deref())
    }
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
            _ => return None,
        })
    };
    let units: Vec<u16> = text.encode_utf16().collect();
    let mut out: Vec<u16> = Vec::with_capacity(units.len());
    let mut at = 0usize;
    for f in crate::facts::extract(text, None) {
        let (mut a, b) = (f.start as usize, f.end as usize);
        let Some(l) = label(f.kind).filter(|_| a >= at && b <= units.len()) else { continue };
        // "1-3个工作日": the lower end of a range belongs to the same slot.
        if a >= 2 && matches!(units[a - 1], 0x2d | 0x7e | 0x5230 | 0x81f3 | 0xff5e) && (units[a - 2] as u8 as char).is_ascii_digit() && units[a - 2] < 0x80 {
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
    const ZH: [&str; 10] = ["今天", "明天", "后天", "今晚", "明早", "本周", "下周", "这周", "周末", "下班前"];
    const EN: [&str; 12] = ["today", "tomorrow", "tonight", "this week", "next week", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"];
    let slot = if zh { "[[日期]]" } else { "[[date]]" };
    let mut out = text.to_string();
    for w in ZH {
        out = out.replace(w, slot);
    }
    for w in EN {
        let mut from = 0;
        while let Some(p) = out[from..].to_ascii_lowercase().find(w).map(|p| p + from) {
            let before = out[..p].chars().next_back().is_none_or(|c| !c.is_alphanumeric());
            let after = out[p + w.len()..].chars().next().is_none_or(|c| !c.is_alphanumeric());
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
        Feedback { entry: entry.into(), outcome, suggested: "x".into(), sent: sent.map(str::to_string) }
    }

    #[test]
    fn used_entries_rise_and_dismissed_ones_sink() {
        let mut l = Learned::default();
        for _ in 0..4 {
            l.record(&fb("a", Outcome::Accepted, None));
            l.record(&fb("b", Outcome::Dismissed, None));
        }
        assert!(l.boost("a") > 0.5 && l.boost("b") < -0.5, "{} {}", l.boost("a"), l.boost("b"));
        assert_eq!(l.boost("unknown"), 0.0);
    }

    #[test]
    fn the_same_edit_twice_becomes_the_proposed_form() {
        let mut l = Learned::default();
        l.record(&fb("a", Outcome::Edited, Some("亲，已经帮您加急了，今天发出哦~")));
        assert_eq!(l.preferred_form("a"), None);
        l.record(&fb("a", Outcome::Edited, Some("亲，已经帮您加急了，今天发出哦~")));
        assert_eq!(l.preferred_form("a"), Some("亲，已经帮您加急了，今天发出哦~"));
        l.record(&fb("a", Outcome::Edited, Some("完全不同的一句话，和前面没有关系")));
        assert_eq!(l.preferred_form("a"), None);
    }

    #[test]
    fn the_agents_own_answers_are_recalled_for_similar_questions() {
        let mut l = Learned::default();
        assert!(l.remember("王芳：这个面霜孕妇能用吗", "王芳您好，这款面霜不含酒精和香精，孕期可以用，建议先在耳后试用一下哦", Some("王芳"), Lang::Zh, Some(Intent::ProductQuestion)));
        assert!(!l.remember("单号多少", "您的单号是SF1234567890123，明天到", None, Lang::Zh, Some(Intent::Logistics)), "tied to one customer");
        assert!(!l.remember("在吗", "在的", None, Lang::Zh, None), "too short to be knowledge");
        let hits = l.recall("孕妇可以用这个面霜吗？", Lang::Zh, Some(Intent::ProductQuestion));
        assert_eq!(hits.len(), 1);
        assert!(hits[0].1.reply.starts_with("[name]您好") && !hits[0].1.reply.contains("王芳"), "{}", hits[0].1.reply);
        assert!(l.recall("Can I use it while pregnant?", Lang::En, None).is_empty());
        // The same answer again counts as a use, not a second memory.
        l.remember("孕妇能用吗这个面霜", "您好，这款面霜不含酒精和香精，孕期可以用，建议先在耳后试用一下哦", None, Lang::Zh, Some(Intent::ProductQuestion));
        assert_eq!((l.memory.len(), l.memory[0].uses), (1, 2));
        // Old stores without a memory still load.
        assert!(Learned::from_json(r#"{"entries":[]}"#).memory.is_empty());
    }

    #[test]
    fn a_time_or_amount_from_an_earlier_answer_becomes_a_slot() {
        assert_eq!(slot_specifics("亲，退款1-3个工作日到账哦"), "亲，退款[[时间]]到账哦");
        let en = slot_specifics("Your refund of $24.50 should arrive within 2 days.");
        assert!(en.contains("[[amount]]") && en.contains("[[time]]") && !en.contains("24.50"), "{en}");
        assert_eq!(slot_specifics("好的，马上处理"), "好的，马上处理");
        assert_eq!(slot_specifics("亲，明天就到~"), "亲，[[日期]]就到~");
        assert_eq!(slot_specifics("It ships Friday, see you today!"), "It ships [[date]], see you [[date]]!");
        assert_eq!(slot_specifics("How can I help you?"), "How can I help you?");
    }

    #[test]
    fn outcomes_and_damaged_store() {
        assert_eq!(outcome_of("今天发出", " 今天发出 "), Outcome::Accepted);
        assert_eq!(outcome_of("我们今天一定给您发出", "我们今天一定给您发出哦亲"), Outcome::Edited);
        assert_eq!(outcome_of("今天发出", "请问还有别的问题吗"), Outcome::Dismissed);
        assert_eq!(Learned::from_json("{not json"), Learned::default());
    }
}
