pub mod model;

use yew::prelude::*;

#[function_component(App)]
pub fn app() -> Html {
    html! { <h1>{"Kezuohou"}</h1> }
}
