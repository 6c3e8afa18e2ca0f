//! Facts in a message: order and tracking numbers, amounts, durations and dates, and personal data
//! (phone numbers, e-mail, addresses) flagged so storage can mask it. Hand-written scanners: no
//! regex engine in the wasm.

use crate::words::Words;
use serde::{Deserialize, Serialize};

use crate::text::Folded;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum FactKind {
    OrderNumber,
    TrackingNumber,
    Amount,
    Duration,
    Date,
    Phone,
    Email,
    Address,
    Url,
    Product,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct Fact {
    pub kind: FactKind,
    /// UTF-16 offsets in the message.
    pub start: u32,
    pub end: u32,
    pub text: String,
    /// Amount in its currency; duration in hours.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(test, ts(optional))]
    pub value: Option<f64>,
    /// Currency code for amounts (CNY, USD, EUR, GBP).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(test, ts(optional))]
    pub unit: Option<String>,
    /// Personal data: mask before storing.
    pub personal: bool,
}

/// Scan one message. `product` is the order's product name when the page shows one.
pub fn extract(text: &str, product: Option<&str>) -> Vec<Fact> {
    extract_folded(text, &Folded::new(text), product)
}

/// As `extract`, reusing the folded text the cue reader already built. The passes run in this
/// order, each leaving alone what an earlier one took: links and e-mail, codes (order, tracking,
/// phone), amounts / dates / durations around numbers, ISO dates, addresses, products.
pub fn extract_folded(_text: &str, f: &Folded, product: Option<&str>) -> Vec<Fact> {
    let Some(english_units) = worth_scanning(&f.text) else {
        return product_mention(f, product).into_iter().collect();
    };
    let mut scan = Scan {
        f,
        c: f.text.chars().collect(),
        out: Vec::new(),
        taken: Vec::new(),
        english_units,
    };
    scan.taken = vec![false; scan.c.len()];
    scan.links_and_emails();
    scan.codes();
    scan.measures();
    scan.iso_dates();
    if scan.c.iter().any(|ch| ch.is_ascii_digit()) {
        let mk = |kind, a, b, value, unit: Option<&str>, personal| {
            fact(f, kind, a, b, value, unit, personal)
        };
        addresses(&scan.c, &f.text, &mut scan.out, &mk);
    }
    scan.out.extend(product_mention(f, product));
    scan.bracketed_products();
    let mut out = scan.out;
    crate::sort::sort_by_key(&mut out, |x| (x.start, x.end));
    out
}

/// Most chat lines carry no number, link or address marker: the scanners skip them (None).
/// Otherwise whether English units (days, weeks...) are looked for: only in text with letters.
fn worth_scanning(t: &str) -> Option<bool> {
    let marked = t.chars().any(|ch| {
        ch.is_ascii_digit()
            || matches!(
                ch,
                '@' | '《' | '【' | '「' | '省' | '市' | '区' | '路' | '街' | '号'
            )
            || is_cn_numeral(ch)
            || ch == '把'
    });
    let has_letters = t.bytes().any(|b| b.is_ascii_alphabetic());
    let english_units = has_letters
        && words!["day", "week", "hour", "month", "minute"]
            .iter()
            .any(|w| t.contains(w));
    let links = has_letters && (t.contains("http") || t.contains("www."));
    (marked || english_units || links).then_some(english_units)
}

/// One message being scanned: its chars, the facts found, and which chars a fact took.
struct Scan<'a> {
    f: &'a Folded,
    c: Vec<char>,
    out: Vec<Fact>,
    taken: Vec<bool>,
    english_units: bool,
}

/// Currency written before a number, and after it.
const CURRENCY_BEFORE: &[(&str, &str)] = &[
    ("¥", "CNY"),
    ("rmb", "CNY"),
    ("cny", "CNY"),
    ("$", "USD"),
    ("usd", "USD"),
    ("€", "EUR"),
    ("£", "GBP"),
];
const CURRENCY_AFTER: &[(&str, &str)] = &[
    ("块钱", "CNY"),
    ("元", "CNY"),
    ("块", "CNY"),
    ("rmb", "CNY"),
    ("美元", "USD"),
    ("dollars", "USD"),
    ("usd", "USD"),
    ("euros", "EUR"),
];
/// Units of time and their length in hours.
const UNITS: &[(&str, f64)] = &[
    ("个小时", 1.0),
    ("小时", 1.0),
    ("个钟头", 1.0),
    ("分钟", 1.0 / 60.0),
    ("天", 24.0),
    ("日", 24.0),
    ("个工作日", 24.0),
    ("工作日", 24.0),
    ("周", 168.0),
    ("个星期", 168.0),
    ("星期", 168.0),
    ("个礼拜", 168.0),
    ("个月", 720.0),
    ("礼拜", 168.0),
    ("年", 8760.0),
    ("hours", 1.0),
    ("hour", 1.0),
    ("hrs", 1.0),
    ("minutes", 1.0 / 60.0),
    ("mins", 1.0 / 60.0),
    ("days", 24.0),
    ("day", 24.0),
    ("weeks", 168.0),
    ("week", 168.0),
    ("months", 720.0),
    ("month", 720.0),
];
/// "在你们家买了两年了", "customer for 3 years": how long they have been a customer (or used the
/// item), not how long they waited.
const TENURE: Words = words![
    "买了",
    "用了",
    "老客户",
    "会员",
    "顾客",
    "customer for ",
    "shopping with you for ",
    "member for ",
    "been with you for ",
    "used it for ",
];

/// The text around a number: what follows it (trimmed, and how much space was trimmed), what
/// precedes it (as is, and trimmed).
struct Around {
    after: String,
    skip: usize,
    pre: String,
}

impl Scan<'_> {
    fn push(
        &mut self,
        kind: FactKind,
        a: usize,
        b: usize,
        value: Option<f64>,
        unit: Option<&str>,
        personal: bool,
    ) {
        self.out
            .push(fact(self.f, kind, a, b, value, unit, personal));
    }

    fn take(&mut self, kind: FactKind, a: usize, b: usize, personal: bool) {
        self.push(kind, a, b, None, None, personal);
        self.taken[a..b].iter_mut().for_each(|t| *t = true);
    }

    fn before(&self, a: usize, n: usize) -> String {
        self.c[a.saturating_sub(n)..a].iter().collect()
    }

    fn starts(&self, i: usize, p: &str) -> bool {
        p.chars()
            .enumerate()
            .all(|(k, pc)| self.c.get(i + k) == Some(&pc))
    }

    /// URLs and e-mail first: their digits are not order numbers.
    fn links_and_emails(&mut self) {
        let mut i = 0;
        while i < self.c.len() {
            i = match self.link_at(i).or_else(|| self.email_at(i)) {
                Some(next) => next,
                None => i + 1,
            };
        }
    }

    fn link_at(&mut self, i: usize) -> Option<usize> {
        let c = &self.c;
        let link = (c[i] == 'h' || c[i] == 'w')
            && (self.starts(i, "http://") || self.starts(i, "https://") || self.starts(i, "www."));
        if !link {
            return None;
        }
        let mut j = i;
        while j < c.len() && !c[j].is_whitespace() && (c[j] as u32) < 0x3000 {
            j += 1;
        }
        self.take(FactKind::Url, i, j, false);
        Some(j)
    }

    fn email_at(&mut self, i: usize) -> Option<usize> {
        let c = &self.c;
        if c[i] != '@' || i == 0 {
            return None;
        }
        let mut a = i;
        while a > 0 && (c[a - 1].is_ascii_alphanumeric() || "._-+".contains(c[a - 1])) {
            a -= 1;
        }
        let mut b = i + 1;
        while b < c.len() && (c[b].is_ascii_alphanumeric() || ".-".contains(c[b])) {
            b += 1;
        }
        while b > i + 1 && c[b - 1] == '.' {
            b -= 1;
        }
        let domain: String = c[i + 1..b].iter().collect();
        if a < i && domain.contains('.') {
            self.take(FactKind::Email, a, b, true);
            return Some(b);
        }
        None
    }

    /// Alphanumeric codes: order and tracking numbers, phone numbers.
    fn codes(&mut self) {
        let mut i = 0;
        while i < self.c.len() {
            if let Some(j) = self.us_phone_at(i) {
                self.take(FactKind::Phone, i, j, true);
                i = j;
                continue;
            }
            let c = &self.c;
            let starts_token = !self.taken[i]
                && (c[i].is_ascii_alphanumeric() || c[i] == '+')
                && !(i > 0 && c[i - 1].is_ascii_alphanumeric());
            if !starts_token {
                i += 1;
                continue;
            }
            let j = self.token_end(i);
            if let Some(k) = self.code_kind(i, j) {
                self.take(k, i, j, k == FactKind::Phone);
            }
            i = j.max(i + 1);
        }
    }

    /// A North American number written with its area code in brackets, "(803) 441-0677" or
    /// "(803)441-0677": where it ends.
    fn us_phone_at(&self, i: usize) -> Option<usize> {
        let c = &self.c;
        let digits = |from: usize, n: usize| {
            (from + n <= c.len() && c[from..from + n].iter().all(|d| d.is_ascii_digit()))
                .then_some(from + n)
        };
        if c.get(i) != Some(&'(') || self.taken[i] {
            return None;
        }
        let j = digits(i + 1, 3)?;
        let j = if c.get(j) == Some(&')') {
            j + 1
        } else {
            return None;
        };
        let j = if c.get(j) == Some(&' ') { j + 1 } else { j };
        let j = digits(j, 3)?;
        let j = if matches!(c.get(j), Some('-' | ' ' | '.')) {
            j + 1
        } else {
            return None;
        };
        let j = digits(j, 4)?;
        c.get(j).is_none_or(|d| !d.is_ascii_digit()).then_some(j)
    }

    /// The end of a token of letters, digits and inner dashes/spaces between digit groups.
    fn token_end(&self, i: usize) -> usize {
        let c = &self.c;
        let mut j = i + if c[i] == '+' { 1 } else { 0 };
        while j < c.len()
            && (c[j].is_ascii_alphanumeric()
                || ((c[j] == '-' || c[j] == ' ')
                    && j + 1 < c.len()
                    && c[j + 1].is_ascii_digit()
                    && c[j - 1].is_ascii_digit()))
        {
            j += 1;
        }
        j
    }

    /// What the token at `i..j` is, read with the words before it.
    fn code_kind(&self, i: usize, j: usize) -> Option<FactKind> {
        let digits = self.c[i..j].iter().filter(|d| d.is_ascii_digit()).count();
        if digits < 6 {
            // Every code kind needs at least six digits; plain words end here cheaply.
            return None;
        }
        let tok: String = self.c[i..j].iter().collect();
        let ctx = self.before(i, 8);
        // A console's order card names the product too ("商品ID:14736264188"): not a phone.
        if words!["商品ID", "商品id", "商品编号", "SKU", "sku"]
            .iter()
            .any(|k| ctx.contains(k))
        {
            return None;
        }
        let plain: String = tok.chars().filter(|d| d.is_ascii_alphanumeric()).collect();
        CodeToken {
            tok: &tok,
            plain: &plain,
            digits,
            letters: tok.chars().filter(|d| d.is_ascii_alphabetic()).count(),
            order_ctx: words!["订单", "order", "#", "单号"]
                .iter()
                .any(|k| ctx.contains(k)),
            tracking_ctx: words!["快递", "运单", "物流单", "tracking", "track", "单号是"]
                .iter()
                .any(|k| ctx.contains(k)),
        }
        .kind()
    }

    /// Amounts, durations and dates around numbers (arabic or Chinese numerals).
    fn measures(&mut self) {
        let mut i = 0;
        while i < self.c.len() {
            let c = &self.c;
            if self.taken[i] || (c[i].is_ascii_alphabetic() && !self.english_units) {
                i += 1;
                continue;
            }
            let Some((value, j)) = number_at(c, i) else {
                i += 1;
                continue;
            };
            // "[数字x]5个工作日": digits glued to a masked number are the end of it, not a number.
            let inside = i > 0
                && (c[i - 1].is_ascii_alphanumeric()
                    || c[i - 1] == ']'
                    || (is_cn_numeral(c[i - 1]) && !c[i].is_ascii_digit()));
            i = if inside { j } else { self.measure(i, j, value) };
        }
    }

    /// The number at `i..j` as an amount, a date or a duration; where to go on.
    fn measure(&mut self, i: usize, j: usize, value: f64) -> usize {
        // (Long enough for " months" and "个工作日".)
        let after: String = self.c[j..self.c.len().min(j + 8)].iter().collect();
        let trimmed = after.trim_start();
        let around = Around {
            skip: after.len() - trimmed.len(),
            after: trimmed.to_string(),
            pre: self.before(i, 4),
        };
        if self.amount(i, j, value, &around) {
            return j.max(i + 1);
        }
        if let Some(end) = self.date(i, j, &around) {
            return end;
        }
        self.duration(i, j, value, &around).unwrap_or(j.max(i + 1))
    }

    /// Currency before the number (¥30) or after it (30元).
    fn amount(&mut self, i: usize, j: usize, value: f64, x: &Around) -> bool {
        let pre_t = x.pre.trim_end();
        let before = CURRENCY_BEFORE
            .iter()
            .find(|(sym, _)| pre_t.ends_with(sym) && self.c[i].is_ascii_digit());
        if let Some((sym, cur)) = before {
            let a = i - (x.pre.chars().count() - pre_t.chars().count()) - sym.chars().count();
            self.push(FactKind::Amount, a, j, Some(value), Some(cur), false);
            return true;
        }
        let Some((suf, cur)) = CURRENCY_AFTER
            .iter()
            .find(|(suf, _)| x.after.starts_with(suf))
        else {
            return false;
        };
        let b = j + x.skip + suf.chars().count();
        self.push(FactKind::Amount, i, b, Some(value), Some(cur), false);
        true
    }

    /// 9月8日 / 9月8号: the end of the date.
    fn date(&mut self, i: usize, j: usize, x: &Around) -> Option<usize> {
        if !x.after.starts_with('月') {
            return None;
        }
        let (_, k) = number_at(&self.c, j + x.skip + 1)?;
        if k < self.c.len() && (self.c[k] == '日' || self.c[k] == '号') {
            self.push(FactKind::Date, i, k + 1, None, None, false);
            return Some(k + 1);
        }
        None
    }

    /// "3天了", "over 2 weeks": a duration in hours (how long someone has been a customer is
    /// passed over); the end of what was read.
    fn duration(&mut self, i: usize, j: usize, value: f64, x: &Around) -> Option<usize> {
        // A month after 半, 个半 or 个把 (半月, 一个半月, 个把月); "3月" alone is March.
        let month = j > 0 && matches!(self.c[j - 1], '半' | '把') && x.after.starts_with('月');
        let units = UNITS.iter().chain(month.then_some(&("月", 720.0)));
        for (u, h) in units {
            if !x.after.starts_with(u) {
                continue;
            }
            let b = j + x.skip + u.chars().count();
            if u.is_ascii() && b < self.c.len() && self.c[b].is_ascii_alphabetic() {
                continue;
            }
            // How long someone has been a customer; a weekday ("周六日顺延", "星期五") names a day.
            if TENURE.iter().any(|p| x.pre.ends_with(p))
                || words!["周", "星期", "礼拜"]
                    .iter()
                    .any(|p| x.pre.ends_with(p))
            {
                return Some(b);
            }
            let mut a = i - range_start(&x.pre);
            for p in words!["超过", "快", "都", "整整", "over ", "more than ", "almost "] {
                if x.pre.ends_with(p) {
                    a = i - p.chars().count();
                }
            }
            self.push(
                FactKind::Duration,
                a,
                b,
                Some(value * h),
                Some("hours"),
                false,
            );
            return Some(b);
        }
        None
    }

    /// Dates written 2026-09-08 (taken as code-like tokens only if long).
    fn iso_dates(&mut self) {
        for (a, b) in iso_dates(&self.c) {
            let at = self.f.utf16_at(self.f.byte_of_char(a));
            if !self.taken[a] && !self.out.iter().any(|x| at >= x.start && at < x.end) {
                self.push(FactKind::Date, a, b, None, None, false);
            }
        }
    }

    /// Names in 《》, 【】 or 「」 (shorter than 40 chars) are products.
    fn bracketed_products(&mut self) {
        for (open, close) in [('《', '》'), ('【', '】'), ('「', '」')] {
            let mut k = 0;
            while let Some(a) = self.c[k..].iter().position(|x| *x == open).map(|p| p + k) {
                let Some(b) = self.c[a..].iter().position(|x| *x == close).map(|p| p + a) else {
                    break;
                };
                if b > a + 1 && b - a < 40 {
                    self.push(FactKind::Product, a + 1, b, None, None, false);
                }
                k = b + 1;
            }
        }
    }
}

/// A fact over chars `a..b` of the message (offsets in UTF-16 for the page).
fn fact(
    f: &Folded,
    kind: FactKind,
    a: usize,
    b: usize,
    value: Option<f64>,
    unit: Option<&str>,
    personal: bool,
) -> Fact {
    Fact {
        kind,
        start: f.utf16_at(f.byte_of_char(a)),
        end: f.utf16_at(f.byte_of_char(b)),
        text: f.original.get(a..b).unwrap_or_default().iter().collect(),
        value,
        unit: unit.map(str::to_string),
        personal,
    }
}

/// The order's product named in the message (its first six characters, folded).
fn product_mention(f: &Folded, product: Option<&str>) -> Option<Fact> {
    let p = product.filter(|p| p.chars().count() >= 2)?;
    let key: String = Folded::new(p).text.chars().take(6).collect();
    let a = f.char_at(f.text.find(&key)?);
    Some(fact(
        f,
        FactKind::Product,
        a,
        a + key.chars().count(),
        None,
        None,
        false,
    ))
}

fn is_cn_numeral(c: char) -> bool {
    matches!(
        c,
        '零' | '一'
            | '二'
            | '两'
            | '三'
            | '四'
            | '五'
            | '六'
            | '七'
            | '八'
            | '九'
            | '十'
            | '百'
            | '半'
            | '几'
    )
}

/// A number at `i`: arabic with optional decimals, Chinese numerals up to 百, 半 (0.5), or
/// English number words. Returns the value and the end index.
fn number_at(c: &[char], i: usize) -> Option<(f64, usize)> {
    let ch = *c.get(i)?;
    if ch.is_ascii_digit() {
        return arabic_at(c, i);
    }
    if is_cn_numeral(ch) {
        return chinese_at(c, i);
    }
    // 个把月, 个把星期: about one.
    if ch == '个' && c.get(i + 1) == Some(&'把') {
        return Some((1.0, i + 2));
    }
    if ch.is_ascii_alphabetic() && (i == 0 || !c[i - 1].is_ascii_alphabetic()) {
        return english_at(c, i);
    }
    None
}

/// Arabic digits with decimals and thousands commas ("1,299.50"), and a 个半 after them (3个半).
fn arabic_at(c: &[char], i: usize) -> Option<(f64, usize)> {
    let mut j = i;
    let mut s = String::new();
    while j < c.len()
        && (c[j].is_ascii_digit()
            || (c[j] == '.' && j + 1 < c.len() && c[j + 1].is_ascii_digit())
            || (c[j] == ','
                && j + 3 < c.len()
                && c[j + 1..j + 4].iter().all(|d| d.is_ascii_digit())))
    {
        if c[j] != ',' {
            s.push(c[j]);
        }
        j += 1;
    }
    let mut v = crate::num::decimal(&s)?;
    // 3个半小时; a 个 alone stays with the unit (3个月, 3个礼拜).
    if j < c.len() && c[j] == '个' && c.get(j + 1) == Some(&'半') {
        v += 0.5;
        j += 2;
    }
    Some((v, j))
}

/// Chinese numerals up to 百 (二十五, 两百), 半 as a half and 几 as about three; None for zero.
fn chinese_at(c: &[char], i: usize) -> Option<(f64, usize)> {
    let mut j = i;
    let mut total = 0.0;
    let mut cur = 0.0;
    while j < c.len() && is_cn_numeral(c[j]) {
        match c[j] {
            '十' => {
                total += if cur == 0.0 { 10.0 } else { cur * 10.0 };
                cur = 0.0;
            }
            '百' => {
                total += if cur == 0.0 { 100.0 } else { cur * 100.0 };
                cur = 0.0;
            }
            '半' => cur += 0.5,
            '几' => cur += 3.0,
            d => {
                cur = "零一二三四五六七八九"
                    .chars()
                    .position(|x| x == d)
                    .map(|p| p as f64)
                    .unwrap_or(2.0)
            }
        }
        j += 1;
    }
    let mut v = total + cur;
    // 两个半小时; a 个 alone stays with the unit (半个月, 两个礼拜).
    if j + 1 < c.len() && c[j] == '个' && c[j + 1] == '半' {
        v += 0.5;
        j += 2;
    }
    (v > 0.0).then_some((v, j))
}

/// English number words before a space ("two days", "a few weeks", "half an hour").
fn english_at(c: &[char], i: usize) -> Option<(f64, usize)> {
    const WORDS: &[(&str, f64)] = &[
        ("a couple of", 2.0),
        ("couple of", 2.0),
        ("a few", 3.0),
        ("few", 3.0),
        ("one", 1.0),
        ("two", 2.0),
        ("three", 3.0),
        ("four", 4.0),
        ("five", 5.0),
        ("six", 6.0),
        ("seven", 7.0),
        ("eight", 8.0),
        ("nine", 9.0),
        ("ten", 10.0),
        ("eleven", 11.0),
        ("twelve", 12.0),
        ("fourteen", 14.0),
        ("an", 1.0),
        ("a", 1.0),
        ("half a", 0.5),
        ("half an", 0.5),
    ];
    WORDS.iter().find_map(|(w, v)| {
        let n = w.len();
        (c.len() > i + n && c[i + n] == ' ' && w.chars().zip(&c[i..i + n]).all(|(a, b)| a == *b))
            .then_some((*v, i + n))
    })
}

fn iso_dates(c: &[char]) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut i = 0;
    while i + 8 <= c.len() {
        let ok = c[i..i + 4].iter().all(|d| d.is_ascii_digit())
            && (c[i + 4] == '-' || c[i + 4] == '/')
            && (i == 0 || !c[i - 1].is_ascii_digit());
        if ok {
            let mut j = i + 5;
            let mut parts = 0;
            while j < c.len()
                && (c[j].is_ascii_digit() || ((c[j] == '-' || c[j] == '/') && parts == 0))
            {
                if c[j] == '-' || c[j] == '/' {
                    parts += 1;
                }
                j += 1;
            }
            if parts == 1 {
                out.push((i, j));
                i = j;
                continue;
            }
        }
        i += 1;
    }
    out
}

/// Postal addresses, Chinese and English, as personal facts.
fn addresses(
    c: &[char],
    s: &str,
    out: &mut Vec<Fact>,
    mk: &impl Fn(FactKind, usize, usize, Option<f64>, Option<&str>, bool) -> Fact,
) {
    for (a, b) in chinese_addresses(c) {
        out.push(mk(FactKind::Address, a, b, None, None, true));
    }
    for (a, b) in english_addresses(c, s) {
        out.push(mk(FactKind::Address, a, b, None, None, true));
    }
}

/// Chinese addresses: a run of CJK and digits (no punctuation) with three place markers, one of
/// them a street, building or room, and a number ("浙江省杭州市西湖区文三路100号").
fn chinese_addresses(c: &[char]) -> Vec<(usize, usize)> {
    const MARK: &str = "省市区县镇路街道号栋室村";
    const STRONG: &str = "路街号栋室村";
    let mut out = Vec::new();
    let mut i = 0;
    while i < c.len() {
        // A run of CJK, digits and a few joiners, no punctuation.
        let mut j = i;
        while j < c.len()
            && (crate::text::is_cjk(c[j]) || c[j].is_ascii_digit() || c[j] == '-' || c[j] == '#')
            && j - i < 60
        {
            j += 1;
        }
        if j == i {
            i += 1;
            continue;
        }
        let run = &c[i..j];
        let marks = run.iter().filter(|x| MARK.contains(**x)).count();
        let strong = run.iter().any(|x| STRONG.contains(*x))
            || run
                .windows(2)
                .any(|w| w == ['小', '区'] || w == ['单', '元']);
        let digits = run.iter().any(|x| x.is_ascii_digit());
        if marks >= 3 && strong && digits {
            // Start at the first place marker's word: back up to at most 4 chars before it.
            let first = run.iter().position(|x| MARK.contains(*x)).unwrap_or(0);
            let a = i + first.saturating_sub(4);
            let a = (a..j)
                .find(|&k| !"我的地址是收货改成到".contains(c[k]))
                .unwrap_or(a);
            out.push((a, j));
        }
        i = j;
    }
    out
}

/// English street addresses: a number of up to five digits, then a street word within four
/// words, not right after it ("1234 Elm Street", "12 Baker St").
fn english_addresses(c: &[char], s: &str) -> Vec<(usize, usize)> {
    const STREET: Words = words![
        "street",
        "st",
        "avenue",
        "ave",
        "road",
        "rd",
        "blvd",
        "boulevard",
        "lane",
        "ln",
        "drive",
        "dr",
        "way",
        "court",
        "ct",
    ];
    let words = ascii_words(c, s);
    let mut out = Vec::new();
    for (k, (a, w)) in words.iter().enumerate() {
        if w.chars().all(|d| d.is_ascii_digit()) && w.len() <= 5 {
            for (end_idx, (b, w2)) in words.iter().enumerate().skip(k + 1).take(4) {
                if STREET.contains(w2) && end_idx > k + 1 {
                    out.push((*a, b + w2.len()));
                    break;
                }
            }
        }
    }
    out
}

/// The runs of ASCII letters and digits, each with its char index (`s` is `c` as a string).
fn ascii_words<'s>(c: &[char], s: &'s str) -> Vec<(usize, &'s str)> {
    let mut starts = Vec::new();
    let mut start = None;
    for (k, ch) in c.iter().enumerate() {
        if ch.is_ascii_alphanumeric() {
            if start.is_none() {
                start = Some(k);
            }
        } else if let Some(a) = start.take() {
            starts.push(a);
        }
    }
    if let Some(a) = start {
        starts.push(a);
    }
    let byte_of: Vec<usize> = s
        .char_indices()
        .map(|(b, _)| b)
        .chain(std::iter::once(s.len()))
        .collect();
    starts
        .into_iter()
        .map(|a| {
            let mut b = a;
            while b < c.len() && c[b].is_ascii_alphanumeric() {
                b += 1;
            }
            (a, &s[byte_of[a]..byte_of[b]])
        })
        .collect()
}

/// A run of letters and digits that may be a phone, tracking or order number, with what the
/// words just before it say.
struct CodeToken<'a> {
    tok: &'a str,
    plain: &'a str,
    digits: usize,
    letters: usize,
    order_ctx: bool,
    tracking_ctx: bool,
}

impl CodeToken<'_> {
    /// Phone first (a +country code, a Chinese mobile, a dashed 10-digit number), then tracking
    /// (carrier letters before digits, UPS's 1Z, a long number after 快递/tracking), then order.
    fn kind(&self) -> Option<FactKind> {
        if self.is_phone() {
            Some(FactKind::Phone)
        } else if self.is_tracking() {
            Some(FactKind::TrackingNumber)
        } else if self.digits >= 12 || (self.digits >= 6 && self.order_ctx) {
            Some(FactKind::OrderNumber)
        } else {
            None
        }
    }

    fn is_phone(&self) -> bool {
        let (d, l) = (self.digits, self.letters);
        let international = self.tok.starts_with('+') && (8..=15).contains(&d);
        let cn_mobile = d == 11
            && l == 0
            && self.plain.starts_with('1')
            && self
                .plain
                .as_bytes()
                .get(1)
                .is_some_and(|c| (b'3'..=b'9').contains(c))
            && !self.order_ctx
            && !self.tracking_ctx;
        let dashed =
            d == 10 && l == 0 && self.tok.matches(['-', ' ']).count() == 2 && !self.order_ctx;
        international || cn_mobile || dashed
    }

    fn is_tracking(&self) -> bool {
        let carrier_prefix = (1..=4).contains(&self.letters)
            && self.digits >= 9
            && self
                .plain
                .chars()
                .take_while(|c| c.is_ascii_alphabetic())
                .count()
                == self.letters;
        let ups = self.plain.starts_with("1z") && self.plain.len() == 18;
        carrier_prefix || ups || (self.digits >= 10 && self.tracking_ctx)
    }
}

/// How many characters before a duration's number belong to it as the start of a range ("1-" of
/// "1-3个工作日", "10~" of "10~15 days"), so the range is read and quoted whole.
fn range_start(pre: &str) -> usize {
    let Some(rest) = pre.strip_suffix(['-', '~', '～', '–', '—', '到', '至']) else {
        return 0;
    };
    let digits = rest.chars().rev().take_while(char::is_ascii_digit).count();
    if digits == 0 {
        0
    } else {
        digits + 1
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_line_without_numbers_or_markers_is_not_scanned() {
        assert_eq!(worth_scanning("亲，在吗"), None);
        assert_eq!(worth_scanning("waited 3 days"), Some(true));
    }

    #[test]
    fn a_link_keeps_its_digits_from_being_read_as_an_order_number() {
        let k = kinds("看这里 https://shop.example/item/123456789 订单");
        assert_eq!(
            k.iter().map(|(k, _)| *k).collect::<Vec<_>>(),
            [FactKind::Url]
        );
    }

    #[test]
    fn a_name_in_book_title_marks_is_a_product() {
        let k = kinds("《紫藤花围巾》还有货吗");
        assert_eq!(k, [(FactKind::Product, "紫藤花围巾".to_string())]);
    }

    #[test]
    fn two_months_written_in_words_is_a_duration() {
        let f = extract("You can return it any time within two months.", None);
        assert!(
            f.iter().any(|x| x.kind == FactKind::Duration
                && x.text == "two months"
                && x.value == Some(1440.0)),
            "{f:?}"
        );
    }

    fn kinds(t: &str) -> Vec<(FactKind, String)> {
        extract(t, None)
            .into_iter()
            .map(|f| (f.kind, f.text))
            .collect()
    }

    #[test]
    fn order_tracking_phone() {
        let k = kinds("订单号 260908123456789012，快递单号SF1234567890123，电话13812345678");
        assert!(
            k.contains(&(FactKind::OrderNumber, "260908123456789012".into())),
            "{k:?}"
        );
        assert!(
            k.contains(&(FactKind::TrackingNumber, "SF1234567890123".into())),
            "{k:?}"
        );
        assert!(
            k.contains(&(FactKind::Phone, "13812345678".into())),
            "{k:?}"
        );
        let p = extract("call me at +1 415 555 0100", None);
        assert!(p.iter().any(|f| f.kind == FactKind::Phone && f.personal));
    }

    #[test]
    fn a_us_number_with_its_area_code_in_brackets_is_a_phone_number() {
        let k = kinds("alberts4@email.com (803) 441-0677");
        assert!(
            k.contains(&(FactKind::Phone, "(803) 441-0677".into())),
            "{k:?}"
        );
        assert!(kinds("(803) 44")
            .iter()
            .all(|(kind, _)| *kind != FactKind::Phone));
    }

    #[test]
    fn a_product_id_on_an_order_card_is_not_a_phone_number() {
        let k = kinds("咨询订单号:[ORDERID_10252750]商品ID:14736264188");
        assert!(k.iter().all(|(kind, _)| *kind != FactKind::Phone), "{k:?}");
    }

    #[test]
    fn amounts_and_durations() {
        let f = extract("已经等了3天了，花了¥199.5，超过半天也不行", None);
        let d: Vec<_> = f.iter().filter(|x| x.kind == FactKind::Duration).collect();
        assert_eq!(d[0].value, Some(72.0));
        assert_eq!(d[1].text, "超过半天");
        assert_eq!(d[1].value, Some(12.0));
        let a = f.iter().find(|x| x.kind == FactKind::Amount).unwrap();
        assert_eq!((a.value, a.unit.as_deref()), (Some(199.5), Some("CNY")));
        let e = extract("I've waited two weeks and paid $45.99", None);
        assert!(
            e.iter()
                .any(|x| x.kind == FactKind::Duration && x.value == Some(336.0)),
            "{e:?}"
        );
        assert!(e
            .iter()
            .any(|x| x.kind == FactKind::Amount && x.value == Some(45.99)));
        let y = extract("一共100元", None);
        assert!(y
            .iter()
            .any(|x| x.kind == FactKind::Amount && x.value == Some(100.0)));
    }

    /// The durations read in `t`, as quoted.
    fn durations(t: &str) -> Vec<String> {
        extract(t, None)
            .into_iter()
            .filter(|x| x.kind == FactKind::Duration)
            .map(|x| x.text)
            .collect()
    }

    #[test]
    fn a_range_of_days_is_one_duration_quoted_whole() {
        assert_eq!(durations("退款一般1-3个工作日到账"), ["1-3个工作日"]);
    }

    #[test]
    fn half_a_month_a_week_and_a_couple_of_days_are_durations() {
        let hours = |t: &str| {
            extract(t, None)
                .into_iter()
                .filter(|x| x.kind == FactKind::Duration)
                .map(|x| (x.text, x.value.unwrap_or(0.0)))
                .collect::<Vec<_>>()
        };
        assert_eq!(hours("半个月内都可以退"), [("半个月".to_string(), 360.0)]);
        assert_eq!(hours("一周内发货"), [("一周".to_string(), 168.0)]);
        assert_eq!(hours("两三天就到"), [("两三天".to_string(), 72.0)]);
        assert_eq!(hours("个把月就能用完"), [("个把月".to_string(), 720.0)]);
        assert_eq!(hours("3个月保修"), [("3个月".to_string(), 2160.0)]);
        assert_eq!(hours("两个礼拜了"), [("两个礼拜".to_string(), 336.0)]);
        assert_eq!(hours("一个半月"), [("一个半月".to_string(), 1080.0)]);
        assert_eq!(hours("两个半小时"), [("两个半小时".to_string(), 2.5)]);
        assert!(hours("3月5号发货").is_empty());
    }

    #[test]
    fn how_long_someone_has_been_a_customer_is_not_a_wait() {
        assert!(!extract("我在你们家买了两年了", None)
            .iter()
            .any(|f| f.kind == FactKind::Duration));
        assert!(!extract("I've been a customer for 5 years", None)
            .iter()
            .any(|f| f.kind == FactKind::Duration));
        assert!(extract("我等了两天了", None)
            .iter()
            .any(|f| f.kind == FactKind::Duration));
    }

    #[test]
    fn a_weekday_is_no_wait_of_that_many_days() {
        assert!(durations("次日前原路返还(节假日、周六日顺延)").is_empty());
        assert!(durations("星期五发货").is_empty());
        assert_eq!(durations("六日内发货"), ["六日"]);
    }

    #[test]
    fn digits_right_after_a_masked_number_are_not_read_as_a_number_of_their_own() {
        assert!(durations("预计最晚到账[数字x]-[数字x]5个工作日").is_empty());
    }

    #[test]
    fn dates_addresses_email_urls() {
        let f = extract("9月8日下单的，寄到浙江省杭州市西湖区文三路188号3栋, mail a@b.com https://x.y/1234567890123", None);
        let k: Vec<_> = f.iter().map(|x| x.kind).collect();
        assert!(k.contains(&FactKind::Date));
        let addr = f.iter().find(|x| x.kind == FactKind::Address).unwrap();
        assert!(
            addr.personal && addr.text.contains("文三路188号"),
            "{}",
            addr.text
        );
        assert!(k.contains(&FactKind::Email));
        assert!(k.contains(&FactKind::Url));
        assert!(
            !k.contains(&FactKind::OrderNumber),
            "digits in URLs are not orders: {f:?}"
        );
        let e = extract("ship it to 1600 Amphitheatre Parkway Way please", None);
        assert!(e.iter().any(|x| x.kind == FactKind::Address));
    }

    #[test]
    fn utf16_offsets_of_facts() {
        let t = "😀单号SF1234567890123";
        let f = extract(t, None);
        let units: Vec<u16> = t.encode_utf16().collect();
        let x = &f[0];
        assert_eq!(
            String::from_utf16(&units[x.start as usize..x.end as usize]).unwrap(),
            "SF1234567890123"
        );
    }
}
