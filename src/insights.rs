//! Insights for shop owners, computed in the core from what the extension stores locally: which
//! topics spike (maybe the product page is unclear), which words and situations come before anger
//! or threats, which replies settle a conversation. Records hold no message text and no personal
//! data (intents, product names from the page, lexicon terms, outcomes, days) unless the agent
//! turned on keeping texts, and then they are masked (`privacy::mask`).
//!
//! Every field added after the first release has a serde default, so records written by an older
//! extension still load.

use std::borrow::Cow;
use std::collections::HashMap;

use serde::{Deserialize, Serialize};

use crate::analysis::{Analysis, SignalKind};
use crate::conversation::{Conversation, Role};
use crate::kinds::{CueKind, Intent, Lang};
use crate::privacy::MaskedLine;

/// One conversation as stored (rewritten as it goes on, under the same `id`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ConversationRecord {
    /// `privacy::conversation_key`: no name in it.
    #[serde(default)]
    pub id: String,
    /// Last update, ms since 1970 (what retention and date filters use).
    #[serde(default)]
    pub ts: f64,
    /// Days since 1970-01-01, local to the agent.
    pub day: i32,
    #[serde(default)]
    pub lang: Option<Lang>,
    /// The site profile it was read with.
    #[serde(default)]
    pub site: String,
    pub intent: Option<Intent>,
    /// Every substantive intent the customer raised, in order of first mention.
    #[serde(default)]
    pub intents: Vec<Intent>,
    pub product: Option<String>,
    /// Cue counts in customer messages, by `CueKind::index`.
    #[serde(default)]
    pub cues: Vec<u32>,
    /// Lexicon terms in customer messages that came right before anger or a threat.
    pub triggers: Vec<String>,
    /// Situations (waiting, repeated question, burst, tone shift) present when anger came.
    #[serde(default)]
    pub situations: Vec<String>,
    pub angry: bool,
    pub repeated: bool,
    /// The customer's last message is neutral or positive, or thanks.
    pub ended_well: bool,
    pub risk: u8,
    /// The agent's style then (`style_label`).
    #[serde(default)]
    pub style: String,
    /// Masked lines, only when the agent keeps texts.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub text: Option<Vec<MaskedLine>>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SuggestionEvent {
    /// Offered among the top replies for a new customer turn.
    Shown,
    /// Inserted and sent unchanged.
    Accepted,
    /// Inserted, then changed before sending.
    Edited,
    /// Dismissed from the panel.
    Dismissed,
}

impl From<crate::learning::Outcome> for SuggestionEvent {
    fn from(o: crate::learning::Outcome) -> Self {
        match o {
            crate::learning::Outcome::Accepted => Self::Accepted,
            crate::learning::Outcome::Edited => Self::Edited,
            crate::learning::Outcome::Dismissed => Self::Dismissed,
        }
    }
}

/// One thing that happened to a suggestion.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SuggestionRecord {
    #[serde(default)]
    pub ts: f64,
    pub day: i32,
    /// The conversation it was offered in (its outcome tells whether the reply settled it).
    #[serde(default)]
    pub conv: String,
    #[serde(default)]
    pub lang: Option<Lang>,
    pub entry: String,
    pub event: SuggestionEvent,
    #[serde(default)]
    pub style: String,
}

/// An exception request to a supervisor, and the answer once the agent marks it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ExceptionRecord {
    #[serde(default)]
    pub id: String,
    #[serde(default)]
    pub ts: f64,
    pub day: i32,
    #[serde(default)]
    pub conv: String,
    #[serde(default)]
    pub lang: Option<Lang>,
    pub kind: String,
    pub approved: Option<bool>,
}

/// A short code for the agent's voice, for comparing styles: "qin", "nin" or "plain", plus
/// "+emoji" when most messages carry one.
pub fn style_label(s: &crate::style::Style) -> String {
    let base = match s.address {
        crate::style::Address::Qin => "qin",
        crate::style::Address::Nin => "nin",
        crate::style::Address::Unknown => "plain",
    };
    if s.emoji_rate >= 0.3 {
        format!("{base}+emoji")
    } else {
        base.to_string()
    }
}

/// Summarise a conversation for storage: no text, no names, no numbers.
pub fn record_of(conv: &Conversation, a: &Analysis, day: i32) -> ConversationRecord {
    let mut triggers = Vec::new();
    let mut situations: Vec<String> = Vec::new();
    let mut angry = false;
    let mut cues = vec![0u32; CueKind::ALL.len()];
    let mut intents = Vec::new();
    for (k, m) in a.messages.iter().enumerate() {
        for c in &m.reading.cues {
            cues[c.kind.index()] += 1;
        }
        if let Some(i) = m.reading.intent.filter(|i| i.is_substantive()) {
            if !intents.contains(&i) {
                intents.push(i);
            }
        }
        let hot =
            m.reading.emotion(CueKind::Anger) > 0.0 || m.reading.emotion(CueKind::Threat) > 0.0;
        angry |= hot;
        if hot {
            // What this message and the one before it said besides the anger itself.
            for prev in a.messages[k.saturating_sub(1)..=k].iter() {
                for c in &prev.reading.cues {
                    // Words, not punctuation runs or emoji: those are how anger shows, not what set it off.
                    let wordy = c.text.chars().any(|ch| ch.is_alphabetic());
                    if !matches!(c.kind, CueKind::Anger | CueKind::Threat)
                        && wordy
                        && c.text.chars().count() <= 12
                        && !triggers.contains(&c.text)
                    {
                        triggers.push(c.text.clone());
                    }
                }
            }
            // And what the conversation had come to by then.
            for s in a.signals.iter().filter(|s| s.index <= m.index) {
                let name = serde_json::to_value(s.kind)
                    .ok()
                    .and_then(|v| v.as_str().map(str::to_string))
                    .unwrap_or_default();
                if !situations.contains(&name) {
                    situations.push(name);
                }
            }
        }
    }
    let last_customer = a.messages.last();
    let ended_well = last_customer
        .is_some_and(|m| m.reading.polarity >= -0.1 || m.reading.intent == Some(Intent::Thanks))
        && conv.messages.last().is_some_and(|m| {
            m.role != Role::Customer || last_customer.is_some_and(|l| l.reading.polarity > 0.1)
        });
    ConversationRecord {
        id: String::new(),
        ts: 0.0,
        day,
        lang: (!conv.messages.is_empty()).then(|| crate::suggest::language(conv)),
        site: String::new(),
        intent: a.intent,
        intents,
        product: conv.order.as_ref().and_then(|o| o.product.clone()),
        cues,
        triggers,
        situations,
        angry,
        repeated: a.signal(SignalKind::Repetition).is_some(),
        ended_well,
        risk: a.risk.score,
        style: String::new(),
        text: None,
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
    pub shown: u32,
    pub accepted: u32,
    pub edited: u32,
    pub dismissed: u32,
    /// Share of uses (accepted or edited) after which the conversation ended well.
    pub ended_well_rate: Option<f32>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
pub struct StyleStats {
    pub style: String,
    pub conversations: u32,
    /// Share of this style's conversations that ended well.
    pub ended_well_rate: f32,
    pub accepted: u32,
    pub edited: u32,
    pub dismissed: u32,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
pub struct ExceptionStats {
    pub kind: String,
    pub requested: u32,
    pub approved: u32,
    pub denied: u32,
}

/// Which records to aggregate: days `from..=to` (inclusive), one language or both.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct Filter {
    pub from: i32,
    pub to: i32,
    #[serde(default)]
    pub lang: Option<Lang>,
}

impl Filter {
    fn lang_ok(&self, l: Option<Lang>) -> bool {
        self.lang.is_none() || l.is_none() || l == self.lang
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
pub struct Insights {
    /// Records handed in (before filtering).
    pub records: u32,
    pub conversations: u32,
    pub angry: u32,
    pub repeated: u32,
    pub ended_well_rate: f32,
    /// (day, intent, count), from a week before the range (for context) to its end.
    pub intents_by_day: Vec<(i32, String, u32)>,
    /// (day, product, count), likewise.
    pub products_by_day: Vec<(i32, String, u32)>,
    pub spikes: Vec<Spike>,
    /// Cue kind → how many cues of it customers showed.
    pub cue_totals: Vec<(String, u32)>,
    /// Terms most often followed by anger or threats, with counts.
    pub upset_triggers: Vec<(String, u32)>,
    /// Situations (signal kinds) most often present when anger came.
    pub upset_situations: Vec<(String, u32)>,
    /// Intents whose conversations most often had the same question asked again.
    pub repeated_hotspots: Vec<(String, u32)>,
    pub replies: Vec<ReplyStats>,
    pub styles: Vec<StyleStats>,
    pub exceptions: Vec<ExceptionStats>,
    pub exceptions_requested: u32,
    pub exceptions_approved: u32,
}

fn ranked<K: Into<String>>(m: HashMap<K, u32>, keep: usize) -> Vec<(String, u32)> {
    let mut v: Vec<(String, u32)> = m.into_iter().map(|(k, n)| (k.into(), n)).collect();
    crate::sort::sort_by(&mut v, |a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
    v.truncate(keep);
    v
}

/// A string read from stored JSON: borrowed from the text when it has no escapes (almost always),
/// so parsing 100,000 records does not copy every id, entry and style.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Str<'a>(pub Cow<'a, str>);

impl<'a> Str<'a> {
    pub fn of(s: &'a str) -> Self {
        Str(Cow::Borrowed(s))
    }
    pub fn as_str(&self) -> &str {
        &self.0
    }
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
    /// The same string, owned (kept beyond the text it was read from).
    pub fn owned(self) -> Str<'static> {
        Str(Cow::Owned(self.0.into_owned()))
    }
}

impl<'de: 'a, 'a> Deserialize<'de> for Str<'a> {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V<'a>(std::marker::PhantomData<&'a ()>);
        impl<'de: 'a, 'a> serde::de::Visitor<'de> for V<'a> {
            type Value = Str<'a>;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("a string")
            }
            fn visit_borrowed_str<E>(self, v: &'de str) -> Result<Self::Value, E> {
                Ok(Str(Cow::Borrowed(v)))
            }
            fn visit_str<E>(self, v: &str) -> Result<Self::Value, E> {
                Ok(Str(Cow::Owned(v.to_string())))
            }
        }
        d.deserialize_str(V(std::marker::PhantomData))
    }
}

/// The fields of a conversation record that aggregation reads (others are skipped unparsed).
#[derive(Debug, Deserialize)]
pub struct ConvView<'a> {
    #[serde(default, borrow)]
    pub id: Str<'a>,
    /// Last update (ms): of two copies of a conversation, a team's merge keeps the newer.
    #[serde(default)]
    pub ts: f64,
    pub day: i32,
    #[serde(default)]
    pub lang: Option<Lang>,
    #[serde(default)]
    pub intent: Option<Intent>,
    #[serde(default, borrow)]
    pub product: Option<Str<'a>>,
    #[serde(default)]
    pub cues: Vec<u32>,
    #[serde(default, borrow)]
    pub triggers: Vec<Str<'a>>,
    #[serde(default, borrow)]
    pub situations: Vec<Str<'a>>,
    #[serde(default)]
    pub angry: bool,
    #[serde(default)]
    pub repeated: bool,
    #[serde(default)]
    pub ended_well: bool,
    #[serde(default, borrow)]
    pub style: Str<'a>,
}

#[derive(Debug, Deserialize)]
pub struct EventView<'a> {
    #[serde(default)]
    pub ts: f64,
    pub day: i32,
    #[serde(default, borrow)]
    pub conv: Str<'a>,
    #[serde(default)]
    pub lang: Option<Lang>,
    #[serde(borrow)]
    pub entry: Str<'a>,
    pub event: SuggestionEvent,
    #[serde(default, borrow)]
    pub style: Str<'a>,
}

#[derive(Debug, Deserialize)]
pub struct ExceptionView<'a> {
    #[serde(default, borrow)]
    pub id: Str<'a>,
    #[serde(default)]
    pub ts: f64,
    pub day: i32,
    #[serde(default)]
    pub lang: Option<Lang>,
    #[serde(borrow)]
    pub kind: Str<'a>,
    #[serde(default)]
    pub approved: Option<bool>,
}

impl<'a> From<&'a ConversationRecord> for ConvView<'a> {
    fn from(c: &'a ConversationRecord) -> Self {
        ConvView {
            id: Str::of(&c.id),
            ts: c.ts,
            day: c.day,
            lang: c.lang,
            intent: c.intent,
            product: c.product.as_deref().map(Str::of),
            cues: c.cues.clone(),
            triggers: c.triggers.iter().map(|t| Str::of(t)).collect(),
            situations: c.situations.iter().map(|t| Str::of(t)).collect(),
            angry: c.angry,
            repeated: c.repeated,
            ended_well: c.ended_well,
            style: Str::of(&c.style),
        }
    }
}

impl<'a> From<&'a SuggestionRecord> for EventView<'a> {
    fn from(s: &'a SuggestionRecord) -> Self {
        EventView {
            ts: s.ts,
            day: s.day,
            conv: Str::of(&s.conv),
            lang: s.lang,
            entry: Str::of(&s.entry),
            event: s.event,
            style: Str::of(&s.style),
        }
    }
}

impl<'a> From<&'a ExceptionRecord> for ExceptionView<'a> {
    fn from(e: &'a ExceptionRecord) -> Self {
        ExceptionView {
            id: Str::of(&e.id),
            ts: e.ts,
            day: e.day,
            lang: e.lang,
            kind: Str::of(&e.kind),
            approved: e.approved,
        }
    }
}

/// Aggregate the stored records the filter selects.
pub fn aggregate(
    convs: &[ConversationRecord],
    sugg: &[SuggestionRecord],
    exc: &[ExceptionRecord],
    f: Filter,
) -> Insights {
    let c: Vec<ConvView> = convs.iter().map(ConvView::from).collect();
    let s: Vec<EventView> = sugg.iter().map(EventView::from).collect();
    let e: Vec<ExceptionView> = exc.iter().map(ExceptionView::from).collect();
    aggregate_views(&c, &s, &e, f)
}

/// Aggregation itself, over borrowed views. Runs in the core so that the dashboard only draws
/// (`cargo bench --bench engine` measures 100,000 records).
pub fn aggregate_views(
    convs: &[ConvView],
    sugg: &[EventView],
    exc: &[ExceptionView],
    f: Filter,
) -> Insights {
    let mut t = Tally::new(f);
    convs.iter().for_each(|c| t.add_conversation(c));
    sugg.iter().for_each(|s| t.add_event(s));
    exc.iter().for_each(|e| t.add_exception(e));
    t.finish()
}

/// How a style fared: conversations, of which ended well, and what the agent did with
/// suggestions.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
struct StyleCount {
    conversations: u32,
    well: u32,
    accepted: u32,
    edited: u32,
    dismissed: u32,
}

/// What happened to one reply: counts per event.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
struct ReplyCount {
    shown: u32,
    accepted: u32,
    edited: u32,
    dismissed: u32,
}

/// FNV-1a as a `Hasher`: the keys counted here are short strings and numbers, millions of times
/// for a team (`team_insights`), where SipHash's protection against chosen keys buys nothing (the
/// records are the shop's own) and costs a third of the time.
#[derive(Default)]
pub struct Fnv(u64);

impl std::hash::Hasher for Fnv {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        let mut h = if self.0 == 0 {
            0xcbf2_9ce4_8422_2325
        } else {
            self.0
        };
        for &b in bytes {
            h ^= b as u64;
            h = h.wrapping_mul(0x0000_0100_0000_01b3);
        }
        self.0 = h;
    }
    fn write_u64(&mut self, n: u64) {
        // Keys that are already FNV hashes (conversation keys) or small numbers: mixed once.
        self.0 = (self.0 ^ n).wrapping_mul(0x9E37_79B9_7F4A_7C15);
    }
    fn write_u32(&mut self, n: u32) {
        self.write_u64(n as u64);
    }
    fn write_i32(&mut self, n: i32) {
        self.write_u64(n as u32 as u64);
    }
}

/// A map with `Fnv` keys.
pub type FastMap<K, V> = HashMap<K, V, std::hash::BuildHasherDefault<Fnv>>;

/// Values kept under string keys that repeat a lot (replies, styles, topics): each key is stored
/// once, looked up without allocating, and numbered in order of first sight.
#[derive(Debug, Clone, Default, PartialEq)]
struct Interned<T> {
    ids: FastMap<String, u32>,
    items: Vec<(String, T)>,
}

impl<T: Default> Interned<T> {
    fn id(&mut self, k: &str) -> u32 {
        if let Some(&i) = self.ids.get(k) {
            return i;
        }
        let i = self.items.len() as u32;
        self.items.push((k.to_string(), T::default()));
        self.ids.insert(k.to_string(), i);
        i
    }

    fn get(&mut self, k: &str) -> &mut T {
        let i = self.id(k) as usize;
        &mut self.items[i].1
    }
}

/// The counts the dashboard is made of, added record by record in any order and any number (one
/// agent's tables, or a team's exports streamed file after file: `team_insights`). Everything in
/// it is a sum, so a team's tally is the sum of its agents'; `finish` ranks and rates.
#[derive(Debug, Clone, PartialEq)]
pub struct Tally {
    f: Filter,
    records: u32,
    conversations: u32,
    angry: u32,
    repeated: u32,
    well: u32,
    /// Topics (intents and products), numbered for `per_day`.
    topics: Interned<()>,
    per_day: FastMap<(i32, u32), u32>,
    cue_totals: Vec<u32>,
    triggers: HashMap<String, u32>,
    situations: HashMap<String, u32>,
    repeated_by: HashMap<String, u32>,
    styles: Interned<StyleCount>,
    replies: Interned<ReplyCount>,
    /// Conversation (key hashed) → ended well, for the replies used in it.
    ended: FastMap<u64, bool>,
    /// (reply, conversation) of every accepted or edited suggestion, resolved in `finish`.
    uses: Vec<(u32, u64)>,
    exceptions: HashMap<String, ExceptionStats>,
}

fn bump(m: &mut HashMap<String, u32>, k: &str) {
    match m.get_mut(k) {
        Some(n) => *n += 1,
        None => {
            m.insert(k.to_string(), 1);
        }
    }
}

/// The key a conversation's outcome is found by (from a suggestion's `conv`).
pub fn conv_key(id: &str) -> u64 {
    crate::privacy::fnv64([id.as_bytes()])
}

impl Tally {
    pub fn new(f: Filter) -> Self {
        Tally {
            f,
            records: 0,
            conversations: 0,
            angry: 0,
            repeated: 0,
            well: 0,
            topics: Interned::default(),
            per_day: FastMap::default(),
            cue_totals: vec![0; CueKind::ALL.len()],
            triggers: HashMap::new(),
            situations: HashMap::new(),
            repeated_by: HashMap::new(),
            styles: Interned::default(),
            replies: Interned::default(),
            ended: FastMap::default(),
            uses: Vec::new(),
            exceptions: HashMap::new(),
        }
    }

    /// One conversation. Topic counts include a 7-day lead-in before `from`, so a spike on the
    /// first day shows.
    pub fn add_conversation(&mut self, c: &ConvView) {
        let key = (!c.id.is_empty()).then(|| conv_key(c.id.as_str()));
        self.add_conversation_keyed(c, key);
    }

    /// One conversation whose key (`conv_key` of its id) the caller already has.
    pub fn add_conversation_keyed(&mut self, c: &ConvView, key: Option<u64>) {
        self.records += 1;
        let f = self.f;
        if c.day < f.from - 7 || c.day > f.to || !f.lang_ok(c.lang) {
            return;
        }
        if let Some(key) = key {
            self.ended.insert(key, c.ended_well);
        }
        let intent = c.intent.map(|i| i.as_str());
        for t in intent
            .into_iter()
            .chain(c.product.as_ref().map(Str::as_str))
        {
            let k = self.topics.id(t);
            *self.per_day.entry((c.day, k)).or_default() += 1;
        }
        if c.day < f.from {
            return;
        }
        self.conversations += 1;
        self.well += c.ended_well as u32;
        for (k, n) in c.cues.iter().enumerate().take(self.cue_totals.len()) {
            self.cue_totals[k] += n;
        }
        if c.angry {
            self.angry += 1;
            c.triggers
                .iter()
                .for_each(|t| bump(&mut self.triggers, t.as_str()));
            c.situations
                .iter()
                .for_each(|s| bump(&mut self.situations, s.as_str()));
        }
        if c.repeated {
            self.repeated += 1;
            bump(&mut self.repeated_by, intent.unwrap_or("other"));
        }
        let s = self.styles.get(c.style.as_str());
        s.conversations += 1;
        s.well += c.ended_well as u32;
    }

    /// One thing that happened to a suggestion.
    pub fn add_event(&mut self, s: &EventView) {
        self.records += 1;
        let f = self.f;
        if s.day < f.from || s.day > f.to || !f.lang_ok(s.lang) {
            return;
        }
        let r = self.replies.id(s.entry.as_str());
        let count = &mut self.replies.items[r as usize].1;
        match s.event {
            SuggestionEvent::Shown => count.shown += 1,
            SuggestionEvent::Accepted => count.accepted += 1,
            SuggestionEvent::Edited => count.edited += 1,
            SuggestionEvent::Dismissed => count.dismissed += 1,
        }
        if matches!(s.event, SuggestionEvent::Accepted | SuggestionEvent::Edited) {
            self.uses.push((r, conv_key(s.conv.as_str())));
        }
        if s.event != SuggestionEvent::Shown {
            let st = self.styles.get(s.style.as_str());
            match s.event {
                SuggestionEvent::Accepted => st.accepted += 1,
                SuggestionEvent::Edited => st.edited += 1,
                _ => st.dismissed += 1,
            }
        }
    }

    /// One exception request.
    pub fn add_exception(&mut self, e: &ExceptionView) {
        self.records += 1;
        let f = self.f;
        if e.day < f.from || e.day > f.to || !f.lang_ok(e.lang) {
            return;
        }
        let k = match self.exceptions.get_mut(e.kind.as_str()) {
            Some(k) => k,
            None => self
                .exceptions
                .entry(e.kind.as_str().to_string())
                .or_insert_with(|| ExceptionStats {
                    kind: e.kind.as_str().to_string(),
                    ..Default::default()
                }),
        };
        k.requested += 1;
        match e.approved {
            Some(true) => k.approved += 1,
            Some(false) => k.denied += 1,
            None => {}
        }
    }

    /// Rank, rate and find the spikes.
    pub fn finish(self) -> Insights {
        let mut ins = Insights {
            records: self.records,
            conversations: self.conversations,
            angry: self.angry,
            repeated: self.repeated,
            ended_well_rate: rate(self.well, self.conversations).unwrap_or(0.0),
            ..Default::default()
        };
        let (intents, products) = self.series();
        ins.intents_by_day = intents;
        ins.products_by_day = products;
        ins.spikes = self.spikes();
        ins.cue_totals = CueKind::ALL
            .iter()
            .map(|k| (k.as_str().to_string(), self.cue_totals[k.index()]))
            .filter(|(_, n)| *n > 0)
            .collect();
        crate::sort::sort_by(&mut ins.cue_totals, |a, b| {
            b.1.cmp(&a.1).then(a.0.cmp(&b.0))
        });
        ins.replies = self.reply_stats();
        ins.styles = self.style_stats();
        ins.upset_triggers = ranked(self.triggers, 20);
        ins.upset_situations = ranked(self.situations, 10);
        ins.repeated_hotspots = ranked(self.repeated_by, 10);
        let mut ks: Vec<ExceptionStats> = self.exceptions.into_values().collect();
        crate::sort::sort_by(&mut ks, |a, b| {
            b.requested.cmp(&a.requested).then(a.kind.cmp(&b.kind))
        });
        ins.exceptions_requested = ks.iter().map(|k| k.requested).sum();
        ins.exceptions_approved = ks.iter().map(|k| k.approved).sum();
        ins.exceptions = ks;
        ins
    }

    /// (day, topic, count) for intents and for products, including the lead-in week, so a short
    /// range still shows what "usual" looked like.
    #[allow(clippy::type_complexity)]
    fn series(&self) -> (Vec<(i32, String, u32)>, Vec<(i32, String, u32)>) {
        let (mut intents, mut products) = (Vec::new(), Vec::new());
        for (&(d, t), &n) in &self.per_day {
            let topic = self.topics.items[t as usize].0.clone();
            if Intent::parse(&topic).is_some() {
                intents.push((d, topic, n));
            } else {
                products.push((d, topic, n));
            }
        }
        crate::sort::sort(&mut intents);
        crate::sort::sort(&mut products);
        (intents, products)
    }

    /// A day well above the week before it (at least 5, twice the mean, 3 sd).
    fn spikes(&self) -> Vec<Spike> {
        let mut spikes = Vec::new();
        for (&(day, t), &n) in self.per_day.iter().filter(|((d, _), _)| *d >= self.f.from) {
            let prev: Vec<f32> = (1..=7)
                .map(|k| self.per_day.get(&(day - k, t)).copied().unwrap_or(0) as f32)
                .collect();
            let mean = prev.iter().sum::<f32>() / 7.0;
            let sd = (prev.iter().map(|x| (x - mean).powi(2)).sum::<f32>() / 7.0).sqrt();
            let n = n as f32;
            if n >= 5.0 && n >= 2.0 * mean.max(1.0) && n >= mean + 3.0 * sd.max(0.5) {
                spikes.push(spike(&self.topics.items[t as usize].0, day, n as u32, mean));
            }
        }
        crate::sort::sort_by(&mut spikes, |a, b| {
            (b.day, b.count, &a.topic).cmp(&(a.day, a.count, &b.topic))
        });
        spikes
    }

    fn reply_stats(&self) -> Vec<ReplyStats> {
        // Uses whose conversation outcome is known, and of them those that ended well.
        let mut known = vec![(0u32, 0u32); self.replies.items.len()];
        for (r, conv) in &self.uses {
            if let Some(&w) = self.ended.get(conv) {
                known[*r as usize].0 += 1;
                known[*r as usize].1 += w as u32;
            }
        }
        let mut rs: Vec<ReplyStats> = self
            .replies
            .items
            .iter()
            .zip(known)
            .map(|((entry, c), (k, good))| ReplyStats {
                entry: entry.clone(),
                shown: c.shown,
                accepted: c.accepted,
                edited: c.edited,
                dismissed: c.dismissed,
                ended_well_rate: rate(good, k),
            })
            .collect();
        crate::sort::sort_by(&mut rs, |a, b| {
            (b.accepted + b.edited, b.shown)
                .cmp(&(a.accepted + a.edited, a.shown))
                .then(a.entry.cmp(&b.entry))
        });
        rs
    }

    fn style_stats(&self) -> Vec<StyleStats> {
        let mut st: Vec<StyleStats> = self
            .styles
            .items
            .iter()
            .filter(|(s, _)| !s.is_empty())
            .map(|(s, c)| StyleStats {
                style: s.clone(),
                conversations: c.conversations,
                ended_well_rate: rate(c.well, c.conversations).unwrap_or(0.0),
                accepted: c.accepted,
                edited: c.edited,
                dismissed: c.dismissed,
            })
            .collect();
        crate::sort::sort_by(&mut st, |a, b| {
            b.conversations
                .cmp(&a.conversations)
                .then(a.style.cmp(&b.style))
        });
        st
    }
}

fn rate(part: u32, whole: u32) -> Option<f32> {
    (whole > 0).then(|| part as f32 / whole as f32)
}

/// A spike with the note the owner can copy to operations.
fn spike(topic: &str, day: i32, count: u32, mean: f32) -> Spike {
    let intent = Intent::parse(topic);
    let label_zh = intent.map_or(topic, |i| i.zh());
    let label_en = intent.map_or(topic, |i| i.en());
    let (what_zh, what_en) = if intent.is_some() {
        (
            "商品页和自动回复是否把这件事说清楚",
            "the product page and auto-replies cover it",
        )
    } else {
        (
            "这个商品的详情页是否回答了客户最常问的问题",
            "this product's page answers what customers keep asking",
        )
    };
    let mean1 = crate::num::fixed(f64::from(mean), 1);
    Spike {
        topic: topic.to_string(),
        day,
        count,
        baseline: (mean * 10.0).round() / 10.0,
        note_zh: format!("最近很多客户在问「{label_zh}」：当天{count}次，之前一周平均每天约{mean1}次。建议检查{what_zh}，补充后可以减少这类咨询。"),
        note_en: format!(
            "Many customers are asking about \"{label_en}\": {count} on that day against about {mean1} a day the week before. Check whether {what_en}; adding it could cut these chats."
        ),
    }
}

/// What the dashboard hands over: the three tables as stored, each a UTF-8 JSON array read from
/// the database as bytes. Only the fields aggregation reads are parsed, borrowing the strings;
/// the rest, such as kept texts, is skipped. Records that do not parse are an error, not
/// silently dropped: the dashboard shows it.
#[derive(Debug, Default)]
pub struct Tables<'a> {
    pub conversations: Vec<ConvView<'a>>,
    pub events: Vec<EventView<'a>>,
    pub exceptions: Vec<ExceptionView<'a>>,
}

impl<'a> Tables<'a> {
    /// Parse the three tables (an empty slice is an empty table).
    pub fn parse(
        conversations: &'a [u8],
        events: &'a [u8],
        exceptions: &'a [u8],
    ) -> crate::Result<Self> {
        fn table<'a, T: Deserialize<'a>>(bytes: &'a [u8]) -> crate::Result<Vec<T>> {
            if bytes.iter().all(u8::is_ascii_whitespace) {
                return Ok(Vec::new());
            }
            Ok(serde_json::from_slice(bytes)?)
        }
        Ok(Tables {
            conversations: table(conversations)?,
            events: table(events)?,
            exceptions: table(exceptions)?,
        })
    }

    pub fn aggregate(&self, f: Filter) -> Insights {
        aggregate_views(&self.conversations, &self.events, &self.exceptions, f)
    }
}

/// The names the dashboard shows for what records store as codes, in one language: intents, cue
/// kinds, situations, exception kinds and styles (`{"intent": {"refund": "退款"}, ...}`).
pub fn labels(zh: bool) -> serde_json::Value {
    let pick = |z: &str, e: &str| if zh { z.to_string() } else { e.to_string() };
    let intent: serde_json::Map<String, serde_json::Value> = Intent::ALL
        .iter()
        .map(|i| (i.as_str().to_string(), pick(i.zh(), i.en()).into()))
        .collect();
    let cue: serde_json::Map<String, serde_json::Value> = CueKind::ALL
        .iter()
        .map(|k| (k.as_str().to_string(), pick(k.zh(), k.en()).into()))
        .collect();
    serde_json::json!({
        "intent": intent,
        "cue": cue,
        "situation": {
            "burst": pick("连续发很多消息", "many messages in a burst"),
            "repetition": pick("同一个问题问了又问", "the same question asked again"),
            "tone_shift": pick("语气突然变冷淡", "tone suddenly curt"),
            "waiting": pick("等了很久没人回", "left waiting for an answer"),
        },
        "exception": {
            "return_window": pick("超出退货期限", "return past the window"),
            "refund_limit": pick("退款超出权限", "refund above the limit"),
            "price_protection": pick("价保过期", "price protection after the window"),
            "compensation": pick("补偿/赠品", "compensation or gift"),
            "expedite": pick("加急发货", "expedited shipping"),
            "fee_waiver": pick("免运费/手续费", "fee waiver"),
        },
        "style": {
            "qin": pick("亲", "亲 (warm)"),
            "nin": pick("您", "您 (formal)"),
            "plain": pick("未定", "plain"),
            "qin+emoji": pick("亲 + 表情", "亲 + emoji"),
            "nin+emoji": pick("您 + 表情", "您 + emoji"),
            "plain+emoji": pick("表情", "emoji"),
        },
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::Analyzer;
    use crate::conversation::Message;

    fn rec(day: i32, intent: Intent, product: Option<&str>) -> ConversationRecord {
        let an = Analyzer::new().unwrap();
        let c = Conversation::from_turns(&[(Role::Customer, "你好".into())]);
        let mut r = record_of(&c, &an.analyze(&c), day);
        r.intent = Some(intent);
        r.product = product.map(str::to_string);
        r.ended_well = true;
        r
    }

    fn all(from: i32, to: i32) -> Filter {
        Filter {
            from,
            to,
            lang: None,
        }
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
        let ins = aggregate(&v, &[], &[], all(7, 14));
        let s = ins
            .spikes
            .iter()
            .find(|s| s.topic == "保温杯")
            .expect("spike");
        assert_eq!((s.day, s.count), (14, 9));
        assert!(
            s.note_zh.contains("保温杯") && s.note_zh.contains("9次"),
            "{}",
            s.note_zh
        );
        assert!(
            !ins.spikes.iter().any(|s| s.topic == "logistics"),
            "steady topics do not spike"
        );
        assert!(ins.products_by_day.contains(&(14, "保温杯".into(), 9)));
        assert!(ins
            .intents_by_day
            .contains(&(14, "product_question".into(), 9)));
    }

    #[test]
    fn triggers_situations_replies_styles_and_exceptions() {
        let an = Analyzer::new().unwrap();
        let m = |role, t: &str| Message {
            role,
            text: t.into(),
            time: None,
            id: None,
        };
        let c = Conversation {
            messages: vec![
                m(Role::Customer, "快递怎么还没到？"),
                m(Role::Agent, "亲，在路上"),
                m(Role::Customer, "快递怎么还没到啊？？"),
                m(Role::Customer, "上次也是这么说的，气死了，我要投诉"),
            ],
            ..Default::default()
        };
        let mut r = record_of(&c, &an.analyze(&c), 100);
        assert!(
            r.angry && r.triggers.iter().any(|t| t == "上次也是"),
            "{:?}",
            r.triggers
        );
        assert!(
            r.situations.iter().any(|s| s == "repetition"),
            "{:?}",
            r.situations
        );
        assert!(r.cues[CueKind::Threat.index()] >= 1 && r.intents.contains(&Intent::Logistics));
        assert!(!r.ended_well);
        r.id = "c1".into();
        r.style = "qin".into();
        let mut good = rec(100, Intent::Logistics, None);
        good.id = "c2".into();
        good.style = "qin".into();
        let ev = |conv: &str, entry: &str, event| SuggestionRecord {
            ts: 0.0,
            day: 100,
            conv: conv.into(),
            lang: Some(Lang::Zh),
            entry: entry.into(),
            event,
            style: "qin".into(),
        };
        let s = vec![
            ev("c2", "zh.logistics.status", SuggestionEvent::Shown),
            ev("c2", "zh.logistics.status", SuggestionEvent::Accepted),
            ev("c1", "zh.logistics.status", SuggestionEvent::Edited),
            ev("c1", "zh.generic", SuggestionEvent::Dismissed),
        ];
        let exc = |approved| ExceptionRecord {
            id: String::new(),
            ts: 0.0,
            day: 100,
            conv: "c1".into(),
            lang: Some(Lang::Zh),
            kind: "return_window".into(),
            approved,
        };
        let e = vec![exc(Some(true)), exc(None), exc(Some(false))];
        let ins = aggregate(&[r, good], &s, &e, all(90, 110));
        assert_eq!(
            ins.upset_triggers
                .iter()
                .find(|t| t.0 == "上次也是")
                .map(|t| t.1),
            Some(1)
        );
        assert_eq!(ins.upset_situations[0], ("repetition".to_string(), 1));
        let top = &ins.replies[0];
        assert_eq!(
            (top.entry.as_str(), top.shown, top.accepted, top.edited),
            ("zh.logistics.status", 1, 1, 1)
        );
        assert_eq!(
            top.ended_well_rate,
            Some(0.5),
            "one use settled its conversation, one did not"
        );
        assert_eq!(ins.styles[0].style, "qin");
        assert_eq!(
            (
                ins.styles[0].conversations,
                ins.styles[0].ended_well_rate,
                ins.styles[0].dismissed
            ),
            (2, 0.5, 1)
        );
        assert_eq!(
            ins.exceptions[0],
            ExceptionStats {
                kind: "return_window".into(),
                requested: 3,
                approved: 1,
                denied: 1
            }
        );
        assert_eq!((ins.conversations, ins.angry, ins.repeated), (2, 1, 1));
    }

    #[test]
    fn the_filter_selects_days_and_language() {
        let mut zh = rec(10, Intent::Refund, None);
        zh.lang = Some(Lang::Zh);
        let mut en = rec(10, Intent::Refund, None);
        en.lang = Some(Lang::En);
        let old = rec(2, Intent::Refund, None);
        let v = vec![zh, en, old];
        assert_eq!(aggregate(&v, &[], &[], all(5, 12)).conversations, 2);
        assert_eq!(
            aggregate(
                &v,
                &[],
                &[],
                Filter {
                    from: 5,
                    to: 12,
                    lang: Some(Lang::En)
                }
            )
            .conversations,
            1
        );
        assert_eq!(aggregate(&v, &[], &[], all(0, 12)).conversations, 3);
    }

    #[test]
    fn records_from_the_first_release_still_load() {
        // Written before ids, timestamps, languages and cue counts were kept.
        let convs = br#"[{"day":20000,"intent":"refund","product":null,"triggers":[],"angry":false,"repeated":false,"ended_well":true,"risk":5}]"#;
        let exceptions = br#"[{"day":20000,"kind":"return_window","approved":true}]"#;
        let ins = Tables::parse(convs, b"", exceptions)
            .unwrap()
            .aggregate(all(19990, 20010));
        assert_eq!((ins.conversations, ins.exceptions_approved), (1, 1));
        assert!(
            Tables::parse(br#"[{"day":"x"}]"#, b"[]", b"[]").is_err(),
            "a damaged record is reported"
        );
    }

    #[test]
    fn every_stored_code_has_a_label_in_both_languages() {
        for zh in [true, false] {
            let l = labels(zh);
            for i in Intent::ALL {
                assert!(l["intent"][i.as_str()]
                    .as_str()
                    .is_some_and(|s| !s.is_empty()));
            }
            for k in ["burst", "repetition", "tone_shift", "waiting"] {
                let v = serde_json::to_value(k).unwrap();
                assert!(l["situation"][v.as_str().unwrap()].is_string(), "{k}");
            }
            for k in [
                "return_window",
                "refund_limit",
                "price_protection",
                "compensation",
                "expedite",
                "fee_waiver",
            ] {
                assert!(l["exception"][k].is_string(), "{k}");
            }
        }
    }

    #[test]
    fn records_carry_no_message_text() {
        let an = Analyzer::new().unwrap();
        let c = Conversation {
            messages: vec![Message {
                role: Role::Customer,
                text: "我叫王芳，电话13812345678，气死了".into(),
                time: None,
                id: None,
            }],
            ..Default::default()
        };
        let j = serde_json::to_string(&record_of(&c, &an.analyze(&c), 1)).unwrap();
        assert!(!j.contains("王芳") && !j.contains("13812345678"), "{j}");
    }
}
