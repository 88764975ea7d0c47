//! Typed errors for a dataset that cannot be used, each with the JSON path where it was found.

use super::limits::{cut, echo, id_bad_char, longer_than, ID_CHARSET, MAX_ID_CHARS};
use std::fmt;

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ErrorKind {
    /// Not JSON at all; line and column are 1-based.
    Syntax {
        line: usize,
        column: usize,
    },
    /// JSON, but a field is missing, mistyped or unexpected.
    Structure,
    UnsupportedVersion,
    TooLarge,
    EmptyId,
    DuplicateId,
    UnknownUnit,
    /// A `concept` code that the shared vocabulary (`concepts.rs`) does not have.
    UnknownConcept,
    MissingReference,
    DerivedCycle,
    NonFinite,
    Negative,
    PercentOutOfRange,
    UnitMismatch,
    WrongInputCount,
    BadPeriod,
    /// A text or an id longer than its bound (`limits.rs`).
    TooLong,
    /// An id with a character outside the documented set (`limits::ID_CHARSET`).
    InvalidId,
    /// A declared unit or an exchange rate that cannot be computed with (a factor or rate of
    /// zero or below, an unknown dimension, a code that clashes).
    BadUnit,
    /// More of something than the page can show (charts, panels, headline cards; `limits.rs`).
    TooMany,
    /// A language tag that is not well-formed BCP 47, a text in a language the dataset does not
    /// declare, or an own language outside the declared ones.
    Language,
}

impl ErrorKind {
    /// A stable code, for tests and for translating the category in the UI.
    pub fn code(&self) -> &'static str {
        match self {
            ErrorKind::Syntax { .. } => "syntax",
            ErrorKind::Structure => "structure",
            ErrorKind::UnsupportedVersion => "unsupported_version",
            ErrorKind::TooLarge => "too_large",
            ErrorKind::EmptyId => "empty_id",
            ErrorKind::DuplicateId => "duplicate_id",
            ErrorKind::UnknownUnit => "unknown_unit",
            ErrorKind::UnknownConcept => "unknown_concept",
            ErrorKind::MissingReference => "missing_reference",
            ErrorKind::DerivedCycle => "derived_cycle",
            ErrorKind::NonFinite => "non_finite",
            ErrorKind::Negative => "negative",
            ErrorKind::PercentOutOfRange => "percent_out_of_range",
            ErrorKind::UnitMismatch => "unit_mismatch",
            ErrorKind::WrongInputCount => "wrong_input_count",
            ErrorKind::BadPeriod => "bad_period",
            ErrorKind::TooLong => "too_long",
            ErrorKind::InvalidId => "invalid_id",
            ErrorKind::BadUnit => "bad_unit",
            ErrorKind::TooMany => "too_many",
            ErrorKind::Language => "language",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DatasetError {
    pub kind: ErrorKind,
    /// Where, as a JSON path such as `figures[3].unit` (`.` is the whole document).
    pub path: String,
    pub expected: String,
    pub found: String,
}

impl DatasetError {
    /// Each text is bounded (`limits::cut`): a message never repeats a megabyte of input.
    pub fn new(
        kind: ErrorKind,
        path: impl Into<String>,
        expected: impl Into<String>,
        found: impl Into<String>,
    ) -> Self {
        DatasetError {
            kind,
            path: cut(path.into()),
            expected: cut(expected.into()),
            found: cut(found.into()),
        }
    }

    /// From serde_json's failure to parse the text: the path comes from the position it reports.
    /// (Parsing yields a plain tree, so this is a syntax error; the structure is checked by
    /// `decode` afterwards.)
    pub fn from_serde(inner: &serde_json::Error, text: &str) -> Self {
        let line = inner.line();
        let column = inner.column();
        let kind = match inner.classify() {
            serde_json::error::Category::Data => ErrorKind::Structure,
            serde_json::error::Category::Io
            | serde_json::error::Category::Syntax
            | serde_json::error::Category::Eof => ErrorKind::Syntax { line, column },
        };
        DatasetError::new(
            kind,
            super::json_path::path_at(text, line, column),
            "valid JSON of the dataset format",
            strip_position(&inner.to_string()),
        )
    }
}

impl fmt::Display for DatasetError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} at {}", self.kind.code(), self.path)?;
        if let ErrorKind::Syntax { line, column } = self.kind {
            write!(f, " (line {line}, column {column})")?;
        }
        write!(f, ": expected {}, found {}", self.expected, self.found)
    }
}

fn strip_position(message: &str) -> String {
    match message.rfind(" at line ") {
        Some(i) => message[..i].to_string(),
        None => message.to_string(),
    }
}

/// What is wrong with an id that is not empty: too long, or a character outside the set.
pub(super) fn id_problem(id: &str, path: &dyn Fn() -> String) -> Option<DatasetError> {
    if longer_than(id, MAX_ID_CHARS) {
        return Some(DatasetError::new(
            ErrorKind::TooLong,
            path(),
            format!("an id of at most {MAX_ID_CHARS} characters"),
            format!("{} characters", id.chars().count()),
        ));
    }
    let (at, c) = id_bad_char(id)?;
    Some(DatasetError::new(
        ErrorKind::InvalidId,
        path(),
        format!("an id made of {ID_CHARSET}"),
        format!("{} (U+{:04X} at character {at})", echo(id), c as u32),
    ))
}
