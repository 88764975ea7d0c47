//! Short, editable labels from the words around a figure, and ids made from them.

use super::scan::Found;
use super::tables as t;
use super::text::{is_cjk, is_word_char, Src};
use crate::model::units::Unit;

const MAX_WORDS: usize = 8;
const MAX_ZH_CHARS: usize = 20;
const MAX_CHARS: usize = 60;

/// A label from the clause: the words before the figure (from `seg_start`; when that is the
/// end of the figure before, only what follows its last "and"), else the words
/// after it up to `clause_end`; a count is named by its noun; a bare change ("an increase of")
/// borrows the label of the figure before it, `prev`. `None` when nothing is left.
pub fn label(
    src: &Src,
    f: &Found,
    seg_start: usize,
    clause_end: usize,
    prev: Option<&str>,
    after_figure: bool,
) -> Option<String> {
    if let Some(n) = f.noun.clone().and_then(|r| src.text.get(r)) {
        return Some(n.to_string());
    }
    let mut before = src.text.get(seg_start..f.span.start).unwrap_or("");
    if after_figure {
        // "…55.76 million yuan for public-benefit forests and 356.65 million yuan in grassland
        // awards": the words before "and" belong to the figure before.
        let cut = [" and ", " while ", " whereas ", "和", "及", "并"]
            .iter()
            .filter_map(|w| before.rfind(w).map(|k| k + w.len()))
            .max();
        if let Some(k) = cut {
            before = &before[k..];
        }
    }
    let after = src
        .text
        .get(f.span.end..clause_end.max(f.span.end))
        .unwrap_or("");
    let zh = before.chars().chain(after.chars()).any(is_cjk);
    if let Some(p) = prev {
        let tail = before.trim_end();
        if let Some(w) = t::LABEL_CHANGE
            .iter()
            .find(|w| tail.ends_with(**w) && w.chars().any(is_cjk))
        {
            return Some(format!("{p}{w}"));
        }
    }
    let name = |s: &str| if zh { zh_words(s) } else { en_words(s) };
    let found = name(before).or_else(|| name(after));
    match (found, prev) {
        (Some(l), Some(p)) if t::LABEL_CHANGE.contains(&l.to_ascii_lowercase().as_str()) => {
            Some(format!("{l} in {p}"))
        }
        (found, _) => found,
    }
}

/// A run of words between verbs, trimmed of lead and trail words:
/// "have been attracted and a comprehensive tourism income of" → "comprehensive tourism income".
fn en_words(s: &str) -> Option<String> {
    let words: Vec<&str> = s
        .split_whitespace()
        .map(|w| w.trim_matches(|c: char| !(is_word_char(c) || c == '-' || c == '\'')))
        .filter(|w| !w.is_empty())
        .collect();
    let lower = |w: &str| w.to_ascii_lowercase();
    let is_verb = |w: &str| t::LABEL_STOP.contains(&lower(w).as_str());
    let mut runs: Vec<Vec<&str>> = vec![Vec::new()];
    let mut after_verb = false;
    for w in words {
        let participle = after_verb && lower(w).ends_with("ed");
        if is_verb(w) || participle || w.chars().any(|c| c.is_ascii_digit()) {
            runs.push(Vec::new());
            after_verb = is_verb(w) || participle;
        } else if let Some(run) = runs.last_mut() {
            run.push(w);
            after_verb = false;
        }
    }
    // "an annual salary of 10,000 yuan": the words right before "of" name the measure;
    // otherwise the subject, before the first verb.
    let last = runs
        .last()
        .filter(|r| r.last().is_some_and(|w| lower(w) == "of"));
    last.and_then(|r| trim_run(r))
        .or_else(|| runs.iter().find_map(|run| trim_run(run)))
}

fn trim_run(run: &[&str]) -> Option<String> {
    let lower = |w: &str| w.to_ascii_lowercase();
    let start = run
        .iter()
        .position(|w| !t::LABEL_LEAD.contains(&lower(w).as_str()))?;
    let mut kept = &run[start..];
    kept = &kept[..kept.len().min(MAX_WORDS)];
    while let Some(last) = kept.last() {
        if t::LABEL_TRAIL.contains(&lower(last).as_str()) {
            kept = &kept[..kept.len() - 1];
        } else {
            break;
        }
    }
    (!kept.is_empty()).then(|| kept.join(" "))
}

fn zh_words(s: &str) -> Option<String> {
    let mut rest: &str = s.trim_matches(|c: char| !is_cjk(c) && !is_word_char(c));
    loop {
        let before = rest.len();
        rest = rest.trim_start_matches(|c: char| {
            c.is_ascii_digit() || c.is_whitespace() || "—–-~～至到年,，、：:（）()".contains(c)
        });
        if let Some(w) = t::LABEL_LEAD_ZH.iter().find(|w| rest.starts_with(**w)) {
            rest = &rest[w.len()..];
        }
        if let Some(w) = t::LABEL_TRAIL_ZH.iter().find(|w| rest.ends_with(**w)) {
            rest = &rest[..rest.len() - w.len()];
        }
        rest = rest.trim_end_matches(|c: char| c.is_whitespace() || "，、：:".contains(c));
        if rest.len() == before {
            break;
        }
    }
    let chars: Vec<char> = rest.chars().collect();
    let tail: String = chars[chars.len().saturating_sub(MAX_ZH_CHARS)..]
        .iter()
        .collect();
    (!tail.is_empty()).then_some(tail)
}

pub fn suffix(label: &str, s: &str) -> String {
    format!("{label} {s}")
}

pub fn cap_chars(s: &str, n: usize) -> String {
    if s.chars().count() <= n {
        s.to_string()
    } else {
        let mut out: String = s.chars().take(n.saturating_sub(1)).collect();
        out.push('…');
        out
    }
}

pub fn cap(label: &str) -> String {
    cap_chars(label, MAX_CHARS)
}

/// `f3_forest_coverage_rate`: the figure's number and up to three words of its label (ASCII
/// snake case), or its unit code when the label has no ASCII words.
pub fn id(k: usize, label: &str, unit: &Unit) -> String {
    let words: Vec<String> = label
        .split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_ascii_lowercase)
        .filter(|w| {
            !matches!(
                w.as_str(),
                "the" | "of" | "and" | "a" | "an" | "in" | "for" | "to" | "from"
            )
        })
        .take(3)
        .collect();
    if words.is_empty() {
        // A unit code may hold `/`, `%` or braces: only its letters and digits go in an id.
        let code: String = unit
            .code()
            .chars()
            .map(|c| {
                if c.is_ascii_alphanumeric() {
                    c.to_ascii_lowercase()
                } else {
                    '_'
                }
            })
            .collect();
        let code = code
            .split('_')
            .filter(|w| !w.is_empty())
            .collect::<Vec<_>>()
            .join("_");
        format!("f{k}_{}", if code.is_empty() { "share" } else { &code })
    } else {
        format!("f{k}_{}", words.join("_"))
    }
}
