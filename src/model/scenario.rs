//! What-if scenarios, declared in the dataset (`presentation.scenarios`): each input takes the
//! place of a figure or derived metric, and the scenario's outputs, derived metrics of the
//! dataset, are recomputed by the model's own derive code (`derive::resolve_with`). Nothing here
//! knows any case: the numbers, labels and assumption sentences are the dataset's.

use super::dataset::{Dataset, Sentence, Text};
use super::display::{show, UnitChoice};
use super::error::{DatasetError, ErrorKind};
use super::estimate::Estimate;
use super::limits::{echo, longer_than, MAX_LABEL_CHARS, MAX_TEXT_CHARS};
use super::presentation::{parse_template, Segment};
use super::units::Lang;
use super::units::Vocabulary;
use super::{Model, Quantity};
use std::collections::{HashMap, HashSet};

pub use super::dataset::{Reading, ScenarioInput, ScenarioSpec};

/// The scenarios a model's dataset declares.
pub fn scenarios(model: &Model) -> &[ScenarioSpec] {
    model
        .dataset
        .presentation
        .as_ref()
        .map_or(&[], |p| p.scenarios.as_slice())
}

/// The input `input` of scenario `scenario`, if the dataset declares it.
pub fn find_input<'m>(model: &'m Model, scenario: &str, input: &str) -> Option<&'m ScenarioInput> {
    scenarios(model)
        .iter()
        .find(|s| s.id == scenario)?
        .inputs
        .iter()
        .find(|i| i.id == input)
}

/// Whether an assumption's condition holds in this model (no condition: always); the same
/// rule as every other sentence of the presentation.
pub fn holds(model: &Model, a: &Sentence) -> bool {
    super::presentation::holds(a.when.as_ref(), |r| model.relation_status(r))
}

// ------------------------------------------------------------------ inputs

/// Why typed text is not a usable input value. The words are the interface's (`i18n.rs`).
#[derive(Debug, Clone, PartialEq)]
pub enum InputProblem {
    /// The text as typed, trimmed.
    NotANumber(String),
    NotFinite,
    Negative,
    AboveMax(f64),
    NotWhole,
}

/// Read typed text as an input's value: separators of thousands are allowed, the range is
/// `0..=max`, whole numbers only where the input says so.
pub fn parse_input(input: &ScenarioInput, text: &str) -> Result<f64, InputProblem> {
    parse_input_in(input, text, 1.0)
}

/// [`parse_input`] for text typed in the reader's units, `factor` times the figure's own (see
/// [`input_units`]): the value returned is in the figure's own unit, and the bound a problem
/// names is in the reader's.
pub fn parse_input_in(input: &ScenarioInput, text: &str, factor: f64) -> Result<f64, InputProblem> {
    let k = if factor.is_finite() && factor > 0.0 {
        factor
    } else {
        1.0
    };
    parse_own(input, input.max * k, text).map(|v| v / k)
}

/// `text` read against the bound `max` (in the units typed).
fn parse_own(input: &ScenarioInput, max: f64, text: &str) -> Result<f64, InputProblem> {
    let trimmed = text.trim();
    let t = trimmed.replace([',', '，', ' '], "");
    // serde_json's number reader: core's f64 parser would add its large tables to the wasm.
    let v = if t.is_empty() {
        None
    } else {
        serde_json::from_str::<f64>(&t).ok()
    };
    match v {
        None => Err(InputProblem::NotANumber(trimmed.to_string())),
        Some(v) if !v.is_finite() => Err(InputProblem::NotFinite),
        Some(v) if v < 0.0 => Err(InputProblem::Negative),
        Some(v) if v > max => Err(InputProblem::AboveMax(max)),
        Some(v) if input.whole && v.fract() != 0.0 => Err(InputProblem::NotWhole),
        Some(v) => Ok(v),
    }
}

/// How the reader sees an input's figure: the factor from its own unit to the reader's units
/// and currency, and that unit's name. The page's own conversion (`display::show`, at the rate
/// of the figure's period, `Model::rate`), so the input asks in the units its results are shown
/// in. `(1, own unit)` when nothing converts.
pub fn input_units(
    model: &Model,
    input: &ScenarioInput,
    choice: UnitChoice,
    lang: Lang,
) -> Option<(f64, String)> {
    let q = model.quantity(&input.figure)?;
    let one = Quantity {
        value: Estimate::point(1.0),
        ..q.clone()
    };
    let s = show(model, &one, choice, lang);
    let k = s.value.central();
    Some(if k.is_finite() && k > 0.0 {
        (k, s.unit)
    } else {
        (1.0, q.unit.symbol(lang))
    })
}

/// Significant digits an input box shows: enough to read back the value (226,667 ha, not
/// 226,666.6667; 1,481.09 US$).
const INPUT_DIGITS: i32 = 6;

/// A value as an input box shows it: plain digits, no separators, at most six significant
/// digits and four decimals.
pub fn input_text(v: f64) -> String {
    if !v.is_finite() || v == 0.0 {
        return super::format::plain_number(v, 0);
    }
    let magnitude = v.abs().log10().floor() as i32;
    let decimals = (INPUT_DIGITS - 1 - magnitude).clamp(0, 4) as usize;
    super::format::plain_number(v, decimals).replace(',', "")
}

/// The value an input starts from: its figure's as the dataset gives it (central value).
pub fn reported_value(model: &Model, input: &ScenarioInput) -> Option<f64> {
    model.quantity(&input.figure).map(|q| q.value.central())
}

/// The input's value under a reading: the figure's printed number (with its scale) taken in
/// the reading's unit, expressed in the figure's own unit. `None` if the dataset has no such
/// figure or unit (validation refuses both).
pub fn reading_value(model: &Model, input: &ScenarioInput, reading: &Reading) -> Option<f64> {
    let f = model.figure(&input.figure)?;
    let own = model.unit(&f.unit)?;
    let other = model.unit(&reading.unit)?;
    Some(f.value * f.scale.factor() * other.to_base() / own.to_base())
}

// ------------------------------------------------------------------ running

/// A scenario under the reader's inputs.
#[derive(Debug, Clone, PartialEq)]
pub struct Run {
    /// Each input's value, or why the typed text cannot be used (in the order of the spec).
    pub inputs: Vec<Result<f64, InputProblem>>,
    /// Each output: its value with the inputs in place (`None`: it cannot be computed with
    /// them, e.g. a division by zero), in the order of the spec.
    pub outputs: Vec<(String, Option<Quantity>)>,
    /// Whether the inputs were all usable; if not, the outputs are those of the dataset.
    pub applied: bool,
}

/// Run a scenario: `typed` gives the text typed for an input id (`None`: as reported).
pub fn run<'t>(model: &Model, spec: &ScenarioSpec, typed: impl Fn(&str) -> Option<&'t str>) -> Run {
    run_in(model, spec, typed, |_| 1.0)
}

/// [`run`] with text typed in the reader's units: `factor` of an input is its
/// [`input_units`] factor; typed values are brought back to the figure's own unit with it.
/// `Run::inputs` are in the figures' own units.
pub fn run_in<'t>(
    model: &Model,
    spec: &ScenarioSpec,
    typed: impl Fn(&str) -> Option<&'t str>,
    factor: impl Fn(&ScenarioInput) -> f64,
) -> Run {
    let inputs: Vec<Result<f64, InputProblem>> = spec
        .inputs
        .iter()
        .map(|i| match typed(&i.id) {
            Some(text) => parse_input_in(i, text, factor(i)),
            None => reported_value(model, i).ok_or(InputProblem::NotANumber(String::new())),
        })
        .collect();
    let applied = inputs.iter().all(Result::is_ok);
    // Until every input is usable, the dataset's own values stand in.
    let overrides: Vec<(&str, f64)> = if applied {
        spec.inputs
            .iter()
            .zip(&inputs)
            .filter_map(|(i, v)| v.as_ref().ok().map(|v| (i.figure.as_str(), *v)))
            .collect()
    } else {
        Vec::new()
    };
    let wanted: Vec<&str> = spec.outputs.iter().map(String::as_str).collect();
    let mut by_id = model.resolve_only(&overrides, &wanted);
    let outputs = spec
        .outputs
        .iter()
        .map(|id| (id.clone(), by_id.remove(id.as_str())))
        .collect();
    Run {
        inputs,
        outputs,
        applied,
    }
}

// ------------------------------------------------------------------ validation

/// Every problem with the dataset's scenarios, with its JSON path: ids, bindings, outputs,
/// templates, conditions and text lengths.
/// A step of the pace after each index of the dataset it builds, and after each scenario.
pub(super) async fn check(
    d: &Dataset,
    id_problem: &dyn Fn(&str, String) -> Option<DatasetError>,
    pace: &mut super::pace::Pace<'_>,
) -> Vec<DatasetError> {
    let mut errs = Vec::new();
    let Some(p) = &d.presentation else {
        return errs;
    };
    let quantities = d.quantity_ids();
    pace.step().await;
    let vocabulary = Vocabulary::of(d);
    let derived: HashSet<&str> = d.derived.iter().map(|m| m.id.as_str()).collect();
    pace.step().await;
    let relations: HashSet<&str> = d.relations.iter().map(|r| r.id.as_str()).collect();
    pace.step().await;
    let mut push = |kind, path: String, expected: &str, found: String| {
        errs.push(DatasetError::new(kind, path, expected, found))
    };
    let mut ids: HashSet<&str> = HashSet::new();
    for (i, s) in p.scenarios.iter().enumerate() {
        pace.step().await;
        let at = |field: &str| format!("presentation.scenarios[{i}].{field}");
        own_id(&s.id, at("id"), &mut ids, id_problem, &mut push);
        text_len(&s.title, MAX_LABEL_CHARS, &at("title"), &mut push);
        if let Some(t) = &s.intro {
            text_len(t, MAX_TEXT_CHARS, &at("intro"), &mut push);
        }
        let mut input_ids: HashSet<&str> = HashSet::new();
        let mut bound: HashMap<&str, usize> = HashMap::new();
        for (j, input) in s.inputs.iter().enumerate() {
            let at = |field: &str| format!("presentation.scenarios[{i}].inputs[{j}].{field}");
            own_id(&input.id, at("id"), &mut input_ids, id_problem, &mut push);
            if !quantities.contains(input.figure.as_str()) {
                push(
                    ErrorKind::MissingReference,
                    at("figure"),
                    "a figure or derived metric id",
                    echo(&input.figure),
                );
            } else if let Some(first) = bound.insert(&input.figure, j) {
                push(
                    ErrorKind::DuplicateId,
                    at("figure"),
                    "a figure bound to one input of the scenario",
                    format!(
                        "{}, already bound at presentation.scenarios[{i}].inputs[{first}].figure",
                        echo(&input.figure)
                    ),
                );
            }
            text_len(&input.label, MAX_LABEL_CHARS, &at("label"), &mut push);
            let own = d
                .figures
                .iter()
                .find(|f| f.id == input.figure)
                .and_then(|f| vocabulary.parse(&f.unit));
            for (k, reading) in input.readings.iter().enumerate() {
                let at = |field: &str| {
                    format!("presentation.scenarios[{i}].inputs[{j}].readings[{k}].{field}")
                };
                text_len(&reading.label, MAX_LABEL_CHARS, &at("label"), &mut push);
                match (vocabulary.parse(&reading.unit), own.clone()) {
                    (None, _) => push(
                        ErrorKind::UnknownUnit,
                        at("unit"),
                        "a known unit code",
                        echo(&reading.unit),
                    ),
                    // Bound to nothing: reported above.
                    (Some(_), None) if !quantities.contains(input.figure.as_str()) => {}
                    // Bound to a derived metric: no printed number.
                    (Some(_), None) => push(
                        ErrorKind::MissingReference,
                        at("unit"),
                        "a reading of an input bound to a figure",
                        format!("{} is not a figure", echo(&input.figure)),
                    ),
                    (Some(u), Some(o)) if u.dims() != o.dims() => push(
                        ErrorKind::UnitMismatch,
                        at("unit"),
                        &format!("a unit of the same kind as {}", o.code()),
                        u.code().to_string(),
                    ),
                    (Some(_), Some(_)) => {}
                }
            }
            if !input.max.is_finite() {
                push(
                    ErrorKind::NonFinite,
                    at("max"),
                    "a finite number",
                    super::format::number_text(input.max),
                );
            } else if input.max <= 0.0 {
                push(
                    ErrorKind::Negative,
                    at("max"),
                    "a number above 0",
                    super::format::number_text(input.max),
                );
            }
        }
        for (k, o) in s.outputs.iter().enumerate() {
            if !derived.contains(o.as_str()) {
                push(
                    ErrorKind::MissingReference,
                    format!("presentation.scenarios[{i}].outputs[{k}]"),
                    "a derived metric id",
                    echo(o),
                );
            }
        }
        for (k, a) in s.assumptions.iter().enumerate() {
            let at = |field: &str| format!("presentation.scenarios[{i}].assumptions[{k}].{field}");
            for (lang, t) in a.text.iter() {
                if longer_than(t, MAX_TEXT_CHARS) {
                    push(
                        ErrorKind::TooLong,
                        at(lang),
                        &format!("at most {MAX_TEXT_CHARS} characters"),
                        format!("{} characters", t.chars().count()),
                    );
                    continue;
                }
                match parse_template(t) {
                    Err(e) => push(
                        ErrorKind::Structure,
                        at(lang),
                        "a template: text with {id} references, {{ and }} for braces",
                        format!("{} at character {}", e.found, e.at),
                    ),
                    Ok(segs) => {
                        for seg in segs {
                            if let Segment::Quantity(id) = seg {
                                if !quantities.contains(id.as_str()) {
                                    push(
                                        ErrorKind::MissingReference,
                                        at(lang),
                                        "{id} naming a figure or derived metric",
                                        echo(&id),
                                    );
                                }
                            }
                        }
                    }
                }
            }
            if let Some(w) = &a.when {
                if !relations.contains(w.relation.as_str()) {
                    push(
                        ErrorKind::MissingReference,
                        at("when.relation"),
                        "a relation id",
                        echo(&w.relation),
                    );
                }
            }
        }
    }
    errs
}

type Push<'a> = dyn FnMut(ErrorKind, String, &str, String) + 'a;

/// An id that must be valid and unique among its siblings.
fn own_id<'d>(
    id: &'d str,
    path: String,
    seen: &mut HashSet<&'d str>,
    id_problem: &dyn Fn(&str, String) -> Option<DatasetError>,
    push: &mut Push,
) {
    if id.trim().is_empty() {
        push(
            ErrorKind::EmptyId,
            path,
            "a non-empty id",
            "an empty id".into(),
        );
    } else if let Some(e) = id_problem(id, path.clone()) {
        push(e.kind, e.path, &e.expected, e.found);
    } else if !seen.insert(id) {
        push(ErrorKind::DuplicateId, path, "an id used once", echo(id));
    }
}

fn text_len(t: &Text, max: usize, path: &str, push: &mut Push) {
    for (lang, s) in t.iter() {
        if longer_than(s, max) {
            push(
                ErrorKind::TooLong,
                format!("{path}.{lang}"),
                &format!("at most {max} characters"),
                format!("{} characters", s.chars().count()),
            );
        }
    }
}
