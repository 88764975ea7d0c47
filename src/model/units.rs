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
/// of its years that have a rate; an undated figure uses the latest rate; a year without a rate
/// (outside the table, or in a gap of it) uses the nearest year that has one, the earlier of two
/// equally near. A range or "since" with no year in the table uses the year nearest its end
/// (its start for "since").
pub fn rate_for(period: &crate::model::Period, rates: &[AnnualRate]) -> Option<RateChoice> {
    use crate::model::Period;
    // The years that have a rate, ascending, each once (the first rate given for a year counts).
    // Work from this table, never by walking the years of a period: a period may span billions.
    let mut table: Vec<(i32, f64)> = Vec::with_capacity(rates.len());
    for r in rates {
        if !table.iter().any(|(y, _)| *y == r.year) {
            table.push((r.year, r.cny_per_usd));
        }
    }
    table.sort_by_key(|(y, _)| *y);
    let &(latest, latest_rate) = table.last()?;
    let mean_of = |from: i32, to: i32| -> Option<RateChoice> {
        let covered: Vec<(i32, f64)> = table
            .iter()
            .copied()
            .filter(|(y, _)| from <= *y && *y <= to)
            .collect();
        if covered.is_empty() {
            return None;
        }
        let sum: f64 = covered.iter().map(|(_, r)| r).sum();
        Some(RateChoice {
            cny_per_usd: sum / covered.len() as f64,
            years: covered.iter().map(|(y, _)| *y).collect(),
            rule: RateRule::MeanOfYears,
        })
    };
    let nearest = |y: i32| {
        table
            .iter()
            .min_by_key(|(year, _)| (i64::from(*year) - i64::from(y)).abs())
            .map(|&(year, r)| RateChoice {
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
        Period::RecentYears | Period::Present | Period::Undated => Some(RateChoice {
            cny_per_usd: latest_rate,
            years: vec![latest],
            rule: RateRule::Latest,
        }),
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
    let s = super::format::number_text(value.abs());
    let mantissa = s.split(['e', 'E']).next().unwrap_or("");
    let digits = mantissa
        .chars()
        .filter(|c| c.is_ascii_digit())
        .skip_while(|c| *c == '0')
        .collect::<String>();
    // Trailing zeros of an integer ("310", "10000") are place holders, not printed precision.
    let digits = if mantissa.contains('.') {
        digits.len()
    } else {
        digits.trim_end_matches('0').len()
    };
    (digits as u32).clamp(1, 15)
}

/// Powers of ten that f64 holds exactly.
const EXACT_POW10: [f64; 23] = [
    1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16,
    1e17, 1e18, 1e19, 1e20, 1e21, 1e22,
];

/// Round to `digits` significant digits (1 to 17; 0 counts as 1), halves away from zero. The
/// result is the float nearest the rounded decimal, so 4,099,995 to 2 digits is 4,100,000 and
/// not 4,099,999.9999999995. A value whose rounding would overflow is returned as it is.
pub fn round_significant(value: f64, digits: u32) -> f64 {
    if value == 0.0 || !value.is_finite() {
        return value;
    }
    let digits = digits.clamp(1, 17);
    let magnitude = value.abs().log10().floor() as i32;
    let shift = digits as i32 - 1 - magnitude;
    // Scale by an exact power of ten so that only the final step rounds.
    let rounded = if (0..=22).contains(&shift) {
        let p = EXACT_POW10[shift as usize];
        (value * p).round() / p
    } else if (-22..0).contains(&shift) {
        let p = EXACT_POW10[(-shift) as usize];
        (value / p).round() * p
    } else {
        // The far ends of the float range, where 10^shift overflows or is inexact: let the
        // formatter round in decimal.
        format!("{:.*e}", (digits - 1) as usize, value)
            .parse()
            .unwrap_or(value)
    };
    if rounded.is_finite() {
        rounded
    } else {
        value
    }
}
