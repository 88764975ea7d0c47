use super::figure_link::FigureLink;
use super::AppHandle;
use crate::i18n::tr;
use crate::model::display::show;
use crate::model::format::period_text;
use crate::model::{Period, Quantity};
use crate::numfmt;
use std::collections::BTreeMap;
use yew::prelude::*;

/// Dated figures on their years; the undated ones apart, never on a guessed year.
#[function_component(Timeline)]
pub fn timeline() -> Html {
    let app = use_context::<AppHandle>().expect("AppHandle context");
    let model = &app.model;
    let v = &app.view;
    let lang = v.lang;
    let t = tr(lang);
    let mut years: BTreeMap<i32, Vec<&Quantity>> = BTreeMap::new();
    let mut undated: Vec<&Quantity> = Vec::new();
    for q in model
        .quantities
        .iter()
        .filter(|q| q.origin != crate::model::Origin::Derived)
    {
        match &q.period {
            Some(Period::Year { year }) | Some(Period::Since { year }) => {
                years.entry(*year).or_default().push(q)
            }
            Some(Period::Range { from, .. }) => years.entry(*from).or_default().push(q),
            _ => undated.push(q),
        }
    }
    let item = |q: &Quantity| {
        let s = show(model, q, v.units, lang);
        let how = match &q.period {
            Some(Period::Since { .. }) => format!(" ({})", t.since_year),
            Some(p @ Period::Range { .. }) => {
                format!(" ({} {})", t.period_span, period_text(Some(p), lang))
            }
            _ => String::new(),
        };
        html! {
            <li><FigureLink id={q.id.clone()} />
                {": "}{numfmt::shown(&s, lang, v.number_style)}{how}</li>
        }
    };
    html! {
        <section aria-labelledby="timeline-title">
            <h2 id="timeline-title">{t.view_timeline}</h2>
            <p class="intro">{t.timeline_intro}</p>
            <ol class="timeline">
                { for years.iter().map(|(y, qs)| html! {
                    <li class="year" data-year={y.to_string()}>
                        <h3>{y.to_string()}</h3>
                        <ul class="plain">{ for qs.iter().map(|q| item(q)) }</ul>
                    </li>
                }) }
            </ol>
            <h3 id="undated-title">{t.undated_items}</h3>
            <ul class="plain undated" aria-labelledby="undated-title">{ for undated.iter().map(|q| item(q)) }</ul>
        </section>
    }
}
