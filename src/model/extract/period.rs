//! Periods: the time words of a sentence ("in 2017", "since 2014", "2014—2017年", "over 2002",
//! "at present") and which of them a figure takes.

use std::ops::Range;

use super::doubt::Doubt;
use super::tables as t;
use super::text::Src;
use crate::model::dataset::Period;
use crate::model::units::Unit;

#[derive(Debug, Clone, PartialEq)]
pub struct Marker {
    pub span: Range<usize>,
    pub period: Period,
    /// "over 2002": the year a change is counted from, for its own clause only.
    pub baseline: bool,
    /// What the reviewer should check about it ("this year" in an undated text).
    pub doubt: Option<Doubt>,
}

/// The year a text is dated, from a date in its first paragraphs ("March 3, 2026",
/// "2026年3月5日", a line holding only the year): what "this year" and 今年 mean.
pub fn text_year(src: &Src, paragraphs: &[Range<usize>]) -> Option<i32> {
    paragraphs
        .iter()
        .take(t::FRONT_PARAGRAPHS)
        .find_map(|p| date_year(src, p.clone()))
}

fn date_year(src: &Src, p: Range<usize>) -> Option<i32> {
    let text = src.text.get(p.clone())?;
    let lower = src.lower.get(p)?;
    let bytes = text.as_bytes();
    let mut k = 0;
    while k + 4 <= bytes.len() {
        let four = bytes[k..k + 4].iter().all(u8::is_ascii_digit);
        let open = k == 0 || !bytes[k - 1].is_ascii_digit();
        let close = bytes.get(k + 4).is_none_or(|b| !b.is_ascii_digit());
        if four && open && close {
            let year: i32 = text.get(k..k + 4)?.parse().ok()?;
            let head = lower.get(k.saturating_sub(16)..k).unwrap_or("");
            let tail = text.get(k + 4..).unwrap_or("");
            let month_before = t::MONTHS.iter().any(|m| head.contains(m));
            let month_after = tail
                .strip_prefix("年")
                .map(|r| r.trim_start_matches(|c: char| c.is_ascii_digit()))
                .is_some_and(|r| r.starts_with('月') && tail.len() > "年月".len());
            let alone = text.trim().trim_end_matches('年') == &text[k..k + 4];
            if (1900..=2100).contains(&year) && (month_before || month_after || alone) {
                return Some(year);
            }
            k += 4;
        } else {
            k += 1;
        }
    }
    None
}

/// Whether a sentence is in a perfect tense ("has exceeded", 已超过).
pub fn perfect_tense(src: &Src, sentence: Range<usize>) -> bool {
    !src.find_all(sentence, t::PERFECT_WORDS).is_empty()
}

/// The period markers of a sentence, from its years and its time words.
pub fn markers(
    src: &Src,
    sentence: Range<usize>,
    years: &[(i32, Range<usize>)],
    dated: Option<i32>,
) -> Vec<Marker> {
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
                    doubt: None,
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
            doubt: None,
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
                doubt: None,
            });
        }
    }
    // "this year", 今年: the year the text is dated, else the present, flagged.
    for (s, e) in src.find_all(sentence.clone(), t::THIS_YEAR_WORDS) {
        out.push(Marker {
            span: s..e,
            period: dated.map_or(Period::Present, |year| Period::Year { year }),
            baseline: false,
            doubt: dated.is_none().then_some(Doubt::ThisYearUndated),
        });
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
        let doubt = m.baseline.then_some(Doubt::BaselineYear).or(m.doubt);
        return (m.period.clone(), doubt);
    }
    let before = markers
        .iter()
        .rfind(|m| !m.baseline && m.span.end <= figure.start);
    let after = markers
        .iter()
        .find(|m| !m.baseline && m.span.start >= figure.end);
    if let Some(m) = before.or(after) {
        return (m.period.clone(), m.doubt);
    }
    if perfect_tense {
        return (Period::Present, Some(Doubt::PeriodFromTense));
    }
    (Period::Undated, Some(Doubt::NoPeriod))
}

/// An amount per year ("annually", 每年) with no time words recurs: the present, flagged,
/// rather than undated. A rate per person or per area per year (a wage, a subsidy rate) is
/// a level, left undated.
pub fn per_year(period: Period, doubt: Option<Doubt>, unit: &Unit) -> (Period, Option<Doubt>) {
    let terms: Vec<&str> = unit.code().split('/').collect();
    let yearly = terms.len() == 2 && terms.get(1) == Some(&"a");
    match (period, doubt) {
        (Period::Undated, Some(Doubt::NoPeriod)) if yearly => {
            (Period::Present, Some(Doubt::RecurringAsPresent))
        }
        (period, doubt) => (period, doubt),
    }
}
