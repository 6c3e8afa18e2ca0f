//! Problems stated plainly, with no evaluative word: a shortfall of quantity ("只剩半瓶", "量少"),
//! of time ("三天才到", "等了一个小时"), of function ("开不了机", "连不上", "it keeps crashing"),
//! an excess of a measure ("太咸", "有点小", "声音这么小"), something hard to do ("难喝", "难找").
//! A person reads these as complaints from the shape of the sentence, whatever the item: these are
//! patterns over the folded text, not lists of phrases. The lexicon's own words come first: a span
//! a lexicon term covers is not read again here.

use crate::text::is_cjk;

/// A plainly stated problem: byte range in the folded text and how much it weighs (as a
/// criticism term would).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Problem {
    pub start: usize,
    pub end: usize,
    pub weight: f32,
}

/// Measures whose "too much" is a complaint in any shop: too small, too salty, too late, too loud.
/// (Not 甜, 软, 快, 多, 便宜: "太甜了", "太快了" are as often praise.)
const EXCESS: &str = "小少短窄薄慢晚硬咸淡苦辣油腻酸涩稀冷凉烫热吵暗旧脏贵重紧松粗大长厚低卡";
/// Measures whose "this little / this late" is a complaint ("声音这么小", "这么慢").
const SHORTFALL: &str = "小少短窄薄慢晚暗旧";
/// After a verb, "不" + one of these says it cannot be done: 开不了, 打不开, 连不上, 充不进, 穿不下.
const COMPLEMENT: &str = "了动开上进下出到着住起完清懂";
/// Verbs before 不 that make a fixed phrase, not a failure: 对不起, 了不起, 怪不得, 舍不得,
/// 忘不了 (unforgettable), 离不开, 少不了, 差不多, 说不定, 忍不住, 想不到, 用不着, 要不了, 数不清,
/// 大不了, 来不及, 看不出.
const NOT_A_FAILURE: &str = "对了怪恨巴舍说差错忘少免离大犯禁忍止数想意用要由看来";
/// 难 before these is a word of its own: 难道, 难得 (rare, a compliment), 难怪, 难忘, 难免, 难题,
/// 难度, 难民, 难过 (a feeling, in the lexicon), 难以 (a negator), 难关, 难点, 难处, 难受, 难堪.
const NAN_WORDS: &str = "道得怪忘免题度民过以关点处受堪";
const NUMERALS: &str = "一二两三四五六七八九十几半0123456789";
const DURATION: [&str; 10] = [
    "个小时",
    "小时",
    "个钟头",
    "分钟",
    "个星期",
    "星期",
    "个月",
    "天",
    "周",
    "月",
];

fn chars_of(text: &str) -> Vec<(usize, char)> {
    text.char_indices().collect()
}

/// Problems in a folded text. `covered(byte)` says whether a lexicon term's hit covers that byte.
pub fn problems(text: &str, covered: impl Fn(usize) -> bool) -> Vec<Problem> {
    let mut out = Vec::new();
    // English text holds only the "keeps …ing" pattern: most messages skip the scan.
    if text.is_ascii() && !text.contains("keep") && !text.contains("kept") {
        return out;
    }
    let cs = chars_of(text);
    let byte = |i: usize| cs.get(i).map_or(text.len(), |c| c.0);
    let ch = |i: usize| cs.get(i).map(|c| c.1);
    let at = |i: usize, s: &str| text[byte(i)..].starts_with(s);
    let free = |i: usize| i < cs.len() && !covered(byte(i));
    let mut i = 0;
    while i < cs.len() {
        let c = cs[i].1;
        // Only a few characters can start a pattern: skip the rest at once.
        if !matches!(
            c,
            '难' | '不'
                | '过'
                | '太'
                | '有'
                | '偏'
                | '略'
                | '稍'
                | '这'
                | '那'
                | '只'
                | '就'
                | '少'
                | '才'
                | '等'
                | 'k'
        ) {
            i += 1;
            continue;
        }
        // 难喝, 难找, 难洗: hard to do.
        if c == '难'
            && free(i)
            && free(i + 1)
            && ch(i + 1).is_some_and(|n| is_cjk(n) && !NAN_WORDS.contains(n))
            && i.checked_sub(1)
                .and_then(ch)
                .is_none_or(|p| !"困灾艰为刁避患疑万".contains(p))
        {
            out.push(Problem {
                start: byte(i),
                end: byte(i + 2),
                weight: 1.4,
            });
            i += 2;
            continue;
        }
        // 开不了, 打不开, 连不上: a verb that cannot be done. Not "好不好" (a question).
        if c == '不' && free(i + 1) && ch(i + 1).is_some_and(|n| COMPLEMENT.contains(n)) {
            let verb = i.checked_sub(1).and_then(ch);
            if verb.is_some_and(|v| is_cjk(v) && !NOT_A_FAILURE.contains(v) && Some(v) != ch(i + 1))
                && free(i - 1)
            {
                out.push(Problem {
                    start: byte(i - 1),
                    end: byte(i + 2),
                    weight: 1.2,
                });
                i += 2;
                continue;
            }
        }
        // 太咸, 有点小, 偏硬, 过于厚: too much of a measure. Not after 不 ("不太小").
        // A softened excess ("有点小", "略硬") is a small reservation, not a verdict.
        let excess = [
            ("过于", 1.2),
            ("太", 1.2),
            ("有点儿", 0.4),
            ("有点", 0.4),
            ("有些", 0.4),
            ("偏", 0.5),
            ("略微", 0.4),
            ("略", 0.4),
            ("稍微", 0.3),
        ];
        if let Some((w, n)) = excess.iter().find(|(w, _)| at(i, w)) {
            let k = i + w.chars().count();
            let negated = i
                .checked_sub(1)
                .and_then(ch)
                .is_some_and(|p| "不没别".contains(p));
            if !negated
                && free(k)
                && ch(k).is_some_and(|a| EXCESS.contains(a))
                && ch(k + 1).is_none_or(|b| !is_cjk(b) || "了啊呀吧的点些".contains(b))
            {
                out.push(Problem {
                    start: byte(i),
                    end: byte(k + 1),
                    weight: *n,
                });
                i = k + 1;
                continue;
            }
        }
        // 这么小, 那么慢: so little of what should be more.
        if (at(i, "这么") || at(i, "那么"))
            && free(i + 2)
            && ch(i + 2).is_some_and(|a| SHORTFALL.contains(a))
            && ch(i + 3).is_none_or(|b| !is_cjk(b) || "了啊呀吧的".contains(b))
        {
            out.push(Problem {
                start: byte(i),
                end: byte(i + 3),
                weight: 1.0,
            });
            i += 3;
            continue;
        }
        // 只剩半瓶, 只收到一个, 就剩两个: less arrived or is left than there should be.
        if let Some(w) = [
            "只剩下",
            "只剩",
            "就剩",
            "只收到",
            "只发了",
            "只来了",
            "只到了",
        ]
        .iter()
        .find(|w| at(i, w))
        {
            let k = i + w.chars().count();
            if ch(k).is_some_and(|n| NUMERALS.contains(n)) {
                out.push(Problem {
                    start: byte(i),
                    end: byte(k + 1),
                    weight: 1.0,
                });
                i = k + 1;
                continue;
            }
        }
        // 量少, 肉少了: a portion too small, said at the end of a clause.
        if c == '少'
            && free(i)
            && i.checked_sub(1)
                .and_then(ch)
                .is_some_and(|p| is_cjk(p) && !"不多减缺至最年很极稀太有点些较".contains(p))
        {
            let mut k = i + 1;
            while ch(k).is_some_and(|n| "了啊呀吧".contains(n)) {
                k += 1;
            }
            if ch(k).is_none_or(|n| !is_cjk(n) && !n.is_alphanumeric()) {
                out.push(Problem {
                    start: byte(i - 1),
                    end: byte(i + 1),
                    weight: 0.8,
                });
                i += 1;
                continue;
            }
        }
        // 三天才到, 一个小时才送来: it took that long.
        if c == '才' && i >= 2 {
            let before = &text[..byte(i)];
            let before = before.strip_suffix('多').unwrap_or(before);
            let long = DURATION.iter().any(|d| {
                before.strip_suffix(d).is_some_and(|b| {
                    b.ends_with(|n: char| NUMERALS.contains(n) || n == '好' || n == '久')
                })
            }) || ["半天", "好久", "很久"].iter().any(|w| before.ends_with(w));
            if long && ch(i + 1).is_some_and(is_cjk) {
                out.push(Problem {
                    start: byte(i),
                    end: byte(i + 1),
                    weight: 1.2,
                });
            }
        }
        // 等了一个小时, 等了半天: a wait worth telling.
        if at(i, "等了") && ch(i + 2).is_some_and(|n| NUMERALS.contains(n) || n == '好') && free(i)
        {
            out.push(Problem {
                start: byte(i),
                end: byte(i + 2),
                weight: 1.0,
            });
            i += 2;
            continue;
        }
        // "it keeps crashing", "the app kept logging me out": a failure that comes back.
        if (at(i, "keeps ") || at(i, "kept "))
            && i.checked_sub(1)
                .and_then(ch)
                .is_none_or(|p| !p.is_alphanumeric())
        {
            let k = i + if at(i, "keeps ") { 6 } else { 5 };
            let k = if at(k, "on ") { k + 3 } else { k };
            let mut e = k;
            while ch(e).is_some_and(|n| n.is_ascii_alphabetic()) {
                e += 1;
            }
            if e > k + 3
                && text[byte(k)..byte(e)].ends_with("ing")
                && free(k)
                && !text[byte(k)..byte(e)].starts_with("getting")
            {
                out.push(Problem {
                    start: byte(i),
                    end: byte(e),
                    weight: 1.0,
                });
                i = e;
                continue;
            }
        }
        i += 1;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn found(text: &str) -> Vec<String> {
        problems(text, |_| false)
            .iter()
            .map(|p| text[p.start..p.end].to_string())
            .collect()
    }

    #[test]
    fn a_shortfall_of_quantity_is_a_problem() {
        assert_eq!(found("洒出来一堆，一瓶就剩半瓶了"), ["就剩半"]);
        assert_eq!(found("这家分量少"), ["量少"]);
        assert!(
            found("至少三个").is_empty()
                && found("不少人买").is_empty()
                && found("噪音减少了").is_empty()
        );
    }

    #[test]
    fn a_long_wait_is_a_problem() {
        assert_eq!(found("外卖一个小时才送到"), ["才"]);
        assert_eq!(found("三天才发货"), ["才"]);
        assert_eq!(found("我等了半天"), ["等了"]);
        assert!(found("才5块钱").is_empty() && found("刚才到的").is_empty());
    }

    #[test]
    fn something_that_cannot_be_done_is_a_problem_and_fixed_phrases_are_not() {
        assert_eq!(found("手机开不了机"), ["开不了"]);
        assert_eq!(found("耳机连不上"), ["连不上"]);
        for fixed in [
            "对不起",
            "真了不起",
            "忘不了的味道",
            "离不开它",
            "差不多",
            "好不好",
            "说不定",
            "来不及",
        ] {
            assert!(found(fixed).is_empty(), "{fixed}");
        }
    }

    #[test]
    fn too_much_of_a_measure_is_a_problem_but_not_when_denied() {
        assert_eq!(found("汤太咸了"), ["太咸"]);
        assert_eq!(found("鞋子有点小"), ["有点小"]);
        assert_eq!(found("声音这么小"), ["这么小"]);
        assert!(
            found("不太小").is_empty()
                && found("太甜了").is_empty()
                && found("太快了").is_empty()
                && found("太小心").is_empty()
        );
    }

    #[test]
    fn a_long_while_before_it_worked_is_a_problem() {
        assert_eq!(found("热水要放很久才有"), ["才"]);
        assert!(found("很久没来了").is_empty());
    }

    #[test]
    fn running_hot_lagging_or_too_low_is_a_problem_and_warmth_of_manner_is_not() {
        assert_eq!(found("机身有点热"), ["有点热"]);
        assert_eq!(found("用着有点卡"), ["有点卡"]);
        assert_eq!(found("分辨率太低"), ["太低"]);
        assert!(found("太热情了").is_empty());
    }

    #[test]
    fn hard_to_do_is_a_problem_and_words_made_with_nan_are_not() {
        assert_eq!(found("这奶真难喝"), ["难喝"]);
        for word in ["难道不是", "难得的好书", "难忘的旅行", "难怪", "困难"] {
            assert!(found(word).is_empty(), "{word}");
        }
    }

    #[test]
    fn an_english_failure_that_keeps_coming_back_is_a_problem() {
        assert_eq!(found("the app keeps logging me out"), ["keeps logging"]);
        assert_eq!(found("it kept on freezing"), ["kept on freezing"]);
        assert!(
            found("it keeps getting better").is_empty()
                && found("she keeps things tidy").is_empty()
        );
    }

    #[test]
    fn a_span_the_lexicon_already_reads_is_left_to_it() {
        let text = "太小了";
        assert!(problems(text, |b| b >= 3).is_empty());
    }
}
