//! The vocabulary as data: every unit the app knows is one row of `UNITS`, every currency one
//! ISO 4217 code (with a name where we have one). Codes follow UCUM where UCUM has the unit
//! (`ha`, `km2`, `t`, `kg`, `L`, `kW`, `kW.h`, `a`, `%`, counts as `{annotation}`); see
//! ARCHITECTURE.md for the few that UCUM lacks (`mu`, `jin`, `acre`, `pp`). Compound units are
//! written as UCUM writes them, from these rows: `CNY/ha/a`, `m3/ha`, `CNY/USD`.
//!
//! Adding a unit is adding a row; nothing else in the code names a unit.

/// What a number in a unit may be, beyond its dimension.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Role {
    /// An amount: never negative.
    Amount,
    /// A share of a whole, as a percentage: above 100 cannot be right.
    Share,
    /// A change (percentage points): may be negative.
    Change,
}

/// The base dimensions' exponents of a unit row, in the order of `units::Base::ALL`
/// (mass, length, time, people, households, visits, animals, plants, items).
pub type Exps = [i8; 9];

pub const NONE: Exps = [0; 9];
pub const MASS: Exps = [1, 0, 0, 0, 0, 0, 0, 0, 0];
pub const LENGTH: Exps = [0, 1, 0, 0, 0, 0, 0, 0, 0];
pub const AREA: Exps = [0, 2, 0, 0, 0, 0, 0, 0, 0];
pub const VOLUME: Exps = [0, 3, 0, 0, 0, 0, 0, 0, 0];
pub const TIME: Exps = [0, 0, 1, 0, 0, 0, 0, 0, 0];
/// kg·m²·a⁻² (time's base unit is the year).
pub const ENERGY: Exps = [1, 2, -2, 0, 0, 0, 0, 0, 0];
pub const POWER: Exps = [1, 2, -3, 0, 0, 0, 0, 0, 0];
pub const PEOPLE: Exps = [0, 0, 0, 1, 0, 0, 0, 0, 0];
pub const HOUSEHOLDS: Exps = [0, 0, 0, 0, 1, 0, 0, 0, 0];
pub const VISITS: Exps = [0, 0, 0, 0, 0, 1, 0, 0, 0];
pub const ANIMALS: Exps = [0, 0, 0, 0, 0, 0, 1, 0, 0];
pub const PLANTS: Exps = [0, 0, 0, 0, 0, 0, 0, 1, 0];
pub const ITEMS: Exps = [0, 0, 0, 0, 0, 0, 0, 0, 1];
/// People × time (person-days).
pub const PEOPLE_TIME: Exps = [0, 0, 1, 1, 0, 0, 0, 0, 0];

/// Seconds in a year (UCUM's `a`, the Julian year): time's base unit is the year.
const YEAR_S: f64 = 31_557_600.0;
/// A joule in the base units (kg·m²·a⁻²).
pub const JOULE: f64 = YEAR_S * YEAR_S;
/// A watt in the base units (kg·m²·a⁻³).
pub const WATT: f64 = JOULE * YEAR_S;

/// A name of the unit in one language: as a quantity is written ("310 people") and as a
/// denominator ("yuan per person").
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Name {
    pub lang: &'static str,
    pub symbol: &'static str,
    pub per: &'static str,
}

/// One unit of the vocabulary.
#[derive(Debug, PartialEq)]
pub struct UnitRow {
    pub code: &'static str,
    pub dims: Exps,
    /// Multiply a value in this unit by this to get base units (kg, m, year, one of a count).
    pub factor: f64,
    pub role: Role,
    /// Offered as a display choice for its dimension (area, mass, …).
    pub choice: bool,
    /// Names by interface language; a language without a row falls back to English.
    pub names: &'static [Name],
    /// Words the drafter reads right after a number, English in lower case, and Chinese.
    pub words: &'static [&'static str],
}

const fn n(lang: &'static str, symbol: &'static str, per: &'static str) -> Name {
    Name { lang, symbol, per }
}

macro_rules! row {
    ($code:literal, $dims:expr, $factor:expr, $role:ident, $choice:literal, [$($name:expr),*], [$($w:literal),*]) => {
        UnitRow {
            code: $code,
            dims: $dims,
            factor: $factor,
            role: Role::$role,
            choice: $choice,
            names: &[$($name),*],
            words: &[$($w),*],
        }
    };
}

#[rustfmt::skip]
pub static UNITS: &[UnitRow] = &[
    // Area
    row!("m2", AREA, 1.0, Amount, true, [n("en", "m²", "m²"), n("zh", "平方米", "平方米")],
        ["square metres", "square meters", "sq m", "m²", "m2", "平方米"]),
    row!("ha", AREA, 1e4, Amount, true, [n("en", "ha", "ha"), n("zh", "公顷", "公顷")],
        ["hectares", "hectare", "ha", "公顷"]),
    row!("mu", AREA, 1e4 / 15.0, Amount, true, [n("en", "mu", "mu"), n("zh", "亩", "亩")],
        ["mu", "亩"]),
    row!("km2", AREA, 1e6, Amount, true, [n("en", "km²", "km²"), n("zh", "平方公里", "平方公里")],
        ["km²", "km2", "sq km", "square kilometres", "square kilometers", "平方公里", "平方千米"]),
    row!("acre", AREA, 4_046.856_422_4, Amount, true, [n("en", "acres", "acre"), n("zh", "英亩", "英亩"), n("fr", "acres", "acre")],
        ["acres", "acre", "英亩"]),
    // Length
    row!("m", LENGTH, 1.0, Amount, true, [n("en", "m", "m"), n("zh", "米", "米")],
        ["metres", "meters", "metre", "meter", "米"]),
    row!("km", LENGTH, 1e3, Amount, true, [n("en", "km", "km"), n("zh", "公里", "公里")],
        ["kilometres", "kilometers", "kilometre", "kilometer", "km", "公里", "千米"]),
    // Volume
    row!("m3", VOLUME, 1.0, Amount, true, [n("en", "m³", "m³"), n("zh", "立方米", "立方米")],
        ["cubic metres", "cubic meters", "m³", "m3", "立方米", "方"]),
    row!("L", VOLUME, 1e-3, Amount, true, [n("en", "litres", "litre"), n("zh", "升", "升"), n("fr", "litres", "litre")],
        ["litres", "liters", "litre", "liter", "升"]),
    // Mass
    row!("kg", MASS, 1.0, Amount, true, [n("en", "kg", "kg"), n("zh", "千克", "千克")],
        ["kilograms", "kilogram", "kilos", "kg", "公斤", "千克"]),
    row!("jin", MASS, 0.5, Amount, true, [n("en", "jin", "jin"), n("zh", "斤", "斤")],
        ["jin", "斤"]),
    row!("t", MASS, 1e3, Amount, true, [n("en", "t", "t"), n("zh", "吨", "吨")],
        ["metric tons", "metric tonnes", "tonnes", "tonne", "tons", "ton", "吨"]),
    // Energy and power
    row!("kW.h", ENERGY, 3.6e6 * JOULE, Amount, true, [n("en", "kWh", "kWh"), n("zh", "千瓦时", "千瓦时")],
        ["kwh", "kilowatt-hours", "kilowatt hours", "千瓦时", "度"]),
    row!("MW.h", ENERGY, 3.6e9 * JOULE, Amount, true, [n("en", "MWh", "MWh"), n("zh", "兆瓦时", "兆瓦时")],
        ["mwh", "megawatt-hours", "megawatt hours", "兆瓦时"]),
    row!("kW", POWER, 1e3 * WATT, Amount, true, [n("en", "kW", "kW"), n("zh", "千瓦", "千瓦")],
        ["kwp", "kw", "kilowatts", "kilowatt", "千瓦"]),
    row!("MW", POWER, 1e6 * WATT, Amount, true, [n("en", "MW", "MW"), n("zh", "兆瓦", "兆瓦")],
        ["mwp", "mw", "megawatts", "megawatt", "兆瓦"]),
    // Time
    row!("a", TIME, 1.0, Amount, false, [n("en", "years", "year"), n("zh", "年", "年"), n("fr", "ans", "an")],
        []),
    row!("d", TIME, 1.0 / 365.25, Amount, false, [n("en", "days", "day"), n("zh", "天", "天"), n("fr", "jours", "jour")],
        []),
    // Shares and changes
    row!("%", NONE, 0.01, Share, false, [n("en", "%", "%"), n("zh", "%", "%")],
        ["%", "％", "percent", "per cent"]),
    row!("pp", NONE, 0.01, Change, false, [n("en", "pp", "pp"), n("zh", "个百分点", "个百分点"), n("fr", "points", "point")],
        ["percentage points", "percentage point", "个百分点", "百分点"]),
    // Counts
    row!("{person}", PEOPLE, 1.0, Amount, false, [n("en", "people", "person"), n("zh", "人", "人"), n("fr", "personnes", "personne")],
        ["人", "名", "位"]),
    row!("{person-day}", PEOPLE_TIME, 1.0 / 365.25, Amount, false,
        [n("en", "person-days", "person-day"), n("zh", "人日", "人日"), n("fr", "jours-personnes", "jour-personne")],
        ["person-days", "person days", "mandays", "man-days", "人日", "个工日", "工日"]),
    row!("{visit}", VISITS, 1.0, Amount, false, [n("en", "visits", "visit"), n("zh", "人次", "人次"), n("fr", "visites", "visite")],
        ["人次"]),
    row!("{household}", HOUSEHOLDS, 1.0, Amount, false,
        [n("en", "households", "household"), n("zh", "户", "户"), n("fr", "ménages", "ménage")],
        ["户"]),
    row!("{head}", ANIMALS, 1.0, Amount, false, [n("en", "head", "head"), n("zh", "头", "头"), n("fr", "têtes", "tête")],
        ["head", "头", "只"]),
    row!("{plant}", PLANTS, 1.0, Amount, false, [n("en", "plants", "plant"), n("zh", "株", "株"), n("fr", "plants", "plant")],
        ["plants", "saplings", "seedlings", "trees", "株", "棵"]),
    row!("{item}", ITEMS, 1.0, Amount, false, [n("en", "items", "item"), n("zh", "个", "个"), n("fr", "unités", "unité")],
        []),
];

/// A currency we can name. Any other ISO 4217 code is valid too, and is written as its code.
#[derive(Debug, PartialEq)]
pub struct CurrencyRow {
    pub code: &'static str,
    /// Names by interface language: (lang, as a unit after a number, the currency's name).
    pub names: &'static [(&'static str, &'static str, &'static str)],
    /// Words and signs the drafter reads after a number (lower case) ...
    pub words: &'static [&'static str],
    /// ... and before it.
    pub signs: &'static [&'static str],
    /// Interface languages that write the symbol before an amount ("US$7.97 million"); the
    /// others write it after ("797万美元").
    pub before_in: &'static [&'static str],
}

#[rustfmt::skip]
pub static CURRENCIES: &[CurrencyRow] = &[
    CurrencyRow { code: "CNY", names: &[("en", "yuan", "Yuan (CNY)"), ("zh", "元", "人民币（元）"), ("fr", "yuans", "Yuan (CNY)")],
        words: &["yuan", "rmb", "cny", "块钱", "块", "元"], signs: &["rmb", "cny", "¥", "￥"], before_in: &[] },
    CurrencyRow { code: "USD", names: &[("en", "US$", "US dollars (USD)"), ("zh", "美元", "美元"), ("fr", "$\u{a0}US", "Dollars américains (USD)")],
        words: &["us dollars", "us dollar", "dollars", "dollar", "usd", "美元"], signs: &["us$", "us $", "usd", "$"], before_in: &["en"] },
    CurrencyRow { code: "EUR", names: &[("en", "€", "Euros (EUR)"), ("zh", "欧元", "欧元"), ("fr", "€", "Euros (EUR)")],
        words: &["euros", "euro", "eur", "欧元"], signs: &["€", "eur"], before_in: &["en"] },
    CurrencyRow { code: "INR", names: &[("en", "₹", "Indian rupees (INR)"), ("zh", "印度卢比", "印度卢比"), ("fr", "₹", "Roupies indiennes (INR)")],
        words: &["rupees", "inr", "卢比"], signs: &["rs.", "rs", "₹", "inr"], before_in: &["en"] },
    CurrencyRow { code: "KES", names: &[("en", "KSh", "Kenya shillings (KES)"), ("zh", "肯尼亚先令", "肯尼亚先令"), ("fr", "KSh", "Shillings kényans (KES)")],
        words: &["kenya shillings", "kenyan shillings", "shillings", "kes", "先令"], signs: &["ksh", "kes", "sh"], before_in: &["en"] },
    CurrencyRow { code: "MXN", names: &[("en", "MX$", "Mexican pesos (MXN)"), ("zh", "墨西哥比索", "墨西哥比索"), ("fr", "MX$", "Pesos mexicains (MXN)")],
        words: &["mexican pesos", "pesos", "mxn", "比索"], signs: &["mx$", "mxn"], before_in: &["en"] },
    CurrencyRow { code: "PEN", names: &[("en", "S/", "Peruvian soles (PEN)"), ("zh", "秘鲁索尔", "秘鲁索尔"), ("fr", "S/", "Soles péruviens (PEN)")],
        words: &["soles", "sol", "pen", "索尔"], signs: &["s/", "pen"], before_in: &["en"] },
];

/// Every active ISO 4217 alphabetic code (the standard's list, 2024), sorted.
#[rustfmt::skip]
pub static ISO_4217: &[&str] = &[
    "AED", "AFN", "ALL", "AMD", "ANG", "AOA", "ARS", "AUD", "AWG", "AZN", "BAM", "BBD", "BDT",
    "BGN", "BHD", "BIF", "BMD", "BND", "BOB", "BOV", "BRL", "BSD", "BTN", "BWP", "BYN", "BZD",
    "CAD", "CDF", "CHE", "CHF", "CHW", "CLF", "CLP", "CNY", "COP", "COU", "CRC", "CUP", "CVE",
    "CZK", "DJF", "DKK", "DOP", "DZD", "EGP", "ERN", "ETB", "EUR", "FJD", "FKP", "GBP", "GEL",
    "GHS", "GIP", "GMD", "GNF", "GTQ", "GYD", "HKD", "HNL", "HTG", "HUF", "IDR", "ILS", "INR",
    "IQD", "IRR", "ISK", "JMD", "JOD", "JPY", "KES", "KGS", "KHR", "KMF", "KPW", "KRW", "KWD",
    "KYD", "KZT", "LAK", "LBP", "LKR", "LRD", "LSL", "LYD", "MAD", "MDL", "MGA", "MKD", "MMK",
    "MNT", "MOP", "MRU", "MUR", "MVR", "MWK", "MXN", "MXV", "MYR", "MZN", "NAD", "NGN", "NIO",
    "NOK", "NPR", "NZD", "OMR", "PAB", "PEN", "PGK", "PHP", "PKR", "PLN", "PYG", "QAR", "RON",
    "RSD", "RUB", "RWF", "SAR", "SBD", "SCR", "SDG", "SEK", "SGD", "SHP", "SLE", "SOS", "SRD",
    "SSP", "STN", "SVC", "SYP", "SZL", "THB", "TJS", "TMT", "TND", "TOP", "TRY", "TTD", "TWD",
    "TZS", "UAH", "UGX", "USD", "USN", "UYI", "UYU", "UYW", "UZS", "VED", "VES", "VND", "VUV",
    "WST", "XAF", "XAG", "XAU", "XBA", "XBB", "XBC", "XBD", "XCD", "XDR", "XOF", "XPD", "XPF",
    "XPT", "XSU", "XTS", "XUA", "XXX", "YER", "ZAR", "ZMW", "ZWG",
];

/// Unit codes of format versions 1 and 2, and what they are now.
pub static FORMAT_2_CODES: &[(&str, &str)] = &[
    ("ha", "ha"),
    ("mu", "mu"),
    ("km2", "km2"),
    ("cny", "CNY"),
    ("usd", "USD"),
    ("percent", "%"),
    ("percentage_point", "pp"),
    ("person", "{person}"),
    ("visitor", "{visit}"),
    ("household", "{household}"),
    ("m3", "m3"),
    ("year", "a"),
    ("cny_per_person_year", "CNY/{person}/a"),
    ("cny_per_year", "CNY/a"),
    ("cny_per_visitor", "CNY/{visit}"),
    ("cny_per_ha", "CNY/ha"),
    ("cny_per_ha_year", "CNY/ha/a"),
    ("m3_per_ha", "m3/ha"),
    ("cny_per_usd", "CNY/USD"),
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_are_unique_and_factors_positive() {
        for (i, u) in UNITS.iter().enumerate() {
            assert!(u.factor.is_finite() && u.factor > 0.0, "{}", u.code);
            assert!(
                u.names.iter().any(|n| n.lang == "en"),
                "{} has no English name",
                u.code
            );
            assert!(
                !UNITS[..i].iter().any(|v| v.code == u.code),
                "{} twice",
                u.code
            );
            // A code never holds the compound separators.
            assert!(!u.code.contains('/'), "{}", u.code);
        }
        assert!(
            ISO_4217.windows(2).all(|w| w[0] < w[1]),
            "sorted, each once"
        );
        for c in CURRENCIES {
            assert!(ISO_4217.binary_search(&c.code).is_ok(), "{}", c.code);
        }
    }
}
