//! The agent's own voice, learned from what they actually send (亲 or 您, emoji habit, sign-off,
//! length) and applied to suggestions, so a reply reads like the agent wrote it.

use serde::{Deserialize, Serialize};

use crate::conversation::{Conversation, Role};
use crate::kinds::Lang;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
#[cfg_attr(test, derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum Address {
    /// 亲 / 亲亲: the marketplace's warm address.
    Qin,
    /// 您: formal.
    Nin,
    #[default]
    Unknown,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct Style {
    pub address: Address,
    /// Share of the agent's messages that carry an emoji or a "~".
    pub emoji_rate: f32,
    /// The emoji (or "~") the agent uses most.
    #[cfg_attr(test, ts(optional))]
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub emoji: Option<String>,
    /// A sign-off the agent ends most messages with ("—小美", "Cheers, Sam").
    #[cfg_attr(test, ts(optional))]
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sign_off: Option<String>,
    /// Median length of the agent's messages, in chars.
    pub median_chars: u32,
    /// How many agent messages this was learned from.
    pub samples: u32,
    /// Set by the agent in the settings: use this style as it is, stop learning.
    #[serde(default)]
    pub locked: bool,
}

impl crate::json_lite::FromJson for Address {
    fn from_json(j: &crate::json_lite::Json) -> Result<Self, String> {
        crate::json_lite::variant(j, &[Address::Qin, Address::Nin, Address::Unknown])
    }
}

/// The stored style, as the derive reads it (the panel's wasm carries no serde reader).
impl crate::json_lite::FromJson for Style {
    fn from_json(j: &crate::json_lite::Json) -> Result<Self, String> {
        Ok(Style {
            address: j.field("address")?,
            emoji_rate: j.field("emoji_rate")?,
            emoji: j.field_or("emoji", || None)?,
            sign_off: j.field_or("sign_off", || None)?,
            median_chars: j.field("median_chars")?,
            samples: j.field("samples")?,
            locked: j.field_or("locked", || false)?,
        })
    }
}

fn is_emoji(c: char) -> bool {
    matches!(c as u32, 0x1F300..=0x1FAFF | 0x2600..=0x27BF) || c == '~' || c == '～'
}

/// Learn from the agent's messages in a conversation, on top of what was learned before.
pub fn learn(conv: &Conversation, prior: Option<&Style>) -> Style {
    let agent: Vec<&str> = conv
        .messages
        .iter()
        .filter(|m| m.role == Role::Agent)
        .map(|m| m.text.trim())
        .filter(|t| !t.is_empty())
        .collect();
    let mut s = prior.cloned().unwrap_or_default();
    if agent.is_empty() || s.locked {
        return s;
    }
    let (mut qin, mut nin, mut with_emoji) = (0u32, 0u32, 0u32);
    let mut counts: Vec<(String, u32)> = Vec::new();
    let mut lens: Vec<u32> = Vec::new();
    for t in &agent {
        if t.contains('亲') {
            qin += 1;
        }
        if t.contains('您') {
            nin += 1;
        }
        let mut has = false;
        for c in t.chars().filter(|c| is_emoji(*c)) {
            has = true;
            let k = if c == '～' {
                "~".to_string()
            } else {
                c.to_string()
            };
            match counts.iter_mut().find(|(e, _)| *e == k) {
                Some(e) => e.1 += 1,
                None => counts.push((k, 1)),
            }
        }
        if has {
            with_emoji += 1;
        }
        lens.push(t.chars().count() as u32);
    }
    let n = agent.len() as u32;
    // Blend with the prior in proportion to the evidence each has.
    let total = s.samples + n;
    let new_rate = with_emoji as f32 / n as f32;
    s.emoji_rate = (s.emoji_rate * s.samples as f32 + new_rate * n as f32) / total as f32;
    if let Some((e, _)) = counts.iter().max_by_key(|(_, c)| *c) {
        s.emoji = Some(e.clone());
    }
    if qin > nin && qin * 2 >= n {
        s.address = Address::Qin;
    } else if nin > 0 && qin == 0 {
        s.address = Address::Nin;
    }
    crate::sort::sort(&mut lens);
    s.median_chars = lens[lens.len() / 2];
    // A sign-off: the same tail (after a dash or a newline) in most messages.
    let tails: Vec<&str> = agent
        .iter()
        .filter_map(|t| {
            t.rsplit_once(['—', '\n'])
                .map(|(_, tail)| tail.trim())
                .filter(|x| !x.is_empty() && x.chars().count() <= 20)
        })
        .collect();
    if let Some(first) = tails.first() {
        if tails.iter().filter(|t| *t == first).count() * 2 > agent.len() && agent.len() >= 2 {
            s.sign_off = Some(first.to_string());
        }
    }
    s.samples = total;
    s
}

/// Rewrite a suggestion in the agent's voice.
pub fn apply(text: &str, style: &Style, lang: Lang, has_name: bool) -> String {
    let mut t = text.to_string();
    if lang == Lang::Zh {
        match style.address {
            Address::Qin if !has_name && !t.starts_with('亲') => t = format!("亲，{t}"),
            Address::Nin => {
                for p in ["亲亲，", "亲，"] {
                    if let Some(rest) = t.strip_prefix(p) {
                        t = rest.to_string();
                    }
                }
            }
            _ => {}
        }
    }
    if style.samples >= 2 || style.locked {
        if style.emoji_rate >= 0.3 {
            // "~" is a Chinese chat softener; at the end of an English sentence it reads as a typo.
            if let Some(e) = style
                .emoji
                .as_ref()
                .filter(|e| lang == Lang::Zh || e.as_str() != "~")
            {
                if !t.contains(e.as_str()) {
                    // "…麻烦了~" reads like the agent; "…麻烦了。~" does not.
                    if e == "~" && (t.ends_with('。') || t.ends_with('.')) {
                        t.pop();
                    }
                    t.push_str(e);
                }
            }
        } else if style.emoji_rate == 0.0 {
            t = t.chars().filter(|c| !is_emoji(*c)).collect();
        }
    }
    if let Some(sig) = &style.sign_off {
        if !t.ends_with(sig.as_str()) {
            t.push_str(if lang == Lang::Zh { " —" } else { "\n" });
            t.push_str(sig);
        }
    }
    t
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::conversation::Message;

    fn conv(agent: &[&str]) -> Conversation {
        Conversation {
            messages: agent
                .iter()
                .map(|t| Message {
                    role: Role::Agent,
                    text: t.to_string(),
                    time: None,
                    id: None,
                })
                .collect(),
            ..Default::default()
        }
    }

    #[test]
    fn learns_qin_and_emoji_and_applies_them() {
        let s = learn(
            &conv(&["亲，在的哦~", "亲亲，已经帮您备注了~", "好的亲😊"]),
            None,
        );
        assert_eq!(s.address, Address::Qin);
        assert!(s.emoji_rate > 0.9);
        let out = apply("您好，已经帮您查询了。", &s, Lang::Zh, false);
        assert!(out.starts_with("亲，") && out.ends_with('~'), "{out}");
        // The same agent answering in English: no "亲", no "~" (an emoji habit would carry over).
        let tilde = Style {
            emoji: Some("~".into()),
            ..s.clone()
        };
        assert_eq!(
            apply("Thank you for your patience.", &tilde, Lang::En, false),
            "Thank you for your patience."
        );
        let smile = Style {
            emoji: Some("😊".into()),
            ..s
        };
        assert_eq!(
            apply("Thank you for your patience.", &smile, Lang::En, false),
            "Thank you for your patience.😊"
        );
    }

    #[test]
    fn formal_agent_without_emoji_gets_formal_plain_text() {
        let s = learn(
            &conv(&["您好，请问有什么可以帮您？", "好的，已为您处理。"]),
            None,
        );
        assert_eq!(s.address, Address::Nin);
        let out = apply("亲，已经处理好了😊", &s, Lang::Zh, false);
        assert_eq!(out, "已经处理好了");
    }

    #[test]
    fn a_locked_style_is_applied_and_not_relearned() {
        let locked = Style {
            address: Address::Qin,
            emoji_rate: 1.0,
            emoji: Some("~".into()),
            locked: true,
            ..Default::default()
        };
        let s = learn(
            &conv(&["您好，请问有什么可以帮您？", "好的，已为您处理。"]),
            Some(&locked),
        );
        assert_eq!(s, locked);
        assert_eq!(
            apply("您好，已经处理了。", &s, Lang::Zh, false),
            "亲，您好，已经处理了~"
        );
    }

    #[test]
    fn the_panel_reads_a_stored_style_as_serde_reads_it() {
        let read = crate::json_lite::assert_reads_as_serde::<Style>(&[
            r#"{"address":"qin","emoji_rate":0.33333334,"emoji":"😊","sign_off":"—小美","median_chars":18,"samples":40,"locked":true}"#,
            r#"{"address":"nin","emoji_rate":0,"median_chars":0,"samples":1}"#,
            r#"{"address":"unknown","emoji_rate":1e-5,"emoji":null,"median_chars":3,"samples":2,"extra":[1]}"#,
            r#"{"address":"Qin","emoji_rate":0.5,"median_chars":3,"samples":2}"#,
            r#"{"address":"qin","emoji_rate":"0.5","median_chars":3,"samples":2}"#,
            r#"{"address":"qin","emoji_rate":0.5,"median_chars":3.5,"samples":2}"#,
            r#"{"address":"qin","emoji_rate":0.5,"median_chars":-1,"samples":2}"#,
            r#"{"address":"qin","emoji_rate":0.5,"median_chars":3,"samples":2,"locked":null}"#,
            r#"{"address":"qin","emoji_rate":0.5,"median_chars":3}"#,
            r#"{"address":"qin","emoji_rate":0.5,"median_chars":3,"samples":2"#,
            r#"[]"#,
            "",
        ]);
        assert_eq!(read, 3);
        let s = learn(
            &conv(&["亲，在的哦~", "好的亲😊", "亲亲，已经帮您备注了~"]),
            None,
        );
        let back = crate::json_lite::read::<Style>(&serde_json::to_string(&s).unwrap());
        assert_eq!(back, Ok(s));
    }

    #[test]
    fn sign_off_is_learned_when_repeated() {
        let s = learn(
            &conv(&[
                "Sure, on it.\nCheers, Sam",
                "Done!\nCheers, Sam",
                "Anything else?\nCheers, Sam",
            ]),
            None,
        );
        assert_eq!(s.sign_off.as_deref(), Some("Cheers, Sam"));
        assert!(apply("Your refund is on its way.", &s, Lang::En, true).ends_with("\nCheers, Sam"));
    }
}
