//! The drafter's precision and recall on the project's own test texts, and its speed:
//! `cargo run --release --example extract_score [-- --verbose] [--json FILE]`.
//!
//! Each text of `tests/extract/spec.rs` (the expected figures the tests assert; two of them held
//! out, written after the drafter's words were settled and never tuned on) is drafted and
//! scored figure by figure; then each text, repeated to 1 MB, is drafted and timed. Then the
//! published texts of the real cases (`spec::real_cases`: Kezuohou's, tuned on, and those of
//! `data/cases/`, held out) are drafted and scored against their datasets' reported figures
//! (`spec::case_score`), with the pooled scores of the tuning and the held-out texts, as
//! `tests/model_extract_cases.rs` asserts them. Prints Markdown tables; `--json FILE` also
//! writes the numbers for `cargo xtask bench`'s report; `--verbose` prints every figure read,
//! missed or extra.

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

    let mut real_rows = Vec::new();
    for c in spec::real_cases() {
        let t0 = Instant::now();
        let d = draft(&c.text);
        let ms = millis(t0);
        real_rows.push((spec::case_score(&c, &d, verbose), c, ms));
    }
    let pool = |tuned: bool| {
        real_rows
            .iter()
            .filter(|(_, c, _)| c.tuned_on == tuned)
            .fold(spec::CaseScore::default(), |a, (s, _, _)| a.add(*s))
    };
    let texts_pool = |held: bool| {
        rows.iter()
            .filter(|r| r.name.starts_with("holdout") == held)
            .fold((0, 0, 0), |(e, d, f), r| {
                (e + r.score.expected, d + r.score.drafted, f + r.score.found)
            })
    };
    println!();
    println!(
        "| real text | tuned on | reported | drafted | found | precision | on quoted numbers | recall | draft |"
    );
    println!("|---|---|---:|---:|---:|---:|---:|---:|---:|");
    for (s, c, ms) in &real_rows {
        println!(
            "| `{}` | {} | {} | {} | {} | {:.3} | {:.3} | {:.3} | {:.1} ms |",
            c.name,
            if c.tuned_on { "yes" } else { "no" },
            s.reported,
            s.drafted,
            s.found,
            s.precision(),
            s.quoted_precision(),
            s.recall(),
            ms
        );
    }
    let ratio = |a: usize, b: usize| a as f64 / b.max(1) as f64;
    let (te, td, tf) = texts_pool(false);
    let (he, hd, hf) = texts_pool(true);
    let (tuned, held) = (pool(true), pool(false));
    let pooled = [
        ("tuning test texts", te, td, tf, None),
        ("written held-out test texts", he, hd, hf, None),
        (
            "Kezuohou's own text (tuned on)",
            tuned.reported,
            tuned.drafted,
            tuned.found,
            Some(tuned.quoted_precision()),
        ),
        (
            "real texts of data/cases/ (held out)",
            held.reported,
            held.drafted,
            held.found,
            Some(held.quoted_precision()),
        ),
    ];
    println!();
    println!("| pooled | expected | drafted | found | precision | on quoted numbers | recall |");
    println!("|---|---:|---:|---:|---:|---:|---:|");
    for (name, e, d, f, quoted) in &pooled {
        println!(
            "| {name} | {e} | {d} | {f} | {:.3} | {} | {:.3} |",
            ratio(*f, *d),
            quoted.map_or("–".to_string(), |q| format!("{q:.3}")),
            ratio(*f, *e)
        );
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
        let real_cases: Vec<serde_json::Value> = real_rows
            .iter()
            .map(|(s, c, ms)| {
                serde_json::json!({
                    "name": c.name,
                    "tuned_on": c.tuned_on,
                    "reported": s.reported,
                    "drafted": s.drafted,
                    "found": s.found,
                    "precision": s.precision(),
                    "quoted_precision": s.quoted_precision(),
                    "recall": s.recall(),
                    "draft_ms": ms,
                })
            })
            .collect();
        let pooled: Vec<serde_json::Value> = pooled
            .iter()
            .map(|(name, e, d, f, quoted)| {
                serde_json::json!({
                    "name": name,
                    "expected": e,
                    "drafted": d,
                    "found": f,
                    "precision": ratio(*f, *d),
                    "quoted_precision": quoted,
                    "recall": ratio(*f, *e),
                })
            })
            .collect();
        let doc = serde_json::json!({
            "megabyte_bytes": MEGABYTE,
            "texts": texts,
            "real_cases": real_cases,
            "pooled": pooled,
        });
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
