#![cfg(not(target_arch = "wasm32"))]
//! Property tests at scale ("fuzzing") of everything a stranger's input reaches: the dataset
//! parser and validator, the computations and chart specs a loaded dataset feeds, the URL state
//! parser and the stored-record reader. Seeds are the corpus files (`tests/corpus/`, valid and
//! malformed) and the embedded dataset; they are mutated byte-wise, text-wise and value-wise.
//! Nothing may panic; refusals must be well-formed; what loads must survive export and reload.
//!
//! The normal test run is small. A bounded long run, one number of cases per property:
//!
//! ```sh
//! FUZZ_CASES=100000 cargo test --release --test fuzz
//! ```
//!
//! A failure is shrunk and its seed saved in `tests/fuzz.proptest-regressions`, which is
//! replayed first on every later run (commit it with the fix).

use case_explorer::charts::layout::layout;
use case_explorer::charts::spec::all_charts;
use case_explorer::components::filtered_ids;
use case_explorer::input::text_from_bytes;
use case_explorer::model::display::{show, NumberStyle, UnitChoice};
use case_explorer::model::units::vocabulary_units;
use case_explorer::model::{
    narrative, scenario, Currency, DatasetError, Family, Lang, Model, Unit, EMBEDDED_JSON,
};
use case_explorer::numfmt;
use case_explorer::state::{SortKey, View, ViewState};
use case_explorer::storage::{self, Record};
use proptest::prelude::*;
use proptest::test_runner::Config;
use serde_json::{json, Value};
use std::path::Path;
use std::sync::OnceLock;

fn config() -> Config {
    let cases = std::env::var("FUZZ_CASES")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(64);
    Config {
        cases,
        max_shrink_iters: 4096,
        ..Config::default()
    }
}

/// Every corpus file (bytes), the valid ones and the embedded dataset: the seeds.
fn seeds() -> &'static Vec<Vec<u8>> {
    static SEEDS: OnceLock<Vec<Vec<u8>>> = OnceLock::new();
    SEEDS.get_or_init(|| {
        let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/corpus");
        let mut out = vec![EMBEDDED_JSON.as_bytes().to_vec()];
        for dir in [root.join("valid"), root] {
            let mut paths: Vec<_> = std::fs::read_dir(dir)
                .expect("corpus")
                .filter_map(|e| e.ok().map(|e| e.path()))
                .filter(|p| p.is_file() && p.extension().is_some_and(|x| x == "json"))
                .filter(|p| p.file_name().is_some_and(|n| n != "expected.json"))
                .collect();
            paths.sort();
            out.extend(paths.iter().map(|p| std::fs::read(p).expect("read")));
        }
        out
    })
}

/// The seeds that are valid datasets, as JSON values.
fn valid_values() -> &'static Vec<Value> {
    static VALUES: OnceLock<Vec<Value>> = OnceLock::new();
    VALUES.get_or_init(|| {
        seeds()
            .iter()
            .filter_map(|b| std::str::from_utf8(b).ok())
            .filter(|t| Model::from_json(t).is_ok())
            .filter_map(|t| serde_json::from_str(t).ok())
            .collect()
    })
}

fn well_formed(errors: &[DatasetError]) -> Result<(), TestCaseError> {
    prop_assert!(!errors.is_empty());
    for e in errors {
        prop_assert!(
            !e.path.is_empty() && !e.expected.is_empty() && !e.found.is_empty(),
            "{e}"
        );
        prop_assert!(!e.kind.code().is_empty());
    }
    Ok(())
}

/// Everything the app does with a dataset it accepted: it must not panic either, and an export
/// must load back as the same model.
fn use_model(m: &Model) -> Result<(), TestCaseError> {
    let exported = serde_json::to_string_pretty(&m.dataset).expect("serializable");
    let back = Model::from_json(&exported);
    prop_assert!(
        back.is_ok(),
        "an export of an accepted dataset is refused: {:?}",
        back.err()
    );
    // The export is written in the current format: an older file comes back unmigrated.
    let back = back.unwrap();
    prop_assert_eq!(back.migrated_from, None);
    let mut was = m.clone();
    was.migrated_from = None;
    prop_assert_eq!(&back, &was);
    for lang in [Lang::En, Lang::Zh] {
        for (area, currency) in [("ha", "CNY"), ("km2", "USD")] {
            let mut units = UnitChoice::default();
            units.set(Family::Area, Some(area));
            units.currency = Currency::parse(currency);
            for style in [NumberStyle::Full, NumberStyle::Compact] {
                for chart in all_charts(m, units, style, lang, None) {
                    let l = layout(&chart, 360.0);
                    let _ = l.hit(10.0, 10.0);
                }
            }
            for q in &m.quantities {
                let s = show(m, q, units, lang);
                let _ = numfmt::shown(&s, lang, NumberStyle::Compact);
                let _ = m.status_of(&q.id);
                let _ = m.paragraph_of(&q.id);
            }
        }
        let _ = narrative::overview(m, lang);
    }
    for c in &m.dataset.channels {
        let _ = all_charts(
            m,
            UnitChoice::default(),
            NumberStyle::Full,
            Lang::En,
            Some(&c.id),
        );
    }
    for s in scenario::scenarios(m) {
        let _ = scenario::run(m, s, |_| None);
    }
    for sort in SortKey::ALL {
        let v = ViewState {
            view: View::Table,
            sort,
            descending: true,
            ..Default::default()
        };
        let _ = filtered_ids(m, &v);
    }
    Ok(())
}

fn check_text(text: &str) -> Result<(), TestCaseError> {
    match Model::from_json(text) {
        Ok(m) => use_model(&m),
        Err(e) => well_formed(&e),
    }
}

fn check_bytes(bytes: Vec<u8>) -> Result<(), TestCaseError> {
    match text_from_bytes(bytes) {
        Ok(text) => check_text(&text),
        Err(e) => well_formed(&[e]),
    }
}

#[derive(Debug, Clone)]
enum ByteEdit {
    Flip(usize, u8),
    Insert(usize, Vec<u8>),
    Delete(usize, usize),
    Duplicate(usize, usize),
    Splice(usize, usize, usize),
    Truncate(usize),
}

/// Tokens that make JSON interesting: structure, escapes, numbers at the edges, scripts.
const TOKENS: &[&str] = &[
    "{",
    "}",
    "[",
    "]",
    ",",
    ":",
    "\"",
    "\\",
    "\\u",
    "\\ud800",
    "\\u0000",
    "null",
    "true",
    "-0",
    "1e308",
    "1e999",
    "-1e-400",
    "NaN",
    "Infinity",
    "0.1e",
    "00",
    "\n",
    "\t",
    "\u{202e}",
    "🌵",
    "科尔沁",
    "\u{feff}",
    "\"id\":",
    "\"unit\":\"furlong\"",
    "\"value\":",
    "\"inputs\":[",
    "\"kind\":\"sum_equals\"",
    "[[[[[[[[[[[[[[[[",
];

fn byte_edit() -> impl Strategy<Value = ByteEdit> {
    let at = any::<usize>();
    prop_oneof![
        (at, any::<u8>()).prop_map(|(i, b)| ByteEdit::Flip(i, b)),
        (at, prop::sample::select(TOKENS))
            .prop_map(|(i, t)| ByteEdit::Insert(i, t.as_bytes().to_vec())),
        (at, prop::collection::vec(any::<u8>(), 1..8)).prop_map(|(i, b)| ByteEdit::Insert(i, b)),
        (at, 1usize..64).prop_map(|(i, n)| ByteEdit::Delete(i, n)),
        (at, 1usize..256).prop_map(|(i, n)| ByteEdit::Duplicate(i, n)),
        (at, any::<usize>(), 1usize..512).prop_map(|(i, s, n)| ByteEdit::Splice(i, s, n)),
        at.prop_map(ByteEdit::Truncate),
    ]
}

fn apply(bytes: &mut Vec<u8>, edit: &ByteEdit, other: &[u8]) {
    let len = bytes.len();
    let pos = |i: usize| if len == 0 { 0 } else { i % (len + 1) };
    match edit {
        ByteEdit::Flip(i, b) if len > 0 => bytes[i % len] = *b,
        ByteEdit::Flip(..) => {}
        ByteEdit::Insert(i, b) => {
            let p = pos(*i);
            bytes.splice(p..p, b.iter().copied());
        }
        ByteEdit::Delete(i, n) => {
            let p = pos(*i);
            let end = (p + n).min(len);
            bytes.drain(p..end);
        }
        ByteEdit::Duplicate(i, n) => {
            let p = pos(*i);
            let end = (p + n).min(len);
            let chunk = bytes[p..end].to_vec();
            bytes.splice(p..p, chunk);
        }
        ByteEdit::Splice(i, s, n) if !other.is_empty() => {
            let p = pos(*i);
            let s = s % other.len();
            let end = (s + n).min(other.len());
            bytes.splice(p..p, other[s..end].iter().copied());
        }
        ByteEdit::Splice(..) => {}
        ByteEdit::Truncate(i) => bytes.truncate(pos(*i)),
    }
}

/// A JSON value of any shape, with the dataset's own words among its strings and keys.
fn json_value() -> impl Strategy<Value = Value> {
    let words = prop::sample::select(vec![
        "ha",
        "mu",
        "km2",
        "cny",
        "usd",
        "percent",
        "percentage_point",
        "person",
        "year",
        "furlong",
        "exact",
        "about",
        "more_than",
        "less_than",
        "one",
        "million",
        "yi",
        "present",
        "range",
        "since",
        "year",
        "undated",
        "sum",
        "ratio",
        "difference",
        "product",
        "period_years",
        "sum_equals",
        "fits_within",
        "part_of",
        "ratio_matches",
        "equal",
        "treated_area",
        "region_area",
        "income",
        "cover_rate",
        "treated_share",
        "jobs",
        "reported",
        "context",
        "",
        "<script>",
        "🌵",
        "\u{202e}",
    ]);
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::from),
        any::<i64>().prop_map(Value::from),
        prop::sample::select(vec![
            0.0,
            -0.0,
            1.0,
            -1.0,
            0.5,
            100.0,
            100.0001,
            1e-300,
            5e-324,
            1e300,
            -1e300,
            f64::MAX,
            f64::MIN_POSITIVE,
            2014.0,
            2017.0,
        ])
        .prop_map(|f| json!(f)),
        any::<f64>().prop_map(|f| json!(f)),
        words.clone().prop_map(Value::from),
        ".{0,12}".prop_map(Value::from),
    ];
    leaf.prop_recursive(4, 48, 6, move |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..6).prop_map(Value::Array),
            prop::collection::vec((words.clone(), inner), 0..6).prop_map(|kv| Value::Object(
                kv.into_iter().map(|(k, v)| (k.to_string(), v)).collect()
            )),
        ]
    })
}

/// Replace the node reached by `path` (each step picks a child modulo the count; a path that
/// runs into a leaf stops there).
fn replace_at(v: &mut Value, path: &[usize], new: Value) {
    let Some((&i, rest)) = path.split_first() else {
        *v = new;
        return;
    };
    match v {
        Value::Array(a) if !a.is_empty() => {
            let n = a.len();
            replace_at(&mut a[i % n], rest, new);
        }
        Value::Object(o) if !o.is_empty() => {
            let n = o.len();
            let child = o.values_mut().nth(i % n).expect("in range");
            replace_at(child, rest, new);
        }
        _ => *v = new,
    }
}

#[derive(Debug, Clone)]
enum ValueEdit {
    Replace(Vec<usize>, Value),
    /// Set a number (anywhere) to one of the edge values.
    Number(usize, f64),
    /// Point a string (an id, a reference, a unit) at another string of the dataset.
    Rewire(usize, usize),
    /// Drop or duplicate an element of a list.
    Remove(Vec<usize>),
    Duplicate(Vec<usize>),
    Unit(usize, usize),
}

fn value_edit() -> impl Strategy<Value = ValueEdit> {
    let path = prop::collection::vec(any::<usize>(), 1..6);
    prop_oneof![
        (path.clone(), json_value()).prop_map(|(p, v)| ValueEdit::Replace(p, v)),
        (
            any::<usize>(),
            prop::sample::select(vec![
                0.0,
                -0.0,
                -1.0,
                1e-320,
                1e308,
                1.7e308,
                99.99,
                100.0,
                100.5,
                1900.0,
                2100.0,
                4294967295.0,
                4294967296.0,
                0.1,
                3.0
            ])
        )
            .prop_map(|(i, f)| ValueEdit::Number(i, f)),
        (any::<usize>(), any::<usize>()).prop_map(|(a, b)| ValueEdit::Rewire(a, b)),
        path.clone().prop_map(ValueEdit::Remove),
        path.prop_map(ValueEdit::Duplicate),
        (any::<usize>(), any::<usize>()).prop_map(|(a, b)| ValueEdit::Unit(a, b)),
    ]
}

fn leaves<'a>(v: &'a mut Value, numbers: bool, out: &mut Vec<&'a mut Value>) {
    match v {
        Value::Number(_) if numbers => out.push(v),
        Value::String(_) if !numbers => out.push(v),
        Value::Array(a) => a.iter_mut().for_each(|x| leaves(x, numbers, out)),
        Value::Object(o) => o.values_mut().for_each(|x| leaves(x, numbers, out)),
        _ => {}
    }
}

fn apply_value(v: &mut Value, edit: &ValueEdit) {
    match edit {
        ValueEdit::Replace(path, new) => replace_at(v, path, new.clone()),
        ValueEdit::Number(i, f) => {
            let mut nums = Vec::new();
            leaves(v, true, &mut nums);
            let n = nums.len();
            if n > 0 {
                *nums.swap_remove(i % n) = json!(f);
            }
        }
        ValueEdit::Rewire(a, b) => {
            let mut strs = Vec::new();
            leaves(v, false, &mut strs);
            let n = strs.len();
            if n > 1 {
                let new = strs[b % n].clone();
                *strs.swap_remove(a % n) = new;
            }
        }
        ValueEdit::Remove(path) | ValueEdit::Duplicate(path) => {
            let dup = matches!(edit, ValueEdit::Duplicate(_));
            let (last, parents) = path.split_last().expect("non-empty path");
            let mut cur = &mut *v;
            for &i in parents {
                let next = match cur {
                    Value::Array(a) if !a.is_empty() => {
                        let n = a.len();
                        &mut a[i % n]
                    }
                    Value::Object(o) if !o.is_empty() => {
                        let n = o.len();
                        o.values_mut().nth(i % n).expect("in range")
                    }
                    _ => return,
                };
                cur = next;
            }
            if let Value::Array(a) = cur {
                if !a.is_empty() {
                    let i = last % a.len();
                    if dup {
                        let x = a[i].clone();
                        a.insert(i, x);
                    } else {
                        a.remove(i);
                    }
                }
            }
        }
        ValueEdit::Unit(a, b) => {
            let mut strs = Vec::new();
            leaves(v, false, &mut strs);
            let units: Vec<&mut Value> = strs
                .into_iter()
                .filter(|s| s.as_str().is_some_and(|s| Unit::parse(s).is_some()))
                .collect();
            let n = units.len();
            if n > 0 {
                let mut units = units;
                let all: Vec<Unit> = vocabulary_units().collect();
                *units.swap_remove(a % n) = json!(all[b % all.len()].code());
            }
        }
    }
}

/// Query strings from the URL's own vocabulary, percent escapes and arbitrary text.
fn query() -> impl Strategy<Value = String> {
    let key = prop::sample::select(vec![
        "view", "fig", "channel", "kind", "status", "q", "sort", "dir", "area", "cur", "num",
        "lang", "theme", "wg", "wp", "wy", "", "x", "%76iew", "view%3D",
    ]);
    let value = prop_oneof![
        prop::sample::select(vec![
            "overview",
            "table",
            "trail",
            "quality",
            "derived",
            "channels",
            "whatif",
            "timeline",
            "forest_land_area",
            "subsidy_total",
            "participation",
            "reported",
            "derived",
            "context",
            "holds",
            "contradicts",
            "value",
            "label",
            "asc",
            "desc",
            "ha",
            "mu",
            "km2",
            "cny",
            "usd",
            "full",
            "wan",
            "en",
            "zh",
            "system",
            "dark",
            "light",
            "310",
            "-1",
            "1e9",
            "%",
            "%2",
            "%zz",
            "%E7%A7%91",
            "%C3",
            "%FF%FE",
            "+",
            "%2B",
            "&",
            "=",
            "<script>alert(1)</script>",
            "javascript:alert(1)",
        ])
        .prop_map(str::to_string),
        ".{0,40}",
        "[%0-9A-Fa-f+=&?]{0,20}",
    ];
    let pair = (key, value).prop_map(|(k, v)| format!("{k}={v}"));
    (
        prop::bool::ANY,
        prop::collection::vec(pair, 0..12),
        prop::sample::select(vec!["&", "&&", ";"]),
    )
        .prop_map(|(mark, pairs, sep)| {
            let body = pairs.join(sep);
            if mark {
                format!("?{body}")
            } else {
                body
            }
        })
}

fn embedded() -> &'static Model {
    static M: OnceLock<Model> = OnceLock::new();
    M.get_or_init(|| Model::embedded().expect("valid"))
}

proptest! {
    #![proptest_config(config())]

    /// Byte-level mutations of every seed: syntax errors, bad UTF-8, truncation, splices.
    #[test]
    fn mutated_corpus_files_never_panic(
        seed in any::<prop::sample::Index>(),
        other in any::<prop::sample::Index>(),
        edits in prop::collection::vec(byte_edit(), 1..8),
    ) {
        let seeds = seeds();
        let mut bytes = seed.get(seeds).clone();
        let other = other.get(seeds);
        for e in &edits {
            apply(&mut bytes, e, other);
        }
        check_bytes(bytes)?;
    }

    /// Value-level mutations of the valid seeds: mostly still JSON of the right shape, so they
    /// reach validation, derivation, checks and the views; many are accepted.
    #[test]
    fn mutated_valid_datasets_never_panic_and_export_round_trips(
        seed in any::<prop::sample::Index>(),
        edits in prop::collection::vec(value_edit(), 1..5),
    ) {
        let mut v = seed.get(valid_values()).clone();
        for e in &edits {
            apply_value(&mut v, e);
        }
        check_text(&v.to_string())?;
        check_text(&serde_json::to_string_pretty(&v).expect("json"))?;
    }

    /// Any JSON at all.
    #[test]
    fn arbitrary_json_never_panics(v in json_value()) {
        check_text(&v.to_string())?;
    }

    /// Any text at all.
    #[test]
    fn arbitrary_text_never_panics(text in "(?s).{0,400}") {
        check_text(&text)?;
    }

    /// The URL state parser: never panics, caps what it keeps, and what it produces survives a
    /// round trip through the address bar unchanged.
    #[test]
    fn url_state_parses_anything_and_round_trips(q in query(), with_model in any::<bool>()) {
        let model = with_model.then(embedded);
        let (state, ignored) = ViewState::from_query(&q, model);
        prop_assert!(state.search.chars().count() <= 200);
        for i in &ignored {
            prop_assert!(i.key.chars().count() <= 40 && i.value.chars().count() <= 40);
        }
        let again = state.to_query();
        let (back, ignored_back) = ViewState::from_query(&again, model);
        prop_assert!(ignored_back.is_empty(), "{again} → {ignored_back:?}");
        prop_assert_eq!(&back, &state, "{}", again);
        prop_assert_eq!(back.to_query(), again);
    }

    /// The same, on arbitrary text.
    #[test]
    fn url_state_parses_arbitrary_text(q in "(?s).{0,200}") {
        let (state, _) = ViewState::from_query(&q, Some(embedded()));
        let (back, ignored) = ViewState::from_query(&state.to_query(), Some(embedded()));
        prop_assert!(ignored.is_empty());
        prop_assert_eq!(back, state);
    }

    /// Whatever is found in storage: a notice and a clean start, never a panic.
    #[test]
    fn stored_records_of_any_content_never_panic(
        dataset in prop::option::of(prop_oneof![
            "(?s).{0,200}",
            any::<prop::sample::Index>().prop_map(|i| {
                let b = i.get(seeds());
                format!("kezuohou-explorer/dataset/1\n{}", String::from_utf8_lossy(b))
            }),
        ]),
        settings in prop::option::of(prop_oneof![
            "(?s).{0,200}",
            query().prop_map(|q| storage::encode(Record::Settings, &q)),
        ]),
    ) {
        let s = storage::startup(Ok(dataset.clone()), Ok(settings)).expect("embedded is valid");
        if dataset.is_some() && s.source == case_explorer::state::Source::Embedded {
            prop_assert!(!s.problems.is_empty(), "a stored dataset was dropped without a notice");
        }
    }
}

/// The value-level mutations must reach past validation often enough to exercise what a loaded
/// dataset feeds (derivation, checks, charts, export); a deterministic sample says how often.
#[test]
fn value_mutations_often_produce_accepted_datasets() {
    use proptest::strategy::ValueTree;
    use proptest::test_runner::{RngAlgorithm, TestRng, TestRunner};
    let mut runner = TestRunner::new_with_rng(
        Config::default(),
        TestRng::from_seed(RngAlgorithm::ChaCha, &[7; 32]),
    );
    let strategy = (
        any::<prop::sample::Index>(),
        prop::collection::vec(value_edit(), 1..3),
    );
    let (mut accepted, total) = (0, 400);
    for _ in 0..total {
        let (seed, edits) = strategy.new_tree(&mut runner).expect("value").current();
        let mut v = seed.get(valid_values()).clone();
        for e in &edits {
            apply_value(&mut v, e);
        }
        if Model::from_json(&v.to_string()).is_ok() {
            accepted += 1;
        }
    }
    eprintln!("{accepted} of {total} mutated datasets accepted");
    assert!(accepted * 5 >= total, "only {accepted} of {total} accepted");
}
