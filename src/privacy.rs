//! What may be stored about a conversation: a key that identifies it without naming anyone, and,
//! only when the agent turns it on, its text with personal data (phone numbers, e-mail, addresses,
//! the customer's name) masked.

use crate::words::Words;
use serde::{Deserialize, Serialize};

use crate::conversation::{Conversation, Role};
use crate::facts::{extract, FactKind};

/// FNV-1a, 64 bits, as 16 hex digits. Not a secret: it only has to keep names out of storage and
/// stay the same for the same conversation across reloads.
pub fn hash(parts: &[&str]) -> String {
    format!("{:016x}", fnv64(parts.iter().map(|p| p.as_bytes())))
}

/// The same FNV-1a over byte parts, each ended by a zero byte, as a number (the team insights key
/// millions of events by it, where a string each would cost).
pub fn fnv64<'a>(parts: impl IntoIterator<Item = &'a [u8]>) -> u64 {
    parts.into_iter().fold(crate::text::FNV_OFFSET, |h, p| {
        crate::text::fnv1a(crate::text::fnv1a(h, p), &[0])
    })
}

/// A stable key for a conversation on a site: the customer's name when the page shows one, else
/// the first customer message (a conversation's first words do not change as it goes on).
pub fn conversation_key(conv: &Conversation, site: &str) -> String {
    let name = conv
        .customer
        .as_ref()
        .and_then(|c| c.name.as_deref())
        .unwrap_or("");
    let first = if name.is_empty() {
        conv.messages
            .iter()
            .find(|m| m.role == Role::Customer)
            .map(|m| m.text.as_str())
            .unwrap_or("")
    } else {
        ""
    };
    hash(&[site, name, first])
}

/// One stored line of a conversation (only when the agent keeps texts).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct MaskedLine {
    pub role: Role,
    pub text: String,
}

/// The text with phone numbers, e-mail addresses, postal addresses and the customer's name
/// replaced by a marker of their kind.
pub fn mask(text: &str, name: Option<&str>) -> String {
    let mut spans: Vec<(usize, usize, &str)> = Vec::new();
    // Facts carry UTF-16 offsets; map them back to byte offsets of `text`.
    let mut u16_to_byte = Vec::with_capacity(text.len() + 1);
    for (b, ch) in text.char_indices() {
        for _ in 0..ch.len_utf16() {
            u16_to_byte.push(b);
        }
    }
    u16_to_byte.push(text.len());
    for f in extract(text, None).into_iter().filter(|f| f.personal) {
        let marker = match f.kind {
            FactKind::Phone => "[phone]",
            FactKind::Email => "[email]",
            FactKind::Address => "[address]",
            _ => "[personal]",
        };
        if let (Some(&a), Some(&b)) = (
            u16_to_byte.get(f.start as usize),
            u16_to_byte.get(f.end as usize),
        ) {
            spans.push((a, b, marker));
        }
    }
    for n in name.map(name_forms).unwrap_or_default() {
        for (a, _) in text.match_indices(n.as_str()) {
            spans.push((a, a + n.len(), "[name]"));
        }
    }
    // Leftmost first, the longest of those: "Megan Brooks" before "Megan".
    crate::sort::sort_by_key(&mut spans, |s| (s.0, std::cmp::Reverse(s.1)));
    let mut out = String::with_capacity(text.len());
    let mut at = 0;
    for (a, b, marker) in spans {
        if a < at {
            continue;
        }
        out.push_str(&text[at..a]);
        out.push_str(marker);
        at = b;
    }
    out.push_str(&text[at..]);
    out
}

/// The ways a reply may name the customer: the name as the console shows it, its words ("Megan
/// Brooks": "Megan", "Brooks"), and for a Chinese name the surname with a title ("林女士") and the
/// given name ("林晓雯": "晓雯"). Forms shorter than two chars are left out.
fn name_forms(name: &str) -> Vec<String> {
    const TITLES: Words = words!["女士", "先生", "小姐"];
    let name = name.trim();
    let chars: Vec<char> = name.chars().collect();
    let mut v = vec![name.to_string()];
    v.extend(
        name.split_whitespace()
            .filter(|w| w.chars().all(char::is_alphabetic))
            .map(str::to_string),
    );
    let n = chars.len();
    if (2..=4).contains(&n) && chars.iter().all(|c| crate::text::is_cjk(*c)) {
        // A four-char name may have a two-char surname (欧阳娜娜: 欧阳女士).
        for surname in [&chars[..1], &chars[..n / 2]] {
            let surname: String = surname.iter().collect();
            v.extend(TITLES.iter().map(|t| format!("{surname}{t}")));
        }
        if n >= 3 && !TITLES.iter().any(|t| name.ends_with(t)) {
            v.push(chars[n - 2..].iter().collect());
        }
    }
    v.retain(|f| f.chars().count() >= 2);
    v
}

/// The conversation's lines, masked, for agents who chose to keep texts.
pub fn masked_lines(conv: &Conversation) -> Vec<MaskedLine> {
    let name = conv.customer.as_ref().and_then(|c| c.name.as_deref());
    conv.messages
        .iter()
        .map(|m| MaskedLine {
            role: m.role,
            text: mask(&m.text, name),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    #[test]
    fn a_conversation_key_is_the_one_earlier_versions_stored() {
        // FNV-1a over each part and a zero byte, as stored keys were made before.
        assert_eq!(hash(&["pinduoduo", "林", ""]), "36c152fd5afde8d5");
    }

    #[test]
    fn phone_email_address_and_name_are_masked() {
        let t = "我是王芳，电话13812345678，邮箱 fang@example.com，地址浙江省杭州市西湖区文三路188号，尽快发货";
        let m = mask(t, Some("王芳"));
        for leak in ["王芳", "13812345678", "fang@example.com", "文三路188号"] {
            assert!(!m.contains(leak), "{m}");
        }
        assert!(
            m.contains("[phone]")
                && m.contains("[email]")
                && m.contains("[name]")
                && m.ends_with("尽快发货"),
            "{m}"
        );
        assert_eq!(
            mask("Where is my parcel? 😠", None),
            "Where is my parcel? 😠",
            "nothing personal, nothing changed"
        );
    }

    #[test]
    fn the_customer_is_masked_however_the_reply_names_them() {
        assert_eq!(
            mask(
                "Hi Megan, thanks Ms Brooks. Megan Brooks, right?",
                Some("Megan Brooks")
            ),
            "Hi [name], thanks Ms [name]. [name], right?"
        );
        assert_eq!(
            mask("林女士您好，晓雯你好，林晓雯", Some("林晓雯")),
            "[name]您好，[name]你好，[name]"
        );
        assert_eq!(
            mask("王小姐，小姐姐好", Some("王小姐")),
            "[name]，小姐姐好",
            "a title is not a given name"
        );
        assert_eq!(
            mask("欧阳女士好，娜娜", Some("欧阳娜娜")),
            "[name]好，[name]"
        );
    }

    #[test]
    fn a_conversation_keeps_its_key_as_it_grows() {
        let mut c = Conversation::from_turns(&[(Role::Customer, "杯子漏水".into())]);
        let k = conversation_key(&c, "pinduoduo");
        c.messages.push(crate::conversation::Message {
            role: Role::Agent,
            text: "亲，抱歉".into(),
            time: None,
            id: None,
        });
        assert_eq!(conversation_key(&c, "pinduoduo"), k);
        assert_ne!(conversation_key(&c, "jd"), k);
        assert_eq!(k.len(), 16);
    }
}
