//! A quantity expressed in the units the reader chose: area unit and currency. Conversions keep
//! at least as many significant digits as the source printed, and say which exchange rate they used.

use super::codes::code_table;
use super::estimate::Estimate;
use super::units::{Currency, Family, Lang, RateChoice, Unit};
use super::{Model, Quantity};

code_table! {
    /// How numbers are written: all digits, or scaled by 万 / 亿.
    #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
    pub enum NumberStyle {
        #[default]
        Full = "full",
        ChineseScale = "wan",
    }
}

/// The reader's unit choices: a display unit per family of units (a vocabulary code; `None`:
/// the dataset's most used unit of that family) and a currency (`None`: as reported).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub struct UnitChoice {
    pub by_family: [Option<&'static str>; Family::ALL.len()],
    pub currency: Option<Currency>,
}

impl UnitChoice {
    pub fn get(&self, f: Family) -> Option<&'static str> {
        self.by_family[f as usize]
    }
    pub fn set(&mut self, f: Family, code: Option<&'static str>) {
        self.by_family[f as usize] = code;
    }
}

/// A value ready to be written out.
#[derive(Debug, Clone, PartialEq)]
pub struct Shown {
    pub value: Estimate,
    /// The unit label in the chosen language.
    pub unit: String,
    /// The exchange rate used, when the value was converted to dollars.
    pub rate: Option<RateChoice>,
    /// Significant digits to keep; `None` when the value is exactly as reported.
    pub digits: Option<u32>,
}

/// Significant digits of a derived value: enough for a sum of five-digit figures.
const DERIVED_DIGITS: u32 = 6;

/// Significant digits of a derived share: 8.664%, not 8.66433%.
const DERIVED_SHARE_DIGITS: u32 = 4;

/// Fewest significant digits a converted value keeps.
const MIN_CONVERTED_DIGITS: u32 = 4;

pub fn show(model: &Model, q: &Quantity, choice: UnitChoice, lang: Lang) -> Shown {
    let mut unit = q.unit.clone();
    let mut value = q.value;
    let mut converted = false;
    let mut rate = None;
    // Each term of a family (area, mass …) in the chosen unit: per-area values scale the
    // other way, which the unit's factor already says.
    let swap = |_: &str, dims: &super::units::Dims| {
        let family = Family::of(dims)?;
        Unit::parse(choice.get(family).or_else(|| model.default_unit(family))?)
    };
    if let Some((u, k)) = unit.map_terms(&swap) {
        value = value.scale(k);
        unit = u;
        converted = true;
    }
    if let (Some(target), Some((from, e))) = (choice.currency, unit.money_term()) {
        // A derived value over mixed periods has no period: it takes the latest rate, and
        // `rate.rule` says so.
        let period = q.period.clone().unwrap_or(super::Period::Undated);
        let to = |code: &str, _: &super::units::Dims| {
            (code == from.code()).then(|| Unit::parse(target.code()))?
        };
        if let (true, Some((r, k)), Some((u, _))) = (
            from != target,
            model.rate(from, target, &period),
            unit.map_terms(&to),
        ) {
            value = value.scale(k.powi(i32::from(e)));
            unit = u;
            rate = Some(r);
            converted = true;
        }
    }
    let label = unit.symbol(lang);
    let digits = if q.origin == super::Origin::Derived && q.unit.is_percent() {
        Some(DERIVED_SHARE_DIGITS)
    } else if q.origin == super::Origin::Derived {
        Some(DERIVED_DIGITS)
    } else if converted {
        let reported = model
            .figure(&q.id)
            .map(|f| super::units::significant_digits(f.value))
            .unwrap_or(MIN_CONVERTED_DIGITS);
        Some(reported.max(MIN_CONVERTED_DIGITS))
    } else {
        None
    };
    Shown {
        value,
        unit: label,
        rate,
        digits,
    }
}
