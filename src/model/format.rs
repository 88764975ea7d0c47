//! Words around numbers, in both languages: periods, bounds, kinds. The digits themselves are
//! formatted by the caller (the browser's Intl machinery in the app, `plain_number` natively).

use super::dataset::{Period, Qualifier};
use super::estimate::Shape;
use super::units::Lang;

pub fn period_text(p: Option<&Period>, lang: Lang) -> String {
    let zh = lang == Lang::Zh;
    match p {
        None => if zh { "多个时期" } else { "mixed periods" }.to_string(),
        Some(Period::Year { year }) => {
            if zh {
                format!("{year}年")
            } else {
                year.to_string()
            }
        }
        Some(Period::Range { from, to }) => {
            if zh {
                format!("{from}–{to}年")
            } else {
                format!("{from}–{to}")
            }
        }
        Some(Period::Since { year }) => {
            if zh {
                format!("{year}年以来")
            } else {
                format!("since {year}")
            }
        }
        Some(Period::RecentYears) => if zh {
            "近年来（未注明年份）"
        } else {
            "recent years (undated)"
        }
        .to_string(),
        Some(Period::Present) => if zh {
            "目前（未注明年份）"
        } else {
            "at present (undated)"
        }
        .to_string(),
        Some(Period::Undated) => if zh { "未注明时间" } else { "undated" }.to_string(),
    }
}

pub fn qualifier_text(q: Qualifier, lang: Lang) -> &'static str {
    match (q, lang) {
        (Qualifier::Exact, Lang::En) => "as stated",
        (Qualifier::Exact, Lang::Zh) => "确数",
        (Qualifier::About, Lang::En) => "about",
        (Qualifier::About, Lang::Zh) => "约",
        (Qualifier::MoreThan, Lang::En) => "more than",
        (Qualifier::MoreThan, Lang::Zh) => "超过",
        (Qualifier::AtLeast, Lang::En) => "at least",
        (Qualifier::AtLeast, Lang::Zh) => "至少",
        (Qualifier::LessThan, Lang::En) => "less than",
        (Qualifier::LessThan, Lang::Zh) => "不足",
        (Qualifier::AtMost, Lang::En) => "at most",
        (Qualifier::AtMost, Lang::Zh) => "至多",
    }
}

/// A shape in words, with `num` formatting each number: "more than 21", "11–12".
pub fn shape_text(shape: Shape, lang: Lang, num: &dyn Fn(f64) -> String) -> String {
    let zh = lang == Lang::Zh;
    match shape {
        Shape::Point(v) => num(v),
        Shape::About(v) => format!("{}{}", if zh { "约" } else { "about " }, num(v)),
        Shape::MoreThan(v) => format!("{}{}", if zh { "超过" } else { "more than " }, num(v)),
        Shape::AtLeast(v) => format!("{}{}", if zh { "至少" } else { "at least " }, num(v)),
        Shape::LessThan(v) => format!("{}{}", if zh { "不足" } else { "less than " }, num(v)),
        Shape::AtMost(v) => format!("{}{}", if zh { "至多" } else { "at most " }, num(v)),
        Shape::Between(a, b) => format!("{}–{}", num(a), num(b)),
    }
}

/// The shortest text that reads back as `value`: "50.457", "310", "1e-7" ("0" for −0). Uses
/// serde_json's float writer rather than `Display`, which keeps core's large float formatter
/// out of the wasm.
pub fn number_text(value: f64) -> String {
    // −0 reads back equal to 0, and "-0" in a table or a file looks like a slip.
    let value = value + 0.0;
    if !value.is_finite() {
        return if value.is_nan() {
            "NaN"
        } else if value > 0.0 {
            "∞"
        } else {
            "−∞"
        }
        .to_string();
    }
    let s = serde_json::to_string(&value).unwrap_or_default();
    match s.strip_suffix(".0") {
        Some(t) => t.to_string(),
        None => s,
    }
}

/// Digits with thousands separators and at most `decimals` decimals, trailing zeros dropped.
/// Used where no browser is at hand (CSV export, native tests).
pub fn plain_number(value: f64, decimals: usize) -> String {
    if !value.is_finite() {
        return if value > 0.0 { "∞" } else { "−∞" }.to_string();
    }
    // Integer arithmetic only, for the same reason as `number_text`.
    // No more decimals than a float holds: 999999999999999 with 6 decimals is not
    // 999,999,999,999,998.951424.
    let mut decimals = decimals.min(9);
    while decimals > 0 && value.abs() * 10f64.powi(decimals as i32) >= 2f64.powi(53) {
        decimals -= 1;
    }
    let scale = 10u128.pow(decimals as u32);
    let scaled = (value.abs() * scale as f64).round();
    if scaled >= 1e30 {
        return number_text(value);
    }
    let scaled = scaled as u128;
    let int = (scaled / scale).to_string();
    let frac = if decimals == 0 {
        String::new()
    } else {
        let f = (scaled % scale).to_string();
        let padded = format!("{}{f}", "0".repeat(decimals - f.len()));
        padded.trim_end_matches('0').to_string()
    };
    let mut grouped = String::new();
    for (i, c) in int.chars().enumerate() {
        if i > 0 && (int.len() - i).is_multiple_of(3) {
            grouped.push(',');
        }
        grouped.push(c);
    }
    // The hyphen-minus, as Intl.NumberFormat writes it in the browser.
    let sign = if value < 0.0 && (int != "0" || !frac.is_empty()) {
        "-"
    } else {
        ""
    };
    if frac.is_empty() {
        format!("{sign}{grouped}")
    } else {
        format!("{sign}{grouped}.{frac}")
    }
}

/// Decimals that keep `sig` significant digits of `value` (never negative).
pub fn decimals_for(value: f64, sig: u32) -> usize {
    if value == 0.0 || !value.is_finite() {
        return 0;
    }
    let magnitude = value.abs().log10().floor() as i32;
    (sig as i32 - 1 - magnitude).max(0) as usize
}

/// From this magnitude on, numbers are written as a mantissa times a power of ten: digits past
/// the 16th of a float are noise, and a row of them overflows a card.
pub const SCIENTIFIC_FROM: f64 = 1e15;
/// Below this magnitude (and above 0), numbers are written as a mantissa times a power of ten:
/// "5×10⁻³²⁴", not 330 characters of "0.000…".
pub const SCIENTIFIC_BELOW: f64 = 1e-4;

/// `value` as (mantissa, exponent) with the mantissa rounded to `sig` significant digits and
/// 1 ≤ |mantissa| < 10, when it is too large or too small to write out (see the bounds above).
pub fn scientific_parts(value: f64, sig: u32) -> Option<(f64, i32)> {
    let a = value.abs();
    if !value.is_finite() || value == 0.0 || (SCIENTIFIC_BELOW..SCIENTIFIC_FROM).contains(&a) {
        return None;
    }
    let mut exp = a.log10().floor() as i32;
    // In two steps at the ends of the range, where 10^exp itself overflows or underflows.
    let over = |e: i32| {
        if e < -300 {
            value * 1e300 / 10f64.powi(e + 300)
        } else if e > 300 {
            value / 1e300 / 10f64.powi(e - 300)
        } else {
            value / 10f64.powi(e)
        }
    };
    let mut m = super::units::round_significant(over(exp), sig);
    // log10 and the rounding may land one power off: 9.9999995 rounds to 10.
    if m.abs() >= 10.0 {
        exp += 1;
        m = super::units::round_significant(over(exp), sig);
    } else if m.abs() < 1.0 {
        exp -= 1;
        m = super::units::round_significant(over(exp), sig);
    }
    Some((m, exp))
}

/// "10⁻³²⁴": a power of ten with a superscript exponent.
pub fn power_of_ten(exp: i32) -> String {
    const SUPERSCRIPT: [char; 10] = ['⁰', '¹', '²', '³', '⁴', '⁵', '⁶', '⁷', '⁸', '⁹'];
    let mut out = String::from("10");
    if exp < 0 {
        out.push('⁻');
    }
    for d in exp.unsigned_abs().to_string().bytes() {
        out.push(SUPERSCRIPT[usize::from(d - b'0')]);
    }
    out
}
