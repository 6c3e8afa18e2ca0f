#![no_main]
//! Fuzz the shop's product facts as the extension reads them (`products::from_json`, the options
//! page's list) and as a knowledge directory holds them (`products::from_toml`), then answer
//! product questions from them.
use duxin::kinds::Lang;
use libfuzzer_sys::fuzz_target;

#[path = "common.rs"]
mod common;

fuzz_target!(|data: &[u8]| {
    let s = common::text(data);
    let lists = [duxin::products::from_json(&s).ok(), duxin::products::from_toml("products.toml", &s).ok()];
    for list in lists.into_iter().flatten() {
        for p in &list {
            for (q, lang) in [("能装可乐吗？孕妇能用吗", Lang::Zh), ("Is it dishwasher safe? Can kids use it?", Lang::En), (p.name.as_str(), Lang::Zh)] {
                let _ = duxin::products::answer(p, q, lang);
            }
        }
        let mut kb = common::starter().clone();
        kb.products = list;
        common::suggest_all(&kb, None);
    }
});
