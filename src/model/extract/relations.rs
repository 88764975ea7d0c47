//! Relations proposed from the wording: "totaling X …, including A, B and C" (the parts add up),
//! "of which" / 其中 (a part), the same measure stated twice (equal), and every area against an
//! area the reader adds as context (fits within).

use super::draft_figure::DraftFigure;
use super::tables as t;
use super::text::{clause, is_cjk, is_word_char, sort_pairs, Src};
use crate::model::codes::code_table;
use crate::model::dataset::{Period, Relation, Rule, Text};

code_table! {
    #[derive(Debug, Clone, Copy, PartialEq, Eq)]
    pub enum RelationWhy {
        /// "totaling X …, including A, B and C"
        TotalIncluding = "total_including",
        /// "of which", 其中, or "including" without a stated total
        OfWhich = "of_which",
        /// The same measure stated twice.
        StatedTwice = "stated_twice",
        /// An area against an area the reader added.
        Context = "context",
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct ProposedRelation {
    pub relation: Relation,
    pub why: RelationWhy,
    /// Proposals are not accepted until the reader accepts them.
    pub accepted: bool,
}

impl ProposedRelation {
    /// The figure ids the relation names.
    pub fn ids(&self) -> Vec<&str> {
        self.relation.rule.ids()
    }
}

fn relation(id: String, en: &str, zh: &str, rule: Rule, tolerance: Option<f64>) -> Relation {
    Relation {
        id,
        label: Text::en_zh(en, zh),
        rule,
        tolerance_pct: tolerance,
        note: None,
    }
}

#[derive(Clone, Copy, PartialEq)]
enum Marker {
    Including,
    OfWhich,
}

/// Relations the wording of each sentence implies, then figures stated twice.
pub fn propose(src: &Src, figures: &mut [DraftFigure]) -> Vec<ProposedRelation> {
    let mut out: Vec<ProposedRelation> = Vec::new();
    let next_id = |kind: &str, out: &Vec<ProposedRelation>| format!("r{}_{kind}", out.len() + 1);
    let mut i = 0;
    while i < figures.len() {
        let sentence = figures[i].sentence.clone();
        let mut j = i;
        while j < figures.len() && figures[j].sentence == sentence {
            j += 1;
        }
        let markers: Vec<(usize, usize, Marker)> = src
            .find_all(sentence.clone(), t::INCLUDING_WORDS)
            .into_iter()
            .map(|(s, e)| (s, e, Marker::Including))
            .chain(
                src.find_all(sentence.clone(), t::OF_WHICH_WORDS)
                    .into_iter()
                    .map(|(s, e)| (s, e, Marker::OfWhich)),
            )
            .collect();
        let mut keyed: Vec<(u64, u64)> = markers
            .iter()
            .enumerate()
            .map(|(k, m)| (m.0 as u64, k as u64))
            .collect();
        sort_pairs(&mut keyed);
        let markers: Vec<(usize, usize, Marker)> =
            keyed.iter().map(|&(_, k)| markers[k as usize]).collect();
        for (k, &(ms, me, _)) in markers.iter().enumerate() {
            let stop = markers.get(k + 1).map_or(sentence.end, |m| m.0);
            let mut whole = (i..j).rev().find(|&f| figures[f].span.end <= ms);
            let lead = src.text[sentence.start..ms]
                .chars()
                .all(|c| !is_word_char(c) && !is_cjk(c));
            if whole.is_none() && lead && i > 0 && figures[i - 1].paragraph == figures[i].paragraph
            {
                whole = Some(i - 1);
            }
            let Some(w) = whole else { continue };
            let dims = figures[w].unit.dims();
            let parts: Vec<usize> = (i..j)
                .filter(|&f| figures[f].span.start >= me && figures[f].span.start < stop)
                .filter(|&f| figures[f].unit.dims() == dims && !figures[f].start_value)
                .collect();
            if parts.is_empty() {
                continue;
            }
            let c = clause(src, figures[w].sentence.clone(), figures[w].span.clone());
            let total = !src
                .find_all(c.start..figures[w].span.start, t::TOTAL_WORDS)
                .is_empty();
            if total && parts.len() >= 2 {
                let rule = Rule::SumEquals {
                    parts: parts.iter().map(|&p| figures[p].id.clone()).collect(),
                    total: figures[w].id.clone(),
                };
                let id = next_id("sum", &out);
                out.push(ProposedRelation {
                    relation: relation(
                        id,
                        "The listed parts add up to the stated total",
                        "所列分项之和应等于所述合计",
                        rule,
                        Some(0.5),
                    ),
                    why: RelationWhy::TotalIncluding,
                    accepted: false,
                });
            } else {
                for p in parts {
                    let rule = Rule::PartOf {
                        part: figures[p].id.clone(),
                        whole: figures[w].id.clone(),
                    };
                    let id = next_id("part", &out);
                    out.push(ProposedRelation {
                        relation: relation(
                            id,
                            "A part is no larger than its whole",
                            "部分不大于整体",
                            rule,
                            None,
                        ),
                        why: RelationWhy::OfWhich,
                        accepted: false,
                    });
                }
            }
        }
        i = j;
    }
    // Only figures of the same unit, value and qualifier can repeat each other: sorted by
    // those (then by position), each figure is compared with the run of its equals before it.
    // Key: (value bits, unit and qualifier above the figure's index).
    let mut codes: Vec<&str> = Vec::new();
    for f in figures.iter() {
        if !codes.contains(&f.unit.code()) {
            codes.push(f.unit.code());
        }
    }
    let kind = |f: &DraftFigure| {
        let unit = codes.iter().position(|c| *c == f.unit.code()).unwrap_or(0) as u64;
        (unit << 8 | f.qualifier as u64) << 32
    };
    let mut keyed: Vec<(u64, u64)> = figures
        .iter()
        .enumerate()
        .map(|(i, f)| ((f.value * f.scale.factor()).to_bits(), kind(f) | i as u64))
        .collect();
    sort_pairs(&mut keyed);
    let same = |a: (u64, u64), b: (u64, u64)| a.0 == b.0 && a.1 >> 32 == b.1 >> 32;
    let order: Vec<usize> = keyed
        .iter()
        .map(|&(_, k)| (k & 0xFFFF_FFFF) as usize)
        .collect();
    let mut earlier_of: Vec<Option<usize>> = vec![None; figures.len()];
    let mut run_start = 0;
    for k in 0..order.len() {
        if !same(keyed[k], keyed[run_start]) {
            run_start = k;
        }
        let b = order[k];
        earlier_of[b] = order[run_start..k]
            .iter()
            .copied()
            .find(|&a| earlier_of[a].is_none() && stated_twice(&figures[a], &figures[b]));
    }
    for b in 0..figures.len() {
        let earlier = earlier_of[b];
        if let Some(a) = earlier {
            figures[b].repeats = Some(figures[a].id.clone());
            let rule = Rule::Equal {
                a: figures[a].id.clone(),
                b: figures[b].id.clone(),
            };
            let id = next_id("equal", &out);
            out.push(ProposedRelation {
                relation: relation(
                    id,
                    "The two statements of the same measure agree",
                    "同一指标的两处表述一致",
                    rule,
                    None,
                ),
                why: RelationWhy::StatedTwice,
                accepted: false,
            });
        }
    }
    out
}

/// Same unit, value, qualifier and (if both dated) period, in different sentences, with labels
/// sharing most of their words.
fn stated_twice(a: &DraftFigure, b: &DraftFigure) -> bool {
    let va = a.value * a.scale.factor();
    let vb = b.value * b.scale.factor();
    let dated = |p: &Period| *p != Period::Undated;
    a.sentence != b.sentence
        && a.unit == b.unit
        && (va - vb).abs() <= 1e-9 * va.abs().max(vb.abs())
        && a.qualifier == b.qualifier
        && (a.period == b.period || !dated(&a.period) || !dated(&b.period))
        && similar(&a.label, &b.label)
}

/// Lower-case words of three letters or more, and pairs of CJK characters, each once.
fn tokens(label: &str) -> Vec<String> {
    let words = label
        .split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|w| w.len() > 2)
        .map(str::to_ascii_lowercase);
    let cjk: Vec<char> = label.chars().filter(|c| is_cjk(*c)).collect();
    let pairs = cjk.windows(2).map(|w| w.iter().collect::<String>());
    let mut out: Vec<String> = Vec::new();
    for t in words.chain(pairs) {
        if !out.contains(&t) {
            out.push(t);
        }
    }
    out
}

fn similar(a: &str, b: &str) -> bool {
    let (ta, tb) = (tokens(a), tokens(b));
    let small = ta.len().min(tb.len());
    let shared = ta.iter().filter(|t| tb.contains(t)).count();
    small > 0 && shared * 2 >= small
}
