#![cfg(not(target_arch = "wasm32"))]
//! What the browser keeps between visits, natively: the record format and its version, reading
//! settings back, which dataset and view a visit starts from, and switching datasets in the
//! reducer. Stored data is never trusted: whatever is wrong with it gives a notice and a clean
//! start from the built-in case.

use kezuohou_explorer::model::{Model, EMBEDDED_JSON};
use kezuohou_explorer::state::{Action, AppState, Source, View, ViewState};
use kezuohou_explorer::storage::{
    choose_view, decode, encode, parse_settings, settings_payload, startup, Problem, Record, FORMAT,
};
use std::rc::Rc;
use yew::Reducible;

fn embedded() -> Model {
    Model::embedded().expect("valid")
}

/// The embedded dataset with one figure value changed (tourists 1.4 → 2.8 million) and its title.
fn modified_json() -> String {
    EMBEDDED_JSON
        .replacen("\"value\": 1.4,", "\"value\": 2.8,", 1)
        .replacen(
            "Kezuohou Banner: turning desert control into income for the poor",
            "A modified copy",
            1,
        )
}

#[test]
fn records_round_trip_with_their_version() {
    for record in [Record::Settings, Record::Dataset] {
        for payload in [
            "",
            "?view=table",
            "{\"a\": \"line\nbreak\"}",
            "中文 ✓ \u{202e}",
        ] {
            let stored = encode(record, payload);
            assert!(stored.starts_with("kezuohou-explorer/"), "{stored}");
            assert!(stored
                .lines()
                .next()
                .unwrap()
                .ends_with(&format!("/{FORMAT}")));
            assert_eq!(decode(record, &stored), Ok(payload));
        }
    }
}

#[test]
fn a_record_is_never_read_as_the_other_kind() {
    let stored = encode(Record::Settings, "?view=table");
    assert_eq!(decode(Record::Dataset, &stored), Err(Problem::Corrupt));
}

#[test]
fn damaged_old_and_newer_records_are_told_apart() {
    let r = Record::Settings;
    for damaged in [
        "",
        "?view=table",
        "kezuohou-explorer/settings/1",
        "kezuohou-explorer/settings/\n?view=table",
        "kezuohou-explorer/settings/one\n",
        "kezuohou-explorer/settings/+1\n",
        "kezuohou-explorer/settings/-1\n",
        "kezuohou-explorer/settings/99999999999999999999\n",
        "kezuohou/settings/1\n",
        "other-app/settings/1\n",
        "\"?view=table\"",
        "{\"lang\":\"zh\"}",
    ] {
        assert_eq!(decode(r, damaged), Err(Problem::Corrupt), "{damaged:?}");
    }
    assert_eq!(
        decode(r, "kezuohou-explorer/settings/0\n?view=table"),
        Err(Problem::OldFormat)
    );
    assert_eq!(
        decode(r, &format!("kezuohou-explorer/settings/{}\n", FORMAT + 1)),
        Err(Problem::NewerFormat)
    );
}

#[test]
fn settings_are_read_back_against_the_dataset_in_use() {
    let m = embedded();
    let view = ViewState {
        view: View::Table,
        selected: Some("forest_land_area".into()),
        search: "森林 & <script>".into(),
        ..Default::default()
    };
    let stored = encode(Record::Settings, &view.to_query());
    assert_eq!(parse_settings(&stored, &m), Ok(view));
    // Anything not understood makes the record suspect: dropped, not half-used.
    let stored = encode(Record::Settings, "?view=table&fig=no_such_figure");
    assert_eq!(parse_settings(&stored, &m), Err(Problem::Corrupt));
    let stored = encode(Record::Settings, "view=table");
    assert_eq!(parse_settings(&stored, &m), Err(Problem::Corrupt));
    // The defaults are stored as an empty query.
    let stored = encode(Record::Settings, "");
    assert_eq!(parse_settings(&stored, &m), Ok(ViewState::default()));
}

#[test]
fn the_address_bar_wins_when_it_has_parameters() {
    let m = embedded();
    let stored = ViewState {
        view: View::Trail,
        ..Default::default()
    };
    let (v, ignored) = choose_view("", Some(&stored), &m);
    assert_eq!((v.view, ignored.len()), (View::Trail, 0));
    let (v, _) = choose_view("?", Some(&stored), &m);
    assert_eq!(v.view, View::Trail);
    let (v, _) = choose_view("?view=table", Some(&stored), &m);
    assert_eq!(v.view, View::Table);
    let (v, ignored) = choose_view("?view=nope", Some(&stored), &m);
    assert_eq!((v.view, ignored.len()), (View::Overview, 1));
    let (v, _) = choose_view("", None, &m);
    assert_eq!(v, ViewState::default());
}

#[test]
fn a_visit_with_nothing_stored_starts_from_the_embedded_case() {
    let s = startup(Ok(None), Ok(None)).expect("embedded is valid");
    assert_eq!(s.source, Source::Embedded);
    assert_eq!(*s.model, embedded());
    assert!(s.settings.is_none() && s.problems.is_empty() && s.discard.is_empty());
}

#[test]
fn a_stored_dataset_and_its_settings_come_back() {
    let json = modified_json();
    let settings = "?view=table&fig=tourists_2017&lang=zh";
    let s = startup(
        Ok(Some(encode(Record::Dataset, &json))),
        Ok(Some(encode(Record::Settings, settings))),
    )
    .unwrap();
    assert_eq!(s.source, Source::Stored);
    assert_eq!(s.model.dataset.case.title.en, "A modified copy");
    assert_eq!(
        s.model.quantity("tourists_2017").unwrap().value.lo,
        2_800_000.0
    );
    let view = s.settings.expect("settings read");
    assert_eq!(view.to_query(), settings);
    assert!(s.problems.is_empty());
}

#[test]
fn anything_wrong_in_storage_gives_a_notice_and_a_clean_start() {
    let valid_settings = encode(Record::Settings, "?view=table");
    /// Stored dataset, stored settings, the notices expected and the records dropped.
    type Case = (Option<String>, Option<String>, Vec<Problem>, Vec<Record>);
    let cases: Vec<Case> = vec![
        // Damaged dataset record.
        (
            Some("garbage".into()),
            None,
            vec![Problem::Corrupt],
            vec![Record::Dataset],
        ),
        // A dataset record cut short by a full disk: no longer valid JSON.
        (
            Some(encode(Record::Dataset, &EMBEDDED_JSON[..1000])),
            None,
            vec![Problem::InvalidDataset],
            vec![Record::Dataset],
        ),
        // From an older format.
        (
            Some(format!("kezuohou-explorer/dataset/0\n{EMBEDDED_JSON}")),
            None,
            vec![Problem::OldFormat],
            vec![Record::Dataset],
        ),
        // From a newer format: kept (see a_dataset_from_a_newer_version_is_kept).
        (
            Some(format!("kezuohou-explorer/dataset/7\n{EMBEDDED_JSON}")),
            Some(valid_settings.clone()),
            vec![Problem::NewerDatasetKept],
            vec![],
        ),
        // Settings from a newer format: dropped (the app writes its own at once anyway).
        (
            None,
            Some("kezuohou-explorer/settings/7\n?view=table".to_string()),
            vec![Problem::NewerFormat],
            vec![Record::Settings],
        ),
        // A dataset that no longer validates (say the rules got stricter).
        (
            Some(encode(
                Record::Dataset,
                &EMBEDDED_JSON.replacen("\"unit\": \"ha\"", "\"unit\": \"acre\"", 1),
            )),
            None,
            vec![Problem::InvalidDataset],
            vec![Record::Dataset],
        ),
        // Settings damaged, dataset fine.
        (
            Some(encode(Record::Dataset, EMBEDDED_JSON)),
            Some("kezuohou-explorer/settings/1\n?view=%ZZ&lang=xx".into()),
            vec![Problem::Corrupt],
            vec![Record::Settings],
        ),
        // Both damaged: one notice per kind of problem.
        (
            Some("x".into()),
            Some("y".into()),
            vec![Problem::Corrupt],
            vec![Record::Dataset, Record::Settings],
        ),
    ];
    for (dataset, settings, problems, discard) in cases {
        let s = startup(Ok(dataset.clone()), Ok(settings)).unwrap();
        assert_eq!(s.problems, problems, "{:?}", dataset.map(|d| d.len()));
        assert_eq!(s.discard, discard);
        if discard.contains(&Record::Dataset) {
            assert_eq!(s.source, Source::Embedded);
            assert_eq!(*s.model, embedded());
        }
    }
    // Storage that cannot be read at all.
    let s = startup(Err(Problem::Unavailable), Err(Problem::Unavailable)).unwrap();
    assert_eq!(s.problems, [Problem::Unavailable]);
    assert!(s.discard.is_empty());
    assert_eq!(s.source, Source::Embedded);
}

#[test]
fn settings_pointing_into_a_discarded_dataset_are_dropped_too() {
    // The stored settings select a figure only the stored (now invalid) dataset had.
    let json = EMBEDDED_JSON.replacen("\"id\": \"tourists_2017\"", "\"id\": \"visitors\"", 1);
    let broken = json.replacen("{", "[", 1);
    let s = startup(
        Ok(Some(encode(Record::Dataset, &broken))),
        Ok(Some(encode(Record::Settings, "?fig=visitors"))),
    )
    .unwrap();
    assert_eq!(s.problems, [Problem::InvalidDataset, Problem::Corrupt]);
    assert!(s.settings.is_none());
}

fn state(view: ViewState) -> Rc<AppState> {
    Rc::new(AppState::new(Rc::new(embedded()), view, Vec::new()))
}

#[test]
fn switching_datasets_keeps_the_view_and_drops_what_is_gone() {
    let view = ViewState {
        view: View::Table,
        selected: Some("tourists_2017".into()),
        channel: Some("eco_industries".into()),
        search: "tour".into(),
        ..Default::default()
    };
    // Same ids: everything stays.
    let other = Rc::new(Model::from_json(&modified_json()).unwrap());
    let s = state(view.clone()).reduce(Action::UseModel(
        other.clone(),
        Source::Pasted,
        modified_json().into(),
    ));
    assert_eq!(s.view, view);
    assert_eq!(s.source, Source::Pasted);
    assert!(Rc::ptr_eq(&s.model, &other));
    // The selected figure and the channel are gone from the new dataset: cleared.
    let renamed = EMBEDDED_JSON
        .replace("\"tourists_2017\"", "\"visitors_2017\"")
        .replace("{tourists_2017}", "{visitors_2017}")
        .replace("\"eco_industries\"", "\"industries\"");
    let model = Rc::new(Model::from_json(&renamed).unwrap());
    let s = state(view.clone()).reduce(Action::UseModel(
        model,
        Source::File("x.json".into()),
        renamed.into(),
    ));
    assert_eq!(s.view.selected, None);
    assert_eq!(s.view.channel, None);
    assert_eq!((s.view.view, s.view.search.as_str()), (View::Table, "tour"));
    // And back.
    let s = s.reduce(Action::UseModel(
        Rc::new(embedded()),
        Source::Embedded,
        EMBEDDED_JSON.into(),
    ));
    assert_eq!(s.source, Source::Embedded);
    assert_eq!(s.text.as_deref(), Some(EMBEDDED_JSON));
}

#[test]
fn problems_are_listed_once_and_dismissed() {
    let s = state(ViewState::default());
    let s = s.reduce(Action::Problem(Problem::Full));
    let s = s.reduce(Action::Problem(Problem::Full));
    assert_eq!(s.problems, [Problem::Full]);
    let s = s.reduce(Action::DismissProblems);
    assert!(s.problems.is_empty());
    assert!(s.persist);
    let s = s.reduce(Action::StopPersisting);
    assert!(!s.persist);
    let s = s.reduce(Action::TogglePanel);
    assert!(s.panel_open);
}

#[test]
fn export_then_load_gives_back_the_same_dataset_and_view() {
    // The export is the text the dataset was read from, byte for byte.
    let s = startup(Ok(None), Ok(None)).unwrap();
    assert_eq!(&*s.text, EMBEDDED_JSON);
    let stored = startup(
        Ok(Some(encode(Record::Dataset, &modified_json()))),
        Ok(None),
    )
    .unwrap();
    assert_eq!(&*stored.text, modified_json());
    for json in [EMBEDDED_JSON.to_string(), modified_json()] {
        let m = Rc::new(Model::from_json(&json).unwrap());
        let view = ViewState {
            view: View::Table,
            selected: Some("subsidy_total".into()),
            channel: Some("policy_transfers".into()),
            ..Default::default()
        };
        let s = Rc::new(AppState::new(Rc::new(embedded()), view.clone(), Vec::new())).reduce(
            Action::UseModel(m.clone(), Source::Pasted, json.as_str().into()),
        );
        let exported = s.text.clone().expect("text kept for export");
        // Loading the export: the same dataset, and the view unchanged.
        let back = Rc::new(Model::from_json(&exported).expect("an export loads"));
        assert_eq!(back, m);
        let again = s.reduce(Action::UseModel(
            back,
            Source::File("export.json".into()),
            exported.clone(),
        ));
        assert_eq!(again.view, view);
        assert_eq!(again.text.as_deref(), Some(json.as_str()));
    }
}

#[test]
fn a_dataset_from_a_newer_version_is_kept() {
    // Written by a later release the reader went back from: perhaps their only copy.
    let newer = format!(
        "kezuohou-explorer/dataset/{}\n{}",
        FORMAT + 1,
        modified_json()
    );
    let s = startup(Ok(Some(newer)), Ok(None)).unwrap();
    assert!(s.discard.is_empty(), "nothing deleted: {:?}", s.discard);
    assert_eq!(s.problems, [Problem::NewerDatasetKept]);
    assert_eq!(Problem::NewerDatasetKept.code(), "newer_dataset_kept");
    // This visit runs on the built-in case.
    assert_eq!(s.source, Source::Embedded);
    assert_eq!(&*s.text, EMBEDDED_JSON);
    // Removing it is the reader's choice: the notice goes with it.
    let st = Rc::new(AppState::new(
        s.model.clone(),
        ViewState::default(),
        Vec::new(),
    ));
    let st = st.reduce(Action::Problem(Problem::NewerDatasetKept));
    let st = st.reduce(Action::Problem(Problem::Corrupt));
    let st = st.reduce(Action::ForgetProblem(Problem::NewerDatasetKept));
    assert_eq!(st.problems, [Problem::Corrupt]);
}

#[test]
fn settings_are_stored_only_when_they_read_back() {
    let m = embedded();
    // A figure id of a megabyte (a dataset may hold one): selected in the page, but the address
    // and the stored settings leave it out, so a reload never asks for a megabyte-long URL.
    let huge = "x".repeat(1 << 20);
    let view = ViewState {
        view: View::Trail,
        selected: Some(huge.clone()),
        channel: Some(huge),
        ..Default::default()
    };
    let payload = settings_payload(&view, &m).expect("storable without the id");
    assert_eq!(payload, "?view=trail");
    assert_eq!(
        parse_settings(&encode(Record::Settings, &payload), &m),
        Ok(view.linkable())
    );
    // Settings that would not read back as the same view are not stored at all.
    let odd_kind = ViewState {
        kind: Some("bogus".into()),
        ..Default::default()
    };
    assert_eq!(settings_payload(&odd_kind, &m), None);
    let unknown = ViewState {
        selected: Some("no_such_figure".into()),
        ..Default::default()
    };
    assert_eq!(settings_payload(&unknown, &m), None);
    let fine = ViewState {
        view: View::Table,
        selected: Some("subsidy_total".into()),
        search: "森林 & 50%".into(),
        ..Default::default()
    };
    let payload = settings_payload(&fine, &m).expect("storable");
    assert_eq!(
        parse_settings(&encode(Record::Settings, &payload), &m),
        Ok(fine)
    );
}

#[test]
fn the_panel_knows_when_the_dataset_is_not_kept() {
    let s = state(ViewState::default());
    assert_eq!(s.unsaved, None);
    // The dataset could not be stored: said until a later store succeeds, even once the
    // notice is dismissed.
    let s = s.reduce(Action::Unsaved(Problem::Full));
    assert_eq!(s.problems, [Problem::Full]);
    let s = s.reduce(Action::DismissProblems);
    assert_eq!(s.unsaved, Some(Problem::Full));
    let s = s.reduce(Action::Saved);
    assert_eq!(s.unsaved, None);
    // Storage that cannot be used at all, from the start.
    let mut st = AppState::new(Rc::new(embedded()), ViewState::default(), Vec::new());
    st.note_problem(Problem::Unavailable);
    assert_eq!(st.unsaved, Some(Problem::Unavailable));
}
