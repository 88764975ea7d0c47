//! Findings in words, both languages. Numbers go through the caller's formatter.

use super::checks::{Side, Slip, SlipKind};
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
    let zh = lang == Lang::Zh;
    match kind {
        SlipKind::PowerOfTen(n) if n.abs() == 4 => {
            if zh {
                "万位换算错误（10⁴）".into()
            } else {
                "a 万 (10⁴) conversion slip".into()
            }
        }
        SlipKind::PowerOfTen(n) if n.abs() == 8 => {
            if zh {
                "亿位换算错误（10⁸）".into()
            } else {
                "a 亿 (10⁸) conversion slip".into()
            }
        }
        SlipKind::PowerOfTen(n) => {
            if zh {
                format!("小数点或数量级错位（10^{n}）")
            } else {
                format!("a power-of-ten slip (10^{n})")
            }
        }
        SlipKind::MuAsHectares => {
            if zh {
                "把亩数当作公顷（应除以 15）".into()
            } else {
                "mu printed as hectares (÷15)".into()
            }
        }
        SlipKind::HectaresAsMu => {
            if zh {
                "把公顷数当作亩（应乘以 15）".into()
            } else {
                "hectares printed as mu (×15)".into()
            }
        }
    }
}

/// "Forest land area would be 226,666.67 ha if it were mu printed as hectares (÷15); this would mend 3 findings".
pub fn slip_text(model: &Model, slip: &Slip, lang: Lang, num: &dyn Fn(f64) -> String) -> String {
    let q = model.quantity(&slip.figure);
    let label = q.map_or(slip.figure.as_str(), |q| q.label.get(lang));
    let unit = q.map_or(String::new(), |q| q.unit.symbol(lang));
    let name = slip_name(slip.kind, lang);
    if lang == Lang::Zh {
        format!(
            "若属{name}，{label}应为 {} {unit}；可消除 {} 项检查中的问题",
            num(slip.corrected),
            slip.mends
        )
    } else {
        format!(
            "{label} would be {} {unit} if this were {name}; that would mend {} finding(s)",
            num(slip.corrected),
            slip.mends
        )
    }
}
