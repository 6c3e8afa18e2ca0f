//! The conversation as Duxin reads it: the same shape whether it came from a page (through a site
//! profile) or from an exported JSON file (`duxin analyze FILE`).

use serde::{Deserialize, Serialize};

use crate::error::{Error, Result};
use crate::json_lite::{FromJson, Json};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
#[serde(rename_all = "lowercase")]
pub enum Role {
    Customer,
    Agent,
    Bot,
    System,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct Message {
    pub role: Role,
    pub text: String,
    /// RFC 3339, or what the page shows (`2026年09月08日 17:30:17`, `2026-09-08 17:30`, `17:30`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(test, ts(optional))]
    pub time: Option<String>,
    /// The page's own id for the message, when it has one (used to follow re-renders).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(test, ts(optional))]
    pub id: Option<String>,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct Customer {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(test, ts(optional))]
    pub name: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(test, ts(optional))]
    pub orders_count: Option<u32>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(test, ts(optional))]
    pub total_spent: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(test, ts(optional))]
    pub member_since: Option<String>,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct Order {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(test, ts(optional))]
    pub id: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(test, ts(optional))]
    pub product: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(test, ts(optional))]
    pub amount: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(test, ts(optional))]
    pub currency: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(test, ts(optional))]
    pub paid_at: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(test, ts(optional))]
    pub shipped_at: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(test, ts(optional))]
    pub delivered_at: Option<String>,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct Conversation {
    pub messages: Vec<Message>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(test, ts(optional))]
    pub customer: Option<Customer>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(test, ts(optional))]
    pub order: Option<Order>,
    /// "Now" for waiting times (RFC 3339). The extension sets it; files may omit it, and then the
    /// last timestamp in the conversation stands in.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(test, ts(optional))]
    pub now: Option<String>,
    /// Minutes east of UTC of the page's clock. Times shown without an offset ("17:30",
    /// "2026年09月08日 17:30:17") are local to the console; this makes them comparable with `now`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(test, ts(optional))]
    pub utc_offset_minutes: Option<i32>,
}

// The conversation as the derive reads it (the panel's wasm reads the port's snapshots with no
// serde reader).
impl FromJson for Role {
    fn from_json(j: &Json) -> std::result::Result<Self, String> {
        use Role::*;
        crate::json_lite::variant(j, &[Customer, Agent, Bot, System])
    }
}

impl FromJson for Message {
    fn from_json(j: &Json) -> std::result::Result<Self, String> {
        Ok(Message {
            role: j.field("role")?,
            text: j.field("text")?,
            time: j.field_or("time", || None)?,
            id: j.field_or("id", || None)?,
        })
    }
}

impl FromJson for Customer {
    fn from_json(j: &Json) -> std::result::Result<Self, String> {
        Ok(Customer {
            name: j.field_or("name", || None)?,
            orders_count: j.field_or("orders_count", || None)?,
            total_spent: j.field_or("total_spent", || None)?,
            member_since: j.field_or("member_since", || None)?,
        })
    }
}

impl FromJson for Order {
    fn from_json(j: &Json) -> std::result::Result<Self, String> {
        Ok(Order {
            id: j.field_or("id", || None)?,
            product: j.field_or("product", || None)?,
            amount: j.field_or("amount", || None)?,
            currency: j.field_or("currency", || None)?,
            paid_at: j.field_or("paid_at", || None)?,
            shipped_at: j.field_or("shipped_at", || None)?,
            delivered_at: j.field_or("delivered_at", || None)?,
        })
    }
}

impl FromJson for Conversation {
    fn from_json(j: &Json) -> std::result::Result<Self, String> {
        Ok(Conversation {
            messages: j.field("messages")?,
            customer: j.field_or("customer", || None)?,
            order: j.field_or("order", || None)?,
            now: j.field_or("now", || None)?,
            utc_offset_minutes: j.field_or("utc_offset_minutes", || None)?,
        })
    }
}

impl Conversation {
    pub fn from_json(s: &str) -> Result<Self> {
        let c: Conversation = serde_json::from_str(s)?;
        Ok(c)
    }

    /// Build from a dialogue line of the evaluation format (`turns` with role and text).
    pub fn from_turns(turns: &[(Role, String)]) -> Self {
        Conversation {
            messages: turns
                .iter()
                .map(|(r, t)| Message {
                    role: *r,
                    text: t.clone(),
                    time: None,
                    id: None,
                })
                .collect(),
            ..Default::default()
        }
    }

    /// Timestamps of every message in seconds, resolved against each other: a bare `HH:MM`
    /// takes the date of the last full timestamp before it.
    pub fn times(&self) -> Vec<Option<i64>> {
        let mut day: Option<i64> = None;
        self.messages
            .iter()
            .map(|m| {
                let t = m.time.as_deref().and_then(|s| self.parse(s))?;
                match t {
                    Stamp::Full(s) => {
                        day = Some(s.div_euclid(86_400) * 86_400);
                        Some(s)
                    }
                    Stamp::TimeOfDay(s) => Some(day.unwrap_or(0) + s),
                    Stamp::MonthDay(mo, d, s) => {
                        let now = self.explicit_now()?;
                        let year_of = |t: i64| {
                            let days = t.div_euclid(86_400);
                            let mut y = 1970 + days * 400 / 146_097;
                            while days_from_civil(y + 1, 1, 1) <= days {
                                y += 1;
                            }
                            while days_from_civil(y, 1, 1) > days {
                                y -= 1;
                            }
                            y
                        };
                        let offset = self.utc_offset_minutes.unwrap_or(0) as i64 * 60;
                        let at = |y: i64| days_from_civil(y, mo, d) * 86_400 + s - offset;
                        let y = year_of(now + offset);
                        let t = if at(y) > now + 86_400 {
                            at(y - 1)
                        } else {
                            at(y)
                        };
                        day = Some(t.div_euclid(86_400) * 86_400);
                        Some(t)
                    }
                }
            })
            .collect()
    }

    /// "Now" in seconds: the explicit `now`, else the last message's time.
    pub fn now_secs(&self) -> Option<i64> {
        self.explicit_now()
            .or_else(|| self.times().into_iter().flatten().last())
    }

    /// The explicit `now`, when set and readable.
    pub fn explicit_now(&self) -> Option<i64> {
        match self.now.as_deref().and_then(|s| self.parse(s)) {
            Some(Stamp::Full(s)) => Some(s),
            _ => None,
        }
    }

    /// Parse a time the page showed, reading offset-less dates as the page's local time.
    pub fn parse(&self, s: &str) -> Option<Stamp> {
        match parse_time(s)? {
            Stamp::Full(t) if !has_offset(s) => Some(Stamp::Full(
                t - self.utc_offset_minutes.unwrap_or(0) as i64 * 60,
            )),
            other => Some(other),
        }
    }

    pub fn validate(&self) -> Result<()> {
        if self.messages.len() > 100_000 {
            return Err(Error::Conversation(format!(
                "{} messages is more than the 100000 Duxin reads",
                self.messages.len()
            )));
        }
        Ok(())
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Stamp {
    /// Seconds since the Unix epoch (UTC; a local time without offset is read as UTC).
    Full(i64),
    /// Seconds since midnight, date unknown.
    TimeOfDay(i64),
    /// Month, day and seconds since midnight, year not shown (快手: "2-22 18:55:20"); the year is
    /// the latest one that does not put it in the future.
    MonthDay(i64, i64, i64),
}

/// Parse the timestamps consoles show and RFC 3339, also at the end of a header line that starts
/// with the sender's name ("小王 2-22 18:55:20"). Returns None for anything else.
pub fn parse_time(s: &str) -> Option<Stamp> {
    let s = s.trim();
    // Words in it (a sender's name, which may hold digits): read only the trailing date and time.
    let worded = s
        .chars()
        .any(|c| c.is_alphabetic() && !"年月日TZtz".contains(c));
    if !worded {
        return parse_exact(s);
    }
    let toks: Vec<&str> = s.split_whitespace().collect();
    let n = toks.len();
    if n >= 2 {
        let (d, t) = (toks[n - 2], toks[n - 1]);
        let md = number_runs(d);
        let is_md = md.len() == 2
            && d.chars()
                .all(|c| c.is_ascii_digit() || c == '-' || c == '/')
            && (1..=12).contains(&md[0])
            && (1..=31).contains(&md[1]);
        if is_md {
            if let Some(Stamp::TimeOfDay(secs)) = parse_exact(t) {
                return Some(Stamp::MonthDay(md[0], md[1], secs));
            }
        }
        if let Some(st) = parse_exact(&format!("{d} {t}")) {
            return Some(st);
        }
    }
    if n >= 2 {
        return parse_exact(toks[n - 1]);
    }
    None
}

fn parse_exact(s: &str) -> Option<Stamp> {
    let digits: Vec<i64> = number_runs(s);
    let has_date = s.contains('-') && s.len() >= 10
        || s.contains('年')
        || s.contains('/') && digits.len() >= 3;
    if has_date {
        if digits.len() < 3 {
            return None;
        }
        let (y, mo, d) = (digits[0], digits[1], digits[2]);
        if !(1970..=9999).contains(&y) || !(1..=12).contains(&mo) || !(1..=31).contains(&d) {
            return None;
        }
        let h = digits.get(3).copied().unwrap_or(0);
        let mi = digits.get(4).copied().unwrap_or(0);
        let se = digits.get(5).copied().unwrap_or(0);
        if h > 23 || mi > 59 || se > 60 {
            return None;
        }
        let mut t = days_from_civil(y, mo, d) * 86_400 + h * 3600 + mi * 60 + se;
        // Offset: trailing Z, or ±HH:MM after the time.
        if let Some(pos) = s.rfind(['+', '-']) {
            if pos > 10 {
                let off = &s[pos..];
                let od = number_runs(off);
                if let (Some(oh), Some(om)) = (od.first(), od.get(1)) {
                    let sign = if off.starts_with('-') { -1 } else { 1 };
                    t -= sign * (oh * 3600 + om * 60);
                }
            }
        }
        return Some(Stamp::Full(t));
    }
    if s.contains(':') && (2..=3).contains(&digits.len()) {
        let (h, mi) = (digits[0], digits[1]);
        let se = digits.get(2).copied().unwrap_or(0);
        if h <= 23 && mi <= 59 && se <= 60 {
            return Some(Stamp::TimeOfDay(h * 3600 + mi * 60 + se));
        }
    }
    None
}

/// Whether an RFC 3339-style string carries its own offset (Z or ±HH:MM after the time).
fn has_offset(s: &str) -> bool {
    let s = s.trim();
    // Chars, not bytes: page text may hold CJK before the time.
    s.ends_with('Z') || s.ends_with('z') || s.chars().skip(16).any(|c| c == '+' || c == '-')
}

fn number_runs(s: &str) -> Vec<i64> {
    let mut out = Vec::new();
    let mut cur: Option<i64> = None;
    for c in s.chars() {
        if let Some(d) = c.to_digit(10) {
            cur = Some(cur.unwrap_or(0).saturating_mul(10).saturating_add(d as i64));
        } else if c == '.' && cur.is_some() && out.len() >= 5 {
            // fractional seconds: stop reading numbers of the time part
            if let Some(v) = cur.take() {
                out.push(v);
            }
            break;
        } else if let Some(v) = cur.take() {
            out.push(v);
        }
    }
    if let Some(v) = cur {
        out.push(v);
    }
    out
}

/// Days since 1970-01-01 for a proleptic Gregorian date (Howard Hinnant's algorithm).
pub fn days_from_civil(y: i64, m: i64, d: i64) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (m + 9) % 12;
    let doy = (153 * mp + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_console_timestamps() {
        let a = parse_time("2026-09-08T17:30:17Z");
        let b = parse_time("2026年09月08日 17:30:17");
        let c = parse_time("2026-09-08T19:30:17+02:00");
        assert_eq!(a, b);
        assert_eq!(a, c);
        assert_eq!(
            parse_time("17:30"),
            Some(Stamp::TimeOfDay(17 * 3600 + 30 * 60))
        );
        // A header line: the sender's name, then the time (快手).
        assert_eq!(
            parse_time("小王2024 2-22 18:55:20"),
            Some(Stamp::MonthDay(2, 22, 18 * 3600 + 55 * 60 + 20))
        );
        assert_eq!(
            parse_time("Emma 10:43"),
            Some(Stamp::TimeOfDay(10 * 3600 + 43 * 60))
        );
        let c = Conversation {
            messages: vec![crate::conversation::Message {
                role: Role::Customer,
                text: "x".into(),
                time: Some("小王 12-31 23:00:00".into()),
                id: None,
            }],
            now: Some("2027-01-01T01:00:00+08:00".into()),
            utc_offset_minutes: Some(480),
            ..Default::default()
        };
        // Dec 31 seen on Jan 1: last year's, 2 hours ago.
        assert_eq!(
            c.now_secs().zip(c.times()[0]).map(|(n, t)| n - t),
            Some(2 * 3600)
        );
        assert_eq!(parse_time("yesterday"), None);
        assert_eq!(parse_time("2026-13-40 99:99"), None);
        assert_eq!(parse_time("2026-09-08T17:30:17.250Z"), a);
    }

    #[test]
    fn bare_times_take_the_last_date() {
        let c = Conversation {
            messages: vec![
                Message {
                    role: Role::Customer,
                    text: "a".into(),
                    time: Some("2026-09-08 23:50".into()),
                    id: None,
                },
                Message {
                    role: Role::Agent,
                    text: "b".into(),
                    time: Some("23:55".into()),
                    id: None,
                },
            ],
            ..Default::default()
        };
        let t = c.times();
        assert_eq!(t[1].unwrap() - t[0].unwrap(), 300);
    }
}

#[cfg(test)]
mod offset_tests {
    use super::*;

    #[test]
    fn console_local_times_compare_with_utc_now() {
        let c = Conversation {
            messages: vec![Message {
                role: Role::Customer,
                text: "x".into(),
                time: Some("2026年09月08日 17:30:00".into()),
                id: None,
            }],
            now: Some("2026-09-08T09:40:00Z".into()),
            utc_offset_minutes: Some(480),
            ..Default::default()
        };
        assert_eq!(c.explicit_now().unwrap() - c.times()[0].unwrap(), 600);
    }
}
