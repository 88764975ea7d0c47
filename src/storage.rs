//! What the app keeps in the browser between visits: the datasets the reader loaded and their view
//! settings. Each is one record under its own key: a header line naming the app, the record and
//! its format version, then the payload (`kezuohou-explorer/settings/1` then a query string;
//! `kezuohou-explorer/dataset/1` then the dataset's JSON text as loaded).
//!
//! Layout: every dataset under `kezuohou-explorer.dataset.<id>` (the id is a hash of its text, so
//! loading the same text twice keeps one copy), an index of their titles and load times under
//! `kezuohou-explorer.datasets`, the settings under `kezuohou-explorer.settings`; which dataset a
//! view shows is in the settings and the address (`ds=local:<id>`). The single dataset record of
//! earlier versions (`kezuohou-explorer.dataset`) is moved into this layout at start-up.
//!
//! The record format, the store and the `localStorage` layer (`web`) are in `record.rs`,
//! re-exported here; this module decides, purely and tested natively, which dataset and view a
//! visit starts with.
//!
//! Nothing read back is trusted: a stored dataset is validated again like any other input, and a
//! record that is damaged, from an older format version or invalid is dropped with a notice, the
//! visit starting from the built-in case. A dataset record from a newer format version is kept
//! (the reader may go back to that version): the notice says so and offers to remove it.

use crate::model::{DatasetError, Lang, Model, EMBEDDED_JSON};
use crate::state::{DatasetRef, Ignored, Source, ViewState};
use std::rc::Rc;

use crate::record::APP;
pub use crate::record::{
    dataset_id, dataset_key, decode, encode, web, MemoryStore, Problem, Record, Store,
    StoredDataset, DATASET_KEY, DATASET_PREFIX, FORMAT, INDEX_KEY, SETTINGS_KEY,
};

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
/// the next visit or restore something else. The language is not kept: the address decides it
/// (`/zh/` is Chinese), so a visit to another language's page leaves the settings whole.
pub fn settings_payload(view: &ViewState, model: &Model) -> Option<String> {
    let query = view.to_query_on(view.lang);
    let (back, ignored) = ViewState::from_query_on(&query, Some(model), view.lang);
    (ignored.is_empty() && back == view.linkable()).then_some(query)
}

/// The view a visit starts with on a page in `page`'s language: the address bar wins when it
/// has parameters, the stored settings apply when it has none, in the page's language.
pub fn choose_view(
    url_query: &str,
    stored: Option<&ViewState>,
    model: &Model,
    page: Lang,
) -> (ViewState, Vec<Ignored>) {
    let query = url_query.strip_prefix('?').unwrap_or(url_query);
    match stored {
        Some(view) if query.is_empty() => (
            ViewState {
                lang: page,
                ..view.clone()
            },
            Vec::new(),
        ),
        _ => ViewState::from_query_on(url_query, Some(model), page),
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
    /// The dataset shown, as the address names it ([`plan`] sets it).
    pub shown: DatasetRef,
    /// The datasets kept in this browser ([`plan`] lists them).
    pub datasets: Vec<StoredDataset>,
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
        shown: DatasetRef::Builtin,
        datasets: Vec::new(),
    })
}

/// A title as one field of an index line: tabs and line breaks would split it.
fn field(s: &str) -> String {
    s.chars()
        .map(|c| {
            if c == '\t' || c == '\n' || c == '\r' {
                ' '
            } else {
                c
            }
        })
        .collect()
}

/// The index's entries by id: `id \t loaded_ms \t title_en \t title_zh` per line. A damaged or
/// foreign index only costs the titles; the datasets are found by their keys.
fn read_index(store: &dyn Store) -> Vec<StoredDataset> {
    let Ok(Some(text)) = store.get(INDEX_KEY) else {
        return Vec::new();
    };
    let Ok(payload) = decode(Record::Index, &text) else {
        return Vec::new();
    };
    payload
        .lines()
        .filter_map(|line| {
            let mut f = line.split('\t');
            let id = f.next()?.to_string();
            let loaded_ms = f.next()?.parse().ok()?;
            Some(StoredDataset {
                id,
                loaded_ms,
                title_en: f.next()?.to_string(),
                title_zh: f.next()?.to_string(),
                newer: false,
            })
        })
        .filter(|d| crate::state::DatasetRef::valid_id(&d.id))
        .collect()
}

fn write_index(store: &mut dyn Store, entries: &[StoredDataset]) -> Result<(), Problem> {
    if entries.is_empty() {
        store.remove(INDEX_KEY);
        return Ok(());
    }
    let payload: Vec<String> = entries
        .iter()
        .map(|d| {
            format!(
                "{}\t{}\t{}\t{}",
                d.id,
                d.loaded_ms,
                field(&d.title_en),
                field(&d.title_zh)
            )
        })
        .collect();
    store.set(INDEX_KEY, &encode(Record::Index, &payload.join("\n")))
}

/// Every dataset kept in this browser, the latest loaded first. Records of a newer format are
/// listed (kept, unread); damaged ones are left out here and dropped when opened.
pub fn list(store: &dyn Store) -> Result<Vec<StoredDataset>, Problem> {
    let index = read_index(store);
    let mut out = Vec::new();
    for key in store.keys()? {
        let Some(id) = key.strip_prefix(DATASET_PREFIX) else {
            continue;
        };
        if !crate::state::DatasetRef::valid_id(id) {
            continue;
        }
        let newer = match store
            .get(&key)?
            .as_deref()
            .map(|t| decode(Record::Dataset, t))
        {
            Some(Ok(_)) => false,
            Some(Err(Problem::NewerFormat)) => true,
            _ => continue,
        };
        let position = index.iter().position(|d| d.id == id);
        let mut entry = position
            .and_then(|i| index.get(i))
            .cloned()
            .unwrap_or_else(|| StoredDataset {
                id: id.to_string(),
                title_en: String::new(),
                title_zh: String::new(),
                loaded_ms: 0,
                newer,
            });
        entry.newer = newer;
        out.push((position, entry));
    }
    // Latest first: `save` appends to the index, so its order is the order of loading; records
    // the index lost come last. (Placed by hand: a sort would add its code to the wasm.)
    let mut ordered = Vec::with_capacity(out.len());
    for i in (0..index.len()).rev() {
        if let Some(at) = out.iter().position(|(p, _)| *p == Some(i)) {
            ordered.push(out.swap_remove(at).1);
        }
    }
    ordered.extend(out.into_iter().map(|(_, d)| d));
    Ok(ordered)
}

/// Keep a validated dataset: its record, then its line in the index. When the browser refuses
/// (full), nothing of it is left half-written. Returns its id.
pub fn save(
    store: &mut dyn Store,
    text: &str,
    model: &Model,
    now_ms: u64,
) -> Result<String, Problem> {
    let id = dataset_id(text);
    let key = dataset_key(&id);
    store
        .set(&key, &encode(Record::Dataset, text))
        .inspect_err(|_| store.remove(&key))?;
    let mut index = read_index(store);
    index.retain(|d| d.id != id);
    index.push(StoredDataset {
        id: id.clone(),
        title_en: model.dataset.case.title.get(Lang::En).to_string(),
        title_zh: model.dataset.case.title.get(Lang::Zh).to_string(),
        loaded_ms: now_ms,
        newer: false,
    });
    write_index(store, &index).inspect_err(|_| store.remove(&key))?;
    Ok(id)
}

/// Remove one stored dataset and its index line.
pub fn remove_dataset(store: &mut dyn Store, id: &str) {
    store.remove(&dataset_key(id));
    let mut index = read_index(store);
    let before = index.len();
    index.retain(|d| d.id != id);
    if index.len() != before {
        // Shrinking never needs more room; a failure leaves a harmless extra line.
        let _ = write_index(store, &index);
    }
}

/// Remove every record of this app (datasets, index, settings, an earlier version's dataset).
pub fn remove_all(store: &mut dyn Store) {
    let prefix = format!("{APP}.");
    for key in store.keys().unwrap_or_default() {
        if key.starts_with(&prefix) {
            store.remove(&key);
        }
    }
}

/// Remove the records a newer version of the app wrote that this one keeps unread.
pub fn remove_newer(store: &mut dyn Store) {
    if let Ok(Some(text)) = store.get(DATASET_KEY) {
        if decode(Record::Dataset, &text) == Err(Problem::NewerFormat) {
            store.remove(DATASET_KEY);
        }
    }
    for d in list(store).unwrap_or_default() {
        if d.newer {
            remove_dataset(store, &d.id);
        }
    }
}

/// Open a stored dataset: validated again like any input. A record that cannot be used is
/// dropped (a newer one kept) and the problem returned.
pub fn open(store: &mut dyn Store, id: &str) -> Result<(Model, String), Problem> {
    let key = dataset_key(id);
    let text = store.get(&key)?.ok_or(Problem::Elsewhere)?;
    let json = match decode(Record::Dataset, &text) {
        Ok(json) => json,
        Err(Problem::NewerFormat) => return Err(Problem::NewerDatasetKept),
        Err(p) => {
            remove_dataset(store, id);
            return Err(p);
        }
    };
    match load_model(json) {
        Ok(m) => Ok((m, json.to_string())),
        Err(_) => {
            remove_dataset(store, id);
            Err(Problem::InvalidDataset)
        }
    }
}

/// Move the single dataset record of earlier versions into the new layout. Returns the id of
/// the dataset it held (the one the reader had in use) with its text. A record from a newer
/// version stays where it is (notice), a damaged, old or invalid one is dropped (notice).
fn migrate(store: &mut dyn Store, problems: &mut Vec<Problem>) -> Option<(String, String)> {
    let text = store.get(DATASET_KEY).ok().flatten()?;
    let json = match decode(Record::Dataset, &text) {
        Ok(json) => json,
        Err(Problem::NewerFormat) => {
            note(Problem::NewerDatasetKept, problems);
            return None;
        }
        Err(p) => {
            note(p, problems);
            store.remove(DATASET_KEY);
            return None;
        }
    };
    let Ok(model) = load_model(json) else {
        note(Problem::InvalidDataset, problems);
        store.remove(DATASET_KEY);
        return None;
    };
    let loaded = read_index(store)
        .iter()
        .map(|d| d.loaded_ms)
        .max()
        .unwrap_or(0);
    match save(store, json, &model, loaded) {
        Ok(id) => {
            store.remove(DATASET_KEY);
            Some((id, json.to_string()))
        }
        // No room for the copy: the old record stays, to be moved at the next visit.
        Err(p) => {
            note(p, problems);
            Some((dataset_id(json), json.to_string()))
        }
    }
}

fn note(p: Problem, problems: &mut Vec<Problem>) {
    if !problems.contains(&p) {
        problems.push(p);
    }
}

/// Whether a query names a dataset (`ds=…`, valid or not).
fn names_dataset(query: &str) -> bool {
    query
        .trim_start_matches('?')
        .split('&')
        .any(|p| p.split('=').next() == Some("ds"))
}

/// The start-up decision over the whole store: move an earlier version's record, pick the
/// dataset the address names (else the one the stored settings name, else the one just moved,
/// else the built-in case), read it and the settings, and drop what cannot be used.
pub fn plan(store: &mut dyn Store, url_query: &str) -> Result<Startup, Vec<DatasetError>> {
    let mut problems = Vec::new();
    let migrated = migrate(store, &mut problems);
    let settings = store.get(SETTINGS_KEY);
    let settings_query = match &settings {
        Ok(Some(text)) => decode(Record::Settings, text).ok(),
        _ => None,
    };
    let url_params = !url_query.trim_start_matches('?').is_empty();
    let named = if url_params {
        names_dataset(url_query).then(|| ViewState::from_query(url_query, None).0.dataset)
    } else {
        settings_query
            .filter(|q| names_dataset(q))
            .map(|q| ViewState::from_query(q, None).0.dataset)
    };
    let named = match (named, &migrated) {
        (Some(d), _) => d,
        (None, Some((id, _))) => DatasetRef::Local(id.clone()),
        (None, None) => DatasetRef::Builtin,
    };
    let dataset = match &named {
        DatasetRef::Builtin => Ok(None),
        DatasetRef::Local(id) => match store.get(&dataset_key(id)) {
            Ok(Some(text)) => Ok(Some(text)),
            Ok(None) => match &migrated {
                Some((m, json)) if m == id => Ok(Some(encode(Record::Dataset, json))),
                _ => {
                    note(Problem::Elsewhere, &mut problems);
                    Ok(None)
                }
            },
            Err(p) => Err(p),
        },
    };
    let mut s = startup(dataset, settings)?;
    for r in &s.discard {
        match (r, &named) {
            (Record::Dataset, DatasetRef::Local(id)) => remove_dataset(store, id),
            (Record::Dataset, DatasetRef::Builtin) | (Record::Index, _) => {}
            (Record::Settings, _) => store.remove(SETTINGS_KEY),
        }
    }
    for p in std::mem::take(&mut s.problems) {
        note(p, &mut problems);
    }
    s.problems = problems;
    s.shown = match s.source {
        Source::Stored => named,
        Source::Embedded | Source::File(_) | Source::Pasted => DatasetRef::Builtin,
    };
    if let Some(view) = &mut s.settings {
        view.dataset = s.shown.clone();
        // The moved dataset was shown by default before; now the settings name it.
        if migrated.is_some() {
            if let Some(payload) = settings_payload(view, &s.model) {
                let _ = store.set(SETTINGS_KEY, &encode(Record::Settings, &payload));
            }
        }
    }
    s.datasets = list(store).unwrap_or_default();
    Ok(s)
}
