//! The front of a drafted case: its title (the headline of the title line), its place (the
//! names the first paragraphs give) and its intro (the lead of the first body paragraph).

use std::ops::Range;

use super::label::cap_chars;
use super::tables as t;
use super::text::{is_cjk, sentences, Src};

#[derive(Debug, Clone, PartialEq, Default)]
pub struct Front {
    pub title: String,
    /// `None`: the text names no place.
    pub place: Option<String>,
    pub intro: Option<String>,
}

/// Title, place and intro of a text cut into `paragraphs` (the first is the title line).
pub fn front(src: &Src, paragraphs: &[Range<usize>]) -> Front {
    let para = |r: &Range<usize>| src.text.get(r.clone()).unwrap_or("").trim();
    let title = paragraphs
        .first()
        .map(|p| title(para(p)))
        .unwrap_or_default();
    let head: Vec<&str> = paragraphs
        .iter()
        .take(t::FRONT_PARAGRAPHS)
        .map(para)
        .collect();
    let intro = paragraphs
        .iter()
        .skip(1)
        .take(t::FRONT_PARAGRAPHS)
        .find(|p| is_body(para(p)))
        .map(|p| intro(src, p.clone()));
    Front {
        title,
        place: place(&head),
        intro,
    }
}

/// The headline: the title line cut at its deck (" – ", ": ", ——) and at about 80 characters,
/// at a word or punctuation boundary.
fn title(line: &str) -> String {
    let head = t::HEADLINE_ENDS
        .iter()
        .filter_map(|w| line.find(w))
        .filter(|&k| line[..k].chars().count() >= 4)
        .min()
        .map_or(line, |k| &line[..k]);
    let head = head.trim();
    if head.chars().count() <= t::TITLE_MAX {
        return head.to_string();
    }
    let cut: String = head.chars().take(t::TITLE_MAX).collect();
    let at = cut
        .char_indices()
        .rev()
        .find(|&(k, c)| k > 0 && (c.is_whitespace() || "，。；：、,;:".contains(c)))
        .map_or(cut.len(), |(k, _)| k);
    let out = cut[..at].trim_end_matches(|c: char| "，。；：、,;: ".contains(c));
    format!("{out}…")
}

/// A paragraph of the body: a sentence or more, not a date line or a section heading.
fn is_body(p: &str) -> bool {
    let cjk = p.chars().any(is_cjk);
    let n = p.chars().count();
    let ends = p
        .chars()
        .next_back()
        .is_some_and(|c| ".。!！?？”\"".contains(c));
    let letters = p.chars().filter(|c| c.is_alphabetic()).count();
    ends && letters * 2 > n && n >= if cjk { 16 } else { 60 }
}

/// The lead sentence or two of a body paragraph, its dateline (HILLTOP COUNTY — , 本报讯) left
/// out.
fn intro(src: &Src, p: Range<usize>) -> String {
    let text = src.text.get(p.clone()).unwrap_or("");
    let mut start = p.start;
    let head: String = text.chars().take(40).collect();
    if let Some(k) = [" — ", " – ", " -- "]
        .iter()
        .filter_map(|w| head.find(w).map(|k| k + w.len()))
        .min()
    {
        let tag = &head[..k];
        if tag
            .split_whitespace()
            .next()
            .is_some_and(|w| w.len() > 1 && w.chars().all(|c| !c.is_lowercase()))
        {
            start += k;
        }
    }
    if let Some(k) = t::DATELINE_ZH
        .iter()
        .filter_map(|w| head.find(w).map(|k| k + w.len()))
        .min()
    {
        start = start.max(p.start + k);
    }
    let lead: Vec<Range<usize>> = sentences(src, start..p.end).into_iter().take(2).collect();
    let quote = |r: &Range<usize>| src.text.get(r.clone()).unwrap_or("").trim();
    let mut out = lead.first().map(quote).unwrap_or("").to_string();
    if let Some(second) = lead.get(1).map(quote) {
        if out.chars().count() + second.chars().count() <= 240 {
            if !out.chars().any(is_cjk) {
                out.push(' ');
            }
            out.push_str(second);
        }
    }
    cap_chars(&out, 300)
}

/// The place the text names: county level then province level ("Hilltop County, Northland
/// Province"; 北川省青山县), the first of each.
fn place(paragraphs: &[&str]) -> Option<String> {
    let level = |k: usize| {
        paragraphs
            .iter()
            .find_map(|p| en_place(p, t::PLACE_EN[k]).or_else(|| zh_place(p, t::PLACE_ZH[k])))
    };
    match (level(0), level(1)) {
        (Some(c), Some(p)) if c.chars().any(is_cjk) => Some(format!("{p}{c}")),
        (Some(c), Some(p)) => Some(format!("{c}, {p}")),
        (Some(one), None) | (None, Some(one)) => Some(one),
        (None, None) => None,
    }
}

/// "Hilltop County", "HILLTOP COUNTY" (as Hilltop County): capitalised words before a place word.
fn en_place(p: &str, words: &[&str]) -> Option<String> {
    let tokens: Vec<&str> = p.split_whitespace().collect();
    for (k, tok) in tokens.iter().enumerate() {
        let Some(word) = words.iter().find(|w| w.eq_ignore_ascii_case(bare(tok))) else {
            continue;
        };
        let name: Vec<String> = tokens[..k]
            .iter()
            .rev()
            .take_while(|w| {
                let b = bare(w);
                // A name does not run across punctuation: "Savings: How Hilltop Banner".
                b.len() == w.trim_end_matches("'s").len()
                    && b.chars().next().is_some_and(|c| c.is_uppercase())
                    && !t::NOT_PLACE_EN.contains(&b)
                    && !t::PLACE_EN
                        .iter()
                        .flat_map(|l| l.iter())
                        .any(|p| p.eq_ignore_ascii_case(b))
            })
            .take(3)
            .map(|w| title_case(w.trim_end_matches("'s")))
            .collect();
        if !name.is_empty() {
            let mut name: Vec<String> = name.into_iter().rev().collect();
            name.push((*word).to_string());
            return Some(name.join(" "));
        }
    }
    None
}

/// A token without the punctuation around it.
fn bare(w: &str) -> &str {
    w.trim_matches(|c: char| !c.is_alphanumeric() && c != '\'')
}

fn title_case(w: &str) -> String {
    let mut c = w.chars();
    match c.next() {
        Some(f) => f
            .to_uppercase()
            .chain(c.flat_map(char::to_lowercase))
            .collect(),
        None => String::new(),
    }
}

/// 青山县, 北川省, 北岭后旗: the two or three characters before a place character, when they
/// can open a name.
fn zh_place(p: &str, ends: &[&str]) -> Option<String> {
    let chars: Vec<char> = p.chars().collect();
    for end in ends {
        let e: Vec<char> = end.chars().collect();
        for k in 2..chars.len() {
            if chars.get(k..k + e.len()) != Some(&e[..]) {
                continue;
            }
            let n = chars[k.saturating_sub(3)..k]
                .iter()
                .rev()
                .take_while(|c| is_cjk(**c) && !t::NOT_PLACE_ZH.contains(**c))
                .count();
            if n >= 2 {
                return Some(chars[k - n..k].iter().chain(e.iter()).collect());
            }
        }
    }
    None
}
