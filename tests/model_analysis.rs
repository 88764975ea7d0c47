#![cfg(not(target_arch = "wasm32"))]
//! Scenario arithmetic and generated sentences: values, both languages, bounds, missing data.

use kezuohou_explorer::model::narrative::{overview, sentences, told, Segment};
use kezuohou_explorer::model::presentation::{parse_template, Template};
use kezuohou_explorer::model::scenario::{
    guard_assumptions, guard_payroll, subsidy_per_hectare, GuardInputs, InputField, MAX_GUARDS,
};
use kezuohou_explorer::model::{Lang, Model, EMBEDDED_JSON};

fn model() -> Model {
    Model::embedded().expect("embedded dataset is valid")
}

fn close(a: f64, b: f64) -> bool {
    (a - b).abs() <= 1e-9 * b.abs().max(1.0)
}

#[test]
fn reported_inputs_give_the_reported_payroll() {
    let m = model();
    let i = GuardInputs::reported(&m).expect("the case reports all three");
    assert_eq!((i.guards, i.pay, i.years), (310.0, 10_000.0, 4.0));
    let r = guard_payroll(&m, i);
    assert!(close(r.per_year, 3_100_000.0));
    assert!(close(r.total, 12_400_000.0));
    let poor = r
        .comparisons
        .iter()
        .find(|c| c.id == "income_gain_poor")
        .expect("compared");
    // 12.4 million against the poor households' 4.45 million gain since 2014.
    assert!(close(poor.pct, 12_400_000.0 / 4_450_000.0 * 100.0));
    let stated = r
        .comparisons
        .iter()
        .find(|c| c.id == "subsidy_total")
        .expect("compared");
    assert!(close(stated.pct, 12_400_000.0 / 50_457_000.0 * 100.0));
}

#[test]
fn scenario_inputs_are_validated() {
    let ok = GuardInputs::parse("500", "12,000", "2.5").expect("valid");
    assert_eq!((ok.guards, ok.pay, ok.years), (500.0, 12_000.0, 2.5));
    let errs = GuardInputs::parse("-1", "abc", "NaN").expect_err("invalid");
    let fields: Vec<InputField> = errs.iter().map(|e| e.field).collect();
    assert_eq!(
        fields,
        [InputField::Guards, InputField::Pay, InputField::Years]
    );
    assert_eq!(errs[0].message(Lang::En), "cannot be negative");
    assert_eq!(errs[0].message(Lang::Zh), "不能为负数");
    assert!(errs[1].message(Lang::En).contains("not a number"));
    let too_many =
        GuardInputs::parse(&(MAX_GUARDS + 1.0).to_string(), "1", "1").expect_err("too many");
    assert!(too_many[0].message(Lang::En).starts_with("must be at most"));
    let half = GuardInputs::parse("10.5", "1", "1").expect_err("whole guards");
    assert_eq!(half[0].message(Lang::En), "must be a whole number");
    assert!(GuardInputs::parse("", "1", "1").is_err());
    assert!(GuardInputs::parse("1e400", "1", "1").is_err());
}

#[test]
fn scenario_scales_linearly() {
    let m = model();
    let base = guard_payroll(
        &m,
        GuardInputs {
            guards: 310.0,
            pay: 10_000.0,
            years: 4.0,
        },
    );
    let double = guard_payroll(
        &m,
        GuardInputs {
            guards: 620.0,
            pay: 10_000.0,
            years: 4.0,
        },
    );
    assert!(close(double.total, 2.0 * base.total));
    let none = guard_payroll(
        &m,
        GuardInputs {
            guards: 0.0,
            pay: 10_000.0,
            years: 4.0,
        },
    );
    assert_eq!(none.total, 0.0);
}

#[test]
fn subsidy_per_hectare_covers_each_reading() {
    let m = model();
    let rows = subsidy_per_hectare(&m);
    assert_eq!(rows.len(), 10, "2 subsidy amounts × 5 area readings");
    let get = |s: &str, a: &str, mu: bool| {
        rows.iter()
            .find(|r| r.subsidy_id == s && r.area_id == a && (r.area_factor != 1.0) == mu)
            .map(|r| r.yuan_per_ha_per_year)
            .expect("row")
    };
    // 504.57 million over 273,333 ha and 4 years.
    assert!(close(
        get("subsidy_parts_sum", "desert_treated_area", false),
        504_570_000.0 / 273_333.0 / 4.0
    ));
    // Forest land read as mu: 3.4 million / 15 ha.
    assert!(close(
        get("subsidy_total", "forest_land_area", true),
        50_457_000.0 / (3_400_000.0 / 15.0) / 4.0
    ));
}

fn text_of(m: &Model, s: &[Segment], _lang: Lang) -> String {
    s.iter()
        .map(|seg| match seg {
            Segment::Text(t) => t.clone(),
            Segment::Quantity(id) => format!("[{}]", m.quantity(id).map_or("?", |q| q.id.as_str())),
        })
        .collect::<String>()
}

#[test]
fn chart_sentences_in_both_languages_link_every_number() {
    let m = model();
    for key in ["cover", "subsidies", "incomes", "land", "tourism", "guards"] {
        for lang in [Lang::En, Lang::Zh] {
            let ss = sentences(&m, key, lang);
            assert!(!ss.is_empty(), "{key} {lang:?}");
            for s in &ss {
                let text = text_of(&m, s, lang);
                // Numbers come only from quantities: no digit is written into the template text,
                // except years the text itself states.
                for seg in s {
                    if let Segment::Text(t) = seg {
                        for number in t
                            .split(|c: char| !c.is_ascii_digit())
                            .filter(|n| !n.is_empty())
                        {
                            assert!(
                                ["2002", "2014", "2017"].contains(&number),
                                "{key} {lang:?}: template holds a number: {t}"
                            );
                        }
                    }
                }
                assert!(text.contains('['), "{key}: {text}");
            }
        }
    }
    let en = text_of(&m, &sentences(&m, "incomes", Lang::En)[0], Lang::En);
    assert_eq!(en, "Since 2014, work on ecological projects has raised the income of local farmers and herders by [income_gain_all]; [income_gain_poor] of it went to poor households, a share of [poor_share_of_income_gain].");
    let zh = text_of(&m, &sentences(&m, "incomes", Lang::Zh)[0], Lang::Zh);
    assert_eq!(zh, "2014 年以来，参与生态工程使当地农牧民增收[income_gain_all]，其中贫困农牧民增收[income_gain_poor]，占[poor_share_of_income_gain]。");
}

#[test]
fn contradicted_figures_are_called_out_and_undated_ones_are_not_dated() {
    let m = model();
    let subsidies: Vec<String> = sentences(&m, "subsidies", Lang::En)
        .iter()
        .map(|s| text_of(&m, s, Lang::En))
        .collect();
    assert!(
        subsidies[1].contains("cannot be the sum of those parts"),
        "{subsidies:?}"
    );
    let land: Vec<String> = sentences(&m, "land", Lang::En)
        .iter()
        .map(|s| text_of(&m, s, Lang::En))
        .collect();
    assert!(land[0].starts_with("In recent years [desert_treated_area]"));
    assert!(land[1].contains("cannot be right as printed"));
    let guards = text_of(&m, &sentences(&m, "guards", Lang::En)[1], Lang::En);
    assert!(guards.contains("does not say since when"));
}

#[test]
fn sentences_with_a_missing_quantity_are_dropped_and_consistent_data_is_not_flagged() {
    // A dataset whose stated subsidy total agrees with its parts, and without tourism income.
    let mut v: serde_json::Value = serde_json::from_str(EMBEDDED_JSON).expect("json");
    for f in v["figures"].as_array_mut().expect("figures") {
        if f["id"] == "subsidy_total" {
            f["value"] = serde_json::json!(504.57);
        }
    }
    let figures = v["figures"].as_array_mut().expect("figures");
    figures.retain(|f| f["id"] != "tourism_income_2017");
    let derived = v["derived"].as_array_mut().expect("derived");
    derived.retain(|d| d["id"] != "tourism_income_per_visit");
    let relations = v["relations"].as_array_mut().expect("relations");
    relations.retain(|r| r["rule"]["subject"] != "tourism_income_per_visit");
    // The presentation may only name what the dataset holds: its tourism parts go too.
    let p = &mut v["presentation"];
    p["charts"]
        .as_array_mut()
        .expect("charts")
        .retain(|c| c["id"] != "tourism");
    p["headlines"]
        .as_array_mut()
        .expect("headlines")
        .retain(|h| h != "tourism_income_2017");
    let m = Model::from_json(&v.to_string()).expect("valid");
    assert!(sentences(&m, "tourism", Lang::En).is_empty());
    // A template naming a quantity the model lacks is not told; the others are.
    let parse = |s: &str| parse_template(s).expect("template");
    let templates = [
        Template {
            en: parse("Visits: {tourists_2017}, income: {tourism_income_2017}."),
            zh: parse("{tourists_2017}"),
            when: None,
        },
        Template {
            en: parse("Visits: {tourists_2017}."),
            zh: parse("{tourists_2017}"),
            when: None,
        },
    ];
    let en: Vec<String> = told(&m, &templates, Lang::En)
        .iter()
        .map(|s| text_of(&m, s, Lang::En))
        .collect();
    assert_eq!(en, ["Visits: [tourists_2017]."]);
    // In Chinese both templates name only what the model holds.
    assert_eq!(told(&m, &templates, Lang::Zh).len(), 2);
    let subsidies: Vec<String> = sentences(&m, "subsidies", Lang::En)
        .iter()
        .map(|s| text_of(&m, s, Lang::En))
        .collect();
    assert!(
        subsidies[1].starts_with("The text states the total as"),
        "{subsidies:?}"
    );
    assert_eq!(overview(&m, Lang::Zh).len(), 3);
}

#[test]
fn assumptions_take_the_period_and_the_flag_from_the_data() {
    let m = model();
    let en = guard_assumptions(&m, Lang::En);
    assert!(en[1].contains("(2014–2017, 4 years)"), "{en:?}");
    assert!(en
        .iter()
        .any(|a| a.contains("contradicted by its own parts")));
    let zh = guard_assumptions(&m, Lang::Zh);
    assert!(zh[1].contains("2014–2017年，4 年"), "{zh:?}");
    // A dataset whose total agrees with its parts is not said to contradict them.
    let mut v: serde_json::Value = serde_json::from_str(EMBEDDED_JSON).expect("json");
    for f in v["figures"].as_array_mut().expect("figures") {
        if f["id"] == "subsidy_total" {
            f["value"] = serde_json::json!(504.57);
        }
    }
    let fixed = Model::from_json(&v.to_string()).expect("valid");
    assert!(!guard_assumptions(&fixed, Lang::En)
        .iter()
        .any(|a| a.contains("contradicted")));
}
