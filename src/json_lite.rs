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

/// Reads one JSON document.
pub fn parse(text: &str) -> Result<Json, String> {
    let mut r = Reader {
        s: text.as_bytes(),
        at: 0,
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
            Some(b'{') => self.object(),
            Some(b'[') => self.array(),
            Some(b'"') => self.string().map(Json::Str),
            Some(b't') => self.word("true", Json::Bool(true)),
            Some(b'f') => self.word("false", Json::Bool(false)),
            Some(b'n') => self.word("null", Json::Null),
            Some(_) => Ok(Json::Num(self.number())),
            None => Err(self.fail("end of input")),
        }
    }

    fn number(&mut self) -> String {
        let start = self.at;
        while self
            .s
            .get(self.at)
            .is_some_and(|b| b.is_ascii_digit() || b"+-.eE".contains(b))
        {
            self.at += 1;
        }
        String::from_utf8_lossy(&self.s[start..self.at]).into_owned()
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
                        other => other as char,
                    };
                    let mut buf = [0; 4];
                    out.extend_from_slice(c.encode_utf8(&mut buf).as_bytes());
                }
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
            0x10000 + ((hi - 0xD800) << 10) + (lo.wrapping_sub(0xDC00) & 0x3FF)
        } else {
            hi
        };
        char::from_u32(code).ok_or_else(|| self.fail("bad \\u escape"))
    }

    fn hex4(&mut self) -> Result<u32, String> {
        let digits = self
            .s
            .get(self.at..self.at + 4)
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
