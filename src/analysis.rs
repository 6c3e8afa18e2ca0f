//! Reading a whole conversation: per-message readings, the dynamics the best agents notice
//! (burst, repetition, tone shift, waiting), an escalation risk with ranked reasons, and a mood
//! timeline. Cheap enough to re-run on every new message.

use crate::text::Lower;
use crate::words::Words;
use serde::{Deserialize, Serialize};

use crate::conversation::{Conversation, Role};
use crate::cues::{self, Context, Reading};
use crate::error::Result;
use crate::facts::{self, Fact, FactKind};
use crate::kinds::{CueKind, Intent, Lang};
use crate::lexicon::Lexicon;
use crate::text::{dice, is_cjk, shingles};

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct MessageAnalysis {
    /// Index of the message in the conversation.
    pub index: u32,
    #[serde(flatten)]
    #[cfg_attr(test, ts(flatten))]
    pub reading: Reading,
    pub facts: Vec<Fact>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum SignalKind {
    /// Many or long customer messages in a short time, or while the agent is silent.
    Burst,
    /// The same question asked again.
    Repetition,
    /// Warm earlier, suddenly curt.
    ToneShift,
    /// Left unanswered for a long time.
    Waiting,
}

/// A conversation-level signal with the evidence quoted.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct Signal {
    pub kind: SignalKind,
    /// The message where the signal shows (the latest one involved).
    pub index: u32,
    /// The first message involved (the first time a question was asked).
    pub first_index: u32,
    /// How many times / messages / minutes, depending on the kind.
    pub count: u32,
    /// The quoted evidence (the first wording of a repeated question, the curt reply...).
    pub evidence: String,
    /// What it suggests about the customer.
    pub implies: CueKind,
    pub reason_zh: String,
    pub reason_en: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct RiskReason {
    pub key: String,
    /// Points this reason contributes before the score is squashed to 0..100.
    pub points: f32,
    pub zh: String,
    pub en: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct Risk {
    /// 0..100: how likely this conversation escalates (bad review, complaint, dispute).
    pub score: u8,
    /// "low" (< 35), "medium" (< 65), "high".
    pub level: String,
    /// Ranked, strongest first.
    pub reasons: Vec<RiskReason>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct MoodPoint {
    pub index: u32,
    pub polarity: f32,
    #[cfg_attr(test, ts(optional))]
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub dominant: Option<CueKind>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct Analysis {
    /// One entry per customer message, in order.
    pub messages: Vec<MessageAnalysis>,
    pub signals: Vec<Signal>,
    pub risk: Risk,
    pub timeline: Vec<MoodPoint>,
    /// What the customer wants now (latest substantive intent, weighted by recency).
    #[cfg_attr(test, ts(optional))]
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub intent: Option<Intent>,
    /// The feeling that dominates the latest customer turns.
    #[cfg_attr(test, ts(optional))]
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub dominant: Option<CueKind>,
    /// Recency-weighted polarity of the customer's messages, -1..1.
    pub polarity: f32,
    /// 0..1: how likely the customer is unhappy with the service right now.
    pub dissatisfaction: f32,
    /// The language the customer writes in: worked out once here, read by the suggestions, the
    /// stored records and the answer memory.
    pub lang: Lang,
}

impl Analysis {
    pub fn latest_customer(&self) -> Option<&MessageAnalysis> {
        self.messages.last()
    }

    pub fn signal(&self, k: SignalKind) -> Option<&Signal> {
        self.signals.iter().rev().find(|s| s.kind == k)
    }

    /// Facts of one kind across the conversation, newest first.
    pub fn facts(&self, k: FactKind) -> impl Iterator<Item = &Fact> {
        self.messages
            .iter()
            .rev()
            .flat_map(move |m| m.facts.iter().filter(move |f| f.kind == k))
    }
}

/// Tunables for the dynamics, in one place.
pub struct Thresholds {
    pub burst_window_secs: i64,
    pub burst_messages: usize,
    pub repeat_similarity: f32,
    pub waiting_secs: i64,
}

impl Default for Thresholds {
    fn default() -> Self {
        Thresholds {
            burst_window_secs: 120,
            burst_messages: 3,
            repeat_similarity: 0.45,
            waiting_secs: 300,
        }
    }
}

pub struct Analyzer {
    pub lexicon: Lexicon,
    pub thresholds: Thresholds,
}

impl Analyzer {
    pub fn new() -> Result<Self> {
        Ok(Analyzer {
            lexicon: Lexicon::builtin()?,
            thresholds: Thresholds::default(),
        })
    }

    /// Read one text on its own.
    pub fn read(&self, text: &str) -> Reading {
        cues::read(&self.lexicon, text, Context::default())
    }

    pub fn analyze(&self, conv: &Conversation) -> Analysis {
        let th = &self.thresholds;
        let times = conv.times();
        let messages = self.read_customer_messages(conv);
        let mut signals = Vec::new();
        burst(conv, &times, th, &mut signals);
        repetition(conv, &messages, th, &mut signals);
        tone_shift(conv, &messages, &mut signals);
        waiting(conv, &times, th, &mut signals);
        crate::sort::sort_by_key(&mut signals, |s| s.index);
        let (polarity, dominant, intent) = overall(&messages, &signals);
        let risk = risk(&messages, &signals, intent);
        let timeline = messages
            .iter()
            .map(|m| MoodPoint {
                index: m.index,
                polarity: m.reading.polarity,
                dominant: m.reading.dominant,
            })
            .collect();
        let dissatisfaction = dissatisfaction(&messages, &signals);
        Analysis {
            messages,
            signals,
            risk,
            timeline,
            intent,
            dominant,
            polarity,
            dissatisfaction,
            lang: language(conv),
        }
    }

    /// Each customer message read in order; a negative message colours how the next one reads.
    fn read_customer_messages(&self, conv: &Conversation) -> Vec<MessageAnalysis> {
        let product = conv.order.as_ref().and_then(|o| o.product.as_deref());
        let mut messages: Vec<MessageAnalysis> = Vec::new();
        let mut negative_before = false;
        for (i, m) in conv.messages.iter().enumerate() {
            if m.role != Role::Customer {
                continue;
            }
            let folded = crate::text::Folded::new(&m.text);
            let reading =
                cues::read_folded(&self.lexicon, &m.text, &folded, Context { negative_before });
            negative_before =
                reading.polarity < -0.2 || (negative_before && reading.polarity <= 0.1);
            let facts = facts::extract_folded(&m.text, &folded, product);
            messages.push(MessageAnalysis {
                index: i as u32,
                reading,
                facts,
            });
        }
        messages
    }
}

/// The conversation's polarity (recency-weighted), dominant feeling and what the customer wants
/// now (the latest substantive intent, else the overall one).
fn overall(
    messages: &[MessageAnalysis],
    signals: &[Signal],
) -> (f32, Option<CueKind>, Option<Intent>) {
    let n = messages.len();
    let recency = |k: usize| if n - k <= 4 { 1.0 } else { 0.5 };
    let (mut pw, mut pv) = (0.0f32, 0.0f32);
    let mut kind_weight = [0.0f32; CueKind::ALL.len()];
    let mut intent_weight = [0.0f32; Intent::ALL.len()];
    for (k, m) in messages.iter().enumerate() {
        let w = recency(k) * (m.reading.positive + m.reading.negative).max(0.3);
        pw += w;
        pv += w * m.reading.polarity;
        for (e, v) in kind_weight.iter_mut().zip(&m.reading.emotions) {
            *e += v * recency(k);
        }
        if let Some(it) = m.reading.intent {
            intent_weight[it.index()] +=
                if it.is_substantive() { 1.0 } else { 0.3 } * (1.0 + k as f32 / n.max(1) as f32);
        }
    }
    for s in signals {
        kind_weight[s.implies.index()] += 1.0;
    }
    let polarity = if pw > 0.0 { pv / pw } else { 0.0 };
    let dominant = argmax(&kind_weight, 0.8).map(|p| CueKind::ALL[p]);
    let intent = messages
        .iter()
        .rev()
        .take(3)
        .filter_map(|m| m.reading.intent)
        .find(|i| i.is_substantive())
        .or_else(|| argmax(&intent_weight, 0.0).map(|p| Intent::ALL[p]));
    (polarity, dominant, intent)
}

/// Which language the customer writes in (CJK share of the letters of their last ten messages).
pub fn language(conv: &Conversation) -> Lang {
    let (mut cjk, mut latin) = (0usize, 0usize);
    for m in conv
        .messages
        .iter()
        .filter(|m| m.role == Role::Customer)
        .rev()
        .take(10)
    {
        cjk += m.text.chars().filter(|c| is_cjk(*c)).count() + pinyin_letters(&m.text);
        latin += latin_letters(&m.text);
    }
    if cjk * 3 >= latin || (cjk == 0 && latin == 0) {
        Lang::Zh
    } else {
        Lang::En
    }
}

/// Letters of the words written in Latin script: not a link, and not an order number or code
/// ("[ORDERID_10095493]", "SKU8890"), which a Chinese customer pastes as often as anyone.
fn latin_letters(text: &str) -> usize {
    text.split_whitespace()
        .filter(|chunk| !chunk.contains("://") && !chunk.contains("www."))
        .flat_map(|chunk| chunk.split(|c: char| !(c.is_ascii_alphanumeric() || c == '_')))
        .filter(|w| w.chars().all(|c| c.is_ascii_alphabetic()))
        .map(str::len)
        .sum()
}

/// Chinese typed as pinyin without converting ("nihao", "zai ma", "xiexie"): a Chinese customer's
/// words in Latin letters, so the reply is Chinese. Only words no English sentence uses.
fn pinyin_letters(text: &str) -> usize {
    const PINYIN: Words = words![
        "nihao", "ni", "hao", "zaima", "zai", "xiexie", "kefu", "rengong", "haode", "qin",
        "tuikuan", "fahuo",
    ];
    // "emmmm": the Chinese chat's hesitation, spelt with an e (English writes "hmm", "umm").
    let emm = |w: &str| {
        let rest = w.trim_start_matches('e');
        rest.len() < w.len() && rest.len() >= 2 && rest.chars().all(|c| c == 'm')
    };
    let lower = text.to_ascii_lowercase();
    lower
        .split(|c: char| !c.is_ascii_alphabetic())
        .filter(|w| PINYIN.contains(w) || emm(w))
        .map(str::len)
        .sum()
}

fn argmax(v: &[f32], min: f32) -> Option<usize> {
    let mut best: Option<(usize, f32)> = None;
    for (i, x) in v.iter().enumerate() {
        if *x > min && best.is_none_or(|(_, b)| *x > b) {
            best = Some((i, *x));
        }
    }
    best.map(|b| b.0)
}

fn quote(s: &str) -> String {
    let t: String = s.trim().chars().take(40).collect();
    if s.trim().chars().count() > 40 {
        format!("{t}…")
    } else {
        t
    }
}

fn burst(conv: &Conversation, times: &[Option<i64>], th: &Thresholds, out: &mut Vec<Signal>) {
    // Runs of customer messages with no agent/bot reply in between.
    let mut run: Vec<usize> = Vec::new();
    let mut flush = |run: &mut Vec<usize>| {
        if run.len() >= 2 {
            let first = run[0];
            let last = run[run.len() - 1];
            let chars: usize = run
                .iter()
                .map(|&i| conv.messages[i].text.chars().count())
                .sum();
            let span = match (times[first], times[last]) {
                (Some(a), Some(b)) => Some(b - a),
                _ => None,
            };
            let quick = span.is_none_or(|s| s <= th.burst_window_secs);
            let is_burst = (run.len() >= th.burst_messages && quick && chars >= 12)
                || run.len() >= th.burst_messages + 2
                || (chars >= 150 && quick);
            if is_burst {
                let (zh, en) = match span {
                    Some(s) => (
                        format!("{}秒内连发{}条（共{}字）→ 着急", s.max(1), run.len(), chars),
                        format!(
                            "{} messages ({} chars) in {} s → anxious",
                            run.len(),
                            chars,
                            s.max(1)
                        ),
                    ),
                    None => (
                        format!("客服未回复时连发{}条（共{}字）→ 着急", run.len(), chars),
                        format!(
                            "{} messages ({} chars) while unanswered → anxious",
                            run.len(),
                            chars
                        ),
                    ),
                };
                out.push(Signal {
                    kind: SignalKind::Burst,
                    index: last as u32,
                    first_index: first as u32,
                    count: run.len() as u32,
                    evidence: quote(&conv.messages[last].text),
                    implies: CueKind::Anxiety,
                    reason_zh: zh,
                    reason_en: en,
                });
            }
        }
        run.clear();
    };
    for (i, m) in conv.messages.iter().enumerate() {
        match m.role {
            Role::Customer => run.push(i),
            Role::Agent | Role::Bot => flush(&mut run),
            Role::System => {}
        }
    }
    flush(&mut run);
}

/// Similar customer questions asked more than once: the most repeated (the latest on a tie) is
/// a sign the customer does not trust the answers.
///
/// The passes: group the questions by wording (`question_groups`), pick the group asked most
/// (`most_repeated`), and say it (`repetition_signal`).
fn repetition(
    conv: &Conversation,
    msgs: &[MessageAnalysis],
    th: &Thresholds,
    out: &mut Vec<Signal>,
) {
    let groups = question_groups(conv, msgs, th);
    if let Some(g) = most_repeated(&groups) {
        out.push(repetition_signal(conv, msgs, g));
    }
}

/// Customer questions of similar wording.
struct QuestionGroup {
    first: usize,
    last: usize,
    count: u32,
    /// The whole message's shingles, then each question clause's ("这个杯子适合小孩用吗？能装牛奶吗"
    /// asks two things; "能装牛奶吗？？" later repeats one of them).
    shingles: Vec<Vec<u64>>,
    intent: Option<Intent>,
}

/// The shingles of a whole message, then of each of its question clauses when it has several.
fn question_parts(text: &str) -> Vec<Vec<u64>> {
    let mut v = vec![shingles(text)];
    // Question clauses only (cut at question marks; a last clause counts if it ends in 吗/呢/么):
    // those are what gets asked again.
    let segs: Vec<&str> = text.split(['？', '?']).collect();
    let last = segs.len().saturating_sub(1);
    let questions: Vec<&str> = segs
        .iter()
        .enumerate()
        .map(|(i, c)| {
            (
                i,
                c.trim().trim_start_matches(|ch: char| {
                    crate::text::is_clause_break(ch) || ch.is_whitespace()
                }),
            )
        })
        .filter(|(i, c)| c.chars().count() >= 3 && (*i < last || c.ends_with(['吗', '呢', '么'])))
        .map(|(_, c)| c)
        .collect();
    if questions.len() > 1 {
        v.extend(questions.into_iter().map(shingles));
    }
    v
}

/// Groups the customer's questions and substantive requests by wording. Only similar wording
/// counts: the same topic over many turns (a warranty case discussed at length) is a
/// conversation, not a question asked again.
fn question_groups(
    conv: &Conversation,
    msgs: &[MessageAnalysis],
    th: &Thresholds,
) -> Vec<QuestionGroup> {
    let mut groups: Vec<QuestionGroup> = Vec::new();
    for m in msgs {
        let r = &m.reading;
        let idx = m.index as usize;
        let substantive = r.intent.is_some_and(|i| i.is_substantive());
        if !(substantive || r.question) || r.chars < 3 {
            continue;
        }
        let sh = question_parts(&conv.messages[idx].text);
        let start = groups.len().saturating_sub(50);
        let recent = groups.len().saturating_sub(10);
        let found = groups[start..].iter_mut().enumerate().find(|(k, g)| {
            let sim = similarity(g, &sh, start + k >= recent, th.repeat_similarity);
            sim >= th.repeat_similarity && (g.intent == r.intent || sim >= 0.7)
        });
        match found {
            Some((_, g)) => {
                g.count += 1;
                g.last = idx;
            }
            None => groups.push(QuestionGroup {
                first: idx,
                last: idx,
                count: 1,
                shingles: sh,
                intent: r.intent,
            }),
        }
    }
    groups
}

/// How alike a message is to a group: whole messages first; clause pairs only when that is not
/// already enough, and only against the last few questions (`recent`: a question asked again is
/// asked soon).
fn similarity(g: &QuestionGroup, sh: &[Vec<u64>], recent: bool, enough: f32) -> f32 {
    let mut sim = dice(&g.shingles[0], &sh[0]);
    if sim < enough && recent && (g.shingles.len() > 1 || sh.len() > 1) {
        for a in &g.shingles {
            for b in sh {
                sim = sim.max(dice(a, b));
                if sim >= enough {
                    return sim;
                }
            }
        }
    }
    sim
}

/// The group asked at least twice and most often, the latest on a tie.
fn most_repeated(groups: &[QuestionGroup]) -> Option<&QuestionGroup> {
    let mut best: Option<&QuestionGroup> = None;
    for g in groups {
        if g.count >= 2 && best.is_none_or(|b| (g.count, g.last) > (b.count, b.last)) {
            best = Some(g);
        }
    }
    best
}

/// The repetition signal for a group, named by the intent of its latest message.
fn repetition_signal(conv: &Conversation, msgs: &[MessageAnalysis], g: &QuestionGroup) -> Signal {
    let (count, first, last) = (g.count, g.first, g.last);
    let intent = msgs
        .iter()
        .find(|m| m.index as usize == last)
        .and_then(|m| m.reading.intent);
    let topic_zh = intent.map(|i| i.zh()).unwrap_or("同一问题");
    let topic_en = intent.map(|i| i.en()).unwrap_or("the same question");
    let q = quote(&conv.messages[first].text);
    Signal {
        kind: SignalKind::Repetition,
        index: last as u32,
        first_index: first as u32,
        count,
        evidence: q.clone(),
        implies: CueKind::Distrust,
        reason_zh: format!(
            "第{}次询问{}（首次：「{}」）→ 可能不信任",
            count, topic_zh, q
        ),
        reason_en: format!(
            "asked about {} {} times (first: \"{}\") → may not trust the answer",
            topic_en, count, q
        ),
    }
}

fn tone_shift(conv: &Conversation, msgs: &[MessageAnalysis], out: &mut Vec<Signal>) {
    // The latest curt customer message after warm ones, following an agent reply.
    for (k, m) in msgs.iter().enumerate().rev() {
        if !m.reading.curt || k == 0 {
            continue;
        }
        let earlier = &msgs[..k];
        let warm = earlier.iter().map(|e| e.reading.warmth).sum::<f32>() / earlier.len() as f32;
        let long =
            earlier.iter().map(|e| e.reading.chars as f32).sum::<f32>() / earlier.len() as f32;
        let between = earlier[k - 1].index as usize..m.index as usize;
        let agent_between = between
            .clone()
            .any(|i| matches!(conv.messages[i].role, Role::Agent | Role::Bot));
        // "let me see if i can help you with that." / "ok": an ok to a hold; no answer yet to be
        // let down by.
        let to_a_hold = between
            .rev()
            .find(|&i| conv.messages[i].role != Role::Customer)
            .is_some_and(|i| crate::state::is_hold(&conv.messages[i].text.lower()));
        if agent_between
            && !to_a_hold
            && (warm >= 0.7 || long >= 12.0)
            && earlier.iter().all(|e| !e.reading.curt)
        {
            let t = quote(&conv.messages[m.index as usize].text);
            out.push(Signal {
                kind: SignalKind::ToneShift,
                index: m.index,
                first_index: earlier[0].index,
                count: 1,
                evidence: t.clone(),
                implies: CueKind::Disappointment,
                reason_zh: format!("之前语气热情，回复后突然只说「{t}」→ 可能对上一个答复失望"),
                reason_en: format!(
                    "warm before, suddenly just \"{t}\" after the last answer → disappointed"
                ),
            });
        }
        break;
    }
}

fn waiting(conv: &Conversation, times: &[Option<i64>], th: &Thresholds, out: &mut Vec<Signal>) {
    let now = conv
        .explicit_now()
        .or_else(|| times.iter().flatten().last().copied());
    // For each customer message: time until the next agent/bot reply (or now).
    let mut longest: Option<(i64, usize, bool)> = None; // secs, index, still unanswered
    for (i, m) in conv.messages.iter().enumerate() {
        if m.role != Role::Customer {
            continue;
        }
        // Only the first message of a run starts a wait.
        if i > 0 && conv.messages[i - 1].role == Role::Customer {
            continue;
        }
        let Some(t0) = times[i] else { continue };
        let reply = conv.messages[i + 1..]
            .iter()
            .zip(&times[i + 1..])
            .find(|(m, _)| matches!(m.role, Role::Agent | Role::Bot));
        let (end, open) = match reply {
            Some((_, Some(t))) => (Some(*t), false),
            Some((_, None)) => (None, false),
            None => (now, true),
        };
        if let Some(t1) = end {
            let w = t1 - t0;
            if w >= th.waiting_secs && longest.is_none_or(|l| w > l.0 || (open && !l.2)) {
                longest = Some((w, i, open));
            }
        }
    }
    if let Some((secs, i, open)) = longest {
        let mins = (secs / 60) as u32;
        let (zh, en) = if open {
            (
                format!("已等待{}分钟未回复 → 焦急", mins),
                format!("waiting {} min without a reply → anxious", mins),
            )
        } else {
            (
                format!("曾等待{}分钟才得到回复", mins),
                format!("waited {} min for a reply earlier", mins),
            )
        };
        out.push(Signal {
            kind: SignalKind::Waiting,
            index: i as u32,
            first_index: i as u32,
            count: mins,
            evidence: quote(&conv.messages[i].text),
            implies: CueKind::Anxiety,
            reason_zh: zh,
            reason_en: en,
        });
    }
}

/// How likely the conversation is to end in a complaint, with the reasons behind the score.
///
/// The passes: the feelings said (`feeling_reasons`), the conversation signals
/// (`signal_reasons`), a wait the customer states (`said_wait_reason`), the latest message and a
/// request for a person (`state_reasons`); then the score (`score`).
fn risk(msgs: &[MessageAnalysis], signals: &[Signal], intent: Option<Intent>) -> Risk {
    let mut reasons = Reasons(Vec::new());
    feeling_reasons(msgs, &mut reasons);
    signal_reasons(signals, &mut reasons);
    said_wait_reason(msgs, &mut reasons);
    state_reasons(msgs, intent, &mut reasons);
    score(reasons.0)
}

/// The reasons found so far; a reason worth almost nothing is left out.
struct Reasons(Vec<RiskReason>);

impl Reasons {
    fn add(&mut self, key: &str, points: f32, zh: String, en: String) {
        if points > 0.05 {
            self.0.push(RiskReason {
                key: key.into(),
                points: (points * 10.0).round() / 10.0,
                zh,
                en,
            });
        }
    }
}

/// Each feeling's total over the conversation (the last five messages in full, older ones less),
/// with the strongest span of it quoted (the one an agent would point at).
fn feeling_totals(msgs: &[MessageAnalysis]) -> Vec<(f32, String)> {
    let n = msgs.len();
    let recency = |k: usize| if n - k <= 5 { 1.0 } else { 0.6 };
    let mut totals = vec![(0.0f32, String::new()); CueKind::ALL.len()];
    let mut strongest = [0.0f32; CueKind::ALL.len()];
    for (k, m) in msgs.iter().enumerate() {
        for c in &m.reading.cues {
            let p = c.kind.index();
            totals[p].0 += c.intensity * recency(k);
            if c.intensity > strongest[p] {
                strongest[p] = c.intensity;
                totals[p].1 = c.text.clone();
            }
        }
    }
    totals
}

/// Threats weigh most, then anger, distrust, disappointment and impatience, each capped.
fn feeling_reasons(msgs: &[MessageAnalysis], reasons: &mut Reasons) {
    let totals = feeling_totals(msgs);
    let get = |k: CueKind| totals[k.index()].clone();
    let (threat, tt) = get(CueKind::Threat);
    reasons.add(
        "threat",
        (threat * 18.0).min(50.0),
        format!("提到「{tt}」：投诉/差评威胁"),
        format!("mentions \"{tt}\": threat of a complaint or bad review"),
    );
    let (anger, at) = get(CueKind::Anger);
    reasons.add(
        "anger",
        (anger * 8.0).min(25.0),
        format!("愤怒（「{at}」）"),
        format!("anger (\"{at}\")"),
    );
    let (distrust, dt) = get(CueKind::Distrust);
    reasons.add(
        "distrust",
        (distrust * 6.0).min(15.0),
        format!("不信任（「{dt}」）"),
        format!("distrust (\"{dt}\")"),
    );
    let (dis, dst) = get(CueKind::Disappointment);
    reasons.add(
        "disappointment",
        (dis * 5.0).min(12.0),
        format!("失望（「{dst}」）"),
        format!("disappointment (\"{dst}\")"),
    );
    let (anx, axt) = get(CueKind::Anxiety);
    reasons.add(
        "anxiety",
        (anx * 3.0).min(10.0),
        format!("着急（「{axt}」）"),
        format!("impatience (\"{axt}\")"),
    );
}

/// A question asked again weighs by how often, a wait by how long.
fn signal_reasons(signals: &[Signal], reasons: &mut Reasons) {
    for s in signals {
        let (key, points) = match s.kind {
            SignalKind::Repetition => (
                "repetition",
                ((s.count.saturating_sub(1)) as f32 * 9.0).min(22.0),
            ),
            SignalKind::Waiting => ("waiting", (s.count as f32 / 2.0).clamp(4.0, 15.0)),
            SignalKind::Burst => ("burst", 6.0),
            SignalKind::ToneShift => ("tone_shift", 8.0),
        };
        reasons.add(key, points, s.reason_zh.clone(), s.reason_en.clone());
    }
}

/// Waits the customer states ("等了3天"), when the customer is impatient or unhappy.
fn said_wait_reason(msgs: &[MessageAnalysis], reasons: &mut Reasons) {
    let said_wait = msgs
        .iter()
        .flat_map(|m| m.facts.iter())
        .filter(|f| f.kind == FactKind::Duration)
        .filter_map(|f| f.value)
        .fold(0.0f64, f64::max);
    if said_wait >= 24.0
        && msgs
            .iter()
            .any(|m| m.reading.emotion(CueKind::Anxiety) > 0.0 || m.reading.polarity < 0.0)
    {
        let days = said_wait / 24.0;
        reasons.add(
            "said_wait",
            (4.0 + days as f32).min(10.0),
            format!("客户说已等了约{}天", crate::num::fixed(days.ceil(), 0)),
            format!(
                "says they waited about {} days",
                crate::num::fixed(days.ceil(), 0)
            ),
        );
    }
}

/// A very negative latest message; asking for a person or a manager.
fn state_reasons(msgs: &[MessageAnalysis], intent: Option<Intent>, reasons: &mut Reasons) {
    if msgs.last().is_some_and(|last| last.reading.polarity < -0.5) {
        reasons.add(
            "negative_now",
            6.0,
            "最新消息很负面".into(),
            "latest message is very negative".into(),
        );
    }
    if intent == Some(Intent::HumanAgent) {
        reasons.add(
            "wants_person",
            4.0,
            "要求转人工/找负责人".into(),
            "asks for a person or a manager".into(),
        );
    }
}

/// The score saturates: many small reasons never quite reach 100.
fn score(mut reasons: Vec<RiskReason>) -> Risk {
    crate::sort::sort_by(&mut reasons, |a, b| {
        b.points
            .partial_cmp(&a.points)
            .unwrap_or(std::cmp::Ordering::Equal)
    });
    let raw: f32 = reasons.iter().map(|r| r.points).sum();
    let score = (100.0 * (1.0 - (-raw / 45.0).exp()))
        .round()
        .clamp(0.0, 100.0) as u8;
    let level = if score < 35 {
        "low"
    } else if score < 65 {
        "medium"
    } else {
        "high"
    };
    Risk {
        score,
        level: level.into(),
        reasons,
    }
}

/// 0..1: how likely the customer is unhappy with the service at the latest turns.
fn dissatisfaction(msgs: &[MessageAnalysis], signals: &[Signal]) -> f32 {
    let Some(last) = msgs.last() else { return 0.0 };
    let recent: Vec<&MessageAnalysis> = msgs.iter().rev().take(3).collect();
    // The latest turns, the newest weighing most, on the scale of one turn.
    let (mut x, mut weights) = (0.0f32, 0.0f32);
    for (k, m) in recent.iter().enumerate() {
        let w = [1.0, 0.5, 0.25][k];
        weights += w;
        x += w * turn_dissatisfaction_raw(&m.reading);
        // Read alone, a curt reply is assent; after warmth it is the disappointment of a tone shift.
        if m.reading.curt
            && signals
                .iter()
                .any(|s| s.kind == SignalKind::ToneShift && s.index == m.index)
        {
            x += w * ASSENT;
        }
    }
    x /= weights.max(1.0);
    for s in signals {
        if s.index >= last.index.saturating_sub(3) {
            x += match s.kind {
                SignalKind::Repetition => 0.6,
                SignalKind::ToneShift => 0.8,
                SignalKind::Waiting => 0.4,
                SignalKind::Burst => 0.3,
            };
        }
    }
    squash(x)
}

/// What a bare assent (好的, 嗯, ok) takes off: the customer goes along with the answer.
const ASSENT: f32 = 1.0;

/// Evidence of unhappiness with the service in one turn read alone, before squashing.
///
/// Service dissatisfaction is mostly an unmet need, not an emotion word: a question still open, a
/// negation ("还没收到", "it doesn't close"), an after-sales problem (return, exchange, repair,
/// cancellation, a price drop, a complaint, asking for a person). Requests for information (an
/// invoice, a product detail, where the parcel is) weigh little; thanks and assent weigh against.
pub fn turn_dissatisfaction_raw(r: &Reading) -> f32 {
    let e = |k| r.emotion(k);
    let mut x = r.negative - 0.6 * r.positive;
    x += 0.4 * e(CueKind::Threat)
        + 0.3 * e(CueKind::Anger)
        + 0.3 * e(CueKind::Distrust)
        + 0.3 * e(CueKind::Disappointment)
        + 0.2 * e(CueKind::Anxiety);
    if r.curt {
        x -= ASSENT;
    }
    // A question left open presses; one asking only how or where is a request for information.
    if r.question && !r.asks_information {
        x += 0.6;
    }
    if let Some(i) = r.intent.filter(|i| i.is_substantive()) {
        x += if i.is_after_sales_problem() { 0.8 } else { 0.2 };
    }
    if r.negations > 0 {
        x += 0.8;
    }
    if r.emotion(CueKind::Gratitude) > 0.0 || r.intent == Some(Intent::Thanks) {
        x -= 1.2;
    }
    x
}

pub fn squash(x: f32) -> f32 {
    (1.0 / (1.0 + (-(x - 0.4) * 1.6).exp())).clamp(0.0, 1.0)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::conversation::Message;

    #[test]
    fn the_question_asked_most_is_the_repetition_and_the_latest_wins_a_tie() {
        let g = |first, last, count| QuestionGroup {
            first,
            last,
            count,
            shingles: vec![],
            intent: None,
        };
        let groups = [g(0, 4, 2), g(1, 6, 2), g(2, 2, 1)];
        assert_eq!(most_repeated(&groups).map(|g| g.last), Some(6));
        assert!(most_repeated(&groups[2..]).is_none());
    }
    /// The language the analysis reads in one customer message.
    fn lang_of(an: &Analyzer, text: &str) -> Lang {
        let c = Conversation {
            messages: vec![crate::conversation::Message {
                role: Role::Customer,
                text: text.into(),
                time: None,
                id: None,
            }],
            ..Default::default()
        };
        an.analyze(&c).lang
    }

    #[test]
    fn the_analysis_says_which_language_the_customer_writes() {
        let an = Analyzer::new().unwrap();
        let said = |text: &str| lang_of(&an, text);
        assert_eq!(said("Where is my parcel? It is late."), Lang::En);
        assert_eq!(said("我的快递到哪了"), Lang::Zh);
    }

    #[test]
    fn a_greeting_typed_in_pinyin_is_answered_in_chinese() {
        let an = Analyzer::new().unwrap();
        let lang = |text: &str| lang_of(&an, text);
        assert_eq!(lang("nihao"), Lang::Zh);
        assert_eq!(lang("zai ma"), Lang::Zh);
        assert_eq!(lang("hello, is anyone there?"), Lang::En);
    }

    #[test]
    fn a_chinese_emmm_is_answered_in_chinese_and_an_english_hmm_in_english() {
        let an = Analyzer::new().unwrap();
        let lang = |text: &str| lang_of(&an, text);
        assert_eq!(lang("emmmm"), Lang::Zh);
        assert_eq!(lang("hmm, where is my order?"), Lang::En);
    }

    #[test]
    fn a_pasted_order_number_or_link_does_not_make_a_chinese_customer_english() {
        let an = Analyzer::new().unwrap();
        let c = Conversation {
            messages: [
                "[ORDERID_10095493]",
                "https://item.jd.com/5617490.html",
                "查呀",
            ]
            .iter()
            .map(|t| crate::conversation::Message {
                role: Role::Customer,
                text: t.to_string(),
                time: None,
                id: None,
            })
            .collect(),
            ..Default::default()
        };
        assert_eq!(an.analyze(&c).lang, Lang::Zh);
    }

    fn conv(lines: &[(&str, &str, Option<&str>)]) -> Conversation {
        Conversation {
            messages: lines
                .iter()
                .map(|(r, t, time)| Message {
                    role: match *r {
                        "c" => Role::Customer,
                        "b" => Role::Bot,
                        "s" => Role::System,
                        _ => Role::Agent,
                    },
                    text: t.to_string(),
                    time: time.map(|s| s.to_string()),
                    id: None,
                })
                .collect(),
            ..Default::default()
        }
    }

    fn an() -> Analyzer {
        Analyzer::new().unwrap()
    }

    #[test]
    fn burst_of_messages_reads_as_anxiety() {
        let c = conv(&[
            (
                "c",
                "在吗？我的快递怎么还没到",
                Some("2026-09-08T10:00:00Z"),
            ),
            (
                "c",
                "已经三天了，一直显示在路上",
                Some("2026-09-08T10:00:20Z"),
            ),
            (
                "c",
                "我明天出差要用的，能不能帮我查一下",
                Some("2026-09-08T10:00:45Z"),
            ),
            ("c", "回一下啊", Some("2026-09-08T10:01:10Z")),
        ]);
        let a = an().analyze(&c);
        let s = a.signal(SignalKind::Burst).expect("burst");
        assert_eq!((s.count, s.implies), (4, CueKind::Anxiety));
        // Spread over an hour with replies in between, it is not a burst.
        let calm = conv(&[
            ("c", "你好，快递到哪了", Some("2026-09-08T10:00:00Z")),
            ("a", "亲，已经在派送了", Some("2026-09-08T10:01:00Z")),
            ("c", "好的谢谢", Some("2026-09-08T10:02:00Z")),
        ]);
        assert!(an().analyze(&calm).signal(SignalKind::Burst).is_none());
    }

    #[test]
    fn repeated_question_reads_as_distrust_with_count_and_first_quote() {
        let c = conv(&[
            ("c", "我的快递到哪了？", None),
            ("a", "亲，正在运输中哦", None),
            ("c", "快递到底到哪里了", None),
            ("a", "亲，已经在路上了", None),
            ("c", "所以我的快递现在到哪了？", None),
        ]);
        let a = an().analyze(&c);
        let s = a.signal(SignalKind::Repetition).expect("repetition");
        assert_eq!(s.count, 3);
        assert_eq!(s.first_index, 0);
        assert_eq!(s.evidence, "我的快递到哪了？");
        assert!(s.reason_zh.contains("第3次"), "{}", s.reason_zh);
        let e = conv(&[
            ("c", "When will my order arrive?", None),
            ("a", "It is on the way.", None),
            ("c", "When will my order actually arrive?", None),
        ]);
        assert_eq!(
            an().analyze(&e)
                .signal(SignalKind::Repetition)
                .map(|s| s.count),
            Some(2)
        );
        // Different questions are not repetition.
        let d = conv(&[
            ("c", "能开发票吗", None),
            ("a", "可以的", None),
            ("c", "什么时候发货", None),
        ]);
        assert!(an().analyze(&d).signal(SignalKind::Repetition).is_none());
    }

    #[test]
    fn tone_shift_from_warm_to_curt_reads_as_disappointment() {
        let c = conv(&[
            ("c", "亲亲，我想问下这件外套有没有黑色的呀，谢谢啦~", None),
            ("a", "亲，黑色暂时没有货了", None),
            ("c", "哦", None),
        ]);
        let a = an().analyze(&c);
        let s = a.signal(SignalKind::ToneShift).expect("tone shift");
        assert_eq!(s.implies, CueKind::Disappointment);
        let e = conv(&[
            ("c", "Hi there! Thanks so much for the quick help earlier, could you check the size for me please?", None),
            ("a", "Sorry, that size is sold out.", None),
            ("c", "ok.", None),
        ]);
        assert!(an().analyze(&e).signal(SignalKind::ToneShift).is_some());
        // Curt from the start is just a style.
        let f = conv(&[("c", "嗯", None), ("a", "好的", None), ("c", "哦", None)]);
        assert!(an().analyze(&f).signal(SignalKind::ToneShift).is_none());
        // After warmth the curt "哦" is disappointment; as a style it is assent.
        assert!(
            a.dissatisfaction > an().analyze(&f).dissatisfaction + 0.2,
            "{} {}",
            a.dissatisfaction,
            an().analyze(&f).dissatisfaction
        );
    }

    #[test]
    fn one_topic_over_many_turns_is_not_a_question_asked_again() {
        let c = conv(&[
            ("c", "手机屏幕坏了，还在保修期吗", None),
            ("a", "在的哦，一年内都保修", None),
            ("c", "附近的维修点在哪里", None),
            ("a", "您可以在APP里查询", None),
            ("c", "修好要多久", None),
            ("a", "一周左右", None),
            ("c", "修过的还保修吗", None),
        ]);
        assert!(an().analyze(&c).signal(SignalKind::Repetition).is_none());
    }

    #[test]
    fn a_turn_read_alone_open_problems_above_questions_above_assent() {
        let an = an();
        let d = |t: &str| squash(turn_dissatisfaction_raw(&an.read(t)));
        for assent in ["好的", "嗯嗯", "是的", "ok", "哦"] {
            assert!(d(assent) < 0.4, "{assent}: {}", d(assent));
        }
        assert!(d("好的，谢谢") < 0.1);
        let problem = d("东西坏了，我要退货");
        let info = d("能开发票吗");
        assert!(
            problem > 0.8 && info > 0.3 && info < problem,
            "{problem} {info}"
        );
        assert!(d("还没收到货？") > 0.8);
        // A pasted order card is not the customer's voice.
        assert!(d("咨询订单号:[ORDERID_10469379]商品ID:4914531") < 0.5);
    }

    #[test]
    fn a_question_asking_how_weighs_less_than_one_pressing_for_an_answer() {
        let an = an();
        let d = |t: &str| squash(turn_dissatisfaction_raw(&an.read(t)));
        assert!(d("这个怎么安装") < 0.5, "{}", d("这个怎么安装"));
        assert!(d("怎么还没安装好？") > 0.5);
        assert!(d("这个怎么安装") < d("能安装吗"));
    }

    #[test]
    fn what_has_not_happened_yet_or_cannot_be_found_is_a_need_unmet() {
        let an = an();
        let d = |t: &str| squash(turn_dissatisfaction_raw(&an.read(t)));
        for t in ["我现在还没看到", "找不到订单了啊"] {
            assert!(d(t) > 0.5, "{t}: {}", d(t));
        }
    }

    #[test]
    fn waiting_uses_timestamps() {
        let mut c = conv(&[
            ("c", "请问发货了吗", Some("2026-09-08T10:00:00Z")),
            ("a", "亲稍等", Some("2026-09-08T10:01:00Z")),
            ("c", "还要多久", Some("2026-09-08T10:05:00Z")),
        ]);
        c.now = Some("2026-09-08T10:35:00Z".into());
        let a = an().analyze(&c);
        let s = a.signal(SignalKind::Waiting).expect("waiting");
        assert_eq!(s.count, 30);
        assert_eq!(s.index, 2);
    }

    #[test]
    fn risk_orders_threat_with_repetition_above_mild_impatience() {
        let threat = conv(&[
            ("c", "我的退款什么时候到账？", None),
            ("a", "亲，在处理中", None),
            ("c", "退款到底什么时候到账", None),
            ("a", "亲，请耐心等待", None),
            ("c", "退款什么时候到账？？再不处理我就投诉，给差评", None),
        ]);
        let mild = conv(&[("c", "请问什么时候发货呀", None)]);
        let calm = conv(&[("c", "好的谢谢亲", None)]);
        let (t, m, k) = (
            an().analyze(&threat).risk,
            an().analyze(&mild).risk,
            an().analyze(&calm).risk,
        );
        assert!(t.score > m.score + 30, "{} vs {}", t.score, m.score);
        assert!(m.score >= k.score);
        assert_eq!(t.level, "high");
        assert_eq!(t.reasons[0].key, "threat");
        assert!(t.reasons.iter().any(|r| r.key == "repetition"));
        // Ranked strongest first.
        assert!(t.reasons.windows(2).all(|w| w[0].points >= w[1].points));
    }

    #[test]
    fn timeline_has_one_point_per_customer_message() {
        let c = conv(&[
            ("c", "你好", None),
            ("a", "您好", None),
            ("c", "太慢了！", None),
            ("s", "系统消息", None),
        ]);
        let a = an().analyze(&c);
        assert_eq!(a.timeline.len(), 2);
        assert!(a.timeline[1].polarity < 0.0);
    }

    #[test]
    fn huge_conversations_and_empty_ones_are_fine() {
        let empty = Conversation::default();
        let a = an().analyze(&empty);
        assert_eq!(a.risk.score, 0);
        let many = Conversation {
            messages: (0..10_000)
                .map(|i| Message {
                    role: if i % 2 == 0 {
                        Role::Customer
                    } else {
                        Role::Agent
                    },
                    text: format!("第{i}条 快递到哪了"),
                    time: None,
                    id: None,
                })
                .collect(),
            ..Default::default()
        };
        let a = an().analyze(&many);
        assert_eq!(a.messages.len(), 5_000);
        let big = conv(&[("c", &"差评".repeat(500_000), None)]);
        assert!(an().analyze(&big).risk.score <= 100);
    }
}
