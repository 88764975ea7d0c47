use super::browser;
use super::channels::{ChannelFilter, Channels};
use super::controls::Controls;
use super::dataset_panel::{dataset_panel, storage_notice, DataPanel};
use super::derived_view::DerivedView;
use super::figure_detail::FigureDetail;
use super::figure_table::FigureTable;
use super::footer::Footer;
use super::header::Header;
use super::notice::Notice;
use super::on_demand::{choice_from_json, CompareInput, EditorInput, ModuleHost, OnDemand};
use super::overview::Overview;
use super::quality::Quality;
use super::source_trail::SourceTrail;
use super::timeline::Timeline;
use super::use_app::{Hydrating, Shared, SiteIndex};
use super::what_if::WhatIf;
use crate::i18n::tr;
use crate::model::{DatasetError, Lang, Model};
use crate::requests::DataRequest;
use crate::state::AppHandle;
use crate::state::{Action, AppState, DatasetRef, Source, Theme, View, ViewState};
use crate::storage::{self, Problem, Record, StoredDataset};
use gloo::events::EventListener;
use std::rc::Rc;
use yew::prelude::*;

/// What the browser says at start-up, read once before the first render (`main.rs`), so that
/// rendering touches no browser API: the stored records (unusable ones deleted here), the address
/// bar's query and the system colour scheme.
#[derive(Debug, Clone, PartialEq)]
pub struct Boot {
    pub start: Result<storage::Startup, Vec<DatasetError>>,
    /// `location.search` at start-up.
    pub query: String,
    /// Whether the system prefers a dark scheme (later changes arrive through an effect).
    pub system_dark: bool,
    /// The language of the page's address (`/zh/` is Chinese): the view's language unless the
    /// query names another. Never taken from stored settings.
    pub page: Lang,
    /// The site of cases the page is part of, if any (the header links its index).
    pub site: Option<SiteIndex>,
    /// The language of the page prerendered at build time (`src/prerender.rs`) that the first
    /// render takes over, if it does: it must produce the same elements, so charts start as
    /// their prerendered images.
    pub hydrating: Option<Lang>,
}

impl Boot {
    /// Read the browser: storage, address and colour scheme.
    pub fn from_browser() -> Boot {
        let query = browser::location_search();
        // A page prerendered in one language (`zh/index.html`) is an address in that language.
        let page = browser::prerendered_lang();
        // A published site's page about one case carries it: that case is this page's own
        // dataset, and its settings are kept apart from other cases' pages.
        if let Some((case_id, text)) = browser::page_case() {
            storage::set_builtin_json(Some(Rc::from(text)));
            storage::set_case_scope(case_id.as_deref());
        }
        let start = storage::plan(&mut storage::web::LocalStore, &query);
        let mut boot = Boot {
            start,
            query,
            system_dark: browser::prefers_dark(),
            page: page.unwrap_or_default(),
            site: browser::site_index(),
            hydrating: None,
        };
        boot.hydrating = page.filter(|&lang| boot.shows_prerendered(lang));
        boot
    }

    /// What the build prerenders: the embedded dataset's default view in `lang`, nothing stored.
    pub fn prerendered(lang: Lang) -> Boot {
        let query = String::new();
        Boot {
            start: storage::plan(&mut crate::record::MemoryStore::default(), &query),
            query,
            system_dark: false,
            page: lang,
            site: None,
            hydrating: Some(lang),
        }
    }

    /// Whether this visit starts exactly where the prerendered page in `lang` is: the built-in
    /// dataset, its default view, no notice. Only then may the first render take the page over;
    /// any other start (a stored dataset or setting, a link to another view) renders afresh.
    pub fn shows_prerendered(&self, lang: Lang) -> bool {
        let Ok(s) = &self.start else { return false };
        if !s.problems.is_empty() || s.shown != DatasetRef::Builtin || s.pending.is_some() {
            return false;
        }
        let (view, ignored) =
            storage::choose_view(&self.query, s.settings.as_ref(), &s.model, self.page);
        ignored.is_empty() && view == ViewState::prerendered(lang)
    }
}

#[derive(Properties, PartialEq)]
pub struct AppProps {
    pub boot: Rc<Boot>,
}

/// Mounting `App` without props (`Renderer::<App>::new()`) reads the browser then, before the
/// first render.
impl Default for AppProps {
    fn default() -> Self {
        AppProps {
            boot: Rc::new(Boot::from_browser()),
        }
    }
}

/// The root: starts from the dataset and settings kept in the browser, or the embedded
/// dataset; explains why when even the embedded one cannot be loaded.
#[function_component(App)]
pub fn app(p: &AppProps) -> Html {
    let hydrating = use_state(|| p.boot.hydrating.is_some());
    // The start, decided again once IndexedDB answers for the dataset the address names.
    let start = use_state(|| p.boot.start.clone());
    let pending = start.as_ref().ok().and_then(|s| s.pending.clone());
    {
        let hydrating = hydrating.clone();
        use_effect_with((*hydrating, pending.is_some()), move |&(now, pending)| {
            // Event handlers are attached once this first effect runs. A hydrated page first
            // renders again with its controls live, then says so to tests and the benchmark.
            if now {
                hydrating.set(false);
            } else if !pending {
                browser::set_root_attr("data-app", "live");
            }
        });
    }
    {
        let start = start.clone();
        let query = p.boot.query.clone();
        use_effect_with(pending.clone(), move |pending| {
            if let Some(id) = pending.clone() {
                yew::platform::spawn_local(async move {
                    // Read, parsed and checked in slices: the page stays responsive meanwhile.
                    let (got, ahead) = crate::requests::read_kept(&id).await;
                    let mut store = storage::web::LocalStore;
                    let next = storage::plan_with(&mut store, &query, Some((&id, got)), ahead);
                    if let Some(bad) = next.as_ref().ok().and_then(|s| s.drop_text.clone()) {
                        let _ = crate::texts::delete(&bad).await;
                    }
                    start.set(next);
                });
            }
        });
    }
    let page = match &*start {
        Ok(s) if s.pending.is_some() => html! {
            <main id="main" class="app">
                <p id="opening" class="note" role="status">{tr(p.boot.page).opening_dataset}</p>
            </main>
        },
        Ok(s) => html! {
            <Explorer model={s.model.clone()} source={s.source.clone()} text={s.text.clone()}
                settings={s.settings.clone()} problems={s.problems.clone()}
                dataset={s.shown.clone()} datasets={s.datasets.clone()}
                query={p.boot.query.clone()} system_dark={p.boot.system_dark} page={p.boot.page} />
        },
        Err(errors) => html! { <DatasetErrors errors={errors.clone()} /> },
    };
    html! {
        <ContextProvider<Hydrating> context={Hydrating(*hydrating)}>
            <ContextProvider<Option<SiteIndex>> context={p.boot.site.clone()}>{page}</ContextProvider<Option<SiteIndex>>>
        </ContextProvider<Hydrating>>
    }
}

/// Whether two views differ only in typed text (search, what-if inputs).
fn only_typed(a: &ViewState, b: &ViewState) -> bool {
    let mut a = a.clone();
    a.search.clone_from(&b.search);
    a.scenario = b.scenario.clone();
    a == *b
}

#[derive(Properties, PartialEq)]
pub struct DatasetErrorsProps {
    pub errors: Vec<DatasetError>,
}

#[function_component(DatasetErrors)]
fn dataset_errors(p: &DatasetErrorsProps) -> Html {
    let t = tr(Default::default());
    html! {
        <main id="main" class="app">
            <h1>{t.app_title}</h1>
            <section id="app-error" role="alert" class="error-box">
                <h2>{t.dataset_error}</h2>
                <ul>{ for p.errors.iter().map(|e| html! { <li><code>{e.to_string()}</code></li> }) }</ul>
            </section>
        </main>
    }
}

#[derive(Properties, PartialEq)]
pub struct ExplorerProps {
    pub model: Rc<Model>,
    #[prop_or_default]
    pub source: Source,
    /// The JSON text of the model, for export (no export button without it).
    #[prop_or_default]
    pub text: Option<Rc<str>>,
    /// View settings kept from an earlier visit; the address bar wins when it has parameters.
    #[prop_or_default]
    pub settings: Option<ViewState>,
    /// Problems met reading the browser storage.
    #[prop_or_default]
    pub problems: Vec<Problem>,
    /// The address bar's query at start-up (read when the props are built, never while
    /// rendering: the root passes what it read before the first render).
    #[prop_or_else(browser::location_search)]
    pub query: String,
    /// Whether the system prefers a dark scheme at start-up.
    #[prop_or_else(browser::prefers_dark)]
    pub system_dark: bool,
    /// The language of the page's address (see `Boot::page`).
    #[prop_or_default]
    pub page: Lang,
    /// The dataset `model` is, as the URL names it (a link may name one this browser lacks).
    #[prop_or_default]
    pub dataset: DatasetRef,
    /// The datasets kept in this browser.
    #[prop_or_default]
    pub datasets: Vec<StoredDataset>,
}

/// The callbacks the components below the root are given, each sending one `Action`.
#[derive(Clone)]
struct Sends {
    on_select: Callback<String>,
    on_close: Callback<()>,
    on_channel: Callback<Option<String>>,
    on_dismiss: Callback<()>,
    on_search: Callback<String>,
    on_kind: Callback<Option<crate::model::Origin>>,
    on_status: Callback<Option<crate::model::Status>>,
    on_sort: Callback<crate::state::SortKey>,
    on_view: Callback<View>,
    on_toggle_panel: Callback<()>,
    on_lang: Callback<crate::model::Lang>,
    on_unit: Callback<(crate::model::Family, Option<&'static str>)>,
    on_currency: Callback<Option<crate::model::Currency>>,
    on_number_style: Callback<crate::model::display::NumberStyle>,
    on_theme: Callback<Theme>,
    on_input: Callback<(crate::state::InputKey, Option<String>)>,
    on_commit: Callback<()>,
    on_reset: Callback<String>,
    on_compare: Callback<crate::model::compare::Choice>,
}

impl Sends {
    fn new(send: &Callback<Action>) -> Sends {
        Sends {
            on_select: send.reform(|id| Action::Select(Some(id))),
            on_close: send.reform(|()| Action::Select(None)),
            on_channel: send.reform(Action::SetChannel),
            on_dismiss: send.reform(|()| Action::DismissNotice),
            on_search: send.reform(Action::SetSearch),
            on_kind: send.reform(Action::SetKind),
            on_status: send.reform(Action::SetStatus),
            on_sort: send.reform(Action::SortBy),
            on_view: send.reform(Action::SetView),
            on_toggle_panel: send.reform(|()| Action::TogglePanel),
            on_lang: send.reform(Action::SetLang),
            on_unit: send.reform(|(f, code)| Action::SetUnit(f, code)),
            on_currency: send.reform(Action::SetCurrency),
            on_number_style: send.reform(Action::SetNumberStyle),
            on_theme: send.reform(Action::SetTheme),
            on_input: send.reform(|(k, s)| Action::SetScenarioInput(k, s)),
            on_commit: send.reform(|()| Action::CommitTyping),
            on_reset: send.reform(Action::ResetScenario),
            on_compare: send.reform(Action::SetCompare),
        }
    }
}

/// The explorer for one validated model; the view state starts from the address bar, or from
/// the stored settings when the address has no parameters.
#[function_component(Explorer)]
pub fn explorer(p: &ExplorerProps) -> Html {
    let state = {
        let model = p.model.clone();
        let source = p.source.clone();
        let text = p.text.clone();
        let settings = p.settings.clone();
        let problems = p.problems.clone();
        let query = p.query.clone();
        let dataset = p.dataset.clone();
        let datasets = p.datasets.clone();
        let page = p.page;
        use_reducer(move || {
            let (mut view, ignored) = storage::choose_view(&query, settings.as_ref(), &model, page);
            view.dataset = dataset;
            let mut s = AppState::new(model, view, ignored);
            s.source = source;
            s.text = text.map(crate::state::SharedText);
            s.datasets = datasets;
            for p in problems {
                s.note_problem(p);
            }
            s
        })
    };
    let system_dark = use_state(|| p.system_dark);
    // The model in use for the popstate listener, which outlives the render it was made in.
    let current_model = use_mut_ref(|| state.model.clone());
    *current_model.borrow_mut() = state.model.clone();
    let current_dataset = use_mut_ref(|| state.view.dataset.clone());
    *current_dataset.borrow_mut() = state.view.dataset.clone();

    // Keep the address bar in step: a new history entry per change, but typing (the search box,
    // the what-if inputs) edits the current entry; committing what-if text (change, blur, Enter,
    // reset) then adds one entry for the whole edit.
    let last = use_mut_ref(|| None::<(ViewState, u32)>);
    // The address before the current what-if typing began, while it lasts.
    let typing_from = use_mut_ref(|| None::<String>);
    let handle = state.clone();
    let page = p.page;
    use_effect_with(
        (state.view.clone(), state.persist, state.commits),
        move |(view, persist, commits)| {
            let query = view.to_query_on(page);
            let shown = browser::location_search();
            let prev = last.borrow().clone();
            let end_typing = || {
                if let Some(before) = typing_from.borrow_mut().take() {
                    let typed = browser::location_search();
                    if before != typed {
                        browser::set_query(&before, false);
                        browser::set_query(&typed, true);
                    }
                }
            };
            if query != shown {
                match &prev {
                    Some((p, _)) if only_typed(p, view) => {
                        if p.scenario != view.scenario && typing_from.borrow().is_none() {
                            *typing_from.borrow_mut() = Some(shown);
                        }
                        browser::set_query(&query, false);
                    }
                    Some(_) => {
                        end_typing();
                        browser::set_query(&query, true);
                    }
                    None => browser::set_query(&query, false),
                }
            } else if prev.as_ref().is_some_and(|(p, _)| p != view) {
                // The address moved first (back, forward): the typing went with it.
                typing_from.borrow_mut().take();
            }
            if prev.as_ref().is_some_and(|(_, c)| c != commits) {
                end_typing();
            }
            *last.borrow_mut() = Some((view.clone(), *commits));
            if *persist {
                // Only settings that read back as this view are kept (see settings_payload).
                match storage::settings_payload(view, &handle.model) {
                    Some(payload) => {
                        if let Err(p) = storage::web::write(Record::Settings, &payload) {
                            handle.dispatch(Action::Problem(p));
                        }
                    }
                    None => storage::web::remove(Record::Settings),
                }
            }
            browser::set_root_attr("lang", view.lang.html_tag());
            browser::set_root_attr("data-theme", view.theme.code());
        },
    );

    {
        let state = state.clone();
        let system_dark = system_dark.clone();
        use_effect_with((), move |_| {
            let popstate = browser::window().map(|w| {
                let state = state.clone();
                EventListener::new(&w, "popstate", move |_| {
                    // Back or forward to a view of another dataset: switch to it first.
                    let query = browser::location_search();
                    let named = ViewState::from_query(&query, None).0.dataset;
                    let state = state.clone();
                    let current_model = current_model.clone();
                    let restore = move |state: &AppHandle, model: &Model| {
                        let (view, ignored) = ViewState::from_query_on(&query, Some(model), page);
                        state.dispatch(Action::Restore(view, ignored));
                    };
                    if named == *current_dataset.borrow() {
                        restore(&state, &current_model.borrow());
                        return;
                    }
                    // The dataset is read (from IndexedDB) before the view is restored on it.
                    yew::platform::spawn_local(async move {
                        match crate::requests::open_dataset(&named).await {
                            Ok((model, source, text)) => {
                                *current_model.borrow_mut() = model.clone();
                                state.dispatch(Action::UseModel(model, source, text, named));
                            }
                            Err(p) => state.dispatch(Action::Problem(p)),
                        }
                        let model = current_model.borrow().clone();
                        restore(&state, &model);
                    });
                })
            });
            let media = browser::window()
                .and_then(|w| w.match_media("(prefers-color-scheme: dark)").ok().flatten())
                .map(|m| {
                    let system_dark = system_dark.clone();
                    EventListener::new(&m, "change", move |_| {
                        system_dark.set(browser::prefers_dark())
                    })
                });
            // Another tab stored or removed a dataset: read the list again, so this tab never
            // shows or writes from a stale one (each dataset's record is its own key, so nothing
            // is overwritten; the reader is told the list changed).
            let storage = browser::window().map(|w| {
                let state = state.clone();
                EventListener::new(&w, "storage", move |e| {
                    let key = js_sys::Reflect::get(e, &"key".into())
                        .ok()
                        .and_then(|k| k.as_string());
                    let ours = key.as_deref().is_none_or(|k| {
                        k.starts_with(storage::DATASET_PREFIX)
                            || k.starts_with(storage::ABOUT_PREFIX)
                    });
                    if ours {
                        state.dispatch(Action::DatasetsElsewhere(crate::requests::stored_list()));
                    }
                })
            });
            // Dataset texts an earlier version kept in localStorage move to IndexedDB.
            yew::platform::spawn_local(crate::requests::move_old_texts(state.clone()));
            move || drop((popstate, media, storage))
        });
    }

    // What the leaves change comes back through these; made once (the dispatcher never
    // changes), so a leaf whose props are unchanged is not rendered again.
    let sends = {
        let send: Callback<Action> = state.dispatcher().into();
        use_memo((), move |_| Sends::new(&send))
    };
    let Sends {
        on_select,
        on_close,
        on_channel,
        on_dismiss,
        on_search,
        on_kind,
        on_status,
        on_sort,
        on_view,
        on_toggle_panel,
        on_lang,
        on_unit,
        on_currency,
        on_number_style,
        on_theme,
        on_input,
        on_commit,
        on_reset,
        on_compare,
    } = (*sends).clone();
    let shared = Shared {
        model: state.model.clone(),
        lang: state.view.lang,
        units: state.view.units,
        number_style: state.view.number_style,
    };

    let dark = match state.view.theme {
        Theme::Dark => true,
        Theme::Light => false,
        Theme::System => *system_dark,
    };
    // What the reader asks of their data is carried out here, with the root's handle.
    let on_request = {
        let state = state.clone();
        Callback::from(move |r| crate::requests::carry_out(&state, r))
    };
    let body = match state.view.view {
        View::Overview => html! {
            <Overview dark={dark} selected={state.view.selected.clone()}
                channel={state.view.channel.clone()} on_select={on_select.clone()}
                on_view={on_view.clone()} />
        },
        View::Table => html! {
            <FigureTable view={state.view.clone()} on_select={on_select.clone()}
                {on_search} on_channel={on_channel.clone()} {on_kind} {on_status} {on_sort} />
        },
        View::Trail => html! {
            <SourceTrail selected={state.view.selected.clone().map(AttrValue::from)}
                on_select={on_select.clone()} />
        },
        View::Quality => html! { <Quality on_select={on_select.clone()} /> },
        View::Derived => html! { <DerivedView on_select={on_select.clone()} /> },
        View::Channels => html! {
            <Channels channel={state.view.channel.clone()} on_channel={on_channel.clone()}
                on_select={on_select.clone()} />
        },
        View::Scenario => html! {
            <WhatIf typed={state.view.scenario.clone()} {on_input} {on_commit} {on_reset} />
        },
        View::Timeline => html! { <Timeline on_select={on_select.clone()} /> },
        View::Draft => {
            let on_open = on_request.reform(|text: String| DataRequest::Load {
                text,
                source: Source::Pasted,
            });
            let input = serde_json::to_string(&EditorInput {
                lang: state.view.lang,
            })
            .unwrap_or_default();
            html! {
                <ModuleHost view={OnDemand::Editor} lang={state.view.lang} input={input}
                    on_output={on_open} />
            }
        }
        View::Compare => {
            let input = serde_json::to_string(&CompareInput::new(
                state.view.lang,
                state.view.number_style,
                &state.view.compare,
                &state.datasets,
            ))
            .unwrap_or_default();
            let on_output = Callback::from(move |json: String| {
                if let Some(choice) = choice_from_json(&json) {
                    on_compare.emit(choice)
                }
            });
            html! {
                <ModuleHost view={OnDemand::Compare} lang={state.view.lang} input={input}
                    {on_output} />
            }
        }
    };
    html! {
        <ContextProvider<Shared> context={shared}>
            <div class={classes!("app", dark.then_some("dark"))}>
                <a class="skip-link" href="#main">{tr(state.view.lang).skip_to_content}</a>
                <Header view={state.view.view} source={state.source.clone()}
                    panel_open={state.panel_open} {on_view} {on_toggle_panel}>
                    <Controls theme={state.view.theme}
                        {on_lang} {on_unit} {on_currency} {on_number_style} {on_theme} />
                </Header>
                <Notice ignored={state.ignored.clone()} lang={state.view.lang} on_dismiss={on_dismiss} />
                { storage_notice(&state.problems, state.view.lang, &on_request) }
                if state.panel_open { { dataset_panel(DataPanel {
                    lang: state.view.lang,
                    source: &state.source,
                    title: state.model.dataset.case.title.get(state.view.lang).to_string(),
                    outcome: &state.outcome,
                    persist: state.persist,
                    unsaved: state.unsaved,
                    unsaved_title: &state.unsaved_title,
                    persistent: state.persistent,
                    exportable: state.text.is_some(),
                    datasets: &state.datasets,
                    changed_elsewhere: state.datasets_changed_elsewhere,
                    shown: &state.view.dataset,
                    on_request: &on_request,
                }) } }
                <ChannelFilter channel={state.view.channel.clone()} view={state.view.view}
                    on_channel={on_channel} />
                <div class={classes!("layout", state.view.selected.is_some().then_some("with-detail"))}>
                    <main id="main" tabindex="-1">{body}</main>
                    if let (Some(id), false) = (&state.view.selected, state.view.view == View::Draft) {
                        <FigureDetail selected={AttrValue::from(id.clone())} {on_select} {on_close} />
                    }
                </div>
                <Footer />
            </div>
        </ContextProvider<Shared>>
    }
}
