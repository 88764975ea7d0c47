#![cfg(not(target_arch = "wasm32"))]
//! Reading a dataset in slices (`model::pace`, as the page reopens a kept dataset) gives what
//! reading it in one go gives: the same model for every case the tests know, the same problems
//! with the same paths, lines and columns for broken ones, and it does pause.

#[path = "common/cases.rs"]
mod cases;

use case_explorer::model::pace::{run_to_end, Clock, Pace};
use case_explorer::model::{Dataset, DatasetError, Model, EMBEDDED_JSON, FORMAT_VERSION};
use cases::ALL;
use std::cell::Cell;
use std::future::Future;
use std::pin::Pin;

/// A clock one millisecond later at every look: a pace of a few milliseconds pauses every few
/// looks, whatever the machine's speed. Its pause is over at once.
#[derive(Default)]
struct Ticking(Cell<f64>);

impl Clock for Ticking {
    fn now_ms(&self) -> f64 {
        self.0.set(self.0.get() + 1.0);
        self.0.get()
    }
    fn pause(&self) -> Pin<Box<dyn Future<Output = ()>>> {
        Box::pin(std::future::ready(()))
    }
}

/// The text read with a pace that pauses every other look at the clock, and how often it did.
fn sliced(text: &str) -> (Result<Model, Vec<DatasetError>>, u32) {
    let clock = Ticking::default();
    let mut pace = Pace::new(&clock, 2.0);
    let out = run_to_end(Model::from_json_paced(text, &mut pace));
    (out, pace.pauses)
}

#[test]
fn every_case_read_in_slices_is_the_model_read_in_one_go() {
    for c in ALL {
        let whole = Model::from_json(c.text).unwrap_or_else(|e| panic!("{}: {e:?}", c.path));
        let (paced, pauses) = sliced(c.text);
        let paced = paced.unwrap_or_else(|e| panic!("{}: {e:?}", c.path));
        assert!(
            paced == whole,
            "{}: the model read in slices differs",
            c.path
        );
        assert!(pauses > 0, "{}: never paused", c.path);
    }
}

#[test]
fn every_case_read_a_list_element_at_a_time_is_the_dataset_read_whole() {
    // serde's `Deserialize` for a dataset reads the whole tree at once (`decode`), the model the
    // long lists an element at a time (`decode_paced`).
    let mut compared = 0;
    for c in ALL {
        let whole: Dataset =
            serde_json::from_str(c.text).unwrap_or_else(|e| panic!("{}: {e}", c.path));
        let model = Model::from_json(c.text).unwrap_or_else(|e| panic!("{}: {e:?}", c.path));
        // A file of an older format is upgraded by the model: not the same dataset.
        if whole.format_version != FORMAT_VERSION {
            continue;
        }
        assert!(model.dataset == whole, "{}: the datasets differ", c.path);
        assert!(!whole.figures.is_empty(), "{}", c.path);
        compared += 1;
    }
    assert!(compared >= 4, "only {compared} cases of this format");
}

/// The embedded case with `from` replaced by `to` (once; the text must hold it).
fn edited(from: &str, to: &str) -> String {
    assert!(
        EMBEDDED_JSON.contains(from),
        "{from:?} not in the embedded case"
    );
    EMBEDDED_JSON.replacen(from, to, 1)
}

#[test]
fn a_broken_dataset_read_in_slices_has_the_problems_read_in_one_go() {
    let first_figure_unit = {
        let d: serde_json::Value = serde_json::from_str(EMBEDDED_JSON).expect("json");
        d["figures"][0]["unit"]
            .as_str()
            .expect("a unit")
            .to_string()
    };
    let unit_field = format!("\"unit\": \"{first_figure_unit}\"");
    let cases = [
        // Syntax: cut short, a stray comma inside the figures, text after the end.
        EMBEDDED_JSON[..EMBEDDED_JSON.len() / 2].to_string(),
        edited("\"figures\": [", "\"figures\": [,"),
        format!("{EMBEDDED_JSON} x"),
        // Structure: inside a figure (read a figure at a time) and elsewhere, together.
        edited(&unit_field, "\"unit\": 7"),
        edited("\"format_version\"", "\"format_version_\"").replacen(&unit_field, "\"unit\": 7", 1),
        // Meaning: a unit no vocabulary knows.
        edited(&unit_field, "\"unit\": \"furlongs-per-fortnight\""),
    ];
    for (i, text) in cases.iter().enumerate() {
        let whole = Model::from_json(text).expect_err("broken");
        let (paced, _) = sliced(text);
        assert_eq!(paced.expect_err("broken"), whole, "case {i}");
    }
}
