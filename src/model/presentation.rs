//! How the case is told, in the form the page uses: the dataset's `presentation` with its
//! templates parsed (once, at load), and every member the dataset leaves out proposed from the
//! data. Each member says whether it was declared or proposed, so the page can say so.

use super::codes::code_table;
use super::dataset::{
    Chart, ChartKind, Condition, Dataset, Figure, FigureKind, Localized, Operation, Period, Picked,
    Presentation, Rule, Sentence, Text,
};
use super::error::{DatasetError, ErrorKind};
use super::format::period_text;
use super::limits::{
    echo, id_char_allowed, longer_than, MAX_CHARTS, MAX_HEADLINES, MAX_LABEL_CHARS, MAX_PANELS,
    MAX_PANEL_FIGURES, MAX_TEXT_CHARS,
};
use super::status::Status;
use super::subjects::{subject_of, Kind, SubjectRow};
use super::units::{Lang, Unit, Vocabulary};
use std::collections::{HashMap, HashSet};

/// A piece of a sentence.
#[derive(Debug, Clone, PartialEq)]
pub enum Segment {
    Text(String),
    /// A quantity, shown with its value and unit and linked to its detail.
    Quantity(String),
}

code_table! {
    /// Whether a part of the presentation is the dataset's own or proposed from its data.
    #[derive(Debug, Clone, Copy, PartialEq, Eq)]
    pub enum Provenance {
        Declared = "declared",
        Proposed = "proposed",
    }
}

/// A member of the presentation and where it comes from.
#[derive(Debug, Clone, PartialEq)]
pub struct Part<T> {
    pub value: T,
    pub by: Provenance,
}

/// A sentence, parsed, in each of its languages.
#[derive(Debug, Clone, PartialEq)]
pub struct Template {
    pub texts: Localized<Vec<Segment>>,
    pub when: Option<Condition>,
}

impl Template {
    /// The sentence in the reader's language, else in the dataset's own.
    pub fn pick(&self, lang: Lang) -> Option<Picked<'_, Vec<Segment>>> {
        self.texts.pick(lang)
    }

    pub fn get(&self, lang: Lang) -> &[Segment] {
        self.pick(lang).map_or(&[], |p| p.value.as_slice())
    }
}

/// A chart's title: the dataset's words, or the subject a proposed chart shows (worded by the
/// page in the reader's language, see `proposed_title`), with the period its bars share.
#[derive(Debug, Clone, PartialEq)]
pub enum ChartTitle {
    Declared(Text),
    Proposed {
        subject: &'static SubjectRow,
        period: Option<Period>,
    },
}

#[derive(Debug, Clone, PartialEq)]
pub struct ChartPlan {
    pub id: String,
    pub title: ChartTitle,
    pub kind: ChartKind,
    pub panels: Vec<Vec<String>>,
    pub note: Option<Text>,
    pub sentences: Vec<Template>,
}

/// The presentation the page shows.
#[derive(Debug, Clone, PartialEq)]
pub struct Story {
    pub title: Part<Text>,
    pub intro: Part<Text>,
    pub headlines: Part<Vec<String>>,
    pub charts: Part<Vec<ChartPlan>>,
    pub narrative: Part<Vec<Template>>,
    pub footer: Part<Vec<Text>>,
}

/// At most this many headline cards are proposed.
pub const MAX_PROPOSED_HEADLINES: usize = 8;
/// At most this many charts are proposed, of at most this many bars each.
pub const MAX_PROPOSED_CHARTS: usize = 8;
pub const MAX_PROPOSED_BARS: usize = 8;
/// At most this many proposed lead sentences (one per channel), each naming at most this many
/// figures.
pub const MAX_PROPOSED_SENTENCES: usize = 6;
pub const MAX_FIGURES_PER_SENTENCE: usize = 3;

impl Story {
    /// The dataset's presentation, parsed, with what it leaves out proposed. The dataset is
    /// validated (`check` below): a template that does not parse cannot reach here, and is
    /// left out if it does.
    pub fn of(d: &Dataset) -> Story {
        let none = Presentation::default();
        let p = d.presentation.as_ref().unwrap_or(&none);
        fn part<T, D>(
            given: Option<&D>,
            read: impl FnOnce(&D) -> T,
            propose: impl FnOnce() -> T,
        ) -> Part<T> {
            match given {
                Some(x) => Part {
                    value: read(x),
                    by: Provenance::Declared,
                },
                None => Part {
                    value: propose(),
                    by: Provenance::Proposed,
                },
            }
        }
        Story {
            title: part(p.title.as_ref(), Text::clone, || d.case.title.clone()),
            intro: part(p.intro.as_ref(), Text::clone, || propose_intro(d)),
            headlines: part(p.headlines.as_ref(), Vec::clone, || propose_headlines(d)),
            charts: part(
                p.charts.as_ref(),
                |cs: &Vec<Chart>| cs.iter().map(declared_chart).collect(),
                || propose_charts(d),
            ),
            narrative: part(
                p.narrative.as_ref(),
                |s: &Vec<Sentence>| templates(s),
                || propose_narrative(d),
            ),
            footer: part(p.footer.as_ref(), Vec::clone, Vec::new),
        }
    }
}

fn templates(s: &[Sentence]) -> Vec<Template> {
    s.iter()
        .filter_map(|s| {
            let parsed: Option<Vec<(String, Vec<Segment>)>> = s
                .text
                .iter()
                .map(|(k, t)| Some((k.to_string(), parse_template(t).ok()?)))
                .collect();
            Some(Template {
                texts: Localized::new(parsed?),
                when: s.when.clone(),
            })
        })
        .collect()
}

fn declared_chart(c: &Chart) -> ChartPlan {
    ChartPlan {
        id: c.id.clone(),
        title: ChartTitle::Declared(c.title.clone()),
        kind: c.kind,
        panels: c.panels.clone(),
        note: c.note.clone(),
        sentences: templates(&c.sentences),
    }
}

// ------------------------------------------------------------------ templates

/// Why a template does not parse; `at` counts characters from 1.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TemplateError {
    pub at: usize,
    pub found: String,
}

/// `"Cover is {forest}."` → text, quantity, text. `{{` and `}}` are literal braces.
pub fn parse_template(s: &str) -> Result<Vec<Segment>, TemplateError> {
    let mut out = Vec::new();
    let mut text = String::new();
    let mut chars = s.chars().enumerate().peekable();
    while let Some((i, c)) = chars.next() {
        match c {
            '{' if chars.peek().map(|x| x.1) == Some('{') => {
                chars.next();
                text.push('{');
            }
            '}' if chars.peek().map(|x| x.1) == Some('}') => {
                chars.next();
                text.push('}');
            }
            '}' => {
                return Err(TemplateError {
                    at: i + 1,
                    found: "a lone `}` (write `}}` for a brace)".into(),
                })
            }
            '{' => {
                let mut id = String::new();
                loop {
                    match chars.next() {
                        Some((_, '}')) => break,
                        Some((j, x)) if !id_char_allowed(x) => {
                            return Err(TemplateError {
                                at: j + 1,
                                found: format!(
                                    "`{}` inside a reference (U+{:04X}); write `{{{{` for a brace",
                                    x, x as u32
                                ),
                            })
                        }
                        Some((_, x)) => id.push(x),
                        None => {
                            return Err(TemplateError {
                                at: i + 1,
                                found: "a `{` that is never closed".into(),
                            })
                        }
                    }
                }
                if id.is_empty() {
                    return Err(TemplateError {
                        at: i + 1,
                        found: "an empty reference `{}`".into(),
                    });
                }
                if !text.is_empty() {
                    out.push(Segment::Text(std::mem::take(&mut text)));
                }
                out.push(Segment::Quantity(id));
            }
            _ => text.push(c),
        }
    }
    if !text.is_empty() {
        out.push(Segment::Text(text));
    }
    Ok(out)
}

// ------------------------------------------------------------------ validation

/// Every problem in the presentation: unknown ids (with their JSON path), templates that do
/// not parse, repeated chart ids, texts over their bound.
pub(super) async fn check(
    d: &Dataset,
    relations_sound: bool,
    pace: &mut super::pace::Pace<'_>,
) -> Vec<DatasetError> {
    let mut errs = Vec::new();
    let Some(p) = &d.presentation else {
        return errs;
    };
    let quantities = d.quantity_ids();
    let relations: HashSet<&str> = d.relations.iter().map(|r| r.id.as_str()).collect();
    let missing = |errs: &mut Vec<DatasetError>, id: &str, path: String| {
        if !quantities.contains(id) {
            errs.push(DatasetError::new(
                ErrorKind::MissingReference,
                path,
                "the id of a figure or derived metric",
                echo(id),
            ));
        }
    };
    let bound = |errs: &mut Vec<DatasetError>, t: &Text, max: usize, path: &str| {
        for (lang, s) in t.iter() {
            if longer_than(s, max) {
                errs.push(DatasetError::new(
                    ErrorKind::TooLong,
                    format!("{path}.{lang}"),
                    format!("at most {max} characters"),
                    format!("{} characters", s.chars().count()),
                ));
            }
        }
    };
    let sentences = |errs: &mut Vec<DatasetError>, list: &[Sentence], path: &str| {
        for (i, s) in list.iter().enumerate() {
            for (lang, text) in s.text.iter() {
                let at = format!("{path}[{i}].{lang}");
                if longer_than(text, MAX_TEXT_CHARS) {
                    errs.push(DatasetError::new(
                        ErrorKind::TooLong,
                        at,
                        format!("at most {MAX_TEXT_CHARS} characters"),
                        format!("{} characters", text.chars().count()),
                    ));
                    continue;
                }
                match parse_template(text) {
                    Ok(segs) => {
                        for seg in segs {
                            if let Segment::Quantity(id) = seg {
                                missing(errs, &id, at.clone());
                            }
                        }
                    }
                    Err(e) => errs.push(DatasetError::new(
                        ErrorKind::Structure,
                        at,
                        "a template: text with {id} references, {{ and }} for braces",
                        format!("{} at character {}", e.found, e.at),
                    )),
                }
            }
            if let Some(w) = &s.when {
                if !relations.contains(w.relation.as_str()) {
                    errs.push(DatasetError::new(
                        ErrorKind::MissingReference,
                        format!("{path}[{i}].when.relation"),
                        "the id of a relation",
                        echo(&w.relation),
                    ));
                }
            }
        }
    };
    if let Some(t) = &p.title {
        bound(&mut errs, t, MAX_LABEL_CHARS, "presentation.title");
    }
    if let Some(t) = &p.intro {
        bound(&mut errs, t, MAX_TEXT_CHARS, "presentation.intro");
    }
    let too_many =
        |errs: &mut Vec<DatasetError>, n: usize, max: usize, path: String, what: &str| {
            if n > max {
                errs.push(DatasetError::new(
                    ErrorKind::TooMany,
                    path,
                    format!("at most {max} {what}"),
                    format!("{n} {what}"),
                ));
            }
        };
    // A figure named twice in one list would be drawn twice with one id.
    let twice = |errs: &mut Vec<DatasetError>, ids: &[String], path: &dyn Fn(usize) -> String| {
        let mut seen: HashMap<&str, usize> = HashMap::new();
        for (k, id) in ids.iter().enumerate() {
            let first = *seen.entry(id.as_str()).or_insert(k);
            if first != k {
                errs.push(DatasetError::new(
                    ErrorKind::DuplicateId,
                    path(k),
                    "each id once in the list",
                    format!("{}, already at {}", echo(id), path(first)),
                ));
            }
        }
    };
    if let Some(h) = &p.headlines {
        too_many(
            &mut errs,
            h.len(),
            MAX_HEADLINES,
            "presentation.headlines".into(),
            "headlines",
        );
        twice(&mut errs, h, &|k| format!("presentation.headlines[{k}]"));
    }
    for (i, id) in p.headlines.iter().flatten().enumerate() {
        missing(&mut errs, id, format!("presentation.headlines[{i}]"));
    }
    if let Some(c) = &p.charts {
        too_many(
            &mut errs,
            c.len(),
            MAX_CHARTS,
            "presentation.charts".into(),
            "charts",
        );
    }
    let mut chart_ids: HashMap<&str, usize> = HashMap::new();
    for (i, c) in p.charts.iter().flatten().enumerate() {
        // A chart's form is checked against the whole dataset.
        pace.step().await;
        let at = format!("presentation.charts[{i}]");
        if let Some(e) = super::error::id_problem(&c.id, &|| format!("{at}.id")) {
            errs.push(e);
        }
        let first = *chart_ids.entry(c.id.as_str()).or_insert(i);
        if first != i {
            errs.push(DatasetError::new(
                ErrorKind::DuplicateId,
                format!("{at}.id"),
                "a chart id used once",
                format!(
                    "{}, already used at presentation.charts[{first}].id",
                    echo(&c.id)
                ),
            ));
        }
        bound(&mut errs, &c.title, MAX_LABEL_CHARS, &format!("{at}.title"));
        if let Some(n) = &c.note {
            bound(&mut errs, n, MAX_TEXT_CHARS, &format!("{at}.note"));
        }
        too_many(
            &mut errs,
            c.panels.len(),
            MAX_PANELS,
            format!("{at}.panels"),
            "panels",
        );
        for (j, panel) in c.panels.iter().enumerate() {
            let here = format!("{at}.panels[{j}]");
            too_many(
                &mut errs,
                panel.len(),
                MAX_PANEL_FIGURES,
                here.clone(),
                "figures",
            );
            twice(&mut errs, panel, &|k| format!("{here}[{k}]"));
            for (k, id) in panel.iter().enumerate() {
                missing(&mut errs, id, format!("{at}.panels[{j}][{k}]"));
            }
        }
        sentences(&mut errs, &c.sentences, &format!("{at}.sentences"));
        kind_fits(d, c, &at, relations_sound, &mut errs);
    }
    if let Some(n) = &p.narrative {
        sentences(&mut errs, n, "presentation.narrative");
    }
    for (i, t) in p.footer.iter().flatten().enumerate() {
        bound(
            &mut errs,
            t,
            MAX_TEXT_CHARS,
            &format!("presentation.footer[{i}]"),
        );
    }
    errs
}

/// A quantity's unit, if the vocabulary reads it.
fn unit_of(d: &Dataset, vocabulary: &Vocabulary, id: &str) -> Option<Unit> {
    let code = d
        .figures
        .iter()
        .find(|f| f.id == id)
        .map(|f| f.unit.as_str())
        .or_else(|| {
            d.derived
                .iter()
                .find(|m| m.id == id)
                .map(|m| m.unit.as_str())
        })?;
    vocabulary.parse(code)
}

/// The total a `sum_equals` relation declares of exactly these parts (in any order).
fn total_of<'a>(d: &'a Dataset, parts: &[String]) -> Option<&'a str> {
    d.relations.iter().find_map(|r| match &r.rule {
        Rule::SumEquals { parts: p, total }
            if p.len() == parts.len() && parts.iter().all(|x| p.contains(x)) =>
        {
            Some(total.as_str())
        }
        Rule::SumEquals { .. }
        | Rule::PartOf { .. }
        | Rule::FitsWithin { .. }
        | Rule::RatioMatches { .. }
        | Rule::Equal { .. }
        | Rule::ReferenceRange { .. }
        | Rule::Tension { .. } => None,
    })
}

/// Whether a relation declares `part` to lie within `whole` (`part_of` or `fits_within`).
fn lies_within(d: &Dataset, part: &str, whole: &str) -> bool {
    d.relations.iter().any(|r| match &r.rule {
        Rule::PartOf { part: p, whole: w } | Rule::FitsWithin { inner: p, outer: w } => {
            p == part && w == whole
        }
        Rule::SumEquals { .. }
        | Rule::RatioMatches { .. }
        | Rule::Equal { .. }
        | Rule::ReferenceRange { .. }
        | Rule::Tension { .. } => false,
    })
}

/// A chart whose kind does not fit its figures, with the JSON path of the panel or figure
/// that does not fit: a dumbbell's pairs of one dimension, dots of one dimension, parts ending
/// with the total a relation declares of them, parts each declared within the whole after them.
fn kind_fits(
    d: &Dataset,
    c: &Chart,
    at: &str,
    relations_sound: bool,
    errs: &mut Vec<DatasetError>,
) {
    let vocabulary = Vocabulary::of(d);
    let kind = c.kind.code();
    for (j, panel) in c.panels.iter().enumerate() {
        let here = format!("{at}.panels[{j}]");
        let structure = |errs: &mut Vec<DatasetError>, path: String, expected: String, found| {
            errs.push(DatasetError::new(
                ErrorKind::Structure,
                path,
                expected,
                found,
            ));
        };
        // Figures at these places measured in units of one dimension, else an error at the
        // first one that is not.
        let one_dimension = |errs: &mut Vec<DatasetError>, ks: &[usize]| {
            let units: Vec<(usize, Unit)> = ks
                .iter()
                .filter_map(|&k| Some((k, unit_of(d, &vocabulary, panel.get(k)?)?)))
                .collect();
            let Some((first, u0)) = units.first() else {
                return;
            };
            if let Some((k, u)) = units.iter().find(|(_, u)| u.dims() != u0.dims()) {
                errs.push(DatasetError::new(
                    ErrorKind::UnitMismatch,
                    format!("{here}[{k}]"),
                    format!(
                        "in a {kind} chart, a unit of the same dimension as {} ({})",
                        echo(&panel[*first]),
                        u0.code()
                    ),
                    format!("{} in {}", echo(&panel[*k]), u.code()),
                ));
            }
        };
        let all: Vec<usize> = (0..panel.len()).collect();
        match c.kind {
            ChartKind::Bars => {}
            ChartKind::Dumbbell => {
                if panel.is_empty() || panel.len() % 2 != 0 {
                    structure(
                        errs,
                        here.clone(),
                        "in a dumbbell chart, pairs of figures: start, end".into(),
                        format!("{} figures", panel.len()),
                    );
                }
                for pair in all.chunks(2) {
                    one_dimension(errs, pair);
                }
            }
            ChartKind::Dots => {
                if panel.len() < 2 {
                    structure(
                        errs,
                        here.clone(),
                        "in a dots chart, at least two values of one measure".into(),
                        format!("{} figures", panel.len()),
                    );
                }
                one_dimension(errs, &all);
            }
            ChartKind::PartsOfTotal => match panel.split_last() {
                Some((total, parts)) if parts.len() >= 2 => {
                    // A relation of these parts whose total is no figure is the relation's
                    // error, reported there; units are checked on the relation too.
                    let declared = total_of(d, parts);
                    let dangling = declared.is_some_and(|t| !d.quantity_ids().contains(t));
                    if relations_sound && declared != Some(total.as_str()) && !dangling {
                        structure(
                            errs,
                            format!("{here}[{}]", parts.len()),
                            "in a parts_of_total chart, the parts then their total: the last \
                             figure is the total a sum_equals relation declares of the others"
                                .into(),
                            format!("{} is not declared the total of those parts", echo(total)),
                        );
                    }
                }
                Some(_) | None => structure(
                    errs,
                    here.clone(),
                    "in a parts_of_total chart, at least two parts then their total".into(),
                    format!("{} figures, no total", panel.len()),
                ),
            },
            ChartKind::PartOfWhole => match panel.split_last() {
                Some((whole, parts)) if !parts.is_empty() => {
                    for (k, part) in parts.iter().enumerate() {
                        if relations_sound && !lies_within(d, part, whole) {
                            structure(
                                errs,
                                format!("{here}[{k}]"),
                                format!(
                                    "in a part_of_whole chart, a part that a part_of or \
                                     fits_within relation declares within the last figure, {}",
                                    echo(whole)
                                ),
                                format!("{} is not declared within it", echo(part)),
                            );
                        }
                    }
                }
                Some(_) | None => structure(
                    errs,
                    here.clone(),
                    "in a part_of_whole chart, at least one part then the whole".into(),
                    format!("{} figures, no whole", panel.len()),
                ),
            },
        }
    }
}

// ------------------------------------------------------------------ the proposer

/// The first paragraph after the title line that says something, else the place.
fn propose_intro(d: &Dataset) -> Text {
    let first = |after: Option<u32>| {
        d.paragraphs
            .iter()
            .filter(|p| {
                after.is_none_or(|a| p.n > a) && p.summary.iter().any(|(_, t)| !t.is_empty())
            })
            .min_by_key(|p| p.n)
    };
    first(Some(0))
        .or_else(|| first(None))
        .map(|p| p.summary.clone())
        .unwrap_or_else(|| d.case.place.clone())
}

/// A figure the proposer may show: reported, not a restatement, its unit known.
struct Placed<'a> {
    figure: &'a Figure,
    unit: Unit,
    subject: &'static SubjectRow,
    /// The value in base units (the bound of a bounded one).
    base: f64,
}

/// The reported figures (not restatements) whose unit the vocabulary knows, in the dataset's
/// order, each with its subject: that of the total or whole it is declared a part of when words
/// place that one (a part named by its programme, "92.16 million yuan to return farmland", or by
/// whom it went to, "paid as wages", is about what its total is about, and is drawn beside it),
/// else read from its own label and quote, else the fallback of its unit's kind.
fn placed<'a>(d: &'a Dataset, vocabulary: &Vocabulary) -> Vec<Placed<'a>> {
    let mut out: Vec<Placed> = d
        .figures
        .iter()
        .filter(|f| f.kind == FigureKind::Reported && f.repeats.is_none())
        .filter_map(|f| {
            let unit = vocabulary.parse(&f.unit)?;
            let texts = f
                .label
                .iter()
                .map(|(_, t)| t.as_str())
                .chain(f.source.quote.as_deref());
            let subject = subject_of(&unit, texts)?;
            let base = f.value * f.scale.factor() * unit.to_base();
            Some(Placed {
                figure: f,
                unit,
                subject,
                base,
            })
        })
        .collect();
    // Sums and parts only: an area inside another is not about what the other is about.
    let at: HashMap<&str, usize> = out
        .iter()
        .enumerate()
        .map(|(i, p)| (p.figure.id.as_str(), i))
        .collect();
    for (part, whole) in d.relations.iter().flat_map(|r| parts_of(&r.rule, false)) {
        let (Some(&p), Some(&w)) = (at.get(part), at.get(whole)) else {
            continue;
        };
        let from = out[w].subject;
        if from.by_words() && from.kind == out[p].subject.kind {
            out[p].subject = from;
        }
    }
    out
}

/// (part, whole) pairs a rule declares: the parts of a sum and its total, a part and its whole,
/// and with `areas` an inner area and the area it lies within.
fn parts_of(rule: &Rule, areas: bool) -> Vec<(&str, &str)> {
    match rule {
        Rule::SumEquals { parts, total } => {
            parts.iter().map(|p| (p.as_str(), total.as_str())).collect()
        }
        Rule::PartOf { part, whole } => vec![(part.as_str(), whole.as_str())],
        Rule::FitsWithin { inner, outer } if areas => vec![(inner.as_str(), outer.as_str())],
        Rule::FitsWithin { .. } => Vec::new(),
        Rule::RatioMatches { .. }
        | Rule::Equal { .. }
        | Rule::ReferenceRange { .. }
        | Rule::Tension { .. } => Vec::new(),
    }
}

/// The figures the text leads with, ranked: reported figures by the paragraph they come from
/// (title and lead first; a figure with no paragraph after those with one), a total or whole
/// where its earliest part stands and before its parts, then in the dataset's order; derived
/// metrics after every reported figure. At most `MAX_PROPOSED_HEADLINES`; the rest stay in the
/// table.
pub fn propose_headlines(d: &Dataset) -> Vec<String> {
    let reported: Vec<&Figure> = d
        .figures
        .iter()
        .filter(|f| f.kind == FigureKind::Reported && f.repeats.is_none())
        .collect();
    let index: HashMap<&str, usize> = reported
        .iter()
        .enumerate()
        .map(|(i, f)| (f.id.as_str(), i))
        .collect();
    // Each figure's wholes, among the reported ones.
    let mut wholes: Vec<Vec<usize>> = vec![Vec::new(); reported.len()];
    for (part, whole) in d.relations.iter().flat_map(|r| parts_of(&r.rule, true)) {
        if let (Some(&p), Some(&w)) = (index.get(part), index.get(whole)) {
            if p != w && !wholes[p].contains(&w) {
                wholes[p].push(w);
            }
        }
    }
    let paragraph = |i: usize| reported[i].source.paragraph.unwrap_or(u32::MAX);
    // A whole ranks where its earliest part stands (lead), one step above its parts (depth).
    // Both walk up from each figure, never further than there are figures (a cycle stops).
    let mut lead: Vec<u32> = (0..reported.len()).map(paragraph).collect();
    let mut depth = vec![0usize; reported.len()];
    for (i, depth) in depth.iter_mut().enumerate() {
        let mut level = vec![i];
        for step in 1..=reported.len() {
            let mut up: Vec<usize> = level.iter().flat_map(|&k| wholes[k].clone()).collect();
            if up.is_empty() {
                break;
            }
            up.sort_unstable();
            up.dedup();
            *depth = step;
            for &w in &up {
                lead[w] = lead[w].min(paragraph(i));
            }
            level = up;
        }
    }
    let mut order: Vec<usize> = (0..reported.len()).collect();
    order.sort_by_key(|&i| (lead[i], depth[i], i));
    order
        .into_iter()
        .map(|i| reported[i].id.clone())
        .chain(d.derived.iter().map(|m| m.id.clone()))
        .take(MAX_PROPOSED_HEADLINES)
        .collect()
}

/// Lead sentences: one per channel, in the dataset's channel order, naming the channel's first
/// reported figures, each by its label and its value (a quantity, so the page formats and links
/// it). "Warden work: Marsh restored, 12,500 ha; Reed beds, 3,000 ha." A channel with no
/// reported figure says nothing. A dataset with no such sentence (no channels, as a drafted
/// one) gets one sentence per subject instead, in the order the text first names each:
/// "Incomes and revenue: Income from carbon credits, 600 million yuan; …".
fn propose_narrative(d: &Dataset) -> Vec<Template> {
    let sentence = |lang: Lang, lead: &str, figures: &[&Figure]| {
        let r = lang.rules();
        let (colon, between, sep, end) =
            (r.lead_colon, r.lead_between, r.lead_separator, r.lead_end);
        let mut out = Vec::new();
        let mut text = format!("{lead}{colon}");
        for (i, f) in figures.iter().enumerate() {
            if i > 0 {
                text.push_str(sep);
            }
            text.push_str(f.label.get(lang));
            text.push_str(between);
            out.push(Segment::Text(std::mem::take(&mut text)));
            out.push(Segment::Quantity(f.id.clone()));
        }
        out.push(Segment::Text(end.to_string()));
        out
    };
    // Worded in each interface language: the lead and figure labels fall back alike.
    let template = |lead: &dyn Fn(Lang) -> String, figures: &[&Figure]| Template {
        texts: Localized::new(Lang::ALL.map(|l| (l.code(), sentence(l, &lead(l), figures)))),
        when: None,
    };
    let by_channel: Vec<Template> = d
        .channels
        .iter()
        .filter_map(|c| {
            let figures: Vec<&Figure> = d
                .figures
                .iter()
                .filter(|f| {
                    f.kind == FigureKind::Reported
                        && f.repeats.is_none()
                        && f.channel.as_deref() == Some(c.id.as_str())
                })
                .take(MAX_FIGURES_PER_SENTENCE)
                .collect();
            (!figures.is_empty()).then(|| template(&|l| c.label.get(l).to_string(), &figures))
        })
        .take(MAX_PROPOSED_SENTENCES)
        .collect();
    if !by_channel.is_empty() {
        return by_channel;
    }
    let vocabulary = Vocabulary::of(d);
    let mut subjects: Vec<(&'static SubjectRow, Vec<&Figure>)> = Vec::new();
    for p in placed(d, &vocabulary) {
        match subjects.iter_mut().find(|s| s.0.code == p.subject.code) {
            Some(s) => s.1.push(p.figure),
            None => subjects.push((p.subject, vec![p.figure])),
        }
    }
    subjects
        .into_iter()
        .take(MAX_PROPOSED_SENTENCES)
        .map(|(s, mut figures)| {
            figures.truncate(MAX_FIGURES_PER_SENTENCE);
            template(&|l| s.name(l).to_string(), &figures)
        })
        .collect()
}

/// A proposed chart's title in `lang`: the subject's name, with the period when every bar
/// shares one.
pub fn proposed_title(subject: &SubjectRow, period: Option<&Period>, lang: Lang) -> String {
    match period {
        Some(p) => (lang.rules().parenthetical)(subject.name(lang), &period_text(Some(p), lang)),
        None => subject.name(lang).to_string(),
    }
}

/// Values further apart than this never share a panel's axis: the small bar would be a sliver.
pub const MAX_PANEL_RATIO: f64 = 1000.0;

/// Whether two units may share a chart: the same dimension, and for counts the same counted
/// thing (wells and nurseries are both items, but are not compared).
fn compatible(a: &Unit, b: &Unit) -> bool {
    a.dims() == b.dims() && (Kind::of(a) != Some(Kind::Count) || a.code() == b.code())
}

/// Charts by subject: the reported figures about one subject, in units of one dimension, in the
/// text's order (at most `MAX_PROPOSED_BARS`); an area chart also draws the areas its figures
/// are declared to lie within (`containing`). The bars are split into panels of values at most
/// `MAX_PANEL_RATIO` apart; a panel left with one bar is left out (its figure stays a card and
/// a table row), and so is a chart left with fewer than two bars. Charts come in the order the
/// text names their first figure.
pub fn propose_charts(d: &Dataset) -> Vec<ChartPlan> {
    let vocabulary = Vocabulary::of(d);
    let placed = placed(d, &vocabulary);
    let mut groups: Vec<Vec<&Placed>> = Vec::new();
    for p in &placed {
        match groups
            .iter_mut()
            .find(|g| g[0].subject.code == p.subject.code && compatible(&g[0].unit, &p.unit))
        {
            Some(g) => g.push(p),
            None => groups.push(vec![p]),
        }
    }
    let mut used: HashMap<&str, usize> = HashMap::new();
    groups
        .into_iter()
        .filter_map(|g| {
            let subject = g[0].subject;
            let mut bars: Vec<(String, f64, &Period)> = g
                .iter()
                .take(MAX_PROPOSED_BARS)
                .map(|p| (p.figure.id.clone(), p.base, &p.figure.period))
                .collect();
            if subject.kind == Kind::Area {
                let ids: Vec<String> = bars.iter().map(|b| b.0.clone()).collect();
                for outer in containing(d, &vocabulary, &ids) {
                    if !bars.iter().any(|b| b.0 == outer.id) {
                        bars.push((outer.id.clone(), outer.base, &outer.figure.period));
                    }
                }
            }
            let ids: Vec<String> = bars.iter().map(|b| b.0.clone()).collect();
            let own = &ids[..g.len().min(MAX_PROPOSED_BARS)];
            // A form only if it draws every figure of the chart's own (the areas added around
            // them may be left out).
            let every = |(_, panels): &(ChartKind, Vec<Vec<String>>)| {
                own.iter()
                    .all(|id| panels.iter().flatten().any(|x| x == id))
            };
            let (kind, panels) = match shape(d, &vocabulary, &ids).filter(every) {
                Some(found) => found,
                None => (
                    ChartKind::Bars,
                    panels(&bars, g.len().min(MAX_PROPOSED_BARS)),
                ),
            };
            let shown: Vec<&(String, f64, &Period)> = bars
                .iter()
                .filter(|b| panels.iter().flatten().any(|id| *id == b.0))
                .collect();
            if shown.len() < 2 {
                return None;
            }
            let period = shown[0].2;
            let period = (shown.iter().all(|b| b.2 == period) && *period != Period::Undated)
                .then(|| period.clone());
            let n = used.entry(subject.code).or_insert(0);
            *n += 1;
            Some(ChartPlan {
                id: format!("proposed-{}-{n}", subject.code),
                title: ChartTitle::Proposed { subject, period },
                kind,
                panels,
                note: None,
                sentences: Vec::new(),
            })
        })
        .take(MAX_PROPOSED_CHARTS)
        .collect()
}

/// The bars (id, value in base units) split into panels whose values lie within
/// `MAX_PANEL_RATIO` of each other: sorted by size, a panel starts at its smallest value and
/// takes every value up to that times the ratio. Each panel keeps the bars' order; panels come
/// in the order of their first bar; a panel of one bar is left out, and so is one of only
/// the areas others lie within (the first `own` bars are the chart's own figures). A value of
/// zero or below sits with the smallest.
fn panels(bars: &[(String, f64, &Period)], own: usize) -> Vec<Vec<String>> {
    let mut by_size: Vec<usize> = (0..bars.len()).collect();
    by_size.sort_by(|&a, &b| bars[a].1.total_cmp(&bars[b].1));
    let mut clusters: Vec<Vec<usize>> = Vec::new();
    let mut floor = f64::NAN;
    for i in by_size {
        let v = bars[i].1;
        match clusters.last_mut() {
            Some(c) if v <= 0.0 || !floor.is_finite() || v <= floor * MAX_PANEL_RATIO => c.push(i),
            Some(_) | None => {
                clusters.push(vec![i]);
                floor = f64::NAN;
            }
        }
        if v > 0.0 && !floor.is_finite() {
            floor = v;
        }
    }
    let mut out: Vec<Vec<usize>> = clusters
        .into_iter()
        .filter(|c| c.len() > 1 && c.iter().any(|&i| i < own))
        .map(|mut c| {
            c.sort_unstable();
            c
        })
        .collect();
    out.sort_by_key(|c| c[0]);
    out.truncate(MAX_PANELS);
    out.into_iter()
        .map(|c| c.into_iter().map(|i| bars[i].0.clone()).collect())
        .collect()
}

/// A bar: a figure's id, its value in base units, its period.
type Bar<'a> = (String, f64, &'a Period);

/// The panels of a chart of these figures, as the proposer makes them: figures of one kind of
/// unit together (in the order given), each kind split where values lie more than
/// `MAX_PANEL_RATIO` apart, panels of one bar left out. The draft editor builds the reader's
/// charts with it, so a chart edited by hand follows the proposer's rules.
pub fn panels_for(d: &Dataset, ids: &[String]) -> Vec<Vec<String>> {
    let vocabulary = Vocabulary::of(d);
    let mut kinds: Vec<(Unit, Vec<Bar>)> = Vec::new();
    for id in ids {
        let Some(f) = d.figures.iter().find(|f| &f.id == id) else {
            continue;
        };
        let Some(unit) = vocabulary.parse(&f.unit) else {
            continue;
        };
        let bar = (
            id.clone(),
            f.value * f.scale.factor() * unit.to_base(),
            &f.period,
        );
        match kinds.iter_mut().find(|(k, _)| compatible(k, &unit)) {
            Some((_, bars)) => bars.push(bar),
            None => kinds.push((unit, vec![bar])),
        }
    }
    kinds
        .iter()
        .flat_map(|(_, bars)| panels(bars, bars.len()))
        .take(MAX_PANELS)
        .collect()
}

/// The form that fits these figures (of one subject, in units of one dimension), and its one
/// panel, or `None` for bars: parts with the total a `sum_equals` relation declares of them →
/// parts of a total; parts declared within a whole (the whole with most parts) → part of a
/// whole; pairs of one measure (a `difference` metric of two of them, or of one of them and a
/// change, which makes the metric the start; or two values of distinct dated periods) → a
/// dumbbell; three or more values of distinct dated periods → dots.
fn shape(
    d: &Dataset,
    vocabulary: &Vocabulary,
    ids: &[String],
) -> Option<(ChartKind, Vec<Vec<String>>)> {
    let has = |id: &str| ids.iter().any(|x| x == id);
    for r in &d.relations {
        if let Rule::SumEquals { parts, total } = &r.rule {
            if has(total) && parts.len() >= 2 && parts.iter().all(|p| has(p)) {
                let mut panel = parts.clone();
                panel.push(total.clone());
                return Some((ChartKind::PartsOfTotal, vec![panel]));
            }
        }
    }
    // The outermost whole (one not itself declared within another of these) with most parts;
    // of two, the one the text names first. A chain (reeds in a marsh in a county) stays bars.
    let whole = ids
        .iter()
        .rev()
        .filter(|w| !ids.iter().any(|o| lies_within(d, w, o)))
        .map(|w| {
            let parts: Vec<String> = ids
                .iter()
                .filter(|p| *p != w && lies_within(d, p, w))
                .cloned()
                .collect();
            (w, parts)
        })
        .filter(|(_, parts)| !parts.is_empty())
        .max_by_key(|(_, parts)| parts.len());
    if let Some((w, mut panel)) = whole {
        panel.push(w.clone());
        return Some((ChartKind::PartOfWhole, vec![panel]));
    }
    let unit = |id: &str| unit_of(d, vocabulary, id);
    let mut pairs: Vec<(usize, [String; 2])> = Vec::new();
    for m in d
        .derived
        .iter()
        .filter(|m| m.operation == Operation::Difference)
    {
        let [a, b] = m.inputs.as_slice() else {
            continue;
        };
        let Some(end) = ids.iter().position(|x| x == a) else {
            continue;
        };
        let (ua, ub) = (unit(a), unit(b));
        let start = if has(b) && ua.is_some() && ua == ub {
            // Now minus before: both stated.
            b.clone()
        } else if !has(b) && ua.is_some() && unit(&m.id) == ua {
            // Now minus the change: the metric is where it started.
            m.id.clone()
        } else {
            continue;
        };
        if !pairs
            .iter()
            .any(|(_, p)| p.contains(a) || p.contains(&start))
        {
            pairs.push((end, [start, a.clone()]));
        }
    }
    if !pairs.is_empty() {
        pairs.sort_by_key(|(end, _)| *end);
        let panel = pairs.into_iter().flat_map(|(_, p)| p).collect();
        return Some((ChartKind::Dumbbell, vec![panel]));
    }
    // Values at distinct dated periods, in time order.
    let dated: Vec<(i32, &String)> = in_time(d, ids)
        .into_iter()
        .filter_map(|(y, id)| Some((y?, id)))
        .collect();
    // Values of one measure: labels that differ only by digits and by what follows them.
    let words = |id: &str| -> Option<String> {
        let f = d.figures.iter().find(|f| f.id == id)?;
        let (_, text) = f.label.iter().next()?;
        let t: String = text.chars().filter(|c| !c.is_ascii_digit()).collect();
        Some(t.trim().to_lowercase())
    };
    let one_measure = dated
        .windows(2)
        .all(|w| match (words(w[0].1), words(w[1].1)) {
            (Some(a), Some(b)) => a.starts_with(&b) || b.starts_with(&a),
            _ => false,
        });
    if !one_measure {
        return None;
    }
    let distinct = dated.windows(2).all(|w| w[0].0 != w[1].0);
    if dated.len() != ids.len() || !distinct {
        return None;
    }
    let panel: Vec<String> = dated.into_iter().map(|(_, id)| id.clone()).collect();
    match panel.len() {
        2 => Some((ChartKind::Dumbbell, vec![panel])),
        n if n >= 3 => Some((ChartKind::Dots, vec![panel])),
        _ => None,
    }
}

/// The figures with their years (a range's last), in time order; a figure of no year (since a
/// year, recent, present, undated) after them, in the order given.
fn in_time<'a>(d: &Dataset, ids: &'a [String]) -> Vec<(Option<i32>, &'a String)> {
    let mut out: Vec<(Option<i32>, &String)> = ids
        .iter()
        .map(|id| {
            let year = d
                .figures
                .iter()
                .find(|f| &f.id == id)
                .and_then(|f| match f.period {
                    Period::Year { year } | Period::Range { to: year, .. } => Some(year),
                    Period::Since { .. }
                    | Period::RecentYears
                    | Period::Present
                    | Period::Undated => None,
                });
            (year, id)
        })
        .collect();
    out.sort_by_key(|(y, _)| y.unwrap_or(i32::MAX));
    out
}

/// A chart of these figures as the proposer would draw it: its kind from their shape
/// (`shape`), else bars in the panels of `panels_for`. The draft editor builds the reader's
/// charts with it.
pub fn chart_for(d: &Dataset, ids: &[String]) -> (ChartKind, Vec<Vec<String>>) {
    let vocabulary = Vocabulary::of(d);
    let one_kind = ids
        .iter()
        .filter_map(|id| unit_of(d, &vocabulary, id))
        .collect::<Vec<_>>()
        .windows(2)
        .all(|w| compatible(&w[0], &w[1]));
    // Only a form that draws every figure asked for.
    let every =
        |(_, panels): &(ChartKind, Vec<Vec<String>>)| panels.iter().flatten().count() == ids.len();
    match shape(d, &vocabulary, ids).filter(|found| one_kind && every(found)) {
        Some(found) => found,
        None => (ChartKind::Bars, panels_for(d, ids)),
    }
}

/// Every form these figures can be drawn in, each with its panels, for the draft editor's
/// choice: the proposer's (`chart_for`) first, then bars, then dots (every figure in one panel,
/// dated ones in time order); each kind once, and only a form whose figures fit it as a
/// dataset's chart must (`kind_fits`).
pub fn forms_for(d: &Dataset, ids: &[String]) -> Vec<(ChartKind, Vec<Vec<String>>)> {
    let fits = |kind: ChartKind, panels: &[Vec<String>]| {
        let chart = Chart {
            id: "form".into(),
            title: Text::default(),
            kind,
            panels: panels.to_vec(),
            note: None,
            sentences: Vec::new(),
        };
        let mut errs = Vec::new();
        kind_fits(d, &chart, "form", true, &mut errs);
        errs.is_empty() && panels.iter().flatten().count() == ids.len()
    };
    let in_time: Vec<String> = in_time(d, ids)
        .into_iter()
        .map(|(_, id)| id.clone())
        .collect();
    let candidates = [
        chart_for(d, ids),
        (ChartKind::Bars, panels_for(d, ids)),
        (ChartKind::Dots, vec![in_time]),
    ];
    let mut out: Vec<(ChartKind, Vec<Vec<String>>)> = Vec::new();
    for (kind, panels) in candidates {
        if !out.iter().any(|(k, _)| *k == kind) && fits(kind, &panels) {
            out.push((kind, panels));
        }
    }
    out
}

/// An area the proposer draws beside the areas within it.
struct Outer<'a> {
    id: String,
    figure: &'a Figure,
    base: f64,
}

/// The areas that `ids` are declared to lie within.
fn containing<'a>(d: &'a Dataset, vocabulary: &Vocabulary, ids: &[String]) -> Vec<Outer<'a>> {
    let mut out: Vec<Outer> = Vec::new();
    for r in &d.relations {
        let (inner, outer) = match &r.rule {
            Rule::FitsWithin { inner, outer } => (inner, outer),
            Rule::PartOf { part, whole } => (part, whole),
            Rule::SumEquals { .. }
            | Rule::RatioMatches { .. }
            | Rule::Equal { .. }
            | Rule::ReferenceRange { .. }
            | Rule::Tension { .. } => continue,
        };
        if !ids.contains(inner) || out.iter().any(|o| &o.id == outer) {
            continue;
        }
        let Some(f) = d.figures.iter().find(|f| &f.id == outer) else {
            continue;
        };
        let Some(unit) = vocabulary.parse(&f.unit).filter(|u| u.is_area()) else {
            continue;
        };
        out.push(Outer {
            id: outer.clone(),
            figure: f,
            base: f.value * f.scale.factor() * unit.to_base(),
        });
    }
    out
}

/// Whether a sentence's condition holds: the relation's check has one of the listed outcomes.
pub fn holds(
    when: Option<&Condition>,
    status_of_relation: impl Fn(&str) -> Option<Status>,
) -> bool {
    match when {
        None => true,
        Some(c) => status_of_relation(&c.relation).is_some_and(|s| c.status.contains(&s)),
    }
}
