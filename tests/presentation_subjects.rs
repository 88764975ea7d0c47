//! Issue 20, part 3: what the proposer makes of a drafted case and of datasets without a
//! presentation. Charts group figures by subject (never one bar, never values more than 1000×
//! apart on one axis), headlines are few and ranked by where the text leads (a total before its
//! parts), and a drafted dataset declares that story so that a reviewer can edit it.

use case_explorer::charts::layout::{layout, OPEN_ARROW};
use case_explorer::charts::spec::{all_charts, Bar, ChartSpec, Panel, Role};
use case_explorer::model::display::NumberStyle;
use case_explorer::model::extract::draft_json;
use case_explorer::model::limits::{MAX_CHARTS, MAX_HEADLINES, MAX_PANELS, MAX_PANEL_FIGURES};
use case_explorer::model::narrative::overview;
use case_explorer::model::presentation::{ChartPlan, ChartTitle, Segment};
use case_explorer::model::subjects::SUBJECTS;
use case_explorer::model::{
    Estimate, FigureKind, Lang, Model, Origin, Provenance, Rule, EMBEDDED_JSON,
};
use serde_json::Value;

const TEXTS: &[(&str, &str)] = &[
    ("news_en", include_str!("extract/news_en.txt")),
    ("news_zh", include_str!("extract/news_zh.txt")),
    ("watershed_en", include_str!("extract/watershed_en.txt")),
    ("kezuohou_en", include_str!("extract/kezuohou_en.txt")),
    ("kezuohou_zh", include_str!("extract/kezuohou_zh.txt")),
    ("reservoir_zh", include_str!("extract/reservoir_zh.txt")),
    ("holdout_en", include_str!("extract/holdout_en.txt")),
    ("holdout_zh", include_str!("extract/holdout_zh.txt")),
];

fn drafted(text: &str) -> Model {
    let json = draft_json(text).expect("serialises");
    match Model::from_json(&json) {
        Ok(m) => m,
        Err(e) => panic!("the draft does not validate: {e:?}"),
    }
}

/// A dataset with its presentation removed: everything is proposed.
fn bare(json: &str) -> Model {
    let mut v: Value = serde_json::from_str(json).expect("json");
    if let Some(o) = v.as_object_mut() {
        o.remove("presentation");
    }
    Model::from_json(&v.to_string()).expect("valid without its presentation")
}

/// A bar's size in base units: its bound when open.
fn size(m: &Model, id: &str) -> f64 {
    let q = m.quantity(id).expect("a quantity the chart names");
    let v = q.base();
    if v.hi.is_finite() {
        v.hi
    } else {
        v.lo
    }
}

/// What every proposed story must keep to, whoever made it.
fn check_story(name: &str, m: &Model) {
    let s = &m.story;
    let headlines = &s.headlines.value;
    assert!(
        headlines.len() <= 8,
        "{name}: {} headlines",
        headlines.len()
    );
    assert!(s.charts.value.len() <= MAX_CHARTS.min(8), "{name}");
    // The first headline comes from the earliest paragraph that has a reported figure.
    let reported = || {
        m.dataset
            .figures
            .iter()
            .filter(|f| f.kind == FigureKind::Reported && f.repeats.is_none())
    };
    if let Some(first) = headlines.first() {
        let earliest = reported().filter_map(|f| f.source.paragraph).min();
        let of = m.paragraph_of(first);
        assert_eq!(of, earliest, "{name}: first headline {first}");
    }
    // A total or whole ranks before its parts.
    let at = |id: &str| headlines.iter().position(|h| h == id);
    for r in &m.dataset.relations {
        let pairs: Vec<(&String, &String)> = match &r.rule {
            Rule::SumEquals { parts, total } => parts.iter().map(|p| (p, total)).collect(),
            Rule::PartOf { part, whole } => vec![(part, whole)],
            Rule::FitsWithin { .. }
            | Rule::RatioMatches { .. }
            | Rule::Equal { .. }
            | Rule::ReferenceRange { .. }
            | Rule::Tension { .. } => Vec::new(),
        };
        for (part, whole) in pairs {
            if let (Some(p), Some(w)) = (at(part), at(whole)) {
                assert!(
                    w < p,
                    "{name}: {whole} after its part {part}: {headlines:?}"
                );
            }
        }
    }
    for c in &s.charts.value {
        check_chart(name, m, c);
    }
}

fn check_chart(name: &str, m: &Model, c: &ChartPlan) {
    let ids: Vec<&String> = c.panels.iter().flatten().collect();
    assert!(ids.len() >= 2, "{name}: chart {} of one bar", c.id);
    assert!(
        !c.panels.is_empty() && c.panels.len() <= MAX_PANELS,
        "{name}"
    );
    for panel in &c.panels {
        assert!(panel.len() <= MAX_PANEL_FIGURES, "{name}");
        let sizes: Vec<f64> = panel
            .iter()
            .map(|id| size(m, id))
            .filter(|v| *v > 0.0)
            .collect();
        let lo = sizes.iter().copied().fold(f64::INFINITY, f64::min);
        let hi = sizes.iter().copied().fold(0.0, f64::max);
        assert!(
            hi <= lo * 1000.0,
            "{name}: {} holds {lo} and {hi} on one axis: {panel:?}",
            c.id
        );
        // A panel draws at least one of the chart's own figures, not only the areas they lie in.
        assert!(
            panel
                .iter()
                .any(|id| m.quantity(id).is_some_and(|q| q.origin != Origin::Context)),
            "{name}: {} {panel:?}",
            c.id
        );
        // One chart's bars share a dimension.
        let dims: Vec<_> = panel
            .iter()
            .map(|id| m.quantity(id).expect("quantity").unit.dims().clone())
            .collect();
        assert!(dims.windows(2).all(|w| w[0] == w[1]), "{name}: {}", c.id);
    }
    // Titled by a subject, in every interface language (a declared title the dataset does not
    // give in a language falls back to one it gives).
    for lang in Lang::ALL {
        let title = match &c.title {
            ChartTitle::Declared(t) => t.get(lang).to_string(),
            ChartTitle::Proposed { subject, .. } => subject.name(lang).to_string(),
        };
        assert!(
            SUBJECTS
                .iter()
                .any(|s| Lang::ALL.iter().any(|l| title.starts_with(s.name(*l)))),
            "{name}: {} is titled {title:?} in {lang:?}",
            c.id
        );
    }
}

#[test]
fn drafted_cases_declare_a_story_of_subjects() {
    for (name, text) in TEXTS {
        let m = drafted(text);
        // Declared, so that the reviewer can edit it; the narrative is still proposed.
        assert_eq!(m.story.headlines.by, Provenance::Declared, "{name}");
        assert_eq!(m.story.charts.by, Provenance::Declared, "{name}");
        assert_eq!(m.story.intro.by, Provenance::Declared, "{name}");
        assert!(m.story.headlines.value.len() <= MAX_HEADLINES, "{name}");
        check_story(name, &m);
        // The proposer, given the same dataset bare, proposes what the draft declared.
        let mut d = m.dataset.clone();
        let declared = d.presentation.take().expect("declared");
        let proposed = case_explorer::model::Story::of(&d);
        assert_eq!(
            Some(&proposed.headlines.value),
            declared.headlines.as_ref(),
            "{name}"
        );
        let ids = |cs: &[ChartPlan]| -> Vec<(String, Vec<Vec<String>>)> {
            cs.iter()
                .map(|c| (c.id.clone(), c.panels.clone()))
                .collect()
        };
        assert_eq!(
            ids(&proposed.charts.value),
            ids(&m.story.charts.value),
            "{name}"
        );
    }
}

/// The ids of the drafted figures whose label (in the text's language) holds one of `words`.
fn labelled(m: &Model, words: &[&str]) -> Vec<String> {
    m.dataset
        .figures
        .iter()
        .filter(|f| {
            f.label
                .iter()
                .any(|(_, l)| words.iter().any(|w| l.to_lowercase().contains(w)))
        })
        .map(|f| f.id.clone())
        .collect()
}

fn chart_of<'a>(m: &'a Model, id: &str) -> Option<&'a ChartPlan> {
    m.story
        .charts
        .value
        .iter()
        .find(|c| c.panels.iter().flatten().any(|x| x == id))
}

#[test]
fn figures_about_income_share_one_chart_titled_by_its_subject() {
    for (name, words, expect) in [
        ("news_en", &["income"][..], 2),
        ("kezuohou_zh", &["收入", "增收"][..], 3),
    ] {
        let text = TEXTS.iter().find(|t| t.0 == name).expect("text").1;
        let m = drafted(text);
        let income: Vec<String> = labelled(&m, words)
            .into_iter()
            .filter(|id| m.quantity(id).is_some_and(|q| q.unit.code() == "CNY"))
            .collect();
        assert_eq!(income.len(), expect, "{name}: {income:?}");
        let chart = chart_of(&m, &income[0]).expect("charted");
        for id in &income {
            assert_eq!(
                chart_of(&m, id).map(|c| &c.id),
                Some(&chart.id),
                "{name}: {id}"
            );
        }
        let charts = all_charts(&m, Default::default(), NumberStyle::Full, Lang::En, None);
        let spec = charts.iter().find(|c| c.key == chart.id).expect("drawn");
        assert_eq!(spec.title, "Incomes and revenue", "{name}");
        let charts = all_charts(&m, Default::default(), NumberStyle::Full, Lang::Zh, None);
        let spec = charts.iter().find(|c| c.key == chart.id).expect("drawn");
        assert_eq!(spec.title, "收入", "{name}");
        // The page's lead sentences name each income under that subject.
        let lead = overview(&m, Lang::En);
        for id in &income {
            let holding: Vec<&Vec<Segment>> = lead
                .iter()
                .filter(|s| s.contains(&Segment::Quantity(id.clone())))
                .collect();
            assert!(
                holding.len() <= 1
                    && holding.iter().all(|s| matches!(&s[0],
                        Segment::Text(t) if t.starts_with("Incomes and revenue"))),
                "{name}: {id} in {holding:?}"
            );
        }
    }
    // Nothing in a drafted story is titled by a unit family and a lone "(undated)".
    let m = drafted(TEXTS[0].1);
    let charts = all_charts(&m, Default::default(), NumberStyle::Full, Lang::En, None);
    assert!(
        charts.iter().all(|c| !c.title.contains("undated")),
        "{charts:?}"
    );
    assert!(charts.iter().all(|c| c.bars().count() >= 2));
}

#[test]
fn small_areas_never_share_an_axis_with_a_thousand_times_larger_one() {
    // 293 ha against a 1.86 million ha desert, and a smaller planting beside them.
    let text = "Desert work in a county\n\
        The Great Sand desert covers 1.86 million hectares. Villagers restored more than 293 \
        hectares of dunes in 2019 and restored 200 hectares of grassland in 2020.\n\
        The county also treated 93,000 hectares of eroded slopes.";
    let m = drafted(text);
    check_story("desert", &m);
    let id = |words: &[&str]| labelled(&m, words).first().cloned().expect("drafted");
    let (desert, more, grass, slopes) = (
        id(&["desert"]),
        id(&["villagers"]),
        id(&["grassland"]),
        id(&["treated"]),
    );
    // 200 ha and 1.86 million ha are 9,300 times apart: neither is drawn beside the other.
    assert!(chart_of(&m, &desert).is_none() && chart_of(&m, &grass).is_none());
    // The restored and treated land share a chart, titled by what they are.
    let chart = chart_of(&m, &more).expect("charted");
    assert_eq!(chart.panels, [vec![more.clone(), slopes.clone()]]);
    // Drawn, "more than 293 ha" stops well short of the 93,000 ha bar.
    let charts = all_charts(&m, Default::default(), NumberStyle::Full, Lang::En, None);
    let spec = charts.iter().find(|c| c.key == chart.id).expect("drawn");
    assert_eq!(spec.title, "Land restored, treated or planted");
    let l = layout(spec, 600.0);
    let (a, b) = (&l.bars[0], &l.bars[1]);
    assert!(a.open_high && a.x_hi < b.x_hi, "{a:?} {b:?}");
}

#[test]
fn the_embedded_case_without_its_presentation_proposes_by_subject() {
    let m = bare(EMBEDDED_JSON);
    assert_eq!(m.story.charts.by, Provenance::Proposed);
    check_story("kezuohou", &m);
    // The three incomes the case reports share one chart, titled by their subject.
    let chart = chart_of(&m, "income_gain_all").expect("charted");
    for id in ["income_gain_poor", "tourism_income_2017"] {
        assert_eq!(chart_of(&m, id).map(|c| &c.id), Some(&chart.id), "{id}");
    }
    assert!(
        matches!(&chart.title, ChartTitle::Proposed { subject, .. } if subject.code == "income")
    );
    // The subsidies are money spent, with their stated total.
    let spent = chart_of(&m, "subsidy_total").expect("charted");
    assert!(
        matches!(&spent.title, ChartTitle::Proposed { subject, .. } if subject.code == "spent")
    );
    assert!(chart_of(&m, "subsidy_grassland").is_some_and(|c| c.id == spent.id));
    // Headlines: the text's first paragraph of figures first, the total income before its part.
    let h = &m.story.headlines.value;
    assert_eq!(h.len(), 8);
    assert_eq!(h[0], "desert_treated_area");
    let at = |id: &str| h.iter().position(|x| x == id).expect(id);
    assert!(at("income_gain_all") < at("income_gain_poor"));
}

#[test]
fn a_total_ranks_before_its_parts_wherever_the_dataset_lists_it() {
    // The subsidies moved to the lead paragraph, the parts listed before their total.
    let mut v: Value = serde_json::from_str(EMBEDDED_JSON).expect("json");
    v.as_object_mut().expect("object").remove("presentation");
    let figures = v["figures"].as_array_mut().expect("figures");
    let at = |fs: &Vec<Value>, id: &str| fs.iter().position(|f| f["id"] == id).expect(id);
    let total = figures.remove(at(figures, "subsidy_total"));
    let after = at(figures, "subsidy_grassland") + 1;
    figures.insert(after, total);
    for f in figures.iter_mut() {
        if f["id"]
            .as_str()
            .is_some_and(|id| id.starts_with("subsidy_"))
        {
            f["source"]["paragraph"] = 1.into();
        }
    }
    let m = Model::from_json(&v.to_string()).expect("valid");
    check_story("reordered", &m);
    assert_eq!(
        m.story.headlines.value[..4],
        [
            "subsidy_total",
            "subsidy_farmland_to_forest",
            "subsidy_public_forest",
            "subsidy_grassland"
        ]
    );
}

#[test]
fn other_cases_without_a_presentation_keep_the_same_rules() {
    for (name, json) in [
        (
            "dairy",
            include_str!("fixtures/fictional_dairy_cooperative.json"),
        ),
        ("kenya", include_str!("fixtures/kenya_dairy.json")),
        ("marsh", include_str!("fixtures/fictional_marsh.json")),
    ] {
        let m = bare(json);
        check_story(name, &m);
        for lang in Lang::ALL {
            let charts = all_charts(&m, Default::default(), NumberStyle::Full, lang, None);
            assert!(charts.iter().all(|c| c.bars().count() >= 2), "{name}");
        }
    }
}

fn bar(id: &str, value: Estimate) -> Bar {
    Bar {
        id: id.into(),
        label: id.into(),
        value,
        origin: Origin::Reported,
        status: None,
        period: String::new(),
        paragraph: None,
        text: String::new(),
        number: "93,000".into(),
        role: Role::Value,
        share: None,
        share_number: None,
    }
}

#[test]
fn a_lower_bound_stays_on_its_panels_scale() {
    let spec = ChartSpec {
        lang: Lang::En,
        key: "k".into(),
        kind: case_explorer::model::ChartKind::Bars,
        title: "Areas".into(),
        note: None,
        panels: vec![Panel {
            unit: "ha".into(),
            unit_first: false,
            whole: None,
            gap: None,
            bars: vec![
                bar(
                    "more",
                    Estimate {
                        lo: 293.0,
                        hi: f64::INFINITY,
                        lo_open: true,
                        hi_open: false,
                    },
                ),
                bar("forest", Estimate::point(93_000.0)),
            ],
        }],
        description: String::new(),
    };
    for width in [240.0, 400.0, 900.0] {
        let l = layout(&spec, width);
        let (more, forest) = (&l.bars[0], &l.bars[1]);
        assert!(more.open_high && !forest.open_high);
        // "more than 293 ha" once ran to the axis end, past the 93,000 ha bar.
        assert!(
            more.x_hi < forest.x_hi,
            "at {width}: the arrow ends at {} past the bar's end {}",
            more.x_hi,
            forest.x_hi
        );
        assert!(more.x_hi >= more.x_lo + OPEN_ARROW - 1e-9, "at {width}");
        assert!(more.x_hi <= l.plot_x1 + 1e-9);
    }
    // Alone on its axis, the bound's arrow still ends inside the plot.
    let mut alone = spec.clone();
    alone.panels[0].bars.truncate(1);
    let l = layout(&alone, 600.0);
    assert!(l.bars[0].x_hi <= l.plot_x1 + 1e-9 && l.bars[0].x_hi > l.bars[0].x_lo);
}
