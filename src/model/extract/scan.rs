//! The scanner: reads each number of a sentence with what stands around it (scale, unit,
//! qualifier, currency sign) and decides whether it is a figure, a year, a date, a reference
//! or an ordinal.

use std::ops::Range;

use super::number::{Form, Num};
use super::tables as t;
use super::text::{clause, is_word_char, Src};
use super::{Doubt, SkipReason};
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
    let mut p = after;
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
    let mut qualifier = Qualifier::Exact;
    let mut unit_at = src.skip_spaces(p, sentence.end);
    if let Some((e, q)) = src.longest_at(unit_at, t::QUALIFIERS_MID) {
        if src.longest_at(e, t::units()).is_some() {
            qualifier = q;
            unit_at = e;
        }
    }
    let mut end = p;
    let mut unit = None;
    let mut noun = None;
    if let Some((e, u)) = src.longest_at(unit_at, t::units()) {
        unit = Some(Unit::builtin(u));
        end = e;
    } else if !chinese {
        if let Some((e, u, r)) = count_noun(src, unit_at, sentence.end) {
            unit = Some(Unit::builtin(u));
            end = e;
            noun = Some(r);
            doubts.push(Doubt::UnitFromNoun);
        }
    }
    let mut start = span.start;
    if let Some((s, u)) = src.longest_before(before, t::currency_before()) {
        let u = Unit::builtin(u);
        if s >= sentence.start {
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
    if unit.is_money() {
        let rate_at = src.skip_spaces(end, sentence.end);
        let per = |suffix: &str| Unit::parse(&format!("{}{suffix}", unit.code()));
        if let Some((e, u)) = src
            .longest_at(rate_at, t::RATES_AFTER)
            .and_then(|(e, suffix)| Some((e, per(suffix)?)))
        {
            unit = u;
            end = e;
        } else {
            // Nearby words only: the clause, and no further back than `RATE_REACH` bytes.
            let c = clause(src, sentence.clone(), span.clone());
            let mut from = c.start.max(start.saturating_sub(RATE_REACH));
            while !src.text.is_char_boundary(from) {
                from += 1;
            }
            let found = t::RATES_BEFORE
                .iter()
                .find(|(w, _)| !src.find_all(from..start, &[w]).is_empty());
            if let Some(u) = found.and_then(|(_, suffix)| per(suffix)) {
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
            _ => None,
        })
        .collect()
}
