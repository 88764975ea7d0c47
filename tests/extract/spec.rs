//! The expected figures of the drafter's test texts, figure by figure, and the score of a
//! draft against them. Shared by `tests/model_extract*.rs` and `examples/extract_score.rs`
//! (each includes this file with `#[path]`), so the benchmark reports what the tests assert.
//! Every text here was written for these tests; none is a published text.
#![allow(dead_code)]

use case_explorer::model::extract::{Draft, DraftFigure};
use case_explorer::model::{FigureKind, Model, Period, Qualifier, Scale};

/// Restates every reported figure of `data/kezuohou.json` in other words, with more wordings.
pub const KEZUOHOU_EN: &str = include_str!("kezuohou_en.txt");
/// The same in Chinese.
pub const KEZUOHOU_ZH: &str = include_str!("kezuohou_zh.txt");
/// An Indian watershed programme: rupees, lakh and crore, acres, kW, tonnes, counted works,
/// hyphenated figures, rates, and a few other currencies.
pub const WATERSHED_EN: &str = include_str!("watershed_en.txt");
/// A Chinese county's water and planting works: 余/多 before 万/亿, 块钱, 座/口 counts, 每亩/每年.
pub const RESERVOIR_ZH: &str = include_str!("reservoir_zh.txt");
/// Held out: written once the drafter's words were settled, and never tuned on.
pub const HOLDOUT_EN: &str = include_str!("holdout_en.txt");
pub const HOLDOUT_ZH: &str = include_str!("holdout_zh.txt");
/// News-style texts with a headline and deck, a date line, a section heading, a place,
/// reporting phrases, participles, "of which", 今年/每年: what a reader pastes from a paper.
pub const NEWS_EN: &str = include_str!("news_en.txt");
pub const NEWS_ZH: &str = include_str!("news_zh.txt");

/// One expected figure: what a reviewer would write down reading the sentence.
#[derive(Debug, Clone)]
pub struct Want {
    pub what: String,
    pub value: f64,
    pub scale: Scale,
    /// The unit's code: `ha`, `INR/a`, `{well}`.
    pub unit: String,
    pub qualifier: Qualifier,
    /// `None`: the period is not what the text tests.
    pub period: Option<Period>,
    pub paragraph: u32,
}

pub fn w(
    what: &str,
    value: f64,
    scale: Scale,
    unit: &str,
    qualifier: Qualifier,
    period: Period,
    paragraph: u32,
) -> Want {
    Want {
        what: what.into(),
        value,
        scale,
        unit: unit.into(),
        qualifier,
        period: Some(period),
        paragraph,
    }
}

/// An expected figure whose period is not checked.
pub fn n(
    what: &str,
    value: f64,
    scale: Scale,
    unit: &str,
    qualifier: Qualifier,
    paragraph: u32,
) -> Want {
    Want {
        what: what.into(),
        value,
        scale,
        unit: unit.into(),
        qualifier,
        period: None,
        paragraph,
    }
}

pub fn matches(f: &DraftFigure, e: &Want) -> bool {
    (f.value - e.value).abs() <= 1e-9 * e.value.abs().max(1.0)
        && f.scale == e.scale
        && f.unit.code() == e.unit
        && f.qualifier == e.qualifier
        && e.period.as_ref().is_none_or(|p| *p == f.period)
        && f.paragraph == e.paragraph
}

/// How a draft compares with its expected figures.
#[derive(Debug, Clone, Copy)]
pub struct Score {
    pub expected: usize,
    pub drafted: usize,
    pub found: usize,
}

impl Score {
    pub fn precision(&self) -> f64 {
        self.found as f64 / self.drafted.max(1) as f64
    }
    pub fn recall(&self) -> f64 {
        self.found as f64 / self.expected.max(1) as f64
    }
}

/// Pairs each expected figure with one drafted figure (each used once). With `print`, prints
/// every figure (value, scale, unit, qualifier), the misses and extras, precision and recall.
pub fn score(name: &str, d: &Draft, wants: &[Want], print: bool) -> Score {
    let mut used = vec![false; d.figures.len()];
    let mut found = 0;
    let say = |line: String| {
        if print {
            println!("{line}");
        }
    };
    say(format!(
        "== {name}: {} expected, {} drafted",
        wants.len(),
        d.figures.len()
    ));
    for e in wants {
        let hit = (0..d.figures.len()).find(|&i| !used[i] && matches(&d.figures[i], e));
        match hit {
            Some(i) => {
                used[i] = true;
                found += 1;
                let f = &d.figures[i];
                say(format!(
                    "  ok    {:<40} {} {:?} {} {:?} ← “{}”",
                    e.what,
                    f.value,
                    f.scale,
                    f.unit.code(),
                    f.qualifier,
                    &d.text[f.span.clone()]
                ));
            }
            None => say(format!("  MISS  {:<40} {:?}", e.what, e)),
        }
    }
    for (i, f) in d.figures.iter().enumerate() {
        if !used[i] {
            say(format!(
                "  EXTRA “{}” = {} {:?} {} {:?} {:?} ¶{}",
                &d.text[f.span.clone()],
                f.value,
                f.scale,
                f.unit.code(),
                f.qualifier,
                f.period,
                f.paragraph
            ));
        }
    }
    let s = Score {
        expected: wants.len(),
        drafted: d.figures.len(),
        found,
    };
    say(format!(
        "  precision {:.3}  recall {:.3}",
        s.precision(),
        s.recall()
    ));
    s
}

/// A test text with its expected figures.
pub struct TestText {
    pub name: &'static str,
    pub text: &'static str,
    pub wants: Vec<Want>,
    /// The language labels are scored in: `"en"` or `"zh"`.
    pub lang: &'static str,
    /// What an acceptable label of some of its figures must contain.
    pub labels: Vec<LabelWant>,
}

/// The words an acceptable label of a figure must contain (English compared in lower case):
/// the figure is the first whose number reads `number` (the digits as printed).
#[derive(Debug, Clone, Copy)]
pub struct LabelWant {
    pub number: &'static str,
    pub label_words: &'static [&'static str],
}

const fn lw(number: &'static str, label_words: &'static [&'static str]) -> LabelWant {
    LabelWant {
        number,
        label_words,
    }
}

/// Whether a label is acceptable: it holds every word (in any case), no digit (a neighbouring
/// figure's), no reporting word, and is short (at most 12 Chinese characters or 8 words).
pub fn label_has(label: &str, words: &[&str]) -> bool {
    let l = label.to_lowercase();
    let zh = l.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c));
    let short = if zh {
        l.chars().count() <= 12
    } else {
        l.split_whitespace().count() <= 8
    };
    let reporting = ["said", "according", "表示", "获悉"]
        .iter()
        .any(|w| l.contains(w));
    words.iter().all(|w| l.contains(&w.to_lowercase()))
        && short
        && !reporting
        && !l.chars().any(|c| c.is_ascii_digit())
}

/// Labels scored: (labels holding their words, labels expected). With `print`, each label.
pub fn label_score(name: &str, d: &Draft, wants: &[LabelWant], print: bool) -> (usize, usize) {
    let mut good = 0;
    for want in wants {
        let f = d
            .figures
            .iter()
            .find(|f| d.text.get(f.number.clone()) == Some(want.number));
        let ok = f.is_some_and(|f| label_has(&f.label, want.label_words));
        good += usize::from(ok);
        if print {
            println!(
                "  {} label of {:<8} {:?} ← want {:?} ({name})",
                if ok { "ok  " } else { "BAD " },
                want.number,
                f.map(|f| f.label.as_str()),
                want.label_words
            );
        }
    }
    (good, wants.len())
}

/// Every test text the drafter is scored on.
pub fn texts() -> Vec<TestText> {
    let mut kezuohou_en = reported();
    kezuohou_en.extend(english_extras());
    vec![
        TestText {
            name: "kezuohou_en",
            text: KEZUOHOU_EN,
            wants: kezuohou_en,
            lang: "en",
            labels: Vec::new(),
        },
        TestText {
            name: "kezuohou_zh",
            text: KEZUOHOU_ZH,
            wants: chinese_cases(),
            lang: "zh",
            labels: Vec::new(),
        },
        TestText {
            name: "watershed_en",
            text: WATERSHED_EN,
            wants: watershed_en(),
            lang: "en",
            labels: watershed_en_labels(),
        },
        TestText {
            name: "reservoir_zh",
            text: RESERVOIR_ZH,
            wants: reservoir_zh(),
            lang: "zh",
            labels: reservoir_zh_labels(),
        },
        TestText {
            name: "news_en",
            text: NEWS_EN,
            wants: news_en(),
            lang: "en",
            labels: news_en_labels(),
        },
        TestText {
            name: "news_zh",
            text: NEWS_ZH,
            wants: news_zh(),
            lang: "zh",
            labels: news_zh_labels(),
        },
        TestText {
            name: "holdout_en (not tuned on)",
            text: HOLDOUT_EN,
            wants: holdout_en(),
            lang: "en",
            labels: Vec::new(),
        },
        TestText {
            name: "holdout_zh (not tuned on)",
            text: HOLDOUT_ZH,
            wants: holdout_zh(),
            lang: "zh",
            labels: Vec::new(),
        },
    ]
}

/// Every reported figure of the embedded dataset, as the English test text restates it.
pub fn reported() -> Vec<Want> {
    let m = Model::embedded().expect("the embedded dataset is valid");
    m.dataset
        .figures
        .iter()
        .filter(|f| f.kind == FigureKind::Reported)
        .map(|f| Want {
            what: f.id.clone(),
            value: f.value,
            scale: f.scale,
            unit: f.unit.clone(),
            qualifier: f.qualifier,
            period: Some(f.period.clone()),
            paragraph: f
                .source
                .paragraph
                .expect("a reported figure has a paragraph"),
        })
        .collect()
}

/// The figures the English text adds to the case's own, one per wording it tries.
pub fn english_extras() -> Vec<Want> {
    use Period::*;
    use Qualifier::*;
    vec![
        w(
            "nearly + thousand + km²",
            2.6,
            Scale::Thousand,
            "km2",
            LessThan, // nearly falls short of 2.6 thousand
            Undated,
            3,
        ),
        w(
            "about + separator + mu",
            1500.0,
            Scale::One,
            "mu",
            About,
            Undated,
            3,
        ),
        w(
            "during 2016 (after the figure)",
            35.0,
            Scale::One,
            "ha",
            Exact,
            Year { year: 2016 },
            3,
        ),
        w(
            "approximately + cubic metres, 2014–2017",
            40000.0,
            Scale::One,
            "m3",
            About,
            Range {
                from: 2014,
                to: 2017,
            },
            5,
        ),
        w(
            "US$ + million, in 2019",
            2.5,
            Scale::Million,
            "USD",
            Exact,
            Year { year: 2019 },
            5,
        ),
        w(
            "more than + farmers (count noun)",
            12000.0,
            Scale::One,
            "{person}",
            MoreThan,
            Year { year: 2019 },
            5,
        ),
        w(
            "at least + households",
            640.0,
            Scale::One,
            "{household}",
            AtLeast,
            Present,
            5,
        ),
        w(
            "around + people",
            350.0,
            Scale::One,
            "{person}",
            About,
            Present,
            5,
        ),
        w(
            "under + percent (word)",
            3.0,
            Scale::One,
            "%",
            LessThan,
            Present,
            5,
        ),
        w("above + %", 90.0, Scale::One, "%", MoreThan, Undated, 5),
        w("below + %", 8.0, Scale::One, "%", LessThan, Undated, 5),
    ]
}

/// The Chinese test text, figure by figure: the case and every unit, scale and qualifier word.
pub fn chinese_cases() -> Vec<Want> {
    use Period::*;
    use Qualifier::*;
    use Scale::*;
    vec![
        w("万亩, 近年来", 410.0, Wan, "mu", Exact, RecentYears, 2),
        w(
            "千位分隔符 + 公顷",
            393333.0,
            One,
            "ha",
            Exact,
            RecentYears,
            2,
        ),
        w("目前 + 已超过 %", 21.0, One, "%", MoreThan, Present, 2),
        w(
            "比2002年 + 个百分点",
            10.0,
            One,
            "pp",
            Exact,
            Since { year: 2002 },
            2,
        ),
        w(
            "2014年以来 + 万元 (合计)",
            5136.0,
            Wan,
            "CNY",
            Exact,
            Since { year: 2014 },
            2,
        ),
        w(
            "其中 + 万元",
            445.0,
            Wan,
            "CNY",
            Exact,
            Since { year: 2014 },
            2,
        ),
        w(
            "全角数字 + 万人次, 2017年",
            140.0,
            Wan,
            "{visit}",
            Exact,
            Year { year: 2017 },
            3,
        ),
        w("亿元", 12.0, Yi, "CNY", Exact, Year { year: 2017 }, 3),
        w(
            "逾 + 中文数字三千 + 亩",
            3000.0,
            One,
            "mu",
            MoreThan,
            Undated,
            3,
        ),
        w(
            "两千 + 多 + 户",
            2000.0,
            One,
            "{household}",
            MoreThan,
            Undated,
            3,
        ),
        w("名", 310.0, One, "{person}", Exact, Undated, 4),
        w("全部为 → 100%", 100.0, One, "%", Exact, Undated, 4),
        w(
            "每人每年工资 → 元/人·年",
            1.0,
            Wan,
            "CNY/{person}/a",
            Exact,
            Undated,
            4,
        ),
        w(
            "2014—2017年 + 合计",
            5045.7,
            Wan,
            "CNY",
            Exact,
            Range {
                from: 2014,
                to: 2017,
            },
            4,
        ),
        w(
            "包括 … 、",
            9216.0,
            Wan,
            "CNY",
            Exact,
            Range {
                from: 2014,
                to: 2017,
            },
            4,
        ),
        w(
            "、 … 和",
            5576.0,
            Wan,
            "CNY",
            Exact,
            Range {
                from: 2014,
                to: 2017,
            },
            4,
        ),
        w(
            "和 …",
            35665.0,
            Wan,
            "CNY",
            Exact,
            Range {
                from: 2014,
                to: 2017,
            },
            4,
        ),
        w("约 + 万美元", 200.0, Wan, "USD", About, Undated, 4),
        w("由不足 % (起点)", 5.0, One, "%", LessThan, Undated, 5),
        w("提高到 % 以上", 70.0, One, "%", MoreThan, Present, 5),
        w("增至 万公顷", 340.0, Wan, "ha", Exact, Present, 5),
        w("万立方米", 470.0, Wan, "m3", Exact, Present, 5),
        w("超过 % (再次)", 21.0, One, "%", MoreThan, Present, 5),
        w(
            "近 + 万平方公里",
            1.2,
            Wan,
            "km2",
            LessThan, // 近 falls short of 1.2万
            Undated,
            5,
        ),
        w("% 以下", 3.0, One, "%", LessThan, Undated, 5),
        w(
            "人均 … 不到 + 元",
            800.0,
            One,
            "CNY/{person}",
            LessThan,
            Undated,
            5,
        ),
        w("约 + 千 + 立方米", 8.0, Thousand, "m3", About, Undated, 5),
        w("万人 + 左右", 1.5, Wan, "{person}", About, Undated, 5),
        w("中文数字九 + 名", 9.0, One, "{person}", Exact, Undated, 5),
        w(
            "约 + 万亿元 (记作亿的倍数)",
            11000.0,
            Yi,
            "CNY",
            About,
            Undated,
            5,
        ),
    ]
}

/// The watershed text, figure by figure (periods are not what it tests).
pub fn watershed_en() -> Vec<Want> {
    use Qualifier::*;
    use Scale::*;
    vec![
        n("count noun: villages", 46.0, One, "{village}", Exact, 1),
        n("hectares", 18500.0, One, "ha", Exact, 1),
        n("about + acres", 9200.0, One, "acre", About, 1),
        n("Rs + crore", 12.0, Crore, "INR", Exact, 1),
        n(
            "₹ + lakh + per village",
            3.5,
            Lakh,
            "INR/{village}",
            Exact,
            1,
        ),
        n(
            "check dams (declared unit)",
            1240.0,
            One,
            "{check-dam}",
            Exact,
            2,
        ),
        n("farm ponds (a word between)", 85.0, One, "{pond}", Exact, 2),
        n("open wells", 312.0, One, "{well}", Exact, 2),
        n("lakh + person-days", 31.0, Lakh, "{person-day}", Exact, 2),
        n("nearly + jobs", 2400.0, One, "{job}", LessThan, 2),
        n(
            "more than + self-help groups",
            600.0,
            One,
            "{self-help-group}",
            MoreThan,
            3,
        ),
        n("nurseries", 14.0, One, "{nursery}", Exact, 3),
        n(
            "up to + million saplings a year",
            2.0,
            Million,
            "{plant}/a",
            AtMost,
            3,
        ),
        n("about + metres", 1.8, One, "m", About, 3),
        n("less than + %", 20.0, One, "%", LessThan, 3),
        n("over + %", 45.0, One, "%", MoreThan, 3),
        n("hyphen: 500,000-hectare", 500000.0, One, "ha", Exact, 4),
        n("hyphen: 10-kW", 10.0, One, "kW", Exact, 4),
        n("tonnes annually", 90.0, One, "t/a", Exact, 4),
        n("Rs. + lakh", 45.0, Lakh, "INR", Exact, 4),
        n("almost + rupees a year", 4000.0, One, "INR/a", LessThan, 4),
        n(
            "₹ + hyphenated lakh crore",
            144000.0,
            Crore,
            "INR",
            Exact,
            5,
        ),
        n("about + % (of which)", 8.0, One, "%", About, 5),
        n("US$ + million", 5.0, Million, "USD", Exact, 5),
        n("hyphen: 1.2-million-dollar", 1.2, Million, "USD", Exact, 5),
        n("tonnes per hectare", 1.6, One, "t/ha", Exact, 5),
        n("tonnes", 0.9, One, "t", Exact, 5),
        n("KSh + per litre", 45.0, One, "KES/L", Exact, 6),
        n("Sh + million", 1.2, Million, "KES", Exact, 6),
        n("pesos per hectare a year", 300.0, One, "MXN/ha/a", Exact, 6),
        n("€", 250000.0, One, "EUR", Exact, 6),
    ]
}

/// The reservoir text, figure by figure (periods are not what it tests).
pub fn reservoir_zh() -> Vec<Want> {
    use Qualifier::*;
    use Scale::*;
    vec![
        n("水库3座 (名词在前)", 3.0, One, "{reservoir}", Exact, 1),
        n("打井12口", 12.0, One, "{well}", Exact, 1),
        n("淤地坝共46座", 46.0, One, "{check-dam}", Exact, 1),
        n("500多万亩", 500.0, Wan, "mu", MoreThan, 1),
        n("8千亩", 8.0, Thousand, "mu", Exact, 1),
        n("12口井 (名词在后)", 12.0, One, "{well}", Exact, 1),
        n("3座水库", 3.0, One, "{reservoir}", Exact, 1),
        n("30多亿元", 30.0, Yi, "CNY", MoreThan, 2),
        n("8400余万元", 8400.0, Wan, "CNY", MoreThan, 2),
        n("300多万块钱", 300.0, Wan, "CNY", MoreThan, 2),
        n("260万株", 260.0, Wan, "{plant}", Exact, 3),
        n("苗圃5个", 5.0, One, "{nursery}", Exact, 3),
        n("约占…的18%", 18.0, One, "%", About, 3),
        n("每亩补贴300元", 300.0, One, "CNY/mu", Exact, 3),
        n("每年…近50万元", 50.0, Wan, "CNY/a", LessThan, 3),
        n("2000余户 (像年份)", 2000.0, One, "{household}", MoreThan, 4),
        n("就业岗位1,500个", 1500.0, One, "{job}", Exact, 4),
        n(
            "人均年增收约1200元",
            1200.0,
            One,
            "CNY/{person}/a",
            About,
            4,
        ),
        n("1.5兆瓦", 1.5, One, "MW", Exact, 5),
        n("每年发电约200万千瓦时", 200.0, Wan, "kW.h/a", About, 5),
        n("120吨", 120.0, One, "t", Exact, 5),
    ]
}

/// Held out: written after the drafter's words were settled and never tuned on, so its score
/// says how the drafter does on a text it has not seen. Expected as a reviewer would write.
pub fn holdout_en() -> Vec<Want> {
    use Qualifier::*;
    use Scale::*;
    vec![
        n("sand dams", 27.0, One, "{dam}", Exact, 1),
        n("roughly + cubic metres", 8000.0, One, "m3", About, 1),
        n("20-litre", 20.0, One, "L", Exact, 1),
        n("KSh 5", 5.0, One, "KES", Exact, 1),
        n("KSh 30", 30.0, One, "KES", Exact, 1),
        n("some + households", 4300.0, One, "{household}", About, 1),
        n("within 2 km", 2.0, One, "km", AtMost, 1),
        n(
            "fewer than 900 (households implied)",
            900.0,
            One,
            "{household}",
            LessThan,
            1,
        ),
        n("KES + million", 96.0, Million, "KES", Exact, 2),
        n("70%", 70.0, One, "%", Exact, 2),
        n(
            "over + tree seedlings",
            150000.0,
            One,
            "{plant}",
            MoreThan,
            2,
        ),
        n("nurseries", 11.0, One, "{nursery}", Exact, 2),
        n("about + people", 1200.0, One, "{person}", About, 2),
        n("Sh + a year", 40000.0, One, "KES/a", Exact, 2),
        n("hectares", 3500.0, One, "ha", Exact, 3),
        n(
            "MXN per hectare annually",
            1100.0,
            One,
            "MXN/ha/a",
            Exact,
            3,
        ),
        n("up to + jobs", 60.0, One, "{job}", AtMost, 3),
    ]
}

/// Held out, in Chinese (see `holdout_en`).
pub fn holdout_zh() -> Vec<Want> {
    use Qualifier::*;
    use Scale::*;
    vec![
        n("光伏电站14座", 14.0, One, "{station}", Exact, 1),
        n("约3.2兆瓦", 3.2, One, "MW", About, 1),
        n("年收益260余万元", 260.0, Wan, "CNY/a", MoreThan, 1),
        n("1100多户", 1100.0, One, "{household}", MoreThan, 1),
        n("800余头", 800.0, One, "{head}", MoreThan, 2),
        n("2万多只", 2.0, Wan, "{head}", MoreThan, 2),
        n("300多名", 300.0, One, "{person}", MoreThan, 2),
        n("人均日工资约120元", 120.0, One, "CNY/{person}/d", About, 2),
        n("12公里", 12.0, One, "km", Exact, 3),
        n("机电井20眼", 20.0, One, "{well}", Exact, 3),
        n("每眼井…150亩", 150.0, One, "mu/{well}", Exact, 3),
    ]
}

/// The English news text: a reviewer's figures.
pub fn news_en() -> Vec<Want> {
    use Qualifier::*;
    use Scale::*;
    vec![
        w(
            "forest farms spanning",
            93000.0,
            One,
            "ha",
            Exact,
            Period::Present,
            3,
        ),
        w(
            "forest cover this year",
            68.0,
            One,
            "%",
            Exact,
            Period::Year { year: 2026 },
            3,
        ),
        w(
            "generating (In 2017, …)",
            600.0,
            Million,
            "CNY",
            Exact,
            Period::Year { year: 2017 },
            4,
        ),
        w(
            "spent on rangers (In 2017, …)",
            4.3,
            Billion,
            "CNY",
            Exact,
            Period::Year { year: 2017 },
            4,
        ),
        n("by selling carbon credits", 14.88, Million, "CNY", Exact, 5),
        n("some + households", 13.0, Million, "{household}", About, 6),
        n(
            "of which + households",
            2.1,
            Million,
            "{household}",
            Exact,
            6,
        ),
        n("a subsidy of … per year", 12000.0, One, "CNY/a", Exact, 7),
        n("local rangers", 850.0, One, "{person}", Exact, 7),
        w(
            "tourism revenue annually",
            230.0,
            Million,
            "CNY/a",
            Exact,
            Period::Present,
            8,
        ),
    ]
}

pub fn news_en_labels() -> Vec<LabelWant> {
    vec![
        lw("93,000", &["forest", "farm"]),
        lw("68", &["forest", "cover"]),
        lw("600", &["carbon", "credits"]),
        lw("4.3", &["rangers"]),
        lw("14.88", &["carbon", "credits"]),
        lw("13", &["households", "cropland"]),
        lw("2.1", &["households", "mountain"]),
        lw("12,000", &["subsidy"]),
        lw("850", &["rangers"]),
        lw("230", &["tourism", "revenue"]),
    ]
}

/// The Chinese news text: a reviewer's figures.
pub fn news_zh() -> Vec<Want> {
    use Qualifier::*;
    use Scale::*;
    vec![
        n("标题：护林员850人", 850.0, One, "{person}", Exact, 0),
        n("林场面积达9.3万公顷", 9.3, Wan, "ha", Exact, 2),
        n("森林覆盖率为75%", 75.0, One, "%", Exact, 2),
        w(
            "今年…收入1488万元",
            1488.0,
            Wan,
            "CNY",
            Exact,
            Period::Year { year: 2026 },
            3,
        ),
        w(
            "今年…就业人数达1200人",
            1200.0,
            One,
            "{person}",
            Exact,
            Period::Year { year: 2026 },
            3,
        ),
        w("每年…4.3亿元", 4.3, Yi, "CNY/a", Exact, Period::Present, 4),
        w(
            "2017年，…13万户",
            13.0,
            Wan,
            "{household}",
            Exact,
            Period::Year { year: 2017 },
            5,
        ),
        w(
            "其中…2.1万户",
            2.1,
            Wan,
            "{household}",
            Exact,
            Period::Year { year: 2017 },
            5,
        ),
        n("投入3600余万元", 3600.0, Wan, "CNY", MoreThan, 6),
        n("基地面积达2000亩", 2000.0, One, "mu", Exact, 6),
    ]
}

pub fn news_zh_labels() -> Vec<LabelWant> {
    vec![
        lw("850", &["护林员"]),
        lw("9.3", &["林场面积"]),
        lw("75", &["森林覆盖率"]),
        lw("1488", &["碳汇收入"]),
        lw("1200", &["就业人数"]),
        lw("4.3", &["护林资金"]),
        lw("13", &["退耕还林", "农户"]),
        lw("2.1", &["山区农户"]),
        lw("3600", &["投入资金"]),
        lw("2000", &["基地", "面积"]),
    ]
}

/// Labels of the watershed text: what each figure measures, as a reviewer would name it.
pub fn watershed_en_labels() -> Vec<LabelWant> {
    vec![
        lw("18,500", &["farmland"]),
        lw("9,200", &["grazing land"]),
        lw("12", &["outlay"]),
        lw("3.5", &["upkeep"]),
        lw("31", &["work"]),
        lw("2,400", &["jobs"]),
        lw("2", &["saplings"]),
        lw("1.8", &["water table"]),
        lw("45", &["second crop"]),
        lw("90", &["diesel"]),
        lw("4,000", &["fuel"]),
        lw("8", &["water works"]),
        lw("1.6", &["sorghum yields"]),
    ]
}

/// Labels of the reservoir text.
pub fn reservoir_zh_labels() -> Vec<LabelWant> {
    vec![
        lw("3", &["水库"]),
        lw("46", &["淤地坝"]),
        lw("500", &["水土流失"]),
        lw("30", &["投入"]),
        lw("8400", &["总投资"]),
        lw("300", &["自筹"]),
        lw("260", &["苗木"]),
        lw("18", &["林木"]),
    ]
}

// ------------------------------------------------------------------ real cases, held out

/// A published text and the dataset a person wrote from it by hand: `data/kezuohou.json` with
/// `tests/fixtures/case_study_2_11.txt` (the case the drafter was tuned on: `kezuohou_en` and
/// `kezuohou_zh` restate its figures), and each real case of `data/cases/` with its saved source
/// `tests/fixtures/cases/<id>.txt`. The real cases came after the drafter's word tables were
/// settled (`git log -- src/model/extract`: no change to how figures are read since they were
/// added), so they are held out: the drafter was never tuned on them.
pub struct RealCase {
    pub name: String,
    pub text: String,
    pub model: Model,
    /// Whether the drafter was tuned on this case's figures.
    pub tuned_on: bool,
}

fn read(path: &std::path::Path) -> String {
    std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// The tuned-on case first, then the held-out real cases by file name.
pub fn real_cases() -> Vec<RealCase> {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let load = |json: &std::path::Path| {
        Model::from_json(&read(json)).unwrap_or_else(|e| panic!("{}: {e:?}", json.display()))
    };
    let mut out = vec![RealCase {
        name: "kezuohou".into(),
        text: read(&root.join("tests/fixtures/case_study_2_11.txt")),
        model: load(&root.join("data/kezuohou.json")),
        tuned_on: true,
    }];
    let mut files: Vec<_> = std::fs::read_dir(root.join("data/cases"))
        .expect("data/cases")
        .map(|e| e.expect("entry").path())
        .filter(|p| p.extension().is_some_and(|x| x == "json"))
        .collect();
    files.sort();
    for json in files {
        let name = json
            .file_stem()
            .and_then(|s| s.to_str())
            .expect("a file name")
            .to_string();
        let text = read(&root.join(format!("tests/fixtures/cases/{name}.txt")));
        out.push(RealCase {
            name,
            text,
            model: load(&json),
            tuned_on: false,
        });
    }
    out
}

/// How a draft of a real text compares with the reported figures of its hand-checked dataset.
#[derive(Debug, Clone, Copy, Default)]
pub struct CaseScore {
    /// Reported figures of the dataset, and drafted figures.
    pub reported: usize,
    pub drafted: usize,
    /// Reported figures a drafted figure reads.
    pub found: usize,
    /// Drafted figures whose number stands inside some figure's quote: numbers the dataset's
    /// author recorded, which the draft should read right.
    pub drafted_in_quotes: usize,
}

impl CaseScore {
    /// Found over drafted. A lower bound: a dataset leaves out numbers a draft rightly reads
    /// (a second mention, a figure the author found beside the point).
    pub fn precision(&self) -> f64 {
        self.found as f64 / self.drafted.max(1) as f64
    }
    /// Found over drafted numbers that the dataset quotes: of the numbers both took, the share
    /// the draft read with the dataset's value and a compatible unit.
    pub fn quoted_precision(&self) -> f64 {
        self.found as f64 / self.drafted_in_quotes.max(1) as f64
    }
    pub fn recall(&self) -> f64 {
        self.found as f64 / self.reported.max(1) as f64
    }
    pub fn add(self, o: CaseScore) -> CaseScore {
        CaseScore {
            reported: self.reported + o.reported,
            drafted: self.drafted + o.drafted,
            found: self.found + o.found,
            drafted_in_quotes: self.drafted_in_quotes + o.drafted_in_quotes,
        }
    }
}

/// Where a reported figure's quote stands in the text: the byte range of its first occurrence
/// in the paragraph it names (paragraphs are the non-empty lines, from 0, as the explorer and
/// `tests/model_cases.rs` number them).
fn quote_span(text: &str, paragraph: u32, quote: &str) -> Option<std::ops::Range<usize>> {
    let mut at = 0;
    let mut n = 0;
    for line in text.split_inclusive('\n') {
        let start = at;
        at += line.len();
        if line.trim().is_empty() {
            continue;
        }
        if n == paragraph {
            let i = line.find(quote)?;
            return Some(start + i..start + i + quote.len());
        }
        n += 1;
    }
    None
}

/// A reported figure is found when a drafted figure (each used once)
/// - has its number's digits inside the figure's quote where it stands in the text,
/// - says the same number once scaled (value × scale; when the units are the same dimension,
///   after converting the draft's unit to the dataset's), to 1 part in 10⁶,
/// - in a compatible unit: the same dimensions with money of any currency (the dataset may read
///   "$" as another currency than the draft), or a count of any thing (`{tree}`, `{plant}`).
///
/// Qualifier, period and paragraph are not asked for: the quote's place stands for the last two.
pub fn case_score(c: &RealCase, d: &Draft, print: bool) -> CaseScore {
    use case_explorer::model::units::convert;
    let say = |line: String| {
        if print {
            println!("{line}");
        }
    };
    let reported: Vec<_> = c
        .model
        .dataset
        .figures
        .iter()
        .filter(|f| matches!(f.kind, FigureKind::Reported))
        .collect();
    let quotes: Vec<_> = c
        .model
        .dataset
        .figures
        .iter()
        .filter_map(|f| quote_span(&d.text, f.source.paragraph?, f.source.quote.as_deref()?))
        .collect();
    let inside = |f: &DraftFigure, q: &std::ops::Range<usize>| {
        q.start <= f.number.start && f.number.end <= q.end
    };
    let mut used = vec![false; d.figures.len()];
    let mut found = 0;
    say(format!(
        "== {} ({}): {} reported, {} drafted",
        c.name,
        if c.tuned_on { "tuned on" } else { "held out" },
        reported.len(),
        d.figures.len()
    ));
    for f in &reported {
        let span = f
            .source
            .paragraph
            .zip(f.source.quote.as_deref())
            .and_then(|(p, q)| quote_span(&d.text, p, q));
        let Some(span) = span else {
            say(format!(
                "  NOQUOTE {} (its quote is not in its paragraph)",
                f.id
            ));
            continue;
        };
        let want = f.value * f.scale.factor();
        let unit = c.model.unit(&f.unit);
        let reads = |g: &DraftFigure| {
            let Some(unit) = &unit else { return false };
            let got = g.value * g.scale.factor();
            let same = |a: f64| (a - want).abs() <= 1e-6 * want.abs().max(1e-9);
            let counts = g.unit.code().starts_with('{') && unit.code().starts_with('{');
            if g.unit.dims() == unit.dims() {
                convert(got, &g.unit, unit).is_some_and(same)
            } else {
                (g.unit.dims().same_shape(unit.dims()) || counts) && same(got)
            }
        };
        let hit = (0..d.figures.len())
            .find(|&i| !used[i] && inside(&d.figures[i], &span) && reads(&d.figures[i]));
        match hit {
            Some(i) => {
                used[i] = true;
                found += 1;
                let g = &d.figures[i];
                say(format!(
                    "  ok    {:<32} ← “{}” = {} {:?} {}",
                    f.id,
                    &d.text[g.span.clone()],
                    g.value,
                    g.scale,
                    g.unit.code()
                ));
            }
            None => say(format!(
                "  MISS  {:<32} {} {:?} {} in “{}”",
                f.id, f.value, f.scale, f.unit, &d.text[span]
            )),
        }
    }
    let mut drafted_in_quotes = 0;
    for (i, g) in d.figures.iter().enumerate() {
        let quoted = quotes.iter().any(|q| inside(g, q));
        drafted_in_quotes += usize::from(quoted);
        if !used[i] {
            say(format!(
                "  {} “{}” = {} {:?} {} ¶{}",
                if quoted { "WRONG" } else { "EXTRA" },
                &d.text[g.span.clone()],
                g.value,
                g.scale,
                g.unit.code(),
                g.paragraph
            ));
        }
    }
    let s = CaseScore {
        reported: reported.len(),
        drafted: d.figures.len(),
        found,
        drafted_in_quotes,
    };
    say(format!(
        "  precision {:.3} (on quoted numbers {:.3})  recall {:.3}",
        s.precision(),
        s.quoted_precision(),
        s.recall()
    ));
    s
}
