//! Scoring and evaluation on labelled JSONL (the formats of `shared/eval`): text lines
//! `{"text", "label"}` and dialogue lines `{"turns": [{role, text}], "labels": {...}}`.
//! `duxin score` writes one stable JSON object per input line; `duxin eval` compares with labels.

use std::collections::BTreeMap;

use serde::Serialize;
use serde_json::Value;

use crate::analysis::{squash, turn_dissatisfaction_raw, Analyzer};
use crate::conversation::{Conversation, Role};
use crate::cues::Reading;
use crate::error::{Error, Result};
use crate::kinds::{CueKind, Intent};

/// The longest line `duxin score`, `eval` and `replay` read (one text or one dialogue): 1 MiB.
pub const MAX_LINE: usize = 1 << 20;

/// The lines of a JSONL input, each read only up to `max` bytes: a longer line is an error
/// (`Error::Line`) and the rest of it is skipped unread, so memory stays bounded whatever the
/// input. A read error ends the lines.
pub struct Lines<R> {
    input: R,
    max: usize,
    n: usize,
    done: bool,
}

pub fn lines<R: std::io::BufRead>(input: R, max: usize) -> Lines<R> {
    Lines {
        input,
        max,
        n: 0,
        done: false,
    }
}

impl<R: std::io::BufRead> Iterator for Lines<R> {
    type Item = Result<String>;

    fn next(&mut self) -> Option<Result<String>> {
        use std::io::{BufRead, Read};
        if self.done {
            return None;
        }
        let mut buf = Vec::new();
        match (&mut self.input)
            .take(self.max as u64 + 1)
            .read_until(b'\n', &mut buf)
        {
            Ok(0) => {
                self.done = true;
                return None;
            }
            Ok(_) => {}
            Err(e) => {
                self.done = true;
                return Some(Err(e.into()));
            }
        }
        self.n += 1;
        if buf.last() == Some(&b'\n') {
            buf.pop();
            if buf.last() == Some(&b'\r') {
                buf.pop();
            }
        } else if buf.len() > self.max {
            // Skip the rest of the line without keeping it.
            loop {
                let (found, used) = match self.input.fill_buf() {
                    Ok([]) => (true, 0),
                    Ok(b) => b
                        .iter()
                        .position(|&c| c == b'\n')
                        .map_or((false, b.len()), |p| (true, p + 1)),
                    Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
                    Err(e) => {
                        self.done = true;
                        return Some(Err(e.into()));
                    }
                };
                self.input.consume(used);
                if found {
                    break;
                }
            }
            let message = format!(
                "longer than {} (the limit for one line); not read",
                size(self.max)
            );
            return Some(Err(Error::Line {
                line: self.n,
                message,
            }));
        }
        Some(String::from_utf8(buf).map_err(|_| Error::Line {
            line: self.n,
            message: "not UTF-8".into(),
        }))
    }
}

/// "1 MiB", "512 KiB", "100 bytes".
pub fn size(bytes: usize) -> String {
    match bytes {
        b if b >= 1 << 20 && b % (1 << 20) == 0 => format!("{} MiB", b >> 20),
        b if b >= 1 << 10 && b % (1 << 10) == 0 => format!("{} KiB", b >> 10),
        b => format!("{b} bytes"),
    }
}

#[derive(Debug, Clone, Serialize)]
pub struct EmotionScore {
    pub kind: CueKind,
    pub intensity: f32,
}

/// The `duxin score` contract. Keep it stable: other tools read it.
#[derive(Debug, Clone, Serialize)]
pub struct Score {
    pub polarity: f32,
    /// positive | neutral | negative
    pub label: &'static str,
    pub emotions: Vec<EmotionScore>,
    /// The customer complains or threatens.
    pub complaint: bool,
    /// 0..1: how likely the customer is unhappy with the service.
    pub dissatisfaction: f32,
    pub intent: Option<Intent>,
    /// Dialogue lines only: escalation risk 0..100.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub risk: Option<u8>,
}

pub const NEUTRAL_BAND: f32 = 0.22;

/// positive | neutral | negative, for a polarity.
pub fn label_of(p: f32) -> &'static str {
    if p > NEUTRAL_BAND {
        "positive"
    } else if p < -NEUTRAL_BAND {
        "negative"
    } else {
        "neutral"
    }
}

fn emotions_of(r: &Reading) -> Vec<EmotionScore> {
    let mut v: Vec<EmotionScore> = CueKind::ALL
        .iter()
        .zip(&r.emotions)
        .filter(|(_, x)| **x > 0.0)
        .map(|(k, x)| EmotionScore {
            kind: *k,
            intensity: (x * 100.0).round() / 100.0,
        })
        .collect();
    v.sort_by(|a, b| {
        b.intensity
            .partial_cmp(&a.intensity)
            .unwrap_or(std::cmp::Ordering::Equal)
    });
    v
}

/// A complaint: the customer expresses dissatisfaction with a product or the service, or threatens.
pub fn is_complaint(r: &Reading) -> bool {
    let e = |k| r.emotion(k);
    e(CueKind::Threat) >= 1.0
        // A message that reads negative on one clear problem word ("the app is down").
        || (r.polarity < -0.15 && r.negative >= 0.8)
        || e(CueKind::Anger) + e(CueKind::Distrust) + e(CueKind::Disappointment) >= 2.0
        || r.intent == Some(Intent::Complaint)
        // A problem stated with a negation and pressed ("why hasn't it arrived?", "still not fixed").
        // To a shop, "X doesn't / can't / isn't ..." is most often a problem report.
        // Not when the negation reads as praise: "without any errors", "no problems at all".
        || (r.negations > 0
            && r.positive < 1.0
            && r.polarity <= 0.0
            && e(CueKind::Gratitude) == 0.0)
}

pub fn score_text(an: &Analyzer, text: &str) -> Score {
    let r = an.read(text);
    Score {
        polarity: (r.polarity * 1000.0).round() / 1000.0,
        label: label_of(r.polarity),
        emotions: emotions_of(&r),
        complaint: is_complaint(&r),
        dissatisfaction: (squash(turn_dissatisfaction_raw(&r)) * 1000.0).round() / 1000.0,
        intent: r.intent,
        risk: None,
    }
}

/// The satisfaction class a score reads as (the JDDC/USS vocabulary).
pub fn satisfaction_label(s: &Score) -> &'static str {
    if s.dissatisfaction >= 0.5 {
        "dissatisfied"
    } else if s.polarity > NEUTRAL_BAND {
        "satisfied"
    } else {
        "neutral"
    }
}

pub fn score_dialogue(an: &Analyzer, conv: &Conversation) -> Score {
    let a = an.analyze(conv);
    let mut total = Reading {
        emotions: vec![0.0; CueKind::ALL.len()],
        ..Default::default()
    };
    let mut complaint = false;
    for m in &a.messages {
        for (t, x) in total.emotions.iter_mut().zip(&m.reading.emotions) {
            *t += x;
        }
        complaint |= is_complaint(&m.reading);
    }
    Score {
        polarity: (a.polarity * 1000.0).round() / 1000.0,
        label: label_of(a.polarity),
        emotions: emotions_of(&total),
        complaint,
        dissatisfaction: (a.dissatisfaction * 1000.0).round() / 1000.0,
        intent: a.intent,
        risk: Some(a.risk.score),
    }
}

/// One parsed input line.
// One line lives at a time; boxing the dialogue would only add an allocation.
#[allow(clippy::large_enum_variant)]
#[derive(Debug)]
pub enum Item {
    Text { text: String, label: Value },
    Dialogue { conv: Conversation, labels: Value },
}

pub fn parse_line(line: &str, n: usize) -> Result<Item> {
    let v: Value = serde_json::from_str(line).map_err(|e| Error::Line {
        line: n,
        message: e.to_string(),
    })?;
    if let Some(turns) = v.get("turns").and_then(|t| t.as_array()) {
        let mut msgs = Vec::new();
        for t in turns {
            let role = match t.get("role").and_then(|r| r.as_str()).unwrap_or("customer") {
                "agent" => Role::Agent,
                "bot" => Role::Bot,
                "system" => Role::System,
                _ => Role::Customer,
            };
            let text = t
                .get("text")
                .and_then(|x| x.as_str())
                .unwrap_or("")
                .to_string();
            msgs.push((role, text));
        }
        return Ok(Item::Dialogue {
            conv: Conversation::from_turns(&msgs),
            labels: v.get("labels").cloned().unwrap_or(Value::Null),
        });
    }
    let text = v
        .get("text")
        .and_then(|t| t.as_str())
        .ok_or_else(|| Error::Line {
            line: n,
            message: "neither \"text\" nor \"turns\"".into(),
        })?
        .to_string();
    Ok(Item::Text {
        text,
        label: v.get("label").cloned().unwrap_or(Value::Null),
    })
}

/// Classification metrics over string labels.
#[derive(Debug, Default)]
pub struct Confusion {
    pub labels: Vec<String>,
    pub m: BTreeMap<(String, String), usize>,
    pub n: usize,
}

impl Confusion {
    pub fn add(&mut self, gold: &str, pred: &str) {
        for l in [gold, pred] {
            if !self.labels.iter().any(|x| x == l) {
                self.labels.push(l.to_string());
            }
        }
        *self
            .m
            .entry((gold.to_string(), pred.to_string()))
            .or_default() += 1;
        self.n += 1;
    }

    fn get(&self, g: &str, p: &str) -> usize {
        self.m
            .get(&(g.to_string(), p.to_string()))
            .copied()
            .unwrap_or(0)
    }

    pub fn accuracy(&self) -> f64 {
        let ok: usize = self.labels.iter().map(|l| self.get(l, l)).sum();
        ok as f64 / self.n.max(1) as f64
    }

    /// (precision, recall, f1, support) for a class.
    pub fn prf(&self, l: &str) -> (f64, f64, f64, usize) {
        let tp = self.get(l, l) as f64;
        let pred: usize = self.labels.iter().map(|g| self.get(g, l)).sum();
        let gold: usize = self.labels.iter().map(|p| self.get(l, p)).sum();
        let p = if pred > 0 { tp / pred as f64 } else { 0.0 };
        let r = if gold > 0 { tp / gold as f64 } else { 0.0 };
        let f = if p + r > 0.0 {
            2.0 * p * r / (p + r)
        } else {
            0.0
        };
        (p, r, f, gold)
    }

    /// Macro-F1 over the classes that occur in the gold labels.
    pub fn macro_f1(&self) -> f64 {
        let gold: Vec<&String> = self.labels.iter().filter(|l| self.prf(l).3 > 0).collect();
        gold.iter().map(|l| self.prf(l).2).sum::<f64>() / gold.len().max(1) as f64
    }

    /// Macro-F1 over the named classes that occur in the gold labels (a subset such as the
    /// negative emotions, where the others still count as wrong predictions).
    pub fn macro_f1_of(&self, classes: &[&str]) -> Option<f64> {
        let fs: Vec<f64> = classes
            .iter()
            .map(|l| self.prf(l))
            .filter(|x| x.3 > 0)
            .map(|x| x.2)
            .collect();
        (!fs.is_empty()).then(|| fs.iter().sum::<f64>() / fs.len() as f64)
    }

    pub fn report(&self) -> String {
        let mut labels = self.labels.clone();
        labels.sort();
        let mut s = format!(
            "items {}  accuracy {:.3}  macro-F1 {:.3}\n",
            self.n,
            self.accuracy(),
            self.macro_f1()
        );
        s.push_str(&format!(
            "{:<22} {:>9} {:>9} {:>9} {:>8}\n",
            "class", "precision", "recall", "f1", "support"
        ));
        for l in &labels {
            let (p, r, f, n) = self.prf(l);
            s.push_str(&format!(
                "{:<22} {:>9.3} {:>9.3} {:>9.3} {:>8}\n",
                l, p, r, f, n
            ));
        }
        s.push_str("confusion (rows gold, columns predicted):\n");
        s.push_str(&format!("{:<22}", ""));
        for l in &labels {
            s.push_str(&format!(" {:>10.10}", l));
        }
        s.push('\n');
        for g in &labels {
            s.push_str(&format!("{:<22}", g));
            for p in &labels {
                s.push_str(&format!(" {:>10}", self.get(g, p)));
            }
            s.push('\n');
        }
        s
    }
}

/// Spearman rank correlation (average ranks for ties).
pub fn spearman(x: &[f64], y: &[f64]) -> f64 {
    fn ranks(v: &[f64]) -> Vec<f64> {
        let mut idx: Vec<usize> = (0..v.len()).collect();
        idx.sort_by(|a, b| {
            v[*a]
                .partial_cmp(&v[*b])
                .unwrap_or(std::cmp::Ordering::Equal)
        });
        let mut r = vec![0.0; v.len()];
        let mut i = 0;
        while i < idx.len() {
            let mut j = i;
            while j + 1 < idx.len() && v[idx[j + 1]] == v[idx[i]] {
                j += 1;
            }
            let avg = (i + j) as f64 / 2.0 + 1.0;
            for k in i..=j {
                r[idx[k]] = avg;
            }
            i = j + 1;
        }
        r
    }
    let (rx, ry) = (ranks(x), ranks(y));
    let n = x.len() as f64;
    if n < 2.0 {
        return 0.0;
    }
    let (mx, my) = (rx.iter().sum::<f64>() / n, ry.iter().sum::<f64>() / n);
    let (mut sxy, mut sxx, mut syy) = (0.0, 0.0, 0.0);
    for i in 0..x.len() {
        sxy += (rx[i] - mx) * (ry[i] - my);
        sxx += (rx[i] - mx).powi(2);
        syy += (ry[i] - my).powi(2);
    }
    if sxx == 0.0 || syy == 0.0 {
        0.0
    } else {
        sxy / (sxx * syy).sqrt()
    }
}

/// Map a dataset's intent label onto Duxin's intents (labels already in Duxin's vocabulary map to
/// themselves; common customer-service label sets are folded in by meaning).
pub fn map_intent_label(l: &str) -> &'static str {
    if let Some(i) = Intent::parse(l) {
        return i.as_str();
    }
    let l = l.to_ascii_lowercase();
    let m = |ks: &[&str]| ks.iter().any(|k| l.contains(k));
    if m(&[
        "track_order",
        "delivery",
        "shipping_option",
        "shipment",
        "where",
    ]) {
        "logistics"
    } else if m(&["refund"]) {
        "refund"
    } else if m(&["cancel"]) {
        "cancellation"
    } else if m(&["shipping_address", "address"]) {
        "address_change"
    } else if m(&["invoice", "receipt"]) {
        "invoice"
    } else if m(&["payment"]) {
        "payment"
    } else if m(&["complaint"]) {
        "complaint"
    } else if m(&["human", "customer_service", "contact"]) {
        "human_agent"
    } else if m(&[
        "account",
        "password",
        "registration",
        "newsletter",
        "signup",
    ]) {
        "account"
    } else if m(&["place_order", "change_order"]) {
        "order_change"
    } else if m(&["review", "feedback"]) {
        "review"
    } else if m(&["return"]) {
        "return"
    } else if m(&["exchange"]) {
        "exchange"
    } else if m(&["warranty", "repair"]) {
        "warranty"
    } else {
        "other"
    }
}

/// Coarse emotion label for emotion datasets (SMP2020-EWECT and GoEmotions vocabularies).
pub fn predicted_emotion(r: &Reading) -> &'static str {
    let dom = r.dominant;
    match dom {
        Some(CueKind::Joy) | Some(CueKind::Gratitude) => "happy",
        Some(CueKind::Anger) | Some(CueKind::Threat) => "angry",
        Some(CueKind::Sadness) => "sad",
        Some(CueKind::Disappointment) => {
            if r.emotion(CueKind::Anger) > 0.0 {
                "angry"
            } else {
                "sad"
            }
        }
        Some(CueKind::Anxiety) => "fear",
        Some(CueKind::Distrust) => "angry",
        Some(CueKind::Confusion) => "neutral",
        None if r.polarity > NEUTRAL_BAND => "happy",
        None if r.polarity < -NEUTRAL_BAND => "angry",
        None => "neutral",
    }
}

/// The customer's mood as an agent names it (the cue Duxin shows first): anger (with threats),
/// anxiety, disappointment (with sadness), distrust, or none. Confusion is a question, not a mood.
pub fn predicted_mood(r: &Reading) -> &'static str {
    match r.dominant {
        Some(CueKind::Anger) | Some(CueKind::Threat) => "anger",
        Some(CueKind::Anxiety) => "anxiety",
        Some(CueKind::Disappointment) | Some(CueKind::Sadness) => "disappointment",
        Some(CueKind::Distrust) => "distrust",
        _ => "none",
    }
}

/// The negative moods a customer-service set scores, macro-averaged (none is not a mood).
pub const MOODS: [&str; 4] = ["anger", "anxiety", "disappointment", "distrust"];

/// GoEmotions' fine labels folded onto the same coarse set.
pub fn coarse_goemotion(l: &str) -> &'static str {
    match l {
        "admiration" | "amusement" | "approval" | "caring" | "desire" | "excitement"
        | "gratitude" | "joy" | "love" | "optimism" | "pride" | "relief" => "happy",
        "anger" | "annoyance" | "disapproval" | "disgust" => "angry",
        "sadness" | "grief" | "remorse" | "disappointment" | "embarrassment" => "sad",
        "fear" | "nervousness" => "fear",
        "surprise" | "realization" | "confusion" | "curiosity" => "surprise",
        _ => "neutral",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_line_above_the_limit_is_an_error_naming_it_and_the_next_lines_still_read() {
        let input = format!("{{\"text\":\"a\"}}\r\n{}\n\nlast", "x".repeat(40));
        let got: Vec<String> = lines(std::io::BufReader::with_capacity(8, input.as_bytes()), 16)
            .map(|l| l.unwrap_or_else(|e| format!("ERR {e}")))
            .collect();
        assert_eq!(
            got,
            [
                "{\"text\":\"a\"}",
                "ERR line 2: longer than 16 bytes (the limit for one line); not read",
                "",
                "last"
            ]
        );
        let exact = "y".repeat(16);
        assert_eq!(
            lines(format!("{exact}\n").as_bytes(), 16)
                .map(Result::unwrap)
                .collect::<Vec<_>>(),
            [exact]
        );
        assert_eq!(size(MAX_LINE), "1 MiB");
    }

    #[test]
    fn metrics_are_right_on_a_small_case() {
        let mut c = Confusion::default();
        for (g, p) in [("a", "a"), ("a", "b"), ("b", "b"), ("b", "b")] {
            c.add(g, p);
        }
        assert!((c.accuracy() - 0.75).abs() < 1e-9);
        let (p, r, f, n) = c.prf("b");
        assert!((p - 2.0 / 3.0).abs() < 1e-9 && (r - 1.0).abs() < 1e-9 && n == 2);
        assert!((f - 0.8).abs() < 1e-9);
        assert!((spearman(&[1.0, 2.0, 3.0], &[10.0, 20.0, 30.0]) - 1.0).abs() < 1e-9);
        assert!((spearman(&[1.0, 2.0, 3.0], &[3.0, 2.0, 1.0]) + 1.0).abs() < 1e-9);
    }

    #[test]
    fn the_negative_macro_f1_averages_only_the_named_classes_the_gold_labels_hold() {
        let mut c = Confusion::default();
        for (g, p) in [("anger", "anger"), ("anger", "none"), ("none", "none")] {
            c.add(g, p);
        }
        // anger: precision 1, recall 0.5, F1 2/3; anxiety is named but absent from the gold.
        let f = c.macro_f1_of(&["anger", "anxiety"]).unwrap();
        assert!((f - 2.0 / 3.0).abs() < 1e-9);
        assert_eq!(c.macro_f1_of(&["distrust"]), None);
    }

    #[test]
    fn a_threat_is_the_mood_anger_and_a_plain_question_no_mood() {
        let an = Analyzer::new().unwrap();
        assert_eq!(
            predicted_mood(&an.read("再不退款我就投诉到12315！")),
            "anger"
        );
        assert_eq!(predicted_mood(&an.read("请问发什么快递？")), "none");
    }

    #[test]
    fn score_contract_fields() {
        let an = Analyzer::new().unwrap();
        let s = serde_json::to_value(score_text(&an, "垃圾质量，我要投诉！")).unwrap();
        for k in [
            "polarity",
            "label",
            "emotions",
            "complaint",
            "dissatisfaction",
            "intent",
        ] {
            assert!(s.get(k).is_some(), "{k}");
        }
        assert_eq!(s["label"], "negative");
        assert_eq!(s["complaint"], true);
        let line = r#"{"turns":[{"role":"customer","text":"where is my order??"},{"role":"agent","text":"on its way"}]}"#;
        let Item::Dialogue { conv, .. } = parse_line(line, 1).unwrap() else {
            panic!()
        };
        let d = serde_json::to_value(score_dialogue(&an, &conv)).unwrap();
        assert!(d.get("risk").is_some());
        assert!(parse_line("{oops", 3)
            .unwrap_err()
            .to_string()
            .starts_with("line 3"));
    }

    #[test]
    fn one_plain_problem_stated_to_a_company_is_a_complaint() {
        let an = Analyzer::new().unwrap();
        for text in [
            "@acme the app is down again",
            "My parcel was supposed to arrive on Monday",
            "外卖一个小时才送到",
        ] {
            assert!(is_complaint(&an.read(text)), "{text}");
        }
        for text in [
            "@acme the new app is lovely",
            "I'll order again next week",
            "What time do you open?",
        ] {
            assert!(!is_complaint(&an.read(text)), "{text}");
        }
    }

    #[test]
    fn a_why_question_put_to_a_shop_is_a_complaint() {
        let an = Analyzer::new().unwrap();
        for text in [
            "@shop why is the store closed at noon?",
            "@shop why won’t the app open on my phone",
        ] {
            assert!(is_complaint(&an.read(text)), "{text}");
        }
        assert!(!is_complaint(&an.read("that's why I love this shop")));
    }

    #[test]
    fn a_problem_denied_in_praise_is_no_complaint() {
        let an = Analyzer::new().unwrap();
        for text in [
            "It installed without any errors",
            "No problems at all with the delivery",
        ] {
            assert!(!is_complaint(&an.read(text)), "{text}");
        }
    }

    #[test]
    fn a_thing_that_gave_out_or_came_short_said_plainly_is_a_complaint() {
        let an = Analyzer::new().unwrap();
        for text in [
            "The screen went black",
            "It only lasted two days",
            "I ordered two and only one came",
            "Haven't heard back from anyone",
        ] {
            assert!(is_complaint(&an.read(text)), "{text}");
        }
    }

    #[test]
    fn something_the_customer_cannot_do_said_to_a_company_is_a_complaint() {
        let an = Analyzer::new().unwrap();
        for text in [
            "@bank I can't get into my online banking",
            "@printerco it won't print from my laptop",
        ] {
            assert!(is_complaint(&an.read(text)), "{text}");
        }
        assert!(!is_complaint(&an.read("I can't wait for the new season")));
    }

    #[test]
    fn intent_labels_fold_by_meaning() {
        assert_eq!(map_intent_label("track_order"), "logistics");
        assert_eq!(map_intent_label("get_refund"), "refund");
        assert_eq!(
            map_intent_label("change_shipping_address"),
            "address_change"
        );
        assert_eq!(map_intent_label("refund"), "refund");
    }
}
