use super::figure_link::FigureLink;
use super::AppHandle;
use crate::model::display::show;
use crate::model::narrative::{Segment, Sentence};
use crate::numfmt;
use crate::state::Action;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct NarrativeProps {
    pub sentences: Vec<Sentence>,
    #[prop_or_default]
    pub class: Classes,
}

/// Generated sentences; every number in them is a link to its figure.
#[function_component(Narrative)]
pub fn narrative(p: &NarrativeProps) -> Html {
    let app = use_context::<AppHandle>().expect("AppHandle context");
    let v = &app.view;
    let on_select = {
        let app = app.clone();
        Callback::from(move |id: String| app.dispatch(Action::Select(Some(id))))
    };
    let segment = |s: &Segment| match s {
        Segment::Text(t) => html! { {t.clone()} },
        Segment::Quantity(id) => match app.model.quantity(id) {
            Some(q) => {
                let shown = show(&app.model, q, v.units, v.lang);
                html! {
                    <FigureLink id={id.clone()} class="num-link" on_select={on_select.clone()}>
                        {numfmt::shown(&shown, v.lang, v.number_style)}
                    </FigureLink>
                }
            }
            None => html! {},
        },
    };
    html! {
        <p class={classes!("narrative", p.class.clone())}>
            { for p.sentences.iter().map(|s| html! { <>{ for s.iter().map(segment) }{" "}</> }) }
        </p>
    }
}
