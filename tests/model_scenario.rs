#![cfg(not(target_arch = "wasm32"))]
//! What-if scenarios declared in the dataset: outputs recomputed by the derive code with the
//! inputs in place, input checks, conditions, templates, and every scenario error with its path.

use case_explorer::model::presentation::{parse_template, Segment};
use case_explorer::model::scenario::{
    find_input, holds, parse_input, reading_value, run, scenarios, InputProblem, Run, ScenarioSpec,
};
use case_explorer::model::{ErrorKind, Lang, Model, EMBEDDED_JSON};
use serde_json::{json, Value};
use std::collections::HashMap;

#[path = "common/cases.rs"]
mod cases;

fn model() -> Model {
    Model::embedded().expect("embedded dataset is valid")
}

fn close(a: f64, b: f64) -> bool {
    (a - b).abs() <= 1e-9 * b.abs().max(1.0)
}

fn spec<'m>(m: &'m Model, id: &str) -> &'m ScenarioSpec {
    scenarios(m).iter().find(|s| s.id == id).expect("scenario")
}

/// Run a scenario with these typed texts (input id → text).
fn run_with(m: &Model, id: &str, typed: &[(&str, &str)]) -> Run {
    let typed: HashMap<&str, &str> = typed.iter().copied().collect();
    run(m, spec(m, id), |input| typed.get(input).copied())
}

/// An output's central value in its own unit.
fn out(r: &Run, id: &str) -> Option<f64> {
    r.outputs
        .iter()
        .find(|(o, _)| o == id)
        .expect("declared output")
        .1
        .as_ref()
        .map(|q| q.value.central())
}

#[test]
fn reported_inputs_give_the_reported_numbers() {
    // On every case's scenarios: with nothing typed, each input reads the value of the quantity
    // it stands for, and every output is the model's own.
    let mut tried = 0;
    for c in cases::ALL {
        let m = Model::from_json(c.text).expect("valid");
        for s in scenarios(&m) {
            let r = run(&m, s, |_| None);
            assert!(r.applied, "{}: {}", c.path, s.id);
            for (input, v) in s.inputs.iter().zip(&r.inputs) {
                let q = m.quantity(&input.figure).expect("an input's quantity");
                let v = *v.as_ref().expect("a reported value reads");
                assert!(close(v, q.value.central()), "{}: {}", c.path, input.id);
            }
            for (id, q) in &r.outputs {
                assert_eq!(q.as_ref(), m.quantity(id), "{}: {id}", c.path);
            }
            tried += 1;
        }
    }
    assert!(tried >= 1, "no scenario run");
    // The embedded case's known numbers: the guards' payroll over 2014–2017 is 278.7% of the
    // poor's gain, 24.58% of the stated subsidies and 2.458% of the listed ones.
    let m = model();
    let r = run_with(&m, "who_protects", &[]);
    let total = out(&r, "guard_payroll_over_subsidy_period").unwrap();
    let share = |id: &str, of: &str| {
        let x = out(&r, id).unwrap();
        let of = m.quantity(of).expect("a quantity").value.central();
        assert!(close(x, total / of * 100.0), "{id}");
        x
    };
    let poor = share("payroll_share_of_poor_gain", "income_gain_poor");
    assert_eq!(format!("{poor:.1}"), "278.7");
    let stated = share("payroll_share_of_stated_subsidies", "subsidy_total");
    assert_eq!(format!("{stated:.2}"), "24.58");
    let listed = share("payroll_share_of_listed_subsidies", "subsidy_parts_sum");
    assert_eq!(format!("{listed:.3}"), "2.458");
    share("payroll_share_of_all_gain", "income_gain_all");
}

#[test]
fn typed_inputs_are_substituted_for_their_figures() {
    let m = model();
    let r = run_with(
        &m,
        "who_protects",
        &[("guards", "500"), ("pay", "12,000"), ("years", "2.5")],
    );
    assert!(r.applied);
    assert!(close(
        out(&r, "guard_payroll_per_year").unwrap(),
        6_000_000.0
    ));
    assert!(close(
        out(&r, "guard_payroll_over_subsidy_period").unwrap(),
        15_000_000.0
    ));
    assert!(close(
        out(&r, "payroll_share_of_poor_gain").unwrap(),
        15_000_000.0 / 4_450_000.0 * 100.0
    ));
    // Linear in each input; zero guards, zero payroll.
    let double = run_with(&m, "who_protects", &[("guards", "620")]);
    assert!(close(
        out(&double, "guard_payroll_over_subsidy_period").unwrap(),
        24_800_000.0
    ));
    let none = run_with(&m, "who_protects", &[("guards", "0")]);
    assert_eq!(out(&none, "guard_payroll_over_subsidy_period"), Some(0.0));
    // The model itself is untouched.
    assert_eq!(
        m.quantity("guard_payroll_over_subsidy_period")
            .unwrap()
            .value
            .central(),
        12_400_000.0
    );
}

#[test]
fn an_invalid_input_leaves_the_reported_values_in_place() {
    let m = model();
    let r = run_with(&m, "who_protects", &[("guards", "abc"), ("years", "-2")]);
    assert!(!r.applied);
    assert_eq!(r.inputs[0], Err(InputProblem::NotANumber("abc".into())));
    assert_eq!(r.inputs[1], Ok(10_000.0));
    assert_eq!(r.inputs[2], Err(InputProblem::Negative));
    assert!(close(
        out(&r, "guard_payroll_over_subsidy_period").unwrap(),
        12_400_000.0
    ));
}

#[test]
fn inputs_are_checked_against_their_declared_bounds() {
    let m = model();
    let guards = find_input(&m, "who_protects", "guards").expect("declared");
    let pay = find_input(&m, "who_protects", "pay").expect("declared");
    assert_eq!(parse_input(pay, " 12,000 "), Ok(12_000.0));
    assert_eq!(parse_input(pay, "12 000"), Ok(12_000.0));
    assert_eq!(parse_input(guards, "-1"), Err(InputProblem::Negative));
    assert_eq!(
        parse_input(guards, "100001"),
        Err(InputProblem::AboveMax(100_000.0))
    );
    assert_eq!(parse_input(guards, "10.5"), Err(InputProblem::NotWhole));
    assert_eq!(parse_input(pay, "10.5"), Ok(10.5));
    assert_eq!(
        parse_input(guards, ""),
        Err(InputProblem::NotANumber(String::new()))
    );
    assert_eq!(
        parse_input(guards, "1e400"),
        Err(InputProblem::NotANumber("1e400".into()))
    );
    assert_eq!(
        parse_input(guards, "NaN"),
        Err(InputProblem::NotANumber("NaN".into()))
    );
    assert!(find_input(&m, "who_protects", "nope").is_none());
    assert!(find_input(&m, "nope", "guards").is_none());
}

#[test]
fn subsidy_per_hectare_under_each_area_reading() {
    let m = model();
    let r = run_with(&m, "subsidy_per_hectare", &[]);
    assert_eq!(r.outputs.len(), 8, "2 subsidy amounts × 4 areas");
    // 504.57 million over 273,333 ha and 4 years.
    assert!(close(
        out(&r, "subsidy_parts_per_ha_year_treated").unwrap(),
        504_570_000.0 / 273_333.0 / 4.0
    ));
    // The banner's "about 11,500 km²" (±1%) are about 1,150,000 ha: a range around the old point.
    let banner = r
        .outputs
        .iter()
        .find(|(o, _)| o == "subsidy_stated_per_ha_year_banner")
        .and_then(|(_, q)| q.as_ref())
        .expect("computed");
    let point = 50_457_000.0 / 1_150_000.0 / 4.0;
    assert!(
        banner.value.lo < point && point < banner.value.hi,
        "{:?}",
        banner.value
    );
    assert!(close(
        banner.value.lo,
        50_457_000.0 / (1_150_000.0 * 1.01) / 4.0
    ));
    // Forest land read as mu: 3.4 million / 15 ha, offered as a reading of the input.
    let input = find_input(&m, "subsidy_per_hectare", "forest_land").expect("declared");
    assert_eq!(input.readings[0].unit, "mu");
    let as_mu = reading_value(&m, input, &input.readings[0]).expect("a reading");
    assert!(close(as_mu, 3_400_000.0 / 15.0));
    let text = as_mu.to_string();
    let mu = run_with(&m, "subsidy_per_hectare", &[("forest_land", &text)]);
    assert!(close(
        out(&mu, "subsidy_stated_per_ha_year_forest").unwrap(),
        50_457_000.0 / (3_400_000.0 / 15.0) / 4.0
    ));
    assert!(close(
        out(&mu, "subsidy_parts_per_ha_year_forest").unwrap(),
        504_570_000.0 / (3_400_000.0 / 15.0) / 4.0
    ));
    // The other areas do not move.
    assert_eq!(
        out(&mu, "subsidy_parts_per_ha_year_treated"),
        out(&r, "subsidy_parts_per_ha_year_treated")
    );
    // Zero years: nothing per year can be computed, and nothing is made up.
    let zero = run_with(&m, "subsidy_per_hectare", &[("years", "0")]);
    assert!(zero.applied);
    assert!(zero.outputs.iter().all(|(_, q)| q.is_none()));
}

#[test]
fn assumptions_hold_as_the_data_says() {
    let m = model();
    let s = spec(&m, "who_protects");
    let flagged = s
        .assumptions
        .iter()
        .find(|a| a.when.is_some())
        .expect("one");
    // The stated total contradicts its parts in the case as printed.
    assert!(holds(&m, flagged));
    assert!(s
        .assumptions
        .iter()
        .filter(|a| a.when.is_none())
        .all(|a| holds(&m, a)));
    // A dataset whose total agrees with its parts is not said to contradict them.
    let mut v: Value = serde_json::from_str(EMBEDDED_JSON).expect("json");
    for f in v["figures"].as_array_mut().expect("figures") {
        if f["id"] == "subsidy_total" {
            f["value"] = json!(504.57);
        }
    }
    let fixed = Model::from_json(&v.to_string()).expect("valid");
    let s = spec(&fixed, "who_protects");
    let flagged = s
        .assumptions
        .iter()
        .find(|a| a.when.is_some())
        .expect("one");
    assert!(!holds(&fixed, flagged));
}

/// Assumptions are the presentation's sentences, parsed by the same template parser.
fn pieces(t: &str) -> Result<Vec<Segment>, usize> {
    parse_template(t).map_err(|e| e.at)
}

fn quantity(id: &str) -> Segment {
    Segment::Quantity(id.into())
}

#[test]
fn templates_split_into_text_and_references() {
    assert_eq!(
        pieces("{a} and {{b}} ({c})"),
        Ok(vec![
            quantity("a"),
            Segment::Text(" and {b} (".into()),
            quantity("c"),
            Segment::Text(")".into()),
        ])
    );
    assert_eq!(
        pieces("期（{x}）"),
        Ok(vec![
            Segment::Text("期（".into()),
            quantity("x"),
            Segment::Text("）".into())
        ])
    );
    // The error is the character (from 1) where the template goes wrong.
    // (the space: no id has one)
    assert_eq!(pieces("open { never closed"), Err(7));
    assert_eq!(pieces("open {never_closed"), Err(6));
    assert_eq!(pieces("a } b"), Err(3));
    assert_eq!(pieces("{}"), Err(1));
    assert_eq!(pieces("{a{b}"), Err(3));
    // Every assumption of the embedded case references only quantities it has.
    let m = model();
    for s in scenarios(&m) {
        for a in &s.assumptions {
            for (_, t) in a.text.iter() {
                for p in pieces(t).expect("valid") {
                    if let Segment::Quantity(id) = p {
                        assert!(m.quantity(&id).is_some(), "{id}");
                    }
                }
            }
        }
    }
}

#[test]
fn a_dataset_without_scenarios_has_none() {
    let mut v: Value = serde_json::from_str(EMBEDDED_JSON).expect("json");
    v.as_object_mut().expect("object").remove("presentation");
    let m = Model::from_json(&v.to_string()).expect("valid");
    assert!(scenarios(&m).is_empty());
    v["presentation"] = json!({});
    let m = Model::from_json(&v.to_string()).expect("valid");
    assert!(scenarios(&m).is_empty());
}

/// The errors of the embedded dataset changed by `f`, as (kind code, path).
fn errors(f: impl FnOnce(&mut Value)) -> Vec<(String, String)> {
    let mut v: Value = serde_json::from_str(EMBEDDED_JSON).expect("json");
    f(&mut v);
    Model::from_json(&v.to_string())
        .expect_err("refused")
        .into_iter()
        .map(|e| (e.kind.code().to_string(), e.path))
        .collect()
}

fn one(kind: ErrorKind, path: &str) -> Vec<(String, String)> {
    vec![(kind.code().to_string(), path.to_string())]
}

#[test]
fn every_scenario_reference_is_checked_with_its_path() {
    assert_eq!(
        errors(|v| v["presentation"]["scenarios"][0]["inputs"][1]["figure"] = json!("no_such")),
        one(
            ErrorKind::MissingReference,
            "presentation.scenarios[0].inputs[1].figure"
        )
    );
    assert_eq!(
        errors(|v| v["presentation"]["scenarios"][1]["outputs"][2] = json!("nowhere")),
        one(
            ErrorKind::MissingReference,
            "presentation.scenarios[1].outputs[2]"
        )
    );
    // An output is a derived metric: a figure is not recomputed.
    assert_eq!(
        errors(|v| v["presentation"]["scenarios"][0]["outputs"][0] = json!("forest_guards")),
        one(
            ErrorKind::MissingReference,
            "presentation.scenarios[0].outputs[0]"
        )
    );
    assert_eq!(
        errors(
            |v| v["presentation"]["scenarios"][0]["assumptions"][1]["zh"] =
                json!("年数（{no_such_years}）")
        ),
        one(
            ErrorKind::MissingReference,
            "presentation.scenarios[0].assumptions[1].zh"
        )
    );
    assert_eq!(
        errors(|v| v["presentation"]["scenarios"][0]["assumptions"][0]["en"] = json!("a { b")),
        one(
            ErrorKind::Structure,
            "presentation.scenarios[0].assumptions[0].en"
        )
    );
    assert_eq!(
        errors(
            |v| v["presentation"]["scenarios"][0]["assumptions"][3]["when"]["relation"] =
                json!("no_relation")
        ),
        one(
            ErrorKind::MissingReference,
            "presentation.scenarios[0].assumptions[3].when.relation"
        )
    );
    assert_eq!(
        errors(
            |v| v["presentation"]["scenarios"][0]["assumptions"][3]["when"]["status"] =
                json!(["contradicts", "wrong"])
        ),
        one(
            ErrorKind::Structure,
            "presentation.scenarios[0].assumptions[3].when.status[1]"
        )
    );
}

#[test]
fn scenario_ids_bounds_and_readings_are_checked() {
    assert_eq!(
        errors(|v| v["presentation"]["scenarios"][1]["id"] = json!("who_protects")),
        one(ErrorKind::DuplicateId, "presentation.scenarios[1].id")
    );
    assert_eq!(
        errors(|v| v["presentation"]["scenarios"][0]["inputs"][2]["id"] = json!("guards")),
        one(
            ErrorKind::DuplicateId,
            "presentation.scenarios[0].inputs[2].id"
        )
    );
    assert_eq!(
        errors(|v| v["presentation"]["scenarios"][0]["id"] = json!("who protects")),
        one(ErrorKind::InvalidId, "presentation.scenarios[0].id")
    );
    assert_eq!(
        errors(|v| v["presentation"]["scenarios"][0]["inputs"][0]["id"] = json!("")),
        one(ErrorKind::EmptyId, "presentation.scenarios[0].inputs[0].id")
    );
    // Two inputs bound to one figure would fight over it.
    assert_eq!(
        errors(
            |v| v["presentation"]["scenarios"][0]["inputs"][1]["figure"] = json!("forest_guards")
        ),
        one(
            ErrorKind::DuplicateId,
            "presentation.scenarios[0].inputs[1].figure"
        )
    );
    assert_eq!(
        errors(|v| v["presentation"]["scenarios"][0]["inputs"][1]["max"] = json!(0)),
        one(
            ErrorKind::Negative,
            "presentation.scenarios[0].inputs[1].max"
        )
    );
    assert_eq!(
        errors(
            |v| v["presentation"]["scenarios"][1]["inputs"][0]["readings"][0]["unit"] =
                json!("CNY")
        ),
        one(
            ErrorKind::UnitMismatch,
            "presentation.scenarios[1].inputs[0].readings[0].unit"
        )
    );
    assert_eq!(
        errors(
            |v| v["presentation"]["scenarios"][1]["inputs"][0]["readings"][0]["unit"] =
                json!("furlong")
        ),
        one(
            ErrorKind::UnknownUnit,
            "presentation.scenarios[1].inputs[0].readings[0].unit"
        )
    );
    // A derived metric has no printed number to read otherwise.
    assert_eq!(
        errors(
            |v| v["presentation"]["scenarios"][1]["inputs"][1]["readings"] =
                json!([{"unit": "a", "label": {"en": "x", "zh": "x"}}])
        ),
        one(
            ErrorKind::MissingReference,
            "presentation.scenarios[1].inputs[1].readings[0].unit"
        )
    );
    assert_eq!(
        errors(|v| v["presentation"]["scenarios"][0]["title"]["zh"] = json!("长".repeat(201))),
        one(ErrorKind::TooLong, "presentation.scenarios[0].title.zh")
    );
}

#[test]
fn scenario_structure_errors_have_paths() {
    assert_eq!(
        errors(|v| v["presentation"]["scenarios"][0]["inputs"][1]["maximum"] = json!(3)),
        one(
            ErrorKind::Structure,
            "presentation.scenarios[0].inputs[1].maximum"
        )
    );
    assert_eq!(
        errors(|v| {
            v["presentation"]["scenarios"][1]["inputs"][0]
                .as_object_mut()
                .expect("object")
                .remove("max");
        }),
        one(
            ErrorKind::Structure,
            "presentation.scenarios[1].inputs[0].max"
        )
    );
    assert_eq!(
        errors(|v| v["presentation"]["scenarios"][0]["inputs"][0]["whole"] = json!("yes")),
        one(
            ErrorKind::Structure,
            "presentation.scenarios[0].inputs[0].whole"
        )
    );
    assert_eq!(
        errors(|v| v["presentation"]["scenarios"] = json!({})),
        one(ErrorKind::Structure, "presentation.scenarios")
    );
}

#[test]
fn another_case_declares_its_own_scenario() {
    let text = include_str!("corpus/valid/scenario.json");
    let m = Model::from_json(text).expect("valid");
    let base = run_with(&m, "more_treated", &[]);
    let double = run_with(&m, "more_treated", &[("treated", "2400")]);
    let share = |r: &Run| out(r, "treated_share").expect("computed");
    // 1,200 ha of "about 115 km²" (±1%), then twice as much.
    let point = 1_200.0 / 11_500.0 * 100.0;
    assert!(
        (point * 0.99..point * 1.02).contains(&share(&base)),
        "{}",
        share(&base)
    );
    assert!(close(share(&double), 2.0 * share(&base)));
    let input = find_input(&m, "more_treated", "treated").expect("declared");
    assert!(close(
        reading_value(&m, input, &input.readings[0]).expect("a reading"),
        80.0
    ));
    // `{{` stays a brace, `{region_area}` names the region.
    let a = &spec(&m, "more_treated").assumptions[0];
    assert_eq!(
        pieces(a.text.get(Lang::En)).expect("valid")[1..],
        [
            quantity("region_area"),
            Segment::Text("); {braces} stay.".into())
        ]
    );
}

#[test]
fn resolving_only_some_quantities_gives_what_the_whole_model_gives() {
    let m = model();
    // Without overrides: every quantity, alone, as the model resolved it with all the others.
    for q in &m.quantities {
        let got = m.resolve_only(&[], &[q.id.as_str()]);
        assert_eq!(got.get(&q.id), Some(q), "{}", q.id);
    }
    // With an input replaced: each derived metric built on it moves, the others stay.
    let d = &m.dataset.derived[0];
    let input = d.inputs[0].as_str();
    let before = m.quantity(input).expect("input").value.central();
    let ids: Vec<&str> = m.dataset.derived.iter().map(|x| x.id.as_str()).collect();
    let moved = m.resolve_only(&[(input, before * 2.0)], &ids);
    assert_ne!(
        moved[&d.id].value,
        m.quantity(&d.id).expect("metric").value,
        "{}",
        d.id
    );
    for x in &m.dataset.derived {
        let uses = |id: &str| {
            m.dataset
                .derived
                .iter()
                .any(|y| y.id == id && y.inputs.iter().any(|i| i == input))
        };
        if !x.inputs.iter().any(|i| i == input) && !uses(&x.id) && !x.inputs.iter().any(|i| uses(i))
        {
            assert_eq!(
                moved.get(&x.id),
                m.quantity(&x.id),
                "{} does not use {input}",
                x.id
            );
        }
    }
    // Unknown ids are simply absent.
    assert!(m.resolve_only(&[], &["no_such_id"]).is_empty());
}

#[test]
fn an_input_asks_in_the_currency_shown_and_reads_back_at_the_same_rate() {
    use case_explorer::model::display::{show, UnitChoice};
    use case_explorer::model::scenario::{input_text, input_units, run_in};
    use case_explorer::model::Currency;
    let m = model();
    let s = spec(&m, "who_protects");
    let pay = find_input(&m, "who_protects", "pay").expect("input");
    let choice = UnitChoice {
        currency: Currency::parse("USD"),
        ..UnitChoice::default()
    };
    // The factor is the display's own: the salary as the page shows it in dollars.
    let (k, unit) = input_units(&m, pay, choice, Lang::En).expect("bound to a figure");
    let salary = m.quantity("guard_salary").expect("figure");
    let shown = show(&m, salary, choice, Lang::En);
    assert!(
        close(k * salary.value.central(), shown.value.central()),
        "{k}"
    );
    assert!(unit.contains("US$"), "{unit}");
    assert!(k < 1.0, "fewer dollars than yuan: {k}");
    // 2,000 dollars typed: the payroll is 310 guards × 2,000 dollars, shown in dollars.
    let factors = |i: &case_explorer::model::ScenarioInput| {
        input_units(&m, i, choice, Lang::En).map_or(1.0, |u| u.0)
    };
    let r = run_in(&m, s, |id| (id == "pay").then_some("2000"), factors);
    assert!(r.applied);
    let payroll = r.outputs[0].1.as_ref().expect("computed");
    let in_dollars = show(&m, payroll, choice, Lang::En).value.central();
    assert!(close(in_dollars, 310.0 * 2000.0), "{in_dollars}");
    // No currency chosen: nothing converts.
    let (one, _) = input_units(&m, pay, UnitChoice::default(), Lang::En).expect("figure");
    assert_eq!(one, 1.0);
    // An input box shows a readable number.
    assert_eq!(input_text(226_666.666_666_7), "226667");
    assert_eq!(input_text(10_000.0 / 6.7518), "1481.09");
    assert_eq!(input_text(4.0), "4");
}
