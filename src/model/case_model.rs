//! The model of a case: a validated dataset with everything computed from it (`Model`), and
//! what the views ask of it. `load.rs` builds it.

use super::dataset::{Channel, Dataset, DerivedMetric, Figure, Paragraph, Period};
use super::derive;
use super::finding::{Finding, ReferenceFinding, SlipList, TensionFinding};
use super::pace::Pace;
use super::presentation::Story;
use super::quantity::Quantity;
use super::status::Status;
use super::units::{self, AnnualRate, Currency, Family, RateChoice, RateTable, Unit, Vocabulary};
use std::collections::HashMap;

/// A validated dataset with everything computed from it.
#[derive(Debug, Clone, PartialEq)]
pub struct Model {
    pub dataset: Dataset,
    pub quantities: Vec<Quantity>,
    pub findings: Vec<Finding>,
    /// Reference ranges: outside, then straddling, then inside; in the dataset's order within each.
    pub references: Vec<ReferenceFinding>,
    /// Tensions, in the order of the dataset.
    pub tensions: Vec<TensionFinding>,
    /// The slips of the findings and references, each once (the quality view's list).
    pub slips: SlipList,
    /// Exchange rates: the figures whose unit is one currency per another.
    pub rates: Vec<AnnualRate>,
    /// `rates` by pair and year, for picking a rate (see `rates::RateTable`).
    pub(super) rate_tables: Vec<RateTable>,
    /// The units the dataset can name: the vocabulary and its own.
    pub vocabulary: Vocabulary,
    /// For each family of units the quantities use, the unit shown by default and its factor.
    pub(super) display_defaults: Vec<(Family, &'static str, f64)>,
    /// See [`Model::currencies`].
    pub(super) currencies: Vec<Currency>,
    /// How the case is told: declared by the dataset or proposed from it.
    pub story: Story,
    /// The format version the dataset was written in, when older than this build's (it was
    /// read as `FORMAT_VERSION`).
    pub migrated_from: Option<u32>,
    pub(super) index: HashMap<String, usize>,
    /// Each quantity's check status, computed once: the table asks for it on every row.
    pub(super) statuses: HashMap<String, Status>,
    pub(super) lookup: Lookup,
}

/// Values are validated finite, so equality is reflexive. Being `Eq` also lets `Rc<Model>`
/// compare by pointer first: the app state compares its model on every update, and a deep
/// comparison of a large dataset would cost more than the update itself.
impl Eq for Model {}

/// Indexes by id, built once: views ask for figures row by row, at any dataset size.
#[derive(Debug, Clone, PartialEq, Default)]
pub(super) struct Lookup {
    figure: HashMap<String, usize>,
    derived: HashMap<String, usize>,
    /// The paragraph each quantity traces to (a derived metric: its first input's that has one).
    paragraph: HashMap<String, u32>,
}

impl Lookup {
    /// With a tick of the pace for each figure, derived metric and quantity.
    pub(super) async fn new(d: &Dataset, quantities: &[Quantity], pace: &mut Pace<'_>) -> Lookup {
        let mut figure: HashMap<String, usize> = HashMap::with_capacity(d.figures.len());
        for (i, f) in d.figures.iter().enumerate() {
            figure.insert(f.id.clone(), i);
            pace.tick().await;
        }
        let mut derived: HashMap<String, usize> = HashMap::with_capacity(d.derived.len());
        for (i, m) in d.derived.iter().enumerate() {
            derived.insert(m.id.clone(), i);
            pace.tick().await;
        }
        // Quantities come in dependency order, so every input is traced before its metric.
        let mut paragraph: HashMap<String, u32> = HashMap::new();
        for q in quantities {
            pace.tick().await;
            let p = match (figure.get(&q.id), derived.get(&q.id)) {
                (Some(i), _) => d.figures[*i].source.paragraph,
                (None, Some(i)) => d.derived[*i]
                    .inputs
                    .iter()
                    .find_map(|input| paragraph.get(input).copied()),
                (None, None) => None,
            };
            if let Some(p) = p {
                paragraph.insert(q.id.clone(), p);
            }
        }
        Lookup {
            figure,
            derived,
            paragraph,
        }
    }
}

impl Model {
    pub fn quantity(&self, id: &str) -> Option<&Quantity> {
        self.index.get(id).map(|i| &self.quantities[*i])
    }

    pub fn figure(&self, id: &str) -> Option<&Figure> {
        self.lookup
            .figure
            .get(id)
            .and_then(|i| self.dataset.figures.get(*i))
    }

    pub fn derived(&self, id: &str) -> Option<&DerivedMetric> {
        self.lookup
            .derived
            .get(id)
            .and_then(|i| self.dataset.derived.get(*i))
    }

    pub fn channel(&self, id: &str) -> Option<&Channel> {
        self.dataset.channels.iter().find(|c| c.id == id)
    }

    pub fn paragraph(&self, n: u32) -> Option<&Paragraph> {
        self.dataset.paragraphs.iter().find(|p| p.n == n)
    }

    /// Findings that involve a quantity, worst first.
    pub fn findings_for(&self, id: &str) -> Vec<&Finding> {
        self.findings.iter().filter(|f| f.involves(id)).collect()
    }

    /// Reference checks that involve a quantity (as subject or input), outside first.
    pub fn references_for(&self, id: &str) -> Vec<&ReferenceFinding> {
        self.references.iter().filter(|f| f.involves(id)).collect()
    }

    /// Tensions that involve a quantity (in their numerator or denominator).
    pub fn tensions_for(&self, id: &str) -> Vec<&TensionFinding> {
        self.tensions.iter().filter(|f| f.involves(id)).collect()
    }

    /// The worst status among the findings that point at a quantity. A finding points at the
    /// figures its best-ranked slips name; with no slip found, at every reported figure it
    /// involves. Context figures are the yardstick and are never flagged.
    pub fn status_of(&self, id: &str) -> Option<Status> {
        self.statuses.get(id).copied()
    }

    /// The outcome of a consistency relation's check (`None`: no such relation, or not a
    /// consistency check).
    pub fn relation_status(&self, id: &str) -> Option<Status> {
        self.findings
            .iter()
            .find(|f| f.relation == id)
            .map(|f| f.status)
    }

    /// Derived metrics that take a quantity as input.
    pub fn derived_using(&self, id: &str) -> Vec<&DerivedMetric> {
        self.dataset
            .derived
            .iter()
            .filter(|d| d.inputs.iter().any(|i| i == id))
            .collect()
    }

    /// The paragraph a quantity is traced to (a derived metric: its first input's, depth first).
    pub fn paragraph_of(&self, id: &str) -> Option<u32> {
        self.lookup.paragraph.get(id).copied()
    }

    /// The quantities `wanted`, recomputed with `overrides` in place (see
    /// [`derive::resolve_only`]): only they and what they are computed from.
    pub fn resolve_only(
        &self,
        overrides: &[(&str, f64)],
        wanted: &[&str],
    ) -> HashMap<String, Quantity> {
        derive::resolve_only(
            &self.dataset,
            &|id| self.lookup.figure.get(id).copied(),
            &|id| self.lookup.derived.get(id).copied(),
            overrides,
            wanted,
        )
    }

    /// The rate an amount in `from` of this period converts into `to` at, and the factor to
    /// multiply it by. `None` when the dataset has no rate between the two: nothing is guessed.
    pub fn rate(&self, from: Currency, to: Currency, period: &Period) -> Option<(RateChoice, f64)> {
        self.rate_tables.iter().find_map(|t| {
            let r = units::rate_from(period, t)?;
            let k = r.factor(from, to)?;
            Some((r, k))
        })
    }

    /// The currencies the reader may see money in: those of the dataset's figures and those
    /// it has a rate for, in the order met (computed once: the settings ask at every render).
    pub fn currencies(&self) -> &[Currency] {
        &self.currencies
    }

    /// The unit of a family the dataset uses most (its figures' own units), shown when the
    /// reader has chosen none: one unit per chart axis.
    pub fn default_unit(&self, family: Family) -> Option<&'static str> {
        self.display_defaults
            .iter()
            .find(|(f, _, _)| *f == family)
            .map(|(_, c, _)| *c)
    }

    /// A quantity's central value as the table shows it by default: a unit of a family (area,
    /// mass …) in the dataset's unit of that family, anything else in its own unit: the table
    /// sorts 59,535 km² as the 5,953,500 ha it shows.
    pub fn comparable_value(&self, q: &Quantity) -> f64 {
        let v = q.value.central();
        let Some(family) = units::Family::of(q.unit.dims()) else {
            return v;
        };
        match self.display_defaults.iter().find(|(f, _, _)| *f == family) {
            Some((_, _, factor)) => v * q.unit.to_base() / factor,
            None => v,
        }
    }

    /// The families of units the dataset's quantities use (a display choice each).
    pub fn families(&self) -> impl Iterator<Item = Family> + '_ {
        self.display_defaults.iter().map(|(f, _, _)| *f)
    }

    /// The unit a code names in this dataset.
    pub fn unit(&self, code: &str) -> Option<Unit> {
        self.vocabulary.parse(code)
    }
}
