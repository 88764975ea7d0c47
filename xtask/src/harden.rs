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
//!    compiles (`'wasm-unsafe-eval'`), DOM sinks take no strings (Trusted Types).
//!
//! Under `trunk serve` Trunk adds an inline auto-reload script whose text it rewrites per request,
//! so it cannot be hashed ahead: when one is found the policy is relaxed for development only
//! (`'unsafe-inline'` scripts, websockets, no Trusted Types) and says so on the console.
//!
//! Then it writes the prerendered pages (`cargo run --bin prerender`, src/prerender.rs) and
//! gives their `noscript.css` link its integrity. Running it twice changes nothing.

use anyhow::{bail, Context, Result};
use base64::Engine;
use sha2::{Digest, Sha384};
use std::fs;
use std::path::Path;

/// The policy of the release page.
pub const CSP: &str = "default-src 'none'; script-src 'self' 'wasm-unsafe-eval'; \
style-src 'self'; img-src 'self' data:; font-src 'self'; connect-src 'self'; manifest-src 'self'; \
base-uri 'none'; form-action 'none'; object-src 'none'; require-trusted-types-for 'script'";

/// The policy under `trunk serve`: Trunk's auto-reload script is inline and talks websocket.
pub const DEV_CSP: &str =
    "default-src 'none'; script-src 'self' 'wasm-unsafe-eval' 'unsafe-inline'; \
style-src 'self'; img-src 'self' data:; font-src 'self'; connect-src 'self' ws: wss:; \
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

/// An inline `<script …>…</script>`: where it starts and ends, its opening tag and its text.
struct Inline<'a> {
    start: usize,
    end: usize,
    tag: &'a str,
    body: &'a str,
}

/// Every `<script>` without a `src`, in order.
fn inline_scripts(html: &str) -> Vec<Inline<'_>> {
    let mut out = Vec::new();
    let mut from = 0;
    while let Some(i) = html[from..].find("<script") {
        let start = from + i;
        let Some(tag_end) = html[start..].find('>').map(|j| start + j + 1) else {
            break;
        };
        let Some(close) = html[tag_end..].find("</script>").map(|j| tag_end + j) else {
            break;
        };
        let end = close + "</script>".len();
        let tag = &html[start..tag_end];
        if !tag.contains(" src=") {
            out.push(Inline {
                start,
                end,
                tag,
                body: &html[tag_end..close],
            });
        }
        from = end;
    }
    out
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
    if html.contains(CSP_MARK) {
        return Ok(Outcome::AlreadyDone);
    }
    let scripts = inline_scripts(&html);
    let Some(boot) = scripts.iter().find(|s| s.tag.contains("type=\"module\"")) else {
        bail!(
            "{}: no inline `<script type=\"module\">` from Trunk to move out; did Trunk's output change?",
            index.display()
        );
    };
    // Anything else inline is Trunk's auto-reload script: a development server.
    let dev = scripts.len() > 1;

    // The module import gives the public URL the assets are served under.
    let Some((_, js_url)) = quoted_after(boot.body, "from '") else {
        bail!("the boot script imports no module: {}", boot.body.trim());
    };
    let base = &js_url[..js_url.rfind('/').map_or(0, |i| i + 1)];
    let Some((at, wasm_url)) = quoted_after(boot.body, "module_or_path: '") else {
        bail!(
            "the boot script does not pass `module_or_path: '…'` to init; did Trunk or wasm-bindgen change? {}",
            boot.body.trim()
        );
    };
    let wasm_name = &wasm_url[wasm_url.rfind('/').map_or(0, |i| i + 1)..];
    let wasm_path = dir.join(wasm_name);
    let wasm =
        fs::read(&wasm_path).with_context(|| format!("cannot read {}", wasm_path.display()))?;
    let quote_start = at - 1;
    let quote_end = at + wasm_url.len() + 1;
    // The statement that calls `init` starts at the line holding it.
    let Some(init_at) = boot.body[..quote_start].rfind("await init(") else {
        bail!(
            "the boot script does not `await init(`: {}",
            boot.body.trim()
        );
    };
    let statement = boot.body[..init_at].rfind('\n').map_or(0, |i| i + 1);
    let mut body = String::with_capacity(boot.body.len() + 256);
    body.push_str(boot.body[..statement].trim_start());
    body.push_str(WAIT_FOR_LOAD);
    body.push_str(&boot.body[statement..quote_start]);
    body.push_str(&format!(
        "new Request('{wasm_url}', {{ integrity: '{}' }})",
        sri(&wasm)
    ));
    body.push_str(boot.body[quote_end..].trim_end());
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
    let mut out = String::with_capacity(html.len() + 512);
    out.push_str(&html[..boot.start]);
    out.push_str(&tag);
    out.push_str(&html[boot.end..]);
    // Trunk's preload of the wasm would start that download at once (see WAIT_FOR_LOAD).
    remove_wasm_preload(&mut out, wasm_name);

    // The policy goes first in <head>, before anything it governs.
    let policy = if dev { DEV_CSP } else { CSP };
    let meta = format!("\n    <meta {CSP_MARK} content=\"{policy}\" />");
    let Some(head) = out.find("<head>").map(|i| i + "<head>".len()) else {
        bail!("{}: no <head>", index.display());
    };
    let after_charset = out[head..]
        .find("<meta charset")
        .and_then(|i| out[head + i..].find('>').map(|j| head + i + j + 1));
    out.insert_str(after_charset.unwrap_or(head), &meta);
    fs::write(&index, out).with_context(|| format!("cannot write {}", index.display()))?;
    Ok(Outcome::Hardened {
        boot: boot_name,
        dev,
    })
}

/// Removes the `<link rel="preload" … href="…/NAME" …>` tag of the wasm, if there is one.
fn remove_wasm_preload(html: &mut String, wasm_name: &str) {
    let mut from = 0;
    while let Some(i) = html[from..].find("<link rel=\"preload\"") {
        let start = from + i;
        let Some(len) = html[start..].find('>') else {
            return;
        };
        let tag = &html[start..start + len + 1];
        if tag.contains(&format!("/{wasm_name}\"")) || tag.contains(&format!("\"{wasm_name}\"")) {
            html.replace_range(start..start + len + 1, "");
            return;
        }
        from = start + len + 1;
    }
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
    prerender(root, &dir)?;
    let pages = sri_noscript_sheets(&dir)?;
    println!("harden: {pages} page(s) link noscript.css with its integrity");
    Ok(())
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

/// The pages prerendering wrote: `index.html` and one folder deep (`zh/index.html`).
fn pages(dir: &Path) -> Result<Vec<std::path::PathBuf>> {
    let mut pages = vec![dir.join("index.html")];
    for entry in fs::read_dir(dir).with_context(|| format!("cannot list {}", dir.display()))? {
        let page = entry?.path().join("index.html");
        if page.is_file() {
            pages.push(page);
        }
    }
    Ok(pages)
}

/// Gives each page's `<link … noscript.css>` the Subresource Integrity of the file, like every
/// other asset. Returns how many pages link it; running it twice changes nothing.
pub fn sri_noscript_sheets(dir: &Path) -> Result<usize> {
    const NAME: &str = "noscript.css\"";
    let css_path = dir.join("noscript.css");
    if !css_path.exists() {
        return Ok(0);
    }
    let css = fs::read(&css_path).with_context(|| format!("cannot read {}", css_path.display()))?;
    let integrity = format!(" integrity=\"{}\"", sri(&css));
    let mut linked = 0;
    for page in pages(dir)? {
        let html =
            fs::read_to_string(&page).with_context(|| format!("cannot read {}", page.display()))?;
        let Some(at) = html.find(NAME).map(|i| i + NAME.len()) else {
            continue;
        };
        linked += 1;
        if html[at..].starts_with(" integrity=") {
            continue;
        }
        let mut out = html.clone();
        out.insert_str(at, &integrity);
        fs::write(&page, out).with_context(|| format!("cannot write {}", page.display()))?;
    }
    Ok(linked)
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
        assert!(inline_scripts(&html).is_empty(), "{html}");
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
        assert_eq!(inline_scripts(&html).len(), 1);
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
    fn the_noscript_stylesheet_gets_its_integrity_on_every_page_once() {
        let d = site(TRUNK_INDEX);
        let link = "<noscript><link rel=\"stylesheet\" href=\"/noscript.css\" /></noscript>";
        let page = TRUNK_INDEX.replace("</head>", &format!("{link}</head>"));
        fs::write(d.path().join("index.html"), &page).unwrap();
        fs::create_dir(d.path().join("zh")).unwrap();
        fs::write(d.path().join("zh").join("index.html"), &page).unwrap();
        fs::write(d.path().join("noscript.css"), "a{}").unwrap();
        assert_eq!(sri_noscript_sheets(d.path()).unwrap(), 2);
        let want = format!("href=\"/noscript.css\" integrity=\"{}\" />", sri(b"a{}"));
        for page in ["index.html", "zh/index.html"] {
            let html = fs::read_to_string(d.path().join(page)).unwrap();
            assert!(html.contains(&want), "{page}: {html}");
        }
        // Twice changes nothing.
        let before = fs::read_to_string(d.path().join("index.html")).unwrap();
        assert_eq!(sri_noscript_sheets(d.path()).unwrap(), 2);
        assert_eq!(
            fs::read_to_string(d.path().join("index.html")).unwrap(),
            before
        );
    }
}
