//! Relations proposed from the wording: "totaling X …, including A, B and C" (the parts add up),
//! "of which" / 其中 (a part), the same measure stated twice (equal), and every area against an
//! area the reader adds as context (fits within).

use std::collections::{HashMap, HashSet};

use super::tables as t;
use super::text::{clause, is_cjk, Src};
use super::{DraftFigure, ProposedRelation, RelationWhy};
use crate::model::dataset::{Period, Relation, Rule, Text};
use crate::model::units::Unit;

fn relation(id: String, en: &str, zh: &str, rule: Rule, tolerance: Option<f64>) -> Relation {
    Relation {
        id,
        label: Text {
            en: en.into(),
            zh: zh.into(),
        },
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
        let mut markers: Vec<(usize, usize, Marker)> = src
            .find_all(sentence.clone(), t::INCLUDING_WORDS)
            .into_iter()
            .map(|(s, e)| (s, e, Marker::Including))
            .chain(
                src.find_all(sentence.clone(), t::OF_WHICH_WORDS)
                    .into_iter()
                    .map(|(s, e)| (s, e, Marker::OfWhich)),
            )
            .collect();
        markers.sort_by_key(|m| m.0);
        for (k, &(ms, me, _)) in markers.iter().enumerate() {
            let stop = markers.get(k + 1).map_or(sentence.end, |m| m.0);
            let mut whole = (i..j).rev().find(|&f| figures[f].span.end <= ms);
            let lead = src.text[sentence.start..ms]
                .chars()
                .all(|c| !c.is_alphanumeric() && !is_cjk(c));
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
    // Only figures of the same unit, value and qualifier can repeat each other.
    let mut groups: HashMap<(Unit, u64, &str), Vec<usize>> = HashMap::new();
    for b in 0..figures.len() {
        let f = &figures[b];
        let key = (
            f.unit,
            (f.value * f.scale.factor()).to_bits(),
            f.qualifier.code(),
        );
        let group = groups.entry(key).or_default();
        let earlier = group
            .iter()
            .copied()
            .find(|&a| stated_twice(&figures[a], &figures[b]));
        group.push(b);
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
        && a.repeats.is_none()
        && similar(&a.label, &b.label)
}

fn tokens(label: &str) -> HashSet<String> {
    let mut out: HashSet<String> = label
        .split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|w| w.len() > 2)
        .map(str::to_ascii_lowercase)
        .collect();
    let cjk: Vec<char> = label.chars().filter(|c| is_cjk(*c)).collect();
    out.extend(cjk.windows(2).map(|w| w.iter().collect::<String>()));
    out
}

fn similar(a: &str, b: &str) -> bool {
    let (ta, tb) = (tokens(a), tokens(b));
    let small = ta.len().min(tb.len());
    small > 0 && ta.intersection(&tb).count() * 2 >= small
}
