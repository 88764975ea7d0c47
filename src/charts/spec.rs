//! What each chart shows, computed from the model and the reader's choices. Pure data: the
//! drawing code and the accessible twin table both read the same spec.

use crate::i18n::tr;
use crate::model::display::{show, NumberStyle, UnitChoice};
use crate::model::format::period_text;
use crate::model::{Estimate, Lang, Model, Origin, Shape, Status};
use crate::numfmt;

#[derive(Debug, Clone, PartialEq)]
pub struct Bar {
    pub id: String,
    pub label: String,
    /// In the panel's display unit.
    pub value: Estimate,
    pub origin: Origin,
    pub status: Option<Status>,
    pub period: String,
    pub paragraph: Option<u32>,
    /// The value with its unit, as words ("more than 21%").
    pub text: String,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Panel {
    pub unit: String,
    pub bars: Vec<Bar>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct ChartSpec {
    pub key: &'static str,
    pub title: String,
    pub panels: Vec<Panel>,
    pub description: String,
}

impl ChartSpec {
    pub fn bars(&self) -> impl Iterator<Item = &Bar> {
        self.panels.iter().flat_map(|p| p.bars.iter())
    }
}

/// Charts by key: each panel lists the quantities drawn on one shared axis.
const CHARTS: &[(&str, &[&[&str]])] = &[
    (
        "cover",
        &[&[
            "forest_cover_2002",
            "forest_cover_rate",
            "vegetation_cover_before",
            "vegetation_cover_now",
        ]],
    ),
    (
        "subsidies",
        &[&[
            "subsidy_farmland_to_forest",
            "subsidy_public_forest",
            "subsidy_grassland",
            "subsidy_parts_sum",
            "subsidy_total",
        ]],
    ),
    ("incomes", &[&["income_gain_all", "income_gain_poor"]]),
    (
        "land",
        &[&[
            "desert_treated_area",
            "forestry_land_area",
            "forest_land_area",
            "banner_area",
        ]],
    ),
    (
        "tourism",
        &[
            &["tourists_2017"],
            &["tourism_income_2017"],
            &["tourism_income_per_visit"],
        ],
    ),
    (
        "guards",
        &[
            &["forest_guards"],
            &["guard_payroll_per_year"],
            &["guard_payroll_over_subsidy_period", "income_gain_poor"],
        ],
    ),
];

fn title(key: &str, lang: Lang) -> &'static str {
    let t = tr(lang);
    match key {
        "cover" => t.chart_cover,
        "subsidies" => t.chart_subsidies,
        "incomes" => t.chart_incomes,
        "land" => t.chart_land,
        "tourism" => t.chart_tourism,
        _ => t.chart_guards,
    }
}

/// The charts, with only the bars of `channel` (and context yardsticks) when one is chosen.
pub fn all_charts(
    model: &Model,
    units: UnitChoice,
    style: NumberStyle,
    lang: Lang,
    channel: Option<&str>,
) -> Vec<ChartSpec> {
    CHARTS
        .iter()
        .map(|(key, panels)| build(model, key, panels, units, style, lang, channel))
        .filter(|c| c.bars().any(|b| b.origin != Origin::Context))
        .collect()
}

fn build(
    model: &Model,
    key: &'static str,
    panel_ids: &[&[&str]],
    units: UnitChoice,
    style: NumberStyle,
    lang: Lang,
    channel: Option<&str>,
) -> ChartSpec {
    let mut panels: Vec<Panel> = Vec::new();
    for ids in panel_ids {
        let mut panel: Option<Panel> = None;
        for id in ids.iter() {
            // A dataset without this quantity simply draws fewer bars.
            let Some(q) = model.quantity(id) else {
                continue;
            };
            if channel
                .is_some_and(|c| q.channel.as_deref() != Some(c) && q.origin != Origin::Context)
            {
                continue;
            }
            let s = show(model, q, units, lang);
            let bar = Bar {
                id: q.id.clone(),
                label: q.label.get(lang).to_string(),
                value: s.value,
                origin: q.origin,
                status: model.status_of(&q.id),
                period: period_text(q.period.as_ref(), lang),
                paragraph: model.paragraph_of(&q.id),
                text: numfmt::shown(&s, lang, style),
            };
            match &mut panel {
                Some(p) if p.unit == s.unit => p.bars.push(bar),
                _ => {
                    if let Some(p) = panel.take() {
                        panels.push(p);
                    }
                    panel = Some(Panel {
                        unit: s.unit.clone(),
                        bars: vec![bar],
                    });
                }
            }
        }
        panels.extend(panel);
    }
    let title = title(key, lang).to_string();
    let description = describe(&title, &panels, lang);
    ChartSpec {
        key,
        title,
        panels,
        description,
    }
}

/// One paragraph saying what the chart shows, bounds in words and flagged bars named.
fn describe(title: &str, panels: &[Panel], lang: Lang) -> String {
    let zh = lang == Lang::Zh;
    let items: Vec<String> = panels
        .iter()
        .flat_map(|p| p.bars.iter())
        .map(|b| {
            let flag = match b.status {
                Some(Status::Contradicts) => {
                    if zh {
                        "（一致性检查发现矛盾）"
                    } else {
                        " (contradicted by a consistency check)"
                    }
                }
                Some(Status::Implausible) => {
                    if zh {
                        "（与公开参考数据相比不合常理）"
                    } else {
                        " (implausible against a published reference)"
                    }
                }
                Some(Status::Doubtful) => {
                    if zh {
                        "（一致性检查存疑）"
                    } else {
                        " (doubtful in a consistency check)"
                    }
                }
                Some(Status::Holds) | None => "",
            };
            if zh {
                format!("{}为{}（{}）{}", b.label, b.text, b.period, flag)
            } else {
                format!("{}: {} ({}){}", b.label, b.text, b.period, flag)
            }
        })
        .collect();
    let bounded = panels
        .iter()
        .flat_map(|p| p.bars.iter())
        .any(|b| !matches!(b.value.shape(), Shape::Point(_)));
    let bound_note = match (bounded, zh) {
        (true, false) => {
            " Bars ending in an arrow are lower bounds; hatched bars are upper bounds."
        }
        (true, true) => "末端带箭头的条形表示下限，斜线条形表示上限。",
        _ => "",
    };
    if zh {
        format!("{title}。{}。{bound_note}", items.join("；"))
    } else {
        format!("{title}. {}.{bound_note}", items.join("; "))
    }
}
