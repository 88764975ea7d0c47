//! The Draft tab's place in the reader. The draft editor is a wasm module of its own
//! (`src/bin/draft_editor.rs`, built by Trunk beside the page as `draft-editor.js` and
//! `draft-editor_bg.wasm`): the reader's wasm holds none of it, and imports it the first time the
//! tab is shown. The editor then renders into an element of this component and hands a finished
//! dataset back as JSON through `on_open`, as the editor did when it was part of the page.
//!
//! While the module loads the tab says so; when it cannot load (offline, a missing file) it says
//! why and offers to try again, and the rest of the explorer works as before.
//!
//! The wasm-bindgen browser tests have no editor module: they call [`install_editor_on_page`],
//! which renders the editor's component on the page, as the shipped page never does.

use std::cell::{Cell, RefCell};
use std::rc::Rc;

use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use yew::prelude::*;

use super::browser;
use super::draft_review::DraftReview;
use crate::i18n::tr;
use crate::model::Lang;

/// The editor's module, beside the page's boot script.
pub const EDITOR_SCRIPT: &str = "draft-editor.js";

#[derive(Properties, PartialEq)]
pub struct DraftHostProps {
    pub lang: Lang,
    /// Receives the reviewed dataset as JSON.
    pub on_open: Callback<String>,
}

type OnPage = fn(&DraftHostProps) -> Html;

thread_local! {
    /// Set by [`install_editor_on_page`]: render the editor's component here instead of
    /// importing its module.
    static ON_PAGE: Cell<Option<OnPage>> = const { Cell::new(None) };
    /// The editor's module once imported and started: importing it again is not needed.
    static MODULE: RefCell<Option<EditorModule>> = const { RefCell::new(None) };
}

/// Render the draft editor's component in the page rather than importing its module (for tests
/// run where no module was built). The shipped page never calls this, so its wasm holds no
/// editor.
pub fn install_editor_on_page() {
    ON_PAGE.with(|c| {
        c.set(Some(|p: &DraftHostProps| {
            html! { <DraftReview lang={p.lang} on_open={p.on_open.clone()} /> }
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
    /// The namespace of `draft-editor.js` (wasm-bindgen's `web` target).
    #[derive(Clone)]
    type EditorModule;
    /// Fetches and starts the module's wasm (beside its script).
    #[wasm_bindgen(method, js_name = default)]
    fn start(this: &EditorModule) -> js_sys::Promise;
    /// Renders the editor into `host`; see `src/bin/draft_editor.rs`.
    #[wasm_bindgen(method, catch)]
    fn mount(
        this: &EditorModule,
        host: &web_sys::Element,
        lang: &str,
        on_open: &js_sys::Function,
    ) -> Result<Editor, JsValue>;

    /// One mounted editor.
    type Editor;
    #[wasm_bindgen(method)]
    fn set_lang(this: &Editor, lang: &str);
    /// Unmounts the editor.
    #[wasm_bindgen(method)]
    fn close(this: &Editor);
    /// Frees the handle (wasm-bindgen's own method of an exported struct).
    #[wasm_bindgen(method)]
    fn free(this: &Editor);
}

/// The editor's module, imported and started once. A browser keeps the failure of an import
/// for the page's life, so each new attempt after one asks for the script under another
/// address (`?attempt=N`).
async fn editor_module(attempt: u32) -> Result<EditorModule, String> {
    if let Some(m) = MODULE.with(|m| m.borrow().clone()) {
        return Ok(m);
    }
    let mut url = browser::beside_boot(EDITOR_SCRIPT)?
        .ok_or_else(|| "no editor module in this page".to_string())?;
    if attempt > 0 {
        url = format!("{url}?attempt={attempt}");
    }
    let err = |e: JsValue| browser::error_text(&e);
    let namespace = wasm_bindgen_futures::JsFuture::from(import_module(&url).map_err(err)?)
        .await
        .map_err(err)?;
    let module: EditorModule = namespace.unchecked_into();
    wasm_bindgen_futures::JsFuture::from(module.start())
        .await
        .map_err(err)?;
    MODULE.with(|m| *m.borrow_mut() = Some(module.clone()));
    Ok(module)
}

#[function_component(DraftHost)]
pub fn draft_host(props: &DraftHostProps) -> Html {
    match ON_PAGE.with(Cell::get) {
        Some(render) => render(props),
        None => html! { <EditorModuleHost lang={props.lang} on_open={props.on_open.clone()} /> },
    }
}

/// Where the editor's module stands.
#[derive(Clone, PartialEq)]
enum Loading {
    Pending,
    Failed(String),
    Mounted,
}

/// The mounted editor and the function it calls with a finished dataset (kept alive with it).
struct Mounted {
    editor: Editor,
    _on_open: Closure<dyn Fn(String)>,
}

#[function_component(EditorModuleHost)]
fn editor_module_host(props: &DraftHostProps) -> Html {
    let host = use_node_ref();
    let loading = use_state(|| Loading::Pending);
    let attempt = use_state(|| 0u32);
    let mounted = use_mut_ref(|| None::<Mounted>);
    // The latest language and callback, read when the module arrives and when it calls back.
    let lang = use_mut_ref(|| props.lang);
    *lang.borrow_mut() = props.lang;
    let on_open = use_mut_ref(|| props.on_open.clone());
    *on_open.borrow_mut() = props.on_open.clone();
    {
        let (host, loading, mounted, lang, on_open) = (
            host.clone(),
            loading.clone(),
            mounted.clone(),
            lang.clone(),
            on_open.clone(),
        );
        use_effect_with(*attempt, move |&attempt| {
            let alive = Rc::new(Cell::new(true));
            let still = alive.clone();
            let into = mounted.clone();
            wasm_bindgen_futures::spawn_local(async move {
                // Timed for the benchmark: from the tab to the editor mounted (or refused).
                browser::mark("draft-editor-load");
                let module = editor_module(attempt).await;
                let Some(el) = host.cast::<web_sys::Element>().filter(|_| still.get()) else {
                    return;
                };
                let result = module.and_then(|module| {
                    let call = Closure::<dyn Fn(String)>::new(move |json: String| {
                        let open = on_open.borrow().clone();
                        open.emit(json)
                    });
                    let code = lang.borrow().code();
                    let editor = module
                        .mount(&el, code, call.as_ref().unchecked_ref())
                        .map_err(|e| browser::error_text(&e))?;
                    Ok(Mounted {
                        editor,
                        _on_open: call,
                    })
                });
                browser::measure("draft-editor-load");
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
                if let Some(m) = mounted.borrow_mut().take() {
                    m.editor.close();
                    m.editor.free();
                }
            }
        });
    }
    {
        let mounted = mounted.clone();
        use_effect_with(props.lang, move |lang| {
            if let Some(m) = mounted.borrow().as_ref() {
                m.editor.set_lang(lang.code());
            }
        });
    }
    let t = tr(props.lang);
    let status = match &*loading {
        Loading::Pending => html! {
            <p role="status" id="draft-loading" class="draft-note">{t.draft_loading}</p>
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
                <div role="alert" id="draft-load-failed" class="draft-note">
                    <p>{t.draft_load_failed.replace("{why}", why)}</p>
                    <button type="button" id="draft-load-retry" onclick={retry}>{t.draft_load_retry}</button>
                </div>
            }
        }
        Loading::Mounted => Html::default(),
    };
    html! {
        <>
            { status }
            // The editor's own wasm renders in here; this element carries no listener of the
            // reader's, so an event inside is the editor's alone (see src/bin/draft_editor.rs).
            <div id="draft-host" ref={host}></div>
        </>
    }
}
