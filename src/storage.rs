//! What the app keeps in the browser between visits: the dataset the reader loaded and their view
//! settings. Each is one record under its own key: a header line naming the app, the record and
//! its format version, then the payload (`kezuohou-explorer/settings/1` then a query string;
//! `kezuohou-explorer/dataset/1` then the dataset's JSON text as loaded).
//!
//! Everything that decides (record format, version check, which dataset and view a visit starts
//! with) is pure and tested natively; `web` is the thin layer over `localStorage`.
//!
//! Nothing read back is trusted: a stored dataset is validated again like any other input, and a
//! record that is damaged, from an older format version or invalid is dropped with a notice, the
//! visit starting from the built-in case. A dataset record from a newer format version is kept
//! (the reader may go back to that version): the notice says so and offers to remove it.

use crate::model::{DatasetError, Model, EMBEDDED_JSON};
use crate::state::{Ignored, Source, ViewState};
use std::rc::Rc;

/// The record format this build writes and reads.
pub const FORMAT: u32 = 1;
pub const SETTINGS_KEY: &str = "kezuohou-explorer.settings";
pub const DATASET_KEY: &str = "kezuohou-explorer.dataset";
const APP: &str = "kezuohou-explorer";

/// Something wrong with the browser storage, shown to the reader as a notice.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Problem {
    /// A record this app cannot make sense of (damaged, or not written by it).
    Corrupt,
    /// Written by an older version of the app in a format this one no longer reads.
    OldFormat,
    /// Written by a newer version of the app (settings: dropped).
    NewerFormat,
    /// A dataset written by a newer version of the app: kept, unread, until the reader removes
    /// it or stores another dataset.
    NewerDatasetKept,
    /// The stored dataset no longer passes validation.
    InvalidDataset,
    /// The browser refused to store more (quota exceeded).
    Full,
    /// The browser allows no storage here (disabled, or blocked).
    Unavailable,
}

impl Problem {
    /// A stable code, for tests.
    pub fn code(self) -> &'static str {
        match self {
            Problem::Corrupt => "corrupt",
            Problem::OldFormat => "old_format",
            Problem::NewerFormat => "newer_format",
            Problem::NewerDatasetKept => "newer_dataset_kept",
            Problem::InvalidDataset => "invalid_dataset",
            Problem::Full => "full",
            Problem::Unavailable => "unavailable",
        }
    }
}

/// Which record: the header names it so one is never read as the other.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Record {
    Settings,
    Dataset,
}

impl Record {
    fn name(self) -> &'static str {
        match self {
            Record::Settings => "settings",
            Record::Dataset => "dataset",
        }
    }
    pub fn key(self) -> &'static str {
        match self {
            Record::Settings => SETTINGS_KEY,
            Record::Dataset => DATASET_KEY,
        }
    }
}

/// The stored form of a payload.
pub fn encode(record: Record, payload: &str) -> String {
    let mut out = String::with_capacity(payload.len() + 32);
    out.push_str(APP);
    out.push('/');
    out.push_str(record.name());
    out.push('/');
    out.push_str(&FORMAT.to_string());
    out.push('\n');
    out.push_str(payload);
    out
}

/// The payload of a stored record, or what is wrong with it.
pub fn decode(record: Record, stored: &str) -> Result<&str, Problem> {
    let (header, payload) = stored.split_once('\n').ok_or(Problem::Corrupt)?;
    let rest = header
        .strip_prefix(APP)
        .and_then(|r| r.strip_prefix('/'))
        .and_then(|r| r.strip_prefix(record.name()))
        .and_then(|r| r.strip_prefix('/'))
        .ok_or(Problem::Corrupt)?;
    // Digits only: `u32::from_str` would also take a leading '+'.
    if rest.is_empty() || rest.len() > 9 || !rest.bytes().all(|b| b.is_ascii_digit()) {
        return Err(Problem::Corrupt);
    }
    let version: u32 = rest.parse().map_err(|_| Problem::Corrupt)?;
    match version.cmp(&FORMAT) {
        std::cmp::Ordering::Less => Err(Problem::OldFormat),
        std::cmp::Ordering::Greater => Err(Problem::NewerFormat),
        std::cmp::Ordering::Equal => Ok(payload),
    }
}

/// The view settings kept in a settings record, checked against the dataset in use. Anything
/// the query does not understand makes the whole record suspect: it is dropped, not half-used.
pub fn parse_settings(stored: &str, model: &Model) -> Result<ViewState, Problem> {
    let query = decode(Record::Settings, stored)?;
    if !query.is_empty() && !query.starts_with('?') {
        return Err(Problem::Corrupt);
    }
    let (view, ignored) = ViewState::from_query(query, Some(model));
    if ignored.is_empty() {
        Ok(view)
    } else {
        Err(Problem::Corrupt)
    }
}

/// The settings record's payload for this view, when it reads back as the view the address bar
/// shows ([`ViewState::linkable`]); `None` when it would not: such a record would be refused at
/// the next visit or restore something else.
pub fn settings_payload(view: &ViewState, model: &Model) -> Option<String> {
    let query = view.to_query();
    let (back, ignored) = ViewState::from_query(&query, Some(model));
    (ignored.is_empty() && back == view.linkable()).then_some(query)
}

/// The view a visit starts with: the address bar wins when it has parameters, the stored
/// settings apply when it has none.
pub fn choose_view(
    url_query: &str,
    stored: Option<&ViewState>,
    model: &Model,
) -> (ViewState, Vec<Ignored>) {
    let query = url_query.strip_prefix('?').unwrap_or(url_query);
    match stored {
        Some(view) if query.is_empty() => (view.clone(), Vec::new()),
        _ => ViewState::from_query(url_query, Some(model)),
    }
}

/// Parse and validate a dataset. Every caller in the app goes through this one function, kept out
/// of line, so the parser and validator are in the wasm once rather than inlined at each caller.
#[inline(never)]
pub fn load_model(text: &str) -> Result<Model, Vec<DatasetError>> {
    Model::from_json(text)
}

/// What a visit starts from, decided from what the browser has stored.
#[derive(Debug, Clone, PartialEq)]
pub struct Startup {
    pub model: Rc<Model>,
    pub source: Source,
    /// The JSON text the model was read from.
    pub text: Rc<str>,
    /// The stored view settings, when they were readable.
    pub settings: Option<ViewState>,
    pub problems: Vec<Problem>,
    /// Records to delete because they could not be used.
    pub discard: Vec<Record>,
}

/// Decide the model, source and settings of a visit. `dataset` and `settings` are the stored
/// records (`Err` when storage could not be read at all). Fails only when the built-in dataset
/// itself is invalid.
pub fn startup(
    dataset: Result<Option<String>, Problem>,
    settings: Result<Option<String>, Problem>,
) -> Result<Startup, Vec<DatasetError>> {
    fn note(p: Problem, problems: &mut Vec<Problem>) {
        if !problems.contains(&p) {
            problems.push(p);
        }
    }
    let mut problems = Vec::new();
    let mut discard = Vec::new();
    let stored_model = match &dataset {
        Ok(Some(text)) => match decode(Record::Dataset, text) {
            Ok(json) => match load_model(json) {
                Ok(m) => Some((m, json)),
                Err(_) => {
                    note(Problem::InvalidDataset, &mut problems);
                    discard.push(Record::Dataset);
                    None
                }
            },
            // Perhaps the reader's only copy, from a version they may go back to: kept.
            Err(Problem::NewerFormat) => {
                note(Problem::NewerDatasetKept, &mut problems);
                None
            }
            Err(p) => {
                note(p, &mut problems);
                discard.push(Record::Dataset);
                None
            }
        },
        Ok(None) => None,
        Err(p) => {
            note(*p, &mut problems);
            None
        }
    };
    let (model, source, text) = match stored_model {
        Some((m, json)) => (m, Source::Stored, json),
        None => (load_model(EMBEDDED_JSON)?, Source::Embedded, EMBEDDED_JSON),
    };
    let settings = match &settings {
        Ok(Some(text)) => match parse_settings(text, &model) {
            Ok(view) => Some(view),
            Err(p) => {
                note(p, &mut problems);
                discard.push(Record::Settings);
                None
            }
        },
        Ok(None) => None,
        Err(p) => {
            note(*p, &mut problems);
            None
        }
    };
    Ok(Startup {
        model: Rc::new(model),
        source,
        text: text.into(),
        settings,
        problems,
        discard,
    })
}

/// `localStorage`, every call failing softly into a `Problem`.
pub mod web {
    use super::{Problem, Record};

    fn storage() -> Result<web_sys::Storage, Problem> {
        web_sys::window()
            .ok_or(Problem::Unavailable)?
            .local_storage()
            .ok()
            .flatten()
            .ok_or(Problem::Unavailable)
    }

    pub fn read(record: Record) -> Result<Option<String>, Problem> {
        storage()?
            .get_item(record.key())
            .map_err(|_| Problem::Unavailable)
    }

    /// Store a payload. When the browser refuses (full), the old record is removed too, so a
    /// reload never brings back something other than what is in use.
    pub fn write(record: Record, payload: &str) -> Result<(), Problem> {
        let s = storage()?;
        let text = super::encode(record, payload);
        s.set_item(record.key(), &text).map_err(|_| {
            let _ = s.remove_item(record.key());
            Problem::Full
        })
    }

    pub fn remove(record: Record) {
        if let Ok(s) = storage() {
            let _ = s.remove_item(record.key());
        }
    }
}
