use kezuohou_explorer::components::{App, AppProps, Boot};
use std::rc::Rc;

fn main() {
    // Everything the app needs from the browser is read here, once, before the first render.
    let boot = Rc::new(Boot::from_browser());
    yew::Renderer::<App>::with_props(AppProps { boot }).render();
}
