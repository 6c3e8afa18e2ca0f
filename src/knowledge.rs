//! The shop's knowledge: reply entries, empathy openers and closings per language, and the shop
//! policy. Starter packs ship in `data/knowledge/`; shops edit their own copy.

use crate::words::Words;
use serde::{Deserialize, Serialize};

use crate::error::{Error, Result};
use crate::json_lite::{FromJson, Json};
use crate::kinds::{CueKind, Intent, Lang};
use crate::text::shingles;

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Opener {
    /// A cue kind, "neutral", or "any": a situation named by `words`, whatever the feeling.
    pub emotion: String,
    #[serde(default)]
    pub min_intensity: f32,
    /// What caused the feeling, when the state shows it: "repeat" (asked again), "waiting"
    /// (nudged: "??", "在吗"), "refused" (pushing back on something the agent ruled out).
    /// An opener with a cause is preferred when that cause is present, whatever the feeling.
    #[serde(default)]
    pub cause: String,
    /// Words of the customer that say what the feeling is about ("生日", "charged twice"): an
    /// opener with words is only used when one is there, and then before the plain one.
    #[serde(default)]
    pub words: Vec<String>,
    /// The request's topic ("refund"), for a calm customer's new request: the first answer to it
    /// names what they came for ("I can help you with your refund") instead of nothing.
    #[serde(default)]
    pub topic: String,
    /// For a situation ("any"): the request topics it belongs to ("broken" is about an item under
    /// a return or a repair, not a search bar); empty is any topic.
    #[serde(default)]
    pub topics: Vec<String>,
    /// For a situation: only the customer's latest turn counts ("sorry, my mistake", "that didn't
    /// work" are answered once, when said, not in every reply after).
    #[serde(default)]
    pub latest: bool,
    pub text: String,
}

/// A short line of a pack that stands on its own, by `kind`: "need" (how to ask for the piece of
/// information named by `info`: "麻烦您发一下订单号…"), "ack" (the customer just gave what was
/// asked: "好的，收到"), "hold" (the holding reply that names the customer's question), "proceed"
/// (the holding reply once the customer gave what was asked: "我这就按您提供的信息为您办理"), "recheck"
/// (the holding reply when the customer doubts the agent's answer: "我这边再仔细帮您核对一遍"), "escalate"
/// (the steer to a supervisor after a refusal), "wait" (the customer is trying or checking something
/// and will come back: "好的，不着急"), "handover" (the customer agreed to have the case passed on),
/// "clarify" (a menu label or fragment: what is the question?), "clarify_item" ("a product": which
/// one?), "clarify_about" (the item just named: what about it?), "clarify_problem" (a problem
/// announced, not described: what is going on?), "agreed" (the customer accepted
/// what the agent proposed: "那行吧，退余额上"), "probe" (the question an agent asks next on
/// `topics` before they can answer: "What is your membership level?", "请问开个人还是单位的发票？"),
/// "held" (the agent comes back after asking the customer to wait: "Thanks for waiting."),
/// "tried" (the way the agent gave did not work for the customer: where are they stuck? A line
/// with `words` is for turns with one of them: "没找到" asks app or computer), "in_hand" (the agent
/// said it is done or passed on, and the customer urges: it is in hand, news comes from the agent),
/// "in_hand_call" (the same after a promised call back: keep the phone at hand),
/// "on_it" (thanks in advance for the agent's "ok" to a request: welcome, it is being done),
/// "result" (the agent asked the customer to wait and they only nod or ping: what was found),
/// "invite" (the customer gave what the agent asked, their name, and has not said yet what they
/// need: thanks and asks), "confirm" (the customer says back what the agent just said and asks
/// whether that is it: a yes the agent sends only if the reading is right), "other_orders" (the
/// customer has more orders than the one in view: their numbers, to look at them together).
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Line {
    pub kind: String,
    #[serde(default)]
    pub info: String,
    pub text: String,
    /// For a probe: the request topics it belongs to.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub topics: Vec<String>,
    /// For a probe: words of the customer's request it needs ("pay", "bill"); empty = any. For a
    /// "tried" line: words of the customer's turn it is for.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub words: Vec<String>,
    /// For a probe: words that, anywhere in the chat, show it was asked or answered already.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub given_if: Vec<String>,
    /// For a need line: what it asks for instead when the customer says they do not have this
    /// ("zip+phone" in place of a username they cannot give).
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub instead_of: String,
    /// For a probe: asked before the answer, not beside it, because it decides whether the answer
    /// applies at all (a return's eligibility: the membership level, the purchase date).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub first: bool,
    /// For a probe: asked only of a question about the shop's rules with no order of the
    /// customer's in the chat ("what is your refund policy?"), and the others never then.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub general: bool,
}

const LINE_KINDS: Words = words![
    "need",
    "ack",
    "hold",
    "proceed",
    "recheck",
    "escalate",
    "wait",
    "handover",
    "clarify",
    "clarify_item",
    "clarify_about",
    "clarify_problem",
    "agreed",
    "probe",
    "held",
    "tried",
    "in_hand",
    "in_hand_call",
    "on_it",
    "result",
    "invite",
    "confirm",
    "other_orders",
];

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Closing {
    /// "negative", "neutral" or "positive".
    pub emotion: String,
    pub text: String,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct ReplyEntry {
    pub id: String,
    /// An intent name, or "other" for entries that fit anything.
    pub intent: String,
    #[serde(default)]
    pub emotions: Vec<String>,
    #[serde(default)]
    pub keywords: String,
    pub text: String,
    /// The specific questions it answers ("when", "where", "whether", "how_much", "how", "why");
    /// empty: any.
    #[serde(default)]
    pub asks: Vec<String>,
    /// What it needs the customer (or the page) to have given ("order_id", "photo"…); while one is
    /// missing, the reply asks for it instead of answering.
    #[serde(default)]
    pub needs: Vec<String>,
    /// Order stages where it applies (empty: any) and where it does not.
    #[serde(default)]
    pub stages: Vec<String>,
    #[serde(default)]
    pub not_stages: Vec<String>,
    /// Offered only when the customer's latest turn (or open question) holds one of these words:
    /// an entry for a particular case ("自动续费", "says delivered") among the entries of a topic.
    #[serde(default)]
    pub words: Vec<String>,
    /// The `words` count only in the customer's latest turn, not in what they asked before: an
    /// answer to a question of its own ("电子发票能报销吗") that an older mention ("开专票") does
    /// not ask again.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub latest: bool,
    /// Words that show the agent already gave this advice ("log out", "cookies"): then it is not
    /// offered as new but goes below the holding reply, and the next step comes first. "价保+申请了"
    /// needs both words in one agent message ("已经帮您申请了[数字x]元的价保").
    #[serde(default)]
    pub given_if: Vec<String>,
    /// The step before it ("en.site"): offered only once the agent gave that one (by its
    /// `given_if`), as the next thing to try.
    #[serde(default)]
    pub after: String,
    #[serde(skip)]
    pub asks_parsed: Vec<crate::state::Ask>,
    #[serde(skip)]
    pub needs_parsed: Vec<crate::state::Info>,
    #[serde(skip)]
    pub stages_parsed: Vec<crate::state::Stage>,
    #[serde(skip)]
    pub not_stages_parsed: Vec<crate::state::Stage>,
    #[serde(skip)]
    pub lang: Option<Lang>,
    #[serde(skip)]
    pub shingles: Vec<u64>,
    #[serde(skip)]
    pub intent_parsed: Option<Intent>,
}

#[derive(Debug, Clone, Deserialize)]
struct PackFile {
    lang: Lang,
    #[serde(default)]
    opener: Vec<Opener>,
    #[serde(default)]
    closing: Vec<Closing>,
    #[serde(default)]
    reply: Vec<ReplyEntry>,
    #[serde(default)]
    line: Vec<Line>,
}

/// The pack from its JSON twin, field by field as the derive reads the TOML (defaults included).
fn pack_from_json(j: &Json) -> std::result::Result<PackFile, String> {
    let lang = match j.required("lang")?.as_str() {
        "zh" => Lang::Zh,
        "en" => Lang::En,
        other => return Err(format!("unknown lang `{other}`")),
    };
    Ok(PackFile {
        lang,
        opener: items(j, "opener", opener_from)?,
        closing: items(j, "closing", |o| {
            Ok(Closing {
                emotion: o.required("emotion")?,
                text: o.required("text")?,
            })
        })?,
        reply: items(j, "reply", reply_from)?,
        line: items(j, "line", line_from)?,
    })
}

fn opener_from(o: &Json) -> std::result::Result<Opener, String> {
    Ok(Opener {
        emotion: o.required("emotion")?,
        min_intensity: o.decimal("min_intensity").unwrap_or(0.0) as f32,
        cause: o.text("cause"),
        words: o.texts("words"),
        topic: o.text("topic"),
        topics: o.texts("topics"),
        latest: o.flag("latest"),
        text: o.required("text")?,
    })
}

fn line_from(o: &Json) -> std::result::Result<Line, String> {
    Ok(Line {
        kind: o.required("kind")?,
        info: o.text("info"),
        text: o.required("text")?,
        topics: o.texts("topics"),
        words: o.texts("words"),
        given_if: o.texts("given_if"),
        instead_of: o.text("instead_of"),
        first: o.flag("first"),
        general: o.flag("general"),
    })
}

fn reply_from(o: &Json) -> std::result::Result<ReplyEntry, String> {
    Ok(ReplyEntry {
        id: o.required("id")?,
        intent: o.required("intent")?,
        emotions: o.texts("emotions"),
        keywords: o.text("keywords"),
        text: o.required("text")?,
        asks: o.texts("asks"),
        needs: o.texts("needs"),
        stages: o.texts("stages"),
        not_stages: o.texts("not_stages"),
        words: o.texts("words"),
        latest: o.flag("latest"),
        given_if: o.texts("given_if"),
        after: o.text("after"),
        asks_parsed: Vec::new(),
        needs_parsed: Vec::new(),
        stages_parsed: Vec::new(),
        not_stages_parsed: Vec::new(),
        lang: None,
        shingles: Vec::new(),
        intent_parsed: None,
    })
}

fn items<T>(
    j: &Json,
    key: &str,
    read: impl Fn(&Json) -> std::result::Result<T, String>,
) -> std::result::Result<Vec<T>, String> {
    match j.get(key) {
        None => Ok(Vec::new()),
        Some(Json::Arr(a)) => a.iter().map(read).collect(),
        Some(_) => Err(format!("`{key}`: expected a list")),
    }
}

/// The shop's rules (options page, `policy.toml`). A number the shop left empty is not set: no
/// reply or draft states it (never "0天无理由退换"), and the exception it would bound is not drafted.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS, PartialEq))]
pub struct Policy {
    #[serde(default)]
    pub return_window_days: Option<f64>,
    #[serde(default)]
    pub refund_limit: Option<f64>,
    #[serde(default)]
    pub price_protection_days: Option<f64>,
    #[serde(default)]
    pub dispatch_hours: Option<f64>,
    #[serde(default)]
    pub grey_zone_days: Option<f64>,
    /// Who approves exceptions; not set, a supervisor.
    #[serde(default = "approver_zh")]
    pub approver_zh: String,
    #[serde(default = "approver_en")]
    pub approver_en: String,
    #[serde(default)]
    pub free_compensation: Option<f64>,
    #[serde(default)]
    pub currency: String,
}

fn approver_zh() -> String {
    "主管".into()
}

fn approver_en() -> String {
    "supervisor".into()
}

/// The policy as the derive reads it, the approvers' defaults included (the panel's wasm reads
/// the embedded policy and the shop's stored one with no serde reader).
impl FromJson for Policy {
    fn from_json(j: &Json) -> std::result::Result<Self, String> {
        Ok(Policy {
            return_window_days: j.field_or("return_window_days", || None)?,
            refund_limit: j.field_or("refund_limit", || None)?,
            price_protection_days: j.field_or("price_protection_days", || None)?,
            dispatch_hours: j.field_or("dispatch_hours", || None)?,
            grey_zone_days: j.field_or("grey_zone_days", || None)?,
            approver_zh: j.field_or("approver_zh", approver_zh)?,
            approver_en: j.field_or("approver_en", approver_en)?,
            free_compensation: j.field_or("free_compensation", || None)?,
            currency: j.field_or("currency", String::new)?,
        })
    }
}

/// Chinese consumer law's no-reason return window for goods bought online (七天无理由退货,
/// 消费者权益保护法第二十五条), in days.
pub const STATUTORY_RETURN_DAYS_ZH: f64 = 7.0;

impl Policy {
    /// The return window a reply or draft in `lang` may state: the shop's, else for Chinese the
    /// statutory seven days; an English shop's window is its own, so unset it is not stated.
    pub fn return_window(&self, lang: Lang) -> Option<f64> {
        self.return_window_days
            .or((lang == Lang::Zh).then_some(STATUTORY_RETURN_DAYS_ZH))
    }

    pub fn builtin() -> Result<Self> {
        let (file, text) = crate::data::embedded!("knowledge", "policy");
        Self::from_file(file, text)
    }

    /// A policy file (TOML, or JSON when `file` ends in `.json`).
    pub fn from_file(file: &str, text: &str) -> Result<Self> {
        let p: Policy = crate::data::read(file, text, Policy::from_json).map_err(|message| {
            Error::Knowledge {
                file: file.into(),
                message,
            }
        })?;
        let numbers = [
            p.return_window_days,
            p.refund_limit,
            p.price_protection_days,
            p.dispatch_hours,
            p.grey_zone_days,
            p.free_compensation,
        ];
        if numbers.iter().flatten().any(|v| v.is_nan() || *v < 0.0) {
            return Err(Error::Knowledge {
                file: file.into(),
                message: "numbers must not be negative".into(),
            });
        }
        Ok(p)
    }
}

/// One language's pack.
#[derive(Debug, Clone, Default)]
pub struct Pack {
    pub openers: Vec<Opener>,
    pub closings: Vec<Closing>,
    pub lines: Vec<Line>,
}

impl Pack {
    /// How to ask for `info`.
    pub fn need(&self, info: crate::state::Info) -> Option<&str> {
        self.lines
            .iter()
            .find(|n| n.kind == "need" && n.info == info.as_str() && n.words.is_empty())
            .map(|n| n.text.as_str())
    }

    /// How to ask for `info` of a customer whose words name one of a need line's `words` (a
    /// company's invoice: no "个人开票写个人即可"), when the pack has such a line.
    pub fn need_when(&self, info: crate::state::Info, said: &dyn Fn(&str) -> bool) -> Option<&str> {
        self.lines
            .iter()
            .find(|n| {
                n.kind == "need" && n.info == info.as_str() && n.words.iter().any(|w| said(w))
            })
            .map(|n| n.text.as_str())
    }

    /// What to ask for instead of `info` when the customer does not have it (a need line's
    /// `instead_of`): "zip+phone" for a username.
    pub fn instead_of(&self, info: crate::state::Info) -> Vec<crate::state::Info> {
        self.lines
            .iter()
            .find(|n| n.kind == "need" && n.instead_of == info.as_str())
            .map(|n| {
                n.info
                    .split('+')
                    .filter_map(crate::state::Info::parse)
                    .collect()
            })
            .unwrap_or_default()
    }

    /// How to ask for `first` together with what follows it among `missing` ("zip+phone": one
    /// question, not one turn each), the longest such line first; else how to ask for `first`.
    pub fn need_with(
        &self,
        first: crate::state::Info,
        missing: &[crate::state::Info],
    ) -> Option<&str> {
        self.lines
            .iter()
            .filter(|n| n.kind == "need" && n.info.contains('+'))
            .filter(|n| {
                let mut parts = n.info.split('+');
                parts.next() == Some(first.as_str())
                    && parts.all(|p| missing.iter().any(|m| m.as_str() == p))
            })
            .max_by_key(|n| n.info.split('+').count())
            .map(|n| n.text.as_str())
            .or_else(|| self.need(first))
    }

    /// The lines of one kind ("ack", "hold", "escalate"), in pack order.
    pub fn lines<'a>(&'a self, kind: &'a str) -> impl Iterator<Item = &'a Line> + 'a {
        self.lines.iter().filter(move |l| l.kind == kind)
    }
}

#[derive(Debug, Clone)]
pub struct Knowledge {
    pub zh: Pack,
    pub en: Pack,
    pub replies: Vec<ReplyEntry>,
    pub policy: Policy,
    /// The shop's product facts (options page, or `products.toml` in a knowledge directory).
    pub products: Vec<crate::products::Product>,
}

pub const BUILTIN: &[(&str, &str)] = &[
    crate::data::embedded!("knowledge", "zh"),
    crate::data::embedded!("knowledge", "en"),
];

impl Knowledge {
    pub fn builtin() -> Result<Self> {
        Self::starter(Policy::builtin()?)
    }

    /// The starter packs with this policy.
    pub fn starter(policy: Policy) -> Result<Self> {
        Self::from_sources(BUILTIN, policy)
    }

    pub fn from_sources(sources: &[(&str, &str)], policy: Policy) -> Result<Self> {
        let mut k = Knowledge {
            zh: Pack::default(),
            en: Pack::default(),
            replies: Vec::new(),
            policy,
            products: Vec::new(),
        };
        for (file, text) in sources {
            let err = |message: String| Error::Knowledge {
                file: file.to_string(),
                message,
            };
            let p = crate::data::read(file, text, pack_from_json).map_err(err)?;
            let pack = match p.lang {
                Lang::Zh => &mut k.zh,
                Lang::En => &mut k.en,
            };
            p.line.iter().try_for_each(check_line).map_err(err)?;
            p.opener.iter().try_for_each(check_opener).map_err(err)?;
            pack.openers.extend(p.opener);
            pack.closings.extend(p.closing);
            pack.lines.extend(p.line);
            for mut r in p.reply {
                r.intent_parsed =
                    Some(intent(&format!("reply {}", r.id), "intent", &r.intent).map_err(err)?);
                parse_conditions(&mut r).map_err(err)?;
                check_template(&r.text).map_err(|m| err(format!("reply {}: {m}", r.id)))?;
                r.lang = Some(p.lang);
                r.shingles = shingles(&format!("{} {}", r.keywords, r.text));
                k.replies.push(r);
            }
        }
        let ids: Vec<&str> = k.replies.iter().map(|r| r.id.as_str()).collect();
        if let Some(r) = k
            .replies
            .iter()
            .find(|r| !r.after.is_empty() && !ids.contains(&r.after.as_str()))
        {
            return Err(Error::Knowledge {
                file: "packs".into(),
                message: unknown(&format!("reply {}", r.id), "after", &r.after, &ids),
            });
        }
        Ok(k)
    }

    pub fn pack(&self, lang: Lang) -> &Pack {
        match lang {
            Lang::Zh => &self.zh,
            Lang::En => &self.en,
        }
    }

    /// Add an entry (an agent's "save as reply", or a generated knowledge base in benchmarks).
    pub fn add_reply(&mut self, id: &str, lang: Lang, intent: Intent, text: &str) {
        self.replies.push(ReplyEntry {
            id: id.into(),
            intent: intent.as_str().into(),
            emotions: Vec::new(),
            keywords: String::new(),
            text: text.into(),
            asks: Vec::new(),
            needs: Vec::new(),
            stages: Vec::new(),
            not_stages: Vec::new(),
            words: Vec::new(),
            latest: false,
            given_if: Vec::new(),
            after: String::new(),
            asks_parsed: Vec::new(),
            needs_parsed: Vec::new(),
            stages_parsed: Vec::new(),
            not_stages_parsed: Vec::new(),
            lang: Some(lang),
            shingles: shingles(text),
            intent_parsed: Some(intent),
        });
    }
}

/// The names a pack may use for information, questions and stages: read from the enums, so a
/// new variant is known to "did you mean" without a second list to keep in step.
fn info_names() -> Vec<&'static str> {
    crate::state::Info::ALL.iter().map(|i| i.as_str()).collect()
}
fn ask_names() -> Vec<&'static str> {
    crate::state::Ask::ALL.iter().map(|a| a.as_str()).collect()
}
fn stage_names() -> Vec<&'static str> {
    crate::state::Stage::ALL
        .iter()
        .map(|s| s.as_str())
        .collect()
}

/// "reply zh.x: unknown asks \"wen\" (did you mean \"when\"?)"
/// A topic named in a pack: an intent, else "unknown … (did you mean …?)".
fn intent(what: &str, field: &str, value: &str) -> std::result::Result<Intent, String> {
    Intent::parse(value).ok_or_else(|| {
        let names: Vec<&str> = Intent::ALL.iter().map(|i| i.as_str()).collect();
        unknown(what, field, value, &names)
    })
}

/// A piece of information named in a pack ("order_id").
fn info(what: &str, field: &str, value: &str) -> std::result::Result<(), String> {
    crate::state::Info::parse(value)
        .map(|_| ())
        .ok_or_else(|| unknown(what, field, value, &info_names()))
}

/// A line's kind, a probe's topics and information, a need line's parts ("zip+phone": one
/// question for two things the answers need together) and what it stands in for.
fn check_line(l: &Line) -> std::result::Result<(), String> {
    if !LINE_KINDS.contains(l.kind.as_str()) {
        return Err(unknown(
            "line",
            "kind",
            &l.kind,
            &LINE_KINDS.iter().collect::<Vec<_>>(),
        ));
    }
    for t in &l.topics {
        intent("probe", "topic", t)?;
    }
    if l.kind == "probe" && !l.info.is_empty() {
        info("probe", "info", &l.info)?;
    }
    if !l.instead_of.is_empty() {
        info("need line", "instead_of", &l.instead_of)?;
    }
    if l.first && l.kind != "probe" {
        return Err(format!("{} line: only a probe is asked first", l.kind));
    }
    if l.kind == "need" {
        l.info
            .split('+')
            .try_for_each(|part| info("need line", "info", part))?;
    }
    Ok(())
}

/// An opener's cause and topic.
fn check_opener(o: &Opener) -> std::result::Result<(), String> {
    const CAUSES: Words = words!["repeat", "waiting", "refused"];
    if !o.cause.is_empty() && !CAUSES.contains(o.cause.as_str()) {
        return Err(unknown(
            "opener",
            "cause",
            &o.cause,
            &CAUSES.iter().collect::<Vec<_>>(),
        ));
    }
    if !o.topic.is_empty() {
        intent("opener", "topic", &o.topic)?;
    }
    for t in &o.topics {
        intent("opener", "topics", t)?;
    }
    let known: Vec<&str> = CueKind::ALL
        .iter()
        .map(|k| k.as_str())
        .chain(["neutral", "any"])
        .collect();
    if !known.contains(&o.emotion.as_str()) {
        return Err(unknown("opener", "emotion", &o.emotion, &known));
    }
    // "any" names a situation whatever the feeling: only where the customer's words tell it.
    if o.emotion == "any" && o.words.is_empty() {
        return Err("opener: emotion \"any\" needs words (the situation it names)".into());
    }
    Ok(())
}

fn unknown(what: &str, field: &str, value: &str, known: &[&str]) -> String {
    let near = known
        .iter()
        .min_by_key(|k| edit_distance(k, value))
        .filter(|k| edit_distance(k, value) <= 3);
    match near {
        Some(n) => format!("{what}: unknown {field} \"{value}\" (did you mean \"{n}\"?)"),
        None => format!(
            "{what}: unknown {field} \"{value}\" (one of: {})",
            known.join(", ")
        ),
    }
}

pub(crate) fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut prev = row[0];
        row[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let cur = row[j + 1];
            row[j + 1] = (prev + usize::from(ca != *cb)).min(row[j] + 1).min(cur + 1);
            prev = cur;
        }
    }
    row[b.len()]
}

/// Parse an entry's `asks`, `needs`, `stages` and `not_stages`.
fn parse_conditions(r: &mut ReplyEntry) -> std::result::Result<(), String> {
    let what = format!("reply {}", r.id);

    r.asks_parsed = r
        .asks
        .iter()
        .map(|a| crate::state::Ask::parse(a).ok_or_else(|| unknown(&what, "asks", a, &ask_names())))
        .collect::<std::result::Result<_, _>>()?;
    r.needs_parsed = r
        .needs
        .iter()
        .map(|n| {
            crate::state::Info::parse(n).ok_or_else(|| unknown(&what, "needs", n, &info_names()))
        })
        .collect::<std::result::Result<_, _>>()?;
    let stage = |s: &String| {
        crate::state::Stage::parse(s).ok_or_else(|| unknown(&what, "stage", s, &stage_names()))
    };
    r.stages_parsed = r
        .stages
        .iter()
        .map(stage)
        .collect::<std::result::Result<_, _>>()?;
    r.not_stages_parsed = r
        .not_stages
        .iter()
        .map(stage)
        .collect::<std::result::Result<_, _>>()?;
    r.words = r
        .words
        .iter()
        .map(|w| crate::text::Folded::new(w).text)
        .collect();
    Ok(())
}

/// A reply the shop or the agent added (options page, "save as reply"), stored as JSON locally.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct CustomReply {
    pub id: String,
    pub lang: Lang,
    pub intent: Intent,
    pub text: String,
}

/// A reply as the derive reads it (the panel's wasm reads the shop's replies with no serde reader).
impl FromJson for CustomReply {
    fn from_json(j: &Json) -> std::result::Result<Self, String> {
        Ok(CustomReply {
            id: j.field("id")?,
            lang: j.field("lang")?,
            intent: j.field("intent")?,
            text: j.field("text")?,
        })
    }
}

impl Knowledge {
    /// Merge the shop's own replies; invalid ones are reported, valid ones kept. A reply replaces
    /// any entry with its id (a starter entry, or an earlier reply of the list: the last one wins
    /// and takes its place at the end). One pass over the entries, however many replies: a pack
    /// of 100,000 loads in a fraction of a second.
    pub fn add_custom(&mut self, replies: &[CustomReply]) -> Vec<String> {
        let mut problems = Vec::new();
        let mut valid: Vec<&CustomReply> = Vec::with_capacity(replies.len());
        for r in replies {
            if r.text.trim().is_empty() {
                problems.push(format!("{}: empty text", r.id));
            } else if let Err(m) = check_template(&r.text) {
                problems.push(format!("{}: {m}", r.id));
            } else {
                valid.push(r);
            }
        }
        // The last reply of each id, by its position among the valid ones.
        let last: std::collections::HashMap<&str, usize> = valid
            .iter()
            .enumerate()
            .map(|(i, r)| (r.id.as_str(), i))
            .collect();
        self.replies.retain(|x| !last.contains_key(x.id.as_str()));
        self.replies.reserve(last.len());
        for (i, r) in valid.iter().enumerate() {
            if last.get(r.id.as_str()) == Some(&i) {
                self.add_reply(&r.id, r.lang, r.intent, &r.text);
            }
        }
        problems
    }

    /// Parse a JSON list of custom replies (an export from the options page).
    pub fn parse_custom(json: &str) -> Result<Vec<CustomReply>> {
        if json.trim().is_empty() {
            return Ok(Vec::new());
        }
        crate::json_lite::read(json).map_err(|message| Error::Knowledge {
            file: "custom replies".into(),
            message,
        })
    }
}

/// Templates: `{key}`, `{?key:clause with {key}}` and `{!key:clause}`. Braces must balance.
fn check_template(t: &str) -> std::result::Result<(), String> {
    let mut depth = 0i32;
    for c in t.chars() {
        match c {
            '{' => depth += 1,
            '}' => depth -= 1,
            _ => {}
        }
        if !(0..=2).contains(&depth) {
            return Err("unbalanced braces".into());
        }
    }
    if depth != 0 {
        return Err("unbalanced braces".into());
    }
    Ok(())
}

/// Fill a template. Optional clauses whose key is unknown are left out (`{?key:…}`), clauses for
/// an unknown key put in (`{!key:…}`, a slot where the shop did not set a number); a bare unknown
/// key makes the whole template unusable (None), so nothing with a hole ever reaches the agent.
pub fn fill(t: &str, get: &dyn Fn(&str) -> Option<String>) -> Option<String> {
    let mut out = String::with_capacity(t.len());
    let mut rest = t;
    while let Some(open) = rest.find('{') {
        out.push_str(&rest[..open]);
        let after = &rest[open + 1..];
        let when_known = after.starts_with('?');
        if let Some(opt) = after.strip_prefix(['?', '!']) {
            // {?key:clause} where clause may contain {key}; {!key:clause} without it
            let colon = opt.find(':')?;
            let key = &opt[..colon];
            let body_start = colon + 1;
            // find the matching close brace
            let mut depth = 1;
            let mut end = None;
            for (i, c) in opt[body_start..].char_indices() {
                match c {
                    '{' => depth += 1,
                    '}' => {
                        depth -= 1;
                        if depth == 0 {
                            end = Some(body_start + i);
                            break;
                        }
                    }
                    _ => {}
                }
            }
            let end = end?;
            if get(key).is_some() == when_known {
                out.push_str(&fill(&opt[body_start..end], get)?);
            }
            rest = &opt[end + 1..];
        } else {
            let close = after.find('}')?;
            let key = &after[..close];
            out.push_str(&get(key)?);
            rest = &after[close + 1..];
        }
    }
    out.push_str(rest);
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn starter_packs_load() {
        let k = Knowledge::builtin().unwrap();
        assert!(k.replies.len() >= 40);
        assert!(k.zh.openers.len() >= 9 && k.en.openers.len() >= 9);
        assert_eq!(k.policy.return_window_days, None);
    }

    #[test]
    fn an_unset_return_window_is_the_statutory_seven_days_in_chinese_and_none_in_english() {
        let p = Policy::builtin().unwrap();
        assert_eq!(p.return_window(Lang::Zh), Some(7.0));
        assert_eq!(p.return_window(Lang::En), None);
    }

    #[test]
    fn a_return_window_the_shop_set_holds_in_both_languages() {
        let p = Policy::from_file("p.json", r#"{"return_window_days": 30}"#).unwrap();
        assert_eq!(p.return_window(Lang::Zh), Some(30.0));
        assert_eq!(p.return_window(Lang::En), Some(30.0));
    }

    #[test]
    fn a_clause_for_an_unknown_key_is_put_in_only_while_the_key_is_unknown() {
        let t = "{?days:{days} days.}{!days:[[how many]] days.}";
        assert_eq!(fill(t, &|_| None).as_deref(), Some("[[how many]] days."));
        assert_eq!(
            fill(t, &|k| (k == "days").then(|| "30".to_string())).as_deref(),
            Some("30 days.")
        );
    }

    #[test]
    fn fill_leaves_out_unknown_clauses_and_refuses_holes() {
        let get = |k: &str| (k == "name").then(|| "王女士".to_string());
        assert_eq!(
            fill("{?name:{name}，}您好{?order_id:，订单{order_id}}", &get).as_deref(),
            Some("王女士，您好")
        );
        assert_eq!(fill("订单{order_id}", &get), None);
    }

    #[test]
    fn the_panel_reads_the_shops_policy_and_replies_as_serde_reads_them() {
        use crate::json_lite::assert_reads_as_serde;
        let builtin = serde_json::to_string(&Policy::builtin().unwrap()).unwrap();
        let policies = assert_reads_as_serde::<Policy>(&[
            &builtin,
            include_str!("../extension/policy.json"),
            r#"{}"#,
            r#"{"return_window_days":15,"refund_limit":99.5,"approver_zh":"店长","currency":"CNY"}"#,
            r#"{"price_protection_days":null,"dispatch_hours":1.5e1,"grey_zone_days":0.1}"#,
            r#"{"free_compensation":-3.25,"approver_en":"lead","other":{"a":[1]}}"#,
            r#"{"refund_limit":"99"}"#,
            r#"{"approver_zh":null}"#,
            r#"{"dispatch_hours":1e999}"#,
            r#"{"other":1e999}"#,
            r#"{"dispatch_hours":01}"#,
            r#""policy""#,
        ]);
        assert_eq!(policies, 7);
        let replies = assert_reads_as_serde::<Vec<CustomReply>>(&[
            r#"[{"id":"my.1","lang":"zh","intent":"size_fit","text":"亲，{size}码"},{"id":"my.2","lang":"en","intent":"human_agent","text":"x","y":1}]"#,
            r#"[]"#,
            r#"[{"id":"my.1","lang":"zh","intent":"SizeFit","text":"x"}]"#,
            r#"[{"id":"my.1","lang":"fr","intent":"refund","text":"x"}]"#,
            r#"[{"id":"my.1","lang":"zh","intent":"refund"}]"#,
            r#"[{"id":1,"lang":"zh","intent":"refund","text":"x"}]"#,
        ]);
        assert_eq!(replies, 2);
        let every_intent: Vec<CustomReply> = Intent::ALL
            .iter()
            .map(|&intent| CustomReply {
                id: "x".into(),
                lang: Lang::En,
                intent,
                text: "t".into(),
            })
            .collect();
        let text = serde_json::to_string(&every_intent).unwrap();
        assert_eq!(Knowledge::parse_custom(&text).unwrap(), every_intent);
    }

    #[test]
    fn custom_replies_merge_and_bad_ones_are_reported() {
        let mut k = Knowledge::builtin().unwrap();
        let list = Knowledge::parse_custom(r#"[{"id":"my.1","lang":"zh","intent":"invoice","text":"电子发票会在确认收货后自动发到您邮箱哦"},{"id":"my.2","lang":"en","intent":"refund","text":"{oops"}]"#).unwrap();
        let problems = k.add_custom(&list);
        assert_eq!(problems.len(), 1);
        assert!(k
            .replies
            .iter()
            .any(|r| r.id == "my.1" && r.intent_parsed == Some(Intent::Invoice)));
        assert!(Knowledge::parse_custom("{").is_err());
        assert!(Knowledge::parse_custom("").unwrap().is_empty());
    }

    /// The merge as it was, one reply at a time: what the linear merge must still give.
    fn add_one_by_one(k: &mut Knowledge, replies: &[CustomReply]) {
        for r in replies {
            if !r.text.trim().is_empty() && check_template(&r.text).is_ok() {
                k.replies.retain(|x| x.id != r.id);
                k.add_reply(&r.id, r.lang, r.intent, &r.text);
            }
        }
    }

    #[test]
    fn many_shop_replies_merge_as_one_at_a_time_would_with_the_last_of_an_id_winning() {
        let starter = Knowledge::builtin().unwrap();
        let overridden = starter.replies[3].id.clone();
        let mut list: Vec<CustomReply> = (0..3_000)
            .map(|i| CustomReply {
                id: format!("my.{}", i % 2_000),
                lang: if i % 3 == 0 { Lang::En } else { Lang::Zh },
                intent: Intent::ALL[i % Intent::ALL.len()],
                text: format!("第{i}条回复"),
            })
            .collect();
        list.push(CustomReply {
            id: overridden.clone(),
            lang: Lang::Zh,
            intent: Intent::Refund,
            text: "店铺自己的退款说明".into(),
        });
        list.push(CustomReply {
            id: "my.7".into(),
            lang: Lang::Zh,
            intent: Intent::Refund,
            text: "{broken".into(),
        });
        list.push(CustomReply {
            id: "my.8".into(),
            lang: Lang::Zh,
            intent: Intent::Refund,
            text: "  ".into(),
        });
        let (mut linear, mut old) = (starter.clone(), starter);
        let problems = linear.add_custom(&list);
        add_one_by_one(&mut old, &list);
        let view = |k: &Knowledge| {
            k.replies
                .iter()
                .map(|r| (r.id.clone(), r.text.clone(), r.lang, r.intent_parsed))
                .collect::<Vec<_>>()
        };
        assert_eq!(view(&linear), view(&old));
        assert_eq!(problems.len(), 2, "{problems:?}");
        // A starter entry the shop rewrote is there once, in the shop's words; a repeated id keeps its last text.
        assert_eq!(
            linear
                .replies
                .iter()
                .filter(|r| r.id == overridden)
                .map(|r| r.text.as_str())
                .collect::<Vec<_>>(),
            ["店铺自己的退款说明"]
        );
        assert_eq!(
            linear
                .replies
                .iter()
                .find(|r| r.id == "my.5")
                .map(|r| r.text.as_str()),
            Some("第2005条回复")
        );
        assert_eq!(
            linear
                .replies
                .iter()
                .filter(|r| r.id.starts_with("my."))
                .count(),
            2_000
        );
    }

    #[test]
    fn bad_packs_are_reported() {
        let p = Policy::builtin().unwrap();
        let e = Knowledge::from_sources(
            &[(
                "x.toml",
                "lang = \"zh\"\n[[reply]]\nid=\"a\"\nintent=\"nope\"\ntext=\"x\"",
            )],
            p.clone(),
        )
        .unwrap_err();
        assert!(e.to_string().contains("unknown intent"));
        let e = Knowledge::from_sources(
            &[(
                "x.toml",
                "lang = \"zh\"\n[[reply]]\nid=\"a\"\nintent=\"other\"\ntext=\"{x\"",
            )],
            p,
        )
        .unwrap_err();
        assert!(e.to_string().contains("unbalanced"));
    }

    #[test]
    fn a_pack_whose_latest_is_not_true_or_false_is_reported_and_the_starter_kept() {
        let p = Policy::builtin().unwrap();
        let e = Knowledge::from_sources(
            &[(
                "x.toml",
                "lang = \"zh\"\n[[reply]]\nid=\"a\"\nintent=\"invoice\"\nwords=[\"报销\"]\nlatest=\"yes\"\ntext=\"x\"",
            )],
            p,
        )
        .unwrap_err();
        assert!(e.to_string().contains("x.toml"), "{e}");
        assert!(Knowledge::builtin()
            .unwrap()
            .replies
            .iter()
            .any(|r| r.id == "zh.invoice.valid" && r.latest));
    }

    #[test]
    fn a_misspelt_condition_in_a_pack_names_the_entry_and_the_likely_word() {
        let p = Policy::builtin().unwrap();
        let e = Knowledge::from_sources(
            &[(
                "x.toml",
                "lang = \"zh\"\n[[reply]]\nid=\"a\"\nintent=\"refund\"\nasks=[\"wen\"]\ntext=\"x\"",
            )],
            p.clone(),
        )
        .unwrap_err();
        assert!(
            e.to_string().contains("reply a") && e.to_string().contains("did you mean \"when\""),
            "{e}"
        );
        let e = Knowledge::from_sources(&[("x.toml", "lang = \"zh\"\n[[reply]]\nid=\"a\"\nintent=\"refund\"\nneeds=[\"order\"]\ntext=\"x\"")], p.clone()).unwrap_err();
        assert!(e.to_string().contains("did you mean \"order_id\""), "{e}");
        let e = Knowledge::from_sources(
            &[(
                "x.toml",
                "lang = \"zh\"\n[[reply]]\nid=\"a\"\nintent=\"refnd\"\ntext=\"x\"",
            )],
            p,
        )
        .unwrap_err();
        assert!(e.to_string().contains("did you mean \"refund\""), "{e}");
    }

    #[test]
    fn the_options_pages_default_policy_is_generated_from_the_compiled_one() {
        let json = serde_json::to_string_pretty(&Policy::builtin().unwrap()).unwrap() + "\n";
        crate::generated::assert_current(
            "extension/policy.json",
            &json,
            "extension/policy.json is out of date: run UPDATE_PROTOCOL=1 cargo test --lib knowledge",
        );
    }

    #[test]
    fn a_combined_need_line_with_a_misspelt_part_is_refused_with_the_likely_one() {
        let pack = "lang = \"en\"\n[[line]]\nkind=\"need\"\ninfo=\"zip+phnoe\"\ntext=\"x\"";
        let e =
            Knowledge::from_sources(&[("x.toml", pack)], Policy::builtin().unwrap()).unwrap_err();
        assert!(e.to_string().contains("did you mean \"phone\""), "{e}");
    }

    #[test]
    fn a_combined_need_line_with_an_empty_part_is_refused() {
        let pack = "lang = \"en\"\n[[line]]\nkind=\"need\"\ninfo=\"zip+\"\ntext=\"x\"";
        assert!(Knowledge::from_sources(&[("x.toml", pack)], Policy::builtin().unwrap()).is_err());
    }

    #[test]
    fn only_a_probe_can_be_asked_first() {
        let pack = "lang = \"en\"\n[[line]]\nkind=\"hold\"\nfirst=true\ntext=\"x\"";
        let e =
            Knowledge::from_sources(&[("x.toml", pack)], Policy::builtin().unwrap()).unwrap_err();
        assert!(e.to_string().contains("only a probe"), "{e}");
    }

    #[test]
    fn a_probe_for_a_topic_that_does_not_exist_is_refused_with_the_likely_one() {
        let pack = "lang = \"en\"\n[[line]]\nkind=\"probe\"\ntopics=[\"retrun\"]\ntext=\"x\"";
        let e =
            Knowledge::from_sources(&[("x.toml", pack)], Policy::builtin().unwrap()).unwrap_err();
        assert!(e.to_string().contains("did you mean \"return\""), "{e}");
    }

    #[test]
    fn an_opener_for_a_topic_that_does_not_exist_is_refused_with_the_likely_one() {
        let pack = "lang = \"en\"\n[[opener]]\nemotion=\"neutral\"\ntopic=\"refnd\"\ntext=\"x\"";
        let e =
            Knowledge::from_sources(&[("x.toml", pack)], Policy::builtin().unwrap()).unwrap_err();
        assert!(e.to_string().contains("did you mean \"refund\""), "{e}");
    }

    #[test]
    fn an_opener_for_a_feeling_that_does_not_exist_is_refused_with_the_likely_one() {
        let pack = "lang = \"en\"\n[[opener]]\nemotion=\"angr\"\ntext=\"x\"";
        let e =
            Knowledge::from_sources(&[("x.toml", pack)], Policy::builtin().unwrap()).unwrap_err();
        assert!(e.to_string().contains("did you mean \"anger\""), "{e}");
    }

    #[test]
    fn a_misspelt_pin_need_is_refused_with_pin_suggested() {
        let pack =
            "lang = \"en\"\n[[reply]]\nid=\"a\"\nintent=\"account\"\nneeds=[\"pn\"]\ntext=\"x\"";
        let e =
            Knowledge::from_sources(&[("x.toml", pack)], Policy::builtin().unwrap()).unwrap_err();
        assert!(e.to_string().contains("did you mean \"pin\""), "{e}");
    }

    #[test]
    fn a_situation_opener_without_the_words_that_tell_it_is_refused() {
        let pack = "lang = \"en\"\n[[opener]]\nemotion=\"any\"\ntext=\"x\"";
        let e =
            Knowledge::from_sources(&[("x.toml", pack)], Policy::builtin().unwrap()).unwrap_err();
        assert!(e.to_string().contains("needs words"), "{e}");
    }

    #[test]
    fn a_step_after_an_entry_that_does_not_exist_is_refused_with_the_likely_id() {
        let pack = "lang = \"en\"\n[[reply]]\nid=\"en.site\"\nintent=\"other\"\ntext=\"x\"\n[[reply]]\nid=\"en.site.2\"\nafter=\"en.sit\"\nintent=\"other\"\ntext=\"y\"";
        let e =
            Knowledge::from_sources(&[("x.toml", pack)], Policy::builtin().unwrap()).unwrap_err();
        assert!(
            e.to_string().contains("reply en.site.2")
                && e.to_string().contains("did you mean \"en.site\""),
            "{e}"
        );
    }
}
