//! An item measured against what was expected or what came before: "比想象的好很多", "比预计的早到
//! 了一天", "比上次差多了". A person reads the verdict from the comparison, though "好", "快" or "差"
//! alone is no evaluative word the lexicon can list (好 is a degree word as often as praise). Only
//! against expectation and the past: against another shop or item ("超市的比这个好") the subject
//! may be the other one, so what is praised is not known.

use crate::words::Words;

/// A comparison read: byte range in the folded text and its signed weight (praise > 0).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Compared {
    pub start: usize,
    pub end: usize,
    pub weight: f32,
}

/// What the item is measured against: an expectation or an earlier time.
const STANDARDS: Words = words![
    "想象", "想像", "预期", "预想", "预计", "期望", "期待", "以前", "之前", "上次", "原来", "原先",
    "平时", "往常", "以往",
];
/// What the shop showed or said: the item measured against its picture or description. Against
/// these, smaller, fewer or thinner is worse too ("比图片上小很多", "比描述的薄"), which against the
/// past it need not be (a newer phone may well be smaller).
const SHOWN: Words = words![
    "图片上",
    "图片",
    "照片上",
    "照片",
    "宣传的",
    "宣传",
    "描述的",
    "描述",
    "介绍的",
    "详情页",
];
/// Measures worse against what was shown: "比图片小", "比描述的少".
const LESS_THAN_SHOWN: Words = words!["小", "少", "薄", "短", "窄", "暗", "细"];
/// Between the standard and the measure: "比想象中的好", "比以前要好", "比上次还快".
const LINKS: Words =
    words!["中的", "中", "的", "里", "还要", "要", "还", "更", "都", "略", "稍微"];
/// Measures that are better when there is more of them, in any shop.
const BETTER: Words = words![
    "好吃", "好看", "好用", "好", "强", "棒", "快", "早", "便宜", "实惠", "漂亮", "结实", "舒服",
    "清楚", "精致", "新鲜", "香", "厚实", "划算",
];
/// Measures that are worse: "比以前差", "比上次慢", "比之前贵".
const WORSE: Words = words!["差", "慢", "晚", "贵", "难吃", "难看", "难用", "粗糙", "旧"];
/// "好很多", "快多了": by how much, which weighs more.
const MUCH: Words = words!["很多", "多了", "得多", "太多", "不少", "好多"];

/// The comparisons in `text` (folded), leaving out those whose measure a lexicon term already
/// reads (`covered(byte)`), and denied ones ("不比以前好", "没比预期快").
pub fn comparisons(text: &str, covered: impl Fn(usize) -> bool) -> Vec<Compared> {
    let mut out = Vec::new();
    for (at, _) in text.match_indices('比') {
        let before = text[..at].trim_end_matches(['并', '也']);
        if before.ends_with(['不', '没']) || before.ends_with("没有") {
            continue;
        }
        let Some(c) = compared_at(text, at) else {
            continue;
        };
        if !covered(c.measure) {
            out.push(Compared {
                start: at,
                end: c.end,
                weight: c.weight,
            });
        }
    }
    out
}

/// One comparison starting at `at` (the byte of 比): where its measure starts, where it ends and
/// its signed weight.
struct Found {
    measure: usize,
    end: usize,
    weight: f32,
}

fn compared_at(text: &str, at: usize) -> Option<Found> {
    let mut i = at + '比'.len_utf8();
    let shown = SHOWN.iter().find(|s| text[i..].starts_with(s));
    let standard = shown.or_else(|| STANDARDS.iter().find(|s| text[i..].starts_with(s)))?;
    i += standard.len();
    // "比想象中的还要好": up to two links.
    for _ in 0..2 {
        if let Some(l) = LINKS.iter().find(|l| text[i..].starts_with(l)) {
            i += l.len();
        }
    }
    let (measure, sign) = BETTER
        .iter()
        .find(|m| text[i..].starts_with(m))
        .map(|m| (m, 1.0))
        .or_else(|| {
            WORSE
                .iter()
                .find(|m| text[i..].starts_with(m))
                .map(|m| (m, -1.0))
        })
        .or_else(|| {
            shown
                .and(LESS_THAN_SHOWN.iter().find(|m| text[i..].starts_with(m)))
                .map(|m| (m, -1.0))
        })?;
    let mut end = i + measure.len();
    // "比以前好多了" is by much; "比预期好多" too.
    let much = MUCH.iter().find(|m| text[end..].starts_with(m));
    if let Some(m) = much {
        end += m.len();
    }
    let weight = sign * if much.is_some() { 1.6 } else { 1.2 };
    Some(Found {
        measure: i,
        end,
        weight,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(text: &str) -> Vec<f32> {
        comparisons(text, |_| false)
            .iter()
            .map(|c| c.weight)
            .collect()
    }

    #[test]
    fn better_than_expected_is_praise() {
        assert!(read("散热也比想象的好很多")[0] > 0.0);
        assert!(read("比预计的早到了一天")[0] > 0.0);
        assert!(read("这次的比上次还要好")[0] > 0.0);
    }

    #[test]
    fn worse_than_before_is_a_complaint() {
        assert!(read("质量比以前差多了")[0] < 0.0);
        assert!(read("这次发货比之前慢")[0] < 0.0);
    }

    #[test]
    fn smaller_than_the_picture_or_description_is_a_complaint() {
        assert!(read("房间比图片上小很多")[0] < 0.0);
        assert!(read("实物比描述的薄")[0] < 0.0);
        assert!(read("比照片好看")[0] > 0.0);
    }

    #[test]
    fn smaller_than_before_says_nothing_of_its_own() {
        assert!(read("这款比以前小").is_empty());
    }

    #[test]
    fn by_much_weighs_more_than_a_bare_comparison() {
        assert!(read("比想象的好很多")[0] > read("比想象的好")[0]);
    }

    #[test]
    fn a_denied_comparison_says_nothing() {
        assert!(read("也不比以前好").is_empty());
        assert!(read("没比预期快多少").is_empty());
    }

    #[test]
    fn against_another_shop_the_subject_is_unknown_and_nothing_is_read() {
        assert!(read("超市的比这个好多了").is_empty());
        assert!(read("比实体店便宜").is_empty());
    }

    #[test]
    fn a_measure_the_lexicon_reads_is_left_to_it() {
        assert!(comparisons("比以前难吃", |_| true).is_empty());
    }
}
