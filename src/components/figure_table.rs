use super::badges::{status_text, KindBadge, StatusBadge};
use super::browser;
use super::localized;
use super::use_app::use_app;
use crate::i18n::tr;
use crate::model::display::show;
use crate::model::export::{figures_csv, figures_json};
use crate::model::format::period_text;
use crate::model::{Figure, Lang, Model, Origin, Quantity, Status};
use crate::numfmt;
use crate::state::{SortKey, ViewState};
use std::rc::Rc;
use wasm_bindgen::JsCast;
use yew::prelude::*;

/// Every quantity (its position in `model.quantities`) ordered by one column, ascending, ties
/// in the model's order; `tied[k]`: the key at `order[k]` equals the one before it. Sorted once
/// per column: the direction, the filters and the search only walk this order (at 100,000
/// figures a keystroke or a second click on a column no longer sorts 157,000 rows again).
#[derive(Debug, PartialEq)]
pub struct Sorted {
    order: Vec<u32>,
    tied: Vec<bool>,
}

/// The sort key of a quantity: a number, or text when there is none.
type Key = (Option<f64>, String);

fn sort_key(model: &Model, q: &Quantity, sort: SortKey, lang: Lang) -> Key {
    match sort {
        SortKey::Source => (None, String::new()),
        SortKey::Label => (None, q.label.get(lang).to_ascii_lowercase()),
        SortKey::Value => (Some(model.comparable_value(q)), String::new()),
        SortKey::Unit => (None, q.unit.code().to_string()),
        SortKey::Period => (None, period_text(q.period.as_ref(), Lang::En)),
        SortKey::Kind => (None, q.origin.code().to_string()),
        SortKey::Channel => (None, q.channel.clone().unwrap_or_else(|| "~".into())),
        SortKey::Status => (
            Some(model.status_of(&q.id).map_or(-1.0, |s| s as i32 as f64)),
            String::new(),
        ),
    }
}

fn compare(a: &Key, b: &Key) -> std::cmp::Ordering {
    match (a.0, b.0) {
        (Some(x), Some(y)) => x.total_cmp(&y),
        (Some(_), None) | (None, Some(_)) | (None, None) => a.1.cmp(&b.1),
    }
}

/// Every quantity ordered by `sort`, ascending (the source order for `SortKey::Source`).
/// `lang` matters for the label column only.
pub fn sort_all(model: &Model, sort: SortKey, lang: Lang) -> Sorted {
    let n = model.quantities.len();
    if sort == SortKey::Source {
        return Sorted {
            order: (0..n as u32).collect(),
            tied: vec![false; n],
        };
    }
    // Each key is computed once, not at every comparison; the sort is stable.
    let mut keyed: Vec<(Key, u32)> = model
        .quantities
        .iter()
        .zip(0u32..)
        .map(|(q, i)| (sort_key(model, q, sort, lang), i))
        .collect();
    keyed.sort_by(|(a, _), (b, _)| compare(a, b));
    let tied = (0..keyed.len())
        .map(|k| k > 0 && compare(&keyed[k - 1].0, &keyed[k].0).is_eq())
        .collect();
    Sorted {
        order: keyed.into_iter().map(|(_, i)| i).collect(),
        tied,
    }
}

/// The order in one direction. Descending is what a stable sort on the reversed comparison
/// gives — keys from the largest, equal keys still in the model's order — in one pass: the
/// runs of equal keys are taken from the end. (The source order simply reverses.)
pub fn in_direction(s: &Sorted, descending: bool) -> Vec<u32> {
    if !descending {
        return s.order.clone();
    }
    let mut out = Vec::with_capacity(s.order.len());
    let mut end = s.order.len();
    while end > 0 {
        let mut start = end - 1;
        while start > 0 && s.tied[start] {
            start -= 1;
        }
        out.extend_from_slice(&s.order[start..end]);
        end = start;
    }
    out
}

/// The figure a quantity was read from, without a lookup by id for the figures (quantities
/// start with the figures, in the dataset's order).
fn figure_of<'m>(model: &'m Model, at: usize, q: &Quantity) -> Option<&'m Figure> {
    match q.origin {
        Origin::Derived => None,
        Origin::Reported | Origin::Context => match model.dataset.figures.get(at) {
            Some(f) if f.id == q.id => Some(f),
            _ => model.figure(&q.id),
        },
    }
}

/// What the search looks through, for every quantity at once: its id, English label, Chinese
/// label and (for a figure) the quote of its source, lower-cased (ASCII), each followed by a
/// NUL, in one buffer; `starts[i]` is where quantity `i` begins. Built once per model, so a
/// keystroke is one scan of the buffer by `str::find`, not four searches per row.
#[derive(Debug, PartialEq)]
pub struct SearchText {
    text: String,
    starts: Vec<usize>,
}

const FIELD_END: char = '\0';

pub fn search_text(model: &Model) -> SearchText {
    let mut text = String::new();
    let mut starts = Vec::with_capacity(model.quantities.len());
    let push = |text: &mut String, field: &str| {
        let at = text.len();
        text.push_str(field);
        text[at..].make_ascii_lowercase();
        text.push(FIELD_END);
    };
    for (i, q) in model.quantities.iter().enumerate() {
        starts.push(text.len());
        push(&mut text, &q.id);
        for (_, label) in q.label.iter() {
            push(&mut text, label);
        }
        if let Some(quote) = figure_of(model, i, q).and_then(|f| f.source.quote.as_deref()) {
            push(&mut text, quote);
        }
    }
    SearchText { text, starts }
}

/// For each quantity, whether one of its fields contains `needle_lower` (lower case, not
/// empty), ignoring ASCII case.
fn search_hits(st: &SearchText, needle_lower: &str) -> Vec<bool> {
    let mut hits = vec![false; st.starts.len()];
    // A needle holding the separator would match across fields: it matches nothing.
    if needle_lower.is_empty() || needle_lower.contains(FIELD_END) {
        return hits;
    }
    let Some(first) = needle_lower.chars().next() else {
        return hits;
    };
    // Candidates by the needle's first character (a byte scan, much faster than a substring
    // search's setup per call for the one or two letters typed first), each then compared.
    let mut from = 0;
    while let Some(found) = st.text.get(from..).and_then(|rest| rest.find(first)) {
        let at = from + found;
        if !st.text[at..].starts_with(needle_lower) {
            from = at + first.len_utf8();
            continue;
        }
        // The quantity whose text holds `at`; the rest of its text need not be searched.
        let row = st.starts.partition_point(|&s| s <= at).saturating_sub(1);
        if let Some(hit) = hits.get_mut(row) {
            *hit = true;
        }
        from = st.starts.get(row + 1).copied().unwrap_or(st.text.len());
    }
    hits
}

/// The rows of `ordered` (positions in `model.quantities`) that pass the view's filters and
/// search, in that order. `search` is [`search_text`] of the same model.
pub fn filter_rows(model: &Model, search: &SearchText, ordered: &[u32], v: &ViewState) -> Vec<u32> {
    let needle = v.search.trim().to_ascii_lowercase();
    if needle.is_empty() && v.channel.is_none() && v.kind.is_none() && v.status.is_none() {
        return ordered.to_vec();
    }
    let hits = (!needle.is_empty()).then(|| search_hits(search, &needle));
    ordered
        .iter()
        .copied()
        .filter(|&i| {
            let Some(q) = model.quantities.get(i as usize) else {
                return false;
            };
            hits.as_ref()
                .is_none_or(|h| h.get(i as usize).copied().unwrap_or(false))
                && v.channel
                    .as_ref()
                    .is_none_or(|c| q.channel.as_ref() == Some(c))
                && v.kind.is_none_or(|k| q.origin == k)
                && v.status.is_none_or(|s| model.status_of(&q.id) == Some(s))
        })
        .collect()
}

/// Quantities that pass the view's filters and search, in the view's order. Pure: tested natively.
pub fn filtered_ids(model: &Model, v: &ViewState) -> Vec<String> {
    let sorted = sort_all(model, v.sort, v.lang);
    let search = search_text(model);
    filter_rows(model, &search, &in_direction(&sorted, v.descending), v)
        .into_iter()
        .filter_map(|i| model.quantities.get(i as usize))
        .map(|q| q.id.clone())
        .collect()
}

/// The model, compared by address: a memo key that holds it (so the address cannot be reused
/// by another model while the key lives).
#[derive(Clone)]
struct SameModel(Rc<Model>);

impl PartialEq for SameModel {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.0, &other.0)
    }
}

/// The figures of these rows, for the exports (derived metrics have none).
fn rows_figures<'m>(model: &'m Model, rows: &[u32]) -> Vec<&'m Figure> {
    rows.iter()
        .filter_map(|&i| model.quantities.get(i as usize).map(|q| (i as usize, q)))
        .filter_map(|(i, q)| figure_of(model, i, q))
        .collect()
}

fn input_value(e: &InputEvent) -> Option<String> {
    e.target()
        .and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok())
        .map(|i| i.value())
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
    // Sorting runs when the column changes (or the language, for the label column); the
    // direction, the filters and the search walk the sorted order; scrolling reuses the rows.
    let label_lang = (v.sort == SortKey::Label).then_some(lang);
    let sorted: Rc<Sorted> = use_memo(
        (SameModel(model.clone()), v.sort, label_lang),
        |(m, sort, _)| sort_all(&m.0, *sort, lang),
    );
    let ordered: Rc<Vec<u32>> = {
        let sorted = sorted.clone();
        use_memo(
            (SameModel(model.clone()), v.sort, label_lang, v.descending),
            move |(_, _, _, descending)| in_direction(&sorted, *descending),
        )
    };
    // What the search looks through: built when the table first shows a model.
    let search: Rc<SearchText> = use_memo(SameModel(model.clone()), |m| search_text(&m.0));
    let ids: Rc<Vec<u32>> = {
        let ordered = ordered.clone();
        let search = search.clone();
        let view = v.clone();
        use_memo(
            (
                SameModel(model.clone()),
                v.sort,
                label_lang,
                v.descending,
                v.channel.clone(),
                v.kind,
                v.status,
                v.search.clone(),
            ),
            move |(m, ..)| filter_rows(&m.0, &search, &ordered, &view),
        )
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
        let s = super::browser::event_value(&e);
        (!s.is_empty()).then_some(s)
    });
    let on_kind = p
        .on_kind
        .reform(|e: Event| Origin::parse(&super::browser::event_value(&e)));
    let on_status = p
        .on_status
        .reform(|e: Event| Status::parse(&super::browser::event_value(&e)));
    // Exports gather the figures only when asked for.
    let on_csv = {
        let model = model.clone();
        let ids = ids.clone();
        Callback::from(move |_| {
            let figures: Vec<_> = rows_figures(&model, &ids);
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
            let figures: Vec<_> = rows_figures(&model, &ids);
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
    let rows = ids[first..last].iter().filter_map(|&i| model.quantities.get(i as usize)).map(|q| {
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
                <th scope="row"><button type="button" class="link" {onclick}>{localized::text(&q.label, lang)}</button></th>
                <td class="num">{numfmt::estimate_html(&s.value, lang, s.digits, v.number_style)}</td>
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
