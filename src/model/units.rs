//! Units, their dimensions and conversions. Every computation happens in base units
//! (hectare, yuan, fraction, person, m³, year); display converts back.

use super::codes::code_table;
use std::fmt;

/// Exponents of the base dimensions a unit is made of.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Dims {
    pub area: i8,
    pub cny: i8,
    pub usd: i8,
    pub people: i8,
    pub volume: i8,
    pub time: i8,
    pub household: i8,
}

impl Dims {
    pub fn times(self, o: Dims) -> Dims {
        Dims {
            area: self.area + o.area,
            cny: self.cny + o.cny,
            usd: self.usd + o.usd,
            people: self.people + o.people,
            volume: self.volume + o.volume,
            time: self.time + o.time,
            household: self.household + o.household,
        }
    }
    pub fn over(self, o: Dims) -> Dims {
        self.times(Dims {
            area: -o.area,
            cny: -o.cny,
            usd: -o.usd,
            people: -o.people,
            volume: -o.volume,
            time: -o.time,
            household: -o.household,
        })
    }
}

macro_rules! units {
    ($( $variant:ident = $code:literal, $en:literal, $zh:literal, $factor:expr, [$($d:ident : $e:expr),*] );* $(;)?) => {
        /// A unit the dataset may use, by its code.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        pub enum Unit { $($variant),* }

        impl Unit {
            pub const ALL: &'static [Unit] = &[$(Unit::$variant),*];
            pub fn code(self) -> &'static str { match self { $(Unit::$variant => $code),* } }
            /// Short symbol in English.
            pub fn symbol_en(self) -> &'static str { match self { $(Unit::$variant => $en),* } }
            /// Short symbol in Chinese.
            pub fn symbol_zh(self) -> &'static str { match self { $(Unit::$variant => $zh),* } }
            /// Multiply a value in this unit by this to get base units.
            pub fn to_base(self) -> f64 { match self { $(Unit::$variant => $factor),* } }
            pub fn dims(self) -> Dims {
                match self { $(Unit::$variant => Dims { $($d: $e,)* ..Dims::default() }),* }
            }
        }
    };
}

units! {
    Hectare = "ha", "ha", "公顷", 1.0, [area: 1];
    Mu = "mu", "mu", "亩", 1.0 / 15.0, [area: 1];
    SquareKm = "km2", "km²", "平方公里", 100.0, [area: 1];
    Yuan = "cny", "yuan", "元", 1.0, [cny: 1];
    UsDollar = "usd", "US$", "美元", 1.0, [usd: 1];
    Percent = "percent", "%", "%", 0.01, [];
    PercentagePoint = "percentage_point", "pp", "个百分点", 0.01, [];
    Person = "person", "people", "人", 1.0, [people: 1];
    Visitor = "visitor", "visits", "人次", 1.0, [people: 1];
    Household = "household", "households", "户", 1.0, [household: 1];
    CubicMetre = "m3", "m³", "立方米", 1.0, [volume: 1];
    Year = "year", "years", "年", 1.0, [time: 1];
    YuanPerPersonYear = "cny_per_person_year", "yuan per person per year", "元/人·年", 1.0, [cny: 1, people: -1, time: -1];
    YuanPerYear = "cny_per_year", "yuan per year", "元/年", 1.0, [cny: 1, time: -1];
    YuanPerVisitor = "cny_per_visitor", "yuan per visit", "元/人次", 1.0, [cny: 1, people: -1];
    YuanPerHectare = "cny_per_ha", "yuan per ha", "元/公顷", 1.0, [cny: 1, area: -1];
    YuanPerHectareYear = "cny_per_ha_year", "yuan per ha per year", "元/公顷·年", 1.0, [cny: 1, area: -1, time: -1];
    CubicMetrePerHectare = "m3_per_ha", "m³ per ha", "立方米/公顷", 1.0, [volume: 1, area: -1];
    YuanPerUsDollar = "cny_per_usd", "yuan per US$", "元/美元", 1.0, [cny: 1, usd: -1];
}

impl Unit {
    pub fn parse(code: &str) -> Option<Unit> {
        Unit::ALL.iter().copied().find(|u| u.code() == code)
    }
    pub fn is_area(self) -> bool {
        self.dims() == Unit::Hectare.dims()
    }
    pub fn is_money(self) -> bool {
        self == Unit::Yuan
    }
    /// Shares of a whole: a value above 100 cannot be right.
    pub fn is_percent(self) -> bool {
        self == Unit::Percent
    }
    /// Units whose values may be negative (a change, not an amount).
    pub fn may_be_negative(self) -> bool {
        self == Unit::PercentagePoint
    }
    pub fn symbol(self, lang: Lang) -> &'static str {
        match lang {
            Lang::En | Lang::Fr => self.symbol_en(),
            Lang::Zh => self.symbol_zh(),
        }
    }
}

impl fmt::Display for Unit {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

/// The area unit chosen for display.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum AreaUnit {
    #[default]
    Hectare,
    Mu,
    SquareKm,
}

impl AreaUnit {
    pub const ALL: [AreaUnit; 3] = [AreaUnit::Hectare, AreaUnit::Mu, AreaUnit::SquareKm];
    pub fn unit(self) -> Unit {
        match self {
            AreaUnit::Hectare => Unit::Hectare,
            AreaUnit::Mu => Unit::Mu,
            AreaUnit::SquareKm => Unit::SquareKm,
        }
    }
    pub fn code(self) -> &'static str {
        self.unit().code()
    }
    pub fn parse(s: &str) -> Option<AreaUnit> {
        AreaUnit::ALL.into_iter().find(|a| a.code() == s)
    }
}

/// Convert an area between units; 1 ha = 15 mu, 1 km² = 100 ha.
pub fn convert_area(value: f64, from: Unit, to: Unit) -> Option<f64> {
    if !from.is_area() || !to.is_area() {
        return None;
    }
    Some(value * from.to_base() / to.to_base())
}

code_table! {
    /// The currency chosen for display.
    #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
    pub enum Currency {
        #[default]
        Cny = "cny",
        Usd = "usd",
    }
}

pub use super::digits::{chinese_scale, round_significant, significant_digits};
pub use super::lang::Lang;
pub use super::rates::{rate_for, rate_from, AnnualRate, RateChoice, RateRule, RateTable};
