//! A chart as a static image: what the build prerenders (SVG files beside the page) and what the
//! page shows until the interactive canvas replaces it. Both take the same box: the width of
//! their container and the layout's height, which does not depend on the width
//! (see [`super::layout::LABEL_COLUMN`]).

use super::layout::layout;
use super::spec::ChartSpec;

/// The width, in CSS pixels, charts are drawn at in their images.
pub const IMAGE_WIDTH: u32 = 640;

/// The image's file, relative to the page it belongs to (each language's page has its own).
/// Chart keys are dataset ids: ASCII letters, digits and `_ - . :` only.
pub fn path(key: &str) -> String {
    format!("charts/{key}.svg")
}

/// Width and height of the image in CSS pixels, rounded as the canvas rounds its own size.
pub fn size(spec: &ChartSpec) -> (u32, u32) {
    let l = layout(spec, f64::from(IMAGE_WIDTH));
    (IMAGE_WIDTH, l.height.round() as u32)
}

/// The chart drawn as an SVG document by the same code that draws the canvas, in the light
/// palette, with a stylesheet inside the image that repaints each light colour in its dark twin
/// when the reader's system prefers dark (a rule on the presentation attribute, so one file
/// serves both schemes; the page's policy does not reach inside an image).
#[cfg(not(target_arch = "wasm32"))]
pub fn svg(spec: &ChartSpec) -> Result<String, String> {
    use super::draw::{draw, Palette, DARK, LIGHT};
    use plotters::prelude::{IntoDrawingArea, SVGBackend};
    let (w, h) = size(spec);
    let l = layout(spec, f64::from(w));
    let mut out = String::new();
    {
        let area = SVGBackend::with_string(&mut out, (w, h)).into_drawing_area();
        draw(&area, spec, &l, &LIGHT, 1.0, None).map_err(|e| format!("{e:?}"))?;
        area.present().map_err(|e| format!("{e:?}"))?;
    }
    let pairs = |p: &Palette| {
        [
            p.background,
            p.text,
            p.muted,
            p.grid,
            p.reported,
            p.derived,
            p.context,
            p.flagged,
            p.focus,
        ]
    };
    let hex = |c: plotters::style::RGBColor| format!("#{:02X}{:02X}{:02X}", c.0, c.1, c.2);
    let mut rules = String::new();
    for (light, dark) in pairs(&LIGHT).into_iter().zip(pairs(&DARK)) {
        let (light, dark) = (hex(light), hex(dark));
        // Only colours the drawing used.
        for attr in ["fill", "stroke"] {
            let used = format!("{attr}=\"{light}\"");
            if out.contains(&used) {
                rules.push_str(&format!("[{used}]{{{attr}:{dark}}}"));
            }
        }
    }
    let Some(open_end) = out.find('>') else {
        return Err("plotters wrote no <svg> element".into());
    };
    out.insert_str(
        open_end + 1,
        &format!("\n<style>@media (prefers-color-scheme: dark){{{rules}}}</style>"),
    );
    Ok(out)
}
