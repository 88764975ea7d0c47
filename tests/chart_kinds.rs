#![cfg(not(target_arch = "wasm32"))]
//! Issue 21 part 2: a chart's form is data. Kezuohou declares the form that fits each chart
//! (before/after as a dumbbell, the subsidy parts against their stated total with the gap
//! shown, areas inside the banner's area); each form's spec, layout, hit-testing, legend,
//! description and exports; the proposer picks the form from the data's shape.

use case_explorer::charts::export::{csv, svg, Sheet};
use case_explorer::charts::layout::layout;
use case_explorer::charts::spec::{all_charts, ChartSpec, Mark, Role};
use case_explorer::model::display::{NumberStyle, UnitChoice};
use case_explorer::model::{ChartKind, Lang, Model};
use serde_json::Value;

fn embedded() -> Model {
    Model::embedded().expect("embedded dataset is valid")
}

fn charts(model: &Model, lang: Lang) -> Vec<ChartSpec> {
    all_charts(model, UnitChoice::default(), NumberStyle::Full, lang, None)
}

fn chart<'a>(charts: &'a [ChartSpec], key: &str) -> &'a ChartSpec {
    charts
        .iter()
        .find(|c| c.key == key)
        .unwrap_or_else(|| panic!("no chart {key}"))
}

fn read(path: &str) -> String {
    let p = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join(path);
    std::fs::read_to_string(&p).unwrap_or_else(|e| panic!("{}: {e}", p.display()))
}

/// A dataset's JSON with its presentation taken out: the proposer makes every chart.
fn without_presentation(path: &str) -> Model {
    let mut v: Value = serde_json::from_str(&read(path)).expect("JSON");
    if let Some(o) = v.as_object_mut() {
        o.remove("presentation");
    }
    Model::from_json(&v.to_string()).expect("valid without its presentation")
}

/// The proposed charts' kinds and figures.
fn proposed(model: &Model) -> Vec<(ChartKind, Vec<String>)> {
    model
        .story
        .charts
        .value
        .iter()
        .map(|c| (c.kind, c.panels.iter().flatten().cloned().collect()))
        .collect()
}

fn ids(list: &[&str]) -> Vec<String> {
    list.iter().map(|s| s.to_string()).collect()
}

#[test]
fn kezuohou_declares_the_form_that_fits_each_chart() {
    let m = embedded();
    let c = charts(&m, Lang::En);
    let kinds: Vec<(&str, ChartKind)> = c.iter().map(|c| (c.key.as_str(), c.kind)).collect();
    assert_eq!(
        kinds,
        [
            ("cover", ChartKind::Dumbbell),
            ("subsidies", ChartKind::PartsOfTotal),
            ("incomes", ChartKind::PartOfWhole),
            ("land", ChartKind::PartOfWhole),
            ("tourism", ChartKind::Bars),
            ("guards", ChartKind::Bars),
        ]
    );
}

#[test]
fn a_dumbbell_joins_start_and_end_in_one_row_and_its_legend_says_which_is_which() {
    let m = embedded();
    let c = charts(&m, Lang::En);
    let cover = chart(&c, "cover");
    let roles: Vec<Role> = cover.bars().map(|b| b.role).collect();
    assert_eq!(roles, [Role::Start, Role::End, Role::Start, Role::End]);
    let legend = cover.legend();
    assert!(
        legend.contains(&Mark::Start) && legend.contains(&Mark::End),
        "{legend:?}"
    );
    let l = layout(cover, 640.0);
    assert_eq!(l.bars.len(), 4);
    // Two rows, each holding a pair; the start of "vegetation < 5 %" lies left of its end.
    assert_eq!(l.bars[0].row_y0, l.bars[1].row_y0);
    assert_eq!(l.bars[2].row_y0, l.bars[3].row_y0);
    assert!(l.bars[2].row_y0 > l.bars[0].row_y0);
    assert!(l.bars[2].x_dot < l.bars[3].x_dot);
    assert_eq!(
        l.bars[2].label.len(),
        l.bars[2].label.len().max(1),
        "the row is labelled"
    );
    assert!(l.bars[3].label.is_empty(), "one label per row");
    // The pointer picks the nearer dot of a row.
    let (s, e) = (&l.bars[2], &l.bars[3]);
    let y = (s.row_y0 + s.row_y1) / 2.0;
    assert_eq!(l.hit(s.x_dot + 1.0, y), Some(2));
    assert_eq!(l.hit(e.x_dot - 1.0, y), Some(3));
    // The description reads from … to ….
    assert!(
        cover
            .description
            .contains("from less than 5% (undated) to more than 70%"),
        "{}",
        cover.description
    );
}

#[test]
fn parts_of_a_total_keep_the_printed_total_and_show_the_gap() {
    let m = embedded();
    let c = charts(&m, Lang::En);
    let s = chart(&c, "subsidies");
    let panel = &s.panels[0];
    let roles: Vec<Role> = panel.bars.iter().map(|b| b.role).collect();
    assert_eq!(roles, [Role::Part, Role::Part, Role::Part, Role::Total]);
    // The total stays as printed (50.457 million), the parts add up to 504.57 million.
    let total = &panel.bars[3];
    assert!((total.value.lo - 50.457e6).abs() < 1.0, "{:?}", total.value);
    let gap = panel.gap.as_ref().expect("a gap");
    assert!((gap.sum.lo - 504.57e6).abs() < 1.0, "{:?}", gap.sum);
    assert!(gap.label.starts_with("gap "), "{}", gap.label);
    assert!(s.legend().contains(&Mark::Gap), "{:?}", s.legend());
    assert!(
        s.description.contains("The parts add up to"),
        "{}",
        s.description
    );
    // Parts stack: each starts where the one before ends; the total starts at zero and its row
    // marks the gap up to the parts' sum.
    let l = layout(s, 640.0);
    assert!((l.bars[1].x_zero - l.bars[0].x_hi).abs() < 0.5);
    assert!((l.bars[2].x_zero - l.bars[1].x_hi).abs() < 0.5);
    assert!((l.bars[3].x_zero - l.plot_x0).abs() < 0.5);
    let (g0, g1) = l.bars[3].gap.expect("the total's row marks the gap");
    assert!((g0 - l.bars[3].x_hi).abs() < 0.5 && (g1 - l.bars[2].x_hi).abs() < 0.5);
    // Exports: the SVG draws the gap's words, the CSV keeps every figure.
    let sheet = Sheet::new(s, Lang::En, "Case", "https://example.org/");
    let image = svg(s, &sheet).expect("svg");
    assert!(image.contains(&gap.label), "the SVG writes the gap");
    let rows = csv(s).expect("csv");
    assert_eq!(rows.lines().count(), 5, "{rows}");
}

#[test]
fn a_part_is_drawn_inside_its_whole_with_its_share() {
    let m = embedded();
    let c = charts(&m, Lang::En);
    let land = chart(&c, "land");
    let whole = land.bars().last().expect("bars");
    assert_eq!(whole.role, Role::Whole);
    let treated = land
        .bars()
        .find(|b| b.id == "desert_treated_area")
        .expect("treated");
    let share = treated.share.as_deref().expect("a share");
    assert!(share.contains("of Total area of the banner"), "{share}");
    // Forest land as printed is larger than the banner: its share says so and its bar runs
    // past the whole's outline.
    let forest = land
        .bars()
        .find(|b| b.id == "forest_land_area")
        .expect("forest land");
    let pct: f64 = forest
        .share_number
        .as_deref()
        .and_then(|s| {
            s.split(|c: char| !c.is_ascii_digit() && c != '.')
                .find(|s| !s.is_empty())
        })
        .and_then(|s| s.parse().ok())
        .expect("a share in digits");
    assert!(pct > 100.0, "{:?}", forest.share_number);
    let l = layout(land, 640.0);
    // The whole's row comes first; each part carries the whole's outline behind it.
    let wb = l.bars.last().expect("whole's box");
    assert!(l.bars.iter().all(|b| b.row_y0 >= wb.row_y0));
    let fb = &l.bars[2];
    let (_, outline_end) = fb.behind.expect("the whole behind the part");
    assert!(fb.x_dot > outline_end, "forest land runs past the banner");
    assert!(land.legend().contains(&Mark::Whole));
}

#[test]
fn the_proposer_picks_kezuohous_forms_from_the_shape_of_its_data() {
    let m = without_presentation("data/kezuohou.json");
    let charts = proposed(&m);
    let has =
        |kind: ChartKind, want: &[&str]| charts.iter().any(|(k, f)| *k == kind && *f == ids(want));
    assert!(
        has(
            ChartKind::PartsOfTotal,
            &[
                "subsidy_farmland_to_forest",
                "subsidy_public_forest",
                "subsidy_grassland",
                "subsidy_total"
            ]
        ),
        "{charts:?}"
    );
    assert!(
        has(
            ChartKind::Dumbbell,
            &[
                "forest_cover_2002",
                "forest_cover_rate",
                "vegetation_cover_before",
                "vegetation_cover_now"
            ]
        ),
        "{charts:?}"
    );
    assert!(
        charts
            .iter()
            .any(|(k, f)| *k == ChartKind::PartOfWhole
                && f.last().is_some_and(|w| w == "banner_area")),
        "{charts:?}"
    );
    // Each proposed chart draws in its form.
    let specs = all_charts(&m, UnitChoice::default(), NumberStyle::Full, Lang::Zh, None);
    assert!(specs.iter().any(|c| c.kind == ChartKind::Dumbbell));
}

#[test]
fn the_proposer_draws_dated_values_as_dots_and_two_dated_values_as_a_dumbbell() {
    let m = without_presentation("tests/fixtures/fictional_marsh_series.json");
    let charts = proposed(&m);
    // Two values of one measure at two dates; never two measures that share a date range.
    assert!(
        charts.contains(&(
            ChartKind::Dumbbell,
            ids(&["marsh_water_cover_2015", "marsh_water_cover"])
        )),
        "{charts:?}"
    );
    assert!(
        !charts.iter().any(|(k, f)| *k == ChartKind::Dumbbell
            && f.contains(&"fisher_households_share".to_string())),
        "{charts:?}"
    );
    assert!(
        charts.contains(&(
            ChartKind::Dots,
            ids(&["tour_income_2018", "tour_income_2019", "tour_income_2020"])
        )),
        "{charts:?}"
    );
    assert!(
        charts.contains(&(
            ChartKind::PartsOfTotal,
            ids(&[
                "fund_wardens_part",
                "fund_planting_part",
                "marsh_fund_total"
            ])
        )),
        "{charts:?}"
    );
    // Reeds in the marsh in the county: a chain, left as bars with the county beside them.
    assert!(
        charts.iter().any(|(k, f)| *k == ChartKind::Bars
            && f.contains(&"lakeshore_county_area".to_string())),
        "{charts:?}"
    );
    let specs = all_charts(&m, UnitChoice::default(), NumberStyle::Full, Lang::En, None);
    let dots = specs
        .iter()
        .find(|c| c.kind == ChartKind::Dots)
        .expect("a dots chart");
    let l = layout(dots, 360.0);
    assert_eq!(l.bars.len(), 3);
    assert!(
        l.bars.windows(2).all(|w| w[0].row_y1 <= w[1].row_y0),
        "a row per date"
    );
    assert!(
        l.bars.windows(2).all(|w| w[0].x_dot < w[1].x_dot),
        "rising income"
    );
}

#[test]
fn every_form_draws_on_plotters_svg_in_both_palettes() {
    use case_explorer::charts::draw::{draw, DARK, LIGHT};
    use plotters::prelude::*;
    let m = embedded();
    for lang in [Lang::En, Lang::Zh] {
        for c in charts(&m, lang) {
            for (palette, width) in [(&LIGHT, 1280.0), (&DARK, 360.0)] {
                let l = layout(&c, width);
                let mut out = String::new();
                {
                    let area = SVGBackend::with_string(&mut out, (l.width as u32, l.height as u32))
                        .into_drawing_area();
                    draw(&area, &c, &l, palette, 1.0, Some(0)).expect("drawn");
                }
                assert!(out.contains("<svg"), "{}", c.key);
            }
        }
    }
}
