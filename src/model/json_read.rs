//! Reading a JSON tree into typed values, every problem collected with its path. serde_json
//! parses the text into a plain tree (`Node`: syntax errors keep their line and column), and the
//! readers here read the tree: plain code, generic only in a few tiny helpers, on purpose: serde's
//! derived `Deserialize` for the dataset's types was instantiated once per type and per
//! container, one of the largest parts of the wasm. (A `serde_json::Value` tree costs more than
//! `Node`, with either of its maps, and loses repeated names.)
//!
//! A type is declared once, with `record!` (a struct) or `tagged!` (an enum told by a tag
//! field): each field's name, type, serde attributes and how it may be given, in one line. The
//! macro writes the type (with serde's `Serialize`, the writer, and schemars' `JsonSchema`, the
//! schema) and its reader, `Type::read`. The dataset's types are declared so in `dataset.rs`;
//! `decode.rs` reads a whole dataset with them. This module knows no dataset type.
//!
//! The rules are those of the format (`data/schema.json`), as serde's derived code applied them:
//! unknown fields are refused, and so is a field given twice; integers must fit their type; a
//! tagged type takes exactly the fields of its variant. Every problem is reported with its exact
//! JSON path (`figures[3].unit` also for a missing field, `relations[0].rule.parts[1]`), and all
//! of them are collected, up to `MAX_STRUCTURE_ERRORS`: within an object, unknown and repeated
//! names in the order of the text, then each field in the order of its declaration.

use super::error::{DatasetError, ErrorKind};
use super::language_tag::well_formed;
use super::limits::echo;
use super::text::{Localized, Text};
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

/// What a reader expects of a language tag.
pub(super) const TAG_EXPECTED: &str =
    "a well-formed BCP 47 language tag (RFC 5646), such as `en`, `zh-Hans` or `fr-CA`";

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
    /// The document itself.
    pub(super) fn root() -> At<'static> {
        At {
            up: None,
            seg: Seg::Root,
        }
    }

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
pub(super) fn one_of(names: &[&str]) -> String {
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
    pub(super) own: String,
    pub(super) declared: Vec<String>,
    /// The first `MAX_STRUCTURE_ERRORS` problems.
    pub(super) errs: Vec<DatasetError>,
    /// How many problems were found (also beyond the limit).
    pub(super) failures: usize,
    /// Reading a stand-in: problems are not reported.
    pub(super) quiet: bool,
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
    /// A reader of a document whose own language and declared languages are these (empty: a
    /// text's keys are only checked for their shape).
    pub(super) fn new(own: String, declared: Vec<String>) -> Reader {
        Reader {
            own,
            declared,
            errs: Vec::new(),
            failures: 0,
            quiet: false,
        }
    }

    fn full(&self) -> bool {
        self.failures >= MAX_STRUCTURE_ERRORS
    }

    pub(super) fn fail(&mut self, at: &At, expected: String, found: String) {
        self.fail_as(ErrorKind::Structure, at, expected, found);
    }

    pub(super) fn fail_as(&mut self, kind: ErrorKind, at: &At, expected: String, found: String) {
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
    pub(super) fn localized<T>(
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

    /// A field of another variant, given in an object of this one.
    pub(super) fn unknown(&mut self, o: &Obj, name: &str, allowed: &[&str]) {
        self.fail(
            &o.at.key(name),
            one_of(allowed),
            format!("unknown field `{name}`"),
        );
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

/// A text: an object from language tag to string.
pub(super) fn text(r: &mut Reader, v: &Node, at: &At) -> Text {
    r.localized(v, at, "struct Text", "", string)
}

pub(super) fn boolean(r: &mut Reader, v: &Node, at: &At) -> bool {
    match v {
        Node::Bool(b) => *b,
        _ => {
            r.wrong_type(v, at, "a boolean");
            false
        }
    }
}

// ------------------------------------------------------------------ declaring types and readers
//
// A record type is one table: its fields in the order of the format, each with its type, its
// serde attributes and how it may be given. Adding a field is one line; its slot, its name in
// errors, its place in the error order, its JSON (serde) and its schema (schemars) follow.
//
//   req(read)      must be given (null is read by `read`, which refuses it unless it takes null)
//   opt(read)      may be left out or null: `Option` (serde: `default`)
//   given(read)    may be left out but, when given, is not null: `Option` (serde: `default`)
//   default(read)  as `given`, the type's default when left out (serde: `default`)
//
// A tagged type (a period, a rule) is one table of variants: each with its tag value and its
// fields. Every field of any variant is read when given (its problems reported in the order the
// fields first appear), a field of another variant is refused, and a field of the variant that
// is left out is reported missing. Every field of a variant must be given (not null).

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
pub(super) use read_field;

/// A struct and its reader, `Type::read`:
/// `record! { /// docs  pub struct Type { /// docs  #[serde(…)] pub field: T = mode(reader), … } }`.
/// The struct derives `Debug`, `Clone`, `PartialEq`, `Serialize` and (natively) `JsonSchema`,
/// and refuses unknown fields; more derives may be given as attributes. `Type::FIELDS` lists
/// each field with its mode, for the test that holds the schema to them.
macro_rules! record {
    (
        $(#[$meta:meta])*
        $vis:vis struct $ty:ident {
            $( $(#[$fmeta:meta])* $fvis:vis $field:ident : $fty:ty = $mode:ident ( $read:expr ) ),+ $(,)?
        }
    ) => {
        $(#[$meta])*
        #[derive(Debug, Clone, PartialEq, serde::Serialize)]
        #[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
        #[serde(deny_unknown_fields)]
        $vis struct $ty {
            $( $(#[$fmeta])* $fvis $field: $fty ),+
        }

        #[allow(dead_code)]
        impl $ty {
            /// Each field's name and how it may be given (`req`, `opt`, `given`, `default`).
            pub const FIELDS: &'static [(&'static str, &'static str)] =
                &[$((stringify!($field), stringify!($mode))),+];

            pub(super) fn read(
                r: &mut $crate::model::json_read::Reader,
                v: &$crate::model::json_read::Node,
                at: &$crate::model::json_read::At,
            ) -> $ty {
                const NAMES: &[&str] = &[$(stringify!($field)),+];
                let o = r.object(v, at, concat!("struct ", stringify!($ty)), NAMES);
                // Each field's slot is its place in the list, counted as the fields are read.
                let mut slot = 0..NAMES.len();
                $ty {
                    $( $field: $crate::model::json_read::read_field!(
                        $mode, r, o, slot.next().unwrap_or_default(), $read
                    ) ),+
                }
            }
        }
    };
}
pub(super) use record;

/// An enum told by a tag field, and its reader, `Type::read`:
/// `tagged! { /// docs  pub enum Type tag "kind", else (fallback) { /// docs  Variant = "code"
/// { field: T = reader, … }, Unit = "code", … } }`. `fallback` stands in when the tag is missing
/// or unknown (reported). The enum derives as a record does, tagged by `tag` in JSON.
macro_rules! tagged {
    (
        $(#[$meta:meta])*
        $vis:vis enum $ty:ident tag $tag:literal, else ($fallback:expr) {
            $(
                $(#[$vmeta:meta])*
                $variant:ident = $code:literal $( {
                    $( $(#[$fmeta:meta])* $field:ident : $fty:ty = $read:expr ),* $(,)?
                } )?
            ),+ $(,)?
        }
    ) => {
        $(#[$meta])*
        #[derive(Debug, Clone, PartialEq, serde::Serialize)]
        #[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
        #[serde(tag = $tag, deny_unknown_fields)]
        $vis enum $ty {
            $(
                $(#[$vmeta])*
                #[serde(rename = $code)]
                $variant $( { $( $(#[$fmeta])* $field: $fty ),* } )?
            ),+
        }

        impl $ty {
            pub(super) fn read(
                r: &mut $crate::model::json_read::Reader,
                v: &$crate::model::json_read::Node,
                at: &$crate::model::json_read::At,
            ) -> $ty {
                #[derive(Clone, Copy)]
                enum Kind {
                    $($variant),+
                }
                const KINDS: &[Kind] = &[$(Kind::$variant),+];
                const CODES: &[&str] = &[$($code),+];
                // The tag, then every field name in the order it first appears among the variants.
                let mut names: Vec<&'static str> = vec![$tag];
                $($($(
                    if !names.contains(&stringify!($field)) {
                        names.push(stringify!($field));
                    }
                )*)?)+
                let slot = |names: &[&str], field: &str| {
                    names.iter().position(|n| *n == field).unwrap_or_default()
                };
                let o = r.object(v, at, concat!("struct ", stringify!($ty)), &names);
                let kind = r.tag(&o, $tag, CODES).and_then(|i| KINDS.get(i).copied());
                // Whether each field was given and readable (problems are reported as they are
                // read).
                let mut readable = vec![false; names.len()];
                let mut seen = vec![false; names.len()];
                $($($(
                    let j = slot(&names, stringify!($field));
                    if !seen[j] {
                        seen[j] = true;
                        let before = r.failures;
                        readable[j] = r.given(&o, j, $read).is_some() && r.failures == before;
                    }
                )*)?)+
                let Some(kind) = kind else {
                    return $fallback;
                };
                // Each kind takes exactly its own fields besides the tag.
                let allowed: &[&str] = match kind {
                    $( Kind::$variant => &[$tag $($(, stringify!($field))*)?] ),+
                };
                for (i, name) in names.iter().enumerate() {
                    if readable[i] && !allowed.contains(name) {
                        r.unknown(&o, name, allowed);
                    }
                }
                // The variant's fields, read again without a word (their problems are reported
                // above); one left out is reported missing.
                match kind {
                    $( Kind::$variant => $ty::$variant $( {
                        $( $field: {
                            let j = slot(&names, stringify!($field));
                            let quiet = std::mem::replace(&mut r.quiet, true);
                            let value = r.given(&o, j, $read);
                            r.quiet = quiet;
                            r.need(&o, j, value)
                        } ),*
                    } )? ),+
                }
            }
        }
    };
}
pub(super) use tagged;

/// The reader of closed sets the format names by code (each a `code_table!`): an unknown code is
/// an error at its path, and the first member stands in for it so reading goes on.
macro_rules! code_readers {
    ($($name:ident: $ty:ident),+ $(,)?) => {$(
        pub(super) fn $name(
            r: &mut $crate::model::json_read::Reader,
            v: &$crate::model::json_read::Node,
            at: &$crate::model::json_read::At,
        ) -> $ty {
            $ty::ALL[r.variant(v, at, &$ty::CODES).unwrap_or(0)]
        }
    )+};
}
pub(super) use code_readers;

#[cfg(test)]
mod tests {
    use super::*;

    // A record of any width: no fixed number of slots (the old reader stopped at 16 fields).
    record! {
        #[derive(Default)]
        struct Wide {
            f00: u32 = req(uint32), f01: u32 = req(uint32), f02: u32 = req(uint32),
            f03: u32 = req(uint32), f04: u32 = req(uint32), f05: u32 = req(uint32),
            f06: u32 = req(uint32), f07: u32 = req(uint32), f08: u32 = req(uint32),
            f09: u32 = req(uint32), f10: u32 = req(uint32), f11: u32 = req(uint32),
            f12: u32 = req(uint32), f13: u32 = req(uint32), f14: u32 = req(uint32),
            f15: u32 = req(uint32), f16: u32 = req(uint32), f17: Option<u32> = opt(uint32),
            f18: Option<String> = given(string), f19: Vec<String> = default(strings),
        }
    }

    #[test]
    fn a_record_of_twenty_fields_reads_every_one_by_name() {
        let root = At::root();
        let mut r = Reader::new("en".into(), vec!["en".into(), "zh".into()]);
        let mut members: Vec<String> = (0..17).map(|i| format!("\"f{i:02}\": {i}")).collect();
        members.push("\"f18\": \"x\"".into());
        let node: Node = serde_json::from_str(&format!("{{{}}}", members.join(","))).unwrap();
        let w = Wide::read(&mut r, &node, &root);
        assert!(r.errs.is_empty(), "{:?}", r.errs);
        assert_eq!((w.f00, w.f09, w.f16), (0, 9, 16));
        assert_eq!((w.f17, w.f18.as_deref(), w.f19.len()), (None, Some("x"), 0));
        // The 17th field missing and a 21st unknown: both named, in the order of the text and
        // then of the fields.
        let node: Node = serde_json::from_str(r#"{"f21": 1, "f00": 0}"#).unwrap();
        Wide::read(&mut r, &node, &root);
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
}
