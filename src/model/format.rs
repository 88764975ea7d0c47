//! Words around numbers, in both languages: periods, bounds, kinds. The digits themselves are
//! formatted by the caller (the browser's Intl machinery in the app, `plain_number` natively).

use super::dataset::{Period, Qualifier, Scale};
use super::estimate::Shape;
use super::lang::Lang;

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

/// A scale word as it follows a printed number: "50.457 million", "6.5 万", "5千".
pub fn scale_text(scale: Scale, lang: Lang) -> &'static str {
    match (scale, lang) {
        (Scale::One, _) => "",
        (Scale::Thousand, Lang::En) => " thousand",
        (Scale::Thousand, Lang::Zh) => "千",
        (Scale::Million, Lang::En) => " million",
        (Scale::Million, Lang::Zh) => "百万",
        (Scale::Billion, Lang::En) => " billion",
        (Scale::Billion, Lang::Zh) => "十亿",
        (Scale::Wan, _) => " 万",
        (Scale::Yi, _) => " 亿",
        (Scale::Lakh, Lang::En) => " lakh",
        (Scale::Lakh, Lang::Zh) => "十万",
        (Scale::Crore, Lang::En) => " crore",
        (Scale::Crore, Lang::Zh) => "千万",
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

pub use super::digits::{
    decimals_for, number_text, plain_number, power_of_ten, scientific_parts, SCIENTIFIC_BELOW,
    SCIENTIFIC_FROM,
};
