//! Starting the app in the page: take over the prerendered HTML when this visit starts where it
//! does, otherwise render afresh into the same element.

use super::app::{App, AppProps, Boot};
use super::browser;
use std::rc::Rc;

/// Read the browser once (`Boot::from_browser`), then hydrate or render into `<div id="app">`
/// (the whole `<body>` when a page has no such element).
pub fn mount() {
    let boot = Rc::new(Boot::from_browser());
    let hydrating = boot.hydrating;
    let props = AppProps { boot };
    let Some(root) = browser::app_root() else {
        yew::Renderer::<App>::with_props(props).render();
        return;
    };
    #[cfg(target_arch = "wasm32")]
    if let Some(lang) = hydrating {
        // The page already reads as it should: take it over in the next task, so reading the
        // dataset (above) and hydrating are shorter tasks rather than one long one.
        // The formatters' locale data loads in a task between the two.
        gloo::timers::callback::Timeout::new(0, move || {
            crate::numfmt::warm_up(lang);
            gloo::timers::callback::Timeout::new(0, move || {
                yew::Renderer::<App>::with_root_and_props(root, props).hydrate();
            })
            .forget();
        })
        .forget();
        return;
    }
    #[cfg(not(target_arch = "wasm32"))]
    let _ = hydrating;
    // The prerendered page shows another start (another language, view or dataset): replace it.
    while let Some(child) = root.first_child() {
        if root.remove_child(&child).is_err() {
            break;
        }
    }
    let _ = root.remove_attribute("data-prerendered");
    yew::Renderer::<App>::with_root_and_props(root, props).render();
}
