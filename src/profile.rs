//! Site profiles: how the content script finds a console's chat (its list, messages, roles, text,
//! composer, and the order and customer facts beside it), each field a chain of fallback CSS
//! selectors. The core never reads one; the schema is defined here once so it cannot drift:
//! `extension/profile.d.ts` is generated from these types by `cargo test` (see
//! `tests::typescript_is_current`), `extension/profile-check.js` (what the build, Options' imports
//! and the content script check a profile with) is type-checked against it field by field, and
//! every shipped profile in `extension/profiles/` is read with these types below.
//!
//! Keys starting with "_" are notes for reviewers, on any level: they are not part of the schema.

use serde::{Deserialize, Serialize};

/// A chain of fallbacks: the first selector that finds something is used. `sel@attr` reads an
/// attribute instead of the text; `host >>> sel` enters a web component's open shadow root (or a
/// same-origin frame's document).
pub type Selectors = Vec<String>;

/// One console's profile (`extension/profiles/*.json`, or taught by the agent with the picker).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
#[serde(deny_unknown_fields)]
pub struct SiteProfile {
    /// Lower-case letters, digits, "-" and "_".
    pub id: String,
    pub name: String,
    /// Set on profiles the agent taught Duxin (the element picker).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(test, ts(optional))]
    pub taught: Option<bool>,
    /// Parts of the address the profile is for ("mms.pinduoduo.com/chat").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(test, ts(optional))]
    pub urls: Option<Selectors>,
    /// Selectors that, when they find something, say the page is this console.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(test, ts(optional))]
    pub detect: Option<Selectors>,
    /// The open conversation's list.
    pub container: Selectors,
    /// One message in the list (from the list; `:scope > x` for its children only).
    pub item: Selectors,
    /// The message's text in an item (`:scope`: the whole item).
    pub text: Selectors,
    /// The reply box.
    pub composer: Selectors,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(test, ts(optional))]
    pub time: Option<Selectors>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(test, ts(optional))]
    pub customer_name: Option<Selectors>,
    /// Product and order cards in the list: not messages.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(test, ts(optional))]
    pub card: Option<Selectors>,
    /// Words that mark a robot's reply where nothing else does (此消息由机器人自动回复).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(test, ts(optional))]
    pub bot_text: Option<Selectors>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(test, ts(optional))]
    pub role: Option<RoleSelectors>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(test, ts(optional))]
    pub order: Option<OrderSelectors>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(test, ts(optional))]
    pub customer: Option<CustomerSelectors>,
}

/// Who wrote an item: it matches (or holds) one of these. Without a match, the sender's name, then
/// the side of the list the bubble is on, says it.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
#[serde(deny_unknown_fields)]
pub struct RoleSelectors {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(test, ts(optional))]
    pub customer: Option<Selectors>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(test, ts(optional))]
    pub agent: Option<Selectors>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(test, ts(optional))]
    pub bot: Option<Selectors>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(test, ts(optional))]
    pub system: Option<Selectors>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(test, ts(optional))]
    pub sender: Option<SenderSelectors>,
}

/// Consoles that mark no side: the item's sender name, compared with the buyer's nickname.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
#[serde(deny_unknown_fields)]
pub struct SenderSelectors {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(test, ts(optional))]
    pub name: Option<Selectors>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(test, ts(optional))]
    pub buyer: Option<Selectors>,
}

/// The order shown beside the chat (raw text; the core parses it).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
#[serde(deny_unknown_fields)]
pub struct OrderSelectors {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(test, ts(optional))]
    pub id: Option<Selectors>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(test, ts(optional))]
    pub product: Option<Selectors>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(test, ts(optional))]
    pub amount: Option<Selectors>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(test, ts(optional))]
    pub paid_at: Option<Selectors>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(test, ts(optional))]
    pub shipped_at: Option<Selectors>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(test, ts(optional))]
    pub delivered_at: Option<Selectors>,
}

/// What the console shows of the customer.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
#[serde(deny_unknown_fields)]
pub struct CustomerSelectors {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(test, ts(optional))]
    pub orders_count: Option<Selectors>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(test, ts(optional))]
    pub total_spent: Option<Selectors>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(test, ts(optional))]
    pub member_since: Option<Selectors>,
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::Value;
    use ts_rs::{Config, TS};

    /// The generated TypeScript, in dependency order.
    fn typescript() -> String {
        let cfg = Config::new().with_large_int("number");
        let decls = [
            SenderSelectors::decl(&cfg),
            RoleSelectors::decl(&cfg),
            OrderSelectors::decl(&cfg),
            CustomerSelectors::decl(&cfg),
            SiteProfile::decl(&cfg),
        ];
        crate::generated::ts_module(
            "// Generated from src/profile.rs by `cargo test` (UPDATE_PROTOCOL=1 rewrites it). Do not edit.\n\n",
            decls,
        )
    }

    #[test]
    fn typescript_is_current() {
        crate::generated::assert_current(
            "extension/profile.d.ts",
            &typescript(),
            "extension/profile.d.ts is out of date: run UPDATE_PROTOCOL=1 cargo test --lib profile",
        );
    }

    /// A profile as the content script reads it: without the reviewers' notes.
    fn without_notes(v: Value) -> Value {
        match v {
            Value::Object(m) => Value::Object(
                m.into_iter()
                    .filter(|(k, _)| !k.starts_with('_'))
                    .map(|(k, v)| (k, without_notes(v)))
                    .collect(),
            ),
            v => v,
        }
    }

    fn read(json: &str) -> Result<SiteProfile, serde_json::Error> {
        serde_json::from_value(without_notes(serde_json::from_str(json)?))
    }

    #[test]
    fn every_shipped_profile_is_read_by_the_schema() {
        let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/extension/profiles");
        let mut n = 0;
        for f in std::fs::read_dir(dir).unwrap() {
            let path = f.unwrap().path();
            if path.extension().and_then(|e| e.to_str()) != Some("json") {
                continue;
            }
            let json = std::fs::read_to_string(&path).unwrap();
            if let Err(e) = read(&json) {
                panic!("{}: {e}", path.display());
            }
            n += 1;
        }
        assert!(n >= 10, "only {n} profiles");
    }

    #[test]
    fn a_misspelt_field_is_refused_on_every_level() {
        let base = r##"{"id":"x","name":"X","container":["#c"],"item":["li"],"text":[":scope"],"composer":["textarea"]"##;
        assert!(read(&format!("{base}}}")).is_ok());
        assert!(read(&format!("{base},\"_note\":\"kept for reviewers\"}}")).is_ok());
        assert!(read(&format!("{base},\"contianer\":[\"#c\"]}}")).is_err());
        assert!(read(&format!("{base},\"role\":{{\"custmer\":[\".l\"]}}}}")).is_err());
        assert!(read(&format!(
            "{base},\"role\":{{\"sender\":{{\"nick\":[\".n\"]}}}}}}"
        ))
        .is_err());
        assert!(read(&format!("{base},\"order\":{{\"total\":[\".t\"]}}}}")).is_err());
    }

    #[test]
    fn a_profile_without_its_list_or_composer_is_refused() {
        for missing in ["container", "item", "text", "composer"] {
            let mut v: serde_json::Map<String, Value> = serde_json::from_str(
                r##"{"id":"x","name":"X","container":["#c"],"item":["li"],"text":[":scope"],"composer":["textarea"]}"##,
            )
            .unwrap();
            v.remove(missing);
            assert!(
                serde_json::from_value::<SiteProfile>(Value::Object(v)).is_err(),
                "{missing}"
            );
        }
    }
}
