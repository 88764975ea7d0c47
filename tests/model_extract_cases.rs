#![cfg(not(target_arch = "wasm32"))]
//! The drafter measured on texts it was not tuned on: the published sources of the real cases
//! in `data/cases/`, against the reported figures of their hand-checked datasets (what counts as
//! found: `spec::case_score`), beside the same measure on the case it was tuned on (Kezuohou's
//! own text) and the figure-by-figure scores of the test texts of `tests/extract/`, tuning and
//! held-out. `cargo test --test model_extract_cases -- --nocapture` prints every figure; the
//! floors sit a little below what was measured when they were set, so that a regression breaks
//! them (`cargo run --release --example extract_score` prints the same table for the bench).

#[path = "extract/spec.rs"]
mod spec;

use case_explorer::model::extract::draft;
use spec::{case_score, real_cases, score, texts, CaseScore, Score};

fn pooled(scores: impl Iterator<Item = Score>) -> Score {
    scores.fold(
        Score {
            expected: 0,
            drafted: 0,
            found: 0,
        },
        |a, s| Score {
            expected: a.expected + s.expected,
            drafted: a.drafted + s.drafted,
            found: a.found + s.found,
        },
    )
}

#[test]
fn the_drafter_is_measured_on_real_texts_it_was_not_tuned_on() {
    let cases = real_cases();
    let held_out: Vec<_> = cases.iter().filter(|c| !c.tuned_on).collect();
    assert!(
        held_out.len() >= 5,
        "the real cases of data/cases/ are read"
    );
    let mut tuned = CaseScore::default();
    let mut real = CaseScore::default();
    println!("| real text | reported | drafted | found | precision | on quoted numbers | recall |");
    for c in &cases {
        let s = case_score(c, &draft(&c.text), true);
        println!(
            "| {} ({}) | {} | {} | {} | {:.3} | {:.3} | {:.3} |",
            c.name,
            if c.tuned_on { "tuned on" } else { "held out" },
            s.reported,
            s.drafted,
            s.found,
            s.precision(),
            s.quoted_precision(),
            s.recall()
        );
        if c.tuned_on {
            tuned = tuned.add(s);
        } else {
            real = real.add(s);
        }
    }
    let tuning = pooled(
        texts()
            .into_iter()
            .filter(|t| !t.name.starts_with("holdout"))
            .map(|t| score(t.name, &draft(t.text), &t.wants, false)),
    );
    let written = pooled(
        texts()
            .into_iter()
            .filter(|t| t.name.starts_with("holdout"))
            .map(|t| score(t.name, &draft(t.text), &t.wants, false)),
    );
    println!("pooled:");
    println!(
        "  tuning test texts       precision {:.3} recall {:.3} ({} expected)",
        tuning.precision(),
        tuning.recall(),
        tuning.expected
    );
    println!(
        "  written held-out texts  precision {:.3} recall {:.3} ({} expected)",
        written.precision(),
        written.recall(),
        written.expected
    );
    println!(
        "  Kezuohou's own text     precision {:.3} (quoted {:.3}) recall {:.3} ({} reported)",
        tuned.precision(),
        tuned.quoted_precision(),
        tuned.recall(),
        tuned.reported
    );
    println!(
        "  held-out real texts     precision {:.3} (quoted {:.3}) recall {:.3} ({} reported)",
        real.precision(),
        real.quoted_precision(),
        real.recall(),
        real.reported
    );
    // Measured when set (2026-12-07): tuning texts 0.992 / 0.992, Kezuohou's own text 1.000 /
    // 1.000, held-out real texts 0.718 (quoted 0.737) / 0.636 (28 of 44 reported figures).
    // Two figures fewer found on the real texts breaks the recall floor.
    assert!(
        tuning.precision() >= 0.98,
        "tuning precision {}",
        tuning.precision()
    );
    assert!(tuning.recall() >= 0.98, "tuning recall {}", tuning.recall());
    assert!(
        tuned.recall() >= 0.95,
        "Kezuohou's own text: recall {}",
        tuned.recall()
    );
    assert!(
        tuned.precision() >= 0.95,
        "Kezuohou's own text: precision {}",
        tuned.precision()
    );
    assert!(
        real.recall() >= 0.6,
        "held-out real texts: recall {}",
        real.recall()
    );
    assert!(
        real.precision() >= 0.68,
        "held-out real texts: precision {}",
        real.precision()
    );
    assert!(
        real.quoted_precision() >= 0.7,
        "held-out real texts: precision on quoted numbers {}",
        real.quoted_precision()
    );
}
