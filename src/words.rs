//! Word lists stored as one string each.
//!
//! Why: a `&[&str]` list costs a pointer and a length (8 bytes) per word in the wasm's data, and
//! those tables are next to incompressible (every pointer differs), while the words themselves
//! gzip well. The reading code holds some 4,400 listed words; as `&[&str]` their tables were a
//! tenth of the panel's gzipped data (11.5 KB, thirty-fourth session). `words!["a", "b"]` packs
//! the list at compile time into one string, each word after a byte that gives its length, so
//! walking it is as cheap as walking a slice (a separator to search for instead cost the reading
//! 20–35% of its time, measured with `duxin bench`).

/// A list of words, in the order written: each word after one byte (ASCII, so the whole stays
/// UTF-8) holding its length in bytes. Only `words!` builds one.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Words(&'static str);

/// A [`Words`] list from string literals: `words!["退款", "退钱"]`. The slice of literals exists
/// at compile time only: what the program holds is the packed string.
macro_rules! words {
    ($($w:literal),+ $(,)?) => {{
        const LIST: &[&str] = &[$($w),+];
        const PACKED: [u8; $crate::words::packed_len(LIST)] = $crate::words::pack(LIST);
        const WORDS: $crate::words::Words = $crate::words::Words::packed(&PACKED);
        WORDS
    }};
}

/// The packed size of `list`: a length byte and the bytes of each word.
pub const fn packed_len(list: &[&str]) -> usize {
    let (mut n, mut i) = (0, 0);
    while i < list.len() {
        n += 1 + list[i].len();
        i += 1;
    }
    n
}

/// `list` packed, `N` being its [`packed_len`]; a word of 128 bytes or more does not compile.
pub const fn pack<const N: usize>(list: &[&str]) -> [u8; N] {
    let mut out = [0u8; N];
    let (mut at, mut i) = (0, 0);
    while i < list.len() {
        let w = list[i].as_bytes();
        assert!(w.len() < 128, "a listed word is under 128 bytes");
        out[at] = w.len() as u8;
        let mut j = 0;
        while j < w.len() {
            out[at + 1 + j] = w[j];
            j += 1;
        }
        at += 1 + w.len();
        i += 1;
    }
    out
}

impl Words {
    /// The list `pack` wrote (checked at compile time, where `words!` calls it).
    pub const fn packed(bytes: &'static [u8]) -> Words {
        match std::str::from_utf8(bytes) {
            Ok(s) => Words(s),
            Err(_) => panic!("packed words are UTF-8"),
        }
    }

    /// The words, in order.
    pub fn iter(self) -> Iter {
        Iter(self.0)
    }

    /// Whether `word` is one of the words (the whole word, not a part of one).
    pub fn contains(self, word: &str) -> bool {
        self.iter().any(|w| w == word)
    }
}

impl IntoIterator for Words {
    type Item = &'static str;
    type IntoIter = Iter;
    fn into_iter(self) -> Self::IntoIter {
        self.iter()
    }
}

impl IntoIterator for &Words {
    type Item = &'static str;
    type IntoIter = Iter;
    fn into_iter(self) -> Self::IntoIter {
        self.iter()
    }
}

/// The words of a [`Words`], in order.
#[derive(Debug, Clone)]
pub struct Iter(&'static str);

impl Iterator for Iter {
    type Item = &'static str;

    fn next(&mut self) -> Option<&'static str> {
        let n = *self.0.as_bytes().first()? as usize;
        let (word, rest) = self.0.get(1..)?.split_at_checked(n)?;
        self.0 = rest;
        Some(word)
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn a_list_gives_back_its_words_in_order() {
        let w = words!["退款", "refund", "退 钱"];
        assert_eq!(w.iter().collect::<Vec<_>>(), ["退款", "refund", "退 钱"]);
    }

    #[test]
    fn a_list_has_whole_words_only() {
        let w = words!["退款", "refund"];
        assert!(w.contains("refund"));
        assert!(!w.contains("ref"));
        assert!(!w.contains("退款refund"));
    }

    #[test]
    fn a_list_of_one_word_gives_that_word() {
        assert_eq!(words!["仅退款"].iter().collect::<Vec<_>>(), ["仅退款"]);
    }

    /// The string literals of a bracketed list starting at `at` (`[` then literals, commas,
    /// whitespace and line comments only, up to `]`), or 0 when anything else is inside.
    fn literals_at(text: &str, at: usize) -> usize {
        let b = text.as_bytes();
        let (mut i, mut n) = (at + 1, 0);
        while i < b.len() {
            match b[i] {
                b' ' | b'\n' | b'\t' | b'\r' | b',' => i += 1,
                b']' => return n,
                b'/' if b.get(i + 1) == Some(&b'/') => {
                    i += text[i..].find('\n').unwrap_or(text.len() - i);
                }
                b'"' => {
                    i += 1;
                    while i < b.len() && b[i] != b'"' {
                        i += if b[i] == b'\\' { 2 } else { 1 };
                    }
                    i += 1;
                    n += 1;
                }
                _ => return 0,
            }
        }
        0
    }

    /// ARCHITECTURE.md's size invariant, kept: outside its tests, the code the wasm carries
    /// writes a list of three or more words as `words![…]`, never as `&[&str]` or `[&str; N]`
    /// (8 bytes of pointer table per word; converting 4,400 words saved the panel 11.5 KB
    /// gzipped in the thirty-fourth session). The command line, the evaluation and replay
    /// harnesses and the corpus generator (native only), the pages' CSV headers, and slice
    /// patterns (`["i", "do", "not"]` after `|` or `(`) may.
    #[test]
    fn the_core_lists_words_only_through_words() {
        let src = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
        let mut files = Vec::new();
        crate::sort::tests::sources(&src, &mut files);
        let allowed = [
            "duxin.rs",
            "corpus.rs",
            "eval.rs",
            "replay.rs",
            "shapes.rs",
            "team_report.rs",
            "words.rs",
        ];
        let mut found = Vec::new();
        for path in files {
            let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("");
            if allowed.contains(&name) || name == "tests.rs" {
                continue;
            }
            let text = std::fs::read_to_string(&path).expect("a source file is readable");
            let core = text.split("#[cfg(test)]").next().unwrap_or("");
            for (at, _) in core.match_indices('[') {
                let before = core[..at].trim_end();
                let pattern = before.ends_with('|') || before.ends_with('(');
                if before.ends_with("words!") || pattern || literals_at(core, at) < 3 {
                    continue;
                }
                let line = core[..at].matches('\n').count() + 1;
                found.push(format!("{}:{line}", path.display()));
            }
        }
        assert!(
            found.is_empty(),
            "write these lists as words![…]: {found:?}"
        );
    }
}
