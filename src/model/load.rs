//! Reading a dataset into a `Model`: parse, upgrade, validate, resolve every quantity, then
//! check every relation.

use super::case_model::{Lookup, Model};
use super::checks;
use super::dataset::{Dataset, Period};
use super::derive;
use super::embedded::EMBEDDED_JSON;
use super::error::DatasetError;
use super::finding::SlipList;
use super::migrate;
use super::pace::{run_to_end, Pace};
use super::presentation::Story;
use super::quantity::Quantity;
use super::status::Status;
use super::units::{self, AnnualRate, Currency, Family, Unit, Vocabulary};
use super::validate;
use std::collections::HashMap;

impl Model {
    /// Parse, validate and compute. Every problem found is returned, not only the first.
    pub fn from_json(text: &str) -> Result<Model, Vec<DatasetError>> {
        run_to_end(Model::from_json_paced(text, &mut Pace::never()))
    }

    /// `from_json` in slices: the pace pauses between them (see `pace.rs`). The same work, the
    /// same result.
    pub async fn from_json_paced(
        text: &str,
        pace: &mut Pace<'_>,
    ) -> Result<Model, Vec<DatasetError>> {
        let dataset = validate::parse(text, pace).await?;
        pace.step().await;
        Model::from_dataset_paced(dataset, pace).await
    }

    pub fn from_dataset(dataset: Dataset) -> Result<Model, Vec<DatasetError>> {
        run_to_end(Model::from_dataset_paced(dataset, &mut Pace::never()))
    }

    async fn from_dataset_paced(
        mut dataset: Dataset,
        pace: &mut Pace<'_>,
    ) -> Result<Model, Vec<DatasetError>> {
        let migrated_from = migrate::upgrade(&mut dataset);
        let mut errors = validate::check(&dataset, pace).await;
        if !errors.is_empty() {
            return Err(errors);
        }
        pace.step().await;
        let vocabulary = Vocabulary::of(&dataset);
        let story = Story::of(&dataset);
        let quantities = match derive::resolve(&dataset, pace).await {
            Ok(q) => q,
            Err(mut e) => {
                errors.append(&mut e);
                return Err(errors);
            }
        };
        pace.step().await;
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
            slips: SlipList::default(),
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
        pace.step().await;
        model.lookup = Lookup::new(&model.dataset, &model.quantities, pace).await;
        model.display_defaults = display_defaults(&model.quantities);
        model.currencies = currencies(&model.quantities, &model.rates);
        pace.step().await;
        (model.findings, model.references) = checks::evaluate_all(&model, pace).await;
        pace.step().await;
        model.tensions = checks::tensions(&model);
        pace.step().await;
        model.slips = SlipList::of(&model.findings, &model.references);
        pace.step().await;
        model.statuses = statuses(&model, pace).await;
        Ok(model)
    }

    /// The embedded case study.
    pub fn embedded() -> Result<Model, Vec<DatasetError>> {
        Model::from_json(EMBEDDED_JSON)
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
async fn statuses(model: &Model, pace: &mut Pace<'_>) -> HashMap<String, Status> {
    let mut out: HashMap<String, Status> = HashMap::new();
    for f in &model.findings {
        pace.tick().await;
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
        pace.tick().await;
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
