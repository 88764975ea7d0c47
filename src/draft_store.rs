//! The draft under review, kept in the browser: its text and the reviewer's changes in order
//! (added, edited, dropped figures; accepted relations; the story: title, place, intro, labels
//! in each language, ids, charts and headlines). Reloading drafts the text again and replays the
//! changes, so the record stays small and never holds a second copy of the extractor's output.
//! A record of its own, separate from the stored dataset: `kezuohou-explorer/draft/3`, then the
//! text and the changes as JSON (serde derives it from `Op`). Records of formats 1 and 2 (the
//! text's length in bytes, the text, then a change a line) still restore, and the next change
//! writes them again in format 3.
//!
//! Every edit is an `Op`; undo drops the last one and replays the rest on the draft as first
//! drafted (kept for the session, never drafted again while the text is the same).
//!
//! Pure and tested natively; `web` is the thin layer over `localStorage`. A record that cannot be
//! read (damaged, another format version, a change that does not apply, past the bounds of
//! `model::limits`) is removed with a notice: the reviewer starts with no draft, the app keeps
//! working.

use std::cell::RefCell;
use std::collections::BTreeMap;
use std::rc::Rc;

use crate::model::concepts;
use crate::model::extract::{self, decimal, draft, AddError, Draft, DraftFigure};
use crate::model::limits::{
    id_bad_char, longer_than, MAX_CHARTS, MAX_DRAFT_BYTES, MAX_DRAFT_FIGURES, MAX_DRAFT_HEADLINES,
    MAX_DRAFT_OPS, MAX_ID_CHARS, MAX_LABEL_CHARS, MAX_PANEL_FIGURES, MAX_TEXT_CHARS,
};
use crate::model::{
    Chart, ChartKind, Dataset, Lang, Period, Presentation, Qualifier, Scale, Text, Unit,
};
use serde::{Deserialize, Deserializer, Serialize, Serializer};

pub const KEY: &str = "kezuohou-explorer.draft";
const HEADER: &str = "kezuohou-explorer/draft/";
/// The record's format: 2 adds the story changes and figures typed by hand; 3 writes the text and
/// the changes as JSON (serde), where 1 and 2 wrote a change a line in a format of their own.
pub const FORMAT: u32 = 3;
/// The oldest format still read.
pub const OLDEST_FORMAT: u32 = 1;

/// One change the reviewer made, replayed in order. Figures are named by their index at the time
/// of the change. Stored (format 3) as serde writes it, `{"label": [0, "Guards"]}` or
/// `{"drop": 2}`, with units and concepts by their codes.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Op {
    /// Add the figure read in this byte span of the text.
    Add(usize, usize),
    /// Add a figure the drafter read no number in: the words' byte span, the value as typed, its
    /// unit and label.
    AddTyped {
        span: (usize, usize),
        value: String,
        #[serde(with = "unit_code")]
        unit: Unit,
        label: String,
    },
    /// The label as drafted (in the text's language).
    Label(usize, String),
    /// The label in one language.
    LabelIn(usize, Lang, String),
    /// A new id (checked with `check_id`).
    Id(usize, String),
    /// The value as typed (read with the extractor's decimal reader).
    Value(usize, String),
    Scale(usize, Scale),
    Unit(usize, #[serde(with = "unit_code")] Unit),
    Qualifier(usize, Qualifier),
    Period(usize, Period),
    Drop(usize),
    Accept(usize, bool),
    Title(Lang, String),
    Place(Lang, String),
    Intro(Lang, String),
    /// The figure goes in the chart of this title ("" takes it out of every chart).
    Group(usize, String),
    /// A chart's new title: every figure in it follows.
    ChartTitle(String, String),
    /// What the figure measures, from the shared vocabulary (`None`: nothing to compare), in
    /// place of the drafter's proposal.
    Concept(usize, #[serde(with = "concept_code")] Concept),
    /// The figure is a headline card (added last) or not.
    Headline(usize, bool),
    /// The headline at this place moves up (`true`) or down.
    HeadlineMove(usize, bool),
    /// The form the chart of this title is drawn in (`None`: the proposer's). Format 3.
    ChartKind(String, Option<ChartKind>),
}

/// A unit in a stored change: its code, the drafter's own counted units (`{well}`) as well as
/// the vocabulary's; a code neither knows makes the record damaged.
mod unit_code {
    use super::*;

    pub fn serialize<S: Serializer>(u: &Unit, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(u.code())
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Unit, D::Error> {
        let code = String::deserialize(d)?;
        extract::unit(&code)
            .ok_or_else(|| serde::de::Error::custom(format!("unknown unit `{code}`")))
    }
}

/// A concept's code in the vocabulary, or none. (Named, so that serde's derive does not take
/// the `&'static str` for text borrowed from the record and ask the record to live forever.)
pub type Concept = Option<&'static str>;

/// A concept in a stored change: a code of the vocabulary, or null for none.
mod concept_code {
    use super::*;

    pub fn serialize<S: Serializer>(c: &Concept, s: S) -> Result<S::Ok, S::Error> {
        c.serialize(s)
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Concept, D::Error> {
        match Option::<String>::deserialize(d)? {
            None => Ok(None),
            Some(code) => concepts::find(&code)
                .map(|c| Some(c.code))
                .ok_or_else(|| serde::de::Error::custom(format!("unknown concept `{code}`"))),
        }
    }
}

/// Why the draft is not (or no longer) kept.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Problem {
    /// Damaged, from another format version, or a change that does not apply: removed.
    Corrupt,
    /// Past the bounds of `model::limits` (text, labels, number of changes): removed.
    TooLarge,
    /// The browser refused to store it (quota).
    Full,
    /// No storage here (disabled or blocked).
    Unavailable,
    /// Another tab changed the kept draft since this tab read or wrote it: this tab's edits are
    /// not written over it unless the reader says so.
    ChangedElsewhere,
}

/// Why a text is not drafted.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Bound {
    /// Longer than `MAX_DRAFT_BYTES` (its length in bytes).
    TooLong(usize),
}

/// Why an id typed for a figure is refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum IdProblem {
    Empty,
    /// More than `MAX_ID_CHARS` characters.
    TooLong,
    /// A character outside the id set, with its position (from 1).
    BadChar(usize, char),
    /// Another figure has it.
    Taken,
}

/// What the drafter read, before any change: kept for the session and shared by every replay.
#[derive(Debug, Clone, PartialEq)]
pub struct Base {
    pub draft: Draft,
    /// Figures past `MAX_DRAFT_FIGURES` that were left out.
    pub cut: usize,
    /// The title, place and intro the drafter read, before the reader's story.
    pub front: extract::Front,
}

/// The story the reader writes on top of the draft, by figure id.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Story {
    pub title: Vec<(Lang, String)>,
    pub place: Vec<(Lang, String)>,
    pub intro: Vec<(Lang, String)>,
    /// Labels written in a language, by figure id.
    pub labels: BTreeMap<String, Vec<(Lang, String)>>,
    /// Charts in order of creation: title and figure ids.
    pub groups: Vec<(String, Vec<String>)>,
    /// The proposer's titles of the charts it suggested, in each language, by the title the
    /// editor shows (a chart the reader renames takes the reader's title).
    pub titles: BTreeMap<String, Text>,
    /// Headline figure ids, in order.
    pub headlines: Vec<String>,
    /// What the reader chose that a figure measures (`None`: nothing), by figure id; a figure
    /// not here keeps the drafter's proposal.
    pub concepts: BTreeMap<String, Option<&'static str>>,
    /// The form the reader chose for a chart, by its title; a chart not here is drawn as the
    /// proposer would (and so is one whose figures no longer fit the form chosen).
    pub kinds: BTreeMap<String, ChartKind>,
}

impl Story {
    /// The label of figure `id` written in `lang`, if the reader wrote one.
    pub fn label(&self, id: &str, lang: Lang) -> Option<&str> {
        written(self.labels.get(id)?, lang)
    }
    /// The chart figure `id` is in.
    pub fn group_of(&self, id: &str) -> Option<&str> {
        self.groups
            .iter()
            .find(|(_, ids)| ids.iter().any(|x| x == id))
            .map(|(t, _)| t.as_str())
    }
    fn forget(&mut self, id: &str) {
        self.labels.remove(id);
        for (_, ids) in &mut self.groups {
            ids.retain(|x| x != id);
        }
        self.groups.retain(|(_, ids)| !ids.is_empty());
        self.headlines.retain(|x| x != id);
    }
    fn rename(&mut self, old: &str, new: &str) {
        if let Some(l) = self.labels.remove(old) {
            self.labels.insert(new.to_string(), l);
        }
        if let Some(c) = self.concepts.remove(old) {
            self.concepts.insert(new.to_string(), c);
        }
        for id in self
            .groups
            .iter_mut()
            .flat_map(|(_, ids)| ids.iter_mut())
            .chain(self.headlines.iter_mut())
        {
            if id == old {
                *id = new.to_string();
            }
        }
    }
}

/// What a reader wrote in `lang` among `entries`.
pub fn written(entries: &[(Lang, String)], lang: Lang) -> Option<&str> {
    entries
        .iter()
        .find(|(l, _)| *l == lang)
        .map(|(_, s)| s.as_str())
}

fn put(entries: &mut Vec<(Lang, String)>, lang: Lang, s: &str) {
    entries.retain(|(l, _)| *l != lang);
    if !s.trim().is_empty() {
        entries.push((lang, s.trim().to_string()));
    }
}

/// A draft under review: the drafter's reading with every change applied, and the story.
#[derive(Debug, Clone, PartialEq)]
pub struct Edited {
    pub draft: Draft,
    pub story: Story,
}

impl Edited {
    /// The draft as read, with the story the proposer suggests for it (its charts and headline
    /// cards), which the reader's edits then change.
    pub fn new(base: &Base) -> Edited {
        let drafted = base.draft.to_dataset(false);
        let lang = Lang::parse(&drafted.case.language).unwrap_or(Lang::En);
        let proposed = drafted.presentation.unwrap_or_default();
        let mut story = Story::default();
        for c in proposed.charts.iter().flatten() {
            let title = c.title.get(lang).to_string();
            let ids: Vec<String> = c.panels.iter().flatten().cloned().collect();
            if !title.is_empty() && !story.groups.iter().any(|(t, _)| *t == title) {
                story.titles.insert(title.clone(), c.title.clone());
                story.groups.push((title, ids));
            }
        }
        story.headlines = proposed
            .headlines
            .unwrap_or_default()
            .into_iter()
            .take(MAX_DRAFT_HEADLINES)
            .collect();
        Edited {
            draft: base.draft.clone(),
            story,
        }
    }
}

/// What the drafter read in selections of a text (`Op::Add`), by byte span: the worker's answers,
/// kept so that undo and a reload replay additions without the extractor.
pub type Reads = Vec<((usize, usize), Result<DraftFigure, AddError>)>;

/// How a thread reads a selection itself: the extractor's `Draft::read_span`.
type Reader = fn(&Draft, std::ops::Range<usize>) -> Result<DraftFigure, AddError>;

struct Session {
    base: Rc<Base>,
    reads: std::collections::HashMap<(usize, usize), Result<DraftFigure, AddError>>,
}

thread_local! {
    /// The last text drafted in this session, what was read in it and in its selections.
    static SESSION: RefCell<Option<Session>> = const { RefCell::new(None) };
    /// Natively the extractor reads selections itself. In the browser the page's wasm does not
    /// hold it (issue 23): only the worker ([`use_extractor`]) and the wasm-bindgen tests do.
    static READER: std::cell::Cell<Option<Reader>> = const { std::cell::Cell::new(NATIVE_READER) };
}

#[cfg(not(target_arch = "wasm32"))]
const NATIVE_READER: Option<Reader> = Some(read_with_extractor);
#[cfg(target_arch = "wasm32")]
const NATIVE_READER: Option<Reader> = None;

fn read_with_extractor(d: &Draft, span: std::ops::Range<usize>) -> Result<DraftFigure, AddError> {
    d.read_span(span)
}

/// This thread reads selections with the extractor (the worker; a test that drafts on the page).
pub fn use_extractor() {
    READER.with(|r| r.set(Some(read_with_extractor)));
}

/// The session's reading of `text`, if this very text was read last.
pub fn session(text: &str) -> Option<Rc<Base>> {
    SESSION
        .with(|s| s.borrow().as_ref().map(|s| s.base.clone()))
        .filter(|b| b.draft.text == text)
}

fn start_session(base: Rc<Base>) {
    SESSION.with(|s| {
        *s.borrow_mut() = Some(Session {
            base,
            reads: Default::default(),
        })
    });
}

/// Keeps a reading made elsewhere (by the drafting worker) as the session's.
pub fn remember(base: Base) -> Rc<Base> {
    let base = Rc::new(base);
    start_session(base.clone());
    base
}

/// Keeps what the worker read in selections of `text`, if it is the session's text.
pub fn keep_reads(text: &str, reads: Reads) {
    SESSION.with(|s| {
        if let Some(s) = s
            .borrow_mut()
            .as_mut()
            .filter(|s| s.base.draft.text == text)
        {
            s.reads.extend(reads);
        }
    });
}

/// Whether the selection `span` of `text` is read here: kept from the worker, or this thread
/// reads selections itself.
pub fn is_read(text: &str, span: (usize, usize)) -> bool {
    READER.with(std::cell::Cell::get).is_some()
        || SESSION.with(|s| {
            s.borrow()
                .as_ref()
                .is_some_and(|s| s.base.draft.text == text && s.reads.contains_key(&span))
        })
}

/// The text's reading without drafting it: refused past `MAX_DRAFT_BYTES`, or the session's.
pub fn known(text: &str) -> Option<Result<Rc<Base>, Bound>> {
    if text.len() > MAX_DRAFT_BYTES {
        return Some(Err(Bound::TooLong(text.len())));
    }
    session(text).map(Ok)
}

/// The selections a record's changes add (`Op::Add`), for the worker to read with its text.
pub fn added_spans(ops: &[Op]) -> Vec<(usize, usize)> {
    ops.iter()
        .filter_map(|op| match op {
            Op::Add(s, t) => Some((*s, *t)),
            _ => None,
        })
        .collect()
}

/// Add the figure read in the selection `s..t` of the draft's text: as the worker read it (kept
/// for the session), or read here where this thread has the extractor. `None`: not read here.
pub fn add(d: &mut Draft, s: usize, t: usize) -> Option<Result<usize, AddError>> {
    let kept = SESSION.with(|x| {
        x.borrow()
            .as_ref()
            .filter(|x| x.base.draft.text == d.text)
            .and_then(|x| x.reads.get(&(s, t)).cloned())
    });
    let read = match kept {
        Some(read) => read,
        None => READER.with(std::cell::Cell::get)?(d, s..t),
    };
    Some(read.and_then(|f| d.insert_read(f)))
}

/// The drafter's reading of `text`, bounded: a text over `MAX_DRAFT_BYTES` is refused, figures
/// past `MAX_DRAFT_FIGURES` are left out (counted in `cut`), ids are cut to `MAX_ID_CHARS` and
/// made unique. The same text as last time in this session is not drafted again. In the browser
/// only the worker and the wasm-bindgen tests call it: the page's wasm must not hold the drafter.
pub fn drafted(text: &str) -> Result<Rc<Base>, Bound> {
    if text.len() > MAX_DRAFT_BYTES {
        return Err(Bound::TooLong(text.len()));
    }
    if let Some(b) = session(text) {
        return Ok(b);
    }
    let mut d = draft(text);
    let cut = d.figures.len().saturating_sub(MAX_DRAFT_FIGURES);
    if cut > 0 {
        let gone: Vec<String> = d.figures.drain(MAX_DRAFT_FIGURES..).map(|f| f.id).collect();
        let gone: std::collections::HashSet<&str> = gone.iter().map(String::as_str).collect();
        d.relations
            .retain(|r| !r.ids().iter().any(|id| gone.contains(id)));
        for f in &mut d.figures {
            if f.repeats.as_deref().is_some_and(|r| gone.contains(r)) {
                f.repeats = None;
            }
        }
    }
    fix_ids(&mut d);
    let front = d.front();
    let base = Rc::new(Base {
        draft: d,
        cut,
        front,
    });
    start_session(base.clone());
    Ok(base)
}

/// Every drafted id as the format allows it: the id set only, at most `MAX_ID_CHARS`
/// characters, each once; relations and repeats follow.
pub fn fix_ids(d: &mut Draft) {
    let mut seen = std::collections::HashSet::new();
    let mut originals = std::collections::HashSet::new();
    for i in 0..d.figures.len() {
        let old = d.figures[i].id.clone();
        // A second figure of the same id: what names that id meant the first one.
        let second = !originals.insert(old.clone());
        let clean: String = old
            .chars()
            .map(|c| {
                if crate::model::limits::id_char_allowed(c) {
                    c
                } else {
                    '_'
                }
            })
            .take(MAX_ID_CHARS)
            .collect();
        let new = unique(
            if clean.is_empty() {
                "figure".into()
            } else {
                clean
            },
            |id| seen.contains(id),
        );
        seen.insert(new.clone());
        match (new != old, second) {
            (true, false) => rename_in(d, &mut Story::default(), i, &new),
            (true, true) => d.figures[i].id = new,
            (false, _) => {}
        }
    }
}

/// `id`, or `id` with `_2`, `_3`… (cut to fit `MAX_ID_CHARS`) when `taken`.
fn unique(id: String, taken: impl Fn(&str) -> bool) -> String {
    if !taken(&id) {
        return id;
    }
    (2..)
        .map(|k| {
            let tail = format!("_{k}");
            let head: String = id.chars().take(MAX_ID_CHARS - tail.len()).collect();
            head + &tail
        })
        .find(|c| !taken(c))
        .unwrap_or(id)
}

/// Whether `id` may become figure `i`'s id.
pub fn check_id(d: &Draft, i: usize, id: &str) -> Result<(), IdProblem> {
    if id.is_empty() {
        return Err(IdProblem::Empty);
    }
    if longer_than(id, MAX_ID_CHARS) {
        return Err(IdProblem::TooLong);
    }
    if let Some((at, c)) = id_bad_char(id) {
        return Err(IdProblem::BadChar(at, c));
    }
    let taken = d
        .figures
        .iter()
        .enumerate()
        .any(|(k, f)| k != i && f.id == id)
        || d.context.iter().any(|f| f.id == id);
    if taken {
        return Err(IdProblem::Taken);
    }
    Ok(())
}

/// Figure `i` takes `new` as its id, and every relation, repeat and story entry naming it follows.
fn rename_in(d: &mut Draft, story: &mut Story, i: usize, new: &str) {
    let Some(f) = d.figures.get_mut(i) else {
        return;
    };
    let old = std::mem::replace(&mut f.id, new.to_string());
    for r in &mut d.relations {
        for id in r.relation.rule.ids_mut() {
            if *id == old {
                *id = new.to_string();
            }
        }
    }
    for f in &mut d.figures {
        if f.repeats.as_deref() == Some(old.as_str()) {
            f.repeats = Some(new.to_string());
        }
    }
    story.rename(&old, new);
}

/// Add a figure typed by hand for the words in `span`: kept in text order, its id made from the
/// label. `None` when the span is not words of one paragraph or the value is not a number.
fn add_typed(
    d: &mut Draft,
    span: (usize, usize),
    value: &str,
    unit: &Unit,
    label: &str,
) -> Option<usize> {
    let (a, b) = span;
    let text = d.text.as_str();
    if a >= b || b > text.len() || !text.is_char_boundary(a) || !text.is_char_boundary(b) {
        return None;
    }
    let para = d
        .paragraphs
        .iter()
        .find(|p| p.span.start <= a && b <= p.span.end)?
        .clone();
    let value = decimal(value).filter(|x| x.is_finite() && *x >= 0.0)?;
    let label = label.trim();
    if label.is_empty() || d.figures.len() >= MAX_DRAFT_FIGURES {
        return None;
    }
    let words: Vec<String> = label
        .split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|w| !w.is_empty())
        .take(4)
        .map(str::to_ascii_lowercase)
        .collect();
    let stem = if words.is_empty() {
        "added".to_string()
    } else {
        format!("added_{}", words.join("_"))
    };
    let stem: String = stem.chars().take(MAX_ID_CHARS).collect();
    let id = unique(stem, |c| {
        d.figures.iter().any(|f| f.id == c) || d.context.iter().any(|f| f.id == c)
    });
    let at = d
        .figures
        .iter()
        .position(|f| f.span.start > a)
        .unwrap_or(d.figures.len());
    d.figures.insert(
        at,
        DraftFigure {
            id,
            span: a..b,
            number: a..b,
            sentence: para.span.clone(),
            paragraph: para.n,
            value,
            scale: Scale::One,
            unit: unit.clone(),
            qualifier: Qualifier::Exact,
            period: Period::Undated,
            label: label.to_string(),
            repeats: None,
            doubts: Vec::new(),
            start_value: false,
            implied: false,
        },
    );
    Some(at)
}

/// The id of figure `i`, if there is one.
fn id_of(d: &Draft, i: usize) -> Option<String> {
    d.figures.get(i).map(|f| f.id.clone())
}

/// Apply one change; `false` when it does not apply (an index past the end, a bad value, an
/// id refused by `check_id`).
pub fn apply(e: &mut Edited, op: &Op) -> bool {
    if !within_bounds(op) {
        return false;
    }
    let d = &mut e.draft;
    let story = &mut e.story;
    match op {
        Op::Add(s, t) => {
            d.figures.len() < MAX_DRAFT_FIGURES && matches!(add(d, *s, *t), Some(Ok(_)))
        }
        Op::AddTyped {
            span,
            value,
            unit,
            label,
        } => add_typed(d, *span, value, unit, label).is_some(),
        Op::Drop(i) => match id_of(d, *i) {
            Some(id) => {
                d.drop_figure(*i);
                story.forget(&id);
                true
            }
            None => false,
        },
        Op::Accept(k, on) => match d.relations.get_mut(*k) {
            Some(r) => {
                r.accepted = *on;
                true
            }
            None => false,
        },
        Op::Label(i, l) if !l.trim().is_empty() => set(d, *i, |f| f.label = l.clone()),
        Op::Label(..) => false,
        Op::LabelIn(i, lang, l) => match id_of(d, *i) {
            Some(id) => {
                put(story.labels.entry(id.clone()).or_default(), *lang, l);
                if story.labels.get(&id).is_some_and(Vec::is_empty) {
                    story.labels.remove(&id);
                }
                true
            }
            None => false,
        },
        Op::Id(i, new) => {
            if *i >= d.figures.len() || check_id(d, *i, new).is_err() {
                return false;
            }
            rename_in(d, story, *i, new);
            true
        }
        Op::Value(i, v) => match decimal(v).filter(|x| x.is_finite() && *x >= 0.0) {
            Some(x) => set(d, *i, |f| f.value = x),
            None => false,
        },
        Op::Scale(i, s) => set(d, *i, |f| f.scale = *s),
        Op::Unit(i, u) => set(d, *i, |f| f.unit = u.clone()),
        Op::Qualifier(i, q) => set(d, *i, |f| f.qualifier = *q),
        Op::Period(i, p) => set(d, *i, |f| f.period = p.clone()),
        Op::Concept(i, c) => match id_of(d, *i) {
            Some(id) => {
                story.concepts.insert(id, *c);
                true
            }
            None => false,
        },
        Op::Title(l, s) => {
            put(&mut story.title, *l, s);
            true
        }
        Op::Place(l, s) => {
            put(&mut story.place, *l, s);
            true
        }
        Op::Intro(l, s) => {
            put(&mut story.intro, *l, s);
            true
        }
        Op::Group(i, title) => {
            let Some(id) = id_of(d, *i) else {
                return false;
            };
            for (_, ids) in &mut story.groups {
                ids.retain(|x| *x != id);
            }
            let title = title.trim();
            if !title.is_empty() {
                let n = story.groups.len();
                match story.groups.iter_mut().find(|(t, _)| t == title) {
                    Some((_, ids)) => ids.push(id),
                    None if n < MAX_CHARTS => story.groups.push((title.to_string(), vec![id])),
                    None => return false,
                }
            }
            story.groups.retain(|(_, ids)| !ids.is_empty());
            let groups = &story.groups;
            story
                .kinds
                .retain(|t, _| groups.iter().any(|(g, _)| g == t));
            true
        }
        Op::ChartTitle(from, to) => {
            let to = to.trim();
            if to.is_empty() || story.groups.iter().any(|(t, _)| t == to) {
                return false;
            }
            match story.groups.iter_mut().find(|(t, _)| t == from) {
                Some(g) => {
                    g.0 = to.to_string();
                    if let Some(k) = story.kinds.remove(from) {
                        story.kinds.insert(to.to_string(), k);
                    }
                    true
                }
                None => false,
            }
        }
        Op::ChartKind(title, kind) => {
            if !story.groups.iter().any(|(t, _)| t == title) {
                return false;
            }
            match kind {
                Some(k) => story.kinds.insert(title.clone(), *k),
                None => story.kinds.remove(title),
            };
            true
        }
        Op::Headline(i, on) => {
            let Some(id) = id_of(d, *i) else {
                return false;
            };
            let has = story.headlines.contains(&id);
            match (*on, has) {
                (true, false) if story.headlines.len() < MAX_DRAFT_HEADLINES => {
                    story.headlines.push(id);
                    true
                }
                (true, false) => false,
                (false, true) => {
                    story.headlines.retain(|x| *x != id);
                    true
                }
                (true, true) | (false, false) => true,
            }
        }
        Op::HeadlineMove(k, up) => {
            let n = story.headlines.len();
            let to = if *up { k.checked_sub(1) } else { Some(k + 1) };
            match to {
                Some(to) if *k < n && to < n => {
                    story.headlines.swap(*k, to);
                    true
                }
                Some(_) | None => false,
            }
        }
    }
}

/// Whether the texts an op carries are within the bounds a record is read back with, so that
/// what is kept always restores.
fn within_bounds(op: &Op) -> bool {
    let short = |s: &str| !longer_than(s, MAX_LABEL_CHARS);
    match op {
        Op::AddTyped { value, label, .. } => short(label) && !longer_than(value, 40),
        Op::Label(_, s) | Op::LabelIn(_, _, s) | Op::Title(_, s) | Op::Place(_, s) => short(s),
        Op::Group(_, s) => short(s),
        Op::ChartTitle(a, b) => short(a) && short(b),
        Op::ChartKind(a, _) => short(a),
        Op::Intro(_, s) => !longer_than(s, MAX_TEXT_CHARS),
        Op::Id(_, s) => !longer_than(s, MAX_ID_CHARS),
        Op::Value(_, s) => !longer_than(s, 40),
        Op::Add(..)
        | Op::Scale(..)
        | Op::Unit(..)
        | Op::Qualifier(..)
        | Op::Period(..)
        | Op::Concept(..)
        | Op::Drop(..)
        | Op::Accept(..)
        | Op::Headline(..)
        | Op::HeadlineMove(..) => true,
    }
}

fn set(d: &mut Draft, i: usize, change: impl FnOnce(&mut DraftFigure)) -> bool {
    match d.figures.get_mut(i) {
        Some(f) => {
            change(f);
            true
        }
        None => false,
    }
}

/// The draft after `ops`, replayed on what was first drafted; `None` when one does not apply.
pub fn replay(base: &Base, ops: &[Op]) -> Option<Edited> {
    let mut e = Edited::new(base);
    for op in ops {
        if !apply(&mut e, op) {
            return None;
        }
    }
    Some(e)
}

/// The reviewed draft as a dataset: the drafter's dataset (`Draft::to_dataset`) with the story
/// written over it: title, place, intro, labels per language, charts (a chart per group, one
/// panel per unit, no panel of a single figure) and headline cards.
pub fn dataset(e: &Edited) -> Dataset {
    let mut ds = e.draft.to_dataset(false);
    let s = &e.story;
    let mut langs: Vec<Lang> = Vec::new();
    let mut write = |text: &mut Text, entries: &[(Lang, String)]| {
        for (l, v) in entries {
            text.set(l.code(), v.clone());
            langs.push(*l);
        }
    };
    write(&mut ds.case.title, &s.title);
    if !s.title.is_empty() {
        // A title the reader wrote is the page's, chosen rather than suggested.
        let title = ds.case.title.clone();
        ds.presentation
            .get_or_insert_with(Presentation::default)
            .title = Some(title);
    }
    write(&mut ds.case.place, &s.place);
    if !s.intro.is_empty() {
        let p = ds.presentation.get_or_insert_with(Presentation::default);
        write(p.intro.get_or_insert_with(Text::default), &s.intro);
    }
    for f in &mut ds.figures {
        if let Some(entries) = s.labels.get(&f.id) {
            write(&mut f.label, entries);
        }
        // The reader's choice, while the figure's unit can measure it (a unit changed since
        // leaves the drafter's proposal for the new unit).
        if let Some(choice) = s.concepts.get(&f.id) {
            let fits = |code: &str| {
                let unit = crate::model::Unit::parse(&f.unit);
                concepts::find(code)
                    .zip(unit)
                    .is_some_and(|(c, u)| c.fits(&u))
            };
            if choice.is_none_or(fits) {
                f.concept = choice.map(str::to_string);
            }
        }
    }
    let ids: std::collections::HashSet<&str> = ds.figures.iter().map(|f| f.id.as_str()).collect();
    let charts: Vec<Chart> = s
        .groups
        .iter()
        .filter_map(|(title, members)| {
            let members: Vec<String> = members
                .iter()
                .filter(|id| ids.contains(id.as_str()))
                .cloned()
                .collect();
            // In the form the reader chose while its figures fit it, else as the proposer
            // would: its form from the figures' shape, else bars split into one kind of unit
            // per panel, values within 1,000×.
            let chosen = s.kinds.get(title).and_then(|k| {
                crate::model::presentation::forms_for(&ds, &members)
                    .into_iter()
                    .find(|(f, _)| f == k)
            });
            let (kind, panels) =
                chosen.unwrap_or_else(|| crate::model::presentation::chart_for(&ds, &members));
            let panels: Vec<Vec<String>> = panels
                .into_iter()
                .map(|p| p.into_iter().take(MAX_PANEL_FIGURES).collect())
                .collect();
            (!panels.is_empty()).then(|| Chart {
                id: String::new(),
                title: s
                    .titles
                    .get(title)
                    .cloned()
                    .unwrap_or_else(|| Text::worded(|_| title.clone())),
                kind,
                panels,
                note: None,
                sentences: Vec::new(),
            })
        })
        .take(MAX_CHARTS)
        .enumerate()
        .map(|(k, mut c)| {
            c.id = format!("chart_{}", k + 1);
            c
        })
        .collect();
    // The reader's charts (the proposer's, as edited): none left is none shown.
    if !charts.is_empty() {
        // A chart's title is written in every interface language.
        langs.extend(Lang::ALL);
    }
    ds.presentation
        .get_or_insert_with(Presentation::default)
        .charts = Some(charts);
    let headlines: Vec<String> = s
        .headlines
        .iter()
        .filter(|id| ids.contains(id.as_str()))
        .take(MAX_DRAFT_HEADLINES)
        .cloned()
        .collect();
    ds.presentation
        .get_or_insert_with(Presentation::default)
        .headlines = Some(headlines);
    for l in langs {
        if !ds.case.languages.iter().any(|x| x == l.code()) {
            ds.case.languages.push(l.code().to_string());
        }
    }
    ds
}

/// The forms each of the reader's charts can be drawn in (`presentation::forms_for`: the
/// proposer's first), in the order of `story.groups`. Worked out on the dataset of the charts'
/// figures alone: the whole draft's dataset takes about 90 ms at 5,000 figures (native), too
/// long for every edit.
pub fn chart_forms(e: &Edited) -> Vec<Vec<ChartKind>> {
    let groups = &e.story.groups;
    let members: std::collections::HashSet<&str> = groups
        .iter()
        .flat_map(|(_, ids)| ids.iter().map(String::as_str))
        .collect();
    let charted = Draft {
        figures: e
            .draft
            .figures
            .iter()
            .filter(|f| members.contains(f.id.as_str()))
            .cloned()
            .collect(),
        text: e.draft.text.clone(),
        paragraphs: e.draft.paragraphs.clone(),
        relations: e.draft.relations.clone(),
        skipped: Vec::new(),
        context: e.draft.context.clone(),
    };
    let ds = charted.to_dataset(false);
    groups
        .iter()
        .map(|(_, ids)| {
            let present: Vec<String> = ids
                .iter()
                .filter(|id| ds.figures.iter().any(|f| f.id == **id))
                .cloned()
                .collect();
            crate::model::presentation::forms_for(&ds, &present)
                .into_iter()
                .map(|(k, _)| k)
                .collect()
        })
        .collect()
}

/// Groups' titles, for the editor's choice of chart.
pub fn group_titles(s: &Story) -> Vec<&str> {
    s.groups.iter().map(|(t, _)| t.as_str()).collect()
}

// ------------------------------------------------------------------ formats 1 and 2: a change a line

fn escape(s: &str) -> String {
    s.replace('\\', "\\\\")
        .replace('\n', "\\n")
        .replace('\t', "\\t")
        .replace('\r', "\\r")
}

fn unescape(s: &str) -> Option<String> {
    let mut out = String::with_capacity(s.len());
    let mut it = s.chars();
    while let Some(c) = it.next() {
        if c == '\\' {
            out.push(match it.next()? {
                '\\' => '\\',
                'n' => '\n',
                't' => '\t',
                'r' => '\r',
                _ => return None,
            });
        } else {
            out.push(c);
        }
    }
    Some(out)
}

fn period_code(p: &Period) -> String {
    match p {
        Period::Undated => "u".into(),
        Period::Present => "p".into(),
        Period::RecentYears => "r".into(),
        Period::Year { year } => format!("y{year}"),
        Period::Since { year } => format!("s{year}"),
        Period::Range { from, to } => format!("g{from}/{to}"),
    }
}

fn parse_period(s: &str) -> Option<Period> {
    let kind = s.get(..1)?;
    let rest = s.get(1..)?;
    Some(match kind {
        "u" if rest.is_empty() => Period::Undated,
        "p" if rest.is_empty() => Period::Present,
        "r" if rest.is_empty() => Period::RecentYears,
        "y" => Period::Year {
            year: rest.parse().ok()?,
        },
        "s" => Period::Since {
            year: rest.parse().ok()?,
        },
        "g" => {
            let (a, b) = rest.split_once('/')?;
            Period::Range {
                from: a.parse().ok()?,
                to: b.parse().ok()?,
            }
        }
        _ => return None,
    })
}

/// A change as a line of format 2; `None` for a change that came with format 3.
fn op_line(op: &Op) -> Option<String> {
    let b = |on: bool| u8::from(on);
    Some(match op {
        Op::Add(s, e) => format!("a\t{s}\t{e}"),
        Op::AddTyped {
            span: (s, e),
            value,
            unit,
            label,
        } => format!(
            "m\t{s}\t{e}\t{}\t{}\t{}",
            escape(value),
            unit.code(),
            escape(label)
        ),
        Op::Label(i, l) => format!("l\t{i}\t{}", escape(l)),
        Op::LabelIn(i, lang, l) => format!("L\t{i}\t{}\t{}", lang.code(), escape(l)),
        Op::Id(i, id) => format!("i\t{i}\t{}", escape(id)),
        Op::Value(i, v) => format!("v\t{i}\t{}", escape(v)),
        Op::Scale(i, s) => format!("s\t{i}\t{}", s.code()),
        Op::Unit(i, u) => format!("u\t{i}\t{}", u.code()),
        Op::Qualifier(i, q) => format!("q\t{i}\t{}", q.code()),
        Op::Period(i, p) => format!("p\t{i}\t{}", period_code(p)),
        Op::Drop(i) => format!("d\t{i}"),
        Op::Accept(k, on) => format!("r\t{k}\t{}", b(*on)),
        Op::Title(l, s) => format!("T\t{}\t{}", l.code(), escape(s)),
        Op::Place(l, s) => format!("P\t{}\t{}", l.code(), escape(s)),
        Op::Intro(l, s) => format!("I\t{}\t{}", l.code(), escape(s)),
        Op::Group(i, t) => format!("g\t{i}\t{}", escape(t)),
        Op::ChartTitle(a, t) => format!("c\t{}\t{}", escape(a), escape(t)),
        Op::Concept(i, c) => format!("k\t{i}\t{}", c.unwrap_or("")),
        Op::Headline(i, on) => format!("h\t{i}\t{}", b(*on)),
        Op::HeadlineMove(k, up) => format!("H\t{k}\t{}", b(*up)),
        Op::ChartKind(..) => return None,
    })
}

/// A text of an op read back: unescaped, at most `max` characters (else the record is refused
/// as too large, `Err(true)`; `Err(false)`: damaged).
fn text_field(s: &str, max: usize) -> Result<String, bool> {
    let s = unescape(s).ok_or(false)?;
    if longer_than(&s, max) {
        return Err(true);
    }
    Ok(s)
}

fn flag(s: &str) -> Result<bool, bool> {
    match s {
        "0" => Ok(false),
        "1" => Ok(true),
        _ => Err(false),
    }
}

/// One line of a record: `Err(true)` past a bound, `Err(false)` damaged.
fn parse_op(line: &str) -> Result<Op, bool> {
    let f: Vec<&str> = line.split('\t').collect();
    let n = |k: usize| -> Result<usize, bool> {
        let s = f.get(k).ok_or(false)?;
        if s.len() > 12 {
            return Err(false);
        }
        s.parse().map_err(|_| false)
    };
    let lang = |k: usize| f.get(k).and_then(|c| Lang::parse(c)).ok_or(false);
    let txt = |k: usize, max: usize| text_field(f.get(k).ok_or(false)?, max);
    let arity = |k: usize| if f.len() == k { Ok(()) } else { Err(false) };
    let kind = f.first().copied().unwrap_or("");
    let op = match kind {
        "a" => {
            arity(3)?;
            Op::Add(n(1)?, n(2)?)
        }
        "m" => {
            arity(6)?;
            Op::AddTyped {
                span: (n(1)?, n(2)?),
                value: txt(3, 40)?,
                unit: f.get(4).and_then(|c| extract::unit(c)).ok_or(false)?,
                label: txt(5, MAX_LABEL_CHARS)?,
            }
        }
        "l" => {
            arity(3)?;
            Op::Label(n(1)?, txt(2, MAX_LABEL_CHARS)?)
        }
        "L" => {
            arity(4)?;
            Op::LabelIn(n(1)?, lang(2)?, txt(3, MAX_LABEL_CHARS)?)
        }
        "i" => {
            arity(3)?;
            Op::Id(n(1)?, txt(2, MAX_ID_CHARS)?)
        }
        "v" => {
            arity(3)?;
            Op::Value(n(1)?, txt(2, 40)?)
        }
        "s" => {
            arity(3)?;
            let c = f.get(2).copied().unwrap_or("");
            Op::Scale(
                n(1)?,
                Scale::ALL
                    .iter()
                    .copied()
                    .find(|s| s.code() == c)
                    .ok_or(false)?,
            )
        }
        // The drafter's own counted units ({well}) as well as the vocabulary's.
        "u" => {
            arity(3)?;
            Op::Unit(n(1)?, f.get(2).and_then(|c| extract::unit(c)).ok_or(false)?)
        }
        "q" => {
            arity(3)?;
            let c = f.get(2).copied().unwrap_or("");
            Op::Qualifier(
                n(1)?,
                Qualifier::ALL
                    .iter()
                    .copied()
                    .find(|q| q.code() == c)
                    .ok_or(false)?,
            )
        }
        "p" => {
            arity(3)?;
            Op::Period(n(1)?, f.get(2).and_then(|c| parse_period(c)).ok_or(false)?)
        }
        "d" => {
            arity(2)?;
            Op::Drop(n(1)?)
        }
        "r" => {
            arity(3)?;
            Op::Accept(n(1)?, flag(f.get(2).copied().unwrap_or(""))?)
        }
        "T" => {
            arity(3)?;
            Op::Title(lang(1)?, txt(2, MAX_LABEL_CHARS)?)
        }
        "P" => {
            arity(3)?;
            Op::Place(lang(1)?, txt(2, MAX_LABEL_CHARS)?)
        }
        "I" => {
            arity(3)?;
            Op::Intro(lang(1)?, txt(2, MAX_TEXT_CHARS)?)
        }
        "g" => {
            arity(3)?;
            Op::Group(n(1)?, txt(2, MAX_LABEL_CHARS)?)
        }
        "c" => {
            arity(3)?;
            Op::ChartTitle(txt(1, MAX_LABEL_CHARS)?, txt(2, MAX_LABEL_CHARS)?)
        }
        "k" => {
            arity(3)?;
            let code = f.get(2).copied().unwrap_or("");
            let concept = match code {
                "" => None,
                // Only a code of the vocabulary: a record naming another is damaged.
                code => Some(concepts::find(code).ok_or(false)?.code),
            };
            Op::Concept(n(1)?, concept)
        }
        "h" => {
            arity(3)?;
            Op::Headline(n(1)?, flag(f.get(2).copied().unwrap_or(""))?)
        }
        "H" => {
            arity(3)?;
            Op::HeadlineMove(n(1)?, flag(f.get(2).copied().unwrap_or(""))?)
        }
        _ => return Err(false),
    };
    Ok(op)
}

/// Whether format 1 knew this kind of change (a format-1 record holds no other).
fn in_format_1(op: &Op) -> bool {
    match op {
        Op::Add(..)
        | Op::Label(..)
        | Op::Value(..)
        | Op::Scale(..)
        | Op::Unit(..)
        | Op::Qualifier(..)
        | Op::Period(..)
        | Op::Drop(..)
        | Op::Accept(..) => true,
        Op::AddTyped { .. }
        | Op::LabelIn(..)
        | Op::Id(..)
        | Op::Title(..)
        | Op::Place(..)
        | Op::Intro(..)
        | Op::Group(..)
        | Op::ChartTitle(..)
        | Op::Concept(..)
        | Op::Headline(..)
        | Op::HeadlineMove(..)
        | Op::ChartKind(..) => false,
    }
}

/// A record of format 3, as serde reads and writes it.
#[derive(Serialize)]
struct Written<'a> {
    text: &'a str,
    ops: &'a [Op],
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Read {
    text: String,
    ops: Vec<Op>,
}

/// The stored form of a draft: its text and the changes made to it.
pub fn encode(text: &str, ops: &[Op]) -> String {
    let json = serde_json::to_string(&Written { text, ops }).unwrap_or_default();
    format!("{HEADER}{FORMAT}\n{json}")
}

/// The stored form in format 1 or 2: the text's length in bytes, the text, then a change a
/// line. This app reads such records and writes format 3; the writer is kept so that tests
/// make real records of the earlier formats.
pub fn encode_as_lines(format: u32, text: &str, ops: &[Op]) -> String {
    let mut out = format!("{HEADER}{format}\n{}\n", text.len());
    out.push_str(text);
    // A change those formats had no line for is left out.
    for line in ops.iter().filter_map(op_line) {
        out.push('\n');
        out.push_str(&line);
    }
    out
}

/// The text and changes of a stored record: `Corrupt` when damaged or of an unknown format,
/// `TooLarge` past the bounds of `model::limits` (text bytes, label lengths, number of changes).
pub fn decode(stored: &str) -> Result<(String, Vec<Op>), Problem> {
    let bad = Problem::Corrupt;
    let rest = stored.strip_prefix(HEADER).ok_or(bad)?;
    let (version, rest) = rest.split_once('\n').ok_or(bad)?;
    let version: u32 = match version {
        "1" => 1,
        "2" => 2,
        "3" => 3,
        _ => return Err(bad),
    };
    debug_assert!((OLDEST_FORMAT..=FORMAT).contains(&version));
    if version < 3 {
        return decode_lines(version, rest);
    }
    let Read { text, ops } = serde_json::from_str(rest).map_err(|_| bad)?;
    if text.len() > MAX_DRAFT_BYTES || ops.len() > MAX_DRAFT_OPS || !ops.iter().all(within_bounds) {
        return Err(Problem::TooLarge);
    }
    Ok((text, ops))
}

/// A record of format 1 or 2, after its header line.
fn decode_lines(version: u32, rest: &str) -> Result<(String, Vec<Op>), Problem> {
    let bad = Problem::Corrupt;
    let (len, rest) = rest.split_once('\n').ok_or(bad)?;
    if len.is_empty() || len.len() > 9 || !len.bytes().all(|b| b.is_ascii_digit()) {
        return Err(bad);
    }
    let len: usize = len.parse().map_err(|_| bad)?;
    if len > MAX_DRAFT_BYTES {
        return Err(Problem::TooLarge);
    }
    if len > rest.len() || !rest.is_char_boundary(len) {
        return Err(bad);
    }
    let (text, ops) = rest.split_at(len);
    let lines: Vec<&str> = match ops.strip_prefix('\n') {
        Some(lines) => lines.split('\n').collect(),
        None if ops.is_empty() => Vec::new(),
        None => return Err(bad),
    };
    if lines.len() > MAX_DRAFT_OPS {
        return Err(Problem::TooLarge);
    }
    let mut out = Vec::with_capacity(lines.len());
    for line in lines {
        let op = parse_op(line).map_err(|big| if big { Problem::TooLarge } else { bad })?;
        if version == 1 && !in_format_1(&op) {
            return Err(bad);
        }
        out.push(op);
    }
    Ok((text.to_string(), out))
}

/// The draft a stored record holds: the text drafted (or the session's reading of the same
/// text), every change replayed. Drafts: not for the page (see [`drafted`]).
pub fn restore(stored: &str) -> Result<(Rc<Base>, Edited, Vec<Op>), Problem> {
    let (text, ops) = decode(stored)?;
    let base = drafted(&text).map_err(|_| Problem::TooLarge)?;
    let e = replay(&base, &ops).ok_or(Problem::Corrupt)?;
    Ok((base, e, ops))
}

/// The draft's record in `localStorage`, every call failing softly into a `Problem`. Two tabs
/// share one record: each tab remembers a digest of what it last read or wrote, and a write
/// finding something else there (another tab's draft) is refused with
/// [`Problem::ChangedElsewhere`] instead of replacing it.
pub mod web {

    use super::{Problem, KEY};
    use std::cell::Cell;
    use std::hash::{Hash, Hasher};

    thread_local! {
        /// What this tab last saw under the key: `None` before it looked, `Some(None)` when
        /// there was no record, `Some(Some(digest))` otherwise.
        static SEEN: Cell<Option<Option<u64>>> = const { Cell::new(None) };
    }

    fn digest(text: &str) -> u64 {
        let mut h = std::collections::hash_map::DefaultHasher::new();
        text.hash(&mut h);
        h.finish()
    }

    fn storage() -> Result<web_sys::Storage, Problem> {
        crate::record::web::local_storage().ok_or(Problem::Unavailable)
    }

    pub fn read() -> Result<Option<String>, Problem> {
        let text = storage()?.get_item(KEY).map_err(|_| Problem::Unavailable)?;
        SEEN.with(|s| s.set(Some(text.as_deref().map(digest))));
        Ok(text)
    }

    /// Whether the record under the key is still the one this tab last saw (or it never
    /// looked): `false` once another tab wrote or removed it.
    pub fn unchanged_since_seen(current: Option<&str>) -> bool {
        match SEEN.with(Cell::get) {
            None => true,
            Some(seen) => seen == current.map(digest),
        }
    }

    /// Store the record, unless another tab changed it since this tab last read or wrote it.
    /// When the browser refuses, the old one goes too, so a reload never brings back an older
    /// draft than the one on screen.
    pub fn write(stored: &str) -> Result<(), Problem> {
        let s = storage()?;
        let current = s.get_item(KEY).map_err(|_| Problem::Unavailable)?;
        if !unchanged_since_seen(current.as_deref()) {
            return Err(Problem::ChangedElsewhere);
        }
        write_over(stored)
    }

    /// Store the record whatever is there (the reader chose to keep this tab's draft).
    pub fn write_over(stored: &str) -> Result<(), Problem> {
        let s = storage()?;
        s.set_item(KEY, stored).map_err(|_| {
            let _ = s.remove_item(KEY);
            SEEN.with(|seen| seen.set(Some(None)));
            Problem::Full
        })?;
        SEEN.with(|seen| seen.set(Some(Some(digest(stored)))));
        Ok(())
    }

    pub fn remove() {
        if let Ok(s) = storage() {
            let _ = s.remove_item(KEY);
            SEEN.with(|seen| seen.set(Some(None)));
        }
    }
}

#[cfg(test)]
mod page_tests {
    use super::*;

    /// The page's wasm has no extractor: an addition replays only from the worker's reading,
    /// kept for the session.
    #[test]
    fn without_the_extractor_an_addition_replays_from_the_kept_reading() {
        let text = "In 2017 the forest coverage rate exceeded 21%.\n\nThe banner now has 310 \
forest guards.";
        let base = drafted(text).unwrap();
        let n = base.draft.figures.len();
        let f = &base.draft.figures[0];
        let span = (f.span.start, f.span.end);
        let ops = [Op::Drop(0), Op::Add(span.0, span.1)];
        READER.with(|r| r.set(None));
        assert!(!is_read(text, span));
        assert!(
            replay(&base, &ops).is_none(),
            "not read here: does not apply"
        );
        keep_reads(
            "another text",
            vec![(span, base.draft.read_span(span.0..span.1))],
        );
        assert!(!is_read(text, span), "kept only for the session's text");
        keep_reads(text, vec![(span, base.draft.read_span(span.0..span.1))]);
        assert!(is_read(text, span));
        let e = replay(&base, &ops).unwrap();
        assert_eq!(e.draft.figures.len(), n);
        assert_eq!(e.draft.figures[0].span, f.span);
        // A new session forgets the readings.
        remember((*base).clone());
        assert!(!is_read(text, span));
    }
}
