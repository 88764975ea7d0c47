//! Drafting a dataset from a case-study text: `draft` reads it into a `Draft` (figures,
//! proposed relations, skipped numbers), which the reviewer edits and `Draft::to_dataset`
//! writes in the explorer's format.

use std::ops::Range;

use super::doubt::Doubt;
use super::draft_figure::DraftFigure;
use super::front::{self, Front};
use super::label;
use super::period;
use super::relations::{self, ProposedRelation, RelationWhy};
use super::scan;
use super::skipped::{SkipReason, Skipped};
use super::tables;
use super::text::{self, Src};
use crate::model::concepts;
use crate::model::dataset::{
    CaseInfo, Chart, Dataset, Figure, FigureKind, Localized, Paragraph, Period, Presentation,
    Qualifier, Relation, Rule, Scale, SourceRef, Text, UnitDeclaration, FORMAT_VERSION,
};
use crate::model::presentation::{self, ChartTitle};
use crate::model::units::{Lang, Unit};

/// A paragraph as the explorer numbers it.
#[derive(Debug, Clone, PartialEq)]
pub struct DraftParagraph {
    pub n: u32,
    pub span: Range<usize>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Draft {
    pub text: String,
    pub paragraphs: Vec<DraftParagraph>,
    pub figures: Vec<DraftFigure>,
    pub relations: Vec<ProposedRelation>,
    /// Numbers that are not figures, with the reason.
    pub skipped: Vec<Skipped>,
    /// Figures the reader added from outside the text (kind `context`).
    pub context: Vec<Figure>,
}

/// Draft a dataset from a case-study text.
pub fn draft(input: &str) -> Draft {
    let src = Src::new(input);
    let mut paragraphs = Vec::new();
    let mut figures: Vec<DraftFigure> = Vec::new();
    let mut skipped = Vec::new();
    let all_paragraphs = text::paragraphs(input);
    let dated = period::text_year(&src, &all_paragraphs);
    for (n, para) in all_paragraphs.into_iter().enumerate() {
        let n = n as u32;
        paragraphs.push(DraftParagraph {
            n,
            span: para.clone(),
        });
        for sentence in text::sentences(&src, para) {
            let tokens = scan::sentence_tokens(&src, sentence.clone());
            let years = scan::years(&tokens);
            let markers = period::markers(&src, sentence.clone(), &years, dated);
            let perfect = period::perfect_tense(&src, sentence.clone());
            let mut prev_end = sentence.start;
            let mut prev_start_value = false;
            let mut prev_label: Option<String> = None;
            for tok in tokens {
                match tok {
                    scan::Token::Year(_, r) => skipped.push(Skipped {
                        span: r,
                        reason: SkipReason::Year,
                    }),
                    scan::Token::Skip(r, reason) => skipped.push(Skipped { span: r, reason }),
                    scan::Token::Figure(f) => {
                        let c = text::clause(&src, sentence.clone(), f.span.clone());
                        let (period, doubt) = period::assign(
                            perfect,
                            c.clone(),
                            f.span.clone(),
                            &markers,
                            f.start_value,
                        );
                        let (period, doubt) = period::per_year(period, doubt, &f.unit);
                        let mut doubts = f.doubts.clone();
                        doubts.extend(doubt);
                        let prev_clause = input
                            .get(sentence.start.max(prev_end).min(c.start)..c.start)
                            .unwrap_or("");
                        let made = label::label(
                            &src,
                            &f,
                            c.start.max(prev_end),
                            c.end,
                            prev_label.as_deref(),
                            prev_end > c.start,
                            prev_clause,
                        );
                        let mut label = match (&made, f.implied, &prev_label) {
                            (_, true, Some(p)) if p.chars().any(text::is_cjk) => format!("{p}占比"),
                            (_, true, Some(p)) => format!("{p}: share"),
                            (Some(l), _, _) => {
                                if l.guessed {
                                    doubts.push(Doubt::LabelGuessed);
                                }
                                l.text.clone()
                            }
                            (None, _, _) => {
                                doubts.push(Doubt::LabelFromQuote);
                                input[f.span.clone()].to_string()
                            }
                        };
                        if f.start_value {
                            let from = if label.chars().any(text::is_cjk) {
                                "（起）"
                            } else {
                                "(from)"
                            };
                            label = label::suffix(&label::cap_chars(&label, 50), from);
                        } else if let (true, true, Some(p)) =
                            (f.end_value, prev_start_value, &prev_label)
                        {
                            let zh = p.chars().any(text::is_cjk);
                            let base = p
                                .strip_suffix(if zh { " （起）" } else { " (from)" })
                                .unwrap_or(p);
                            label = label::suffix(base, if zh { "（止）" } else { "(to)" });
                            doubts.retain(|d| *d != Doubt::LabelFromQuote);
                        }
                        prev_end = f.span.end;
                        prev_start_value = f.start_value;
                        prev_label = Some(label.clone());
                        let k = figures.len() + 1;
                        figures.push(DraftFigure {
                            id: label::id(k, &label, &f.unit),
                            span: f.span,
                            number: f.number,
                            sentence: sentence.clone(),
                            paragraph: n,
                            value: f.value,
                            scale: f.scale,
                            unit: f.unit,
                            qualifier: f.qualifier,
                            period,
                            label: label::cap(&label),
                            repeats: None,
                            doubts,
                            start_value: f.start_value,
                            implied: f.implied,
                        });
                    }
                }
            }
        }
    }
    let relations = relations::propose(&src, &mut figures);
    Draft {
        text: input.to_string(),
        paragraphs,
        figures,
        relations,
        skipped,
        context: Vec::new(),
    }
}

/// Why a selected span could not be added as a figure.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AddError {
    /// The span is empty, outside the text or not on character boundaries.
    BadSpan,
    /// The scanner reads no figure in it (no number, or only a year, date or reference).
    NoFigure,
    /// Its number is already figure `i` of the draft.
    Already(usize),
}

impl Draft {
    /// Add the figure the extractor reads in `sel` (byte offsets into the text): the number as
    /// read in its whole sentence when the selection holds it, else as read in the selection
    /// alone. Same number grammar, units and qualifiers as `draft`; the period comes from the
    /// sentence's time words; the label is the quote, marked as such. Returns the new figure's
    /// index (figures stay in text order).
    pub fn add_from_span(&mut self, sel: Range<usize>) -> Result<usize, AddError> {
        let read = self.read_span(sel)?;
        self.insert_read(read)
    }

    /// The figure the extractor reads in `sel`, as [`Draft::add_from_span`] would add it, with
    /// no id yet: what the drafting worker answers when the editor re-reads a selection. It
    /// depends on the text alone, not on the figures already there.
    pub fn read_span(&self, sel: Range<usize>) -> Result<DraftFigure, AddError> {
        let text = self.text.as_str();
        if sel.start >= sel.end
            || sel.end > text.len()
            || !text.is_char_boundary(sel.start)
            || !text.is_char_boundary(sel.end)
        {
            return Err(AddError::BadSpan);
        }
        let src = Src::new(text);
        let Some(para) = self
            .paragraphs
            .iter()
            .find(|p| p.span.start <= sel.start && sel.start < p.span.end)
            .cloned()
        else {
            return Err(AddError::BadSpan);
        };
        let sentence = text::sentences(&src, para.span.clone())
            .into_iter()
            .find(|s| s.start <= sel.start && sel.start < s.end)
            .unwrap_or(para.span.clone());
        let figure_in = |range: Range<usize>, within: &Range<usize>| {
            scan::sentence_tokens(&src, range)
                .into_iter()
                .find_map(|t| match t {
                    scan::Token::Figure(f)
                        if f.number.start >= within.start && f.number.end <= within.end =>
                    {
                        Some(f)
                    }
                    scan::Token::Figure(_) | scan::Token::Year(..) | scan::Token::Skip(..) => None,
                })
        };
        let found = figure_in(sentence.clone(), &sel)
            .or_else(|| figure_in(sel.clone(), &sel))
            .ok_or(AddError::NoFigure)?;
        let tokens = scan::sentence_tokens(&src, sentence.clone());
        let years = scan::years(&tokens);
        let dated = period::text_year(&src, &text::paragraphs(text));
        let markers = period::markers(&src, sentence.clone(), &years, dated);
        let c = text::clause(&src, sentence.clone(), found.span.clone());
        let (period, doubt) = period::assign(
            period::perfect_tense(&src, sentence.clone()),
            c,
            found.span.clone(),
            &markers,
            found.start_value,
        );
        let (period, doubt) = period::per_year(period, doubt, &found.unit);
        let mut doubts = found.doubts.clone();
        doubts.extend(doubt);
        doubts.push(Doubt::LabelFromQuote);
        let label = label::cap(text.get(found.span.clone()).unwrap_or("").trim());
        Ok(DraftFigure {
            id: String::new(),
            span: found.span,
            number: found.number,
            sentence,
            paragraph: para.n,
            value: found.value,
            scale: found.scale,
            unit: found.unit,
            qualifier: found.qualifier,
            period,
            label,
            repeats: None,
            doubts,
            start_value: found.start_value,
            implied: found.implied,
        })
    }

    /// Add a figure read by [`Draft::read_span`] (here or in the worker): `Already` when its
    /// number is a figure of the draft; else it takes a free id and its place in text order.
    /// Uses nothing of the extractor but its id rule, so the page can add what the worker read.
    pub fn insert_read(&mut self, mut read: DraftFigure) -> Result<usize, AddError> {
        if let Some(i) = self
            .figures
            .iter()
            .position(|f| f.number.start < read.number.end && read.number.start < f.number.end)
        {
            return Err(AddError::Already(i));
        }
        let mut k = self.figures.len() + 1;
        let mut id = label::id(k, &read.label, &read.unit);
        while self.figures.iter().any(|f| f.id == id) {
            k += 1;
            id = label::id(k, &read.label, &read.unit);
        }
        read.id = id;
        let at = self
            .figures
            .iter()
            .position(|f| f.span.start > read.span.start)
            .unwrap_or(self.figures.len());
        self.figures.insert(at, read);
        Ok(at)
    }

    /// Drop figure `i`, with the relations that name it and any "repeats" that point at it.
    pub fn drop_figure(&mut self, i: usize) {
        if i >= self.figures.len() {
            return;
        }
        let id = self.figures.remove(i).id;
        self.relations.retain(|r| !r.ids().contains(&id.as_str()));
        for f in &mut self.figures {
            if f.repeats.as_deref() == Some(id.as_str()) {
                f.repeats = None;
            }
        }
    }

    /// What a figure measures, as the drafter proposes it: the concept its label's words point
    /// to, else its sentence's, among those its unit can measure (the editor changes it).
    pub fn concept_of(&self, f: &DraftFigure) -> Option<&'static concepts::ConceptRow> {
        concepts::propose(&f.label, &f.unit)
            .or_else(|| concepts::propose(&self.context_of(f), &f.unit))
    }

    /// Add an area from outside the text (the banner's total area, say): a context figure, and
    /// a proposed "fits within" for every area of the draft.
    pub fn add_context_area(&mut self, label: &str, value: f64, scale: Scale, unit: Unit) {
        let id = format!("context_{}", self.context.len() + 1);
        self.context.push(Figure {
            id: id.clone(),
            label: Text::en_zh(label, label),
            value,
            scale,
            unit: unit.code().into(),
            qualifier: Qualifier::Exact,
            about_pct: None,
            period: Period::Undated,
            channel: None,
            kind: FigureKind::Context,
            source: SourceRef {
                paragraph: None,
                note: Text::en_zh("Added by the reader as context.", "读者添加的背景数据。"),
                quote: None,
                external: Some("added by the reader".into()),
            },
            repeats: None,
            concept: None,
        });
        if !unit.is_area() {
            return;
        }
        let inner: Vec<String> = self
            .figures
            .iter()
            .filter(|f| f.unit.is_area())
            .map(|f| f.id.clone())
            .collect();
        for inner in inner {
            let n = self.relations.len() + 1;
            self.relations.push(ProposedRelation {
                relation: Relation {
                    id: format!("r{n}_within"),
                    label: Text::en_zh(
                        "The area fits inside the area added as context",
                        "该面积不超过所加的背景面积",
                    ),
                    rule: Rule::FitsWithin {
                        inner,
                        outer: id.clone(),
                    },
                    tolerance_pct: None,
                    note: None,
                },
                why: RelationWhy::Context,
                accepted: false,
            });
        }
    }

    /// The title, place and intro the text gives.
    pub fn front(&self) -> Front {
        let spans: Vec<Range<usize>> = self.paragraphs.iter().map(|p| p.span.clone()).collect();
        front::front(&Src::new(&self.text), &spans)
    }

    /// The sentence of a figure, cut to about 240 characters around the figure when longer.
    pub fn context_of(&self, f: &DraftFigure) -> String {
        const SIDE: usize = 120;
        let (Some(head), Some(tail)) = (
            self.text.get(f.sentence.start..f.span.start),
            self.text.get(f.span.start..f.sentence.end),
        ) else {
            return String::new();
        };
        let head_chars = head.chars().count();
        let mut out = String::new();
        if head_chars > SIDE {
            out.push('…');
            out.extend(head.chars().skip(head_chars - SIDE));
        } else {
            out.push_str(head);
        }
        out.push_str(&label::cap_chars(tail, SIDE));
        out
    }

    /// The draft as a dataset in the explorer's format. `proposed` also takes the relations
    /// not yet accepted (the command line prints them all for review).
    pub fn to_dataset(&self, proposed: bool) -> Dataset {
        let quote = |r: &Range<usize>| self.text.get(r.clone()).unwrap_or("").trim().to_string();
        let figures: Vec<Figure> = self
            .figures
            .iter()
            .map(|f| {
                let sentence = self.context_of(f);
                let doubts = |lang| {
                    f.doubts
                        .iter()
                        .map(|d| d.text(lang))
                        .collect::<Vec<_>>()
                        .join("; ")
                };
                let note = |lead: &str, unsure: &str, lang| {
                    let d = doubts(lang);
                    if d.is_empty() {
                        format!("{lead}“{sentence}”")
                    } else {
                        format!("{lead}“{sentence}” {unsure}{d}.")
                    }
                };
                Figure {
                    id: f.id.clone(),
                    label: label::in_both(&f.label),
                    value: f.value,
                    scale: f.scale,
                    unit: f.unit.code().into(),
                    qualifier: f.qualifier,
                    about_pct: None,
                    period: f.period.clone(),
                    channel: None,
                    kind: FigureKind::Reported,
                    source: SourceRef {
                        paragraph: Some(f.paragraph),
                        note: Text::en_zh(
                            note("Drafted from ", "Unsure: ", Lang::En),
                            note("起草自", "待核：", Lang::Zh),
                        ),
                        quote: Some(quote(&f.span)),
                        external: None,
                    },
                    repeats: f.repeats.clone(),
                    concept: self.concept_of(f).map(|c| c.code.to_string()),
                }
            })
            .chain(self.context.iter().cloned())
            .collect();
        let ids: std::collections::HashSet<String> = figures.iter().map(|f| f.id.clone()).collect();
        let figures: Vec<Figure> = figures
            .into_iter()
            .map(|mut f| {
                f.repeats = f.repeats.filter(|r| ids.contains(r));
                f
            })
            .collect();
        let relations = self
            .relations
            .iter()
            .filter(|r| r.accepted || proposed)
            .filter(|r| r.relation.rule.ids().iter().all(|id| ids.contains(*id)))
            .map(|r| r.relation.clone())
            .collect();
        let src = Src::new(&self.text);
        let front = self.front();
        let title = front.title.clone();
        let paragraphs = self
            .paragraphs
            .iter()
            .map(|p| {
                let first = text::sentences(&src, p.span.clone())
                    .first()
                    .map(&quote)
                    .unwrap_or_default();
                let summary = label::cap_chars(&first, 160);
                let (en, zh) = if p.n == 0 {
                    ("Title".to_string(), "标题".to_string())
                } else {
                    (format!("Paragraph {}", p.n), format!("第 {} 段", p.n))
                };
                Paragraph {
                    n: p.n,
                    title: Text::en_zh(en, zh),
                    summary: Text::en_zh(summary.clone(), summary),
                }
            })
            .collect();
        let mut dataset = Dataset {
            format_version: FORMAT_VERSION,
            units: self.declared_units(),
            case: CaseInfo {
                id: "drafted-case".into(),
                language: label::language(&self.text).code().into(),
                languages: vec!["en".into(), "zh".into()],
                title: Text::en_zh(title.clone(), title),
                place: match &front.place {
                    Some(p) => Text::en_zh(p.clone(), p.clone()),
                    None => Text::en_zh(
                        crate::i18n::tr(Lang::En).draft_place_not_stated,
                        crate::i18n::tr(Lang::Zh).draft_place_not_stated,
                    ),
                },
                citation: Text::en_zh(
                    "Drafted from a text; paragraphs numbered from 0 (the title line)",
                    "由文本起草；段落自 0（标题行）起编号",
                ),
            },
            paragraphs,
            channels: Vec::new(),
            figures,
            measures: Vec::new(),
            derived: Vec::new(),
            relations,
            presentation: None,
        };
        dataset.presentation = Some(declared_story(&dataset, front.intro));
        dataset
    }
}

/// The story the draft declares, so that a reviewer can edit it: the intro the text leads
/// with, the proposer's headlines and its charts (titled in each of the case's languages).
/// The narrative is left to the proposer, which tells it by subject.
fn declared_story(d: &Dataset, intro: Option<String>) -> Presentation {
    let charts = presentation::propose_charts(d)
        .into_iter()
        .map(|plan| {
            let title = match &plan.title {
                ChartTitle::Proposed { subject, period } => Localized::new(
                    d.case
                        .languages
                        .iter()
                        .filter_map(|code| Some((code.clone(), Lang::parse(code)?)))
                        .map(|(code, lang)| {
                            (
                                code,
                                presentation::proposed_title(subject, period.as_ref(), lang),
                            )
                        }),
                ),
                ChartTitle::Declared(t) => t.clone(),
            };
            Chart {
                id: plan.id,
                title,
                kind: plan.kind,
                panels: plan.panels,
                note: plan.note,
                sentences: Vec::new(),
            }
        })
        .collect();
    Presentation {
        intro: intro.map(|intro| Text::en_zh(intro.clone(), intro)),
        headlines: Some(presentation::propose_headlines(d)),
        charts: Some(charts),
        ..Presentation::default()
    }
}

impl Draft {
    /// The counted things (`{well}`, `{check-dam}`) the figures' units name, declared once each
    /// so the explorer knows them.
    fn declared_units(&self) -> Vec<UnitDeclaration> {
        let mut out: Vec<UnitDeclaration> = Vec::new();
        for f in &self.figures {
            for (code, _, _) in f.unit.terms() {
                let Some(c) = tables::counted_row(code) else {
                    continue;
                };
                if out.iter().any(|d| d.code == c.code) {
                    continue;
                }
                out.push(UnitDeclaration {
                    code: c.code.to_string(),
                    dimension: "items".to_string(),
                    factor: 1.0,
                    symbol: Text::en_zh(c.en.0, c.zh.0),
                    per: Some(Text::en_zh(c.en.1, c.zh.1)),
                });
            }
        }
        out
    }
}

/// The draft dataset of a text as pretty JSON, every proposed relation included.
pub fn draft_json(input: &str) -> Result<String, String> {
    serde_json::to_string_pretty(&draft(input).to_dataset(true)).map_err(|e| e.to_string())
}
