//! The interface languages, one file each: its strings and its wording rules (`Language`), and
//! the draft editor's strings apart (`DRAFT`, a `DraftStrings`: only the editor's module reads
//! them). A language is its file, its `mod` line here and its line in `model/lang.rs`; a string
//! missing in a file does not compile.

pub mod en;
pub mod fr;
pub mod zh;

mod language;
mod strings;
mod tr;

pub use language::{Language, Rules, ScaleWord};
pub use strings::{DraftStrings, Strings};
pub use tr::{tr, tr_draft};
