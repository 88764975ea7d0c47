//! `cargo run -p xtask --bin harden [DIR]`: the `cargo xtask harden` step on its own, for Trunk's
//! post_build hook. A separate binary builds only what it needs, so work in progress elsewhere in
//! xtask never breaks `trunk build` or `trunk serve`.

#[path = "../harden.rs"]
mod harden;

use std::process::ExitCode;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    if args.len() > 1 {
        eprintln!("usage: harden [DIR]");
        return ExitCode::FAILURE;
    }
    let root = std::env::current_dir().unwrap_or_else(|_| ".".into());
    match harden::run(&root, args.first().map(String::as_str)) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("harden: error: {e}");
            ExitCode::FAILURE
        }
    }
}
