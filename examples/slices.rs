//! How finely a dataset's reading is sliced, natively: `cargo run --release --example slices --
//! FILE [SLICE_MS]`. Reads FILE into a model with a pace of SLICE_MS (default 50) milliseconds and
//! prints the number of slices, the longest one, and where it ended. The browser's figures are
//! the benchmark's (`cargo xtask bench --store-only`); this finds the step that needs more ticks.
use case_explorer::model::pace::{run_to_end, Clock, Pace};
use case_explorer::model::Model;
use std::cell::RefCell;
use std::future::Future;
use std::pin::Pin;
use std::time::Instant;

struct Native {
    start: Instant,
    /// The longest slice and the pause that ended it (its number).
    last: RefCell<(f64, f64, u32, u32)>,
}

impl Clock for Native {
    fn now_ms(&self) -> f64 {
        self.start.elapsed().as_secs_f64() * 1000.0
    }
    fn pause(&self) -> Pin<Box<dyn Future<Output = ()>>> {
        let now = self.now_ms();
        let mut l = self.last.borrow_mut();
        let (since, longest, at, n) = *l;
        if std::env::var_os("SLICES_ALL").is_some() {
            eprintln!("slice {} at {since:.0} ms: {:.0} ms", n + 1, now - since);
        }
        *l = if now - since > longest {
            (now, now - since, n + 1, n + 1)
        } else {
            (now, longest, at, n + 1)
        };
        Box::pin(std::future::ready(()))
    }
}

fn main() {
    let mut args = std::env::args().skip(1);
    let Some(path) = args.next() else {
        eprintln!("usage: slices FILE [SLICE_MS]");
        std::process::exit(2);
    };
    let slice: f64 = args.next().and_then(|s| s.parse().ok()).unwrap_or(50.0);
    let text = match std::fs::read_to_string(&path) {
        Ok(t) => t,
        Err(e) => {
            eprintln!("{path}: {e}");
            std::process::exit(1);
        }
    };
    let clock = Native {
        start: Instant::now(),
        last: RefCell::new((0.0, 0.0, 0, 0)),
    };
    let mut pace = Pace::new(&clock, slice);
    let model = run_to_end(Model::from_json_paced(&text, &mut pace));
    let total = clock.now_ms();
    let (since, longest, at, n) = *clock.last.borrow();
    let (longest, at) = if total - since > longest {
        (total - since, n + 1)
    } else {
        (longest, at)
    };
    match model {
        Ok(m) => println!("{} quantities", m.quantities.len()),
        Err(e) => println!("{} errors", e.len()),
    }
    println!(
        "{total:.0} ms in {} slices; the longest {longest:.0} ms (slice {at})",
        n + 1
    );
}
