#![cfg(not(target_arch = "wasm32"))]
//! Languages as data: dataset texts keyed by BCP 47 tag with a fallback to the dataset's own
//! language, the declared languages checked with their JSON path, files of format 1/2 migrated,
//! and the interface languages (French among them) worded by their own files.

use case_explorer::i18n::tr;
use case_explorer::model::display::{NumberStyle, Shown};
use case_explorer::model::format::{period_text, shape_text};
use case_explorer::model::presentation::Segment;
use case_explorer::model::{narrative, Estimate, Lang, Model, Period, Shape, FORMAT_VERSION};
use case_explorer::numfmt;
use serde_json::{json, Value};

const DAIRY: &str = include_str!("fixtures/fictional_dairy_cooperative.json");
const MARSH: &str = include_str!("fixtures/fictional_marsh.json");

fn dairy() -> Value {
    serde_json::from_str(DAIRY).expect("the fixture is JSON")
}

/// The errors of a dataset as `(code, path, expected)`.
fn errors(v: &Value) -> Vec<(String, String, String)> {
    match Model::from_json(&v.to_string()) {
        Ok(_) => Vec::new(),
        Err(e) => e
            .into_iter()
            .map(|e| (e.kind.code().to_string(), e.path, e.expected))
            .collect(),
    }
}

#[test]
fn an_english_and_french_dataset_reads_in_french_and_falls_back_to_english() {
    let m = Model::from_json(DAIRY).expect("the dairy fixture loads");
    assert_eq!(m.migrated_from, None);
    assert_eq!(m.dataset.case.language, "en");
    assert_eq!(m.dataset.case.languages, ["en", "fr"]);
    let label = &m.quantity("members").expect("members").label;
    assert_eq!(label.get(Lang::Fr), "Membres de la coopérative");
    assert_eq!(label.get(Lang::En), "Cooperative members");
    // No Chinese: a Chinese reader sees the dataset's own language, and is told so.
    assert_eq!(label.get(Lang::Zh), "Cooperative members");
    let picked = label.pick(Lang::Zh).expect("a text");
    assert!(picked.fallback);
    assert_eq!(picked.tag, "en");
    assert!(!label.pick(Lang::Fr).expect("a text").fallback);
    // The narrative template too.
    let words = |lang| -> String {
        narrative::overview(&m, lang)
            .concat()
            .iter()
            .filter_map(|s| match s {
                Segment::Text(t) => Some(t.clone()),
                Segment::Quantity(_) => None,
            })
            .collect()
    };
    assert!(
        words(Lang::Fr).starts_with("La coopérative compte"),
        "{}",
        words(Lang::Fr)
    );
    assert!(
        words(Lang::Zh).starts_with("The cooperative has"),
        "{}",
        words(Lang::Zh)
    );
}

#[test]
fn the_fallback_is_the_own_language_whatever_the_order_of_the_keys() {
    let mut v = dairy();
    v["case"]["language"] = json!("fr");
    v["case"]["title"] = json!({"en": "English title", "fr": "Titre français"});
    let m = Model::from_json(&v.to_string()).expect("valid");
    assert_eq!(m.dataset.case.title.get(Lang::Zh), "Titre français");
    // Written back with the own language first; it reads back the same.
    let back = serde_json::to_string(&m.dataset).expect("export");
    assert!(
        back.contains(r#""title":{"fr":"Titre français","en":"English title"}"#),
        "{back}"
    );
    let again = Model::from_json(&back).expect("the export loads");
    assert_eq!(again.dataset, m.dataset);
}

#[test]
fn a_regional_or_script_tag_serves_readers_of_its_language() {
    let mut v = dairy();
    v["case"]["languages"] = json!(["en", "fr", "zh-Hans"]);
    v["case"]["title"] = json!({"en": "E", "fr": "Titre", "zh-Hans": "标题"});
    let m = Model::from_json(&v.to_string()).expect("valid");
    let title = &m.dataset.case.title;
    assert_eq!(title.get(Lang::Zh), "标题");
    assert!(!title.pick(Lang::Zh).expect("a text").fallback);
}

#[test]
fn a_malformed_tag_is_refused_at_its_path() {
    let mut v = dairy();
    v["case"]["languages"] = json!(["en", "fr", "french!"]);
    let e = errors(&v);
    assert_eq!(e.len(), 1, "{e:?}");
    assert_eq!(
        (e[0].0.as_str(), e[0].1.as_str()),
        ("language", "case.languages[2]")
    );
    assert!(e[0].2.contains("BCP 47"), "{}", e[0].2);
    // Every channel's label, in turn.
    for i in 0..dairy()["channels"].as_array().map_or(0, Vec::len) {
        let mut v = dairy();
        v["channels"][i]["label"]["en_GB"] = json!("Fodder");
        let e = errors(&v);
        assert_eq!(e.len(), 1, "{e:?}");
        assert_eq!(e[0].1, format!("channels[{i}].label.en_GB"));
    }
}

#[test]
fn a_text_in_an_undeclared_language_is_refused() {
    // The last figure: any would do.
    let mut v = dairy();
    let last = v["figures"].as_array().map_or(0, Vec::len) - 1;
    v["figures"][last]["label"]["zh"] = json!("女性成员比例");
    let e = errors(&v);
    assert_eq!(e.len(), 1, "{e:?}");
    assert_eq!(
        (e[0].0.as_str(), e[0].1.as_str()),
        ("language", format!("figures[{last}].label.zh").as_str())
    );
    assert!(e[0].2.contains("`en` or `fr`"), "{}", e[0].2);
    // A sentence's languages are keys too.
    let mut v = dairy();
    v["presentation"]["narrative"][0]["de"] = json!("Die Genossenschaft …");
    let e = errors(&v);
    assert_eq!(e[0].1, "presentation.narrative[0].de");
}

#[test]
fn the_own_language_must_be_declared_and_the_list_given_once_each() {
    let mut v = dairy();
    v["case"]["language"] = json!("zh");
    let e = errors(&v);
    assert_eq!(e.len(), 1, "{e:?}");
    assert_eq!(
        (e[0].0.as_str(), e[0].1.as_str()),
        ("language", "case.language")
    );
    assert!(e[0].2.contains("declared"), "{}", e[0].2);
    let mut v = dairy();
    v["case"]["languages"] = json!(["en", "fr", "FR"]);
    assert_eq!(errors(&v)[0].1, "case.languages[2]");
    // Format 3 says which languages it is in.
    let mut v = dairy();
    v["case"].as_object_mut().expect("case").remove("languages");
    v["case"].as_object_mut().expect("case").remove("language");
    let paths: Vec<String> = errors(&v).into_iter().map(|e| e.1).collect();
    assert_eq!(paths, ["case.languages", "case.language"]);
}

#[test]
fn files_of_format_2_are_read_as_english_and_chinese() {
    let m = Model::from_json(MARSH).expect("the marsh fixture loads");
    assert_eq!(m.migrated_from, Some(2));
    assert_eq!(m.dataset.format_version, FORMAT_VERSION);
    assert_eq!(m.dataset.case.language, "en");
    assert_eq!(m.dataset.case.languages, ["en", "zh"]);
    // A French reader of a format-2 file sees English, marked as a fallback.
    let title = &m.dataset.case.title;
    assert!(title.pick(Lang::Fr).expect("a text").fallback);
    assert!(title.get(Lang::Fr).starts_with("Marsh restoration"));
    // A key other than en/zh in a format-2 file is refused as undeclared.
    let mut v: Value = serde_json::from_str(MARSH).expect("JSON");
    v["case"]["title"]["fr"] = json!("Restauration");
    assert_eq!(errors(&v)[0].1, "case.title.fr");
}

#[test]
fn french_is_worded_by_its_own_file() {
    assert_eq!(Lang::parse("fr"), Some(Lang::Fr));
    assert_eq!(Lang::Fr.html_tag(), "fr");
    assert_eq!(Lang::Fr.language().number_locale, "fr-FR");
    assert_eq!(tr(Lang::Fr).view_overview, "Vue d’ensemble");
    assert_eq!(
        period_text(Some(&Period::Since { year: 2014 }), Lang::Fr),
        "depuis 2014"
    );
    assert_eq!(
        period_text(Some(&Period::Year { year: 2014 }), Lang::Zh),
        "2014年"
    );
    let num = |v: f64| v.to_string();
    assert_eq!(
        shape_text(Shape::MoreThan(21.0), Lang::Fr, &num),
        "plus de 21"
    );
    assert_eq!(shape_text(Shape::MoreThan(21.0), Lang::Zh, &num), "超过21");
    assert_eq!(
        shape_text(Shape::MoreThan(21.0), Lang::En, &num),
        "more than 21"
    );
    // A percent sign: no space in English, a narrow no-break space in French.
    let pct = Shown {
        value: Estimate::point(41.0),
        unit: "%".into(),
        rate: None,
        digits: None,
        unit_first: false,
    };
    assert_eq!(numfmt::shown(&pct, Lang::En, NumberStyle::Full), "41%");
    assert_eq!(
        numfmt::shown(&pct, Lang::Fr, NumberStyle::Full),
        "41\u{202f}%"
    );
}

#[test]
fn every_language_has_its_own_name_and_tags() {
    let mut seen = std::collections::HashSet::new();
    for lang in Lang::ALL {
        let l = lang.language();
        assert!(seen.insert(l.name), "{} twice", l.name);
        assert!(case_explorer::model::language_tag::well_formed(l.html_tag));
        assert!(case_explorer::model::language_tag::well_formed(
            l.number_locale
        ));
        assert!(!tr(lang).app_title.is_empty());
    }
    assert_eq!(Lang::ALL.len(), 3);
}

#[test]
fn the_address_and_the_stored_settings_keep_french() {
    use case_explorer::state::ViewState;
    let (view, ignored) = ViewState::from_query("lang=fr", None);
    assert!(ignored.is_empty());
    assert_eq!(view.lang, Lang::Fr);
    // The stored settings are this query string.
    assert!(view.to_query().contains("lang=fr"), "{}", view.to_query());
    let (again, _) = ViewState::from_query(&view.to_query(), None);
    assert_eq!(again.lang, Lang::Fr);
    // A language the interface does not speak is ignored, not guessed.
    let (view, ignored) = ViewState::from_query("lang=de", None);
    assert_eq!(view.lang, Lang::En);
    assert_eq!(ignored.len(), 1);
}

#[test]
fn a_kept_dataset_is_listed_by_its_title_in_the_readers_language_else_the_first() {
    use case_explorer::record::StoredDataset;
    let kept = |en: &str, zh: &str| StoredDataset {
        id: "x".into(),
        titles: vec![("en".into(), en.into()), ("zh".into(), zh.into())],
        loaded_ms: 0,
        newer: false,
    };
    assert_eq!(kept("Title", "标题").title(Lang::Zh), "标题");
    assert_eq!(kept("Title", "标题").title(Lang::Fr), "Title");
    assert_eq!(kept("", "标题").title(Lang::En), "标题");
    assert_eq!(kept("Title", "").title(Lang::Zh), "Title");
    // Any language the dataset has, not only English and Chinese.
    let french = StoredDataset {
        titles: vec![("fr".into(), "Titre".into()), ("en".into(), "Title".into())],
        ..kept("", "")
    };
    assert_eq!(french.title(Lang::Fr), "Titre");
    assert_eq!(french.title(Lang::Zh), "Titre", "else the dataset's first");
}
