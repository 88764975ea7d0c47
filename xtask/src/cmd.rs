//! Running child processes with the project's PATH and clear error messages.

use anyhow::{bail, Context, Result};
use std::env;
use std::ffi::OsString;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

/// Where the project lives and the environment every child process gets.
pub struct Ctx {
    /// Workspace root (the directory holding the root `Cargo.toml`).
    pub root: PathBuf,
    /// `PATH` with `~/.cargo/bin` and `tools/node_modules/.bin` in front.
    path_var: OsString,
}

impl Ctx {
    pub fn new() -> Result<Self> {
        // `cargo run` sets CARGO_MANIFEST_DIR at run time; prefer it over the compile-time
        // value, which goes stale when the workspace is copied together with target/.
        let xtask_dir = env::var_os("CARGO_MANIFEST_DIR")
            .map(PathBuf::from)
            .unwrap_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")));
        let root = match xtask_dir.parent() {
            Some(root) => root.to_path_buf(),
            None => bail!(
                "cannot locate the workspace root above {}",
                xtask_dir.display()
            ),
        };
        let mut dirs = vec![cargo_bin_dir()?, root.join("tools/node_modules/.bin")];
        if let Some(existing) = env::var_os("PATH") {
            dirs.extend(env::split_paths(&existing));
        }
        let path_var = env::join_paths(dirs).with_context(|| "cannot build PATH".to_string())?;
        Ok(Ctx { root, path_var })
    }

    /// A command for `program` (looked up on the project PATH), run from the workspace root.
    pub fn command(&self, program: &str) -> Command {
        let resolved = self
            .which(program)
            .unwrap_or_else(|| PathBuf::from(program));
        let mut cmd = Command::new(resolved);
        cmd.current_dir(&self.root).env("PATH", &self.path_var);
        cmd
    }

    /// Full path of `program` on the project PATH, if it is there.
    pub fn which(&self, program: &str) -> Option<PathBuf> {
        env::split_paths(&self.path_var)
            .map(|dir| dir.join(program))
            .find(|candidate| is_executable(candidate))
    }

    /// Runs `cmd` with inherited stdio; fails unless it exits with status 0.
    pub fn run(&self, cmd: &mut Command) -> Result<()> {
        let shown = display(cmd);
        println!("$ {shown}");
        let status = cmd
            .status()
            .with_context(|| format!("cannot start `{shown}`"))?;
        if !status.success() {
            bail!("`{shown}` failed ({status})");
        }
        Ok(())
    }

    /// Runs `program args` quietly and returns its trimmed stdout, or `None` when the
    /// program is missing or exits non-zero (used for version probes).
    pub fn probe(&self, program: &str, args: &[&str]) -> Option<String> {
        self.which(program)?;
        let out = self
            .command(program)
            .args(args)
            .stdin(Stdio::null())
            .stderr(Stdio::null())
            .output()
            .ok()?;
        out.status
            .success()
            .then(|| String::from_utf8_lossy(&out.stdout).trim().to_string())
    }
}

/// `$CARGO_HOME/bin`, or `~/.cargo/bin`.
fn cargo_bin_dir() -> Result<PathBuf> {
    if let Some(home) = env::var_os("CARGO_HOME") {
        return Ok(PathBuf::from(home).join("bin"));
    }
    match env::var_os("HOME") {
        Some(home) => Ok(PathBuf::from(home).join(".cargo/bin")),
        None => bail!("neither CARGO_HOME nor HOME is set; cannot find cargo's bin directory"),
    }
}

fn is_executable(path: &Path) -> bool {
    use std::os::unix::fs::PermissionsExt;
    path.metadata()
        .map(|m| m.is_file() && m.permissions().mode() & 0o111 != 0)
        .unwrap_or(false)
}

/// `program arg arg`, for logs and error messages.
pub fn display(cmd: &Command) -> String {
    let program = Path::new(cmd.get_program())
        .file_name()
        .unwrap_or(cmd.get_program())
        .to_string_lossy()
        .into_owned();
    std::iter::once(program)
        .chain(cmd.get_args().map(|a| a.to_string_lossy().into_owned()))
        .collect::<Vec<_>>()
        .join(" ")
}
