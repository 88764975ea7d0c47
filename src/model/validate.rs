//! From text to a dataset that is safe to compute with: syntax, structure, then meaning.

use super::dataset::{Dataset, Operation, Rule, FORMAT_VERSION};
use super::error::{DatasetError, ErrorKind};
use super::units::Unit;
use std::collections::{HashMap, HashSet};

/// Larger input is refused before parsing.
pub const MAX_DATASET_BYTES: usize = 5 * 1024 * 1024;

pub fn parse(text: &str) -> Result<Dataset, Vec<DatasetError>> {
    if text.len() > MAX_DATASET_BYTES {
        return Err(vec![DatasetError::new(
            ErrorKind::TooLarge,
            ".",
            format!("at most {MAX_DATASET_BYTES} bytes"),
            format!("{} bytes", text.len()),
        )]);
    }
    let mut de = serde_json::Deserializer::from_str(text);
    let dataset: Dataset =
        serde_path_to_error::deserialize(&mut de).map_err(|e| vec![DatasetError::from_serde(e)])?;
    de.end().map_err(|e| {
        vec![DatasetError::new(
            ErrorKind::Syntax {
                line: e.line(),
                column: e.column(),
            },
            ".",
            "end of input",
            "more text after the dataset",
        )]
    })?;
    Ok(dataset)
}

/// Every semantic problem in a parsed dataset.
pub fn check(d: &Dataset) -> Vec<DatasetError> {
    let mut errs = Vec::new();
    let mut push = |kind, path: String, expected: &str, found: String| {
        errs.push(DatasetError::new(kind, path, expected, found))
    };
    if d.format_version != FORMAT_VERSION {
        push(
            ErrorKind::UnsupportedVersion,
            "format_version".into(),
            &FORMAT_VERSION.to_string(),
            d.format_version.to_string(),
        );
    }
    let paragraphs: HashSet<u32> = d.paragraphs.iter().map(|p| p.n).collect();
    let channels: HashSet<&str> = d.channels.iter().map(|c| c.id.as_str()).collect();

    // Figures and derived metrics share one namespace: relations may name either.
    let mut seen: HashMap<&str, String> = HashMap::new();
    let ids = d
        .figures
        .iter()
        .enumerate()
        .map(|(i, f)| (f.id.as_str(), format!("figures[{i}].id")))
        .chain(
            d.derived
                .iter()
                .enumerate()
                .map(|(i, m)| (m.id.as_str(), format!("derived[{i}].id"))),
        );
    for (id, path) in ids {
        if id.trim().is_empty() {
            push(
                ErrorKind::EmptyId,
                path,
                "a non-empty id",
                "an empty id".into(),
            );
        } else if let Some(first) = seen.get(id) {
            push(
                ErrorKind::DuplicateId,
                path,
                "an id used once",
                format!("\"{id}\", already used at {first}"),
            );
        } else {
            seen.insert(id, path);
        }
    }
    for (kind, list) in [
        (
            "channels",
            d.channels.iter().map(|c| &c.id).collect::<Vec<_>>(),
        ),
        ("measures", d.measures.iter().map(|m| &m.id).collect()),
        ("relations", d.relations.iter().map(|r| &r.id).collect()),
    ] {
        let mut local = HashSet::new();
        for (i, id) in list.into_iter().enumerate() {
            if !local.insert(id.as_str()) {
                push(
                    ErrorKind::DuplicateId,
                    format!("{kind}[{i}].id"),
                    "an id used once",
                    format!("\"{id}\""),
                );
            }
        }
    }
    let known = |id: &str| seen.contains_key(id);

    let check_paragraph = |n: u32, path: String, errs: &mut Vec<DatasetError>| {
        if !paragraphs.contains(&n) {
            errs.push(DatasetError::new(
                ErrorKind::MissingReference,
                path,
                "a paragraph number listed in paragraphs",
                n.to_string(),
            ));
        }
    };
    let check_channel = |c: &Option<String>, path: String, errs: &mut Vec<DatasetError>| {
        if let Some(c) = c {
            if !channels.contains(c.as_str()) {
                errs.push(DatasetError::new(
                    ErrorKind::MissingReference,
                    path,
                    "a channel id",
                    format!("\"{c}\""),
                ));
            }
        }
    };

    for (i, c) in d.channels.iter().enumerate() {
        check_paragraph(c.paragraph, format!("channels[{i}].paragraph"), &mut errs);
    }
    for (i, f) in d.figures.iter().enumerate() {
        let at = |field: &str| format!("figures[{i}].{field}");
        let unit = Unit::parse(&f.unit);
        if unit.is_none() {
            errs.push(DatasetError::new(
                ErrorKind::UnknownUnit,
                at("unit"),
                "a known unit code",
                format!("\"{}\"", f.unit),
            ));
        }
        let v = f.value * f.scale.factor();
        if !v.is_finite() {
            errs.push(DatasetError::new(
                ErrorKind::NonFinite,
                at("value"),
                "a finite number",
                f.value.to_string(),
            ));
        } else if let Some(u) = unit {
            if v < 0.0 && !u.may_be_negative() {
                errs.push(DatasetError::new(
                    ErrorKind::Negative,
                    at("value"),
                    "a value of 0 or more",
                    f.value.to_string(),
                ));
            }
            if u.is_percent() && !(0.0..=100.0).contains(&v) {
                errs.push(DatasetError::new(
                    ErrorKind::PercentOutOfRange,
                    at("value"),
                    "a percentage from 0 to 100",
                    f.value.to_string(),
                ));
            }
        }
        if let Some(p) = f.about_pct {
            if !p.is_finite() || !(0.0..=100.0).contains(&p) {
                errs.push(DatasetError::new(
                    ErrorKind::NonFinite,
                    at("about_pct"),
                    "a spread from 0 to 100 percent",
                    p.to_string(),
                ));
            }
        }
        if let super::dataset::Period::Range { from, to } = f.period {
            if from > to {
                errs.push(DatasetError::new(
                    ErrorKind::BadPeriod,
                    at("period"),
                    "a range whose start is not after its end",
                    format!("{from}–{to}"),
                ));
            }
        }
        if let Some(n) = f.source.paragraph {
            check_paragraph(n, at("source.paragraph"), &mut errs);
        }
        check_channel(&f.channel, at("channel"), &mut errs);
        if let Some(r) = &f.repeats {
            if !d.figures.iter().any(|g| &g.id == r) {
                errs.push(DatasetError::new(
                    ErrorKind::MissingReference,
                    at("repeats"),
                    "a figure id",
                    format!("\"{r}\""),
                ));
            }
        }
    }
    for (i, m) in d.measures.iter().enumerate() {
        check_paragraph(m.paragraph, format!("measures[{i}].paragraph"), &mut errs);
        check_channel(&m.channel, format!("measures[{i}].channel"), &mut errs);
    }
    for (i, m) in d.derived.iter().enumerate() {
        if Unit::parse(&m.unit).is_none() {
            errs.push(DatasetError::new(
                ErrorKind::UnknownUnit,
                format!("derived[{i}].unit"),
                "a known unit code",
                format!("\"{}\"", m.unit),
            ));
        }
        let (min, max) = match m.operation {
            Operation::Difference | Operation::Ratio => (2, 2),
            Operation::PeriodYears => (1, 1),
            Operation::Sum | Operation::Product => (1, usize::MAX),
        };
        if m.inputs.len() < min || m.inputs.len() > max {
            let expected = if min == max {
                format!("{min} inputs")
            } else {
                format!("at least {min} input")
            };
            errs.push(DatasetError::new(
                ErrorKind::WrongInputCount,
                format!("derived[{i}].inputs"),
                expected,
                format!("{} inputs", m.inputs.len()),
            ));
        }
        for (j, input) in m.inputs.iter().enumerate() {
            if !known(input) {
                errs.push(DatasetError::new(
                    ErrorKind::MissingReference,
                    format!("derived[{i}].inputs[{j}]"),
                    "a figure or derived-metric id",
                    format!("\"{input}\""),
                ));
            }
        }
        check_channel(&m.channel, format!("derived[{i}].channel"), &mut errs);
    }
    errs.extend(cycles(d));
    for (i, r) in d.relations.iter().enumerate() {
        for (field, id) in rule_refs(&r.rule) {
            if !known(id) {
                errs.push(DatasetError::new(
                    ErrorKind::MissingReference,
                    format!("relations[{i}].rule.{field}"),
                    "a figure or derived-metric id",
                    format!("\"{id}\""),
                ));
            }
        }
        if let Some(t) = r.tolerance_pct {
            if !t.is_finite() || t < 0.0 {
                errs.push(DatasetError::new(
                    ErrorKind::NonFinite,
                    format!("relations[{i}].tolerance_pct"),
                    "a tolerance of 0 percent or more",
                    t.to_string(),
                ));
            }
        }
    }
    errs
}

/// The ids a rule names, with the field each sits in.
pub fn rule_refs(rule: &Rule) -> Vec<(String, &str)> {
    match rule {
        Rule::SumEquals { parts, total } => parts
            .iter()
            .enumerate()
            .map(|(j, p)| (format!("parts[{j}]"), p.as_str()))
            .chain([("total".to_string(), total.as_str())])
            .collect(),
        Rule::FitsWithin { inner, outer } => {
            vec![("inner".into(), inner), ("outer".into(), outer)]
        }
        Rule::PartOf { part, whole } => vec![("part".into(), part), ("whole".into(), whole)],
        Rule::RatioMatches {
            numerator,
            denominator,
            expected,
        } => vec![
            ("numerator".into(), numerator),
            ("denominator".into(), denominator),
            ("expected".into(), expected),
        ],
        Rule::Equal { a, b } => vec![("a".into(), a), ("b".into(), b)],
    }
}

/// Derived metrics that depend on themselves, found by depth-first search.
fn cycles(d: &Dataset) -> Vec<DatasetError> {
    let pos: HashMap<&str, usize> = d
        .derived
        .iter()
        .enumerate()
        .map(|(i, m)| (m.id.as_str(), i))
        .collect();
    // 0 = unvisited, 1 = on the current path, 2 = done
    let mut state = vec![0u8; d.derived.len()];
    let mut errs = Vec::new();
    for start in 0..d.derived.len() {
        if state[start] != 0 {
            continue;
        }
        // Iterative DFS so a long chain cannot overflow the stack.
        let mut stack: Vec<(usize, usize)> = vec![(start, 0)];
        state[start] = 1;
        while let Some((node, next)) = stack.pop() {
            let inputs = &d.derived[node].inputs;
            if next < inputs.len() {
                stack.push((node, next + 1));
                if let Some(&child) = pos.get(inputs[next].as_str()) {
                    match state[child] {
                        0 => {
                            state[child] = 1;
                            stack.push((child, 0));
                        }
                        1 => {
                            let mut path: Vec<&str> = stack
                                .iter()
                                .map(|(n, _)| d.derived[*n].id.as_str())
                                .skip_while(|id| *id != d.derived[child].id)
                                .collect();
                            path.push(&d.derived[child].id);
                            errs.push(DatasetError::new(
                                ErrorKind::DerivedCycle,
                                format!("derived[{node}].inputs[{next}]"),
                                "inputs that do not lead back to the metric",
                                path.join(" → "),
                            ));
                        }
                        _ => {}
                    }
                }
            } else {
                state[node] = 2;
            }
        }
    }
    errs
}
