//! What each chart shows, computed from the model and the reader's choices. Pure data: the
//! drawing code and the accessible twin table both read the same spec.

use crate::model::codes::code_table;
use crate::model::display::{show, NumberStyle, UnitChoice};
use crate::model::format::period_text;
use crate::model::presentation::{proposed_title, ChartPlan, ChartTitle};
use crate::model::ChartKind;
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
    /// What the figure is in the chart's form.
    pub role: Role,
    /// A part's share of its whole, in words ("24 % of Total area"), in a part-of-whole chart,
    /// and as the chart writes it beside the part ("24 %").
    pub share: Option<String>,
    pub share_number: Option<String>,
}

impl Bar {
    /// The text the chart writes beside the figure: its value, and a part's share.
    pub fn chart_text(&self) -> String {
        match &self.share_number {
            Some(pct) => format!("{} · {pct}", self.number),
            None => self.number.clone(),
        }
    }
}

code_table! {
    /// What a figure is in its chart's form: the twin table and the tooltip say it.
    #[derive(Debug, Clone, Copy, PartialEq, Eq)]
    pub enum Role {
        /// A bar, or a dated dot.
        Value = "value",
        /// A dumbbell's start and end.
        Start = "start",
        End = "end",
        /// A part of a stated total, or of a whole.
        Part = "part",
        Total = "total",
        Whole = "whole",
    }
}

impl Role {
    /// The words for it, or none for a plain value.
    pub fn label(self, lang: Lang) -> &'static str {
        let t = crate::i18n::tr(lang);
        match self {
            Role::Value => "",
            Role::Start => t.role_start,
            Role::End => t.role_end,
            Role::Part => t.role_part,
            Role::Total => t.role_total,
            Role::Whole => t.role_whole,
        }
    }
}

/// The parts of a stated total added up, and how far that sum lies from the total.
#[derive(Debug, Clone, PartialEq)]
pub struct Gap {
    /// The sum of the parts, in the panel's unit.
    pub sum: Estimate,
    /// The sum and the gap (sum − total) with their unit, in words.
    pub sum_text: String,
    pub gap_text: String,
    /// The gap as the chart writes it, without its unit ("gap 454.1").
    pub label: String,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Panel {
    pub unit: String,
    /// The unit is a currency written before the amount ("US$7.97 million"), as its bars are.
    pub unit_first: bool,
    /// For shares, the value of the whole (100 %) in the panel's unit: the axis ends there.
    pub whole: Option<f64>,
    pub bars: Vec<Bar>,
    /// In a parts-of-total chart: the parts' sum against the total (the last bar).
    pub gap: Option<Gap>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct ChartSpec {
    /// The chart's id in the presentation.
    pub key: String,
    /// The chart's form (`data-kind` in the page).
    pub kind: ChartKind,
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
            .filter(|m| {
                self.panels
                    .iter()
                    .any(|p| p.bars.iter().any(|b| m.marks(p, b)))
            })
            .collect()
    }
}

code_table! {
    /// What a chart can draw that a reader must be told: a colour per origin of a bar, the warning
    /// mark of a bar a check flagged, the arrow of a lower bound and the hatching of an upper bound
    /// (or of a range). `draw.rs` draws each one, and the legend names it.
    #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
    pub enum Mark {
        Reported = "reported",
        Derived = "derived",
        Context = "context",
        Flagged = "flagged",
        LowerBound = "lower-bound",
        UpperBound = "upper-bound",
        /// A dumbbell's start (a ring) and end (a dot).
        Start = "start",
        End = "end",
        /// The whole a part is drawn inside (an outline).
        Whole = "whole",
        /// The stretch between the parts' sum and their stated total.
        Gap = "gap",
    }
}

impl Mark {
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
            Mark::Start => t.legend_start,
            Mark::End => t.legend_end,
            Mark::Whole => t.legend_whole,
            Mark::Gap => t.legend_gap,
        }
    }

    /// Whether the drawing of `bar` in `panel` shows this mark (as `draw.rs` decides it).
    pub fn marks(self, panel: &Panel, bar: &Bar) -> bool {
        match self {
            Mark::Reported => bar.origin == Origin::Reported,
            Mark::Derived => bar.origin == Origin::Derived,
            Mark::Context => bar.origin == Origin::Context,
            Mark::Flagged => flagged(bar.status),
            Mark::LowerBound => !bar.value.hi.is_finite(),
            Mark::UpperBound => bar.value.hi.is_finite() && bar.value.hi > bar.value.lo.max(0.0),
            Mark::Start => bar.role == Role::Start,
            Mark::End => bar.role == Role::End,
            Mark::Whole => bar.role == Role::Whole,
            // Only a gap wide enough to see.
            Mark::Gap => {
                bar.role == Role::Total
                    && panel
                        .gap
                        .as_ref()
                        .is_some_and(|g| g.sum.gap(&bar.value) > 0.0)
            }
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
    let kind = plan.kind;
    // A chart of a form keeps all its figures (a pair, parts and their total): shown when one of
    // them is the channel's, else left out whole.
    let whole_chart = match kind {
        ChartKind::Bars => false,
        ChartKind::Dumbbell
        | ChartKind::PartsOfTotal
        | ChartKind::PartOfWhole
        | ChartKind::Dots => true,
    };
    let in_channel = |id: &str| {
        model
            .quantity(id)
            .is_some_and(|q| channel.is_none_or(|c| q.channel.as_deref() == Some(c)))
    };
    let shown_whole = !whole_chart || plan.panels.iter().flatten().any(|id| in_channel(id));
    let mut panels: Vec<Panel> = Vec::new();
    for ids in plan.panels.iter().filter(|_| shown_whole) {
        let mut panel: Option<Panel> = None;
        for (k, id) in ids.iter().enumerate() {
            // A dataset without this quantity simply draws fewer bars.
            let Some(q) = model.quantity(id) else {
                continue;
            };
            if !whole_chart
                && channel
                    .is_some_and(|c| q.channel.as_deref() != Some(c) && q.origin != Origin::Context)
            {
                continue;
            }
            let last = k + 1 == ids.len();
            let role = match kind {
                ChartKind::Bars | ChartKind::Dots => Role::Value,
                ChartKind::Dumbbell if k % 2 == 0 => Role::Start,
                ChartKind::Dumbbell => Role::End,
                ChartKind::PartsOfTotal if last => Role::Total,
                ChartKind::PartOfWhole if last => Role::Whole,
                ChartKind::PartsOfTotal | ChartKind::PartOfWhole => Role::Part,
            };
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
                role,
                share: None,
                share_number: None,
            };
            match &mut panel {
                Some(p) if p.unit == s.unit || whole_chart => p.bars.push(bar),
                Some(_) | None => {
                    if let Some(p) = panel.take() {
                        panels.push(p);
                    }
                    panel = Some(Panel {
                        unit: s.unit.clone(),
                        unit_first: s.unit_first,
                        // A share is shown in its own unit (no family converts it).
                        whole: q.unit.is_percent().then(|| 1.0 / q.unit.to_base()),
                        bars: vec![bar],
                        gap: None,
                    });
                }
            }
        }
        if let Some(p) = &mut panel {
            complete(p, kind, lang, style);
        }
        panels.extend(panel);
    }
    let title = title(plan, lang);
    let description = describe(&title, kind, &panels, lang);
    ChartSpec {
        key: plan.id.clone(),
        kind,
        title,
        note: plan.note.as_ref().map(|n| n.get(lang).to_string()),
        panels,
        description,
        lang,
    }
}

/// A value with the panel's unit, in words.
fn worded(
    value: Estimate,
    (unit, unit_first): (&str, bool),
    digits: u32,
    lang: Lang,
    style: NumberStyle,
) -> String {
    let s = crate::model::display::Shown {
        value,
        unit: unit.to_string(),
        rate: None,
        digits: Some(digits),
        unit_first,
    };
    numfmt::shown(&s, lang, style)
}

/// Significant digits of a sum, a gap or a share the chart computes.
const COMPUTED_DIGITS: u32 = 6;

/// What a form computes from its figures: the parts' sum and its gap to the total, each part's
/// share of its whole.
fn complete(p: &mut Panel, kind: ChartKind, lang: Lang, style: NumberStyle) {
    match kind {
        ChartKind::Bars | ChartKind::Dumbbell | ChartKind::Dots => {}
        ChartKind::PartsOfTotal => {
            let Some((total, parts)) = p.bars.split_last() else {
                return;
            };
            let sum = parts
                .iter()
                .map(|b| b.value)
                .reduce(|a, b| a.add(&b))
                .unwrap_or(Estimate::point(0.0));
            let gap = sum.sub(&total.value);
            p.gap = Some(Gap {
                sum,
                sum_text: worded(sum, (&p.unit, p.unit_first), COMPUTED_DIGITS, lang, style),
                gap_text: worded(gap, (&p.unit, p.unit_first), COMPUTED_DIGITS, lang, style),
                label: (lang.rules().gap_label)(&numfmt::estimate(
                    &gap,
                    lang,
                    Some(COMPUTED_DIGITS),
                    style,
                )),
            });
        }
        ChartKind::PartOfWhole => {
            let Some((whole, parts)) = p.bars.split_last_mut() else {
                return;
            };
            let label = whole.label.clone();
            for part in parts {
                if let Some(s) = part.value.div(&whole.value) {
                    let pct = worded(s.scale(100.0), ("%", false), 2, lang, style);
                    part.share = Some((lang.rules().share_of)(&pct, &label));
                    part.share_number = Some(pct);
                }
            }
        }
    }
}

/// One paragraph saying what the chart shows, bounds in words and flagged bars named; a
/// dumbbell's pairs as from … to …, a part's share of its whole, parts against their total.
fn describe(title: &str, kind: ChartKind, panels: &[Panel], lang: Lang) -> String {
    let r = lang.rules();
    let flag = |b: &Bar| match b.status {
        Some(Status::Contradicts) => r.flag_contradicts,
        Some(Status::Implausible) => r.flag_implausible,
        Some(Status::Doubtful) => r.flag_doubtful,
        Some(Status::Holds) | None => "",
    };
    let item = |b: &Bar| match &b.share {
        Some(share) => (r.bar_item)(
            &b.label,
            &(r.parenthetical)(&b.text, share),
            &b.period,
            flag(b),
        ),
        None => (r.bar_item)(&b.label, &b.text, &b.period, flag(b)),
    };
    let mut items: Vec<String> = Vec::new();
    let mut after = String::new();
    for p in panels {
        match kind {
            ChartKind::Bars | ChartKind::Dots | ChartKind::PartOfWhole => {
                items.extend(p.bars.iter().map(item))
            }
            ChartKind::PartsOfTotal => {
                items.extend(p.bars.iter().map(item));
                if let (Some(g), Some(total)) = (&p.gap, p.bars.last()) {
                    after.push_str(&(r.parts_against_total)(
                        &g.sum_text,
                        &total.text,
                        &g.gap_text,
                    ));
                }
            }
            ChartKind::Dumbbell => {
                for pair in p.bars.chunks(2) {
                    match pair {
                        [a, b] => items.push(format!(
                            "{}{}{}",
                            (r.pair_item)(&b.label, &a.text, &a.period, &b.text, &b.period),
                            flag(a),
                            flag(b)
                        )),
                        _ => items.extend(pair.iter().map(item)),
                    }
                }
            }
        }
    }
    let bounded = panels
        .iter()
        .flat_map(|p| p.bars.iter())
        .any(|b| !matches!(b.value.shape(), Shape::Point(_)));
    let bound_note = if bounded { r.bounds_note } else { "" };
    (r.chart_description)(title, &items, &format!("{after}{bound_note}"))
}
