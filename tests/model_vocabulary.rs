#![cfg(not(target_arch = "wasm32"))]
//! The unit vocabulary, currencies and exchange rates as data: compound codes, a case in Kenya
//! shillings with tonnes, litres and kilowatts, units a dataset declares, and what is refused.

use case_explorer::model::display::{show, UnitChoice};
use case_explorer::model::units::{convert, vocabulary_units, Family};
use case_explorer::model::vocabulary::UNITS;
use case_explorer::model::{Currency, DatasetError, Lang, Model, Status, Unit};
use serde_json::{json, Value};

const KENYA: &str = include_str!("fixtures/kenya_dairy.json");

fn kenya() -> Model {
    Model::from_json(KENYA).expect("the Kenya case loads")
}

fn kenya_value() -> Value {
    serde_json::from_str(KENYA).expect("json")
}

fn errors(v: &Value) -> Vec<(String, String)> {
    match Model::from_json(&v.to_string()) {
        Ok(_) => panic!("accepted a malformed dataset"),
        Err(e) => e
            .iter()
            .map(|e: &DatasetError| (e.kind.code().to_string(), e.path.clone()))
            .collect(),
    }
}

fn close(a: f64, b: f64) -> bool {
    (a - b).abs() <= 1e-9 * a.abs().max(b.abs())
}

/// Where the item `id` stands in `list`.
fn at(v: &Value, list: &str, id: &str) -> usize {
    v[list]
        .as_array()
        .and_then(|l| l.iter().position(|x| x["id"] == id))
        .unwrap_or_else(|| panic!("{list} has no {id}"))
}

#[test]
fn compound_codes_are_read_from_the_rows() {
    let u = Unit::parse("CNY/ha/a").expect("yuan per hectare per year");
    assert_eq!(u.symbol(Lang::En), "yuan per ha per year");
    assert_eq!(u.symbol(Lang::Zh), "元/公顷·年");
    // French is a column of the table and a rule of its language file.
    let wage = Unit::parse("CNY/{person}/a").unwrap();
    assert_eq!(wage.symbol(Lang::Fr), "yuans par personne par an");
    assert_eq!(
        u.money_term().map(|(c, e)| (c.code().to_string(), e)),
        Some(("CNY".into(), 1))
    );
    // A row whose code holds a dot is read whole.
    let kwh = Unit::parse("kW.h").expect("kWh");
    assert_eq!(kwh.symbol(Lang::En), "kWh");
    // kW × a is energy: 1 kW for a year is 8,766 kWh (Julian year).
    let kw_year = Unit::parse("kW.a").expect("kW·a");
    assert_eq!(kw_year.dims(), kwh.dims());
    assert!(close(convert(1.0, &kw_year, &kwh).unwrap(), 8766.0));
    assert!(close(
        convert(1.0, &Unit::builtin("t"), &Unit::builtin("jin")).unwrap(),
        2000.0
    ));
    assert!(close(
        convert(1.0, &Unit::builtin("acre"), &Unit::builtin("ha")).unwrap(),
        0.40468564224
    ));
    assert_eq!(convert(1.0, &Unit::builtin("t"), &Unit::builtin("L")), None);
    for bad in [
        "",
        "/ha",
        "ha/",
        "CNY//ha",
        "furlong",
        "ha/furlong",
        "cny",
        "KSH",
        "XYZ",
    ] {
        assert_eq!(Unit::parse(bad), None, "{bad:?}");
    }
}

#[test]
fn every_row_has_names_and_a_family_choice_lists_only_its_kind() {
    for r in UNITS {
        let u = Unit::builtin(r.code);
        assert!(
            !u.symbol(Lang::En).is_empty() && !u.symbol(Lang::Zh).is_empty(),
            "{}",
            r.code
        );
    }
    let areas: Vec<&str> = Family::Area.choices().map(|r| r.code).collect();
    assert_eq!(areas, ["m2", "ha", "mu", "km2", "acre"]);
    let masses: Vec<&str> = Family::Mass.choices().map(|r| r.code).collect();
    assert_eq!(masses, ["kg", "jin", "t"]);
    // Currencies are units too, and so listed for the drafter's review.
    assert!(vocabulary_units().any(|u| u.code() == "KES"));
}

#[test]
fn a_case_in_kenya_shillings_loads_with_its_own_units_and_rates() {
    let m = kenya();
    assert_eq!(m.migrated_from, None);
    let families: Vec<Family> = m.families().collect();
    assert_eq!(
        families,
        [Family::Volume, Family::Power, Family::Mass, Family::Area]
    );
    assert_eq!(m.default_unit(Family::Mass), Some("t"));
    assert_eq!(m.default_unit(Family::Volume), Some("L"));
    let currencies: Vec<String> = m
        .currencies()
        .iter()
        .map(|c| c.code().to_string())
        .collect();
    assert_eq!(currencies, ["KES", "USD"]);
    // 3.6 million litres at KSh 52 a litre: the stated payments, to the shilling.
    assert_eq!(
        m.relation_status("payments_match_deliveries"),
        Some(Status::Holds)
    );
    // 2,150 t over 1,240 households, in kilograms per household.
    let maize = m.quantity("maize_per_household").expect("derived");
    assert!(close(maize.value.central(), 2_150_000.0 / 1240.0));
    assert_eq!(maize.unit.symbol(Lang::En), "kg per household");
}

#[test]
fn money_converts_at_the_declared_rate_of_its_own_year() {
    let m = kenya();
    let q = m.quantity("milk_payments").expect("figure");
    let mut choice = UnitChoice::default();
    let as_reported = show(&m, q, choice, Lang::En);
    assert_eq!(
        (as_reported.value.central(), as_reported.unit.as_str()),
        (187_200_000.0, "KSh")
    );
    choice.currency = Currency::parse("USD");
    let usd = show(&m, q, choice, Lang::En);
    assert!(
        close(usd.value.central(), 187_200_000.0 / 139.8),
        "{:?}",
        usd.value
    );
    assert_eq!(usd.unit, "US$");
    let rate = usd.rate.expect("the rate is named");
    assert_eq!((rate.value, rate.years.clone()), (139.8, vec![2023]));
    // A price per litre converts too, and a per-litre price in mass or volume choices stays.
    let price = show(&m, m.quantity("milk_price").unwrap(), choice, Lang::Zh);
    assert!(close(price.value.central(), 52.0 / 139.8));
    assert_eq!(price.unit, "美元/升");
    // No rate to euros: nothing is converted, nothing guessed.
    choice.currency = Currency::parse("EUR");
    let eur = show(&m, q, choice, Lang::En);
    assert_eq!((eur.value.central(), eur.rate), (187_200_000.0, None));
}

#[test]
fn a_family_choice_converts_every_term_of_that_kind() {
    let m = kenya();
    let mut choice = UnitChoice::default();
    choice.set(Family::Mass, Some("kg"));
    let maize = show(&m, m.quantity("maize_stored").unwrap(), choice, Lang::En);
    assert_eq!(
        (maize.value.central(), maize.unit.as_str()),
        (2_150_000.0, "kg")
    );
    choice.set(Family::Volume, Some("m3"));
    let price = show(&m, m.quantity("milk_price").unwrap(), choice, Lang::En);
    assert!(close(price.value.central(), 52_000.0), "{:?}", price.value);
    assert_eq!(price.unit, "KSh per m³");
}

#[test]
fn a_dataset_may_declare_units_of_its_own() {
    let mut v = kenya_value();
    v["units"] = json!([
        {"code": "{well}", "dimension": "items", "factor": 1,
         "symbol": {"en": "wells", "zh": "口井"}, "per": {"en": "well", "zh": "口井"}},
        {"code": "bag", "dimension": "mass", "factor": 90,
         "symbol": {"en": "90-kg bags", "zh": "袋（90公斤）"}}
    ]);
    let maize = at(&v, "figures", "maize_stored");
    v["figures"][maize]["value"] = json!(23_890);
    v["figures"][maize]["unit"] = json!("bag");
    v["figures"].as_array_mut().unwrap().push(json!({
        "id": "wells_dug", "label": {"en": "Wells dug", "zh": "打井"}, "value": 12,
        "scale": "one", "unit": "{well}", "period": {"type": "year", "year": 2023},
        "kind": "reported", "source": {"paragraph": 2, "note": {"en": "x", "zh": "x"}}
    }));
    let per = at(&v, "derived", "maize_per_household");
    v["derived"][per]["inputs"] = json!(["maize_stored", "wells_dug"]);
    v["derived"][per]["unit"] = json!("t/{well}");
    let m = Model::from_json(&v.to_string()).expect("declared units load");
    let per_well = m.quantity("maize_per_household").unwrap();
    // 23,890 bags of 90 kg over 12 wells, in tonnes per well.
    assert!(close(
        per_well.value.central(),
        23_890.0 * 90.0 / 1000.0 / 12.0
    ));
    assert_eq!(per_well.unit.symbol(Lang::En), "t per well");
    assert_eq!(
        m.quantity("wells_dug").unwrap().unit.symbol(Lang::Zh),
        "口井"
    );
    // Bags are mass: shown in the dataset's unit of mass (tonnes, from "t per well"), so that
    // one axis holds one unit; the detail still prints "23,890 90-kg bags" as the source did.
    let shown = show(
        &m,
        m.quantity("maize_stored").unwrap(),
        UnitChoice::default(),
        Lang::En,
    );
    assert_eq!(shown.unit, "t");
    assert!(close(shown.value.central(), 2_150.1));
}

#[test]
fn bad_units_currencies_and_rates_are_refused_with_their_paths() {
    let unit = |code: &str, dimension: &str, factor: Value| {
        let mut v = kenya_value();
        v["units"] = json!([{"code": code, "dimension": dimension, "factor": factor,
            "symbol": {"en": "x", "zh": "x"}}]);
        errors(&v)
    };
    let one = |kind: &str, path: &str| vec![(kind.to_string(), path.to_string())];
    assert_eq!(
        unit("bag", "mass", json!(0)),
        one("bad_unit", "units[0].factor")
    );
    assert_eq!(
        unit("bag", "mass", json!(-90)),
        one("bad_unit", "units[0].factor")
    );
    assert_eq!(
        unit("bag", "weight", json!(90)),
        one("bad_unit", "units[0].dimension")
    );
    assert_eq!(
        unit("bag", "KSH", json!(90)),
        one("bad_unit", "units[0].dimension")
    );
    assert_eq!(
        unit("kg", "mass", json!(1)),
        one("duplicate_id", "units[0].code")
    );
    assert_eq!(
        unit("a/b", "mass", json!(1)),
        one("bad_unit", "units[0].code")
    );
    // A currency code that is not ISO 4217.
    let mut v = kenya_value();
    let i = at(&v, "figures", "milk_payments");
    v["figures"][i]["unit"] = json!("KSH");
    assert_eq!(
        errors(&v),
        one("unknown_unit", &format!("figures[{i}].unit"))
    );
    // A rate of zero or below: each of the case's rates.
    let rates: Vec<usize> = v["figures"]
        .as_array()
        .unwrap()
        .iter()
        .enumerate()
        .filter(|(_, f)| f["unit"] == "KES/USD")
        .map(|(i, _)| i)
        .collect();
    assert!(!rates.is_empty());
    for i in rates {
        let mut v = kenya_value();
        v["figures"][i]["value"] = json!(0);
        assert_eq!(errors(&v), one("bad_unit", &format!("figures[{i}].value")));
    }
    // Dimensions are checked across the open set: shillings per litre are not tonnes.
    let mut v = kenya_value();
    let i = at(&v, "derived", "maize_per_household");
    v["derived"][i]["unit"] = json!("KES/L");
    assert_eq!(
        errors(&v),
        one("unit_mismatch", &format!("derived[{i}].unit"))
    );
}

#[test]
fn format_two_codes_are_migrated_and_nothing_is_lost() {
    let mut v: Value = serde_json::from_str(case_explorer::model::EMBEDDED_JSON).unwrap();
    v["format_version"] = json!(2);
    let text = v
        .to_string()
        .replace("\"CNY/{person}/a\"", "\"cny_per_person_year\"")
        .replace("\"CNY/USD\"", "\"cny_per_usd\"")
        .replace("\"CNY\"", "\"cny\"")
        .replace("\"%\"", "\"percent\"");
    let old = Model::from_json(&text).expect("a format-2 file loads");
    let now = Model::embedded().unwrap();
    assert_eq!(old.migrated_from, Some(2));
    assert_eq!(old.dataset, now.dataset);
    assert_eq!(old.quantities, now.quantities);
}
