//! The strings of the reader's language.

use super::strings::{DraftStrings, Strings};
use crate::model::Lang;

pub fn tr(lang: Lang) -> &'static Strings {
    &lang.language().strings
}

/// The draft editor's strings in the reader's language: only the editor's module reads them.
pub fn tr_draft(lang: Lang) -> &'static DraftStrings {
    lang.draft_strings()
}
