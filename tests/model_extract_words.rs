#![cfg(not(target_arch = "wasm32"))]
//! The drafter's number words (issue 19): lakh and crore, 多/余/几 before 万/亿, hyphenated
//! figures, currency signs and words, counted things with a unit of their own, qualifiers away
//! from the number, rates. Two texts of our own (`tests/extract/watershed_en.txt`,
//! `tests/extract/reservoir_zh.txt`) compared figure by figure with `tests/extract/spec.rs`,
//! and one-sentence cases. `cargo test --test model_extract_words -- --nocapture` prints the
//! figures read, precision and recall.

#[path = "extract/spec.rs"]
mod spec;

use case_explorer::model::extract::{draft, Doubt, Draft, DraftFigure, SkipReason};
use case_explorer::model::{Model, Qualifier, Scale};
use spec::{score, RESERVOIR_ZH, WATERSHED_EN};

fn find<'a>(d: &'a Draft, quote: &str) -> &'a DraftFigure {
    d.figures
        .iter()
        .find(|f| d.text[f.span.clone()].contains(quote))
        .unwrap_or_else(|| panic!("no figure quoting “{quote}”"))
}

fn skipped(d: &Draft, reason: SkipReason) -> Vec<&str> {
    d.skipped
        .iter()
        .filter(|s| s.reason == reason)
        .map(|s| &d.text[s.span.clone()])
        .collect()
}

#[test]
fn the_watershed_text_reads_rupees_lakh_crore_and_counted_works() {
    let d = draft(WATERSHED_EN);
    let s = score("watershed_en", &d, &spec::watershed_en(), true);
    assert_eq!(s.recall(), 1.0, "every expected figure is drafted");
    assert_eq!(s.precision(), 1.0, "nothing else is drafted");
}

#[test]
fn the_reservoir_text_reads_odd_counts_before_wan_and_yi_and_measure_words() {
    let d = draft(RESERVOIR_ZH);
    let s = score("reservoir_zh", &d, &spec::reservoir_zh(), true);
    assert_eq!(s.recall(), 1.0, "every expected figure is drafted");
    assert_eq!(s.precision(), 1.0, "nothing else is drafted");
}

#[test]
fn years_dates_ordinals_references_and_vague_counts_stay_out() {
    let d = draft(WATERSHED_EN);
    assert_eq!(skipped(&d, SkipReason::Year), ["2011", "2019"]);
    assert_eq!(skipped(&d, SkipReason::Date), ["2016"], "March 2016");
    assert_eq!(skipped(&d, SkipReason::Reference), ["3.2", "4"]);
    assert_eq!(skipped(&d, SkipReason::Ordinal), ["2"], "the 2nd-largest");
    assert_eq!(skipped(&d, SkipReason::NoUnit), ["150"], "150 sites");
    let z = draft(RESERVOIR_ZH);
    assert_eq!(skipped(&z, SkipReason::Year), ["2015"]);
    assert_eq!(skipped(&z, SkipReason::Vague), ["几万"]);
    assert_eq!(skipped(&z, SkipReason::Ordinal), ["3"]);
    assert_eq!(skipped(&z, SkipReason::Reference), ["2"], "表2");
}

#[test]
fn every_rewrite_and_guess_is_listed_for_review() {
    let d = draft(WATERSHED_EN);
    let lakh_crore = find(&d, "1.44");
    assert!(lakh_crore.doubts.contains(&Doubt::ScaleRewritten));
    assert_eq!(lakh_crore.value * lakh_crore.scale.factor(), 1.44e12);
    assert!(find(&d, "1,240").doubts.contains(&Doubt::UnitFromNoun));
    assert!(!find(&d, "Rs 12").doubts.contains(&Doubt::ScaleRewritten));
    let z = draft(RESERVOIR_ZH);
    // 水库3座: the first "3座" in the text, its noun before the number.
    assert!(find(&z, "3座").doubts.contains(&Doubt::UnitFromNoun));
    assert!(find(&z, "300元").doubts.contains(&Doubt::RateFromWords));
    assert!(find(&z, "2000余户").doubts.contains(&Doubt::MaybeYear));
}

#[test]
fn the_drafts_declare_their_counted_things_and_load_in_the_explorer() {
    for (text, codes) in [
        (
            WATERSHED_EN,
            &[
                "{village}",
                "{check-dam}",
                "{pond}",
                "{well}",
                "{job}",
                "{self-help-group}",
                "{nursery}",
            ][..],
        ),
        (
            RESERVOIR_ZH,
            &["{reservoir}", "{well}", "{check-dam}", "{nursery}", "{job}"][..],
        ),
    ] {
        let ds = draft(text).to_dataset(true);
        let declared: Vec<&str> = ds.units.iter().map(|u| u.code.as_str()).collect();
        assert_eq!(declared, codes, "each counted thing once, in text order");
        assert!(ds
            .units
            .iter()
            .all(|u| u.dimension == "items" && u.factor == 1.0));
        let m = Model::from_dataset(ds).unwrap_or_else(|e| panic!("the draft loads: {e:?}"));
        assert!(m.dataset.figures.iter().any(|f| f.unit == "{well}"));
    }
    // A text without counted things declares nothing.
    assert!(draft("Title\nIt covers 5 ha.\n")
        .to_dataset(true)
        .units
        .is_empty());
}

/// One sentence, one figure: (text, value, scale, unit code, qualifier).
#[rustfmt::skip]
const SENTENCES: &[(&str, f64, Scale, &str, Qualifier)] = &[
    ("The fund held Rs 12 crore.", 12.0, Scale::Crore, "INR", Qualifier::Exact),
    ("It paid ₹3.5 lakh.", 3.5, Scale::Lakh, "INR", Qualifier::Exact),
    ("It paid 3.5 lakh rupees.", 3.5, Scale::Lakh, "INR", Qualifier::Exact),
    ("It set aside INR 2 crore.", 2.0, Scale::Crore, "INR", Qualifier::Exact),
    ("A ₹1.44-lakh-crore plan.", 144000.0, Scale::Crore, "INR", Qualifier::Exact),
    ("A 2 lakh crore rupees plan.", 200000.0, Scale::Crore, "INR", Qualifier::Exact),
    ("A 1.2-million-yuan fund.", 1.2, Scale::Million, "CNY", Qualifier::Exact),
    ("A 10-kW pump.", 10.0, Scale::One, "kW", Qualifier::Exact),
    ("It costs KES 300.", 300.0, Scale::One, "KES", Qualifier::Exact),
    ("It costs 40 shillings.", 40.0, Scale::One, "KES", Qualifier::Exact),
    ("It earned 5,000 pesos.", 5000.0, Scale::One, "MXN", Qualifier::Exact),
    ("It earned MXN 5,000.", 5000.0, Scale::One, "MXN", Qualifier::Exact),
    ("It earned $40.", 40.0, Scale::One, "USD", Qualifier::Exact),
    ("It earned €40 a year.", 40.0, Scale::One, "EUR/a", Qualifier::Exact),
    ("It stores up to 40 m3 per hectare.", 40.0, Scale::One, "m3/ha", Qualifier::AtMost),
    ("It employs almost 40 people.", 40.0, Scale::One, "{person}", Qualifier::LessThan),
    ("They dug 12 tube wells.", 12.0, Scale::One, "{well}", Qualifier::Exact),
    ("收入三十几万元。", 30.0, Scale::Wan, "CNY", Qualifier::MoreThan),
    ("收入300多万块钱。", 300.0, Scale::Wan, "CNY", Qualifier::MoreThan),
    ("年产量达5万余吨。", 5.0, Scale::Wan, "t", Qualifier::MoreThan),
    ("建成3座水库。", 3.0, Scale::One, "{reservoir}", Qualifier::Exact),
    ("大约占总面积的21%。", 21.0, Scale::One, "%", Qualifier::About),
    ("接近3000人。", 3000.0, Scale::One, "{person}", Qualifier::LessThan),
    ("花了300块。", 300.0, Scale::One, "CNY", Qualifier::Exact),
    ("It pays 500 rupees per person.", 500.0, Scale::One, "INR/{person}", Qualifier::Exact),
    ("It pays Rs 500 per household per year.", 500.0, Scale::One, "INR/{household}/a", Qualifier::Exact),
    ("每亩增产50斤。", 50.0, Scale::One, "jin/mu", Qualifier::Exact),
    ("每年接待游客30万人次。", 30.0, Scale::Wan, "{visit}/a", Qualifier::Exact),
    ("It produces 3 tonnes per hectare.", 3.0, Scale::One, "t/ha", Qualifier::Exact),
    ("Each cost Rs 40,000 per well.", 40000.0, Scale::One, "INR/{well}", Qualifier::Exact),
];

#[test]
fn one_sentence_cases() {
    for &(text, value, scale, unit, qualifier) in SENTENCES {
        let d = draft(&format!("Title\n{text}\n"));
        let got: Vec<_> = d
            .figures
            .iter()
            .map(|f| (f.value, f.scale, f.unit.code().to_string(), f.qualifier))
            .collect();
        assert_eq!(got, [(value, scale, unit.to_string(), qualifier)], "{text}");
    }
}

#[test]
fn hyphens_and_rates_do_not_overreach() {
    // A range is not a hyphenated unit; a growth rate is not a share per year; "几十万" is vague.
    for text in [
        "It grew 10-20 ha.",
        "Coverage grew 5% a year.",
        "另有几十万亩。",
    ] {
        let d = draft(&format!("Title\n{text}\n"));
        let got: Vec<_> = d
            .figures
            .iter()
            .map(|f| (f.value, f.unit.code().to_string()))
            .collect();
        match text {
            "It grew 10-20 ha." => assert_eq!(got, [(20.0, "ha".to_string())], "{text}"),
            "Coverage grew 5% a year." => assert_eq!(got, [(5.0, "%".to_string())], "{text}"),
            _ => assert!(got.is_empty(), "{text}: {got:?}"),
        }
    }
}

#[test]
fn held_out_texts_are_scored_not_tuned_on() {
    // Written after the drafter's words were settled: the floor is below their first score
    // (EN precision 0.857 / recall 0.706, ZH 0.636 / 0.636), to catch a collapse, not to tune.
    for (name, text, wants) in [
        ("holdout_en", spec::HOLDOUT_EN, spec::holdout_en()),
        ("holdout_zh", spec::HOLDOUT_ZH, spec::holdout_zh()),
    ] {
        let s = score(name, &draft(text), &wants, true);
        assert!(s.precision() >= 0.6, "{name}: precision {}", s.precision());
        assert!(s.recall() >= 0.6, "{name}: recall {}", s.recall());
    }
}
