#![cfg(not(target_arch = "wasm32"))]
//! Reference ranges and tensions: the verdicts on the embedded case, and on small datasets that
//! exercise each verdict (inside, outside, outside but mended by a slip, a bound straddling the
//! range) and the ratio of a tension.

use case_explorer::model::{
    range_verdict, Estimate, Lang, Model, RangeVerdict, ReferenceFinding, SlipKind, Status,
    TensionFinding, Unit,
};
use serde_json::{json, Value};

fn close(a: f64, b: f64, rel: f64) -> bool {
    a == b || (a - b).abs() <= rel * a.abs().max(b.abs())
}

fn reference<'a>(m: &'a Model, relation: &str) -> &'a ReferenceFinding {
    m.references
        .iter()
        .find(|f| f.relation == relation)
        .unwrap_or_else(|| panic!("no reference check {relation}"))
}

fn tension<'a>(m: &'a Model, relation: &str) -> &'a TensionFinding {
    m.tensions
        .iter()
        .find(|f| f.relation == relation)
        .unwrap_or_else(|| panic!("no tension {relation}"))
}

// ------------------------------------------------------------------ the embedded case study

#[test]
fn embedded_reference_checks() {
    let m = Model::embedded().expect("valid");
    let verdicts: Vec<(&str, RangeVerdict)> = m
        .references
        .iter()
        .map(|r| (r.relation.as_str(), r.verdict))
        .collect();
    // Outside first, in the dataset's order within a verdict.
    assert_eq!(
        verdicts,
        [
            ("timber_vs_national_inventory", RangeVerdict::Outside),
            ("timber_vs_inner_mongolia_inventory", RangeVerdict::Outside),
            ("guard_pay_vs_rural_income", RangeVerdict::Inside),
            ("tourism_spend_vs_national", RangeVerdict::Inside),
        ]
    );
    // 4.7 million m³ over 3.4 million ha, against 10–94.83 m³/ha.
    let t = reference(&m, "timber_vs_national_inventory");
    assert_eq!(t.unit, Unit::builtin("m3/ha"));
    assert!(close(t.value.lo, 4.7 / 3.4, 1e-12), "{:?}", t.value);
    assert!(close(t.gap, 10.0 - 4.7 / 3.4, 1e-12), "{}", t.gap);
    assert!(
        close(t.gap_pct, (10.0 - 4.7 / 3.4) * 10.0, 1e-9),
        "{}",
        t.gap_pct
    );
    assert_eq!(t.reference.source.year, 2019);
    assert!(t.reference.source.published.contains("94.83"));
    assert!(t.involves("forest_land_area") && t.involves("timber_stock"));
    // Mu printed as hectares (÷15 → 20.7 m³/ha) and ×10 on the stock (13.8) bring it inside; the
    // area's slip mends the most findings (three consistency checks and both timber checks).
    let slips: Vec<(&str, SlipKind, usize)> = t
        .slips
        .iter()
        .map(|s| (s.figure.as_str(), s.kind, s.mends))
        .collect();
    assert!(
        slips.contains(&("forest_land_area", SlipKind::MuAsHectares, 5)),
        "{slips:?}"
    );
    assert!(
        slips.contains(&("timber_stock", SlipKind::PowerOfTen(1), 2)),
        "{slips:?}"
    );
    assert_eq!(t.slips[0].figure, "forest_land_area");
    assert!(t.slips.iter().all(|s| s.status_after == Status::Holds));
    // 10,000 yuan a year lies between the income of the rural poor areas and of all rural
    // residents in 2017 (9,377 and 13,432 yuan per capita).
    let g = reference(&m, "guard_pay_vs_rural_income");
    assert_eq!((g.reference.low, g.reference.high), (9377.0, 13432.0));
    assert_eq!(g.value, Estimate::point(10_000.0));
    assert_eq!((g.gap, g.slips.len()), (0.0, 0));
    let v = reference(&m, "tourism_spend_vs_national");
    assert!(close(v.value.lo, 1.2e9 / 1.4e6, 1e-12));
    // The area is the suspect; the stock, not the best explanation, is only involved.
    assert_eq!(m.status_of("forest_land_area"), Some(Status::Contradicts));
    assert_eq!(m.status_of("timber_stock"), Some(Status::Holds));
    assert_eq!(m.references_for("timber_stock").len(), 2);
    assert_eq!(m.references_for("guard_salary").len(), 1);
}

#[test]
fn embedded_tensions() {
    let m = Model::embedded().expect("valid");
    let ratio = |id: &str| tension(&m, id).ratio.expect("computable");
    // 50.457 / 51.36 million yuan; 504.57 / 51.36; 310 × 10,000 × 4 / 4.45 million.
    assert!(close(
        ratio("subsidies_stated_vs_income_gain").lo,
        50.457 / 51.36,
        1e-12
    ));
    assert!(close(
        ratio("subsidies_parts_vs_income_gain").lo,
        504.57 / 51.36,
        1e-12
    ));
    let payroll = ratio("guard_payroll_vs_poor_gain");
    assert!(payroll.is_point());
    assert!(
        close(payroll.lo, 310.0 * 10_000.0 * 4.0 / 4.45e6, 1e-12),
        "{payroll:?}"
    );
    // The payroll's ratio rests on every figure of its formula.
    let t = tension(&m, "guard_payroll_vs_poor_gain");
    for id in [
        "forest_guards",
        "guard_salary",
        "subsidy_total",
        "income_gain_poor",
    ] {
        assert!(t.involves(id), "{id}");
    }
    assert_eq!(m.tensions_for("income_gain_all").len(), 2);
    // A tension is never a verdict: the poor's gain keeps its status.
    assert_eq!(m.status_of("income_gain_poor"), Some(Status::Holds));
}

// ------------------------------------------------------------------ each verdict

/// The corpus's mini dataset (treated area 1,200 ha, cover rate more than 21%, region 115 km²
/// ±1%, treated share derived) with these relations added.
fn mini_with(relations: Vec<Value>) -> Model {
    let text = std::fs::read_to_string(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/corpus/valid/mini.json"),
    )
    .unwrap();
    let mut v: Value = serde_json::from_str(&text).unwrap();
    v["figures"].as_array_mut().unwrap().push(json!({
        "id": "zero_area", "label": {"en": "z", "zh": "z"}, "value": 0, "scale": "one",
        "unit": "ha", "period": {"type": "undated"}, "kind": "context",
        "source": {"note": {"en": "z", "zh": "z"}}}));
    v["relations"].as_array_mut().unwrap().extend(relations);
    Model::from_json(&v.to_string()).expect("valid")
}

fn range(id: &str, subject: &str, low: f64, high: f64, unit: &str) -> Value {
    json!({"id": id, "label": {"en": id, "zh": id}, "rule": {"kind": "reference_range",
        "subject": subject, "reference": {"low": low, "high": high, "unit": unit,
        "source": {"name": "n", "publisher": "p", "year": 2018, "locator": "t",
        "published": "v"}, "note": {"en": "n", "zh": "n"}}}})
}

#[test]
fn inside_the_range() {
    let m = mini_with(vec![range("r", "treated_area", 1000.0, 2000.0, "ha")]);
    let r = reference(&m, "r");
    assert_eq!(r.verdict, RangeVerdict::Inside);
    assert_eq!((r.gap, r.gap_pct), (0.0, 0.0));
    assert!(r.slips.is_empty());
    // In another unit of the same kind: 1,200 ha is 12 km².
    let m = mini_with(vec![range("r", "treated_area", 10.0, 15.0, "km2")]);
    let r = reference(&m, "r");
    assert_eq!(r.verdict, RangeVerdict::Inside);
    assert_eq!((r.value.lo, r.unit.clone()), (12.0, Unit::builtin("km2")));
}

#[test]
fn outside_with_the_gap_and_no_slip() {
    // 1,200 ha against 3,000–4,000 ha: 1,800 ha short, 60% of the low end; no power of ten and
    // no mu/hectare mix-up lands inside.
    let m = mini_with(vec![range("r", "treated_area", 3000.0, 4000.0, "ha")]);
    let r = reference(&m, "r");
    assert_eq!(r.verdict, RangeVerdict::Outside);
    assert_eq!(r.gap, 1800.0);
    assert!(close(r.gap_pct, 60.0, 1e-12));
    assert!(r.slips.is_empty(), "{:?}", r.slips);
    // Implausible flags the reported figure, and only that.
    assert_eq!(m.status_of("treated_area"), Some(Status::Implausible));
    assert_eq!(m.status_of("region_area"), Some(Status::Holds));
    // Above the range: the gap to the high end.
    let m = mini_with(vec![range("r", "treated_area", 100.0, 1000.0, "ha")]);
    let r = reference(&m, "r");
    assert_eq!((r.verdict, r.gap), (RangeVerdict::Outside, 200.0));
    assert!(close(r.gap_pct, 20.0, 1e-12));
}

#[test]
fn outside_but_mended_by_a_slip() {
    // ÷10 gives 120 ha, inside 100–150 (and still inside the region, so it breaks nothing).
    let m = mini_with(vec![range("r", "treated_area", 100.0, 150.0, "ha")]);
    let r = reference(&m, "r");
    assert_eq!(r.verdict, RangeVerdict::Outside);
    let slips: Vec<(&str, SlipKind)> = r
        .slips
        .iter()
        .map(|s| (s.figure.as_str(), s.kind))
        .collect();
    assert_eq!(slips, [("treated_area", SlipKind::PowerOfTen(-1))]);
    assert_eq!((r.slips[0].corrected, r.slips[0].mends), (120.0, 1));
    // Mu printed as hectares: 1,200 ÷ 15 = 80 ha, inside 70–90.
    let m = mini_with(vec![range("r", "treated_area", 70.0, 90.0, "ha")]);
    let slips: Vec<SlipKind> = reference(&m, "r").slips.iter().map(|s| s.kind).collect();
    assert_eq!(slips, [SlipKind::MuAsHectares]);
    // ×10 would give 12,000 ha, inside 10,000–15,000 but larger than the region (11,500 ha):
    // a slip that breaks a check that holds is not offered.
    let m = mini_with(vec![range("r", "treated_area", 10_000.0, 15_000.0, "ha")]);
    assert!(reference(&m, "r").slips.is_empty());
    // A derived subject: the slip is found on its reported input. 1,200 ha over 11,500 ha is
    // 10.4%; with the area ÷10 it is 1.04%, inside 1–2%.
    let m = mini_with(vec![range("r", "treated_share", 1.0, 2.0, "percent")]);
    let r = reference(&m, "r");
    assert_eq!(r.verdict, RangeVerdict::Outside);
    let slips: Vec<(&str, SlipKind)> = r
        .slips
        .iter()
        .map(|s| (s.figure.as_str(), s.kind))
        .collect();
    assert_eq!(slips, [("treated_area", SlipKind::PowerOfTen(-1))]);
    assert!(r.involves("treated_area") && r.involves("region_area"));
}

#[test]
fn a_bound_that_straddles_the_range_is_undecided() {
    // "More than 21%" reaches from 21% up to 100%: partly inside 15–30%.
    let m = mini_with(vec![range("r", "cover_rate", 15.0, 30.0, "percent")]);
    let r = reference(&m, "r");
    assert_eq!(r.verdict, RangeVerdict::Straddles);
    assert_eq!(r.gap, 0.0);
    assert!(r.slips.is_empty());
    assert_eq!(m.status_of("cover_rate"), Some(Status::Holds));
    // Wholly above 10–20% (21 itself is excluded, so even a range ending at 21 is below it).
    let m = mini_with(vec![range("r", "cover_rate", 10.0, 21.0, "percent")]);
    assert_eq!(reference(&m, "r").verdict, RangeVerdict::Outside);
    // A share cannot exceed 100%: "more than 21%" lies inside 21–100%.
    let m = mini_with(vec![range("r", "cover_rate", 21.0, 100.0, "percent")]);
    assert_eq!(reference(&m, "r").verdict, RangeVerdict::Inside);
}

#[test]
fn the_verdict_rule_on_intervals() {
    let e = |lo: f64, hi: f64| Estimate {
        lo,
        hi,
        lo_open: false,
        hi_open: false,
    };
    assert_eq!(
        range_verdict(&e(2.0, 3.0), 1.0, 4.0).0,
        RangeVerdict::Inside
    );
    assert_eq!(
        range_verdict(&e(1.0, 4.0), 1.0, 4.0).0,
        RangeVerdict::Inside
    );
    assert_eq!(
        range_verdict(&e(0.0, 2.0), 1.0, 4.0).0,
        RangeVerdict::Straddles
    );
    assert_eq!(
        range_verdict(&e(0.0, 9.0), 1.0, 4.0).0,
        RangeVerdict::Straddles
    );
    assert_eq!(
        range_verdict(&e(5.0, 9.0), 1.0, 4.0),
        (RangeVerdict::Outside, 1.0, 25.0)
    );
    assert_eq!(
        range_verdict(&e(0.0, 0.5), 1.0, 4.0),
        (RangeVerdict::Outside, 0.5, 50.0)
    );
    // "Less than 1" never reaches 1.
    let less = Estimate {
        hi_open: true,
        ..e(0.0, 1.0)
    };
    assert_eq!(range_verdict(&less, 1.0, 4.0).0, RangeVerdict::Outside);
}

#[test]
fn a_tension_shows_its_ratio() {
    let t = |num: &str, den: &str| {
        json!({"id": "t", "label": {"en": "t", "zh": "t"}, "rule": {"kind": "tension",
            "numerator": num, "denominator": den, "meaning": {"en": "m", "zh": "含义"}}})
    };
    // 1,200 ha over 115 km² ±1%: an interval of pure numbers.
    let m = mini_with(vec![t("treated_area", "region_area")]);
    let x = tension(&m, "t");
    let r = x.ratio.expect("computable");
    assert!(close(r.lo, 1200.0 / 11_615.0, 1e-12), "{r:?}");
    assert!(close(r.hi, 1200.0 / 11_385.0, 1e-12), "{r:?}");
    assert_eq!(x.meaning.get(Lang::Zh), "含义");
    assert!(x.involves("region_area"));
    // No verdict: nothing is flagged, and the consistency findings are those without it.
    assert_eq!(m.findings.len(), 1);
    assert_eq!(m.status_of("treated_area"), Some(Status::Holds));
    // A denominator that may be zero gives no ratio, and no panic.
    let m = mini_with(vec![t("treated_area", "zero_area")]);
    assert_eq!(tension(&m, "t").ratio, None);
}

#[test]
fn a_ratio_beyond_the_numbers_is_said_so_not_printed_as_infinity() {
    let text = std::fs::read_to_string(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/corpus/valid/mini.json"),
    )
    .unwrap();
    let mut v: Value = serde_json::from_str(&text).unwrap();
    let figure = |id: &str, value: f64, scale: &str| {
        json!({"id": id, "label": {"en": id, "zh": id}, "value": value, "scale": scale,
            "unit": "ha", "period": {"type": "undated"}, "kind": "context",
            "source": {"note": {"en": "n", "zh": "n"}}})
    };
    let figures = v["figures"].as_array_mut().unwrap();
    figures.push(figure("vast", 1.0e290, "billion"));
    figures.push(figure("tiny", 1.0e-100, "one"));
    v["relations"]
        .as_array_mut()
        .unwrap()
        .push(json!({"id": "t",
        "label": {"en": "t", "zh": "t"}, "rule": {"kind": "tension", "numerator": "vast",
        "denominator": "tiny", "meaning": {"en": "m", "zh": "m"}}}));
    let m = Model::from_json(&v.to_string()).expect("valid: each figure is finite");
    assert!(tension(&m, "t").overflows(), "{:?}", tension(&m, "t").ratio);
    // An open bound is not an overflow: "more than" has no upper end by meaning.
    let m = mini_with(vec![
        json!({"id": "t", "label": {"en": "t", "zh": "t"}, "rule": {
        "kind": "tension", "numerator": "treated_area", "denominator": "region_area",
        "meaning": {"en": "m", "zh": "m"}}}),
    ]);
    assert!(!tension(&m, "t").overflows());
}
