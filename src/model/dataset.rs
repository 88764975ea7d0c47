//! The dataset format as it is written in JSON. Ids and units are plain strings here so that
//! semantic problems (unknown unit, dangling id) are reported by `validate` with a JSON path
//! instead of stopping the parse at the first one.
//!
//! Each type is declared once, with `record!` or `tagged!` (`json_read.rs`): a field's name,
//! type, serde attributes and how it may be given (`req`, `opt`, `given`, `default`) in one
//! line, from which follow its JSON export (serde's `Serialize`), its schema (schemars,
//! `data/schema.json`) and its reader (`Type::read`, which `decode.rs` starts). A field whose
//! mode and serde attributes disagree fails `decode`'s test of the schema against the modes.

use super::codes::code_table;
use super::json_read::{
    boolean, code_readers, float, int32, record, string, strings, tagged, text, uint32, At, Node,
    Reader,
};
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

record! {
    /// A case study as data. Ids (of the case, figures, derived metrics, channels, measures and
    /// relations) are 1 to 64 characters from ASCII letters, digits, `_`, `-`, `.` and `:`: no
    /// spaces, no invisible or bidirectional characters, no look-alike letters of other scripts.
    /// Labels, titles, places, symbols, measure categories and external source names hold at most
    /// 200 characters (categories 64); summaries, notes, descriptions, quotes, formulas and the
    /// citation at most 2000. Paragraph numbers are unique. A whole number may be written `1`, `1.0`
    /// or `1e0`. (The bounds are `model/limits.rs`.)
    pub struct Dataset {
        pub format_version: u32 = req(uint32),
        pub case: CaseInfo = req(CaseInfo::read),
        pub paragraphs: Vec<Paragraph> = req(|r, v, at| r.list(v, at, Paragraph::read)),
        pub channels: Vec<Channel> = req(|r, v, at| r.list(v, at, Channel::read)),
        pub figures: Vec<Figure> = req(|r, v, at| r.list(v, at, Figure::read)),
        /// Units of the dataset's own, beyond the vocabulary (format 3).
        #[serde(default, skip_serializing_if = "Vec::is_empty")]
        pub units: Vec<UnitDeclaration> = default(|r, v, at| r.list(v, at, UnitDeclaration::read)),
        #[serde(default)]
        pub measures: Vec<Measure> = default(|r, v, at| r.list(v, at, Measure::read)),
        #[serde(default)]
        pub derived: Vec<DerivedMetric> = default(|r, v, at| r.list(v, at, DerivedMetric::read)),
        #[serde(default)]
        pub relations: Vec<Relation> = default(|r, v, at| r.list(v, at, Relation::read)),
        /// How the case is told: the page's title and intro, headline figures, charts, narrative,
        /// what-if scenarios and footer notes. Every member may be left out; what is left out is
        /// proposed from the data (and marked as proposed on the page).
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub presentation: Option<Presentation> = opt(Presentation::read),
    }
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

record! {
    /// A unit the dataset defines for itself: "one `code` is `factor` of `dimension`'s base unit".
    /// Base units: kg (mass), m (length), m² (area), m³ (volume), the year (time), J (energy),
    /// W (power), one (people, households, visits, animals, plants, items) and one unit of the
    /// currency when `dimension` is an ISO 4217 code. A code is 1 to 64 characters without spaces,
    /// `/` or `.`, and is not already a unit of the vocabulary.
    pub struct UnitDeclaration {
        pub code: String = req(string),
        /// One of mass, length, area, volume, time, energy, power, people, households, visits,
        /// animals, plants, items, or an ISO 4217 currency code.
        pub dimension: String = req(string),
        /// How many base units one of this unit is: above zero and finite.
        pub factor: f64 = req(float),
        /// As written after a number ("wells").
        pub symbol: Text = req(text),
        /// As written after "per" ("well"); the symbol when left out.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub per: Option<Text> = opt(text),
    }
}

record! {
    pub struct CaseInfo {
        pub id: String = req(string),
        /// The dataset's own language (a BCP 47 tag, one of `languages`): what a reader sees when a
        /// text lacks theirs. Format 3; older files are read as `"en"`.
        pub language: String = default(string),
        /// Every language its texts are written in (BCP 47 tags); a text keyed by another is
        /// refused. Format 3; older files are read as `["en", "zh"]`.
        pub languages: Vec<String> = default(strings),
        pub title: Text = req(text),
        pub place: Text = req(text),
        /// How to cite the source text.
        pub citation: Text = req(text),
    }
}

record! {
    /// One paragraph of the source text, numbered from 0 (the title line).
    pub struct Paragraph {
        pub n: u32 = req(uint32),
        pub title: Text = req(text),
        pub summary: Text = req(text),
    }
}

record! {
    /// A route from conservation to income.
    pub struct Channel {
        pub id: String = req(string),
        pub label: Text = req(text),
        pub summary: Text = req(text),
        pub paragraph: u32 = req(uint32),
    }
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

tagged! {
    /// The time a figure refers to, only as precise as the text is.
    #[derive(Eq)]
    pub enum Period tag "type", else (Period::Undated) {
        Year = "year" { year: i32 = int32 },
        Range = "range" { from: i32 = int32, to: i32 = int32 },
        Since = "since" { year: i32 = int32 },
        /// "in recent years": left undated on purpose.
        RecentYears = "recent_years",
        /// "at present": the time of writing, which the text does not date.
        Present = "present",
        Undated = "undated",
    }
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

record! {
    pub struct SourceRef {
        /// Paragraph of the case study (reported figures).
        #[serde(default)]
        pub paragraph: Option<u32> = opt(uint32),
        /// The team's note on what the source says, in its own words.
        pub note: Text = req(text),
        /// The number as printed in the source, for tracing.
        #[serde(default)]
        pub quote: Option<String> = opt(string),
        /// Name of the external source (context figures).
        #[serde(default)]
        pub external: Option<String> = opt(string),
    }
}

record! {
    pub struct Figure {
        pub id: String = req(string),
        pub label: Text = req(text),
        /// The number as reported, before `scale`.
        pub value: f64 = req(float),
        pub scale: Scale = req(scale),
        /// A unit code, see `units::Unit`.
        pub unit: String = req(string),
        #[serde(default)]
        pub qualifier: Qualifier = default(qualifier),
        /// Spread of an `about` figure, in percent of its value.
        #[serde(default)]
        pub about_pct: Option<f64> = opt(float),
        pub period: Period = req(Period::read),
        #[serde(default)]
        pub channel: Option<String> = opt(string),
        pub kind: FigureKind = req(figure_kind),
        pub source: SourceRef = req(SourceRef::read),
        /// The id of an earlier figure this one states again.
        #[serde(default)]
        pub repeats: Option<String> = opt(string),
        /// What it measures, from the shared vocabulary (`concepts.rs`): how figures of different
        /// cases are compared.
        #[serde(default)]
        pub concept: Option<String> = opt(string),
    }
}

record! {
    pub struct Measure {
        pub id: String = req(string),
        pub category: String = req(string),
        pub label: Text = req(text),
        pub description: Text = req(text),
        pub paragraph: u32 = req(uint32),
        #[serde(default)]
        pub channel: Option<String> = opt(string),
    }
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

record! {
    pub struct DerivedMetric {
        pub id: String = req(string),
        pub label: Text = req(text),
        pub operation: Operation = req(operation),
        /// Figure or derived-metric ids.
        pub inputs: Vec<String> = req(strings),
        /// Unit of the result, see `units::Unit`.
        pub unit: String = req(string),
        /// The formula in words.
        pub formula: Text = req(text),
        /// The formula in symbols, e.g. "I / V".
        pub symbols: String = req(string),
        #[serde(default)]
        pub channel: Option<String> = opt(string),
        /// Assumptions the metric rests on.
        #[serde(default)]
        pub note: Option<Text> = opt(text),
        /// What it measures, from the shared vocabulary (`concepts.rs`).
        #[serde(default)]
        pub concept: Option<String> = opt(string),
    }
}

tagged! {
    pub enum Rule tag "kind", else (Rule::Equal { a: String::new(), b: String::new() }) {
        /// The parts add up to the total.
        SumEquals = "sum_equals" { parts: Vec<String> = strings, total: String = string },
        /// An area lies inside another area.
        FitsWithin = "fits_within" { inner: String = string, outer: String = string },
        /// A part is no larger than the whole it belongs to.
        PartOf = "part_of" { part: String = string, whole: String = string },
        /// numerator / denominator agrees with `expected` (a share).
        RatioMatches = "ratio_matches" {
            numerator: String = string,
            denominator: String = string,
            expected: String = string,
        },
        /// Two statements of the same quantity agree.
        Equal = "equal" { a: String = string, b: String = string },
        /// A figure or derived metric held against a range from a cited public source: outside it
        /// the figure is implausible, though nothing in the case contradicts it.
        ReferenceRange = "reference_range" {
            subject: String = string,
            reference: Reference = Reference::read,
        },
        /// numerator / denominator (quantities of one kind), shown with what it means; no verdict.
        Tension = "tension" {
            numerator: String = string,
            denominator: String = string,
            /// What the ratio says, in a sentence.
            meaning: Text = text,
        },
    }
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

record! {
    /// A range of plausible values, from a public source a reader can look up.
    #[derive(Default)]
    pub struct Reference {
        /// Lower end of the range, in `unit`.
        pub low: f64 = req(float),
        /// Upper end of the range, in `unit`.
        pub high: f64 = req(float),
        /// A unit code, see `units::Unit`; of the subject's kind.
        pub unit: String = req(string),
        /// The time the published values refer to.
        #[serde(default)]
        pub period: Option<Period> = opt(Period::read),
        pub source: ReferenceSource = req(ReferenceSource::read),
        /// Why the range is where it is: which published values it spans and how it was widened.
        pub note: Text = req(text),
    }
}

record! {
    /// Where the values of a reference range are published.
    #[derive(Default)]
    pub struct ReferenceSource {
        /// Title of the publication.
        pub name: String = req(string),
        pub publisher: String = req(string),
        /// Year of publication.
        pub year: i32 = req(int32),
        /// Table, page or section holding the values.
        pub locator: String = req(string),
        /// The values as published, in the source's words and units.
        pub published: String = req(string),
        /// Where a reader can find it online.
        #[serde(default)]
        pub url: Option<String> = opt(string),
    }
}

record! {
    pub struct Relation {
        pub id: String = req(string),
        pub label: Text = req(text),
        pub rule: Rule = req(Rule::read),
        /// Relative gap (percent) still counted as agreement, for rounding.
        #[serde(default)]
        pub tolerance_pct: Option<f64> = opt(float),
        #[serde(default)]
        pub note: Option<Text> = opt(text),
    }
}

record! {
    /// How the case is told. A member left out is proposed from the data; a member given, even
    /// empty, is the dataset's own.
    #[derive(Default)]
    pub struct Presentation {
        /// The page's heading (the case's `title` when left out).
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub title: Option<Text> = given(text),
        /// The overview's first paragraph.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub intro: Option<Text> = given(text),
        /// Figure or derived-metric ids shown as headline cards, in this order: at most 12, each
        /// once.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        #[cfg_attr(not(target_arch = "wasm32"), schemars(length(max = 12)))]
        pub headlines: Option<Vec<String>> = given(strings),
        /// At most 24 charts.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        #[cfg_attr(not(target_arch = "wasm32"), schemars(length(max = 24)))]
        pub charts: Option<Vec<Chart>> = given(|r, v, at| r.list(v, at, Chart::read)),
        /// The overview's lead sentences.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub narrative: Option<Vec<Sentence>> = given(|r, v, at| r.list(v, at, Sentence::read)),
        /// What-if scenarios declared as data.
        #[serde(default, skip_serializing_if = "Vec::is_empty")]
        pub scenarios: Vec<ScenarioSpec> = default(|r, v, at| r.list(v, at, ScenarioSpec::read)),
        /// Notes at the foot of every page.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub footer: Option<Vec<Text>> = given(|r, v, at| r.list(v, at, text)),
    }
}

record! {
    /// A chart: which quantities it draws, on which axes.
    pub struct Chart {
        /// Unique among charts; names the chart in the page (`chart-<id>`) and its PNG.
        pub id: String = req(string),
        pub title: Text = req(text),
        #[serde(default)]
        pub kind: ChartKind = default(chart_kind),
        /// Figure or derived-metric ids; each inner list shares one axis (split further where the
        /// units differ). At most 6 panels of at most 40 ids, each id once in its panel.
        #[cfg_attr(not(target_arch = "wasm32"), schemars(length(max = 6)))]
        pub panels: Vec<Vec<String>> = req(|r, v, at| r.list(v, at, strings)),
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub note: Option<Text> = given(text),
        /// The chart's narrative.
        #[serde(default, skip_serializing_if = "Vec::is_empty")]
        pub sentences: Vec<Sentence> = default(|r, v, at| r.list(v, at, Sentence::read)),
    }
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

impl Sentence {
    /// Read as one object: the language entries beside an optional `when`.
    pub(super) fn read(r: &mut Reader, v: &Node, at: &At) -> Sentence {
        let text = r.localized(v, at, "struct Sentence", "when", string);
        let when = match v {
            Node::Object(members) => members
                .iter()
                .find(|(k, _)| k == "when")
                .map(|(_, w)| Condition::read(r, w, &at.key("when"))),
            _ => None,
        };
        Sentence { text, when }
    }
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

record! {
    /// A sentence is told only while a relation's check has one of these outcomes.
    pub struct Condition {
        /// A relation id.
        pub relation: String = req(string),
        pub status: Vec<Status> = req(|r, v, at| r.list(v, at, status)),
    }
}

record! {
    /// A what-if: inputs bound to figures, derived metrics recomputed, assumptions in words.
    pub struct ScenarioSpec {
        /// Unique among the scenarios; names the scenario in the URL.
        pub id: String = req(string),
        pub title: Text = req(text),
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub intro: Option<Text> = opt(text),
        pub inputs: Vec<ScenarioInput> = req(|r, v, at| r.list(v, at, ScenarioInput::read)),
        /// Derived metrics, recomputed with every input in place of the figure it is bound to.
        pub outputs: Vec<String> = req(strings),
        /// What the scenario takes for granted; `{id}` shows a figure or derived metric as the
        /// dataset gives it, `{{` and `}}` are braces.
        #[serde(default)]
        pub assumptions: Vec<Sentence> = default(|r, v, at| r.list(v, at, Sentence::read)),
    }
}

record! {
    /// One number the reader may change.
    pub struct ScenarioInput {
        /// Unique within its scenario; names the input in the URL.
        pub id: String = req(string),
        /// The figure or derived metric whose value the input replaces, in that quantity's unit.
        pub figure: String = req(string),
        pub label: Text = req(text),
        /// The largest value accepted (the smallest is 0): wide enough for any case, narrow enough
        /// to catch a slip of the keyboard.
        pub max: f64 = req(float),
        /// Whether only whole numbers are accepted (a count of people).
        #[serde(default)]
        pub whole: bool = default(boolean),
        /// Other readings of the printed number (a figure only): the same digits in another unit of
        /// the same kind, e.g. a slip of mu for hectares. Offered as one-click values.
        #[serde(default, skip_serializing_if = "Vec::is_empty")]
        pub readings: Vec<Reading> = default(|r, v, at| r.list(v, at, Reading::read)),
    }
}

record! {
    /// The printed number of the bound figure read in `unit` instead of its own.
    pub struct Reading {
        /// A unit code of the same kind as the figure's.
        pub unit: String = req(string),
        pub label: Text = req(text),
    }
}

// The readers of the closed sets above, by code.
code_readers! {
    scale: Scale,
    qualifier: Qualifier,
    figure_kind: FigureKind,
    operation: Operation,
    chart_kind: ChartKind,
    status: Status,
}
