#![cfg(not(target_arch = "wasm32"))]
//! The code holds no case: no id of the embedded dataset (case, figures, derived metrics,
//! relations, channels, measures, charts) and no name of its place appears in the app's code
//! under `src/`; the case tells itself through `data/kezuohou.json`. An id with `_`, `-`, `.` or
//! `:` is looked for as a word anywhere in the code; a one-word id ("cover") only as a string
//! literal, since the same word may name a type or stand in a comment.
//!
//! Not scanned: the `#[cfg(test)] mod tests` blocks (test code that builds variants of the
//! embedded case, never shipped).

use serde_json::Value;
use std::path::{Path, PathBuf};

/// The extractor's word tables, and the words that point a figure to its subject or concept: vocabulary of
/// English and Chinese ("guards", "hectares", "cover"), which a one-word id of the case may share
/// without being case knowledge. Compound ids and the case's names are still looked for there.
const LANGUAGE_TABLES: &[&str] = &[
    "src/model/extract/tables.rs",
    "src/model/subjects.rs",
    "src/model/concepts.rs",
];

/// Names of the case's place, in both languages.
const CASE_WORDS: &[&str] = &["Kezuohou", "Horqin", "Tongliao", "科左后", "科尔沁", "通辽"];

/// The app's own name (package, crate, storage keys of readers' browsers) and the path of the
/// embedded file: names of the program, not words of the case. Taken out before the case words
/// are looked for.
const APP_NAMES: &[&str] = &["kezuohou-explorer", "case_explorer", "data/kezuohou.json"];

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// The real cases shipped besides the default one (`data/cases/`), each with the names of its
/// place: neither may show in the code either.
const SHIPPED_CASES: &[(&str, &[&str])] = &[
    (
        "kubuqi-desert",
        &["Kubuqi", "Elion", "Ordos", "库布其", "亿利", "鄂尔多斯"],
    ),
    ("loess-plateau", &["Loess", "Shaanxi", "Gansu"]),
    ("meret-ethiopia", &["MERET", "Ethiopia", "Tigray", "woreda"]),
    ("niger-fmnr", &["FMNR", "Maradi", "Zinder", "Tahoua"]),
    (
        "qingzhen-afforestation",
        &["Qingzhen", "Guiyang", "Guizhou", "清镇", "贵阳"],
    ),
];

fn ids() -> Vec<String> {
    let out = ids_of("data/kezuohou.json");
    assert!(
        out.len() > 80,
        "the dataset's ids were not all read: {}",
        out.len()
    );
    out
}

/// The ids a dataset file declares: its case, figures, derived metrics, relations, channels,
/// measures and charts.
fn ids_of(file: &str) -> Vec<String> {
    let text = std::fs::read_to_string(root().join(file)).expect("dataset");
    let v: Value = serde_json::from_str(&text).expect("JSON");
    let mut out = vec![v["case"]["id"].as_str().expect("case id").to_string()];
    let lists = [
        &v["figures"],
        &v["derived"],
        &v["relations"],
        &v["channels"],
        &v["measures"],
        &v["presentation"]["charts"],
    ];
    for list in lists {
        for x in list.as_array().map(Vec::as_slice).unwrap_or_default() {
            out.push(x["id"].as_str().expect("an id").to_string());
        }
    }
    out
}

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for e in std::fs::read_dir(dir).expect("src") {
        let p = e.expect("entry").path();
        if p.is_dir() {
            rust_files(&p, out);
        } else if p.extension().is_some_and(|x| x == "rs") {
            out.push(p);
        }
    }
}

/// The file without its `#[cfg(test)] mod … { … }` blocks.
fn shipped_code(text: &str) -> String {
    let mut out = String::new();
    let mut rest = text;
    while let Some(at) = rest.find("#[cfg(test)]\nmod ") {
        out.push_str(&rest[..at]);
        let after = &rest[at..];
        let open = after.find('{').expect("a test module's body");
        let mut depth = 0usize;
        let mut end = after.len();
        for (i, c) in after[open..].char_indices() {
            match c {
                '{' => depth += 1,
                '}' => {
                    depth -= 1;
                    if depth == 0 {
                        end = open + i + 1;
                        break;
                    }
                }
                _ => {}
            }
        }
        rest = &after[end..];
    }
    out.push_str(rest);
    out
}

fn is_word_char(c: char) -> bool {
    c.is_ascii_alphanumeric() || c == '_'
}

/// Whether `id` stands in `code` as a whole word (not inside a longer identifier).
fn has_word(code: &str, id: &str) -> bool {
    code.match_indices(id).any(|(i, _)| {
        let before = code[..i].chars().next_back();
        let after = code[i + id.len()..].chars().next();
        !before.is_some_and(is_word_char) && !after.is_some_and(is_word_char)
    })
}

/// Every place the default case shows in the code, as `file: what`.
fn findings() -> Vec<String> {
    findings_of(&ids(), CASE_WORDS)
}

/// Every place one of `ids` or of the place names `words` shows in the code, as `file: what`.
fn findings_of(ids: &[String], words: &[&str]) -> Vec<String> {
    let mut files = Vec::new();
    rust_files(&root().join("src"), &mut files);
    files.sort();
    assert!(files.len() > 40, "src/ was not all read");
    let mut found = Vec::new();
    for path in files {
        let rel = path
            .strip_prefix(root())
            .expect("under the root")
            .to_string_lossy()
            .replace('\\', "/");
        let code = shipped_code(&std::fs::read_to_string(&path).expect("source"));
        for id in ids {
            let compound = id.contains(['_', '-', '.', ':']);
            let vocabulary = !compound && LANGUAGE_TABLES.contains(&rel.as_str());
            if !vocabulary && code.contains(&format!("\"{id}\"")) {
                found.push(format!("{rel}: the id \"{id}\" as a string"));
            } else if compound && has_word(&code, id) {
                found.push(format!("{rel}: the id {id}"));
            }
        }
        let mut plain = code.clone();
        for name in APP_NAMES {
            plain = plain.replace(name, "");
        }
        let lower = plain.to_lowercase();
        for w in words {
            if lower.contains(&w.to_lowercase()) {
                found.push(format!("{rel}: the case's name {w}"));
            }
        }
    }
    found
}

#[test]
fn no_id_or_name_of_the_case_is_in_the_code() {
    let found = findings();
    assert!(
        found.is_empty(),
        "case knowledge in src/:\n{}",
        found.join("\n")
    );
}

#[test]
fn no_id_or_name_of_the_shipped_cases_is_in_the_code() {
    let mut shipped: Vec<String> = std::fs::read_dir(root().join("data/cases"))
        .expect("data/cases")
        .filter_map(|e| e.ok()?.path().file_stem()?.to_str().map(str::to_string))
        .collect();
    shipped.sort();
    let listed: Vec<String> = SHIPPED_CASES.iter().map(|(c, _)| c.to_string()).collect();
    assert_eq!(
        shipped, listed,
        "every case in data/cases/ is listed with its place names"
    );
    let mut found = Vec::new();
    for (case, words) in SHIPPED_CASES {
        let ids = ids_of(&format!("data/cases/{case}.json"));
        assert!(ids.len() > 10, "{case}: its ids were not all read");
        found.extend(
            findings_of(&ids, words)
                .into_iter()
                .map(|f| format!("{case}: {f}")),
        );
    }
    assert!(
        found.is_empty(),
        "case knowledge in src/:\n{}",
        found.join("\n")
    );
}

#[test]
fn the_scan_finds_what_it_looks_for() {
    assert!(has_word("let x = forest_guards;", "forest_guards"));
    assert!(!has_word("let x = forest_guards_2;", "forest_guards"));
    assert!(!has_word("my_forest_guards", "forest_guards"));
    let code =
        "fn a() {}\n#[cfg(test)]\nmod tests {\n    fn b() { let s = \"{x}\"; }\n}\nfn c() {}\n";
    assert_eq!(shipped_code(code), "fn a() {}\n\nfn c() {}\n");
}
