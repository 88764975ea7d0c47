//! The records the app keeps in the browser, as bytes: a header line naming the app, the record
//! and its format version, then the payload (`kezuohou-explorer/settings/1` then a query string;
//! `kezuohou-explorer/dataset/1` then the dataset's JSON text as loaded), and what can be wrong
//! with one. Knows nothing of the view state or the model: `storage.rs` decides what a visit
//! starts from, `state.rs` shows the problems, and both depend on this module, not on each other.

use crate::model::codes::code_table;

/// The record format this build writes and reads.
pub const FORMAT: u32 = 1;
pub const SETTINGS_KEY: &str = "kezuohou-explorer.settings";
pub const DATASET_KEY: &str = "kezuohou-explorer.dataset";
const APP: &str = "kezuohou-explorer";

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
