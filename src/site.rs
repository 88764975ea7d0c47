//! A site of cases (native only, used by the prerender): which dataset files make the site, the
//! address of each case, and every reason a folder cannot be published, with the file named.
//!
//! `cargo xtask publish DIR --out OUT` sets [`CASES_ENV`] (and [`DEFAULT_ENV`]) for the build;
//! without them the site is the embedded case followed by the repository's own `data/cases/`.

use crate::model::{Lang, Model, EMBEDDED_JSON};
use std::path::{Path, PathBuf};

/// The folder of dataset files to publish (`cargo xtask publish` sets it).
pub const CASES_ENV: &str = "EXPLORER_CASES";
/// The id of the case the site's main page shows; the first file by name when unset.
pub const DEFAULT_ENV: &str = "EXPLORER_DEFAULT_CASE";
/// The repository's own cases, published after the embedded one by every build.
pub const OWN_CASES: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/data/cases");
/// The folder of the index of every case.
pub const INDEX_FOLDER: &str = "cases";
/// Folder names a case id cannot take: the index, the chart images, each interface language;
/// nor `index`, whose dataset file would be the index's `cases/index.json`.
fn reserved(id: &str) -> bool {
    id == INDEX_FOLDER || id == "charts" || id == "index" || Lang::parse(id).is_some()
}

/// One case of the site.
#[derive(Debug)]
pub struct SiteCase {
    /// The case's id (`case.id` of its dataset), its folder in the site.
    pub id: String,
    /// Where it was read (`None`: the dataset embedded in the app).
    pub file: Option<PathBuf>,
    pub text: String,
    pub model: Model,
}

impl SiteCase {
    /// Whether the app holds this case already (its pages need not carry the text).
    pub fn is_embedded(&self) -> bool {
        self.text == EMBEDDED_JSON
    }
    fn name(&self) -> String {
        match &self.file {
            Some(f) => f.display().to_string(),
            None => "the embedded dataset".to_string(),
        }
    }
}

/// Whether an id can be a folder of the site and a part of its addresses as it is: 1 to 64
/// ASCII letters, digits, `-`, `_` and `.`, starting with a letter or digit.
pub fn usable_id(id: &str) -> bool {
    (1..=64).contains(&id.len())
        && id.as_bytes()[0].is_ascii_alphanumeric()
        && id
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.'))
}

/// The dataset files of `dir` (`*.json`, by file name), each read and checked. Every problem of
/// every file is listed, each naming its file; nothing is published when one is found.
pub fn read_folder(dir: &Path) -> Result<Vec<SiteCase>, Vec<String>> {
    let entries = std::fs::read_dir(dir)
        .map_err(|e| vec![format!("{}: cannot read the folder: {e}", dir.display())])?;
    let mut files: Vec<PathBuf> = entries
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.is_file() && p.extension().is_some_and(|x| x == "json"))
        .collect();
    files.sort();
    let mut errors = Vec::new();
    let mut cases = Vec::new();
    for file in files {
        match std::fs::read_to_string(&file) {
            Err(e) => errors.push(format!("{}: cannot read: {e}", file.display())),
            Ok(text) => match Model::from_json(&text) {
                Err(list) => errors.push(format!(
                    "{}: not a valid dataset ({} problem(s)):\n{}",
                    file.display(),
                    list.len(),
                    list.iter()
                        .map(|e| format!("  - {e}"))
                        .collect::<Vec<_>>()
                        .join("\n")
                )),
                Ok(model) => cases.push(SiteCase {
                    id: model.dataset.case.id.clone(),
                    file: Some(file),
                    text,
                    model,
                }),
            },
        }
    }
    if errors.is_empty() {
        Ok(cases)
    } else {
        Err(errors)
    }
}

/// The site's cases, the main page's first: from `folder` (the main page's case `default`, else
/// the first file by name), or the embedded case and the repository's own cases. Ids are checked
/// here: unique, usable in an address, not a folder the site uses for something else.
pub fn plan(folder: Option<&Path>, default: Option<&str>) -> Result<Vec<SiteCase>, Vec<String>> {
    let mut cases = match folder {
        Some(dir) => read_folder(dir)?,
        None => {
            let embedded = Model::embedded().map_err(|list| {
                vec![format!(
                    "the embedded dataset is not valid ({} problem(s))",
                    list.len()
                )]
            })?;
            let mut cases = vec![SiteCase {
                id: embedded.dataset.case.id.clone(),
                file: None,
                text: EMBEDDED_JSON.to_string(),
                model: embedded,
            }];
            let own = Path::new(OWN_CASES);
            if own.is_dir() {
                cases.extend(read_folder(own)?);
            }
            cases
        }
    };
    if cases.is_empty() {
        let dir = folder.map_or(String::new(), |d| d.display().to_string());
        return Err(vec![format!("{dir}: no dataset file (*.json) to publish")]);
    }
    let mut errors = Vec::new();
    for (i, c) in cases.iter().enumerate() {
        if !usable_id(&c.id) {
            errors.push(format!(
                "{}: the case id `{}` cannot be an address: use 1 to 64 ASCII letters, digits, \
                 `-`, `_` or `.`, starting with a letter or digit",
                c.name(),
                c.id.escape_debug()
            ));
        } else if reserved(&c.id) {
            errors.push(format!(
                "{}: the case id `{}` is a folder the site uses for something else",
                c.name(),
                c.id
            ));
        }
        if let Some(first) = cases[..i].iter().find(|o| o.id == c.id) {
            errors.push(format!(
                "{} and {}: both are the case `{}`; a case id names one case",
                first.name(),
                c.name(),
                c.id
            ));
        }
    }
    if let Some(id) = default {
        match cases.iter().position(|c| c.id == id) {
            Some(i) => {
                let main = cases.remove(i);
                cases.insert(0, main);
            }
            None => errors.push(format!(
                "the default case `{id}` is none of the files' cases"
            )),
        }
    }
    if errors.is_empty() {
        Ok(cases)
    } else {
        Err(errors)
    }
}

/// The cases of this build, as the environment names them (see the module's note).
pub fn from_env() -> Result<Vec<SiteCase>, Vec<String>> {
    let folder = std::env::var_os(CASES_ENV).map(PathBuf::from);
    let default = std::env::var(DEFAULT_ENV).ok().filter(|s| !s.is_empty());
    plan(folder.as_deref(), default.as_deref())
}

/// The file, under [`INDEX_FOLDER`], that lists the site's cases for the app's comparison view.
pub const INDEX_JSON: &str = "index.json";

/// Where a case's dataset is published, from the site's root: `cases/<id>.json`.
pub fn data_path(id: &str) -> String {
    format!("{INDEX_FOLDER}/{id}.json")
}

/// `cases/index.json`: each case's id, title and place by interface language, its page and
/// its dataset's address (both from the site's root), the main page's case first.
pub fn index_json(cases: &[SiteCase]) -> String {
    use serde_json::{json, Map, Value};
    let by_lang = |t: &crate::model::Text| {
        Value::Object(
            Lang::ALL
                .into_iter()
                .map(|l| (l.code().to_string(), Value::from(t.get(l))))
                .collect::<Map<String, Value>>(),
        )
    };
    let list: Vec<Value> = cases
        .iter()
        .map(|c| {
            json!({
                "id": c.id,
                "title": by_lang(&c.model.dataset.case.title),
                "place": by_lang(&c.model.dataset.case.place),
                "page": format!("{}/", c.id),
                "data": data_path(&c.id),
            })
        })
        .collect();
    json!({ "version": 1, "cases": list }).to_string()
}
