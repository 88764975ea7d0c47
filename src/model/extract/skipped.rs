//! The numbers of a text the drafter left out, and why.

use std::ops::Range;

use crate::model::codes::code_table;

code_table! {
    /// Why a number was left out.
    #[derive(Debug, Clone, Copy, PartialEq, Eq)]
    pub enum SkipReason {
        Year = "year",
        Date = "date",
        /// A case, section, table or page number.
        Reference = "reference",
        Ordinal = "ordinal",
        /// No unit the model knows follows it.
        NoUnit = "no_unit",
        /// A percentage above 100 is a growth rate, not a share.
        PercentOver100 = "percent_over_100",
        /// A vague count with no number: 几万亩, "several ten-thousand mu".
        Vague = "vague",
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct Skipped {
    pub span: Range<usize>,
    pub reason: SkipReason,
}
