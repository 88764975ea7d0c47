use super::badges::{KindBadge, StatusBadge};
use super::localized;
use super::use_app::use_app;
use crate::model::display::show;
use crate::model::format::period_text;
use crate::numfmt;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct CardProps {
    pub id: AttrValue,
    pub selected: bool,
    pub on_select: Callback<String>,
}

/// A headline figure: value, unit, period, kind, and a flag when a check fails.
#[function_component(Card)]
pub fn card(p: &CardProps) -> Html {
    let app = use_app();
    let Some(q) = app.model.quantity(&p.id) else {
        return html! {};
    };
    let v = &app;
    let shown = show(&app.model, q, v.units, v.lang);
    let onclick = {
        let id = q.id.clone();
        p.on_select.reform(move |_| id.clone())
    };
    let selected = p.selected;
    html! {
        <li class={classes!("card", selected.then_some("selected"))}>
            <button type="button" class="card-button" data-figure={q.id.clone()} {onclick}
                aria-pressed={selected.to_string()}>
                <span class="card-label">{localized::text(&q.label, v.lang)}</span>
                <span class="card-value">{numfmt::shown_html(&shown, v.lang, v.number_style)}</span>
                <span class="card-period">{period_text(q.period.as_ref(), v.lang)}</span>
                <span class="card-badges">
                    <KindBadge origin={q.origin} lang={v.lang} />
                    <StatusBadge status={app.model.status_of(&q.id)} lang={v.lang} />
                </span>
            </button>
        </li>
    }
}
