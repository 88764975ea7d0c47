//! The draft editor as a module of its own: index.html declares it to Trunk as a
//! `data-type="worker"` link with the `web` target, so Trunk writes `draft-editor.js` and
//! `draft-editor_bg.wasm` and puts nothing in the page. The page imports it the first time the
//! Draft tab is shown and mounts `EditorView` with it (src/components/on_demand.rs, which
//! explains the interface); natively this is an empty program.

case_explorer::on_demand_module!(case_explorer::components::EditorView);

fn main() {}
