//! The case study as data: parsing, validation, units, derived metrics and consistency checks.
//! Pure Rust: nothing here touches yew, web-sys or gloo, so all of it is tested natively.

mod checks;
pub mod checks_text;
pub(crate) mod codes;
pub mod compare;
pub mod concepts;
mod currency;
mod dataset;
mod decode;
mod derive;
mod digits;
pub mod display;
mod error;
mod estimate;
pub mod export;
pub mod extract;
pub mod format;
mod json_path;
mod lang;
pub mod language_tag;
pub mod limits;
mod migrate;
pub mod narrative;
pub mod presentation;
mod rates;
pub mod scenario;
pub mod status;
pub mod subjects;
pub mod text;
pub mod units;
mod validate;
pub mod vocabulary;

pub use checks::{
    range_verdict, Finding, RangeVerdict, ReferenceFinding, Side, Slip, SlipKind, Status,
    TensionFinding, DOUBTFUL_BAND_PCT,
};
pub use dataset::*;
pub use error::{DatasetError, ErrorKind};
pub use estimate::{Estimate, Shape};
pub use presentation::{Provenance, Story};
pub use scenario::ScenarioSpec;
pub use units::{AnnualRate, Currency, Family, Lang, RateChoice, RateRule, Unit, Vocabulary};
pub use validate::MAX_DATASET_BYTES;

use codes::code_table;
use std::collections::HashMap;

/// The dataset embedded in the app.
pub const EMBEDDED_JSON: &str = include_str!("../../data/kezuohou.json");

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
    /// Exchange rates: the figures whose unit is one currency per another.
    pub rates: Vec<AnnualRate>,
    /// `rates` by pair and year, for picking a rate (see `rates::RateTable`).
    rate_tables: Vec<units::RateTable>,
    /// The units the dataset can name: the vocabulary and its own.
    pub vocabulary: Vocabulary,
    /// For each family of units the quantities use, the unit shown by default and its factor.
    display_defaults: Vec<(Family, &'static str, f64)>,
    /// See [`Model::currencies`].
    currencies: Vec<Currency>,
    /// How the case is told: declared by the dataset or proposed from it.
    pub story: Story,
    /// The format version the dataset was written in, when older than this build's (it was
    /// read as `FORMAT_VERSION`).
    pub migrated_from: Option<u32>,
    index: HashMap<String, usize>,
    /// Each quantity's check status, computed once: the table asks for it on every row.
    statuses: HashMap<String, Status>,
    lookup: Lookup,
}

/// Values are validated finite, so equality is reflexive. Being `Eq` also lets `Rc<Model>`
/// compare by pointer first: the app state compares its model on every update, and a deep
/// comparison of a large dataset would cost more than the update itself.
impl Eq for Model {}

/// Indexes by id, built once: views ask for figures row by row, at any dataset size.
#[derive(Debug, Clone, PartialEq, Default)]
struct Lookup {
    figure: HashMap<String, usize>,
    derived: HashMap<String, usize>,
    /// The paragraph each quantity traces to (a derived metric: its first input's that has one).
    paragraph: HashMap<String, u32>,
}

impl Lookup {
    fn new(d: &Dataset, quantities: &[Quantity]) -> Lookup {
        let figure: HashMap<String, usize> = d
            .figures
            .iter()
            .enumerate()
            .map(|(i, f)| (f.id.clone(), i))
            .collect();
        let derived: HashMap<String, usize> = d
            .derived
            .iter()
            .enumerate()
            .map(|(i, m)| (m.id.clone(), i))
            .collect();
        // Quantities come in dependency order, so every input is traced before its metric.
        let mut paragraph: HashMap<String, u32> = HashMap::new();
        for q in quantities {
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
    /// Parse, validate and compute. Every problem found is returned, not only the first.
    pub fn from_json(text: &str) -> Result<Model, Vec<DatasetError>> {
        let dataset = validate::parse(text)?;
        Model::from_dataset(dataset)
    }

    pub fn from_dataset(mut dataset: Dataset) -> Result<Model, Vec<DatasetError>> {
        let migrated_from = migrate::upgrade(&mut dataset);
        let mut errors = validate::check(&dataset);
        if !errors.is_empty() {
            return Err(errors);
        }
        let vocabulary = Vocabulary::of(&dataset);
        let story = Story::of(&dataset);
        let quantities = match derive::resolve(&dataset) {
            Ok(q) => q,
            Err(mut e) => {
                errors.append(&mut e);
                return Err(errors);
            }
        };
        let index = quantities
            .iter()
            .enumerate()
            .map(|(i, q)| (q.id.clone(), i))
            .collect();
        let rates: Vec<AnnualRate> = dataset
            .figures
            .iter()
            .filter_map(|f| Some((f, vocabulary.parse(&f.unit)?.rate_pair()?)))
            .filter_map(|(f, pair)| match f.period {
                Period::Year { year } => Some(AnnualRate {
                    year,
                    value: f.value * f.scale.factor(),
                    pair,
                    figure: f.id.clone(),
                }),
                Period::Range { .. }
                | Period::Since { .. }
                | Period::RecentYears
                | Period::Present
                | Period::Undated => None,
            })
            .collect();
        let mut model = Model {
            dataset,
            quantities,
            findings: Vec::new(),
            references: Vec::new(),
            tensions: Vec::new(),
            rate_tables: units::RateTable::by_pair(&rates),
            rates,
            display_defaults: Vec::new(),
            currencies: Vec::new(),
            vocabulary,
            story,
            migrated_from,
            index,
            statuses: HashMap::new(),
            lookup: Lookup::default(),
        };
        model.lookup = Lookup::new(&model.dataset, &model.quantities);
        model.display_defaults = display_defaults(&model.quantities);
        model.currencies = currencies(&model.quantities, &model.rates);
        (model.findings, model.references) = checks::evaluate_all(&model);
        model.tensions = checks::tensions(&model);
        model.statuses = statuses(&model);
        Ok(model)
    }

    /// The embedded case study.
    pub fn embedded() -> Result<Model, Vec<DatasetError>> {
        Model::from_json(EMBEDDED_JSON)
    }

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

/// For each family of units met, its vocabulary unit used by the most figures (the first met of
/// equals); terms of compound units count too, so a "per ha" alone still offers a choice.
fn display_defaults(quantities: &[Quantity]) -> Vec<(Family, &'static str, f64)> {
    let mut counts: Vec<(Family, Vec<(&'static str, usize)>)> = Vec::new();
    for q in quantities {
        for (code, dims, whole) in q.unit.terms() {
            let Some(family) = Family::of(&dims) else {
                continue;
            };
            let Some(code) = units::choice_code(family, code) else {
                continue;
            };
            let i = match counts.iter().position(|(f, _)| *f == family) {
                Some(i) => i,
                None => {
                    counts.push((family, Vec::new()));
                    counts.len() - 1
                }
            };
            let slot = &mut counts[i].1;
            let n = usize::from(whole);
            match slot.iter_mut().find(|(c, _)| *c == code) {
                Some(e) => e.1 += n,
                None => slot.push((code, n)),
            }
        }
    }
    counts
        .into_iter()
        .filter_map(|(f, codes)| {
            // The first of the most used (max_by_key keeps the last of equals).
            let best = codes.iter().rev().max_by_key(|(_, n)| *n)?;
            Some((f, best.0, Unit::parse(best.0)?.to_base()))
        })
        .collect()
}

/// See [`Model::currencies`].
fn currencies(quantities: &[Quantity], rates: &[AnnualRate]) -> Vec<Currency> {
    let mut out: Vec<Currency> = Vec::new();
    let money = quantities
        .iter()
        .filter_map(|q| q.unit.money_term().map(|(c, _)| c));
    for c in money.chain(rates.iter().flat_map(|r| [r.pair.0, r.pair.1])) {
        if !out.contains(&c) {
            out.push(c);
        }
    }
    out
}

/// Every quantity's status in one pass over the findings (see `Model::status_of`).
fn statuses(model: &Model) -> HashMap<String, Status> {
    let mut out: HashMap<String, Status> = HashMap::new();
    for f in &model.findings {
        for id in f.left.ids.iter().chain(&f.right.ids) {
            out.entry(id.clone()).or_insert(Status::Holds);
        }
        for id in f.suspects(model) {
            let e = out.entry(id).or_insert(f.status);
            *e = (*e).max(f.status);
        }
    }
    // A reference check flags what it rests on only when the value is outside the range.
    for r in &model.references {
        for id in &r.involved {
            out.entry(id.clone()).or_insert(Status::Holds);
        }
        for id in r.suspects(model) {
            let e = out.entry(id).or_insert(Status::Implausible);
            *e = (*e).max(Status::Implausible);
        }
    }
    out
}
