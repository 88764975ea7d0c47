#![cfg(not(target_arch = "wasm32"))]
//! The stylesheet is well formed: every block it opens it closes (CSS forgives a block left
//! open by running it to the end of the file, which once made the comparison view's rules apply
//! on phones only, after a merge lost a brace), and every `var(--x)` it uses is declared. Read
//! with `cssparser`, the tokenizer of Servo (and of lol_html, already built).

use cssparser::{Parser, ParserInput, Token};
use std::collections::BTreeSet;

const CSS: &str = include_str!("../static/style.css");

#[derive(Default)]
struct Found {
    /// Blocks run to the end of the file: the line they open on.
    unclosed: Vec<u32>,
    /// A `}` with no block open: its line.
    stray: Vec<u32>,
    declared: BTreeSet<String>,
    used: BTreeSet<(String, u32)>,
}

fn walk(p: &mut Parser<'_, '_>, found: &mut Found) {
    let mut last_ident: Option<String> = None;
    loop {
        let line = p.current_source_location().line + 1;
        let token = match p.next_including_whitespace_and_comments() {
            Ok(t) => t.clone(),
            Err(_) => return,
        };
        match &token {
            Token::CurlyBracketBlock
            | Token::ParenthesisBlock
            | Token::SquareBracketBlock
            | Token::Function(_) => {
                let close = match &token {
                    Token::CurlyBracketBlock => '}',
                    Token::SquareBracketBlock => ']',
                    _ => ')',
                };
                let start = p.position();
                let is_var =
                    matches!(&token, Token::Function(name) if name.eq_ignore_ascii_case("var"));
                let _ =
                    p.parse_nested_block(|inner| -> Result<(), cssparser::ParseError<'_, ()>> {
                        if is_var {
                            let at = inner.current_source_location().line + 1;
                            if let Ok(Token::Ident(name)) = inner.next() {
                                found.used.insert((name.to_string(), at));
                            }
                        }
                        walk(inner, found);
                        Ok(())
                    });
                if !p.slice_from(start).ends_with(close) {
                    found.unclosed.push(line);
                }
            }
            Token::CloseCurlyBracket => found.stray.push(line),
            Token::Colon => {
                if let Some(name) = last_ident.take().filter(|n| n.starts_with("--")) {
                    found.declared.insert(name);
                }
            }
            _ => {}
        }
        match token {
            Token::Ident(name) => last_ident = Some(name.to_string()),
            Token::WhiteSpace(_) | Token::Comment(_) => {}
            _ => last_ident = None,
        }
    }
}

fn read(css: &str) -> Found {
    let mut input = ParserInput::new(css);
    let mut parser = Parser::new(&mut input);
    let mut found = Found::default();
    walk(&mut parser, &mut found);
    found
}

#[test]
fn every_block_the_stylesheet_opens_it_closes() {
    let found = read(CSS);
    assert!(
        found.unclosed.is_empty(),
        "static/style.css: blocks never closed, opened on lines {:?}",
        found.unclosed
    );
    assert!(
        found.stray.is_empty(),
        "static/style.css: a `}}` closes nothing on lines {:?}",
        found.stray
    );
}

#[test]
fn every_variable_the_stylesheet_uses_is_declared() {
    let found = read(CSS);
    let missing: Vec<String> = found
        .used
        .iter()
        .filter(|(name, _)| !found.declared.contains(name))
        .map(|(name, line)| format!("{name} (line {line})"))
        .collect();
    assert!(
        !found.declared.is_empty(),
        "no custom property found: the reading is broken"
    );
    assert!(
        missing.is_empty(),
        "static/style.css uses undeclared variables: {missing:?}"
    );
}

#[test]
fn the_reading_finds_what_is_wrong() {
    // A media block a merge left open, a stray brace, a variable never declared.
    let found =
        read(":root { --fg: #000; }\n@media (max-width: 600px) {\n  a { color: var(--fg); }\n");
    assert_eq!(found.unclosed, vec![2]);
    let found = read("a { color: red; }\n}\nb { color: var(--nope); }\n");
    assert_eq!(found.stray, vec![2]);
    assert!(found.used.iter().any(|(n, l)| n == "--nope" && *l == 3));
    assert!(!found.declared.contains("--nope"));
    let found = read("a { color: red; }\n");
    assert!(found.unclosed.is_empty() && found.stray.is_empty());
}
