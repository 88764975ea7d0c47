//! Number styles (issue 21): the compact style, the default, writes each language's scale words
//! ("1.2 billion yuan", "12亿元", "1,2 milliard de yuans") with every digit the source printed;
//! money goes before the amount where the language writes it so ("US$7.97 million"); derived
//! values keep three significant digits unless their inputs carry more; the full style writes
//! every digit; the earlier "wan" setting still reads.

use case_explorer::model::display::{show, NumberStyle, UnitChoice};
use case_explorer::model::{Currency, Lang, Model};
use case_explorer::numfmt;

/// The figure or derived metric `id` of the embedded case as a reader sees it.
fn text(id: &str, lang: Lang, style: NumberStyle, currency: Option<&str>) -> String {
    let m = Model::embedded().expect("the embedded case loads");
    let q = m.quantity(id).expect("a quantity of the embedded case");
    let choice = UnitChoice {
        currency: currency.map(|c| Currency::parse(c).expect("a currency code")),
        ..UnitChoice::default()
    };
    // No-break spaces keep a number with its scale word; the test reads them as spaces.
    numfmt::shown(&show(&m, q, choice, lang), lang, style).replace(['\u{a0}', '\u{202f}'], " ")
}

#[test]
fn the_compact_style_is_the_default() {
    assert_eq!(NumberStyle::default(), NumberStyle::Compact);
}

#[test]
fn reported_figures_in_scale_words() {
    let c = NumberStyle::Compact;
    assert_eq!(
        text("tourism_income_2017", Lang::En, c, None),
        "1.2 billion yuan"
    );
    assert_eq!(text("tourism_income_2017", Lang::Zh, c, None), "12亿元");
    assert_eq!(
        text("tourism_income_2017", Lang::Fr, c, None),
        "1,2 milliard de yuans"
    );
    assert_eq!(
        text("income_gain_all", Lang::En, c, None),
        "51.36 million yuan"
    );
    assert_eq!(text("income_gain_all", Lang::Zh, c, None), "5136万元");
    assert_eq!(
        text("income_gain_all", Lang::Fr, c, None),
        "51,36 millions de yuans"
    );
    // Every printed digit stays: 50.457 million is 5045.7万.
    assert_eq!(text("subsidy_total", Lang::Zh, c, None), "5045.7万元");
    assert_eq!(
        text("subsidy_total", Lang::En, c, None),
        "50.457 million yuan"
    );
}

#[test]
fn money_in_dollars_goes_where_the_language_puts_it() {
    let c = NumberStyle::Compact;
    // An amount at an average rate is computed: three significant digits.
    assert_eq!(
        text("income_gain_all", Lang::En, c, Some("USD")),
        "US$7.97 million"
    );
    assert_eq!(
        text("income_gain_all", Lang::Zh, c, Some("USD")),
        "797万美元"
    );
    assert_eq!(
        text("income_gain_all", Lang::Fr, c, Some("USD")),
        "7,97 millions de $ US"
    );
    assert_eq!(
        text("income_gain_all", Lang::En, NumberStyle::Full, Some("USD")),
        "US$7,970,000"
    );
    // Yuan are written after the amount in English too.
    assert_eq!(
        text("income_gain_all", Lang::En, c, Some("CNY")),
        "51.36 million yuan"
    );
}

#[test]
fn derived_values_keep_three_significant_digits() {
    let c = NumberStyle::Compact;
    assert_eq!(
        text("tourism_income_per_visit", Lang::En, c, None),
        "857 yuan per visit"
    );
    assert_eq!(
        text("tourism_income_per_visit", Lang::Zh, c, None),
        "857 元/人次"
    );
    assert_eq!(
        text("timber_per_forest_ha", Lang::Fr, c, None),
        "1,38 m³ par ha"
    );
    assert_eq!(
        text("timber_per_forest_ha", Lang::En, c, None),
        "1.38 m³ per ha"
    );
    // A sum of figures printed with four and five digits keeps four.
    assert_eq!(
        text("subsidy_parts_sum", Lang::En, c, None),
        "504.6 million yuan"
    );
}

#[test]
fn the_full_style_writes_every_digit() {
    let f = NumberStyle::Full;
    assert_eq!(
        text("tourism_income_2017", Lang::En, f, None),
        "1,200,000,000 yuan"
    );
    assert_eq!(
        text("tourism_income_2017", Lang::Zh, f, None),
        "1,200,000,000 元"
    );
    assert_eq!(
        text("income_gain_all", Lang::Fr, f, None),
        "51 360 000 yuans"
    );
}

#[test]
fn the_earlier_wan_setting_reads_as_compact() {
    assert_eq!(NumberStyle::read("wan"), Some(NumberStyle::Compact));
    assert_eq!(NumberStyle::read("compact"), Some(NumberStyle::Compact));
    assert_eq!(NumberStyle::read("full"), Some(NumberStyle::Full));
    assert_eq!(NumberStyle::read("Full"), None);
}

#[test]
fn axis_ticks_use_the_languages_short_words() {
    assert_eq!(numfmt::axis(2e8, Lang::En), "200M");
    assert_eq!(numfmt::axis(1e9, Lang::En), "1B");
    assert_eq!(numfmt::axis(2e8, Lang::Zh), "2亿");
    assert_eq!(numfmt::axis(5e6, Lang::Zh), "500万");
    assert_eq!(
        numfmt::axis(2.5e9, Lang::Fr).replace('\u{a0}', " "),
        "2,5 Md"
    );
    assert_eq!(numfmt::axis(500.0, Lang::En), "500");
}
