//! Insights for shop owners, computed in the core from what the extension stores locally: which
//! topics spike (maybe the product page is unclear), which words and situations come before anger
//! or threats, which replies settle a conversation. Records hold no message text and no personal
//! data: intents, product names from the page, lexicon terms, outcomes, days.

use std::collections::HashMap;

use serde::{Deserialize, Serialize};

use crate::analysis::{Analysis, SignalKind};
use crate::conversation::{Conversation, Role};
use crate::kinds::{CueKind, Intent};
use crate::learning::Outcome;

/// One finished (or updated) conversation, as stored.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ConversationRecord {
    /// Days since 1970-01-01 (local day of the console).
    pub day: i32,
    pub intent: Option<Intent>,
    pub product: Option<String>,
    /// Lexicon terms in customer messages that came right before anger or a threat.
    pub triggers: Vec<String>,
    pub angry: bool,
    pub repeated: bool,
    /// The customer's last message is neutral or positive, or thanks.
    pub ended_well: bool,
    pub risk: u8,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SuggestionRecord {
    pub day: i32,
    pub entry: String,
    pub outcome: Outcome,
    /// Whether the conversation then ended well, once known.
    pub ended_well: Option<bool>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ExceptionRecord {
    pub day: i32,
    pub kind: String,
    pub approved: Option<bool>,
}

/// Summarise a conversation for storage: no text, no names, no numbers.
pub fn record_of(conv: &Conversation, a: &Analysis, day: i32) -> ConversationRecord {
    let mut triggers = Vec::new();
    let mut angry = false;
    for (k, m) in a.messages.iter().enumerate() {
        let hot = m.reading.emotion(CueKind::Anger) > 0.0 || m.reading.emotion(CueKind::Threat) > 0.0;
        angry |= hot;
        if hot {
            // What this message and the one before it said besides the anger itself.
            for prev in a.messages[k.saturating_sub(1)..=k].iter() {
                for c in &prev.reading.cues {
                    if !matches!(c.kind, CueKind::Anger | CueKind::Threat) && c.text.chars().count() <= 12 && !triggers.contains(&c.text) {
                        triggers.push(c.text.clone());
                    }
                }
            }
        }
    }
    let last_customer = a.messages.last();
    let ended_well = last_customer.is_some_and(|m| m.reading.polarity >= -0.1 || m.reading.intent == Some(Intent::Thanks))
        && conv.messages.last().is_some_and(|m| m.role != Role::Customer || last_customer.is_some_and(|l| l.reading.polarity > 0.1));
    ConversationRecord {
        day,
        intent: a.intent,
        product: conv.order.as_ref().and_then(|o| o.product.clone()),
        triggers,
        angry,
        repeated: a.signal(SignalKind::Repetition).is_some(),
        ended_well,
        risk: a.risk.score,
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Spike {
    /// An intent name or a product.
    pub topic: String,
    pub day: i32,
    pub count: u32,
    /// Mean per day over the week before.
    pub baseline: f32,
    /// A note the owner can copy to operations.
    pub note_zh: String,
    pub note_en: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
pub struct ReplyStats {
    pub entry: String,
    pub accepted: u32,
    pub edited: u32,
    pub dismissed: u32,
    /// Share of uses after which the conversation ended well (None until known).
    pub ended_well_rate: Option<f32>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
pub struct Insights {
    pub conversations: u32,
    /// (day, topic, count), topics being intents.
    pub intents_by_day: Vec<(i32, String, u32)>,
    pub spikes: Vec<Spike>,
    /// Terms most often followed by anger or threats, with counts.
    pub upset_triggers: Vec<(String, u32)>,
    /// Intents whose conversations most often had the same question asked again.
    pub repeated_hotspots: Vec<(String, u32)>,
    pub replies: Vec<ReplyStats>,
    pub exceptions_requested: u32,
    pub exceptions_approved: u32,
    pub ended_well_rate: f32,
}

/// Aggregate records within [from, to] (days, inclusive).
pub fn aggregate(convs: &[ConversationRecord], sugg: &[SuggestionRecord], exc: &[ExceptionRecord], from: i32, to: i32) -> Insights {
    let mut ins = Insights::default();
    let mut per_day: HashMap<(i32, String), u32> = HashMap::new();
    let mut triggers: HashMap<&str, u32> = HashMap::new();
    let mut repeated: HashMap<String, u32> = HashMap::new();
    let mut well = 0u32;
    // Topic counts over a 7-day lead-in before `from` too, so a spike on the first day shows.
    for c in convs.iter().filter(|c| c.day >= from - 7 && c.day <= to) {
        let topics = c.intent.map(|i| i.as_str().to_string()).into_iter().chain(c.product.clone());
        for t in topics {
            *per_day.entry((c.day, t)).or_default() += 1;
        }
        if c.day < from {
            continue;
        }
        ins.conversations += 1;
        if c.ended_well {
            well += 1;
        }
        if c.angry {
            for t in &c.triggers {
                *triggers.entry(t.as_str()).or_default() += 1;
            }
        }
        if c.repeated {
            *repeated.entry(c.intent.map(|i| i.as_str()).unwrap_or("other").to_string()).or_default() += 1;
        }
    }
    ins.ended_well_rate = if ins.conversations > 0 { well as f32 / ins.conversations as f32 } else { 0.0 };
    let mut days: Vec<(i32, String, u32)> = per_day.iter().filter(|((d, t), _)| *d >= from && Intent::parse(t).is_some()).map(|((d, t), n)| (*d, t.clone(), *n)).collect();
    days.sort();
    ins.intents_by_day = days;
    // Spikes: a day well above the week before it (at least 5, twice the mean, 3 sd).
    let mut spikes = Vec::new();
    for ((day, topic), n) in per_day.iter().filter(|((d, _), _)| *d >= from) {
        let prev: Vec<f32> = (1..=7).map(|k| per_day.get(&(day - k, topic.clone())).copied().unwrap_or(0) as f32).collect();
        let mean = prev.iter().sum::<f32>() / 7.0;
        let sd = (prev.iter().map(|x| (x - mean).powi(2)).sum::<f32>() / 7.0).sqrt();
        let n = *n as f32;
        if n >= 5.0 && n >= 2.0 * mean.max(1.0) && n >= mean + 3.0 * sd.max(0.5) {
            let label_zh = Intent::parse(topic).map(|i| i.zh().to_string()).unwrap_or_else(|| topic.clone());
            let label_en = Intent::parse(topic).map(|i| i.en().to_string()).unwrap_or_else(|| topic.clone());
            spikes.push(Spike {
                topic: topic.clone(),
                day: *day,
                count: n as u32,
                baseline: (mean * 10.0).round() / 10.0,
                note_zh: format!(
                    "最近很多客户在问「{label_zh}」：当天{}次，平时每天约{:.1}次。建议检查商品页和自动回复是否把这件事说清楚，补充后可以减少这类咨询。",
                    n as u32, mean
                ),
                note_en: format!(
                    "Many customers are asking about \"{label_en}\": {} on that day against about {:.1} a day before. Check whether the product page and auto-replies cover it; adding it could cut these chats.",
                    n as u32, mean
                ),
            });
        }
    }
    spikes.sort_by(|a, b| (b.day, b.count).cmp(&(a.day, a.count)));
    ins.spikes = spikes;
    let mut t: Vec<(String, u32)> = triggers.into_iter().map(|(k, v)| (k.to_string(), v)).collect();
    t.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
    t.truncate(20);
    ins.upset_triggers = t;
    let mut r: Vec<(String, u32)> = repeated.into_iter().collect();
    r.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
    ins.repeated_hotspots = r;
    let mut replies: HashMap<&str, (ReplyStats, u32, u32)> = HashMap::new();
    for s in sugg.iter().filter(|s| s.day >= from && s.day <= to) {
        let e = replies.entry(s.entry.as_str()).or_insert_with(|| (ReplyStats { entry: s.entry.clone(), ..Default::default() }, 0, 0));
        match s.outcome {
            Outcome::Accepted => e.0.accepted += 1,
            Outcome::Edited => e.0.edited += 1,
            Outcome::Dismissed => e.0.dismissed += 1,
        }
        if s.outcome != Outcome::Dismissed {
            if let Some(w) = s.ended_well {
                e.2 += 1;
                if w {
                    e.1 += 1;
                }
            }
        }
    }
    let mut rs: Vec<ReplyStats> = replies
        .into_values()
        .map(|(mut s, good, known)| {
            s.ended_well_rate = (known > 0).then(|| good as f32 / known as f32);
            s
        })
        .collect();
    rs.sort_by(|a, b| (b.accepted + b.edited).cmp(&(a.accepted + a.edited)).then(a.entry.cmp(&b.entry)));
    ins.replies = rs;
    for e in exc.iter().filter(|e| e.day >= from && e.day <= to) {
        ins.exceptions_requested += 1;
        if e.approved == Some(true) {
            ins.exceptions_approved += 1;
        }
    }
    ins
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::Analyzer;
    use crate::conversation::Message;

    fn rec(day: i32, intent: Intent, product: Option<&str>) -> ConversationRecord {
        ConversationRecord { day, intent: Some(intent), product: product.map(str::to_string), triggers: vec![], angry: false, repeated: false, ended_well: true, risk: 10 }
    }

    #[test]
    fn a_topic_rising_well_above_its_week_is_a_spike_with_a_note() {
        let mut v = Vec::new();
        for d in 0..14 {
            for _ in 0..2 {
                v.push(rec(d, Intent::Logistics, None));
            }
            v.push(rec(d, Intent::ProductQuestion, Some("保温杯")));
        }
        for _ in 0..9 {
            v.push(rec(14, Intent::ProductQuestion, Some("保温杯")));
        }
        let ins = aggregate(&v, &[], &[], 7, 14);
        let s = ins.spikes.iter().find(|s| s.topic == "保温杯").expect("spike");
        assert_eq!((s.day, s.count), (14, 9));
        assert!(s.note_zh.contains("保温杯") && s.note_zh.contains("9次"));
        assert!(!ins.spikes.iter().any(|s| s.topic == "logistics"), "steady topics do not spike");
    }

    #[test]
    fn triggers_replies_and_exceptions() {
        let an = Analyzer::new().unwrap();
        let m = |role, t: &str| Message { role, text: t.into(), time: None, id: None };
        let c = Conversation {
            messages: vec![m(Role::Customer, "快递怎么还没到？"), m(Role::Agent, "亲，在路上"), m(Role::Customer, "上次也是这么说的，气死了，我要投诉")],
            ..Default::default()
        };
        let r = record_of(&c, &an.analyze(&c), 100);
        assert!(r.angry && r.triggers.iter().any(|t| t == "上次也是"), "{:?}", r.triggers);
        assert!(!r.ended_well);
        let s = vec![
            SuggestionRecord { day: 100, entry: "zh.logistics.status".into(), outcome: Outcome::Accepted, ended_well: Some(true) },
            SuggestionRecord { day: 100, entry: "zh.logistics.status".into(), outcome: Outcome::Edited, ended_well: Some(false) },
            SuggestionRecord { day: 100, entry: "zh.generic".into(), outcome: Outcome::Dismissed, ended_well: None },
        ];
        let e = vec![ExceptionRecord { day: 100, kind: "return_window".into(), approved: Some(true) }, ExceptionRecord { day: 100, kind: "return_window".into(), approved: None }];
        let ins = aggregate(&[r], &s, &e, 90, 110);
        assert_eq!(ins.upset_triggers[0].1, 1);
        assert_eq!(ins.replies[0].entry, "zh.logistics.status");
        assert_eq!(ins.replies[0].ended_well_rate, Some(0.5));
        assert_eq!((ins.exceptions_requested, ins.exceptions_approved), (2, 1));
        assert_eq!(ins.conversations, 1);
    }

    #[test]
    fn records_carry_no_message_text() {
        let an = Analyzer::new().unwrap();
        let c = Conversation {
            messages: vec![Message { role: Role::Customer, text: "我叫王芳，电话13812345678，气死了".into(), time: None, id: None }],
            ..Default::default()
        };
        let j = serde_json::to_string(&record_of(&c, &an.analyze(&c), 1)).unwrap();
        assert!(!j.contains("王芳") && !j.contains("13812345678"), "{j}");
    }
}
