#![cfg(not(target_arch = "wasm32"))]
//! The validator on malformed input: each problem comes back as a typed error with a stable
//! code and the JSON path where it is, never as a panic.

#[path = "common/cases.rs"]
mod cases;

use case_explorer::model::{DatasetError, ErrorKind, Model, EMBEDDED_JSON, MAX_DATASET_BYTES};
use cases::{first, CaseFile, ALL};
use proptest::prelude::*;
use serde_json::{json, Value};

fn embedded_value() -> Value {
    serde_json::from_str(EMBEDDED_JSON).unwrap()
}

/// The embedded dataset, changed by `f`, as text.
fn mutated(f: impl FnOnce(&mut Value)) -> String {
    let mut v = embedded_value();
    f(&mut v);
    v.to_string()
}

fn errors(text: &str) -> Vec<DatasetError> {
    match Model::from_json(text) {
        Ok(_) => panic!("accepted a malformed dataset"),
        Err(e) => {
            assert!(!e.is_empty(), "an error list is never empty");
            e
        }
    }
}

/// Exactly one error, with this code and path.
#[track_caller]
fn single(text: &str, code: &str, path: &str) -> DatasetError {
    let e = errors(text);
    assert_eq!(e.len(), 1, "one error expected: {e:#?}");
    let e = e.into_iter().next().unwrap();
    assert_eq!((e.kind.code(), e.path.as_str()), (code, path), "{e}");
    e
}

/// Among the errors, one with this code and path.
#[track_caller]
fn has(text: &str, code: &str, path: &str) -> DatasetError {
    let e = errors(text);
    e.iter()
        .find(|x| x.kind.code() == code && x.path == path)
        .cloned()
        .unwrap_or_else(|| panic!("no {code} at {path} among {e:#?}"))
}

fn derived(id: &str, op: &str, inputs: &[&str], unit: &str) -> Value {
    json!({"id": id, "label": {"en": id, "zh": id}, "operation": op, "inputs": inputs, "unit": unit,
           "formula": {"en": "f", "zh": "f"}, "symbols": "f"})
}

/// Index of an item of the embedded dataset by its id.
fn index_of(list: &str, id: &str) -> usize {
    cases::index_of(&embedded_value(), list, id)
}

/// A case file changed by `f`, as text.
fn mutated_case(c: &CaseFile, f: impl FnOnce(&mut Value)) -> String {
    let mut v = c.value();
    f(&mut v);
    v.to_string()
}

/// Errors of a changed case, with the case's path in any failure message.
#[track_caller]
fn case_has(c: &CaseFile, text: &str, code: &str, path: &str) -> DatasetError {
    let e = match Model::from_json(text) {
        Ok(_) => panic!("{}: accepted with {code} at {path}", c.path),
        Err(e) => e,
    };
    e.iter()
        .find(|x| x.kind.code() == code && x.path == path)
        .cloned()
        .unwrap_or_else(|| panic!("{}: no {code} at {path} among {e:#?}", c.path))
}

/// Exactly one error, with this code and path, in a changed case.
#[track_caller]
fn case_single(c: &CaseFile, text: &str, code: &str, path: &str) -> DatasetError {
    let e = case_has(c, text, code, path);
    let all = Model::from_json(text).err().unwrap_or_default();
    assert_eq!(all.len(), 1, "{}: one error expected: {all:#?}", c.path);
    e
}

/// The ids of a case's figures and derived metrics.
fn quantity_ids(v: &Value) -> Vec<String> {
    ["figures", "derived"]
        .iter()
        .flat_map(|l| v[*l].as_array().cloned().unwrap_or_default())
        .filter_map(|x| x["id"].as_str().map(str::to_string))
        .collect()
}

/// Units a value of which may not be below zero, as the validator sees them: areas, counts,
/// money amounts.
fn never_negative(unit: &str) -> bool {
    [
        "ha",
        "km2",
        "{person}",
        "{household}",
        "CNY",
        "USD",
        "person",
        "cny",
    ]
    .contains(&unit)
}

#[test]
fn the_embedded_dataset_is_valid() {
    let m = Model::embedded().expect("valid");
    assert!(!m.dataset.figures.is_empty());
    assert!(EMBEDDED_JSON.len() < MAX_DATASET_BYTES);
}

// ------------------------------------------------------------------ syntax and structure

#[test]
fn syntax_error_with_line_and_column() {
    let e = single("{\"format_version\": 1,\n  \"case\": }", "syntax", "case");
    assert_eq!(
        e.kind,
        ErrorKind::Syntax {
            line: 2,
            column: 11
        }
    );
    assert!(e.to_string().contains("line 2, column 11"), "{e}");
    // A broken embedded file: the line of the damage is reported.
    let broken = EMBEDDED_JSON.replacen("\"value\": 393333,", "\"value\": 393333,,", 1);
    let line = broken.lines().position(|l| l.contains("393333,,")).unwrap() + 1;
    // The second comma stands where a key was due: the path is the object.
    let e = single(&broken, "syntax", "figures[1]");
    assert!(
        matches!(e.kind, ErrorKind::Syntax { line: l, .. } if l == line),
        "{e}"
    );
}

#[test]
fn empty_and_truncated_input_are_syntax_errors() {
    let e = single("", "syntax", ".");
    assert!(matches!(e.kind, ErrorKind::Syntax { line: 1, .. }));
    let mut cut = EMBEDDED_JSON.len() / 2;
    while !EMBEDDED_JSON.is_char_boundary(cut) {
        cut -= 1;
    }
    let half = &EMBEDDED_JSON[..cut];
    let e = errors(half);
    assert_eq!(e[0].kind.code(), "syntax");
    single("null", "structure", ".");
    single("[]", "structure", ".");
    single("\"dataset\"", "structure", ".");
}

#[test]
fn text_after_the_dataset_is_refused() {
    let text = format!("{EMBEDDED_JSON} {{}}");
    let e = single(&text, "syntax", ".");
    let last_line = text.lines().count();
    assert!(
        matches!(e.kind, ErrorKind::Syntax { line, .. } if line == last_line),
        "{e}"
    );
}

#[test]
fn missing_field() {
    for c in ALL {
        let n = c.value()["figures"].as_array().map_or(0, Vec::len);
        let last = n - 1;
        let text = mutated_case(c, |v| {
            v["figures"][last].as_object_mut().unwrap().remove("unit");
        });
        // The path names the missing field itself.
        let e = case_single(c, &text, "structure", &format!("figures[{last}].unit"));
        assert_eq!(e.expected, "field `unit`");
        let text = mutated_case(c, |v| {
            v.as_object_mut().unwrap().remove("figures");
        });
        let e = case_has(c, &text, "structure", "figures");
        assert_eq!(e.expected, "field `figures`");
    }
    // Optional lists may be left out.
    let text = mutated(|v| {
        let o = v.as_object_mut().unwrap();
        o.remove("measures");
        o.remove("relations");
        o.remove("derived");
        // The presentation too: it names some of them, and its scenarios compute derived
        // metrics and name a relation.
        o.remove("presentation");
    });
    assert!(Model::from_json(&text).unwrap().findings.is_empty());
}

#[test]
fn number_as_string() {
    for c in ALL {
        let v = c.value();
        let (i, f) = first(&v, "figures", |_| true).expect("a figure");
        let written = format!("{}", f["value"]).replace('.', ",");
        let text = mutated_case(c, |v| v["figures"][i]["value"] = json!(written));
        let e = case_single(c, &text, "structure", &format!("figures[{i}].value"));
        assert_eq!(e.expected, "a number");
        assert_eq!(e.found, format!("string {written:?}"));
        let text = mutated_case(c, |v| v["format_version"] = json!("1"));
        case_single(c, &text, "structure", "format_version");
    }
}

#[test]
fn unknown_fields_and_enum_values_are_structure_errors() {
    for c in ALL {
        let v = c.value();
        // A bound: its qualifier is not "exact".
        let i = first(&v, "figures", |f| f["qualifier"] != "exact").map_or(0, |(i, _)| i);
        let at = |field: &str| format!("figures[{i}].{field}");
        let text = mutated_case(c, |v| v["figures"][i]["colour"] = json!("red"));
        let e = case_single(c, &text, "structure", &at("colour"));
        assert!(e.found.contains("colour"), "{e}");
        let text = mutated_case(c, |v| v["figures"][i]["qualifier"] = json!("roughly"));
        case_single(c, &text, "structure", &at("qualifier"));
        let text = mutated_case(c, |v| v["figures"][i]["scale"] = json!("myriad"));
        case_single(c, &text, "structure", &at("scale"));
        let text = mutated_case(c, |v| {
            v["figures"][i]["period"] = json!({"type": "decade", "year": 2010})
        });
        case_single(c, &text, "structure", &at("period.type"));
        // The last relation, whatever its kind.
        let Some(last) = v["relations"]
            .as_array()
            .and_then(|r| r.len().checked_sub(1))
        else {
            continue;
        };
        let text = mutated_case(c, |v| {
            v["relations"][last]["rule"]["kind"] = json!("adds_up")
        });
        case_single(
            c,
            &text,
            "structure",
            &format!("relations[{last}].rule.kind"),
        );
    }
}

#[test]
fn a_period_takes_exactly_its_own_fields() {
    // A year given with "at present" would be dropped without a word: it is refused.
    for (period, found) in [
        (json!({"type": "present", "year": 2018}), "year"),
        (json!({"type": "recent_years", "from": 2014}), "from"),
        (json!({"type": "undated", "note": "x"}), "note"),
        (json!({"type": "year", "year": 2017, "to": 2018}), "to"),
        (
            json!({"type": "range", "from": 2014, "to": 2017, "year": 2015}),
            "year",
        ),
    ] {
        let text = mutated(|v| v["figures"][0]["period"] = period.clone());
        let e = errors(&text);
        assert_eq!(e.len(), 1, "{period}: {e:?}");
        assert_eq!(e[0].kind.code(), "structure", "{period}");
        assert!(
            e[0].path.starts_with("figures[0].period"),
            "{period}: {}",
            e[0]
        );
        assert!(e[0].to_string().contains(found), "{period}: {}", e[0]);
    }
    for (period, missing) in [
        (json!({"type": "year"}), "year"),
        (json!({"type": "since", "year": null}), "year"),
        (json!({"type": "range", "from": 2014}), "to"),
    ] {
        let text = mutated(|v| v["figures"][0]["period"] = period.clone());
        let e = errors(&text);
        assert_eq!(e[0].kind.code(), "structure", "{period}");
        assert!(
            e[0].path.starts_with("figures[0].period"),
            "{period}: {}",
            e[0]
        );
        assert!(e[0].to_string().contains(missing), "{period}: {}", e[0]);
    }
    // Every kind reads back what it writes.
    for period in [
        json!({"type": "year", "year": 2017}),
        json!({"type": "range", "from": 2014, "to": 2017}),
        json!({"type": "since", "year": 2002}),
        json!({"type": "recent_years"}),
        json!({"type": "present"}),
        json!({"type": "undated"}),
    ] {
        let text = mutated(|v| v["figures"][0]["period"] = period.clone());
        let m = Model::from_json(&text).unwrap_or_else(|e| panic!("{period}: {e:?}"));
        let written = serde_json::to_value(&m.dataset.figures[0].period).unwrap();
        assert_eq!(written, period);
    }
}

#[test]
fn unknown_unit() {
    for c in ALL {
        let v = c.value();
        let n = v["figures"].as_array().map_or(0, Vec::len);
        for i in [0, n / 2, n - 1] {
            let text = mutated_case(c, |v| v["figures"][i]["unit"] = json!("furlong"));
            let e = case_has(c, &text, "unknown_unit", &format!("figures[{i}].unit"));
            assert_eq!(e.found, "\"furlong\"");
        }
        if first(&v, "derived", |_| true).is_some() {
            let text = mutated_case(c, |v| v["derived"][0]["unit"] = json!("percentage"));
            case_has(c, &text, "unknown_unit", "derived[0].unit");
        }
    }
}

#[test]
fn duplicate_id() {
    for c in ALL {
        let v = c.value();
        let id = |list: &str, i: usize| v[list][i]["id"].as_str().unwrap().to_string();
        let n = |list: &str| v[list].as_array().map_or(0, Vec::len);
        let last = n("figures") - 1;
        let text = mutated_case(c, |w| w["figures"][last]["id"] = json!(id("figures", 0)));
        let e = case_has(c, &text, "duplicate_id", &format!("figures[{last}].id"));
        assert!(
            e.found.contains("figures[0].id"),
            "names the first use: {e}"
        );
        // Figures and derived metrics share one namespace.
        if n("derived") > 0 {
            let text = mutated_case(c, |w| w["derived"][0]["id"] = json!(id("figures", last)));
            case_has(c, &text, "duplicate_id", "derived[0].id");
        }
        for list in ["relations", "channels"] {
            if n(list) >= 2 {
                let last = n(list) - 1;
                let text = mutated_case(c, |w| w[list][last]["id"] = json!(id(list, 0)));
                case_has(c, &text, "duplicate_id", &format!("{list}[{last}].id"));
            }
        }
        let text = mutated_case(c, |w| w["figures"][last]["id"] = json!("  "));
        case_has(c, &text, "empty_id", &format!("figures[{last}].id"));
    }
    // Renaming a relation that nothing names: that one error alone.
    let i = index_of("relations", "treated_within_banner");
    let text = mutated(|v| v["relations"][i]["id"] = json!("subsidy_parts_add_up"));
    single(&text, "duplicate_id", &format!("relations[{i}].id"));
}

#[test]
fn dangling_reference_in_derived_inputs() {
    // Every input of every derived metric of every case, named wrong, is one error at its path.
    for c in ALL {
        let v = c.value();
        for (i, d) in v["derived"]
            .as_array()
            .cloned()
            .unwrap_or_default()
            .iter()
            .enumerate()
        {
            for j in 0..d["inputs"].as_array().map_or(0, Vec::len) {
                let text = mutated_case(c, |v| v["derived"][i]["inputs"][j] = json!("no_such_id"));
                let e = case_single(
                    c,
                    &text,
                    "missing_reference",
                    &format!("derived[{i}].inputs[{j}]"),
                );
                assert_eq!(e.found, "\"no_such_id\"");
            }
        }
    }
}

#[test]
fn dangling_reference_in_relations() {
    // Every quantity a relation of any case names (a field of its rule, or an item of a list
    // field), named wrong, is one error at its path.
    let mut seen = 0;
    for c in ALL {
        let v = c.value();
        let ids = quantity_ids(&v);
        let names = |x: &Value| x.as_str().is_some_and(|s| ids.iter().any(|i| i == s));
        for (i, r) in v["relations"]
            .as_array()
            .cloned()
            .unwrap_or_default()
            .iter()
            .enumerate()
        {
            let rule = r["rule"].as_object().cloned().unwrap_or_default();
            for (field, x) in &rule {
                let field = field.as_str();
                if names(x) {
                    let text =
                        mutated_case(c, |v| v["relations"][i]["rule"][field] = json!("nowhere"));
                    let at = format!("relations[{i}].rule.{field}");
                    case_single(c, &text, "missing_reference", &at);
                    seen += 1;
                }
                for (j, y) in x.as_array().into_iter().flatten().enumerate() {
                    if names(y) {
                        let text = mutated_case(c, |v| {
                            v["relations"][i]["rule"][field][j] = json!("nowhere")
                        });
                        let at = format!("relations[{i}].rule.{field}[{j}]");
                        case_single(c, &text, "missing_reference", &at);
                        seen += 1;
                    }
                }
            }
        }
    }
    assert!(seen > 50, "only {seen} references tried");
}

#[test]
fn other_dangling_references() {
    let mut seen = [0; 5];
    for c in ALL {
        let v = c.value();
        // A paragraph number past the text's last one.
        let past = v["paragraphs"]
            .as_array()
            .into_iter()
            .flatten()
            .filter_map(|p| p["n"].as_u64())
            .max()
            .unwrap_or(0)
            + 1;
        if let Some((i, _)) = first(&v, "figures", |f| f["channel"].is_string()) {
            let text = mutated_case(c, |v| v["figures"][i]["channel"] = json!("no_channel"));
            case_single(
                c,
                &text,
                "missing_reference",
                &format!("figures[{i}].channel"),
            );
            seen[0] += 1;
        }
        if let Some((i, _)) = first(&v, "figures", |f| f["source"]["paragraph"].is_u64()) {
            let text = mutated_case(c, |v| v["figures"][i]["source"]["paragraph"] = json!(past));
            let at = format!("figures[{i}].source.paragraph");
            case_single(c, &text, "missing_reference", &at);
            seen[1] += 1;
        }
        if let Some((i, _)) = first(&v, "figures", |f| f["repeats"].is_string()) {
            let text = mutated_case(c, |v| v["figures"][i]["repeats"] = json!("no_figure"));
            case_single(
                c,
                &text,
                "missing_reference",
                &format!("figures[{i}].repeats"),
            );
            seen[2] += 1;
        }
        for (k, list) in [(3, "measures"), (4, "channels")] {
            if let Some((i, _)) = first(&v, list, |x| x["paragraph"].is_u64()) {
                let text = mutated_case(c, |v| v[list][i]["paragraph"] = json!(past));
                let at = format!("{list}[{i}].paragraph");
                case_single(c, &text, "missing_reference", &at);
                seen[k] += 1;
            }
        }
    }
    assert!(
        seen.iter().all(|n| *n > 0),
        "each kind tried at least once: {seen:?}"
    );
}

#[test]
fn derived_cycle() {
    for c in ALL {
        let v = c.value();
        let n = v["derived"].as_array().map_or(0, Vec::len);
        // Metrics labelled in the case's own language, of its first figure's unit.
        let own = v["case"]["language"].as_str().unwrap_or("en").to_string();
        let (first_id, unit) = (
            v["figures"][0]["id"].clone(),
            v["figures"][0]["unit"].clone(),
        );
        let metric = |id: &str, inputs: Value| {
            json!({"id": id, "label": {own.as_str(): id}, "operation": "sum", "inputs": inputs,
                   "unit": unit, "formula": {own.as_str(): "f"}, "symbols": "f"})
        };
        let text = mutated_case(c, |v| {
            if !v["derived"].is_array() {
                v["derived"] = json!([]);
            }
            let d = v["derived"].as_array_mut().unwrap();
            d.push(metric("a", json!(["b"])));
            d.push(metric("b", json!(["a"])));
        });
        let at = format!("derived[{}].inputs[0]", n + 1);
        let e = case_single(c, &text, "derived_cycle", &at);
        assert_eq!(e.found, "a → b → a");
        // A metric that is its own input.
        let text = mutated_case(c, |v| {
            if !v["derived"].is_array() {
                v["derived"] = json!([]);
            }
            let d = v["derived"].as_array_mut().unwrap();
            d.push(metric("self", json!([first_id, "self"])));
        });
        let e = case_single(
            c,
            &text,
            "derived_cycle",
            &format!("derived[{n}].inputs[1]"),
        );
        assert_eq!(e.found, "self → self");
    }
}

#[test]
fn a_long_chain_of_derived_metrics_is_no_cycle_and_no_stack_overflow() {
    // 20,000 metrics, each the input of the one before it, listed against dependency order:
    // computing them by rereading the list would take quadratic time.
    let n = 20_000;
    let text = mutated(|v| {
        let d = v["derived"].as_array_mut().unwrap();
        for i in 0..n {
            let input = if i + 1 == n {
                "desert_treated_area".to_string()
            } else {
                format!("c{}", i + 1)
            };
            d.push(derived(&format!("c{i}"), "sum", &[&input], "ha"));
        }
    });
    let start = std::time::Instant::now();
    let m = Model::from_json(&text).expect("a chain is valid");
    assert_eq!(
        m.quantity("c0").unwrap().value,
        m.quantity("desert_treated_area").unwrap().value
    );
    assert_eq!(m.paragraph_of("c0"), Some(2));
    assert!(start.elapsed().as_secs() < 10, "took {:?}", start.elapsed());
    // Closing the chain into a loop is found.
    let text = text.replacen(
        "\"inputs\":[\"desert_treated_area\"]",
        "\"inputs\":[\"c0\"]",
        1,
    );
    let e = errors(&text);
    assert!(
        e.iter().any(|x| x.kind == ErrorKind::DerivedCycle),
        "{:?}",
        e.first()
    );
}

// ------------------------------------------------------------------ ids and numbering

#[test]
fn ids_use_the_documented_character_set() {
    // "income" and "income" + U+200B cannot both exist: the second is refused where it stands,
    // and the message shows the invisible character.
    for c in ALL {
        let v = c.value();
        let id = v["figures"][0]["id"].as_str().unwrap().to_string();
        let text = mutated_case(c, |v| {
            v["figures"][1]["id"] = json!(format!("{id}\u{200B}"))
        });
        let e = case_has(c, &text, "invalid_id", "figures[1].id");
        let at = id.chars().count() + 1;
        assert_eq!(
            e.found,
            format!("\"{id}\\u{{200B}}\" (U+200B at character {at})")
        );
        assert_eq!(e.expected, "an id made of ASCII letters, digits, _ - . :");
        // An id made only of zero-width spaces is not taken for a real one.
        let text = mutated_case(c, |v| v["figures"][1]["id"] = json!("\u{200B}\u{200B}"));
        case_has(c, &text, "invalid_id", "figures[1].id");
        // Bidirectional controls, look-alike letters, spaces, in every list of ids.
        for (list, id) in [
            ("channels", "jobs\u{202E}"),
            ("measures", "gr\u{0430}zing"),
            ("relations", "a b"),
            ("derived", "share\u{2060}"),
        ] {
            if first(&v, list, |_| true).is_some() {
                let text = mutated_case(c, |v| v[list][0]["id"] = json!(id));
                case_has(c, &text, "invalid_id", &format!("{list}[0].id"));
            }
        }
        let text = mutated_case(c, |v| v["case"]["id"] = json!("案例"));
        case_single(c, &text, "invalid_id", "case.id");
    }
    // Every character of the set is allowed.
    // (relations[1]: the presentation names relations[0] in a sentence's condition.)
    let text = mutated(|v| v["relations"][1]["id"] = json!("Az09_-.:"));
    Model::from_json(&text).expect("the documented characters are allowed");
}

#[test]
fn paragraph_numbers_are_unique_and_whole() {
    let text = mutated(|v| v["paragraphs"][3]["n"] = json!(1));
    let e = has(&text, "duplicate_id", "paragraphs[3].n");
    assert_eq!(e.found, "1, already used at paragraphs[1].n");
    // JSON Schema's integer: 1.0 and 1e2 are whole numbers; 1.5 is not.
    let text = EMBEDDED_JSON
        .replacen("\"n\": 1,", "\"n\": 1.0,", 1)
        .replacen("\"n\": 5,", "\"n\": 5e0,", 1)
        .replacen("\"format_version\": 1,", "\"format_version\": 1e0,", 1);
    assert_ne!(text, EMBEDDED_JSON);
    let m = Model::from_json(&text).expect("whole numbers written with a fraction or exponent");
    assert_eq!(m.dataset, Model::embedded().unwrap().dataset);
    let text = EMBEDDED_JSON.replacen("\"n\": 1,", "\"n\": 1.5,", 1);
    let e = single(&text, "structure", "paragraphs[1].n");
    assert_eq!(e.found, "floating point `1.5`");
    let text = EMBEDDED_JSON.replacen("\"n\": 1,", "\"n\": 1e2,", 1);
    let m = Model::from_json(&text).expect("1e2 is a whole number");
    assert_eq!(m.dataset.paragraphs[1].n, 100);
}

#[test]
fn derived_results_that_leave_the_numbers_are_refused() {
    // A sum past the largest float, at the metric's path.
    let text = mutated(|v| {
        v["figures"][0]["value"] = json!(1.7e308);
        let unit = v["figures"][0]["unit"].clone();
        let id = v["figures"][0]["id"].as_str().unwrap().to_string();
        let unit = unit.as_str().unwrap();
        v["derived"]
            .as_array_mut()
            .unwrap()
            .push(derived("twice", "sum", &[&id, &id], unit));
    });
    let n = embedded_value()["derived"].as_array().unwrap().len();
    let e = has(&text, "non_finite", &format!("derived[{n}]"));
    assert_eq!(e.found, "sum of the inputs: ∞");
    assert_eq!(e.expected, "a finite result");
    // A ratio over a divisor that is almost zero.
    let text = mutated(|v| {
        let i = index_of("figures", "banner_area");
        v["figures"][i]["value"] = json!(1e-310);
        v["figures"][i]["qualifier"] = json!("exact");
    });
    let e = errors(&text);
    assert!(
        e.iter()
            .any(|x| x.kind == ErrorKind::NonFinite && x.path.starts_with("derived[")),
        "{e:#?}"
    );
}

// ------------------------------------------------------------------ values

#[test]
fn numbers_too_large_for_a_float() {
    // JSON has no NaN or Infinity literal; 1e999 overflows f64 and is refused by the parser.
    let text = EMBEDDED_JSON.replacen("\"value\": 273333,", "\"value\": 1e999,", 1);
    let e = single(&text, "syntax", "figures[0].value");
    assert!(e.found.contains("out of range"), "{e}");
    for literal in ["NaN", "Infinity", "-Infinity"] {
        let text =
            EMBEDDED_JSON.replacen("\"value\": 273333,", &format!("\"value\": {literal},"), 1);
        single(&text, "syntax", "figures[0].value");
    }
    // A finite number that the scale makes infinite.
    let text = mutated(|v| {
        v["figures"][0]["value"] = json!(1e300);
        v["figures"][0]["scale"] = json!("billion");
    });
    single(&text, "non_finite", "figures[0].value");
    let text = mutated(|v| v["figures"][0]["about_pct"] = json!(150.0));
    single(&text, "non_finite", "figures[0].about_pct");
    for c in ALL {
        let Some((i, _)) = first(&c.value(), "relations", |_| true) else {
            continue;
        };
        let text = mutated_case(c, |v| v["relations"][i]["tolerance_pct"] = json!(-1.0));
        case_single(
            c,
            &text,
            "non_finite",
            &format!("relations[{i}].tolerance_pct"),
        );
    }
}

#[test]
fn negative_area() {
    // On every case: each figure of an area, a count or an amount of money, made negative.
    for c in ALL {
        let v = c.value();
        let figures = v["figures"].as_array().cloned().unwrap_or_default();
        let mut tried = 0;
        for (i, f) in figures.iter().enumerate() {
            if !f["unit"].as_str().is_some_and(never_negative) {
                continue;
            }
            let minus = -f["value"].as_f64().unwrap();
            let text = mutated_case(c, |v| v["figures"][i]["value"] = json!(minus));
            let e = case_has(c, &text, "negative", &format!("figures[{i}].value"));
            assert_eq!(e.found.parse::<f64>(), Ok(minus), "{e}");
            tried += 1;
        }
        assert!(tried > 0, "{}: no figure that may not be negative", c.path);
    }
    // A change in percentage points may be negative.
    let i = index_of("figures", "forest_cover_gain");
    let text = mutated(|v| v["figures"][i]["value"] = json!(-10));
    let m = Model::from_json(&text).expect("a fall in coverage is allowed");
    assert_eq!(m.quantity("forest_cover_gain").unwrap().value.lo, -10.0);
}

#[test]
fn every_share_over_100_percent_is_refused() {
    for c in ALL {
        let v = c.value();
        let shares = v["figures"].as_array().cloned().unwrap_or_default();
        for (i, f) in shares.iter().enumerate() {
            if !matches!(f["unit"].as_str(), Some("%" | "percent")) || f["qualifier"] != "exact" {
                continue;
            }
            let text = mutated_case(c, |v| v["figures"][i]["value"] = json!(170));
            let at = format!("figures[{i}].value");
            case_has(c, &text, "percent_out_of_range", &at);
        }
    }
}

#[test]
fn percentage_over_100() {
    let i = index_of("figures", "vegetation_cover_now");
    let text = mutated(|v| v["figures"][i]["value"] = json!(170));
    let e = single(
        &text,
        "percent_out_of_range",
        &format!("figures[{i}].value"),
    );
    assert_eq!(e.found, "170");
    let text = mutated(|v| v["figures"][i]["value"] = json!(100));
    assert!(Model::from_json(&text).is_ok(), "100% is a share");
    let text = mutated(|v| {
        v["figures"][i]["value"] = json!(0.7);
        v["figures"][i]["scale"] = json!("thousand");
    });
    single(
        &text,
        "percent_out_of_range",
        &format!("figures[{i}].value"),
    );
}

#[test]
fn wrong_format_version() {
    let text = mutated(|v| v["format_version"] = json!(4));
    let e = single(&text, "unsupported_version", "format_version");
    assert_eq!((e.expected.as_str(), e.found.as_str()), ("1 to 3", "4"));
    // An older version is read, not refused for its age.
    let text = mutated(|v| v["format_version"] = json!(1));
    assert_eq!(
        Model::from_json(&text).expect("read").migrated_from,
        Some(1)
    );
    let text = mutated(|v| v["format_version"] = json!(0));
    single(&text, "unsupported_version", "format_version");
    let text = mutated(|v| v["format_version"] = json!(-1));
    single(&text, "structure", "format_version");
}

#[test]
fn too_large_input_is_refused_before_parsing() {
    let mut text = String::with_capacity(MAX_DATASET_BYTES + 1);
    text.push_str(EMBEDDED_JSON);
    while text.len() <= MAX_DATASET_BYTES {
        text.push(' ');
    }
    let e = single(&text, "too_large", ".");
    assert!(e.found.contains(&text.len().to_string()), "{e}");
    // Exactly at the limit is still read.
    text.truncate(MAX_DATASET_BYTES);
    assert!(Model::from_json(&text).is_ok());
}

#[test]
fn deep_nesting_is_an_error_not_a_stack_overflow() {
    let depth = 10_000;
    let arrays = format!("{}{}", "[".repeat(depth), "]".repeat(depth));
    errors(&arrays);
    let objects = format!("{}1{}", "{\"a\":".repeat(depth), "}".repeat(depth));
    errors(&objects);
    // Deep inside fields the dataset has.
    for field in ["case", "figures", "derived", "relations"] {
        let text = EMBEDDED_JSON.replacen(
            &format!("\"{field}\": "),
            &format!("\"{field}\": {arrays}, \"x\": "),
            1,
        );
        let e = errors(&text);
        assert!(e[0].path.starts_with(field), "{field}: {}", e[0]);
    }
    // Unclosed nesting.
    errors(&"[".repeat(depth));
    errors(&"{\"figures\":".repeat(depth));
}

#[test]
fn bad_periods_and_operations() {
    let i = index_of("figures", "subsidy_total");
    let text =
        mutated(|v| v["figures"][i]["period"] = json!({"type": "range", "from": 2017, "to": 2014}));
    single(&text, "bad_period", &format!("figures[{i}].period"));
    // "Length of the period" of an undated figure.
    let i = index_of("derived", "subsidy_years");
    let text = mutated(|v| v["derived"][i]["inputs"] = json!(["forest_guards"]));
    single(&text, "bad_period", &format!("derived[{i}].inputs"));
    // A ratio of three inputs, or of none.
    let r = index_of("derived", "treated_share_of_banner");
    let at = format!("derived[{r}].inputs");
    let text = mutated(|v| {
        v["derived"][r]["inputs"] = json!(["desert_treated_area", "banner_area", "tongliao_area"])
    });
    single(&text, "wrong_input_count", &at);
    let text = mutated(|v| v["derived"][r]["inputs"] = json!([]));
    single(&text, "wrong_input_count", &at);
    // Dividing by "less than 5%", which may be zero.
    let text = mutated(|v| v["derived"][r]["inputs"][1] = json!("vegetation_cover_before"));
    single(&text, "non_finite", &at);
}

#[test]
fn unit_mismatch_in_derived_metrics() {
    let i = index_of("derived", "subsidy_parts_sum");
    let text = mutated(|v| v["derived"][i]["inputs"][0] = json!("desert_treated_area"));
    let e = single(&text, "unit_mismatch", &format!("derived[{i}].inputs"));
    assert!(e.found.contains("CNY"), "{e}");
    // Without the tension that divides the metric by yuan (which would be flagged as well).
    let text = mutated(|v| {
        v["derived"][i]["unit"] = json!("ha");
        let relations = v["relations"].as_array_mut().unwrap();
        relations.retain(|r| r["rule"]["numerator"] != "subsidy_parts_sum");
    });
    single(&text, "unit_mismatch", &format!("derived[{i}].unit"));
}

#[test]
fn unit_mismatch_in_relations() {
    // Each relation of a kind, given a quantity of another unit in one place.
    for (relation, field, other) in [
        // Yuan compared with hectares.
        ("subsidy_parts_add_up", "total", "desert_treated_area"),
        ("treated_within_banner", "outer", "income_gain_all"),
        ("forest_cover_stated_twice", "b", "timber_stock"),
        // An area over an area is a share, not an area.
        (
            "forest_area_matches_cover",
            "expected",
            "forestry_land_area",
        ),
    ] {
        let i = index_of("relations", relation);
        let text = mutated(|v| v["relations"][i]["rule"][field] = json!(other));
        single(
            &text,
            "unit_mismatch",
            &format!("relations[{i}].rule.{field}"),
        );
    }
    // Different units of one kind are fine: hectares against square kilometres.
    assert!(Model::from_json(EMBEDDED_JSON).is_ok());
}

#[test]
fn unit_mismatch_in_one_part_of_a_sum() {
    // Every sum of every case, one of its parts replaced by a quantity of another dimension.
    let mut tried = 0;
    for c in ALL {
        let v = c.value();
        let m = Model::from_json(c.text).expect("valid");
        let relations = v["relations"].as_array().cloned().unwrap_or_default();
        for (i, r) in relations.iter().enumerate() {
            if r["rule"]["kind"] != "sum_equals" {
                continue;
            }
            let total = m.quantity(r["rule"]["total"].as_str().unwrap()).unwrap();
            let Some(other) = m
                .quantities
                .iter()
                .find(|q| !q.unit.dims().same_shape(total.unit.dims()))
            else {
                continue;
            };
            let text = mutated_case(c, |v| {
                v["relations"][i]["rule"]["parts"][1] = json!(other.id)
            });
            let e = case_single(
                c,
                &text,
                "unit_mismatch",
                &format!("relations[{i}].rule.parts[1]"),
            );
            assert_eq!(e.found, format!("{} in {}", other.id, other.unit.code()));
            assert!(
                e.expected.contains(&format!("({})", total.unit.code())),
                "{e}"
            );
            // One part against one total: the total is the reference.
            let text = mutated_case(c, |v| {
                v["relations"][i]["rule"]["parts"] = json!([other.id])
            });
            case_single(
                c,
                &text,
                "unit_mismatch",
                &format!("relations[{i}].rule.parts[0]"),
            );
            tried += 1;
        }
    }
    assert!(tried >= 2, "sums of more than one case: {tried}");
}

#[test]
fn every_problem_is_reported_not_only_the_first() {
    for c in ALL {
        let v = c.value();
        // Found by property: a figure that may not be negative, one other figure (whose unit
        // is made unknown), a derived metric, a relation with a single total or outer.
        let (neg, _) = first(&v, "figures", |f| {
            f["unit"].as_str().is_some_and(never_negative)
        })
        .expect("a figure that may not be negative");
        let unknown = usize::from(neg == 0);
        let derived = first(&v, "derived", |_| true).map(|(i, _)| i);
        let relation = first(&v, "relations", |r| r["rule"]["total"].is_string())
            .map(|(i, _)| (i, "total"))
            .or_else(|| {
                first(&v, "relations", |r| r["rule"]["outer"].is_string())
                    .map(|(i, _)| (i, "outer"))
            });
        // A file of an older format whose version is made unknown is read as the current
        // format, whose unit codes it does not use: the version is left alone there.
        let current = v["format_version"] == 3;
        let text = mutated_case(c, |v| {
            if current {
                v["format_version"] = json!(4);
            }
            v["figures"][unknown]["unit"] = json!("furlong");
            v["figures"][neg]["value"] = json!(-1);
            if let Some(d) = derived {
                v["derived"][d]["inputs"][0] = json!("nothing");
            }
            if let Some((r, field)) = relation {
                v["relations"][r]["rule"][field] = json!("nothing");
            }
        });
        let e = Model::from_json(&text).err().unwrap_or_default();
        let mut got: Vec<(&str, String)> =
            e.iter().map(|x| (x.kind.code(), x.path.clone())).collect();
        got.sort();
        let mut want = vec![
            ("negative", format!("figures[{neg}].value")),
            ("unknown_unit", format!("figures[{unknown}].unit")),
        ];
        if current {
            want.push(("unsupported_version", "format_version".to_string()));
        }
        if let Some(d) = derived {
            want.push(("missing_reference", format!("derived[{d}].inputs[0]")));
        }
        if let Some((r, field)) = relation {
            want.push(("missing_reference", format!("relations[{r}].rule.{field}")));
        }
        want.sort();
        assert_eq!(got, want, "{}", c.path);
    }
}

#[test]
fn error_codes_are_stable() {
    let kinds = [
        (ErrorKind::Syntax { line: 1, column: 1 }, "syntax"),
        (ErrorKind::Structure, "structure"),
        (ErrorKind::UnsupportedVersion, "unsupported_version"),
        (ErrorKind::TooLarge, "too_large"),
        (ErrorKind::EmptyId, "empty_id"),
        (ErrorKind::DuplicateId, "duplicate_id"),
        (ErrorKind::UnknownUnit, "unknown_unit"),
        (ErrorKind::MissingReference, "missing_reference"),
        (ErrorKind::DerivedCycle, "derived_cycle"),
        (ErrorKind::NonFinite, "non_finite"),
        (ErrorKind::Negative, "negative"),
        (ErrorKind::PercentOutOfRange, "percent_out_of_range"),
        (ErrorKind::UnitMismatch, "unit_mismatch"),
        (ErrorKind::WrongInputCount, "wrong_input_count"),
        (ErrorKind::BadPeriod, "bad_period"),
        (ErrorKind::TooLong, "too_long"),
        (ErrorKind::InvalidId, "invalid_id"),
    ];
    for (kind, code) in kinds {
        assert_eq!(kind.code(), code);
    }
}

// ------------------------------------------------------------------ never a panic

/// Any JSON value, a few levels deep, with numbers and strings the dataset format cares about.
fn json_value() -> impl Strategy<Value = Value> {
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        any::<i64>().prop_map(|n| json!(n)),
        prop_oneof![
            Just(i32::MIN as i64),
            Just(i32::MAX as i64),
            Just(u32::MAX as i64),
            Just(0),
            Just(-1)
        ]
        .prop_map(|n| json!(n)),
        any::<f64>()
            .prop_filter("finite", |f| f.is_finite())
            .prop_map(|f| json!(f)),
        prop_oneof![
            Just("ha"),
            Just("mu"),
            Just("km2"),
            Just("percent"),
            Just("cny"),
            Just("year"),
            Just("million"),
            Just("one"),
            Just("more_than"),
            Just("less_than"),
            Just("range"),
            Just("undated"),
            Just("sum"),
            Just("ratio"),
            Just("period_years"),
            Just(""),
            Just("banner_area"),
            Just("subsidy_total"),
            Just("forest_land_area"),
            Just("a"),
        ]
        .prop_map(|s| json!(s)),
        ".{0,12}".prop_map(Value::String),
    ];
    leaf.prop_recursive(4, 48, 6, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..6).prop_map(Value::Array),
            prop::collection::vec(
                (
                    prop_oneof![
                        Just("id".to_string()),
                        Just("value".to_string()),
                        Just("unit".to_string()),
                        Just("period".to_string()),
                        Just("type".to_string()),
                        Just("from".to_string()),
                        Just("to".to_string()),
                        Just("year".to_string()),
                        Just("inputs".to_string()),
                        Just("kind".to_string()),
                        "[a-z_]{1,8}",
                    ],
                    inner
                ),
                0..6
            )
            .prop_map(|kv| Value::Object(kv.into_iter().collect())),
        ]
    })
}

/// Replace the node that `choices` lead to (each step picks a member or element by index,
/// modulo the count; a path that runs into a leaf stops there).
fn replace_at(v: &mut Value, choices: &[usize], new: Value) {
    let Some((&c, rest)) = choices.split_first() else {
        *v = new;
        return;
    };
    match v {
        Value::Object(o) if !o.is_empty() => {
            let key = o.keys().nth(c % o.len()).unwrap().clone();
            replace_at(o.get_mut(&key).unwrap(), rest, new);
        }
        Value::Array(a) if !a.is_empty() => {
            let n = a.len();
            replace_at(&mut a[c % n], rest, new);
        }
        _ => *v = new,
    }
}

fn no_panic(text: &str) -> Result<(), TestCaseError> {
    let outcome = std::panic::catch_unwind(|| Model::from_json(text));
    match outcome {
        Err(_) => Err(TestCaseError::fail(format!(
            "Model::from_json panicked on {}",
            &text[..text.len().min(2_000)]
        ))),
        Ok(Err(errors)) => {
            prop_assert!(!errors.is_empty());
            for e in &errors {
                prop_assert!(!e.path.is_empty() && !e.kind.code().is_empty());
                let _ = e.to_string();
            }
            Ok(())
        }
        Ok(Ok(model)) => {
            // A model that loads can be asked about everything it holds, and holds numbers:
            // an end is infinite only where a bound is open.
            for q in &model.quantities {
                let v = q.value;
                prop_assert!(!v.lo.is_nan() && !v.hi.is_nan(), "{} is NaN", q.id);
                prop_assert!(
                    v.lo.is_finite() || v.lo_open || v.lo < 0.0,
                    "{}: {v:?}",
                    q.id
                );
                prop_assert!(v.hi.is_finite() || v.hi_open, "{}: {v:?}", q.id);
                let _ = model.status_of(&q.id);
                let _ = model.paragraph_of(&q.id);
                let _ = q.value.shape();
                if let Some(p) = &q.period {
                    for (a, b) in model.rates.iter().map(|r| r.pair) {
                        let _ = model.rate(a, b, p);
                        let _ = model.rate(b, a, p);
                    }
                }
            }
            Ok(())
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    #[test]
    fn arbitrary_text_never_panics(text in ".{0,300}") {
        no_panic(&text)?;
    }

    #[test]
    fn arbitrary_bytes_as_text_never_panic(bytes in prop::collection::vec(any::<u8>(), 0..300)) {
        no_panic(&String::from_utf8_lossy(&bytes))?;
    }

    #[test]
    fn arbitrary_json_never_panics(v in json_value()) {
        no_panic(&v.to_string())?;
        // The same value where the dataset is expected to have an object.
        no_panic(&json!({"format_version": 1, "case": v.clone(), "paragraphs": [], "channels": [], "figures": v}).to_string())?;
    }

    #[test]
    fn the_embedded_json_with_one_node_replaced_never_panics(
        path in prop::collection::vec(any::<usize>(), 1..6),
        new in json_value(),
    ) {
        let mut v = embedded_value();
        replace_at(&mut v, &path, new);
        no_panic(&v.to_string())?;
    }

    #[test]
    fn the_embedded_json_with_text_cut_or_spliced_never_panics(
        at in any::<prop::sample::Index>(),
        len in 0usize..40,
        insert in prop_oneof![Just(String::new()), Just("[".to_string()), Just("{".to_string()), Just(",".to_string()), Just("\"".to_string()), Just("-".to_string()), Just("1e999".to_string()), ".{0,8}"],
    ) {
        let bytes = EMBEDDED_JSON.as_bytes();
        let start = at.index(bytes.len());
        let end = (start + len).min(bytes.len());
        let mut text = Vec::with_capacity(bytes.len() + insert.len());
        text.extend_from_slice(&bytes[..start]);
        text.extend_from_slice(insert.as_bytes());
        text.extend_from_slice(&bytes[end..]);
        no_panic(&String::from_utf8_lossy(&text))?;
    }

    #[test]
    fn the_embedded_json_with_a_number_changed_never_panics(
        which in any::<prop::sample::Index>(),
        n in prop_oneof![any::<f64>().prop_filter("finite", |f| f.is_finite()), Just(0.0), Just(-1.0), Just(1e308), Just(f64::MIN_POSITIVE), Just(i32::MIN as f64), Just(i32::MAX as f64)],
    ) {
        // Every number in the document, by its position among them.
        let mut v = embedded_value();
        let mut numbers: Vec<Vec<usize>> = Vec::new();
        fn walk(v: &Value, path: &mut Vec<usize>, out: &mut Vec<Vec<usize>>) {
            match v {
                Value::Number(_) => out.push(path.clone()),
                Value::Array(a) => for (i, x) in a.iter().enumerate() { path.push(i); walk(x, path, out); path.pop(); },
                Value::Object(o) => for (i, x) in o.values().enumerate() { path.push(i); walk(x, path, out); path.pop(); },
                _ => {}
            }
        }
        walk(&v, &mut Vec::new(), &mut numbers);
        let path = which.get(&numbers).clone();
        replace_at(&mut v, &path, json!(n));
        no_panic(&v.to_string())?;
    }
}

#[test]
fn messages_name_the_scale_and_the_limit_in_a_readers_units() {
    // 9.99e307 alone is a number; with its scale (billion) it overflows: the message says both.
    let text = mutated(|v| {
        v["figures"][0]["value"] = json!(9.99e307);
        v["figures"][0]["scale"] = json!("billion");
    });
    let e = single(&text, "non_finite", "figures[0].value");
    assert_eq!(e.found, "9.99e+307 billion (×1000000000)");
    assert!(e.expected.contains("once multiplied by its scale"), "{e}");
    // A file over the size limit: the limit and the file's size, in MiB too.
    let e = case_explorer::input::check_size(167_772_161).unwrap_err();
    assert_eq!(e.expected, "at most 167772160 bytes (160 MiB)");
    assert_eq!(e.found, "a file of 167772161 bytes (160.0 MiB)");
}
