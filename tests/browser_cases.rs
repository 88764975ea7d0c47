#![cfg(target_arch = "wasm32")]
//! More than one case in the browser (issue 23, part 5): the embedded case, an invented one and
//! a real one, each pasted into the data panel (the embedded one opens by itself), show their own
//! values: every headline card of a reported figure writes the figure's value as the dataset
//! file gives it (value × scale, every digit: `num=full`) with its bound word, and the data
//! quality view lists each of the case's relations. What is expected is read from the file, not
//! written here.

use case_explorer::App;
use serde_json::Value;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::{wasm_bindgen_test, wasm_bindgen_test_configure};
use web_sys::HtmlTextAreaElement;

mod common;
use common::*;
#[path = "common/cases.rs"]
mod cases;

wasm_bindgen_test_configure!(run_in_browser);

/// A number with every digit, as English writes it: 5000000 → "5,000,000", 23.1 → "23.1".
fn full_en(x: f64) -> String {
    let text = format!("{x:.6}");
    let (int, frac) = text.split_once('.').unwrap_or((&text, ""));
    let frac = frac.trim_end_matches('0');
    let mut grouped = String::new();
    for (i, ch) in int.chars().enumerate() {
        if i > 0 && (int.len() - i) % 3 == 0 {
            grouped.push(',');
        }
        grouped.push(ch);
    }
    if frac.is_empty() {
        grouped
    } else {
        format!("{grouped}.{frac}")
    }
}

fn scale(code: &str) -> f64 {
    match code {
        "thousand" => 1e3,
        "million" => 1e6,
        "billion" => 1e9,
        "wan" => 1e4,
        "yi" => 1e8,
        "lakh" => 1e5,
        "crore" => 1e7,
        _ => 1.0,
    }
}

fn bound(code: &str) -> Option<&'static str> {
    match code {
        "about" => Some("about"),
        "more_than" => Some("more than"),
        "at_least" => Some("at least"),
        "less_than" => Some("less than"),
        "at_most" => Some("at most"),
        _ => None,
    }
}

/// The family of a unit the page may show in another unit of its family (the dataset's most
/// used one, see `Model::default_unit`).
fn family(unit: &str) -> Option<&'static str> {
    match unit {
        "ha" | "km2" | "mu" | "acre" | "m2" => Some("area"),
        "m3" | "L" => Some("volume"),
        "t" | "kg" | "jin" => Some("mass"),
        _ => None,
    }
}

fn en(text: &Value, v: &Value) -> String {
    let own = v["case"]["language"].as_str().unwrap_or("en");
    text["en"]
        .as_str()
        .or_else(|| text[own].as_str())
        .unwrap_or_default()
        .to_string()
}

/// The headline cards of reported figures written in their own unit: (id, number, bound word).
fn expected_cards(v: &Value) -> Vec<(String, String, Option<&'static str>)> {
    let figures = v["figures"].as_array().cloned().unwrap_or_default();
    let uses = |u: &str| figures.iter().filter(|f| f["unit"] == u).count();
    let shown_as_is = |u: &str| match family(u) {
        None => true,
        Some(fam) => figures
            .iter()
            .filter_map(|f| f["unit"].as_str())
            .filter(|o| *o != u && family(o) == Some(fam))
            .all(|o| uses(o) < uses(u)),
    };
    let headlines = v["presentation"]["headlines"]
        .as_array()
        .cloned()
        .unwrap_or_default();
    headlines
        .iter()
        .filter_map(|h| figures.iter().find(|f| f["id"] == *h))
        .filter(|f| f["kind"] == "reported")
        .filter(|f| shown_as_is(f["unit"].as_str().unwrap_or_default()))
        .map(|f| {
            let value = f["value"].as_f64().unwrap_or(f64::NAN)
                * scale(f["scale"].as_str().unwrap_or("one"));
            (
                f["id"].as_str().unwrap_or_default().to_string(),
                full_en(value),
                bound(f["qualifier"].as_str().unwrap_or("exact")),
            )
        })
        .collect()
}

fn plain(s: &str) -> String {
    s.replace(['\u{a0}', '\u{202f}'], " ")
}

async fn check_case(case: &cases::CaseFile, embedded: bool) {
    let v = case.value();
    let title = en(&v["presentation"]["title"], &v);
    reset_url();
    let path = web_sys::window()
        .and_then(|w| w.location().pathname().ok())
        .unwrap_or_default();
    web_sys::window()
        .and_then(|w| w.history().ok())
        .expect("history")
        .replace_state_with_url(
            &wasm_bindgen::JsValue::NULL,
            "",
            Some(&format!("{path}?lang=en&num=full")),
        )
        .expect("replaceState");
    let root = fresh_root();
    let handle = yew::Renderer::<App>::with_root(root.clone()).render();
    settle().await;
    if !embedded {
        if count(&root, "#data-panel") == 0 {
            click(&root, "#data-toggle");
            settle().await;
        }
        let area: HtmlTextAreaElement = find(&root, "#data-text").dyn_into().expect("textarea");
        area.set_value(case.text);
        click(&root, "#data-load");
    }
    assert!(
        wait_until(|| count(&root, "h1") > 0 && text(&root, "h1") == title).await,
        "{}: the title never became {title:?}",
        case.path
    );

    let cards = expected_cards(&v);
    assert!(
        cards.len() >= 3,
        "{}: {} cards to check",
        case.path,
        cards.len()
    );
    for (id, number, word) in &cards {
        let shown = plain(&text(
            &root,
            &format!("button[data-figure=\"{id}\"] .card-value"),
        ));
        assert!(
            shown.contains(number.as_str()),
            "{}: card {id} reads {shown:?}, not {number}",
            case.path
        );
        if let Some(w) = word {
            assert!(
                shown.contains(w),
                "{}: card {id} reads {shown:?}",
                case.path
            );
        }
    }

    click(&root, "button[data-view=\"quality\"]");
    assert!(
        wait_until(|| count(&root, ".finding-card") > 0).await,
        "{}: no check shown",
        case.path
    );
    let quality = plain(&root.text_content().unwrap_or_default());
    for r in v["relations"].as_array().cloned().unwrap_or_default() {
        let label = plain(&en(&r["label"], &v));
        assert!(
            quality.contains(&label),
            "{}: the quality view lacks {label:?}",
            case.path
        );
    }
    handle.destroy();
    root.remove();
}

#[wasm_bindgen_test]
async fn the_embedded_case_shows_its_own_values() {
    let embedded = cases::ALL
        .iter()
        .find(|c| c.name() == "kezuohou")
        .expect("the embedded case");
    check_case(embedded, true).await;
}

#[wasm_bindgen_test]
async fn an_invented_and_a_real_case_show_their_own_values() {
    for case in cases::fictional_and_real() {
        check_case(case, false).await;
    }
}

/// The expectations are read from the file: a case with a changed value expects the new one.
#[wasm_bindgen_test]
fn expectations_follow_the_file() {
    let [marsh, _] = cases::fictional_and_real();
    let mut v = marsh.value();
    let first = expected_cards(&v);
    let (id, _, _) = first.first().expect("a card").clone();
    let (i, _) = cases::first(&v, "figures", |f| f["id"] == id.as_str()).expect("figure");
    v["figures"][i]["value"] = serde_json::json!(1234.5);
    v["figures"][i]["scale"] = serde_json::json!("thousand");
    let again = expected_cards(&v);
    assert_eq!(again[0].1, "1,234,500");
    assert_eq!(full_en(23.1), "23.1");
    assert_eq!(full_en(51.36e6), "51,360,000");
}
