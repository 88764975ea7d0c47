//! Geometry of a bar chart in CSS pixels: shared by the drawing code (scaled by the device
//! pixel ratio) and by pointer hit-testing and tooltip placement.

use super::spec::ChartSpec;

pub const ROW_HEIGHT: f64 = 34.0;
pub const PANEL_HEADER: f64 = 24.0;
pub const PANEL_GAP: f64 = 10.0;
pub const AXIS_HEIGHT: f64 = 22.0;
/// Room beyond the largest value for the value text and a bound's arrow.
pub const HEADROOM: f64 = 1.3;

#[derive(Debug, Clone, PartialEq)]
pub struct BarBox {
    pub panel: usize,
    /// Index among all bars of the chart.
    pub index: usize,
    pub y0: f64,
    pub y1: f64,
    /// Pixel x of value 0, of the lower end and of the upper end (axis end when unbounded).
    pub x_zero: f64,
    pub x_lo: f64,
    pub x_hi: f64,
    /// The upper end is open (a "more than" bar runs to the axis end).
    pub open_high: bool,
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

/// A round step giving about four ticks up to `max`.
fn nice_step(max: f64) -> f64 {
    if max <= 0.0 || !max.is_finite() {
        return 1.0;
    }
    let raw = max / 4.0;
    let mag = 10f64.powf(raw.log10().floor());
    let f = raw / mag;
    let nice = if f <= 1.0 {
        1.0
    } else if f <= 2.0 {
        2.0
    } else if f <= 2.5 {
        2.5
    } else if f <= 5.0 {
        5.0
    } else {
        10.0
    };
    nice * mag
}

pub fn layout(spec: &ChartSpec, width: f64) -> Layout {
    let width = width.max(240.0);
    let label_width = (width * 0.36).clamp(90.0, 300.0);
    let plot_x0 = label_width + 8.0;
    let plot_x1 = width - 12.0;
    let mut y = 4.0;
    let mut panels = Vec::new();
    let mut bars = Vec::new();
    let mut index = 0;
    for (pi, panel) in spec.panels.iter().enumerate() {
        let finite_max = panel
            .bars
            .iter()
            .map(|b| {
                if b.value.hi.is_finite() {
                    b.value.hi
                } else {
                    b.value.lo
                }
            })
            .fold(0.0_f64, f64::max);
        let axis_max = (finite_max * HEADROOM).max(f64::MIN_POSITIVE);
        let step = nice_step(finite_max);
        let ticks: Vec<f64> = (0..)
            .map(|i| i as f64 * step)
            .take_while(|t| *t <= axis_max)
            .take(12)
            .collect();
        let y0 = y;
        y += PANEL_HEADER;
        let x_of = |v: f64| {
            let v = if v.is_finite() { v } else { axis_max };
            plot_x0 + (v.clamp(0.0, axis_max) / axis_max) * (plot_x1 - plot_x0)
        };
        for b in &panel.bars {
            bars.push(BarBox {
                panel: pi,
                index,
                y0: y + 4.0,
                y1: y + ROW_HEIGHT - 4.0,
                x_zero: x_of(0.0),
                x_lo: x_of(b.value.lo.max(0.0)),
                x_hi: x_of(b.value.hi),
                open_high: !b.value.hi.is_finite(),
            });
            index += 1;
            y += ROW_HEIGHT;
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

impl Layout {
    /// The bar whose row contains this point, if any.
    pub fn hit(&self, _x: f64, y: f64) -> Option<usize> {
        self.bars
            .iter()
            .find(|b| y >= b.y0 - 4.0 && y <= b.y1 + 4.0)
            .map(|b| b.index)
    }
}
