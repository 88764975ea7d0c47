//! Findings in words, by the reader's language's rules. Numbers go through the caller's formatter.

use super::finding::{Side, Slip, SlipKind};
use super::format::shape_text;
use super::units::Lang;
use super::Model;

/// "Forest land area ÷ Total area of the banner: 292.72–298.64 %".
pub fn side_text(model: &Model, side: &Side, lang: Lang, num: &dyn Fn(f64) -> String) -> String {
    let names: Vec<&str> = side
        .ids
        .iter()
        .map(|id| {
            model
                .quantity(id)
                .map_or(id.as_str(), |q| q.label.get(lang))
        })
        .collect();
    let joiner = if side.ids.len() == 2 && side.unit.is_percent() {
        " ÷ "
    } else {
        " + "
    };
    format!(
        "{}: {} {}",
        names.join(joiner),
        shape_text(side.value.shape(), lang, num),
        side.unit.symbol(lang)
    )
}

pub fn slip_name(kind: SlipKind, lang: Lang) -> String {
    let r = lang.rules();
    match kind {
        SlipKind::PowerOfTen(n) if n.abs() == 4 => r.slip_wan.into(),
        SlipKind::PowerOfTen(n) if n.abs() == 8 => r.slip_yi.into(),
        SlipKind::PowerOfTen(n) => (r.slip_power)(n),
        SlipKind::MuAsHectares => r.slip_mu_as_ha.into(),
        SlipKind::HectaresAsMu => r.slip_ha_as_mu.into(),
    }
}

/// "Forest land area would be 226,666.67 ha if it were mu printed as hectares (÷15); this would mend 3 findings".
pub fn slip_text(model: &Model, slip: &Slip, lang: Lang, num: &dyn Fn(f64) -> String) -> String {
    let q = model.quantity(&slip.figure);
    let label = q.map_or(slip.figure.as_str(), |q| q.label.get(lang));
    let unit = q.map_or(String::new(), |q| q.unit.symbol(lang));
    let name = slip_name(slip.kind, lang);
    (lang.rules().slip_text)(&name, label, &num(slip.corrected), &unit, slip.mends)
}
