//! Views a reader reaches only on demand, each a wasm module of its own that the page imports the
//! first time the view is shown: the draft editor (`src/bin/draft_editor.rs`) and the comparison
//! of cases (`src/bin/compare_view.rs`). Trunk builds each beside the page (`<name>.js`,
//! `<name>_bg.wasm`); the reader's wasm holds none of their code.
//!
//! One interface for both: the page hands a module its input as JSON ([`EditorInput`],
//! [`CompareInput`]) and gets back what the view produces as a string (the editor: the finished
//! dataset's JSON; the comparison: the reader's new choice, [`choice_to_json`]). A module exports
//! `mount(host, input, on_output)`, and the handle it returns `update(input)` and `close()`
//! (`on_demand_module!`, in `src/module_exports.rs`, writes them). [`ModuleHost`] is the page's side: it imports the module,
//! mounts it into an empty element, passes every new input on and closes it when the view goes.
//! While a module loads the view says so; when it cannot load (offline, a missing file) it says
//! why and offers to try again, and the rest of the explorer works as before.
//!
//! **Two Yew apps in one page.** Yew sends an event to the app whose *subtree id* marks the
//! nearest marked element, and each wasm instance numbers its apps from 1: the reader's one app
//! is 1, so a module's must not be. Before its first app a module makes and drops one empty app
//! (`module_exports::skip_the_readers_id`), so its apps are 2 and up (`tests/e2e/on_demand.test.mjs` checks
//! that the two sets of marks never meet). The host element carries no listener of the page's.
//!
//! The wasm-bindgen browser tests have no modules: they call [`install_views_on_page`], which
//! renders the views' components in the page, as the shipped page never does.

use std::cell::{Cell, RefCell};
use std::rc::Rc;

use serde::{Deserialize, Serialize};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use yew::prelude::*;

use super::browser;
use super::compare::Compare;
use super::draft_review::DraftReview;
use crate::i18n::{tr, Strings};
use crate::model::compare::Choice;
use crate::model::display::NumberStyle;
use crate::model::Lang;
use crate::record::StoredDataset;

/// The views loaded on demand.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OnDemand {
    Editor,
    Compare,
}

impl OnDemand {
    /// The module's script, beside the page's boot script.
    pub fn script(self) -> &'static str {
        match self {
            OnDemand::Editor => "draft-editor.js",
            OnDemand::Compare => "compare-view.js",
        }
    }

    /// The start of the ids of the host's elements (`<prefix>-host`, `-loading`, `-load-failed`,
    /// `-load-retry`).
    fn prefix(self) -> &'static str {
        match self {
            OnDemand::Editor => "draft",
            OnDemand::Compare => "compare",
        }
    }

    fn loading(self, t: &Strings) -> &'static str {
        match self {
            OnDemand::Editor => t.draft_loading,
            OnDemand::Compare => t.compare_module_loading,
        }
    }

    /// With `{why}`, the reason in English.
    fn failed(self, t: &Strings) -> &'static str {
        match self {
            OnDemand::Editor => t.draft_load_failed,
            OnDemand::Compare => t.compare_module_load_failed,
        }
    }
}

/// What the page hands the draft editor.
#[derive(Debug, Serialize, Deserialize)]
pub struct EditorInput {
    pub lang: Lang,
}

/// What the page hands the comparison: the reader's settings, the choice (the address's
/// parameters, [`Choice::params`]) and the datasets kept in this browser.
#[derive(Debug, Serialize, Deserialize)]
pub struct CompareInput {
    pub lang: Lang,
    pub number_style: NumberStyle,
    pub choice: Vec<(String, String)>,
    pub datasets: Vec<StoredDataset>,
}

impl CompareInput {
    pub fn new(
        lang: Lang,
        number_style: NumberStyle,
        choice: &Choice,
        datasets: &[StoredDataset],
    ) -> CompareInput {
        CompareInput {
            lang,
            number_style,
            choice: params(choice),
            datasets: datasets.to_vec(),
        }
    }
}

fn params(choice: &Choice) -> Vec<(String, String)> {
    choice
        .params()
        .into_iter()
        .map(|(k, v)| (k.to_string(), v))
        .collect()
}

/// The comparison's output: a choice as JSON (its address parameters).
pub fn choice_to_json(choice: &Choice) -> String {
    serde_json::to_string(&params(choice)).unwrap_or_default()
}

/// A choice read back from [`choice_to_json`]; `None` when the text is not one (a parameter
/// that does not read leaves that part at its default, as in the address).
pub fn choice_from_json(json: &str) -> Option<Choice> {
    let pairs: Vec<(String, String)> = serde_json::from_str(json).ok()?;
    Some(choice_from(&pairs))
}

fn choice_from(pairs: &[(String, String)]) -> Choice {
    let mut choice = Choice::default();
    for (k, v) in pairs {
        let _ = choice.read(k, v);
    }
    choice
}

/// A module's view's props: its input as JSON, and where its output goes.
#[derive(Properties, PartialEq, Clone)]
pub struct ModuleProps {
    pub input: AttrValue,
    pub on_output: Callback<String>,
}

/// An input that does not read (a page and a module of different builds): said, not a panic.
fn unreadable(e: serde_json::Error) -> Html {
    html! { <p role="alert" class="draft-note">{format!("This view could not read what the page gave it: {e}")}</p> }
}

/// The draft editor as its module shows it.
#[function_component(EditorView)]
pub fn editor_view(p: &ModuleProps) -> Html {
    match serde_json::from_str::<EditorInput>(&p.input) {
        Ok(i) => html! { <DraftReview lang={i.lang} on_open={p.on_output.clone()} /> },
        Err(e) => unreadable(e),
    }
}

/// The comparison as its module shows it.
#[function_component(CompareView)]
pub fn compare_view(p: &ModuleProps) -> Html {
    match serde_json::from_str::<CompareInput>(&p.input) {
        Ok(i) => {
            let datasets = i.datasets;
            let on_change = p.on_output.reform(|c: Choice| choice_to_json(&c));
            html! {
                <Compare lang={i.lang} number_style={i.number_style} choice={choice_from(&i.choice)}
                    {datasets} {on_change} />
            }
        }
        Err(e) => unreadable(e),
    }
}

type OnPage = fn(OnDemand, &ModuleProps) -> Html;

thread_local! {
    /// Set by [`install_views_on_page`]: render the views here instead of importing modules.
    static ON_PAGE: Cell<Option<OnPage>> = const { Cell::new(None) };
    /// The modules once imported and started.
    static MODULES: RefCell<Vec<(OnDemand, Module)>> = const { RefCell::new(Vec::new()) };
}

/// Render the on-demand views' components in the page rather than importing their modules (for
/// tests run where no module was built). The shipped page never calls this, so its wasm holds
/// none of their code.
pub fn install_views_on_page() {
    ON_PAGE.with(|c| {
        c.set(Some(|view: OnDemand, p: &ModuleProps| match view {
            OnDemand::Editor => html! { <EditorView ..p.clone() /> },
            OnDemand::Compare => html! { <CompareView ..p.clone() /> },
        }))
    });
}

#[wasm_bindgen(inline_js = "export function import_module(url) { return import(url); }")]
extern "C" {
    /// `import(url)`: a promise of the module's namespace.
    #[wasm_bindgen(catch)]
    fn import_module(url: &str) -> Result<js_sys::Promise, JsValue>;
}

#[wasm_bindgen]
extern "C" {
    /// A module's namespace (wasm-bindgen's `web` target).
    #[derive(Clone)]
    type Module;
    /// Fetches and starts the module's wasm (beside its script).
    #[wasm_bindgen(method, js_name = default)]
    fn start(this: &Module) -> js_sys::Promise;
    /// Renders the view into `host`; see `on_demand_module!`.
    #[wasm_bindgen(method, catch)]
    fn mount(
        this: &Module,
        host: &web_sys::Element,
        input: &str,
        on_output: &js_sys::Function,
    ) -> Result<Mounted, JsValue>;

    /// One mounted view.
    type Mounted;
    #[wasm_bindgen(method)]
    fn update(this: &Mounted, input: &str);
    /// Unmounts the view.
    #[wasm_bindgen(method)]
    fn close(this: &Mounted);
    /// Frees the handle (wasm-bindgen's own method of an exported struct).
    #[wasm_bindgen(method)]
    fn free(this: &Mounted);
}

/// The view's module, imported and started once. A browser keeps the failure of an import for
/// the page's life, so each new attempt after one asks for the script under another address
/// (`?attempt=N`).
async fn module(view: OnDemand, attempt: u32) -> Result<Module, String> {
    let known = MODULES.with(|m| {
        m.borrow()
            .iter()
            .find(|(v, _)| *v == view)
            .map(|(_, m)| m.clone())
    });
    if let Some(m) = known {
        return Ok(m);
    }
    let mut url = browser::beside_boot(view.script())?
        .ok_or_else(|| format!("no {} in this page", view.script()))?;
    if attempt > 0 {
        url = format!("{url}?attempt={attempt}");
    }
    let err = |e: JsValue| browser::error_text(&e);
    let namespace = wasm_bindgen_futures::JsFuture::from(import_module(&url).map_err(err)?)
        .await
        .map_err(err)?;
    let module: Module = namespace.unchecked_into();
    wasm_bindgen_futures::JsFuture::from(module.start())
        .await
        .map_err(err)?;
    MODULES.with(|m| m.borrow_mut().push((view, module.clone())));
    Ok(module)
}

#[derive(Properties, PartialEq)]
pub struct ModuleHostProps {
    pub view: OnDemand,
    /// The language of the host's own notes.
    pub lang: Lang,
    pub input: AttrValue,
    pub on_output: Callback<String>,
}

/// The page's side of an on-demand view (see the module's documentation).
#[function_component(ModuleHost)]
pub fn module_host(props: &ModuleHostProps) -> Html {
    match ON_PAGE.with(Cell::get) {
        Some(render) => render(
            props.view,
            &ModuleProps {
                input: props.input.clone(),
                on_output: props.on_output.clone(),
            },
        ),
        // Keyed by the view: going from one on-demand view to the other mounts the other's module
        // rather than handing the first one the other's input.
        None => html! { <Importer key={props.view.prefix()} ..ModuleHostProps {
            view: props.view,
            lang: props.lang,
            input: props.input.clone(),
            on_output: props.on_output.clone(),
        } /> },
    }
}

/// Where a module stands.
#[derive(Clone, PartialEq)]
enum Loading {
    Pending,
    Failed(String),
    Mounted,
}

/// A mounted view and the function it calls with its output (kept alive with it).
struct Live {
    view: Mounted,
    _on_output: Closure<dyn Fn(String)>,
}

#[function_component(Importer)]
fn importer(props: &ModuleHostProps) -> Html {
    let host = use_node_ref();
    let loading = use_state(|| Loading::Pending);
    let attempt = use_state(|| 0u32);
    let live = use_mut_ref(|| None::<Live>);
    // The latest input and callback, read when the module arrives and when it calls back.
    let input = use_mut_ref(|| props.input.clone());
    *input.borrow_mut() = props.input.clone();
    let on_output = use_mut_ref(|| props.on_output.clone());
    *on_output.borrow_mut() = props.on_output.clone();
    {
        let (host, loading, live, input, on_output, view) = (
            host.clone(),
            loading.clone(),
            live.clone(),
            input.clone(),
            on_output.clone(),
            props.view,
        );
        use_effect_with(*attempt, move |&attempt| {
            let alive = Rc::new(Cell::new(true));
            let still = alive.clone();
            let into = live.clone();
            // Timed for the benchmark: from the view to the module mounted (or refused).
            let measure = format!("{}-module-load", view.prefix());
            wasm_bindgen_futures::spawn_local(async move {
                browser::mark(&measure);
                let module = module(view, attempt).await;
                let Some(el) = host.cast::<web_sys::Element>().filter(|_| still.get()) else {
                    return;
                };
                let result = module.and_then(|module| {
                    let call = Closure::<dyn Fn(String)>::new(move |out: String| {
                        let emit = on_output.borrow().clone();
                        emit.emit(out)
                    });
                    let now = input.borrow().clone();
                    let view = module
                        .mount(&el, &now, call.as_ref().unchecked_ref())
                        .map_err(|e| browser::error_text(&e))?;
                    Ok(Live {
                        view,
                        _on_output: call,
                    })
                });
                browser::measure(&measure);
                match result {
                    Ok(m) => {
                        *into.borrow_mut() = Some(m);
                        loading.set(Loading::Mounted);
                    }
                    Err(why) => loading.set(Loading::Failed(why)),
                }
            });
            move || {
                alive.set(false);
                if let Some(m) = live.borrow_mut().take() {
                    m.view.close();
                    m.view.free();
                }
            }
        });
    }
    {
        let live = live.clone();
        use_effect_with(props.input.clone(), move |input| {
            if let Some(m) = live.borrow().as_ref() {
                m.view.update(input);
            }
        });
    }
    let t = tr(props.lang);
    let prefix = props.view.prefix();
    let status = match &*loading {
        Loading::Pending => html! {
            <p role="status" id={format!("{prefix}-loading")} class="note">{props.view.loading(t)}</p>
        },
        Loading::Failed(why) => {
            let retry = {
                let (attempt, loading) = (attempt.clone(), loading.clone());
                Callback::from(move |_| {
                    loading.set(Loading::Pending);
                    attempt.set(*attempt + 1);
                })
            };
            html! {
                <div role="alert" id={format!("{prefix}-load-failed")} class="draft-note">
                    <p>{props.view.failed(t).replace("{why}", why)}</p>
                    <button type="button" id={format!("{prefix}-load-retry")} onclick={retry}>{t.module_load_retry}</button>
                </div>
            }
        }
        Loading::Mounted => Html::default(),
    };
    html! {
        <>
            { status }
            // The module's own wasm renders in here; this element carries no listener of the
            // page's, so an event inside is the module's alone.
            <div id={format!("{prefix}-host")} ref={host}></div>
        </>
    }
}
