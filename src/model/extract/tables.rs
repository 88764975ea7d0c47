//! The extractor's vocabulary as data: scale words, units, qualifiers, period words and the
//! words that mark a number as something other than a figure. English phrases are lower case
//! (matched against an ASCII-lowercased copy of the text); a new word is one line.

use crate::model::dataset::{Qualifier, Scale};
use crate::model::vocabulary::{CURRENCIES, UNITS};

/// Scale words after a number: (word, multiplier on the printed value, scale).
/// 万亿 and trillion have no scale of their own: 1.2万亿 is kept as 12000 亿.
pub const SCALES: &[(&str, (f64, Scale))] = &[
    ("thousand", (1.0, Scale::Thousand)),
    ("million", (1.0, Scale::Million)),
    ("mln", (1.0, Scale::Million)),
    ("mn", (1.0, Scale::Million)),
    ("billion", (1.0, Scale::Billion)),
    ("bn", (1.0, Scale::Billion)),
    ("trillion", (1000.0, Scale::Billion)),
    ("万亿", (1e4, Scale::Yi)),
    ("千万", (1e3, Scale::Wan)),
    ("百万", (1.0, Scale::Million)),
    ("亿", (1.0, Scale::Yi)),
    ("万", (1.0, Scale::Wan)),
    ("千", (1.0, Scale::Thousand)),
];

/// Unit words right after a number (and its scale), as (word, unit code): every word of the
/// vocabulary's units and currencies (`model/vocabulary.rs`), read once.
pub fn units() -> &'static [(&'static str, &'static str)] {
    static WORDS: std::sync::OnceLock<Vec<(&'static str, &'static str)>> =
        std::sync::OnceLock::new();
    WORDS.get_or_init(|| {
        let rows = UNITS
            .iter()
            .flat_map(|u| u.words.iter().map(|w| (*w, u.code)));
        let money = CURRENCIES
            .iter()
            .flat_map(|c| c.words.iter().map(|w| (*w, c.code)));
        rows.chain(money).collect()
    })
}

/// Whether a word is one of the vocabulary's unit words.
pub fn is_unit_word(word: &str) -> bool {
    units().iter().any(|(w, _)| *w == word)
}

/// Currency signs and codes before a number (US$5 million, ¥300, Rs 12 crore), as (sign, code).
pub fn currency_before() -> &'static [(&'static str, &'static str)] {
    static SIGNS: std::sync::OnceLock<Vec<(&'static str, &'static str)>> =
        std::sync::OnceLock::new();
    SIGNS.get_or_init(|| {
        CURRENCIES
            .iter()
            .flat_map(|c| c.signs.iter().map(|w| (*w, c.code)))
            .chain(BEFORE_NUMBER.iter().copied())
            .collect()
    })
}

/// Other unit words written before the number.
const BEFORE_NUMBER: &[(&str, &str)] = &[("百分之", "%")];

/// Nouns that make a bare number a count; up to `COUNT_SKIP` words may stand between
/// ("310 ecological forest guards").
pub const COUNT_NOUNS: &[(&str, &str)] = &[
    ("people", "{person}"),
    ("persons", "{person}"),
    ("person", "{person}"),
    ("residents", "{person}"),
    ("villagers", "{person}"),
    ("farmers", "{person}"),
    ("herders", "{person}"),
    ("herdsmen", "{person}"),
    ("guards", "{person}"),
    ("guard", "{person}"),
    ("rangers", "{person}"),
    ("foresters", "{person}"),
    ("workers", "{person}"),
    ("employees", "{person}"),
    ("tourist visits", "{visit}"),
    ("tourists", "{visit}"),
    ("tourist", "{visit}"),
    ("visitors", "{visit}"),
    ("visits", "{visit}"),
    ("person-times", "{visit}"),
    ("households", "{household}"),
    ("household", "{household}"),
    ("families", "{household}"),
];
pub const COUNT_SKIP: usize = 3;

/// Words a count noun phrase cannot run through.
#[rustfmt::skip]
pub const STOP_WORDS: &[&str] = &[
    "of", "in", "and", "or", "to", "the", "a", "an", "for", "by", "with", "from", "were", "was",
    "is", "are", "have", "has", "had", "that", "which", "who", "at", "on", "per", "each", "than",
    "as", "be", "been", "it", "its", "their",
];

/// Qualifiers written before the number (after a currency sign, if any).
pub const QUALIFIERS_BEFORE: &[(&str, Qualifier)] = &[
    ("more than", Qualifier::MoreThan),
    ("over", Qualifier::MoreThan),
    ("exceeded", Qualifier::MoreThan),
    ("exceeds", Qualifier::MoreThan),
    ("exceeding", Qualifier::MoreThan),
    ("exceed", Qualifier::MoreThan),
    ("above", Qualifier::MoreThan),
    ("in excess of", Qualifier::MoreThan),
    ("upwards of", Qualifier::MoreThan),
    ("at least", Qualifier::AtLeast),
    ("no less than", Qualifier::AtLeast),
    ("not less than", Qualifier::AtLeast),
    ("less than", Qualifier::LessThan),
    ("fewer than", Qualifier::LessThan),
    ("under", Qualifier::LessThan),
    ("below", Qualifier::LessThan),
    ("at most", Qualifier::AtMost),
    ("no more than", Qualifier::AtMost),
    ("not more than", Qualifier::AtMost),
    ("up to", Qualifier::AtMost),
    ("about", Qualifier::About),
    ("nearly", Qualifier::About),
    ("almost", Qualifier::About),
    ("approximately", Qualifier::About),
    ("approx.", Qualifier::About),
    ("around", Qualifier::About),
    ("roughly", Qualifier::About),
    ("close to", Qualifier::About),
    ("an estimated", Qualifier::About),
    ("超过", Qualifier::MoreThan),
    ("超", Qualifier::MoreThan),
    ("逾", Qualifier::MoreThan),
    ("高于", Qualifier::MoreThan),
    ("多于", Qualifier::MoreThan),
    ("至少", Qualifier::AtLeast),
    ("不少于", Qualifier::AtLeast),
    ("不低于", Qualifier::AtLeast),
    ("不足", Qualifier::LessThan),
    ("不到", Qualifier::LessThan),
    ("少于", Qualifier::LessThan),
    ("低于", Qualifier::LessThan),
    ("不超过", Qualifier::AtMost),
    ("最多", Qualifier::AtMost),
    ("约", Qualifier::About),
    ("约为", Qualifier::About),
    ("大约", Qualifier::About),
    ("近", Qualifier::About),
    ("将近", Qualifier::About),
    ("接近", Qualifier::About),
];

/// Between the number (and scale) and the unit: 300多人, 5万余亩.
pub const QUALIFIERS_MID: &[(&str, Qualifier)] =
    &[("多", Qualifier::MoreThan), ("余", Qualifier::MoreThan)];

/// After the unit: 21%以上, 300人左右, 50 or more.
pub const QUALIFIERS_AFTER: &[(&str, Qualifier)] = &[
    ("以上", Qualifier::MoreThan),
    ("有余", Qualifier::MoreThan),
    ("以下", Qualifier::LessThan),
    ("左右", Qualifier::About),
    ("上下", Qualifier::About),
    ("or more", Qualifier::AtLeast),
    ("or less", Qualifier::AtMost),
    ("or so", Qualifier::About),
];

/// Money units refined by what follows the unit ("yuan per year", "元/人·年"): the words and
/// what they add to the currency's code.
pub const RATES_AFTER: &[(&str, &str)] = &[
    ("per person per year", "/{person}/a"),
    ("per person a year", "/{person}/a"),
    ("/人·年", "/{person}/a"),
    ("/人/年", "/{person}/a"),
    ("per year", "/a"),
    ("a year", "/a"),
    ("/年", "/a"),
    ("per hectare", "/ha"),
    ("/公顷", "/ha"),
    ("per visit", "/{visit}"),
    ("per tourist", "/{visit}"),
    ("/人次", "/{visit}"),
];

/// Money units refined by words earlier in the clause: "an annual salary of 10,000 yuan".
pub const RATES_BEFORE: &[(&str, &str)] = &[
    ("annual salary", "/{person}/a"),
    ("annual wage", "/{person}/a"),
    ("yearly salary", "/{person}/a"),
    ("每人每年", "/{person}/a"),
    ("年薪", "/{person}/a"),
    ("年工资", "/{person}/a"),
];

/// Words naming a document part: "Case Study 2.11", "Table 3", "第 5 段" are references.
#[rustfmt::skip]
pub const REFERENCE_BEFORE: &[&str] = &[
    "case study", "case", "study", "section", "sect.", "chapter", "table", "figure", "fig.", "box",
    "annex", "appendix", "page", "p.", "pp.", "no.", "number", "article", "art.", "paragraph",
    "para.", "item", "step", "phase", "part", "volume", "vol.", "issue", "#", "案例", "表", "图", "附件",
    "附表",
];

/// After a number: an ordinal ("2nd") or a date part ("3月", "5日").
pub const ORDINAL_AFTER: &[&str] = &["st", "nd", "rd", "th"];
pub const ORDINAL_BEFORE: &[&str] = &["第"];
pub const DATE_AFTER: &[&str] = &["月", "日", "号"];
#[rustfmt::skip]
pub const MONTHS: &[&str] = &[
    "january", "february", "march", "april", "may", "june", "july", "august", "september",
    "october", "november", "december", "jan.", "feb.", "mar.", "apr.", "jun.", "jul.", "aug.",
    "sep.", "sept.", "oct.", "nov.", "dec.",
];

/// The time words that carry no year.
#[rustfmt::skip]
pub const PRESENT_WORDS: &[&str] = &[
    "at present", "currently", "presently", "now", "today", "to date", "so far", "目前", "当前", "现在",
    "至今", "现已",
];
#[rustfmt::skip]
pub const RECENT_WORDS: &[&str] = &[
    "in recent years", "recent years", "in the past few years", "over the past few years", "近年来",
    "近几年", "近些年", "近年",
];
/// A perfect tense with no date is read as the present: "has exceeded 21%".
pub const PERFECT_WORDS: &[&str] = &["has", "have", "having", "已经", "已"];

/// Words before a year.
pub const SINCE_BEFORE: &[&str] = &["ever since", "since"];
pub const FROM_BEFORE: &[&str] = &["from", "between", "自", "从"];
#[rustfmt::skip]
pub const BASELINE_BEFORE: &[&str] = &[
    "over", "compared with", "compared to", "than in", "than", "against", "比", "较", "与",
];
/// After a year: 2014年以来, 2014 onwards.
pub const SINCE_AFTER: &[&str] = &["年以来", "以来", "年起", "年至今", " onwards", " onward"];
/// Between the two years of a range (after an optional 年 on the first).
pub const RANGE_JOINS: &[&str] = &["–", "—", "-", "−", "~", "～", "－", "to", "and", "至", "到"];

/// Words marking a stated total, its listed parts and "of which" parts.
#[rustfmt::skip]
pub const TOTAL_WORDS: &[&str] = &[
    "totaling", "totalling", "totaled", "totalled", "a total of", "total of", "in total",
    "altogether", "amounting to", "合计", "共计", "总计", "累计", "总共", "共",
];
#[rustfmt::skip]
pub const INCLUDING_WORDS: &[&str] = &[
    "including", "includes", "included", "comprising", "consisting of", "包括", "包含",
];
pub const OF_WHICH_WORDS: &[&str] = &["of which", "of whom", "among which", "among them", "其中"];

/// Phrases that state a share without digits: "…310 guards, all of whom were poor".
pub const IMPLIED_SHARES: &[(&str, f64)] = &[
    ("all of whom", 100.0),
    ("all of them", 100.0),
    ("全部为", 100.0),
    ("全部是", 100.0),
    ("全部来自", 100.0),
];

/// Labels: words dropped from the start of a clause, and the verbs a label stops at.
#[rustfmt::skip]
pub const LABEL_LEAD: &[&str] = &[
    "and", "or", "but", "the", "a", "an", "with", "while", "whereas", "of", "which", "whom",
    "including", "by", "for", "to", "in", "at", "on", "from", "its", "their", "this", "that",
    "these", "those", "meanwhile", "also", "total", "totaling", "totalling", "present", "recent",
    "years", "since", "currently", "now", "year", "whole", "among", "them", "all", "over", "than",
    "as", "extra", "additional", "another", "each", "every",
];
/// Verbs a label stops at, and function words trimmed off its end.
#[rustfmt::skip]
pub const LABEL_STOP: &[&str] = &[
    "has", "have", "had", "having", "was", "were", "is", "are", "be", "been", "being", "reached",
    "reaches", "rose", "grew", "exceeded", "exceeds", "totaled", "totaling", "totalling",
    "amounted", "amounts", "stood", "stands", "fell", "decreased", "dropped", "went", "hit",
    "remained", "attracted", "created", "distributed", "employed", "paid", "received", "generated",
    "increased", "climbed", "came", "now", "will", "would", "could", "including", "brought",
    "earned", "stays", "stored", "pledged", "welcomed", "finished", "installed", "added",
    "expanded", "covering", "covered", "planted", "hired", "made", "gave", "raised", "spent",
    "produced", "built", "stayed", "joined", "found", "left", "saw", "got",
];
#[rustfmt::skip]
pub const LABEL_TRAIL: &[&str] = &[
    "of", "by", "to", "from", "at", "than", "for", "with", "in", "on", "the", "a", "an", "and",
    "its", "their", "some", "about", "over", "under", "more", "less", "nearly", "around",
];
/// A label that names only a change borrows the figure before it: "increase in forest cover".
#[rustfmt::skip]
pub const LABEL_CHANGE: &[&str] = &[
    "increase", "rise", "growth", "gain", "decrease", "decline", "drop", "change", "提高", "增长",
    "增加", "下降", "减少",
];
#[rustfmt::skip]
pub const LABEL_LEAD_ZH: &[&str] = &[
    "其中", "并", "和", "及", "与", "同时", "另外", "此外", "累计", "共计", "合计", "总计", "共", "发放", "实现", "完成",
    "接待", "聘用", "新增", "全年", "目前", "当前", "近年来", "以来", "年", "从", "由", "自", "至", "到", "包括", "全部", "的",
    "比", "较", "在", "已", "已经", "为", "是", "有", "另有", "完成", "新聘",
];
#[rustfmt::skip]
pub const LABEL_TRAIL_ZH: &[&str] = &[
    "达到", "达", "为", "是", "增加了", "增加", "增长了", "增长", "提高到", "提高了", "提高", "增至", "超过", "超", "逾", "约",
    "近", "不足", "不到", "约为", "了", "到", "至", "共", "累计", "共计", "合计", "总计", "由", "从", "的", "已", "已经",
    "突破", "实现", "完成", "接待", "发放", "聘用", "有", "带动", "降至", "降到", "降", "新聘",
];
