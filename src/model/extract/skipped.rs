//! The numbers of a text the drafter left out, and why.

use std::ops::Range;

/// Why a number was left out.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SkipReason {
    Year,
    Date,
    /// A case, section, table or page number.
    Reference,
    Ordinal,
    /// No unit the model knows follows it.
    NoUnit,
    /// A percentage above 100 is a growth rate, not a share.
    PercentOver100,
    /// A vague count with no number: 几万亩, "several ten-thousand mu".
    Vague,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Skipped {
    pub span: Range<usize>,
    pub reason: SkipReason,
}
