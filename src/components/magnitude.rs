//! A small bar beside a value, proportional among the values of the same unit in a list (the
//! timeline, the channels, the what-if's results): the number says how much, the bar how it
//! compares. It is a `<meter>` (the page's policy allows no inline style), hidden from screen
//! readers since the number beside it says the same.

use crate::model::display::Shown;
use yew::prelude::*;

/// The largest value of each unit among a list's values, and how many values share it (a list
/// has few units: a plain list, lighter in the wasm than a map).
#[derive(Debug, Default, Clone, PartialEq)]
pub struct Scales(Vec<(String, f64, usize)>);

/// The value a bar draws: the central value, when it is a finite amount above zero.
fn length(s: &Shown) -> Option<f64> {
    let v = s.value.central();
    (v.is_finite() && v > 0.0).then_some(v)
}

/// `v` as thousandths of `max`, as a meter's value: whole numbers, written without the float
/// formatter (which would add its tables to the wasm).
pub fn permille(v: f64, max: f64) -> String {
    let p = if max > 0.0 {
        (v / max * 1000.0).round()
    } else {
        0.0
    };
    (p.clamp(0.0, 1000.0) as u32).to_string()
}

impl Scales {
    pub fn of<'a>(values: impl IntoIterator<Item = &'a Shown>) -> Scales {
        let mut m: Vec<(String, f64, usize)> = Vec::new();
        for s in values {
            if let Some(v) = length(s) {
                match m.iter_mut().find(|e| e.0 == s.unit) {
                    Some(e) => {
                        e.1 = e.1.max(v);
                        e.2 += 1;
                    }
                    None => m.push((s.unit.clone(), v, 1)),
                }
            }
        }
        Scales(m)
    }

    /// The bar of `s` against the largest value of its unit; nothing when no other value of
    /// the list shares its unit (a lone bar compares with nothing).
    pub fn bar(&self, s: &Shown) -> Html {
        let scale = self.0.iter().find(|e| e.0 == s.unit).map(|e| (e.1, e.2));
        match (length(s), scale) {
            (Some(v), Some((max, n))) if n > 1 && max > 0.0 => html! {
                <meter class="magnitude" min="0" max="1000" value={permille(v, max)} aria-hidden="true"></meter>
            },
            _ => html! {},
        }
    }
}
