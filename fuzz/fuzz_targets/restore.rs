#![no_main]
//! Fuzz what a dashboard restore (`store.js` importAll) puts back and the core then reads: the three
//! tables the dashboard aggregates (`insights::Tables::parse`, as `dashboard_insights` gets them),
//! and the key-value records the panel starts from (the learned ranking and answers, the agent's
//! style: `Learned::from_json`, then learning, recall and suggestions with them). The input is
//! split on 0xFF bytes (never in UTF-8) into the pieces.
use duxin::insights::{Filter, Tables};
use duxin::kinds::{Intent, Lang};
use duxin::learning::{Feedback, Learned, Outcome};
use libfuzzer_sys::fuzz_target;

#[path = "common.rs"]
mod common;

fuzz_target!(|data: &[u8]| {
    let mut parts = data.split(|&b| b == 0xFF);
    let (conv, events, exc) = (parts.next().unwrap_or(&[]), parts.next().unwrap_or(&[]), parts.next().unwrap_or(&[]));
    if let Ok(t) = Tables::parse(conv, events, exc) {
        for f in [Filter { from: i32::MIN, to: i32::MAX, lang: None }, Filter { from: 20_000, to: 20_089, lang: Some(Lang::Zh) }] {
            let ins = t.aggregate(f);
            assert!(serde_json::to_string(&ins).is_ok());
        }
    }
    let kv = common::text(parts.next().unwrap_or(data));
    let mut learned = Learned::from_json(&kv);
    common::suggest_all(common::starter(), Some(&learned));
    let _: Option<duxin::style::Style> = serde_json::from_str(&kv).ok();
    learned.forget_texts();
    learned.record(&Feedback { entry: "zh.refund.when".into(), outcome: Outcome::Edited, suggested: "x".into(), sent: Some("王小姐您好，退款1-3个工作日到账".into()) }, Some("王小姐"));
    learned.remember("退款什么时候到账？", "亲，退款审核通过后原路退回哦~", Some("王小姐"), "k", Lang::Zh, Some(Intent::Refund), false);
    let _ = learned.recall("退款多久到账", Lang::Zh, Some(Intent::Refund));
    common::suggest_all(common::starter(), Some(&learned));
});
