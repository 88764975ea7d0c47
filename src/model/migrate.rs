//! Files of older format versions, brought to the current one before they are checked. Nothing
//! of the file is dropped: each change rewrites a field into its current form.

use super::dataset::{Dataset, Rule, FORMAT_VERSION, OLDEST_FORMAT_VERSION};
use super::units::migrate_code;

/// Bring `d` to the current format in place; the version it was written in when that was older.
pub fn upgrade(d: &mut Dataset) -> Option<u32> {
    let from = d.format_version;
    // A version out of range is left for `validate::check` to refuse.
    if !(OLDEST_FORMAT_VERSION..FORMAT_VERSION).contains(&from) {
        return None;
    }
    // Version 1 differs from 2 only by having no presentation: it is proposed, as for any
    // dataset that declares none. Versions 1 and 2 wrote unit codes in snake case.
    if from < 3 {
        for_each_unit(d, &mut |code| {
            if let Some(new) = migrate_code(code) {
                *code = new.to_string();
            }
        });
    }
    d.format_version = FORMAT_VERSION;
    Some(from)
}

/// Every unit code a dataset holds.
fn for_each_unit(d: &mut Dataset, f: &mut dyn FnMut(&mut String)) {
    for x in &mut d.figures {
        f(&mut x.unit);
    }
    for x in &mut d.derived {
        f(&mut x.unit);
    }
    for r in &mut d.relations {
        match &mut r.rule {
            Rule::ReferenceRange { reference, .. } => f(&mut reference.unit),
            Rule::SumEquals { .. }
            | Rule::FitsWithin { .. }
            | Rule::PartOf { .. }
            | Rule::RatioMatches { .. }
            | Rule::Equal { .. }
            | Rule::Tension { .. } => {}
        }
    }
    if let Some(p) = &mut d.presentation {
        for s in &mut p.scenarios {
            for i in &mut s.inputs {
                for r in &mut i.readings {
                    f(&mut r.unit);
                }
            }
        }
    }
}
