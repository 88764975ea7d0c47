//! The languages of the interface: a closed set, each member with its file in `src/i18n/`
//! (strings and wording rules). Adding a language is its file and one line here.

use super::codes::code_table;
use crate::i18n::Language;

macro_rules! languages {
    ($($(#[$m:meta])* $variant:ident = $code:literal => $file:ident,)+) => {
        code_table! {
            /// The interface languages, in the order the language switch lists them.
            #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
            pub enum Lang {
                $($(#[$m])* $variant = $code,)+
            }
        }

        impl Lang {
            /// The language's strings and wording rules.
            pub fn language(self) -> &'static Language {
                match self {
                    $(Lang::$variant => &crate::i18n::$file::LANGUAGE,)+
                }
            }

            /// The draft editor's strings, apart from the reader's (`i18n::tr_draft`).
            pub fn draft_strings(self) -> &'static crate::i18n::DraftStrings {
                match self {
                    $(Lang::$variant => &crate::i18n::$file::DRAFT,)+
                }
            }
        }
    };
}

languages! {
    #[default]
    En = "en" => en,
    Zh = "zh" => zh,
    Fr = "fr" => fr,
}

impl Lang {
    /// The language's tag for `<html lang>` (BCP 47).
    pub fn html_tag(self) -> &'static str {
        self.language().html_tag
    }

    /// The rules of how the language words numbers and sentences.
    pub fn rules(self) -> &'static crate::i18n::Rules {
        &self.language().rules
    }
}
