use super::browser;
use super::channels::{ChannelFilter, Channels};
use super::derived_view::DerivedView;
use super::figure_detail::FigureDetail;
use super::figure_table::FigureTable;
use super::footer::Footer;
use super::header::Header;
use super::notice::Notice;
use super::overview::Overview;
use super::quality::Quality;
use super::source_trail::SourceTrail;
use super::timeline::Timeline;
use super::what_if::WhatIf;
use super::AppHandle;
use crate::i18n::tr;
use crate::model::{DatasetError, Model};
use crate::state::{AppState, Theme, View, ViewState};
use gloo::events::EventListener;
use std::rc::Rc;
use yew::prelude::*;

/// The root: loads the embedded dataset, or explains why it could not.
#[function_component(App)]
pub fn app() -> Html {
    let loaded = use_memo((), |_| Model::embedded().map(Rc::new));
    match &*loaded {
        Ok(model) => html! { <Explorer model={model.clone()} /> },
        Err(errors) => html! { <DatasetErrors errors={errors.clone()} /> },
    }
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
}

/// The explorer for one validated model; the view state starts from the address bar.
#[function_component(Explorer)]
pub fn explorer(p: &ExplorerProps) -> Html {
    let model = p.model.clone();
    let state = use_reducer(move || {
        let (view, ignored) = ViewState::from_query(&browser::location_search(), Some(&model));
        AppState {
            model,
            view,
            ignored,
        }
    });
    let system_dark = use_state(browser::prefers_dark);

    // Keep the address bar in step: a new history entry per change, but typing in the search
    // box edits the current entry.
    let last = use_mut_ref(|| None::<ViewState>);
    use_effect_with(state.view.clone(), move |view| {
        let query = view.to_query();
        if query != browser::location_search() {
            let push = match &*last.borrow() {
                Some(prev) => {
                    let mut a = prev.clone();
                    a.search = view.search.clone();
                    a != *view
                }
                None => false,
            };
            browser::set_query(&query, push);
        }
        *last.borrow_mut() = Some(view.clone());
        browser::set_root_attr(
            "lang",
            if view.lang == crate::model::Lang::Zh {
                "zh-CN"
            } else {
                "en"
            },
        );
        browser::set_root_attr("data-theme", view.theme.code());
    });

    {
        let state = state.clone();
        let system_dark = system_dark.clone();
        use_effect_with((), move |_| {
            let popstate = browser::window().map(|w| {
                let state = state.clone();
                EventListener::new(&w, "popstate", move |_| {
                    let (view, ignored) =
                        ViewState::from_query(&browser::location_search(), Some(&state.model));
                    state.dispatch(crate::state::Action::Restore(view, ignored));
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
            move || drop((popstate, media))
        });
    }

    let dark = match state.view.theme {
        Theme::Dark => true,
        Theme::Light => false,
        Theme::System => *system_dark,
    };
    let body = match state.view.view {
        View::Overview => html! { <Overview dark={dark} /> },
        View::Table => html! { <FigureTable /> },
        View::Trail => html! { <SourceTrail /> },
        View::Quality => html! { <Quality /> },
        View::Derived => html! { <DerivedView /> },
        View::Channels => html! { <Channels /> },
        View::Scenario => html! { <WhatIf /> },
        View::Timeline => html! { <Timeline /> },
    };
    let handle: AppHandle = state.clone();
    html! {
        <ContextProvider<AppHandle> context={handle}>
            <div class={classes!("app", dark.then_some("dark"))}>
                <a class="skip-link" href="#main">{tr(state.view.lang).skip_to_content}</a>
                <Header />
                <Notice />
                <ChannelFilter />
                <div class={classes!("layout", state.view.selected.is_some().then_some("with-detail"))}>
                    <main id="main" tabindex="-1">{body}</main>
                    if state.view.selected.is_some() { <FigureDetail /> }
                </div>
                <Footer />
            </div>
        </ContextProvider<AppHandle>>
    }
}
