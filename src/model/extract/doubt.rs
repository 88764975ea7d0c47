//! What the drafter was unsure about in a figure it read, for the reviewer to confirm.

use crate::model::codes::code_table;
use crate::model::units::Lang;

code_table! {
    /// What the extractor was unsure about, for the reviewer to confirm.
    #[derive(Debug, Clone, Copy, PartialEq, Eq)]
    pub enum Doubt {
        /// A count unit read from a noun: "310 forest guards" counted as people.
        UnitFromNoun = "unit_from_noun",
        /// A money rate read from nearby words: "an annual salary of 10,000 yuan".
        RateFromWords = "rate_from_words",
        /// 万亿 or trillion, kept as a multiple of 亿 or billion.
        ScaleRewritten = "scale_rewritten",
        /// A four-digit number with a unit that might still be a year.
        MaybeYear = "maybe_year",
        /// No date in the sentence; a perfect tense ("has exceeded") taken as the present.
        PeriodFromTense = "period_from_tense",
        /// "over 2002": a change counted from a baseline year, drafted as "since".
        BaselineYear = "baseline_year",
        /// "from less than 5% to…": a starting level, drafted as undated.
        StartValue = "start_value",
        /// No time words in the sentence: undated.
        NoPeriod = "no_period",
        /// No digits: "all of whom" read as 100%.
        Implied = "implied",
        /// No words to name it: the label is the quote.
        LabelFromQuote = "label_from_quote",
        /// The label was guessed: read after the figure, from the clause before, or from a verb.
        LabelGuessed = "label_guessed",
        /// "this year", 今年, and the text states no date: drafted as the present.
        ThisYearUndated = "this_year_undated",
        /// A rate per year ("annually", 每年) with no date: drafted as the present.
        RecurringAsPresent = "recurring_as_present",
    }
}

impl Doubt {
    pub fn text(self, lang: Lang) -> &'static str {
        let t = crate::i18n::tr(lang);
        match self {
            Doubt::UnitFromNoun => t.doubt_unit_from_noun,
            Doubt::RateFromWords => t.doubt_rate_from_words,
            Doubt::ScaleRewritten => t.doubt_scale_rewritten,
            Doubt::MaybeYear => t.doubt_maybe_year,
            Doubt::PeriodFromTense => t.doubt_period_from_tense,
            Doubt::BaselineYear => t.doubt_baseline_year,
            Doubt::StartValue => t.doubt_start_value,
            Doubt::NoPeriod => t.doubt_no_period,
            Doubt::Implied => t.doubt_implied,
            Doubt::LabelFromQuote => t.doubt_label_from_quote,
            Doubt::LabelGuessed => t.doubt_label_guessed,
            Doubt::ThisYearUndated => t.doubt_this_year_undated,
            Doubt::RecurringAsPresent => t.doubt_recurring_as_present,
        }
    }
}
