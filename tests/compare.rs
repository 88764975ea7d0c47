//! The comparison of cases on one concept (`model::compare`): the common basis, the rule for a
//! value far from its peers, the values set apart with their reason, the address round-trip.

use case_explorer::model::compare::{compare, is_far, Apart, Basis, CaseIn, Choice, FAR_FACTOR};
use case_explorer::model::{Currency, Lang, Model};

fn load(name: &str) -> Model {
    let path = format!("{}/data/{name}", env!("CARGO_MANIFEST_DIR"));
    let text = std::fs::read_to_string(&path).expect("dataset file");
    Model::from_json(&text).expect("valid dataset")
}

fn cases() -> Vec<(&'static str, Model)> {
    vec![
        ("kezuohou", load("kezuohou.json")),
        ("kubuqi", load("cases/kubuqi-desert.json")),
        ("loess", load("cases/loess-plateau.json")),
        ("meret", load("cases/meret-ethiopia.json")),
        ("niger", load("cases/niger-fmnr.json")),
        ("qingzhen", load("cases/qingzhen-afforestation.json")),
    ]
}

fn basis(cur: &str, area: &'static str) -> Basis {
    Basis {
        currency: Currency::parse(cur),
        area,
    }
}

fn value_of(c: &case_explorer::model::compare::Comparison, case: &str, id: &str) -> f64 {
    c.compared
        .iter()
        .find(|x| x.entry.case == case && x.entry.id == id)
        .map(|x| x.entry.shown.value.central())
        .unwrap_or_else(|| panic!("{case}/{id} not compared: {c:#?}"))
}

#[test]
fn areas_are_brought_to_one_unit() {
    let all = cases();
    let ins: Vec<CaseIn> = all
        .iter()
        .map(|(k, m)| CaseIn { key: k, model: m })
        .collect();
    let ha = compare(&ins, "area_restored", basis("USD", "ha"), Lang::En);
    assert!(ha.apart.is_empty(), "{:?}", ha.apart);
    assert_eq!(ha.silent, vec!["loess".to_string()]);
    assert_eq!(value_of(&ha, "kubuqi", "afforested_area"), 600_000.0);
    assert_eq!(value_of(&ha, "niger", "regreened_area"), 5_000_000.0);
    assert_eq!(value_of(&ha, "kezuohou", "desert_treated_area"), 273_333.0);
    let km2 = compare(&ins, "area_restored", basis("USD", "km2"), Lang::En);
    assert_eq!(value_of(&km2, "kubuqi", "afforested_area"), 6_000.0);
    assert!((value_of(&km2, "kezuohou", "desert_treated_area") - 2_733.33).abs() < 1e-6);
    assert_ne!(ha.unit, km2.unit);
}

#[test]
fn a_case_far_from_its_peers_is_marked_with_their_range() {
    let all = cases();
    let ins: Vec<CaseIn> = all
        .iter()
        .map(|(k, m)| CaseIn { key: k, model: m })
        .collect();
    let c = compare(&ins, "area_restored", basis("USD", "ha"), Lang::En);
    let far: Vec<(&str, &str)> = c
        .compared
        .iter()
        .filter(|x| x.far)
        .map(|x| (x.entry.case.as_str(), x.entry.id.as_str()))
        .collect();
    // Qingzhen's 1,000 and 666 ha against the others' 273,333 to 5 million; Niger's 5 million
    // against a median of 400,000 (its peers include Qingzhen's two).
    assert!(far.contains(&("qingzhen", "area_2016")), "{far:?}");
    assert!(far.contains(&("qingzhen", "area_2017")), "{far:?}");
    assert!(
        !far.contains(&("kezuohou", "desert_treated_area")),
        "{far:?}"
    );
    let q = c
        .compared
        .iter()
        .find(|x| x.entry.id == "area_2016")
        .and_then(|x| x.peers)
        .expect("peers");
    // Its peers are the other cases' values only: not Qingzhen's own 666 ha.
    assert_eq!(q.0, 273_333.0);
    assert_eq!(q.2, 5_000_000.0);
}

#[test]
fn the_far_rule_is_a_factor_both_ways() {
    assert!(is_far(3.01, 1.0));
    assert!(!is_far(FAR_FACTOR, 1.0));
    assert!(is_far(0.33, 1.0));
    assert!(!is_far(0.34, 1.0));
    // No median to be far from.
    assert!(!is_far(5.0, 0.0));
}

#[test]
fn money_is_converted_at_each_case_own_rate_or_set_apart() {
    let all = cases();
    let ins: Vec<CaseIn> = all
        .iter()
        .map(|(k, m)| CaseIn { key: k, model: m })
        .collect();
    let c = compare(&ins, "investment", basis("USD", "ha"), Lang::En);
    // The embedded case has yuan-per-dollar rates: its subsidies are in dollars, rate named.
    let k = c
        .compared
        .iter()
        .find(|x| x.entry.id == "subsidy_total")
        .expect("converted");
    let rate = k.entry.shown.rate.as_ref().expect("rate named");
    let reported = 50.457e6;
    assert!((k.entry.shown.value.central() - reported / rate.value).abs() < 1.0);
    // The Loess Plateau's dollars are compared as they are.
    assert_eq!(value_of(&c, "loess", "investment_usd"), 525e6);
    // Yuan without a rate to dollars: set apart, as reported, with the reason.
    let apart: Vec<(&str, &Apart)> = c.apart.iter().map(|(e, a)| (e.id.as_str(), a)).collect();
    let cny = Currency::parse("CNY").expect("CNY");
    let usd = Currency::parse("USD").expect("USD");
    for id in [
        "investment_cny",
        "subsidy_2016",
        "subsidy_2017",
        "compensation_2019",
    ] {
        assert!(
            apart.contains(&(id, &Apart::NoRate { from: cny, to: usd })),
            "{id}: {apart:?}"
        );
    }
    let raw = c
        .apart
        .iter()
        .find(|(e, _)| e.id == "investment_cny")
        .expect("apart");
    assert_eq!(raw.0.shown.value.central(), 4.2e9);
}

#[test]
fn units_on_another_basis_are_listed_apart_with_the_compared_unit() {
    let all = cases();
    let ins: Vec<CaseIn> = all
        .iter()
        .map(|(k, m)| CaseIn { key: k, model: m })
        .collect();
    // Money as reported: the embedded case's totals against a gain per person a year.
    let as_reported = Basis {
        currency: None,
        area: "ha",
    };
    let c = compare(&ins, "income_gain", as_reported, Lang::En);
    assert_eq!(c.compared.len(), 2, "{c:#?}");
    let (e, why) = c
        .apart
        .iter()
        .find(|(e, _)| e.case == "loess")
        .expect("loess apart");
    assert_eq!(e.id, "farm_income_gain");
    assert_eq!(
        why,
        &Apart::OtherBasis {
            compared: c.unit.clone()
        }
    );
    assert!(e.shown.unit.contains("per person"), "{}", e.shown.unit);
}

#[test]
fn the_choice_round_trips_through_the_address() {
    let mut c = Choice::default();
    for (k, v) in [
        ("cases", "kezuohou,local:abc_1,niger-fmnr"),
        ("concept", "sdg:15.1.1"),
        ("ccur", "eur"),
        ("carea", "km2"),
    ] {
        assert_eq!(c.read(k, v), Some(true), "{k}={v}");
    }
    let mut back = Choice::default();
    for (k, v) in c.params() {
        assert_eq!(back.read(k, &v), Some(true));
    }
    assert_eq!(back, c);
    assert_eq!(back.cases.len(), 3);
    assert_eq!(Choice::default().params(), vec![]);
}

#[test]
fn a_tampered_choice_is_refused_and_changes_nothing() {
    let mut c = Choice::default();
    assert_eq!(c.read("cases", "a,b"), Some(true));
    for (k, v) in [
        ("cases", "a,<script>"),
        ("cases", "local:"),
        ("concept", "nonsense"),
        ("ccur", "XXX1"),
        ("carea", "parsec"),
    ] {
        assert_eq!(c.read(k, v), Some(false), "{k}={v}");
    }
    assert_eq!(c.cases, vec!["a".to_string(), "b".to_string()]);
    assert_eq!(c.concept, None);
    assert_eq!(c.read("view", "compare"), None);
    let many = vec!["x"; 100].join(",");
    // Repeats collapse; too many is refused.
    assert_eq!(c.read("cases", &many), Some(false));
}
