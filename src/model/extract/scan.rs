//! The scanner: reads each number of a sentence with what stands around it (scale, unit,
//! qualifier, currency sign) and decides whether it is a figure, a year, a date, a reference
//! or an ordinal.

use std::ops::Range;

use super::doubt::Doubt;
use super::number::{Form, Num};
use super::skipped::SkipReason;
use super::tables as t;
use super::text::{clause, is_word_char, Src};
use crate::model::dataset::{Qualifier, Scale};
use crate::model::units::Unit;

const RATE_REACH: usize = 80;

/// A figure as read from the text, before its period and label are settled.
#[derive(Debug, Clone)]
pub struct Found {
    pub span: Range<usize>,
    pub number: Range<usize>,
    pub value: f64,
    pub scale: Scale,
    pub unit: Unit,
    pub qualifier: Qualifier,
    pub doubts: Vec<Doubt>,
    /// The words of a count ("ecological forest guards"), a ready label.
    pub noun: Option<Range<usize>>,
    /// "from less than 5% to over 70%": the 5% is a starting level.
    pub start_value: bool,
    /// "…to over 70%": the level reached.
    pub end_value: bool,
    /// Stated without digits ("all of whom").
    pub implied: bool,
}

#[derive(Debug, Clone)]
pub enum Token {
    Figure(Found),
    Year(i32, Range<usize>),
    Skip(Range<usize>, SkipReason),
}

/// Every token of one sentence, in text order.
pub fn sentence_tokens(src: &Src, sentence: Range<usize>) -> Vec<Token> {
    let nums = super::number::scan(src, sentence.clone());
    let mut out = Vec::with_capacity(nums.len());
    let mut date_until = sentence.start;
    for n in &nums {
        if let Some(tok) = classify(src, sentence.clone(), n, &mut date_until) {
            out.push(tok);
        }
    }
    for r in vague(src, sentence.clone()) {
        let at = out
            .iter()
            .position(|tok| token_start(tok) > r.start)
            .unwrap_or(out.len());
        out.insert(at, Token::Skip(r, SkipReason::Vague));
    }
    for (s, e) in src.find_all(sentence.clone(), &phrases(t::IMPLIED_SHARES)) {
        let value = t::IMPLIED_SHARES
            .iter()
            .find(|(p, _)| src.lower.get(s..e) == Some(*p))
            .map_or(100.0, |(_, v)| *v);
        let at = out
            .iter()
            .position(|tok| token_start(tok) > s)
            .unwrap_or(out.len());
        out.insert(
            at,
            Token::Figure(Found {
                span: s..e,
                number: s..e,
                value,
                scale: Scale::One,
                unit: Unit::builtin("%"),
                qualifier: Qualifier::Exact,
                doubts: vec![Doubt::Implied],
                noun: None,
                start_value: false,
                end_value: false,
                implied: true,
            }),
        );
    }
    out
}

/// Vague counts with no digit before them: 几万亩, 几十人 ("several ten-thousand mu"). There is
/// no number to draft, so they are listed as skipped for the reviewer.
fn vague(src: &Src, sentence: Range<usize>) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    for (s, e) in src.find_all(sentence, t::VAGUE_BEFORE) {
        let after_digits = src.char_before(s).is_some_and(super::number::is_numeral);
        if let (false, Some(end)) = (after_digits, src.any_at(e, t::VAGUE_SCALES)) {
            out.push(s..end);
        }
    }
    out
}

fn phrases<T>(table: &[(&'static str, T)]) -> Vec<&'static str> {
    table.iter().map(|(p, _)| *p).collect()
}

fn token_start(t: &Token) -> usize {
    match t {
        Token::Figure(f) => f.span.start,
        Token::Year(_, r) | Token::Skip(r, _) => r.start,
    }
}

/// Where a date written with digits ends, if one starts at `n`: 2017-03-05, 5/3/2017.
fn date_end(src: &Src, n: &Num, end: usize) -> Option<usize> {
    let mut i = n.span.end;
    let mut parts = 1;
    while parts < 3 {
        let sep = src.char_at(i)?;
        if !matches!(sep, '-' | '/') {
            break;
        }
        let mut j = i + 1;
        let mut digits = 0;
        while j < end && src.char_at(j).is_some_and(|c| c.is_ascii_digit()) {
            j += 1;
            digits += 1;
        }
        if digits == 0 || digits > 4 {
            break;
        }
        i = j;
        parts += 1;
    }
    (parts == 3).then_some(i)
}

fn classify(src: &Src, sentence: Range<usize>, n: &Num, date_until: &mut usize) -> Option<Token> {
    let span = n.span.clone();
    let chinese = n.form == Form::Chinese;
    if !n.value.is_finite() {
        return None;
    }
    if n.form == Form::Dotted {
        return Some(Token::Skip(span, SkipReason::Reference));
    }
    let before = src.skip_spaces_back(span.start, sentence.start);
    let after = src.skip_spaces(span.end, sentence.end);
    if src.any_before(before, t::ORDINAL_BEFORE).is_some()
        || (!chinese && src.any_at(span.end, t::ORDINAL_AFTER).is_some())
    {
        return Some(Token::Skip(span, SkipReason::Ordinal));
    }
    if src.any_before(before, t::REFERENCE_BEFORE).is_some() && !chinese {
        return Some(Token::Skip(span, SkipReason::Reference));
    }
    if span.start < *date_until {
        return Some(Token::Skip(span, SkipReason::Date));
    }
    if let Some(e) = (!chinese).then(|| date_end(src, n, sentence.end)).flatten() {
        *date_until = e;
        return Some(Token::Skip(span.start..e, SkipReason::Date));
    }
    if src.any_at(after, t::DATE_AFTER).is_some()
        || src.any_before(before, t::MONTHS).is_some()
        || src.any_at(after, t::MONTHS).is_some()
    {
        return Some(Token::Skip(span, SkipReason::Date));
    }

    let mut doubts = Vec::new();
    let mut value = n.value;
    let mut qualifier = Qualifier::Exact;
    // "1.2-million-yuan", "500,000-hectare": a hyphen joins the number to its words.
    let mut p = joined(src, span.end, sentence.end);
    // 8400余万元, 30多亿元: the "-odd" word stands before the scale.
    if let Some((e, q)) = src.longest_at(p, t::QUALIFIERS_MID) {
        if src.longest_at(e, t::SCALES).is_some() {
            qualifier = q;
            p = e;
        }
    }
    let mut scale = Scale::One;
    if let Some((e, (mult, s))) = src.longest_at(p, t::SCALES) {
        value *= mult;
        scale = s;
        if mult != 1.0 {
            doubts.push(Doubt::ScaleRewritten);
        }
        p = e;
    }
    let scaled = scale != Scale::One;
    let mut unit_at = joined(src, p, sentence.end);
    if let Some((e, q)) = src.longest_at(unit_at, t::QUALIFIERS_MID) {
        if src.longest_at(e, t::units()).is_some() || counted_zh(src, e, sentence.end).is_some() {
            qualifier = q;
            unit_at = e;
        }
    }
    let mut end = p;
    let mut unit = None;
    let mut noun = None;
    if let Some((e, u)) = src.longest_at(unit_at, t::units()) {
        unit = t::unit(u);
        end = e;
    } else if let Some((e, u, r)) = counted_zh(src, unit_at, sentence.end) {
        unit = t::unit(u);
        end = e;
        noun = Some(r);
    } else if let Some((e, u)) = measure_after_noun(src, sentence.clone(), span.clone(), unit_at) {
        unit = t::unit(u);
        end = e;
        doubts.push(Doubt::UnitFromNoun);
    } else if !chinese {
        if let Some((e, u, r)) = count_noun(src, unit_at, sentence.end) {
            unit = t::unit(u);
            end = e;
            noun = Some(r);
            doubts.push(Doubt::UnitFromNoun);
        }
    }
    let mut start = span.start;
    if let Some((s, u)) = src.longest_before(before, t::currency_before()) {
        if let (true, Some(u)) = (s >= sentence.start, t::unit(u)) {
            start = s;
            if unit.is_none() || unit.as_ref() == Some(&u) {
                unit = Some(u);
                doubts.retain(|d| *d != Doubt::UnitFromNoun);
                noun = None;
                end = end.max(p);
            }
        }
    }
    let is_year_word = src.phrase_at(span.end, "年").is_some();
    if let Some(y) = n.year() {
        if !scaled && (unit.is_none() || is_year_word || noun.is_some()) {
            return Some(Token::Year(y, span));
        }
    }
    let Some(mut unit) = unit else {
        return (!chinese).then_some(Token::Skip(span, SkipReason::NoUnit));
    };
    if n.year().is_some() {
        doubts.push(Doubt::MaybeYear);
    }
    // A rate: "tonnes a hectare", "元/人·年", or 每亩 / "an annual salary" earlier in the clause.
    // Never for a share or a change: "5% a year" is a growth rate.
    if !unit.is_percent() && !unit.may_be_negative() {
        let mut rated = false;
        for _ in 0..t::RATES_AFTER_MAX {
            let rate_at = src.skip_spaces(end, sentence.end);
            let Some((e, u)) = src
                .longest_at(rate_at, t::RATES_AFTER)
                .and_then(|(e, suffix)| Some((e, t::unit(&format!("{}{suffix}", unit.code()))?)))
            else {
                break;
            };
            unit = u;
            end = e;
            rated = true;
        }
        if !rated {
            // Nearby words only: the clause, and no further back than `RATE_REACH` bytes.
            let c = clause(src, sentence.clone(), span.clone());
            let from = char_floor(src, c.start.max(start.saturating_sub(RATE_REACH)));
            let words = phrases(t::RATES_BEFORE);
            let nearest = src
                .find_all(from..start, &words)
                .last()
                .and_then(|&(a, b)| {
                    t::RATES_BEFORE
                        .iter()
                        .find(|(w, _)| src.lower.get(a..b) == Some(*w))
                });
            if let Some(u) =
                nearest.and_then(|(_, suffix)| t::unit(&format!("{}{suffix}", unit.code())))
            {
                unit = u;
                doubts.push(Doubt::RateFromWords);
            }
        }
    }
    let q_after = src.skip_spaces(end, sentence.end);
    if let Some((e, q)) = src.longest_at(q_after, t::QUALIFIERS_AFTER) {
        qualifier = q;
        end = e;
    }
    let q_before = src.skip_spaces_back(start, sentence.start);
    if let Some((s, q)) = src.longest_before(q_before, t::QUALIFIERS_BEFORE) {
        if s >= sentence.start {
            qualifier = q;
            start = s;
        }
    } else if qualifier == Qualifier::Exact {
        if let Some(q) = qualifier_away(src, sentence.clone(), span.clone(), start) {
            qualifier = q;
        }
    }
    if unit.is_percent() && value * scale.factor() > 100.0 {
        return Some(Token::Skip(start..end, SkipReason::PercentOver100));
    }
    let from_before = src.skip_spaces_back(start, sentence.start);
    let to_after = src.skip_spaces(end, sentence.end);
    let start_value = src.any_before(from_before, &["from", "由", "从"]).is_some()
        && src
            .any_at(
                to_after,
                &[
                    "to",
                    "到",
                    "至",
                    "提高到",
                    "增加到",
                    "增长到",
                    "上升到",
                    "增至",
                ],
            )
            .is_some();
    let end_value = src
        .any_before(
            from_before,
            &[
                "to",
                "到",
                "至",
                "提高到",
                "增加到",
                "增长到",
                "上升到",
                "增至",
            ],
        )
        .is_some();
    Some(Token::Figure(Found {
        span: start..end,
        number: span,
        value,
        scale,
        unit,
        qualifier,
        doubts,
        noun,
        start_value,
        end_value,
        implied: false,
    }))
}

/// Where the words after a number start: past spaces, or past one hyphen that joins a word to
/// the number ("500,000-hectare"; not "10-20", a range).
fn joined(src: &Src, i: usize, end: usize) -> usize {
    let hyphen = matches!(src.char_at(i), Some('-' | '\u{2010}' | '\u{2011}'));
    let word_next = src
        .char_at(i + 1)
        .is_some_and(|c| c.is_ascii_alphabetic() || super::text::is_cjk(c));
    if hyphen && word_next && i + 1 < end {
        i + 1
    } else {
        src.skip_spaces(i, end)
    }
}

/// The nearest char boundary at or after `i`.
fn char_floor(src: &Src, mut i: usize) -> usize {
    while i < src.text.len() && !src.text.is_char_boundary(i) {
        i += 1;
    }
    i
}

/// A Chinese count: measure word, then (within `MEASURE_SKIP` characters) the counted noun:
/// 3座水库, 12口机电井 → (end, unit code, the words counted).
fn counted_zh(src: &Src, at: usize, end: usize) -> Option<(usize, &'static str, Range<usize>)> {
    let m = src.any_at(at, t::MEASURE_WORDS)?;
    let mut q = m;
    for _ in 0..=t::MEASURE_SKIP {
        if q >= end {
            return None;
        }
        if let Some((e, u)) = src.longest_at(q, t::COUNT_NOUNS_ZH) {
            return Some((e, u, m..e));
        }
        let c = src.char_at(q).filter(|c| super::text::is_cjk(*c))?;
        q += c.len_utf8();
    }
    None
}

/// A measure word after the number with the noun just before it: 打井12口, 新建水库共3座 (at
/// most `NOUN_GAP` characters between, as 共 or 约).
fn measure_after_noun(
    src: &Src,
    sentence: Range<usize>,
    number: Range<usize>,
    at: usize,
) -> Option<(usize, &'static str)> {
    let e = src.any_at(at, t::MEASURE_WORDS)?;
    let mut i = number.start;
    for _ in 0..=t::NOUN_GAP {
        if let Some((_, u)) = src.longest_before(i, t::COUNT_NOUNS_ZH) {
            return Some((e, u));
        }
        let c = src.char_before(i).filter(|c| super::text::is_cjk(*c))?;
        i -= c.len_utf8();
        if i <= sentence.start {
            return None;
        }
    }
    None
}

/// A qualifier standing away from the number (约占全旗面积的21%): the nearest one in the
/// clause within `QUALIFIER_REACH` bytes, with no digit between it and the number.
fn qualifier_away(
    src: &Src,
    sentence: Range<usize>,
    number: Range<usize>,
    start: usize,
) -> Option<Qualifier> {
    let c = clause(src, sentence, number);
    let from = char_floor(src, c.start.max(start.saturating_sub(t::QUALIFIER_REACH)));
    let &(a, b) = src
        .find_all(from..start, &phrases(t::QUALIFIERS_AWAY))
        .last()?;
    let between = src.text.get(b..start)?;
    if between.chars().any(|c| super::number::digit(c).is_some()) {
        return None;
    }
    let word = src.lower.get(a..b)?;
    t::QUALIFIERS_AWAY
        .iter()
        .find(|(w, _)| *w == word)
        .map(|(_, q)| *q)
}

/// A count noun up to `COUNT_SKIP` words on: "310 ecological forest guards" → (end, person, words).
fn count_noun(src: &Src, at: usize, end: usize) -> Option<(usize, &'static str, Range<usize>)> {
    let mut q = at;
    for _ in 0..=t::COUNT_SKIP {
        if let Some((e, u)) = src.longest_at(q, t::COUNT_NOUNS) {
            return Some((e, u, at..e));
        }
        let mut w = q;
        while w < end && src.char_at(w).is_some_and(|c| is_word_char(c) || c == '-') {
            w += src.char_at(w).map_or(1, char::len_utf8);
        }
        let word = src.lower.get(q..w)?;
        if word.is_empty()
            || !word.chars().all(|c| c.is_ascii_alphabetic() || c == '-')
            || t::STOP_WORDS.contains(&word)
            || t::is_unit_word(word)
        {
            return None;
        }
        q = src.skip_spaces(w, end);
    }
    None
}

/// The years among a sentence's tokens, with their spans.
pub fn years(tokens: &[Token]) -> Vec<(i32, Range<usize>)> {
    tokens
        .iter()
        .filter_map(|t| match t {
            Token::Year(y, r) => Some((*y, r.clone())),
            Token::Figure(_) | Token::Skip(..) => None,
        })
        .collect()
}
