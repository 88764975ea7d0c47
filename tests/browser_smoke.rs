#![cfg(target_arch = "wasm32")]
//! Smoke test in a real browser: the app mounts and renders its title.
//! Run with `cargo xtask test` (or `CHROMEDRIVER=/usr/bin/chromedriver cargo test
//! --target wasm32-unknown-unknown`).

use wasm_bindgen_test::{wasm_bindgen_test, wasm_bindgen_test_configure};

mod common;
use common::*;

wasm_bindgen_test_configure!(run_in_browser);

#[wasm_bindgen_test]
async fn app_renders_title() {
    let (root, handle) = mount_app().await;
    let title = text(&root, "h1");
    assert!(title.contains("Kezuohou"), "h1 text was {title:?}");
    handle.destroy();
    root.remove();
}
