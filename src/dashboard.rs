//! What the dashboard page asks the core (through the wasm): the names of stored codes and the
//! aggregation of the stored tables. Native, so both are tested with `cargo test`.

use crate::knowledge::{Knowledge, ReplyEntry};

/// The dashboard's names for stored codes (see `insights::labels`), plus the starter replies'
/// texts by entry id, so a table of entries reads as replies.
pub fn labels(zh: bool) -> String {
    let mut v = crate::insights::labels(zh);
    if let Ok(k) = Knowledge::builtin() {
        let entries: serde_json::Map<String, serde_json::Value> = k
            .replies
            .iter()
            .map(|r| (r.id.clone(), reply_as_shown(r).into()))
            .collect();
        v["entry"] = entries.into();
    }
    v.to_string()
}

/// A reply as it reads with nothing known about the customer (no placeholder shows), its slots
/// as the panel shows them (【到账时间】), not as the pack's [[markers]].
fn reply_as_shown(r: &ReplyEntry) -> String {
    let t = &r.text;
    let read = crate::knowledge::fill(t, &|_| None)
        .or_else(|| crate::knowledge::fill(t, &|_| Some("…".into())))
        .unwrap_or_else(|| t.to_string());
    crate::suggest::mark_slots(&read, r.lang.unwrap_or(crate::kinds::Lang::Zh)).0
}

/// The dashboard's aggregation: the conversations, events and exceptions tables as UTF-8 JSON
/// arrays, and `filter` `{"from", "to", "lang"}` (days); `now` (ms) times the parse and the
/// aggregation for the dashboard's own measurement. The `Insights` as JSON, or `{"error": ...}`.
pub fn insights(tables: [&[u8]; 3], filter: &str, now: &dyn Fn() -> f64) -> String {
    let t0 = now();
    let out = serde_json::from_str::<crate::insights::Filter>(filter)
        .map_err(crate::Error::from)
        .and_then(|f| {
            let [conversations, events, exceptions] = tables;
            let tables = crate::insights::Tables::parse(conversations, events, exceptions)?;
            let t1 = now();
            let ins = tables.aggregate(f);
            let mut v = serde_json::to_value(&ins)?;
            v["core_ms"] = serde_json::json!({ "parse": t1 - t0, "aggregate": now() - t1 });
            Ok(v.to_string())
        });
    out.unwrap_or_else(|e| serde_json::json!({ "error": e.to_string() }).to_string())
}
