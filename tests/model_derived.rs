#![cfg(not(target_arch = "wasm32"))]
//! Each derived metric on the embedded data: value, bounds, unit and period.

use case_explorer::model::{Estimate, Model, Origin, Period, Shape, Unit};
use serde_json::json;

fn model() -> Model {
    Model::embedded().expect("the embedded dataset is valid")
}

fn value(m: &Model, id: &str) -> Estimate {
    let q = m
        .quantity(id)
        .unwrap_or_else(|| panic!("{id} is not computed"));
    assert_eq!(q.origin, Origin::Derived, "{id} is derived");
    q.value
}

fn close(a: f64, b: f64, rel: f64) -> bool {
    a == b || (a - b).abs() <= rel * a.abs().max(b.abs())
}

/// A point value, within a relative tolerance.
#[track_caller]
fn assert_point(m: &Model, id: &str, expected: f64, unit: Unit) {
    let q = m.quantity(id).unwrap();
    assert_eq!(q.unit, unit, "{id}: unit");
    let v = value(m, id);
    assert!(v.is_point(), "{id}: a point, not {v:?}");
    assert!(
        close(v.lo, expected, 1e-9),
        "{id}: {} instead of {expected}",
        v.lo
    );
}

#[test]
fn tourism_income_per_visit() {
    let m = model();
    // 1.2 billion yuan / 1.4 million visits
    assert_point(
        &m,
        "tourism_income_per_visit",
        857.142857,
        Unit::builtin("CNY/{visit}"),
    );
    assert!(close(
        value(&m, "tourism_income_per_visit").lo,
        6000.0 / 7.0,
        1e-12
    ));
    let q = m.quantity("tourism_income_per_visit").unwrap();
    assert_eq!(q.period, Some(Period::Year { year: 2017 }));
    assert_eq!(q.channel.as_deref(), Some("eco_industries"));
}

#[test]
fn guard_payroll() {
    let m = model();
    // 310 guards × 10,000 yuan a year
    assert_point(
        &m,
        "guard_payroll_per_year",
        3_100_000.0,
        Unit::builtin("CNY/a"),
    );
    assert_eq!(
        m.quantity("guard_payroll_per_year").unwrap().period,
        Some(Period::Undated)
    );
    // × 4 years, if they were paid in each year of 2014–2017 (an assumption, noted)
    assert_point(
        &m,
        "guard_payroll_over_subsidy_period",
        12_400_000.0,
        Unit::builtin("CNY"),
    );
    assert!(m
        .derived("guard_payroll_over_subsidy_period")
        .unwrap()
        .note
        .is_some());
    // Mixed periods (undated × 2014–2017) have no common period.
    assert_eq!(
        m.quantity("guard_payroll_over_subsidy_period")
            .unwrap()
            .period,
        None
    );
}

#[test]
fn subsidies() {
    let m = model();
    // 92.16 + 55.76 + 356.65 million
    assert_point(&m, "subsidy_parts_sum", 504_570_000.0, Unit::builtin("CNY"));
    assert_eq!(
        m.quantity("subsidy_parts_sum").unwrap().period,
        Some(Period::Range {
            from: 2014,
            to: 2017
        })
    );
    assert_point(&m, "subsidy_years", 4.0, Unit::builtin("a"));
    assert_point(
        &m,
        "subsidy_parts_per_year",
        126_142_500.0,
        Unit::builtin("CNY/a"),
    );
    assert_point(
        &m,
        "subsidy_stated_per_year",
        12_614_250.0,
        Unit::builtin("CNY/a"),
    );
    // 504.57 million / 273,333 ha
    assert_point(
        &m,
        "subsidy_per_treated_ha",
        1_845.990_056,
        Unit::builtin("CNY/ha"),
    );
    assert_eq!(m.quantity("subsidy_per_treated_ha").unwrap().period, None);
}

#[test]
fn poor_share_of_income_gain() {
    let m = model();
    // 4.45 / 51.36 million
    assert_point(
        &m,
        "poor_share_of_income_gain",
        8.664330218,
        Unit::builtin("%"),
    );
    assert!(close(
        value(&m, "poor_share_of_income_gain").lo,
        445.0 / 51.36,
        1e-12
    ));
    assert_eq!(
        m.quantity("poor_share_of_income_gain").unwrap().period,
        Some(Period::Since { year: 2014 })
    );
}

#[test]
fn forest_cover_in_2002_is_a_lower_bound() {
    let m = model();
    // more than 21% − 10 points
    let v = value(&m, "forest_cover_2002");
    match v.shape() {
        Shape::MoreThan(x) => assert!(close(x, 11.0, 1e-12), "{x}"),
        other => panic!("more than 11%, not {other:?}"),
    }
    assert!(v.lo_open && v.hi.is_infinite());
    let q = m.quantity("forest_cover_2002").unwrap();
    assert_eq!(q.unit, Unit::builtin("%"));
    // "at present" minus "since 2002": no single period.
    assert_eq!(q.period, None);
}

#[test]
fn vegetation_gain_is_more_than_65_points() {
    let m = model();
    // over 70% − less than 5%
    let v = value(&m, "vegetation_cover_gain");
    match v.shape() {
        Shape::MoreThan(x) => assert!(close(x, 65.0, 1e-12), "{x}"),
        other => panic!("more than 65 points, not {other:?}"),
    }
    assert_eq!(
        m.quantity("vegetation_cover_gain").unwrap().unit,
        Unit::builtin("pp")
    );
}

#[test]
fn shares_of_the_banner_area_carry_its_spread() {
    let m = model();
    // banner 11,500 km² ± 1% = 1,138,500 .. 1,161,500 ha
    let treated = value(&m, "treated_share_of_banner");
    assert!(close(treated.lo, 273_333.0 / 1_161_500.0 * 100.0, 1e-12));
    assert!(close(treated.hi, 273_333.0 / 1_138_500.0 * 100.0, 1e-12));
    assert_eq!(
        treated.shape(),
        Shape::About((treated.lo + treated.hi) / 2.0)
    );
    assert!(close(treated.central(), 23.77, 1e-3), "{treated:?}");

    let forestry = value(&m, "forestry_share_of_banner");
    assert!(close(forestry.lo, 33.8642, 1e-5) && close(forestry.hi, 34.5484, 1e-5));

    // 3.4 million ha is about three times the banner: the share is far above 100%.
    let forest = value(&m, "forest_land_share_of_banner");
    assert!(close(forest.lo, 292.7249, 1e-6) && close(forest.hi, 298.6386, 1e-6));
}

#[test]
fn forest_area_implied_by_the_cover_rate_is_a_lower_bound() {
    let m = model();
    // more than 21% of at least 1,138,500 ha
    let v = value(&m, "forest_area_implied_by_cover");
    match v.shape() {
        Shape::MoreThan(x) => assert!(close(x, 239_085.0, 1e-12), "{x}"),
        other => panic!("a lower bound, not {other:?}"),
    }
    assert_eq!(
        m.quantity("forest_area_implied_by_cover").unwrap().unit,
        Unit::builtin("ha")
    );
}

#[test]
fn timber_per_hectare_of_forest_land() {
    let m = model();
    // 4.7 million m³ / 3.4 million ha
    assert_point(
        &m,
        "timber_per_forest_ha",
        4.7 / 3.4,
        Unit::builtin("m3/ha"),
    );
    assert!(close(value(&m, "timber_per_forest_ha").lo, 1.382353, 1e-6));
}

#[test]
fn every_derived_metric_is_computed_once_in_its_declared_unit() {
    let m = model();
    assert_eq!(m.dataset.derived.len(), 28);
    for d in &m.dataset.derived {
        let q = m.quantity(&d.id).unwrap();
        assert_eq!(q.unit.code(), d.unit, "{}", d.id);
        assert_eq!(q.origin, Origin::Derived);
        assert!(q.value.lo.is_finite(), "{}: {:?}", d.id, q.value);
        assert!(q.value.lo <= q.value.hi, "{}: {:?}", d.id, q.value);
        assert_eq!(
            m.quantities.iter().filter(|x| x.id == d.id).count(),
            1,
            "{}",
            d.id
        );
    }
    assert_eq!(
        m.quantities.len(),
        m.dataset.figures.len() + m.dataset.derived.len()
    );
}

#[test]
fn derived_metrics_trace_back_to_paragraphs() {
    let m = model();
    assert_eq!(m.paragraph_of("tourism_income_per_visit"), Some(3));
    assert_eq!(m.paragraph_of("guard_payroll_over_subsidy_period"), Some(4));
    assert_eq!(m.paragraph_of("vegetation_cover_gain"), Some(5));
    assert_eq!(m.paragraph_of("forest_cover_2002"), Some(2));
    // The first input of a share of the banner is reported; the banner area is context.
    assert_eq!(m.paragraph_of("treated_share_of_banner"), Some(2));
    assert_eq!(m.paragraph_of("banner_area"), None);
    let users: Vec<&str> = m
        .derived_using("subsidy_years")
        .iter()
        .map(|d| d.id.as_str())
        .collect();
    assert_eq!(
        users,
        [
            "guard_payroll_over_subsidy_period",
            "subsidy_parts_per_year",
            "subsidy_stated_per_year"
        ]
    );
}

/// The smallest dataset around some figures and derived metrics.
fn tiny(figures: serde_json::Value, derived: serde_json::Value) -> serde_json::Value {
    json!({
        "format_version": 1,
        "case": {"id": "t", "title": {"en": "t", "zh": "t"}, "place": {"en": "p", "zh": "p"}, "citation": {"en": "c", "zh": "c"}},
        "paragraphs": [{"n": 0, "title": {"en": "t", "zh": "t"}, "summary": {"en": "s", "zh": "s"}}],
        "channels": [],
        "figures": figures,
        "derived": derived,
    })
}

fn fig(id: &str, value: f64, unit: &str, period: serde_json::Value) -> serde_json::Value {
    json!({"id": id, "label": {"en": id, "zh": id}, "value": value, "scale": "one", "unit": unit,
           "period": period, "kind": "reported", "source": {"paragraph": 0, "note": {"en": "n", "zh": "n"}}})
}

fn der(id: &str, op: &str, inputs: &[&str], unit: &str) -> serde_json::Value {
    json!({"id": id, "label": {"en": id, "zh": id}, "operation": op, "inputs": inputs, "unit": unit,
           "formula": {"en": "f", "zh": "f"}, "symbols": "f"})
}

#[test]
fn derived_metrics_resolve_in_any_order_and_convert_units() {
    let d = tiny(
        json!([
            fig("a", 3.0, "km2", json!({"type": "year", "year": 2017})),
            fig("b", 150.0, "ha", json!({"type": "year", "year": 2017}))
        ]),
        // Declared before its input, and in mu.
        json!([
            der("twice", "sum", &["total", "total"], "mu"),
            der("total", "sum", &["a", "b"], "ha"),
            der("diff", "difference", &["a", "b"], "km2"),
        ]),
    );
    let m = Model::from_json(&d.to_string()).unwrap();
    assert_eq!(m.quantity("total").unwrap().value, Estimate::point(450.0));
    assert_eq!(
        m.quantity("twice").unwrap().value,
        Estimate::point(13_500.0)
    );
    assert_eq!(m.quantity("diff").unwrap().value, Estimate::point(1.5));
    assert_eq!(
        m.quantity("total").unwrap().period,
        Some(Period::Year { year: 2017 })
    );
    // Computed in rounds over the list: what is ready in list order, then what waited.
    let order: Vec<&str> = m.quantities.iter().map(|q| q.id.as_str()).collect();
    assert_eq!(order, ["a", "b", "total", "diff", "twice"]);
}

#[test]
fn shared_inputs_are_traced_without_an_exponential_walk() {
    // level_i = level_{i+1} + level_{i+1}, 60 levels deep: 2^60 paths, 60 metrics.
    let depth = 60;
    let metrics: Vec<serde_json::Value> = (0..depth)
        .map(|i| {
            let input = if i + 1 == depth {
                "base".to_string()
            } else {
                format!("level{}", i + 1)
            };
            der(&format!("level{i}"), "sum", &[&input, &input], "ha")
        })
        .collect();
    let mut base = fig("base", 1.0, "ha", json!({"type": "undated"}));
    base["source"]["paragraph"] = json!(0);
    let m = Model::from_json(&tiny(json!([base]), json!(metrics)).to_string()).unwrap();
    let start = std::time::Instant::now();
    assert_eq!(m.paragraph_of("level0"), Some(0));
    assert!(start.elapsed().as_secs() < 2, "took {:?}", start.elapsed());
    assert_eq!(
        m.quantity("level0").unwrap().value,
        Estimate::point(2f64.powi(depth))
    );
}

#[test]
fn paragraph_of_skips_inputs_without_a_paragraph() {
    let mut ctx = fig("ctx", 2.0, "ha", json!({"type": "undated"}));
    ctx["kind"] = json!("context");
    ctx["source"] = json!({"external": "x", "note": {"en": "n", "zh": "n"}});
    let m = Model::from_json(
        &tiny(
            json!([ctx, fig("rep", 1.0, "ha", json!({"type": "undated"}))]),
            json!([
                der("share", "ratio", &["ctx", "rep"], "percent"),
                der("only_ctx", "sum", &["ctx"], "ha"),
            ]),
        )
        .to_string(),
    )
    .unwrap();
    assert_eq!(m.paragraph_of("share"), Some(0));
    assert_eq!(m.paragraph_of("only_ctx"), None);
    assert_eq!(m.paragraph_of("ctx"), None);
    assert_eq!(m.paragraph_of("nothing"), None);
}

#[test]
fn period_years_counts_both_ends_and_never_overflows() {
    let d = tiny(
        json!([
            fig("one", 1.0, "cny", json!({"type": "year", "year": 2017})),
            fig(
                "span",
                1.0,
                "cny",
                json!({"type": "range", "from": 2014, "to": 2017})
            ),
            fig(
                "huge",
                1.0,
                "cny",
                json!({"type": "range", "from": i32::MIN, "to": i32::MAX})
            )
        ]),
        json!([
            der("y1", "period_years", &["one"], "year"),
            der("y4", "period_years", &["span"], "year"),
            der("yh", "period_years", &["huge"], "year"),
        ]),
    );
    let m = Model::from_json(&d.to_string()).expect("a valid dataset");
    assert_eq!(m.quantity("y1").unwrap().value, Estimate::point(1.0));
    assert_eq!(m.quantity("y4").unwrap().value, Estimate::point(4.0));
    assert_eq!(
        m.quantity("yh").unwrap().value,
        Estimate::point(2f64.powi(32))
    );
}
