#![cfg(not(target_arch = "wasm32"))]
//! Generated sentences: values, both languages, missing data. (What-if scenarios: model_scenario.rs.)

use case_explorer::model::narrative::{overview, sentences, told, Segment};
use case_explorer::model::presentation::{parse_template, Template};
use case_explorer::model::{Lang, Localized, Model, EMBEDDED_JSON};

fn model() -> Model {
    Model::embedded().expect("embedded dataset is valid")
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
            texts: Localized::new([
                (
                    "en",
                    parse("Visits: {tourists_2017}, income: {tourism_income_2017}."),
                ),
                ("zh", parse("{tourists_2017}")),
            ]),
            when: None,
        },
        Template {
            texts: Localized::new([
                ("en", parse("Visits: {tourists_2017}.")),
                ("zh", parse("{tourists_2017}")),
            ]),
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
