//! Export of figures as CSV and JSON, with units, periods, kinds and sources.

use super::format::{number_text, period_text};
use super::units::Lang;
use super::{Figure, FigureKind, Model};

/// The figures as CSV, one row each, values as reported plus the scale to apply.
pub fn figures_csv(model: &Model, figures: &[&Figure], lang: Lang) -> Result<String, String> {
    let mut w = csv::Writer::from_writer(Vec::new());
    w.write_record([
        "id",
        "label",
        "value_as_reported",
        "scale",
        "value",
        "unit",
        "qualifier",
        "period",
        "channel",
        "kind",
        "paragraph",
        "quote",
        "external_source",
        "note",
        "check_status",
    ])
    .map_err(|e| e.to_string())?;
    for f in figures {
        let value = f.value * f.scale.factor();
        let kind = match f.kind {
            FigureKind::Reported => "reported",
            FigureKind::Context => "context",
        };
        let scale = serde_json::to_value(f.scale)
            .ok()
            .and_then(|v| v.as_str().map(str::to_string))
            .unwrap_or_default();
        let qualifier = serde_json::to_value(f.qualifier)
            .ok()
            .and_then(|v| v.as_str().map(str::to_string))
            .unwrap_or_default();
        w.write_record([
            f.id.as_str(),
            f.label.get(lang),
            &number_text(f.value),
            &scale,
            &number_text(value),
            f.unit.as_str(),
            &qualifier,
            &period_text(Some(&f.period), lang),
            f.channel.as_deref().unwrap_or(""),
            kind,
            &f.source
                .paragraph
                .map(|p| p.to_string())
                .unwrap_or_default(),
            f.source.quote.as_deref().unwrap_or(""),
            f.source.external.as_deref().unwrap_or(""),
            f.source.note.get(lang),
            model.status_of(&f.id).map(|s| s.code()).unwrap_or(""),
        ])
        .map_err(|e| e.to_string())?;
    }
    let bytes = w.into_inner().map_err(|e| e.to_string())?;
    String::from_utf8(bytes).map_err(|e| e.to_string())
}

/// The figures as a JSON array in the dataset's own figure format.
pub fn figures_json(figures: &[&Figure]) -> Result<String, String> {
    serde_json::to_string_pretty(figures).map_err(|e| e.to_string())
}
