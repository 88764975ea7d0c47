//! Explorer of a case study given as data: the model, the view state, charts and the
//! Yew components. `main.rs` only mounts `App`.

pub mod charts;
pub mod components;
pub mod draft_store;
pub mod draft_wire;
pub mod drafting;
pub mod i18n;
pub mod input;
pub mod model;
pub mod module_exports;
pub mod numfmt;
#[cfg(not(target_arch = "wasm32"))]
pub mod prerender;
pub mod record;
pub mod requests;
#[cfg(not(target_arch = "wasm32"))]
pub mod site;
pub mod state;
pub mod storage;
pub mod texts;

pub use components::App;
