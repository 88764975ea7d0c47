#![cfg(not(target_arch = "wasm32"))]
//! `data/schema.json` is the JSON Schema of the dataset format, generated from the Rust types
//! with schemars. This test fails when the committed file no longer matches the types; run
//!
//! ```text
//! UPDATE_SCHEMA=1 cargo test --test schema
//! ```
//!
//! to rewrite it. The embedded dataset must parse, every case file in the current format must
//! satisfy the committed schema (`tests/common/cases.rs`), and whatever the schema allows must
//! be readable by the app.

#[path = "common/cases.rs"]
mod cases;
use case_explorer::model::{Dataset, Model, EMBEDDED_JSON};
use proptest::prelude::*;
use serde_json::{json, Value};
use std::path::PathBuf;
use std::sync::OnceLock;

const COMMITTED: &str = include_str!("../data/schema.json");

fn schema_path() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("data/schema.json")
}

/// The schema as generated now: pretty-printed, with a trailing newline.
fn generated() -> String {
    let schema = schemars::schema_for!(Dataset);
    let mut text = serde_json::to_string_pretty(&schema).expect("a schema serializes");
    text.push('\n');
    text
}

#[test]
fn the_committed_schema_matches_the_types() {
    let now = generated();
    let path = schema_path();
    if std::env::var("UPDATE_SCHEMA").is_ok_and(|v| v == "1") {
        std::fs::write(&path, &now)
            .unwrap_or_else(|e| panic!("cannot write {}: {e}", path.display()));
        eprintln!("wrote {}", path.display());
        return;
    }
    // Read the file as it is now (include_str! may be stale until the next build).
    let committed = std::fs::read_to_string(&path).unwrap_or_else(|e| {
        panic!(
            "cannot read {} ({e}); create it with `UPDATE_SCHEMA=1 cargo test --test schema`",
            path.display()
        )
    });
    let committed = committed.replace("\r\n", "\n");
    if committed != now {
        let line = committed
            .lines()
            .zip(now.lines())
            .position(|(a, b)| a != b)
            .unwrap_or_else(|| committed.lines().count().min(now.lines().count()));
        panic!(
            "data/schema.json is out of date with the Dataset type (first difference at line {}):\n  \
             committed: {}\n  generated: {}\n\
             Regenerate it with `UPDATE_SCHEMA=1 cargo test --test schema` and commit the result.",
            line + 1,
            committed.lines().nth(line).unwrap_or("(end of file)"),
            now.lines().nth(line).unwrap_or("(end of file)"),
        );
    }
}

#[test]
fn the_schema_describes_the_dataset_format() {
    let schema: Value = serde_json::from_str(COMMITTED).expect("the schema file is JSON");
    assert_eq!(
        schema["$schema"],
        "https://json-schema.org/draft/2020-12/schema"
    );
    assert_eq!(schema["title"], "Dataset");
    assert_eq!(
        schema["required"],
        json!([
            "format_version",
            "case",
            "paragraphs",
            "channels",
            "figures"
        ])
    );
    assert_eq!(schema["additionalProperties"], false);
    for def in [
        "CaseInfo",
        "Channel",
        "DerivedMetric",
        "Figure",
        "FigureKind",
        "Measure",
        "Operation",
        "Paragraph",
        "Period",
        "Qualifier",
        "Relation",
        "Rule",
        "Scale",
        "SourceRef",
        "Text",
    ] {
        assert!(schema["$defs"][def].is_object(), "no $defs/{def}");
    }
    assert!(COMMITTED.ends_with("}\n") && !COMMITTED.ends_with("\n\n"));
    // The bounds a dataset must keep are stated, with the values the validator uses.
    use case_explorer::model::limits::{MAX_ID_CHARS, MAX_LABEL_CHARS, MAX_TEXT_CHARS};
    let about = schema["description"]
        .as_str()
        .expect("a description of the format");
    let about = about.split_whitespace().collect::<Vec<_>>().join(" ");
    for words in [
        format!("1 to {MAX_ID_CHARS} characters from ASCII letters, digits, `_`, `-`, `.` and `:`"),
        format!("at most {MAX_LABEL_CHARS} characters (categories {MAX_ID_CHARS})"),
        format!("at most {MAX_TEXT_CHARS}"),
        "Paragraph numbers are unique".into(),
        "`1`, `1.0` or `1e0`".into(),
    ] {
        assert!(about.contains(&words), "{words:?} not in {about:?}");
    }
}

#[test]
fn the_embedded_dataset_parses() {
    let d: Dataset = serde_json::from_str(EMBEDDED_JSON).expect("the embedded JSON is a Dataset");
    assert_eq!(d.format_version, case_explorer::model::FORMAT_VERSION);
    let m = Model::embedded().expect("and a valid one");
    assert_eq!(m.dataset, d);
}

/// The case files written in the current format (older ones are migrated before they are read,
/// and the schema describes the current one).
fn current_cases() -> impl Iterator<Item = &'static cases::CaseFile> {
    cases::ALL
        .iter()
        .filter(|c| c.value()["format_version"] == case_explorer::model::FORMAT_VERSION)
}

#[test]
fn every_case_satisfies_the_schema() {
    let mut n = 0;
    for c in current_cases() {
        if let Err(e) = check(&c.value()) {
            panic!("{} does not satisfy data/schema.json: {e}", c.path);
        }
        // The dataset as the app writes it back out satisfies it too.
        let d: Dataset = serde_json::from_str(c.text).unwrap();
        let written = serde_json::to_value(&d).unwrap();
        if let Err(e) = check(&written) {
            panic!(
                "{} re-serialized does not satisfy data/schema.json: {e}",
                c.path
            );
        }
        n += 1;
    }
    assert!(n >= 7, "only {n} cases in the current format");
}

#[test]
fn a_dataset_drafted_from_text_satisfies_the_schema() {
    use case_explorer::model::extract::draft_json;
    for text in [
        include_str!("extract/kezuohou_en.txt"),
        include_str!("extract/kezuohou_zh.txt"),
        // Counted things the drafted dataset declares as units of its own.
        include_str!("extract/watershed_en.txt"),
        include_str!("extract/reservoir_zh.txt"),
        "",
    ] {
        let json = draft_json(text).expect("a draft serializes");
        let data: Value = serde_json::from_str(&json).expect("the draft is JSON");
        if let Err(e) = check(&data) {
            panic!("a drafted dataset does not satisfy data/schema.json: {e}");
        }
        Model::from_json(&json).expect("and the explorer loads it");
    }
}

#[test]
fn the_schema_refuses_what_the_app_refuses() {
    for c in current_cases() {
        refuses_what_the_app_refuses(c);
    }
}

fn refuses_what_the_app_refuses(c: &cases::CaseFile) {
    let base: Value = c.value();
    let has_relations = base["relations"].as_array().is_some_and(|r| !r.is_empty());
    type Edit = Box<dyn Fn(&mut Value)>;
    let cases: Vec<(&str, Edit)> = vec![
        (
            "unknown field",
            Box::new(|v| v["figures"][0]["colour"] = json!("red")),
        ),
        (
            "missing field",
            Box::new(|v| {
                v["figures"][0].as_object_mut().unwrap().remove("unit");
            }),
        ),
        (
            "number as string",
            Box::new(|v| v["figures"][0]["value"] = json!(v["figures"][0]["value"].to_string())),
        ),
        (
            "unknown scale",
            Box::new(|v| v["figures"][0]["scale"] = json!("myriad")),
        ),
        (
            "unknown period",
            Box::new(|v| v["figures"][0]["period"] = json!({"type": "decade"})),
        ),
        (
            "period without its year",
            Box::new(|v| v["figures"][0]["period"] = json!({"type": "year"})),
        ),
        (
            "negative version",
            Box::new(|v| v["format_version"] = json!(-1)),
        ),
        (
            "version too large",
            Box::new(|v| v["format_version"] = json!(u64::from(u32::MAX) + 1)),
        ),
        (
            "year beyond i32",
            Box::new(|v| {
                v["figures"][0]["period"] = json!({"type": "year", "year": 3_000_000_000u64})
            }),
        ),
        (
            "unknown rule",
            Box::new(|v| v["relations"][0]["rule"]["kind"] = json!("adds_up")),
        ),
        (
            "paragraph number with a fraction",
            Box::new(|v| v["paragraphs"][1]["n"] = json!(1.5)),
        ),
        (
            "a text keyed by something that is not a language tag",
            Box::new(|v| v["case"]["title"]["en_GB"] = json!("Title")),
        ),
        (
            "case without its languages",
            Box::new(|v| {
                v["case"].as_object_mut().unwrap().remove("languages");
            }),
        ),
    ];
    for (name, mutate) in cases {
        if name == "unknown rule" && !has_relations {
            continue;
        }
        let mut v = base.clone();
        mutate(&mut v);
        assert!(
            check(&v).is_err(),
            "{}: {name}: the schema allows it",
            c.path
        );
        assert!(
            serde_json::from_value::<Dataset>(v).is_err(),
            "{}: {name}: the app reads it",
            c.path
        );
    }
}

// ------------------------------------------------------------------ validation

/// Validates with the `jsonschema` crate. schemars marks integer widths with `format`
/// (`uint32`, `int32`), which JSON Schema treats as a note; serde enforces them, so they are
/// turned into `minimum`/`maximum` first to make the schema say what the app accepts.
fn check(v: &Value) -> Result<(), String> {
    static VALIDATOR: OnceLock<jsonschema::Validator> = OnceLock::new();
    let validator = VALIDATOR.get_or_init(|| {
        let mut schema: Value = serde_json::from_str(COMMITTED).expect("data/schema.json is JSON");
        bound_integer_formats(&mut schema);
        jsonschema::validator_for(&schema).expect("data/schema.json is a valid schema")
    });
    let errors: Vec<String> = validator
        .iter_errors(v)
        .map(|e| format!("{}: {e}", e.instance_path()))
        .collect();
    if errors.is_empty() {
        Ok(())
    } else {
        Err(errors.join("; "))
    }
}

fn bound_integer_formats(schema: &mut Value) {
    match schema {
        Value::Object(o) => {
            let range = match o.get("format").and_then(Value::as_str) {
                Some("uint32") => Some((json!(0), json!(u32::MAX))),
                Some("int32") => Some((json!(i32::MIN), json!(i32::MAX))),
                Some("uint" | "uint64") => Some((json!(0), json!(u64::MAX))),
                _ => None,
            };
            if let Some((lo, hi)) = range {
                o.entry("minimum").or_insert(lo);
                o.insert("maximum".into(), hi);
            }
            o.values_mut().for_each(bound_integer_formats);
        }
        Value::Array(a) => a.iter_mut().for_each(bound_integer_formats),
        _ => {}
    }
}

// ------------------------------------------------------------------ schema and app agree

/// Every leaf of a JSON value, as a path of member/element indices.
fn leaves(v: &Value, path: &mut Vec<usize>, out: &mut Vec<Vec<usize>>) {
    match v {
        Value::Array(a) if !a.is_empty() => {
            for (i, x) in a.iter().enumerate() {
                path.push(i);
                leaves(x, path, out);
                path.pop();
            }
        }
        Value::Object(o) if !o.is_empty() => {
            for (i, x) in o.values().enumerate() {
                path.push(i);
                leaves(x, path, out);
                path.pop();
            }
        }
        _ => out.push(path.clone()),
    }
    // Objects themselves, so that keys can be removed or added.
    if v.is_object() {
        out.push(path.clone());
    }
}

fn node_mut<'a>(v: &'a mut Value, path: &[usize]) -> &'a mut Value {
    match path.split_first() {
        None => v,
        Some((&i, rest)) => match v {
            Value::Array(a) => node_mut(&mut a[i], rest),
            Value::Object(o) => {
                let key = o.keys().nth(i).unwrap().clone();
                node_mut(o.get_mut(&key).unwrap(), rest)
            }
            _ => unreachable!(),
        },
    }
}

#[derive(Debug, Clone)]
enum Edit {
    Number(Value),
    Text(String),
    Null,
    RemoveKey(usize),
    AddKey(String),
}

fn edit() -> impl Strategy<Value = Edit> {
    prop_oneof![
        prop_oneof![
            any::<i64>().prop_map(|n| json!(n)),
            any::<u64>().prop_map(|n| json!(n)),
            (-1e6f64..1e6).prop_map(|f| json!(f)),
            Just(json!(-1)),
            Just(json!(0)),
            Just(json!(2.5)),
            Just(json!(i64::from(i32::MAX) + 1)),
            Just(json!(u64::from(u32::MAX) + 1)),
        ]
        .prop_map(Edit::Number),
        prop_oneof![
            Just("wan"),
            Just("yi"),
            Just("about"),
            Just("at_most"),
            Just("context"),
            Just("reported"),
            Just("product"),
            Just("part_of"),
            Just("since"),
            Just("present"),
            Just("lakh"),
            Just(""),
            Just("ha"),
        ]
        .prop_map(|s| Edit::Text(s.to_string())),
        Just(Edit::Null),
        any::<usize>().prop_map(Edit::RemoveKey),
        prop_oneof![
            Just("note"),
            Just("colour"),
            Just("about_pct"),
            Just("repeats"),
            Just("measures")
        ]
        .prop_map(|s| Edit::AddKey(s.to_string())),
    ]
}

proptest! {
    /// One edit that keeps the shape of the document (a number for a number, a string for a
    /// string, a key removed or added): the schema and the app agree on whether it is readable.
    #[test]
    fn schema_and_app_agree_on_small_edits(which in any::<prop::sample::Index>(), e in edit()) {
        let mut v: Value = serde_json::from_str(EMBEDDED_JSON).unwrap();
        let mut paths = Vec::new();
        leaves(&v, &mut Vec::new(), &mut paths);
        let path = which.get(&paths).clone();
        let node = node_mut(&mut v, &path);
        match (&e, &*node) {
            (Edit::Number(n), Value::Number(_)) => *node = n.clone(),
            (Edit::Text(t), Value::String(_)) => *node = json!(t),
            (Edit::Null, Value::String(_) | Value::Number(_)) => *node = Value::Null,
            (Edit::RemoveKey(k), Value::Object(o)) if !o.is_empty() => {
                let key = o.keys().nth(k % o.len()).unwrap().clone();
                node.as_object_mut().unwrap().remove(&key);
            }
            (Edit::AddKey(k), Value::Object(_)) => {
                node.as_object_mut().unwrap().insert(k.clone(), Value::Null);
            }
            _ => return Ok(()),
        }
        let by_schema = check(&v);
        let by_app = serde_json::from_value::<Dataset>(v.clone());
        // Which languages a dataset declares and which keys its texts may then use ties values
        // across the document, which JSON Schema cannot say: the schema checks each tag's
        // shape, the app the rest (`tests/model_languages.rs`).
        if by_schema.is_ok()
            && by_app
                .as_ref()
                .is_err_and(|e| e.to_string().starts_with("language at "))
        {
            return Ok(());
        }
        prop_assert_eq!(
            by_schema.is_ok(),
            by_app.is_ok(),
            "edit {:?} at {:?}: schema says {:?}, app says {:?}",
            e, path, by_schema, by_app.err().map(|x| x.to_string())
        );
    }
}

/// Each record's declaration (`record!`) gives a field's mode beside its serde attributes: a
/// field the reader requires (`req`) is required by the schema, and one it lets be left out is
/// not. A field whose serde attributes disagree with its mode fails here.
#[test]
fn the_schema_requires_what_the_reader_requires() {
    use case_explorer::model::{
        CaseInfo, Channel, Chart, Condition, DerivedMetric, Figure, Measure, Paragraph,
        Presentation, Reading, Reference, ReferenceSource, Relation, ScenarioInput, ScenarioSpec,
        SourceRef, UnitDeclaration,
    };
    use std::collections::BTreeSet;
    let schema: Value = serde_json::from_str(&generated()).expect("JSON");
    let records: [(&str, &[(&str, &str)]); 18] = [
        ("Dataset", Dataset::FIELDS),
        ("CaseInfo", CaseInfo::FIELDS),
        ("Channel", Channel::FIELDS),
        ("Chart", Chart::FIELDS),
        ("Condition", Condition::FIELDS),
        ("DerivedMetric", DerivedMetric::FIELDS),
        ("Figure", Figure::FIELDS),
        ("Measure", Measure::FIELDS),
        ("Paragraph", Paragraph::FIELDS),
        ("Presentation", Presentation::FIELDS),
        ("Reading", Reading::FIELDS),
        ("Reference", Reference::FIELDS),
        ("ReferenceSource", ReferenceSource::FIELDS),
        ("Relation", Relation::FIELDS),
        ("ScenarioInput", ScenarioInput::FIELDS),
        ("ScenarioSpec", ScenarioSpec::FIELDS),
        ("SourceRef", SourceRef::FIELDS),
        ("UnitDeclaration", UnitDeclaration::FIELDS),
    ];
    for (name, fields) in records {
        let node = if name == "Dataset" {
            &schema
        } else {
            &schema["$defs"][name]
        };
        let names = |v: &Value| -> BTreeSet<String> {
            v.as_array()
                .map(|a| {
                    a.iter()
                        .filter_map(|x| x.as_str().map(String::from))
                        .collect()
                })
                .unwrap_or_default()
        };
        let required = names(&node["required"]);
        let props: BTreeSet<String> = node["properties"]
            .as_object()
            .unwrap_or_else(|| panic!("{name} has properties in the schema"))
            .keys()
            .cloned()
            .collect();
        let declared: BTreeSet<String> = fields.iter().map(|(f, _)| f.to_string()).collect();
        // `case.language` and `case.languages` are read as `default` because files of formats
        // 1 and 2 lack them; in this format `decode` requires both, as the schema does.
        let checked_after = |f: &str| name == "CaseInfo" && (f == "language" || f == "languages");
        let req: BTreeSet<String> = fields
            .iter()
            .filter(|(f, mode)| *mode == "req" || checked_after(f))
            .map(|(f, _)| f.to_string())
            .collect();
        assert_eq!(props, declared, "{name}: the schema's fields");
        assert_eq!(required, req, "{name}: the fields a reader must be given");
        assert!(fields
            .iter()
            .all(|(_, m)| ["req", "opt", "given", "default"].contains(m)));
    }
}
