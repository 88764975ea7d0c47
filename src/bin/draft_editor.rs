//! The draft editor, built apart from the reader: index.html declares it to Trunk as a
//! `data-type="worker"` link with the `web` target, so Trunk writes `draft-editor.js` and
//! `draft-editor_bg.wasm` and puts nothing in the page. The reader imports it the first time the
//! Draft tab is shown (src/components/draft_host.rs) and calls [`mount`]; natively this is an
//! empty program.
//!
//! Two Yew apps then share one page, the editor's inside an element of the reader's. Yew sends an
//! event to the app whose *subtree id* marks the nearest marked element, and each wasm instance
//! numbers its apps from 1: the reader's one app is 1, so the editor's must not be. Before its
//! first app the editor makes and drops one empty app, and its apps are numbered from 2
//! (`tests/e2e/draft_editor.test.mjs` checks that the two sets of marks never meet, and that a
//! click in the editor reaches the editor only).

fn main() {}

#[cfg(target_arch = "wasm32")]
mod editor {
    use case_explorer::components::{DraftReview, DraftReviewProps};
    use case_explorer::model::Lang;
    use std::cell::Cell;
    use wasm_bindgen::prelude::*;
    use yew::{function_component, html, AppHandle, Callback, Html, Renderer};

    thread_local! {
        static NUMBERED: Cell<bool> = const { Cell::new(false) };
    }

    #[function_component(Nothing)]
    fn nothing() -> Html {
        html! {}
    }

    /// Takes subtree id 1 with an app that is dropped at once (see the module's comment).
    fn skip_the_readers_id() -> Result<(), JsValue> {
        if NUMBERED.with(|n| n.replace(true)) {
            return Ok(());
        }
        let doc = web_sys::window()
            .and_then(|w| w.document())
            .ok_or("no document")?;
        Renderer::<Nothing>::with_root(doc.create_element("div")?)
            .render()
            .destroy();
        Ok(())
    }

    /// One editor in the page, as the reader holds it.
    #[wasm_bindgen]
    pub struct Editor {
        app: Option<AppHandle<DraftReview>>,
        on_open: Callback<String>,
    }

    fn lang(code: &str) -> Lang {
        // The reader passes one of its own codes; an unknown one reads as the default language.
        Lang::parse(code).unwrap_or_default()
    }

    /// Renders the editor into `host` in language `lang_code`; `on_open` is called with the
    /// finished dataset's JSON.
    #[wasm_bindgen]
    pub fn mount(
        host: web_sys::Element,
        lang_code: &str,
        on_open: js_sys::Function,
    ) -> Result<Editor, JsValue> {
        skip_the_readers_id()?;
        let on_open = Callback::from(move |json: String| {
            // What the reader does with it is the reader's: nothing to report back here.
            let _ = on_open.call1(&JsValue::NULL, &JsValue::from_str(&json));
        });
        let props = DraftReviewProps {
            lang: lang(lang_code),
            on_open: on_open.clone(),
        };
        let app = Renderer::<DraftReview>::with_root_and_props(host, props).render();
        Ok(Editor {
            app: Some(app),
            on_open,
        })
    }

    #[wasm_bindgen]
    impl Editor {
        /// Shows the editor in another language (the reader's switch).
        pub fn set_lang(&mut self, lang_code: &str) {
            let props = DraftReviewProps {
                lang: lang(lang_code),
                on_open: self.on_open.clone(),
            };
            if let Some(app) = self.app.as_mut() {
                app.update(props);
            }
        }

        /// Unmounts the editor (the reader left the Draft tab).
        pub fn close(&mut self) {
            if let Some(app) = self.app.take() {
                app.destroy();
            }
        }
    }
}
