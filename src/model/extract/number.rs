//! The number grammar: Arabic digits (ASCII or full-width) with thousands separators and
//! decimals, dotted references (2.11.3), and small Chinese numerals (一 … 九千九百九十九, 两).

use std::ops::Range;

use super::text::Src;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Form {
    Arabic {
        int_digits: usize,
        grouped: bool,
        decimal: bool,
    },
    /// More than one dot: a section or case number, never a figure.
    Dotted,
    Chinese,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Num {
    pub span: Range<usize>,
    pub value: f64,
    pub form: Form,
}

impl Num {
    /// A plain four-digit integer that reads as a year (1800–2100).
    pub fn year(&self) -> Option<i32> {
        match self.form {
            Form::Arabic {
                int_digits: 4,
                grouped: false,
                decimal: false,
            } if (1800.0..=2100.0).contains(&self.value) => Some(self.value as i32),
            _ => None,
        }
    }
}

pub fn digit(c: char) -> Option<u32> {
    match c {
        '0'..='9' => Some(c as u32 - '0' as u32),
        '０'..='９' => Some(c as u32 - '０' as u32),
        _ => None,
    }
}

/// Powers of ten that are exact in an f64.
const POW10: [f64; 23] = [
    1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16,
    1e17, 1e18, 1e19, 1e20, 1e21, 1e22,
];

/// The value of ASCII digits with at most one '.': exactly what `str::parse` gives for up to 15
/// significant digits (one correctly rounded division of two exact numbers), close beyond.
/// Hand-written: the standard parser would add its tables to the wasm.
pub fn decimal(s: &str) -> Option<f64> {
    let s = s.trim();
    let mut m: u64 = 0;
    let mut approx: f64 = 0.0;
    let mut digits = 0;
    let mut decimals: Option<usize> = None;
    for c in s.chars() {
        match c {
            '0'..='9' => {
                let d = c as u64 - '0' as u64;
                if digits < 19 {
                    m = m * 10 + d;
                }
                approx = approx * 10.0 + d as f64;
                digits += 1;
                if let Some(k) = decimals.as_mut() {
                    *k += 1;
                }
            }
            '.' if decimals.is_none() => decimals = Some(0),
            _ => return None,
        }
    }
    if digits == 0 {
        return None;
    }
    let k = decimals.unwrap_or(0);
    let mantissa = if digits <= 15 { m as f64 } else { approx };
    Some(match POW10.get(k) {
        Some(p) => mantissa / p,
        None => mantissa / 10f64.powi(k as i32),
    })
}

/// A digit of either script, or a Chinese numeral unit (十百千): what may stand before 多/余/几.
pub fn is_numeral(c: char) -> bool {
    digit(c).is_some() || chinese_digit(c).is_some() || chinese_unit(c).is_some()
}

fn chinese_digit(c: char) -> Option<u64> {
    Some(match c {
        '零' | '〇' => 0,
        '一' => 1,
        '二' | '两' => 2,
        '三' => 3,
        '四' => 4,
        '五' => 5,
        '六' => 6,
        '七' => 7,
        '八' => 8,
        '九' => 9,
        _ => return None,
    })
}

fn chinese_unit(c: char) -> Option<u64> {
    Some(match c {
        '十' => 10,
        '百' => 100,
        '千' => 1000,
        _ => return None,
    })
}

/// Every number in `range`, left to right. Digits glued to letters ("m3", "CO2") are not numbers.
pub fn scan(src: &Src, range: Range<usize>) -> Vec<Num> {
    let mut out = Vec::new();
    let mut i = range.start;
    while i < range.end {
        let Some(c) = src.char_at(i) else { break };
        let prev = src.char_before(i);
        let glued = prev.is_some_and(|p| super::text::is_letter(p) || digit(p).is_some());
        if digit(c).is_some() && !glued {
            let n = arabic(src, i, range.end);
            i = n.span.end;
            out.push(n);
            continue;
        }
        // 几十万 is vague, not 十万.
        let cn_glued = prev
            .is_some_and(|p| chinese_digit(p).is_some() || chinese_unit(p).is_some() || p == '几');
        if (chinese_digit(c).is_some() || c == '十') && !cn_glued {
            if let Some(n) = chinese(src, i, range.end) {
                i = n.span.end;
                out.push(n);
                continue;
            }
        }
        i += c.len_utf8();
    }
    out
}

fn digits_at(src: &Src, mut i: usize, end: usize, buf: &mut String) -> (usize, usize) {
    let mut count = 0;
    while i < end {
        match src.char_at(i).and_then(|c| digit(c).map(|d| (c, d))) {
            Some((c, d)) => {
                buf.push(char::from(b'0' + d as u8));
                i += c.len_utf8();
                count += 1;
            }
            None => break,
        }
    }
    (i, count)
}

fn arabic(src: &Src, start: usize, end: usize) -> Num {
    let mut buf = String::new();
    let (mut i, int_digits) = digits_at(src, start, end, &mut buf);
    let mut total_int = int_digits;
    let mut grouped = false;
    if int_digits <= 3 {
        // Thousands separators: a comma (or thin space) before exactly three digits.
        while let Some(sep) = src.char_at(i) {
            if !matches!(sep, ',' | '\u{2009}' | '\u{202F}') {
                break;
            }
            let mut probe = String::new();
            let (after, n) = digits_at(src, i + sep.len_utf8(), end, &mut probe);
            if n != 3 {
                break;
            }
            buf.push_str(&probe);
            i = after;
            total_int += 3;
            grouped = true;
        }
    }
    let mut decimal = false;
    let mut dots = 0;
    while let Some(dot) = src.char_at(i) {
        if !matches!(dot, '.' | '．') || i + dot.len_utf8() >= end {
            break;
        }
        let mut probe = String::new();
        let (after, n) = digits_at(src, i + dot.len_utf8(), end, &mut probe);
        if n == 0 {
            break;
        }
        dots += 1;
        if dots == 1 {
            buf.push('.');
            buf.push_str(&probe);
            decimal = true;
        }
        i = after;
    }
    let form = if dots > 1 {
        Form::Dotted
    } else {
        Form::Arabic {
            int_digits: total_int,
            grouped,
            decimal,
        }
    };
    Num {
        span: start..i,
        value: self::decimal(&buf).unwrap_or(f64::NAN),
        form,
    }
}

fn chinese(src: &Src, start: usize, end: usize) -> Option<Num> {
    let mut i = start;
    let mut total: u64 = 0;
    let mut pending: Option<u64> = None;
    while i < end {
        let Some(c) = src.char_at(i) else { break };
        if let Some(d) = chinese_digit(c) {
            if pending.is_some() {
                break; // 三五: two digits in a row are not one number
            }
            pending = Some(d);
        } else if let Some(u) = chinese_unit(c) {
            total += pending.take().unwrap_or(1) * u;
        } else {
            break;
        }
        i += c.len_utf8();
    }
    total += pending.unwrap_or(0);
    (i > start).then_some(Num {
        span: start..i,
        value: total as f64,
        form: Form::Chinese,
    })
}
