#![cfg(not(target_arch = "wasm32"))]
//! Properties of the extractor on any text: it never panics, every drafted dataset loads in the
//! explorer, every span points at text holding the number it reports, and drafting a
//! megabyte takes well under a second in a release build (the timing is printed, run with
//! `--release -- --nocapture`; the bounds asserted are generous, for debug builds on a busy
//! machine).

use std::time::Instant;

use case_explorer::model::extract::{decimal, draft, Doubt};
use case_explorer::model::Model;
use proptest::prelude::*;

const EN: &str = include_str!("extract/kezuohou_en.txt");
const ZH: &str = include_str!("extract/kezuohou_zh.txt");

/// Pieces that exercise the grammar: digits of both widths, separators, scale and unit words,
/// qualifiers, period words, relation words, line breaks and characters of every width.
fn piece() -> impl Strategy<Value = String> {
    prop_oneof![
        "[0-9０-９]{1,7}",
        "[0-9]{1,3}(,[0-9]{3}){0,3}(\\.[0-9]{1,3})?",
        Just(" ".to_string()),
        Just("\n".to_string()),
        Just("\n\n".to_string()),
        prop::sample::select(vec![
            ",",
            ".",
            ". ",
            "。",
            "，",
            "、",
            "%",
            "％",
            "-",
            "–",
            "—",
            "/",
            "年",
            "月",
            "日",
            "万",
            "亿",
            "万亿",
            "千",
            "亩",
            "万亩",
            "元",
            "万元",
            "美元",
            "人次",
            "户",
            "名",
            "个百分点",
            "立方米",
            "平方公里",
            "公顷",
            "million",
            "billion",
            "thousand",
            "trillion",
            " ha",
            " hectares",
            " yuan",
            " mu",
            " km²",
            " m3",
            "US$",
            "$",
            " percent",
            " percentage points",
            " people",
            " guards",
            " households",
            " tourists",
            "more than ",
            "over ",
            "less than ",
            "about ",
            "nearly ",
            "超过",
            "以上",
            "逾",
            "多",
            "不足",
            "以下",
            "约",
            "近",
            "左右",
            "in ",
            "since ",
            "from ",
            " to ",
            "at present",
            "in recent years",
            "目前",
            "近年来",
            "以来",
            "其中",
            "合计",
            "包括",
            "including",
            "totaling ",
            "of which",
            "all of whom",
            "全部为",
            "Case Study ",
            "第",
            "st",
            "th",
            "March ",
            "一",
            "两",
            "十",
            "三百",
            "由",
            "提高到",
            "Section ",
            "🌵",
            "é",
            "\u{0301}",
            "\r\n",
            "\t",
            "\u{3000}",
            "annual salary of ",
            "每人每年",
        ])
        .prop_map(str::to_string),
        "\\PC{0,6}",
    ]
}

fn text() -> impl Strategy<Value = String> {
    prop::collection::vec(piece(), 0..60).prop_map(|v| v.concat())
}

fn ascii_digits(s: &str) -> String {
    s.chars()
        .filter_map(|c| match c {
            '0'..='9' | '.' => Some(c),
            '０'..='９' => char::from_u32(c as u32 - '０' as u32 + '0' as u32),
            '．' => Some('.'),
            _ => None,
        })
        .collect()
}

/// What a span must show: the digits of the value as printed (万亿 and trillion are kept as
/// multiples, so their printed digits are the value over the multiple).
fn check_spans(text: &str) -> Result<(), TestCaseError> {
    let d = draft(text);
    for f in &d.figures {
        let span = text.get(f.span.clone());
        let number = text.get(f.number.clone());
        prop_assert!(
            span.is_some() && number.is_some(),
            "spans on char boundaries: {f:?}"
        );
        let (span, number) = (span.unwrap_or(""), number.unwrap_or(""));
        prop_assert!(span.contains(number), "the span holds the number: {f:?}");
        prop_assert!(f.sentence.start <= f.span.start && f.span.end <= f.sentence.end);
        if f.implied {
            prop_assert!(f.doubts.contains(&Doubt::Implied));
            continue;
        }
        let digits = ascii_digits(number);
        if digits.is_empty() {
            // A Chinese numeral: only its characters.
            prop_assert!(number
                .chars()
                .all(|c| "零〇一二两三四五六七八九十百千".contains(c)));
            continue;
        }
        let printed: f64 = digits
            .parse()
            .map_err(|e| TestCaseError::fail(format!("{e}: {digits}")))?;
        let candidates = [f.value, f.value / 1e3, f.value / 1e4];
        prop_assert!(
            candidates
                .iter()
                .any(|v| (v - printed).abs() <= 1e-9 * printed.abs().max(1.0)),
            "“{number}” reads {printed}, the figure says {}",
            f.value
        );
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(
        std::env::var("FUZZ_CASES").ok().and_then(|v| v.parse().ok()).unwrap_or(400)
    ))]

    #[test]
    fn any_text_drafts_into_a_dataset_the_explorer_loads(t in text()) {
        let d = draft(&t);
        let ds = d.to_dataset(true);
        if let Err(e) = Model::from_dataset(ds) {
            return Err(TestCaseError::fail(format!("{t:?} → {e:?}")));
        }
        check_spans(&t)?;
    }

    #[test]
    fn any_unicode_drafts_without_panic(t in "\\PC{0,300}") {
        let d = draft(&t);
        prop_assert!(Model::from_dataset(d.to_dataset(true)).is_ok());
        check_spans(&t)?;
    }

    #[test]
    fn cut_anywhere_the_test_texts_still_draft(a in 0usize..4000, b in 0usize..4000) {
        for t in [EN, ZH] {
            let (mut a, mut b) = (a.min(t.len()), b.min(t.len()));
            if a > b { std::mem::swap(&mut a, &mut b); }
            while !t.is_char_boundary(a) { a -= 1; }
            while !t.is_char_boundary(b) { b -= 1; }
            let piece = &t[a..b];
            prop_assert!(Model::from_dataset(draft(piece).to_dataset(true)).is_ok());
            check_spans(piece)?;
        }
    }
}

proptest! {
    /// The hand-written decimal reader gives what the standard parser gives.
    #[test]
    fn decimals_read_as_the_standard_parser_reads_them(
        int in "[0-9]{1,9}",
        frac in prop::option::of("[0-9]{1,6}"),
    ) {
        let s = match &frac { Some(f) => format!("{int}.{f}"), None => int.clone() };
        let want: f64 = s.parse().map_err(|e| TestCaseError::fail(format!("{e}")))?;
        prop_assert_eq!(decimal(&s), Some(want), "{}", s);
    }
}

#[test]
fn the_test_texts_spans_hold_their_numbers() {
    check_spans(EN).expect("English spans");
    check_spans(ZH).expect("Chinese spans");
}

fn megabyte(seed: &str) -> String {
    let mut t = String::with_capacity(1 << 20);
    while t.len() < 1 << 20 {
        t.push_str(seed);
        t.push('\n');
    }
    t
}

#[test]
fn a_megabyte_drafts_in_well_under_a_second() {
    let mixed = format!("{EN}\n{ZH}");
    // Worst case for a scanner that looks back: numbers without a single full stop.
    let run_on = "1,234 ha and 56 万元 and more than 7% over 2002 ".repeat(4);
    for (name, seed) in [
        ("mixed EN+ZH", mixed.as_str()),
        ("no full stops", run_on.as_str()),
    ] {
        let quarter: String = megabyte(seed).chars().take(1 << 18).collect();
        let whole = megabyte(seed);
        let t0 = Instant::now();
        let small = draft(&quarter);
        let t_quarter = t0.elapsed();
        let t1 = Instant::now();
        let d = draft(&whole);
        let t_whole = t1.elapsed();
        println!(
            "{name}: 1 MB ({} bytes) → {} figures, {} relations in {:.0} ms; 256 KB in {:.0} ms (ratio {:.1})",
            whole.len(),
            d.figures.len(),
            d.relations.len(),
            t_whole.as_secs_f64() * 1e3,
            t_quarter.as_secs_f64() * 1e3,
            t_whole.as_secs_f64() / t_quarter.as_secs_f64().max(1e-9),
        );
        assert!(d.figures.len() > small.figures.len());
        // Generous bounds, to catch a quadratic slip without flaking on a busy machine: the
        // release build drafts the megabyte in a fraction of a second.
        let bound = if cfg!(debug_assertions) { 60.0 } else { 5.0 };
        assert!(
            t_whole.as_secs_f64() < bound,
            "{name}: {t_whole:?} for 1 MB"
        );
        assert!(
            t_whole.as_secs_f64() < 12.0 * t_quarter.as_secs_f64() + 0.5,
            "{name}: four times the text takes {t_whole:?} against {t_quarter:?}: not linear"
        );
    }
}

#[test]
fn drafted_ids_stay_within_the_limit_whatever_the_words() {
    // One long compound word, then two thirty-letter words from the tenth figure on: every id
    // stays within 64 characters and the draft opens in the explorer.
    let long = "Rindfleischetikettierungsueberwachungsaufgabenuebertragungsgesetz";
    let thirty = "abcdefghijklmnopqrstuvwxyzabcd";
    let mut text = format!("The {long} covered 500 hectares.\n\n");
    for i in 1..=12 {
        text.push_str(&format!(
            "The {thirty} {thirty} area grew to {i}00 hectares.\n\n"
        ));
    }
    let d = draft(&text);
    assert!(d.figures.len() >= 10, "{} figures", d.figures.len());
    for f in &d.figures {
        assert!(
            f.id.chars().count() <= 64,
            "{} is {} characters",
            f.id,
            f.id.len()
        );
    }
    Model::from_dataset(d.to_dataset(true)).expect("the draft opens");
}
