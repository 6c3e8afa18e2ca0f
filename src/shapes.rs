//! `extension/shapes.json` tells the extension's pages what the Rust types accept, so a file is
//! checked entry by entry before anything is stored (options imports, the dashboard's restore) and
//! a bad stored entry is skipped before it reaches the core, at no cost in the wasm. These tests
//! keep it true: for every type it describes, serde accepts a sample built from it, refuses every
//! wrong type, missing required field and unknown enum value in every field, nested ones included,
//! and the Rust type has no field it does not describe.

use serde::de::DeserializeOwned;
use serde::Serialize;
use serde_json::{json, Map, Value};

fn shapes() -> Value {
    serde_json::from_str(include_str!("../extension/shapes.json")).unwrap()
}

/// A field's type: base name, list of it, may be missing, may be null.
struct Field {
    base: String,
    list: bool,
    optional: bool,
    nullable: bool,
}

fn field(spec: &str) -> Field {
    let (spec, nullable) = match spec.strip_suffix("|null") {
        Some(s) => (s, true),
        None => (spec, false),
    };
    let (spec, optional) = match spec.strip_suffix('?') {
        Some(s) => (s, true),
        None => (spec, nullable),
    };
    let (base, list) = match spec.strip_prefix('[').and_then(|s| s.strip_suffix(']')) {
        Some(b) => (b, true),
        None => (spec, false),
    };
    Field {
        base: base.trim_end_matches('!').to_string(),
        list,
        optional,
        nullable,
    }
}

fn one(s: &Value, base: &str) -> Value {
    match base {
        "string" | "template" => json!("s"),
        "number" => json!(1.5),
        "i32" => json!(-3),
        "u8" => json!(200),
        "u32" => json!(7),
        "bool" => json!(true),
        b if s["enums"].get(b).is_some() => s["enums"][b][0].clone(),
        b => sample(s, b),
    }
}

/// Every field with a valid value.
fn sample(s: &Value, ty: &str) -> Value {
    let fields = s["types"][ty]
        .as_object()
        .unwrap_or_else(|| panic!("no type {ty}"));
    let mut o = Map::new();
    for (k, spec) in fields {
        let f = field(spec.as_str().unwrap());
        let v = one(s, &f.base);
        o.insert(k.clone(), if f.list { json!([v]) } else { v });
    }
    Value::Object(o)
}

/// Values a field of this base type must refuse.
fn wrong(s: &Value, base: &str) -> Vec<Value> {
    match base {
        "string" | "template" => vec![json!(5), json!(true), json!([]), json!({})],
        "number" => vec![json!("x"), json!(true), json!([1])],
        "i32" => vec![json!(1.5), json!("1"), json!(2_147_483_648_i64)],
        "u8" => vec![json!(256), json!(-1), json!(1.5)],
        "u32" => vec![json!(-1), json!(4_294_967_296_i64), json!(0.5)],
        "bool" => vec![json!("true"), json!(1)],
        b if s["enums"].get(b).is_some() => vec![json!("nope"), json!(3)],
        "list" => vec![json!("x"), json!({}), json!(5)],
        _ => vec![json!("x"), json!([]), json!(5)],
    }
}

/// Paths to every field (through the first element of lists), with the field's type.
fn paths(s: &Value, ty: &str, at: Vec<Value>, out: &mut Vec<(Vec<Value>, Field)>) {
    for (k, spec) in s["types"][ty].as_object().unwrap() {
        let f = field(spec.as_str().unwrap());
        let mut p = at.clone();
        p.push(json!(k));
        if s["types"].get(&f.base).is_some() {
            let mut inner = p.clone();
            if f.list {
                inner.push(json!(0));
            }
            paths(s, &f.base, inner, out);
        }
        out.push((p, f));
    }
}

fn set(v: &mut Value, path: &[Value], to: Option<Value>) {
    let (last, init) = path.split_last().unwrap();
    let mut cur = v;
    for p in init {
        cur = match p {
            Value::String(k) => &mut cur[k.as_str()],
            Value::Number(n) => &mut cur[n.as_u64().unwrap() as usize],
            _ => unreachable!(),
        };
    }
    let key = last.as_str().unwrap();
    match to {
        Some(x) => cur[key] = x,
        None => {
            cur.as_object_mut().unwrap().remove(key);
        }
    }
}

fn agrees<T: DeserializeOwned + Serialize>(ty: &str) {
    let s = shapes();
    let full = sample(&s, ty);
    let parsed: T = serde_json::from_value(full.clone())
        .unwrap_or_else(|e| panic!("{ty}: the sample is refused: {e}\n{full}"));
    // Every field the Rust type writes is described.
    let written = serde_json::to_value(&parsed).unwrap();
    for k in written.as_object().unwrap().keys() {
        assert!(
            s["types"][ty].get(k).is_some(),
            "{ty}.{k} is not in shapes.json"
        );
    }
    let mut all = Vec::new();
    paths(&s, ty, Vec::new(), &mut all);
    for (path, f) in &all {
        let name = path
            .iter()
            .map(|p| p.to_string())
            .collect::<Vec<_>>()
            .join(".");
        let mut v = full.clone();
        set(&mut v, path, None);
        assert_eq!(
            serde_json::from_value::<T>(v).is_ok(),
            f.optional,
            "{ty}: without {name}"
        );
        let mut v = full.clone();
        set(&mut v, path, Some(Value::Null));
        assert_eq!(
            serde_json::from_value::<T>(v).is_ok(),
            f.nullable,
            "{ty}: {name} null"
        );
        let bad: Vec<Value> = if f.list {
            wrong(&s, "list")
                .into_iter()
                .chain(wrong(&s, &f.base).into_iter().map(|w| json!([w])))
                .collect()
        } else {
            wrong(&s, &f.base)
        };
        for w in bad {
            let mut v = full.clone();
            set(&mut v, path, Some(w.clone()));
            assert!(
                serde_json::from_value::<T>(v).is_err(),
                "{ty}: {name} = {w} is accepted by serde but refused by shapes.json"
            );
        }
    }
}

#[test]
fn stored_records_are_described_as_the_dashboard_reads_them() {
    agrees::<crate::insights::ConversationRecord>("ConversationRecord");
    agrees::<crate::insights::SuggestionRecord>("SuggestionRecord");
    agrees::<crate::insights::ExceptionRecord>("ExceptionRecord");
}

#[test]
fn imported_replies_and_products_are_described_as_the_core_reads_them() {
    agrees::<crate::knowledge::CustomReply>("CustomReply");
    agrees::<crate::products::Product>("Product");
}

#[test]
fn stored_settings_are_described_as_the_panel_reads_them() {
    agrees::<crate::learning::Learned>("Learned");
    agrees::<crate::style::Style>("Style");
    agrees::<crate::knowledge::Policy>("Policy");
    agrees::<crate::guard::Settings>("GuardSettings");
    agrees::<crate::guard::GuardDay>("GuardDay");
}

#[test]
fn every_enum_lists_exactly_the_rust_names() {
    let s = shapes();
    let names = |v: Vec<Value>| {
        v.into_iter()
            .map(|x| x.as_str().unwrap().to_string())
            .collect::<Vec<_>>()
    };
    let of = |k: &str| names(s["enums"][k].as_array().unwrap().clone());
    assert_eq!(
        of("Intent"),
        names(crate::kinds::Intent::ALL.iter().map(|i| json!(i)).collect())
    );
    assert_eq!(of("Lang"), ["zh", "en"]);
    for (e, t) in [
        ("Role", "MaskedLine"),
        ("SuggestionEvent", "SuggestionRecord"),
        ("Address", "Style"),
    ] {
        let field = s["types"][t]
            .as_object()
            .unwrap()
            .iter()
            .find(|(_, v)| v.as_str() == Some(e))
            .map(|(k, _)| k.clone())
            .unwrap();
        for name in of(e) {
            let mut v = sample(&s, t);
            v[field.as_str()] = json!(name);
            let ok = match t {
                "MaskedLine" => serde_json::from_value::<crate::privacy::MaskedLine>(v).is_ok(),
                "SuggestionRecord" => {
                    serde_json::from_value::<crate::insights::SuggestionRecord>(v).is_ok()
                }
                _ => serde_json::from_value::<crate::style::Style>(v).is_ok(),
            };
            assert!(ok, "{e}::{name}");
        }
    }
}

#[test]
fn every_table_names_a_described_type() {
    let s = shapes();
    for (t, d) in s["tables"].as_object().unwrap() {
        for ty in d.get("type").into_iter().chain(
            d.get("values")
                .and_then(Value::as_object)
                .into_iter()
                .flat_map(|m| m.values()),
        ) {
            let f = field(ty.as_str().unwrap());
            assert!(s["types"].get(&f.base).is_some(), "{t}: {ty}");
        }
    }
}

/// The extension's own messages that the core does not carry: the panel page's requests to the
/// service worker (the panel, framed in the console page, is refused IndexedDB there; the worker
/// is its door to the database), and their answers. Defined here once, generated into
/// `extension/stored.d.ts`, against which `panel.js` and `background.js` are type-checked.
mod db {
    use serde::{Deserialize, Serialize};
    use ts_rs::TS;

    /// A request (`{type: "db", op, ...}` on `chrome.runtime.sendMessage`).
    #[derive(Serialize, Deserialize, TS)]
    #[serde(tag = "op", rename_all = "kebab-case")]
    pub enum DbRequest {
        /// The panel's queued writes, in order, each under its write id: kept once however often
        /// the panel sends it.
        Write { writes: Vec<Write> },
        /// What the panel starts from.
        PanelState,
    }

    #[derive(Serialize, Deserialize, TS)]
    pub struct Write {
        /// The panel's id and a sequence number: the database keeps a write once.
        pub wid: String,
        /// One of `store.TABLES`.
        pub table: String,
        /// The record, as JSON (made in the core).
        pub json: String,
    }

    /// The answer to `write`: the ids kept; the first refused (the database is full), with why.
    #[derive(Serialize, Deserialize, TS)]
    pub struct WriteAnswer {
        pub done: Vec<String>,
        #[ts(optional)]
        pub failed: Option<String>,
        #[ts(optional)]
        pub error: Option<String>,
    }

    /// The answer to `panel-state`: what the local database keeps for the panel, each a JSON
    /// string the core reads (`src/web`'s `start_panel`), and how many old records were pruned.
    #[derive(Serialize, Deserialize, TS)]
    pub struct PanelState {
        pub learned: String,
        pub style: String,
        pub products: String,
        pub kb_custom: String,
        pub shown: String,
        pub guard_days: String,
        pub pruned: u32,
    }

    /// Any request the worker could not serve.
    #[derive(Serialize, Deserialize, TS)]
    pub struct DbError {
        pub error: String,
    }
}

/// `extension/stored.d.ts`: the stored and imported shapes as the core reads them (the ones
/// `shapes.json` checks at run time) and the database messages, for the type check of the
/// extension's scripts.
fn typescript() -> String {
    use ts_rs::{Config, TS};
    let cfg = Config::new().with_large_int("number");
    let decls = [
        crate::knowledge::Policy::decl(&cfg),
        crate::knowledge::CustomReply::decl(&cfg),
        crate::products::Point::decl(&cfg),
        crate::products::Related::decl(&cfg),
        crate::products::Product::decl(&cfg),
        crate::guard::OwnWord::decl(&cfg),
        crate::guard::Settings::decl(&cfg).replacen("type Settings", "type GuardSettings", 1),
        crate::guard::GuardDay::decl(&cfg),
        db::Write::decl(&cfg),
        db::DbRequest::decl(&cfg),
        db::WriteAnswer::decl(&cfg),
        db::PanelState::decl(&cfg),
        db::DbError::decl(&cfg),
    ];
    crate::generated::ts_module(
        "// Generated from src/shapes.rs by `cargo test` (UPDATE_PROTOCOL=1 rewrites it). Do not edit.\n\
         import type { Intent, Lang } from \"./protocol\";\n\n",
        decls,
    )
}

#[test]
fn typescript_is_current() {
    crate::generated::assert_current(
        "extension/stored.d.ts",
        &typescript(),
        "extension/stored.d.ts is out of date: run UPDATE_PROTOCOL=1 cargo test --lib shapes",
    );
}
