//! The records the app keeps in the browser, as bytes: a header line naming the app, the record
//! and its format version, then the payload (`kezuohou-explorer/settings/1` then a query string;
//! `kezuohou-explorer/dataset/1` then the dataset's JSON text as loaded), what can be wrong with
//! one, the key-value store they live in (`localStorage`, a map in tests) and the index entry of
//! a stored dataset. Knows nothing of the view state or the model: `storage.rs` decides what a
//! visit starts from, `state.rs` shows the problems, and both depend on this module, not on each
//! other.

use crate::model::codes::code_table;
use crate::model::Lang;
use std::collections::BTreeMap;

/// The record format this build writes and reads.
pub const FORMAT: u32 = 1;
pub const SETTINGS_KEY: &str = "kezuohou-explorer.settings";
/// Where earlier versions kept their one dataset; read once, to move it into the new layout.
pub const DATASET_KEY: &str = "kezuohou-explorer.dataset";
/// Each dataset's key is this prefix and its id.
pub const DATASET_PREFIX: &str = "kezuohou-explorer.dataset.";
pub const INDEX_KEY: &str = "kezuohou-explorer.datasets";
pub const APP: &str = "kezuohou-explorer";

code_table! {
    /// Something wrong with the browser storage, shown to the reader as a notice.
    #[derive(Debug, Clone, Copy, PartialEq, Eq)]
    pub enum Problem {
        /// A record this app cannot make sense of (damaged, or not written by it).
        Corrupt = "corrupt",
        /// Written by an older version of the app in a format this one no longer reads.
        OldFormat = "old_format",
        /// Written by a newer version of the app (settings: dropped).
        NewerFormat = "newer_format",
        /// A dataset written by a newer version of the app: kept, unread, until the reader removes
        /// it or stores another dataset.
        NewerDatasetKept = "newer_dataset_kept",
        /// The stored dataset no longer passes validation.
        InvalidDataset = "invalid_dataset",
        /// The browser refused to store more (quota exceeded).
        Full = "full",
        /// The browser allows no storage here (disabled, or blocked).
        Unavailable = "unavailable",
        /// The address names a dataset of the reader's that this browser does not hold (the link
        /// was made in another browser, or the dataset was removed).
        Elsewhere = "elsewhere",
    }
}

/// Which record: the header names it so one is never read as the other.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Record {
    Settings,
    Dataset,
    /// The titles and load times of the stored datasets.
    Index,
}

impl Record {
    fn name(self) -> &'static str {
        match self {
            Record::Settings => "settings",
            Record::Dataset => "dataset",
            Record::Index => "datasets",
        }
    }
    /// The key of the record's single instance (datasets: the earlier versions' one).
    pub fn key(self) -> &'static str {
        match self {
            Record::Settings => SETTINGS_KEY,
            Record::Dataset => DATASET_KEY,
            Record::Index => INDEX_KEY,
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

/// A key–value store with the shape of `localStorage`: the browser's in the app, a map in tests.
pub trait Store {
    fn get(&self, key: &str) -> Result<Option<String>, Problem>;
    fn set(&mut self, key: &str, value: &str) -> Result<(), Problem>;
    fn remove(&mut self, key: &str);
    fn keys(&self) -> Result<Vec<String>, Problem>;
}

/// A store in memory, with an optional quota in bytes (keys and values), as browsers have.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct MemoryStore {
    pub items: BTreeMap<String, String>,
    pub quota: Option<usize>,
}

impl Store for MemoryStore {
    fn get(&self, key: &str) -> Result<Option<String>, Problem> {
        Ok(self.items.get(key).cloned())
    }
    fn set(&mut self, key: &str, value: &str) -> Result<(), Problem> {
        let used: usize = self
            .items
            .iter()
            .filter(|(k, _)| k.as_str() != key)
            .map(|(k, v)| k.len() + v.len())
            .sum();
        if self
            .quota
            .is_some_and(|q| used + key.len() + value.len() > q)
        {
            return Err(Problem::Full);
        }
        self.items.insert(key.into(), value.into());
        Ok(())
    }
    fn remove(&mut self, key: &str) {
        self.items.remove(key);
    }
    fn keys(&self) -> Result<Vec<String>, Problem> {
        Ok(self.items.keys().cloned().collect())
    }
}

/// A dataset kept in the browser, as the panel lists it.
#[derive(Debug, Clone, PartialEq)]
pub struct StoredDataset {
    pub id: String,
    /// The case title in English and Chinese, from the index (empty when the index lost it).
    pub title_en: String,
    pub title_zh: String,
    /// When it was loaded, in milliseconds since 1970 (0 when unknown); the list follows the
    /// index's order, which is the order of loading.
    pub loaded_ms: u64,
    /// Written by a newer version of the app: kept, unread, until the reader removes it.
    pub newer: bool,
}

impl StoredDataset {
    pub fn title(&self, lang: Lang) -> &str {
        // The index keeps a title per tag (English and Chinese): the reader's language's, else
        // the first one it has.
        let titles = [("en", &self.title_en), ("zh", &self.title_zh)];
        titles
            .iter()
            .find(|(tag, t)| *tag == lang.code() && !t.is_empty())
            .or_else(|| titles.iter().find(|(_, t)| !t.is_empty()))
            .map_or("", |(_, t)| t.as_str())
    }
}

/// The key of a stored dataset.
pub fn dataset_key(id: &str) -> String {
    format!("{DATASET_PREFIX}{id}")
}

/// A dataset's id: 64-bit FNV-1a of its text, in hex. The same text gets the same id, so it is
/// kept once however often it is loaded.
pub fn dataset_id(text: &str) -> String {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in text.bytes() {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    (0..16)
        .rev()
        .map(|i| char::from(b"0123456789abcdef"[((h >> (i * 4)) & 0xf) as usize]))
        .collect()
}

/// `localStorage`, every call failing softly into a `Problem`.
pub mod web {
    use super::{Problem, Record};

    /// The page's `localStorage`, if the browser gives one (also read by the draft's record).
    pub(crate) fn local_storage() -> Option<web_sys::Storage> {
        web_sys::window()?.local_storage().ok().flatten()
    }

    fn storage() -> Result<web_sys::Storage, Problem> {
        local_storage().ok_or(Problem::Unavailable)
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

    /// The page's `localStorage` as a [`super::Store`].
    pub struct LocalStore;

    impl super::Store for LocalStore {
        fn get(&self, key: &str) -> Result<Option<String>, Problem> {
            storage()?.get_item(key).map_err(|_| Problem::Unavailable)
        }
        fn set(&mut self, key: &str, value: &str) -> Result<(), Problem> {
            storage()?.set_item(key, value).map_err(|_| Problem::Full)
        }
        fn remove(&mut self, key: &str) {
            if let Ok(s) = storage() {
                let _ = s.remove_item(key);
            }
        }
        fn keys(&self) -> Result<Vec<String>, Problem> {
            let s = storage()?;
            let n = s.length().map_err(|_| Problem::Unavailable)?;
            Ok((0..n).filter_map(|i| s.key(i).ok().flatten()).collect())
        }
    }

    /// Milliseconds since 1970, for the order of the stored datasets.
    pub fn now_ms() -> u64 {
        js_sys::Date::now().max(0.0) as u64
    }
}
