//! The dataset format as it is written in JSON. Ids and units are plain strings here so that
//! semantic problems (unknown unit, dangling id) are reported by `validate` with a JSON path
//! instead of stopping the parse at the first one.
//!
//! The types are written with serde (`Serialize`: JSON export) and described with schemars
//! (`data/schema.json`, from the `serde` attributes below); they are read by hand in `decode.rs`,
//! which follows the same attributes: keep the two in step when a field is added.

use super::codes::code_table;
use super::status::Status;
use serde::Serialize;

#[cfg(not(target_arch = "wasm32"))]
use schemars::JsonSchema;

/// The format version this build reads and writes.
pub const FORMAT_VERSION: u32 = 3;
/// The oldest version still read: older files are migrated (with a notice), never refused for
/// their age. Version 1 had no `presentation`; versions 1 and 2 wrote units as snake-case codes
/// (`cny_per_ha`; version 3 writes UCUM-style codes, `CNY/ha`, and may declare units of its
/// own) and had no `case.language` and `case.languages` (read as `"en"` and `["en", "zh"]`).
pub const OLDEST_FORMAT_VERSION: u32 = 1;

pub use super::text::{Localized, Picked, Text};

/// A case study as data. Ids (of the case, figures, derived metrics, channels, measures and
/// relations) are 1 to 64 characters from ASCII letters, digits, `_`, `-`, `.` and `:`: no
/// spaces, no invisible or bidirectional characters, no look-alike letters of other scripts.
/// Labels, titles, places, symbols, measure categories and external source names hold at most
/// 200 characters (categories 64); summaries, notes, descriptions, quotes, formulas and the
/// citation at most 2000. Paragraph numbers are unique. A whole number may be written `1`, `1.0`
/// or `1e0`. (The bounds are `model/limits.rs`.)
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Dataset {
    pub format_version: u32,
    pub case: CaseInfo,
    pub paragraphs: Vec<Paragraph>,
    pub channels: Vec<Channel>,
    pub figures: Vec<Figure>,
    /// Units of the dataset's own, beyond the vocabulary (format 3).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub units: Vec<UnitDeclaration>,
    #[serde(default)]
    pub measures: Vec<Measure>,
    #[serde(default)]
    pub derived: Vec<DerivedMetric>,
    #[serde(default)]
    pub relations: Vec<Relation>,
    /// How the case is told: the page's title and intro, headline figures, charts, narrative,
    /// what-if scenarios and footer notes. Every member may be left out; what is left out is
    /// proposed from the data (and marked as proposed on the page).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub presentation: Option<Presentation>,
}

impl Dataset {
    /// The ids a reference to a quantity may name: every figure and derived metric.
    pub fn quantity_ids(&self) -> std::collections::HashSet<&str> {
        self.figures
            .iter()
            .map(|f| f.id.as_str())
            .chain(self.derived.iter().map(|m| m.id.as_str()))
            .collect()
    }
}

/// A unit the dataset defines for itself: "one `code` is `factor` of `dimension`'s base unit".
/// Base units: kg (mass), m (length), m² (area), m³ (volume), the year (time), J (energy),
/// W (power), one (people, households, visits, animals, plants, items) and one unit of the
/// currency when `dimension` is an ISO 4217 code. A code is 1 to 64 characters without spaces,
/// `/` or `.`, and is not already a unit of the vocabulary.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct UnitDeclaration {
    pub code: String,
    /// One of mass, length, area, volume, time, energy, power, people, households, visits,
    /// animals, plants, items, or an ISO 4217 currency code.
    pub dimension: String,
    /// How many base units one of this unit is: above zero and finite.
    pub factor: f64,
    /// As written after a number ("wells").
    pub symbol: Text,
    /// As written after "per" ("well"); the symbol when left out.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub per: Option<Text>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct CaseInfo {
    pub id: String,
    /// The dataset's own language (a BCP 47 tag, one of `languages`): what a reader sees when a
    /// text lacks theirs. Format 3; older files are read as `"en"`.
    pub language: String,
    /// Every language its texts are written in (BCP 47 tags); a text keyed by another is
    /// refused. Format 3; older files are read as `["en", "zh"]`.
    pub languages: Vec<String>,
    pub title: Text,
    pub place: Text,
    /// How to cite the source text.
    pub citation: Text,
}

/// One paragraph of the source text, numbered from 0 (the title line).
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Paragraph {
    pub n: u32,
    pub title: Text,
    pub summary: Text,
}

/// A route from conservation to income.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Channel {
    pub id: String,
    pub label: Text,
    pub summary: Text,
    pub paragraph: u32,
}

code_table! {
    #[derive(Debug, Clone, Copy, PartialEq, Eq)]
    pub enum Scale {
        One = "one",
        Thousand = "thousand",
        Million = "million",
        Billion = "billion",
        /// 万, 10^4
        Wan = "wan",
        /// 亿, 10^8
        Yi = "yi",
        /// Indian lakh, 10^5 ("3.5 lakh")
        Lakh = "lakh",
        /// Indian crore, 10^7 ("Rs 12 crore")
        Crore = "crore",
    }
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
            Scale::Lakh => 1e5,
            Scale::Crore => 1e7,
        }
    }
}

code_table! {
    /// How the text qualifies a number: "exceeded 21%" is a bound, not a point.
    #[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
    pub enum Qualifier {
        #[default]
        Exact = "exact",
        /// Approximate; the figure's `about_pct` (default 1) gives the spread.
        About = "about",
        MoreThan = "more_than",
        AtLeast = "at_least",
        LessThan = "less_than",
        AtMost = "at_most",
    }
}

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

code_table! {
    #[derive(Debug, Clone, Copy, PartialEq, Eq)]
    pub enum FigureKind {
        /// Stated by the case study.
        Reported = "reported",
        /// From an external source, for context and checks.
        Context = "context",
    }
}

#[derive(Debug, Clone, PartialEq, Serialize)]
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

#[derive(Debug, Clone, PartialEq, Serialize)]
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
    /// What it measures, from the shared vocabulary (`concepts.rs`): how figures of different
    /// cases are compared.
    #[serde(default)]
    pub concept: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
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

code_table! {
    #[derive(Debug, Clone, Copy, PartialEq, Eq)]
    pub enum Operation {
        /// Sum of all inputs.
        Sum = "sum",
        /// First input minus second.
        Difference = "difference",
        /// Product of all inputs.
        Product = "product",
        /// First input divided by second.
        Ratio = "ratio",
        /// Number of calendar years the first input's period spans.
        PeriodYears = "period_years",
    }
}

#[derive(Debug, Clone, PartialEq, Serialize)]
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
    /// What it measures, from the shared vocabulary (`concepts.rs`).
    #[serde(default)]
    pub concept: Option<String>,
}

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
    /// A figure or derived metric held against a range from a cited public source: outside it
    /// the figure is implausible, though nothing in the case contradicts it.
    ReferenceRange {
        subject: String,
        reference: Reference,
    },
    /// numerator / denominator (quantities of one kind), shown with what it means; no verdict.
    Tension {
        numerator: String,
        denominator: String,
        /// What the ratio says, in a sentence.
        meaning: Text,
    },
}

impl Rule {
    /// The ids a rule names, in the order of its fields (an id named twice is listed twice).
    pub fn ids(&self) -> Vec<&str> {
        match self {
            Rule::SumEquals { parts, total } => parts
                .iter()
                .map(String::as_str)
                .chain([total.as_str()])
                .collect(),
            Rule::FitsWithin { inner: a, outer: b }
            | Rule::PartOf { part: a, whole: b }
            | Rule::Equal { a, b } => vec![a, b],
            Rule::RatioMatches {
                numerator,
                denominator,
                expected,
            } => vec![numerator, denominator, expected],
            Rule::ReferenceRange { subject, .. } => vec![subject],
            Rule::Tension {
                numerator,
                denominator,
                ..
            } => vec![numerator, denominator],
        }
    }

    /// The same ids, to rename (the draft editor's id edits follow into relations). Kept beside
    /// [`Rule::ids`] so that a new rule kind is taught to both at once.
    pub fn ids_mut(&mut self) -> Vec<&mut String> {
        match self {
            Rule::SumEquals { parts, total } => parts.iter_mut().chain([total]).collect(),
            Rule::FitsWithin { inner: a, outer: b }
            | Rule::PartOf { part: a, whole: b }
            | Rule::Equal { a, b } => vec![a, b],
            Rule::RatioMatches {
                numerator,
                denominator,
                expected,
            } => vec![numerator, denominator, expected],
            Rule::ReferenceRange { subject, .. } => vec![subject],
            Rule::Tension {
                numerator,
                denominator,
                ..
            } => vec![numerator, denominator],
        }
    }
}

impl Rule {
    /// Whether the rule compares figures of the case with each other (a `Finding`), rather than
    /// with the outside world or as a ratio worth showing.
    pub fn is_consistency(&self) -> bool {
        match self {
            Rule::SumEquals { .. }
            | Rule::FitsWithin { .. }
            | Rule::PartOf { .. }
            | Rule::RatioMatches { .. }
            | Rule::Equal { .. } => true,
            Rule::ReferenceRange { .. } | Rule::Tension { .. } => false,
        }
    }
}

/// A range of plausible values, from a public source a reader can look up.
#[derive(Debug, Clone, PartialEq, Serialize, Default)]
#[cfg_attr(not(target_arch = "wasm32"), derive(JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Reference {
    /// Lower end of the range, in `unit`.
    pub low: f64,
    /// Upper end of the range, in `unit`.
    pub high: f64,
    /// A unit code, see `units::Unit`; of the subject's kind.
    pub unit: String,
    /// The time the published values refer to.
    #[serde(default)]
    pub period: Option<Period>,
    pub source: ReferenceSource,
    /// Why the range is where it is: which published values it spans and how it was widened.
    pub note: Text,
}

/// Where the values of a reference range are published.
#[derive(Debug, Clone, PartialEq, Serialize, Default)]
#[cfg_attr(not(target_arch = "wasm32"), derive(JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct ReferenceSource {
    /// Title of the publication.
    pub name: String,
    pub publisher: String,
    /// Year of publication.
    pub year: i32,
    /// Table, page or section holding the values.
    pub locator: String,
    /// The values as published, in the source's words and units.
    pub published: String,
    /// Where a reader can find it online.
    #[serde(default)]
    pub url: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
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

/// How the case is told. A member left out is proposed from the data; a member given, even
/// empty, is the dataset's own.
#[derive(Debug, Clone, PartialEq, Serialize, Default)]
#[cfg_attr(not(target_arch = "wasm32"), derive(JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Presentation {
    /// The page's heading (the case's `title` when left out).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title: Option<Text>,
    /// The overview's first paragraph.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub intro: Option<Text>,
    /// Figure or derived-metric ids shown as headline cards, in this order: at most 12, each
    /// once.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(not(target_arch = "wasm32"), schemars(length(max = 12)))]
    pub headlines: Option<Vec<String>>,
    /// At most 24 charts.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(not(target_arch = "wasm32"), schemars(length(max = 24)))]
    pub charts: Option<Vec<Chart>>,
    /// The overview's lead sentences.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub narrative: Option<Vec<Sentence>>,
    /// What-if scenarios declared as data.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub scenarios: Vec<ScenarioSpec>,
    /// Notes at the foot of every page.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub footer: Option<Vec<Text>>,
}

/// A chart: which quantities it draws, on which axes.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Chart {
    /// Unique among charts; names the chart in the page (`chart-<id>`) and its PNG.
    pub id: String,
    pub title: Text,
    #[serde(default)]
    pub kind: ChartKind,
    /// Figure or derived-metric ids; each inner list shares one axis (split further where the
    /// units differ). At most 6 panels of at most 40 ids, each id once in its panel.
    #[cfg_attr(not(target_arch = "wasm32"), schemars(length(max = 6)))]
    pub panels: Vec<Vec<String>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<Text>,
    /// The chart's narrative.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub sentences: Vec<Sentence>,
}

code_table! {
    // Its code is its name in JSON (`bars`), also the chart's `data-kind` in the page.
    /// How a chart draws its quantities: the form that fits what its figures are. A kind whose
    /// figures do not fit it is refused (`presentation::check`).
    #[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
    pub enum ChartKind {
        /// Horizontal bars, one per quantity; bounds drawn as arrows or hatching.
        #[default]
        Bars = "bars",
        /// Before and after: each panel lists pairs, start then end, two values of one measure
        /// (units of one dimension), drawn as two dots joined by a line.
        Dumbbell = "dumbbell",
        /// Parts against their stated total: each panel lists the parts then the total, which a
        /// `sum_equals` relation declares the total of those parts. The parts are stacked, the
        /// total drawn beside them, the gap between the two drawn and written.
        PartsOfTotal = "parts_of_total",
        /// A part inside its whole: each panel lists the parts then the whole, which a `part_of`
        /// or `fits_within` relation declares each part to lie within. Each part is drawn inside
        /// the whole, its share written.
        PartOfWhole = "part_of_whole",
        /// Dated values of one measure: a dot per value, joined in the panel's order; every figure
        /// of a panel in units of one dimension.
        Dots = "dots",
    }
}

/// A sentence in the dataset's languages, keyed by tag as a `Text` is, beside an optional
/// `when`. `{id}` names a figure or derived metric (shown in the reader's
/// units and linked to its source); `{{` and `}}` are literal braces. A sentence whose quantity
/// the model lacks, or whose `when` does not hold, is left out.
#[derive(Debug, Clone, PartialEq)]
pub struct Sentence {
    pub text: Text,
    pub when: Option<Condition>,
}

/// Written as one object: the language entries, then `when` if any.
impl Serialize for Sentence {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeMap;
        let mut m = s.serialize_map(None)?;
        for (k, v) in self.text.iter() {
            m.serialize_entry(k, v)?;
        }
        if let Some(w) = &self.when {
            m.serialize_entry("when", w)?;
        }
        m.end()
    }
}

#[cfg(not(target_arch = "wasm32"))]
impl JsonSchema for Sentence {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "Sentence".into()
    }

    fn json_schema(g: &mut schemars::SchemaGenerator) -> schemars::Schema {
        let when = g.subschema_for::<Condition>();
        schemars::json_schema!({
            "description": "A template in each of the dataset's languages, keyed by BCP 47 tag as a text is, and an optional condition `when`.",
            "type": "object",
            "properties": { "when": when },
            "propertyNames": { "pattern": "^([A-Za-z]{1,8}(-[A-Za-z0-9]{1,8})*|when)$" },
            "additionalProperties": { "type": "string" }
        })
    }
}

/// A sentence is told only while a relation's check has one of these outcomes.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Condition {
    /// A relation id.
    pub relation: String,
    pub status: Vec<Status>,
}

/// A what-if: inputs bound to figures, derived metrics recomputed, assumptions in words.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct ScenarioSpec {
    /// Unique among the scenarios; names the scenario in the URL.
    pub id: String,
    pub title: Text,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub intro: Option<Text>,
    pub inputs: Vec<ScenarioInput>,
    /// Derived metrics, recomputed with every input in place of the figure it is bound to.
    pub outputs: Vec<String>,
    /// What the scenario takes for granted; `{id}` shows a figure or derived metric as the
    /// dataset gives it, `{{` and `}}` are braces.
    #[serde(default)]
    pub assumptions: Vec<Sentence>,
}

/// One number the reader may change.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct ScenarioInput {
    /// Unique within its scenario; names the input in the URL.
    pub id: String,
    /// The figure or derived metric whose value the input replaces, in that quantity's unit.
    pub figure: String,
    pub label: Text,
    /// The largest value accepted (the smallest is 0): wide enough for any case, narrow enough
    /// to catch a slip of the keyboard.
    pub max: f64,
    /// Whether only whole numbers are accepted (a count of people).
    #[serde(default)]
    pub whole: bool,
    /// Other readings of the printed number (a figure only): the same digits in another unit of
    /// the same kind, e.g. a slip of mu for hectares. Offered as one-click values.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub readings: Vec<Reading>,
}

/// The printed number of the bound figure read in `unit` instead of its own.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Reading {
    /// A unit code of the same kind as the figure's.
    pub unit: String,
    pub label: Text,
}
