#![cfg(target_arch = "wasm32")]
//! French in a real browser: the switch offers every language of the table, French strings and
//! numbers (Intl with the French locale) replace the English ones without a reload, the address
//! says `lang=fr`, and a dataset written in English and French reads in French; a Chinese reader
//! of it gets the English texts, tagged `lang="en"`.

use case_explorer::components::Explorer;
use case_explorer::model::Model;
use std::rc::Rc;
use wasm_bindgen_test::{wasm_bindgen_test, wasm_bindgen_test_configure};

mod common;
use common::*;

wasm_bindgen_test_configure!(run_in_browser);

const DAIRY: &str = include_str!("fixtures/fictional_dairy_cooperative.json");

fn html_lang() -> Option<String> {
    web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.document_element())
        .and_then(|e| e.get_attribute("lang"))
}

#[wasm_bindgen_test]
async fn switching_to_french_translates_the_page() {
    let (root, handle) = mount_app().await;
    // Three languages, each by its own name.
    assert_eq!(count(&root, "#ctl-lang option"), 3);
    assert_eq!(text(&root, "#ctl-lang option[value='fr']"), "Français");
    choose(&root, "#ctl-lang", "fr");
    settle().await;
    assert_eq!(html_lang().as_deref(), Some("fr"));
    assert_eq!(
        text(&root, "button[data-view='overview']"),
        "Vue d’ensemble"
    );
    assert_eq!(text(&root, "#headline-title"), "Chiffres clés");
    // Intl.NumberFormat with fr-FR: a narrow no-break space before the percent sign.
    assert_eq!(
        text(&root, "button[data-figure='forest_cover_rate'] .card-value"),
        "plus de 21\u{202f}%"
    );
    // The case is written in English and Chinese: the page says so and marks its title.
    assert!(text(&root, "#language-fallback").contains("n’est pas rédigé en français"));
    assert_eq!(text(&root, "h1 .lang-mark"), "(en anglais)");
    assert_eq!(count(&root, "h1 span[lang='en']"), 1);
    // The lead sentences are English, numbers included, and say so to a screen reader.
    assert_eq!(count(&root, "p.narrative.lead[lang='en']"), 1);
    let lead = text(&root, "p.narrative.lead");
    assert!(lead.contains("about 23.8%"), "{lead}");
    let search = web_sys::window()
        .and_then(|w| w.location().search().ok())
        .unwrap_or_default();
    assert!(search.contains("lang=fr"), "{search}");
    handle.destroy();
    root.remove();
}

#[wasm_bindgen_test]
async fn an_english_and_french_dataset_reads_in_french_and_falls_back_in_chinese() {
    reset_url();
    let model = Rc::new(Model::from_json(DAIRY).expect("the dairy fixture loads"));
    let root = fresh_root();
    let props = yew::props!(case_explorer::components::ExplorerProps { model });
    let handle = yew::Renderer::<Explorer>::with_root_and_props(root.clone(), props).render();
    settle().await;
    choose(&root, "#ctl-lang", "fr");
    settle().await;
    assert_eq!(
        text(&root, "button[data-figure='members'] .card-label"),
        "Membres de la coopérative"
    );
    assert_eq!(count(&root, "#language-fallback"), 0);
    assert_eq!(count(&root, ".card-label span[lang]"), 0);
    choose(&root, "#ctl-lang", "zh");
    settle().await;
    assert_eq!(
        text(
            &root,
            "button[data-figure='members'] .card-label span[lang='en']"
        ),
        "Cooperative members"
    );
    assert!(text(&root, "#language-fallback").contains("英文"));
    handle.destroy();
    root.remove();
}

#[wasm_bindgen_test]
async fn the_channels_view_counts_the_cases_own_channels() {
    reset_url();
    // The dairy case has two channels: the lead must not speak of three.
    let model = Rc::new(Model::from_json(DAIRY).expect("the dairy fixture loads"));
    assert_eq!(model.dataset.channels.len(), 2);
    let root = fresh_root();
    let props = yew::props!(case_explorer::components::ExplorerProps { model });
    let handle = yew::Renderer::<Explorer>::with_root_and_props(root.clone(), props).render();
    settle().await;
    click(&root, "button[data-view='channels']");
    settle().await;
    let lead = text(&root, "section[aria-labelledby='channels-title'] .intro");
    assert!(lead.starts_with("Two channels carry"), "{lead}");
    choose(&root, "#ctl-lang", "zh");
    settle().await;
    let lead = text(&root, "section[aria-labelledby='channels-title'] .intro");
    assert!(lead.starts_with("两条渠道"), "{lead}");
    choose(&root, "#ctl-lang", "fr");
    settle().await;
    let lead = text(&root, "section[aria-labelledby='channels-title'] .intro");
    assert!(lead.starts_with("Deux canaux mènent"), "{lead}");
    handle.destroy();
    root.remove();
}
