use super::magnitude::permille;
use super::use_app::{use_app, Shared};
use crate::i18n::{tr, Strings};
use crate::model::display::{show, UnitChoice};
use crate::model::presentation::{parse_template, Segment};
use crate::model::scenario::{
    holds, input_text, input_units, reading_value, reported_value, run_in, scenarios, InputProblem,
    ScenarioInput, ScenarioSpec,
};
use crate::model::Model;
use crate::numfmt;
use crate::state::{InputKey, ScenarioText};
use std::rc::Rc;
use wasm_bindgen::JsCast;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct WhatIfProps {
    /// The inputs as typed.
    pub typed: ScenarioText,
    /// An input typed or chosen (`None`: back to its reported value).
    pub on_input: Callback<(InputKey, Option<String>)>,
    /// The typing is done (change, blur, Enter, a reading chosen): one history entry for it.
    pub on_commit: Callback<()>,
    /// Every input of this scenario back to its reported value.
    pub on_reset: Callback<String>,
}

/// The what-if scenarios the dataset declares: each input in place of its figure, the
/// scenario's derived metrics recomputed, beside their values in the dataset.
#[function_component(WhatIf)]
pub fn what_if(p: &WhatIfProps) -> Html {
    let app = use_app();
    let lang = app.lang;
    let t = tr(lang);
    let list = scenarios(&app.model);
    html! {
        <section aria-label={t.view_scenario}>
            if list.is_empty() {
                <h2>{t.view_scenario}</h2>
                <p class="intro" id="wi-none">{t.scenario_none}</p>
            }
            { for list.iter().map(|spec| scenario(&app, p, spec)) }
        </section>
    }
}

fn problem_text(p: &InputProblem, t: &Strings) -> String {
    match p {
        InputProblem::NotANumber(text) => t.input_not_number.replace("{text}", text),
        InputProblem::NotFinite => t.input_not_finite.to_string(),
        InputProblem::Negative => t.input_negative.to_string(),
        InputProblem::AboveMax(max) => t.input_above_max.replace("{max}", &input_text(*max)),
        InputProblem::NotWhole => t.input_not_whole.to_string(),
    }
}

/// A quantity's value in the reader's units and number style.
fn shown(model: &Model, q: &crate::model::Quantity, choice: UnitChoice, app: &Shared) -> String {
    let lang = app.lang;
    numfmt::shown(&show(model, q, choice, lang), lang, app.number_style)
}

/// An assumption sentence, each `{id}` written as the dataset gives that quantity.
fn sentence(model: &Model, template: &str, choice: UnitChoice, app: &Shared) -> Html {
    let Ok(ps) = parse_template(template) else {
        // Validation refuses such a template; shown as written rather than lost.
        return html! { {template.to_string()} };
    };
    let parts = ps.into_iter().map(|p| match p {
        Segment::Text(s) => html! { {s} },
        Segment::Quantity(id) => match model.quantity(&id) {
            Some(q) => html! { <span class="num" data-figure={id.clone()}>{shown(model, q, choice, app)}</span> },
            None => html! { {id} },
        },
    });
    html! { <>{ for parts }</> }
}

fn scenario(app: &Shared, p: &WhatIfProps, spec: &ScenarioSpec) -> Html {
    let model: &Rc<Model> = &app.model;
    let lang = app.lang;
    let t = tr(lang);
    let choice = app.units;
    let key = |input: &str| InputKey {
        scenario: spec.id.clone(),
        input: input.to_string(),
    };
    let typed = |input: &str| p.typed.get(&key(input)).map(String::as_str);
    // Each input asks in the units and currency the page shows its figure in; what is typed is
    // brought back to the figure's own unit at the same rate.
    let units: Vec<(f64, String)> = spec
        .inputs
        .iter()
        .map(|i| input_units(model, i, choice, lang).unwrap_or((1.0, String::new())))
        .collect();
    let factor = |i: &ScenarioInput| {
        spec.inputs
            .iter()
            .position(|x| x.id == i.id)
            .map_or(1.0, |n| units[n].0)
    };
    let result = run_in(model, spec, typed, factor);
    let sid = &spec.id;
    let field = |i: usize| {
        let input = &spec.inputs[i];
        let (k, unit) = units[i].clone();
        // An input left as reported shows the dataset's value, in the reader's units.
        let raw = typed(&input.id).map(str::to_string).unwrap_or_else(|| {
            reported_value(model, input).map_or(String::new(), |f| input_text(f * k))
        });
        let err = result.inputs[i].as_ref().err();
        let id = format!("wi-{sid}-{}", input.id);
        let err_id = format!("{id}-error");
        let unit_id = format!("{id}-unit");
        let oninput = {
            let on_input = p.on_input.clone();
            let k = key(&input.id);
            Callback::from(move |e: InputEvent| {
                if let Some(el) = e
                    .target()
                    .and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok())
                {
                    on_input.emit((k.clone(), Some(el.value())));
                }
            })
        };
        // Each keystroke edits the address bar's entry; the change event (blur, Enter) adds one.
        let onchange = p.on_commit.reform(|_: Event| ());
        html! {
            <div class="control">
                <label for={id.clone()}>{input.label.get(lang).to_string()}</label>
                <span class="input-with-unit">
                    <input id={id.clone()} type="text" inputmode="decimal" value={raw} {oninput} {onchange}
                        aria-invalid={err.is_some().to_string()}
                        aria-describedby={err.map(|_| err_id.clone()).unwrap_or_else(|| unit_id.clone())} />
                    <span class="input-unit" id={unit_id.clone()}>{unit}</span>
                </span>
                if let Some(e) = err { <span class="input-error" id={err_id} role="alert">{problem_text(e, t)}</span> }
                { for input.readings.iter().filter_map(|reading| {
                    let value = reading_value(model, input, reading)?;
                    let text = input_text(value * k);
                    let (on_input, on_commit) = (p.on_input.clone(), p.on_commit.clone());
                    let k = key(&input.id);
                    let onclick = Callback::from(move |_: MouseEvent| {
                        on_input.emit((k.clone(), Some(text.clone())));
                        on_commit.emit(());
                    });
                    Some(html! {
                        <button type="button" class="secondary reading" data-unit={reading.unit.clone()} {onclick}>
                            {reading.label.get(lang).to_string()}
                        </button>
                    })
                }) }
            </div>
        }
    };
    let reset = {
        let sid = sid.clone();
        p.on_reset.reform(move |_| sid.clone())
    };
    let title_id = format!("wi-{sid}-title");
    html! {
        <section class="scenario" data-scenario={sid.clone()} aria-labelledby={title_id.clone()}>
            <h2 id={title_id}>{spec.title.get(lang).to_string()}</h2>
            if let Some(intro) = &spec.intro { <p class="intro">{intro.get(lang).to_string()}</p> }
            if !spec.inputs.is_empty() {
                <div class="scenario-inputs" role="group" aria-label={t.scenario_inputs}>
                    { for (0..spec.inputs.len()).map(field) }
                    <button type="button" class="secondary" onclick={reset}>{t.reset}</button>
                </div>
            }
            if !result.applied { <p class="input-error">{t.input_invalid}</p> }
            <table class="scenario-table">
                <caption>{t.scenario_results}</caption>
                <thead><tr><th scope="col">{t.label}</th><th scope="col">{t.result_now}</th><th scope="col">{t.result_reported}</th></tr></thead>
                <tbody>{ for result.outputs.iter().map(|(id, now)| {
                    let reported = model.quantity(id);
                    let label = reported.map_or(id.clone(), |q| q.label.get(lang).to_string());
                    html! {
                        <tr data-figure={id.clone()}>
                            <th scope="row">{label}</th>
                            <td class="num" id={format!("wi-{sid}-{id}")}>{ match now {
                                Some(q) => shown(model, q, choice, app),
                                None => t.not_computable.to_string(),
                            } }</td>
                            <td class="num">{ reported.map_or(String::new(), |q| shown(model, q, choice, app)) }</td>
                        </tr>
                    }
                }) }</tbody>
            </table>
            { result_bars(app, sid, &result.outputs) }
            if spec.assumptions.iter().any(|a| holds(model, a)) {
                <h3>{t.assumptions}</h3>
                <ul class="assumptions">{ for spec.assumptions.iter().filter(|a| holds(model, a)).map(|a| html! {
                    <li>{sentence(model, a.text.get(lang), choice, app)}</li>
                }) }</ul>
            }
        </section>
    }
}

/// The results as a small chart: per result, a bar for the value as reported and one for the
/// what-if, on the same scale (the table above is its text). Results that cannot be drawn
/// (no value, a bound without end, nothing above zero) are left to the table.
fn result_bars(
    app: &Shared,
    sid: &str,
    outputs: &[(String, Option<crate::model::Quantity>)],
) -> Html {
    let model: &Model = &app.model;
    let (lang, choice) = (app.lang, app.units);
    let t = tr(lang);
    let rows = outputs.iter().filter_map(|(id, now)| {
        let reported = model.quantity(id)?;
        let (before, after) = (
            show(model, reported, choice, lang),
            show(model, now.as_ref()?, choice, lang),
        );
        let (b, a) = (before.value.central(), after.value.central());
        let max = b.max(a);
        if !(b.is_finite() && a.is_finite() && max > 0.0 && b >= 0.0 && a >= 0.0) {
            return None;
        }
        let bar = |class: &'static str,
                   word: &'static str,
                   v: f64,
                   s: &crate::model::display::Shown| {
            html! {
                <div class={classes!("bar-row", class)}>
                    <span class="bar-word">{word}</span>
                    <meter min="0" max="1000" value={permille(v, max)} aria-hidden="true"></meter>
                    <span class="num">{numfmt::shown(s, lang, app.number_style)}</span>
                </div>
            }
        };
        Some(html! {
            <li data-figure={id.clone()}>
                <span class="bar-label">{reported.label.get(lang).to_string()}</span>
                { bar("reported", t.result_reported, b, &before) }
                { bar("whatif", t.result_now, a, &after) }
            </li>
        })
    });
    html! {
        <figure class="whatif-bars" aria-labelledby={format!("wi-{sid}-bars")}>
            <figcaption id={format!("wi-{sid}-bars")}>{t.scenario_chart}</figcaption>
            <ul class="plain">{ for rows }</ul>
        </figure>
    }
}
