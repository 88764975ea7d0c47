//! `cargo run -p xtask --bin harden [DIR]`: the `cargo xtask harden` step on its own, for Trunk's
//! post_build hook. A separate binary builds only what it needs, so work in progress elsewhere in
//! xtask never breaks `trunk build` or `trunk serve`.

#[path = "../harden.rs"]
mod harden;

use clap::Parser;
use std::process::ExitCode;

/// Trunk's post_build hook: harden the built page in DIR (default: Trunk's staging directory,
/// else dist).
#[derive(Parser)]
#[command(name = "harden")]
struct Args {
    dir: Option<String>,
}

fn main() -> ExitCode {
    let args = Args::parse();
    let root = std::env::current_dir().unwrap_or_else(|_| ".".into());
    match harden::run(&root, args.dir.as_deref()) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("harden: error: {e}");
            ExitCode::FAILURE
        }
    }
}
