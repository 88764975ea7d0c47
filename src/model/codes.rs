//! `code_table!`: a closed set declared once, with the code each member has in JSON, in the
//! URL or on the page. From one list of `Variant = "code"` it generates the enum (attributes and
//! doc comments passed through; serialized by serde and described by schemars as its code, and
//! converted by `strum`'s `IntoStaticStr` and `EnumString`, so the code is written once) and
//! `ALL` (every member, in declaration order), `CODES` (their codes, in the same order),
//! `code()` and `parse()`. A new member is one line; a match over the enum elsewhere then fails
//! to compile until it handles it. Every closed set of the crate whose members have a code is
//! one of these tables (a set whose members carry data, `ErrorKind`, `Rule`, is matched by
//! hand).
//!
//! Why strum under the table rather than hand-written `code()`/`parse()`: the two weighed the
//! same in the release build (page wasm 580,957 bytes gzipped with the hand-written match and
//! search, 580,929 with strum; the drafting worker 95,263 and 95,233), so the maintained crate
//! was kept. A table per enum of strum derives alone would write each code twice (serde's
//! `rename` and strum's `serialize`); the table writes it once for both.

/// See the module documentation.
macro_rules! code_table {
    (
        $(#[$meta:meta])*
        $vis:vis enum $name:ident {
            $( $(#[$vmeta:meta])* $variant:ident = $code:literal ),+ $(,)?
        }
    ) => {
        $(#[$meta])*
        #[derive(serde::Serialize, serde::Deserialize, strum::IntoStaticStr, strum::EnumString)]
        #[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
        $vis enum $name {
            $( $(#[$vmeta])* #[serde(rename = $code)] #[strum(serialize = $code)] $variant ),+
        }

        // Not every table uses every item (a private table may never list its codes).
        #[allow(dead_code)]
        impl $name {
            /// Every member, in declaration order.
            pub const ALL: [$name; 0 $(+ $crate::model::codes::one(stringify!($variant)))+] =
                [$($name::$variant),+];
            /// The code of each member, in the order of `ALL`.
            pub const CODES: [&'static str; 0 $(+ $crate::model::codes::one(stringify!($variant)))+] =
                [$($code),+];

            /// The member's code: `"one"` (`strum::IntoStaticStr`).
            pub fn code(self) -> &'static str {
                self.into()
            }

            /// The member with this code, if any (`strum::EnumString`).
            pub fn parse(code: &str) -> Option<$name> {
                <$name as std::str::FromStr>::from_str(code).ok()
            }
        }
    };
}

pub(crate) use code_table;

/// Counts one member (used by `code_table!` to size its arrays).
#[doc(hidden)]
pub const fn one(_: &str) -> usize {
    1
}

#[cfg(test)]
mod tests {
    code_table! {
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
        enum Sample {
            /// The first.
            #[default]
            First = "first",
            Second = "second_one",
        }
    }

    #[test]
    fn codes_round_trip() {
        assert_eq!(Sample::ALL, [Sample::First, Sample::Second]);
        assert_eq!(Sample::CODES, ["first", "second_one"]);
        assert_eq!(Sample::Second.code(), "second_one");
        assert_eq!(Sample::parse("second_one"), Some(Sample::Second));
        // serde writes the same code: it is declared once.
        assert_eq!(
            serde_json::to_value(Sample::Second).unwrap(),
            serde_json::json!("second_one")
        );
        assert_eq!(Sample::parse("Second"), None);
        assert_eq!(Sample::default(), Sample::First);
    }
}
