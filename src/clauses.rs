//! How a message is put together: its clauses and sentences, and how much each part weighs in the
//! verdict. A person reading "质量不错，但是物流太慢" or "Although it was pricey, I love it" weighs
//! the clause after a contrast more than the one before it, passes lightly over a conceded clause
//! and a minor reservation ("质量不错，就是有点薄"), and takes a verdict ("总之", "总体", "overall",
//! in the lexicon's `mod.verdict`) over what came before it; a "but" after an opening verdict
//! ("总体不错，但是早餐一般") adds a reservation to it, and the sentences after it are details that
//! weigh less ("总体不错。门口不好找，早餐一般"). A closing sentence with no such word is not
//! weighed more: in reviews it is as often the minor reservation as the verdict.
//!
//! Positions are char indices of the folded text (`Folded::text`).

use crate::text::is_clause_break;

/// How a marker turns the message.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Turn {
    /// 但是, 不过, but, however: what follows weighs more, what comes before less.
    Contrast,
    /// 虽然, 尽管, although: the clause it opens is conceded and weighs less.
    Concession,
    /// 就是, 只是, 唯一: a minor reservation added to a verdict already given ("质量不错，就是有点薄"):
    /// what follows, to the end of its sentence, weighs less.
    Reservation,
    /// 总体, 总之, overall: the writer's verdict on the whole. It turns the message as a contrast
    /// does, and wherever it stands it is not outweighed: a "but" after it ("总体不错，但是早餐一般")
    /// adds a reservation to the verdict already given, as 就是 does.
    Verdict,
}

#[derive(Debug, Clone, Copy)]
pub struct Marker {
    /// Char index where the marker starts.
    pub at: usize,
    /// 0..1: how strongly it turns the message (但是 1.0, 不过 0.5, 就是 0.15).
    pub weight: f32,
    pub turn: Turn,
}

/// How far a contrast or a concession moves a part's weight, per unit of marker weight.
const SHIFT: f32 = 0.4;

/// Clause and sentence of every char of a folded text.
pub struct Layout {
    /// clause[ci]: clause breaks strictly before char ci (one more entry for the end).
    clause: Vec<u32>,
    /// Where each sentence after the first starts (char index).
    starts: Vec<u32>,
    /// Index of the last sentence that holds a word (trailing "！！" or "~" is no sentence).
    last_sentence: u32,
}

/// Ends a sentence: 。！？!?；; a line break, an ellipsis, a full stop that is not a decimal point.
fn ends_sentence(prev: Option<char>, c: char, next: Option<char>) -> bool {
    match c {
        '。' | '！' | '？' | '!' | '?' | ';' | '；' | '\n' | '…' => true,
        '.' => {
            !(prev.is_some_and(|p| p.is_ascii_digit()) && next.is_some_and(|n| n.is_ascii_digit()))
        }
        _ => false,
    }
}

/// A space between two Chinese characters: Chinese reviews and chats often part clauses with a
/// space instead of a comma ("质量没有想象中的好 没有什么弹性").
fn cjk_gap(prev: Option<char>, c: char, next: Option<&char>) -> bool {
    c.is_whitespace()
        && prev.is_some_and(crate::text::is_cjk)
        && next.is_some_and(|n| crate::text::is_cjk(*n))
}

impl Layout {
    pub fn new(folded: &str) -> Layout {
        let n = folded.chars().count();
        let mut clause = Vec::with_capacity(n + 1);
        let mut starts = Vec::new();
        let mut prev: Option<char> = None;
        let mut it = folded.chars().peekable();
        let (mut c, mut s, mut last_sentence) = (0u32, 0u32, 0u32);
        // A run of breaks ("！！！", "。。。") is one break: counted when a word follows it.
        let (mut pending_clause, mut pending_sentence) = (false, false);
        while let Some(ch) = it.next() {
            let is_break = is_clause_break(ch) || ch == '\n' || cjk_gap(prev, ch, it.peek());
            if !is_break && !ch.is_whitespace() {
                if pending_clause {
                    c += 1;
                }
                if pending_sentence {
                    s += 1;
                    starts.push(clause.len() as u32);
                }
                pending_clause = false;
                pending_sentence = false;
                if ch.is_alphanumeric() {
                    last_sentence = s;
                }
            }
            clause.push(c);
            if is_break {
                pending_clause = true;
                if ends_sentence(prev, ch, it.peek().copied()) {
                    pending_sentence = true;
                }
            }
            prev = Some(ch);
        }
        clause.push(c + pending_clause as u32);
        Layout {
            clause,
            starts,
            last_sentence,
        }
    }

    pub fn clause(&self, ci: usize) -> u32 {
        self.clause
            .get(ci)
            .or(self.clause.last())
            .copied()
            .unwrap_or(0)
    }

    pub fn sentence(&self, ci: usize) -> u32 {
        self.starts.partition_point(|&st| st as usize <= ci) as u32
    }

    /// The char index where sentence `k` ends (where the next starts, or the end of the text).
    fn sentence_end(&self, k: u32) -> usize {
        self.starts
            .get(k as usize)
            .map_or(self.clause.len() - 1, |&st| st as usize)
    }

    pub fn same_clause(&self, a: usize, b: usize) -> bool {
        self.clause(a) == self.clause(b)
    }

    /// Sentences that hold a word.
    pub fn sentences(&self) -> u32 {
        self.last_sentence + 1
    }
}

/// How much the feeling at each position counts toward the message's verdict.
pub struct Weights {
    /// Contrast markers in text order.
    contrasts: Vec<Marker>,
    /// Where the sentence of each contrast marker ends (char index): a verdict weighs its own
    /// sentence; the sentences after it are details.
    ends: Vec<usize>,
    /// Conceded spans: (from, to) char indices, and the marker's weight.
    conceded: Vec<(usize, usize, f32)>,
}

impl Weights {
    /// `markers` in any order.
    pub fn new(layout: &Layout, markers: &[Marker]) -> Weights {
        let mut contrasts: Vec<Marker> = markers
            .iter()
            .copied()
            .filter(|m| matches!(m.turn, Turn::Contrast | Turn::Verdict))
            .collect();
        crate::sort::sort_by_key(&mut contrasts, |m| m.at);
        let conceded = markers
            .iter()
            .filter(|m| !matches!(m.turn, Turn::Contrast | Turn::Verdict))
            .map(|m| {
                if m.turn == Turn::Reservation {
                    return (m.at, layout.sentence_end(layout.sentence(m.at)), m.weight);
                }
                // The conceded part runs to the end of its clause, or on to the contrast that
                // answers it in the same sentence ("虽然价格贵，做工也一般，但是很耐用").
                let answer = contrasts
                    .iter()
                    .find(|c| c.at > m.at && layout.sentence(c.at) == layout.sentence(m.at));
                let end = match answer {
                    Some(c) => c.at,
                    None => {
                        let k = layout.clause(m.at);
                        (m.at..layout.clause.len())
                            .find(|&i| layout.clause(i) != k)
                            .unwrap_or(layout.clause.len())
                    }
                };
                (m.at, end, m.weight)
            })
            .collect();
        let ends = contrasts
            .iter()
            .map(|m| layout.sentence_end(layout.sentence(m.at)))
            .collect();
        Weights {
            contrasts,
            ends,
            conceded,
        }
    }

    /// The weight (around 1) of the feeling at char `ci`.
    pub fn at(&self, ci: usize) -> f32 {
        let mut w = 1.0f32;
        // The contrast that opens this part raises it; the one that closes it lowers it.
        let next = self
            .contrasts
            .iter()
            .position(|m| m.at > ci)
            .unwrap_or(self.contrasts.len());
        let opening = next.checked_sub(1).and_then(|p| self.contrasts.get(p));
        // A contrast after a verdict already given adds a reservation: it raises nothing.
        let after_verdict = |p: usize| self.contrasts[..p].iter().any(|v| v.turn == Turn::Verdict);
        if let Some(m) = opening {
            let own_sentence = self.ends.get(next - 1).is_none_or(|&end| ci < end);
            // "总体不错。门口不好找，早餐一般": the verdict first, then the details, which weigh
            // as what comes before a contrast does and do not overturn it.
            if m.turn == Turn::Verdict && !own_sentence {
                w *= 1.0 - SHIFT * m.weight;
            } else if m.turn == Turn::Verdict || !after_verdict(next - 1) {
                w *= 1.0 + SHIFT * m.weight;
            }
        }
        // Nor does it lower the verdict's own part.
        if let Some(m) = self.contrasts.get(next) {
            if m.turn == Turn::Verdict || !opening.is_some_and(|o| o.turn == Turn::Verdict) {
                w *= 1.0 - SHIFT * m.weight;
            }
        }
        for &(from, to, cw) in &self.conceded {
            if ci >= from && ci < to {
                w *= 1.0 - SHIFT * cw;
            }
        }
        w
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn clauses_and_sentences_are_counted_once_per_run_of_breaks() {
        let l = Layout::new("好！！！然后，ok...是的");
        let at = |s: &str| {
            "好！！！然后，ok...是的"
                .chars()
                .position(|c| s.starts_with(c))
                .unwrap()
        };
        assert_eq!((l.clause(at("然")), l.sentence(at("然"))), (1, 1));
        assert_eq!((l.clause(at("o")), l.sentence(at("o"))), (2, 1));
        assert_eq!((l.clause(at("是")), l.sentence(at("是"))), (3, 2));
        assert_eq!(l.sentences(), 3);
    }

    #[test]
    fn a_space_between_chinese_characters_parts_clauses_and_a_space_in_english_does_not() {
        let l = Layout::new("质量一般 没有弹性");
        assert!(!l.same_clause(0, 6));
        assert_eq!(l.sentences(), 1);
        let l = Layout::new("not good at all");
        assert!(l.same_clause(0, 10));
    }

    #[test]
    fn a_decimal_point_does_not_end_a_sentence_and_trailing_marks_make_no_sentence() {
        let l = Layout::new("it costs 3.5 dollars!!");
        assert_eq!(l.sentences(), 1);
        assert_eq!(l.sentence(12), 0);
    }

    #[test]
    fn the_part_after_a_contrast_outweighs_the_part_before() {
        let text = "质量不错，但是物流慢";
        let l = Layout::new(text);
        let w = Weights::new(
            &l,
            &[Marker {
                at: 5,
                weight: 1.0,
                turn: Turn::Contrast,
            }],
        );
        assert!(w.at(8) > 1.2 && w.at(0) < 0.8, "{} {}", w.at(8), w.at(0));
    }

    #[test]
    fn a_conceded_clause_weighs_less_than_the_clause_that_answers_it() {
        let text = "虽然价格贵，做工也一般，但是很耐用";
        let l = Layout::new(text);
        let w = Weights::new(
            &l,
            &[
                Marker {
                    at: 0,
                    weight: 1.0,
                    turn: Turn::Concession,
                },
                Marker {
                    at: 12,
                    weight: 1.0,
                    turn: Turn::Contrast,
                },
            ],
        );
        // Both clauses before 但是 are conceded, not only the first.
        assert!(
            w.at(7) < 0.5 && w.at(3) < 0.5 && w.at(15) > 1.2,
            "{} {} {}",
            w.at(3),
            w.at(7),
            w.at(15)
        );
        let en = "I love it, although it is pricey";
        let l = Layout::new(en);
        let w = Weights::new(
            &l,
            &[Marker {
                at: 11,
                weight: 1.0,
                turn: Turn::Concession,
            }],
        );
        assert!(w.at(2) == 1.0 && w.at(28) < 0.8);
    }

    #[test]
    fn the_sentences_after_an_opening_verdict_weigh_less_than_the_verdict() {
        let text = "总体不错。门口不好找，早餐一般";
        let l = Layout::new(text);
        let w = Weights::new(
            &l,
            &[Marker {
                at: 0,
                weight: 1.0,
                turn: Turn::Verdict,
            }],
        );
        assert!(w.at(2) > 1.2 && w.at(7) < 1.0, "{} {}", w.at(2), w.at(7));
    }

    #[test]
    fn a_minor_reservation_weighs_less_to_the_end_of_its_sentence() {
        let text = "质量不错，就是有点薄。下次还买";
        let l = Layout::new(text);
        let w = Weights::new(
            &l,
            &[Marker {
                at: 5,
                weight: 0.5,
                turn: Turn::Reservation,
            }],
        );
        assert!(
            w.at(8) < 1.0 && w.at(0) == 1.0 && w.at(12) == 1.0,
            "{} {} {}",
            w.at(0),
            w.at(8),
            w.at(12)
        );
    }
}
