//! Reading one customer message: cue spans with modifiers, polarity, dominant emotion and intent.
//!
//! One pass of the lexicon automaton gives the hits; modifiers (negation with its scope, degree,
//! contrast, sarcasm) and typography (！！！, ？？？, 。。。, all caps, repeated characters) then
//! adjust what each hit means. Every cue keeps its span so the agent sees why.

use crate::words::Words;
use serde::{Deserialize, Serialize};

use crate::clauses::{Layout, Marker, Turn, Weights};
use crate::kinds::{CueKind, Intent};
use crate::lexicon::{Hit, Lexicon, Section, Term};
use crate::plain;
use crate::text::{is_clause_break, Folded};

/// A span of a message that carries a feeling. Offsets are UTF-16 code units of the message text.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct Cue {
    pub start: u32,
    pub end: u32,
    pub kind: CueKind,
    /// 0..3: how strongly the span says it (after degree words, negation, punctuation).
    pub intensity: f32,
    /// The text of the span as the customer wrote it.
    pub text: String,
    pub reason_zh: String,
    pub reason_en: String,
}

/// What one message says.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct Reading {
    pub cues: Vec<Cue>,
    /// -1 (very negative) .. 1 (very positive).
    pub polarity: f32,
    pub dominant: Option<CueKind>,
    pub intent: Option<Intent>,
    /// Summed evidence per cue kind (same order as `CueKind::ALL`).
    pub emotions: Vec<f32>,
    /// Positive and negative evidence behind the polarity.
    pub positive: f32,
    pub negative: f32,
    /// Short and cold ("哦", "ok.", "行吧").
    pub curt: bool,
    /// Warmth markers (亲, 谢谢, emoji, "please").
    pub warmth: f32,
    /// Asks something (question mark, 吗/呢, question words).
    pub question: bool,
    /// The question only asks how, what, where or which ("怎么开发票", "在哪里看物流"), with nothing
    /// pressing in it: a request for information, not a problem left open. Read only here, in
    /// the core; not sent to the panel.
    #[serde(skip)]
    #[cfg_attr(test, ts(skip))]
    pub asks_information: bool,
    /// Number of chars (not bytes) in the message.
    pub chars: u32,
    /// Negation words present (没收到, 不能用, "doesn't work"): a problem is being stated.
    pub negations: u32,
}

impl Reading {
    pub fn emotion(&self, k: CueKind) -> f32 {
        self.emotions.get(k.index()).copied().unwrap_or(0.0)
    }
}

/// Context from earlier in the conversation that changes how a message reads.
#[derive(Debug, Clone, Copy, Default)]
pub struct Context {
    /// The customer was already negative: praise now may be sarcasm ("好棒哦" after a complaint).
    pub negative_before: bool,
}

/// How a hit ends up being used.
#[derive(Clone, Copy, PartialEq)]
enum Role {
    Sentiment,
    Negator(f32),
    Degree(f32),
    Other,
}

pub fn read(lex: &Lexicon, text: &str, ctx: Context) -> Reading {
    read_folded(lex, text, &Folded::new(text), ctx)
}

/// As `read`, with the folded text built by the caller (the conversation reader shares it with
/// the fact scanner).
///
/// The passes, in order: what each lexicon hit is used as (`roles_of`), the message's markers
/// (`message_markers`), raw sentiment per hit with its negation and degree (`sentiment_hits`),
/// problems stated plainly (`plain_problems`), negations that modify nothing (`bare_negations`),
/// the cues with sarcasm and clause weights resolved (`resolve`), typography (`typography_cues`)
/// and the intent (`intent_of`).
pub fn read_folded(lex: &Lexicon, text: &str, f: &Folded, ctx: Context) -> Reading {
    let hits = lex.scan(f);
    let terms: Vec<&Term> = hits.iter().map(|h| lex.term(h)).collect();
    let roles = roles_of(f, &hits, &terms);
    let s = Scan {
        f,
        layout: Layout::new(&f.text),
        hits,
        terms,
        roles,
    };
    let marks = message_markers(&s);
    let (mut raws, mut negative_evidence) = sentiment_hits(&s);
    let spans = sentiment_spans(lex, &s);
    let problems = plain_problems(&s, &spans);
    negative_evidence += push_problems(&s, &problems, &mut raws);
    negative_evidence += push_comparisons(&s, &spans, &mut raws);
    negative_evidence += push_reproaches(&s, &mut raws);
    push_blame(&s, &mut raws);
    blame_waits(&s, &mut raws);
    let (bare_at, en_bare_at) = bare_negations(&s, &problems, &raws);
    let unmet = unmet_requests(&s);
    let bare = bare_at.len() as u32 + unmet;
    negative_evidence += 0.3 * bare.min(3) as f32;
    let typo = typography(f);
    let judge = Judge::new(&s, &marks.sarcasm, &raws, ctx, negative_evidence, bare);
    let weights = Weights::new(&s.layout, &marks.markers);
    let mut tally = resolve(lex, text, &judge, &weights, typo.negative_boost);
    tally.neg += 0.3 * weighed(&bare_at, unmet, &weights);
    // In English a negation with no feeling word after it is weaker evidence ("not sure if it fits"
    // is a question; "it doesn't close" is a problem): half the weight, and no context for sarcasm.
    tally.neg += 0.15 * weighed(&en_bare_at, 0, &weights);
    // A Chinese question with no praise in it is most often a complaint ("为什么还没收到？").
    let question = is_question(&f.text);
    let zh_question = question && f.original.iter().any(|c| crate::text::is_cjk(*c));
    // Not when it asks what the item can do ("能放洗碗机吗"): that is a shopper's question; nor
    // when it only asks how or where ("怎么申请售后"): that is a request for information.
    let asks_information = question && asks_information(&f.text);
    if zh_question && tally.pos == 0.0 && !asks_capability(&f.text) && !asks_information {
        tally.neg += 0.3;
    }
    typography_cues(text, f, &typo, &mut tally);
    crate::sort::sort_by_key(&mut tally.cues, |c| (c.start, c.end));
    reading(
        &s,
        marks,
        tally,
        typo.warm_emoji,
        (question, asks_information),
        unmet,
    )
}

/// The lexicon's hits in one message, their terms, what each is used as, and the message's
/// clauses: what every pass reads.
struct Scan<'a> {
    f: &'a Folded,
    layout: Layout,
    hits: Vec<Hit>,
    terms: Vec<&'a Term>,
    roles: Vec<Role>,
}

impl Scan<'_> {
    fn same_clause(&self, a: usize, z: usize) -> bool {
        self.layout.same_clause(a, z)
    }
}

/// What each hit is used as: "好" is praise alone, a degree word in "好慢"; in an A-not-A question
/// ("好不好") neither.
fn roles_of(f: &Folded, hits: &[Hit], terms: &[&Term]) -> Vec<Role> {
    let mut roles: Vec<Role> = (0..hits.len())
        .map(|i| role_of(f, hits, terms, i))
        .collect();
    // "好不好", "管不管用", "甜不甜": a choice offered in a question, neither said nor denied; an
    // idiom the lexicon holds whole ("爱理不理") is no question.
    for (a, z) in either_way_spans(&f.text) {
        for (h, r) in hits.iter().zip(roles.iter_mut()) {
            if h.start < z && a < h.end && !(h.start < a && h.end >= z) {
                *r = Role::Other;
            }
        }
    }
    roles
}

/// The role of hit `i` from its term and the hit right after it.
fn role_of(f: &Folded, hits: &[Hit], terms: &[&Term], i: usize) -> Role {
    let t = terms[i];
    let next_adjacent_sentiment = hits.get(i + 1).is_some_and(|n| {
        let gap = f.char_at(n.start) as i64 - f.char_at(hits[i].end) as i64;
        let limit = if t.word { 1 } else { 0 };
        gap <= limit && crate::lexicon::carries_sentiment(terms[i + 1])
    });
    if glued_adverb(f, t, &hits[i], next_adjacent_sentiment) {
        return Role::Degree(1.0);
    }
    let modifies = next_adjacent_sentiment || !crate::lexicon::carries_sentiment(t);
    let neg = t.get(|s| s == Section::Negator).map(|e| e.weight);
    let deg = t.get(|s| s == Section::Degree).map(|e| e.weight);
    if let (Some(w), true) = (neg, modifies) {
        Role::Negator(w)
    } else if let (Some(w), true) = (deg, modifies) {
        Role::Degree(w)
    } else if crate::lexicon::carries_sentiment(t) {
        Role::Sentiment
    } else {
        Role::Other
    }
}

/// A one-char degree word glued to a following Chinese word that is not in the lexicon ("好早",
/// "好想", "真冷") is an adverb there, not praise.
fn glued_adverb(f: &Folded, t: &Term, h: &Hit, next_adjacent_sentiment: bool) -> bool {
    t.text.chars().count() == 1
        && t.get(|s| s == Section::Degree).is_some()
        && f.text[h.end..].chars().next().is_some_and(|c| {
            crate::text::is_cjk(c) && !"的了啊呀吧哦呢嘛啦喔哈！".contains(c)
        })
        // "好书", "好手机": an adjective before a noun is still praise.
        && !f.text[h.end..].starts_with(['书', '货', '机', '店', '人', '评', '价', '衣', '车', '鞋', '包'])
        && !next_adjacent_sentiment
}

/// What the message says about itself as a whole, apart from its feelings.
struct Markers {
    /// Sarcasm markers (char position, weight): they reach praise in their own sentence and the
    /// sentences next to it, not a whole long review.
    sarcasm: Vec<(usize, f32)>,
    /// Contrast, concession and reservation words: how much each clause weighs.
    markers: Vec<Marker>,
    warmth: f32,
    curt_weight: f32,
    intents: [f32; Intent::ALL.len()],
}

/// Collects the message-level markers of every hit.
fn message_markers(s: &Scan) -> Markers {
    let mut m = Markers {
        sarcasm: Vec::new(),
        markers: Vec::new(),
        warmth: 0.0,
        curt_weight: 0.0,
        intents: [0.0; Intent::ALL.len()],
    };
    for (h, t) in s.hits.iter().zip(&s.terms) {
        let at = s.f.char_at(h.start);
        for e in &t.entries {
            let turn = match e.section {
                Section::Sarcasm => {
                    m.sarcasm.push((at, e.weight));
                    continue;
                }
                Section::Warm => {
                    m.warmth += e.weight;
                    continue;
                }
                Section::Curt => {
                    m.curt_weight = m.curt_weight.max(e.weight);
                    continue;
                }
                Section::Intent(i) => {
                    m.intents[i.index()] += e.weight;
                    continue;
                }
                Section::Contrast => Turn::Contrast,
                Section::Verdict => Turn::Verdict,
                Section::Concession => Turn::Concession,
                Section::Reservation => Turn::Reservation,
                _ => continue,
            };
            m.markers.push(Marker {
                at,
                weight: e.weight,
                turn,
            });
        }
    }
    m
}

/// One feeling a hit (or a plainly stated problem) carries, before sarcasm and context.
struct Raw {
    hit: Hit,
    kind: Option<CueKind>,
    polarity: f32, // signed contribution
    intensity: f32,
    negated: bool,
    degree: f32,
    sarcastic: bool,
    /// A faint cue (`weak.*`): counts only where the message already leans its way.
    weak: bool,
    /// A cue that yields to a message leaning the other way (`yield.*`).
    yields: bool,
}

impl Raw {
    /// A feeling read from the shape of the text rather than a lexicon term (a plain problem, a
    /// reproach): a span with no term, its weight as the intensity, no degree or sarcasm.
    fn shaped(start: usize, end: usize, kind: Option<CueKind>, weight: f32, negated: bool) -> Raw {
        Raw {
            hit: Hit {
                start,
                end,
                term: u32::MAX,
            },
            kind,
            polarity: -weight,
            intensity: weight,
            negated,
            degree: 1.0,
            sarcastic: false,
            weak: false,
            yields: false,
        }
    }
}

/// First pass: raw sentiment per sentiment hit, with negation and degree, and the plain negative
/// evidence it gives (what tells sarcasm and faint cues their context).
fn sentiment_hits(s: &Scan) -> (Vec<Raw>, f32) {
    let mut raws: Vec<Raw> = Vec::new();
    let mut negative_evidence = 0.0f32;
    for (i, h) in s.hits.iter().enumerate() {
        if s.roles[i] != Role::Sentiment {
            continue;
        }
        // "缺点：", "Pros:": a heading names what follows; what follows says it.
        if s.f.text[h.end..].starts_with([':', '：']) {
            continue;
        }
        let (negated, degree) = modifiers(s, i);
        negative_evidence += entry_raws(s.f, s.terms[i], h, negated, degree, &mut raws);
    }
    (raws, negative_evidence)
}

/// What a sentiment term lets a negation before it reach.
struct Reach {
    /// "没发现什么问题", "没有任何质量问题": 没(有) denies that anything of the kind is there, so
    /// it reaches a problem word anywhere after it in its clause.
    problem_word: bool,
    /// "别难过", "不要着急", "希望不要失望": telling someone (oneself) not to feel so is comfort or
    /// hope, not a warning.
    feeling: bool,
    /// "没有想象的好吃", "不如超市买的好", "不像宣传的那样好": praise closing a comparison with a
    /// better standard.
    praise_ends_clause: bool,
}

fn reach(f: &Folded, t: &Term, h: &Hit) -> Reach {
    let problem_word = names_a_problem(t);
    // Disappointment is mostly said by what happened (上当, 被骗: "别上当" warns); 失望 names
    // the feeling itself.
    let feeling = t.entries.iter().any(|e| {
        matches!(
            e.section,
            Section::Cue(CueKind::Sadness | CueKind::Anxiety | CueKind::Anger)
        )
    }) || t.text.contains("失望");
    let praise_ends_clause = !t.word
        && t.entries.iter().any(|e| {
            e.section == Section::Praise || matches!(e.section, Section::Cue(k) if k.is_positive())
        })
        && f.text[h.end..]
            .chars()
            .next()
            .is_none_or(|c| is_clause_break(c) || c.is_whitespace() || "的了啊呀吧呢".contains(c));
    Reach {
        problem_word,
        feeling,
        praise_ends_clause,
    }
}

/// A Chinese term that names a problem (criticism or a negative cue).
fn names_a_problem(t: &Term) -> bool {
    !t.word
        && t.entries.iter().any(|e| {
            e.section == Section::Criticism
                || matches!(e.section, Section::Cue(k) if k.is_negative())
        })
}

/// What follows an English negation says "as much as can be": "couldn't be more useless",
/// "could not be any easier".
fn as_much_as_can_be(after: &str) -> bool {
    after.starts_with(" be more ") || after.starts_with(" be any ")
}

/// 没(有) before a problem word with nothing emphatic between: denies that any is there. Not
/// "没见过这么差的": that is emphasis, not denial.
fn existential(before: &Term, between: Option<&str>) -> bool {
    matches!(
        before.text.as_str(),
        "没" | "没有" | "并没有" | "从没" | "根本没" | "从来没"
    ) && between.is_some_and(|b| {
        !words!["这么", "那么", "如此", "这样", "过"]
            .iter()
            .any(|w| b.contains(w))
    })
}

/// "没窗户空气不好": 没 denies a thing (no window) and a predicate that holds its own negation
/// (不好) says something new about another. Only "没什么不好", "没有任何不满" and "not a single
/// one" ("没有一件不满意的") deny the problem.
fn denied_object_then_predicate(problem: &Term, between: Option<&str>) -> bool {
    problem.text.starts_with(['不', '没'])
        && between.is_some_and(|b| {
            !b.starts_with('一')
                && !words!["什么", "任何", "啥", "哪"]
                    .iter()
                    .any(|w| b.contains(w))
        })
}

/// "没有番茄酱和餐巾纸烦死了": 没有 names what is missing and the feeling after it is about that
/// lack, not denied with it. Only "没什么烦恼", "没有任何不满" deny a feeling a few characters on.
fn feeling_about_a_lack(r: &Reach, between: Option<&str>) -> bool {
    r.feeling
        && between.is_some_and(|b| {
            !b.trim().is_empty()
                && !words!["什么", "任何", "啥", "一点", "一丝"]
                    .iter()
                    .any(|w| b.contains(w))
        })
}

/// "没见过这么快的", "从没吃过如此好吃的": praise after a denied experience of the like is
/// emphasis; "没有想象中那么好" compares with a better standard and stays denied.
fn never_met_the_like(between: &str) -> bool {
    between.contains('过') && (between.contains("这么") || between.contains("如此"))
}

/// The text right after a negator starts with an experience and "so" ("见过这么", "吃过如此").
fn never_met_the_like_after(after: &str) -> bool {
    // 过 within the next three characters ("见过", "吃过", "遇到过"), "so" right after it.
    let head = after
        .char_indices()
        .nth(3)
        .map_or(after, |(at, _)| &after[..at]);
    head.find('过').is_some_and(|at| {
        let rest = &after[at + '过'.len_utf8()..];
        rest.starts_with("这么") || rest.starts_with("如此")
    })
}

/// "这么/那么/如此" after a verb the negator denies ("没见过这么差的", "不带这么坑人的", "没见过
/// 这么快的送餐"): so much of it, not none. Right after the negator it is "not that much" ("没那么
/// 贵", "没有那么差"), and so after 是 ("不是这么好吃").
fn so_much_after_a_verb(between: &str) -> bool {
    let b = between.trim_start();
    !b.starts_with(['这', '那', '如', '是'])
        && words!["这么", "那么", "如此"].iter().any(|w| b.contains(w))
}

/// 让/叫/使 right after a negator ("没让我失望", "不要让我们失望", "别叫顾客寒心"): what the
/// negator denies is the letdown itself, said of someone else, a few characters on. The letdown
/// has not happened ("it didn't disappoint") or is wished away ("don't let us down").
fn lets_someone(between: &str) -> bool {
    let b = between.trim_start();
    let b = b.strip_prefix('要').unwrap_or(b);
    b.starts_with(['让', '叫', '使'])
}

/// Looks back from sentiment hit `i` for negation and degree words in its clause:
/// (negated, degree).
fn modifiers(s: &Scan, i: usize) -> (bool, f32) {
    let (f, h, t) = (s.f, &s.hits[i], s.terms[i]);
    let r = reach(f, t, h);
    let start_c = f.char_at(h.start);
    let (mut negated, mut degree) = (false, 1.0f32);
    let mut j = i;
    let mut budget = 3;
    while j > 0 && budget > 0 {
        j -= 1;
        budget -= 1;
        let pj = &s.hits[j];
        let end_c = f.char_at(pj.end);
        let gap = start_c.saturating_sub(end_c);
        let between = f.text.get(pj.end..h.start);
        let existential = r.problem_word
            && existential(s.terms[j], between)
            && !denied_object_then_predicate(t, between)
            && !feeling_about_a_lack(&r, between);
        let compared = r.praise_ends_clause
            && matches!(
                s.terms[j].text.as_str(),
                "没" | "没有" | "不如" | "还不如" | "比不上" | "不像"
            );
        let causative = r.problem_word && between.is_some_and(lets_someone);
        let window = if t.word {
            14
        } else if existential || compared || causative {
            10
        } else {
            3
        };
        if gap > window || !s.same_clause(end_c, start_c) {
            break;
        }
        // "不回我就给差评": 就 starts the consequence of a condition; the 不 stays in the condition.
        if between.is_some_and(|b| b.contains('就')) {
            break;
        }
        // "没有了谢谢", "不用了谢谢": a 了 right after the negator closes what it said ("nothing
        // more", "no need"); the thanks after it is not denied. A problem still is ("晾了两天就没有了
        // 异味": it is gone). Not 了解 ("不了解" denies it), nor a bare 不, whose 不了 after a verb
        // says it cannot be done ("给不了好评").
        if !r.problem_word
            && matches!(s.roles[j], Role::Negator(_))
            && s.terms[j].text != "不"
            && between.is_some_and(|b| {
                words!["了", "啦", "喽", "咯"]
                    .iter()
                    .any(|p| b.starts_with(p))
                    && !b.starts_with("了解")
            })
        {
            break;
        }
        match s.roles[j] {
            // "没让我失望", "不要让老顾客寒心": the feeling is denied or wished away.
            Role::Negator(w) if causative => negated ^= w >= 0.8,
            // "别上当", "不要买", "don't be fooled": a warning keeps what it warns of.
            Role::Negator(_)
                if r.problem_word
                    && !r.feeling
                    && (s.terms[j].text == "别"
                        || s.terms[j].text == "甭"
                        || f.text[pj.end..].starts_with('要')) => {}
            // "不带这么坑人的", "没见过这么差的": so much of it, not none.
            Role::Negator(_)
                if between.is_some_and(|b| {
                    so_much_after_a_verb(b) && (r.problem_word || never_met_the_like(b))
                }) => {}
            // "couldn't be more useless", "could not be any worse": as much as can be, not none.
            Role::Negator(_) if t.word && between.is_some_and(as_much_as_can_be) => {}
            // "不送真是醉了": 不 denies the verb next to it, not a feeling after that verb.
            Role::Negator(_)
                if r.problem_word
                    && !existential
                    && !compared
                    && denies_a_verb_between(
                        f,
                        &s.hits[j + 1..i],
                        &s.roles[j + 1..i],
                        pj.end,
                        h.start,
                    ) =>
            {
                break
            }
            Role::Negator(w) => {
                if w >= 0.8 {
                    negated = !negated;
                }
            }
            Role::Degree(w) => {
                if gap <= if t.word { 12 } else { 2 } {
                    degree *= w;
                }
            }
            // "不如超市的好": the praise is the standard the item falls short of.
            Role::Sentiment => {
                negated ^= compared;
                break;
            }
            Role::Other => {}
        }
    }
    // "噪音不大", "色差不明显", "坏果很少": the problem named, then said to be small or few.
    if small_problem(t, &f.text[h.end..]) {
        negated = !negated;
    }
    (negated, degree)
}

/// A problem word said to be small right after it ("噪音不大"). Not where the predicate makes a
/// new word with the problem's last char ("差不多", "质量差不多": about the same), nor after a
/// one-char word.
fn small_problem(t: &Term, after: &str) -> bool {
    names_a_problem(t)
        && t.text.chars().count() > 1
        && !(t.text.ends_with('差') && after.starts_with("不多"))
        && small_after(after).is_some()
}

/// What Chinese puts after a problem to say it is small or rare ("噪音不大", "异味不重", "坏的很少"),
/// closing its clause. Returns the bytes from the start of `after` to the end of the predicate.
/// Not "不大好" (not very good): the predicate must end the clause.
fn small_after(after: &str) -> Option<usize> {
    const SMALL: Words = words![
        "不大",
        "不多",
        "不明显",
        "不太明显",
        "不严重",
        "不太严重",
        "不重",
        "不太大",
        "很少",
        "很小",
        "极少",
        "较少",
        "几乎没有",
        "基本没有",
    ];
    let filler = after
        .char_indices()
        .take(2)
        .take_while(|(_, c)| "也都还并倒就".contains(*c))
        .last()
        .map_or(0, |(b, c)| b + c.len_utf8());
    let rest = &after[filler..];
    SMALL.iter().find_map(|w| {
        let tail = rest.strip_prefix(w)?;
        tail.chars()
            .next()
            .is_none_or(|c| {
                is_clause_break(c) || c.is_whitespace() || "的了啊呀吧哦呢嘛啦".contains(c)
            })
            .then_some(filler + w.len())
    })
}

/// The raw feelings of each entry of a sentiment term; returns the plain negative evidence they
/// give.
fn entry_raws(
    f: &Folded,
    t: &Term,
    h: &Hit,
    negated: bool,
    degree: f32,
    raws: &mut Vec<Raw>,
) -> f32 {
    let mut negative_evidence = 0.0f32;
    let maybe_sarcastic = t.get(|s| s == Section::Sarcasm).is_some();
    // "质量好吗？", "有用吗": praise asked about in a yes/no question is not said.
    let asked = !t.word
        && f.text[h.end..]
            .chars()
            .take(12)
            .take_while(|c| !is_clause_break(*c))
            .any(|c| c == '吗');
    for e in &t.entries {
        let w = e.weight * degree;
        let weak = matches!(e.section, Section::Weak(_));
        let yields = matches!(e.section, Section::Yield(_));
        let (kind, pol) = match e.section {
            Section::Cue(k) | Section::Weak(k) | Section::Yield(k) => (Some(k), signed(k, w)),
            Section::Praise => (None, w),
            Section::Criticism => (None, -w),
            _ => continue,
        };
        if asked && pol > 0.0 && !negated {
            continue;
        }
        // Sarcasm markers are not their own context: "呵呵" alone does not make praise sarcastic.
        if pol < 0.0 && !negated && !maybe_sarcastic && !weak && !yields {
            negative_evidence += -pol;
        }
        raws.push(Raw {
            hit: *h,
            kind,
            polarity: pol,
            intensity: w,
            negated,
            degree,
            sarcastic: maybe_sarcastic,
            weak,
            yields,
        });
    }
    negative_evidence
}

/// A weight with the sign of its feeling (neutral feelings have none).
fn signed(k: CueKind, w: f32) -> f32 {
    if k.is_positive() {
        w
    } else if k.is_negative() {
        -w
    } else {
        0.0
    }
}

/// Problems stated plainly ("一个小时才送到", "开不了机", "it keeps crashing"), where no lexicon
/// word already reads the span.
fn plain_problems(s: &Scan, spans: &[(usize, usize)]) -> Vec<plain::Problem> {
    plain::problems(&s.f.text, covered_by(spans))
}

/// Comparisons with what was expected or came before ("比想象的好很多", "比以前差多了") whose
/// measure no lexicon word reads, as raw praise or criticism; returns the negative evidence.
fn push_comparisons(s: &Scan, spans: &[(usize, usize)], raws: &mut Vec<Raw>) -> f32 {
    let mut negative_evidence = 0.0;
    for c in crate::compare::comparisons(&s.f.text, covered_by(spans)) {
        let mut raw = Raw::shaped(c.start, c.end, None, c.weight.abs(), false);
        raw.polarity = c.weight;
        negative_evidence += (-c.weight).max(0.0);
        raws.push(raw);
    }
    negative_evidence
}

/// Whether a byte lies inside one of `spans`. They are in text order and do not overlap: the span
/// holding a byte is found by bisection.
fn covered_by(spans: &[(usize, usize)]) -> impl Fn(usize) -> bool + '_ {
    move |b| {
        let k = spans.partition_point(|s| s.1 <= b);
        spans.get(k).is_some_and(|s| s.0 <= b)
    }
}

/// The spans of the lexicon's sentiment hits (and plain-section words), with a problem's small
/// predicate ("坏果很少") read into its span: what the shape readers leave to the lexicon.
fn sentiment_spans(lex: &Lexicon, s: &Scan) -> Vec<(usize, usize)> {
    s.hits
        .iter()
        .zip(&s.roles)
        .filter(|(h, r)| {
            **r == Role::Sentiment || lex.term(h).get(|s| s == Section::Plain).is_some()
        })
        // "坏果很少": the predicate that says a problem is small is read with it, not as a
        // shortfall of its own.
        .map(|(h, _)| {
            let t = lex.term(h);
            let small = small_problem(t, &s.f.text[h.end..])
                .then(|| small_after(&s.f.text[h.end..]))
                .flatten();
            (h.start, h.end + small.unwrap_or(0))
        })
        .collect()
}

/// Adds the plain problems as raw criticism; returns the negative evidence of those not denied.
fn push_problems(s: &Scan, problems: &[plain::Problem], raws: &mut Vec<Raw>) -> f32 {
    let f = s.f;
    // A negator just before the problem denies it ("不难喝", "没有太咸").
    let denied = |p: &plain::Problem| {
        s.hits.iter().zip(&s.roles).any(|(h, r)| {
            matches!(r, Role::Negator(w) if *w >= 0.8)
                && h.end <= p.start
                && f.char_at(p.start) - f.char_at(h.end) <= 1
        })
    };
    let mut negative_evidence = 0.0f32;
    for p in problems {
        let negated = denied(p);
        if !negated {
            negative_evidence += p.weight;
        }
        raws.push(Raw::shaped(p.start, p.end, None, p.weight, negated));
    }
    negative_evidence
}

/// Adds the questions that reproach the agent (`rhetoric`) as raw cues of their own, unless a
/// lexicon cue already names the feeling inside the clause; returns their negative evidence.
fn push_reproaches(s: &Scan, raws: &mut Vec<Raw>) -> f32 {
    let mut evidence = 0.0;
    for r in crate::rhetoric::reproaches(&s.f.text) {
        // A faint cue (还没 in "你还没算出来吗") names nothing: it may be set aside.
        let named = raws
            .iter()
            .any(|x| x.kind.is_some() && !x.weak && x.hit.start >= r.start && x.hit.end <= r.end);
        if named {
            continue;
        }
        evidence += r.weight;
        raws.push(Raw::shaped(r.start, r.end, Some(r.kind), r.weight, false));
    }
    evidence
}

/// The second person a complaint is laid on: "你们的流程有问题", "your wifi is so slow" (你 and
/// "you" also find 你们 and "your").
const YOU: Words = words!["你", "you", "y'all", "u guys"];

/// Fault found with "you" in one clause, and no feeling named anywhere in the message, is blame:
/// "你们这样对学生很不负责", "你这样要我操作与事实不符", "your staff are rude". The customer is
/// annoyed with the shop, not just reporting; a gentle anger on the fault itself, under the
/// `CLEARLY_FELT` a reply opener answers. A fault with no "you" ("屏幕有划痕") stays a plain complaint.
fn push_blame(s: &Scan, raws: &mut [Raw]) {
    if raws.iter().any(|r| r.kind.is_some_and(|k| k.is_negative())) {
        return;
    }
    let f = s.f;
    let fault = |r: &Raw| r.kind.is_none() && r.polarity < 0.0 && !r.negated && !r.weak;
    if !raws.iter().any(fault) {
        return;
    }
    let you: Vec<usize> = you_at(&f.text).map(|i| f.char_at(i)).collect();
    let blamed = raws.iter().position(|r| {
        fault(r)
            && you
                .iter()
                .any(|&c| s.same_clause(c, f.char_at(r.hit.start)))
    });
    if let Some(i) = blamed {
        raws[i].kind = Some(CueKind::Anger);
        raws[i].intensity = raws[i].intensity.min(0.9);
    }
}

/// Waits: what has not come or not been answered yet ("一直没", "还没退", "still haven't", "no
/// reply", "on hold"). Read alone they are worry; laid on "you", a reproach (`blame_waits`).
const WAITS: Words = words![
    "一直没",
    "到现在",
    "到现在还",
    "迟迟",
    "还没回复",
    "还没处理",
    "还没退",
    "还没发",
    "还没发货",
    "still haven't",
    "still havent",
    "still have not",
    "still not",
    "still no",
    "still waiting",
    "been waiting",
    "haven't heard",
    "no reply",
    "no response",
    "no answer",
    "on hold",
    "days now",
    "weeks now",
    "overdue",
];

/// A wait laid on "you" in its sentence, with no worry or hurry named ("你们一直没给我退钱", "you
/// have still not replied to my tweet!", "I've messaged you and no reply"), reproaches the shop
/// for what it failed to do: anger, as strong as the wait. "你们什么时候发货，急用" is worry still (a
/// hurry is named), and so is a wait said with no "you" ("还没收到货").
fn blame_waits(s: &Scan, raws: &mut [Raw]) {
    let f = s.f;
    let said = |r: &Raw| &f.text[r.hit.start..r.hit.end];
    let worry = |r: &Raw| r.kind == Some(CueKind::Anxiety) && !r.negated && !r.weak;
    let is_wait = |r: &Raw| r.hit.term != u32::MAX && WAITS.contains(said(r));
    if !raws.iter().any(|r| worry(r) && is_wait(r)) || raws.iter().any(|r| worry(r) && !is_wait(r))
    {
        return;
    }
    let you: Vec<u32> = you_at(&f.text)
        .filter(|&i| !f.text[i..].starts_with("你好"))
        .map(|i| s.layout.sentence(f.char_at(i)))
        .collect();
    for r in raws.iter_mut().filter(|r| worry(r) && is_wait(r)) {
        if you.contains(&s.layout.sentence(f.char_at(r.hit.start))) {
            r.kind = Some(CueKind::Anger);
        }
    }
}

/// Where "you" stands in the folded text (byte offsets; English only as a word).
fn you_at(text: &str) -> impl Iterator<Item = usize> + '_ {
    YOU.iter()
        .flat_map(move |w| text.match_indices(w).map(|(i, _)| i))
        .filter(move |&i| word_at(text, i))
}

/// Whether an ASCII match at byte `i` starts a word (Chinese needs no boundary).
fn word_at(text: &str, i: usize) -> bool {
    !text.as_bytes()[i].is_ascii_alphabetic()
        || text[..i]
            .chars()
            .next_back()
            .is_none_or(|c| !c.is_alphanumeric())
}

/// Negators that modify no sentiment term state a problem ("没有收到", "it doesn't open"):
/// where they stand (char index), Chinese and English apart.
fn bare_negations(s: &Scan, problems: &[plain::Problem], raws: &[Raw]) -> (Vec<usize>, Vec<usize>) {
    let f = s.f;
    let (mut zh, mut en) = (Vec::new(), Vec::new());
    for (i, h) in s.hits.iter().enumerate() {
        if !matches!(s.roles[i], Role::Negator(_)) {
            continue;
        }
        let end_c = f.char_at(h.end);
        let modifies = s.hits[i + 1..]
            .iter()
            .zip(&s.roles[i + 1..])
            .take(2)
            .any(|(n, r)| {
                *r == Role::Sentiment
                    && f.char_at(n.start).saturating_sub(end_c)
                        <= if s.terms[i].word { 14 } else { 3 }
                    && s.same_clause(end_c, f.char_at(n.start))
            });
        // Nor those inside or just before a problem read plainly ("开不了", "不难喝").
        let in_problem = problems.iter().any(|p| {
            (h.start >= p.start && h.start < p.end)
                || (h.end <= p.start && f.char_at(p.start) - end_c <= 1)
        });
        // Or denies a problem further on in its clause ("没发现什么问题").
        let denies = raws.iter().any(|r| {
            r.negated
                && r.hit.start >= h.end
                && s.same_clause(end_c, f.char_at(r.hit.start))
                && f.char_at(r.hit.start) - end_c <= 10
        });
        // Or is the 不 of a problem said to be small ("噪音不大"), read with the problem.
        let small = raws.iter().any(|r| {
            r.negated
                && r.hit.end <= h.start
                && small_after(&f.text[r.hit.end..]).is_some_and(|n| r.hit.end + n >= h.end)
        });
        // "it couldn't be any easier": emphasis, no negation.
        // "没见过这么快的送餐", "从没吃过如此地道的": nothing met was like it, emphasis too.
        let emphasis = if s.terms[i].word {
            as_much_as_can_be(&f.text[h.end..])
        } else {
            never_met_the_like_after(&f.text[h.end..])
        };
        if modifies || in_problem || denies || small || emphasis || sympathy(s, h) {
            continue;
        }
        // English negation is common in neutral statements ("not sure if..."), and English problem
        // statements are in the lexicon as phrases ("doesn't work"): counted apart, weaker.
        if s.terms[i].word {
            en.push(end_c);
        } else {
            zh.push(end_c);
        }
    }
    (zh, en)
}

/// "送餐师傅大冷天的不容易", "大家都不容易": 不容易 said of someone's work is sympathy, not a problem.
/// Said of the customer's own effort ("退个货真不容易") it still is.
fn sympathy(s: &Scan, h: &Hit) -> bool {
    const SOMEONE: Words = words![
        "小哥",
        "师傅",
        "骑手",
        "骑士",
        "快递员",
        "送餐员",
        "外卖员",
        "配送员",
        "大哥",
        "大叔",
        "阿姨",
        "大家",
        "都",
        "你们",
    ];
    let f = s.f;
    if !f.text[h.end..].starts_with("容易") {
        return false;
    }
    let start = f.text[..h.start]
        .rfind(|c: char| !crate::text::is_cjk(c))
        .map_or(0, |at| {
            at + f.text[at..].chars().next().map_or(1, char::len_utf8)
        });
    let clause = &f.text[start..h.start];
    SOMEONE.iter().any(|w| clause.contains(w))
}

/// Up to three bare negations (and unmet requests, which weigh as a plain clause), each weighed
/// as its clause is: "东西不错，但是没收到" ends on what went wrong, and the contrast says so.
fn weighed(at: &[usize], unmet: u32, weights: &Weights) -> f32 {
    let n = at.len().min(3);
    let own: f32 = at[..n].iter().map(|&c| weights.at(c)).sum();
    own + (unmet as usize).min(3 - n) as f32
}

/// The context each raw feeling is judged in: what else the message (and the conversation
/// before it) says.
struct Judge<'a> {
    s: &'a Scan<'a>,
    sarcasm: &'a [(usize, f32)],
    raws: &'a [Raw],
    negative_before: bool,
    negative_context: bool,
    /// Praise from words that are never sarcastic: with enough of it, "呵呵" is a laugh.
    sincere_praise: f32,
    bare_negations: u32,
    /// The message holds an English "if" or "in case", and no threat: a problem in that clause
    /// may be supposed. With a threat the "if" is its condition ("if I don't hear back today I'm
    /// filing a chargeback"): the problem is real and the threat is meant.
    supposing: bool,
    /// Where the objects of thanks for a remedy start ("thanks for fixing …"), in text order.
    remedies: Vec<usize>,
}

impl<'a> Judge<'a> {
    fn new(
        s: &'a Scan<'a>,
        sarcasm: &'a [(usize, f32)],
        raws: &'a [Raw],
        ctx: Context,
        negative_evidence: f32,
        bare_negations: u32,
    ) -> Self {
        let sincere_praise: f32 = raws
            .iter()
            .filter(|r| !r.sarcastic && !r.weak && r.polarity > 0.0)
            .map(|r| r.polarity)
            .sum();
        Judge {
            s,
            sarcasm,
            raws,
            negative_before: ctx.negative_before,
            negative_context: ctx.negative_before || negative_evidence >= 1.0,
            sincere_praise,
            bare_negations,
            supposing: (s.f.text.contains("if ") || s.f.text.contains("in case "))
                && !raws.iter().any(|r| r.kind == Some(CueKind::Threat)),
            remedies: raws
                .iter()
                .filter_map(|r| praised_object(s.f, r))
                .filter(|object| puts_right(object))
                .map(|object| s.f.text.len() - object.len())
                .collect(),
        }
    }

    /// Within a sentence of each other.
    fn near(&self, a: usize, b: usize) -> bool {
        self.s
            .layout
            .sentence(a)
            .abs_diff(self.s.layout.sentence(b))
            <= 1
    }

    /// Sarcasm is sure where a strong marker (呵呵哒, "yeah right") or two markers ("呵呵，好棒哦")
    /// stand within a sentence of the praise.
    fn strong_sarcasm_at(&self, c: usize) -> bool {
        let around: Vec<f32> = self
            .sarcasm
            .iter()
            .filter(|(at, _)| self.near(*at, c))
            .map(|m| m.1)
            .collect();
        around.len() >= 2 || around.iter().any(|w| *w >= 1.0)
    }

    /// A complaint near the praise makes a marker sarcastic ("等了十天还没到，真行").
    fn complaint_near(&self, c: usize) -> bool {
        let f = self.s.f;
        self.negative_before
            || self
                .raws
                .iter()
                .filter(|r| {
                    r.polarity < 0.0
                        && !r.negated
                        && !r.sarcastic
                        && !r.weak
                        && self.near(f.char_at(r.hit.start), c)
                })
                .map(|r| -r.polarity)
                .sum::<f32>()
                >= 1.0
            || (self.bare_negations > 0 && self.s.layout.sentences() <= 2)
    }

    /// "thanks for ignoring me", "thank you for sending me a ripped dress": thanks whose object,
    /// after "for", is a problem is a complaint said with a sneer.
    fn praise_for_a_problem(&self, r: &Raw) -> bool {
        let f = self.s.f;
        let Some(object) = praised_object(f, r) else {
            return false;
        };
        // "thanks for not delivering", "thank you for never answering": thanks for a service the
        // shop owed and did not give (not "thanks for not charging me extra").
        const OWED: Words = words![
            "deliver", "repl", "respond", "answer", "help", "fix", "send", "ship", "call",
            "refund", "let", "tell", "get back", "show",
        ];
        if puts_right(object) {
            return false;
        }
        let denied = object
            .strip_prefix("not ")
            .or(object.strip_prefix("never "));
        if denied.is_some_and(|v| OWED.iter().any(|o| v.starts_with(o))) {
            return true;
        }
        let (from, end_c) = (f.text.len() - object.len(), f.char_at(r.hit.end));
        self.raws.iter().any(|p| {
            p.polarity < 0.0
                && !p.negated
                && !p.weak
                && !p.sarcastic
                && p.hit.start >= from
                && p.hit.start - from <= 40
                && self.s.same_clause(end_c, f.char_at(p.hit.start))
        })
    }

    /// "was placed on a 48 minute hold just to get hung up on. Great customer service.", "又发错货
    /// 了，真是太棒了": a bare word of praise that closes a message whose earlier clauses only
    /// complain, with no "but" and nothing put right, praises the failure it follows. Bare: the
    /// closing clause holds the praise, degree words and at most who is praised ("服务真好" yes;
    /// "客服处理得很好", "they fixed it fast" name what went well and are meant).
    fn closing_irony(&self, r: &Raw) -> bool {
        let (f, layout) = (self.s.f, &self.s.layout);
        if r.polarity <= 0.0 || r.kind == Some(CueKind::Gratitude) {
            return false;
        }
        let k = layout.clause(f.char_at(r.hit.start));
        let Some(last) = f
            .text
            .char_indices()
            .rev()
            .find(|(_, c)| c.is_alphanumeric())
        else {
            return false;
        };
        if k == 0 || layout.clause(f.char_at(last.0)) != k {
            return false;
        }
        let clause_of = |r: &Raw| layout.clause(f.char_at(r.hit.start));
        let praise_elsewhere = self
            .raws
            .iter()
            .any(|p| p.polarity > 0.0 && !p.negated && clause_of(p) != k);
        let complaint: f32 = self
            .raws
            .iter()
            .filter(|p| p.polarity < 0.0 && !p.negated && !p.weak && !p.sarcastic)
            .filter(|p| clause_of(p) < k)
            .map(|p| -p.polarity)
            .sum();
        const TURNED: Words = words![
            "but",
            "though",
            "however",
            "otherwise",
            "still",
            "at least",
            "luckily",
            "finally",
            "不过",
            "但是",
            "但",
            "可是",
            "还好",
            "好在",
            "幸好",
            "幸亏",
            "总算",
            "终于",
            "其他",
        ];
        // Praise of the shop or its people, not of a thing: a review that ends "很满意" after a
        // misread "乐坏了" is meant.
        const PRAISED: Words =
            words!["service", "job", "team", "guys", "you ", "客服", "服务", "你们",];
        // The clause's text only where the rest already holds: most praise closes no complaint.
        if complaint < 1.0
            || praise_elsewhere
            || !self.remedies.is_empty()
            || TURNED.iter().any(|w| f.text.contains(w))
        {
            return false;
        }
        let clause = clause_text(f, layout, k);
        PRAISED.iter().any(|w| clause.contains(w))
            && bare_praise(&clause, &f.text[r.hit.start..r.hit.end])
    }

    /// "thanks for resolving my complaint", "thank you for fixing the issue so fast": the problem
    /// thanks name after a remedy is the one put right, no problem left.
    /// Looks up the nearest remedy before the problem (`remedies` is in text order), so a long
    /// message stays linear.
    fn put_right(&self, p: &Raw) -> bool {
        let f = self.s.f;
        let n = self.remedies.partition_point(|&from| from < p.hit.start);
        n > 0 && {
            let from = self.remedies[n - 1];
            p.hit.start - from <= 40 && self.s.same_clause(f.char_at(from), f.char_at(p.hit.start))
        }
    }

    /// 呵呵 in a review of several sentences that praises something is the writer laughing at
    /// their own remark; what the review complains of, it says in words. (Two markers by a praise
    /// word still turn that praise: `strong_sarcasm_at`.)
    fn laugh_in_a_long_review(&self) -> bool {
        self.s.layout.sentences() > 2 && self.sincere_praise > 1.0
    }

    /// A raw feeling the message's leaning sets aside.
    fn set_aside(&self, r: &Raw) -> bool {
        let pol = r.polarity;
        // A context-dependent marker (呵呵) in a happy message: a laugh, not a sneer.
        (r.sarcastic && pol < 0.0 && !self.negative_context && self.sincere_praise > 1.0)
            // In a long review with praise in it, 呵呵 is a sneer only at a complaint near it.
            || (r.sarcastic && pol < 0.0 && self.laugh_in_a_long_review())
            // A faint cue where the message does not lean its way: "again" in "I'll order again".
            || (r.weak
                && !r.negated
                && if pol < 0.0 {
                    !self.negative_context
                } else {
                    self.sincere_praise < 1.0
                })
            // Tears beside thanks or joy, where nothing complains: being moved ("感谢[泪]").
            || (r.yields && pol < 0.0 && !self.negative_context && self.sincere_praise >= 1.0)
            || (pol < 0.0 && !r.negated && self.supposed(r))
            || (pol < 0.0 && self.put_right(r))
            || (r.kind == Some(CueKind::Threat) && self.someone_elses(r))
            || (r.kind == Some(CueKind::Threat) && self.review_as_a_thing(r))
            || (r.kind == Some(CueKind::Anxiety) && self.condition_for_a_step(r))
            || (r.kind == Some(CueKind::Anxiety) && self.not_yet_wanted(r))
            || (r.kind == Some(CueKind::Anger) && self.asks_the_way(r))
    }

    /// "你们怎么自提", "你们怎么收费的": how the shop does something, asked; not "你们怎么搞的",
    /// "你们怎么还不发货", "你们怎么回事", which are the reproach the term is for.
    fn asks_the_way(&self, r: &Raw) -> bool {
        const WAYS: Words = words![
            "自提",
            "退",
            "寄",
            "联系",
            "申请",
            "操作",
            "收费",
            "安装",
            "开票",
            "开发票",
            "付",
            "取",
            "换",
            "下单",
            "保修",
            "维修",
            "预约",
        ];
        let text = &self.s.f.text;
        &text[r.hit.start..r.hit.end] == "你们怎么"
            && WAYS.iter().any(|w| text[r.hit.end..].starts_with(w))
    }

    /// "差评可以删除吗", "导致的差评会记录在动态评分里吗": a bad review talked of as a thing (what
    /// it affects, whether it can go), not one the writer threatens to give.
    fn review_as_a_thing(&self, r: &Raw) -> bool {
        const ABOUT_IT: Words = words![
            "删",
            "撤",
            "修改",
            "改掉",
            "影响",
            "记录",
            "消除",
            "计入",
            "算不算",
        ];
        let text = &self.s.f.text;
        let term = &text[r.hit.start..r.hit.end];
        if term != "差评" && term != "中评" {
            return false;
        }
        const ASKED: Words = words!["会", "能", "可以", "怎么", "吗", "呢", "么"];
        let clause = reach_after(text, r.hit.end, 20, is_clause_break);
        // "商品的差评呢", but not "决定的差评！" nor "首个差评就给这个了" (the writer's own).
        let asked_of =
            text[..r.hit.start].ends_with('的') && ASKED.iter().any(|w| clause.contains(w));
        // "删除差评", "差评的商品": what is done to it, what it is of.
        let head = reach_before(text, r.hit.start, 12, is_clause_break);
        let acted_on = ABOUT_IT.iter().any(|w| head.contains(w));
        let of_it = clause
            .strip_prefix('的')
            .and_then(|n| n.chars().next())
            .is_some_and(|c| !"哦啊呀了吧呢嘛啦喔".contains(c));
        asked_of || acted_on || of_it || ABOUT_IT.iter().any(|w| clause.contains(w))
    }

    /// "还没发货可以取消吗", "货还没到，可以退货么": a "not yet" that is the condition for the step
    /// asked about, said plainly; not a worry. "怎么还没到", "都三天了还没发" press, and stay one.
    fn condition_for_a_step(&self, r: &Raw) -> bool {
        const PRESSING: Words = words![
            "怎么",
            "为什么",
            "为啥",
            "到底",
            "都",
            "已经",
            "天",
            "小时",
            "这么久",
        ];
        const ASKS: Words = words!["可以", "能", "可不可以", "是否"];
        const STEPS: Words = words!["取消", "退", "改", "换", "拒收", "拦截", "撤销"];
        let text = &self.s.f.text;
        if !text[r.hit.start..r.hit.end].starts_with("还没") {
            return false;
        }
        let sentence_end = |c: char| matches!(c, '?' | '？' | '。' | '!' | '！' | '\n');
        let head = reach_before(text, r.hit.start, 30, sentence_end);
        let tail = reach_after(text, r.hit.end, 30, sentence_end);
        let asks_a_step = ASKS.iter().any(|a| {
            tail.find(a)
                .is_some_and(|i| STEPS.iter().any(|s| tail[i..].contains(s)))
        });
        let question = text[r.hit.end + tail.len()..].starts_with(['?', '？'])
            || tail.trim_end().ends_with(['吗', '么', '嘛']);
        asks_a_step
            && question
            && !PRESSING
                .iter()
                .any(|w| head.contains(w) || tail.contains(w))
    }

    /// "可以再晚点发货吗?装修进度还没到需要热水器的这一步": a "not yet" from a customer who asks for the
    /// parcel later is no worry that it is late.
    fn not_yet_wanted(&self, r: &Raw) -> bool {
        const LATER: Words = words![
            "晚点发",
            "晚点送",
            "晚些发",
            "晚些送",
            "晚点再发",
            "晚点再送",
            "推迟发",
            "推迟送",
            "延迟发",
            "延迟送",
            "先别发",
            "暂时别发",
            "先不要发",
            "暂时不要发",
            "过几天再发",
            "过几天再送",
        ];
        let text = &self.s.f.text;
        text[r.hit.start..r.hit.end].starts_with("还没") && LATER.iter().any(|w| text.contains(w))
    }

    /// "顾客给我店里一个差评": a bad review or complaint someone else gave, told by the one who got
    /// it (a seller asking how to have it removed) — no threat from the writer.
    fn someone_elses(&self, r: &Raw) -> bool {
        const OTHERS: Words = words![
            "顾客给",
            "买家给",
            "客户给",
            "别人给",
            "有人给",
            "对方给",
            "人家给",
            "他给",
            "她给",
        ];
        let clause = reach_before(&self.s.f.text, r.hit.start, 12, is_clause_break);
        OTHERS.iter().any(|w| clause.contains(w))
    }

    /// "If I have any more problems, I'll message you": a problem supposed in an English "if"
    /// clause, or in the question it leads to ("if I cancel, do I lose my points?"), has not
    /// happened. Not one that comes back ("if it crashes again"). Looks a bounded
    /// way back and ahead, so a long message stays linear.
    fn supposed(&self, r: &Raw) -> bool {
        const REACH: usize = 60;
        if !self.supposing {
            return false;
        }
        let text = &self.s.f.text;
        let clause = reach_before(text, r.hit.start, REACH, |c| {
            is_clause_break(c) || c == '\n'
        });
        // Or its sentence did, a clause before ("if I cancel, do I lose my points?").
        let sentence = reach_before(text, r.hit.start, REACH, |c| {
            matches!(c, '.' | '!' | '?' | '\n')
        });
        let if_in =
            |c: &str| c.starts_with("if ") || c.contains(" if ") || c.starts_with("in case ");
        let tail = reach_after(text, r.hit.end, REACH, |_| false);
        // The clause an "if" leads to is supposed when it asks ("do I lose my points?"); said
        // plainly it may be meant ("if you think so, you're wrong").
        let asks = tail
            .split(['.', '!', '\n'])
            .next()
            .is_some_and(|t| t.contains('?'));
        (if_in(clause) || (asks && if_in(sentence))) && !tail.contains("again")
    }
}

/// The cues and sums of one message.
struct Tally {
    cues: Vec<Cue>,
    emotions: [f32; CueKind::ALL.len()],
    pos: f32,
    neg: f32,
    /// Urgency ("tomorrow", "ASAP", 尽快) is part of the negative evidence (a complaint to answer)
    /// but says less about displeasure than anger or disappointment: half of it in the polarity.
    urgency: f32,
}

/// The text after the one thanked: "thanks @shop @shop_help for", "thanks Subaru for" (one name).
fn thanked_skipped(after: &str) -> &str {
    let word = |a: &str| -> Option<usize> {
        let w = a.strip_prefix(' ')?;
        let n = w.find(' ').unwrap_or(w.len());
        Some(1 + n).filter(|_| n > 0)
    };
    let mut rest = after;
    while rest.starts_with(" @") {
        match word(rest) {
            Some(n) => rest = &rest[n..],
            None => break,
        }
    }
    if !rest.starts_with(" for ") && !rest.starts_with(" @") {
        if let Some(n) = word(rest).filter(|&n| rest[n..].starts_with(" for ")) {
            rest = &rest[n..];
        }
    }
    rest
}

/// What thanks are for is a remedy: "fixing …", "resolving …", "sorting out …".
fn puts_right(object: &str) -> bool {
    const REMEDY: Words = words![
        "fixing ",
        "resolving ",
        "solving ",
        "sorting ",
        "handling ",
        "dealing with ",
    ];
    REMEDY.iter().any(|v| {
        object
            .strip_prefix(v)
            .is_some_and(|o| !o.starts_with("nothing"))
    })
}

/// The folded text of clause `k`.
fn clause_text(f: &Folded, layout: &crate::clauses::Layout, k: u32) -> String {
    f.text
        .char_indices()
        .filter(|&(b, _)| layout.clause(f.char_at(b)) == k)
        .map(|(_, c)| c)
        .collect()
}

/// A clause that is a word of praise and nothing more: the praise, degree words, particles and
/// who is praised ("真是太棒了", "服务真好", "great customer service", "great job guys").
fn bare_praise(clause: &str, praise: &str) -> bool {
    const PHRASES: Words = words!["customer service", "what a", "as always", "well done"];
    const WORDS: Words = words![
        "service", "job", "guys", "work", "team", "just", "so", "really", "very", "such", "again",
        "wow", "oh", "the", "a", "your", "you",
    ];
    const CJK: Words = words![
        "客服", "服务", "你们", "态度", "真是", "可真", "简直", "实在", "真", "太", "很", "好",
        "非常", "了", "啊", "呀", "哦", "的", "呢", "嘛", "哈",
    ];
    let mut rest = clause.replacen(praise, " ", 1);
    for w in PHRASES.iter().chain(CJK.iter()) {
        rest = rest.replace(w, " ");
    }
    rest.split(|c: char| !c.is_alphanumeric() && c != '\'' && c != '@')
        .filter(|t| !t.is_empty())
        .all(|t| t.starts_with('@') || WORDS.contains(t))
}

/// What English thanks are for: the text after "thanks (@shop) for", or None.
fn praised_object<'t>(f: &'t Folded, r: &Raw) -> Option<&'t str> {
    if r.kind != Some(CueKind::Gratitude) {
        return None;
    }
    thanked_skipped(&f.text[r.hit.end..]).strip_prefix(" for ")
}

/// A term that names an act (差评, 退货, "refund"): it is also a threat or an intent.
fn names_an_act(lex: &Lexicon, term: u32) -> bool {
    lex.terms.get(term as usize).is_some_and(|t| {
        t.entries.iter().any(|e| {
            matches!(
                e.section,
                Section::Cue(CueKind::Threat)
                    | Section::Intent(
                        Intent::Return
                            | Intent::Refund
                            | Intent::Exchange
                            | Intent::Cancellation
                            | Intent::Review
                    )
            )
        })
    })
}

/// What a denied feeling says: (kind, signed polarity, intensity).
fn denied(
    kind: Option<CueKind>,
    pol: f32,
    intensity: f32,
    act: bool,
) -> (Option<CueKind>, f32, f32) {
    match kind {
        Some(CueKind::Joy) => (
            Some(CueKind::Disappointment),
            -0.8 * pol.abs(),
            intensity * 0.7,
        ),
        // "没有耐心", "不热情": a missing courtesy is a complaint ("不用谢" is its own term).
        Some(CueKind::Gratitude) => (None, -0.5 * pol.abs(), intensity),
        Some(CueKind::Threat) | Some(CueKind::Distrust) => (kind, pol * 0.4, intensity * 0.4),
        // "didn't disappoint", "没有失望", "never let me down": praise said by denial.
        Some(CueKind::Disappointment) => (None, 0.6 * pol.abs(), intensity),
        Some(_) => (None, 0.2 * pol.abs(), intensity),
        None if pol > 0.0 => (None, pol * -0.9, intensity),
        // Not giving a bad review, not returning it, no refund: a denied act is no praise.
        None if act => (None, 0.0, intensity),
        // "一点也不差", "without any errors", "没什么问题": a problem denied is mild praise.
        None => (None, 0.5 * pol.abs(), intensity),
    }
}

/// Second pass: negation and sarcasm resolved into cues, each weighed by its clause.
fn resolve(lex: &Lexicon, text: &str, judge: &Judge, weights: &Weights, boost: f32) -> Tally {
    let f = judge.s.f;
    let mut t = Tally {
        cues: Vec::new(),
        emotions: [0.0; CueKind::ALL.len()],
        pos: 0.0,
        neg: 0.0,
        urgency: 0.0,
    };
    for r in judge.raws {
        if judge.set_aside(r) {
            continue;
        }
        let c0 = f.char_at(r.hit.start);
        let cf = weights.at(c0);
        let (mut kind, mut pol, mut intensity) = (r.kind, r.polarity, r.intensity);
        let mut notes: (&str, &str) = ("", "");
        if r.negated {
            (kind, pol, intensity) = denied(kind, pol, intensity, names_an_act(lex, r.hit.term));
            notes = ("（否定）", " (negated)");
        } else if pol > 0.0 && (judge.praise_for_a_problem(r) || judge.closing_irony(r)) {
            // "Thanks for sending the wrong shirt": thanks for a wrong is said through the teeth.
            kind = Some(CueKind::Anger);
            pol *= -0.8;
            notes = ("（反讽）", " (sarcasm)");
        } else if pol > 0.0
            && (judge.strong_sarcasm_at(c0) || (r.sarcastic && judge.complaint_near(c0)))
        {
            kind = Some(CueKind::Disappointment);
            pol *= -0.8;
            notes = ("（反讽）", " (sarcasm)");
        } else if r.degree > 1.05 {
            notes = ("（程度加强）", " (intensified)");
        } else if r.degree < 0.95 {
            notes = ("（语气较轻）", " (softened)");
        }
        if pol > 0.0 {
            t.pos += pol * cf;
        } else {
            t.neg += -pol * cf * boost;
            if kind == Some(CueKind::Anxiety) {
                t.urgency += -pol * cf * boost;
            }
        }
        if let Some(k) = kind {
            let intensity = (intensity * if k.is_negative() { boost } else { 1.0 }).min(3.0);
            t.emotions[k.index()] += intensity;
            push_cue(
                &mut t.cues,
                f,
                text,
                r.hit.start,
                r.hit.end,
                k,
                intensity,
                notes,
            );
        }
    }
    t
}

/// The words an exclamation mark ends say something ("UPS said NO!", "拒收了!"), not only greet
/// or answer ("你好!", "Hi!", "OK!"): more than four characters back to the clause break.
fn exclaims_a_clause(before: &[char]) -> bool {
    before
        .iter()
        .rev()
        .take_while(|c| !is_clause_break(**c))
        .filter(|c| !c.is_whitespace())
        .count()
        > 4
}

/// The anger of a complaint exclaimed once: under `kinds::CLEARLY_FELT`, so the mood shows and
/// the reply opens on the situation.
const BANG: f32 = 0.9;

/// Typography cues, read against the message's feeling so far.
fn typography_cues(text: &str, f: &Folded, typo: &Typography, t: &mut Tally) {
    let negative_so_far = t.neg > t.pos && t.neg > 0.5;
    let dominant_negative = strongest(&t.emotions, |k| {
        matches!(
            k,
            CueKind::Anger | CueKind::Anxiety | CueKind::Distrust | CueKind::Disappointment
        )
    });
    let n_chars = f.original.len();
    let mut exclaimed = false;
    for span in &typo.spans {
        if span.what == Typo::Bang {
            // A complaint, not a remark ("it's getting cold here!"): a full point of it.
            if negative_so_far
                && t.neg >= 1.0
                && dominant_negative.is_none()
                && !exclaimed
                && exclaims_a_clause(&f.original[..span.start])
            {
                exclaimed = true;
                t.emotions[CueKind::Anger.index()] += BANG;
                let (zh, en) = span.what.note();
                let (a, z) = (span.start, span.end);
                push_typo_cue(&mut t.cues, f, text, a, z, CueKind::Anger, BANG, zh, en);
            }
            continue;
        }
        let kind = match span.what {
            Typo::Exclaim if negative_so_far => dominant_negative.unwrap_or(CueKind::Anger),
            Typo::Exclaim | Typo::Bang => continue,
            Typo::Questions if negative_so_far => dominant_negative.unwrap_or(CueKind::Anger),
            Typo::Questions => CueKind::Confusion,
            Typo::Ellipsis if negative_so_far || n_chars <= 8 => CueKind::Disappointment,
            Typo::Ellipsis => continue,
            // A run of capitals inside a message written in lower case is a name or a title
            // ("listening to JANIS JOPLIN"): shouting only with a complaint, or over it all.
            Typo::Caps if t.pos < t.neg || (t.pos <= t.neg && typo.shouted_through) => {
                CueKind::Anger
            }
            Typo::Caps => continue,
        };
        let intensity = span.intensity;
        // "still NOT working!!", "什么订单都没有??": where no feeling is named, the marks are the
        // anger, at least as much as one exclamation.
        let felt = match dominant_negative {
            None if kind == CueKind::Anger => (intensity * 0.5).max(BANG),
            _ => intensity * 0.5,
        };
        t.emotions[kind.index()] += felt;
        if kind.is_negative() {
            t.neg += intensity * 0.4;
        }
        let (zh, en) = span.what.note();
        push_typo_cue(
            &mut t.cues,
            f,
            text,
            span.start,
            span.end,
            kind,
            intensity,
            zh,
            en,
        );
    }
}

/// The intent the message's intent words (and its question) add up to.
fn intent_of(
    mut intents: [f32; Intent::ALL.len()],
    emotions: &[f32],
    question: bool,
    folded: &str,
) -> Option<Intent> {
    // "I'll leave a 1-star review" is a threat, not a request to write a review.
    if emotions[CueKind::Threat.index()] > 0.0 {
        intents[Intent::Review.index()] = 0.0;
    }
    // "Thank you @shop for not delivering": thanks said with a sneer asks for no "you're welcome".
    if emotions[CueKind::Gratitude.index()] == 0.0
        && (emotions[CueKind::Disappointment.index()] > 0.0
            || emotions[CueKind::Anger.index()] > 0.0)
    {
        intents[Intent::Thanks.index()] = 0.0;
    }
    let (mut best, mut bw) = (None, 0.0f32);
    for (k, w) in intents.iter().enumerate() {
        if *w > bw {
            bw = *w;
            best = Some(Intent::ALL[k]);
        }
    }
    // Weak single hints (a bare "order") do not make an intent.
    match best.filter(|_| bw >= 0.9) {
        // "这个杯子能装开水吗" / "does it fit a 13-inch laptop?": asking what the item can do is a
        // product question even without a product word, and it outweighs a greeting in front of it.
        None | Some(Intent::Greeting) | Some(Intent::Other)
            if question && asks_capability(folded) =>
        {
            Some(Intent::ProductQuestion)
        }
        // "Thanks so much! Could you check …?" is a request said politely, not a goodbye: the
        // question stands, its subject unknown.
        Some(Intent::Thanks) if question => Some(Intent::Other),
        i => i,
    }
}

/// The Reading from the passes' results; `asking`: whether it is a question, and whether one
/// only for information; `unmet`: the intent phrases that state an unmet need (`unmet_requests`,
/// counted once per message).
fn reading(
    s: &Scan,
    marks: Markers,
    t: Tally,
    warm_emoji: f32,
    (question, asks_information): (bool, bool),
    unmet: u32,
) -> Reading {
    let f = s.f;
    let valence_neg = t.neg - 0.5 * t.urgency;
    let polarity = if t.pos + valence_neg <= 0.0 {
        0.0
    } else {
        (t.pos - valence_neg) / (t.pos + valence_neg + 1.0)
    };
    let dominant = strongest(&t.emotions, |_| true).filter(|k| t.emotions[k.index()] >= 0.8);
    let intent = intent_of(marks.intents, &t.emotions, question, &f.text)
        .filter(|i| *i != Intent::Complaint || question || !praise_only(polarity, &t.emotions));
    let letters: Vec<char> = f
        .text
        .chars()
        .filter(|c| !c.is_whitespace() && !is_clause_break(*c))
        .take(5)
        .collect();
    // "哦哦", "嗯嗯": said twice, the particle is a friendly nod, not a clipped one.
    let doubled =
        letters.len() >= 2 && letters[0] == letters[1] && "哦噢嗯恩好".contains(letters[0]);
    // "哦好的", "嗯好滴": the particle before an assent takes the answer in.
    let assents = words!["好的", "好滴", "好哒", "好嘞"]
        .iter()
        .any(|w| f.text.contains(w));
    let curt = marks.curt_weight >= 0.6 && letters.len() <= 4 && !doubled && !assents;
    Reading {
        cues: t.cues,
        polarity: polarity.clamp(-1.0, 1.0),
        dominant,
        intent,
        emotions: t.emotions.to_vec(),
        positive: t.pos,
        negative: t.neg,
        curt,
        warmth: marks.warmth + warm_emoji,
        question,
        asks_information,
        chars: f.original.len() as u32,
        negations: negation_count(s, unmet),
    }
}

/// A message that praises and finds no fault ("京东服务态度真好，…日期比便利店都新鲜"): a
/// complaint word in it (服务态度, 日期) files no complaint.
fn praise_only(polarity: f32, emotions: &[f32]) -> bool {
    polarity >= 0.5
        && [
            CueKind::Anger,
            CueKind::Disappointment,
            CueKind::Distrust,
            CueKind::Sadness,
            CueKind::Threat,
        ]
        .iter()
        .all(|k| emotions[k.index()] == 0.0)
}

/// Negators, and sentiment words that are a negation themselves: 不满, 没用, and what has not
/// happened yet or cannot be done (还没, 找不到, 受不了), each a need still unmet.
fn negation_count(s: &Scan, unmet: u32) -> u32 {
    s.roles
        .iter()
        .zip(&s.hits)
        .zip(&s.terms)
        .filter(|((r, h), t)| {
            matches!(r, Role::Negator(_))
                && !(t.word && as_much_as_can_be(&s.f.text[h.end..]))
                && !sympathy(s, h)
        })
        .count() as u32
        + s.terms
            .iter()
            .zip(&s.roles)
            .filter(|(t, r)| **r == Role::Sentiment && states_a_lack(&t.text))
            .count() as u32
        + unmet
}

/// Intent phrases that hold a negation (没收到, 还没到, 物流不动了): the need they name is unmet,
/// a problem stated as plainly as 没 before a verb.
fn unmet_requests(s: &Scan) -> u32 {
    s.terms
        .iter()
        .zip(&s.roles)
        .filter(|(t, r)| {
            **r == Role::Other
                && states_a_lack(&t.text)
                && t.entries
                    .iter()
                    .any(|e| matches!(e.section, Section::Intent(_)))
        })
        .count() as u32
}

/// Whether a sentiment term is itself a negation: 不满, 没用, 还没, 找不到; in English a "can't" or
/// "won't" that denies nothing the lexicon knows ("I can't get into my account").
fn states_a_lack(term: &str) -> bool {
    term.starts_with(['不', '没'])
        || words!["还没", "不到", "不了"]
            .iter()
            .any(|w| term.contains(w))
        || matches!(term, "can't" | "cannot" | "won't")
}

/// A-not-A questions ("好不好", "管不管用"): byte spans of each X不X / X没X. Not a denial said
/// over and over ("不甜不甜不甜"): an X with 不 before it is already denied.
fn either_way_spans(text: &str) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut w = [(0usize, ' '); 4];
    for (b, c) in text.char_indices() {
        w = [w[1], w[2], w[3], (b, c)];
        if w[1].1 == c
            && !matches!(w[0].1, '不' | '没')
            && matches!(w[2].1, '不' | '没')
            && crate::text::is_cjk(c)
            && c != '不'
            && c != '没'
        {
            out.push((w[1].0, b + c.len_utf8()));
        }
    }
    out
}

/// Chinese negation reaches a feeling over degree words and a few function characters ("不是很
/// 生气", "不会让你失望"); a character of another word between ("不送真是醉了") takes it. (Praise
/// after a verb is its result, which the negation does reach: "没包好", "没睡好".)
fn denies_a_verb_between(f: &Folded, hits: &[Hit], roles: &[Role], from: usize, to: usize) -> bool {
    const FILLER: &str = "是那这么怎觉得感有多也都还太很能会让想敢要可够给一再我你他她人任何什";
    let Some(between) = f.text.get(from..to) else {
        return false;
    };
    between.char_indices().any(|(k, c)| {
        let b = from + k;
        crate::text::is_cjk(c)
            && !FILLER.contains(c)
            && !hits.iter().zip(roles).any(|(h, r)| {
                matches!(r, Role::Degree(_) | Role::Negator(_)) && h.start <= b && b < h.end
            })
    })
}

/// Asks whether the item can, will or suits (not when or how fast: that is an order's business).
fn asks_capability(folded: &str) -> bool {
    const MODAL: Words = words![
        "能",
        "可以",
        "会不会",
        "会漏",
        "会褪色",
        "适合",
        "适不适合",
        "支持",
        "can it",
        "does it",
        "will it",
        "is it ",
        "does this",
    ];
    const NOT: Words = words![
        "快",
        "发货",
        "什么时候",
        "到货",
        "退",
        "换",
        "便宜",
        "when",
        "ship",
    ];
    MODAL.iter().any(|m| folded.contains(m)) && !NOT.iter().any(|m| folded.contains(m))
}

/// The text before byte `at`, back to a `stop` character or `max` characters, whichever is
/// nearer: a bounded look, so a message of many cues stays linear.
fn reach_before(text: &str, at: usize, max: usize, stop: impl Fn(char) -> bool) -> &str {
    let head = &text[..at];
    let from = head
        .char_indices()
        .rev()
        .take(max)
        .take_while(|&(_, c)| !stop(c))
        .last()
        .map_or(at, |(i, _)| i);
    &head[from..]
}

/// The text after byte `at`, up to (not including) a `stop` character or `max` characters.
fn reach_after(text: &str, at: usize, max: usize, stop: impl Fn(char) -> bool) -> &str {
    let rest = &text[at..];
    let end = rest
        .char_indices()
        .enumerate()
        .find(|&(n, (_, c))| n == max || stop(c))
        .map_or(rest.len(), |(_, (i, _))| i);
    &rest[..end]
}

/// Asks how, what, where or which and nothing more: no yes/no particle (吗: "还没发货吗" presses
/// for an answer it expects to be bad), no 还/到底/为什么 (impatience), no wait asked about
/// (多久, 什么时候: the customer is waiting), no "what now" (怎么办, 怎么回事, 人呢). A customer learning how to do something is
/// not (yet) unhappy with the service.
fn asks_information(folded: &str) -> bool {
    const OPEN: Words = words![
        "怎么",
        "怎样",
        "如何",
        "什么",
        "啥",
        "哪",
        "how do",
        "how can",
        "what is",
        "where do",
        "where can",
    ];
    const PRESSING: Words = words![
        "吗",
        "还",
        "到底",
        "为什么",
        "为啥",
        "凭什么",
        "多久",
        "多长",
        "什么时候",
        "啥时",
        "几点",
        "几天",
        "when",
        "怎么办",
        "怎么回事",
        "怎么又",
        "怎么这么",
        "人呢",
        "??",
        "又",
        "都",
        "究竟",
        "why",
        "still",
        "yet",
    ];
    let t = folded.trim_end_matches(|c: char| c.is_whitespace() || "。.~!…".contains(c));
    let bare = t.trim_end_matches('?');
    let yes_no = bare.ends_with(['么', '嘛']) && !bare.ends_with("怎么") && !bare.ends_with("什么");
    (OPEN.iter().any(|w| t.contains(w)) && !PRESSING.iter().any(|w| t.contains(w)) && !yes_no)
        || follows_up(bare)
}

/// A follow-up that only asks which or what else: an alternative ("寄回还是上门取件?"), what else
/// is needed ("还需要提供什么", "还有别的吗"), what about a thing ("运费呢?"), a supposition to confirm
/// ("那我能退吧?"). Not a "still" (还是不行, 怎么还), a wait (多久, 明天才到) or a why, nor 人呢.
fn follows_up(bare: &str) -> bool {
    const ASKS: Words = words![
        "还是",
        "还有别的",
        "还有其他",
        "还有其它",
        "还有什么",
        "还需要",
        "还要什么",
    ];
    const PRESSING: Words = words![
        "人呢",
        "才",
        "客服呢",
        "为什么",
        "为啥",
        "凭什么",
        "到底",
        "还没",
        "还不",
        "怎么还",
        "还是不",
        "还是没",
        "还是这样",
        "多久",
        "什么时候",
    ];
    (bare.ends_with(['吧', '呢']) || ASKS.iter().any(|w| bare.contains(w)))
        && !PRESSING.iter().any(|w| bare.contains(w))
}

/// Asks something: a question mark, a final 吗/呢/么, or a question word.
fn is_question(folded: &str) -> bool {
    const WORDS: Words = words![
        "为什么",
        "为啥",
        "怎么",
        "怎样",
        "什么",
        "啥",
        "多少",
        "多久",
        "几天",
        "几点",
        "哪里",
        "哪儿",
        "哪个",
        "能否",
        "是否",
        "可不可以",
        "能不能",
        "有没有",
        "是不是",
        "how ",
        "what ",
        "when ",
        "where ",
        "why ",
        "which ",
        "can i",
        "can you",
        "could you",
        "is it",
        "do you",
        "does it",
    ];
    let t = folded
        .trim_end_matches(|c: char| c.is_whitespace() || matches!(c, '。' | '.' | '~' | '!' | '…'));
    if t.contains('?')
        || t.ends_with(['吗', '呢', '么', '嘛']) && !ok_with_a_particle(t)
        // "不用另外花钱的吧", "是这个订单对吧": asking to have it confirmed; "应该是吧" (a guess)
        // and "好的吧" (an ok) are too short to ask anything.
        || words!["的吧", "是吧", "对吧"].iter().any(|e| t.ends_with(e))
            && t.chars().filter(|c| crate::text::is_cjk(*c)).count() >= 5
        || WORDS.iter().any(|w| t.starts_with(w))
        // "ok do you know when", "so how long will it take": a filler word before the question.
        || words!["ok ", "okay ", "ok, ", "okay, ", "so ", "and ", "but ", "well "]
            .iter()
            .filter_map(|f| t.strip_prefix(f))
            .any(|rest| WORDS.iter().any(|w| w.is_ascii() && rest.starts_with(w)))
    {
        return true;
    }
    // Chinese question words count anywhere: one pass, trying the words only where one can start.
    // "过几天再看", "前几天买的": a few days, no question.
    t.char_indices().any(|(i, c)| {
        matches!(
            c,
            '为' | '怎' | '什' | '啥' | '多' | '几' | '哪' | '能' | '是' | '可' | '有'
        ) && WORDS.iter().any(|w| !w.is_ascii() && t[i..].starts_with(w))
            && !(c == '几' && t[..i].ends_with(['过', '前', '这', '等', '隔', '好']))
    })
}

/// "好的呢", "嗯嗯知道了呢", "是的呢亲": an ok said softly with 呢 asks nothing.
fn ok_with_a_particle(t: &str) -> bool {
    const OKS: Words = words![
        "好的",
        "好哒",
        "好滴",
        "好",
        "知道了",
        "知道啦",
        "收到",
        "收到了",
        "明白",
        "明白了",
        "了解",
        "了解了",
        "是的",
        "对的",
        "可以的",
        "没问题",
        "谢谢",
        "辛苦了",
        "好了",
    ];
    let Some(core) = t.strip_suffix("亲").unwrap_or(t).strip_suffix('呢') else {
        return false;
    };
    let core = core.trim_start_matches(['嗯', '恩', '哦', '噢', '喔', ' ', ',', '，']);
    OKS.contains(core)
}

fn strongest(emotions: &[f32], pick: impl Fn(CueKind) -> bool) -> Option<CueKind> {
    let mut best: Option<(CueKind, f32)> = None;
    for (i, k) in CueKind::ALL.iter().enumerate() {
        let v = emotions.get(i).copied().unwrap_or(0.0);
        if v > 0.0 && pick(*k) && best.is_none_or(|(_, b)| v > b) {
            best = Some((*k, v));
        }
    }
    best.map(|b| b.0)
}

#[allow(clippy::too_many_arguments)]
fn push_cue(
    cues: &mut Vec<Cue>,
    f: &Folded,
    text: &str,
    start: usize,
    end: usize,
    kind: CueKind,
    intensity: f32,
    notes: (&str, &str),
) {
    let s16 = f.utf16_at(start);
    let e16 = f.utf16_at(end);
    let span = f
        .original_slice(text, f.char_at(start), f.char_at(end))
        .to_string();
    // concat, not format!: this runs for every cue of every message on each re-read.
    let reason_zh = ["「", &span, "」→ ", kind.zh(), notes.0].concat();
    let reason_en = ["\"", &span, "\" → ", kind.en(), notes.1].concat();
    cues.push(Cue {
        start: s16,
        end: e16,
        kind,
        intensity: round2(intensity),
        text: span,
        reason_zh,
        reason_en,
    });
}

#[allow(clippy::too_many_arguments)]
fn push_typo_cue(
    cues: &mut Vec<Cue>,
    f: &Folded,
    text: &str,
    start_c: usize,
    end_c: usize,
    kind: CueKind,
    intensity: f32,
    zh: &str,
    en: &str,
) {
    let sb = f.byte_of_char(start_c);
    let eb = f.byte_of_char(end_c);
    let span = f.original_slice(text, start_c, end_c).to_string();
    cues.push(Cue {
        start: f.utf16_at(sb),
        end: f.utf16_at(eb),
        kind,
        intensity: round2(intensity),
        reason_zh: format!("{}「{}」→ {}", zh, span, kind.zh()),
        reason_en: format!("{} \"{}\" → {}", en, span, kind.en()),
        text: span,
    });
}

fn round2(x: f32) -> f32 {
    (x * 100.0).round() / 100.0
}

#[derive(Clone, Copy, PartialEq)]
enum Typo {
    Exclaim,
    /// One exclamation mark: exclaiming a complaint where no feeling is named ("UPS said NO!
    /// Unfair", "给我换个好使的!") is indignation; anywhere else it is only emphasis.
    Bang,
    Questions,
    Ellipsis,
    Caps,
}

impl Typo {
    fn note(self) -> (&'static str, &'static str) {
        match self {
            Typo::Exclaim => ("连续感叹号", "repeated exclamation marks"),
            Typo::Bang => ("感叹的抱怨", "a complaint exclaimed"),
            Typo::Questions => ("连续问号", "repeated question marks"),
            Typo::Ellipsis => ("省略号/无语", "trailing dots"),
            Typo::Caps => ("全大写", "ALL CAPS"),
        }
    }
}

struct TypoSpan {
    what: Typo,
    start: usize, // char indices
    end: usize,
    intensity: f32,
}

struct Typography {
    spans: Vec<TypoSpan>,
    /// Capitals shouted over most of the message's words: shouting even with no feeling word.
    shouted_through: bool,
    negative_boost: f32,
    warm_emoji: f32,
}

/// Punctuation runs, capitals, repeated characters and warm emoji of a message.
///
/// One walk over the chars (`TypoWalk`) finds punctuation runs, Latin words and repeats; the
/// words then tell shouting from a stressed word (`shouting`).
fn typography(f: &Folded) -> Typography {
    let mut w = TypoWalk {
        chars: f.text.chars().collect(),
        orig: &f.original,
        spans: Vec::new(),
        boost: 1.0,
        words: Vec::new(),
        tok_end: 0,
        tag: false,
        warm_emoji: 0.0,
    };
    let mut i = 0;
    while i < w.chars.len() {
        let c = w.chars[i];
        i = match c {
            '!' | '?' | '.' | '。' | '…' => w.punctuation(i, c),
            _ if c.is_ascii_alphabetic() => w.latin_word(i),
            _ => w.other(i, c),
        };
    }
    let mut spans = w.spans;
    let mut boost = w.boost;
    let mut shouted_through = false;
    // In a message written in Chinese, capitals are names and acronyms ("CHECK IN太慢", "WIFI
    // 信号差"): a Chinese writer shouts with ！！！, not with the shift key.
    if !written_in_chinese(&w.chars) {
        shouted_through = shouting(&w.words, &mut spans, &mut boost);
    }
    Typography {
        shouted_through,
        spans,
        negative_boost: boost.min(2.0),
        warm_emoji: w.warm_emoji,
    }
}

/// More Chinese characters than Latin letters.
fn written_in_chinese(chars: &[char]) -> bool {
    let (mut cjk, mut latin) = (0usize, 0usize);
    for c in chars {
        if crate::text::is_cjk(*c) {
            cjk += 1;
        } else if c.is_ascii_alphabetic() {
            latin += 1;
        }
    }
    cjk > latin
}

/// The state of the walk over a message's chars.
struct TypoWalk<'a> {
    chars: Vec<char>,
    orig: &'a [char],
    spans: Vec<TypoSpan>,
    boost: f32,
    /// Latin words outside tags: (start, end, all capitals).
    words: Vec<(usize, usize, bool)>,
    /// End of the whitespace-separated token last looked at, and whether it is a tag or a link.
    tok_end: usize,
    tag: bool,
    warm_emoji: f32,
}

impl TypoWalk<'_> {
    /// A run of the same punctuation (！！！, ？？？, 。。。, …) from `i`; returns where it ends.
    fn punctuation(&mut self, i: usize, c: char) -> usize {
        let chars = &self.chars;
        let mut j = i + 1;
        while j < chars.len() && (chars[j] == c || matches!((c, chars[j]), ('!', '?') | ('?', '!')))
        {
            j += 1;
        }
        let run = j - i;
        let what = match c {
            '!' if run >= 2 => Some(Typo::Exclaim),
            '!' => Some(Typo::Bang),
            '?' if run >= 2 => Some(Typo::Questions),
            '.' | '。' if run >= 3 => Some(Typo::Ellipsis),
            '…' => Some(Typo::Ellipsis),
            _ => None,
        };
        if let Some(what) = what {
            let intensity = (0.6 + 0.2 * run.min(6) as f32).min(1.8);
            if what == Typo::Exclaim || what == Typo::Questions {
                self.boost *= 1.0 + 0.08 * run.min(5) as f32;
            }
            self.spans.push(TypoSpan {
                what,
                start: i,
                end: j,
                intensity,
            });
        }
        j
    }

    /// A Latin word from `i`, kept unless it is part of a tag, a link or an identifier; returns
    /// where it ends.
    fn latin_word(&mut self, i: usize) -> usize {
        let chars = &self.chars;
        let mut j = i + 1;
        while j < chars.len() && chars[j].is_ascii_alphabetic() {
            j += 1;
        }
        let word = &self.orig[i..j];
        // Hashtags, @handles and links are names, not the customer's voice.
        // (The token is found once per whitespace-separated token: linear even in a long
        // message with no spaces.)
        if i >= self.tok_end {
            let ts = chars[self.tok_end..i]
                .iter()
                .rposition(|c| c.is_whitespace())
                .map_or(self.tok_end, |p| self.tok_end + p + 1);
            self.tok_end = chars[j..]
                .iter()
                .position(|c| c.is_whitespace())
                .map_or(chars.len(), |p| j + p);
            let token = &chars[ts..self.tok_end];
            self.tag = matches!(token.first(), Some('#' | '@'))
                || token.windows(3).any(|w| w == [':', '/', '/'])
                || token.starts_with(&['w', 'w', 'w', '.']);
        }
        // Letters joined to digits or underscores are an identifier (ORDERID_1017, SKU123).
        let ident = |c: Option<&char>| c.is_some_and(|c| c.is_ascii_digit() || *c == '_');
        if !self.tag && !ident(i.checked_sub(1).and_then(|p| chars.get(p))) && !ident(chars.get(j))
        {
            let caps = word.len() >= 2 && word.iter().all(|c| c.is_ascii_uppercase());
            self.words.push((i, j, caps));
        }
        j
    }

    /// Any other char: repeated characters (快快快, 啊啊啊: three or more of the same) raise the
    /// heat, warm emoji add warmth; returns where the run ends.
    fn other(&mut self, i: usize, c: char) -> usize {
        let mut j = i + 1;
        while j < self.chars.len() && self.chars[j] == c {
            j += 1;
        }
        if j - i >= 3 && !c.is_whitespace() && !c.is_ascii_digit() {
            self.boost *= 1.15;
        }
        if matches!(c, '~' | '😊' | '😄' | '🙏' | '❤' | '🌹' | '😁') {
            self.warm_emoji += 0.5;
        }
        j
    }
}

/// Shouting is a run of capitals ("WHERE IS MY ORDER"), or a message written all in capitals.
/// One word in capitals stresses that word ("I need it NOW") and may be a name or an acronym
/// ("my SAMSUNG", "the TARDIS"): it raises the heat of what is there but is no cue of its own.
/// Says whether the shouted runs hold most of the message's letters.
fn shouting(words: &[(usize, usize, bool)], spans: &mut Vec<TypoSpan>, boost: &mut f32) -> bool {
    let all_caps = !words.is_empty()
        && words.iter().all(|w| w.2)
        && words.iter().map(|w| w.1 - w.0).sum::<usize>() >= 5;
    let mut k = 0;
    let mut shouted = false;
    let mut shouted_letters = 0;
    while k < words.len() {
        let mut e = k;
        while e < words.len() && words[e].2 {
            e += 1;
        }
        let run = &words[k..e];
        let letters: usize = run.iter().map(|w| w.1 - w.0).sum();
        if (run.len() >= 2 && letters >= 6 && run.iter().any(|w| w.1 - w.0 >= 3))
            || (all_caps && !run.is_empty())
        {
            shouted = true;
            shouted_letters += letters;
            let intensity = 1.0 + 0.2 * run.len().min(4) as f32;
            spans.push(TypoSpan {
                what: Typo::Caps,
                start: run[0].0,
                end: run[run.len() - 1].1,
                intensity,
            });
        } else if run.iter().any(|w| w.1 - w.0 >= 3) {
            *boost *= 1.1;
        }
        k = e.max(k + 1);
    }
    if shouted {
        *boost *= 1.25;
    }
    let letters: usize = words.iter().map(|w| w.1 - w.0).sum();
    shouted_letters * 2 > letters
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::OnceLock;

    #[test]
    fn markers_of_a_message_are_found_where_they_stand() {
        let f = Folded::new("呵呵，质量不错，但是物流太慢");
        let lx = lex();
        let hits = lx.scan(&f);
        let terms: Vec<&Term> = hits.iter().map(|h| lx.term(h)).collect();
        let roles = roles_of(&f, &hits, &terms);
        let s = Scan {
            f: &f,
            layout: Layout::new(&f.text),
            hits,
            terms,
            roles,
        };
        let m = message_markers(&s);
        assert_eq!(m.sarcasm.first().map(|s| s.0), Some(0));
        assert!(m
            .markers
            .iter()
            .any(|k| k.turn == Turn::Contrast && k.at == 8));
    }

    #[test]
    fn a_denied_act_is_nothing_and_a_denied_disappointment_is_praise() {
        let (_, act, _) = denied(None, -1.0, 1.0, true);
        assert_eq!(act, 0.0);
        let (kind, pol, _) = denied(Some(CueKind::Disappointment), -1.0, 1.0, false);
        assert_eq!(kind, None);
        assert!(pol > 0.0);
    }

    #[test]
    fn one_word_in_capitals_is_stress_and_a_run_of_them_is_shouting() {
        let stressed = typography(&Folded::new("I need it NOW please"));
        assert!(stressed.spans.iter().all(|s| s.what != Typo::Caps));
        assert!(stressed.negative_boost > 1.0);
        let shouted = typography(&Folded::new("where IS MY ORDER now"));
        assert!(shouted.spans.iter().any(|s| s.what == Typo::Caps));
    }

    fn lex() -> &'static Lexicon {
        static L: OnceLock<Lexicon> = OnceLock::new();
        L.get_or_init(|| Lexicon::builtin().unwrap())
    }

    fn kinds(text: &str) -> Vec<CueKind> {
        read(lex(), text, Context::default())
            .cues
            .iter()
            .map(|c| c.kind)
            .collect()
    }

    fn has(text: &str, k: CueKind) -> bool {
        kinds(text).contains(&k)
    }

    #[test]
    fn asking_how_the_shop_does_something_is_no_reproach() {
        assert!(!has("我要退货你们怎么自提？", CueKind::Anger));
        assert!(!has("你们怎么收费的", CueKind::Anger));
    }

    #[test]
    fn how_did_you_manage_that_is_still_a_reproach() {
        assert!(has("你们怎么搞的", CueKind::Anger));
        assert!(has("你们怎么回事", CueKind::Anger));
    }

    #[test]
    fn a_question_about_what_a_bad_review_does_is_no_threat() {
        assert!(!has("差评可以删除吗", CueKind::Threat));
        assert!(!has("买家过错导致的差评会记录在评分里吗", CueKind::Threat));
        assert!(!has("那个差评的商品怎么退", CueKind::Threat));
    }

    #[test]
    fn a_bad_review_the_writer_says_they_will_give_is_still_a_threat() {
        assert!(has("不处理好我会差评的", CueKind::Threat));
        assert!(has("再这样就差评", CueKind::Threat));
        assert!(has("首个差评就给这个了", CueKind::Threat));
    }

    #[test]
    fn a_not_yet_that_allows_the_step_asked_about_is_no_worry() {
        assert!(!has("还没发货可以取消吗", CueKind::Anxiety));
        assert!(!has("货还没到，可以退货么?", CueKind::Anxiety));
    }

    #[test]
    fn a_not_yet_that_presses_is_still_a_worry_whatever_is_asked_after_it() {
        assert!(has("都三天了还没发货，可以取消吗", CueKind::Anxiety));
        assert!(has("为什么还没发货，能取消吗", CueKind::Anxiety));
        assert!(has("怎么还没到", CueKind::Anxiety));
    }

    #[test]
    fn a_name_in_capitals_inside_a_message_in_lower_case_is_no_shouting() {
        let r = read(
            lex(),
            "Listening to JANIS JOPLIN tonight",
            Context::default(),
        );
        assert!(r.cues.is_empty() && r.polarity == 0.0);
    }

    #[test]
    fn capitals_over_the_whole_message_are_shouting_even_with_no_feeling_word() {
        let r = read(
            lex(),
            "WHY IS NOBODY ANSWERING my emails",
            Context::default(),
        );
        assert!(r.cues.iter().any(|c| c.kind == CueKind::Anger));
    }

    #[test]
    fn every_cue_kind_in_chinese() {
        assert!(has("你们这是什么态度，气死我了", CueKind::Anger));
        assert!(has("我急用，什么时候能发货", CueKind::Anxiety));
        assert!(has("真的吗？上次也是这么说的", CueKind::Distrust));
        assert!(has("算了，无语", CueKind::Disappointment));
        assert!(has("收到是坏的，好难过，想哭", CueKind::Sadness));
        assert!(has("这个什么意思，没看懂", CueKind::Confusion));
        assert!(has("好的谢谢亲，辛苦了", CueKind::Gratitude));
        assert!(has("收到了很开心，太喜欢了", CueKind::Joy));
        assert!(has("再不处理我就给差评，还要投诉到12315", CueKind::Threat));
    }

    #[test]
    fn a_cue_word_with_an_invisible_char_inside_is_found_and_highlighted_over_its_whole_span() {
        for (text, word) in [
            ("你们气\u{200B}死我了", "气\u{200B}死"),
            ("I will file a charge\u{200B}back", "charge\u{200B}back"),
            ("I will file a charge\u{00AD}back", "charge\u{00AD}back"),
            ("差\u{FEFF}评", "差\u{FEFF}评"),
        ] {
            let r = read(lex(), text, Context::default());
            let units: Vec<u16> = text.encode_utf16().collect();
            let at = text
                .find(word)
                .map(|b| text[..b].encode_utf16().count())
                .unwrap();
            let end = at + word.encode_utf16().count();
            let cue = r
                .cues
                .iter()
                .find(|c| c.start as usize <= at && c.end as usize >= end);
            let cue = cue.unwrap_or_else(|| panic!("no cue over {word:?} in {:?}", r.cues));
            assert_eq!(
                String::from_utf16_lossy(&units[cue.start as usize..cue.end as usize]),
                cue.text,
                "the range is the original text"
            );
            assert!(r.polarity < -0.2, "{text:?}: {}", r.polarity);
        }
    }

    #[test]
    fn every_cue_kind_in_english() {
        assert!(has("This is ridiculous, I am furious", CueKind::Anger));
        assert!(has("I'm still waiting, I need it ASAP", CueKind::Anxiety));
        assert!(has(
            "You said that last time. Are you sure?",
            CueKind::Distrust
        ));
        assert!(has(
            "Forget it, I'm so disappointed",
            CueKind::Disappointment
        ));
        assert!(has("I'm heartbroken, it was a gift", CueKind::Sadness));
        assert!(has("I'm confused, what do you mean?", CueKind::Confusion));
        assert!(has(
            "Thank you so much, I appreciate it",
            CueKind::Gratitude
        ));
        assert!(has("Love it, I'm so happy", CueKind::Joy));
        assert!(has(
            "I'll leave a bad review and file a chargeback",
            CueKind::Threat
        ));
    }

    #[test]
    fn urgency_is_a_feeling_to_answer_more_than_displeasure() {
        // A time asked for is shown as urgency, but the message is not read as negative...
        let r = read(lex(), "Can it arrive by tomorrow?", Context::default());
        assert!(r.emotion(CueKind::Anxiety) > 0.0, "{:?}", r.cues);
        assert!(r.polarity > -0.22, "{}", r.polarity);
        // ...while pressing for it is: the evidence behind complaints keeps its full weight.
        let w = read(lex(), "Still waiting, I need it ASAP", Context::default());
        assert!(
            w.polarity < -0.22 && w.negative >= 2.0,
            "{} {}",
            w.polarity,
            w.negative
        );
    }

    #[test]
    fn general_english_carries_valence_without_shop_words() {
        assert!(
            read(lex(), "The attack killed twelve people", Context::default()).polarity < -0.22
        );
        assert!(
            read(
                lex(),
                "Racist and corrupt, a total disgrace",
                Context::default()
            )
            .polarity
                < -0.5
        );
        assert!(
            read(
                lex(),
                "What a stunning performance, a masterpiece",
                Context::default()
            )
            .polarity
                > 0.3
        );
        assert!(
            read(
                lex(),
                "The battery is dead after a week",
                Context::default()
            )
            .polarity
                < -0.22
        );
    }

    #[test]
    fn a_conditional_threat_is_not_negated() {
        let r = read(lex(), "不回我就给差评", Context::default());
        assert!(r.emotion(CueKind::Threat) > 0.0, "{:?}", r.cues);
        let m = read(lex(), "能装牛奶吗", Context::default());
        assert!(m.cues.is_empty(), "牛奶 is milk, not praise: {:?}", m.cues);
    }

    #[test]
    fn negation_flips_praise_and_cancels_feelings() {
        let a = read(lex(), "质量很好", Context::default());
        let b = read(lex(), "质量不好", Context::default());
        assert!(
            a.polarity > 0.2 && b.polarity < -0.2,
            "{} {}",
            a.polarity,
            b.polarity
        );
        let c = read(lex(), "this is not good", Context::default());
        assert!(c.polarity < 0.0, "{}", c.polarity);
        // Negation scope stops at the clause: "不" in the first clause does not reach "满意".
        let d = read(lex(), "不贵，很满意", Context::default());
        assert!(d.polarity > 0.3, "{}", d.polarity);
        assert!(!has("我不生气", CueKind::Anger));
        assert!(has("not happy at all", CueKind::Disappointment));
    }

    #[test]
    fn degree_words_scale_intensity() {
        let mild = read(lex(), "有点失望", Context::default());
        let strong = read(lex(), "非常失望", Context::default());
        let so = read(lex(), "I am so disappointed", Context::default());
        let bit = read(lex(), "I am a bit disappointed", Context::default());
        assert!(strong.cues[0].intensity > mild.cues[0].intensity * 2.0);
        assert!(so.cues[0].intensity > bit.cues[0].intensity * 1.5);
    }

    #[test]
    fn punctuation_caps_and_repeats_raise_the_heat() {
        let calm = read(lex(), "怎么还没发货", Context::default());
        let loud = read(lex(), "怎么还没发货！！！", Context::default());
        assert!(loud.negative > calm.negative);
        let q = read(lex(), "？？？", Context::default());
        assert_eq!(q.cues[0].kind, CueKind::Confusion);
        let q2 = read(lex(), "怎么还没到？？？", Context::default());
        assert!(q2
            .cues
            .iter()
            .any(|c| c.text == "？？？" && c.kind == CueKind::Anxiety));
        let caps = read(lex(), "WHERE IS MY ORDER", Context::default());
        assert!(caps
            .cues
            .iter()
            .any(|c| c.kind == CueKind::Anger && c.text == "WHERE IS MY ORDER"));
        // One word in capitals is a name, an acronym or a stress, not shouting; tags are names.
        for calm in [
            "My SAMSUNG phone arrived",
            "the EPA and the USA agree",
            "Loved the show #GSOFCB #TARDIS",
            "[ORDERID_10170700]",
            "SKU123 ABC_9 please",
            "see https://EXAMPLE.COM/ABC",
        ] {
            let r = read(lex(), calm, Context::default());
            assert!(
                !r.cues.iter().any(|c| c.kind == CueKind::Anger) && r.polarity >= 0.0,
                "{calm}: {:?}",
                r.cues
            );
        }
        let stressed = read(
            lex(),
            "I need it NOW, this is ridiculous",
            Context::default(),
        );
        let plain = read(
            lex(),
            "I need it now, this is ridiculous",
            Context::default(),
        );
        assert!(
            stressed.negative > plain.negative && !stressed.cues.iter().any(|c| c.text == "NOW")
        );
        assert!(read(lex(), "UNACCEPTABLE", Context::default())
            .cues
            .iter()
            .any(|c| c.reason_en.contains("CAPS")));
        // A negation with no feeling word after it is weak problem evidence in English.
        let p = read(lex(), "The lid doesn't close", Context::default()).polarity;
        assert!(
            p < 0.0
                && p > -0.22
                && read(lex(), "The lid closes", Context::default()).polarity == 0.0,
            "{p}"
        );
        let dots = read(lex(), "哦。。。", Context::default());
        assert!(dots.cues.iter().any(|c| c.kind == CueKind::Disappointment));
        let fast = read(lex(), "快快快，急", Context::default());
        let slow = read(lex(), "快，急", Context::default());
        assert!(fast.emotion(CueKind::Anxiety) >= slow.emotion(CueKind::Anxiety));
    }

    #[test]
    fn emoji_and_platform_codes() {
        assert!(has("😡😡", CueKind::Anger));
        assert!(has("[大哭]", CueKind::Sadness));
        assert!(has("好的[微笑]", CueKind::Disappointment));
        assert!(has("(╯‵□′)╯︵┻━┻", CueKind::Anger));
        assert!(has("thanks :)", CueKind::Joy));
    }

    #[test]
    fn a_device_fault_stated_plainly_reads_as_criticism() {
        for t in [
            "看视频闪屏，更换一个还是如此",
            "洗衣机不脱水，一直报错",
            "表面出现掉漆现象",
        ] {
            assert!(read(lex(), t, Context::default()).polarity < 0.0, "{t}");
        }
        assert!(read(lex(), "不掉漆，做工很好", Context::default()).polarity > 0.0);
    }

    #[test]
    fn sarcasm_turns_praise_into_disappointment() {
        let r = read(lex(), "等了十天还没到，真行", Context::default());
        assert!(
            r.cues
                .iter()
                .any(|c| c.text == "真行" && c.kind == CueKind::Disappointment),
            "{:?}",
            r.cues
        );
        let r = read(lex(), "呵呵，好棒哦", Context::default());
        assert!(r.polarity < 0.0);
        let r = read(lex(), "呵呵，好棒哦", Context::default());
        assert!(r.polarity < 0.0);
        // Alone and sincere, praise stays praise.
        let r = read(lex(), "真棒，谢谢", Context::default());
        assert!(r.polarity > 0.0);
    }

    #[test]
    fn hehe_is_a_laugh_in_a_happy_message_and_a_sneer_after_a_complaint() {
        let happy = read(lex(), "衣服质量特别好，很满意，呵呵！", Context::default());
        assert!(
            happy.polarity > 0.3 && !happy.cues.iter().any(|c| c.kind == CueKind::Disappointment),
            "{:?}",
            happy.cues
        );
        let sneer = read(lex(), "呵呵，又没到", Context::default());
        assert!(sneer
            .cues
            .iter()
            .any(|c| c.text == "呵呵" && c.kind == CueKind::Disappointment));
        let after = read(
            lex(),
            "呵呵",
            Context {
                negative_before: true,
            },
        );
        assert!(after.polarity < 0.0);
    }

    #[test]
    fn good_thing_vs_adverb_and_missing_courtesy() {
        assert!(read(lex(), "好东西，好书", Context::default()).polarity > 0.3);
        assert!(read(lex(), "好想出去玩", Context::default()).polarity.abs() < 0.2);
        assert!(read(lex(), "客服没有耐心", Context::default()).polarity < 0.0);
        assert!(read(lex(), "不用谢", Context::default()).polarity >= 0.0);
    }

    #[test]
    fn spans_are_utf16_exact_around_emoji_and_cjk() {
        let text = "😀😀我要投诉！";
        let r = read(lex(), text, Context::default());
        let t = r.cues.iter().find(|c| c.kind == CueKind::Threat).unwrap();
        let units: Vec<u16> = text.encode_utf16().collect();
        assert_eq!(
            String::from_utf16(&units[t.start as usize..t.end as usize]).unwrap(),
            "投诉"
        );
        assert_eq!((t.start, t.end), (6, 8));
    }

    #[test]
    fn having_found_customer_service_is_no_giving_up() {
        // 服了 ("I give up on you") across 客服 + 了.
        let r = read(lex(), "我找到客服了", Context::default());
        assert!(r.cues.is_empty(), "{:?}", r.cues);
        assert!(!read(lex(), "真是服了", Context::default()).cues.is_empty());
    }

    #[test]
    fn a_cue_character_inside_a_plain_word_is_not_a_cue() {
        // 次 "shoddy", 草 (a curse), 怕 "afraid", 贵 "pricey", 无 "not" inside everyday words.
        for plain in [
            "这次买的草莓",
            "第二次来买了",
            "哪怕晚一天也行",
            "贵店的酸奶",
            "无线耳机",
            "旧手机以旧换新",
        ] {
            let r = read(lex(), plain, Context::default());
            assert!(
                r.cues.is_empty() && r.polarity == 0.0,
                "{plain}: {} {:?}",
                r.polarity,
                r.cues
            );
        }
        assert!(read(lex(), "无线耳机好用", Context::default()).polarity > 0.3);
        // Negators inside words that negate nothing.
        for good in [
            "不得不说质量很好",
            "无比舒适",
            "没想到这么好用",
            "不少人推荐",
            "阳光灿烂",
        ] {
            assert!(
                read(lex(), good, Context::default()).polarity > 0.3,
                "{good}"
            );
        }
        assert!(read(lex(), "没想到这么差", Context::default()).polarity < -0.3);
        // The characters still read where they mean it.
        assert!(read(lex(), "质量太次了", Context::default()).polarity < -0.3);
        assert!(has("我怕收不到", CueKind::Anxiety));
        assert!(has("太可笑了", CueKind::Anger));
    }

    #[test]
    fn traditional_chinese_reads_like_simplified() {
        assert!(has("騙子！我要給差評", CueKind::Threat));
        assert!(has("騙子！我要給差評", CueKind::Distrust));
    }

    #[test]
    fn intents_and_curtness() {
        assert_eq!(
            read(lex(), "亲，我的快递到哪了", Context::default()).intent,
            Some(Intent::Logistics)
        );
        assert_eq!(
            read(lex(), "能开发票吗", Context::default()).intent,
            Some(Intent::Invoice)
        );
        for q in [
            "你好，这个保温杯能直接装开水吗？",
            "杯盖会漏水吗？",
            "Is it dishwasher safe?",
        ] {
            assert_eq!(
                read(lex(), q, Context::default()).intent,
                Some(Intent::ProductQuestion),
                "{q}"
            );
        }
        assert_ne!(
            read(lex(), "能不能快点发货？", Context::default()).intent,
            Some(Intent::ProductQuestion)
        );
        assert_eq!(
            read(lex(), "I want a refund", Context::default()).intent,
            Some(Intent::Refund)
        );
        assert!(read(lex(), "哦", Context::default()).curt);
        assert!(read(lex(), "ok.", Context::default()).curt);
        assert!(!read(lex(), "好的，那我等你们消息，谢谢亲", Context::default()).curt);
    }

    fn pol(text: &str) -> f32 {
        read(lex(), text, Context::default()).polarity
    }

    #[test]
    fn the_clause_after_a_contrast_carries_the_verdict() {
        assert!(
            pol("东西不错，但是物流太慢了") < -0.22,
            "{}",
            pol("东西不错，但是物流太慢了")
        );
        assert!(pol("物流慢了点，但是东西很好") > 0.22);
        assert!(pol("The screen is lovely but the battery died after a day") < 0.0);
        // Two turns: each part is weighed against its neighbours, the last one most.
        assert!(pol("价格贵，不过质量好，可是客服态度很差") < 0.0);
    }

    #[test]
    fn a_conceded_clause_does_not_outweigh_the_clause_that_answers_it() {
        for text in [
            "虽然价格贵了一点，但是质量真的很好",
            "Although the price was high, I love it",
            "I love it, although it is a bit pricey",
            "除了包装有点破，其他都很好",
            "本以为会很小，结果挺大的，很满意",
        ] {
            assert!(pol(text) > 0.22, "{text}: {}", pol(text));
        }
        assert!(pol("虽然包装很漂亮，但是东西是坏的") < -0.22);
    }

    #[test]
    fn a_but_after_an_opening_verdict_adds_a_reservation_and_does_not_overturn_it() {
        assert!(pol("酒店总体不错，但是早餐一般") > 0.0);
        assert!(pol("overall a great stay, but the breakfast was poor") > 0.0);
        assert!(pol("质量不错，但是物流太慢了，很失望") < 0.0);
    }

    #[test]
    fn a_minor_reservation_after_praise_keeps_the_review_good() {
        for text in [
            "衣服很好看，就是有点薄",
            "房间干净，服务热情，唯一的缺点是早餐一般",
            "质量不错，只是颜色有点深",
        ] {
            assert!(pol(text) > 0.0, "{text}: {}", pol(text));
        }
    }

    #[test]
    fn a_complaint_only_supposed_after_if_does_not_outweigh_the_praise() {
        for text in [
            "东西收到了，挺好的，如果不好用就退",
            "用着挺顺手的，要是坏了再来找你们",
        ] {
            assert!(pol(text) > 0.0, "{text}: {}", pol(text));
        }
        assert!(pol("东西收到了，挺好的，就是不好用") < pol("东西收到了，挺好的，如果不好用就退"));
    }

    #[test]
    fn a_wish_for_what_is_missing_is_no_praise() {
        let text = "屏幕有点暗，要是有蓝牙就更好了";
        assert!(pol(text) < 0.0, "{text}: {}", pol(text));
    }

    #[test]
    fn mainly_is_no_if() {
        assert_eq!(pol("主要是做工好"), pol("做工好"));
    }

    #[test]
    fn a_word_that_tells_things_apart_holds_no_dont() {
        for text in ["纳税人识别号是1234", "商品类别是什么", "两个订单分别开发票"]
        {
            let r = read(lex(), text, Context::default());
            assert!(r.negations == 0 && r.polarity >= 0.0, "{text}: {r:?}");
        }
        assert!(read(lex(), "别催了", Context::default()).negations > 0);
    }

    #[test]
    fn asking_to_have_it_confirmed_with_a_tag_is_a_question() {
        assert!(is_question("不用花钱买那个退货无忧的吧"));
        assert!(is_question("是这个订单对吧"));
    }

    #[test]
    fn a_few_days_is_no_question() {
        assert!(!is_question("我过几天再看下"));
        assert!(!is_question("前几天买的"));
        assert!(is_question("几天能到"));
    }

    #[test]
    fn an_ok_said_softly_with_ne_is_no_question() {
        assert!(!is_question("好的呢"));
        assert!(!is_question("嗯嗯 知道了呢"));
        assert!(!is_question("是的呢亲"));
        assert!(is_question("那发票呢"));
    }

    #[test]
    fn a_short_guess_or_ok_with_a_tag_is_no_question() {
        assert!(!is_question("应该是吧"));
        assert!(!is_question("好的吧"));
    }

    #[test]
    fn praise_that_names_the_service_or_the_date_files_no_complaint() {
        let praise = "京东服务态度真好，刚才买了两箱奶回来，日期比便利店都新鲜";
        assert_ne!(
            read(lex(), praise, Context::default()).intent,
            Some(Intent::Complaint)
        );
        let fault = "服务态度太差了，奶的日期都快过期了";
        assert_eq!(
            read(lex(), fault, Context::default()).intent,
            Some(Intent::Complaint)
        );
    }

    #[test]
    fn a_bad_review_a_buyer_gave_is_no_threat_from_the_seller_telling_it() {
        let r = read(lex(), "顾客给我店里一个差评，怎么删掉", Context::default());
        assert!(r.emotion(CueKind::Threat) == 0.0, "{r:?}");
        let r = read(lex(), "再不处理我就给差评", Context::default());
        assert!(r.emotion(CueKind::Threat) > 0.0, "{r:?}");
    }

    #[test]
    fn a_claim_already_paid_is_no_call_for_a_manager() {
        let r = read(lex(), "发信息说，已经理赔到小金库啦", Context::default());
        assert_ne!(r.intent, Some(Intent::HumanAgent), "{r:?}");
        let r = read(lex(), "我要找你们经理", Context::default());
        assert_eq!(r.intent, Some(Intent::HumanAgent), "{r:?}");
    }

    #[test]
    fn a_particle_said_twice_is_a_friendly_nod_not_a_curt_one() {
        assert!(!read(lex(), "哦哦", Context::default()).curt);
        assert!(!read(lex(), "嗯嗯", Context::default()).curt);
        assert!(read(lex(), "哦。", Context::default()).curt);
    }

    #[test]
    fn a_bank_or_a_trip_is_no_curt_fine() {
        assert!(read(lex(), "行", Context::default()).curt);
        for text in ["银行卡", "行李"] {
            assert!(!read(lex(), text, Context::default()).curt, "{text}");
        }
    }

    #[test]
    fn that_is_right_states_no_lack() {
        assert_eq!(read(lex(), "没错", Context::default()).negations, 0);
    }

    #[test]
    fn a_heading_word_is_not_read_as_the_feeling() {
        assert!(
            pol("缺点：颜色是黑的") == 0.0 && pol("缺点") < 0.0,
            "{}",
            pol("缺点：颜色是黑的")
        );
    }

    #[test]
    fn problems_stated_plainly_read_as_complaints() {
        for text in [
            "外卖一个小时才送到",
            "汤太咸了",
            "手机开不了机",
            "洗发水洒了，只剩半瓶了",
            "这个奶真难喝",
            "米饭没熟",
            "这鱼很腥",
            "声音这么小",
            "The app keeps logging me out every time",
            "Only one of the two lamps arrived",
            "My order came late and the food was cold",
        ] {
            let r = read(lex(), text, Context::default());
            assert!(
                r.polarity < 0.0 && is_complaint_like(&r),
                "{text}: {} {}",
                r.polarity,
                r.negative
            );
        }
        // The same shapes denied or fixed are no problem.
        for text in [
            "一点也不难喝",
            "不太小，刚刚好",
            "对不起，我忘了",
            "三天就到了",
            "至少还有三个",
        ] {
            assert!(pol(text) >= 0.0, "{text}: {}", pol(text));
        }
    }

    fn is_complaint_like(r: &Reading) -> bool {
        r.negative >= 0.8
    }

    #[test]
    fn faint_english_cues_count_only_inside_a_complaint() {
        for text in [
            "I will definitely order again",
            "Best purchase yet",
            "I always buy this brand, love it",
            "Hope for the best",
        ] {
            let r = read(lex(), text, Context::default());
            assert!(
                !r.cues
                    .iter()
                    .any(|c| matches!(c.kind, CueKind::Distrust | CueKind::Anxiety))
                    && r.polarity >= 0.0,
                "{text}: {:?}",
                r.cues
            );
        }
        assert!(!has("Hope for the best", CueKind::Joy));
        assert!(has(
            "Wrong item again, this is ridiculous",
            CueKind::Distrust
        ));
        assert!(has(
            "The driver was rude again, terrible service",
            CueKind::Distrust
        ));
        assert!(has(
            "Hope you are well, thanks so much for the lovely gift",
            CueKind::Joy
        ));
    }

    #[test]
    fn faint_chinese_cues_count_only_inside_a_complaint() {
        let r = read(lex(), "还没用，看着不错", Context::default());
        assert!(
            r.polarity > 0.22 && r.emotion(CueKind::Anxiety) == 0.0,
            "{} {:?}",
            r.polarity,
            r.cues
        );
        let r = read(lex(), "每次都买这家，很好吃", Context::default());
        assert!(
            r.polarity > 0.22 && r.emotion(CueKind::Distrust) == 0.0,
            "{:?}",
            r.cues
        );
        assert!(has("又发错货了，每次都出问题", CueKind::Distrust));
    }

    #[test]
    fn cancelling_or_unsubscribing_is_a_request_not_a_threat() {
        for text in [
            "How do I cancel my subscription?",
            "I want to unsubscribe from your emails",
            "Please cancel my account",
        ] {
            let r = read(lex(), text, Context::default());
            assert_eq!(r.intent, Some(Intent::Cancellation), "{text}");
            assert!(
                !r.cues
                    .iter()
                    .any(|c| matches!(c.kind, CueKind::Threat | CueKind::Disappointment)),
                "{text}: {:?}",
                r.cues
            );
        }
        // A real ultimatum still is one.
        assert!(has("Fix this or I will file a chargeback", CueKind::Threat));
    }

    #[test]
    fn the_customers_own_slip_is_a_request_and_no_complaint() {
        for text in [
            "Please cancel my order, I ordered the wrong size",
            "I bought the wrong one, can I exchange it?",
        ] {
            let r = read(lex(), text, Context::default());
            assert!(r.polarity > -0.1 && r.negative == 0.0, "{text}: {r:?}");
        }
        assert!(pol("You sent the wrong size") < -0.22);
    }

    #[test]
    fn a_problem_or_a_disappointment_denied_is_praise() {
        for text in [
            "Installed without any errors",
            "The hotel didn't disappoint",
            "没有失望，很满意",
            "这次一点也不差",
            "用了一周，没发现什么问题",
            "衣服没有色差",
        ] {
            assert!(pol(text) > 0.0, "{text}: {}", pol(text));
        }
    }

    #[test]
    fn emphasis_warnings_and_denied_acts_are_not_praise() {
        // "Never seen such bad service" stresses it; "don't be fooled" warns; not giving a bad
        // review is no compliment.
        for text in [
            "没见过这么差的客服",
            "不带这么坑人的",
            "大家别上当",
            "不要被忽悠了",
        ] {
            assert!(pol(text) < 0.0, "{text}: {}", pol(text));
        }
        assert!(pol("本来不想给差评的") <= 0.0);
    }

    #[test]
    fn sarcasm_reaches_praise_near_its_markers_not_across_a_long_review() {
        let text = "宝贝质量很好，做工精细，很满意。物流也快。包装严实。客服耐心。朋友看了说厉害了。价格也合适，呵呵。";
        let r = read(lex(), text, Context::default());
        assert!(
            r.polarity > 0.3
                && !r
                    .cues
                    .iter()
                    .any(|c| c.text == "很满意" && c.kind == CueKind::Disappointment),
            "{} {:?}",
            r.polarity,
            r.cues
        );
        // Beside the markers, praise is still sarcasm.
        assert!(read(lex(), "呵呵，你们的服务真好，厉害了", Context::default()).polarity < 0.0);
    }

    #[test]
    fn thanks_for_a_problem_is_angry_sarcasm_and_thanks_for_help_is_not() {
        assert!(has("thanks for ignoring me for three days", CueKind::Anger));
        assert!(!has(
            "thanks for ignoring me for three days",
            CueKind::Gratitude
        ));
        assert!(pol("thank you for sending me a broken phone") < 0.0);
        assert!(has(
            "thanks for your help, the parcel came today",
            CueKind::Gratitude
        ));
        assert!(has("thanks for the quick reply", CueKind::Gratitude));
    }

    #[test]
    fn a_question_of_when_asked_calmly_is_no_worry_and_in_a_complaint_it_is() {
        assert!(!has("我今天下单的大概什么时候到货", CueKind::Anxiety));
        assert!(!has("开发票要多久", CueKind::Anxiety));
        assert!(has("都三天了还没发货，到底什么时候发", CueKind::Anxiety));
    }

    #[test]
    fn exasperation_put_as_a_question_to_the_shop_is_anger() {
        for text in [
            "你们售后是干嘛的",
            "我都说了多少遍了",
            "你不是客服吗",
            "你们这也不行那也不行",
            "那我只能干等着?",
        ] {
            assert!(has(text, CueKind::Anger), "{text}");
        }
    }

    #[test]
    fn asking_what_a_part_is_for_or_a_fault_that_comes_and_goes_is_no_anger() {
        for text in [
            "这个按钮是干嘛的",
            "说两句就有杂音，一会又正常了，再过一会又不行了",
        ] {
            assert!(!has(text, CueKind::Anger), "{text}");
        }
    }

    #[test]
    fn an_emphatic_denial_is_a_faint_anger_that_still_negates_praise() {
        let denied = read(lex(), "我根本没有收到啊", Context::default());
        assert_eq!(denied.dominant, Some(CueKind::Anger));
        assert!(denied.emotion(CueKind::Anger) < crate::kinds::CLEARLY_FELT);
        assert!(pol("根本不好用") < 0.0);
    }

    #[test]
    fn calling_how_the_shop_acts_unfair_or_irresponsible_is_anger() {
        for text in ["你这才是对客户不公平", "这样对学生很不负责"] {
            assert!(has(text, CueKind::Anger), "{text}");
        }
    }

    #[test]
    fn calling_how_a_company_acts_unfair_or_dishonest_is_anger_in_english() {
        for text in [
            "UPS said NO! Unfair!",
            "@airline discriminates against people like me",
        ] {
            assert!(has(text, CueKind::Anger), "{text}");
        }
        assert!(!has("the screen is cracked", CueKind::Anger));
    }

    #[test]
    fn a_price_drop_right_after_buying_is_a_letdown_too_faint_for_an_apology() {
        let r = read(lex(), "前天买了，昨晚就降价", Context::default());
        assert_eq!(r.dominant, Some(CueKind::Disappointment));
        assert!(r.emotion(CueKind::Disappointment) < crate::kinds::CLEARLY_FELT);
    }

    #[test]
    fn a_complaint_exclaimed_where_no_feeling_is_named_is_a_faint_anger() {
        for text in [
            "@shop the bathroom is still NOT working!!",
            "Not working for me at the moment, the app is broken!",
        ] {
            assert_faint_anger(text);
        }
    }

    /// Anger is the mood shown, under `kinds::CLEARLY_FELT`: no reply apologises for it.
    fn assert_faint_anger(text: &str) {
        let r = read(lex(), text, Context::default());
        assert_eq!(r.dominant, Some(CueKind::Anger), "{text}");
        assert!(
            r.emotion(CueKind::Anger) < crate::kinds::CLEARLY_FELT,
            "{text}"
        );
    }

    #[test]
    fn an_exclamation_in_a_calm_or_happy_message_is_no_anger() {
        for text in [
            "Thanks so much!",
            "好的！",
            "It arrived today!",
            "你好!U盘插口坏了",
            "hi. i'm looking to buy a new jacket. it's getting cold here!",
        ] {
            assert!(!has(text, CueKind::Anger), "{text}");
        }
    }

    #[test]
    fn a_wait_laid_on_you_is_a_reproach() {
        for text in [
            "@shop You have still not replied to my tweet on friday!",
            "I've messaged you and no reply",
            "你们到现在都没给我退钱",
        ] {
            let r = read(lex(), text, Context::default());
            assert_eq!(r.dominant, Some(CueKind::Anger), "{text}");
        }
    }

    #[test]
    fn a_wait_with_a_hurry_named_or_without_you_is_worry() {
        for text in [
            "you still haven't shipped it and I need it by Friday",
            "still haven't received my order",
            "你好，到现在还没收到货",
        ] {
            let r = read(lex(), text, Context::default());
            assert_eq!(r.dominant, Some(CueKind::Anxiety), "{text}");
        }
    }

    #[test]
    fn fine_as_agreement_is_no_curt_letdown() {
        assert!(!has(
            "ok that's fine. i have more than $25",
            CueKind::Disappointment
        ));
        assert!(has("Fine.", CueKind::Disappointment));
    }

    #[test]
    fn ill_be_fine_is_no_curt_letdown() {
        assert!(!has(
            "okay. the last shirt i got had a 15\" collar, so it sounds like i'll be fine.",
            CueKind::Disappointment
        ));
    }

    #[test]
    fn thanks_for_your_help_is_gratitude_not_a_cry_for_help() {
        let r = read(lex(), "thanks for your help!", Context::default());
        assert_eq!(r.dominant, Some(CueKind::Gratitude), "{r:?}");
        assert!(has("Help! my card was charged twice", CueKind::Anxiety));
    }

    #[test]
    fn a_reproach_holding_a_faint_worry_word_is_still_a_reproach() {
        assert!(has("便宜了二十块，你还没算出来吗", CueKind::Anger));
    }

    #[test]
    fn a_fault_found_with_you_is_gentle_anger_and_a_fault_alone_is_none() {
        let blamed = read(lex(), "还是你们的工作流程设计有问题", Context::default());
        assert_eq!(blamed.dominant, Some(CueKind::Anger));
        assert!(blamed.emotion(CueKind::Anger) < 1.2);
        assert!(has("@acme your wifi is so slow", CueKind::Anger));
        assert!(!has("工作流程设计有问题", CueKind::Anger));
        assert!(!has("the wifi is so slow", CueKind::Anger));
    }

    #[test]
    fn a_delay_reported_is_a_problem_and_a_cry_for_help_is_worry() {
        assert!(!has(
            "my order has been delayed, which order is it?",
            CueKind::Anxiety
        ));
        assert!(pol("my order has been delayed") < 0.0);
        assert!(has(
            "I can't shop online, your website doesn't load. Help!",
            CueKind::Anxiety
        ));
    }

    #[test]
    fn exasperation_in_the_shape_of_an_english_sentence_is_anger() {
        for text in [
            "@shop my headphones died after 2 weeks, what's up with that?",
            "you guys are driving me nuts",
            "Final straw with this company",
        ] {
            assert!(has(text, CueKind::Anger), "{text}");
        }
    }

    #[test]
    fn thanks_to_a_named_shop_for_what_it_did_not_do_is_sarcasm() {
        assert!(pol("Thank you @shop for not delivering my order") < 0.0);
        assert!(has(
            "thanks @courier for never answering the phone",
            CueKind::Anger
        ));
        assert!(has(
            "Thank you @shop for the quick refund",
            CueKind::Gratitude
        ));
        assert!(pol("thanks for not charging me extra") > 0.0);
    }

    #[test]
    fn hehe_in_a_long_review_that_praises_is_a_laugh_even_beside_a_small_complaint() {
        let review = "书的内容很好，讲得很清楚。快递太慢了。我看了两遍，呵呵。推荐给朋友了。";
        assert!(!has(review, CueKind::Disappointment));
        assert!(pol(review) > 0.0);
        assert!(has("等了十天还没到，呵呵", CueKind::Disappointment));
    }

    #[test]
    fn shop_complaints_in_customers_own_words_are_complaints() {
        for text in [
            "实物跟图片相差太远",
            "裤子大了一号",
            "快递被拆过",
            "瓶子炸开了",
            "做工马虎",
            "洗完头发油油的",
            "黑店，大家小心",
        ] {
            assert!(pol(text) < 0.0, "{text}");
        }
    }

    #[test]
    fn what_is_named_before_everything_else_is_fine_is_set_aside() {
        assert!(pol("房间老了点，隔音差，其他还不错") > 0.0);
    }

    #[test]
    fn buying_or_staying_again_is_the_verdict_a_review_closes_on() {
        assert!(pol("房间有点小，早餐一般，隔音也差，还会再来") > 0.0);
        assert!(pol("包装不错，做工也好，发货快，但不会再买了") < 0.0);
    }

    #[test]
    fn praise_a_space_closes_is_the_standard_a_comparison_falls_short_of() {
        assert!(pol("质量没有想象中的好 下次再看看") < 0.0);
    }

    #[test]
    fn thanks_past_two_handles_or_a_name_for_a_problem_is_sarcasm() {
        assert!(pol("Thanks @cabco @cabco_help for charging me twice") < 0.0);
        assert!(has("thanks Acme for not sending my refund", CueKind::Anger));
        assert!(has("thanks Acme for the fast refund", CueKind::Gratitude));
    }

    #[test]
    fn thanks_said_with_a_sneer_is_no_thanks_to_answer() {
        let r = read(
            lex(),
            "Thank you @shop for not delivering my order",
            Context::default(),
        );
        assert_ne!(r.intent, Some(Intent::Thanks));
        let r = read(
            lex(),
            "Thank you @shop for the quick reply",
            Context::default(),
        );
        assert_eq!(r.intent, Some(Intent::Thanks));
    }

    #[test]
    fn praise_said_by_denying_its_opposite_is_praise() {
        for s in [
            "I couldn't be happier with it",
            "can't complain, it works",
            "no complaints so far",
            "you can't go wrong with this one",
            "I can't recommend them enough",
        ] {
            assert!(pol(s) > 0.0, "{s}: {}", pol(s));
        }
        assert!(pol("the new one is no better than the old one") <= 0.0);
    }

    #[test]
    fn tears_beside_thanks_or_joy_are_being_moved_and_beside_a_complaint_are_sadness() {
        for text in ["太感谢了[泪]", "看哭了，太感动了，谢谢你们"] {
            let r = read(lex(), text, Context::default());
            assert!(
                r.polarity > 0.22 && r.emotion(CueKind::Sadness) == 0.0,
                "{text}: {} {:?}",
                r.polarity,
                r.cues
            );
        }
        assert!(has("收到是坏的[泪]", CueKind::Sadness));
        assert!(has("[泪]", CueKind::Sadness));
    }

    #[test]
    fn a_topic_in_the_news_is_not_the_writers_feeling() {
        let r = read(lex(), "最近疫情，大家注意防护病毒", Context::default());
        assert!(
            r.emotion(CueKind::Anxiety) == 0.0 && r.polarity == 0.0,
            "{:?}",
            r.cues
        );
    }

    #[test]
    fn telling_someone_not_to_feel_bad_is_comfort_not_a_complaint() {
        for text in ["别难过", "别灰心，会好的", "不要着急"] {
            assert!(pol(text) >= 0.0, "{text}: {}", pol(text));
            assert!(
                !has(text, CueKind::Sadness) && !has(text, CueKind::Anxiety),
                "{text}"
            );
        }
        // A warning still warns.
        assert!(pol("大家别上当") < 0.0);
    }

    #[test]
    fn praise_that_a_better_standard_is_compared_to_is_a_shortfall() {
        for text in [
            "没有想象的好吃",
            "没有实体店买的好",
            "洗完头不如超市买的好",
            "没有以前那款穿着舒服",
        ] {
            assert!(pol(text) < 0.0, "{text}: {}", pol(text));
        }
        assert!(pol("没有问题，很好吃") > 0.0);
    }

    #[test]
    fn praise_asked_about_in_a_question_is_not_said() {
        for text in ["质量好吗？", "这个好吃吗", "包两层膜有用吗？"] {
            assert!(pol(text) <= 0.0, "{text}: {}", pol(text));
        }
        assert!(pol("质量很好，推荐") > 0.0);
    }

    #[test]
    fn not_having_tried_it_yet_or_not_knowing_is_no_problem() {
        for text in ["还可以，已经装好了，没用过", "还不知道效果，用用再说"]
        {
            assert!(pol(text) >= 0.0, "{text}: {}", pol(text));
        }
        assert!(pol("没用，一点效果都没有") < 0.0);
    }

    #[test]
    fn a_negation_stops_at_the_verb_it_denies_and_does_not_reach_a_feeling_after_it() {
        // 不 denies 送 (no free film), not the exasperation that follows.
        assert!(has(
            "分辨率低，连个膜都不送真是醉了",
            CueKind::Disappointment
        ));
        assert!(pol("分辨率低，连个膜都不送真是醉了") < 0.0);
        // Over degree words and modal verbs it still reaches the feeling.
        assert!(!has("我不会让你失望的", CueKind::Disappointment));
        // A result after a verb is still denied: "没包好" is badly packed.
        assert!(pol("东西没包好") < 0.0);
    }

    #[test]
    fn a_choice_offered_in_a_question_is_neither_praise_nor_a_complaint() {
        for text in ["刚到，用段时间看看好不好再追评", "不知道管不管用，试试看"]
        {
            assert!(pol(text).abs() < 0.1, "{text}: {}", pol(text));
        }
        assert!(pol("这个不好，退了") < 0.0);
        assert!(pol("前台爱理不理") < 0.0);
    }

    #[test]
    fn a_review_that_opens_on_its_verdict_is_not_overturned_by_the_details_after_it() {
        assert!(pol("整体不错。门口不好找，早餐一般。") > 0.0);
    }

    #[test]
    fn a_thing_denied_does_not_deny_a_problem_said_of_something_else_after_it() {
        assert!(pol("房间小，没窗户空气不好") < -0.22);
        assert!(pol("没有什么不好的地方") > 0.0);
    }

    #[test]
    fn a_threat_on_a_condition_is_meant_and_its_condition_is_a_real_problem() {
        let r = read(
            lex(),
            "If I don't hear back today I'm filing a chargeback and leaving a 1-star review",
            Context::default(),
        );
        let threats: Vec<&str> = r
            .cues
            .iter()
            .filter(|c| c.kind == CueKind::Threat)
            .map(|c| c.text.as_str())
            .collect();
        assert_eq!(threats, ["chargeback", "1-star"], "{r:?}");
    }

    #[test]
    fn a_problem_supposed_in_an_english_if_clause_has_not_happened() {
        let r = read(
            lex(),
            "If I have any more problems, I will message you",
            Context::default(),
        );
        assert!(r.negative == 0.0, "{r:?}");
        assert!(pol("If it crashes again I want a refund") < -0.22);
    }

    #[test]
    fn a_loss_asked_about_after_an_if_has_not_happened() {
        let asked = read(
            lex(),
            "If I cancel my order, do I lose my points?",
            Context::default(),
        );
        assert!(asked.negative == 0.0, "{asked:?}");
        assert!(pol("I cancelled my order and I lost my points") < -0.22);
    }

    #[test]
    fn a_denial_said_over_and_over_is_no_choice_offered() {
        assert!(pol("不甜不甜不甜") < -0.5, "{}", pol("不甜不甜不甜"));
    }

    #[test]
    fn food_and_room_problems_named_in_a_word_are_complaints() {
        for text in [
            "少送了一份米饭",
            "吃出了头发",
            "床单有污渍",
            "下次不会再点了",
        ] {
            assert!(pol(text) < 0.0, "{text}: {}", pol(text));
        }
    }

    #[test]
    fn a_delivered_meal_that_is_greasy_all_bone_or_spilled_is_a_complaint() {
        for text in [
            "太油腻了",
            "全是骨头",
            "汤都洒出来了",
            "难以下咽",
            "根本吃不饱",
        ] {
            assert!(pol(text) < -0.22, "{text}: {}", pol(text));
        }
    }

    #[test]
    fn no_cutlery_or_a_note_ignored_is_a_complaint() {
        for text in ["没给筷子", "备注不要香菜，商家不看备注"] {
            assert!(pol(text) < -0.22, "{text}: {}", pol(text));
        }
    }

    #[test]
    fn a_rider_who_does_not_pick_up_the_phone_is_a_complaint() {
        for text in ["骑手不接电话", "商家电话打不通"] {
            assert!(pol(text) < -0.22, "{text}: {}", pol(text));
        }
    }

    #[test]
    fn hunger_from_waiting_fat_for_meat_and_a_charge_taken_twice_are_complaints() {
        for text in ["等的都快饿死了", "肘子卷肥肉好多", "多收了两块钱！"] {
            assert!(pol(text) < -0.22, "{text}: {}", pol(text));
        }
    }

    #[test]
    fn a_feeling_after_what_is_missing_is_not_denied_by_it() {
        assert!(pol("每次都没有番茄酱和餐巾纸烦死了") < -0.22);
        assert!(pol("没有任何不满") > -0.22);
    }

    #[test]
    fn never_having_seen_anything_so_good_is_praise() {
        assert!(pol("快递真是神速，没见过这么快的送餐") > 0.22);
        assert!(pol("没见过这么快的") >= 0.0);
        assert!(pol("从来没吃过这么好吃的") > 0.22);
        assert!(pol("没那么好吃") < 0.0);
    }

    #[test]
    fn sympathy_for_someone_at_work_is_no_complaint() {
        assert!(pol("送餐师傅很辛苦，大冷天的师傅不容易！") > 0.22);
        assert!(pol("都不容易") >= 0.0);
        assert!(pol("退个货真不容易") < 0.0);
    }

    #[test]
    fn fast_said_with_a_degree_is_praise_but_a_battery_running_down_fast_is_not() {
        assert!(pol("超级快") > 0.22);
        assert!(pol("送得好快") > 0.22);
        assert!(pol("掉电好快") < 0.0);
        assert!(pol("最好拔掉电话线") >= 0.0);
    }

    #[test]
    fn not_greasy_is_praise() {
        assert!(pol("一点也不油腻") > 0.22);
    }

    #[test]
    fn ordering_from_the_same_place_again_is_praise() {
        for text in ["送得很快，还会再点", "味道不错，下次还点"] {
            assert!(pol(text) > 0.22, "{text}: {}", pol(text));
        }
    }

    #[test]
    fn never_ordering_from_a_place_again_closes_on_a_complaint() {
        assert!(pol("包装还行，但是不会再点了") < -0.22);
    }

    #[test]
    fn a_hair_or_something_foreign_in_the_food_or_the_bed_is_a_complaint() {
        for text in ["菜里有头发", "床单上有根头发", "汤里有异物"] {
            assert!(pol(text) < 0.0, "{text}: {}", pol(text));
        }
    }

    #[test]
    fn a_count_of_times_is_not_shoddiness() {
        assert!(pol("每次去都住这里") >= 0.0);
        assert!(pol("上次买的那款") >= 0.0);
    }

    #[test]
    fn a_count_of_stays_is_no_shoddiness() {
        assert!(pol("这家酒店住了无数次了") >= 0.0);
    }

    #[test]
    fn shoddiness_said_with_a_degree_is_criticism() {
        assert!(pol("做工很次") < -0.22);
    }

    #[test]
    fn having_said_it_again_and_again_is_a_complaint() {
        assert!(pol("我都说了好几次了") < -0.22);
    }

    #[test]
    fn being_charged_twice_is_a_complaint() {
        assert!(pol("发现扣了两次钱") < -0.22);
    }

    #[test]
    fn miss_as_a_title_or_a_tip_is_no_criticism() {
        for text in ["Miss Universe is on tonight", "Don't miss the show"] {
            assert!(pol(text) > -0.22, "{text}: {}", pol(text));
        }
    }

    #[test]
    fn one_of_the_few_good_ones_denies_nothing() {
        assert!(pol("天津为数不多的还可以的酒店") > 0.22);
    }

    #[test]
    fn a_villa_denies_nothing() {
        assert!(pol("别墅很漂亮") > 0.0, "{}", pol("别墅很漂亮"));
    }

    #[test]
    fn first_rate_rooms_and_coming_back_to_stay_are_praise() {
        for text in ["设施一流", "下次还住", "分量很足"] {
            assert!(pol(text) > 0.0, "{text}: {}", pol(text));
        }
    }

    #[test]
    fn rock_music_and_piping_hot_soup_are_no_insult() {
        assert!(!has("来一首摇滚放松一下", CueKind::Anger));
        assert!(!has("汤送到还是滚烫的", CueKind::Anger));
    }

    #[test]
    fn love_and_beauty_exclaimed_are_joy() {
        for text in ["俺爱你！", "这里的风景太美了", "昨晚玩得挺嗨的"] {
            assert!(has(text, CueKind::Joy), "{text}");
        }
    }

    #[test]
    fn a_request_naming_what_has_not_come_is_a_problem_stated() {
        let r = read(lex(), "我都没收到货", Context::default());
        assert!(r.polarity < 0.0 && r.negations > 0, "{r:?}");
    }

    #[test]
    fn goods_coming_apart_or_misbehaving_are_complaints() {
        for text in ["充电接口特松动", "穿了两天味道很大", "经常莫名其妙关机"]
        {
            assert!(pol(text) < 0.0, "{text}: {}", pol(text));
        }
    }

    #[test]
    fn a_meal_praised_as_diners_say_it_is_praise_despite_a_small_reservation() {
        for text in ["味道很正宗，就是稍微有点咸", "量很足，两个人都吃不完"]
        {
            assert!(pol(text) > 0.0, "{text}: {}", pol(text));
        }
        assert!(pol("肉一点都不入味") < 0.0);
    }

    #[test]
    fn patience_run_out_is_anxiety_and_a_failure_counted_again_is_anger() {
        assert!(has("我等不了了", CueKind::Anxiety));
        assert!(has("这都第几次了", CueKind::Anger));
    }

    #[test]
    fn insulting_the_agent_or_calling_them_slow_is_anger() {
        assert!(has("你很笨吗", CueKind::Anger));
        assert!(has("你给我墨迹半天", CueKind::Anger));
    }

    #[test]
    fn a_word_that_starts_with_wu_denies_nothing_after_it() {
        // 无 in 无知, 无法 is part of the word: the feeling later in the sentence stands.
        assert!(pol("无知的执念是多么的可怕") < 0.0);
        assert!(pol("我真是无法掩饰对这个人的讨厌") < 0.0);
        assert!(pol("无任何问题") > 0.0);
    }

    #[test]
    fn wishing_for_what_is_not_is_sadness() {
        assert!(has("我多么希望窗帘是隔音的", CueKind::Sadness));
        assert!(pol("一个好好的下午被打印机折磨死了") < 0.0);
    }

    #[test]
    fn not_wanting_to_come_back_is_disappointment() {
        assert!(has(
            "这种服务态度，这辈子都不想再住",
            CueKind::Disappointment
        ));
        assert!(pol("鄙视这种商家") < 0.0);
    }

    #[test]
    fn a_question_asking_only_how_or_where_is_a_request_for_information() {
        let asks = |t: &str| read(lex(), t, Context::default()).asks_information;
        for t in [
            "发票怎么开？",
            "在哪里看物流",
            "退货地址是什么",
            "How do I reset my password?",
        ] {
            assert!(asks(t), "{t}");
        }
        // Pressing: a yes/no question, impatience, "what now".
        for t in [
            "还没发货吗",
            "怎么还没到？",
            "到底什么时候发货",
            "那怎么办",
            "人呢",
            "为什么不能退",
        ] {
            assert!(!asks(t), "{t}");
        }
    }

    #[test]
    fn a_follow_up_asking_which_or_what_else_is_a_request_for_information() {
        let asks = |t: &str| read(lex(), t, Context::default()).asks_information;
        for t in [
            "寄回去还是上门取件？",
            "还需要提供什么吗",
            "那运费呢？",
            "那我能退吧？",
        ] {
            assert!(asks(t), "{t}");
        }
        // A "still", a wait, a why, or the agent gone is no follow-up.
        for t in [
            "怎么还是不行呢",
            "还是没到吗",
            "明天才能到呢",
            "为什么不能退呢",
            "客服呢？",
        ] {
            assert!(!asks(t), "{t}");
        }
    }

    #[test]
    fn asking_a_question_is_no_problem() {
        for t in ["我想咨询个问题", "再问你一个问题"] {
            assert_eq!(pol(t), 0.0, "{t}");
        }
        assert!(pol("这个问题一直没人管") < 0.0);
    }

    #[test]
    fn just_this_one_is_no_letdown() {
        for t in ["就这个", "就这两个订单", "就这个价位来说很值"] {
            assert!(!has(t, CueKind::Disappointment), "{t}");
        }
        assert!(has("就这？", CueKind::Disappointment));
    }

    #[test]
    fn rough_thin_or_broken_at_once_reads_as_criticism() {
        for t in [
            "质量很糙",
            "这本书很水",
            "穿一次扣子就掉了",
            "跟路边摊的差不多",
        ] {
            assert!(pol(t) < 0.0, "{t}: {}", pol(t));
        }
        for t in ["苹果很水灵", "糙米很香"] {
            assert!(pol(t) > 0.0, "{t}: {}", pol(t));
        }
    }

    #[test]
    fn a_customer_who_comes_back_praises() {
        assert!(pol("已经不是第一次买了") > 0.0);
    }

    #[test]
    fn a_customer_blamed_for_nothing_is_angry() {
        assert!(has("酒店说我在房间里消费，很冤枉", CueKind::Anger));
    }

    #[test]
    fn nothing_amiss_at_all_is_no_complaint() {
        assert!(pol("还行，并无不妥") > 0.0, "{}", pol("还行，并无不妥"));
    }

    #[test]
    fn a_worry_waved_away_weighs_less_than_a_worry_said() {
        let (waved, said) = (pol("字很大，不用担心看不清"), pol("字很大，就是看不清"));
        assert!(waved > said + 0.2, "{waved} {said}");
    }

    #[test]
    fn capitals_in_a_chinese_message_are_names_not_shouting() {
        assert!(!has("酒店不错，就是CHECK IN太慢", CueKind::Anger));
        assert!(pol("房间WIFI信号很好，早餐丰富") > 0.3);
        assert!(has("WHERE IS MY ORDER", CueKind::Anger));
    }

    #[test]
    fn the_good_in_feels_very_is_a_degree_not_praise() {
        assert!(pol("这条裤子穿上感觉好紧") <= 0.0);
        assert!(pol("灯光暗暗的，感觉好怪") <= 0.0);
        assert!(pol("用了一周，感觉很好") > 0.0);
    }

    #[test]
    fn seems_says_nothing_good() {
        assert!(pol("盒子感觉好像被压过") <= 0.0);
    }

    #[test]
    fn an_advantage_named_is_praise_and_denied_is_not() {
        assert!(pol("它的优势是续航长") > 0.0);
        assert!(pol("跟别家比没有什么优势") < 0.0);
    }

    #[test]
    fn crisp_food_is_praise_and_a_fragile_item_is_a_fault() {
        assert!(pol("梨子挺脆的") > 0.0);
        assert!(pol("这个手机壳太脆弱") < 0.0);
        assert!(pol("干脆换一家吧") <= 0.0);
    }

    #[test]
    fn a_problem_solved_is_praise() {
        assert!(pol("换了新的以后问题解决了") > 0.0);
    }

    #[test]
    fn not_a_single_one_bad_is_praise() {
        assert!(pol("买了这么多次，没有一件不满意的") > 0.0);
        assert!(pol("没窗户，空气不好") < 0.0);
    }

    #[test]
    fn not_tried_yet_is_no_problem() {
        assert!(pol("快递到了，还没试") >= 0.0);
    }

    #[test]
    fn a_wait_without_end_or_a_thing_coming_apart_is_a_complaint() {
        assert!(is_complaint_like(&read(
            lex(),
            "my refund is taking forever",
            Context::default()
        )));
        assert!(is_complaint_like(&read(
            lex(),
            "the strap fell apart after a week",
            Context::default()
        )));
    }

    #[test]
    fn what_gives_asked_about_a_fault_is_a_complaint() {
        assert!(pol("the app won't load, what gives?") < 0.0);
    }

    #[test]
    fn killing_it_is_doing_very_well() {
        assert!(pol("the new support team is killing it") > 0.0);
    }

    #[test]
    fn could_not_be_worse_is_no_denial() {
        assert!(pol("这家的售后不能再差了") < 0.0);
    }

    #[test]
    fn nothing_more_then_thanks_is_thanks() {
        for text in ["不用了谢谢亲", "没有了谢谢你"] {
            assert!(has(text, CueKind::Gratitude), "{text}");
            assert!(pol(text) > 0.0, "{text}: {}", pol(text));
        }
    }

    #[test]
    fn a_problem_gone_after_nothing_more_is_still_gone() {
        assert!(pol("晾了两天就没有了异味") >= 0.0);
    }

    #[test]
    fn encouragement_and_blessings_are_joy() {
        for text in ["大家挺住，众志成城", "你真是好样的", "被这条消息暖到了"]
        {
            assert!(has(text, CueKind::Joy), "{text}");
        }
    }

    #[test]
    fn fading_dye_and_grease_stains_are_faults() {
        for text in ["洗了一次就脱色", "领口上有油污", "logo印得歪歪扭扭"] {
            assert!(pol(text) < 0.0, "{text}: {}", pol(text));
        }
    }

    #[test]
    fn a_hassle_said_with_a_degree_is_a_complaint_while_please_is_not() {
        assert!(pol("退个货这么麻烦") < 0.0);
        assert!(pol("你们真是麻烦") < 0.0);
        assert!(pol("麻烦你了") >= 0.0);
    }

    #[test]
    fn a_cheerful_chuckle_is_joy_not_a_sneer() {
        let text = "外婆每天都乐呵呵的";
        assert!(has(text, CueKind::Joy));
        assert!(!has(text, CueKind::Disappointment));
    }

    #[test]
    fn wishing_someone_well_and_pulling_together_are_joy() {
        for text in [
            "希望你早日好起来",
            "大家一起努力",
            "终于等到好消息了",
            "这只小猫太萌了",
        ] {
            assert!(has(text, CueKind::Joy), "{text}");
        }
        assert!(has("感恩有你们", CueKind::Gratitude));
    }

    #[test]
    fn charm_meaning_and_peace_of_mind_are_praise_and_their_lack_is_not() {
        for text in ["这个主持人很有魅力", "这次活动很有意义", "买了保险心里踏实"]
        {
            assert!(pol(text) > 0.0, "{text}: {}", pol(text));
        }
        assert!(pol("隔壁太吵，晚上睡不踏实") < 0.0);
    }

    #[test]
    fn cheering_someone_on_is_joy() {
        for text in [
            "出门记得保护好自己",
            "满满的正能量",
            "主队最后战胜了对手",
            "今天心情美美哒",
            "送你一颗小心心",
        ] {
            assert!(has(text, CueKind::Joy), "{text}");
        }
    }

    #[test]
    fn thanks_for_putting_a_problem_right_is_praise_not_a_sneer() {
        let r = read(
            lex(),
            "Thank you for resolving my issue so quickly",
            Context::default(),
        );
        assert!(r.polarity > 0.0 && r.negative == 0.0, "{r:?}");
        assert!(pol("thanks for ignoring me") < 0.0);
    }

    #[test]
    fn a_feature_that_is_not_working_is_a_problem() {
        assert!(is_complaint_like(&read(
            lex(),
            "the fast charging is not working",
            Context::default()
        )));
    }

    #[test]
    fn could_not_be_more_is_as_much_as_can_be_not_a_denial() {
        assert!(pol("your support couldn't be more useless") < 0.0);
        assert!(pol("it could not be more perfect") > 0.0);
    }

    #[test]
    fn a_service_that_never_came_or_stays_down_is_a_complaint() {
        for text in [
            "the bus never came",
            "I never got my refund",
            "the network has been down all day",
        ] {
            assert!(
                is_complaint_like(&read(lex(), text, Context::default())),
                "{text}"
            );
        }
    }

    #[test]
    fn pilling_switching_itself_off_and_street_stall_quality_are_faults() {
        for text in [
            "穿了两次就起毛",
            "玩游戏老是自动关机",
            "做工就像地摊货",
            "洗完头发干枯",
        ] {
            assert!(pol(text) < 0.0, "{text}: {}", pol(text));
        }
    }

    #[test]
    fn buying_without_a_second_thought_is_nothing_broken() {
        assert!(pol("看到在打折，果断下单") >= 0.0);
        assert!(pol("充电线断了") < 0.0);
    }

    #[test]
    fn not_having_used_it_yet_is_no_problem() {
        assert!(pol("快递很快，还没有使用") >= 0.0);
    }

    #[test]
    fn a_part_that_will_not_stay_on_is_a_complaint_even_after_praise() {
        assert!(pol("love the machine but the lid won't stay on") < 0.0);
    }

    #[test]
    fn asking_when_to_expect_a_reply_is_waiting() {
        assert!(has(
            "I emailed you on Monday, when should I expect a response?",
            CueKind::Anxiety
        ));
    }

    #[test]
    fn a_fault_called_serious_outweighs_a_word_of_praise() {
        assert!(pol("屏幕挺亮的，漏光严重") < 0.0);
    }

    #[test]
    fn a_fault_said_to_be_not_that_bad_is_no_complaint() {
        assert!(pol("价格没那么贵") >= 0.0);
        assert!(pol("没有那么严重，还能用") >= 0.0);
        assert!(pol("从没见过这么差的") < 0.0);
    }

    #[test]
    fn hoping_the_shop_will_not_let_its_customers_down_is_no_disappointment() {
        assert!(pol("希望以后也不要让我们这些老顾客失望") >= 0.0);
        assert!(!has("别让我失望哦", CueKind::Disappointment));
    }

    #[test]
    fn oh_before_an_assent_is_not_curt() {
        assert!(!read(lex(), "哦好的", Context::default()).curt);
        assert!(read(lex(), "哦", Context::default()).curt);
    }

    #[test]
    fn dropping_the_invoice_or_the_refund_is_no_order_cancellation() {
        for text in ["取消发票", "我要取消退款"] {
            let r = read(lex(), text, Context::default());
            assert_ne!(r.intent, Some(Intent::Cancellation), "{text}: {r:?}");
        }
    }

    #[test]
    fn annoyance_at_the_hassle_or_an_unreachable_shop_is_a_faint_anger() {
        for text in ["退个货用得着这么麻烦吗", "电话一直打不通", "客服爱理不理的"]
        {
            assert_faint_anger(text);
        }
    }

    #[test]
    fn bare_praise_of_the_service_closing_a_complaint_is_sarcasm() {
        for text in [
            "was placed on a 48 minute hold just to get hung up on. Great customer service.",
            "My package is lost again. Great job guys.",
            "等了两个小时没人回，服务真好",
        ] {
            let r = read(lex(), text, Context::default());
            assert_eq!(r.dominant, Some(CueKind::Anger), "{text}");
            assert!(r.polarity < 0.0, "{text}: {}", r.polarity);
        }
    }

    #[test]
    fn praise_that_names_what_went_well_or_follows_a_but_is_meant() {
        for text in [
            "东西坏了，客服处理得很好",
            "Great customer service, they fixed it in 5 minutes.",
            "The box was damaged but the item is fine. Great service.",
            "拿回家女儿乐坏了，很喜欢。",
        ] {
            let r = read(lex(), text, Context::default());
            assert!(!r.cues.iter().any(|c| c.kind == CueKind::Anger), "{text}");
        }
    }

    #[test]
    fn thanks_for_the_trouble_is_no_annoyance() {
        for text in ["真是麻烦你了", "太麻烦您了，谢谢"] {
            assert!(!has(text, CueKind::Anger), "{text}");
        }
    }

    #[test]
    fn asking_when_the_money_comes_is_a_refund_question_not_a_parcels() {
        for text in ["钱什么时候到呢", "那钱多久能到"] {
            let r = read(lex(), text, Context::default());
            assert_eq!(r.intent, Some(Intent::Refund), "{text}: {r:?}");
        }
    }

    #[test]
    fn a_barcode_or_a_product_code_is_no_size_question() {
        for text in [
            "因为是相同的sku，能同时存在两个条码吗",
            "辛苦您提供下商品编码",
            "二维码扫不出来",
            "取件码没收到",
        ] {
            let r = read(lex(), text, Context::default());
            assert_ne!(r.intent, Some(Intent::SizeFit), "{text}: {r:?}");
        }
    }

    #[test]
    fn one_thing_at_a_time_is_no_size_question() {
        let r = read(lex(), "一码归一码", Context::default());
        assert_ne!(r.intent, Some(Intent::SizeFit), "{r:?}");
    }

    #[test]
    fn a_first_time_buyer_hoping_not_to_be_disappointed_is_not_disappointed() {
        assert!(!has("第一次买希望不要失望", CueKind::Disappointment));
        assert!(!has("希望别失望", CueKind::Disappointment));
    }

    #[test]
    fn a_product_that_did_not_let_the_buyer_down_reads_as_praise() {
        assert!(pol("第二次买了，没让我失望") > 0.0);
    }

    #[test]
    fn a_plain_failure_after_a_but_outweighs_faint_praise_before_it() {
        assert!(pol("包装还行，但是不能开机") < 0.0);
        assert!(pol("价格还可以，可是没有说明书") < 0.0);
    }

    #[test]
    fn a_saying_that_the_shop_passed_off_worse_goods_reads_negative() {
        assert!(pol("这家店以次充好，偷工减料") < 0.0);
    }

    #[test]
    fn a_saying_that_the_shop_cheats_no_one_reads_as_praise() {
        assert!(pol("老板实在，童叟无欺") > 0.0);
    }

    #[test]
    fn a_regret_after_praise_is_a_minor_reservation_not_a_turn() {
        // 可惜 ("a pity that …") adds what the writer missed to a good review; it does not turn it.
        assert!(pol("质量挺好的，可惜有点贵") > 0.0);
        assert!(pol("衣服好看，可惜有点色差") > 0.0);
    }

    #[test]
    fn swearing_in_front_of_praise_says_the_praise_more_strongly() {
        for text in [
            "fucking amazing show",
            "damn good coffee",
            "bloody brilliant",
        ] {
            assert!(pol(text) > 0.22, "{text}: {}", pol(text));
        }
        assert!(pol("this fucking phone") < -0.22);
    }

    #[test]
    fn a_problem_said_to_be_small_or_rare_after_it_is_no_complaint() {
        for text in ["风扇噪音不大", "色差不明显", "坏果很少", "异味也不重"] {
            assert!(pol(text) > 0.0, "{text}: {}", pol(text));
        }
        assert!(pol("噪音很大") < 0.0);
    }

    #[test]
    fn an_english_complaint_phrase_says_the_feeling_word_inside_it() {
        for text in [
            "terrible service again",
            "bad service",
            "unhappy with the order",
        ] {
            assert!(pol(text) < -0.22, "{text}: {}", pol(text));
        }
    }

    #[test]
    fn a_phrase_says_what_its_longest_inner_word_says_not_a_word_inside_that() {
        // "not happy with" holds "not happy", which holds "happy": no joy in it.
        assert!(!has("I am not happy with the service", CueKind::Joy));
        assert!(pol("I am not happy with the service") < -0.5);
    }

    #[test]
    fn an_emphatic_negator_gives_way_to_the_word_that_starts_with_its_bu() {
        for text in ["玩游戏一点都不卡", "用起来根本不卡", "价格一点也不贵"] {
            assert!(pol(text) > 0.22, "{text}: {}", pol(text));
        }
        assert!(pol("一点都不好用") < -0.22);
    }

    #[test]
    fn praise_closing_a_comparison_opened_by_bu_xiang_falls_short_of_it() {
        for text in ["不像宣传的那样好", "实物不像图片上那么好看"] {
            assert!(pol(text) < -0.22, "{text}: {}", pol(text));
        }
    }

    #[test]
    fn everyday_english_approval_of_a_choice_or_an_outlook_is_praise() {
        for text in [
            "a smart move by the company",
            "this looks promising",
            "long live the king",
            "you made my day",
            "still going strong",
        ] {
            assert!(pol(text) > 0.22, "{text}: {}", pol(text));
        }
    }

    #[test]
    fn a_tiny_bit_says_a_problem_more_softly_than_a_bit() {
        assert!(pol("房间有一点点异味") > pol("房间有一点异味"));
        assert!(pol("房间有一点异味") > pol("房间有异味"));
    }

    #[test]
    fn a_shortcoming_named_after_praise_is_a_reservation_not_the_verdict() {
        for text in ["外观漂亮，不足的是电池不耐用", "东西不错，不好的是物流太慢"]
        {
            assert!(pol(text) > 0.0, "{text}: {}", pol(text));
        }
    }

    #[test]
    fn eagerness_to_open_or_use_what_came_is_joy() {
        assert!(has("收到就迫不及待地打开了", CueKind::Joy));
        assert!(pol("迫不及待想看下一本") > 0.22);
    }

    #[test]
    fn yi_ban_as_usually_or_the_ordinary_kind_is_no_criticism() {
        assert!(pol("我一般都在这家买") >= 0.0);
        assert!(pol("比一般的酒店好") > 0.22);
        assert!(pol("质量一般") < -0.22);
    }

    #[test]
    fn nonsense_is_safe() {
        for t in [
            "",
            " ",
            "\u{0}\u{1}\u{7f}",
            "\u{FFFD}\u{FFFD}",
            &"啊".repeat(10_000),
            "!!!???...。。。",
        ] {
            let r = read(lex(), t, Context::default());
            assert!(r.polarity.is_finite());
        }
    }

    #[test]
    fn better_than_expected_reads_as_praise_and_worse_than_before_as_a_complaint() {
        let better = read(lex(), "本子的散热也比想象的好很多", Context::default());
        assert!(better.polarity > 0.22, "{}", better.polarity);
        let worse = read(lex(), "这次发货比上次慢多了", Context::default());
        assert!(worse.polarity < 0.0, "{}", worse.polarity);
    }

    #[test]
    fn an_imposing_look_said_playfully_is_praise_not_a_leak() {
        assert!(read(lex(), "外观霸气侧漏！", Context::default()).polarity > 0.22);
    }

    #[test]
    fn muyou_typed_for_meiyou_denies_as_meiyou_does() {
        assert!(read(lex(), "用完一瓶一点用都木有", Context::default()).polarity < 0.0);
        assert!(read(lex(), "木有问题，很好用", Context::default()).polarity > 0.22);
    }

    #[test]
    fn quality_gone_down_from_what_it_was_is_a_complaint() {
        assert!(read(lex(), "感觉档次下降", Context::default()).polarity < -0.22);
        assert!(read(lex(), "机器用了两天变弯了", Context::default()).polarity < -0.22);
    }

    #[test]
    fn not_ideal_is_a_fault_not_being_ignored() {
        for t in ["效果不理想", "分辨率不是很理想"] {
            let r = read(lex(), t, Context::default());
            assert!(r.polarity < -0.22, "{t}: {}", r.polarity);
            assert!(!r.cues.iter().any(|c| c.kind == CueKind::Anger), "{t}");
        }
    }

    #[test]
    fn what_one_took_it_to_be_is_not_praise_of_what_came() {
        let r = read(lex(), "我以为是保暖的，太薄了", Context::default());
        assert!(r.polarity < 0.0, "{}", r.polarity);
    }

    #[test]
    fn everyday_review_words_for_taste_service_and_reading_carry_their_verdict() {
        for good in [
            "味道鲜美，很爽口",
            "快递小哥很有礼貌",
            "这本书讲得很透彻，受益匪浅",
        ] {
            let p = read(lex(), good, Context::default()).polarity;
            assert!(p > 0.22, "{good}: {p}");
        }
        for bad in [
            "内容肤浅，错别字很多",
            "前台推脱，一直不作为",
            "苹果发酸，好几个烂果",
        ] {
            let p = read(lex(), bad, Context::default()).polarity;
            assert!(p < -0.22, "{bad}: {p}");
        }
    }

    #[test]
    fn needed_by_today_is_worry_and_not_daring_to_buy_here_is_distrust() {
        let worry = read(lex(), "我买这个是因为今天必须要用", Context::default());
        assert_eq!(worry.dominant, Some(CueKind::Anxiety), "{worry:?}");
        let doubt = read(lex(), "你们这个搞的都不敢在京东买了", Context::default());
        assert_eq!(doubt.dominant, Some(CueKind::Distrust), "{doubt:?}");
    }
}
