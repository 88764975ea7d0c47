//! One figure of a draft: where the text states it, what was read and what was guessed.

use std::ops::Range;

use super::doubt::Doubt;
use crate::model::dataset::{Period, Qualifier, Scale};
use crate::model::units::Unit;

/// One figure of the draft.
#[derive(Debug, Clone, PartialEq)]
pub struct DraftFigure {
    pub id: String,
    /// Qualifier, number, scale and unit: "exceeded 21%", "51.36 million yuan".
    pub span: Range<usize>,
    /// The digits alone (for a share stated in words, the words).
    pub number: Range<usize>,
    pub sentence: Range<usize>,
    pub paragraph: u32,
    pub value: f64,
    pub scale: Scale,
    pub unit: Unit,
    pub qualifier: Qualifier,
    pub period: Period,
    pub label: String,
    pub repeats: Option<String>,
    pub doubts: Vec<Doubt>,
    pub start_value: bool,
    pub implied: bool,
}

impl DraftFigure {
    /// 1 when nothing was guessed, lower with every doubt.
    pub fn confidence(&self) -> f64 {
        (1.0 - 0.2 * self.doubts.len() as f64).max(0.2)
    }
}
