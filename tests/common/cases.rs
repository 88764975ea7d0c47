//! Every case the tests know, for tests of a general property (validation, derive, checks,
//! narrative, proposals, display, export, charts) that must hold on any case, not only on the
//! embedded one: the embedded case, the real cases shipped in `data/cases/`, and the invented
//! ones of `tests/fixtures/`. Texts are included at compile time, so the browser tests (wasm)
//! use the same list; `tests/every_case.rs` fails when a case file is missing from it.
//! Include with `#[path = "common/cases.rs"] mod cases;`.
#![allow(dead_code)]

/// One case file: its path from the crate's root, and its text.
#[derive(Debug, Clone, Copy)]
pub struct CaseFile {
    pub path: &'static str,
    pub text: &'static str,
    /// A real case: every reported figure quotes its source text (`tests/fixtures/cases/`).
    pub real: bool,
}

impl CaseFile {
    /// The file's name without `.json`: `kezuohou`, `niger-fmnr`, `fictional_marsh`.
    pub fn name(&self) -> &'static str {
        let file = self.path.rsplit('/').next().unwrap_or(self.path);
        file.strip_suffix(".json").unwrap_or(file)
    }

    /// The file as a JSON tree (the files are ours: a broken one is a test failure).
    pub fn value(&self) -> serde_json::Value {
        serde_json::from_str(self.text).unwrap_or_else(|e| panic!("{}: {e}", self.path))
    }
}

macro_rules! case_files {
    ($($path:literal $real:literal),* $(,)?) => {
        pub const ALL: &[CaseFile] = &[$(CaseFile {
            path: $path,
            text: include_str!(concat!("../../", $path)),
            real: $real,
        }),*];
    };
}

case_files! {
    "data/kezuohou.json" true,
    "data/cases/kubuqi-desert.json" true,
    "data/cases/loess-plateau.json" true,
    "data/cases/meret-ethiopia.json" true,
    "data/cases/niger-fmnr.json" true,
    "data/cases/qingzhen-afforestation.json" true,
    "tests/fixtures/fictional_marsh.json" false,
    "tests/fixtures/fictional_marsh_bare.json" false,
    "tests/fixtures/fictional_marsh_series.json" false,
    "tests/fixtures/fictional_dairy_cooperative.json" false,
    "tests/fixtures/kenya_dairy.json" false,
}

/// The case files of `data/cases/`: the real cases shipped beside the embedded one.
pub fn shipped() -> impl Iterator<Item = &'static CaseFile> {
    ALL.iter().filter(|c| c.path.starts_with("data/cases/"))
}

/// One case of each kind beside the embedded one: the invented marsh and a real case.
pub fn fictional_and_real() -> [&'static CaseFile; 2] {
    let by = |name: &str| {
        ALL.iter()
            .find(|c| c.name() == name)
            .unwrap_or_else(|| panic!("no case {name}"))
    };
    [by("fictional_marsh"), by("niger-fmnr")]
}

/// The index of the first item of `list` (`figures`, `relations`, …) for which `pick` holds,
/// with the item; `None` when the case has none.
pub fn first<'a>(
    v: &'a serde_json::Value,
    list: &str,
    pick: impl Fn(&serde_json::Value) -> bool,
) -> Option<(usize, &'a serde_json::Value)> {
    v[list]
        .as_array()?
        .iter()
        .enumerate()
        .find(|(_, x)| pick(x))
}

/// The index of the item of `list` whose id is `id`.
pub fn index_of(v: &serde_json::Value, list: &str, id: &str) -> usize {
    first(v, list, |x| x["id"] == id)
        .map(|(i, _)| i)
        .unwrap_or_else(|| panic!("{list} has no {id}"))
}
