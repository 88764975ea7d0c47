//! A quantity expressed in the units the reader chose: area unit and currency. Conversions keep
//! at least as many significant digits as the source printed, and say which exchange rate they used.

use super::codes::code_table;
use super::estimate::Estimate;
use super::units::{Currency, Family, Lang, RateChoice, Unit};
use super::{Model, Quantity};

code_table! {
    /// How numbers are written: with the language's scale words ("1.2 billion", "12亿"; the
    /// words are the language's data, `Rules::compact`), or all digits.
    #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
    pub enum NumberStyle {
        #[default]
        Compact = "compact",
        Full = "full",
    }
}

impl NumberStyle {
    /// The style a stored setting or an address names, earlier codes included: "wan" (万 / 亿,
    /// before the scale words were every language's) is the compact style.
    pub fn read(code: &str) -> Option<NumberStyle> {
        match code {
            "wan" => Some(NumberStyle::Compact),
            other => NumberStyle::parse(other),
        }
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
    /// The unit is a currency the language writes before the amount: "US$7.97 million".
    pub unit_first: bool,
}

/// Significant digits of a derived value (857 yuan per visit, not 857.143), unless each of
/// its inputs was printed with more (`derived_digits`).
const DERIVED_DIGITS: u32 = 3;

/// Most significant digits a derived value keeps, however precise its inputs; a figure's detail
/// writes a computed value with this many.
pub const FULL_DIGITS: u32 = 6;

/// Fewest significant digits a value converted to another unit keeps.
const MIN_CONVERTED_DIGITS: u32 = 3;

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
    let digits = if q.origin == super::Origin::Derived {
        Some(derived_digits(model, &q.id, 0))
    } else if rate.is_some() {
        // An amount at an annual average rate is computed, not printed: as a derived value.
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
    let unit_first = unit.currency_alone().is_some_and(|c| c.goes_before(lang));
    Shown {
        value,
        unit: label,
        rate,
        digits,
        unit_first,
    }
}

/// Significant digits of derived metric `id`: `DERIVED_DIGITS`, or as many as its least
/// precise input carries when that is more (a reported input counts its printed digits, a
/// derived one this same rule), at most `FULL_DIGITS`.
fn derived_digits(model: &Model, id: &str, depth: usize) -> u32 {
    // By the model's index: a linear search here made every view that shows many derived
    // values quadratic (the channels of 112,500 generated figures took 21 s to open).
    let Some(m) = model.derived(id) else {
        return DERIVED_DIGITS;
    };
    if depth > model.dataset.derived.len() {
        return DERIVED_DIGITS;
    }
    let least = m
        .inputs
        .iter()
        .filter_map(|i| match model.figure(i) {
            Some(f) => Some(super::units::significant_digits(f.value)),
            None => model
                .derived(i)
                .is_some()
                .then(|| derived_digits(model, i, depth + 1)),
        })
        .min()
        .unwrap_or(DERIVED_DIGITS);
    least.clamp(DERIVED_DIGITS, FULL_DIGITS)
}
