//! Units, their dimensions and conversions. Every computation happens in base units
//! (hectare, yuan, fraction, person, m³, year); display converts back.

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
    CubicMetre = "m3", "m³", "立方米", 1.0, [volume: 1];
    Year = "year", "years", "年", 1.0, [time: 1];
    YuanPerPersonYear = "cny_per_person_year", "yuan per person per year", "元/人·年", 1.0, [cny: 1, people: -1, time: -1];
    YuanPerYear = "cny_per_year", "yuan per year", "元/年", 1.0, [cny: 1, time: -1];
    YuanPerVisitor = "cny_per_visitor", "yuan per visit", "元/人次", 1.0, [cny: 1, people: -1];
    YuanPerHectare = "cny_per_ha", "yuan per ha", "元/公顷", 1.0, [cny: 1, area: -1];
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
            Lang::En => self.symbol_en(),
            Lang::Zh => self.symbol_zh(),
        }
    }
}

impl fmt::Display for Unit {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

/// The two languages of the app.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum Lang {
    #[default]
    En,
    Zh,
}

impl Lang {
    pub fn code(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::Zh => "zh",
        }
    }
    pub fn parse(s: &str) -> Option<Lang> {
        match s {
            "en" => Some(Lang::En),
            "zh" => Some(Lang::Zh),
            _ => None,
        }
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

/// The currency chosen for display.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum Currency {
    #[default]
    Cny,
    Usd,
}

impl Currency {
    pub fn code(self) -> &'static str {
        match self {
            Currency::Cny => "cny",
            Currency::Usd => "usd",
        }
    }
    pub fn parse(s: &str) -> Option<Currency> {
        match s {
            "cny" => Some(Currency::Cny),
            "usd" => Some(Currency::Usd),
            _ => None,
        }
    }
}

/// One annual average rate, yuan per US dollar.
#[derive(Debug, Clone, PartialEq)]
pub struct AnnualRate {
    pub year: i32,
    pub cny_per_usd: f64,
    /// The figure id the rate comes from.
    pub figure: String,
}

/// Which rate a conversion used, and why.
#[derive(Debug, Clone, PartialEq)]
pub struct RateChoice {
    pub cny_per_usd: f64,
    /// The years whose annual averages were used.
    pub years: Vec<i32>,
    pub rule: RateRule,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RateRule {
    /// The figure's own year.
    SameYear,
    /// Mean of the annual rates of the years the period covers that have a rate.
    MeanOfYears,
    /// Undated figure: the latest year with a rate.
    Latest,
    /// The period lies outside the table: the nearest year with a rate.
    Nearest,
}

/// Pick the rate for a period. Rules: a year uses its own rate; a range or "since" uses the mean
/// of its years that have a rate; an undated figure uses the latest rate; a year outside the table
/// uses the nearest year.
pub fn rate_for(period: &crate::model::Period, rates: &[AnnualRate]) -> Option<RateChoice> {
    use crate::model::Period;
    let latest = rates.iter().map(|r| r.year).max()?;
    let earliest = rates.iter().map(|r| r.year).min()?;
    let lookup = |y: i32| rates.iter().find(|r| r.year == y).map(|r| r.cny_per_usd);
    let mean_of = |from: i32, to: i32| -> Option<RateChoice> {
        let years: Vec<i32> = (from..=to).filter(|y| lookup(*y).is_some()).collect();
        if years.is_empty() {
            return None;
        }
        let sum: f64 = years.iter().filter_map(|y| lookup(*y)).sum();
        Some(RateChoice {
            cny_per_usd: sum / years.len() as f64,
            years,
            rule: RateRule::MeanOfYears,
        })
    };
    let nearest = |y: i32| {
        let year = y.clamp(earliest, latest);
        lookup(year).map(|r| RateChoice {
            cny_per_usd: r,
            years: vec![year],
            rule: if year == y {
                RateRule::SameYear
            } else {
                RateRule::Nearest
            },
        })
    };
    match period {
        Period::Year { year } => nearest(*year),
        Period::Range { from, to } => mean_of(*from, *to).or_else(|| nearest(*to)),
        Period::Since { year } => mean_of(*year, latest).or_else(|| nearest(*year)),
        Period::RecentYears | Period::Present | Period::Undated => {
            lookup(latest).map(|r| RateChoice {
                cny_per_usd: r,
                years: vec![latest],
                rule: RateRule::Latest,
            })
        }
    }
}

/// A number split for Chinese display: 5,136 万 or 12 亿.
pub fn chinese_scale(value: f64) -> (f64, &'static str) {
    let a = value.abs();
    if a >= 1e8 {
        (value / 1e8, "亿")
    } else if a >= 1e4 {
        (value / 1e4, "万")
    } else {
        (value, "")
    }
}

/// Significant digits needed to write `value` as reported (at most 15), e.g. 51.36 → 4,
/// 273333 → 6, 310 → 2. Conversions keep this many so they never round away the source.
pub fn significant_digits(value: f64) -> u32 {
    if value == 0.0 || !value.is_finite() {
        return 1;
    }
    let s = format!("{:e}", value.abs());
    let mantissa = s.split('e').next().unwrap_or("");
    let digits = mantissa.chars().filter(|c| c.is_ascii_digit()).count() as u32;
    digits.clamp(1, 15)
}

/// Round to `digits` significant digits.
pub fn round_significant(value: f64, digits: u32) -> f64 {
    if value == 0.0 || !value.is_finite() {
        return value;
    }
    let magnitude = value.abs().log10().floor() as i32;
    let shift = digits as i32 - 1 - magnitude;
    let p = 10f64.powi(shift);
    (value * p).round() / p
}
