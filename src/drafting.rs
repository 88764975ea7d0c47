//! Drafting off the page's thread. The draft editor asks a [`Drafter`] (a web worker running
//! `src/bin/draft_worker.rs`, started the first time a text is drafted) to read a text; the
//! worker answers with the reading, as bytes (`draft_wire`). The page keeps working meanwhile.
//!
//! The worker's script is `draft-worker_loader.js`, beside the page's boot script (Trunk's loader
//! shim: it loads the wasm-bindgen glue and the worker's wasm). Under the page's Trusted Types
//! policy a worker's URL must be a `TrustedScriptURL`: a policy named `draft-worker` makes one for
//! that one URL and refuses any other. When no worker can start (no `Worker` in this browser, no
//! worker script in the page — as in the wasm-bindgen tests —, the script refused or missing, or
//! not ready within [`READY_MS`]), [`Drafter::start`] or the answer says why and the editor drafts
//! on the page instead.

use crate::draft_store::{Base, Bound};
use crate::draft_wire::WireError;

/// How long a new worker may take to load its wasm before the page gives up on it.
pub const READY_MS: u32 = 20_000;

/// The worker's script, next to the page's boot script.
pub const WORKER_SCRIPT: &str = "draft-worker_loader.js";

/// How a request to the worker ended.
#[derive(Debug)]
pub enum Answer {
    /// The worker's reading of the text, or the bound the text broke.
    Read(Result<Base, Bound>),
    /// The worker answered with bytes that do not read as a reading.
    Unreadable(WireError),
    /// The worker never started (the reason, in English, for the console and the note).
    Unavailable(String),
    /// The worker started, then stopped while drafting (a crash in the drafter).
    Stopped(String),
}

#[cfg(target_arch = "wasm32")]
pub use web::{serve, Drafter};

/// Natively (the prerender, native tests) there are no workers: the editor drafts in place.
#[cfg(not(target_arch = "wasm32"))]
pub struct Drafter;

#[cfg(not(target_arch = "wasm32"))]
impl Drafter {
    pub fn start() -> Result<Drafter, String> {
        Err("no web workers outside a browser".into())
    }

    pub fn draft(
        &self,
        _id: u32,
        _text: &str,
        _then: Box<dyn FnOnce(Answer)>,
    ) -> Result<(), String> {
        Err("no web workers outside a browser".into())
    }
}

#[cfg(target_arch = "wasm32")]
mod web {
    use std::cell::RefCell;
    use std::rc::{Rc, Weak};

    use gloo::timers::callback::Timeout;
    use js_sys::{Array, Function, Object, Reflect, Uint8Array};
    use wasm_bindgen::prelude::*;
    use wasm_bindgen::JsCast;
    use web_sys::{DedicatedWorkerGlobalScope, Event, MessageEvent, Worker};

    use super::{Answer, READY_MS, WORKER_SCRIPT};
    use crate::draft_wire;

    /// The word the worker posts once it listens.
    const READY: &str = "ready";

    /// What to do with an answer.
    type Then = Box<dyn FnOnce(Answer)>;

    /// Where the worker is in its life.
    enum Phase {
        /// Loading its wasm; the request waiting for it, if any.
        Loading(Option<Vec<u8>>),
        Ready,
        /// It failed; requests are answered at once with why.
        Gone(String),
    }

    struct State {
        phase: Phase,
        /// The request whose answer is awaited: its id and what to do with the answer. A newer
        /// request replaces it, so an older answer finds no taker and is dropped.
        waiting: Option<(u32, Then)>,
    }

    struct Inner {
        worker: Worker,
        state: RefCell<State>,
        _on_message: Closure<dyn FnMut(MessageEvent)>,
        _on_error: Closure<dyn FnMut(Event)>,
        ready_timer: RefCell<Option<Timeout>>,
    }

    /// A drafting worker, started by [`Drafter::start`] and ended when dropped.
    pub struct Drafter {
        inner: Rc<Inner>,
    }

    impl Drop for Drafter {
        fn drop(&mut self) {
            self.inner.worker.terminate();
            self.inner.worker.set_onmessage(None);
            self.inner.worker.set_onerror(None);
        }
    }

    fn text_of(e: &JsValue) -> String {
        e.as_string()
            .or_else(|| {
                e.dyn_ref::<js_sys::Error>()
                    .map(|e| String::from(e.message()))
            })
            .unwrap_or_else(|| format!("{e:?}"))
    }

    /// The absolute URL of the worker's script: beside the page's boot script (`boot-<hash>.js`,
    /// which `xtask harden` writes after every Trunk build, `trunk serve` too). A page without one
    /// (the wasm-bindgen test runner's) has no worker.
    fn script_url() -> Result<String, String> {
        let doc = web_sys::window()
            .and_then(|w| w.document())
            .ok_or("no document")?;
        let src = doc
            .query_selector("script[type=module][src*=\"boot-\"]")
            .ok()
            .flatten()
            .and_then(|s| s.get_attribute("src"))
            .ok_or("no worker script in this page")?;
        let base = doc
            .base_uri()
            .ok()
            .flatten()
            .ok_or("the page has no base URL")?;
        let boot = web_sys::Url::new_with_base(&src, &base).map_err(|e| text_of(&e))?;
        let url =
            web_sys::Url::new_with_base(WORKER_SCRIPT, &boot.href()).map_err(|e| text_of(&e))?;
        Ok(url.href())
    }

    thread_local! {
        /// The Trusted Types policy that vouches for the worker's URL, made once.
        static POLICY: RefCell<Option<JsValue>> = const { RefCell::new(None) };
    }

    /// `url` as the Worker constructor takes it under the page's policy: a `TrustedScriptURL`
    /// where the browser has Trusted Types, else the string.
    fn trusted(url: &str) -> Result<JsValue, String> {
        let global = js_sys::global();
        let tt = Reflect::get(&global, &"trustedTypes".into()).unwrap_or(JsValue::UNDEFINED);
        if tt.is_undefined() || tt.is_null() {
            return Ok(url.into());
        }
        let policy = POLICY.with(|p| -> Result<JsValue, String> {
            if let Some(p) = p.borrow().as_ref() {
                return Ok(p.clone());
            }
            let only = url.to_string();
            let check = Closure::<dyn Fn(String) -> Result<String, JsValue>>::new(move |s| {
                if s == only {
                    Ok(s)
                } else {
                    Err(JsValue::from_str("only the drafting worker's script"))
                }
            });
            let rules = Object::new();
            Reflect::set(&rules, &"createScriptURL".into(), &check.into_js_value())
                .map_err(|e| text_of(&e))?;
            let create: Function = Reflect::get(&tt, &"createPolicy".into())
                .ok()
                .and_then(|f| f.dyn_into().ok())
                .ok_or("trustedTypes.createPolicy is missing")?;
            let made = create
                .call2(&tt, &"draft-worker".into(), &rules)
                .map_err(|e| text_of(&e))?;
            *p.borrow_mut() = Some(made.clone());
            Ok(made)
        })?;
        let make: Function = Reflect::get(&policy, &"createScriptURL".into())
            .ok()
            .and_then(|f| f.dyn_into().ok())
            .ok_or("the policy cannot make script URLs")?;
        make.call1(&policy, &url.into()).map_err(|e| text_of(&e))
    }

    fn post(worker: &Worker, bytes: &[u8]) -> Result<(), String> {
        let data = Uint8Array::from(bytes);
        worker
            .post_message_with_transfer(&data, &Array::of1(&data.buffer()))
            .map_err(|e| text_of(&e))
    }

    impl Inner {
        /// Hands `answer` to the request waiting, if any.
        fn answer(&self, id: Option<u32>, answer: Answer) {
            let taker = {
                let mut s = self.state.borrow_mut();
                match (&s.waiting, id) {
                    (Some((w, _)), Some(id)) if *w != id => None,
                    _ => s.waiting.take(),
                }
            };
            if let Some((_, then)) = taker {
                then(answer);
            }
        }

        /// The worker cannot be used any more: `stopped` once it had started, else unavailable.
        fn fail(&self, why: String) {
            let was_ready = {
                let mut s = self.state.borrow_mut();
                let was = matches!(s.phase, Phase::Ready);
                s.phase = Phase::Gone(why.clone());
                was
            };
            self.ready_timer.borrow_mut().take();
            self.worker.terminate();
            web_sys::console::warn_1(&format!("drafting worker: {why}").into());
            self.answer(
                None,
                if was_ready {
                    Answer::Stopped(why)
                } else {
                    Answer::Unavailable(why)
                },
            );
        }

        fn on_message(&self, data: JsValue) {
            if data.as_string().as_deref() == Some(READY) {
                self.ready_timer.borrow_mut().take();
                let queued = {
                    let mut s = self.state.borrow_mut();
                    match std::mem::replace(&mut s.phase, Phase::Ready) {
                        Phase::Loading(q) => q,
                        Phase::Ready => None,
                        gone @ Phase::Gone(_) => {
                            s.phase = gone;
                            None
                        }
                    }
                };
                if let Some(bytes) = queued {
                    if let Err(e) = post(&self.worker, &bytes) {
                        self.fail(e);
                    }
                }
                return;
            }
            let Some(bytes) = data.dyn_ref::<Uint8Array>().map(Uint8Array::to_vec) else {
                return self.answer(
                    None,
                    Answer::Unreadable(draft_wire::WireError::Shape("not bytes".into())),
                );
            };
            // Timed as `draft-reply-read` (a user-timing measure the e2e test reads).
            let perf = web_sys::window().and_then(|w| w.performance());
            if let Some(p) = &perf {
                let _ = p.mark("draft-reply");
            }
            let read = draft_wire::read_reply(&bytes);
            if let Some(p) = &perf {
                let _ = p.measure_with_start_mark("draft-reply-read", "draft-reply");
            }
            match read {
                Ok((id, read)) => self.answer(Some(id), Answer::Read(read)),
                Err(e) => self.answer(None, Answer::Unreadable(e)),
            }
        }
    }

    impl Drafter {
        /// Starts the worker (its wasm loads in the background), or says why it cannot.
        pub fn start() -> Result<Drafter, String> {
            let global = js_sys::global();
            let ctor: Function = Reflect::get(&global, &"Worker".into())
                .ok()
                .and_then(|c| c.dyn_into().ok())
                .ok_or("this browser has no web workers")?;
            let url = script_url()?;
            let arg = trusted(&url)?;
            let worker: Worker = Reflect::construct(&ctor, &Array::of1(&arg))
                .map_err(|e| text_of(&e))?
                .dyn_into()
                .map_err(|_| "the Worker constructor made no worker".to_string())?;
            // The handlers hold the worker's state weakly: dropping the `Drafter` ends it all.
            let inner = Rc::new_cyclic(|weak: &Weak<Inner>| {
                let on_message = {
                    let weak = weak.clone();
                    Closure::<dyn FnMut(MessageEvent)>::new(move |e: MessageEvent| {
                        if let Some(inner) = weak.upgrade() {
                            inner.on_message(e.data());
                        }
                    })
                };
                let on_error =
                    {
                        let weak = weak.clone();
                        // A script that fails to load gives a plain `Event`; an error thrown in the
                        // worker an `ErrorEvent` with a message.
                        Closure::<dyn FnMut(Event)>::new(move |e: Event| {
                            e.prevent_default();
                            if let Some(inner) = weak.upgrade() {
                                let what = Reflect::get(&e, &"message".into())
                                    .ok()
                                    .and_then(|m| m.as_string())
                                    .filter(|m| !m.is_empty());
                                inner.fail(what.unwrap_or_else(|| {
                                    "its script could not be loaded or run".into()
                                }));
                            }
                        })
                    };
                worker.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
                worker.set_onerror(Some(on_error.as_ref().unchecked_ref()));
                Inner {
                    worker,
                    state: RefCell::new(State {
                        phase: Phase::Loading(None),
                        waiting: None,
                    }),
                    _on_message: on_message,
                    _on_error: on_error,
                    ready_timer: RefCell::new(None),
                }
            });
            let weak = Rc::downgrade(&inner);
            *inner.ready_timer.borrow_mut() = Some(Timeout::new(READY_MS, move || {
                if let Some(inner) = weak.upgrade() {
                    inner.fail(format!("not ready after {} s", READY_MS / 1000));
                }
            }));
            Ok(Drafter { inner })
        }

        /// Asks the worker to draft `text`; `then` gets the answer, unless a newer request comes
        /// first (then this one's answer is dropped). `Err` (why) when the worker is gone; `then`
        /// is never called from here, only from the worker's events.
        pub fn draft(
            &self,
            id: u32,
            text: &str,
            then: Box<dyn FnOnce(Answer)>,
        ) -> Result<(), String> {
            let bytes = draft_wire::request(id, text);
            let mut s = self.inner.state.borrow_mut();
            let sent = match &mut s.phase {
                Phase::Loading(q) => {
                    *q = Some(bytes);
                    Ok(())
                }
                Phase::Ready => post(&self.inner.worker, &bytes),
                Phase::Gone(why) => Err(why.clone()),
            };
            match sent {
                Ok(()) => s.waiting = Some((id, then)),
                Err(ref why) => {
                    s.phase = Phase::Gone(why.clone());
                    s.waiting = None;
                }
            }
            sent
        }
    }

    /// The worker's side: answer every request with the drafter's reading. Runs in the worker.
    pub fn serve() {
        let scope: DedicatedWorkerGlobalScope = js_sys::global().unchecked_into();
        let answer_to = scope.clone();
        let on_message = Closure::<dyn FnMut(MessageEvent)>::new(move |e: MessageEvent| {
            let Some(bytes) = e.data().dyn_ref::<Uint8Array>().map(Uint8Array::to_vec) else {
                return;
            };
            // Only the page talks to this worker; what does not read as a request is dropped.
            let Ok((id, text)) = draft_wire::read_request(&bytes) else {
                return;
            };
            let read = crate::draft_store::drafted(&text);
            let reply = draft_wire::reply(id, read.as_deref().map_err(|b| *b));
            let data = Uint8Array::from(reply.as_slice());
            let _ = answer_to.post_message_with_transfer(&data, &Array::of1(&data.buffer()));
        });
        scope.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
        on_message.forget();
        let _ = scope.post_message(&READY.into());
    }
}
