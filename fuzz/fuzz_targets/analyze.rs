#![no_main]
//! Fuzz the analyser with arbitrary page text: raw bytes become UTF-16 units (lone surrogates
//! included, as a page can send them), split into a conversation of customer and agent messages.
//! Any panic is a bug: page input must give a result or a clean error.
use duxin::conversation::{Conversation, Message, Role};
use duxin::text::{from_utf16_lossy_exact, utf16_len};
use libfuzzer_sys::fuzz_target;
use std::sync::OnceLock;

static AN: OnceLock<duxin::Analyzer> = OnceLock::new();
static KB: OnceLock<duxin::knowledge::Knowledge> = OnceLock::new();

fuzz_target!(|data: &[u8]| {
    let an = AN.get_or_init(|| duxin::Analyzer::new().expect("lexicons load"));
    let units: Vec<u16> = data.chunks(2).map(|c| u16::from_le_bytes([c[0], *c.get(1).unwrap_or(&0)])).collect();
    let text = from_utf16_lossy_exact(&units);
    let messages = text
        .split('\u{1}')
        .enumerate()
        .map(|(i, t)| Message {
            role: if i % 3 == 2 { Role::Agent } else { Role::Customer },
            text: t.to_string(),
            time: if i % 2 == 0 { Some(t.chars().take(25).collect()) } else { None },
            id: None,
        })
        .collect();
    // Half the inputs name an ordered product (a piece of the page text, as a card would show),
    // so the product-mention path of the fact scanner is fuzzed too.
    let order = (data.len() % 2 == 0).then(|| duxin::conversation::Order {
        product: Some(text.chars().skip(1).take(8).collect()),
        ..Default::default()
    });
    let conv = Conversation { messages, order, ..Default::default() };
    let a = an.analyze(&conv);
    assert!(a.risk.score <= 100);
    for m in &a.messages {
        let len = utf16_len(&conv.messages[m.index as usize].text);
        for c in &m.reading.cues {
            assert!(c.start < c.end && c.end <= len, "cue span out of range");
        }
        for f in &m.facts {
            assert!(f.start <= f.end && f.end <= len, "fact span out of range");
        }
        assert!(m.reading.polarity.is_finite());
    }
    let kb = KB.get_or_init(|| duxin::knowledge::Knowledge::builtin().expect("kb"));
    let _ = duxin::suggest::suggest(&conv, &a, kb);
});
