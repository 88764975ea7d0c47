//! From what the reader hands over (a file's bytes, pasted text) to text the model can read:
//! the size limit is checked before anything is read or parsed, and a file must be UTF-8 (a
//! byte-order mark is dropped), so a file in another encoding is refused with the position of
//! the first byte that is not UTF-8 instead of being read as garbled labels.

use crate::model::{DatasetError, ErrorKind, MAX_DATASET_BYTES};

/// Refuse input over the size limit, before reading or parsing it.
pub fn check_size(bytes: u64) -> Result<(), DatasetError> {
    if bytes > MAX_DATASET_BYTES as u64 {
        return Err(DatasetError::new(
            ErrorKind::TooLarge,
            ".",
            format!(
                "at most {MAX_DATASET_BYTES} bytes ({} MiB)",
                MAX_DATASET_BYTES >> 20
            ),
            // Tenths of a MiB in integers: float formatting would add core's formatter to the wasm.
            format!(
                "a file of {bytes} bytes ({}.{} MiB)",
                bytes >> 20,
                ((bytes & 0xF_FFFF) * 10) >> 20
            ),
        ));
    }
    Ok(())
}

/// The text of a file, or where it stops being UTF-8 (1-based line, column in bytes as the
/// JSON parser counts them).
pub fn text_from_bytes(bytes: Vec<u8>) -> Result<String, DatasetError> {
    check_size(bytes.len() as u64)?;
    let mut bytes = bytes;
    if bytes.starts_with(&[0xEF, 0xBB, 0xBF]) {
        bytes.drain(..3);
    }
    String::from_utf8(bytes).map_err(|e| {
        let at = e.utf8_error().valid_up_to();
        let bytes = e.as_bytes();
        let before = &bytes[..at];
        let line = before.iter().filter(|b| **b == b'\n').count() + 1;
        let column = at
            - before
                .iter()
                .rposition(|b| *b == b'\n')
                .map_or(0, |i| i + 1)
            + 1;
        DatasetError::new(
            ErrorKind::Syntax { line, column },
            ".",
            "UTF-8 text",
            format!("a byte that is not UTF-8 (0x{:02X})", bytes[at]),
        )
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn utf8_with_or_without_a_byte_order_mark() {
        assert_eq!(text_from_bytes(b"{}".to_vec()).unwrap(), "{}");
        assert_eq!(text_from_bytes(b"\xEF\xBB\xBF{}".to_vec()).unwrap(), "{}");
        assert_eq!(
            text_from_bytes("沙地治理".as_bytes().to_vec()).unwrap(),
            "沙地治理"
        );
    }

    #[test]
    fn the_first_byte_that_is_not_utf8_is_located() {
        let e = text_from_bytes(b"{\n  \"a\": \"caf\xE9\"\n}".to_vec()).unwrap_err();
        assert_eq!(
            e.kind,
            ErrorKind::Syntax {
                line: 2,
                column: 12
            }
        );
        assert!(e.found.contains("0xE9"), "{e}");
        // A sequence cut short at the very end.
        let e = text_from_bytes(b"\"\xE7\xA7".to_vec()).unwrap_err();
        assert_eq!(e.kind, ErrorKind::Syntax { line: 1, column: 2 });
    }

    #[test]
    fn size_is_checked_first() {
        assert!(check_size(MAX_DATASET_BYTES as u64).is_ok());
        let e = check_size(MAX_DATASET_BYTES as u64 + 1).unwrap_err();
        assert_eq!(e.kind.code(), "too_large");
        let e = text_from_bytes(vec![0xFF; MAX_DATASET_BYTES + 1]).unwrap_err();
        assert_eq!(e.kind.code(), "too_large");
    }
}
