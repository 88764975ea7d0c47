#![cfg(target_arch = "wasm32")]
//! Components in a real browser: mount the app into a fresh element, act as a reader would
//! (click, choose, type) and check what the DOM then shows.

use case_explorer::components::Explorer;
use case_explorer::model::Model;
use std::rc::Rc;
use wasm_bindgen_test::{wasm_bindgen_test, wasm_bindgen_test_configure};

mod common;
use common::*;

wasm_bindgen_test_configure!(run_in_browser);

#[wasm_bindgen_test]
async fn overview_shows_cards_and_charts_with_twins() {
    let (root, handle) = mount_app().await;
    assert_eq!(count(&root, ".cards .card"), 10);
    assert_eq!(
        text(&root, "button[data-figure='forest_cover_rate'] .card-value"),
        "more than 21%"
    );
    assert_eq!(
        text(&root, "button[data-figure='subsidy_total'] .card-value"),
        "50.457\u{a0}million yuan"
    );
    assert_eq!(count(&root, "figure.chart-panel"), 6);
    // Every chart has a description and a data table twin.
    assert_eq!(count(&root, "figure.chart-panel .chart-description"), 6);
    assert_eq!(count(&root, "figure.chart-panel table.twin-table"), 6);
    assert!(text(&root, "#desc-subsidies").contains("contradicted by a consistency check"));
    // The flagged figures carry a badge, the ones a check does not point at do not.
    assert_eq!(
        count(
            &root,
            "button[data-figure='subsidy_total'] .status-contradicts"
        ),
        1
    );
    assert_eq!(
        count(
            &root,
            "button[data-figure='forest_cover_rate'] .status-contradicts"
        ),
        0
    );
    handle.destroy();
    root.remove();
}

#[wasm_bindgen_test]
async fn language_switch_translates_without_reload() {
    let (root, handle) = mount_app().await;
    choose(&root, "#ctl-lang", "zh");
    settle().await;
    assert_eq!(text(&root, "h1"), "科左后旗的治沙与增收");
    assert_eq!(
        text(&root, "button[data-figure='forest_cover_rate'] .card-value"),
        "超过21%"
    );
    let lang = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.document_element())
        .and_then(|e| e.get_attribute("lang"));
    assert_eq!(lang.as_deref(), Some("zh-CN"));
    handle.destroy();
    root.remove();
}

#[wasm_bindgen_test]
async fn area_unit_converts_cards() {
    let (root, handle) = mount_app().await;
    choose(&root, "#ctl-area", "km2");
    settle().await;
    // 273,333 ha / 100, six significant digits as printed.
    assert_eq!(
        text(
            &root,
            "button[data-figure='desert_treated_area'] .card-value"
        ),
        "2,733.33 km²"
    );
    handle.destroy();
    root.remove();
}

#[wasm_bindgen_test]
async fn table_sorts_filters_and_opens_detail() {
    let (root, handle) = mount_app().await;
    click(&root, "button[data-view='table']");
    settle().await;
    let all = count(&root, "table.figure-table tbody tr");
    assert!(all >= 40, "{all} rows");

    click(&root, "button[data-sort='value']");
    settle().await;
    let th = find(&root, "button[data-sort='value']")
        .parent_element()
        .expect("th");
    assert_eq!(th.get_attribute("aria-sort").as_deref(), Some("ascending"));
    click(&root, "button[data-sort='value']");
    settle().await;
    let th = find(&root, "button[data-sort='value']")
        .parent_element()
        .expect("th");
    assert_eq!(th.get_attribute("aria-sort").as_deref(), Some("descending"));
    let first = find(&root, "table.figure-table tbody tr");
    assert_eq!(
        first.get_attribute("data-figure").as_deref(),
        Some("tourism_income_2017")
    );

    type_into(&root, "#flt-search", "subsid");
    settle().await;
    let n = count(&root, "table.figure-table tbody tr");
    assert!(n >= 4 && n < all, "{n} rows match 'subsid'");
    assert_eq!(text(&root, "#row-count"), n.to_string());

    choose(&root, "#flt-kind", "derived");
    settle().await;
    assert!(count(&root, "table.figure-table tbody tr .kind-reported") == 0);

    click(&root, "tr[data-figure='subsidy_parts_sum'] button.link");
    settle().await;
    assert_eq!(
        text(&root, "#detail-title"),
        "Sum of the listed subsidy programmes"
    );
    assert!(text(&root, ".detail").contains("S1 + S2 + S3"));
    assert!(text(&root, ".detail").contains("504,570,000"));
    handle.destroy();
    root.remove();
}

#[wasm_bindgen_test]
async fn detail_explains_a_contradiction_and_links_inputs() {
    let (root, handle) = mount_app().await;
    click(&root, "button[data-figure='forest_land_area']");
    settle().await;
    let detail = text(&root, ".detail");
    assert!(detail.contains("3,400,000 ha"), "{detail}");
    assert!(detail.contains("mu printed as hectares"), "{detail}");
    // The source trail highlights the figure's paragraph.
    click(&root, "button[data-view='trail']");
    settle().await;
    assert!(find(&root, "#para-5").class_list().contains("highlight"));
    assert!(!find(&root, "#para-2").class_list().contains("highlight"));
    handle.destroy();
    root.remove();
}

#[wasm_bindgen_test]
async fn another_dataset_renders_with_what_it_has() {
    reset_url();
    let json = case_explorer::model::EMBEDDED_JSON.replace("\"value\": 1.4,", "\"value\": 2.8,");
    let model = Rc::new(Model::from_json(&json).expect("valid dataset"));
    let root = fresh_root();
    let props = yew::props!(case_explorer::components::ExplorerProps { model });
    let handle = yew::Renderer::<Explorer>::with_root_and_props(root.clone(), props).render();
    settle().await;
    assert!(text(&root, "#chart-tourism").contains("2.8\u{a0}million"));
    handle.destroy();
    root.remove();
}

/// The embedded dataset with `n` extra copies of one figure, for tests at scale.
fn enlarged(n: usize) -> Model {
    let mut v: serde_json::Value =
        serde_json::from_str(case_explorer::model::EMBEDDED_JSON).expect("json");
    let template = v["figures"][0].clone();
    let figures = v["figures"].as_array_mut().expect("figures");
    for i in 0..n {
        let mut f = template.clone();
        f["id"] = serde_json::json!(format!("copy_{i:05}"));
        f["value"] = serde_json::json!(i);
        f["label"]["en"] = serde_json::json!(format!("Generated figure {i:05}"));
        figures.push(f);
    }
    Model::from_json(&v.to_string()).expect("valid")
}

#[wasm_bindgen_test]
async fn long_tables_render_only_the_rows_in_view() {
    reset_url();
    let model = Rc::new(enlarged(2_000));
    let root = fresh_root();
    let props = yew::props!(case_explorer::components::ExplorerProps { model });
    let handle = yew::Renderer::<Explorer>::with_root_and_props(root.clone(), props).render();
    settle().await;
    click(&root, "button[data-view='table']");
    settle().await;
    // 2,000 generated, 28 figures and 28 derived metrics.
    assert_eq!(text(&root, "#row-count"), "2056");
    let rendered = count(&root, "table.figure-table tbody tr[data-figure]");
    assert!(rendered <= 60, "{rendered} rows in the DOM");
    assert!(text(&root, "table.figure-table").contains("Horqin Desert area"));
    // Scroll far down: the window moves with it.
    let scroller = find(&root, ".table-scroll");
    // The test page has no stylesheet: make the box scroll as the app's CSS does.
    scroller
        .set_attribute("style", "max-height:400px;overflow-y:auto;display:block")
        .expect("style");
    scroller.set_scroll_top(40 * 1_500);
    let init = web_sys::EventInit::new();
    let ev = web_sys::Event::new_with_event_init_dict("scroll", &init).expect("event");
    scroller.dispatch_event(&ev).expect("dispatch");
    settle().await;
    let shown = text(&root, "table.figure-table tbody");
    assert!(
        shown.contains("Generated figure 01"),
        "rows near 1,500 are shown"
    );
    assert!(
        !shown.contains("Horqin Desert area"),
        "the top rows left the DOM"
    );
    assert!(count(&root, "table.figure-table tbody tr[data-figure]") <= 60);
    handle.destroy();
    root.remove();
}

#[wasm_bindgen_test]
async fn long_lists_in_every_view_come_a_page_at_a_time() {
    reset_url();
    // 2,000 more copies of the first figure: undated, in one channel and one paragraph.
    let model = Rc::new(enlarged(2_000));
    let root = fresh_root();
    let props = yew::props!(case_explorer::components::ExplorerProps { model });
    let handle = yew::Renderer::<Explorer>::with_root_and_props(root.clone(), props).render();
    settle().await;
    for (view, pager, total) in [
        ("timeline", "#timeline-undated-count", "2,014"),
        ("trail", "#para-2-figures-count", "2,006"),
        ("channels", "#channel-participation-figures-count", "2,010"),
    ] {
        click(&root, &format!("button[data-view='{view}']"));
        settle().await;
        let links = count(&root, "main button[data-figure]");
        assert!(links <= 300, "{view}: {links} figure links rendered");
        assert_eq!(
            text(&root, pager),
            format!("Showing 50 of {total}"),
            "{view}"
        );
        // The next page: the count says so (a live region), focus stays on the button.
        let next = find(&root, &format!("{pager} + button.pager-next"));
        assert_eq!(next.text_content().as_deref(), Some("Show next 50"));
        assert_eq!(
            next.get_attribute("aria-describedby").as_deref(),
            Some(&pager[1..])
        );
        click(&root, &format!("{pager} + button.pager-next"));
        settle().await;
        assert_eq!(
            text(&root, pager),
            format!("Showing 100 of {total}"),
            "{view}"
        );
        assert_eq!(
            find(&root, pager).get_attribute("role").as_deref(),
            Some("status")
        );
        // In Chinese too.
        choose(&root, "#ctl-lang", "zh");
        settle().await;
        assert_eq!(
            text(&root, pager),
            format!("显示 {total} 项中的 100 项"),
            "{view}"
        );
        assert!(text(&root, &format!("{pager} + button")).starts_with("再显示 50"));
        assert!(count(&root, "main button[data-figure]") <= 350);
        choose(&root, "#ctl-lang", "en");
        settle().await;
    }
    // The whole list, page by page: the button goes and focus lands on the count.
    click(&root, "button[data-view='timeline']");
    settle().await;
    while count(&root, "#timeline-undated-count + button.pager-next") > 0 {
        click(&root, "#timeline-undated-count + button.pager-next");
        settle().await;
    }
    assert_eq!(
        text(&root, "#timeline-undated-count"),
        "Showing 2,014 of 2,014"
    );
    let focused = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.active_element())
        .map(|e| e.id());
    assert_eq!(focused.as_deref(), Some("timeline-undated-count"));
    handle.destroy();
    root.remove();
}

#[wasm_bindgen_test]
async fn what_if_typing_makes_one_history_entry() {
    reset_url();
    let w = web_sys::window().expect("window");
    let path = w.location().pathname().expect("pathname");
    let history = w.history().expect("history");
    history
        .replace_state_with_url(
            &wasm_bindgen::JsValue::NULL,
            "",
            Some(&format!("{path}?view=whatif")),
        )
        .expect("replaceState");
    let root = fresh_root();
    let handle = yew::Renderer::<case_explorer::App>::with_root(root.clone()).render();
    settle().await;
    let search = || w.location().search().unwrap_or_default();
    // Five keystrokes: the address follows, in the same entry.
    for typed in ["1", "12", "120", "1200", "12000"] {
        type_into(&root, "#wi-who_protects-guards", typed);
        settle().await;
    }
    assert_eq!(search(), "?view=whatif&w.who_protects.guards=12000");
    // Committed (blur or Enter fire `change`): one entry for the whole edit.
    let init = web_sys::EventInit::new();
    init.set_bubbles(true);
    let change = web_sys::Event::new_with_event_init_dict("change", &init).expect("event");
    find(&root, "#wi-who_protects-guards")
        .dispatch_event(&change)
        .expect("dispatch");
    settle().await;
    assert_eq!(search(), "?view=whatif&w.who_protects.guards=12000");
    // Back: to before the edit, not to the fourth keystroke.
    history.back().expect("back");
    wait_until(|| search() != "?view=whatif&w.who_protects.guards=12000").await;
    assert_eq!(search(), "?view=whatif");
    settle().await;
    let input: web_sys::HtmlInputElement =
        wasm_bindgen::JsCast::dyn_into(find(&root, "#wi-who_protects-guards")).expect("input");
    assert_ne!(input.value(), "12000");
    handle.destroy();
    root.remove();
    reset_url();
}

#[wasm_bindgen_test]
async fn a_link_with_thousands_of_bad_settings_gives_a_short_notice() {
    reset_url();
    let w = web_sys::window().expect("window");
    let path = w.location().pathname().expect("pathname");
    let query: Vec<String> = (0..25_000).map(|i| format!("x{i}=1")).collect();
    w.history()
        .expect("history")
        .replace_state_with_url(
            &wasm_bindgen::JsValue::NULL,
            "",
            Some(&format!("{path}?view=table&{}", query.join("&"))),
        )
        .expect("replaceState");
    let root = fresh_root();
    let handle = yew::Renderer::<case_explorer::App>::with_root(root.clone()).render();
    settle().await;
    assert_eq!(count(&root, "#url-notice li"), 20);
    assert!(text(&root, "#url-notice").contains("24980 more not listed."));
    // Dismiss is at hand, not 600,000 pixels down.
    click(&root, "#url-notice button");
    settle().await;
    assert_eq!(count(&root, "#url-notice"), 0);
    handle.destroy();
    root.remove();
    reset_url();
}

/// The test runner's page has no editor module (and this file never renders the editor on the
/// page): the Draft tab says the editor could not be loaded and why, trying again says so again,
/// and the rest of the explorer keeps working.
#[wasm_bindgen_test]
async fn without_its_module_the_draft_tab_says_so_and_the_rest_works() {
    let (root, handle) = mount_app().await;
    click(&root, "button[data-view=draft]");
    assert!(wait_until(|| count(&root, "#draft-load-failed") > 0).await);
    let note = text(&root, "#draft-load-failed");
    assert!(
        note.contains("The draft editor could not be loaded"),
        "{note}"
    );
    assert!(note.contains("no draft-editor.js in this page"), "{note}");
    assert_eq!(count(&root, "#draft-loading"), 0, "not left loading");
    assert_eq!(count(&root, "#draft-review"), 0);
    click(&root, "#draft-load-retry");
    assert!(wait_until(|| count(&root, "#draft-load-failed") > 0).await);
    assert_eq!(count(&root, "#draft-host"), 1);
    // In Chinese the note follows the switch.
    choose(&root, "#ctl-lang", "zh");
    settle().await;
    assert!(text(&root, "#draft-load-failed").contains("无法加载草稿编辑器"));
    click(&root, "button[data-view=table]");
    settle().await;
    assert_eq!(count(&root, "#draft-load-failed"), 0);
    assert!(count(&root, "table.figure-table tbody tr") > 0);
    handle.destroy();
}
