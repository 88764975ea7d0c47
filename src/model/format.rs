//! Words around numbers, by the reader's language's rules (`i18n`): periods, bounds, kinds. The digits themselves are
//! formatted by the caller (the browser's Intl machinery in the app, `plain_number` natively).

use super::dataset::{Period, Qualifier, Scale};
use super::estimate::Shape;
use super::lang::Lang;

pub fn period_text(p: Option<&Period>, lang: Lang) -> String {
    let r = lang.rules();
    match p {
        None => r.mixed_periods.to_string(),
        Some(Period::Year { year }) => (r.year)(*year),
        Some(Period::Range { from, to }) => (r.year_range)(*from, *to),
        Some(Period::Since { year }) => (r.since_year)(*year),
        Some(Period::RecentYears) => r.recent_years_undated.to_string(),
        Some(Period::Present) => r.present_undated.to_string(),
        Some(Period::Undated) => r.undated.to_string(),
    }
}

/// A scale word as it follows a printed number: "50.457 million", "6.5 万", "5千".
pub fn scale_text(scale: Scale, lang: Lang) -> &'static str {
    let r = lang.rules();
    match scale {
        Scale::One => "",
        Scale::Thousand => r.thousand,
        Scale::Million => r.million,
        Scale::Billion => r.billion,
        Scale::Wan => " 万",
        Scale::Yi => " 亿",
        Scale::Lakh => r.lakh,
        Scale::Crore => r.crore,
    }
}

pub fn qualifier_text(q: Qualifier, lang: Lang) -> &'static str {
    let r = lang.rules();
    match q {
        Qualifier::Exact => r.exact,
        Qualifier::About => r.about,
        Qualifier::MoreThan => r.more_than,
        Qualifier::AtLeast => r.at_least,
        Qualifier::LessThan => r.less_than,
        Qualifier::AtMost => r.at_most,
    }
}

/// A shape in words, with `num` formatting each number: "more than 21", "11–12".
pub fn shape_text(shape: Shape, lang: Lang, num: &dyn Fn(f64) -> String) -> String {
    let r = lang.rules();
    let bound = |word: &str, v: f64| (r.bound)(word, &num(v));
    match shape {
        Shape::Point(v) => num(v),
        Shape::About(v) => bound(r.about, v),
        Shape::MoreThan(v) => bound(r.more_than, v),
        Shape::AtLeast(v) => bound(r.at_least, v),
        Shape::LessThan(v) => bound(r.less_than, v),
        Shape::AtMost(v) => bound(r.at_most, v),
        Shape::Between(a, b) => format!("{}–{}", num(a), num(b)),
    }
}

pub use super::digits::{
    decimals_for, number_text, plain_number, power_of_ten, scientific_parts, SCIENTIFIC_BELOW,
    SCIENTIFIC_FROM,
};
