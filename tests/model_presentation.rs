//! The presentation: templates parsed once, version-1 files migrated, and what a dataset leaves
//! out proposed from its data (and marked as proposed).

use case_explorer::model::narrative::{overview, told};
use case_explorer::model::presentation::{
    parse_template, ChartTitle, Segment, MAX_FIGURES_PER_SENTENCE, MAX_PROPOSED_HEADLINES,
};
use case_explorer::model::{Lang, Model, Provenance, EMBEDDED_JSON, FORMAT_VERSION};
use serde_json::{json, Value};

fn mini() -> Value {
    let text = include_str!("corpus/valid/mini.json");
    serde_json::from_str(text).expect("mini.json")
}

fn q(id: &str) -> Segment {
    Segment::Quantity(id.into())
}
fn t(s: &str) -> Segment {
    Segment::Text(s.into())
}

#[test]
fn templates_split_into_text_and_references() {
    assert_eq!(
        parse_template("Cover is {cover_rate}, up {gain}.").expect("parses"),
        [
            t("Cover is "),
            q("cover_rate"),
            t(", up "),
            q("gain"),
            t(".")
        ]
    );
    assert_eq!(parse_template("{a}{b}").expect("parses"), [q("a"), q("b")]);
    // Doubled braces are literal, also right beside a reference.
    assert_eq!(
        parse_template("{{{a}}} and {{x}}").expect("parses"),
        [t("{"), q("a"), t("} and {x}")]
    );
    assert_eq!(parse_template("").expect("parses"), []);
}

#[test]
fn bad_braces_say_where() {
    let e = parse_template("Area {treated").expect_err("unclosed");
    assert_eq!(e.at, 6);
    assert!(e.found.contains("never closed"), "{e:?}");
    let e = parse_template("a } b").expect_err("lone");
    assert_eq!(e.at, 3);
    assert!(e.found.contains("lone"), "{e:?}");
    let e = parse_template("x {}").expect_err("empty");
    assert!(e.found.contains("empty"), "{e:?}");
    let e = parse_template("{a b}").expect_err("space");
    assert_eq!(e.at, 3);
    assert!(e.found.contains("U+0020"), "{e:?}");
}

#[test]
fn a_format_1_file_is_migrated_with_its_presentation_proposed() {
    let m = Model::from_json(&mini().to_string()).expect("format 1 still loads");
    assert_eq!(m.migrated_from, Some(1));
    assert_eq!(m.dataset.format_version, FORMAT_VERSION);
    let s = &m.story;
    for by in [
        s.title.by,
        s.intro.by,
        s.headlines.by,
        s.charts.by,
        s.narrative.by,
        s.footer.by,
    ] {
        assert_eq!(by, Provenance::Proposed);
    }
    // Title from the case, intro from the first paragraph after the title line.
    assert_eq!(s.title.value.get(Lang::En), "A small test case");
    assert_eq!(s.intro.value.get(Lang::En), "Gives the figures.");
    // Reported figures in the order the text gives them (all three are in paragraph 1; the
    // channel no longer comes first: the text's lead does), then the derived metric; the
    // context figure is not a headline.
    assert_eq!(
        s.headlines.value,
        ["treated_area", "cover_rate", "income", "treated_share"]
    );
    // Charts by subject: the treated area with the area it lies within (12 ha in 115 km², 958
    // times smaller: still on one axis). The income and the cover rate are the only figures of
    // their subjects, and a chart of one bar is no longer proposed (it was "Amounts of money"
    // and "Shares and rates" with a bar each): they stay headline cards and table rows.
    let charts: Vec<(&ChartTitle, &Vec<Vec<String>>)> = s
        .charts
        .value
        .iter()
        .map(|c| (&c.title, &c.panels))
        .collect();
    assert_eq!(charts.len(), 1);
    assert!(matches!(
        charts[0].0,
        ChartTitle::Proposed { subject, .. } if subject.code == "land-restored"
    ));
    assert_eq!(
        charts[0].1,
        &[vec!["treated_area".to_string(), "region_area".into()]]
    );
    let ids: Vec<&str> = s.charts.value.iter().map(|c| c.id.as_str()).collect();
    assert_eq!(ids, ["proposed-land-restored-1"]);
    // A lead sentence per channel, naming its reported figures by label, each number a
    // quantity the page formats and links; figures of no channel are left to the cards.
    assert_eq!(
        overview(&m, Lang::En),
        [vec![
            t("Jobs: Treated area, "),
            q("treated_area"),
            t("; Income gain, "),
            q("income"),
            t("."),
        ]]
    );
    assert_eq!(
        overview(&m, Lang::Zh),
        [vec![
            t("就业：治理面积 "),
            q("treated_area"),
            t("；增收 "),
            q("income"),
            t("。"),
        ]]
    );
}

#[test]
fn the_embedded_case_declares_its_whole_presentation() {
    let m = Model::embedded().expect("valid");
    assert_eq!(m.migrated_from, None);
    let s = &m.story;
    for by in [
        s.title.by,
        s.intro.by,
        s.headlines.by,
        s.charts.by,
        s.narrative.by,
        s.footer.by,
    ] {
        assert_eq!(by, Provenance::Declared);
    }
    assert_eq!(s.charts.value.len(), 6);
    assert_eq!(overview(&m, Lang::En).len(), 3);
    assert!(EMBEDDED_JSON.contains("\"format_version\": 3"));
}

#[test]
fn members_left_out_are_proposed_and_the_rest_kept() {
    let mut v = mini();
    v["format_version"] = json!(2);
    v["presentation"] = json!({
        "intro": {"en": "Our own words.", "zh": "自己的话。"},
        "headlines": ["cover_rate"],
        "narrative": [
            {"en": "Cover {cover_rate}.", "zh": "覆盖率{cover_rate}。"},
            {"en": "Fits: {treated_share}.", "zh": "占{treated_share}。",
             "when": {"relation": "treated_within", "status": ["contradicts"]}},
            {"en": "It fits: {treated_share}.", "zh": "不超出：{treated_share}。",
             "when": {"relation": "treated_within", "status": ["holds", "doubtful"]}}
        ]
    });
    let m = Model::from_json(&v.to_string()).expect("valid");
    // Read as format 3; the presentation is format 2's and is kept as it is.
    assert_eq!(m.migrated_from, Some(2));
    let s = &m.story;
    assert_eq!(
        (s.intro.by, s.intro.value.get(Lang::En)),
        (Provenance::Declared, "Our own words.")
    );
    assert_eq!(s.headlines.value, ["cover_rate"]);
    assert_eq!(s.headlines.by, Provenance::Declared);
    assert_eq!(s.charts.by, Provenance::Proposed);
    assert_eq!(s.title.by, Provenance::Proposed);
    // 12 ha inside 115 km²: the condition picks the sentence that holds.
    let zh = overview(&m, Lang::Zh);
    assert_eq!(zh.len(), 2);
    assert_eq!(zh[1][0], t("不超出："));
    // An empty list is declared too: no headline cards, not proposed ones.
    v["presentation"] = json!({"headlines": []});
    let m = Model::from_json(&v.to_string()).expect("valid");
    assert_eq!(m.story.headlines.by, Provenance::Declared);
    assert!(m.story.headlines.value.is_empty());
    assert!(told(&m, &[], Lang::En).is_empty());
}

#[test]
fn proposals_stay_small_for_a_large_dataset() {
    let mut v = mini();
    let figures = v["figures"].as_array_mut().expect("figures");
    let template = figures[0].clone();
    for i in 0..500 {
        let mut f = template.clone();
        f["id"] = json!(format!("area_{i}"));
        figures.push(f);
    }
    let m = Model::from_json(&v.to_string()).expect("valid");
    assert_eq!(m.story.headlines.value.len(), MAX_PROPOSED_HEADLINES);
    assert!(m
        .story
        .charts
        .value
        .iter()
        .all(|c| c.panels.iter().flatten().count() <= 9));
    // One sentence for the one channel, naming at most three figures.
    let lead = overview(&m, Lang::En);
    assert_eq!(lead.len(), 1);
    let named = lead[0]
        .iter()
        .filter(|s| matches!(s, Segment::Quantity(_)))
        .count();
    assert_eq!(named, MAX_FIGURES_PER_SENTENCE);
}

#[test]
fn a_newer_format_is_still_refused() {
    let mut v = mini();
    v["format_version"] = json!(FORMAT_VERSION + 1);
    let e = Model::from_json(&v.to_string()).expect_err("newer");
    assert_eq!(e[0].kind.code(), "unsupported_version");
    assert_eq!(e[0].path, "format_version");
}

/// The fictional second case of `tests/fixtures/` shares no id and no name with the embedded one,
/// loads with its own presentation, and without one gets a proposed one of at least three charts.
#[test]
fn the_fictional_case_loads_declared_and_bare() {
    let declared = include_str!("fixtures/fictional_marsh.json");
    let bare = include_str!("fixtures/fictional_marsh_bare.json");
    let embedded = Model::embedded().expect("valid");
    let ours: std::collections::HashSet<String> = ids(&embedded);
    for text in [declared, bare] {
        let m = Model::from_json(text).expect("the fictional case is valid");
        for id in ids(&m) {
            assert!(!ours.contains(&id), "{id} is an id of the embedded case");
        }
        for word in ["Kezuohou", "Horqin", "科左后", "科尔沁"] {
            assert!(!text.contains(word), "{word}");
        }
        let charts = case_explorer::charts::spec::all_charts(
            &m,
            Default::default(),
            case_explorer::model::display::NumberStyle::Full,
            Lang::Zh,
            None,
        );
        // Two proposed for the bare file: by subject, with no chart of a single bar.
        assert!(charts.len() >= 2, "{} charts", charts.len());
        assert!(!m.story.headlines.value.is_empty());
    }
    let m = Model::from_json(declared).expect("valid");
    assert_eq!(m.story.charts.by, Provenance::Declared);
    assert_eq!(overview(&m, Lang::En).len(), 1);
    let m = Model::from_json(bare).expect("valid");
    assert_eq!(m.story.charts.by, Provenance::Proposed);
    let charts = case_explorer::charts::spec::all_charts(
        &m,
        Default::default(),
        case_explorer::model::display::NumberStyle::Full,
        Lang::En,
        None,
    );
    let titles: Vec<&str> = charts.iter().map(|c| c.title.as_str()).collect();
    // Titled by subject, no longer by unit family and period: the land restored and replanted
    // (with its county, undated, so the title names no period), and the marsh fund with its two
    // parts (the wardens' wages are part of the fund, so they are drawn beside it, not as
    // income). The boat-tour income, the wardens and the visits are alone in their subject and
    // unit, and were charts of one bar each; the two shares are about different things.
    assert_eq!(
        titles,
        [
            "Land restored, treated or planted",
            "Money invested and spent (2018–2020)",
        ]
    );
    // Parts with the total a relation declares of them: drawn as parts of that total.
    assert_eq!(
        m.story.charts.value[1].kind,
        case_explorer::model::ChartKind::PartsOfTotal
    );
    assert_eq!(
        m.story.charts.value[1].panels,
        [vec![
            "fund_wardens_part".to_string(),
            "fund_planting_part".into(),
            "marsh_fund_total".into(),
        ]]
    );
    // The area chart draws the county the marsh lies within.
    assert!(charts[0].bars().any(|b| b.id == "lakeshore_county_area"));
}

fn ids(m: &Model) -> std::collections::HashSet<String> {
    let d = &m.dataset;
    let mut out: std::collections::HashSet<String> =
        d.figures.iter().map(|f| f.id.clone()).collect();
    out.extend(d.derived.iter().map(|x| x.id.clone()));
    out.extend(d.relations.iter().map(|x| x.id.clone()));
    out.extend(d.channels.iter().map(|x| x.id.clone()));
    out.extend(d.measures.iter().map(|x| x.id.clone()));
    out.extend(m.story.charts.value.iter().map(|c| c.id.clone()));
    out.insert(d.case.id.clone());
    out
}

/// The errors a presentation gets, as (code, path), in the order reported.
fn presentation_errors(presentation: Value) -> Vec<(String, String)> {
    let mut v: Value = serde_json::from_str(EMBEDDED_JSON).unwrap();
    v["presentation"] = presentation;
    match Model::from_json(&v.to_string()) {
        Ok(_) => panic!("accepted"),
        Err(e) => e
            .iter()
            .map(|e| (e.kind.code().to_string(), e.path.clone()))
            .collect(),
    }
}

#[test]
fn what_a_presentation_asks_the_page_to_draw_is_bounded() {
    // 10,000 one-figure charts once kept the overview from ever finishing: refused at once.
    let charts: Vec<Value> = (0..10_000)
        .map(|i| {
            json!({"id": format!("c{i}"), "kind": "bars",
            "title": {"en": "x", "zh": "x"}, "panels": [["forest_guards"]]})
        })
        .collect();
    let started = std::time::Instant::now();
    let e = presentation_errors(json!({ "charts": charts }));
    assert_eq!(
        e,
        [("too_many".to_string(), "presentation.charts".to_string())]
    );
    // Reading and checking stays cheap: far below the seconds the page took (no timing
    // assertion: the bench measures; this only guards against a quadratic check).
    assert!(started.elapsed().as_secs() < 30);
    let panels: Vec<Value> = (0..7).map(|_| json!(["forest_guards"])).collect();
    let e = presentation_errors(json!({"charts": [{"id": "c", "kind": "bars",
        "title": {"en": "x", "zh": "x"}, "panels": panels}]}));
    assert_eq!(
        e,
        [(
            "too_many".to_string(),
            "presentation.charts[0].panels".to_string()
        )]
    );
    let headlines: Vec<Value> = (0..13).map(|i| json!(format!("h{i}"))).collect();
    let e = presentation_errors(json!({ "headlines": headlines }));
    assert_eq!(
        e[0],
        ("too_many".to_string(), "presentation.headlines".to_string())
    );
}

#[test]
fn an_id_named_twice_in_headlines_or_a_panel_is_refused_where_it_stands() {
    let e = presentation_errors(
        json!({"headlines": ["forest_guards", "guard_salary", "forest_guards"]}),
    );
    assert_eq!(
        e,
        [(
            "duplicate_id".to_string(),
            "presentation.headlines[2]".to_string()
        )]
    );
    let e = presentation_errors(json!({"charts": [{"id": "c", "kind": "bars",
        "title": {"en": "x", "zh": "x"},
        "panels": [["forest_guards", "guard_salary"], ["guard_salary", "guard_salary"]]}]}));
    assert_eq!(
        e,
        [(
            "duplicate_id".to_string(),
            "presentation.charts[0].panels[1][1]".to_string()
        )]
    );
}
