//! `cargo xtask publish DIR --out OUT [--default ID] [--public-url URL]`: a static site of the
//! cases in DIR (every `*.json` dataset file): the release build of the app with each case's pages
//! prerendered (src/bin/prerender.rs, src/site.rs). The folder is checked first, so a malformed
//! file stops the command with its problems listed before anything is built.

use crate::cmd::Ctx;
use crate::tools;
use anyhow::{bail, Context, Result};
use std::path::{Path, PathBuf};
use std::process::Command;

/// Read by the prerender (src/site.rs).
const CASES_ENV: &str = "EXPLORER_CASES";
const DEFAULT_ENV: &str = "EXPLORER_DEFAULT_CASE";

/// `cargo xtask publish`'s options (clap reads and checks them).
#[derive(clap::Args, Debug, PartialEq, Eq)]
pub struct Options {
    /// The folder of dataset files (every `*.json` in it is a case)
    pub cases: PathBuf,
    /// Where to write the site
    #[arg(long)]
    pub out: PathBuf,
    /// The case the main page shows (else the first file by name)
    #[arg(long, value_name = "CASE-ID")]
    pub default: Option<String>,
    /// The address the site is served from, when not the host's root
    #[arg(long, value_name = "URL")]
    pub public_url: Option<String>,
}

fn absolute(ctx: &Ctx, p: &Path) -> PathBuf {
    if p.is_absolute() {
        p.to_path_buf()
    } else {
        std::env::current_dir()
            .unwrap_or_else(|_| ctx.root.clone())
            .join(p)
    }
}

fn with_cases(cmd: &mut Command, cases: &Path, default: Option<&str>) {
    cmd.env(CASES_ENV, cases);
    match default {
        Some(id) => cmd.env(DEFAULT_ENV, id),
        None => cmd.env_remove(DEFAULT_ENV),
    };
}

pub fn publish(ctx: &Ctx, o: &Options) -> Result<()> {
    let cases = absolute(ctx, &o.cases);
    if !cases.is_dir() {
        bail!("{} is not a folder of dataset files", cases.display());
    }
    let out = absolute(ctx, &o.out);
    // Checked before the build: each problem with its file, nothing written.
    let mut check = ctx.command("cargo");
    check.args(["run", "--quiet", "--bin", "prerender", "--", "--check"]);
    with_cases(&mut check, &cases, o.default.as_deref());
    ctx.run(&mut check)
        .with_context(|| format!("the cases in {} cannot be published", cases.display()))?;
    tools::setup(ctx)?;
    tools::fetch_crates(ctx)?;
    let mut build = tools::trunk_command(ctx)?;
    build.args(["build", "--release", "--offline", "--dist"]);
    build.arg(&out);
    if let Some(url) = &o.public_url {
        build.args(["--public-url", url]);
    }
    with_cases(&mut build, &cases, o.default.as_deref());
    ctx.run(&mut build)?;
    println!(
        "\nxtask: the site is in {}: copy the folder to any static host (the main page is \
         index.html, the list of cases cases/index.html)",
        out.display()
    );
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The options `cargo xtask publish ARGS` runs with, or clap's refusal.
    fn parse_args(list: &[&str]) -> Result<Options, clap::Error> {
        #[derive(clap::Parser)]
        struct Publish {
            #[command(flatten)]
            options: Options,
        }
        let argv = std::iter::once("publish").chain(list.iter().copied());
        <Publish as clap::Parser>::try_parse_from(argv).map(|p| p.options)
    }

    fn args<'a>(list: &'a [&'a str]) -> &'a [&'a str] {
        list
    }

    #[test]
    fn reads_the_folder_and_options() {
        let o = parse_args(args(&["cases", "--out", "site", "--default", "a-1"])).unwrap();
        assert_eq!(o.cases, PathBuf::from("cases"));
        assert_eq!(o.out, PathBuf::from("site"));
        assert_eq!(o.default.as_deref(), Some("a-1"));
        assert_eq!(o.public_url, None);
    }

    #[test]
    fn refuses_what_is_missing_or_unknown() {
        assert!(parse_args(args(&["cases"])).is_err());
        assert!(parse_args(args(&["--out", "site"])).is_err());
        assert!(parse_args(args(&["a", "b", "--out", "site"])).is_err());
        assert!(parse_args(args(&["a", "--out"])).is_err());
        assert!(parse_args(args(&["a", "--out", "s", "--fast"])).is_err());
    }
}
