use super::figure_link::FigureLink;
use super::use_app::use_app;
use crate::model::display::show;
use crate::model::narrative::{Segment, Sentence};
use crate::numfmt;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct NarrativeProps {
    pub sentences: Vec<Sentence>,
    #[prop_or_default]
    pub class: Classes,
    /// The language of the sentences when it is not the reader's (the dataset's own).
    #[prop_or_default]
    pub lang: Option<AttrValue>,
    /// A number's link opens its figure.
    pub on_select: Callback<String>,
}

/// Generated sentences; every number in them is a link to its figure.
#[function_component(Narrative)]
pub fn narrative(p: &NarrativeProps) -> Html {
    let app = use_app();
    let v = &app;
    // Sentences in the dataset's own language word their numbers in it too, when the interface
    // speaks it: "more than 21%" inside an English sentence, not "plus de 21 %".
    let num_lang = p
        .lang
        .as_deref()
        .and_then(crate::model::narrative::interface_language)
        .unwrap_or(v.lang);
    let on_select = p.on_select.clone();
    let segment = |s: &Segment| match s {
        Segment::Text(t) => html! { {t.clone()} },
        Segment::Quantity(id) => match app.model.quantity(id) {
            Some(q) => {
                let shown = show(&app.model, q, v.units, num_lang);
                html! {
                    <FigureLink id={id.clone()} class="num-link" on_select={on_select.clone()}>
                        {numfmt::shown(&shown, num_lang, v.number_style)}
                    </FigureLink>
                }
            }
            None => html! {},
        },
    };
    let gap = v.lang.rules().sentence_gap;
    html! {
        <p class={classes!("narrative", p.class.clone())} lang={p.lang.clone()}>
            { for p.sentences.iter().map(|s| html! { <>{ for s.iter().map(segment) }{gap}</> }) }
        </p>
    }
}
