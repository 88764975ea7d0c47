#![cfg(not(target_arch = "wasm32"))]
//! Issue 21: chart axes end on a round number just past the data (at most 100 % for shares) with
//! at least three labelled ticks; every chart names the colours and marks it draws; and a chart
//! leaves the app as a sheet fit for an article (title, subtitle, legend, notes, source) in SVG
//! and PNG, and as the CSV of its figures.

use case_explorer::charts::export::{csv, svg, Sheet};
use case_explorer::charts::layout::{axis, layout, EXPORT_SCALE, MIN_TICKS, SHEET_WIDTH};
use case_explorer::charts::spec::{all_charts, ChartSpec, Mark};
use case_explorer::model::display::{NumberStyle, UnitChoice};
use case_explorer::model::Currency;
use case_explorer::model::{Lang, Model};

fn model() -> Model {
    Model::embedded().expect("embedded dataset is valid")
}

fn usd() -> UnitChoice {
    UnitChoice {
        currency: Currency::parse("USD"),
        ..UnitChoice::default()
    }
}

fn charts(units: UnitChoice, lang: Lang) -> Vec<ChartSpec> {
    all_charts(&model(), units, NumberStyle::Full, lang, None)
}

fn chart<'a>(charts: &'a [ChartSpec], key: &str) -> &'a ChartSpec {
    charts
        .iter()
        .find(|c| c.key == key)
        .unwrap_or_else(|| panic!("no chart {key}"))
}

#[test]
fn an_axis_ends_on_the_round_number_just_past_its_data() {
    // (largest value, most intervals that fit) → axis end.
    let cases = [
        (504e6, 4, 600e6),
        (504e6, 5, 600e6),
        (50_457_000.0, 4, 60e6),
        (7_800_000.0, 4, 8e6),
        (93_000.0, 4, 100_000.0),
        (12.0, 4, 15.0),
        (0.9, 4, 1.0),
        (1.0, 4, 1.0),
        (3.0, 2, 4.0),
        (101.0, 4, 150.0),
    ];
    for (max, most, end) in cases {
        let a = axis(max, most, None);
        assert!(
            (a.end - end).abs() < end * 1e-9,
            "{max} with {most} intervals ends at {}, not {end}",
            a.end
        );
        let ticks = a.ticks();
        assert!(ticks.len() >= MIN_TICKS, "{max}: {ticks:?}");
        assert!(ticks.len() <= most.max(2) + 1, "{max}: {ticks:?}");
        assert!(
            (ticks[ticks.len() - 1] - a.end).abs() < a.end * 1e-9,
            "{max}: {ticks:?}"
        );
        // The step is 1, 2, 2.5 or 5 times a power of ten.
        let k = a.step / 10f64.powf(a.step.log10().floor());
        assert!(
            [1.0, 2.0, 2.5, 5.0].iter().any(|s| (k - s).abs() < 1e-9),
            "{max}: step {}",
            a.step
        );
    }
}

#[test]
fn every_maximum_gets_three_ticks_and_an_end_past_it() {
    let mut max = 0.013;
    while max < 5e12 {
        for most in 2..=5 {
            let a = axis(max, most, None);
            assert!(a.end >= max, "{max} runs past its axis end {}", a.end);
            assert!(
                a.end <= max * 2.5 + 1e-12,
                "{max} ends far away at {}",
                a.end
            );
            assert!(
                a.ticks().len() >= MIN_TICKS,
                "{max}, {most}: {:?}",
                a.ticks()
            );
        }
        max *= 1.37;
    }
}

#[test]
fn an_axis_at_the_edges_of_f64_has_a_few_finite_ticks() {
    // A crafted dataset may hold 5e-324 or 1.7e308: ticks are counted as end / step, and a
    // step of 0 or an infinite end asked for usize::MAX of them (a panic).
    let edges = [
        5e-324,
        1e-320,
        f64::MIN_POSITIVE,
        1e-300,
        1e300,
        1e308,
        f64::MAX,
    ];
    for max in edges {
        for whole in [None, Some(100.0), Some(5e-324), Some(f64::MAX)] {
            for most in 2..=5 {
                let a = axis(max, most, whole);
                assert!(
                    a.end.is_finite() && a.step > 0.0 && a.step.is_finite(),
                    "{max:e} {whole:?} {most}: {a:?}"
                );
                let ticks = a.ticks();
                assert!(
                    (MIN_TICKS..=most + 2).contains(&ticks.len()),
                    "{max:e} {whole:?} {most}: {ticks:?}"
                );
                assert!(ticks.iter().all(|t| t.is_finite()));
            }
        }
    }
}

#[test]
fn a_share_axis_stops_at_the_whole_in_base_and_display_units() {
    // In percent (the display unit), then as a fraction (the base unit).
    for whole in [100.0, 1.0] {
        let a = axis(0.91 * whole, 4, Some(whole));
        assert_eq!(
            a.end, whole,
            "a lower bound's arrow reaching 91 % stops at 100 %"
        );
        assert!(a.ticks().len() >= MIN_TICKS);
        assert!(a.ticks().iter().all(|t| *t <= whole));
        // Below the whole, the end is still the round number past the data.
        let b = axis(0.3 * whole, 4, Some(whole));
        assert!((b.end - 0.3 * whole).abs() < 1e-9 * whole, "{:?}", b);
        // A share over the whole (a slip the checks flag) stays in view.
        assert!(axis(1.2 * whole, 4, Some(whole)).end >= 1.2 * whole);
    }
}

#[test]
fn the_embedded_charts_axes_are_round_and_share_axes_stop_at_100() {
    for units in [UnitChoice::default(), usd()] {
        for lang in Lang::ALL {
            for spec in charts(units, lang) {
                for width in [240.0, 328.0, 640.0, 1000.0] {
                    let l = layout(&spec, width);
                    for (p, pb) in spec.panels.iter().zip(&l.panels) {
                        assert!(
                            pb.ticks.len() >= MIN_TICKS,
                            "{} at {width}: {:?}",
                            spec.key,
                            pb.ticks
                        );
                        let last = pb.ticks[pb.ticks.len() - 1];
                        assert_eq!(last, pb.axis_max, "{}: the axis ends on a tick", spec.key);
                        if let Some(whole) = p.whole {
                            assert!(
                                pb.axis_max <= whole,
                                "{}: share axis to {}",
                                spec.key,
                                pb.axis_max
                            );
                        }
                        let top = p
                            .bars
                            .iter()
                            .map(|b| {
                                if b.value.hi.is_finite() {
                                    b.value.hi
                                } else {
                                    b.value.lo
                                }
                            })
                            .fold(0.0, f64::max);
                        assert!(
                            pb.axis_max >= top,
                            "{}: {} past {}",
                            spec.key,
                            top,
                            pb.axis_max
                        );
                    }
                    // No bar or arrow runs past the plot.
                    for b in &l.bars {
                        assert!(b.x_hi <= l.plot_x1 + 1e-9, "{} at {width}", spec.key);
                    }
                }
            }
        }
    }
}

#[test]
fn the_cover_chart_is_a_share_axis_ending_at_100_percent() {
    let all = charts(UnitChoice::default(), Lang::En);
    let cover = chart(&all, "cover");
    assert_eq!(cover.panels[0].whole, Some(100.0));
    for width in [328.0, 640.0] {
        let l = layout(cover, width);
        assert_eq!(l.panels[0].axis_max, 100.0);
        let ticks = &l.panels[0].ticks;
        assert_eq!(ticks.first(), Some(&0.0));
        assert_eq!(ticks.last(), Some(&100.0), "{ticks:?}");
        assert!(ticks.len() >= 3, "{ticks:?}");
        // The arrows of "more than 70 %" and "more than 21 %" stay on the axis.
        let x100 = l.plot_x1;
        assert!(l.bars.iter().all(|b| b.x_hi <= x100 + 1e-9));
    }
}

#[test]
fn the_subsidy_axis_has_three_ticks_in_yuan_and_in_dollars() {
    for units in [UnitChoice::default(), usd()] {
        let all = charts(units, Lang::En);
        let subsidies = chart(&all, "subsidies");
        for width in [240.0, 328.0, 640.0] {
            let l = layout(subsidies, width);
            for pb in &l.panels {
                assert!(pb.ticks.len() >= 3, "at {width}: {:?}", pb.ticks);
            }
        }
    }
}

#[test]
fn the_subsidy_axis_ends_at_600_million_for_a_504_million_sum() {
    let all = charts(UnitChoice::default(), Lang::En);
    let subsidies = chart(&all, "subsidies");
    // The sum of the listed programmes, 504,570,000 yuan, is the largest bar.
    for width in [608.0, 640.0, 1000.0] {
        let l = layout(subsidies, width);
        assert_eq!(
            l.panels[0].axis_max, 600e6,
            "at {width}: {:?}",
            l.panels[0].ticks
        );
    }
}

#[test]
fn each_chart_lists_the_marks_it_draws() {
    let all = charts(UnitChoice::default(), Lang::En);
    let legend = |key: &str| chart(&all, key).legend();
    // "More than 21 %" and "more than 70 %": arrows.
    assert!(legend("cover").contains(&Mark::LowerBound));
    // The stated total contradicts its parts' sum: flagged, the gap drawn.
    let subsidies = legend("subsidies");
    assert!(subsidies.contains(&Mark::Flagged), "{subsidies:?}");
    assert!(subsidies.contains(&Mark::Gap), "{subsidies:?}");
    assert!(!subsidies.contains(&Mark::LowerBound), "{subsidies:?}");
    for spec in &all {
        let marks = spec.legend();
        assert!(!marks.is_empty(), "{}", spec.key);
        // Exactly the marks some bar carries, in the closed set's order.
        for m in Mark::ALL {
            assert_eq!(
                marks.contains(&m),
                spec.panels
                    .iter()
                    .any(|p| p.bars.iter().any(|b| m.marks(p, b))),
                "{} {m:?}",
                spec.key
            );
        }
        let order: Vec<_> = Mark::ALL
            .iter()
            .filter(|m| marks.contains(m))
            .copied()
            .collect();
        assert_eq!(marks, order);
    }
}

#[test]
fn legend_words_exist_in_every_language_and_differ() {
    for lang in Lang::ALL {
        let words: Vec<&str> = Mark::ALL.iter().map(|m| m.label(lang)).collect();
        for (i, w) in words.iter().enumerate() {
            assert!(!w.trim().is_empty(), "{lang:?} {:?}", Mark::ALL[i]);
            assert_eq!(words.iter().filter(|x| *x == w).count(), 1, "{lang:?}: {w}");
        }
    }
    assert_ne!(
        Mark::Reported.label(Lang::En),
        Mark::Reported.label(Lang::Zh)
    );
}

#[test]
fn the_exported_sheet_carries_title_subtitle_legend_notes_and_source() {
    // The PNG is at least 1,000 px wide.
    const { assert!(SHEET_WIDTH * EXPORT_SCALE >= 1000.0) };
    let m = model();
    for lang in [Lang::En, Lang::Zh] {
        for spec in charts(usd(), lang) {
            let title = m.dataset.case.title.get(lang).to_string();
            let sheet = Sheet::new(
                &spec,
                lang,
                &title,
                "https://example.org/explorer/?view=overview",
            );
            assert!(!sheet.subtitle.is_empty(), "{}", spec.key);
            assert!(sheet.source.contains(&title) && sheet.source.contains("https://example.org/"));
            let out = svg(&spec, &sheet).expect("svg");
            assert!(out.starts_with("<svg"), "{}", &out[..40.min(out.len())]);
            let esc = |s: &str| {
                s.replace('&', "&amp;")
                    .replace('<', "&lt;")
                    .replace('>', "&gt;")
                    .replace('"', "&quot;")
                    .replace('\'', "&apos;")
            };
            let flat: String = out.split_whitespace().collect::<Vec<_>>().join(" ");
            for (_, words) in &sheet.legend {
                assert!(out.contains(&esc(words)), "{}: legend {words:?}", spec.key);
            }
            let l = sheet.layout(&spec);
            for (line, _) in l
                .title
                .iter()
                .chain(&l.subtitle)
                .chain(&l.notes)
                .chain(&l.source)
            {
                assert!(flat.contains(&esc(line)), "{}: {line:?} drawn", spec.key);
            }
            assert!(l.height > l.chart_y + l.chart.height, "{}", spec.key);
        }
    }
    // The subsidies' stated total is contradicted: the notes say so.
    let all = charts(UnitChoice::default(), Lang::En);
    let sheet = Sheet::new(chart(&all, "subsidies"), Lang::En, "Case", "");
    assert!(
        sheet.notes.iter().any(|n| n.contains("contradicted")),
        "{:?}",
        sheet.notes
    );
    assert!(sheet.source.contains("Paragraph 4"), "{}", sheet.source);
}

#[test]
fn the_chart_csv_reads_back_with_every_figure() {
    for spec in charts(usd(), Lang::Zh) {
        let text = csv(&spec).expect("csv");
        let mut r = ::csv::Reader::from_reader(text.as_bytes());
        let head: Vec<String> = r
            .headers()
            .expect("header")
            .iter()
            .map(String::from)
            .collect();
        // A chart of a form names each figure's role in a last column.
        let mut want = vec!["id", "label", "value", "unit", "period", "paragraph"];
        if spec.kind != case_explorer::model::ChartKind::Bars {
            want.push("role");
        }
        assert_eq!(head, want, "{}", spec.key);
        let rows: Vec<_> = r.records().collect::<Result<_, _>>().expect("rows");
        assert_eq!(rows.len(), spec.bars().count(), "{}", spec.key);
        for (row, bar) in rows.iter().zip(spec.bars()) {
            assert_eq!(&row[0], bar.id);
            assert_eq!(&row[2], bar.number.trim_start_matches('\''));
        }
    }
}

#[test]
fn a_value_written_inside_its_bar_reads_at_4_5_to_1() {
    use case_explorer::charts::draw::{readable_on, DARK, LIGHT};
    use plotters::style::RGBColor;
    let lum = |c: RGBColor| {
        let lin = |v: u8| {
            let x = f64::from(v) / 255.0;
            if x <= 0.03928 {
                x / 12.92
            } else {
                ((x + 0.055) / 1.055).powf(2.4)
            }
        };
        0.2126 * lin(c.0) + 0.7152 * lin(c.1) + 0.0722 * lin(c.2)
    };
    for p in [LIGHT, DARK] {
        for fill in [p.reported, p.derived, p.context] {
            let t = readable_on(fill, &p);
            let (a, b) = (lum(t), lum(fill));
            let ratio = (a.max(b) + 0.05) / (a.min(b) + 0.05);
            assert!(ratio >= 4.5, "{t:?} on {fill:?}: {ratio:.2}");
        }
    }
}
