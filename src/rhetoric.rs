//! Questions that answer themselves. Put to the agent with a negation, a question is a reproach
//! rather than a request for information: "你没有听懂我的问题吗", "你看不到?", "你们客服不是一对一
//! 服务的吗?" say the agent failed at what they are there for. Quoting the agent's own word back,
//! "你不是说在余额里看吗", "不是说可以删除的吗?", says the customer no longer trusts it.
//!
//! A worry asked to be talked out of is the same shape turned the other way: "不会影响到他上课吧",
//! "不会出现退了款货又发走的情况吧", "退货会影响信誉吗?" ask for reassurance that the bad outcome
//! will not happen.
//!
//! Asking why a wrong goes on ("为啥还是送到我公司", "为什么老是给我发错") asks the shop to account
//! for it: a reproach too. Asking why something is not there yet ("为什么还没到") is a wait, read as
//! worry by the lexicon.
//!
//! English asks the same way: "why do my lights keep going out?", "why can't I type in it
//! anymore??", "why has the driver given no reason" want an account of a wrong, not information
//! (not "why is my order pending?", which asks).
//!
//! Giving in has a shape as well: "那只能退货了", "哦只能买几个凑了" say the customer settles for
//! less than they wanted, a letdown.
//!
//! A person hears these from the shape of the clause, whatever its words: a second person, a
//! negation after it, and a question at the end; 不会 … 吧, or an effect feared in a question; why,
//! then a word that the wrong goes on. A choice offered (能不能, 是不是, 有没有) is a real question
//! and not read here.

use crate::kinds::CueKind;
use crate::words::Words;

/// A reproach: byte range (the clause, in the folded text), the feeling and its weight.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Reproach {
    pub start: usize,
    pub end: usize,
    pub kind: CueKind,
    pub weight: f32,
}

/// Under `kinds::CLEARLY_FELT`, the feeling a reply opener answers: the mood shows, and the reply
/// names the customer's situation or question rather than apologising for anger.
const WEIGHT: f32 = 0.9;

/// Particles and stops a clause may trail after its question word ("你看不到吗啊。").
const TRAILING: [char; 7] = ['啊', '呀', '呢', '哦', ' ', '.', '。'];

/// Negations that make a question put to "you" a reproach: "你还没…吗", "你都不…吗",
/// "你听不懂吗", "你看不到?", "你们不是…的吗".
/// (Not a bare 没有: "你们没有赠品吗" asks what comes in the box.)
const REPROACHING: Words = words![
    "不是",
    "还没",
    "还不",
    "都不",
    "都没",
    "听不懂",
    "没听懂",
    "没有听懂",
    "看不到",
    "看不见",
    "没看到",
    "没有看到",
    "不知道",
    "不明白",
];

/// A choice offered is a real question: "你能不能…", "你们是不是…", "有没有".
const CHOICES: Words = words![
    "能不能",
    "是不是",
    "有没有",
    "可不可以",
    "会不会",
    "要不要",
    "行不行",
    "好不好",
    "对不对",
];

/// Why-words: a question that asks the shop to account for something.
const WHY: Words = words!["为什么", "为啥", "为何"];

/// After a why-word, the wrong goes on: "为啥还是…", "为什么老是…", "为什么又…".
const GOES_ON: Words = words!["还是", "老是", "总是", "一直", "又"];

/// The reproaches in a folded message, clause by clause (Chinese) and sentence by sentence
/// (English).
pub fn reproaches(text: &str) -> Vec<Reproach> {
    let mut out = english(text);
    // Every shape read here holds one of these (你, 不会, 会影响, 为什么, 只能, 真的, 确定, 保证):
    // most messages hold none.
    if !text.contains(['你', '不', '会', '为', '只', '真', '确', '保']) {
        return out;
    }
    let (mut start, mut sentence) = (0, 0);
    for (i, c) in text.char_indices() {
        if !ends_clause(c) {
            continue;
        }
        let asked = matches!(c, '?' | '？');
        if let Some(r) = reproach(&text[start..i], start, asked, &text[sentence..i]) {
            out.push(r);
        }
        start = i + c.len_utf8();
        if !matches!(c, '，' | ',' | ' ') {
            sentence = start;
        }
    }
    if let Some(r) = reproach(&text[start..], start, false, &text[sentence..]) {
        out.push(r);
    }
    out
}

/// Words that say a wrong goes on or a thing is not done, after an English "why".
const EN_WRONG: Words = words!["not", "no", "never", "keep", "keeps", "still", "anymore", "again",];

/// English sentences that ask why a wrong goes on ("why do my lights keep going out").
fn english(text: &str) -> Vec<Reproach> {
    if !text.contains("why") {
        return Vec::new();
    }
    let mut out = Vec::new();
    let mut start = 0;
    for (i, c) in text.char_indices().chain([(text.len(), '.')]) {
        if !matches!(c, '.' | '?' | '!' | ';' | '\n') {
            continue;
        }
        if asks_why_wrong_en(&text[start..i]) {
            out.push(Reproach {
                start,
                end: i,
                kind: CueKind::Anger,
                weight: WEIGHT,
            });
        }
        start = (i + c.len_utf8()).min(text.len());
    }
    out
}

/// "why" as a word, then a negation ("can't", "no reason") or a wrong going on ("keep", "still").
fn asks_why_wrong_en(sentence: &str) -> bool {
    let mut words = sentence
        .split(|c: char| !(c.is_ascii_alphanumeric() || c == '\''))
        .filter(|w| !w.is_empty());
    words.any(|w| w == "why")
        && words.any(|w| EN_WRONG.contains(w) || w.ends_with("n't") || w == "cant" || w == "dont")
}

/// The project's clause breaks and a space, but not an enumeration comma or a colon, which keep a
/// question whole ("你不是说A、B都有吗").
fn ends_clause(c: char) -> bool {
    (crate::text::is_clause_break(c) && !matches!(c, '、' | ':')) || c == ' '
}

/// One clause read as a reproach, if it is one. `asked`: a question mark closes it; `sentence`:
/// the sentence up to the clause's end (a worry's 不会 may open it: "不会出现…，货发走了的情况吧").
fn reproach(clause: &str, at: usize, asked: bool, sentence: &str) -> Option<Reproach> {
    let body = clause.trim_end_matches(TRAILING);
    let shaped = |kind| {
        Some(Reproach {
            start: at,
            end: at + clause.len(),
            kind,
            weight: WEIGHT,
        })
    };
    if asks_why_it_goes_on(body) {
        return shaped(CueKind::Anger);
    }
    if !asked && gives_in(body) {
        return shaped(CueKind::Disappointment);
    }
    // Most clauses ask nothing: only a question, a 吧 or a 会不会 can be read here.
    if !(asked || body.ends_with(['吗', '嘛', '么', '吧']) || body.contains("会不会")) {
        return None;
    }
    let question = asked || body.ends_with(['吗', '嘛', '么']);
    let kind = if doubts(body, question) {
        CueKind::Distrust
    } else if fears(body, sentence.trim_end_matches(TRAILING), asked) {
        CueKind::Anxiety
    } else if !question || CHOICES.iter().any(|w| body.contains(w)) {
        return None;
    } else if quotes_back(body) {
        CueKind::Distrust
    } else {
        let rest = &body[body.find('你')?..];
        REPROACHING.iter().any(|w| rest.contains(w)).then_some(())?;
        CueKind::Anger
    };
    Some(Reproach {
        start: at,
        end: at + clause.len(),
        kind,
        weight: WEIGHT,
    })
}

/// After 真的 in a question, what is doubted: "真的会退吗", "真的能到吗", "真的有货吗".
const REALLY: Words = words!["会", "能", "有", "是", "可以"];

/// Asking to be assured the shop's word holds: "真的会退吗", "确定能到吗", "保证是正品吧", "不会又
/// 是翻新的吧" (a letdown feared again). Not "确定收货", a button; not a choice offered ("是不是").
fn doubts(body: &str, question: bool) -> bool {
    let after = |w: &str| after(body, w);
    let really = question && after("真的").is_some_and(|r| REALLY.iter().any(|w| r.starts_with(w)));
    let sure = question && after("确定").is_some_and(|r| !r.starts_with("收货"));
    let vouched = body.contains("保证") && (question || body.ends_with('吧'));
    let again = body.ends_with('吧') && after("不会").is_some_and(|r| r.starts_with('又'));
    (really || sure || vouched || again) && !CHOICES.iter().any(|w| body.contains(w))
}

/// "不会…吧" hoping a bad outcome is ruled out ("不会影响到他上课吧"; not a bare "不会吧", disbelief),
/// or an effect feared in a question ("会影响信誉吗", "会不会影响保修").
fn fears(body: &str, whole: &str, asked: bool) -> bool {
    let hoped_not = whole.ends_with('吧')
        && whole
            .find("不会")
            .is_some_and(|i| whole[i..].chars().count() > "不会吧".chars().count());
    let effect = (asked || body.ends_with(['吗', '嘛'])) && body.contains("会影响");
    hoped_not || effect || asks_if_it_goes_wrong(body)
}

/// What may go wrong, after 会不会: "会不会影响保修", "会不会以后都下不了单", "会不会送错".
const GOING_WRONG: Words = words!["影响", "不", "没", "坏", "丢", "错", "问题", "过期"];

/// "会不会…" followed by something going wrong (not "会不会有赠品", a real question).
fn asks_if_it_goes_wrong(body: &str) -> bool {
    after(body, "会不会").is_some_and(|rest| GOING_WRONG.iter().any(|w| rest.contains(w)))
}

/// "那只能退货了", "只能买几个凑了": settling for less, said (a clause that ends in 了, not a
/// question: "只能用微信付吗" asks what is possible).
fn gives_in(body: &str) -> bool {
    body.ends_with('了') && body.contains("只能") && !body.contains('吗')
}

/// "为啥还是送到我公司", "为什么老是给我打电话": why, then a word that the wrong goes on (not
/// "为什么还没到", a wait; not "还是为什么", where 还是 offers another reason).
fn asks_why_it_goes_on(body: &str) -> bool {
    WHY.iter()
        .any(|w| after(body, w).is_some_and(|rest| GOES_ON.iter().any(|g| rest.contains(g))))
}

/// What follows the first `w` in `body`, if `w` is there.
fn after<'a>(body: &'a str, w: &str) -> Option<&'a str> {
    body.find(w).map(|i| &body[i + w.len()..])
}

/// "你不是说…吗", "不是说…的吗": the agent's (or the shop's) word, quoted back in doubt.
fn quotes_back(body: &str) -> bool {
    body.contains("不是说") || body.contains("不是跟我说")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kinds(text: &str) -> Vec<CueKind> {
        reproaches(text).iter().map(|r| r.kind).collect()
    }

    #[test]
    fn a_negated_question_put_to_the_agent_is_a_reproach() {
        for text in [
            "你没有听懂我的问题吗",
            "这订单退了我多少钱你看不到?",
            "你们这个客服不是一对一服务的吗?太慢了吧",
            "便宜了二十块，你还没算出来吗",
        ] {
            assert_eq!(kinds(text), [CueKind::Anger], "{text}");
        }
    }

    #[test]
    fn the_agents_word_quoted_back_in_a_question_is_doubt() {
        for text in ["你不是说在余额里看吗", "不是说可以删除的吗?"] {
            assert_eq!(kinds(text), [CueKind::Distrust], "{text}");
        }
    }

    #[test]
    fn a_choice_offered_or_a_statement_is_no_reproach() {
        for text in [
            "你能不能帮我看一下?",
            "你们是不是不发顺丰?",
            "你们有没有赠品吗",
            "你不是第一个这么说的",
            "我还没收到吗",
            "你们没有赠品吗",
            "订单号发给你了.不是可以对比的吗",
        ] {
            assert!(kinds(text).is_empty(), "{text}");
        }
    }

    #[test]
    fn a_bad_outcome_asked_to_be_ruled_out_is_worry() {
        for text in [
            "不会影响到他上课吧",
            "不会出现顾客退款了，货发走了的情况吧",
            "退货会影响信誉吗?",
            "拆了会不会影响保修",
        ] {
            assert!(kinds(text).contains(&CueKind::Anxiety), "{text}");
        }
        for text in ["不会吧", "这个不会掉色吧好看", "会影响"] {
            assert!(!kinds(text).contains(&CueKind::Anxiety), "{text}");
        }
    }

    #[test]
    fn asking_why_a_wrong_goes_on_is_a_reproach() {
        for text in [
            "为啥还是送到我公司",
            "为什么老是给我发错颜色",
            "为什么又给我打电话",
        ] {
            assert_eq!(kinds(text), [CueKind::Anger], "{text}");
        }
    }

    #[test]
    fn asking_why_a_thing_is_so_or_not_yet_there_is_no_reproach() {
        for text in [
            "为什么还没到",
            "为什么要填身份证",
            "还是为什么不能用券",
            "为什么不能用券",
        ] {
            assert!(kinds(text).is_empty(), "{text}");
        }
    }

    #[test]
    fn asking_if_something_will_go_wrong_is_worry() {
        for text in ["会不会以后都下不了单了呢", "会不会送错"] {
            assert_eq!(kinds(text), [CueKind::Anxiety], "{text}");
        }
        assert!(kinds("会不会有赠品").is_empty());
    }

    #[test]
    fn settling_for_less_is_a_letdown_and_asking_what_is_possible_is_not() {
        for text in ["那只能退货了", "哦只能买几个凑了"] {
            assert_eq!(kinds(text), [CueKind::Disappointment], "{text}");
        }
        for text in ["只能用微信付吗", "只能用微信付了吗?", "我只能周末收货"]
        {
            assert!(kinds(text).is_empty(), "{text}");
        }
    }

    #[test]
    fn asking_why_a_wrong_goes_on_is_a_reproach_in_english_too() {
        for text in [
            "why do my lights keep going out? @vw",
            "why can't i type text anymore??",
            "why has the driver given no reason for the delay",
        ] {
            assert_eq!(kinds(text), [CueKind::Anger], "{text}");
        }
    }

    #[test]
    fn an_english_why_that_asks_or_a_wrong_without_why_is_no_reproach() {
        for text in ["why is my order pending?", "it doesn't work. why is that"] {
            assert!(kinds(text).is_empty(), "{text}");
        }
    }

    #[test]
    fn asking_to_be_assured_the_shops_word_holds_is_doubt() {
        for text in [
            "真的会退吗",
            "确定能到吗?",
            "保证是正品吧",
            "不会又是翻新的吧",
        ] {
            assert_eq!(kinds(text), [CueKind::Distrust], "{text}");
        }
    }

    #[test]
    fn a_plain_question_with_really_or_sure_in_it_is_no_doubt() {
        for text in [
            "我确定收货了吗",
            "这个真的好看",
            "是不是真的有货?",
            "不会吧",
        ] {
            assert!(!kinds(text).contains(&CueKind::Distrust), "{text}");
        }
    }

    #[test]
    fn the_reproach_spans_its_own_clause_only() {
        let text = "好的，你没看到吗";
        let r = reproaches(text);
        assert_eq!(&text[r[0].start..r[0].end], "你没看到吗");
    }
}
