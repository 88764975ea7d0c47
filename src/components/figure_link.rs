use super::AppHandle;
use crate::state::Action;
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
}

/// A button that opens a figure's detail: every mention of a figure anywhere is one of these.
#[function_component(FigureLink)]
pub fn figure_link(p: &FigureLinkProps) -> Html {
    let app = use_context::<AppHandle>().expect("AppHandle context");
    let content = if p.children == Html::default() {
        let label = app
            .model
            .quantity(&p.id)
            .map_or(p.id.to_string(), |q| q.label.get(app.view.lang).to_string());
        html! { {label} }
    } else {
        p.children.clone()
    };
    let onclick = {
        let id = p.id.to_string();
        Callback::from(move |_| app.dispatch(Action::Select(Some(id.clone()))))
    };
    html! {
        <button type="button" class={classes!("link", p.class.clone())} data-figure={p.id.clone()} {onclick}>
            {content}
        </button>
    }
}
