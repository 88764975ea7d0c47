//! Consistency checks: each declared relation is evaluated on the estimates, by rule, for any
//! dataset. Where a relation fails, simple slips (a power of ten, mu for hectares, 万) are tried on
//! each reported figure it names, and those that would make it hold are listed. The source is
//! never changed.

use super::dataset::{Relation, Rule, Text};
use super::estimate::Estimate;
use super::units::Unit;
use super::{Model, Origin};
use std::collections::HashMap;

/// A gap up to this share of the reference side is "doubtful"; beyond it, "contradicts".
pub const DOUBTFUL_BAND_PCT: f64 = 10.0;
/// Tolerance when a relation declares none: rounding in reported figures.
pub const DEFAULT_TOLERANCE_PCT: f64 = 1.0;
/// The most figure look-ups spent on trying slips, over the whole dataset. Each try re-evaluates
/// one relation with one figure changed (a look-up per id the relation names) and, when that
/// mends it, the relations that hold and name the figure (to make sure the slip breaks none of
/// them; this is remembered per figure and factor). The shipped case study needs about 300;
/// this limit keeps a crafted dataset (thousands of relations, sums of thousands of parts) to a
/// fraction of a second. Once it is spent, later relations are listed without slips: the slips
/// are a hint, never a verdict.
pub const SLIP_SEARCH_LOOKUPS: usize = 4_000_000;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Status {
    Holds,
    Doubtful,
    Contradicts,
}

impl Status {
    pub fn code(self) -> &'static str {
        match self {
            Status::Holds => "holds",
            Status::Doubtful => "doubtful",
            Status::Contradicts => "contradicts",
        }
    }
    pub fn parse(s: &str) -> Option<Status> {
        [Status::Holds, Status::Doubtful, Status::Contradicts]
            .into_iter()
            .find(|x| x.code() == s)
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

    /// The figures this finding casts doubt on (empty when it holds).
    pub fn suspects(&self, model: &Model) -> Vec<String> {
        if self.status == Status::Holds {
            return Vec::new();
        }
        match self.slips.iter().map(|s| s.mends).max() {
            Some(best) => {
                let mut ids: Vec<String> = self
                    .slips
                    .iter()
                    .filter(|s| s.mends == best)
                    .map(|s| s.figure.clone())
                    .collect();
                ids.dedup();
                ids
            }
            None => self
                .left
                .ids
                .iter()
                .chain(&self.right.ids)
                .filter(|id| {
                    model
                        .quantity(id)
                        .is_some_and(|q| q.origin == Origin::Reported)
                })
                .cloned()
                .collect(),
        }
    }
}

type Lookup<'a> = dyn Fn(&str) -> Option<(Estimate, Unit)> + 'a;

/// Left and right sides in base units, plus the unit to show them in.
fn sides(rule: &Rule, get: &Lookup) -> Option<(Estimate, Estimate, Unit)> {
    match rule {
        Rule::SumEquals { parts, total } => {
            let (t, unit) = get(total)?;
            let mut sum = Estimate::point(0.0);
            for p in parts {
                sum = sum.add(&get(p)?.0);
            }
            Some((sum, t, unit))
        }
        Rule::FitsWithin { inner: a, outer: b }
        | Rule::PartOf { part: a, whole: b }
        | Rule::Equal { a, b } => {
            let (l, unit) = get(a)?;
            let (r, _) = get(b)?;
            Some((l, r, unit))
        }
        Rule::RatioMatches {
            numerator,
            denominator,
            expected,
        } => {
            let (n, _) = get(numerator)?;
            let (d, _) = get(denominator)?;
            let (e, unit) = get(expected)?;
            Some((n.div(&d)?, e, unit))
        }
    }
}

fn judge(rule: &Rule, l: &Estimate, r: &Estimate, tol_pct: f64) -> (Status, f64, f64) {
    let gap = match rule {
        // Only an excess counts: the inner side may be smaller.
        Rule::FitsWithin { .. } | Rule::PartOf { .. } => (l.lo - r.hi).max(0.0),
        _ => l.gap(r),
    };
    let reference = if gap > 0.0 && r.hi < l.lo { r.hi } else { r.lo };
    let reference = if reference.abs() > 0.0 {
        reference.abs()
    } else {
        r.central().abs().max(f64::MIN_POSITIVE)
    };
    let pct = if gap == 0.0 {
        0.0
    } else {
        gap / reference * 100.0
    };
    let status = if pct <= tol_pct {
        Status::Holds
    } else if pct <= DOUBTFUL_BAND_PCT.max(tol_pct) {
        Status::Doubtful
    } else {
        Status::Contradicts
    };
    (status, gap, pct)
}

/// A percentage is a share of a whole: "more than 21%" cannot mean 296%.
fn share_capped(e: Estimate, unit: Unit) -> Estimate {
    if unit.is_percent() && e.hi > 1.0 {
        Estimate {
            hi: 1.0_f64.max(e.lo),
            hi_open: false,
            ..e
        }
    } else {
        e
    }
}

/// Of the slips that work for one figure, keep the mildest power of ten in each direction (if
/// ÷10 fits inside an area, ÷100 does too and says nothing more) and any mu/hectare mix-up.
fn mildest(slips: Vec<Slip>) -> Vec<Slip> {
    let mut kept: Vec<Slip> = Vec::new();
    // Where the power of ten kept for a figure and direction (up: true) is.
    let mut power_at: HashMap<(String, bool), usize> = HashMap::new();
    for s in slips {
        let SlipKind::PowerOfTen(b) = s.kind else {
            kept.push(s);
            continue;
        };
        match power_at.entry((s.figure.clone(), b > 0)) {
            std::collections::hash_map::Entry::Occupied(e) => {
                let i = *e.get();
                if let SlipKind::PowerOfTen(a) = kept[i].kind {
                    if b.abs() < a.abs() {
                        kept[i] = s;
                    }
                }
            }
            std::collections::hash_map::Entry::Vacant(e) => {
                e.insert(kept.len());
                kept.push(s);
            }
        }
    }
    kept
}

fn candidates(unit: Unit) -> Vec<(SlipKind, f64)> {
    let mut c: Vec<(SlipKind, f64)> = [1, -1, 2, -2, 3, -3, 4, -4, 8, -8]
        .into_iter()
        .map(|n| (SlipKind::PowerOfTen(n), 10f64.powi(n)))
        .collect();
    if unit.is_area() {
        c.push((SlipKind::MuAsHectares, 1.0 / 15.0));
        c.push((SlipKind::HectaresAsMu, 15.0));
    }
    c
}

/// A relation's sides and verdict, optionally with one figure's value multiplied by a factor.
struct Verdict {
    left: Estimate,
    right: Estimate,
    unit: Unit,
    status: Status,
    gap: f64,
    gap_pct: f64,
}

fn verdict(model: &Model, relation: &Relation, patch: Option<(&str, f64)>) -> Option<Verdict> {
    let get = |id: &str| {
        model.quantity(id).map(|q| {
            let factor = match patch {
                Some((p, k)) if p == id => k,
                _ => 1.0,
            };
            (share_capped(q.base().scale(factor), q.unit), q.unit)
        })
    };
    let (left, right, unit) = sides(&relation.rule, &get)?;
    let tol = relation.tolerance_pct.unwrap_or(DEFAULT_TOLERANCE_PCT);
    let (status, gap, gap_pct) = judge(&relation.rule, &left, &right, tol);
    Some(Verdict {
        left,
        right,
        unit,
        status,
        gap,
        gap_pct,
    })
}

/// The ids a rule names, in the order of its fields (an id named twice is listed twice).
fn named(rule: &Rule) -> Vec<&str> {
    match rule {
        Rule::SumEquals { parts, total } => parts
            .iter()
            .map(String::as_str)
            .chain([total.as_str()])
            .collect(),
        Rule::FitsWithin { inner: a, outer: b }
        | Rule::PartOf { part: a, whole: b }
        | Rule::Equal { a, b } => vec![a, b],
        Rule::RatioMatches {
            numerator,
            denominator,
            expected,
        } => vec![numerator, denominator, expected],
    }
}

/// How many figure look-ups one verdict on a rule takes.
fn lookups(rule: &Rule) -> usize {
    match rule {
        Rule::SumEquals { parts, .. } => parts.len() + 1,
        Rule::RatioMatches { .. } => 3,
        _ => 2,
    }
}

/// The search for slips across all relations, with what it learns on the way.
struct SlipSearch<'m> {
    model: &'m Model,
    /// For each id, the relations that hold as reported and name it (each once).
    holding: HashMap<&'m str, Vec<usize>>,
    /// Whether multiplying an id by a factor (its bits) breaks a relation that holds.
    breaks: HashMap<(&'m str, u64), bool>,
    /// Look-ups left (`SLIP_SEARCH_LOOKUPS` at the start).
    left: usize,
}

impl<'m> SlipSearch<'m> {
    fn spend(&mut self, n: usize) {
        self.left = self.left.saturating_sub(n);
    }

    /// Would multiplying `id` by `factor` break a relation that holds as reported?
    fn breaks_another(&mut self, id: &'m str, factor: f64) -> bool {
        if let Some(b) = self.breaks.get(&(id, factor.to_bits())) {
            return *b;
        }
        let model = self.model;
        let mut breaks = false;
        for &r in self.holding.get(id).map_or(&[][..], Vec::as_slice) {
            let relation = &model.dataset.relations[r];
            self.left = self.left.saturating_sub(lookups(&relation.rule));
            if verdict(model, relation, Some((id, factor)))
                .is_none_or(|v| v.status != Status::Holds)
            {
                breaks = true;
                break;
            }
        }
        self.breaks.insert((id, factor.to_bits()), breaks);
        breaks
    }
}

fn evaluate<'m>(search: &mut SlipSearch<'m>, relation: &'m Relation, reported: Verdict) -> Finding {
    let model = search.model;
    let Verdict {
        left: l,
        right: r,
        unit,
        status,
        gap,
        gap_pct,
    } = reported;
    let tol = relation.tolerance_pct.unwrap_or(DEFAULT_TOLERANCE_PCT);
    let refs = named(&relation.rule);
    let mut slips = Vec::new();
    if status != Status::Holds {
        'ids: for &id in &refs {
            let Some(q) = model.quantity(id) else {
                continue;
            };
            if q.origin != Origin::Reported {
                continue;
            }
            for (kind, factor) in candidates(q.unit) {
                let corrected = q.value.central() * factor;
                // A share above 100% is no correction.
                if q.unit.is_percent() && q.value.lo * factor > 100.0 {
                    continue;
                }
                if search.left == 0 {
                    break 'ids;
                }
                search.spend(lookups(&relation.rule));
                let Some(after) = verdict(model, relation, Some((id, factor))) else {
                    continue;
                };
                if after.status < status
                    && after.status != Status::Contradicts
                    && !search.breaks_another(id, factor)
                {
                    slips.push(Slip {
                        figure: id.to_string(),
                        kind,
                        factor,
                        corrected,
                        status_after: after.status,
                        mends: 0,
                    });
                }
            }
        }
    }
    let slips = mildest(slips);
    let (left_ids, right_ids): (Vec<String>, Vec<String>) = match &relation.rule {
        Rule::SumEquals { parts, total } => (parts.clone(), vec![total.clone()]),
        Rule::RatioMatches {
            numerator,
            denominator,
            expected,
        } => (
            vec![numerator.clone(), denominator.clone()],
            vec![expected.clone()],
        ),
        _ => (vec![refs[0].to_string()], vec![refs[1].to_string()]),
    };
    let show = |e: Estimate| e.scale(1.0 / unit.to_base());
    Finding {
        relation: relation.id.clone(),
        label: relation.label.clone(),
        rule: relation.rule.clone(),
        status,
        left: Side {
            ids: left_ids,
            value: show(l),
            unit,
        },
        right: Side {
            ids: right_ids,
            value: show(r),
            unit,
        },
        gap: gap / unit.to_base(),
        gap_pct,
        tolerance_pct: tol,
        slips,
        note: relation.note.clone(),
    }
}

/// Every relation's finding, worst first; slips ranked by how many findings they would mend.
/// Near-linear in the size of the dataset: each relation is judged once as reported, the slip
/// search is bounded by `SLIP_SEARCH_LOOKUPS`, and slips are counted with a hash map.
pub fn evaluate_all(model: &Model) -> Vec<Finding> {
    let relations = &model.dataset.relations;
    let reported: Vec<Option<Verdict>> =
        relations.iter().map(|r| verdict(model, r, None)).collect();
    let mut holding: HashMap<&str, Vec<usize>> = HashMap::new();
    for (i, (r, v)) in relations.iter().zip(&reported).enumerate() {
        if v.as_ref().is_some_and(|v| v.status == Status::Holds) {
            let mut ids = named(&r.rule);
            ids.sort_unstable();
            ids.dedup();
            for id in ids {
                holding.entry(id).or_default().push(i);
            }
        }
    }
    let mut search = SlipSearch {
        model,
        holding,
        breaks: HashMap::new(),
        left: SLIP_SEARCH_LOOKUPS,
    };
    let mut findings: Vec<Finding> = relations
        .iter()
        .zip(reported)
        .filter_map(|(r, v)| Some(evaluate(&mut search, r, v?)))
        .collect();
    // How many findings each (figure, factor) slip mends.
    let mends: Vec<Vec<usize>> = {
        let mut count: HashMap<(&str, u64), usize> = HashMap::new();
        for s in findings.iter().flat_map(|f| &f.slips) {
            *count.entry((&s.figure, s.factor.to_bits())).or_default() += 1;
        }
        findings
            .iter()
            .map(|f| {
                f.slips
                    .iter()
                    .map(|s| count[&(s.figure.as_str(), s.factor.to_bits())])
                    .collect()
            })
            .collect()
    };
    for (f, mends) in findings.iter_mut().zip(mends) {
        for (s, m) in f.slips.iter_mut().zip(mends) {
            s.mends = m;
        }
        f.slips.sort_by(|a, b| {
            a.status_after
                .cmp(&b.status_after)
                .then(b.mends.cmp(&a.mends))
                .then(a.factor.log10().abs().total_cmp(&b.factor.log10().abs()))
        });
    }
    findings.sort_by(|a, b| {
        b.status
            .cmp(&a.status)
            .then(b.gap_pct.total_cmp(&a.gap_pct))
    });
    findings
}
