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
