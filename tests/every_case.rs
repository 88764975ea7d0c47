#![cfg(not(target_arch = "wasm32"))]
//! What must hold on any case, run on every case the tests know (`tests/common/cases.rs`: the
//! embedded one, the real cases of `data/cases/`, the invented ones of `tests/fixtures/`): it
//! loads, every figure and derived metric resolves to a finite value, every relation is
//! checked, the narrative tells only what the model has, the story (declared or proposed) names
//! only quantities, every quantity is shown in every language, the CSV and JSON exports read
//! back figure for figure, every chart's bars are the dataset's quantities with the value the
//! page writes elsewhere, every case stripped of its presentation gets a proposed one within
//! its bounds, every amount converts to each unit of its family as `units::convert` says,
//! every derived metric is its operation on its inputs, and every reported figure shown in its
//! own unit keeps the digits it was printed with, in both number styles and every language.

#[path = "common/cases.rs"]
mod cases;

use case_explorer::charts::layout::layout;
use case_explorer::charts::spec::all_charts;
use case_explorer::model::display::{show, NumberStyle, UnitChoice};
use case_explorer::model::export::{figures_csv, figures_json};
use case_explorer::model::narrative::{overview, Segment};
use case_explorer::model::presentation::{
    MAX_PROPOSED_BARS, MAX_PROPOSED_CHARTS, MAX_PROPOSED_HEADLINES,
};
use case_explorer::model::units::convert;
use case_explorer::model::{
    Family, Figure, Lang, Model, Operation, Period, Provenance, Rule, Unit,
};
use case_explorer::numfmt;
use cases::{CaseFile, ALL};

fn model(c: &CaseFile) -> Model {
    Model::from_json(c.text).unwrap_or_else(|e| panic!("{}: {e:?}", c.path))
}

#[test]
fn the_list_holds_every_case_file() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut on_disk = vec!["data/kezuohou.json".to_string()];
    for dir in ["data/cases", "tests/fixtures"] {
        let entries = std::fs::read_dir(root.join(dir)).expect("a folder of cases");
        for e in entries {
            let name = e.expect("entry").file_name().to_string_lossy().to_string();
            if name.ends_with(".json") {
                on_disk.push(format!("{dir}/{name}"));
            }
        }
    }
    on_disk.sort();
    let mut listed: Vec<String> = ALL.iter().map(|c| c.path.to_string()).collect();
    listed.sort();
    assert_eq!(
        listed, on_disk,
        "tests/common/cases.rs lists every case file"
    );
}

#[test]
fn every_slip_a_check_names_is_listed_once_at_its_place() {
    let mut listed = 0;
    for c in ALL {
        let m = model(c);
        let list = m.slips.slips();
        listed += list.len();
        for (i, s) in list.iter().enumerate() {
            assert_eq!(m.slips.place(s), Some(i), "{}: {s:?}", c.path);
            assert!(
                !list[..i]
                    .iter()
                    .any(|o| o.figure == s.figure && o.kind == s.kind),
                "{}: {s:?} listed twice",
                c.path
            );
        }
        // What a card names (the first three slips of a check that does not hold, of a
        // reference range) is in the list; a check that holds names none.
        let named = m
            .findings
            .iter()
            .filter(|f| f.status != case_explorer::model::Status::Holds)
            .flat_map(|f| f.slips.iter().take(3))
            .chain(m.references.iter().flat_map(|r| r.slips.iter().take(3)));
        for s in named {
            assert!(m.slips.place(s).is_some(), "{}: {s:?} not listed", c.path);
        }
    }
    assert!(listed >= 2, "the cases have slips to list");
}

#[test]
fn every_case_loads_and_resolves_every_quantity() {
    for c in ALL {
        let m = model(c);
        assert!(!m.dataset.figures.is_empty(), "{}", c.path);
        for f in &m.dataset.figures {
            let q = m
                .quantity(&f.id)
                .unwrap_or_else(|| panic!("{}: {} not resolved", c.path, f.id));
            // In the figure's unit with the scale applied: the value times the scale (a bound
            // keeps the stated number as its one finite end).
            let want = f.value * f.scale.factor();
            let (lo, hi) = (q.value.lo, q.value.hi);
            assert!(
                lo == want || hi == want || (lo <= want && want <= hi),
                "{}: {} resolves to [{lo}, {hi}], not around {want}",
                c.path,
                f.id
            );
        }
        for d in &m.dataset.derived {
            let q = m
                .quantity(&d.id)
                .unwrap_or_else(|| panic!("{}: {} not derived", c.path, d.id));
            assert!(
                q.value.central().is_finite(),
                "{}: {} = {:?}",
                c.path,
                d.id,
                q.value
            );
        }
    }
}

#[test]
fn every_relation_of_every_case_is_checked_once() {
    for c in ALL {
        let m = model(c);
        for r in &m.dataset.relations {
            let in_findings = m.findings.iter().filter(|f| f.relation == r.id).count();
            let in_refs = m.references.iter().filter(|f| f.relation == r.id).count();
            let in_tensions = m.tensions.iter().filter(|f| f.relation == r.id).count();
            let want = match &r.rule {
                Rule::SumEquals { .. }
                | Rule::FitsWithin { .. }
                | Rule::PartOf { .. }
                | Rule::RatioMatches { .. }
                | Rule::Equal { .. } => (1, 0, 0),
                Rule::ReferenceRange { .. } => (0, 1, 0),
                Rule::Tension { .. } => (0, 0, 1),
            };
            assert_eq!(
                (in_findings, in_refs, in_tensions),
                want,
                "{}: relation {}",
                c.path,
                r.id
            );
        }
    }
}

#[test]
fn every_story_names_only_quantities_and_tells_its_sentences() {
    for c in ALL {
        let m = model(c);
        let s = &m.story;
        assert!(!s.headlines.value.is_empty(), "{}: no headline", c.path);
        for id in &s.headlines.value {
            assert!(m.quantity(id).is_some(), "{}: headline {id}", c.path);
        }
        // A case may have no chart: a proposed chart of fewer than two bars is left out.
        for chart in &s.charts.value {
            for id in chart.panels.iter().flatten() {
                assert!(
                    m.quantity(id).is_some(),
                    "{}: chart {} names {id}",
                    c.path,
                    chart.id
                );
            }
        }
        for lang in Lang::ALL {
            let told = overview(&m, lang);
            assert!(!told.is_empty(), "{}: no lead sentence in {lang:?}", c.path);
            for sentence in told {
                for seg in sentence {
                    match seg {
                        Segment::Quantity(id) => assert!(m.quantity(&id).is_some()),
                        Segment::Text(t) => assert!(
                            !t.contains('{') && !t.contains('}'),
                            "{}: a template's brace was left in {t:?}",
                            c.path
                        ),
                    }
                }
            }
        }
    }
}

#[test]
fn every_quantity_of_every_case_is_shown_in_every_language() {
    for c in ALL {
        let m = model(c);
        for q in &m.quantities {
            for lang in Lang::ALL {
                for style in [NumberStyle::Full, NumberStyle::Compact] {
                    let text =
                        numfmt::shown(&show(&m, q, UnitChoice::default(), lang), lang, style);
                    assert!(
                        text.chars().any(|ch| ch.is_ascii_digit())
                            && !text.contains("NaN")
                            && !text.contains("inf"),
                        "{}: {} in {lang:?} reads {text:?}",
                        c.path,
                        q.id
                    );
                }
            }
        }
    }
}

/// A text cell as the CSV writes it (see `csv_export_neutralises_formulas_and_keeps_numbers`).
fn neutral(t: &str) -> String {
    if t.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{t}")
    } else {
        t.to_string()
    }
}

#[test]
fn every_case_exports_to_csv_and_json_and_reads_back() {
    for c in ALL {
        let m = model(c);
        let figures: Vec<&Figure> = m.dataset.figures.iter().collect();
        for lang in Lang::ALL {
            let text = figures_csv(&m, &figures, lang).expect("csv");
            let mut r = csv::ReaderBuilder::new().from_reader(text.as_bytes());
            let headers = r.headers().expect("headers").clone();
            let col = |name: &str| headers.iter().position(|h| h == name).expect("column");
            let rows: Vec<csv::StringRecord> = r.records().map(|x| x.expect("record")).collect();
            assert_eq!(rows.len(), figures.len(), "{}", c.path);
            for (row, f) in rows.iter().zip(&figures) {
                assert_eq!(row[col("id")], neutral(&f.id), "{}", c.path);
                assert_eq!(
                    row[col("value_as_reported")].parse::<f64>(),
                    Ok(f.value),
                    "{}: {}",
                    c.path,
                    f.id
                );
                assert_eq!(row[col("label")], neutral(f.label.get(lang)), "{}", c.path);
            }
        }
        // The JSON export is the dataset's own figure format: the case with its figures
        // replaced by the export loads to the same figures and exports the same JSON again
        // (compared as JSON trees: `serde_json::Value` sorts a text's languages by tag).
        let json = figures_json(&figures).expect("json");
        let mut v = c.value();
        v["figures"] = serde_json::from_str(&json).expect("the export is JSON");
        let again = Model::from_json(&v.to_string())
            .unwrap_or_else(|e| panic!("{}: the exported figures do not load: {e:?}", c.path));
        assert_eq!(again.dataset.figures.len(), figures.len(), "{}", c.path);
        for (a, f) in again.dataset.figures.iter().zip(&figures) {
            let same = a.id == f.id
                && a.value == f.value
                && a.scale == f.scale
                && a.unit == f.unit
                && a.qualifier == f.qualifier
                && a.period == f.period
                && a.kind == f.kind
                && a.source.quote == f.source.quote
                && Lang::ALL.iter().all(|l| a.label.get(*l) == f.label.get(*l));
            assert!(same, "{}: {} reads back as {a:?}", c.path, f.id);
        }
        let again_refs: Vec<&Figure> = again.dataset.figures.iter().collect();
        let tree = |t: &str| serde_json::from_str::<serde_json::Value>(t).expect("json");
        assert_eq!(
            tree(&figures_json(&again_refs).expect("json")),
            tree(&json),
            "{}",
            c.path
        );
    }
}

#[test]
fn every_chart_of_every_case_shows_the_quantities_as_the_page_writes_them() {
    for c in ALL {
        let m = model(c);
        for lang in Lang::ALL {
            let charts = all_charts(&m, UnitChoice::default(), NumberStyle::Full, lang, None);
            assert_eq!(
                charts.is_empty(),
                m.story.charts.value.is_empty(),
                "{}",
                c.path
            );
            for chart in &charts {
                assert!(!chart.description.is_empty(), "{}", c.path);
                for bar in chart.bars() {
                    let q = m
                        .quantity(&bar.id)
                        .unwrap_or_else(|| panic!("{}: bar {} is no quantity", c.path, bar.id));
                    // The bar's words are the value as the table and the cards write it.
                    let shown = show(&m, q, UnitChoice::default(), lang);
                    let page = numfmt::shown(&shown, lang, NumberStyle::Full);
                    assert!(
                        bar.text.contains(page.trim()) || page.contains(bar.number.trim()),
                        "{}: chart {} writes {:?} for {}, the page {page:?}",
                        c.path,
                        chart.key,
                        bar.text,
                        bar.id
                    );
                }
                let l = layout(chart, 640.0);
                assert_eq!(l.bars.len(), chart.bars().count(), "{}", c.path);
                assert!(l.height.is_finite() && l.height > 0.0, "{}", c.path);
            }
        }
    }
}

#[test]
fn every_case_without_its_presentation_gets_a_proposed_story() {
    for c in ALL {
        let mut v = c.value();
        v.as_object_mut().expect("an object").remove("presentation");
        let m = Model::from_json(&v.to_string())
            .unwrap_or_else(|e| panic!("{}: without its presentation: {e:?}", c.path));
        let s = &m.story;
        assert_eq!(s.headlines.by, Provenance::Proposed, "{}", c.path);
        assert_eq!(s.charts.by, Provenance::Proposed, "{}", c.path);
        let n = s.headlines.value.len();
        assert!(
            (1..=MAX_PROPOSED_HEADLINES).contains(&n),
            "{}: {n} proposed headlines",
            c.path
        );
        for id in &s.headlines.value {
            assert!(m.quantity(id).is_some(), "{}: headline {id}", c.path);
        }
        assert!(s.charts.value.len() <= MAX_PROPOSED_CHARTS, "{}", c.path);
        for chart in &s.charts.value {
            let bars: Vec<&String> = chart.panels.iter().flatten().collect();
            assert!(
                (2..=MAX_PROPOSED_BARS).contains(&bars.len()),
                "{}: chart {} of {} bars",
                c.path,
                chart.id,
                bars.len()
            );
            for id in bars {
                assert!(m.quantity(id).is_some(), "{}: chart names {id}", c.path);
            }
        }
        // A reported figure leads the story.
        assert!(
            !overview(&m, Lang::En).is_empty(),
            "{}: no lead sentence",
            c.path
        );
        // Proposing is a function of the data: the same story again.
        let again = Model::from_json(&v.to_string()).expect("valid");
        assert_eq!(again.story.headlines, m.story.headlines, "{}", c.path);
        assert_eq!(again.story.charts, m.story.charts, "{}", c.path);
    }
}

#[test]
fn every_amount_of_every_case_converts_to_each_unit_of_its_family() {
    let mut tried = 0;
    for c in ALL {
        let m = model(c);
        for q in &m.quantities {
            // A unit of one term (`ha`, not `m3/ha`, whose terms are shown as they are).
            let Some(family) = Family::of(q.unit.dims()).filter(|_| q.unit.terms().count() == 1)
            else {
                continue;
            };
            for row in family.choices() {
                let target = Unit::builtin(row.code);
                let mut choice = UnitChoice::default();
                choice.set(family, Some(row.code));
                let shown = show(&m, q, choice, Lang::En);
                let want = convert(q.value.central(), &q.unit, &target).expect("one family");
                let got = shown.value.central();
                assert!(
                    got == want || (got - want).abs() <= 1e-9 * want.abs(),
                    "{}: {} in {} is {got}, not {want}",
                    c.path,
                    q.id,
                    row.code
                );
                tried += 1;
            }
        }
    }
    assert!(tried > 100, "only {tried} conversions tried");
}

/// A quantity's central value in base units (kg, m, the year, one unit of a currency).
fn in_base(m: &Model, id: &str) -> f64 {
    let q = m.quantity(id).expect("a quantity");
    q.value.central() * q.unit.to_base()
}

#[test]
fn every_derived_metric_of_every_case_is_its_operation_on_its_inputs() {
    let mut tried = 0;
    for c in ALL {
        let m = model(c);
        for d in &m.dataset.derived {
            // Bounds combine as intervals, not as their centres: points only.
            let points = d
                .inputs
                .iter()
                .all(|i| m.quantity(i).is_some_and(|q| q.value.is_point()));
            if !points {
                continue;
            }
            let x: Vec<f64> = d.inputs.iter().map(|i| in_base(&m, i)).collect();
            let want = match d.operation {
                Operation::Sum => x.iter().sum(),
                Operation::Difference => x[0] - x[1],
                Operation::Product => x.iter().product(),
                Operation::Ratio => x[0] / x[1],
                Operation::PeriodYears => {
                    match m.quantity(&d.inputs[0]).and_then(|q| q.period.clone()) {
                        Some(Period::Range { from, to }) => f64::from(to - from + 1),
                        _ => continue,
                    }
                }
            };
            let got = in_base(&m, &d.id);
            assert!(
                (got - want).abs() <= 1e-9 * want.abs().max(1e-12),
                "{}: {} is {got} in base units, {:?} of its inputs gives {want}",
                c.path,
                d.id,
                d.operation
            );
            tried += 1;
        }
    }
    assert!(tried > 40, "only {tried} metrics recomputed");
}

/// The digits of a number, without separators, leading zeros or trailing zeros: 51.36 million
/// is "5136" however it is written.
fn digits(s: &str) -> String {
    let d: String = s.chars().filter(char::is_ascii_digit).collect();
    d.trim_start_matches('0').trim_end_matches('0').to_string()
}

#[test]
fn every_reported_figure_keeps_its_printed_digits_in_both_styles() {
    let mut tried = 0;
    for c in ALL {
        let m = model(c);
        for f in &m.dataset.figures {
            let q = m.quantity(&f.id).expect("a figure");
            let want = f.value * f.scale.factor();
            for lang in Lang::ALL {
                let shown = show(&m, q, UnitChoice::default(), lang);
                // Shown in another unit of its family (the dataset's most used): not as printed.
                if shown.value.central() != q.value.central() || shown.digits.is_some() {
                    continue;
                }
                let printed = digits(&format!("{}", f.value));
                for style in [NumberStyle::Full, NumberStyle::Compact] {
                    let text = numfmt::shown_text(&shown, lang, style).number;
                    assert!(
                        digits(&text).contains(&printed),
                        "{}: {} ({want}) in {lang:?} {style:?} reads {text:?}",
                        c.path,
                        f.id
                    );
                }
                tried += 1;
            }
        }
    }
    assert!(tried > 300, "only {tried} figures read");
}
