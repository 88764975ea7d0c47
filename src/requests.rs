//! What the reader asks of their data (open a file or a text, show or remove a kept dataset,
//! export, forget stored records), carried out for the root: the storage and file work first,
//! then the actions that tell the reducer what came of it. The data panel only emits a
//! [`DataRequest`]; `components/app.rs` hands it here with its handle on the state.

use crate::components::browser;
use crate::components::AppHandle;
use crate::input;
use crate::model::pace::Pace;
use crate::model::{DatasetError, ErrorKind, Model};
use crate::state::{Action, DatasetRef, Source, View};
use crate::storage::{self, Problem, Store};
use crate::texts;
use gloo::file::callbacks::FileReader;
use std::rc::Rc;

/// One thing the reader asked of the data panel or the storage notice.
pub enum DataRequest {
    /// Pasted text, or a reviewed draft's JSON.
    Load {
        text: String,
        source: Source,
    },
    /// A file from the picker or dropped on the panel.
    ReadFile(web_sys::File),
    /// Switch to the built-in case or a dataset kept in this browser.
    Show(DatasetRef),
    /// Remove one kept dataset (confirmed in the list).
    Remove(String),
    /// Remove everything kept in this browser and stop keeping.
    RemoveAll,
    /// Download the dataset in use as JSON.
    Export,
    /// Remove a dataset kept by a newer version of the app.
    RemoveNewer,
    DismissProblems,
    /// Go to the draft editor (its own view), closing the panel.
    Draft,
}

thread_local! {
    /// The file being read: dropping the reader would cancel the read.
    static READER: std::cell::RefCell<Option<FileReader>> = const { std::cell::RefCell::new(None) };
    /// The number of the reader's latest choice of dataset (file, paste, built-in case, remove).
    static CHOICE: std::cell::Cell<u64> = const { std::cell::Cell::new(0) };
}

/// A new choice of dataset: cancels the file still being read, if any, and returns the choice's
/// number. The last choice wins: a read that ends after a later choice is dropped.
fn new_choice() -> u64 {
    drop(READER.with(|r| r.borrow_mut().take()));
    CHOICE.with(|c| {
        c.set(c.get().wrapping_add(1));
        c.get()
    })
}

fn is_latest(choice: u64) -> bool {
    CHOICE.with(|c| c.get() == choice)
}

/// Carry out `request` against the state behind `app`.
pub fn carry_out(app: &AppHandle, request: DataRequest) {
    match request {
        DataRequest::Load { text, source } => {
            new_choice();
            load(app, Ok(text), source);
        }
        DataRequest::ReadFile(file) => read_file(app, file),
        DataRequest::Show(d) => switch_to(app, d),
        DataRequest::Remove(id) => {
            // Its titles go first: the list (here and in other tabs) drops it at once.
            storage::remove_dataset(&mut storage::web::LocalStore, &id);
            refresh_list(app);
            let gone = id.clone();
            let app2 = app.clone();
            yew::platform::spawn_local(async move {
                if let Err(p) = texts::delete(&gone).await {
                    app2.dispatch(Action::Problem(p));
                }
            });
            if app.view.dataset == DatasetRef::Local(id) {
                switch_to(app, DatasetRef::Builtin);
            }
        }
        DataRequest::RemoveAll => {
            new_choice();
            storage::remove_all(&mut storage::web::LocalStore);
            app.dispatch(Action::StopPersisting);
            app.dispatch(Action::Datasets(Vec::new()));
            let app = app.clone();
            yew::platform::spawn_local(async move {
                if let Err(p) = texts::clear().await {
                    app.dispatch(Action::Problem(p));
                }
            });
        }
        DataRequest::Export => {
            if let Some(text) = &app.text {
                let name = file_name(&app.model.dataset.case.id);
                browser::download_text(&name, "application/json", text);
            }
        }
        DataRequest::RemoveNewer => {
            storage::remove_newer(&mut storage::web::LocalStore);
            app.dispatch(Action::ForgetProblem(Problem::NewerDatasetKept));
            refresh_list(app);
        }
        DataRequest::DismissProblems => app.dispatch(Action::DismissProblems),
        DataRequest::Draft => {
            if app.panel_open {
                app.dispatch(Action::TogglePanel);
            }
            app.dispatch(Action::SetView(View::Draft));
        }
    }
}

/// A download name from the dataset's id: letters, digits, '-', '_' and '.' only.
fn file_name(id: &str) -> String {
    let mut stem: String = id
        .chars()
        .filter(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.'))
        .take(60)
        .collect();
    if stem.trim_matches('.').is_empty() {
        stem = "dataset".into();
    }
    stem + ".json"
}

/// Validate, then keep it in the browser and switch to it; a refused dataset changes nothing but
/// the list of problems.
fn load(app: &AppHandle, text: Result<String, DatasetError>, source: Source) {
    match text
        .map_err(|e| vec![e])
        .and_then(|text| storage::load_model(&text).map(|m| (m, text)))
    {
        Ok((model, text)) => {
            let id = storage::dataset_id(&text);
            let about = storage::about_of(&model, storage::web::now_ms());
            let title = model.dataset.case.title.get(app.view.lang).to_string();
            let text: Rc<str> = text.into();
            app.dispatch(Action::UseModel(
                Rc::new(model),
                source,
                text.clone(),
                DatasetRef::Local(id.clone()),
            ));
            if app.persist {
                keep(app.clone(), id, about, title, text);
            }
        }
        Err(errors) => app.dispatch(Action::Refused(errors)),
    }
}

/// Keep a dataset in IndexedDB, then its titles beside the settings (last: the list and other
/// tabs see it once it is whole), and ask the browser to keep the origin's storage. A refusal
/// (full) names the dataset in the panel; what was kept before stays.
fn keep(app: AppHandle, id: String, about: storage::About, title: String, text: Rc<str>) {
    yew::platform::spawn_local(async move {
        let record = storage::encode(storage::Record::Dataset, &text);
        drop(text);
        let stored = texts::put(&id, &record).await;
        drop(record);
        let mut store = storage::web::LocalStore;
        let titled = stored.and_then(|()| {
            storage::kept(&mut store, &id, &about).inspect_err(|_| {
                // No room left for its titles: it would be kept unlisted; it goes.
                let id = id.clone();
                yew::platform::spawn_local(async move {
                    let _ = texts::delete(&id).await;
                });
            })
        });
        match titled {
            Ok(()) => {
                app.dispatch(Action::Saved);
                refresh_list(&app);
                let persistent = texts::ask_persistent().await;
                app.dispatch(Action::Persistent(persistent));
            }
            Err(p) => {
                // The note for a later link is a few bytes in localStorage; the text is not
                // left half-written in IndexedDB (its transaction was aborted).
                let _ = store.set(&storage::unkept_key(&id), &about.write());
                app.dispatch(Action::Unsaved(p, title));
            }
        }
    });
}

fn refresh_list(app: &AppHandle) {
    app.dispatch(Action::Datasets(stored_list()));
}

/// The datasets kept in this browser, as the panel lists them.
pub fn stored_list() -> Vec<storage::StoredDataset> {
    storage::list(&mut storage::web::LocalStore).unwrap_or_default()
}

/// The built-in case, or a dataset kept in this browser, ready to switch to: read from
/// IndexedDB, or from `localStorage` while an earlier version's copy has not moved yet.
pub async fn open_dataset(d: &DatasetRef) -> Result<(Rc<Model>, Source, Rc<str>), Problem> {
    match d {
        DatasetRef::Builtin => {
            let text = storage::builtin_json();
            storage::load_model(&text).map(|m| (Rc::new(m), Source::Embedded, text))
        }
        .map_err(|_| Problem::InvalidDataset),
        DatasetRef::Local(id) => {
            let mut store = storage::web::LocalStore;
            let here = store.get(&storage::dataset_key(id));
            let opened = if matches!(here, Ok(Some(_))) {
                storage::open_text(&mut store, id, here, None)
            } else {
                let (got, ahead) = read_kept(id).await;
                let opened = storage::open_text(&mut store, id, got, ahead);
                if let Err(p) = &opened {
                    if storage::discards_text(*p) {
                        let _ = texts::delete(id).await;
                    }
                }
                opened
            };
            opened.map(|(m, text)| (Rc::new(m), Source::Stored, text.into()))
        }
    }
}

/// A kept dataset's record read out of IndexedDB, and what `storage` makes of it read ahead
/// (its digest and model): both in slices, the page breathing between them. Timed for the
/// benchmark as `dataset-read` and `dataset-open`.
pub async fn read_kept(id: &str) -> (Result<Option<String>, Problem>, Option<storage::ReadAhead>) {
    let clock = browser::PageClock;
    let mut pace = Pace::new(&clock, browser::SLICE_MS);
    browser::mark("dataset-read");
    let got = texts::get(id, &mut pace).await;
    browser::measure("dataset-read");
    browser::mark("dataset-open");
    let ahead = match &got {
        Ok(Some(record)) => storage::read_ahead(record, &mut pace).await,
        Ok(None) | Err(_) => None,
    };
    browser::measure("dataset-open");
    (got, ahead)
}

/// Switch to a dataset of the list; one that cannot be opened any more gives its notice. The
/// last choice wins: an opening that ends after a later choice is dropped.
fn switch_to(app: &AppHandle, d: DatasetRef) {
    let choice = new_choice();
    let app = app.clone();
    yew::platform::spawn_local(async move {
        let opened = open_dataset(&d).await;
        if !is_latest(choice) {
            return;
        }
        match opened {
            Ok((model, source, text)) => app.dispatch(Action::UseModel(model, source, text, d)),
            Err(p) => {
                app.dispatch(Action::Problem(p));
                refresh_list(&app);
            }
        }
    });
}

/// At start-up, once the dataset shown is read: move the dataset texts an earlier version kept
/// in `localStorage` into IndexedDB, each copy there removed only once its text is stored, so
/// nothing is lost (ids unchanged: old links still open them). One that does not fit stays
/// where it was, to be moved at a later visit. Also says whether the storage is persistent.
pub async fn move_old_texts(app: AppHandle) {
    let mut store = storage::web::LocalStore;
    let mut moved = false;
    for (id, record) in storage::texts_to_move(&store) {
        match texts::put(&id, &record).await {
            Ok(()) => {
                storage::moved_out(&mut store, &id, &record);
                moved = true;
            }
            Err(p) => {
                app.dispatch(Action::Problem(p));
                break;
            }
        }
    }
    if moved {
        refresh_list(&app);
    }
    if !app.datasets.is_empty() || moved {
        app.dispatch(Action::Persistent(texts::is_persistent().await));
    }
}

/// A file from the picker or dropped: its size is checked before it is read, and it must be
/// UTF-8.
fn read_file(app: &AppHandle, file: web_sys::File) {
    let choice = new_choice();
    if let Err(e) = input::check_size(file.size() as u64) {
        return load(app, Err(e), Source::Pasted);
    }
    let name = file.name();
    let app = app.clone();
    let blob = gloo::file::Blob::from(web_sys::Blob::from(file));
    let task = gloo::file::callbacks::read_as_bytes(&blob, move |res| {
        if !is_latest(choice) {
            return;
        }
        let text = res
            .map_err(|_| {
                DatasetError::new(ErrorKind::Structure, ".", "a readable file", "a read error")
            })
            .and_then(input::text_from_bytes);
        load(&app, text, Source::File(name));
    });
    READER.with(|r| *r.borrow_mut() = Some(task));
}
