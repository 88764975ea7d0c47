#![cfg(not(target_arch = "wasm32"))]
//! The draft kept in the browser (`draft_store`) and "Add as figure" (`Draft::add_from_span`):
//! a figure added from a selection is read by the extractor's own grammar; the record brings back
//! the same draft after every kind of change; a damaged record is refused, never a panic.

use case_explorer::draft_store::{
    apply, chart_forms, check_id, dataset, decode, drafted, encode, encode_as_lines, fix_ids,
    replay, restore, Edited, IdProblem, Op, Problem,
};
use case_explorer::model::extract::{draft, AddError};
use case_explorer::model::limits::{
    MAX_DRAFT_BYTES, MAX_DRAFT_FIGURES, MAX_DRAFT_HEADLINES, MAX_ID_CHARS, MAX_LABEL_CHARS,
};
use case_explorer::model::Lang;
use case_explorer::model::{Period, Qualifier, Scale, Unit};
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
    let (_, e, _) = restore(&stored).expect("restores");
    let d = e.draft;
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
    let well = case_explorer::model::extract::unit("{well}").expect("the drafter counts wells");
    let ops = vec![Op::Unit(1, well.clone())];
    let stored = encode(text, &ops);
    assert_eq!(decode(&stored).expect("decodes").1, ops);
    let (_, e, _) = restore(&stored).expect("restores");
    let d = e.draft;
    assert_eq!(d.figures[0].unit.code(), "{check-dam}");
    assert_eq!(d.figures[1].unit, well);
}

#[test]
fn a_damaged_record_is_refused() {
    let good = encode(TEXT, &[Op::Drop(0)]);
    let (header, json) = good.split_once('\n').expect("a header line");
    assert_eq!(header, "kezuohou-explorer/draft/3");
    assert_eq!(
        serde_json::from_str::<serde_json::Value>(json).expect("JSON"),
        serde_json::json!({"text": TEXT, "ops": [{"drop": 0}]})
    );
    for bad in [
        "".to_string(),
        "garbage".to_string(),
        good.replace("/draft/3", "/draft/4"),
        good.replace("/draft/3", "/draft/0"),
        good[..good.len() - 1].to_string(),
        format!("{good}x"),
        good.replace(r#""ops""#, r#""changes""#),
        good.replace(r#"{"drop":0}"#, r#"{"drop":999}"#),
        good.replace(r#"{"drop":0}"#, r#"{"drop":-1}"#),
        good.replace(r#"{"drop":0}"#, r#"{"zap":0}"#),
        good.replace(r#"{"drop":0}"#, r#"{"unit":[0,"no such unit"]}"#),
        good.replace(r#"{"drop":0}"#, r#"{"value":[0,"not a number"]}"#),
        good.replace(r#"{"drop":0}"#, r#"{"scale":[0,"dozen"]}"#),
        format!(
            "kezuohou-explorer/draft/3\n{{\"text\":{}}}",
            serde_json::json!(TEXT)
        ),
        format!("kezuohou-explorer/draft/2\n{json}"),
    ] {
        assert_eq!(restore(&bad).err(), Some(Problem::Corrupt), "{bad:?}");
    }
    // The earlier formats' own ways of being damaged.
    let good = encode_as_lines(2, TEXT, &[Op::Drop(0)]);
    assert!(restore(&good).is_ok());
    for bad in [
        good.replace("/draft/2\n", "/draft/3\n"),
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
        for good in [
            encode(TEXT, &[Op::Drop(0), Op::Label(0, s.clone())]),
            encode_as_lines(2, TEXT, &[Op::Drop(0), Op::Label(0, s.clone())]),
        ] {
            let cut = cut.min(good.len());
            if good.is_char_boundary(cut) {
                let _ = restore(&good[..cut]);
            }
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

/// Our own words: a small invented restoration story with several figures.
const STORY: &str = "Reed Marsh Restoration in Lakeside County\n\nBy 2021 the cooperative had replanted 1,200 hectares of reed beds and 800 hectares of sedge meadow. It paid 3.5 million yuan in wages to 420 households.\n\nThe water level rose by a hand's width, and the bird count doubled.";

fn edited(text: &str, ops: &[Op]) -> Edited {
    let base = drafted(text).expect("within bounds");
    replay(&base, ops).expect("every op applies")
}

fn id(e: &Edited, i: usize) -> String {
    e.draft.figures[i].id.clone()
}

/// The ops that clear the story the editor starts from (the proposer's charts and headline
/// cards), so a test can build one of its own from nothing.
fn clear(text: &str) -> Vec<Op> {
    let e = edited(text, &[]);
    let index = |id: &str| e.draft.figures.iter().position(|f| f.id == id);
    let mut ops: Vec<Op> = e
        .story
        .headlines
        .iter()
        .filter_map(|id| index(id))
        .map(|i| Op::Headline(i, false))
        .collect();
    for (_, ids) in &e.story.groups {
        ops.extend(
            ids.iter()
                .filter_map(|id| index(id))
                .map(|i| Op::Group(i, String::new())),
        );
    }
    ops
}

/// `ops` after clearing the proposed story.
fn from_nothing(text: &str, ops: Vec<Op>) -> Vec<Op> {
    [clear(text), ops].concat()
}

#[test]
fn the_editor_starts_from_the_proposed_charts_and_headlines() {
    let e = edited(STORY, &[]);
    let proposed = e
        .draft
        .to_dataset(false)
        .presentation
        .expect("a proposed story");
    let charts = proposed.charts.expect("proposed charts");
    assert!(!charts.is_empty());
    assert_eq!(e.story.groups.len(), charts.len());
    assert_eq!(Some(e.story.headlines.clone()), proposed.headlines);
    // Unedited, the dataset handed to the explorer draws the same charts, titled in each
    // language as proposed.
    let ds = dataset(&e);
    let drawn = ds.presentation.and_then(|p| p.charts).expect("charts");
    assert_eq!(
        drawn
            .iter()
            .map(|c| (&c.panels, &c.title))
            .collect::<Vec<_>>(),
        charts
            .iter()
            .map(|c| (&c.panels, &c.title))
            .collect::<Vec<_>>()
    );
    // Cleared, nothing is drawn: the reader's "none" is kept.
    let none = dataset(&edited(STORY, &clear(STORY)));
    let p = none.presentation.expect("a presentation");
    assert_eq!(p.charts, Some(Vec::new()));
    assert_eq!(p.headlines, Some(Vec::new()));
}

#[test]
fn the_story_is_written_over_the_drafted_dataset_and_loads() {
    let e0 = edited(STORY, &[]);
    assert!(e0.draft.figures.len() >= 4, "{:?}", e0.draft.figures);
    let ops = vec![
        Op::Title(Lang::En, "Reeds back on the marsh".into()),
        Op::Title(Lang::Zh, "芦苇回到湿地".into()),
        Op::Place(Lang::En, "Lakeside County".into()),
        Op::Intro(Lang::En, "How a cooperative replanted a marsh.".into()),
        Op::LabelIn(0, Lang::En, "Reed beds replanted".into()),
        Op::LabelIn(0, Lang::Zh, "补种芦苇".into()),
        Op::Group(0, "Replanted areas".into()),
        Op::Group(1, "Replanted areas".into()),
        Op::ChartTitle("Replanted areas".into(), "Areas replanted by 2021".into()),
        Op::Headline(0, true),
        Op::Headline(2, true),
        Op::HeadlineMove(1, true),
    ];
    let ops = from_nothing(STORY, ops);
    let e = edited(STORY, &ops);
    let ds = dataset(&e);
    assert_eq!(ds.case.title.get(Lang::En), "Reeds back on the marsh");
    assert_eq!(ds.case.title.get(Lang::Zh), "芦苇回到湿地");
    assert_eq!(ds.case.place.get(Lang::En), "Lakeside County");
    let p = ds.presentation.as_ref().expect("a presentation");
    assert_eq!(
        p.intro.as_ref().map(|t| t.get(Lang::En)),
        Some("How a cooperative replanted a marsh.")
    );
    let f0 = ds
        .figures
        .iter()
        .find(|f| f.id == id(&e, 0))
        .expect("figure 0");
    assert_eq!(f0.label.get(Lang::En), "Reed beds replanted");
    assert_eq!(f0.label.get(Lang::Zh), "补种芦苇");
    let charts = p.charts.as_ref().expect("the reader's chart");
    assert_eq!(charts.len(), 1);
    assert_eq!(charts[0].title.get(Lang::En), "Areas replanted by 2021");
    assert_eq!(charts[0].panels, vec![vec![id(&e, 0), id(&e, 1)]]);
    assert_eq!(
        p.headlines.as_ref().expect("headlines"),
        &vec![id(&e, 2), id(&e, 0)]
    );
    // What the explorer is handed loads like any dataset.
    let json = serde_json::to_string_pretty(&ds).expect("serializes");
    let model = case_explorer::model::Model::from_json(&json).expect("the edited draft loads");
    assert_eq!(
        model.dataset.case.title.get(Lang::En),
        "Reeds back on the marsh"
    );
    // The title the reader wrote is the page's, marked as chosen, not suggested.
    assert_eq!(
        model.story.title.by,
        case_explorer::model::Provenance::Declared
    );
    assert_eq!(model.story.title.value.get(Lang::Zh), "芦苇回到湿地");
}

#[test]
fn the_reader_chooses_a_form_the_figures_fit_and_it_follows_the_chart() {
    use case_explorer::model::presentation::forms_for;
    use case_explorer::model::ChartKind;
    let group = vec![Op::Group(0, "Areas".into()), Op::Group(1, "Areas".into())];
    let e = edited(STORY, &from_nothing(STORY, group.clone()));
    let members = vec![id(&e, 0), id(&e, 1)];
    // Two areas in hectares: bars as proposed, or dots; a dumbbell needs a declared change.
    let forms: Vec<ChartKind> = forms_for(&dataset(&e), &members)
        .into_iter()
        .map(|(k, _)| k)
        .collect();
    assert_eq!(forms, vec![ChartKind::Bars, ChartKind::Dots]);
    // The editor's list, worked out on the charted figures alone, says the same.
    assert_eq!(chart_forms(&e), vec![forms.clone()]);
    let kind_of = |ops: Vec<Op>| {
        let ds = dataset(&edited(STORY, &from_nothing(STORY, ops)));
        let json = serde_json::to_string(&ds).expect("serializes");
        case_explorer::model::Model::from_json(&json).expect("loads");
        let charts = ds.presentation.and_then(|p| p.charts).unwrap_or_default();
        charts.iter().map(|c| c.kind).collect::<Vec<_>>()
    };
    let with = |more: Vec<Op>| group.iter().cloned().chain(more).collect::<Vec<_>>();
    assert_eq!(kind_of(group.clone()), vec![ChartKind::Bars]);
    let dots = Op::ChartKind("Areas".into(), Some(ChartKind::Dots));
    assert_eq!(kind_of(with(vec![dots.clone()])), vec![ChartKind::Dots]);
    // The choice follows a new title, and "as proposed" takes it back.
    let renamed = Op::ChartTitle("Areas".into(), "Replanted".into());
    assert_eq!(
        kind_of(with(vec![dots.clone(), renamed.clone()])),
        vec![ChartKind::Dots]
    );
    let back = Op::ChartKind("Replanted".into(), None);
    assert_eq!(
        kind_of(with(vec![dots.clone(), renamed, back])),
        vec![ChartKind::Bars]
    );
    // A form the figures do not fit is not drawn: the proposer's stands.
    let dumbbell = Op::ChartKind("Areas".into(), Some(ChartKind::Dumbbell));
    assert_eq!(kind_of(with(vec![dumbbell])), vec![ChartKind::Bars]);
    // A chart that is not there cannot be given a form.
    let mut e2 = edited(STORY, &from_nothing(STORY, group.clone()));
    assert!(!apply(
        &mut e2,
        &Op::ChartKind("No such chart".into(), Some(ChartKind::Dots))
    ));
    // Kept in the record (format 3), left out of a format-2 one, which had no line for it.
    let ops = from_nothing(STORY, with(vec![dots]));
    let stored = encode(STORY, &ops);
    assert!(
        stored.contains(r#"{"chart_kind":["Areas","dots"]}"#),
        "{stored}"
    );
    assert_eq!(decode(&stored).expect("decodes").1, ops);
    let old = encode_as_lines(2, STORY, &ops);
    assert_eq!(decode(&old).expect("decodes").1.len(), ops.len() - 1);
}

#[test]
fn a_chart_of_one_figure_or_one_figure_per_unit_is_not_drawn() {
    // Figure 0 is in hectares, figure 2 in yuan: a panel each, one bar each: no chart.
    let e = edited(
        STORY,
        &from_nothing(
            STORY,
            vec![Op::Group(0, "Mixed".into()), Op::Group(2, "Mixed".into())],
        ),
    );
    let ds = dataset(&e);
    assert_eq!(
        ds.presentation.as_ref().and_then(|p| p.charts.as_ref()),
        Some(&Vec::new())
    );
}

#[test]
fn undo_is_the_log_without_its_last_op_replayed() {
    let ops = vec![
        Op::LabelIn(0, Lang::En, "First".into()),
        Op::LabelIn(0, Lang::En, "Second".into()),
        Op::Drop(1),
        Op::Headline(0, true),
    ];
    let base = drafted(STORY).expect("drafted");
    let mut step = Edited::new(&base);
    let mut states = vec![step.clone()];
    for op in &ops {
        assert!(apply(&mut step, op), "{op:?}");
        states.push(step.clone());
    }
    for n in 0..=ops.len() {
        assert_eq!(
            replay(&base, &ops[..n]).as_ref(),
            Some(&states[n]),
            "after {n} ops"
        );
    }
    assert_eq!(
        states[1].story.label(&id(&states[1], 0), Lang::En),
        Some("First")
    );
    assert_eq!(
        states[2].story.label(&id(&states[2], 0), Lang::En),
        Some("Second")
    );
}

#[test]
fn every_new_kind_of_change_comes_back_from_the_record() {
    let e0 = edited(STORY, &[]);
    let words = span_of(STORY, "the bird count doubled");
    let ops = vec![
        Op::AddTyped {
            span: (words.start, words.end),
            value: "100".into(),
            unit: Unit::builtin("%"),
            label: "Bird count, change\twith a tab".into(),
        },
        Op::LabelIn(0, Lang::Zh, "补种\n芦苇".into()),
        Op::Id(0, "reed_beds".into()),
        Op::Title(Lang::En, "A title".into()),
        Op::Place(Lang::Zh, "湖滨县".into()),
        Op::Intro(Lang::Fr, "Une introduction.".into()),
        Op::Group(0, "Areas".into()),
        Op::Group(1, "Areas".into()),
        Op::ChartTitle("Areas".into(), "Replanted".into()),
        Op::Headline(1, true),
        Op::Headline(0, true),
        Op::HeadlineMove(0, false),
        Op::Headline(1, false),
    ];
    let ops = from_nothing(STORY, ops);
    let stored = encode(STORY, &ops);
    assert!(stored.starts_with("kezuohou-explorer/draft/3\n{"));
    let (text, back) = decode(&stored).expect("decodes");
    assert_eq!((text.as_str(), &back), (STORY, &ops));
    // A record of format 2 holding every kind of change reads back the same: the next change
    // writes it in format 3 with nothing lost.
    let old = encode_as_lines(2, STORY, &ops);
    assert!(old.starts_with(&format!("kezuohou-explorer/draft/2\n{}\n", STORY.len())));
    assert_eq!(decode(&old), Ok((STORY.to_string(), ops.clone())));
    assert_eq!(encode(STORY, &decode(&old).expect("decodes").1), stored);
    let (_, e, _) = restore(&stored).expect("restores");
    assert_eq!(e, edited(STORY, &ops));
    // The figure typed by hand, in text order (last here), with what was typed.
    let added = e.draft.figures.last().expect("added");
    assert_eq!(added.value, 100.0);
    assert_eq!(added.label, "Bird count, change\twith a tab");
    assert_eq!(&STORY[added.span.clone()], "the bird count doubled");
    assert_eq!(e.draft.figures.len(), e0.draft.figures.len() + 1);
    assert_eq!(e.draft.figures[0].id, "reed_beds");
    assert_eq!(e.story.label("reed_beds", Lang::Zh), Some("补种\n芦苇"));
    assert_eq!(e.story.headlines, vec!["reed_beds".to_string()]);
    // It reaches the dataset, and French texts declare French.
    let ds = dataset(&e);
    assert!(ds.figures.iter().any(|f| f.value == 100.0 && f.unit == "%"));
    assert!(ds.case.languages.iter().any(|l| l == "fr"));
    let json = serde_json::to_string(&ds).expect("serializes");
    case_explorer::model::Model::from_json(&json).expect("loads");
}

#[test]
fn a_format_1_record_still_restores_and_may_not_hold_new_changes() {
    let old = encode_as_lines(1, TEXT, &[Op::Drop(0), Op::Label(0, "Guards".into())]);
    assert!(old.starts_with("kezuohou-explorer/draft/1\n"));
    let (_, e, ops) = restore(&old).expect("a format-1 record restores");
    assert_eq!(ops.len(), 2);
    assert_eq!(e.draft.figures[0].label, "Guards");
    let odd = encode_as_lines(1, TEXT, &[Op::Title(Lang::En, "x".into())]);
    assert_eq!(restore(&odd).err(), Some(Problem::Corrupt));
}

#[test]
fn records_past_the_bounds_are_refused_not_replayed() {
    let long_label = "x".repeat(MAX_LABEL_CHARS + 1);
    let stored = encode(TEXT, &[Op::LabelIn(0, Lang::En, long_label)]);
    assert_eq!(restore(&stored).err(), Some(Problem::TooLarge));
    let stored = encode(TEXT, &[Op::Id(0, "a".repeat(MAX_ID_CHARS + 1))]);
    assert_eq!(restore(&stored).err(), Some(Problem::TooLarge));
    // A stated text length over the bound is refused before anything is read.
    let header = format!("kezuohou-explorer/draft/2\n{}\n", MAX_DRAFT_BYTES + 1);
    assert_eq!(restore(&header).err(), Some(Problem::TooLarge));
    let big = "a".repeat(MAX_DRAFT_BYTES + 1);
    assert_eq!(restore(&encode(&big, &[])).err(), Some(Problem::TooLarge));
    assert!(drafted(&big).is_err());
    // What is kept always restores: an edit past the bounds is not applied in the first place.
    let mut e = edited(TEXT, &[]);
    assert!(!apply(
        &mut e,
        &Op::Title(Lang::En, "t".repeat(MAX_LABEL_CHARS + 1))
    ));
    assert!(apply(
        &mut e,
        &Op::Title(Lang::En, "t".repeat(MAX_LABEL_CHARS))
    ));
}

#[test]
fn ids_are_checked_and_a_new_id_follows_into_relations_and_the_story() {
    let e = edited(STORY, &from_nothing(STORY, vec![Op::Headline(1, true)]));
    let d = &e.draft;
    assert_eq!(check_id(d, 0, ""), Err(IdProblem::Empty));
    assert_eq!(
        check_id(d, 0, &"a".repeat(MAX_ID_CHARS + 1)),
        Err(IdProblem::TooLong)
    );
    assert_eq!(check_id(d, 0, "reed beds"), Err(IdProblem::BadChar(5, ' ')));
    assert_eq!(check_id(d, 0, &d.figures[1].id), Err(IdProblem::Taken));
    assert_eq!(check_id(d, 0, &d.figures[0].id), Ok(()));
    let mut e2 = e.clone();
    assert!(!apply(&mut e2, &Op::Id(0, d.figures[1].id.clone())));
    assert!(apply(&mut e2, &Op::Id(1, "meadow".into())));
    assert_eq!(e2.story.headlines, vec!["meadow".to_string()]);
    // Drafted ids are unique and within the bound.
    let ids: std::collections::HashSet<&str> = d.figures.iter().map(|f| f.id.as_str()).collect();
    assert_eq!(ids.len(), d.figures.len());
    assert!(d
        .figures
        .iter()
        .all(|f| f.id.chars().count() <= MAX_ID_CHARS));
}

#[test]
fn headline_cards_are_bounded() {
    let text: String = (1..=12)
        .map(|k| format!("Plot {k} covers {} hectares.\n\n", 100 + k))
        .collect();
    let base = drafted(&text).expect("drafted");
    assert!(base.draft.figures.len() >= 10);
    let mut e = Edited::new(&base);
    for i in 0..MAX_DRAFT_HEADLINES {
        assert!(apply(&mut e, &Op::Headline(i, true)));
    }
    assert!(!apply(&mut e, &Op::Headline(MAX_DRAFT_HEADLINES, true)));
    assert!(
        !apply(&mut e, &Op::HeadlineMove(0, true)),
        "the first cannot go up"
    );
}

#[test]
fn the_same_text_is_not_drafted_twice_and_figures_past_the_cap_are_left_out() {
    let a = drafted(STORY).expect("drafted");
    let b = drafted(STORY).expect("drafted");
    assert!(std::rc::Rc::ptr_eq(&a, &b), "kept for the session");
    let text: String = (0..MAX_DRAFT_FIGURES + 7)
        .map(|k| format!("Plot {k} covers {} hectares. ", 1000 + k))
        .collect();
    let big = drafted(&text).expect("drafted");
    assert_eq!(big.draft.figures.len(), MAX_DRAFT_FIGURES);
    assert_eq!(big.cut, 7);
}

#[test]
fn drafted_ids_too_long_or_twice_are_cut_and_made_unique() {
    let mut d = draft(STORY);
    let long = "x".repeat(MAX_ID_CHARS + 30);
    d.figures[0].id = long.clone();
    d.figures[1].id = long.clone();
    d.figures[2].id = "same".into();
    d.figures[3].id = "same".into();
    d.figures[3].repeats = Some("same".into());
    fix_ids(&mut d);
    let ids: Vec<&str> = d.figures.iter().map(|f| f.id.as_str()).collect();
    assert_eq!(ids[0], "x".repeat(MAX_ID_CHARS));
    assert_eq!(ids[1].chars().count(), MAX_ID_CHARS);
    assert!(ids[1].ends_with("_2"), "{}", ids[1]);
    assert_eq!((ids[2], ids[3]), ("same", "same_2"));
    // A reference to the id still names the first figure of it.
    assert_eq!(d.figures[3].repeats.as_deref(), Some("same"));
    let unique: std::collections::HashSet<&str> = ids.iter().copied().collect();
    assert_eq!(unique.len(), ids.len());
}

#[test]
fn what_a_figure_measures_is_proposed_chosen_kept_and_written_into_the_dataset() {
    let e = edited(STORY, &[]);
    let of = |e: &Edited, id: &str| {
        dataset(e)
            .figures
            .into_iter()
            .find(|f| f.id == id)
            .and_then(|f| f.concept)
    };
    let area = e
        .draft
        .figures
        .iter()
        .position(|f| f.unit == Unit::builtin("ha"))
        .expect("an area");
    let area_id = id(&e, area);
    assert_eq!(
        of(&e, &area_id).as_deref(),
        Some("area_restored"),
        "proposed from the words"
    );
    // The reader says it measures nothing comparable, then renames it: the choice follows.
    let ops = vec![Op::Concept(area, None), Op::Id(area, "reed_area".into())];
    let e2 = edited(STORY, &ops);
    assert_eq!(of(&e2, "reed_area"), None);
    let stored = encode(STORY, &ops);
    let none = format!(r#"{{"concept":[{area},null]}}"#);
    assert!(stored.contains(&none), "{stored}");
    let (_, back) = decode(&stored).expect("decodes");
    assert_eq!(back, ops);
    // A code outside the vocabulary makes the record damaged, not a dataset the app refuses.
    let tampered = stored.replace(&none, &format!(r#"{{"concept":[{area},"happiness"]}}"#));
    assert_eq!(decode(&tampered), Err(Problem::Corrupt));
    let known = stored.replace(&none, &format!(r#"{{"concept":[{area},"area_restored"]}}"#));
    assert_eq!(
        decode(&known).expect("decodes").1[0],
        Op::Concept(area, Some("area_restored"))
    );
    // The same in the line format of earlier records.
    let old = encode_as_lines(2, STORY, &ops);
    assert!(old.contains(&format!("k\t{area}\t\n")), "{old}");
    let tampered = old.replace(
        &format!("k\t{area}\t\n"),
        &format!("k\t{area}\thappiness\n"),
    );
    assert!(decode(&tampered).is_err());
    // A choice the unit cannot measure (the unit changed since) is not written.
    let ops = vec![
        Op::Concept(area, Some("area_restored")),
        Op::Unit(area, Unit::builtin("{household}")),
    ];
    let e3 = edited(STORY, &ops);
    assert_ne!(of(&e3, &area_id).as_deref(), Some("area_restored"));
    let json = serde_json::to_string(&dataset(&e3)).expect("serializes");
    case_explorer::model::Model::from_json(&json).expect("loads");
}
