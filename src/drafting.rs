//! Drafting off the page's thread. The draft editor asks a [`Drafter`] (a web worker running
//! `src/bin/draft_worker.rs`, started the first time a text is drafted) to read a text, or to
//! re-read selections of it ("Add as figure"); the worker answers with the reading, as bytes
//! (`draft_wire`). The page keeps working meanwhile, and its wasm holds no drafter at all: the
//! extractor (`model::extract::draft`, `Draft::read_span`) is reached only from [`answer`], which
//! the worker runs.
//!
//! The worker's script is `draft-worker_loader.js`, beside the page's boot script (Trunk's loader
//! shim: it loads the wasm-bindgen glue and the worker's wasm). Under the page's Trusted Types
//! policy a worker's URL must be a `TrustedScriptURL`: a policy named `draft-worker` makes one for
//! that one URL and refuses any other. When no worker can start (no `Worker` in this browser, no
//! worker script in the page, the script refused or missing, or not ready within [`READY_MS`]),
//! [`Drafter::start`] or the answer says why, and the editor says that drafting needs the worker.
//!
//! The wasm-bindgen browser tests have no worker script: they install an on-page drafter with
//! [`install_on_page`] (passing [`answer`]), which the shipped page never does.

use crate::draft_store::{self, Base, Bound, Reads};
use crate::draft_wire::{self, Request, WireError};

/// How long a new worker may take to load its wasm before the page gives up on it.
pub const READY_MS: u32 = 20_000;

/// The worker's script, next to the page's boot script.
pub const WORKER_SCRIPT: &str = "draft-worker_loader.js";

/// How a request to the worker ended.
#[derive(Debug)]
pub enum Answer {
    /// The worker's reading of the text (or the bound the text broke) and of the selections
    /// asked with it.
    Read(Result<Box<Base>, Bound>, Reads),
    /// The worker's reading of the selections asked.
    Spans(Reads),
    /// The worker answered with bytes that do not read as a reading.
    Unreadable(WireError),
    /// The worker never started (the reason, in English, for the console and the note).
    Unavailable(String),
    /// The worker started, then stopped while drafting (a crash in the drafter).
    Stopped(String),
}

/// The drafter's side of the conversation: the answer to a request's bytes (`None` when they
/// do not read as a request). The worker runs it; so do the wasm-bindgen tests, on the page
/// ([`install_on_page`]). A `Spans` request is read in order up to the first selection that is
/// not words without a number (a quote's first place that reads a figure).
pub fn answer(bytes: &[u8]) -> Option<Vec<u8>> {
    let read = |base: &Base, (a, b): (usize, usize)| ((a, b), base.draft.read_span(a..b));
    Some(match draft_wire::read_request(bytes).ok()? {
        Request::Draft { id, text, spans } => {
            let base = draft_store::drafted(&text);
            let reads: Reads = match &base {
                Ok(b) => spans.into_iter().map(|s| read(b, s)).collect(),
                Err(_) => Vec::new(),
            };
            draft_wire::reply(id, base.as_deref().map_err(|b| *b), &reads)
        }
        Request::Spans { id, text, spans } => {
            let mut reads: Reads = Vec::new();
            match draft_store::drafted(&text) {
                Ok(b) => {
                    for s in spans {
                        let r = read(&b, s);
                        let words = matches!(r.1, Err(crate::model::extract::AddError::NoFigure));
                        reads.push(r);
                        if !words {
                            break;
                        }
                    }
                }
                Err(_) => reads.extend(
                    spans
                        .into_iter()
                        .map(|s| (s, Err(crate::model::extract::AddError::BadSpan))),
                ),
            }
            draft_wire::spans_reply(id, &reads)
        }
    })
}

/// A drafter on the page's thread, for tests only: [`answer`] given request bytes.
pub type OnPage = fn(&[u8]) -> Option<Vec<u8>>;

thread_local! {
    static ON_PAGE: std::cell::Cell<Option<OnPage>> = const { std::cell::Cell::new(None) };
}

/// Test-only: every [`Drafter`] started from now on answers on the page with `drafter` (the
/// wasm-bindgen tests, which have no worker script, pass [`answer`]; `None` takes it away again).
/// The shipped page never calls this, so its wasm holds no drafter.
pub fn install_on_page(drafter: Option<OnPage>) {
    ON_PAGE.with(|d| d.set(drafter));
}

#[cfg(target_arch = "wasm32")]
pub use web::{serve, Drafter};

/// Natively (the prerender, native tests) there are no workers.
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
        _spans: &[(usize, usize)],
        _then: Box<dyn FnOnce(Answer)>,
    ) -> Result<(), String> {
        Err("no web workers outside a browser".into())
    }

    pub fn read_spans(
        &self,
        _id: u32,
        _text: &str,
        _spans: &[(usize, usize)],
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

    use super::{Answer, OnPage, ON_PAGE, READY_MS, WORKER_SCRIPT};
    use crate::draft_wire::{self, Reply, WireError};

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

    /// The request whose answer is awaited: its id, its text (a reply is checked against it)
    /// and what to do with the answer.
    struct Waiting {
        id: u32,
        text: String,
        then: Then,
    }

    struct State {
        phase: Phase,
        /// A newer request replaces the one awaited, so an older answer finds no taker and is
        /// dropped.
        waiting: Option<Waiting>,
    }

    /// Where requests go.
    enum Channel {
        Worker {
            worker: Worker,
            _on_message: Closure<dyn FnMut(MessageEvent)>,
            _on_error: Closure<dyn FnMut(Event)>,
        },
        /// A test's drafter on the page ([`super::install_on_page`]).
        OnPage(OnPage),
    }

    struct Inner {
        channel: Channel,
        state: RefCell<State>,
        ready_timer: RefCell<Option<Timeout>>,
    }

    /// A drafting worker, started by [`Drafter::start`] and ended when dropped.
    pub struct Drafter {
        inner: Rc<Inner>,
    }

    impl Drop for Drafter {
        fn drop(&mut self) {
            if let Channel::Worker { worker, .. } = &self.inner.channel {
                worker.terminate();
                worker.set_onmessage(None);
                worker.set_onerror(None);
            }
        }
    }
    use crate::components::browser::error_text as text_of;

    /// The absolute URL of the worker's script, beside the page's boot script. A page without
    /// one (the wasm-bindgen test runner's) has no worker.
    fn script_url() -> Result<String, String> {
        crate::components::browser::beside_boot(WORKER_SCRIPT)?
            .ok_or_else(|| "no worker script in this page".to_string())
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
        /// Sends a request's bytes: to the worker, or to the test's drafter on the page, whose
        /// answer is read at once.
        fn send_bytes(&self, bytes: &[u8]) -> Result<(), String> {
            match &self.channel {
                Channel::Worker { worker, .. } => post(worker, bytes),
                Channel::OnPage(drafter) => {
                    let reply = drafter(bytes).ok_or("the drafter could not read the request")?;
                    self.on_reply(&reply);
                    Ok(())
                }
            }
        }

        /// Hands `answer` to the request waiting, whatever it is.
        fn answer_waiting(&self, answer: Answer) {
            let taker = self.state.borrow_mut().waiting.take();
            if let Some(w) = taker {
                (w.then)(answer);
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
            if let Channel::Worker { worker, .. } = &self.channel {
                worker.terminate();
            }
            web_sys::console::warn_1(&format!("drafting worker: {why}").into());
            self.answer_waiting(if was_ready {
                Answer::Stopped(why)
            } else {
                Answer::Unavailable(why)
            });
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
                    if let Err(e) = self.send_bytes(&bytes) {
                        self.fail(e);
                    }
                }
                return;
            }
            match data.dyn_ref::<Uint8Array>().map(Uint8Array::to_vec) {
                Some(bytes) => self.on_reply(&bytes),
                None => {
                    self.answer_waiting(Answer::Unreadable(WireError::Shape("not bytes".into())))
                }
            }
        }

        /// A reply: read, and checked against the awaited request's text if it is the awaited
        /// one (an older one is dropped).
        fn on_reply(&self, bytes: &[u8]) {
            // Timed as `draft-reply-read` (a user-timing measure the e2e test reads).
            let perf = web_sys::window().and_then(|w| w.performance());
            if let Some(p) = &perf {
                let _ = p.mark("draft-reply");
            }
            let reply = match draft_wire::read_reply(bytes) {
                Ok(r) => r,
                Err(e) => return self.answer_waiting(Answer::Unreadable(e)),
            };
            let taker = {
                let mut s = self.state.borrow_mut();
                match &s.waiting {
                    Some(w) if w.id == reply.id() => s.waiting.take(),
                    Some(_) | None => None,
                }
            };
            let Some(w) = taker else {
                return;
            };
            let answer = match reply.check(&w.text) {
                Ok(Reply::Read(read, reads)) => Answer::Read(read, reads),
                Ok(Reply::Spans(reads)) => Answer::Spans(reads),
                Err(e) => Answer::Unreadable(e),
            };
            if let Some(p) = &perf {
                let _ = p.measure_with_start_mark("draft-reply-read", "draft-reply");
            }
            (w.then)(answer);
        }
    }

    impl Drafter {
        /// Starts the worker (its wasm loads in the background), or says why it cannot. A test's
        /// drafter on the page ([`super::install_on_page`]) is used instead when one is installed.
        pub fn start() -> Result<Drafter, String> {
            if let Some(drafter) = ON_PAGE.with(std::cell::Cell::get) {
                return Ok(Drafter {
                    inner: Rc::new(Inner {
                        channel: Channel::OnPage(drafter),
                        state: RefCell::new(State {
                            phase: Phase::Ready,
                            waiting: None,
                        }),
                        ready_timer: RefCell::new(None),
                    }),
                });
            }
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
                    channel: Channel::Worker {
                        worker,
                        _on_message: on_message,
                        _on_error: on_error,
                    },
                    state: RefCell::new(State {
                        phase: Phase::Loading(None),
                        waiting: None,
                    }),
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

        /// Asks the worker to draft `text` and read its selections `spans`; `then` gets the
        /// answer, unless a newer request comes first (then this one's answer is dropped). `Err`
        /// (why) when the worker is gone, and `then` is not called.
        pub fn draft(
            &self,
            id: u32,
            text: &str,
            spans: &[(usize, usize)],
            then: Box<dyn FnOnce(Answer)>,
        ) -> Result<(), String> {
            self.send(id, text, draft_wire::request(id, text, spans), then)
        }

        /// Asks the worker to read selections of `text`, in order, up to the first that is not
        /// words without a number; as [`Drafter::draft`] otherwise.
        pub fn read_spans(
            &self,
            id: u32,
            text: &str,
            spans: &[(usize, usize)],
            then: Box<dyn FnOnce(Answer)>,
        ) -> Result<(), String> {
            self.send(id, text, draft_wire::spans_request(id, text, spans), then)
        }

        /// Sends a request, or queues it while the worker loads. With a test's drafter on the
        /// page, `then` runs before this returns.
        fn send(&self, id: u32, text: &str, bytes: Vec<u8>, then: Then) -> Result<(), String> {
            let now = {
                let mut s = self.inner.state.borrow_mut();
                let now = match &mut s.phase {
                    Phase::Loading(q) => {
                        *q = Some(bytes);
                        None
                    }
                    Phase::Ready => Some(bytes),
                    Phase::Gone(why) => {
                        let why = why.clone();
                        s.waiting = None;
                        return Err(why);
                    }
                };
                s.waiting = Some(Waiting {
                    id,
                    text: text.to_string(),
                    then,
                });
                now
            };
            if let Some(bytes) = now {
                if let Err(why) = self.inner.send_bytes(&bytes) {
                    let mut s = self.inner.state.borrow_mut();
                    s.phase = Phase::Gone(why.clone());
                    s.waiting = None;
                    return Err(why);
                }
            }
            Ok(())
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
            let Some(reply) = super::answer(&bytes) else {
                return;
            };
            let data = Uint8Array::from(reply.as_slice());
            let _ = answer_to.post_message_with_transfer(&data, &Array::of1(&data.buffer()));
        });
        scope.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
        on_message.forget();
        let _ = scope.post_message(&READY.into());
    }
}
