//! A chart as a static image: what the build prerenders (SVG files beside the page) and what the
//! page shows until the interactive canvas replaces it. Both take the same box: the width of
//! their container and the layout's height, which does not depend on the width
//! (see [`super::layout::LABEL_COLUMN`]).

use super::layout::layout;
use super::spec::ChartSpec;

/// The width, in CSS pixels, charts are drawn at in their images.
pub const IMAGE_WIDTH: u32 = 640;

/// The colour scheme an image is drawn in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scheme {
    Light,
    Dark,
}

impl Scheme {
    pub const ALL: [Scheme; 2] = [Scheme::Light, Scheme::Dark];
}

/// The image's file, relative to the page it belongs to (each language's page has its own).
/// Chart keys are dataset ids: ASCII letters, digits and `_ - . :` only.
pub fn path(key: &str, scheme: Scheme) -> String {
    match scheme {
        Scheme::Light => format!("charts/{key}.svg"),
        Scheme::Dark => format!("charts/{key}-dark.svg"),
    }
}

/// Width and height of the image in CSS pixels, rounded as the canvas rounds its own size.
pub fn size(spec: &ChartSpec) -> (u32, u32) {
    let l = layout(spec, f64::from(IMAGE_WIDTH));
    (IMAGE_WIDTH, l.height.round() as u32)
}

/// The chart drawn as an SVG document by the same code that draws the canvas.
#[cfg(not(target_arch = "wasm32"))]
pub fn svg(spec: &ChartSpec, scheme: Scheme) -> Result<String, String> {
    use super::draw::{draw, DARK, LIGHT};
    use plotters::prelude::{IntoDrawingArea, SVGBackend};
    let (w, h) = size(spec);
    let l = layout(spec, f64::from(w));
    let palette = match scheme {
        Scheme::Light => &LIGHT,
        Scheme::Dark => &DARK,
    };
    let mut out = String::new();
    {
        let area = SVGBackend::with_string(&mut out, (w, h)).into_drawing_area();
        draw(&area, spec, &l, palette, 1.0, None).map_err(|e| format!("{e:?}"))?;
        area.present().map_err(|e| format!("{e:?}"))?;
    }
    Ok(out)
}
