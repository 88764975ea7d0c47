//! A quantity expressed in the units the reader chose: area unit and currency. Conversions keep
//! at least as many significant digits as the source printed, and say which exchange rate they used.

use super::codes::code_table;
use super::estimate::Estimate;
use super::units::{AreaUnit, Currency, Lang, RateChoice, Unit};
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

/// The reader's unit choices.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub struct UnitChoice {
    pub area: AreaUnit,
    pub currency: Currency,
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
    let dims = q.unit.dims();
    let mut value = q.value;
    let mut label = q.unit.symbol(lang).to_string();
    let mut converted = false;
    let mut rate = None;
    if dims.area != 0 && q.unit != choice.area.unit() {
        let target = choice.area.unit();
        // ha per chosen unit, raised to the area exponent: per-area values scale the other way.
        let k = (q.unit.to_base() / target.to_base()).powi(dims.area as i32);
        if q.unit.is_area() {
            value = value.scale(k);
            label = target.symbol(lang).to_string();
            converted = true;
        } else if dims.area == -1 {
            let per = Unit::Hectare.to_base() / target.to_base();
            value = value.scale(1.0 / per);
            label = label
                .replace(Unit::Hectare.symbol(lang), target.symbol(lang))
                .to_string();
            converted = true;
        }
    }
    if dims.cny == 1 && choice.currency == Currency::Usd {
        // A derived value over mixed periods has no period: it takes the latest rate, and
        // `rate.rule` says so.
        let period = q.period.clone().unwrap_or(super::Period::Undated);
        if let Some(r) = model.rate_for(&period) {
            value = value.scale(1.0 / r.cny_per_usd);
            label = match lang {
                Lang::En | Lang::Fr => label.replace("yuan", "US$"),
                Lang::Zh => label.replace('元', "美元"),
            };
            rate = Some(r);
            converted = true;
        }
    }
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
