//! Text that comes from outside (an OAuth redirect's `error_description`, the token endpoint's
//! answer, a response body), made safe to print: control characters escaped, so a `\r\n`
//! cannot forge a log line, and the length capped, so a megabyte of text is not kept or
//! printed. Applied when the text is received, so every `Display`, `Debug` and log of it is
//! safe.

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
        if c.is_control() || is_invisible_format(c) {
            out.extend(c.escape_default());
        } else {
            out.push(c);
        }
    }
    out
}

/// Characters that change how text around them reads without being control characters:
/// bidirectional overrides and isolates (a "Trojan Source" description could reorder a log line).
fn is_invisible_format(c: char) -> bool {
    matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}' | '\u{200e}' | '\u{200f}')
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
        assert_eq!(outside_text("<script>é</script>"), "<script>é</script>");
        let long = "x".repeat(5 * 1024 * 1024);
        let kept = outside_text(&long);
        assert_eq!(kept.chars().count(), MAX_CHARS + 1);
        assert!(kept.ends_with('…'));
    }
}
