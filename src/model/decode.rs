//! From JSON text to a `Dataset`: serde_json parses the text into a plain tree (`Node`, syntax
//! errors with their line and column), then `Dataset::read` reads the tree with the readers that
//! `record!` and `tagged!` declare beside the types in `dataset.rs` (the machinery is
//! `json_read.rs`). Here: the languages a dataset declares, looked up first (every text is
//! checked against them) and checked last, and serde's `Deserialize` for a dataset and a period
//! on top of the same reading.
//!
//! Beyond what each type's declaration says, the rules of the format (`data/schema.json`):
//! `{"million": null}` is refused for `"million"`, a list of field values in place of an object
//! (`["en text", "zh text"]` for a text) is refused, and every problem is reported, up to
//! `MAX_STRUCTURE_ERRORS`, not only the first.

use super::dataset::{Dataset, DerivedMetric, Figure, Period, Relation, FORMAT_VERSION};
use super::error::{DatasetError, ErrorKind};
use super::json_read::{one_of, At, Node, Reader, TAG_EXPECTED};
use super::language_tag::well_formed;
use super::limits::echo;
use serde::de::{Deserialize, Deserializer};

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
        let mut r = Reader::new(String::new(), Vec::new());
        let p = Period::read(&mut r, &node, &At::root());
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
    let mut r = Reader::new(own, declared);
    let root = At::root();
    let mut d = Dataset::read(&mut r, node, &root);
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

/// `decode` in slices: the three lists that grow with a dataset (`figures`, `derived`,
/// `relations`) are read an element at a time, with a tick of the pace after each, once the rest
/// is read; each element is dropped once read. `None` when anything is wrong: the caller reads
/// the text again with `decode`, so the list of problems is the same, in the same order, as when
/// read in one go.
pub(super) async fn decode_paced(
    mut node: Node,
    pace: &mut super::pace::Pace<'_>,
) -> Option<Dataset> {
    let (own, declared, version) = peek_languages(&node);
    // Set aside (with how an element joins its list) until the rest is read.
    let mut aside: Vec<(&'static str, Join, Vec<Node>)> = Vec::new();
    if let Node::Object(members) = &mut node {
        for (k, v) in members.iter_mut() {
            let long = LONG.iter().find(|(name, _)| name == k);
            if let (Some(&(name, join)), Node::Array(items)) = (long, v) {
                aside.push((name, join, std::mem::take(items)));
            }
        }
    }
    let mut r = Reader::new(own, declared);
    let root = At::root();
    let mut d = Dataset::read(&mut r, &node, &root);
    drop(node);
    pace.step().await;
    for (name, join, items) in aside {
        let at = root.key(name);
        for (j, x) in items.into_iter().enumerate() {
            join(&mut r, &x, &at.index(j), &mut d);
            pace.tick().await;
        }
    }
    match version {
        Version::Older => languages(&mut r, &mut d, true, &root),
        Version::Current => languages(&mut r, &mut d, false, &root),
        Version::Other => {}
    }
    (r.failures == 0).then_some(d)
}

/// How an element of a long list is read into the dataset.
type Join = fn(&mut Reader, &Node, &At, &mut Dataset);

/// The lists that grow with a dataset, read an element at a time by `decode_paced`.
const LONG: [(&str, Join); 3] = [
    ("figures", |r, x, at, d| {
        d.figures.push(Figure::read(r, x, at))
    }),
    ("derived", |r, x, at, d| {
        d.derived.push(DerivedMetric::read(r, x, at))
    }),
    ("relations", |r, x, at, d| {
        d.relations.push(Relation::read(r, x, at))
    }),
];

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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::dataset::{
        FigureKind, Operation, Qualifier, Reference, ReferenceSource, Rule, Scale, Text,
    };
    use crate::model::json_read::{float, int32, uint32, MAX_STRUCTURE_ERRORS};

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
        let root = At::root();
        let mut r = Reader::new("en".into(), vec!["en".into(), "zh".into()]);
        for p in periods {
            let node: Node = serde_json::from_value(serde_json::to_value(&p).unwrap()).unwrap();
            assert_eq!(Period::read(&mut r, &node, &root), p);
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
            assert_eq!(Rule::read(&mut r, &node, &root), x);
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
        let root = At::root();
        let mut r = Reader::new("en".into(), vec!["en".into(), "zh".into()]);
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
