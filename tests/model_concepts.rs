#![cfg(not(target_arch = "wasm32"))]
//! What a figure measures (`concept`, src/model/concepts.rs): codes checked against the shared
//! vocabulary and against the figure's unit, with their JSON paths; the shipped case names them;
//! the drafter proposes them from a figure's words.

use case_explorer::model::concepts::{find, propose, CONCEPTS};
use case_explorer::model::extract::draft;
use case_explorer::model::{Lang, Model, Unit, EMBEDDED_JSON};
use serde_json::Value;

fn with(f: impl FnOnce(&mut Value)) -> String {
    let mut v: Value = serde_json::from_str(EMBEDDED_JSON).unwrap();
    f(&mut v);
    v.to_string()
}

fn index_of(v: &Value, list: &str, id: &str) -> usize {
    v[list]
        .as_array()
        .unwrap()
        .iter()
        .position(|f| f["id"] == id)
        .unwrap()
}

#[test]
fn every_concept_is_named_in_every_interface_language_and_has_units_the_vocabulary_knows() {
    for c in CONCEPTS {
        for lang in Lang::ALL {
            assert!(
                c.names.iter().any(|(l, _)| *l == lang.code()),
                "{} in {lang:?}",
                c.code
            );
        }
        for u in c.units {
            assert!(Unit::parse(u).is_some(), "{}: unit {u}", c.code);
        }
        assert_eq!(find(c.code).map(|r| r.code), Some(c.code));
    }
}

#[test]
fn the_shipped_case_names_what_its_main_figures_measure() {
    let m = Model::embedded().expect("loads");
    let of = |id: &str| m.figure(id).and_then(|f| f.concept.clone());
    assert_eq!(of("forest_cover_rate").as_deref(), Some("sdg:15.1.1"));
    assert_eq!(of("desert_treated_area").as_deref(), Some("area_restored"));
    assert_eq!(of("income_gain_poor").as_deref(), Some("income_gain"));
    assert_eq!(of("forest_guards").as_deref(), Some("jobs"));
    assert_eq!(
        of("banner_area"),
        None,
        "context figures measure nothing to compare"
    );
}

#[test]
fn an_unknown_concept_is_refused_with_its_path() {
    let text = with(|v| {
        let i = index_of(v, "figures", "forest_guards");
        v["figures"][i]["concept"] = "happiness".into();
    });
    let errors = Model::from_json(&text).expect_err("refused");
    let i = index_of(
        &serde_json::from_str(EMBEDDED_JSON).unwrap(),
        "figures",
        "forest_guards",
    );
    assert!(
        errors.iter().any(|e| e.kind.code() == "unknown_concept"
            && e.path == format!("figures[{i}].concept")
            && e.to_string().contains("happiness")),
        "{errors:#?}"
    );
}

#[test]
fn a_concept_its_unit_cannot_measure_is_refused_with_its_path() {
    let text = with(|v| {
        let i = index_of(v, "figures", "desert_treated_area");
        v["figures"][i]["concept"] = "income_gain".into();
        let j = index_of(v, "derived", "subsidy_per_treated_ha");
        v["derived"][j]["concept"] = "sdg:15.1.1".into();
    });
    let errors = Model::from_json(&text).expect_err("refused");
    let v: Value = serde_json::from_str(EMBEDDED_JSON).unwrap();
    let (i, j) = (
        index_of(&v, "figures", "desert_treated_area"),
        index_of(&v, "derived", "subsidy_per_treated_ha"),
    );
    for path in [
        format!("figures[{i}].concept"),
        format!("derived[{j}].concept"),
    ] {
        assert!(
            errors
                .iter()
                .any(|e| e.kind.code() == "unit_mismatch" && e.path == path),
            "{path}: {errors:#?}"
        );
    }
    // Money in another currency measures the same thing.
    let ok = with(|v| {
        let i = index_of(v, "derived", "subsidy_per_treated_ha");
        v["derived"][i]["concept"] = "cost_per_hectare".into();
    });
    assert!(Model::from_json(&ok).is_ok());
}

#[test]
fn the_drafter_proposes_concepts_from_the_words_and_the_unit() {
    let code =
        |label: &str, unit: &str| propose(label, &Unit::parse(unit).unwrap()).map(|c| c.code);
    assert_eq!(code("Forest coverage rate", "%"), Some("sdg:15.1.1"));
    assert_eq!(code("森林覆盖率", "%"), Some("sdg:15.1.1"));
    assert_eq!(
        code("area under comprehensive treatment", "ha"),
        Some("area_restored")
    );
    assert_eq!(code("治理面积", "mu"), Some("area_restored"));
    assert_eq!(
        code("income gain of poor households", "CNY"),
        Some("income_gain")
    );
    assert_eq!(code("forest guards employed", "{person}"), Some("jobs"));
    assert_eq!(code("聘用护林员", "{person}"), Some("jobs"));
    assert_eq!(
        code("forest guards employed", "ha"),
        None,
        "words alone are not enough"
    );
    assert_eq!(code("tourist visits", "{visit}"), None);
    // On the case study's own text, the drafted dataset names concepts, each one valid.
    let text = include_str!("fixtures/case_study_2_11.txt");
    let dataset = draft(text).to_dataset(true);
    let named: Vec<&str> = dataset
        .figures
        .iter()
        .filter_map(|f| f.concept.as_deref())
        .collect();
    assert!(named.len() >= 4, "{named:?}");
    assert!(
        named.contains(&"area_restored") && named.contains(&"jobs"),
        "{named:?}"
    );
    let json = serde_json::to_string(&dataset).unwrap();
    assert!(
        Model::from_json(&json).is_ok(),
        "the draft with its concepts loads"
    );
}
