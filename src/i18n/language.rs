//! What a language of the interface is: its strings and its wording rules, as one value per
//! language file (`en.rs`, `zh.rs`, `fr.rs`). Code that words something asks the reader's
//! `Language` instead of testing which language it is.

use super::strings::Strings;

/// One interface language: names and tags, every string, and how its sentences are put together.
pub struct Language {
    /// The language's name in itself, as the language switch lists it ("Français").
    pub name: &'static str,
    /// `<html lang>` and `lang` attributes (BCP 47): the script matters for Chinese fonts.
    pub html_tag: &'static str,
    /// The locale handed to the browser's `Intl.NumberFormat`.
    pub number_locale: &'static str,
    /// How `number_locale` groups digits and marks decimals, for the plain formatter used where
    /// there is no `Intl` (the prerendered pages): its output must be the browser's, or the page
    /// shifts when the app takes it over.
    pub group_separator: &'static str,
    pub decimal_separator: &'static str,
    /// Open Graph's `og:locale` (an underscore, not a hyphen).
    pub og_locale: &'static str,
    pub strings: Strings,
    pub rules: Rules,
}

/// A scale word of the compact style: the power of ten it stands for and how it follows the
/// digits, space included (" million", "万"), for one and for two or more (" millions").
pub struct ScaleWord {
    pub value: f64,
    pub one: &'static str,
    pub many: &'static str,
}

/// How a language puts words and numbers together.
pub struct Rules {
    /// Periods: "2014", "2014年"; "2014–2018"; "since 2014".
    pub year: fn(i32) -> String,
    pub year_range: fn(i32, i32) -> String,
    pub since_year: fn(i32) -> String,
    pub mixed_periods: &'static str,
    pub recent_years_undated: &'static str,
    pub present_undated: &'static str,
    pub undated: &'static str,
    /// A scale word as it follows a printed number, space included: " million", "百万".
    pub thousand: &'static str,
    pub million: &'static str,
    pub billion: &'static str,
    /// Indian scales: 10⁵ and 10⁷.
    pub lakh: &'static str,
    pub crore: &'static str,
    /// The compact style's scale words, largest first: a number at or above a word's `value`
    /// is written in that word ("1.2 billion", "12亿"); below the last, in full digits.
    pub compact: &'static [ScaleWord],
    /// The same words, short, for a chart's axis ("200M", "2亿"), largest first.
    pub axis: &'static [ScaleWord],
    /// The smallest count a scale word takes its `many` form from: 2 in French ("1,5 milliard",
    /// "2 milliards").
    pub scale_many_from: f64,
    /// Between a scale word and the unit after it: "1.2 billion yuan", "12亿元",
    /// "1,2 milliard de yuans".
    pub scaled_unit_space: &'static str,
    /// Qualifiers of a printed figure in words.
    pub exact: &'static str,
    pub about: &'static str,
    pub more_than: &'static str,
    pub at_least: &'static str,
    pub less_than: &'static str,
    pub at_most: &'static str,
    /// A qualifier word and a number in this language's order and spacing: "more than 21".
    pub bound: fn(&str, &str) -> String,
    /// A compound unit: before its first denominator, before each further one, between
    /// factors ("yuan per ha per year", "元/公顷·年").
    pub per_first: &'static str,
    pub per_next: &'static str,
    pub unit_times: &'static str,
    /// Between a number and its unit, and before a percent sign.
    pub unit_space: &'static str,
    pub percent_space: &'static str,
    /// "Areas (2014)", "面积（2014年）".
    pub parenthetical: fn(&str, &str) -> String,
    /// Between two sentences of a paragraph.
    pub sentence_gap: &'static str,
    /// A proposed lead sentence: after the channel's name, between a label and its value,
    /// between figures, at the end.
    pub lead_colon: &'static str,
    pub lead_between: &'static str,
    pub lead_separator: &'static str,
    pub lead_end: &'static str,
    /// A chart described in words: each bar (label, value, period, flag), the flags, the note on
    /// bounds, and the paragraph (title, the bars' items, the note).
    pub bar_item: fn(&str, &str, &str, &str) -> String,
    pub flag_contradicts: &'static str,
    pub flag_implausible: &'static str,
    pub flag_doubtful: &'static str,
    pub bounds_note: &'static str,
    pub chart_description: fn(&str, &[String], &str) -> String,
    /// A part's share of its whole ("8.7 % of Income gain"), a dumbbell's pair (label, start,
    /// its period, end, its period), and parts against their total (sum, total, gap).
    pub share_of: fn(&str, &str) -> String,
    pub pair_item: fn(&str, &str, &str, &str, &str) -> String,
    pub parts_against_total: fn(&str, &str, &str) -> String,
    /// The gap written on a parts-of-total chart ("gap 454.1").
    pub gap_label: fn(&str) -> String,
    /// Slips that would explain a finding, and the sentence naming one (name, label, the value
    /// it would have, unit, how many findings it mends).
    pub slip_wan: &'static str,
    pub slip_yi: &'static str,
    pub slip_power: fn(i32) -> String,
    pub slip_mu_as_ha: &'static str,
    pub slip_ha_as_mu: &'static str,
    pub slip_text: fn(&str, &str, &str, &str, usize) -> String,
    /// A language's name in this language, by its language subtag (`"en"` → "anglais"); `None`
    /// for one it does not name (then the tag is shown).
    pub language_name: fn(&str) -> Option<&'static str>,
    /// The mark beside a dataset text shown in another language than the reader's: "(in English)".
    pub in_language: fn(&str) -> String,
    /// The notice of a dataset not written in the reader's language (the reader's language's
    /// name, the name of the language shown instead).
    pub not_written_in: fn(&str, &str) -> String,
}
