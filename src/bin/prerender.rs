//! `cargo run --bin prerender -- DIR`: write the prerendered pages into a built site in DIR
//! (Trunk's staging directory; `xtask harden` runs this from Trunk's post_build hook):
//! `index.html` in English, `zh/index.html` in Chinese, `fr/index.html` in French, each with its chart images under
//! `charts/`, and `noscript.css`. A page already prerendered is left as it is.

#[cfg(not(target_arch = "wasm32"))]
fn main() -> std::process::ExitCode {
    match run() {
        Ok(done) => {
            println!("prerender: {done}");
            std::process::ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("prerender: error: {e}");
            std::process::ExitCode::FAILURE
        }
    }
}

#[cfg(not(target_arch = "wasm32"))]
fn run() -> Result<String, String> {
    use kezuohou_explorer::model::Lang;
    use kezuohou_explorer::prerender::{fill, folder, render, NOSCRIPT_CSS};
    use std::fs;
    use std::path::PathBuf;

    let args: Vec<String> = std::env::args().skip(1).collect();
    let [dir] = args.as_slice() else {
        return Err("usage: prerender DIR".into());
    };
    let dir = PathBuf::from(dir);
    let index = dir.join("index.html");
    let template =
        fs::read_to_string(&index).map_err(|e| format!("cannot read {}: {e}", index.display()))?;
    if template.contains("data-prerendered=") {
        return Ok(format!("{} is prerendered already", index.display()));
    }
    let write = |path: PathBuf, text: &str| -> Result<(), String> {
        if let Some(parent) = path.parent() {
            fs::create_dir_all(parent)
                .map_err(|e| format!("cannot create {}: {e}", parent.display()))?;
        }
        fs::write(&path, text).map_err(|e| format!("cannot write {}: {e}", path.display()))
    };
    write(dir.join("noscript.css"), NOSCRIPT_CSS)?;
    let mut images = 0;
    for lang in Lang::ALL {
        let page = render(lang)?;
        let folder = dir.join(folder(lang));
        write(folder.join("index.html"), &fill(&template, &page)?)?;
        for (path, svg) in &page.images {
            write(folder.join(path), svg)?;
            images += 1;
        }
    }
    Ok(format!(
        "{}: pages in {}, {images} chart images",
        dir.display(),
        Lang::CODES.join(", ")
    ))
}

#[cfg(target_arch = "wasm32")]
fn main() {}
