//! Consistency checks: each declared relation is evaluated on the estimates, by rule, for any
//! dataset. Where a relation fails, simple slips (a power of ten, mu for hectares, 万) are tried on
//! each reported figure it names, and those that would make it hold are listed. The source is
//! never changed.
//!
//! Two more kinds of rule look outside the comparison of figures with each other: a reference
//! range holds a figure or derived metric against published values (`ReferenceFinding`, with
//! the slips that would bring it inside, found by the same search), and a tension shows a
//! ratio worth seeing without calling anything wrong (`TensionFinding`).

use super::case_model::Model;
use super::dataset::{Reference, Relation, Rule};
use super::derive::compute;
use super::estimate::Estimate;
use super::finding::{
    Finding, RangeVerdict, ReferenceFinding, Side, Slip, SlipKind, TensionFinding,
};
use super::pace::Pace;
use super::quantity::{Origin, Quantity};
use super::units::Unit;
use std::collections::HashSet;

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

pub use super::status::Status;

impl ReferenceFinding {
    /// The figures the check casts doubt on (empty unless outside).
    pub fn suspects(&self, model: &Model) -> Vec<String> {
        match self.verdict {
            RangeVerdict::Outside => suspects(&self.slips, &[&self.involved], model),
            RangeVerdict::Inside | RangeVerdict::Straddles => Vec::new(),
        }
    }
}

impl Finding {
    /// The figures this finding casts doubt on (empty when it holds).
    pub fn suspects(&self, model: &Model) -> Vec<String> {
        if self.status == Status::Holds {
            return Vec::new();
        }
        suspects(&self.slips, &[&self.left.ids, &self.right.ids], model)
    }
}

/// The figures a failed check casts doubt on, the same for every kind of check: those of its
/// best-ranked slips, or with none, every reported figure among the ids it rests on.
fn suspects(slips: &[Slip], rests_on: &[&Vec<String>], model: &Model) -> Vec<String> {
    match slips.iter().map(|s| s.mends).max() {
        Some(best) => {
            let mut ids: Vec<String> = slips
                .iter()
                .filter(|s| s.mends == best)
                .map(|s| s.figure.clone())
                .collect();
            ids.dedup();
            ids
        }
        None => rests_on
            .iter()
            .flat_map(|ids| ids.iter())
            .filter(|id| {
                model
                    .quantity(id)
                    .is_some_and(|q| q.origin == Origin::Reported)
            })
            .cloned()
            .collect(),
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
        // Not a comparison of figures: see `evaluate_reference` and `tensions`.
        Rule::ReferenceRange { .. } | Rule::Tension { .. } => None,
    }
}

fn judge(rule: &Rule, l: &Estimate, r: &Estimate, tol_pct: f64) -> (Status, f64, f64) {
    let gap = match rule {
        // Only an excess counts: the inner side may be smaller.
        Rule::FitsWithin { .. } | Rule::PartOf { .. } => (l.lo - r.hi).max(0.0),
        Rule::SumEquals { .. }
        | Rule::RatioMatches { .. }
        | Rule::Equal { .. }
        | Rule::ReferenceRange { .. }
        | Rule::Tension { .. } => l.gap(r),
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
fn share_capped(e: Estimate, unit: &Unit) -> Estimate {
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

/// Adds a slip of the figure whose slips start at `kept[start..]`, keeping the mildest power of
/// ten in each direction (if ÷10 fits inside an area, ÷100 does too and says nothing more) and
/// any mu/hectare mix-up.
fn keep_mildest(kept: &mut Vec<(Slip, Key)>, start: usize, s: (Slip, Key)) {
    if let SlipKind::PowerOfTen(b) = s.0.kind {
        for k in &mut kept[start..] {
            if let SlipKind::PowerOfTen(a) = k.0.kind {
                if a.signum() == b.signum() {
                    if b.abs() < a.abs() {
                        *k = s;
                    }
                    return;
                }
            }
        }
    }
    kept.push(s);
}

/// At most this many candidates per figure (see `candidates`).
const CANDIDATES: usize = 12;

fn candidates(unit: &Unit) -> Vec<(SlipKind, f64)> {
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
                Some(_) | None => 1.0,
            };
            (
                share_capped(q.base().scale(factor), &q.unit),
                q.unit.clone(),
            )
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

/// How many figure look-ups one verdict on a rule takes.
fn lookups(rule: &Rule) -> usize {
    match rule {
        Rule::SumEquals { parts, .. } => parts.len() + 1,
        Rule::RatioMatches { .. } => 3,
        Rule::FitsWithin { .. }
        | Rule::PartOf { .. }
        | Rule::Equal { .. }
        | Rule::ReferenceRange { .. }
        | Rule::Tension { .. } => 2,
    }
}

/// A slip's figure (by its index in `Model::quantities`) and candidate (its index in
/// `candidates` for the figure's unit): the same pair is the same slip.
type Key = (usize, usize);

/// The search for slips across all relations, with what it learns on the way.
struct SlipSearch<'m> {
    model: &'m Model,
    /// By quantity: the relations that hold as reported and name it (each once).
    holding: Vec<Vec<usize>>,
    /// By quantity and candidate: whether the slip breaks a relation that holds (0: not known
    /// yet, 1: it breaks none, 2: it breaks one).
    breaks: Vec<[u8; CANDIDATES]>,
    /// By quantity: 1 + the last relation whose search tried it.
    tried: Vec<usize>,
    /// Look-ups left (`SLIP_SEARCH_LOOKUPS` at the start).
    left: usize,
}

impl<'m> SlipSearch<'m> {
    fn spend(&mut self, n: usize) {
        self.left = self.left.saturating_sub(n);
    }

    /// Would multiplying `id` by `factor` (candidate `key.1`) break a relation that holds?
    fn breaks_another(&mut self, key: Key, id: &str, factor: f64) -> bool {
        let (n, j) = key;
        if self.breaks[n][j] == 0 {
            let model = self.model;
            let mut breaks = false;
            for &r in &self.holding[n] {
                let relation = &model.dataset.relations[r];
                self.left = self.left.saturating_sub(lookups(&relation.rule));
                let after = verdict(model, relation, Some((id, factor)));
                if after.is_none_or(|v| v.status != Status::Holds) {
                    breaks = true;
                    break;
                }
            }
            self.breaks[n][j] = 1 + u8::from(breaks);
        }
        self.breaks[n][j] == 2
    }
}

/// A relation's finding, with the key of each slip listed.
fn evaluate<'m>(
    search: &mut SlipSearch<'m>,
    index: usize,
    relation: &'m Relation,
    reported: Verdict,
) -> (Finding, Vec<Key>) {
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
    let refs = relation.rule.ids();
    let mut slips: Vec<(Slip, Key)> = Vec::new();
    if status != Status::Holds {
        'ids: for &id in &refs {
            let Some(&n) = model.index.get(id) else {
                continue;
            };
            // An id named twice is tried once.
            if search.tried[n] == index + 1 {
                continue;
            }
            search.tried[n] = index + 1;
            let q = &model.quantities[n];
            if q.origin != Origin::Reported {
                continue;
            }
            let start = slips.len();
            for (j, (kind, factor)) in candidates(&q.unit).into_iter().enumerate() {
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
                    && !search.breaks_another((n, j), id, factor)
                {
                    let slip = Slip {
                        figure: id.to_string(),
                        kind,
                        factor,
                        corrected,
                        status_after: after.status,
                        mends: 0,
                    };
                    keep_mildest(&mut slips, start, (slip, (n, j)));
                }
            }
        }
    }
    let (slips, keys) = slips.into_iter().unzip();
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
        Rule::FitsWithin { .. }
        | Rule::PartOf { .. }
        | Rule::Equal { .. }
        | Rule::ReferenceRange { .. }
        | Rule::Tension { .. } => (vec![refs[0].to_string()], vec![refs[1].to_string()]),
    };
    let show = |e: Estimate| e.scale(1.0 / unit.to_base());
    let finding = Finding {
        relation: relation.id.clone(),
        label: relation.label.clone(),
        rule: relation.rule.clone(),
        status,
        left: Side {
            ids: left_ids,
            value: show(l),
            unit: unit.clone(),
        },
        right: Side {
            ids: right_ids,
            value: show(r),
            unit: unit.clone(),
        },
        gap: gap / unit.to_base(),
        gap_pct,
        tolerance_pct: tol,
        slips,
        note: relation.note.clone(),
    };
    (finding, keys)
}

/// Every consistency relation's finding, worst first, and every reference range's, outside
/// first (see `Model::references`); slips ranked by how many findings (of either kind) they would mend. Near-linear in
/// the size of the dataset: each relation is judged once as reported, each slip is checked
/// against the relations that name its figure once, and the search is bounded by
/// `SLIP_SEARCH_LOOKUPS`.
/// A tick of the pace for each relation, as judged and as searched.
pub(super) async fn evaluate_all(
    model: &Model,
    pace: &mut Pace<'_>,
) -> (Vec<Finding>, Vec<ReferenceFinding>) {
    let (findings, references, _) = evaluate_everything(model, SLIP_SEARCH_LOOKUPS, pace).await;
    (findings, references)
}

/// The consistency findings of `evaluate_all` with `budget` look-ups for the slip search; also
/// how many it spent.
#[cfg(test)]
fn evaluate_within(model: &Model, budget: usize) -> (Vec<Finding>, usize) {
    let (findings, _, spent) =
        super::pace::run_to_end(evaluate_everything(model, budget, &mut Pace::never()));
    (findings, spent)
}

async fn evaluate_everything(
    model: &Model,
    budget: usize,
    pace: &mut Pace<'_>,
) -> (Vec<Finding>, Vec<ReferenceFinding>, usize) {
    let relations = &model.dataset.relations;
    let mut reported: Vec<Option<Verdict>> = Vec::with_capacity(relations.len());
    for r in relations {
        reported.push(verdict(model, r, None));
        pace.tick().await;
    }
    let ids = model.quantities.len();
    let mut holding: Vec<Vec<usize>> = vec![Vec::new(); ids];
    for (i, (r, v)) in relations.iter().zip(&reported).enumerate() {
        if v.as_ref().is_some_and(|v| v.status == Status::Holds) {
            for id in r.rule.ids() {
                if let Some(&n) = model.index.get(id) {
                    if holding[n].last() != Some(&i) {
                        holding[n].push(i);
                    }
                }
            }
        }
    }
    let mut search = SlipSearch {
        model,
        holding,
        breaks: vec![[0; CANDIDATES]; ids],
        tried: vec![0; ids],
        left: budget,
    };
    pace.step().await;
    let mut found: Vec<(Finding, Vec<Key>)> = Vec::new();
    for (i, (r, v)) in relations.iter().zip(reported).enumerate() {
        if let Some(v) = v {
            found.push(evaluate(&mut search, i, r, v));
        }
        pace.tick().await;
    }
    let mut found_refs: Vec<(ReferenceFinding, Vec<Key>)> = Vec::new();
    for (i, r) in relations.iter().enumerate() {
        pace.tick().await;
        if let Rule::ReferenceRange { subject, reference } = &r.rule {
            if let Some(x) = evaluate_reference(&mut search, i, r, subject, reference) {
                found_refs.push(x);
            }
        }
    }
    let spent = budget - search.left;
    // How many findings each slip (figure and factor) mends.
    let mut mends = vec![[0usize; CANDIDATES]; ids];
    let keys = found
        .iter()
        .flat_map(|(_, keys)| keys)
        .chain(found_refs.iter().flat_map(|(_, keys)| keys));
    for (n, j) in keys {
        mends[*n][*j] += 1;
    }
    let mut references = Vec::with_capacity(found_refs.len());
    for (mut f, keys) in found_refs {
        for (s, (n, j)) in f.slips.iter_mut().zip(keys) {
            s.mends = mends[n][j];
        }
        f.slips.sort_by(slip_order);
        references.push(f);
    }
    // Outside first, then undecided, then inside; in the dataset's order within each. (Grouped
    // rather than sorted: another instantiation of the slice sort costs the bundle 3 KB.)
    let mut slots: Vec<Option<ReferenceFinding>> = references.into_iter().map(Some).collect();
    let mut references = Vec::with_capacity(slots.len());
    for v in RangeVerdict::ALL.into_iter().rev() {
        for slot in &mut slots {
            if slot.as_ref().is_some_and(|f| f.verdict == v) {
                references.extend(slot.take());
            }
        }
    }
    let mut findings = Vec::with_capacity(found.len());
    for (mut f, keys) in found {
        for (s, (n, j)) in f.slips.iter_mut().zip(keys) {
            s.mends = mends[n][j];
        }
        f.slips.sort_by(slip_order);
        findings.push(f);
    }
    findings.sort_by(|a, b| {
        b.status
            .cmp(&a.status)
            .then(b.gap_pct.total_cmp(&a.gap_pct))
    });
    (findings, references, spent)
}

/// Slips in the order they are shown: those that make a check hold first, then those that
/// mend the most findings, then the mildest factor.
fn slip_order(a: &Slip, b: &Slip) -> std::cmp::Ordering {
    a.status_after
        .cmp(&b.status_after)
        .then(b.mends.cmp(&a.mends))
        .then(a.factor.log10().abs().total_cmp(&b.factor.log10().abs()))
}

/// Where an estimate lies against [low, high], with the gap to the nearer end when outside
/// (absolute, and as a percentage of that end).
pub fn range_verdict(v: &Estimate, low: f64, high: f64) -> (RangeVerdict, f64, f64) {
    let pct = |gap: f64, end: f64| gap / end.abs().max(f64::MIN_POSITIVE) * 100.0;
    if v.hi < low || (v.hi == low && v.hi_open) {
        let gap = low - v.hi;
        (RangeVerdict::Outside, gap, pct(gap, low))
    } else if v.lo > high || (v.lo == high && v.lo_open) {
        let gap = v.lo - high;
        (RangeVerdict::Outside, gap, pct(gap, high))
    } else if v.lo >= low && v.hi <= high {
        (RangeVerdict::Inside, 0.0, 0.0)
    } else {
        (RangeVerdict::Straddles, 0.0, 0.0)
    }
}

/// A quantity's value in base units, with one figure's value multiplied by a factor: the
/// quantity itself, or one of the direct inputs of a derived metric (recomputed by its formula).
fn value_with(model: &Model, id: &str, patch: Option<(&str, f64)>) -> Option<Estimate> {
    let q = model.quantity(id)?;
    let capped = |e: Estimate, unit: &Unit| Some(share_capped(e, unit));
    let Some((p, k)) = patch else {
        return capped(q.base(), &q.unit);
    };
    if p == id {
        return capped(q.base().scale(k), &q.unit);
    }
    let Some(m) = model
        .derived(id)
        .filter(|m| m.inputs.iter().any(|i| i == p))
    else {
        return capped(q.base(), &q.unit);
    };
    let mut inputs: Vec<Quantity> = Vec::with_capacity(m.inputs.len());
    for input in &m.inputs {
        let mut x = model.quantity(input)?.clone();
        if input == p {
            x.value = x.value.scale(k);
        }
        inputs.push(x);
    }
    let refs: Vec<&Quantity> = inputs.iter().collect();
    let (unit, value) = compute(&model.vocabulary, m.operation, &refs, &m.unit).ok()?;
    capped(value.scale(unit.to_base()), &unit)
}

/// The ids a quantity rests on: itself and, for a derived metric, its inputs, all the way down.
fn involved(model: &Model, roots: &[&str]) -> Vec<String> {
    let mut seen: HashSet<&str> = HashSet::new();
    let mut out = Vec::new();
    let mut stack: Vec<&str> = roots.iter().rev().copied().collect();
    while let Some(id) = stack.pop() {
        if !seen.insert(id) {
            continue;
        }
        out.push(id.to_string());
        if let Some(m) = model.derived(id) {
            stack.extend(m.inputs.iter().rev().map(String::as_str));
        }
    }
    out
}

/// A reference range's finding, with the key of each slip listed; `None` when its unit is
/// unknown or the subject could not be computed (both reported by validation).
fn evaluate_reference(
    search: &mut SlipSearch,
    index: usize,
    relation: &Relation,
    subject: &str,
    reference: &Reference,
) -> Option<(ReferenceFinding, Vec<Key>)> {
    let model = search.model;
    let unit = model.unit(&reference.unit)?;
    let in_unit = |base: Estimate| base.scale(1.0 / unit.to_base());
    let (low, high) = (reference.low, reference.high);
    let value = in_unit(value_with(model, subject, None)?);
    let (verdict, gap, gap_pct) = range_verdict(&value, low, high);
    let mut slips: Vec<(Slip, Key)> = Vec::new();
    if verdict == RangeVerdict::Outside {
        let mut ids = vec![subject];
        if let Some(m) = model.derived(subject) {
            ids.extend(m.inputs.iter().map(String::as_str));
        }
        let cost = ids.len();
        'ids: for id in ids {
            let Some(&n) = model.index.get(id) else {
                continue;
            };
            if search.tried[n] == index + 1 {
                continue;
            }
            search.tried[n] = index + 1;
            let q = &model.quantities[n];
            if q.origin != Origin::Reported {
                continue;
            }
            let start = slips.len();
            for (j, (kind, factor)) in candidates(&q.unit).into_iter().enumerate() {
                if q.unit.is_percent() && q.value.lo * factor > 100.0 {
                    continue;
                }
                if search.left == 0 {
                    break 'ids;
                }
                search.spend(cost);
                let Some(after) = value_with(model, subject, Some((id, factor))) else {
                    continue;
                };
                if range_verdict(&in_unit(after), low, high).0 == RangeVerdict::Inside
                    && !search.breaks_another((n, j), id, factor)
                {
                    let slip = Slip {
                        figure: id.to_string(),
                        kind,
                        factor,
                        corrected: q.value.central() * factor,
                        status_after: Status::Holds,
                        mends: 0,
                    };
                    keep_mildest(&mut slips, start, (slip, (n, j)));
                }
            }
        }
    }
    let (slips, keys) = slips.into_iter().unzip();
    let finding = ReferenceFinding {
        relation: relation.id.clone(),
        label: relation.label.clone(),
        subject: subject.to_string(),
        involved: involved(model, &[subject]),
        value,
        unit,
        reference: reference.clone(),
        verdict,
        gap,
        gap_pct,
        slips,
        note: relation.note.clone(),
    };
    Some((finding, keys))
}

/// Every tension's ratio, in the order of the dataset.
pub fn tensions(model: &Model) -> Vec<TensionFinding> {
    model
        .dataset
        .relations
        .iter()
        .filter_map(|r| match &r.rule {
            Rule::Tension {
                numerator,
                denominator,
                meaning,
            } => {
                let n = model.quantity(numerator)?;
                let d = model.quantity(denominator)?;
                Some(TensionFinding {
                    relation: r.id.clone(),
                    label: r.label.clone(),
                    numerator: numerator.clone(),
                    denominator: denominator.clone(),
                    involved: involved(model, &[numerator, denominator]),
                    ratio: n.base().div(&d.base()),
                    meaning: meaning.clone(),
                    note: r.note.clone(),
                })
            }
            Rule::SumEquals { .. }
            | Rule::FitsWithin { .. }
            | Rule::PartOf { .. }
            | Rule::RatioMatches { .. }
            | Rule::Equal { .. }
            | Rule::ReferenceRange { .. } => None,
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::{json, Value};
    use std::time::Instant;

    /// The embedded data without its presentation, which names relations these tests replace.
    fn embedded() -> Value {
        let mut v: Value = serde_json::from_str(super::super::EMBEDDED_JSON).unwrap();
        v.as_object_mut().unwrap().remove("presentation");
        v
    }

    fn label() -> Value {
        json!({"en": "r", "zh": "r"})
    }

    /// A reported figure like `like` (of the embedded data), with a new id and value.
    fn figure(v: &Value, like: &str, id: &str, value: f64) -> Value {
        let mut f = v["figures"]
            .as_array()
            .unwrap()
            .iter()
            .find(|f| f["id"] == like)
            .unwrap()
            .clone();
        f["id"] = json!(id);
        f["value"] = json!(value);
        f["scale"] = json!("one");
        f["label"] = label();
        f["source"] = json!({"note": label()});
        f.as_object_mut().unwrap().remove("repeats");
        f
    }

    #[test]
    fn candidates_fit_their_table() {
        for unit in ["ha", "CNY", "%"].map(Unit::builtin) {
            assert!(candidates(&unit).len() <= CANDIDATES);
        }
    }

    #[test]
    fn the_limit_leaves_the_shipped_findings_alone() {
        let model = Model::embedded().unwrap();
        let (limited, spent) = evaluate_within(&model, SLIP_SEARCH_LOOKUPS);
        let (unlimited, _) = evaluate_within(&model, usize::MAX);
        assert_eq!(limited, unlimited);
        assert_eq!(limited, model.findings);
        assert!(spent < 1_000, "{spent}");
        assert!(limited.iter().any(|f| !f.slips.is_empty()));
    }

    #[test]
    fn many_relations_and_long_sums_take_near_linear_time() {
        // 2,000 figures, each failing one relation (÷10 would mend it) and holding in another;
        // and a failing sum of all 2,000 parts, which no single slip mends. Trying every slip of
        // every part against every relation, as this used to, took 6.6 s in a release build.
        let mut v = embedded();
        let n = 2_000;
        let mut relations = Vec::new();
        for i in 0..n {
            let id = format!("q{i}");
            let f = figure(&v, "forest_land_area", &id, 3_400_000.0);
            v["figures"].as_array_mut().unwrap().push(f);
            relations.push(json!({"id": format!("bad{i}"), "label": label(),
                "rule": {"kind": "fits_within", "inner": id, "outer": "forestry_land_area"}}));
            relations.push(json!({"id": format!("ok{i}"), "label": label(),
                "rule": {"kind": "fits_within", "inner": id, "outer": "horqin_sandy_land_area"}}));
        }
        let parts: Vec<String> = (0..n).map(|i| format!("q{i}")).collect();
        relations.push(json!({"id": "sum", "label": label(),
            "rule": {"kind": "sum_equals", "parts": parts, "total": "banner_area"}}));
        v["relations"] = Value::Array(relations);
        // The case's scenarios name relations replaced here.
        v.as_object_mut().unwrap().remove("presentation");
        let model = Model::from_json(&v.to_string()).expect("valid");
        let start = Instant::now();
        let (findings, spent) = evaluate_within(&model, SLIP_SEARCH_LOOKUPS);
        // About 1 s unoptimised, 0.1 s in a release build.
        assert!(start.elapsed().as_secs() < 10, "took {:?}", start.elapsed());
        assert!(spent <= SLIP_SEARCH_LOOKUPS + 2 * (n + 1), "{spent}");
        assert_eq!(findings.len(), 2 * n + 1);
        // Each failing relation has its slips, counted across all of them.
        let bad = findings.iter().find(|f| f.relation == "bad7").unwrap();
        assert!(bad
            .slips
            .iter()
            .any(|s| s.figure == "q7" && s.kind == SlipKind::PowerOfTen(-1) && s.mends == 1));
    }

    #[test]
    fn the_slip_search_stops_at_its_limit() {
        // A holding sum of 1,000 parts and 1,000 relations, each mended by ×10 on one part: every
        // slip has to be checked against the sum.
        let mut v = embedded();
        let n = 1_000;
        let mut relations = Vec::new();
        for i in 0..n {
            let id = format!("p{i}");
            let f = figure(&v, "subsidy_grassland", &id, 1.0);
            v["figures"].as_array_mut().unwrap().push(f);
            relations.push(json!({"id": format!("bad{i}"), "label": label(),
                "rule": {"kind": "equal", "a": id, "b": "ten"}}));
        }
        for (id, value) in [("all", n as f64), ("ten", 10.0)] {
            let mut f = figure(&v, "subsidy_grassland", id, value);
            f["kind"] = json!("context");
            v["figures"].as_array_mut().unwrap().push(f);
        }
        let parts: Vec<String> = (0..n).map(|i| format!("p{i}")).collect();
        relations.push(json!({"id": "sum", "label": label(),
            "rule": {"kind": "sum_equals", "parts": parts, "total": "all"}}));
        v["relations"] = Value::Array(relations);
        // The case's scenarios name relations replaced here.
        v.as_object_mut().unwrap().remove("presentation");
        let model = Model::from_json(&v.to_string()).expect("valid");
        let slips = |f: &[Finding]| f.iter().map(|f| f.slips.len()).sum::<usize>();
        let (all, _) = evaluate_within(&model, usize::MAX);
        assert_eq!(slips(&all), n);
        let (some, spent) = evaluate_within(&model, 100_000);
        assert!(spent < 100_000 + n + 1, "{spent}");
        assert!(slips(&some) > 0 && slips(&some) < n, "{}", slips(&some));
        // What is found within the limit is what an unlimited search finds.
        for f in &some {
            let g = all.iter().find(|g| g.relation == f.relation).unwrap();
            assert!(f.slips.is_empty() || f.slips == g.slips, "{}", f.relation);
        }
    }
}
