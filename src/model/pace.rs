//! Long work cut into slices, so that a page reading a large dataset stays responsive.
//!
//! The steps that build a `Model` are `async` and call [`Pace::tick`] once per item of their
//! long loops. A pace that may pause looks at its clock every few ticks and, once its slice is
//! used up, awaits the pause its caller gave it (in the browser: a zero timeout, which lets the
//! page paint and handle input before the next slice). `Pace::never()` never pauses: the plain
//! functions (`Model::from_json`, `validate::check`, …) run the same code through
//! [`run_to_end`] in one go. This module knows no browser API: the clock and the pause are
//! given by the caller.

use std::future::Future;
use std::pin::Pin;
use std::task::{Context, Poll, Waker};

/// What a pausing pace needs from its host.
pub trait Clock {
    /// Milliseconds since some fixed start.
    fn now_ms(&self) -> f64;
    /// A future that completes once the host had a chance to do other work.
    fn pause(&self) -> Pin<Box<dyn Future<Output = ()>>>;
}

/// Ticks between two looks at the clock: a look costs a call out of wasm in the browser.
const TICKS_PER_LOOK: u32 = 64;

pub struct Pace<'c> {
    clock: Option<&'c dyn Clock>,
    slice_ms: f64,
    since: f64,
    ticks: u32,
    /// How many times the work paused.
    pub pauses: u32,
}

impl Pace<'static> {
    /// A pace that never pauses: the work runs to its end in one go.
    pub fn never() -> Pace<'static> {
        Pace {
            clock: None,
            slice_ms: f64::INFINITY,
            since: 0.0,
            ticks: 0,
            pauses: 0,
        }
    }
}

impl<'c> Pace<'c> {
    /// Pauses once a slice of `slice_ms` milliseconds of work is used up.
    pub fn new(clock: &'c dyn Clock, slice_ms: f64) -> Pace<'c> {
        Pace {
            clock: Some(clock),
            slice_ms,
            since: clock.now_ms(),
            ticks: 0,
            pauses: 0,
        }
    }

    /// One item of work done: pauses if the slice is used up.
    pub async fn tick(&mut self) {
        if self.clock.is_none() {
            return;
        }
        self.ticks += 1;
        if self.ticks >= TICKS_PER_LOOK {
            self.step().await;
        }
    }

    /// A step ends: pauses if the slice is used up, whatever the count of ticks.
    pub async fn step(&mut self) {
        let Some(clock) = self.clock else {
            return;
        };
        self.ticks = 0;
        if clock.now_ms() - self.since >= self.slice_ms {
            clock.pause().await;
            self.pauses += 1;
            self.since = clock.now_ms();
        }
    }
}

/// Runs work that does not pause (given `Pace::never()`) to its end, on this thread.
pub fn run_to_end<F: Future>(work: F) -> F::Output {
    let mut work = std::pin::pin!(work);
    let mut cx = Context::from_waker(Waker::noop());
    // With a pace that never pauses the first poll is the last; a future that waits on
    // something else would spin here, so this is only for the model's own steps.
    loop {
        if let Poll::Ready(out) = work.as_mut().poll(&mut cx) {
            return out;
        }
    }
}
