//! Text normalisation with exact offsets.
//!
//! Matching runs on a folded copy of the text (lower case, half-width, simplified Chinese), one
//! folded char per original char (invisible format chars, which a page can slip inside a word to
//! hide it, are left out), so every match maps back to the original string. Offsets that
//! leave the core are UTF-16 code units, because that is what a DOM `Range` counts.

/// A folded copy of a message and the map back to the original.
pub struct Folded {
    /// The folded text that lexicons match against.
    pub text: String,
    /// For each byte offset of `text` that starts a char (and the end), the UTF-16 offset of the
    /// corresponding char in the original. Other entries are unspecified.
    utf16: Vec<u32>,
    /// For each byte offset of `text` that starts a char, the char index (for cheap distances).
    chars: Vec<u32>,
    /// Original chars (not folded), by char index: needed for all-caps and repeats. Char indices
    /// count the chars kept (format chars are not), the same as the chars of `text`.
    pub original: Vec<char>,
    /// Byte offset in the original string of each char index (and the end).
    orig_bytes: Vec<u32>,
}

impl Folded {
    pub fn new(original: &str) -> Self {
        let mut text = String::with_capacity(original.len());
        let mut utf16 = Vec::with_capacity(original.len() + 1);
        let mut chars = Vec::with_capacity(original.len() + 1);
        let mut orig = Vec::with_capacity(original.len());
        let mut u16pos: u32 = 0;
        let mut orig_bytes = Vec::with_capacity(original.len() + 1);
        for (ob, c) in original.char_indices() {
            // Invisible format chars are folded away: "气\u{200B}死了" reads as "气死了", and a
            // match over them still maps to the whole original span, invisible chars included.
            if is_format(c) {
                u16pos += c.len_utf16() as u32;
                continue;
            }
            let i = orig.len();
            orig_bytes.push(ob as u32);
            let f = fold_char(c);
            let start = text.len();
            text.push(f);
            let len = text.len() - start;
            for k in 0..len {
                utf16.push(if k == 0 { u16pos } else { u32::MAX });
                chars.push(i as u32);
            }
            u16pos += c.len_utf16() as u32;
            orig.push(c);
        }
        utf16.push(u16pos);
        chars.push(orig.len() as u32);
        orig_bytes.push(original.len() as u32);
        Folded {
            text,
            utf16,
            chars,
            original: orig,
            orig_bytes,
        }
    }

    /// The original text of chars `a..b` (char indices), without rescanning the string.
    pub fn original_slice<'a>(&self, original: &'a str, a: usize, b: usize) -> &'a str {
        let at = |i: usize| {
            self.orig_bytes
                .get(i)
                .copied()
                .unwrap_or(original.len() as u32) as usize
        };
        original.get(at(a)..at(b.max(a))).unwrap_or("")
    }

    /// UTF-16 offset in the original for a byte offset (a char boundary) of the folded text.
    pub fn utf16_at(&self, byte: usize) -> u32 {
        self.utf16.get(byte).copied().unwrap_or(0)
    }

    /// Char index in the original for a byte offset of the folded text.
    pub fn char_at(&self, byte: usize) -> usize {
        self.chars.get(byte).copied().unwrap_or(0) as usize
    }

    /// Byte offset in the folded text of char index `ci`.
    pub fn byte_of_char(&self, ci: usize) -> usize {
        // chars is non-decreasing: binary search the first byte with that char index.
        self.chars.partition_point(|&c| (c as usize) < ci)
    }

    pub fn utf16_len(&self) -> u32 {
        self.utf16.last().copied().unwrap_or(0)
    }
}

/// Fold one char: ASCII to lower case, full-width forms to ASCII, traditional to simplified,
/// curly quotes to straight. Always exactly one char out, so offsets stay exact.
pub fn fold_char(c: char) -> char {
    match c {
        'A'..='Z' => c.to_ascii_lowercase(),
        '\u{FF01}'..='\u{FF5E}' => {
            let a = char::from_u32(c as u32 - 0xFEE0).unwrap_or(c);
            a.to_ascii_lowercase()
        }
        '\u{3000}' => ' ',
        '\u{2018}' | '\u{2019}' | '\u{02BC}' => '\'',
        '\u{201C}' | '\u{201D}' => '"',
        '\u{2026}' => '…',
        _ if (c as u32) < 0x80 => c,
        _ if is_cjk(c) => trad_to_simp(c),
        _ => lower_char(c),
    }
}

/// One char in lower case, for matching: the capitals of Latin-1, Latin Extended-A, Greek and
/// Cyrillic; every other char as it is. Not core's `to_lowercase`: its tables for every script
/// cost the panel's wasm kilobytes, and chats are matched against Chinese and English words, so
/// the rare capital of another script (and `İ`, `Σ` at a word's end) keeps its case.
pub fn lower_char(c: char) -> char {
    let u = c as u32;
    let to = match u {
        0x41..=0x5A => u + 32,
        0xC0..=0xDE if u != 0xD7 => u + 32,
        0x178 => 0xFF,
        0x100..=0x137 | 0x14A..=0x177 if u % 2 == 0 => u + 1,
        0x139..=0x148 | 0x179..=0x17E if u % 2 == 1 => u + 1,
        0x370 | 0x372 | 0x376 => u + 1,
        0x37F => 0x3F3,
        0x3CF => 0x3D7,
        0x3D8..=0x3EF if u % 2 == 0 => u + 1,
        0x3F4 => 0x3B8,
        0x3F7 => 0x3F8,
        0x3F9 => 0x3F2,
        0x3FA => 0x3FB,
        0x3FD..=0x3FF => u - 130,
        0x386 => 0x3AC,
        0x388..=0x38A => u + 37,
        0x38C => 0x3CC,
        0x38E..=0x38F => u + 63,
        0x391..=0x3A1 | 0x3A3..=0x3AB => u + 32,
        0x400..=0x40F => u + 80,
        0x410..=0x42F => u + 32,
        0x460..=0x481 | 0x48A..=0x4BF | 0x4D0..=0x52F if u % 2 == 0 => u + 1,
        0x4C0 => 0x4CF,
        0x4C1..=0x4CE if u % 2 == 1 => u + 1,
        _ => u,
    };
    char::from_u32(to).unwrap_or(c)
}

/// A string in lower case the way [`lower_char`] does it.
pub trait Lower {
    fn lower(&self) -> String;
}

impl Lower for str {
    fn lower(&self) -> String {
        self.chars().map(lower_char).collect()
    }
}

/// Chars that show nothing: zero-width space, non-joiner and joiner, direction marks, word joiner
/// and invisible operators, byte-order mark, soft hyphen. Matching ignores them.
pub fn is_format(c: char) -> bool {
    matches!(c, '\u{00AD}' | '\u{200B}'..='\u{200F}' | '\u{2060}'..='\u{2064}' | '\u{FEFF}')
}

pub fn is_cjk(c: char) -> bool {
    matches!(c as u32, 0x4E00..=0x9FFF | 0x3400..=0x4DBF | 0xF900..=0xFAFF | 0x20000..=0x2A6DF)
}

pub fn is_word_char(c: char) -> bool {
    c.is_ascii_alphanumeric() || c == '\'' || c == '_'
}

/// Clause breaks: a negator or degree word does not reach across these.
pub fn is_clause_break(c: char) -> bool {
    matches!(
        c,
        ',' | '.'
            | '!'
            | '?'
            | ';'
            | ':'
            | '。'
            | '，'
            | '、'
            | '；'
            | '！'
            | '？'
            | '\n'
            | '…'
            | '~'
            | '～'
    )
}

/// Common traditional characters seen in customer chat, folded to simplified. Sorted by code point
/// (the table is searched with a binary search).
const TRAD_SIMP: &[(char, char)] = &[
    ('個', '个'),
    ('們', '们'),
    ('備', '备'),
    ('傳', '传'),
    ('傷', '伤'),
    ('價', '价'),
    ('兩', '两'),
    ('冊', '册'),
    ('別', '别'),
    ('刪', '删'),
    ('則', '则'),
    ('剛', '刚'),
    ('動', '动'),
    ('務', '务'),
    ('勝', '胜'),
    ('區', '区'),
    ('協', '协'),
    ('參', '参'),
    ('問', '问'),
    ('單', '单'),
    ('嗎', '吗'),
    ('嘆', '叹'),
    ('噁', '恶'),
    ('嚇', '吓'),
    ('嚴', '严'),
    ('囉', '啰'),
    ('國', '国'),
    ('圖', '图'),
    ('團', '团'),
    ('壞', '坏'),
    ('夠', '够'),
    ('奪', '夺'),
    ('媽', '妈'),
    ('實', '实'),
    ('寶', '宝'),
    ('將', '将'),
    ('對', '对'),
    ('導', '导'),
    ('層', '层'),
    ('屬', '属'),
    ('師', '师'),
    ('帳', '账'),
    ('幣', '币'),
    ('幫', '帮'),
    ('廠', '厂'),
    ('廣', '广'),
    ('張', '张'),
    ('強', '强'),
    ('後', '后'),
    ('從', '从'),
    ('復', '复'),
    ('態', '态'),
    ('慮', '虑'),
    ('憂', '忧'),
    ('憤', '愤'),
    ('應', '应'),
    ('懶', '懒'),
    ('戶', '户'),
    ('換', '换'),
    ('損', '损'),
    ('撥', '拨'),
    ('擇', '择'),
    ('擊', '击'),
    ('擔', '担'),
    ('據', '据'),
    ('數', '数'),
    ('斷', '断'),
    ('於', '于'),
    ('時', '时'),
    ('書', '书'),
    ('會', '会'),
    ('東', '东'),
    ('條', '条'),
    ('極', '极'),
    ('樂', '乐'),
    ('標', '标'),
    ('樣', '样'),
    ('機', '机'),
    ('檢', '检'),
    ('歡', '欢'),
    ('歲', '岁'),
    ('歷', '历'),
    ('氣', '气'),
    ('沒', '没'),
    ('況', '况'),
    ('準', '准'),
    ('溫', '温'),
    ('滿', '满'),
    ('漲', '涨'),
    ('潔', '洁'),
    ('災', '灾'),
    ('為', '为'),
    ('無', '无'),
    ('煩', '烦'),
    ('熱', '热'),
    ('爛', '烂'),
    ('爭', '争'),
    ('爺', '爷'),
    ('猶', '犹'),
    ('獎', '奖'),
    ('現', '现'),
    ('環', '环'),
    ('產', '产'),
    ('畫', '画'),
    ('當', '当'),
    ('療', '疗'),
    ('發', '发'),
    ('盡', '尽'),
    ('監', '监'),
    ('確', '确'),
    ('碼', '码'),
    ('種', '种'),
    ('積', '积'),
    ('穩', '稳'),
    ('簡', '简'),
    ('糧', '粮'),
    ('約', '约'),
    ('紅', '红'),
    ('紙', '纸'),
    ('級', '级'),
    ('細', '细'),
    ('終', '终'),
    ('組', '组'),
    ('結', '结'),
    ('給', '给'),
    ('統', '统'),
    ('經', '经'),
    ('綠', '绿'),
    ('維', '维'),
    ('網', '网'),
    ('緊', '紧'),
    ('線', '线'),
    ('縮', '缩'),
    ('總', '总'),
    ('績', '绩'),
    ('繫', '系'),
    ('續', '续'),
    ('罰', '罚'),
    ('聯', '联'),
    ('聽', '听'),
    ('腦', '脑'),
    ('與', '与'),
    ('舉', '举'),
    ('舊', '旧'),
    ('艱', '艰'),
    ('莊', '庄'),
    ('華', '华'),
    ('萬', '万'),
    ('處', '处'),
    ('號', '号'),
    ('補', '补'),
    ('裝', '装'),
    ('製', '制'),
    ('複', '复'),
    ('見', '见'),
    ('規', '规'),
    ('親', '亲'),
    ('覺', '觉'),
    ('觀', '观'),
    ('訂', '订'),
    ('計', '计'),
    ('訊', '讯'),
    ('記', '记'),
    ('設', '设'),
    ('許', '许'),
    ('訴', '诉'),
    ('診', '诊'),
    ('評', '评'),
    ('試', '试'),
    ('話', '话'),
    ('該', '该'),
    ('詳', '详'),
    ('認', '认'),
    ('誤', '误'),
    ('說', '说'),
    ('誰', '谁'),
    ('課', '课'),
    ('調', '调'),
    ('談', '谈'),
    ('請', '请'),
    ('諒', '谅'),
    ('謊', '谎'),
    ('謝', '谢'),
    ('證', '证'),
    ('識', '识'),
    ('譜', '谱'),
    ('護', '护'),
    ('讀', '读'),
    ('變', '变'),
    ('讓', '让'),
    ('讚', '赞'),
    ('貝', '贝'),
    ('負', '负'),
    ('貨', '货'),
    ('貴', '贵'),
    ('買', '买'),
    ('費', '费'),
    ('賠', '赔'),
    ('賣', '卖'),
    ('質', '质'),
    ('賬', '账'),
    ('購', '购'),
    ('趕', '赶'),
    ('車', '车'),
    ('較', '较'),
    ('輕', '轻'),
    ('輸', '输'),
    ('辦', '办'),
    ('這', '这'),
    ('進', '进'),
    ('運', '运'),
    ('過', '过'),
    ('達', '达'),
    ('遲', '迟'),
    ('選', '选'),
    ('還', '还'),
    ('郵', '邮'),
    ('鄉', '乡'),
    ('醫', '医'),
    ('釋', '释'),
    ('針', '针'),
    ('錢', '钱'),
    ('錯', '错'),
    ('鍵', '键'),
    ('長', '长'),
    ('門', '门'),
    ('閉', '闭'),
    ('開', '开'),
    ('間', '间'),
    ('關', '关'),
    ('陽', '阳'),
    ('隊', '队'),
    ('際', '际'),
    ('隨', '随'),
    ('險', '险'),
    ('難', '难'),
    ('電', '电'),
    ('靈', '灵'),
    ('頁', '页'),
    ('項', '项'),
    ('順', '顺'),
    ('預', '预'),
    ('頭', '头'),
    ('題', '题'),
    ('額', '额'),
    ('顏', '颜'),
    ('願', '愿'),
    ('類', '类'),
    ('顧', '顾'),
    ('風', '风'),
    ('飛', '飞'),
    ('飯', '饭'),
    ('騙', '骗'),
    ('驗', '验'),
    ('體', '体'),
    ('髮', '发'),
    ('鬧', '闹'),
    ('魚', '鱼'),
    ('麗', '丽'),
    ('麵', '面'),
    ('麼', '么'),
    ('黃', '黄'),
    ('點', '点'),
    ('齊', '齐'),
    ('齒', '齿'),
    ('龍', '龙'),
];

fn trad_to_simp(c: char) -> char {
    match TRAD_SIMP.binary_search_by(|(t, _)| t.cmp(&c)) {
        Ok(i) => TRAD_SIMP[i].1,
        Err(_) => c,
    }
}

/// Convert a UTF-16 code-unit buffer from a page into a String, replacing lone surrogates with
/// U+FFFD (one unit each, so offsets stay exact).
pub fn from_utf16_lossy_exact(units: &[u16]) -> String {
    char::decode_utf16(units.iter().copied())
        .map(|r| r.unwrap_or('\u{FFFD}'))
        .collect()
}

/// Length of a str in UTF-16 code units.
pub fn utf16_len(s: &str) -> u32 {
    s.chars().map(|c| c.len_utf16() as u32).sum()
}

/// Character-bigram set of a text (CJK chars, and ASCII words as single units), for similarity.
pub fn shingles(s: &str) -> Vec<u64> {
    let mut units: Vec<u64> = Vec::with_capacity(s.len() / 2 + 1);
    let mut word = String::new();
    let flush = |word: &mut String, units: &mut Vec<u64>| {
        if !word.is_empty() {
            units.push(hash_str(word));
            word.clear();
        }
    };
    for c in s.chars().filter(|c| !is_format(*c)) {
        let f = fold_char(c);
        if f.is_ascii_alphanumeric() {
            word.push(f);
        } else {
            flush(&mut word, &mut units);
            if is_cjk(f) || f.is_alphanumeric() {
                units.push(f as u64 | 1 << 40);
            }
        }
    }
    flush(&mut word, &mut units);
    let mut grams: Vec<u64> = if units.len() == 1 {
        units
    } else {
        units
            .windows(2)
            .map(|w| w[0].wrapping_mul(0x9E3779B97F4A7C15) ^ w[1])
            .collect()
    };
    grams.sort_unstable();
    grams.dedup();
    grams
}

fn hash_str(s: &str) -> u64 {
    fnv1a(FNV_OFFSET, s.as_bytes())
}

/// Where an FNV-1a hash starts.
pub const FNV_OFFSET: u64 = 0xcbf2_9ce4_8422_2325;

/// FNV-1a over `bytes` from `h`: tiny and stable across platforms (the wasm build must agree
/// with the native one, and stored keys with earlier versions). Not a secret.
pub fn fnv1a(mut h: u64, bytes: &[u8]) -> u64 {
    for &b in bytes {
        h ^= b as u64;
        h = h.wrapping_mul(0x0000_0100_0000_01b3);
    }
    h
}

/// How many items two sorted sets share.
pub fn common(a: &[u64], b: &[u64]) -> usize {
    let (mut i, mut j, mut n) = (0, 0, 0);
    while i < a.len() && j < b.len() {
        match a[i].cmp(&b[j]) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                n += 1;
                i += 1;
                j += 1;
            }
        }
    }
    n
}

/// Dice similarity of two sorted shingle sets.
pub fn dice(a: &[u64], b: &[u64]) -> f32 {
    if a.is_empty() || b.is_empty() {
        return 0.0;
    }
    2.0 * common(a, b) as f32 / (a.len() + b.len()) as f32
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_core_lowers_case_only_through_lower_char() {
        // core's `to_lowercase` brings Unicode's case tables for every script into the wasm
        // (7 KB gzipped in the panel); the command line and the evaluation may use it.
        let mut files = Vec::new();
        crate::sort::tests::sources(
            &std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src"),
            &mut files,
        );
        let mut found = Vec::new();
        for path in files {
            let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("");
            if ["eval.rs", "duxin.rs"].contains(&name) {
                continue;
            }
            let text = std::fs::read_to_string(&path).expect("a source file is readable");
            let core = text.split("#[cfg(test)]").next().unwrap_or("");
            for (n, line) in core.lines().enumerate() {
                let code = line.split("//").next().unwrap_or("");
                if code.contains(".to_lowercase()") {
                    found.push(format!("{}:{}", path.display(), n + 1));
                }
            }
        }
        assert!(
            found.is_empty(),
            "use crate::text::Lower instead at {found:?}"
        );
    }

    #[test]
    fn lower_case_agrees_with_unicode_on_the_scripts_it_covers() {
        // ASCII, Latin-1, Latin Extended-A, Greek and Cyrillic: wherever Unicode lowers a char to
        // one char, `lower_char` gives the same one.
        let ranges = [0x20..0x180u32, 0x370..0x530];
        let wrong: Vec<String> = ranges
            .into_iter()
            .flatten()
            .filter_map(char::from_u32)
            .filter(|&c| {
                let mut l = c.to_lowercase();
                matches!((l.next(), l.next()), (Some(x), None) if lower_char(c) != x)
            })
            .map(|c| format!("U+{:04X}", c as u32))
            .collect();
        assert!(wrong.is_empty(), "{wrong:?}");
    }

    #[test]
    fn lower_case_leaves_chinese_and_other_scripts_as_they_are() {
        for c in ['京', '东', '鸡', 'ａ', '１', '한', 'Ա', 'ﬀ'] {
            assert_eq!(lower_char(c), c);
        }
        assert_eq!("Ünd ÄÖ ΣΑΣ Привет Łódź".lower(), "ünd äö σασ привет łódź");
    }

    use super::*;
    #[test]
    fn folding_keeps_utf16_offsets_exact() {
        let s = "Ａ😡差評！";
        let f = Folded::new(s);
        assert_eq!(f.text, "a😡差评!");
        // 'a' at 0, emoji at 1 (two units), 差 at 3, 评 at 4, ! at 5, end 6
        let b = f.text.find('差').unwrap();
        assert_eq!(f.utf16_at(b), 3);
        assert_eq!(f.utf16_len(), 6);
    }

    #[test]
    fn invisible_format_chars_are_folded_away_and_offsets_still_point_at_the_original() {
        let s = "气\u{200B}死了";
        let f = Folded::new(s);
        assert_eq!(f.text, "气死了");
        let b = f.text.find('死').unwrap();
        assert_eq!((f.utf16_at(0), f.utf16_at(b), f.utf16_len()), (0, 2, 4));
        assert_eq!(
            f.original_slice(s, 0, 3),
            s,
            "the span of 气死了 includes the invisible char"
        );
        let s = "a char\u{00AD}ge\u{FEFF}back";
        assert_eq!(Folded::new(s).text, "a chargeback");
        assert_eq!(shingles("charge\u{200B}back"), shingles("chargeback"));
    }

    #[test]
    fn trad_table_is_sorted_and_folds() {
        assert!(TRAD_SIMP.windows(2).all(|w| w[0].0 < w[1].0));
        assert_eq!(fold_char('騙'), '骗');
        assert_eq!(fold_char('貨'), '货');
        assert_eq!(fold_char('還'), '还');
        assert_eq!(fold_char('沒'), '没');
    }

    #[test]
    fn lone_surrogates_become_replacement_chars() {
        let s = from_utf16_lossy_exact(&[0xD800, 'a' as u16]);
        assert_eq!(s, "\u{FFFD}a");
        assert_eq!(utf16_len(&s), 2);
    }

    #[test]
    fn similar_questions_are_similar() {
        let a = shingles("我的快递到哪了？");
        let b = shingles("快递到底到哪了");
        let c = shingles("可以开发票吗");
        assert!(dice(&a, &b) > 0.5);
        assert!(dice(&a, &c) < 0.2);
    }
}
