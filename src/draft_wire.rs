//! The messages between the page and the drafting worker (`src/bin/draft_worker.rs`), as bytes
//! (bincode of small mirror types made of plain numbers and strings).
//!
//! The page sends `(id, text)`; the worker answers `(id, reading)` where the reading is what
//! `draft_store::drafted` makes of the text (the draft cut to the bounds, ids fixed, and the
//! text's title, place and intro), or the bound the text broke. The dataset types are not given
//! serde's `Deserialize` (their JSON reader is hand-written, see `model/decode.rs`): codes and
//! indices travel instead, and everything read back is checked — a closed set's index must name
//! a member, a unit code must be known, every span must fall on character boundaries of the
//! text — so a bad reply is an error, never a panic later in the view.

use std::ops::Range;

use serde::{Deserialize, Serialize};

use crate::draft_store::{Base, Bound};
use crate::model::extract::{
    Doubt, Draft, DraftFigure, DraftParagraph, Front, ProposedRelation, RelationWhy, SkipReason,
    Skipped,
};
use crate::model::text::Text;
use crate::model::{Period, Qualifier, Scale, Unit};
use crate::model::{Relation, Rule};

/// Why a message could not be read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum WireError {
    /// Not bincode of the expected shape.
    Shape(String),
    /// Read, but something in it does not hold (an index, a unit, a span).
    Content(&'static str),
}

impl std::fmt::Display for WireError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            WireError::Shape(e) => write!(f, "unreadable message ({e})"),
            WireError::Content(what) => write!(f, "message with a bad {what}"),
        }
    }
}

#[derive(Serialize, Deserialize)]
struct Request {
    id: u32,
    text: String,
}

#[derive(Serialize, Deserialize)]
enum Outcome {
    Read(WBase),
    TooLong(u64),
}

#[derive(Serialize, Deserialize)]
struct Reply {
    id: u32,
    outcome: Outcome,
}

type Span = (u32, u32);

#[derive(Serialize, Deserialize)]
struct WBase {
    text: String,
    paragraphs: Vec<(u32, Span)>,
    figures: Vec<WFigure>,
    relations: Vec<WRelation>,
    skipped: Vec<(Span, u8)>,
    cut: u32,
    title: String,
    place: Option<String>,
    intro: Option<String>,
}

#[derive(Serialize, Deserialize)]
struct WFigure {
    id: String,
    span: Span,
    number: Span,
    sentence: Span,
    paragraph: u32,
    value: f64,
    scale: u8,
    unit: String,
    qualifier: u8,
    period: WPeriod,
    label: String,
    repeats: Option<String>,
    doubts: Vec<u8>,
    start_value: bool,
    implied: bool,
}

#[derive(Serialize, Deserialize)]
enum WPeriod {
    Year(i32),
    Range(i32, i32),
    Since(i32),
    RecentYears,
    Present,
    Undated,
}

#[derive(Serialize, Deserialize)]
enum WRule {
    SumEquals {
        parts: Vec<String>,
        total: String,
    },
    FitsWithin {
        inner: String,
        outer: String,
    },
    PartOf {
        part: String,
        whole: String,
    },
    RatioMatches {
        numerator: String,
        denominator: String,
        expected: String,
    },
    Equal {
        a: String,
        b: String,
    },
}

#[derive(Serialize, Deserialize)]
struct WRelation {
    id: String,
    label: Vec<(String, String)>,
    rule: WRule,
    tolerance_pct: Option<f64>,
    note: Option<Vec<(String, String)>>,
    why: u8,
    accepted: bool,
}

/// The index of `x` in `all` (every closed set here has far fewer than 256 members).
fn index<T: PartialEq>(all: &[T], x: &T) -> u8 {
    all.iter().position(|m| m == x).unwrap_or(0) as u8
}

fn member<T: Copy>(all: &[T], i: u8, what: &'static str) -> Result<T, WireError> {
    all.get(usize::from(i))
        .copied()
        .ok_or(WireError::Content(what))
}

fn span(r: &Range<usize>) -> Span {
    (r.start as u32, r.end as u32)
}

/// A span of `text`, which must fall on its character boundaries.
fn range(text: &str, (a, b): Span) -> Result<Range<usize>, WireError> {
    let r = a as usize..b as usize;
    text.get(r.clone())
        .map(|_| r)
        .ok_or(WireError::Content("span"))
}

fn entries(t: &Text) -> Vec<(String, String)> {
    t.iter().map(|(k, v)| (k.to_string(), v.clone())).collect()
}

fn encode<T: Serialize>(x: &T) -> Vec<u8> {
    // Serializing these plain types into memory cannot fail.
    bincode::serialize(x).unwrap_or_default()
}

fn decode<'a, T: Deserialize<'a>>(bytes: &'a [u8]) -> Result<T, WireError> {
    bincode::deserialize(bytes).map_err(|e| WireError::Shape(e.to_string()))
}

/// The page's request: draft `text`, answering with `id`.
pub fn request(id: u32, text: &str) -> Vec<u8> {
    encode(&Request {
        id,
        text: text.to_string(),
    })
}

/// The worker reads a request.
pub fn read_request(bytes: &[u8]) -> Result<(u32, String), WireError> {
    let r: Request = decode(bytes)?;
    Ok((r.id, r.text))
}

/// The worker's answer to request `id`. A rule the drafter never proposes (a reference range, a
/// tension) is left out of the message.
pub fn reply(id: u32, read: Result<&Base, Bound>) -> Vec<u8> {
    let outcome = match read {
        Ok(b) => Outcome::Read(to_wire(b)),
        Err(Bound::TooLong(n)) => Outcome::TooLong(n as u64),
    };
    encode(&Reply { id, outcome })
}

/// The page reads the worker's answer: the request's id and the reading, each part checked.
pub fn read_reply(bytes: &[u8]) -> Result<(u32, Result<Base, Bound>), WireError> {
    let r: Reply = decode(bytes)?;
    let read = match r.outcome {
        Outcome::Read(b) => Ok(from_wire(b)?),
        Outcome::TooLong(n) => Err(Bound::TooLong(n as usize)),
    };
    Ok((r.id, read))
}

fn to_wire(b: &Base) -> WBase {
    let d = &b.draft;
    WBase {
        text: d.text.clone(),
        paragraphs: d.paragraphs.iter().map(|p| (p.n, span(&p.span))).collect(),
        figures: d
            .figures
            .iter()
            .map(|f| WFigure {
                id: f.id.clone(),
                span: span(&f.span),
                number: span(&f.number),
                sentence: span(&f.sentence),
                paragraph: f.paragraph,
                value: f.value,
                scale: index(&Scale::ALL, &f.scale),
                unit: f.unit.code().to_string(),
                qualifier: index(&Qualifier::ALL, &f.qualifier),
                period: match f.period {
                    Period::Year { year } => WPeriod::Year(year),
                    Period::Range { from, to } => WPeriod::Range(from, to),
                    Period::Since { year } => WPeriod::Since(year),
                    Period::RecentYears => WPeriod::RecentYears,
                    Period::Present => WPeriod::Present,
                    Period::Undated => WPeriod::Undated,
                },
                label: f.label.clone(),
                repeats: f.repeats.clone(),
                doubts: f.doubts.iter().map(|x| index(&Doubt::ALL, x)).collect(),
                start_value: f.start_value,
                implied: f.implied,
            })
            .collect(),
        relations: d
            .relations
            .iter()
            .filter_map(|p| {
                let r = &p.relation;
                let rule = match r.rule.clone() {
                    Rule::SumEquals { parts, total } => WRule::SumEquals { parts, total },
                    Rule::FitsWithin { inner, outer } => WRule::FitsWithin { inner, outer },
                    Rule::PartOf { part, whole } => WRule::PartOf { part, whole },
                    Rule::RatioMatches {
                        numerator,
                        denominator,
                        expected,
                    } => WRule::RatioMatches {
                        numerator,
                        denominator,
                        expected,
                    },
                    Rule::Equal { a, b } => WRule::Equal { a, b },
                    Rule::ReferenceRange { .. } | Rule::Tension { .. } => return None,
                };
                Some(WRelation {
                    id: r.id.clone(),
                    label: entries(&r.label),
                    rule,
                    tolerance_pct: r.tolerance_pct,
                    note: r.note.as_ref().map(entries),
                    why: index(&RelationWhy::ALL, &p.why),
                    accepted: p.accepted,
                })
            })
            .collect(),
        skipped: d
            .skipped
            .iter()
            .map(|s| (span(&s.span), index(&SkipReason::ALL, &s.reason)))
            .collect(),
        cut: b.cut as u32,
        title: b.front.title.clone(),
        place: b.front.place.clone(),
        intro: b.front.intro.clone(),
    }
}

fn from_wire(w: WBase) -> Result<Base, WireError> {
    let text = w.text;
    let paragraphs = w
        .paragraphs
        .into_iter()
        .map(|(n, s)| {
            Ok(DraftParagraph {
                n,
                span: range(&text, s)?,
            })
        })
        .collect::<Result<Vec<_>, WireError>>()?;
    // A draft names few units, each many times: each code is looked up once.
    let mut units: std::collections::HashMap<String, Unit> = std::collections::HashMap::new();
    let mut figures = Vec::with_capacity(w.figures.len());
    for f in w.figures {
        let unit = match units.get(&f.unit) {
            Some(u) => u.clone(),
            None => {
                let u = crate::model::extract::unit(&f.unit).ok_or(WireError::Content("unit"))?;
                units.insert(f.unit.clone(), u.clone());
                u
            }
        };
        figures.push(DraftFigure {
            span: range(&text, f.span)?,
            number: range(&text, f.number)?,
            sentence: range(&text, f.sentence)?,
            id: f.id,
            paragraph: f.paragraph,
            value: f.value,
            scale: member(&Scale::ALL, f.scale, "scale")?,
            unit,
            qualifier: member(&Qualifier::ALL, f.qualifier, "qualifier")?,
            period: match f.period {
                WPeriod::Year(year) => Period::Year { year },
                WPeriod::Range(from, to) => Period::Range { from, to },
                WPeriod::Since(year) => Period::Since { year },
                WPeriod::RecentYears => Period::RecentYears,
                WPeriod::Present => Period::Present,
                WPeriod::Undated => Period::Undated,
            },
            label: f.label,
            repeats: f.repeats,
            doubts: f
                .doubts
                .into_iter()
                .map(|i| member(&Doubt::ALL, i, "doubt"))
                .collect::<Result<_, _>>()?,
            start_value: f.start_value,
            implied: f.implied,
        });
    }
    let relations = w
        .relations
        .into_iter()
        .map(|r| {
            let rule = match r.rule {
                WRule::SumEquals { parts, total } => Rule::SumEquals { parts, total },
                WRule::FitsWithin { inner, outer } => Rule::FitsWithin { inner, outer },
                WRule::PartOf { part, whole } => Rule::PartOf { part, whole },
                WRule::RatioMatches {
                    numerator,
                    denominator,
                    expected,
                } => Rule::RatioMatches {
                    numerator,
                    denominator,
                    expected,
                },
                WRule::Equal { a, b } => Rule::Equal { a, b },
            };
            Ok(ProposedRelation {
                relation: Relation {
                    id: r.id,
                    label: Text::new(r.label),
                    rule,
                    tolerance_pct: r.tolerance_pct,
                    note: r.note.map(Text::new),
                },
                why: member(&RelationWhy::ALL, r.why, "relation kind")?,
                accepted: r.accepted,
            })
        })
        .collect::<Result<Vec<_>, WireError>>()?;
    let skipped = w
        .skipped
        .into_iter()
        .map(|(s, reason)| {
            Ok(Skipped {
                span: range(&text, s)?,
                reason: member(&SkipReason::ALL, reason, "skip reason")?,
            })
        })
        .collect::<Result<Vec<_>, WireError>>()?;
    Ok(Base {
        draft: Draft {
            text,
            paragraphs,
            figures,
            relations,
            skipped,
            context: Vec::new(),
        },
        cut: w.cut as usize,
        front: Front {
            title: w.title,
            place: w.place,
            intro: w.intro,
        },
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::draft_store::drafted;

    const TEXT: &str = "Kezuo Test County\n\nIn 2019 the county planted 1.2 million mu of forest, \
including 0.5 million mu of shrubs and 0.7 million mu of trees. Forest cover has exceeded 21%.\n\n\
今年全县治理沙地约35万亩，其中灌木15万亩。";

    #[test]
    fn a_reading_comes_back_whole() {
        let base = drafted(TEXT).unwrap();
        assert!(!base.draft.figures.is_empty());
        let (id, back) = read_reply(&reply(7, Ok(&base))).unwrap();
        assert_eq!(id, 7);
        assert_eq!(back.unwrap(), *base);
        let (id, back) = read_reply(&reply(8, Err(Bound::TooLong(9)))).unwrap();
        assert_eq!((id, back), (8, Err(Bound::TooLong(9))));
        assert_eq!(
            read_request(&request(3, TEXT)).unwrap(),
            (3, TEXT.to_string())
        );
    }

    #[test]
    fn a_bad_reply_is_an_error() {
        let base = drafted(TEXT).unwrap();
        let good = reply(1, Ok(&base));
        assert!(matches!(
            read_reply(&good[..good.len() / 2]),
            Err(WireError::Shape(_))
        ));
        assert!(read_reply(b"").is_err());
        let mut w = to_wire(&base);
        w.figures[0].span = (0, w.text.len() as u32 + 5);
        let bytes = encode(&Reply {
            id: 1,
            outcome: Outcome::Read(w),
        });
        assert_eq!(
            read_reply(&bytes).map(|_| ()),
            Err(WireError::Content("span"))
        );
        let mut w = to_wire(&base);
        w.figures[0].unit = "no such unit".into();
        let bytes = encode(&Reply {
            id: 1,
            outcome: Outcome::Read(w),
        });
        assert_eq!(
            read_reply(&bytes).map(|_| ()),
            Err(WireError::Content("unit"))
        );
    }
}
