//! A chart made ready to leave the app: a sheet for publication (title, subtitle with units and
//! periods, the chart, its legend, notes, and a source line naming the case, its paragraphs and
//! the app's address), written as SVG here and drawn on a canvas at `EXPORT_SCALE` for the PNG
//! (`components/chart_panel.rs`); and the chart's figures as CSV.

use super::draw::{draw_sheet, LIGHT};
use super::layout::{sheet, SheetLayout, SheetText};
use super::spec::{flagged, ChartSpec, Mark};
use crate::i18n::tr;
use crate::model::export::Csv;
use crate::model::ChartKind;
use crate::model::{Lang, Status};

/// Separates the parts of a subtitle or source line, in every language.
const PARTS: &str = " · ";

/// The texts around an exported chart, in the reader's language.
#[derive(Debug, Clone, PartialEq)]
pub struct Sheet {
    pub title: String,
    /// The panels' units and the bars' periods.
    pub subtitle: String,
    pub legend: Vec<(Mark, String)>,
    /// The dataset's note on the chart, then one line per bar a check flagged.
    pub notes: Vec<String>,
    /// "Source: <case title> · ¶ 3, 5 · <address>".
    pub source: String,
}

/// Each distinct non-empty text once, in order.
fn distinct<'a>(items: impl Iterator<Item = &'a str>) -> Vec<&'a str> {
    let mut out: Vec<&str> = Vec::new();
    for s in items {
        if !s.is_empty() && !out.contains(&s) {
            out.push(s);
        }
    }
    out
}

impl Sheet {
    pub fn new(spec: &ChartSpec, lang: Lang, case_title: &str, address: &str) -> Sheet {
        let t = tr(lang);
        let r = lang.rules();
        let units = distinct(spec.panels.iter().map(|p| p.unit.as_str()));
        let periods = distinct(spec.bars().map(|b| b.period.as_str()));
        let subtitle: Vec<String> = [(t.unit, units), (t.period, periods)]
            .into_iter()
            .filter(|(_, list)| !list.is_empty())
            .map(|(name, list)| format!("{name}{}{}", t.colon, list.join(t.list_separator)))
            .collect();
        let mut notes: Vec<String> = spec.note.iter().cloned().collect();
        for b in spec.bars().filter(|b| flagged(b.status)) {
            let flag = match b.status {
                Some(Status::Contradicts) => r.flag_contradicts,
                Some(Status::Implausible) => r.flag_implausible,
                Some(Status::Doubtful) => r.flag_doubtful,
                Some(Status::Holds) | None => "",
            };
            notes.push(format!("{}{}", b.label, flag));
        }
        let mut paragraphs: Vec<u32> = spec.bars().filter_map(|b| b.paragraph).collect();
        paragraphs.sort_unstable();
        paragraphs.dedup();
        let mut source = vec![case_title.to_string()];
        if !paragraphs.is_empty() {
            let list: Vec<String> = paragraphs.iter().map(u32::to_string).collect();
            source.push(format!("{} {}", t.paragraph, list.join(t.list_separator)));
        }
        if !address.is_empty() {
            source.push(address.to_string());
        }
        Sheet {
            title: spec.title.clone(),
            subtitle: subtitle.join(PARTS),
            legend: spec
                .legend()
                .into_iter()
                .map(|m| (m, m.label(lang).to_string()))
                .collect(),
            notes,
            source: format!("{}{}{}", t.source, t.colon, source.join(PARTS)),
        }
    }

    pub fn layout(&self, spec: &ChartSpec) -> SheetLayout {
        sheet(
            spec,
            &SheetText {
                title: &self.title,
                subtitle: &self.subtitle,
                legend: &self.legend,
                notes: &self.notes,
                source: &self.source,
            },
        )
    }
}

/// The sheet as an SVG document, in CSS pixels, on the light palette (an article's page).
pub fn svg(spec: &ChartSpec, sheet: &Sheet) -> Result<String, String> {
    use plotters::prelude::{IntoDrawingArea, SVGBackend};
    let l = sheet.layout(spec);
    let mut out = String::new();
    {
        let size = (l.width.round() as u32, l.height.round() as u32);
        let area = SVGBackend::with_string(&mut out, size).into_drawing_area();
        draw_sheet(&area, spec, &l, &LIGHT, 1.0).map_err(|e| format!("{e:?}"))?;
    }
    Ok(out)
}

/// The chart's figures, one row per bar: the value as the chart writes it, with its unit,
/// period and the paragraph of the text it comes from.
pub fn csv(spec: &ChartSpec) -> Result<String, String> {
    let mut w = Csv::default();
    // A form's roles (start, end, part, total, whole) in a last column, in English codes.
    let roles = match spec.kind {
        ChartKind::Bars => false,
        ChartKind::Dumbbell
        | ChartKind::PartsOfTotal
        | ChartKind::PartOfWhole
        | ChartKind::Dots => true,
    };
    let mut head = vec!["id", "label", "value", "unit", "period", "paragraph"];
    if roles {
        head.push("role");
    }
    w.write_record(&head);
    for p in &spec.panels {
        for b in &p.bars {
            let text = Csv::text;
            let mut row = vec![
                text(&b.id).into_owned(),
                text(&b.label).into_owned(),
                text(&b.number).into_owned(),
                text(&p.unit).into_owned(),
                text(&b.period).into_owned(),
                b.paragraph.map(|n| n.to_string()).unwrap_or_default(),
            ];
            if roles {
                row.push(b.role.code().to_string());
            }
            let row: Vec<&str> = row.iter().map(String::as_str).collect();
            w.write_record(&row);
        }
    }
    w.finish()
}

/// The file name of an export: `chart-<key>.<ext>` (chart keys are dataset ids, safe in a name).
pub fn file_name(key: &str, ext: &str) -> String {
    format!("chart-{key}.{ext}")
}
