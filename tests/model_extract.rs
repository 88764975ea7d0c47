#![cfg(not(target_arch = "wasm32"))]
//! The extractor against two texts written for these tests (never the case study itself):
//! `tests/extract/kezuohou_en.txt` restates every reported figure of `data/kezuohou.json` in
//! other words, with more wordings around them; `tests/extract/kezuohou_zh.txt` does the same in
//! Chinese. Each draft is compared with the expected figures one by one, and precision and
//! recall are printed (`cargo test --test model_extract -- --nocapture`).

#[path = "extract/spec.rs"]
mod spec;

use case_explorer::model::extract::{draft, Doubt, Draft, DraftFigure, SkipReason};
use case_explorer::model::{Model, Rule, Scale, Status, Unit};
use spec::{
    chinese_cases, english_extras, reported, score, Want, KEZUOHOU_EN as EN, KEZUOHOU_ZH as ZH,
};

/// The draft holds every expected figure and nothing else.
fn assert_drafted_exactly(name: &str, d: &Draft, wants: &[Want]) {
    let s = score(name, d, wants, true);
    assert_eq!(s.recall(), 1.0, "{name}: every expected figure is drafted");
    assert_eq!(s.precision(), 1.0, "{name}: nothing else is drafted");
}

fn find<'a>(d: &'a Draft, quote: &str) -> &'a DraftFigure {
    d.figures
        .iter()
        .find(|f| d.text[f.span.clone()].contains(quote))
        .unwrap_or_else(|| panic!("no figure quoting “{quote}”"))
}

/// The rules of the relations proposed for a draft.
fn proposed(d: &Draft) -> Vec<&Rule> {
    d.relations.iter().map(|r| &r.relation.rule).collect()
}

/// The subsidy's three parts are proposed to add up to its total, and the part paid to the
/// guards to lie within its whole; each figure named by a quote of it.
fn assert_subsidy_relations(d: &Draft, parts: [&str; 3], total: &str, part: &str, whole: &str) {
    let id = |quote: &str| find(d, quote).id.clone();
    let rules = proposed(d);
    let sum = Rule::SumEquals {
        parts: parts.map(id).to_vec(),
        total: id(total),
    };
    assert!(rules.contains(&&sum), "{sum:?} in {rules:?}");
    let part_of = Rule::PartOf {
        part: id(part),
        whole: id(whole),
    };
    assert!(rules.contains(&&part_of), "{part_of:?} in {rules:?}");
}

#[test]
fn the_english_text_yields_every_reported_figure_and_nothing_else() {
    let d = draft(EN);
    let mut wants = reported();
    assert_eq!(wants.len(), 20, "the case reports 20 figures");
    wants.extend(english_extras());
    assert_drafted_exactly("English test text", &d, &wants);
}

#[test]
fn the_chinese_text_is_drafted_with_the_same_precision() {
    let d = draft(ZH);
    let wants = chinese_cases();
    assert!(wants.len() >= 15);
    assert_drafted_exactly("Chinese test text", &d, &wants);
}

#[test]
fn years_dates_references_and_ordinals_stay_out() {
    let d = draft(EN);
    let skipped = |reason: SkipReason| -> Vec<&str> {
        d.skipped
            .iter()
            .filter(|s| s.reason == reason)
            .map(|s| &d.text[s.span.clone()])
            .collect()
    };
    assert_eq!(
        skipped(SkipReason::Reference),
        ["4.07", "2"],
        "case and section numbers"
    );
    assert_eq!(skipped(SkipReason::Ordinal), ["3"], "the 3rd phase");
    assert_eq!(skipped(SkipReason::Date), ["12", "2015"], "12 March 2015");
    let years = skipped(SkipReason::Year);
    for y in ["2013", "2002", "2014", "2017", "2016", "2019"] {
        assert!(years.contains(&y), "{y} is read as a year: {years:?}");
    }
    for f in &d.figures {
        let v = f.value * f.scale.factor();
        assert!(
            !(1900.0..=2100.0).contains(&v) || f.unit != Unit::builtin("{person}"),
            "a year became a figure: {f:?}"
        );
        assert!((v - 4.07).abs() > 1e-9, "the case number became a figure");
    }

    let z = draft(ZH);
    let zh_skipped: Vec<(&str, SkipReason)> = z
        .skipped
        .iter()
        .map(|s| (&z.text[s.span.clone()], s.reason))
        .collect();
    for (quote, reason) in [
        ("4.07", SkipReason::Reference),
        ("2013", SkipReason::Year),
        ("2015", SkipReason::Year),
        ("3", SkipReason::Date),
        ("12", SkipReason::Date),
        ("3", SkipReason::Ordinal),
    ] {
        assert!(
            zh_skipped.contains(&(quote, reason)),
            "{quote} is left out as {reason:?}: {zh_skipped:?}"
        );
    }
}

#[test]
fn the_subsidy_sum_of_which_and_the_repeat_are_proposed() {
    let d = draft(EN);
    assert_subsidy_relations(&d, ["92.16", "55.76", "356.65"], "50.457", "4.45", "51.36");
    let rules = proposed(&d);
    let cover = d
        .figures
        .iter()
        .filter(|f| f.unit == Unit::builtin("%") && f.value == 21.0);
    let ids: Vec<String> = cover.map(|f| f.id.clone()).collect();
    assert_eq!(ids.len(), 2);
    assert!(rules.contains(&&Rule::Equal {
        a: ids[0].clone(),
        b: ids[1].clone(),
    }));
    assert_eq!(
        d.figures
            .iter()
            .find(|f| f.id == ids[1])
            .and_then(|f| f.repeats.clone()),
        Some(ids[0].clone())
    );
    assert_eq!(rules.len(), 3, "no other relation is proposed: {rules:?}");
    assert!(
        d.relations.iter().all(|r| !r.accepted),
        "nothing is accepted silently"
    );

    let z = draft(ZH);
    assert_subsidy_relations(&z, ["9216", "5576", "35665"], "5045.7", "445", "5136");
}

#[test]
fn opened_in_the_explorer_the_draft_shows_the_subsidy_contradiction() {
    let d = draft(EN);
    let dataset = d.to_dataset(true);
    let json = serde_json::to_string(&dataset).expect("the draft serializes");
    let model = Model::from_json(&json).unwrap_or_else(|e| panic!("the draft loads: {e:?}"));
    let total = find(&d, "50.457").id.clone();
    let sum = model
        .findings
        .iter()
        .find(|f| matches!(&f.rule, Rule::SumEquals { total: t, .. } if *t == total))
        .expect("the subsidy sum is checked");
    assert_eq!(sum.status, Status::Contradicts, "{sum:?}");
    let part = model
        .findings
        .iter()
        .find(|f| matches!(f.rule, Rule::PartOf { .. }))
        .expect("the part is checked");
    assert_eq!(part.status, Status::Holds);

    // Without accepting, nothing but the figures goes to the explorer.
    assert!(d.to_dataset(false).relations.is_empty());
    // The Chinese draft loads too, and shows the same contradiction.
    let z = draft(ZH);
    let zm = Model::from_dataset(z.to_dataset(true))
        .unwrap_or_else(|e| panic!("the Chinese draft loads: {e:?}"));
    assert!(zm.findings.iter().any(|f| f.status == Status::Contradicts));
}

#[test]
fn an_area_added_as_context_is_proposed_as_a_container() {
    let mut d = draft(EN);
    let before = d.relations.len();
    d.add_context_area("Banner area", 11500.0, Scale::One, Unit::builtin("km2"));
    let areas = d.figures.iter().filter(|f| f.unit.is_area()).count();
    assert_eq!(areas, 6, "six areas in the text");
    assert_eq!(d.relations.len(), before + areas);
    let model = Model::from_dataset(d.to_dataset(true)).expect("the draft loads");
    let forest = find(&d, "3.4 million").id.clone();
    let f = model
        .findings
        .iter()
        .find(|f| matches!(&f.rule, Rule::FitsWithin { inner, .. } if *inner == forest))
        .expect("the forest land is checked against the banner");
    assert_eq!(
        f.status,
        Status::Contradicts,
        "3.4 million ha is 34,000 km²"
    );
}

#[test]
fn every_guess_is_listed_for_review() {
    let d = draft(EN);
    let doubts = |q: &str| find(&d, q).doubts.clone();
    assert!(doubts("310").contains(&Doubt::UnitFromNoun));
    assert!(doubts("10,000").contains(&Doubt::RateFromWords));
    assert!(doubts("exceeds 21%").is_empty(), "“now” dates it");
    assert!(doubts("10 percentage").contains(&Doubt::BaselineYear));
    assert!(doubts("less than 5%").contains(&Doubt::StartValue));
    assert!(doubts("3.4 million").contains(&Doubt::PeriodFromTense));
    assert!(doubts("all of whom").contains(&Doubt::Implied));
    assert!(find(&d, "51.36").doubts.is_empty());
    assert!(find(&d, "51.36").confidence() > find(&d, "all of whom").confidence());
    let z = draft(ZH);
    assert!(find(&z, "1.1万亿").doubts.contains(&Doubt::ScaleRewritten));
    // Labels are short and come from the clause.
    assert_eq!(find(&d, "50.457").label, "ecological subsidies");
    assert_eq!(
        find(&d, "356.65").label,
        "grassland awards and compensation"
    );
    assert_eq!(find(&z, "9216").label, "退耕还林补贴");
    assert!(d.figures.iter().all(|f| f.label.chars().count() <= 60));
}

#[test]
fn paragraphs_are_numbered_as_the_explorer_numbers_them() {
    let d = draft(EN);
    assert_eq!(d.paragraphs.len(), 6, "a title line and five paragraphs");
    assert!(d.text[d.paragraphs[0].span.clone()].starts_with("Case Study 4.07"));
    // Blank lines between paragraphs do not count; a hard-wrapped text is read by block.
    let spaced = draft("Title\n\nIt covers 5 ha.\n\n\nIt pays 3 yuan.\n");
    assert_eq!(spaced.paragraphs.len(), 3);
    assert_eq!(spaced.figures[1].paragraph, 2);
    let wrapped =
        draft("Title\n\nThe project treated\n5 ha of sand.\n\nIt paid 3 yuan\nto each farmer.\n");
    assert_eq!(wrapped.paragraphs.len(), 3);
    assert_eq!(
        wrapped
            .figures
            .iter()
            .map(|f| f.paragraph)
            .collect::<Vec<_>>(),
        [1, 2]
    );
}

#[test]
fn drafted_ids_and_paragraphs_are_plain_and_unique() {
    for text in [EN, ZH] {
        let ds = draft(text).to_dataset(true);
        let mut ids: Vec<&str> = ds.figures.iter().map(|f| f.id.as_str()).collect();
        assert!(ids.iter().all(|id| id
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_')));
        let n = ids.len();
        ids.sort_unstable();
        ids.dedup();
        assert_eq!(ids.len(), n, "ids are unique");
        let ns: Vec<u32> = ds.paragraphs.iter().map(|p| p.n).collect();
        assert_eq!(ns, (0..ns.len() as u32).collect::<Vec<_>>());
    }
}
