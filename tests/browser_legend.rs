#![cfg(target_arch = "wasm32")]
//! Issue 21: in a real browser, every chart of the overview has a legend beside its canvas that
//! names, in the page's language, exactly the colours and marks the chart draws.
//! `CHROMEDRIVER=/usr/bin/chromedriver cargo test --target wasm32-unknown-unknown --test
//! browser_legend`

use case_explorer::charts::spec::{all_charts, Mark};
use case_explorer::model::display::{NumberStyle, UnitChoice};
use case_explorer::model::{Lang, Model};
use wasm_bindgen_test::{wasm_bindgen_test, wasm_bindgen_test_configure};
use web_sys::Element;

mod common;
use common::*;

wasm_bindgen_test_configure!(run_in_browser);

/// Each chart panel's key and its legend's entries (`data-mark`, text).
fn legends(root: &Element) -> Vec<(String, Vec<(String, String)>)> {
    let panels = root
        .query_selector_all("figure.chart-panel")
        .expect("selector");
    (0..panels.length())
        .filter_map(|i| panels.item(i))
        .filter_map(|n| wasm_bindgen::JsCast::dyn_into::<Element>(n).ok())
        .map(|panel| {
            let key = panel.get_attribute("data-chart").unwrap_or_default();
            assert_eq!(count(&panel, ".legend"), 1, "{key}: one legend");
            // The legend comes after the canvas, in the same figure.
            assert_eq!(
                count(&panel, ".canvas-wrap + .legend"),
                1,
                "{key}: below its canvas"
            );
            let items = panel.query_selector_all(".legend li").expect("selector");
            let entries = (0..items.length())
                .filter_map(|j| items.item(j))
                .filter_map(|n| wasm_bindgen::JsCast::dyn_into::<Element>(n).ok())
                .map(|li| {
                    (
                        li.get_attribute("data-mark").unwrap_or_default(),
                        li.text_content().unwrap_or_default().trim().to_string(),
                    )
                })
                .collect();
            (key, entries)
        })
        .collect()
}

fn expected(lang: Lang) -> Vec<(String, Vec<(String, String)>)> {
    let m = Model::embedded().expect("embedded");
    all_charts(&m, UnitChoice::default(), NumberStyle::Full, lang, None)
        .iter()
        .map(|c| {
            let marks = c
                .legend()
                .into_iter()
                .map(|mk| (mk.code().to_string(), mk.label(lang).to_string()))
                .collect();
            (c.key.clone(), marks)
        })
        .collect()
}

#[wasm_bindgen_test]
async fn every_overview_chart_has_its_legend_in_english_and_chinese() {
    let (root, handle) = mount_app().await;
    assert!(wait_until(|| count(&root, "figure.chart-panel") > 0).await);
    let en = legends(&root);
    assert!(en.len() >= 5, "{en:?}");
    assert_eq!(en, expected(Lang::En));
    // What the embedded case's charts draw: the cover rates' arrows, the flagged subsidy total.
    let of = |all: &[(String, Vec<(String, String)>)], key: &str| {
        all.iter()
            .find(|(k, _)| k == key)
            .map(|(_, e)| e.clone())
            .unwrap_or_default()
    };
    assert!(of(&en, "cover").contains(&(
        "lower-bound".into(),
        "Arrow: lower bound (more than)".into()
    )));
    assert!(of(&en, "subsidies").contains(&("flagged".into(), "Flagged by a check".into())));
    assert!(of(&en, "subsidies").contains(&("reported".into(), "Reported in the text".into())));

    choose(&root, "#ctl-lang", "zh");
    assert!(wait_until(|| text(&root, ".legend li[data-mark='reported']") == "原文数据").await);
    let zh = legends(&root);
    assert_eq!(zh, expected(Lang::Zh));
    assert!(of(&zh, "cover").contains(&(
        "lower-bound".into(),
        Mark::LowerBound.label(Lang::Zh).into()
    )));
    // Same marks in both languages, other words.
    let codes = |all: &[(String, Vec<(String, String)>)]| -> Vec<Vec<String>> {
        all.iter()
            .map(|(_, e)| e.iter().map(|(c, _)| c.clone()).collect())
            .collect()
    };
    assert_eq!(codes(&en), codes(&zh));
    assert_ne!(en, zh);
    handle.destroy();
    root.remove();
}
