//! The vocabularies Duxin reasons in: cue kinds and intents, with their names in both languages.

use serde::{Deserialize, Serialize};

/// The intensity from which a feeling shows clearly enough to be answered: a reply opens on it,
/// and anger presses an open request. Faint cues (a reproach, a blamed fault) weigh less: they
/// show in the mood and the highlights only.
pub const CLEARLY_FELT: f32 = 1.0;

/// What a span of customer text says about their feelings.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum CueKind {
    Anger,
    Anxiety,
    Distrust,
    Disappointment,
    Sadness,
    Confusion,
    Gratitude,
    Joy,
    Threat,
}

impl CueKind {
    pub const ALL: [CueKind; 9] = [
        CueKind::Anger,
        CueKind::Anxiety,
        CueKind::Distrust,
        CueKind::Disappointment,
        CueKind::Sadness,
        CueKind::Confusion,
        CueKind::Gratitude,
        CueKind::Joy,
        CueKind::Threat,
    ];

    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.iter().copied().find(|k| k.as_str() == s)
    }

    /// Position in `ALL`: the index of per-kind arrays.
    pub fn index(self) -> usize {
        self as usize
    }

    pub fn as_str(self) -> &'static str {
        match self {
            CueKind::Anger => "anger",
            CueKind::Anxiety => "anxiety",
            CueKind::Distrust => "distrust",
            CueKind::Disappointment => "disappointment",
            CueKind::Sadness => "sadness",
            CueKind::Confusion => "confusion",
            CueKind::Gratitude => "gratitude",
            CueKind::Joy => "joy",
            CueKind::Threat => "threat",
        }
    }

    pub fn zh(self) -> &'static str {
        match self {
            CueKind::Anger => "愤怒",
            CueKind::Anxiety => "焦急",
            CueKind::Distrust => "不信任",
            CueKind::Disappointment => "失望",
            CueKind::Sadness => "难过",
            CueKind::Confusion => "困惑",
            CueKind::Gratitude => "感谢",
            CueKind::Joy => "开心",
            CueKind::Threat => "投诉/差评威胁",
        }
    }

    /// The English name: the code itself (one table, not two that must agree).
    pub fn en(self) -> &'static str {
        self.as_str()
    }

    /// Positive feelings; everything else reads as negative for polarity.
    pub fn is_positive(self) -> bool {
        matches!(self, CueKind::Gratitude | CueKind::Joy)
    }

    /// Confusion is not unhappiness by itself.
    pub fn is_negative(self) -> bool {
        !self.is_positive() && self != CueKind::Confusion
    }
}

/// What the customer wants.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum Intent {
    Logistics,
    Return,
    Refund,
    Exchange,
    SizeFit,
    ProductQuestion,
    Price,
    Invoice,
    Payment,
    AddressChange,
    Cancellation,
    Complaint,
    Warranty,
    HumanAgent,
    Account,
    OrderChange,
    Review,
    Greeting,
    Thanks,
    Other,
}

impl Intent {
    pub const ALL: [Intent; 20] = [
        Intent::Logistics,
        Intent::Return,
        Intent::Refund,
        Intent::Exchange,
        Intent::SizeFit,
        Intent::ProductQuestion,
        Intent::Price,
        Intent::Invoice,
        Intent::Payment,
        Intent::AddressChange,
        Intent::Cancellation,
        Intent::Complaint,
        Intent::Warranty,
        Intent::HumanAgent,
        Intent::Account,
        Intent::OrderChange,
        Intent::Review,
        Intent::Greeting,
        Intent::Thanks,
        Intent::Other,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Intent::Logistics => "logistics",
            Intent::Return => "return",
            Intent::Refund => "refund",
            Intent::Exchange => "exchange",
            Intent::SizeFit => "size_fit",
            Intent::ProductQuestion => "product_question",
            Intent::Price => "price",
            Intent::Invoice => "invoice",
            Intent::Payment => "payment",
            Intent::AddressChange => "address_change",
            Intent::Cancellation => "cancellation",
            Intent::Complaint => "complaint",
            Intent::Warranty => "warranty",
            Intent::HumanAgent => "human_agent",
            Intent::Account => "account",
            Intent::OrderChange => "order_change",
            Intent::Review => "review",
            Intent::Greeting => "greeting",
            Intent::Thanks => "thanks",
            Intent::Other => "other",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.iter().copied().find(|k| k.as_str() == s)
    }

    /// Position in `ALL`: the index of per-intent arrays.
    pub fn index(self) -> usize {
        self as usize
    }

    pub fn zh(self) -> &'static str {
        match self {
            Intent::Logistics => "物流/催发货",
            Intent::Return => "退货",
            Intent::Refund => "退款",
            Intent::Exchange => "换货",
            Intent::SizeFit => "尺码",
            Intent::ProductQuestion => "商品咨询",
            Intent::Price => "价格/优惠/价保",
            Intent::Invoice => "发票",
            Intent::Payment => "付款",
            Intent::AddressChange => "改地址",
            Intent::Cancellation => "取消订单",
            Intent::Complaint => "投诉/质量",
            Intent::Warranty => "保修/售后",
            Intent::HumanAgent => "找人工",
            Intent::Account => "账户",
            Intent::OrderChange => "下单/改单",
            Intent::Review => "评价",
            Intent::Greeting => "问候",
            Intent::Thanks => "感谢/结束",
            Intent::Other => "其他",
        }
    }

    pub fn en(self) -> &'static str {
        match self {
            Intent::Logistics => "where is my order",
            Intent::Return => "return",
            Intent::Refund => "refund",
            Intent::Exchange => "exchange",
            Intent::SizeFit => "size and fit",
            Intent::ProductQuestion => "product question",
            Intent::Price => "price / discount",
            Intent::Invoice => "invoice",
            Intent::Payment => "payment",
            Intent::AddressChange => "address change",
            Intent::Cancellation => "cancellation",
            Intent::Complaint => "complaint / quality",
            Intent::Warranty => "warranty / repair",
            Intent::HumanAgent => "wants a person",
            Intent::Account => "account",
            Intent::OrderChange => "place / change order",
            Intent::Review => "review",
            Intent::Greeting => "greeting",
            Intent::Thanks => "thanks / closing",
            Intent::Other => "other",
        }
    }

    /// Something went wrong after the purchase, or the customer wants it undone or escalated.
    pub fn is_after_sales_problem(self) -> bool {
        matches!(
            self,
            Intent::Return
                | Intent::Exchange
                | Intent::Warranty
                | Intent::Cancellation
                | Intent::Complaint
                | Intent::Price
                | Intent::HumanAgent
        )
    }

    /// Intents that carry a request (a greeting or a thank-you does not).
    pub fn is_substantive(self) -> bool {
        !matches!(self, Intent::Greeting | Intent::Thanks | Intent::Other)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn index_is_the_position_in_all() {
        assert!(CueKind::ALL.iter().enumerate().all(|(i, k)| k.index() == i));
        assert!(Intent::ALL.iter().enumerate().all(|(i, k)| k.index() == i));
    }

    /// The lists the extension's scripts need at run time (the panel's colours, Options' intent
    /// menu), as a module generated from the enums: never copied by hand into JS.
    fn kinds_js() -> String {
        let names = |v: Vec<serde_json::Value>| {
            v.iter()
                .map(|x| x.to_string())
                .collect::<Vec<_>>()
                .join(", ")
        };
        let cues = names(CueKind::ALL.iter().map(|k| serde_json::json!(k)).collect());
        let intents = names(Intent::ALL.iter().map(|k| serde_json::json!(k)).collect());
        format!(
            "// Generated from src/kinds.rs by `cargo test` (UPDATE_PROTOCOL=1 rewrites it). Do not edit.\n\
             // @ts-check\n\n\
             /** The cue kinds, in the core's order (`CueKind::ALL`). @type {{readonly import(\"./protocol\").CueKind[]}} */\n\
             export const CUE_KINDS = [{cues}];\n\n\
             /** What a customer may want, in the core's order (`Intent::ALL`). @type {{readonly import(\"./protocol\").Intent[]}} */\n\
             export const INTENTS = [{intents}];\n"
        )
    }

    #[test]
    fn the_extensions_lists_are_current() {
        crate::generated::assert_current(
            "extension/kinds.js",
            &kinds_js(),
            "extension/kinds.js is out of date: run UPDATE_PROTOCOL=1 cargo test --lib kinds",
        );
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
#[serde(rename_all = "lowercase")]
pub enum Lang {
    Zh,
    En,
}

impl crate::json_lite::FromJson for Lang {
    fn from_json(j: &crate::json_lite::Json) -> Result<Self, String> {
        crate::json_lite::variant(j, &[Lang::Zh, Lang::En])
    }
}

impl crate::json_lite::FromJson for Intent {
    fn from_json(j: &crate::json_lite::Json) -> Result<Self, String> {
        crate::json_lite::variant(j, &Intent::ALL)
    }
}
