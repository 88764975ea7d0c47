//! Project automation: `cargo xtask setup | serve [--port N] | test`.

mod bench;
mod cmd;
mod harden;
mod manifest;
mod publish;
mod serve;
mod size;
mod steps;
mod tools;

use anyhow::{bail, Result};
use cmd::Ctx;
use serve::DEFAULT_PORT;
use std::process::ExitCode;

const USAGE: &str = "\
usage: cargo xtask <command>

commands:
  setup              install every missing tool (trunk, wasm-bindgen CLI, wasm target,
                     node tools in tools/, Chromium + chromedriver); skips what is present
  serve [--port N]   setup, then build and serve the app at http://127.0.0.1:N/ (default 8080)
  test               setup, then fmt, clippy, native tests, browser tests, release build,
                     size budget and end-to-end tests, stopping at the first failure
  bench [--quick] [--runs N] [--no-build] [--no-lighthouse] [--no-profile]
                     performance benchmark (not part of `test`): release build, asset sizes,
                     load and interaction timings in headless Chromium, generated datasets,
                     Lighthouse, profile; writes target/bench.json and BENCHMARKS.md; the
                     browser part runs N times (3, 1 with --quick), medians reported (about
                     7 minutes plus compiling; --quick about 1.5)
  publish DIR --out OUT [--default ID] [--public-url URL]
                     a static site of the dataset files in DIR: each case's pages at
                     OUT/<case-id>/ (and /zh/, /fr/), the list of cases at OUT/cases/, the
                     main page showing the default case (else the first file by name)
  size               print dist/'s size report against the gzip budget (after a release build)
  harden [DIR]       move Trunk's inline boot script to a file with Subresource Integrity and
                     write the Content-Security-Policy (run by Trunk as a post_build hook on
                     its staging directory; DIR defaults to that, else dist)";

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match run(&args) {
        Ok(true) => ExitCode::SUCCESS,
        Ok(false) => ExitCode::FAILURE,
        Err(e) => {
            eprintln!("xtask: error: {e}");
            ExitCode::FAILURE
        }
    }
}

/// Ok(false) means "ran, but something failed" (already reported).
fn run(args: &[String]) -> Result<bool> {
    let Some((command, rest)) = args.split_first() else {
        eprintln!("{USAGE}");
        return Ok(false);
    };
    match command.as_str() {
        "setup" => {
            no_more_args(command, rest)?;
            tools::setup(&Ctx::new()?)?;
            Ok(true)
        }
        "serve" => {
            let port = parse_port(rest)?;
            serve::serve(&Ctx::new()?, port)?;
            Ok(true)
        }
        "bench" => {
            let options = bench::parse_args(rest)?;
            bench::bench(&Ctx::new()?, &options)
        }
        "test" => {
            no_more_args(command, rest)?;
            Ok(steps::test(&Ctx::new()?))
        }
        "publish" => {
            let options = publish::parse_args(rest)?;
            publish::publish(&Ctx::new()?, &options)?;
            Ok(true)
        }
        "size" => {
            no_more_args(command, rest)?;
            steps::size_report(&Ctx::new()?)?;
            Ok(true)
        }
        "harden" => {
            if rest.len() > 1 {
                bail!("usage: cargo xtask harden [DIR]");
            }
            harden::run(&Ctx::new()?.root, rest.first().map(String::as_str))?;
            Ok(true)
        }
        "help" | "-h" | "--help" => {
            println!("{USAGE}");
            Ok(true)
        }
        other => bail!("unknown command `{other}`\n\n{USAGE}"),
    }
}

fn no_more_args(command: &str, rest: &[String]) -> Result<()> {
    match rest.first() {
        None => Ok(()),
        Some(extra) => bail!("`{command}` takes no argument `{extra}`\n\n{USAGE}"),
    }
}

/// `[--port N]` or `[--port=N]`.
fn parse_port(args: &[String]) -> Result<u16> {
    let value = match args {
        [] => return Ok(DEFAULT_PORT),
        [flag, value] if flag == "--port" => value.as_str(),
        [flag] if flag.starts_with("--port=") => &flag["--port=".len()..],
        _ => bail!("usage: cargo xtask serve [--port N]"),
    };
    match value.parse::<u16>() {
        Ok(port) if port > 0 => Ok(port),
        _ => bail!("`{value}` is not a valid port (1-65535)"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn args(list: &[&str]) -> Vec<String> {
        list.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn port_defaults_and_parses() {
        assert_eq!(parse_port(&args(&[])).unwrap(), DEFAULT_PORT);
        assert_eq!(parse_port(&args(&["--port", "9000"])).unwrap(), 9000);
        assert_eq!(parse_port(&args(&["--port=9001"])).unwrap(), 9001);
    }

    #[test]
    fn bad_ports_are_rejected() {
        assert!(parse_port(&args(&["--port", "0"])).is_err());
        assert!(parse_port(&args(&["--port", "70000"])).is_err());
        assert!(parse_port(&args(&["--port"])).is_err());
        assert!(parse_port(&args(&["9000"])).is_err());
    }
}
