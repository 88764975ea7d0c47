//! Numbers and how they must read, shared by the native test (`model_units.rs`, plain Rust) and
//! the browser test (`browser_analysis.rs`, Intl.NumberFormat): both paths write the same text.
#![allow(dead_code)]

use case_explorer::model::display::NumberStyle;
use case_explorer::model::Lang;

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
    (-0.0, Some(6), NumberStyle::Compact, Lang::Zh, "0"),
    // Huge numbers, in either style, and a rounding that carries into the next power.
    (4.45e15, Some(6), NumberStyle::Full, Lang::En, "4.45×10¹⁵"),
    (1e300, None, NumberStyle::Compact, Lang::Zh, "1×10³⁰⁰"),
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
    // The compact style: each language's scale words, every printed digit kept.
    (
        1.2e9,
        None,
        NumberStyle::Compact,
        Lang::En,
        "1.2\u{a0}billion",
    ),
    (
        51.36e6,
        None,
        NumberStyle::Compact,
        Lang::En,
        "51.36\u{a0}million",
    ),
    (1.2e9, None, NumberStyle::Compact, Lang::Zh, "12亿"),
    (51.36e6, None, NumberStyle::Compact, Lang::Zh, "5136万"),
    (51.364e6, None, NumberStyle::Compact, Lang::Zh, "5136.4万"),
    (273_333.0, None, NumberStyle::Compact, Lang::Zh, "27.3333万"),
    (273_333.0, None, NumberStyle::Compact, Lang::En, "273,333"),
    (
        1.2e9,
        None,
        NumberStyle::Compact,
        Lang::Fr,
        "1,2\u{a0}milliard",
    ),
    (
        51.36e6,
        None,
        NumberStyle::Compact,
        Lang::Fr,
        "51,36\u{a0}millions",
    ),
    (857.142_857, Some(3), NumberStyle::Compact, Lang::En, "857"),
    (1.382_35, Some(3), NumberStyle::Compact, Lang::Fr, "1,38"),
    (
        -4.45e6,
        None,
        NumberStyle::Compact,
        Lang::En,
        "-4.45\u{a0}million",
    ),
];
