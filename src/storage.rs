//! What the app keeps in the browser between visits: the dataset the reader loaded and their view
//! settings, each one record under its own key (the record format and the `localStorage` layer
//! are in `record.rs`, re-exported here). This module decides, purely and tested natively, which
//! dataset and view a visit starts with.
//!
//! Nothing read back is trusted: a stored dataset is validated again like any other input, and a
//! record that is damaged, from an older format version or invalid is dropped with a notice, the
//! visit starting from the built-in case. A dataset record from a newer format version is kept
//! (the reader may go back to that version): the notice says so and offers to remove it.

use crate::model::{DatasetError, Model, EMBEDDED_JSON};
use crate::state::{Ignored, Source, ViewState};
use std::rc::Rc;

pub use crate::record::{decode, encode, web, Problem, Record, DATASET_KEY, FORMAT, SETTINGS_KEY};

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
        Some(_) | None => ViewState::from_query(url_query, Some(model)),
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
