//! A text in any number of languages, keyed by BCP 47 tag: `{"en": "…", "zh": "…", "fr": "…"}`
//! in JSON. The dataset declares its languages and its own one (`case.languages`,
//! `case.language`); reading puts the own language's entry first, so a reader whose language the
//! text lacks gets the dataset's own words, marked as such (`Picked::fallback`).

use super::lang::Lang;
use super::language_tag::names_language;
use serde::ser::{Serialize, SerializeMap, Serializer};

/// Something written in several languages, the dataset's own first.
#[derive(Debug, Clone, PartialEq)]
pub struct Localized<T> {
    entries: Vec<(String, T)>,
}

impl<T> Default for Localized<T> {
    fn default() -> Self {
        Localized {
            entries: Vec::new(),
        }
    }
}

/// A text in several languages.
pub type Text = Localized<String>;

/// What a reader is shown: the entry, its language tag, and whether it is not in the reader's
/// language (then the page marks it and gives the element that `lang`).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Picked<'a, T> {
    pub value: &'a T,
    pub tag: &'a str,
    pub fallback: bool,
}

impl<T> Localized<T> {
    /// From `(tag, value)` pairs, in this order (the first is the own language).
    pub fn new<K: Into<String>>(entries: impl IntoIterator<Item = (K, T)>) -> Self {
        Localized {
            entries: entries.into_iter().map(|(k, v)| (k.into(), v)).collect(),
        }
    }

    /// Every entry as `(tag, value)`, the dataset's own language first.
    pub fn iter(&self) -> impl Iterator<Item = (&str, &T)> {
        self.entries.iter().map(|(k, v)| (k.as_str(), v))
    }

    /// The entry of exactly this tag (letter case aside).
    pub fn in_tag(&self, tag: &str) -> Option<&T> {
        self.iter()
            .find(|(k, _)| k.eq_ignore_ascii_case(tag))
            .map(|(_, v)| v)
    }

    /// The entry in the reader's language (its exact code, else a tag of that language such as
    /// `zh-Hans`), or else the first one, the dataset's own language. `None` only when empty.
    pub fn pick(&self, lang: Lang) -> Option<Picked<'_, T>> {
        let code = lang.code();
        let found = self
            .entries
            .iter()
            .find(|(k, _)| k.eq_ignore_ascii_case(code))
            .or_else(|| self.entries.iter().find(|(k, _)| names_language(k, code)));
        let (entry, fallback) = match found {
            Some(e) => (e, false),
            None => (self.entries.first()?, true),
        };
        Some(Picked {
            value: &entry.1,
            tag: &entry.0,
            fallback,
        })
    }

    /// Puts the entry of `tag` first (stable otherwise): the dataset's own language.
    pub fn own_first(&mut self, tag: &str) {
        if let Some(i) = self
            .entries
            .iter()
            .position(|(k, _)| k.eq_ignore_ascii_case(tag))
        {
            let e = self.entries.remove(i);
            self.entries.insert(0, e);
        }
    }

    /// Sets the entry of `tag`, adding it last if the text has none.
    pub fn set(&mut self, tag: &str, value: T) {
        match self
            .entries
            .iter_mut()
            .find(|(k, _)| k.eq_ignore_ascii_case(tag))
        {
            Some(e) => e.1 = value,
            None => self.entries.push((tag.to_string(), value)),
        }
    }

    /// The same languages, each value mapped.
    pub fn map<U>(&self, f: impl Fn(&T) -> U) -> Localized<U> {
        Localized {
            entries: self
                .entries
                .iter()
                .map(|(k, v)| (k.clone(), f(v)))
                .collect(),
        }
    }
}

impl Text {
    /// The text in the reader's language or, failing that, the dataset's own ("" when empty).
    pub fn get(&self, lang: Lang) -> &str {
        self.pick(lang).map_or("", |p| p.value.as_str())
    }

    /// A text given in English and Chinese (as format 2 wrote every text).
    pub fn en_zh(en: impl Into<String>, zh: impl Into<String>) -> Text {
        Text::new([("en", en.into()), ("zh", zh.into())])
    }

    /// The same words in each of the interface's languages, worded by `f`.
    pub fn worded(f: impl Fn(Lang) -> String) -> Text {
        Text::new(Lang::ALL.map(|l| (l.code(), f(l))))
    }
}

/// Whether a dataset declaring `languages` is written in the reader's language.
pub fn written_in(languages: &[String], lang: Lang) -> bool {
    languages.iter().any(|t| names_language(t, lang.code()))
}

/// The name of the language of `tag` in the reader's language ("anglais" for `en` to a French
/// reader), or the tag itself when the reader's language does not name it.
pub fn language_name(tag: &str, lang: Lang) -> String {
    let primary = tag.split('-').next().unwrap_or(tag).to_ascii_lowercase();
    (lang.rules().language_name)(&primary).map_or_else(|| tag.to_string(), str::to_string)
}

impl<T: Serialize> Serialize for Localized<T> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut m = s.serialize_map(Some(self.entries.len()))?;
        for (k, v) in &self.entries {
            m.serialize_entry(k, v)?;
        }
        m.end()
    }
}

/// The JSON Schema of a text: an object from language tag to string.
#[cfg(not(target_arch = "wasm32"))]
impl schemars::JsonSchema for Localized<String> {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "Text".into()
    }

    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({
            "description": "A text in one or more languages, keyed by BCP 47 language tag (`en`, `zh`, `fr`, `zh-Hans`…). Every key is one of `case.languages`; a reader whose language is missing sees the dataset's own language (`case.language`).",
            "type": "object",
            "propertyNames": { "pattern": super::language_tag::SCHEMA_PATTERN },
            "additionalProperties": { "type": "string" }
        })
    }
}
