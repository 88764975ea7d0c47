//! The reader's dataset texts, kept in IndexedDB: `localStorage` holds about 5 MB an origin,
//! and the app accepts files up to `MAX_DATASET_BYTES`. One object store, `datasets`, maps a
//! dataset's id (the SHA-256 digest of its text, `record::dataset_id`) to its stored record (the
//! same header line and text as `record::encode` writes). Everything small stays in
//! `localStorage` (`record.rs`): the settings, each dataset's titles record (`about.<id>`,
//! written once its text is stored here, so the list and other tabs, through the `storage`
//! event, see a dataset only once it is whole), the notes of moved and unkept datasets.
//!
//! Every call fails softly into a [`Problem`]: `Full` when the browser's quota is reached
//! (`QuotaExceededError`), `Unavailable` when there is no IndexedDB here or it cannot be opened.
//! Nothing here panics, and a failed call leaves what was kept as it was.

use crate::record::Problem;
use idb::{
    Database, DatabaseEvent, Factory, ObjectStoreParams, TransactionMode, TransactionResult,
};
use wasm_bindgen::JsValue;

/// The database's name: the app's first name, as every record's (`record::APP`).
pub const DB_NAME: &str = crate::record::APP;
/// The object store of dataset texts.
pub const STORE: &str = "datasets";
const VERSION: u32 = 1;

thread_local! {
    /// The database once opened, for the rest of the visit.
    static DB: std::cell::RefCell<Option<web_sys::IdbDatabase>> = const { std::cell::RefCell::new(None) };
}

/// What went wrong, as the reader is told: the quota reached, or no database.
fn problem(e: &idb::Error) -> Problem {
    match e {
        idb::Error::DomException(x) if x.name() == "QuotaExceededError" => Problem::Full,
        _ => Problem::Unavailable,
    }
}

async fn open() -> Result<Database, Problem> {
    if let Some(db) = DB.with(|d| d.borrow().clone()) {
        return Ok(Database::from(db));
    }
    let factory = Factory::new().map_err(|e| problem(&e))?;
    let mut request = factory
        .open(DB_NAME, Some(VERSION))
        .map_err(|e| problem(&e))?;
    request.on_upgrade_needed(|event| {
        let Ok(db) = event.database() else { return };
        if !db.store_names().iter().any(|n| n == STORE) {
            let _ = db.create_object_store(STORE, ObjectStoreParams::new());
        }
    });
    let db = request.await.map_err(|e| problem(&e))?;
    let raw = web_sys::IdbDatabase::from(db);
    DB.with(|d| *d.borrow_mut() = Some(raw.clone()));
    Ok(Database::from(raw))
}

/// The stored record of a dataset, `None` when none is kept under `id`.
pub async fn get(id: &str) -> Result<Option<String>, Problem> {
    let db = open().await?;
    let tx = db
        .transaction(&[STORE], TransactionMode::ReadOnly)
        .map_err(|e| problem(&e))?;
    let store = tx.object_store(STORE).map_err(|e| problem(&e))?;
    let value = store
        .get(JsValue::from_str(id))
        .map_err(|e| problem(&e))?
        .await
        .map_err(|e| problem(&e))?;
    // Anything but a string under our key was not written by this app: not kept.
    Ok(value.and_then(|v| v.as_string()))
}

/// Run a read-write transaction on the store and wait for it to commit. A transaction the
/// browser aborts (the quota reached, most often, reported on the transaction) is its error.
async fn write(
    action: impl FnOnce(&idb::ObjectStore) -> Result<(), idb::Error>,
) -> Result<(), Problem> {
    let db = open().await?;
    let tx = db
        .transaction(&[STORE], TransactionMode::ReadWrite)
        .map_err(|e| problem(&e))?;
    let store = tx.object_store(STORE).map_err(|e| problem(&e))?;
    // The same transaction, to read its error once the awaited one has ended.
    let again = store.transaction();
    action(&store).map_err(|e| problem(&e))?;
    match tx.await {
        Ok(TransactionResult::Committed) => Ok(()),
        Ok(TransactionResult::Aborted) => Err(match again.error() {
            Some(x) => problem(&idb::Error::DomException(x)),
            None => Problem::Unavailable,
        }),
        Err(e) => Err(problem(&e)),
    }
}

/// Keep a dataset's stored record under its id (replacing one there: the id is its digest).
pub async fn put(id: &str, record: &str) -> Result<(), Problem> {
    let (key, value) = (JsValue::from_str(id), JsValue::from_str(record));
    write(move |store| store.put(&value, Some(&key)).map(drop)).await
}

/// Delete the dataset kept under `id` (nothing when there is none).
pub async fn delete(id: &str) -> Result<(), Problem> {
    let key = JsValue::from_str(id);
    write(move |store| store.delete(key).map(drop)).await
}

/// Delete every dataset text.
pub async fn clear() -> Result<(), Problem> {
    write(|store| store.clear().map(drop)).await
}

/// Ask the browser to keep this origin's storage until the reader removes it
/// (`navigator.storage.persist()`); `None` when the browser has no such call.
pub async fn ask_persistent() -> Option<bool> {
    let storage = web_sys::window()?.navigator().storage();
    let promise = storage.persist().ok()?;
    let answer = wasm_bindgen_futures::JsFuture::from(promise).await.ok()?;
    answer.as_bool()
}

/// Whether the browser keeps this origin's storage until the reader removes it, without asking.
pub async fn is_persistent() -> Option<bool> {
    let storage = web_sys::window()?.navigator().storage();
    let promise = storage.persisted().ok()?;
    let answer = wasm_bindgen_futures::JsFuture::from(promise).await.ok()?;
    answer.as_bool()
}
