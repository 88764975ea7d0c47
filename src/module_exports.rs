//! The module side of the views loaded on demand (`components/on_demand.rs` is the page's side
//! and describes the interface): the exports each module's binary writes with
//! [`on_demand_module!`], and the one thing a module does before its first app.

#[cfg(target_arch = "wasm32")]
use std::cell::Cell;
#[cfg(target_arch = "wasm32")]
use wasm_bindgen::JsValue;
#[cfg(target_arch = "wasm32")]
use yew::{function_component, html, Html};

/// Takes subtree id 1 in a module's wasm with an app that is dropped at once (see `components/on_demand.rs`); once per module.
#[cfg(target_arch = "wasm32")]
pub fn skip_the_readers_id() -> Result<(), JsValue> {
    thread_local! {
        static SKIPPED: Cell<bool> = const { Cell::new(false) };
    }
    #[function_component(Nothing)]
    fn nothing() -> Html {
        html! {}
    }
    if SKIPPED.with(|n| n.replace(true)) {
        return Ok(());
    }
    let doc = web_sys::window()
        .and_then(|w| w.document())
        .ok_or("no document")?;
    yew::Renderer::<Nothing>::with_root(doc.create_element("div")?)
        .render()
        .destroy();
    Ok(())
}

/// The exports of an on-demand module's binary: `mount(host, input, on_output)` renders `$view`
/// (a component taking [`ModuleProps`](crate::components::ModuleProps)) into `host`; the handle's `update(input)` passes a new
/// input and `close()` unmounts it. In the binary, not the library: the reader's wasm must not
/// export them.
#[macro_export]
macro_rules! on_demand_module {
    ($view:path) => {
        #[cfg(target_arch = "wasm32")]
        mod exports {
            use wasm_bindgen::prelude::*;
            use yew::{AppHandle, Callback};
            use $crate::components::ModuleProps;

            /// One mounted view, as the page holds it.
            #[wasm_bindgen]
            pub struct View {
                app: Option<AppHandle<$view>>,
                on_output: Callback<String>,
            }

            #[wasm_bindgen]
            pub fn mount(
                host: web_sys::Element,
                input: String,
                on_output: js_sys::Function,
            ) -> Result<View, JsValue> {
                $crate::module_exports::skip_the_readers_id()?;
                let on_output = Callback::from(move |out: String| {
                    // What the page does with it is the page's: nothing to report back here.
                    let _ = on_output.call1(&JsValue::NULL, &JsValue::from_str(&out));
                });
                let props = ModuleProps {
                    input: input.into(),
                    on_output: on_output.clone(),
                };
                let app = yew::Renderer::<$view>::with_root_and_props(host, props).render();
                Ok(View {
                    app: Some(app),
                    on_output,
                })
            }

            #[wasm_bindgen]
            impl View {
                /// Shows the view for a new input (a language, a choice).
                pub fn update(&mut self, input: String) {
                    let props = ModuleProps {
                        input: input.into(),
                        on_output: self.on_output.clone(),
                    };
                    if let Some(app) = self.app.as_mut() {
                        app.update(props);
                    }
                }

                /// Unmounts the view (the page left it).
                pub fn close(&mut self) {
                    if let Some(app) = self.app.take() {
                        app.destroy();
                    }
                }
            }
        }
    };
}
