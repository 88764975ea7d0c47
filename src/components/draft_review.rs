//! Draft a dataset from a case-study text and review it: the text with every found figure
//! highlighted beside the draft table; select a highlight or a row to edit or drop the figure;
//! accept proposed relations one by one; what the extractor was unsure about is shown on the
//! highlight and in the table. "Open in the explorer" hands the dataset (JSON) to `on_open`,
//! which validates and loads it like any dataset.

use std::rc::Rc;

use gloo::file::callbacks::FileReader;
use wasm_bindgen::JsCast;
use yew::prelude::*;

use crate::i18n::{tr, Strings};
use crate::input;
use crate::model::extract::{decimal, draft, Draft, DraftFigure, ProposedRelation};
use crate::model::{format, Lang, Period, Qualifier, Scale, Unit};

#[derive(Properties, PartialEq)]
pub struct DraftReviewProps {
    pub lang: Lang,
    /// Receives the reviewed dataset as JSON.
    pub on_open: Callback<String>,
}

#[derive(Clone, Default, PartialEq)]
struct Review {
    draft: Option<Rc<Draft>>,
    selected: Option<usize>,
    /// A file that could not be read.
    error: Option<String>,
}

enum Edit {
    Label(String),
    Value(f64),
    Scale(Scale),
    Unit(Unit),
    Qualifier(Qualifier),
    Period(Period),
}

enum Msg {
    Run(String),
    Failed(String),
    Select(usize),
    Edit(usize, Edit),
    Drop(usize),
    Accept(usize, bool),
}

impl Reducible for Review {
    type Action = Msg;
    fn reduce(self: Rc<Self>, msg: Msg) -> Rc<Self> {
        let mut next = (*self).clone();
        match msg {
            Msg::Run(text) => {
                next = Review {
                    draft: Some(Rc::new(draft(&text))),
                    selected: None,
                    error: None,
                };
            }
            Msg::Failed(e) => next.error = Some(e),
            Msg::Select(i) => next.selected = Some(i),
            Msg::Edit(i, edit) => {
                if let Some(f) = next
                    .draft
                    .as_mut()
                    .and_then(|d| Rc::make_mut(d).figures.get_mut(i))
                {
                    match edit {
                        Edit::Label(l) => f.label = l,
                        Edit::Value(v) => f.value = v,
                        Edit::Scale(s) => f.scale = s,
                        Edit::Unit(u) => f.unit = u,
                        Edit::Qualifier(q) => f.qualifier = q,
                        Edit::Period(p) => f.period = p,
                    }
                }
            }
            Msg::Drop(i) => {
                if let Some(d) = next.draft.as_mut() {
                    Rc::make_mut(d).drop_figure(i);
                }
                next.selected = None;
            }
            Msg::Accept(k, on) => {
                if let Some(r) = next
                    .draft
                    .as_mut()
                    .and_then(|d| Rc::make_mut(d).relations.get_mut(k))
                {
                    r.accepted = on;
                }
            }
        }
        Rc::new(next)
    }
}

fn scale_name(s: Scale, t: &Strings) -> &'static str {
    match s {
        Scale::One => t.scale_one,
        Scale::Thousand => t.scale_thousand,
        Scale::Million => t.scale_million,
        Scale::Billion => t.scale_billion,
        Scale::Wan => t.scale_wan,
        Scale::Yi => t.scale_yi,
    }
}

/// The kinds of period a reader can pick, with their names.
#[derive(Clone, Copy, PartialEq)]
enum PeriodKind {
    Undated,
    Present,
    RecentYears,
    Year,
    Since,
    Range,
}

impl PeriodKind {
    const ALL: [PeriodKind; 6] = [
        PeriodKind::Undated,
        PeriodKind::Present,
        PeriodKind::RecentYears,
        PeriodKind::Year,
        PeriodKind::Since,
        PeriodKind::Range,
    ];
    fn of(p: &Period) -> PeriodKind {
        match p {
            Period::Undated => PeriodKind::Undated,
            Period::Present => PeriodKind::Present,
            Period::RecentYears => PeriodKind::RecentYears,
            Period::Year { .. } => PeriodKind::Year,
            Period::Since { .. } => PeriodKind::Since,
            Period::Range { .. } => PeriodKind::Range,
        }
    }
    fn name(self, t: &Strings) -> &'static str {
        match self {
            PeriodKind::Undated => t.period_undated,
            PeriodKind::Present => t.period_present,
            PeriodKind::RecentYears => t.period_recent,
            PeriodKind::Year => t.period_year,
            PeriodKind::Since => t.period_since,
            PeriodKind::Range => t.period_range,
        }
    }
    /// The period of this kind, keeping the years of `old` where it has them.
    fn period(self, old: &Period, from: Option<i32>, to: Option<i32>) -> Period {
        let (y0, y1) = match old {
            Period::Year { year } | Period::Since { year } => (*year, *year),
            Period::Range { from, to } => (*from, *to),
            Period::Undated | Period::Present | Period::RecentYears => (2020, 2020),
        };
        let (a, b) = (from.unwrap_or(y0), to.unwrap_or(y1));
        match self {
            PeriodKind::Undated => Period::Undated,
            PeriodKind::Present => Period::Present,
            PeriodKind::RecentYears => Period::RecentYears,
            PeriodKind::Year => Period::Year { year: a },
            PeriodKind::Since => Period::Since { year: a },
            PeriodKind::Range => Period::Range {
                from: a.min(b),
                to: a.max(b),
            },
        }
    }
}

fn target_value(e: &Event) -> String {
    e.target()
        .and_then(|t| {
            t.clone()
                .dyn_into::<web_sys::HtmlInputElement>()
                .map(|i| i.value())
                .or_else(|_| {
                    t.dyn_into::<web_sys::HtmlSelectElement>()
                        .map(|s| s.value())
                })
                .ok()
        })
        .unwrap_or_default()
}

/// The text of one paragraph with its figures as highlights (figures in text order).
fn paragraph_html(
    d: &Draft,
    span: std::ops::Range<usize>,
    selected: Option<usize>,
    lang: Lang,
) -> Html {
    let mut nodes: Vec<Html> = Vec::new();
    let mut at = span.start;
    for (i, f) in d.figures.iter().enumerate() {
        if f.span.start < at || f.span.end > span.end {
            continue;
        }
        nodes.push(html! { {d.text.get(at..f.span.start).unwrap_or("")} });
        let unsure = !f.doubts.is_empty();
        let class = classes!(
            "hl",
            unsure.then_some("unsure"),
            (selected == Some(i)).then_some("selected")
        );
        let doubts: Vec<&str> = f.doubts.iter().map(|x| x.text(lang)).collect();
        let title = if doubts.is_empty() {
            None
        } else {
            Some(doubts.join("; "))
        };
        nodes.push(html! {
            <mark {class}>
                <button type="button" data-i={i.to_string()} title={title}
                    aria-pressed={(selected == Some(i)).to_string()}>{d.text.get(f.span.clone()).unwrap_or("")}</button>
            </mark>
        });
        at = f.span.end;
    }
    nodes.push(html! { {d.text.get(at..span.end).unwrap_or("")} });
    html! { <p>{ for nodes }</p> }
}

fn figure_row(
    f: &DraftFigure,
    i: usize,
    d: &Draft,
    selected: Option<usize>,
    t: &Strings,
    lang: Lang,
) -> Html {
    let quote = d.text.get(f.span.clone()).unwrap_or("");
    let doubts: Vec<&str> = f.doubts.iter().map(|x| x.text(lang)).collect();
    let class = classes!((selected == Some(i)).then_some("selected"));
    let scale = match f.scale {
        Scale::One => String::new(),
        Scale::Thousand | Scale::Million | Scale::Billion | Scale::Wan | Scale::Yi => {
            format!(" {}", scale_name(f.scale, t))
        }
    };
    html! {
        <tr {class}>
            <td>{f.paragraph}</td>
            <td class="wrap"><button type="button" class="link" data-i={i.to_string()}>{&f.label}</button></td>
            <td class="wrap"><q>{quote}</q></td>
            <td class="num">{format::number_text(f.value)}{scale}</td>
            <td class="wrap">{f.unit.symbol(lang)}</td>
            <td>{format::qualifier_text(f.qualifier, lang)}</td>
            <td>{format::period_text(Some(&f.period), lang)}</td>
            <td class="wrap doubts">{doubts.join("; ")}</td>
        </tr>
    }
}

fn editor(
    f: &DraftFigure,
    i: usize,
    review: &UseReducerHandle<Review>,
    t: &Strings,
    lang: Lang,
) -> Html {
    type Make = fn(String, &DraftFigure) -> Option<Edit>;
    let edit = |make: Make| {
        let review = review.clone();
        let f = f.clone();
        Callback::from(move |e: Event| {
            if let Some(x) = make(target_value(&e), &f) {
                review.dispatch(Msg::Edit(i, x));
            }
        })
    };
    let on_label = edit(|v, _| (!v.trim().is_empty()).then_some(Edit::Label(v)));
    let on_value = edit(|v, _| {
        decimal(&v)
            .filter(|x| x.is_finite() && *x >= 0.0)
            .map(Edit::Value)
    });
    let on_scale = edit(|v, _| {
        Scale::ALL
            .iter()
            .copied()
            .find(|s| s.code() == v)
            .map(Edit::Scale)
    });
    let on_unit = edit(|v, _| Unit::parse(&v).map(Edit::Unit));
    let on_qualifier = edit(|v, _| {
        Qualifier::ALL
            .iter()
            .copied()
            .find(|q| q.code() == v)
            .map(Edit::Qualifier)
    });
    let on_kind = edit(|v, f| {
        let kind = PeriodKind::ALL.get(v.parse::<usize>().ok()?)?;
        Some(Edit::Period(kind.period(&f.period, None, None)))
    });
    let on_from = edit(|v, f| {
        let y = v.trim().parse::<i32>().ok()?;
        Some(Edit::Period(PeriodKind::of(&f.period).period(
            &f.period,
            Some(y),
            None,
        )))
    });
    let on_to = edit(|v, f| {
        let y = v.trim().parse::<i32>().ok()?;
        Some(Edit::Period(PeriodKind::of(&f.period).period(
            &f.period,
            None,
            Some(y),
        )))
    });
    let on_drop = {
        let review = review.clone();
        Callback::from(move |_| review.dispatch(Msg::Drop(i)))
    };
    let kind = PeriodKind::of(&f.period);
    let (from, to) = match f.period {
        Period::Year { year } | Period::Since { year } => (Some(year), None),
        Period::Range { from, to } => (Some(from), Some(to)),
        Period::Undated | Period::Present | Period::RecentYears => (None, None),
    };
    let doubts: Vec<&str> = f.doubts.iter().map(|x| x.text(lang)).collect();
    html! {
        <fieldset class="draft-editor" id="draft-editor">
            <legend>{t.draft_edit}{": "}<q>{f.label.clone()}</q></legend>
            if !doubts.is_empty() {
                <p class="draft-doubts" id="draft-doubts">{t.draft_unsure}{": "}{doubts.join("; ")}</p>
            }
            <label>{t.label}<input id="draft-label" type="text" maxlength="80" value={f.label.clone()} onchange={on_label} /></label>
            <label>{t.value}<input id="draft-value" type="number" step="any" min="0" value={format::number_text(f.value)} onchange={on_value} /></label>
            <label>{t.draft_scale}
                <select id="draft-scale" onchange={on_scale}>
                    { for Scale::ALL.iter().map(|s| html! { <option value={s.code()} selected={*s == f.scale}>{scale_name(*s, t)}</option> }) }
                </select>
            </label>
            <label>{t.unit}
                <select id="draft-unit" onchange={on_unit}>
                    { for Unit::ALL.iter().map(|u| html! { <option value={u.code()} selected={*u == f.unit}>{u.symbol(lang)}</option> }) }
                </select>
            </label>
            <label>{t.draft_qualifier}
                <select id="draft-qualifier" onchange={on_qualifier}>
                    { for Qualifier::ALL.iter().map(|q| html! { <option value={q.code()} selected={*q == f.qualifier}>{format::qualifier_text(*q, lang)}</option> }) }
                </select>
            </label>
            <label>{t.period}
                <select id="draft-period" onchange={on_kind}>
                    { for PeriodKind::ALL.iter().enumerate().map(|(k, p)| html! { <option value={k.to_string()} selected={*p == kind}>{p.name(t)}</option> }) }
                </select>
            </label>
            if let Some(y) = from {
                <label>{t.draft_year}<input id="draft-year" type="number" value={y.to_string()} onchange={on_from} /></label>
            }
            if let Some(y) = to {
                <label>{t.draft_year_to}<input id="draft-year-to" type="number" value={y.to_string()} onchange={on_to} /></label>
            }
            <button type="button" id="draft-drop" class="secondary" onclick={on_drop}>{t.draft_drop}</button>
        </fieldset>
    }
}

/// A proposal in words: its own label, then the figures it names.
fn relation_text(d: &Draft, r: &ProposedRelation, lang: Lang) -> String {
    let names: Vec<String> = r
        .ids()
        .iter()
        .map(|id| {
            d.figures
                .iter()
                .find(|f| f.id == *id)
                .map(|f| format!("“{}”", f.label))
                .unwrap_or_else(|| id.to_string())
        })
        .collect();
    format!("{}: {}", r.relation.label.get(lang), names.join(", "))
}

#[function_component(DraftReview)]
pub fn draft_review(props: &DraftReviewProps) -> Html {
    let lang = props.lang;
    let t = tr(lang);
    let review = use_reducer(Review::default);
    let reader = use_mut_ref(|| None::<FileReader>);

    let on_run = {
        let review = review.clone();
        Callback::from(move |_| {
            review.dispatch(Msg::Run(super::browser::textarea_value("draft-text")))
        })
    };
    let on_file = {
        let review = review.clone();
        let reader = reader.clone();
        Callback::from(move |e: Event| {
            let Some(input) = e
                .target()
                .and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok())
            else {
                return;
            };
            if let Some(file) = input.files().and_then(|l| l.get(0)) {
                if let Err(err) = input::check_size(file.size() as u64) {
                    review.dispatch(Msg::Failed(err.found));
                } else {
                    let review = review.clone();
                    let blob = gloo::file::Blob::from(web_sys::Blob::from(file));
                    let task = gloo::file::callbacks::read_as_bytes(&blob, move |res| {
                        match res
                            .map_err(|e| e.to_string())
                            .and_then(|b| input::text_from_bytes(b).map_err(|e| e.found))
                        {
                            Ok(text) => {
                                super::browser::set_textarea_value("draft-text", &text);
                                review.dispatch(Msg::Run(text));
                            }
                            Err(e) => review.dispatch(Msg::Failed(e)),
                        }
                    });
                    *reader.borrow_mut() = Some(task);
                }
            }
            input.set_value("");
        })
    };
    // One listener for every highlight and row: each carries its figure's index.
    let on_pick = {
        let review = review.clone();
        Callback::from(move |e: MouseEvent| {
            let i = e
                .target()
                .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
                .and_then(|el| el.closest("[data-i]").ok().flatten())
                .and_then(|el| el.get_attribute("data-i"))
                .and_then(|v| v.parse::<usize>().ok());
            if let Some(i) = i {
                review.dispatch(Msg::Select(i));
            }
        })
    };
    let on_open = {
        let review = review.clone();
        let on_open = props.on_open.clone();
        Callback::from(move |_| {
            if let Some(d) = &review.draft {
                // Pretty, as the export writes figures: one serializer in the wasm, not two.
                if let Ok(json) = serde_json::to_string_pretty(&d.to_dataset(false)) {
                    on_open.emit(json);
                }
            }
        })
    };

    let body = review.draft.as_ref().map(|d| {
        let unsure = d.figures.iter().filter(|f| !f.doubts.is_empty()).count();
        let summary = t
            .draft_summary
            .replace("{n}", &d.figures.len().to_string())
            .replace("{u}", &unsure.to_string())
            .replace("{r}", &d.relations.len().to_string());
        let selected = review.selected.filter(|i| *i < d.figures.len());
        let relations = d.relations.iter().enumerate().map(|(k, r)| {
            let review = review.clone();
            let onchange = Callback::from(move |e: Event| {
                let on = e
                    .target()
                    .and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok())
                    .is_some_and(|i| i.checked());
                review.dispatch(Msg::Accept(k, on));
            });
            let id = format!("draft-rel-{k}");
            html! {
                <li>
                    <input type="checkbox" id={id.clone()} checked={r.accepted} {onchange} />
                    <label for={id}>{t.draft_accept}{" — "}{relation_text(d, r, lang)}</label>
                </li>
            }
        });
        html! {
            <>
                <p role="status" id="draft-summary">{ if d.figures.is_empty() { t.draft_none.to_string() } else { summary } }</p>
                <div class="draft-grid" onclick={on_pick}>
                    <div class="draft-source" id="draft-source">
                        <h4>{t.draft_text}</h4>
                        { for d.paragraphs.iter().map(|p| paragraph_html(d, p.span.clone(), selected, lang)) }
                    </div>
                    <div class="draft-table">
                        <h4>{t.draft_table}</h4>
                        if let Some(i) = selected {
                            { editor(&d.figures[i], i, &review, t, lang) }
                        } else {
                            <p class="hint">{t.draft_select_hint}</p>
                        }
                        <div class="table-scroll">
                        <table id="draft-figures">
                            <thead><tr>
                                <th scope="col">{t.paragraph}</th><th scope="col">{t.label}</th>
                                <th scope="col">{t.draft_quote}</th><th scope="col">{t.value}</th>
                                <th scope="col">{t.unit}</th><th scope="col">{t.draft_qualifier}</th>
                                <th scope="col">{t.period}</th><th scope="col">{t.draft_unsure}</th>
                            </tr></thead>
                            <tbody>{ for d.figures.iter().enumerate().map(|(i, f)| figure_row(f, i, d, selected, t, lang)) }</tbody>
                        </table>
                        </div>
                    </div>
                </div>
                <h4>{t.draft_relations}</h4>
                if d.relations.is_empty() {
                    <p>{t.draft_no_relations}</p>
                } else {
                    <ul class="draft-relations" id="draft-relations">{ for relations }</ul>
                }
                <button type="button" id="draft-open" onclick={on_open} disabled={d.figures.is_empty()}>{t.draft_open}</button>
            </>
        }
    });

    html! {
        <section class="draft-review" id="draft-review" aria-labelledby="draft-title">
            <h3 id="draft-title">{t.draft_button}</h3>
            <p>{t.draft_intro}</p>
            <label for="draft-text">{t.draft_paste}</label>
            <textarea id="draft-text" rows="6" />
            <label for="draft-file">{t.draft_file}</label>
            <input id="draft-file" type="file" accept=".txt,text/plain" onchange={on_file} />
            <button type="button" id="draft-run" class="secondary" onclick={on_run}>{t.draft_run}</button>
            if let Some(e) = &review.error { <p role="alert" id="draft-error">{e.clone()}</p> }
            { body.unwrap_or_default() }
        </section>
    }
}
