//! `cargo xtask harden [DIR]`: make the built page pass a strict Content-Security-Policy.
//!
//! Trunk 0.21 boots the wasm with an inline `<script type="module">`, which a policy without
//! `'unsafe-inline'` refuses. Trunk runs this step as a `post_build` hook (Trunk.toml) on its
//! staging directory, so `trunk build` and `trunk serve` both get it, and `cargo xtask test` checks
//! the result. It
//!
//! 1. moves the inline boot script into `boot-<hash>.js`, loaded with Subresource Integrity;
//! 2. makes the boot script fetch the wasm with the integrity of the file in DIR, once the page
//!    has loaded (the page is prerendered: the wasm need not compete with its stylesheet and
//!    images), and drops Trunk's preload of the wasm;
//! 3. writes the policy as the first thing in `<head>` (a `<meta http-equiv>`, so any static
//!    host applies it): nothing loads from another origin, no inline script or style, wasm
//!    compiles (`'wasm-unsafe-eval'`), DOM sinks take no strings (Trusted Types), and workers
//!    come from the page's own origin (`worker-src 'self'`: the drafting worker);
//! 4. makes the drafting worker's loader (`draft-worker_loader.js`, Trunk's loader shim) fetch
//!    the worker's wasm with its integrity. The worker's own script cannot carry one: neither
//!    `new Worker()` nor `importScripts()` takes an integrity (see ARCHITECTURE.md).
//!
//! Under `trunk serve` Trunk adds an inline auto-reload script whose text it rewrites per request,
//! so it cannot be hashed ahead: when one is found the policy is relaxed for development only
//! (`'unsafe-inline'` scripts, websockets, no Trusted Types) and says so on the console.
//!
//! Then it writes the prerendered pages (`cargo run --bin prerender`, src/prerender.rs). The page
//! is read and rewritten with an HTML rewriter (`lol_html`), not by searching its text; the boot
//! script's own text (JavaScript from Trunk's template) is edited as text. Running it twice
//! changes nothing.

use anyhow::{bail, Context, Result};
use base64::Engine;
use sha2::{Digest, Sha384};
use std::cell::{Cell, RefCell};
use std::fs;
use std::path::Path;

/// The policy of the release page.
pub const CSP: &str = "default-src 'none'; script-src 'self' 'wasm-unsafe-eval'; \
worker-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; connect-src 'self'; manifest-src 'self'; \
base-uri 'none'; form-action 'none'; object-src 'none'; require-trusted-types-for 'script'";

/// The policy under `trunk serve`: Trunk's auto-reload script is inline and talks websocket.
pub const DEV_CSP: &str =
    "default-src 'none'; script-src 'self' 'wasm-unsafe-eval' 'unsafe-inline'; \
worker-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; connect-src 'self' ws: wss:; \
manifest-src 'self'; base-uri 'none'; form-action 'none'; object-src 'none'";

const CSP_MARK: &str = "http-equiv=\"Content-Security-Policy\"";

/// The page is prerendered and reads without the app, so the wasm is fetched once the page has
/// loaded (its stylesheet and chart images first), not in competition with them.
const WAIT_FOR_LOAD: &str = "if (document.readyState !== 'complete') await new Promise((r) => addEventListener('load', r, { once: true }));\n";

/// `sha384-…` of some bytes, as an `integrity` attribute wants it.
pub fn sri(bytes: &[u8]) -> String {
    let digest = Sha384::digest(bytes);
    format!(
        "sha384-{}",
        base64::engine::general_purpose::STANDARD.encode(digest)
    )
}

/// What `harden` did.
#[derive(Debug, PartialEq, Eq)]
pub enum Outcome {
    Hardened { boot: String, dev: bool },
    AlreadyDone,
}

/// An inline `<script>` (no `src`): its `type` and its text.
#[derive(Debug)]
struct Inline {
    module: bool,
    body: String,
}

/// What the built page holds that `harden` acts on, read with an HTML rewriter.
#[derive(Debug, Default)]
struct Scan {
    scripts: Vec<Inline>,
    policy: bool,
    charset: bool,
}

fn scan(html: &str) -> Result<Scan> {
    use lol_html::{element, rewrite_str, text, RewriteStrSettings};
    let found = RefCell::new(Scan::default());
    rewrite_str(
        html,
        RewriteStrSettings {
            element_content_handlers: vec![
                element!("script:not([src])", |el| {
                    let module = el.get_attribute("type").as_deref() == Some("module");
                    found.borrow_mut().scripts.push(Inline {
                        module,
                        body: String::new(),
                    });
                    Ok(())
                }),
                text!("script:not([src])", |t| {
                    if let Some(last) = found.borrow_mut().scripts.last_mut() {
                        last.body.push_str(t.as_str());
                    }
                    Ok(())
                }),
                element!("meta[http-equiv=Content-Security-Policy i]", |_| {
                    found.borrow_mut().policy = true;
                    Ok(())
                }),
                element!("head > meta[charset]", |_| {
                    found.borrow_mut().charset = true;
                    Ok(())
                }),
            ],
            ..RewriteStrSettings::new()
        },
    )
    .context("cannot read the built page as HTML")?;
    Ok(found.into_inner())
}

/// The text between `prefix` and the next `'` after it.
fn quoted_after<'a>(text: &'a str, prefix: &str) -> Option<(usize, &'a str)> {
    let i = text.find(prefix)? + prefix.len();
    let len = text[i..].find('\'')?;
    Some((i, &text[i..i + len]))
}

pub fn harden(dir: &Path) -> Result<Outcome> {
    let index = dir.join("index.html");
    let html =
        fs::read_to_string(&index).with_context(|| format!("cannot read {}", index.display()))?;
    let found = scan(&html)?;
    if found.policy {
        return Ok(Outcome::AlreadyDone);
    }
    let Some(boot_at) = found.scripts.iter().position(|s| s.module) else {
        bail!(
            "{}: no inline `<script type=\"module\">` from Trunk to move out; did Trunk's output change?",
            index.display()
        );
    };
    let boot = &found.scripts[boot_at].body;
    // Anything else inline is Trunk's auto-reload script: a development server.
    let dev = found.scripts.len() > 1;

    // The module import gives the public URL the assets are served under.
    let Some((_, js_url)) = quoted_after(boot, "from '") else {
        bail!("the boot script imports no module: {}", boot.trim());
    };
    let base = &js_url[..js_url.rfind('/').map_or(0, |i| i + 1)];
    let Some((at, wasm_url)) = quoted_after(boot, "module_or_path: '") else {
        bail!(
            "the boot script does not pass `module_or_path: '…'` to init; did Trunk or wasm-bindgen change? {}",
            boot.trim()
        );
    };
    let wasm_name = &wasm_url[wasm_url.rfind('/').map_or(0, |i| i + 1)..];
    let wasm_path = dir.join(wasm_name);
    let wasm =
        fs::read(&wasm_path).with_context(|| format!("cannot read {}", wasm_path.display()))?;
    let quote_start = at - 1;
    let quote_end = at + wasm_url.len() + 1;
    // The statement that calls `init` starts at the line holding it.
    let Some(init_at) = boot[..quote_start].rfind("await init(") else {
        bail!("the boot script does not `await init(`: {}", boot.trim());
    };
    let statement = boot[..init_at].rfind('\n').map_or(0, |i| i + 1);
    let mut body = String::with_capacity(boot.len() + 256);
    body.push_str(boot[..statement].trim_start());
    body.push_str(WAIT_FOR_LOAD);
    body.push_str(&boot[statement..quote_start]);
    body.push_str(&format!(
        "new Request('{wasm_url}', {{ integrity: '{}' }})",
        sri(&wasm)
    ));
    body.push_str(boot[quote_end..].trim_end());
    body.push('\n');

    let digest = Sha384::digest(body.as_bytes());
    let hex: String = digest[..8].iter().map(|b| format!("{b:02x}")).collect();
    let boot_name = format!("boot-{hex}.js");
    let boot_path = dir.join(&boot_name);
    fs::write(&boot_path, &body)
        .with_context(|| format!("cannot write {}", boot_path.display()))?;

    let tag = format!(
        "<script type=\"module\" src=\"{base}{boot_name}\" integrity=\"{}\" crossorigin=\"anonymous\"></script>",
        sri(body.as_bytes())
    );
    let policy = if dev { DEV_CSP } else { CSP };
    let meta = format!("\n    <meta {CSP_MARK} content=\"{policy}\" />");
    let out = rewrite(&html, &found, boot_at, &tag, &meta, wasm_name)?;
    fs::write(&index, out).with_context(|| format!("cannot write {}", index.display()))?;
    worker_integrity(dir)?;
    Ok(Outcome::Hardened {
        boot: boot_name,
        dev,
    })
}

/// The drafting worker's loader, written by Trunk (`data-loader-shim`).
pub const WORKER_LOADER: &str = "draft-worker_loader.js";

/// Makes the worker's loader fetch the worker's wasm with its integrity. Trunk's loader is one
/// line, `importScripts("./X.js");wasm_bindgen("./X_bg.wasm");`; anything else is an error, and a
/// build without a worker has nothing to do.
fn worker_integrity(dir: &Path) -> Result<()> {
    let path = dir.join(WORKER_LOADER);
    let Ok(loader) = fs::read_to_string(&path) else {
        return Ok(());
    };
    let plain = loader.replace('"', "'");
    let Some((at, wasm_url)) = quoted_after(&plain, "wasm_bindgen('") else {
        bail!(
            "{}: no `wasm_bindgen(\"…\")` call; did Trunk's loader shim change? {loader}",
            path.display()
        );
    };
    let wasm_path = dir.join(wasm_url.trim_start_matches("./"));
    let wasm =
        fs::read(&wasm_path).with_context(|| format!("cannot read {}", wasm_path.display()))?;
    // `at` is where the URL starts: the call begins before its name, its quote and its paren.
    let call = at - "wasm_bindgen(\"".len();
    let close = at + wasm_url.len() + "\")".len();
    let out = format!(
        "{}wasm_bindgen({{ module_or_path: new Request('{wasm_url}', {{ integrity: '{}' }}) }}){}",
        &loader[..call],
        sri(&wasm),
        &loader[close..]
    );
    fs::write(&path, out).with_context(|| format!("cannot write {}", path.display()))
}

/// The page with the `boot_at`-th inline script replaced by `tag`, Trunk's preload of the wasm
/// (`wasm_name`) dropped (see [`WAIT_FOR_LOAD`]), and `meta` (the policy) first in `<head>`, after
/// the charset, before anything it governs.
fn rewrite(
    html: &str,
    found: &Scan,
    boot_at: usize,
    tag: &str,
    meta: &str,
    wasm_name: &str,
) -> Result<String> {
    use lol_html::html_content::ContentType;
    use lol_html::{element, rewrite_str, RewriteStrSettings};
    let inline = Cell::new(0usize);
    let head = Cell::new(false);
    let out = rewrite_str(
        html,
        RewriteStrSettings {
            element_content_handlers: vec![
                element!("script:not([src])", |el| {
                    if inline.replace(inline.get() + 1) == boot_at {
                        el.replace(tag, ContentType::Html);
                    }
                    Ok(())
                }),
                element!("link[rel=preload][href]", |el| {
                    let href = el.get_attribute("href").unwrap_or_default();
                    if href == wasm_name || href.ends_with(&format!("/{wasm_name}")) {
                        el.remove();
                    }
                    Ok(())
                }),
                element!("head > meta[charset]", |el| {
                    el.after(meta, ContentType::Html);
                    Ok(())
                }),
                element!("head", |el| {
                    head.set(true);
                    if !found.charset {
                        el.prepend(meta, ContentType::Html);
                    }
                    Ok(())
                }),
            ],
            ..RewriteStrSettings::new()
        },
    )
    .context("cannot rewrite the built page")?;
    if !head.get() {
        bail!("the built page has no <head> for the policy");
    }
    Ok(out)
}

/// `cargo xtask harden [DIR]`: DIR, else Trunk's staging directory (as a hook), else `dist`.
pub fn run(root: &Path, dir: Option<&str>) -> Result<()> {
    let dir = match dir {
        Some(d) => root.join(d),
        None => match std::env::var_os("TRUNK_STAGING_DIR") {
            Some(d) => d.into(),
            None => root.join("dist"),
        },
    };
    match harden(&dir)? {
        Outcome::Hardened { boot, dev: false } => {
            println!(
                "harden: {}: boot script moved to {boot}, strict CSP written",
                dir.display()
            )
        }
        Outcome::Hardened { boot, dev: true } => println!(
            "harden: {}: boot script moved to {boot}; Trunk's inline auto-reload script found, so \
             the CSP allows inline scripts (development only: release builds have none)",
            dir.display()
        ),
        Outcome::AlreadyDone => println!("harden: {}: already hardened", dir.display()),
    }
    prerender(root, &dir)
}

/// Writes the prerendered pages into `dir` with the app's own `prerender` binary (built natively
/// from this workspace; see src/prerender.rs). Runs after the boot script moved out, so the
/// Chinese page copies a page that is already hardened.
fn prerender(root: &Path, dir: &Path) -> Result<()> {
    let cargo = std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into());
    let status = std::process::Command::new(cargo)
        .current_dir(root)
        .args(["run", "--quiet", "--bin", "prerender", "--"])
        .arg(dir)
        .status()
        .context("cannot run `cargo run --bin prerender`")?;
    if !status.success() {
        bail!("prerendering into {} failed ({status})", dir.display());
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    const TRUNK_INDEX: &str = r#"<!DOCTYPE html>
<html lang="en">
  <head>
    <meta charset="utf-8" />
    <title>t</title>
    
<script type="module">
import init, * as bindings from '/app-0123.js';
const wasm = await init({ module_or_path: '/app-0123_bg.wasm' });


window.wasmBindings = bindings;


dispatchEvent(new CustomEvent("TrunkApplicationStarted", {detail: {wasm}}));

</script>
    <link rel="stylesheet" href="/style-1.css" integrity="sha384-x"/>
  <link rel="modulepreload" href="/app-0123.js" crossorigin="anonymous" integrity="sha384-y"><link rel="preload" href="/app-0123_bg.wasm" crossorigin="anonymous" integrity="sha384-z" as="fetch" type="application/wasm"></head>
  <body>
  </body>
</html>
"#;

    fn site(index: &str) -> tempfile::TempDir {
        let d = tempfile::tempdir().unwrap();
        fs::write(d.path().join("index.html"), index).unwrap();
        fs::write(d.path().join("app-0123_bg.wasm"), b"\0asm wasm bytes").unwrap();
        d
    }

    #[test]
    fn sri_matches_known_values() {
        // `printf abc | openssl dgst -sha384 -binary | base64`
        assert_eq!(
            sri(b"abc"),
            "sha384-ywB1P0WjXou1oD1pmsZQBycsMqsO3tFjGotgWkP/W+2AhgcroefMI1i67KE0yCWn"
        );
    }

    #[test]
    fn moves_the_boot_script_out_and_writes_the_policy() {
        let d = site(TRUNK_INDEX);
        let Outcome::Hardened { boot, dev } = harden(d.path()).unwrap() else {
            panic!("not hardened")
        };
        assert!(!dev);
        let html = fs::read_to_string(d.path().join("index.html")).unwrap();
        assert!(scan(&html).unwrap().scripts.is_empty(), "{html}");
        assert!(
            !html.contains("app-0123_bg.wasm"),
            "no preload of the wasm: {html}"
        );
        assert!(
            html.contains("rel=\"modulepreload\""),
            "the glue's preload stays"
        );
        let js = fs::read_to_string(d.path().join(&boot)).unwrap();
        assert!(js.starts_with("import init, * as bindings from '/app-0123.js';"));
        assert!(
            js.contains(&format!("{WAIT_FOR_LOAD}const wasm = await init(")),
            "the wasm is fetched after the load event: {js}"
        );
        let wasm_sri = sri(b"\0asm wasm bytes");
        assert!(
            js.contains(&format!(
                "init({{ module_or_path: new Request('/app-0123_bg.wasm', {{ integrity: '{wasm_sri}' }}) }})"
            )),
            "{js}"
        );
        assert!(js.contains("TrunkApplicationStarted"));
        assert!(html.contains(&format!(
            "<script type=\"module\" src=\"/{boot}\" integrity=\"{}\" crossorigin=\"anonymous\"></script>",
            sri(js.as_bytes())
        )));
        // The policy right after the charset, before any script or style.
        let csp = html.find("Content-Security-Policy").unwrap();
        assert!(csp > html.find("<meta charset").unwrap());
        assert!(csp < html.find("<script").unwrap() && csp < html.find("<link").unwrap());
        assert!(html.contains(CSP) && !CSP.contains("unsafe-inline"));
        // Twice is once.
        let before = html.clone();
        assert_eq!(harden(d.path()).unwrap(), Outcome::AlreadyDone);
        assert_eq!(
            fs::read_to_string(d.path().join("index.html")).unwrap(),
            before
        );
    }

    #[test]
    fn the_worker_fetches_its_wasm_with_integrity() {
        let d = site(TRUNK_INDEX);
        fs::write(
            d.path().join(WORKER_LOADER),
            r#"importScripts("./draft-worker.js");wasm_bindgen("./draft-worker_bg.wasm");"#,
        )
        .unwrap();
        fs::write(d.path().join("draft-worker_bg.wasm"), b"\0asm worker").unwrap();
        harden(d.path()).unwrap();
        let loader = fs::read_to_string(d.path().join(WORKER_LOADER)).unwrap();
        assert_eq!(
            loader,
            format!(
                r#"importScripts("./draft-worker.js");wasm_bindgen({{ module_or_path: new Request('./draft-worker_bg.wasm', {{ integrity: '{}' }}) }});"#,
                sri(b"\0asm worker")
            )
        );
        let html = fs::read_to_string(d.path().join("index.html")).unwrap();
        assert!(html.contains("worker-src 'self'"), "{html}");
    }

    #[test]
    fn a_public_url_is_kept() {
        let d = site(&TRUNK_INDEX.replace("'/app-0123", "'/sub/path/app-0123"));
        let Outcome::Hardened { boot, .. } = harden(d.path()).unwrap() else {
            panic!()
        };
        let html = fs::read_to_string(d.path().join("index.html")).unwrap();
        assert!(
            html.contains(&format!("src=\"/sub/path/{boot}\"")),
            "{html}"
        );
    }

    #[test]
    fn the_dev_server_gets_a_relaxed_policy() {
        let dev = TRUNK_INDEX.replace(
            "  </body>",
            "<script>\"use strict\"; const address = '{{__TRUNK_ADDRESS__}}';</script></body>",
        );
        let d = site(&dev);
        let Outcome::Hardened { dev, .. } = harden(d.path()).unwrap() else {
            panic!()
        };
        assert!(dev);
        let html = fs::read_to_string(d.path().join("index.html")).unwrap();
        assert!(html.contains(DEV_CSP));
        // Only the auto-reload script is left inline.
        assert_eq!(scan(&html).unwrap().scripts.len(), 1);
    }

    #[test]
    fn an_unexpected_page_is_an_error_not_a_silent_pass() {
        let d = site("<html><head></head><body></body></html>");
        assert!(harden(d.path()).is_err());
        let d = site(&TRUNK_INDEX.replace("module_or_path: ", "path: "));
        assert!(harden(d.path()).is_err());
        let d = site(TRUNK_INDEX);
        fs::remove_file(d.path().join("app-0123_bg.wasm")).unwrap();
        assert!(harden(d.path()).is_err());
    }

    #[test]
    fn a_page_without_a_charset_gets_the_policy_first_in_head() {
        let d = site(&TRUNK_INDEX.replace("<meta charset=\"utf-8\" />", ""));
        harden(d.path()).unwrap();
        let html = fs::read_to_string(d.path().join("index.html")).unwrap();
        let head = html.find("<head>").unwrap() + "<head>".len();
        assert!(
            html[head..]
                .trim_start()
                .starts_with(&format!("<meta {CSP_MARK}")),
            "{html}"
        );
        assert_eq!(html.matches(CSP_MARK).count(), 1);
    }
}
