//! A small bar beside a value, proportional among the values of the same unit in a list (the
//! timeline, the channels, the what-if's results): the number says how much, the bar how it
//! compares. It is a `<meter>` (the page's policy allows no inline style), hidden from screen
//! readers since the number beside it says the same.

use crate::model::display::Shown;
use std::collections::HashMap;
use yew::prelude::*;

/// The largest value of each unit among a list's values, and how many values share it.
#[derive(Debug, Default, Clone, PartialEq)]
pub struct Scales(HashMap<String, (f64, usize)>);

/// The value a bar draws: the central value, when it is a finite amount above zero.
fn length(s: &Shown) -> Option<f64> {
    let v = s.value.central();
    (v.is_finite() && v > 0.0).then_some(v)
}

impl Scales {
    pub fn of<'a>(values: impl IntoIterator<Item = &'a Shown>) -> Scales {
        let mut m: HashMap<String, (f64, usize)> = HashMap::new();
        for s in values {
            if let Some(v) = length(s) {
                let e = m.entry(s.unit.clone()).or_insert((0.0, 0));
                e.0 = e.0.max(v);
                e.1 += 1;
            }
        }
        Scales(m)
    }

    /// The bar of `s` against the largest value of its unit; nothing when no other value of
    /// the list shares its unit (a lone bar compares with nothing).
    pub fn bar(&self, s: &Shown) -> Html {
        match (length(s), self.0.get(&s.unit)) {
            (Some(v), Some(&(max, n))) if n > 1 && max > 0.0 => html! {
                <meter class="magnitude" min="0" max={max.to_string()} value={v.to_string()} aria-hidden="true"></meter>
            },
            _ => html! {},
        }
    }
}
