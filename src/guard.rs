//! A second pair of eyes on the agent's own draft, before Send: platform rules (moving the customer
//! off the platform, review manipulation, absolute advertising claims, exposing personal data),
//! tone (cold or blaming phrases, no acknowledgement of an angry or anxious customer, answering
//! another question than the one they wait on) and facts (an order number or amount that differs
//! from the page, a promise beyond the shop's policy, which points to the exception request).
//!
//! The rules are data (`data/guard/*.toml`, one pack per platform and language, reviewed like
//! code, each rule with examples that must and must not fire). A rule is either a list of words
//! (matched on the folded draft, like the lexicon) or a named detector for what needs the
//! conversation, the page's facts or the policy. Each finding carries its UTF-16 span in the
//! draft and a fix that replaces exactly that span.

use crate::text::Lower;
use crate::words::Words;
use std::collections::BTreeMap;

use aho_corasick::nfa::contiguous::NFA;
use serde::{Deserialize, Serialize};

use crate::analysis::{Analysis, Analyzer};
use crate::conversation::{Conversation, Role};
use crate::error::{Error, Result};
use crate::facts::{self, Fact, FactKind};
use crate::json_lite::{FromJson, Json};
use crate::kinds::{CueKind, Intent, Lang};
use crate::knowledge::Policy;
use crate::lexicon::Section;
use crate::state::State;
use crate::text::{is_cjk, is_word_char, Folded};

/// What a finding is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum Kind {
    /// The platform's rules (and the law behind them): fined per violation.
    Platform,
    /// How it sounds to the customer.
    Tone,
    /// Facts and promises: the page and the shop's policy.
    Facts,
}

impl Kind {
    pub const ALL: [Kind; 3] = [Kind::Platform, Kind::Tone, Kind::Facts];

    pub fn as_str(self) -> &'static str {
        match self {
            Kind::Platform => "platform",
            Kind::Tone => "tone",
            Kind::Facts => "facts",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|k| k.as_str() == s)
    }
}

/// One problem in the draft.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct Finding {
    pub kind: Kind,
    /// The rule's id in its pack ("zh.offsite.wechat").
    pub rule: String,
    /// UTF-16 offsets in the draft.
    pub start: u32,
    pub end: u32,
    pub reason_zh: String,
    pub reason_en: String,
    /// What replaces `start..end` (may be empty: the span goes).
    pub fix: String,
}

impl Finding {
    /// About the whole reply (no acknowledgement, another topic) rather than some words in it:
    /// quoted in the panel, not painted in the composer.
    pub fn about_whole_reply(&self) -> bool {
        self.rule.ends_with("no_ack") || self.rule.ends_with("off_topic")
    }
}

/// The platform whose rules apply (the site profile's, in the extension). Its names are
/// `as_str`'s alone (packs and inputs name it as text, read by `parse`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Platform {
    #[default]
    General,
    Pinduoduo,
    Douyin,
    Jd,
    Taobao,
    Kuaishou,
}

impl Platform {
    pub const ALL: [Platform; 6] = [
        Platform::General,
        Platform::Pinduoduo,
        Platform::Douyin,
        Platform::Jd,
        Platform::Taobao,
        Platform::Kuaishou,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Platform::General => "general",
            Platform::Pinduoduo => "pinduoduo",
            Platform::Douyin => "douyin",
            Platform::Jd => "jd",
            Platform::Taobao => "taobao",
            Platform::Kuaishou => "kuaishou",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|p| p.as_str() == s)
    }

    /// The platform of a site profile ("pinduoduo", "douyin"…); consoles of other platforms
    /// (Zendesk, Intercom, a taught site) get the general rules.
    pub fn of_profile(profile: &str) -> Self {
        match profile {
            "qianniu" | "tmall" => Platform::Taobao,
            p => Self::parse(p).unwrap_or(Platform::General),
        }
    }
}

/// An example that a rule's test runs: the latest customer message, the page's order.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Given {
    #[serde(default)]
    pub customer: Option<String>,
    #[serde(default)]
    pub order_id: Option<String>,
    #[serde(default)]
    pub amount: Option<f64>,
    /// The shop's return window, where the example needs one the starter leaves unset (English).
    #[serde(default)]
    pub return_window_days: Option<f64>,
}

/// A rule as written in a pack.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RuleSpec {
    pub id: String,
    pub kind: Kind,
    /// Words that fire the rule (folded: lower case, simplified, half-width). For `no_ack`, the
    /// words that acknowledge the customer's feeling (their absence fires it).
    #[serde(default)]
    pub words: Vec<String>,
    /// Words that must also be in the same clause (or sentence, see `scope`): then the finding
    /// covers that clause ("好评" with "返现").
    #[serde(default)]
    pub with: Vec<String>,
    /// Words that keep the rule from firing when they overlap the hit or are in its clause
    /// ("第一时间" for "第一", "退款" for "100%").
    #[serde(default)]
    pub unless: Vec<String>,
    /// A named detector (`DETECTORS`).
    #[serde(default)]
    pub detect: String,
    /// "clause" (default: up to a comma) or "sentence" (up to a full stop) for `with` and `unless`.
    #[serde(default)]
    pub scope: String,
    /// Why it matters, said to the agent. Not in the wasm's JSON twin: the panel gives them
    /// (`Guard::set_reasons`, from `extension/guard-rules.json`, generated from the packs by a test).
    #[serde(default)]
    pub reason_zh: String,
    #[serde(default)]
    pub reason_en: String,
    /// Replaces the span. `{span}` is the span's own text, `{approver}` the policy's approver,
    /// `{window_days}` the return window, `{masked}` personal data masked, `{quote}` the
    /// customer's open question. Not in the wasm's
    /// twin either (`Guard::set_reasons`).
    #[serde(default)]
    pub fix: String,
    /// Drafts that must fire this rule, and near misses that must not (tested for every pack).
    #[serde(default)]
    pub hit: Vec<String>,
    #[serde(default)]
    pub miss: Vec<String>,
    /// The conversation the examples are checked in.
    #[serde(default)]
    pub given: Given,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
struct PackFile {
    platform: String,
    lang: Lang,
    #[serde(default)]
    rule: Vec<RuleSpec>,
}

/// A loaded rule: its spec, where it applies, what it detects.
#[derive(Debug, Clone)]
pub struct Rule {
    pub spec: RuleSpec,
    pub platform: Platform,
    pub lang: Lang,
    sentence: bool,
    /// The named detector's pass (`detect`), resolved once when the pack is read.
    detector: Option<Detector>,
}

/// The shop's own settings (Options): rules switched off, and its own words.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct Settings {
    /// Rule ids switched off.
    #[serde(default)]
    pub off: Vec<String>,
    /// The shop's own words to avoid, each with what to say instead (may be empty).
    #[serde(default)]
    pub words: Vec<OwnWord>,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct OwnWord {
    pub word: String,
    #[serde(default)]
    pub fix: String,
}

/// A rule's reasons and fix, as the extension's guard-rules.json lists them (with other fields).
#[derive(Debug, Clone, Default, Deserialize)]
#[cfg_attr(test, derive(PartialEq))]
pub struct Reason {
    pub id: String,
    #[serde(default)]
    pub reason_zh: String,
    #[serde(default)]
    pub reason_en: String,
    #[serde(default)]
    pub fix: String,
}

// The stored settings, reasons and days as the derive reads them (the panel's wasm carries no
// serde reader).
impl FromJson for Settings {
    fn from_json(j: &Json) -> std::result::Result<Self, String> {
        Ok(Settings {
            off: j.field_or("off", Vec::new)?,
            words: j.field_or("words", Vec::new)?,
        })
    }
}

impl FromJson for OwnWord {
    fn from_json(j: &Json) -> std::result::Result<Self, String> {
        Ok(OwnWord {
            word: j.field("word")?,
            fix: j.field_or("fix", String::new)?,
        })
    }
}

impl FromJson for Reason {
    fn from_json(j: &Json) -> std::result::Result<Self, String> {
        Ok(Reason {
            id: j.field("id")?,
            reason_zh: j.field_or("reason_zh", String::new)?,
            reason_en: j.field_or("reason_en", String::new)?,
            fix: j.field_or("fix", String::new)?,
        })
    }
}

impl FromJson for GuardDay {
    fn from_json(j: &Json) -> std::result::Result<Self, String> {
        Ok(GuardDay {
            day: j.field("day")?,
            sent: j.field_or("sent", || 0)?,
            platform: j.field_or("platform", || 0)?,
            tone: j.field_or("tone", || 0)?,
            facts: j.field_or("facts", || 0)?,
            fixes: j.field_or("fixes", || 0)?,
        })
    }
}

/// The id of the rule that the shop's own words fire.
pub const OWN_RULE: &str = "shop.words";

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Use {
    Word,
    With,
    Unless,
}

/// What a draft is checked against besides the rules. Everything is optional: a draft alone is
/// checked against the platform's words.
#[derive(Clone, Copy)]
pub struct Context<'a> {
    pub platform: Platform,
    pub policy: Option<&'a Policy>,
    pub conversation: Option<&'a Conversation>,
    pub analysis: Option<&'a Analysis>,
    pub state: Option<&'a State>,
    /// Reads the draft's topic (for `off_topic`).
    pub analyzer: Option<&'a Analyzer>,
}

impl<'a> Context<'a> {
    pub fn platform(platform: Platform) -> Self {
        Context {
            platform,
            policy: None,
            conversation: None,
            analysis: None,
            state: None,
            analyzer: None,
        }
    }
}

/// The rule packs, compiled into one automaton.
pub struct Guard {
    pub rules: Vec<Rule>,
    ac: NFA,
    /// For each pattern: the rules that use it, and how.
    uses: Vec<Vec<(u32, Use)>>,
    /// Patterns that start or end with an ASCII letter or digit match whole words only.
    word: Vec<bool>,
}

impl std::fmt::Debug for Guard {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Guard({} rules)", self.rules.len())
    }
}

/// The packs compiled into the binary (and the wasm): (file name, contents).
pub const BUILTIN: &[(&str, &str)] = &[
    crate::data::embedded!("guard", "general-zh"),
    crate::data::embedded!("guard", "general-en"),
    crate::data::embedded!("guard", "pinduoduo"),
    crate::data::embedded!("guard", "douyin"),
    crate::data::embedded!("guard", "jd"),
    crate::data::embedded!("guard", "taobao"),
    crate::data::embedded!("guard", "kuaishou"),
];

/// "guard x: unknown detect \"phon\" (did you mean \"phone\"?)"
fn unknown(what: &str, field: &str, value: &str, known: &[&str]) -> String {
    let near = known
        .iter()
        .min_by_key(|k| crate::knowledge::edit_distance(k, value))
        .filter(|k| crate::knowledge::edit_distance(k, value) <= 3);
    match near {
        Some(n) => format!("{what}: unknown {field} \"{value}\" (did you mean \"{n}\"?)"),
        None => format!(
            "{what}: unknown {field} \"{value}\" (one of: {})",
            known.join(", ")
        ),
    }
}

/// The pack from its JSON twin, field by field as the derive reads the TOML (defaults included).
fn pack_from_json(j: &Json) -> std::result::Result<PackFile, String> {
    let lang = match j.text("lang").as_str() {
        "zh" => Lang::Zh,
        "en" => Lang::En,
        other => return Err(format!("unknown lang `{other}`")),
    };
    let rules = match j.get("rule") {
        Some(Json::Arr(a)) => a.as_slice(),
        _ => &[],
    };
    let rule = rules
        .iter()
        .map(|r| {
            let kind = r.text("kind");
            let g = r.get("given").unwrap_or(&Json::Null);
            Ok(RuleSpec {
                id: r.text("id"),
                kind: Kind::parse(&kind).ok_or_else(|| format!("unknown kind `{kind}`"))?,
                words: r.texts("words"),
                with: r.texts("with"),
                unless: r.texts("unless"),
                detect: r.text("detect"),
                scope: r.text("scope"),
                reason_zh: r.text("reason_zh"),
                reason_en: r.text("reason_en"),
                fix: r.text("fix"),
                hit: r.texts("hit"),
                miss: r.texts("miss"),
                given: Given {
                    customer: g.opt_text("customer"),
                    order_id: g.opt_text("order_id"),
                    amount: g.decimal("amount"),
                    return_window_days: g.decimal("return_window_days"),
                },
            })
        })
        .collect::<std::result::Result<Vec<_>, String>>()?;
    Ok(PackFile {
        platform: j.text("platform"),
        lang,
        rule,
    })
}

/// One pack's rules, checked, added to `rules` (ids are unique across packs).
fn read_pack(file: &str, text: &str, rules: &mut Vec<Rule>) -> std::result::Result<(), String> {
    let platforms: Vec<&str> = Platform::ALL.iter().map(|p| p.as_str()).collect();
    let pack = crate::data::read(file, text, pack_from_json)?;
    let platform = Platform::parse(&pack.platform)
        .ok_or_else(|| unknown("pack", "platform", &pack.platform, &platforms))?;
    for spec in pack.rule {
        if spec.id.is_empty() || rules.iter().any(|r| r.spec.id == spec.id) {
            return Err(format!(
                "rule {}: ids must be unique and not empty",
                spec.id
            ));
        }
        // (The wasm's JSON twins carry no examples and no reasons.)
        check_spec(&spec, !file.ends_with(".json"))?;
        let sentence = spec.scope == "sentence";
        rules.push(Rule {
            detector: detector(&spec.detect),
            spec,
            platform,
            lang: pack.lang,
            sentence,
        });
    }
    Ok(())
}

/// A rule as the author must write it: a known detector or words, a known scope, words written
/// folded (they are matched on the folded draft), and in the reviewed TOML (`reviewed`) examples
/// that fire and near misses that do not, and its reasons in both languages.
fn check_spec(spec: &RuleSpec, reviewed: bool) -> std::result::Result<(), String> {
    let what = format!("rule {}", spec.id);
    if !spec.detect.is_empty() && detector(&spec.detect).is_none() {
        return Err(unknown(
            &what,
            "detect",
            &spec.detect,
            &DETECTORS.map(|d| d.0),
        ));
    }
    if spec.detect.is_empty() && spec.words.is_empty() {
        return Err(format!("{what}: needs words or a detector"));
    }
    if !matches!(spec.scope.as_str(), "" | "clause" | "sentence") {
        return Err(unknown(
            &what,
            "scope",
            &spec.scope,
            &["clause", "sentence"],
        ));
    }
    for w in spec.words.iter().chain(&spec.with).chain(&spec.unless) {
        let folded = Folded::new(w).text;
        if folded.trim().is_empty() {
            return Err(format!("{what}: an empty word"));
        }
        if folded != *w {
            return Err(format!("{what}: \"{w}\" must be written folded (lower case, simplified, half-width): \"{folded}\""));
        }
    }
    if reviewed && (spec.hit.is_empty() || spec.miss.is_empty()) {
        return Err(format!(
            "{what}: needs at least one `hit` and one `miss` example"
        ));
    }
    if reviewed && (spec.reason_zh.is_empty() || spec.reason_en.is_empty()) {
        return Err(format!("{what}: needs `reason_zh` and `reason_en`"));
    }
    Ok(())
}

/// The shop's own words as one rule in each language, added to `rules` (none when it lists none
/// or switched the rule off).
fn own_rules(settings: &Settings, rules: &mut Vec<Rule>) {
    let own: Vec<String> = settings
        .words
        .iter()
        .map(|w| Folded::new(w.word.trim()).text)
        .filter(|w| !w.trim().is_empty())
        .collect();
    if own.is_empty() || settings.off.iter().any(|o| o == OWN_RULE) {
        return;
    }
    for lang in [Lang::Zh, Lang::En] {
        rules.push(Rule {
            spec: RuleSpec {
                id: OWN_RULE.into(),
                kind: Kind::Platform,
                words: own.clone(),
                with: Vec::new(),
                unless: Vec::new(),
                detect: String::new(),
                scope: String::new(),
                reason_zh: "店铺自己列出的不用词".into(),
                reason_en: "A word your shop chose to avoid".into(),
                fix: String::new(),
                hit: Vec::new(),
                miss: Vec::new(),
                given: Given::default(),
            },
            platform: Platform::General,
            lang,
            sentence: false,
            detector: None,
        });
    }
}

impl Guard {
    pub fn builtin() -> Result<Self> {
        Self::from_sources(BUILTIN, &Settings::default())
    }

    /// The built-in packs with the shop's settings.
    pub fn with_settings(settings: &Settings) -> Result<Self> {
        Self::from_sources(BUILTIN, settings)
    }

    pub fn from_sources(sources: &[(&str, &str)], settings: &Settings) -> Result<Self> {
        let mut rules: Vec<Rule> = Vec::new();
        for (file, text) in sources {
            read_pack(file, text, &mut rules).map_err(|message| Error::Knowledge {
                file: file.to_string(),
                message,
            })?;
        }
        rules.retain(|r| !settings.off.contains(&r.spec.id));
        own_rules(settings, &mut rules);
        Self::compile(rules)
    }

    /// Every word of every rule in one automaton, each pattern knowing the rules that use it.
    fn compile(rules: Vec<Rule>) -> Result<Self> {
        let mut patterns: BTreeMap<String, Vec<(u32, Use)>> = BTreeMap::new();
        for (i, r) in rules.iter().enumerate() {
            let lists = [
                (&r.spec.words, Use::Word),
                (&r.spec.with, Use::With),
                (&r.spec.unless, Use::Unless),
            ];
            for (list, role) in lists {
                for w in list.iter() {
                    patterns
                        .entry(w.clone())
                        .or_default()
                        .push((i as u32, role));
                }
            }
        }
        let ac = crate::lexicon::automaton(patterns.keys()).map_err(|e| Error::Knowledge {
            file: "guard".into(),
            message: e.to_string(),
        })?;
        let word = patterns
            .keys()
            .map(|p| {
                p.starts_with(|c: char| c.is_ascii_alphanumeric())
                    || p.ends_with(|c: char| c.is_ascii_alphanumeric())
            })
            .collect();
        Ok(Guard {
            rules,
            ac,
            uses: patterns.into_values().collect(),
            word,
        })
    }

    /// The rules' reasons and fixes, by id, where the packs carried none (the wasm's twins).
    pub fn set_reasons(&mut self, reasons: &[Reason]) {
        for r in self
            .rules
            .iter_mut()
            .filter(|r| r.spec.reason_zh.is_empty())
        {
            if let Some(x) = reasons.iter().find(|x| x.id == r.spec.id) {
                r.spec.reason_zh.clone_from(&x.reason_zh);
                r.spec.reason_en.clone_from(&x.reason_en);
                r.spec.fix.clone_from(&x.fix);
            }
        }
    }

    /// The shop's words to fix, for the own-words rule: the fix of the word that matched.
    fn own_fix<'s>(settings: &'s [OwnWord], folded: &str) -> Option<&'s str> {
        settings
            .iter()
            .find(|w| Folded::new(w.word.trim()).text == folded)
            .map(|w| w.fix.as_str())
    }

    /// Check a draft. Findings are in text order; of one kind they never overlap.
    pub fn check(&self, draft: &str, cx: &Context) -> Vec<Finding> {
        self.check_with(draft, cx, &[])
    }

    /// As `check`, with the shop's own words (for their fixes).
    pub fn check_with(&self, draft: &str, cx: &Context, own: &[OwnWord]) -> Vec<Finding> {
        if draft.trim().is_empty() {
            return Vec::new();
        }
        let f = Folded::new(draft);
        let lang = if f.original.iter().any(|&c| is_cjk(c)) {
            Lang::Zh
        } else {
            Lang::En
        };
        let d = Draft::new(draft, &f);
        let hits = self.hits(&f.text);
        let facts = facts::extract_folded(draft, &f, None);
        let mut out: Vec<Finding> = Vec::new();
        for (ri, rule) in self.rules.iter().enumerate() {
            if rule.lang != lang
                || !(rule.platform == Platform::General || rule.platform == cx.platform)
            {
                continue;
            }
            let p = Probe {
                d: &d,
                lang,
                facts: &facts,
                cx,
                hits: &hits[ri],
            };
            for (s, e, fix) in rule.spans(&p) {
                let spec = &rule.spec;
                let fix = match fix {
                    Some(x) => x,
                    None if spec.id == OWN_RULE => {
                        Self::own_fix(own, &f.text[s..e]).unwrap_or("").to_string()
                    }
                    None => fill(&spec.fix, d.original(s, e), lang, cx),
                };
                out.push(Finding {
                    kind: spec.kind,
                    rule: spec.id.clone(),
                    start: f.utf16_at(s),
                    end: f.utf16_at(e),
                    reason_zh: spec.reason_zh.clone(),
                    reason_en: spec.reason_en.clone(),
                    fix,
                });
            }
        }
        without_overlaps(out)
    }

    /// Every pattern hit in the folded draft, by rule. A pattern that starts or ends with an
    /// ASCII letter or digit matches whole words only ("ask" is not in "basket").
    fn hits(&self, text: &str) -> Vec<Vec<(usize, usize, Use)>> {
        let mut hits: Vec<Vec<(usize, usize, Use)>> = vec![Vec::new(); self.rules.len()];
        for m in crate::lexicon::overlapping(&self.ac, text) {
            let p = m.pattern().as_usize();
            let (s, e) = (m.start(), m.end());
            if self.word[p] {
                let before = text[..s]
                    .chars()
                    .next_back()
                    .is_some_and(|c| is_word_char(c) && c != '\'');
                let after = text[e..]
                    .chars()
                    .next()
                    .is_some_and(|c| c.is_ascii_alphanumeric());
                let pat_starts_word = text[s..].starts_with(|c: char| c.is_ascii_alphanumeric());
                let pat_ends_word = text[..e].ends_with(|c: char| c.is_ascii_alphanumeric());
                if (pat_starts_word && before) || (pat_ends_word && after) {
                    continue;
                }
            }
            for &(r, role) in &self.uses[p] {
                hits[r as usize].push((s, e, role));
            }
        }
        hits
    }
}

impl Rule {
    /// The spans (folded bytes) the rule fires on, with a fix when its detector wrote one.
    fn spans(&self, p: &Probe) -> Vec<Span> {
        let mut spans = match self.detector {
            Some(detect) => detect.run(p),
            None => self.word_spans(p),
        };
        self.drop_unless(p, &mut spans);
        spans
    }

    /// A rule of words: each word, or with `with` words, the clause that has both.
    fn word_spans(&self, p: &Probe) -> Vec<Span> {
        let mut spans = Vec::new();
        for &(s, e, _) in p.hits.iter().filter(|h| h.2 == Use::Word) {
            if self.spec.with.is_empty() {
                spans.push((s, e, None));
            } else {
                let (a, b) = p.d.scope(s, self.sentence);
                if p.hits.iter().any(|&(ws, we, r)| {
                    r == Use::With && ws >= a && we <= b && (we <= s || ws >= e)
                }) {
                    spans.push((a, b, None));
                }
            }
        }
        spans
    }

    /// Unless: a word of the rule's `unless` overlapping the span or in its clause keeps it quiet.
    /// A word that is a clause on its own ("…a full refund, 100%.") is said of the clause before
    /// it: then its sentence.
    fn drop_unless(&self, p: &Probe, spans: &mut Vec<Span>) {
        let d = p.d;
        let plain = self.spec.detect.is_empty() && self.spec.with.is_empty();
        spans.retain(|&(s, e, _)| {
            let (a, b) = d.scope(s, self.sentence);
            let (a, b) = if plain && (a, b) == (s, e) {
                d.scope(s, true)
            } else {
                (a, b)
            };
            !p.hits.iter().any(|&(us, ue, r)| {
                r == Use::Unless && ((us < e && ue > s) || (us >= a && ue <= b))
            })
        });
    }
}

/// Longest first among overlapping findings of one kind (words of two rules on one span);
/// findings about the whole reply (no acknowledgement, another topic) stand beside them. In text
/// order.
fn without_overlaps(mut out: Vec<Finding>) -> Vec<Finding> {
    crate::sort::sort_by(&mut out, |a, b| {
        a.kind
            .cmp(&b.kind)
            .then(a.start.cmp(&b.start))
            .then(b.end.cmp(&a.end))
    });
    let whole = Finding::about_whole_reply;
    let mut kept: Vec<Finding> = Vec::with_capacity(out.len());
    for x in out {
        if !whole(&x)
            && kept
                .iter()
                .any(|k| k.kind == x.kind && !whole(k) && k.start < x.end && x.start < k.end)
        {
            continue;
        }
        kept.push(x);
    }
    crate::sort::sort_by(&mut kept, |a, b| {
        a.start.cmp(&b.start).then(a.kind.cmp(&b.kind))
    });
    kept
}

/// A fix from its template.
fn fill(t: &str, span: &str, lang: Lang, cx: &Context) -> String {
    let mut s = t.replace(
        "{span}",
        span.trim_end_matches(['。', '！', '!', '.', '，', ',', '？', '?']),
    );
    if s.contains("{approver}") {
        let zh = cx
            .policy
            .map(|p| p.approver_zh.clone())
            .unwrap_or_else(|| "主管".into());
        let en = cx
            .policy
            .map(|p| p.approver_en.clone())
            .unwrap_or_else(|| "supervisor".into());
        s = s.replace(
            "{approver}",
            if span.chars().any(is_cjk) { &zh } else { &en },
        );
    }
    if s.contains("{window_days}") {
        let days = cx.policy.and_then(|p| p.return_window(lang));
        s = s.replace(
            "{window_days}",
            &days.map(crate::num::shortest).unwrap_or_default(),
        );
    }
    if s.contains("{quote}") {
        let q = cx
            .state
            .and_then(|st| st.open.as_ref())
            .map(|o| o.quote.clone())
            .unwrap_or_default();
        s = s.replace("{quote}", &q);
    }
    s
}

/// The draft with its clause and sentence boundaries (folded byte offsets).
struct Draft<'a> {
    original: &'a str,
    f: &'a Folded,
    /// Byte offsets where a clause ends (exclusive), and whether it also ends a sentence.
    breaks: Vec<(usize, bool)>,
}

impl<'a> Draft<'a> {
    fn new(original: &'a str, f: &'a Folded) -> Self {
        let t = f.text.as_str();
        let mut breaks = Vec::new();
        let mut it = t.char_indices().peekable();
        while let Some((i, c)) = it.next() {
            let next = it.peek().map(|x| x.1);
            let sentence = matches!(c, '。' | '!' | '?' | '！' | '？' | '\n' | ';' | '；' | '…')
                || (c == '.' && next.is_none_or(|n| n.is_whitespace()));
            let clause = sentence
                || matches!(c, ',' | '，' | '、' | ':' | '：' | '~' | '～')
                || (c == ' '
                    && next.is_some_and(is_cjk)
                    && t[..i].chars().next_back().is_some_and(is_cjk));
            if clause {
                breaks.push((i + c.len_utf8(), sentence));
            }
        }
        Draft {
            original,
            f,
            breaks,
        }
    }

    /// The clause (or sentence) around byte `at`, trimmed of spaces and its closing mark.
    fn scope(&self, at: usize, sentence: bool) -> (usize, usize) {
        let t = self.f.text.as_str();
        let mut a = 0;
        let mut b = t.len();
        for &(brk, is_sentence) in &self.breaks {
            if sentence && !is_sentence {
                continue;
            }
            if brk <= at {
                a = brk;
            } else {
                b = brk;
                break;
            }
        }
        let inner = &t[a..b];
        let lead = inner.len() - inner.trim_start().len();
        let body = inner.trim_end().trim_end_matches([
            '。', '!', '?', '！', '？', ';', '；', ',', '，', '、', ':', '：', '~', '～', '.', '…',
            '\n',
        ]);
        (a + lead, a + body.len().max(lead))
    }

    /// The first sentence (for findings about the whole reply), trimmed.
    fn first_sentence(&self) -> (usize, usize) {
        let t = self.f.text.as_str();
        let start = t.len() - t.trim_start().len();
        self.scope(start, true)
    }

    fn original(&self, s: usize, e: usize) -> &'a str {
        let (a, b) = (self.f.char_at(s), self.f.char_at(e));
        let b = if e >= self.f.text.len() {
            self.f.original.len()
        } else {
            b
        };
        self.f.original_slice(self.original, a, b)
    }

    /// Folded byte offset of a UTF-16 offset of the draft (a fact's start or end).
    fn byte_at(&self, u: u32) -> usize {
        let t = self.f.text.as_str();
        let mut lo = 0;
        for (b, _) in t.char_indices() {
            if self.f.utf16_at(b) >= u {
                return b;
            }
            lo = b;
        }
        let _ = lo;
        t.len()
    }
}

/// The latest customer message and whether the agent has answered since.
fn latest_customer(cx: &Context) -> Option<(usize, bool)> {
    let conv = cx.conversation?;
    let i = conv
        .messages
        .iter()
        .rposition(|m| m.role == Role::Customer)?;
    let answered = conv.messages[i + 1..].iter().any(|m| m.role == Role::Agent);
    Some((i, answered))
}

/// Order numbers the page or the customer gave.
fn known_orders(cx: &Context) -> Vec<String> {
    let mut v: Vec<String> = Vec::new();
    if let Some(id) = cx
        .conversation
        .and_then(|c| c.order.as_ref())
        .and_then(|o| o.id.clone())
    {
        v.push(id);
    }
    if let Some(a) = cx.analysis {
        v.extend(
            a.messages
                .iter()
                .flat_map(|m| m.facts.iter())
                .filter(|x| x.kind == FactKind::OrderNumber)
                .map(|x| x.text.clone()),
        );
    } else if let Some(c) = cx.conversation {
        for m in c.messages.iter().filter(|m| m.role == Role::Customer) {
            v.extend(
                facts::extract(&m.text, None)
                    .into_iter()
                    .filter(|x| x.kind == FactKind::OrderNumber)
                    .map(|x| x.text),
            );
        }
    }
    v
}

fn digits(s: &str) -> String {
    s.chars()
        .filter(|c| c.is_ascii_alphanumeric())
        .collect::<String>()
        .lower()
}

/// Personal data the customer gave in the conversation (digits of phones, folded addresses).
fn customer_personal(cx: &Context) -> Vec<String> {
    // The analysis has read the customer's messages already.
    if let Some(a) = cx.analysis {
        return a
            .messages
            .iter()
            .flat_map(|m| m.facts.iter())
            .filter(|x| x.personal)
            .map(|x| digits(&x.text))
            .collect();
    }
    let Some(c) = cx.conversation else {
        return Vec::new();
    };
    let mut v = Vec::new();
    for m in c.messages.iter().filter(|m| m.role == Role::Customer) {
        for x in facts::extract(&m.text, None) {
            if x.personal {
                v.push(digits(&x.text));
            }
        }
    }
    v
}

/// Mask personal data: a phone keeps its first three and last four digits.
fn masked(x: &Fact) -> String {
    match x.kind {
        FactKind::Phone => {
            let ch: Vec<char> = x.text.chars().collect();
            let n = ch.len();
            if n >= 7 {
                let mid = n - 7;
                ch[..3].iter().collect::<String>()
                    + &"*".repeat(mid.max(4))
                    + &ch[n - 4..].iter().collect::<String>()
            } else {
                "*".repeat(n)
            }
        }
        _ => String::new(),
    }
}

/// An identity card number: a birth date at digits 7-14 (19xx or 20xx, a month, a day), and not
/// written as an order or tracking number (18-digit order numbers are common).
fn id_card(n: &[char], before: &[char]) -> bool {
    let num = |a: usize, b: usize| {
        n[a..b]
            .iter()
            .collect::<String>()
            .parse::<u32>()
            .unwrap_or(0)
    };
    let before: String = before.iter().collect();
    let dated = matches!(num(6, 8), 19 | 20)
        && (1..=12).contains(&num(10, 12))
        && (1..=31).contains(&num(12, 14));
    dated
        && !words!["订单", "单号", "order", "#", "运单", "快递"]
            .iter()
            .any(|w| before.contains(w))
}

/// The clause around a fact, folded, and the text just before it in that clause.
fn clause_of<'d>(d: &'d Draft, x: &Fact) -> (&'d str, &'d str) {
    let s = d.byte_at(x.start);
    let (a, b) = d.scope(s, false);
    let t = d.f.text.as_str();
    (&t[a..b.max(a)], &t[a..s.max(a)])
}

fn any_in(t: &str, words: Words) -> bool {
    words.iter().any(|w| t.contains(w))
}

const REFUND_WORDS: Words = words!["退款", "退您", "退给您", "退还", "refund", "money back"];
const COMP_WORDS: Words = words![
    "补偿",
    "赔偿",
    "赔您",
    "赔付",
    "红包",
    "补贴",
    "返您",
    "给您补",
    "无门槛券",
    "compensat",
    "credit",
    "voucher",
    "gift card",
    "goodwill",
    "make it up",
    "coupon",
];
/// An amount right after a verb of giving money ("退600元", "给您退600元", "补您50元", "赔200"): a
/// refund or compensation promised without the noun (退款, 补偿).
fn money_verb(before: &str, verbs: Words) -> bool {
    let b = before.trim_end().trim_end_matches(['您', '你']);
    let b = b.strip_suffix('给').unwrap_or(b);
    verbs.iter().any(|v| b.ends_with(v))
}

const REFUND_VERBS: Words = words!["退", "退还", "退回"];
const COMP_VERBS: Words = words!["补", "赔", "补偿", "赔偿"];

/// When something will happen ("明天", "周五", "by Friday"): with a certainty word and an arrival,
/// a delivery-day guarantee.
const DAY_WORDS: Words = words![
    "今天",
    "明天",
    "后天",
    "今晚",
    "明早",
    "周一",
    "周二",
    "周三",
    "周四",
    "周五",
    "周六",
    "周日",
    "周末",
    "星期",
    "礼拜",
    "号",
    "这周",
    "本周",
    "下周",
    "月底",
    "月初",
    "节前",
    "年前",
    "上午",
    "下午",
    "晚上",
    "today",
    "tomorrow",
    "tonight",
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "weekend",
];

/// A draft on no topic that says the question is being looked into ("我帮您查一下", "let me
/// check") or where things stand ("在路上", "退您", "on its way") is no answer to another question.
const HOLDING: Words = words![
    "查",
    "看",
    "确认",
    "核实",
    "稍等",
    "马上",
    "帮您",
    "跟进",
    "联系",
    "反馈",
    "处理",
    "问一下",
    "在路上",
    "退您",
    "退给您",
    "到账",
    "check",
    "look",
    "confirm",
    "moment",
    "find out",
    "get back",
    "follow up",
    "let me",
    "on its way",
    "on the way",
];

const PROMISE_NEG: Words = words![
    "无法",
    "不能",
    "不可以",
    "不支持",
    "超过",
    "已过",
    "过了",
    "cannot",
    "can't",
    "not able",
    "unable",
    "past",
];

/// A span a detector fires on (folded bytes), with its own fix when it writes one.
type Span = (usize, usize, Option<String>);

/// What a detector looks at: the draft, the facts in it, what it is checked against, and the
/// hits of the rule's own words (`words`, `with`, `unless`).
struct Probe<'p> {
    d: &'p Draft<'p>,
    /// The draft's language, which is its rules' language.
    lang: Lang,
    facts: &'p [Fact],
    cx: &'p Context<'p>,
    hits: &'p [(usize, usize, Use)],
}

impl Probe<'_> {
    /// A fact's span (folded bytes).
    fn span(&self, x: &Fact) -> (usize, usize) {
        (self.d.byte_at(x.start), self.d.byte_at(x.end))
    }

    /// The clause around a fact (for findings that cover the whole promise).
    fn clause_span(&self, x: &Fact) -> (usize, usize) {
        self.d.scope(self.d.byte_at(x.start), false)
    }

    fn facts_of(&self, kind: FactKind) -> impl Iterator<Item = &Fact> {
        self.facts.iter().filter(move |x| x.kind == kind)
    }

    /// The page's order (its id and amount), when the conversation has one.
    fn order(&self) -> Option<&crate::conversation::Order> {
        self.cx.conversation.and_then(|c| c.order.as_ref())
    }
}

/// A named detector (`DETECTORS` has its name).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Detector {
    Phone,
    Personal,
    Url,
    OrderMismatch,
    AmountMismatch,
    Compensation,
    RefundLimit,
    ReturnWindow,
    Promise,
    DayPromise,
    NoAck,
    OffTopic,
}

/// Every detector a rule's `detect` may name: one table, so a name a pack may use always has its
/// detector (and a misspelt one is refused with the nearest name).
const DETECTORS: [(&str, Detector); 12] = [
    ("phone", Detector::Phone),
    ("personal", Detector::Personal),
    ("url", Detector::Url),
    ("order_mismatch", Detector::OrderMismatch),
    ("amount_mismatch", Detector::AmountMismatch),
    ("compensation", Detector::Compensation),
    ("refund_limit", Detector::RefundLimit),
    ("return_window", Detector::ReturnWindow),
    ("promise", Detector::Promise),
    ("day_promise", Detector::DayPromise),
    ("no_ack", Detector::NoAck),
    ("off_topic", Detector::OffTopic),
];

impl Detector {
    /// The spans it fires on: each detector is its own pass below.
    fn run(self, p: &Probe) -> Vec<Span> {
        match self {
            Detector::Phone => phone(p),
            Detector::Personal => personal(p),
            Detector::Url => url(p),
            Detector::OrderMismatch => order_mismatch(p),
            Detector::AmountMismatch => amount_mismatch(p),
            Detector::Compensation => compensation(p),
            Detector::RefundLimit => refund_limit(p),
            Detector::ReturnWindow => return_window(p),
            Detector::Promise => certainty(p, false),
            Detector::DayPromise => certainty(p, true),
            Detector::NoAck => no_ack(p),
            Detector::OffTopic => off_topic(p),
        }
    }
}

/// The detector a rule names.
fn detector(name: &str) -> Option<Detector> {
    DETECTORS.iter().find(|d| d.0 == name).map(|d| d.1)
}

/// A phone number that is not the customer's own: a contact off the platform. A number said to
/// be theirs, or a return address's, is left alone.
fn phone(p: &Probe) -> Vec<Span> {
    let d = p.d;
    let theirs = customer_personal(p.cx);
    let mut out = Vec::new();
    for x in p.facts_of(FactKind::Phone) {
        let (_, before) = clause_of(d, x);
        let (a, b) = d.scope(d.byte_at(x.start), true);
        let sentence = &d.f.text[a..b];
        if theirs.contains(&digits(&x.text))
            || any_in(before, words!["您的", "你的", "your "])
            || any_in(
                sentence,
                words![
                    "寄回",
                    "退货地址",
                    "寄到",
                    "return address",
                    "ship it back",
                    "send it back",
                ],
            )
        {
            continue;
        }
        let (a, b) = p.clause_span(x);
        out.push((a, b, None));
    }
    out
}

/// The customer's own personal data written out in the chat, fixed to a masked form.
fn personal(p: &Probe) -> Vec<Span> {
    let theirs = customer_personal(p.cx);
    let mut out = Vec::new();
    for x in p.facts.iter().filter(|x| x.personal) {
        let (_, before) = clause_of(p.d, x);
        let own = theirs.contains(&digits(&x.text))
            || any_in(before, words!["您的", "你的", "your ", "收件人", "收货"]);
        if !own {
            continue;
        }
        let (s, e) = p.span(x);
        let m = masked(x);
        out.push((s, e, (!m.is_empty()).then_some(m)));
    }
    id_cards(p.d, &mut out);
    out
}

/// Identity card numbers (17 digits and a digit or X), fixed to the number with its middle ten
/// characters masked: the fact reader does not know them.
fn id_cards(d: &Draft, out: &mut Vec<Span>) {
    let c: Vec<char> = d.f.text.chars().collect();
    let mut i = 0;
    while i < c.len() {
        let run = c[i..].iter().take_while(|ch| ch.is_ascii_digit()).count();
        if (run == 17 && c.get(i + 17).is_some_and(|ch| *ch == 'x') || run == 18)
            && id_card(&c[i..i + 18], &c[i.saturating_sub(6)..i])
        {
            let (s, e) = (d.f.byte_of_char(i), d.f.byte_of_char(i + 18));
            let shown: String = d
                .original(s, e)
                .chars()
                .enumerate()
                .map(|(k, ch)| if (4..14).contains(&k) { '*' } else { ch })
                .collect();
            out.push((s, e, Some(shown)));
        }
        i += run.max(1);
    }
}

/// A link: the platform's own domains are the rule's `unless` words.
fn url(p: &Probe) -> Vec<Span> {
    let mut out = Vec::new();
    for x in p.facts_of(FactKind::Url) {
        let (s, e) = p.span(x);
        out.push((s, e, None));
    }
    out
}

/// An order number (or a number called the order) that is none the page or the customer gave,
/// fixed to the page's.
fn order_mismatch(p: &Probe) -> Vec<Span> {
    let known = known_orders(p.cx);
    if known.is_empty() {
        return Vec::new();
    }
    let called_order = |x: &&Fact| {
        x.kind == FactKind::OrderNumber
            || (x.kind == FactKind::TrackingNumber
                && any_in(clause_of(p.d, x).1, words!["订单", "order"]))
    };
    let mut out = Vec::new();
    for x in p.facts.iter().filter(called_order) {
        if !known.iter().any(|k| digits(k) == digits(&x.text)) {
            let (s, e) = p.span(x);
            let fix = p.order().and_then(|o| o.id.clone());
            out.push((s, e, fix));
        }
    }
    out
}

/// Words before an amount that say it is what the customer paid (or all of it).
const PAID_WORDS: Words = words![
    "实付",
    "付了",
    "支付了",
    "订单金额",
    "付款金额",
    "实际支付",
    "全额退",
    "全部退",
    "you paid",
    "order total",
    "paid",
    "full refund of",
    "total of",
];

/// An amount said to be what the customer paid, or a refund of all of it, that is not the
/// order's amount; or a refund above it. Fixed to the order's amount.
fn amount_mismatch(p: &Probe) -> Vec<Span> {
    let Some(paid) = p.order().and_then(|o| o.amount) else {
        return Vec::new();
    };
    let mut out = Vec::new();
    for x in p.facts_of(FactKind::Amount) {
        let Some(v) = x.value else { continue };
        let (clause, before) = clause_of(p.d, x);
        let said_paid = any_in(before, PAID_WORDS);
        let refund = any_in(clause, REFUND_WORDS);
        if (said_paid && (v - paid).abs() > 0.005) || (refund && v > paid + 0.005) {
            let (s, e) = p.span(x);
            out.push((s, e, Some(amount_fix(&x.text, paid))));
        }
    }
    out
}

/// The amount as written ("¥600元") with the order's amount in place of its number ("¥520元").
fn amount_fix(written: &str, paid: f64) -> String {
    let currency = if written.starts_with(['¥', '$', '€', '£']) {
        &written[..written.chars().next().map(char::len_utf8).unwrap_or(0)]
    } else {
        ""
    };
    let unit = written
        .trim_start_matches(['¥', '$', '€', '£'])
        .trim_start_matches(|c: char| c.is_ascii_digit() || c == '.' || c == ',');
    format!("{currency}{}", fmt_amount(paid)) + unit
}

/// Compensation above what the agent may offer alone: ask the approver instead.
fn compensation(p: &Probe) -> Vec<Span> {
    let Some(limit) = p.cx.policy.and_then(|x| x.free_compensation) else {
        return Vec::new();
    };
    let mut out = Vec::new();
    for x in p.facts_of(FactKind::Amount) {
        let (clause, before) = clause_of(p.d, x);
        // What the platform's shipping insurance pays is not the agent's to give.
        if x.value.is_some_and(|v| v > limit + 0.005)
            && (any_in(clause, COMP_WORDS) || money_verb(before, COMP_VERBS))
            && !any_in(clause, words!["运费险", "保险", "insurance"])
        {
            let (a, b) = p.clause_span(x);
            out.push((a, b, None));
        }
    }
    out
}

/// A refund promised above the amount that needs the approver.
fn refund_limit(p: &Probe) -> Vec<Span> {
    let Some(limit) = p.cx.policy.and_then(|x| x.refund_limit) else {
        return Vec::new();
    };
    let mut out = Vec::new();
    for x in p.facts_of(FactKind::Amount) {
        let (clause, before) = clause_of(p.d, x);
        if x.value.is_some_and(|v| v > limit + 0.005)
            && (any_in(clause, REFUND_WORDS) || money_verb(before, REFUND_VERBS))
            && !any_in(clause, PROMISE_NEG)
            && !any_in(clause, words!["申请", "request", "ask"])
        {
            let (a, b) = p.clause_span(x);
            out.push((a, b, None));
        }
    }
    out
}

/// Returns promised for longer than the shop's window.
fn return_window(p: &Probe) -> Vec<Span> {
    let Some(days) = p.cx.policy.and_then(|x| x.return_window(p.lang)) else {
        return Vec::new();
    };
    let mut out = Vec::new();
    for x in p.facts_of(FactKind::Duration) {
        let (clause, _) = clause_of(p.d, x);
        let hours = x.value.unwrap_or(0.0);
        let returns = any_in(
            clause,
            words!["退货", "退换", "无理由", "可以退", "能退", "包退", "return"],
        );
        if hours > days * 24.0 + 0.5
            && hours <= 24.0 * 400.0
            && returns
            && !any_in(clause, PROMISE_NEG)
            && !any_in(clause, words!["已经", "already", "ago"])
        {
            let (a, b) = p.clause_span(x);
            out.push((a, b, None));
        }
    }
    out
}

/// `promise`: a certainty word (`words`) with an arrival within eight characters after it
/// (`with`): "保证给您全额退款". `day_promise` (`with_day`): the same with a day in the clause:
/// "后天肯定到", "明天一定能送到", "保证您周五前收到".
fn certainty(p: &Probe, with_day: bool) -> Vec<Span> {
    let t = p.d.f.text.as_str();
    let mut out = Vec::new();
    for &(s, e, _) in p.hits.iter().filter(|h| h.2 == Use::Word) {
        let (a, b) = p.d.scope(s, false);
        let near = |ws: usize| {
            let gap = &t[e..ws];
            gap.chars().count() <= if gap.is_ascii() { 20 } else { 8 }
        };
        let follows = p
            .hits
            .iter()
            .any(|&(ws, _, r)| r == Use::With && ws >= e && ws < b && near(ws));
        if follows && (!with_day || any_in(&t[a..b], DAY_WORDS)) {
            out.push((a, b, None));
        }
    }
    out
}

/// The customer is angry or anxious and the draft does not say it heard them (the rule's `words`
/// acknowledge: any of them anywhere will do). The finding covers the first sentence.
fn no_ack(p: &Probe) -> Vec<Span> {
    let (Some((i, answered)), Some(a)) = (latest_customer(p.cx), p.cx.analysis) else {
        return Vec::new();
    };
    if answered || p.cx.state.is_some_and(|s| s.closing) {
        return Vec::new();
    }
    if upset_in_turn(p.cx, a, i) < 2.0 || p.hits.iter().any(|h| h.2 == Use::Word) {
        return Vec::new();
    }
    first_sentence(p.d)
}

/// How upset the customer's turn reads: the strongest anger, anxiety or threat of a negative
/// message among theirs since the agent's last one (a burst ends with a screenshot or a "??" as
/// often as with the angry words).
fn upset_in_turn(cx: &Context, a: &Analysis, i: usize) -> f32 {
    let turn_start = cx
        .conversation
        .and_then(|c| c.messages[..i].iter().rposition(|m| m.role == Role::Agent))
        .map_or(0, |j| j + 1);
    let upset_in = |m: &crate::analysis::MessageAnalysis| {
        let e = [CueKind::Anger, CueKind::Anxiety, CueKind::Threat]
            .iter()
            .map(|k| m.reading.emotion(*k))
            .fold(0.0f32, f32::max);
        if m.reading.polarity > -0.1 {
            0.0
        } else {
            e
        }
    };
    a.messages
        .iter()
        .filter(|m| (turn_start..=i).contains(&(m.index as usize)))
        .map(upset_in)
        .fold(0.0f32, f32::max)
}

/// The draft's first sentence as a finding about the whole reply, when it has one.
fn first_sentence(d: &Draft) -> Vec<Span> {
    let (s, e) = d.first_sentence();
    if e > s {
        vec![(s, e, None)]
    } else {
        Vec::new()
    }
}

/// The customer waits on one question and the draft is about another topic. Only a question
/// asked (when, where, how much…) counts: a complaint alone may be answered many ways.
fn off_topic(p: &Probe) -> Vec<Span> {
    let (Some(st), Some(an)) = (p.cx.state, p.cx.analyzer) else {
        return Vec::new();
    };
    let Some(open) = st
        .open
        .as_ref()
        .filter(|o| !o.answered && o.topic.is_substantive() && o.ask.is_some())
    else {
        return Vec::new();
    };
    if answers(p, an, open) {
        return Vec::new();
    }
    first_sentence(p.d)
}

/// Whether the draft answers the open question: its topic is the question's (or one that
/// answers it), or it names the topic at all, or it gives an amount to "how much". A draft
/// about no topic answers when it states a fact (an amount, a date…) or says the question is
/// being looked into; "这款还有黑色可以选" to a refund question does neither.
fn answers(p: &Probe, an: &Analyzer, open: &crate::state::OpenRequest) -> bool {
    let d = p.d;
    let mine = an.read(d.original).intent.filter(|t| t.is_substantive());
    if mine.is_some_and(|m| group(m) == group(open.topic))
        || (mine.is_none() && (any_in(&d.f.text, HOLDING) || !p.facts.is_empty()))
    {
        return true;
    }
    // "电子发票会在发货后发到邮箱" for an invoice question reads as shipping, but names it.
    let names_it = an.lexicon.scan(d.f).iter().any(|h| {
        an.lexicon
            .term(h)
            .get(|s| matches!(s, Section::Intent(i) if group(i) == group(open.topic)))
            .is_some()
    });
    names_it
        || (open.ask == Some(crate::state::Ask::HowMuch)
            && p.facts.iter().any(|x| x.kind == FactKind::Amount))
}

/// Topics that answer one another ("退款" answers a return question).
fn group(i: Intent) -> u8 {
    match i {
        // Money going back is a payment too ("your card will be credited" answers a refund).
        Intent::Return
        | Intent::Refund
        | Intent::Exchange
        | Intent::Warranty
        | Intent::Complaint
        | Intent::Cancellation
        | Intent::Payment => 1,
        Intent::Logistics | Intent::AddressChange | Intent::OrderChange => 2,
        Intent::SizeFit | Intent::ProductQuestion => 3,
        Intent::Price | Intent::Invoice => 4,
        Intent::Account | Intent::HumanAgent => 5,
        _ => 6,
    }
}

fn fmt_amount(v: f64) -> String {
    if (v - v.round()).abs() < 0.005 {
        format!("{}", v.round() as i64)
    } else {
        crate::num::fixed(v, 2)
    }
}

/// One line of `duxin guard`: the draft and what it is checked against.
#[derive(Debug, Clone, Deserialize)]
pub struct Input {
    pub text: String,
    #[serde(default)]
    pub conversation: Option<Conversation>,
    #[serde(default)]
    pub platform: Option<String>,
    #[serde(default)]
    pub policy: Option<serde_json::Value>,
}

/// Check one parsed input line, as `duxin guard` does: the conversation is analysed and its
/// state read; the policy's fields go over the default policy.
pub fn check_input(g: &Guard, an: &Analyzer, input: &Input) -> Result<Vec<Finding>> {
    let platform = match input.platform.as_deref() {
        None | Some("") => Platform::General,
        Some(p) => Platform::parse(p).ok_or_else(|| {
            Error::Conversation(unknown(
                "input",
                "platform",
                p,
                &Platform::ALL.map(|p| p.as_str()),
            ))
        })?,
    };
    let policy = policy_over_default(input.policy.as_ref())?;
    let conv = input.conversation.as_ref();
    if let Some(c) = conv {
        c.validate()?;
    }
    let analysis = conv.map(|c| an.analyze(c));
    let state = conv
        .zip(analysis.as_ref())
        .map(|(c, a)| crate::state::read(c, a));
    let cx = Context {
        platform,
        policy: Some(&policy),
        conversation: conv,
        analysis: analysis.as_ref(),
        state: state.as_ref(),
        analyzer: Some(an),
    };
    Ok(g.check(&input.text, &cx))
}

/// The shop's policy fields over the default policy.
pub fn policy_over_default(v: Option<&serde_json::Value>) -> Result<Policy> {
    let base = Policy::builtin()?;
    let Some(serde_json::Value::Object(over)) = v else {
        return Ok(base);
    };
    let mut merged = serde_json::to_value(&base)?;
    if let serde_json::Value::Object(m) = &mut merged {
        for (k, x) in over {
            m.insert(k.clone(), x.clone());
        }
    }
    Policy::from_file("policy.json", &merged.to_string())
}

/// The agent's own drafts on one day, for their dashboard (counts only, never text): drafts sent
/// after the check read them, how many of those went with a finding of each kind, fixes applied.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct GuardDay {
    pub day: i32,
    #[serde(default)]
    pub sent: u32,
    #[serde(default)]
    pub platform: u32,
    #[serde(default)]
    pub tone: u32,
    #[serde(default)]
    pub facts: u32,
    #[serde(default)]
    pub fixes: u32,
}

/// How many days of counts are kept.
pub const DAYS_KEPT: i32 = 90;

/// Count a draft sent (with the kinds of its findings, each once) or a fix applied on `day`;
/// days older than `DAYS_KEPT` go.
pub fn tally(days: &mut Vec<GuardDay>, day: i32, sent: Option<&[Kind]>, fix: bool) {
    days.retain(|d| d.day > day - DAYS_KEPT);
    let i = match days.iter().position(|d| d.day == day) {
        Some(i) => i,
        None => {
            days.push(GuardDay {
                day,
                ..Default::default()
            });
            days.len() - 1
        }
    };
    let d = &mut days[i];
    if let Some(kinds) = sent {
        d.sent += 1;
        d.platform += u32::from(kinds.contains(&Kind::Platform));
        d.tone += u32::from(kinds.contains(&Kind::Tone));
        d.facts += u32::from(kinds.contains(&Kind::Facts));
    }
    d.fixes += u32::from(fix);
}

/// What a line of a labelled set says the draft holds: nothing (`null`), or one problem of a kind,
/// at the words `span` when given.
#[derive(Debug, Clone, Deserialize)]
pub struct Label {
    pub kind: Kind,
    #[serde(default)]
    pub span: Option<String>,
}

/// Precision and recall per kind over a labelled set (`duxin guard --eval`).
#[derive(Debug, Clone, Default, Serialize)]
pub struct EvalReport {
    pub drafts: usize,
    pub clean: usize,
    /// Per kind (platform, tone, facts): true positives, false positives, false negatives.
    pub counts: BTreeMap<String, [usize; 3]>,
    /// What went wrong, one line each: "missed tone: …", "false facts (rule): …".
    pub errors: Vec<String>,
}

impl EvalReport {
    pub fn precision(&self, k: Kind) -> f64 {
        let [tp, fp, _] = self.counts.get(k.as_str()).copied().unwrap_or_default();
        if tp + fp == 0 {
            1.0
        } else {
            tp as f64 / (tp + fp) as f64
        }
    }

    pub fn recall(&self, k: Kind) -> f64 {
        let [tp, _, fnn] = self.counts.get(k.as_str()).copied().unwrap_or_default();
        if tp + fnn == 0 {
            1.0
        } else {
            tp as f64 / (tp + fnn) as f64
        }
    }

    /// Score one draft: a finding of the labelled kind counts when it overlaps the labelled span.
    pub fn add(&mut self, text: &str, label: Option<&Label>, found: &[Finding]) {
        self.drafts += 1;
        if label.is_none() {
            self.clean += 1;
        }
        let gold = label.map(|l| {
            let span = l.span.as_deref().and_then(|s| {
                text.find(s).map(|b| {
                    (
                        crate::text::utf16_len(&text[..b]),
                        crate::text::utf16_len(&text[..b + s.len()]),
                    )
                })
            });
            (l.kind, span)
        });
        for k in Kind::ALL {
            let c = self.counts.entry(k.as_str().to_string()).or_default();
            let mine: Vec<&Finding> = found.iter().filter(|f| f.kind == k).collect();
            let hit = match gold {
                Some((gk, span)) if gk == k => mine
                    .iter()
                    .any(|f| span.is_none_or(|(a, b)| f.start < b && a < f.end)),
                _ => false,
            };
            if hit {
                c[0] += 1;
            } else if !mine.is_empty() {
                c[1] += 1;
                self.errors.push(format!(
                    "false {} ({}): {text}",
                    k.as_str(),
                    mine.iter()
                        .map(|f| f.rule.as_str())
                        .collect::<Vec<_>>()
                        .join(", ")
                ));
            }
            if gold.is_some_and(|(gk, _)| gk == k) && !hit {
                c[2] += 1;
                self.errors.push(format!("missed {}: {text}", k.as_str()));
            }
        }
    }

    pub fn text(&self) -> String {
        let mut s = format!(
            "drafts {}  clean {}  with one problem {}\n",
            self.drafts,
            self.clean,
            self.drafts - self.clean
        );
        s.push_str("kind       labelled  found  precision  recall\n");
        for k in Kind::ALL {
            let [tp, fp, fnn] = self.counts.get(k.as_str()).copied().unwrap_or_default();
            s.push_str(&format!(
                "{:<10} {:>8}  {:>5}  {:>9.3}  {:>6.3}\n",
                k.as_str(),
                tp + fnn,
                tp + fp,
                self.precision(k),
                self.recall(k)
            ));
        }
        s
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::conversation::{Message, Order};

    fn guard() -> Guard {
        Guard::builtin().unwrap()
    }

    /// The conversation a rule's examples are checked in.
    fn given_conversation(g: &Given) -> Conversation {
        let mut c = Conversation::default();
        if let Some(t) = &g.customer {
            c.messages.push(Message {
                role: Role::Customer,
                text: t.clone(),
                time: None,
                id: None,
            });
        }
        if g.order_id.is_some() || g.amount.is_some() {
            c.order = Some(Order {
                id: g.order_id.clone(),
                amount: g.amount,
                ..Default::default()
            });
        }
        c
    }

    fn check_in(
        g: &Guard,
        an: &Analyzer,
        platform: Platform,
        given: &Given,
        text: &str,
    ) -> Vec<Finding> {
        let mut policy = Policy::builtin().unwrap();
        policy.return_window_days = given.return_window_days.or(policy.return_window_days);
        let conv = given_conversation(given);
        let a = an.analyze(&conv);
        let st = crate::state::read(&conv, &a);
        let cx = Context {
            platform,
            policy: Some(&policy),
            conversation: Some(&conv),
            analysis: Some(&a),
            state: Some(&st),
            analyzer: Some(an),
        };
        g.check(text, &cx)
    }

    #[test]
    fn every_rule_fires_on_its_hits_and_not_on_its_near_misses() {
        let g = guard();
        let an = Analyzer::new().unwrap();
        let mut failures = Vec::new();
        for r in &g.rules {
            for h in &r.spec.hit {
                let f = check_in(&g, &an, r.platform, &r.spec.given, h);
                if !f.iter().any(|x| x.rule == r.spec.id) {
                    failures.push(format!(
                        "{}: hit not found in «{h}» (found {:?})",
                        r.spec.id,
                        f.iter().map(|x| &x.rule).collect::<Vec<_>>()
                    ));
                }
            }
            for m in &r.spec.miss {
                let f = check_in(&g, &an, r.platform, &r.spec.given, m);
                if let Some(x) = f.iter().find(|x| x.rule == r.spec.id) {
                    failures.push(format!(
                        "{}: near miss «{m}» fired on «{}»",
                        r.spec.id,
                        m.encode_utf16()
                            .skip(x.start as usize)
                            .take((x.end - x.start) as usize)
                            .map(|u| u as u32)
                            .filter_map(char::from_u32)
                            .collect::<String>()
                    ));
                }
            }
        }
        assert!(
            failures.is_empty(),
            "{} rule examples fail:\n{}",
            failures.len(),
            failures.join("\n")
        );
    }

    #[test]
    fn every_platform_and_language_has_a_pack() {
        let g = guard();
        for p in Platform::ALL {
            assert!(
                g.rules.iter().any(|r| r.platform == p),
                "no rules for {p:?}"
            );
        }
        for k in Kind::ALL {
            for lang in [Lang::Zh, Lang::En] {
                assert!(
                    g.rules.iter().any(|r| r.spec.kind == k && r.lang == lang),
                    "no {lang:?} rules of kind {k:?}"
                );
            }
        }
    }

    #[test]
    fn a_clean_reply_has_no_findings() {
        let g = guard();
        let cx = Context::platform(Platform::Pinduoduo);
        assert!(g
            .check(
                "亲，您的包裹已经在派送中了，今天之内应该能送到，有问题随时找我哦~",
                &cx
            )
            .is_empty());
        assert!(g
            .check(
                "Thanks for waiting! Your parcel is out for delivery and should arrive today.",
                &cx
            )
            .is_empty());
        assert!(g.check("", &cx).is_empty());
    }

    #[test]
    fn a_finding_spans_exactly_the_words_in_utf16_units_after_emoji() {
        let g = guard();
        let cx = Context::platform(Platform::General);
        let draft = "亲😀，加我微信聊吧";
        let f = g.check(draft, &cx);
        let x = f
            .iter()
            .find(|x| x.kind == Kind::Platform)
            .expect("a platform finding");
        let units: Vec<u16> = draft.encode_utf16().collect();
        assert_eq!(
            String::from_utf16(&units[x.start as usize..x.end as usize]).unwrap(),
            "加我微信"
        );
    }

    #[test]
    fn rules_of_another_platform_do_not_fire() {
        let g = guard();
        let draft = "亲，您去淘宝搜我们店铺下单更便宜";
        let on_pdd = g.check(draft, &Context::platform(Platform::Pinduoduo));
        let on_taobao = g.check(draft, &Context::platform(Platform::Taobao));
        assert!(
            on_pdd.iter().any(|x| x.rule.starts_with("pdd.")),
            "{on_pdd:?}"
        );
        assert!(
            !on_taobao.iter().any(|x| x.rule.starts_with("pdd.")),
            "{on_taobao:?}"
        );
    }

    #[test]
    fn a_rule_switched_off_in_options_stays_quiet() {
        let s = Settings {
            off: vec!["zh.offsite.wechat".into()],
            words: vec![],
        };
        let g = Guard::with_settings(&s).unwrap();
        let f = g.check("加我微信聊吧", &Context::platform(Platform::General));
        assert!(!f.iter().any(|x| x.rule == "zh.offsite.wechat"), "{f:?}");
        assert!(guard()
            .check("加我微信聊吧", &Context::platform(Platform::General))
            .iter()
            .any(|x| x.rule == "zh.offsite.wechat"));
    }

    #[test]
    fn the_shops_own_words_fire_with_their_own_fix() {
        let s = Settings {
            off: vec![],
            words: vec![OwnWord {
                word: "Cheap".into(),
                fix: "great value".into(),
            }],
        };
        let g = Guard::with_settings(&s).unwrap();
        let f = g.check_with(
            "It is really cheap, honestly.",
            &Context::platform(Platform::General),
            &s.words,
        );
        let x = f
            .iter()
            .find(|x| x.rule == OWN_RULE)
            .expect("own word found");
        assert_eq!((x.start, x.end, x.fix.as_str()), (13, 18, "great value"));
        // A word inside another word does not fire.
        assert!(!g
            .check_with("cheapest", &Context::platform(Platform::General), &s.words)
            .iter()
            .any(|x| x.rule == OWN_RULE));
    }

    #[test]
    fn an_order_number_that_differs_from_the_page_is_fixed_to_the_pages() {
        let g = guard();
        let an = Analyzer::new().unwrap();
        let given = Given {
            customer: Some("我的快递怎么还没到".into()),
            order_id: Some("260901338912774561".into()),
            amount: Some(99.0),
            ..Default::default()
        };
        let f = check_in(
            &g,
            &an,
            Platform::General,
            &given,
            "亲，您的订单260901338912774562已经发货了",
        );
        let x = f
            .iter()
            .find(|x| x.rule == "zh.facts.order")
            .expect("order mismatch");
        assert_eq!(x.fix, "260901338912774561");
    }

    #[test]
    fn compensation_above_the_allowance_points_to_the_approver() {
        let g = guard();
        let an = Analyzer::new().unwrap();
        let f = check_in(
            &g,
            &an,
            Platform::General,
            &Given::default(),
            "给您补偿50元红包，您看可以吗",
        );
        let x = f
            .iter()
            .find(|x| x.kind == Kind::Facts)
            .expect("beyond the allowance");
        assert!(x.fix.contains("主管"), "{x:?}");
        assert!(check_in(
            &g,
            &an,
            Platform::General,
            &Given::default(),
            "给您补偿5元红包，您看可以吗"
        )
        .iter()
        .all(|x| x.kind != Kind::Facts));
    }

    #[test]
    fn a_pack_with_a_misspelt_detector_names_the_likely_one() {
        let pack = "platform = \"general\"\nlang = \"zh\"\n[[rule]]\nid = \"x\"\nkind = \"platform\"\ndetect = \"phon\"\nreason_zh = \"a\"\nreason_en = \"a\"\nhit = [\"a\"]\nmiss = [\"b\"]\n";
        let e = Guard::from_sources(&[("x.toml", pack)], &Settings::default())
            .unwrap_err()
            .to_string();
        assert!(e.contains("did you mean \"phone\""), "{e}");
        let pack = pack
            .replace("detect = \"phon\"", "words = [\"微信\"]")
            .replace("platform = \"general\"", "platform = \"pinduodou\"");
        let e = Guard::from_sources(&[("x.toml", &pack)], &Settings::default())
            .unwrap_err()
            .to_string();
        assert!(e.contains("did you mean \"pinduoduo\""), "{e}");
    }

    #[test]
    fn a_rule_without_a_near_miss_is_refused() {
        let pack = "platform = \"general\"\nlang = \"zh\"\n[[rule]]\nid = \"x\"\nkind = \"tone\"\nwords = [\"滚\"]\nreason_zh = \"a\"\nreason_en = \"a\"\nhit = [\"滚\"]\n";
        assert!(
            Guard::from_sources(&[("x.toml", pack)], &Settings::default())
                .unwrap_err()
                .to_string()
                .contains("miss")
        );
    }

    #[test]
    fn the_wasm_reads_the_same_rules_as_the_reviewed_toml_without_examples_its_reasons_given() {
        macro_rules! twin {
            ($stem:literal) => {
                (
                    concat!($stem, ".json"),
                    include_str!(concat!(env!("OUT_DIR"), "/guard/", $stem, ".json")),
                )
            };
        }
        let sources = [
            twin!("general-zh"),
            twin!("general-en"),
            twin!("pinduoduo"),
            twin!("douyin"),
            twin!("jd"),
            twin!("taobao"),
            twin!("kuaishou"),
        ];
        let mut json = Guard::from_sources(&sources, &Settings::default()).unwrap();
        assert!(json.rules.iter().all(|r| r.spec.reason_zh.is_empty()));
        // What the panel gives it: extension/guard-rules.json, generated from the packs (below).
        let reasons: Vec<Reason> = guard()
            .rules
            .iter()
            .map(|r| Reason {
                id: r.spec.id.clone(),
                reason_zh: r.spec.reason_zh.clone(),
                reason_en: r.spec.reason_en.clone(),
                fix: r.spec.fix.clone(),
            })
            .collect();
        json.set_reasons(&reasons);
        let key = |g: &Guard| {
            g.rules
                .iter()
                .map(|r| {
                    format!(
                        "{}|{:?}|{:?}|{:?}|{:?}|{}|{}|{:?}|{}|{}",
                        r.spec.id,
                        r.spec.kind,
                        r.spec.words,
                        r.spec.with,
                        r.spec.unless,
                        r.spec.detect,
                        r.spec.fix,
                        r.platform,
                        r.spec.reason_zh,
                        r.spec.reason_en
                    )
                })
                .collect::<Vec<_>>()
        };
        assert_eq!(key(&json), key(&guard()));
        assert!(json
            .rules
            .iter()
            .all(|r| r.spec.hit.is_empty() && r.spec.miss.is_empty()));
    }

    /// One rule as Options lists it (to switch it off) and as the panel reads its reasons and fix
    /// (the wasm's packs leave them out): `extension/guard-rules.json`.
    #[derive(Serialize)]
    struct Listed<'a> {
        platform: &'a str,
        lang: Lang,
        id: &'a str,
        kind: Kind,
        reason_zh: &'a str,
        reason_en: &'a str,
        fix: &'a str,
    }

    #[test]
    fn the_extensions_rule_list_is_generated_from_the_packs_with_every_reason_whole() {
        // Packs in file-name order, each rule as the core read it (a reason over several lines
        // stays whole, as the TOML parser reads it).
        let mut packs = BUILTIN.to_vec();
        packs.sort_by_key(|p| p.0);
        let guards: Vec<Guard> = packs
            .iter()
            .map(|p| Guard::from_sources(&[*p], &Settings::default()).unwrap())
            .collect();
        let listed: Vec<Listed> = guards
            .iter()
            .flat_map(|g| &g.rules)
            .map(|r| Listed {
                platform: r.platform.as_str(),
                lang: r.lang,
                id: &r.spec.id,
                kind: r.spec.kind,
                reason_zh: &r.spec.reason_zh,
                reason_en: &r.spec.reason_en,
                fix: &r.spec.fix,
            })
            .collect();
        assert_eq!(listed.len(), guard().rules.len());
        let mut json = Vec::new();
        let pretty = serde_json::ser::PrettyFormatter::with_indent(b" ");
        listed
            .serialize(&mut serde_json::Serializer::with_formatter(
                &mut json, pretty,
            ))
            .unwrap();
        crate::generated::assert_current(
            "extension/guard-rules.json",
            &String::from_utf8(json).unwrap(),
            "extension/guard-rules.json is out of date: run UPDATE_PROTOCOL=1 cargo test --lib guard",
        );
    }

    #[test]
    fn the_evaluation_counts_a_finding_elsewhere_in_the_draft_as_a_miss_and_a_false_alarm() {
        let mut r = EvalReport::default();
        let f = |start, end| Finding {
            kind: Kind::Tone,
            rule: "t".into(),
            start,
            end,
            reason_zh: String::new(),
            reason_en: String::new(),
            fix: String::new(),
        };
        let label = Label {
            kind: Kind::Tone,
            span: Some("calm down".into()),
        };
        r.add("ok. calm down", Some(&label), &[f(4, 13)]);
        r.add("ok. calm down", Some(&label), &[f(0, 2)]);
        r.add("fine", None, &[]);
        assert_eq!(r.counts["tone"], [1, 1, 1]);
        assert_eq!((r.precision(Kind::Tone), r.recall(Kind::Tone)), (0.5, 0.5));
        assert_eq!(r.precision(Kind::Facts), 1.0);
    }

    #[test]
    fn an_eighteen_digit_order_number_is_not_read_as_an_identity_card() {
        let g = guard();
        let cx = Context::platform(Platform::General);
        assert!(g
            .check("您的订单260915448812345678已经发货了", &cx)
            .is_empty());
        let f = g.check("您的身份证号110105199003071234已登记", &cx);
        assert_eq!(
            f.iter()
                .map(|x| (x.rule.as_str(), x.fix.as_str()))
                .collect::<Vec<_>>(),
            [("zh.personal.data", "1101**********1234")]
        );
    }

    #[test]
    fn a_payment_by_the_shipping_insurance_is_no_compensation_from_the_agent() {
        let g = guard();
        let an = Analyzer::new().unwrap();
        assert!(check_in(
            &g,
            &an,
            Platform::General,
            &Given::default(),
            "运费险会赔付12元运费，退货后自动到账"
        )
        .is_empty());
    }

    #[test]
    fn a_sent_draft_counts_each_kind_of_its_findings_once_and_old_days_go() {
        let mut days = vec![GuardDay {
            day: 10,
            sent: 3,
            ..Default::default()
        }];
        tally(
            &mut days,
            200,
            Some(&[Kind::Tone, Kind::Tone, Kind::Facts]),
            false,
        );
        tally(&mut days, 200, Some(&[]), false);
        tally(&mut days, 200, None, true);
        assert_eq!(
            days,
            vec![GuardDay {
                day: 200,
                sent: 2,
                platform: 0,
                tone: 1,
                facts: 1,
                fixes: 1
            }]
        );
    }

    #[test]
    fn an_angry_turn_that_ends_with_a_screenshot_still_asks_for_an_acknowledgement() {
        let g = guard();
        let an = Analyzer::new().unwrap();
        let msg = |role, text: &str| Message {
            role,
            text: text.into(),
            time: None,
            id: None,
        };
        let conv = Conversation {
            messages: vec![
                msg(Role::Agent, "您好"),
                msg(Role::Customer, "气死了！再不处理我就投诉到12315"),
                msg(Role::Customer, "截图在这"),
            ],
            ..Default::default()
        };
        let a = an.analyze(&conv);
        let st = crate::state::read(&conv, &a);
        let cx = Context {
            platform: Platform::General,
            policy: None,
            conversation: Some(&conv),
            analysis: Some(&a),
            state: Some(&st),
            analyzer: Some(&an),
        };
        assert!(g
            .check("订单会在48小时内发出", &cx)
            .iter()
            .any(|x| x.rule == "zh.tone.no_ack"));
        assert!(!g
            .check("真的很抱歉让您生气了，订单会在48小时内发出", &cx)
            .iter()
            .any(|x| x.rule == "zh.tone.no_ack"));
    }

    #[test]
    fn a_draft_that_names_the_topic_asked_about_is_on_topic_though_it_reads_as_another() {
        let g = guard();
        let an = Analyzer::new().unwrap();
        let draft = "可以的，电子发票会跟着包裹发货后发到您邮箱";
        assert_eq!(an.read(draft).intent, Some(Intent::Logistics));
        let given = Given {
            customer: Some("这个能开发票吗？".into()),
            ..Default::default()
        };
        let f = check_in(&g, &an, Platform::General, &given, draft);
        assert!(!f.iter().any(|x| x.rule.ends_with("off_topic")), "{f:?}");
    }

    #[test]
    fn a_how_much_question_answered_with_an_amount_is_on_topic() {
        let g = guard();
        let an = Analyzer::new().unwrap();
        let given = Given {
            customer: Some("How much will I get back?".into()),
            ..Default::default()
        };
        let draft = "You paid $32.50 and all of that comes back to you.";
        let f = check_in(&g, &an, Platform::General, &given, draft);
        assert!(!f.iter().any(|x| x.rule.ends_with("off_topic")), "{f:?}");
    }

    #[test]
    fn a_remark_on_no_topic_to_a_refund_question_is_off_topic_and_a_holding_reply_is_not() {
        let g = guard();
        let an = Analyzer::new().unwrap();
        let given = Given {
            customer: Some("我的退款怎么还没到账？".into()),
            ..Default::default()
        };
        let off = |draft: &str| {
            check_in(&g, &an, Platform::General, &given, draft)
                .iter()
                .any(|x| x.rule.ends_with("off_topic"))
        };
        assert!(off("亲，这款还有卡其色哦"));
        assert!(!off("亲，我帮您核实一下"));
    }

    #[test]
    fn a_refund_question_answered_in_payment_words_is_on_topic() {
        let g = guard();
        let an = Analyzer::new().unwrap();
        assert_eq!(
            an.read("You paid $45.50, and the full amount is on its way back to your card.")
                .intent,
            Some(Intent::Payment)
        );
        let given = Given {
            customer: Some("When will I get my refund?".into()),
            ..Default::default()
        };
        let f = check_in(
            &g,
            &an,
            Platform::General,
            &given,
            "You paid $45.50, and the full amount is on its way back to your card.",
        );
        assert!(!f.iter().any(|x| x.rule.ends_with("off_topic")), "{f:?}");
    }

    #[test]
    fn a_complaint_without_a_question_can_be_answered_by_a_reshipment() {
        let g = guard();
        let an = Analyzer::new().unwrap();
        let given = Given {
            customer: Some(
                "Your product broke after two days. I'm furious, this is a total waste of money."
                    .into(),
            ),
            ..Default::default()
        };
        let f = check_in(&g, &an, Platform::General, &given, "I understand how frustrating this is. I've reshipped your order with express delivery.");
        assert!(f.is_empty(), "{f:?}");
    }

    #[test]
    fn a_platform_from_the_site_profile() {
        assert_eq!(Platform::of_profile("pinduoduo"), Platform::Pinduoduo);
        assert_eq!(Platform::of_profile("zendesk"), Platform::General);
    }

    #[test]
    fn the_panel_reads_the_stored_settings_reasons_and_days_as_serde_reads_them() {
        use crate::json_lite::assert_reads_as_serde;
        let settings = assert_reads_as_serde::<Settings>(&[
            r#"{"off":["pdd.contact"],"words":[{"word":"绝对","fix":"尽量"},{"word":"包邮"}]}"#,
            r#"{}"#,
            r#"{"words":[],"other":1}"#,
            r#"{"off":null}"#,
            r#"{"words":[{"fix":"x"}]}"#,
            r#"{"off":"pdd.contact"}"#,
            r#""off""#,
            "",
        ]);
        assert_eq!(settings, 3);
        let rules = include_str!("../extension/guard-rules.json");
        let reasons = assert_reads_as_serde::<Vec<Reason>>(&[
            rules,
            r#"[{"id":"a"},{"id":"b","reason_zh":"理由","fix":"改"}]"#,
            r#"[{"reason_zh":"理由"}]"#,
            r#"[{"id":"a","fix":null}]"#,
            r#"{"id":"a"}"#,
        ]);
        assert_eq!(reasons, 2);
        let days = assert_reads_as_serde::<Vec<GuardDay>>(&[
            r#"[{"day":20430,"sent":5,"platform":1,"tone":2,"facts":0,"fixes":3},{"day":-1}]"#,
            r#"[{"sent":5}]"#,
            r#"[{"day":20430,"sent":-5}]"#,
            r#"[{"day":20430.0}]"#,
            r#"[{"day":4294967296}]"#,
            r#"[]"#,
        ]);
        assert_eq!(days, 2);
    }
}
