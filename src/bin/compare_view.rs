//! The comparison of cases as a module of its own, built and imported as the draft editor is
//! (src/bin/draft_editor.rs): `compare-view.js` and `compare-view_bg.wasm`, imported the first
//! time the comparison is shown, mounting `CompareView` (src/components/on_demand.rs);
//! natively an empty program.

case_explorer::on_demand_module!(case_explorer::components::CompareView);

fn main() {}
