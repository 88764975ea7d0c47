//! From JSON text to a `Dataset`, in two steps: serde_json parses the text into a plain tree
//! (`Node`: syntax errors keep their line and column), and hand-written code reads the tree into
//! the dataset types. The reading is plain code, generic only in a few tiny helpers, on purpose:
//! serde's derived `Deserialize` for these types was instantiated once per type and per
//! container, one of the largest parts of the wasm. (A `serde_json::Value` tree costs more than
//! `Node`, with either of its maps, and loses repeated names.)
//!
//! The rules are those of the format (`data/schema.json`), as the derived code applied them:
//! unknown fields are refused, and so is a field given twice; optional fields may be left out or
//! null, except `qualifier`, the optional lists and the fields of a period or a rule, which may
//! be left out but, when given, are not null; integers must fit their type (`u32`, `i32`); a
//! period or a rule takes exactly the fields of its type. Two things the derived code let through
//! and the schema refuses are refused: a list of field values in place of an object
//! (`["en text", "zh text"]` for a text), and `{"million": null}` for `"million"`.
//!
//! Every problem is reported with its exact JSON path (`figures[3].unit` also for a missing
//! field, `relations[0].rule.parts[1]`), and all of them are collected, up to
//! `MAX_STRUCTURE_ERRORS`, not only the first: within an object, unknown and repeated names in
//! the order of the text, then each field in the order of the format.

use super::dataset::{
    CaseInfo, Channel, Dataset, DerivedMetric, Figure, FigureKind, Measure, Operation, Paragraph,
    Period, Qualifier, Reference, ReferenceSource, Relation, Rule, Scale, SourceRef, Text,
};
use super::error::{DatasetError, ErrorKind};
use serde::de::{Deserialize, Deserializer, MapAccess, SeqAccess, Visitor};
use std::fmt;

/// At most this many structural errors are listed: a large file of the wrong shape would
/// otherwise yield millions of them. Reading stops once the list is full.
pub const MAX_STRUCTURE_ERRORS: usize = 100;

/// A parsed JSON value. Objects keep their members in the order of the text, repeated names
/// included (so that a field given twice can be refused).
#[derive(Debug, Clone, PartialEq)]
pub enum Node {
    Null,
    Bool(bool),
    /// An integer of 0 or more.
    UInt(u64),
    /// A negative integer.
    Int(i64),
    /// A number with a fraction or an exponent, or an integer too large for 64 bits.
    Float(f64),
    Str(String),
    Array(Vec<Node>),
    Object(Vec<(String, Node)>),
}

impl<'de> Deserialize<'de> for Node {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Node, D::Error> {
        d.deserialize_any(NodeVisitor)
    }
}

struct NodeVisitor;

impl<'de> Visitor<'de> for NodeVisitor {
    type Value = Node;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a JSON value")
    }
    fn visit_unit<E>(self) -> Result<Node, E> {
        Ok(Node::Null)
    }
    fn visit_none<E>(self) -> Result<Node, E> {
        Ok(Node::Null)
    }
    fn visit_bool<E>(self, v: bool) -> Result<Node, E> {
        Ok(Node::Bool(v))
    }
    fn visit_i64<E>(self, v: i64) -> Result<Node, E> {
        Ok(if v < 0 {
            Node::Int(v)
        } else {
            Node::UInt(v as u64)
        })
    }
    fn visit_u64<E>(self, v: u64) -> Result<Node, E> {
        Ok(Node::UInt(v))
    }
    fn visit_f64<E>(self, v: f64) -> Result<Node, E> {
        Ok(Node::Float(v))
    }
    fn visit_str<E>(self, v: &str) -> Result<Node, E> {
        Ok(Node::Str(v.to_string()))
    }
    fn visit_string<E>(self, v: String) -> Result<Node, E> {
        Ok(Node::Str(v))
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut a: A) -> Result<Node, A::Error> {
        let mut items = Vec::new();
        while let Some(x) = a.next_element()? {
            items.push(x);
        }
        Ok(Node::Array(items))
    }
    fn visit_map<A: MapAccess<'de>>(self, mut a: A) -> Result<Node, A::Error> {
        let mut members = Vec::new();
        while let Some(m) = a.next_entry()? {
            members.push(m);
        }
        Ok(Node::Object(members))
    }
}

/// For callers that deserialize a `Dataset` with serde (the tests): the same reading as
/// `Model::from_json`, the first problem as the error.
impl<'de> Deserialize<'de> for Dataset {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Dataset, D::Error> {
        let node = Node::deserialize(d)?;
        decode(&node).map_err(|e| serde::de::Error::custom(&e[0]))
    }
}

/// The dataset a tree describes, or every structural problem in it (at most
/// `MAX_STRUCTURE_ERRORS`; never an empty list).
pub fn decode(node: &Node) -> Result<Dataset, Vec<DatasetError>> {
    let mut r = Reader {
        errs: Vec::new(),
        failures: 0,
        quiet: false,
    };
    let root = At {
        up: None,
        seg: Seg::Root,
    };
    let d = dataset(&mut r, node, &root);
    if r.failures == 0 {
        Ok(d)
    } else {
        Err(r.errs)
    }
}

// ------------------------------------------------------------------ paths

#[derive(Clone, Copy)]
pub(super) enum Seg<'a> {
    Root,
    Key(&'a str),
    Index(usize),
}

/// A JSON path as a chain on the stack: written out only when there is an error to report.
pub(super) struct At<'a> {
    up: Option<&'a At<'a>>,
    seg: Seg<'a>,
}

impl<'a> At<'a> {
    pub(super) fn key(&'a self, k: &'a str) -> At<'a> {
        At {
            up: Some(self),
            seg: Seg::Key(k),
        }
    }

    pub(super) fn index(&'a self, i: usize) -> At<'a> {
        At {
            up: Some(self),
            seg: Seg::Index(i),
        }
    }

    /// `figures[3].unit`; `.` for the document itself.
    fn render(&self) -> String {
        let mut segs = Vec::new();
        let mut at = Some(self);
        while let Some(a) = at {
            segs.push(a.seg);
            at = a.up;
        }
        let mut out = String::new();
        for seg in segs.into_iter().rev() {
            match seg {
                Seg::Root => {}
                Seg::Key(k) => {
                    if !out.is_empty() {
                        out.push('.');
                    }
                    out.push_str(k);
                }
                Seg::Index(i) => {
                    out.push('[');
                    out.push_str(&i.to_string());
                    out.push(']');
                }
            }
        }
        if out.is_empty() {
            out.push('.');
        }
        out
    }
}

// ------------------------------------------------------------------ words

/// The value as serde words it in its errors: `string "x"`, `integer `5``, `map`.
fn describe(v: &Node) -> String {
    match v {
        Node::Null => "null".into(),
        Node::Bool(b) => format!("boolean `{b}`"),
        Node::UInt(n) => format!("integer `{n}`"),
        Node::Int(n) => format!("integer `{n}`"),
        Node::Float(f) => format!("floating point `{}`", super::format::number_text(*f)),
        Node::Str(s) => {
            let mut out = String::from("string \"");
            for (i, c) in s.chars().enumerate() {
                if i == super::limits::MAX_ECHO_CHARS {
                    out.push_str(&format!("…\" ({} characters)", s.chars().count()));
                    return out;
                }
                if c == '"' || c == '\\' {
                    out.push('\\');
                }
                out.push(c);
            }
            out.push('"');
            out
        }
        Node::Array(_) => "sequence".into(),
        Node::Object(_) => "map".into(),
    }
}

/// "`a`", "`a` or `b`", "one of `a`, `b`, `c`", as serde lists what it expects.
fn one_of(names: &[&str]) -> String {
    let mut out = String::new();
    if names.len() > 2 {
        out.push_str("one of ");
    }
    for (i, n) in names.iter().enumerate() {
        if i > 0 {
            out.push_str(if names.len() == 2 { " or " } else { ", " });
        }
        out.push('`');
        out.push_str(n);
        out.push('`');
    }
    out
}

// ------------------------------------------------------------------ the reader
//
// A reader always returns a value: on a problem it reports it and returns a stand-in (an empty
// string, 0, the first variant; a missing field is read from `null` without a word), and
// `decode` refuses the whole dataset if anything was reported. No partial result is built up and
// thrown away on the way, which keeps this code small.

/// Reads one kind of value.
pub(super) type Read<T> = fn(&mut Reader, &Node, &At) -> T;

pub(super) struct Reader {
    /// The first `MAX_STRUCTURE_ERRORS` problems.
    errs: Vec<DatasetError>,
    /// How many problems were found (also beyond the limit).
    failures: usize,
    /// Reading a stand-in: problems are not reported.
    quiet: bool,
}

/// The most fields a type of the format has (`Rule`).
const MAX_FIELDS: usize = 16;

/// An object's members, by the index of their name in the type's list of fields.
pub(super) struct Obj<'n, 'a> {
    at: &'a At<'a>,
    names: &'static [&'static str],
    slots: [Option<&'n Node>; MAX_FIELDS],
    /// Not an object at all (reported): its fields are not reported missing.
    bad: bool,
}

impl Reader {
    fn full(&self) -> bool {
        self.failures >= MAX_STRUCTURE_ERRORS
    }

    pub(super) fn fail(&mut self, at: &At, expected: String, found: String) {
        if self.quiet {
            return;
        }
        if !self.full() {
            self.errs.push(DatasetError::new(
                ErrorKind::Structure,
                at.render(),
                expected,
                found,
            ));
        }
        self.failures += 1;
    }

    pub(super) fn wrong_type(&mut self, v: &Node, at: &At, expected: &str) {
        self.fail(at, expected.to_string(), describe(v));
    }

    /// An object whose member names are among `names`; unknown and repeated names are reported.
    pub(super) fn object<'n, 'a>(
        &mut self,
        v: &'n Node,
        at: &'a At<'a>,
        what: &str,
        names: &'static [&'static str],
    ) -> Obj<'n, 'a> {
        let mut o = Obj {
            at,
            names,
            slots: [None; MAX_FIELDS],
            bad: false,
        };
        let Node::Object(members) = v else {
            self.wrong_type(v, at, what);
            o.bad = true;
            return o;
        };
        for (k, x) in members {
            if self.full() {
                break;
            }
            match names.iter().position(|n| n == k) {
                Some(i) if o.slots[i].is_none() => o.slots[i] = Some(x),
                Some(_) => self.fail(
                    &at.key(k),
                    "a field given once".into(),
                    format!("duplicate field `{k}`"),
                ),
                None => self.fail(&at.key(k), one_of(names), format!("unknown field `{k}`")),
            }
        }
        o
    }

    fn missing(&mut self, o: &Obj, i: usize) {
        if !o.bad {
            let name = o.names[i];
            self.fail(&o.at.key(name), format!("field `{name}`"), "nothing".into());
        }
    }

    /// A field that must be given.
    pub(super) fn req<T>(&mut self, o: &Obj, i: usize, read: Read<T>) -> T {
        let at = o.at.key(o.names[i]);
        match o.slots[i] {
            Some(v) => read(self, v, &at),
            None => {
                self.missing(o, i);
                let quiet = std::mem::replace(&mut self.quiet, true);
                let stand_in = read(self, &Node::Null, &at);
                self.quiet = quiet;
                stand_in
            }
        }
    }

    /// A field that may be left out or null.
    pub(super) fn opt<T>(&mut self, o: &Obj, i: usize, read: Read<T>) -> Option<T> {
        match o.slots[i] {
            None | Some(Node::Null) => None,
            Some(v) => Some(read(self, v, &o.at.key(o.names[i]))),
        }
    }

    /// A field that may be left out but, when given, is not null.
    pub(super) fn given<T>(&mut self, o: &Obj, i: usize, read: Read<T>) -> Option<T> {
        o.slots[i].map(|v| read(self, v, &o.at.key(o.names[i])))
    }

    /// A `given` field that the object's type needs after all.
    fn need<T: Default>(&mut self, o: &Obj, i: usize, v: Option<T>) -> T {
        v.unwrap_or_else(|| {
            self.missing(o, i);
            T::default()
        })
    }

    /// Every element of an array.
    pub(super) fn list<T>(&mut self, v: &Node, at: &At, read: Read<T>) -> Vec<T> {
        let Node::Array(items) = v else {
            self.wrong_type(v, at, "a sequence");
            return Vec::new();
        };
        let mut out = Vec::with_capacity(items.len());
        for (i, x) in items.iter().enumerate() {
            if self.full() {
                break;
            }
            out.push(read(self, x, &at.index(i)));
        }
        out
    }

    /// The index of a string among `names` (an enum's variants); `None` if it is none of them.
    /// The tag (first field) of a tagged object: the index of its value in `names`.
    fn tag(&mut self, o: &Obj, key: &str, names: &[&str]) -> Option<usize> {
        match o.slots[0] {
            Some(v) => self.variant(v, &o.at.key(key), names),
            None => {
                self.missing(o, 0);
                None
            }
        }
    }

    pub(super) fn variant(&mut self, v: &Node, at: &At, names: &[&str]) -> Option<usize> {
        let Node::Str(s) = v else {
            self.wrong_type(v, at, &one_of(names));
            return None;
        };
        let i = names.iter().position(|n| n == s);
        if i.is_none() {
            self.fail(at, one_of(names), format!("unknown variant `{s}`"));
        }
        i
    }

    /// An integer in `lo..=hi`. As in JSON Schema, a number with a zero fraction is an integer:
    /// `1.0` and `1e2` are read as 1 and 100, `1.5` is refused.
    fn int(&mut self, v: &Node, at: &At, lo: i64, hi: i64, ty: &str) -> i64 {
        let n = match *v {
            Node::UInt(n) => i64::try_from(n).unwrap_or(i64::MAX),
            Node::Int(n) => n,
            // Beyond ±2^63 the cast saturates, and the range check below refuses it.
            Node::Float(f) if f.fract() == 0.0 => f as i64,
            _ => {
                self.wrong_type(v, at, ty);
                return 0;
            }
        };
        if n < lo || n > hi {
            self.wrong_type(v, at, ty);
            return 0;
        }
        n
    }
}

// ------------------------------------------------------------------ values

pub(super) fn string(r: &mut Reader, v: &Node, at: &At) -> String {
    match v {
        Node::Str(s) => s.clone(),
        _ => {
            r.wrong_type(v, at, "a string");
            String::new()
        }
    }
}

pub(super) fn strings(r: &mut Reader, v: &Node, at: &At) -> Vec<String> {
    r.list(v, at, string)
}

pub(super) fn float(r: &mut Reader, v: &Node, at: &At) -> f64 {
    match *v {
        Node::UInt(n) => n as f64,
        Node::Int(n) => n as f64,
        Node::Float(f) => f,
        _ => {
            r.wrong_type(v, at, "a number");
            0.0
        }
    }
}

fn uint32(r: &mut Reader, v: &Node, at: &At) -> u32 {
    r.int(
        v,
        at,
        0,
        u32::MAX.into(),
        "a whole number from 0 to 4294967295",
    ) as u32
}

fn int32(r: &mut Reader, v: &Node, at: &At) -> i32 {
    r.int(
        v,
        at,
        i32::MIN.into(),
        i32::MAX.into(),
        "a whole number (a year)",
    ) as i32
}

fn scale(r: &mut Reader, v: &Node, at: &At) -> Scale {
    Scale::ALL[r.variant(v, at, &Scale::CODES).unwrap_or(0)]
}

fn qualifier(r: &mut Reader, v: &Node, at: &At) -> Qualifier {
    Qualifier::ALL[r.variant(v, at, &Qualifier::CODES).unwrap_or(0)]
}

fn figure_kind(r: &mut Reader, v: &Node, at: &At) -> FigureKind {
    FigureKind::ALL[r.variant(v, at, &FigureKind::CODES).unwrap_or(0)]
}

fn operation(r: &mut Reader, v: &Node, at: &At) -> Operation {
    Operation::ALL[r.variant(v, at, &Operation::CODES).unwrap_or(0)]
}

// ------------------------------------------------------------------ the dataset types

pub(super) fn text(r: &mut Reader, v: &Node, at: &At) -> Text {
    let o = r.object(v, at, "struct Text", &["en", "zh"]);
    Text {
        en: r.req(&o, 0, string),
        zh: r.req(&o, 1, string),
    }
}

fn dataset(r: &mut Reader, v: &Node, at: &At) -> Dataset {
    let o = r.object(
        v,
        at,
        "struct Dataset",
        &[
            "format_version",
            "case",
            "paragraphs",
            "channels",
            "figures",
            "measures",
            "derived",
            "relations",
            "presentation",
        ],
    );
    Dataset {
        format_version: r.req(&o, 0, uint32),
        case: r.req(&o, 1, case_info),
        paragraphs: r.req(&o, 2, |r, v, at| r.list(v, at, paragraph)),
        channels: r.req(&o, 3, |r, v, at| r.list(v, at, channel)),
        figures: r.req(&o, 4, |r, v, at| r.list(v, at, figure)),
        measures: r
            .given(&o, 5, |r, v, at| r.list(v, at, measure))
            .unwrap_or_default(),
        derived: r
            .given(&o, 6, |r, v, at| r.list(v, at, derived_metric))
            .unwrap_or_default(),
        relations: r
            .given(&o, 7, |r, v, at| r.list(v, at, relation))
            .unwrap_or_default(),
        presentation: r.opt(&o, 8, super::decode_presentation::presentation),
    }
}

fn case_info(r: &mut Reader, v: &Node, at: &At) -> CaseInfo {
    let o = r.object(
        v,
        at,
        "struct CaseInfo",
        &["id", "title", "place", "citation"],
    );
    CaseInfo {
        id: r.req(&o, 0, string),
        title: r.req(&o, 1, text),
        place: r.req(&o, 2, text),
        citation: r.req(&o, 3, text),
    }
}

fn paragraph(r: &mut Reader, v: &Node, at: &At) -> Paragraph {
    let o = r.object(v, at, "struct Paragraph", &["n", "title", "summary"]);
    Paragraph {
        n: r.req(&o, 0, uint32),
        title: r.req(&o, 1, text),
        summary: r.req(&o, 2, text),
    }
}

fn channel(r: &mut Reader, v: &Node, at: &At) -> Channel {
    let o = r.object(
        v,
        at,
        "struct Channel",
        &["id", "label", "summary", "paragraph"],
    );
    Channel {
        id: r.req(&o, 0, string),
        label: r.req(&o, 1, text),
        summary: r.req(&o, 2, text),
        paragraph: r.req(&o, 3, uint32),
    }
}

const PERIOD_FIELDS: [&str; 4] = ["type", "year", "from", "to"];
const PERIOD_TYPES: [&str; 6] = [
    "year",
    "range",
    "since",
    "recent_years",
    "present",
    "undated",
];

fn period(r: &mut Reader, v: &Node, at: &At) -> Period {
    let o = r.object(v, at, "struct Period", &PERIOD_FIELDS);
    let kind = r.tag(&o, "type", &PERIOD_TYPES);
    // The years given, each `None` if left out or unreadable (reported).
    let mut years = [None; 3];
    for (j, y) in years.iter_mut().enumerate() {
        let before = r.failures;
        let value = r.given(&o, j + 1, int32);
        if r.failures == before {
            *y = value;
        }
    }
    let Some(kind) = kind else {
        return Period::Undated;
    };
    // Each type takes exactly its own fields besides "type".
    let allowed: &[&str] = match kind {
        0 | 2 => &["type", "year"],
        1 => &["type", "from", "to"],
        _ => &["type"],
    };
    for (j, y) in years.iter().enumerate() {
        let name = PERIOD_FIELDS[j + 1];
        if y.is_some() && !allowed.contains(&name) {
            r.fail(
                &o.at.key(name),
                one_of(allowed),
                format!("unknown field `{name}`"),
            );
        }
    }
    // A year that was given but unreadable is reported already, not as missing.
    let mut need = |j: usize| match (years[j], o.slots[j + 1]) {
        (Some(y), _) => y,
        (None, None) => {
            r.missing(&o, j + 1);
            0
        }
        (None, Some(_)) => 0,
    };
    match kind {
        0 => Period::Year { year: need(0) },
        1 => Period::Range {
            from: need(1),
            to: need(2),
        },
        2 => Period::Since { year: need(0) },
        3 => Period::RecentYears,
        4 => Period::Present,
        _ => Period::Undated,
    }
}

fn source_ref(r: &mut Reader, v: &Node, at: &At) -> SourceRef {
    let o = r.object(
        v,
        at,
        "struct SourceRef",
        &["paragraph", "note", "quote", "external"],
    );
    SourceRef {
        paragraph: r.opt(&o, 0, uint32),
        note: r.req(&o, 1, text),
        quote: r.opt(&o, 2, string),
        external: r.opt(&o, 3, string),
    }
}

fn figure(r: &mut Reader, v: &Node, at: &At) -> Figure {
    let o = r.object(
        v,
        at,
        "struct Figure",
        &[
            "id",
            "label",
            "value",
            "scale",
            "unit",
            "qualifier",
            "about_pct",
            "period",
            "channel",
            "kind",
            "source",
            "repeats",
        ],
    );
    Figure {
        id: r.req(&o, 0, string),
        label: r.req(&o, 1, text),
        value: r.req(&o, 2, float),
        scale: r.req(&o, 3, scale),
        unit: r.req(&o, 4, string),
        qualifier: r.given(&o, 5, qualifier).unwrap_or_default(),
        about_pct: r.opt(&o, 6, float),
        period: r.req(&o, 7, period),
        channel: r.opt(&o, 8, string),
        kind: r.req(&o, 9, figure_kind),
        source: r.req(&o, 10, source_ref),
        repeats: r.opt(&o, 11, string),
    }
}

fn measure(r: &mut Reader, v: &Node, at: &At) -> Measure {
    let o = r.object(
        v,
        at,
        "struct Measure",
        &[
            "id",
            "category",
            "label",
            "description",
            "paragraph",
            "channel",
        ],
    );
    Measure {
        id: r.req(&o, 0, string),
        category: r.req(&o, 1, string),
        label: r.req(&o, 2, text),
        description: r.req(&o, 3, text),
        paragraph: r.req(&o, 4, uint32),
        channel: r.opt(&o, 5, string),
    }
}

fn derived_metric(r: &mut Reader, v: &Node, at: &At) -> DerivedMetric {
    let o = r.object(
        v,
        at,
        "struct DerivedMetric",
        &[
            "id",
            "label",
            "operation",
            "inputs",
            "unit",
            "formula",
            "symbols",
            "channel",
            "note",
        ],
    );
    DerivedMetric {
        id: r.req(&o, 0, string),
        label: r.req(&o, 1, text),
        operation: r.req(&o, 2, operation),
        inputs: r.req(&o, 3, strings),
        unit: r.req(&o, 4, string),
        formula: r.req(&o, 5, text),
        symbols: r.req(&o, 6, string),
        channel: r.opt(&o, 7, string),
        note: r.opt(&o, 8, text),
    }
}

const RULE_FIELDS: [&str; 15] = [
    "kind",
    "parts",
    "total",
    "inner",
    "outer",
    "part",
    "whole",
    "numerator",
    "denominator",
    "expected",
    "a",
    "b",
    "subject",
    "reference",
    "meaning",
];
const RULE_KINDS: [&str; 7] = [
    "sum_equals",
    "fits_within",
    "part_of",
    "ratio_matches",
    "equal",
    "reference_range",
    "tension",
];

fn rule(r: &mut Reader, v: &Node, at: &At) -> Rule {
    let o = r.object(v, at, "struct Rule", &RULE_FIELDS);
    let kind = r.tag(&o, "kind", &RULE_KINDS);
    // Whether each field was given and readable (problems are reported as they are read).
    let mut readable = [false; RULE_FIELDS.len()];
    let before = r.failures;
    let parts = r.given(&o, 1, strings);
    readable[1] = parts.is_some() && r.failures == before;
    // "total" to "b": an id each.
    let mut ids: [Option<String>; 10] = Default::default();
    for (j, id) in ids.iter_mut().enumerate() {
        let before = r.failures;
        *id = r.given(&o, j + 2, string);
        readable[j + 2] = id.is_some() && r.failures == before;
    }
    let before = r.failures;
    let subject = r.given(&o, 12, string);
    readable[12] = subject.is_some() && r.failures == before;
    let before = r.failures;
    let reference = r.given(&o, 13, reference);
    readable[13] = reference.is_some() && r.failures == before;
    let before = r.failures;
    let meaning = r.given(&o, 14, text);
    readable[14] = meaning.is_some() && r.failures == before;
    let Some(kind) = kind else {
        return Rule::Equal {
            a: String::new(),
            b: String::new(),
        };
    };
    // Each kind takes exactly its own fields besides "kind".
    let allowed: &[&str] = match kind {
        0 => &["kind", "parts", "total"],
        1 => &["kind", "inner", "outer"],
        2 => &["kind", "part", "whole"],
        3 => &["kind", "numerator", "denominator", "expected"],
        4 => &["kind", "a", "b"],
        5 => &["kind", "subject", "reference"],
        _ => &["kind", "numerator", "denominator", "meaning"],
    };
    for (i, name) in RULE_FIELDS.iter().enumerate() {
        if readable[i] && !allowed.contains(name) {
            r.fail(
                &o.at.key(name),
                one_of(allowed),
                format!("unknown field `{name}`"),
            );
        }
    }
    let [total, inner, outer, part, whole, numerator, denominator, expected, a, b] = ids;
    match kind {
        0 => Rule::SumEquals {
            parts: r.need(&o, 1, parts),
            total: r.need(&o, 2, total),
        },
        1 => Rule::FitsWithin {
            inner: r.need(&o, 3, inner),
            outer: r.need(&o, 4, outer),
        },
        2 => Rule::PartOf {
            part: r.need(&o, 5, part),
            whole: r.need(&o, 6, whole),
        },
        3 => Rule::RatioMatches {
            numerator: r.need(&o, 7, numerator),
            denominator: r.need(&o, 8, denominator),
            expected: r.need(&o, 9, expected),
        },
        4 => Rule::Equal {
            a: r.need(&o, 10, a),
            b: r.need(&o, 11, b),
        },
        5 => Rule::ReferenceRange {
            subject: r.need(&o, 12, subject),
            reference: r.need(&o, 13, reference),
        },
        _ => Rule::Tension {
            numerator: r.need(&o, 7, numerator),
            denominator: r.need(&o, 8, denominator),
            meaning: r.need(&o, 14, meaning),
        },
    }
}

fn reference(r: &mut Reader, v: &Node, at: &At) -> Reference {
    let o = r.object(
        v,
        at,
        "struct Reference",
        &["low", "high", "unit", "period", "source", "note"],
    );
    Reference {
        low: r.req(&o, 0, float),
        high: r.req(&o, 1, float),
        unit: r.req(&o, 2, string),
        period: r.opt(&o, 3, period),
        source: r.req(&o, 4, reference_source),
        note: r.req(&o, 5, text),
    }
}

fn reference_source(r: &mut Reader, v: &Node, at: &At) -> ReferenceSource {
    let o = r.object(
        v,
        at,
        "struct ReferenceSource",
        &["name", "publisher", "year", "locator", "published", "url"],
    );
    ReferenceSource {
        name: r.req(&o, 0, string),
        publisher: r.req(&o, 1, string),
        year: r.req(&o, 2, int32),
        locator: r.req(&o, 3, string),
        published: r.req(&o, 4, string),
        url: r.opt(&o, 5, string),
    }
}

fn relation(r: &mut Reader, v: &Node, at: &At) -> Relation {
    let o = r.object(
        v,
        at,
        "struct Relation",
        &["id", "label", "rule", "tolerance_pct", "note"],
    );
    Relation {
        id: r.req(&o, 0, string),
        label: r.req(&o, 1, text),
        rule: r.req(&o, 2, rule),
        tolerance_pct: r.opt(&o, 3, float),
        note: r.opt(&o, 4, text),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn errors(text: &str) -> Vec<(String, String, String)> {
        let node: Node = serde_json::from_str(text).unwrap();
        decode(&node)
            .unwrap_err()
            .into_iter()
            .map(|e| (e.path, e.expected, e.found))
            .collect()
    }

    #[test]
    fn every_enum_value_reads_back_what_serde_writes() {
        fn code<T: serde::Serialize>(x: T) -> String {
            serde_json::to_value(x)
                .unwrap()
                .as_str()
                .unwrap()
                .to_string()
        }
        for (i, x) in Scale::ALL.into_iter().enumerate() {
            assert_eq!(code(x), Scale::CODES[i]);
            assert_eq!(x.code(), Scale::CODES[i]);
        }
        for (i, x) in Qualifier::ALL.into_iter().enumerate() {
            assert_eq!(code(x), Qualifier::CODES[i]);
            assert_eq!(x.code(), Qualifier::CODES[i]);
        }
        for (i, x) in FigureKind::ALL.into_iter().enumerate() {
            assert_eq!(code(x), FigureKind::CODES[i]);
            assert_eq!(x.code(), FigureKind::CODES[i]);
        }
        for (i, x) in Operation::ALL.into_iter().enumerate() {
            assert_eq!(code(x), Operation::CODES[i]);
            assert_eq!(x.code(), Operation::CODES[i]);
        }
        assert_eq!(Scale::ALL.len(), 6);
        assert_eq!(Qualifier::ALL.len(), 6);
        assert_eq!(FigureKind::ALL.len(), 2);
        assert_eq!(Operation::ALL.len(), 5);
    }

    #[test]
    fn periods_and_rules_read_back_what_serde_writes() {
        let periods = [
            Period::Year { year: 2017 },
            Period::Range {
                from: 2014,
                to: 2017,
            },
            Period::Since { year: -3 },
            Period::RecentYears,
            Period::Present,
            Period::Undated,
        ];
        let s = |x: &str| x.to_string();
        let rules = [
            Rule::SumEquals {
                parts: vec![s("a"), s("b")],
                total: s("c"),
            },
            Rule::FitsWithin {
                inner: s("a"),
                outer: s("b"),
            },
            Rule::PartOf {
                part: s("a"),
                whole: s("b"),
            },
            Rule::RatioMatches {
                numerator: s("a"),
                denominator: s("b"),
                expected: s("c"),
            },
            Rule::Equal {
                a: s("a"),
                b: s("b"),
            },
            Rule::ReferenceRange {
                subject: s("a"),
                reference: Reference {
                    low: 1.0,
                    high: 2.5,
                    unit: s("m3_per_ha"),
                    period: Some(Period::Range {
                        from: 2014,
                        to: 2018,
                    }),
                    source: ReferenceSource {
                        name: s("n"),
                        publisher: s("p"),
                        year: 2019,
                        locator: s("table 1"),
                        published: s("94.83"),
                        url: Some(s("https://example.org/")),
                    },
                    note: Text {
                        en: s("e"),
                        zh: s("z"),
                    },
                },
            },
            Rule::Tension {
                numerator: s("a"),
                denominator: s("b"),
                meaning: Text {
                    en: s("e"),
                    zh: s("z"),
                },
            },
        ];
        let root = At {
            up: None,
            seg: Seg::Root,
        };
        let mut r = Reader {
            errs: Vec::new(),
            failures: 0,
            quiet: false,
        };
        for p in periods {
            let node: Node = serde_json::from_value(serde_json::to_value(&p).unwrap()).unwrap();
            assert_eq!(period(&mut r, &node, &root), p);
        }
        for x in rules {
            let node: Node = serde_json::from_value(serde_json::to_value(&x).unwrap()).unwrap();
            assert_eq!(rule(&mut r, &node, &root), x);
        }
        assert!(r.errs.is_empty(), "{:?}", r.errs);
    }

    #[test]
    fn exact_paths_and_serde_words() {
        let text = r#"{"format_version": 1.5, "case": {"id": 3, "title": {"en": "a"},
            "place": {"en": "a", "zh": "b", "en": "c"}, "citation": []},
            "paragraphs": null, "channels": [], "figures": [], "relations": [
            {"id": "r", "label": {"en": "", "zh": ""},
             "rule": {"kind": "sum_equals", "parts": ["x", 7], "a": "y"}},
            {"id": "s", "label": {"en": "", "zh": ""}, "rule": {"kind": "adds_up", "total": null}}]}"#;
        let got = errors(text);
        let want: Vec<(&str, &str, &str)> = vec![
            (
                "format_version",
                "a whole number from 0 to 4294967295",
                "floating point `1.5`",
            ),
            ("case.id", "a string", "integer `3`"),
            ("case.title.zh", "field `zh`", "nothing"),
            (
                "case.place.en",
                "a field given once",
                "duplicate field `en`",
            ),
            ("case.citation", "struct Text", "sequence"),
            ("paragraphs", "a sequence", "null"),
            ("relations[0].rule.parts[1]", "a string", "integer `7`"),
            (
                "relations[0].rule.a",
                "one of `kind`, `parts`, `total`",
                "unknown field `a`",
            ),
            ("relations[0].rule.total", "field `total`", "nothing"),
            (
                "relations[1].rule.kind",
                "one of `sum_equals`, `fits_within`, `part_of`, `ratio_matches`, `equal`, `reference_range`, `tension`",
                "unknown variant `adds_up`",
            ),
            ("relations[1].rule.total", "a string", "null"),
        ];
        let got: Vec<(&str, &str, &str)> = got
            .iter()
            .map(|(a, b, c)| (a.as_str(), b.as_str(), c.as_str()))
            .collect();
        assert_eq!(got, want);
        assert_eq!(
            errors("[]"),
            [(".".into(), "struct Dataset".into(), "sequence".into())]
        );
    }

    #[test]
    fn integers_must_fit() {
        let root = At {
            up: None,
            seg: Seg::Root,
        };
        let mut r = Reader {
            errs: Vec::new(),
            failures: 0,
            quiet: false,
        };
        assert_eq!(
            uint32(&mut r, &Node::UInt(u32::MAX.into()), &root),
            u32::MAX
        );
        assert_eq!(r.failures, 0);
        uint32(&mut r, &Node::UInt(u64::from(u32::MAX) + 1), &root);
        uint32(&mut r, &Node::Int(-1), &root);
        assert_eq!(int32(&mut r, &Node::Int(i32::MIN.into()), &root), i32::MIN);
        assert_eq!(r.failures, 2);
        int32(&mut r, &Node::UInt(u64::MAX), &root);
        int32(&mut r, &Node::Float(2017.5), &root);
        assert_eq!(float(&mut r, &Node::UInt(u64::MAX), &root), u64::MAX as f64);
        // Whole numbers written with a fraction or an exponent are integers (JSON Schema).
        assert_eq!(int32(&mut r, &Node::Float(2017.0), &root), 2017);
        assert_eq!(uint32(&mut r, &Node::Float(1e2), &root), 100);
        assert_eq!(uint32(&mut r, &Node::Float(-0.0), &root), 0);
        uint32(&mut r, &Node::Float(1e10), &root);
        uint32(&mut r, &Node::Float(1e300), &root);
        int32(&mut r, &Node::Float(-1e300), &root);
        let found: Vec<&str> = r.errs.iter().map(|e| e.found.as_str()).collect();
        assert_eq!(
            found,
            [
                "integer `4294967296`",
                "integer `-1`",
                "integer `18446744073709551615`",
                "floating point `2017.5`",
                "floating point `10000000000`",
                "floating point `1e+300`",
                "floating point `-1e+300`"
            ]
        );
    }

    #[test]
    fn the_error_list_is_bounded() {
        let figures = vec![serde_json::json!({"x": 1}); 10_000];
        let text = serde_json::json!({"format_version": 1, "figures": figures}).to_string();
        let got = errors(&text);
        assert_eq!(got.len(), MAX_STRUCTURE_ERRORS);
        // "case", "paragraphs" and "channels" are missing; then the figures, in order.
        assert_eq!(got[3].0, "figures[0].x");
        assert_eq!(got[4].0, "figures[0].id");
    }
}
