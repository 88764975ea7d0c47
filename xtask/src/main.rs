//! Project automation: `cargo xtask setup | serve | test | bench | publish | size | harden` (`cargo xtask help`).

mod bench;
mod cmd;
mod harden;
mod manifest;
mod publish;
mod serve;
mod size;
mod steps;
mod tools;

use anyhow::Result;
use clap::{Parser, Subcommand};
use cmd::Ctx;
use serve::DEFAULT_PORT;
use std::process::ExitCode;

/// Project automation: set-up, serving, tests, benchmark, publishing a site of cases.
#[derive(Parser, Debug)]
#[command(name = "cargo xtask", bin_name = "cargo xtask")]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand, Debug)]
enum Command {
    /// Install every missing tool (trunk, wasm-bindgen CLI, wasm target, node tools in tools/,
    /// Chromium + chromedriver); skips what is present
    Setup,
    /// Set up, then build and serve the app at http://127.0.0.1:PORT/
    Serve {
        /// The port to serve on (1-65535)
        #[arg(long, default_value_t = DEFAULT_PORT, value_parser = clap::value_parser!(u16).range(1..))]
        port: u16,
    },
    /// Set up, then fmt, clippy, native tests, browser tests, release build, size budget and
    /// end-to-end tests, stopping at the first failure
    Test,
    /// Performance benchmark (not part of `test`): release build, asset sizes, load and
    /// interaction timings in headless Chromium, generated datasets, Lighthouse, profile; writes
    /// target/bench.json and BENCHMARKS.md (about 7 minutes plus compiling; --quick about 3)
    Bench(bench::Args),
    /// A static site of the dataset files in CASES: each case's pages at OUT/<case-id>/ (and
    /// /zh/, /fr/), the list of cases at OUT/cases/, the main page showing the default case
    Publish(publish::Options),
    /// Print dist/'s size report against the gzip budget (after a release build)
    Size,
    /// Move Trunk's inline boot script to a file with Subresource Integrity and write the
    /// Content-Security-Policy (Trunk's post_build hook; DIR defaults to its staging directory,
    /// else dist)
    Harden { dir: Option<String> },
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match run(cli.command) {
        Ok(true) => ExitCode::SUCCESS,
        Ok(false) => ExitCode::FAILURE,
        Err(e) => {
            eprintln!("xtask: error: {e}");
            ExitCode::FAILURE
        }
    }
}

/// Ok(false) means "ran, but something failed" (already reported).
fn run(command: Command) -> Result<bool> {
    match command {
        Command::Setup => {
            tools::setup(&Ctx::new()?)?;
            Ok(true)
        }
        Command::Serve { port } => {
            serve::serve(&Ctx::new()?, port)?;
            Ok(true)
        }
        Command::Bench(args) => bench::bench(&Ctx::new()?, &args.options()),
        Command::Test => Ok(steps::test(&Ctx::new()?)),
        Command::Publish(options) => {
            publish::publish(&Ctx::new()?, &options)?;
            Ok(true)
        }
        Command::Size => {
            steps::size_report(&Ctx::new()?)?;
            Ok(true)
        }
        Command::Harden { dir } => {
            harden::run(&Ctx::new()?.root, dir.as_deref())?;
            Ok(true)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(list: &[&str]) -> Result<Command, clap::Error> {
        Cli::try_parse_from(std::iter::once("xtask").chain(list.iter().copied())).map(|c| c.command)
    }

    #[test]
    fn port_defaults_and_parses() {
        for (args, want) in [
            (&["serve"][..], DEFAULT_PORT),
            (&["serve", "--port", "9000"], 9000),
            (&["serve", "--port=9001"], 9001),
        ] {
            match parse(args) {
                Ok(Command::Serve { port }) => assert_eq!(port, want, "{args:?}"),
                other => panic!("{args:?}: {other:?}"),
            }
        }
    }

    #[test]
    fn bad_ports_and_commands_are_rejected() {
        for bad in [
            &["serve", "--port", "0"][..],
            &["serve", "--port", "70000"],
            &["serve", "--port"],
            &["serve", "9000"],
            &["test", "extra"],
            &["deploy"],
            &[],
        ] {
            assert!(parse(bad).is_err(), "{bad:?}");
        }
    }

    #[test]
    fn the_usage_is_well_formed() {
        use clap::CommandFactory;
        Cli::command().debug_assert();
    }
}
