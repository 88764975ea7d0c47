//! The JSON path of a position in a document, e.g. `figures[3].unit`. serde_json reports errors
//! by line and column; this scanner walks the text once (no recursion, so deep nesting is safe)
//! and names the value being read at that point.

enum Frame {
    Object { key: Option<String>, in_value: bool },
    Array { index: usize },
}

/// Path at 1-based `line` and `column`; `.` for the document itself.
pub fn path_at(text: &str, line: usize, column: usize) -> String {
    let mut stack: Vec<Frame> = Vec::new();
    let (mut l, mut c) = (1usize, 0usize);
    let mut chars = text.chars().peekable();
    let mut last_string = String::new();
    // The last character outside strings and white space ('"' for a string).
    let mut prev = ' ';
    while let Some(ch) = chars.next() {
        if ch == '\n' {
            l += 1;
            c = 0;
        } else {
            // serde_json counts columns in bytes, not characters.
            c += ch.len_utf8();
        }
        if l > line || (l == line && c >= column) {
            // A data error reported at the bracket that closes a complete object or array (a
            // missing field, a wrong length) is about that container: close it. After ':' or ','
            // a value was due, and the error is about the value that is missing.
            if l == line && c == column && matches!(ch, '}' | ']') && !matches!(prev, ':' | ',') {
                stack.pop();
            }
            break;
        }
        if !ch.is_whitespace() {
            prev = ch;
        }
        match ch {
            '"' => {
                last_string.clear();
                while let Some(s) = chars.next() {
                    c += s.len_utf8();
                    match s {
                        '\\' => {
                            if let Some(e) = chars.next() {
                                c += e.len_utf8();
                                last_string.push(e);
                            }
                        }
                        '"' => break,
                        '\n' => {
                            l += 1;
                            c = 0;
                        }
                        other => last_string.push(other),
                    }
                }
                if let Some(Frame::Object { key, in_value }) = stack.last_mut() {
                    if !*in_value {
                        *key = Some(std::mem::take(&mut last_string));
                    }
                }
            }
            ':' => {
                if let Some(Frame::Object { in_value, .. }) = stack.last_mut() {
                    *in_value = true;
                }
            }
            ',' => match stack.last_mut() {
                Some(Frame::Object { key, in_value }) => {
                    *in_value = false;
                    *key = None;
                }
                Some(Frame::Array { index }) => *index += 1,
                None => {}
            },
            '{' => stack.push(Frame::Object {
                key: None,
                in_value: false,
            }),
            '[' => stack.push(Frame::Array { index: 0 }),
            '}' | ']' => {
                stack.pop();
            }
            _ => {}
        }
    }
    let mut out = String::new();
    for frame in &stack {
        match frame {
            Frame::Object { key: Some(k), .. } => {
                if !out.is_empty() {
                    out.push('.');
                }
                out.push_str(k);
            }
            Frame::Object { key: None, .. } => {}
            Frame::Array { index } => out.push_str(&format!("[{index}]")),
        }
    }
    if out.is_empty() {
        ".".to_string()
    } else {
        out
    }
}

#[cfg(test)]
mod tests {
    use super::path_at;

    #[test]
    fn names_the_value_at_a_position() {
        let text = "{\"figures\": [{\"id\": \"a\"}, {\"id\": \"b\", \"unit\": 7}]}";
        let col = text.find('7').map(|i| i + 1).unwrap_or(0);
        assert_eq!(path_at(text, 1, col), "figures[1].unit");
        assert_eq!(path_at(text, 1, 1), ".");
    }

    #[test]
    fn columns_are_bytes_as_serde_json_counts_them() {
        let text = "{\"label\": \"中文\", \"unit\": 7}";
        let err = serde_json::from_str::<std::collections::HashMap<String, String>>(text)
            .expect_err("7 is not a string");
        assert_eq!(path_at(text, err.line(), err.column()), "unit");
    }

    #[test]
    fn deep_nesting_is_no_problem() {
        let text = "[".repeat(100_000);
        assert_eq!(path_at(&text, 1, 100_000).matches('[').count(), 99_999);
    }
}
