#![cfg(not(target_arch = "wasm32"))]
//! The real cases shipped besides the default one, in `data/cases/`: each file loads with the
//! model's own loader without an error, has at least eight figures, and every reported figure
//! traces to its source: a quote that prints the figure's number, found word for word in the
//! paragraph it names of the saved source text (`tests/fixtures/cases/<id>.txt`), whose address
//! the case's citation gives. A context figure names its external source with an address, and
//! its note opens with the quote read there (`Quote: “…”.`), which prints its number.
//!
//! `broken_copies_fail` edits a good case in the ways these checks are meant to catch and
//! asserts that each edit is caught.

use std::path::{Path, PathBuf};

use case_explorer::model::{FigureKind, Lang, Model};

const MIN_FIGURES: usize = 8;

fn case_files() -> Vec<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("data/cases");
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("cannot read {}: {e}", dir.display()))
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "json"))
        .collect();
    files.sort();
    files
}

/// Non-empty lines of a saved source text, numbered from 0 as the explorer numbers paragraphs.
fn paragraphs(text: &str) -> Vec<&str> {
    text.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .collect()
}

/// The numbers printed in `quote`, digits as printed: group separators (`,`, spaces between
/// digits) removed, a decimal point kept.
fn printed_numbers(quote: &str) -> Vec<f64> {
    let chars: Vec<char> = quote.chars().collect();
    let mut out = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        if !chars[i].is_ascii_digit() {
            i += 1;
            continue;
        }
        let mut digits = String::new();
        while i < chars.len() {
            let c = chars[i];
            let next_is_digit = chars.get(i + 1).is_some_and(char::is_ascii_digit);
            if c.is_ascii_digit() {
                digits.push(c);
            } else if c == '.' && next_is_digit {
                digits.push('.');
            } else if (c == ',' || c == '\u{202f}' || c == '\u{a0}') && next_is_digit {
                // a group separator
            } else if c == ',' && chars.get(i + 1) == Some(&' ') && is_group(&chars, i + 2) {
                // a group separator printed with a space after it ("36, 000")
                i += 1;
            } else {
                break;
            }
            i += 1;
        }
        if let Ok(v) = digits.parse::<f64>() {
            out.push(v);
        }
    }
    out
}

/// Whether three digits, and no fourth, start at `at`: a thousands group.
fn is_group(chars: &[char], at: usize) -> bool {
    (at..at + 3).all(|j| chars.get(j).is_some_and(char::is_ascii_digit))
        && !chars.get(at + 3).is_some_and(char::is_ascii_digit)
}

fn has_address(s: &str) -> bool {
    s.contains("http://") || s.contains("https://")
}

/// Everything wrong with one case file, as sentences; empty when it passes.
fn problems(name: &str, json: &str, source: Option<&str>) -> Vec<String> {
    let model = match Model::from_json(json) {
        Ok(m) => m,
        Err(errors) => {
            return errors
                .iter()
                .map(|e| format!("{name}: dataset error: {e}"))
                .collect();
        }
    };
    let d = &model.dataset;
    let mut out = Vec::new();
    // What the checks found, for the reviewer (`cargo test --test model_cases -- --nocapture`).
    for f in &model.findings {
        println!(
            "{name}: {} {:?} gap {:.2}%",
            f.relation, f.status, f.gap_pct
        );
    }
    if d.figures.len() < MIN_FIGURES {
        out.push(format!(
            "{name}: {} figures, fewer than {MIN_FIGURES}",
            d.figures.len()
        ));
    }
    let citation = d.case.citation.get(Lang::En);
    let reported = d
        .figures
        .iter()
        .any(|f| matches!(f.kind, FigureKind::Reported));
    if reported && !has_address(citation) {
        out.push(format!(
            "{name}: the citation gives no address: {citation:?}"
        ));
    }
    let paragraphs = source.map(paragraphs);
    if source.is_none() {
        out.push(format!("{name}: no saved source text"));
    }
    if let (Some(ps), Some(text)) = (&paragraphs, source) {
        let first = ps.first().copied().unwrap_or_default();
        if !text.is_empty() && !has_address(first) {
            out.push(format!(
                "{name}: the source text does not start with its address"
            ));
        }
    }
    for f in &d.figures {
        match f.kind {
            FigureKind::Reported => {
                let quote = f.source.quote.as_deref().unwrap_or_default().trim();
                if quote.is_empty() {
                    out.push(format!("{name}: {} has no quote", f.id));
                    continue;
                }
                if !printed_numbers(quote)
                    .iter()
                    .any(|v| (v - f.value).abs() <= 1e-9 * f.value.abs().max(1.0))
                {
                    out.push(format!(
                        "{name}: the quote of {} ({quote:?}) does not print its value {}",
                        f.id, f.value
                    ));
                }
                match (f.source.paragraph, &paragraphs) {
                    (None, _) => out.push(format!("{name}: {} names no paragraph", f.id)),
                    (Some(n), Some(ps)) => match ps.get(n as usize) {
                        Some(p) if p.contains(quote) => {}
                        Some(_) => out.push(format!(
                            "{name}: the quote of {} ({quote:?}) is not in paragraph {n}",
                            f.id
                        )),
                        None => out.push(format!(
                            "{name}: {} names paragraph {n}, which the source lacks",
                            f.id
                        )),
                    },
                    (Some(_), None) => {}
                }
            }
            FigureKind::Context => {
                let external = f.source.external.as_deref().unwrap_or_default();
                if !has_address(external) {
                    out.push(format!(
                        "{name}: context figure {} names no address ({external:?})",
                        f.id
                    ));
                }
                // Its note opens with the quote read in that source: `Quote: “…”.`
                let note = f.source.note.get(Lang::En);
                let quote = note
                    .strip_prefix("Quote: \u{201c}")
                    .and_then(|rest| rest.split('\u{201d}').next())
                    .unwrap_or_default();
                if !printed_numbers(quote)
                    .iter()
                    .any(|v| (v - f.value).abs() <= 1e-9 * f.value.abs().max(1.0))
                {
                    out.push(format!(
                        "{name}: context figure {} has no quote printing its value {}",
                        f.id, f.value
                    ));
                }
            }
        }
    }
    out
}

fn source_of(path: &Path) -> Option<String> {
    let stem = path.file_stem()?.to_str()?;
    let p = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/cases")
        .join(format!("{stem}.txt"));
    std::fs::read_to_string(p).ok()
}

#[test]
fn every_case_loads_and_traces_its_figures() {
    let files = case_files();
    let mut all = Vec::new();
    for path in &files {
        let name = path.display().to_string();
        let json = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{name}: {e}"));
        let source = source_of(path);
        all.extend(problems(&name, &json, source.as_deref()));
    }
    assert!(all.is_empty(), "{}", all.join("\n"));
    assert!(
        files.len() >= 4,
        "expected at least four cases in data/cases, found {}",
        files.len()
    );
}

#[test]
fn case_ids_are_file_names_and_distinct() {
    let mut ids = Vec::new();
    for path in case_files() {
        let json = std::fs::read_to_string(&path).expect("readable");
        let model = Model::from_json(&json).expect("valid (see the test above)");
        let id = model.dataset.case.id.clone();
        let stem = path
            .file_stem()
            .and_then(|s| s.to_str())
            .unwrap_or_default();
        assert_eq!(id, stem, "{}: the case id names the file", path.display());
        assert!(
            id.chars()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-'),
            "{id}: lowercase ascii, digits and hyphens"
        );
        assert!(!ids.contains(&id), "{id} twice");
        ids.push(id);
    }
}

#[test]
fn printed_numbers_read_separators() {
    assert_eq!(
        printed_numbers("103,968 yuan ($15,307)"),
        vec![103968.0, 15307.0]
    );
    assert_eq!(printed_numbers("6.65 million yuan."), vec![6.65]);
    assert_eq!(printed_numbers("from 17 to 34 percent"), vec![17.0, 34.0]);
    assert_eq!(printed_numbers("around 150kg"), vec![150.0]);
    assert_eq!(printed_numbers("36, 000 people"), vec![36000.0]);
    assert_eq!(printed_numbers("1, 2, 3"), vec![1.0, 2.0, 3.0]);
}

/// The checks catch what they are for: each broken copy of a good case fails with the
/// expected complaint, and the unbroken one passes.
#[test]
fn broken_copies_fail() {
    let files = case_files();
    let path = files.first().expect("a case");
    let json = std::fs::read_to_string(path).expect("readable");
    let source = source_of(path).expect("its source text");
    let good = problems("good", &json, Some(&source));
    assert!(good.is_empty(), "{good:?}");

    let tree: serde_json::Value = serde_json::from_str(&json).expect("JSON");
    let id = tree["figures"]
        .as_array()
        .and_then(|figs| figs.iter().find(|f| f["kind"] == "reported"))
        .and_then(|f| f["id"].as_str())
        .expect("a reported figure")
        .to_string();
    let edit = |f: &dyn Fn(&mut serde_json::Value)| -> Vec<String> {
        let mut t = tree.clone();
        f(&mut t);
        problems("broken", &t.to_string(), Some(&source))
    };
    let edit_figure = |g: &dyn Fn(&mut serde_json::Value)| -> Vec<String> {
        edit(&|t| {
            if let Some(f) = t["figures"]
                .as_array_mut()
                .and_then(|figs| figs.iter_mut().find(|f| f["id"] == id.as_str()))
            {
                g(f);
            }
        })
    };

    let p = edit_figure(&|f| f["source"]["quote"] = "".into());
    assert!(p.iter().any(|s| s.contains("has no quote")), "{p:?}");

    let p = edit_figure(&|f| {
        let v = f["value"].as_f64().expect("value");
        f["value"] = (v * 10.0).into();
    });
    assert!(
        p.iter().any(|s| s.contains("does not print its value")),
        "{p:?}"
    );

    let p = edit_figure(&|f| f["source"]["paragraph"] = 0.into());
    assert!(p.iter().any(|s| s.contains("is not in paragraph")), "{p:?}");

    let p = edit(&|t| t["case"]["citation"] = serde_json::json!({"en": "no address"}));
    assert!(p.iter().any(|s| s.contains("gives no address")), "{p:?}");

    let p = edit(&|t| {
        if let Some(figs) = t["figures"].as_array_mut() {
            figs.truncate(2);
        }
        t["derived"] = serde_json::json!([]);
        t["relations"] = serde_json::json!([]);
        t["presentation"] = serde_json::json!({});
    });
    assert!(p.iter().any(|s| s.contains("fewer than")), "{p:?}");

    let p = edit(&|t| t["figures"][0]["unit"] = "furlongs".into());
    assert!(p.iter().any(|s| s.contains("dataset error")), "{p:?}");
}

/// Each case also matches the published JSON Schema of the format (`data/schema.json`), which
/// other tools read.
#[test]
fn every_case_matches_the_schema() {
    let schema_path = Path::new(env!("CARGO_MANIFEST_DIR")).join("data/schema.json");
    let schema: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(schema_path).expect("schema")).expect("JSON");
    let validator = jsonschema::validator_for(&schema).expect("a valid schema");
    let mut all = Vec::new();
    for path in case_files() {
        let json = std::fs::read_to_string(&path).expect("readable");
        let v: serde_json::Value = serde_json::from_str(&json).expect("JSON");
        all.extend(
            validator
                .iter_errors(&v)
                .map(|e| format!("{}: {}: {e}", path.display(), e.instance_path())),
        );
    }
    assert!(all.is_empty(), "{}", all.join("\n"));
}
