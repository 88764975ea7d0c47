#![cfg(target_arch = "wasm32")]
//! "Draft from text" in a real browser: a pasted case study is drafted with every figure
//! highlighted and listed, uncertain ones marked; a highlight opens its editor; an edit shows in
//! the table, a dropped figure disappears; relations are accepted one by one; "Open in the
//! explorer" loads the reviewed draft as the dataset in use, its contradiction flagged.

use kezuohou_explorer::App;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_test::{wasm_bindgen_test, wasm_bindgen_test_configure};
use web_sys::{Element, HtmlInputElement, HtmlTextAreaElement};

mod common;
use common::*;

wasm_bindgen_test_configure!(run_in_browser);

const EN: &str = include_str!("extract/kezuohou_en.txt");
const ZH: &str = include_str!("extract/kezuohou_zh.txt");

fn set_url(query: &str) {
    let w = web_sys::window().expect("window");
    let path = w.location().pathname().expect("pathname");
    w.history()
        .expect("history")
        .replace_state_with_url(&JsValue::NULL, "", Some(&format!("{path}{query}")))
        .expect("replaceState");
}

async fn mount_at(query: &str) -> (Element, yew::AppHandle<App>) {
    reset_url();
    set_url(query);
    let root = fresh_root();
    let handle = yew::Renderer::<App>::with_root(root.clone()).render();
    settle().await;
    (root, handle)
}

/// Set a field's value and fire `change`, as leaving the field does.
fn change(root: &Element, sel: &str, value: &str) {
    let input: HtmlInputElement = find(root, sel).dyn_into().expect("input");
    input.set_value(value);
    let init = web_sys::EventInit::new();
    init.set_bubbles(true);
    let ev = web_sys::Event::new_with_event_init_dict("change", &init).expect("change");
    input.dispatch_event(&ev).expect("dispatch");
}

async fn draft_text(root: &Element, text: &str) {
    if count(root, "#data-panel") == 0 {
        click(root, "#data-toggle");
        settle().await;
    }
    find(root, "#draft-details")
        .set_attribute("open", "")
        .expect("open the details");
    let area: HtmlTextAreaElement = find(root, "#draft-text").dyn_into().expect("textarea");
    area.set_value(text);
    click(root, "#draft-run");
    settle().await;
}

/// The highlight whose text is `quote`.
fn highlight(root: &Element, quote: &str) -> Element {
    let all = root.query_selector_all("mark.hl button").expect("selector");
    (0..all.length())
        .filter_map(|i| all.item(i))
        .filter_map(|n| n.dyn_into::<Element>().ok())
        .find(|e| e.text_content().as_deref() == Some(quote))
        .unwrap_or_else(|| panic!("no highlight “{quote}”"))
}

#[wasm_bindgen_test]
async fn a_pasted_text_is_drafted_reviewed_and_opened() {
    let (root, handle) = mount_at("?view=table").await;
    draft_text(&root, EN).await;

    assert_eq!(
        text(&root, "#draft-summary"),
        "31 figures found, 16 with something to check; 3 relations proposed."
    );
    assert_eq!(count(&root, "mark.hl"), 31);
    assert_eq!(count(&root, "mark.hl.unsure"), 16);
    assert_eq!(count(&root, "#draft-figures tbody tr"), 31);
    // Years, the case number and the date are not highlighted.
    let source = text(&root, "#draft-source");
    assert!(source.contains("Case Study 4.07") && source.contains("12 March 2015"));
    for quote in ["4.07", "2013", "2002", "12"] {
        let all = root.query_selector_all("mark.hl button").expect("selector");
        assert!((0..all.length())
            .all(|i| all.item(i).and_then(|n| n.text_content()).as_deref() != Some(quote)));
    }
    // An uncertain highlight says why.
    let guards = highlight(&root, "310 ecological forest guards");
    assert_eq!(
        guards.get_attribute("title").as_deref(),
        Some("unit read from the noun counted; no time words in the sentence: undated")
    );

    // Selecting a highlight opens its editor; an edit shows in the table.
    highlight(&root, "10,000 yuan")
        .dyn_into::<web_sys::HtmlElement>()
        .expect("button")
        .click();
    settle().await;
    assert!(text(&root, "#draft-editor legend").contains("annual salary"));
    assert!(text(&root, "#draft-doubts").contains("rate (per person, per year…)"));
    change(&root, "#draft-value", "12000");
    settle().await;
    assert!(
        text(&root, "#draft-figures tr.selected").contains("12,000")
            || text(&root, "#draft-figures tr.selected").contains("12000")
    );
    choose(&root, "#draft-period", "3");
    settle().await;
    change(&root, "#draft-year", "2018");
    settle().await;
    assert!(text(&root, "#draft-figures tr.selected").contains("2018"));

    // Dropping a figure removes its highlight and row.
    highlight(&root, "below 8%")
        .dyn_into::<web_sys::HtmlElement>()
        .expect("button")
        .click();
    settle().await;
    click(&root, "#draft-drop");
    settle().await;
    assert_eq!(count(&root, "mark.hl"), 30);
    assert_eq!(count(&root, "#draft-figures tbody tr"), 30);

    // Nothing is accepted until the reader says so; the sum is accepted here.
    assert_eq!(count(&root, "#draft-relations input:checked"), 0);
    let sum = (0..3)
        .map(|k| format!("#draft-rel-{k}"))
        .find(|sel| {
            let label = format!("label[for=\"{}\"]", &sel[1..]);
            text(&root, &label).contains("add up")
        })
        .expect("the sum is proposed");
    click(&root, &sum);
    settle().await;
    assert_eq!(count(&root, "#draft-relations input:checked"), 1);

    click(&root, "#draft-open");
    settle().await;
    assert!(text(&root, "#dataset-name").starts_with("Case Study 4.07"));
    assert_eq!(
        count(&root, "table.figure-table tbody tr[data-figure]"),
        30,
        "the reviewed figures are the dataset in use"
    );
    assert!(
        count(&root, "table.figure-table .status-contradicts") >= 1,
        "the subsidy parts do not add up to the stated total"
    );
    handle.destroy();
}

#[wasm_bindgen_test]
async fn the_review_screen_speaks_chinese() {
    let (root, handle) = mount_at("?lang=zh").await;
    draft_text(&root, ZH).await;
    assert!(text(&root, "#draft-summary").starts_with("找到 30 个数字"));
    assert_eq!(count(&root, "mark.hl"), 30);
    assert!(text(&root, "#draft-figures thead").contains("待核"));
    assert!(text(&root, "#draft-open").contains("在数据浏览器中打开"));
    handle.destroy();
}
