//! `cargo xtask test`: every check in order, each timed, stopping at the first failure.

use crate::cmd::Ctx;
use crate::size;
use crate::tools::{self, CHROMEDRIVER, WASM_TARGET};
use anyhow::{bail, Context, Result};
use std::fs;
use std::time::{Duration, Instant};

const APP_PACKAGE: &str = "case-explorer";
/// Seconds one wasm-bindgen browser test run may take (the default, 20 s, is tight on 2 cores).
const BROWSER_TEST_TIMEOUT_SECS: &str = "300";

struct Step {
    name: &'static str,
    run: fn(&Ctx) -> Result<()>,
}

const STEPS: [Step; 8] = [
    Step {
        name: "setup",
        run: setup,
    },
    Step {
        name: "fmt",
        run: fmt,
    },
    Step {
        name: "clippy",
        run: clippy,
    },
    Step {
        name: "native tests",
        run: native_tests,
    },
    Step {
        name: "browser tests",
        run: browser_tests,
    },
    Step {
        name: "trunk build",
        run: trunk_build,
    },
    Step {
        name: "size budget",
        run: size_budget,
    },
    Step {
        name: "e2e",
        run: e2e,
    },
];

enum Outcome {
    Passed(Duration),
    Failed(Duration, String),
    NotRun,
}

/// Runs all steps; returns whether every one passed.
pub fn test(ctx: &Ctx) -> bool {
    let total = STEPS.len();
    let mut outcomes: Vec<Outcome> = Vec::with_capacity(total);
    for (i, step) in STEPS.iter().enumerate() {
        if outcomes.iter().any(|o| matches!(o, Outcome::Failed(..))) {
            outcomes.push(Outcome::NotRun);
            continue;
        }
        println!("\n==> [{}/{total}] {}", i + 1, step.name);
        let start = Instant::now();
        let result = (step.run)(ctx);
        let took = start.elapsed();
        match result {
            Ok(()) => {
                println!("<== {} passed in {}", step.name, secs(took));
                outcomes.push(Outcome::Passed(took));
            }
            Err(e) => {
                eprintln!(
                    "\nxtask: step `{}` FAILED after {}: {e}",
                    step.name,
                    secs(took)
                );
                outcomes.push(Outcome::Failed(took, e.to_string()));
            }
        }
    }
    print_summary(&outcomes)
}

fn print_summary(outcomes: &[Outcome]) -> bool {
    println!("\nstep summary:");
    let (mut passed, mut failed) = (0, 0);
    for (step, outcome) in STEPS.iter().zip(outcomes) {
        match outcome {
            Outcome::Passed(t) => {
                passed += 1;
                println!("  {:<14} passed   {:>9}", step.name, secs(*t));
            }
            Outcome::Failed(t, why) => {
                failed += 1;
                println!("  {:<14} FAILED   {:>9}   {why}", step.name, secs(*t));
            }
            Outcome::NotRun => println!("  {:<14} not run", step.name),
        }
    }
    println!("{passed} passed, {failed} failed");
    failed == 0
}

fn secs(d: Duration) -> String {
    format!("{:.1} s", d.as_secs_f64())
}

fn setup(ctx: &Ctx) -> Result<()> {
    tools::setup(ctx)
}

fn fmt(ctx: &Ctx) -> Result<()> {
    ctx.run(ctx.command("cargo").args(["fmt", "--all", "--check"]))
        .context("run `cargo fmt --all` to fix")
}

fn clippy(ctx: &Ctx) -> Result<()> {
    ctx.run(ctx.command("cargo").args([
        "clippy",
        "--workspace",
        "--all-targets",
        "--",
        "-D",
        "warnings",
    ]))?;
    ctx.run(ctx.command("cargo").args([
        "clippy",
        "-p",
        APP_PACKAGE,
        "--target",
        WASM_TARGET,
        "--all-targets",
        "--",
        "-D",
        "warnings",
    ]))
}

fn native_tests(ctx: &Ctx) -> Result<()> {
    ctx.run(ctx.command("cargo").args(["test", "--workspace"]))
}

/// wasm-bindgen-test in headless Chromium (flags from webdriver.json in the crate root).
fn browser_tests(ctx: &Ctx) -> Result<()> {
    ctx.run(
        ctx.command("cargo")
            .args(["test", "-p", APP_PACKAGE, "--target", WASM_TARGET])
            .env("CHROMEDRIVER", CHROMEDRIVER)
            .env("WASM_BINDGEN_TEST_TIMEOUT", BROWSER_TEST_TIMEOUT_SECS),
    )
}

fn trunk_build(ctx: &Ctx) -> Result<()> {
    tools::fetch_crates(ctx)?;
    ctx.run(tools::trunk_command(ctx)?.args(["build", "--release", "--offline"]))
}

/// The size step on its own: `cargo xtask size`.
pub fn size_report(ctx: &Ctx) -> Result<()> {
    size_budget(ctx)
}

fn size_budget(ctx: &Ctx) -> Result<()> {
    let report = size::measure(&ctx.root.join("dist"), size::GZIP_BUDGET)?;
    print!("{}", report.table());
    let target = ctx.root.join("target");
    fs::create_dir_all(&target).with_context(|| format!("cannot create {}", target.display()))?;
    let json_path = target.join("size.json");
    fs::write(&json_path, report.to_json())
        .with_context(|| format!("cannot write {}", json_path.display()))?;
    println!("wrote {}", json_path.display());
    if !report.within_budget() {
        let apart: Vec<String> = size::OnDemand::ALL
            .iter()
            .map(|&o| {
                format!(
                    "the {} {} (budget {})",
                    o.key(),
                    report.on_demand_gzip(o),
                    o.budget()
                )
            })
            .collect();
        bail!(
            "over budget: a reader's files are {} bytes gzipped (budget {}); {}",
            report.reader_gzip(),
            report.budget,
            apart.join(", ")
        );
    }
    Ok(())
}

/// Node's test runner over tests/e2e/ against the release build in dist/, and the benchmark's
/// own unit tests (its dataset generator, statistics and report; no browser).
fn e2e(ctx: &Ctx) -> Result<()> {
    ctx.run(
        ctx.command("node")
            .args(["--test", "tests/e2e/", "tests/bench/bench.test.mjs"])
            .env("DIST_DIR", ctx.root.join("dist")),
    )
}
