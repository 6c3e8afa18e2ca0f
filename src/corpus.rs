//! Deterministic synthetic conversations for benchmarks (native criterion and wasm in Chromium/node
//! read the same data, so their figures compare). Written by this team; not evaluation data.

use crate::conversation::{Conversation, Message, Role};
use crate::kinds::{Intent, Lang};
use crate::knowledge::Knowledge;

const CUSTOMER: &[&str] = &[
    "亲，我的快递怎么还没到？都三天了",
    "Where is my order? I've been waiting for two weeks!!",
    "退款什么时候到账？上次也是这么说的",
    "This is ridiculous, the blender arrived broken 😡",
    "好的谢谢亲[微笑]",
    "能开发票吗？抬头是杭州某某科技有限公司",
    "I want to return it, is it too late? I'm 12 hours past the window",
    "再不处理我就给差评，还要投诉到12315！！！",
    "尺码偏小吗？我身高165体重50kg穿多大码",
    "ok.",
    "Can you change my shipping address to 1600 Elm Street please?",
    "呵呵，好棒哦，等了十天还没发货",
    "Thanks so much, you've been really helpful :)",
    "质量太差了，袖口开线，我要退货退款",
];
const AGENT: &[&str] = &[
    "亲，已经帮您催了快递，预计明天送达哦~",
    "Sorry about that! I've escalated it to the warehouse.",
    "您好，退款一般1-3个工作日原路退回",
    "I understand, let me check that for you right away.",
];

/// A conversation of `n` messages alternating customer bursts and agent replies, zh and en mixed.
pub fn conversation(n: usize) -> Conversation {
    let mut messages = Vec::with_capacity(n);
    let mut k = 0usize;
    while messages.len() < n {
        let burst = 1 + k % 3;
        for b in 0..burst {
            if messages.len() >= n {
                break;
            }
            messages.push(Message {
                role: Role::Customer,
                text: CUSTOMER[(k * 7 + b * 3) % CUSTOMER.len()].to_string(),
                time: Some(format!(
                    "2026-09-08T{:02}:{:02}:{:02}Z",
                    8 + k / 60 % 12,
                    k % 60,
                    b * 10
                )),
                id: None,
            });
        }
        if messages.len() < n {
            messages.push(Message {
                role: Role::Agent,
                text: AGENT[k % AGENT.len()].to_string(),
                time: None,
                id: None,
            });
        }
        k += 1;
    }
    Conversation {
        messages,
        ..Default::default()
    }
}

/// Short messages for throughput.
pub fn short_messages() -> &'static [&'static str] {
    CUSTOMER
}

/// The starter knowledge plus generated entries up to `n` replies in all.
pub fn knowledge(n: usize) -> Knowledge {
    let mut kb = Knowledge::builtin().expect("starter knowledge is valid");
    let topics = [
        "物流", "退款", "发票", "尺码", "质量", "delivery", "refund", "invoice", "size", "warranty",
    ];
    let mut i = kb.replies.len();
    while i < n {
        let t = topics[i % topics.len()];
        let lang = if t.is_ascii() { Lang::En } else { Lang::Zh };
        let intent = Intent::ALL[i % (Intent::ALL.len() - 1)];
        let text = if lang == Lang::Zh {
            format!(
                "关于{t}的第{i}条回复：我们会在{}小时内为您处理，编号{}。",
                i % 48 + 1,
                i * 37 % 10007
            )
        } else {
            format!(
                "About {t}, reply {i}: we'll handle it within {} hours, reference {}.",
                i % 48 + 1,
                i * 37 % 10007
            )
        };
        kb.add_reply(&format!("gen.{i}"), lang, intent, &text);
        i += 1;
    }
    kb
}

/// The criterion benchmark's workloads timed with `now` (ms), for the wasm build of `make bench`
/// (`scripts/wasm-bench.mjs`), so its figures compare with the native ones. The extension's wasm
/// exports nothing that reaches this, so neither it nor the corpus is in it.
pub fn bench(iterations: u32, now: &dyn Fn() -> f64) -> String {
    let an = match crate::Analyzer::new() {
        Ok(a) => a,
        Err(e) => return format!("{{\"error\":\"{e}\"}}"),
    };
    let conv = conversation(200);
    let n = iterations.max(1);
    let t0 = now();
    for _ in 0..n {
        std::hint::black_box(an.analyze(&conv));
    }
    let analyze_ms = (now() - t0) / n as f64;
    let msgs = short_messages();
    let t1 = now();
    for _ in 0..n * 10 {
        for m in msgs {
            std::hint::black_box(an.read(m));
        }
    }
    let per_sec = (n as f64 * 10.0 * msgs.len() as f64) / ((now() - t1) / 1000.0);
    let kb = knowledge(5_000);
    let a = an.analyze(&conv);
    let t2 = now();
    for _ in 0..n {
        std::hint::black_box(crate::suggest::suggest(&conv, &a, &kb));
    }
    let suggest_ms = (now() - t2) / n as f64;
    format!("{{\"analyze_200_ms\":{analyze_ms:.3},\"short_messages_per_sec\":{per_sec:.0},\"suggest_5000kb_ms\":{suggest_ms:.3}}}")
}
