//! Numbers to text and back, for the few places that show or read one.
//!
//! The one place the core turns numbers into text (the panel's chart coordinates included) and
//! reads them from a chat. Why not `format!("{v:.2}")` and `str::parse::<f64>()`: core's float printing (Grisu and Dragon
//! with their power tables) and parsing (Eisel-Lemire with its table) cost the wasm about 10 KB
//! gzipped, and Duxin only ever prints amounts, days and rates and reads plain decimals like
//! "12.50" from a chat. These do that with integer arithmetic. Printing rounds half to even, as
//! core does for an exact tie.

/// `v` with exactly `places` decimals (at most 17), as `format!("{v:.places$}")` writes it.
pub fn fixed(v: f64, places: u32) -> String {
    if !v.is_finite() {
        return if v.is_nan() {
            "NaN".into()
        } else if v > 0.0 {
            "inf".into()
        } else {
            "-inf".into()
        };
    }
    let places = places.min(17);
    let scale = 10u128.pow(places);
    let n = scaled_exactly(v.abs(), scale);
    let sign = if v.is_sign_negative() && n != 0 {
        "-"
    } else {
        ""
    };
    let (int, frac) = (n / scale, n % scale);
    if places == 0 {
        format!("{sign}{int}")
    } else {
        format!("{sign}{int}.{frac:0width$}", width = places as usize)
    }
}

/// `v × scale` rounded half to even, computed exactly: `v` is `m × 2^e` with `m < 2^53`, so
/// `m × scale` fits in 128 bits and the shift's remainder says which way to round.
fn scaled_exactly(v: f64, scale: u128) -> u128 {
    let bits = v.to_bits();
    let exp = ((bits >> 52) & 0x7ff) as i32;
    let frac = u128::from(bits & ((1 << 52) - 1));
    let (m, e) = if exp == 0 {
        (frac, -1074)
    } else {
        (frac | 1 << 52, exp - 1075)
    };
    let product = m * scale;
    if e >= 0 {
        // Beyond 2^77 nothing a chat shows; saturate rather than overflow.
        return product
            .checked_shl(e as u32)
            .filter(|n| n >> e == product)
            .unwrap_or(u128::MAX / scale);
    }
    let shift = (-e) as u32;
    if shift >= 128 {
        return 0;
    }
    let q = product >> shift;
    let rest = product - (q << shift);
    let half = 1u128 << (shift - 1);
    if rest > half || (rest == half && q % 2 == 1) {
        q + 1
    } else {
        q
    }
}

/// `v` with as few decimals as read back to the same number, as `format!("{v}")` writes it for
/// the amounts, hours and policy values Duxin shows (whole numbers print without a point; up
/// to sixteen significant digits it is the shortest, beyond that seventeen).
pub fn shortest(v: f64) -> String {
    if v.fract() == 0.0 && v.abs() < 9.0e15 {
        return format!("{}", v as i64);
    }
    for places in 1..17 {
        let s = fixed(v, places);
        if decimal(&s) == Some(v) {
            return s;
        }
    }
    // Seventeen significant digits always read back (`decimal` can't tell for them).
    let int_digits = fixed(v.abs(), 0).len() as u32;
    fixed(v, 17u32.saturating_sub(int_digits).max(1))
}

/// `v` as `format!("{v}")` writes it, for every double (`shortest` above is that only for the
/// amounts and hours it is given): the shortest digits that read back to `v`, the closest of
/// them to `v`, found as core's `flt2dec` finds them (Dragon4 in Steele and White's free form,
/// with core's neighbours and tie rules), and written without an exponent. Lets the panel show
/// the policy's days and hours without keeping core's float printer (Grisu and Dragon, 13.6 KB
/// before gzip): the panel's module drops it (see `scripts/split-wasm.mjs`).
pub fn display(v: f64) -> String {
    let mut out = String::new();
    if v.is_sign_negative() && !v.is_nan() {
        out.push('-');
    }
    if v.is_nan() {
        out.push_str("NaN");
    } else if v.is_infinite() {
        out.push_str("inf");
    } else if v == 0.0 {
        out.push('0');
    } else {
        // `0.digits × 10^k`, written out.
        let (digits, k) = shortest_digits(v.abs());
        if k <= 0 {
            out.push_str("0.");
        }
        for _ in k..0 {
            out.push('0');
        }
        for (i, &d) in digits.iter().enumerate() {
            if k > 0 && i as i32 == k {
                out.push('.');
            }
            out.push(char::from(d));
        }
        for _ in digits.len() as i32..k {
            out.push('0');
        }
    }
    out
}

/// The digits of a positive finite `v` and its exponent `k` (`v` reads as `0.digits × 10^k`).
fn shortest_digits(v: f64) -> (Vec<u8>, i32) {
    // `v = mant × 2^exp`; its neighbours lie `minus` below and `plus` above, halfway (in units
    // of 2^exp); a neighbour exactly halfway reads back to `v` when its mantissa is even.
    let bits = v.to_bits();
    let biased = ((bits >> 52) & 0x7ff) as i32;
    let frac = bits & ((1 << 52) - 1);
    let inclusive = frac & 1 == 0;
    let (mant, minus, plus, exp) = if biased == 0 {
        (frac << 1, 1, 1, -1075)
    } else if frac == 0 {
        // A power of two: the neighbour below is half as far.
        (1 << 54, 1, 2, biased - 1077)
    } else {
        ((frac | 1 << 52) << 1, 1, 1, biased - 1076)
    };
    // `a < b`, or `a <= b` when the bounds read back to `v`.
    let below = |a: &Big, b: &Big| match a.cmp(b) {
        std::cmp::Ordering::Less => true,
        std::cmp::Ordering::Equal => inclusive,
        std::cmp::Ordering::Greater => false,
    };
    // An estimate of `k`, exact or one under (core's `estimate_scaling_factor`).
    let nbits = 64 - i64::from((mant + plus - 1).leading_zeros());
    let mut k = (((nbits + i64::from(exp)) * 1_292_913_986) >> 32) as i32;
    // `v = mant / scale`, `v - low = minus / scale` and `high - v = plus / scale`, × 10^-k.
    let mut bs = [Big::from(mant), Big::from(minus), Big::from(plus)];
    let mut scale = Big::from(1);
    for b in &mut bs {
        b.mul_pow(2, exp.max(0) as u32);
        b.mul_pow(10, (-k).max(0) as u32);
    }
    scale.mul_pow(2, (-exp).max(0) as u32);
    scale.mul_pow(10, k.max(0) as u32);
    if below(&scale, &bs[0].plus(&bs[2])) {
        k += 1;
    } else {
        for b in &mut bs {
            b.mul_small(10);
        }
    }
    let mut digits = Vec::new();
    let (down, up) = loop {
        let mut d = b'0';
        while scale.cmp(&bs[0]).is_le() {
            bs[0].sub(&scale);
            d += 1;
        }
        digits.push(d);
        let down = below(&bs[0], &bs[1]);
        let up = below(&scale, &bs[0].plus(&bs[2]));
        if down || up {
            break (down, up);
        }
        for b in &mut bs {
            b.mul_small(10);
        }
    };
    // Round up when only the digit above is close enough, or it is the closer one (or as
    // close), as core's `round_up` does: the nines after the digit raised become zeros; all
    // nines, 0.99…9 becomes 0.100…0, one digit longer and one power of ten up.
    if up && (!down || scale.cmp(&bs[0].plus(&bs[0])).is_le()) {
        match digits.iter().rposition(|&d| d != b'9') {
            Some(i) => {
                digits[i] += 1;
                digits[i + 1..].fill(b'0');
            }
            None => {
                digits.fill(b'0');
                digits[0] = b'1';
                digits.push(b'0');
                k += 1;
            }
        }
    }
    (digits, k)
}

/// An unsigned integer of up to 1,280 bits (little-endian 32-bit limbs, the first `n` in use),
/// as `display` needs: a double's mantissa times a power of two and a power of ten fits in
/// about 1,140.
#[derive(Clone)]
struct Big {
    n: usize,
    limbs: [u32; 40],
}

impl Big {
    fn from(v: u64) -> Big {
        let mut limbs = [0; 40];
        limbs[0] = v as u32;
        limbs[1] = (v >> 32) as u32;
        Big { n: 2, limbs }
    }

    fn mul_small(&mut self, m: u32) {
        let mut carry = 0u64;
        for i in 0..self.n {
            let x = u64::from(self.limbs[i]) * u64::from(m) + carry;
            self.limbs[i] = x as u32;
            carry = x >> 32;
        }
        if carry > 0 {
            self.limbs[self.n] = carry as u32;
            self.n += 1;
        }
    }

    /// × `base`^`k`, for `base` 2 or 10.
    fn mul_pow(&mut self, base: u32, mut k: u32) {
        while k > 0 {
            let step = k.min(9);
            self.mul_small(base.pow(step));
            k -= step;
        }
    }

    fn plus(&self, o: &Big) -> Big {
        let mut out = self.clone();
        out.n = self.n.max(o.n) + 1;
        let mut carry = 0u64;
        for i in 0..out.n {
            let x = u64::from(out.limbs[i]) + u64::from(o.limbs[i]) + carry;
            out.limbs[i] = x as u32;
            carry = x >> 32;
        }
        out
    }

    /// `self - o`, for `self >= o`.
    fn sub(&mut self, o: &Big) {
        let mut borrow = 0i64;
        for i in 0..self.n.max(o.n) {
            let x = i64::from(self.limbs[i]) - i64::from(o.limbs[i]) - borrow;
            self.limbs[i] = x as u32;
            borrow = i64::from(x < 0);
        }
    }

    fn cmp(&self, o: &Big) -> std::cmp::Ordering {
        let mut i = self.n.max(o.n);
        while i > 0 {
            i -= 1;
            if self.limbs[i] != o.limbs[i] {
                return self.limbs[i].cmp(&o.limbs[i]);
            }
        }
        std::cmp::Ordering::Equal
    }
}

/// A plain decimal ("12", "12.50", ".5", "-3.25"), as `str::parse::<f64>` reads it; None for
/// anything else, exponents included.
pub fn decimal(s: &str) -> Option<f64> {
    decimal_times_ten_to(s, 0)
}

/// A decimal with an optional exponent ("1.5e-7", "1e+21": what `JSON.stringify` writes for very
/// small or large numbers), computed as serde_json's reader does (the significand divided or
/// multiplied by one power of ten); None past a double's range, as serde_json refuses it.
pub fn scientific(s: &str) -> Option<f64> {
    let (mantissa, exp) = match s.find(['e', 'E']) {
        Some(i) => (&s[..i], exponent(&s[i + 1..])?),
        None => (s, 0),
    };
    decimal_times_ten_to(mantissa, exp).filter(|v| v.is_finite())
}

/// An exponent's digits with their sign, clamped well past where a double becomes 0 or infinite.
fn exponent(s: &str) -> Option<i32> {
    let (neg, digits) = match s.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, s.strip_prefix('+').unwrap_or(s)),
    };
    if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let e = digits
        .bytes()
        .fold(0i32, |e, b| (e * 10 + i32::from(b - b'0')).min(1000));
    Some(if neg { -e } else { e })
}

/// `decimal(s)` × 10^`exp`.
fn decimal_times_ten_to(s: &str, exp: i32) -> Option<f64> {
    let (neg, body) = match s.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, s.strip_prefix('+').unwrap_or(s)),
    };
    let (int, frac) = body.split_once('.').unwrap_or((body, ""));
    let digits = || int.bytes().chain(frac.bytes());
    if int.len() + frac.len() == 0 || !digits().all(|b| b.is_ascii_digit()) {
        return None;
    }
    // The first 19 significant digits (a u64 holds them); later integer digits only scale the
    // number, later fraction digits lie below a double's precision. Exact while the digits fit
    // in 2^53 and the divisor is a power of ten a double holds exactly (≤ 10^22): one correctly
    // rounded division, as the standard parser gives.
    let (mut m, mut significant, mut exp) = (0u64, 0u32, exp);
    for (i, b) in digits().enumerate() {
        let in_fraction = i >= int.len();
        if significant < 19 {
            m = m * 10 + u64::from(b - b'0');
            significant += u32::from(m > 0);
            exp -= i32::from(in_fraction);
        } else if !in_fraction {
            exp += 1;
        }
    }
    let v = scaled(m as f64, exp);
    Some(if neg { -v } else { v })
}

/// `m × 10^exp`, dividing in steps a double holds exactly so a long fraction neither overflows
/// the divisor nor loses the one exact division a short one gets.
fn scaled(m: f64, exp: i32) -> f64 {
    if m == 0.0 {
        return 0.0;
    }
    if exp >= 0 {
        return m * 10f64.powi(exp);
    }
    let (mut v, mut left) = (m, -exp);
    while left > 0 {
        let step = left.min(22);
        v /= 10f64.powi(step);
        left -= step;
    }
    v
}

/// Whether a spreadsheet would take `s` as a number: a plain decimal, maybe with an exponent.
pub fn is_number(s: &str) -> bool {
    let (mantissa, exp) = match s.find(['e', 'E']) {
        Some(i) => (&s[..i], Some(&s[i + 1..])),
        None => (s, None),
    };
    let exp_ok = exp.is_none_or(|e| {
        let e = e.strip_prefix(['+', '-']).unwrap_or(e);
        !e.is_empty() && e.bytes().all(|b| b.is_ascii_digit())
    });
    exp_ok && decimal(mantissa).is_some()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fixed_writes_what_the_standard_formatter_writes() {
        for v in [
            0.0,
            1.0,
            12.5,
            2.675,
            1.005,
            0.125,
            0.375,
            99.999,
            -3.25,
            1234.5678,
            0.3f32 as f64,
            1e-9,
        ] {
            for places in 0..9u32 {
                let p = places as usize;
                assert_eq!(fixed(v, places), format!("{v:.p$}"), "{v} to {places}");
            }
        }
    }

    #[test]
    fn fixed_and_shortest_agree_with_the_standard_formatter_on_ten_thousand_amounts() {
        let mut x = 0x2545_f491_4f6c_dd1du64;
        for _ in 0..10_000 {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            let divisor = [1.0, 10.0, 100.0, 1000.0, 7.0][(x >> 40) as usize % 5];
            let v = (x % 10_000_000) as f64 / divisor;
            for places in [0usize, 1, 2, 4] {
                assert_eq!(fixed(v, places as u32), format!("{v:.places$}"), "{v}");
            }
            if divisor != 7.0 {
                assert_eq!(shortest(v), format!("{v}"), "{v}");
            }
        }
    }

    #[test]
    fn shortest_writes_what_the_standard_formatter_writes() {
        for v in [
            0.0,
            3.0,
            12.5,
            0.1,
            0.3,
            1.25,
            7.2,
            100.01,
            199.99,
            2.0 / 3.0,
            -1.5,
        ] {
            assert_eq!(shortest(v), format!("{v}"), "{v}");
        }
    }

    #[test]
    fn display_writes_every_kind_of_double_as_the_standard_formatter_writes_it() {
        let check = |v: f64| assert_eq!(display(v), format!("{v}"), "{:#x}", v.to_bits());
        let mut specials = vec![
            0.0,
            -0.0,
            f64::NAN,
            -f64::NAN,
            f64::INFINITY,
            f64::NEG_INFINITY,
            f64::MAX,
            f64::MIN,
            f64::MIN_POSITIVE,
            f64::EPSILON,
            f64::from_bits(1),
            f64::from_bits((1 << 52) - 1),
            0.1,
            0.3f32 as f64,
            2.0 / 3.0,
            9_007_199_254_740_993.0,
            1e21,
            1e22,
            1e23,
            5e-324,
        ];
        // Every power of two and of ten a double holds, and the doubles either side of each.
        for e in -1074..1024 {
            specials.push(2f64.powi(e));
        }
        for e in -323..309 {
            specials.push(format!("1e{e}").parse().unwrap());
        }
        for v in specials.clone() {
            specials.push(f64::from_bits(v.to_bits().wrapping_add(1)));
            specials.push(f64::from_bits(v.to_bits().wrapping_sub(1)));
        }
        for v in specials {
            check(v);
            check(-v);
        }
        // The days, hours and weights a policy or a lexicon gives: whole, halves, tenths,
        // hundredths and thousandths.
        for n in 0..100_000u32 {
            check(f64::from(n) / 100.0);
        }
        for n in 0..20_000u32 {
            check(f64::from(n) / 10.0);
            check(f64::from(n) / 2.0);
            check(f64::from(n) / 1000.0);
        }
        random_doubles_display_as_the_standard_formatter_writes_them(10_000);
    }

    /// Any double at all: random bit patterns, every exponent alike.
    fn random_doubles_display_as_the_standard_formatter_writes_them(n: usize) {
        let mut x = 0x9e37_79b9_7f4a_7c15u64;
        for _ in 0..n {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            let v = f64::from_bits(x);
            assert_eq!(display(v), format!("{v}"), "{x:#x}");
        }
    }

    /// The same over twenty million random doubles and every hundredth up to a million: run it
    /// with `cargo test --release --lib num:: -- --ignored` after changing `display`.
    #[test]
    #[ignore]
    fn display_writes_twenty_million_random_doubles_as_the_standard_formatter_writes_them() {
        random_doubles_display_as_the_standard_formatter_writes_them(20_000_000);
        for n in 0..100_000_000u32 {
            let v = f64::from(n) / 100.0;
            assert_eq!(display(v), format!("{v}"), "{v}");
        }
    }

    #[test]
    fn decimal_reads_what_the_standard_parser_reads() {
        for s in [
            "12",
            "12.50",
            ".5",
            "5.",
            "0.1",
            "199.99",
            "-3.25",
            "007",
            "123456.789",
        ] {
            assert_eq!(decimal(s), s.parse::<f64>().ok(), "{s}");
        }
    }

    #[test]
    fn a_run_of_digits_too_long_for_a_number_reads_as_the_standard_parser_reads_it() {
        let long = "9".repeat(400);
        assert_eq!(decimal(&long), long.parse::<f64>().ok());
        let long_fraction = format!("1.{}", "3".repeat(400));
        assert!(decimal(&long_fraction).is_some_and(|v| (v - 1.333_333_333).abs() < 1e-6));
        assert!(!fixed(f64::MAX, 2).is_empty() && !shortest(1e300).is_empty());
    }

    #[test]
    fn decimal_refuses_what_is_not_a_plain_number() {
        for s in ["", ".", "1.2.3", "1e5", "12元", "inf", "-", "1,000"] {
            assert_eq!(decimal(s), None, "{s}");
        }
    }

    #[test]
    fn a_spreadsheet_number_may_carry_an_exponent_but_not_a_formula() {
        assert!(is_number("-3"));
        assert!(is_number("1.5e-3"));
        assert!(!is_number("=1+2"));
        assert!(!is_number("-1+2"));
        assert!(!is_number("1e"));
    }
}
