//! A figure or derived metric with its value resolved (`Quantity`), and where it comes from
//! (`Origin`).

use super::codes::code_table;
use super::dataset::Period;
use super::estimate::Estimate;
use super::text::Text;
use super::units::Unit;

code_table! {
    /// Where a quantity comes from.
    #[derive(Debug, Clone, Copy, PartialEq, Eq)]
    pub enum Origin {
        Reported = "reported",
        Context = "context",
        Derived = "derived",
    }
}

/// A figure or a derived metric, with its value resolved into an estimate.
#[derive(Debug, Clone, PartialEq)]
pub struct Quantity {
    pub id: String,
    pub label: Text,
    pub unit: Unit,
    /// In `unit`, with the scale applied.
    pub value: Estimate,
    /// `None` for a derived metric whose inputs refer to different periods.
    pub period: Option<Period>,
    pub origin: Origin,
    pub channel: Option<String>,
}

impl Quantity {
    pub fn base(&self) -> Estimate {
        self.value.scale(self.unit.to_base())
    }
}
