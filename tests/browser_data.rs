#![cfg(target_arch = "wasm32")]
//! The reader's own data in a real browser: files dropped, chosen or pasted; refused ones leave
//! the dataset and the view as they were; accepted ones switch the whole app and are kept for the
//! next visit; damaged storage gives a notice and a clean start; hostile text stays text.

use case_explorer::components::{Explorer, ExplorerProps};
use case_explorer::model::pace::{Clock, Pace};
use case_explorer::model::{Model, EMBEDDED_JSON, MAX_DATASET_BYTES};
use case_explorer::storage::{self, Record};
use case_explorer::App;
use std::rc::Rc;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_test::{wasm_bindgen_test, wasm_bindgen_test_configure};
use web_sys::{Element, HtmlInputElement, HtmlTextAreaElement};

mod common;
use common::*;

wasm_bindgen_test_configure!(run_in_browser);

/// A clock one millisecond later at every look, so that a pace of a few milliseconds pauses
/// often whatever the machine's speed; each pause is a real zero timeout, as in the page.
#[derive(Default)]
struct Ticking(std::cell::Cell<f64>);

impl Clock for Ticking {
    fn now_ms(&self) -> f64 {
        self.0.set(self.0.get() + 1.0);
        self.0.get()
    }
    fn pause(&self) -> std::pin::Pin<Box<dyn std::future::Future<Output = ()>>> {
        Box::pin(yew::platform::time::sleep(std::time::Duration::ZERO))
    }
}

const TITLE: &str = "Kezuohou Banner: turning desert control into income for the poor";

/// The embedded dataset with one figure changed (tourists 1.4 → 2.8 million) and a new title.
fn modified() -> String {
    EMBEDDED_JSON
        .replacen("\"value\": 1.4,", "\"value\": 2.8,", 1)
        .replacen(TITLE, "A modified copy", 1)
}

fn window() -> web_sys::Window {
    web_sys::window().expect("window")
}

fn local_storage() -> web_sys::Storage {
    window().local_storage().expect("storage").expect("storage")
}

fn set_url(query: &str) {
    let path = window().location().pathname().expect("pathname");
    window()
        .history()
        .expect("history")
        .replace_state_with_url(&JsValue::NULL, "", Some(&format!("{path}{query}")))
        .expect("replaceState");
}

fn search() -> String {
    window().location().search().unwrap_or_default()
}

/// Wait (reading a file is asynchronous) until `sel` matches, or fail.
async fn wait_for(root: &Element, sel: &str) {
    assert!(
        wait_until(|| count(root, sel) > 0).await,
        "nothing matches {sel} after 2 s"
    );
}

async fn wait_text(root: &Element, sel: &str, want: &str) {
    let shown = || count(root, sel) > 0 && text(root, sel).contains(want);
    assert!(
        wait_until(shown).await,
        "{sel} never showed {want:?}: {:?}",
        text(root, sel)
    );
}

/// The record kept in IndexedDB for this dataset text, waited for about 2 s (storing is
/// asynchronous); `None` if it never comes.
async fn stored(json: &str) -> Option<String> {
    let id = storage::dataset_id(json);
    for _ in 0..100 {
        if let Ok(Some(text)) = case_explorer::texts::get(&id, &mut Pace::never()).await {
            return Some(text);
        }
        sleep(20).await;
    }
    None
}

/// Whether IndexedDB holds no record for this dataset text, waited for about 2 s (removing is
/// asynchronous too).
async fn unstored(json: &str) -> bool {
    let id = storage::dataset_id(json);
    for _ in 0..100 {
        if let Ok(None) = case_explorer::texts::get(&id, &mut Pace::never()).await {
            return true;
        }
        sleep(20).await;
    }
    false
}

/// Whether any dataset is kept in the browser: a text in localStorage (an earlier version's),
/// or a titles record (written once a text is kept in IndexedDB).
fn any_dataset_stored() -> bool {
    let s = local_storage();
    (0..s.length().unwrap())
        .filter_map(|i| s.key(i).unwrap())
        .any(|k| {
            k.starts_with(storage::DATASET_PREFIX)
                || k.starts_with(storage::ABOUT_PREFIX)
                || k == storage::DATASET_KEY
        })
}

/// `ds=local:<id>` of this dataset text, as the address writes it.
fn ds(json: &str) -> String {
    format!("ds=local%3A{}", storage::dataset_id(json))
}

fn file(content: &str, name: &str) -> web_sys::File {
    let parts = js_sys::Array::of1(&JsValue::from_str(content));
    let options = web_sys::FilePropertyBag::new();
    options.set_type("application/json");
    web_sys::File::new_with_str_sequence_and_options(&parts, name, &options).expect("file")
}

fn transfer(f: &web_sys::File) -> web_sys::DataTransfer {
    let dt = web_sys::DataTransfer::new().expect("DataTransfer");
    dt.items().add_with_file(f).expect("add file");
    dt
}

/// Drop a file on the drop zone, as a mouse user would.
fn drop_file(root: &Element, f: &web_sys::File) {
    let init = web_sys::DragEventInit::new();
    init.set_bubbles(true);
    init.set_cancelable(true);
    init.set_data_transfer(Some(&transfer(f)));
    let ev = web_sys::DragEvent::new_with_event_init_dict("drop", &init).expect("drop");
    find(root, "#data-drop")
        .dispatch_event(&ev)
        .expect("dispatch");
}

/// Choose a file with the file picker, as a keyboard user would.
fn choose_file(root: &Element, f: &web_sys::File) {
    let input: HtmlInputElement = find(root, "#data-file").dyn_into().expect("input");
    input.set_files(transfer(f).files().as_ref());
    let init = web_sys::EventInit::new();
    init.set_bubbles(true);
    let ev = web_sys::Event::new_with_event_init_dict("change", &init).expect("change");
    input.dispatch_event(&ev).expect("dispatch");
}

fn paste(root: &Element, content: &str) {
    let area: HtmlTextAreaElement = find(root, "#data-text").dyn_into().expect("textarea");
    area.set_value(content);
    click(root, "#data-load");
}

async fn open_panel(root: &Element) {
    if count(root, "#data-panel") == 0 {
        click(root, "#data-toggle");
        settle().await;
    }
    assert_eq!(
        find(root, "#data-toggle")
            .get_attribute("aria-expanded")
            .as_deref(),
        Some("true")
    );
}

async fn mount_at(query: &str) -> (Element, yew::AppHandle<App>) {
    reset_url();
    set_url(query);
    let root = fresh_root();
    let handle = yew::Renderer::<App>::with_root(root.clone()).render();
    // A dataset the address names is read from IndexedDB first (a loading note meanwhile).
    wait_for(&root, "#dataset-name").await;
    (root, handle)
}

/// What the reader sees of the dataset and the view.
fn snapshot(root: &Element) -> (String, String, String, u32) {
    (
        text(root, "#dataset-name"),
        search(),
        text(root, "#detail-title"),
        count(root, "table.figure-table tbody tr[data-figure]"),
    )
}

#[wasm_bindgen_test]
async fn bad_files_leave_the_dataset_and_the_view_intact() {
    let (root, handle) = mount_at("?view=table&fig=forest_land_area&sort=value&dir=desc").await;
    let before = snapshot(&root);
    assert_eq!(before.0, TITLE);
    open_panel(&root).await;

    // Dropped: unknown unit and a dangling reference at once; every one listed.
    let bad = EMBEDDED_JSON
        .replacen("\"unit\": \"ha\"", "\"unit\": \"furlong\"", 1)
        .replacen("\"banner_area\"]", "\"county_area\"]", 1);
    drop_file(&root, &file(&bad, "bad.json"));
    wait_for(&root, "#data-errors").await;
    assert_eq!(
        find(&root, "#data-errors").get_attribute("role").as_deref(),
        Some("alert")
    );
    assert_eq!(count(&root, "#data-errors li.dataset-error"), 2);
    let first = find(&root, "#data-errors li.dataset-error");
    assert_eq!(
        first.get_attribute("data-code").as_deref(),
        Some("unknown_unit")
    );
    assert_eq!(text(&first, ".error-path"), "figures[0].unit");
    assert_eq!(text(&first, ".error-expected"), "a known unit code");
    assert_eq!(text(&first, ".error-found"), "\"furlong\"");
    assert!(text(&root, "#data-errors").contains("Unknown unit"));
    assert_eq!(snapshot(&root), before);

    // Chosen in the file picker: a syntax error, with its line and column.
    let broken = EMBEDDED_JSON.replacen("\"value\": 393333,", "\"value\": 393333,,", 1);
    choose_file(&root, &file(&broken, "broken.json"));
    wait_text(&root, "#data-errors", "line").await;
    let item = find(&root, "#data-errors li.dataset-error");
    assert_eq!(item.get_attribute("data-code").as_deref(), Some("syntax"));
    let line = broken.lines().position(|l| l.contains("393333,,")).unwrap() + 1;
    assert!(
        text(&item, ".error-position").starts_with(&format!("line {line}, column ")),
        "{}",
        text(&item, ".error-position")
    );
    assert_eq!(snapshot(&root), before);

    // Pasted: not even JSON.
    paste(&root, "<html>not a dataset</html>");
    settle().await;
    assert_eq!(
        find(&root, "#data-errors li.dataset-error")
            .get_attribute("data-code")
            .as_deref(),
        Some("syntax")
    );

    // Over the size limit: refused from its size, before it is read.
    let big = "x".repeat(MAX_DATASET_BYTES + 1);
    drop_file(&root, &file(&big, "big.json"));
    settle().await;
    assert_eq!(
        find(&root, "#data-errors li.dataset-error")
            .get_attribute("data-code")
            .as_deref(),
        Some("too_large")
    );

    // Deep nesting: an error, not a crashed page.
    paste(&root, &"[".repeat(200_000));
    settle().await;
    assert_eq!(
        find(&root, "#data-errors li.dataset-error")
            .get_attribute("data-code")
            .as_deref(),
        Some("syntax")
    );
    // Nothing was stored, and the view is as it was.
    assert!(!any_dataset_stored());
    assert_eq!(snapshot(&root), before);
    handle.destroy();
    root.remove();
}

#[wasm_bindgen_test]
async fn a_good_file_switches_the_app_and_back() {
    let (root, handle) = mount_at("?view=overview&lang=en&area=mu").await;
    let tourism = text(&root, "#chart-tourism");
    assert!(tourism.contains("1.4\u{a0}million"), "{tourism}");
    open_panel(&root).await;
    drop_file(&root, &file(&modified(), "modified.json"));
    wait_text(&root, "#dataset-name", "A modified copy").await;
    // The whole app uses it: charts, cards; the view settings stay.
    assert!(text(&root, "#chart-tourism").contains("2.8\u{a0}million"));
    assert_eq!(search(), format!("?{}&area=mu", ds(&modified())));
    assert!(text(&root, "#data-source").contains("modified.json"));
    assert!(text(&root, "#data-status").contains("A modified copy"));
    assert_eq!(count(&root, "#data-errors"), 0);
    // Kept for the next visit.
    let kept = stored(&modified()).await.expect("stored");
    assert_eq!(
        storage::decode(Record::Dataset, &kept),
        Ok(modified().as_str())
    );

    // Back to the built-in case: the stored copy stays at hand, in the list.
    click(&root, "#data-embedded");
    wait_text(&root, "#dataset-name", TITLE).await;
    assert!(text(&root, "#chart-tourism").contains("1.4\u{a0}million"));
    assert_eq!(count(&root, "#data-embedded"), 0);
    assert_eq!(search(), "?area=mu");
    assert!(stored(&modified()).await.is_some());
    assert!(text(&root, "#dataset-list").contains("A modified copy"));

    // Pasted works the same.
    paste(&root, &modified());
    settle().await;
    assert_eq!(text(&root, "#dataset-name"), "A modified copy");
    handle.destroy();
    root.remove();
}

#[wasm_bindgen_test]
async fn a_selected_figure_the_new_dataset_lacks_is_cleared() {
    let (root, handle) = mount_at("?view=table&fig=tourists_2017").await;
    assert_eq!(text(&root, "#detail-title"), "Tourist visits");
    open_panel(&root).await;
    let renamed = modified()
        .replace("\"tourists_2017\"", "\"visitors_2017\"")
        .replace("{tourists_2017}", "{visitors_2017}");
    paste(&root, &renamed);
    settle().await;
    assert_eq!(text(&root, "#dataset-name"), "A modified copy");
    assert_eq!(count(&root, "#detail-title"), 0);
    assert_eq!(search(), format!("?{}&view=table", ds(&renamed)));
    handle.destroy();
    root.remove();
}

#[wasm_bindgen_test]
async fn the_dataset_and_settings_survive_a_reload() {
    let (root, handle) = mount_at("").await;
    open_panel(&root).await;
    paste(&root, &modified());
    settle().await;
    assert!(stored(&modified()).await.is_some());
    choose(&root, "#ctl-lang", "zh");
    choose(&root, "#ctl-area", "mu");
    settle().await;
    handle.destroy();
    root.remove();

    // A new visit with a bare address: the stored dataset and settings, in the address's
    // language (English here): the language is not a stored setting.
    set_url("");
    let root = fresh_root();
    let handle = yew::Renderer::<App>::with_root(root.clone()).render();
    wait_for(&root, "#dataset-name").await;
    assert_eq!(text(&root, "#dataset-name"), "A modified copy");
    assert_eq!(count(&root, ".dataset-bar .badge"), 1);
    assert!(search().contains("area=mu"), "{}", search());
    choose(&root, "#ctl-lang", "zh");
    settle().await;
    assert_eq!(text(&root, "h1"), "科左后旗的治沙与增收");
    // The dataset's Chinese title is the embedded one's: only the English one was changed.
    assert_eq!(
        text(&root, "#dataset-name"),
        "科左后旗：把治沙变成贫困农牧民的收入"
    );
    handle.destroy();
    root.remove();

    // The address bar wins when it has parameters.
    set_url("?lang=zh&view=table");
    let root = fresh_root();
    let handle = yew::Renderer::<App>::with_root(root.clone()).render();
    wait_for(&root, "#dataset-name").await;
    assert_eq!(text(&root, "h1"), "科左后旗的治沙与增收");
    assert!(count(&root, "table.figure-table") == 1);

    // Removing what is stored: gone, and nothing more is stored during the visit.
    open_panel(&root).await;
    click(&root, "#data-remove");
    settle().await;
    let s = local_storage();
    assert!(!any_dataset_stored());
    assert!(s.get_item(storage::SETTINGS_KEY).unwrap().is_none());
    choose(&root, "#ctl-lang", "en");
    settle().await;
    assert!(s.get_item(storage::SETTINGS_KEY).unwrap().is_none());
    assert!(text(&root, "#data-panel").contains("Nothing is kept"));
    handle.destroy();
    root.remove();
}

#[wasm_bindgen_test]
async fn damaged_storage_gives_a_notice_and_a_clean_start() {
    for (dataset, settings, problem) in [
        (Some("not a record".to_string()), None, "corrupt"),
        (
            Some(format!("kezuohou-explorer/dataset/0\n{}", modified())),
            None,
            "old_format",
        ),
        (
            None,
            Some("kezuohou-explorer/settings/2\n?view=table".to_string()),
            "newer_format",
        ),
        (
            Some(storage::encode(Record::Dataset, &cut(&modified(), 5000))),
            None,
            "invalid_dataset",
        ),
        (
            None,
            Some("kezuohou-explorer/settings/1\n?view=<script>".to_string()),
            "corrupt",
        ),
    ] {
        reset_url();
        let s = local_storage();
        if let Some(d) = &dataset {
            s.set_item(storage::DATASET_KEY, d).unwrap();
        }
        if let Some(x) = &settings {
            s.set_item(storage::SETTINGS_KEY, x).unwrap();
        }
        let root = fresh_root();
        let handle = yew::Renderer::<App>::with_root(root.clone()).render();
        settle().await;
        // Never a blank page: the embedded case, and a notice saying why.
        assert_eq!(text(&root, "#dataset-name"), TITLE, "{problem}");
        assert_eq!(count(&root, ".cards .card"), 10, "{problem}");
        let notice = find(&root, "#storage-notice");
        assert_eq!(
            find(&notice, "li").get_attribute("data-problem").as_deref(),
            Some(problem)
        );
        // The unusable record is gone; a second visit starts clean without a notice.
        if dataset.is_some() {
            assert!(s.get_item(storage::DATASET_KEY).unwrap().is_none());
        }
        click(&notice, "button");
        settle().await;
        assert_eq!(count(&root, "#storage-notice"), 0);
        handle.destroy();
        root.remove();
    }
    reset_url();
}

#[wasm_bindgen_test]
async fn full_storage_is_said_and_nothing_stale_comes_back() {
    let (root, handle) = mount_at("").await;
    let s = local_storage();
    // An earlier dataset, then fill what is left.
    s.set_item(
        &storage::dataset_key(&storage::dataset_id(EMBEDDED_JSON)),
        &storage::encode(Record::Dataset, EMBEDDED_JSON),
    )
    .unwrap();
    let mut filler = "x".repeat(1 << 20);
    let mut n = 0;
    while n < 256 {
        // Yield now and then: the test runner polls the page while it fills.
        sleep(0).await;
        if s.set_item(&format!("filler-{n}"), &filler).is_err() {
            // To the last byte: the text goes to IndexedDB, its titles record must not fit.
            if filler.len() < 2 {
                break;
            }
            filler.truncate(filler.len() / 2);
            continue;
        }
        n += 1;
    }
    open_panel(&root).await;
    // A dataset larger than the space left.
    let padded = modified() + &" ".repeat(400_000);
    paste(&root, &padded);
    // Its text goes to IndexedDB; its titles record, in localStorage, does not fit.
    wait_for(&root, "#storage-notice li").await;
    // It is in use, but the reader is told it will not be kept; nothing of it is half-written.
    assert_eq!(text(&root, "#dataset-name"), "A modified copy");
    assert_eq!(
        find(&root, "#storage-notice li")
            .get_attribute("data-problem")
            .as_deref(),
        Some("full")
    );
    assert!(unstored(&padded).await);
    // The panel says what is true, also once the notice is dismissed.
    click(&root, "#storage-notice > button");
    settle().await;
    let kept = text(&root, "#data-kept");
    assert!(!kept.contains("are kept"), "{kept}");
    assert!(kept.contains("storage is full"), "{kept}");
    assert!(kept.contains("not kept"), "{kept}");
    s.clear().unwrap();
    handle.destroy();
    root.remove();
}

fn cut(s: &str, chars: usize) -> String {
    s.chars().take(chars).collect()
}

/// Every kind of element a hostile label could try to become.
/// (The app itself renders none of these.)
const INJECTED: &str = "script, img, svg, iframe, object, embed, style, math, b, [src], \
    a[href^='javascript'], [onerror], [onload], [onmouseover], [ontoggle]";

fn pwned() -> bool {
    js_sys::Reflect::get(&window(), &JsValue::from_str("__pwned"))
        .map(|v| !v.is_undefined())
        .unwrap_or(true)
}

#[wasm_bindgen_test]
async fn hostile_text_from_data_and_url_stays_text() {
    let hostile = include_str!("corpus/valid/hostile.json");
    let model = Rc::new(Model::from_json(hostile).expect("hostile but valid"));
    reset_url();
    set_url("?q=%3Cimg%20src%3Dx%20onerror%3D%22window.__pwned%3D1%22%3E&fig=%3Cscript%3Ewindow.__pwned%3D1%3C%2Fscript%3E&wg=%3Csvg%20onload%3Dwindow.__pwned%3D1%3E");
    let root = fresh_root();
    let props = yew::props!(ExplorerProps { model });
    let handle = yew::Renderer::<Explorer>::with_root_and_props(root.clone(), props).render();
    settle().await;
    let views = [
        "overview", "table", "quality", "derived", "channels", "whatif", "timeline", "trail",
    ];
    for lang in ["en", "zh"] {
        choose(&root, "#ctl-lang", lang);
        settle().await;
        open_panel(&root).await;
        for view in views {
            click(&root, &format!("button[data-view='{view}']"));
            settle().await;
            for id in ["treated_area", "region_area", "treated_share"] {
                if count(&root, &format!("button[data-figure='{id}']")) > 0 {
                    click(&root, &format!("button[data-figure='{id}']"));
                    settle().await;
                }
            }
            let injected = count(&root, INJECTED);
            assert_eq!(
                injected,
                0,
                "{view} ({lang}): {}",
                root.query_selector(INJECTED)
                    .ok()
                    .flatten()
                    .map(|e| e.outer_html())
                    .unwrap_or_default()
            );
            assert!(!pwned(), "{view} ({lang})");
        }
    }
    // The markup is there, as text.
    choose(&root, "#ctl-lang", "en");
    settle().await;
    assert!(text(&root, "#dataset-name").starts_with("<img src=x onerror="));
    click(&root, "button[data-view='table']");
    settle().await;
    // The tampered link: the search text is kept as typed, the rest reported.
    let search_box: HtmlInputElement = find(&root, "#flt-search").dyn_into().unwrap();
    assert_eq!(
        search_box.value(),
        "<img src=x onerror=\"window.__pwned=1\">"
    );
    assert!(text(&root, "#url-notice").contains("fig=<script>"));
    type_into(&root, "#flt-search", "");
    settle().await;
    assert!(text(&root, "table.figure-table").contains("<script>window.__pwned=1</script>"));
    assert!(!pwned());
    handle.destroy();
    root.remove();
}

#[wasm_bindgen_test]
async fn the_last_choice_of_dataset_wins() {
    let (root, handle) = mount_at("").await;
    open_panel(&root).await;
    let pasted = modified().replacen("A modified copy", "The pasted one", 1);
    // A file is chosen (its read is asynchronous), then at once another dataset is pasted.
    choose_file(&root, &file(&modified(), "late.json"));
    paste(&root, &pasted);
    settle().await;
    assert_eq!(text(&root, "#dataset-name"), "The pasted one");
    // Long after the file's read would have ended: the paste still wins, shown and stored.
    for _ in 0..10 {
        sleep(30).await;
        settle().await;
    }
    assert_eq!(text(&root, "#dataset-name"), "The pasted one");
    let kept = stored(&pasted).await.expect("stored");
    assert_eq!(storage::decode(Record::Dataset, &kept), Ok(pasted.as_str()));
    assert!(
        unstored(&modified()).await,
        "the cancelled file is not kept"
    );
    // A file, then back to the built-in case: the built-in case stays, nothing stored.
    choose_file(&root, &file(&modified(), "late.json"));
    click(&root, "#data-embedded");
    for _ in 0..10 {
        sleep(30).await;
        settle().await;
    }
    assert_eq!(text(&root, "#dataset-name"), TITLE);
    assert!(unstored(&modified()).await);
    assert_eq!(count(&root, "#data-errors"), 0);
    handle.destroy();
    root.remove();
}

#[wasm_bindgen_test]
async fn a_dataset_from_a_newer_version_is_kept_until_the_reader_removes_it() {
    reset_url();
    let s = local_storage();
    let newer = format!("kezuohou-explorer/dataset/2\n{}", modified());
    s.set_item(storage::DATASET_KEY, &newer).unwrap();
    let root = fresh_root();
    let handle = yew::Renderer::<App>::with_root(root.clone()).render();
    wait_for(&root, "#dataset-name").await;
    // The built-in case runs; the record stays, and the notice says so.
    assert_eq!(text(&root, "#dataset-name"), TITLE);
    let item = find(&root, "#storage-notice li");
    assert_eq!(
        item.get_attribute("data-problem").as_deref(),
        Some("newer_dataset_kept")
    );
    assert!(text(&root, "#storage-notice").contains("It is kept in this browser"));
    assert_eq!(s.get_item(storage::DATASET_KEY).unwrap(), Some(newer));
    // Removed only on the reader's word.
    click(&root, "#remove-newer");
    settle().await;
    assert!(s.get_item(storage::DATASET_KEY).unwrap().is_none());
    assert_eq!(count(&root, "#storage-notice li"), 0);
    handle.destroy();
    root.remove();
    reset_url();
}

/// The titles of the panel's list, in order, and which one is marked as shown.
fn listed(root: &Element) -> (Vec<String>, String) {
    let items = root
        .query_selector_all("#dataset-list > li")
        .expect("selector");
    let mut titles = Vec::new();
    let mut shown = String::new();
    for i in 0..items.length() {
        let li: Element = items.get(i).expect("li").dyn_into().expect("element");
        let title = text(&li, ".dataset-entry-title");
        if li.get_attribute("aria-current").as_deref() == Some("true") {
            shown = title.clone();
        }
        titles.push(title);
    }
    (titles, shown)
}

#[wasm_bindgen_test]
async fn the_panel_lists_switches_and_removes_datasets_at_hand() {
    let (root, handle) = mount_at("?view=table&area=mu&lang=en").await;
    open_panel(&root).await;
    assert_eq!(
        listed(&root),
        (
            vec!["The built-in case study".to_string()],
            "The built-in case study".into()
        )
    );
    let second = modified().replacen("A modified copy", "The second one", 1);
    paste(&root, &modified());
    settle().await;
    paste(&root, &second);
    settle().await;
    // Listed once their texts are stored (asynchronously, in IndexedDB).
    assert!(wait_until(|| listed(&root).0.len() == 3).await);
    let (titles, shown) = listed(&root);
    assert_eq!(
        titles,
        [
            "The built-in case study",
            "The second one",
            "A modified copy"
        ]
    );
    assert_eq!(shown, "The second one");

    // Switch to the first one: the view settings that apply stay; the address names it.
    let first = format!(
        "#dataset-list li[data-ds=\"local:{}\"] button[data-ds-cmd=show]",
        storage::dataset_id(&modified())
    );
    click(&root, &first);
    wait_text(&root, "#dataset-name", "A modified copy").await;
    assert_eq!(listed(&root).1, "A modified copy");
    assert_eq!(search(), format!("?{}&view=table&area=mu", ds(&modified())));
    assert_eq!(count(&root, "table.figure-table"), 1);

    // Remove the one shown: asked first, in place; Cancel keeps it.
    let entry = format!(
        "#dataset-list li[data-ds=\"local:{}\"]",
        storage::dataset_id(&modified())
    );
    click(&root, &format!("{entry} button[data-ds-cmd=ask-remove]"));
    settle().await;
    assert!(text(&root, &entry).contains("Remove “A modified copy” from this browser?"));
    click(&root, &format!("{entry} button[data-ds-cmd=cancel-remove]"));
    settle().await;
    assert!(stored(&modified()).await.is_some());
    assert_eq!(count(&root, ".dataset-confirm"), 0);
    click(&root, &format!("{entry} button[data-ds-cmd=ask-remove]"));
    settle().await;
    click(
        &root,
        &format!("{entry} button[data-ds-cmd=confirm-remove]"),
    );
    wait_text(&root, "#dataset-name", TITLE).await;
    // Gone from the browser and the list; the built-in case is shown, the view kept.
    assert!(unstored(&modified()).await);
    assert!(stored(&second).await.is_some());
    assert_eq!(
        listed(&root),
        (
            vec![
                "The built-in case study".to_string(),
                "The second one".into()
            ],
            "The built-in case study".into()
        )
    );
    assert_eq!(text(&root, "#dataset-name"), TITLE);
    assert_eq!(search(), "?view=table&area=mu");

    // In Chinese, the list speaks Chinese and the titles follow the language.
    choose(&root, "#ctl-lang", "zh");
    settle().await;
    assert_eq!(listed(&root).0[0], "内置案例");
    handle.destroy();
    root.remove();
    reset_url();
}

#[wasm_bindgen_test]
async fn todays_stored_dataset_is_moved_and_still_shown() {
    reset_url();
    let s = local_storage();
    s.set_item(
        storage::DATASET_KEY,
        &storage::encode(Record::Dataset, &modified()),
    )
    .unwrap();
    let root = fresh_root();
    let handle = yew::Renderer::<App>::with_root(root.clone()).render();
    wait_for(&root, "#dataset-name").await;
    assert_eq!(text(&root, "#dataset-name"), "A modified copy");
    assert_eq!(count(&root, "#storage-notice"), 0);
    assert!(s.get_item(storage::DATASET_KEY).unwrap().is_none());
    assert!(stored(&modified()).await.is_some());
    assert_eq!(search(), format!("?{}", ds(&modified())));
    handle.destroy();
    root.remove();
    reset_url();
}

#[wasm_bindgen_test]
async fn a_link_to_a_dataset_of_another_browser_explains_itself() {
    let (root, handle) = mount_at("?ds=local:0123456789abcdef&view=table").await;
    assert_eq!(text(&root, "#dataset-name"), TITLE);
    assert_eq!(
        find(&root, "#storage-notice li")
            .get_attribute("data-problem")
            .as_deref(),
        Some("elsewhere")
    );
    assert!(
        text(&root, "#storage-notice").contains("another browser")
            || text(&root, "#storage-notice").contains("the browser where it was loaded")
    );
    assert_eq!(search(), "?view=table");
    handle.destroy();
    root.remove();
    reset_url();
}

#[wasm_bindgen_test]
async fn back_and_forward_switch_datasets_with_the_address() {
    let (root, handle) = mount_at("?view=table").await;
    open_panel(&root).await;
    paste(&root, &modified());
    settle().await;
    assert_eq!(text(&root, "#dataset-name"), "A modified copy");
    click(&root, "#data-embedded");
    wait_text(&root, "#dataset-name", TITLE).await;
    assert_eq!(search(), "?view=table");
    // Back: the address names the loaded dataset again, and the app shows it.
    window().history().expect("history").back().expect("back");
    wait_text(&root, "#dataset-name", "A modified copy").await;
    assert_eq!(search(), format!("?{}&view=table", ds(&modified())));
    assert_eq!(count(&root, "table.figure-table"), 1);
    // Forward: the built-in case.
    window()
        .history()
        .expect("history")
        .forward()
        .expect("forward");
    wait_text(&root, "#dataset-name", "Kezuohou Banner").await;
    assert_eq!(text(&root, "#dataset-name"), TITLE);
    handle.destroy();
    root.remove();
    reset_url();
}

/// The keys IndexedDB holds for dataset texts, in order.
async fn stored_keys() -> Vec<String> {
    let db = idb::Factory::new()
        .expect("factory")
        .open(case_explorer::texts::DB_NAME, None)
        .expect("open")
        .await
        .expect("opened");
    let tx = db
        .transaction(
            &[case_explorer::texts::STORE],
            idb::TransactionMode::ReadOnly,
        )
        .expect("transaction");
    let store = tx.object_store(case_explorer::texts::STORE).expect("store");
    let keys = store
        .get_all_keys(None, None)
        .expect("keys")
        .await
        .expect("keys read");
    keys.iter().filter_map(JsValue::as_string).collect()
}

#[wasm_bindgen_test]
async fn a_text_larger_than_one_stored_value_is_kept_in_pieces_and_read_back_whole() {
    use case_explorer::texts::{self, piece_key, COPY_SLICE, PIECE};
    // Two pieces and a bit, with Chinese straddling each cut (three bytes a character, so a
    // piece boundary falls inside a character): the bytes are joined before they are decoded.
    // The first character is cut by the end of the first slice copied out of a piece.
    let line = "科尔沁左翼后旗 desert control, 2014–2017; ";
    let mut text = "a".repeat(COPY_SLICE - 1);
    text.push_str(&line.repeat(2 * PIECE / line.len() + 3));
    assert!(!text.is_char_boundary(COPY_SLICE));
    assert!(text.len() > 2 * PIECE);
    let id = storage::dataset_id(&text);
    texts::put(&id, &text).await.expect("kept");
    let keys = stored_keys().await;
    let mine: Vec<&String> = keys.iter().filter(|k| k.starts_with(&id)).collect();
    assert_eq!(
        mine,
        [piece_key(&id, 0), piece_key(&id, 1), piece_key(&id, 2)]
            .iter()
            .collect::<Vec<_>>()
    );
    // Read in slices, pausing between them as the page does.
    let clock = Ticking::default();
    let mut pace = Pace::new(&clock, 1.0);
    let back = texts::get(&id, &mut pace)
        .await
        .expect("read")
        .expect("found");
    assert!(pace.pauses > 0, "the reading never paused");
    assert_eq!(back.len(), text.len());
    assert!(back == text, "the text read back differs from the one kept");
    // Kept again (the same digest): still three pieces, not more.
    texts::put(&id, &text).await.expect("kept again");
    assert_eq!(
        stored_keys()
            .await
            .iter()
            .filter(|k| k.starts_with(&id))
            .count(),
        3
    );
    // Removed: every piece goes, and the id reads as nothing kept.
    texts::delete(&id).await.expect("removed");
    assert!(!stored_keys().await.iter().any(|k| k.starts_with(&id)));
    assert_eq!(
        texts::get(&id, &mut Pace::never()).await.expect("read"),
        None
    );
}
