//! Currencies, by their ISO 4217 codes. Names and the words the drafter reads are rows of
//! `vocabulary::CURRENCIES`; any other valid code is written as itself.

use super::lang::Lang;
use super::vocabulary::{CurrencyRow, CURRENCIES, ISO_4217};
use std::fmt;

/// A currency, by its ISO 4217 code.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Currency([u8; 3]);

impl Currency {
    /// The currency with this ISO 4217 code (upper case, as the standard writes it).
    pub fn parse(code: &str) -> Option<Currency> {
        let i = ISO_4217.binary_search(&code).ok()?;
        let b = ISO_4217[i].as_bytes();
        Some(Currency([b[0], b[1], b[2]]))
    }

    pub fn code(&self) -> &str {
        // Built only from ISO_4217's ASCII codes.
        std::str::from_utf8(&self.0).unwrap_or("XXX")
    }

    fn row(&self) -> Option<&'static CurrencyRow> {
        CURRENCIES.iter().find(|c| c.code == self.code())
    }

    /// As written after an amount: "yuan", "KSh"; the code when the vocabulary has no name.
    pub fn symbol(&self, lang: Lang) -> String {
        self.name_in(lang, |n| n.1)
    }

    /// Whether `lang` writes the symbol before an amount: "US$7.97 million", "1.2 billion yuan".
    pub fn goes_before(&self, lang: Lang) -> bool {
        self.row()
            .is_some_and(|r| r.before_in.contains(&lang.code()))
    }

    /// The currency's name for a menu: "Yuan (CNY)".
    pub fn name(&self, lang: Lang) -> String {
        self.name_in(lang, |n| n.2)
    }

    fn name_in(
        &self,
        lang: Lang,
        pick: fn(&(&'static str, &'static str, &'static str)) -> &'static str,
    ) -> String {
        let Some(row) = self.row() else {
            return self.code().to_string();
        };
        row.names
            .iter()
            .find(|n| n.0 == lang.code())
            .or_else(|| row.names.iter().find(|n| n.0 == "en"))
            .map_or_else(|| self.code().to_string(), |n| pick(n).to_string())
    }
}

impl fmt::Display for Currency {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}
