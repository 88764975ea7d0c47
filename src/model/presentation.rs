//! How the case is told, in the form the page uses: the dataset's `presentation` with its
//! templates parsed (once, at load), and every member the dataset leaves out proposed from the
//! data. Each member says whether it was declared or proposed, so the page can say so.

use super::dataset::{
    Chart, ChartKind, Condition, Dataset, FigureKind, Localized, Period, Picked, Presentation,
    Rule, Sentence, Text,
};
use super::error::{DatasetError, ErrorKind};
use super::limits::{
    echo, id_char_allowed, longer_than, MAX_CHARTS, MAX_HEADLINES, MAX_LABEL_CHARS, MAX_PANELS,
    MAX_PANEL_FIGURES, MAX_TEXT_CHARS,
};
use super::status::Status;
use super::units::{Lang, Unit, Vocabulary};
use std::collections::{HashMap, HashSet};

/// A piece of a sentence.
#[derive(Debug, Clone, PartialEq)]
pub enum Segment {
    Text(String),
    /// A quantity, shown with its value and unit and linked to its detail.
    Quantity(String),
}

/// Whether a part of the presentation is the dataset's own or proposed from its data.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Provenance {
    Declared,
    Proposed,
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

/// What a proposed chart groups: quantities of one kind (and period).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Group {
    Areas,
    Money,
    Shares,
    Counts,
}

/// A chart's title: the dataset's words, or what a proposed chart groups (worded by the page).
#[derive(Debug, Clone, PartialEq)]
pub enum ChartTitle {
    Declared(Text),
    Proposed {
        group: Group,
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
pub const MAX_PROPOSED_HEADLINES: usize = 10;
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
pub(super) fn check(d: &Dataset) -> Vec<DatasetError> {
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

/// Reported figures (not restatements), channel by channel in the dataset's channel order,
/// then those of no channel.
fn propose_headlines(d: &Dataset) -> Vec<String> {
    let reported = || {
        d.figures
            .iter()
            .filter(|f| f.kind == FigureKind::Reported && f.repeats.is_none())
    };
    let mut out: Vec<String> = Vec::new();
    for c in &d.channels {
        out.extend(
            reported()
                .filter(|f| f.channel.as_deref() == Some(c.id.as_str()))
                .map(|f| f.id.clone()),
        );
    }
    let known: HashSet<&str> = d.channels.iter().map(|c| c.id.as_str()).collect();
    out.extend(
        reported()
            .filter(|f| f.channel.as_deref().is_none_or(|c| !known.contains(c)))
            .map(|f| f.id.clone()),
    );
    out.truncate(MAX_PROPOSED_HEADLINES);
    out
}

/// One lead sentence per channel, in the dataset's channel order: the channel's name, then its
/// first reported figures, each by its label and its value (a quantity, so the page formats and
/// links it). "Warden work: Marsh restored, 12,500 ha; Reed beds, 3,000 ha." A channel with no
/// reported figure says nothing; figures of no channel are left to the headline cards.
fn propose_narrative(d: &Dataset) -> Vec<Template> {
    let sentence = |lang: Lang, channel: &Text, figures: &[&super::dataset::Figure]| {
        let r = lang.rules();
        let (colon, between, sep, end) =
            (r.lead_colon, r.lead_between, r.lead_separator, r.lead_end);
        let mut out = Vec::new();
        let mut text = format!("{}{colon}", channel.get(lang));
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
    d.channels
        .iter()
        .filter_map(|c| {
            let figures: Vec<_> = d
                .figures
                .iter()
                .filter(|f| {
                    f.kind == FigureKind::Reported
                        && f.repeats.is_none()
                        && f.channel.as_deref() == Some(c.id.as_str())
                })
                .take(MAX_FIGURES_PER_SENTENCE)
                .collect();
            // Worded in each interface language: the channel and figure labels fall back alike.
            (!figures.is_empty()).then(|| Template {
                texts: Localized::new(
                    Lang::ALL.map(|l| (l.code(), sentence(l, &c.label, &figures))),
                ),
                when: None,
            })
        })
        .take(MAX_PROPOSED_SENTENCES)
        .collect()
}

fn group_of(unit: Unit) -> Option<Group> {
    if unit.is_area() {
        Some(Group::Areas)
    } else if unit.is_money() {
        Some(Group::Money)
    } else if unit.is_percent() {
        Some(Group::Shares)
    } else if unit.is_headcount() {
        Some(Group::Counts)
    } else {
        None
    }
}

/// Period as a grouping key: charts put side by side only what refers to the same time.
fn period_key(p: &Period) -> String {
    match p {
        Period::Year { year } => format!("y{year}"),
        Period::Range { from, to } => format!("r{from}-{to}"),
        Period::Since { year } => format!("s{year}"),
        Period::RecentYears => "recent".into(),
        Period::Present => "present".into(),
        Period::Undated => "undated".into(),
    }
}

/// Figures of one kind and period key: (group, period key), the period, the ids.
type Bunch = ((Group, String), Option<Period>, Vec<String>);

/// Reported figures grouped by kind (areas, money, shares, counts) and period; an area chart
/// also draws every area its figures are declared to lie within (`fits_within`, `part_of`).
fn propose_charts(d: &Dataset) -> Vec<ChartPlan> {
    let mut groups: Vec<Bunch> = Vec::new();
    let vocabulary = Vocabulary::of(d);
    for f in d
        .figures
        .iter()
        .filter(|f| f.kind == FigureKind::Reported && f.repeats.is_none())
    {
        let Some(group) = vocabulary.parse(&f.unit).and_then(group_of) else {
            continue;
        };
        let key = (group, period_key(&f.period));
        match groups.iter_mut().find(|g| g.0 == key) {
            Some(g) => g.2.push(f.id.clone()),
            None => groups.push((key, Some(f.period.clone()), vec![f.id.clone()])),
        }
    }
    // Kinds in a fixed order; within a kind, in the order the figures come.
    let mut used = [0usize; 4];
    [Group::Areas, Group::Money, Group::Shares, Group::Counts]
        .into_iter()
        .flat_map(|g| groups.iter().filter(move |b| b.0 .0 == g))
        .take(MAX_PROPOSED_CHARTS)
        .map(|((group, _), period, ids)| {
            let (group, period, mut ids) = (*group, period.clone(), ids.clone());
            ids.truncate(MAX_PROPOSED_BARS);
            if group == Group::Areas {
                for outer in containing(d, &ids) {
                    if !ids.contains(&outer) {
                        ids.push(outer);
                    }
                }
            }
            let n = &mut used[group as usize];
            *n += 1;
            ChartPlan {
                id: format!("proposed-{}-{n}", group_code(group)),
                title: ChartTitle::Proposed { group, period },
                kind: ChartKind::Bars,
                panels: vec![ids],
                note: None,
                sentences: Vec::new(),
            }
        })
        .collect()
}

fn group_code(g: Group) -> &'static str {
    match g {
        Group::Areas => "areas",
        Group::Money => "money",
        Group::Shares => "shares",
        Group::Counts => "counts",
    }
}

/// The areas that `ids` are declared to lie within.
fn containing(d: &Dataset, ids: &[String]) -> Vec<String> {
    let mut out = Vec::new();
    let vocabulary = Vocabulary::of(d);
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
        let is_area = d
            .figures
            .iter()
            .find(|f| &f.id == outer)
            .and_then(|f| vocabulary.parse(&f.unit))
            .is_some_and(|u| u.is_area());
        if is_area && ids.contains(inner) && !out.contains(outer) {
            out.push(outer.clone());
        }
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
