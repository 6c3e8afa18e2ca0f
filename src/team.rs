//! The team pack: one versioned file with what a shop's lead sets up once for every agent (the
//! policy, the shop's replies, product facts, taught site profiles and the draft check's settings).
//! The lead exports it from Options, agents import it; an IT team may push it by browser policy
//! (`chrome.storage.managed`), and then it is read-only. Everything that decides lives here,
//! tested natively: the pack's shape, its content hash (so a team can see everyone holds the same
//! one), and what an import changes. Options only shows the plan and stores its result.
//!
//! An import never touches what is the agent's own: their learned voice and answer memory are not
//! in a pack at all, and their own replies, products and sites (those the previous pack did not
//! bring) are kept. What the previous pack brought and the new one no longer has is removed.

use std::collections::{BTreeMap, HashMap, HashSet};

use serde::{Deserialize, Serialize};
use serde_json::Value;

use crate::guard::Settings;
use crate::knowledge::{CustomReply, Policy};
use crate::products::Product;
use crate::{Error, Result};

/// What the `format` field of a pack says.
pub const FORMAT: &str = "duxin-team-pack";
/// The pack schema this build writes; it reads this one and older ones.
pub const VERSION: u32 = 1;
/// The most entries of one kind a pack may hold (as for every import in Options).
pub const MAX_ENTRIES: usize = 100_000;

/// One team pack, as exported and imported (JSON).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct TeamPack {
    /// Always `duxin-team-pack`.
    #[serde(default)]
    pub format: String,
    /// The pack schema version ([`VERSION`]).
    #[serde(default)]
    pub version: u32,
    /// The shop policy (the fields of `data/knowledge/policy.toml`); absent, an import keeps the
    /// agent's. Kept as JSON so that a pack compares field by field whatever the build.
    #[serde(default)]
    #[cfg_attr(test, ts(type = "Record<string, number | string | null> | null"))]
    pub policy: Option<Value>,
    /// The shop's own replies.
    #[serde(default)]
    #[cfg_attr(
        test,
        ts(type = "Array<{ id: string, lang: Lang, intent: Intent, text: string }>")
    )]
    pub replies: Vec<CustomReply>,
    /// Product facts.
    #[serde(default)]
    pub products: Vec<Product>,
    /// Taught site profiles by host (as `profile:<host>` in chrome.storage.local; checked by
    /// `profile-check.js` before they are stored).
    #[serde(default)]
    #[cfg_attr(test, ts(type = "Record<string, Record<string, unknown>>"))]
    pub sites: BTreeMap<String, Value>,
    /// The draft check: rules switched off and the shop's own words.
    #[serde(default)]
    pub guard: Settings,
}

/// What changes for one kind of content, by key (a reply's id, a product's name, a site's host,
/// a policy field, `off:RULE` or `word:WORD` for the draft check).
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct Changes {
    pub added: Vec<String>,
    pub changed: Vec<String>,
    pub removed: Vec<String>,
}

impl Changes {
    pub fn is_empty(&self) -> bool {
        self.added.is_empty() && self.changed.is_empty() && self.removed.is_empty()
    }
}

/// What an import changes, per kind.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct PackDiff {
    pub policy: Changes,
    pub replies: Changes,
    pub products: Changes,
    pub sites: Changes,
    pub guard: Changes,
}

/// The keys a pack brought, kept after an import, so the next import removes what the team no
/// longer ships and keeps what is the agent's own.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct PackKeys {
    #[serde(default)]
    pub replies: Vec<String>,
    #[serde(default)]
    pub products: Vec<String>,
    #[serde(default)]
    pub sites: Vec<String>,
}

/// A pack as the lead exports it: canonical content and its hash.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct Exported {
    pub pack: TeamPack,
    /// FNV-1a over the canonical JSON, 16 hex digits.
    pub hash: String,
    /// Its first 8 digits, what Options shows.
    pub short: String,
}

/// What importing a pack would do: shown first, applied (its `result` stored) once the agent
/// agrees.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct ImportPlan {
    pub hash: String,
    pub short: String,
    pub diff: PackDiff,
    /// The agent's state after the import: the pack, plus what is theirs.
    pub result: TeamPack,
    /// What this pack brought (kept for the next import).
    pub keys: PackKeys,
}

impl TeamPack {
    /// A pack of this build's version holding nothing.
    pub fn empty() -> Self {
        TeamPack {
            format: FORMAT.into(),
            version: VERSION,
            policy: None,
            replies: Vec::new(),
            products: Vec::new(),
            sites: BTreeMap::new(),
            guard: Settings::default(),
        }
    }

    /// Read a pack file, refusing what is not a pack, a newer schema, or too many entries.
    pub fn from_json(text: &str) -> Result<Self> {
        let p: TeamPack = serde_json::from_str(text)?;
        if p.format != FORMAT {
            return Err(Error::Pack(format!(
                "not a team pack (format {:?})",
                p.format
            )));
        }
        if p.version > VERSION {
            return Err(Error::Pack(format!(
                "pack version {} is newer than this Duxin reads ({VERSION})",
                p.version
            )));
        }
        let most = [p.replies.len(), p.products.len(), p.sites.len()];
        if most.iter().any(|n| *n > MAX_ENTRIES) {
            return Err(Error::Pack(format!(
                "more than {MAX_ENTRIES} entries of one kind"
            )));
        }
        if let Some((host, _)) = p.sites.iter().find(|(_, v)| !v.is_object()) {
            return Err(Error::Pack(format!("site {host}: a profile is an object")));
        }
        if let Some(policy) = &p.policy {
            // It must read as the core's policy, or the panel would fall back to the defaults.
            if !policy.is_object() {
                return Err(Error::Pack("policy: an object of fields".into()));
            }
            serde_json::from_value::<Policy>(policy.clone())
                .map_err(|e| Error::Pack(format!("policy: {e}")))?;
        }
        Ok(p)
    }

    /// The same content in one order (replies by id, products by name, rules and words sorted,
    /// JSON objects by key, the last of two entries with one key kept), so that two packs holding
    /// the same things hash the same however they were put together.
    pub fn canonical(&self) -> TeamPack {
        let mut replies = last_by_key(&self.replies, |r| r.id.clone());
        crate::sort::sort_by(&mut replies, |a, b| a.id.cmp(&b.id));
        let mut products = last_by_key(&self.products, |p| p.name.clone());
        crate::sort::sort_by(&mut products, |a, b| a.name.cmp(&b.name));
        let mut off = self.guard.off.clone();
        crate::sort::sort(&mut off);
        off.dedup();
        let mut words = last_by_key(&self.guard.words, |w| w.word.clone());
        crate::sort::sort_by(&mut words, |a, b| a.word.cmp(&b.word));
        TeamPack {
            format: FORMAT.into(),
            version: VERSION,
            policy: self.policy.clone().map(sorted),
            replies,
            products,
            sites: self
                .sites
                .iter()
                .map(|(k, v)| (k.clone(), sorted(v.clone())))
                .collect(),
            guard: Settings { off, words },
        }
    }

    /// The content hash: FNV-1a (64 bits, hex) of the canonical JSON. Not a secret, a fingerprint
    /// a team compares.
    pub fn hash(&self) -> String {
        let text = serde_json::to_string(&self.canonical()).unwrap_or_default();
        crate::privacy::hash(&[&text])
    }

    /// The pack to export and its hash.
    pub fn export(&self) -> Exported {
        let pack = self.canonical();
        let hash = pack.hash();
        Exported {
            short: hash[..8].to_string(),
            hash,
            pack,
        }
    }

    fn keys(&self) -> PackKeys {
        PackKeys {
            replies: self.replies.iter().map(|r| r.id.clone()).collect(),
            products: self.products.iter().map(|p| p.name.clone()).collect(),
            sites: self.sites.keys().cloned().collect(),
        }
    }
}

/// JSON objects rebuilt with their keys in order, at every depth.
fn sorted(v: Value) -> Value {
    match v {
        Value::Object(m) => {
            let mut pairs: Vec<(String, Value)> = m.into_iter().collect();
            crate::sort::sort_by(&mut pairs, |a, b| a.0.cmp(&b.0));
            Value::Object(pairs.into_iter().map(|(k, v)| (k, sorted(v))).collect())
        }
        Value::Array(a) => Value::Array(a.into_iter().map(sorted).collect()),
        other => other,
    }
}

/// The entries with one of each key, the last one, in the place of the first.
fn last_by_key<T: Clone>(list: &[T], key: impl Fn(&T) -> String) -> Vec<T> {
    let mut at: HashMap<String, usize> = HashMap::new();
    let mut out: Vec<T> = Vec::with_capacity(list.len());
    for item in list {
        match at.get(&key(item)) {
            Some(&i) => out[i] = item.clone(),
            None => {
                at.insert(key(item), out.len());
                out.push(item.clone());
            }
        }
    }
    out
}

fn json<T: Serialize>(v: &T) -> Value {
    serde_json::to_value(v).unwrap_or(Value::Null)
}

/// One keyed kind after an import: the agent's entries in their order, each the pack replaces in
/// its place, those the previous pack brought and this one dropped removed, the pack's new ones
/// at the end.
fn merge_keyed<T: Clone + Serialize>(
    local: &[T],
    incoming: &[T],
    previous: &[String],
    key: impl Fn(&T) -> &str,
) -> (Vec<T>, Changes) {
    let inc: HashMap<&str, &T> = incoming.iter().map(|t| (key(t), t)).collect();
    let previous: HashSet<&str> = previous.iter().map(String::as_str).collect();
    let mut used: HashSet<&str> = HashSet::new();
    let mut changes = Changes::default();
    let mut out = Vec::with_capacity(local.len().max(incoming.len()));
    for l in local {
        let k = key(l);
        match inc.get(k) {
            Some(new) if used.insert(k) => {
                if json(*new) != json(l) {
                    changes.changed.push(k.to_string());
                }
                out.push((*new).clone());
            }
            Some(_) => {}
            None if previous.contains(k) => changes.removed.push(k.to_string()),
            None => out.push(l.clone()),
        }
    }
    for t in incoming {
        if used.insert(key(t)) {
            changes.added.push(key(t).to_string());
            out.push(t.clone());
        }
    }
    (out, changes)
}

/// Field by field: what `after` adds, changes and (for a whole-replaced kind) removes.
fn field_changes(before: &BTreeMap<String, Value>, after: &BTreeMap<String, Value>) -> Changes {
    let mut c = Changes::default();
    for (k, v) in after {
        match before.get(k) {
            None => c.added.push(k.clone()),
            Some(b) if b != v => c.changed.push(k.clone()),
            Some(_) => {}
        }
    }
    c.removed = before
        .keys()
        .filter(|k| !after.contains_key(*k))
        .cloned()
        .collect();
    c
}

fn policy_fields(p: Option<&Value>) -> BTreeMap<String, Value> {
    p.and_then(Value::as_object)
        .map(|m| m.iter().map(|(k, v)| (k.clone(), v.clone())).collect())
        .unwrap_or_default()
}

fn guard_entries(s: &Settings) -> BTreeMap<String, Value> {
    let off = s
        .off
        .iter()
        .map(|r| (format!("off:{r}"), Value::Bool(true)));
    let words = s
        .words
        .iter()
        .map(|w| (format!("word:{}", w.word), Value::String(w.fix.clone())));
    off.chain(words).collect()
}

/// What importing `incoming` over the agent's `local` state does, given the keys the previous
/// pack brought. The policy (when the pack has one) and the draft check are the pack's; replies,
/// products and sites are merged by key.
pub fn plan_import(local: &TeamPack, incoming: &TeamPack, previous: &PackKeys) -> ImportPlan {
    let incoming = incoming.canonical();
    let (replies, reply_changes) =
        merge_keyed(&local.replies, &incoming.replies, &previous.replies, |r| {
            &r.id
        });
    let (products, product_changes) = merge_keyed(
        &local.products,
        &incoming.products,
        &previous.products,
        |p| &p.name,
    );
    let local_sites: Vec<(String, Value)> = local.sites.clone().into_iter().collect();
    let new_sites: Vec<(String, Value)> = incoming.sites.clone().into_iter().collect();
    let (sites, site_changes) = merge_keyed(&local_sites, &new_sites, &previous.sites, |s| &s.0);
    let policy = incoming.policy.clone().or_else(|| local.policy.clone());
    let mut policy_changes = field_changes(
        &policy_fields(local.policy.as_ref()),
        &policy_fields(policy.as_ref()),
    );
    // A pack sets the fields it has; it never unsets the agent's others.
    policy_changes.removed.clear();
    let diff = PackDiff {
        policy: policy_changes,
        replies: reply_changes,
        products: product_changes,
        sites: site_changes,
        guard: field_changes(
            &guard_entries(&local.guard),
            &guard_entries(&incoming.guard),
        ),
    };
    let hash = incoming.hash();
    ImportPlan {
        short: hash[..8].to_string(),
        hash,
        diff,
        keys: incoming.keys(),
        result: TeamPack {
            policy,
            replies,
            products,
            sites: sites.into_iter().collect(),
            guard: incoming.guard.clone(),
            ..TeamPack::empty()
        },
    }
}

/// `export` over JSON text (the wasm adapter's whole job): the agent's state in, `Exported` out.
pub fn export_json(local: &str) -> Result<String> {
    let local: TeamPack = serde_json::from_str(local)?;
    Ok(serde_json::to_string(&local.export())?)
}

/// `plan_import` over JSON text: the agent's state, the pack file's text and the previous keys
/// (empty text when there were none) in, `ImportPlan` out.
pub fn plan_json(local: &str, incoming: &str, previous: &str) -> Result<String> {
    let local: TeamPack = serde_json::from_str(local)?;
    let incoming = TeamPack::from_json(incoming)?;
    let previous: PackKeys = if previous.trim().is_empty() {
        PackKeys::default()
    } else {
        serde_json::from_str(previous)?
    };
    Ok(serde_json::to_string(&plan_import(
        &local, &incoming, &previous,
    ))?)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::guard::OwnWord;
    use crate::kinds::{Intent, Lang};
    use serde_json::json;

    fn reply(id: &str, text: &str) -> CustomReply {
        CustomReply {
            id: id.into(),
            lang: Lang::Zh,
            intent: Intent::Logistics,
            text: text.into(),
        }
    }

    fn product(name: &str, alias: &str) -> Product {
        serde_json::from_value(json!({"name": name, "aliases": [alias]})).unwrap()
    }

    fn lead_pack() -> TeamPack {
        TeamPack {
            policy: Some(json!({"return_window_days": 15.0, "approver_zh": "店长"})),
            replies: vec![
                reply("team.ship", "亲，已经在路上啦"),
                reply("team.size", "亲，按平时尺码拍"),
            ],
            products: vec![product("保温杯", "杯子")],
            sites: [(
                "chat.shop.example".to_string(),
                json!({"container": ["#m"], "message": ".x"}),
            )]
            .into_iter()
            .collect(),
            guard: Settings {
                off: vec!["tone.calm_down".into()],
                words: vec![OwnWord {
                    word: "亲爱的".into(),
                    fix: "亲".into(),
                }],
            },
            ..TeamPack::empty()
        }
    }

    #[test]
    fn the_same_content_in_another_order_has_the_same_hash() {
        let a = lead_pack();
        let mut b = a.clone();
        b.replies.reverse();
        b.policy = Some(json!({"approver_zh": "店长", "return_window_days": 15.0}));
        assert_eq!(a.hash(), b.hash());
        assert_eq!(a.export().short.len(), 8);
    }

    #[test]
    fn one_changed_word_changes_the_hash() {
        let a = lead_pack();
        let mut b = a.clone();
        b.replies[0].text.push('!');
        assert_ne!(a.hash(), b.hash());
    }

    #[test]
    fn an_exported_pack_reads_back_equal_field_by_field() {
        let e = lead_pack().export();
        let text = serde_json::to_string(&e.pack).unwrap();
        let back = TeamPack::from_json(&text).unwrap();
        assert_eq!(back, e.pack);
        assert_eq!(back.hash(), e.hash);
    }

    #[test]
    fn a_file_that_is_not_a_pack_or_is_newer_is_refused_with_the_reason() {
        let not = TeamPack::from_json(r#"{"format": "duxin-export", "tables": {}}"#);
        assert!(not.unwrap_err().to_string().contains("not a team pack"));
        let newer = TeamPack::from_json(r#"{"format": "duxin-team-pack", "version": 99}"#);
        assert!(newer.unwrap_err().to_string().contains("newer"));
        let bad_policy = TeamPack::from_json(
            r#"{"format": "duxin-team-pack", "version": 1, "policy": {"refund_limit": "lots"}}"#,
        );
        assert!(bad_policy.unwrap_err().to_string().contains("policy"));
    }

    #[test]
    fn importing_into_an_empty_browser_adds_everything_and_the_result_is_the_pack() {
        let plan = plan_import(&TeamPack::empty(), &lead_pack(), &PackKeys::default());
        assert_eq!(plan.diff.replies.added, ["team.ship", "team.size"]);
        assert_eq!(plan.diff.products.added, ["保温杯"]);
        assert_eq!(plan.diff.sites.added, ["chat.shop.example"]);
        assert_eq!(plan.diff.guard.added, ["off:tone.calm_down", "word:亲爱的"]);
        assert_eq!(
            plan.diff.policy.added,
            ["approver_zh", "return_window_days"]
        );
        assert_eq!(plan.result.hash(), lead_pack().hash());
    }

    #[test]
    fn an_import_keeps_the_agents_own_replies_and_removes_what_the_team_dropped() {
        let first = plan_import(&TeamPack::empty(), &lead_pack(), &PackKeys::default());
        let mut local = first.result.clone();
        local.replies.push(reply("my.1", "我自己的回复"));
        let mut next = lead_pack();
        next.replies = vec![
            reply("team.ship", "亲，包裹已经在路上啦"),
            reply("team.new", "新的"),
        ];
        let plan = plan_import(&local, &next, &first.keys);
        assert_eq!(plan.diff.replies.added, ["team.new"]);
        assert_eq!(plan.diff.replies.changed, ["team.ship"]);
        assert_eq!(plan.diff.replies.removed, ["team.size"]);
        let ids: Vec<&str> = plan.result.replies.iter().map(|r| r.id.as_str()).collect();
        assert_eq!(ids, ["team.ship", "my.1", "team.new"]);
    }

    #[test]
    fn a_pack_without_a_policy_keeps_the_agents_policy() {
        let mut local = TeamPack::empty();
        local.policy = Some(json!({"refund_limit": 200.0}));
        let mut pack = lead_pack();
        pack.policy = None;
        let plan = plan_import(&local, &pack, &PackKeys::default());
        assert_eq!(plan.result.policy, local.policy);
        assert!(plan.diff.policy.is_empty());
    }

    #[test]
    fn the_draft_check_follows_the_pack_and_its_changes_are_listed_per_rule_and_word() {
        let mut local = TeamPack::empty();
        local.guard.off = vec!["platform.wechat".into()];
        let plan = plan_import(&local, &lead_pack(), &PackKeys::default());
        assert_eq!(plan.diff.guard.removed, ["off:platform.wechat"]);
        assert_eq!(plan.diff.guard.added, ["off:tone.calm_down", "word:亲爱的"]);
        assert_eq!(plan.result.guard, lead_pack().canonical().guard);
    }

    #[test]
    fn importing_the_same_pack_again_changes_nothing() {
        let first = plan_import(&TeamPack::empty(), &lead_pack(), &PackKeys::default());
        let again = plan_import(&first.result, &lead_pack(), &first.keys);
        assert_eq!(again.diff, PackDiff::default());
        assert_eq!(again.result, first.result);
    }

    #[test]
    fn plan_json_names_a_broken_file() {
        let local = serde_json::to_string(&TeamPack::empty()).unwrap();
        assert!(plan_json(&local, "{not json", "").is_err());
        let ok = plan_json(&local, &serde_json::to_string(&lead_pack()).unwrap(), "").unwrap();
        assert!(ok.contains("\"team.ship\""));
    }

    /// The generated TypeScript of the pack's shapes, for Options: the pack's own, with the
    /// stored shapes it holds imported from stored.d.ts.
    fn typescript() -> String {
        use ts_rs::{Config, TS};
        let cfg = Config::new().with_large_int("number");
        // The shapes stored.d.ts and protocol.d.ts declare are imported, never declared twice.
        let decls = [
            TeamPack::decl(&cfg),
            Changes::decl(&cfg),
            PackDiff::decl(&cfg),
            PackKeys::decl(&cfg),
            Exported::decl(&cfg),
            ImportPlan::decl(&cfg),
        ];
        crate::generated::ts_module(
            "// Generated from src/team.rs by `cargo test` (UPDATE_PROTOCOL=1 rewrites it). Do not edit.\n\
             import type { Intent, Lang } from \"./protocol\";\n\
             import type { GuardSettings as Settings, Product } from \"./stored\";\n\n",
            decls,
        )
    }

    #[test]
    fn team_typescript_is_current() {
        crate::generated::assert_current(
            "extension/team-pack.d.ts",
            &typescript(),
            "extension/team-pack.d.ts is stale: run UPDATE_PROTOCOL=1 cargo test",
        );
    }
}
