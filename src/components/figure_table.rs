use super::badges::{status_text, KindBadge, StatusBadge};
use super::browser;
use super::use_app::use_app;
use crate::i18n::tr;
use crate::model::display::show;
use crate::model::export::{figures_csv, figures_json};
use crate::model::format::period_text;
use crate::model::{Lang, Model, Origin, Quantity, Status};
use crate::numfmt;
use crate::state::{SortKey, ViewState};
use std::rc::Rc;
use wasm_bindgen::JsCast;
use yew::prelude::*;

/// Quantities that pass the view's filters and search, in the view's order. Pure: tested natively.
pub fn filtered_ids(model: &Model, v: &ViewState) -> Vec<String> {
    let needle = v.search.trim().to_ascii_lowercase();
    let mut rows: Vec<&Quantity> = model
        .quantities
        .iter()
        .filter(|q| {
            v.channel
                .as_ref()
                .is_none_or(|c| q.channel.as_ref() == Some(c))
        })
        .filter(|q| v.kind.is_none_or(|k| q.origin == k))
        .filter(|q| v.status.is_none_or(|s| model.status_of(&q.id) == Some(s)))
        .filter(|q| {
            needle.is_empty()
                || contains_ignoring_ascii_case(&q.id, &needle)
                || contains_ignoring_ascii_case(&q.label.en, &needle)
                || q.label.zh.contains(&needle)
                || model
                    .figure(&q.id)
                    .and_then(|f| f.source.quote.as_ref())
                    .is_some_and(|s| contains_ignoring_ascii_case(s, &needle))
        })
        .collect();
    let lang = v.lang;
    let key = |q: &Quantity| -> (Option<f64>, String) {
        match v.sort {
            SortKey::Source => (None, String::new()),
            SortKey::Label => (None, q.label.get(lang).to_ascii_lowercase()),
            SortKey::Value => (Some(q.base().central()), String::new()),
            SortKey::Unit => (None, q.unit.code().to_string()),
            SortKey::Period => (None, period_text(q.period.as_ref(), Lang::En)),
            SortKey::Kind => (None, q.origin.code().to_string()),
            SortKey::Channel => (None, q.channel.clone().unwrap_or_else(|| "~".into())),
            SortKey::Status => (
                Some(model.status_of(&q.id).map_or(-1.0, |s| s as i32 as f64)),
                String::new(),
            ),
        }
    };
    if v.sort != SortKey::Source {
        // Each key is computed once, not at every comparison (100,000 rows sort in n log n).
        let mut keyed: Vec<((Option<f64>, String), &Quantity)> =
            rows.into_iter().map(|q| (key(q), q)).collect();
        keyed.sort_by(|(ka, _), (kb, _)| {
            let o = match (ka.0, kb.0) {
                (Some(x), Some(y)) => x.total_cmp(&y),
                (Some(_), None) | (None, Some(_)) | (None, None) => ka.1.cmp(&kb.1),
            };
            if v.descending {
                o.reverse()
            } else {
                o
            }
        });
        rows = keyed.into_iter().map(|(_, q)| q).collect();
    } else if v.descending {
        rows.reverse();
    }
    rows.into_iter().map(|q| q.id.clone()).collect()
}

/// Whether `hay` contains `needle_lower` (already lower case), ignoring ASCII case, without
/// allocating: the search runs over every row at each keystroke.
fn contains_ignoring_ascii_case(hay: &str, needle_lower: &str) -> bool {
    let (h, n) = (hay.as_bytes(), needle_lower.as_bytes());
    n.is_empty() || h.windows(n.len()).any(|w| w.eq_ignore_ascii_case(n))
}

fn input_value(e: &InputEvent) -> Option<String> {
    e.target()
        .and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok())
        .map(|i| i.value())
}

fn select_value(e: &Event) -> Option<String> {
    e.target()
        .and_then(|t| t.dyn_into::<web_sys::HtmlSelectElement>().ok())
        .map(|s| s.value())
}

/// Above this many rows the table renders only what is in view.
pub const VIRTUAL_THRESHOLD: usize = 200;
/// Fixed row height of a virtual table, in CSS pixels (the stylesheet agrees).
const ROW_PX: f64 = 40.0;
/// Rows rendered around the visible ones.
const OVERSCAN: usize = 10;
/// Rows rendered at once: a tall screen's worth plus the margins.
const WINDOW_ROWS: usize = 50;

#[derive(Properties, PartialEq)]
pub struct FigureTableProps {
    /// The view: its filters, search, order and selection.
    pub view: ViewState,
    pub on_search: Callback<String>,
    pub on_channel: Callback<Option<String>>,
    pub on_kind: Callback<Option<Origin>>,
    pub on_status: Callback<Option<Status>>,
    pub on_sort: Callback<SortKey>,
    pub on_select: Callback<String>,
}

#[function_component(FigureTable)]
pub fn figure_table(p: &FigureTableProps) -> Html {
    let app = use_app();
    let v = &p.view;
    let lang = v.lang;
    let t = tr(lang);
    let model = &app.model;
    // Filtering and sorting run only when a filter changes, not on every render (scrolling).
    let key = (
        Rc::as_ptr(model) as usize,
        v.channel.clone(),
        v.kind,
        v.status,
        v.search.clone(),
        v.sort,
        v.descending,
        lang,
    );
    let ids: Rc<Vec<String>> = {
        let model = model.clone();
        let view = v.clone();
        use_memo(key, move |_| filtered_ids(&model, &view))
    };
    let scroll_top = use_state(|| 0.0_f64);

    let on_search = {
        let search = p.on_search.clone();
        Callback::from(move |e: InputEvent| {
            if let Some(s) = input_value(&e) {
                search.emit(s);
            }
        })
    };
    let on_channel = p.on_channel.reform(|e: Event| {
        let s = select_value(&e).unwrap_or_default();
        (!s.is_empty()).then_some(s)
    });
    let on_kind = p
        .on_kind
        .reform(|e: Event| Origin::parse(&select_value(&e).unwrap_or_default()));
    let on_status = p
        .on_status
        .reform(|e: Event| Status::parse(&select_value(&e).unwrap_or_default()));
    // Exports gather the figures only when asked for.
    let on_csv = {
        let model = model.clone();
        let ids = ids.clone();
        Callback::from(move |_| {
            let figures: Vec<_> = ids.iter().filter_map(|id| model.figure(id)).collect();
            if let Ok(csv) = figures_csv(&model, &figures, lang) {
                let name = format!("{}-figures.csv", model.dataset.case.id);
                browser::download_text(&name, "text/csv;charset=utf-8", &csv);
            }
        })
    };
    let on_json = {
        let model = model.clone();
        let ids = ids.clone();
        Callback::from(move |_| {
            let figures: Vec<_> = ids.iter().filter_map(|id| model.figure(id)).collect();
            if let Ok(json) = figures_json(&figures) {
                let name = format!("{}-figures.json", model.dataset.case.id);
                browser::download_text(&name, "application/json", &json);
            }
        })
    };
    // Long tables render only the rows in view, plus a margin; spacer rows keep the scroll height.
    let virtual_rows = ids.len() > VIRTUAL_THRESHOLD;
    let (first, last) = if virtual_rows {
        let first = ((*scroll_top / ROW_PX) as usize).saturating_sub(OVERSCAN);
        let first = first.min(ids.len());
        (first, (first + WINDOW_ROWS).min(ids.len()))
    } else {
        (0, ids.len())
    };
    let on_scroll = {
        let scroll_top = scroll_top.clone();
        Callback::from(move |e: Event| {
            if let Some(el) = e
                .target()
                .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
            {
                let top = el.scroll_top() as f64;
                // Re-render only when the window moves by a row.
                if (top - *scroll_top).abs() >= ROW_PX {
                    scroll_top.set(top);
                }
            }
        })
    };

    let header = |k: SortKey, label: &'static str| {
        let sorted = v.sort == k;
        let aria = if !sorted {
            "none"
        } else if v.descending {
            "descending"
        } else {
            "ascending"
        };
        let arrow = if !sorted {
            ""
        } else if v.descending {
            " ▼"
        } else {
            " ▲"
        };
        html! {
            <th scope="col" aria-sort={aria}>
                <button type="button" class="sort" data-sort={k.code()}
                    onclick={p.on_sort.reform(move |_| k)}>{label}{arrow}</button>
            </th>
        }
    };
    let channel_options = model.dataset.channels.iter().map(|c| {
        html! { <option value={c.id.clone()} selected={v.channel.as_ref() == Some(&c.id)}>{c.label.get(lang)}</option> }
    });
    let kind_opt = |k: Origin| {
        let label = match k {
            Origin::Reported => t.kind_reported,
            Origin::Derived => t.kind_derived,
            Origin::Context => t.kind_context,
        };
        html! { <option value={k.code()} selected={v.kind == Some(k)}>{label}</option> }
    };
    let status_opt = |s: Status| {
        html! { <option value={s.code()} selected={v.status == Some(s)}>{status_text(s, lang)}</option> }
    };
    let rows = ids[first..last].iter().filter_map(|id| model.quantity(id)).map(|q| {
        let s = show(model, q, v.units, lang);
        let onclick = {
            let id = q.id.clone();
            p.on_select.reform(move |_| id.clone())
        };
        let selected = v.selected.as_deref() == Some(q.id.as_str());
        let channel = q
            .channel
            .as_ref()
            .and_then(|c| model.channel(c))
            .map(|c| c.label.get(lang).to_string())
            .unwrap_or_default();
        html! {
            <tr class={classes!(selected.then_some("selected"))} data-figure={q.id.clone()}>
                <th scope="row"><button type="button" class="link" {onclick}>{q.label.get(lang)}</button></th>
                <td class="num">{numfmt::estimate(&s.value, lang, s.digits, v.number_style)}</td>
                <td>{s.unit.clone()}</td>
                <td>{period_text(q.period.as_ref(), lang)}</td>
                <td><KindBadge origin={q.origin} lang={lang} /></td>
                <td>{channel}</td>
                <td class="num">{model.paragraph_of(&q.id).map(|n| n.to_string()).unwrap_or_default()}</td>
                <td><StatusBadge status={model.status_of(&q.id)} lang={lang} /></td>
            </tr>
        }
    });
    html! {
        <section aria-labelledby="table-title">
            <h2 id="table-title">{t.view_table}</h2>
            <div class="filters">
                <label class="control" for="flt-search"><span>{t.search}</span>
                    <input id="flt-search" type="search" value={v.search.clone()} placeholder={t.search_placeholder} oninput={on_search} /></label>
                <label class="control" for="flt-channel"><span>{t.filter_channel}</span>
                    <select id="flt-channel" onchange={on_channel}>
                        <option value="" selected={v.channel.is_none()}>{t.all}</option>
                        { for channel_options }
                    </select></label>
                <label class="control" for="flt-kind"><span>{t.filter_kind}</span>
                    <select id="flt-kind" onchange={on_kind}>
                        <option value="" selected={v.kind.is_none()}>{t.all}</option>
                        {kind_opt(Origin::Reported)}{kind_opt(Origin::Derived)}{kind_opt(Origin::Context)}
                    </select></label>
                <label class="control" for="flt-status"><span>{t.filter_status}</span>
                    <select id="flt-status" onchange={on_status}>
                        <option value="" selected={v.status.is_none()}>{t.all}</option>
                        { for Status::ALL.into_iter().map(status_opt) }
                    </select></label>
                <button type="button" id="export-csv" onclick={on_csv}>{t.export_csv}</button>
                <button type="button" id="export-json" onclick={on_json}>{t.export_json}</button>
            </div>
            <p class="count" role="status"><span id="row-count">{ids.len()}</span>{" "}{t.rows_shown}</p>
            <div class={classes!("table-scroll", virtual_rows.then_some("virtual"))} tabindex="0" role="region"
                aria-label={format!("{} · {} {}", t.view_table, ids.len(), t.rows_shown)} onscroll={on_scroll}>
                <table class="figure-table">
                    <thead><tr>
                        {header(SortKey::Label, t.label)}{header(SortKey::Value, t.value)}{header(SortKey::Unit, t.unit)}
                        {header(SortKey::Period, t.period)}{header(SortKey::Kind, t.kind)}{header(SortKey::Channel, t.channel)}
                        {header(SortKey::Source, t.paragraph)}{header(SortKey::Status, t.check)}
                    </tr></thead>
                    <tbody>
                        // Spacers sized by the `height` attribute of their cell, not a `style`
                        // attribute, which the Content-Security-Policy refuses.
                        if first > 0 { <tr class="spacer" aria-hidden="true"><td colspan="8" height={(first * ROW_PX as usize).to_string()}></td></tr> }
                        { for rows }
                        if last < ids.len() { <tr class="spacer" aria-hidden="true"><td colspan="8" height={((ids.len() - last) * ROW_PX as usize).to_string()}></td></tr> }
                    </tbody>
                </table>
            </div>
        </section>
    }
}
