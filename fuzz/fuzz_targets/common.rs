//! What the importer targets share: the analyser and starter knowledge (built once), and a few
//! conversations that reach every path an imported value feeds (exception drafts from the policy,
//! product answers, the shop's replies, the agent's remembered answers).
#![allow(dead_code)]
use duxin::conversation::{Conversation, Customer, Message, Order, Role};
use duxin::knowledge::Knowledge;
use duxin::{Analysis, Analyzer};
use std::sync::OnceLock;

pub fn analyzer() -> &'static Analyzer {
    static AN: OnceLock<Analyzer> = OnceLock::new();
    AN.get_or_init(|| Analyzer::new().expect("lexicons load"))
}

pub fn starter() -> &'static Knowledge {
    static KB: OnceLock<Knowledge> = OnceLock::new();
    KB.get_or_init(|| Knowledge::builtin().expect("starter packs load"))
}

/// Imported text as the extension gets it: a string (bytes that are not UTF-8 are replaced).
pub fn text(data: &[u8]) -> String {
    String::from_utf8_lossy(data).into_owned()
}

fn msg(role: Role, text: &str) -> Message {
    Message { role, text: text.into(), time: None, id: None }
}

/// Conversations and their analyses: a refund past the window with anger (exception drafts and the
/// policy), a product question about an ordered product (product facts), an English parcel chase.
pub fn conversations() -> &'static [(Conversation, Analysis)] {
    static C: OnceLock<Vec<(Conversation, Analysis)>> = OnceLock::new();
    C.get_or_init(|| {
        let order = |product: &str, amount: f64| Some(Order { product: Some(product.into()), amount: Some(amount), ..Default::default() });
        let convs = vec![
            Conversation {
                messages: vec![msg(Role::Customer, "买了10天了，袖口开线，我要退货退款1299元，气死了！！"), msg(Role::Agent, "亲，抱歉，超过7天了哦"), msg(Role::Customer, "凭什么不能退？能不能补偿50元？什么时候到账？")],
                order: order("羊毛大衣", 1299.0),
                customer: Some(Customer { name: Some("王小姐".into()), ..Default::default() }),
                ..Default::default()
            },
            Conversation { messages: vec![msg(Role::Customer, "这个保温杯可以装可乐吗？孕妇能用吗？多少钱？")], order: order("316不锈钢保温杯 500ml", 89.0), ..Default::default() },
            Conversation {
                messages: vec![msg(Role::Customer, "Where is my order? It was supposed to arrive 5 days ago. I want a refund of $24.50"), msg(Role::Agent, "Sorry, let me check."), msg(Role::Customer, "Can it ship by Friday? Is the size M fine for 180cm?")],
                customer: Some(Customer { name: Some("Megan Brooks".into()), ..Default::default() }),
                ..Default::default()
            },
        ];
        convs
            .into_iter()
            .map(|c| {
                let a = analyzer().analyze(&c);
                (c, a)
            })
            .collect()
    })
}

/// Suggestions with this knowledge for every conversation: nothing may panic, every slot and
/// reply must stay inside its text.
pub fn suggest_all(kb: &Knowledge, learned: Option<&duxin::learning::Learned>) {
    for (c, a) in conversations() {
        let s = duxin::suggest::suggest_learned(c, a, kb, None, learned);
        assert!(s.replies.len() <= 3);
        for r in &s.replies {
            let len = duxin::text::utf16_len(&r.text);
            for slot in &r.slots {
                assert!(slot.start <= slot.end && slot.end <= len, "slot outside its reply");
            }
        }
    }
}
