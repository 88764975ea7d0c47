//! The strings of the reader's language.

use super::strings::Strings;
use crate::model::Lang;

pub fn tr(lang: Lang) -> &'static Strings {
    &lang.language().strings
}
