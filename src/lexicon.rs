//! Lexicons as data: TOML files under `data/lexicon/`, compiled into one Aho-Corasick automaton so
//! a message is read in a single pass whatever the number of entries.

use std::collections::BTreeMap;

use aho_corasick::nfa::contiguous::{self, NFA};
use aho_corasick::{BuildError, Input, Match, MatchKind};

use crate::error::{Error, Result};
use crate::kinds::{CueKind, Intent};
use crate::text::{is_word_char, Folded};

/// What an entry means.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Section {
    Cue(CueKind),
    /// A faint cue that counts only where the message already leans its way: "again", "always",
    /// 还没, 每次都 are distrust or worry in a complaint and nothing in "I'll order again".
    Weak(CueKind),
    /// A cue that yields to a message leaning the other way: tears beside thanks are being moved.
    Yield(CueKind),
    Praise,
    Criticism,
    Negator,
    Degree,
    Contrast,
    /// 总体, 总之, overall: the writer's verdict on the whole.
    Verdict,
    /// 虽然, although: the clause it opens is conceded.
    Concession,
    /// 就是, 唯一: a minor reservation after the verdict.
    Reservation,
    Sarcasm,
    Curt,
    Warm,
    /// A word that means nothing here but holds a cue character inside it ("这次" is not "次",
    /// "草莓" is not "草"): matching it keeps the character from matching on its own.
    Plain,
    Intent(Intent),
}

#[derive(Debug, Clone, Copy)]
pub struct Entry {
    pub section: Section,
    pub weight: f32,
}

#[derive(Debug, Clone)]
pub struct Term {
    pub text: String,
    /// Latin-script term: must sit on word boundaries.
    pub word: bool,
    /// `frustrat*`: the match extends to the end of the word.
    pub prefix: bool,
    pub entries: Vec<Entry>,
}

impl Term {
    pub fn get(&self, f: impl Fn(Section) -> bool) -> Option<&Entry> {
        self.entries.iter().find(|e| f(e.section))
    }
}

/// One match in a folded text (byte offsets of the folded text).
#[derive(Debug, Clone, Copy)]
pub struct Hit {
    pub start: usize,
    pub end: usize,
    pub term: u32,
}

pub struct Lexicon {
    ac: NFA,
    pub terms: Vec<Term>,
}

/// The lexicon files compiled into the binary (and the wasm): (file name, contents).
pub const BUILTIN: &[(&str, &str)] = &[
    crate::data::embedded!("lexicon", "zh"),
    crate::data::embedded!("lexicon", "en"),
    crate::data::embedded!("lexicon", "en-general"),
    crate::data::embedded!("lexicon", "symbols"),
];

type RawFile = BTreeMap<String, BTreeMap<String, BTreeMap<String, f64>>>;

/// Groups of sections of terms with their weights, as the derive reads the TOML.
fn raw_from_json(j: &crate::json_lite::Json) -> std::result::Result<RawFile, String> {
    use crate::json_lite::Json;
    fn fields<'j>(j: &'j Json, what: &str) -> std::result::Result<&'j [(String, Json)], String> {
        match j {
            Json::Obj(f) => Ok(f),
            _ => Err(format!("{what}: expected a table")),
        }
    }
    let mut raw = RawFile::new();
    for (group, sections) in fields(j, "the file")? {
        let g = raw.entry(group.clone()).or_default();
        for (name, terms) in fields(sections, group)? {
            let s = g.entry(name.clone()).or_default();
            for (term, weight) in fields(terms, name)? {
                let w = match weight {
                    Json::Num(n) => crate::num::decimal(n),
                    _ => None,
                };
                s.insert(
                    term.clone(),
                    w.ok_or_else(|| format!("\"{term}\": no weight"))?,
                );
            }
        }
    }
    Ok(raw)
}

/// Adds `entry` to the term `text` (creating the term); false when the term already has an entry
/// for that section.
fn add(
    terms: &mut Vec<Term>,
    index: &mut BTreeMap<String, usize>,
    text: String,
    prefix: bool,
    entry: Entry,
) -> bool {
    let key = format!("{}{}", text, if prefix { "*" } else { "" });
    let i = *index.entry(key).or_insert_with(|| {
        let first = text.chars().next().unwrap_or(' ');
        let last = text.chars().last().unwrap_or(' ');
        terms.push(Term {
            word: first.is_ascii_alphanumeric() || last.is_ascii_alphanumeric(),
            text,
            prefix,
            entries: Vec::new(),
        });
        terms.len() - 1
    });
    if terms[i].entries.iter().any(|e| e.section == entry.section) {
        return false;
    }
    terms[i].entries.push(entry);
    true
}

/// The regular inflections of an English word written `word~`: third person / plural, past,
/// present participle ("love~": loves, loved, loving; "cry~": cries, cried, crying; "stab~": stabs,
/// stabbed, stabbing). Irregular forms are written out as terms of their own. A form that is not a
/// word ("stabed") costs nothing: it never matches.
fn regular_forms(w: &str) -> Vec<String> {
    let b = w.as_bytes();
    let n = b.len();
    let vowel = |c: u8| b"aeiou".contains(&c);
    let mut out = Vec::new();
    if w.ends_with('e') {
        let stem = &w[..n - 1];
        out.push(format!("{w}s"));
        out.push(format!("{w}d"));
        out.push(if w.ends_with("ee") || w.ends_with("ye") {
            format!("{w}ing")
        } else {
            format!("{stem}ing")
        });
    } else if n >= 2 && b[n - 1] == b'y' && !vowel(b[n - 2]) {
        let stem = &w[..n - 1];
        out.push(format!("{stem}ies"));
        out.push(format!("{stem}ied"));
        out.push(format!("{w}ing"));
    } else {
        let es = w.ends_with('s')
            || w.ends_with('x')
            || w.ends_with('z')
            || w.ends_with("sh")
            || w.ends_with("ch");
        out.push(if es {
            format!("{w}es")
        } else {
            format!("{w}s")
        });
        out.push(format!("{w}ed"));
        out.push(format!("{w}ing"));
        // Consonant-vowel-consonant endings may double (stab: stabbed; but visit: visited): both.
        if n >= 3
            && !vowel(b[n - 1])
            && !b"wxy".contains(&b[n - 1])
            && vowel(b[n - 2])
            && !vowel(b[n - 3])
        {
            let c = b[n - 1] as char;
            out.push(format!("{w}{c}ed"));
            out.push(format!("{w}{c}ing"));
        }
    }
    out
}

impl Lexicon {
    pub fn builtin() -> Result<Self> {
        Self::from_sources(BUILTIN)
    }

    /// The passes: every file's terms (`Builder::file`), the regular forms of `~` words after all
    /// written terms, the automaton, and what intent phrases inherit from words inside them
    /// (`inherit_sentiment`).
    pub fn from_sources(sources: &[(&str, &str)]) -> Result<Self> {
        let mut b = Builder::default();
        for (file, text) in sources {
            b.file(file, text)?;
        }
        let mut terms = b.terms;
        // After every written term, so a form written out in the same section keeps its own weight.
        for (text, entry) in b.forms_of {
            for f in regular_forms(&text) {
                add(&mut terms, &mut b.index, f, false, entry);
            }
        }
        let ac = automaton(terms.iter().map(|t| t.text.as_str())).map_err(|e| Error::Lexicon {
            file: "(all)".into(),
            message: e.to_string(),
        })?;
        inherit_sentiment(&mut terms, &ac);
        Ok(Lexicon { ac, terms })
    }

    /// All matches in a folded text that respect word boundaries, reduced to leftmost-longest,
    /// non-overlapping hits in text order.
    pub fn scan(&self, f: &Folded) -> Vec<Hit> {
        let text = f.text.as_str();
        let bytes = text.as_bytes();
        let links = links(text);
        let mut all: Vec<Hit> = Vec::new();
        for m in overlapping(&self.ac, text) {
            let t = &self.terms[m.pattern().as_usize()];
            let (start, mut end) = (m.start(), m.end());
            if links.iter().any(|&(a, b)| start >= a && start < b) {
                continue;
            }
            if t.word {
                let before = text[..start].chars().next_back();
                if t.text.starts_with(|c: char| c.is_ascii_alphanumeric())
                    && before.is_some_and(|c| is_word_char(c) && c != '\'')
                {
                    continue;
                }
                if t.prefix {
                    while end < bytes.len()
                        && (bytes[end].is_ascii_alphanumeric() || bytes[end] == b'\'')
                    {
                        end += 1;
                    }
                } else if t.text.ends_with(|c: char| c.is_ascii_alphanumeric())
                    && text[end..]
                        .chars()
                        .next()
                        .is_some_and(|c| c.is_ascii_alphanumeric())
                {
                    continue;
                }
            }
            all.push(Hit {
                start,
                end,
                term: m.pattern().as_u32(),
            });
        }
        // Leftmost, then longest, then a written word before a `*` stem matching the same span
        // ("laughable" is not "laugh*").
        let stem = |h: &Hit| self.terms[h.term as usize].prefix;
        crate::sort::sort_by(&mut all, |a, b| {
            a.start
                .cmp(&b.start)
                .then(b.end.cmp(&a.end))
                .then(stem(a).cmp(&stem(b)))
        });
        let mut out: Vec<Hit> = Vec::with_capacity(all.len());
        let mut reach = 0;
        for h in all {
            if h.start >= reach {
                reach = h.end;
                out.push(h);
            } else if out.last().is_some_and(|n| self.gives_way(n, &h)) {
                out.pop();
                reach = h.end;
                out.push(h);
            }
        }
        out
    }

    /// An emphatic negator ending in 不 ("一点都不", "根本不", "并不") gives way to a word that
    /// starts with that 不 and says the whole ("一点都不卡" is 不卡, smooth; "并不贵" is 不贵):
    /// taken whole, the negator would leave 卡 or 贵 alone, or nothing.
    fn gives_way(&self, negator: &Hit, h: &Hit) -> bool {
        let (n, t) = (
            &self.terms[negator.term as usize],
            &self.terms[h.term as usize],
        );
        n.text.ends_with('不')
            && h.start + '不'.len_utf8() == negator.end
            && t.text.starts_with('不')
            && n.get(|s| s == Section::Negator).is_some()
            && carries_sentiment(t)
    }

    pub fn term(&self, h: &Hit) -> &Term {
        &self.terms[h.term as usize]
    }

    pub fn len(&self) -> usize {
        self.terms.len()
    }

    pub fn is_empty(&self) -> bool {
        self.terms.is_empty()
    }
}

/// The terms read so far, with the `~` words whose regular forms are added at the end.
#[derive(Default)]
struct Builder {
    terms: Vec<Term>,
    index: BTreeMap<String, usize>,
    forms_of: Vec<(String, Entry)>,
}

impl Builder {
    /// Adds every term of one lexicon file; errors name the file, the section and the term.
    fn file(&mut self, file: &str, text: &str) -> Result<()> {
        let err = |message: String| Error::Lexicon {
            file: file.to_string(),
            message,
        };
        let raw = crate::data::read(file, text, raw_from_json).map_err(err)?;
        for (group, sections) in raw {
            for (name, entries) in sections {
                let section = parse_section(&group, &name)
                    .ok_or_else(|| err(format!("unknown section [{group}.{name}]")))?;
                for (term, weight) in entries {
                    self.term(section, &term, weight)
                        .map_err(|m| err(format!("[{group}.{name}] {m}")))?;
                }
            }
        }
        Ok(())
    }

    /// Adds one term as written (`word*` a prefix, `word~` with its regular forms); the error
    /// says what is wrong with it.
    fn term(
        &mut self,
        section: Section,
        term: &str,
        weight: f64,
    ) -> std::result::Result<(), String> {
        if !(0.0..=5.0).contains(&weight) {
            let weight = crate::num::display(weight);
            return Err(format!("\"{term}\": weight {weight} is outside 0..5"));
        }
        let (text, prefix, forms) = written_form(term)?;
        let folded = Folded::new(&text).text;
        if folded.trim().is_empty() {
            return Err("has an empty term".into());
        }
        if folded != text {
            return Err(format!(
                "\"{term}\" must be written folded (lower case, simplified, half-width): \"{folded}\""
            ));
        }
        let entry = Entry {
            section,
            weight: weight as f32,
        };
        if !add(
            &mut self.terms,
            &mut self.index,
            text.clone(),
            prefix,
            entry,
        ) {
            return Err(format!(
                "\"{term}\" is already in that section (another file or a `~` form)"
            ));
        }
        if forms {
            self.forms_of.push((text, entry));
        }
        Ok(())
    }
}

/// A term as written: (text, a prefix (`*`), with regular forms (`~`)).
fn written_form(term: &str) -> std::result::Result<(String, bool, bool), String> {
    if let Some(t) = term.strip_suffix('*').filter(|t| !t.is_empty()) {
        return Ok((t.to_string(), true, false));
    }
    if let Some(t) = term.strip_suffix('~').filter(|t| !t.is_empty()) {
        if !t.bytes().all(|b| b.is_ascii_lowercase()) {
            return Err(format!(
                "\"{term}\": `~` (regular forms) is for one lower-case English word"
            ));
        }
        return Ok((t.to_string(), false, true));
    }
    Ok((term.to_string(), false, false))
}

/// Whether a term can carry a feeling (as opposed to only modifying or marking one).
pub(crate) fn carries_sentiment(t: &Term) -> bool {
    t.entries.iter().any(|e| {
        matches!(
            e.section,
            Section::Cue(_)
                | Section::Weak(_)
                | Section::Yield(_)
                | Section::Praise
                | Section::Criticism
        )
    })
}

/// The automaton the lexicon and the draft check search with: a contiguous NFA (what
/// `AhoCorasick` picks for patterns this many), used directly. `AhoCorasick` keeps its choice of
/// three automata behind `dyn`, which put all three searches and their `Debug` in the wasm.
pub(crate) fn automaton<I, P>(patterns: I) -> std::result::Result<NFA, BuildError>
where
    I: IntoIterator<Item = P>,
    P: AsRef<[u8]>,
{
    contiguous::Builder::new()
        .match_kind(MatchKind::Standard)
        .build(patterns)
}

/// Every match of `ac` in `text`, overlapping ones included, in the order the search finds them.
/// (The search fails only for anchored input or other match kinds: neither happens here.)
pub(crate) fn overlapping<'a>(ac: &'a NFA, text: &'a str) -> impl Iterator<Item = Match> + 'a {
    use aho_corasick::automaton::Automaton;
    ac.try_find_overlapping_iter(Input::new(text))
        .into_iter()
        .flatten()
}

/// An intent phrase that holds an evaluative word ("态度很差" holds 很差, "我要投诉你们" holds
/// 投诉, "not happy with" holds "not happy") would hide that word from the reading, the longer
/// match winning: it says what the words inside it say (an English word only where it stands
/// whole), each the longest there ("not happy", not also "happy").
fn inherit_sentiment(terms: &mut [Term], ac: &NFA) {
    for i in 0..terms.len() {
        if carries_sentiment(&terms[i])
            || !terms[i]
                .entries
                .iter()
                .any(|e| matches!(e.section, Section::Intent(_)))
        {
            continue;
        }
        let mut inherited: Vec<Entry> = Vec::new();
        let outer = terms[i].text.as_str();
        let inside: Vec<(usize, usize, usize)> = overlapping(ac, outer)
            .map(|m| (m.start(), m.end(), m.pattern().as_usize()))
            .filter(|&(a, z, k)| {
                let inner = &terms[k];
                k != i
                    && carries_sentiment(inner)
                    && (!inner.word || whole_word(outer, a, z, inner.prefix))
            })
            .collect();
        // "not happy with" says what "not happy" says, not also what "happy" inside it says.
        let covered = |&(a, z, _): &(usize, usize, usize)| {
            inside
                .iter()
                .any(|&(b, y, _)| b <= a && z <= y && (b, y) != (a, z))
        };
        for &(_, _, k) in inside.iter().filter(|m| !covered(m)) {
            let inner = &terms[k];
            for e in inner.entries.iter().filter(|e| {
                matches!(
                    e.section,
                    Section::Cue(_) | Section::Yield(_) | Section::Praise | Section::Criticism
                )
            }) {
                match inherited.iter_mut().find(|x| x.section == e.section) {
                    Some(x) => x.weight = x.weight.max(e.weight),
                    None => inherited.push(*e),
                }
            }
        }
        terms[i].entries.extend(inherited);
    }
}

/// Whether `text[a..z]` is a whole word of `text` ("terrible" in "terrible service", not "bad" in
/// "badge"); a `*` stem may run on to the word's end.
fn whole_word(text: &str, a: usize, z: usize, prefix: bool) -> bool {
    let alnum = |c: Option<char>| c.is_some_and(|c| c.is_ascii_alphanumeric() || c == '\'');
    !alnum(text[..a].chars().next_back()) && (prefix || !alnum(text[z..].chars().next()))
}

fn parse_section(group: &str, name: &str) -> Option<Section> {
    Some(match (group, name) {
        ("cue", k) => Section::Cue(CueKind::parse(k)?),
        ("weak", k) => Section::Weak(CueKind::parse(k)?),
        ("yield", k) => Section::Yield(CueKind::parse(k)?),
        ("polarity", "praise") => Section::Praise,
        ("polarity", "criticism") => Section::Criticism,
        ("mod", "negator") => Section::Negator,
        ("mod", "degree") => Section::Degree,
        ("mod", "contrast") => Section::Contrast,
        ("mod", "verdict") => Section::Verdict,
        ("mod", "concession") => Section::Concession,
        ("mod", "reservation") => Section::Reservation,
        ("mod", "sarcasm") => Section::Sarcasm,
        ("mod", "curt") => Section::Curt,
        ("mod", "warm") => Section::Warm,
        ("mod", "plain") => Section::Plain,
        ("intent", i) => Section::Intent(Intent::parse(i)?),
        _ => return None,
    })
}

/// Byte ranges of links in a folded text ("https://item.jd.com/6528844.html", "www.x.com/a"):
/// their letters are an address, not the customer's words ("https:/" is no ":/" frown).
fn links(text: &str) -> Vec<(usize, usize)> {
    if !text.contains("://") && !text.contains("www.") {
        return Vec::new();
    }
    let ends = |c: char| c.is_whitespace() || crate::text::is_cjk(c);
    let mut out = Vec::new();
    let mut from = 0;
    while let Some(at) = ["://", "www."]
        .iter()
        .filter_map(|m| text[from..].find(m).map(|i| from + i))
        .min()
    {
        let a = text[..at].rfind(ends).map_or(0, |i| {
            i + text[i..].chars().next().map_or(1, char::len_utf8)
        });
        let b = text[at..].find(ends).map_or(text.len(), |i| at + i);
        out.push((a, b));
        from = b.max(at + 1);
        if from >= text.len() {
            break;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_star_makes_a_prefix_a_tilde_adds_forms_and_only_to_a_lower_case_word() {
        assert_eq!(written_form("差*"), Ok(("差".into(), true, false)));
        assert_eq!(written_form("love~"), Ok(("love".into(), false, true)));
        assert_eq!(written_form("好"), Ok(("好".into(), false, false)));
        assert!(written_form("Love~").is_err());
    }

    #[test]
    fn builtin_lexicons_load() {
        let lx = Lexicon::builtin().expect("shipped lexicons are valid");
        assert!(lx.len() > 1500, "only {} terms", lx.len());
    }

    #[test]
    fn a_link_pasted_into_the_chat_holds_no_emoticon_or_word_cue() {
        let lx = Lexicon::builtin().unwrap();
        for t in [
            "https://item.jd.com/6528844.html",
            "看下这个 www.shop.com/bad-product 不是这个",
        ] {
            let f = Folded::new(t);
            let hits = lx.scan(&f);
            assert!(
                hits.iter()
                    .all(|h| !f.text[h.start..h.end].contains(['/', ':'])
                        && !f.text[h.start..h.end].contains("bad")),
                "{t}: {hits:?}"
            );
        }
        let f = Folded::new("what?? :/ this is bad");
        assert!(lx.scan(&f).len() >= 2, "outside a link they still count");
    }

    #[test]
    fn bad_files_give_clear_errors() {
        let e = Lexicon::from_sources(&[("x.toml", "[cue.rage]\n\"a\" = 1")])
            .err()
            .unwrap();
        assert!(e.to_string().contains("unknown section [cue.rage]"), "{e}");
        let e = Lexicon::from_sources(&[("x.toml", "[cue.anger]\n\"Angry\" = 1")])
            .err()
            .unwrap();
        assert!(e.to_string().contains("folded"), "{e}");
        let e = Lexicon::from_sources(&[("x.toml", "[cue.anger]\n\"a\" = 9")])
            .err()
            .unwrap();
        assert!(e.to_string().contains("outside"), "{e}");
        assert!(Lexicon::from_sources(&[("x.toml", "[cue.anger")]).is_err());
    }

    #[test]
    fn english_terms_respect_word_boundaries() {
        let lx = Lexicon::from_sources(&[(
            "x.toml",
            "[cue.anger]\n\"mad\" = 1\n\"frustrat\" = 1\n\"frustrat*\" = 1",
        )])
        .unwrap();
        let f = Folded::new("Madison is nomad; I am MAD and frustrated");
        let hits: Vec<_> = lx
            .scan(&f)
            .iter()
            .map(|h| &f.text[h.start..h.end])
            .collect::<Vec<_>>()
            .iter()
            .map(|s| s.to_string())
            .collect();
        assert_eq!(hits, vec!["mad", "frustrated"]);
    }

    #[test]
    fn regular_forms_of_a_word_match_and_written_forms_keep_their_weight() {
        let lx = Lexicon::from_sources(&[(
            "x.toml",
            "[cue.anger]\n\"hate~\" = 2\n\"hating\" = 1\n[cue.joy]\n\"cry~\" = 1\n\"stab~\" = 1\n\"wish~\" = 1",
        )])
        .unwrap();
        let f = Folded::new(
            "She hated it, hates them, hating all; cries, cried, crying; stabbed; wishes; hateful",
        );
        let hits: Vec<(String, f32)> = lx
            .scan(&f)
            .iter()
            .map(|h| {
                (
                    f.text[h.start..h.end].to_string(),
                    lx.term(h).entries[0].weight,
                )
            })
            .collect();
        let words: Vec<&str> = hits.iter().map(|(w, _)| w.as_str()).collect();
        assert_eq!(
            words,
            ["hated", "hates", "hating", "cries", "cried", "crying", "stabbed", "wishes"]
        );
        assert_eq!(hits[2].1, 1.0, "the written form's own weight");
        assert_eq!(hits[0].1, 2.0);
    }

    #[test]
    fn a_term_twice_in_one_section_is_an_error_naming_it() {
        let e = Lexicon::from_sources(&[
            ("a.toml", "[cue.anger]\n\"mad\" = 1"),
            ("b.toml", "[cue.anger]\n\"mad\" = 2"),
        ])
        .err()
        .unwrap();
        assert!(
            e.to_string().contains("b.toml") && e.to_string().contains("\"mad\" is already"),
            "{e}"
        );
        // The same term in two sections is fine (a cue and an intent, say).
        assert!(Lexicon::from_sources(&[
            ("a.toml", "[cue.anger]\n\"mad\" = 1"),
            ("b.toml", "[mod.curt]\n\"mad\" = 1")
        ])
        .is_ok());
        let e = Lexicon::from_sources(&[("a.toml", "[cue.anger]\n\"fed up~\" = 1")])
            .err()
            .unwrap();
        assert!(e.to_string().contains("one lower-case English word"), "{e}");
    }

    #[test]
    fn a_written_word_wins_over_a_stem_matching_the_same_span() {
        for order in [0, 1] {
            let (a, b) = (
                "[cue.joy]\n\"laugh*\" = 1",
                "[polarity.criticism]\n\"laughable\" = 2",
            );
            let src = if order == 0 {
                [("a.toml", a), ("b.toml", b)]
            } else {
                [("b.toml", b), ("a.toml", a)]
            };
            let lx = Lexicon::from_sources(&src).unwrap();
            let f = Folded::new("a laughable offer, we laughed");
            let got: Vec<(String, Section)> = lx
                .scan(&f)
                .iter()
                .map(|h| {
                    (
                        f.text[h.start..h.end].to_string(),
                        lx.term(h).entries[0].section,
                    )
                })
                .collect();
            assert_eq!(
                got,
                [
                    ("laughable".to_string(), Section::Criticism),
                    ("laughed".to_string(), Section::Cue(CueKind::Joy))
                ]
            );
        }
    }
}
