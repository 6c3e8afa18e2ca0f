//! Problems stated plainly, with no evaluative word: a shortfall of quantity ("只剩半瓶", "量少"),
//! of time ("三天才到", "等了一个小时"), of function ("开不了机", "连不上", "it keeps crashing"),
//! an excess of a measure ("太咸", "有点小", "声音这么小"), something hard to do ("难喝", "难找").
//! A person reads these as complaints from the shape of the sentence, whatever the item: these are
//! patterns over the folded text, not lists of phrases. The lexicon's own words come first: a span
//! a lexicon term covers is not read again here.

use crate::text::is_cjk;
use crate::words::Words;

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
const EXCESS: &str =
    "小少短窄薄慢晚久硬咸淡苦辣油腻酸涩稀冷凉烫热吵暗旧老土脏贵重紧松粗大长厚低卡湿潮馊焦";
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
/// States an item should not arrive in: 是硬的, 是生的, 是凉的, 是坏的, 是空的, 是假的.
const BAD_STATE: &str = "硬凉冷生馊臭碎坏破湿脏烂空假";
const NUMERALS: &str = "一二两三四五六七八九十几半0123456789";
/// Measures that are a fault in any degree, said with 很, 好, 真 ("米饭好硬", "汤很淡", "肉很老",
/// "真贵"): not 大, 长, 厚, 热, 冷, 辣, 酸, 甜, 软, whose "very" is as often what was wanted.
const FAULT: &str = "小少短窄慢硬咸淡苦腻涩稀旧老土脏吵暗贵卡湿潮";
/// What is better small or few: "噪音很小", "问题很少", "体积很小" praise.
const LESS_IS_BETTER: Words = words![
    "噪音", "噪声", "声音", "问题", "缺点", "毛病", "色差", "误差", "辐射", "异味", "耗电", "油耗",
    "发热", "体积",
];
/// What food or a parcel turns into on the way: "都凉了", "全化了", "已经坨了", "早就碎了".
const TURNED: &str = "凉冷化坨软烂碎洒漏馊糊塌蔫";
const DURATION: Words = words![
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
///
/// Each pattern is a pass of its own (`Scan::pattern_at`), tried in turn where a pattern can start; the
/// first that matches gives the problem and where the scan resumes.
pub fn problems(text: &str, covered: impl Fn(usize) -> bool) -> Vec<Problem> {
    let mut out = Vec::new();
    // English text holds only the "keeps …ing" and "stopped …ing" patterns: most messages skip
    // the scan.
    if text.is_ascii() && !text.contains("keep") && !text.contains("kept") && !text.contains("stop")
    {
        return out;
    }
    let s = Scan {
        text,
        cs: chars_of(text),
        covered: &covered,
    };
    let mut i = 0;
    while i < s.cs.len() {
        // Only a few characters can start a pattern: skip the rest at once.
        let found = match starts(s.cs[i].1) {
            Start::Any => s.pattern_at(i),
            Start::Order => s.order_pattern_at(i),
            Start::None => {
                i += 1;
                continue;
            }
        };
        match found {
            Some((p, next)) => {
                out.push(p);
                i = next;
            }
            None => i += 1,
        }
    }
    out
}

/// Which patterns can start with `c`: only a few characters start one, and most characters are
/// skipped at once (a binary search in two short sorted lists, not a scan of them).
fn starts(c: char) -> Start {
    if ANY_STARTS.binary_search(&c).is_ok() {
        Start::Any
    } else if ORDER_STARTS.binary_search(&c).is_ok() {
        Start::Order
    } else {
        Start::None
    }
}

/// The characters the patterns of `Scan::pattern_at` start with, sorted.
const ANY_STARTS: [char; 35] = [
    'k', 's', '不', '仅', '偏', '全', '只', '太', '好', '少', '就', '已', '很', '得', '才', '挺',
    '早', '是', '有', '死', '比', '特', '略', '的', '真', '稍', '等', '超', '过', '这', '送', '那',
    '都', '难', '非',
];
/// The characters only the order patterns start with, sorted.
const ORDER_STARTS: [char; 40] = [
    '0', '1', '2', '3', '4', '5', '6', '7', '8', '9', '一', '七', '三', '上', '两', '九', '二',
    '五', '俩', '八', '六', '几', '到', '十', '发', '吃', '四', '实', '寄', '弄', '忘', '撒', '收',
    '整', '时', '洒', '百', '结', '给', '里',
];

#[derive(Clone, Copy, PartialEq)]
enum Start {
    None,
    /// The patterns of `Scan::pattern_at`, the order patterns last.
    Any,
    /// Only the order patterns (`Scan::order_pattern_at`).
    Order,
}

/// A problem found at a position and where the scan resumes after it.
type Found = Option<(Problem, usize)>;

/// A folded text read char by char, with the bytes a lexicon term already covers.
struct Scan<'a> {
    text: &'a str,
    cs: Vec<(usize, char)>,
    covered: &'a dyn Fn(usize) -> bool,
}

impl Scan<'_> {
    fn byte(&self, i: usize) -> usize {
        self.cs.get(i).map_or(self.text.len(), |c| c.0)
    }

    fn ch(&self, i: usize) -> Option<char> {
        self.cs.get(i).map(|c| c.1)
    }

    fn at(&self, i: usize, s: &str) -> bool {
        self.text[self.byte(i)..].starts_with(s)
    }

    /// Char `i` exists and no lexicon term covers it.
    fn free(&self, i: usize) -> bool {
        i < self.cs.len() && !(self.covered)(self.byte(i))
    }

    fn before(&self, i: usize) -> Option<char> {
        i.checked_sub(1).and_then(|p| self.ch(p))
    }

    /// The patterns, in the order they are tried at position `i`.
    fn pattern_at(&self, i: usize) -> Found {
        self.hard_to_do(i)
            .or_else(|| self.cannot_be_done(i))
            .or_else(|| self.too_much(i))
            .or_else(|| self.so_little(i))
            .or_else(|| self.only_left(i))
            .or_else(|| self.portion_too_small(i))
            .or_else(|| self.took_that_long(i))
            .or_else(|| self.waited(i))
            .or_else(|| self.bad_state(i))
            .or_else(|| self.delivery_took_hours(i))
            .or_else(|| self.keeps_failing(i))
            .or_else(|| self.a_fault_in_any_degree(i))
            .or_else(|| self.only_so_many(i))
            .or_else(|| self.turned_on_the_way(i))
            .or_else(|| self.stopped_working(i))
            .or_else(|| self.a_fault_to_the_extreme(i))
            .or_else(|| self.order_pattern_at(i))
    }

    /// A negation in the few chars before `i` in its clause ("不是很贵", "也没那么咸").
    fn denied_before(&self, i: usize) -> bool {
        (i.saturating_sub(3)..i)
            .rev()
            .map_while(|k| self.ch(k).filter(|c| is_cjk(*c)))
            .any(|c| "不没别无".contains(c))
    }

    /// The clause's text before char `i`, at most `n` chars back.
    fn clause_before(&self, i: usize, n: usize) -> &str {
        let mut a = i;
        while a > 0
            && i - a < n
            && self
                .ch(a - 1)
                .is_some_and(|c| is_cjk(c) || c.is_alphanumeric())
        {
            a -= 1;
        }
        &self.text[self.byte(a)..self.byte(i)]
    }

    /// The problem over chars a..z, the scan resuming at `next`.
    fn found(&self, a: usize, z: usize, weight: f32, next: usize) -> Found {
        let p = Problem {
            start: self.byte(a),
            end: self.byte(z),
            weight,
        };
        Some((p, next))
    }

    /// 难喝, 难找, 难洗: hard to do.
    fn hard_to_do(&self, i: usize) -> Found {
        let hard = self.ch(i) == Some('难')
            && self.free(i)
            && self.free(i + 1)
            && self
                .ch(i + 1)
                .is_some_and(|n| is_cjk(n) && !NAN_WORDS.contains(n))
            && self
                .before(i)
                .is_none_or(|p| !"困灾艰为刁避患疑万".contains(p));
        if !hard {
            return None;
        }
        self.found(i, i + 2, 1.4, i + 2)
    }

    /// 开不了, 打不开, 连不上: a verb that cannot be done. Not "好不好" (a question).
    fn cannot_be_done(&self, i: usize) -> Found {
        if self.ch(i) != Some('不')
            || !self.free(i + 1)
            || !self.ch(i + 1).is_some_and(|n| COMPLEMENT.contains(n))
        {
            return None;
        }
        let verb = self.before(i);
        let failure = verb
            .is_some_and(|v| is_cjk(v) && !NOT_A_FAILURE.contains(v) && Some(v) != self.ch(i + 1))
            && self.free(i - 1);
        if !failure || self.more_than_enough(i) {
            return None;
        }
        self.found(i - 1, i + 2, 1.2, i + 2)
    }

    /// 吃不完, 喝不完, 一个人吃不了 (`i` at 不): more than one can finish, a portion's praise. Not
    /// "咸得吃不了", which cannot be eaten at all.
    fn more_than_enough(&self, i: usize) -> bool {
        let consumed = self.before(i).is_some_and(|v| "吃喝用".contains(v));
        let finished = self.ch(i + 1) == Some('完');
        let for_people =
            self.ch(i + 1) == Some('了') && self.clause_before(i - 1, 4).contains('人');
        consumed && (finished || for_people)
    }

    /// 太咸, 有点小, 偏硬, 过于厚: too much of a measure. Not after 不 ("不太小").
    /// A softened excess ("有点小", "略硬") is a small reservation, not a verdict.
    fn too_much(&self, i: usize) -> Found {
        const EXCESS_WORDS: [(&str, f32); 9] = [
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
        let (w, n) = EXCESS_WORDS.iter().find(|(w, _)| self.at(i, w))?;
        let k = i + w.chars().count();
        let negated = self.before(i).is_some_and(|p| "不没别".contains(p));
        let excess = !negated
            && self.free(k)
            && self.ch(k).is_some_and(|a| EXCESS.contains(a))
            && self
                .ch(k + 1)
                .is_none_or(|b| !is_cjk(b) || "了啊呀吧的点些啦哦".contains(b));
        if !excess {
            return None;
        }
        self.found(i, k + 1, *n, k + 1)
    }

    /// 这么小, 那么慢: so little of what should be more.
    fn so_little(&self, i: usize) -> Found {
        let little = (self.at(i, "这么") || self.at(i, "那么"))
            && self.free(i + 2)
            && self.ch(i + 2).is_some_and(|a| SHORTFALL.contains(a))
            && self
                .ch(i + 3)
                .is_none_or(|b| !is_cjk(b) || "了啊呀吧的".contains(b));
        if !little {
            return None;
        }
        self.found(i, i + 3, 1.0, i + 3)
    }

    /// 只剩半瓶, 只收到一个, 就剩两个: less arrived or is left than there should be.
    fn only_left(&self, i: usize) -> Found {
        let w = words![
            "只剩下",
            "只剩",
            "就剩",
            "只收到",
            "只发了",
            "只来了",
            "只到了",
        ]
        .iter()
        .find(|w| self.at(i, w))?;
        let k = i + w.chars().count();
        if !self.ch(k).is_some_and(|n| NUMERALS.contains(n)) {
            return None;
        }
        self.found(i, k + 1, 1.0, k + 1)
    }

    /// 量少, 肉少了: a portion too small, said at the end of a clause.
    fn portion_too_small(&self, i: usize) -> Found {
        let small = self.ch(i) == Some('少')
            && self.free(i)
            && self
                .before(i)
                .is_some_and(|p| is_cjk(p) && !"不多减缺至最年很极稀太有点些较".contains(p));
        if !small {
            return None;
        }
        let mut k = i + 1;
        while self.ch(k).is_some_and(|n| "了啊呀吧".contains(n)) {
            k += 1;
        }
        if !self
            .ch(k)
            .is_none_or(|n| !is_cjk(n) && !n.is_alphanumeric())
        {
            return None;
        }
        self.found(i - 1, i + 1, 0.8, i + 1)
    }

    /// 三天才到, 一个小时才送来: it took that long.
    fn took_that_long(&self, i: usize) -> Found {
        if self.ch(i) != Some('才') || i < 2 {
            return None;
        }
        let before = &self.text[..self.byte(i)];
        let before = before.strip_suffix('多').unwrap_or(before);
        // "一个多星期才到": 多 between the count and the unit too.
        let long = DURATION.iter().any(|d| {
            before.strip_suffix(d).is_some_and(|b| {
                let b = b.strip_suffix('多').unwrap_or(b);
                b.ends_with(|n: char| NUMERALS.contains(n) || n == '好' || n == '久' || n == '个')
            })
        }) || words!["半天", "好久", "很久"]
            .iter()
            .any(|w| before.ends_with(w))
            || self.arrived_only_now(i, before);
        if !long || !self.ch(i + 1).is_some_and(is_cjk) {
            return None;
        }
        self.found(i, i + 1, 1.2, i + 1)
    }

    /// 今天才到, 昨天才收到, 晚上才送来: it came only at that point, later than it should have.
    /// Only of what arrives (才到, 才收到, 才送, 才发): "今天才知道" is news, not a wait.
    /// A time of day counts as such a point ("12点10才到", "一点半才送到", "12:50才到"), and so
    /// does lateness itself ("很晚才送到").
    fn arrived_only_now(&self, i: usize, before: &str) -> bool {
        const WHEN: Words = words![
            "今天",
            "昨天",
            "现在",
            "晚上",
            "下午",
            "号",
            "今晚",
            "很晚",
            "这么晚",
        ];
        (WHEN.iter().any(|w| before.ends_with(w)) || ends_with_clock(before))
            && words!["才到", "才收到", "才送", "才发", "才来", "才给我", "才吃上"]
                .iter()
                .any(|v| self.at(i, v))
    }

    /// 等了一个小时, 等了半天: a wait worth telling.
    fn waited(&self, i: usize) -> Found {
        let wait = self.at(i, "等了")
            && self
                .ch(i + 2)
                .is_some_and(|n| NUMERALS.contains(n) || n == '好')
            && self.free(i);
        if !wait {
            return None;
        }
        self.found(i, i + 2, 1.0, i + 2)
    }

    /// 米饭是硬的, 鸡腿是生的, 盒子是空的: the state it came in, said at the end of a clause.
    fn bad_state(&self, i: usize) -> Found {
        let bad = self.ch(i) == Some('是')
            && self.free(i + 1)
            && self.ch(i + 1).is_some_and(|a| BAD_STATE.contains(a))
            && self.ch(i + 2) == Some('的')
            && self
                .ch(i + 3)
                .is_none_or(|n| !is_cjk(n) && !n.is_alphanumeric());
        if !bad {
            return None;
        }
        self.found(i, i + 3, 1.0, i + 3)
    }

    /// 送了一个半小时, 送了三天: how long the delivery took.
    fn delivery_took_hours(&self, i: usize) -> Found {
        if !self.at(i, "送了")
            || !self
                .ch(i + 2)
                .is_some_and(|n| NUMERALS.contains(n) || n == '俩')
            || !self.free(i)
        {
            return None;
        }
        let rest = &self.text[self.byte(i + 2)..];
        let unit = rest.trim_start_matches(|n: char| NUMERALS.contains(n) || "个多俩".contains(n));
        // "送了150分钟": minutes count from an hour and a half.
        let count = &rest[..rest.len() - unit.len()];
        let minutes = unit.starts_with("分钟") && count_value(count).is_some_and(|v| v >= 90);
        let hours = minutes
            || words!["小时", "钟头", "天", "半小时"]
                .iter()
                .any(|u| unit.starts_with(u));
        if !hours {
            return None;
        }
        self.found(i, i + 2, 1.0, i + 2)
    }

    /// "it keeps crashing", "the app kept logging me out": a failure that comes back.
    fn keeps_failing(&self, i: usize) -> Found {
        let keeps = self.at(i, "keeps ");
        if !(keeps || self.at(i, "kept ")) || self.before(i).is_some_and(|p| p.is_alphanumeric()) {
            return None;
        }
        let k = i + if keeps { 6 } else { 5 };
        let k = if self.at(k, "on ") { k + 3 } else { k };
        let mut e = k;
        while self.ch(e).is_some_and(|n| n.is_ascii_alphabetic()) {
            e += 1;
        }
        let verb = &self.text[self.byte(k)..self.byte(e)];
        if e <= k + 3 || !verb.ends_with("ing") || !self.free(k) || verb.starts_with("getting") {
            return None;
        }
        self.found(i, e, 1.0, e)
    }
}

/// The Chinese patterns added for measures, counts and what the food turned into on the way.
impl Scan<'_> {
    /// 米饭好硬, 汤很淡, 真贵, 比较小: a measure that is a fault in any degree, at the end of its
    /// clause. Not when denied ("不是很贵"), not before a noun ("很小的时候", "很少见"), not of
    /// what is better small ("噪音很小", "问题很少").
    fn a_fault_in_any_degree(&self, i: usize) -> Found {
        const DEGREE: [(&str, f32); 9] = [
            ("很", 1.0),
            ("好", 1.0),
            ("真", 1.0),
            ("超", 1.0),
            ("特别", 1.0),
            ("非常", 1.0),
            ("挺", 0.8),
            ("比较", 0.6),
            ("有点太", 1.0),
        ];
        let (d, w) = DEGREE.iter().find(|(d, _)| self.at(i, d))?;
        let k = i + d.chars().count();
        let fault = self.free(i)
            && self.free(k)
            && self.ch(k).is_some_and(|a| FAULT.contains(a))
            && self
                .ch(k + 1)
                .is_none_or(|b| !is_cjk(b) || "了啊呀吧哦啦".contains(b))
            && !self.denied_before(i)
            && !LESS_IS_BETTER
                .iter()
                .any(|x| self.clause_before(i, 8).contains(x));
        if !fault {
            return None;
        }
        self.found(i, k + 1, *w, k + 1)
    }

    /// 卡得要死, 薄的要命, 贵得不行: a measure said to its extreme (`i` at 的/得), as 太 says it
    /// (`EXCESS`). Not 好吃得要死.
    fn a_fault_to_the_extreme(&self, i: usize) -> Found {
        const EXTREME: Words = words!["要死", "要命", "不行"];
        if self.ch(i) == Some('死') && self.ch(i + 1) == Some('了') {
            return self.dead_of_it(i);
        }
        if !matches!(self.ch(i), Some('的' | '得')) || i == 0 {
            return None;
        }
        let e = EXTREME.iter().find(|e| self.at(i + 1, e))?;
        let fault = self.free(i - 1)
            && self.before(i).is_some_and(|a| EXCESS.contains(a))
            && !self.denied_before(i - 1)
            && !LESS_IS_BETTER
                .iter()
                .any(|x| self.clause_before(i - 1, 8).contains(x));
        if !fault {
            return None;
        }
        let z = i + 1 + e.chars().count();
        self.found(i - 1, z, 1.6, z)
    }

    /// 辣死了, 咸死了, 慢死了: a measure said to its extreme with 死了 (`i` at 死). Not 好吃死了.
    fn dead_of_it(&self, i: usize) -> Found {
        let fault = i > 0
            && self.free(i - 1)
            && self.before(i).is_some_and(|a| EXCESS.contains(a))
            && !self.denied_before(i - 1);
        if !fault {
            return None;
        }
        self.found(i - 1, i + 2, 1.6, i + 2)
    }

    /// 肉只有三片, 最大的只有200克, 才给了两个: fewer than there should be, said at the end of a
    /// clause. Not "只有一个缺点" (a noun follows) nor "只有一个字：好".
    fn only_so_many(&self, i: usize) -> Found {
        const ONLY: Words = words![
            "只有",
            "仅有",
            "只给了",
            "只给",
            "只送了",
            "只送",
            "才给了",
            "才给",
            "才有",
        ];
        let w = ONLY.iter().find(|w| self.at(i, w))?;
        let mut k = i + w.chars().count();
        let n0 = k;
        while self.ch(k).is_some_and(|n| NUMERALS.contains(n)) {
            k += 1;
        }
        if k == n0 || self.before(i) == Some('不') {
            return None;
        }
        let unit = (0..=3).find(|u| {
            self.ch(k + u)
                .is_none_or(|n| !is_cjk(n) && !n.is_alphanumeric())
        })?;
        // A fault counted ("只有一个缺点", "只有一个小问题") is praise; a word announced, no count.
        let named = (k..k + unit).any(|c| self.ch(c).is_some_and(|n| "缺问毛病字".contains(n)));
        if named || self.ch(k + unit).is_some_and(|n| n == ':' || n == '：') {
            return None;
        }
        self.found(i, k + unit, 0.8, k + unit)
    }

    /// 饭都凉了, 菜都凉透了, 冰淇淋全化了, 面已经坨了: what the food or the parcel turned into on
    /// the way.
    fn turned_on_the_way(&self, i: usize) -> Found {
        let w = words!["全都", "全部", "都", "全", "已经", "早就"]
            .iter()
            .find(|w| self.at(i, w))?;
        let k = i + w.chars().count();
        // "都变软了": what it became.
        let k = if self.ch(k) == Some('变') { k + 1 } else { k };
        let turned = self.free(k)
            && self.ch(k).is_some_and(|a| TURNED.contains(a))
            && (self.ch(k + 1) == Some('了')
                || (self.ch(k + 1).is_some_and(|c| "掉透完".contains(c))
                    && self.ch(k + 2) == Some('了')));
        if !turned {
            return None;
        }
        self.found(i, k + 1, 1.2, k + 1)
    }

    /// "it stopped working", "the app stops responding": a function it no longer does. Not "never
    /// stopped working", and only verbs of a thing's function ("stopped smoking" is no problem).
    fn stopped_working(&self, i: usize) -> Found {
        const FUNCTIONS: Words = words![
            "working",
            "running",
            "charging",
            "responding",
            "loading",
            "syncing",
            "printing",
            "connecting",
            "functioning",
            "spinning",
            "cooling",
            "heating",
            "playing",
            "updating",
        ];
        let w = words!["stopped ", "stops "]
            .iter()
            .find(|w| self.at(i, w))?;
        let k = i + w.len();
        let before = &self.text[..self.byte(i)];
        if before.ends_with(|c: char| c.is_alphanumeric())
            || before.ends_with("never ")
            || before.ends_with("n't ")
            || !self.free(i)
        {
            return None;
        }
        let verb = FUNCTIONS.iter().find(|v| self.at(k, v))?;
        let e = k + verb.len();
        if self.ch(e).is_some_and(|c| c.is_alphanumeric()) {
            return None;
        }
        self.found(i, e, 1.2, e)
    }
}

/// What a count of hours or minutes is written with ("2个小时", "俩小时", "一百多分钟").
const HOURS_COUNT: &str = "一二两俩三四五六七八九十百几0123456789";

/// "十二点四十", "一点半", "12:24", "12点10分": the text ends with a time of day.
fn ends_with_clock(before: &str) -> bool {
    let num = |c: char| NUMERALS.contains(c);
    let b = before.strip_suffix('分').unwrap_or(before);
    let b = b.strip_suffix('半').unwrap_or(b);
    let t = b.trim_end_matches(num);
    let hour = t.strip_suffix('点').or_else(|| t.strip_suffix(':'));
    hour.or_else(|| t.strip_suffix('：'))
        .is_some_and(|h| h.ends_with(num) && (t.len() < b.len() || b.ends_with('点')))
}

/// The value of a count written in digits or in Chinese numerals ("170", "两", "俩", "十五",
/// "一百"); `None` for what names no number ("几", "半").
fn count_value(s: &str) -> Option<u32> {
    if !s.is_empty() && s.chars().all(|c| c.is_ascii_digit()) {
        return s.parse().ok();
    }
    let digit = |c: char| "零一二三四五六七八九".find(c).map(|b| (b / 3) as u32);
    let (mut total, mut unit) = (0u32, None::<u32>);
    for c in s.chars() {
        match c {
            '两' | '俩' => unit = Some(2),
            '十' => total += unit.take().unwrap_or(1) * 10,
            '百' => total += unit.take().unwrap_or(1) * 100,
            c => unit = Some(digit(c)?),
        }
    }
    Some(total + unit.unwrap_or(0)).filter(|v| *v > 0)
}

/// What went wrong with an order on its way: how long it took, what came instead of what was
/// ordered, what spilled, what was found in it, what is missing. Customers of every shop say these
/// plainly, with no evaluative word ("送了快2个小时", "我要的蜜酱烤肠，给我送的是田园").
impl Scan<'_> {
    /// Each pattern starts with a few characters of its own: only those are tried at `i`.
    fn order_pattern_at(&self, i: usize) -> Found {
        let c = self.ch(i)?;
        match c {
            '洒' | '撒' => self.spilled(i),
            '忘' => self.forgot_it(i),
            '时' => self.took_a_long_time(i),
            '里' | '吃' | '上' => self.found_in_it(i),
            '给' | '送' | '收' | '寄' | '到' | '实' | '结' | '整' | '弄' => {
                self.came_instead(i)
            }
            '发' => self.came_instead(i).or_else(|| self.found_in_it(i)),
            _ if HOURS_COUNT.contains(c) => self.hours_counted(i),
            _ => None,
        }
    }

    /// 锅包肉忘了放肉, 卤蛋忘了送, 烤肠忘给了: the shop forgot part of the order. Not the
    /// customer's own slip ("我忘了付款", "自己忘拿了").
    fn forgot_it(&self, i: usize) -> Found {
        // Not 带: "忘带了" is most often one's own.
        const DONE: &str = "放送给拿配加装做";
        if self.ch(i) != Some('忘') || !self.free(i) {
            return None;
        }
        let mut k = i + 1;
        if self.ch(k).is_some_and(|c| "了记".contains(c)) {
            k += 1;
        }
        let own = words!["我", "自己"]
            .iter()
            .any(|w| self.clause_before(i, 8).contains(w));
        if !self.ch(k).is_some_and(|c| DONE.contains(c)) || own {
            return None;
        }
        self.found(i, k + 1, 1.0, k + 1)
    }

    /// 送了快2个小时, 俩小时。, 等待170分钟, 三个小时的配送时间: a wait counted in hours (two or
    /// more, or "一个多", "一个半"), or in minutes from 90 up, said as a wait.
    fn hours_counted(&self, i: usize) -> Found {
        let count_char = |k: usize| self.ch(k).is_some_and(|c| HOURS_COUNT.contains(c));
        // The count starts here: not inside "9.5个小时".
        if !count_char(i)
            || count_char(i.wrapping_sub(1))
            || self.before(i) == Some('.')
            || !self.free(i)
        {
            return None;
        }
        let z = self.long_count_of_time(i)?;
        if !self.said_as_a_wait(i, z) {
            return None;
        }
        self.found(i, z, 1.0, z)
    }

    /// The count of hours or minutes starting at `i`, if it is long (two hours or more, an hour
    /// and more, 90 minutes or more): where it ends.
    fn long_count_of_time(&self, i: usize) -> Option<usize> {
        let count_char = |k: usize| self.ch(k).is_some_and(|c| HOURS_COUNT.contains(c));
        let mut k = i;
        while count_char(k) {
            k += 1;
        }
        let value = count_value(&self.text[self.byte(i)..self.byte(k)]);
        let k = if self.ch(k) == Some('个') { k + 1 } else { k };
        let more = self.ch(k).is_some_and(|c| "多半".contains(c));
        let k = k + usize::from(more);
        if self.at(k, "分钟") {
            return value.is_some_and(|v| v >= 90).then_some(k + 2);
        }
        if !self.at(k, "小时") && !self.at(k, "钟头") {
            return None;
        }
        // "一小时四十分钟": an hour and some minutes is more than one.
        let and_minutes = count_char(k + 2);
        let mut z = k + 2;
        while and_minutes
            && self
                .ch(z)
                .is_some_and(|c| HOURS_COUNT.contains(c) || "分钟".contains(c))
        {
            z += 1;
        }
        let v = value.unwrap_or(3);
        let long = (2..12).contains(&v) || (v == 1 && (more || and_minutes));
        long.then_some(z)
    }

    /// The count of time over chars `i..z` is said as a wait: of a delivery or an order
    /// ("送餐2小时", "下单三个小时了"), followed by its arrival ("3个小时送到"), or on its own
    /// ("俩小时。", "都快2小时了"). Not a window or a point in time (两小时内送达, 两个小时前下的单,
    /// 24小时客服), not what came early (提前了两个小时), not a device's hours (充电两个小时, 续航三
    /// 个小时). "两个小时才到" is left to 才, "等了两个小时" and "送了三个小时" to the patterns that
    /// start there; after 晚了, 迟了, 延迟, 超过了 the count is not read (a pattern of its own for
    /// lateness helped only the reviews it was written from, and was removed).
    fn said_as_a_wait(&self, i: usize, z: usize) -> bool {
        const WAIT_WORDS: Words = words![
            "送", "等", "到货", "到达", "配送", "晚", "迟", "延", "超过", "下单", "订",
        ];
        const NOT_A_WAIT: Words = words![
            "提前", "早了", "充", "续航", "待机", "营业", "工作", "电", "玩", "睡", "车程", "每天",
        ];
        const BEFORE_IT: Words = words![
            "等了",
            "送了",
            "晚了",
            "迟了",
            "延迟",
            "延误了",
            "延时",
            "超过了",
        ];
        const A_POINT: Words = words![
            "内", "以内", "之内", "前", "以前", "之前", "后", "以后", "之后", "候", "才", "就",
            "以上",
        ];
        let after = &self.text[self.byte(z)..];
        let clause = self.clause_before(i, 10);
        if A_POINT.iter().any(|w| after.starts_with(w))
            || NOT_A_WAIT.iter().any(|w| clause.contains(w))
            || BEFORE_IT.iter().any(|w| clause.ends_with(w))
        {
            return false;
        }
        WAIT_WORDS.iter().any(|w| clause.contains(w))
            || words!["送", "到", "才", "配送", "的配送", "的送餐", "的等"]
                .iter()
                .any(|w| after.starts_with(w))
            || (clause.chars().all(|c| "快都足整真的差不多已经".contains(c))
                && after
                    .trim_start_matches('了')
                    .chars()
                    .next()
                    .is_none_or(|c| !is_cjk(c)))
    }

    /// 我要的蜜酱烤肠，给我送的是田园; 我买的是黑色，收到的是白色; 显示的黑椒鸡腿，实际是翅根:
    /// what came is not what was ordered. Only with what was ordered named before it, and not in a
    /// question ("我买的是这个，发来的是顺丰吗？").
    fn came_instead(&self, i: usize) -> Found {
        const CAME: Words = words![
            "给我送来",
            "送来是",
            "结果是",
            "给我送的是",
            "给我送来的是",
            "送来的是",
            "送过来的是",
            "收到的是",
            "发来的是",
            "寄来的是",
            "到手的是",
            "实际是",
            "实际上是",
        ];
        const ORDERED: Words = words![
            "要的",
            "点的",
            "订的",
            "定的",
            "买的",
            "选的",
            "拍的",
            "显示的",
        ];
        // "皮蛋排骨送成皮蛋瘦肉", "小炒肉整成回锅肉": made or sent as something else.
        if words!["送成", "整成", "弄成"].iter().any(|w| self.at(i, w)) {
            if !self.free(i) {
                return None;
            }
            return self.found(i, i + 2, 1.4, i + 2);
        }
        let w = CAME.iter().find(|w| self.at(i, w))?;
        let before = &self.text[..self.byte(i)];
        let z = i + w.chars().count();
        let rest = &self.text[self.byte(z)..];
        let clause = &rest[..rest
            .find(|c: char| "。，,！!".contains(c))
            .unwrap_or(rest.len())];
        let question = clause.contains(|c: char| "?？吗".contains(c));
        if !ORDERED.iter().any(|o| before.contains(o)) || question || !self.free(i) {
            return None;
        }
        self.found(i, z, 1.4, z)
    }

    /// 汤洒得到处都是, 可乐全洒在袋子里了, 撒的袋子里都是: it spilled on the way. Not denied
    /// ("没有撒", "不会洒出来"), not 撒 of sprinkling or of a word of its own (撒上芝麻, 撒娇).
    fn spilled(&self, i: usize) -> Found {
        let spill = match self.ch(i) {
            Some('洒') => "了的得到出在满一",
            Some('撒') => "了得到出在满一",
            _ => return None,
        };
        let spilled = self.free(i)
            && self.ch(i + 1).is_some_and(|n| spill.contains(n))
            && !self.denied_before(i);
        if !spilled {
            return None;
        }
        self.found(i, i + 1, 1.0, i + 1)
    }

    /// 菜里有小强, 吃到一只死蚊子, 发现头发了: something found in the food that should not be
    /// there. Not denied ("没有发现头发").
    fn found_in_it(&self, i: usize) -> Found {
        const FOUND: Words = words!["里面有", "里有", "里还有", "吃到", "吃出", "发现", "上有"];
        const THINGS: Words = words![
            "头发", "虫", "小强", "蟑螂", "苍蝇", "蚊子", "沙子", "砂子", "钢丝", "铁丝", "石子",
            "塑料", "指甲", "毛发", "泥",
        ];
        let w = FOUND.iter().find(|w| self.at(i, w))?;
        let mut k = i + w.chars().count();
        let thing = loop {
            if let Some(t) = THINGS.iter().find(|t| self.at(k, t)) {
                break t;
            }
            // "一只死蚊子", "一根小头发": a count and a size before the thing.
            if k > i + 6
                || !self
                    .ch(k)
                    .is_some_and(|c| "一两几根只个块粒条片小死大了".contains(c))
            {
                return None;
            }
            k += 1;
        };
        if self.denied_before(i) || !self.free(k) {
            return None;
        }
        let z = k + thing.chars().count();
        self.found(i, z, 1.8, z)
    }

    /// 送餐时间好长, 配送时间太久, 等的时间特别长: the time a delivery or a wait took was long. Only
    /// of a delivery or a wait (a battery's 待机时间很长 praises).
    fn took_a_long_time(&self, i: usize) -> Found {
        if !self.at(i, "时间") || !self.free(i) {
            return None;
        }
        // "时间好久~" said on its own, or of a delivery or a wait.
        let clause = self.clause_before(i, 4);
        if !clause.is_empty()
            && !words!["送", "配", "等", "到", "派"]
                .iter()
                .any(|w| clause.contains(w))
        {
            return None;
        }
        const DEGREE: Words = words![
            "也太", "还是", "比较", "特别", "有点", "真心", "过", "好", "很", "太", "超", "真",
            "挺",
        ];
        let mut k = i + 2;
        // "还是比较久": up to two degree words.
        for _ in 0..2 {
            if let Some(d) = DEGREE.iter().find(|d| self.at(k, d)) {
                k += d.chars().count();
            }
        }
        let long = self.ch(k).is_some_and(|c| "长久晚".contains(c))
            && self
                .ch(k + 1)
                .is_none_or(|b| !is_cjk(b) || "了啊呀吧哦啦".contains(b))
            && !self.denied_before(k);
        if !long || k == i + 2 {
            return None;
        }
        self.found(i, k + 1, 1.0, k + 1)
    }
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
        assert_eq!(found("洒出来一堆，一瓶就剩半瓶了"), ["洒", "就剩半"]);
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
    fn arriving_only_at_a_named_time_is_a_long_wait() {
        assert_eq!(found("说好周一到，今天才到"), ["才"]);
        assert_eq!(found("8号下的单，15号才收到"), ["才"]);
        assert!(found("今天才知道有这个功能").is_empty());
    }

    #[test]
    fn a_fault_said_to_its_extreme_is_a_problem() {
        assert_eq!(found("玩个游戏卡得要死"), ["卡得要死"]);
        assert_eq!(found("这被子薄的要命"), ["薄的要命"]);
        assert!(found("这家的烤鸭好吃得要死").is_empty());
    }

    #[test]
    fn a_wait_counted_with_more_than_is_still_a_long_wait() {
        assert_eq!(found("一个多星期才到货"), ["才"]);
        assert_eq!(found("送了一个多小时"), ["送了"]);
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
    fn a_style_too_old_or_too_tacky_is_a_problem() {
        assert_eq!(found("款式太老了"), ["太老"]);
        assert_eq!(found("颜色太土"), ["太土"]);
        assert!(found("太老实了").is_empty());
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
    fn the_bad_state_it_came_in_is_a_problem() {
        assert_eq!(found("米饭是硬的"), ["是硬的"]);
        assert_eq!(found("鸡腿是生的，没法吃"), ["是生的"]);
        assert!(found("是生的还是熟的").is_empty() && found("这是空的吗").is_empty());
    }

    #[test]
    fn a_delivery_that_took_hours_or_days_is_a_problem() {
        assert_eq!(found("送了一个半小时"), ["送了"]);
        assert_eq!(found("送了两天"), ["送了"]);
        assert!(found("送了两个赠品").is_empty());
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
    fn a_measure_that_is_a_fault_in_any_degree_is_a_problem() {
        assert_eq!(found("米饭好硬"), ["好硬"]);
        assert_eq!(found("汤很淡，肉很老"), ["很淡", "很老"]);
        assert_eq!(found("这家店真贵啊"), ["真贵"]);
        assert_eq!(found("房间比较小"), ["比较小"]);
        assert_eq!(found("被子有点潮"), ["有点潮"]);
    }

    #[test]
    fn a_fault_word_denied_before_a_noun_or_of_what_is_better_small_is_no_problem() {
        for fine in [
            "不是很贵",
            "很小的时候就用",
            "很少见的好货",
            "噪音很小",
            "问题很少",
            "体积很小",
            "很小巧",
        ] {
            assert!(found(fine).is_empty(), "{fine}");
        }
    }

    #[test]
    fn only_so_many_at_the_end_of_a_clause_is_a_shortfall() {
        assert_eq!(found("肉只有三片"), ["只有三片"]);
        assert_eq!(found("最大的只有200克！"), ["只有200克"]);
        assert_eq!(found("才给了两个鸡翅"), ["才给了两个鸡翅"]);
        for fine in [
            "只有一个缺点",
            "只有一点小问题",
            "只有一个字：好",
            "不只有一个",
        ] {
            assert!(found(fine).is_empty(), "{fine}");
        }
    }

    #[test]
    fn food_that_turned_cold_or_melted_on_the_way_is_a_problem() {
        assert_eq!(found("送到的时候奶茶都化了"), ["都化"]);
        assert_eq!(found("饭早就冷掉了"), ["早就冷"]);
        assert_eq!(found("面已经坨了"), ["已经坨"]);
        assert!(found("都好了").is_empty() && found("全冷藏").is_empty());
    }

    #[test]
    fn food_gone_cold_through_on_the_way_is_a_problem() {
        assert_eq!(found("菜都凉透了"), ["都凉"]);
        assert!(found("都透了").is_empty());
    }

    #[test]
    fn an_english_function_that_stopped_is_a_problem() {
        assert_eq!(found("the charger stopped charging"), ["stopped charging"]);
        assert_eq!(found("did the app stops responding?"), ["stops responding"]);
        for fine in [
            "I stopped smoking",
            "it never stopped working",
            "we stopped by the shop",
        ] {
            assert!(found(fine).is_empty(), "{fine}");
        }
    }

    #[test]
    fn a_wait_counted_in_hours_is_a_problem() {
        assert_eq!(found("送了快2个小时。。。"), ["2个小时"]);
        assert_eq!(found("俩小时。我醉啦"), ["俩小时"]);
        assert_eq!(found("距离600米，送餐用了一个多小时"), ["一个多小时"]);
        assert_eq!(found("等待170分钟"), ["170分钟"]);
    }

    #[test]
    fn an_hour_count_that_is_no_wait_is_no_problem() {
        for fine in [
            "两小时内送达",
            "我两个小时前下的单",
            "24小时客服",
            "提前了两个小时",
            "充电两个小时",
            "20分钟就送到了",
            "一个小时送到的，很好吃",
        ] {
            assert!(found(fine).is_empty(), "{fine}");
        }
    }

    #[test]
    fn arriving_only_at_a_time_of_day_is_a_long_wait() {
        assert_eq!(found("十点半下的单，十二点半才送到"), ["才"]);
        assert_eq!(found("预计11:00到达的餐12:24才到"), ["才"]);
        assert_eq!(found("总是很晚才送到"), ["才"]);
        assert!(found("一点半才开门吗").is_empty());
    }

    #[test]
    fn what_came_instead_of_what_was_ordered_is_a_problem() {
        assert_eq!(found("我要的蜜酱烤肠,给我送的是田园"), ["给我送的是"]);
        assert_eq!(found("我买的是黑色的，收到的是白色的"), ["收到的是"]);
        assert_eq!(found("显示的黑椒鸡腿，实际是翅根"), ["实际是"]);
    }

    #[test]
    fn what_came_with_nothing_ordered_named_or_asked_about_is_no_problem() {
        assert!(found("收到的是正品，很满意").is_empty());
        assert!(found("我买的是这个，发来的是顺丰吗？").is_empty());
    }

    #[test]
    fn a_spill_on_the_way_is_a_problem_but_not_a_denied_one_or_a_sprinkling() {
        assert_eq!(found("可乐全洒在袋子里了"), ["洒"]);
        assert_eq!(found("汤撒得到处都是"), ["撒"]);
        for fine in [
            "很快，没有撒",
            "封口了就不会洒出来",
            "上面撒上芝麻",
            "别撒娇",
        ] {
            assert!(found(fine).is_empty(), "{fine}");
        }
    }

    #[test]
    fn something_found_in_the_food_is_a_problem() {
        assert_eq!(found("吃到一半发现菜里有小强"), ["里有小强"]);
        assert_eq!(found("吃到一只死蚊子"), ["吃到一只死蚊子"]);
        assert!(found("没有发现头发").is_empty() && found("吃到了好吃的").is_empty());
    }

    #[test]
    fn a_delivery_time_that_was_long_is_a_problem_and_a_long_battery_time_is_not() {
        assert_eq!(found("送餐时间好长"), ["时间好长"]);
        assert_eq!(found("送餐时间还是比较久"), ["时间还是比较久"]);
        assert!(found("待机时间很长").is_empty() && found("送餐时间不长").is_empty());
    }

    #[test]
    fn a_count_in_chinese_numerals_has_its_value() {
        assert_eq!(count_value("十五"), Some(15));
        assert_eq!(count_value("一百"), Some(100));
        assert_eq!(count_value("俩"), Some(2));
        assert_eq!(count_value("170"), Some(170));
        assert_eq!(count_value("几"), None);
    }

    #[test]
    fn a_delivery_of_ninety_minutes_or_more_is_a_problem() {
        assert_eq!(found("送了150分钟！"), ["送了"]);
        assert!(found("送了40分钟").is_empty());
    }

    #[test]
    fn an_hour_and_some_minutes_is_a_long_wait() {
        assert_eq!(found("饿晕了，一小时四十分钟"), ["一小时四十分钟"]);
    }

    #[test]
    fn an_hour_count_of_a_device_or_a_trip_is_no_wait() {
        for fine in [
            "能用快6个小时，很好",
            "大约在6.5到7个小时",
            "烘了俩个小时，拿起来继续用",
        ] {
            assert!(found(fine).is_empty(), "{fine}");
        }
    }

    #[test]
    fn a_dish_sent_or_made_as_another_is_a_problem() {
        assert_eq!(found("皮蛋排骨,送成皮蛋瘦肉"), ["送成"]);
        assert_eq!(found("小炒肉整成回锅肉"), ["整成"]);
    }

    #[test]
    fn what_the_shop_forgot_is_a_problem_and_what_the_customer_forgot_is_not() {
        assert_eq!(found("锅包肉忘了放肉了"), ["忘了放"]);
        assert_eq!(found("烤肠忘给了"), ["忘给"]);
        for fine in ["我忘了付款", "早上忘带了", "自己忘拿了"] {
            assert!(found(fine).is_empty(), "{fine}");
        }
    }

    #[test]
    fn a_measure_dead_of_it_is_a_problem_but_not_of_praise() {
        assert_eq!(found("说微辣，结果辣死了！"), ["辣死了"]);
        assert!(found("好吃死了").is_empty() && found("不咸死了").is_empty());
    }

    #[test]
    fn more_than_one_can_finish_is_no_failure_but_what_cannot_be_eaten_is() {
        assert!(found("两个人都吃不完").is_empty() && found("一个人吃不了").is_empty());
        assert_eq!(found("咸得吃不了"), ["吃不了"]);
    }

    #[test]
    fn a_wait_said_in_other_words_is_a_problem() {
        assert_eq!(found("送了俩小时！"), ["送了"]);
        assert_eq!(found("三个小时的配送时间"), ["三个小时"]);
        assert_eq!(found("时间好久~"), ["时间好久"]);
    }

    #[test]
    fn too_salty_with_a_particle_or_gone_off_is_a_problem() {
        assert_eq!(found("菜太咸啦！"), ["太咸"]);
        assert_eq!(found("米饭有点馊了"), ["有点馊"]);
    }

    #[test]
    fn the_lists_of_starting_characters_are_sorted_for_their_search() {
        assert!(ANY_STARTS.windows(2).all(|w| w[0] < w[1]));
        assert!(ORDER_STARTS.windows(2).all(|w| w[0] < w[1]));
        assert!(
            starts('难') == Start::Any
                && starts('洒') == Start::Order
                && starts('好') == Start::Any
        );
    }

    #[test]
    fn a_span_the_lexicon_already_reads_is_left_to_it() {
        let text = "太小了";
        assert!(problems(text, |b| b >= 3).is_empty());
    }
}
