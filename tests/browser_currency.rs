#![cfg(target_arch = "wasm32")]
//! A case in Kenya shillings in a real browser, in each interface language: its units named in
//! the reader's language (Intl digits), a unit choice per kind of unit it uses, and money
//! converted into US dollars at the rate of its own year when the reader asks for dollars.

use case_explorer::components::Explorer;
use case_explorer::model::{Lang, Model};
use std::rc::Rc;
use wasm_bindgen_test::{wasm_bindgen_test, wasm_bindgen_test_configure};

mod common;
use common::*;

wasm_bindgen_test_configure!(run_in_browser);

const KENYA: &str = include_str!("fixtures/kenya_dairy.json");

#[wasm_bindgen_test]
async fn a_case_in_shillings_shows_its_units_and_converts_at_its_rate_in_every_language() {
    // (maize stored, price per litre, payments in dollars) as each language writes them.
    let expected = [
        (
            Lang::En,
            "2,150 t",
            "52 KSh per litre",
            "US$1.34\u{a0}million",
        ),
        (Lang::Zh, "2,150 吨", "52 肯尼亚先令/升", "134万美元"),
        (
            Lang::Fr,
            "2\u{202f}150 t",
            "52 KSh par litre",
            "1,34\u{a0}million de $\u{a0}US",
        ),
    ];
    assert_eq!(expected.len(), Lang::ALL.len(), "every interface language");
    for (lang, maize, price, dollars) in expected {
        reset_url();
        let model = Rc::new(Model::from_json(KENYA).expect("the Kenya case loads"));
        let root = fresh_root();
        let props = yew::props!(case_explorer::components::ExplorerProps { model });
        let handle = yew::Renderer::<Explorer>::with_root_and_props(root.clone(), props).render();
        settle().await;
        choose(&root, "#ctl-lang", lang.code());
        settle().await;
        let card = |id: &str| text(&root, &format!("button[data-figure='{id}'] .card-value"));
        assert_eq!(card("maize_stored"), maize, "{lang:?}");
        assert_eq!(card("milk_price"), price, "{lang:?}");
        for id in [
            "ctl-area",
            "ctl-volume",
            "ctl-mass",
            "ctl-power",
            "ctl-currency",
        ] {
            assert_eq!(count(&root, &format!("#{id}")), 1, "{id}");
        }
        assert_eq!(count(&root, "#ctl-energy"), 0);
        choose(&root, "#ctl-currency", "USD");
        settle().await;
        assert_eq!(card("milk_payments"), dollars, "{lang:?}");
        handle.destroy();
        root.remove();
    }
}
