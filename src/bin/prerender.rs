//! `cargo run --bin prerender -- DIR` (or `-- --check`: only read and check the cases): write the prerendered pages of a site of cases into a built
//! app in DIR (Trunk's staging directory; `xtask harden` runs this from Trunk's post_build hook).
//!
//! The site's main page shows its first case: `index.html` in English, `zh/index.html` in Chinese,
//! `fr/index.html` in French. Each case also has its own pages, `<case-id>/` and
//! `<case-id>/zh/`…, and `cases/` lists them all in each language. Each page's chart images sit
//! under its `charts/`, and `noscript.css` beside the main page. `cases/index.json` lists the
//! cases and `cases/<id>.json` is each case's dataset file, for the app's comparison view. The cases are the embedded one
//! and `data/cases/`, or the folder `cargo xtask publish` names (`src/site.rs`). A page already
//! prerendered is left as it is.

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
    use case_explorer::model::Lang;
    use case_explorer::prerender::{
        fill, folder, index_page, render_case, site_link, Page, SiteLink, NOSCRIPT_CSS,
    };
    use case_explorer::site::{self, INDEX_FOLDER};
    use std::fs;
    use std::path::{Path, PathBuf};

    let args: Vec<String> = std::env::args().skip(1).collect();
    let cases = || {
        site::from_env().map_err(|errors| {
            format!(
                "the site's cases cannot be published:\n{}",
                errors.join("\n")
            )
        })
    };
    let dir = match args.as_slice() {
        // `cargo xtask publish` checks the folder before it builds anything.
        [flag] if flag == "--check" => {
            let cases = cases()?;
            return Ok(format!(
                "{} case(s) ready: {}",
                cases.len(),
                cases
                    .iter()
                    .map(|c| c.id.as_str())
                    .collect::<Vec<_>>()
                    .join(", ")
            ));
        }
        [dir] => dir,
        _ => return Err("usage: prerender DIR | prerender --check".into()),
    };
    let dir = PathBuf::from(dir);
    let index = dir.join("index.html");
    let template =
        fs::read_to_string(&index).map_err(|e| format!("cannot read {}: {e}", index.display()))?;
    if template.contains("data-prerendered=") {
        return Ok(format!("{} is prerendered already", index.display()));
    }
    let cases = cases()?;
    let write = |path: PathBuf, text: &str| -> Result<(), String> {
        if let Some(parent) = path.parent() {
            fs::create_dir_all(parent)
                .map_err(|e| format!("cannot create {}: {e}", parent.display()))?;
        }
        fs::write(&path, text).map_err(|e| format!("cannot write {}: {e}", path.display()))
    };
    let mut images = 0;
    let mut pages = 0;
    // One page in `lang`, in the site's folder `at` ("" or "<id>/").
    let mut put = |at: &str, lang: Lang, page: &Page, link: Option<&SiteLink>| {
        let folder = dir.join(at).join(folder(lang));
        write(folder.join("index.html"), &fill(&template, page, link)?)?;
        for (path, svg) in &page.images {
            write(folder.join(path), svg)?;
            images += 1;
        }
        pages += 1;
        Ok::<(), String>(())
    };
    write(dir.join("noscript.css"), NOSCRIPT_CSS)?;
    // For the comparison view: the list of cases and each case's dataset, as its file says it.
    write(
        dir.join(INDEX_FOLDER).join(site::INDEX_JSON),
        &site::index_json(&cases),
    )?;
    for case in &cases {
        write(dir.join(site::data_path(&case.id)), &case.text)?;
    }
    let several = cases.len() > 1;
    let index_folder = format!("{INDEX_FOLDER}/");
    let link = |at: &str, lang: Lang| {
        several.then(|| SiteLink {
            index_href: site_link(at, lang, &index_folder, lang),
            count: cases.len(),
        })
    };
    for lang in Lang::ALL {
        let main = render_case(lang, &cases[0], false, link("", lang).as_ref())?;
        put("", lang, &main, link("", lang).as_ref())?;
    }
    if several {
        for case in &cases {
            let at = format!("{}/", case.id);
            for lang in Lang::ALL {
                let page = render_case(lang, case, true, link(&at, lang).as_ref())
                    .map_err(|e| format!("case `{}`: {e}", case.id))?;
                put(&at, lang, &page, link(&at, lang).as_ref())?;
            }
        }
        for lang in Lang::ALL {
            let html = index_page(&template, &cases, lang)?;
            write(
                Path::new(&dir)
                    .join(INDEX_FOLDER)
                    .join(folder(lang))
                    .join("index.html"),
                &html,
            )?;
            pages += 1;
        }
    }
    Ok(format!(
        "{}: {} case(s) ({}), {pages} pages in {}, {images} chart images",
        dir.display(),
        cases.len(),
        cases
            .iter()
            .map(|c| c.id.as_str())
            .collect::<Vec<_>>()
            .join(", "),
        Lang::CODES.join(", ")
    ))
}

#[cfg(target_arch = "wasm32")]
fn main() {}
