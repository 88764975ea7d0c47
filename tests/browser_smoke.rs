#![cfg(target_arch = "wasm32")]
//! Smoke test in a real browser: the app mounts and renders its title.
//! Run with `cargo xtask test` (or `CHROMEDRIVER=/usr/bin/chromedriver cargo test
//! --target wasm32-unknown-unknown`).

use kezuohou_explorer::App;
use wasm_bindgen_test::{wasm_bindgen_test, wasm_bindgen_test_configure};

wasm_bindgen_test_configure!(run_in_browser);

/// A fresh `<div>` on `<body>`: Yew clears its root, so never mount into the runner's own
/// elements.
fn fresh_root() -> web_sys::Element {
    let document = web_sys::window()
        .and_then(|w| w.document())
        .expect("the test runs in a browser document");
    let div = document.create_element("div").expect("create <div>");
    document
        .body()
        .expect("the document has a <body>")
        .append_child(&div)
        .expect("append <div> to <body>");
    div
}

#[wasm_bindgen_test]
async fn app_renders_title() {
    let root = fresh_root();
    let handle = yew::Renderer::<App>::with_root(root.clone()).render();
    yew::scheduler::flush().await;

    let h1 = root
        .query_selector("h1")
        .expect("valid selector")
        .expect("the app renders an <h1>");
    let text = h1.text_content().unwrap_or_default();
    assert!(text.contains("Kezuohou"), "h1 text was {text:?}");

    handle.destroy();
    root.remove();
}
