#![cfg(target_arch = "wasm32")]
//! The analysis views in a real browser: data quality, derived metrics, channels, what-if,
//! timeline and the generated sentences.

use wasm_bindgen::JsCast;
use wasm_bindgen_test::{wasm_bindgen_test, wasm_bindgen_test_configure};

mod common;
use common::*;
mod numfmt_cases;

wasm_bindgen_test_configure!(run_in_browser);

#[wasm_bindgen_test]
async fn quality_lists_findings_worst_first_with_slips() {
    let (root, handle) = mount_app().await;
    click(&root, "button[data-view='quality']");
    settle().await;
    let first = find(&root, ".findings-list li");
    assert_eq!(
        first.get_attribute("data-relation").as_deref(),
        Some("subsidy_parts_add_up")
    );
    assert_eq!(count(&root, ".findings-list li.status-contradicts"), 4);
    assert_eq!(count(&root, ".findings-list li.status-holds"), 5);
    let card = text(&root, "li[data-relation='subsidy_parts_add_up']");
    assert!(card.contains("504.57\u{a0}million"), "{card}");
    assert!(card.contains("50.457\u{a0}million"), "{card}");
    assert!(card.contains("900%"), "{card}");
    assert!(card.contains("printed ten times too small"), "{card}");
    // Sides are linked: a click opens the figure.
    click(
        &root,
        "li[data-relation='subsidy_parts_add_up'] button[data-figure='subsidy_total']",
    );
    settle().await;
    assert_eq!(
        text(&root, "#detail-title"),
        "Ecological subsidies distributed, stated total"
    );
    handle.destroy();
    root.remove();
}

#[wasm_bindgen_test]
async fn quality_shows_reference_checks_and_tensions_in_their_groups() {
    let (root, handle) = mount_app().await;
    click(&root, "button[data-view='quality']");
    settle().await;
    // Contradictions, then references, then tensions, then what holds.
    let groups = root.query_selector_all(".quality-group").expect("selector");
    let ids: Vec<String> = (0..groups.length())
        .filter_map(|i| groups.item(i))
        .filter_map(|n| n.dyn_into::<web_sys::Element>().ok())
        .map(|e| e.id())
        .collect();
    assert_eq!(
        ids,
        [
            "group-problems",
            "group-references",
            "group-tensions",
            "group-holds"
        ]
    );
    assert_eq!(count(&root, "#group-references li.reference-card"), 4);
    assert_eq!(count(&root, "#group-tensions li.tension-card"), 3);
    assert_eq!(count(&root, "#group-holds li.status-holds"), 5);
    // Outside the national inventory's range, with the source, the published value, the
    // computed value and the slip that would bring it inside.
    let card = text(&root, "li[data-relation='timber_vs_national_inventory']");
    for part in [
        "implausible",
        "Forest Resources in China",
        "National Forestry and Grassland Administration",
        "2019",
        "94.83 m³ per ha",
        "10–94.83 m³ per ha",
        "1.38235 m³ per ha",
        "mu printed as hectares",
    ] {
        assert!(card.contains(part), "{part}: {card}");
    }
    let card = text(&root, "li[data-relation='guard_pay_vs_rural_income']");
    assert!(card.contains("within the reference range"), "{card}");
    assert!(
        card.contains("9,377–13,432 yuan per person per year"),
        "{card}"
    );
    assert!(card.contains("13432"), "{card}");
    // A tension: its ratio, its meaning and both inputs linked.
    let card = text(&root, "li[data-relation='guard_payroll_vs_poor_gain']");
    assert!(card.contains("2.78652×"), "{card}");
    assert!(card.contains("registered poor"), "{card}");
    click(
        &root,
        "li[data-relation='guard_payroll_vs_poor_gain'] button[data-figure='income_gain_poor']",
    );
    settle().await;
    assert_eq!(
        text(&root, "#detail-title"),
        "Of which: income gain of poor farmers and herders"
    );
    let detail = text(&root, ".detail .tensions");
    assert!(detail.contains("2.78652×"), "{detail}");
    // The stock's detail lists both reference checks it takes part in.
    click(
        &root,
        "li[data-relation='timber_vs_national_inventory'] button[data-figure='timber_per_forest_ha']",
    );
    settle().await;
    assert_eq!(count(&root, ".detail .references > li"), 2);
    // Their slips are named, but not linked: the list of slips they would link to is the
    // quality view's, not the detail's (a link there went nowhere over any other view).
    let slips = text(&root, ".detail .references .slips");
    assert!(slips.contains("Forest land area"), "{slips}");
    assert_eq!(count(&root, ".detail .references .slips li"), 6);
    assert_eq!(count(&root, ".detail a[href^='#slip-']"), 0);
    handle.destroy();
    root.remove();
}

#[wasm_bindgen_test]
async fn derived_view_shows_formula_inputs_and_bounds() {
    let (root, handle) = mount_app().await;
    click(&root, "button[data-view='derived']");
    settle().await;
    // 16, and 12 that the what-if scenarios recompute.
    assert_eq!(count(&root, ".derived-table tbody tr"), 28);
    let row = text(&root, ".derived-table tr[data-figure='forest_cover_2002']");
    assert!(row.contains("more than 11%"), "{row}");
    assert!(row.contains("range"), "{row}");
    let row = text(
        &root,
        ".derived-table tr[data-figure='tourism_income_per_visit']",
    );
    assert!(row.contains("857 yuan per visit"), "{row}");
    assert!(row.contains("R_tourism / V"), "{row}");
    handle.destroy();
    root.remove();
}

#[wasm_bindgen_test]
async fn choosing_a_channel_filters_the_rest_of_the_app() {
    let (root, handle) = mount_app().await;
    click(&root, "button[data-view='channels']");
    settle().await;
    assert_eq!(count(&root, ".channel-node"), 3);
    click(&root, "li[data-channel='eco_industries'] .channel-button");
    settle().await;
    click(&root, "button[data-view='overview']");
    settle().await;
    assert!(text(&root, "#channel-filter").contains("Eco-industries"));
    assert_eq!(
        count(&root, ".cards .card"),
        1,
        "only the tourism income card"
    );
    assert_eq!(
        count(&root, "figure.chart-panel"),
        1,
        "only the tourism chart"
    );
    click(&root, "button[data-view='table']");
    settle().await;
    assert_eq!(count(&root, "table.figure-table tbody tr"), 3);
    click(&root, "#channel-filter button");
    settle().await;
    assert!(count(&root, "table.figure-table tbody tr") > 40);
    handle.destroy();
    root.remove();
}

#[wasm_bindgen_test]
async fn what_if_recomputes_and_rejects_bad_input() {
    let (root, handle) = mount_app().await;
    click(&root, "button[data-view='whatif']");
    settle().await;
    let per_year = "#wi-who_protects-guard_payroll_per_year";
    let total = "#wi-who_protects-guard_payroll_over_subsidy_period";
    assert_eq!(text(&root, per_year), "3.1\u{a0}million yuan per year");
    assert_eq!(text(&root, total), "12.4\u{a0}million yuan");
    assert_eq!(
        text(&root, "#wi-who_protects-payroll_share_of_poor_gain"),
        "279%"
    );
    assert_eq!(
        text(&root, "#wi-who_protects-payroll_share_of_stated_subsidies"),
        "24.6%"
    );
    assert_eq!(
        text(&root, "#wi-who_protects-payroll_share_of_listed_subsidies"),
        "2.46%"
    );
    type_into(&root, "#wi-who_protects-guards", "500");
    settle().await;
    assert_eq!(text(&root, per_year), "5\u{a0}million yuan per year");
    assert_eq!(text(&root, total), "20\u{a0}million yuan");
    // The dataset's own value stays beside it.
    assert_eq!(
        text(
            &root,
            "tr[data-figure='guard_payroll_over_subsidy_period'] td:last-child"
        ),
        "12.4\u{a0}million yuan"
    );
    let url = web_sys::window()
        .and_then(|w| w.location().search().ok())
        .unwrap_or_default();
    assert!(url.contains("w.who_protects.guards=500"), "{url}");
    type_into(&root, "#wi-who_protects-years", "-2");
    settle().await;
    assert_eq!(
        text(&root, "#wi-who_protects-years-error"),
        "cannot be negative"
    );
    assert_eq!(
        find(&root, "#wi-who_protects-years")
            .get_attribute("aria-invalid")
            .as_deref(),
        Some("true")
    );
    // Until fixed, the results fall back to the reported values.
    assert_eq!(text(&root, total), "12.4\u{a0}million yuan");
    click(
        &root,
        "section[data-scenario='who_protects'] .scenario-inputs > button",
    );
    settle().await;
    assert_eq!(count(&root, ".input-error"), 0);
    // The forest land read as mu, the slip the checks point to: one click.
    let forest = "#wi-subsidy_per_hectare-subsidy_stated_per_ha_year_forest";
    assert!(
        text(&root, forest).starts_with("3.7"),
        "{}",
        text(&root, forest)
    );
    click(&root, "button.reading[data-unit='mu']");
    settle().await;
    let land: web_sys::HtmlInputElement = find(&root, "#wi-subsidy_per_hectare-forest_land")
        .dyn_into()
        .expect("input");
    assert_eq!(land.value(), "226667");
    assert!(
        // 55.65…, a derived value: three significant digits.
        text(&root, forest).starts_with("55.6") || text(&root, forest).starts_with("55.7"),
        "{}",
        text(&root, forest)
    );
    handle.destroy();
    root.remove();
}

#[wasm_bindgen_test]
async fn timeline_keeps_undated_figures_apart() {
    let (root, handle) = mount_app().await;
    click(&root, "button[data-view='timeline']");
    settle().await;
    let years: Vec<String> = (0..count(&root, ".timeline .year"))
        .filter_map(|i| root.query_selector_all(".timeline .year").ok()?.item(i))
        .filter_map(|n| n.dyn_into::<web_sys::Element>().ok())
        .filter_map(|e| e.get_attribute("data-year"))
        .collect();
    assert_eq!(years, ["2002", "2014", "2015", "2016", "2017", "2020"]);
    let undated = text(&root, ".undated");
    assert!(undated.contains("Forest land area"), "{undated}");
    assert!(!text(&root, ".timeline").contains("Forest land area"));
    handle.destroy();
    root.remove();
}

#[wasm_bindgen_test]
async fn narrative_numbers_follow_units_and_open_figures() {
    let (root, handle) = mount_app().await;
    let lead = text(&root, ".narrative.lead");
    assert!(
        lead.contains("In recent years 273,333 ha of the Horqin Desert were treated"),
        "{lead}"
    );
    choose(&root, "#ctl-area", "mu");
    settle().await;
    let lead = text(&root, ".narrative.lead");
    assert!(lead.contains("4.1\u{a0}million mu"), "{lead}");
    click(
        &root,
        ".narrative.lead button[data-figure='income_gain_poor']",
    );
    settle().await;
    assert_eq!(
        text(&root, "#detail-title"),
        "Of which: income gain of poor farmers and herders"
    );
    handle.destroy();
    root.remove();
}

#[wasm_bindgen_test]
async fn what_if_shows_only_what_the_dataset_declares() {
    reset_url();
    // The case without its forest-guard count: the metrics built on it and the scenario bound
    // to it go too (a binding to a missing figure is refused with its path).
    let mut v: serde_json::Value =
        serde_json::from_str(case_explorer::model::EMBEDDED_JSON).expect("json");
    v["figures"]
        .as_array_mut()
        .expect("figures")
        .retain(|f| f["id"] != "forest_guards");
    v["derived"].as_array_mut().expect("derived").retain(|d| {
        let id = d["id"].as_str().unwrap_or("");
        !(id.starts_with("guard_payroll") || id.starts_with("payroll_share"))
    });
    v["relations"]
        .as_array_mut()
        .expect("relations")
        .retain(|r| r["rule"]["numerator"] != "guard_payroll_over_subsidy_period");
    v["presentation"]["scenarios"]
        .as_array_mut()
        .expect("scenarios")
        .retain(|s| s["id"] != "who_protects");
    // The rest of the presentation names the guards too; this test is about the what-if alone.
    let scenarios = v["presentation"]["scenarios"].take();
    v["presentation"] = serde_json::json!({ "scenarios": scenarios });
    let mount = |v: &serde_json::Value| {
        let model = std::rc::Rc::new(
            case_explorer::model::Model::from_json(&v.to_string()).expect("valid"),
        );
        let root = fresh_root();
        let props = yew::props!(case_explorer::components::ExplorerProps { model });
        let handle = yew::Renderer::<case_explorer::components::Explorer>::with_root_and_props(
            root.clone(),
            props,
        )
        .render();
        (root, handle)
    };
    let (root, handle) = mount(&v);
    settle().await;
    click(&root, "button[data-view='whatif']");
    settle().await;
    assert_eq!(count(&root, "section.scenario"), 1);
    assert_eq!(
        count(&root, "[id^='wi-who_protects']"),
        0,
        "no guard count is invented"
    );
    assert_eq!(count(&root, "#wi-subsidy_per_hectare-years"), 1);
    handle.destroy();
    root.remove();
    // A dataset that declares no scenario says so.
    v.as_object_mut().expect("object").remove("presentation");
    let (root, handle) = mount(&v);
    settle().await;
    click(&root, "button[data-view='whatif']");
    settle().await;
    assert_eq!(count(&root, "section.scenario"), 0);
    assert!(
        text(&root, "#wi-none").starts_with("This case has no what-if"),
        "{}",
        text(&root, "#wi-none")
    );
    handle.destroy();
    root.remove();
}

/// Intl.NumberFormat writes the same text as the native formatter: huge and tiny numbers as a
/// power of ten (not 330 characters of "0.000…"), −0 as 0.
#[wasm_bindgen_test]
fn intl_numbers_match_the_native_ones() {
    for &(value, sig, style, lang, want) in numfmt_cases::CASES {
        assert_eq!(
            case_explorer::numfmt::number(value, lang, sig, style),
            want,
            "{value:e} {sig:?} {style:?} {lang:?}"
        );
    }
}

#[wasm_bindgen_test]
async fn every_slip_a_check_names_links_to_its_sentence_in_the_list_of_slips() {
    let (root, handle) = mount_app().await;
    click(&root, "button[data-view='quality']");
    settle().await;
    let items = root
        .query_selector_all("#slips ol.slips li")
        .expect("selector");
    assert!(items.length() >= 2, "the shipped case has several slips");
    let texts: Vec<String> = (0..items.length())
        .filter_map(|i| items.item(i))
        .map(|n| n.text_content().unwrap_or_default())
        .collect();
    let mut unique = texts.clone();
    unique.sort();
    unique.dedup();
    assert_eq!(unique.len(), texts.len(), "a slip listed twice: {texts:?}");
    let links = root
        .query_selector_all(".finding-card .slips a[href^='#slip-']")
        .expect("selector");
    assert!(links.length() > 0, "no card links a slip");
    for i in 0..links.length() {
        let link: web_sys::Element = links.item(i).expect("link").dyn_into().expect("element");
        let href = link.get_attribute("href").expect("href");
        let target = root
            .query_selector(&href)
            .expect("selector")
            .unwrap_or_else(|| panic!("{href} names no slip in the list"));
        // The card's short form starts with the figure's label, which the sentence names too.
        let label = link
            .text_content()
            .unwrap_or_default()
            .split(':')
            .next()
            .unwrap_or_default()
            .trim()
            .to_string();
        let sentence = target.text_content().unwrap_or_default();
        assert!(
            sentence.contains(&label),
            "{href}: {sentence:?} does not name {label:?}"
        );
    }
    handle.destroy();
    root.remove();
}
