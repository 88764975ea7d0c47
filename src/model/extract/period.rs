//! Periods: the time words of a sentence ("in 2017", "since 2014", "2014—2017年", "over 2002",
//! "at present") and which of them a figure takes.

use std::ops::Range;

use super::tables as t;
use super::text::Src;
use super::Doubt;
use crate::model::dataset::Period;

#[derive(Debug, Clone, PartialEq)]
pub struct Marker {
    pub span: Range<usize>,
    pub period: Period,
    /// "over 2002": the year a change is counted from, for its own clause only.
    pub baseline: bool,
}

/// Whether a sentence is in a perfect tense ("has exceeded", 已超过).
pub fn perfect_tense(src: &Src, sentence: Range<usize>) -> bool {
    !src.find_all(sentence, t::PERFECT_WORDS).is_empty()
}

/// The period markers of a sentence, from its years and its time words.
pub fn markers(src: &Src, sentence: Range<usize>, years: &[(i32, Range<usize>)]) -> Vec<Marker> {
    let mut out = Vec::new();
    let mut k = 0;
    while k < years.len() {
        let (year, r) = (years[k].0, years[k].1.clone());
        let before = src.skip_spaces_back(r.start, sentence.start);
        let from = src.any_before(before, t::FROM_BEFORE);
        let mut p = src.phrase_at(r.end, "年").unwrap_or(r.end);
        p = src.skip_spaces(p, sentence.end);
        let next = years.get(k + 1);
        let joined = src
            .any_at(p, t::RANGE_JOINS)
            .map(|e| src.skip_spaces(e, sentence.end));
        if let (Some(q), Some((to, r2))) = (joined, next) {
            if r2.start == q && *to >= year {
                let end = src.phrase_at(r2.end, "年").unwrap_or(r2.end);
                out.push(Marker {
                    span: from.unwrap_or(r.start)..end,
                    period: Period::Range {
                        from: year,
                        to: *to,
                    },
                    baseline: false,
                });
                k += 2;
                continue;
            }
        }
        let (span, period, baseline) = if let Some(s) = src.any_before(before, t::SINCE_BEFORE) {
            (s..r.end, Period::Since { year }, false)
        } else if let Some(e) = src.any_at(r.end, t::SINCE_AFTER) {
            (from.unwrap_or(r.start)..e, Period::Since { year }, false)
        } else if let Some(s) = src.any_before(before, t::BASELINE_BEFORE) {
            (s..r.end, Period::Since { year }, true)
        } else if let Some(s) = from {
            (s..r.end, Period::Since { year }, false)
        } else {
            let end = src.phrase_at(r.end, "年").unwrap_or(r.end);
            (r.start..end, Period::Year { year }, false)
        };
        out.push(Marker {
            span,
            period,
            baseline,
        });
        k += 1;
    }
    for (words, period) in [
        (t::PRESENT_WORDS, Period::Present),
        (t::RECENT_WORDS, Period::RecentYears),
    ] {
        for (s, e) in src.find_all(sentence.clone(), words) {
            out.push(Marker {
                span: s..e,
                period: period.clone(),
                baseline: false,
            });
        }
    }
    let mut keyed: Vec<(u64, u64)> = out
        .iter()
        .enumerate()
        .map(|(k, m)| (m.span.start as u64, k as u64))
        .collect();
    super::text::sort_pairs(&mut keyed);
    keyed
        .iter()
        .map(|&(_, k)| out[k as usize].clone())
        .collect()
}

/// The period a figure takes: a marker in its own clause (the nearest), else the nearest
/// before it in the sentence, else the first after; else a perfect tense ("has exceeded")
/// reads as the present; else undated. A starting level ("from 5% to 70%") stays undated.
pub fn assign(
    perfect_tense: bool,
    clause: Range<usize>,
    figure: Range<usize>,
    markers: &[Marker],
    start_value: bool,
) -> (Period, Option<Doubt>) {
    if start_value {
        return (Period::Undated, Some(Doubt::StartValue));
    }
    let distance = |m: &Marker| {
        if m.span.end <= figure.start {
            figure.start - m.span.end
        } else {
            m.span.start.saturating_sub(figure.end)
        }
    };
    let in_clause = markers
        .iter()
        .filter(|m| m.span.start >= clause.start && m.span.end <= clause.end)
        .min_by_key(|m| distance(m));
    if let Some(m) = in_clause {
        let doubt = m.baseline.then_some(Doubt::BaselineYear);
        return (m.period.clone(), doubt);
    }
    let before = markers
        .iter()
        .rfind(|m| !m.baseline && m.span.end <= figure.start);
    let after = markers
        .iter()
        .find(|m| !m.baseline && m.span.start >= figure.end);
    if let Some(m) = before.or(after) {
        return (m.period.clone(), None);
    }
    if perfect_tense {
        return (Period::Present, Some(Doubt::PeriodFromTense));
    }
    (Period::Undated, Some(Doubt::NoPeriod))
}
