//! The messages between the page and the drafting worker (`src/bin/draft_worker.rs`), as bytes
//! (bincode of small mirror types made of plain numbers and strings).
//!
//! Two kinds of request, each with an id the answer repeats:
//! - `Draft (id, text, spans)`: the worker answers with what `draft_store::drafted` makes of the
//!   text (the draft cut to the bounds, ids fixed, and the text's title, place and intro), or the
//!   bound the text broke, and with its reading of each selection in `spans` (the additions a
//!   kept draft replays);
//! - `Spans (id, text, spans)`: re-reading selections ("Add as figure", a quote's places): the
//!   worker reads them in order and stops after the first that is not words without a number.
//!
//! The dataset types are not given
//! serde's `Deserialize` (their JSON reader is hand-written, see `model/decode.rs`): codes and
//! indices travel instead, and everything read back is checked — a closed set's index must name
//! a member, a unit code must be known, every span must fall on character boundaries of the
//! text (a selection's reading: of the text the page sent) — so a bad reply is an error, never a
//! panic later in the view.

use std::ops::Range;

use serde::{Deserialize, Serialize};

use crate::draft_store::{Base, Bound, Reads};
use crate::model::extract::{
    AddError, Doubt, Draft, DraftFigure, DraftParagraph, Front, ProposedRelation, RelationWhy,
    SkipReason, Skipped,
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
enum WRequest {
    Draft {
        id: u32,
        text: String,
        spans: Vec<Span>,
    },
    Spans {
        id: u32,
        text: String,
        spans: Vec<Span>,
    },
}

/// A request as the worker reads it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Request {
    /// Draft the text, and read these selections of it.
    Draft {
        id: u32,
        text: String,
        spans: Vec<(usize, usize)>,
    },
    /// Read these selections of the text, in order, up to the first that is not words without
    /// a number.
    Spans {
        id: u32,
        text: String,
        spans: Vec<(usize, usize)>,
    },
}

/// A reply as the page reads it.
#[derive(Debug, PartialEq)]
pub enum Reply {
    /// The text's reading (or the bound it broke) and the selections' readings.
    Read(Result<Box<Base>, Bound>, Reads),
    /// The selections' readings.
    Spans(Reads),
}

/// What the worker read in one selection (never `Already`: that is the page's to say).
#[derive(Serialize, Deserialize)]
enum WRead {
    Figure(WFigure),
    BadSpan,
    NoFigure,
}

#[derive(Serialize, Deserialize)]
enum Outcome {
    Read(WBase, Vec<(Span, WRead)>),
    TooLong(u64),
    Spans(Vec<(Span, WRead)>),
}

#[derive(Serialize, Deserialize)]
struct WReply {
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

fn spans_to_wire(spans: &[(usize, usize)]) -> Vec<Span> {
    spans.iter().map(|(a, b)| (*a as u32, *b as u32)).collect()
}

fn spans_from_wire(spans: Vec<Span>) -> Vec<(usize, usize)> {
    spans
        .into_iter()
        .map(|(a, b)| (a as usize, b as usize))
        .collect()
}

/// The page's request: draft `text`, read the selections `spans` of it, answering with `id`.
pub fn request(id: u32, text: &str, spans: &[(usize, usize)]) -> Vec<u8> {
    encode(&WRequest::Draft {
        id,
        text: text.to_string(),
        spans: spans_to_wire(spans),
    })
}

/// The page's request: read the selections `spans` of `text`, answering with `id`.
pub fn spans_request(id: u32, text: &str, spans: &[(usize, usize)]) -> Vec<u8> {
    encode(&WRequest::Spans {
        id,
        text: text.to_string(),
        spans: spans_to_wire(spans),
    })
}

/// The worker reads a request.
pub fn read_request(bytes: &[u8]) -> Result<Request, WireError> {
    Ok(match decode(bytes)? {
        WRequest::Draft { id, text, spans } => Request::Draft {
            id,
            text,
            spans: spans_from_wire(spans),
        },
        WRequest::Spans { id, text, spans } => Request::Spans {
            id,
            text,
            spans: spans_from_wire(spans),
        },
    })
}

fn reads_to_wire(reads: &Reads) -> Vec<(Span, WRead)> {
    reads
        .iter()
        .map(|((a, b), read)| {
            let read = match read {
                Ok(f) => WRead::Figure(figure_to_wire(f)),
                Err(AddError::NoFigure) => WRead::NoFigure,
                Err(AddError::BadSpan | AddError::Already(_)) => WRead::BadSpan,
            };
            ((*a as u32, *b as u32), read)
        })
        .collect()
}

/// The worker's answer to a `Draft` request `id`: the text's reading and its selections'. A
/// rule the drafter never proposes (a reference range, a tension) is left out of the message.
pub fn reply(id: u32, read: Result<&Base, Bound>, reads: &Reads) -> Vec<u8> {
    let outcome = match read {
        Ok(b) => Outcome::Read(to_wire(b), reads_to_wire(reads)),
        Err(Bound::TooLong(n)) => Outcome::TooLong(n as u64),
    };
    encode(&WReply { id, outcome })
}

/// The worker's answer to a `Spans` request `id`.
pub fn spans_reply(id: u32, reads: &Reads) -> Vec<u8> {
    encode(&WReply {
        id,
        outcome: Outcome::Spans(reads_to_wire(reads)),
    })
}

/// A reply decoded but not yet checked: its id says whether it is still awaited.
pub struct Unchecked(WReply);

impl Unchecked {
    pub fn id(&self) -> u32 {
        self.0.id
    }

    /// The reply, each part checked: a drafted text must be `sent`, the text of the request, and
    /// every span must fall on its character boundaries.
    pub fn check(self, sent: &str) -> Result<Reply, WireError> {
        match self.0.outcome {
            Outcome::Read(b, reads) => {
                if b.text != sent {
                    return Err(WireError::Content("text"));
                }
                let base = from_wire(b)?;
                let reads = reads_from_wire(&base.draft.text, reads)?;
                Ok(Reply::Read(Ok(Box::new(base)), reads))
            }
            Outcome::TooLong(n) => Ok(Reply::Read(Err(Bound::TooLong(n as usize)), Vec::new())),
            Outcome::Spans(reads) => Ok(Reply::Spans(reads_from_wire(sent, reads)?)),
        }
    }
}

/// The page decodes the worker's answer (checked with [`Unchecked::check`] once it is known to
/// be awaited).
pub fn read_reply(bytes: &[u8]) -> Result<Unchecked, WireError> {
    decode(bytes).map(Unchecked)
}

fn reads_from_wire(text: &str, reads: Vec<(Span, WRead)>) -> Result<Reads, WireError> {
    let mut units = Units::new();
    reads
        .into_iter()
        .map(|(span, read)| {
            let r = range(text, span)?;
            let read = match read {
                WRead::Figure(f) => Ok(figure_from_wire(text, f, &mut units)?),
                WRead::BadSpan => Err(AddError::BadSpan),
                WRead::NoFigure => Err(AddError::NoFigure),
            };
            Ok(((r.start, r.end), read))
        })
        .collect()
}

/// Units already looked up: a draft names few units, each many times.
type Units = std::collections::HashMap<String, Unit>;

fn figure_to_wire(f: &DraftFigure) -> WFigure {
    WFigure {
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
    }
}

fn figure_from_wire(text: &str, f: WFigure, units: &mut Units) -> Result<DraftFigure, WireError> {
    let unit = match units.get(&f.unit) {
        Some(u) => u.clone(),
        None => {
            let u = crate::model::extract::unit(&f.unit).ok_or(WireError::Content("unit"))?;
            units.insert(f.unit.clone(), u.clone());
            u
        }
    };
    Ok(DraftFigure {
        span: range(text, f.span)?,
        number: range(text, f.number)?,
        sentence: range(text, f.sentence)?,
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
    })
}

fn to_wire(b: &Base) -> WBase {
    let d = &b.draft;
    WBase {
        text: d.text.clone(),
        paragraphs: d.paragraphs.iter().map(|p| (p.n, span(&p.span))).collect(),
        figures: d.figures.iter().map(figure_to_wire).collect(),
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
    let mut units = Units::new();
    let figures = w
        .figures
        .into_iter()
        .map(|f| figure_from_wire(&text, f, &mut units))
        .collect::<Result<Vec<_>, WireError>>()?;
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

    fn read(bytes: &[u8], sent: &str) -> Result<(u32, Reply), WireError> {
        let r = read_reply(bytes)?;
        let id = r.id();
        Ok((id, r.check(sent)?))
    }

    fn reads_of(base: &Base, spans: &[(usize, usize)]) -> Reads {
        spans
            .iter()
            .map(|&(a, b)| ((a, b), base.draft.read_span(a..b)))
            .collect()
    }

    #[test]
    fn a_reading_comes_back_whole() {
        let base = drafted(TEXT).unwrap();
        assert!(!base.draft.figures.is_empty());
        let at = TEXT.find("exceeded 21%").unwrap();
        let words = TEXT.find("Forest cover").unwrap();
        let spans = [(at, at + 12), (words, words + 12), (0, 0)];
        let reads = reads_of(&base, &spans);
        assert!(reads[0].1.is_ok());
        assert_eq!(reads[1].1, Err(AddError::NoFigure));
        assert_eq!(reads[2].1, Err(AddError::BadSpan));
        let (id, back) = read(&reply(7, Ok(&base), &reads), TEXT).unwrap();
        assert_eq!(id, 7);
        assert_eq!(
            back,
            Reply::Read(Ok(Box::new((*base).clone())), reads.clone())
        );
        let (id, back) = read(&reply(8, Err(Bound::TooLong(9)), &Vec::new()), TEXT).unwrap();
        assert_eq!(
            (id, back),
            (8, Reply::Read(Err(Bound::TooLong(9)), Vec::new()))
        );
        let (id, back) = read(&spans_reply(9, &reads), TEXT).unwrap();
        assert_eq!((id, back), (9, Reply::Spans(reads)));
        assert_eq!(
            read_request(&request(3, TEXT, &spans)).unwrap(),
            Request::Draft {
                id: 3,
                text: TEXT.to_string(),
                spans: spans.to_vec()
            }
        );
        assert_eq!(
            read_request(&spans_request(4, TEXT, &spans[..1])).unwrap(),
            Request::Spans {
                id: 4,
                text: TEXT.to_string(),
                spans: spans[..1].to_vec()
            }
        );
    }

    #[test]
    fn a_bad_reply_is_an_error() {
        let base = drafted(TEXT).unwrap();
        let good = reply(1, Ok(&base), &Vec::new());
        assert!(matches!(
            read_reply(&good[..good.len() / 2]),
            Err(WireError::Shape(_))
        ));
        assert!(read_reply(b"").is_err());
        // The answer to another text than the one sent.
        assert_eq!(
            read(&good, "another text").map(|_| ()),
            Err(WireError::Content("text"))
        );
        let mut w = to_wire(&base);
        w.figures[0].span = (0, w.text.len() as u32 + 5);
        let bytes = encode(&WReply {
            id: 1,
            outcome: Outcome::Read(w, Vec::new()),
        });
        assert_eq!(
            read(&bytes, TEXT).map(|_| ()),
            Err(WireError::Content("span"))
        );
        let mut w = to_wire(&base);
        w.figures[0].unit = "no such unit".into();
        let bytes = encode(&WReply {
            id: 1,
            outcome: Outcome::Read(w, Vec::new()),
        });
        assert_eq!(
            read(&bytes, TEXT).map(|_| ()),
            Err(WireError::Content("unit"))
        );
        // A selection's reading is checked against the text the page sent.
        let at = TEXT.find("exceeded 21%").unwrap();
        let reads = reads_of(&base, &[(at, at + 12)]);
        let short = &TEXT[..at];
        assert_eq!(
            read(&spans_reply(2, &reads), short).map(|_| ()),
            Err(WireError::Content("span"))
        );
        let mut fig = figure_to_wire(reads[0].1.as_ref().unwrap());
        fig.scale = 200;
        let bytes = encode(&WReply {
            id: 2,
            outcome: Outcome::Spans(vec![((at as u32, at as u32 + 12), WRead::Figure(fig))]),
        });
        assert_eq!(
            read(&bytes, TEXT).map(|_| ()),
            Err(WireError::Content("scale"))
        );
    }
}
