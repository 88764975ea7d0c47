#![cfg(not(target_arch = "wasm32"))]
//! The draft kept in the browser (`draft_store`) and "Add as figure" (`Draft::add_from_span`):
//! a figure added from a selection is read by the extractor's own grammar; the record brings back
//! the same draft after every kind of change; a damaged record is refused, never a panic.

use kezuohou_explorer::draft_store::{decode, encode, restore, Op, Problem};
use kezuohou_explorer::model::extract::{draft, AddError};
use kezuohou_explorer::model::{Period, Qualifier, Scale, Unit};
use proptest::prelude::*;

const TEXT: &str = "In 2017 the forest coverage rate exceeded 21%.\n\nThe banner now has 310 forest guards, and about 1.4 million tourists visited in 2019.";

fn span_of(text: &str, quote: &str) -> std::ops::Range<usize> {
    let at = text.find(quote).expect("quote in text");
    at..at + quote.len()
}

#[test]
fn a_selection_is_read_by_the_extractor_and_kept_in_text_order() {
    let mut d = draft(TEXT);
    let quotes: Vec<&str> = d.figures.iter().map(|f| &TEXT[f.span.clone()]).collect();
    println!("drafted: {quotes:?}");
    let first = d.figures[0].clone();
    d.drop_figure(0);
    // Select "rate exceeded 21%." loosely: the number is read in its whole sentence.
    let i = d
        .add_from_span(span_of(TEXT, "exceeded 21%"))
        .expect("added");
    assert_eq!(i, 0, "kept in text order");
    let f = &d.figures[0];
    assert_eq!(
        (f.value, f.scale, f.unit.clone()),
        (21.0, Scale::One, Unit::builtin("%"))
    );
    assert_eq!(f.qualifier, Qualifier::MoreThan);
    assert_eq!(f.period, Period::Year { year: 2017 });
    assert_eq!(f.span, first.span);
    assert_eq!(f.label, TEXT[f.span.clone()].trim());
    // Again: already a figure.
    assert_eq!(
        d.add_from_span(span_of(TEXT, "21%")),
        Err(AddError::Already(0))
    );
    // A year alone is not a figure; nor are words; a span off the text is refused.
    assert_eq!(
        d.add_from_span(span_of(TEXT, "2017")),
        Err(AddError::NoFigure)
    );
    assert_eq!(
        d.add_from_span(span_of(TEXT, "forest coverage")),
        Err(AddError::NoFigure)
    );
    assert_eq!(d.add_from_span(5..5), Err(AddError::BadSpan));
    assert_eq!(d.add_from_span(0..TEXT.len() + 1), Err(AddError::BadSpan));
}

#[test]
fn a_scale_word_in_the_selection_is_read_too() {
    let mut d = draft(TEXT);
    let k = d
        .figures
        .iter()
        .position(|f| f.value == 1.4)
        .expect("1.4 million drafted");
    d.drop_figure(k);
    let i = d
        .add_from_span(span_of(TEXT, "1.4 million tourists"))
        .expect("added");
    let f = &d.figures[i];
    assert_eq!(
        (f.value, f.scale, f.unit.clone()),
        (1.4, Scale::Million, Unit::builtin("{visit}"))
    );
    assert_eq!(f.qualifier, Qualifier::About);
}

#[test]
fn every_change_comes_back_from_the_record() {
    let mut ops = vec![
        Op::Drop(0),
        Op::Add(span_of(TEXT, "21%").start, span_of(TEXT, "21%").end),
        Op::Label(0, "Forest cover\twith a tab\nand \\ a line".into()),
        Op::Value(0, "21.5".into()),
        Op::Scale(0, Scale::Thousand),
        Op::Unit(0, Unit::builtin("ha")),
        Op::Qualifier(0, Qualifier::LessThan),
        Op::Period(
            0,
            Period::Range {
                from: 2014,
                to: 2017,
            },
        ),
        Op::Period(1, Period::Since { year: 2014 }),
    ];
    let d0 = draft(TEXT);
    if !d0.relations.is_empty() {
        ops.push(Op::Accept(0, true));
    }
    let stored = encode(TEXT, &ops);
    let (text, back) = decode(&stored).expect("decodes");
    assert_eq!(text, TEXT);
    assert_eq!(back, ops);
    let (d, _) = restore(&stored).expect("restores");
    let f = &d.figures[0];
    assert_eq!(f.label, "Forest cover\twith a tab\nand \\ a line");
    assert_eq!(
        (f.value, f.scale, f.unit.clone()),
        (21.5, Scale::Thousand, Unit::builtin("ha"))
    );
    assert_eq!(f.qualifier, Qualifier::LessThan);
    assert_eq!(
        f.period,
        Period::Range {
            from: 2014,
            to: 2017
        }
    );
    assert_eq!(d.figures[1].period, Period::Since { year: 2014 });
    // The empty draft too.
    assert_eq!(decode(&encode("", &[])), Ok((String::new(), Vec::new())));
}

#[test]
fn a_counted_unit_the_drafter_declares_comes_back_from_the_record() {
    let text = "Title\nThe groups built 40 check dams and dug 12 ponds.";
    let well = kezuohou_explorer::model::extract::unit("{well}").expect("the drafter counts wells");
    let ops = vec![Op::Unit(1, well.clone())];
    let stored = encode(text, &ops);
    assert_eq!(decode(&stored).expect("decodes").1, ops);
    let (d, _) = restore(&stored).expect("restores");
    assert_eq!(d.figures[0].unit.code(), "{check-dam}");
    assert_eq!(d.figures[1].unit, well);
}

#[test]
fn a_damaged_record_is_refused() {
    let good = encode(TEXT, &[Op::Drop(0)]);
    for bad in [
        "".to_string(),
        "garbage".to_string(),
        good.replace("/draft/1", "/draft/2"),
        good.replace("/draft/1", "/draft/0"),
        good.replacen(&format!("\n{}\n", TEXT.len()), "\n99999\n", 1),
        good.replacen(&format!("\n{}\n", TEXT.len()), "\n-1\n", 1),
        format!("{good}\nz\t1"),
        format!("{good}\nd\t999"),
        format!("{good}\nv\t0\tnot a number"),
        format!("{good}\nl\t0\t\\q"),
    ] {
        assert_eq!(restore(&bad).err(), Some(Problem::Corrupt), "{bad:?}");
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]
    #[test]
    fn any_record_restores_or_is_refused(s in ".{0,200}", cut in 0usize..400) {
        let _ = restore(&s);
        let good = encode(TEXT, &[Op::Drop(0), Op::Label(0, s.clone())]);
        let cut = cut.min(good.len());
        if good.is_char_boundary(cut) {
            let _ = restore(&good[..cut]);
        }
    }

    #[test]
    fn any_selection_adds_or_says_why(a in 0usize..200, len in 0usize..60) {
        let mut d = draft(TEXT);
        d.figures.clear();
        d.relations.clear();
        if let Ok(i) = d.add_from_span(a..a + len) {
            let f = &d.figures[i];
            prop_assert!(TEXT[f.span.clone()].contains(&TEXT[f.number.clone()]));
        }
    }
}
