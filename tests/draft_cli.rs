#![cfg(not(target_arch = "wasm32"))]
//! `cargo run --example draft -- FILE`, run as a process: the draft dataset on stdout for a
//! UTF-8 text, a message on stderr and a non-zero exit for a file that cannot be read or is
//! not UTF-8.

use std::path::PathBuf;
use std::process::{Command, Output};

use case_explorer::model::{Model, Unit};

/// Builds the example (a no-op once built) and runs it with `args`.
fn run(args: &[&str]) -> Output {
    let manifest = env!("CARGO_MANIFEST_DIR");
    let out = Command::new(env!("CARGO"))
        .current_dir(manifest)
        .args(["run", "--quiet", "--example", "draft", "--"])
        .args(args)
        .output()
        .expect("cargo runs");
    out
}

fn file(name: &str, bytes: &[u8]) -> PathBuf {
    let path = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join(name);
    std::fs::write(&path, bytes).expect("the temp file is written");
    path
}

#[test]
fn the_command_prints_the_draft_and_reports_bad_input() {
    let text =
        "Title\nIn 2017 the banner welcomed 1.4 million tourists and earned 1.2 billion yuan.\n";
    let path = file("draft_ok.txt", text.as_bytes());
    let out = run(&[path.to_str().expect("a UTF-8 path")]);
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let model = Model::from_json(&stdout).expect("stdout is a dataset the explorer loads");
    let figures = &model.dataset.figures;
    assert_eq!(figures.len(), 2);
    assert_eq!(figures[0].unit, Unit::builtin("{visit}").code());
    assert_eq!(
        figures[0].source.quote.as_deref(),
        Some("1.4 million tourists")
    );
    assert_eq!(figures[1].value, 1.2);

    // Latin-1 bytes: not UTF-8.
    let bad = file("draft_latin1.txt", b"Caf\xe9: 5 ha\n");
    let out = run(&[bad.to_str().expect("a UTF-8 path")]);
    assert!(!out.status.success());
    assert!(out.stdout.is_empty(), "nothing on stdout");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("not UTF-8") && stderr.contains("offset 3"),
        "{stderr}"
    );

    let missing = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("no_such_file.txt");
    let out = run(&[missing.to_str().expect("a UTF-8 path")]);
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("cannot read"));

    let out = run(&[]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("usage"));
}
