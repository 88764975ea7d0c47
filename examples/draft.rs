//! Draft a dataset from a case-study text (English or Chinese, UTF-8):
//! `cargo run --release --example draft -- FILE` prints the dataset JSON on stdout, every
//! proposed relation included, for review; errors go to stderr with a non-zero exit.

use std::process::ExitCode;

use case_explorer::model::extract::draft_json;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let [path] = args.as_slice() else {
        eprintln!("usage: draft FILE  (a UTF-8 text file; the draft dataset is printed as JSON)");
        return ExitCode::from(2);
    };
    let bytes = match std::fs::read(path) {
        Ok(b) => b,
        Err(e) => {
            eprintln!("draft: cannot read {path}: {e}");
            return ExitCode::FAILURE;
        }
    };
    let text = match String::from_utf8(bytes) {
        Ok(t) => t,
        Err(e) => {
            eprintln!(
                "draft: {path} is not UTF-8 text (invalid byte at offset {})",
                e.utf8_error().valid_up_to()
            );
            return ExitCode::FAILURE;
        }
    };
    match draft_json(&text) {
        Ok(json) => {
            println!("{json}");
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("draft: {e}");
            ExitCode::FAILURE
        }
    }
}
