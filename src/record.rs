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
/// Where earlier versions kept the titles of every dataset in one shared record (tab-separated
/// lines); read once, to move each title beside its dataset.
pub const INDEX_KEY: &str = "kezuohou-explorer.datasets";
/// Each dataset's titles and load time: this prefix and its id.
pub const ABOUT_PREFIX: &str = "kezuohou-explorer.about.";
/// An earlier id of a dataset (prefix and old id) holds its id now.
pub const MOVED_PREFIX: &str = "kezuohou-explorer.moved.";
/// A dataset that could not be kept (prefix and id) holds its titles.
pub const UNKEPT_PREFIX: &str = "kezuohou-explorer.unkept.";
/// The name in every record's header and key: the app's first name, kept when the crate became
/// `case-explorer`, since readers' browsers hold records under it.
pub const APP: &str = "kezuohou-explorer";

thread_local! {
    /// The case whose page this is, on a published site's page of its own (`None`: the site's
    /// main page, or the app as built).
    static CASE_SCOPE: std::cell::RefCell<Option<String>> = const { std::cell::RefCell::new(None) };
}

/// Keep this page's settings apart from other cases' pages of the same site (set once at
/// start-up, before anything is read). The stored datasets stay shared: one library per site.
pub fn set_case_scope(case_id: Option<&str>) {
    CASE_SCOPE.with(|c| *c.borrow_mut() = case_id.map(str::to_string));
}

/// The key of the reader's settings on this page: [`SETTINGS_KEY`] on the main page, with the
/// case's id appended (`…settings@<id>`) on a case's own page, whose figures and charts differ.
pub fn settings_key() -> String {
    CASE_SCOPE.with(|c| match c.borrow().as_deref() {
        Some(id) => format!("{SETTINGS_KEY}@{id}"),
        None => SETTINGS_KEY.to_string(),
    })
}

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
        /// The address names a dataset this browser refused to keep when it was loaded (full).
        NotKept = "not_kept",
    }
}

code_table! {
    /// Which record: the header names it so one is never read as the other.
    #[derive(Debug, Clone, Copy, PartialEq, Eq)]
    pub enum Record {
        Settings = "settings",
        Dataset = "dataset",
        /// Earlier versions' titles and load times of the stored datasets, in one record.
        Index = "datasets",
        /// One dataset's titles and load time.
        About = "about",
        /// An earlier id of a dataset: the payload is its id now.
        Moved = "moved",
    }
}

impl Record {
    /// The key of the record's single instance (datasets: the earlier versions' one); `None`
    /// for the records kept one per dataset.
    pub fn key(self) -> Option<String> {
        match self {
            Record::Settings => Some(settings_key()),
            Record::Dataset => Some(DATASET_KEY.to_string()),
            Record::Index => Some(INDEX_KEY.to_string()),
            Record::About | Record::Moved => None,
        }
    }
}

/// The stored form of a payload.
pub fn encode(record: Record, payload: &str) -> String {
    let mut out = String::with_capacity(payload.len() + 32);
    out.push_str(APP);
    out.push('/');
    out.push_str(record.code());
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
        .and_then(|r| r.strip_prefix(record.code()))
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

/// A dataset kept in the browser, as the panel lists it (and as the page hands the list to the
/// comparison's module, in JSON: `components/on_demand.rs`).
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct StoredDataset {
    pub id: String,
    /// The case title by language tag, as the dataset gives it (empty when its record of titles
    /// is lost or refused).
    pub titles: Vec<(String, String)>,
    /// When it was loaded, in milliseconds since 1970 (0 when unknown); the list is latest first.
    pub loaded_ms: u64,
    /// Written by a newer version of the app: kept, unread, until the reader removes it.
    pub newer: bool,
}

impl StoredDataset {
    /// The title in the reader's language, else the first the dataset has.
    pub fn title(&self, lang: Lang) -> &str {
        let given = |t: &&(String, String)| !t.1.is_empty();
        self.titles
            .iter()
            .filter(given)
            .find(|(tag, _)| tag == lang.code())
            .or_else(|| self.titles.iter().find(given))
            .map_or("", |(_, t)| t.as_str())
    }
}

/// What is kept beside each dataset, under its own key (`about.<id>`): its titles and when it was
/// loaded. One record per dataset, so two tabs storing datasets at once never overwrite each
/// other's lines, as a shared index did.
#[derive(Debug, Clone, PartialEq, Default, serde::Serialize, serde::Deserialize)]
pub struct About {
    pub loaded_ms: u64,
    pub titles: Vec<(String, String)>,
}

/// Bounds on a record of titles read back: a title as long as a dataset's may be (input bounds), a
/// language tag of at most 35 characters (BCP 47's longest useful tag), a few languages.
pub const MAX_ABOUT_TITLES: usize = 8;
pub const MAX_TAG_CHARS: usize = 35;
pub const MAX_ABOUT_BYTES: usize =
    MAX_ABOUT_TITLES * (4 * crate::model::limits::MAX_LABEL_CHARS + 4 * MAX_TAG_CHARS + 16) + 64;

impl About {
    /// Read back a stored record of titles: refused (`Corrupt`) when it is larger or holds more
    /// than input may, before anything of it is used.
    pub fn read(stored: &str) -> Result<About, Problem> {
        if stored.len() > MAX_ABOUT_BYTES + 64 {
            return Err(Problem::Corrupt);
        }
        let payload = decode(Record::About, stored)?;
        let about: About = serde_json::from_str(payload).map_err(|_| Problem::Corrupt)?;
        let within = about.titles.len() <= MAX_ABOUT_TITLES
            && about.titles.iter().all(|(tag, title)| {
                tag.chars().count() <= MAX_TAG_CHARS
                    && title.chars().count() <= crate::model::limits::MAX_LABEL_CHARS
            });
        if within {
            Ok(about)
        } else {
            Err(Problem::Corrupt)
        }
    }

    pub fn write(&self) -> String {
        encode(
            Record::About,
            &serde_json::to_string(self).unwrap_or_default(),
        )
    }
}

/// The key of a stored dataset.
pub fn dataset_key(id: &str) -> String {
    format!("{DATASET_PREFIX}{id}")
}

/// The key of a stored dataset's titles and load time.
pub fn about_key(id: &str) -> String {
    format!("{ABOUT_PREFIX}{id}")
}

/// Where an earlier version's id of a dataset points to its id now.
pub fn moved_key(old: &str) -> String {
    format!("{MOVED_PREFIX}{old}")
}

/// Where a dataset the browser refused to keep (full) leaves its title, so that a link to it
/// says why it is missing.
pub fn unkept_key(id: &str) -> String {
    format!("{UNKEPT_PREFIX}{id}")
}

/// A dataset's id: the SHA-256 digest of its text, in 64 hex digits. The same text gets the same
/// id, so it is kept once however often it is loaded, and two different texts never share one
/// (earlier versions used a 64-bit FNV-1a hash, which can be made to collide on purpose).
pub fn dataset_id(text: &str) -> String {
    use sha2::Digest;
    hex(&sha2::Sha256::digest(text.as_bytes()))
}

/// Bytes as lower-case hex digits.
pub(crate) fn hex(digest: &[u8]) -> String {
    digest
        .iter()
        .flat_map(|b| [b >> 4, b & 0xf])
        .map(|n| char::from(b"0123456789abcdef"[usize::from(n)]))
        .collect()
}

/// Whether an id has the shape of today's ids (64 lower-case hex digits); an earlier version's
/// id (16 hex digits) is moved to one at start-up.
pub fn is_digest_id(id: &str) -> bool {
    id.len() == 64 && id.bytes().all(|b| matches!(b, b'0'..=b'9' | b'a'..=b'f'))
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
        let key = record.key().ok_or(Problem::Unavailable)?;
        storage()?.get_item(&key).map_err(|_| Problem::Unavailable)
    }

    /// Store a payload. When the browser refuses (full), the old record is removed too, so a
    /// reload never brings back something other than what is in use.
    pub fn write(record: Record, payload: &str) -> Result<(), Problem> {
        let key = record.key().ok_or(Problem::Unavailable)?;
        let s = storage()?;
        let text = super::encode(record, payload);
        s.set_item(&key, &text).map_err(|_| {
            let _ = s.remove_item(&key);
            Problem::Full
        })
    }

    pub fn remove(record: Record) {
        if let (Ok(s), Some(key)) = (storage(), record.key()) {
            let _ = s.remove_item(&key);
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
