#![cfg(not(target_arch = "wasm32"))]
//! Only the root component dispatches: every file of `src/components/` but `app.rs` (the root,
//! which owns the reducer) and `mod.rs` (which names the handle type) stays away from the app's
//! state. A leaf takes props and `Callback`s, and reads the model and display settings with
//! `use_app()` (`use_app.rs`, the one `use_context`). The files are tokenised, so the body of an
//! `html! { … }` is read too, and comments are not.
//!
//! Run alone: `cargo test --test only_root_dispatches`.

use proc_macro2::{TokenStream, TokenTree};
use std::path::Path;

/// Files allowed to hold the app's handle and actions.
const ROOT: [&str; 2] = ["app.rs", "mod.rs"];

/// Files that still reach for the app's handle, each with why. The test fails when one of them
/// no longer does, so the list only shrinks. Empty: every component keeps the rule (the data
/// panel's storage and file work is `src/requests.rs`, which the root calls).
const NOT_YET: [(&str, &str); 0] = [];

/// What a file mentions of the app's state, in source order (empty when it keeps the rule).
fn reaches_for_app_state(name: &str, source: &str) -> Vec<String> {
    let tokens: TokenStream = source
        .parse()
        .unwrap_or_else(|e| panic!("{name} does not tokenise: {e}"));
    let mut flat = Vec::new();
    flatten(tokens, &mut flat);
    let mut found = Vec::new();
    for (i, t) in flat.iter().enumerate() {
        let TokenTree::Ident(id) = t else { continue };
        let id = id.to_string();
        match id.as_str() {
            "AppHandle" | "AppState" => found.push(format!("{name}: {id}")),
            "use_context" if name != "use_app.rs" => {
                found.push(format!("{name}: use_context (read with use_app())"))
            }
            // `state::Action`, `state::{…, Action, …}`: the app's actions, not a local reducer's.
            "Action" if follows_state_path(&flat[..i]) => {
                found.push(format!("{name}: state::Action"))
            }
            _ => {}
        }
    }
    found
}

/// Tokens in source order, groups opened (their delimiters dropped, a marker kept at the start
/// of each brace group so `state::{ Action }` can be told from a stray `Action`).
fn flatten(tokens: TokenStream, out: &mut Vec<TokenTree>) {
    for t in tokens {
        match t {
            TokenTree::Group(g) => {
                out.push(TokenTree::Group(proc_macro2::Group::new(
                    g.delimiter(),
                    TokenStream::new(),
                )));
                flatten(g.stream(), out);
            }
            other => out.push(other),
        }
    }
}

/// Whether the tokens before `Action` end in `state ::` or `state :: { …,` (a use group).
fn follows_state_path(before: &[TokenTree]) -> bool {
    let mut rest = before.iter().rev().peekable();
    // Inside a use group: skip back over the names before `Action` to the group's start.
    let mut in_group = false;
    while let Some(t) = rest.peek() {
        match t {
            TokenTree::Ident(_) => {
                if !in_group {
                    break;
                }
                rest.next();
            }
            TokenTree::Punct(p) if p.as_char() == ',' => {
                in_group = true;
                rest.next();
            }
            TokenTree::Group(g) if g.delimiter() == proc_macro2::Delimiter::Brace => {
                rest.next();
                break;
            }
            _ => break,
        }
    }
    let colons: Vec<char> = rest
        .by_ref()
        .take(2)
        .filter_map(|t| match t {
            TokenTree::Punct(p) => Some(p.as_char()),
            _ => None,
        })
        .collect();
    colons == [':', ':'] && matches!(rest.next(), Some(TokenTree::Ident(i)) if i == "state")
}

#[test]
fn only_the_root_dispatches() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("src/components");
    let mut entries: Vec<_> = std::fs::read_dir(&dir)
        .expect("read src/components")
        .map(|e| e.expect("dir entry").path())
        .filter(|p| p.extension().is_some_and(|e| e == "rs"))
        .collect();
    entries.sort();
    assert!(entries.len() > 10, "the components are where they were");
    let mut broken = Vec::new();
    let mut kept = Vec::new();
    for path in entries {
        let name = path
            .file_name()
            .and_then(|n| n.to_str())
            .expect("a file name")
            .to_string();
        if ROOT.contains(&name.as_str()) {
            continue;
        }
        let source = std::fs::read_to_string(&path).expect("read a component");
        let found = reaches_for_app_state(&name, &source);
        match (NOT_YET.iter().any(|(n, _)| *n == name), found.is_empty()) {
            (false, false) => broken.extend(found),
            (true, true) => kept.push(name),
            (false, true) | (true, false) => {}
        }
    }
    assert!(
        broken.is_empty(),
        "only app.rs dispatches; a leaf takes props and Callbacks:\n{}",
        broken.join("\n")
    );
    assert!(
        kept.is_empty(),
        "these now keep the rule: take them off NOT_YET: {kept:?}"
    );
}

#[test]
fn the_check_sees_the_handle_the_actions_and_the_context() {
    let leaf = r#"
        use super::AppHandle;
        use crate::state::{View, Action};
        fn f() -> Html {
            let app = use_context::<AppHandle>().expect("context");
            html! { <button onclick={move |_| app.dispatch(crate::state::Action::TogglePanel)} /> }
        }
    "#;
    let found = reaches_for_app_state("leaf.rs", leaf);
    assert_eq!(
        found,
        [
            "leaf.rs: AppHandle",
            "leaf.rs: state::Action",
            "leaf.rs: use_context (read with use_app())",
            "leaf.rs: AppHandle",
            "leaf.rs: state::Action",
        ]
    );
    // A component's own reducer may name its own `Action`; comments do not count.
    let local = r#"
        // Once this read the AppHandle from context.
        impl Reducible for Review { type Action = Msg; fn reduce(self: Rc<Self>, a: Msg) -> Rc<Self> { self } }
        fn g(review: UseReducerHandle<Review>) { review.dispatch(Msg::Clear) }
    "#;
    assert!(reaches_for_app_state("local.rs", local).is_empty());
}
