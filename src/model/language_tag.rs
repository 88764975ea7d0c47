//! Whether a language tag is well-formed BCP 47 (RFC 5646, section 2.1): the shape of its
//! subtags, not whether the registry knows them. A small check of our own: the crates that parse
//! tags carry the subtag registry or locale data, far more bytes than these rules.

/// The irregular grandfathered tags, which do not follow the grammar (RFC 5646, 2.2.8).
const IRREGULAR: [&str; 17] = [
    "en-gb-oed",
    "i-ami",
    "i-bnn",
    "i-default",
    "i-enochian",
    "i-hak",
    "i-klingon",
    "i-lux",
    "i-mingo",
    "i-navajo",
    "i-pwn",
    "i-tao",
    "i-tay",
    "i-tsu",
    "sgn-be-fr",
    "sgn-be-nl",
    "sgn-ch-de",
];

/// The shape of a tag for the JSON Schema (subtags of 1–8 letters or digits; the rules of
/// `well_formed` are checked when the dataset is read).
pub const SCHEMA_PATTERN: &str = "^[A-Za-z]{1,8}(-[A-Za-z0-9]{1,8})*$";

/// Well-formed: `en`, `zh-Hans`, `fr-CA`, `es-419`, `sl-rozaj-biske`, `de-DE-u-co-phonebk`,
/// `x-whatever`; not `english`, `e`, `en_US`, `en-`, `zh-Hans-Hant`, `en-a`.
pub fn well_formed(tag: &str) -> bool {
    let lower = tag.to_ascii_lowercase();
    if IRREGULAR.contains(&lower.as_str()) {
        return true;
    }
    let subtags: Vec<&str> = lower.split('-').collect();
    if subtags
        .iter()
        .any(|s| s.is_empty() || s.len() > 8 || !s.bytes().all(|b| b.is_ascii_alphanumeric()))
    {
        return false;
    }
    let alpha = |s: &str, n: std::ops::RangeInclusive<usize>| {
        n.contains(&s.len()) && s.bytes().all(|b| b.is_ascii_alphabetic())
    };
    let digits = |s: &str, n: usize| s.len() == n && s.bytes().all(|b| b.is_ascii_digit());
    let mut rest = subtags.as_slice();
    // A tag of private use only.
    if rest.first() == Some(&"x") {
        return private_use(&rest[1..]);
    }
    // language: 2–3 letters with up to three extlangs, or 4, or 5–8 letters.
    match rest.split_first() {
        Some((l, tail)) if alpha(l, 2..=3) => {
            rest = tail;
            let mut extlangs = 0;
            while extlangs < 3 && rest.first().is_some_and(|s| alpha(s, 3..=3)) {
                rest = &rest[1..];
                extlangs += 1;
            }
        }
        Some((l, tail)) if alpha(l, 4..=8) => rest = tail,
        _ => return false,
    }
    // script: 4 letters.
    if rest.first().is_some_and(|s| alpha(s, 4..=4)) {
        rest = &rest[1..];
    }
    // region: 2 letters or 3 digits.
    if rest
        .first()
        .is_some_and(|s| alpha(s, 2..=2) || digits(s, 3))
    {
        rest = &rest[1..];
    }
    // variants: 5–8 characters, or a digit and 3 characters; each once.
    let mut variants: Vec<&str> = Vec::new();
    while let Some(v) = rest.first() {
        let is_variant =
            (5..=8).contains(&v.len()) || (v.len() == 4 && v.as_bytes()[0].is_ascii_digit());
        if !is_variant {
            break;
        }
        if variants.contains(v) {
            return false;
        }
        variants.push(v);
        rest = &rest[1..];
    }
    // extensions: a singleton (not x) and one or more subtags of 2–8; each singleton once.
    let mut singletons: Vec<&str> = Vec::new();
    while let Some(s) = rest.first() {
        if s.len() != 1 || *s == "x" {
            break;
        }
        if singletons.contains(s) {
            return false;
        }
        singletons.push(s);
        rest = &rest[1..];
        let n = rest.iter().take_while(|t| t.len() >= 2).count();
        if n == 0 {
            return false;
        }
        rest = &rest[n..];
    }
    match rest.split_first() {
        None => true,
        Some((x, tail)) if *x == "x" => private_use(tail),
        Some(_) => false,
    }
}

/// `x-` and one or more subtags of 1–8 (already checked alphanumeric and at most 8 long).
fn private_use(rest: &[&str]) -> bool {
    !rest.is_empty()
}

/// Whether `tag` names the language `code` (a two-letter code of the interface): the same tag,
/// or a tag whose language subtag is `code` (`zh-Hans` for `zh`), letter case aside.
pub fn names_language(tag: &str, code: &str) -> bool {
    tag.split('-')
        .next()
        .is_some_and(|primary| primary.eq_ignore_ascii_case(code))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn well_formed_tags() {
        for tag in [
            "en",
            "zh",
            "fr",
            "zh-Hans",
            "zh-Hans-CN",
            "fr-CA",
            "es-419",
            "sl-rozaj-biske",
            "de-DE-u-co-phonebk",
            "en-US-x-twain",
            "x-whatever",
            "i-klingon",
            "en-GB-oed",
            "zh-yue-HK",
            "sr-Latn-RS",
            "hy-Latn-IT-arevela",
            "de-CH-1901",
            "EN",
            "yue",
            "art-lojban",
        ] {
            assert!(well_formed(tag), "{tag}");
        }
    }

    #[test]
    fn malformed_tags() {
        for tag in [
            "",
            "e",
            "english1",
            "en_US",
            "en-",
            "-en",
            "en--US",
            "zh-Hans-Hant",
            "en-a",
            "en-a-bb-a-cc",
            "de-1901-1901",
            "x",
            "en-x",
            "fr-CA-",
            "abcdefghi",
            "en US",
            "日本",
            "en-US-u",
            "123",
        ] {
            assert!(!well_formed(tag), "{tag}");
        }
    }

    #[test]
    fn a_tag_names_its_language() {
        assert!(names_language("zh-Hans", "zh"));
        assert!(names_language("FR", "fr"));
        assert!(!names_language("fro", "fr"));
        assert!(!names_language("en", "fr"));
    }
}
