//! Exchange rates: the annual averages a dataset declares and which one a dated figure uses.

use super::dataset::Period;

/// One annual average rate, yuan per US dollar.
#[derive(Debug, Clone, PartialEq)]
pub struct AnnualRate {
    pub year: i32,
    pub cny_per_usd: f64,
    /// The figure id the rate comes from.
    pub figure: String,
}

/// Which rate a conversion used, and why.
#[derive(Debug, Clone, PartialEq)]
pub struct RateChoice {
    pub cny_per_usd: f64,
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
pub struct RateTable(Vec<(i32, f64)>);

impl RateTable {
    pub fn new(rates: &[AnnualRate]) -> RateTable {
        let mut table: Vec<(i32, f64)> = rates.iter().map(|r| (r.year, r.cny_per_usd)).collect();
        // Stable: of the rates of one year, the first given comes first and is the one kept.
        table.sort_by_key(|(y, _)| *y);
        table.dedup_by_key(|(y, _)| *y);
        RateTable(table)
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
    let table = &table.0;
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
            cny_per_usd: sum / covered.len() as f64,
            years: covered.iter().map(|(y, _)| *y).collect(),
            rule: RateRule::MeanOfYears,
        })
    };
    let nearest = |y: i32| {
        table
            .iter()
            .min_by_key(|(year, _)| (i64::from(*year) - i64::from(y)).abs())
            .map(|&(year, r)| RateChoice {
                cny_per_usd: r,
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
            cny_per_usd: latest_rate,
            years: vec![latest],
            rule: RateRule::Latest,
        }),
    }
}
