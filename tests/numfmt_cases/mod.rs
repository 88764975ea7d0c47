//! Numbers and how they must read, shared by the native test (`model_units.rs`, plain Rust) and
//! the browser test (`browser_analysis.rs`, Intl.NumberFormat): both paths write the same text.
#![allow(dead_code)]

use kezuohou_explorer::model::display::NumberStyle;
use kezuohou_explorer::model::Lang;

/// (value, significant digits, style, language, text)
pub const CASES: &[(f64, Option<u32>, NumberStyle, Lang, &str)] = &[
    // The smallest float: not 330 characters of "0.000…", and not "0" either.
    (5e-324, None, NumberStyle::Full, Lang::En, "5×10⁻³²⁴"),
    (5e-324, Some(4), NumberStyle::Full, Lang::En, "4.941×10⁻³²⁴"),
    (
        0.00001234,
        Some(3),
        NumberStyle::Full,
        Lang::Zh,
        "1.23×10⁻⁵",
    ),
    (-0.00005, None, NumberStyle::Full, Lang::En, "-5×10⁻⁵"),
    // −0 is 0.
    (-0.0, None, NumberStyle::Full, Lang::En, "0"),
    (-0.0, Some(6), NumberStyle::ChineseScale, Lang::Zh, "0"),
    // Huge numbers, in either style, and a rounding that carries into the next power.
    (4.45e15, Some(6), NumberStyle::Full, Lang::En, "4.45×10¹⁵"),
    (1e300, None, NumberStyle::ChineseScale, Lang::Zh, "1×10³⁰⁰"),
    (f64::MAX, Some(3), NumberStyle::Full, Lang::En, "1.8×10³⁰⁸"),
    (9.9996e20, Some(4), NumberStyle::Full, Lang::En, "1×10²¹"),
    // Inside the bounds, numbers are written out as before.
    (0.0001, None, NumberStyle::Full, Lang::En, "0.0001"),
    (273333.0, None, NumberStyle::Full, Lang::En, "273,333"),
    (-12.5, Some(3), NumberStyle::Full, Lang::En, "-12.5"),
    (
        999_999_999_999_999.0,
        None,
        NumberStyle::Full,
        Lang::En,
        "999,999,999,999,999",
    ),
];
