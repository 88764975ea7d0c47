#![cfg(not(target_arch = "wasm32"))]
//! The corpus of malformed datasets in `tests/corpus/`: each file is refused with exactly the
//! errors listed for it in `tests/corpus/expected.json` (category code, JSON path, and line and
//! column for syntax errors); the files in `tests/corpus/valid/` load. Inputs too big to commit
//! (a 10 MB string, very deep nesting, thousands of errors) are generated here.
//!
//! After a deliberate change to the validator, review the differences this test prints, or
//! regenerate the table with `UPDATE_CORPUS=1 cargo test --test corpus` and read the diff.

use case_explorer::input::text_from_bytes;
use case_explorer::model::Lang;
use case_explorer::model::{DatasetError, ErrorKind, Model, MAX_DATASET_BYTES};
use serde_json::{json, Value};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

fn dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/corpus")
}

fn read(path: &Path) -> String {
    std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// A file as the app reads it: size checked, UTF-8 required, then parsed and validated.
fn load_file(path: &Path) -> Result<Model, Vec<DatasetError>> {
    let bytes = std::fs::read(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let text = text_from_bytes(bytes).map_err(|e| vec![e])?;
    Model::from_json(&text)
}

fn corpus_files() -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir())
        .expect("tests/corpus")
        .filter_map(|e| e.ok())
        .map(|e| e.path())
        .filter(|p| p.is_file() && p.file_name().is_some_and(|n| n != "expected.json"))
        .filter(|p| p.extension().is_some_and(|x| x == "json"))
        .collect();
    files.sort();
    files
}

/// One error as the table lists it: `[code, path]`, plus `line, column` for syntax errors.
fn summary(e: &DatasetError) -> Value {
    match e.kind {
        ErrorKind::Syntax { line, column } => json!([e.kind.code(), e.path, line, column]),
        _ => json!([e.kind.code(), e.path]),
    }
}

/// Every error is fully described: a category, a path, what was expected and what was found.
fn well_formed(name: &str, errors: &[DatasetError]) {
    assert!(!errors.is_empty(), "{name}: an error list is never empty");
    for e in errors {
        assert!(!e.path.is_empty(), "{name}: {e}");
        assert!(!e.expected.is_empty(), "{name}: {e}");
        assert!(!e.found.is_empty(), "{name}: {e}");
        // Lines count from 1. Columns too, except that serde_json reports column 0 for an end
        // of input right at the start of a line (an empty file is "line 1, column 0").
        if let ErrorKind::Syntax { line, .. } = e.kind {
            assert!(line >= 1, "{name}: {e}");
        }
    }
}

#[test]
fn every_corpus_file_is_refused_with_the_expected_errors() {
    let files = corpus_files();
    assert!(files.len() >= 30, "the corpus has {} files", files.len());
    let mut got: BTreeMap<String, Value> = BTreeMap::new();
    for path in &files {
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        let errors = match load_file(path) {
            Ok(_) => panic!("{name}: a malformed dataset was accepted"),
            Err(e) => e,
        };
        well_formed(&name, &errors);
        got.insert(name, Value::Array(errors.iter().map(summary).collect()));
    }
    let table_path = dir().join("expected.json");
    if std::env::var_os("UPDATE_CORPUS").is_some() {
        let text = serde_json::to_string_pretty(&got).unwrap() + "\n";
        std::fs::write(&table_path, text).expect("write expected.json");
        return;
    }
    let expected: BTreeMap<String, Value> =
        serde_json::from_str(&read(&table_path)).expect("expected.json is a JSON object");
    let mut differences = Vec::new();
    for (name, errors) in &got {
        match expected.get(name) {
            Some(want) if want == errors => {}
            Some(want) => {
                differences.push(format!("{name}:\n  expected {want}\n  got      {errors}"))
            }
            None => differences.push(format!("{name}: not in expected.json (got {errors})")),
        }
    }
    for name in expected.keys() {
        if !got.contains_key(name) {
            differences.push(format!(
                "{name}: listed in expected.json but not in the corpus"
            ));
        }
    }
    assert!(differences.is_empty(), "\n{}", differences.join("\n"));
}

#[test]
fn the_valid_corpus_files_load() {
    for name in [
        "mini.json",
        "scripts.json",
        "hostile.json",
        "byte_order_mark.json",
        "whole_numbers.json",
        "references.json",
    ] {
        let m =
            load_file(&dir().join("valid").join(name)).unwrap_or_else(|e| panic!("{name}: {e:?}"));
        assert_eq!(m.dataset.figures.len(), 4, "{name}");
    }
    // Text is kept exactly as written, markup and all: it is only ever rendered as text.
    let m = Model::from_json(&read(&dir().join("valid/hostile.json"))).unwrap();
    assert!(m
        .dataset
        .case
        .title
        .get(Lang::En)
        .starts_with("<img src=x onerror="));
    assert_eq!(
        m.dataset.figures[0].label.get(Lang::En),
        "<script>window.__pwned=1</script>"
    );
}

/// The mini dataset as a JSON value, to change in place.
fn mini() -> Value {
    serde_json::from_str(&read(&dir().join("valid/mini.json"))).unwrap()
}

fn errors(text: &str) -> Vec<DatasetError> {
    let e = Model::from_json(text).expect_err("refused");
    well_formed("generated", &e);
    e
}

#[test]
fn a_string_past_the_size_limit_is_refused_before_parsing() {
    let mut v = mini();
    v["figures"][0]["label"]["en"] = json!("x".repeat(MAX_DATASET_BYTES));
    let text = v.to_string();
    let e = errors(&text);
    assert_eq!(e.len(), 1);
    assert_eq!((e[0].kind.code(), e[0].path.as_str()), ("too_large", "."));
    assert_eq!(e[0].found, format!("{} bytes", text.len()));
    // The same refusal for anything that long, even nothing valid (4 bytes a cactus).
    let e = errors(&"\u{1F335}".repeat(MAX_DATASET_BYTES / 4 + 1));
    assert_eq!(e[0].kind.code(), "too_large");
}

#[test]
fn a_long_string_under_the_limit_is_read_and_reported_where_it_stands() {
    // 4 MB of text where a number is due: one structure error at that field.
    let mut v = mini();
    v["figures"][1]["value"] = json!("9".repeat(4 * 1024 * 1024));
    let text = v.to_string();
    assert!(text.len() < MAX_DATASET_BYTES);
    let e = errors(&text);
    assert_eq!(
        (e[0].kind.code(), e[0].path.as_str()),
        ("structure", "figures[1].value")
    );
    // The message repeats a bounded part of what it found, not 4 MB.
    assert!(e[0].found.len() < 1000, "{} bytes", e[0].found.len());
}

#[test]
fn texts_longer_than_their_bounds_are_refused_with_their_paths() {
    use case_explorer::model::limits::{MAX_ID_CHARS, MAX_LABEL_CHARS, MAX_TEXT_CHARS};
    // A 4 MB label (a million characters), a note and an id one character too long.
    let mut v = mini();
    v["figures"][1]["label"]["zh"] = json!("沙".repeat(1024 * 1024));
    v["figures"][2]["source"]["note"]["en"] = json!("n".repeat(MAX_TEXT_CHARS + 1));
    v["channels"][0]["label"]["en"] = json!("c".repeat(MAX_LABEL_CHARS + 1));
    v["measures"][0]["id"] = json!("m".repeat(MAX_ID_CHARS + 1));
    let e = errors(&v.to_string());
    let got: Vec<(&str, &str, &str)> = e
        .iter()
        .map(|x| (x.kind.code(), x.path.as_str(), x.found.as_str()))
        .collect();
    assert_eq!(
        got,
        [
            ("too_long", "measures[0].id", "65 characters"),
            ("too_long", "channels[0].label.en", "201 characters"),
            ("too_long", "figures[1].label.zh", "1048576 characters"),
            ("too_long", "figures[2].source.note.en", "2001 characters"),
        ]
    );
    assert_eq!(
        e[2].expected,
        format!("at most {MAX_LABEL_CHARS} characters")
    );
    // At the bounds, everything loads.
    let mut v = mini();
    v["figures"][1]["label"]["zh"] = json!("沙".repeat(MAX_LABEL_CHARS));
    v["figures"][2]["source"]["note"]["en"] = json!("n".repeat(MAX_TEXT_CHARS));
    v["measures"][0]["id"] = json!("m".repeat(MAX_ID_CHARS));
    Model::from_json(&v.to_string()).expect("texts at their bounds are allowed");
}

#[test]
fn nesting_of_any_depth_is_an_error_not_a_stack_overflow() {
    for depth in [129, 10_000, 400_000] {
        let arrays = format!("{}{}", "[".repeat(depth), "]".repeat(depth));
        assert_eq!(errors(&arrays)[0].kind.code(), "syntax", "{depth}");
        let objects = "{\"figures\":".repeat(depth);
        assert_eq!(errors(&objects)[0].kind.code(), "syntax", "{depth}");
        let mut v = mini();
        v["channels"] = json!([]);
        let text = v
            .to_string()
            .replacen("\"channels\":[]", &format!("\"channels\":{arrays}"), 1);
        let e = errors(&text);
        assert!(e[0].path.starts_with("channels[0]"), "{depth}: {}", e[0]);
    }
}

#[test]
fn thousands_of_problems_are_all_reported() {
    let mut v = mini();
    let figure = v["figures"][0].clone();
    let figures: Vec<Value> = (0..5000)
        .map(|i| {
            let mut f = figure.clone();
            f["id"] = json!(format!("f{i}"));
            f["unit"] = json!("furlong");
            f
        })
        .collect();
    v["figures"] = Value::Array(figures);
    let e = errors(&v.to_string());
    let unknown = e.iter().filter(|x| x.kind.code() == "unknown_unit").count();
    assert_eq!(unknown, 5000);
    assert_eq!(e[4999].path, "figures[4999].unit");
}

#[test]
fn a_long_chain_of_derived_metrics_and_a_long_cycle_are_handled() {
    for cyclic in [false, true] {
        let mut v = mini();
        let n = 20_000;
        let derived: Vec<Value> = (0..n)
            .map(|i| {
                let input = if i == 0 {
                    if cyclic {
                        format!("d{}", n - 1)
                    } else {
                        "treated_area".to_string()
                    }
                } else {
                    format!("d{}", i - 1)
                };
                json!({"id": format!("d{i}"), "label": {"en": "d", "zh": "d"}, "operation": "sum",
                       "inputs": [input], "unit": "ha", "formula": {"en": "d", "zh": "d"}, "symbols": "d"})
            })
            .collect();
        v["derived"] = Value::Array(derived);
        v["relations"] = json!([]);
        match Model::from_json(&v.to_string()) {
            Ok(m) => assert!(!cyclic && m.quantity("d19999").is_some()),
            Err(e) => {
                assert!(cyclic, "{:?}", e.first());
                assert!(e.iter().any(|x| x.kind.code() == "derived_cycle"));
            }
        }
    }
}
