//! Conversation state: what the customer is waiting for, what the agent already said, what the
//! customer already gave, and where the order stands. Read from the whole conversation, not the
//! last message, so a reply answers the open request, never repeats a question already answered
//! by the customer, and never offers what the agent ruled out.
//!
//! This knows nothing of replies: `suggest` plans from it, the panel shows its one-line summary.

use crate::text::Lower;
use crate::words::Words;
use serde::{Deserialize, Serialize};

use crate::analysis::Analysis;
use crate::conversation::{Conversation, Role};
use crate::facts::{self, FactKind};
use crate::kinds::{CueKind, Intent};
use crate::text::Folded;

/// The specific question inside a request: when, where, whether, how much, how, why.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum Ask {
    When,
    Where,
    Whether,
    HowMuch,
    How,
    Why,
}

impl crate::json_lite::FromJson for Ask {
    fn from_json(j: &crate::json_lite::Json) -> Result<Self, String> {
        use Ask::*;
        crate::json_lite::variant(j, &[When, Where, Whether, HowMuch, How, Why])
    }
}

/// Information an agent asks a customer for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum Info {
    OrderId,
    Tracking,
    Phone,
    Email,
    Address,
    Name,
    Account,
    Zip,
    InvoiceTitle,
    TaxId,
    Photo,
    Membership,
    /// A PIN or the answer to a security question: what a password reset verifies.
    Pin,
}

impl Info {
    pub const ALL: [Info; 13] = [
        Info::OrderId,
        Info::Tracking,
        Info::Phone,
        Info::Email,
        Info::Address,
        Info::Name,
        Info::Account,
        Info::Zip,
        Info::InvoiceTitle,
        Info::TaxId,
        Info::Photo,
        Info::Membership,
        Info::Pin,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Info::OrderId => "order_id",
            Info::Tracking => "tracking",
            Info::Phone => "phone",
            Info::Email => "email",
            Info::Address => "address",
            Info::Name => "name",
            Info::Account => "account",
            Info::Zip => "zip",
            Info::InvoiceTitle => "invoice_title",
            Info::TaxId => "tax_id",
            Info::Photo => "photo",
            Info::Membership => "membership",
            Info::Pin => "pin",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.iter().copied().find(|k| k.as_str() == s)
    }

    /// What finds the customer's account or order in the back office.
    pub fn finds_customer(self) -> bool {
        matches!(
            self,
            Info::Name | Info::Account | Info::Email | Info::OrderId | Info::Phone
        )
    }

    /// Given as a number (an order ID, a phone number, a zip code …), not as words.
    fn is_number(self) -> bool {
        matches!(
            self,
            Info::OrderId | Info::Tracking | Info::Phone | Info::Zip | Info::TaxId
        )
    }

    pub fn zh(self) -> &'static str {
        match self {
            Info::OrderId => "订单号",
            Info::Tracking => "运单号",
            Info::Phone => "手机号",
            Info::Email => "邮箱",
            Info::Address => "地址",
            Info::Name => "姓名",
            Info::Account => "账号",
            Info::Zip => "邮编",
            Info::InvoiceTitle => "发票抬头",
            Info::TaxId => "税号",
            Info::Photo => "照片",
            Info::Membership => "会员等级",
            Info::Pin => "安全验证",
        }
    }

    pub fn en(self) -> &'static str {
        match self {
            Info::OrderId => "order ID",
            Info::Tracking => "tracking number",
            Info::Phone => "phone number",
            Info::Email => "e-mail",
            Info::Address => "address",
            Info::Name => "name",
            Info::Account => "account ID / username",
            Info::Zip => "zip code",
            Info::InvoiceTitle => "invoice title",
            Info::TaxId => "tax number",
            Info::Photo => "photo",
            Info::Membership => "membership level",
            Info::Pin => "PIN or security answer",
        }
    }

    /// Whether (folded) text asks for it: its ask words, and for a name not the "name" inside
    /// "username" ("and your username?" asks for no name).
    ///
    /// A word that names the customer's task rather than asks for the thing ("you want to
    /// recover your username, correct?", "change the phone number?") asks for nothing.
    pub(crate) fn asked_in(self, t: &str) -> bool {
        let (t, at) = self.occurrences(t);
        at.iter()
            .any(|&p| !names_the_task(&t[..p]) && !tells_it(&t[..p]))
    }

    /// Whether (folded) text names it at all ("i forgot my username").
    pub(crate) fn named_in(self, t: &str) -> bool {
        !self.occurrences(t).1.is_empty()
    }

    /// Where its ask words stand in `t` (for a name, in `t` without "username"; for an address,
    /// without "email address"), with the text
    /// the positions are in.
    fn occurrences(self, t: &str) -> (std::borrow::Cow<'_, str>, Vec<usize>) {
        let t: std::borrow::Cow<str> = match self {
            // The corpus's "[姓名x]" / "[地址x]" stand for a name or an address the agent writes
            // out ("[姓名x]，亲，麻烦您了呢" addresses the customer), not for a request.
            // "那您给我公司名字和税号噢": a company's name is the invoice title, no person's.
            Info::Name => t
                .replace("username", "")
                .replace("user name", "")
                .replace("[姓名x]", "")
                .replace("公司名字", "")
                .replace("公司名称", "")
                .replace("单位名字", "")
                .into(),
            Info::Address => t
                .replace("[地址x]", "")
                .replace("email address", "")
                .replace("e-mail address", "")
                .into(),
            _ => t.into(),
        };
        let at = self
            .ask_words()
            .iter()
            .flat_map(|w| t.match_indices(w).map(|(p, _)| p))
            .collect();
        (t, at)
    }

    /// Words an agent uses when asking for it (folded: lower case, simplified).
    pub(crate) fn ask_words(self) -> Words {
        match self {
            Info::OrderId => words![
                "订单号",
                "订单编号",
                "下单号",
                "提供单号",
                "正确订单",
                "提供订单",
                "提供下订单",
                "提供一下订单",
                "order id",
                "order number",
                "order #",
                "order no",
            ],
            Info::Tracking => words!["快递单号", "运单号", "物流单号", "tracking number"],
            Info::Phone => words![
                "手机号",
                "电话号",
                "联系电话",
                "收货电话",
                "下单电话",
                "预留电话",
                "联系方式",
                "那个电话",
                "电话是多少",
                "电话多少",
                // "修改成功后给您的回信号码是?": a number to reach them at.
                "号码是",
                "联系号码",
                "哪个号码",
                // "方便留个号码吗 专员后期联系您".
                "留个号码",
                "留个电话",
                "留一下号码",
                "留一下电话",
                "留下号码",
                "留下电话",
                // "请您提供一下您的姓名和电话": the phone, asked beside the name.
                "和电话",
                "电话和姓名",
                "姓名电话",
                "phone number",
                "phone",
            ],
            Info::Email => words!["邮箱", "email", "e-mail"],
            Info::Address => words!["收货地址", "地址", "address"],
            Info::Name => words![
                "姓名",
                "名字",
                "full name",
                "your name",
                "name please",
                "name,",
                "name?",
                "name or",
                // "what is the current name on your account?"
                "name on your account",
                "name on the account",
                "with whom",
                "who am i speaking",
                "who i'm speaking",
                "who do i have the pleasure",
                "怎么称呼",
            ],
            Info::Account => words![
                "账号",
                "帐号",
                "用户名",
                "account id",
                "account number",
                "account #",
                "username",
                "user name",
            ],
            Info::Zip => words!["邮编", "zip", "postal code"],
            Info::InvoiceTitle => words![
                "抬头",
                "单位名称",
                "单位名字",
                "公司名字",
                "公司名称",
                "开票信息"
            ],
            Info::TaxId => words!["税号", "纳税人识别号"],
            Info::Photo => words![
                "照片",
                "图片",
                "截图",
                "拍照",
                "拍个",
                "视频",
                "photo",
                "picture",
                "screenshot",
            ],
            Info::Membership => words!["会员等级", "membership level", "membership"],
            Info::Pin => words![
                "your pin",
                "pin number",
                "pin or",
                "the pin",
                "pin?",
                "security question",
                "security answer",
                "密保",
                "验证码",
                "verification code",
            ],
        }
    }
}

/// Where the order stands, from the page's facts and what was said.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum Stage {
    /// The customer has not bought yet: they ask before ordering ("想买", "今天下单的话", "thinking
    /// of buying"). Below every stage of an order, so any sign of one replaces it.
    NotOrdered,
    Paid,
    Shipped,
    Delivered,
    /// A return, exchange or repair is under way (a service request exists).
    AfterSale,
    RefundApplied,
    Refunded,
}

impl Stage {
    pub const ALL: [Stage; 7] = [
        Stage::NotOrdered,
        Stage::Paid,
        Stage::Shipped,
        Stage::Delivered,
        Stage::AfterSale,
        Stage::RefundApplied,
        Stage::Refunded,
    ];

    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.iter().copied().find(|k| k.as_str() == s)
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Stage::NotOrdered => "not_ordered",
            Stage::Paid => "paid",
            Stage::Shipped => "shipped",
            Stage::Delivered => "delivered",
            Stage::AfterSale => "after_sale",
            Stage::RefundApplied => "refund_applied",
            Stage::Refunded => "refunded",
        }
    }

    pub fn zh(self) -> &'static str {
        match self {
            Stage::NotOrdered => "还没下单",
            Stage::Paid => "已付款",
            Stage::Shipped => "已发货",
            Stage::Delivered => "已签收",
            Stage::AfterSale => "售后处理中",
            Stage::RefundApplied => "已申请退款",
            Stage::Refunded => "已退款",
        }
    }

    pub fn en(self) -> &'static str {
        match self {
            Stage::NotOrdered => "not ordered yet",
            Stage::Paid => "paid",
            Stage::Shipped => "shipped",
            Stage::Delivered => "delivered",
            Stage::AfterSale => "return/repair under way",
            Stage::RefundApplied => "refund requested",
            Stage::Refunded => "refunded",
        }
    }
}

/// What the customer is waiting for.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct OpenRequest {
    pub topic: Intent,
    #[cfg_attr(test, ts(optional))]
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ask: Option<Ask>,
    /// The customer's words when first asked (at most 30 characters).
    pub quote: String,
    /// How many customer turns asked it.
    pub times: u32,
    pub first_index: u32,
    pub latest_index: u32,
    /// The time the page showed on the first asking ("17:00"), when it showed one.
    #[cfg_attr(test, ts(optional))]
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub first_time: Option<String>,
    /// The agent answered it (substantively) after it was last asked.
    pub answered: bool,
    /// Asked again after an agent's answer: the answer did not settle it.
    pub asked_after_answer: bool,
    /// The customer's words on it, folded and whole (the quote is cut short for showing):
    /// what replies are matched against. Not sent to the panel.
    #[serde(skip)]
    pub words: String,
    /// The message that last asked it (first asking or asked again): the apology for asking
    /// "three times" belongs only to a turn that asks it. Not sent to the panel.
    #[serde(skip)]
    pub asked_index: u32,
    /// The message that last asked it again in other words ("费用怎么退" after "退费用"): a turn
    /// holding it asks no new question. Not sent to the panel.
    #[serde(skip)]
    pub reasked_index: Option<u32>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum SaidKind {
    /// An answer or explanation.
    Answer,
    /// A time or a date the agent gave ("1-3个工作日", "by Friday").
    Time,
    /// Something the agent refused or ruled out ("无法修改", "the return window has closed").
    Refused,
    /// Information the agent asked the customer for.
    Asked,
}

/// Something the agent already said.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct AgentSaid {
    pub kind: SaidKind,
    pub index: u32,
    #[cfg_attr(test, ts(optional))]
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub topic: Option<Intent>,
    /// For `Asked`: what was asked for.
    pub info: Vec<Info>,
    /// The words, short ("1-3个工作日", "无法修改").
    pub quote: String,
    /// The whole message, folded: what a later request is compared with ("没有办法给您退费" rules
    /// out "我要退会员" too). Not sent to the panel.
    #[serde(skip)]
    pub words: String,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct State {
    #[cfg_attr(test, ts(optional))]
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub open: Option<OpenRequest>,
    pub said: Vec<AgentSaid>,
    /// What the customer (or the page) already gave.
    pub given: Vec<Info>,
    /// What the agent asked for and has not had yet.
    pub awaited: Vec<Info>,
    /// The customer's latest turn gave what the agent had asked for.
    pub just_gave: bool,
    #[cfg_attr(test, ts(optional))]
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub stage: Option<Stage>,
    /// The customer is winding down (thanks, ok, nothing else) and waits for nothing.
    pub closing: bool,
    /// No agent message yet: the reply is the first one.
    pub first_reply: bool,
    /// The agent's last message holds ("请稍等，正在为您查询", "let me check"): they owe an answer.
    pub holding: bool,
    /// What the agent shows they already have, though the customer did not type it here (they
    /// acted on the order, pulled up the account, quoted the invoice details, or said two of the
    /// three they asked for will do): not asked for again. Not sent to the panel.
    #[serde(skip)]
    pub known: Vec<Info>,
    /// The customer's latest turn says they are trying or checking something ("ok let me try",
    /// "我看看"): they will come back, and the reply lets them. Not sent to the panel.
    #[serde(skip)]
    pub trying: bool,
    /// The agent offered to pass the case on ("为您升级专员处理您看行吗") and the customer agreed:
    /// the next step is the hand-over. Not sent to the panel.
    #[serde(skip)]
    pub handover: bool,
    /// The customer accepted what the agent proposed or explained ("那行吧，退余额上", "sounds good,
    /// just use the card on file"): the next step is to go ahead. Not sent to the panel.
    #[serde(skip)]
    pub agreed: bool,
    /// The agreement is thanks in advance for an "ok" ("好的" · "谢谢小姐姐"): the go-ahead says
    /// "you're welcome", not "thanks for understanding". Not sent to the panel.
    #[serde(skip)]
    pub thanked_ahead: bool,
    /// What the customer said they do not have when asked ("I don't have an account ID, I'm a
    /// guest"): not asked for again. Not sent to the panel.
    #[serde(skip)]
    pub lacking: Vec<Info>,
    /// The index of the agent's latest message, if any: a request opened after it has not been
    /// answered in any way yet. Not sent to the panel.
    #[serde(skip)]
    pub last_agent: Option<u32>,
    /// The agent asked for something Duxin has no name for ("请您提供下商品的商品编码"): a short
    /// reply with it hands it over. Not sent to the panel.
    #[serde(skip)]
    pub awaits_other: bool,
    /// One line for the panel: what the customer waits for, what the agent said.
    pub line_zh: String,
    pub line_en: String,
}

impl State {
    pub fn has(&self, i: Info) -> bool {
        self.given.contains(&i)
    }

    /// The customer asks before buying and no order turned up since: nothing of an order (its
    /// status, its number) applies.
    pub fn not_ordered(&self) -> bool {
        self.stage == Some(Stage::NotOrdered) && !self.order_shows()
    }

    /// The customer's order is in the chat: they gave it, or the agent shows they have it.
    pub fn order_shows(&self) -> bool {
        self.has(Info::OrderId) || self.known.contains(&Info::OrderId)
    }

    /// The agent refused or ruled out this topic earlier, and has not since moved on: two more
    /// answers after it ("可以在您当地的售后检测下呢") leave it behind, and a question asked again
    /// later is not pushing against it.
    pub fn refused(&self, topic: Intent) -> Option<&AgentSaid> {
        let at = self
            .said
            .iter()
            .rposition(|s| s.kind == SaidKind::Refused && s.topic == Some(topic))?;
        let moved_on = self.said[at + 1..]
            .iter()
            .filter(|s| s.kind != SaidKind::Refused)
            .count()
            >= 2;
        (!moved_on).then(|| &self.said[at])
    }

    /// The refusal the open request runs into: one on its topic, or the agent's last word when
    /// the customer asks again for what it ruled out under another name (refused "退费", then
    /// "我要退会员"; "no refund" then "cancel my membership and give my money back").
    pub fn refused_open(&self) -> Option<&AgentSaid> {
        let o = self.open.as_ref()?;
        self.refusal_pushed().or_else(|| self.refused(o.topic))
    }

    /// The agent's last word was a refusal and the customer pushes against it: asks again for
    /// the same remedy, says "真的不能吗", or complains ("京东服务不能相信").
    pub fn refusal_pushed(&self) -> Option<&AgentSaid> {
        let o = self.open.as_ref()?;
        self.said
            .last()
            .filter(|s| s.kind == SaidKind::Refused && s.index < o.latest_index)
            .filter(|s| {
                same_action(&s.words, &o.words)
                    || pushes_back(&o.words)
                    || o.topic == Intent::Complaint
            })
    }

    /// The latest time the agent gave on this topic (or on no named topic), when it came after the
    /// open request was first asked: one said before ("三年" of how long a thing lasts, forty
    /// messages before the refund) is about something else.
    pub fn time_said(&self, topic: Intent) -> Option<&AgentSaid> {
        self.said
            .iter()
            .rev()
            .find(|s| s.kind == SaidKind::Time && s.topic.is_none_or(|t| t == topic))
            .filter(|s| self.open.as_ref().is_none_or(|o| s.index > o.first_index))
    }

    /// The open request is new: the agent has said nothing since it was first asked.
    pub fn fresh_request(&self) -> Option<&OpenRequest> {
        self.open
            .as_ref()
            .filter(|o| self.last_agent.is_none_or(|a| a < o.first_index))
    }

    /// The customer waits for an answer (asked, and not settled by the agent since).
    pub fn waiting(&self) -> bool {
        self.open.as_ref().is_some_and(|o| !o.answered)
    }
}

/// Read the state of a conversation. `a` is its analysis (customer messages' readings and facts).
/// How many of the latest messages are read in full (a 200-message chat is read in 1 ms).
pub(crate) const RECENT: usize = 80;

pub fn read(conv: &Conversation, a: &Analysis) -> State {
    let mut st = State {
        first_reply: !conv.messages.iter().any(|m| m.role == Role::Agent),
        ..Default::default()
    };
    page_facts(conv, &mut st);
    // Older messages only for what the customer gave (their facts are already read); the request,
    // what the agent said and the stage come from the recent part of a long conversation.
    let start = conv.messages.len().saturating_sub(RECENT);
    for m in a.messages.iter().take_while(|m| (m.index as usize) < start) {
        gave_facts(&m.facts, &mut st);
    }
    let mut by_index = a
        .messages
        .iter()
        .skip_while(|m| (m.index as usize) < start)
        .peekable();
    let mut last_role = None;
    for (i, m) in conv.messages.iter().enumerate().skip(start) {
        let new_turn = last_role != Some(m.role);
        last_role = Some(m.role);
        match m.role {
            Role::Agent => {
                st.last_agent = Some(i as u32);
                agent_message(i as u32, &m.text, &mut st)
            }
            Role::Customer => {
                while by_index.peek().is_some_and(|x| (x.index as usize) < i) {
                    by_index.next();
                }
                let Some(ma) = by_index.peek().filter(|x| x.index as usize == i) else {
                    continue;
                };
                customer_message(conv, ma, new_turn, &mut st);
            }
            _ => {}
        }
    }
    undelivered_return(conv, a, &mut st);
    collecting_details(&mut st);
    found_by_contact(&mut st);
    st.handover = agreed_to_handover(conv, a, st.has(Info::Phone));
    // Accepting needs something said by the agent to accept.
    st.agreed = !st.handover && !st.first_reply && accepts_proposal(conv, a);
    if st.agreed {
        if let Some(o) = st.open.as_mut() {
            o.answered = true;
        }
    }
    st.trying = is_trying(conv, a);
    st.closing = !st.trying && !st.agreed && !st.handover && is_closing(conv, a, &st);
    // "虚假物流 / 客户要求赔偿" · "好的" · "谢谢小姐姐": thanks for an "ok" that answered nothing is
    // thanks in advance; the customer waits for it to be done.
    // "do you know how much your purchase cost?" · "yes $89" / "thank you!": thanks after the
    // answer is manners; the agent has the next step.
    if !st.agreed && !st.handover && !st.trying && answered_then_thanked_en(conv, a) {
        st.closing = false;
        st.just_gave = true;
    }
    let thanks_en = || {
        latest_turn(conv, a).iter().any(|m| {
            let t = fold(&conv.messages[m.index as usize].text);
            t.is_ascii() && contains_any(&t, words!["thank", "appreciate"])
        })
    };
    // "i can back order it for you!" · "great! thank you": the yes thanks ahead too.
    if st.agreed && thanks_en() {
        st.thanked_ahead = true;
    }
    if st.closing && st.open.as_ref().is_some_and(|o| !o.answered) && bare_ok_answered(conv, &st) {
        st.closing = false;
        st.agreed = true;
        st.thanked_ahead = true;
    }
    // "let me get the system to generate a promo code for you right now" · "okay great": no
    // winding down, whether or not the ok read as one; the customer waits for it, and only
    // thanks get "you're welcome".
    if (st.closing || !st.agreed && !st.handover && !st.trying && only_nods_en(conv, a))
        && (promised_to_act_en(conv, &st) || acked_an_answer_en(conv, a))
    {
        st.closing = false;
        st.agreed = true;
        st.thanked_ahead = thanks_en();
    }
    st.line_zh = line(&st, true);
    st.line_en = line(&st, false);
    st
}

/// The agent's messages since the customer's last turn before `first`, newest first, folded.
fn agent_turn_before(conv: &Conversation, first: usize) -> Vec<String> {
    conv.messages[..first]
        .iter()
        .rev()
        .take_while(|m| m.role != Role::Customer)
        .filter(|m| m.role == Role::Agent)
        .map(|m| fold(&m.text))
        .collect()
}

/// An English customer turn that answers what the agent's turn asked ("what is the cost of the
/// item?" · "it is $49" / "wonderful!") and ends in thanks or a nod. Not a yes or no alone, not "no,
/// that's all" to "anything else?", and not a fix that worked to "did that help?".
fn answered_then_thanked_en(conv: &Conversation, a: &Analysis) -> bool {
    const ASKS: Words = words![
        "can i have",
        "could i have",
        "may i have",
        "can i get",
        "could i get",
        "can you tell me",
        "could you tell me",
    ];
    const OPENS: Words = words!["what ", "how ", "which ", "do you know"];
    let turn = latest_turn(conv, a);
    let (Some(first), Some(last)) = (turn.first(), turn.last()) else {
        return false;
    };
    if turn.len() < 2 {
        return false;
    }
    let text = |m: &&crate::analysis::MessageAnalysis| fold(&conv.messages[m.index as usize].text);
    let (answer, thanks) = (text(first), text(last));
    let asked = agent_turn_before(conv, first.index as usize)
        .iter()
        .any(|q| {
            (q.contains('?') || contains_any(q, ASKS) || OPENS.iter().any(|w| q.starts_with(w)))
                && !asks_anything_else(q)
                && !contains_any(
                    q,
                    words![
                        "did that",
                        "does that",
                        "did it",
                        "does it",
                        "help",
                        "work",
                        "try",
                        "check",
                    ],
                )
        });
    // A detail: a figure, an address, a level, a choice ("$89", "gold", "mail"); a sentence
    // may tell what they found ("oh, wait, it is out of stock. oops that's why").
    let detail = answer.chars().any(|c| c.is_ascii_digit())
        || answer.split_whitespace().count() <= 3
            && !contains_any(&answer, words!["no", "not", "n't"]);
    asked
        && detail
        && answer.is_ascii()
        && !answer.contains('?')
        && !winds_down(&answer)
        && !says_no(&answer)
        && !says_nothing_more(&answer)
        && !says_solved(&answer)
        && !is_yes_en(&answer)
        && turn[1..].iter().all(|m| {
            let t = text(m);
            !t.contains('?')
                && (winds_down(&t) || contains_any(&t, words!["appreciate", "wonderful"]))
        })
        && (winds_down(&thanks) || thanks.contains("wonderful"))
}

/// "yes" / "yeah sure" / "yep": a yes and nothing more.
fn is_yes_en(t: &str) -> bool {
    matches!(
        letters(t).as_str(),
        "yes" | "yeah" | "yep" | "yup" | "sure" | "yessure" | "yeahsure" | "yesplease" | "correct"
    )
}

/// An English customer turn of nods and thanks only ("okay great", "that would be awesome!" /
/// "thank you"): it asks nothing, turns nothing down and tells nothing new.
fn only_nods_en(conv: &Conversation, a: &Analysis) -> bool {
    const NODS: Words = words![
        "appreciate",
        "awesome",
        "wonderful",
        "cool",
        "fantastic",
        "amazing",
        "excellent",
        "that would",
        "that'd",
        "that will be fine",
        "sounds great",
    ];
    let turn = latest_turn(conv, a);
    !turn.is_empty()
        && turn.iter().all(|m| {
            let t = fold(&conv.messages[m.index as usize].text);
            t.is_ascii()
                && !t.contains('?')
                && t.split_whitespace().count() <= 6
                && !says_no(&t)
                && !contains_any(&t, words![" but ", "not ", "n't"])
                && (winds_down(&t) || contains_any(&t, NODS))
        })
}

/// "公司抬头，税号" / "订单号": the agent's message names what it needs and nothing else, a
/// form's labels for the customer to fill.
fn only_names(t: &str) -> bool {
    if t.is_ascii() {
        return only_names_en(t);
    }
    let mut rest = t.to_string();
    let mut named = false;
    for w in Info::ALL.iter().flat_map(|i| i.ask_words()) {
        if w.chars().any(crate::text::is_cjk) && rest.contains(w) {
            named = true;
            rest = rest.replace(w, "");
        }
    }
    for w in
        words!["公司", "单位", "您的", "你的", "和", "以及", "及", "还有", "亲",]
    {
        rest = rest.replace(w, "");
    }
    named && substance(&rest) == 0
}

/// "your full name, username, email address, and the order id": a list of what the agent needs,
/// with no verb, asks for it. The longer names go first ("username" before "name,").
fn only_names_en(t: &str) -> bool {
    // Sorted once: this runs on every English agent message of every reading.
    static WORDS: std::sync::OnceLock<Vec<&'static str>> = std::sync::OnceLock::new();
    let words = WORDS.get_or_init(|| {
        let mut words: Vec<&'static str> = Info::ALL
            .iter()
            .flat_map(|i| i.ask_words())
            .filter(|w| w.is_ascii())
            .collect();
        crate::sort::sort_by_key(&mut words, |w| std::cmp::Reverse(w.len()));
        words
    });
    let mut rest = t.to_string();
    let mut named = false;
    for w in words {
        if rest.contains(w) {
            named = true;
            rest = rest.replace(w, " ");
        }
    }
    const FILLER: Words = words!["your", "the", "and", "please", "also", "my", "a", "an"];
    named
        && rest
            .split(|c: char| !c.is_ascii_alphanumeric())
            .filter(|w| !w.is_empty())
            .all(|w| FILLER.contains(w))
}

/// "没有" / "我没有呢" / "没有税号": the customer has none; "当时没有操作" (did not do it then)
/// says nothing of what was asked for.
/// "貌似看不到啊", "找不到订单号": what was asked for cannot be found where it should be; said
/// short, or of the thing asked for ("在京东买的怎么查不到什么时候买的呢" looks for something else).
fn cannot_find(t: &str) -> bool {
    contains_any(t, words!["看不到", "找不到", "查不到"])
        && (letters(t).chars().count() <= 6
            || Info::ALL
                .iter()
                .flat_map(|i| i.ask_words())
                .any(|w| t.contains(w)))
}

fn no_such(t: &str) -> bool {
    t.contains("没有")
        && (letters(t).chars().count() <= 5
            || Info::ALL
                .iter()
                .flat_map(|i| i.ask_words())
                .any(|w| t.contains(&format!("没有{w}")) && own_lack(t)))
}

/// "没有税号" said of the customer: a short message, or one that says whose ("我没有税号", "暂时
/// 没有"). In a longer story it describes something else ("最近的订单都是默认，结果没有税号了":
/// the orders lack it; the number follows).
fn own_lack(t: &str) -> bool {
    letters(t).chars().count() <= 10
        || contains_any(
            t,
            words![
                "我没有",
                "我们没有",
                "暂时没有",
                "还没有",
                "目前没有",
                "现在没有",
                "手上没有",
                "手里没有",
                "这边没有",
                "身边没有",
            ],
        )
}

/// An agent who asks for the details of the case itself (a photo, the address, the invoice
/// title) and never for the order number is working on an order they have in front of them
/// ("是在哪个区或者县呢"): the next reply does not stop to ask for the order number.
fn collecting_details(st: &mut State) {
    let asked = |f: &dyn Fn(&Info) -> bool| {
        st.said
            .iter()
            .any(|s| s.kind == SaidKind::Asked && s.info.iter().any(f))
    };
    let details = asked(&|i| {
        matches!(
            i,
            Info::Photo | Info::Address | Info::InvoiceTitle | Info::TaxId
        )
    });
    let no_order = st.stage == Some(Stage::NotOrdered);
    if details
        && !no_order
        && !asked(&|i| *i == Info::OrderId)
        && !st.known.contains(&Info::OrderId)
    {
        st.known.push(Info::OrderId);
    }
}

fn page_facts(conv: &Conversation, st: &mut State) {
    if let Some(o) = &conv.order {
        if o.id.as_deref().is_some_and(|s| !s.trim().is_empty()) {
            st.given.push(Info::OrderId);
        }
        st.stage = if o.delivered_at.is_some() {
            Some(Stage::Delivered)
        } else if o.shipped_at.is_some() {
            Some(Stage::Shipped)
        } else if o.paid_at.is_some() {
            Some(Stage::Paid)
        } else {
            None
        };
    }
    if conv
        .customer
        .as_ref()
        .and_then(|c| c.name.as_deref())
        .is_some_and(|n| !n.trim().is_empty())
    {
        st.given.push(Info::Name);
    }
}

/// "短信告知您 发票的运单号": the agent will send it to the customer, not ask for it (the few
/// characters before the information word say so).
fn tells_it(before: &str) -> bool {
    let tail: String = {
        let chars: Vec<char> = before.chars().collect();
        chars[chars.len().saturating_sub(8)..].iter().collect()
    };
    contains_any(
        &tail,
        words![
            "告知您",
            "通知您",
            "告诉您",
            "发给您",
            "发送给您",
            "短信告知",
        ],
    )
}

/// Whether the two words before an information word make it the task being talked about
/// ("recover my username", "update the phone number", "忘了账号") instead of a request for it.
fn names_the_task(before: &str) -> bool {
    const TASK: Words = words![
        "recover",
        "recovering",
        "reset",
        "resetting",
        "change",
        "changing",
        "update",
        "updating",
        "forgot",
        "forget",
        "forgotten",
        "retrieve",
        "retrieving",
        "remember",
        "lost",
        "wrong",
        "incorrect",
    ];
    let words: Vec<&str> = before
        .split(|c: char| !(c.is_alphanumeric() || c == '\''))
        .filter(|w| !w.is_empty())
        .collect();
    let near = &words[words.len().saturating_sub(3)..];
    near.iter().any(|w| TASK.contains(w))
        || words!["忘了", "忘记", "找回", "修改", "更改"]
            .iter()
            .any(|w| before.ends_with(w))
}

/// A hand-over that asks only whether it is right ("… and the order id is 7159317502, is that
/// right?"): the one question is about the message itself, not a new request.
fn only_checks_itself(t: &str) -> bool {
    let t = t.trim_end();
    let tags = words![
        "is that right?",
        "is that correct?",
        "is this right?",
        "is this correct?",
        "right?",
        "correct?",
        "对吗?",
        "对吧?",
        "对不对?",
    ];
    tags.iter()
        .find_map(|tag| t.strip_suffix(tag))
        .is_some_and(|rest| !rest.contains('?'))
}

/// What the agent has in front of them (read from their own words), apart from what the customer
/// gave.
fn know(st: &mut State, i: Info) {
    if !st.known.contains(&i) {
        st.known.push(i);
    }
}

/// "2152 circle drive la fayette, mi 83259": a US address ends with its five-digit zip code, which
/// is then given too and not asked for again.
fn ends_with_zip(t: &str) -> bool {
    t.split(|c: char| !c.is_ascii_alphanumeric())
        .rfind(|w| !w.is_empty())
        .is_some_and(|w| w.len() == 5 && w.chars().all(|c| c.is_ascii_digit()))
}

fn give(st: &mut State, i: Info) {
    if !st.given.contains(&i) {
        st.given.push(i);
    }
    st.awaited.retain(|x| *x != i);
}

pub(crate) fn contains_any<W: AsRef<str>>(t: &str, words: impl IntoIterator<Item = W>) -> bool {
    words.into_iter().any(|w| t.contains(w.as_ref()))
}

/// Lower case, and traditional characters as simplified ("在嗎", "還沒收到" match the word lists);
/// full-width punctuation stays, as the lists spell it. Cheaper than `Folded`, which also keeps
/// an offset map, on every message of a long conversation.
fn fold(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if crate::text::is_cjk(c) {
            out.push(crate::text::fold_char(c));
        } else {
            out.push(crate::text::lower_char(c));
        }
    }
    out
}

fn has_number(t: &str) -> bool {
    t.chars().any(|c| {
        c.is_ascii_digit()
            || matches!(
                c,
                '一' | '二' | '两' | '三' | '四' | '五' | '六' | '七' | '八' | '九' | '十' | '半'
            )
    })
}

/// The agent tells the customer to place a new order without paying, so that it can compare
/// prices or redo the order ("请您现在下一个新订单，新订单不要付款", "建议您下个新订单，不付款").
fn tells_to_place_a_new_order(t: &str) -> bool {
    contains_any(
        t,
        words![
            "下一个新订单",
            "下个新订单",
            "下一个新单",
            "下个新单",
            "新下一单",
            "重新下一单",
            // "将商品加入购物车…(请勿付款)，提交后将新订单告知一下".
            "将新订单",
            "提交订单",
            "加入购物车"
        ],
    ) && contains_any(
        t,
        words![
            "不要付款",
            "不付款",
            "不用付款",
            "先不付款",
            "无需付款",
            "请勿付款",
            "不要支付"
        ],
    )
}

/// Lines that hold the conversation without answering: "请稍等", "let me check", "i will take a
/// look into this".
pub(crate) fn is_hold(t: &str) -> bool {
    let holds = words![
        "稍等",
        "请稍候",
        "正在为您",
        "正在帮您",
        "正在为你",
        "正在帮你",
        "马上为您",
        "马上为你",
        "帮您查",
        "为您查",
        "帮你查",
        "为你查",
        "帮您看",
        "我看下",
        "我看一下",
        // "我看看 好的", "我查查", "我问问仓库".
        "我看看",
        "我查查",
        "我问问",
        // "我先问问站长", "我去问问仓库".
        "先问问",
        "去问问",
        "帮您问问",
        "帮你问问",
        "给您问问",
        "查一下",
        // "您稍等 小妹查询一下相关的具体知识", "我这边帮您咨询一下" (not "次日可以咨询一下").
        "我查询一下",
        "小妹查询一下",
        "妹子查询一下",
        "这边查询一下",
        "帮您咨询",
        "为您咨询",
        "我咨询一下",
        "这边咨询一下",
        "我去查",
        // "亲，正在查看呢".
        "正在查看",
        "帮您核实",
        "为您核实",
        // "小妹给您查询一下的呢~", "正在查询，请您不要下线哈", "我们这边要核实一下" (not "请您核实
        // 一下地址", which asks the customer).
        "给您查",
        "给你查",
        "正在查询",
        "正在核实",
        "要核实一下",
        "我核实一下",
        "这边核实一下",
        "不要下线",
        "one moment",
        "let me check",
        "let me look",
        "let me see",
        "give me a moment",
        "give me a second",
        "please hold",
        "bear with me",
        "just a moment",
        "hold on",
        "let me help",
        "i'll check",
        "i will check",
        "i'll look",
        "look into",
        "looking into",
        "take a look",
        "i'm going to check",
        "i'll pull up",
        "let me pull",
        "going to pull up",
        "pulling up",
        "give me a minute",
        "one minute",
        "just a minute",
    ];
    // "不好意思，让您久等了~" and nothing else: a stall, the looking goes on.
    let stall = t.contains("久等") && letters(t).chars().count() <= 10;
    (contains_any(t, holds) || stall) && t.chars().count() < 120
}

/// A hold that already tells what the agent sees of the order ("您稍等哈正在查询 这边看到商家还没
/// 发货呢"): the customer has their answer, and saying it again ("还没发货 呵呵") is no new asking.
/// One that reports the thing done ("好马上为您操作 已经申请") has answered too: a thanks after it
/// closes.
fn tells_what_it_shows(t: &str) -> bool {
    let sees = contains_any(
        t,
        words![
            "看到",
            "显示",
            "查到",
            "i can see",
            "i see that",
            "it shows",
        ],
    ) && stage_named(t, false).is_some();
    sees || reports_done(t) || goes_on_after_hold(t)
}

/// "还请您稍等，正在为您查询~ 订单编号:… 有的 这个订单里面全保修…": the look-up and its result in
/// one message; what follows the hold words is the answer.
fn goes_on_after_hold(t: &str) -> bool {
    const HOLDS: Words = words![
        "正在为您查询",
        "正在查询",
        "马上为您查询",
        // "小妹马上帮您查询 您的发票已经在生成中…".
        "帮您查询",
        "为您查询",
        "稍等",
        "帮您看了",
        "帮您查了",
        "为您查了",
    ];
    let end = HOLDS
        .iter()
        .filter_map(|h| t.rfind(h).map(|p| p + h.len()))
        .max();
    // "请您稍等妹纸[数字x]-[数字x]分钟时间哦", "稍等一下哦，小秘书为您查看一下呢": how long, or more
    // holding, is no answer.
    // "请您稍等一会会哦，不要离开，感谢您的谅解哦": courtesy after the hold is no answer either.
    const COURTESY: Words = words![
        "不要离开",
        "感谢您的谅解",
        "感谢您的耐心",
        "谢谢您的耐心",
        "耐心等待",
        "一会会",
        "一会儿",
    ];
    end.is_some_and(|e| {
        let rest = COURTESY
            .iter()
            .fold(without_placeholders(&t[e..]), |r, c| r.replace(c, ""));
        // "请您稍等，小妹帮您查询一下哦~ 预计[数字x]号送到哦": when it comes, however short.
        let expected = contains_any(&t[e..], words!["预计", "[日期x]"]) && substance(&rest) >= 4;
        (substance(&rest) >= 12 || expected)
            && !is_hold(&rest)
            && !rest.contains("分钟")
            && !announces_action(&rest)
    })
}

/// "小妹这边帮您申请售后服务单哈", "妹子给您操作": the agent says it is doing it now, and nothing is
/// done yet; like a hold, the customer now waits for it. Not once it is done ("已经帮您申请",
/// "给您申请了"), nor a question ("帮您申请售后可以吗?").
pub(crate) fn announces_action(t: &str) -> bool {
    const ACTS: Words = words!["申请", "提交", "操作", "处理", "登记", "反馈", "催", "安排"];
    // "小妹立刻安排反馈解锁": 立刻 / 马上 before the act says the same.
    let acts = words!["帮您", "为您", "给您", "立刻", "马上", "立即", "这就"]
        .iter()
        .any(|w| {
            t.match_indices(w)
                .any(|(p, _)| ACTS.iter().any(|a| t[p + w.len()..].starts_with(a)))
        });
    acts && !reports_done(t)
        && !is_question(t)
        && !t.contains(['?', '？', '吗'])
        // "这边为您反馈，会在今天回电您哦", "我帮您处理吧 [数字x]-[数字x]天退款完成": a promise of
        // when, which answers; only the bare "doing it now" holds.
        && !t.chars().any(|c| c.is_ascii_digit())
        && !contains_any(
            t,
            words!["[数字x]", "会", "天", "小时", "分钟", "之后", "以后", "后给", "通知", "短信"],
        )
        && substance(t) < 20
}

/// "所以这边需要咨询下", "这边找配送咨询下", "我问下售后同事看看吧": the agent goes to ask someone
/// (folded text).
pub(crate) fn asks_around(t: &str) -> bool {
    const ASKS: Words = words!["咨询", "联系", "问下", "问一下", "找"];
    let here = words!["这边", "我去", "我"].iter().any(|h| {
        t.match_indices(h).any(|(p, w)| {
            let after: String = t[p + w.len()..].chars().take(6).collect();
            // "我找一下" looks for something; "这边找配送" asks someone.
            ASKS.iter()
                .any(|a| h == "这边" && after.contains(a) || a != "找" && after.starts_with(a))
        })
    });
    here && !contains_any(
        t,
        words!["无法", "不能", "没法", "没办法", "联系不", "找不"],
    )
}

/// The text without the corpus's stand-ins ("[数字x]", "[ORDERID_…]").
pub(crate) fn without_placeholders(t: &str) -> String {
    let mut out = String::with_capacity(t.len());
    let mut rest = t;
    while let Some(p) = rest.find('[') {
        out.push_str(&rest[..p]);
        rest = match rest[p..].find(']') {
            Some(q) => &rest[p + q + 1..],
            None => "",
        };
    }
    out.push_str(rest);
    out
}

/// An agent's words that report the customer's request as done ("已经申请", "已为您提交", "i've
/// submitted"), not promised.
pub(crate) fn reports_done(t: &str) -> bool {
    contains_any(
        t,
        words![
            "已经申请",
            "已申请",
            "已经提交",
            "已提交",
            "已经帮您",
            "已帮您",
            "已经为您",
            "已为您",
            "已经处理",
            "已处理",
            "办好了",
            "操作好了",
            "已经反馈",
            "已反馈",
            "已经催促",
            "已催促",
            "已经登记",
            "已登记",
            "已经升级",
            "已升级",
            "进行了升级",
            "i've submitted",
            "i have submitted",
            "i've processed",
            "it's done",
            "all done",
        ],
    ) || did_for_the_customer(t)
}

/// "这边帮您提交了", "给您申请了": done for the customer, said with 了 right after the act (within a
/// few characters of 帮您/为您/给您, before any question).
fn did_for_the_customer(t: &str) -> bool {
    words!["帮您", "为您", "给您"].iter().any(|w| {
        // "因为您改过一次了": because of what the customer did, not done for them.
        t.match_indices(w)
            .filter(|(p, _)| !t[..*p].ends_with('因'))
            .any(|(p, _)| {
                let after: String = t[p + w.len()..].chars().take(5).collect();
                after
                    .split(['，', ',', '。', ' ', '?', '？', '吗'])
                    .next()
                    .is_some_and(|clause| clause.chars().count() >= 2 && clause.ends_with('了'))
            })
    })
}

/// A short acknowledgement that neither answers nor holds ("好的", "收到", "thanks david.", "ok.
/// great"). One that confirms what the customer asked ("嗯嗯，是的哦", "yes, that's right") answers.
fn is_ack(t: &str) -> bool {
    let acks = words![
        "好的",
        "收到",
        "嗯",
        "明白",
        "thanks",
        "thank you",
        "ok",
        "great",
        "sure",
        "perfect",
        "got it",
        "alright",
    ];
    let confirms = words![
        "是的",
        "对的",
        "没错",
        "可以的",
        "yes",
        "correct",
        "that's right",
        "exactly",
    ];
    // "好的，[数字x]点前给您结果，请保持电话畅通": a time promised is said, not an ok.
    let promises_when = t.chars().any(|c| c.is_ascii_digit())
        || contains_any(
            t,
            words![
                "[数字x]",
                "[时间x]",
                "[日期x]",
                "点前",
                "小时",
                "分钟",
                "天内",
                "工作日",
            ],
        );
    // "好的，已经为您取消了": the ok leads into an act done, which answers.
    let done = contains_any(
        t,
        words![
            "已经",
            "已为",
            "已帮",
            "已给",
            "已提交",
            "已申请",
            "已取消",
            "已备注",
            "已安排",
            // "好的 升级了 您保持手机畅通": passed on, which answers; so does saying how the result
            // will come ("好的专员核实好回复您的哦").
            "升级了",
            "反馈了",
            "回复您",
            "联系您",
            "通知您",
            "回电",
        ],
    );
    contains_any(t, acks)
        && !contains_any(t, confirms)
        && t.chars().count() < 24
        && !is_hold(t)
        && !promises_when
        && !done
}

/// The agent's last word is a bare "好的" / "ok", said after the customer's request.
fn bare_ok_answered(conv: &Conversation, st: &State) -> bool {
    st.last_agent.is_some_and(|i| {
        let t = fold(&conv.messages[i as usize].text);
        is_ack(&t) && substance(&t) <= 4 || only_says_yes_i_can(&t)
    })
}

/// "no worries, i will give you a new promo code." · "oh thanks!": the agent said what they will
/// do and has not done it yet; thanks for it is thanks in advance, no goodbye. A promise to write
/// later ("i'll let you know") leaves nothing to wait for in the chat. The whole of the agent's
/// last turn counts ("let me get the system to generate a promo code for you right now" / "since
/// you are a gold member"), unless a later message in it reports the thing done.
fn promised_to_act_en(conv: &Conversation, st: &State) -> bool {
    let Some(last) = st.last_agent else {
        return false;
    };
    let turn = agent_turn_before(conv, last as usize + 1);
    // Newest first: a report of the thing done after the promise settles it, and so does a
    // question after it ("i'm going to send a report about this" / "does this help you feel a
    // little more satisfied?"): the customer's thanks answers that (blind: 2 of 2 preferred the
    // goodbye there).
    turn.iter()
        .position(|t| promises_act_en(t))
        .is_some_and(|at| {
            !turn[..at]
                .iter()
                .any(|t| reports_done_en(t) || t.contains('?'))
        })
}

/// "how would you like to return your item?" · "i will mail it" · "great" · "thank you": the agent
/// only acknowledged the customer's answer to their question; the step it was for (the label) is
/// still to come.
fn acked_an_answer_en(conv: &Conversation, a: &Analysis) -> bool {
    let turn = latest_turn(conv, a);
    let Some(first) = turn.first().map(|m| m.index as usize) else {
        return false;
    };
    let acks = agent_turn_before(conv, first);
    // Where the agent's acknowledgement starts, and the customer's answer before it.
    let Some(ack_at) = (0..first)
        .rev()
        .take_while(|&i| conv.messages[i].role != Role::Customer)
        .last()
    else {
        return false;
    };
    let answered = (0..ack_at)
        .rev()
        .take_while(|&i| conv.messages[i].role == Role::Customer)
        .last();
    let asked = answered.is_some_and(|i| {
        agent_turn_before(conv, i).iter().any(|q| {
            q.is_ascii()
                && q.contains('?')
                && !asks_anything_else(q)
                && !contains_any(q, words!["help", "work"])
        })
    });
    !acks.is_empty()
        && acks
            .iter()
            .all(|t| t.is_ascii() && is_ack(t) && t.split_whitespace().count() <= 3)
        && asked
}

/// One English agent message that says the agent is about to do something for the customer: "i
/// will / i'll / i'm going to …", or "let me" with an act ("let me generate a new code", not "let
/// me check").
fn promises_act_en(t: &str) -> bool {
    const LET_ME_DO: Words = words![
        "let me get",
        "let me generate",
        "let me create",
        "let me make",
        "let me send",
        "let me issue",
        "let me process",
        "let me set up",
        "let me put",
        "let me place",
        "let me report",
        "let me file",
        "let me submit",
        "let me cancel",
        "let me change",
        "let me update",
        "let me credit",
        "let me refund",
        "let me apply",
        "let me add",
        "let me go ahead",
    ];
    // "i am going to check with the system about this, give me one more moment": a hold,
    // which an "ok" answers.
    t.is_ascii()
        && !is_question(t)
        && !is_hold(t)
        && (contains_any(
            t,
            words![
                "i will ",
                "i'll ",
                "i'm going to",
                "i am going to",
                "will get to the bottom",
                // "i would like to provide you with a 20% promo code."
                "i would like to provide",
                "i'd like to provide",
                "i would like to give",
                "i'd like to give",
                "i would like to offer",
                "i'd like to offer",
            ],
        ) || contains_any(t, LET_ME_DO))
        && !contains_any(
            t,
            words![
                "let you know",
                "email you",
                "e-mail you",
                "contact you",
                "notify you",
                "get back to you",
                "reach out",
                "call you",
                "anything else",
                "moment",
                "minute",
                "check",
                "look into",
                // "i will be happy to help you with that": help offered, no act.
                "happy to",
                "glad to",
                "help you",
                "assist you",
            ],
        )
        && !reports_done_en(t)
}

/// An English agent message that reports something done ("i've issued the refund", "your
/// address has been updated", "here is your new code").
fn reports_done_en(t: &str) -> bool {
    contains_any(
        t,
        words![
            "has been",
            "have been",
            "i've ",
            "here is",
            "here's",
            "here you are",
            "here you go",
        ],
    )
}

/// "can you tell me more about your return policy?" · "yes i can": the agent agreed to answer
/// and has not yet; thanks for it is thanks in advance.
fn only_says_yes_i_can(t: &str) -> bool {
    let words: Vec<&str> = t
        .split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect();
    matches!(
        words.join(" ").as_str(),
        "yes i can"
            | "yes i can help"
            | "sure i can"
            | "yes of course"
            | "of course"
            | "of course i can"
            | "absolutely"
            | "certainly"
            | "sure thing"
            | "yes sure"
    )
}

/// "i'm so sorry to hear this, i'll be happy to assist you the best i can", "很抱歉给您带来不便，
/// 我来帮您处理": sympathy and an offer of help answer nothing yet; the customer still waits.
fn only_sympathises(t: &str) -> bool {
    let help = words![
        "sorry to hear",
        "happy to assist",
        "happy to help",
        "glad to assist",
        "glad to help",
        "let me help you",
        "i can help you with that",
        "i can help with that",
        "i'd be happy to",
        "我来帮您处理",
        "我来帮您看",
        "带来不便",
        "带来的不便",
    ];
    let says_more = words![
        "can't",
        "cannot",
        "unable",
        "not able",
        "won't",
        "无法",
        "不能",
        "没办法",
        "没有办法",
        // "给您带来不便了，小妹马上给您反馈配送和顾客核实处理下呢": sorry, and a step taken.
        "反馈",
        "核实",
        "建议",
        "安排",
        "申请",
        "提交",
    ];
    // "给您带来不便，还请您见谅~ 亲爱的，这不是礼盒哦": sorry, then the answer in a clause of its
    // own. Chinese chats join a speaker's messages with spaces; English words are not clauses.
    let softeners = words![
        "见谅",
        "谅解",
        "抱歉",
        "不好意思",
        "亲爱的",
        "sorry",
        "apolog",
    ];
    let clause_says_more = split_clauses(t)
        .any(|c| !contains_any(c, help) && !contains_any(c, softeners) && substance(c) >= 4);
    contains_any(t, help)
        && !contains_any(t, says_more)
        && !clause_says_more
        && !t.chars().any(|c| c.is_ascii_digit())
        && !is_question(t)
        && t.chars().count() < 100
}

/// The clauses of a message, each with the mark that ends it: split at punctuation, and in
/// Chinese at the spaces that join a speaker's messages.
pub(crate) fn split_clauses(t: &str) -> impl Iterator<Item = &str> {
    let chinese = t.chars().any(crate::text::is_cjk);
    t.split_inclusive(move |c: char| {
        ",，.。!！?？;；~～".contains(c) || chinese && c.is_whitespace()
    })
}

/// The agent found the customer's account: neither the name nor the account is asked for after it.
const ACCOUNT_FOUND: Words = words![
    "pulled up your account",
    "pulled up the account",
    // "i was able to verify your account. what is the credit card number…?"
    "able to verify your account",
    "able to verify your identity",
    "verified your account",
    "found your account",
    "see your account",
    "located your account",
    "verified your identity",
    "identity is verified",
    "identity has been verified",
    "you've been verified",
    "you're verified",
    "you are verified",
    "for verifying",
    "your account is",
    "your account has",
    "your account shows",
    "it looks like",
    "i see that",
    "i can see",
    "mr. ",
    "ms. ",
    "mrs. ",
];

/// What an agent's statement shows they already have: they acted on or described the order
/// ("已经帮您申请售后了", "I've pulled up your order"), named the invoice details or the address.
/// (The account found, `ACCOUNT_FOUND`, is read in `agent_message` before any question returns.) The customer is not asked for it again. ("Sounds like your order has
/// shipped" guesses from the customer's words: it shows nothing.)
fn agent_has(t: &str, st: &mut State) {
    let order = words![
        "已帮",
        "已经帮",
        "已为",
        "已经为",
        "已给您",
        "已经给您",
        "帮您申请了",
        "为您申请了",
        "查到",
        "查询到",
        "看到您",
        "这边显示",
        "系统显示",
        "订单显示",
        "您的订单",
        "您这个订单",
        "这笔订单",
        "这个订单",
        "该订单",
        "您这单",
        "pulled up your order",
        "found your order",
        "see your order",
        "located your order",
        "i see that your order",
        "i can see that your order",
        // The agent looked it up or deals with its parcel (JD's agents see the customer's
        // orders): "请问是这个商品吗", "正在查询", "联系站点", "已经出库了".
        "是这个商品吗",
        "是这个订单吗",
        // "妹子这边查询显示退款方式是小金库", "我代为申请可以吗": read off the order, or act on it.
        "查询显示",
        "代为申请",
        "代您申请",
        "正在查询",
        "帮您查询",
        "为您查询",
        "站点",
        "出库",
        "服务单",
        "配送师傅",
        // The agent read the contact details on the order or called them: "您的电话留下的是空号，
        // 所以没有打通".
        "您留的",
        "留下的电话",
        "留下的号码",
        "没有打通",
        "没打通",
    ];
    // Acting on the order ("I've asked the warehouse to check stock") takes having found the
    // customer and the order: neither the name nor the order is asked for after it.
    let acted = words![
        "asked the warehouse",
        "contacted the warehouse",
        "checked with the warehouse",
        "i've requested a",
        "i have requested a",
        "i've put in a",
        "i've submitted",
        "i have submitted",
        "i've arranged",
        "i've processed",
        "i've started the",
        "i've placed a",
        "i've set up a",
    ];
    let invoice = words!["抬头", "税号", "资质"];
    let address = words![
        "地址是",
        "原地址",
        "收票地址",
        "地址邮寄",
        "address on file",
        "the address is",
        "your address is",
    ];
    // "显示京东小金库的哈": what the order shows, said without naming it; "妹子帮您提交一个取消
    // 订单申请": acting on it.
    if contains_any(t, order) || t.trim_start().starts_with("显示") || announces_action(t) {
        know(st, Info::OrderId);
    }
    if contains_any(t, acted) {
        know(st, Info::OrderId);
        know(st, Info::Name);
        know(st, Info::Account);
    }
    // The details read off ("发票抬头[组织机构x]", "税号：…", "增票资质已审核"), not the ones explained
    // or asked for ("按照页面提示填写抬头", "公司抬头，税号", "您有添加增票资质吗").
    let read_off = |w: &str| {
        t.match_indices(w).any(|(p, _)| {
            let rest = t[p + w.len()..].trim_start_matches([':', '：', '是', '为', ' ']);
            rest.len() < t[p + w.len()..].len() || rest.starts_with('[')
        })
    };
    let shown = invoice.iter().any(read_off) || t.contains("资质") && !is_question(t);
    // A product snapshot's model code ("i[数字x]-[数字x][数字x]00HQ[数字x]G…") has the shape of an
    // anonymised tax number: in an agent's message only a short one or one named as such counts.
    let tax = has_tax_id(t) && (t.contains("税号") || t.chars().count() <= 40);
    // A company named ("[组织机构x]这个公司抬头无法换开") is a title, not its tax number.
    if shown || tax || contains_any(t, words!["[组织机构x]", "有限公司"]) {
        know(st, Info::InvoiceTitle);
    }
    // "[组织机构x][电话x][数字x]B …是正确的吗?": the title read off with its number.
    let with_number = t.contains("[组织机构x]")
        && (t.contains("[数字x]") || t.chars().any(|c| c.is_ascii_digit()));
    if shown || tax || with_number {
        know(st, Info::TaxId);
    }
    if contains_any(t, address) {
        know(st, Info::Address);
    }
}

/// A taxpayer number (统一社会信用代码, 15–20 letters and digits mixed), also with the corpus's
/// "[数字x]" placeholders for its digit runs.
fn has_tax_id(t: &str) -> bool {
    // A placeholder ("[数字x]", "[组织机构x]") stands for a run of digits, or of the organisation
    // code's characters: "[数字x]MA[数字x]MFD[数字x]Y[数字x]" is one anonymised.
    any_code(t, words!["[数字x]", "[组织机构x]"], |w| {
        let runs = w.matches(RUN).count();
        let letters = w.chars().filter(|c| c.is_ascii_alphabetic()).count();
        let len = w.chars().count() + runs;
        // A unified social credit code begins with digits; a tracking number with its
        // carrier's letters ("SF1234567890123").
        w.starts_with(|c: char| c.is_ascii_digit() || c == RUN)
            && letters >= 1
            && ((15..=20).contains(&len) || runs >= 2 && letters >= 2 && len >= 10)
    })
}

/// Where a placeholder stood in a code (see `any_code`).
const RUN: char = '\u{e000}';

/// Whether any code-like word of `t` (ASCII letters and digits, each of `placeholders` read as
/// one `RUN`) passes `code`.
fn any_code(t: &str, placeholders: Words, code: impl Fn(&str) -> bool) -> bool {
    let run = RUN.to_string();
    let t = placeholders
        .iter()
        .fold(t.to_string(), |t, p| t.replace(p, &run));
    t.split(|c: char| !c.is_ascii_alphanumeric() && c != RUN)
        .any(code)
}

/// An anonymised code ending in a letter ("[数字x]L", "[组织机构x][数字x]P") next to a company or a
/// tax label: a taxpayer number the corpus cut short ("税号，[数字x]J"). Alone it could be a size or
/// a unit ("[数字x]G", "[数字x]V").
fn tax_code_in_context(t: &str) -> bool {
    contains_any(
        t,
        words!["[组织机构x]", "税号", "识别号", "识别码", "信用代码"],
    ) && any_code(t, words!["[数字x]"], |w| {
        let mut cs = w.chars().rev();
        cs.next().is_some_and(|c| c.is_ascii_alphabetic())
            && w.starts_with(RUN)
            && cs.all(|c| c == RUN || c.is_ascii_digit())
    })
}

/// A short message that points back with a pronoun ("can you fix it", "这个能弄好吗"): it names no
/// topic of its own.
fn refers_back(t: &str) -> bool {
    let words: Vec<&str> = t
        .split(|c: char| !c.is_alphanumeric() && c != '\'')
        .filter(|w| !w.is_empty())
        .collect();
    let en = words.len() <= 5 && words.iter().any(|w| matches!(*w, "it" | "this" | "that"));
    let zh = t.chars().count() <= 8 && contains_any(t, words!["这个", "它", "弄好"]);
    en || zh
}

/// "不送我就申请退款", "fix it or I'll ask for a refund": what follows the condition is a threat,
/// not the request.
fn conditional(t: &str) -> bool {
    contains_any(
        t,
        words![
            "就申请",
            "就退",
            "就投诉",
            "就差评",
            "不然",
            "否则",
            "要不然",
            "otherwise",
            "or else",
            "or i will",
            "or i'll",
        ],
    )
}

/// "我想退掉 / 还没收到呢": returning what has not arrived is cancelling it (or refusing the
/// delivery), not a return.
fn undelivered_return(conv: &Conversation, a: &Analysis, st: &mut State) {
    let not_received = words![
        "还没收到",
        "没有收到",
        "没收到",
        "还没到",
        "未收到",
        "haven't received",
        "have not received",
        "not received",
        "hasn't arrived",
        "didn't receive",
        "haven't got",
    ];
    let says = latest_turn(conv, a).iter().any(|m| {
        let t = fold(&conv.messages[m.index as usize].text);
        contains_any(&t, not_received) && !contains_any(&t, words!["退款", "refund", "钱"])
    });
    if let Some(o) = st
        .open
        .as_mut()
        .filter(|o| o.topic == Intent::Return && says)
    {
        o.topic = Intent::Cancellation;
    }
}

/// The agent's last message offers to pass the case on, and the customer's turn says yes.
fn agreed_to_handover(conv: &Conversation, a: &Analysis, phone_given: bool) -> bool {
    let turn = latest_turn(conv, a);
    let Some(first) = turn.first() else {
        return false;
    };
    let Some(offer) = agent_before(conv, first.index as usize) else {
        return false;
    };
    // "每月…号税务系统升级": a system's upgrade, not the case passed up.
    let offer = offer.replace("系统升级", "");
    let offers = is_question(&offer)
        && contains_any(
            &offer,
            words![
                "升级",
                "专员",
                "转给",
                "反馈给",
                "转交",
                "supervisor",
                "escalate",
                "specialist",
                "manager",
            ],
        );
    // "明日我们会有人10点之前给您回电": a call-back announced is a hand-over too while the
    // colleague has no number to call.
    // "还请您保持手机畅通": the agent already has the number.
    let calls_back = !phone_given
        && !reports_done(&offer)
        && contains_any(&offer, words!["回电", "致电您", "call you back"])
        && !contains_any(&offer, words!["保持手机畅通", "保持电话畅通", "注意接听"]);
    // "嗯问问到时候这个电话[电话x]联系我": a number left to be called back on, whatever came before.
    let leaves_number = turn.iter().any(|m| {
        let t = fold(&conv.messages[m.index as usize].text);
        let number =
            t.contains("[电话x]") || t.split(|c: char| !c.is_ascii_digit()).any(|r| r.len() >= 7);
        number
            && contains_any(
                &t,
                words![
                    "联系我",
                    "打给我",
                    "打我电话",
                    "给我回电",
                    "回电给我",
                    "call me",
                    "reach me",
                ],
            )
    });
    let yes = |t: &str| {
        t.chars().count() <= 12
            && contains_any(
                t,
                words![
                    "可以", "好", "行", "嗯", "同意", "是的", "对的", "ok", "yes", "sure",
                    "please",
                ],
            )
            && !contains_any(t, words!["不", "no", "n't"])
    };
    // "请您提供一下您的姓名和电话可以吗?" · "[姓名x][数字x]" · "可以": the contact asked for, and
    // the yes.
    let asks_contact = contains_any(&offer, words!["电话", "手机", "联系方式"]);
    let texts: Vec<String> = turn
        .iter()
        .map(|m| fold(&conv.messages[m.index as usize].text))
        .collect();
    let contact_only = |t: &str| {
        let rest = words!["[姓名x]", "[电话x]", "[数字x]"]
            .iter()
            .fold(t.to_string(), |r, w| r.replace(w, ""));
        rest.len() < t.len() && rest.chars().all(|c| !c.is_alphabetic())
    };
    leaves_number
        || (offers || calls_back)
            && texts.iter().any(|t| yes(t))
            && texts
                .iter()
                .all(|t| yes(t) || asks_contact && contact_only(t))
}

/// The customer's latest turn opens by accepting what the agent last said, and asks nothing:
/// "那行吧，退余额上", "好吧，那就换货", "ok then, store credit is fine", "sounds good, just use the
/// card on file". A bare "好的" is an acknowledgement, not this: it names nothing to go ahead with.
fn accepts_proposal(conv: &Conversation, a: &Analysis) -> bool {
    let turn = latest_turn(conv, a);
    if turn.is_empty() {
        return false;
    }
    let openers = words![
        "那行吧",
        "那好吧",
        "行吧",
        "好吧",
        "那行",
        "那好",
        "那就",
        "那可以",
        "可以吧",
        "ok then",
        "okay then",
        "alright then",
        "fine,",
        "that works",
        "sounds good",
        "let's do",
        "lets do",
        "go ahead",
    ];
    let texts: Vec<String> = turn
        .iter()
        .map(|m| fold(&conv.messages[m.index as usize].text))
        .collect();
    // "那好吧 / 明天再给我配送吧": an opener sent alone, and what it takes up in the next message.
    let joined = texts.concat();
    let alone = openers.contains(letters(&texts[0]).as_str());
    let opens = if alone {
        joined.trim_start()
    } else {
        texts[0].trim_start()
    };
    // "行吧，那就退货吧" takes a way up; "好吧 谢谢" / "好吧，那我等着了" after a no only accepts it.
    // English openers ("sounds good, just use the card on file") take it up as they are.
    let takes_up = |rest: &str| {
        !rest.chars().any(crate::text::is_cjk)
            || contains_any(
                rest,
                words![
                    "退",
                    "换",
                    "取",
                    "补发",
                    "申请",
                    "修改",
                    "维修",
                    "寄",
                    "拒收",
                    "下单",
                    "配送",
                    "送货",
                    "发货",
                    "那就",
                    "就这样",
                    "办吧",
                    "弄吧",
                    "处理",
                    "[数字x]",
                    "[电话x]",
                    "[地址x]",
                ],
            )
    };
    // "那你到时候帮我联系一下，可以不 好，那就拜托了": the customer leaves it to the agent, after
    // an offer; the question on the way asks for just that.
    let entrusts = texts.last().is_some_and(|t| entrusts(t))
        && agent_before(conv, turn[0].index as usize).is_some_and(|o| offers_to_act(&o));
    let asks_nothing = entrusts
        || turn.iter().all(|m| !m.reading.question) && texts.iter().all(|t| !is_question(t));
    (openers
        .iter()
        .any(|w| opens.strip_prefix(w).is_some_and(takes_up))
        && opens.chars().count() > 4
        || entrusts
        || says_yes_to_an_offer(conv, turn[0].index as usize, &texts)
        || asks_for_the_offer(conv, turn[0].index as usize, &texts)
        || nods_to_a_commitment(conv, turn[0].index as usize, &texts)
        || bids_go_ahead_en(conv, turn[0].index as usize, &texts))
        && asks_nothing
        && texts
            .iter()
            .all(|t| !contains_any(t, words!["不行", "不要", "不用", "no,", "not "]))
        // "行吧，到时候再说": puts it off, takes nothing up.
        && !texts.last().is_some_and(|t| defers(t))
}

/// "小妹为您看看，您先喝口茶稍等下哦": a hold that names no act to be done for the customer;
/// "妹子正在全力为您查询喔 那给您申请下补件哦 可以吗" offers one.
fn only_holds(t: &str) -> bool {
    const ACTS: Words = words![
        "申请", "提交", "补发", "补件", "退", "换", "取消", "修改", "登记", "反馈", "联系", "记录",
        "备注", "催",
    ];
    is_hold(t) && !contains_any(t, ACTS)
}

/// "那就拜托了", "拜托您了": the turn ends by leaving the matter to the agent.
fn entrusts(t: &str) -> bool {
    let t = letters(t);
    words!["拜托了", "拜托你了", "拜托您了", "拜托啦"]
        .iter()
        .any(|w| t.ends_with(w))
}

/// An agent's message that offers to do something for the customer ("我这边给您记录一下…您看可以
/// 吗", "需要我帮您申请吗"), not one that reports it done.
fn offers_to_act(offer: &str) -> bool {
    offers_for_the_customer(
        offer,
        words![
            "可以吗",
            "好吗",
            "行吗",
            "您看",
            "需要我",
            "要不要",
            "需要的话",
        ],
    )
}

/// An act for the customer ("帮您", "为您", "给您"), not reported done and not a bare hold, put
/// to them in one of `asks` ("您看可以吗", "需要我…").
fn offers_for_the_customer(offer: &str, asks: Words) -> bool {
    contains_any(offer, words!["帮您", "为您", "给您"])
        && !did_for_the_customer(offer)
        && !only_holds(offer)
        && contains_any(offer, asks)
}

/// English, after the agent said what it could do or asked how to pay: "okay. please do that", or
/// the card on file chosen ("i would like to pay with my credit card on file").
fn bids_go_ahead_en(conv: &Conversation, first: usize, texts: &[String]) -> bool {
    const BIDS: Words = words![
        // "how much would you like to pay today?" · "the whole thing"
        "the whole thing",
        "the whole amount",
        "the full amount",
        "all of it",
        "pay it all",
        "please do that",
        "please do it",
        "please do so",
        "yes please do",
        "do that please",
        "let's do that",
        "lets do that",
        "please go ahead",
    ];
    let Some(said) = agent_before(conv, first) else {
        return false;
    };
    let short = texts
        .iter()
        .all(|t| t.is_ascii() && t.split_whitespace().count() <= 12);
    let bids = texts.iter().any(|t| contains_any(t, BIDS));
    let on_file = texts.iter().any(|t| contains_any(t, words!["card on file", "one on file"]))
        // A refund's way back is one step of several ("refund to credit card on file").
        && contains_any(&said, words!["card", "pay"])
        && !said.contains("refund");
    short && (bids || on_file)
}

/// "那您帮我取消一下吧，谢谢" after the agent offered "那我给您取消下哦，好吗" (and answered a
/// question between): the customer takes up the agent's earlier offer of that very action.
fn asks_for_the_offer(conv: &Conversation, first: usize, texts: &[String]) -> bool {
    const TAKES_UP: Words = words![
        "那您帮我",
        "那你帮我",
        "那帮我",
        "那就帮我",
        "那麻烦您",
        "那麻烦你",
        "那就麻烦",
    ];
    const ACTS: Words = words![
        "取消", "退款", "退货", "换货", "补发", "申请", "修改", "备注", "拦截", "催",
    ];
    let asked = texts[0].trim_start();
    if !TAKES_UP.iter().any(|w| asked.starts_with(w)) {
        return false;
    }
    let offered = |act: &str| {
        conv.messages[..first]
            .iter()
            .filter(|m| m.role == Role::Agent)
            .map(|m| fold(&m.text))
            .any(|t| {
                contains_any(&t, words!["给您", "帮您", "为您"])
                    && t.contains(act)
                    && !did_for_the_customer(&t)
            })
    };
    ACTS.iter().filter(|a| asked.contains(a)).any(offered)
}

/// Stickers alone right after the agent said what they will do ("这边是会为您申请差价的"): the
/// customer goes along with it and now waits for it to be done, not for "anything else?".
fn nods_to_a_commitment(conv: &Conversation, first: usize, texts: &[String]) -> bool {
    let Some(said) = agent_before(conv, first) else {
        return false;
    };
    let commits = contains_any(
        &said,
        words![
            "会为您",
            "为您申请",
            "帮您申请",
            "给您申请",
            "i'll ",
            "i will ",
        ],
    ) && !is_question(&said)
        && !is_hold(&said);
    commits && texts.iter().all(|t| only_stickers(t))
}

/// A short yes ("ok, great", "好的") right after the agent offered to do something ("sure, i can
/// back order that item for you", "我帮您申请一下可以吗"): the customer took the offer.
fn says_yes_to_an_offer(conv: &Conversation, first: usize, texts: &[String]) -> bool {
    let Some(offer) = agent_before(conv, first) else {
        return false;
    };
    let en_offer = contains_any(
        &offer,
        words![
            "i can ",
            "i could ",
            "would you like me to",
            "do you want me to",
            "shall i ",
            "i'd be happy to",
            "i would be happy to",
            "how about i ",
            "what if i ",
        ],
    ) && !contains_any(
        &offer,
        words![
            "i can see",
            "i can confirm",
            "i can tell",
            "i can understand",
            "i can help",
            "i can assure",
            "i can guarantee",
            "i can imagine",
            "i can only",
            "i can't",
            "i can not",
            "i cannot",
        ],
    );
    // "您是选择维修吗?" / "您是要换货是吗": the agent puts the remedy to the customer to confirm.
    let zh_choice = is_question(&offer)
        && contains_any(
            &offer,
            words![
                "您是选择",
                "您是要",
                "您选择",
                "您是需要",
                "您是想",
                "都要",
                "是要",
            ],
        )
        && contains_any(
            &offer,
            words![
                "维修", "退货", "换货", "退款", "补发", "取消", "申请", "锁单", "拦截", "修改",
            ],
        );
    // "只可以帮您修改电子发票抬头了亲": the one way left, offered; "好吧" takes it.
    // "这个订单开专票的话信息是只能开您当时下单时的那个抬头的呢": the one way, an act, offered.
    let only_way = contains_any(
        &offer,
        words!["只可以帮您", "只能帮您", "只能为您", "只可以为您"],
    ) || words!["只能", "只可以"].iter().any(|w| {
        offer.match_indices(w).any(|(p, _)| {
            offer[p + w.len()..]
                .chars()
                .next()
                .is_some_and(|c| "开换退补改发寄".contains(c))
        })
    });
    // "这边可以为您退回去的哦" / "好的，请处理": an act offered as a statement, and the customer
    // asks for it to be done ("有什么可以帮您的吗" offers nothing; a bare "对的" may still owe
    // the details the act needs).
    let can_do = contains_any(&offer, words!["可以为您", "可以帮您", "可以给您"])
        && !is_question(&offer)
        && !contains_any(&offer, words!["有什么", "还有"])
        && texts.iter().any(|t| {
            contains_any(
                t,
                words!["请处理", "处理吧", "帮我", "申请吧", "办吧", "弄吧"],
            )
        });
    // "这边帮您提交了…需要的话…": done already, nothing offered to say yes to.
    // "好的 那我登记修改了哦?": the agent proposes to do it now.
    let proposes = is_question(&offer) && offer.contains("那我");
    // "[日期x](周二)[时间x]-[时间x] 今天方便吗": a time put to the customer for a visit or a
    // pick-up; "没问题" books it.
    let proposes_a_time = is_question(&offer)
        && contains_any(
            &offer,
            words!["方便吗", "方便么", "可以吗", "行吗", "方便不"],
        )
        && contains_any(
            &offer,
            words![
                "[日期x]",
                "[时间x]",
                "今天",
                "明天",
                "后天",
                "上午",
                "下午",
                "周"
            ],
        );
    // "等您订单完成了我帮您修改换开，您看这样可以吗": a later act; "好的" waits for it.
    let later = contains_any(
        &offer,
        words!["等您", "完成后", "完成了我", "到时候", "之后我", "以后我"],
    );
    // "小妹为您看看，您先喝口茶稍等下哦": a hold offers nothing to say yes to.
    let zh_offer = zh_choice
        || only_way
        || proposes
        || proposes_a_time
        || can_do && !did_for_the_customer(&offer)
        || !later
            && offers_for_the_customer(
                &offer,
                words![
                    "可以吗",
                    "好吗",
                    "行吗",
                    "您看",
                    "要不要",
                    "需要吗",
                    "是否需要",
                    "需要的话",
                    // "需要我给您申请取消订单么": offered as a question of the agent's own.
                    "需要我",
                    "要我帮",
                    "要我给",
                ],
            );
    let yes = |t: &String| {
        // "oh that's awesome.": the interjection before the yes.
        let t = t.trim();
        let t = t
            .strip_prefix("oh")
            .map_or(t, |r| r.trim_start_matches([',', ' ']));
        // "尽快哈， 好的": a short wish, then the yes as the turn's last clause.
        let last = split_clauses(t)
            .filter(|c| !c.trim().is_empty())
            .last()
            .map_or(t, str::trim);
        let short = t.chars().count() <= 16 || t.chars().count() <= 24 && last.chars().count() <= 6;
        short
            && words![
                "ok",
                "okay",
                "yes",
                "yeah",
                "yep",
                "sure",
                "great",
                "please",
                "that would",
                "that's awesome",
                "that's great",
                "awesome",
                "perfect",
                "好的",
                "好",
                "可以",
                "行",
                // "那也行": takes the one way offered.
                "那也行",
                "那也可以",
                "也行",
                "也可以",
                "嗯",
                "是的",
                "是",
                "对",
                "麻烦",
                "没问题",
                "方便",
            ]
            .iter()
            .any(|w| t.starts_with(w) || last.starts_with(w))
            // "多谢" alone to "这边帮您取消可以吗": thanks take the offer up ("好的 / 谢谢" may
            // as well close).
            || texts.len() == 1 && words!["多谢", "谢谢"].iter().any(|w| t.starts_with(w))
            && !contains_any(t, words!["不", "no", "n't", "?", "？"])
    };
    // "that would be awesome!" / "thank you": thanks after the yes take nothing back.
    let thanks = |t: &String| letters(t) == "thankyou" || letters(t) == "thanks";
    // "that would be so awesome!": an English yes runs longer.
    // "ok, that's good, i need to pinch pennies, my job is cut way back.": a yes, then why.
    let yes_en = |t: &String| {
        let opens = words![
            "that would",
            "that'd",
            "ok, that's good",
            "ok that's good",
            "that's good",
            "that sounds good",
            "sounds good",
            "ok great",
            "ok, great",
            "yes please",
            "yes, please",
        ];
        yes(t)
            || t.is_ascii()
                && t.len() <= 80
                && opens.iter().any(|o| t.starts_with(o))
                && !contains_any(t, words![" but ", "not ", "n't", " no "])
    };
    en_offer && yes_en(&texts[0]) && texts[1..].iter().all(|t| yes_en(t) || thanks(t))
        || zh_offer && texts.iter().all(yes)
}

/// The customer's latest turn says they are trying or checking something and will come back
/// ("ok let me try", "我看看", "等会"), and asks nothing.
fn is_trying(conv: &Conversation, a: &Analysis) -> bool {
    let turn = latest_turn(conv, a);
    let words = words![
        "let me try",
        "i'll try",
        "i will try",
        "let me check",
        "i'll check",
        "let me see",
        "let me look",
        "one sec",
        "one moment",
        "hold on",
        "give me a minute",
        "give me a sec",
        // "ok that will take me a minute if u can wait".
        "take me a minute",
        "take me a sec",
        "if you can wait",
        "if u can wait",
        // "let me ask my wife first": they go and ask someone.
        "let me ask my",
        "i'll ask my",
        "i will ask my",
        "let me check with my",
        // "i guess i better check outside".
        "better check",
        "check outside",
        "go check",
        "go and check",
        "go look",
        "i'll check with my",
        "let me talk to my",
        "我试试",
        "我试一下",
        "我试下",
        "试试看",
        "我看看",
        "我看一下",
        "我去看",
        "我去查",
        "我找找",
        "我找一下",
        "我去找",
        "我回去看",
        "我回头看",
        "出去看下",
        "我看下",
        "我查下",
        "我找下",
        "等会",
        "等一下",
        "等下我",
        "我找好",
        "找到了再",
        "稍等",
        // "不好用的话，我再找你": they will try it and come back if it fails.
        "我再找你",
        // "我今天再确认一下…不的话还是要麻烦你": they check first and come back.
        "再确认一下",
        "我再确认",
        "再咨询",
        "再来问",
        // "那我重新下单": they go and do it themselves.
        "重新下单",
        "重新拍",
        "重新购买",
        "再下单",
        "再来找你",
        "再联系你",
        "再找您",
        "再联系您",
        // "不行在联系你们吧" (在 for 再).
        "不行再联系",
        "不行在联系",
        "不行的话再",
        "不行再看",
        // "麻烦了，我回家申请一下": they will apply themselves, later.
        "回家申请",
        "回家再",
        "回去申请",
        "我去申请",
        "我自己申请",
        "我自己去申请",
        "我自己操作",
        // "那我给你提供。", "我截图发给你": they go to fetch it.
        "我给你提供",
        "我给您提供",
        "我截图",
    ];
    // "你帮我看下呗", "发我看看": the customer asks the agent to look, and goes nowhere.
    let asks_agent =
        |t: &str| contains_any(t, words!["帮我看", "你看看", "你看下", "发我看", "给我看"]);
    // "麻烦帮我退款 / 我重新下单": a request or a question in the turn still waits on the agent.
    // "ok that will take me a minute if u can wait": asking the agent to wait asks for no answer.
    let waits = turn.iter().any(|m| {
        let t = fold(&conv.messages[m.index as usize].text);
        (m.reading.question || is_question(&t) || asks_something(&t))
            && !contains_any(
                &t,
                words!["if you can wait", "if u can wait", "can you wait"],
            )
    });
    // "好吧，我问问什么情况 麻烦你了": going to ask someone, with thanks for now, whatever words of
    // a question follow the going.
    let thanks_and_goes = turn.last().is_some_and(|m| {
        let t = fold(&conv.messages[m.index as usize].text);
        contains_any(&t, words!["我问问", "我去问"])
            && contains_any(
                &t,
                words!["麻烦你了", "麻烦您了", "谢谢", "辛苦了", "辛苦你了"],
            )
    });
    // "我今天再确认一下… / 好的，谢谢": an ok or thanks after the going leaves it the turn's word.
    let ok_or_thanks = |m: &&crate::analysis::MessageAnalysis| {
        let l = letters(&fold(&conv.messages[m.index as usize].text));
        bare_ok(&l)
            || matches!(
                l.as_str(),
                "好的"
                    | "好的谢谢"
                    | "谢谢"
                    | "好谢谢"
                    | "好的谢谢你"
                    | "谢谢你"
                    | "行"
                    | "行谢谢"
            )
    };
    thanks_and_goes
        || !waits
            && turn
                .iter()
                .rev()
                .find(|m| !ok_or_thanks(m))
                .is_some_and(|m| {
                    let t = fold(&conv.messages[m.index as usize].text);
                    // "我重新下单了，所以把拒收了一份": done already, not gone to do.
                    let done = words.iter().any(|w| {
                        w.starts_with("重新")
                            && t.match_indices(w)
                                .all(|(p, _)| t[p + w.len()..].starts_with('了'))
                            && t.contains(w)
                    });
                    (contains_any(&t, words) && !done || goes_to_look(&t) || goes_to_ask(&t))
                        && !asks_agent(&t)
                        && !(t.is_ascii() && defers(&t))
                })
}

/// "是…的专门维修点吗" / "我问问", "我问一下家里人": the customer goes and asks someone. Not "我问一下
/// p20用哪种数据线": what follows the words is the question put to the agent.
fn goes_to_ask(t: &str) -> bool {
    words!["我问问", "我去问", "我问一下"].iter().any(|w| {
        t.find(w)
            .is_some_and(|p| letters(&t[p + w.len()..]).chars().count() <= 4)
    })
}

/// "我电脑端找找", "我再去app上看看": the customer goes to look for it themselves, somewhere;
/// a doubled verb of looking after "我" within a few characters.
fn goes_to_look(t: &str) -> bool {
    words!["找找", "看看", "试试", "查查"].iter().any(|v| {
        t.find(v).is_some_and(|p| {
            t[..p]
                .rfind('我')
                .is_some_and(|i| t[i..p].chars().count() <= 8)
        })
    })
}

/// Topic words in an agent's message (agents' messages are not read by the analyzer).
/// The topic a text names by its words ("发票", "refund"), for both sides of the chat.
pub(crate) fn topic_named(t: &str) -> Option<Intent> {
    agent_topic(t)
}

fn agent_topic(t: &str) -> Option<Intent> {
    const TABLE: &[(Intent, Words)] = &[
        (
            Intent::Refund,
            words!["退款", "退钱", "退费", "到账", "refund"],
        ),
        (Intent::Return, words!["退货", "寄回", "退回", "return"]),
        (
            Intent::Exchange,
            words!["换货", "调换", "exchange", "replacement", "replace"],
        ),
        (Intent::Invoice, words!["发票", "invoice", "receipt"]),
        (
            Intent::Price,
            words![
                "价保",
                "差价",
                "优惠券",
                "优惠",
                "price",
                "coupon",
                "discount",
                "promo",
            ],
        ),
        (Intent::Cancellation, words!["取消", "cancel"]),
        (Intent::AddressChange, words!["地址", "address"]),
        (
            Intent::Warranty,
            words!["保修", "维修", "售后", "warranty", "repair"],
        ),
        (
            Intent::Payment,
            words!["付款", "支付", "分期", "白条", "payment", "charged", "card"],
        ),
        (
            Intent::Logistics,
            words![
                "物流", "快递", "配送", "发货", "送达", "签收", "shipping", "shipped", "deliver",
                "tracking", "package", "courier",
            ],
        ),
        (
            Intent::Account,
            words![
                "账号",
                "密码",
                "登录",
                "会员",
                "password",
                "account",
                "log in",
                "login",
                "subscription",
                "membership",
                "two factor",
                "two-factor",
                "authentication",
            ],
        ),
        (
            Intent::OrderChange,
            words![
                "修改订单",
                "改订单",
                "重新下单",
                "change the order",
                "modify",
            ],
        ),
        // "这个暂时缺货了预计是一周左右到货": the time is the restock's, not a refund's.
        (Intent::ProductQuestion, words!["缺货", "到货"]),
    ];
    TABLE
        .iter()
        .find(|(_, w)| contains_any(t, w))
        .map(|(i, _)| *i)
}

/// "大概几个小时呢", "一般几天左右": a rough time given, not asked ("大概什么时候到呢" asks).
fn estimates(t: &str) -> bool {
    contains_any(t, words!["大概", "大约", "一般", "差不多", "左右"])
        && contains_any(
            t,
            words!["几个小时", "几小时", "几分钟", "几天", "几个工作日"],
        )
        && !contains_any(t, words!["什么", "哪", "怎么", "多少", "多久", "吗"])
}

pub(crate) fn is_question(t: &str) -> bool {
    let trailing = |c: char| c.is_whitespace() || "、,，.。~～!！".contains(c);
    let t = t.trim_end_matches(trailing);
    // "是这个订单的发票吗[ORDERID_10531883]": the order pasted after the question still asks.
    let t = match t.ends_with(']').then(|| t.rfind("[orderid_")).flatten() {
        Some(p) if t[p..].find(']').is_some_and(|e| p + e + 1 == t.len()) && p > 0 => {
            t[..p].trim_end_matches(trailing)
        }
        _ => t,
    };
    // "您提交的售后服务单对吧亲": an endearment after the question still ends a question.
    let t = words!["亲爱的", "亲亲", "亲"]
        .iter()
        .find_map(|e| t.strip_suffix(e))
        .unwrap_or(t)
        .trim_end_matches(trailing);
    t.ends_with('?')
        || words!["是吧", "对吧", "是把", "对吗", "是吗", "好吗", "可以吗", "是不是", "可以么", "好么", "行么", "对么", "是么"].iter().any(|e| t.ends_with(e))
        || t.ends_with('？')
        || t.ends_with('吗')
        // "能查到嘛", "是这个嘛": 嘛 asks as 吗 does ("好嘛" agrees, "干嘛" asks why, elsewhere).
        || t.ends_with('嘛')
            && t.chars().count() >= 3
            && !t.ends_with("干嘛")
            && contains_any(t, words!["能", "可以", "会", "是", "有", "要", "查到", "到了"])
        // "我的问题处理好了没", "到了没有": asks; "还没" says not yet.
        || t.ends_with('没') && !t.ends_with("还没") && t != "没"
        || t.ends_with("了没有")
        // "[订单]这个已经申请了吧": asks to have it confirmed ("算了吧" gives up).
        || t.ends_with("了吧") && !t.ends_with("算了吧")
        // "可以删单吧": asks leave ("可以吧" alone agrees).
        || t.starts_with("可以") && t.ends_with('吧') && t.chars().count() >= 4
        // "不用花钱买那个退货无忧的吧": asks the same way ("好的吧", an ok, is too short to ask).
        || t.ends_with("的吧") && t.chars().filter(|c| crate::text::is_cjk(*c)).count() >= 5
        || t.ends_with('呢')
            && contains_any(t, words!["请问", "多少", "什么", "哪", "怎么", "为什么", "为啥", "几"])
            // "不用菜鸟其他随便什么方式都可以呢": any way at all, no question.
            && !contains_any(t, words!["随便", "都可以", "都行", "都能"])
            && !estimates(t)
        || contains_any(
            t,
            words![
                "请问",
                "麻烦您提供",
                "麻烦提供",
                "could you",
                "can you",
                "could i",
                "can i get",
                "can i have",
                "may i",
                "please provide",
                "please confirm",
            ],
        )
}

fn agent_message(index: u32, text: &str, st: &mut State) {
    let t = fold(text);
    // "您发下要修改的内容" · "好的" · "亲亲#E-s[数字x]": a sticker or a bare "亲亲" asks nothing new and
    // still waits for what was asked.
    st.awaits_other &= only_address(&t);
    // Numbers (order numbers, times) are looked for only where there is a digit or a numeral.
    let numbers = if has_number(&t) {
        facts::extract(text, None)
    } else {
        Vec::new()
    };
    let topic = agent_topic(&t);
    // The agent quoting the order ("[ORDERID_…] 是这个订单吗", "I see order 8890…") has it.
    if t.contains("orderid_") || numbers.iter().any(|f| f.kind == FactKind::OrderNumber) {
        give(st, Info::OrderId);
    }
    // "i've pulled up your account. can i have your email address?": found, then asks.
    if contains_any(&t, ACCOUNT_FOUND) {
        know(st, Info::Name);
        know(st, Info::Account);
    }
    if asks_for_information(index, text, &without_stickers(&t), topic, st) {
        // "小妹查看到这个订单是[数字x]个包裹配送的，您收到的是几个包裹呢": asked from the order
        // in front of them.
        let asked_order = st
            .said
            .last()
            .is_some_and(|s| s.info.contains(&Info::OrderId));
        let sees = words![
            "看到这个订单",
            "查到这个订单",
            "这个订单是",
            "该订单是",
            "您这个订单是",
            // "正在查询中。 AppleiPhone… 请问是这个商品吗?": the item read off the order.
            "是这个商品吗",
            "是这款商品吗",
        ];
        if !asked_order && contains_any(&t, sees) {
            know(st, Info::OrderId);
        }
        return;
    }
    // Holds too: "正在查询" shows the agent has the order in front of them, and what they see of
    // it counts ("请稍等，这边看到商家还没发货呢" holds and tells the stage).
    agent_has(&t, st);
    stage_from_text(&t, st, false);
    // "Anything else?" holds nothing back: whatever the agent was doing is done, also when the
    // message opens like an ack ("好的亲 请问还有其他问题可以帮到您的吗?").
    if only_asks_anything_else(&t) {
        st.holding = false;
        return;
    }
    // "好的" / "thanks david.": an acknowledgement says nothing; "嗯嗯，是的哦" confirms and answers.
    // The order pasted alone ("[ORDERID_…]") puts it to the customer to confirm: no answer yet.
    // "嗯嗯" right after "我直接拿身份证就可以机场取票是吧": a nod to a yes-or-no question is a yes.
    // Replies straight to the customer's latest question.
    let right_after = st.open.as_ref().filter(|o| o.asked_index + 1 == index);
    let nod = matches!(letters(&t).as_str(), "嗯" | "嗯嗯" | "恩" | "恩恩")
        && right_after.is_some_and(|o| o.ask.is_none_or(|a| a == Ask::Whether));
    // "#E-s[数字x]#E-s[数字x]": an emoticon alone answers nothing.
    if (is_ack(&t)
        || only_stickers(&t)
        || only_sympathises(&t)
        || only_order_ref(&t)
        || checks_presence(&t)
        || only_verified(&t))
        && !nod
    {
        return;
    }
    // "为您核实财务修改…修改成功短信告知 请问还有其他还可以帮到您的吗?": a message that ends by
    // asking for anything more has finished what it said it would look into.
    if (is_hold(&t) && !tells_what_it_shows(&t) || announces_action(&t)) && !asks_anything_else(&t)
    {
        // "Let me check": whatever was answered before, the customer now waits for this.
        st.holding = true;
        if let Some(o) = st.open.as_mut() {
            o.answered = false;
        }
        return;
    }
    // A figure after "稍等" ("500", "[数字x]") is the answer looked up, however short.
    let figure = st.holding
        && !only_stickers(&t)
        && (has_number(&t) || t.contains("[数字x]") || t.contains("[金额x]"));
    // "是的" to "那就是说要么送到提货点要么重新申请?": a yes answers the customer's question.
    // "不用哦" to "我需要回拨吗?": a short no answers it as well.
    let no = words!["不用", "不需要", "不会", "不是", "不可以", "不能", "没有"]
        .iter()
        .any(|w| letters(&t).starts_with(w));
    let yes = nod || (confirms(&t) || says_yes(&t) || no) && right_after.is_some();
    // "一年的" to "保修多久": a length or a date answers a when or how-long question, however short.
    let timed = st.open.as_ref().is_some_and(|o| o.ask == Some(Ask::When))
        && numbers
            .iter()
            .any(|f| matches!(f.kind, FactKind::Duration | FactKind::Date));
    // "can you tell me more about your return policy?" · "yes i can": agreed to answer, and no
    // answer yet.
    if substance(&t) < 4 && !figure && !yes && !timed || only_says_yes_i_can(&t) {
        return;
    }
    st.holding = false;
    // "i'd also like to know how long you have been waiting": one more question, and what was
    // asked for before is still awaited.
    if !(is_question(&t) || contains_any(&t, words!["i'd also like", "i would also like"]))
        || !contains_any(&t, words![" also ", " as well", "另外"])
    {
        st.awaited.clear();
    }
    let mut said = what_the_agent_said(index, text, &t, topic, numbers);
    // "抱歉 A公司无法换成B公司" names no topic: said to the open request, it rules that out. Not
    // knowing something ("无法提前得知") rules out no remedy.
    let unknowing = contains_any(
        &t,
        words!["得知", "知道", "确定", "告知", "保证", "know", "sure"],
    );
    if said.kind == SaidKind::Refused && said.topic.is_none() && !unknowing {
        said.topic = st
            .open
            .as_ref()
            .filter(|o| o.topic.is_substantive())
            .map(|o| o.topic);
    }
    st.said.push(said);
    // A question back ("您是要改地址对吗？") clarifies; it does not answer.
    if let Some(o) = st.open.as_mut().filter(|_| !is_question(&t)) {
        if o.latest_index < index {
            o.answered = true;
        }
    }
}

/// An agent's message that is the customer's order and nothing else ("[ORDERID_10169779]",
/// "订单号:[ORDERID_…]"): JD-style consoles paste it to ask "this one?".
fn only_order_ref(t: &str) -> bool {
    if !t.contains("orderid_") {
        return false;
    }
    let mut rest = String::new();
    let mut s = t;
    while let Some(p) = s.find("[orderid_") {
        rest.push_str(&s[..p]);
        s = s[p..].split_once(']').map_or("", |x| x.1);
    }
    rest.push_str(s);
    // "…商品ID:14736264188": the product the card is about.
    if let Some(p) = rest.find("商品id") {
        let tail = rest[p + "商品id".len()..].trim_start_matches([':', '：', ' ']);
        // The corpus masks the number ("商品ID:[数字x]").
        let tail = tail.trim_start_matches("[数字x]");
        let tail = tail
            .trim_start_matches(|c: char| c.is_ascii_digit())
            .to_string();
        rest.truncate(p);
        rest.push_str(&tail);
    }
    for label in words![
        // The card a console sends for the customer ("咨询订单号:[…]订单金额:[金额x]下单时间:[日期x]").
        "顾客通过点击web咚咚",
        "信息发送",
        "[站点x]",
        "咨询",
        "订单金额",
        "下单时间",
        "[金额x]",
        "[日期x]",
        "[时间x]",
        "订单编号",
        "订单号",
        "订单",
        "是这个",
        "这个",
        "吗",
        "呢",
        "亲",
    ] {
        rest = rest.replace(label, "");
    }
    substance(&rest) < 2
}

/// A message of stickers and nothing else ("#E-s[数字x]#E-s[数字x]", "[微笑]"): a nod.
pub(crate) fn only_stickers(t: &str) -> bool {
    substance(t) == 0 && !t.trim().is_empty()
}

/// The text without JD's emoji codes ("#e-s[数字x]", "#e-s01", folded): "有手机号码吗#E-s[数字x]"
/// still ends in its question.
pub(crate) fn without_stickers(t: &str) -> String {
    if !t.contains("#e-") && !t.contains("#E-") {
        return t.to_string();
    }
    let mut out = String::with_capacity(t.len());
    let mut rest = t;
    while let Some(p) = rest.find("#e-").or_else(|| rest.find("#E-")) {
        out.push_str(&rest[..p]);
        rest = after_code(&rest[p..]).unwrap_or(&rest[p + 3..]);
    }
    out.push_str(rest);
    out
}

/// What follows a JD emoji code that opens `t` ("#E-s01", "#e-s[数字x]": the code's letters and
/// digits, and a placeholder for them), or None where no code opens it.
fn after_code(t: &str) -> Option<&str> {
    t.strip_prefix("#e-")
        .or_else(|| t.strip_prefix("#E-"))
        .map(|r| r.trim_start_matches(|d: char| d.is_ascii_alphanumeric()))
        .map(|r| {
            r.strip_prefix('[')
                .and_then(|b| b.split_once(']'))
                .map_or(r, |x| x.1)
        })
}

/// A sticker, or a form of address with nothing said ("亲亲#E-s[数字x]", "亲爱的~").
fn only_address(t: &str) -> bool {
    substance(&t.replace("亲爱的", "").replace('亲', "")) == 0
}

/// Letters and digits outside emoji codes: "[微笑]", "#E-s01" (JD's), "#E-s[数字x]" say nothing,
/// so an agent's sticker after "请提供手机号" leaves the number still awaited. A bracket that holds
/// more than Chinese words ("[ORDERID_1007]", an order number the agent sent) counts.
fn substance(t: &str) -> usize {
    let mut n = 0;
    each_letter(t, |_| n += 1);
    n
}

/// "great, you're all verified." / "okay, i was able to verify your identity.": a step on the way
/// to what the customer asked (paying, a username), not an answer to it.
fn only_verified(t: &str) -> bool {
    t.is_ascii()
        && t.contains("verif")
        && t.split(['.', ',', '!', ';'])
            .map(str::trim)
            .filter(|c| !c.is_empty())
            .all(|c| {
                is_ack(c)
                    || c.contains("verif")
                        && !c.contains('?')
                        && !contains_any(
                            c,
                            words!["not ", "n't", "unable", "need", "could", "can "],
                        )
            })
}

/// Two of zip code, phone number and e-mail identify the account ("i'll just need two of the
/// following: zip code, phone number or email address"): its ID is not asked for after them.
fn found_by_contact(st: &mut State) {
    let contacts = [Info::Zip, Info::Phone, Info::Email]
        .iter()
        .filter(|i| st.has(**i))
        .count();
    if contacts >= 2 && !st.has(Info::Account) {
        know(st, Info::Account);
    }
}

/// A message that is only a US zip code ("46584", "46584-1234").
fn bare_zip(t: &str) -> bool {
    let t = t.trim().trim_end_matches('.');
    // Byte offsets below: ASCII only (a Chinese message cannot be split at byte 5).
    if !t.is_ascii() {
        return false;
    }
    let (five, rest) = t.split_at(t.len().min(5));
    five.len() == 5
        && five.chars().all(|c| c.is_ascii_digit())
        && (rest.is_empty()
            || rest.len() == 5
                && rest.starts_with('-')
                && rest[1..].chars().all(|c| c.is_ascii_digit()))
}

/// The agent's latest message asks for a zip code.
fn zip_asked(conv: &Conversation, st: &State) -> bool {
    st.last_agent.is_some_and(|i| {
        contains_any(
            &fold(&conv.messages[i as usize].text),
            words!["zip", "postal code"],
        )
    })
}

/// "are you there?" / "您还在吗": the agent checks the customer is still there; what they asked
/// before it is still what they wait for.
fn checks_presence(t: &str) -> bool {
    letters(t).chars().count() <= 20
        && contains_any(
            t,
            words![
                "are you there",
                "still there",
                "you there?",
                "还在吗",
                "在吗",
                "在不在",
            ],
        )
}

/// An agent's message that asks for information ("请提供订单号", "may i have your name?"): what
/// they wait for is what they asked last, nothing older. Whether it asked.
fn asks_for_information(
    index: u32,
    text: &str,
    t: &str,
    topic: Option<Intent>,
    st: &mut State,
) -> bool {
    // "请您现在下一个新订单，新订单不要付款哦": the new order's number is what the agent waits
    // for ("下了" hands over nothing yet).
    let record = |st: &mut State, info: Vec<Info>| {
        st.said.push(AgentSaid {
            kind: SaidKind::Asked,
            index,
            topic,
            info,
            quote: excerpt(text, 24),
            words: t.to_string(),
        });
    };
    if tells_to_place_a_new_order(t) {
        st.awaited = vec![Info::OrderId];
        record(st, vec![Info::OrderId]);
        return true;
    }
    let asking = words![
        "提供",
        "发一下",
        "发下",
        "发给我",
        "发我",
        "请将",
        "告诉我",
        // "请告知" asks; "短信告知您快递单号" tells.
        "请告知",
        "告知一下",
        "告知下",
        "告知我",
        "确认一下",
        "麻烦",
        // "那您给我公司名字和税号噢", "报一下手机号", "把订单号给我看一下哦".
        "您给我",
        "你给我",
        "给我看一下",
        "给我看看",
        "给我看下",
        "发过来",
        "报一下",
        // "复制下您需要咨询的订单号哦", "单号多少": the thing asked for, copied over or counted.
        "复制",
        "多少",
        "need your",
        "need the",
        // "i need to verify your identity with your account id and order id".
        "i need to",
        "also your",
        "i'll need",
        "i will need",
        "please",
        "could",
        "can i",
        "may i",
        "what is your",
        "what's your",
        "would you",
        "give me",
        "tell me your",
        "provide",
    ];
    // "联系您那个电话呢亲", "订单号呢": the thing asked for, then 呢, asks for it.
    let names_info = |head: &str| {
        Info::ALL
            .iter()
            .flat_map(|i| i.ask_words())
            .any(|w| head.ends_with(w))
    };
    let ne = |c: &str| c.match_indices('呢').any(|(p, _)| names_info(&c[..p]));
    // "你的订单号是": the thing asked for, then 是 at the end, leaves the blank for the customer.
    let shi = |c: &str| {
        c.trim_end_matches(|ch: char| !ch.is_alphanumeric())
            .strip_suffix('是')
            .is_some_and(names_info)
    };
    let asks =
        |c: &str| is_question(c) || contains_any(c, asking) || ne(c) || shi(c) || only_names(c);
    if !asks(t) {
        return false;
    }
    // A long explanation (how to fill in a cheque, where to send it) names an address or a phone
    // in passing: in one that long, the asking and the thing asked share a clause.
    let sentences: Vec<&str> = if t.chars().count() > 80 {
        // "provide your zip code, phone number, and email address?": a short item of the list
        // goes with the ask before it.
        let mut kept = false;
        t.split_inclusive(['。', '！', '!', '？', '?', '；', ';', '，', ',', '\n'])
            .filter(|c| {
                let item = c.split_whitespace().count() <= 3 && !c.chars().any(crate::text::is_cjk);
                kept = asks(c) || kept && item;
                kept
            })
            .collect()
    } else {
        vec![t]
    };
    let asked: Vec<Info> = Info::ALL
        .iter()
        .copied()
        .filter(|i| sentences.iter().any(|c| i.asked_in(c)))
        .collect();
    if asked.is_empty() {
        // "请您提供下商品的商品编码": asked for, by a name Duxin does not know.
        let provide = words![
            "提供",
            "发一下",
            "发下",
            "发给我",
            "please provide",
            "send me",
        ];
        // "客户是需要申请退几件呢": how many, or which one, is asked for the same way.
        let which = words![
            "几件",
            "几个",
            "多少件",
            "几台",
            "数量",
            "哪个商品",
            "哪一个",
            "哪件",
            "哪款",
        ];
        let asks_other = |c: &&str| {
            contains_any(c, provide) || is_question(c) && contains_any(c, which) && !estimates(c)
        };
        if sentences.iter().any(asks_other) && !is_hold(t) {
            st.awaits_other = true;
            record(st, Vec::new());
            return true;
        }
        return false;
    }
    // Asked again for what was given ("回信号码是?" after a phone number earlier): the agent
    // waits for it all the same, and the next number is the answer.
    st.awaited = asked.clone();
    record(st, asked);
    true
}

/// What an answering message of the agent says: a refusal ("这个订单不能恢复了"), a time
/// ("1-3个工作日"), or an answer.
fn what_the_agent_said(
    index: u32,
    text: &str,
    t: &str,
    topic: Option<Intent>,
    numbers: Vec<crate::facts::Fact>,
) -> AgentSaid {
    let refusal = words![
        "无法",
        "不能",
        "不支持",
        "没办法",
        "没有办法",
        "没法",
        "不可以",
        "做不了",
        "不行",
        "不了呢",
        "已关闭",
        "已经关闭",
        "超过了",
        "已超过",
        "超出",
        "不符合",
        // Nobody can be reached now ("他们全都下班了 小妹子这边也联系不上"): contacting them is ruled out.
        "联系不上",
        "联系不到",
        "都下班了",
        // "这个需要您与配送师傅协商": the customer is to arrange it; the agent will not.
        "需要您与",
        "需要您自己",
        "需要您自行",
        "can't",
        "cannot",
        "can not",
        "unable",
        "not able",
        "not possible",
        "won't be able",
        "not eligible",
        "isn't eligible",
        "no longer",
        "has closed",
        "have closed",
        "expired",
        "not allowed",
    ];
    let times: Vec<String> = numbers
        .into_iter()
        .filter(|f| matches!(f.kind, FactKind::Duration | FactKind::Date))
        .map(|f| f.text)
        .fold(Vec::new(), |mut seen, x| {
            if !seen.contains(&x) {
                seen.push(x);
            }
            seen
        });
    let (kind, quote) = if rules_out(t, refusal) {
        (SaidKind::Refused, excerpt(text, 24))
    } else if !times.is_empty() {
        (SaidKind::Time, times.join("、"))
    } else {
        (SaidKind::Answer, excerpt(text, 24))
    };
    AgentSaid {
        kind,
        index,
        topic,
        info: Vec::new(),
        quote,
        words: t.to_string(),
    }
}

/// A sentence of the agent's message holds a refusal and is no question: "这边确实没有办法给您退费的
/// … 请问还有其他可以帮到您的吗?" refuses (the closing question asks something else), while "or are
/// you not able to log in?" asks and rules nothing out. Chinese agents often part sentences with a
/// space alone.
fn rules_out(t: &str, refusal: Words) -> bool {
    let cjk = t.chars().any(crate::text::is_cjk);
    let ends = |c: char| {
        matches!(c, '。' | '！' | '!' | '？' | '?' | '；' | ';' | '\n') || cjk && c == ' '
    };
    // "您不给我订单号，我无法给您查看": unable for want of what the customer has not given; that
    // asks for it, and rules nothing out.
    let for_want = |s: &str| {
        contains_any(
            s,
            words![
                "不给我",
                "不提供",
                "没有订单号",
                "没有提供",
                "不告诉我",
                "没有单号",
            ],
        )
    };
    // "订单一旦取消是无法恢复的…您再考虑下呢": a warning of what cannot be undone, before doing
    // what was asked.
    let warns = |s: &str| {
        s.contains("一旦")
            && contains_any(
                t,
                words!["考虑", "确定要", "确认要", "确定取消", "确认取消"],
            )
    };
    // "i am unable to recover your current password, but i can generate a new password for you":
    // another way to the same end, offered in the same sentence, rules the topic in.
    let offers_instead = |s: &str| {
        contains_any(
            s,
            words![
                "but i can ",
                "but i could ",
                "but i will ",
                "but i'll ",
                "but we can ",
                "however, i can ",
                "however i can ",
                "but what i can",
            ],
        )
    };
    t.split_inclusive(ends).any(|s| {
        contains_any(s, refusal)
            && !is_question(s)
            && !for_want(s)
            && !warns(s)
            && !offers_instead(s)
    })
}

/// The customer asks whether it really cannot be done ("你们后台不可以处理吗?", "is there no way
/// you can…"): right after a refusal, whatever the topic, that presses the refused thing.
pub(crate) fn pushes_back(words: &str) -> bool {
    contains_any(
        words,
        words![
            "不可以处理",
            "不能处理",
            "处理不了吗",
            "不可以吗",
            "不能吗",
            "不行吗",
            "不了吗",
            "没办法吗",
            "没有办法吗",
            "真的不能",
            "真的不行",
            "就不能",
            "想想办法",
            "can't you",
            "cannot you",
            "is there no way",
            "isn't there any way",
            "is there any way",
            "there's nothing you can do",
            "nothing you can do",
            "really can't",
        ],
    )
}

/// Both ask for the same kind of remedy: money or goods back, a swap, a change, a cancellation,
/// compensation. A refusal of one is a refusal of the other, whatever topic their nouns fall under.
fn same_action(refusal: &str, request: &str) -> bool {
    const ACTIONS: &[Words] = &[
        words!["退", "refund", "money back", "reimburse"],
        words!["换", "exchange", "replace", "swap"],
        words!["取消", "cancel"],
        words!["赔", "补偿", "compensat", "credit"],
        words!["延", "extend", "extension"],
        words!["改", "modify", "change the"],
        words!["补发", "resend", "send another"],
    ];
    ACTIONS
        .iter()
        .any(|a| contains_any(refusal, a) && contains_any(request, a))
}

/// The words, whitespace runs made one space, cut at `n` characters with "…".
pub(crate) fn excerpt(text: &str, n: usize) -> String {
    let t: String = text.split_whitespace().collect::<Vec<_>>().join(" ");
    let mut out: String = t.chars().take(n).collect();
    if t.chars().count() > n {
        out.push('…');
    }
    out
}

/// The refund is done.
const REFUNDED: Words = words![
    "退款成功",
    "退费成功",
    "已退款",
    "退款已到账",
    "退到白条了",
    "退回白条了",
    "退回额度了",
    "refund has been issued",
    "refunded",
];

/// The customer says the money came back ("钱已经到了"); the same words asked ("钱到了吗") or
/// denied ("钱没到") say nothing of the kind.
const REFUND_CAME: Words = words![
    // "你这样一说我看到了 / 金库余额有了".
    "余额有了",
    "钱有了",
    "钱收到了",
    "钱已经到了",
    "钱到了",
    "钱已到账",
    "钱已经到账",
    "已经到账了",
    "退款到了",
    "退款收到了",
    "收到退款了",
    "钱退回来了",
    "钱已经退回",
    "钱已经退了",
    "款已经退了",
];

/// A refund was asked for.
const REFUND_APPLIED: Words = words![
    "申请了退款",
    "申请退票了",
    "申请了退票",
    "已申请退票",
    "退票中",
    "已申请退款",
    "帮您申请退款",
    "为您申请退款",
    "退款已提交",
    "退款申请",
    "退款中",
    // "财务正在进行退款审核": the refund is on its way through.
    "进行退款",
    "退款审核",
    "requested a refund",
    "refund request",
    "申请退款了",
    "initiate the refund",
    "initiated the refund",
    "started the refund",
    "started a refund",
];

/// Money or a parcel that has not come.
const NOT_ARRIVED: Words = words![
    "没到账",
    "未到账",
    "没收到",
    "还没到",
    "haven't received",
    "not received",
    "still waiting",
    "hasn't arrived",
    "hasn't come",
];

/// A return, exchange or repair under way.
const AFTER_SALE: Words = words![
    "服务单",
    // "帮我跟进一下这个售后服务号", "我返修的一个电源": one is running.
    "售后服务号",
    "返修的",
    "返修了",
    // A dispute or an inspection running ("您可以在纠纷单上面回复", "售后上门检测", "售后派维修人员来修了").
    "纠纷单",
    "上门检测",
    "鉴定结果",
    "维修人员",
    "售后来了",
    "售后单",
    "已申请售后",
    "申请了售后",
    "申请了退货",
    "已申请退货",
    "退货申请已",
    "帮您申请售后",
    "为您申请售后",
    "申请售后了",
    "售后审核",
    "备件库",
    "检测中",
    "维修中",
    "在维修",
    "正在维修",
    "是维修的",
    "申请了维修",
    "已申请维修",
    "修好后",
    "送修",
    // "能把我的维修手机送回给我吗", "修过的还保修吗": the item is (or was) in repair.
    "维修手机",
    "维修的手机",
    "修过的",
    "拿去修",
    "送去修",
    "寄修了",
    "寄回去了",
    "已经退了",
    "已经退货",
    "已经寄回",
    "已寄回",
    "退回去了",
    "退回去的",
    "寄回去的",
    "退回的东西",
    "退回的商品",
    "退货中",
    "换货中",
    "already returned",
    "sent it back",
    "return label",
    "return is being",
    "being repaired",
    "repair request",
];

/// The parcel arrived.
const DELIVERED: Words = words![
    "已签收",
    // "还显示已配送": the tracking says it arrived, whatever the customer says.
    "显示已配送",
    "显示配送完成",
    "显示已妥投",
    "显示妥投",
    "显示已送达",
    "显示送达",
    "收到了",
    "收到货",
    "签收了",
    "到货了",
    "拿到了",
    "拿到货",
    "货到了",
    "东西到了",
    "收到东西",
    "到手了",
    "才送到",
    "已经送到",
    "已送到",
    "received it",
    "received the",
    "it arrived",
    "says delivered",
    "was delivered",
    "got the package",
    "got my package",
    // A status read out: "it says it has been delivered", "marked as delivered".
    "been delivered",
    "marked as delivered",
    "shows delivered",
    "shows as delivered",
];

/// The parcel left.
const SHIPPED: Words = words![
    "已发货",
    "已经发货",
    "发货了",
    "出库了",
    "已出库",
    "已发出",
    "已经发出",
    // "我的昨天才发货" (but "什么时候才发货" waits for it).
    "昨天才发",
    "今天才发",
    "前天才发",
    "刚发货",
    "has shipped",
    "been shipped",
    "was shipped",
    // A status read out: "my status shows \"in transit.\"".
    "in transit",
    "out for delivery",
    "on its way",
];

/// Paid, not yet on its way.
const NOT_SHIPPED: Words = words![
    "还没发货",
    "还没有发货",
    "还未发货",
    "尚未发货",
    "没有发货",
    "未发货",
    "还没发出",
    "hasn't shipped",
    "has not shipped",
    "not shipped yet",
    "hasn't been shipped",
    "has not been shipped",
];

/// An English customer read the order's status out in the recent messages ("the shipping status
/// is in transit", "shipping status: order received"): they know it.
pub(crate) fn customer_read_status(conv: &Conversation) -> bool {
    let start = conv.messages.len().saturating_sub(RECENT);
    conv.messages[start..].iter().any(|m| {
        let t = fold(&m.text);
        m.role == Role::Customer
            && t.is_ascii()
            && !is_question(&t)
            && (t.contains("status") || t.contains("in transit") || t.contains("out for delivery"))
            && stage_named(&t, true).is_some()
    })
}

/// The order's stage, as far as a message tells it; a later stage replaces an earlier one.
fn stage_from_text(t: &str, st: &mut State, customer: bool) {
    if let Some(s) = stage_named(t, customer) {
        if st.stage.is_none_or(|old| s > old) {
            st.stage = Some(s);
        }
    }
}

/// The stage a message names, the furthest first. The customer's "收到了" is the parcel; the
/// agent's is the customer's message.
fn stage_named(t: &str, customer: bool) -> Option<Stage> {
    let negated = |w: &str| {
        t.find(w).is_some_and(|p| {
            contains_any(
                &t[..p],
                words!["没", "未", "还不", "not ", "never ", "n't "],
            ) && p - t[..p].rfind(['没', '未', 'n']).unwrap_or(0) < 12
        })
    };
    // "退款成功了嘛?": asking whether it came presumes a refund applied for, not one done.
    let (refunded, came) = (contains_any(t, REFUNDED), contains_any(t, REFUND_CAME));
    // The agent's "亲亲退款了哦", "已经给您退了": done, in the agent's words (a customer's
    // "我申请退款了" is an application).
    let refunded = refunded
        || !customer
            && contains_any(t, words!["退款了", "已经给您退了", "给您退了", "已经退了"])
            // "财务已经在进行退款了": under way, not done.
            && !contains_any(
                t,
                words![
                    "申请退款了",
                    "申请了退款",
                    "申请退款",
                    "退款了吗",
                    "进行退款",
                    "在退款",
                ],
            )
            && !negated("退");
    if (refunded || came) && contains_any(t, words!["吗", "嘛", "么", "?", "？", "没有"]) {
        return Some(Stage::RefundApplied);
    }
    if refunded || came && !contains_any(t, words!["没", "不"]) {
        return Some(Stage::Refunded);
    }
    if contains_any(t, REFUND_APPLIED)
        || contains_any(t, words!["退款", "refund"]) && contains_any(t, NOT_ARRIVED)
    {
        return Some(Stage::RefundApplied);
    }
    if contains_any(t, AFTER_SALE) {
        return Some(Stage::AfterSale);
    }
    if let Some(w) = DELIVERED.iter().find(|w| t.contains(*w)) {
        return (!negated(w) && (customer || !w.contains("收到"))).then_some(Stage::Delivered);
    }
    if let Some(w) = SHIPPED.iter().find(|w| t.contains(*w)) {
        return (!negated(w)).then_some(Stage::Shipped);
    }
    // "这边看到商家还没发货呢": paid, not on its way; a question about it says nothing.
    if contains_any(t, NOT_SHIPPED) && !contains_any(t, words!["吗", "?", "？"]) {
        return Some(Stage::Paid);
    }
    (customer && buys_anew(t)).then_some(Stage::NotOrdered)
}

/// The customer speaks of buying anew ("请问这个今天下单，后天可以到货吗"), whatever order came
/// before: folded customer text.
/// "我今天下单商品大概什么时候到货" tells of an order placed today.
pub(crate) fn buys_anew(t: &str) -> bool {
    contains_any(t, NOT_ORDERED)
        && !contains_any(
            t,
            words![
                "我今天下单",
                "今天下单的",
                "今天下的单",
                "今天买的",
                "今天买了",
                "现在买的",
                "现在买了",
            ],
        )
}

/// The customer asks before buying: what they would order is not an order yet.
const NOT_ORDERED: Words = words![
    "想买",
    // "想在京东买小米电视": where they mean to buy it.
    "想在京东买",
    "想在你们家买",
    "想在你家买",
    "准备买",
    "打算买",
    "还没买",
    "还没下单",
    "没有下单",
    "没下单",
    "还没拍",
    "下单前",
    "买之前",
    "拍之前",
    "现在下单",
    "今天下单",
    // "今天买 明天能到货吗": if bought today.
    "今天买",
    "现在买",
    "现在拍",
    "下单的话",
    "拍下的话",
    "还没购买",
    "如果买了",
    "没有购买呢",
    "还没买呢",
    "没买呢",
    "要是买了",
    "买了以后不合适",
    "买了不合适",
    "还没有买",
    "还没有购买",
    "还没有下单",
    "早点买",
    "怕买亏",
    "如果下单",
    "thinking of buying",
    "thinking about buying",
    "thinking of making a purchase",
    "thinking of ordering",
    "before i buy",
    "before buying",
    "before i order",
    "haven't ordered",
    "have not ordered",
    "haven't bought",
    "haven't purchased",
    "looking to buy",
    "looking to purchase",
    "hoping to buy",
    "want to buy some",
    "would like to buy",
    "thinking of purchasing",
    "thinking about purchasing",
    "interested in buying",
    "planning to buy",
    "planning on buying",
    "if i order",
    "if i buy",
    // Tried and failed: still no order ("i couldnt buy it yesterday", "没买成").
    "couldn't buy",
    "couldnt buy",
    "could not buy",
    "wasn't able to buy",
    "unable to buy",
    "没买成",
    "没买到",
];

/// What the customer gave, from the facts the analyzer found in their message.
fn gave_facts(facts: &[crate::facts::Fact], st: &mut State) {
    for f in facts {
        match f.kind {
            FactKind::OrderNumber => give(st, Info::OrderId),
            FactKind::TrackingNumber => give(st, Info::Tracking),
            FactKind::Phone => give(st, Info::Phone),
            FactKind::Email => give(st, Info::Email),
            FactKind::Address => give(st, Info::Address),
            _ => {}
        }
    }
}

/// Information the customer hands over in so many words ("my name is …", "username: …").
/// Whether a name, account or zip code was handed over by name ("my name is …", "account id: …").
fn handed_over_words(t: &str, st: &mut State) -> bool {
    let mut named = false;
    if words!["my name is", "my name's", "我叫", "我的名字是", "姓名："]
        .iter()
        .any(|w| value_after(t, w))
        || introduces_self(t)
    {
        give(st, Info::Name);
        named = true;
    }
    if words![
        "account id",
        "account #",
        "account number",
        "account no",
        "username",
        "user:",
        "user name",
        "账号：",
        "账号:",
        "用户名",
    ]
    .iter()
    .any(|w| value_after(t, w))
        && !lacks(t)
    {
        give(st, Info::Account);
        named = true;
    }
    if words![
        "phone number is",
        "phone number:",
        "phone:",
        "my number is",
        "手机号是",
        "手机号：",
        "手机号:",
        "电话是",
    ]
    .iter()
    .any(|w| value_after(t, w))
        && t.chars().filter(|c| c.is_ascii_digit()).count() >= 7
    {
        give(st, Info::Phone);
        named = true;
    }
    if words!["zip", "邮编"].iter().any(|w| value_after(t, w))
        && t.chars().any(|c| c.is_ascii_digit())
    {
        give(st, Info::Zip);
        named = true;
    }
    // "税&nbsp;&nbsp;号[数字x]": a form pasted from a web page keeps its escaped spaces.
    let unescaped = t.replace("&nbsp;", "");
    let t = unescaped.as_str();
    // "抬头是…公司", "没有税号", "开个人就行", a taxpayer number: the invoice details, given.
    // To a person by choice ("开个人就行"), not an invoice that came out personal by mistake
    // ("给我开的个人发票", "开成了个人").
    let personal = contains_any(
        t,
        words![
            "开个人",
            "个人就行",
            "个人就可以",
            "个人即可",
            "写个人",
            "填个人",
            "抬头个人",
            "抬头是个人",
            "个人抬头就",
        ],
    );
    // A label names the detail, a value gives it ("抬头：…公司", "单位名称是…"); "我们要开单位名称，
    // 纸质发票" and "换开公司" only say what kind of title they want.
    let valued = |labels: Words| {
        labels.iter().any(|l| {
            t.match_indices(l).any(|(p, _)| {
                let rest = &t[p + l.len()..];
                let value = rest.trim_start_matches(['是', '为', ':', '：', ' ']);
                // "单位名称[组织机构x]税号[数字x]": a form's value right after its label.
                let glued = rest.starts_with('[') || rest.starts_with(|c: char| c.is_ascii_digit());
                (value.len() < rest.len() || glued)
                    && substance(&value.chars().take(8).collect::<String>()) >= 2
            })
        })
    };
    let title = valued(words![
        "抬头",
        "单位名称",
        "公司名称",
        "发票名称",
        "开票名称"
    ]) || contains_any(t, words!["有限公司", "[组织机构x]"]);
    let tax_labels = words![
        "税号",
        "纳税人识别号",
        "纳税人识别码",
        "纳税识别号",
        "纳税识别码",
        "识别号",
        "信用代码",
    ];
    let coded = has_tax_id(t) || tax_code_in_context(t);
    let tax = coded || valued(tax_labels);
    // "相关资质我都上传了": the papers are on file, though nothing is handed over here.
    let on_file = t.contains("资质");
    // "发票名称:…，纳税识别号:[数字x]L 可以修改吗": filled in like a form, given though it asks.
    let form = tax_labels
        .iter()
        .chain(words!["抬头", "发票名称", "单位名称", "公司名称"])
        .any(|l| {
            t.match_indices(l)
                .any(|(p, _)| t[p + l.len()..].starts_with([':', '：']))
        });
    if !is_question(t) || coded || form {
        // A company's name without its tax number leaves the number to ask for ("按您给的新抬头和
        // 税号" would claim it); a person's invoice needs none.
        if title || tax || personal || on_file {
            give(st, Info::InvoiceTitle);
        }
        if tax || personal || on_file {
            give(st, Info::TaxId);
        }
        named |= title || tax;
    }
    named
}

/// A greeting that introduces the customer by a two-word name and stops there ("hi i am albert
/// sanders.", "hello, this is joyce wu"): "hi i'm having trouble" or "hi i am so upset" do not.
fn introduces_self(t: &str) -> bool {
    let t = t.trim_start();
    let Some(rest) = words!["hi", "hello", "hey"]
        .iter()
        .find_map(|g| t.strip_prefix(g))
        .map(|r| r.trim_start_matches([',', '!', '.', ' ']))
    else {
        return false;
    };
    let sentence = rest.split(['.', '!', '?', ',']).next().unwrap_or("");
    let words: Vec<&str> = sentence.split_whitespace().collect();
    let name = match words.as_slice() {
        ["i", "am", a, b] | ["i'm" | "im", a, b] | ["this", "is", a, b] => [*a, *b],
        _ => return false,
    };
    name.iter().all(|w| name_word(w))
}

/// A word that can be part of a person's name ("joyce", "wu"; not "sorry", "looking", "upset").
pub(crate) fn name_word(w: &str) -> bool {
    const NOT_A_NAME: Words = words![
        "a", "an", "the", "not", "so", "very", "really", "just", "still", "here", "back", "also",
        "unable", "upset", "angry", "sorry", "sure", "fine", "good", "okay", "ok", "new", "in",
        "on", "at", "with", "from", "for", "to", "about", "your", "my",
    ];
    w.chars().all(|c| c.is_alphabetic())
        && !NOT_A_NAME.contains(w)
        && !w.ends_with("ing")
        && !w.ends_with("ed")
}

/// Whether a value follows the label `w` ("username: jwu36800", "my name is david"): the label
/// ends a word ("account no" is not inside "account now") and what follows is no function word
/// ("i forgot my username and …", "my username is not …" hand nothing over).
fn value_after(t: &str, w: &str) -> bool {
    const NOT_A_VALUE: Words = words![
        "and", "or", "but", "so", "because", "to", "for", "on", "in", "at", "of", "with", "is",
        "was", "are", "i", "it", "that", "this", "the", "a", "an", "now", "please", "either",
        "too", "also", "yet", "anymore", "then", "if", "as", "from", "by", "since", "right",
        "correct", "just", "not", "isn't", "wasn't", "again", "anywhere", "there", "here",
    ];
    t.match_indices(w).any(|(p, _)| {
        let rest = &t[p + w.len()..];
        let glued = w.ends_with(|c: char| c.is_ascii_alphanumeric())
            && rest.starts_with(|c: char| c.is_ascii_alphanumeric());
        let rest = rest.trim_start_matches([' ', ':', '：', '#', '-', '(', '+']);
        let rest = words!["is ", "was ", "would be "]
            .iter()
            .find_map(|x| rest.strip_prefix(x))
            .unwrap_or(rest)
            .trim_start_matches([' ', ':', '：']);
        let token: &str = rest
            .split(|c: char| c.is_whitespace() || matches!(c, ',' | '.' | '?' | '!' | '，' | '。'))
            .next()
            .unwrap_or("");
        !glued
            && token.chars().next().is_some_and(|c| c.is_alphanumeric())
            && !NOT_A_VALUE.contains(token)
    })
}

/// Customer words that say they do not have what was asked ("不知道", "I don't have that").
/// Whether a short reply could hand over `info`: numbers need a digit, an e-mail an @, a photo
/// an image; a name, username or title is any short reply that asks for nothing new
/// ("现在不想要了想退货" after "请提供订单号" is a new request, not the order number).
fn could_be(info: Info, t: &str, ma: &crate::analysis::MessageAnalysis) -> bool {
    let digit =
        t.chars().any(|c| c.is_ascii_digit()) || t.contains("数字") || t.contains("orderid_");
    // "[ORDERID_…]" after "您提供需要修改的订单号和公司的抬头和税号": the order, and nothing else.
    if info != Info::OrderId && only_order_ref(t) {
        return false;
    }
    match info {
        _ if info.is_number() => digit,
        // A thanks or a goodbye ("多谢啦") is no name, title, account or address, however short;
        // nor is an ok ("好的" to "那您给我公司名字和税号噢": they are about to send it).
        _ if contains_any(t, SAYS_DONE)
            || bare_ok(t)
            || winds_down(t) && letters(t).chars().count() <= 4 =>
        {
            digit
        }
        Info::Email => t.contains('@') || t.contains("email") || t.contains("邮箱"),
        Info::Photo => contains_any(
            t,
            words!["[图片]", "[image]", "[photo]", "图", "photo", "picture"],
        ),
        // An account id or username is one token ("normanb8", "abb5f9b2rt"), or named as one.
        Info::Account => {
            digit
                || !t.trim().contains(char::is_whitespace)
                || contains_any(t, words!["user", "account", "账号", "账户", "用户名"])
        }
        // An invoice title names an organisation or says 个人, or is a short name; "因为订单已经
        // 完成了，当时没有操作" explains and gives none.
        // "开公司的台头" asks for one.
        // "订单编号" after the order's number names what was sent, no title.
        Info::InvoiceTitle
            if words!["开", "要", "想", "需要", "我要"]
                .iter()
                .any(|w| t.starts_with(w))
                || contains_any(t, words!["订单", "编号", "单号"]) =>
        {
            false
        }
        Info::InvoiceTitle => {
            digit
                || contains_any(
                    t,
                    words![
                        "公司",
                        "有限",
                        "集团",
                        "厂",
                        "店",
                        "中心",
                        "个人",
                        "单位",
                        "学校",
                        "大学",
                        "医院",
                        "局",
                        "研究",
                        "事务所",
                        "工作室",
                        "组织机构",
                        "协会",
                        "银行",
                        "商行",
                        "部",
                    ],
                )
                || t.chars().count() <= 8 && !is_question(t)
        }
        // An address names a place ("[地址x]", 路, 小区…) or a number; "我再重新下单拍一个" gives
        // none.
        Info::Address if t.chars().any(crate::text::is_cjk) => {
            digit
                || contains_any(
                    t,
                    words![
                        "地址", "省", "市", "区", "县", "镇", "乡", "村", "路", "街", "道", "巷",
                        "弄", "号", "楼", "栋", "幢", "室", "单元", "小区", "大厦", "花园", "公寓",
                        "园", "苑", "公司", "学校",
                    ],
                )
        }
        // "不用这么麻烦吧", "就这个问题": no name.
        Info::Name
            if contains_any(
                t,
                words!["不用", "不要", "不是", "问题", "这么", "怎么", "什么"],
            ) =>
        {
            false
        }
        _ => {
            digit || ma.reading.intent.is_none_or(|x| !x.is_substantive()) || t.chars().count() <= 8
        }
    }
}

/// A value labelled as `x` ("zip code is 83181", "email: a@b.com"): one of its ask words with a
/// value after it (`value_after`); not the word inside a value ("jw161159@email.com" labels nothing).
fn labels(t: &str, x: Info) -> bool {
    x.ask_words().iter().any(|w| value_after(t, w))
}

/// A number of five digits or more standing alone, not right after a label's "is" or ":"
/// ("8310323014 jbanter1@…", not "zip code is 83181").
fn bare_number(t: &str) -> bool {
    let words: Vec<&str> = t.split([' ', ',']).filter(|w| !w.is_empty()).collect();
    words.iter().enumerate().any(|(k, w)| {
        let digits = w.trim_end_matches(['.', '!']);
        digits.len() >= 5
            && digits.chars().all(|c| c.is_ascii_digit())
            && (k == 0 || !(words[k - 1] == "is" || words[k - 1].ends_with(':')))
    })
}

/// "your zip code, phone number and email? two out of those three would do": once that many are
/// given, the rest of the list is not needed: known, not awaited nor asked for again.
fn enough_given(st: &mut State) {
    let Some(ask) = st.said.iter().rev().find(|s| s.kind == SaidKind::Asked) else {
        return;
    };
    let Some(n) = enough_of(&ask.words) else {
        return;
    };
    if ask.info.iter().filter(|i| st.given.contains(i)).count() < n {
        return;
    }
    let rest: Vec<Info> = ask
        .info
        .iter()
        .copied()
        .filter(|i| !st.given.contains(i) && !st.known.contains(i))
        .collect();
    st.awaited.retain(|i| !rest.contains(i));
    st.known.extend(rest);
}

/// How many of the things asked for will do ("two out of those three", "any 3 of the
/// following", "2 of those"), where the agent says so.
fn enough_of(t: &str) -> Option<usize> {
    const COUNTS: [(&str, usize); 4] = [("two", 2), ("2", 2), ("three", 3), ("3", 3)];
    const OF: Words = words![
        " of those",
        " out of",
        " of these",
        " of the following",
        " of them",
    ];
    COUNTS.iter().find_map(|(w, n)| {
        t.match_indices(w)
            .any(|(p, _)| OF.iter().any(|of| t[p + w.len()..].starts_with(of)))
            .then_some(*n)
    })
}

/// The agent's request lets the customer choose what to give: "your full name or account id",
/// "订单号或者手机号".
fn offers_a_choice(t: &str) -> bool {
    contains_any(t, words![" or ", "或者", "或"])
}

/// A bare "i don't" to "do you have your username?" ("i don't, sorry. would my phone number
/// do?"): the first sentence says no to having it, and nothing else.
/// "chloe zhang, email is chloez36@email.com the zip code is 92173": the details asked for, the
/// name first and unlabelled, before a comma.
fn leads_with_a_name(t: &str) -> bool {
    let Some((head, rest)) = t.split_once(',') else {
        return false;
    };
    let words: Vec<&str> = head.split_whitespace().collect();
    const NOT_NAMES: Words =
        words!["i", "my", "me", "yes", "no", "it", "ok", "okay", "sure", "hi", "hello", "thanks",];
    (2..=3).contains(&words.len())
        && words
            .iter()
            .all(|w| w.chars().all(|c| c.is_ascii_alphabetic()) && !NOT_NAMES.contains(w))
        && !rest.trim().is_empty()
}

fn says_i_do_not(t: &str) -> bool {
    let first = t.split(['.', '!', '?']).next().unwrap_or("");
    let words: Vec<&str> = first
        .split(|c: char| c.is_whitespace() || c == ',')
        .filter(|w| !w.is_empty() && !words!["no", "sorry", "unfortunately"].contains(w))
        .collect();
    matches!(
        words.as_slice(),
        ["i", "don't" | "dont" | "don’t"]
            | ["i", "do", "not"]
            | ["i", "don't" | "dont", "have", "it" | "that" | "one"]
    )
}

fn lacks(t: &str) -> bool {
    no_such(t)
        || cannot_find(t)
        || contains_any(
            t,
            words![
                "不知道",
                "忘了",
                "忘记",
                "不记得",
                // "我们现在还不确定开票信息".
                "不确定",
                // Has it but cannot send it ("发不了截图"): not given either.
                "发不了",
                "发不出",
                "传不了",
                "上传不了",
                "没法发",
                "粘贴不到",
                "can't send",
                "cannot send",
                "can't upload",
                "unable to send",
                "unable to upload",
                "don't have",
                "do not have",
                "not sure",
                "not entirely sure",
                "not really sure",
                "not certain",
                "don't know",
                "don't remember",
                "can't remember",
                "cannot remember",
                "can't recall",
                "don't recall",
                "can't find",
                "forgot",
                "no idea",
                "no clue",
            ],
        )
}

fn customer_message(
    conv: &Conversation,
    ma: &crate::analysis::MessageAnalysis,
    new_turn: bool,
    st: &mut State,
) {
    let i = ma.index as usize;
    let t = fold(&conv.messages[i].text);
    let awaited = st.awaited.len();
    let had_address = st.has(Info::Address);
    let labelled = gave_by_itself(&t, ma, st)
        || labels_the_number_before(conv, i, &t, st)
        || number_to_call_back_on(conv, i, &t, st);
    // What the agent asked for, handed over in a form read by itself (a phone number), or values
    // filled in like a form.
    let by_form = st.awaited.len() < awaited;
    let mut answer = answers_what_was_asked(&t, ma, new_turn, st);
    if by_form || labelled {
        answer.gave_awaited = true;
        // "订单取消了怎么还配送 咨询订单号:[…]": the card comes with a question of its own, and
        // the turn asks it rather than only handing something over.
        let asks_too = labelled && !by_form && ma.reading.question && !only_card_and_labels(&t);
        st.just_gave = !asks_too;
    }
    if !had_address && st.has(Info::Address) && ends_with_zip(&t) {
        give(st, Info::Zip);
    }
    // "46584" after "i also need zip, phone number and email": a bare zip, as asked.
    if !st.has(Info::Zip) && bare_zip(&t) && zip_asked(conv, st) {
        give(st, Info::Zip);
        answer.gave_awaited = true;
        st.just_gave = true;
    }
    stage_from_text(&t, st, true);
    yes_to_a_stage_question(conv, i, &t, st);
    no_to_a_purchase_question(conv, i, &t, st);
    no_to_the_agents_order(conv, i, &t, st);
    let handed_over = is_hand_over(&t, ma, &answer);
    // An order card or number alone before anything was asked asks nothing: the request is
    // still to come.
    // "by mail, please" / "purchase date: 2020-03-17" / "yes i have the receipt." to the agent's
    // question: a short English answer within the open request, not a new one (blind-judged: an
    // invoice offered for "receipt", an order change for "purchase date").
    // "could you tell me the reason?" · "the shirt arrived with a stain on it.": a reason given
    // when asked for one is an answer too, however long.
    // The turn's first message: "it should still be processing" / "i haven't received any
    // shipment notifications" both answer the question before the first.
    let first = (0..i)
        .rev()
        .take_while(|&k| conv.messages[k].role == Role::Customer)
        .last()
        .unwrap_or(i);
    let asked_reason = agent_before(conv, i)
        .is_some_and(|a| contains_any(&a, words!["the reason", "reason for", "why"]));
    // "what is the status of your shipment?" · "it was an order i just placed, so it should still
    // be processing" / "i haven't received any shipment notifications": the status read out for
    // the agent's next step, within the request, not a delivery question of its own.
    let asked_status = agent_before(conv, first).is_some_and(|a| {
        contains_any(
            &a,
            words![
                "shipping status",
                "status of your shipment",
                "status of the shipment",
                "status of your order",
            ],
        )
    });
    let short = t.split_whitespace().count() <= if asked_reason || asked_status { 14 } else { 6 };
    let answers_within = st.open.is_some()
        && t.is_ascii()
        && !ma.reading.question
        && short
        && !t.contains(" and ")
        && answers_agent_question(conv, if asked_status { first } else { i })
        && !agent_before(conv, i).is_some_and(|a| offers_help(&a));
    let intent = topic_of(&t, ma, handed_over, st)
        .filter(|_| st.open.is_some() || !only_order_ref(&t))
        .filter(|_| !answers_within && !names_what_was_asked(conv, i, &t, ma, st));
    let turn = Turn {
        conv,
        i,
        t: &t,
        ma,
        new_turn,
        handed_over,
        gave_awaited: answer.gave_awaited,
    };
    match intent {
        Some(topic) => request_named(&turn, topic, st),
        None => request_unnamed(&turn, st),
    }
}

/// "钱没收到" · "您是用什么支付的呢" · "白条": a word or two naming what the agent asked about
/// (what, which, how much) answers within the open request; it opens no request of its own (here
/// a payment one). Not an answer to a choice ("退货还是换货"), which may change the request, nor
/// to what the problem is.
fn names_what_was_asked(
    conv: &Conversation,
    i: usize,
    t: &str,
    ma: &crate::analysis::MessageAnalysis,
    st: &State,
) -> bool {
    st.open.is_some()
        && !ma.reading.question
        && letters(t).chars().count() <= 3
        && agent_before(conv, i).is_some_and(|a| {
            is_question(&a)
                && contains_any(&a, words!["什么", "哪", "几", "多少"])
                && !contains_any(&a, words!["还是", "问题", "帮您", "帮到"])
        })
}

/// One customer message as the request passes read it.
struct Turn<'c> {
    conv: &'c Conversation,
    i: usize,
    /// The message, folded.
    t: &'c str,
    ma: &'c crate::analysis::MessageAnalysis,
    new_turn: bool,
    handed_over: bool,
    gave_awaited: bool,
}

/// What a message hands over by its form alone: an order number, a photo, a labelled value.
/// True when it filled in labelled values: a hand-over, not a new request.
fn gave_by_itself(t: &str, ma: &crate::analysis::MessageAnalysis, st: &mut State) -> bool {
    gave_facts(&ma.facts, st);
    let labelled = labelled_values(t, st);
    if t.contains("orderid_")
        || (t.contains("订单编号") || t.contains("单号"))
            && (t.chars().any(|c| c.is_ascii_digit()) || t.contains("[数字x]"))
        || (contains_any(t, words!["order id", "order number", "order #"])
            && t.chars().filter(|c| c.is_ascii_digit()).count() >= 6)
    {
        give(st, Info::OrderId);
    }
    if names_its_order(t) {
        give(st, Info::OrderId);
    }
    // "the answer to my security question is livingston", "my pin is 4821"; a bare number right
    // after offering the PIN ("i do have my pin number. would that work?" · "788481").
    if contains_any(
        t,
        words![
            "security question is",
            "security answer is",
            "my pin is",
            "pin number is",
            "pin is ",
            "pin:",
        ],
    ) {
        give(st, Info::Pin);
    }
    // The anonymised corpora write a phone number as "[电话x]".
    if t.contains("[电话x]") {
        give(st, Info::Phone);
    }
    // "VB[数字x] 帮我查查好吗?": a JD waybill (VB, VC, VD and its number); the agent finds the
    // order from it.
    if words!["vb", "vc", "vd"].iter().any(|p| {
        t.match_indices(p).any(|(i, _)| {
            let before = t[..i].chars().next_back();
            let after = &t[i + p.len()..];
            before.is_none_or(|c| !c.is_ascii_alphanumeric())
                && (after.starts_with("[数字x]")
                    || after.chars().take_while(char::is_ascii_digit).count() >= 8)
        })
    }) {
        give(st, Info::Tracking);
        know(st, Info::OrderId);
    }
    if contains_any(
        t,
        words![
            "[图片]",
            "[image]",
            "[photo]",
            "照片发",
            "图片发",
            "截图发",
            "here is a photo",
            "attached a photo",
            "sent a photo",
            "sent you a picture",
        ],
    ) {
        give(st, Info::Photo);
    }
    labelled
}

/// "[数字x]" / "订单号": the customer's message before it was a number alone, and this one names
/// it (the order's number, handed over in two messages).
fn labels_the_number_before(conv: &Conversation, i: usize, t: &str, st: &mut State) -> bool {
    // "[数字x]" / "帮我跟进一下这个售后服务号可以吗": the next message points back at it, and so
    // does "[数字x]" / "这个订单我在我的订单里面怎么查不到了".
    let bare = letters(t);
    let label = matches!(
        bare.as_str(),
        "订单号" | "订单编号" | "订单号码" | "单号" | "是订单号" | "这是订单号" | "这个是订单号"
    ) || contains_any(
        t,
        words![
            "这个售后",
            "这个服务单",
            "这个服务号",
            "这个单号",
            "这个订单",
            "此订单",
            "该订单",
        ],
    ) && !contains_any(t, words!["查不到", "找不到", "看不到", "没有这个订单"]);
    let number_before = i
        .checked_sub(1)
        .and_then(|p| conv.messages.get(p))
        .is_some_and(|m| {
            let n = letters(&fold(&m.text));
            m.role == Role::Customer && number_alone(&n, 8)
        });
    if label && number_before {
        give(st, Info::OrderId);
    }
    // "帮我查询个订单" / "[数字x]": the number follows the request to look an order up.
    let bare_number = number_alone(&bare, 8);
    let asked_before = || {
        i.checked_sub(1)
            .and_then(|p| conv.messages.get(p))
            .is_some_and(|m| {
                m.role == Role::Customer
                    && contains_any(
                        &fold(&m.text),
                        words![
                            "查询个订单",
                            "查个订单",
                            "查一下订单",
                            "查下订单",
                            "查询订单",
                            "查询一下订单",
                            "订单号是",
                            "订单号如下"
                        ],
                    )
            })
    };
    // Given, though not handed over as asked: the look-up is the customer's own request.
    if bare_number && asked_before() {
        give(st, Info::OrderId);
    }
    // "[数字x]" / "是后面这个号码", "打这个电话": the number is the phone to reach the customer on.
    let phone_label = contains_any(t, words!["这个号码", "这个电话", "这个手机号"])
        && bare.chars().count() <= 8
        && !is_question(t);
    if phone_label && number_before {
        give(st, Info::Phone);
    }
    (label || phone_label) && number_before
}

/// A message's letters (`letters`) that are a number and nothing else: the corpora's masked
/// "[数字x]", or at least `min_digits` digits.
fn number_alone(letters: &str, min_digits: usize) -> bool {
    letters == "数字x" || letters.len() >= min_digits && letters.chars().all(|c| c.is_ascii_digit())
}

/// "方便留个号码吗 专员后期联系您" · "[数字x]": a number alone right after the agent asked for one to
/// call back on is the phone (the corpora mask it as a plain number), handed over as asked.
fn number_to_call_back_on(conv: &Conversation, i: usize, t: &str, st: &mut State) -> bool {
    let bare_number = number_alone(&letters(t), 7);
    let phone_asked = || {
        agent_before(conv, i).is_some_and(|a| {
            contains_any(&a, Info::Phone.ask_words())
                && !contains_any(&a, Info::OrderId.ask_words())
        })
    };
    if bare_number && !st.has(Info::Phone) && phone_asked() {
        give(st, Info::Phone);
        return true;
    }
    false
}

/// A number, then "这个订单" ("[数字x]，这个订单，物流退回的", "84123456789 这单"): the order's number.
fn names_its_order(t: &str) -> bool {
    words!["这个订单", "这单", "这个单"].iter().any(|w| {
        t.match_indices(w).any(|(p, _)| {
            let before =
                t[..p].trim_end_matches(|c: char| c.is_whitespace() || "，,:：".contains(c));
            before.ends_with("[数字x]")
                || before
                    .chars()
                    .rev()
                    .take_while(|c| c.is_ascii_digit())
                    .count()
                    >= 8
        })
    })
}

/// Values the customer fills in like a form ("邮寄地址:云南…，手机号码:138…", "email: a@b.c"): a
/// label, a colon, a value. A label without its colon ("我的手机号不对") hands nothing over.
fn labelled_values(t: &str, st: &mut State) -> bool {
    const LABELS: &[(Info, Words)] = &[
        (
            Info::OrderId,
            words!["订单编号", "订单号", "order id", "order number"],
        ),
        (
            Info::Phone,
            words![
                "手机号码",
                "手机号",
                "联系电话",
                "联系方式",
                "电话",
                "phone number",
                "phone",
            ],
        ),
        (
            Info::Address,
            words!["收货地址", "邮寄地址", "地址", "address"],
        ),
        (Info::Email, words!["邮箱", "email", "e-mail"]),
        (Info::Name, words!["姓名", "收件人", "full name", "name"]),
        (Info::TaxId, words!["税号"]),
        (Info::InvoiceTitle, words!["发票抬头", "抬头"]),
    ];
    let mut gave = false;
    for (info, labels) in LABELS {
        if labels.iter().any(|l| {
            t.match_indices(l).any(|(p, _)| {
                let rest = &t[p + l.len()..];
                // "税号[数字x]": a number right after its label, for a number that is only ever
                // typed for it (a phone number in a pasted notice hands nothing over).
                // "您订单编号[数字x]的事件已升级": a notice pasted, addressed to the customer.
                let notice = t[..p].ends_with('您') || t[..p].ends_with("您的");
                let value = rest.trim_start();
                let value_next = matches!(info, Info::TaxId | Info::OrderId)
                    && !notice
                    && (value.starts_with("[数字x]")
                        || value.chars().take_while(char::is_ascii_digit).count() >= 6);
                value_next
                    || rest.strip_prefix([':', '：']).is_some_and(|v| {
                        v.trim_start()
                            .chars()
                            .next()
                            .is_some_and(|c| !matches!(c, ',' | '，' | '。' | '.'))
                    })
            })
        }) {
            give(st, *info);
            gave = true;
        }
    }
    // "这个抬头我给你 [组织机构x]": the corpus's stand-in for a company name, said as the title.
    if t.contains("抬头") && t.contains("[组织机构x]") {
        give(st, Info::InvoiceTitle);
        gave = true;
    }
    gave || is_form_line(t)
}

/// A line of a form the customer fills in ("品类:运动户外", "发货地:福建晋江"): a short label, a colon,
/// a value, and no question. Its label names a field, not a request ("发货地" asks about no
/// shipping).
fn is_form_line(t: &str) -> bool {
    let t = t.trim();
    let Some((label, value)) = t.split_once([':', '：']) else {
        return false;
    };
    let label = label.trim();
    (1..=8).contains(&label.chars().count())
        && label.chars().all(|c| c.is_alphanumeric() || c == ' ')
        && !value.trim().is_empty()
        && !value.starts_with("//")
        && !t.contains(['?', '？', '吗'])
}

/// How a message answers what the agent asked for.
struct Answer {
    /// A short reply that hands over what was awaited.
    gave_awaited: bool,
    /// A hand-over by name ("my name is …", "account id: x1").
    named_answer: bool,
}

/// Whether the message hands over what the agent asked for, or says the customer lacks it; the
/// state's given, awaited and lacking information follow.
fn answers_what_was_asked(
    t: &str,
    ma: &crate::analysis::MessageAnalysis,
    new_turn: bool,
    st: &mut State,
) -> Answer {
    // What the agent asked for, handed over by name ("sure. my name is joyce wu and account # is
    // …"): an answer, however long, not a new request about accounts.
    // A message that is only such a hand-over ("account id: x1") is one unasked, too.
    let was_awaiting = !st.awaited.is_empty();
    let named_answer = handed_over_words(t, st) && (was_awaiting || only_a_few_words(t));
    if new_turn {
        st.just_gave = false;
    }
    // "订单上的联系方式能联系到您吗" / "可以的": a yes to the one on file gives it.
    let yes = |t: &str| {
        confirms(t)
            || matches!(
                letters(t).as_str(),
                "可以" | "可以的" | "能" | "能的" | "可以联系到" | "能联系到" | "ok" | "sure"
            )
    };
    let on_file_confirmed = !st.awaited.is_empty()
        && new_turn
        && yes(t)
        && !ma.reading.question
        && st
            .said
            .last()
            .is_some_and(|s| s.kind == SaidKind::Asked && checks_on_file(&s.words));
    // Any message of the turn may be it ("won't be able to pay until friday" / "rodriguez domingo").
    let gave_awaited = on_file_confirmed
        || !st.awaited.is_empty()
            && !only_stickers(t)
            && !lacks(t)
            && t.chars().count() <= 60
            && !ma.reading.question
            && st.awaited.iter().any(|x| could_be(*x, t, ma));
    if st.awaited.contains(&Info::Name)
        && t.is_ascii()
        && !ma.reading.question
        && leads_with_a_name(t)
    {
        give(st, Info::Name);
    }
    // "i do not have either of those", "i don't, sorry": what was asked for is not to be had; not
    // asked again. "i have the pin number and phone if that works": other details offered
    // instead say the same.
    let offers_instead = t.is_ascii()
        && contains_any(t, words!["if that works", "if that helps", "instead"])
        && !st.awaited.iter().any(|x| x.named_in(t));
    if !st.awaited.is_empty() && (lacks(t) || says_i_do_not(t) || offers_instead) {
        let lacked = std::mem::take(&mut st.awaited);
        st.lacking.extend(lacked);
    } else if st.awaited.is_empty() && new_turn && (lacks(t) || says_i_do_not(t)) {
        // "would you give me your email" · "please" · "sir?" · "i do not have that information":
        // the agent's nudges ended the wait, not the question; the last thing asked is lacking.
        if let Some(asked) = st.said.iter().rev().find(|s| s.kind == SaidKind::Asked) {
            let lacked: Vec<Info> = asked
                .info
                .iter()
                .copied()
                .filter(|i| !st.given.contains(i) && !st.lacking.contains(i))
                .collect();
            st.lacking.extend(lacked);
        }
    }
    // "当时就领了个卡，也查不到订单", "付了钱没有订单啊": there is no order number to give.
    if contains_any(
        t,
        words![
            "查不到订单",
            "找不到订单",
            "没有订单",
            "订单查不到",
            "订单找不到",
            "订单也查不到",
            "没订单",
            "订单号找不到",
            "订单号查不到",
            "订单号忘了",
            "忘了订单号",
            "忘记订单号",
            "订单号不知道",
            "不知道订单号",
            // Asks where to find it: not at hand either.
            "订单号在哪",
            "哪里看订单号",
            "哪里找订单号",
            "怎么看订单号",
            "怎么查订单号",
            "订单号怎么看",
            "订单号怎么查",
        ],
    ) && !st.has(Info::OrderId)
        && !st.lacking.contains(&Info::OrderId)
    {
        st.lacking.push(Info::OrderId);
    }
    // "i'm not entirely sure what my account id is", after the name answered "name or account
    // id": the one they name is not to be had either.
    if lacks(t) {
        for i in Info::ALL {
            if i.named_in(t) && !st.lacking.contains(&i) && !st.given.contains(&i) {
                st.lacking.push(i);
            }
        }
    }
    // Only what this message could hold: "chloe zhang" after "your full name, order id and
    // account id?" gives the name; the order and account ids are still awaited.
    if gave_awaited {
        // "your full name or account id?": one of them answers it, and the customer is found.
        let either = st
            .said
            .last()
            .is_some_and(|s| s.kind == SaidKind::Asked && offers_a_choice(&s.words));
        // "zip code is 83181", "my email address is jw161159@…": a value labelled as one thing is
        // not a number the agent asked for under another name.
        let english = !t.chars().any(crate::text::is_cjk);
        let labelled: Vec<Info> = Info::ALL
            .iter()
            .copied()
            .filter(|x| english && labels(t, *x))
            .collect();
        // "8310323014 jbanter1@email.com user name is jbanter1": a bare number beside the
        // labelled values may still be the one asked for.
        let bare_number = bare_number(t);
        let unlabelled = |x: &Info| {
            x.is_number() && !labelled.is_empty() && !labelled.contains(x) && !bare_number
        };
        let (got, still): (Vec<Info>, Vec<Info>) = std::mem::take(&mut st.awaited)
            .into_iter()
            .partition(|x| either || on_file_confirmed || could_be(*x, t, ma) && !unlabelled(x));
        for x in got {
            give(st, x);
        }
        st.awaited = still;
    }
    enough_given(st);
    // "[数字x]" after "请您提供下商品的商品编码": what was asked for, by whatever name.
    // It looks like data: a number or code, a labelled value ("商家ID:…"), a pasted stand-in;
    // "这里吗 / 可以" asks and agrees, and gives nothing.
    let looks_like_data = t.chars().any(|c| c.is_ascii_digit())
        || contains_any(t, words!["[", ":", "：", "数字"])
        || t.chars().filter(|c| c.is_ascii_alphanumeric()).count() >= 4;
    let gave_other = st.awaits_other
        && looks_like_data
        && !ma.reading.question
        && !is_question(t)
        && !only_stickers(t)
        && !lacks(t)
        && !winds_down(t)
        && !bare_ok(t)
        && t.chars().count() <= 40;
    if gave_other {
        st.awaits_other = false;
    }
    // "username: sanyaa43", asked for or not: a hand-over, the turn's words name no problem.
    if gave_awaited || named_answer || gave_other {
        st.just_gave = true;
    }
    Answer {
        gave_awaited,
        named_answer,
    }
}

/// The agent asks whether what is on file will do ("订单上的联系方式能联系到您吗", "还是这个手机号吗",
/// "is the number on the account still good?"): a yes hands it over.
fn checks_on_file(t: &str) -> bool {
    is_question(t)
        && contains_any(
            t,
            words![
                "订单上的",
                "能联系到您",
                "还是这个",
                "是这个手机",
                "是这个电话",
                // "手机号码[电话x]这个是您的号码吗": the number on file, read out to be confirmed.
                "是您的号码",
                "是您的手机",
                "是您的电话",
                "号码对吗",
                // "[姓名x][数字x]您联系方式是这个对吗".
                "联系方式是这个",
                "电话是这个",
                "号码是这个",
                "是这个号码",
                "是这个联系方式",
                "on file",
                "on the account",
                "still good",
            ],
        )
}

/// A message about identification, not a new request: it hands over what was asked ("account
/// id: x1", perhaps asking "is that right?"), says the customer does not have it ("i'm not
/// entirely sure what my account id is") or offers other details instead ("would my phone
/// number or address be sufficient?").
fn is_hand_over(t: &str, ma: &crate::analysis::MessageAnalysis, answer: &Answer) -> bool {
    let names_info = || Info::ALL.iter().any(|i| i.named_in(t));
    let said_lacking = lacks(t) && names_info();
    let offers_other = contains_any(
        t,
        words![
            "sufficient",
            "be enough",
            "work instead",
            "instead?",
            "can i give you",
            "could i give you",
        ],
    ) && names_info();
    let gave = answer.gave_awaited
        || answer.named_answer
        || ma.facts.iter().any(|f| {
            !matches!(
                f.kind,
                FactKind::Duration | FactKind::Date | FactKind::Product
            )
        });
    gave && (!ma.reading.question || only_checks_itself(t))
        || said_lacking && !ma.reading.question
        || offers_other
}

/// The topic a message names, read in the light of the conversation: a hand-over names none
/// once a request is open, and a few words change what the analyzer's intent is about.
fn topic_of(
    t: &str,
    ma: &crate::analysis::MessageAnalysis,
    handed_over: bool,
    st: &State,
) -> Option<Intent> {
    let intent = ma
        .reading
        .intent
        .filter(|x| x.is_substantive() && !(handed_over && st.open.is_some()));
    // "刚才收到退款了", "已评价": what came or was done is no request. Nor is an answer taken
    // ("ok. that is the button color i wanted!").
    if reports_resolution(t) || t.is_ascii() && takes_the_answer_en(t) {
        return None;
    }
    match (intent, agent_topic(t)) {
        // "退款什么时候能到": the words of arrival read as a parcel question, but the thing that
        // is to arrive is the refund. A named refund, return, exchange, invoice or repair is the
        // topic.
        (Some(Intent::Logistics), Some(named))
            if matches!(
                named,
                Intent::Refund
                    | Intent::Return
                    | Intent::Exchange
                    | Intent::Invoice
                    | Intent::Warranty
            ) =>
        {
            Some(named)
        }
        // "不送我就申请退款": a threat on a condition; the customer still waits for the delivery.
        (Some(Intent::Refund | Intent::Return | Intent::Complaint), _)
            if st.open.is_some() && conditional(t) =>
        {
            None
        }
        // "把这张普通发票取消，给我开专票": what is cancelled is the invoice.
        (Some(Intent::Cancellation), _)
            if contains_any(
                t,
                words![
                    "发票",
                    "专票",
                    "普票",
                    "专用票",
                    "普通票",
                    "增值税票",
                    "invoice",
                ],
            ) =>
        {
            Some(Intent::Invoice)
        }
        // "会不会好贵呀" after "寄回售后检测报价维修": what the repair costs, not the price of goods.
        (Some(Intent::Price), _) if repair_in_view(st) && !contains_any(t, PRICE_OWN) => {
            Some(Intent::Warranty)
        }
        // "想退款，我要承担什么费用": what sending it back costs is the return's shipping fee.
        (Some(Intent::Refund), _)
            if contains_any(
                t,
                words!["运费", "邮费", "快递费", "承担什么费用", "什么费用"],
            ) && !money_back(t) =>
        {
            Some(Intent::Return)
        }
        // "是退回原支付卡吗", "我没收到款": where the money goes, or that it has not come, is the
        // refund, whatever word of returning or arriving carries it.
        (Some(Intent::Return | Intent::Logistics | Intent::Account) | None, _) if money_back(t) => {
            Some(Intent::Refund)
        }
        // "我白条支付的 / 但是已经还款了" while a refund waits: how it was paid is part of the
        // refund, not a payment problem.
        (Some(Intent::Payment), _)
            if (st.open.as_ref().is_some_and(|o| {
                matches!(
                    o.topic,
                    Intent::Refund
                        | Intent::Return
                        | Intent::Cancellation
                        | Intent::Warranty
                        | Intent::Exchange
                )
            }) || st
                .said
                .last()
                .is_some_and(|s| s.topic == Some(Intent::Refund)))
                && !st
                    .said
                    .last()
                    .is_some_and(|s| contains_any(&s.words, words!["支付", "付款"]))
                && contains_any(t, PAID_WITH)
                && !contains_any(
                    t,
                    words![
                        "付不了",
                        "支付失败",
                        "付款失败",
                        "没法付",
                        "付不成",
                        "扣款",
                        "扣了",
                    ],
                ) =>
        {
            Some(Intent::Refund)
        }
        (Some(Intent::Logistics), None) if money_not_seen(t, st) => Some(Intent::Refund),
        // "那你帮我催下啊" while a cancellation or refund waits: what is urged is what is open.
        (Some(Intent::Logistics), None) if bare_urge(t) => st
            .open
            .as_ref()
            .map(|o| o.topic)
            .filter(|&o| o != Intent::Logistics && o.is_substantive())
            .or(Some(Intent::Logistics)),
        // "取消了你们又说能开在一起": a cancellation already done is what happened, not a request.
        (Some(Intent::Cancellation), Some(_)) if cancelled_already(t) => None,
        // "我买的手机已经申请了退货服务，想取消": what is cancelled is the return applied for, not
        // the order.
        (Some(Intent::Cancellation), _) if cancels_an_application(t) => {
            Some(if contains_any(t, words!["维修", "返修", "售后"]) {
                Intent::Warranty
            } else if contains_any(t, words!["换货"]) {
                Intent::Exchange
            } else if contains_any(t, words!["退款"]) && !contains_any(t, words!["退货"]) {
                Intent::Refund
            } else {
                Intent::Return
            })
        }
        // "i was thinking about making a purchase": why they ask, before buying; no order to change.
        (Some(Intent::OrderChange), _) if before_buying(t) => None,
        // "the search bar is broken": what is broken is the website, not a product.
        (Some(Intent::Complaint), _) if site_trouble(t) => Some(Intent::Other),
        // "i want to search on your site, but it's broken", "i am trying to place an order and
        // the website is running really slow": the website's trouble, not a repair or a change.
        (Some(Intent::Warranty | Intent::OrderChange), _) if site_broken(t) => Some(Intent::Other),
        // "hi the website is running really slow" / "its not working at this speed": told about
        // the website first, the rest of the trouble is the website's too.
        (Some(Intent::Complaint | Intent::Warranty), _) if site_open(st) && !names_an_item(t) => {
            Some(Intent::Other)
        }
        // "hello, any agent??": a ping while waiting, not a request for a person.
        (Some(Intent::HumanAgent), _) if pings_for_anyone(t) => None,
        // "my cart won't update when i add the item": the website's trouble, not a change to an
        // order (there is none yet).
        (Some(Intent::OrderChange), _) if cart_trouble(t) => Some(Intent::Other),
        // "我地址好像搞错了": the address and what is wrong with it, with words between.
        // "我这个订单选错地址了 寄到北京去了": the address to put right, though it goes on to say
        // where the parcel goes.
        (None | Some(Intent::ProductQuestion | Intent::Other | Intent::Logistics), _)
            if address_to_fix(t) =>
        {
            Some(Intent::AddressChange)
        }
        (i, _) => i,
    }
}

/// What a customer paid with: said during a refund, it says where the money goes back.
const PAID_WITH: Words = words![
    "白条",
    "花呗",
    "分期",
    "信用卡",
    "微信",
    "支付宝",
    "银行卡",
    "储蓄卡",
    "余额",
    "还款",
    // "是京东快捷支付的", "网银付的".
    "快捷支付",
    "网银",
    "云闪付",
];

/// The customer reports that what they waited for came or that they did it ("刚才收到退款了", "钱已经
///到了", "已评价"), asking nothing.
pub(crate) fn reports_resolution(t: &str) -> bool {
    // "我之前申请的退款问题解决了": the problem told as settled.
    (contains_any(t, REFUND_CAME)
        || contains_any(
            t,
            words![
                "已评价",
                "已经评价",
                "评价过了",
                "问题解决了",
                "已经解决了",
                "处理好了"
            ],
        ))
        && !contains_any(t, words!["没", "不", "吗", "嘛", "么", "?", "？", "怎么"])
}

/// An urging that names no parcel ("帮我催下啊", "催一下"): it urges whatever is open.
fn bare_urge(t: &str) -> bool {
    t.contains('催')
        && !contains_any(
            t,
            words![
                "快递", "物流", "发货", "配送", "送货", "到货", "包裹", "派送", "出库", "送",
            ],
        )
}

/// Words of a price question that are about the goods' price whatever else is in view.
const PRICE_OWN: Words = words![
    "价保",
    "保价",
    "降价",
    "差价",
    "优惠",
    "券",
    "活动",
    "便宜了",
];

/// A repair is what the chat is about: the open request is one, or the agent's last answer speaks
/// of repairing, inspection or a quote for it.
fn repair_in_view(st: &State) -> bool {
    st.open
        .as_ref()
        .is_some_and(|o| o.topic == Intent::Warranty)
        || st.said.last().is_some_and(|s| {
            contains_any(&s.words, words!["维修", "检测", "报价", "售后", "repair"])
        })
}

/// The way refunded money goes or that it has not come: "退回原支付卡", "原路退回", "退到余额",
/// "我没收到款", "钱没退".
fn money_back(t: &str) -> bool {
    contains_any(
        t,
        words![
            "原支付",
            "支付卡",
            "原路",
            "退到余额",
            "退回余额",
            "退余额",
            "退到卡",
            "退回卡",
            "收到款",
            "钱怎么处理",
            "钱怎么退",
            "钱退到哪",
            "钱怎么算",
            "钱没退",
            "款没退",
            "款还没退",
            "钱没有退",
            "款没有退",
            "没退钱",
            "款没到",
            "钱没到",
            "没有退钱",
            "还没退钱",
            "钱还没退",
            "退款没到",
            "退款还没到",
            "没收到退款",
            // "是退到我的余额么 / 还是原始账户呢".
            "退到我的",
            "退回我的",
            "原始账户",
            "原账户",
        ],
    )
}

/// "没收到呢" once a refund is made or under way: the money has not come, not a parcel (which a
/// longer message would name).
fn money_not_seen(t: &str, st: &State) -> bool {
    matches!(st.stage, Some(Stage::Refunded | Stage::RefundApplied))
        && letters(t).chars().count() <= 8
        && contains_any(t, words!["没收到", "没到", "没看到", "没有收到", "没有到"])
        && !contains_any(
            t,
            words!["快递", "包裹", "货", "物流", "东西", "商品", "件"],
        )
}

/// The shopping cart misbehaves ("the cart is not updating", "my cart wont update").
fn cart_trouble(t: &str) -> bool {
    t.contains("cart")
        && contains_any(
            t,
            words![
                "not ", "won't", "wont", "isn't", "doesn't", "didn't", "can't", "keeps", "empty",
                "error", "stuck",
            ],
        )
}

/// "i was thinking about making a purchase", "i want to buy some stuff": no order yet.
fn before_buying(t: &str) -> bool {
    contains_any(
        t,
        words![
            "thinking about making a purchase",
            "thinking about buying",
            "thinking of buying",
            "thinking about ordering",
            "planning to buy",
            "planning on buying",
            "want to buy",
            "going to buy",
            "before i buy",
            "before buying",
        ],
    )
}

/// The website named, and something wrong with it: slow, broken, not loading.
fn site_broken(t: &str) -> bool {
    site_trouble(t)
        && contains_any(
            t,
            words![
                "slow",
                "broken",
                "not working",
                "isn't working",
                "doesn't work",
                "won't load",
                "not loading",
                "spinning",
                "error",
                "crash",
                "freez",
                "stuck",
                "is down",
            ],
        )
}

/// The open request is trouble with the website ("the website is running really slow").
fn site_open(st: &State) -> bool {
    st.open
        .as_ref()
        .is_some_and(|o| o.topic == Intent::Other && site_broken(&o.words))
}

/// "hello, any agent??", "anyone there?": a short ping to see whether someone answers.
fn pings_for_anyone(t: &str) -> bool {
    t.split_whitespace().count() <= 5
        && contains_any(
            t,
            words![
                "any agent",
                "agent there",
                "anyone there",
                "anybody there",
                "someone there",
            ],
        )
}

/// A complaint about the shop's website or app ("the search bar is broken", "网页打不开"), not
/// about a product received.
fn site_trouble(t: &str) -> bool {
    contains_any(
        t,
        words![
            "search bar",
            "search results",
            "the website",
            "your website",
            "the site",
            "your site",
            "the page",
            "checkout",
            "the app",
            "your app",
            "网页",
            "页面",
            "搜索",
        ],
    ) && !names_an_item(t)
}

/// "the item", "jacket", "damaged": the message is about a product, not the website.
fn names_an_item(t: &str) -> bool {
    contains_any(
        t,
        words![
            "the item",
            "my item",
            "this item",
            "items i",
            "jacket",
            "shirt",
            "jeans",
            "shoes",
            "dress",
            "package",
            "parcel",
            "quality",
            "damaged",
            "ripped",
            "torn",
            "stain",
            "商品",
            "质量",
            "东西",
            "衣服",
        ],
    )
}

/// A message that names a topic: the same request asked again or followed up, a vague follow-up
/// within the turn, or a new request.
fn request_named(turn: &Turn, topic: Intent, st: &mut State) {
    let Turn {
        conv,
        i,
        t,
        ma,
        new_turn,
        ..
    } = *turn;
    match st.open.as_mut() {
        Some(o) if o.topic == topic || o.topic == Intent::Other => {
            if new_turn && o.latest_index < ma.index {
                same_request_again(conv, o, &conv.messages[i].text, t, ma);
            } else if ma.reading.question || reasks(t) || similar_to_quote(&o.quote, t) {
                // Later in the same turn ("两天了 / 还没发货"): asked in this turn all the same.
                o.asked_index = ma.index;
            }
            o.topic = topic;
            o.latest_index = ma.index;
            o.answered = false;
            o.words = bounded(format!("{} {t}", o.words));
            if o.ask.is_none() {
                o.ask = ask_of(t);
            }
        }
        // Within one turn, a vague question ("可以改下嘛", read as a product question) does not
        // replace the topic an earlier message of the turn named ("我地址好像搞错了"); nor, in a
        // later turn, a short one while that request still waits ("发票错了" … "能修改吗").
        Some(o)
            if topic == Intent::ProductQuestion
                && (!new_turn
                    || !o.answered && substance(t) <= 6 && o.topic != Intent::HumanAgent)
                && o.topic.is_substantive() =>
        {
            o.latest_index = ma.index
        }
        // "I messed up my password… can you fix it": a short follow-up about "it" asks for the
        // topic the turn already named.
        Some(o) if !new_turn && o.topic.is_substantive() && refers_back(t) => {
            o.latest_index = ma.index;
            o.answered = false;
        }
        // "i'd like to make a return" / "i just don't want it anymore": the reason for the return,
        // not a cancellation, unless the customer says cancel.
        Some(o)
            if o.topic == Intent::Return
                && topic == Intent::Cancellation
                && !contains_any(t, words!["cancel", "取消", "撤销", "不要发"]) =>
        {
            o.latest_index = ma.index;
            o.answered = false;
            o.words = bounded(format!("{} {t}", o.words));
        }
        // "再不处理我就给差评，还要投诉到12315" after "退款什么时候到账": a threat or an outburst over
        // the open request is pressure on it, not a new request; a late refund with a threat is
        // still a refund question.
        Some(o) if topic == Intent::Complaint && presses(o, ma) && !moved_on(conv, i, o) => {
            o.latest_index = ma.index;
            o.answered = false;
        }
        _ => st.open = Some(open_request(conv, i, topic, t)),
    }
}

/// A complaint message that threatens or vents without a question of its own, while another
/// request is open.
fn presses(o: &OpenRequest, ma: &crate::analysis::MessageAnalysis) -> bool {
    let r = &ma.reading;
    o.topic.is_substantive()
        && o.topic != Intent::Complaint
        && !r.question
        // Not a fault merely blamed on the shop ("还是你们的流程有问题": a faint anger), which is a
        // complaint of its own.
        && (r.emotion(CueKind::Threat) > 0.0
            || r.emotion(CueKind::Anger) >= crate::kinds::CLEARLY_FELT)
}

/// The request was answered and the agent asked "anything else?" before this message: an outburst
/// now ("京东服务不能相信，我以后少来这买东西") is about the whole experience, a complaint of its own,
/// not pressure on the answered question.
fn moved_on(conv: &Conversation, i: usize, o: &OpenRequest) -> bool {
    o.answered && last_agent_before(conv, i).is_some_and(|t| asks_anything_else(&t))
}

/// Anger, distrust, disappointment or a threat, stated rather than asked.
fn vents(ma: &crate::analysis::MessageAnalysis) -> bool {
    let r = &ma.reading;
    [
        CueKind::Anger,
        CueKind::Distrust,
        CueKind::Disappointment,
        CueKind::Threat,
    ]
    .into_iter()
    .any(|k| r.emotion(k) > 0.0)
}

/// A new turn on the open request's topic: asked again (similar words, or "还/到底/again"), or a
/// follow-up question that becomes the one quoted.
fn same_request_again(
    conv: &Conversation,
    o: &mut OpenRequest,
    text: &str,
    t: &str,
    ma: &crate::analysis::MessageAnalysis,
) {
    // What came before was no question ("it says delivered."): this one is the first, not a
    // second asking.
    let similar = similar_to_quote(&o.quote, t);
    let first_question = ma.reading.question
        && o.ask.is_none()
        && !o.quote.contains(['?', '？', '吗', '呢'])
        && !similar;
    // "那我申请退款可以吗" / "要是比较着急可以申请呢" / "在那申请退款呢?": once answered, a question
    // of the same words asking something else (where, not whether) follows the answer up, unless
    // it presses ("when will it ship? I'm still waiting").
    let follows_up = o.answered
        && ma.reading.question
        && !reasks(t)
        && ask_of(t).is_some_and(|a| o.ask.is_some_and(|b| a != b));
    if !first_question
        && !follows_up
        && (similar || reasks_after(t, o.answered))
        && !only_invited(conv, o.asked_index, ma.index)
    {
        o.times += 1;
        o.asked_index = ma.index;
        o.reasked_index = Some(ma.index);
        o.asked_after_answer |= o.answered;
        // A quick-menu button ("京东快递(移动端)") named the topic; the customer's own words say
        // what they ask.
        if is_menu_label(&o.quote) {
            o.quote = excerpt(text, 30);
        }
        // Asked again, more pointedly ("when will the replacement ship?" after "can I get a
        // replacement?"): the specific question is now the later one.
        if ma.reading.question {
            o.ask = ask_of(t).or(o.ask);
            // Its words are the request's too: "when will the replacement ship?" asks about the
            // replacement's shipping, whatever the next message says.
            if t.is_ascii() {
                o.words.push(' ');
                o.words.push_str(t);
            }
        }
    } else if ma.reading.question {
        // Another question of the topic: asked once so far (the same one, said again to an
        // agent who only greeted, keeps its count).
        o.asked_index = ma.index;
        o.quote = excerpt(text, 30);
        o.ask = ask_of(t).or(o.ask);
        // "能不能啊" presses the same question; a question with words of its own is another.
        if !similar && letters(&content(t)).chars().count() >= 3 {
            o.times = 1;
            o.reasked_index = None;
        }
    }
}

/// Between the customer's asking and now, the agent only greeted and invited ("您好，请问有什么
/// 可以帮您?"): saying the request again answers that invitation; it is no second asking.
fn only_invited(conv: &Conversation, asked: u32, now: u32) -> bool {
    let mut agent = conv
        .messages
        .get(asked as usize + 1..now as usize)
        .unwrap_or(&[])
        .iter()
        .filter(|m| m.role == Role::Agent)
        .peekable();
    agent.peek().is_some()
        && agent.all(|m| {
            let t = fold(&m.text);
            substance(&t) == 0 || invites_the_request(&t) && !asks_anything_else(&t)
        })
}

/// The agent invites the customer to say what they need ("您好，请问有什么可以帮您?", "how can i
/// help").
pub(crate) fn invites_the_request(t: &str) -> bool {
    contains_any(
        t,
        words![
            "有什么可以帮",
            "有什么问题",
            "请问有什么",
            "有什么需要",
            "how can i help",
            "how may i help",
            "what can i do for you",
            "how can i assist",
        ],
    )
}

/// A console's quick-menu button the customer clicked ("订单业务咨询", "京东快递(移动端)",
/// "请选择咨询订单"): it names a topic, not the question.
pub(crate) fn is_menu_label(t: &str) -> bool {
    let t = t.trim().lower();
    t.contains("请选择咨询订单")
        || t.contains("请选择咨询商品")
        || (t.ends_with("咨询") && t.chars().count() <= 10)
        || words!["(移动端)", "（移动端）", "(pc端)", "（pc端）"]
            .iter()
            .any(|e| t.ends_with(e))
}

/// "咨询订单号:[ORDERID_…] 商品ID:[数字x] 订单业务咨询": the console's order card and menu
/// buttons, and no words of the customer's own yet (folded text).
pub(crate) fn only_card_and_labels(t: &str) -> bool {
    let rest: Vec<&str> = t.split_whitespace().filter(|p| !is_menu_label(p)).collect();
    !rest.is_empty() && only_order_ref(&rest.join(""))
}

/// A message that names no topic: a nudge or question about the open request, a new question
/// after a person took over, or what the customer came for when nothing is open yet.
fn request_unnamed(turn: &Turn, st: &mut State) {
    let Turn {
        conv,
        i,
        t,
        ma,
        new_turn,
        handed_over,
        gave_awaited,
    } = *turn;
    let nudge = is_nudge(t);
    // "还没发货" presses the open request in this turn, whichever branch below reads it.
    if let Some(o) = st.open.as_mut().filter(|_| !nudge && reasks(t)) {
        o.asked_index = ma.index;
    }
    // "我的火车票可以退订吗，日期错了": a clause that asks makes the message a question.
    let question = ma.reading.question || t.split([',', '，', '。', ';', '；']).any(is_question);
    match st.open.as_mut() {
        // After "转人工" was answered by a person, a new question ("我的问题处理好了没") is what
        // the customer now waits for, not the human again.
        Some(o) if o.topic == Intent::HumanAgent && o.answered && question && !nudge => {
            st.open = Some(open_request(conv, i, Intent::Other, t))
        }
        // "人工客服在吗" … "直接就给取消了": what happened, told after asking for a person, is
        // what the customer now waits on, though it names no topic Duxin knows.
        Some(o)
            if o.topic == Intent::HumanAgent
                && !nudge
                && !gave_awaited
                && !handed_over
                && substance(t) >= 4
                && !is_ack(t)
                && !question
                && !asks_something(t)
                && !(new_turn && answers_agent_question(conv, i)) =>
        {
            st.open = Some(open_request(conv, i, Intent::Other, t))
        }
        // "在吗" right after the agent's "anything else?": the customer has something more to
        // say, not the answered question again.
        Some(_) if nudge && pings_after_offer(conv, i) => {}
        // "不用了哈，我找到客服了": the customer withdraws the request; nothing is owed on it.
        Some(o) if withdraws(t) => {
            o.answered = true;
            st.holding = false;
        }
        Some(o) if nudge || (question && !gave_awaited) => {
            // "??", "在吗", "you there?": still waiting for the same thing.
            if new_turn
                && !nudge
                && (similar_to_quote(&o.quote, t) || reasks_after(t, o.answered))
                && !only_invited(conv, o.asked_index, ma.index)
            {
                o.times += 1;
                o.asked_index = ma.index;
                o.reasked_index = Some(ma.index);
                o.asked_after_answer |= o.answered;
            }
            if nudge && new_turn && o.answered {
                o.asked_after_answer = true;
            }
            if question && !nudge {
                o.asked_index = ma.index;
                pointed_follow_up(o, &conv.messages[i].text, t);
            }
            o.latest_index = ma.index;
            o.answered = false;
        }
        // "so do you want to reset your two factor authentication?" / "yes": the customer takes
        // the agent's reading of what they need; that is the request now.
        Some(o) if new_turn && confirms(t) => {
            let reframes = |a: &String| {
                contains_any(
                    a,
                    words![
                        "do you want to",
                        "would you like to",
                        "are you trying to",
                        "you want to",
                        // "so you would like to initiate a refund?"
                        "you would like to",
                        "you'd like to",
                        "您是要",
                        "您是想",
                        "您的意思是",
                    ],
                )
            };
            // "…a refund?>": a stray key after the question mark.
            let reading = agent_before(conv, i)
                .filter(|a| (is_question(a) || a.is_ascii() && a.contains('?')) && reframes(a))
                .and_then(|a| agent_topic(&a).map(|topic| (topic, a)));
            // The agent's reading is the request's own words now, within its topic too ("can't
            // log in" narrowed to "reset your two factor authentication"): the answer follows it.
            if let Some((topic, words)) = reading {
                o.topic = topic;
                o.words = bounded(words);
                o.answered = false;
            }
        }
        // "京东服务不能相信" after the answer and "anything else?": a complaint of its own.
        Some(o) if !question && !nudge && vents(ma) && moved_on(conv, i, o) => {
            st.open = Some(open_request(conv, i, Intent::Complaint, t))
        }
        // No named topic yet: a question, or a statement that says what the customer came for.
        None if !nudge && !handed_over && (question || says_what_they_came_for(t, ma)) => {
            st.open = Some(open_request(conv, i, Intent::Other, t))
        }
        // "退费用 / 我重新下单了，所以把拒收了一份": a statement later in the turn that opened the
        // request tells its case, so an answer for that case (拒收) is named.
        Some(o) if !new_turn && !nudge && !handed_over && o.first_index < ma.index => {
            o.words = bounded(format!("{} {t}", o.words));
        }
        _ => {}
    }
}

/// "什么时候改好呀?" after "发票怎么是个人呢?": a question that asks when, where or how much about
/// the open request is now the one quoted, so asking it again counts. A bare yes/no or "how"
/// ("看到了吗", "怎么操作") says less than the request it follows and leaves the quote alone.
fn pointed_follow_up(o: &mut OpenRequest, text: &str, t: &str) {
    let pointed = |a: &Ask| matches!(a, Ask::When | Ask::Where | Ask::HowMuch);
    // In English the question opens with its word: "when i placed the order i forgot…" asks no
    // "when".
    let english_lead = || {
        let mut w = t.split_whitespace();
        match (w.next(), w.next()) {
            (Some("when" | "where"), Some(aux)) => {
                words!["will", "is", "are", "do", "does", "can", "would", "should", "did",]
                    .contains(aux)
            }
            (Some("how"), Some("long" | "much" | "soon")) => true,
            _ => false,
        }
    };
    let shaped = t.chars().any(crate::text::is_cjk) || english_lead();
    if let Some(ask) = ask_of(t).filter(|a| shaped && pointed(a) && o.ask != Some(*a)) {
        o.ask = Some(ask);
        o.quote = excerpt(text, 30);
    }
}

/// "did you initiate the refund already?" / "i did": the yes says what the question named (the
/// refund asked for, the parcel received).
fn yes_to_a_stage_question(conv: &Conversation, i: usize, t: &str, st: &mut State) {
    let yes = confirms(t)
        || words!["i did", "i have", "yes i did", "申请了", "收到了"].contains(t.trim());
    if !yes {
        return;
    }
    let asked = last_agent_before(conv, i).filter(|q| q.contains(['?', '？', '吗']));
    if let Some(q) = asked {
        stage_from_text(&q.replace(['?', '？', '吗'], ""), st, true);
    }
}

/// "是已经购买了吗" · "没，想先了解": not bought yet, so nothing is under way to apply for or look up.
fn no_to_a_purchase_question(conv: &Conversation, i: usize, t: &str, st: &mut State) {
    // Read on every customer message: no allocation before the cheap test fails.
    let start = t.trim_start_matches(|c: char| c.is_whitespace() || "，,。.!！~".contains(c));
    let no = words!["没", "还没", "不是"]
        .iter()
        .any(|w| start.starts_with(w));
    let asked = || {
        last_agent_before(conv, i).is_some_and(|q| {
            is_question(&q)
                && contains_any(
                    &q,
                    words![
                        "已经购买",
                        "已经下单",
                        "已经买",
                        "购买了吗",
                        "下单了吗",
                        "买了吗"
                    ],
                )
        })
    };
    if no && !st.order_shows() && asked() {
        st.stage = Some(Stage::NotOrdered);
    }
}

/// The agent's last message before message `i`, folded, however many customer messages came
/// between.
pub(crate) fn last_agent_before(conv: &Conversation, i: usize) -> Option<String> {
    conv.messages[..i]
        .iter()
        .rev()
        .find(|m| m.role == Role::Agent)
        .map(|m| fold(&m.text))
}

/// A bare yes ("yes", "对", "是的", "correct").
fn confirms(t: &str) -> bool {
    let t = t.trim().trim_end_matches(['.', '!', '。', '！', '~']);
    words![
        "yes",
        "yeah",
        "yep",
        "correct",
        "that's right",
        "thats right",
        "yeah that's right",
        "yeah thats right",
        "yes that's right",
        "yes thats right",
        "yes please",
        "yes, please",
        "yep, that's right",
        "right",
        "对",
        "对的",
        "是的",
        "是",
        "嗯对",
    ]
    .contains(t)
}

/// "可以哦" / "是的呢" / "会的哈": a short yes, with its particle, to a yes-or-no question; a
/// bare "是" or "对" with only a particle or "亲" after it ("是 亲", "对哦") too.
fn says_yes(t: &str) -> bool {
    let core = letters(t);
    let bare = core.trim_end_matches(['亲', '哦', '呢', '哈', '啊', '呀', '滴', '哒']);
    core.chars().count() <= 5
        && !is_question(t)
        && (matches!(bare, "是" | "对" | "是是" | "对对")
            || words![
                "可以",
                "是的",
                "对的",
                "会的",
                "能的",
                "有的",
                "支持的",
                "需要的",
                "要的",
            ]
            .iter()
            .any(|w| core.starts_with(w)))
}

/// A statement long enough, and not pleased, to say what the customer came for.
fn says_what_they_came_for(t: &str, ma: &crate::analysis::MessageAnalysis) -> bool {
    let min = if t.chars().any(crate::text::is_cjk) {
        6
    } else {
        16
    };
    ma.reading.polarity <= 0.2 && t.chars().count() >= min
}

/// At most six words (or twelve characters of Chinese): too short to also ask for something.
fn only_a_few_words(t: &str) -> bool {
    if t.chars().any(crate::text::is_cjk) {
        t.chars().filter(|c| !c.is_whitespace()).count() <= 12
    } else {
        t.split_whitespace().count() <= 6
    }
}

/// The customer says the cancellation is done, and does not ask for one.
fn cancelled_already(t: &str) -> bool {
    contains_any(
        t,
        words![
            "取消了",
            "已取消",
            "已经取消",
            "cancelled it",
            "already cancelled",
            "canceled it",
            "already canceled",
        ],
    ) && !contains_any(
        t,
        words![
            "帮我取消",
            "要取消",
            "想取消",
            "能取消",
            "可以取消",
            "取消吗",
            "取消一下",
            "please cancel",
            "want to cancel",
            "can you cancel",
            "cancel my",
        ],
    ) && !decides_to_cancel(t)
}

/// The customer wants to call off an after-sales application already made ("已经申请了退货服务，
/// 想取消", "退款申请能撤销吗"): an application named, and cancelling it asked.
fn cancels_an_application(t: &str) -> bool {
    contains_any(t, words!["取消", "撤销", "撤回"])
        && contains_any(
            t,
            words![
                "申请了退",
                "申请了换",
                "申请了售后",
                "申请退货了",
                "申请退款了",
                "退货申请",
                "换货申请",
                "退款申请",
                "售后申请",
                "退货服务",
                "维修服务",
                "售后服务",
                "服务单",
                "维修申请",
                "返修申请",
                "申请了维修",
                "申请了返修",
                "退货单",
            ],
        )
}

/// "那我取消了" / "还是取消了吧": a cancellation decided now, not one done yet, whatever "取消了" says.
pub(crate) fn decides_to_cancel(t: &str) -> bool {
    contains_any(
        t,
        words![
            "那我取消",
            "那就取消",
            "那取消",
            "我要取消",
            "还是取消",
            "取消了吧",
        ],
    )
}

/// The address named in the same clause as a mistake or a change ("我地址好像搞错了", "the
/// address on it is wrong").
fn address_to_fix(t: &str) -> bool {
    t.split([',', '，', '。', ';', '；', '!', '！', '?', '？'])
        .any(|c| {
            contains_any(c, words!["地址", "address"])
                && contains_any(
                    c,
                    words!["错", "改", "换", "wrong", "incorrect", "change", "update"],
                )
                && !contains_any(
                    c,
                    words!["不改", "不用", "不换", "别改", "don't", "no need"],
                )
        })
}

/// The customer asks the same thing again: similar words, or a word that says so.
/// The new words say much the same as the request's quote (shingle overlap ≥ 0.4).
pub(crate) fn similar_to_quote(quote: &str, t: &str) -> bool {
    let (a, b) = (content(&fold(quote)), content(t));
    let letters = |x: &str| x.chars().filter(|c| c.is_alphanumeric()).count();
    if letters(&a) < 2 || letters(&b) < 2 {
        return letters(&a) > 0 && a.trim() == b.trim();
    }
    crate::text::dice(&crate::text::shingles(&a), &crate::text::shingles(&b)) >= 0.4
}

/// A question's own words, without the particles, pronouns and politeness every question shares:
/// "从哪发货您知道吗" and "大概几点到您知道吗" ask different things.
fn content(t: &str) -> String {
    const SHARED: Words = words![
        "您知道吗",
        "你知道吗",
        "请问",
        "一下",
        "怎么",
        "什么",
        "可以",
        "能不能",
        "是不是",
        "这个",
        "那个",
        "你们",
        "您",
        "你",
        "我",
        "吗",
        "呢",
        "啊",
        "吧",
        "呀",
        "的",
        "了",
        "是",
    ];
    let mut out = t.to_string();
    for w in SHARED {
        out = out.replace(w, "");
    }
    out
}

/// Words that say the customer is asking again ("到底", "怎么还", "still", "i asked").
fn reasks(t: &str) -> bool {
    reasks_after(t, false)
}

/// As `reasks`, once the request was `answered`: a bare 还没 / 还不 then tells how things stand
/// ("今天可以送达的" · "那就行，我看现在还没配送"), it does not ask again; "怎么还", "到底", "又"
/// and the like still do.
fn reasks_after(t: &str, answered: bool) -> bool {
    let t = not_bought_yet_removed(t);
    let bare = words!["还没", "还不"];
    contains_any(&t, AGAIN) || asks_again(&t) || !answered && contains_any(&t, bare)
}

/// Words that ask again whether or not the request was answered.
const AGAIN: Words = words![
    // "还没有查到吗" / "还没好吗": the agent's own look-up pressed.
    "还没有查到",
    "还没查到",
    "还没好",
    "到底",
    "怎么还",
    "还是没",
    "又",
    "再问",
    "问了",
    "still",
    "already asked",
    "i asked",
    "yet",
    "一直问",
];

/// "还没买呢 … 这种情况怎么办啊?": not bought yet tells the stage, it chases nothing.
fn not_bought_yet_removed(t: &str) -> String {
    words![
        "还没买",
        "还没有买",
        "还没下单",
        "还没有下单",
        "还没拍",
        "还没付",
    ]
    .iter()
    .fold(t.to_string(), |t, w| t.replace(w, ""))
}

/// "again" that says the question is asked again ("where is it again?"), not that something
/// should not happen again ("i don't want to have this issue again", "order from you again").
fn asks_again(t: &str) -> bool {
    const NOT: Words = words![
        "happen",
        "happens",
        "happening",
        "issue",
        "problem",
        "mistake",
        "order",
        "buy",
        "use",
        "shop",
        "this",
        "that",
        "it",
    ];
    t.match_indices("again").any(|(p, _)| {
        let before: Vec<&str> = t[..p].split_whitespace().rev().take(2).collect();
        !before
            .iter()
            .any(|w| NOT.contains(w.trim_matches(|c: char| !c.is_alphanumeric())))
    })
}

fn open_request(conv: &Conversation, i: usize, topic: Intent, t: &str) -> OpenRequest {
    OpenRequest {
        topic,
        ask: ask_of(t),
        quote: excerpt(&conv.messages[i].text, 30),
        times: 1,
        first_index: i as u32,
        latest_index: i as u32,
        first_time: conv.messages[i].time.as_deref().map(clock),
        answered: false,
        asked_after_answer: false,
        words: bounded(t.to_string()),
        asked_index: i as u32,
        reasked_index: None,
    }
}

/// The request's words, at most the last `WORDS` characters (a pasted page must not make every
/// reply match).
const WORDS: usize = 400;

fn bounded(w: String) -> String {
    match w.char_indices().rev().nth(WORDS) {
        Some((b, _)) => w[b..].to_string(),
        None => w,
    }
}

/// "2026-09-08T17:00:12+08:00" → "17:00"; other forms as shown.
fn clock(s: &str) -> String {
    let s = s.trim();
    let tail = s.rsplit(['T', ' ']).next().unwrap_or(s);
    match tail.get(..5) {
        Some(hm) if hm.as_bytes()[2] == b':' => hm.to_string(),
        _ => s.to_string(),
    }
}

pub fn is_nudge(t: &str) -> bool {
    let core: String = t.chars().filter(|c| !c.is_whitespace()).collect();
    let only_marks = !core.is_empty()
        && core
            .chars()
            .all(|c| matches!(c, '?' | '？' | '!' | '！' | '。' | '.'));
    // "在嘛", "还在不?": the same ping in other words, said as the whole message ("现在不能发货吗"
    // holds "在不" and is a question of its own).
    let short_ping = || {
        let bare: String = core
            .chars()
            .filter(|c| !matches!(c, '?' | '？' | '!' | '！' | '。' | '.' | '~' | '，' | ','))
            .collect();
        let bare = bare.strip_prefix('亲').unwrap_or(&bare);
        words![
            "在嘛",
            "在么",
            "在不",
            "还在不",
            "还在么",
            "还在嘛",
            "在没",
            "在没有"
        ]
        .contains(bare)
    };
    only_marks
        || core.len() <= 24 && short_ping()
        || words![
            "在吗",
            "在不在",
            "人呢",
            "有人吗",
            "还在吗",
            "回复",
            "hello?",
            "you there",
            "are you there",
            "anyone there",
            "hello??",
        ]
        .iter()
        .any(|w| core.contains(&w.replace(' ', "")))
}

/// The specific question in a customer's words.
pub fn ask_of(t: &str) -> Option<Ask> {
    const TABLE: &[(Ask, Words)] = &[
        (
            Ask::Why,
            words![
                "为什么",
                "为啥",
                "怎么还",
                "怎么这么",
                "凭什么",
                "why",
                "how come",
            ],
        ),
        (
            Ask::When,
            words![
                "什么时候",
                "多久",
                "几天",
                "何时",
                "啥时候",
                "多长时间",
                "几点",
                "when",
                "how long",
                "how soon",
                "by when",
            ],
        ),
        (
            Ask::HowMuch,
            words![
                "多少钱",
                "多少",
                "几块",
                "how much",
                "what's the price",
                // Asking what something costs, not "is the shipping cost included?".
                "the cost of",
                "does it cost",
                "will it cost",
                "would it cost",
                "what it costs",
                "know the cost",
                "cost to",
            ],
        ),
        // "去找谁维修呢": who to take it to is where to go.
        (
            Ask::Where,
            words!["到哪", "在哪", "哪里", "去哪", "找谁", "where"],
        ),
        (
            Ask::How,
            words![
                "怎么",
                "如何",
                "怎样",
                "how do",
                "how can",
                "how to",
                "what do i need",
            ],
        ),
        (
            Ask::Whether,
            words![
                "能不能",
                "可不可以",
                "可以吗",
                "能吗",
                "行吗",
                "是不是",
                "有没有",
                "吗",
                "can i",
                "can you",
                "could you",
                "is it",
                "do you",
                "is there",
                "are there",
                "will it",
                "does it",
            ],
        ),
    ];
    // "how long is the arm length of that shirt?" asks a measurement, not a time.
    let measure = words![
        "length",
        "sleeve",
        "inseam",
        "inches",
        "how long is the",
        "how long are the",
    ];
    let t = if contains_any(t, measure) {
        std::borrow::Cow::Owned(t.replace("how long", ""))
    } else {
        std::borrow::Cow::Borrowed(t)
    };
    TABLE
        .iter()
        .find(|(_, w)| contains_any(&t, w))
        .map(|(a, _)| *a)
        .or_else(|| typed_where(&t).then_some(Ask::Where))
        .map(|a| {
            if a == Ask::Where && where_to_do(&t) {
                Ask::How
            } else {
                a
            }
        })
}

/// "在哪申请退款" / "哪里可以开发票": where to do something is how to do it, not where it is.
fn where_to_do(t: &str) -> bool {
    const DO: Words = words![
        "申请", "提交", "操作", "下载", "办理", "设置", "修改", "开", "取消", "填", "点", "改",
        "查看", "可以",
    ];
    words!["在哪", "哪里", "在那"].iter().any(|w| {
        t.match_indices(w).any(|(i, _)| {
            let after = t[i + w.len()..].trim_start_matches(['里', '儿']);
            DO.iter().any(|d| after.starts_with(d))
        })
    })
}

/// "在那申请退款呢?": 哪 typed as 那 (same sound), asking where; "那我申请退款可以吗" is "then", and a
/// statement ("我在那边买的") asks nothing.
fn typed_where(t: &str) -> bool {
    let asks = t.trim_end().ends_with(['?', '？', '呢']);
    asks && !t.contains('吗')
        && t.match_indices("在那").any(|(i, _)| {
            let after = &t[i + "在那".len()..];
            !after.starts_with(['边', '儿', '个', '么'])
        })
}

/// Words a customer winds down with ("好的", "ok", "👌", "that's all").
const WINDS_DOWN: Words = words![
    "好的",
    // As typed: 好得, 好哒, 好滴, 好嘞.
    "好得",
    "好哒",
    "好滴",
    "好嘞",
    // 没问题 as typed ("好哒 / 么问题").
    "么问题",
    // Relief at the agent's reassurance ("不会的呢" / "那就好"; "那就行" ends with 行, "那就ok" with ok).
    "那就好",
    "放心了",
    "晚安",
    "good night",
    "好吧",
    "好叭",
    "嗯",
    "哦",
    "知道了",
    "明白",
    "行",
    "ok",
    "okay",
    "got it",
    "thanks",
    "thank you",
    "bye",
    "没事",
    "没有了",
    "没了",
    "没啦",
    "木有",
    "👌",
    "great",
    "perfect",
    "alright",
    "sure",
    "可以了",
    "好了",
    "解决了",
    "行了",
    "收到",
    "明白了",
    "that's all",
    "that's it",
    "原来如此",
    "懂了",
    // Said with 啦.
    "懂啦",
    "明白啦",
    "知道啦",
    "了解啦",
    "没问题",
    "辛苦",
    // Found what the agent sent them to look for ("电脑点击…" / "找到了").
    "找到了",
    // Leaving the chat ("给你好评了谢谢 / 吃饭了").
    "吃饭了",
    // "哇 还是算了吧" after the fee was told: given up on it, nothing more to ask.
    "算了",
    "算了吧",
    // "行吧，我信了 / 就这样吧" after a refusal: the customer leaves it there.
    "就这样吧",
    "去忙了",
    "先忙了",
    "下线了",
    "睡觉了",
];

/// "Nothing more" said outright: it ends the turn whatever the turn said before it.
const NOTHING_MORE: Words = words![
    "没事了",
    "没有了",
    // As typed: "没啦", "木有了" (没有), "没有其它的问题了".
    "没啦",
    "没有啦",
    "木有",
    "没有其他",
    "没有其它",
    "没别的",
    "不用了",
    "再见",
    "拜拜",
    "that's all",
    "nothing else",
];

/// English goodbyes ("have a great day.", "stay safe!"): with `EN_NOTHING_MORE` they close
/// whatever was open, like SAYS_DONE.
const EN_DONE: Words = words![
    "have a nice day",
    "have a great day",
    "have a good day",
    "have a good one",
    "have a wonderful day",
    "have a nice night",
    "take care",
    "stay safe",
    "goodbye",
];

/// "That's all" in the other words English customers use: nothing more is wanted.
const EN_NOTHING_MORE: Words = words![
    "that was it",
    "that's it for",
    "that is all",
    "that will be all",
    "that'll be all",
    "that's everything",
    "that is everything",
    "that was all",
    "all i needed",
    "all i wanted",
    "no other questions",
    "no more questions",
    "don't have any other",
    "don't have any more",
    "do not have any other",
    "don't need anything else",
    // "and, no, i won't need anything else. thanks for your help".
    "won't need anything else",
    "do not need anything else",
    "i'm all set",
];

/// An English goodbye or "that's all" in a short message (folded text).
pub(crate) fn says_done_en(t: &str) -> bool {
    // "if that is all you can do then yes": a condition, not a goodbye.
    t.split_whitespace().count() <= 12
        && EN_NOTHING_MORE.iter().chain(EN_DONE).any(|w| {
            t.match_indices(w)
                .any(|(p, _)| !t[..p].trim_end().ends_with("if"))
        })
}

/// Words that close whatever was open: thanks, "nothing else", goodbye.
const SAYS_DONE: Words = words![
    "没啦",
    "没有啦",
    "木有",
    "没有其他",
    "没有其它",
    "谢谢",
    "三克油",
    "蟹蟹",
    "3q",
    "thx",
    "辛苦了",
    "辛苦啦",
    "谢了",
    "谢你",
    "谢啦",
    "晚安",
    "good night",
    "goodnight",
    "多谢",
    "感谢",
    "没有了",
    "没事了",
    "没事没事",
    "可以下线了",
    "没别的",
    // "是的。麻烦你了。不打扰。工作愉快": thanks and a goodbye in other words.
    "麻烦你了",
    "麻烦您了",
    "工作愉快",
    "再见",
    "拜拜",
    "thank",
    "thanks",
    // "i appreciate your help. pays to be a gold member!": thanks in other words.
    "appreciate it",
    "appreciate your help",
    "appreciate the help",
    "bye",
    "that's all",
    "that's it",
    "nothing else",
];

/// "不是哦" right after the agent put an order to the customer ("[ORDERID_…]，这个订单?", the
/// product of it): the agent found the wrong one. An order the customer never sent is not known
/// any more, and is asked for again.
fn no_to_the_agents_order(conv: &Conversation, i: usize, t: &str, st: &mut State) {
    if !says_no(t) || t.chars().count() > 8 || agent_before(conv, i).is_none() {
        return;
    }
    // "不是 / 是的 / 我看错了": taken back in the same run.
    let taken_back = conv.messages[i + 1..]
        .iter()
        .take_while(|m| m.role == Role::Customer)
        .any(|m| {
            let f = fold(&m.text);
            confirms(&f) || f.contains("看错")
        });
    if taken_back {
        return;
    }
    let customer_sent = conv.messages[..i]
        .iter()
        .filter(|m| m.role == Role::Customer)
        .any(|m| {
            fold(&m.text).contains("orderid_")
                || has_number(&m.text)
                    && facts::extract(&m.text, None)
                        .iter()
                        .any(|f| f.kind == FactKind::OrderNumber)
        });
    if !customer_sent {
        st.given.retain(|x| *x != Info::OrderId);
    }
}

/// The letters and digits of a short message, without punctuation, stickers' marks or spaces
/// ("拜~" → "拜", "好的，收到" → "好的收到"), for whole-message matches.
pub(crate) fn letters(t: &str) -> String {
    let mut out = String::new();
    each_letter(t, |c| out.push(c));
    out
}

/// Calls `f` with each letter or digit of `t` outside emoji codes ("[微笑]", "#E-s01",
/// "#E-s[数字x]"); a bracket that holds more than Chinese words ("[ORDERID_1007]") counts.
fn each_letter(t: &str, mut f: impl FnMut(char)) {
    let mut rest = t;
    while let Some(c) = rest.chars().next() {
        let code = after_code(rest);
        let emoji = rest
            .strip_prefix('[')
            .and_then(|b| b.split_once(']'))
            .filter(|(inside, _)| inside.chars().all(crate::text::is_cjk))
            .map(|x| x.1);
        match code.or(emoji) {
            Some(after) => rest = after,
            None => {
                if c.is_alphanumeric() {
                    f(c);
                }
                rest = &rest[c.len_utf8()..];
            }
        }
    }
}

/// A short message that is an ok ("好的收到", "嗯嗯好", "ok got it"): in Chinese the word opens or
/// ends it ("我只收到一件" and "行程单一起寄" hold 收到 and 行 and say something else).
fn winds_down(t: &str) -> bool {
    // "嗯换成我刚刚发的": an ok that goes on to ask for something.
    if contains_any(t, words!["换成", "改成", "改为", "换为", "帮我", "给我"]) {
        return false;
    }
    let core = letters(t);
    // "没找到了": still looking.
    if core.contains("没找到") {
        return false;
    }
    if core.chars().any(crate::text::is_cjk) {
        core.chars().count() <= 8
            && WINDS_DOWN
                .iter()
                .any(|w| core.starts_with(w) || core.ends_with(w))
    } else {
        t.split_whitespace().count() <= 5 && contains_any(t, WINDS_DOWN)
            || says_done_en(t)
            || takes_the_answer_en(t)
    }
}

/// How an English customer takes an answer and asks nothing more ("ok, i'm glad i checked on
/// that.", "good to know", "that's what i needed", "ok that's fine").
const TAKES_EN: Words = words![
    "glad",
    // "ok. that is the button color i wanted!"
    "what i wanted",
    "what i was hoping",
    "what i was looking for",
    "good to know",
    "that's what i needed",
    "thats what i needed",
    "that's fine",
    "thats fine",
    "that helps",
    "that makes sense",
    "sounds good",
    "that's great",
    "sounds promising",
    // A decision to buy after the answer ("i think i will order them and see if they fit").
    "probably get them",
    "will order them",
    "i'll order them",
    "i'll take them",
    "i'll get them",
];

/// An English message that takes the answer (`TAKES_EN`), short and asking nothing.
fn takes_the_answer_en(t: &str) -> bool {
    // "ok. that is the button color i wanted!": a sentence that ends on what they wanted.
    let wanted = t.split(['.', '!']).any(|s| {
        let s = s.trim();
        s.ends_with(" i wanted") || s.ends_with(" i needed") || s.ends_with(" i was hoping for")
    });
    // "account id is x1 if that helps" hands something over; it takes no answer.
    t.split_whitespace().count() <= 10
        && !t.contains('?')
        && !t.contains("if that helps")
        && (contains_any(t, TAKES_EN) || wanted)
}

/// "没有了" to "您可以看一下待追评里还有没有哦": the thing the agent sent them to look for is not
/// there, which is no "nothing more" (that answers "还有其他问题吗").
fn says_it_is_not_there(conv: &Conversation, turn: &[&crate::analysis::MessageAnalysis]) -> bool {
    let Some(first) = turn.first() else {
        return false;
    };
    let asked = agent_before(conv, first.index as usize).is_some_and(|q| {
        contains_any(
            &q,
            words!["有没有", "还有吗", "在不在", "看到了吗", "看到没"],
        ) && !asks_anything_else(&q)
    });
    asked
        && turn.iter().any(|m| {
            let t = letters(&fold(&conv.messages[m.index as usize].text));
            matches!(
                t.as_str(),
                "没有" | "没有了" | "没了" | "没有啊" | "没有呢" | "没看到" | "看不到" | "不在"
            )
        })
}

/// "有问题再说吧", "到时候再说": leaving the rest for later, which ends the chat for now ("有问题"
/// there is no problem reported).
fn defers(t: &str) -> bool {
    contains_any(
        t,
        words![
            "再说吧",
            "到时候再说",
            "以后再说",
            "回头再说",
            "有问题再说",
            "有事再说",
            "有问题再找",
            "有事再找",
            // "如果再坏了再找你".
            "再找你",
            "再找您",
            "有需要再",
            // "好吧，那我等着了": waiting, as told, asks nothing now.
            "等着了",
            "我等吧",
            "那我等",
            "我就等",
            // "我过几天在看下" (再看): looking again later, nothing asked now.
            "过几天再看",
            "过几天在看",
            "过两天再看",
            "过两天在看",
        ],
    ) && letters(t).chars().count() <= 12
        // "ok, i'll check back then. thanks for your help.": leaving, not trying something.
        || t.split_whitespace().count() <= 24
            && contains_any(
                t,
                words![
                    "i'll check back",
                    "i will check back",
                    "check back later",
                    "i'll come back",
                    "i will come back",
                    "come back later",
                    "i'll be back",
                    "i'll reach out again",
                    // "okay, i will wait a few more days.": as the agent advised.
                    "wait a few more days",
                    "wait for a few more days",
                    "wait a few days",
                    "wait for a few days",
                    "contact you again",
                    "contact again if",
                    "wait a couple more days",
                    "wait a couple of days",
                    "wait a bit longer",
                ],
            )
}

/// "好" / "好滴" / "恩" alone: an ok (好 is too common a character to look for inside words).
/// "好的，那我等你们的通知": the customer will wait for the word the agent promised; not "还在等
/// 你们的通知" (still waiting, a complaint).
fn waits_for_word(t: &str) -> bool {
    contains_any(
        t,
        words![
            "等你们的通知",
            "等你们通知",
            "等您的通知",
            "等您通知",
            "等通知",
            "等你消息",
            "等您消息",
            "等你们消息",
            "等你回复",
            "等您回复",
            "等你们回复",
            "等短信",
            "等电话",
        ],
    ) && !contains_any(
        t,
        words!["还在等", "一直等", "还等", "都等", "没", "?", "？", "吗"],
    )
}

fn bare_ok(t: &str) -> bool {
    let core = letters(t);
    // "额。" / "噢" alone take the answer in; "额，我只收到一件" goes on to say more.
    matches!(
        core.as_str(),
        "好" | "好滴"
            | "好哒"
            | "好嘞"
            | "恩"
            | "恩恩"
            | "嗯"
            | "嗯嗯"
            | "噢"
            | "噢噢"
            | "喔"
            | "喔喔"
            | "额"
            | "呃"
    )
}

/// A customer's "no" to what the agent put to them ("不是哦" to "[order] 台式电脑桌"?, "不对"): the
/// agent has it wrong, nothing is wound down. "不用了" (no need) is not one.
fn says_no(t: &str) -> bool {
    let t = t.trim_start();
    words!["不是", "不对", "不行", "不要", "错了"]
        .iter()
        .any(|w| t.starts_with(w))
}

/// A goodbye said in a syllable or in digits ("拜", "拜~", "88", "886"): alone, since 拜 also
/// begins 拜托 ("please").
pub(crate) fn bye_alone(t: &str) -> bool {
    let core = letters(t);
    matches!(
        core.as_str(),
        "拜" | "88" | "886" | "拜了" | "bb" | "白白" | "byebye"
    )
}

fn is_closing(conv: &Conversation, a: &Analysis, st: &State) -> bool {
    let turn = latest_turn(conv, a);
    if turn.is_empty() || says_it_is_not_there(conv, &turn) {
        return false;
    }
    // The latest customer turn only: it asks nothing, requests nothing, states no problem, and its
    // last message winds down (thanks, ok, bye): "等会 / 没事，谢谢" closes.
    let quiet = |m: &&crate::analysis::MessageAnalysis| {
        let t = Folded::new(&conv.messages[m.index as usize].text).text;
        // "it worked!!! how didn't i think of that....": the wonder beside it asks nothing.
        // "ok. that is the button color i wanted!": the answer taken, whatever topic it names.
        let solved_here =
            t.is_ascii() && (says_solved(&t) || takes_the_answer_en(&t)) && !t.contains('?');
        // "没有了呢" to "anything else?": the particle makes no question of a no.
        // "没了吧" to "anything else?": the 吧 makes no question of it either.
        // "没了" alone (not "订单没了": gone) is the same no.
        let bare_no = matches!(
            letters(&t).as_str(),
            "没了" | "没了吧" | "没了哦" | "没了呢"
        );
        let no_to_more = (says_nothing_more(&t) || bare_no)
            && !t.contains(['?', '？'])
            && agent_before(conv, m.index as usize).is_some_and(|a| asks_anything_else(&a));
        solved_here
            || no_to_more
            || (!m.reading.question
                && !asks_something(&t)
                && (defers(&t)
                // "没有其它的问题了": its 问题 states none.
                || says_nothing_more(&t)
                || !states_problem(&t)
                    && !says_no(&t)
                    && (m.reading.intent.is_none_or(|x| !x.is_substantive())
                        || reports_resolution(&t))))
    };
    let calm = turn.iter().all(quiet);
    let last = last_word(conv, &turn);
    let last_text = Folded::new(&conv.messages[last.index as usize].text).text;
    // "有问题再说吧": the rest left for later.
    let deferred = defers(&last_text);
    // Stickers alone ("#E-s01", "[微笑]") after an answer are a nod, like "ok"; after the agent
    // asked for something ("请问是哪个银行"), the agent still has a step to take.
    // A question of any kind counts ("请问是哪个银行" asks for nothing Duxin names); "anything
    // else?" does not.
    let asked_last = st.said.last().is_some_and(|s| {
        s.kind == SaidKind::Asked || is_question(&s.words) && !asks_anything_else(&s.words)
    });
    // "拍好了" / "付好了": a step the agent asked for is done, and the agent takes the next one.
    let step_done = contains_any(
        &last_text,
        words![
            "拍好了",
            "付好了",
            "买好了",
            "下好单",
            "下单了",
            "付款了",
            "支付了",
            "拍了",
        ],
    );
    let solved = resolved(conv, &turn);
    // "it worked!!!!!!!" after the step the agent gave: the problem is gone, the chat winds down.
    // "oh great / that would give me enough time": an English ok, then a remark that asks nothing.
    let ok_then_remark = last_text.is_ascii()
        && calm
        && turn
            .iter()
            .any(|m| winds_down(&Folded::new(&conv.messages[m.index as usize].text).text));
    // "对的" to "您的取消申请已提交。": a yes to the report of it done takes it in (a yes to a
    // product or an order pasted to be confirmed is the agent's cue to go on).
    let agrees_to_a_statement = confirms(&last_text)
        && agent_before(conv, last.index as usize)
            .is_some_and(|a| reports_done(&a) && !is_question(&a) && !asks_with_me(&a));
    let winds = !step_done
        && (last.reading.intent == Some(Intent::Thanks)
            || agrees_to_a_statement
            || waits_for_word(&last_text)
            || solved && last_text.is_ascii()
            || ok_then_remark
            || solved_when_asked(conv, &turn)
            || winds_down(&last_text)
            || bye_alone(&last_text)
            || bare_ok(&last_text)
            || says_nothing_more(&last_text)
            || deferred
            || only_stickers(&last_text) && !asked_last);
    // "我知道了。" / "好的明白了" after an explanation: what they waited for has been said, even
    // where Duxin did not read the explanation as the answer.
    let understood = says_understood(&last_text);
    // "[a long account of the refusal] / 恩。希望您尽快处理吧 / 没事了，谢谢": a short "nothing
    // more" said last puts aside what came before it in the turn.
    // "… / bye": a goodbye said last ends the turn whatever came before it.
    let done_last =
        quiet(&last) && (says_nothing_more(&last_text) || deferred || bye_alone(&last_text));
    // "京东物流 / 我知道了。": the musing before an "I see" does not keep the chat open.
    let winding = (calm || understood && quiet(&last) || done_last) && winds;
    // Thanks or "nothing else" closes whatever was open; a bare "ok" only once it was answered.
    let explicit = understood
        || turn.iter().any(|m| {
            let t = Folded::new(&conv.messages[m.index as usize].text).text;
            contains_any(&t, SAYS_DONE) || says_done_en(&t) || bye_alone(&t)
        })
        || deferred;
    // "所以这边需要咨询下" / "OK": the agent went to ask someone; the customer waits for that.
    // Told how the result will come ("联系成功后会短信通知您"), the ok closes.
    // "对的 [ORDERID_…] [ORDERID_…] 还有这两个 谢谢": orders handed over want something done on them.
    let hands_orders = turn
        .iter()
        .any(|m| fold(&conv.messages[m.index as usize].text).contains("orderid_"));
    let consulting = agent_before(conv, turn[0].index as usize).is_some_and(|t| {
        asks_around(&t) && !contains_any(&t, words!["通知", "短信", "回电", "回复", "联系您"])
            // "there are some things we can try" / "thank you": the steps are still to come.
            || offers_next_step(&t)
    });
    // "快递也已经拒收了 没有了谢谢": a remark, then no to "anything else?" as the last clause.
    let no_last = !is_question(&last_text)
        && !asks_something(&last_text)
        && last_text
            .split_whitespace()
            .last()
            .is_some_and(says_nothing_more)
        && declines_more(conv, &turn);
    // English: what the agent asked for is still to come ("could i confirm your home address?" /
    // "thank you, that sounds great"): no goodbye.
    let en = last_text.is_ascii()
        && agent_before(conv, turn[0].index as usize).is_some_and(|a| a.is_ascii());
    let still_asked = en
        && !st.awaited.is_empty()
        && st.said.last().is_some_and(|s| {
            s.kind == SaidKind::Asked && Some(s.index) == st.last_agent && is_question(&s.words)
        })
        && !declines_more(conv, &turn);
    (winding || calm && declines_more(conv, &turn) || no_then_thanks(conv, &turn) || no_last)
        && !still_asked
        && !st.first_reply
        && !st.just_gave
        && !hands_orders
        // "好的，这边帮您反映 …还有其他业务信息需要查询的吗" / "暂时没有了": no to the agent's own
        // "anything else?" closes, even while what the agent passed on is pending.
        && (!st.holding && !consulting || solved || declines_more(conv, &turn))
        && (explicit
            || declines_more(conv, &turn)
            || solved
            // "那您给我公司名字和税号噢" / "好的": the details are on their way.
            || !answers_agent_question(conv, turn[0].index as usize)
                && st.awaited.is_empty()
                && st.open.as_ref().is_none_or(|o| o.answered))
}

/// An English agent message that announces what it is about to give or try, not done yet
/// ("there are some things we can try", "i would like to provide you with a 20% promo code").
fn offers_next_step(t: &str) -> bool {
    contains_any(
        t,
        words![
            "things we can try",
            "things you can try",
            "we can try",
            "let's try",
            "i would like to provide",
            "i'd like to provide",
            "i would like to offer",
            "i'd like to offer",
            "i can offer you",
            "i'll send you",
            "i will send you",
            "i'll generate",
            "i will generate",
            // "firstly, i will write a report to the purchasing department": more is to come.
            "firstly",
            "first of all",
        ],
    )
}

/// The turn's last message that says something: "好吧 / [姓名x]", a name alone after the last
/// word (an anonymised corpus's trace, or a signature), says nothing more. `turn` is not empty.
pub(crate) fn last_word<'a>(
    conv: &Conversation,
    turn: &[&'a crate::analysis::MessageAnalysis],
) -> &'a crate::analysis::MessageAnalysis {
    turn.iter()
        .rev()
        .find(|m| letters(&fold(&conv.messages[m.index as usize].text)) != "姓名x")
        .copied()
        .unwrap_or(turn[turn.len() - 1])
}

/// A short "I see" ("我知道了。", "好的明白了", "got it"), folded text.
pub(crate) fn says_understood(t: &str) -> bool {
    letters(t).chars().count() <= 12
        && contains_any(
            t,
            words![
                "明白了",
                "懂了",
                "知道了",
                "了解了",
                "清楚了",
                "got it",
                "understood",
            ],
        )
}

/// A short "nothing more" ("没有了", "木有了", "没有其它的问题了", "that's all").
fn says_nothing_more(t: &str) -> bool {
    // Short: ten Chinese characters, or an English sentence of eight words ("no, that is all for
    // today", "no, i don't have any other questions. thank you for your help.").
    let short = if t.chars().any(crate::text::is_cjk) {
        letters(t).chars().count() <= 10
    } else {
        t.split(['.', '!', ';'])
            .all(|s| s.split_whitespace().count() <= 8)
    };
    short && (contains_any(t, NOTHING_MORE) || contains_any(t, EN_NOTHING_MORE))
}

/// A customer message that asks or requests something: "我的问题处理好了没 / 帮我查一下谢谢" is
/// no goodbye, and its thank-you is not answered with "不客气".
pub(crate) fn asks_something(t: &str) -> bool {
    // "麻烦你了", "到时就麻烦下" thank for the trouble; "麻烦你查一下" asks.
    let mut t = t.replace("麻烦你了", "").replace("麻烦您了", "");
    let end = t.trim_end_matches(|c: char| !c.is_alphanumeric()).len();
    if t[..end].ends_with("麻烦下") || t[..end].ends_with("麻烦了") {
        t.truncate(end);
        t.truncate(t.len() - "麻烦下".len());
    }
    let t = &t;
    is_question(t)
        || contains_any(
            t,
            words![
                "帮我",
                "帮忙",
                // "好的，请处理，谢谢": go ahead, not goodbye.
                "请处理",
                "处理一下",
                "处理下",
                "查一下",
                "看一下",
                "麻烦你",
                "麻烦您",
                // "多给个收表带上的环吧，谢谢": something more wanted, thanked for in advance.
                "多给",
                "再给我",
                "多送",
                "多发",
                "顺便给",
                "给我发",
                "给我寄",
                "备注一下",
                "please check",
                "can you",
                "could you",
            ],
        )
}

/// A message that states a problem besides its thanks ("thanks. i can't even see pictures because
/// they are still loading"): the customer is not done.
pub(crate) fn states_problem(t: &str) -> bool {
    contains_any(
        t,
        words![
            "can't",
            "cannot",
            "won't",
            "doesn't",
            "didn't",
            "isn't",
            "aren't",
            "still ",
            "not working",
            "broken",
            "error",
            "不能",
            "还是不",
            "还没",
            "没收到",
            "打不开",
            "用不了",
            "不行",
            // "订单没了": gone, not "nothing more".
            "单没了",
            "钱没了",
            "货没了",
            "东西没了",
            "记录没了",
            "不见了",
            "找不到",
        ],
    )
}

/// A yes to the agent's "那您的问题解决了吗?" ("解决", "是的"): solved, and the chat winds down.
fn solved_when_asked(conv: &Conversation, turn: &[&crate::analysis::MessageAnalysis]) -> bool {
    let asked_if_solved = turn.first().is_some_and(|m| {
        agent_before(conv, m.index as usize).is_some_and(|t| {
            contains_any(&t, words!["解决了吗", "解决了没", "解决了么", "解决好了吗"])
                    // "does this answer your question?" · "yes!"
                    || t.is_ascii()
                        && t.contains('?')
                        && contains_any(
                            &t,
                            words![
                                "answer your question",
                                "answers your question",
                                "answered your question",
                                "did that help",
                                "does that help",
                                "did this help",
                                "does this help",
                            ],
                        )
        })
    });
    let yes = |m: &&crate::analysis::MessageAnalysis| {
        let t = letters(&fold(&conv.messages[m.index as usize].text));
        words![
            "解决",
            "解决了",
            "是",
            "是的",
            "对",
            "嗯",
            "嗯嗯",
            "好了",
            "可以",
            "yes",
            "yeah",
            "yep",
            "it did",
            "yesit",
            "yesitdid",
            "yesthanks",
            "yesthankyou",
        ]
        .contains(t.as_str())
    };
    asked_if_solved && turn.iter().all(yes)
}

/// "可以了" / "it works now": the problem is gone, whatever the agent asked.
fn resolved(conv: &Conversation, turn: &[&crate::analysis::MessageAnalysis]) -> bool {
    if solved_when_asked(conv, turn) {
        return true;
    }
    turn.iter()
        .any(|m| says_solved(&Folded::new(&conv.messages[m.index as usize].text).text))
}

/// A message that reports the problem solved ("it worked", "好了") with no negation of it.
fn says_solved(t: &str) -> bool {
    contains_any(t, SOLVED) && !denied_beside(t) || says_it_works(t)
}

/// "ok will do this now / it works": a sentence that is only "it works" ("how it works" asks).
fn says_it_works(t: &str) -> bool {
    t.split(['.', '!', ',', '\n'])
        .map(|x| {
            x.trim()
                .trim_start_matches("yes ")
                .trim_start_matches("ok ")
        })
        .any(|x| {
            matches!(
                x,
                "it works" | "now it works" | "it works now" | "that works now"
            )
        })
}

/// Words that report the problem solved.
const SOLVED: Words = words![
    "可以了",
    "好了",
    "解决了",
    "行了",
    // "我搞定了没事": sorted out by the customer, while the agent was still looking.
    "搞定了",
    "works now",
    "working now",
    "went through",
    "it worked",
    "that worked",
    "that fixed",
    // "i don't know why but it take my card again now".
    "take my card",
    "takes my card",
    "accepted my card",
    "did the trick",
    "have worked",
    // "clearing cookies worked. it is now running at normal speed."
    "cookies worked",
    // "i closed the others and that helped!"
    "that helped",
    "it helped",
    "worked.",
    "worked!",
    "normal speed",
];

/// A negation in the sentence that reports it solved ("it worked but now it doesn't", "好了没"):
/// not solved. Another sentence's negation ("it worked!!! how didn't i think of that") is not its.
fn denied_beside(t: &str) -> bool {
    // "i don't know why but it works now": puzzled, not denying it.
    let t = t
        .replace("没事", "")
        .replace("don't know why", "")
        .replace("not sure why", "");
    // A sentence that reports it solved, or names a fix at all ("it isn't fixed").
    let solved = |x: &str| contains_any(x, SOLVED) || contains_any(x, words!["worked", "fixed"]);
    t.split(['.', '!', '?', '。', '！', '？'])
        .filter(|x| solved(x))
        .any(|x| contains_any(x, words!["没", "不", "n't", "not"]))
}

/// "嗯" / "yes" right after the agent asked something ("您是想改送货时间是吧？") answers it; it does
/// not close the chat. "Anything else?" is the question that invites the close.
fn answers_agent_question(conv: &Conversation, first: usize) -> bool {
    agent_before(conv, first)
        .is_some_and(|t| (is_question(&t) || asks_with_me(&t)) && !asks_anything_else(&t))
}

/// An agent's question ending in 么 ("就是突然使用过程中屏幕失灵么"): asked as 吗 is, so a "嗯" to
/// it answers and closes nothing. Read on the agent's side only: a customer's "这不就是别人返修的么"
/// is rhetorical more often than not. "那么" / "这么" / "要么" end no question.
fn asks_with_me(t: &str) -> bool {
    let t = t.trim_end_matches(|c: char| c.is_whitespace() || "~～。.!！".contains(c));
    t.ends_with('么')
        && !words!["那么", "这么", "要么", "多么", "什么"]
            .iter()
            .any(|e| t.ends_with(e))
}

/// "how can i help you?", "what is the changed situation?": the agent asks what the request is,
/// and the answer names it.
fn offers_help(t: &str) -> bool {
    contains_any(
        t,
        words![
            "help you",
            "can i help",
            "may i help",
            "assist you",
            "can i do for you",
            // "what is the changed situation?": the answer says what the request is.
            "situation",
            "what happened",
            "going on",
            "the issue",
            "the problem",
            "would you like to know",
            "do you need",
        ],
    )
}

/// The agent's message just before the customer's turn that starts at `first`, folded.
fn agent_before(conv: &Conversation, first: usize) -> Option<String> {
    conv.messages[..first]
        .iter()
        .rev()
        .take_while(|m| m.role != Role::Customer)
        .find(|m| m.role == Role::Agent)
        .map(|m| fold(&m.text))
}

/// "请问还有其他可以帮您的吗", "anything else I can help with?".
pub(crate) fn asks_anything_else(t: &str) -> bool {
    contains_any(
        t,
        words![
            "还有其他",
            "还有什么",
            // "请问还有可以为您服务的吗?".
            "还有可以",
            "其他问题",
            "其它问题",
            "还有别的",
            "anything else",
            // "is there anything more i may help you with today?"
            "anything more",
            "anything further",
            // "did you need further assistance?"
            "further assistance",
            "further help",
            "something else",
            "other question",
            "any other",
        ],
    )
}

/// The agent's message asks "anything else?" and says nothing more ("请问还有其他可以帮到您的吗?
/// #E-s[数字x]", "is there anything else i can help with today?"): it answers nothing and is not
/// recorded as something the agent said.
fn only_asks_anything_else(t: &str) -> bool {
    asks_anything_else(t)
        && t.split(['?', '？', '。', '!', '！', '~', ' ', '\n', ',', '，'])
            .filter(|part| !asks_anything_else(part))
            .map(substance)
            .sum::<usize>()
            < 4
}

/// "不用了，我找到了" / "不用查了" / "never mind, i found it": the customer no longer needs what they
/// asked. A "不用了" with a reason of dissatisfaction ("不用了，退款吧") asks for something else.
fn withdraws(t: &str) -> bool {
    let t = t.trim_start();
    let opens = words![
        "不用了",
        "不用查了",
        "不需要了",
        "不用麻烦了",
        // "算了，你们解决不了我自己买一个充电线吧": given up on it.
        "算了",
        // "那就别弄了。卡来了我直接不用应该就自动注销了".
        "那就别弄了",
        "那就不弄了",
        "别弄了",
        "不弄了",
        "那就算了",
        "never mind",
        "nevermind",
    ]
    .iter()
    .any(|w| t.starts_with(w));
    opens && !contains_any(t, words!["退", "换", "投诉", "差评", "?", "？", "吗"])
}

/// A nudge ("在吗", "hello?") at message `i` right after the agent's "anything else?".
fn pings_after_offer(conv: &Conversation, i: usize) -> bool {
    agent_before(conv, i).is_some_and(|t| asks_anything_else(&t))
}

/// The customer's latest turn is only nudges, right after the agent's "anything else?": they are
/// about to say what else, and the agent says they are there.
pub(crate) fn pinged_after_offer(conv: &Conversation, a: &Analysis) -> bool {
    let turn = latest_turn(conv, a);
    turn.first()
        .is_some_and(|m| pings_after_offer(conv, m.index as usize))
        && turn
            .iter()
            .all(|m| is_nudge(&conv.messages[m.index as usize].text))
}

/// The customer's latest turn says no to the agent's "anything else?".
pub(crate) fn declined_more(conv: &Conversation, a: &Analysis) -> bool {
    declines_more(conv, &latest_turn(conv, a))
}

/// "暂时没有" / "no, that's it" / "没了 谢谢" / a bare "谢谢" to the agent's "anything else?": the
/// customer is done, and is not asked it again.
fn declines_more(conv: &Conversation, turn: &[&crate::analysis::MessageAnalysis]) -> bool {
    let Some(first) = turn.first() else {
        return false;
    };
    let says_no = |m: &&crate::analysis::MessageAnalysis| {
        let t = fold(&conv.messages[m.index as usize].text);
        // Short: "没有了" declines, "我还没有收到退款" is a new problem.
        contains_any(&t, NO_MORE) && substance(&t) <= 12
            || t.trim() == "no"
            // "没" / "没了" alone: none.
            // "不用" / "不需要" alone: no need of anything more.
            || matches!(
                letters(&t).as_str(),
                "没" | "没了" | "没有" | "木有" | "不用" | "不用啦" | "不需要" | "不需要了"
            )
            || contains_any(&t, SAYS_DONE)
            // A bare ok ("好哒") to "还有什么可以帮您的呢" lets the agent go.
            || bare_ok(&t)
            || t.chars().count() <= 4 && contains_any(&t, words!["好的", "好哒", "嗯嗯", "ok"])
            // "快递也已经拒收了 没有了谢谢": a remark, then the no as its own last clause.
            || t.split_whitespace().count() > 1
                && t.split_whitespace().last().is_some_and(|c| {
                    contains_any(c, NO_MORE) && substance(c) <= 6
                })
    };
    // "没有了呢": the particle makes no question of a no.
    let asks = |m: &&crate::analysis::MessageAnalysis| {
        let t = fold(&conv.messages[m.index as usize].text);
        m.reading.question && (!says_nothing_more(&t) || t.contains(['?', '？']))
    };
    agent_before(conv, first.index as usize).is_some_and(|t| asks_anything_else(&t))
        && !turn.iter().any(asks)
        && turn.iter().any(says_no)
}

/// "暂时没有了，一会麻烦快递员给送过去就好了。谢谢" to "anything else?": a no, a remark on what is
/// already arranged, thanks. The remark asks nothing new; a problem or a question in it does.
fn no_then_thanks(conv: &Conversation, turn: &[&crate::analysis::MessageAnalysis]) -> bool {
    let text = |m: &&crate::analysis::MessageAnalysis| fold(&conv.messages[m.index as usize].text);
    let (Some(first), Some(last)) = (turn.first(), turn.last()) else {
        return false;
    };
    let opens_no = words!["没有", "没了", "暂时没", "不用了", "没事"]
        .iter()
        .any(|w| letters(&text(first)).starts_with(w));
    let ends_thanks = words!["谢谢", "谢啦", "谢了", "感谢", "thank"]
        .iter()
        .any(|w| letters(&text(last)).ends_with(w));
    opens_no
        && ends_thanks
        && declines_more(conv, turn)
        && turn.iter().all(|m| !states_problem(&text(m)))
}

/// A no to "anything else?".
const NO_MORE: Words = words![
    "没有",
    "没了",
    "不用了",
    "暂时没",
    "nope",
    "no ",
    "no,",
    "not right now",
    "i'm good",
];

/// The customer messages after the last agent message.
pub fn latest_turn<'a>(
    conv: &Conversation,
    a: &'a Analysis,
) -> Vec<&'a crate::analysis::MessageAnalysis> {
    let last_agent = conv.messages.iter().rposition(|m| m.role == Role::Agent);
    a.messages
        .iter()
        .filter(|m| last_agent.is_none_or(|p| m.index as usize > p))
        .collect()
}

impl Ask {
    pub const ALL: [Ask; 6] = [
        Ask::When,
        Ask::Where,
        Ask::Whether,
        Ask::HowMuch,
        Ask::How,
        Ask::Why,
    ];

    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.iter().copied().find(|k| k.as_str() == s)
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Ask::When => "when",
            Ask::Where => "where",
            Ask::Whether => "whether",
            Ask::HowMuch => "how_much",
            Ask::How => "how",
            Ask::Why => "why",
        }
    }

    pub(crate) fn zh(self) -> &'static str {
        match self {
            Ask::When => "什么时候",
            Ask::Where => "在哪/进度",
            Ask::Whether => "能不能",
            Ask::HowMuch => "多少",
            Ask::How => "怎么办理",
            Ask::Why => "为什么",
        }
    }

    pub(crate) fn en(self) -> &'static str {
        match self {
            Ask::When => "when",
            Ask::Where => "where / status",
            Ask::Whether => "whether",
            Ask::HowMuch => "how much",
            Ask::How => "how",
            Ask::Why => "why",
        }
    }
}

/// "在等：退款 · 什么时候（第3次问，首次 17:00）· 你说过：1-3个工作日 · 已给：订单号 · 已签收".
fn line(st: &State, zh: bool) -> String {
    let mut parts: Vec<String> = Vec::new();
    if let Some(o) = &st.open {
        parts.push(request_part(o, zh));
    } else if st.closing {
        parts.push(pick(zh, "客户在收尾，没有待办", "Customer is wrapping up").to_string());
    }
    if let Some(s) = st
        .said
        .iter()
        .rev()
        .find(|s| matches!(s.kind, SaidKind::Time | SaidKind::Refused))
    {
        parts.push(format!("{}{}", pick(zh, "你说过：", "You said: "), s.quote));
    }
    let names = |infos: &[Info]| -> String {
        let names: Vec<&str> = infos
            .iter()
            .map(|i| if zh { i.zh() } else { i.en() })
            .collect();
        names.join(pick(zh, "、", ", "))
    };
    if !st.awaited.is_empty() {
        let head = pick(zh, "你在等客户提供：", "You asked for: ");
        parts.push(format!("{head}{}", names(&st.awaited)));
    }
    if !st.given.is_empty() {
        parts.push(format!(
            "{}{}",
            pick(zh, "已给：", "Given: "),
            names(&st.given)
        ));
    }
    // "Not ordered yet" beside an order number the customer gave would contradict itself.
    if let Some(s) = st
        .stage
        .filter(|s| *s != Stage::NotOrdered || st.not_ordered())
    {
        parts.push(pick(zh, s.zh(), s.en()).to_string());
    }
    parts.join(" · ")
}

fn pick<'s>(zh: bool, z: &'s str, e: &'s str) -> &'s str {
    if zh {
        z
    } else {
        e
    }
}

/// "在等：退款 · 什么时候：「退款什么时候到」（第3次问，首次 17:00）".
fn request_part(o: &OpenRequest, zh: bool) -> String {
    let topic = if o.topic == Intent::Other {
        String::new()
    } else {
        format!("{} · ", pick(zh, o.topic.zh(), o.topic.en()))
    };
    let ask = o
        .ask
        .map(|x| {
            if zh {
                format!("{}：", x.zh())
            } else {
                format!("{}: ", x.en())
            }
        })
        .unwrap_or_default();
    let mut detail = Vec::new();
    if o.times > 1 {
        detail.push(if zh {
            format!("第{}次问", o.times)
        } else {
            format!("asked {} times", o.times)
        });
    }
    if let Some(t) = &o.first_time {
        detail.push(format!("{}{t}", pick(zh, "首次 ", "first at ")));
    }
    let detail = match (detail.is_empty(), zh) {
        (true, _) => String::new(),
        (false, true) => format!("（{}）", detail.join("，")),
        (false, false) => format!(" ({})", detail.join(", ")),
    };
    let head = match (o.answered, zh) {
        (false, true) => "在等",
        (false, false) => "Waiting for",
        (true, true) => "已答复",
        (true, false) => "Answered",
    };
    if zh {
        format!("{head}：{topic}{ask}「{}」{detail}", o.quote)
    } else {
        format!("{head}: {topic}{ask}\"{}\"{detail}", o.quote)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_page_time_with_a_wide_char_where_the_minutes_end_is_shown_as_it_is() {
        // Found by `cargo fuzz run analyze`: "00:0ÿ" cut at byte 5 split the 'ÿ' and panicked.
        assert_eq!(clock("00:0\u{ff}"), "00:0\u{ff}");
        assert_eq!(clock("2026-09-08T17:00:12+08:00"), "17:00");
    }
    use crate::analysis::Analyzer;
    use crate::conversation::Message;

    fn state(turns: &[(Role, &str, Option<&str>)]) -> State {
        let c = Conversation {
            messages: turns
                .iter()
                .map(|(r, t, time)| Message {
                    role: *r,
                    text: t.to_string(),
                    time: time.map(str::to_string),
                    id: None,
                })
                .collect(),
            ..Default::default()
        };
        read(&c, &Analyzer::new().unwrap().analyze(&c))
    }

    use Role::{Agent as A, Customer as C};

    #[test]
    fn a_late_refund_with_a_threat_is_still_a_refund_question() {
        let s = state(&[
            (C, "我申请了退款", None),
            (A, "亲亲，已经帮您登记了，退款会尽快处理的哦~", None),
            (C, "退款到底什么时候到账？？上次也是这么说的", None),
            (
                C,
                "我急用钱，气死了！！再不处理我就给差评，还要投诉到12315",
                None,
            ),
        ]);
        let o = s.open.as_ref().expect("an open request");
        assert_eq!(o.topic, Intent::Refund, "{s:?}");
    }

    #[test]
    fn a_customer_who_cannot_send_the_screenshot_has_not_given_it() {
        let s = state(&[
            (C, "怎么选择不了分期呢", None),
            (A, "您可以把截图发一下吗", None),
            (C, "发不了截图", None),
        ]);
        assert!(
            !s.has(Info::Photo) && s.lacking.contains(&Info::Photo),
            "{s:?}"
        );
    }

    #[test]
    fn a_refusal_followed_by_anything_else_is_still_a_refusal() {
        let s = state(&[
            (C, "我要退会员费", None),
            (
                A,
                "确实很抱歉，这边确实没有办法给您退费的 实在是时间跨度过久，不符合退费标准 请问还有其他还可以帮到您的吗?",
                None,
            ),
        ]);
        assert!(
            s.said.iter().any(|x| x.kind == SaidKind::Refused),
            "{:?}",
            s.said
        );
    }

    #[test]
    fn a_question_about_whether_the_customer_cannot_log_in_rules_nothing_out() {
        let s = state(&[
            (C, "my account is acting weird", None),
            (A, "sorry to hear that. are you not able to log in?", None),
        ]);
        assert!(
            s.said.iter().all(|x| x.kind != SaidKind::Refused),
            "{:?}",
            s.said
        );
    }

    #[test]
    fn an_agents_sticker_after_asking_leaves_the_information_awaited() {
        let s = state(&[
            (C, "我想申请阅读app的内测", None),
            (A, "您好，请将您的手机号发给我做登记哦", None),
            (C, "好呀", None),
            (A, "#E-s01", None),
            (C, "13812345678", None),
        ]);
        assert!(s.just_gave && s.has(Info::Phone), "{s:?}");
    }

    #[test]
    fn an_agents_bare_qinqin_after_asking_for_what_to_change_leaves_it_awaited() {
        let s = state(&[
            (C, "这个发票当时选错选个人了，能重新开吗", None),
            (A, "亲亲您发下要修改的内容 小妹给您修改哦", None),
            (C, "好的", None),
            (A, "亲亲#E-s01", None),
            (C, "某某科技有限公司，纳税人识别码:91110108MA01", None),
        ]);
        assert!(s.just_gave, "{s:?}");
    }

    #[test]
    fn a_yes_to_the_number_the_agent_read_out_gives_the_phone() {
        let s = state(&[
            (C, "发票开错了，在哪儿申请换开", None),
            (A, "手机号码138****5678这个是您的号码吗", None),
            (C, "是的", None),
            (C, "是我的号码", None),
        ]);
        assert!(
            s.just_gave && s.has(Info::Phone) && s.awaited.is_empty(),
            "{s:?}"
        );
    }

    #[test]
    fn asking_someone_first_holds_and_a_nod_to_it_is_no_goodbye() {
        let s = state(&[
            (C, "能退款吗", None),
            (A, "我先问问站长", None),
            (C, "好", None),
        ]);
        assert!(s.holding && !s.closing, "{s:?}");
    }

    #[test]
    fn a_tax_system_upgrade_in_an_explanation_is_no_offer_to_pass_the_case_up() {
        let s = state(&[
            (C, "开好你会发给我吗?", None),
            (
                A,
                "电子发票您可以在订单完成后下载，每月[数字x]号税务系统升级，开具时效会延长 这边可以查询 怎么了?",
                None,
            ),
            (C, "好的", None),
        ]);
        assert!(!s.handover, "{s:?}");
    }

    #[test]
    fn an_ok_to_the_ask_for_the_title_and_tax_number_gives_neither() {
        let s = state(&[
            (C, "我要开发票", None),
            (A, "麻烦提供下抬头和税号", None),
            (C, "好的", None),
        ]);
        assert!(
            !s.has(Info::InvoiceTitle) && s.awaited.contains(&Info::InvoiceTitle),
            "{s:?}"
        );
    }

    #[test]
    fn an_ask_that_ends_in_a_sticker_still_awaits_what_it_asked() {
        let s = state(&[
            (C, "我的订单没收到", None),
            (A, "有手机号码吗#E-s[数字x]", None),
            (C, "嗯", None),
        ]);
        assert!(s.awaited.contains(&Info::Phone) && !s.closing, "{s:?}");
    }

    #[test]
    fn the_companys_name_asked_for_is_the_invoice_title_not_a_persons_name() {
        let s = state(&[(C, "换开公司", None), (A, "那您给我公司名字和税号噢", None)]);
        assert!(
            s.awaited.contains(&Info::InvoiceTitle) && !s.awaited.contains(&Info::Name),
            "{s:?}"
        );
    }

    #[test]
    fn orders_said_to_lack_the_tax_number_leave_the_customer_to_give_it() {
        let s = state(&[
            (C, "怎么改电子发票呢", None),
            (A, "还是辛苦您提供一下税号哦", None),
            (
                C,
                "原来都是默认的，最近发现最近的订单都是默认，结果没有税号了",
                None,
            ),
            (C, "[数字x]L", None),
        ]);
        assert!(s.has(Info::TaxId), "{s:?}");
    }

    #[test]
    fn a_customer_who_says_they_have_no_tax_number_lacks_it() {
        let s = state(&[
            (C, "我要开发票", None),
            (A, "麻烦提供一下税号", None),
            (C, "我没有税号，开个人的吧", None),
        ]);
        assert!(s.awaited.is_empty() && !s.has(Info::TaxId), "{s:?}");
    }

    #[test]
    fn a_yes_to_the_contact_the_agent_read_out_gives_the_phone() {
        let s = state(&[
            (C, "发票帮我改成单位的", None),
            (A, "[姓名x][数字x]您联系方式是这个对吗", None),
            (C, "对", None),
        ]);
        assert!(s.has(Info::Phone), "{s:?}");
    }

    #[test]
    fn a_number_then_call_this_one_gives_the_phone() {
        let s = state(&[
            (C, "坏了，能上门修吗", None),
            (A, "我们过来取的", None),
            (C, "13812345678", None),
            (C, "打这个电话", None),
        ]);
        assert!(s.just_gave && s.has(Info::Phone), "{s:?}");
    }

    #[test]
    fn an_agents_are_you_there_leaves_the_name_it_asked_for_awaited() {
        let s = state(&[
            (C, "i'd like to exchange a sweater", None),
            (A, "sure. may i have your full name please?", None),
            (A, "are you still there?", None),
            (C, "yes", None),
            (C, "maria lopez", None),
        ]);
        assert!(s.has(Info::Name), "{s:?}");
    }

    #[test]
    fn an_agent_who_acted_on_the_order_is_not_told_to_ask_for_the_customers_name() {
        let s = state(&[
            (
                C,
                "my blender arrived with a cracked jar. can i get a replacement?",
                None,
            ),
            (
                A,
                "so sorry! i've asked the warehouse to check stock and will get back to you.",
                None,
            ),
            (C, "when will the replacement ship?", None),
        ]);
        assert!(
            s.known.contains(&Info::Name) && s.known.contains(&Info::OrderId),
            "{s:?}"
        );
    }

    #[test]
    fn an_agents_bare_anything_else_question_is_not_recorded_as_an_answer() {
        let s = state(&[
            (C, "发票在哪里下载?", None),
            (A, "请问还有其他可以帮到您的吗?#E-s[数字x]", None),
        ]);
        assert!(s.said.is_empty(), "{:?}", s.said);
    }

    #[test]
    fn an_outburst_after_the_agent_asked_for_anything_else_is_a_complaint_of_its_own() {
        let s = state(&[
            (C, "快递员为什么不把快递放门卫？", None),
            (A, "亲，配送员需要当面签收，已经帮您备注放门卫了哦", None),
            (C, "好", None),
            (A, "请问还有其他可以帮到您的吗?", None),
            (C, "你们的服务真不能相信", None),
            (C, "我以后再也不在这买东西了", None),
        ]);
        let o = s.open.as_ref().expect("an open request");
        assert_eq!(o.topic, Intent::Complaint, "{s:?}");
    }

    #[test]
    fn asked_again_more_pointedly_the_later_question_is_the_one_awaited() {
        let s = state(&[
            (
                C,
                "my blender arrived with a cracked jar. can i get a replacement?",
                None,
            ),
            (
                A,
                "sorry about that! i've asked the warehouse to check stock.",
                None,
            ),
            (C, "when will the replacement ship? i'm still waiting", None),
        ]);
        let o = s.open.as_ref().expect("an open request");
        assert_eq!(
            (o.topic, o.ask),
            (Intent::Exchange, Some(Ask::When)),
            "{s:?}"
        );
    }

    #[test]
    fn a_new_question_after_a_person_answered_replaces_the_request_for_a_person() {
        let s = state(&[
            (C, "人工电话", None),
            (A, "有问题您可以跟小妹说哦", None),
            (C, "我的问题处理好了没", None),
        ]);
        let o = s.open.as_ref().expect("an open request");
        assert_ne!(o.topic, Intent::HumanAgent, "{s:?}");
        assert!(o.quote.contains("处理好了没"), "{s:?}");
    }

    #[test]
    fn a_number_sent_as_the_single_number_counts_as_the_order_number() {
        let s = state(&[
            (C, "我的火车票可以退订吗，日期错了", None),
            (A, "还请提供单号，以便为您查询", None),
            (C, "VA[数字x]这是单号", None),
        ]);
        assert!(s.has(Info::OrderId), "{s:?}");
    }

    #[test]
    fn a_parcel_the_agent_says_left_the_warehouse_is_shipped() {
        let s = state(&[
            (C, "能改地址吗", None),
            (A, "现在还没有到达站点 已经出库了", None),
        ]);
        assert_eq!(s.stage, Some(Stage::Shipped), "{s:?}");
    }

    #[test]
    fn an_agent_looking_the_order_up_has_it() {
        let s = state(&[
            (C, "东西给我投错站点了", None),
            (A, "好的，这就帮您查询，请稍等下哦", None),
            (C, "什么时候能到", None),
        ]);
        assert!(s.known.contains(&Info::OrderId), "{s:?}");
    }

    #[test]
    fn a_sticker_after_answering_the_agents_question_does_not_close_the_chat() {
        let s = state(&[
            (C, "好了吗", None),
            (A, "[数字x] 已经查到了", None),
            (C, "嗯", None),
            (A, "#E-s[数字x]我现在在尝试操作，您不要离开", None),
            (C, "[姓名x]", None),
            (A, "请问是哪个银行", None),
            (C, "建设银行", None),
            (A, "#E-s[数字x]", None),
            (C, "#E-s[数字x]", None),
        ]);
        assert!(!s.closing, "{s:?}");
    }

    #[test]
    fn an_agent_collecting_the_address_without_asking_the_order_number_has_the_order() {
        let s = state(&[
            (C, "从别处可以发货吗", None),
            (A, "麻烦提供一下您的收货地址", None),
            (C, "辽宁省鞍山市", None),
            (A, "是在哪个区或者县呢", None),
            (C, "鞍山市区", None),
        ]);
        assert!(s.known.contains(&Info::OrderId), "{s:?}");
    }

    #[test]
    fn a_greeting_that_introduces_the_customer_gives_the_name() {
        let s = state(&[(C, "hi i am albert sanders.", None)]);
        assert!(s.given.contains(&Info::Name), "{s:?}");
    }

    #[test]
    fn a_greeting_that_says_what_the_customer_is_doing_gives_no_name() {
        for t in [
            "hi i'm having trouble",
            "hi i am so upset",
            "hello, i am not happy",
        ] {
            let s = state(&[(C, t, None)]);
            assert!(!s.given.contains(&Info::Name), "{t}: {s:?}");
        }
    }

    #[test]
    fn a_bare_i_dont_to_the_agents_ask_marks_it_as_not_to_be_had() {
        let s = state(&[
            (C, "i'd like to check my order status, but i forgot my password.", None),
            (A, "the next bit of information i'll need is your username. do you have that available?", None),
            (C, "i don't, sorry. would my phone number or address be sufficient?", None),
        ]);
        assert!(s.lacking.contains(&Info::Account), "{s:?}");
    }

    #[test]
    fn an_agent_who_cannot_reach_the_station_has_ruled_contacting_it_out() {
        let s = state(&[
            (C, "是明天给我转送过来吗", None),
            (
                A,
                "麻烦您明天再联系一下配送 他们全都下班了 小妹这边也联系不上",
                None,
            ),
            (C, "京东物流不是九点多都还配送的吗", None),
        ]);
        assert!(s.said.iter().any(|x| x.kind == SaidKind::Refused), "{s:?}");
    }

    #[test]
    fn an_agents_how_come_question_is_no_refusal() {
        let s = state(&[
            (C, "我问过财务了，这个发票是报不了的", None),
            (A, "怎么会报不了呢", None),
            (C, "普通票和专用票的税点不一样", None),
        ]);
        assert!(s.said.iter().all(|x| x.kind != SaidKind::Refused), "{s:?}");
    }

    #[test]
    fn a_customer_who_asks_before_buying_has_not_ordered() {
        let s = state(&[(C, "我想买四条轮胎，今天下单什么时候发货", None)]);
        assert!(s.not_ordered(), "{s:?}");
    }

    #[test]
    fn a_customer_who_could_not_buy_has_not_ordered() {
        let s = state(&[(C, "the price went up and i couldnt buy it yesterday", None)]);
        assert!(s.not_ordered(), "{s:?}");
    }

    #[test]
    fn an_order_number_given_later_ends_not_having_ordered() {
        let s = state(&[
            (C, "想买这个，今天下单什么时候发货", None),
            (A, "您好", None),
            (C, "订单号:[ORDERID_10513899] 已经下单了", None),
        ]);
        assert!(!s.not_ordered(), "{s:?}");
    }

    #[test]
    fn sympathy_and_an_offer_of_help_leave_the_customer_waiting() {
        let s = state(&[
            (
                C,
                "everything i want on your site is always out of stock",
                None,
            ),
            (
                A,
                "i'm so sorry to hear this, i'll be happy to assist you the best i can",
                None,
            ),
            (C, "ok", None),
        ]);
        assert!(s.open.is_some_and(|o| !o.answered));
    }

    #[test]
    fn not_wanting_an_item_one_returns_is_the_return_not_a_cancellation() {
        let s = state(&[
            (
                C,
                "hello, my name is albert sanders and i would like to make a return.",
                None,
            ),
            (A, "okay sure, what is your reason for return", None),
            (
                C,
                "i just don't want it anymore. it's still in the original packaging.",
                None,
            ),
        ]);
        assert_eq!(s.open.expect("open").topic, Intent::Return);
    }

    #[test]
    fn stickers_after_the_agent_says_what_they_will_do_go_along_with_it() {
        let s = state(&[
            (C, "我自己申请退款吗", None),
            (A, "这边是会为您申请差价的", None),
            (C, "#E-s[数字x]#E-s[数字x]", None),
        ]);
        assert!(s.agreed && !s.closing, "{s:?}");
    }

    #[test]
    fn a_zip_after_the_bare_word_zip_is_given_and_asked_for_no_more() {
        let s = state(&[
            (C, "i lost my phone and need to change the number", None),
            (A, "please provide your zip code and email address", None),
            (C, "josephbanter566@email.com, zip 3488", None),
        ]);
        assert!(s.has(Info::Zip) && s.awaited.is_empty(), "{s:?}");
    }

    #[test]
    fn an_address_that_ends_with_its_zip_code_gives_the_zip_code() {
        let s = state(&[
            (C, "i need to change my shipping address", None),
            (A, "sure, what is the new address?", None),
            (C, "address: 2152 circle drive la fayette, mi 83259", None),
        ]);
        assert!(s.has(Info::Address) && s.has(Info::Zip), "{s:?}");
    }

    #[test]
    fn an_address_without_a_zip_code_gives_no_zip_code() {
        let s = state(&[
            (C, "i need to change my shipping address", None),
            (A, "sure, what is the new address?", None),
            (C, "address: 2152 circle drive la fayette", None),
        ]);
        assert!(s.has(Info::Address) && !s.has(Info::Zip), "{s:?}");
    }

    #[test]
    fn asking_for_the_current_name_on_the_account_asks_for_the_name() {
        let s = state(&[
            (C, "i want to change name on my account.", None),
            (A, "what is the current name on your account?", None),
            (
                C,
                "rodriguez domingues. it's supposed to be rodriguez domingo",
                None,
            ),
        ]);
        assert!(s.has(Info::Name), "{s:?}");
    }

    #[test]
    fn a_bare_list_of_details_from_the_agent_asks_for_them() {
        let s = state(&[
            (C, "can you check on my order?", None),
            (
                A,
                "your full name, username, email address, and the order id",
                None,
            ),
        ]);
        for i in [Info::Name, Info::Account, Info::Email, Info::OrderId] {
            assert!(s.awaited.contains(&i), "{i:?} {s:?}");
        }
    }

    #[test]
    fn an_agents_further_question_keeps_the_details_still_awaited() {
        let s = state(&[
            (C, "can you check on my order?", None),
            (
                A,
                "can i have your full name, email address and order id?",
                None,
            ),
            (C, "crystal minh", None),
            (
                A,
                "i'd also like to know how long you have been waiting for this shipment",
                None,
            ),
        ]);
        assert!(
            s.awaited.contains(&Info::Email) && s.awaited.contains(&Info::OrderId),
            "{s:?}"
        );
    }

    #[test]
    fn i_need_to_verify_your_identity_with_your_ids_asks_for_them() {
        let s = state(&[
            (C, "i got overcharged for shipping i think", None),
            (
                A,
                "thank you, i need to verify your identity with your account id and order id",
                None,
            ),
            (C, "fmytwhpgll", None),
            (C, "5234102526", None),
        ]);
        assert!(s.has(Info::Account) && s.has(Info::OrderId), "{s:?}");
    }

    #[test]
    fn a_slow_website_while_placing_an_order_is_the_websites_trouble() {
        let s = state(&[(
            C,
            "i am trying to place an order and the website is running really slow",
            None,
        )]);
        assert_eq!(
            s.open.as_ref().map(|o| o.topic),
            Some(Intent::Other),
            "{s:?}"
        );
    }

    #[test]
    fn a_broken_search_on_the_site_is_no_repair_request() {
        let s = state(&[
            (C, "i want to search on your site, but it's broken", None),
            (
                C,
                "the wheel spins and the search never goes through. can you fix it?",
                None,
            ),
        ]);
        assert_eq!(
            s.open.as_ref().map(|o| o.topic),
            Some(Intent::Other),
            "{s:?}"
        );
    }

    #[test]
    fn a_complaint_after_the_website_was_named_stays_the_websites_trouble() {
        let s = state(&[
            (C, "hi the website is running really slow", None),
            (C, "its not working at this speed", None),
        ]);
        assert_eq!(
            s.open.as_ref().map(|o| o.topic),
            Some(Intent::Other),
            "{s:?}"
        );
    }

    #[test]
    fn any_agent_while_waiting_is_a_ping_not_a_request_for_a_person() {
        let s = state(&[
            (
                C,
                "my credit card keeps saying it's invalid on your website.",
                None,
            ),
            (C, "hello, any agent??", None),
        ]);
        assert_ne!(
            s.open.as_ref().map(|o| o.topic),
            Some(Intent::HumanAgent),
            "{s:?}"
        );
    }

    #[test]
    fn the_reason_for_a_return_given_when_asked_keeps_the_return_open() {
        let s = state(&[
            (
                C,
                "my order id is 4671165253. i would like to return this guess shirt for $59.",
                None,
            ),
            (A, "i understand, could you tell me the reason?", None),
            (C, "the shirt arrived with a stain on it.", None),
        ]);
        assert_eq!(
            s.open.as_ref().map(|o| o.topic),
            Some(Intent::Return),
            "{s:?}"
        );
    }

    #[test]
    fn other_details_offered_instead_leave_the_asked_one_lacking() {
        let s = state(&[
            (
                C,
                "i lost the phone i was using for two factor authentication",
                None,
            ),
            (A, "and what is your email address on file?", None),
            (C, "i have the pin number and phone if that works", None),
        ]);
        assert!(
            s.lacking.contains(&Info::Email) && s.awaited.is_empty(),
            "{s:?}"
        );
    }

    #[test]
    fn not_having_it_after_the_agents_nudges_lacks_what_was_asked() {
        let s = state(&[
            (C, "i need to reset my two factor authentication", None),
            (A, "would you give me your email", None),
            (A, "so i can send the reset email", None),
            (A, "sir?", None),
            (
                C,
                "i do not have that information. my phone number is (243) 386-8693",
                None,
            ),
        ]);
        assert!(s.lacking.contains(&Info::Email), "{s:?}");
    }

    #[test]
    fn a_name_leading_a_list_of_labelled_details_gives_the_name() {
        let s = state(&[
            (C, "i forgot my username", None),
            (
                A,
                "what is your full name, email address, and zip code?",
                None,
            ),
            (
                C,
                "chloe zhang, email is chloez36@email.com the zip code is 92173",
                None,
            ),
        ]);
        assert!(
            s.has(Info::Name) && s.has(Info::Email) && s.has(Info::Zip),
            "{s:?}"
        );
    }

    #[test]
    fn the_answer_to_the_security_question_gives_the_pin() {
        let s = state(&[
            (C, "i need to reset my two factor authentication", None),
            (C, "the answer to my security question is livingston", None),
        ]);
        assert!(s.has(Info::Pin), "{s:?}");
    }

    #[test]
    fn a_status_read_out_in_two_messages_keeps_the_cancellation_open() {
        let s = state(&[
            (C, "i want to cancel my order", None),
            (A, "and what is the status of your shipment?", None),
            (
                C,
                "it was an order i just placed, so it should still be processing",
                None,
            ),
            (C, "i haven't received any shipment notifications", None),
        ]);
        assert_eq!(
            s.open.as_ref().map(|o| o.topic),
            Some(Intent::Cancellation),
            "{s:?}"
        );
    }

    #[test]
    fn thinking_about_making_a_purchase_is_no_order_change() {
        let s = state(&[
            (C, "hi i was wondering when my promo code expires", None),
            (
                A,
                "you are needing to know how long you have to use the promo code?",
                None,
            ),
            (C, "yes", None),
            (C, "i was thinking about making a purchase", None),
        ]);
        assert_ne!(
            s.open.as_ref().map(|o| o.topic),
            Some(Intent::OrderChange),
            "{s:?}"
        );
    }

    #[test]
    fn a_status_read_out_by_the_customer_sets_the_order_stage() {
        let shipped = state(&[
            (C, "i want to upgrade my order to overnight shipping", None),
            (A, "what is the shipping status of your order?", None),
            (C, "my status shows \"in transit.\"", None),
        ]);
        assert_eq!(shipped.stage, Some(Stage::Shipped), "{shipped:?}");
        let delivered = state(&[
            (C, "i never got my order", None),
            (C, "it says it has been delivered", None),
        ]);
        assert_eq!(delivered.stage, Some(Stage::Delivered), "{delivered:?}");
    }

    #[test]
    fn a_bare_order_number_beside_a_labelled_username_is_still_the_order_number() {
        let s = state(&[
            (C, "i never received my package", None),
            (A, "may i have your order id, email and username?", None),
            (
                C,
                "8310323014 jbanter1@email.com user name is jbanter1",
                None,
            ),
        ]);
        assert!(s.has(Info::OrderId), "{s:?}");
    }

    #[test]
    fn two_of_three_given_where_the_agent_said_two_will_do_leaves_nothing_awaited() {
        let s = state(&[
            (C, "i seem to have forgotten my username", None),
            (A, "may i get your full name, please?", None),
            (C, "sure it's joyce wu", None),
            (
                A,
                "to help me verify your identity, would you please provide your zip code, phone number, and email address? two out of those three options would be fine.",
                None,
            ),
            (C, "okay sure", None),
            (C, "zip code is 83181", None),
            (C, "and my email address is jw161159@email.com", None),
        ]);
        assert!(s.awaited.is_empty(), "{s:?}");
        assert!(s.known.contains(&Info::Phone), "{s:?}");
    }

    #[test]
    fn a_name_given_for_name_order_id_and_account_id_leaves_the_ids_awaited() {
        let s = state(&[
            (
                C,
                "i want to make sure the shipping cost is included in the displayed cost",
                None,
            ),
            (
                A,
                "okay, can i get your full name, order id and account id?",
                None,
            ),
            (C, "chloe zhang", None),
        ]);
        assert!(s.has(Info::Name) && !s.has(Info::OrderId), "{s:?}");
        assert!(s.awaited.contains(&Info::OrderId), "{s:?}");
    }

    #[test]
    fn a_name_given_for_name_or_account_id_answers_the_question() {
        let s = state(&[
            (C, "i need to change the shipping address on my order", None),
            (A, "can i please get your full name or account id?", None),
            (C, "albert sanders", None),
        ]);
        assert!(s.has(Info::Account) && s.awaited.is_empty(), "{s:?}");
    }

    #[test]
    fn an_agent_who_pulled_up_the_account_while_asking_has_the_account() {
        let s = state(&[
            (C, "i lost my phone for two factor authentication", None),
            (
                A,
                "i've pulled up your account. can i have your email address, please?",
                None,
            ),
            (C, "not sure which one i used", None),
        ]);
        assert!(s.known.contains(&Info::Account), "{s:?}");
    }

    #[test]
    fn a_yes_to_the_agents_reading_of_the_request_makes_it_the_request() {
        let s = state(&[
            (C, "i want to check my order but i can't log in because i lost my phone", None),
            (A, "okay, so do you want to reset your two factor authentication since you don't have your phone?", None),
            (C, "yes", None),
        ]);
        assert_eq!(s.open.expect("open").topic, Intent::Account);
    }

    #[test]
    fn an_agent_who_read_the_phone_number_on_the_order_has_the_order() {
        let s = state(&[
            (C, "发票怎么是个人呢?", None),
            (A, "您的电话留下的是空号，所以没有打通的呢", None),
            (C, "什么时候改好呀?", None),
        ]);
        assert!(s.known.contains(&Info::OrderId), "{s:?}");
    }

    #[test]
    fn a_follow_up_asking_when_becomes_the_question_quoted() {
        let s = state(&[
            (C, "发票怎么是个人呢?帮我改下发票", None),
            (A, "好的呢 请问还有什么其他可以帮助您的吗?", None),
            (C, "什么时候改好呀?", None),
        ]);
        let o = s.open.expect("open");
        assert_eq!(
            (o.ask, o.quote.as_str()),
            (Some(Ask::When), "什么时候改好呀?")
        );
    }

    #[test]
    fn an_english_when_clause_that_tells_what_happened_asks_no_when() {
        let s = state(&[
            (C, "i need you to help me add an item to my order", None),
            (A, "sure, may i have your full name?", None),
            (C, "joseph banter", None),
            (A, "thanks joseph, what happened?", None),
            (
                C,
                "when i placed the order i forgot the belt, can you add it?",
                None,
            ),
        ]);
        assert_ne!(s.open.expect("open").ask, Some(Ask::When));
    }

    #[test]
    fn a_bare_yes_no_follow_up_keeps_the_request_quoted() {
        let s = state(&[
            (C, "我要保价", None),
            (A, "好的，您稍等", None),
            (C, "看到了吗", None),
        ]);
        assert_eq!(s.open.expect("open").quote, "我要保价");
    }

    #[test]
    fn the_same_question_in_a_new_turn_counts_as_asked_again_though_unanswered() {
        let s = state(&[
            (C, "发票怎么是个人呢?帮我改下发票", None),
            (A, "好的呢 请问还有什么其他可以帮助您的吗?", None),
            (C, "什么时候改好呀?", None),
            (A, "在的呢", None),
            (C, "大概什么时候可以改好呢?", None),
        ]);
        assert_eq!(s.open.expect("open").times, 2);
    }

    #[test]
    fn an_agent_who_already_acted_on_the_order_has_it() {
        let s = state(&[
            (C, "这个杯子我想退一个", None),
            (A, "已经帮您申请售后了，师傅会上门取件", None),
            (C, "要指定退哪个吗？", None),
        ]);
        assert!(s.known.contains(&Info::OrderId), "{s:?}");
        assert!(
            !s.given.contains(&Info::OrderId),
            "the customer did not type it: {s:?}"
        );
    }

    #[test]
    fn an_agent_who_pulled_up_the_account_has_the_name_and_account() {
        let s = state(&[
            (C, "i need to update my phone number", None),
            (A, "thanks, i've pulled up your account.", None),
            (C, "ok what do you need from me", None),
        ]);
        assert!(
            s.known.contains(&Info::Account) && s.known.contains(&Info::Name),
            "{s:?}"
        );
    }

    #[test]
    fn a_taxpayer_number_or_company_title_the_customer_typed_is_the_invoice_title() {
        let s = state(&[
            (C, "发票要开公司的", None),
            (A, "好的", None),
            (C, "抬头：杭州某某科技有限公司 91330100MA2B3C4D5E", None),
        ]);
        assert!(
            s.given.contains(&Info::InvoiceTitle) && s.given.contains(&Info::TaxId),
            "{s:?}"
        );
    }

    #[test]
    fn asking_why_the_invoice_is_personal_gives_no_invoice_title() {
        let s = state(&[(C, "发票怎么开成个人的了？", None)]);
        assert!(!s.given.contains(&Info::InvoiceTitle), "{s:?}");
    }

    #[test]
    fn an_agent_who_confirms_answers_the_question() {
        let s = state(&[
            (C, "我直接申请退款就行是吗", None),
            (A, "嗯嗯，是的哦", None),
        ]);
        assert!(s.open.as_ref().is_some_and(|o| o.answered), "{s:?}");
    }

    #[test]
    fn money_asked_where_it_goes_back_to_is_a_refund_not_a_return() {
        let s = state(&[(C, "那是退到小金库还是到银行卡", None)]);
        assert_eq!(s.open.expect("open").topic, Intent::Refund);
    }

    #[test]
    fn a_bare_no_with_a_particle_to_anything_else_closes() {
        let s = state(&[
            (C, "售后的站点在哪", None),
            (A, "小妹这边不负责售后所以售后的站点确实不太清楚亲", None),
            (C, "行", None),
            (A, "请问还有其他还可以帮到您的吗?", None),
            (C, "没了吧", None),
        ]);
        assert!(s.closing, "{s:?}");
    }

    #[test]
    fn an_order_gone_after_anything_else_does_not_close() {
        let s = state(&[
            (C, "我的订单呢", None),
            (A, "您刷新一下看看 请问还有其他还可以帮到您的吗?", None),
            (C, "订单没了", None),
        ]);
        assert!(!s.closing, "{s:?}");
    }

    #[test]
    fn something_more_asked_for_with_thanks_does_not_close() {
        let s = state(&[
            (C, "什么时候能到货?", None),
            (A, "小妹登记后3-5工作日 不会忘记的亲亲", None),
            (C, "多给个收表带上的环吧，谢谢", None),
        ]);
        assert!(!s.closing, "{s:?}");
    }

    #[test]
    fn thanks_for_the_trouble_after_the_agent_did_it_closes() {
        let s = state(&[
            (C, "我不是自愿自动续费的，所以我想退款", None),
            (A, "好的 我帮您处理吧 3-5天退款完成", None),
            (C, "谢谢，麻烦你了", None),
        ]);
        assert!(s.closing, "{s:?}");
    }

    #[test]
    fn asking_for_the_trouble_of_a_lookup_is_no_goodbye() {
        let s = state(&[
            (C, "我的退款到哪了", None),
            (A, "退款已经提交了", None),
            (C, "好的，麻烦你查一下到账没有，谢谢", None),
        ]);
        assert!(!s.closing, "{s:?}");
    }

    #[test]
    fn a_bare_ok_from_the_agent_does_not_stop_the_customer_from_closing() {
        let s = state(&[
            (C, "支付密码忘了怎么办", None),
            (A, "在设置里可以重置支付密码哦", None),
            (C, "我等会试试", None),
            (A, "好的", None),
            (C, "没事了，谢谢", None),
        ]);
        assert!(s.closing, "{s:?}");
    }

    #[test]
    fn an_agent_who_says_they_will_look_into_it_holds_the_conversation() {
        let s = state(&[
            (C, "the search bar shows unrelated items", None),
            (A, "i see, i will take a look into this", None),
            (C, "ok", None),
        ]);
        assert!(s.holding && !s.closing, "{s:?}");
    }

    #[test]
    fn thanks_with_a_problem_still_there_is_not_a_goodbye() {
        let s = state(&[
            (C, "the website is really slow today", None),
            (A, "i'm sorry to hear that, let's see what we can do.", None),
            (C, "thanks. i still can't see any pictures", None),
        ]);
        assert!(!s.closing, "{s:?}");
    }

    #[test]
    fn a_customer_who_goes_to_try_something_is_not_closing() {
        let s = state(&[
            (C, "my code doesn't work at checkout", None),
            (A, "please try removing the item and adding it again.", None),
            (C, "ok let me try", None),
        ]);
        assert!(s.trying && !s.closing, "{s:?}");
    }

    #[test]
    fn asking_whether_it_is_done_yet_is_a_question() {
        let s = state(&[
            (C, "我要投诉，快递员态度很差", None),
            (A, "已经帮您反馈了", None),
            (C, "处理好了没", None),
        ]);
        assert!(s.waiting(), "{s:?}");
    }

    #[test]
    fn the_open_request_counts_the_askings_and_when_it_was_first_asked() {
        let s = state(&[
            (C, "退款什么时候到账？", Some("2026-09-08T17:00:05+08:00")),
            (A, "亲，1-3个工作日哦", Some("2026-09-08T17:01:00+08:00")),
            (
                C,
                "退款还没到账，什么时候到？",
                Some("2026-09-10T09:00:00+08:00"),
            ),
            (A, "请您耐心等待", None),
            (C, "退款到底什么时候到账？？", None),
        ]);
        let o = s.open.as_ref().expect("open request");
        assert_eq!(
            (o.topic, o.ask, o.times),
            (Intent::Refund, Some(Ask::When), 3)
        );
        assert!(
            s.line_zh.contains("第3次问") && s.line_zh.contains("首次 17:00"),
            "{}",
            s.line_zh
        );
        assert!(
            s.line_zh.contains("你说过：") && s.line_zh.contains("3个工作日"),
            "{}",
            s.line_zh
        );
    }

    #[test]
    fn a_follow_up_on_the_same_topic_is_not_counted_as_asking_again() {
        let s = state(&[
            (C, "我想退货", None),
            (A, "好的，是什么原因呢", None),
            (C, "尺码不合适，运费谁出？", None),
        ]);
        assert_eq!(s.open.as_ref().map(|o| o.times), Some(1));
    }

    #[test]
    fn what_the_customer_gave_is_remembered() {
        let s = state(&[
            (C, "订单号 260908123456789012，电话13812345678", None),
            (C, "[图片]", None),
        ]);
        assert!(
            s.has(Info::OrderId) && s.has(Info::Phone) && s.has(Info::Photo),
            "{:?}",
            s.given
        );
    }

    #[test]
    fn a_long_answer_naming_what_the_agent_asked_for_keeps_the_customers_topic() {
        let s = state(&[
            (
                C,
                "hi, there was a charge on my card that was doubled",
                None,
            ),
            (A, "can i get your name and account number please?", None),
            (
                C,
                "sure can. my name is joyce wu (last time i checked) and account # is doznlh3gqp",
                None,
            ),
        ]);
        let open = s.open.as_ref().map(|o| o.topic);
        assert_eq!(open, Some(Intent::Payment), "{s:?}");
        assert!(s.has(Info::Name) && s.has(Info::Account), "{s:?}");
    }

    #[test]
    fn an_account_id_handed_over_on_its_own_line_keeps_the_customers_topic() {
        let s = state(&[
            (C, "the item i want to buy was much cheaper yesterday", None),
            (A, "can i get your full name and account id please?", None),
            (C, "name: rodriguez domingo", None),
            (C, "account id: y2ulqftdxo", None),
        ]);
        assert_eq!(
            s.open.as_ref().map(|o| o.topic),
            Some(Intent::Price),
            "{s:?}"
        );
    }

    #[test]
    fn asking_for_the_price_difference_back_is_a_price_question_not_a_refund() {
        let s = state(&[
            (C, "我刚买的衣架今天刚刚收到就便宜了", None),
            (C, "能退差价么?", None),
        ]);
        assert_eq!(
            s.open.as_ref().map(|o| o.topic),
            Some(Intent::Price),
            "{s:?}"
        );
    }

    #[test]
    fn accepting_what_the_agent_proposed_means_going_ahead() {
        let s = state(&[
            (C, "不能退到我支付卡上?", None),
            (A, "很抱歉，是不支持原返的，可以退到余额", None),
            (C, "那行吧，退余额上", None),
        ]);
        assert!(s.agreed, "{s:?}");
        assert!(s.open.as_ref().is_some_and(|o| o.answered), "{s:?}");
    }

    #[test]
    fn a_grudging_ok_that_asks_again_is_not_acceptance() {
        let s = state(&[
            (C, "不能退到我支付卡上?", None),
            (A, "很抱歉，是不支持原返的，可以退到余额", None),
            (C, "好吧，那为什么不能退到卡上？", None),
        ]);
        assert!(!s.agreed, "{s:?}");
    }

    #[test]
    fn an_address_said_to_be_wrong_with_words_between_is_an_address_change() {
        let s = state(&[
            (C, "不可以取消的嘛?", None),
            (A, "不能哦 这个订单不能恢复了呢", None),
            (C, "我地址好像搞错了", None),
            (C, "可以改下嘛", None),
        ]);
        assert_eq!(
            s.open.as_ref().map(|o| o.topic),
            Some(Intent::AddressChange),
            "{s:?}"
        );
    }

    #[test]
    fn keeping_the_address_as_it_is_is_no_address_change() {
        let s = state(&[(C, "那订单上北京的地址就不改了", None)]);
        assert_ne!(
            s.open.as_ref().map(|o| o.topic),
            Some(Intent::AddressChange),
            "{s:?}"
        );
    }

    #[test]
    fn a_cancellation_already_done_does_not_replace_the_question_about_the_invoice() {
        let s = state(&[
            (C, "两个订单的发票能开在一起吗", None),
            (A, "普通发票都是一单单开具的哦", None),
            (C, "取消了你们又说能开在一起", None),
        ]);
        assert_eq!(
            s.open.as_ref().map(|o| o.topic),
            Some(Intent::Invoice),
            "{s:?}"
        );
    }

    #[test]
    fn an_ok_with_ne_after_the_answer_leaves_the_request_answered() {
        let s = state(&[
            (C, "发票抬头要改成[组织机构x] 税号[数字x]", None),
            (
                A,
                "订单完成联系财务进行换开，正常时效[数字x]个工作日换开完成",
                None,
            ),
            (C, "好的呢", None),
        ]);
        assert!(s.open.as_ref().is_some_and(|o| o.answered), "{s:?}");
    }

    #[test]
    fn cancelling_a_repair_service_is_about_the_repair_not_the_order() {
        let s = state(&[
            (C, "[ORDERID_10980189] 可以帮我取消这个订单吗", None),
            (A, "稍等哦", None),
            (C, "取消维修服务", None),
        ]);
        assert_eq!(
            s.open.as_ref().map(|o| o.topic),
            Some(Intent::Warranty),
            "{s:?}"
        );
    }

    #[test]
    fn a_title_and_tax_number_filled_in_like_a_form_are_given_though_the_message_asks() {
        let s = state(&[(
            C,
            "发票名称:河南[地址x]，纳税识别号:[数字x]L 可以修改吗",
            None,
        )]);
        assert!(s.has(Info::TaxId) && s.has(Info::InvoiceTitle), "{s:?}");
    }

    #[test]
    fn a_code_ending_in_a_letter_after_the_tax_label_is_the_tax_number() {
        let s = state(&[(C, "[组织机构x]，税号，[数字x]J", None)]);
        assert!(s.has(Info::TaxId), "{s:?}");
    }

    #[test]
    fn a_size_ending_in_a_letter_is_no_tax_number() {
        assert!(!tax_code_in_context("这个支持[数字x]g网络吗"));
    }

    #[test]
    fn money_not_come_back_is_the_refund_whatever_word_of_returning_carries_it() {
        let s = state(&[(C, "款没退回来", None)]);
        assert_eq!(
            s.open.as_ref().map(|o| o.topic),
            Some(Intent::Refund),
            "{s:?}"
        );
    }

    #[test]
    fn cancelling_a_return_applied_for_is_about_the_return_not_the_order() {
        let s = state(&[(C, "我买的手机已经申请了退货服务，想取消怎么取消", None)]);
        assert_eq!(
            s.open.as_ref().map(|o| o.topic),
            Some(Intent::Return),
            "{s:?}"
        );
    }

    #[test]
    fn being_unhappy_with_the_bill_is_a_payment_request() {
        let s = state(&[(
            C,
            "hi, i am not happy with my bill. there was a charge on there that was doubled",
            None,
        )]);
        assert_eq!(
            s.open.as_ref().map(|o| o.topic),
            Some(Intent::Payment),
            "{s:?}"
        );
    }

    #[test]
    fn an_account_id_the_customer_is_unsure_of_after_giving_the_name_counts_as_lacking() {
        let s = state(&[
            (C, "the boots i wanted are out of stock", None),
            (A, "give me your full name or account id", None),
            (C, "my name is david williams", None),
            (C, "i'm not entirely sure what my account id is", None),
        ]);
        assert!(
            s.lacking.contains(&Info::Account) && !s.has(Info::Account),
            "{s:?}"
        );
    }

    #[test]
    fn naming_the_account_now_hands_over_no_account_number() {
        let s = state(&[(
            C,
            "i wanna change the phone number on my account now.",
            None,
        )]);
        assert!(!s.has(Info::Account), "{s:?}");
    }

    #[test]
    fn a_forgotten_username_is_not_handed_over_by_saying_so() {
        let s = state(&[
            (
                C,
                "i forgot my username and would like to access my account",
                None,
            ),
            (A, "you want to recover your username, correct?", None),
            (C, "yes", None),
        ]);
        assert!(!s.has(Info::Account), "{s:?}");
    }

    #[test]
    fn a_username_given_after_is_counts_as_given() {
        let s = state(&[(C, "yup, my username is crystalm695", None)]);
        assert!(s.has(Info::Account), "{s:?}");
    }

    #[test]
    fn asking_for_the_email_address_asks_for_no_postal_address() {
        let s = state(&[
            (C, "i put in the wrong address!", None),
            (
                A,
                "can i please have your username, email address and order number?",
                None,
            ),
        ]);
        assert!(!s.awaited.contains(&Info::Address), "{s:?}");
    }

    #[test]
    fn a_hand_over_that_asks_whether_it_is_right_keeps_the_request() {
        let s = state(&[
            (C, "i put in the wrong address on my order!", None),
            (A, "can i please have your username and order number?", None),
            (
                C,
                "yup..my username is crystalm695 and the order id is 7159317502, is that right?",
                None,
            ),
        ]);
        assert_eq!(
            s.open.as_ref().map(|o| o.topic),
            Some(Intent::AddressChange),
            "{s:?}"
        );
    }

    #[test]
    fn an_agent_saying_the_order_has_not_shipped_sets_the_stage_to_paid() {
        let s = state(&[
            (C, "这么久还没看到物流的变动", None),
            (A, "您稍等哈正在查询 这边看到商家还没发货呢", None),
        ]);
        assert_eq!(s.stage, Some(Stage::Paid), "{s:?}");
    }

    #[test]
    fn how_long_a_sleeve_is_asks_a_measurement_not_a_time() {
        assert_ne!(
            ask_of("how long is the arm length of shirt by guess?"),
            Some(Ask::When)
        );
    }

    #[test]
    fn a_yes_to_whether_the_refund_was_started_says_it_was() {
        let s = state(&[
            (C, "i returned a shirt but i don't see the credit", None),
            (A, "did you initiate the refund already?", None),
            (C, "i did", None),
        ]);
        assert_eq!(s.stage, Some(Stage::RefundApplied), "{s:?}");
    }

    #[test]
    fn an_account_number_asked_for_and_given_counts_as_the_account() {
        let s = state(&[
            (C, "is my subscription active right now?", None),
            (
                A,
                "can i please have your full name and account number?",
                None,
            ),
            (C, "chloe zhang, gfzch32b9q", None),
        ]);
        assert!(s.has(Info::Account), "{s:?}");
    }

    #[test]
    fn a_complaint_right_after_a_refusal_runs_into_that_refusal() {
        let s = state(&[
            (C, "能不能帮我跟快递说一下放门卫", None),
            (A, "这个确实是需要您与配送协商呢", None),
            (C, "京东服务不能相信，我以后少来这买东西", None),
        ]);
        assert!(s.refused_open().is_some(), "{s:?}");
    }

    #[test]
    fn an_agent_who_leaves_it_to_the_customer_to_arrange_has_refused() {
        let s = state(&[
            (C, "能不能帮我跟快递说一下放门卫", None),
            (A, "这个需要您与配送师傅协商一下哈", None),
        ]);
        assert!(s.said.iter().any(|x| x.kind == SaidKind::Refused), "{s:?}");
    }

    #[test]
    fn a_hold_that_tells_the_stage_answers_the_customer() {
        let s = state(&[
            (C, "这么久还没看到物流的变动", None),
            (A, "您稍等哈正在查询 这边看到商家还没发货呢", None),
        ]);
        assert!(
            !s.holding && s.open.as_ref().is_some_and(|o| o.answered),
            "{s:?}"
        );
    }

    #[test]
    fn invoice_papers_the_customer_says_they_uploaded_count_as_given() {
        let s = state(&[(
            C,
            "麻烦补开一个纸质增值税发票，相关资质我都上传了，谢谢",
            None,
        )]);
        assert!(s.has(Info::InvoiceTitle) && s.has(Info::TaxId), "{s:?}");
    }

    #[test]
    fn not_received_once_the_refund_is_made_is_the_money_not_a_parcel() {
        let s = state(&[
            (C, "我要退款", None),
            (A, "已经为您退款成功了，请注意查收", None),
            (C, "没收到呢", None),
        ]);
        assert_eq!(
            s.open.as_ref().map(|o| o.topic),
            Some(Intent::Refund),
            "{s:?}"
        );
    }

    #[test]
    fn the_agent_saying_it_is_looking_it_up_holds_and_an_ok_to_it_does_not_close() {
        for hold in [
            "亲，小妹给您查询一下的呢~",
            "嗯嗯，好的，正在查询，请您不要下线哈",
            "亲亲我们这边要核实一下",
        ] {
            let s = state(&[
                (C, "现在那个到哪里了", None),
                (A, hold, None),
                (C, "好的", None),
            ]);
            assert!(s.holding && !s.closing, "{hold}: {s:?}");
        }
    }

    #[test]
    fn shipped_only_yesterday_is_shipped_and_when_will_it_finally_ship_is_not() {
        assert_eq!(
            state(&[(C, "我的昨天才发货", None)]).stage,
            Some(Stage::Shipped)
        );
        assert_eq!(state(&[(C, "什么时候才发货", None)]).stage, None);
    }

    #[test]
    fn where_to_do_something_asks_how_to_do_it() {
        assert_eq!(ask_of("在哪申请退款呢?"), Some(Ask::How));
        assert_eq!(ask_of("哪里可以开发票"), Some(Ask::How));
        assert_eq!(ask_of("我的退款到哪了"), Some(Ask::Where));
    }

    #[test]
    fn where_typed_with_the_same_sounding_na_asks_where() {
        assert_eq!(ask_of("在那看物流呢?"), Some(Ask::Where));
        assert_eq!(ask_of("我在那边买的"), None);
        assert_eq!(ask_of("那我申请退款可以吗"), Some(Ask::Whether));
    }

    #[test]
    fn asking_where_to_apply_after_being_told_one_may_is_not_asking_twice() {
        let s = state(&[
            (C, "那我申请退款可以吗", None),
            (A, "要是比较着急可以申请呢", None),
            (C, "比较着急", None),
            (A, "#E-s[数字x]", None),
            (C, "在那申请退款呢?", None),
        ]);
        assert!(s.open.as_ref().is_some_and(|o| o.times == 1), "{s:?}");
    }

    #[test]
    fn no_a_remark_and_thanks_to_anything_else_closes_the_chat() {
        let s = state(&[
            (C, "那还是发给他吧", None),
            (A, "好的 请问还有其他还可以帮到您的吗?", None),
            (C, "暂时没有了，一会麻烦快递员给送过去就好了。谢谢", None),
        ]);
        assert!(s.closing, "{s:?}");
    }

    #[test]
    fn no_and_a_new_problem_to_anything_else_keeps_the_chat_open_despite_thanks() {
        let s = state(&[
            (C, "好的", None),
            (A, "好的 请问还有其他还可以帮到您的吗?", None),
            (C, "没有了，就是退款还没到账，谢谢", None),
        ]);
        assert!(!s.closing, "{s:?}");
    }

    #[test]
    fn a_short_yes_with_its_particle_answers_a_yes_or_no_question() {
        let s = state(&[
            (C, "货到付款可以刷卡吗", None),
            (A, "可以哦", None),
            (C, "好的", None),
        ]);
        assert!(s.closing, "{s:?}");
    }

    #[test]
    fn dropping_the_request_then_no_worries_winds_down() {
        let s = state(&[
            (C, "我想注销这个手机卡", None),
            (C, "那就别弄了。卡来了我直接不用应该就自动注销了", None),
            (A, "给您带来不便，还请您见谅~", None),
            (C, "没事没事", None),
        ]);
        assert!(s.closing, "{s:?}");
    }

    #[test]
    fn an_ok_then_a_name_alone_winds_down_after_an_answer() {
        let s = state(&[
            (C, "直接送到我手里那种不会让我自己去取吧", None),
            (A, "送货上门的", None),
            (C, "ok", None),
            (C, "[姓名x]", None),
        ]);
        assert!(s.closing, "{s:?}");
    }

    #[test]
    fn a_bare_er_after_an_answer_winds_down() {
        let s = state(&[
            (C, "能专门开纸质发票么", None),
            (A, "不能", None),
            (C, "额。", None),
        ]);
        assert!(s.closing, "{s:?}");
    }

    #[test]
    fn er_then_a_problem_does_not_wind_down() {
        let s = state(&[
            (C, "订单12345678901是几件商品", None),
            (A, "查询是2件商品", None),
            (C, "，额，我只收到一件", None),
        ]);
        assert!(!s.closing, "{s:?}");
    }

    #[test]
    fn i_get_it_said_with_la_winds_down() {
        let s = state(&[
            (C, "5%的手续费是什么意思", None),
            (A, "就是只退机建燃油具体以航司为准", None),
            (C, "噢", None),
            (C, "我懂啦", None),
        ]);
        assert!(s.closing, "{s:?}");
    }

    #[test]
    fn taking_the_one_way_the_agent_left_is_agreeing_to_it() {
        let s = state(&[
            (C, "这两个订单开专票，名称和税号发您了", None),
            (
                A,
                "这个订单开专票的话只能开您当时下单时的那个抬头的呢",
                None,
            ),
            (C, "那也行", None),
        ]);
        assert!(s.agreed && !s.closing, "{s:?}");
    }

    #[test]
    fn a_number_then_this_service_number_in_the_next_message_gives_the_order_number() {
        let s = state(&[
            (C, "返修退换货咨询", None),
            (C, "84123456789", None),
            (C, "帮我跟进一下这个售后服务号可以吗", None),
        ]);
        assert!(s.has(Info::OrderId), "{s:?}");
    }

    #[test]
    fn a_number_then_order_number_in_the_next_message_gives_the_order_number() {
        let s = state(&[
            (C, "退款三天了还未到账", None),
            (C, "[数字x]", None),
            (C, "订单号", None),
        ]);
        assert!(s.has(Info::OrderId), "{s:?}");
        assert_eq!(
            s.open.as_ref().map(|o| o.topic),
            Some(Intent::Refund),
            "{s:?}"
        );
    }

    #[test]
    fn an_invoice_name_labelled_as_such_gives_the_title() {
        let s = state(&[
            (A, "亲爱的 辛苦您给妹子下您的修改内容的呢", None),
            (C, "发票名称:西安某某科技有限责任公司", None),
        ]);
        assert!(s.has(Info::InvoiceTitle), "{s:?}");
    }

    #[test]
    fn a_company_and_its_taxpayer_number_labelled_as_such_give_title_and_tax_number() {
        let s = state(&[
            (A, "亲亲您发下要修改的内容 小妹给您修改哦", None),
            (C, "[组织机构x]，纳税人识别码:[数字x]X[数字x]", None),
        ]);
        assert!(s.has(Info::InvoiceTitle) && s.has(Info::TaxId), "{s:?}");
    }

    #[test]
    fn a_tax_number_with_anonymised_digit_runs_is_still_a_tax_number() {
        assert!(has_tax_id(
            "[数字x]ma[数字x]f[数字x]rkm[数字x]r[组织机构x] 这个呀"
        ));
    }

    #[test]
    fn a_phone_number_handed_over_by_name_is_no_request_for_a_person() {
        let s = state(
            &[
                (C, "i forgot my password"),
                (A, "i'll also need either your zip code or email address"),
                (C, "phone number is (499) 412-7409"),
            ]
            .map(|(r, t)| (r, t, None)),
        );
        assert!(
            s.has(Info::Phone) && s.open.as_ref().map(|o| o.topic) != Some(Intent::HumanAgent),
            "{s:?}"
        );
    }

    #[test]
    fn offering_other_details_instead_of_the_username_is_no_address_request() {
        let s = state(
            &[
                (
                    C,
                    "i'd like to check my order status, but i forgot my password.",
                ),
                (A, "the next bit of information i'll need is your username."),
                (
                    C,
                    "i don't, sorry. would my phone number or address be sufficient?",
                ),
            ]
            .map(|(r, t)| (r, t, None)),
        );
        assert_ne!(
            s.open.as_ref().map(|o| o.topic),
            Some(Intent::AddressChange),
            "{s:?}"
        );
    }

    #[test]
    fn a_customer_going_to_look_on_another_device_is_trying() {
        let s = state(
            &[
                (C, "那为啥找不到订单了呢"),
                (A, "不会的哦历史是有的"),
                (C, "算了"),
                (C, "我电脑端找找"),
            ]
            .map(|(r, t)| (r, t, None)),
        );
        assert!(s.trying, "{s:?}");
    }

    #[test]
    fn not_wanting_an_issue_again_is_no_second_asking() {
        let s = state(
            &[
                (A, "no not your address, the shipping status of your order."),
                (C, "i'm so sorry. it says delivered."),
                (A, "well if it's at your house there's not much we can do"),
                (
                    C,
                    "can you tell me why it would be delivered later than stated i don't want to have this issue again",
                ),
            ]
            .map(|(r, t)| (r, t, None)),
        );
        assert_eq!(s.open.as_ref().map(|o| o.times), Some(1), "{s:?}");
    }

    #[test]
    fn the_answer_to_what_the_agent_asked_counts_as_given() {
        let s = state(&[
            (C, "i want to return my jeans", None),
            (A, "sure, can i have your full name?", None),
            (C, "anna lee", None),
        ]);
        assert!(
            s.has(Info::Name) && s.just_gave && s.awaited.is_empty(),
            "{:?}",
            s
        );
        let s = state(&[
            (C, "i want to return my jeans", None),
            (A, "can i have your account id?", None),
            (C, "i don't know my account id", None),
        ]);
        // Said they do not have it: not given, and not awaited any more (not asked for again).
        assert!(
            !s.has(Info::Account) && s.awaited.is_empty() && s.lacking == vec![Info::Account],
            "{:?}",
            s
        );
    }

    #[test]
    fn a_received_parcel_is_delivered_and_one_not_received_is_not() {
        assert_eq!(
            state(&[(C, "收到了，但是杯子是坏的", None)]).stage,
            Some(Stage::Delivered)
        );
        assert_eq!(state(&[(C, "还没收到货，怎么回事", None)]).stage, None);
    }

    #[test]
    fn a_refusal_covers_the_same_remedy_asked_for_under_another_name() {
        let s = state(&[
            (C, "这个会员能退吗", None),
            (A, "很抱歉，时间太久了，这边没有办法给您退费的", None),
            (C, "为什么", None),
            (C, "我要退会员", None),
        ]);
        assert!(s.refused_open().is_some(), "{:?}", s.said);
    }

    #[test]
    fn a_refusal_does_not_cover_a_different_remedy() {
        let s = state(&[
            (C, "这个能退款吗", None),
            (A, "很抱歉，这边没有办法给您退款的", None),
            (C, "那帮我换个颜色吧", None),
        ]);
        assert!(s.refused_open().is_none(), "{:?}", s.said);
    }

    #[test]
    fn stickers_alone_after_an_answer_wind_the_chat_down() {
        let s = state(&[
            (C, "价格降了能保价吗", None),
            (A, "差价已经退到您的账户余额了，您查看一下", None),
            (C, "#E-s[数字x]#E-s[数字x]", None),
        ]);
        assert!(s.closing, "{:?}", s);
    }

    #[test]
    fn stickers_after_answering_the_agents_question_do_not_wind_it_down() {
        let s = state(&[
            (C, "白条还款扣错了", None),
            (A, "请问是哪个银行", None),
            (C, "建设银行", None),
            (A, "#E-s[数字x]", None),
            (C, "#E-s[数字x]", None),
        ]);
        assert!(!s.closing, "{:?}", s);
    }

    #[test]
    fn stickers_alone_while_the_customer_still_waits_do_not_wind_it_down() {
        let s = state(&[(C, "我的快递到哪了", None), (C, "#E-s[数字x]", None)]);
        assert!(!s.closing, "{:?}", s);
    }

    #[test]
    fn a_yes_to_the_agents_offer_takes_it_and_does_not_close() {
        let s = state(&[
            (C, "it's out of stock, is there any way i can still get it?", None),
            (A, "sure, i can back order that item for you and it will ship as soon as it's in stock.", None),
            (C, "ok, great", None),
        ]);
        assert!(s.agreed && !s.closing, "{:?}", s);
    }

    #[test]
    fn an_ok_to_an_explanation_is_no_offer_taken() {
        let s = state(&[
            (C, "when will my refund arrive?", None),
            (
                A,
                "i can see the refund was issued yesterday, it takes 3-5 business days.",
                None,
            ),
            (C, "ok, great", None),
        ]);
        assert!(!s.agreed, "{:?}", s);
    }

    #[test]
    fn a_name_given_to_a_whom_am_i_speaking_with_is_not_asked_again() {
        let s = state(&[
            (
                A,
                "welcome to acmecorp. with whom do i have the pleasure of speaking with today?",
                None,
            ),
            (C, "chloe zhang", None),
            (A, "hi chloe. how can i help you today?", None),
            (C, "my account name is wrong", None),
        ]);
        assert!(s.has(Info::Name), "{:?}", s);
    }

    #[test]
    fn asking_whether_it_really_cannot_be_done_presses_the_refusal() {
        let s = state(&[
            (C, "订单取消了，快递都到家门口了还能送吗", None),
            (
                A,
                "订单一旦取消，系统自动拦截，就算到了派送员手中也无法送货",
                None,
            ),
            (C, "你们后台不可以处理吗?", None),
        ]);
        assert!(s.refused_open().is_some(), "{:?}", s);
    }

    #[test]
    fn understood_after_an_explanation_winds_the_chat_down() {
        let s = state(&[
            (C, "发票怎么下载", None),
            (A, "在订单详情的发票里点下载就可以了", None),
            (C, "懂了", None),
        ]);
        assert!(s.closing, "{:?}", s);
    }

    #[test]
    fn understood_closes_even_when_the_answer_was_a_pointer_elsewhere() {
        let s = state(&[
            (C, "物流信息查询入口在哪里?", None),
            (A, "您可以百度一下", None),
            (C, "京东物流", None),
            (C, "我知道了。", None),
        ]);
        assert!(s.closing, "{:?}", s);
    }

    #[test]
    fn asking_where_after_whether_was_answered_is_no_second_asking() {
        let s = state(&[
            (C, "那我申请退款可以吗", None),
            (A, "要是比较着急可以申请的", None),
            (C, "在哪里申请退款呢?", None),
        ]);
        assert!(s.open.as_ref().is_some_and(|o| o.times == 1), "{:?}", s);
    }

    #[test]
    fn a_number_left_to_be_called_back_on_hands_the_request_over() {
        let s = state(&[
            (C, "能帮我问问采销吗", None),
            (A, "我只能帮您问问采销 不一定可以哈 采销周一才能上班", None),
            (C, "嗯问问到时候这个电话13812345678联系我", None),
        ]);
        assert!(s.handover, "{:?}", s);
        assert!(s.has(Info::Phone), "{:?}", s);
    }

    #[test]
    fn an_anonymised_phone_number_counts_as_given() {
        let s = state(&[(C, "我的电话是[电话x]", None)]);
        assert!(s.has(Info::Phone), "{:?}", s);
    }

    #[test]
    fn a_nod_to_a_yes_or_no_question_answers_it() {
        let s = state(&[
            (C, "我直接拿身份证就可以机场取票是吧", None),
            (A, "嗯嗯", None),
            (C, "好的，谢谢", None),
        ]);
        assert!(s.open.as_ref().is_some_and(|o| o.answered), "{:?}", s);
        assert!(s.closing, "{:?}", s);
    }

    #[test]
    fn the_money_seen_in_the_balance_and_thanks_closes() {
        let s = state(&[
            (C, "美女你那边能确定退到小金库吧?", None),
            (A, "我司已经退款 请您不要担心 耐心等待及时查询下哦", None),
            (C, "你这样一说我看到了", None),
            (C, "金库余额有了", None),
            (C, "谢谢", None),
        ]);
        assert!(s.closing, "{:?}", s);
    }

    #[test]
    fn looking_again_in_a_few_days_and_thanks_closes() {
        let s = state(&[
            (C, "是你们改的，还是商家改的", None),
            (
                A,
                "评价不支持修改的哦 晒单提交需要审核，审核时效1-3天",
                None,
            ),
            (C, "我过几天在看下", None),
            (A, "好的", None),
            (C, "谢了!", None),
        ]);
        assert!(s.closing, "{:?}", s);
    }

    #[test]
    fn a_number_then_this_order_gives_the_order_number() {
        let s = state(&[(C, "84123456789，这个订单，物流退回的，缺少东西", None)]);
        assert!(s.has(Info::OrderId), "{:?}", s);
        let s = state(&[(C, "2件这个订单都没收到", None)]);
        assert!(!s.has(Info::OrderId), "{:?}", s);
    }

    #[test]
    fn asking_when_while_saying_still_waiting_is_the_same_request_again() {
        let s = state(&[
            (C, "Hi, my blender arrived with a cracked jar. Can I get a replacement?", None),
            (A, "Sorry about that! I've asked the warehouse to check stock and will get back to you.", None),
            (C, "When will the replacement ship? I'm still waiting and I need it ASAP.", None),
        ]);
        assert!(s.open.as_ref().is_some_and(|o| o.times == 2), "{:?}", s);
    }

    #[test]
    fn a_bare_length_answers_how_long() {
        let s = state(&[(C, "保修多久", None), (A, "一年的", None), (C, "好", None)]);
        assert!(s.open.as_ref().is_some_and(|o| o.answered), "{:?}", s);
        assert!(s.closing, "{:?}", s);
    }

    #[test]
    fn nothing_more_as_typed_closes() {
        for done in ["没啦", "木有了", "没有其它的问题了"] {
            let s = state(
                &[
                    (C, "退款退到哪里"),
                    (A, "原路退回的，3-5个工作日到账"),
                    (C, "好的，谢谢"),
                    (A, "您客气了 请问还有其他还可以帮到您的吗?"),
                    (C, done),
                ]
                .map(|(r, t)| (r, t, None)),
            );
            assert!(s.closing, "{done}: {s:?}");
        }
    }

    #[test]
    fn nothing_more_closes_after_the_agent_only_nodded_to_a_request() {
        let s = state(&[
            (C, "我必须要增票，麻烦你记录一下", None),
            (A, "嗯嗯 好的呢", None),
            (C, "没有其它的问题了", None),
        ]);
        assert!(s.closing, "{:?}", s);
    }

    #[test]
    fn found_it_after_the_agents_directions_closes() {
        let s = state(&[
            (C, "专票资质在哪里提交，给我截个图行吗", None),
            (A, "电脑点击我的京东-账户设置-增票资质", None),
            (C, "找到了", None),
        ]);
        assert!(s.closing, "{:?}", s);
    }

    #[test]
    fn not_found_after_the_agents_directions_does_not_close() {
        let s = state(&[
            (C, "专票资质在哪里提交，给我截个图行吗", None),
            (A, "电脑点击我的京东-账户设置-增票资质", None),
            (C, "没找到", None),
        ]);
        assert!(!s.closing, "{:?}", s);
    }

    #[test]
    fn going_off_to_eat_after_the_answer_closes() {
        let s = state(&[
            (C, "退款几天到账", None),
            (A, "原路退回，一般1-3个工作日到账", None),
            (C, "好的谢谢", None),
            (A, "请问还有其他可以帮到您的吗?", None),
            (C, "吃饭了", None),
        ]);
        assert!(s.closing, "{:?}", s);
    }

    #[test]
    fn thanks_in_advance_for_the_trouble_is_no_new_request() {
        let s = state(&[
            (C, "发票要怎么改", None),
            (A, "您的是电子发票，我这边直接修改", None),
            (C, "好的明白了，到时就麻烦下", None),
        ]);
        assert!(s.closing, "{:?}", s);
    }

    #[test]
    fn taking_up_the_agents_earlier_offer_to_cancel_goes_ahead() {
        let s = state(&[
            (C, "我拍错了", None),
            (A, "那我给您取消下哦，好吗 您再重新拍哦", None),
            (C, "如果取消的话，钱什么时候能退回到微信上。", None),
            (A, "原路退回的哦", None),
            (C, "那您帮我取消一下吧，谢谢。", None),
        ]);
        assert!(s.agreed && !s.closing, "{:?}", s);
    }

    #[test]
    fn asking_for_an_action_the_agent_never_offered_is_a_new_request() {
        let s = state(&[
            (C, "我拍错了", None),
            (A, "您可以重新下单哦", None),
            (C, "那您帮我取消一下吧", None),
        ]);
        assert!(!s.agreed, "{:?}", s);
    }

    #[test]
    fn a_customer_who_will_come_back_if_it_fails_is_trying() {
        let s = state(&[
            (C, "记录仪开不了机", None),
            (A, "建议您用手机充电器充电两小时后开机看下哦", None),
            (C, "好的，我试一下", None),
            (A, "嗯呢亲，您先试下哦", None),
            (C, "对，不好用的话，我再找你", None),
        ]);
        assert!(s.trying, "{:?}", s);
    }

    #[test]
    fn how_a_refunded_order_was_paid_belongs_to_the_refund() {
        let s = state(&[
            (C, "手机的售后说昨天下午退款，到现在还没有更新", None),
            (A, "售后确定有质量问题时3日之内会给您完成退款的哦", None),
            (C, "我白条支付的", None),
            (C, "但是已经还款了", None),
        ]);
        assert_eq!(s.open.map(|o| o.topic), Some(Intent::Refund));
    }

    #[test]
    fn an_ok_to_a_promised_call_back_is_a_hand_over() {
        let s = state(&[
            (C, "发票开错了，能给我重新开一个吗", None),
            (
                A,
                "这边需要联系我们财务呢 明日我们会有人10点之前给您回电",
                None,
            ),
            (C, "行吧", None),
        ]);
        assert!(s.handover && !s.closing, "{:?}", s);
    }

    #[test]
    fn understood_with_thanks_in_advance_closes_an_unanswered_request() {
        let s = state(&[
            (
                C,
                "那我这个事怎么处理，他要是开出来寄给我又要退票给他",
                None,
            ),
            (A, "因为您的是电子发票 不需要寄回的 我这边直接修改", None),
            (C, "好的明白了，到时就麻烦下", None),
        ]);
        assert!(s.closing, "{:?}", s);
    }

    #[test]
    fn a_short_vague_question_while_the_invoice_waits_asks_about_the_invoice() {
        let s = state(&[
            (A, "请问是什么错了呢 需要怎么修改呢", None),
            (C, "发票错了", None),
            (A, "#E-s[数字x]", None),
            (C, "能修改吗", None),
        ]);
        assert_eq!(s.open.map(|o| o.topic), Some(Intent::Invoice));
    }

    #[test]
    fn what_happened_told_after_asking_for_a_person_is_the_request() {
        let s = state(&[
            (C, "人工客服在吗", None),
            (A, "亲亲能不能提供下订单号呢", None),
            (C, "没有订单号", None),
            (C, "直接就给取消了", None),
        ]);
        assert!(
            s.open.as_ref().is_some_and(|o| o.quote.contains("取消")),
            "{:?}",
            s.open
        );
    }

    #[test]
    fn how_many_answered_to_the_agents_question_is_handed_over() {
        let s = state(&[
            (C, "申请售后的话会不会全部申请退款呢", None),
            (A, "客户是需要申请退几件呢", None),
            (C, "[数字x]件", None),
        ]);
        assert!(s.just_gave, "{:?}", s);
    }

    #[test]
    fn thanks_for_a_bare_ok_to_a_request_is_thanks_in_advance() {
        let s = state(&[
            (C, "这单帮我提交纠纷单", None),
            (C, "虚假物流", None),
            (C, "客户要求赔偿百分之三十", None),
            (A, "好的", None),
            (C, "谢谢小姐姐", None),
        ]);
        assert!(!s.closing && s.agreed && s.thanked_ahead, "{:?}", s);
    }

    #[test]
    fn an_order_number_prompted_with_a_trailing_shi_is_asked_for() {
        let s = state(&[
            (C, "为什么京东物流现在这么慢呢?", None),
            (A, "你的订单号是", None),
        ]);
        assert!(s.awaited.contains(&Info::OrderId), "{:?}", s);
    }

    #[test]
    fn the_refund_come_and_thanks_closes() {
        let s = state(&[
            (C, "退款什么时候到", None),
            (A, "帮您反馈财务核实退款，退款后给您短信通知", None),
            (C, "好的", None),
            (C, "刚刚出去接了个电话，刚才收到退款了", None),
            (C, "谢谢", None),
        ]);
        assert!(s.closing, "{:?}", s);
    }

    #[test]
    fn no_more_and_a_rating_left_closes() {
        let s = state(&[
            (A, "请问还有什么问题需要我帮助您的呢?", None),
            (C, "没有了。谢谢", None),
            (C, "已评价", None),
        ]);
        assert!(s.closing, "{:?}", s);
    }

    #[test]
    fn asking_the_agent_to_look_is_not_going_off_to_look() {
        let s = state(&[
            (C, "我看到显示3月5号299", None),
            (A, "好的", None),
            (C, "你帮我看下呗", None),
        ]);
        assert!(!s.trying, "{:?}", s);
    }

    #[test]
    fn a_refund_asked_for_beside_a_reorder_still_waits() {
        let s = state(&[
            (C, "我这边打电话过去配送员说我电话不对", None),
            (C, "麻烦帮我退款", None),
            (C, "我重新下单", None),
        ]);
        assert!(!s.trying, "{:?}", s);
    }

    #[test]
    fn a_customer_who_will_reorder_is_off_to_do_it() {
        let s = state(&[
            (C, "你帮我取消了是吗", None),
            (A, "是哒 审核通过后储蓄卡1-3个工作日退款到账", None),
            (C, "那我重新下单", None),
        ]);
        assert!(s.trying, "{:?}", s);
    }

    #[test]
    fn thanks_for_the_trouble_after_a_promised_call_back_closes() {
        let s = state(&[
            (C, "你好，我的订单还没收到", None),
            (A, "您的电话是138****1234对吗", None),
            (C, "没问题", None),
            (
                A,
                "妹子联系配送核实下，并且给您在2个小时内回电 您看可以吗",
                None,
            ),
            (C, "好的", None),
            (C, "辛苦啦", None),
        ]);
        assert!(s.closing || s.handover, "{:?}", s);
    }

    #[test]
    fn an_ok_to_a_short_no_that_answered_the_question_closes() {
        let s = state(&[
            (C, "是换货", None),
            (A, "好的，这边帮您提交了换货申请，稍后会有售后联系您", None),
            (C, "我需要回拨吗?", None),
            (A, "#E-s[数字x]#E-s[数字x]不用哦", None),
            (C, "哦哦，好的", None),
        ]);
        assert!(s.closing, "{:?}", s);
    }

    #[test]
    fn a_form_pasted_with_escaped_spaces_gives_the_tax_number() {
        let s = state(&[
            (A, "您提供一下公司的抬头和税号", None),
            (
                C,
                "我单位开票明细:单位名称[组织机构x]税&nbsp;&nbsp;&nbsp;号[电话x][数字x]地址郑州[地址x]",
                None,
            ),
        ]);
        assert!(s.has(Info::TaxId) && s.has(Info::InvoiceTitle), "{s:?}");
    }

    #[test]
    fn a_new_order_to_compare_prices_awaits_its_number_not_an_address() {
        let s = state(&[
            (C, "我要价保", None),
            (
                A,
                "麻烦您将商品加入购物车选择在线支付(请勿付款)，提交后将新订单告知一下，我们查看后为您处理哦~(提交订单需要注意:商品编号、下单账号与收货地址与原订单一致)",
                None,
            ),
        ]);
        assert_eq!(s.awaited, vec![Info::OrderId], "{s:?}");
    }

    #[test]
    fn a_bare_number_after_asking_to_look_up_an_order_is_the_order_number() {
        let s = state(&[
            (C, "你好", None),
            (A, "亲爱的，这边有什么可以帮您处理或解决的呢", None),
            (C, "帮我查询个订单", None),
            (C, "[数字x]", None),
        ]);
        assert!(s.has(Info::OrderId), "{s:?}");
    }

    #[test]
    fn a_no_to_whether_it_was_bought_is_before_purchase() {
        let s = state(&[
            (C, "售后维修找谁", None),
            (A, "是已经购买了吗", None),
            (C, "没，想先了解", None),
        ]);
        assert_eq!(s.stage, Some(Stage::NotOrdered), "{s:?}");
    }

    #[test]
    fn can_it_be_found_said_with_ma_is_a_question() {
        assert!(is_question("能查到嘛") && is_question("是这个嘛"));
        assert!(!is_question("好嘛") && !is_question("你们这是干嘛"));
    }

    #[test]
    fn a_ping_said_as_zai_ma_is_a_nudge_and_a_question_holding_zai_bu_is_not() {
        assert!(is_nudge("在嘛") && is_nudge("还在不?"));
        assert!(!is_nudge("现在不能发货吗"));
    }

    #[test]
    fn an_ok_to_a_hold_that_says_how_long_still_waits() {
        let s = state(&[
            (
                C,
                "我返修的一个电源，客服说可以换新，但是客服一直没打电话",
                None,
            ),
            (
                A,
                "亲爱的，我先帮您查看订单的信息，请您稍等妹纸[数字x]-[数字x]分钟时间哦!",
                None,
            ),
            (C, "好的", None),
        ]);
        assert!(s.holding && !s.closing, "{:?}", s);
    }

    #[test]
    fn thanks_to_a_hold_that_goes_on_holding_still_waits() {
        let s = state(&[
            (C, "要求保价的", None),
            (A, "好的，请您稍等一下哦，小秘书为您查看一下呢!", None),
            (C, "好的谢谢", None),
        ]);
        assert!(s.holding && !s.closing, "{:?}", s);
    }

    #[test]
    fn the_kind_of_title_wanted_is_not_the_title() {
        let s = state(&[
            (C, "我们要开单位名称，纸质发票", None),
            (C, "换开公司", None),
        ]);
        assert!(!s.has(Info::InvoiceTitle), "{s:?}");
    }

    #[test]
    fn a_company_name_without_its_tax_number_leaves_the_number_to_ask_for() {
        let s = state(&[(C, "抬头：杭州某某科技有限公司", None)]);
        assert!(s.has(Info::InvoiceTitle) && !s.has(Info::TaxId), "{s:?}");
    }

    #[test]
    fn a_labelled_title_is_the_title() {
        let s = state(&[(C, "单位名称是北京某某科技", None)]);
        assert!(s.has(Info::InvoiceTitle), "{s:?}");
    }

    #[test]
    fn unable_to_look_without_the_order_number_refuses_nothing() {
        let s = state(&[
            (C, "你就告诉我啥退款金额比支付金额少", None),
            (A, "亲亲您不给我订单号，我无法给您查看具体情况呢", None),
        ]);
        assert!(s.refused_open().is_none(), "{:?}", s);
    }

    #[test]
    fn a_parcel_that_came_late_has_come() {
        let s = state(&[(C, "你好，说好当天送达的，今天下午才送到", None)]);
        assert_eq!(s.stage, Some(Stage::Delivered), "{:?}", s);
    }

    #[test]
    fn an_order_card_alone_opens_no_request() {
        let s = state(&[(
            C,
            "咨询订单号:[ORDERID_10013632]订单金额:[金额x]下单时间:[日期x]",
            None,
        )]);
        assert!(
            s.open.is_none() && s.given.contains(&Info::OrderId),
            "{:?}",
            s
        );
    }

    #[test]
    fn an_order_card_naming_the_product_opens_no_request_and_gives_no_phone() {
        let s = state(&[(C, "咨询订单号:[ORDERID_10252750]商品ID:14736264188", None)]);
        assert!(s.open.is_none() && !s.given.contains(&Info::Phone), "{s:?}");
    }

    #[test]
    fn leaving_the_rest_for_later_after_thanks_closes() {
        let s = state(&[
            (
                A,
                "这个都是按照收费标准的呢~ 请问还有其他还可以帮到您的吗?",
                None,
            ),
            (C, "好的", None),
            (C, "谢谢", None),
            (C, "有问题再说吧", None),
        ]);
        assert!(s.closing, "{s:?}");
    }

    #[test]
    fn putting_it_off_is_not_taking_it_up() {
        let s = state(&[(A, "已经帮您修改好了", None), (C, "行吧，到时候再说", None)]);
        assert!(!s.agreed && s.closing, "{s:?}");
    }

    #[test]
    fn an_agent_who_lists_the_invoice_details_asks_for_them() {
        let s = state(&[
            (C, "这些商品我能开公司抬头发票吗", None),
            (A, "公司抬头，税号", None),
        ]);
        assert!(
            s.awaited.contains(&Info::InvoiceTitle) && s.awaited.contains(&Info::TaxId),
            "{s:?}"
        );
    }

    #[test]
    fn not_having_done_something_then_is_not_lacking_what_was_asked() {
        let s = state(&[
            (C, "这些商品我能开公司抬头发票吗", None),
            (A, "可以的，麻烦提供一下发票抬头和税号", None),
            (C, "因为订单已经完成了，当时没有操作", None),
        ]);
        assert!(s.lacking.is_empty(), "{s:?}");
    }

    #[test]
    fn an_explanation_gives_no_invoice_title() {
        let s = state(&[
            (C, "这些商品我能开公司抬头发票吗", None),
            (A, "可以的，麻烦提供一下发票抬头和税号", None),
            (C, "因为订单已经完成了，当时没有操作", None),
        ]);
        assert!(!s.has(Info::InvoiceTitle), "{s:?}");
    }

    #[test]
    fn reordering_gives_no_address() {
        let s = state(&[
            (
                A,
                "告知我订单号就可以的【同一个账户、同一个地址购买】",
                None,
            ),
            (C, "我再重新下单拍一个", None),
        ]);
        assert!(!s.has(Info::Address), "{s:?}");
    }

    #[test]
    fn a_tracking_number_is_not_a_tax_number() {
        assert!(!has_tax_id("单号sf1234567890123 怎么还没到"));
    }

    #[test]
    fn an_agent_who_explains_where_to_fill_in_the_title_does_not_have_it() {
        let s = state(&[
            (C, "我想开发票", None),
            (A, "您可以在订单页面按照提示填写发票抬头和税号", None),
        ]);
        assert!(!s.known.contains(&Info::InvoiceTitle), "{s:?}");
    }

    #[test]
    fn asking_for_a_company_title_gives_none() {
        let s = state(&[
            (C, "想开税务发票", None),
            (A, "麻烦提供一下发票抬头", None),
            (C, "开公司的台头", None),
        ]);
        assert!(!s.has(Info::InvoiceTitle), "{s:?}");
    }

    #[test]
    fn a_rough_time_answers_when_and_an_ok_to_it_closes() {
        let s = state(&[
            (C, "什么时候生效", None),
            (A, "亲爱的大概几个小时呢", None),
            (C, "好", None),
        ]);
        assert!(s.closing, "{s:?}");
    }

    #[test]
    fn a_new_question_after_the_repeated_one_was_answered_is_asked_once() {
        let s = state(&[
            (C, "发票什么时候换开好", None),
            (A, "开具完成之后短信告知您呢", None),
            (C, "大概什么时候换开好", None),
            (A, "[数字x]个工作日 开具完成短信告知您", None),
            (C, "好然后去我的发票那里打印是吗?", None),
        ]);
        assert_eq!(s.open.as_ref().map(|o| o.times), Some(1), "{s:?}");
    }

    #[test]
    fn not_there_to_where_the_agent_sent_them_to_look_is_no_goodbye() {
        let s = state(&[
            (C, "能不能把我这个订单的评价清除，我重新评论一下?", None),
            (A, "您可以看一下待追评里还有没有哦", None),
            (C, "没有了", None),
        ]);
        assert!(!s.closing, "{s:?}");
    }

    #[test]
    fn an_item_being_repaired_is_after_sale() {
        let s = state(&[(
            C,
            "我返修的一个电源，客服说可以换新，但是一直没打电话",
            None,
        )]);
        assert_eq!(s.stage, Some(Stage::AfterSale), "{s:?}");
    }

    #[test]
    fn a_company_the_agent_names_is_a_title_not_its_tax_number() {
        let s = state(&[
            (C, "发票可以改下抬头名称吗?", None),
            (A, "[组织机构x]这个公司抬头无法换开成另一个公司的", None),
        ]);
        assert!(
            s.known.contains(&Info::InvoiceTitle) && !s.known.contains(&Info::TaxId),
            "{s:?}"
        );
    }

    #[test]
    fn a_model_code_in_a_product_snapshot_is_no_tax_number_the_agent_has() {
        let s = state(&[
            (C, "在吗", None),
            (
                A,
                "您好，神舟战神Z[数字x]M-KP[数字x]GTGTX[数字x]Ti[数字x]G独显游戏笔记本(i[数字x]-[数字x][数字x]00HQ[数字x]G[数字x]T+[数字x]2[数字x]GSSD) 请问您咨询的是这款商品么",
                None,
            ),
        ]);
        assert!(!s.known.contains(&Info::TaxId), "{s:?}");
    }

    #[test]
    fn an_ok_while_the_agent_is_still_looking_is_no_goodbye() {
        let s = state(&[
            (C, "问好了吗", None),
            (A, "亲，正在查看呢", None),
            (C, "哦", None),
        ]);
        assert!(!s.closing, "{s:?}");
    }

    #[test]
    fn a_yes_to_the_agents_question_ending_in_me_is_no_goodbye() {
        let s = state(&[
            (C, "手机屏幕不好用了", None),
            (A, "就是突然使用过程中屏幕失灵么", None),
            (C, "嗯", None),
        ]);
        assert!(!s.closing, "{s:?}");
    }

    #[test]
    fn an_ok_after_the_agent_went_to_ask_someone_is_no_goodbye() {
        let s = state(&[
            (C, "保价成功之后一直没退到余额", None),
            (A, "是的 所以这边需要咨询下", None),
            (C, "OK", None),
        ]);
        assert!(!s.closing, "{s:?}");
    }

    #[test]
    fn asking_for_an_offered_act_to_be_done_agrees_to_it() {
        let s = state(&[
            (C, "是你们的产品有问题", None),
            (A, "这边可以为您退回去的哦", None),
            (C, "好的，请处理，谢谢", None),
        ]);
        assert!(s.agreed && !s.closing, "{s:?}");
    }

    #[test]
    fn asking_leave_with_ke_yi_ba_is_a_question() {
        assert!(is_question("可以删单吧"));
        assert!(!is_question("可以吧"));
    }

    #[test]
    fn a_bare_no_to_anything_else_closes() {
        let s = state(&[
            (C, "我的退款到了吗", None),
            (A, "已经到账了哦", None),
            (C, "谢谢", None),
            (A, "请问还有其他还可以帮到您的吗?", None),
            (C, "没", None),
        ]);
        assert!(s.closing, "{s:?}");
    }

    #[test]
    fn an_ok_that_goes_on_to_ask_for_a_change_is_no_goodbye() {
        let s = state(&[
            (A, "[ORDERID_10297515]这个订单没付款已经系统删除了", None),
            (C, "嗯换成我刚刚发的", None),
        ]);
        assert!(!s.closing, "{s:?}");
    }

    #[test]
    fn a_dispute_running_is_after_sale() {
        let s = state(&[
            (A, "您可以在纠纷单上面回复的呢", None),
            (C, "纠纷单上线我回复不了啊，怎么回事?", None),
        ]);
        assert_eq!(s.stage, Some(Stage::AfterSale), "{s:?}");
    }

    #[test]
    fn an_ok_to_the_one_way_left_takes_it_up() {
        let s = state(&[
            (C, "抬头改一下", None),
            (
                A,
                "纸质发票已经无法开具了，只可以帮您修改电子发票抬头了亲",
                None,
            ),
            (C, "好吧", None),
        ]);
        assert!(s.agreed && !s.closing, "{s:?}");
    }

    #[test]
    fn no_more_after_an_anything_else_that_opens_like_an_ack_closes() {
        let s = state(&[
            (C, "我们公司要买一批", None),
            (
                A,
                "您方便提供一下企业账号么 好的亲，我这边帮您查询一下",
                None,
            ),
            (C, "那只能等降价了", None),
            (A, "好的亲 请问还有其他问题可以帮到您的吗?", None),
            (C, "没有了谢谢", None),
        ]);
        assert!(s.closing, "{s:?}");
    }

    #[test]
    fn if_it_breaks_again_i_will_come_back_closes() {
        let s = state(&[
            (A, "实在抱歉", None),
            (C, "没事的", None),
            (C, "如果再坏了再找你", None),
        ]);
        assert!(s.closing, "{s:?}");
    }

    #[test]
    fn a_customer_who_already_sent_the_item_back_is_past_applying() {
        let s = state(&[(C, "我这个件已经退了啊", None), (C, "怎么没有退钱", None)]);
        assert_eq!(s.stage, Some(Stage::AfterSale), "{:?}", s);
        assert_eq!(s.open.map(|o| o.topic), Some(Intent::Refund));
    }

    #[test]
    fn a_bare_oh_is_that_so_while_a_refund_is_pending_does_not_close() {
        let s = state(&[
            (C, "什么时候能退回来呢", None),
            (A, "退款以售后审核检测为主哦", None),
            (C, "这样啊", None),
        ]);
        assert!(!s.closing, "{:?}", s);
    }

    #[test]
    fn an_agent_who_says_they_will_check_in_a_long_sentence_holds() {
        let s = state(&[
            (C, "why are these jeans twice the price on your site?", None),
            (A, "i'm very sorry about that, i'll check to see why these jeans are showing an expensive price for you.", None),
            (C, "finally. i appreciate it.", None),
        ]);
        assert!(s.holding && !s.closing, "{:?}", s);
    }

    #[test]
    fn values_filled_in_like_a_form_are_given() {
        let s = state(&[
            (C, "能帮我邮寄行程单吗", None),
            (A, "可以的，请提供一下邮寄地址和手机号", None),
            (C, "邮寄地址:云南省昆明市某路1号，手机号码:[电话x]", None),
        ]);
        assert!(s.has(Info::Address) && s.has(Info::Phone), "{:?}", s);
        assert!(s.just_gave, "{:?}", s);
    }

    #[test]
    fn a_form_filled_in_line_by_line_opens_no_shipping_request() {
        let s = state(&[
            (C, "我想入驻成为商家", None),
            (A, "请提供店铺信息", None),
            (C, "品类:运动户外", None),
            (C, "发货地:福建晋江", None),
            (C, "联系方式:[数字x]", None),
        ]);
        assert!(s.just_gave && s.has(Info::Phone), "{:?}", s);
        assert_ne!(
            s.open.as_ref().map(|o| o.topic),
            Some(Intent::Logistics),
            "{:?}",
            s
        );
    }

    #[test]
    fn a_pasted_link_is_no_form_line() {
        assert!(!is_form_line("https://item.jd.com/6528844.html"));
        assert!(is_form_line("发货地:福建晋江"));
    }

    #[test]
    fn a_label_without_a_value_hands_nothing_over() {
        let s = state(&[(C, "我的手机号不对，地址也写错了", None)]);
        assert!(!s.has(Info::Phone) && !s.has(Info::Address), "{:?}", s);
    }

    #[test]
    fn a_broken_search_bar_is_no_product_complaint() {
        let s = state(&[(
            C,
            "it seems the search bar is broken, it pulls up unrelated items",
            None,
        )]);
        assert_ne!(
            s.open.as_ref().map(|o| o.topic),
            Some(Intent::Complaint),
            "{:?}",
            s
        );
    }

    #[test]
    fn a_refusal_by_the_agent_is_remembered_with_its_topic() {
        let s = state(&[
            (C, "能改地址吗", None),
            (A, "抱歉，已经发货了，地址无法修改", None),
            (C, "那怎么办", None),
        ]);
        assert!(s.refused(Intent::AddressChange).is_some(), "{:?}", s.said);
        assert!(
            s.line_zh.contains("你说过：抱歉，已经发货了"),
            "{}",
            s.line_zh
        );
    }

    #[test]
    fn a_question_back_from_the_agent_does_not_answer_the_request() {
        let s = state(&[
            (C, "可以预约收货时间吗?", None),
            (A, "您的意思是和配送师傅商量配送时间是吗?", None),
            (C, "嗯", None),
        ]);
        assert!(s.waiting() && !s.closing, "{:?}", s.open);
    }

    #[test]
    fn a_new_request_after_the_agent_asked_for_the_order_number_is_not_taken_for_it() {
        let s = state(
            &[
                (C, "我在微信上买的东西"),
                (A, "请您提供下订单号，帮您查看一下"),
                (C, "现在不想要了想退货"),
            ]
            .map(|(r, t)| (r, t, None)),
        );
        assert_eq!(s.open.as_ref().map(|o| o.topic), Some(Intent::Return));
        assert!(
            !s.has(Info::OrderId) && s.awaited.contains(&Info::OrderId),
            "{s:?}"
        );
    }

    #[test]
    fn a_yes_to_the_agents_question_does_not_close_the_chat() {
        let s = state(
            &[
                (C, "可以预约收货时间吗?"),
                (A, "您的意思是和配送师傅商量配送时间是吧?、"),
                (C, "嗯"),
            ]
            .map(|(r, t)| (r, t, None)),
        );
        assert!(
            !s.closing && s.open.as_ref().is_some_and(|o| !o.answered),
            "{s:?}"
        );
        let s = state(
            &[
                (C, "可以预约收货时间吗?"),
                (A, "可以和配送师傅约时间的"),
                (A, "您是想约中午送货对吗"),
                (C, "嗯"),
            ]
            .map(|(r, t)| (r, t, None)),
        );
        assert!(!s.closing, "{s:?}");
    }

    #[test]
    fn a_question_from_the_agent_rules_nothing_out() {
        let s = state(
            &[
                (C, "i can't log in to my account"),
                (
                    A,
                    "is it our website, or are you not able to log in to your account?",
                ),
                (C, "i was told my password was incorrect"),
            ]
            .map(|(r, t)| (r, t, None)),
        );
        assert!(
            s.said.iter().all(|x| x.kind != SaidKind::Refused),
            "{:?}",
            s.said
        );
    }

    #[test]
    fn what_the_customer_gives_later_in_a_turn_counts_as_given() {
        let s = state(
            &[
                (C, "hey, could i get an extension on my payment?"),
                (A, "what is your full name or account id?"),
                (C, "won't be able to pay until later this week"),
                (C, "rodriguez domingo"),
                (C, "5rerbv0htq"),
            ]
            .map(|(r, t)| (r, t, None)),
        );
        assert!(
            s.just_gave && s.has(Info::Name) && s.awaited.is_empty(),
            "{s:?}"
        );
    }

    #[test]
    fn it_works_now_closes_the_chat_even_after_a_question() {
        let s = state(
            &[
                (C, "分期付不了"),
                (A, "您刷新一下再试试"),
                (A, "现在可以分期了是吗"),
                (C, "可以了"),
            ]
            .map(|(r, t)| (r, t, None)),
        );
        assert!(s.closing, "{s:?}");
    }

    #[test]
    fn a_clause_that_asks_opens_a_request() {
        let s = state(&[(C, "我的火车票可以退订吗，日期错了", None)]);
        assert!(
            s.open.as_ref().is_some_and(|o| o.quote.contains("退订")),
            "{s:?}"
        );
    }

    #[test]
    fn a_thank_you_on_a_request_does_not_close_the_chat() {
        let s = state(
            &[
                (C, "退款申请了三天了"),
                (A, "有问题您可以跟我说哦"),
                (C, "我的问题处理好了没"),
                (C, "帮我查一下谢谢"),
            ]
            .map(|(r, t)| (r, t, None)),
        );
        assert!(!s.closing, "{s:?}");
    }

    #[test]
    fn ok_while_the_agent_looks_it_up_does_not_close_the_chat() {
        let s = state(
            &[
                (C, "试用商品怎么变成订单了"),
                (A, "正在帮你查下"),
                (C, "好的"),
            ]
            .map(|(r, t)| (r, t, None)),
        );
        assert!(!s.closing, "{s:?}");
    }

    #[test]
    fn cancelling_an_invoice_is_an_invoice_request() {
        let s = state(&[(C, "那就把这张增值税普通票取消了，重新开增值税专用票", None)]);
        assert_eq!(s.open.as_ref().map(|o| o.topic), Some(Intent::Invoice));
    }

    #[test]
    fn a_yes_to_anything_else_closes_the_chat() {
        let s = state(
            &[
                (C, "发票能开专票吗"),
                (A, "可以的，下单时选专票就行。请问还有其他可以帮您的吗？"),
                (C, "没有了"),
            ]
            .map(|(r, t)| (r, t, None)),
        );
        assert!(s.closing);
    }

    #[test]
    fn a_customer_of_two_years_has_not_waited_two_years() {
        let c = Conversation {
            messages: vec![Message {
                role: C,
                text: "我在你们家买了两年了，这次太失望了".into(),
                time: None,
                id: None,
            }],
            ..Default::default()
        };
        let a = Analyzer::new().unwrap().analyze(&c);
        assert!(
            a.risk.reasons.iter().all(|r| r.key != "said_wait"),
            "{:?}",
            a.risk.reasons
        );
    }

    #[test]
    fn a_greeting_in_traditional_characters_opens_no_request() {
        let s = state(&[(C, "在嗎", None)]);
        assert!(s.open.is_none(), "{s:?}");
    }

    #[test]
    fn an_agent_addressing_the_customer_by_name_asks_for_no_name() {
        let s = state(&[
            (C, "这个能开代收款证明吗", None),
            (A, "[姓名x]，亲，麻烦您了呢", None),
            (C, "多谢啦", None),
        ]);
        assert!(
            !s.awaited.contains(&Info::Name) && !s.has(Info::Name),
            "{s:?}"
        );
    }

    #[test]
    fn a_thanks_after_the_agent_asked_for_a_name_gives_no_name() {
        let s = state(&[
            (C, "收件人写错了", None),
            (A, "麻烦提供一下收件人姓名", None),
            (C, "多谢", None),
        ]);
        assert!(!s.has(Info::Name) && !s.just_gave, "{s:?}");
    }

    #[test]
    fn a_thanks_after_a_hold_that_reports_the_thing_done_closes() {
        let s = state(&[
            (C, "这个订单也麻烦退一下", None),
            (A, "好马上为您操作 已经申请", None),
            (C, "谢谢", None),
        ]);
        assert!(s.closing && !s.holding, "{s:?}");
    }

    #[test]
    fn a_thank_you_spelt_as_chat_spells_it_closes() {
        let s = state(&[
            (C, "快递可以中午送到嘛", None),
            (A, "可以中午送", None),
            (C, "嗯嗯", None),
            (C, "三克油#E-s[数字x]", None),
        ]);
        assert!(s.closing, "{s:?}");
    }

    #[test]
    fn a_goodbye_typed_as_bb_closes() {
        let s = state(&[
            (C, "这个提示啥意思?", None),
            (A, "这个不用管哦 是机票商品的", None),
            (C, "哦", None),
            (A, "#E-s[数字x]", None),
            (C, "bb", None),
        ]);
        assert!(s.closing, "{s:?}");
    }

    #[test]
    fn nothing_more_said_last_closes_after_a_long_account_in_the_same_turn() {
        let s = state(&[
            (C, "那如果他再拒绝，我怎么办??无法操作", None),
            (A, "这个您放心，这边也会帮您跟商家说明一下的", None),
            (C, "好。", None),
            (A, "请问还有什么需要为您效劳的呢", None),
            (C, "另外拒签原因很简单。颈靠无法安装到我的车上，页面也没有提示，所以我只能全退了买别的", None),
            (C, "恩。希望您尽快处理吧。。。", None),
            (C, "没事了，谢谢。。。", None),
        ]);
        assert!(s.closing, "{s:?}");
    }

    #[test]
    fn relief_at_the_agents_reassurance_closes() {
        let s = state(&[
            (C, "他会不会不给钱了", None),
            (A, "不会的呢，退款审核后原路退回", None),
            (C, "那就好", None),
        ]);
        assert!(s.closing, "{s:?}");
    }

    #[test]
    fn a_customer_who_will_apply_at_home_later_is_trying() {
        let s = state(&[
            (C, "书拆了外面的塑料封皮可以退吗", None),
            (A, "可以拍照片 申请售后 我们看下照片审核", None),
            (C, "好的", None),
            (C, "麻烦了，我回家申请一下", None),
        ]);
        assert!(s.trying && !s.closing, "{s:?}");
    }

    #[test]
    fn an_agent_who_offers_to_apply_on_the_customers_behalf_has_the_order() {
        let s = state(&[
            (C, "在那申请退款呢?", None),
            (A, "我代为申请可以吗", None),
            (C, "可以啊", None),
            (C, "还没反应", None),
        ]);
        assert!(s.order_shows(), "{s:?}");
    }

    #[test]
    fn an_agent_reporting_what_the_order_shows_has_the_order() {
        let s = state(&[
            (C, "退到哪里了", None),
            (A, "显示京东小金库的哈", None),
            (C, "能确定退到小金库吧?", None),
        ]);
        assert!(s.order_shows(), "{s:?}");
    }

    #[test]
    fn a_restock_time_the_agent_gave_is_not_the_refunds_time() {
        let s = state(&[
            (C, "牛奶什么时候有货", None),
            (A, "这个暂时缺货了预计是一周左右到货的呢", None),
            (C, "那我申请退款了，多久到账", None),
        ]);
        assert!(s.time_said(Intent::Refund).is_none(), "{s:?}");
    }

    #[test]
    fn a_yes_to_the_agents_question_ending_in_an_endearment_does_not_close() {
        let s = state(&[
            (C, "我这个件已经退了啊 怎么没有退钱", None),
            (A, "您提交的售后服务单对吧亲", None),
            (C, "嗯", None),
        ]);
        assert!(!s.closing, "{s:?}");
    }

    #[test]
    fn a_customer_reporting_the_order_placed_as_asked_does_not_close() {
        let s = state(&[
            (C, "行程单可以邮寄吗", None),
            (A, "可以的，支付[数字x]元运费就可以补寄", None),
            (C, "拍好了", None),
        ]);
        assert!(!s.closing, "{s:?}");
    }

    #[test]
    fn an_ok_to_the_agents_request_for_details_neither_closes_nor_gives_them() {
        let s = state(&[
            (C, "我想换开发票", None),
            (A, "是换开公司抬头还是开专票呢", None),
            (C, "换开公司", None),
            (A, "那您给我公司名字和税号噢", None),
            (C, "好的", None),
        ]);
        assert!(!s.closing && !s.just_gave, "{s:?}");
    }

    #[test]
    fn an_agent_saying_it_files_the_request_now_holds_and_an_ok_does_not_close() {
        let s = state(&[
            (C, "我买的热水器漏电了", None),
            (A, "本产品全国联保，还请您提供下订单号哦", None),
            (C, "[ORDERID_10000405]", None),
            (A, "小妹这边帮您申请售后服务单哈", None),
            (C, "好的", None),
        ]);
        assert!(s.holding && !s.closing, "{s:?}");
    }

    #[test]
    fn an_agent_promising_when_it_will_happen_is_not_holding() {
        let s = state(&[
            (C, "你们让他打给我", None),
            (A, "好的这边为您反馈，会在今天回电您哦", None),
            (C, "好", None),
        ]);
        assert!(!s.holding, "{s:?}");
    }

    #[test]
    fn no_more_to_the_agents_anything_else_closes_after_an_action_announced() {
        let s = state(&[
            (C, "发票帮我改成明细", None),
            (A, "这边帮您申请修改", None),
            (C, "好的谢谢", None),
            (A, "请问还有其他可以帮您的吗~", None),
            (C, "暂时没有", None),
        ]);
        assert!(s.closing, "{s:?}");
    }

    #[test]
    fn an_ok_to_an_answer_that_allows_any_way_closes() {
        let s = state(&[
            (C, "那现在我该如何操作呢", None),
            (
                A,
                "联系物流公司不要使用菜鸟呢 不用菜鸟其他随便什么方式都可以呢",
                None,
            ),
            (C, "好的", None),
        ]);
        assert!(s.closing, "{s:?}");
    }

    #[test]
    fn an_ok_to_a_promised_time_closes() {
        let s = state(&[
            (C, "什么时候能核实好", None),
            (A, "好的，3点前给您结果，请保持电话畅通", None),
            (C, "好、", None),
        ]);
        assert!(s.closing, "{s:?}");
    }

    #[test]
    fn a_customer_going_to_ask_the_repair_point_is_trying() {
        let s = state(&[
            (C, "是厂家的专门维修点吗", None),
            (A, "是授权的维修点哦~", None),
            (C, "我问问", None),
        ]);
        assert!(s.trying, "{s:?}");
    }

    #[test]
    fn a_yes_to_the_agents_is_it_solved_closes() {
        let s = state(&[
            (C, "所以不退货，给发票", None),
            (A, "商家是怎么回复的呢", None),
            (C, "发票邮寄过来", None),
            (A, "那您的问题解决了吗?", None),
            (C, "解决", None),
        ]);
        assert!(s.closing, "{s:?}");
    }

    #[test]
    fn asking_to_have_it_confirmed_with_le_ba_does_not_close() {
        let s = state(&[
            (C, "这几个也帮忙锁一下吧", None),
            (A, "好的亲，这边帮您申请，请一小时后刷新查看哦", None),
            (C, "好的", None),
            (C, "这个已经申请了吧", None),
        ]);
        assert!(!s.closing, "{s:?}");
    }

    #[test]
    fn an_ok_while_the_agent_looks_up_the_details_does_not_close() {
        let s = state(&[
            (C, "那是等快递小哥来财务再开具支票就可以吧", None),
            (A, "您稍等 小妹查询一下相关的具体知识", None),
            (C, "好的", None),
        ]);
        assert!(s.holding && !s.closing, "{s:?}");
    }

    #[test]
    fn a_customer_who_sorted_it_out_while_the_agent_looked_closes() {
        let s = state(&[
            (C, "下面一个级别没有选项但系统要求我必须填写 怎么处理", None),
            (A, "您稍等", None),
            (C, "我搞定了没事", None),
        ]);
        assert!(s.closing, "{s:?}");
    }

    #[test]
    fn a_customer_who_will_try_and_see_is_trying() {
        let s = state(&[
            (C, "保修卡在单位 订单号有用吗", None),
            (A, "建议您还是拿着保修卡过去好一点 还有发票", None),
            (C, "哎我去试试吧", None),
            (C, "不行的话再看", None),
        ]);
        assert!(s.trying, "{s:?}");
    }

    #[test]
    fn a_goodbye_in_one_syllable_closes() {
        let s = state(&[
            (C, "发票开了吗", None),
            (A, "已经开好了，订单详情里可以下载", None),
            (C, "好叭", None),
            (C, "拜", None),
        ]);
        assert!(s.closing, "{s:?}");
    }

    #[test]
    fn a_no_to_the_order_the_agent_found_is_no_goodbye() {
        let s = state(&[
            (C, "请问我退回去的东西到了吗", None),
            (A, "[ORDERID_10123965]，这个订单?", None),
            (C, "不是哦", None),
        ]);
        assert!(!s.closing, "{s:?}");
    }

    #[test]
    fn a_long_explanation_that_names_an_address_in_passing_asks_for_none() {
        let s = state(&[
            (C, "能用支票付款吗", None),
            (
                A,
                "目前仅支持转账支票，出票日期须用大写数字，收款人填写京东收款账户，金额不得涂改；\
                 大城市设有固定点可以自行送支票，具体地址如下：北京市朝阳区某某路1号；\
                 麻烦您按以上要求填写",
                None,
            ),
            (C, "谢谢", None),
        ]);
        assert!(!s.awaited.contains(&Info::Address) && s.closing, "{s:?}");
    }

    #[test]
    fn a_refusal_the_agent_moved_on_from_is_not_pushed_against() {
        let s = state(&[
            (C, "电脑黑屏了能换吗", None),
            (A, "这个不支持换货的哦，黑屏一般是驱动问题", None),
            (C, "我检测了就是公版驱动", None),
            (A, "显卡都是正常的驱动呢", None),
            (C, "知道", None),
            (A, "可以在您当地的售后检测下呢", None),
            (C, "当地的售后怎么申请换货", None),
        ]);
        assert!(s.refused_open().is_none(), "{s:?}");
    }

    #[test]
    fn a_hold_that_reports_the_complaint_passed_on_answers() {
        let s = state(&[
            (C, "我没接到电话", None),
            (
                A,
                "好的，稍等 这边已经反馈之前同事催促留言了哦，还请您保持手机畅通",
                None,
            ),
            (C, "好的", None),
        ]);
        assert!(!s.holding && s.closing, "{s:?}");
    }

    #[test]
    fn a_bare_figure_after_a_hold_is_the_answer() {
        let s = state(&[
            (C, "一个店铺可以上多少件货", None),
            (A, "亲爱哒，稍等哈", None),
            (C, "好的", None),
            (A, "500", None),
            (C, "好的谢谢", None),
        ]);
        assert!(!s.holding && s.closing, "{s:?}");
    }

    #[test]
    fn two_questions_that_share_only_their_politeness_are_not_one_asked_twice() {
        let s = state(&[
            (C, "从哪发货您知道吗", None),
            (A, "这边看您的订单是北京发货的亲亲", None),
            (C, "大概几点到您知道吗", None),
        ]);
        assert_eq!(s.open.as_ref().map(|o| o.times), Some(1), "{s:?}");
    }

    #[test]
    fn saying_the_request_again_after_the_agents_greeting_is_no_second_asking() {
        let s = state(&[
            (C, "我想问问空调安装的问题", None),
            (A, "有什么问题我可以帮您处理或解决呢?", None),
            (C, "我想问问空调安装的问题", None),
        ]);
        assert_eq!(s.open.as_ref().map(|o| o.times), Some(1), "{s:?}");
    }

    #[test]
    fn the_same_question_after_an_answer_is_asked_twice() {
        let s = state(&[
            (C, "我的快递什么时候到", None),
            (A, "预计明天送达", None),
            (C, "我的快递到底什么时候到", None),
        ]);
        assert_eq!(s.open.as_ref().map(|o| o.times), Some(2), "{s:?}");
    }

    #[test]
    fn not_yet_said_after_an_answer_tells_how_things_stand_and_is_not_asking_twice() {
        let s = state(&[
            (C, "那这个单子今天能送到吗?", None),
            (A, "今天可以送达的", None),
            (C, "那就行，我看现在还没配送", None),
        ]);
        assert_eq!(s.open.as_ref().map(|o| o.times), Some(1), "{s:?}");
    }

    #[test]
    fn not_yet_said_while_the_agent_only_held_is_asking_twice() {
        let s = state(&[
            (C, "我的快递什么时候到", None),
            (A, "请您稍等，我帮您查一下", None),
            (C, "快递还没到吗", None),
        ]);
        assert_eq!(s.open.as_ref().map(|o| o.times), Some(2), "{s:?}");
    }

    #[test]
    fn a_no_to_the_order_the_agent_found_leaves_the_order_unknown() {
        let s = state(&[
            (C, "请问我退回去的东西到了吗", None),
            (A, "[ORDERID_10123965]，这个订单?", None),
            (C, "不是哦", None),
        ]);
        assert!(!s.has(Info::OrderId), "{s:?}");
    }

    #[test]
    fn a_no_taken_back_in_the_same_run_keeps_the_order() {
        let s = state(&[
            (C, "我想查一下我的快递到哪里了", None),
            (A, "请问咨询的是这个[ORDERID_10397330]订单吗", None),
            (C, "不是", None),
            (C, "是的", None),
            (C, "我看错了", None),
        ]);
        assert!(s.has(Info::OrderId), "{s:?}");
    }

    #[test]
    fn a_hold_followed_by_its_result_in_one_message_answers() {
        let s = state(&[
            (C, "我记得我买了五年的全保吧", None),
            (
                A,
                "还请您稍等，正在为您查询~ 有的 这个订单里面有全保修五年，冰箱洗衣机都在内",
                None,
            ),
            (C, "好", None),
        ]);
        assert!(!s.holding && s.closing, "{s:?}");
    }

    #[test]
    fn a_bare_ok_after_an_answer_winds_down() {
        let s = state(&[
            (C, "我寄回去的话，需要什么", None),
            (
                A,
                "全套商品哈 包装清单：主机、电源适配器、数据线、三包凭证",
                None,
            ),
            (C, "好", None),
        ]);
        assert!(s.closing, "{s:?}");
    }

    #[test]
    fn a_customer_going_off_to_look_is_trying() {
        let s = state(&[
            (C, "两个订单啊", None),
            (A, "您提供一下订单号", None),
            (C, "我回去看下", None),
        ]);
        assert!(s.trying, "{s:?}");
    }

    #[test]
    fn a_yes_to_the_remedy_the_agent_put_to_the_customer_goes_ahead() {
        let s = state(&[
            (C, "热水器漏电了", None),
            (A, "小妹这边帮您申请售后服务单哈", None),
            (C, "好的", None),
            (A, "您是选择维修吗?", None),
            (C, "是", None),
        ]);
        assert!(s.agreed && !s.closing, "{s:?}");
    }

    #[test]
    fn a_return_the_agent_says_was_applied_for_puts_the_order_in_after_sale() {
        let s = state(&[
            (C, "想退货，帮我审核一下可以吗", None),
            (A, "亲爱的是申请了退货呢", None),
            (C, "我看状态还一直在审核中", None),
        ]);
        assert_eq!(s.stage, Some(Stage::AfterSale), "{s:?}");
    }

    #[test]
    fn a_sticker_gives_nothing_that_was_asked_for() {
        let s = state(&[
            (C, "行程单什么时候寄", None),
            (A, "麻烦提供一下您的手机号", None),
            (C, "#E-s[数字x]", None),
        ]);
        assert!(!s.just_gave && !s.has(Info::Phone), "{s:?}");
    }

    #[test]
    fn an_agent_saying_a_text_will_tell_the_tracking_number_asks_for_none() {
        let s = state(&[
            (C, "行程单什么时候寄", None),
            (A, "航班起飞后3个工作日寄出，短信告知您快递单号的哈", None),
            (C, "好的", None),
        ]);
        assert!(s.awaited.is_empty() && s.closing, "{s:?}");
    }

    #[test]
    fn a_bare_ok_to_anything_else_lets_the_agent_say_goodbye() {
        let s = state(&[
            (C, "发票能改吗", None),
            (A, "等您收到货开具发票以后才可以修改的哦", None),
            (C, "好哒", None),
            (A, "请问还有什么小秘书可以帮您的呢~", None),
            (C, "好哒", None),
        ]);
        assert!(s.closing, "{s:?}");
    }

    #[test]
    fn stickers_do_not_make_a_no_to_anything_else_too_long_to_close() {
        let s = state(&[
            (C, "难道不能寄回维修吗?", None),
            (A, "可以的，订单里申请下售后", None),
            (C, "好的，谢谢!", None),
            (A, "请问还有什么问题可以帮到您的嘛#E-s[数字x]", None),
            (C, "就是这件事，其他的没了#E-s[数字x]#E-s[数字x]", None),
        ]);
        assert!(s.closing, "{s:?}");
    }

    #[test]
    fn a_ping_after_anything_else_does_not_reopen_the_answered_question() {
        let s = state(&[
            (C, "帮我查下这个订单后台怎么没有呢", None),
            (A, "拼购订单还没有拼团成功的呢", None),
            (C, "哦哦", None),
            (A, "请问还有什么可以帮您呢?", None),
            (C, "在吗", None),
        ]);
        assert!(s.open.as_ref().is_none_or(|o| o.answered), "{s:?}");
    }

    #[test]
    fn thanks_after_the_agent_reports_it_submitted_is_no_go_ahead() {
        let s = state(&[
            (C, "那这边帮我申请售后", None),
            (A, "维修运费是由客户承担的呢", None),
            (C, "好", None),
            (
                A,
                "这边帮您提交了 后期如果有需要的话这边也同时告知您线上申请步骤呢",
                None,
            ),
            (C, "好的，谢你", None),
        ]);
        assert!(!s.agreed, "{s:?}");
    }

    #[test]
    fn no_matter_to_an_apology_is_no_goodbye_while_the_request_waits() {
        let s = state(&[
            (C, "发票不在里面，我想换成电子发票我自己打印", None),
            (A, "亲爱呢我们为您提供电子版可以吗", None),
            (C, "好的", None),
            (C, "那你把电子发票发给我吧", None),
            (A, "非常抱歉为您带来的不便哈", None),
            (C, "没事", None),
        ]);
        assert!(!s.closing, "{s:?}");
    }

    #[test]
    fn a_customer_who_says_no_need_any_more_waits_for_nothing() {
        let s = state(&[
            (C, "这个订单我评价了怎么送东西呢", None),
            (A, "亲亲请稍等下妹纸这边帮您查询下", None),
            (C, "不用了哈，我找到客服了", None),
            (C, "谢谢", None),
            (A, "好的 不客气的哈", None),
            (C, "嗯", None),
        ]);
        assert!(
            s.open.as_ref().is_none_or(|o| o.answered) && !s.holding,
            "{s:?}"
        );
    }

    #[test]
    fn a_number_given_when_the_agent_asks_which_phone_to_call_is_handed_over() {
        let s = state(&[
            (C, "我的订单无缘无故不见了", None),
            (A, "我这边帮您反馈到专员给您核实哈亲", None),
            (C, "嗯", None),
            (A, "联系您那个电话呢亲", None),
            (C, "13800138000", None),
        ]);
        assert!(s.just_gave && s.has(Info::Phone), "{s:?}");
    }

    #[test]
    fn an_invoice_that_came_out_personal_by_mistake_gives_no_invoice_details() {
        let s = state(&[
            (C, "您好我填了公司名称的发票", None),
            (C, "不知道为什么还是显示个人的给我开的个人发票", None),
            (C, "我需要公司名称的发票", None),
        ]);
        assert!(!s.has(Info::InvoiceTitle), "{s:?}");
    }

    #[test]
    fn goods_said_to_have_come_in_everyday_words_are_delivered() {
        for said in [
            "东西到了但发票不在里面",
            "货我已经拿到了",
            "昨天到手了，有个问题",
        ] {
            let s = state(&[(C, said, None)]);
            assert_eq!(s.stage, Some(Stage::Delivered), "{said}");
        }
    }

    #[test]
    fn a_number_given_when_asked_for_the_single_number_is_the_order() {
        let s = state(&[
            (C, "5号的订单一直显示别人收件", None),
            (A, "您能提供下单号吗?", None),
            (C, "VB51234567", None),
        ]);
        assert!(s.has(Info::OrderId), "{s:?}");
    }

    #[test]
    fn where_the_money_goes_back_is_a_refund_question() {
        for said in ["ok，是退回原支付卡吗", "钱没退，我没收到款"] {
            let s = state(&[(C, said, None)]);
            assert_eq!(
                s.open.as_ref().map(|o| o.topic),
                Some(Intent::Refund),
                "{said}"
            );
        }
    }

    #[test]
    fn a_customer_saying_the_money_came_back_is_refunded() {
        let s = state(&[
            (C, "我之前在你们那里申请的退款问题解决了", None),
            (C, "钱已经到了", None),
        ]);
        assert_eq!(s.stage, Some(Stage::Refunded), "{s:?}");
    }

    #[test]
    fn an_agent_asking_whether_it_is_this_item_has_the_order_in_front_of_them() {
        let s = state(&[
            (C, "我手机才买了没多久感觉电池不行了啊", None),
            (
                A,
                "请稍等，正在查询中。 AppleiPhone8Plus金色手机 请问是这个商品吗?",
                None,
            ),
        ]);
        assert!(s.known.contains(&Info::OrderId), "{s:?}");
    }

    #[test]
    fn a_bare_number_after_the_agent_asked_for_a_number_to_call_is_the_phone() {
        let s = state(&[
            (C, "这个老板一直没在", None),
            (A, "方便留个号码吗 专员后期联系您 谢谢", None),
            (C, "[数字x]", None),
        ]);
        assert!(s.has(Info::Phone) && s.just_gave, "{s:?}");
    }

    #[test]
    fn a_word_naming_what_the_agent_asked_about_stays_within_the_open_request() {
        let s = state(&[
            (C, "不是退款成功么", None),
            (A, "对呀 京东这边已经处理完成，退款成功了呢", None),
            (C, "没收到钱", None),
            (A, "您是用什么支付的呢", None),
            (C, "白条", None),
        ]);
        assert_eq!(
            s.open.as_ref().map(|o| o.topic),
            Some(Intent::Refund),
            "{s:?}"
        );
    }

    #[test]
    fn a_choice_answered_may_change_the_request() {
        let s = state(&[
            (C, "衣服破了个洞", None),
            (A, "您是要退货还是换货呢", None),
            (C, "退货", None),
        ]);
        assert_eq!(
            s.open.as_ref().map(|o| o.topic),
            Some(Intent::Return),
            "{s:?}"
        );
    }

    #[test]
    fn a_refund_the_agent_says_is_under_way_is_applied_not_done() {
        let s = state(&[
            (C, "那我退了重新买", None),
            (
                A,
                "您的订单拦截成功，财务正在进行退款审核，请耐心等待。 财务已经在进行退款了",
                None,
            ),
        ]);
        assert_eq!(s.stage, Some(Stage::RefundApplied), "{s:?}");
    }

    #[test]
    fn a_customer_asking_whether_the_money_came_is_not_refunded() {
        let s = state(&[(C, "退款的钱到了吗", None)]);
        assert_ne!(s.stage, Some(Stage::Refunded), "{s:?}");
    }

    #[test]
    fn good_night_after_the_problem_is_solved_closes_the_chat() {
        let s = state(&[
            (C, "为啥就不能用呢", None),
            (A, "用朋友的手机试一下看看的", None),
            (C, "可以了", None),
            (
                A,
                "好的亲，好了就行，那后期如有其它问题您这边及时反馈一下",
                None,
            ),
            (C, "OK", None),
            (A, "[姓名x]", None),
            (C, "晚安", None),
        ]);
        assert!(s.closing, "{s:?}");
    }

    #[test]
    fn the_agent_pasting_the_order_alone_has_not_answered_yet() {
        let s = state(&[
            (C, "[ORDERID_10169779]", None),
            (C, "这个单申请退票了", None),
            (C, "麻烦处理下", None),
            (A, "[ORDERID_10169779]", None),
            (C, "嗯", None),
        ]);
        assert!(
            !s.closing && s.open.as_ref().is_some_and(|o| !o.answered),
            "{s:?}"
        );
    }

    #[test]
    fn a_ticket_refund_applied_for_is_a_refund_applied() {
        let s = state(&[(C, "这个单申请退票了", None)]);
        assert_eq!(s.stage, Some(Stage::RefundApplied), "{s:?}");
    }

    #[test]
    fn a_code_sent_when_the_agent_asks_for_the_verification_code_is_handed_over() {
        let s = state(&[
            (C, "[ORDERID_10353236]", None),
            (A, "稍后提供下验证码哦", None),
            (C, "482913", None),
        ]);
        assert!(s.just_gave && s.has(Info::Pin), "{s:?}");
    }

    #[test]
    fn a_yes_to_the_agents_check_of_what_to_act_on_goes_ahead() {
        let s = state(&[
            (C, "订单号:[ORDERID_10095094]这个帮忙锁单", None),
            (A, "嗯嗯 亲，请问还有其他需要咨询的吗?", None),
            (C, "10095095、10095096 这几个也帮忙锁一下吧", None),
            (A, "这几个都要锁单吗", None),
            (C, "是的", None),
        ]);
        assert!(s.agreed, "{s:?}");
    }

    #[test]
    fn asking_whether_it_will_be_expensive_after_a_repair_quote_is_about_the_repair() {
        let s = state(&[
            (C, "耳机坏了还能修吗", None),
            (
                A,
                "这边已经过保哦，可以寄回给咱们售后这边帮您进行检测报价维修哦",
                None,
            ),
            (C, "会不会好贵呀", None),
        ]);
        assert_eq!(
            s.open.as_ref().map(|o| o.topic),
            Some(Intent::Warranty),
            "{s:?}"
        );
    }

    #[test]
    fn asking_whether_the_refund_went_through_means_one_was_applied_for() {
        let s = state(&[(C, "你好，我想问下这笔交易退费成功了嘛?", None)]);
        assert_eq!(s.stage, Some(Stage::RefundApplied), "{s:?}");
    }

    #[test]
    fn a_device_that_will_not_power_on_is_a_repair_question() {
        let s = state(&[(C, "手机不通电了", None)]);
        assert_eq!(
            s.open.as_ref().map(|o| o.topic),
            Some(Intent::Warranty),
            "{s:?}"
        );
    }

    #[test]
    fn a_customer_going_to_find_the_order_number_is_trying() {
        let s = state(&[
            (C, "我需要卖家给我退换一个分体式的", None),
            (A, "您好，麻烦您提供一下您的订单的呢", None),
            (C, "你等下我找好订单号在来", None),
        ]);
        assert!(s.trying, "{s:?}");
    }

    #[test]
    fn what_a_refund_for_a_dislike_costs_is_a_return_fee_question() {
        let s = state(&[(
            C,
            "不是商品问题，就是我看错了，觉得不合适，想退款，我要承担什么费用",
            None,
        )]);
        assert_eq!(
            s.open.as_ref().map(|o| o.topic),
            Some(Intent::Return),
            "{s:?}"
        );
    }

    #[test]
    fn what_happens_to_the_money_of_a_return_is_a_refund_question() {
        let s = state(&[
            (C, "这个茶叶我是用白条买的", None),
            (C, "我如果退货回去", None),
            (C, "钱怎么处理", None),
        ]);
        assert_eq!(
            s.open.as_ref().map(|o| o.topic),
            Some(Intent::Refund),
            "{s:?}"
        );
    }

    #[test]
    fn a_yes_to_the_phone_on_file_hands_it_over() {
        let s = state(&[
            (C, "打电话也不接啊", None),
            (
                A,
                "这边给您升级到专员回电处理，订单上的联系方式能联系到您吗",
                None,
            ),
            (C, "可以的", None),
        ]);
        assert!(s.just_gave && s.has(Info::Phone), "{s:?}");
    }

    #[test]
    fn a_code_sent_for_what_the_agent_asked_by_another_name_is_handed_over() {
        let s = state(&[
            (C, "产品的评价怎么一直不更新呢", None),
            (A, "请您提供下商品的商品编码", None),
            (C, "好的", None),
            (C, "5521347", None),
        ]);
        assert!(s.just_gave && !s.closing, "{s:?}");
    }

    #[test]
    fn a_yes_to_the_agents_offer_to_transfer_ending_in_me_is_a_handover() {
        let s = state(&[
            (C, "发票上次没打税号，要重新开具", None),
            (A, "稍等", None),
            (C, "等很久", None),
            (A, "您好，小妹为您转接专员处理，可以么", None),
            (C, "可以", None),
        ]);
        assert!(s.handover, "{s:?}");
    }

    #[test]
    fn asking_where_and_agreeing_hand_over_nothing_asked_by_another_name() {
        let s = state(&[
            (C, "说让我补录身份证信息", None),
            (A, "您提供一下 我这边帮您补录", None),
            (C, "这里吗", None),
            (C, "可以", None),
        ]);
        assert!(!s.just_gave, "{s:?}");
    }

    #[test]
    fn stickers_after_a_hold_are_no_answer() {
        let s = state(&[
            (C, "为何这个订单申请价格保护不成功呢?", None),
            (A, "请稍等，这边为您核实差价", None),
            (A, "#E-s[数字x]#E-s[数字x]", None),
        ]);
        assert!(s.holding, "{s:?}");
    }

    #[test]
    fn a_short_yes_answers_the_customers_question() {
        let s = state(&[
            (C, "那就是说要么送到提货点要么取消售后再重新申请?", None),
            (A, "是的", None),
            (C, "好的", None),
        ]);
        assert!(s.closing, "{s:?}");
    }

    #[test]
    fn a_statement_that_holds_an_ok_word_inside_does_not_wind_down() {
        let s = state(&[
            (C, "内衣我买了两件，是不是只发了一件?", None),
            (A, "拆分状态不需拆分 查询是两件商品", None),
            (C, "，额，我只收到一件", None),
        ]);
        assert!(!s.closing, "{s:?}");
    }

    #[test]
    fn a_short_ok_that_opens_or_ends_the_message_winds_down() {
        let s = state(&[
            (C, "发票什么时候开", None),
            (A, "订单完成后一个工作日内开具", None),
            (C, "好的收到", None),
        ]);
        assert!(s.closing, "{s:?}");
    }

    #[test]
    fn a_yes_to_what_the_agent_offers_if_needed_takes_the_offer() {
        let s = state(&[
            (C, "行程单可以邮寄吗", None),
            (
                A,
                "可以在行程后7天内支付10元运费后给您安排邮寄，您需要的话现在就可以给您提供支付链接",
                None,
            ),
            (C, "可以的", None),
        ]);
        assert!(s.agreed && !s.closing, "{s:?}");
    }

    #[test]
    fn an_agent_who_will_text_the_tracking_number_is_not_asking_for_it() {
        let s = state(&[
            (C, "发票寄出了吗", None),
            (
                A,
                "小妹会在[数字x]h内短信告知您 发票的运单号 麻烦您注意查收一下",
                None,
            ),
        ]);
        assert!(s.awaited.is_empty(), "{s:?}");
    }

    #[test]
    fn courtesy_after_the_hold_words_is_no_answer() {
        let s = state(&[
            (C, "另外一款保留 谢谢你", None),
            (
                A,
                "好的亲 这边正在帮您查询，请您稍等一会会哦，不要离开，感谢您的谅解哦",
                None,
            ),
        ]);
        assert!(s.holding, "{s:?}");
    }

    #[test]
    fn a_result_after_the_hold_words_ends_the_hold() {
        let s = state(&[
            (C, "发票什么时候寄", None),
            (
                A,
                "小妹马上帮您查询 您的发票已经在生成中 会在一个工作日内帮您寄出",
                None,
            ),
        ]);
        assert!(!s.holding, "{s:?}");
    }

    #[test]
    fn a_warning_that_a_cancellation_cannot_be_undone_is_not_a_refusal() {
        let s = state(&[
            (C, "这个订单取消吧", None),
            (
                A,
                "小妹温馨提示:订单一旦取消是无法恢复的，商品性价比挺高的呦，您再考虑下呢~",
                None,
            ),
        ]);
        assert!(s.said.iter().all(|x| x.kind != SaidKind::Refused), "{s:?}");
    }

    #[test]
    fn thanks_alone_to_an_offered_cancellation_take_it_up() {
        let s = state(&[
            (C, "退款 不想要了", None),
            (A, "这边帮您取消可以吗", None),
            (C, "多谢", None),
        ]);
        assert!(s.agreed && !s.closing, "{s:?}");
    }

    #[test]
    fn a_yes_to_the_agents_proposal_to_make_the_change_agrees() {
        let s = state(&[
            (C, "发票怎么修改?", None),
            (A, "好的 那我登记修改了哦?", None),
            (C, "嗯，改了吧 谢谢", None),
        ]);
        assert!(s.agreed && !s.closing, "{s:?}");
    }

    #[test]
    fn an_ok_after_the_agent_went_to_ask_a_colleague_does_not_close() {
        let s = state(&[
            (C, "京东自营的都可以换么", None),
            (A, "我问下售后同事看看吧", None),
            (C, "好的", None),
        ]);
        assert!(!s.closing, "{s:?}");
    }

    #[test]
    fn invoice_details_the_customer_is_not_sure_of_yet_are_lacking() {
        let s = state(&[(
            C,
            "暂时不需要开票 晚几天再开可以吗 我们现在还不确定开票信息",
            None,
        )]);
        assert!(s.lacking.contains(&Info::InvoiceTitle), "{s:?}");
    }

    #[test]
    fn not_bought_yet_is_no_second_asking() {
        let s = state(&[
            (C, "我买一个东西 买了两个 想要分别发货 怎么办", None),
            (A, "您可以提供一下订单号码吗~", None),
            (C, "还没买呢 十二点开售啊 这种情况怎么办啊?", None),
        ]);
        assert!(s.open.as_ref().is_some_and(|o| o.times == 1), "{s:?}");
    }

    #[test]
    fn no_to_anything_else_closes_while_what_the_agent_passed_on_is_pending() {
        let s = state(&[
            (C, "我要换返回的地址", None),
            (A, "这个是商品修改后，返回的地址吗", None),
            (C, "对", None),
            (
                A,
                "好的，这边帮您反映 亲爱的，还有其他业务信息需要妹子为您查询的吗?",
                None,
            ),
            (C, "暂时没有了", None),
        ]);
        assert!(s.closing, "{s:?}");
    }

    #[test]
    fn the_order_card_with_a_masked_product_id_asks_nothing() {
        let s = state(&[(C, "咨询订单号:[ORDERID_12797484] 商品ID:[数字x]", None)]);
        assert!(s.open.is_none(), "{s:?}");
    }

    #[test]
    fn doing_it_at_once_is_a_hold() {
        let s = state(&[
            (C, "麻烦这个解锁一下锁定可以吗 客户不退了", None),
            (A, "小妹立刻安排反馈解锁", None),
        ]);
        assert!(s.holding, "{s:?}");
    }

    #[test]
    fn thanks_with_more_orders_handed_over_is_no_closing() {
        let s = state(&[
            (C, "这几个订单的发票要修改", None),
            (A, "[ORDERID_12054970] 修改这个吗", None),
            (
                C,
                "对的 [ORDERID_12054978] [ORDERID_12054979] 还有这两个 谢谢",
                None,
            ),
        ]);
        assert!(!s.closing, "{s:?}");
    }

    #[test]
    fn because_of_you_is_nothing_done_for_the_customer() {
        let s = state(&[
            (C, "那只有改回去咯", None),
            (A, "这个因为您改过一次了不能给您保证呢", None),
        ]);
        assert!(
            s.said.last().is_some_and(|x| !reports_done(&x.words)),
            "{s:?}"
        );
    }

    #[test]
    fn no_more_with_a_particle_to_anything_else_closes() {
        let s = state(&[
            (C, "这个快递今天可以配送吗", None),
            (A, "今天可以送哦", None),
            (C, "好的，今天可以配送就行", None),
            (A, "请问还有其他还可以帮到您的吗? 嗯嗯", None),
            (C, "没有了呢", None),
        ]);
        assert!(s.closing, "{s:?}");
    }

    #[test]
    fn a_remark_then_no_more_to_anything_else_closes() {
        let s = state(&[
            (C, "我拒收了可以退款吗", None),
            (A, "您拒收了就可以了哦 这边会帮您操作退款的哦", None),
            (C, "好的 我也已经申请退款了", None),
            (A, "好的 请问还有其他还可以帮到您的吗?", None),
            (C, "快递也已经拒收了 没有了谢谢", None),
        ]);
        assert!(s.closing, "{s:?}");
    }

    #[test]
    fn a_resigned_ok_to_a_no_does_not_agree_to_anything() {
        let s = state(&[
            (C, "这个也涨价了 昨晚想买 也不能变了吗", None),
            (
                A,
                "这个都是只能在活动的时候下单，现在过了的话都是无法改变的 给您带来不便，还请您见谅~",
                None,
            ),
            (C, "好吧 谢谢", None),
        ]);
        assert!(!s.agreed, "{s:?}");
    }

    #[test]
    fn taking_up_the_way_offered_after_an_ok_agrees() {
        let s = state(&[
            (C, "坏了怎么办", None),
            (A, "可以给您换货或者退货，您看呢", None),
            (C, "行吧，那就退货吧", None),
        ]);
        assert!(s.agreed, "{s:?}");
    }

    #[test]
    fn an_ok_to_a_later_act_does_not_agree_to_doing_it_now() {
        let s = state(&[
            (C, "名称写成个人了，帮我改成公司名", None),
            (
                A,
                "您的订单还未完成，目前我是不能帮您修改的呢，您看这样可以吗，等您订单完成了我帮您修改换开",
                None,
            ),
            (C, "好的", None),
        ]);
        assert!(!s.agreed, "{s:?}");
    }

    #[test]
    fn settling_to_wait_closes() {
        let s = state(&[
            (C, "就是说后续还会有补货的是吧", None),
            (A, "对的 数量有限哦~", None),
            (C, "好吧，那我等着了", None),
        ]);
        assert!(s.closing && !s.agreed, "{s:?}");
    }

    #[test]
    fn an_agent_asking_from_the_order_in_front_of_them_has_it() {
        let s = state(&[
            (C, "我买的东西少了一件", None),
            (
                A,
                "小妹查看到这个订单是[数字x]个包裹配送的，您收到的是几个包裹呢",
                None,
            ),
        ]);
        assert!(s.known.contains(&Info::OrderId), "{s:?}");
    }

    #[test]
    fn agreeing_to_be_escalated_is_a_hand_over() {
        let s = state(&[
            (C, "怎么转接客服了", None),
            (
                A,
                "亲，如果这样的话，我们可以帮您升级解决问题，请问您同意吗",
                None,
            ),
            (C, "同意", None),
        ]);
        assert!(s.handover, "{s:?}");
    }

    #[test]
    fn a_promise_earlier_in_the_agents_turn_makes_an_ok_wait_for_it() {
        let s = state(&[
            (C, "so if i order soon i get a discount?", None),
            (
                A,
                "let me get the system to generate a promo code for you right now",
                None,
            ),
            (A, "since you are a gold member", None),
            (C, "okay great", None),
        ]);
        assert!(!s.closing && s.agreed, "{s:?}");
    }

    #[test]
    fn an_ok_to_a_promise_without_thanks_is_not_thanks_in_advance() {
        let s = state(&[
            (C, "my promo code says it's invalid", None),
            (A, "no worries, i will give you a new promo code.", None),
            (C, "ok", None),
        ]);
        assert!(s.agreed && !s.thanked_ahead, "{s:?}");
    }

    #[test]
    fn help_offered_before_an_answer_is_no_promise_to_wait_for() {
        let s = state(&[
            (C, "what is your return policy?", None),
            (A, "i will be happy to help you with that.", None),
            (
                A,
                "gold members get unlimited returns, silver members six months.",
                None,
            ),
            (C, "thank you!", None),
        ]);
        assert!(s.closing && !s.agreed, "{s:?}");
    }

    #[test]
    fn a_yes_and_thanks_to_how_about_i_takes_the_offer() {
        let s = state(&[
            (C, "i just didnt get my payment until today", None),
            (A, "how about i generate a promo code for you now?", None),
            (C, "that would so awesome!", None),
            (C, "thank you", None),
        ]);
        assert!(!s.closing && s.agreed && s.thanked_ahead, "{s:?}");
    }

    #[test]
    fn an_ok_to_i_can_assure_you_takes_up_no_offer() {
        let s = state(&[
            (C, "my credit is missing from my account", None),
            (
                A,
                "i can assure you that the credit does in fact appear on your account.",
                None,
            ),
            (C, "oh, ok, thanks", None),
        ]);
        assert!(!s.agreed, "{s:?}");
    }

    #[test]
    fn saying_the_customer_is_verified_does_not_answer_their_request() {
        let s = state(&[
            (C, "i would like to pay my subscription fee", None),
            (A, "can i have your account id and order id please?", None),
            (C, "account id: 87yfvz9h03", None),
            (C, "order id: 6797343652", None),
            (A, "great, you're all verified.", None),
            (C, "great", None),
        ]);
        assert!(s.open.as_ref().is_some_and(|o| !o.answered), "{s:?}");
        assert!(!s.closing, "{s:?}");
    }

    #[test]
    fn thanks_after_answering_the_agents_question_leaves_the_agent_the_next_step() {
        let s = state(&[
            (C, "i just would like a refund please", None),
            (A, "do you know how much money your purchase cost?", None),
            (C, "yes $89", None),
            (C, "thank you!", None),
        ]);
        assert!(!s.closing, "{s:?}");
    }

    #[test]
    fn thanks_after_finding_the_cause_the_agent_asked_to_check_closes() {
        let s = state(&[
            (C, "the promo code didn't work either!", None),
            (A, "can you double check the item isnt out of stock?", None),
            (C, "oh, wait, it is out of stock. oops that's why", None),
            (C, "thanks for the help", None),
        ]);
        assert!(s.closing, "{s:?}");
    }

    #[test]
    fn it_works_after_the_step_the_agent_gave_winds_the_chat_down() {
        let s = state(&[
            (C, "my card keeps getting declined", None),
            (
                A,
                "another thing to try: log out and log back into your account?",
                None,
            ),
            (C, "ok will do this now", None),
            (C, "it works", None),
        ]);
        assert!(s.closing, "{s:?}");
    }

    #[test]
    fn please_do_that_after_what_the_agent_can_do_goes_ahead() {
        let s = state(&[
            (C, "the payment method on my order seems to be wrong", None),
            (A, "since you've already received the item, i can't change it for this order. if we change it, it will only apply to future orders.", None),
            (C, "okay. please do that", None),
        ]);
        assert!(s.agreed && !s.closing, "{s:?}");
    }

    #[test]
    fn choosing_the_card_on_file_to_pay_goes_ahead() {
        let s = state(&[
            (C, "i want to pay the remaining due amount.", None),
            (A, "the amount due is $20.", None),
            (
                A,
                "do you have a credit card you would like to put it on?",
                None,
            ),
            (C, "i would like to pay with my credit card on file.", None),
        ]);
        assert!(s.agreed, "{s:?}");
    }

    #[test]
    fn choosing_the_card_on_file_for_a_refund_is_one_step_of_several() {
        let s = state(&[
            (C, "i want a refund because i changed my mind.", None),
            (A, "how would you like this refund? we can give you credit on your account, gift cards, paper check, or refund to credit card on file.", None),
            (C, "refund to credit card on file", None),
        ]);
        assert!(!s.agreed, "{s:?}");
    }

    #[test]
    fn a_way_offered_beside_what_cannot_be_done_rules_nothing_out() {
        let s = state(&[
            (C, "i forgot my password", None),
            (A, "i am unable to recover your current password, but i can generate a new password for you.", None),
            (C, "that would be great", None),
        ]);
        assert!(s.said.iter().all(|x| x.kind != SaidKind::Refused), "{s:?}");
    }

    #[test]
    fn yeah_thats_right_to_so_you_would_like_a_refund_makes_the_refund_the_request() {
        let s = state(&[
            (C, "the price is too high", None),
            (A, "so you would like to initiate a refund?>", None),
            (C, "yeah thats right", None),
        ]);
        assert!(
            s.open.as_ref().is_some_and(|o| o.topic == Intent::Refund),
            "{s:?}"
        );
    }

    #[test]
    fn a_bare_five_digit_number_after_the_agent_asked_for_the_zip_is_the_zip() {
        let s = state(&[
            (C, "hi! i can not access my account", None),
            (
                A,
                "i also need zip, phone number and email. two of the three if you have them.",
                None,
            ),
            (C, "ap520918@email.com", None),
            (C, "(422) 354-2050", None),
            (C, "46584", None),
        ]);
        assert!(s.has(Info::Zip), "{s:?}");
    }

    #[test]
    fn a_chinese_reply_to_a_zip_question_is_read_without_a_panic() {
        let s = state(&[
            (C, "我要改地址", None),
            (A, "请提供一下您的邮编和zip code", None),
            (C, "好的好的好的", None),
        ]);
        assert!(!s.has(Info::Zip), "{s:?}");
    }

    #[test]
    fn a_zip_and_a_phone_number_find_the_account_without_its_id() {
        let s = state(&[
            (C, "i seem to have forgotten my username", None),
            (
                A,
                "i'll just need two of the following: zip code, phone number or email address.",
                None,
            ),
            (C, "49984", None),
            (C, "(274) 841-2259", None),
        ]);
        assert!(s.known.contains(&Info::Account), "{s:?}");
    }

    #[test]
    fn thanks_after_a_promise_and_a_question_on_it_winds_down() {
        let s = state(&[
            (C, "the item i want is never in stock", None),
            (
                A,
                "i'm going to send a report about this to our purchasing department.",
                None,
            ),
            (
                A,
                "does this action help you feel a little more satisfied?",
                None,
            ),
            (C, "if that is all you can do then yes.", None),
            (C, "thank you.", None),
        ]);
        assert!(!s.agreed, "{s:?}");
    }

    #[test]
    fn a_yes_with_its_reason_takes_the_agents_offer() {
        let s = state(&[
            (
                C,
                "i really can't afford the extra shipping, is there nothing you can do?",
                None,
            ),
            (A, "i can add the credit back to the account.", None),
            (
                C,
                "ok, that's good, i need to pinch pennies, my job is cut way back.",
                None,
            ),
        ]);
        assert!(s.agreed, "{s:?}");
    }

    #[test]
    fn thanks_after_the_agent_only_acknowledged_an_answer_waits_for_the_step() {
        let s = state(&[
            (C, "i bought an item and want to return it", None),
            (A, "how would you like to return your item? you can send it in by mail, in store, or at a drop-off center.", None),
            (C, "i will mail it", None),
            (A, "great", None),
            (C, "thank you", None),
        ]);
        assert!(!s.closing && s.agreed, "{s:?}");
    }

    #[test]
    fn yes_to_does_this_answer_your_question_winds_down() {
        let s = state(&[
            (C, "is the jacket warm?", None),
            (
                A,
                "the inside material is cotton to help with insulation.",
                None,
            ),
            (A, "does this answer your question?", None),
            (C, "yes!", None),
        ]);
        assert!(s.closing, "{s:?}");
    }

    #[test]
    fn no_to_did_you_need_further_assistance_winds_down() {
        let s = state(&[
            (C, "i forgot my password", None),
            (A, "your new password is: 9o1ilcbfs4m", None),
            (C, "ok great!", None),
            (A, "did you need further assistance?", None),
            (C, "no", None),
        ]);
        assert!(s.closing, "{s:?}");
    }

    #[test]
    fn thanks_for_a_promo_code_the_agent_would_like_to_provide_waits_for_it() {
        let s = state(&[
            (C, "the boots are out of stock again", None),
            (A, "because your satisfaction is extremely important to us, i would like to provide you with a 20% promo code.", None),
            (C, "thanks", None),
            (C, "thats perfect", None),
        ]);
        assert!(!s.closing && s.agreed, "{s:?}");
    }

    #[test]
    fn the_whole_thing_to_how_much_would_you_like_to_pay_goes_ahead() {
        let s = state(&[
            (C, "i want to pay my subscription bill", None),
            (A, "how much would you like to pay today?", None),
            (C, "the whole thing", None),
        ]);
        assert!(s.agreed, "{s:?}");
    }

    #[test]
    fn i_was_able_to_verify_your_account_finds_the_account() {
        let s = state(&[
            (C, "i need to change the credit card on my account", None),
            (A, "i was able to verify your account. what is the credit card number you would like to change?", None),
            (C, "4536008840004551", None),
        ]);
        assert!(s.known.contains(&Info::Account), "{s:?}");
    }
}
