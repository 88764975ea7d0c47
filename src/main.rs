fn main() {
    // Reads the browser once, then takes over the prerendered page or renders afresh.
    kezuohou_explorer::components::mount();
}
