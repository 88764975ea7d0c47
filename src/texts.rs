//! The reader's dataset texts, kept in IndexedDB: `localStorage` holds about 5 MB an origin,
//! and the app accepts files up to `MAX_DATASET_BYTES`. One object store, `datasets`, maps a
//! dataset's id (the SHA-256 digest of its text, `record::dataset_id`) to its stored record (the
//! same header line and text as `record::encode` writes), kept as UTF-8 bytes in pieces of at
//! most [`PIECE`] bytes under `<id>`, `<id>/001`, `<id>/002`…: Chromium refuses a value whose
//! serialization passes 127 MiB, and a JavaScript string of text beyond Latin-1 (any Chinese)
//! serializes at two bytes a character, so a 100 MB dataset kept as one string is refused.
//! Everything small stays in
//! `localStorage` (`record.rs`): the settings, each dataset's titles record (`about.<id>`,
//! written once its text is stored here, so the list and other tabs, through the `storage`
//! event, see a dataset only once it is whole), the notes of moved and unkept datasets.
//!
//! Every call fails softly into a [`Problem`]: `Full` when the browser's quota is reached
//! (`QuotaExceededError`), `Unavailable` when there is no IndexedDB here or it cannot be opened.
//! Nothing here panics, and a failed call leaves what was kept as it was.

use crate::model::pace::Pace;
use crate::record::Problem;
use idb::{
    Database, DatabaseEvent, Factory, KeyRange, ObjectStoreParams, TransactionMode,
    TransactionResult,
};
use wasm_bindgen::{JsCast, JsValue};

/// The database's name: the app's first name, as every record's (`record::APP`).
pub const DB_NAME: &str = crate::record::APP;
/// The object store of dataset texts.
pub const STORE: &str = "datasets";
const VERSION: u32 = 1;
/// The most bytes one stored value holds: well under Chromium's 127 MiB limit on a value, and
/// small enough that the browser hands one piece back within a short task (reading a 32 MB
/// piece held the page about 120–155 ms). Records kept in larger pieces by an earlier version
/// read the same.
pub const PIECE: usize = 8 << 20;

/// Bytes of a piece copied into the text between two looks at the pace's clock.
pub const COPY_SLICE: usize = 4 << 20;

/// The key of a record's `n`th piece: the id itself for the first, `<id>/001` after it (three
/// digits keep them in order, and `MAX_DATASET_BYTES` needs far fewer than a thousand).
pub fn piece_key(id: &str, n: usize) -> String {
    if n == 0 {
        id.to_string()
    } else {
        format!("{id}/{n:03}")
    }
}

/// Every key of one record's pieces: from the id to the id followed by `/` and the last
/// character. Ids are digests of one length in hex digits, so no other record's key falls inside.
fn pieces(id: &str) -> Result<KeyRange, Problem> {
    let (low, high) = (
        JsValue::from_str(id),
        JsValue::from_str(&format!("{id}/\u{ffff}")),
    );
    KeyRange::bound(&low, &high, None, None).map_err(|e| problem(&e))
}

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

/// The stored record of a dataset, `None` when none is kept under `id` (or what is kept there
/// was not written by this app: pieces that are not bytes, or bytes that are not UTF-8). Read a
/// piece at a time, each in its own transaction, and copied into the text a slice at a time, the
/// pace pausing between slices: a 100 MB record never holds the page for long.
pub async fn get(id: &str, pace: &mut Pace<'_>) -> Result<Option<String>, Problem> {
    let db = open().await?;
    let count = {
        let tx = db
            .transaction(&[STORE], TransactionMode::ReadOnly)
            .map_err(|e| problem(&e))?;
        let store = tx.object_store(STORE).map_err(|e| problem(&e))?;
        store
            .count(Some(pieces(id)?.into()))
            .map_err(|e| problem(&e))?
            .await
            .map_err(|e| problem(&e))?
    };
    let mut text = String::new();
    // The bytes of a character cut by a slice's end, until the next slice completes it.
    let mut carry: Vec<u8> = Vec::new();
    for n in 0.. {
        // A transaction ends once a task leaves it without a request: one per piece lets the
        // page breathe between them.
        let tx = db
            .transaction(&[STORE], TransactionMode::ReadOnly)
            .map_err(|e| problem(&e))?;
        let store = tx.object_store(STORE).map_err(|e| problem(&e))?;
        let value = store
            .get(JsValue::from_str(&piece_key(id, n)))
            .map_err(|e| problem(&e))?
            .await
            .map_err(|e| problem(&e))?;
        let Some(value) = value else {
            break;
        };
        let Ok(array) = value.dyn_into::<js_sys::Uint8Array>() else {
            return Ok(None);
        };
        let len = array.length();
        // Room for every piece at once (all but the last are as long as the first): growing
        // the text piece by piece would copy it again at each doubling, in one task each.
        // (Bounded by what the app accepts, and asked for softly: a damaged store cannot make
        // it abort.)
        if n == 0 {
            let room = (len as usize).saturating_mul(count as usize);
            let _ = text.try_reserve(room.min(crate::model::MAX_DATASET_BYTES + 64));
        }
        let mut at = 0;
        while at < len {
            let end = at.saturating_add(COPY_SLICE as u32).min(len);
            let from = carry.len();
            carry.resize(from + (end - at) as usize, 0);
            array.subarray(at, end).copy_to(&mut carry[from..]);
            match std::str::from_utf8(&carry) {
                Ok(valid) => {
                    text.push_str(valid);
                    carry.clear();
                }
                // A character cut by the slice's end: its first bytes wait for the next slice.
                Err(e) if e.error_len().is_none() => {
                    let whole = e.valid_up_to();
                    let Ok(valid) = std::str::from_utf8(&carry[..whole]) else {
                        return Ok(None);
                    };
                    text.push_str(valid);
                    carry.drain(..whole);
                }
                Err(_) => return Ok(None),
            }
            at = end;
            pace.step().await;
        }
    }
    Ok((!text.is_empty() && carry.is_empty()).then_some(text))
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

/// Keep a dataset's stored record under its id, in pieces of at most [`PIECE`] bytes, in place
/// of any kept there before (the id is its digest, so that is the same text).
pub async fn put(id: &str, record: &str) -> Result<(), Problem> {
    let range = pieces(id)?;
    let values: Vec<(JsValue, JsValue)> = record
        .as_bytes()
        .chunks(PIECE)
        .enumerate()
        .map(|(n, piece)| {
            let key = JsValue::from_str(&piece_key(id, n));
            (key, js_sys::Uint8Array::from(piece).into())
        })
        .collect();
    write(move |store| {
        store.delete(range)?;
        for (key, value) in &values {
            store.put(value, Some(key))?;
        }
        Ok(())
    })
    .await
}

/// Delete the dataset kept under `id`, every piece (nothing when there is none).
pub async fn delete(id: &str) -> Result<(), Problem> {
    let range = pieces(id)?;
    write(move |store| store.delete(range).map(drop)).await
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
