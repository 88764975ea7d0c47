//! Helpers shared by the browser tests: a clean address bar, a fresh root element, and acting
//! on the DOM as a reader would.
#![allow(dead_code)]

use case_explorer::App;
use wasm_bindgen::JsCast;
use web_sys::{Element, HtmlElement, HtmlInputElement, HtmlSelectElement};

/// The app keeps its state in the address bar and its settings in local storage; each test
/// starts from clean ones.
pub fn reset_url() {
    let w = web_sys::window().expect("window");
    if let Ok(Some(storage)) = w.local_storage() {
        storage.clear().expect("clear local storage");
    }
    let path = w.location().pathname().expect("pathname");
    w.history()
        .expect("history")
        .replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(&path))
        .expect("replaceState");
}

pub fn fresh_root() -> Element {
    let doc = web_sys::window()
        .and_then(|w| w.document())
        .expect("document");
    let div = doc.create_element("div").expect("div");
    doc.body()
        .expect("body")
        .append_child(&div)
        .expect("append");
    div
}

pub async fn settle() {
    // Renders schedule effects, which may render again.
    for _ in 0..3 {
        yew::scheduler::flush().await;
    }
}

/// Lets `ms` milliseconds of browser time pass (timers, file reads).
pub async fn sleep(ms: i32) {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        web_sys::window()
            .expect("window")
            .set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, ms)
            .expect("setTimeout");
    });
    wasm_bindgen_futures::JsFuture::from(promise)
        .await
        .expect("timeout");
}

/// Renders and waits until `done()` holds, for at most about 2 s; whether it did.
pub async fn wait_until(mut done: impl FnMut() -> bool) -> bool {
    for _ in 0..100 {
        settle().await;
        if done() {
            return true;
        }
        sleep(20).await;
    }
    settle().await;
    done()
}

pub fn find(root: &Element, sel: &str) -> Element {
    root.query_selector(sel)
        .expect("valid selector")
        .unwrap_or_else(|| panic!("nothing matches {sel}"))
}

pub fn count(root: &Element, sel: &str) -> u32 {
    root.query_selector_all(sel)
        .expect("valid selector")
        .length()
}

pub fn text(root: &Element, sel: &str) -> String {
    find(root, sel)
        .text_content()
        .unwrap_or_default()
        .trim()
        .to_string()
}

pub fn click(root: &Element, sel: &str) {
    find(root, sel)
        .dyn_into::<HtmlElement>()
        .expect("html element")
        .click();
}

pub fn choose(root: &Element, sel: &str, value: &str) {
    let select: HtmlSelectElement = find(root, sel).dyn_into().expect("select");
    select.set_value(value);
    let init = web_sys::EventInit::new();
    init.set_bubbles(true);
    let ev = web_sys::Event::new_with_event_init_dict("change", &init).expect("event");
    select.dispatch_event(&ev).expect("dispatch");
}

pub fn type_into(root: &Element, sel: &str, value: &str) {
    let input: HtmlInputElement = find(root, sel).dyn_into().expect("input");
    input.set_value(value);
    let init = web_sys::EventInit::new();
    init.set_bubbles(true);
    let init: web_sys::InputEventInit = init.unchecked_into();
    let ev = web_sys::InputEvent::new_with_event_init_dict("input", &init).expect("event");
    input.dispatch_event(&ev).expect("dispatch");
}

pub async fn mount_app() -> (Element, yew::AppHandle<App>) {
    reset_url();
    let root = fresh_root();
    let handle = yew::Renderer::<App>::with_root(root.clone()).render();
    settle().await;
    (root, handle)
}
