use super::AppHandle;
use crate::i18n::tr;
use crate::model::display::NumberStyle;
use crate::model::format::plain_number;
use crate::model::scenario::{
    guard_assumptions, guard_payroll, subsidy_per_hectare, GuardInputs, InputField,
};
use crate::model::Lang;
use crate::numfmt;
use crate::state::Action;
use wasm_bindgen::JsCast;
use yew::prelude::*;

/// "Who protects, who benefits": the guard payroll under the reader's inputs, and the
/// subsidies per hectare under each area reading.
#[function_component(WhatIf)]
pub fn what_if() -> Html {
    let app = use_context::<AppHandle>().expect("AppHandle context");
    let model = &app.model;
    let v = &app.view;
    let lang = v.lang;
    let t = tr(lang);
    let style = v.number_style;
    let reported = GuardInputs::reported(model);
    let each = GuardInputs::reported_each(model);
    // An input left as reported shows the dataset's value; one the dataset lacks starts empty.
    let text = |raw: &Option<String>, fallback: Option<f64>| {
        raw.clone().unwrap_or_else(|| {
            fallback.map_or(String::new(), |f| plain_number(f, 4).replace(',', ""))
        })
    };
    let raw = [
        text(&v.scenario.guards, each[0]),
        text(&v.scenario.pay, each[1]),
        text(&v.scenario.years, each[2]),
    ];
    let parsed = GuardInputs::parse(&raw[0], &raw[1], &raw[2]);
    let errors = parsed.as_ref().err().cloned().unwrap_or_default();
    // Until the inputs are valid, the reported values (when the dataset has them) stand in.
    let result = parsed.ok().or(reported).map(|i| guard_payroll(model, i));
    let money = |x: f64| {
        format!(
            "{} {}",
            numfmt::number(x, lang, Some(6), style),
            if lang == Lang::En { "yuan" } else { "元" }
        )
    };

    let field = |i: usize, f: InputField, label: &'static str| {
        let err = errors.iter().find(|e| e.field == f);
        let id = format!("wi-{}", f.code());
        let err_id = format!("{id}-error");
        let oninput = {
            let app = app.clone();
            Callback::from(move |e: InputEvent| {
                if let Some(el) = e
                    .target()
                    .and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok())
                {
                    app.dispatch(Action::SetScenario(i, Some(el.value())));
                }
            })
        };
        // Each keystroke edits the address bar's entry; the change event (blur, Enter) adds one.
        let onchange = {
            let app = app.clone();
            Callback::from(move |_: Event| app.dispatch(Action::CommitTyping))
        };
        html! {
            <div class="control">
                <label for={id.clone()}>{label}</label>
                <input id={id.clone()} type="text" inputmode="decimal" value={raw[i].clone()} {oninput} {onchange}
                    aria-invalid={err.is_some().to_string()}
                    aria-describedby={err.map(|_| err_id.clone())} />
                if let Some(e) = err { <span class="input-error" id={err_id} role="alert">{e.message(lang).to_string()}</span> }
            </div>
        }
    };
    let reset = {
        let app = app.clone();
        Callback::from(move |_| app.dispatch(Action::ResetScenario))
    };
    let label_of = |id: &str| {
        model
            .quantity(id)
            .map_or(id.to_string(), |q| q.label.get(lang).to_string())
    };
    let per_ha = subsidy_per_hectare(model);
    html! {
        <section aria-labelledby="whatif-title">
            <h2 id="whatif-title">{t.scenario_title}</h2>
            <p class="intro">{t.scenario_intro}</p>
            <div class="scenario-inputs">
                {field(0, InputField::Guards, t.guards)}
                {field(1, InputField::Pay, t.pay)}
                {field(2, InputField::Years, t.years)}
                <button type="button" class="secondary" onclick={reset}>{t.reset}</button>
            </div>
            if !errors.is_empty() { <p class="input-error">{t.input_invalid}</p> }
            if let Some(result) = &result {
            <dl class="scenario-result">
                <dt>{t.payroll_per_year}</dt><dd id="wi-per-year">{money(result.per_year)}</dd>
                <dt>{t.payroll_total}</dt><dd id="wi-total">{money(result.total)}</dd>
            </dl>
            <table class="scenario-table">
                <caption>{t.compared_with}</caption>
                <thead><tr><th scope="col">{t.label}</th><th scope="col">{t.value}</th><th scope="col">{t.share_of}</th></tr></thead>
                <tbody>{ for result.comparisons.iter().map(|c| html! {
                    <tr data-figure={c.id.clone()}>
                        <th scope="row">{label_of(&c.id)}</th>
                        <td class="num">{money(c.amount)}</td>
                        <td class="num">{format!("{}%", numfmt::number(c.pct, lang, Some(4), NumberStyle::Full))}</td>
                    </tr>
                }) }</tbody>
            </table>
            }
            <h3>{t.assumptions}</h3>
            <ul>{ for guard_assumptions(model, lang).into_iter().map(|a| html! { <li>{a}</li> }) }</ul>

            <h2 id="perha-title">{t.per_ha_title}</h2>
            <p class="intro">{t.per_ha_intro}</p>
            <table class="scenario-table" aria-labelledby="perha-title">
                <thead><tr><th scope="col">{t.subsidy_basis}</th><th scope="col">{t.area_reading}</th><th scope="col">{t.yuan_per_ha_year}</th></tr></thead>
                <tbody>{ for per_ha.iter().map(|r| html! {
                    <tr>
                        <td>{label_of(&r.subsidy_id)}</td>
                        <td>{label_of(&r.area_id)}{ if r.area_factor != 1.0 { format!(" ({})", t.read_as_mu) } else { String::new() } }</td>
                        <td class="num">{numfmt::number(r.yuan_per_ha_per_year, lang, Some(4), style)}</td>
                    </tr>
                }) }</tbody>
            </table>
        </section>
    }
}
