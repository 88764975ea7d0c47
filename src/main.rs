fn main() {
    // Reads the browser once, then takes over the prerendered page or renders afresh.
    case_explorer::components::mount();
}
