#![cfg(not(target_arch = "wasm32"))]
//! Consistency checks: the findings on the embedded data, and on small hand-made datasets that
//! exercise each verdict and each kind of slip.

use case_explorer::model::{Finding, Model, Rule, Slip, SlipKind, Status, Unit, DOUBTFUL_BAND_PCT};
use serde_json::{json, Value};

fn close(a: f64, b: f64, rel: f64) -> bool {
    a == b || (a - b).abs() <= rel * a.abs().max(b.abs())
}

fn finding<'a>(m: &'a Model, relation: &str) -> &'a Finding {
    m.findings
        .iter()
        .find(|f| f.relation == relation)
        .unwrap_or_else(|| panic!("no finding for {relation}"))
}

fn slip_kinds(f: &Finding) -> Vec<(&str, SlipKind)> {
    f.slips
        .iter()
        .map(|s| (s.figure.as_str(), s.kind))
        .collect()
}

// ------------------------------------------------------------------ the embedded case study

fn embedded() -> Model {
    Model::embedded().expect("the embedded dataset is valid")
}

#[test]
fn embedded_verdicts() {
    let m = embedded();
    let mut verdicts: Vec<(&str, Status)> = m
        .findings
        .iter()
        .map(|f| (f.relation.as_str(), f.status))
        .collect();
    verdicts.sort();
    assert_eq!(
        verdicts,
        [
            ("forest_area_matches_cover", Status::Contradicts),
            ("forest_cover_stated_twice", Status::Holds),
            ("forest_within_banner", Status::Contradicts),
            ("forest_within_forestry", Status::Contradicts),
            ("forestry_within_banner", Status::Holds),
            ("poor_gain_within_all", Status::Holds),
            ("subsidy_parts_add_up", Status::Contradicts),
            ("treated_within_banner", Status::Holds),
            ("treated_within_sandy_land", Status::Holds),
        ]
    );
    // Reference ranges and tensions are not consistency findings (see model_references.rs).
    let consistency = m
        .dataset
        .relations
        .iter()
        .filter(|r| r.rule.is_consistency());
    assert_eq!(m.findings.len(), consistency.count());
}

#[test]
fn findings_are_listed_worst_first() {
    let m = embedded();
    for w in m.findings.windows(2) {
        assert!(
            w[0].status >= w[1].status,
            "{} before {}",
            w[0].relation,
            w[1].relation
        );
        if w[0].status == w[1].status {
            assert!(
                w[0].gap_pct >= w[1].gap_pct,
                "{} before {}",
                w[0].relation,
                w[1].relation
            );
        }
    }
    assert_eq!(m.findings[0].relation, "subsidy_parts_add_up");
    assert_eq!(m.findings[1].relation, "forest_within_forestry");
}

#[test]
fn the_subsidy_total_is_a_power_of_ten_off() {
    let m = embedded();
    let f = finding(&m, "subsidy_parts_add_up");
    // The parts and the total as the dataset declares them, their values from its figures.
    let Rule::SumEquals { parts, total } = &f.rule else {
        panic!("a sum: {:?}", f.rule)
    };
    let value = |id: &str| m.quantity(id).expect("a figure").value.lo;
    let sum: f64 = parts.iter().map(|p| value(p)).sum();
    let stated = value(total);
    assert_eq!(f.status, Status::Contradicts);
    assert_eq!(&f.left.ids, parts);
    assert_eq!(f.right.ids, std::slice::from_ref(total));
    assert_eq!(f.left.unit, m.quantity(total).expect("total").unit);
    assert!(close(f.left.value.lo, sum, 1e-12));
    assert_eq!(f.right.value.lo, stated);
    assert!(close(f.gap, sum - stated, 1e-12), "{}", f.gap);
    // What the case is known for: the parts add up to ten times the stated total.
    assert!(close(f.gap_pct, 900.0, 1e-9), "{}", f.gap_pct);
    assert_eq!(f.tolerance_pct, 0.5);
    assert_eq!(f.slips.len(), 1, "{:?}", f.slips);
    let s = &f.slips[0];
    assert_eq!(&s.figure, total);
    assert_eq!(s.kind, SlipKind::PowerOfTen(1));
    assert_eq!(s.factor, 10.0);
    assert!(close(s.corrected, sum, 1e-12));
    assert_eq!(s.status_after, Status::Holds);
    assert_eq!(s.mends, 1);
}

#[test]
fn the_forest_land_area_is_a_power_of_ten_or_a_unit_off() {
    let m = embedded();
    for (relation, gap, gap_pct) in [
        ("forest_within_forestry", 3_006_667.0, 764.406_8),
        ("forest_within_banner", 2_238_500.0, 192.724_9),
        ("forest_area_matches_cover", 192.724_9, 192.724_9),
    ] {
        let f = finding(&m, relation);
        assert_eq!(f.status, Status::Contradicts, "{relation}");
        assert!(close(f.gap, gap, 1e-6), "{relation}: gap {}", f.gap);
        assert!(
            close(f.gap_pct, gap_pct, 1e-6),
            "{relation}: gap {}%",
            f.gap_pct
        );
        assert_eq!(
            slip_kinds(f),
            [
                ("forest_land_area", SlipKind::PowerOfTen(-1)),
                ("forest_land_area", SlipKind::MuAsHectares)
            ],
            "{relation}"
        );
        let tenth = &f.slips[0];
        assert!(close(tenth.factor, 0.1, 1e-12) && close(tenth.corrected, 340_000.0, 1e-12));
        let mu = &f.slips[1];
        assert!(close(mu.factor, 1.0 / 15.0, 1e-12));
        assert!(close(mu.corrected, 226_666.666_7, 1e-9), "{}", mu.corrected);
        for s in &f.slips {
            assert_eq!(s.status_after, Status::Holds, "{relation}");
            // All three findings, and both reference checks of the timber stock per hectare.
            assert_eq!(s.mends, 5, "one slip mends five findings");
        }
    }
    // Forest land against forestry land, both in hectares.
    let f = finding(&m, "forest_within_forestry");
    assert_eq!(
        (f.left.value.lo, f.right.value.lo),
        (3_400_000.0, 393_333.0)
    );
    // The banner's area is a range: the excess counts from its top.
    let f = finding(&m, "forest_within_banner");
    assert_eq!(f.right.unit, Unit::builtin("ha"));
    assert!(
        close(f.right.value.lo, 1_138_500.0, 1e-12) && close(f.right.value.hi, 1_161_500.0, 1e-12)
    );
    // Coverage "more than 21%" is a share, so at most 100%; 3.4 million ha is ~293–299%.
    let f = finding(&m, "forest_area_matches_cover");
    assert_eq!(f.right.unit, Unit::builtin("%"));
    assert_eq!((f.right.value.lo, f.right.value.hi), (21.0, 100.0));
    assert!(close(f.left.value.lo, 292.7249, 1e-6) && close(f.left.value.hi, 298.6386, 1e-6));
    assert_eq!(f.tolerance_pct, 10.0);
}

#[test]
fn no_slip_is_offered_that_would_break_a_relation_that_holds() {
    let m = embedded();
    // Forestry land ×10 would contain 3.4 million ha, but would no longer fit in the banner.
    for f in &m.findings {
        for s in &f.slips {
            assert_ne!(s.figure, "forestry_land_area", "{}", f.relation);
            // Context figures are never "corrected".
            assert_ne!(s.figure, "banner_area", "{}", f.relation);
        }
    }
}

#[test]
fn the_other_relations_hold_with_no_gap() {
    let m = embedded();
    for relation in [
        "treated_within_banner",
        "forestry_within_banner",
        "forest_cover_stated_twice",
        "poor_gain_within_all",
        "treated_within_sandy_land",
    ] {
        let f = finding(&m, relation);
        assert_eq!(f.status, Status::Holds, "{relation}");
        assert_eq!((f.gap, f.gap_pct), (0.0, 0.0), "{relation}");
        assert!(f.slips.is_empty(), "{relation}");
        assert_eq!(f.tolerance_pct, 1.0, "{relation}: the default tolerance");
    }
}

#[test]
fn status_of_flags_the_suspected_figures() {
    let m = embedded();
    // A finding that fails points at the figures its best slips name; the other figures it
    // involves, and context figures, are not flagged.
    for (id, status) in [
        ("forest_land_area", Some(Status::Contradicts)),
        ("subsidy_total", Some(Status::Contradicts)),
        ("subsidy_grassland", Some(Status::Holds)),
        ("forest_cover_rate", Some(Status::Holds)),
        ("banner_area", Some(Status::Holds)),
        ("forestry_land_area", Some(Status::Holds)),
        ("desert_treated_area", Some(Status::Holds)),
        ("income_gain_poor", Some(Status::Holds)),
        ("forest_cover_rate_results", Some(Status::Holds)),
        // Named by reference checks only, and not their best explanation.
        ("timber_stock", Some(Status::Holds)),
        ("tourists_2017", Some(Status::Holds)),
        ("vegetation_cover_before", None),
    ] {
        assert_eq!(m.status_of(id), status, "{id}");
    }
    assert_eq!(
        finding(&m, "forest_within_banner").suspects(&m),
        ["forest_land_area"]
    );
    assert_eq!(
        finding(&m, "subsidy_parts_add_up").suspects(&m),
        ["subsidy_total"]
    );
    assert!(finding(&m, "treated_within_banner").suspects(&m).is_empty());
    // Every figure a finding names is found by findings_for.
    assert_eq!(m.findings_for("forest_land_area").len(), 3);
    assert_eq!(m.findings_for("subsidy_grassland").len(), 1);
    assert_eq!(m.findings_for("banner_area").len(), 4);
    assert_eq!(Status::parse("doubtful"), Some(Status::Doubtful));
    assert_eq!(Status::Contradicts.code(), "contradicts");
}

// ------------------------------------------------------------------ hand-made datasets

fn figure(id: &str, value: f64, unit: &str, extra: Value) -> Value {
    let mut f = json!({
        "id": id, "label": {"en": id, "zh": id}, "value": value, "scale": "one", "unit": unit,
        "period": {"type": "undated"}, "kind": "reported",
        "source": {"paragraph": 0, "quote": id, "note": {"en": "n", "zh": "n"}}
    });
    if let (Value::Object(f), Value::Object(extra)) = (&mut f, extra) {
        f.extend(extra);
    }
    f
}

fn reported(id: &str, value: f64, unit: &str) -> Value {
    figure(id, value, unit, json!({}))
}

fn context(id: &str, value: f64, unit: &str) -> Value {
    figure(
        id,
        value,
        unit,
        json!({"kind": "context", "source": {"external": "somewhere", "note": {"en": "n", "zh": "n"}}}),
    )
}

fn relation(id: &str, rule: Value) -> Value {
    json!({"id": id, "label": {"en": id, "zh": id}, "rule": rule})
}

fn sum_equals(id: &str, parts: &[&str], total: &str) -> Value {
    relation(
        id,
        json!({"kind": "sum_equals", "parts": parts, "total": total}),
    )
}

fn build(figures: Vec<Value>, relations: Vec<Value>) -> Model {
    let d = json!({
        "format_version": 1,
        "case": {"id": "t", "title": {"en": "t", "zh": "t"}, "place": {"en": "p", "zh": "p"}, "citation": {"en": "c", "zh": "c"}},
        "paragraphs": [{"n": 0, "title": {"en": "t", "zh": "t"}, "summary": {"en": "s", "zh": "s"}}],
        "channels": [],
        "figures": figures,
        "relations": relations,
    });
    Model::from_json(&d.to_string()).unwrap_or_else(|e| panic!("invalid test dataset: {e:?}"))
}

#[test]
fn parts_that_add_up_exactly_hold() {
    let m = build(
        vec![
            reported("a", 30.0, "cny"),
            reported("b", 20.0, "cny"),
            reported("c", 50.0, "cny"),
            reported("t", 100.0, "cny"),
        ],
        vec![sum_equals("r", &["a", "b", "c"], "t")],
    );
    let f = finding(&m, "r");
    assert_eq!(f.status, Status::Holds);
    assert_eq!((f.gap, f.gap_pct), (0.0, 0.0));
    assert!(f.slips.is_empty());
    assert_eq!(f.left.ids, ["a", "b", "c"]);
    assert_eq!(f.right.ids, ["t"]);
    assert_eq!(m.status_of("a"), Some(Status::Holds));
}

#[test]
fn parts_that_add_up_within_rounding_raise_no_alarm() {
    // Thirds rounded to one decimal: 33.3 × 3 = 99.9 against 100.
    let m = build(
        vec![
            reported("a", 33.3, "percent"),
            reported("b", 33.3, "percent"),
            reported("c", 33.3, "percent"),
            reported("t", 100.0, "percent"),
            reported("x", 5.13, "cny"),
            reported("y", 4.45, "cny"),
            reported("s", 9.6, "cny"),
        ],
        vec![
            sum_equals("thirds", &["a", "b", "c"], "t"),
            sum_equals("money", &["x", "y"], "s"),
        ],
    );
    let f = finding(&m, "thirds");
    assert_eq!(f.status, Status::Holds);
    assert!(close(f.gap_pct, 0.1, 1e-6), "{}", f.gap_pct);
    assert!(f.slips.is_empty());
    // 5.13 + 4.45 = 9.58 against 9.6: 0.2%, inside the default 1%.
    let f = finding(&m, "money");
    assert_eq!(f.status, Status::Holds);
    assert!(close(f.gap_pct, 0.02 / 9.6 * 100.0, 1e-6), "{}", f.gap_pct);
}

#[test]
fn a_bound_that_allows_agreement_holds() {
    let m = build(
        vec![
            reported("a", 60.0, "cny"),
            reported("b", 40.0, "cny"),
            figure("more", 90.0, "cny", json!({"qualifier": "more_than"})),
            figure("less", 120.0, "cny", json!({"qualifier": "less_than"})),
            figure(
                "about",
                98.0,
                "cny",
                json!({"qualifier": "about", "about_pct": 5}),
            ),
            figure("under", 90.0, "cny", json!({"qualifier": "less_than"})),
        ],
        vec![
            sum_equals("more_than", &["a", "b"], "more"),
            sum_equals("less_than", &["a", "b"], "less"),
            sum_equals("about", &["a", "b"], "about"),
            sum_equals("under", &["a", "b"], "under"),
        ],
    );
    for r in ["more_than", "less_than", "about"] {
        let f = finding(&m, r);
        assert_eq!(f.status, Status::Holds, "{r}");
        assert_eq!(f.gap, 0.0, "{r}");
    }
    // "Less than 90" cannot be 100: 10 above the bound, 11% of it.
    let f = finding(&m, "under");
    assert_eq!(f.status, Status::Contradicts);
    assert!(
        close(f.gap, 10.0, 1e-12) && close(f.gap_pct, 100.0 / 9.0, 1e-9),
        "{} {}",
        f.gap,
        f.gap_pct
    );
}

#[test]
fn a_gap_of_about_five_percent_is_doubtful() {
    let m = build(
        vec![
            reported("a", 55.0, "cny"),
            reported("b", 50.0, "cny"),
            reported("t", 100.0, "cny"),
            reported("u", 110.0, "cny"),
        ],
        vec![
            sum_equals("over", &["a", "b"], "t"),
            sum_equals("under", &["a", "b"], "u"),
        ],
    );
    let f = finding(&m, "over");
    assert_eq!(f.status, Status::Doubtful);
    assert!(
        close(f.gap, 5.0, 1e-12) && close(f.gap_pct, 5.0, 1e-12),
        "{} {}",
        f.gap,
        f.gap_pct
    );
    assert!(f.gap_pct > f.tolerance_pct && f.gap_pct <= DOUBTFUL_BAND_PCT);
    assert!(
        f.slips.is_empty(),
        "no single slip explains 5%: {:?}",
        f.slips
    );
    let f = finding(&m, "under");
    assert_eq!(f.status, Status::Doubtful);
    assert!(
        close(f.gap_pct, 5.0 / 110.0 * 100.0, 1e-12),
        "{}",
        f.gap_pct
    );
    assert_eq!(m.status_of("t"), Some(Status::Doubtful));
}

#[test]
fn a_declared_tolerance_widens_agreement() {
    let mut wide = sum_equals("wide", &["a", "b"], "t");
    wide["tolerance_pct"] = json!(6.0);
    let m = build(
        vec![
            reported("a", 55.0, "cny"),
            reported("b", 50.0, "cny"),
            reported("t", 100.0, "cny"),
        ],
        vec![wide],
    );
    let f = finding(&m, "wide");
    assert_eq!((f.status, f.tolerance_pct), (Status::Holds, 6.0));
}

#[test]
fn a_clear_contradiction_is_reported_without_a_made_up_cause() {
    let m = build(
        vec![
            reported("a", 70.0, "cny"),
            reported("b", 80.0, "cny"),
            reported("t", 100.0, "cny"),
        ],
        vec![sum_equals("r", &["a", "b"], "t")],
    );
    let f = finding(&m, "r");
    assert_eq!(f.status, Status::Contradicts);
    assert!(close(f.gap, 50.0, 1e-12) && close(f.gap_pct, 50.0, 1e-12));
    assert!(
        f.slips.is_empty(),
        "no power of ten or unit explains 150 vs 100: {:?}",
        f.slips
    );
    // With no slip to blame, every reported figure it names is suspect.
    assert_eq!(f.suspects(&m), ["a", "b", "t"]);
    for id in ["a", "b", "t"] {
        assert_eq!(m.status_of(id), Some(Status::Contradicts), "{id}");
    }
}

#[test]
fn an_area_fifteen_times_too_large_is_mu_read_as_hectares() {
    let m = build(
        vec![
            // 1,000 ha written as its 15,000 mu but labelled hectares
            reported("forest", 15_000.0, "ha"),
            context("forest_elsewhere", 1_000.0, "ha"),
            reported("parts_a", 600.0, "ha"),
            reported("parts_b", 400.0, "ha"),
        ],
        vec![
            relation(
                "same",
                json!({"kind": "equal", "a": "forest", "b": "forest_elsewhere"}),
            ),
            sum_equals("sum", &["parts_a", "parts_b"], "forest"),
        ],
    );
    for r in ["same", "sum"] {
        let f = finding(&m, r);
        assert_eq!(f.status, Status::Contradicts, "{r}");
        let mu: Vec<&Slip> = f.slips.iter().filter(|s| s.figure == "forest").collect();
        assert_eq!(mu.len(), 1, "{r}: {:?}", f.slips);
        assert_eq!(mu[0].kind, SlipKind::MuAsHectares, "{r}");
        assert!(close(mu[0].corrected, 1_000.0, 1e-12));
        assert_eq!(mu[0].status_after, Status::Holds);
        assert_eq!(mu[0].mends, 2, "{r}: the same slip mends both findings");
    }
    // The context figure is never the one "corrected".
    assert!(finding(&m, "same")
        .slips
        .iter()
        .all(|s| s.figure == "forest"));
}

#[test]
fn an_area_fifteen_times_too_small_is_hectares_read_as_mu() {
    let m = build(
        vec![
            reported("plots", 100.0, "mu"),
            context("survey", 100.0, "ha"),
        ],
        vec![relation(
            "same",
            json!({"kind": "equal", "a": "plots", "b": "survey"}),
        )],
    );
    let f = finding(&m, "same");
    assert_eq!(f.status, Status::Contradicts);
    assert_eq!(slip_kinds(f), [("plots", SlipKind::HectaresAsMu)]);
    assert!(close(f.slips[0].corrected, 1_500.0, 1e-12));
}

#[test]
fn a_wan_slip_is_a_power_of_ten_of_four() {
    // 51.36 million yuan is 5,136 万元; the total was copied without its 万.
    let m = build(
        vec![
            reported("workers", 30_000_000.0, "cny"),
            reported("herders", 21_360_000.0, "cny"),
            reported("total", 5_136.0, "cny"),
        ],
        vec![sum_equals("r", &["workers", "herders"], "total")],
    );
    let f = finding(&m, "r");
    assert_eq!(f.status, Status::Contradicts);
    assert_eq!(slip_kinds(f), [("total", SlipKind::PowerOfTen(4))]);
    let s = &f.slips[0];
    assert_eq!(s.factor, 1e4);
    assert!(close(s.corrected, 51_360_000.0, 1e-12));
    assert_eq!(s.status_after, Status::Holds);
}

#[test]
fn the_yi_slip_and_its_inverse() {
    // 1.2 billion = 12 亿, written as 12 yuan; and a part 10^8 too large.
    let m = build(
        vec![
            reported("income", 12.0, "cny"),
            context("income_elsewhere", 1.2e9, "cny"),
        ],
        vec![relation(
            "same",
            json!({"kind": "equal", "a": "income", "b": "income_elsewhere"}),
        )],
    );
    assert_eq!(
        slip_kinds(finding(&m, "same")),
        [("income", SlipKind::PowerOfTen(8))]
    );
    let m = build(
        vec![
            reported("income", 1.2e17, "cny"),
            context("income_elsewhere", 1.2e9, "cny"),
        ],
        vec![relation(
            "same",
            json!({"kind": "equal", "a": "income", "b": "income_elsewhere"}),
        )],
    );
    assert_eq!(
        slip_kinds(finding(&m, "same")),
        [("income", SlipKind::PowerOfTen(-8))]
    );
}

#[test]
fn a_slip_that_would_break_a_holding_relation_is_not_offered() {
    // t ×10 would make the sum add up, but t also equals u, which holds as reported.
    let m = build(
        vec![
            reported("a", 600.0, "cny"),
            reported("b", 400.0, "cny"),
            reported("t", 100.0, "cny"),
            reported("u", 100.0, "cny"),
        ],
        vec![
            sum_equals("sum", &["a", "b"], "t"),
            relation("same", json!({"kind": "equal", "a": "t", "b": "u"})),
        ],
    );
    let f = finding(&m, "sum");
    assert_eq!(f.status, Status::Contradicts);
    assert!(f.slips.iter().all(|s| s.figure != "t"), "{:?}", f.slips);
    assert_eq!(finding(&m, "same").status, Status::Holds);
}

#[test]
fn the_mildest_power_of_ten_is_kept_for_a_fit() {
    // 50,000 ha in a 10,000 ha outer area: ÷10 fits, so ÷100 and ÷1000 say nothing more.
    let m = build(
        vec![
            reported("inner", 50_000.0, "ha"),
            context("outer", 100.0, "km2"),
        ],
        vec![relation(
            "fits",
            json!({"kind": "fits_within", "inner": "inner", "outer": "outer"}),
        )],
    );
    let f = finding(&m, "fits");
    assert_eq!(f.status, Status::Contradicts);
    assert_eq!(
        f.right.unit,
        Unit::builtin("ha"),
        "shown in the inner side's unit"
    );
    assert_eq!(f.right.value.lo, 10_000.0);
    assert!(
        close(f.gap, 40_000.0, 1e-12) && close(f.gap_pct, 400.0, 1e-12),
        "{} {}",
        f.gap,
        f.gap_pct
    );
    assert_eq!(
        slip_kinds(f),
        [
            ("inner", SlipKind::PowerOfTen(-1)),
            ("inner", SlipKind::MuAsHectares)
        ]
    );
}

#[test]
fn part_of_and_fits_within_only_count_an_excess() {
    let m = build(
        vec![
            reported("small", 10.0, "cny"),
            reported("big", 1_000.0, "cny"),
            reported("area", 5.0, "ha"),
            context("region", 1.0, "km2"),
        ],
        vec![
            relation(
                "part",
                json!({"kind": "part_of", "part": "small", "whole": "big"}),
            ),
            relation(
                "whole",
                json!({"kind": "part_of", "part": "big", "whole": "small"}),
            ),
            relation(
                "fits",
                json!({"kind": "fits_within", "inner": "area", "outer": "region"}),
            ),
        ],
    );
    assert_eq!(finding(&m, "part").status, Status::Holds);
    assert_eq!(finding(&m, "fits").status, Status::Holds);
    let f = finding(&m, "whole");
    assert_eq!(f.status, Status::Contradicts);
    assert!(close(f.gap, 990.0, 1e-12) && close(f.gap_pct, 9_900.0, 1e-9));
    // 1,000 ÷ 100 = 10 fits, as does 10 × 100 ≥ 1,000.
    assert_eq!(
        slip_kinds(f),
        [
            ("big", SlipKind::PowerOfTen(-2)),
            ("small", SlipKind::PowerOfTen(2))
        ]
    );
}

#[test]
fn ratio_matches_compares_a_share_with_a_bound() {
    let m = build(
        vec![
            reported("poor", 4.45, "cny"),
            reported("all", 51.36, "cny"),
            reported("share_ok", 8.66, "percent"),
            figure(
                "share_bound",
                5.0,
                "percent",
                json!({"qualifier": "more_than"}),
            ),
            reported("share_bad", 20.0, "percent"),
        ],
        vec![
            relation(
                "ok",
                json!({"kind": "ratio_matches", "numerator": "poor", "denominator": "all", "expected": "share_ok"}),
            ),
            relation(
                "bound",
                json!({"kind": "ratio_matches", "numerator": "poor", "denominator": "all", "expected": "share_bound"}),
            ),
            relation(
                "bad",
                json!({"kind": "ratio_matches", "numerator": "poor", "denominator": "all", "expected": "share_bad"}),
            ),
        ],
    );
    let f = finding(&m, "ok");
    assert_eq!(f.status, Status::Holds);
    assert_eq!(f.left.ids, ["poor", "all"]);
    assert_eq!(f.right.ids, ["share_ok"]);
    assert!(
        close(f.left.value.lo, 445.0 / 51.36, 1e-12),
        "shown in percent: {:?}",
        f.left.value
    );
    assert_eq!(finding(&m, "bound").status, Status::Holds);
    let f = finding(&m, "bad");
    assert_eq!(f.status, Status::Contradicts);
    assert!(close(f.gap, 20.0 - 445.0 / 51.36, 1e-12), "{}", f.gap);
}

#[test]
fn a_relation_on_derived_metrics_is_checked_too() {
    let d = json!({
        "format_version": 1,
        "case": {"id": "t", "title": {"en": "t", "zh": "t"}, "place": {"en": "p", "zh": "p"}, "citation": {"en": "c", "zh": "c"}},
        "paragraphs": [{"n": 0, "title": {"en": "t", "zh": "t"}, "summary": {"en": "s", "zh": "s"}}],
        "channels": [],
        "figures": [reported("guards", 310.0, "person"), reported("salary", 10_000.0, "cny_per_person_year"), reported("payroll", 3.1e6, "cny_per_year")],
        "derived": [{"id": "computed", "label": {"en": "c", "zh": "c"}, "operation": "product", "inputs": ["guards", "salary"], "unit": "cny_per_year", "formula": {"en": "f", "zh": "f"}, "symbols": "N × w"}],
        "relations": [relation("payroll", json!({"kind": "equal", "a": "computed", "b": "payroll"}))],
    });
    let m = Model::from_json(&d.to_string()).unwrap();
    let f = finding(&m, "payroll");
    assert_eq!(f.status, Status::Holds);
    assert_eq!(f.left.ids, ["computed"]);
    assert_eq!(m.status_of("computed"), Some(Status::Holds));
}

#[test]
fn findings_never_change_the_source() {
    let m = embedded();
    let again = Model::embedded().unwrap();
    assert_eq!(m.dataset, again.dataset);
    assert_eq!(m.figure("subsidy_total").unwrap().value, 50.457);
    assert_eq!(m.figure("forest_land_area").unwrap().value, 3.4);
    assert!(matches!(
        finding(&m, "subsidy_parts_add_up").rule,
        Rule::SumEquals { .. }
    ));
}
