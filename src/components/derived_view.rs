use super::figure_link::FigureLink;
use super::paged::Paged;
use super::use_app::use_app;
use crate::i18n::tr;
use crate::model::display::show;
use crate::numfmt;
use std::ops::Range;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct DerivedViewProps {
    pub on_select: Callback<String>,
}

/// Each derived metric: formula, inputs, result in the chosen units, point or bound; a page
/// of rows at a time.
#[function_component(DerivedView)]
pub fn derived_view(p: &DerivedViewProps) -> Html {
    let app = use_app();
    let v = &app;
    let lang = v.lang;
    let t = tr(lang);
    let total = app.model.dataset.derived.len();
    let (model, units, style) = (app.model.clone(), v.units, v.number_style);
    let on_select = p.on_select.clone();
    let table = Callback::from(move |r: Range<usize>| {
        let model = &model;
        let v = (units, style);
        let link =
            |id: &str| html! { <FigureLink id={id.to_string()} on_select={on_select.clone()} /> };
        let rows = model.dataset.derived[r].iter().filter_map(|d| {
        let q = model.quantity(&d.id)?;
        let s = show(model, q, v.0, lang);
        Some(html! {
            <tr data-figure={d.id.clone()}>
                <th scope="row">{link(&d.id)}</th>
                <td>{d.formula.get(lang)}<br/><code>{d.symbols.clone()}</code></td>
                <td><ul class="plain">{ for d.inputs.iter().map(|i| html! { <li>{link(i)}</li> }) }</ul></td>
                <td class="num">{numfmt::shown_html(&s, lang, v.1)}</td>
                <td>{ if q.value.is_point() { t.point } else { t.bound } }</td>
            </tr>
        })
    });
        html! {
                <div class="table-scroll" tabindex="0" role="region" aria-label={format!("{} · {}", t.view_derived, t.chart_table)}>
                    <table class="derived-table">
                        <thead><tr><th scope="col">{t.label}</th><th scope="col">{t.formula}</th><th scope="col">{t.inputs}</th><th scope="col">{t.result}</th><th scope="col">{t.point_or_bound}</th></tr></thead>
                        <tbody>{ for rows }</tbody>
                    </table>
                </div>
        }
    });
    html! {
        <section aria-labelledby="derived-title">
            <h2 id="derived-title">{t.view_derived}</h2>
            <p class="intro">{t.derived_intro}</p>
            <Paged id="derived-rows" {total} render={table} {lang} />
        </section>
    }
}
