//! Short, editable labels from the words around a figure, and ids made from them.

use super::scan::Found;
use super::tables as t;
use super::text::{is_cjk, is_word_char, Src};
use crate::model::dataset::Text;
use crate::model::lang::Lang;
use crate::model::units::Unit;

const MAX_WORDS: usize = 8;
const MAX_ZH_CHARS: usize = 20;
const MAX_CHARS: usize = 60;

/// A label and whether it was guessed (read from words after the figure, from the clause
/// before, from a verb, or cut short), so the reviewer is told to check it.
#[derive(Debug, Clone, PartialEq)]
pub struct Labelled {
    pub text: String,
    pub guessed: bool,
}

fn sure(text: String) -> Labelled {
    Labelled {
        text,
        guessed: false,
    }
}

fn guess(text: String) -> Labelled {
    Labelled {
        text,
        guessed: true,
    }
}

/// A label from the clause: the words before the figure (from `seg_start`; when that is the
/// end of the figure before, only what follows its last "and"), else the words
/// after it up to `clause_end`; a count is named by its noun; a bare change ("an increase of")
/// borrows the label of the figure before it, `prev`; a figure right after a verb of money
/// ("spent", "generating") is named by the verb's noun and what follows, or by the clause
/// before it, `prev_clause`. Reporting clauses ("officials said", 表示) never name it.
/// `None` when nothing is left.
pub fn label(
    src: &Src,
    f: &Found,
    seg_start: usize,
    clause_end: usize,
    prev: Option<&str>,
    after_figure: bool,
    prev_clause: &str,
) -> Option<Labelled> {
    let after = src
        .text
        .get(f.span.end..clause_end.max(f.span.end))
        .unwrap_or("");
    if let Some(n) = f.noun.clone().and_then(|r| src.text.get(r)) {
        return Some(count_label(n, after));
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
    let zh = before.chars().chain(after.chars()).any(is_cjk);
    if let Some(p) = prev {
        let tail = before.trim_end();
        if let Some(w) = t::LABEL_CHANGE
            .iter()
            .find(|w| tail.ends_with(**w) && w.chars().any(is_cjk))
        {
            return Some(sure(format!("{p}{w}")));
        }
    }
    let found = if zh {
        zh_label(before, after)
    } else {
        en_label(before, after, prev_clause, f.unit.is_area())
    };
    // "the 14 nurseries together raise up to 2 million saplings": an adverb is no label; a
    // counted thing is named by its word in the figure.
    let adverb = |l: &Labelled| {
        !l.text.contains(' ') && (l.text.ends_with("ly") || t::ADVERBS.contains(&l.text.as_str()))
    };
    let found = match found {
        Some(l) if !zh && adverb(&l) && f.unit.code().starts_with('{') => {
            counted_word(src, f).map(guess).or(Some(l))
        }
        found => found,
    };
    match (found, prev) {
        (Some(l), Some(p)) if t::LABEL_CHANGE.contains(&l.text.to_ascii_lowercase().as_str()) => {
            Some(guess(format!("{} in {p}", l.text)))
        }
        (found, _) => found,
    }
}

/// The word of a counted thing inside a figure: "saplings" in "2 million saplings a year".
fn counted_word(src: &Src, f: &Found) -> Option<String> {
    let inside = src.text.get(f.number.end..f.span.end)?;
    lower_words(inside)
        .into_iter()
        .find(|(l, _)| {
            !t::SCALES.iter().any(|(w, _)| w == l)
                && !t::STOP_WORDS.contains(&l.as_str())
                && !t::RATES_AFTER
                    .iter()
                    .any(|(w, _)| w.split(' ').any(|p| p == l))
        })
        .map(|(_, w)| w.to_string())
}

fn lower_words(s: &str) -> Vec<(String, &str)> {
    s.split_whitespace()
        .map(|w| w.trim_matches(|c: char| !(is_word_char(c) || c == '-' || c == '\'')))
        .filter(|w| !w.is_empty())
        .map(|w| (w.to_ascii_lowercase(), w))
        .collect()
}

/// A count named by its noun, with what the clause says about it: "households" that
/// "returned cropland to forest", "households" "in mountain districts".
fn count_label(noun: &str, after: &str) -> Labelled {
    if noun.chars().any(is_cjk) {
        return sure(noun.to_string());
    }
    let words = lower_words(after);
    let mut k = 0;
    // The noun itself may be followed by more of its phrase ("local rangers"): skip it.
    while words
        .get(k)
        .is_some_and(|(l, _)| noun.to_ascii_lowercase().contains(l.as_str()))
    {
        k += 1;
    }
    let be = words
        .get(k)
        .is_some_and(|(l, _)| ["were", "was", "are", "is"].contains(&l.as_str()));
    k += usize::from(be);
    let lead = match words.get(k) {
        Some((l, w)) if t::COUNT_PREPOSITIONS.contains(&l.as_str()) => Some(format!("{noun} {w}")),
        Some((l, w)) if !be && (l.ends_with("ed") || t::COUNT_VERBS.contains(&l.as_str())) => {
            Some(format!("{noun} that {w}"))
        }
        Some(_) | None => None,
    };
    let Some(lead) = lead else {
        return sure(noun.to_string());
    };
    let rest: Vec<&str> = words[(k + 1).min(words.len())..]
        .iter()
        .take_while(|(l, w)| {
            !t::PHRASE_END.contains(&l.as_str())
                && !t::LABEL_STOP.contains(&l.as_str())
                && !w.chars().any(|c| c.is_ascii_digit())
        })
        .take(5)
        .map(|(_, w)| *w)
        .collect();
    match trim_run(&rest) {
        Some(r) => sure(format!("{lead} {r}")),
        None => sure(noun.to_string()),
    }
}

/// The part of a clause that is not a reporting phrase: "officials said the county's forest
/// cover reached" → "the county's forest cover reached"; "according to the county, the farm
/// raised" → "the farm raised".
fn drop_reporting(s: &str) -> &str {
    let lower = s.to_ascii_lowercase();
    let mut out = s;
    for w in t::REPORTING.iter().filter(|w| w.is_ascii()) {
        let Some(k) = find_word(&lower, w) else {
            continue;
        };
        let rest = &s[k + w.len()..];
        out = match rest.find(',') {
            Some(c) if *w == "according to" => &rest[c + 1..],
            Some(_) | None if *w == "according to" => &s[..k],
            Some(_) | None => rest.trim_start().strip_prefix("that ").unwrap_or(rest),
        };
        break;
    }
    out
}

/// A whole word's byte offset in lower-cased text.
fn find_word(lower: &str, w: &str) -> Option<usize> {
    let mut from = 0;
    while let Some(k) = lower.get(from..).and_then(|r| r.find(w)) {
        let at = from + k;
        let open = lower[..at]
            .chars()
            .next_back()
            .is_none_or(|c| !is_word_char(c));
        let close = lower[at + w.len()..]
            .chars()
            .next()
            .is_none_or(|c| !is_word_char(c));
        if open && close {
            return Some(at);
        }
        from = at + w.len();
    }
    None
}

fn en_label(before: &str, after: &str, prev_clause: &str, area: bool) -> Option<Labelled> {
    let before = drop_reporting(before);
    // "HILLTOP COUNTY, Northland Province — Forest farms": a dateline is not the subject.
    let before = [" — ", " – ", " -- "]
        .iter()
        .filter_map(|w| before.rfind(w).map(|k| k + w.len()))
        .max()
        .and_then(|k| before.get(k..))
        .unwrap_or(before);
    let words = lower_words(before);
    let last = words.last().map(|(l, _)| l.as_str());
    // "spent 4.3 billion yuan on rangers", "raised … by selling carbon credits".
    if let Some((_, noun)) = last.and_then(|l| t::VERB_NOUNS.iter().find(|(v, _)| *v == l)) {
        if let Some(tail) = for_phrase(after) {
            return Some(guess(format!("{noun} {tail}")));
        }
        // "sold its first carbon credits, generating 600 million yuan": from the clause before.
        let back = last.is_some_and(|l| t::VERB_NOUNS_BACK.contains(&l)) && words.len() == 1;
        if let Some(o) = back
            .then(|| last_run(drop_reporting(prev_clause)))
            .flatten()
            .filter(|o| !is_who(o))
        {
            return Some(guess(format!("{noun} from {o}")));
        }
    }
    // "forest farms spanning 93,000 hectares": the subject, as an area when it is one.
    if let Some(p) = last.filter(|l| t::MEASURE_PARTICIPLES.contains(l)) {
        let head: Vec<&str> = words[..words.len() - 1].iter().map(|(_, w)| *w).collect();
        if let Some(subject) = en_words(&head.join(" ")).filter(|s| !is_who(s)) {
            let named = if area && p != "worth" && !subject.to_ascii_lowercase().contains("area") {
                format!("{} area", singular(&subject))
            } else {
                subject
            };
            return Some(sure(named));
        }
    }
    // "together raise up to 2 million saplings": the object after a verb names it.
    if last.is_some_and(|l| t::LABEL_STOP.contains(&l)) {
        let first = lower_words(after).first().map(|(l, _)| l.clone());
        let noun = first.is_some_and(|l| {
            !t::LABEL_LEAD.contains(&l.as_str())
                && !t::STOP_WORDS.contains(&l.as_str())
                && !t::LABEL_STOP.contains(&l.as_str())
        });
        if let Some(l) = noun.then(|| en_words(after)).flatten() {
            return Some(guess(l));
        }
    }
    let found = en_words(before);
    // "treated 18,500 hectares of farmland": what follows "of" names it when the words
    // before are only a verb.
    let weak = found.as_ref().is_none_or(|l| {
        !l.contains(' ')
            && (l.ends_with("ed") || t::LABEL_STOP.contains(&l.to_ascii_lowercase().as_str()))
    });
    if weak {
        if let Some(rest) = after.trim_start().strip_prefix("of ") {
            if let Some(l) = en_words(rest) {
                return Some(guess(l));
            }
        }
    }
    match found {
        Some(l) if !is_who(&l) => Some(sure(l)),
        weak => en_words(drop_reporting(after))
            .filter(|l| !is_who(l))
            .map(guess)
            .or_else(|| weak.map(guess)),
    }
}

/// What a money figure is for, from the words after it: "on rangers and fire towers",
/// "by selling carbon credits" (read "from selling carbon credits").
fn for_phrase(after: &str) -> Option<String> {
    let words = lower_words(after);
    let (first, _) = words.first()?;
    let (_, says) = t::FOR_AFTER.iter().find(|(w, _)| w == first)?;
    let rest: Vec<&str> = words[1..]
        .iter()
        .take_while(|(l, w)| {
            // "on rangers and fire towers": "and" joins the purpose here.
            let ends = t::PHRASE_END.contains(&l.as_str()) && l != "and";
            !ends && !w.chars().any(|c| c.is_ascii_digit())
        })
        .take(6)
        .map(|(_, w)| *w)
        .collect();
    let rest = trim_run(&rest)?;
    Some(format!("{says} {rest}"))
}

/// Whether a label only says who did it: "the county", "officials".
fn is_who(label: &str) -> bool {
    let words = lower_words(label);
    !words.is_empty()
        && words.iter().all(|(l, _)| {
            t::WHO_WORDS.contains(&l.trim_end_matches("'s"))
                || t::LABEL_LEAD.contains(&l.as_str())
                || l.chars().next().is_some_and(|c| c.is_ascii_uppercase())
        })
        && words.len() <= 3
        && words
            .iter()
            .any(|(l, _)| t::WHO_WORDS.contains(&l.trim_end_matches("'s")))
}

/// "forest farms" → "forest farm" (for "forest farm area").
fn singular(s: &str) -> String {
    match s.strip_suffix('s') {
        Some(stem) if !stem.ends_with('s') && !stem.ends_with('u') => stem.to_string(),
        Some(_) | None => s.to_string(),
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
    // "an annual salary of 10,000 yuan": the noun phrase right before "of" names the measure
    // (back to its article); otherwise the subject, before the first verb.
    // "cut diesel use by 90 tonnes": likewise before "by".
    let last = runs.last().filter(|r| {
        r.last()
            .is_some_and(|w| ["of", "by"].contains(&lower(w).as_str()))
    });
    if let Some(r) = last {
        let body = &r[..r.len() - 1];
        let from = body
            .iter()
            .rposition(|w| {
                ["a", "an", "the", "its", "their", "his", "her"].contains(&lower(w).as_str())
            })
            .map_or(0, |k| k + 1);
        if let Some(l) = trim_run(&body[from..]).or_else(|| trim_run(r)) {
            return Some(drop_possessive(l));
        }
    }
    runs.iter()
        .find_map(|run| trim_run(run))
        .map(drop_possessive)
}

/// The last run of words between verbs: the object of the clause's last verb.
fn last_run(s: &str) -> Option<String> {
    let words = lower_words(s);
    let from = words
        .iter()
        .rposition(|(l, w)| {
            t::LABEL_STOP.contains(&l.as_str()) || w.chars().any(|c| c.is_ascii_digit())
        })
        .map_or(0, |k| k + 1);
    let run: Vec<&str> = words[from..].iter().map(|(_, w)| *w).collect();
    trim_run(&run)
}

/// "county's forest cover" → "forest cover": whose it is is the place, not the measure.
fn drop_possessive(l: String) -> String {
    match l.split_once(' ') {
        Some((first, rest)) if first.ends_with("'s") && !rest.is_empty() => rest.to_string(),
        Some(_) | None => l,
    }
}

fn trim_run(run: &[&str]) -> Option<String> {
    let lower = |w: &str| w.to_ascii_lowercase();
    // "By March": a month is a date, not what is measured.
    let dated: Vec<&str> = run
        .iter()
        .copied()
        .filter(|w| !t::MONTHS.contains(&lower(w).as_str()))
        .collect();
    let run = dated.as_slice();
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

/// A Chinese label: the noun phrase before the number, cut after the last number and
/// punctuation before it, a reporting phrase (…表示) dropped; else the words after it.
fn zh_label(before: &str, after: &str) -> Option<Labelled> {
    let before = after_last_number(before);
    let before = before
        .rfind(|c: char| "，。；：、—（）()!?！？“”\"".contains(c))
        .and_then(|k| before.get(k..))
        .map(|r| r.trim_start_matches(|c: char| !is_cjk(c) && !is_word_char(c)))
        .unwrap_or(before);
    let before = t::REPORTING
        .iter()
        .filter(|w| !w.is_ascii())
        .filter_map(|w| before.rfind(w).map(|k| &before[k + w.len()..]))
        .min_by_key(|r| r.len())
        .unwrap_or(before);
    if let Some(l) = zh_words(before) {
        return Some(sure(zh_noun(&l)));
    }
    zh_words(
        after
            .split(|c: char| "，。；：、".contains(c))
            .next()
            .unwrap_or(""),
    )
    .map(|l| guess(zh_noun(&l)))
}

/// The text after the last number in `s` and the scale, 余/多 and unit that follow it, so a
/// label never starts inside the figure before ("00余万元在位于…").
fn after_last_number(s: &str) -> &str {
    let Some(k) = s.rfind(|c: char| c.is_ascii_digit() || ('０'..='９').contains(&c)) else {
        return s;
    };
    let mut rest = s.get(k..).unwrap_or("");
    rest = rest.trim_start_matches(|c: char| {
        c.is_ascii_digit() || ('０'..='９').contains(&c) || ".．,余多几十百千万亿%％".contains(c)
    });
    let unit = t::units()
        .iter()
        .map(|(w, _)| *w)
        .chain(t::MEASURE_WORDS.iter().copied())
        .chain(["人", "户", "名"])
        .filter(|w| rest.starts_with(*w))
        .map(str::len)
        .max()
        .unwrap_or(0);
    rest.get(unit..).unwrap_or("")
}

/// A label's noun: a lead verb dropped when a noun follows (投入护林资金 → 护林资金), a lone
/// verb named by its object (投入 → 投入资金), the means kept with what it yields
/// (通过出售碳汇实现收入 → 出售碳汇收入).
fn zh_noun(l: &str) -> String {
    let (means, yields) = t::MEANS_ZH;
    if let Some(k) = l.find(means) {
        let m = &l[k + means.len()..];
        if let Some((j, y)) = yields.iter().find_map(|y| m.find(y).map(|j| (j, *y))) {
            let (how, what) = (&m[..j], &m[j + y.len()..]);
            if !how.is_empty() && !what.is_empty() {
                return format!("{how}{what}");
            }
        }
    }
    if let Some((_, n)) = t::VERB_NOUNS_ZH.iter().find(|(v, _)| *v == l) {
        return n.to_string();
    }
    match t::LABEL_VERBS_ZH.iter().find_map(|v| l.strip_prefix(v)) {
        Some(rest) if rest.chars().count() >= 2 => rest.to_string(),
        Some(_) | None => l.to_string(),
    }
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

/// The language a text is written in: Chinese when it holds Chinese characters in its first
/// 2,000 bytes, else English (the drafter reads these two).
pub fn language(text: &str) -> Lang {
    let head = text
        .char_indices()
        .take_while(|(k, _)| *k < 2000)
        .map(|(_, c)| c);
    if head.filter(|c| is_cjk(*c)).take(8).count() >= 8 {
        Lang::Zh
    } else {
        Lang::En
    }
}

/// A label in its own language, and a marked copy for the other interface language until
/// someone writes it there ("森林覆盖率 [to translate]").
pub fn in_both(label: &str) -> Text {
    let mark = |l: Lang| format!("{label}{}", crate::i18n::tr(l).draft_to_translate);
    if label.chars().any(is_cjk) {
        Text::new([("zh", label.to_string()), ("en", mark(Lang::En))])
    } else {
        Text::new([("en", label.to_string()), ("zh", mark(Lang::Zh))])
    }
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
        within_id_limit(format!(
            "f{k}_{}",
            if code.is_empty() { "share" } else { &code }
        ))
    } else {
        within_id_limit(format!("f{k}_{}", words.join("_")))
    }
}

/// An id cut to the format's limit (`MAX_ID_CHARS`), at a `_` where one is near: the `f{k}_`
/// prefix keeps it unique, and a long compound word cannot make a draft the explorer refuses.
fn within_id_limit(id: String) -> String {
    use crate::model::limits::MAX_ID_CHARS;
    // ASCII only (built from ASCII letters and digits): bytes are characters.
    if id.len() <= MAX_ID_CHARS {
        return id;
    }
    let cut = &id[..MAX_ID_CHARS];
    let at = cut
        .rfind('_')
        .filter(|i| *i > MAX_ID_CHARS / 2)
        .unwrap_or(MAX_ID_CHARS);
    cut[..at].trim_end_matches('_').to_string()
}
