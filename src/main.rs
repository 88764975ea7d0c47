fn main() {
    yew::Renderer::<kezuohou_explorer::App>::new().render();
}
