//! Figures become quantities; derived metrics are computed from them in dependency order.

use super::dataset::{Dataset, DerivedMetric, Figure, FigureKind, Operation, Period};
use super::error::{DatasetError, ErrorKind};
use super::estimate::Estimate;
use super::pace::Pace;
use super::units::{Dims, Unit, Vocabulary};
use super::{Origin, Quantity};
use std::collections::{HashMap, HashSet};

/// Every quantity, with a tick of the pace for each figure and derived metric.
pub(super) async fn resolve(
    d: &Dataset,
    pace: &mut Pace<'_>,
) -> Result<Vec<Quantity>, Vec<DatasetError>> {
    let (out, errs) = resolve_with(d, &[], pace).await;
    if errs.is_empty() {
        Ok(out)
    } else {
        Err(errs)
    }
}

/// Every quantity, with each `(id, value)` of `overrides` in place of that figure's or derived
/// metric's value (in its unit): what a what-if scenario computes. A metric whose computation
/// fails is left out (with its error), and so are the metrics built on it.
async fn resolve_with(
    d: &Dataset,
    overrides: &[(&str, f64)],
    pace: &mut Pace<'_>,
) -> (Vec<Quantity>, Vec<DatasetError>) {
    let mut out: Vec<Quantity> = Vec::with_capacity(d.figures.len() + d.derived.len());
    let mut index: HashMap<String, usize> = HashMap::new();
    let vocabulary = Vocabulary::of(d);
    for f in &d.figures {
        pace.tick().await;
        if let Some(q) = figure_quantity(&vocabulary, f, overrides) {
            index.insert(f.id.clone(), out.len());
            out.push(q);
        }
    }
    let mut errs = Vec::new();
    let order = resolution_order(d);
    pace.step().await;
    for i in order {
        pace.tick().await;
        let m = &d.derived[i];
        // An input whose own computation failed leaves this one out, without a second error.
        if !m.inputs.iter().all(|id| index.contains_key(id)) {
            continue;
        }
        let inputs: Vec<&Quantity> = m.inputs.iter().map(|id| &out[index[id]]).collect();
        match derived_quantity(&vocabulary, i, m, &inputs, overrides) {
            Ok(q) => {
                index.insert(m.id.clone(), out.len());
                out.push(q);
            }
            Err(e) => errs.push(e),
        }
    }
    (out, errs)
}

/// What [`resolve_with`] gives for the quantities `wanted`, computing only them and what they
/// are computed from: a what-if recomputes the handful of metrics it shows, not the whole
/// dataset (at 100,000 figures that was most of a keystroke). `figure_at` and `derived_at` find
/// an id's position in `d.figures` and `d.derived` (the model's indexes). A wanted id that is
/// unknown, or whose computation fails, is absent from the result.
pub fn resolve_only(
    d: &Dataset,
    figure_at: &dyn Fn(&str) -> Option<usize>,
    derived_at: &dyn Fn(&str) -> Option<usize>,
    overrides: &[(&str, f64)],
    wanted: &[&str],
) -> HashMap<String, Quantity> {
    let mut done: HashMap<String, Quantity> = HashMap::new();
    // Ids met whose value cannot be had (unknown, failed, or on a cycle): never tried twice.
    let mut missing: HashSet<String> = HashSet::new();
    // Depth-first with an explicit stack (a long chain must not overflow the call stack): an id
    // is computed when it is met again after its inputs.
    let mut stack: Vec<(&str, bool)> = wanted.iter().rev().map(|id| (*id, false)).collect();
    let mut open: HashSet<&str> = HashSet::new();
    let vocabulary = Vocabulary::of(d);
    while let Some((id, inputs_done)) = stack.pop() {
        if done.contains_key(id) || missing.contains(id) {
            continue;
        }
        if let Some(f) = figure_at(id).and_then(|i| d.figures.get(i)) {
            match figure_quantity(&vocabulary, f, overrides) {
                Some(q) => {
                    done.insert(id.to_string(), q);
                }
                None => {
                    missing.insert(id.to_string());
                }
            }
            continue;
        }
        let Some((i, m)) = derived_at(id).and_then(|i| d.derived.get(i).map(|m| (i, m))) else {
            missing.insert(id.to_string());
            continue;
        };
        if !inputs_done {
            if !open.insert(id) {
                // On a cycle (validation refuses them).
                missing.insert(id.to_string());
                continue;
            }
            stack.push((id, true));
            stack.extend(m.inputs.iter().rev().map(|x| (x.as_str(), false)));
            continue;
        }
        open.remove(id);
        let inputs: Option<Vec<&Quantity>> =
            m.inputs.iter().map(|x| done.get(x.as_str())).collect();
        let q =
            inputs.and_then(|inputs| derived_quantity(&vocabulary, i, m, &inputs, overrides).ok());
        match q {
            Some(q) => {
                done.insert(id.to_string(), q);
            }
            None => {
                missing.insert(id.to_string());
            }
        }
    }
    done
}

/// The override of `id`, if any, as a point value.
fn given(overrides: &[(&str, f64)], id: &str) -> Option<Estimate> {
    overrides
        .iter()
        .find(|(o, _)| *o == id)
        .map(|(_, v)| Estimate::point(*v))
}

/// A figure as a quantity (`None`: its unit is unknown, which `validate::check` refuses).
fn figure_quantity(
    vocabulary: &Vocabulary,
    f: &Figure,
    overrides: &[(&str, f64)],
) -> Option<Quantity> {
    let unit = vocabulary.parse(&f.unit)?;
    let floor = if unit.may_be_negative() {
        f64::NEG_INFINITY
    } else {
        0.0
    };
    let v = f.value * f.scale.factor();
    Some(Quantity {
        id: f.id.clone(),
        label: f.label.clone(),
        unit,
        value: given(overrides, &f.id).unwrap_or_else(|| {
            Estimate::from_reported(v, f.qualifier, f.about_pct.unwrap_or(1.0), floor)
        }),
        period: Some(f.period.clone()),
        origin: match f.kind {
            FigureKind::Reported => Origin::Reported,
            FigureKind::Context => Origin::Context,
        },
        channel: f.channel.clone(),
    })
}

/// Derived metric `i` computed from its inputs (in the order it lists them), or the error.
fn derived_quantity(
    vocabulary: &Vocabulary,
    i: usize,
    m: &DerivedMetric,
    inputs: &[&Quantity],
    overrides: &[(&str, f64)],
) -> Result<Quantity, DatasetError> {
    match compute(vocabulary, m.operation, inputs, &m.unit) {
        Ok((_, value)) if overflows(&value, inputs) => Err(DatasetError::new(
            ErrorKind::NonFinite,
            format!("derived[{i}]"),
            "a finite result",
            format!(
                "{} of the inputs: {}",
                m.operation.code(),
                ends_text(&value)
            ),
        )),
        Ok((unit, value)) => Ok(Quantity {
            id: m.id.clone(),
            label: m.label.clone(),
            unit,
            value: given(overrides, &m.id).unwrap_or(value),
            period: common_period(inputs),
            origin: Origin::Derived,
            channel: m.channel.clone(),
        }),
        Err((field, expected, found, kind)) => Err(DatasetError::new(
            kind,
            format!("derived[{i}].{field}"),
            expected,
            found,
        )),
    }
}

/// Whether a result left the numbers: NaN, a lower bound of +∞, an upper bound of −∞, or an
/// infinite end although every input is bounded (an overflow, or a division by almost zero).
/// An open end of an input ("more than 21%") may stay open in the result.
fn overflows(v: &Estimate, inputs: &[&Quantity]) -> bool {
    if v.lo.is_nan() || v.hi.is_nan() || v.lo == f64::INFINITY || v.hi == f64::NEG_INFINITY {
        return true;
    }
    let unbounded = |e: &Estimate| e.lo.is_infinite() || e.hi.is_infinite();
    unbounded(v) && !inputs.iter().any(|q| unbounded(&q.value))
}

/// "∞", or "0 to ∞" for a range.
fn ends_text(v: &Estimate) -> String {
    use super::format::number_text;
    if v.is_point() {
        number_text(v.lo)
    } else {
        format!("{} to {}", number_text(v.lo), number_text(v.hi))
    }
}

/// The order in which to compute the derived metrics: as if the list were read again and again,
/// each time computing every metric whose inputs are ready. That keeps the declared order where
/// inputs come first, yet takes linear time, where rereading takes quadratic time on a long chain
/// declared backwards. A metric read in round `r` waits for an input declared after it to be
/// computed in round `r`, so it comes one round later. Metrics on a cycle (rejected by
/// `validate::check`) are left out.
fn resolution_order(d: &Dataset) -> Vec<usize> {
    let n = d.derived.len();
    let mut pos: HashMap<&str, usize> = HashMap::with_capacity(n);
    for (i, m) in d.derived.iter().enumerate() {
        pos.entry(m.id.as_str()).or_insert(i);
    }
    let mut waiting = vec![0usize; n];
    let mut dependents: Vec<Vec<usize>> = vec![Vec::new(); n];
    for (i, m) in d.derived.iter().enumerate() {
        for input in &m.inputs {
            if let Some(&j) = pos.get(input.as_str()) {
                waiting[i] += 1;
                dependents[j].push(i);
            }
        }
    }
    let mut round = vec![0usize; n];
    let mut ready: Vec<usize> = (0..n).filter(|&i| waiting[i] == 0).collect();
    let mut done = Vec::with_capacity(n);
    while let Some(j) = ready.pop() {
        done.push(j);
        for &i in &dependents[j] {
            let r = if j < i { round[j] } else { round[j] + 1 };
            round[i] = round[i].max(r);
            waiting[i] -= 1;
            if waiting[i] == 0 {
                ready.push(i);
            }
        }
    }
    done.sort_by_key(|&i| (round[i], i));
    done
}

pub(super) type ComputeError = (&'static str, String, String, ErrorKind);

fn dims_text(d: &Dims) -> String {
    format!("a unit of {}", d.text())
}

/// Compute in base units, then express the result in the declared unit.
pub(super) fn compute(
    vocabulary: &Vocabulary,
    op: Operation,
    inputs: &[&Quantity],
    unit: &str,
) -> Result<(Unit, Estimate), ComputeError> {
    let unit = vocabulary.parse(unit).ok_or((
        "unit",
        "a known unit code".to_string(),
        unit.to_string(),
        ErrorKind::UnknownUnit,
    ))?;
    let mismatch =
        |expected: String, found: String| ("inputs", expected, found, ErrorKind::UnitMismatch);
    let first = inputs[0];
    let (dims, base) = match op {
        Operation::Sum | Operation::Difference => {
            for q in &inputs[1..] {
                if q.unit.dims() != first.unit.dims() {
                    return Err(mismatch(
                        format!("inputs of one kind ({})", first.unit.code()),
                        format!("{} in {}", q.id, q.unit.code()),
                    ));
                }
            }
            let mut acc = first.base();
            for q in &inputs[1..] {
                acc = if op == Operation::Sum {
                    acc.add(&q.base())
                } else {
                    acc.sub(&q.base())
                };
            }
            (first.unit.dims().clone(), acc)
        }
        Operation::Product => {
            let mut dims = first.unit.dims().clone();
            let mut acc = first.base();
            for q in &inputs[1..] {
                dims = dims.times(q.unit.dims());
                acc = acc.mul(&q.base());
            }
            (dims, acc)
        }
        Operation::Ratio => {
            let den = inputs[1];
            let value = first.base().div(&den.base()).ok_or((
                "inputs",
                "a divisor above zero".to_string(),
                format!("{} may be zero", den.id),
                ErrorKind::NonFinite,
            ))?;
            (first.unit.dims().over(den.unit.dims()), value)
        }
        Operation::PeriodYears => {
            let years = match &first.period {
                // In f64: `to - from + 1` overflows i32 for the widest ranges.
                Some(Period::Range { from, to }) => f64::from(*to) - f64::from(*from) + 1.0,
                Some(Period::Year { .. }) => 1.0,
                Some(
                    Period::Since { .. } | Period::RecentYears | Period::Present | Period::Undated,
                )
                | None => {
                    return Err((
                        "inputs",
                        "an input dated by a year or a range".to_string(),
                        format!("{} has no fixed length", first.id),
                        ErrorKind::BadPeriod,
                    ))
                }
            };
            let year = Unit::builtin("a");
            (year.dims().clone(), Estimate::point(years * year.to_base()))
        }
    };
    if dims != *unit.dims() {
        return Err((
            "unit",
            dims_text(&dims),
            unit.code().to_string(),
            ErrorKind::UnitMismatch,
        ));
    }
    let value = base.scale(1.0 / unit.to_base());
    Ok((unit, value))
}

/// The inputs' period when they all agree, ignoring context figures (they describe the setting).
fn common_period(inputs: &[&Quantity]) -> Option<Period> {
    let mut periods = inputs
        .iter()
        .filter(|q| q.origin != Origin::Context)
        .map(|q| q.period.clone());
    let first = periods.next()?;
    if periods.all(|p| p == first) {
        first
    } else {
        None
    }
}
