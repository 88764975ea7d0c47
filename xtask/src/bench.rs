//! `cargo xtask bench [--quick] [--runs N] [--no-build] [--no-lighthouse] [--no-profile]`: the performance
//! benchmark (not part of `cargo xtask test`). Builds the release bundle into
//! `target/bench/dist` (not `dist/`, which other commands own), measures its files with
//! [`crate::size`], builds a twin whose wasm keeps its function names for the profile, then runs
//! `tests/bench/run.mjs`: headless Chromium against the bundle served on 127.0.0.1, Lighthouse,
//! traces. Before the browser, the drafter is scored natively on the project's own test texts
//! and on the held-out real texts of `data/cases/` (`cargo run --release --example
//! extract_score`: precision, recall, time for 1 MB).
//! Results go to `target/bench.json` and the results section of `BENCHMARKS.md`.
//!
//! A missed target is reported, not a failure; the command fails only when something could not
//! be measured at all (no build, the app never rendered, ...).

use crate::cmd::Ctx;
use crate::size;
use crate::tools;
use anyhow::{bail, Context, Result};
use std::fs;
use std::time::Instant;

/// Issue 7's target for the gzipped size of everything the browser downloads.
pub const GZIP_TARGET: u64 = 200_000;
/// Where the bench builds and keeps its inputs, relative to the workspace root.
const WORK_DIR: &str = "target/bench";

/// Browser measurements repeated by a full run (each measure is reported as the median of the
/// runs, with their spread); `--quick` makes one.
pub const DEFAULT_RUNS: u32 = 3;

/// `cargo xtask bench`'s options as typed (clap reads and checks them).
#[derive(clap::Args, Debug)]
pub struct Args {
    /// One run, fewer repetitions, one Lighthouse run, no profile (about 3 minutes)
    #[arg(long)]
    quick: bool,
    /// How many times the browser measurements run, 1 to 20 (3; 1 with --quick)
    #[arg(long, value_parser = clap::value_parser!(u32).range(1..=20))]
    runs: Option<u32>,
    /// Measure the last target/bench/dist again
    #[arg(long)]
    no_build: bool,
    /// Skip Lighthouse
    #[arg(long)]
    no_lighthouse: bool,
    /// Trace a build keeping the wasm function names (the default without --quick)
    #[arg(long, overrides_with = "no_profile")]
    profile: bool,
    /// Skip the profile
    #[arg(long, overrides_with = "profile")]
    no_profile: bool,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Options {
    /// Fewer repetitions and no profile: a few minutes instead of about ten.
    pub quick: bool,
    /// Rebuild the release bundle first (off: measure the last `target/bench/dist`).
    pub build: bool,
    pub lighthouse: bool,
    /// Build the named twin and trace it (off by default with `--quick`).
    pub profile: bool,
    /// How many times the browser measurements run (Lighthouse and the profile run once).
    pub runs: u32,
}

impl Args {
    /// What the flags mean together: `--quick` changes the defaults of `--runs` and the profile.
    pub fn options(&self) -> Options {
        let profile = if self.profile {
            true
        } else if self.no_profile {
            false
        } else {
            !self.quick
        };
        Options {
            quick: self.quick,
            build: !self.no_build,
            lighthouse: !self.no_lighthouse,
            profile,
            runs: self
                .runs
                .unwrap_or(if self.quick { 1 } else { DEFAULT_RUNS }),
        }
    }
}

/// The page Trunk builds the profiling twin from: `index.html` moved two folders down (so every
/// relative `href` of a `data-trunk` link gains `../../../`), with wasm-opt told to keep the
/// function names (`-g`), which the release build strips.
pub fn names_index(html: &str) -> Result<String> {
    let mut out = String::with_capacity(html.len() + 128);
    let mut rest = html;
    let mut found_rust = false;
    while let Some(start) = rest.find("<link") {
        out.push_str(&rest[..start]);
        let Some(len) = rest[start..].find('>') else {
            bail!("index.html: a <link> tag is not closed");
        };
        let tag = &rest[start..start + len + 1];
        rest = &rest[start + len + 1..];
        if !tag.contains("data-trunk") {
            out.push_str(tag);
            continue;
        }
        let mut tag = tag.to_string();
        if let Some(at) = tag.find("href=\"") {
            let value_at = at + "href=\"".len();
            let value = &tag[value_at..];
            if !value.starts_with('/') && !value.contains("://") {
                tag.insert_str(value_at, "../../../");
            }
        }
        if tag.contains("rel=\"rust\"") {
            found_rust = true;
            let mut extra = String::new();
            if !tag.contains("href=") {
                extra.push_str(" href=\"../../../Cargo.toml\"");
            }
            // wasm-opt keeps the names with `-g`, added to the page's own parameters if any.
            const PARAMS: &str = "data-wasm-opt-params=\"";
            match tag.find(PARAMS) {
                Some(at) if !tag[at + PARAMS.len()..].starts_with("-g ") => {
                    tag.insert_str(at + PARAMS.len(), "-g ");
                }
                Some(_) => {}
                None => extra.push_str(" data-wasm-opt-params=\"-g\""),
            }
            let close = tag
                .rfind("/>")
                .or_else(|| tag.rfind('>'))
                .unwrap_or(tag.len());
            let before_close = tag[..close].trim_end().len();
            tag.insert_str(before_close, &extra);
        }
        out.push_str(&tag);
    }
    out.push_str(rest);
    if !found_rust {
        bail!("index.html has no <link data-trunk rel=\"rust\"> to build");
    }
    Ok(out)
}

/// Runs the benchmark; Ok(false) when it ran but could not measure something.
pub fn bench(ctx: &Ctx, o: &Options) -> Result<bool> {
    let started = Instant::now();
    let work = ctx.root.join(WORK_DIR);
    fs::create_dir_all(&work).with_context(|| format!("cannot create {}", work.display()))?;
    let dist = work.join("dist");
    let names_dist = work.join("dist-names");

    tools::setup(ctx)?;
    if o.build {
        tools::fetch_crates(ctx)?;
        println!("\nbench: release build into {WORK_DIR}/dist");
        ctx.run(
            tools::trunk_command(ctx)?
                .args(["build", "--release", "--offline", "--dist"])
                .arg(&dist),
        )?;
        if o.profile {
            let index = ctx.root.join("index.html");
            let html = fs::read_to_string(&index)
                .with_context(|| format!("cannot read {}", index.display()))?;
            let names_dir = work.join("names");
            fs::create_dir_all(&names_dir)
                .with_context(|| format!("cannot create {}", names_dir.display()))?;
            let names_index_path = names_dir.join("index.html");
            fs::write(&names_index_path, names_index(&html)?)
                .with_context(|| format!("cannot write {}", names_index_path.display()))?;
            println!("\nbench: the same build keeping the wasm function names, for the profile");
            ctx.run(
                tools::trunk_command(ctx)?
                    .args(["build", "--release", "--offline", "--dist"])
                    .arg(&names_dist)
                    .arg(&names_index_path),
            )?;
        }
    } else if !dist.join("index.html").exists() {
        bail!(
            "{} has no build; run `cargo xtask bench` without --no-build",
            dist.display()
        );
    }

    println!("\nbench: assets of the release build (target: {GZIP_TARGET} bytes gzipped in total)");
    let report = size::measure(&dist, GZIP_TARGET)?;
    print!("{}", report.table());
    let size_json = work.join("size.json");
    fs::write(&size_json, report.to_json())
        .with_context(|| format!("cannot write {}", size_json.display()))?;

    println!(
        "\nbench: the drafter's precision and recall on our own test texts and on held-out real texts, and 1 MB timed"
    );
    let extract_json = work.join("extract.json");
    let _ = fs::remove_file(&extract_json);
    let scored = ctx.run(
        ctx.command("cargo")
            .args([
                "run",
                "--quiet",
                "--release",
                "--example",
                "extract_score",
                "--",
                "--json",
            ])
            .arg(&extract_json),
    );
    if let Err(e) = &scored {
        eprintln!("xtask: the drafter could not be scored: {e}");
    }

    let mut node = ctx.command("node");
    node.arg("tests/bench/run.mjs")
        .arg("--dist")
        .arg(&dist)
        .arg("--size")
        .arg(&size_json)
        .args(["--out", "target/bench.json", "--markdown", "BENCHMARKS.md"])
        .args(["--runs", &o.runs.to_string()]);
    if extract_json.exists() {
        node.arg("--extract").arg(&extract_json);
    }
    if o.quick {
        node.arg("--quick");
    }
    if !o.lighthouse {
        node.arg("--no-lighthouse");
    }
    if o.profile && names_dist.join("index.html").exists() {
        node.arg("--profile-dist").arg(&names_dist);
    }
    let measured = ctx.run(&mut node);
    let took = started.elapsed().as_secs_f64();
    println!("\nbench: finished in {took:.0} s (build included)");
    match measured.and(scored) {
        Ok(()) => Ok(true),
        Err(e) => {
            eprintln!("xtask: bench could not measure everything: {e}");
            Ok(false)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The options `cargo xtask bench ARGS` runs with, or clap's refusal.
    fn parse_args(list: &[&str]) -> Result<Options, clap::Error> {
        #[derive(clap::Parser)]
        struct Bench {
            #[command(flatten)]
            args: Args,
        }
        let argv = std::iter::once("bench").chain(list.iter().copied());
        <Bench as clap::Parser>::try_parse_from(argv).map(|b| b.args.options())
    }

    fn args<'a>(list: &'a [&'a str]) -> &'a [&'a str] {
        list
    }

    #[test]
    fn options_default_to_a_full_run() {
        let o = parse_args(args(&[])).unwrap();
        assert_eq!(
            o,
            Options {
                quick: false,
                build: true,
                lighthouse: true,
                profile: true,
                runs: 3
            }
        );
    }

    #[test]
    fn runs_default_to_three_or_one_when_quick_and_can_be_chosen() {
        assert_eq!(parse_args(args(&["--quick"])).unwrap().runs, 1);
        assert_eq!(parse_args(args(&["--runs", "5"])).unwrap().runs, 5);
        assert_eq!(
            parse_args(args(&["--runs", "2", "--quick"])).unwrap().runs,
            2
        );
        for bad in [
            &["--runs"][..],
            &["--runs", "0"],
            &["--runs", "x"],
            &["--runs", "99"],
        ] {
            assert!(parse_args(args(bad)).is_err(), "{bad:?}");
        }
    }

    #[test]
    fn quick_skips_the_profile_unless_asked() {
        assert!(!parse_args(args(&["--quick"])).unwrap().profile);
        assert!(parse_args(args(&["--quick", "--profile"])).unwrap().profile);
        let o = parse_args(args(&["--no-build", "--no-lighthouse", "--no-profile"])).unwrap();
        assert!(!o.build && !o.lighthouse && !o.profile && !o.quick);
        assert!(parse_args(args(&["--fast"])).is_err());
    }

    #[test]
    fn names_index_moves_hrefs_and_keeps_names() {
        let html = r#"<head>
    <link rel="icon" href="data:," />
    <link data-trunk rel="rust" data-bin="app" data-wasm-opt="z" />
    <link data-trunk rel="css" href="static/style.css" />
    <link data-trunk rel="copy-file" href="/abs.txt" />
</head>"#;
        let out = names_index(html).unwrap();
        assert!(
            out.contains(r#"<link rel="icon" href="data:," />"#),
            "{out}"
        );
        assert!(
            out.contains(r#"<link data-trunk rel="rust" data-bin="app" data-wasm-opt="z" href="../../../Cargo.toml" data-wasm-opt-params="-g" />"#),
            "{out}"
        );
        assert!(out.contains(r#"href="../../../static/style.css""#), "{out}");
        assert!(out.contains(r#"href="/abs.txt""#), "{out}");
    }

    #[test]
    fn names_index_adds_g_to_the_pages_own_wasm_opt_params() {
        let html = r#"<link data-trunk rel="rust" data-wasm-opt="z" data-wasm-opt-params="--flatten -Oz" />"#;
        let out = names_index(html).unwrap();
        assert!(
            out.contains(r#"data-wasm-opt-params="-g --flatten -Oz""#),
            "{out}"
        );
        assert_eq!(out.matches("data-wasm-opt-params").count(), 1, "{out}");
    }

    #[test]
    fn names_index_needs_a_rust_link() {
        assert!(names_index("<link data-trunk rel=\"css\" href=\"a.css\">").is_err());
    }
}
