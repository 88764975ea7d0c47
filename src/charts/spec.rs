//! What each chart shows, computed from the model and the reader's choices. Pure data: the
//! drawing code and the accessible twin table both read the same spec.

use crate::model::display::{show, NumberStyle, UnitChoice};
use crate::model::format::period_text;
use crate::model::presentation::{proposed_title, ChartPlan, ChartTitle};
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
    /// The value with its unit, as words ("more than 21%"): the tooltip and the twin table.
    pub text: String,
    /// The value without its unit ("more than 21"), as the chart writes it beside the bar:
    /// the panel names its unit above the bars.
    pub number: String,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Panel {
    pub unit: String,
    /// For shares, the value of the whole (100 %) in the panel's unit: the axis ends there.
    pub whole: Option<f64>,
    pub bars: Vec<Bar>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct ChartSpec {
    /// The chart's id in the presentation.
    pub key: String,
    pub title: String,
    /// The dataset's note on the chart.
    pub note: Option<String>,
    pub panels: Vec<Panel>,
    pub description: String,
    /// The language its words and numbers are in (the axis writes its ticks in it).
    pub lang: Lang,
}

impl ChartSpec {
    pub fn bars(&self) -> impl Iterator<Item = &Bar> {
        self.panels.iter().flat_map(|p| p.bars.iter())
    }

    /// The legend: the colours and marks this chart draws, in `Mark::ALL`'s order.
    pub fn legend(&self) -> Vec<Mark> {
        Mark::ALL
            .into_iter()
            .filter(|m| self.bars().any(|b| m.marks(b)))
            .collect()
    }
}

/// What a chart can draw that a reader must be told: a colour per origin of a bar, the warning
/// mark of a bar a check flagged, the arrow of a lower bound and the hatching of an upper bound
/// (or of a range). `draw.rs` draws each one, and the legend names it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Mark {
    Reported,
    Derived,
    Context,
    Flagged,
    LowerBound,
    UpperBound,
}

impl Mark {
    pub const ALL: [Mark; 6] = [
        Mark::Reported,
        Mark::Derived,
        Mark::Context,
        Mark::Flagged,
        Mark::LowerBound,
        Mark::UpperBound,
    ];

    /// A stable name for the page (`data-mark`) and the tests.
    pub fn code(self) -> &'static str {
        match self {
            Mark::Reported => "reported",
            Mark::Derived => "derived",
            Mark::Context => "context",
            Mark::Flagged => "flagged",
            Mark::LowerBound => "lower-bound",
            Mark::UpperBound => "upper-bound",
        }
    }

    /// The legend's words for it.
    pub fn label(self, lang: Lang) -> &'static str {
        let t = crate::i18n::tr(lang);
        match self {
            Mark::Reported => t.legend_reported,
            Mark::Derived => t.legend_derived,
            Mark::Context => t.legend_context,
            Mark::Flagged => t.legend_flagged,
            Mark::LowerBound => t.legend_lower_bound,
            Mark::UpperBound => t.legend_upper_bound,
        }
    }

    /// Whether the drawing of `bar` shows this mark (as `draw.rs` decides it).
    pub fn marks(self, bar: &Bar) -> bool {
        match self {
            Mark::Reported => bar.origin == Origin::Reported,
            Mark::Derived => bar.origin == Origin::Derived,
            Mark::Context => bar.origin == Origin::Context,
            Mark::Flagged => flagged(bar.status),
            Mark::LowerBound => !bar.value.hi.is_finite(),
            Mark::UpperBound => bar.value.hi.is_finite() && bar.value.hi > bar.value.lo.max(0.0),
        }
    }
}

/// Whether a check's verdict puts a warning mark before the bar.
pub fn flagged(status: Option<Status>) -> bool {
    match status {
        Some(Status::Contradicts | Status::Implausible | Status::Doubtful) => true,
        Some(Status::Holds) | None => false,
    }
}

/// A chart's title in the reader's language: the dataset's, or the subject a proposed chart
/// shows.
fn title(plan: &ChartPlan, lang: Lang) -> String {
    match &plan.title {
        ChartTitle::Declared(text) => text.get(lang).to_string(),
        ChartTitle::Proposed { subject, period } => proposed_title(subject, period.as_ref(), lang),
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
    model
        .story
        .charts
        .value
        .iter()
        .map(|plan| build(model, plan, units, style, lang, channel))
        .filter(|c| c.bars().any(|b| b.origin != Origin::Context))
        .collect()
}

fn build(
    model: &Model,
    plan: &ChartPlan,
    units: UnitChoice,
    style: NumberStyle,
    lang: Lang,
    channel: Option<&str>,
) -> ChartSpec {
    let mut panels: Vec<Panel> = Vec::new();
    for ids in &plan.panels {
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
                number: numfmt::estimate(&s.value, lang, s.digits, style),
            };
            match &mut panel {
                Some(p) if p.unit == s.unit => p.bars.push(bar),
                Some(_) | None => {
                    if let Some(p) = panel.take() {
                        panels.push(p);
                    }
                    panel = Some(Panel {
                        unit: s.unit.clone(),
                        // A share is shown in its own unit (no family converts it).
                        whole: q.unit.is_percent().then(|| 1.0 / q.unit.to_base()),
                        bars: vec![bar],
                    });
                }
            }
        }
        panels.extend(panel);
    }
    let title = title(plan, lang);
    let description = describe(&title, &panels, lang);
    ChartSpec {
        key: plan.id.clone(),
        title,
        note: plan.note.as_ref().map(|n| n.get(lang).to_string()),
        panels,
        description,
        lang,
    }
}

/// One paragraph saying what the chart shows, bounds in words and flagged bars named.
fn describe(title: &str, panels: &[Panel], lang: Lang) -> String {
    let r = lang.rules();
    let items: Vec<String> = panels
        .iter()
        .flat_map(|p| p.bars.iter())
        .map(|b| {
            let flag = match b.status {
                Some(Status::Contradicts) => r.flag_contradicts,
                Some(Status::Implausible) => r.flag_implausible,
                Some(Status::Doubtful) => r.flag_doubtful,
                Some(Status::Holds) | None => "",
            };
            (r.bar_item)(&b.label, &b.text, &b.period, flag)
        })
        .collect();
    let bounded = panels
        .iter()
        .flat_map(|p| p.bars.iter())
        .any(|b| !matches!(b.value.shape(), Shape::Point(_)));
    let bound_note = if bounded { r.bounds_note } else { "" };
    (r.chart_description)(title, &items, bound_note)
}
