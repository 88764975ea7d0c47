//! The drafter's precision and recall on the project's own test texts, and its speed:
//! `cargo run --release --example extract_score [-- --verbose] [--json FILE]`.
//!
//! Each text of `tests/extract/spec.rs` (the expected figures the tests assert; two of them held
//! out, written after the drafter's words were settled and never tuned on) is drafted and
//! scored figure by figure; then each text, repeated to 1 MB, is drafted and timed. Prints a
//! Markdown table; `--json FILE` also writes the numbers for `cargo xtask bench`'s report;
//! `--verbose` prints every figure read, missed or extra.

#[path = "../tests/extract/spec.rs"]
mod spec;

use std::process::ExitCode;
use std::time::Instant;

use case_explorer::model::extract::draft;

/// The size the speed is measured on.
const MEGABYTE: usize = 1 << 20;

struct Row {
    name: &'static str,
    score: spec::Score,
    /// Drafting the text once, in ms.
    ms: f64,
    /// Drafting the text repeated to 1 MB, in ms, and the figures drafted there.
    mb_ms: f64,
    mb_figures: usize,
    lang: &'static str,
    /// Labels holding their expected words, of those expected.
    labels: (usize, usize),
}

fn repeated(text: &str) -> String {
    let mut t = String::with_capacity(MEGABYTE + text.len());
    while t.len() < MEGABYTE {
        t.push_str(text);
        t.push('\n');
    }
    t
}

fn millis(t0: Instant) -> f64 {
    t0.elapsed().as_secs_f64() * 1e3
}

/// The share of labels holding their words, `None` when the text expects none.
fn share((good, all): (usize, usize)) -> Option<f64> {
    (all > 0).then(|| good as f64 / all as f64)
}

fn label_cell(labels: (usize, usize)) -> String {
    match share(labels) {
        Some(s) => format!("{:.2} ({}/{})", s, labels.0, labels.1),
        None => "–".to_string(),
    }
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let verbose = args.iter().any(|a| a == "--verbose");
    let json_path = args
        .iter()
        .position(|a| a == "--json")
        .map(|i| args.get(i + 1).cloned());
    let json_path = match json_path {
        Some(None) => {
            eprintln!("usage: extract_score [--verbose] [--json FILE]");
            return ExitCode::from(2);
        }
        Some(Some(p)) => Some(p),
        None => None,
    };

    let mut rows = Vec::new();
    for t in spec::texts() {
        let t0 = Instant::now();
        let d = draft(t.text);
        let ms = millis(t0);
        let score = spec::score(t.name, &d, &t.wants, verbose);
        let labels = spec::label_score(t.name, &d, &t.labels, verbose);
        let big = repeated(t.text);
        let t0 = Instant::now();
        let mb = draft(&big);
        let mb_ms = millis(t0);
        rows.push(Row {
            name: t.name,
            score,
            ms,
            mb_ms,
            mb_figures: mb.figures.len(),
            lang: t.lang,
            labels,
        });
    }

    println!(
        "| text | expected | drafted | found | precision | recall | labels | draft | 1 MB of it |"
    );
    println!("|---|---:|---:|---:|---:|---:|---:|---:|---:|");
    for r in &rows {
        println!(
            "| `{}` | {} | {} | {} | {:.3} | {:.3} | {} | {:.1} ms | {:.0} ms ({} figures) |",
            r.name,
            r.score.expected,
            r.score.drafted,
            r.score.found,
            r.score.precision(),
            r.score.recall(),
            label_cell(r.labels),
            r.ms,
            r.mb_ms,
            r.mb_figures
        );
    }
    println!();
    println!("| language | labels holding their words |");
    println!("|---|---:|");
    for lang in ["en", "zh"] {
        let (good, all) = rows
            .iter()
            .filter(|r| r.lang == lang)
            .fold((0, 0), |(g, a), r| (g + r.labels.0, a + r.labels.1));
        println!("| {lang} | {} |", label_cell((good, all)));
    }

    if let Some(path) = json_path {
        let texts: Vec<serde_json::Value> = rows
            .iter()
            .map(|r| {
                serde_json::json!({
                    "name": r.name,
                    "expected": r.score.expected,
                    "drafted": r.score.drafted,
                    "found": r.score.found,
                    "precision": r.score.precision(),
                    "recall": r.score.recall(),
                    "draft_ms": r.ms,
                    "megabyte_ms": r.mb_ms,
                    "megabyte_figures": r.mb_figures,
                    "lang": r.lang,
                    "labels_expected": r.labels.1,
                    "labels_good": r.labels.0,
                    "label_share": share(r.labels),
                })
            })
            .collect();
        let doc = serde_json::json!({ "megabyte_bytes": MEGABYTE, "texts": texts });
        let text = match serde_json::to_string_pretty(&doc) {
            Ok(t) => t,
            Err(e) => {
                eprintln!("extract_score: {e}");
                return ExitCode::FAILURE;
            }
        };
        if let Err(e) = std::fs::write(&path, text) {
            eprintln!("extract_score: cannot write {path}: {e}");
            return ExitCode::FAILURE;
        }
    }
    ExitCode::SUCCESS
}
