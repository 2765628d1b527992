//! Text that comes from outside (an OAuth redirect's `error_description`, the token endpoint's
//! answer, a response body), made safe to print: control characters escaped, so a `\r\n`
//! cannot forge a log line, and the length capped, so a megabyte of text is not kept or
//! printed. Applied when the text is received, so every `Display`, `Debug` and log of it is
//! safe.

use std::fmt;

/// How many characters of an outside text are kept.
pub(crate) const MAX_CHARS: usize = 256;

/// `text` with control characters escaped (`\r`, `\n`, `\u{1b}`, ...) and cut to
/// [`MAX_CHARS`] characters, with `…` marking a cut.
pub(crate) fn outside_text(text: &str) -> String {
    let mut out = String::with_capacity(text.len().min(MAX_CHARS + 8));
    for (kept, c) in text.chars().enumerate() {
        if kept == MAX_CHARS {
            out.push('…');
            break;
        }
        // Writing to a `String` cannot fail.
        let _ = write_escaped(c, &mut out);
    }
    out
}

/// Writes `c`, escaped (`\r`, `\u{202e}`) if it [needs it](needs_escape).
pub(crate) fn write_escaped(c: char, out: &mut impl fmt::Write) -> fmt::Result {
    if needs_escape(c) {
        write!(out, "{}", c.escape_default())
    } else {
        out.write_char(c)
    }
}

/// Whether `c` is shown escaped: control characters, and characters that change how the text
/// around them reads or breaks without being control characters (bidirectional marks,
/// overrides and isolates, which a "Trojan Source" text uses to reorder a log line; line and
/// paragraph separators; zero-width and invisible characters).
fn needs_escape(c: char) -> bool {
    c.is_control()
        || matches!(
            c,
            '\u{061c}'
                | '\u{180e}'
                | '\u{200b}'..='\u{200f}'
                | '\u{2028}'..='\u{202e}'
                | '\u{2060}'..='\u{2064}'
                | '\u{2066}'..='\u{206f}'
                | '\u{feff}'
                | '\u{fff9}'..='\u{fffb}'
        )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn control_characters_are_escaped_and_length_is_capped() {
        assert_eq!(
            outside_text("bad\r\nINFO forged line\t\u{1b}[31m"),
            "bad\\r\\nINFO forged line\\t\\u{1b}[31m"
        );
        assert_eq!(outside_text("a\u{202e}b"), "a\\u{202e}b");
        assert_eq!(
            outside_text("a\u{2028}b\u{061c}c\u{200b}d"),
            "a\\u{2028}b\\u{61c}c\\u{200b}d"
        );
        assert_eq!(outside_text("<script>é</script>"), "<script>é</script>");
        let long = "x".repeat(5 * 1024 * 1024);
        let kept = outside_text(&long);
        assert_eq!(kept.chars().count(), MAX_CHARS + 1);
        assert!(kept.ends_with('…'));
    }
}
