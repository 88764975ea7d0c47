//! Drawing a chart with plotters, written once for any backend: the canvas in the page, SVG in
//! native tests.

use super::layout::{BarBox, Layout, LABEL_FONT, LABEL_LINE, LABEL_X};
use super::spec::{Bar, ChartSpec, Mark, Role};
use crate::model::{ChartKind, Origin, Status};
use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor;

/// Colours for one theme. Bar colours follow the Okabe–Ito palette, safe for colour-blind readers.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Palette {
    pub background: RGBColor,
    pub text: RGBColor,
    pub muted: RGBColor,
    pub grid: RGBColor,
    pub reported: RGBColor,
    pub derived: RGBColor,
    pub context: RGBColor,
    pub flagged: RGBColor,
    pub focus: RGBColor,
}

pub const LIGHT: Palette = Palette {
    background: RGBColor(255, 255, 255),
    text: RGBColor(26, 26, 26),
    muted: RGBColor(84, 84, 84),
    grid: RGBColor(225, 225, 225),
    reported: RGBColor(0, 114, 178),
    derived: RGBColor(0, 158, 115),
    context: RGBColor(115, 115, 115),
    flagged: RGBColor(213, 94, 0),
    focus: RGBColor(0, 0, 0),
};

pub const DARK: Palette = Palette {
    background: RGBColor(24, 26, 27),
    text: RGBColor(235, 235, 235),
    muted: RGBColor(190, 190, 190),
    grid: RGBColor(60, 62, 64),
    reported: RGBColor(86, 180, 233),
    derived: RGBColor(0, 190, 140),
    context: RGBColor(160, 160, 160),
    flagged: RGBColor(240, 140, 60),
    focus: RGBColor(255, 255, 255),
};

pub const FONT: &str =
    "\"Noto Sans CJK SC\", \"Noto Sans SC\", \"PingFang SC\", \"Microsoft YaHei\", sans-serif";

/// A text style at `size` CSS pixels, anchored at its left end and middle.
fn font_at(size: f64, scale: f64, color: RGBColor, h: text_anchor::HPos) -> TextStyle<'static> {
    // FontDesc::new with a named family: `From<&str>` would lowercase the name and pull
    // Unicode case tables into the wasm.
    FontDesc::new(FontFamily::Name(FONT), size * scale, FontStyle::Normal)
        .color(&color)
        .pos(text_anchor::Pos::new(h, text_anchor::VPos::Center))
}

/// Draw the chart at `scale` device pixels per CSS pixel.
pub fn draw<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    spec: &ChartSpec,
    layout: &Layout,
    palette: &Palette,
    scale: f64,
    focus: Option<usize>,
) -> Result<(), DrawingAreaErrorKind<DB::ErrorType>> {
    draw_chart(area, spec, layout, palette, scale, focus)?;
    area.present()
}

/// The chart's drawing without presenting it: an exported sheet draws more around it.
fn draw_chart<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    spec: &ChartSpec,
    layout: &Layout,
    palette: &Palette,
    scale: f64,
    focus: Option<usize>,
) -> Result<(), DrawingAreaErrorKind<DB::ErrorType>> {
    let px = |v: f64| (v * scale).round() as i32;
    area.fill(&palette.background)?;
    let font = |size: f64, color: RGBColor| font_at(size, scale, color, text_anchor::HPos::Left);
    let bars: Vec<_> = spec.bars().collect();
    for (pi, panel) in spec.panels.iter().enumerate() {
        let pb = &layout.panels[pi];
        area.draw(&Text::new(
            panel.unit.clone(),
            (px(layout.plot_x0), px(pb.y0 + 12.0)),
            font(12.0, palette.muted),
        ))?;
        let axis_y = pb.y1 - super::layout::AXIS_HEIGHT + 4.0;
        for (i, t) in pb.ticks.iter().enumerate() {
            let x = layout.plot_x0 + t / pb.axis_max * (layout.plot_x1 - layout.plot_x0);
            area.draw(&PathElement::new(
                vec![(px(x), px(pb.y0 + 22.0)), (px(x), px(axis_y))],
                palette.grid.stroke_width(px(1.0).max(1) as u32),
            ))?;
            // The first label starts at its tick, the last one (the axis end) ends there, the
            // others are centred on theirs.
            let h = if i == 0 {
                text_anchor::HPos::Left
            } else if i + 1 == pb.ticks.len() {
                text_anchor::HPos::Right
            } else {
                text_anchor::HPos::Center
            };
            area.draw(&Text::new(
                crate::numfmt::axis(*t, spec.lang),
                (px(x), px(axis_y + 9.0)),
                font_at(11.0, scale, palette.muted, h),
            ))?;
        }
        let boxes: Vec<&BarBox> = layout.bars.iter().filter(|b| b.panel == pi).collect();
        // Lines first, under the dots: a dumbbell's pair, a dot chart's values in order.
        let joined: Vec<(&BarBox, &BarBox)> = match spec.kind {
            ChartKind::Dumbbell => boxes
                .chunks(2)
                .filter_map(|p| Some((*p.first()?, *p.get(1)?)))
                .collect(),
            ChartKind::Dots => boxes.windows(2).map(|w| (w[0], w[1])).collect(),
            ChartKind::Bars | ChartKind::PartsOfTotal | ChartKind::PartOfWhole => Vec::new(),
        };
        for (a, b) in joined {
            let (ya, yb) = (dot_y(a), dot_y(b));
            area.draw(&PathElement::new(
                vec![(px(a.x_dot), px(ya)), (px(b.x_dot), px(yb))],
                palette.muted.stroke_width(px(2.0).max(1) as u32),
            ))?;
        }
        for b in boxes {
            let bar = bars[b.index];
            match spec.kind {
                ChartKind::Bars => draw_bar(area, b, bar.origin, bar.status, palette, scale)?,
                ChartKind::PartsOfTotal => {
                    if let Some((x0, x1)) = b.behind {
                        area.draw(&Rectangle::new(
                            [(px(x0), px(b.y0 + 6.0)), (px(x1), px(b.y1 - 6.0))],
                            palette.grid.filled(),
                        ))?;
                    }
                    draw_bar(area, b, bar.origin, bar.status, palette, scale)?;
                }
                ChartKind::PartOfWhole => {
                    if let Some((x0, x1)) = b.behind {
                        area.draw(&Rectangle::new(
                            [(px(x0), px(b.y0 - 2.0)), (px(x1), px(b.y1 + 2.0))],
                            palette.muted.stroke_width(px(1.5).max(1) as u32),
                        ))?;
                    }
                    if bar.role == Role::Whole {
                        draw_whole(area, b, bar, palette, scale)?;
                    } else {
                        draw_bar(area, b, bar.origin, bar.status, palette, scale)?;
                    }
                }
                ChartKind::Dumbbell | ChartKind::Dots => draw_dot(area, b, bar, palette, scale)?,
            }
            // The label's lines, centred on the bar (layout wrapped them to the label column).
            let first =
                (b.row_y0 + b.row_y1) / 2.0 - (b.label.len() as f64 - 1.0) / 2.0 * LABEL_LINE;
            for (i, line) in b.label.iter().enumerate() {
                area.draw(&Text::new(
                    line.clone(),
                    (px(LABEL_X), px(first + i as f64 * LABEL_LINE)),
                    font(LABEL_FONT, palette.text),
                ))?;
            }
            let value = b.text.as_str();
            let text_px = super::layout::value_text_width(value);
            match spec.kind {
                ChartKind::Dumbbell | ChartKind::Dots => {
                    // Above its dot, kept inside the plot; a dumbbell's start leans away from
                    // its end.
                    let other = match (spec.kind, bar.role) {
                        (ChartKind::Dumbbell, Role::Start) => layout.bars.get(b.index + 1),
                        (ChartKind::Dumbbell, Role::End) => {
                            b.index.checked_sub(1).and_then(|i| layout.bars.get(i))
                        }
                        _ => None,
                    };
                    // Two texts that would overlap are written once, as "start → end", by the end.
                    let crowded = other.is_some_and(|o| {
                        let w = super::layout::value_text_width(&o.text);
                        (o.x_dot - b.x_dot).abs() < (w + text_px) / 2.0 + 8.0
                    });
                    let (text, x) = match (other, crowded, bar.role) {
                        (Some(_), true, Role::Start) => (None, 0.0),
                        (Some(o), true, _) => (
                            Some(format!("{} → {}", o.text, value)),
                            o.x_dot.min(b.x_dot) - 6.0,
                        ),
                        (Some(o), false, _) if o.x_dot >= b.x_dot => {
                            (Some(value.to_string()), b.x_dot - text_px + 6.0)
                        }
                        (Some(_), false, _) => (Some(value.to_string()), b.x_dot - 6.0),
                        (None, _, _) => (Some(value.to_string()), b.x_dot - text_px / 2.0),
                    };
                    if let Some(text) = text {
                        let w = super::layout::value_text_width(&text);
                        let x = x.min(layout.width - w - 2.0).max(layout.plot_x0);
                        area.draw(&Text::new(
                            text,
                            (px(x), px(dot_y(b) - 12.0)),
                            font(12.0, palette.text),
                        ))?;
                    }
                }
                ChartKind::Bars | ChartKind::PartsOfTotal | ChartKind::PartOfWhole => {
                    let value_x = if b.open_high { b.x_lo } else { b.x_hi };
                    let ty = if b.open_high {
                        b.y0 - 1.0
                    } else {
                        (b.y0 + b.y1) / 2.0
                    };
                    if value_x + 6.0 + text_px > layout.width && value_x - text_px - 6.0 > b.x_zero
                    {
                        // No room after the bar: write the value inside its end.
                        let fill = match (bar.role, bar.origin) {
                            (Role::Whole, _) => palette.background,
                            (_, Origin::Reported) => palette.reported,
                            (_, Origin::Derived) => palette.derived,
                            (_, Origin::Context) => palette.context,
                        };
                        // Across the middle of the bar, even for a lower bound (whose text
                        // beside the bar sits above its arrow): at the bar's top edge it would
                        // half leave the bar.
                        area.draw(&Text::new(
                            value.to_string(),
                            (px(value_x - text_px - 4.0), px((b.y0 + b.y1) / 2.0)),
                            font(12.0, readable_on(fill, palette)),
                        ))?;
                    } else {
                        let tx = (value_x + 6.0).max(layout.plot_x0 + 4.0);
                        area.draw(&Text::new(
                            value.to_string(),
                            (px(tx), px(ty)),
                            font(12.0, palette.text),
                        ))?;
                    }
                }
            }
            if let (Some((x0, x1)), Some(g)) = (b.gap, &spec.panels[pi].gap) {
                // The parts' sum against the stated total: a dashed box between the two ends,
                // its size written inside it (or after it, if it is too narrow).
                let (x0, x1) = (x0.min(x1), x0.max(x1));
                dashed_rect(
                    area,
                    (x0, b.y0 - 3.0),
                    (x1, b.y1 + 3.0),
                    palette.flagged,
                    scale,
                )?;
                // Its size on the line under the bar, from the box's left end, kept in view.
                let words = g.label.clone();
                let w = super::layout::value_text_width(&words);
                let tx = x0.min(layout.width - w - 2.0).max(layout.plot_x0);
                area.draw(&Text::new(
                    words,
                    (px(tx), px(b.y1 + 3.0 + super::layout::GAP_LINE / 2.0)),
                    font(12.0, palette.text),
                ))?;
            }
            if focus == Some(b.index) {
                if matches!(spec.kind, ChartKind::Dumbbell | ChartKind::Dots) {
                    area.draw(&Circle::new(
                        (px(b.x_dot), px(dot_y(b))),
                        px(10.0),
                        palette.focus.stroke_width(px(2.0).max(2) as u32),
                    ))?;
                }
                area.draw(&Rectangle::new(
                    [
                        (px(1.0), px(b.row_y0 + 1.0)),
                        (px(layout.width - 2.0), px(b.row_y1 - 1.0)),
                    ],
                    palette.focus.stroke_width(px(2.0).max(2) as u32),
                ))?;
            }
        }
    }
    Ok(())
}

/// The height a dot sits at in its row, below the value written above it.
fn dot_y(b: &BarBox) -> f64 {
    (b.y0 + b.y1) / 2.0 + 5.0
}

fn origin_colour(origin: Origin, palette: &Palette) -> RGBColor {
    match origin {
        Origin::Reported => palette.reported,
        Origin::Derived => palette.derived,
        Origin::Context => palette.context,
    }
}

/// Hatching: strokes `step` apart leaning from (x, bottom) to (x + step, top), between `x0` and
/// `x1` (an upper bound's or a range's stretch, a whole's, the legend's swatch).
fn hatch<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    (x0, x1): (f64, f64),
    (top, bottom): (f64, f64),
    step: f64,
    colour: RGBColor,
    scale: f64,
) -> Result<(), DrawingAreaErrorKind<DB::ErrorType>> {
    let px = |v: f64| (v * scale).round() as i32;
    let mut x = x0 + step;
    while x <= x1 {
        area.draw(&PathElement::new(
            vec![(px(x - step), px(bottom)), (px(x), px(top))],
            colour.stroke_width(px(1.0).max(1) as u32),
        ))?;
        x += step;
    }
    Ok(())
}
/// A rectangle's outline in dashes.
fn dashed_rect<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    (x0, y0): (f64, f64),
    (x1, y1): (f64, f64),
    colour: RGBColor,
    scale: f64,
) -> Result<(), DrawingAreaErrorKind<DB::ErrorType>> {
    let px = |v: f64| (v * scale).round() as i32;
    let style = colour.stroke_width(px(1.5).max(1) as u32);
    let edges = [
        ((x0, y0), (x1, y0)),
        ((x1, y0), (x1, y1)),
        ((x1, y1), (x0, y1)),
        ((x0, y1), (x0, y0)),
    ];
    for ((ax, ay), (bx, by)) in edges {
        let len = ((bx - ax).powi(2) + (by - ay).powi(2)).sqrt();
        let mut t = 0.0;
        while t < len {
            let u = (t + 5.0).min(len);
            let at = |d: f64| (px(ax + (bx - ax) * d / len), px(ay + (by - ay) * d / len));
            area.draw(&PathElement::new(vec![at(t), at(u)], style))?;
            t += 9.0;
        }
    }
    Ok(())
}

/// A whole, drawn as an outline its parts are drawn inside (a bound's stretch hatched).
fn draw_whole<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    b: &BarBox,
    bar: &Bar,
    palette: &Palette,
    scale: f64,
) -> Result<(), DrawingAreaErrorKind<DB::ErrorType>> {
    let px = |v: f64| (v * scale).round() as i32;
    let colour = origin_colour(bar.origin, palette);
    area.draw(&Rectangle::new(
        [(px(b.x_zero), px(b.y0)), (px(b.x_dot), px(b.y1))],
        colour.stroke_width(px(2.0).max(1) as u32),
    ))?;
    if b.x_hi > b.x_lo + 0.5 && !b.open_high {
        hatch(area, (b.x_lo, b.x_hi), (b.y0, b.y1), 6.0, colour, scale)?;
    }
    if super::spec::flagged(bar.status) {
        warning(area, b, palette, scale)?;
    }
    Ok(())
}

/// A value as a dot (a dumbbell's start as a ring), a lower bound's arrow running on from it and
/// an upper bound's or a range's stretch hatched under it.
fn draw_dot<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    b: &BarBox,
    bar: &Bar,
    palette: &Palette,
    scale: f64,
) -> Result<(), DrawingAreaErrorKind<DB::ErrorType>> {
    let px = |v: f64| (v * scale).round() as i32;
    let colour = origin_colour(bar.origin, palette);
    let y = dot_y(b);
    if b.open_high {
        let end = b.x_hi - 2.0;
        area.draw(&PathElement::new(
            vec![(px(b.x_dot), px(y)), (px(end), px(y))],
            colour.stroke_width(px(2.0).max(1) as u32),
        ))?;
        area.draw(&Polygon::new(
            vec![
                (px(end + 2.0), px(y)),
                (px(end - 6.0), px(y - 5.0)),
                (px(end - 6.0), px(y + 5.0)),
            ],
            colour.filled(),
        ))?;
    } else if b.x_hi > b.x_lo + 0.5 {
        area.draw(&Rectangle::new(
            [(px(b.x_lo), px(y - 4.0)), (px(b.x_hi), px(y + 4.0))],
            colour.stroke_width(px(1.0).max(1) as u32),
        ))?;
        hatch(
            area,
            (b.x_lo, b.x_hi),
            (y - 4.0, y + 4.0),
            4.0,
            colour,
            scale,
        )?;
    }
    match bar.role {
        Role::Start => {
            area.draw(&Circle::new(
                (px(b.x_dot), px(y)),
                px(6.0),
                palette.background.filled(),
            ))?;
            area.draw(&Circle::new(
                (px(b.x_dot), px(y)),
                px(6.0),
                colour.stroke_width(px(2.5).max(2) as u32),
            ))?;
        }
        Role::Value | Role::End | Role::Part | Role::Total | Role::Whole => {
            area.draw(&Circle::new((px(b.x_dot), px(y)), px(6.5), colour.filled()))?;
        }
    }
    if super::spec::flagged(bar.status) {
        warning(area, b, palette, scale)?;
    }
    Ok(())
}

/// The warning mark before a flagged figure's row.
fn warning<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    b: &BarBox,
    palette: &Palette,
    scale: f64,
) -> Result<(), DrawingAreaErrorKind<DB::ErrorType>> {
    let px = |v: f64| (v * scale).round() as i32;
    let x = b.x_zero - 2.0;
    area.draw(&Polygon::new(
        vec![
            (px(x), px(b.y0 - 2.0)),
            (px(x - 7.0), px(b.y1 + 2.0)),
            (px(x + 7.0), px(b.y1 + 2.0)),
        ],
        palette.flagged.filled(),
    ))
}

fn draw_bar<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    b: &BarBox,
    origin: Origin,
    status: Option<Status>,
    palette: &Palette,
    scale: f64,
) -> Result<(), DrawingAreaErrorKind<DB::ErrorType>> {
    let px = |v: f64| (v * scale).round() as i32;
    let colour = origin_colour(origin, palette);
    let mid = (b.y0 + b.y1) / 2.0;
    // The part the value certainly reaches.
    let certain_end = if b.x_lo > b.x_zero { b.x_lo } else { b.x_zero };
    if certain_end > b.x_zero {
        area.draw(&Rectangle::new(
            [(px(b.x_zero), px(b.y0)), (px(certain_end), px(b.y1))],
            colour.filled(),
        ))?;
    }
    if b.x_hi > certain_end + 0.5 {
        if b.open_high {
            // Lower bound: a thin shaft with an arrowhead pointing on.
            let end = b.x_hi - 2.0;
            area.draw(&PathElement::new(
                vec![(px(certain_end), px(mid)), (px(end), px(mid))],
                colour.stroke_width(px(2.0).max(1) as u32),
            ))?;
            area.draw(&Polygon::new(
                vec![
                    (px(end + 2.0), px(mid)),
                    (px(end - 8.0), px(mid - 6.0)),
                    (px(end - 8.0), px(mid + 6.0)),
                ],
                colour.filled(),
            ))?;
        } else {
            // Uncertain stretch (an upper bound or a range): outlined and hatched.
            area.draw(&Rectangle::new(
                [(px(certain_end), px(b.y0)), (px(b.x_hi), px(b.y1))],
                colour.stroke_width(px(1.5).max(1) as u32),
            ))?;
            hatch(
                area,
                (certain_end, b.x_hi),
                (b.y0, b.y1),
                6.0,
                colour,
                scale,
            )?;
        }
    }
    if super::spec::flagged(status) {
        // A warning marker in front of the bar: shape, not only colour, carries the flag.
        warning(area, b, palette, scale)?;
    }
    Ok(())
}

/// WCAG's relative luminance of a colour.
fn luminance(c: RGBColor) -> f64 {
    let lin = |v: u8| {
        let x = f64::from(v) / 255.0;
        if x <= 0.039_28 {
            x / 12.92
        } else {
            ((x + 0.055) / 1.055).powf(2.4)
        }
    };
    0.2126 * lin(c.0) + 0.7152 * lin(c.1) + 0.0722 * lin(c.2)
}

/// The palette's text or background colour, whichever reads better on `fill` (a value written
/// inside its bar: white on the light theme's blue, dark on its green and on the dark theme's).
pub fn readable_on(fill: RGBColor, palette: &Palette) -> RGBColor {
    let contrast = |a: RGBColor| {
        let (x, y) = (luminance(a), luminance(fill));
        (x.max(y) + 0.05) / (x.min(y) + 0.05)
    };
    if contrast(palette.text) >= contrast(palette.background) {
        palette.text
    } else {
        palette.background
    }
}

/// The colour a mark is drawn in: a bar's origin, the warning mark, or the text's muted colour
/// for the bound marks, which every origin's bars can carry.
pub fn mark_colour(mark: Mark, palette: &Palette) -> RGBColor {
    match mark {
        Mark::Reported => palette.reported,
        Mark::Derived => palette.derived,
        Mark::Context => palette.context,
        Mark::Flagged => palette.flagged,
        Mark::LowerBound | Mark::UpperBound | Mark::Whole => palette.muted,
        Mark::Start | Mark::End => palette.text,
        Mark::Gap => palette.flagged,
    }
}

/// A legend's swatch in the box from (x, y - SWATCH_H / 2) of SWATCH_W × SWATCH_H CSS pixels:
/// the same shapes the bars are drawn with.
pub fn draw_swatch<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    mark: Mark,
    x: f64,
    y: f64,
    palette: &Palette,
    scale: f64,
) -> Result<(), DrawingAreaErrorKind<DB::ErrorType>> {
    use super::layout::{SWATCH_H, SWATCH_W};
    let px = |v: f64| (v * scale).round() as i32;
    let colour = mark_colour(mark, palette);
    let (y0, y1) = (y - SWATCH_H / 2.0, y + SWATCH_H / 2.0);
    match mark {
        Mark::Reported | Mark::Derived | Mark::Context => {
            area.draw(&Rectangle::new(
                [(px(x), px(y0)), (px(x + SWATCH_W), px(y1))],
                colour.filled(),
            ))?;
        }
        Mark::Flagged => {
            let c = x + SWATCH_W / 2.0;
            area.draw(&Polygon::new(
                vec![
                    (px(c), px(y0 - 1.0)),
                    (px(c - 7.0), px(y1 + 1.0)),
                    (px(c + 7.0), px(y1 + 1.0)),
                ],
                colour.filled(),
            ))?;
        }
        Mark::LowerBound => {
            let end = x + SWATCH_W;
            area.draw(&PathElement::new(
                vec![(px(x), px(y)), (px(end - 2.0), px(y))],
                colour.stroke_width(px(2.0).max(1) as u32),
            ))?;
            area.draw(&Polygon::new(
                vec![
                    (px(end), px(y)),
                    (px(end - 10.0), px(y - 6.0)),
                    (px(end - 10.0), px(y + 6.0)),
                ],
                colour.filled(),
            ))?;
        }
        Mark::Start => {
            area.draw(&Circle::new(
                (px(x + SWATCH_W / 2.0), px(y)),
                px(5.0),
                colour.stroke_width(px(2.0).max(1) as u32),
            ))?;
        }
        Mark::End => {
            area.draw(&Circle::new(
                (px(x + SWATCH_W / 2.0), px(y)),
                px(6.0),
                colour.filled(),
            ))?;
        }
        Mark::Whole => {
            area.draw(&Rectangle::new(
                [(px(x), px(y0)), (px(x + SWATCH_W), px(y1))],
                colour.stroke_width(px(1.5).max(1) as u32),
            ))?;
        }
        Mark::Gap => dashed_rect(area, (x, y0), (x + SWATCH_W, y1), colour, scale)?,
        Mark::UpperBound => {
            area.draw(&Rectangle::new(
                [(px(x), px(y0)), (px(x + SWATCH_W), px(y1))],
                colour.stroke_width(px(1.5).max(1) as u32),
            ))?;
            hatch(area, (x, x + SWATCH_W), (y0, y1), 6.0, colour, scale)?;
        }
    }
    Ok(())
}

/// A chart as a sheet for publication: title, subtitle, the chart, its legend, notes and
/// source line, on the light palette. The PNG (a canvas at `EXPORT_SCALE`) and the SVG are both
/// drawn here.
pub fn draw_sheet<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    spec: &ChartSpec,
    sheet: &super::layout::SheetLayout,
    palette: &Palette,
    scale: f64,
) -> Result<(), DrawingAreaErrorKind<DB::ErrorType>> {
    use super::layout::{
        LEGEND_FONT, NOTE_FONT, SHEET_MARGIN, SOURCE_FONT, SUBTITLE_FONT, SWATCH_W, TITLE_FONT,
    };
    let px = |v: f64| (v * scale).round() as i32;
    let left = text_anchor::HPos::Left;
    area.fill(&palette.background)?;
    let write = |lines: &[super::layout::Line], size: f64, colour: RGBColor, bold: bool| {
        for (line, y) in lines {
            let style = if bold {
                FontDesc::new(FontFamily::Name(FONT), size * scale, FontStyle::Bold)
                    .color(&colour)
                    .pos(text_anchor::Pos::new(left, text_anchor::VPos::Center))
            } else {
                font_at(size, scale, colour, left)
            };
            area.draw(&Text::new(line.clone(), (px(SHEET_MARGIN), px(*y)), style))?;
        }
        Ok(())
    };
    write(&sheet.title, TITLE_FONT, palette.text, true)?;
    write(&sheet.subtitle, SUBTITLE_FONT, palette.muted, false)?;
    write(&sheet.notes, NOTE_FONT, palette.text, false)?;
    write(&sheet.source, SOURCE_FONT, palette.muted, false)?;
    for (mark, words, x, y) in &sheet.legend {
        draw_swatch(area, *mark, *x, *y, palette, scale)?;
        area.draw(&Text::new(
            words.clone(),
            (px(x + SWATCH_W + 6.0), px(*y)),
            font_at(LEGEND_FONT, scale, palette.text, left),
        ))?;
    }
    let chart = area.clone().shrink(
        (px(sheet.chart_x), px(sheet.chart_y)),
        (px(sheet.chart.width) as u32, px(sheet.chart.height) as u32),
    );
    draw_chart(&chart, spec, &sheet.chart, palette, scale, None)?;
    area.present()
}
