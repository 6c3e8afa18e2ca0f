//! Team insights: the dashboard of many agents, made from their exports (`store.js`
//! `exportAll`: `{"format": "duxin-export", "tables": {"conversations": […], "events": […],
//! "exceptions": […], …}}`), with no server. The lead's dashboard and `duxin insights FILES…`
//! both read them here.
//!
//! Exports are read one at a time and parsed as a stream, record by record, never a file as a
//! value nor all files at once (a file's bytes are in memory while it is parsed, so strings are
//! borrowed, not copied): 50 agents × 90 days (about 5 million events) aggregate on one core in
//! seconds (`make team-bench`). What is kept while reading: the newest copy of each conversation
//! and exception in a compact form (an agent exports twice, a conversation is handed over: each
//! counts once; their words numbered once), and the 64-bit key of each event seen. A conversation's or exception's id is its record id; an event
//! has none, so its id is its content (time to the ms, conversation, reply, what happened, style).
//! Everything counted is a sum (`insights::Tally`), so the team's dashboard is the sum of its
//! agents' dashboards. Agents are not named unless the lead asks (`labels`): then each export is
//! one row, under the label given for it (the file name on the command line).

use std::collections::HashSet;
use std::hash::BuildHasherDefault;

use serde::de::{DeserializeSeed, Deserializer, IgnoredAny, MapAccess, SeqAccess, Visitor};
use serde::{Deserialize, Serialize};

use crate::insights::{
    ConvView, EventView, ExceptionView, FastMap, Filter, Fnv, Insights, Str, SuggestionEvent, Tally,
};
use crate::privacy::fnv64;

type Keys<V> = FastMap<u64, V>;

/// One agent's row, when the lead shows agents (off by default).
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct AgentRow {
    pub label: String,
    pub conversations: u32,
    pub angry: u32,
    pub ended_well: u32,
    pub accepted: u32,
    pub edited: u32,
    pub dismissed: u32,
    pub exceptions: u32,
}

/// The team's dashboard.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TeamInsights {
    /// Exports read.
    pub files: u32,
    /// Records left out as copies of one already counted.
    pub duplicates: u64,
    pub insights: Insights,
    /// Per export, only when asked for.
    pub agents: Vec<AgentRow>,
}

/// Reads exports one after another and keeps what the dashboard needs.
pub struct TeamReader {
    f: Filter,
    labels: bool,
    tally: Tally,
    /// Conversation key → its newest copy.
    convs: Keys<Kept>,
    /// The strings conversations hold (products, styles, trigger words, situations), once each.
    words: Vec<String>,
    word_ids: FastMap<String, u32>,
    /// The bytes of the export being read (kept for the next).
    buf: Vec<u8>,
    exceptions: Keys<(f64, u32, ExceptionView<'static>)>,
    events: HashSet<u64, BuildHasherDefault<Fnv>>,
    agents: Vec<AgentRow>,
    duplicates: u64,
}

impl TeamReader {
    /// `labels`: keep a row per export (named when it is added).
    pub fn new(f: Filter, labels: bool) -> Self {
        TeamReader {
            f,
            labels,
            tally: Tally::new(f),
            convs: Keys::default(),
            words: Vec::new(),
            word_ids: FastMap::default(),
            buf: Vec::new(),
            exceptions: Keys::default(),
            events: HashSet::default(),
            agents: Vec::new(),
            duplicates: 0,
        }
    }

    /// Read one export from a reader (a file).
    pub fn read(&mut self, mut input: impl std::io::Read, label: &str) -> crate::Result<()> {
        let mut buf = std::mem::take(&mut self.buf);
        buf.clear();
        input.read_to_end(&mut buf)?;
        let r = self.read_bytes(&buf, label);
        self.buf = buf;
        r
    }

    /// Read one export already in memory (the dashboard hands over a file's bytes).
    pub fn read_bytes(&mut self, bytes: &[u8], label: &str) -> crate::Result<()> {
        let mut de = serde_json::Deserializer::from_slice(bytes);
        self.begin(label);
        ExportSeed(self).deserialize(&mut de)?;
        de.end()?;
        Ok(())
    }

    fn begin(&mut self, label: &str) {
        self.agents.push(AgentRow {
            label: if self.labels {
                label.to_string()
            } else {
                String::new()
            },
            ..Default::default()
        });
    }

    fn agent(&self) -> u32 {
        self.agents.len().saturating_sub(1) as u32
    }

    fn word(&mut self, w: &str) -> u32 {
        if let Some(&i) = self.word_ids.get(w) {
            return i;
        }
        let i = self.words.len() as u32;
        self.words.push(w.to_string());
        self.word_ids.insert(w.to_string(), i);
        i
    }

    fn conversation(&mut self, c: ConvView) {
        let key = crate::insights::conv_key(c.id.as_str());
        if let Some(have) = self.convs.get(&key) {
            self.duplicates += 1;
            if have.ts >= c.ts {
                return;
            }
        }
        let kept = Kept {
            ts: c.ts,
            agent: self.agent(),
            day: c.day,
            lang: c.lang,
            intent: c.intent,
            product: c.product.as_ref().map(|p| self.word(p.as_str())),
            style: self.word(c.style.as_str()),
            flags: c.angry as u8 | (c.repeated as u8) << 1 | (c.ended_well as u8) << 2,
            cues: c.cues.into_boxed_slice(),
            triggers: c.triggers.iter().map(|t| self.word(t.as_str())).collect(),
            situations: c.situations.iter().map(|t| self.word(t.as_str())).collect(),
        };
        self.convs.insert(key, kept);
    }

    fn exception(&mut self, e: ExceptionView) {
        let key = fnv64([e.id.as_str().as_bytes()]);
        let agent = self.agent();
        if let Some(have) = self.exceptions.get(&key) {
            self.duplicates += 1;
            if have.0 >= e.ts {
                return;
            }
        }
        let e = ExceptionView {
            id: e.id.owned(),
            ts: e.ts,
            day: e.day,
            lang: e.lang,
            kind: e.kind.owned(),
            approved: e.approved,
        };
        self.exceptions.insert(key, (e.ts, agent, e));
    }

    fn event(&mut self, e: EventView) {
        let ts = e.ts.to_bits().to_le_bytes();
        let event = [e.event as u8];
        let key = fnv64([
            &ts[..],
            e.conv.as_str().as_bytes(),
            e.entry.as_str().as_bytes(),
            &event[..],
            e.style.as_str().as_bytes(),
        ]);
        if !self.events.insert(key) {
            self.duplicates += 1;
            return;
        }
        if self.labels && in_range(&self.f, e.day, e.lang) {
            let row = self.agents.last_mut().expect("an export is being read");
            match e.event {
                SuggestionEvent::Accepted => row.accepted += 1,
                SuggestionEvent::Edited => row.edited += 1,
                SuggestionEvent::Dismissed => row.dismissed += 1,
                SuggestionEvent::Shown => {}
            }
        }
        self.tally.add_event(&e);
    }

    /// Every export read: the team's dashboard.
    pub fn finish(mut self) -> TeamInsights {
        let files = self.agents.len() as u32;
        for (key, k) in &self.convs {
            let c = k.view(&self.words);
            if self.labels && in_range(&self.f, c.day, c.lang) {
                let row = &mut self.agents[k.agent as usize];
                row.conversations += 1;
                row.angry += c.angry as u32;
                row.ended_well += c.ended_well as u32;
            }
            self.tally.add_conversation_keyed(&c, Some(*key));
        }
        for (_, agent, e) in self.exceptions.values() {
            if self.labels && in_range(&self.f, e.day, e.lang) {
                self.agents[*agent as usize].exceptions += 1;
            }
            self.tally.add_exception(e);
        }
        TeamInsights {
            files,
            duplicates: self.duplicates,
            insights: self.tally.finish(),
            agents: if self.labels { self.agents } else { Vec::new() },
        }
    }
}

fn in_range(f: &Filter, day: i32, lang: Option<crate::kinds::Lang>) -> bool {
    day >= f.from && day <= f.to && (f.lang.is_none() || lang.is_none() || lang == f.lang)
}

/// A conversation as kept until every export is read: what aggregation reads of it, its words
/// as numbers.
struct Kept {
    ts: f64,
    agent: u32,
    day: i32,
    lang: Option<crate::kinds::Lang>,
    intent: Option<crate::kinds::Intent>,
    product: Option<u32>,
    style: u32,
    /// angry, repeated, ended well.
    flags: u8,
    cues: Box<[u32]>,
    triggers: Box<[u32]>,
    situations: Box<[u32]>,
}

impl Kept {
    fn view<'w>(&self, words: &'w [String]) -> ConvView<'w> {
        let word = |i: &u32| Str::of(&words[*i as usize]);
        ConvView {
            id: Str::default(),
            ts: self.ts,
            day: self.day,
            lang: self.lang,
            intent: self.intent,
            product: self.product.as_ref().map(word),
            cues: self.cues.to_vec(),
            triggers: self.triggers.iter().map(word).collect(),
            situations: self.situations.iter().map(word).collect(),
            angry: self.flags & 1 != 0,
            repeated: self.flags & 2 != 0,
            ended_well: self.flags & 4 != 0,
            style: word(&self.style),
        }
    }
}

/// The top of an export: its format is checked, its tables read, everything else skipped.
struct ExportSeed<'r>(&'r mut TeamReader);

impl<'de> DeserializeSeed<'de> for ExportSeed<'_> {
    type Value = ();
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
        d.deserialize_map(self)
    }
}

impl<'de> Visitor<'de> for ExportSeed<'_> {
    type Value = ();
    fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        f.write_str("a Duxin export ({\"format\": \"duxin-export\", \"tables\": {…}})")
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<(), A::Error> {
        let mut format_ok = false;
        while let Some(key) = map.next_key::<std::borrow::Cow<str>>()? {
            match key.as_ref() {
                "format" => {
                    let f: std::borrow::Cow<str> = map.next_value()?;
                    if f != "duxin-export" {
                        return Err(serde::de::Error::custom(format!(
                            "not a Duxin export (format {f:?})"
                        )));
                    }
                    format_ok = true;
                }
                "tables" => map.next_value_seed(TablesSeed(&mut *self.0))?,
                _ => {
                    map.next_value::<IgnoredAny>()?;
                }
            }
        }
        if !format_ok {
            return Err(serde::de::Error::custom("not a Duxin export (no format)"));
        }
        Ok(())
    }
}

struct TablesSeed<'r>(&'r mut TeamReader);

impl<'de> DeserializeSeed<'de> for TablesSeed<'_> {
    type Value = ();
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
        d.deserialize_map(self)
    }
}

impl<'de> Visitor<'de> for TablesSeed<'_> {
    type Value = ();
    fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        f.write_str("the export's tables")
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<(), A::Error> {
        while let Some(key) = map.next_key::<std::borrow::Cow<str>>()? {
            let table = match key.as_ref() {
                "conversations" => Table::Conversations,
                "events" => Table::Events,
                "exceptions" => Table::Exceptions,
                _ => {
                    map.next_value::<IgnoredAny>()?;
                    continue;
                }
            };
            map.next_value_seed(TableSeed(&mut *self.0, table))?;
        }
        Ok(())
    }
}

#[derive(Clone, Copy)]
enum Table {
    Conversations,
    Events,
    Exceptions,
}

/// One table: each record handed to the reader as soon as it is parsed.
struct TableSeed<'r>(&'r mut TeamReader, Table);

impl<'de> DeserializeSeed<'de> for TableSeed<'_> {
    type Value = ();
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
        d.deserialize_seq(self)
    }
}

impl<'de> Visitor<'de> for TableSeed<'_> {
    type Value = ();
    fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        f.write_str("a list of records")
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<(), A::Error> {
        let r = self.0;
        match self.1 {
            Table::Conversations => {
                while let Some(c) = seq.next_element::<ConvView>()? {
                    r.conversation(c);
                }
            }
            Table::Events => {
                while let Some(e) = seq.next_element::<EventView>()? {
                    r.event(e);
                }
            }
            Table::Exceptions => {
                while let Some(e) = seq.next_element::<ExceptionView>()? {
                    r.exception(e);
                }
            }
        }
        Ok(())
    }
}

/// The filter that takes every day and both languages.
pub fn every_day() -> Filter {
    Filter {
        from: 0,
        to: i32::MAX,
        lang: None,
    }
}

/// Deserialize helper so the filter can come as JSON from the dashboard.
pub fn filter_json(text: &str) -> crate::Result<Filter> {
    #[derive(Deserialize)]
    struct F {
        from: Option<i32>,
        to: Option<i32>,
        #[serde(default)]
        lang: Option<crate::kinds::Lang>,
    }
    let f: F = serde_json::from_str(text)?;
    Ok(Filter {
        from: f.from.unwrap_or(0),
        to: f.to.unwrap_or(i32::MAX),
        lang: f.lang,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::insights::{ConversationRecord, ExceptionRecord, SuggestionRecord, Tables};
    use crate::kinds::{Intent, Lang};
    use std::collections::BTreeMap;

    /// One agent's records over `days` days: conversations of a few intents and products, some
    /// angry or repeated, suggestion events on them, exception requests.
    fn agent(
        n: u32,
        days: i32,
    ) -> (
        Vec<ConversationRecord>,
        Vec<SuggestionRecord>,
        Vec<ExceptionRecord>,
    ) {
        let intents = [
            Intent::Logistics,
            Intent::Refund,
            Intent::SizeFit,
            Intent::Return,
        ];
        let (mut convs, mut events, mut exc) = (Vec::new(), Vec::new(), Vec::new());
        for d in 0..days {
            let per_day = 3 + (d as u32 * 7 + n) % 5 + if d == days - 1 && n == 1 { 9 } else { 0 };
            for k in 0..per_day {
                let id = format!("a{n}-d{d}-c{k}");
                let angry = (k + n) % 4 == 0;
                let ts = 1.7e12 + (d as f64) * 86_400_000.0 + k as f64 * 1000.0 + n as f64;
                convs.push(ConversationRecord {
                    id: id.clone(),
                    ts,
                    day: 20_000 + d,
                    lang: Some(if k % 3 == 0 { Lang::En } else { Lang::Zh }),
                    site: "pinduoduo".into(),
                    intent: Some(intents[((k + n) % 4) as usize]),
                    intents: vec![],
                    product: (k % 2 == 0).then(|| format!("杯子{}", k % 3)),
                    cues: vec![k % 3, 1, 0, n],
                    triggers: if angry {
                        vec![format!("又{}", k % 3), "还没".into()]
                    } else {
                        vec![]
                    },
                    situations: if angry {
                        vec!["waiting".into()]
                    } else {
                        vec![]
                    },
                    angry,
                    repeated: k % 5 == 1,
                    ended_well: (k + d as u32) % 3 != 0,
                    risk: 10,
                    style: ["qin", "nin", "qin+emoji"][(n % 3) as usize].into(),
                    text: None,
                });
                for (j, event) in [
                    SuggestionEvent::Shown,
                    SuggestionEvent::Accepted,
                    SuggestionEvent::Edited,
                    SuggestionEvent::Dismissed,
                ]
                .into_iter()
                .enumerate()
                .filter(|(j, _)| (k as usize + j) % 2 == 0 || *j == 0)
                {
                    events.push(SuggestionRecord {
                        ts: ts + j as f64,
                        day: 20_000 + d,
                        conv: id.clone(),
                        lang: Some(Lang::Zh),
                        entry: format!("zh.reply.{}", (k + j as u32) % 6),
                        event,
                        style: "qin".into(),
                    });
                }
                if k == 0 {
                    exc.push(ExceptionRecord {
                        id: format!("x-{id}"),
                        ts,
                        day: 20_000 + d,
                        conv: id,
                        lang: Some(Lang::Zh),
                        kind: ["refund_limit", "return_window"][(d % 2) as usize].into(),
                        approved: [Some(true), Some(false), None][(d % 3) as usize],
                    });
                }
            }
        }
        (convs, events, exc)
    }

    fn export(
        a: &(
            Vec<ConversationRecord>,
            Vec<SuggestionRecord>,
            Vec<ExceptionRecord>,
        ),
    ) -> Vec<u8> {
        serde_json::to_vec(&serde_json::json!({
            "format": "duxin-export", "schema": 4, "exported_at": "2026-12-03T00:00:00Z",
            "tables": {"conversations": a.0, "events": a.1, "exceptions": a.2,
                       "knowledge": [{"id": "my.1", "lang": "zh", "intent": "other", "text": "hi"}], "kv": []}
        }))
        .unwrap()
    }

    /// The dashboard of one agent, as their own browser shows it.
    fn own_dashboard(
        a: &(
            Vec<ConversationRecord>,
            Vec<SuggestionRecord>,
            Vec<ExceptionRecord>,
        ),
        f: Filter,
    ) -> Insights {
        let (c, e, x) = (
            serde_json::to_vec(&a.0).unwrap(),
            serde_json::to_vec(&a.1).unwrap(),
            serde_json::to_vec(&a.2).unwrap(),
        );
        Tables::parse(&c, &e, &x).unwrap().aggregate(f)
    }

    fn team(files: &[Vec<u8>], f: Filter, labels: bool) -> TeamInsights {
        let mut r = TeamReader::new(f, labels);
        for (i, b) in files.iter().enumerate() {
            r.read_bytes(b, &format!("agent{i}.json")).unwrap();
        }
        r.finish()
    }

    fn add_series(sum: &mut BTreeMap<(i32, String), u32>, s: &[(i32, String, u32)]) {
        for (d, t, n) in s {
            *sum.entry((*d, t.clone())).or_default() += n;
        }
    }

    fn add_pairs(sum: &mut BTreeMap<String, u32>, s: &[(String, u32)]) {
        for (t, n) in s {
            *sum.entry(t.clone()).or_default() += n;
        }
    }

    #[test]
    fn three_agents_merged_make_exactly_the_sum_of_their_three_dashboards() {
        let f = Filter {
            from: 20_003,
            to: 20_020,
            lang: None,
        };
        let agents = [agent(0, 21), agent(1, 21), agent(2, 21)];
        let own: Vec<Insights> = agents.iter().map(|a| own_dashboard(a, f)).collect();
        let merged = team(&agents.iter().map(export).collect::<Vec<_>>(), f, false).insights;
        let sum = |g: fn(&Insights) -> u32| own.iter().map(g).sum::<u32>();
        assert_eq!(merged.records, sum(|i| i.records));
        assert_eq!(merged.conversations, sum(|i| i.conversations));
        assert_eq!(merged.angry, sum(|i| i.angry));
        assert_eq!(merged.repeated, sum(|i| i.repeated));
        assert_eq!(merged.exceptions_requested, sum(|i| i.exceptions_requested));
        assert_eq!(merged.exceptions_approved, sum(|i| i.exceptions_approved));
        let well: f32 = own
            .iter()
            .map(|i| i.ended_well_rate * i.conversations as f32)
            .sum();
        assert!((merged.ended_well_rate * merged.conversations as f32 - well).abs() < 1e-2);
        for pick in [
            |i: &Insights| i.intents_by_day.clone(),
            |i: &Insights| i.products_by_day.clone(),
        ] {
            let mut want = BTreeMap::new();
            own.iter().for_each(|i| add_series(&mut want, &pick(i)));
            let mut got = BTreeMap::new();
            add_series(&mut got, &pick(&merged));
            assert_eq!(got, want);
        }
        for pick in [
            |i: &Insights| i.cue_totals.clone(),
            |i: &Insights| i.upset_triggers.clone(),
            |i: &Insights| i.upset_situations.clone(),
            |i: &Insights| i.repeated_hotspots.clone(),
            |i: &Insights| {
                i.replies
                    .iter()
                    .map(|r| {
                        (
                            r.entry.clone(),
                            r.shown * 1000 + r.accepted * 100 + r.edited * 10 + r.dismissed,
                        )
                    })
                    .collect()
            },
            |i: &Insights| {
                i.styles
                    .iter()
                    .map(|s| {
                        (
                            s.style.clone(),
                            s.conversations * 1000 + s.accepted + s.edited + s.dismissed,
                        )
                    })
                    .collect()
            },
            |i: &Insights| {
                i.exceptions
                    .iter()
                    .map(|e| {
                        (
                            e.kind.clone(),
                            e.requested * 100 + e.approved * 10 + e.denied,
                        )
                    })
                    .collect()
            },
        ] {
            let mut want = BTreeMap::new();
            own.iter().for_each(|i| add_pairs(&mut want, &pick(i)));
            let mut got = BTreeMap::new();
            add_pairs(&mut got, &pick(&merged));
            assert_eq!(got, want);
        }
        assert!(merged.conversations > 100, "the test data is not trivial");
    }

    #[test]
    fn an_export_imported_twice_counts_once() {
        let f = every_day();
        let one = export(&agent(0, 10));
        let once = team(std::slice::from_ref(&one), f, false);
        let twice = team(&[one.clone(), one], f, false);
        assert_eq!(twice.insights, once.insights);
        assert_eq!(twice.duplicates, once.insights.records as u64);
    }

    #[test]
    fn of_two_copies_of_a_conversation_the_newer_counts() {
        let mut early = agent(0, 1);
        early.0.truncate(1);
        early.1.clear();
        early.2.clear();
        let mut late = early.clone();
        late.0[0].ts += 60_000.0;
        late.0[0].angry = !early.0[0].angry;
        let got = team(&[export(&late), export(&early)], every_day(), false);
        assert_eq!(got.insights.conversations, 1);
        assert_eq!(got.insights.angry, late.0[0].angry as u32);
    }

    #[test]
    fn agents_are_named_only_when_the_lead_asks() {
        let files = [export(&agent(0, 5)), export(&agent(1, 5))];
        assert!(team(&files, every_day(), false).agents.is_empty());
        let named = team(&files, every_day(), true);
        let labels: Vec<&str> = named.agents.iter().map(|a| a.label.as_str()).collect();
        assert_eq!(labels, ["agent0.json", "agent1.json"]);
        let convs: u32 = named.agents.iter().map(|a| a.conversations).sum();
        assert_eq!(convs, named.insights.conversations);
    }

    #[test]
    fn a_file_that_is_not_an_export_is_refused_naming_why() {
        let mut r = TeamReader::new(every_day(), false);
        let e = r
            .read_bytes(br#"{"format": "duxin-team-pack", "tables": {}}"#, "x")
            .unwrap_err();
        assert!(e.to_string().contains("not a Duxin export"), "{e}");
        let e = r
            .read_bytes(br#"{"tables": {"events": [{"day": "x"}]}}"#, "x")
            .unwrap_err();
        assert!(e.to_string().contains("line 1"), "{e}");
    }

    #[test]
    fn reading_from_a_file_gives_what_reading_its_bytes_gives() {
        let bytes = export(&agent(2, 12));
        let mut a = TeamReader::new(every_day(), false);
        a.read(&bytes[..], "a").unwrap();
        let mut b = TeamReader::new(every_day(), false);
        b.read_bytes(&bytes, "b").unwrap();
        assert_eq!(a.finish(), b.finish());
    }
}
