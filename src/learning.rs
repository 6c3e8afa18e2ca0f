//! Learning from what the agent does with suggestions: accepted as is, edited before sending, or
//! dismissed. Kept on the agent's machine (the extension stores it in chrome.storage.local) and
//! used by ranking: entries the agent uses rise, dismissed ones sink, and an entry the agent always
//! edits the same way is proposed in its edited form.

use serde::{Deserialize, Serialize};

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

/// Everything learned, small enough to keep as one JSON value.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct Learned {
    pub entries: Vec<EntryStats>,
}

impl Learned {
    pub fn from_json(s: &str) -> Self {
        // A damaged store starts over rather than breaking the panel.
        serde_json::from_str(s).unwrap_or_default()
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

    /// The form the agent always sends instead of this entry's text (two identical edits in a row).
    pub fn preferred_form(&self, entry: &str) -> Option<&str> {
        self.stats(entry).filter(|e| e.same_edit_streak >= 2).and_then(|e| e.edited_form.as_deref())
    }
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
    fn outcomes_and_damaged_store() {
        assert_eq!(outcome_of("今天发出", " 今天发出 "), Outcome::Accepted);
        assert_eq!(outcome_of("我们今天一定给您发出", "我们今天一定给您发出哦亲"), Outcome::Edited);
        assert_eq!(outcome_of("今天发出", "请问还有别的问题吗"), Outcome::Dismissed);
        assert_eq!(Learned::from_json("{not json"), Learned::default());
    }
}
