//! Labels, title, place, intro and periods of drafted news-style texts: what a reader sees
//! must read as a case. Texts and expected words in `tests/extract/spec.rs`.

#[path = "extract/spec.rs"]
mod spec;

use case_explorer::model::extract::{draft, Doubt, Draft, DraftFigure};
use case_explorer::model::{Period, Text};

fn in_en(t: &Text) -> &str {
    t.in_tag("en").map_or("", String::as_str)
}

fn in_zh(t: &Text) -> &str {
    t.in_tag("zh").map_or("", String::as_str)
}

fn find<'a>(d: &'a Draft, number: &str) -> &'a DraftFigure {
    d.figures
        .iter()
        .find(|f| d.text.get(f.number.clone()) == Some(number))
        .unwrap_or_else(|| panic!("no figure {number}"))
}

/// Measured when written: English 23/23, Chinese 18/18 (the drafter before this: 13/23, 15/18).
const LABEL_FLOOR: [(&str, f64); 2] = [("en", 0.85), ("zh", 0.9)];

#[test]
fn labels_hold_the_words_of_what_is_measured() {
    for (lang, floor) in LABEL_FLOOR {
        let (mut good, mut all) = (0, 0);
        for t in spec::texts().into_iter().filter(|t| t.lang == lang) {
            let (g, a) = spec::label_score(t.name, &draft(t.text), &t.labels, true);
            good += g;
            all += a;
        }
        assert!(all > 0, "{lang}: no labels expected");
        let share = good as f64 / all as f64;
        assert!(
            share >= floor,
            "{lang}: {good}/{all} labels hold their words"
        );
    }
}

#[test]
fn no_label_holds_a_neighbouring_number() {
    for t in spec::texts() {
        let d = draft(t.text);
        for f in &d.figures {
            if f.doubts.contains(&Doubt::LabelFromQuote) {
                continue;
            }
            let own = d.text.get(f.number.clone()).unwrap_or("");
            let digits = f.label.chars().filter(char::is_ascii_digit).count();
            let own_digits = own.chars().filter(char::is_ascii_digit).count();
            assert!(
                digits == 0 || f.label.contains(own) && digits == own_digits,
                "{}: label {:?} of {own}",
                t.name,
                f.label
            );
        }
    }
}

#[test]
fn a_guessed_label_is_listed_for_review() {
    let d = draft(spec::NEWS_EN);
    assert!(find(&d, "4.3").doubts.contains(&Doubt::LabelGuessed));
    assert!(!find(&d, "68").doubts.contains(&Doubt::LabelGuessed));
    let ds = d.to_dataset(true);
    let zh = draft(spec::NEWS_ZH).to_dataset(true);
    // The text's language as written, the other language marked until someone writes it.
    let forest = ds
        .figures
        .iter()
        .find(|f| in_en(&f.label).contains("forest cover"));
    assert!(forest.is_some_and(|f| in_zh(&f.label).contains("待译")));
    let cover = zh
        .figures
        .iter()
        .find(|f| in_zh(&f.label).contains("森林覆盖率"));
    assert!(cover.is_some_and(|f| in_en(&f.label).contains("to translate")));
    assert_eq!(ds.case.language, "en");
    assert_eq!(zh.case.language, "zh");
}

#[test]
fn title_place_and_intro_come_from_the_headline_the_names_and_the_lead() {
    let en = draft(spec::NEWS_EN).front();
    assert_eq!(
        en.title,
        "Carbon credits pay for the rangers of Hilltop County"
    );
    assert_eq!(
        en.place.as_deref(),
        Some("Hilltop County, Northland Province")
    );
    let intro = en.intro.unwrap_or_default();
    assert!(
        intro.starts_with("Forest farms spanning 93,000 hectares"),
        "{intro}"
    );
    assert!(!intro.contains("Ecological protection"));
    let zh = draft(spec::NEWS_ZH).front();
    assert_eq!(zh.title, "青山县林场碳汇收入创新高");
    assert_eq!(zh.place.as_deref(), Some("北川省青山县"));
    let intro = zh.intro.unwrap_or_default();
    assert!(intro.starts_with("记者从北川省青山县林业局获悉"), "{intro}");
    // A Chinese text whose first paragraph is long and has no title line: cut, not whole.
    let long = "某县大力推进生态保护和乡村振兴工作，全县森林覆盖率提高到百分之六十以上，林业产值持续增长，护林员队伍不断壮大，村民收入稳步提高，生态旅游蓬勃发展，带动了周边村庄的就业与增收，成为全省生态建设的示范县之一，受到了广泛关注和好评。\n全县森林覆盖率为65%。";
    let t = draft(long).front().title;
    assert!(t.chars().count() <= 81, "{t}");
    let none = draft("Forest cover\nForest cover reached 40% in 2010.").front();
    assert_eq!(none.place, None);
    let ds = draft("Forest cover\nForest cover reached 40% in 2010.").to_dataset(true);
    assert_eq!(in_en(&ds.case.place), "not stated");
}

#[test]
fn this_year_each_year_and_a_period_opening_the_sentence() {
    let en = draft(spec::NEWS_EN);
    assert_eq!(find(&en, "68").period, Period::Year { year: 2026 });
    assert_eq!(find(&en, "600").period, Period::Year { year: 2017 });
    assert_eq!(find(&en, "4.3").period, Period::Year { year: 2017 });
    let rate = find(&en, "230");
    assert_eq!(rate.unit.code(), "CNY/a");
    assert_eq!(rate.period, Period::Present);
    assert!(rate.doubts.contains(&Doubt::RecurringAsPresent));
    let zh = draft(spec::NEWS_ZH);
    assert_eq!(find(&zh, "1488").period, Period::Year { year: 2026 });
    assert_eq!(find(&zh, "1200").period, Period::Year { year: 2026 });
    assert_eq!(find(&zh, "4.3").unit.code(), "CNY/a");
    assert_eq!(find(&zh, "4.3").period, Period::Present);
    assert_eq!(find(&zh, "13").period, Period::Year { year: 2017 });
    assert_eq!(find(&zh, "2.1").period, Period::Year { year: 2017 });
    // No date stated: "this year" is the present, flagged.
    let undated = draft("Forest cover\n今年，全县森林覆盖率达到45%。");
    let f = find(&undated, "45");
    assert_eq!(f.period, Period::Present);
    assert!(f.doubts.contains(&Doubt::ThisYearUndated));
}
