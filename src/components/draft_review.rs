//! Draft a dataset from a case-study text and review it: the text with every found figure
//! highlighted beside the draft table; select a highlight or a row to edit or drop the figure;
//! accept proposed relations one by one; what the extractor was unsure about is shown on the
//! highlight and in the table. "Open in the explorer" hands the dataset (JSON) to `on_open`,
//! which validates and loads it like any dataset.

use std::rc::Rc;

use gloo::file::callbacks::FileReader;
use wasm_bindgen::JsCast;
use yew::prelude::*;

use crate::draft_store::{self as store, Op, Problem};
use crate::i18n::{tr, Strings};
use crate::input;
use crate::model::extract::{decimal, draft, AddError, Draft, DraftFigure, ProposedRelation};
use crate::model::{format, Lang, Period, Qualifier, Scale, Unit};

#[derive(Properties, PartialEq)]
pub struct DraftReviewProps {
    pub lang: Lang,
    /// Receives the reviewed dataset as JSON.
    pub on_open: Callback<String>,
}

/// Figures shown at most in one page of the text pane and table: 5,000 highlights stay quick.
const PAGE_FIGURES: usize = 100;

#[derive(Clone, Default)]
struct Review {
    draft: Option<Rc<Draft>>,
    /// The reviewer's changes since drafting, kept in the browser with the text.
    ops: Rc<Vec<Op>>,
    /// Bumped by every change to the draft: the record is written when it moves.
    rev: u64,
    selected: Option<usize>,
    /// The paragraph the text pane shows (its page).
    at_paragraph: u32,
    /// A file that could not be read.
    error: Option<String>,
    /// What "Add as figure" found wrong.
    add_note: Option<AddError>,
    store: Option<Problem>,
}

impl Review {
    /// The draft kept in this browser, if any; a record that cannot be read is removed.
    fn restored() -> Review {
        match store::web::read() {
            Ok(Some(stored)) => match store::restore(&stored) {
                Ok((d, ops)) => Review {
                    draft: Some(Rc::new(d)),
                    ops: Rc::new(ops),
                    ..Review::default()
                },
                Err(p) => {
                    store::web::remove();
                    Review {
                        store: Some(p),
                        ..Review::default()
                    }
                }
            },
            Ok(None) => Review::default(),
            Err(p) => Review {
                store: Some(p),
                ..Review::default()
            },
        }
    }

    fn select(&mut self, i: usize) {
        self.selected = Some(i);
        if let Some(f) = self.draft.as_ref().and_then(|d| d.figures.get(i)) {
            self.at_paragraph = f.paragraph;
        }
    }

    fn record(&mut self, op: Op) -> bool {
        let Some(d) = self.draft.as_mut() else {
            return false;
        };
        if !store::apply(Rc::make_mut(d), &op) {
            return false;
        }
        Rc::make_mut(&mut self.ops).push(op);
        self.rev += 1;
        true
    }

    /// Add the figure read in `span`, or say why not; an existing figure is selected instead.
    fn add(&mut self, span: std::ops::Range<usize>) -> Result<(), AddError> {
        let Some(d) = self.draft.as_mut() else {
            return Err(AddError::NoFigure);
        };
        match Rc::make_mut(d).add_from_span(span.clone()) {
            Ok(i) => {
                Rc::make_mut(&mut self.ops).push(Op::Add(span.start, span.end));
                self.rev += 1;
                self.select(i);
                Ok(())
            }
            Err(AddError::Already(i)) => {
                self.select(i);
                Err(AddError::Already(i))
            }
            Err(e) => Err(e),
        }
    }
}

enum Edit {
    Label(String),
    Value(String),
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
    /// Add the figure in a byte span of the text (a selection).
    AddSpan(usize, usize),
    /// Add the figure in the first place the quote appears where one is read.
    AddQuote(String),
    Page(u32),
    Stored(Option<Problem>),
    Clear,
}

impl Reducible for Review {
    type Action = Msg;
    fn reduce(self: Rc<Self>, msg: Msg) -> Rc<Self> {
        let mut next = (*self).clone();
        match msg {
            Msg::Run(text) => {
                next = Review {
                    draft: Some(Rc::new(draft(&text))),
                    rev: self.rev + 1,
                    store: self.store.filter(|p| *p != Problem::Corrupt),
                    ..Review::default()
                };
            }
            Msg::Failed(e) => next.error = Some(e),
            Msg::Select(i) => next.select(i),
            Msg::Edit(i, edit) => {
                next.record(match edit {
                    Edit::Label(l) => Op::Label(i, l),
                    Edit::Value(v) => Op::Value(i, v),
                    Edit::Scale(s) => Op::Scale(i, s),
                    Edit::Unit(u) => Op::Unit(i, u),
                    Edit::Qualifier(q) => Op::Qualifier(i, q),
                    Edit::Period(p) => Op::Period(i, p),
                });
            }
            Msg::Drop(i) => {
                next.record(Op::Drop(i));
                next.selected = None;
            }
            Msg::Accept(k, on) => {
                next.record(Op::Accept(k, on));
            }
            Msg::AddSpan(s, e) => next.add_note = next.add(s..e).err(),
            Msg::AddQuote(q) => {
                let q = q.trim();
                let spots: Vec<usize> = match (&next.draft, q.is_empty()) {
                    (Some(d), false) => d.text.match_indices(q).map(|(at, _)| at).collect(),
                    _ => Vec::new(),
                };
                let mut note = Some(AddError::BadSpan);
                for at in spots {
                    note = next.add(at..at + q.len()).err();
                    if !matches!(note, Some(AddError::NoFigure)) {
                        break;
                    }
                }
                next.add_note = note;
            }
            Msg::Page(p) => next.at_paragraph = p,
            Msg::Stored(p) => next.store = p,
            Msg::Clear => {
                store::web::remove();
                next = Review::default();
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
        Scale::Lakh => t.scale_lakh,
        Scale::Crore => t.scale_crore,
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

/// The text of one paragraph with its figures (indices `figs`, in text order) as highlights.
/// Every piece of text carries its byte offset (`data-at`) so a selection maps back to the text.
fn paragraph_html(
    d: &Draft,
    span: std::ops::Range<usize>,
    figs: std::ops::Range<usize>,
    selected: Option<usize>,
    lang: Lang,
) -> Html {
    let mut nodes: Vec<Html> = Vec::new();
    let mut at = span.start;
    let piece = |from: usize, to: usize| {
        html! { <span data-at={from.to_string()}>{d.text.get(from..to).unwrap_or("")}</span> }
    };
    for i in figs {
        let Some(f) = d.figures.get(i) else { break };
        if f.span.start < at || f.span.end > span.end {
            continue;
        }
        nodes.push(piece(at, f.span.start));
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
                <button type="button" data-i={i.to_string()} data-at={f.span.start.to_string()} title={title}
                    aria-pressed={(selected == Some(i)).to_string()}>{d.text.get(f.span.clone()).unwrap_or("")}</button>
            </mark>
        });
        at = f.span.end;
    }
    nodes.push(piece(at, span.end));
    html! { <p>{ for nodes }</p> }
}

/// The byte offset in the text of a point of the selection: the `data-at` of the piece its
/// text node belongs to, plus the UTF-8 length of the part before the point.
fn text_offset(node: &web_sys::Node, offset: u32) -> Option<usize> {
    let el = node.parent_element()?.closest("[data-at]").ok()??;
    let base: usize = el.get_attribute("data-at")?.parse().ok()?;
    let content = node.text_content().unwrap_or_default();
    let units: Vec<u16> = content.encode_utf16().take(offset as usize).collect();
    Some(base + String::from_utf16_lossy(&units).len())
}

/// The selection in the text pane as a byte range of the text, if it lies there.
fn selection_span() -> Option<(usize, usize)> {
    let sel = super::browser::window()?.get_selection().ok()??;
    let a = text_offset(&sel.anchor_node()?, sel.anchor_offset())?;
    let b = text_offset(&sel.focus_node()?, sel.focus_offset())?;
    (a != b).then_some((a.min(b), a.max(b)))
}

/// The pages of the text pane: runs of paragraphs holding at most `PAGE_FIGURES` figures (a
/// paragraph with more is a page of its own).
fn pages(d: &Draft) -> Vec<std::ops::Range<u32>> {
    let mut out = Vec::new();
    let mut start = 0u32;
    let mut count = 0usize;
    let mut k = 0usize;
    for p in &d.paragraphs {
        let mut n = 0;
        while d.figures.get(k).is_some_and(|f| f.paragraph == p.n) {
            n += 1;
            k += 1;
        }
        if count + n > PAGE_FIGURES && p.n > start {
            out.push(start..p.n);
            start = p.n;
            count = 0;
        }
        count += n;
    }
    out.push(start..(d.paragraphs.len() as u32).max(start + 1));
    out
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
        Scale::Thousand
        | Scale::Million
        | Scale::Billion
        | Scale::Wan
        | Scale::Yi
        | Scale::Lakh
        | Scale::Crore => {
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
            .map(|_| Edit::Value(v))
    });
    let on_scale = edit(|v, _| {
        Scale::ALL
            .iter()
            .copied()
            .find(|s| s.code() == v)
            .map(Edit::Scale)
    });
    let on_unit = edit(|v, _| crate::model::extract::unit(&v).map(Edit::Unit));
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
                    { for unit_options(&f.unit).iter().map(|u| html! { <option value={u.code().to_string()} selected={*u == f.unit}>{u.symbol(lang)}</option> }) }
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

/// Read a text file (picker or drop): size checked first, UTF-8 required, then drafted.
fn read_text_file(
    review: &UseReducerHandle<Review>,
    reader: &Rc<std::cell::RefCell<Option<FileReader>>>,
    file: web_sys::File,
) {
    if let Err(err) = input::check_size(file.size() as u64) {
        return review.dispatch(Msg::Failed(err.found));
    }
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

#[function_component(DraftReview)]
pub fn draft_review(props: &DraftReviewProps) -> Html {
    let lang = props.lang;
    let t = tr(lang);
    let review = use_reducer(Review::restored);
    let reader = use_mut_ref(|| None::<FileReader>);

    // Keep the draft in the browser after every change (not on opening the screen).
    {
        let review = review.clone();
        use_effect_with(review.rev, move |rev| {
            if *rev > 0 {
                let result = match &review.draft {
                    Some(d) => store::web::write(&store::encode(&d.text, &review.ops)).err(),
                    None => None,
                };
                if result != review.store {
                    review.dispatch(Msg::Stored(result));
                }
            }
        });
    }
    {
        // A restored draft shows its text in the text box.
        let text = review.draft.as_ref().map(|d| d.text.clone());
        use_effect_with((), move |_| {
            if let Some(text) = text {
                super::browser::set_textarea_value("draft-text", &text);
            }
        });
    }

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
                read_text_file(&review, &reader, file);
            }
            input.set_value("");
        })
    };
    let on_drag_over = Callback::from(|e: DragEvent| e.prevent_default());
    let on_drop_file = {
        let review = review.clone();
        let reader = reader.clone();
        Callback::from(move |e: DragEvent| {
            e.prevent_default();
            if let Some(file) = e
                .data_transfer()
                .and_then(|d| d.files())
                .and_then(|l| l.get(0))
            {
                read_text_file(&review, &reader, file);
            }
        })
    };
    // One listener for every highlight, row and pager button: each carries its index.
    let on_pick = {
        let review = review.clone();
        Callback::from(move |e: MouseEvent| {
            let el = e
                .target()
                .and_then(|t| t.dyn_into::<web_sys::Element>().ok());
            let attr = |name: &str| {
                el.as_ref()
                    .and_then(|el| el.closest(&format!("[{name}]")).ok().flatten())
                    .and_then(|el| el.get_attribute(name))
                    .and_then(|v| v.parse::<usize>().ok())
            };
            if let Some(i) = attr("data-i") {
                review.dispatch(Msg::Select(i));
            } else if let Some(p) = attr("data-page") {
                review.dispatch(Msg::Page(p as u32));
            }
        })
    };
    let on_add_selection = {
        let review = review.clone();
        Callback::from(move |_: MouseEvent| match selection_span() {
            Some((a, b)) => review.dispatch(Msg::AddSpan(a, b)),
            None => review.dispatch(Msg::AddSpan(0, 0)),
        })
    };
    let on_add_quote = {
        let review = review.clone();
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            let quote = super::browser::window()
                .and_then(|w| w.document())
                .and_then(|d| d.get_element_by_id("draft-quote"))
                .and_then(|e| e.dyn_into::<web_sys::HtmlInputElement>().ok())
                .map(|i| i.value())
                .unwrap_or_default();
            review.dispatch(Msg::AddQuote(quote));
        })
    };
    let on_clear = {
        let review = review.clone();
        Callback::from(move |_| {
            super::browser::set_textarea_value("draft-text", "");
            review.dispatch(Msg::Clear)
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

    let store_note = review.store.and_then(|p| match p {
        Problem::Corrupt => Some(t.draft_store_corrupt),
        Problem::Full => Some(t.draft_store_full),
        Problem::Unavailable => review.draft.is_some().then_some(t.draft_store_unavailable),
    });
    let add_note = review.add_note.map(|e| match e {
        AddError::BadSpan => t.draft_add_missing,
        AddError::NoFigure => t.draft_add_none,
        AddError::Already(_) => t.draft_add_already,
    });

    let body = review.draft.as_ref().map(|d| {
        let unsure = d.figures.iter().filter(|f| !f.doubts.is_empty()).count();
        let summary = t
            .draft_summary
            .replace("{n}", &d.figures.len().to_string())
            .replace("{u}", &unsure.to_string())
            .replace("{r}", &d.relations.len().to_string());
        let selected = review.selected.filter(|i| *i < d.figures.len());
        let pages = pages(d);
        let k = pages
            .iter()
            .position(|p| p.contains(&review.at_paragraph))
            .unwrap_or(0);
        let page = pages.get(k).cloned().unwrap_or(0..0);
        let lo = d.figures.partition_point(|f| f.paragraph < page.start);
        let hi = d.figures.partition_point(|f| f.paragraph < page.end);
        let on_page = on_pick.clone();
        let pager = (pages.len() > 1).then(|| {
            let words = t
                .draft_pages
                .replace("{a}", &(page.start + 1).to_string())
                .replace("{b}", &page.end.to_string())
                .replace("{n}", &d.paragraphs.len().to_string());
            let prev = k.checked_sub(1).and_then(|j| pages.get(j)).map(|p| p.start);
            let next = pages.get(k + 1).map(|p| p.start);
            html! {
                <p class="draft-pager" onclick={on_page}>
                    <button type="button" class="secondary" id="draft-prev" disabled={prev.is_none()}
                        data-page={prev.unwrap_or(0).to_string()}>{t.draft_prev}</button>
                    <span id="draft-page" aria-live="polite">{" "}{words}{" "}</span>
                    <button type="button" class="secondary" id="draft-next" disabled={next.is_none()}
                        data-page={next.unwrap_or(0).to_string()}>{t.draft_next}</button>
                </p>
            }
        });
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
        let paragraphs = d
            .paragraphs
            .iter()
            .filter(|p| page.contains(&p.n))
            .map(|p| {
                let a = d.figures.partition_point(|f| f.paragraph < p.n);
                let b = d.figures.partition_point(|f| f.paragraph <= p.n);
                paragraph_html(d, p.span.clone(), a..b, selected, lang)
            });
        html! {
            <>
                <p role="status" id="draft-summary">{ if d.figures.is_empty() { t.draft_none.to_string() } else { summary } }</p>
                <p class="hint">{t.draft_kept}{" "}
                    <button type="button" id="draft-clear" class="secondary" onclick={on_clear}>{t.draft_clear}</button></p>
                <div class="draft-add">
                    <button type="button" id="draft-add" class="secondary" onclick={on_add_selection}>{t.draft_add_selection}</button>
                    <form onsubmit={on_add_quote}>
                        <label for="draft-quote">{t.draft_add_quote}</label>
                        <input id="draft-quote" type="text" maxlength="200" />
                        <button type="submit" id="draft-add-quote" class="secondary">{t.draft_add}</button>
                    </form>
                    if let Some(n) = add_note { <p role="status" id="draft-add-note">{n}</p> }
                </div>
                { pager.unwrap_or_default() }
                <div class="draft-grid" onclick={on_pick}>
                    <div class="draft-source" id="draft-source">
                        <h4>{t.draft_text}</h4>
                        { for paragraphs }
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
                            <tbody>{ for (lo..hi).filter_map(|i| d.figures.get(i).map(|f| figure_row(f, i, d, selected, t, lang))) }</tbody>
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
        <section class="draft-review" id="draft-review" aria-labelledby="draft-title"
            ondragover={on_drag_over} ondrop={on_drop_file}>
            <h3 id="draft-title">{t.draft_button}</h3>
            <p>{t.draft_intro}</p>
            <label for="draft-text">{t.draft_paste}</label>
            <textarea id="draft-text" rows="6" />
            <label for="draft-file">{t.draft_file}</label>
            <input id="draft-file" type="file" accept=".txt,text/plain" onchange={on_file} />
            <p class="hint">{t.draft_drop_here}</p>
            <button type="button" id="draft-run" class="secondary" onclick={on_run}>{t.draft_run}</button>
            if let Some(e) = &review.error { <p role="alert" id="draft-error">{e.clone()}</p> }
            if let Some(n) = store_note { <p role="alert" id="draft-store-note">{n}</p> }
            { body.unwrap_or_default() }
        </section>
    }
}

/// Every unit of the vocabulary, and the figure's own when it is a compound of them.
fn unit_options(own: &Unit) -> Vec<Unit> {
    let mut all: Vec<Unit> = crate::model::units::vocabulary_units().collect();
    if !all.contains(own) {
        all.insert(0, own.clone());
    }
    all
}
