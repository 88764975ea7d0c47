//! What the app keeps in the browser between visits: the datasets the reader loaded and their view
//! settings. Each is one record under its own key: a header line naming the app, the record and
//! its format version, then the payload (`kezuohou-explorer/settings/1` then a query string;
//! `kezuohou-explorer/dataset/1` then the dataset's JSON text as loaded).
//!
//! Layout: every dataset's text in IndexedDB under its id (`texts.rs`; the id is the SHA-256
//! digest of its text, so loading the same text twice keeps one copy), beside the settings in
//! `localStorage` its titles and load time under `kezuohou-explorer.about.<id>`, the settings
//! under `kezuohou-explorer.settings`; which dataset a view shows is in the settings and the
//! address (`ds=local:<id>`). Earlier versions kept the texts in `localStorage`
//! (`kezuohou-explorer.dataset.<id>`, before that one `kezuohou-explorer.dataset` and a shared
//! index): [`plan`] moves those records to today's ids, reads a text still there as before, and
//! [`texts_to_move`] / [`moved_out`] carry them into IndexedDB. Here a [`Store`] holding texts
//! stands for either (a memory store for IndexedDB in native tests).
//!
//! The record format, the store and the `localStorage` layer (`web`) are in `record.rs`,
//! re-exported here; this module decides, purely and tested natively, which dataset and view a
//! visit starts with.
//!
//! Nothing read back is trusted: a stored dataset is validated again like any other input, and a
//! record that is damaged, from an older format version or invalid is dropped with a notice, the
//! visit starting from the built-in case. A dataset record from a newer format version is kept
//! (the reader may go back to that version): the notice says so and offers to remove it.

use crate::model::pace::Pace;
use crate::model::{DatasetError, Lang, Model, EMBEDDED_JSON};
use crate::state::{DatasetRef, Ignored, Source, ViewState};
use std::cell::RefCell;
use std::rc::Rc;

pub use crate::record::About;
pub use crate::record::{
    about_key, dataset_id, dataset_key, decode, encode, is_digest_id, moved_key, unkept_key, web,
    MemoryStore, Problem, Record, Store, StoredDataset, ABOUT_PREFIX, DATASET_KEY, DATASET_PREFIX,
    FORMAT, INDEX_KEY, MOVED_PREFIX, SETTINGS_KEY, UNKEPT_PREFIX,
};
pub use crate::record::{set_case_scope, settings_key};
use crate::record::{APP, MAX_ABOUT_BYTES, MAX_ABOUT_TITLES};

thread_local! {
    /// The dataset this page is about when it is not the embedded one: the case a published
    /// site's page carries (set once at start-up; the prerender sets it for each case it writes).
    static BUILTIN: RefCell<Option<Rc<str>>> = const { RefCell::new(None) };
}

/// The text of the page's own dataset ([`DatasetRef::Builtin`]): the case the page carries,
/// else the one embedded in the app.
pub fn builtin_json() -> Rc<str> {
    BUILTIN.with(|b| {
        b.borrow()
            .clone()
            .unwrap_or_else(|| Rc::from(EMBEDDED_JSON))
    })
}

/// Make `text` the page's own dataset (`None`: the embedded one again).
pub fn set_builtin_json(text: Option<Rc<str>>) {
    BUILTIN.with(|b| *b.borrow_mut() = text);
}

/// The id of the element in which a published site's page carries its case's JSON text.
pub const CASE_DATA_ID: &str = "case-data";

/// The view settings kept in a settings record, checked against the dataset in use. Anything
/// the query does not understand makes the whole record suspect: it is dropped, not half-used.
pub fn parse_settings(stored: &str, model: &Model) -> Result<ViewState, Problem> {
    if stored.len() > crate::model::limits::MAX_SETTINGS_BYTES {
        return Err(Problem::Corrupt);
    }
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

/// A kept dataset read ahead in slices (`read_ahead`), so that reopening a large one leaves the
/// page responsive: the digest of its text and its model, which [`plan_with`] takes in place of
/// computing them in one go. Made from the very record `plan_with` is then given.
pub struct ReadAhead {
    digest: String,
    model: Result<Model, Vec<DatasetError>>,
}

/// What [`plan_with`] would compute of a kept dataset's record, with the pace pausing between
/// slices; `None` when the record is not a dataset's (`plan_with` says why).
pub async fn read_ahead(record: &str, pace: &mut Pace<'_>) -> Option<ReadAhead> {
    use sha2::Digest;
    const CHUNK: usize = 1 << 20;
    let json = decode(Record::Dataset, record).ok()?;
    let mut sha = sha2::Sha256::new();
    for chunk in json.as_bytes().chunks(CHUNK) {
        sha.update(chunk);
        pace.step().await;
    }
    let digest = crate::record::hex(&sha.finalize());
    let model = Model::from_json_paced(json, pace).await;
    Some(ReadAhead { digest, model })
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
    /// The dataset the address or the settings name, kept in IndexedDB: read asynchronously,
    /// then [`plan_with`] decides again with its text. Until then nothing is shown of the visit
    /// (the settings are not read against the built-in case).
    pub pending: Option<String>,
    /// A dataset text read from IndexedDB that could not be used: the caller deletes it there
    /// (its titles record here is already removed).
    pub drop_text: Option<String>,
}

/// Decide the model, source and settings of a visit. `dataset` and `settings` are the stored
/// records (`Err` when storage could not be read at all). Fails only when the built-in dataset
/// itself is invalid.
pub fn startup(
    dataset: Result<Option<String>, Problem>,
    settings: Result<Option<String>, Problem>,
) -> Result<Startup, Vec<DatasetError>> {
    startup_ahead(dataset, settings, None)
}

/// [`startup`], with the dataset's model already read when `ahead` is given.
fn startup_ahead(
    dataset: Result<Option<String>, Problem>,
    settings: Result<Option<String>, Problem>,
    ahead: Option<ReadAhead>,
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
            Ok(json) => match ahead.map_or_else(|| load_model(json), |a| a.model) {
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
        Some((m, json)) => (m, Source::Stored, Rc::from(json)),
        None => {
            let text = builtin_json();
            (load_model(&text)?, Source::Embedded, text)
        }
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
        text,
        settings,
        problems,
        discard,
        shown: DatasetRef::Builtin,
        datasets: Vec::new(),
        pending: None,
        drop_text: None,
    })
}

/// An earlier version's index of every dataset: `id \t loaded_ms \t title_en \t title_zh` per
/// line, read once to move each title beside its dataset. A damaged, foreign or oversized index
/// only costs the titles.
fn read_old_index(store: &dyn Store) -> Vec<(String, About)> {
    let Ok(Some(text)) = store.get(INDEX_KEY) else {
        return Vec::new();
    };
    // No more lines than datasets could fit in a browser's storage, each within input bounds.
    if text.len() > 64 * MAX_ABOUT_BYTES {
        return Vec::new();
    }
    let Ok(payload) = decode(Record::Index, &text) else {
        return Vec::new();
    };
    payload
        .lines()
        .filter_map(|line| {
            let mut f = line.split('\t');
            let id = f.next()?.to_string();
            let loaded_ms = f.next()?.parse().ok()?;
            let titles = [("en", f.next()?), ("zh", f.next()?)]
                .into_iter()
                .filter(|(_, t)| !t.is_empty())
                .map(|(tag, t)| (tag.to_string(), t.to_string()))
                .collect();
            let about = About { loaded_ms, titles };
            // Checked as it will be read back: within bounds, or left out.
            About::read(&about.write()).ok()?;
            DatasetRef::valid_id(&id).then_some((id, about))
        })
        .collect()
}

/// A stored dataset's titles and load time; `None` when missing or refused (a refused record is
/// removed: the list then shows the dataset by its id).
fn read_about(store: &mut dyn Store, id: &str) -> Option<About> {
    let key = about_key(id);
    let text = store.get(&key).ok().flatten()?;
    match About::read(&text) {
        Ok(about) => Some(about),
        Err(_) => {
            store.remove(&key);
            None
        }
    }
}

/// The titles of a dataset as its record keeps them: each of its languages, a few at most.
pub fn about_of(model: &Model, now_ms: u64) -> About {
    About {
        loaded_ms: now_ms,
        titles: model
            .dataset
            .case
            .title
            .iter()
            .take(MAX_ABOUT_TITLES)
            .map(|(tag, t)| (tag.to_string(), t.to_string()))
            .collect(),
    }
}

/// Every dataset kept in this browser, the latest loaded first. Records of a newer format are
/// listed (kept, unread); damaged ones are left out here and dropped when opened. Each
/// dataset's titles come from its own record, checked against input bounds before use.
pub fn list(store: &mut dyn Store) -> Result<Vec<StoredDataset>, Problem> {
    // Left by a move that did not fit: its titles still name what was not moved.
    let old_index = read_old_index(store);
    let mut out = Vec::new();
    let keys = store.keys()?;
    // Kept in IndexedDB: listed by the titles record kept here, which is written once the text
    // is stored there (a text still in this store is listed below, with its record's format).
    let here: std::collections::BTreeSet<&str> = keys
        .iter()
        .filter_map(|k| k.strip_prefix(DATASET_PREFIX))
        .collect();
    let in_db: Vec<String> = keys
        .iter()
        .filter_map(|k| k.strip_prefix(ABOUT_PREFIX))
        .filter(|id| DatasetRef::valid_id(id) && !here.contains(id))
        .map(str::to_string)
        .collect();
    for id in in_db {
        let about = read_about(store, &id).unwrap_or_else(|| {
            // Refused (and removed): the dataset stays listed, by its id.
            let _ = store.set(&about_key(&id), &About::default().write());
            About::default()
        });
        out.push(StoredDataset {
            id,
            titles: about.titles,
            loaded_ms: about.loaded_ms,
            newer: false,
        });
    }
    for key in &keys {
        let Some(id) = key.strip_prefix(DATASET_PREFIX) else {
            continue;
        };
        if !DatasetRef::valid_id(id) {
            continue;
        }
        let newer = match store
            .get(key)?
            .as_deref()
            .map(|t| decode(Record::Dataset, t))
        {
            Some(Ok(_)) => false,
            Some(Err(Problem::NewerFormat)) => true,
            _ => continue,
        };
        let about = read_about(store, id)
            .or_else(|| {
                let (_, a) = old_index.iter().find(|(old, _)| old == id)?;
                Some(a.clone())
            })
            .unwrap_or_default();
        out.push(StoredDataset {
            id: id.to_string(),
            titles: about.titles,
            loaded_ms: about.loaded_ms,
            newer,
        });
    }
    // Latest first; the same time (or none known) by id, so every tab lists them alike.
    out.sort_by(|a, b| b.loaded_ms.cmp(&a.loaded_ms).then_with(|| a.id.cmp(&b.id)));
    Ok(out)
}

/// Keep a validated dataset: its record, then its titles beside it. When the browser refuses
/// (full), nothing of it is left half-written. Returns its id. A record found under that id
/// is replaced: the id is the text's digest, so the text is what belongs there.
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
    kept(store, &id, &about_of(model, now_ms)).inspect_err(|_| store.remove(&key))?;
    Ok(id)
}

/// A dataset's text is stored (in IndexedDB, or beside this in a test's store): write its
/// titles record, last, so that the list, and other tabs through the `storage` event, see it
/// only once its text is there; a note that it could not be kept goes.
pub fn kept(store: &mut dyn Store, id: &str, about: &About) -> Result<(), Problem> {
    store.set(&about_key(id), &about.write())?;
    store.remove(&unkept_key(id));
    Ok(())
}

/// Note that a dataset could not be kept (the browser was full), so that a link to it says so.
/// Best effort: a browser too full for these few bytes says nothing more.
pub fn note_unkept(store: &mut dyn Store, text: &str, model: &Model, now_ms: u64) -> String {
    let id = dataset_id(text);
    let _ = store.set(&unkept_key(&id), &about_of(model, now_ms).write());
    id
}

/// Remove one stored dataset and its titles.
pub fn remove_dataset(store: &mut dyn Store, id: &str) {
    store.remove(&dataset_key(id));
    store.remove(&about_key(id));
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
    let got = store.get(&dataset_key(id));
    open_text(store, id, got, None)
}

/// Open a dataset from its stored record as read (from IndexedDB, or `store` itself): `None`,
/// not kept (its titles record, if any, goes: the list no longer shows it). On a damaged or
/// invalid record its titles go too and the problem says so; [`discards_text`] tells the caller
/// to delete the record where it read it.
pub fn open_text(
    store: &mut dyn Store,
    id: &str,
    got: Result<Option<String>, Problem>,
    ahead: Option<ReadAhead>,
) -> Result<(Model, String), Problem> {
    let Some(text) = got? else {
        let p = missing(store, id);
        store.remove(&about_key(id));
        return Err(p);
    };
    let json = match verified_as(id, &text, ahead.as_ref()) {
        Ok(json) => json,
        Err(Problem::NewerFormat) => return Err(Problem::NewerDatasetKept),
        Err(p) => {
            remove_dataset(store, id);
            return Err(p);
        }
    };
    match ahead.map_or_else(|| load_model(json), |a| a.model) {
        Ok(m) => Ok((m, json.to_string())),
        Err(_) => {
            remove_dataset(store, id);
            Err(Problem::InvalidDataset)
        }
    }
}

/// Whether opening a stored dataset failed because of its record, which is then useless (it is
/// deleted); otherwise it stays where it is.
pub fn discards_text(p: Problem) -> bool {
    match p {
        Problem::Corrupt | Problem::OldFormat | Problem::InvalidDataset => true,
        Problem::NewerFormat
        | Problem::NewerDatasetKept
        | Problem::Full
        | Problem::Unavailable
        | Problem::Elsewhere
        | Problem::NotKept => false,
    }
}

/// The dataset texts kept in this store (earlier versions kept them in `localStorage`) that
/// move to IndexedDB: each digest id with its stored record, checked as when it is opened. A
/// newer version's record stays (kept, unread); a damaged one is left for opening to drop; one
/// under an earlier id moves to its digest first ([`plan`]).
pub fn texts_to_move(store: &dyn Store) -> Vec<(String, String)> {
    let Ok(keys) = store.keys() else {
        return Vec::new();
    };
    keys.iter()
        .filter_map(|k| k.strip_prefix(DATASET_PREFIX))
        .filter(|id| is_digest_id(id))
        .filter_map(|id| {
            let text = store.get(&dataset_key(id)).ok().flatten()?;
            verified(id, &text).ok()?;
            Some((id.to_string(), text))
        })
        .collect()
}

/// A text stored in IndexedDB under `id`: its copy here goes, and its titles record stays
/// (the list reads it), written from the text when an earlier version left none.
pub fn moved_out(store: &mut dyn Store, id: &str, record: &str) {
    store.remove(&dataset_key(id));
    if matches!(store.get(&about_key(id)), Ok(Some(_))) {
        return;
    }
    let about = decode(Record::Dataset, record)
        .ok()
        .and_then(|json| load_model(json).ok())
        .map(|m| about_of(&m, 0))
        .unwrap_or_default();
    let _ = store.set(&about_key(id), &about.write());
}

/// Why a dataset the address names is not here: the browser refused to keep it, or it never was
/// (another browser's link, or removed).
fn missing(store: &dyn Store, id: &str) -> Problem {
    match store.get(&unkept_key(id)) {
        Ok(Some(_)) => Problem::NotKept,
        Ok(None) | Err(_) => Problem::Elsewhere,
    }
}

/// A stored dataset record's payload, checked before it is parsed: no larger than input may be,
/// and under a digest id its text must have that digest (a record planted under another text's
/// id is refused, so a link always opens the text it was made for).
fn verified<'a>(id: &str, stored: &'a str) -> Result<&'a str, Problem> {
    verified_as(id, stored, None)
}

/// [`verified`], with the text's digest already computed when `ahead` is given.
fn verified_as<'a>(
    id: &str,
    stored: &'a str,
    ahead: Option<&ReadAhead>,
) -> Result<&'a str, Problem> {
    if stored.len() > crate::model::MAX_DATASET_BYTES + 64 {
        return Err(Problem::Corrupt);
    }
    let json = decode(Record::Dataset, stored)?;
    let digest = || ahead.map_or_else(|| dataset_id(json), |a| a.digest.clone());
    if is_digest_id(id) && digest() != id {
        return Err(Problem::Corrupt);
    }
    Ok(json)
}

/// Move the records of earlier versions into today's layout: each dataset under the digest of
/// its text (its earlier id pointing there, so old links and settings still find it), and the
/// shared index's titles beside each dataset. Nothing is lost: a dataset that cannot be moved
/// (the browser is full) stays where it is, under its earlier id, and is moved at a later visit.
fn upgrade_ids(store: &mut dyn Store, problems: &mut Vec<Problem>) {
    let old_index = read_old_index(store);
    let Ok(keys) = store.keys() else {
        return;
    };
    for key in keys {
        let Some(old) = key.strip_prefix(DATASET_PREFIX) else {
            continue;
        };
        if is_digest_id(old) || !DatasetRef::valid_id(old) {
            continue;
        }
        let Ok(Some(text)) = store.get(&key) else {
            continue;
        };
        let id = match decode(Record::Dataset, &text) {
            Ok(json) => dataset_id(json),
            // A newer version's record stays as it is; that version knows its ids.
            Err(Problem::NewerFormat) => continue,
            Err(_) => {
                store.remove(&key);
                continue;
            }
        };
        // Moved by removing first: the copy and the original may not fit side by side.
        store.remove(&key);
        if let Err(p) = store.set(&dataset_key(&id), &text) {
            note(p, problems);
            let _ = store.set(&key, &text);
            continue;
        }
        let about = old_index
            .iter()
            .find(|(i, _)| i == old)
            .map(|(_, a)| a.clone())
            .unwrap_or_default();
        let _ = store.set(&about_key(&id), &about.write());
        let _ = store.set(&moved_key(old), &encode(Record::Moved, &id));
    }
    // Titles of datasets that could not be moved stay readable under their earlier ids; the
    // old index goes once nothing still needs it.
    let mut kept = true;
    for (old, about) in &old_index {
        if store.get(&dataset_key(old)).ok().flatten().is_some() {
            kept &= store.set(&about_key(old), &about.write()).is_ok();
        }
    }
    if kept {
        store.remove(INDEX_KEY);
    }
}

/// The id a dataset the address names is kept under now: itself, or where an earlier version's
/// id of it moved.
fn current_id(store: &dyn Store, id: &str) -> String {
    if let Ok(Some(_)) = store.get(&dataset_key(id)) {
        return id.to_string();
    }
    match store.get(&moved_key(id)) {
        Ok(Some(text)) if text.len() < 256 => match decode(Record::Moved, &text) {
            Ok(to) if is_digest_id(to) => to.to_string(),
            _ => id.to_string(),
        },
        _ => id.to_string(),
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
    // Placed after what the reader loaded since: the single record was the earliest.
    let loaded = 0;
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
    plan_with(store, url_query, None, None)
}

/// [`plan`], given what IndexedDB answered for the dataset a first plan left pending
/// ([`Startup::pending`]): its id and its stored record (`None`: not there). A dataset kept in
/// `store` itself (an earlier version's) is read there, as before it moves.
pub fn plan_with(
    store: &mut dyn Store,
    url_query: &str,
    read: Option<(&str, Result<Option<String>, Problem>)>,
    mut ahead: Option<ReadAhead>,
) -> Result<Startup, Vec<DatasetError>> {
    let mut problems = Vec::new();
    upgrade_ids(store, &mut problems);
    let migrated = migrate(store, &mut problems);
    let settings = store.get(&settings_key());
    let settings_query = match &settings {
        Ok(Some(text)) => decode(Record::Settings, text).ok().map(str::to_string),
        _ => None,
    };
    let settings_named = settings_query
        .as_deref()
        .filter(|q| names_dataset(q))
        .map(|q| ViewState::from_query(q, None).0.dataset);
    let url_params = !url_query.trim_start_matches('?').is_empty();
    let named = if url_params {
        names_dataset(url_query).then(|| ViewState::from_query(url_query, None).0.dataset)
    } else {
        settings_named.clone()
    };
    let named = match (named, &migrated) {
        // An earlier version's id finds the dataset where it moved.
        (Some(DatasetRef::Local(id)), _) => DatasetRef::Local(current_id(store, &id)),
        (Some(DatasetRef::Builtin), _) => DatasetRef::Builtin,
        (None, Some((id, _))) => DatasetRef::Local(id.clone()),
        (None, None) => DatasetRef::Builtin,
    };
    let mut pending = None;
    let mut drop_text = None;
    let dataset = match &named {
        DatasetRef::Builtin => {
            ahead = None;
            Ok(None)
        }
        DatasetRef::Local(id) => {
            let here = store.get(&dataset_key(id));
            let from_db = !matches!(here, Ok(Some(_)));
            // What was read ahead is of the text read from IndexedDB, and of no other.
            let read_from_db = matches!((&here, &migrated, &read),
                (Ok(None), m, Some((r, _))) if *r == id && m.as_ref().is_none_or(|(m, _)| m != id));
            if !read_from_db {
                ahead = None;
            }
            let got = match (here, &migrated, read) {
                (Ok(Some(text)), _, _) => Ok(Some(text)),
                (Ok(None), Some((m, json)), _) if m == id => {
                    Ok(Some(encode(Record::Dataset, json)))
                }
                (Ok(None), _, Some((r, got))) if r == id => got,
                (Ok(None), _, _) => {
                    pending = Some(id.clone());
                    Ok(None)
                }
                (Err(p), _, _) => Err(p),
            };
            match got {
                Ok(Some(text)) => match verified_as(id, &text, ahead.as_ref()) {
                    Ok(_) | Err(Problem::NewerFormat) => Ok(Some(text)),
                    Err(p) => {
                        note(p, &mut problems);
                        remove_dataset(store, id);
                        drop_text = from_db.then(|| id.clone());
                        Ok(None)
                    }
                },
                Ok(None) if pending.is_some() => Ok(None),
                Ok(None) => {
                    note(missing(store, id), &mut problems);
                    store.remove(&about_key(id));
                    Ok(None)
                }
                Err(p) => Err(p),
            }
        }
    };
    // The settings are read against the dataset they were made for: not before it is here.
    let settings = if pending.is_some() {
        Ok(None)
    } else {
        settings
    };
    let mut s = startup_ahead(dataset, settings, ahead)?;
    s.pending = pending;
    s.drop_text = drop_text;
    for r in &s.discard {
        match (r, &named) {
            (Record::Dataset, DatasetRef::Local(id)) => {
                remove_dataset(store, id);
                // Wherever it was read: deleting it where it is not costs nothing.
                s.drop_text = Some(id.clone());
            }
            (Record::Dataset, DatasetRef::Builtin)
            | (Record::Index | Record::About | Record::Moved, _) => {}
            (Record::Settings, _) => store.remove(&settings_key()),
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
        // The moved dataset was shown by default before, or the settings named it by an
        // earlier id: now they name it by today's.
        let renamed = matches!((&settings_named, &s.shown),
            (Some(DatasetRef::Local(was)), DatasetRef::Local(now)) if was != now);
        if migrated.is_some() || renamed {
            if let Some(payload) = settings_payload(view, &s.model) {
                let _ = store.set(&settings_key(), &encode(Record::Settings, &payload));
            }
        }
    }
    s.datasets = list(store).unwrap_or_default();
    Ok(s)
}
