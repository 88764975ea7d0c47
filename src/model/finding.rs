//! What the consistency checks find: a relation's verdict with its sides and the slips that
//! would mend it (`Finding`), a figure against a published range (`ReferenceFinding`) and a
//! ratio shown without a verdict (`TensionFinding`). `checks.rs` computes them; the model holds
//! them.

use super::codes::code_table;
use super::dataset::{Reference, Rule, Text};
use super::estimate::Estimate;
use super::status::Status;
use super::units::Unit;
use std::collections::HashMap;

code_table! {
    /// Where a figure stands against a published range.
    #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
    pub enum RangeVerdict {
        /// Every value the figure may have lies within the range.
        Inside = "inside",
        /// A bound estimate ("more than 21%") reaches both into and out of the range: undecided.
        Straddles = "straddles",
        /// No value the figure may have lies within the range.
        Outside = "implausible",
    }
}

/// A figure or derived metric against a published range.
#[derive(Debug, Clone, PartialEq)]
pub struct ReferenceFinding {
    pub relation: String,
    pub label: Text,
    pub subject: String,
    /// The subject and every quantity it is computed from.
    pub involved: Vec<String>,
    /// The subject's value, in the range's unit.
    pub value: Estimate,
    /// The range's unit.
    pub unit: Unit,
    pub reference: Reference,
    pub verdict: RangeVerdict,
    /// Distance from the value to the nearer end of the range, in `unit`; 0 unless outside.
    pub gap: f64,
    /// The gap as a percentage of that end.
    pub gap_pct: f64,
    /// Single-figure slips that would bring the value inside (`status_after` is `Holds`): tried
    /// on the subject when it is a reported figure, and on its reported direct inputs when it
    /// is derived.
    pub slips: Vec<Slip>,
    pub note: Option<Text>,
}

impl ReferenceFinding {
    pub fn involves(&self, id: &str) -> bool {
        self.involved.iter().any(|x| x == id)
    }
}

/// A ratio worth showing, with what it means; never a verdict.
#[derive(Debug, Clone, PartialEq)]
pub struct TensionFinding {
    pub relation: String,
    pub label: Text,
    pub numerator: String,
    pub denominator: String,
    /// Numerator, denominator and every quantity they are computed from.
    pub involved: Vec<String>,
    /// numerator / denominator as a pure number; `None` when the denominator may be zero.
    pub ratio: Option<Estimate>,
    pub meaning: Text,
    pub note: Option<Text>,
}

impl TensionFinding {
    /// Whether the ratio is too large for a number (a huge numerator over a tiny denominator):
    /// an end that is infinite though no "more than" made it open. The page then says so
    /// instead of printing "∞×".
    pub fn overflows(&self) -> bool {
        self.ratio
            .as_ref()
            .is_some_and(|r| r.lo.is_infinite() || (r.hi.is_infinite() && !r.hi_open))
    }
}

impl TensionFinding {
    pub fn involves(&self, id: &str) -> bool {
        self.involved.iter().any(|x| x == id)
    }
}

/// One side of a relation, in a unit fit for showing.
#[derive(Debug, Clone, PartialEq)]
pub struct Side {
    pub ids: Vec<String>,
    pub value: Estimate,
    pub unit: Unit,
}

#[derive(Debug, Clone, Copy, PartialEq)]
pub enum SlipKind {
    /// A factor of 10^n.
    PowerOfTen(i32),
    /// The number is in mu but labelled hectares (true value is 1/15).
    MuAsHectares,
    /// The number is in hectares but labelled mu (true value is 15×).
    HectaresAsMu,
}

/// A single-figure slip that would make the relation hold (or come within the doubtful band).
#[derive(Debug, Clone, PartialEq)]
pub struct Slip {
    pub figure: String,
    pub kind: SlipKind,
    /// Multiply the reported value by this to get the value that fits.
    pub factor: f64,
    pub corrected: f64,
    pub status_after: Status,
    /// How many findings in the dataset the same slip of the same figure would mend.
    pub mends: usize,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Finding {
    pub relation: String,
    pub label: Text,
    pub rule: Rule,
    pub status: Status,
    pub left: Side,
    pub right: Side,
    /// Absolute gap, in the sides' unit; 0 when they agree.
    pub gap: f64,
    /// Gap as a percentage of the right-hand (reference) side.
    pub gap_pct: f64,
    pub tolerance_pct: f64,
    pub slips: Vec<Slip>,
    pub note: Option<Text>,
}

impl Finding {
    pub fn involves(&self, id: &str) -> bool {
        self.left.ids.iter().chain(&self.right.ids).any(|x| x == id)
    }
}

/// The case's slips, each once, in the order first met: those of the checks that fail or are
/// doubtful first, then those of the reference ranges, at most three of each check (as its card
/// names them); and where each stands, looked up by its figure. The quality view lists them and
/// every card links its slips to their places; built once with the model (a generated case of
/// 112,500 figures has tens of thousands of slips).
#[derive(Debug, Clone, PartialEq, Default)]
pub struct SlipList {
    list: Vec<Slip>,
    at: HashMap<String, Vec<(SlipKind, usize)>>,
}

impl SlipList {
    pub fn of(findings: &[Finding], references: &[ReferenceFinding]) -> SlipList {
        let all = findings
            .iter()
            .filter(|f| f.status != Status::Holds)
            .flat_map(|f| f.slips.iter().take(3))
            .chain(references.iter().flat_map(|r| r.slips.iter().take(3)));
        let mut out = SlipList::default();
        for s in all {
            let kinds = out.at.entry(s.figure.clone()).or_default();
            if !kinds.iter().any(|(kind, _)| *kind == s.kind) {
                kinds.push((s.kind, out.list.len()));
                out.list.push(s.clone());
            }
        }
        out
    }

    /// The slips, in the list's order.
    pub fn slips(&self) -> &[Slip] {
        &self.list
    }

    /// Where the same slip (its figure and kind) stands in the list, from 0.
    pub fn place(&self, slip: &Slip) -> Option<usize> {
        let (_, i) = self
            .at
            .get(slip.figure.as_str())?
            .iter()
            .find(|(kind, _)| *kind == slip.kind)?;
        Some(*i)
    }
}
