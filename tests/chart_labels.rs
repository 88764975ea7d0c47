#![cfg(not(target_arch = "wasm32"))]
//! Category labels of the charts wrap onto lines instead of being cut: every line fits the label
//! column, nothing of the label is lost, and the rows that grow with them are what the pointer
//! hits and the drawing fills.

use case_explorer::charts::draw::{draw, LIGHT};
use case_explorer::charts::layout::{layout, text_width, wrap_label, LABEL_FONT, LABEL_X};
use case_explorer::charts::spec::all_charts;
use case_explorer::model::display::{NumberStyle, UnitChoice};
use case_explorer::model::{ChartKind, Lang, Model};
use plotters::prelude::*;

fn model() -> Model {
    Model::embedded().expect("embedded dataset is valid")
}

fn squeeze(s: &str) -> String {
    s.chars().filter(|c| !c.is_whitespace()).collect()
}

/// 328 is the chart's width on a 360 px phone; 1000 on a desktop.
const WIDTHS: [f64; 4] = [240.0, 328.0, 640.0, 1000.0];

#[test]
fn embedded_chart_labels_wrap_whole_and_fit_their_column() {
    let m = model();
    let mut wrapped = 0;
    for lang in [Lang::En, Lang::Zh] {
        let charts = all_charts(&m, UnitChoice::default(), NumberStyle::Full, lang, None);
        assert!(charts.len() >= 3, "the embedded case draws its charts");
        for chart in &charts {
            for width in WIDTHS {
                let l = layout(chart, width);
                let bars: Vec<_> = chart.bars().collect();
                for b in &l.bars {
                    // A dumbbell writes a pair's row label once, its end's, by the start.
                    let bar = match (chart.kind, b.index % 2) {
                        (ChartKind::Dumbbell, 1) => {
                            assert!(
                                b.label.is_empty(),
                                "{}: the end's row is labelled once",
                                chart.title
                            );
                            continue;
                        }
                        (ChartKind::Dumbbell, _) => bars[b.index + 1],
                        (
                            ChartKind::Bars
                            | ChartKind::PartsOfTotal
                            | ChartKind::PartOfWhole
                            | ChartKind::Dots,
                            _,
                        ) => bars[b.index],
                    };
                    let at = format!("{} at {width}px, {lang:?}: {:?}", chart.title, bar.label);
                    assert!(!b.label.is_empty(), "{at}");
                    for line in &b.label {
                        assert!(!line.ends_with('…'), "no label is cut: {at} → {line:?}");
                        assert!(
                            text_width(line, LABEL_FONT) <= l.label_width - LABEL_X,
                            "line {line:?} fits {} px: {at}",
                            l.label_width - LABEL_X
                        );
                    }
                    assert_eq!(squeeze(&b.label.concat()), squeeze(&bar.label), "{at}");
                    if b.label.len() > 1 {
                        wrapped += 1;
                    }
                }
            }
        }
    }
    assert!(wrapped > 0, "some labels needed more than one line");
}

#[test]
fn the_longest_row_label_is_whole_at_phone_width() {
    let m = model();
    let charts = all_charts(&m, UnitChoice::default(), NumberStyle::Full, Lang::En, None);
    // The longest label a row writes (once cut with an ellipsis at this width).
    let (lines, label) = charts
        .iter()
        .flat_map(|c| {
            let l = layout(c, 328.0);
            let bars: Vec<_> = c.bars().map(|b| b.label.clone()).collect();
            l.bars
                .into_iter()
                .filter(|b| !b.label.is_empty())
                .map(move |b| {
                    let own = match c.kind {
                        ChartKind::Dumbbell => bars[b.index + 1].clone(),
                        ChartKind::Bars
                        | ChartKind::PartsOfTotal
                        | ChartKind::PartOfWhole
                        | ChartKind::Dots => bars[b.index].clone(),
                    };
                    (b.label, own)
                })
                .collect::<Vec<_>>()
        })
        .max_by_key(|(_, label)| label.chars().count())
        .expect("rows with labels");
    assert!(lines.len() >= 2, "wrapped: {lines:?}");
    assert_eq!(lines.join(" "), label);
}

#[test]
fn rows_grow_with_their_lines_and_hit_testing_follows() {
    let m = model();
    for chart in all_charts(&m, UnitChoice::default(), NumberStyle::Full, Lang::En, None) {
        let l = layout(&chart, 328.0);
        // Rows in the order they are drawn (a whole's row comes before its parts'); a
        // dumbbell's start and end share theirs; no two rows overlap.
        let mut rows: Vec<(f64, f64)> = l.bars.iter().map(|b| (b.row_y0, b.row_y1)).collect();
        rows.sort_by(|a, b| a.0.total_cmp(&b.0));
        rows.dedup();
        for w in rows.windows(2) {
            assert!(w[1].0 >= w[0].1, "rows do not overlap: {w:?}");
        }
        let last = rows.last().copied();
        for b in &l.bars {
            assert!(
                b.row_y0 <= b.y0 && b.y1 <= b.row_y1,
                "the bar sits in its row"
            );
            let text_height = b.label.len() as f64 * 16.0;
            assert!(
                b.row_y1 - b.row_y0 >= text_height,
                "the row holds its lines"
            );
            // Anywhere in the row, the label's lines included, is this bar (of a pair, one of
            // the two).
            for y in [b.row_y0, (b.row_y0 + b.row_y1) / 2.0, b.row_y1 - 0.5] {
                let hit = l.hit(10.0, y);
                match chart.kind {
                    ChartKind::Dumbbell => assert!(
                        hit.is_some_and(|i| i / 2 == b.index / 2),
                        "{hit:?} in the pair of {}",
                        b.index
                    ),
                    ChartKind::Bars
                    | ChartKind::PartsOfTotal
                    | ChartKind::PartOfWhole
                    | ChartKind::Dots => {
                        assert_eq!(hit, Some(b.index))
                    }
                }
            }
        }
        assert!(last.is_some_and(|(_, end)| end < l.height));
        assert_eq!(l.hit(10.0, l.height + 1.0), None);
    }
}

#[test]
fn wrapping_breaks_cjk_anywhere_and_long_words_where_it_must() {
    let zh = wrap_label("退耕还林补贴与公益林补偿及草原奖补合计", 60.0, 13.0, 6);
    assert!(zh.len() > 1);
    assert_eq!(zh.concat(), "退耕还林补贴与公益林补偿及草原奖补合计");
    for line in &zh {
        assert!(text_width(line, 13.0) <= 60.0, "{line}");
    }
    let word = wrap_label("Supercalifragilisticexpialidocious", 80.0, 13.0, 6);
    assert!(word.len() > 1);
    assert_eq!(word.concat(), "Supercalifragilisticexpialidocious");
    // A hostile 200-character label stops at six lines, the last marked as cut.
    let long = "word ".repeat(40);
    let lines = wrap_label(&long, 80.0, 13.0, 6);
    assert_eq!(lines.len(), 6);
    assert!(lines[5].ends_with('…'));
    assert!(text_width(&lines[5], 13.0) <= 80.0);
    assert_eq!(wrap_label("", 80.0, 13.0, 6), vec![String::new()]);
}

#[test]
fn every_line_of_a_wrapped_label_is_drawn() {
    let m = model();
    let charts = all_charts(&m, UnitChoice::default(), NumberStyle::Full, Lang::En, None);
    for spec in &charts {
        let l = layout(spec, 328.0);
        let mut svg = String::new();
        {
            let root = SVGBackend::with_string(&mut svg, (328, l.height.ceil() as u32))
                .into_drawing_area();
            draw(&root, spec, &l, &LIGHT, 1.0, None).expect("draws");
        }
        for b in &l.bars {
            for line in &b.label {
                let escaped = line.replace('&', "&amp;").replace('<', "&lt;");
                assert!(svg.contains(&escaped), "{line:?} drawn");
            }
        }
    }
}

#[test]
fn every_value_fits_beside_or_inside_its_bar_on_a_phone() {
    use case_explorer::charts::layout::value_text_width;
    let m = model();
    for lang in Lang::ALL {
        let charts = all_charts(&m, UnitChoice::default(), NumberStyle::Full, lang, None);
        for spec in &charts {
            let l = layout(spec, 300.0);
            let bars: Vec<_> = spec.bars().collect();
            for b in &l.bars {
                let bar = bars[b.index];
                // The number beside the bar is the tooltip's text without the panel's unit.
                assert_eq!(
                    bar.text
                        .trim_end_matches(spec.panels[b.panel].unit.as_str())
                        .trim_end(),
                    bar.number,
                    "{}",
                    bar.id
                );
                // What the layout writes: the value (a part of a whole adds its share, or
                // writes the share alone when the value does not fit).
                let text = value_text_width(&b.text);
                let end = if b.open_high { b.x_lo } else { b.x_hi };
                let after = end + 6.0 + text <= l.width;
                let inside = end - text - 6.0 > b.x_zero;
                assert!(
                    after || inside,
                    "{:?} in {}: {} px of text at {end} of {}",
                    bars[b.index].text,
                    spec.key,
                    text,
                    l.width
                );
            }
        }
    }
}

/// The `y` of the SVG `<text>` element that writes `text`, if one does.
fn text_y(svg: &str, text: &str) -> Option<f64> {
    // plotters writes the text on a line of its own.
    let end = svg
        .find(&format!(">\n{text}\n</text>"))
        .or_else(|| svg.find(&format!(">{text}</text>")))?;
    let start = svg[..end].rfind("<text")?;
    let tag = &svg[start..end];
    let y = tag.split(" y=\"").nth(1)?.split('"').next()?;
    y.parse().ok()
}

#[test]
fn a_value_written_inside_its_bar_lies_across_the_bar_on_a_phone() {
    use case_explorer::charts::layout::value_text_width;
    let m = model();
    let mut inside = 0;
    for lang in [Lang::En, Lang::Zh] {
        let charts = all_charts(&m, UnitChoice::default(), NumberStyle::Full, lang, None);
        for spec in &charts {
            // 328 px: the chart's width on a 360 px phone.
            let l = layout(spec, 328.0);
            let mut svg = String::new();
            {
                let root = SVGBackend::with_string(&mut svg, (328, l.height.ceil() as u32))
                    .into_drawing_area();
                draw(&root, spec, &l, &LIGHT, 1.0, None).expect("draws");
            }
            // Dots and dumbbells write their values above the dot, never inside a bar.
            match spec.kind {
                ChartKind::Dumbbell | ChartKind::Dots => continue,
                ChartKind::Bars | ChartKind::PartsOfTotal | ChartKind::PartOfWhole => {}
            }
            for b in &l.bars {
                // What the layout writes (a part of a whole adds its share).
                let number = &b.text;
                let end = if b.open_high { b.x_lo } else { b.x_hi };
                if end + 6.0 + value_text_width(number) <= l.width {
                    continue;
                }
                inside += 1;
                let y = text_y(&svg, number).expect("the value is drawn");
                // Its middle inside the bar, half a line from either edge (12 px text): it does
                // not straddle the bar's top edge, half in white on the page.
                assert!(
                    y >= b.y0 + 5.0 && y <= b.y1 - 5.0,
                    "{number:?} of {} at y {y}, bar {}–{}",
                    spec.key,
                    b.y0,
                    b.y1
                );
            }
        }
    }
    assert!(
        inside > 0,
        "some value is written inside its bar at phone width"
    );
}
