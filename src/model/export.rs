//! Export of figures as CSV and JSON, with units, periods, kinds and sources.

use super::format::{number_text, period_text};
use super::units::Lang;
use super::{Figure, Model};
use std::borrow::Cow;

/// The figures as CSV, one row each, values as reported plus the scale to apply. Text cells
/// that a spreadsheet would run as a formula are neutralised (`Csv::text`); numbers stay numbers.
pub fn figures_csv(model: &Model, figures: &[&Figure], lang: Lang) -> Result<String, String> {
    let mut w = Csv::default();
    w.write_record(&[
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
    ]);
    for f in figures {
        let value = f.value * f.scale.factor();
        let kind = f.kind.code();
        let scale = f.scale.code();
        let qualifier = f.qualifier.code();
        let period = period_text(Some(&f.period), lang);
        let text = Csv::text;
        w.write_record(&[
            &text(&f.id),
            &text(f.label.get(lang)),
            &number_text(f.value),
            scale,
            &number_text(value),
            &text(&f.unit),
            qualifier,
            &text(&period),
            &text(f.channel.as_deref().unwrap_or("")),
            kind,
            &f.source
                .paragraph
                .map(|p| p.to_string())
                .unwrap_or_default(),
            &text(f.source.quote.as_deref().unwrap_or("")),
            &text(f.source.external.as_deref().unwrap_or("")),
            &text(f.source.note.get(lang)),
            model.status_of(&f.id).map(|s| s.code()).unwrap_or(""),
        ]);
    }
    String::from_utf8(w.out).map_err(|e| e.to_string())
}

/// The figures as a JSON array in the dataset's own figure format.
pub fn figures_json(figures: &[&Figure]) -> Result<String, String> {
    serde_json::to_string_pretty(figures).map_err(|e| e.to_string())
}

/// RFC 4180 records: a field is quoted when it holds a comma, a quote or a line break, and
/// quotes inside are doubled. Written here rather than with the `csv` or `csv-core` writers
/// because both decide on quoting through a branch that parses fields as floats, which links
/// core's float-parsing tables: 16 KB gzipped, over 6% of the bundle budget. The native tests
/// read every export back with the `csv` crate's reader.
#[derive(Default)]
pub struct Csv {
    out: Vec<u8>,
}

impl Csv {
    /// A text cell as OWASP advises against CSV injection: one that begins with `=`, `+`, `-`,
    /// `@`, a tab or a carriage return gets a leading `'`, so that a spreadsheet shows it as text
    /// instead of running it as a formula. Only text goes through here: a number such as -0.5 in
    /// the value columns is written as it is and stays a number.
    pub fn text(s: &str) -> Cow<'_, str> {
        if s.starts_with(['=', '+', '-', '@', '\t', '\r']) {
            Cow::Owned(format!("'{s}"))
        } else {
            Cow::Borrowed(s)
        }
    }

    pub fn write_record(&mut self, fields: &[&str]) {
        for (i, f) in fields.iter().enumerate() {
            if i > 0 {
                self.out.push(b',');
            }
            let quote = f.contains([',', '"', '\n', '\r']);
            if quote {
                self.out.push(b'"');
            }
            for b in f.bytes() {
                if b == b'"' {
                    self.out.push(b'"');
                }
                self.out.push(b);
            }
            if quote {
                self.out.push(b'"');
            }
        }
        self.out.extend_from_slice(b"\r\n");
    }

    /// The records written so far.
    pub fn finish(self) -> Result<String, String> {
        String::from_utf8(self.out).map_err(|e| e.to_string())
    }
}
