//! A document's text parsed into a `Node` in slices: the top-level object's members one at a
//! time, and the elements of an array-valued member one at a time, each by serde_json itself,
//! with a tick of the pace after each element. A dataset of 100 MB is almost all one array
//! (`figures`), so the page can breathe between its elements.
//!
//! The glue here only steps over the punctuation between values (`{`, `:`, `,`, `[`, `]`, `}`)
//! and white space. Anything else, or any value serde_json refuses, and the whole text is parsed
//! again by `serde_json::from_str`: a broken file gets exactly the error, line and column it got
//! before, and only a broken file pays for the second reading.

use super::json_read::Node;
use super::pace::Pace;
use serde::Deserialize;

/// The text as one JSON value, or serde_json's error for it.
pub(super) async fn parse(text: &str, pace: &mut Pace<'_>) -> Result<Node, serde_json::Error> {
    match members(text, pace).await {
        Some(node) => Ok(node),
        None => serde_json::from_str(text),
    }
}

/// The top-level object read member by member; `None` when the text is anything else or
/// breaks the syntax anywhere.
async fn members(text: &str, pace: &mut Pace<'_>) -> Option<Node> {
    let mut at = Cursor { text, pos: 0 };
    at.expect(b'{')?;
    let mut out = Vec::new();
    if !at.eat(b'}') {
        loop {
            if at.peek()? != b'"' {
                return None;
            }
            let key: String = at.value()?;
            at.expect(b':')?;
            let value = if at.eat(b'[') {
                Node::Array(at.elements(pace).await?)
            } else {
                at.value()?
            };
            out.push((key, value));
            pace.tick().await;
            if at.eat(b'}') {
                break;
            }
            at.expect(b',')?;
        }
    }
    // Nothing but white space may follow.
    at.peek().is_none().then_some(Node::Object(out))
}

struct Cursor<'t> {
    text: &'t str,
    pos: usize,
}

impl<'t> Cursor<'t> {
    /// The next byte that is not JSON white space, left in place.
    fn peek(&mut self) -> Option<u8> {
        let rest = &self.text.as_bytes()[self.pos..];
        let skip = rest
            .iter()
            .position(|b| !matches!(b, b' ' | b'\n' | b'\t' | b'\r'))
            .unwrap_or(rest.len());
        self.pos += skip;
        rest.get(skip).copied()
    }

    /// Steps over `byte` if it comes next.
    fn eat(&mut self, byte: u8) -> bool {
        let here = self.peek() == Some(byte);
        if here {
            self.pos += 1;
        }
        here
    }

    fn expect(&mut self, byte: u8) -> Option<()> {
        self.eat(byte).then_some(())
    }

    /// One value, read by serde_json from here on.
    fn value<T: Deserialize<'t>>(&mut self) -> Option<T> {
        let rest = self.text.get(self.pos..)?;
        let mut stream = serde_json::Deserializer::from_str(rest).into_iter::<T>();
        let value = stream.next()?.ok()?;
        self.pos += stream.byte_offset();
        Some(value)
    }

    /// The elements of an array whose `[` was just read, up to and with its `]`.
    async fn elements(&mut self, pace: &mut Pace<'_>) -> Option<Vec<Node>> {
        let mut items = Vec::new();
        if self.eat(b']') {
            return Some(items);
        }
        loop {
            items.push(self.value()?);
            pace.tick().await;
            if self.eat(b']') {
                return Some(items);
            }
            self.expect(b',')?;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::pace::run_to_end;

    pub(super) fn both(text: &str) -> (Result<Node, String>, Result<Node, String>) {
        let sliced = run_to_end(parse(text, &mut Pace::never())).map_err(|e| e.to_string());
        let whole = serde_json::from_str::<Node>(text).map_err(|e| e.to_string());
        (sliced, whole)
    }

    #[test]
    fn slices_read_what_serde_json_reads_and_fail_where_it_fails() {
        for text in [
            r#"{}"#,
            r#" { "a" : [ ] , "b":[1, 2.5,-3,"x",{"c":[true,null]}], "a": 1 } "#,
            r#"{"figures":[{"id":"x"},{"id":"y"}],"n":null}"#,
            "[1, 2]",
            "17",
            "",
            "{",
            r#"{"a":[1,]}"#,
            r#"{"a":[1 2]}"#,
            r#"{"a":1,}"#,
            r#"{"a":1} x"#,
            r#"{"a":[1],"b":tru}"#,
            r#"{a:1}"#,
            r#"{"a":[1]"#,
            r#"{"a":"é\u00e9\n"}"#,
            r#"{"a":1}{"b":2}"#,
            r#"{"a":[01]}"#,
        ] {
            let (sliced, whole) = both(text);
            assert_eq!(sliced, whole, "{text:?}");
        }
    }
}

/// Generated documents (proptest runs natively only).
#[cfg(all(test, not(target_arch = "wasm32")))]
mod generated {
    use super::tests::both;
    use proptest::prelude::*;
    use serde_json::Value;

    fn value() -> impl Strategy<Value = Value> {
        let leaf = prop_oneof![
            Just(Value::Null),
            any::<bool>().prop_map(Value::Bool),
            any::<i64>().prop_map(Value::from),
            (-1e6f64..1e6).prop_map(Value::from),
            "[a-zé\"\\\\ ]{0,6}".prop_map(Value::String),
        ];
        leaf.prop_recursive(4, 48, 5, |inner| {
            prop_oneof![
                prop::collection::vec(inner.clone(), 0..5).prop_map(Value::Array),
                prop::collection::vec(("[a-c]{1,2}", inner), 0..5)
                    .prop_map(|m| Value::Object(m.into_iter().collect())),
            ]
        })
    }

    proptest! {
        /// Any document, written compactly or with white space, then perhaps broken by a
        /// character taken out or put in: read alike, or refused with serde_json's own words.
        #[test]
        fn any_document_reads_as_serde_json_reads_it(
            members in prop::collection::vec(("[a-z]{1,3}", value()), 0..6),
            pretty in any::<bool>(),
            edit in prop_oneof![Just(None), (any::<prop::sample::Index>(), prop::sample::select(vec!["", ",", "]", "}", "[", "{", ":", "\"", " ", "1"])).prop_map(Some)],
        ) {
            let doc = Value::Object(members.into_iter().collect());
            let mut text = if pretty {
                serde_json::to_string_pretty(&doc).expect("written")
            } else {
                serde_json::to_string(&doc).expect("written")
            };
            if let Some((at, put)) = edit {
                let mut k = at.index(text.len() + 1);
                while !text.is_char_boundary(k) {
                    k -= 1;
                }
                if put.is_empty() {
                    // Take out the next piece of punctuation.
                    if let Some(j) = text[k..].find([',', ':', '[', ']', '{', '}']) {
                        text.remove(k + j);
                    }
                } else {
                    text.insert_str(k, put);
                }
            }
            let (sliced, whole) = both(&text);
            prop_assert_eq!(sliced, whole, "{:?}", text);
        }
    }
}
