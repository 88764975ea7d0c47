#![cfg(not(target_arch = "wasm32"))]
//! The embedded dataset against the source text: every quantitative statement of Case Study 2.11
//! is a figure with the right value, scale, unit, qualifier, period, channel and paragraph, and
//! every quote is found, word for word, in the paragraph it is traced to.
//!
//! The source text is a copy in `tests/fixtures/` so that no test reads outside the project.

use case_explorer::model::Lang;
use case_explorer::model::{
    Figure, FigureKind, Model, Period, Qualifier, Scale, Unit, EMBEDDED_JSON,
};

const SOURCE: &str = include_str!("fixtures/case_study_2_11.txt");

fn model() -> Model {
    Model::embedded().expect("the embedded dataset is valid")
}

/// Paragraph `n` of the source text: 0 is the title line, 1 the setting, 2–4 the three
/// channels, 5 the results.
fn paragraph(n: u32) -> &'static str {
    let paragraphs: Vec<&str> = SOURCE
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .collect();
    assert_eq!(
        paragraphs.len(),
        6,
        "the source has a title line and five paragraphs"
    );
    paragraphs[n as usize]
}

fn figure<'a>(m: &'a Model, id: &str) -> &'a Figure {
    m.figure(id)
        .unwrap_or_else(|| panic!("figure {id} is missing from the dataset"))
}

/// What the text says about one number.
struct Expect {
    id: &'static str,
    value: f64,
    scale: Scale,
    unit: Unit,
    qualifier: Qualifier,
    period: Period,
    channel: Option<&'static str>,
    paragraph: u32,
    quote: &'static str,
}

#[allow(clippy::too_many_arguments)]
fn e(
    id: &'static str,
    value: f64,
    scale: Scale,
    unit: Unit,
    qualifier: Qualifier,
    period: Period,
    channel: Option<&'static str>,
    paragraph: u32,
    quote: &'static str,
) -> Expect {
    Expect {
        id,
        value,
        scale,
        unit,
        qualifier,
        period,
        channel,
        paragraph,
        quote,
    }
}

fn expected() -> Vec<Expect> {
    use Period::*;
    use Qualifier::*;
    let p = Some("participation");
    let ei = Some("eco_industries");
    let pt = Some("policy_transfers");
    let range = Range {
        from: 2014,
        to: 2017,
    };
    vec![
        e(
            "desert_treated_area",
            273_333.0,
            Scale::One,
            Unit::builtin("ha"),
            Exact,
            RecentYears,
            p,
            2,
            "273,333 hectares",
        ),
        e(
            "forestry_land_area",
            393_333.0,
            Scale::One,
            Unit::builtin("ha"),
            Exact,
            RecentYears,
            p,
            2,
            "393,333 hectares",
        ),
        e(
            "forest_cover_rate",
            21.0,
            Scale::One,
            Unit::builtin("%"),
            MoreThan,
            Present,
            p,
            2,
            "exceeded 21%",
        ),
        e(
            "forest_cover_gain",
            10.0,
            Scale::One,
            Unit::builtin("pp"),
            Exact,
            Since { year: 2002 },
            p,
            2,
            "an increase of 10 percentage points over 2002",
        ),
        e(
            "income_gain_all",
            51.36,
            Scale::Million,
            Unit::builtin("CNY"),
            Exact,
            Since { year: 2014 },
            p,
            2,
            "51.36 million yuan",
        ),
        e(
            "income_gain_poor",
            4.45,
            Scale::Million,
            Unit::builtin("CNY"),
            Exact,
            Since { year: 2014 },
            p,
            2,
            "4.45 million yuan",
        ),
        e(
            "tourists_2017",
            1.4,
            Scale::Million,
            Unit::builtin("{visit}"),
            Exact,
            Year { year: 2017 },
            ei,
            3,
            "1.4 million tourists",
        ),
        e(
            "tourism_income_2017",
            1.2,
            Scale::Billion,
            Unit::builtin("CNY"),
            Exact,
            Year { year: 2017 },
            ei,
            3,
            "1.2 billion yuan",
        ),
        e(
            "forest_guards",
            310.0,
            Scale::One,
            Unit::builtin("{person}"),
            Exact,
            Undated,
            pt,
            4,
            "A total of 310 ecological forest guards",
        ),
        e(
            "guards_poor_share",
            100.0,
            Scale::One,
            Unit::builtin("%"),
            Exact,
            Undated,
            pt,
            4,
            "all of whom were poor people registered",
        ),
        e(
            "guard_salary",
            10_000.0,
            Scale::One,
            Unit::builtin("CNY/{person}/a"),
            Exact,
            Undated,
            pt,
            4,
            "an annual salary of 10,000 yuan",
        ),
        e(
            "subsidy_total",
            50.457,
            Scale::Million,
            Unit::builtin("CNY"),
            Exact,
            range.clone(),
            pt,
            4,
            "totaling 50.457 million yuan",
        ),
        e(
            "subsidy_farmland_to_forest",
            92.16,
            Scale::Million,
            Unit::builtin("CNY"),
            Exact,
            range.clone(),
            pt,
            4,
            "92.16 million yuan",
        ),
        e(
            "subsidy_public_forest",
            55.76,
            Scale::Million,
            Unit::builtin("CNY"),
            Exact,
            range.clone(),
            pt,
            4,
            "55.76 million yuan",
        ),
        e(
            "subsidy_grassland",
            356.65,
            Scale::Million,
            Unit::builtin("CNY"),
            Exact,
            range,
            pt,
            4,
            "356.65 million yuan",
        ),
        e(
            "vegetation_cover_before",
            5.0,
            Scale::One,
            Unit::builtin("%"),
            LessThan,
            Undated,
            None,
            5,
            "from less than 5%",
        ),
        e(
            "vegetation_cover_now",
            70.0,
            Scale::One,
            Unit::builtin("%"),
            MoreThan,
            Present,
            None,
            5,
            "to over 70%",
        ),
        e(
            "forest_land_area",
            3.4,
            Scale::Million,
            Unit::builtin("ha"),
            Exact,
            Present,
            None,
            5,
            "3.4 million hectares",
        ),
        e(
            "timber_stock",
            4.7,
            Scale::Million,
            Unit::builtin("m3"),
            Exact,
            Present,
            None,
            5,
            "4.7 million m3",
        ),
        e(
            "forest_cover_rate_results",
            21.0,
            Scale::One,
            Unit::builtin("%"),
            MoreThan,
            Present,
            None,
            5,
            "the forest coverage rate exceeded 21%",
        ),
    ]
}

#[test]
fn every_statement_of_the_text_is_a_figure_with_the_right_attributes() {
    let m = model();
    for x in expected() {
        let f = figure(&m, x.id);
        let id = x.id;
        assert_eq!(f.value, x.value, "{id}: value");
        assert_eq!(f.scale, x.scale, "{id}: scale");
        assert_eq!(f.unit, x.unit.code(), "{id}: unit");
        assert_eq!(f.qualifier, x.qualifier, "{id}: qualifier");
        assert_eq!(f.period, x.period, "{id}: period");
        assert_eq!(f.channel.as_deref(), x.channel, "{id}: channel");
        assert_eq!(f.kind, FigureKind::Reported, "{id}: kind");
        assert_eq!(f.source.paragraph, Some(x.paragraph), "{id}: paragraph");
        assert_eq!(f.source.quote.as_deref(), Some(x.quote), "{id}: quote");
        assert!(
            f.source.external.is_none(),
            "{id}: a reported figure has no external source"
        );
    }
}

#[test]
fn the_dataset_has_no_reported_figure_the_text_does_not_state() {
    let m = model();
    let expected: Vec<&str> = expected().iter().map(|x| x.id).collect();
    let reported: Vec<&str> = m
        .dataset
        .figures
        .iter()
        .filter(|f| f.kind == FigureKind::Reported)
        .map(|f| f.id.as_str())
        .collect();
    assert_eq!(reported, expected, "reported figures, in text order");
}

#[test]
fn every_quote_occurs_in_its_own_paragraph_of_the_source() {
    let m = model();
    for f in m
        .dataset
        .figures
        .iter()
        .filter(|f| f.kind == FigureKind::Reported)
    {
        let quote = f
            .source
            .quote
            .as_deref()
            .expect("a reported figure has a quote");
        let n = f
            .source
            .paragraph
            .expect("a reported figure has a paragraph");
        assert!(
            paragraph(n).contains(quote),
            "{}: quote {quote:?} is not in paragraph {n}",
            f.id
        );
    }
}

/// The numbers written in a text, as (value, text): "273,333" → 273333. A digit glued to a
/// letter ("m3") is part of a word, not a number.
fn numbers(text: &str) -> Vec<(f64, String)> {
    let chars: Vec<char> = text.chars().collect();
    let mut out = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        if chars[i].is_ascii_digit() && (i == 0 || !chars[i - 1].is_alphanumeric()) {
            let start = i;
            while i < chars.len()
                && (chars[i].is_ascii_digit()
                    || ((chars[i] == ',' || chars[i] == '.')
                        && i + 1 < chars.len()
                        && chars[i + 1].is_ascii_digit()))
            {
                i += 1;
            }
            let s: String = chars[start..i].iter().collect();
            let v: f64 = s.replace(',', "").parse().expect("a number");
            out.push((v, s));
        } else {
            i += 1;
        }
    }
    out
}

#[test]
fn every_number_in_the_text_is_a_figure_a_date_or_the_case_number() {
    let m = model();
    let reported: Vec<&Figure> = m
        .dataset
        .figures
        .iter()
        .filter(|f| f.kind == FigureKind::Reported)
        .collect();
    for n in 0..=5u32 {
        let text = paragraph(n);
        for (v, s) in numbers(text) {
            let is_case_number = n == 0 && s == "2.11";
            let is_year = matches!(v as i64, 2002 | 2014 | 2017) && v.fract() == 0.0;
            let in_a_quote = reported.iter().any(|f| {
                f.source.paragraph == Some(n)
                    && f.source
                        .quote
                        .as_deref()
                        .is_some_and(|q| numbers(q).iter().any(|(qv, _)| *qv == v))
            });
            assert!(
                is_case_number || is_year || in_a_quote,
                "paragraph {n}: the number {s} is not traced to any figure"
            );
        }
    }
    // The numbers in the text, in order, so that a new one cannot slip through unnoticed.
    let all: Vec<String> = (0..=5)
        .flat_map(|n| numbers(paragraph(n)))
        .map(|(_, s)| s)
        .collect();
    assert_eq!(
        all,
        [
            "2.11", "273,333", "393,333", "21", "10", "2002", "2014", "51.36", "4.45", "2017",
            "1.4", "1.2", "310", "10,000", "2014", "2017", "50.457", "92.16", "55.76", "356.65",
            "5", "70", "3.4", "4.7", "21"
        ]
    );
}

#[test]
fn the_value_scale_unit_and_qualifier_agree_with_the_words_of_the_quote() {
    let m = model();
    for f in m
        .dataset
        .figures
        .iter()
        .filter(|f| f.kind == FigureKind::Reported)
    {
        let q = f.source.quote.as_deref().unwrap();
        let id = &f.id;
        match numbers(q).first() {
            Some((v, _)) => assert_eq!(*v, f.value, "{id}: the quote's number"),
            // "all of whom were poor people registered"
            None => assert_eq!((id.as_str(), f.value), ("guards_poor_share", 100.0)),
        }
        let scale = if q.contains("billion") {
            Scale::Billion
        } else if q.contains("million") {
            Scale::Million
        } else {
            Scale::One
        };
        assert_eq!(f.scale, scale, "{id}: scale from {q:?}");
        if q.contains("hectares") {
            assert_eq!(f.unit, "ha", "{id}");
        }
        if q.contains('%') {
            assert_eq!(f.unit, "%", "{id}");
        }
        if q.contains("yuan") && !q.contains("annual salary") {
            assert_eq!(f.unit, "CNY", "{id}");
        }
        let qualifier = if q.contains("exceeded") || q.contains("over 70") {
            Qualifier::MoreThan
        } else if q.contains("less than") {
            Qualifier::LessThan
        } else {
            Qualifier::Exact
        };
        assert_eq!(f.qualifier, qualifier, "{id}: qualifier from {q:?}");
    }
}

#[test]
fn bounds_are_bounds_not_points() {
    let m = model();
    assert_eq!(
        figure(&m, "forest_cover_rate").qualifier,
        Qualifier::MoreThan
    );
    assert_eq!(
        figure(&m, "vegetation_cover_before").qualifier,
        Qualifier::LessThan
    );
    assert_eq!(
        figure(&m, "vegetation_cover_now").qualifier,
        Qualifier::MoreThan
    );
    assert_eq!(
        figure(&m, "forest_cover_rate_results").qualifier,
        Qualifier::MoreThan
    );
    for id in [
        "forest_cover_rate",
        "vegetation_cover_now",
        "forest_cover_rate_results",
    ] {
        let q = m.quantity(id).unwrap();
        assert!(
            q.value.hi.is_infinite() && q.value.lo_open,
            "{id}: {:?}",
            q.value
        );
    }
    let before = m.quantity("vegetation_cover_before").unwrap().value;
    assert_eq!((before.lo, before.hi, before.hi_open), (0.0, 5.0, true));
}

#[test]
fn periods_name_only_years_the_text_names() {
    let m = model();
    for f in m
        .dataset
        .figures
        .iter()
        .filter(|f| f.kind == FigureKind::Reported)
    {
        let text = paragraph(f.source.paragraph.unwrap());
        let years: Vec<i32> = match f.period {
            Period::Year { year } | Period::Since { year } => vec![year],
            Period::Range { from, to } => vec![from, to],
            Period::RecentYears | Period::Present | Period::Undated => vec![],
        };
        for y in years {
            assert!(
                text.contains(&y.to_string()),
                "{}: year {y} is not in its paragraph (a guessed year?)",
                f.id
            );
        }
    }
    // The sentences that carry a date.
    assert!(paragraph(2).contains("in recent years, the comprehensive treatment"));
    assert!(paragraph(2).contains("Since 2014"));
    assert!(paragraph(3).contains("In 2017, 1.4 million tourists"));
    assert!(paragraph(4).contains("From 2014 to 2017, ecological subsidies"));
    assert!(paragraph(5).contains("At present, the vegetation coverage rate"));
    // "at present" and "recent years" stay undated.
    for id in ["vegetation_cover_now", "forest_land_area", "timber_stock"] {
        assert_eq!(figure(&m, id).period, Period::Present, "{id}");
    }
    for id in ["desert_treated_area", "forestry_land_area"] {
        assert_eq!(figure(&m, id).period, Period::RecentYears, "{id}");
    }
}

#[test]
fn paragraphs_and_channels_follow_the_text() {
    let m = model();
    let ns: Vec<u32> = m.dataset.paragraphs.iter().map(|p| p.n).collect();
    assert_eq!(ns, [0, 1, 2, 3, 4, 5]);
    assert!(paragraph(0).starts_with("Case Study 2.11"));
    assert!(paragraph(1).starts_with("Located in the hinterland of Horqin Desert"));
    assert!(paragraph(2).starts_with("The first is"));
    assert!(paragraph(3).starts_with("The second is"));
    assert!(paragraph(4).starts_with("The third is"));
    assert!(paragraph(5).starts_with("Through various efforts"));
    let channels: Vec<(&str, u32)> = m
        .dataset
        .channels
        .iter()
        .map(|c| (c.id.as_str(), c.paragraph))
        .collect();
    assert_eq!(
        channels,
        [
            ("participation", 2),
            ("eco_industries", 3),
            ("policy_transfers", 4)
        ]
    );
    // A reported figure of a channel paragraph belongs to that channel; results have none.
    for f in m
        .dataset
        .figures
        .iter()
        .filter(|f| f.kind == FigureKind::Reported)
    {
        let n = f.source.paragraph.unwrap();
        let channel = m
            .dataset
            .channels
            .iter()
            .find(|c| c.paragraph == n)
            .map(|c| c.id.as_str());
        assert_eq!(f.channel.as_deref(), channel, "{}", f.id);
    }
    for ms in &m.dataset.measures {
        let channel = m.channel(ms.channel.as_deref().unwrap()).unwrap();
        assert_eq!(channel.paragraph, ms.paragraph, "measure {}", ms.id);
    }
}

#[test]
fn the_repeated_forest_cover_figure_is_marked_as_a_repeat() {
    let m = model();
    let first = figure(&m, "forest_cover_rate");
    let again = figure(&m, "forest_cover_rate_results");
    assert_eq!(again.repeats.as_deref(), Some("forest_cover_rate"));
    assert_eq!(first.repeats, None);
    assert_eq!(
        (first.value, first.qualifier, &first.unit),
        (again.value, again.qualifier, &again.unit)
    );
    assert_eq!(
        (first.source.paragraph, again.source.paragraph),
        (Some(2), Some(5))
    );
    assert_eq!(paragraph(2).matches("exceeded 21%").count(), 1);
    assert_eq!(paragraph(5).matches("exceeded 21%").count(), 1);
    let repeats: Vec<&str> = m
        .dataset
        .figures
        .iter()
        .filter(|f| f.repeats.is_some())
        .map(|f| f.id.as_str())
        .collect();
    assert_eq!(
        repeats,
        ["forest_cover_rate_results"],
        "only one figure is stated twice"
    );
}

#[test]
fn context_figures_are_marked_external_with_a_source() {
    let m = model();
    let context: Vec<(&str, f64, &str, Qualifier, Period)> = vec![
        (
            "banner_area",
            11_500.0,
            "km2",
            Qualifier::About,
            Period::Undated,
        ),
        (
            "banner_population",
            321_438.0,
            "{person}",
            Qualifier::Exact,
            Period::Year { year: 2020 },
        ),
        (
            "horqin_sandy_land_area",
            50_000.0,
            "km2",
            Qualifier::MoreThan,
            Period::Undated,
        ),
        (
            "tongliao_area",
            59_535.0,
            "km2",
            Qualifier::Exact,
            Period::Undated,
        ),
        (
            "cny_per_usd_2014",
            6.1428,
            "CNY/USD",
            Qualifier::Exact,
            Period::Year { year: 2014 },
        ),
        (
            "cny_per_usd_2015",
            6.2284,
            "CNY/USD",
            Qualifier::Exact,
            Period::Year { year: 2015 },
        ),
        (
            "cny_per_usd_2016",
            6.6423,
            "CNY/USD",
            Qualifier::Exact,
            Period::Year { year: 2016 },
        ),
        (
            "cny_per_usd_2017",
            6.7518,
            "CNY/USD",
            Qualifier::Exact,
            Period::Year { year: 2017 },
        ),
    ];
    for (id, value, unit, qualifier, period) in &context {
        let f = figure(&m, id);
        assert_eq!(f.kind, FigureKind::Context, "{id}");
        assert_eq!(
            (f.value * f.scale.factor(), f.unit.as_str()),
            (*value, *unit),
            "{id}"
        );
        assert_eq!(f.qualifier, *qualifier, "{id}");
        assert_eq!(&f.period, period, "{id}");
        assert!(
            f.source
                .external
                .as_deref()
                .is_some_and(|s| !s.trim().is_empty()),
            "{id}: a context figure names its external source"
        );
        assert_eq!(
            f.source.paragraph, None,
            "{id}: not traced to the case study"
        );
        assert_eq!(f.source.quote, None, "{id}: no quote from the case study");
        assert_eq!(f.channel, None, "{id}");
    }
    let n_context = m
        .dataset
        .figures
        .iter()
        .filter(|f| f.kind == FigureKind::Context)
        .count();
    assert_eq!(n_context, context.len());
    // The banner's area: about 11,500 km², the spread covering 11,476 and 11,570.
    let area = m.quantity("banner_area").unwrap().value;
    assert!(area.lo <= 11_476.0 && area.hi >= 11_570.0, "{area:?}");
    assert!(figure(&m, "banner_area")
        .source
        .external
        .as_deref()
        .unwrap()
        .contains("Wikipedia"));
}

#[test]
fn the_embedded_json_is_the_data_file() {
    assert_eq!(EMBEDDED_JSON, include_str!("../data/kezuohou.json"));
    let m = model();
    assert_eq!(
        m.dataset.format_version,
        case_explorer::model::FORMAT_VERSION
    );
    assert_eq!(m.dataset.case.id, "case-2.11-kezuohou");
    assert!(m
        .dataset
        .case
        .citation
        .get(Lang::En)
        .contains("Case Study 2.11"));
    // Labels come in both languages.
    for f in &m.dataset.figures {
        assert!(
            !f.label.get(Lang::En).trim().is_empty() && !f.label.get(Lang::Zh).trim().is_empty(),
            "{}",
            f.id
        );
        assert!(
            !f.source.note.get(Lang::En).trim().is_empty()
                && !f.source.note.get(Lang::Zh).trim().is_empty(),
            "{}",
            f.id
        );
    }
}
