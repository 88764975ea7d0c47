#![cfg(not(target_arch = "wasm32"))]
//! What the browser keeps between visits, natively: the record format and its version, reading
//! settings back, which dataset and view a visit starts from, and switching datasets in the
//! reducer. Stored data is never trusted: whatever is wrong with it gives a notice and a clean
//! start from the built-in case.

use case_explorer::model::pace::{run_to_end, Pace};
use case_explorer::model::{Lang, Model, EMBEDDED_JSON};
use case_explorer::state::{Action, AppState, DatasetRef, Source, View, ViewState};
use case_explorer::storage::{
    about_key, about_of, choose_view, dataset_id, dataset_key, decode, discards_text, encode, kept,
    list, moved_key, moved_out, open, parse_settings, plan, plan_with, read_ahead, remove_all,
    remove_dataset, remove_newer, save, settings_payload, startup, texts_to_move, MemoryStore,
    Problem, ReadAhead, Record, Startup, Store, DATASET_KEY, DATASET_PREFIX, FORMAT, INDEX_KEY,
    SETTINGS_KEY,
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
    for record in [Record::Settings, Record::Dataset, Record::Index] {
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
    let (v, ignored) = choose_view("", Some(&stored), &m, Lang::En);
    assert_eq!((v.view, ignored.len()), (View::Trail, 0));
    let (v, _) = choose_view("?", Some(&stored), &m, Lang::En);
    assert_eq!(v.view, View::Trail);
    let (v, _) = choose_view("?view=table", Some(&stored), &m, Lang::En);
    assert_eq!(v.view, View::Table);
    let (v, ignored) = choose_view("?view=nope", Some(&stored), &m, Lang::En);
    assert_eq!((v.view, ignored.len()), (View::Overview, 1));
    let (v, _) = choose_view("", None, &m, Lang::En);
    assert_eq!(v, ViewState::default());
}

#[test]
fn the_address_decides_the_language_and_a_visit_to_zh_keeps_the_stored_settings_whole() {
    let m = embedded();
    // Stored on `/`: a dataset of the reader's, mu, dark, the table.
    let (stored, _) =
        ViewState::from_query("?ds=local:abc&view=table&area=mu&theme=dark", Some(&m));
    // `/zh/` with no query: the settings apply, in Chinese.
    let (v, ignored) = choose_view("", Some(&stored), &m, Lang::Zh);
    assert!(ignored.is_empty());
    assert_eq!(
        v,
        ViewState {
            lang: Lang::Zh,
            ..stored.clone()
        }
    );
    // What is stored again from there holds no language: `/` opens in English next time.
    let payload = settings_payload(&v, &m).expect("storable");
    assert_eq!(payload, "?ds=local%3Aabc&view=table&area=mu&theme=dark");
    let back = parse_settings(&encode(Record::Settings, &payload), &m).expect("reads back");
    let (next, _) = choose_view("", Some(&back), &m, Lang::En);
    assert_eq!(
        (next.lang, next.units, next.theme),
        (Lang::En, stored.units, stored.theme)
    );
    // `/zh/?lang=en` is English, and the address written there keeps saying so.
    let (v, _) = choose_view("?lang=en", Some(&stored), &m, Lang::Zh);
    assert_eq!(v.lang, Lang::En);
    assert_eq!(v.to_query_on(Lang::Zh), "?lang=en");
    assert_eq!(ViewState::prerendered(Lang::Zh).to_query_on(Lang::Zh), "");
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
    assert_eq!(s.model.dataset.case.title.get(Lang::En), "A modified copy");
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
            Some(encode(
                Record::Dataset,
                &EMBEDDED_JSON[..EMBEDDED_JSON.floor_char_boundary(1000)],
            )),
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
                &EMBEDDED_JSON.replacen("\"unit\": \"ha\"", "\"unit\": \"furlong\"", 1),
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
        DatasetRef::Local("a1".into()),
    ));
    assert_eq!(
        s.view,
        ViewState {
            dataset: DatasetRef::Local("a1".into()),
            ..view.clone()
        }
    );
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
        DatasetRef::Local("b2".into()),
    ));
    assert_eq!(s.view.selected, None);
    assert_eq!(s.view.channel, None);
    assert_eq!((s.view.view, s.view.search.as_str()), (View::Table, "tour"));
    // And back.
    let s = s.reduce(Action::UseModel(
        Rc::new(embedded()),
        Source::Embedded,
        EMBEDDED_JSON.into(),
        DatasetRef::Builtin,
    ));
    assert_eq!(s.source, Source::Embedded);
    assert_eq!(s.view.dataset, DatasetRef::Builtin);
    assert_eq!(s.view.to_query(), "?view=table&q=tour");
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
            Action::UseModel(
                m.clone(),
                Source::Pasted,
                json.as_str().into(),
                DatasetRef::Builtin,
            ),
        );
        let exported = s.text.clone().expect("text kept for export");
        // Loading the export: the same dataset, and the view unchanged.
        let back = Rc::new(Model::from_json(&exported).expect("an export loads"));
        assert_eq!(back, m);
        let again = s.reduce(Action::UseModel(
            back,
            Source::File("export.json".into()),
            exported.0.clone(),
            DatasetRef::Builtin,
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
    let s = s.reduce(Action::Unsaved(Problem::Full, "A modified copy".into()));
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

// ---- Several datasets at hand: the layout, the move from one record, the URL's `ds` ----

/// A dataset other than the embedded one, told apart by its title.
fn titled(title: &str) -> String {
    EMBEDDED_JSON.replacen(
        "Kezuohou Banner: turning desert control into income for the poor",
        title,
        1,
    )
}

/// A visit's start as the app makes it: [`plan`], then, for a dataset kept in IndexedDB (here
/// `db`, a second store keyed by id), [`plan_with`] its record as read and read ahead.
fn start(store: &mut MemoryStore, db: &MemoryStore, query: &str) -> Startup {
    let s = plan(store, query).unwrap();
    match s.pending.clone() {
        Some(id) => {
            let got = db.get(&id);
            let ahead = got
                .as_ref()
                .ok()
                .and_then(|o| o.as_deref())
                .and_then(ahead_of);
            plan_with(store, query, Some((&id, got)), ahead).unwrap()
        }
        None => s,
    }
}

/// A record read ahead as the app reads it, here in one go.
fn ahead_of(record: &str) -> Option<ReadAhead> {
    run_to_end(read_ahead(record, &mut Pace::never()))
}

/// Keep a dataset as the app does: its text in IndexedDB (`db`), then its titles record.
fn keep_in_db(store: &mut MemoryStore, db: &mut MemoryStore, json: &str, at: u64) -> String {
    let m = Model::from_json(json).expect("valid");
    let id = dataset_id(json);
    db.set(&id, &encode(Record::Dataset, json)).unwrap();
    kept(store, &id, &about_of(&m, at)).unwrap();
    id
}

fn keep(store: &mut MemoryStore, json: &str, at: u64) -> String {
    let m = Model::from_json(json).expect("valid");
    save(store, json, &m, at).expect("stored")
}

#[test]
fn several_datasets_are_kept_listed_latest_first_and_removed_one_by_one() {
    let mut store = MemoryStore::default();
    let a = keep(&mut store, &titled("First"), 10);
    let b = keep(&mut store, &titled("Second"), 20);
    assert_ne!(a, b);
    assert_eq!(a, dataset_id(&titled("First")), "the id is the text's hash");
    assert!(store.items.contains_key(&dataset_key(&a)));
    assert_eq!(
        decode(Record::Dataset, &store.items[&dataset_key(&a)]),
        Ok(titled("First").as_str()),
        "each record is today's dataset record, under its own key"
    );
    let listed = list(&mut store).unwrap();
    let titles: Vec<_> = listed.iter().map(|d| d.title(Lang::En)).collect();
    assert_eq!(titles, ["Second", "First"]);
    assert!(listed.iter().all(|d| !d.newer));
    // The same text again: one copy, moved to the top.
    assert_eq!(keep(&mut store, &titled("First"), 30), a);
    let ids: Vec<_> = list(&mut store)
        .unwrap()
        .into_iter()
        .map(|d| d.id)
        .collect();
    assert_eq!(ids, [a.clone(), b.clone()]);
    // Opened again, validated like any input.
    let (m, text) = open(&mut store, &b).expect("opens");
    assert_eq!(m.dataset.case.title.get(Lang::En), "Second");
    assert_eq!(text, titled("Second"));
    // Removed: record and index line.
    remove_dataset(&mut store, &a);
    let ids: Vec<_> = list(&mut store)
        .unwrap()
        .into_iter()
        .map(|d| d.id)
        .collect();
    assert_eq!(ids, std::slice::from_ref(&b));
    assert!(
        !store.items.contains_key(&about_key(&a)),
        "its titles go with it"
    );
    assert_eq!(open(&mut store, &a), Err(Problem::Elsewhere));
    remove_all(&mut store);
    assert!(store.items.is_empty());
}

#[test]
fn a_full_browser_keeps_nothing_half_written() {
    let mut store = MemoryStore {
        quota: Some(EMBEDDED_JSON.len() + 1000),
        ..Default::default()
    };
    keep(&mut store, &titled("Fits"), 1);
    let before = store.clone();
    let json = titled("Does not fit");
    let m = Model::from_json(&json).unwrap();
    assert_eq!(save(&mut store, &json, &m, 2), Err(Problem::Full));
    assert_eq!(
        store, before,
        "the earlier dataset and the index are as they were"
    );
}

#[test]
fn todays_single_record_moves_into_the_new_layout() {
    let json = titled("Loaded before the upgrade");
    let mut store = MemoryStore::default();
    store
        .set(DATASET_KEY, &encode(Record::Dataset, &json))
        .unwrap();
    store
        .set(
            SETTINGS_KEY,
            &encode(Record::Settings, "?view=table&lang=zh"),
        )
        .unwrap();
    let s = plan(&mut store, "").unwrap();
    let id = dataset_id(&json);
    // The dataset in use before is still the one shown, now named in the view.
    assert_eq!(s.source, Source::Stored);
    assert_eq!(
        s.model.dataset.case.title.get(Lang::En),
        "Loaded before the upgrade"
    );
    assert_eq!(s.shown, DatasetRef::Local(id.clone()));
    let view = s.settings.expect("settings kept");
    assert_eq!(
        view.to_query(),
        format!("?ds=local%3A{id}&view=table&lang=zh")
    );
    assert!(s.problems.is_empty(), "{:?}", s.problems);
    // Moved, not copied: the old key is gone, the record is under its id, listed with its title.
    assert!(!store.items.contains_key(DATASET_KEY));
    assert_eq!(
        store.items.get(&dataset_key(&id)),
        Some(&encode(Record::Dataset, &json))
    );
    assert_eq!(s.datasets.len(), 1);
    assert_eq!(s.datasets[0].title(Lang::En), "Loaded before the upgrade");
    // A second start finds the same, with nothing left to move.
    let again = plan(&mut store, "").unwrap();
    assert_eq!(again.shown, DatasetRef::Local(id));
    assert_eq!(again.model, s.model);
}

#[test]
fn a_newer_single_record_is_kept_where_it_is_with_its_notice() {
    let newer = format!(
        "kezuohou-explorer/dataset/{}\n{}",
        FORMAT + 1,
        titled("Newer")
    );
    let mut store = MemoryStore::default();
    store.set(DATASET_KEY, &newer).unwrap();
    let s = plan(&mut store, "").unwrap();
    assert_eq!(s.problems, [Problem::NewerDatasetKept]);
    assert_eq!(s.source, Source::Embedded);
    assert_eq!(store.items.get(DATASET_KEY), Some(&newer), "kept, unread");
    // And a newer record in the new layout: listed as such, kept, never opened.
    let id = "00000000000000ff";
    store.set(&dataset_key(id), &newer).unwrap();
    let listed = list(&mut store).unwrap();
    assert_eq!(listed.len(), 1);
    assert!(listed[0].newer);
    assert_eq!(open(&mut store, id), Err(Problem::NewerDatasetKept));
    assert!(store.items.contains_key(&dataset_key(id)));
    let s = plan(&mut store, &format!("?ds=local:{id}")).unwrap();
    assert_eq!(s.problems, [Problem::NewerDatasetKept]);
    assert_eq!(s.shown, DatasetRef::Builtin);
    assert!(store.items.contains_key(&dataset_key(id)));
    // Removed on the reader's word only.
    remove_newer(&mut store);
    assert!(store.items.is_empty());
}

#[test]
fn damaged_or_invalid_single_records_are_dropped_with_a_notice() {
    for (stored, problem) in [
        ("garbage".to_string(), Problem::Corrupt),
        (
            format!("kezuohou-explorer/dataset/0\n{EMBEDDED_JSON}"),
            Problem::OldFormat,
        ),
        (
            encode(Record::Dataset, &EMBEDDED_JSON[..500]),
            Problem::InvalidDataset,
        ),
    ] {
        let mut store = MemoryStore::default();
        store.set(DATASET_KEY, &stored).unwrap();
        let s = plan(&mut store, "").unwrap();
        assert_eq!(s.problems, [problem]);
        assert_eq!(s.source, Source::Embedded);
        assert!(store.items.is_empty(), "{:?}", store.items.keys());
    }
}

#[test]
fn the_address_names_the_dataset_shown() {
    let mut store = MemoryStore::default();
    let a = keep(&mut store, &titled("Alpha"), 1);
    let b = keep(&mut store, &titled("Beta"), 2);
    // The stored settings name one; a bare address restores it.
    store
        .set(
            SETTINGS_KEY,
            &encode(Record::Settings, &format!("?ds=local:{b}&view=quality")),
        )
        .unwrap();
    let s = plan(&mut store, "").unwrap();
    assert_eq!(s.model.dataset.case.title.get(Lang::En), "Beta");
    assert_eq!(s.shown, DatasetRef::Local(b.clone()));
    // An address with parameters wins, and names another.
    let s = plan(&mut store, &format!("?ds=local%3A{a}&view=table")).unwrap();
    assert_eq!(s.model.dataset.case.title.get(Lang::En), "Alpha");
    assert_eq!(s.shown, DatasetRef::Local(a.clone()));
    // An address without `ds` shows the built-in case.
    let s = plan(&mut store, "?view=table").unwrap();
    assert_eq!((s.source, s.shown), (Source::Embedded, DatasetRef::Builtin));
    let s = plan(&mut store, "?ds=builtin").unwrap();
    assert_eq!(s.shown, DatasetRef::Builtin);
    assert!(s.problems.is_empty());
}

#[test]
fn a_link_to_a_dataset_of_another_browser_explains_and_shows_the_built_in_case() {
    let mut store = MemoryStore::default();
    let db = MemoryStore::default();
    let s = start(&mut store, &db, "?ds=local:0123456789abcdef&view=table");
    assert_eq!(s.problems, [Problem::Elsewhere]);
    assert_eq!(Problem::Elsewhere.code(), "elsewhere");
    assert_eq!((s.source, s.shown), (Source::Embedded, DatasetRef::Builtin));
    assert!(store.items.is_empty(), "nothing written or removed");
    // Settings naming a dataset since removed: the same notice, the rest of the view kept.
    store
        .set(
            SETTINGS_KEY,
            &encode(Record::Settings, "?ds=local:0123456789abcdef&view=table"),
        )
        .unwrap();
    let s = start(&mut store, &db, "");
    assert_eq!(s.problems, [Problem::Elsewhere]);
    let view = s.settings.expect("settings");
    assert_eq!(
        (view.view, view.dataset),
        (View::Table, DatasetRef::Builtin)
    );
}

#[test]
fn the_ds_parameter_round_trips_and_refuses_odd_ids() {
    let view = ViewState {
        dataset: DatasetRef::Local("0123456789abcdef".into()),
        view: View::Table,
        ..Default::default()
    };
    let q = view.to_query();
    assert_eq!(q, "?ds=local%3A0123456789abcdef&view=table");
    assert_eq!(ViewState::from_query(&q, None), (view, Vec::new()));
    assert_eq!(
        ViewState::default().to_query(),
        "",
        "the built-in case is the default"
    );
    for bad in [
        "ds=local:",
        "ds=local:a%20b",
        "ds=local:%E2%80%8B",
        "ds=elsewhere",
        &format!("ds=local:{}", "a".repeat(65)),
    ] {
        let (v, ignored) = ViewState::from_query(bad, None);
        assert_eq!(v.dataset, DatasetRef::Builtin, "{bad}");
        assert_eq!(ignored.len(), 1, "{bad}");
    }
}

#[test]
fn an_invalid_stored_dataset_is_dropped_when_named() {
    let mut store = MemoryStore::default();
    let id = "00000000000000aa";
    store
        .set(
            &dataset_key(id),
            &encode(Record::Dataset, "{\"format_version\": 1}"),
        )
        .unwrap();
    let s = plan(&mut store, &format!("?ds=local:{id}")).unwrap();
    assert_eq!(s.problems, [Problem::InvalidDataset]);
    assert_eq!(s.shown, DatasetRef::Builtin);
    assert!(!store.items.contains_key(&dataset_key(id)));
}

#[test]
fn going_back_in_history_keeps_the_dataset_until_the_app_switches() {
    let s = state(ViewState {
        dataset: DatasetRef::Local("a1".into()),
        ..Default::default()
    });
    let (older, _) = ViewState::from_query("?ds=builtin&view=table", None);
    let s = s.reduce(Action::Restore(older, Vec::new()));
    assert_eq!(s.view.view, View::Table);
    assert_eq!(s.view.dataset, DatasetRef::Local("a1".into()));
}

#[test]
fn the_dataset_text_in_the_state_compares_by_content_whatever_its_address() {
    use case_explorer::state::SharedText;
    let a = SharedText(Rc::from(EMBEDDED_JSON));
    // The same text at another address, a clone (same address), another text.
    assert_eq!(a, SharedText(Rc::from(EMBEDDED_JSON)));
    assert_eq!(a, a.clone());
    assert_ne!(a, SharedText(Rc::from(modified_json().as_str())));
    assert_eq!(&*a, EMBEDDED_JSON);
}

// ---- Ids from a cryptographic digest; records moved from earlier versions; read-back bounds ----

#[test]
fn a_dataset_id_is_the_sha256_of_its_text() {
    // The standard's test vector: a different hash function could not give these digits.
    assert_eq!(
        dataset_id("abc"),
        "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
    );
    let (a, b) = (titled("First"), titled("Firsu"));
    assert_ne!(dataset_id(&a), dataset_id(&b));
    assert!(
        DatasetRef::valid_id(&dataset_id(&a)),
        "usable in an address"
    );
}

#[test]
fn a_record_planted_under_another_texts_id_is_refused_and_the_link_never_opens_it() {
    let mut store = MemoryStore::default();
    let first = keep(&mut store, &titled("First"), 1);
    // Another page of the origin writes a different text under the first one's id.
    store
        .set(
            &dataset_key(&first),
            &encode(Record::Dataset, &titled("Planted")),
        )
        .unwrap();
    assert_eq!(open(&mut store, &first), Err(Problem::Corrupt));
    assert!(!store.items.contains_key(&dataset_key(&first)), "dropped");
    // The same at start-up, from a link.
    keep(&mut store, &titled("First"), 2);
    store
        .set(
            &dataset_key(&first),
            &encode(Record::Dataset, &titled("Planted")),
        )
        .unwrap();
    let s = plan(&mut store, &format!("?ds=local:{first}")).unwrap();
    assert_eq!(s.problems, [Problem::Corrupt]);
    assert_eq!(s.source, Source::Embedded);
    assert_ne!(s.model.dataset.case.title.get(Lang::En), "Planted");
}

/// An earlier version's layout: each dataset under a 16-digit id, one tab-separated index.
fn old_layout(entries: &[(&str, &str, u64)]) -> MemoryStore {
    let mut store = MemoryStore::default();
    let mut index = Vec::new();
    for (old, title, at) in entries {
        store
            .set(&dataset_key(old), &encode(Record::Dataset, &titled(title)))
            .unwrap();
        index.push(format!("{old}\t{at}\t{title}\t{title}（中文）"));
    }
    store
        .set(INDEX_KEY, &encode(Record::Index, &index.join("\n")))
        .unwrap();
    store
        .set(
            SETTINGS_KEY,
            &encode(
                Record::Settings,
                &format!("?ds=local%3A{}&view=table", entries[0].0),
            ),
        )
        .unwrap();
    store
}

#[test]
fn earlier_ids_move_to_digests_with_titles_links_and_settings_kept() {
    let (a, b) = ("0123456789abcdef", "fedcba9876543210");
    let mut store = old_layout(&[(a, "Alpha", 10), (b, "Beta", 20)]);
    let s = plan(&mut store, "").unwrap();
    let (new_a, new_b) = (dataset_id(&titled("Alpha")), dataset_id(&titled("Beta")));
    assert!(s.problems.is_empty(), "{:?}", s.problems);
    // The settings named the first by its old id: it is still the one shown, by its new id.
    assert_eq!(s.shown, DatasetRef::Local(new_a.clone()));
    assert_eq!(s.model.dataset.case.title.get(Lang::En), "Alpha");
    assert!(decode(Record::Settings, &store.items[SETTINGS_KEY])
        .unwrap()
        .contains(&new_a));
    // Both listed, latest first, with both titles; no record left under an old id or index.
    let listed: Vec<_> = s
        .datasets
        .iter()
        .map(|d| (d.id.clone(), d.title(Lang::En), d.title(Lang::Zh)))
        .collect();
    assert_eq!(
        listed,
        [
            (new_b.clone(), "Beta", "Beta（中文）"),
            (new_a.clone(), "Alpha", "Alpha（中文）")
        ]
    );
    assert!(!store.items.contains_key(&dataset_key(a)));
    assert!(!store.items.contains_key(INDEX_KEY));
    // A link made before the move opens the same dataset.
    let s = plan(&mut store, &format!("?ds=local:{b}")).unwrap();
    assert_eq!(s.shown, DatasetRef::Local(new_b));
    assert_eq!(s.model.dataset.case.title.get(Lang::En), "Beta");
}

#[test]
fn a_move_that_does_not_fit_loses_nothing_and_is_tried_again() {
    let (a, b) = ("0123456789abcdef", "fedcba9876543210");
    let mut store = old_layout(&[(a, "Alpha", 10), (b, "Beta", 20)]);
    // Room for no more than what is there now, give or take a few bytes.
    let used: usize = store.items.iter().map(|(k, v)| k.len() + v.len()).sum();
    store.quota = Some(used + 40);
    let s = plan(&mut store, "").unwrap();
    assert_eq!(s.problems, [Problem::Full]);
    // Every text is still stored, under an old or a new id, and listed with its title.
    let mut titles: Vec<_> = s.datasets.iter().map(|d| d.title(Lang::En)).collect();
    titles.sort();
    assert_eq!(titles, ["Alpha", "Beta"]);
    assert_eq!(s.model.dataset.case.title.get(Lang::En), "Alpha");
    // With room again, the rest moves.
    store.quota = None;
    let s = plan(&mut store, "").unwrap();
    assert!(s.problems.is_empty(), "{:?}", s.problems);
    assert!(s.datasets.iter().all(|d| d.id.len() == 64));
    assert_eq!(s.datasets.len(), 2);
}

/// A store that counts reads of keys that more than one dataset shares (the old index).
#[derive(Default)]
struct Watched {
    inner: MemoryStore,
    shared_reads: std::cell::Cell<usize>,
}

impl Store for Watched {
    fn get(&self, key: &str) -> Result<Option<String>, Problem> {
        if key == INDEX_KEY {
            self.shared_reads.set(self.shared_reads.get() + 1);
        }
        self.inner.get(key)
    }
    fn set(&mut self, key: &str, value: &str) -> Result<(), Problem> {
        self.inner.set(key, value)
    }
    fn remove(&mut self, key: &str) {
        self.inner.remove(key)
    }
    fn keys(&self) -> Result<Vec<String>, Problem> {
        self.inner.keys()
    }
}

#[test]
fn two_tabs_storing_at_once_lose_no_title() {
    // Two tabs interleave: each stores its datasets between the other's. Storing reads nothing
    // another dataset writes, so no interleaving can drop a line.
    let mut store = Watched::default();
    let m = Model::embedded().unwrap();
    for k in 0..16 {
        let json = titled(&format!("Tab {} dataset {k}", k % 2));
        save(&mut store, &json, &m, 100 + k).unwrap();
    }
    assert_eq!(
        store.shared_reads.get(),
        0,
        "no read-modify-write of a shared record"
    );
    let listed = list(&mut store).unwrap();
    assert_eq!(listed.len(), 16);
    assert!(listed.iter().all(|d| !d.title(Lang::En).is_empty()));
}

#[test]
fn records_read_back_are_held_to_input_bounds() {
    let mut store = MemoryStore::default();
    let id = keep(&mut store, &titled("Honest"), 1);
    // Another page plants a title of two million characters.
    let huge = case_explorer::record::About {
        loaded_ms: 1,
        titles: vec![("en".into(), "x".repeat(2_000_000))],
    };
    store.set(&about_key(&id), &huge.write()).unwrap();
    let started = std::time::Instant::now();
    let listed = list(&mut store).unwrap();
    assert!(started.elapsed().as_millis() < 1000);
    assert_eq!(listed.len(), 1, "the dataset stays");
    assert_eq!(listed[0].title(Lang::En), "", "the title record is refused");
    assert!(!store.items.contains_key(&about_key(&id)), "and removed");
    // A settings record larger than any view's query is refused before it is parsed.
    let settings = encode(
        Record::Settings,
        &format!("?view=table{}", "&x".repeat(9000)),
    );
    assert_eq!(
        parse_settings(&settings, &embedded()),
        Err(Problem::Corrupt)
    );
}

#[test]
fn a_link_to_a_dataset_the_browser_could_not_keep_says_so() {
    let mut store = MemoryStore::default();
    let json = titled("Too big to keep");
    let m = Model::from_json(&json).unwrap();
    let id = case_explorer::storage::note_unkept(&mut store, &json, &m, 5);
    let db = MemoryStore::default();
    let s = start(&mut store, &db, &format!("?ds=local:{id}"));
    assert_eq!(s.problems, [Problem::NotKept]);
    // A link from another browser is not this case.
    let other = dataset_id(&titled("Never here"));
    let s = start(&mut store, &db, &format!("?ds=local:{other}"));
    assert_eq!(s.problems, [Problem::Elsewhere]);
    // Kept later: the note goes.
    keep(&mut store, &json, 6);
    let s = plan(&mut store, &format!("?ds=local:{id}")).unwrap();
    assert!(s.problems.is_empty());
}

// ---- Dataset texts in IndexedDB (a second memory store here) ----

#[test]
fn what_was_read_ahead_serves_the_text_read_from_indexeddb_and_no_other() {
    let (mut store, mut db) = (MemoryStore::default(), MemoryStore::default());
    let id = keep_in_db(&mut store, &mut db, &modified_json(), 7);
    let query = format!("?ds=local%3A{id}&view=table");
    let record = db.get(&id).unwrap().expect("kept");
    // Read ahead, the start is the one made without reading ahead.
    let plain = plan_with(
        &mut store,
        &query,
        Some((&id, Ok(Some(record.clone())))),
        None,
    )
    .unwrap();
    let ahead = ahead_of(&record);
    let sliced = plan_with(
        &mut store,
        &query,
        Some((&id, Ok(Some(record.clone())))),
        ahead,
    )
    .unwrap();
    assert!(sliced == plain, "reading ahead changed the start");
    assert_eq!(
        sliced.model.dataset.case.title.get(Lang::En),
        "A modified copy"
    );
    // Another text's reading is not taken for this one when the text is found elsewhere (an
    // earlier version's copy in localStorage).
    let other = ahead_of(&encode(Record::Dataset, EMBEDDED_JSON));
    store.set(&dataset_key(&id), &record).unwrap();
    let s = plan_with(&mut store, &query, Some((&id, Ok(None))), other).unwrap();
    assert_eq!(s.model.dataset.case.title.get(Lang::En), "A modified copy");
    // A record planted under another text's id is refused, its digest read ahead or not.
    let mut store = MemoryStore::default();
    let planted = encode(Record::Dataset, EMBEDDED_JSON);
    let s = plan_with(
        &mut store,
        &query,
        Some((&id, Ok(Some(planted.clone())))),
        ahead_of(&planted),
    )
    .unwrap();
    assert_eq!(s.source, Source::Embedded);
    assert_eq!(s.drop_text.as_deref(), Some(id.as_str()));
}

#[test]
fn a_dataset_kept_in_indexeddb_opens_once_it_is_read_with_the_view_from_the_address() {
    let (mut store, mut db) = (MemoryStore::default(), MemoryStore::default());
    let id = keep_in_db(&mut store, &mut db, &modified_json(), 7);
    // Only its titles are in localStorage; the list shows it.
    assert!(!store.items.keys().any(|k| k.starts_with(DATASET_PREFIX)));
    let query = format!("?ds=local%3A{id}&view=table&area=mu");
    let first = plan(&mut store, &query).unwrap();
    assert_eq!(first.pending.as_deref(), Some(id.as_str()));
    assert!(first.problems.is_empty(), "{:?}", first.problems);
    assert_eq!(first.datasets.len(), 1);
    assert_eq!(first.datasets[0].title(Lang::En), "A modified copy");
    // IndexedDB answers: the dataset, the view the address names.
    let s = plan_with(&mut store, &query, Some((&id, db.get(&id))), None).unwrap();
    assert_eq!(s.pending, None);
    assert_eq!(
        (s.source.clone(), s.shown.clone()),
        (Source::Stored, DatasetRef::Local(id.clone()))
    );
    assert_eq!(s.model.dataset.case.title.get(Lang::En), "A modified copy");
    let (view, ignored) = choose_view(&query, s.settings.as_ref(), &s.model, Lang::En);
    assert!(ignored.is_empty());
    assert_eq!(
        (
            view.view,
            view.units.get(case_explorer::model::Family::Area)
        ),
        (View::Table, Some("mu"))
    );
    // Settings naming it are read against it, not against the built-in case meanwhile.
    store
        .set(
            SETTINGS_KEY,
            &encode(Record::Settings, &format!("?ds=local%3A{id}&view=table")),
        )
        .unwrap();
    let first = plan(&mut store, "").unwrap();
    assert_eq!(
        (first.pending.as_deref(), first.settings.as_ref()),
        (Some(id.as_str()), None)
    );
    assert!(
        store.items.contains_key(SETTINGS_KEY),
        "the settings are not dropped while pending"
    );
    let s = start(&mut store, &db, "");
    assert_eq!(s.shown, DatasetRef::Local(id));
    assert_eq!(s.settings.map(|v| v.view), Some(View::Table));
}

#[test]
fn a_damaged_text_in_indexeddb_is_dropped_there_and_from_the_list() {
    let (mut store, mut db) = (MemoryStore::default(), MemoryStore::default());
    let id = keep_in_db(&mut store, &mut db, &modified_json(), 7);
    // Another text planted under its id.
    db.set(&id, &encode(Record::Dataset, &titled("Planted")))
        .unwrap();
    let s = start(&mut store, &db, &format!("?ds=local:{id}"));
    assert_eq!(s.problems, [Problem::Corrupt]);
    assert_eq!(
        s.drop_text.as_deref(),
        Some(id.as_str()),
        "the caller deletes it there"
    );
    assert_eq!(s.shown, DatasetRef::Builtin);
    assert!(s.datasets.is_empty());
    assert!(discards_text(Problem::InvalidDataset) && !discards_text(Problem::Full));
    // Its text gone from IndexedDB too (say, cleared by the browser): the titles record goes.
    let (mut store, mut db) = (MemoryStore::default(), MemoryStore::default());
    let id = keep_in_db(&mut store, &mut db, &modified_json(), 7);
    let s = start(
        &mut store,
        &MemoryStore::default(),
        &format!("?ds=local:{id}"),
    );
    assert_eq!(s.problems, [Problem::Elsewhere]);
    assert!(s.datasets.is_empty());
    assert!(!store.items.contains_key(&about_key(&id)));
}

/// Move every text `texts_to_move` offers into `db`, the first `fail_after` of them only.
fn move_texts(store: &mut MemoryStore, db: &mut MemoryStore, fail_after: usize) -> usize {
    let todo = texts_to_move(store);
    for (id, record) in todo.iter().take(fail_after) {
        db.set(id, record).unwrap();
        moved_out(store, id, record);
    }
    todo.len()
}

#[test]
fn texts_earlier_versions_kept_in_local_storage_move_to_indexeddb_with_nothing_lost() {
    // Every earlier layout at once: 16-digit ids with a shared index, the single record, and a
    // dataset under its digest with no titles record.
    let (a, b) = ("0123456789abcdef", "fedcba9876543210");
    let mut store = old_layout(&[(a, "Alpha", 10), (b, "Beta", 20)]);
    store
        .set(DATASET_KEY, &encode(Record::Dataset, &titled("Single")))
        .unwrap();
    let bare = titled("No titles record");
    store
        .set(
            &dataset_key(&dataset_id(&bare)),
            &encode(Record::Dataset, &bare),
        )
        .unwrap();
    let mut db = MemoryStore::default();
    let s = plan(&mut store, "").unwrap();
    assert!(s.problems.is_empty(), "{:?}", s.problems);
    // The first visit still reads them where they are.
    assert_eq!(s.model.dataset.case.title.get(Lang::En), "Alpha");
    // One moves, then the browser refuses: the rest stays in localStorage, listed.
    assert_eq!(move_texts(&mut store, &mut db, 1), 4);
    let titles = |s: &Startup| {
        let mut t: Vec<_> = s
            .datasets
            .iter()
            .map(|d| d.title(Lang::En).to_string())
            .collect();
        t.sort();
        t
    };
    let all = ["Alpha", "Beta", "No titles record", "Single"];
    assert_eq!(start(&mut store, &db, "").datasets.len(), 4);
    // The next visit moves the rest.
    assert_eq!(move_texts(&mut store, &mut db, usize::MAX), 3);
    assert!(texts_to_move(&store).is_empty());
    assert!(
        !store
            .items
            .keys()
            .any(|k| k.starts_with(DATASET_PREFIX) || k == DATASET_KEY),
        "no text left in localStorage: {:?}",
        store.items.keys().collect::<Vec<_>>()
    );
    // Each text under its digest, byte for byte.
    assert_eq!(db.items.len(), 4);
    for (id, record) in &db.items {
        assert_eq!(&dataset_id(decode(Record::Dataset, record).unwrap()), id);
    }
    // Listed with their titles, the one without a record too (read from its text).
    let s = start(&mut store, &db, "");
    assert_eq!(titles(&s), all);
    assert_eq!(
        s.model.dataset.case.title.get(Lang::En),
        "Alpha",
        "the settings still name it"
    );
    // Links made before any move open the same datasets.
    assert!(store.items.contains_key(&moved_key(b)));
    let s = start(&mut store, &db, &format!("?ds=local:{b}"));
    assert_eq!(s.model.dataset.case.title.get(Lang::En), "Beta");
    assert_eq!(s.shown, DatasetRef::Local(dataset_id(&titled("Beta"))));
    let id = dataset_id(&bare);
    let s = start(&mut store, &db, &format!("?ds=local:{id}"));
    assert_eq!(s.model.dataset.case.title.get(Lang::En), "No titles record");
    // Removing everything leaves no record of the app in localStorage.
    remove_all(&mut store);
    assert!(store.items.is_empty());
}
