//! Digits without words: the shortest text of a float, grouped digits, significant digits,
//! rounding, scientific parts. Depends on nothing else of the model.

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
    // The mantissa is within a step of [1, 10), so scaling by 10^(sig-1) is exact and rounding
    // is plain (`round_significant` would link the float formatter and parser in wasm).
    let p = 10f64.powi(sig.clamp(1, 17) as i32 - 1);
    let round = |m: f64| (m * p).round() / p;
    let mut m = round(over(exp));
    // log10 and the rounding may land one power off: 9.9999995 rounds to 10.
    if m.abs() >= 10.0 {
        exp += 1;
        m = round(over(exp));
    } else if m.abs() < 1.0 {
        exp -= 1;
        m = round(over(exp));
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

/// Significant digits needed to write `value` as reported (at most 15), e.g. 51.36 → 4,
/// 273333 → 6, 310 → 2. Conversions keep this many so they never round away the source.
pub fn significant_digits(value: f64) -> u32 {
    if value == 0.0 || !value.is_finite() {
        return 1;
    }
    let s = number_text(value.abs());
    let mantissa = s.split(['e', 'E']).next().unwrap_or("");
    let digits = mantissa
        .chars()
        .filter(|c| c.is_ascii_digit())
        .skip_while(|c| *c == '0')
        .collect::<String>();
    // Trailing zeros of an integer ("310", "10000") are place holders, not printed precision.
    let digits = if mantissa.contains('.') {
        digits.len()
    } else {
        digits.trim_end_matches('0').len()
    };
    (digits as u32).clamp(1, 15)
}

/// Powers of ten that f64 holds exactly.
const EXACT_POW10: [f64; 23] = [
    1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16,
    1e17, 1e18, 1e19, 1e20, 1e21, 1e22,
];

/// Round to `digits` significant digits (1 to 17; 0 counts as 1), halves away from zero. The
/// result is the float nearest the rounded decimal, so 4,099,995 to 2 digits is 4,100,000 and
/// not 4,099,999.9999999995. A value whose rounding would overflow is returned as it is.
pub fn round_significant(value: f64, digits: u32) -> f64 {
    if value == 0.0 || !value.is_finite() {
        return value;
    }
    let digits = digits.clamp(1, 17);
    let magnitude = value.abs().log10().floor() as i32;
    let shift = digits as i32 - 1 - magnitude;
    // Scale by an exact power of ten so that only the final step rounds.
    let rounded = if (0..=22).contains(&shift) {
        let p = EXACT_POW10[shift as usize];
        (value * p).round() / p
    } else if (-22..0).contains(&shift) {
        let p = EXACT_POW10[(-shift) as usize];
        (value / p).round() * p
    } else {
        // The far ends of the float range, where 10^shift overflows or is inexact: let the
        // formatter round in decimal.
        format!("{:.*e}", (digits - 1) as usize, value)
            .parse()
            .unwrap_or(value)
    };
    if rounded.is_finite() {
        rounded
    } else {
        value
    }
}
