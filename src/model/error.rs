//! Typed errors for a dataset that cannot be used, each with the JSON path where it was found.

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
    MissingReference,
    DerivedCycle,
    NonFinite,
    Negative,
    PercentOutOfRange,
    UnitMismatch,
    WrongInputCount,
    BadPeriod,
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
            ErrorKind::MissingReference => "missing_reference",
            ErrorKind::DerivedCycle => "derived_cycle",
            ErrorKind::NonFinite => "non_finite",
            ErrorKind::Negative => "negative",
            ErrorKind::PercentOutOfRange => "percent_out_of_range",
            ErrorKind::UnitMismatch => "unit_mismatch",
            ErrorKind::WrongInputCount => "wrong_input_count",
            ErrorKind::BadPeriod => "bad_period",
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
    pub fn new(
        kind: ErrorKind,
        path: impl Into<String>,
        expected: impl Into<String>,
        found: impl Into<String>,
    ) -> Self {
        DatasetError {
            kind,
            path: path.into(),
            expected: expected.into(),
            found: found.into(),
        }
    }

    /// From a serde_json failure: the path comes from the position it reports.
    pub fn from_serde(inner: &serde_json::Error, text: &str) -> Self {
        let path = super::json_path::path_at(text, inner.line(), inner.column());
        let line = inner.line();
        let column = inner.column();
        let message = strip_position(&inner.to_string());
        let (expected, found) = split_message(&message);
        let kind = match inner.classify() {
            serde_json::error::Category::Syntax | serde_json::error::Category::Eof => {
                ErrorKind::Syntax { line, column }
            }
            _ => ErrorKind::Structure,
        };
        DatasetError {
            kind,
            path,
            expected,
            found,
        }
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

/// serde_json says "invalid type: string \"x\", expected f64"; split that into its two halves.
fn split_message(message: &str) -> (String, String) {
    if let Some(rest) = message.strip_prefix("missing field ") {
        return (format!("field {rest}"), "nothing".to_string());
    }
    match message.split_once(", expected ") {
        Some((found, expected)) => {
            let found = found
                .trim_start_matches("invalid type: ")
                .trim_start_matches("invalid value: ");
            (expected.to_string(), found.to_string())
        }
        None => (
            "valid JSON of the dataset format".to_string(),
            message.to_string(),
        ),
    }
}
