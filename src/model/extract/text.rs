//! The text as the extractor walks it: byte offsets into the original string, paragraphs as the
//! explorer numbers them, sentences, clauses, and phrase lookups around a position.

use std::ops::Range;

/// The original text with an ASCII-lowercased copy: same byte offsets, case-blind matching.
pub struct Src<'a> {
    pub text: &'a str,
    pub lower: String,
}

pub fn is_cjk(c: char) -> bool {
    matches!(c, '\u{3400}'..='\u{9FFF}' | '\u{F900}'..='\u{FAFF}' | '\u{20000}'..='\u{2FFFF}')
}

/// A letter of a script that spaces delimit: ASCII, Latin, Greek, Cyrillic and combining
/// marks. Ranges rather than `char::is_alphabetic`, whose Unicode tables would weigh on the wasm.
pub fn is_letter(c: char) -> bool {
    c.is_ascii_alphabetic()
        || matches!(c, '\u{00C0}'..='\u{024F}' | '\u{0300}'..='\u{052F}' | '\u{1E00}'..='\u{1FFF}')
            && c != '\u{00D7}'
            && c != '\u{00F7}'
}

/// A letter or digit of a word that spaces delimit (CJK characters are words of their own).
pub fn is_word_char(c: char) -> bool {
    c.is_ascii_digit() || is_letter(c)
}

/// Sorts pairs in place, first by the first item, then the second: a shell sort, a few lines
/// of code where each `sort_by` would add a sizeable monomorphised copy to the wasm.
pub fn sort_pairs(v: &mut [(u64, u64)]) {
    let mut gap = v.len() / 2;
    while gap > 0 {
        for i in gap..v.len() {
            let x = v[i];
            let mut j = i;
            while j >= gap && v[j - gap] > x {
                v[j] = v[j - gap];
                j -= gap;
            }
            v[j] = x;
        }
        gap = if gap == 2 { 1 } else { gap * 5 / 11 };
    }
}

fn is_space(c: char) -> bool {
    c.is_whitespace()
}

impl<'a> Src<'a> {
    pub fn new(text: &'a str) -> Src<'a> {
        Src {
            text,
            lower: text.to_ascii_lowercase(),
        }
    }

    pub fn char_at(&self, i: usize) -> Option<char> {
        self.text.get(i..).and_then(|s| s.chars().next())
    }

    pub fn char_before(&self, i: usize) -> Option<char> {
        self.text.get(..i).and_then(|s| s.chars().next_back())
    }

    /// Past spaces (not past a line break: paragraphs end there).
    pub fn skip_spaces(&self, mut i: usize, end: usize) -> usize {
        while i < end {
            match self.char_at(i) {
                Some(c) if is_space(c) && c != '\n' => i += c.len_utf8(),
                _ => break,
            }
        }
        i
    }

    pub fn skip_spaces_back(&self, mut i: usize, start: usize) -> usize {
        while i > start {
            match self.char_before(i) {
                Some(c) if is_space(c) && c != '\n' => i -= c.len_utf8(),
                _ => break,
            }
        }
        i
    }

    /// The end of `phrase` if it starts at `i`; a phrase ending in a letter or digit must end a word.
    pub fn phrase_at(&self, i: usize, phrase: &str) -> Option<usize> {
        let rest = self.lower.get(i..)?;
        if !rest.starts_with(phrase) {
            return None;
        }
        let end = i + phrase.len();
        let ends_word = phrase.chars().next_back().is_some_and(is_word_char);
        if ends_word && self.char_at(end).is_some_and(is_word_char) {
            return None;
        }
        Some(end)
    }

    /// The start of `phrase` if it ends at `i`; a phrase starting with a letter must start a word.
    pub fn phrase_before(&self, i: usize, phrase: &str) -> Option<usize> {
        let head = self.lower.get(..i)?;
        if !head.ends_with(phrase) {
            return None;
        }
        let start = i - phrase.len();
        let starts_word = phrase.chars().next().is_some_and(is_word_char);
        if starts_word && self.char_before(start).is_some_and(is_word_char) {
            return None;
        }
        Some(start)
    }

    /// The longest phrase of `table` starting at `i`, with its end.
    pub fn longest_at<T: Copy>(&self, i: usize, table: &[(&str, T)]) -> Option<(usize, T)> {
        table
            .iter()
            .filter_map(|(p, t)| self.phrase_at(i, p).map(|e| (e, *t)))
            .max_by_key(|(e, _)| *e)
    }

    /// The longest phrase of `table` ending at `i`, with its start.
    pub fn longest_before<T: Copy>(&self, i: usize, table: &[(&str, T)]) -> Option<(usize, T)> {
        table
            .iter()
            .filter_map(|(p, t)| self.phrase_before(i, p).map(|s| (s, *t)))
            .min_by_key(|(s, _)| *s)
    }

    pub fn any_at(&self, i: usize, words: &[&str]) -> Option<usize> {
        words.iter().filter_map(|w| self.phrase_at(i, w)).max()
    }

    pub fn any_before(&self, i: usize, words: &[&str]) -> Option<usize> {
        words.iter().filter_map(|w| self.phrase_before(i, w)).min()
    }

    /// Every whole-word occurrence of any of `words` inside `range`, as (start, end).
    pub fn find_all(&self, range: Range<usize>, words: &[&str]) -> Vec<(usize, usize)> {
        let Some(hay) = self.lower.get(range.clone()) else {
            return Vec::new();
        };
        let mut out = Vec::new();
        for w in words {
            for (k, _) in hay.match_indices(w) {
                let s = range.start + k;
                let starts_word = w.chars().next().is_some_and(is_word_char);
                if starts_word && self.char_before(s).is_some_and(is_word_char) {
                    continue;
                }
                if let Some(e) = self.phrase_at(s, w) {
                    if !out.iter().any(|&(a, b)| a <= s && e <= b) {
                        out.retain(|&(a, b)| !(s <= a && b <= e));
                        out.push((s, e));
                    }
                }
            }
        }
        let mut keyed: Vec<(u64, u64)> = out.iter().map(|&(s, e)| (s as u64, e as u64)).collect();
        sort_pairs(&mut keyed);
        keyed
            .iter()
            .map(|&(s, e)| (s as usize, e as usize))
            .collect()
    }

    /// Trimmed of spaces on both sides.
    pub fn trim(&self, r: Range<usize>) -> Range<usize> {
        let s = self.skip_spaces(r.start, r.end);
        let e = self.skip_spaces_back(r.end, s);
        s..e
    }
}

/// Paragraphs as the explorer numbers them: every non-empty line, from 0 (the title line).
/// A hard-wrapped text (a line ends mid-sentence) is read block by block, blank lines between.
pub fn paragraphs(text: &str) -> Vec<Range<usize>> {
    let mut lines: Vec<Option<Range<usize>>> = Vec::new();
    let mut at = 0;
    for line in text.split_inclusive('\n') {
        let trimmed = line.trim();
        if trimmed.is_empty() {
            lines.push(None);
        } else {
            let s = at + (line.len() - line.trim_start().len());
            lines.push(Some(s..s + trimmed.len()));
        }
        at += line.len();
    }
    // Hard-wrapped: a line running on into the next one without ending its sentence.
    let ends_sentence = |r: &Range<usize>| {
        text[r.clone()]
            .chars()
            .next_back()
            .is_some_and(|c| ".!?。！？:：\"”’)）".contains(c))
    };
    let wrapped = lines
        .windows(2)
        .any(|w| matches!(w, [Some(a), Some(_)] if !ends_sentence(a)));
    if lines.is_empty() {
        return Vec::new();
    }
    let first = lines.iter().position(Option::is_some).unwrap_or(0);
    let last = lines.iter().rposition(Option::is_some).unwrap_or(0);
    let blank_between = lines[first..=last.max(first)].iter().any(Option::is_none);
    if !(wrapped && blank_between) {
        return lines.into_iter().flatten().collect();
    }
    let mut blocks: Vec<Range<usize>> = Vec::new();
    let mut open: Option<Range<usize>> = None;
    for l in &lines {
        match (l, &mut open) {
            (Some(r), Some(b)) => b.end = r.end,
            (Some(r), None) => open = Some(r.clone()),
            (None, _) => blocks.extend(open.take()),
        }
    }
    blocks.extend(open.take());
    blocks
}

const ABBREVIATIONS: &[&str] = &[
    "rs", "no", "p", "pp", "fig", "var", "subsp", "e.g", "i.e", "etc", "mr", "ms", "dr", "st",
    "vol", "art", "para", "approx", "sect", "ssp", "cf", "vs", "u.s",
];

/// Sentences of a paragraph: ended by 。！？!? always, by a full stop before a space and a
/// capital, a digit, a CJK character or the end (not after an abbreviation).
pub fn sentences(src: &Src, para: Range<usize>) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut start = para.start;
    let text = src.text;
    let mut iter = text[para.clone()].char_indices().peekable();
    while let Some((k, c)) = iter.next() {
        let i = para.start + k;
        let end = i + c.len_utf8();
        let boundary = match c {
            '。' | '！' | '？' | '!' | '?' => true,
            '.' => {
                let next = src.char_at(end);
                let after = src.skip_spaces(end, para.end);
                let next_word = src.char_at(after);
                let word_start = text[start..i]
                    .char_indices()
                    .rfind(|&(_, ch)| !(is_word_char(ch) || ch == '.'))
                    .map_or(start, |(p, ch)| start + p + ch.len_utf8());
                let word = src.lower.get(word_start..i).unwrap_or("");
                (next.is_none_or(|n| n.is_whitespace() || matches!(n, '"' | '”' | '\'' | ')')))
                    && next_word.is_none_or(|n| {
                        n.is_ascii_uppercase()
                            || (!n.is_ascii() && is_letter(n))
                            || n.is_ascii_digit()
                            || is_cjk(n)
                            || "\"“(".contains(n)
                    })
                    && !ABBREVIATIONS.contains(&word)
            }
            _ => false,
        };
        if boundary {
            let mut e = end;
            while let Some(&(_, q)) = iter.peek() {
                if matches!(q, '”' | '"' | '’' | '\'' | '」' | '』' | ')' | '）') {
                    e += q.len_utf8();
                    iter.next();
                } else {
                    break;
                }
            }
            let r = src.trim(start..e);
            if !r.is_empty() {
                out.push(r);
            }
            start = e;
        }
    }
    let r = src.trim(start..para.end);
    if !r.is_empty() {
        out.push(r);
    }
    out.into_iter().flat_map(|r| chunks(src, r)).collect()
}

/// Longest sentence read as one: the work per figure grows with its sentence, so a text
/// without full stops is cut into pieces (at a space or clause break when there is one) to
/// keep drafting linear in the length of the text.
pub const MAX_SENTENCE: usize = 1500;

fn chunks(src: &Src, r: Range<usize>) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut start = r.start;
    while r.end - start > MAX_SENTENCE {
        let mut cut = start + MAX_SENTENCE;
        while !src.text.is_char_boundary(cut) {
            cut -= 1;
        }
        let window = &src.text[start..cut];
        if let Some((k, c)) = window
            .char_indices()
            .rev()
            .find(|&(_, c)| c.is_whitespace() || "，；;、".contains(c))
            .filter(|&(k, _)| k > MAX_SENTENCE / 2)
        {
            cut = start + k + c.len_utf8();
        }
        out.push(start..cut);
        start = cut;
    }
    out.push(start..r.end);
    out
}

/// A clause break: commas (not between digits), semicolons, colons, 、 and brackets.
fn is_clause_break(src: &Src, i: usize, c: char) -> bool {
    match c {
        ',' => {
            let before = src.char_before(i).is_some_and(|b| b.is_ascii_digit());
            let after = src.char_at(i + 1).is_some_and(|a| a.is_ascii_digit());
            !(before && after)
        }
        ';' | ':' | '，' | '；' | '：' | '、' | '(' | ')' | '（' | '）' => true,
        _ => false,
    }
}

/// The clause of `sentence` around the byte range `at`.
pub fn clause(src: &Src, sentence: Range<usize>, at: Range<usize>) -> Range<usize> {
    // A reader's selection may run past the sentence: keep the range inside it.
    let from = at.start.clamp(sentence.start, sentence.end);
    let at = from..at.end.clamp(from, sentence.end);
    let mut start = sentence.start;
    for (k, c) in src.text[sentence.start..at.start].char_indices().rev() {
        if is_clause_break(src, sentence.start + k, c) {
            start = sentence.start + k + c.len_utf8();
            break;
        }
    }
    let mut end = sentence.end;
    for (k, c) in src.text[at.end..sentence.end].char_indices() {
        if is_clause_break(src, at.end + k, c) {
            end = at.end + k;
            break;
        }
    }
    start..end
}
