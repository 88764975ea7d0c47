//! Geometry of a bar chart in CSS pixels: shared by the drawing code (scaled by the device
//! pixel ratio) and by pointer hit-testing and tooltip placement.

use super::spec::{Bar, ChartSpec, Mark, Panel};
use crate::model::ChartKind;
use crate::model::Shape;

/// The least height of a bar's row; a row grows with the lines of its label.
pub const ROW_HEIGHT: f64 = 34.0;
/// Size of a category label's text and the height of one of its lines.
pub const LABEL_FONT: f64 = 13.0;
pub const LABEL_LINE: f64 = 16.0;
/// Lines of a label at most: beyond, the last line ends with "…" (the tooltip and the twin
/// table keep the whole label). Dataset labels hold at most 200 characters.
pub const MAX_LABEL_LINES: usize = 6;
/// Width of the label column. It does not follow the chart's width, so neither does the chart's
/// height: the prerendered image of a chart and the canvas that replaces it after hydration
/// take the same box at any width, and nothing below them moves.
pub const LABEL_COLUMN: f64 = 140.0;
/// Left margin of the labels, and the gap between the labels and the plot.
pub const LABEL_X: f64 = 4.0;
const LABEL_GAP: f64 = 8.0;
pub const PANEL_HEADER: f64 = 24.0;
pub const PANEL_GAP: f64 = 10.0;
pub const AXIS_HEIGHT: f64 = 22.0;
/// The least distance between two ticks of the value axis, room for "1.25M".
pub const TICK_GAP: f64 = 40.0;
/// Room beyond the largest value for the value text and a bound's arrow.
pub const HEADROOM: f64 = 1.3;
/// The line under a stated total's bar where the gap to its parts' sum is written.
pub const GAP_LINE: f64 = 16.0;
/// The least length of a lower bound's arrow past its bound, room for its head.
pub const OPEN_ARROW: f64 = 18.0;

#[derive(Debug, Clone, PartialEq)]
pub struct BarBox {
    pub panel: usize,
    /// Index among all bars of the chart.
    pub index: usize,
    /// The whole row (label and bar): what the pointer hits and the focus ring surrounds.
    pub row_y0: f64,
    pub row_y1: f64,
    /// The category label, wrapped onto lines that fit `label_width`.
    pub label: Vec<String>,
    pub y0: f64,
    pub y1: f64,
    /// Pixel x of value 0, of the lower end and of the upper end. A lower bound ("more than
    /// 293 ha") has no upper end: its arrow runs on to its bound times `HEADROOM`, at least
    /// `OPEN_ARROW` pixels and never past the axis, so it stays on the panel's own scale and never
    /// reaches out past a larger bar.
    pub x_zero: f64,
    pub x_lo: f64,
    pub x_hi: f64,
    /// The upper end is open (a "more than" bar ends in an arrow).
    pub open_high: bool,
    /// Pixel x of the value as stated (a dot's centre in a dumbbell or dot chart; the end of a
    /// bar as the text gives it).
    pub x_dot: f64,
    /// A stretch drawn faintly behind the bar: the parts stacked before this one, or the whole
    /// a part lies in.
    pub behind: Option<(f64, f64)>,
    /// On a stated total's row: from the total's end to where the parts' sum ends.
    pub gap: Option<(f64, f64)>,
    /// The text written beside it (value, and a part's share).
    pub text: String,
}

#[derive(Debug, Clone, PartialEq)]
pub struct PanelBox {
    pub y0: f64,
    pub y1: f64,
    pub axis_max: f64,
    pub ticks: Vec<f64>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Layout {
    pub width: f64,
    pub height: f64,
    pub label_width: f64,
    pub plot_x0: f64,
    pub plot_x1: f64,
    pub panels: Vec<PanelBox>,
    pub bars: Vec<BarBox>,
}

/// The round steps of a value axis within one power of ten: 1, 2, 2.5 and 5 × 10ⁿ.
const STEPS: [f64; 4] = [1.0, 2.0, 2.5, 5.0];

/// The least number of labelled ticks on a value axis, 0 included.
pub const MIN_TICKS: usize = 3;

/// A value axis: where it ends and the step between its ticks, both in the panel's unit.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Axis {
    pub end: f64,
    pub step: f64,
}

impl Axis {
    /// The longer of two axes.
    fn max_with(self, other: Axis) -> Axis {
        if other.end > self.end {
            other
        } else {
            self
        }
    }

    /// The ticks from 0 to the end, both included (none past it, where rounding near the
    /// largest f64 would make the last one infinite).
    pub fn ticks(&self) -> Vec<f64> {
        let n = (self.end / self.step + 1e-9).floor() as usize;
        (0..=n)
            .map(|i| (i as f64 * self.step).min(self.end))
            .collect()
    }
}

/// The axis for data reaching `max`: it ends on the first multiple of a round step (1, 2, 2.5 or
/// 5 × 10ⁿ) at or above `max`, with the smallest step that needs at most `most` intervals and at
/// least two (so three labelled ticks with 0): 504M ends at 600M, not 1B. `whole` is the value
/// of 100 % in the panel's unit when the panel shows shares: the axis then never runs past it,
/// unless a value does (a share above the whole, which the checks flag, stays in view).
pub fn axis(max: f64, most: usize, whole: Option<f64>) -> Axis {
    let most = most.max(MIN_TICKS - 1) as f64;
    // A value too small for f64 to divide (subnormal) is drawn at 0, on the axis of no data.
    let usable = |v: f64| v.is_normal() && v > 0.0;
    let max = if usable(max) {
        max
    } else {
        whole.filter(|w| usable(*w)).unwrap_or(1.0)
    };
    // Candidate steps from a power of ten below the finest that could do, upwards.
    let mut mag = 10f64.powf((max / most).log10().floor() - 1.0);
    let mut best = None;
    'search: for _ in 0..4 {
        for k in STEPS {
            let step = k * mag;
            let intervals = (max / step - 1e-9).ceil().max(1.0);
            if intervals <= most {
                best = Some(Axis {
                    end: intervals * step,
                    step,
                });
                break 'search;
            }
        }
        mag *= 10.0;
    }
    // Near the largest f64, a round end past `max` is infinite: the axis ends at `max` itself.
    let mut a = best.filter(|a| a.end.is_finite()).unwrap_or(Axis {
        end: max,
        step: max / most,
    });
    // Fewer than two intervals (only when `most` is two): a finer step, for three ticks.
    while a.end / a.step < (MIN_TICKS - 1) as f64 - 1e-9 {
        a.step = smaller_step(a.step);
        a.end = (max / a.step - 1e-9).ceil().max(1.0) * a.step;
    }
    match whole {
        // A share axis stops at 100 %, with the round steps of the whole itself.
        Some(whole) if whole > 0.0 && max <= whole && a.end > whole => Axis {
            end: whole,
            ..axis(whole, most as usize, None)
        },
        Some(_) | None => a,
    }
}

/// The next round step below `step` in the 1-2-2.5-5 series.
fn smaller_step(step: f64) -> f64 {
    let mag = 10f64.powf(step.log10().floor());
    let k = step / mag;
    if k > 5.0 + 1e-9 {
        5.0 * mag
    } else if k > 2.5 + 1e-9 {
        2.5 * mag
    } else if k > 2.0 + 1e-9 {
        2.0 * mag
    } else if k > 1.0 + 1e-9 {
        mag
    } else {
        0.5 * mag
    }
}

/// The width of a text in CSS pixels at `font_px`, estimated on the generous side for the
/// sans-serif fonts the chart uses (the canvas cannot be measured in a pure layout): CJK and
/// other wide characters take a full em.
pub fn text_width(text: &str, font_px: f64) -> f64 {
    text.chars()
        .map(|c| match c {
            ' ' | 'i' | 'j' | 'l' | 'I' | '.' | ',' | ':' | ';' | '\'' | '!' | '|' => 0.3,
            'f' | 't' | 'r' | '(' | ')' | '[' | ']' | '-' | '/' => 0.4,
            'm' | 'w' | 'M' | 'W' | '%' | '@' => 0.92,
            'A'..='Z' => 0.7,
            c if c.is_ascii() => 0.58,
            // Latin letters with accents and the like.
            c if (c as u32) < 0x2E80 => 0.7,
            _ => 1.0,
        })
        .sum::<f64>()
        * font_px
}

/// Break a label into lines no wider than `max_px`: at spaces, and between any two CJK
/// characters; a word longer than a line is broken where it must. At most `max_lines`, the
/// last one ending in "…" when the label is longer still.
pub fn wrap_label(label: &str, max_px: f64, font_px: f64, max_lines: usize) -> Vec<String> {
    let fits = |s: &str| text_width(s, font_px) <= max_px;
    // Pieces that may not be split: runs of non-CJK non-space characters, or one CJK character;
    // each carries whether a space preceded it.
    let mut pieces: Vec<(bool, String)> = Vec::new();
    let mut space = false;
    for c in label.chars() {
        // ASCII spaces and the ideographic space: `char::is_whitespace` would add a Unicode table.
        if c.is_ascii_whitespace() || c == '\u{3000}' {
            space = true;
            continue;
        }
        let wide = (c as u32) >= 0x2E80;
        match pieces.last_mut() {
            Some((_, word))
                if !space && !wide && word.chars().last().is_none_or(|l| (l as u32) < 0x2E80) =>
            {
                word.push(c)
            }
            _ => pieces.push((space, c.to_string())),
        }
        space = false;
    }
    let mut lines: Vec<String> = Vec::new();
    let mut line = String::new();
    for (spaced, word) in pieces {
        let joined = if line.is_empty() {
            word.clone()
        } else if spaced {
            format!("{line} {word}")
        } else {
            format!("{line}{word}")
        };
        if fits(&joined) {
            line = joined;
            continue;
        }
        if !line.is_empty() {
            lines.push(std::mem::take(&mut line));
        }
        // A word too long for a line on its own is cut by characters.
        for c in word.chars() {
            line.push(c);
            if !fits(&line) && line.chars().count() > 1 {
                line.pop();
                lines.push(std::mem::replace(&mut line, c.to_string()));
            }
        }
    }
    if !line.is_empty() || lines.is_empty() {
        lines.push(line);
    }
    if lines.len() > max_lines {
        lines.truncate(max_lines);
        if let Some(last) = lines.last_mut() {
            while !last.is_empty() && !fits(&format!("{last}…")) {
                last.pop();
            }
            last.push('…');
        }
    }
    lines
}

/// The width of a bar's value text at the 12 px the drawing writes it in.
pub fn value_text_width(text: &str) -> f64 {
    text.chars()
        .map(|c| if c.is_ascii() { 6.8 } else { 12.0 })
        .sum()
}

pub fn layout(spec: &ChartSpec, width: f64) -> Layout {
    let width = width.max(240.0);
    let label_width = LABEL_COLUMN;
    let plot_x0 = label_width + LABEL_GAP;
    let plot_x1 = width - 12.0;
    let mut y = 4.0;
    let mut panels = Vec::new();
    let mut bars = Vec::new();
    let mut index = 0;
    for (pi, panel) in spec.panels.iter().enumerate() {
        // How far the data reach: a value's upper end, or a lower bound's arrow (its bound
        // times HEADROOM).
        let data_max = panel
            .bars
            .iter()
            .map(|b| {
                if b.value.hi.is_finite() {
                    b.value.hi
                } else {
                    // A bound on a share points on to 100 % at most.
                    let arrow = b.value.lo * HEADROOM;
                    panel.whole.map_or(arrow, |w| arrow.min(w).max(b.value.lo))
                }
            })
            .fold(0.0_f64, f64::max)
            .max(reach(spec.kind, panel));
        // Room after each bar for its value: on a narrow chart the axis stretches so that the
        // longest value still fits beside its bar (down to a bar of a sixth of the plot).
        let plot_w = plot_x1 - plot_x0;
        // The least text each value needs: a part of a whole may write its share alone (below).
        let least_text = |b: &Bar| match (spec.kind, &b.share_number) {
            (ChartKind::PartOfWhole, Some(share)) => share.clone(),
            (
                ChartKind::PartOfWhole
                | ChartKind::Bars
                | ChartKind::PartsOfTotal
                | ChartKind::Dumbbell
                | ChartKind::Dots,
                _,
            ) => b.chart_text(),
        };
        let fit_text = panel
            .bars
            .iter()
            .map(|b| {
                let v = if b.value.hi.is_finite() {
                    b.value.hi
                } else {
                    b.value.lo
                };
                let text = value_text_width(&least_text(b));
                let room = (plot_w - text - 10.0).max(plot_w / 6.0);
                v.max(0.0) * plot_w / room
            })
            .fold(0.0_f64, f64::max);
        // The axis ends on a round number just past the data (at 100 % for shares), with a tick
        // at least TICK_GAP apart from the next, and never fewer than MIN_TICKS.
        let most = (plot_w / TICK_GAP).floor().clamp(2.0, 5.0) as usize;
        // The axis the data alone call for, if every value's text fits beside its bar or
        // inside its end there (as `draw.rs` places it); else one stretched for the text. A
        // share's text goes inside its bar rather than stretch the axis past 100 %.
        let plain = axis(data_max, most, panel.whole);
        let fits = |b: &Bar| {
            let v = if b.value.hi.is_finite() {
                b.value.hi
            } else {
                b.value.lo
            };
            let end = plot_x0 + (v.max(0.0) / plain.end).min(1.0) * plot_w;
            let text = value_text_width(&least_text(b));
            end + 6.0 + text <= width || end - text - 6.0 > plot_x0
        };
        let texts_fit = panel.bars.iter().all(fits);
        let scale = if texts_fit {
            plain
        } else {
            match panel.whole {
                Some(whole) if data_max <= whole => {
                    plain.max_with(axis(data_max.max(fit_text).min(whole), most, panel.whole))
                }
                Some(_) | None => axis(data_max.max(fit_text), most, panel.whole),
            }
        };
        let axis_max = scale.end.max(f64::MIN_POSITIVE);
        let x_of = |v: f64| {
            let v = if v.is_finite() { v } else { axis_max };
            plot_x0 + (v.clamp(0.0, axis_max) / axis_max) * (plot_x1 - plot_x0)
        };
        let ticks = scale.ticks();
        let y0 = y;
        y += PANEL_HEADER;
        let label_of =
            |b: &Bar| wrap_label(&b.label, label_width - LABEL_X, LABEL_FONT, MAX_LABEL_LINES);
        let row_of = |lines: usize| (lines as f64 * LABEL_LINE + 8.0).max(ROW_HEIGHT);
        // A figure's box in a row from `row_y`, its bar shifted by `offset` (stacked parts).
        let boxed =
            |b: &Bar, index: usize, row_y: f64, row: f64, label: Vec<String>, offset: f64| {
                let mid = row_y + row / 2.0;
                let lo = offset + b.value.lo.max(0.0);
                BarBox {
                    panel: pi,
                    index,
                    row_y0: row_y,
                    row_y1: row_y + row,
                    label,
                    y0: mid - ROW_HEIGHT / 2.0 + 4.0,
                    y1: mid + ROW_HEIGHT / 2.0 - 4.0,
                    x_zero: x_of(offset),
                    x_lo: x_of(lo),
                    x_hi: if b.value.hi.is_finite() {
                        x_of(offset + b.value.hi)
                    } else {
                        let from = x_of(lo);
                        x_of(lo * HEADROOM).max(from + OPEN_ARROW).min(plot_x1)
                    },
                    open_high: !b.value.hi.is_finite(),
                    x_dot: x_of(offset + stated(b)),
                    behind: None,
                    gap: None,
                    text: b.chart_text(),
                }
            };
        match spec.kind {
            ChartKind::Bars | ChartKind::Dots => {
                for b in &panel.bars {
                    let label = label_of(b);
                    let row = row_of(label.len());
                    bars.push(boxed(b, index, y, row, label, 0.0));
                    index += 1;
                    y += row;
                }
            }
            ChartKind::Dumbbell => {
                // One row per pair, labelled by its end.
                for pair in panel.bars.chunks(2) {
                    let Some(end) = pair.last() else {
                        continue;
                    };
                    let label = label_of(end);
                    let row = row_of(label.len());
                    for (k, b) in pair.iter().enumerate() {
                        let lines = if k == 0 { label.clone() } else { Vec::new() };
                        bars.push(boxed(b, index, y, row, lines, 0.0));
                        index += 1;
                    }
                    y += row;
                }
            }
            ChartKind::PartsOfTotal => {
                // Each part starts where the ones before it end: the last row shows them all
                // stacked; the total's row marks the gap to the parts' sum.
                let mut offset = 0.0;
                let n = panel.bars.len();
                for (k, b) in panel.bars.iter().enumerate() {
                    let label = label_of(b);
                    let total = k + 1 == n && n > 1;
                    // The total's row has a line under its bar for the gap's words.
                    let row = row_of(label.len()) + if total { GAP_LINE } else { 0.0 };
                    let at = if total { 0.0 } else { offset };
                    let mut bx = boxed(b, index, y, row, label, at);
                    if at > 0.0 {
                        bx.behind = Some((x_of(0.0), x_of(at)));
                    }
                    if total {
                        bx.y0 -= GAP_LINE / 2.0;
                        bx.y1 -= GAP_LINE / 2.0;
                        if let Some(g) = &panel.gap {
                            let (t, s) = (stated(b), point_of(&g.sum));
                            if (t - s).abs() > 0.0 {
                                bx.gap = Some((x_of(t), x_of(s)));
                            }
                        }
                    } else {
                        offset += stated(b).max(0.0);
                    }
                    bars.push(bx);
                    index += 1;
                    y += row;
                }
            }
            ChartKind::PartOfWhole => {
                // The whole first, then each part inside its outline.
                let whole = panel.bars.last().map(|w| x_of(stated(w)));
                let n = panel.bars.len();
                let order = std::iter::once(n - 1).chain(0..n - 1);
                let first = index;
                let mut rows = Vec::new();
                for k in order {
                    let b = &panel.bars[k];
                    let label = label_of(b);
                    let row = row_of(label.len());
                    let mut bx = boxed(b, first + k, y, row, label, 0.0);
                    if k + 1 < n {
                        bx.behind = whole.map(|w| (x_of(0.0), w));
                    }
                    // The value and share if they fit beside the bar or inside its end, else
                    // the share alone (the tooltip and the table keep both).
                    let end = if bx.open_high { bx.x_lo } else { bx.x_hi };
                    let fits = |t: &str| {
                        let w = value_text_width(t);
                        end + 6.0 + w <= width || end - w - 6.0 > bx.x_zero
                    };
                    if let (false, Some(share)) = (fits(&bx.text), &b.share_number) {
                        bx.text = share.clone();
                    }
                    rows.push(bx);
                    y += row;
                }
                // Boxes stay in the bars' order (their index), whatever the rows' order.
                rows.sort_by_key(|b| b.index);
                bars.extend(rows);
                index += n;
            }
        }
        y += AXIS_HEIGHT;
        panels.push(PanelBox {
            y0,
            y1: y,
            axis_max,
            ticks,
        });
        y += PANEL_GAP;
    }
    Layout {
        width,
        height: y,
        label_width,
        plot_x0,
        plot_x1,
        panels,
        bars,
    }
}

/// Where a value is drawn as stated: a point, the bound a "more than" or "less than" gives, the
/// middle of a range.
pub fn point_of(e: &crate::model::Estimate) -> f64 {
    match e.shape() {
        Shape::Point(v) | Shape::About(v) => v,
        Shape::MoreThan(v) | Shape::AtLeast(v) | Shape::LessThan(v) | Shape::AtMost(v) => v,
        Shape::Between(a, b) => (a + b) / 2.0,
    }
}

fn stated(b: &Bar) -> f64 {
    point_of(&b.value)
}

/// How far a form reaches past its own figures: the stacked parts' sum.
fn reach(kind: ChartKind, panel: &Panel) -> f64 {
    match kind {
        ChartKind::Bars | ChartKind::Dumbbell | ChartKind::PartOfWhole | ChartKind::Dots => 0.0,
        ChartKind::PartsOfTotal => panel.gap.as_ref().map_or(0.0, |g| {
            if g.sum.hi.is_finite() {
                g.sum.hi
            } else {
                g.sum.lo * HEADROOM
            }
        }),
    }
}

impl Layout {
    /// The figure whose row contains this point, if any: of two in one row (a dumbbell's), the
    /// one nearer the pointer.
    pub fn hit(&self, x: f64, y: f64) -> Option<usize> {
        self.bars
            .iter()
            .filter(|b| y >= b.row_y0 && y < b.row_y1)
            .min_by(|a, b| (a.x_dot - x).abs().total_cmp(&(b.x_dot - x).abs()))
            .map(|b| b.index)
    }
}

/// Width, in CSS pixels, of a chart exported for publication (drawn at `EXPORT_SCALE`).
pub const SHEET_WIDTH: f64 = 640.0;
/// Device pixels per CSS pixel of the exported PNG: 1,280 pixels wide.
pub const EXPORT_SCALE: f64 = 2.0;
pub const SHEET_MARGIN: f64 = 16.0;
pub const TITLE_FONT: f64 = 18.0;
const TITLE_LINE: f64 = 24.0;
pub const SUBTITLE_FONT: f64 = 13.0;
const SUBTITLE_LINE: f64 = 18.0;
pub const LEGEND_FONT: f64 = 12.0;
const LEGEND_LINE: f64 = 20.0;
/// A legend swatch's box, and the gap after it and after its text.
pub const SWATCH_W: f64 = 24.0;
pub const SWATCH_H: f64 = 12.0;
const SWATCH_GAP: f64 = 6.0;
const LEGEND_GAP: f64 = 16.0;
pub const NOTE_FONT: f64 = 12.0;
const NOTE_LINE: f64 = 16.0;
pub const SOURCE_FONT: f64 = 11.0;
const SOURCE_LINE: f64 = 15.0;

/// A line of text and the y of its middle.
pub type Line = (String, f64);

/// Where everything of an exported chart goes: title, subtitle, the chart, its legend, notes and
/// source line, top to bottom. Wrapped with the same estimate as chart labels.
#[derive(Debug, Clone, PartialEq)]
pub struct SheetLayout {
    pub width: f64,
    pub height: f64,
    pub title: Vec<Line>,
    pub subtitle: Vec<Line>,
    /// The chart's top left corner, and its own layout.
    pub chart_x: f64,
    pub chart_y: f64,
    pub chart: Layout,
    /// Each legend entry's swatch box (left, middle y) and its text, which starts after it.
    pub legend: Vec<(Mark, String, f64, f64)>,
    pub notes: Vec<Line>,
    pub source: Vec<Line>,
}

/// The texts around an exported chart (see `charts::export::Sheet`).
pub struct SheetText<'a> {
    pub title: &'a str,
    pub subtitle: &'a str,
    pub legend: &'a [(Mark, String)],
    pub notes: &'a [String],
    pub source: &'a str,
}

pub fn sheet(spec: &ChartSpec, text: &SheetText) -> SheetLayout {
    let width = SHEET_WIDTH;
    let inner = width - 2.0 * SHEET_MARGIN;
    let mut y = SHEET_MARGIN;
    let lines = |s: &str, font: f64, line: f64, y: &mut f64| -> Vec<Line> {
        let out: Vec<Line> = wrap_label(s, inner, font, 8)
            .into_iter()
            .filter(|l| !l.is_empty())
            .enumerate()
            .map(|(i, l)| (l, *y + (i as f64 + 0.5) * line))
            .collect();
        *y += out.len() as f64 * line;
        out
    };
    let title = lines(text.title, TITLE_FONT, TITLE_LINE, &mut y);
    let subtitle = lines(text.subtitle, SUBTITLE_FONT, SUBTITLE_LINE, &mut y);
    y += 6.0;
    let chart = layout(spec, inner);
    let (chart_x, chart_y) = (SHEET_MARGIN, y);
    y += chart.height + 4.0;
    // Legend entries flow left to right and wrap.
    let mut legend = Vec::new();
    let mut x = SHEET_MARGIN;
    for (mark, words) in text.legend {
        let w = SWATCH_W + SWATCH_GAP + text_width(words, LEGEND_FONT);
        if x > SHEET_MARGIN && x + w > width - SHEET_MARGIN {
            x = SHEET_MARGIN;
            y += LEGEND_LINE;
        }
        legend.push((*mark, words.clone(), x, y + LEGEND_LINE / 2.0));
        x += w + LEGEND_GAP;
    }
    if !legend.is_empty() {
        y += LEGEND_LINE + 6.0;
    }
    let mut notes = Vec::new();
    for n in text.notes {
        notes.extend(lines(n, NOTE_FONT, NOTE_LINE, &mut y));
    }
    y += 4.0;
    let source = lines(text.source, SOURCE_FONT, SOURCE_LINE, &mut y);
    SheetLayout {
        width,
        height: (y + SHEET_MARGIN).ceil(),
        title,
        subtitle,
        chart_x,
        chart_y,
        chart,
        legend,
        notes,
        source,
    }
}
