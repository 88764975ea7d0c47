//! The draft editor, a view of its own (`?view=draft`): a case-study text becomes a dataset in
//! four steps a reader can follow — (1) paste or open the text, shown with its figures
//! highlighted; (2) the figures: labels in each language, value, unit from the whole vocabulary,
//! qualifier, period, chart, id, what to check, and figures added by hand; (3) the story: title,
//! place, intro, charts and their titles, headline cards in order; (4) open it in the explorer or
//! export its JSON. Every edit is a `draft_store::Op`: kept in the browser with the text,
//! replayed on reload, undone by dropping the last one (Undo, Ctrl+Z outside a text field).

use std::rc::Rc;

use gloo::events::EventListener;
use gloo::file::callbacks::FileReader;
use wasm_bindgen::JsCast;
use yew::prelude::*;

use crate::draft_store::{self as store, Base, Bound, Edited, IdProblem, Op, Problem};
use crate::drafting::{Answer, Drafter};
use crate::i18n::{tr, tr_draft, DraftStrings, Strings};
use crate::input;
use crate::model::codes::code_table;
use crate::model::extract::{decimal, in_both, AddError, Draft, DraftFigure, ProposedRelation};
use crate::model::limits::{MAX_DRAFT_BYTES, MAX_DRAFT_FIGURES, MAX_DRAFT_HEADLINES};
use crate::model::{format, ChartKind, Lang, Period, Qualifier, Scale, Unit};

#[derive(Properties, PartialEq)]
pub struct DraftReviewProps {
    pub lang: Lang,
    /// Receives the reviewed dataset as JSON.
    pub on_open: Callback<String>,
}

/// Figures shown at most in one page of the text pane and table, however they fall in
/// paragraphs: 5,000 highlights stay quick.
pub const PAGE_FIGURES: usize = 100;

#[derive(Clone, Default)]
struct Review {
    /// What the drafter read (kept for the session: undo replays on it).
    base: Option<Rc<Base>>,
    edited: Option<Rc<Edited>>,
    /// The reviewer's changes since drafting, kept in the browser with the text.
    ops: Rc<Vec<Op>>,
    /// Changes undone, last undone last.
    redo: Rc<Vec<Op>>,
    /// Bumped by every change to the draft: the record is written when it moves.
    rev: u64,
    selected: Option<usize>,
    /// The page of figures shown.
    page: usize,
    /// A file that could not be read, or a text past the bounds.
    error: Option<String>,
    /// The length in bytes of a text refused as too long (nothing of it drafted).
    too_long: Option<usize>,
    /// What "Add as figure" found wrong.
    add_note: Option<AddError>,
    /// Words with no number read in them, waiting for a value typed by hand.
    pending: Option<(usize, usize)>,
    /// Why the last id typed was refused.
    id_note: Option<IdProblem>,
    store: Option<Problem>,
    /// The request to the drafter whose answer is awaited ("Reading the text…").
    reading: Option<u32>,
    /// The kept draft's text and changes, until the drafter has read the text again.
    restoring: Option<Rc<(String, Vec<Op>)>>,
    /// Why no drafting worker could start: drafting needs one (said once).
    no_worker: Option<String>,
    /// The request to the worker re-reading a selection or a quote, whose answer is awaited.
    adding: Option<u32>,
    /// Why the last selection could not be read (the worker failed on it).
    add_failed: Option<String>,
}

impl Review {
    /// The draft kept in this browser, if any; a record that cannot be read is removed.
    fn restored() -> Review {
        match store::web::read() {
            // The session's reading of the same text is used at once; any other text is read
            // again by the drafter, in the worker (see `start`).
            Ok(Some(stored)) => {
                let known =
                    |text: &str, ops: &[Op]| store::session(text).filter(|_| all_read(text, ops));
                match store::decode(&stored).and_then(|(text, ops)| match known(&text, &ops) {
                    Some(base) => store::replay(&base, &ops)
                        .map(|e| Ok((base, e, ops)))
                        .ok_or(Problem::Corrupt),
                    None => Ok(Err((text, ops))),
                }) {
                    Ok(Ok((base, e, ops))) => Review {
                        base: Some(base),
                        edited: Some(Rc::new(e)),
                        ops: Rc::new(ops),
                        ..Review::default()
                    },
                    Ok(Err(kept)) => Review {
                        restoring: Some(Rc::new(kept)),
                        ..Review::default()
                    },
                    Err(p) => {
                        store::web::remove();
                        Review {
                            store: Some(p),
                            ..Review::default()
                        }
                    }
                }
            }
            Ok(None) => Review::default(),
            Err(p) => Review {
                store: Some(p),
                ..Review::default()
            },
        }
    }

    fn draft(&self) -> Option<&Draft> {
        self.edited.as_ref().map(|e| &e.draft)
    }

    fn select(&mut self, i: usize) {
        self.selected = Some(i);
        self.page = i / PAGE_FIGURES;
        self.id_note = None;
    }

    /// Apply a change and keep it; `false` (nothing changes) when it does not apply.
    fn record(&mut self, op: Op) -> bool {
        let Some(e) = self.edited.as_mut() else {
            return false;
        };
        if !store::apply(Rc::make_mut(e), &op) {
            return false;
        }
        Rc::make_mut(&mut self.ops).push(op);
        self.redo = Rc::new(Vec::new());
        self.rev += 1;
        true
    }

    /// The draft as it was before the last change (`undo`), or with the last undone change back.
    fn step_back(&mut self, undo: bool) {
        let Some(base) = self.base.clone() else {
            return;
        };
        let (mut ops, mut redo) = ((*self.ops).clone(), (*self.redo).clone());
        let (from, to) = if undo {
            (&mut ops, &mut redo)
        } else {
            (&mut redo, &mut ops)
        };
        let Some(op) = from.pop() else {
            return;
        };
        to.push(op);
        // Each change applied when it was made, so the replay holds; were it not to, what is on
        // screen stays.
        if let Some(e) = store::replay(&base, &ops) {
            let n = e.draft.figures.len();
            self.edited = Some(Rc::new(e));
            self.ops = Rc::new(ops);
            self.redo = Rc::new(redo);
            self.selected = self.selected.filter(|i| *i < n);
            self.id_note = None;
            self.rev += 1;
        }
    }

    /// Add the figure read in `span`, or say why not; an existing figure is selected instead.
    /// Words with no number read there wait for a value typed by hand.
    fn add(&mut self, span: std::ops::Range<usize>) -> Result<(), AddError> {
        let Some(e) = self.edited.as_mut() else {
            return Err(AddError::NoFigure);
        };
        if e.draft.figures.len() >= MAX_DRAFT_FIGURES {
            return Err(AddError::BadSpan);
        }
        // In place (the draft is copied once per update at most, not once per place tried). The
        // worker read the span before (`reread`); were it not kept, nothing is added.
        let added = store::add(&mut Rc::make_mut(e).draft, span.start, span.end);
        match added.unwrap_or(Err(AddError::BadSpan)) {
            Ok(i) => {
                Rc::make_mut(&mut self.ops).push(Op::Add(span.start, span.end));
                self.redo = Rc::new(Vec::new());
                self.rev += 1;
                self.select(i);
                self.pending = None;
                Ok(())
            }
            Err(AddError::Already(i)) => {
                self.select(i);
                Err(AddError::Already(i))
            }
            Err(AddError::NoFigure) => {
                self.pending = Some((span.start, span.end));
                Err(AddError::NoFigure)
            }
            Err(AddError::BadSpan) => Err(AddError::BadSpan),
        }
    }
}

enum Msg {
    /// Request `id` went to the drafter.
    Reading(u32),
    /// The drafter's answer to request `id`; `restore` holds the kept changes to replay when the
    /// text is a kept draft's.
    Read {
        id: u32,
        read: Result<Rc<Base>, Bound>,
        restore: Option<Vec<Op>>,
    },
    /// Request `id` came to nothing (why).
    Unread(u32, String),
    /// No drafting worker could start (why): nothing can be drafted or re-read.
    NoWorker(String),
    /// Request `id` went to the worker to re-read selections.
    Adding(u32),
    /// The worker's answer to request `id` is kept: the change waiting for it is made.
    Reread(u32, Box<Msg>),
    /// Request `id` to re-read selections came to nothing (why).
    AddUnread(u32, String),
    Failed(String),
    /// A file over `MAX_DRAFT_BYTES` (its size): not read.
    TooLong(usize),
    Select(usize),
    Do(Op),
    /// A new id for figure `i`, checked first.
    Id(usize, String),
    Drop(usize),
    /// Add the figure in a byte span of the text (a selection).
    AddSpan(usize, usize),
    /// Add the figure in the first place the quote appears where one is read.
    AddQuote(String),
    /// Value, unit and label typed for the pending words.
    AddTyped(String, Unit, String),
    CancelTyped,
    Undo,
    Redo,
    Page(usize),
    Stored(Option<Problem>),
    /// The reader keeps this tab's draft over the one another tab wrote.
    KeepMine,
    Clear,
}

/// The places a quote appears in the text (the first 1,000), as byte spans.
fn quote_spots(text: &str, quote: &str) -> Vec<(usize, usize)> {
    let q = quote.trim();
    if q.is_empty() {
        return Vec::new();
    }
    text.match_indices(q)
        .map(|(at, _)| (at, at + q.len()))
        .take(1000)
        .collect()
}

/// Whether every selection `ops` add is read here already (the worker's answers kept for the
/// session), so they replay without asking the worker.
fn all_read(text: &str, ops: &[Op]) -> bool {
    store::added_spans(ops)
        .into_iter()
        .all(|s| store::is_read(text, s))
}

impl Reducible for Review {
    type Action = Msg;
    fn reduce(self: Rc<Self>, msg: Msg) -> Rc<Self> {
        let mut next = (*self).clone();
        match msg {
            Msg::Reading(id) => {
                next.reading = Some(id);
                next.adding = None;
                next.error = None;
                next.too_long = None;
            }
            // An answer to an older request than the last one is dropped.
            Msg::Read { id, .. } | Msg::Unread(id, _) if self.reading != Some(id) => return self,
            Msg::Reread(id, _) | Msg::AddUnread(id, _) if self.adding != Some(id) => return self,
            Msg::Reread(_, then) => {
                next.adding = None;
                return Rc::new(next).reduce(*then);
            }
            Msg::AddUnread(_, why) => {
                next.adding = None;
                next.add_failed = Some(why);
            }
            Msg::Adding(id) => {
                next.adding = Some(id);
                next.add_failed = None;
                next.add_note = None;
            }
            Msg::Read { read, restore, .. } => {
                next.reading = None;
                next.restoring = None;
                match (read, restore) {
                    (Ok(base), None) => {
                        next = Review {
                            edited: Some(Rc::new(Edited::new(&base))),
                            base: Some(base),
                            rev: self.rev + 1,
                            store: self
                                .store
                                .filter(|p| !matches!(p, Problem::Corrupt | Problem::TooLarge)),
                            no_worker: self.no_worker.clone(),
                            ..Review::default()
                        };
                    }
                    (Ok(base), Some(ops)) => match store::replay(&base, &ops) {
                        Some(e) => {
                            next = Review {
                                edited: Some(Rc::new(e)),
                                base: Some(base),
                                ops: Rc::new(ops),
                                rev: self.rev,
                                store: self.store,
                                no_worker: self.no_worker.clone(),
                                ..Review::default()
                            };
                        }
                        None => {
                            store::web::remove();
                            next.store = Some(Problem::Corrupt);
                        }
                    },
                    (Err(Bound::TooLong(n)), None) => next.too_long = Some(n),
                    (Err(Bound::TooLong(_)), Some(_)) => {
                        store::web::remove();
                        next.store = Some(Problem::TooLarge);
                    }
                }
            }
            Msg::Unread(_, why) => {
                next.reading = None;
                next.restoring = None;
                next.error = Some(why);
            }
            Msg::NoWorker(why) => {
                next.no_worker = Some(why);
                next.reading = None;
                next.restoring = None;
                next.adding = None;
            }
            Msg::Failed(e) => next.error = Some(e),
            Msg::TooLong(n) => next.too_long = Some(n),
            Msg::Select(i) => next.select(i),
            Msg::Do(op) => {
                next.record(op);
            }
            Msg::Id(i, id) => {
                let id = id.trim().to_string();
                match next.draft().map(|d| store::check_id(d, i, &id)) {
                    Some(Ok(())) => {
                        next.record(Op::Id(i, id));
                        next.id_note = None;
                    }
                    Some(Err(p)) => next.id_note = Some(p),
                    None => {}
                }
            }
            Msg::Drop(i) => {
                next.record(Op::Drop(i));
                next.selected = None;
            }
            Msg::AddSpan(s, e) => {
                next.add_failed = None;
                next.add_note = next.add(s..e).err();
            }
            Msg::AddQuote(q) => {
                next.add_failed = None;
                let spots = next
                    .draft()
                    .map(|d| quote_spots(&d.text, &q))
                    .unwrap_or_default();
                let mut note = Some(AddError::BadSpan);
                let mut first_words = None;
                for (a, b) in spots {
                    note = next.add(a..b).err();
                    if first_words.is_none() && matches!(note, Some(AddError::NoFigure)) {
                        first_words = next.pending;
                    }
                    if !matches!(note, Some(AddError::NoFigure)) {
                        break;
                    }
                }
                if matches!(note, Some(AddError::NoFigure)) {
                    next.pending = first_words;
                }
                next.add_note = note;
            }
            Msg::AddTyped(value, unit, label) => {
                if let Some(span) = next.pending {
                    let before = next.draft().map_or(0, |d| d.figures.len());
                    if next.record(Op::AddTyped {
                        span,
                        value,
                        unit,
                        label,
                    }) {
                        let at = next.draft().and_then(|d| {
                            (d.figures.len() > before)
                                .then(|| d.figures.iter().position(|f| f.span.start == span.0))
                                .flatten()
                        });
                        if let Some(i) = at {
                            next.select(i);
                        }
                        next.pending = None;
                        next.add_note = None;
                    }
                }
            }
            Msg::CancelTyped => {
                next.pending = None;
                next.add_note = None;
            }
            Msg::Undo => next.step_back(true),
            Msg::Redo => next.step_back(false),
            Msg::Page(p) => next.page = p,
            Msg::Stored(p) => next.store = p,
            Msg::KeepMine => {
                next.store = match &next.edited {
                    Some(e) => {
                        store::web::write_over(&store::encode(&e.draft.text, &next.ops)).err()
                    }
                    None => {
                        store::web::remove();
                        None
                    }
                };
            }
            Msg::Clear => {
                store::web::remove();
                next = Review::default();
            }
        }
        Rc::new(next)
    }
}

fn kind_name(k: ChartKind, ds: &DraftStrings) -> &'static str {
    match k {
        ChartKind::Bars => ds.kind_bars,
        ChartKind::Dumbbell => ds.kind_dumbbell,
        ChartKind::PartsOfTotal => ds.kind_parts_of_total,
        ChartKind::PartOfWhole => ds.kind_part_of_whole,
        ChartKind::Dots => ds.kind_dots,
    }
}

fn scale_name(s: Scale, ds: &DraftStrings) -> &'static str {
    match s {
        Scale::One => ds.scale_one,
        Scale::Thousand => ds.scale_thousand,
        Scale::Million => ds.scale_million,
        Scale::Billion => ds.scale_billion,
        Scale::Wan => ds.scale_wan,
        Scale::Yi => ds.scale_yi,
        Scale::Lakh => ds.scale_lakh,
        Scale::Crore => ds.scale_crore,
    }
}

code_table! {
    /// The kinds of period a reader can pick, with their names.
    #[derive(Clone, Copy, PartialEq)]
    enum PeriodKind {
        Undated = "undated",
        Present = "present",
        RecentYears = "recent_years",
        Year = "year",
        Since = "since",
        Range = "range",
    }
}

impl PeriodKind {
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
    fn name(self, ds: &DraftStrings) -> &'static str {
        match self {
            PeriodKind::Undated => ds.period_undated,
            PeriodKind::Present => ds.period_present,
            PeriodKind::RecentYears => ds.period_recent,
            PeriodKind::Year => ds.period_year,
            PeriodKind::Since => ds.period_since,
            PeriodKind::Range => ds.period_range,
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
    super::browser::event_value(e)
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

/// One page of the review: a run of at most `PAGE_FIGURES` figures and the stretch of text that
/// holds them (cut inside a paragraph when a paragraph holds more).
#[derive(Clone, PartialEq)]
struct Page {
    figs: std::ops::Range<usize>,
    bytes: std::ops::Range<usize>,
}

fn pages(d: &Draft) -> Vec<Page> {
    let n = d.figures.len();
    let count = n.div_ceil(PAGE_FIGURES).max(1);
    let start = |k: usize| -> usize {
        let lo = k * PAGE_FIGURES;
        match (
            k,
            d.figures.get(lo),
            lo.checked_sub(1).and_then(|j| d.figures.get(j)),
        ) {
            (0, _, _) | (_, None, _) => 0,
            (_, Some(f), prev) => {
                let para = d
                    .paragraphs
                    .get(f.paragraph as usize)
                    .map_or(f.span.start, |p| p.span.start);
                para.max(prev.map_or(0, |p| p.span.end)).min(f.span.start)
            }
        }
    };
    (0..count)
        .map(|k| Page {
            figs: k * PAGE_FIGURES..((k + 1) * PAGE_FIGURES).min(n),
            bytes: start(k)..if k + 1 < count {
                start(k + 1)
            } else {
                d.text.len()
            },
        })
        .collect()
}

/// A figure's label in `lang`: as the reader wrote it, else as drafted.
fn label_in<'a>(e: &'a Edited, f: &'a DraftFigure, lang: Lang) -> &'a str {
    e.story.label(&f.id, lang).unwrap_or(&f.label)
}

fn figure_row(
    e: &Edited,
    f: &DraftFigure,
    i: usize,
    selected: Option<usize>,
    t: &Strings,
    ds: &DraftStrings,
    lang: Lang,
) -> Html {
    let d = &e.draft;
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
        | Scale::Crore => format!(" {}", scale_name(f.scale, ds)),
    };
    let mut marks = Vec::new();
    if e.story.headlines.contains(&f.id) {
        marks.push(ds.draft_headline.to_string());
    }
    if let Some(g) = e.story.group_of(&f.id) {
        marks.push(format!("{}: {g}", ds.draft_chart));
    }
    html! {
        <tr {class}>
            <td data-label={t.paragraph}>{f.paragraph}</td>
            <td class="wrap" data-label={t.label}>
                <button type="button" class="link" data-i={i.to_string()}>{label_in(e, f, lang).to_string()}</button>
                if !marks.is_empty() { <span class="draft-marks">{" · "}{marks.join(" · ")}</span> }
            </td>
            <td class="wrap" data-label={ds.draft_quote}><q>{quote}</q></td>
            <td class="num" data-label={t.value}>{format::number_text(f.value)}{scale}</td>
            <td class="wrap" data-label={t.unit}>{f.unit.symbol(lang)}</td>
            <td data-label={ds.draft_qualifier}>{format::qualifier_text(f.qualifier, lang)}</td>
            <td data-label={t.period}>{format::period_text(Some(&f.period), lang)}</td>
            <td class="wrap doubts" data-label={ds.draft_unsure}>{doubts.join("; ")}</td>
        </tr>
    }
}

fn id_problem_text(p: IdProblem, ds: &DraftStrings) -> String {
    match p {
        IdProblem::Empty => ds.draft_id_empty.to_string(),
        IdProblem::TooLong => ds
            .draft_id_too_long
            .replace("{n}", &crate::model::limits::MAX_ID_CHARS.to_string()),
        IdProblem::BadChar(at, c) => ds
            .draft_id_bad_char
            .replace("{c}", &format!("U+{:04X}", c as u32))
            .replace("{at}", &at.to_string())
            .replace("{set}", crate::model::limits::ID_CHARSET),
        IdProblem::Taken => ds.draft_id_taken.to_string(),
    }
}

fn editor(
    e: &Edited,
    i: usize,
    id_note: Option<IdProblem>,
    review: &UseReducerHandle<Review>,
    t: &Strings,
    ds: &DraftStrings,
    lang: Lang,
) -> Html {
    let Some(f) = e.draft.figures.get(i) else {
        return Html::default();
    };
    type Make = fn(String, &DraftFigure, usize) -> Option<Op>;
    let edit = |make: Make| {
        let review = review.clone();
        let f = f.clone();
        Callback::from(move |ev: Event| {
            if let Some(op) = make(target_value(&ev), &f, i) {
                review.dispatch(Msg::Do(op));
            }
        })
    };
    let on_value = edit(|v, _, i| {
        decimal(&v)
            .filter(|x| x.is_finite() && *x >= 0.0)
            .map(|_| Op::Value(i, v))
    });
    let on_scale = edit(|v, _, i| {
        Scale::ALL
            .iter()
            .copied()
            .find(|s| s.code() == v)
            .map(|s| Op::Scale(i, s))
    });
    let on_unit = edit(|v, _, i| crate::model::extract::unit(&v).map(|u| Op::Unit(i, u)));
    let on_qualifier = edit(|v, _, i| {
        Qualifier::ALL
            .iter()
            .copied()
            .find(|q| q.code() == v)
            .map(|q| Op::Qualifier(i, q))
    });
    let on_kind = edit(|v, f, i| {
        let kind = PeriodKind::ALL.get(v.parse::<usize>().ok()?)?;
        Some(Op::Period(i, kind.period(&f.period, None, None)))
    });
    let on_from = edit(|v, f, i| {
        let y = v.trim().parse::<i32>().ok()?;
        Some(Op::Period(
            i,
            PeriodKind::of(&f.period).period(&f.period, Some(y), None),
        ))
    });
    let on_to = edit(|v, f, i| {
        let y = v.trim().parse::<i32>().ok()?;
        Some(Op::Period(
            i,
            PeriodKind::of(&f.period).period(&f.period, None, Some(y)),
        ))
    });
    let on_group = edit(|v, _, i| Some(Op::Group(i, v)));
    let on_concept = edit(|v, _, i| match v.as_str() {
        "" => Some(Op::Concept(i, None)),
        code => crate::model::concepts::find(code).map(|c| Op::Concept(i, Some(c.code))),
    });
    // What it measures: the reader's choice, else the drafter's proposal; the choices are the
    // concepts its unit can measure.
    let concept = match e.story.concepts.get(&f.id) {
        Some(choice) => *choice,
        None => e.draft.concept_of(f).map(|c| c.code),
    };
    let fitting: Vec<&'static crate::model::concepts::ConceptRow> =
        crate::model::concepts::CONCEPTS
            .iter()
            .filter(|c| c.fits(&f.unit))
            .collect();
    let on_headline = {
        let review = review.clone();
        Callback::from(move |ev: Event| {
            let on = ev
                .target()
                .and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok())
                .is_some_and(|x| x.checked());
            review.dispatch(Msg::Do(Op::Headline(i, on)));
        })
    };
    let on_id = {
        let review = review.clone();
        Callback::from(move |ev: Event| review.dispatch(Msg::Id(i, target_value(&ev))))
    };
    let on_drop = {
        let review = review.clone();
        Callback::from(move |_| review.dispatch(Msg::Drop(i)))
    };
    let labels = Lang::ALL.map(|l| {
        let review = review.clone();
        let onchange = Callback::from(move |ev: Event| {
            review.dispatch(Msg::Do(Op::LabelIn(i, l, target_value(&ev))))
        });
        let drafted = in_both(&f.label);
        let own = drafted.get(l) == f.label;
        let written = e.story.label(&f.id, l);
        let value = written.map(str::to_string).unwrap_or_else(|| {
            if own {
                f.label.clone()
            } else {
                String::new()
            }
        });
        let pending = written.is_none() && !own;
        let id = format!("draft-label-{}", l.code());
        html! {
            <label class={classes!(pending.then_some("to-translate"))}>
                {t.label}{" ("}{crate::model::text::language_name(l.code(), lang)}{")"}
                if pending { <span class="draft-mark">{t.draft_to_translate.trim()}</span> }
                <input id={id} type="text" maxlength="200" lang={l.code()} value={value}
                    placeholder={drafted.get(l).to_string()} {onchange} />
            </label>
        }
    });
    let kind = PeriodKind::of(&f.period);
    let (from, to) = match f.period {
        Period::Year { year } | Period::Since { year } => (Some(year), None),
        Period::Range { from, to } => (Some(from), Some(to)),
        Period::Undated | Period::Present | Period::RecentYears => (None, None),
    };
    let doubts: Vec<&str> = f.doubts.iter().map(|x| x.text(lang)).collect();
    let headline = e.story.headlines.contains(&f.id);
    let headlines_full = !headline && e.story.headlines.len() >= MAX_DRAFT_HEADLINES;
    let group = e.story.group_of(&f.id).unwrap_or("").to_string();
    html! {
        <fieldset class="draft-editor" id="draft-editor">
            <legend>{ds.draft_edit}{": "}<q>{label_in(e, f, lang).to_string()}</q></legend>
            if !doubts.is_empty() {
                <p class="draft-doubts" id="draft-doubts">{ds.draft_unsure}{": "}{doubts.join("; ")}</p>
            }
            { for labels }
            <label>{ds.draft_id}
                <input id="draft-id" type="text" maxlength="64" spellcheck="false" value={f.id.clone()}
                    aria-invalid={id_note.is_some().then_some("true")} aria-describedby={id_note.is_some().then_some("draft-id-note")}
                    onchange={on_id} />
            </label>
            if let Some(p) = id_note { <p role="alert" id="draft-id-note" class="draft-note">{id_problem_text(p, ds)}</p> }
            <label>{t.value}<input id="draft-value" type="number" step="any" min="0" value={format::number_text(f.value)} onchange={on_value} /></label>
            <label>{ds.draft_scale}
                <select id="draft-scale" onchange={on_scale}>
                    { for Scale::ALL.iter().map(|s| html! { <option value={s.code()} selected={*s == f.scale}>{scale_name(*s, ds)}</option> }) }
                </select>
            </label>
            <label>{t.unit}
                <select id="draft-unit" onchange={on_unit}>
                    { for unit_options(&f.unit).iter().map(|u| html! { <option value={u.code().to_string()} selected={*u == f.unit}>{unit_name(u, lang)}</option> }) }
                </select>
            </label>
            <label class="draft-concept-field">{t.measures_concept}
                <select id="draft-concept" onchange={on_concept}>
                    <option value="" selected={concept.is_none()}>{ds.concept_none}</option>
                    { for fitting.iter().map(|c| html! { <option value={c.code} selected={concept == Some(c.code)}>{c.name(lang.code())}</option> }) }
                </select>
            </label>
            <label>{ds.draft_qualifier}
                <select id="draft-qualifier" onchange={on_qualifier}>
                    { for Qualifier::ALL.iter().map(|q| html! { <option value={q.code()} selected={*q == f.qualifier}>{format::qualifier_text(*q, lang)}</option> }) }
                </select>
            </label>
            <label>{t.period}
                <select id="draft-period" onchange={on_kind}>
                    { for PeriodKind::ALL.iter().enumerate().map(|(k, p)| html! { <option value={k.to_string()} selected={*p == kind}>{p.name(ds)}</option> }) }
                </select>
            </label>
            if let Some(y) = from {
                <label>{ds.draft_year}<input id="draft-year" type="number" value={y.to_string()} onchange={on_from} /></label>
            }
            if let Some(y) = to {
                <label>{ds.draft_year_to}<input id="draft-year-to" type="number" value={y.to_string()} onchange={on_to} /></label>
            }
            <label>{ds.draft_chart}
                <input id="draft-group" type="text" maxlength="200" list="draft-groups" value={group} onchange={on_group} />
            </label>
            <datalist id="draft-groups">
                { for store::group_titles(&e.story).into_iter().map(|g| html! { <option value={g.to_string()} /> }) }
            </datalist>
            <label class="check">
                <input id="draft-headline" type="checkbox" checked={headline} disabled={headlines_full} onchange={on_headline} />
                {ds.draft_headline}
            </label>
            <button type="button" id="draft-drop" class="secondary" onclick={on_drop}>{ds.draft_drop}</button>
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

/// A unit as the choice lists it: its name after a number, and its code when that differs.
fn unit_name(u: &Unit, lang: Lang) -> String {
    let symbol = u.symbol(lang);
    let code = u.code();
    if symbol.trim().is_empty() || symbol.trim() == code {
        code.to_string()
    } else {
        format!("{} ({code})", symbol.trim())
    }
}

/// The value of the input or select with this id ("" when there is none).
fn field_value(id: &str) -> String {
    super::browser::window()
        .and_then(|w| w.document())
        .and_then(|d| d.get_element_by_id(id))
        .map(|el| super::browser::control_value(&el))
        .unwrap_or_default()
}

fn too_long_text(n: usize, ds: &DraftStrings) -> String {
    ds.draft_too_long
        .replace("{n}", &format::number_text(n as f64))
        .replace("{max}", &format::number_text(MAX_DRAFT_BYTES as f64))
        .replace("{mib}", &(MAX_DRAFT_BYTES / (1024 * 1024)).to_string())
}

/// Read a text file (picker or drop): size checked first, UTF-8 required, then drafted.
fn read_text_file(
    review: &UseReducerHandle<Review>,
    run: &Callback<(String, Option<Vec<Op>>)>,
    reader: &Rc<std::cell::RefCell<Option<FileReader>>>,
    file: web_sys::File,
) {
    let size = file.size() as u64;
    if size > MAX_DRAFT_BYTES as u64 {
        return review.dispatch(Msg::TooLong(size as usize));
    }
    if let Err(err) = input::check_size(size) {
        return review.dispatch(Msg::Failed(err.found));
    }
    let review = review.clone();
    let run = run.clone();
    let blob = gloo::file::Blob::from(web_sys::Blob::from(file));
    let task = gloo::file::callbacks::read_as_bytes(&blob, move |res| {
        match res
            .map_err(|e| e.to_string())
            .and_then(|b| input::text_from_bytes(b).map_err(|e| e.found))
        {
            Ok(text) => {
                super::browser::set_textarea_value("draft-text", &text);
                run.emit((text, None));
            }
            Err(e) => review.dispatch(Msg::Failed(e)),
        }
    });
    *reader.borrow_mut() = Some(task);
}

/// Whether a key press belongs to a text field (Ctrl+Z there undoes typing, not the draft).
fn in_text_field(e: &web_sys::KeyboardEvent) -> bool {
    e.target()
        .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
        .is_some_and(|el| {
            matches!(
                el.tag_name().to_ascii_lowercase().as_str(),
                "input" | "textarea" | "select"
            ) || el.closest("[contenteditable]").ok().flatten().is_some()
        })
}

/// A step of the editor: a numbered section with its heading.
fn step(n: u8, id: &str, title: &str, body: Html) -> Html {
    let heading = format!("{id}-h");
    html! {
        <section class="draft-step" id={id.to_string()} aria-labelledby={heading.clone()}>
            <h3 id={heading} tabindex="-1"><span class="step-n">{n}</span>{" "}{title}</h3>
            { body }
        </section>
    }
}

/// The drafting worker as the editor holds it.
enum Slot {
    NotStarted,
    Running(Drafter),
    /// It could not start (why): drafting is not possible in this browser.
    Off(String),
}

type SlotRef = Rc<std::cell::RefCell<Slot>>;

/// The next request's id.
fn next_id(last_id: &Rc<std::cell::RefCell<u32>>) -> u32 {
    let mut n = last_id.borrow_mut();
    *n = n.wrapping_add(1);
    *n
}

/// Hands a request to the worker, starting it the first time; `false` (the editor says why)
/// when no worker runs.
fn ask(
    review: &UseReducerHandle<Review>,
    slot: &SlotRef,
    request: impl FnOnce(&Drafter) -> Result<(), String>,
) -> bool {
    if matches!(*slot.borrow(), Slot::NotStarted) {
        let started = match Drafter::start() {
            Ok(d) => Slot::Running(d),
            Err(why) => Slot::Off(why),
        };
        *slot.borrow_mut() = started;
    }
    let sent = match &*slot.borrow() {
        Slot::Running(d) => request(d),
        Slot::Off(why) => Err(why.clone()),
        Slot::NotStarted => Err("not started".into()),
    };
    match sent {
        Ok(()) => true,
        Err(why) => {
            *slot.borrow_mut() = Slot::Off(why.clone());
            review.dispatch(Msg::NoWorker(why));
            false
        }
    }
}

/// The worker cannot be used: it never started, or it stopped or answered nonsense (the next
/// request starts a new one).
fn worker_failed(review: &UseReducerHandle<Review>, slot: &SlotRef, answer: Answer) -> String {
    let (next, why) = match answer {
        Answer::Unavailable(why) => {
            review.dispatch(Msg::NoWorker(why.clone()));
            (Slot::Off(why.clone()), why)
        }
        Answer::Unreadable(e) => (
            Slot::NotStarted,
            format!("its answer could not be read: {e}"),
        ),
        Answer::Stopped(why) => (Slot::NotStarted, why),
        Answer::Read(..) | Answer::Spans(_) => {
            (Slot::NotStarted, "it answered another request".into())
        }
    };
    *slot.borrow_mut() = next;
    why
}

/// Drafts `text` in the worker (then replays `restore`, a kept draft's changes, with the
/// selections they add read there too). The bound and the session's own reading answer at once.
fn start(
    review: &UseReducerHandle<Review>,
    slot: &SlotRef,
    last_id: &Rc<std::cell::RefCell<u32>>,
    text: String,
    restore: Option<Vec<Op>>,
) {
    let id = next_id(last_id);
    review.dispatch(Msg::Reading(id));
    let replays = restore.as_deref().is_none_or(|ops| all_read(&text, ops));
    if let Some(read) = store::known(&text).filter(|_| replays) {
        return review.dispatch(Msg::Read { id, read, restore });
    }
    let spans = restore
        .as_deref()
        .map(store::added_spans)
        .unwrap_or_default();
    let then = {
        let (review, slot) = (review.clone(), slot.clone());
        Box::new(move |answer: Answer| match answer {
            Answer::Read(read, reads) => review.dispatch(Msg::Read {
                id,
                read: read.map(|base| {
                    let base = store::remember(*base);
                    store::keep_reads(&base.draft.text, reads);
                    base
                }),
                restore,
            }),
            other => {
                let why = worker_failed(&review, &slot, other);
                review.dispatch(Msg::Unread(id, why));
            }
        })
    };
    ask(review, slot, |d| d.draft(id, &text, &spans, then));
}

/// Re-reads selections of the draft's text in the worker, then makes the change `then` (an
/// addition) with what it read; at once when they are read already.
fn reread(
    review: &UseReducerHandle<Review>,
    slot: &SlotRef,
    last_id: &Rc<std::cell::RefCell<u32>>,
    spans: Vec<(usize, usize)>,
    then: Msg,
) {
    let Some(text) = review.draft().map(|d| d.text.clone()) else {
        return;
    };
    if spans
        .iter()
        .all(|&(a, b)| a >= b || store::is_read(&text, (a, b)))
    {
        return review.dispatch(then);
    }
    let id = next_id(last_id);
    let answered = {
        let (review, slot, text) = (review.clone(), slot.clone(), text.clone());
        Box::new(move |answer: Answer| match answer {
            Answer::Spans(reads) => {
                store::keep_reads(&text, reads);
                review.dispatch(Msg::Reread(id, Box::new(then)));
            }
            other => {
                let why = worker_failed(&review, &slot, other);
                review.dispatch(Msg::AddUnread(id, why));
            }
        })
    };
    // Busy before asking: a test's drafter on the page answers before `ask` returns.
    review.dispatch(Msg::Adding(id));
    ask(review, slot, |d| d.read_spans(id, &text, &spans, answered));
}

#[function_component(DraftReview)]
pub fn draft_review(props: &DraftReviewProps) -> Html {
    let lang = props.lang;
    let t = tr(lang);
    let ds = tr_draft(lang);
    let review = use_reducer(Review::restored);
    let reader = use_mut_ref(|| None::<FileReader>);
    // The drafting worker, started the first time a text is drafted.
    let drafter = use_mut_ref(|| Slot::NotStarted);
    let last_id = use_mut_ref(|| 0u32);
    let run = {
        let (review, drafter, last_id) = (review.clone(), drafter.clone(), last_id.clone());
        Callback::from(move |(text, restore): (String, Option<Vec<Op>>)| {
            start(&review, &drafter, &last_id, text, restore)
        })
    };
    {
        // A kept draft whose text this session has not read: the drafter reads it again.
        let run = run.clone();
        let kept = review.restoring.clone();
        use_effect_with((), move |_| {
            if let Some(kept) = kept {
                run.emit((kept.0.clone(), Some(kept.1.clone())));
            }
        });
    }

    // Keep the draft in the browser after every change (not on opening the screen).
    {
        let review = review.clone();
        use_effect_with(review.rev, move |rev| {
            if *rev > 0 {
                // Timed as `draft-keep` (a user-timing measure): a long text costs here too.
                let result = super::browser::timed("draft-keep", || match &review.edited {
                    Some(e) => store::web::write(&store::encode(&e.draft.text, &review.ops)).err(),
                    None => None,
                });
                if result != review.store {
                    review.dispatch(Msg::Stored(result));
                }
            }
        });
    }
    {
        // Another tab wrote or removed the kept draft: say so now, not at this tab's next edit.
        let review = review.clone();
        use_effect_with((), move |_| {
            let listener = web_sys::window().map(|w| {
                gloo::events::EventListener::new(&w, "storage", move |e| {
                    let get = |k: &str| {
                        js_sys::Reflect::get(e, &k.into())
                            .ok()
                            .and_then(|v| v.as_string())
                    };
                    if get("key").as_deref() == Some(store::KEY)
                        && !store::web::unchanged_since_seen(get("newValue").as_deref())
                    {
                        review.dispatch(Msg::Stored(Some(Problem::ChangedElsewhere)));
                    }
                })
            });
            move || drop(listener)
        });
    }
    {
        // A restored draft shows its text in the text box.
        let text = review
            .draft()
            .map(|d| d.text.clone())
            .or_else(|| review.restoring.as_ref().map(|k| k.0.clone()));
        use_effect_with((), move |_| {
            if let Some(text) = text {
                super::browser::set_textarea_value("draft-text", &text);
            }
        });
    }
    {
        // Ctrl+Z / Ctrl+Shift+Z / Ctrl+Y outside text fields undo and redo the last edit.
        let review = review.clone();
        use_effect_with((), move |_| {
            let listener = super::browser::window()
                .and_then(|w| w.document())
                .map(|doc| {
                    let options = gloo::events::EventListenerOptions::enable_prevent_default();
                    EventListener::new_with_options(&doc, "keydown", options, move |e| {
                        let Some(e) = e.dyn_ref::<web_sys::KeyboardEvent>() else {
                            return;
                        };
                        if !(e.ctrl_key() || e.meta_key()) || e.alt_key() || in_text_field(e) {
                            return;
                        }
                        let key = e.key().to_ascii_lowercase();
                        let msg = match (key.as_str(), e.shift_key()) {
                            ("z", false) => Msg::Undo,
                            ("z", true) | ("y", false) => Msg::Redo,
                            _ => return,
                        };
                        e.prevent_default();
                        review.dispatch(msg);
                    })
                });
            move || drop(listener)
        });
    }

    let on_run = {
        let run = run.clone();
        Callback::from(move |_| run.emit((super::browser::textarea_value("draft-text"), None)))
    };
    let on_file = {
        let review = review.clone();
        let run = run.clone();
        let reader = reader.clone();
        Callback::from(move |e: Event| {
            let Some(input) = e
                .target()
                .and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok())
            else {
                return;
            };
            if let Some(file) = input.files().and_then(|l| l.get(0)) {
                read_text_file(&review, &run, &reader, file);
            }
            input.set_value("");
        })
    };
    let on_drag_over = Callback::from(|e: DragEvent| e.prevent_default());
    let on_drop_file = {
        let review = review.clone();
        let run = run.clone();
        let reader = reader.clone();
        Callback::from(move |e: DragEvent| {
            e.prevent_default();
            if let Some(file) = e
                .data_transfer()
                .and_then(|d| d.files())
                .and_then(|l| l.get(0))
            {
                read_text_file(&review, &run, &reader, file);
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
                review.dispatch(Msg::Page(p));
            }
        })
    };
    let on_add_selection = {
        let (review, drafter, last_id) = (review.clone(), drafter.clone(), last_id.clone());
        Callback::from(move |_: MouseEvent| {
            let (a, b) = selection_span().unwrap_or((0, 0));
            reread(
                &review,
                &drafter,
                &last_id,
                vec![(a, b)],
                Msg::AddSpan(a, b),
            );
        })
    };
    let on_add_quote = {
        let (review, drafter, last_id) = (review.clone(), drafter.clone(), last_id.clone());
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            let quote = field_value("draft-quote");
            let spots = review
                .draft()
                .map(|d| quote_spots(&d.text, &quote))
                .unwrap_or_default();
            reread(&review, &drafter, &last_id, spots, Msg::AddQuote(quote));
        })
    };
    let on_add_typed = {
        let review = review.clone();
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            let unit = crate::model::extract::unit(&field_value("draft-typed-unit"));
            if let Some(unit) = unit {
                review.dispatch(Msg::AddTyped(
                    field_value("draft-typed-value"),
                    unit,
                    field_value("draft-typed-label"),
                ));
            }
        })
    };
    let on_cancel_typed = {
        let review = review.clone();
        Callback::from(move |_| review.dispatch(Msg::CancelTyped))
    };
    let on_undo = {
        let review = review.clone();
        Callback::from(move |_| review.dispatch(Msg::Undo))
    };
    let on_redo = {
        let review = review.clone();
        Callback::from(move |_| review.dispatch(Msg::Redo))
    };
    let on_clear = {
        let review = review.clone();
        Callback::from(move |_| {
            super::browser::set_textarea_value("draft-text", "");
            review.dispatch(Msg::Clear)
        })
    };
    let json = {
        let review = review.clone();
        move || {
            review.edited.as_ref().and_then(|e| {
                // Pretty, as the export writes figures: one serializer in the wasm, not two.
                serde_json::to_string_pretty(&store::dataset(e)).ok()
            })
        }
    };
    let on_open = {
        let json = json.clone();
        let on_open = props.on_open.clone();
        Callback::from(move |_| {
            if let Some(text) = json() {
                on_open.emit(text);
            }
        })
    };
    let on_export = Callback::from(move |_| {
        if let Some(text) = json() {
            super::browser::download_text("drafted-case.json", "application/json", &text);
        }
    });
    let story_edit = |make: fn(Lang, String) -> Op, l: Lang| {
        let review = review.clone();
        Callback::from(move |e: Event| review.dispatch(Msg::Do(make(l, target_value(&e)))))
    };

    let store_note = review.store.and_then(|p| match p {
        Problem::Corrupt => Some(ds.draft_store_corrupt),
        Problem::TooLarge => Some(ds.draft_store_too_large),
        Problem::Full => Some(ds.draft_store_full),
        Problem::ChangedElsewhere => Some(ds.draft_store_elsewhere),
        Problem::Unavailable => review
            .draft()
            .is_some()
            .then_some(ds.draft_store_unavailable),
    });
    let add_note = review.add_note.and_then(|e| match e {
        AddError::BadSpan => Some(ds.draft_add_missing),
        // Words with no number: the form below asks for the figure.
        AddError::NoFigure => review.pending.is_none().then_some(ds.draft_add_none),
        AddError::Already(_) => Some(ds.draft_add_already),
    });

    let undo_bar = html! {
        <div class="draft-undo" role="group" aria-label={ds.draft_history}>
            <button type="button" id="draft-undo" class="secondary" onclick={on_undo}
                disabled={review.ops.is_empty()} aria-keyshortcuts="Control+Z">{ds.draft_undo}</button>
            <button type="button" id="draft-redo" class="secondary" onclick={on_redo}
                disabled={review.redo.is_empty()} aria-keyshortcuts="Control+Shift+Z">{ds.draft_redo}</button>
            <span class="hint" id="draft-edits" aria-live="polite">{ds.draft_edits.replace("{n}", &review.ops.len().to_string())}</span>
        </div>
    };

    // While the worker reads a text or a selection, nothing else is asked of it.
    let busy = review.reading.is_some() || review.adding.is_some();
    let step_text = {
        let pane = review.edited.as_ref().map(|e| {
            let d = &e.draft;
            let selected = review.selected.filter(|i| *i < d.figures.len());
            let pages = pages(d);
            let k = review.page.min(pages.len().saturating_sub(1));
            let page = pages.get(k).cloned().unwrap_or(Page { figs: 0..0, bytes: 0..0 });
            let pager = (pages.len() > 1).then(|| {
                let words = ds
                    .draft_pages
                    .replace("{a}", &(page.figs.start + 1).to_string())
                    .replace("{b}", &page.figs.end.to_string())
                    .replace("{n}", &d.figures.len().to_string());
                let prev = k.checked_sub(1);
                let next = (k + 1 < pages.len()).then_some(k + 1);
                html! {
                    <p class="draft-pager" onclick={on_pick.clone()}>
                        <button type="button" class="secondary" id="draft-prev" disabled={prev.is_none()}
                            data-page={prev.unwrap_or(0).to_string()}>{ds.draft_prev}</button>
                        <span id="draft-page" aria-live="polite">{" "}{words}{" "}</span>
                        <button type="button" class="secondary" id="draft-next" disabled={next.is_none()}
                            data-page={next.unwrap_or(0).to_string()}>{ds.draft_next}</button>
                    </p>
                }
            });
            let paragraphs = d
                .paragraphs
                .iter()
                .filter(|p| p.span.end > page.bytes.start && p.span.start < page.bytes.end)
                .map(|p| {
                    let span = p.span.start.max(page.bytes.start)..p.span.end.min(page.bytes.end);
                    let a = d.figures.partition_point(|f| f.span.start < span.start).max(page.figs.start);
                    let b = d.figures.partition_point(|f| f.span.start < span.end).min(page.figs.end);
                    paragraph_html(d, span, a..b.max(a), selected, lang)
                });
            let typed = review.pending.map(|(a, b)| {
                let quote = d.text.get(a..b).unwrap_or("").to_string();
                html! {
                    <form class="draft-typed" id="draft-typed" onsubmit={on_add_typed.clone()}>
                        <p role="status">{ds.draft_typed_intro}{" "}<q>{quote}</q></p>
                        <label>{t.value}<input id="draft-typed-value" type="text" inputmode="decimal" required=true maxlength="40" /></label>
                        <label>{t.unit}
                            <select id="draft-typed-unit">
                                { for unit_options(&Unit::builtin("%")).iter().enumerate().map(|(k, u)| html! { <option value={u.code().to_string()} selected={k == 0}>{unit_name(u, lang)}</option> }) }
                            </select>
                        </label>
                        <label>{t.label}<input id="draft-typed-label" type="text" required=true maxlength="200" /></label>
                        <button type="submit" id="draft-typed-add">{ds.draft_typed_add}</button>
                        <button type="button" class="secondary" onclick={on_cancel_typed.clone()}>{ds.draft_typed_cancel}</button>
                    </form>
                }
            });
            html! {
                <>
                    <div class="draft-add">
                        <button type="button" id="draft-add" class="secondary" onclick={on_add_selection.clone()}
                            disabled={busy}>{ds.draft_add_selection}</button>
                        <form onsubmit={on_add_quote.clone()}>
                            <label for="draft-quote">{ds.draft_add_quote}</label>
                            <input id="draft-quote" type="text" maxlength="200" />
                            <button type="submit" id="draft-add-quote" class="secondary" disabled={busy}>{ds.draft_add}</button>
                        </form>
                        if review.adding.is_some() { <p role="status" id="draft-adding" class="draft-note">{ds.draft_adding}</p> }
                        if let Some(n) = add_note { <p role="status" id="draft-add-note">{n}</p> }
                        if let Some(why) = &review.add_failed { <p role="alert" id="draft-add-error" class="draft-note">{ds.draft_add_failed.replace("{why}", why)}</p> }
                        { typed.unwrap_or_default() }
                    </div>
                    { pager.unwrap_or_default() }
                    <div class="draft-source" id="draft-source" onclick={on_pick.clone()}>
                        <h4>{ds.draft_text}</h4>
                        { for paragraphs }
                    </div>
                </>
            }
        });
        html! {
            <>
                <p>{t.draft_intro}</p>
                <label for="draft-text">{ds.draft_paste}</label>
                <textarea id="draft-text" rows="6" />
                <label for="draft-file">{ds.draft_file}</label>
                <input id="draft-file" type="file" accept=".txt,text/plain" onchange={on_file} />
                <p class="hint">{ds.draft_drop_here}{" "}{too_long_hint(ds)}</p>
                <button type="button" id="draft-run" onclick={on_run}>{ds.draft_run}</button>
                if review.reading.is_some() { <p role="status" id="draft-reading" class="draft-note">{ds.draft_reading}</p> }
                if let Some(why) = &review.no_worker { <p role="alert" id="draft-no-worker" class="draft-note">{ds.draft_needs_worker.replace("{why}", why)}</p> }
                if let Some(n) = review.too_long { <p role="alert" id="draft-error" class="draft-note">{too_long_text(n, ds)}</p> }
                if let Some(e) = &review.error { <p role="alert" id="draft-error" class="draft-note">{e.clone()}</p> }
                { pane.unwrap_or_default() }
            </>
        }
    };

    let rest = review.edited.as_ref().map(|e| {
        let d = &e.draft;
        let cut = review.base.as_ref().map_or(0, |b| b.cut);
        let front = review.base.as_ref().map(|b| b.front.clone()).unwrap_or_default();
        let unsure = d.figures.iter().filter(|f| !f.doubts.is_empty()).count();
        let summary = ds
            .draft_summary
            .replace("{n}", &d.figures.len().to_string())
            .replace("{u}", &unsure.to_string())
            .replace("{r}", &d.relations.len().to_string());
        let selected = review.selected.filter(|i| *i < d.figures.len());
        let pages = pages(d);
        let k = review.page.min(pages.len().saturating_sub(1));
        let figs = pages.get(k).map_or(0..0, |p| p.figs.clone());
        let relations = d.relations.iter().enumerate().take(PAGE_FIGURES).map(|(k, r)| {
            let review = review.clone();
            let onchange = Callback::from(move |e: Event| {
                let on = e
                    .target()
                    .and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok())
                    .is_some_and(|i| i.checked());
                review.dispatch(Msg::Do(Op::Accept(k, on)));
            });
            let id = format!("draft-rel-{k}");
            html! {
                <li>
                    <input type="checkbox" id={id.clone()} checked={r.accepted} {onchange} />
                    <label for={id}>{ds.draft_accept}{" — "}{relation_text(d, r, lang)}</label>
                </li>
            }
        });
        let figures = html! {
            <>
                <p role="status" id="draft-summary">{ if d.figures.is_empty() { ds.draft_none.to_string() } else { summary } }</p>
                if cut > 0 {
                    <p role="alert" id="draft-cut" class="draft-note">{ds.draft_cut.replace("{max}", &format::number_text(MAX_DRAFT_FIGURES as f64)).replace("{n}", &format::number_text(cut as f64))}</p>
                }
                if let Some(i) = selected {
                    { editor(e, i, review.id_note, &review, t, ds, lang) }
                } else {
                    <p class="hint">{ds.draft_select_hint}</p>
                }
                <div class="table-scroll draft-table" onclick={on_pick.clone()}>
                <table id="draft-figures">
                    <caption class="sr-only">{ds.draft_table}</caption>
                    <thead><tr>
                        <th scope="col">{t.paragraph}</th><th scope="col">{t.label}</th>
                        <th scope="col">{ds.draft_quote}</th><th scope="col">{t.value}</th>
                        <th scope="col">{t.unit}</th><th scope="col">{ds.draft_qualifier}</th>
                        <th scope="col">{t.period}</th><th scope="col" class="doubts">{ds.draft_unsure}</th>
                    </tr></thead>
                    <tbody>{ for figs.filter_map(|i| d.figures.get(i).map(|f| figure_row(e, f, i, selected, t, ds, lang))) }</tbody>
                </table>
                </div>
                <h4>{ds.draft_relations}</h4>
                if d.relations.is_empty() {
                    <p>{ds.draft_no_relations}</p>
                } else {
                    <ul class="draft-relations" id="draft-relations">{ for relations }</ul>
                }
                if d.relations.len() > PAGE_FIGURES {
                    <p class="hint">{ds.draft_more_relations.replace("{n}", &(d.relations.len() - PAGE_FIGURES).to_string())}</p>
                }
            </>
        };
        let texts = |what: &str, id: &str, entries: &[(Lang, String)], drafted: &str, make: fn(Lang, String) -> Op, long: bool| {
            let fields = Lang::ALL.map(|l| {
                let value = store::written(entries, l).unwrap_or(drafted).to_string();
                let fid = format!("{id}-{}", l.code());
                let onchange = story_edit(make, l);
                let name = crate::model::text::language_name(l.code(), lang);
                html! {
                    <label>{what}{" ("}{name}{")"}
                        if long {
                            <textarea id={fid} rows="3" maxlength="2000" lang={l.code()} value={value} {onchange} />
                        } else {
                            <input id={fid} type="text" maxlength="200" lang={l.code()} value={value} {onchange} />
                        }
                    </label>
                }
            });
            html! { <div class="draft-fields">{ for fields }</div> }
        };
        let forms_of = store::chart_forms(e);
        let charts = e.story.groups.iter().enumerate().map(|(k, (title, ids))| {
            let from = title.clone();
            let onchange = {
                let review = review.clone();
                Callback::from(move |ev: Event| {
                    review.dispatch(Msg::Do(Op::ChartTitle(from.clone(), target_value(&ev))))
                })
            };
            let forms = forms_of.get(k).cloned().unwrap_or_default();
            let chosen = e.story.kinds.get(title).copied();
            let on_kind = {
                let (review, title) = (review.clone(), title.clone());
                Callback::from(move |ev: Event| {
                    let kind = ChartKind::parse(&target_value(&ev));
                    review.dispatch(Msg::Do(Op::ChartKind(title.clone(), kind)))
                })
            };
            let kind_id = format!("draft-chart-kind-{}", k + 1);
            let kind_choice = (forms.len() > 1).then(|| html! {
                <label class="draft-chart-form" for={kind_id.clone()}>{ds.draft_chart_kind}
                    <select id={kind_id.clone()} class="draft-chart-kind" onchange={on_kind}>
                        <option value="" selected={chosen.is_none()}>{ds.draft_chart_kind_auto.replace("{kind}", kind_name(forms[0], ds))}</option>
                        { for forms.iter().map(|f| html! {
                            <option value={f.code()} selected={chosen == Some(*f)}>{kind_name(*f, ds)}</option>
                        }) }
                    </select>
                </label>
            });
            let names: Vec<String> = ids
                .iter()
                .filter_map(|id| d.figures.iter().find(|f| f.id == *id))
                .map(|f| label_in(e, f, lang).to_string())
                .collect();
            html! {
                <li>
                    <label>{ds.draft_chart_title}
                        <input type="text" class="draft-chart-title" maxlength="200" value={title.clone()} {onchange} />
                    </label>
                    <span class="hint">{names.join(" · ")}</span>
                    if ids.len() < 2 { <span class="draft-note">{" "}{ds.draft_chart_one}</span> }
                    { for kind_choice }
                </li>
            }
        });
        let n_heads = e.story.headlines.len();
        let headlines = e.story.headlines.iter().enumerate().map(|(k, id)| {
            let name = d
                .figures
                .iter()
                .find(|f| f.id == *id)
                .map(|f| label_in(e, f, lang).to_string())
                .unwrap_or_else(|| id.clone());
            let i = d.figures.iter().position(|f| f.id == *id);
            let mv = |up: bool| {
                let review = review.clone();
                Callback::from(move |_| review.dispatch(Msg::Do(Op::HeadlineMove(k, up))))
            };
            let remove = {
                let review = review.clone();
                Callback::from(move |_| {
                    if let Some(i) = i {
                        review.dispatch(Msg::Do(Op::Headline(i, false)))
                    }
                })
            };
            html! {
                <li>
                    <span class="draft-headline-name">{name.clone()}</span>
                    <span class="draft-headline-tools">
                        <button type="button" class="secondary" disabled={k == 0} onclick={mv(true)}
                            aria-label={format!("{} — {name}", ds.draft_up)}>{"↑"}</button>
                        <button type="button" class="secondary" disabled={k + 1 == n_heads} onclick={mv(false)}
                            aria-label={format!("{} — {name}", ds.draft_down)}>{"↓"}</button>
                        <button type="button" class="secondary" onclick={remove}
                            aria-label={format!("{} — {name}", ds.draft_remove)}>{"×"}</button>
                    </span>
                </li>
            }
        });
        let story = html! {
            <>
                { texts(ds.draft_case_title, "draft-title", &e.story.title, &front.title, Op::Title, false) }
                { texts(ds.draft_place, "draft-place", &e.story.place, front.place.as_deref().unwrap_or(""), Op::Place, false) }
                { texts(ds.draft_intro_field, "draft-intro", &e.story.intro, front.intro.as_deref().unwrap_or(""), Op::Intro, true) }
                <h4>{ds.draft_charts}</h4>
                <p class="hint">{ds.draft_charts_hint}</p>
                if e.story.groups.is_empty() {
                    <p id="draft-no-charts">{ds.draft_charts_proposed}</p>
                } else {
                    <ul class="draft-charts" id="draft-charts">{ for charts }</ul>
                }
                <h4>{ds.draft_headlines}</h4>
                <p class="hint">{ds.draft_headlines_hint.replace("{n}", &MAX_DRAFT_HEADLINES.to_string())}</p>
                if e.story.headlines.is_empty() {
                    <p id="draft-no-headlines">{ds.draft_headlines_proposed}</p>
                } else {
                    <ol class="draft-headlines" id="draft-headlines">{ for headlines }</ol>
                }
            </>
        };
        let open = html! {
            <>
                <p>{ds.draft_open_hint}</p>
                <p class="draft-actions">
                    <button type="button" id="draft-open" onclick={on_open.clone()} disabled={d.figures.is_empty()}>{ds.draft_open}</button>
                    <button type="button" id="draft-export" class="secondary" onclick={on_export.clone()} disabled={d.figures.is_empty()}>{ds.draft_export}</button>
                </p>
                <p class="hint">{ds.draft_kept}{" "}
                    <button type="button" id="draft-clear" class="secondary" onclick={on_clear.clone()}>{ds.draft_clear}</button></p>
            </>
        };
        html! {
            <>
                { step(2, "draft-step-figures", ds.draft_step_figures, figures) }
                { step(3, "draft-step-story", ds.draft_step_story, story) }
                { step(4, "draft-step-open", ds.draft_step_open, open) }
            </>
        }
    });

    let steps = [
        ("draft-step-text", ds.draft_step_text),
        ("draft-step-figures", ds.draft_step_figures),
        ("draft-step-story", ds.draft_step_story),
        ("draft-step-open", ds.draft_step_open),
    ];
    let has_draft = review.edited.is_some();
    let stepper = steps.iter().enumerate().map(|(k, (id, name))| {
        let target = format!("{id}-h");
        let onclick = Callback::from(move |_| {
            super::browser::focus_id(&target);
            if let Some(el) = super::browser::window()
                .and_then(|w| w.document())
                .and_then(|d| d.get_element_by_id(&target))
            {
                el.scroll_into_view();
            }
        });
        let off = k > 0 && !has_draft;
        html! {
            <li><button type="button" class="step-link" disabled={off} {onclick}>
                <span class="step-n">{k + 1}</span>{" "}{*name}</button></li>
        }
    });

    html! {
        <section class="draft-review" id="draft-review" aria-labelledby="draft-title"
            ondragover={on_drag_over} ondrop={on_drop_file}>
            <h2 id="draft-title">{t.draft_button}</h2>
            <nav aria-label={ds.draft_steps}><ol class="draft-stepper">{ for stepper }</ol></nav>
            if has_draft { { undo_bar } }
            if let Some(n) = store_note { <p role="alert" id="draft-store-note">{n}</p> }
            if review.store == Some(Problem::ChangedElsewhere) {
                <p><button type="button" class="secondary" id="draft-keep-mine"
                    onclick={{ let r = review.clone(); Callback::from(move |_: MouseEvent| r.dispatch(Msg::KeepMine)) }}>{ds.draft_keep_mine}</button></p>
            }
            { step(1, "draft-step-text", ds.draft_step_text, step_text) }
            { rest.unwrap_or_default() }
        </section>
    }
}

fn too_long_hint(ds: &DraftStrings) -> String {
    ds.draft_limit
        .replace("{mib}", &(MAX_DRAFT_BYTES / (1024 * 1024)).to_string())
        .replace("{max}", &format::number_text(MAX_DRAFT_FIGURES as f64))
}

/// Every unit of the vocabulary, and the figure's own when it is a compound of them.
fn unit_options(own: &Unit) -> Vec<Unit> {
    let mut all: Vec<Unit> = crate::model::units::vocabulary_units().collect();
    if !all.contains(own) {
        all.insert(0, own.clone());
    }
    all
}
