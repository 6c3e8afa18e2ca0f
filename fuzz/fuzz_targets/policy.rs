#![no_main]
//! Fuzz the shop policy as the extension reads it (JSON from the options page, `start_panel`) and as
//! `duxin suggest --policy` reads it (TOML), then draft exceptions with it.
use duxin::knowledge::Policy;
use libfuzzer_sys::fuzz_target;

#[path = "common.rs"]
mod common;

fuzz_target!(|data: &[u8]| {
    let s = common::text(data);
    let from_json = serde_json::from_str::<Policy>(&s).ok();
    let from_toml = Policy::from_file("policy.toml", &s).ok();
    for p in from_json.into_iter().chain(from_toml) {
        let mut kb = common::starter().clone();
        kb.policy = p;
        common::suggest_all(&kb, None);
    }
});
