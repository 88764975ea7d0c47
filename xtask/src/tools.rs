//! `cargo xtask setup`: make sure every tool the build and tests need is installed.
//! Idempotent: each check is cheap and skips what is already present.

use crate::cmd::Ctx;
use crate::manifest;
use anyhow::{bail, Context, Result};
use std::fs;
use std::path::Path;
use std::process::Command;
use std::time::SystemTime;

pub const WASM_TARGET: &str = "wasm32-unknown-unknown";
pub const TRUNK_VERSION: &str = "0.21.14";
pub const MIN_NODE_MAJOR: u32 = 20;
pub const CHROMIUM: &str = "/usr/bin/chromium";
pub const CHROMEDRIVER: &str = "/usr/bin/chromedriver";
const CJK_FONT: &str = "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc";
const APT_PACKAGES: [&str; 3] = ["chromium", "chromium-driver", "fonts-noto-cjk"];

/// Checks and installs every tool, one status line each.
pub fn setup(ctx: &Ctx) -> Result<()> {
    let wasm_bindgen = locked_wasm_bindgen(ctx)?;
    check_trunk_toml(ctx, &wasm_bindgen)?;
    wasm_target(ctx)?;
    trunk(ctx)?;
    wasm_bindgen_cli(ctx, &wasm_bindgen)?;
    node(ctx)?;
    node_tools(ctx)?;
    browser(ctx)?;
    Ok(())
}

/// The `wasm-bindgen` version in Cargo.lock: the CLI and trunk must use exactly this one.
pub fn locked_wasm_bindgen(ctx: &Ctx) -> Result<String> {
    manifest::locked_version_in(&ctx.root.join("Cargo.lock"), "wasm-bindgen")
}

/// Downloads any crate the build needs: `trunk --offline` also passes `--offline` to cargo,
/// so a dependency added since the last build would otherwise fail to resolve.
pub fn fetch_crates(ctx: &Ctx) -> Result<()> {
    ctx.run(ctx.command("cargo").args(["fetch", "--quiet"]))
}

/// A `trunk` command that uses the tools on the project PATH, with the wasm-bindgen
/// version taken from Cargo.lock (trunk reads `TRUNK_TOOLS_WASM_BINDGEN`).
pub fn trunk_command(ctx: &Ctx) -> Result<Command> {
    let mut cmd = ctx.command("trunk");
    cmd.env("TRUNK_TOOLS_WASM_BINDGEN", locked_wasm_bindgen(ctx)?);
    Ok(cmd)
}

fn report(tool: &str, state: &str) {
    println!("setup: {tool:<50} {state}");
}

/// Trunk.toml must not pin a wasm-bindgen other than the lock file's, and must name the
/// wasm-opt version that `tools/` provides.
fn check_trunk_toml(ctx: &Ctx, locked: &str) -> Result<()> {
    let path = ctx.root.join("Trunk.toml");
    let text =
        fs::read_to_string(&path).with_context(|| format!("cannot read {}", path.display()))?;
    let in_file = |key| {
        manifest::toml_string(&text, "tools", key).with_context(|| path.display().to_string())
    };
    if let Some(pinned) = in_file("wasm_bindgen")? {
        if pinned != locked {
            bail!(
                "Trunk.toml pins [tools] wasm_bindgen = \"{pinned}\" but Cargo.lock has \
                 wasm-bindgen {locked}; make them equal (or drop the Trunk.toml entry: \
                 xtask passes the lock file's version to trunk)"
            );
        }
    }
    if in_file("wasm_opt")?.is_none() {
        bail!("Trunk.toml lacks [tools] wasm_opt = \"version_NNN\"; trunk would try to download wasm-opt");
    }
    report(
        &format!("Trunk.toml tools (wasm-bindgen {locked})"),
        "consistent",
    );
    Ok(())
}

fn wasm_target(ctx: &Ctx) -> Result<()> {
    let label = format!("rust target {WASM_TARGET}");
    if ctx.which("rustup").is_none() {
        bail!("`rustup` not found on PATH; install rustup and stable Rust first");
    }
    let installed = ctx
        .probe("rustup", &["target", "list", "--installed"])
        .unwrap_or_default();
    if installed.lines().any(|t| t.trim() == WASM_TARGET) {
        report(&label, "present");
        return Ok(());
    }
    ctx.run(ctx.command("rustup").args(["target", "add", WASM_TARGET]))?;
    report(&label, "installed");
    Ok(())
}

/// The second word of `NAME VERSION ...` output, e.g. `trunk 0.21.14`.
fn version_word(output: &str) -> Option<&str> {
    output.split_whitespace().nth(1)
}

fn trunk(ctx: &Ctx) -> Result<()> {
    let label = format!("trunk {TRUNK_VERSION}");
    let found = ctx.probe("trunk", &["--version"]);
    if found.as_deref().and_then(version_word) == Some(TRUNK_VERSION) {
        report(&label, "present");
        return Ok(());
    }
    if let Some(other) = &found {
        println!("setup: found `{other}`, replacing it with trunk {TRUNK_VERSION}");
    }
    println!(
        "setup: compiling trunk {TRUNK_VERSION} (about 15 minutes on 2 cores, once per machine)"
    );
    ctx.run(ctx.command("cargo").args([
        "install",
        "trunk",
        "--version",
        TRUNK_VERSION,
        "--locked",
    ]))?;
    report(&label, "installed");
    Ok(())
}

fn wasm_bindgen_cli(ctx: &Ctx, version: &str) -> Result<()> {
    let label = format!("wasm-bindgen-cli {version}");
    let cli = ctx.probe("wasm-bindgen", &["--version"]);
    let runner = ctx.which("wasm-bindgen-test-runner").is_some();
    if runner && cli.as_deref().and_then(version_word) == Some(version) {
        report(&label, "present");
        return Ok(());
    }
    if let Some(other) = &cli {
        println!("setup: found `{other}`, Cargo.lock wants wasm-bindgen {version}");
    }
    // No --locked: one of its locked dependencies is missing from the registry mirror.
    ctx.run(ctx.command("cargo").args([
        "install",
        "wasm-bindgen-cli",
        "--version",
        version,
        "--force",
    ]))?;
    report(&label, "installed");
    Ok(())
}

fn node(ctx: &Ctx) -> Result<()> {
    let Some(version) = ctx.probe("node", &["--version"]) else {
        bail!("`node` not found on PATH; install Node.js {MIN_NODE_MAJOR} or newer (Debian: apt-get install nodejs)");
    };
    let major = version
        .trim_start_matches('v')
        .split('.')
        .next()
        .and_then(|m| m.parse::<u32>().ok());
    match major {
        Some(m) if m >= MIN_NODE_MAJOR => {
            report(&format!("node {version}"), "present");
            Ok(())
        }
        _ => {
            bail!("node {version} is too old; the e2e tests need Node.js {MIN_NODE_MAJOR} or newer")
        }
    }
}

/// `npm ci` in tools/ when node_modules is missing or older than package-lock.json.
fn node_tools(ctx: &Ctx) -> Result<()> {
    let tools = ctx.root.join("tools");
    let lock = tools.join("package-lock.json");
    // npm writes this hidden lock file on every install: its age is the install's age.
    let installed_marker = tools.join("node_modules/.package-lock.json");
    let label = "node tools (binaryen, playwright-core, axe-core)";
    let lock_time = mtime(&lock)?;
    let fresh = installed_marker.exists()
        && mtime(&installed_marker)? >= lock_time
        && tools.join("node_modules/.bin/wasm-opt").exists();
    let state = if fresh {
        "present"
    } else {
        ctx.run(
            ctx.command("npm")
                .args(["ci", "--no-audit", "--no-fund"])
                .current_dir(&tools),
        )?;
        "installed"
    };
    let Some(wasm_opt) = ctx.probe("wasm-opt", &["--version"]) else {
        bail!("tools/node_modules/.bin/wasm-opt does not run after npm ci");
    };
    report(label, &format!("{state} ({wasm_opt})"));
    Ok(())
}

fn mtime(path: &Path) -> Result<SystemTime> {
    path.metadata()
        .and_then(|m| m.modified())
        .with_context(|| format!("cannot read the modification time of {}", path.display()))
}

/// Debian's Chromium, its matching chromedriver and CJK fonts for the chart labels.
fn browser(ctx: &Ctx) -> Result<()> {
    let label = "chromium, chromium-driver, fonts-noto-cjk";
    let missing: Vec<&str> = [CHROMIUM, CHROMEDRIVER, CJK_FONT]
        .into_iter()
        .filter(|p| !Path::new(p).exists())
        .collect();
    if missing.is_empty() {
        report(label, "present");
        return Ok(());
    }
    let uid = ctx.probe("id", &["-u"]).unwrap_or_default();
    if uid != "0" {
        bail!(
            "missing {}; installing them needs root. Run as root: \
             apt-get update && apt-get install -y {}",
            missing.join(", "),
            APT_PACKAGES.join(" ")
        );
    }
    ctx.run(ctx.command("apt-get").arg("update"))?;
    ctx.run(
        ctx.command("apt-get")
            .env("DEBIAN_FRONTEND", "noninteractive")
            .args(["install", "-y"])
            .args(APT_PACKAGES),
    )?;
    report(label, "installed");
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::version_word;

    #[test]
    fn version_word_reads_tool_banners() {
        assert_eq!(version_word("trunk 0.21.14"), Some("0.21.14"));
        assert_eq!(version_word("wasm-bindgen 0.2.130"), Some("0.2.130"));
        assert_eq!(version_word("weird"), None);
    }
}
