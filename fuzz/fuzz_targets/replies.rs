#![no_main]
//! Fuzz the shop's replies as the extension reads them (`Knowledge::parse_custom` and `add_custom`,
//! the options page's list and its import) and reply packs as `duxin suggest --kb` reads them
//! (`Knowledge::from_sources`), then suggest with them.
use duxin::knowledge::Knowledge;
use libfuzzer_sys::fuzz_target;

#[path = "common.rs"]
mod common;

fuzz_target!(|data: &[u8]| {
    let s = common::text(data);
    if let Ok(list) = Knowledge::parse_custom(&s) {
        let mut kb = common::starter().clone();
        let _problems = kb.add_custom(&list);
        common::suggest_all(&kb, None);
    }
    if let Ok(kb) = Knowledge::from_sources(&[("pack.toml", &s)], common::starter().policy.clone()) {
        common::suggest_all(&kb, None);
    }
});
