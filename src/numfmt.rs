//! Digits for people: the browser's `Intl.NumberFormat` in the app, a plain formatter natively.

use crate::i18n::ScaleWord;
use crate::model::display::{NumberStyle, Shown};
use crate::model::format::{plain_number, power_of_ten, scientific_parts, shape_text};
use crate::model::units::significant_digits;
use crate::model::{Estimate, Lang};

/// Decimals shown for a value printed exactly as reported.
const REPORTED_DECIMALS: u32 = 6;

/// The digits of `value` in `lang`: `sig` significant digits (`None`: as many decimals as a
/// reported value has), grouped by thousands or not.
#[cfg(target_arch = "wasm32")]
fn digits_text(value: f64, lang: Lang, sig: Option<u32>, grouped: bool) -> String {
    use std::cell::RefCell;
    use wasm_bindgen::JsValue;
    type Key = (Lang, Option<u32>, bool);
    thread_local! {
        // A handful of formatters at most: a list is smaller in wasm than a hash map.
        static CACHE: RefCell<Vec<(Key, js_sys::Intl::NumberFormat)>> = const { RefCell::new(Vec::new()) };
    }
    if !value.is_finite() {
        return plain_number(value, 0);
    }
    CACHE.with(|cache| {
        let mut cache = cache.borrow_mut();
        let key = (lang, sig, grouped);
        let pos = match cache.iter().position(|(k, _)| *k == key) {
            Some(p) => p,
            None => {
                cache.push((key, new_format(lang, sig, grouped)));
                cache.len() - 1
            }
        };
        let fmt = &cache[pos].1;
        fmt.format()
            .call1(&JsValue::NULL, &JsValue::from_f64(value))
            .ok()
            .and_then(|v| v.as_string())
            .unwrap_or_else(|| plain_number(value, 2))
    })
}

#[cfg(target_arch = "wasm32")]
fn new_format(lang: Lang, sig: Option<u32>, grouped: bool) -> js_sys::Intl::NumberFormat {
    use wasm_bindgen::JsValue;
    let locale = lang.language().number_locale;
    let locales = js_sys::Array::of1(&JsValue::from_str(locale));
    let options = js_sys::Object::new();
    let (key, n) = match sig {
        Some(d) => ("maximumSignificantDigits", d.clamp(1, 21)),
        None => ("maximumFractionDigits", REPORTED_DECIMALS),
    };
    let _ = js_sys::Reflect::set(&options, &key.into(), &JsValue::from(n));
    if !grouped {
        let _ = js_sys::Reflect::set(&options, &"useGrouping".into(), &JsValue::FALSE);
    }
    js_sys::Intl::NumberFormat::new(&locales, &options)
}

#[cfg(not(target_arch = "wasm32"))]
fn digits_text(value: f64, lang: Lang, sig: Option<u32>, grouped: bool) -> String {
    let decimals = match sig {
        Some(d) => crate::model::format::decimals_for(value, d),
        None => REPORTED_DECIMALS as usize,
    };
    let v = match sig {
        Some(d) => crate::model::units::round_significant(value, d),
        None => value,
    };
    let plain = plain_number(v, decimals);
    if grouped {
        in_locale(&plain, lang)
    } else {
        in_locale(&plain.replace(',', ""), lang)
    }
}

/// Plain digits ("1,234.5") with the language's separators ("1 234,5" in French).
#[cfg(not(target_arch = "wasm32"))]
fn in_locale(plain: &str, lang: Lang) -> String {
    let l = lang.language();
    if (l.group_separator, l.decimal_separator) == (",", ".") {
        return plain.to_string();
    }
    plain
        .chars()
        .map(|c| match c {
            ',' => l.group_separator.to_string(),
            '.' => l.decimal_separator.to_string(),
            c => c.to_string(),
        })
        .collect()
}

/// Make the first formatter of `lang` ahead of need: the browser loads its locale data then
/// (tens of milliseconds on a phone), so the app's start-up can do it in a task of its own.
pub fn warm_up(lang: Lang) {
    let _ = digits_text(1.5, lang, None, true);
}

/// Scaled numbers below this are written without grouping: "5136万", not "5,136万".
const UNGROUPED_BELOW: f64 = 1e4;

/// `value` in the largest of `words` it reaches (largest first), with `sig` significant
/// digits; `None` below the last. Returns the text and whether a word was used.
fn scaled(value: f64, lang: Lang, sig: u32, words: &[ScaleWord]) -> Option<String> {
    let w = words.iter().find(|w| value.abs() >= w.value)?;
    let x = value / w.value;
    let digits = digits_text(x, lang, Some(sig), x.abs() >= UNGROUPED_BELOW);
    // French: "1,2 milliard", "51,36 millions".
    let word = if x.abs() >= lang.rules().scale_many_from {
        w.many
    } else {
        w.one
    };
    Some(format!("{digits}{word}"))
}

/// One number in the chosen style, and whether it ends in a scale word. −0 is written 0; a
/// number too large or too small to write out is written "4.45×10¹⁵" in either style (its
/// mantissa by the same formatter as any number, with `sig` digits, or as many as the value
/// has). The compact style keeps every digit the source printed: 51.364 million = 5136.4万.
fn number_parts(value: f64, lang: Lang, sig: Option<u32>, style: NumberStyle) -> (String, bool) {
    let value = value + 0.0;
    // At most 10: the native formatter writes at most 9 decimals, and both paths must agree.
    let mantissa_digits = sig
        .unwrap_or_else(|| significant_digits(value))
        .clamp(1, 10);
    if let Some((m, exp)) = scientific_parts(value, mantissa_digits) {
        let text = format!(
            "{}×{}",
            digits_text(m, lang, Some(mantissa_digits), true),
            power_of_ten(exp)
        );
        return (text, false);
    }
    match style {
        NumberStyle::Compact => {
            let digits = sig.unwrap_or_else(|| significant_digits(value));
            match scaled(value, lang, digits, lang.rules().compact) {
                Some(text) => (text, true),
                None => (digits_text(value, lang, sig, true), false),
            }
        }
        NumberStyle::Full => (digits_text(value, lang, sig, true), false),
    }
}

/// One number in the chosen style (see `number_parts`).
pub fn number(value: f64, lang: Lang, sig: Option<u32>, style: NumberStyle) -> String {
    number_parts(value, lang, sig, style).0
}

/// A chart axis's tick label, short: "250M", "2.5亿", "40k".
pub fn axis(value: f64, lang: Lang) -> String {
    const AXIS_DIGITS: u32 = 3;
    let value = value + 0.0;
    if scientific_parts(value, AXIS_DIGITS).is_some() {
        return number(value, lang, Some(AXIS_DIGITS), NumberStyle::Full);
    }
    scaled(value, lang, AXIS_DIGITS, lang.rules().axis)
        .unwrap_or_else(|| digits_text(value, lang, Some(AXIS_DIGITS), true))
}

/// An estimate in words: "more than 21", "11,385–11,615".
pub fn estimate(e: &Estimate, lang: Lang, sig: Option<u32>, style: NumberStyle) -> String {
    shape_text(e.shape(), lang, &|v| number(v, lang, sig, style))
}

/// A shown value split for the page: the number (a currency written before it included:
/// "US$7.97 million"), which must not break across lines, and what follows it (" yuan", "元").
pub struct ShownText {
    pub number: String,
    pub unit: String,
}

/// A shown value with its unit, in two parts (see `ShownText`).
pub fn shown_text(s: &Shown, lang: Lang, style: NumberStyle) -> ShownText {
    let r = lang.rules();
    if s.unit_first {
        let unit = s.unit.as_str();
        let number = shape_text(s.value.shape(), lang, &|v| {
            format!("{unit}{}", number(v, lang, s.digits, style))
        });
        return ShownText {
            number,
            unit: String::new(),
        };
    }
    let ends_scaled = std::cell::Cell::new(false);
    let number = shape_text(s.value.shape(), lang, &|v| {
        let (text, word) = number_parts(v, lang, s.digits, style);
        ends_scaled.set(word);
        text
    });
    let sep = if ends_scaled.get() {
        r.scaled_unit_space
    } else if s.unit == "%" {
        r.percent_space
    } else {
        r.unit_space
    };
    ShownText {
        number,
        unit: format!("{sep}{}", s.unit),
    }
}

/// A shown value with its unit: "more than 21 %", "1.2 billion yuan", "US$7.97 million".
pub fn shown(s: &Shown, lang: Lang, style: NumberStyle) -> String {
    let t = shown_text(s, lang, style);
    format!("{}{}", t.number, t.unit)
}

/// A shown value on the page: the number in a `<span class="number">`, which the stylesheet
/// keeps on one line, then its unit.
pub fn shown_html(s: &Shown, lang: Lang, style: NumberStyle) -> yew::Html {
    let t = shown_text(s, lang, style);
    yew::html! { <><span class="number">{t.number}</span>{t.unit}</> }
}

/// An estimate on the page, in a `<span class="number">` (see `shown_html`).
pub fn estimate_html(e: &Estimate, lang: Lang, sig: Option<u32>, style: NumberStyle) -> yew::Html {
    yew::html! { <span class="number">{estimate(e, lang, sig, style)}</span> }
}
