//! The dataset format as it is written in JSON. Ids and units are plain strings here so that
//! semantic problems (unknown unit, dangling id) are reported by `validate` with a JSON path
//! instead of stopping the parse at the first one.

use serde::{Deserialize, Serialize};

#[cfg(not(target_arch = "wasm32"))]
use schemars::JsonSchema;

/// The only format version this build reads.
pub const FORMAT_VERSION: u32 = 1;

/// A text in both of the app's languages.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
#[cfg_attr(not(target_arch = "wasm32"), derive(JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Text {
    pub en: String,
    pub zh: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Dataset {
    pub format_version: u32,
    pub case: CaseInfo,
    pub paragraphs: Vec<Paragraph>,
    pub channels: Vec<Channel>,
    pub figures: Vec<Figure>,
    #[serde(default)]
    pub measures: Vec<Measure>,
    #[serde(default)]
    pub derived: Vec<DerivedMetric>,
    #[serde(default)]
    pub relations: Vec<Relation>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct CaseInfo {
    pub id: String,
    pub title: Text,
    pub place: Text,
    /// How to cite the source text.
    pub citation: Text,
}

/// One paragraph of the source text, numbered from 0 (the title line).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Paragraph {
    pub n: u32,
    pub title: Text,
    pub summary: Text,
}

/// A route from conservation to income.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Channel {
    pub id: String,
    pub label: Text,
    pub summary: Text,
    pub paragraph: u32,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum Scale {
    One,
    Thousand,
    Million,
    Billion,
    /// 万, 10^4
    Wan,
    /// 亿, 10^8
    Yi,
}

impl Scale {
    pub fn factor(self) -> f64 {
        match self {
            Scale::One => 1.0,
            Scale::Thousand => 1e3,
            Scale::Million => 1e6,
            Scale::Billion => 1e9,
            Scale::Wan => 1e4,
            Scale::Yi => 1e8,
        }
    }
}

/// How the text qualifies a number: "exceeded 21%" is a bound, not a point.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
#[cfg_attr(not(target_arch = "wasm32"), derive(JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum Qualifier {
    #[default]
    Exact,
    /// Approximate; the figure's `about_pct` (default 1) gives the spread.
    About,
    MoreThan,
    AtLeast,
    LessThan,
    AtMost,
}

// Deserialized by hand (below): serde's derive ignores `deny_unknown_fields` for the unit variants
// of an internally tagged enum, so `{"type": "present", "year": 2018}` would be read as "present"
// with the year silently dropped.
/// The time a figure refers to, only as precise as the text is.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(JsonSchema))]
#[serde(tag = "type", rename_all = "snake_case", deny_unknown_fields)]
pub enum Period {
    Year {
        year: i32,
    },
    Range {
        from: i32,
        to: i32,
    },
    Since {
        year: i32,
    },
    /// "in recent years": left undated on purpose.
    RecentYears,
    /// "at present": the time of writing, which the text does not date.
    Present,
    Undated,
}

/// A field that may be left out but, when given, is not null.
struct Given<T>(Option<T>);

impl<T> Default for Given<T> {
    fn default() -> Self {
        Given(None)
    }
}

impl<'de, T: Deserialize<'de>> Deserialize<'de> for Given<T> {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        T::deserialize(d).map(|v| Given(Some(v)))
    }
}

impl<'de> Deserialize<'de> for Period {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        use serde::de::Error;

        #[derive(Deserialize)]
        #[serde(rename_all = "snake_case")]
        enum Kind {
            Year,
            Range,
            Since,
            RecentYears,
            Present,
            Undated,
        }

        #[derive(Deserialize)]
        #[serde(deny_unknown_fields)]
        struct Repr {
            #[serde(rename = "type")]
            kind: Kind,
            #[serde(default)]
            year: Given<i32>,
            #[serde(default)]
            from: Given<i32>,
            #[serde(default)]
            to: Given<i32>,
        }

        let r = Repr::deserialize(d)?;
        let fields: [(&'static str, Option<i32>); 3] =
            [("year", r.year.0), ("from", r.from.0), ("to", r.to.0)];
        // Each kind takes exactly its own fields besides "type".
        let allowed: &'static [&'static str] = match r.kind {
            Kind::Year | Kind::Since => &["type", "year"],
            Kind::Range => &["type", "from", "to"],
            Kind::RecentYears | Kind::Present | Kind::Undated => &["type"],
        };
        for (name, value) in fields {
            if value.is_some() && !allowed.contains(&name) {
                return Err(D::Error::unknown_field(name, allowed));
            }
        }
        let need = |name: &'static str| {
            fields
                .iter()
                .find(|(n, _)| *n == name)
                .and_then(|(_, v)| *v)
                .ok_or_else(|| D::Error::missing_field(name))
        };
        Ok(match r.kind {
            Kind::Year => Period::Year {
                year: need("year")?,
            },
            Kind::Range => Period::Range {
                from: need("from")?,
                to: need("to")?,
            },
            Kind::Since => Period::Since {
                year: need("year")?,
            },
            Kind::RecentYears => Period::RecentYears,
            Kind::Present => Period::Present,
            Kind::Undated => Period::Undated,
        })
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum FigureKind {
    /// Stated by the case study.
    Reported,
    /// From an external source, for context and checks.
    Context,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct SourceRef {
    /// Paragraph of the case study (reported figures).
    #[serde(default)]
    pub paragraph: Option<u32>,
    /// The team's note on what the source says, in its own words.
    pub note: Text,
    /// The number as printed in the source, for tracing.
    #[serde(default)]
    pub quote: Option<String>,
    /// Name of the external source (context figures).
    #[serde(default)]
    pub external: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Figure {
    pub id: String,
    pub label: Text,
    /// The number as reported, before `scale`.
    pub value: f64,
    pub scale: Scale,
    /// A unit code, see `units::Unit`.
    pub unit: String,
    #[serde(default)]
    pub qualifier: Qualifier,
    /// Spread of an `about` figure, in percent of its value.
    #[serde(default)]
    pub about_pct: Option<f64>,
    pub period: Period,
    #[serde(default)]
    pub channel: Option<String>,
    pub kind: FigureKind,
    pub source: SourceRef,
    /// The id of an earlier figure this one states again.
    #[serde(default)]
    pub repeats: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Measure {
    pub id: String,
    pub category: String,
    pub label: Text,
    pub description: Text,
    pub paragraph: u32,
    #[serde(default)]
    pub channel: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum Operation {
    /// Sum of all inputs.
    Sum,
    /// First input minus second.
    Difference,
    /// Product of all inputs.
    Product,
    /// First input divided by second.
    Ratio,
    /// Number of calendar years the first input's period spans.
    PeriodYears,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct DerivedMetric {
    pub id: String,
    pub label: Text,
    pub operation: Operation,
    /// Figure or derived-metric ids.
    pub inputs: Vec<String>,
    /// Unit of the result, see `units::Unit`.
    pub unit: String,
    /// The formula in words.
    pub formula: Text,
    /// The formula in symbols, e.g. "I / V".
    pub symbols: String,
    #[serde(default)]
    pub channel: Option<String>,
    /// Assumptions the metric rests on.
    #[serde(default)]
    pub note: Option<Text>,
}

// Deserialized by hand (below), like `Period`: serde's internally tagged enums buffer the whole
// object first, which costs about 15 KB of wasm for this one type.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(JsonSchema))]
#[serde(tag = "kind", rename_all = "snake_case", deny_unknown_fields)]
pub enum Rule {
    /// The parts add up to the total.
    SumEquals { parts: Vec<String>, total: String },
    /// An area lies inside another area.
    FitsWithin { inner: String, outer: String },
    /// A part is no larger than the whole it belongs to.
    PartOf { part: String, whole: String },
    /// numerator / denominator agrees with `expected` (a share).
    RatioMatches {
        numerator: String,
        denominator: String,
        expected: String,
    },
    /// Two statements of the same quantity agree.
    Equal { a: String, b: String },
}

impl<'de> Deserialize<'de> for Rule {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        use serde::de::Error;

        #[derive(Deserialize, Clone, Copy)]
        #[serde(rename_all = "snake_case")]
        enum Kind {
            SumEquals,
            FitsWithin,
            PartOf,
            RatioMatches,
            Equal,
        }

        #[derive(Deserialize)]
        #[serde(deny_unknown_fields)]
        struct Repr {
            kind: Kind,
            #[serde(default)]
            parts: Given<Vec<String>>,
            #[serde(default)]
            total: Given<String>,
            #[serde(default)]
            inner: Given<String>,
            #[serde(default)]
            outer: Given<String>,
            #[serde(default)]
            part: Given<String>,
            #[serde(default)]
            whole: Given<String>,
            #[serde(default)]
            numerator: Given<String>,
            #[serde(default)]
            denominator: Given<String>,
            #[serde(default)]
            expected: Given<String>,
            #[serde(default)]
            a: Given<String>,
            #[serde(default)]
            b: Given<String>,
        }

        let r = Repr::deserialize(d)?;
        let given: [(&'static str, bool); 11] = [
            ("parts", r.parts.0.is_some()),
            ("total", r.total.0.is_some()),
            ("inner", r.inner.0.is_some()),
            ("outer", r.outer.0.is_some()),
            ("part", r.part.0.is_some()),
            ("whole", r.whole.0.is_some()),
            ("numerator", r.numerator.0.is_some()),
            ("denominator", r.denominator.0.is_some()),
            ("expected", r.expected.0.is_some()),
            ("a", r.a.0.is_some()),
            ("b", r.b.0.is_some()),
        ];
        // Each kind takes exactly its own fields besides "kind".
        let allowed: &'static [&'static str] = match r.kind {
            Kind::SumEquals => &["kind", "parts", "total"],
            Kind::FitsWithin => &["kind", "inner", "outer"],
            Kind::PartOf => &["kind", "part", "whole"],
            Kind::RatioMatches => &["kind", "numerator", "denominator", "expected"],
            Kind::Equal => &["kind", "a", "b"],
        };
        for (name, present) in given {
            if present && !allowed.contains(&name) {
                return Err(D::Error::unknown_field(name, allowed));
            }
        }
        fn need<T, E: Error>(v: Given<T>, name: &'static str) -> Result<T, E> {
            v.0.ok_or_else(|| E::missing_field(name))
        }
        Ok(match r.kind {
            Kind::SumEquals => Rule::SumEquals {
                parts: need(r.parts, "parts")?,
                total: need(r.total, "total")?,
            },
            Kind::FitsWithin => Rule::FitsWithin {
                inner: need(r.inner, "inner")?,
                outer: need(r.outer, "outer")?,
            },
            Kind::PartOf => Rule::PartOf {
                part: need(r.part, "part")?,
                whole: need(r.whole, "whole")?,
            },
            Kind::RatioMatches => Rule::RatioMatches {
                numerator: need(r.numerator, "numerator")?,
                denominator: need(r.denominator, "denominator")?,
                expected: need(r.expected, "expected")?,
            },
            Kind::Equal => Rule::Equal {
                a: need(r.a, "a")?,
                b: need(r.b, "b")?,
            },
        })
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Relation {
    pub id: String,
    pub label: Text,
    pub rule: Rule,
    /// Relative gap (percent) still counted as agreement, for rounding.
    #[serde(default)]
    pub tolerance_pct: Option<f64>,
    #[serde(default)]
    pub note: Option<Text>,
}
