//! Exchange rates: the annual averages a dataset declares (figures whose unit is one currency
//! per another, `CNY/USD`) and which one a dated figure uses.

use super::currency::Currency;
use super::dataset::Period;

/// One annual average rate: `value` units of `pair.0` per unit of `pair.1`.
#[derive(Debug, Clone, PartialEq)]
pub struct AnnualRate {
    pub year: i32,
    pub value: f64,
    pub pair: (Currency, Currency),
    /// The figure id the rate comes from.
    pub figure: String,
}

/// Which rate a conversion used, and why.
#[derive(Debug, Clone, PartialEq)]
pub struct RateChoice {
    /// Units of `pair.0` per unit of `pair.1`.
    pub value: f64,
    pub pair: (Currency, Currency),
    /// The years whose annual averages were used.
    pub years: Vec<i32>,
    pub rule: RateRule,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RateRule {
    /// The figure's own year.
    SameYear,
    /// Mean of the annual rates of the years the period covers that have a rate.
    MeanOfYears,
    /// Undated figure: the latest year with a rate.
    Latest,
    /// The period lies outside the table: the nearest year with a rate.
    Nearest,
}

/// The years that have a rate, ascending, each once (the first rate given for a year counts):
/// what a rate is picked from. Built once per dataset (`Model::rate_for`): a generated dataset
/// repeats its rate figures thousands of times, and every money figure shown asks for a rate.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct RateTable {
    pub pair: Option<(Currency, Currency)>,
    years: Vec<(i32, f64)>,
}

impl RateTable {
    /// The table of the first rate's pair (rates of other pairs are left out).
    pub fn new(rates: &[AnnualRate]) -> RateTable {
        let pair = rates.first().map(|r| r.pair);
        let mut years: Vec<(i32, f64)> = rates
            .iter()
            .filter(|r| Some(r.pair) == pair)
            .map(|r| (r.year, r.value))
            .collect();
        // Stable: of the rates of one year, the first given comes first and is the one kept.
        years.sort_by_key(|(y, _)| *y);
        years.dedup_by_key(|(y, _)| *y);
        RateTable { pair, years }
    }

    /// One table per pair of currencies, in the order the pairs first appear.
    pub fn by_pair(rates: &[AnnualRate]) -> Vec<RateTable> {
        let mut pairs: Vec<(Currency, Currency)> = Vec::new();
        for r in rates {
            if !pairs.contains(&r.pair) {
                pairs.push(r.pair);
            }
        }
        pairs
            .into_iter()
            .map(|p| {
                let of_pair: Vec<AnnualRate> =
                    rates.iter().filter(|r| r.pair == p).cloned().collect();
                RateTable::new(&of_pair)
            })
            .collect()
    }
}

/// Pick the rate for a period. Rules: a year uses its own rate; a range or "since" uses the mean
/// of its years that have a rate; an undated figure uses the latest rate; a year without a rate
/// (outside the table, or in a gap of it) uses the nearest year that has one, the earlier of two
/// equally near. A range or "since" with no year in the table uses the year nearest its end
/// (its start for "since").
pub fn rate_for(period: &Period, rates: &[AnnualRate]) -> Option<RateChoice> {
    rate_from(period, &RateTable::new(rates))
}

/// [`rate_for`] from a table already built.
pub fn rate_from(period: &Period, table: &RateTable) -> Option<RateChoice> {
    // Work from the table, never by walking the years of a period: a period may span billions.
    let pair = table.pair?;
    let table = &table.years;
    let &(latest, latest_rate) = table.last()?;
    let mean_of = |from: i32, to: i32| -> Option<RateChoice> {
        let covered: Vec<(i32, f64)> = table
            .iter()
            .copied()
            .filter(|(y, _)| from <= *y && *y <= to)
            .collect();
        if covered.is_empty() {
            return None;
        }
        let sum: f64 = covered.iter().map(|(_, r)| r).sum();
        Some(RateChoice {
            value: sum / covered.len() as f64,
            pair,
            years: covered.iter().map(|(y, _)| *y).collect(),
            rule: RateRule::MeanOfYears,
        })
    };
    let nearest = |y: i32| {
        table
            .iter()
            .min_by_key(|(year, _)| (i64::from(*year) - i64::from(y)).abs())
            .map(|&(year, r)| RateChoice {
                value: r,
                pair,
                years: vec![year],
                rule: if year == y {
                    RateRule::SameYear
                } else {
                    RateRule::Nearest
                },
            })
    };
    match period {
        Period::Year { year } => nearest(*year),
        Period::Range { from, to } => mean_of(*from, *to).or_else(|| nearest(*to)),
        Period::Since { year } => mean_of(*year, latest).or_else(|| nearest(*year)),
        Period::RecentYears | Period::Present | Period::Undated => Some(RateChoice {
            value: latest_rate,
            pair,
            years: vec![latest],
            rule: RateRule::Latest,
        }),
    }
}

impl RateChoice {
    /// What an amount in `from` is multiplied by to be in `to`, if this rate links the two.
    pub fn factor(&self, from: Currency, to: Currency) -> Option<f64> {
        if self.pair == (to, from) {
            Some(self.value)
        } else if self.pair == (from, to) {
            Some(1.0 / self.value)
        } else {
            None
        }
    }
}
