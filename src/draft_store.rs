//! The draft under review, kept in the browser: its text and the reviewer's changes in order
//! (added, edited, dropped figures; accepted relations). Reloading drafts the text again and
//! replays the changes, so the record stays small and never holds a second copy of the
//! extractor's output. A record of its own, separate from the stored dataset:
//! `kezuohou-explorer/draft/1`, the text's length in bytes, the text, then one change a line.
//!
//! Pure and tested natively; `web` is the thin layer over `localStorage`. A record that cannot be
//! read (damaged, another format version, a change that does not apply) is removed with a
//! notice: the reviewer starts with no draft, the app keeps working.

use crate::model::extract::{self, decimal, draft, Draft};
use crate::model::{Period, Qualifier, Scale, Unit};

pub const KEY: &str = "kezuohou-explorer.draft";
const HEADER: &str = "kezuohou-explorer/draft/";
pub const FORMAT: u32 = 1;

/// One change the reviewer made, replayed in order.
#[derive(Debug, Clone, PartialEq)]
pub enum Op {
    /// Add the figure read in this byte span of the text.
    Add(usize, usize),
    Label(usize, String),
    /// The value as typed (read with the extractor's decimal reader).
    Value(usize, String),
    Scale(usize, Scale),
    Unit(usize, Unit),
    Qualifier(usize, Qualifier),
    Period(usize, Period),
    Drop(usize),
    Accept(usize, bool),
}

/// Why the draft is not (or no longer) kept.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Problem {
    /// Damaged, from another format version, or a change that does not apply: removed.
    Corrupt,
    /// The browser refused to store it (quota).
    Full,
    /// No storage here (disabled or blocked).
    Unavailable,
}

/// Apply one change; `false` when it does not apply (an index past the end, a bad value).
pub fn apply(d: &mut Draft, op: &Op) -> bool {
    let fig = |d: &mut Draft, i: usize| d.figures.get_mut(i).is_some();
    match op {
        Op::Add(s, e) => d.add_from_span(*s..*e).is_ok(),
        Op::Drop(i) => {
            let ok = fig(d, *i);
            d.drop_figure(*i);
            ok
        }
        Op::Accept(k, on) => match d.relations.get_mut(*k) {
            Some(r) => {
                r.accepted = *on;
                true
            }
            None => false,
        },
        Op::Label(i, l) if !l.trim().is_empty() => set(d, *i, |f| f.label = l.clone()),
        Op::Label(..) => false,
        Op::Value(i, v) => match decimal(v).filter(|x| x.is_finite() && *x >= 0.0) {
            Some(x) => set(d, *i, |f| f.value = x),
            None => false,
        },
        Op::Scale(i, s) => set(d, *i, |f| f.scale = *s),
        Op::Unit(i, u) => set(d, *i, |f| f.unit = u.clone()),
        Op::Qualifier(i, q) => set(d, *i, |f| f.qualifier = *q),
        Op::Period(i, p) => set(d, *i, |f| f.period = p.clone()),
    }
}

fn set(
    d: &mut Draft,
    i: usize,
    change: impl FnOnce(&mut crate::model::extract::DraftFigure),
) -> bool {
    match d.figures.get_mut(i) {
        Some(f) => {
            change(f);
            true
        }
        None => false,
    }
}

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
    let rest = &s[1..];
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

fn op_line(op: &Op) -> String {
    match op {
        Op::Add(s, e) => format!("a\t{s}\t{e}"),
        Op::Label(i, l) => format!("l\t{i}\t{}", escape(l)),
        Op::Value(i, v) => format!("v\t{i}\t{}", escape(v)),
        Op::Scale(i, s) => format!("s\t{i}\t{}", s.code()),
        Op::Unit(i, u) => format!("u\t{i}\t{}", u.code()),
        Op::Qualifier(i, q) => format!("q\t{i}\t{}", q.code()),
        Op::Period(i, p) => format!("p\t{i}\t{}", period_code(p)),
        Op::Drop(i) => format!("d\t{i}"),
        Op::Accept(k, on) => format!("r\t{k}\t{}", u8::from(*on)),
    }
}

fn parse_op(line: &str) -> Option<Op> {
    let mut parts = line.split('\t');
    let kind = parts.next()?;
    let i: usize = parts.next()?.parse().ok()?;
    let arg = parts.next();
    if parts.next().is_some() {
        return None;
    }
    let op = match (kind, arg) {
        ("a", Some(e)) => Op::Add(i, e.parse().ok()?),
        ("l", Some(l)) => Op::Label(i, unescape(l)?),
        ("v", Some(v)) => Op::Value(i, unescape(v)?),
        ("s", Some(c)) => Op::Scale(i, Scale::ALL.iter().copied().find(|s| s.code() == c)?),
        // The drafter's own counted units ({well}) as well as the vocabulary's.
        ("u", Some(c)) => Op::Unit(i, extract::unit(c)?),
        ("q", Some(c)) => Op::Qualifier(i, Qualifier::ALL.iter().copied().find(|q| q.code() == c)?),
        ("p", Some(c)) => Op::Period(i, parse_period(c)?),
        ("d", None) => Op::Drop(i),
        ("r", Some("0")) => Op::Accept(i, false),
        ("r", Some("1")) => Op::Accept(i, true),
        _ => return None,
    };
    Some(op)
}

/// The stored form of a draft: its text and the changes made to it.
pub fn encode(text: &str, ops: &[Op]) -> String {
    let mut out = format!("{HEADER}{FORMAT}\n{}\n", text.len());
    out.push_str(text);
    for op in ops {
        out.push('\n');
        out.push_str(&op_line(op));
    }
    out
}

/// The text and changes of a stored record, or `Corrupt`.
pub fn decode(stored: &str) -> Result<(String, Vec<Op>), Problem> {
    let bad = Problem::Corrupt;
    let rest = stored.strip_prefix(HEADER).ok_or(bad)?;
    let (version, rest) = rest.split_once('\n').ok_or(bad)?;
    if version != FORMAT.to_string() {
        return Err(bad);
    }
    let (len, rest) = rest.split_once('\n').ok_or(bad)?;
    if len.is_empty() || len.len() > 9 || !len.bytes().all(|b| b.is_ascii_digit()) {
        return Err(bad);
    }
    let len: usize = len.parse().map_err(|_| bad)?;
    if len > rest.len() || !rest.is_char_boundary(len) {
        return Err(bad);
    }
    let (text, ops) = rest.split_at(len);
    let ops = match ops.strip_prefix('\n') {
        Some(lines) => lines.split('\n').map(parse_op).collect::<Option<Vec<_>>>(),
        None if ops.is_empty() => Some(Vec::new()),
        None => None,
    }
    .ok_or(bad)?;
    Ok((text.to_string(), ops))
}

/// The draft a stored record holds: the text drafted again, every change replayed.
pub fn restore(stored: &str) -> Result<(Draft, Vec<Op>), Problem> {
    let (text, ops) = decode(stored)?;
    let mut d = draft(&text);
    for op in &ops {
        if !apply(&mut d, op) {
            return Err(Problem::Corrupt);
        }
    }
    Ok((d, ops))
}

/// `localStorage`, every call failing softly into a `Problem`.
pub mod web {
    use super::{Problem, KEY};

    fn storage() -> Result<web_sys::Storage, Problem> {
        crate::record::web::local_storage().ok_or(Problem::Unavailable)
    }

    pub fn read() -> Result<Option<String>, Problem> {
        storage()?.get_item(KEY).map_err(|_| Problem::Unavailable)
    }

    /// Store the record; when the browser refuses, the old one goes too, so a reload never
    /// brings back an older draft than the one on screen.
    pub fn write(stored: &str) -> Result<(), Problem> {
        let s = storage()?;
        s.set_item(KEY, stored).map_err(|_| {
            let _ = s.remove_item(KEY);
            Problem::Full
        })
    }

    pub fn remove() {
        if let Ok(s) = storage() {
            let _ = s.remove_item(KEY);
        }
    }
}
