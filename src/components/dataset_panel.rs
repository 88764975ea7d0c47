//! The reader's own data: the datasets at hand (the built-in case and every one kept in this
//! browser, each shown or removed from a list), open a dataset from a file (picker or drop) or
//! pasted text, see every problem if it is refused, export the one in use, and remove what the
//! browser keeps. Plus the notice about stored data that could not be used.

use super::browser;
use crate::i18n::{tr, Strings};
use crate::model::codes::code_table;
use crate::model::{DatasetError, ErrorKind, Lang, MAX_DATASET_BYTES};
use crate::requests::DataRequest;
use crate::state::{DatasetRef, LoadOutcome, Source};
use crate::storage::{Problem, StoredDataset};
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
        ErrorKind::UnknownConcept => t.kind_unknown_concept,
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
        ErrorKind::BadUnit => t.kind_bad_unit,
        ErrorKind::TooMany => t.kind_too_many,
        ErrorKind::Language => t.kind_language,
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
        Problem::NotKept => t.problem_not_kept,
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

code_table! {
    /// The panel's buttons, each named by its `data-cmd`.
    #[derive(Debug, Clone, Copy, PartialEq, Eq)]
    enum Cmd {
        Load = "load",
        Export = "export",
        Embedded = "embedded",
        Remove = "remove",
        Draft = "draft",
    }
}

/// The panel's buttons, told apart by their `data-cmd`: one listener for all.
fn command(e: MouseEvent) -> Option<DataRequest> {
    let cmd = e
        .target()
        .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
        .and_then(|el| el.get_attribute("data-cmd"))
        .and_then(|code| Cmd::parse(&code))?;
    match cmd {
        Cmd::Load => {
            let text = browser::textarea_value("data-text");
            (!text.trim().is_empty()).then_some(DataRequest::Load {
                text,
                source: Source::Pasted,
            })
        }
        Cmd::Export => Some(DataRequest::Export),
        Cmd::Embedded => Some(DataRequest::Show(DatasetRef::Builtin)),
        Cmd::Remove => Some(DataRequest::RemoveAll),
        Cmd::Draft => Some(DataRequest::Draft),
    }
}

/// A listener that sends a request when the event asks for one.
fn when_asked<E: 'static>(
    on_request: &Callback<DataRequest>,
    ask: fn(E) -> Option<DataRequest>,
) -> Callback<E> {
    let on_request = on_request.clone();
    Callback::from(move |e: E| {
        if let Some(r) = ask(e) {
            on_request.emit(r);
        }
    })
}

/// What the data panel shows, taken from the root's state; what the reader asks goes back
/// through `on_request`.
pub struct DataPanel<'a> {
    pub lang: Lang,
    pub source: &'a Source,
    /// The dataset in use's title.
    pub title: String,
    pub outcome: &'a LoadOutcome,
    pub persist: bool,
    pub unsaved: Option<Problem>,
    /// The title of the dataset that `unsaved` is about.
    pub unsaved_title: &'a str,
    /// Whether the browser keeps the stored data until the reader removes it.
    pub persistent: Option<bool>,
    /// Whether the dataset in use has a JSON text to export.
    pub exportable: bool,
    pub datasets: &'a [StoredDataset],
    /// The list was changed by another tab since this one last changed it.
    pub changed_elsewhere: bool,
    pub shown: &'a DatasetRef,
    pub on_request: &'a Callback<DataRequest>,
}

/// The panel. A plain function rather than a component: what the last load led to lives in the
/// app's reducer.
pub fn dataset_panel(p: DataPanel) -> Html {
    let lang = p.lang;
    let t = tr(lang);
    let on_click = when_asked(p.on_request, command);
    let on_file = when_asked(p.on_request, |e: Event| {
        let input = e
            .target()
            .and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok())?;
        let file = input.files().and_then(|l| l.get(0));
        // Choosing the same file again is a change too.
        input.set_value("");
        file.map(DataRequest::ReadFile)
    });
    let on_drag_over = Callback::from(|e: DragEvent| e.prevent_default());
    let on_drop = when_asked(p.on_request, |e: DragEvent| {
        e.prevent_default();
        e.data_transfer()
            .and_then(|d| d.files())
            .and_then(|l| l.get(0))
            .map(DataRequest::ReadFile)
    });

    let (source, file) = match p.source {
        Source::Embedded => (t.source_embedded, None),
        Source::File(name) => (t.source_file, Some(name.clone())),
        Source::Pasted => (t.source_pasted, None),
        Source::Stored => (t.source_stored, None),
    };
    let title = p.title;
    let (status, loaded, errors) = match p.outcome {
        LoadOutcome::Loaded => (t.loaded, Some(title.clone()), None),
        LoadOutcome::Removed => (t.storage_removed, None, None),
        LoadOutcome::Refused(errors) => ("", None, Some(errors.clone())),
        LoadOutcome::None => ("", None, None),
    };
    let mib = (MAX_DATASET_BYTES >> 20).to_string();
    html! {
        <section id="data-panel" class="data-panel" aria-labelledby="data-title" onclick={on_click}>
            <h2 id="data-title">{t.data_button}</h2>
            if p.changed_elsewhere {
                <p id="list-changed" class="note" role="status">{t.list_changed_elsewhere}</p>
            }
            <DatasetList lang={lang} datasets={p.datasets.to_vec()} shown={p.shown.clone()}
                on_request={p.on_request.clone()} />
            <p>{t.data_intro}</p>
            <p>{t.dataset_current}<strong id="data-current">{title}</strong>{" — "}
                <span id="data-source">{source}{" "}<code>{file}</code></span></p>
            <div class="data-actions">
                if *p.source != Source::Embedded {
                    <button type="button" id="data-embedded" class="secondary" data-cmd={Cmd::Embedded.code()}>{t.back_to_embedded}</button>
                }
                if p.exportable {
                    <button type="button" id="export-dataset" class="secondary" data-cmd={Cmd::Export.code()}>{t.export_dataset}</button>
                }
            </div>
            <div class="drop-zone" id="data-drop" ondragover={on_drag_over} ondrop={on_drop}>
                <label for="data-file">{t.open_file}{" "}{t.size_limit.replace("{mib}", &mib)}</label>
                <input id="data-file" type="file" accept=".json,application/json" onchange={on_file} />
                <p class="hint">{t.drop_here}</p>
            </div>
            <label for="data-text">{t.paste_label}</label>
            <textarea id="data-text" rows="5" spellcheck="false" />
            <button type="button" id="data-load" class="secondary" data-cmd={Cmd::Load.code()}>{t.load}</button>
            <p role="status" id="data-status">{status}{" "}<strong>{loaded}</strong></p>
            if let Some(errors) = errors { {error_list(&errors, t)} }
            <p id="data-kept">{ match (p.persist, p.unsaved) {
                (false, _) => t.storage_off.to_string(),
                (true, Some(Problem::Unavailable)) => t.storage_unavailable_now.to_string(),
                (true, Some(_)) => t.storage_full_named.replace("{title}", &clip(p.unsaved_title)),
                (true, None) => t.storage_on.to_string(),
            } }</p>
            if let (true, Some(persistent)) = (p.persist, p.persistent) {
                <p id="data-persistent" data-persistent={persistent.to_string()}>{
                    if persistent { t.storage_persistent } else { t.storage_may_be_cleared }
                }</p>
            }
            <button type="button" id="data-remove" class="secondary" data-cmd={Cmd::Remove.code()}>{t.remove_stored}</button>
            <h3>{t.draft_button}</h3>
            <p>{t.draft_intro}</p>
            <button type="button" id="draft-go" class="secondary" data-cmd={Cmd::Draft.code()}>{t.draft_go}</button>
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
            | ErrorKind::UnknownConcept
            | ErrorKind::BadUnit
            | ErrorKind::TooMany
            | ErrorKind::MissingReference
            | ErrorKind::DerivedCycle
            | ErrorKind::NonFinite
            | ErrorKind::Negative
            | ErrorKind::PercentOutOfRange
            | ErrorKind::UnitMismatch
            | ErrorKind::WrongInputCount
            | ErrorKind::BadPeriod
            | ErrorKind::TooLong
            | ErrorKind::Language
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
pub fn storage_notice(
    problems: &[Problem],
    lang: Lang,
    on_request: &Callback<DataRequest>,
) -> Html {
    if problems.is_empty() {
        return html! {};
    }
    let t = tr(lang);
    let onclick = on_request.reform(|_: MouseEvent| DataRequest::DismissProblems);
    // Removing a kept record is the reader's word only: a button of its own.
    let remove_newer = on_request.reform(|_: MouseEvent| DataRequest::RemoveNewer);
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
            <ul>{ for problems.iter().map(item) }</ul>
            <button type="button" {onclick}>{t.dismiss}</button>
        </div>
    }
}

#[derive(Properties, PartialEq)]
struct DatasetListProps {
    lang: Lang,
    datasets: Vec<StoredDataset>,
    shown: DatasetRef,
    on_request: Callback<DataRequest>,
}

/// The datasets at hand: the built-in case and every dataset kept in this browser, the one shown
/// marked. Each kept one can be shown or removed; removing asks first, in place.
#[function_component(DatasetList)]
fn dataset_list(p: &DatasetListProps) -> Html {
    let confirming = use_state(|| None::<String>);
    let lang = p.lang;
    let t = tr(lang);
    let shown = p.shown.clone();
    let onclick = {
        let on_request = p.on_request.clone();
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
                (Some("show-builtin"), _) => {
                    on_request.emit(DataRequest::Show(DatasetRef::Builtin))
                }
                (Some("show"), Some(id)) => {
                    on_request.emit(DataRequest::Show(DatasetRef::Local(id)))
                }
                (Some("ask-remove"), Some(id)) => confirming.set(Some(id)),
                (Some("cancel-remove"), _) => confirming.set(None),
                (Some("confirm-remove"), Some(id)) => {
                    confirming.set(None);
                    on_request.emit(DataRequest::Remove(id));
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
            // A dataset whose titles were lost: its id, short enough to read (64 hex digits).
            format!(
                "{} {}…",
                t.dataset_untitled,
                d.id.get(..12).unwrap_or(&d.id)
            )
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
                { for p.datasets.iter().map(entry) }
            </ul>
        </div>
    }
}
