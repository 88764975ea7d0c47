//! The drafting worker: Trunk builds this binary as a web worker (index.html, `data-type="worker"`)
//! and the page starts it the first time a text is drafted (src/drafting.rs). It reads a text
//! into a draft off the page's thread and answers in bytes (src/draft_wire.rs).

fn main() {
    #[cfg(target_arch = "wasm32")]
    case_explorer::drafting::serve();
}
