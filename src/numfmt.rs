//! Digits for people: the browser's `Intl.NumberFormat` in the app, a plain formatter natively.

use crate::model::display::{NumberStyle, Shown};
use crate::model::format::{plain_number, power_of_ten, scientific_parts, shape_text};
use crate::model::units::{chinese_scale, significant_digits};
use crate::model::{Estimate, Lang};

/// Decimals shown for a value printed exactly as reported.
const REPORTED_DECIMALS: u32 = 6;

#[cfg(target_arch = "wasm32")]
fn digits_text(value: f64, lang: Lang, sig: Option<u32>) -> String {
    use std::cell::RefCell;
    use wasm_bindgen::JsValue;
    type Key = (Lang, Option<u32>);
    thread_local! {
        // A handful of formatters at most: a list is smaller in wasm than a hash map.
        static CACHE: RefCell<Vec<(Key, js_sys::Intl::NumberFormat)>> = const { RefCell::new(Vec::new()) };
    }
    if !value.is_finite() {
        return plain_number(value, 0);
    }
    CACHE.with(|cache| {
        let mut cache = cache.borrow_mut();
        let key = (lang, sig);
        let pos = match cache.iter().position(|(k, _)| *k == key) {
            Some(p) => p,
            None => {
                cache.push((key, new_format(lang, sig)));
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
fn new_format(lang: Lang, sig: Option<u32>) -> js_sys::Intl::NumberFormat {
    use wasm_bindgen::JsValue;
    let locale = lang.language().number_locale;
    let locales = js_sys::Array::of1(&JsValue::from_str(locale));
    let options = js_sys::Object::new();
    let (key, n) = match sig {
        Some(d) => ("maximumSignificantDigits", d.clamp(1, 21)),
        None => ("maximumFractionDigits", REPORTED_DECIMALS),
    };
    let _ = js_sys::Reflect::set(&options, &key.into(), &JsValue::from(n));
    js_sys::Intl::NumberFormat::new(&locales, &options)
}

#[cfg(not(target_arch = "wasm32"))]
fn digits_text(value: f64, lang: Lang, sig: Option<u32>) -> String {
    let decimals = match sig {
        Some(d) => crate::model::format::decimals_for(value, d),
        None => REPORTED_DECIMALS as usize,
    };
    let v = match sig {
        Some(d) => crate::model::units::round_significant(value, d),
        None => value,
    };
    in_locale(&plain_number(v, decimals), lang)
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
    let _ = digits_text(1.5, lang, None);
}

/// One number in the chosen style. −0 is written 0; a number too large or too small to write
/// out is written "4.45×10¹⁵" in either style (its mantissa by the same formatter as any number,
/// with `sig` digits, or as many as the value has).
pub fn number(value: f64, lang: Lang, sig: Option<u32>, style: NumberStyle) -> String {
    let value = value + 0.0;
    // At most 10: the native formatter writes at most 9 decimals, and both paths must agree.
    let mantissa_digits = sig
        .unwrap_or_else(|| significant_digits(value))
        .clamp(1, 10);
    if let Some((m, exp)) = scientific_parts(value, mantissa_digits) {
        return format!(
            "{}×{}",
            digits_text(m, lang, Some(mantissa_digits)),
            power_of_ten(exp)
        );
    }
    match style {
        NumberStyle::ChineseScale => {
            let (v, suffix) = chinese_scale(value);
            if suffix.is_empty() {
                digits_text(value, lang, sig)
            } else {
                // Keep every digit the source printed: 4.45 million = 445 万.
                let sig = sig.or(Some(12));
                let sep = lang.rules().wan_space;
                format!("{}{sep}{suffix}", digits_text(v, lang, sig))
            }
        }
        NumberStyle::Full => digits_text(value, lang, sig),
    }
}

/// An estimate in words: "more than 21", "11,385–11,615".
pub fn estimate(e: &Estimate, lang: Lang, sig: Option<u32>, style: NumberStyle) -> String {
    shape_text(e.shape(), lang, &|v| number(v, lang, sig, style))
}

/// A shown value with its unit: "more than 21 %".
pub fn shown(s: &Shown, lang: Lang, style: NumberStyle) -> String {
    let n = estimate(&s.value, lang, s.digits, style);
    let r = lang.rules();
    let sep = if s.unit == "%" {
        r.percent_space
    } else {
        r.unit_space
    };
    format!("{n}{sep}{}", s.unit)
}
