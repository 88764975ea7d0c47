//! From text to a dataset that is safe to compute with: syntax, structure, then meaning.

use super::dataset::{
    Dataset, Operation, Period, Reference, Rule, Text, FORMAT_VERSION, OLDEST_FORMAT_VERSION,
};
use super::decode::{decode, decode_paced};
use super::error::{id_problem, DatasetError, ErrorKind};
use super::json_slices;
use super::limits::{echo, longer_than, MAX_ID_CHARS, MAX_LABEL_CHARS, MAX_TEXT_CHARS};
use super::pace::Pace;
use super::units::{dimension_named, Dims, Unit, Vocabulary, DIMENSION_NAMES};
use std::collections::{HashMap, HashSet};

/// Larger input is refused before parsing. Room for 100,000 figures in this format (about
/// 149 MB for the benchmark's largest generated case, whose copies carry the shipped data's
/// reference ranges with their cited sources); far beyond what fits in browser storage, so such
/// a dataset is used but not kept across visits.
pub const MAX_DATASET_BYTES: usize = 160 * 1024 * 1024;

/// The text read into a dataset: syntax, then structure. A tick of the pace for each element
/// of the text's long lists, as they are parsed and as they are read.
pub(super) async fn parse(text: &str, pace: &mut Pace<'_>) -> Result<Dataset, Vec<DatasetError>> {
    if text.len() > MAX_DATASET_BYTES {
        return Err(vec![DatasetError::new(
            ErrorKind::TooLarge,
            ".",
            format!("at most {MAX_DATASET_BYTES} bytes"),
            format!("{} bytes", text.len()),
        )]);
    }
    // Syntax first (serde_json, with line and column), then structure (`decode`, with paths).
    let syntax = |e: serde_json::Error| vec![DatasetError::from_serde(&e, text)];
    let node = json_slices::parse(text, pace).await.map_err(syntax)?;
    pace.step().await;
    match decode_paced(node, pace).await {
        Some(d) => Ok(d),
        // Something is wrong: read again in one go, for every problem in the order of the text.
        None => decode(&serde_json::from_str(text).map_err(syntax)?),
    }
}

/// The dataset's own units: a fresh code, a known dimension, a factor above zero.
fn unit_declarations(d: &Dataset) -> Vec<DatasetError> {
    let mut errs = Vec::new();
    for (i, u) in d.units.iter().enumerate() {
        let at = |field: &str| format!("units[{i}].{field}");
        if u.code.is_empty()
            || u.code.chars().count() > MAX_ID_CHARS
            || u.code
                .contains(|c: char| c == '/' || c == '.' || c.is_whitespace() || c.is_control())
        {
            errs.push(DatasetError::new(
                ErrorKind::BadUnit,
                at("code"),
                format!("1 to {MAX_ID_CHARS} characters without spaces, `/` or `.`"),
                echo(&u.code),
            ));
        } else if Vocabulary::knows_term(&u.code) {
            errs.push(DatasetError::new(
                ErrorKind::DuplicateId,
                at("code"),
                "a code that is not already a unit of the vocabulary",
                echo(&u.code),
            ));
        } else if let Some(j) = d.units[..i].iter().position(|v| v.code == u.code) {
            errs.push(DatasetError::new(
                ErrorKind::DuplicateId,
                at("code"),
                "a unit code declared once",
                format!("{}, already declared at units[{j}].code", echo(&u.code)),
            ));
        }
        if dimension_named(&u.dimension).is_none() {
            errs.push(DatasetError::new(
                ErrorKind::BadUnit,
                at("dimension"),
                DIMENSION_NAMES,
                echo(&u.dimension),
            ));
        }
        if !(u.factor.is_finite() && u.factor > 0.0) {
            errs.push(DatasetError::new(
                ErrorKind::BadUnit,
                at("factor"),
                "a finite number above zero",
                super::format::number_text(u.factor),
            ));
        }
    }
    errs
}

/// Every semantic problem in a parsed dataset, with a tick of the pace for each figure, derived
/// metric and relation.
pub(super) async fn check(d: &Dataset, pace: &mut Pace<'_>) -> Vec<DatasetError> {
    let mut errs = unit_declarations(d);
    let vocabulary = Vocabulary::of(d);
    let mut push = |kind, path: String, expected: &str, found: String| {
        errs.push(DatasetError::new(kind, path, expected, found))
    };
    // Older versions are read (and migrated by `Model`); newer ones are not understood.
    if !(OLDEST_FORMAT_VERSION..=FORMAT_VERSION).contains(&d.format_version) {
        push(
            ErrorKind::UnsupportedVersion,
            "format_version".into(),
            &format!("{OLDEST_FORMAT_VERSION} to {FORMAT_VERSION}"),
            d.format_version.to_string(),
        );
    }
    // Paragraph numbers are the source trail's keys: each names one paragraph.
    let mut numbered: HashMap<u32, usize> = HashMap::new();
    for (i, p) in d.paragraphs.iter().enumerate() {
        let first = *numbered.entry(p.n).or_insert(i);
        if first != i {
            push(
                ErrorKind::DuplicateId,
                format!("paragraphs[{i}].n"),
                "a paragraph number used once",
                format!("{}, already used at paragraphs[{first}].n", p.n),
            );
        }
    }
    let paragraphs: HashSet<u32> = d.paragraphs.iter().map(|p| p.n).collect();
    if let Some(e) = id_problem(&d.case.id, &|| "case.id".into()) {
        push(e.kind, e.path, &e.expected, e.found);
    }
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
        pace.tick().await;
        if id.trim().is_empty() {
            push(
                ErrorKind::EmptyId,
                path,
                "a non-empty id",
                "an empty id".into(),
            );
        } else if let Some(e) = id_problem(id, &|| path.clone()) {
            // Still known by this id: references to it are not reported a second time.
            seen.entry(id).or_insert(path);
            push(e.kind, e.path, &e.expected, e.found);
        } else if let Some(first) = seen.get(id) {
            push(
                ErrorKind::DuplicateId,
                path,
                "an id used once",
                format!("{}, already used at {first}", echo(id)),
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
            if let Some(e) = id_problem(id, &|| format!("{kind}[{i}].id")) {
                push(e.kind, e.path, &e.expected, e.found);
            } else if !local.insert(id.as_str()) {
                push(
                    ErrorKind::DuplicateId,
                    format!("{kind}[{i}].id"),
                    "an id used once",
                    echo(id),
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
                    echo(c),
                ));
            }
        }
    };

    for (i, c) in d.channels.iter().enumerate() {
        check_paragraph(c.paragraph, format!("channels[{i}].paragraph"), &mut errs);
    }
    let figure_ids: HashSet<&str> = d.figures.iter().map(|f| f.id.as_str()).collect();
    // The unit each id declares, for the relations below: a figure's own, a derived metric's
    // result (the first of an id used twice; unknown units left out, reported here).
    let mut units: HashMap<&str, Unit> = HashMap::new();
    for (i, f) in d.figures.iter().enumerate() {
        pace.tick().await;
        let at = |field: &str| format!("figures[{i}].{field}");
        let unit = vocabulary.parse(&f.unit);
        if let Some(u) = &unit {
            units.entry(f.id.as_str()).or_insert_with(|| u.clone());
        }
        if unit.is_none() {
            errs.push(DatasetError::new(
                ErrorKind::UnknownUnit,
                at("unit"),
                "a known unit code",
                echo(&f.unit),
            ));
        }
        check_concept(
            f.concept.as_deref(),
            unit.as_ref(),
            at("concept"),
            &mut errs,
        );
        let v = f.value * f.scale.factor();
        if !v.is_finite() {
            // Name the scale: "9.99e307 billion" overflows, 9.99e307 alone would not.
            let scaled = match f.scale {
                super::dataset::Scale::One => String::new(),
                s => format!(
                    " {} (×{})",
                    s.code(),
                    super::format::number_text(s.factor())
                ),
            };
            errs.push(DatasetError::new(
                ErrorKind::NonFinite,
                at("value"),
                "a value below about 1.8e308 once multiplied by its scale",
                format!("{}{scaled}", super::format::number_text(f.value)),
            ));
        } else if let Some(u) = unit {
            if u.rate_pair().is_some() && v <= 0.0 {
                errs.push(DatasetError::new(
                    ErrorKind::BadUnit,
                    at("value"),
                    "an exchange rate above zero",
                    super::format::number_text(v),
                ));
            } else if v < 0.0 && !u.may_be_negative() {
                errs.push(DatasetError::new(
                    ErrorKind::Negative,
                    at("value"),
                    "a value of 0 or more",
                    super::format::number_text(f.value),
                ));
            }
            if u.is_percent() && !(0.0..=100.0).contains(&v) {
                errs.push(DatasetError::new(
                    ErrorKind::PercentOutOfRange,
                    at("value"),
                    "a percentage from 0 to 100",
                    super::format::number_text(f.value),
                ));
            }
        }
        if let Some(p) = f.about_pct {
            if !p.is_finite() || !(0.0..=100.0).contains(&p) {
                errs.push(DatasetError::new(
                    ErrorKind::NonFinite,
                    at("about_pct"),
                    "a spread from 0 to 100 percent",
                    super::format::number_text(p),
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
            if !figure_ids.contains(r.as_str()) {
                errs.push(DatasetError::new(
                    ErrorKind::MissingReference,
                    at("repeats"),
                    "a figure id",
                    echo(r),
                ));
            }
        }
    }
    for (i, m) in d.measures.iter().enumerate() {
        check_paragraph(m.paragraph, format!("measures[{i}].paragraph"), &mut errs);
        check_channel(&m.channel, format!("measures[{i}].channel"), &mut errs);
    }
    for (i, m) in d.derived.iter().enumerate() {
        pace.tick().await;
        let unit = vocabulary.parse(&m.unit);
        if let Some(u) = &unit {
            units.entry(m.id.as_str()).or_insert_with(|| u.clone());
        }
        check_concept(
            m.concept.as_deref(),
            unit.as_ref(),
            format!("derived[{i}].concept"),
            &mut errs,
        );
        if unit.is_none() {
            errs.push(DatasetError::new(
                ErrorKind::UnknownUnit,
                format!("derived[{i}].unit"),
                "a known unit code",
                echo(&m.unit),
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
                    echo(input),
                ));
            }
        }
        check_channel(&m.channel, format!("derived[{i}].channel"), &mut errs);
    }
    pace.step().await;
    errs.extend(cycles(d));
    for (i, r) in d.relations.iter().enumerate() {
        pace.tick().await;
        for (j, id) in r.rule.ids().into_iter().enumerate() {
            if !known(id) {
                errs.push(DatasetError::new(
                    ErrorKind::MissingReference,
                    format!("relations[{i}].rule.{}", rule_field(&r.rule, j)),
                    "a figure or derived-metric id",
                    echo(id),
                ));
            }
        }
        errs.extend(relation_units(&vocabulary, &units, i, &r.rule));
        if let Rule::ReferenceRange { reference, .. } = &r.rule {
            errs.extend(reference_errors(&vocabulary, i, reference));
        }
        if let Some(t) = r.tolerance_pct {
            if !t.is_finite() || t < 0.0 {
                errs.push(DatasetError::new(
                    ErrorKind::NonFinite,
                    format!("relations[{i}].tolerance_pct"),
                    "a tolerance of 0 percent or more",
                    super::format::number_text(t),
                ));
            }
        }
    }
    pace.step().await;
    errs.extend(text_lengths(d));
    // A chart's form is checked against relations only when they are sound: a broken relation
    // is reported once, at its own path, not again at every chart that relies on it.
    let relations_sound = !errs.iter().any(|e| e.path.starts_with("relations"));
    pace.step().await;
    errs.extend(super::presentation::check(d, relations_sound, pace).await);
    pace.step().await;
    let scenarios = super::scenario::check(d, &|id, path| id_problem(id, &|| path.clone()), pace);
    errs.extend(scenarios.await);
    errs
}

/// Where a text stands: (`figures`, Some(3), `label`) for `figures[3].label`.
type Spot = (&'static str, Option<usize>, &'static str);

/// Every text longer than its bound (`limits.rs`), with its path. Ids are bounded where they
/// are checked; a reference longer than an id names nothing and is reported as missing. (Paths
/// are data, not closures: one closure per field costs kilobytes of wasm.)
fn text_lengths(d: &Dataset) -> Vec<DatasetError> {
    fn bound(errs: &mut Vec<DatasetError>, s: &str, max: usize, at: Spot, lang: &str) {
        if !longer_than(s, max) {
            return;
        }
        let (list, i, field) = at;
        let mut path = match i {
            Some(i) => format!("{list}[{i}].{field}"),
            None => format!("{list}.{field}"),
        };
        if !lang.is_empty() {
            path.push('.');
            path.push_str(lang);
        }
        errs.push(DatasetError::new(
            ErrorKind::TooLong,
            path,
            format!("at most {max} characters"),
            format!("{} characters", s.chars().count()),
        ));
    }
    fn text(errs: &mut Vec<DatasetError>, t: &Text, max: usize, at: Spot) {
        for (lang, s) in t.iter() {
            bound(errs, s, max, at, lang);
        }
    }
    let (label, long) = (MAX_LABEL_CHARS, MAX_TEXT_CHARS);
    let e = &mut Vec::new();
    text(e, &d.case.title, label, ("case", None, "title"));
    text(e, &d.case.place, label, ("case", None, "place"));
    text(e, &d.case.citation, long, ("case", None, "citation"));
    for (i, p) in d.paragraphs.iter().enumerate() {
        text(e, &p.title, label, ("paragraphs", Some(i), "title"));
        text(e, &p.summary, long, ("paragraphs", Some(i), "summary"));
    }
    for (i, c) in d.channels.iter().enumerate() {
        text(e, &c.label, label, ("channels", Some(i), "label"));
        text(e, &c.summary, long, ("channels", Some(i), "summary"));
    }
    for (i, f) in d.figures.iter().enumerate() {
        let at = |field| ("figures", Some(i), field);
        text(e, &f.label, label, at("label"));
        text(e, &f.source.note, long, at("source.note"));
        let quote = f.source.quote.as_deref().unwrap_or("");
        bound(e, quote, long, at("source.quote"), "");
        let external = f.source.external.as_deref().unwrap_or("");
        bound(e, external, label, at("source.external"), "");
    }
    for (i, m) in d.measures.iter().enumerate() {
        let at = |field| ("measures", Some(i), field);
        bound(e, &m.category, MAX_ID_CHARS, at("category"), "");
        text(e, &m.label, label, at("label"));
        text(e, &m.description, long, at("description"));
    }
    for (i, m) in d.derived.iter().enumerate() {
        let at = |field| ("derived", Some(i), field);
        text(e, &m.label, label, at("label"));
        text(e, &m.formula, long, at("formula"));
        bound(e, &m.symbols, label, at("symbols"), "");
        if let Some(n) = &m.note {
            text(e, n, long, at("note"));
        }
    }
    for (i, r) in d.relations.iter().enumerate() {
        let at = |field| ("relations", Some(i), field);
        text(e, &r.label, label, at("label"));
        if let Some(n) = &r.note {
            text(e, n, long, at("note"));
        }
        match &r.rule {
            Rule::ReferenceRange { reference: x, .. } => {
                let src = &x.source;
                text(e, &x.note, long, at("rule.reference.note"));
                bound(e, &src.name, label, at("rule.reference.source.name"), "");
                let publisher = at("rule.reference.source.publisher");
                bound(e, &src.publisher, label, publisher, "");
                bound(
                    e,
                    &src.locator,
                    label,
                    at("rule.reference.source.locator"),
                    "",
                );
                let published = at("rule.reference.source.published");
                bound(e, &src.published, long, published, "");
                if let Some(u) = &src.url {
                    bound(e, u, label, at("rule.reference.source.url"), "");
                }
            }
            Rule::Tension { meaning, .. } => text(e, meaning, long, at("rule.meaning")),
            Rule::SumEquals { .. }
            | Rule::FitsWithin { .. }
            | Rule::PartOf { .. }
            | Rule::RatioMatches { .. }
            | Rule::Equal { .. } => {}
        }
    }
    std::mem::take(e)
}

/// The field of a rule that holds its `j`th id, in the order of `Rule::ids`: `parts[2]`, `total`.
fn rule_field(rule: &Rule, j: usize) -> String {
    let name = match rule {
        Rule::SumEquals { parts, .. } if j < parts.len() => return format!("parts[{j}]"),
        Rule::SumEquals { .. } => "total",
        Rule::FitsWithin { .. } => ["inner", "outer"][j],
        Rule::PartOf { .. } => ["part", "whole"][j],
        Rule::Equal { .. } => ["a", "b"][j],
        Rule::RatioMatches { .. } => ["numerator", "denominator", "expected"][j],
        Rule::ReferenceRange { .. } => "subject",
        Rule::Tension { .. } => ["numerator", "denominator"][j],
    };
    name.to_string()
}

/// A relation compares quantities of one kind (hectares with square kilometres, not with yuan);
/// a ratio's numerator over denominator is of the expected value's kind. Ids that are unknown or
/// have an unknown unit are reported elsewhere.
fn relation_units(
    vocabulary: &Vocabulary,
    units: &HashMap<&str, Unit>,
    i: usize,
    rule: &Rule,
) -> Vec<DatasetError> {
    let unit = |id: &str| units.get(id).cloned();
    let mismatch = |field: String, reference: (&str, &Unit), other: (&str, &Unit)| {
        DatasetError::new(
            ErrorKind::UnitMismatch,
            format!("relations[{i}].rule.{field}"),
            format!(
                "a quantity of the same kind as {} ({})",
                reference.0,
                reference.1.code()
            ),
            format!("{} in {}", other.0, other.1.code()),
        )
    };
    let mut errs = Vec::new();
    match rule {
        Rule::SumEquals { parts, total } => {
            // The kind most of the ids share is the reference (the total's on a tie); each id
            // of another kind is flagged where it stands.
            let named: Vec<(usize, &str, Unit)> = parts
                .iter()
                .map(String::as_str)
                .chain([total.as_str()])
                .enumerate()
                .filter_map(|(j, id)| unit(id).map(|u| (j, id, u)))
                .collect();
            // Few kinds, maybe many parts: count per kind in one pass.
            let mut kinds: Vec<(Dims, usize)> = Vec::new();
            for (_, _, u) in &named {
                match kinds.iter_mut().find(|(k, _)| k == u.dims()) {
                    Some((_, n)) => *n += 1,
                    None => kinds.push((u.dims().clone(), 1)),
                }
            }
            let count = |u: &Unit| {
                kinds
                    .iter()
                    .find(|(k, _)| k == u.dims())
                    .map_or(0, |(_, n)| *n)
            };
            // On a tie `max_by_key` keeps the last, and the total comes last.
            let Some((ref_id, ref_unit)) = named
                .iter()
                .max_by_key(|(_, _, u)| count(u))
                .map(|(_, id, u)| (*id, u.clone()))
            else {
                return errs;
            };
            for (j, id, u) in &named {
                if u.dims() != ref_unit.dims() {
                    errs.push(mismatch(rule_field(rule, *j), (ref_id, &ref_unit), (id, u)));
                }
            }
        }
        Rule::FitsWithin { inner: a, outer: b } => {
            if let (Some(ua), Some(ub)) = (unit(a), unit(b)) {
                if ua.dims() != ub.dims() {
                    errs.push(mismatch("outer".into(), (a, &ua), (b, &ub)));
                }
            }
        }
        Rule::PartOf { part: a, whole: b } => {
            if let (Some(ua), Some(ub)) = (unit(a), unit(b)) {
                if ua.dims() != ub.dims() {
                    errs.push(mismatch("whole".into(), (a, &ua), (b, &ub)));
                }
            }
        }
        Rule::Equal { a, b } => {
            if let (Some(ua), Some(ub)) = (unit(a), unit(b)) {
                if ua.dims() != ub.dims() {
                    errs.push(mismatch("b".into(), (a, &ua), (b, &ub)));
                }
            }
        }
        Rule::RatioMatches {
            numerator,
            denominator,
            expected,
        } => {
            if let (Some(un), Some(ud), Some(ue)) =
                (unit(numerator), unit(denominator), unit(expected))
            {
                if un.dims().over(ud.dims()) != *ue.dims() {
                    errs.push(DatasetError::new(
                        ErrorKind::UnitMismatch,
                        format!("relations[{i}].rule.expected"),
                        format!(
                            "a quantity of the kind of {} ({}) per {} ({})",
                            numerator,
                            un.code(),
                            denominator,
                            ud.code()
                        ),
                        format!("{} in {}", expected, ue.code()),
                    ));
                }
            }
        }
        Rule::ReferenceRange { subject, reference } => {
            // An unknown unit code is reported by `reference_errors`.
            if let (Some(us), Some(ur)) = (unit(subject), vocabulary.parse(&reference.unit)) {
                if us.dims() != ur.dims() {
                    errs.push(DatasetError::new(
                        ErrorKind::UnitMismatch,
                        format!("relations[{i}].rule.reference.unit"),
                        format!("a unit of the kind of {} ({})", subject, us.code()),
                        format!("\"{}\"", ur.code()),
                    ));
                }
            }
        }
        Rule::Tension {
            numerator,
            denominator,
            ..
        } => {
            if let (Some(un), Some(ud)) = (unit(numerator), unit(denominator)) {
                if un.dims() != ud.dims() {
                    errs.push(mismatch(
                        "denominator".into(),
                        (numerator, &un),
                        (denominator, &ud),
                    ));
                }
            }
        }
    }
    errs
}

/// A reference range: a known unit, finite ends in order, a period that can be.
fn reference_errors(vocabulary: &Vocabulary, i: usize, r: &Reference) -> Vec<DatasetError> {
    let at = |field: &str| format!("relations[{i}].rule.reference.{field}");
    let mut errs = Vec::new();
    let unit = vocabulary.parse(&r.unit);
    if unit.is_none() {
        errs.push(DatasetError::new(
            ErrorKind::UnknownUnit,
            at("unit"),
            "a known unit code",
            format!("\"{}\"", r.unit),
        ));
    }
    for (field, v) in [("low", r.low), ("high", r.high)] {
        if !v.is_finite() {
            errs.push(DatasetError::new(
                ErrorKind::NonFinite,
                at(field),
                "a finite number",
                super::format::number_text(v),
            ));
        } else if v < 0.0 && !unit.as_ref().is_some_and(|u| u.may_be_negative()) {
            errs.push(DatasetError::new(
                ErrorKind::Negative,
                at(field),
                "a value of 0 or more",
                super::format::number_text(v),
            ));
        }
    }
    if r.low.is_finite() && r.high.is_finite() && r.low > r.high {
        errs.push(DatasetError::new(
            ErrorKind::NonFinite,
            at("high"),
            "a high end no lower than the low end",
            format!(
                "{} below {}",
                super::format::number_text(r.high),
                super::format::number_text(r.low)
            ),
        ));
    }
    if let Some(Period::Range { from, to }) = r.period {
        if from > to {
            errs.push(DatasetError::new(
                ErrorKind::BadPeriod,
                at("period"),
                "a range whose start is not after its end",
                format!("{from}–{to}"),
            ));
        }
    }
    errs
}

/// Derived metrics that depend on themselves, found by depth-first search.
fn cycles(d: &Dataset) -> Vec<DatasetError> {
    let pos: HashMap<&str, usize> = d
        .derived
        .iter()
        .enumerate()
        .map(|(i, m)| (m.id.as_str(), i))
        .collect();
    #[derive(Clone, Copy, PartialEq)]
    enum Mark {
        Unvisited,
        OnPath,
        Done,
    }
    let mut state = vec![Mark::Unvisited; d.derived.len()];
    let mut errs = Vec::new();
    for start in 0..d.derived.len() {
        if state[start] != Mark::Unvisited {
            continue;
        }
        // Iterative DFS so a long chain cannot overflow the stack.
        let mut stack: Vec<(usize, usize)> = vec![(start, 0)];
        state[start] = Mark::OnPath;
        while let Some((node, next)) = stack.pop() {
            let inputs = &d.derived[node].inputs;
            if next < inputs.len() {
                stack.push((node, next + 1));
                if let Some(&child) = pos.get(inputs[next].as_str()) {
                    match state[child] {
                        Mark::Unvisited => {
                            state[child] = Mark::OnPath;
                            stack.push((child, 0));
                        }
                        Mark::OnPath => {
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
                        Mark::Done => {}
                    }
                }
            } else {
                state[node] = Mark::Done;
            }
        }
    }
    errs
}

/// A figure's or derived metric's concept: a code of the shared vocabulary (`concepts.rs`), which
/// its unit can measure (an area is not an income).
fn check_concept(
    concept: Option<&str>,
    unit: Option<&super::units::Unit>,
    path: String,
    errs: &mut Vec<DatasetError>,
) {
    let Some(code) = concept else { return };
    match super::concepts::find(code) {
        None => errs.push(DatasetError::new(
            ErrorKind::UnknownConcept,
            path,
            "a concept of the shared vocabulary",
            echo(code),
        )),
        Some(row) => {
            if let Some(unit) = unit.filter(|u| !row.fits(u)) {
                errs.push(DatasetError::new(
                    ErrorKind::UnitMismatch,
                    path,
                    format!(
                        "a unit that can measure `{code}` (like {})",
                        row.units.join(", ")
                    ),
                    echo(unit.code()),
                ));
            }
        }
    }
}
