#![cfg(not(target_arch = "wasm32"))]
//! No import cycle between the files of `src/`: every `use` and every path in code (`crate::…`,
//! `super::…`, a child module's name) is resolved to the file that defines the item it names,
//! following re-exports (`pub use`, globs included), and the graph of files must have no cycle.
//!
//! Module roots (`lib.rs`, `*/mod.rs`) are left out of the graph: they declare and re-export
//! their children, so every child "depends" on its root and the root on every child. A path
//! through a root still counts for the file that defines the item (`crate::model::Lang` is an
//! edge to `model/lang.rs`); an item defined in a root itself (`Model` in `model/mod.rs`) is not
//! followed. Paths inside macro calls (`html! { … }`) are tokens, not parsed: the `use` lines
//! above them carry the dependency.
//!
//! Run alone: `cargo test --test no_cycles` (`NO_CYCLES_SRC=/other/checkout/src` checks another
//! tree).

use proc_macro2::TokenTree;
use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::path::{Path, PathBuf};
use syn::visit::Visit;

/// A module path from the crate root, e.g. `["model", "units"]`.
type ModPath = Vec<String>;

struct File {
    rel: String,
    module: ModPath,
    is_root: bool,
    ast: syn::File,
}

/// What a file's module holds at its top level.
#[derive(Default)]
struct Scope {
    /// Items it defines (including those a table macro call declares: `enum X`/`struct X`).
    defined: BTreeSet<String>,
    /// `pub use` paths as written: (segments, `None` for a glob or the name it exports).
    reexports: Vec<(Vec<String>, Option<String>)>,
}

fn collect_files(dir: &Path, out: &mut Vec<PathBuf>) {
    let mut entries: Vec<_> = std::fs::read_dir(dir)
        .expect("read src/")
        .map(|e| e.expect("dir entry").path())
        .collect();
    entries.sort();
    for p in entries {
        if p.is_dir() {
            collect_files(&p, out);
        } else if p.extension().is_some_and(|e| e == "rs") {
            out.push(p);
        }
    }
}

fn load(src: &Path) -> Vec<File> {
    let mut paths = Vec::new();
    collect_files(src, &mut paths);
    paths
        .into_iter()
        // The binary only mounts the library's App.
        .filter(|p| p.file_name().is_some_and(|n| n != "main.rs"))
        .map(|p| {
            let rel = p
                .strip_prefix(src)
                .expect("under src")
                .to_string_lossy()
                .replace('\\', "/");
            let mut module: ModPath = rel
                .trim_end_matches(".rs")
                .split('/')
                .map(str::to_string)
                .collect();
            let is_root = matches!(module.last().map(String::as_str), Some("mod" | "lib"));
            if is_root {
                module.pop();
            }
            let text = std::fs::read_to_string(&p).expect("read file");
            let ast = syn::parse_file(&text).unwrap_or_else(|e| panic!("{rel}: {e}"));
            File {
                rel,
                module,
                is_root,
                ast,
            }
        })
        .collect()
}

/// Flatten a use tree into (segments, exported name or `None` for a glob).
fn flatten(
    tree: &syn::UseTree,
    prefix: &mut Vec<String>,
    out: &mut Vec<(Vec<String>, Option<String>)>,
) {
    match tree {
        syn::UseTree::Path(p) => {
            prefix.push(p.ident.to_string());
            flatten(&p.tree, prefix, out);
            prefix.pop();
        }
        syn::UseTree::Name(n) => {
            let mut v = prefix.clone();
            v.push(n.ident.to_string());
            out.push((v, Some(n.ident.to_string())));
        }
        syn::UseTree::Rename(r) => {
            let mut v = prefix.clone();
            v.push(r.ident.to_string());
            out.push((v, Some(r.rename.to_string())));
        }
        syn::UseTree::Glob(_) => out.push((prefix.clone(), None)),
        syn::UseTree::Group(g) => {
            for t in &g.items {
                flatten(t, prefix, out);
            }
        }
    }
}

/// Names after `enum`/`struct` anywhere in a macro call's tokens: the types a table macro
/// declares.
fn declared_in_tokens(tokens: proc_macro2::TokenStream, out: &mut BTreeSet<String>) {
    let mut after_keyword = false;
    for tt in tokens {
        match tt {
            TokenTree::Group(g) => {
                declared_in_tokens(g.stream(), out);
                after_keyword = false;
            }
            TokenTree::Ident(id) => {
                let s = id.to_string();
                if after_keyword {
                    out.insert(s.clone());
                }
                after_keyword = s == "enum" || s == "struct";
            }
            TokenTree::Punct(_) | TokenTree::Literal(_) => after_keyword = false,
        }
    }
}

fn scope_of(file: &syn::File) -> Scope {
    let mut s = Scope::default();
    for item in &file.items {
        let name = match item {
            syn::Item::Struct(i) => Some(i.ident.to_string()),
            syn::Item::Enum(i) => Some(i.ident.to_string()),
            syn::Item::Fn(i) => Some(i.sig.ident.to_string()),
            syn::Item::Const(i) => Some(i.ident.to_string()),
            syn::Item::Static(i) => Some(i.ident.to_string()),
            syn::Item::Type(i) => Some(i.ident.to_string()),
            syn::Item::Trait(i) => Some(i.ident.to_string()),
            syn::Item::Union(i) => Some(i.ident.to_string()),
            syn::Item::Mod(i) if i.content.is_some() => Some(i.ident.to_string()),
            syn::Item::Macro(m) => {
                if let Some(id) = &m.ident {
                    s.defined.insert(id.to_string());
                }
                declared_in_tokens(m.mac.tokens.clone(), &mut s.defined);
                None
            }
            syn::Item::Use(u) if !matches!(u.vis, syn::Visibility::Inherited) => {
                flatten(&u.tree, &mut Vec::new(), &mut s.reexports);
                None
            }
            _ => None,
        };
        if let Some(n) = name {
            s.defined.insert(n);
        }
    }
    s
}

/// Every path of a file: `use` trees and paths in code, types and patterns.
#[derive(Default)]
struct Paths(Vec<Vec<String>>);

impl<'ast> Visit<'ast> for Paths {
    fn visit_item_use(&mut self, u: &'ast syn::ItemUse) {
        let mut flat = Vec::new();
        flatten(&u.tree, &mut Vec::new(), &mut flat);
        self.0.extend(flat.into_iter().map(|(segs, _)| segs));
    }
    fn visit_path(&mut self, p: &'ast syn::Path) {
        self.0
            .push(p.segments.iter().map(|s| s.ident.to_string()).collect());
        syn::visit::visit_path(self, p);
    }
}

struct Crate {
    files: Vec<File>,
    by_module: HashMap<ModPath, usize>,
    scopes: Vec<Scope>,
}

impl Crate {
    fn new(files: Vec<File>) -> Crate {
        let by_module = files
            .iter()
            .enumerate()
            .map(|(i, f)| (f.module.clone(), i))
            .collect();
        let scopes = files.iter().map(|f| scope_of(&f.ast)).collect();
        Crate {
            files,
            by_module,
            scopes,
        }
    }

    /// The module a path written in `from` starts at, and the rest of the path; `None` for a
    /// path that leaves the crate (std, yew…) or names a local.
    fn anchor<'p>(&self, from: &ModPath, segs: &'p [String]) -> Option<(ModPath, &'p [String])> {
        let (first, mut rest) = segs.split_first()?;
        let mut at = match first.as_str() {
            "crate" => Vec::new(),
            "self" => from.clone(),
            "super" => from[..from.len().checked_sub(1)?].to_vec(),
            _ => {
                let mut child = from.clone();
                child.push(first.clone());
                if !self.by_module.contains_key(&child) {
                    return None;
                }
                return Some((child, rest));
            }
        };
        while rest.first().is_some_and(|s| s == "super") {
            at.pop();
            rest = &rest[1..];
        }
        Some((at, rest))
    }

    /// The file that defines what `segs`, written in module `from`, names.
    fn resolve(&self, from: &ModPath, segs: &[String], depth: usize) -> Option<usize> {
        if depth > 16 {
            return None;
        }
        let (mut module, mut rest) = self.anchor(from, segs)?;
        // Walk down through modules that are files.
        while let Some((next, tail)) = rest.split_first() {
            let mut child = module.clone();
            child.push(next.clone());
            if self.by_module.contains_key(&child) {
                module = child;
                rest = tail;
            } else {
                break;
            }
        }
        let file = *self.by_module.get(&module)?;
        let Some(name) = rest.first() else {
            return Some(file);
        };
        let scope = &self.scopes[file];
        if scope.defined.contains(name) {
            return Some(file);
        }
        // A re-export by name, then through globs.
        for (path, exported) in &scope.reexports {
            if exported.as_deref() == Some(name.as_str()) {
                return self.resolve(&module, path, depth + 1);
            }
        }
        for (path, exported) in &scope.reexports {
            if exported.is_none() {
                let mut p = path.clone();
                p.push(name.clone());
                if let Some(f) = self.resolve(&module, &p, depth + 1) {
                    if f != file && (self.scopes[f].defined.contains(name) || self.files[f].is_root)
                    {
                        return Some(f);
                    }
                }
            }
        }
        // A variant or method of an item of this file (`Unit::builtin("ha")`), or an enum variant
        // brought in by name: the file itself.
        Some(file)
    }

    /// Edges between non-root files.
    fn edges(&self) -> BTreeMap<usize, BTreeSet<usize>> {
        let mut edges: BTreeMap<usize, BTreeSet<usize>> = BTreeMap::new();
        for (i, f) in self.files.iter().enumerate() {
            if f.is_root {
                continue;
            }
            let mut paths = Paths::default();
            paths.visit_file(&f.ast);
            let out = edges.entry(i).or_default();
            for segs in &paths.0 {
                if let Some(j) = self.resolve(&f.module, segs, 0) {
                    if j != i && !self.files[j].is_root {
                        out.insert(j);
                    }
                }
            }
        }
        edges
    }
}

/// A cycle of the graph, if any, as file indices (first repeated at the end).
fn find_cycle(edges: &BTreeMap<usize, BTreeSet<usize>>) -> Option<Vec<usize>> {
    #[derive(Clone, Copy, PartialEq)]
    enum Mark {
        New,
        Open,
        Done,
    }
    fn visit(
        n: usize,
        edges: &BTreeMap<usize, BTreeSet<usize>>,
        marks: &mut HashMap<usize, Mark>,
        stack: &mut Vec<usize>,
    ) -> Option<Vec<usize>> {
        marks.insert(n, Mark::Open);
        stack.push(n);
        for &m in edges.get(&n).into_iter().flatten() {
            match marks.get(&m).copied().unwrap_or(Mark::New) {
                Mark::Open => {
                    let start = stack.iter().position(|&x| x == m).expect("on stack");
                    let mut cycle = stack[start..].to_vec();
                    cycle.push(m);
                    return Some(cycle);
                }
                Mark::New => {
                    if let Some(c) = visit(m, edges, marks, stack) {
                        return Some(c);
                    }
                }
                Mark::Done => {}
            }
        }
        stack.pop();
        marks.insert(n, Mark::Done);
        None
    }
    let mut marks = HashMap::new();
    for &n in edges.keys() {
        if marks.get(&n).copied().unwrap_or(Mark::New) == Mark::New {
            let mut stack = Vec::new();
            if let Some(c) = visit(n, edges, &mut marks, &mut stack) {
                return Some(c);
            }
        }
    }
    None
}

/// `src/` of this crate, or the folder `NO_CYCLES_SRC` names (to check another checkout).
fn src_crate() -> Crate {
    let dir = std::env::var_os("NO_CYCLES_SRC")
        .map(PathBuf::from)
        .unwrap_or_else(|| Path::new(env!("CARGO_MANIFEST_DIR")).join("src"));
    Crate::new(load(&dir))
}

fn has_edge(c: &Crate, edges: &BTreeMap<usize, BTreeSet<usize>>, from: &str, to: &str) -> bool {
    let idx = |rel: &str| {
        c.files
            .iter()
            .position(|f| f.rel == rel)
            .unwrap_or_else(|| panic!("no file {rel}"))
    };
    edges
        .get(&idx(from))
        .is_some_and(|out| out.contains(&idx(to)))
}

#[test]
fn no_import_cycle_between_files_of_src() {
    let c = src_crate();
    let edges = c.edges();
    if let Some(cycle) = find_cycle(&edges) {
        let names: Vec<&str> = cycle.iter().map(|&i| c.files[i].rel.as_str()).collect();
        panic!("import cycle: {}", names.join(" → "));
    }
}

/// The resolver sees the dependencies it must, or the test above proves nothing.
#[test]
fn known_dependencies_are_seen() {
    let c = src_crate();
    let edges = c.edges();
    // `use super::dataset::{Period, Qualifier}`
    assert!(has_edge(&c, &edges, "model/format.rs", "model/dataset.rs"));
    // Through a re-export: `crate::model::Lang` → model/lang.rs.
    assert!(has_edge(&c, &edges, "state.rs", "model/lang.rs"));
    // Through a glob re-export of model/mod.rs (`pub use dataset::*`).
    assert!(has_edge(
        &c,
        &edges,
        "components/timeline.rs",
        "model/dataset.rs"
    ));
    assert!(has_edge(&c, &edges, "storage.rs", "state.rs"));
    assert!(has_edge(&c, &edges, "state.rs", "record.rs"));
    assert!(!has_edge(&c, &edges, "record.rs", "state.rs"));
    assert!(!has_edge(&c, &edges, "model/units.rs", "model/format.rs"));
}

/// The cycle finder finds a cycle when there is one.
#[test]
fn a_cycle_is_found() {
    let edges: BTreeMap<usize, BTreeSet<usize>> = [
        (0, BTreeSet::from([1])),
        (1, BTreeSet::from([2])),
        (2, BTreeSet::from([0])),
        (3, BTreeSet::from([0])),
    ]
    .into_iter()
    .collect();
    assert_eq!(find_cycle(&edges), Some(vec![0, 1, 2, 0]));
    let dag: BTreeMap<usize, BTreeSet<usize>> = [(0, BTreeSet::from([1])), (1, BTreeSet::new())]
        .into_iter()
        .collect();
    assert_eq!(find_cycle(&dag), None);
}
