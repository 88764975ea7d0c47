#![cfg(not(target_arch = "wasm32"))]
//! No import cycle between the files of `src/`: every `use` and every path in code (`crate::…`,
//! `super::…`, a child module's name) is resolved to the file that defines the item it names,
//! following re-exports (`pub use`, globs included), and the graph of files must have no cycle.
//!
//! Module roots (`lib.rs`, `*/mod.rs`) only declare modules and re-export: a root that defines
//! anything else (a type, a function, a constant, a macro call) fails
//! `roots_only_declare_and_reexport`, naming the file and the item. The roots are nodes of the
//! graph like any file: a path through a root counts for the file that defines the item
//! (`crate::model::Lang` is an edge to `model/lang.rs`), a path naming the root itself
//! (`use crate::model;`) is an edge to the root, and a root's own `use` lines are its edges, so
//! a cycle through a root is found. Paths inside an inline module (`mod tests`) are read from
//! that module. Paths inside macro calls (`html! { … }`) are tokens, not parsed: the `use` lines
//! above them carry the dependency. Binaries (`main.rs`, `bin/*.rs`) are crate roots of their
//! own programs, not module roots of the library: they are nodes and may define `main`.
//!
//! Run alone: `cargo test --test no_cycles` (`NO_CYCLES_SRC=/other/checkout/src` checks another
//! tree; `NO_CYCLES_EDGES=1` prints every edge and the path that makes it).

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

/// Every path of a file: `use` trees and paths in code, types and patterns, each with the
/// module it is written in (the file's, or an inline module's inside it).
struct Paths {
    module: ModPath,
    found: Vec<(ModPath, Vec<String>)>,
}

impl<'ast> Visit<'ast> for Paths {
    fn visit_item_mod(&mut self, m: &'ast syn::ItemMod) {
        self.module.push(m.ident.to_string());
        syn::visit::visit_item_mod(self, m);
        self.module.pop();
    }
    fn visit_item_use(&mut self, u: &'ast syn::ItemUse) {
        let mut flat = Vec::new();
        flatten(&u.tree, &mut Vec::new(), &mut flat);
        for (segs, _) in flat {
            self.found.push((self.module.clone(), segs));
        }
    }
    /// `pub(crate)`, `pub(in crate::model)`: who may see an item, not a dependency.
    fn visit_visibility(&mut self, _: &'ast syn::Visibility) {}
    fn visit_path(&mut self, p: &'ast syn::Path) {
        let segs = p.segments.iter().map(|s| s.ident.to_string()).collect();
        self.found.push((self.module.clone(), segs));
        syn::visit::visit_path(self, p);
    }
}

/// What a module root defines besides `mod` declarations and `use` lines, as `kind name`.
fn root_items(file: &syn::File) -> Vec<String> {
    let named = |kind: &str, id: &syn::Ident| format!("{kind} {id}");
    file.items
        .iter()
        .filter_map(|item| match item {
            syn::Item::Mod(m) if m.content.is_none() => None,
            syn::Item::Use(_) => None,
            syn::Item::Mod(m) => Some(named("inline mod", &m.ident)),
            syn::Item::Struct(i) => Some(named("struct", &i.ident)),
            syn::Item::Enum(i) => Some(named("enum", &i.ident)),
            syn::Item::Union(i) => Some(named("union", &i.ident)),
            syn::Item::Fn(i) => Some(named("fn", &i.sig.ident)),
            syn::Item::Const(i) => Some(named("const", &i.ident)),
            syn::Item::Static(i) => Some(named("static", &i.ident)),
            syn::Item::Type(i) => Some(named("type", &i.ident)),
            syn::Item::Trait(i) => Some(named("trait", &i.ident)),
            syn::Item::TraitAlias(i) => Some(named("trait", &i.ident)),
            syn::Item::Impl(i) => Some(match &*i.self_ty {
                syn::Type::Path(p) => match p.path.segments.last() {
                    Some(last) => named("impl", &last.ident),
                    None => "impl".to_string(),
                },
                _ => "impl".to_string(),
            }),
            syn::Item::Macro(m) => {
                let mut declared = BTreeSet::new();
                declared_in_tokens(m.mac.tokens.clone(), &mut declared);
                let path = m.mac.path.segments.iter().map(|s| s.ident.to_string());
                let name = path.collect::<Vec<_>>().join("::");
                let what: Vec<String> = declared.into_iter().collect();
                Some(if what.is_empty() {
                    format!("{name}!")
                } else {
                    format!("{name}! ({})", what.join(", "))
                })
            }
            syn::Item::ExternCrate(i) => Some(named("extern crate", &i.ident)),
            syn::Item::ForeignMod(_) => Some("extern block".to_string()),
            _ => Some("item".to_string()),
        })
        .collect()
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

    /// Edges between files, module roots included.
    fn edges(&self) -> BTreeMap<usize, BTreeSet<usize>> {
        let mut edges: BTreeMap<usize, BTreeSet<usize>> = BTreeMap::new();
        for (i, f) in self.files.iter().enumerate() {
            let mut paths = Paths {
                module: f.module.clone(),
                found: Vec::new(),
            };
            paths.visit_file(&f.ast);
            let out = edges.entry(i).or_default();
            for (module, segs) in &paths.found {
                if let Some(j) = self.resolve(module, segs, 0) {
                    if j != i {
                        if std::env::var_os("NO_CYCLES_EDGES").is_some() {
                            eprintln!("{}: {segs:?} -> {}", f.rel, self.files[j].rel);
                        }
                        out.insert(j);
                    }
                }
            }
        }
        edges
    }

    fn names(&self, cycle: &[usize]) -> String {
        let names: Vec<&str> = cycle.iter().map(|&i| self.files[i].rel.as_str()).collect();
        names.join(" → ")
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

/// One cycle per strongly connected component of more than one file (the shortest through the
/// component's first file), so that every tangle is named at once.
/// Each comes with its component's files.
fn all_cycles(edges: &BTreeMap<usize, BTreeSet<usize>>) -> Vec<(Vec<usize>, Vec<usize>)> {
    // Tarjan's algorithm, iterative enough for a few hundred files.
    struct Tarjan<'e> {
        edges: &'e BTreeMap<usize, BTreeSet<usize>>,
        index: HashMap<usize, usize>,
        low: HashMap<usize, usize>,
        stack: Vec<usize>,
        on_stack: BTreeSet<usize>,
        next: usize,
        components: Vec<Vec<usize>>,
    }
    impl Tarjan<'_> {
        fn visit(&mut self, n: usize) {
            self.index.insert(n, self.next);
            self.low.insert(n, self.next);
            self.next += 1;
            self.stack.push(n);
            self.on_stack.insert(n);
            for &m in self.edges.get(&n).into_iter().flatten() {
                if !self.index.contains_key(&m) {
                    self.visit(m);
                    let low = self.low[&n].min(self.low[&m]);
                    self.low.insert(n, low);
                } else if self.on_stack.contains(&m) {
                    let low = self.low[&n].min(self.index[&m]);
                    self.low.insert(n, low);
                }
            }
            if self.low[&n] == self.index[&n] {
                let mut component = Vec::new();
                while let Some(m) = self.stack.pop() {
                    self.on_stack.remove(&m);
                    component.push(m);
                    if m == n {
                        break;
                    }
                }
                component.sort_unstable();
                self.components.push(component);
            }
        }
    }
    let mut t = Tarjan {
        edges,
        index: HashMap::new(),
        low: HashMap::new(),
        stack: Vec::new(),
        on_stack: BTreeSet::new(),
        next: 0,
        components: Vec::new(),
    };
    for &n in edges.keys() {
        if !t.index.contains_key(&n) {
            t.visit(n);
        }
    }
    let mut cycles = Vec::new();
    for component in t.components.iter().filter(|c| c.len() > 1) {
        let inside: BTreeSet<usize> = component.iter().copied().collect();
        let start = component[0];
        // Breadth first from `start` back to it, inside the component.
        let mut parent: HashMap<usize, usize> = HashMap::new();
        let mut queue = std::collections::VecDeque::from([start]);
        let mut last = None;
        'search: while let Some(n) = queue.pop_front() {
            for &m in edges.get(&n).into_iter().flatten() {
                if m == start {
                    last = Some(n);
                    break 'search;
                }
                if inside.contains(&m) && !parent.contains_key(&m) {
                    parent.insert(m, n);
                    queue.push_back(m);
                }
            }
        }
        let Some(mut at) = last else { continue };
        let mut back = Vec::new();
        while at != start {
            back.push(at);
            at = parent[&at];
        }
        let mut cycle = vec![start];
        cycle.extend(back.into_iter().rev());
        cycle.push(start);
        cycles.push((cycle, component.clone()));
    }
    cycles.sort();
    cycles
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
    let cycles = all_cycles(&edges);
    assert_eq!(
        cycles.is_empty(),
        find_cycle(&edges).is_none(),
        "the two cycle finders disagree"
    );
    if !cycles.is_empty() {
        let lines: Vec<String> = cycles
            .iter()
            .map(|(cycle, component)| {
                let files: Vec<&str> = component.iter().map(|&i| c.files[i].rel.as_str()).collect();
                format!(
                    "import cycle: {} (files tangled with it: {})",
                    c.names(cycle),
                    files.join(", ")
                )
            })
            .collect();
        panic!("{}", lines.join("\n"));
    }
}

/// Module roots declare modules and re-export; what they define lives in files named for it.
#[test]
fn roots_only_declare_and_reexport() {
    let c = src_crate();
    let mut found = Vec::new();
    for f in c.files.iter().filter(|f| f.is_root) {
        for item in root_items(&f.ast) {
            found.push(format!("{}: {item}", f.rel));
        }
    }
    assert!(
        found.is_empty(),
        "a module root defines more than modules and re-exports:\n{}",
        found.join("\n")
    );
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
    // A root is a node: its re-exports are its edges.
    assert!(has_edge(&c, &edges, "model/mod.rs", "model/dataset.rs"));
    assert!(has_edge(&c, &edges, "lib.rs", "components/app.rs"));
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
    assert!(all_cycles(&dag).is_empty());
    // Two tangles, both named: 0 → 1 → 2 → 0 (with 1 ⇄ 3 inside it) and 4 ⇄ 5.
    let two: BTreeMap<usize, BTreeSet<usize>> = [
        (0, BTreeSet::from([1])),
        (1, BTreeSet::from([2, 3])),
        (2, BTreeSet::from([0])),
        (3, BTreeSet::from([1])),
        (4, BTreeSet::from([5])),
        (5, BTreeSet::from([4, 0])),
    ]
    .into_iter()
    .collect();
    assert_eq!(
        all_cycles(&two),
        vec![
            (vec![0, 1, 2, 0], vec![0, 1, 2, 3]),
            (vec![4, 5, 4], vec![4, 5]),
        ]
    );
}
