//! The reader's own data: the datasets at hand (the built-in case and every one kept in this
//! browser, each shown or removed from a list), open a dataset from a file (picker or drop) or
//! pasted text, see every problem if it is refused, export the one in use, and remove what the
//! browser keeps. Plus the notice about stored data that could not be used.

use super::browser;
use super::draft_review::DraftReview;
use super::AppHandle;
use crate::i18n::{tr, Strings};
use crate::input;
use crate::model::Model;
use crate::model::{DatasetError, ErrorKind, EMBEDDED_JSON, MAX_DATASET_BYTES};
use crate::state::{Action, DatasetRef, LoadOutcome, Source};
use crate::storage::{self, Problem, StoredDataset};
use gloo::file::callbacks::FileReader;
use std::rc::Rc;
use wasm_bindgen::JsCast;
use yew::prelude::*;

/// Problems listed at most; the count of the rest is given.
pub const MAX_SHOWN_ERRORS: usize = 100;
/// Characters of an expected or found text shown at most (a value may be megabytes long).
const MAX_FACT_CHARS: usize = 240;

pub fn kind_label(kind: &ErrorKind, t: &Strings) -> &'static str {
    match kind {
        ErrorKind::Syntax { .. } => t.kind_syntax,
        ErrorKind::Structure => t.kind_structure,
        ErrorKind::UnsupportedVersion => t.kind_version,
        ErrorKind::TooLarge => t.kind_too_large,
        ErrorKind::EmptyId => t.kind_empty_id,
        ErrorKind::DuplicateId => t.kind_duplicate_id,
        ErrorKind::UnknownUnit => t.kind_unknown_unit,
        ErrorKind::MissingReference => t.kind_missing_reference,
        ErrorKind::DerivedCycle => t.kind_cycle,
        ErrorKind::NonFinite => t.kind_non_finite,
        ErrorKind::Negative => t.kind_negative,
        ErrorKind::PercentOutOfRange => t.kind_percent,
        ErrorKind::UnitMismatch => t.kind_unit_mismatch,
        ErrorKind::WrongInputCount => t.kind_input_count,
        ErrorKind::BadPeriod => t.kind_period,
        ErrorKind::TooLong => t.kind_too_long,
        ErrorKind::InvalidId => t.kind_invalid_id,
    }
}

pub fn problem_text(p: Problem, t: &Strings) -> &'static str {
    match p {
        Problem::Corrupt => t.problem_corrupt,
        Problem::OldFormat => t.problem_old,
        Problem::NewerFormat => t.problem_newer,
        Problem::NewerDatasetKept => t.problem_newer_kept,
        Problem::InvalidDataset => t.problem_invalid,
        Problem::Full => t.problem_full,
        Problem::Unavailable => t.problem_unavailable,
        Problem::Elsewhere => t.problem_elsewhere,
    }
}

fn clip(s: &str) -> String {
    match s.char_indices().nth(MAX_FACT_CHARS) {
        Some((i, _)) => {
            let mut out = s[..i].to_string();
            out.push('…');
            out
        }
        None => s.to_string(),
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

/// Validate, then keep it in the browser and switch to it; a refused dataset changes nothing but
/// the list of problems.
fn load(app: &AppHandle, text: Result<String, DatasetError>, source: Source) {
    match text
        .map_err(|e| vec![e])
        .and_then(|text| storage::load_model(&text).map(|m| (m, text)))
    {
        Ok((model, text)) => {
            let mut store = storage::web::LocalStore;
            let id = if app.persist {
                match storage::save(&mut store, &text, &model, storage::web::now_ms()) {
                    Ok(id) => {
                        app.dispatch(Action::Saved);
                        id
                    }
                    Err(p) => {
                        app.dispatch(Action::Unsaved(p));
                        storage::dataset_id(&text)
                    }
                }
            } else {
                storage::dataset_id(&text)
            };
            refresh_list(app);
            app.dispatch(Action::UseModel(
                Rc::new(model),
                source,
                text.into(),
                DatasetRef::Local(id),
            ));
        }
        Err(errors) => app.dispatch(Action::Refused(errors)),
    }
}

fn refresh_list(app: &AppHandle) {
    let list = storage::list(&storage::web::LocalStore).unwrap_or_default();
    app.dispatch(Action::Datasets(list));
}

/// The built-in case, or a dataset kept in this browser, ready to switch to.
pub fn open_dataset(d: &DatasetRef) -> Result<(Rc<Model>, Source, Rc<str>), Problem> {
    match d {
        DatasetRef::Builtin => storage::load_model(EMBEDDED_JSON)
            .map(|m| (Rc::new(m), Source::Embedded, EMBEDDED_JSON.into()))
            .map_err(|_| Problem::InvalidDataset),
        DatasetRef::Local(id) => storage::open(&mut storage::web::LocalStore, id)
            .map(|(m, text)| (Rc::new(m), Source::Stored, text.into())),
    }
}

/// Switch to a dataset of the list; one that cannot be opened any more gives its notice.
fn switch_to(app: &AppHandle, d: DatasetRef) {
    new_choice();
    match open_dataset(&d) {
        Ok((model, source, text)) => app.dispatch(Action::UseModel(model, source, text, d)),
        Err(p) => {
            app.dispatch(Action::Problem(p));
            refresh_list(app);
        }
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

/// The panel's buttons, told apart by their `data-cmd`: one listener for all.
fn command(app: &AppHandle, e: MouseEvent) {
    let cmd = e
        .target()
        .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
        .and_then(|el| el.get_attribute("data-cmd"));
    match cmd.as_deref() {
        Some("load") => {
            let text = browser::textarea_value("data-text");
            if !text.trim().is_empty() {
                new_choice();
                load(app, Ok(text), Source::Pasted);
            }
        }
        Some("export") => {
            if let Some(text) = &app.text {
                let name = file_name(&app.model.dataset.case.id);
                browser::download_text(&name, "application/json", text);
            }
        }
        Some("embedded") => switch_to(app, DatasetRef::Builtin),
        Some("remove") => {
            new_choice();
            storage::remove_all(&mut storage::web::LocalStore);
            app.dispatch(Action::StopPersisting);
            app.dispatch(Action::Datasets(Vec::new()));
        }
        _ => {}
    }
}

/// The panel. A plain function of the app state rather than a component: its state (what the
/// last load led to) lives in the app's reducer.
pub fn dataset_panel(app: &AppHandle) -> Html {
    let lang = app.view.lang;
    let t = tr(lang);
    let on_click = {
        let app = app.clone();
        Callback::from(move |e: MouseEvent| command(&app, e))
    };
    let on_file = {
        let app = app.clone();
        Callback::from(move |e: Event| {
            if let Some(input) = e
                .target()
                .and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok())
            {
                if let Some(file) = input.files().and_then(|l| l.get(0)) {
                    read_file(&app, file);
                }
                // Choosing the same file again is a change too.
                input.set_value("");
            }
        })
    };
    let on_drag_over = Callback::from(|e: DragEvent| e.prevent_default());
    let on_drop = {
        let app = app.clone();
        Callback::from(move |e: DragEvent| {
            e.prevent_default();
            if let Some(file) = e
                .data_transfer()
                .and_then(|d| d.files())
                .and_then(|l| l.get(0))
            {
                read_file(&app, file);
            }
        })
    };

    let (source, file) = match &app.source {
        Source::Embedded => (t.source_embedded, None),
        Source::File(name) => (t.source_file, Some(name.clone())),
        Source::Pasted => (t.source_pasted, None),
        Source::Stored => (t.source_stored, None),
    };
    let title = app.model.dataset.case.title.get(lang).to_string();
    let (status, loaded, errors) = match &app.outcome {
        LoadOutcome::Loaded => (t.loaded, Some(title.clone()), None),
        LoadOutcome::Removed => (t.storage_removed, None, None),
        LoadOutcome::Refused(errors) => ("", None, Some(errors.clone())),
        LoadOutcome::None => ("", None, None),
    };
    let mib = (MAX_DATASET_BYTES >> 20).to_string();
    let on_draft_open = {
        let app = app.clone();
        Callback::from(move |json: String| load(&app, Ok(json), Source::Pasted))
    };
    html! {
        <section id="data-panel" class="data-panel" aria-labelledby="data-title" onclick={on_click}>
            <h2 id="data-title">{t.data_button}</h2>
            <DatasetList />
            <p>{t.data_intro}</p>
            <p>{t.dataset_current}<strong id="data-current">{title}</strong>{" — "}
                <span id="data-source">{source}{" "}<code>{file}</code></span></p>
            <div class="data-actions">
                if app.source != Source::Embedded {
                    <button type="button" id="data-embedded" class="secondary" data-cmd="embedded">{t.back_to_embedded}</button>
                }
                if app.text.is_some() {
                    <button type="button" id="export-dataset" class="secondary" data-cmd="export">{t.export_dataset}</button>
                }
            </div>
            <div class="drop-zone" id="data-drop" ondragover={on_drag_over} ondrop={on_drop}>
                <label for="data-file">{t.open_file}{" "}{t.size_limit.replace("{mib}", &mib)}</label>
                <input id="data-file" type="file" accept=".json,application/json" onchange={on_file} />
                <p class="hint">{t.drop_here}</p>
            </div>
            <label for="data-text">{t.paste_label}</label>
            <textarea id="data-text" rows="5" spellcheck="false" />
            <button type="button" id="data-load" class="secondary" data-cmd="load">{t.load}</button>
            <p role="status" id="data-status">{status}{" "}<strong>{loaded}</strong></p>
            if let Some(errors) = errors { {error_list(&errors, t)} }
            <p id="data-kept">{ match (app.persist, app.unsaved) {
                (false, _) => t.storage_off,
                (true, Some(Problem::Unavailable)) => t.storage_unavailable_now,
                (true, Some(_)) => t.storage_full_now,
                (true, None) => t.storage_on,
            } }</p>
            <button type="button" id="data-remove" class="secondary" data-cmd="remove">{t.remove_stored}</button>
            <details class="draft-details" id="draft-details">
                <summary>{t.draft_button}</summary>
                <DraftReview lang={lang} on_open={on_draft_open} />
            </details>
        </section>
    }
}

fn error_list(errors: &[DatasetError], t: &Strings) -> Html {
    let items = errors.iter().take(MAX_SHOWN_ERRORS).map(|e| {
        let position = match e.kind {
            ErrorKind::Syntax { line, column } => t
                .err_position
                .replace("{line}", &line.to_string())
                .replace("{column}", &column.to_string()),
            // Only a syntax error has a position in the text.
            ErrorKind::Structure
            | ErrorKind::UnsupportedVersion
            | ErrorKind::TooLarge
            | ErrorKind::EmptyId
            | ErrorKind::DuplicateId
            | ErrorKind::UnknownUnit
            | ErrorKind::MissingReference
            | ErrorKind::DerivedCycle
            | ErrorKind::NonFinite
            | ErrorKind::Negative
            | ErrorKind::PercentOutOfRange
            | ErrorKind::UnitMismatch
            | ErrorKind::WrongInputCount
            | ErrorKind::BadPeriod
            | ErrorKind::TooLong
            | ErrorKind::InvalidId => String::new(),
        };
        html! {
            <li class="dataset-error" data-code={e.kind.code()}>
                <strong>{kind_label(&e.kind, t)}</strong>{" "}
                <code class="error-path">{clip(&e.path)}</code>{" "}
                <span class="error-position">{position}</span><br />
                {t.err_expected}{": "}<span class="error-expected">{clip(&e.expected)}</span><br />
                {t.err_found}{": "}<span class="error-found">{clip(&e.found)}</span>
            </li>
        }
    });
    let more = errors.len().saturating_sub(MAX_SHOWN_ERRORS);
    html! {
        <div class="error-box" role="alert" id="data-errors">
            <p>{t.errors_title}</p>
            <ol class="dataset-errors">{ for items }</ol>
            if more > 0 { <p>{more}{" "}{t.errors_more}</p> }
        </div>
    }
}

/// Says what went wrong with the data kept in the browser; the app has started clean. A plain
/// function rather than a component: it has no state of its own.
pub fn storage_notice(app: &AppHandle) -> Html {
    if app.problems.is_empty() {
        return html! {};
    }
    let t = tr(app.view.lang);
    let onclick = {
        let app = app.clone();
        Callback::from(move |_| app.dispatch(Action::DismissProblems))
    };
    // Removing a kept record is the reader's word only: a button of its own.
    let remove_newer = {
        let app = app.clone();
        Callback::from(move |_| {
            storage::remove_newer(&mut storage::web::LocalStore);
            app.dispatch(Action::ForgetProblem(Problem::NewerDatasetKept));
            refresh_list(&app);
        })
    };
    let item = |p: &Problem| {
        html! {
            <li data-problem={p.code()}>{problem_text(*p, t)}
                if *p == Problem::NewerDatasetKept {
                    {" "}<button type="button" id="remove-newer" class="secondary" onclick={remove_newer.clone()}>{t.remove_newer}</button>
                }
            </li>
        }
    };
    html! {
        <div class="notice" role="status" id="storage-notice">
            <ul>{ for app.problems.iter().map(item) }</ul>
            <button type="button" {onclick}>{t.dismiss}</button>
        </div>
    }
}

/// The datasets at hand: the built-in case and every dataset kept in this browser, the one shown
/// marked. Each kept one can be shown or removed; removing asks first, in place.
#[function_component(DatasetList)]
fn dataset_list() -> Html {
    let app = use_context::<AppHandle>().expect("AppHandle context");
    let confirming = use_state(|| None::<String>);
    let lang = app.view.lang;
    let t = tr(lang);
    let shown = app.view.dataset.clone();
    let onclick = {
        let app = app.clone();
        let confirming = confirming.clone();
        Callback::from(move |e: MouseEvent| {
            let Some(el) = e
                .target()
                .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
            else {
                return;
            };
            // The list handles its own buttons; the panel's listener must not see them.
            e.stop_propagation();
            let id = el.get_attribute("data-id");
            match (el.get_attribute("data-ds-cmd").as_deref(), id) {
                (Some("show-builtin"), _) => switch_to(&app, DatasetRef::Builtin),
                (Some("show"), Some(id)) => switch_to(&app, DatasetRef::Local(id)),
                (Some("ask-remove"), Some(id)) => confirming.set(Some(id)),
                (Some("cancel-remove"), _) => confirming.set(None),
                (Some("confirm-remove"), Some(id)) => {
                    confirming.set(None);
                    storage::remove_dataset(&mut storage::web::LocalStore, &id);
                    refresh_list(&app);
                    if app.view.dataset == DatasetRef::Local(id) {
                        switch_to(&app, DatasetRef::Builtin);
                    }
                }
                _ => {}
            }
        })
    };
    let builtin_current = shown == DatasetRef::Builtin;
    let entry = |d: &StoredDataset| {
        let current = shown == DatasetRef::Local(d.id.clone());
        let title = if d.newer {
            t.dataset_newer.to_string()
        } else if d.title(lang).is_empty() {
            d.id.clone()
        } else {
            d.title(lang).to_string()
        };
        let asking = confirming.as_deref() == Some(d.id.as_str());
        html! {
            <li class={classes!("dataset-entry", current.then_some("current"))}
                data-ds={format!("local:{}", d.id)} aria-current={current.then_some("true")}>
                <span class="dataset-entry-title">{title.clone()}</span>
                if asking {
                    <span class="dataset-confirm" role="group" aria-label={t.remove_dataset}>
                        {t.remove_confirm.replace("{title}", &title)}{" "}
                        <button type="button" class="secondary danger" data-ds-cmd="confirm-remove" data-id={d.id.clone()}>{t.remove_dataset}</button>
                        <button type="button" class="secondary" data-ds-cmd="cancel-remove">{t.cancel}</button>
                    </span>
                } else {
                    <span class="dataset-entry-actions">
                        if current { <span class="badge">{t.dataset_shown}</span> }
                        else if !d.newer {
                            <button type="button" class="secondary" data-ds-cmd="show" data-id={d.id.clone()}
                                aria-label={format!("{} {title}", t.show_dataset)}>{t.show_dataset}</button>
                        }
                        <button type="button" class="secondary" data-ds-cmd="ask-remove" data-id={d.id.clone()}
                            aria-label={format!("{} {title}", t.remove_dataset)}>{t.remove_dataset}</button>
                    </span>
                }
            </li>
        }
    };
    html! {
        <div class="dataset-list-box">
            <h3 id="datasets-title">{t.datasets_title}</h3>
            <ul id="dataset-list" class="dataset-list" aria-labelledby="datasets-title" {onclick}>
                <li class={classes!("dataset-entry", builtin_current.then_some("current"))} data-ds="builtin"
                    aria-current={builtin_current.then_some("true")}>
                    <span class="dataset-entry-title">{t.builtin_entry}</span>
                    <span class="dataset-entry-actions">
                        if builtin_current { <span class="badge">{t.dataset_shown}</span> }
                        else { <button type="button" class="secondary" data-ds-cmd="show-builtin">{t.show_dataset}</button> }
                    </span>
                </li>
                { for app.datasets.iter().map(entry) }
            </ul>
        </div>
    }
}
