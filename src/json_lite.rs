//! A small reader for the JSON twins `build.rs` writes of the reviewed data files (see
//! `data.rs`). Why not serde_json: every struct read through serde's derive brings its own copy of
//! serde_json's struct deserializer into the wasm (3–6 KB of code each, before gzip); the packs are
//! read once, from files this crate generated, so a tree and a few field lookups do (the native
//! tests read every twin both ways and compare).

/// A JSON value. Numbers stay as written; the one reading them decides their type.
#[derive(Debug, Clone, PartialEq)]
pub enum Json {
    Null,
    Bool(bool),
    Num(String),
    Str(String),
    Arr(Vec<Json>),
    Obj(Vec<(String, Json)>),
}

impl Json {
    /// The field `key` of an object.
    pub fn get(&self, key: &str) -> Option<&Json> {
        match self {
            Json::Obj(fields) => fields.iter().find(|(k, _)| k == key).map(|(_, v)| v),
            _ => None,
        }
    }

    pub fn as_str(&self) -> Option<&str> {
        match self {
            Json::Str(s) => Some(s),
            _ => None,
        }
    }

    /// The text field `key`; empty when absent, as `#[serde(default)]` reads it.
    pub fn text(&self, key: &str) -> String {
        self.get(key)
            .and_then(Json::as_str)
            .unwrap_or("")
            .to_string()
    }

    /// The text field `key`, which the file must have.
    pub fn required(&self, key: &str) -> Result<String, String> {
        self.get(key)
            .and_then(Json::as_str)
            .map(str::to_string)
            .ok_or_else(|| format!("missing field `{key}`"))
    }

    /// The text field `key`, or None.
    pub fn opt_text(&self, key: &str) -> Option<String> {
        self.get(key).and_then(Json::as_str).map(str::to_string)
    }

    /// The list of texts `key`; empty when absent.
    pub fn texts(&self, key: &str) -> Vec<String> {
        match self.get(key) {
            Some(Json::Arr(a)) => a
                .iter()
                .filter_map(Json::as_str)
                .map(str::to_string)
                .collect(),
            _ => Vec::new(),
        }
    }

    /// The flag `key`; false when absent.
    pub fn flag(&self, key: &str) -> bool {
        self.get(key) == Some(&Json::Bool(true))
    }

    /// The number `key` as a plain decimal (`num::decimal`), or None.
    pub fn decimal(&self, key: &str) -> Option<f64> {
        match self.get(key) {
            Some(Json::Num(n)) => crate::num::decimal(n),
            _ => None,
        }
    }
}

/// A value read from a tree as serde's derive reads it from JSON: the same types accepted, the
/// same missing fields allowed, so a damaged store or message fails here exactly where serde
/// failed (and the caller's fallback is the same). Why not serde: each type's derived reader and
/// serde_json's parser behind them cost the panel's wasm about 25 KB gzipped.
pub trait FromJson: Sized {
    fn from_json(j: &Json) -> Result<Self, String>;

    /// A field the object does not have: an error, except where serde's derive fills one in.
    fn missing(key: &str) -> Result<Self, String> {
        Err(format!("missing field `{key}`"))
    }
}

impl Json {
    /// The field `key` of a struct (an object: serde's derive also reads an array of the fields
    /// in order, which nothing writes); unknown fields are ignored, as the derive ignores them.
    pub fn field<T: FromJson>(&self, key: &str) -> Result<T, String> {
        match self.get(key) {
            Some(v) => T::from_json(v).map_err(|e| format!("{key}: {e}")),
            None if matches!(self, Json::Obj(_)) => T::missing(key),
            None => Err("expected an object".into()),
        }
    }

    /// The field `key` with `#[serde(default)]` (or `default = "…"`): `or()` when absent, and
    /// like any field when present (a wrong type is still an error).
    pub fn field_or<T: FromJson>(&self, key: &str, or: impl FnOnce() -> T) -> Result<T, String> {
        match self.get(key) {
            None if matches!(self, Json::Obj(_)) => Ok(or()),
            _ => self.field(key),
        }
    }
}

/// The variant of a unit-only enum that serde writes as the string `j`, found by serializing each
/// of `all`: the names read are exactly serde's (`rename_all` included) without a second list.
pub fn variant<T: serde::Serialize + Copy>(j: &Json, all: &[T]) -> Result<T, String> {
    let name = j.as_str().ok_or("expected a variant name")?;
    all.iter()
        .copied()
        .find(|v| serde_json::to_string(v).is_ok_and(|s| s.get(1..s.len() - 1) == Some(name)))
        .ok_or_else(|| format!("unknown variant `{name}`"))
}

impl FromJson for String {
    fn from_json(j: &Json) -> Result<Self, String> {
        j.as_str()
            .map(str::to_string)
            .ok_or("expected a string".into())
    }
}

impl FromJson for bool {
    fn from_json(j: &Json) -> Result<Self, String> {
        match j {
            Json::Bool(b) => Ok(*b),
            _ => Err("expected a boolean".into()),
        }
    }
}

/// A number, an integer included, as serde_json reads an `f64` (`num::scientific`).
impl FromJson for f64 {
    fn from_json(j: &Json) -> Result<Self, String> {
        match j {
            Json::Num(n) => crate::num::scientific(n).ok_or("number out of range".into()),
            _ => Err("expected a number".into()),
        }
    }
}

/// serde reads an `f32` as the `f64` narrowed.
impl FromJson for f32 {
    fn from_json(j: &Json) -> Result<Self, String> {
        f64::from_json(j).map(|v| v as f32)
    }
}

/// An integer as serde_json reads one: digits only (no fraction or exponent, which it reads as a
/// float and an integer type refuses), in the type's range.
fn integer<T: TryFrom<i64>>(j: &Json) -> Result<T, String> {
    let Json::Num(n) = j else {
        return Err("expected an integer".into());
    };
    let (neg, digits) = n
        .strip_prefix('-')
        .map_or((false, n.as_str()), |d| (true, d));
    let magnitude = digits.bytes().try_fold(0i64, |v, b| match b {
        b'0'..=b'9' => v.checked_mul(10)?.checked_add(i64::from(b - b'0')),
        _ => None,
    });
    // serde_json reads "-0" as the float -0.0, which an integer type refuses.
    magnitude
        .filter(|&v| !(neg && v == 0))
        .map(|v| if neg { -v } else { v })
        .and_then(|v| T::try_from(v).ok())
        .ok_or_else(|| format!("expected an integer in range, not {n}"))
}

impl FromJson for u32 {
    fn from_json(j: &Json) -> Result<Self, String> {
        integer(j)
    }
}

impl FromJson for i32 {
    fn from_json(j: &Json) -> Result<Self, String> {
        integer(j)
    }
}

/// `null` is None, as is a missing field (serde's derive fills in an absent `Option`).
impl<T: FromJson> FromJson for Option<T> {
    fn from_json(j: &Json) -> Result<Self, String> {
        match j {
            Json::Null => Ok(None),
            _ => T::from_json(j).map(Some),
        }
    }

    fn missing(_: &str) -> Result<Self, String> {
        Ok(None)
    }
}

impl<T: FromJson> FromJson for Vec<T> {
    fn from_json(j: &Json) -> Result<Self, String> {
        match j {
            Json::Arr(items) => items.iter().map(T::from_json).collect(),
            _ => Err("expected an array".into()),
        }
    }
}

/// A whole document read as `T`: what `serde_json::from_str::<T>` gives, but for its messages.
pub fn read<T: FromJson>(text: &str) -> Result<T, String> {
    T::from_json(&parse(text)?)
}

/// Asserts that each of `inputs` reads through `read` as `serde_json::from_str` reads it (both an
/// error, or both the same value): the native check of every hand-written reader. Returns how
/// many were read (so a test can tell its good inputs from its damaged ones).
#[cfg(test)]
pub fn assert_reads_as_serde<T>(inputs: &[&str]) -> usize
where
    T: FromJson + serde::de::DeserializeOwned + PartialEq + std::fmt::Debug,
{
    let mut read_ok = 0;
    for input in inputs {
        let serde = serde_json::from_str::<T>(input);
        let ours = read::<T>(input);
        assert_eq!(
            ours.as_ref().ok(),
            serde.as_ref().ok(),
            "{input}: {ours:?} {serde:?}"
        );
        read_ok += usize::from(ours.is_ok());
    }
    read_ok
}

/// Reads one JSON document.
pub fn parse(text: &str) -> Result<Json, String> {
    let mut r = Reader {
        s: text.as_bytes(),
        at: 0,
        depth: 0,
    };
    let v = r.value()?;
    r.blank();
    if r.at != r.s.len() {
        return Err(r.fail("trailing characters"));
    }
    Ok(v)
}

struct Reader<'a> {
    s: &'a [u8],
    at: usize,
    /// Containers open around the reader.
    depth: u32,
}

impl Reader<'_> {
    fn fail(&self, what: &str) -> String {
        format!("JSON: {what} at byte {}", self.at)
    }

    fn blank(&mut self) {
        while self.s.get(self.at).is_some_and(|b| b.is_ascii_whitespace()) {
            self.at += 1;
        }
    }

    fn eat(&mut self, b: u8) -> bool {
        self.blank();
        let hit = self.s.get(self.at) == Some(&b);
        if hit {
            self.at += 1;
        }
        hit
    }

    fn word(&mut self, w: &str, v: Json) -> Result<Json, String> {
        if self.s[self.at..].starts_with(w.as_bytes()) {
            self.at += w.len();
            Ok(v)
        } else {
            Err(self.fail("unknown word"))
        }
    }

    fn value(&mut self) -> Result<Json, String> {
        self.blank();
        match self.s.get(self.at) {
            Some(b'{') => self.nested(Self::object),
            Some(b'[') => self.nested(Self::array),
            Some(b'"') => self.string().map(Json::Str),
            Some(b't') => self.word("true", Json::Bool(true)),
            Some(b'f') => self.word("false", Json::Bool(false)),
            Some(b'n') => self.word("null", Json::Null),
            Some(_) => self.number(),
            None => Err(self.fail("end of input")),
        }
    }

    /// A number as JSON writes one: serde_json refuses "01", "1.", ".5", "+1" and "1e".
    fn number(&mut self) -> Result<Json, String> {
        let start = self.at;
        self.one(b"-");
        let int = self.one(b"0") || self.digits();
        let frac = !self.one(b".") || self.digits();
        let exp = !self.one(b"eE") || {
            self.one(b"+-");
            self.digits()
        };
        if !(int && frac && exp) {
            return Err(self.fail("bad number"));
        }
        let text = String::from_utf8_lossy(&self.s[start..self.at]).into_owned();
        Ok(Json::Num(text))
    }

    /// Steps over one byte of `set`, if one is next.
    fn one(&mut self, set: &[u8]) -> bool {
        let hit = self.s.get(self.at).is_some_and(|b| set.contains(b));
        self.at += usize::from(hit);
        hit
    }

    /// Steps over a run of digits; false when none is next.
    fn digits(&mut self) -> bool {
        let start = self.at;
        while self.s.get(self.at).is_some_and(u8::is_ascii_digit) {
            self.at += 1;
        }
        self.at > start
    }

    /// A container: serde_json refuses a 128th level (a deep document is an error, never a stack
    /// overflow).
    fn nested(&mut self, read: fn(&mut Self) -> Result<Json, String>) -> Result<Json, String> {
        if self.depth >= 127 {
            return Err(self.fail("nested too deep"));
        }
        self.depth += 1;
        let v = read(self);
        self.depth -= 1;
        v
    }

    fn object(&mut self) -> Result<Json, String> {
        self.at += 1;
        let mut fields = Vec::new();
        if self.eat(b'}') {
            return Ok(Json::Obj(fields));
        }
        loop {
            self.blank();
            if self.s.get(self.at) != Some(&b'"') {
                return Err(self.fail("expected a key"));
            }
            let key = self.string()?;
            if !self.eat(b':') {
                return Err(self.fail("expected ':'"));
            }
            fields.push((key, self.value()?));
            if self.eat(b'}') {
                return Ok(Json::Obj(fields));
            }
            if !self.eat(b',') {
                return Err(self.fail("expected ',' or '}'"));
            }
        }
    }

    fn array(&mut self) -> Result<Json, String> {
        self.at += 1;
        let mut items = Vec::new();
        if self.eat(b']') {
            return Ok(Json::Arr(items));
        }
        loop {
            items.push(self.value()?);
            if self.eat(b']') {
                return Ok(Json::Arr(items));
            }
            if !self.eat(b',') {
                return Err(self.fail("expected ',' or ']'"));
            }
        }
    }

    /// A string at the opening quote; UTF-8 is copied as it is, escapes are read.
    fn string(&mut self) -> Result<String, String> {
        self.at += 1;
        let mut out: Vec<u8> = Vec::new();
        loop {
            let Some(&b) = self.s.get(self.at) else {
                return Err(self.fail("unclosed string"));
            };
            self.at += 1;
            match b {
                b'"' => return String::from_utf8(out).map_err(|_| self.fail("bad UTF-8")),
                b'\\' => {
                    let Some(&e) = self.s.get(self.at) else {
                        return Err(self.fail("unclosed string"));
                    };
                    self.at += 1;
                    let c = match e {
                        b'n' => '\n',
                        b't' => '\t',
                        b'r' => '\r',
                        b'b' => '\u{8}',
                        b'f' => '\u{c}',
                        b'u' => self.unicode()?,
                        b'"' | b'\\' | b'/' => e as char,
                        _ => return Err(self.fail("bad escape")),
                    };
                    let mut buf = [0; 4];
                    out.extend_from_slice(c.encode_utf8(&mut buf).as_bytes());
                }
                // Raw control characters are not JSON (serde_json refuses them).
                0..0x20 => return Err(self.fail("control character in a string")),
                _ => out.push(b),
            }
        }
    }

    /// The four hex digits after "\u" (and a low surrogate's, after a high one).
    fn unicode(&mut self) -> Result<char, String> {
        let hi = self.hex4()?;
        let code = if (0xD800..0xDC00).contains(&hi) && self.s[self.at..].starts_with(b"\\u") {
            self.at += 2;
            let lo = self.hex4()?;
            if !(0xDC00..0xE000).contains(&lo) {
                return Err(self.fail("bad \\u escape"));
            }
            0x10000 + ((hi - 0xD800) << 10) + (lo - 0xDC00)
        } else {
            hi
        };
        char::from_u32(code).ok_or_else(|| self.fail("bad \\u escape"))
    }

    fn hex4(&mut self) -> Result<u32, String> {
        let digits = self
            .s
            .get(self.at..self.at + 4)
            .filter(|d| d.iter().all(u8::is_ascii_hexdigit))
            .and_then(|d| std::str::from_utf8(d).ok())
            .and_then(|d| u32::from_str_radix(d, 16).ok())
            .ok_or_else(|| self.fail("bad \\u escape"))?;
        self.at += 4;
        Ok(digits)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn objects_arrays_strings_and_words_are_read_as_written() {
        let j = parse(r#" {"a": [1, "x", true, null], "b": {"c": -2.5e3}} "#).unwrap();
        assert_eq!(
            j.get("a"),
            Some(&Json::Arr(vec![
                Json::Num("1".into()),
                Json::Str("x".into()),
                Json::Bool(true),
                Json::Null
            ]))
        );
        assert_eq!(
            j.get("b").and_then(|b| b.get("c")),
            Some(&Json::Num("-2.5e3".into()))
        );
    }

    #[test]
    fn escapes_and_chinese_text_come_back_unchanged() {
        let j = parse(r#""引号\"、换行\n、\u00e9、\ud83d\ude00、中文""#).unwrap();
        assert_eq!(j.as_str(), Some("引号\"、换行\n、é、😀、中文"));
    }

    /// (A number past a double's range, "1e400", is refused where it is read as one: serde_json's
    /// typed reading skips it in an unknown field too.)
    #[test]
    fn what_serde_json_refuses_is_refused_and_what_it_reads_is_read() {
        let deep = |n: usize| format!("{}{}", "[".repeat(n), "]".repeat(n));
        let (ok_deep, too_deep) = (deep(127), deep(128));
        for doc in [
            "0",
            "-0",
            "12.5",
            "-1.5e-7",
            "1E+21",
            "01",
            "1.",
            ".5",
            "+1",
            "-",
            "1e",
            "1e+",
            "[1,]",
            r#""\x""#,
            r#""\/""#,
            "\"a\tb\"",
            "\"a\u{1}\"",
            r#""a\tb\u00e9""#,
            r#""\ud83d\u0041""#,
            r#""\ud83d""#,
            r#""\u+123""#,
            &ok_deep,
            &too_deep,
        ] {
            let serde = serde_json::from_str::<serde_json::Value>(doc);
            assert_eq!(parse(doc).is_ok(), serde.is_ok(), "{doc}");
        }
    }

    #[test]
    fn numbers_and_integers_are_read_as_serde_json_reads_them() {
        for n in [
            "0",
            "-0",
            "7",
            "12.50",
            "199.99",
            "-3.25",
            "0.1",
            "1.5e-7",
            "1E+21",
            "2.5e3",
            "123456789012345678",
            "0.30000000000000004",
            "1e-320",
            "1e400",
            "-1e400",
        ] {
            assert_reads_as_serde::<Option<f64>>(&[n]);
            assert_reads_as_serde::<Option<f32>>(&[n]);
            assert_reads_as_serde::<Option<u32>>(&[n]);
            assert_reads_as_serde::<Option<i32>>(&[n]);
        }
        for n in [
            "4294967295",
            "4294967296",
            "-2147483648",
            "-2147483649",
            "1.0",
            "1e2",
        ] {
            assert_reads_as_serde::<u32>(&[n]);
            assert_reads_as_serde::<i32>(&[n]);
        }
    }

    #[test]
    fn broken_json_is_an_error_not_a_panic() {
        for bad in [
            r#"{"a": "#,
            r#"{"a" 1}"#,
            r#"[1 2]"#,
            r#""\u12"#,
            "tru",
            "{} x",
        ] {
            assert!(parse(bad).is_err(), "{bad}");
        }
    }
}
