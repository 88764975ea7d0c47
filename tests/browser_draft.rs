#![cfg(target_arch = "wasm32")]
//! "Draft from text" in a real browser: a pasted case study is drafted with every figure
//! highlighted and listed, uncertain ones marked; a highlight opens its editor; an edit shows in
//! the table, a dropped figure disappears; relations are accepted one by one; "Open in the
//! explorer" loads the reviewed draft as the dataset in use, its contradiction flagged.

use case_explorer::App;
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

/// These tests have no worker script and no editor module: the editor renders in the page and
/// drafts with the extractor on the page, which only tests install (the shipped page's wasm holds
/// neither the editor nor the drafter).
fn draft_on_page() {
    case_explorer::components::install_views_on_page();
    case_explorer::drafting::install_on_page(Some(case_explorer::drafting::answer));
}

async fn mount_at(query: &str) -> (Element, yew::AppHandle<App>) {
    draft_on_page();
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

/// Opens the dataset panel unless it is open.
async fn open_panel(root: &Element) {
    if count(root, "#data-panel") == 0 {
        click(root, "#data-toggle");
        settle().await;
    }
}

/// Goes to the draft editor by its tab unless it is shown.
async fn open_editor(root: &Element) {
    if count(root, "#draft-review") == 0 {
        click(root, "button[data-view=draft]");
        settle().await;
    }
}

async fn draft_text(root: &Element, text: &str) {
    open_editor(root).await;
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

/// Selects the figure highlighted as `quote`, which opens its editor.
async fn pick(root: &Element, quote: &str) {
    highlight(root, quote)
        .dyn_into::<web_sys::HtmlElement>()
        .expect("button")
        .click();
    settle().await;
}

/// Selects the figure highlighted as `quote` and drops it.
async fn drop_figure(root: &Element, quote: &str) {
    pick(root, quote).await;
    click(root, "#draft-drop");
    settle().await;
}

/// What the draft's text box holds.
fn draft_text_box(root: &Element) -> String {
    let area: HtmlTextAreaElement = find(root, "#draft-text").dyn_into().expect("textarea");
    area.value()
}

#[wasm_bindgen_test]
async fn a_pasted_text_is_drafted_reviewed_and_opened() {
    let (root, handle) = mount_at("?view=table").await;
    draft_text(&root, EN).await;

    assert_eq!(
        text(&root, "#draft-summary"),
        "31 figures found, 20 with something to check; 3 relations proposed."
    );
    assert_eq!(count(&root, "mark.hl"), 31);
    assert_eq!(count(&root, "mark.hl.unsure"), 20);
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
    pick(&root, "10,000 yuan").await;
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
    drop_figure(&root, "below 8%").await;
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
    // The explorer takes over from the editor: its overview first.
    assert_eq!(count(&root, "#draft-review"), 0);
    assert!(text(&root, "#dataset-name").starts_with("Case Study 4.07"));
    click(&root, "button[data-view=table]");
    settle().await;
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

const SMALL: &str = "In 2017 the forest coverage rate exceeded 21%.\n\nThe banner now has 310 forest guards, and about 1.4 million tourists visited in 2019.";
const DRAFT_KEY: &str = "kezuohou-explorer.draft";

/// A new visit that keeps local storage (`mount_at` clears it).
async fn revisit(query: &str) -> (Element, yew::AppHandle<App>) {
    draft_on_page();
    set_url(query);
    let root = fresh_root();
    let handle = yew::Renderer::<App>::with_root(root.clone()).render();
    settle().await;
    open_editor(&root).await;
    (root, handle)
}

fn local_storage() -> web_sys::Storage {
    web_sys::window()
        .expect("window")
        .local_storage()
        .expect("storage")
        .expect("storage")
}

/// Removes the draft kept in this browser.
fn forget_draft() {
    local_storage().remove_item(DRAFT_KEY).expect("remove");
}

/// Select the first occurrence of `quote` in the text pane, as a mouse user drags over it.
fn select_in_source(root: &Element, quote: &str) {
    let pieces = root
        .query_selector_all("#draft-source [data-at]")
        .expect("selector");
    let doc = web_sys::window().expect("window").document().expect("doc");
    for k in 0..pieces.length() {
        let Some(el) = pieces.item(k) else { continue };
        let Some(node) = el.first_child() else {
            continue;
        };
        let content = node.text_content().unwrap_or_default();
        if let Some(at) = content.find(quote) {
            let a = content[..at].encode_utf16().count() as u32;
            let b = a + quote.encode_utf16().count() as u32;
            let range = doc.create_range().expect("range");
            range.set_start(&node, a).expect("start");
            range.set_end(&node, b).expect("end");
            let sel = web_sys::window()
                .expect("window")
                .get_selection()
                .expect("selection")
                .expect("selection");
            sel.remove_all_ranges().expect("clear");
            sel.add_range(&range).expect("add");
            return;
        }
    }
    panic!("“{quote}” is not in the text pane");
}

#[wasm_bindgen_test]
async fn a_selected_number_or_a_typed_quote_is_added_as_a_figure() {
    forget_draft();
    let (root, handle) = mount_at("?view=table").await;
    draft_text(&root, SMALL).await;
    let n = count(&root, "mark.hl");
    assert!(n >= 3, "{}", text(&root, "#draft-summary"));
    // Drop the 21%, then select it again in the text and add it.
    drop_figure(&root, "exceeded 21%").await;
    assert_eq!(count(&root, "mark.hl"), n - 1);
    assert!(!text(&root, "#draft-source").is_empty());
    select_in_source(&root, "rate exceeded 21%");
    click(&root, "#draft-add");
    settle().await;
    assert_eq!(count(&root, "mark.hl"), n);
    assert_eq!(text(&root, "mark.hl.selected"), "exceeded 21%");
    let value: HtmlInputElement = find(&root, "#draft-value").dyn_into().expect("input");
    assert_eq!(value.value(), "21");
    let q: web_sys::HtmlSelectElement = find(&root, "#draft-qualifier").dyn_into().expect("select");
    assert_eq!(q.value(), "more_than");
    assert!(text(&root, "#draft-doubts").contains("label"));

    // Words with no number: the reader types the figure they state, and it is added.
    select_in_source(&root, "forest coverage");
    click(&root, "#draft-add");
    settle().await;
    assert!(text(&root, "#draft-typed").contains("forest coverage"));
    assert_eq!(count(&root, "mark.hl"), n);
    find(&root, "#draft-typed-value")
        .dyn_into::<HtmlInputElement>()
        .expect("input")
        .set_value("22");
    find(&root, "#draft-typed-unit")
        .dyn_into::<web_sys::HtmlSelectElement>()
        .expect("select")
        .set_value("%");
    find(&root, "#draft-typed-label")
        .dyn_into::<HtmlInputElement>()
        .expect("input")
        .set_value("Forest cover, typed");
    click(&root, "#draft-typed-add");
    settle().await;
    assert_eq!(count(&root, "#draft-typed"), 0);
    assert_eq!(count(&root, "mark.hl"), n + 1);
    assert_eq!(text(&root, "mark.hl.selected"), "forest coverage");
    assert!(text(&root, "#draft-figures tr.selected").contains("Forest cover, typed"));
    // Undo takes it out again.
    click(&root, "#draft-undo");
    settle().await;
    assert_eq!(count(&root, "mark.hl"), n);

    // Keyboard: drop the guards, type their quote, submit.
    drop_figure(&root, "310 forest guards").await;
    assert_eq!(count(&root, "mark.hl"), n - 1);
    let quote: HtmlInputElement = find(&root, "#draft-quote").dyn_into().expect("input");
    quote.set_value("310 forest guards");
    click(&root, "#draft-add-quote");
    settle().await;
    assert_eq!(count(&root, "mark.hl"), n);
    assert_eq!(text(&root, "mark.hl.selected"), "310 forest guards");
    quote.set_value("not in the text");
    click(&root, "#draft-add-quote");
    settle().await;
    assert_eq!(
        text(&root, "#draft-add-note"),
        "That quote is not in the text."
    );
    handle.destroy();
}

#[wasm_bindgen_test]
async fn the_draft_survives_closing_and_a_damaged_record_is_dropped_with_a_notice() {
    forget_draft();
    let (root, handle) = mount_at("?view=table").await;
    draft_text(&root, SMALL).await;
    let n = count(&root, "mark.hl");
    pick(&root, "310 forest guards").await;
    change(&root, "#draft-label-en", "Forest guards, kept");
    settle().await;
    handle.destroy();
    let stored = local_storage()
        .get_item(DRAFT_KEY)
        .expect("read")
        .expect("a draft record");
    assert!(
        stored.starts_with("kezuohou-explorer/draft/3\n{"),
        "{stored}"
    );

    // A new visit: the same draft, with the edit, in the table and the text box.
    let (root, handle) = revisit("?view=table").await;
    assert_eq!(
        count(&root, "mark.hl"),
        n,
        "{:?} {:?}",
        local_storage().get_item(DRAFT_KEY),
        text(&root, "#draft-review")
    );
    assert!(text(&root, "#draft-figures").contains("Forest guards, kept"));
    assert_eq!(draft_text_box(&root), SMALL);
    handle.destroy();

    // The same draft as the app kept it before format 3 (a change a line): restored, left as it
    // is until the next change, which writes it in format 3 with the earlier changes in it.
    let (kept_text, kept_ops) = case_explorer::draft_store::decode(&stored).expect("decodes");
    let old = case_explorer::draft_store::encode_as_lines(2, &kept_text, &kept_ops);
    local_storage().set_item(DRAFT_KEY, &old).expect("write");
    let (root, handle) = revisit("?view=table").await;
    assert_eq!(count(&root, "mark.hl"), n);
    assert!(text(&root, "#draft-figures").contains("Forest guards, kept"));
    assert_eq!(
        local_storage().get_item(DRAFT_KEY).expect("read"),
        Some(old)
    );
    drop_figure(&root, "exceeded 21%").await;
    let now = local_storage()
        .get_item(DRAFT_KEY)
        .expect("read")
        .expect("a draft record");
    let (_, now_ops) = case_explorer::draft_store::decode(&now).expect("decodes");
    assert!(now.starts_with("kezuohou-explorer/draft/3\n{"), "{now}");
    assert_eq!(now_ops[..kept_ops.len()], kept_ops[..]);
    assert_eq!(now_ops.len(), kept_ops.len() + 1);
    assert_eq!(count(&root, "mark.hl"), n - 1);
    // Clearing forgets it.
    click(&root, "#draft-clear");
    settle().await;
    assert_eq!(count(&root, "mark.hl"), 0);
    assert_eq!(local_storage().get_item(DRAFT_KEY).expect("read"), None);
    handle.destroy();

    // A damaged record: a notice, no draft, the record removed, the app working.
    local_storage()
        .set_item(DRAFT_KEY, "kezuohou-explorer/draft/1\n5\nabc")
        .expect("write");
    let (root, handle) = revisit("?view=table").await;
    assert_eq!(
        text(&root, "#draft-store-note"),
        "The draft kept in this browser could not be read and was removed: starting with no draft."
    );
    assert_eq!(count(&root, "#draft-summary"), 0);
    assert_eq!(local_storage().get_item(DRAFT_KEY).expect("read"), None);
    draft_text(&root, SMALL).await;
    assert_eq!(count(&root, "mark.hl"), n);
    assert_eq!(count(&root, "#draft-store-note"), 0);
    forget_draft();
    handle.destroy();
}

#[wasm_bindgen_test]
async fn a_dropped_text_file_is_drafted() {
    forget_draft();
    let (root, handle) = mount_at("?view=draft").await;
    let parts = js_sys::Array::of1(&JsValue::from_str(SMALL));
    let options = web_sys::FilePropertyBag::new();
    options.set_type("text/plain");
    let file = web_sys::File::new_with_str_sequence_and_options(&parts, "case.txt", &options)
        .expect("file");
    let dt = web_sys::DataTransfer::new().expect("DataTransfer");
    dt.items().add_with_file(&file).expect("add file");
    let init = web_sys::DragEventInit::new();
    init.set_bubbles(true);
    init.set_cancelable(true);
    init.set_data_transfer(Some(&dt));
    let ev = web_sys::DragEvent::new_with_event_init_dict("drop", &init).expect("drop");
    find(&root, "#draft-review")
        .dispatch_event(&ev)
        .expect("dispatch");
    assert!(ev.default_prevented(), "the browser does not open the file");
    wait_until(|| count(&root, "#draft-summary") > 0).await;
    assert!(count(&root, "mark.hl") >= 3);
    assert_eq!(draft_text_box(&root), SMALL);
    forget_draft();
    handle.destroy();
}

/// Presses a key with Ctrl on the document, as a reader outside any text field does.
fn ctrl_key(key: &str, shift: bool) {
    let js = format!(
        "document.body.dispatchEvent(new KeyboardEvent('keydown', {{ key: '{key}', ctrlKey: true, shiftKey: {shift}, bubbles: true, cancelable: true }}))"
    );
    js_sys::eval(&js).expect("key press");
}

#[wasm_bindgen_test]
async fn the_editor_is_a_view_of_its_own_in_steps_and_undo_restores_an_edit() {
    forget_draft();
    let (root, handle) = mount_at("?view=overview").await;
    assert!(
        count(&root, ".cards") > 0,
        "the overview of the built-in case"
    );
    // The data panel leads to it; the address names it; the built-in case is not below it.
    open_panel(&root).await;
    click(&root, "#draft-go");
    settle().await;
    assert_eq!(count(&root, "#draft-review"), 1);
    assert_eq!(count(&root, "#data-panel"), 0);
    assert_eq!(count(&root, ".cards"), 0);
    let search = web_sys::window()
        .expect("window")
        .location()
        .search()
        .expect("search");
    assert!(search.contains("view=draft"), "{search}");
    // Before a text, only the first step.
    assert_eq!(count(&root, "section.draft-step"), 1);
    draft_text(&root, SMALL).await;
    assert_eq!(count(&root, "section.draft-step"), 4);
    assert_eq!(count(&root, "section.draft-step h3"), 4);
    assert_eq!(count(&root, ".draft-stepper button:disabled"), 0);

    // Edit a label: the table shows it; the other language's label is marked until written.
    pick(&root, "310 forest guards").await;
    assert_eq!(count(&root, "label.to-translate #draft-label-zh"), 1);
    let drafted = text(&root, "#draft-figures tr.selected");
    change(&root, "#draft-label-en", "Rangers on patrol");
    settle().await;
    assert!(text(&root, "#draft-figures tr.selected").contains("Rangers on patrol"));
    // Undo restores it; redo brings the edit back; Ctrl+Z and Ctrl+Shift+Z do the same.
    click(&root, "#draft-undo");
    settle().await;
    assert_eq!(text(&root, "#draft-figures tr.selected"), drafted);
    click(&root, "#draft-redo");
    settle().await;
    assert!(text(&root, "#draft-figures tr.selected").contains("Rangers on patrol"));
    ctrl_key("z", false);
    settle().await;
    assert_eq!(text(&root, "#draft-figures tr.selected"), drafted);
    ctrl_key("z", true);
    settle().await;
    assert!(text(&root, "#draft-figures tr.selected").contains("Rangers on patrol"));

    // An id refused says why, and changes nothing.
    change(&root, "#draft-id", "rangers on patrol");
    settle().await;
    assert!(text(&root, "#draft-id-note").contains("U+0020"));

    // The title, then open: the explorer shows the edited case.
    change(&root, "#draft-title-en", "Patrols and forests");
    settle().await;
    click(&root, "#draft-open");
    settle().await;
    assert_eq!(count(&root, "#draft-review"), 0);
    assert!(text(&root, "h1").contains("Patrols and forests"));
    forget_draft();
    handle.destroy();
}

#[wasm_bindgen_test]
async fn without_a_worker_the_editor_says_drafting_needs_one_and_the_rest_works() {
    forget_draft();
    let (root, handle) = mount_at("?view=draft&lang=fr").await;
    // No worker script in this page, and no drafter on the page either.
    case_explorer::drafting::install_on_page(None);
    find(&root, "#draft-text")
        .dyn_into::<HtmlTextAreaElement>()
        .expect("textarea")
        .set_value(SMALL);
    click(&root, "#draft-run");
    assert!(wait_until(|| count(&root, "#draft-no-worker") > 0).await);
    let note = text(&root, "#draft-no-worker");
    assert!(note.contains("worker d’arrière-plan"), "{note}");
    assert!(note.contains("no worker script in this page"), "{note}");
    assert_eq!(count(&root, "#draft-reading"), 0, "not left reading");
    assert_eq!(count(&root, "mark.hl"), 0, "nothing drafted");
    // The rest of the explorer still works: its table of figures opens.
    handle.destroy();
    let (root, handle) = mount_at("?view=table").await;
    assert!(count(&root, "table") > 0);
    handle.destroy();
    forget_draft();
}
