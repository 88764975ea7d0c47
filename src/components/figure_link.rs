use super::use_app::use_app;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct FigureLinkProps {
    /// A figure or derived-metric id.
    pub id: AttrValue,
    #[prop_or_default]
    pub class: Classes,
    /// What the link shows; the quantity's label when empty.
    #[prop_or_default]
    pub children: Html,
    pub on_select: Callback<String>,
}

/// A button that opens a figure's detail: every mention of a figure anywhere is one of these.
#[function_component(FigureLink)]
pub fn figure_link(p: &FigureLinkProps) -> Html {
    let app = use_app();
    let content = if p.children == Html::default() {
        let label = app
            .model
            .quantity(&p.id)
            .map_or(p.id.to_string(), |q| q.label.get(app.lang).to_string());
        html! { {label} }
    } else {
        p.children.clone()
    };
    let onclick = {
        let id = p.id.to_string();
        p.on_select.reform(move |_| id.clone())
    };
    html! {
        <button type="button" class={classes!("link", p.class.clone())} data-figure={p.id.clone()} {onclick}>
            {content}
        </button>
    }
}
