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
    CaseInfo, Channel, Chart, ChartKind, Condition, Dataset, DerivedMetric, Figure, FigureKind,
    Measure, Operation, Paragraph, Period, Presentation, Qualifier, Reading, Reference,
    ReferenceSource, Relation, Rule, Scale, ScenarioInput, ScenarioSpec, Sentence, SourceRef, Text,
    UnitDeclaration,
};
use super::dataset::{Localized, FORMAT_VERSION};
use super::error::{DatasetError, ErrorKind};
use super::language_tag::well_formed;
use super::limits::echo;
use super::status::Status;
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

/// A period alone (in a draft's stored changes), read as in a dataset: the first problem as the
/// error.
impl<'de> Deserialize<'de> for Period {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Period, D::Error> {
        let node = Node::deserialize(d)?;
        let mut r = Reader {
            own: String::new(),
            declared: Vec::new(),
            errs: Vec::new(),
            failures: 0,
            quiet: false,
        };
        let root = At {
            up: None,
            seg: Seg::Root,
        };
        let p = period(&mut r, &node, &root);
        match r.errs.first() {
            None => Ok(p),
            Some(e) => Err(serde::de::Error::custom(e)),
        }
    }
}

/// The dataset a tree describes, or every structural problem in it (at most
/// `MAX_STRUCTURE_ERRORS`; never an empty list).
pub fn decode(node: &Node) -> Result<Dataset, Vec<DatasetError>> {
    let (own, declared, version) = peek_languages(node);
    let mut r = Reader {
        own,
        declared,
        errs: Vec::new(),
        failures: 0,
        quiet: false,
    };
    let root = At {
        up: None,
        seg: Seg::Root,
    };
    let mut d = dataset(&mut r, node, &root);
    // Checked in a file of this format with a `case` object; a file of another version, or
    // without a case, is refused for that alone.
    match version {
        Version::Older => languages(&mut r, &mut d, true, &root),
        Version::Current => languages(&mut r, &mut d, false, &root),
        Version::Other => {}
    }
    if r.failures == 0 {
        Ok(d)
    } else {
        Err(r.errs)
    }
}

/// What a reader expects of a language tag.
const TAG_EXPECTED: &str =
    "a well-formed BCP 47 language tag (RFC 5646), such as `en`, `zh-Hans` or `fr-CA`";

/// Which languages rule a file reads under.
enum Version {
    /// Format 1 or 2: no language fields, read as `"en"` and `["en", "zh"]`.
    Older,
    /// This format, with a `case` object: its language fields are checked.
    Current,
    /// No usable version or case (refused for that): keys are only checked for their shape.
    Other,
}

/// The languages a dataset declares, looked up before it is read (a text anywhere is checked
/// against them): the own language, the declared list, and the rules of its version.
fn peek_languages(node: &Node) -> (String, Vec<String>, Version) {
    let member = |v: &'_ Node, name: &str| match v {
        Node::Object(ms) => ms.iter().find(|(k, _)| k == name).map(|(_, x)| x.clone()),
        _ => None,
    };
    let version = match member(node, "format_version") {
        Some(Node::UInt(v)) => Some(v as f64),
        Some(Node::Float(v)) => Some(v),
        _ => None,
    };
    if version.is_some_and(|v| v < FORMAT_VERSION as f64) {
        let declared = vec!["en".to_string(), "zh".to_string()];
        return ("en".into(), declared, Version::Older);
    }
    let case = member(node, "case").unwrap_or(Node::Null);
    let version = match (version, &case) {
        (Some(v), Node::Object(_)) if v == FORMAT_VERSION as f64 => Version::Current,
        _ => Version::Other,
    };
    let own = match member(&case, "language") {
        Some(Node::Str(s)) => s,
        _ => String::new(),
    };
    let declared = match member(&case, "languages") {
        Some(Node::Array(items)) => items
            .iter()
            .filter_map(|x| match x {
                Node::Str(s) if well_formed(s) => Some(s.clone()),
                _ => None,
            })
            .collect(),
        _ => Vec::new(),
    };
    (own, declared, version)
}

/// `case.language` and `case.languages`: filled in for an older file; in format 3 both given,
/// every tag well-formed and listed once, the own language among the declared ones.
fn languages(r: &mut Reader, d: &mut Dataset, older: bool, root: &At) {
    let case = root.key("case");
    if older {
        d.case.language = r.own.clone();
        d.case.languages = r.declared.clone();
        return;
    }
    let (language, languages) = (case.key("language"), case.key("languages"));
    if d.case.languages.is_empty() {
        r.fail_as(
            ErrorKind::Language,
            &languages,
            "the dataset's languages, e.g. `[\"en\", \"fr\"]`".into(),
            "nothing".into(),
        );
    }
    for (i, tag) in d.case.languages.iter().enumerate() {
        let at = languages.index(i);
        if !well_formed(tag) {
            r.fail_as(ErrorKind::Language, &at, TAG_EXPECTED.into(), echo(tag));
        } else if d.case.languages[..i]
            .iter()
            .any(|t| t.eq_ignore_ascii_case(tag))
        {
            r.fail_as(
                ErrorKind::Language,
                &at,
                "a language listed once".into(),
                format!("{} again", echo(tag)),
            );
        }
    }
    let own = &d.case.language;
    if !well_formed(own) {
        let found = if own.is_empty() {
            "nothing".to_string()
        } else {
            echo(own)
        };
        r.fail_as(ErrorKind::Language, &language, TAG_EXPECTED.into(), found);
    } else if !d.case.languages.is_empty()
        && !d.case.languages.iter().any(|t| t.eq_ignore_ascii_case(own))
    {
        let declared: Vec<&str> = d.case.languages.iter().map(String::as_str).collect();
        r.fail_as(
            ErrorKind::Language,
            &language,
            format!("one of the declared languages: {}", one_of(&declared)),
            echo(own),
        );
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
    /// The dataset's own language and the languages it declares (`case.language`,
    /// `case.languages`, looked up before reading): a text's entries are checked against them,
    /// the own one put first. No declared list (a malformed `case`): keys are only checked for
    /// their shape.
    own: String,
    declared: Vec<String>,
    /// The first `MAX_STRUCTURE_ERRORS` problems.
    errs: Vec<DatasetError>,
    /// How many problems were found (also beyond the limit).
    failures: usize,
    /// Reading a stand-in: problems are not reported.
    quiet: bool,
}

/// An object's members, by the index of their name in the type's list of fields (as many slots
/// as the type has fields: no fixed upper bound).
pub(super) struct Obj<'n, 'a> {
    at: &'a At<'a>,
    names: &'a [&'static str],
    slots: Vec<Option<&'n Node>>,
    /// Not an object at all (reported): its fields are not reported missing.
    bad: bool,
}

impl Reader {
    fn full(&self) -> bool {
        self.failures >= MAX_STRUCTURE_ERRORS
    }

    pub(super) fn fail(&mut self, at: &At, expected: String, found: String) {
        self.fail_as(ErrorKind::Structure, at, expected, found);
    }

    fn fail_as(&mut self, kind: ErrorKind, at: &At, expected: String, found: String) {
        if self.quiet {
            return;
        }
        if !self.full() {
            self.errs
                .push(DatasetError::new(kind, at.render(), expected, found));
        }
        self.failures += 1;
    }

    /// A language tag used as a key of a text: well-formed and declared by the dataset.
    fn language_key(&mut self, tag: &str, at: &At) {
        if !well_formed(tag) {
            self.fail_as(ErrorKind::Language, at, TAG_EXPECTED.into(), echo(tag));
        } else if !self.declared.is_empty()
            && !self.declared.iter().any(|d| d.eq_ignore_ascii_case(tag))
        {
            let declared: Vec<&str> = self.declared.iter().map(String::as_str).collect();
            self.fail_as(
                ErrorKind::Language,
                at,
                format!("a language of `case.languages`: {}", one_of(&declared)),
                echo(tag),
            );
        }
    }

    /// An object from language tag to a value: each key checked, given once, the dataset's own
    /// language first. `skip` names a member that is not a language (a sentence's `when`).
    fn localized<T>(
        &mut self,
        v: &Node,
        at: &At,
        what: &str,
        skip: &str,
        read: Read<T>,
    ) -> Localized<T> {
        let Node::Object(members) = v else {
            self.wrong_type(v, at, what);
            return Localized::default();
        };
        let mut entries: Vec<(String, T)> = Vec::new();
        for (k, x) in members {
            if self.full() {
                break;
            }
            if k == skip {
                continue;
            }
            let here = at.key(k);
            if entries.iter().any(|(e, _)| e.eq_ignore_ascii_case(k)) {
                self.fail(
                    &here,
                    "a language given once".into(),
                    format!("duplicate field `{k}`"),
                );
                continue;
            }
            self.language_key(k, &here);
            entries.push((k.clone(), read(self, x, &here)));
        }
        let mut out = Localized::new(entries);
        let own = self.own.clone();
        out.own_first(&own);
        out
    }

    pub(super) fn wrong_type(&mut self, v: &Node, at: &At, expected: &str) {
        self.fail(at, expected.to_string(), describe(v));
    }

    /// An object whose member names are among `names`; unknown and repeated names are reported.
    /// (Most readers are declared with `record!` or `tagged!` below, which call this.)
    pub(super) fn object<'n, 'a>(
        &mut self,
        v: &'n Node,
        at: &'a At<'a>,
        what: &str,
        names: &'a [&'static str],
    ) -> Obj<'n, 'a> {
        let mut o = Obj {
            at,
            names,
            slots: vec![None; names.len()],
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

    pub(super) fn missing(&mut self, o: &Obj, i: usize) {
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
    pub(super) fn need<T: Default>(&mut self, o: &Obj, i: usize, v: Option<T>) -> T {
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
    pub(super) fn tag(&mut self, o: &Obj, key: &str, names: &[&str]) -> Option<usize> {
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
    pub(super) fn int(&mut self, v: &Node, at: &At, lo: i64, hi: i64, ty: &str) -> i64 {
        let n = match *v {
            Node::UInt(n) => i64::try_from(n).unwrap_or(i64::MAX),
            Node::Int(n) => n,
            // Beyond ±2^63 the cast saturates, and the range check below refuses it.
            Node::Float(f) if f.fract() == 0.0 => f as i64,
            Node::Float(_)
            | Node::Null
            | Node::Bool(_)
            | Node::Str(_)
            | Node::Array(_)
            | Node::Object(_) => {
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
        Node::Null
        | Node::Bool(_)
        | Node::UInt(_)
        | Node::Int(_)
        | Node::Float(_)
        | Node::Array(_)
        | Node::Object(_) => {
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
        Node::Null | Node::Bool(_) | Node::Str(_) | Node::Array(_) | Node::Object(_) => {
            r.wrong_type(v, at, "a number");
            0.0
        }
    }
}

pub(super) fn uint32(r: &mut Reader, v: &Node, at: &At) -> u32 {
    r.int(
        v,
        at,
        0,
        u32::MAX.into(),
        "a whole number from 0 to 4294967295",
    ) as u32
}

pub(super) fn int32(r: &mut Reader, v: &Node, at: &At) -> i32 {
    r.int(
        v,
        at,
        i32::MIN.into(),
        i32::MAX.into(),
        "a whole number (a year)",
    ) as i32
}

// ------------------------------------------------------------------ declaring readers
//
// A record type is read by one table: its fields in the order of the format, each with how it
// may be given and the reader of its value. Adding a field is one line here (and one in
// `dataset.rs`); the field's slot, its name in errors and its place in the error order follow.
//
//   req(read)      must be given (null is read by `read`, which refuses it unless it takes null)
//   opt(read)      may be left out or null: `Option`
//   given(read)    may be left out but, when given, is not null: `Option`
//   default(read)  as `given`, the type's default when left out
//
// A tagged type (a period, a rule) is one table of variants: each with its tag value and its
// fields. Every field of any variant is read when given (its problems reported in the order the
// fields first appear), a field of another variant is refused, and a field of the variant that
// is left out is reported missing.

/// How a declared field is read (see above).
macro_rules! read_field {
    (req, $r:ident, $o:ident, $j:expr, $read:expr) => {
        $r.req(&$o, $j, $read)
    };
    (opt, $r:ident, $o:ident, $j:expr, $read:expr) => {
        $r.opt(&$o, $j, $read)
    };
    (given, $r:ident, $o:ident, $j:expr, $read:expr) => {
        $r.given(&$o, $j, $read)
    };
    (default, $r:ident, $o:ident, $j:expr, $read:expr) => {
        $r.given(&$o, $j, $read).unwrap_or_default()
    };
}

/// `fn name -> Type "struct Type" { field: mode(reader), … }`: the reader of a record type.
macro_rules! record {
    (
        $vis:vis fn $name:ident -> $ty:ident $what:literal {
            $( $field:ident : $mode:ident ( $read:expr ) ),+ $(,)?
        }
    ) => {
        $vis fn $name(r: &mut Reader, v: &Node, at: &At) -> $ty {
            const NAMES: &[&str] = &[$(stringify!($field)),+];
            let o = r.object(v, at, $what, NAMES);
            // Each field's slot is its place in the list, counted as the fields are read.
            let mut slot = 0..NAMES.len();
            $ty {
                $( $field: read_field!($mode, r, o, slot.next().unwrap_or_default(), $read) ),+
            }
        }
    };
}

/// `fn name -> Type "struct Type", tag "kind" else fallback { Variant = "code" { field: reader,
/// … }, … }`: the reader of a tagged type. Every field of a variant must be given (not null);
/// `fallback` stands in when the tag is missing or unknown (reported).
macro_rules! tagged {
    (
        $vis:vis fn $name:ident -> $ty:ident $what:literal, tag $tag:literal else $fallback:expr;
        $( $variant:ident = $code:literal { $( $field:ident : $read:expr ),* $(,)? } ),+ $(,)?
    ) => {
        $vis fn $name(r: &mut Reader, v: &Node, at: &At) -> $ty {
            #[derive(Clone, Copy)]
            enum Kind {
                $($variant),+
            }
            const KINDS: &[Kind] = &[$(Kind::$variant),+];
            const CODES: &[&str] = &[$($code),+];
            // The tag, then every field name in the order it first appears among the variants.
            let mut names: Vec<&'static str> = vec![$tag];
            $($(
                if !names.contains(&stringify!($field)) {
                    names.push(stringify!($field));
                }
            )*)+
            let slot = |names: &[&str], field: &str| {
                names.iter().position(|n| *n == field).unwrap_or_default()
            };
            let o = r.object(v, at, $what, &names);
            let kind = r.tag(&o, $tag, CODES).and_then(|i| KINDS.get(i).copied());
            // Whether each field was given and readable (problems are reported as they are read).
            let mut readable = vec![false; names.len()];
            let mut seen = vec![false; names.len()];
            $($(
                let j = slot(&names, stringify!($field));
                if !seen[j] {
                    seen[j] = true;
                    let before = r.failures;
                    readable[j] = r.given(&o, j, $read).is_some() && r.failures == before;
                }
            )*)+
            let Some(kind) = kind else {
                return $fallback;
            };
            // Each kind takes exactly its own fields besides the tag.
            let allowed: &[&str] = match kind {
                $( Kind::$variant => &[$tag $(, stringify!($field))*] ),+
            };
            for (i, name) in names.iter().enumerate() {
                if readable[i] && !allowed.contains(name) {
                    r.fail(
                        &o.at.key(name),
                        one_of(allowed),
                        format!("unknown field `{name}`"),
                    );
                }
            }
            // The variant's fields, read again without a word (their problems are reported
            // above); one left out is reported missing.
            match kind {
                $( Kind::$variant => $ty::$variant {
                    $( $field: {
                        let j = slot(&names, stringify!($field));
                        let quiet = std::mem::replace(&mut r.quiet, true);
                        let value = r.given(&o, j, $read);
                        r.quiet = quiet;
                        r.need(&o, j, value)
                    } ),*
                } ),+
            }
        }
    };
}

// ------------------------------------------------------------------ the dataset types

/// A text: an object from language tag to string.
pub(super) fn text(r: &mut Reader, v: &Node, at: &At) -> Text {
    r.localized(v, at, "struct Text", "", string)
}

record! {
    fn dataset -> Dataset "struct Dataset" {
        format_version: req(uint32),
        case: req(case_info),
        paragraphs: req(|r, v, at| r.list(v, at, paragraph)),
        channels: req(|r, v, at| r.list(v, at, channel)),
        figures: req(|r, v, at| r.list(v, at, figure)),
        units: default(|r, v, at| r.list(v, at, unit_declaration)),
        measures: default(|r, v, at| r.list(v, at, measure)),
        derived: default(|r, v, at| r.list(v, at, derived_metric)),
        relations: default(|r, v, at| r.list(v, at, relation)),
        presentation: opt(presentation),
    }
}

record! {
    fn unit_declaration -> UnitDeclaration "struct UnitDeclaration" {
        code: req(string),
        dimension: req(string),
        factor: req(float),
        symbol: req(text),
        per: opt(text),
    }
}

record! {
    fn case_info -> CaseInfo "struct CaseInfo" {
        id: req(string),
        language: default(string),
        languages: default(strings),
        title: req(text),
        place: req(text),
        citation: req(text),
    }
}

record! {
    fn paragraph -> Paragraph "struct Paragraph" {
        n: req(uint32),
        title: req(text),
        summary: req(text),
    }
}

record! {
    fn channel -> Channel "struct Channel" {
        id: req(string),
        label: req(text),
        summary: req(text),
        paragraph: req(uint32),
    }
}

tagged! {
    pub(super) fn period -> Period "struct Period", tag "type" else Period::Undated;
    Year = "year" { year: int32 },
    Range = "range" { from: int32, to: int32 },
    Since = "since" { year: int32 },
    RecentYears = "recent_years" {},
    Present = "present" {},
    Undated = "undated" {},
}

record! {
    fn source_ref -> SourceRef "struct SourceRef" {
        paragraph: opt(uint32),
        note: req(text),
        quote: opt(string),
        external: opt(string),
    }
}

record! {
    fn figure -> Figure "struct Figure" {
        id: req(string),
        label: req(text),
        value: req(float),
        scale: req(scale),
        unit: req(string),
        qualifier: default(qualifier),
        about_pct: opt(float),
        period: req(period),
        channel: opt(string),
        kind: req(figure_kind),
        source: req(source_ref),
        repeats: opt(string),
        concept: opt(string),
    }
}

record! {
    fn measure -> Measure "struct Measure" {
        id: req(string),
        category: req(string),
        label: req(text),
        description: req(text),
        paragraph: req(uint32),
        channel: opt(string),
    }
}

record! {
    fn derived_metric -> DerivedMetric "struct DerivedMetric" {
        id: req(string),
        label: req(text),
        operation: req(operation),
        inputs: req(strings),
        unit: req(string),
        formula: req(text),
        symbols: req(string),
        channel: opt(string),
        note: opt(text),
        concept: opt(string),
    }
}

tagged! {
    fn rule -> Rule "struct Rule", tag "kind" else Rule::Equal {
        a: String::new(),
        b: String::new(),
    };
    SumEquals = "sum_equals" { parts: strings, total: string },
    FitsWithin = "fits_within" { inner: string, outer: string },
    PartOf = "part_of" { part: string, whole: string },
    RatioMatches = "ratio_matches" { numerator: string, denominator: string, expected: string },
    Equal = "equal" { a: string, b: string },
    ReferenceRange = "reference_range" { subject: string, reference: reference },
    Tension = "tension" { numerator: string, denominator: string, meaning: text },
}

record! {
    fn reference -> Reference "struct Reference" {
        low: req(float),
        high: req(float),
        unit: req(string),
        period: opt(period),
        source: req(reference_source),
        note: req(text),
    }
}

record! {
    fn reference_source -> ReferenceSource "struct ReferenceSource" {
        name: req(string),
        publisher: req(string),
        year: req(int32),
        locator: req(string),
        published: req(string),
        url: opt(string),
    }
}

record! {
    fn relation -> Relation "struct Relation" {
        id: req(string),
        label: req(text),
        rule: req(rule),
        tolerance_pct: opt(float),
        note: opt(text),
    }
}

// ------------------------------------------------------------------ the presentation and its scenarios

record! {
    pub(super) fn presentation -> Presentation "struct Presentation" {
        title: given(text),
        intro: given(text),
        headlines: given(strings),
        charts: given(|r, v, at| r.list(v, at, chart)),
        narrative: given(|r, v, at| r.list(v, at, sentence)),
        scenarios: default(|r, v, at| r.list(v, at, scenario)),
        footer: given(|r, v, at| r.list(v, at, text)),
    }
}

/// Readers of the closed sets the format names by code (each a `code_table!`): an unknown code
/// is an error at its path, and the first member stands in for it so reading goes on.
macro_rules! code_readers {
    ($($name:ident: $ty:ident),+ $(,)?) => {$(
        fn $name(r: &mut Reader, v: &Node, at: &At) -> $ty {
            $ty::ALL[r.variant(v, at, &$ty::CODES).unwrap_or(0)]
        }
    )+};
}

code_readers! {
    scale: Scale,
    qualifier: Qualifier,
    figure_kind: FigureKind,
    operation: Operation,
    chart_kind: ChartKind,
    status: Status,
}

record! {
    fn chart -> Chart "struct Chart" {
        id: req(string),
        title: req(text),
        kind: default(chart_kind),
        panels: req(|r, v, at| r.list(v, at, strings)),
        note: given(text),
        sentences: default(|r, v, at| r.list(v, at, sentence)),
    }
}

/// A sentence: language entries beside an optional `when`.
pub(super) fn sentence(r: &mut Reader, v: &Node, at: &At) -> Sentence {
    let text = r.localized(v, at, "struct Sentence", "when", string);
    let when = match v {
        Node::Object(members) => members
            .iter()
            .find(|(k, _)| k == "when")
            .map(|(_, w)| condition(r, w, &at.key("when"))),
        _ => None,
    };
    Sentence { text, when }
}

record! {
    fn condition -> Condition "struct Condition" {
        relation: req(string),
        status: req(|r, v, at| r.list(v, at, status)),
    }
}

record! {
    pub(super) fn scenario -> ScenarioSpec "struct ScenarioSpec" {
        id: req(string),
        title: req(text),
        intro: opt(text),
        inputs: req(|r, v, at| r.list(v, at, input)),
        outputs: req(strings),
        assumptions: default(|r, v, at| r.list(v, at, sentence)),
    }
}

record! {
    fn input -> ScenarioInput "struct ScenarioInput" {
        id: req(string),
        figure: req(string),
        label: req(text),
        max: req(float),
        whole: default(boolean),
        readings: default(|r, v, at| r.list(v, at, reading)),
    }
}

record! {
    fn reading -> Reading "struct Reading" {
        unit: req(string),
        label: req(text),
    }
}

fn boolean(r: &mut Reader, v: &Node, at: &At) -> bool {
    match v {
        Node::Bool(b) => *b,
        _ => {
            r.wrong_type(v, at, "a boolean");
            false
        }
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
        assert_eq!(Scale::ALL.len(), 8);
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
                    note: Text::en_zh(s("e"), s("z")),
                },
            },
            Rule::Tension {
                numerator: s("a"),
                denominator: s("b"),
                meaning: Text::en_zh(s("e"), s("z")),
            },
        ];
        let root = At {
            up: None,
            seg: Seg::Root,
        };
        let mut r = Reader {
            own: "en".into(),
            declared: vec!["en".into(), "zh".into()],
            errs: Vec::new(),
            failures: 0,
            quiet: false,
        };
        for p in periods {
            let node: Node = serde_json::from_value(serde_json::to_value(&p).unwrap()).unwrap();
            assert_eq!(period(&mut r, &node, &root), p);
            // Alone (a draft's stored change) too.
            let json = serde_json::to_string(&p).unwrap();
            assert_eq!(serde_json::from_str::<Period>(&json).unwrap(), p);
        }
        // Alone, the first problem is the error.
        for (bad, says) in [
            (r#"{"type":"year"}"#, "field `year`"),
            (
                r#"{"type":"year","year":2014,"to":2017}"#,
                "unknown field `to`",
            ),
            (
                r#"{"type":"decade","year":2010}"#,
                "unknown variant `decade`",
            ),
            (r#""2014""#, "struct Period"),
        ] {
            let e = serde_json::from_str::<Period>(bad).unwrap_err().to_string();
            assert!(e.contains(says), "{bad}: {e}");
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
            // A text need not hold every language: `title` has only `en`.
            (
                "case.place.en",
                "a language given once",
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
            own: "en".into(),
            declared: vec!["en".into(), "zh".into()],
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

    /// A record of any width: no fixed number of slots (the old reader stopped at 16 fields).
    #[derive(Debug, Default, PartialEq)]
    struct Wide {
        f00: u32,
        f01: u32,
        f02: u32,
        f03: u32,
        f04: u32,
        f05: u32,
        f06: u32,
        f07: u32,
        f08: u32,
        f09: u32,
        f10: u32,
        f11: u32,
        f12: u32,
        f13: u32,
        f14: u32,
        f15: u32,
        f16: u32,
        f17: Option<u32>,
        f18: Option<String>,
        f19: Vec<String>,
    }

    record! {
        fn wide -> Wide "struct Wide" {
            f00: req(uint32), f01: req(uint32), f02: req(uint32), f03: req(uint32),
            f04: req(uint32), f05: req(uint32), f06: req(uint32), f07: req(uint32),
            f08: req(uint32), f09: req(uint32), f10: req(uint32), f11: req(uint32),
            f12: req(uint32), f13: req(uint32), f14: req(uint32), f15: req(uint32),
            f16: req(uint32), f17: opt(uint32), f18: given(string), f19: default(strings),
        }
    }

    #[test]
    fn a_record_of_twenty_fields_reads_every_one_by_name() {
        let root = At {
            up: None,
            seg: Seg::Root,
        };
        let mut r = Reader {
            own: "en".into(),
            declared: vec!["en".into(), "zh".into()],
            errs: Vec::new(),
            failures: 0,
            quiet: false,
        };
        let mut members: Vec<String> = (0..17).map(|i| format!("\"f{i:02}\": {i}")).collect();
        members.push("\"f18\": \"x\"".into());
        let node: Node = serde_json::from_str(&format!("{{{}}}", members.join(","))).unwrap();
        let w = wide(&mut r, &node, &root);
        assert!(r.errs.is_empty(), "{:?}", r.errs);
        assert_eq!((w.f00, w.f09, w.f16), (0, 9, 16));
        assert_eq!((w.f17, w.f18.as_deref(), w.f19.len()), (None, Some("x"), 0));
        // The 17th field missing and a 21st unknown: both named, in the order of the text and
        // then of the fields.
        let node: Node = serde_json::from_str(r#"{"f21": 1, "f00": 0}"#).unwrap();
        wide(&mut r, &node, &root);
        let found: Vec<(String, String)> = r
            .errs
            .iter()
            .map(|e| (e.path.clone(), e.found.clone()))
            .collect();
        assert_eq!(found[0], ("f21".into(), "unknown field `f21`".into()));
        assert_eq!(found[1], ("f01".into(), "nothing".into()));
        assert_eq!(found[16], ("f16".into(), "nothing".into()));
        assert_eq!(found.len(), 17);
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
