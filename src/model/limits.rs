//! Bounds on what a dataset may hold, in one place: how long its texts may be, which characters
//! an id may use, and how much of a reader's text an error message repeats.

/// Ids (figures, derived metrics, channels, measures, relations, the case) and measure categories.
pub const MAX_ID_CHARS: usize = 64;
/// Labels, titles, places, symbols, the name of an external source.
pub const MAX_LABEL_CHARS: usize = 200;
/// Summaries, notes, descriptions, quotes, formulas in words, the citation.
pub const MAX_TEXT_CHARS: usize = 2000;
/// How much a dataset's presentation may ask the page to draw: charts, panels per chart, figures
/// per panel, headline cards. Each bar and card is work for every render; a page of 10,000
/// one-figure charts never finished drawing.
pub const MAX_CHARTS: usize = 24;
pub const MAX_PANELS: usize = 6;
pub const MAX_PANEL_FIGURES: usize = 40;
pub const MAX_HEADLINES: usize = 12;

/// A stored settings record (a query string) read back: larger is refused before it is parsed.
pub const MAX_SETTINGS_BYTES: usize = 8 * 1024;

/// The longest text the drafter reads, in bytes (2 MiB): a longer text is refused with a message
/// naming this bound, and nothing of it is drafted.
pub const MAX_DRAFT_BYTES: usize = 2 * 1024 * 1024;
/// The most figures one draft holds: the drafter's figures past it are left out, and the page says
/// how many.
pub const MAX_DRAFT_FIGURES: usize = 5_000;
/// The most changes a kept draft replays (a record with more is refused on reading).
pub const MAX_DRAFT_OPS: usize = 100_000;
/// The headline cards the editor lets a reader choose (what the overview shows at most).
pub const MAX_DRAFT_HEADLINES: usize = 8;

/// What an error message repeats of the text it found (and of its path), at most.
pub const MAX_ECHO_CHARS: usize = 120;

/// The characters an id may use: ASCII letters and digits, `_`, `-`, `.` and `:`. No spaces,
/// no invisible or bidirectional controls, no look-alike letters from other scripts: an id is a
/// key in links and files, and two ids that look the same must be the same.
pub fn id_char_allowed(c: char) -> bool {
    c.is_ascii_alphanumeric() || matches!(c, '_' | '-' | '.' | ':')
}

/// The allowed set in words, for error messages and the schema.
pub const ID_CHARSET: &str = "ASCII letters, digits, _ - . :";

/// The first character of `id` outside the allowed set, with its position (counted from 1).
pub fn id_bad_char(id: &str) -> Option<(usize, char)> {
    id.chars()
        .enumerate()
        .find(|(_, c)| !id_char_allowed(*c))
        .map(|(i, c)| (i + 1, c))
}

/// Whether `s` has more than `max` characters, without counting a long text to its end.
pub fn longer_than(s: &str, max: usize) -> bool {
    s.len() > max && s.chars().nth(max).is_some()
}

/// A reader's text as an error message repeats it: in quotes, cut after `MAX_ECHO_CHARS`
/// characters (saying how long it was), with invisible, control and bidirectional characters
/// written as `\u{200B}` so that the message shows what is really there.
pub fn echo(s: &str) -> String {
    let mut out = String::from("\"");
    for (i, c) in s.chars().enumerate() {
        if i == MAX_ECHO_CHARS {
            out.push_str(&format!("…\" ({} characters)", s.chars().count()));
            return out;
        }
        if is_hidden(c) {
            out.push_str(&format!("\\u{{{:04X}}}", c as u32));
        } else {
            out.push(c);
        }
    }
    out.push('"');
    out
}

/// A message text cut to `MAX_ECHO_CHARS` characters and a few more (errors keep their own words
/// in full; what they quote is bounded by `echo`, or here if it was built in another way).
pub fn cut(s: String) -> String {
    // Room for the longest fixed wording around one echoed text.
    let max = MAX_ECHO_CHARS * 4;
    if !longer_than(&s, max) {
        return s;
    }
    let mut out: String = s.chars().take(max).collect();
    out.push('…');
    out
}

/// Characters that do not show, or that reorder or join what is around them.
fn is_hidden(c: char) -> bool {
    c.is_control()
        || matches!(c,
            '\u{00AD}'                 // soft hyphen
            | '\u{034F}'               // combining grapheme joiner
            | '\u{061C}'               // Arabic letter mark
            | '\u{115F}' | '\u{1160}'  // Hangul fillers
            | '\u{17B4}' | '\u{17B5}'
            | '\u{180B}'..='\u{180F}'  // Mongolian variation selectors and vowel separator
            | '\u{200B}'..='\u{200F}'  // zero-width space, joiners, LRM, RLM
            | '\u{202A}'..='\u{202E}'  // bidi embeddings and overrides
            | '\u{2060}'..='\u{206F}'  // word joiner, invisible operators, bidi isolates
            | '\u{3164}'               // Hangul filler
            | '\u{FE00}'..='\u{FE0F}'  // variation selectors
            | '\u{FEFF}'               // byte-order mark
            | '\u{FFA0}'
            | '\u{FFF9}'..='\u{FFFB}'
            | '\u{E0000}'..='\u{E007F}' // tags
        )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_use_the_documented_set() {
        assert_eq!(id_bad_char("income_2014-2017.v2:a"), None);
        assert_eq!(id_bad_char("income\u{200B}"), Some((7, '\u{200B}')));
        assert_eq!(id_bad_char("treated_\u{0430}rea"), Some((9, '\u{0430}')));
        assert_eq!(id_bad_char("a b"), Some((2, ' ')));
    }

    #[test]
    fn echoes_are_bounded_and_show_hidden_characters() {
        assert_eq!(echo("income\u{200B}"), "\"income\\u{200B}\"");
        assert_eq!(echo("a\u{202E}b"), "\"a\\u{202E}b\"");
        let long = echo(&"沙".repeat(1_000_000));
        assert!(long.chars().count() < MAX_ECHO_CHARS + 40, "{long}");
        assert!(long.ends_with("…\" (1000000 characters)"));
        assert!(longer_than(&"x".repeat(65), 64) && !longer_than(&"沙".repeat(64), 64));
        assert_eq!(
            cut("x".repeat(10_000)).chars().count(),
            MAX_ECHO_CHARS * 4 + 1
        );
    }
}
