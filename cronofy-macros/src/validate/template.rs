//! The path template's own rules, on its text alone: what the path may contain, and its
//! `{placeholder}`s.
//!
//! Kept free of spans so it can be tested as plain strings; [`super::path`] reports each
//! message on the path literal.

/// Keywords, strict and reserved (Rust 2024), that name a parameter only as a raw identifier:
/// the placeholder `{type}` is filled by the parameter `r#type`.
const KEYWORDS: [&str; 48] = [
    "abstract", "as", "async", "await", "become", "box", "break", "const", "continue", "do", "dyn",
    "else", "enum", "extern", "false", "final", "fn", "for", "gen", "if", "impl", "in", "let",
    "loop", "macro", "match", "mod", "move", "mut", "override", "priv", "pub", "ref", "return",
    "static", "struct", "trait", "true", "try", "type", "typeof", "unsafe", "unsized", "use",
    "virtual", "where", "while", "yield",
];

/// Keywords that are not identifiers even written raw: a placeholder named so has no parameter.
const NOT_RAW: [&str; 4] = ["self", "Self", "super", "crate"];

/// The template's mistakes, one message per kind of mistake, and its placeholders in order.
pub struct Checked {
    /// What is wrong, each saying what to write instead; empty for a valid template.
    pub mistakes: Vec<String>,
    /// The placeholder names, as written between the braces (so `type`, never `r#type`).
    pub placeholders: Vec<String>,
}

/// Checks a path template such as `/v1/calendars/{calendar_id}/events`.
pub fn check(text: &str) -> Checked {
    let mut mistakes = Vec::new();
    if !text.starts_with('/') {
        mistakes.push(format!(
            "the path must start with `/`, as in Cronofy's documentation: write `\"/{}\"`",
            text.trim_start_matches('/')
        ));
    }
    // `#` inside braces belongs to a placeholder (`{r#type}`), reported there.
    let outside = outside_braces(text);
    if outside.contains(&'?') {
        mistakes.push(
            "the path cannot contain `?`: declare query parameters with a `#[query]` parameter"
                .to_owned(),
        );
    }
    if outside.contains(&'#') {
        mistakes.push(
            "the path cannot contain `#`: what follows it is a fragment, which is never sent to Cronofy; remove it"
                .to_owned(),
        );
    }
    // What follows `?` or `#` has been reported already: its characters are not a path's.
    let end = text
        .char_indices()
        .find(|&(at, c)| matches!(c, '?' | '#') && !inside_braces(text, at))
        .map_or(text.len(), |(at, _)| at);
    let path = &text[..end];
    mistakes.extend(characters(path));
    mistakes.extend(empty_segments(path));
    mistakes.extend(dot_segments(path));
    let placeholders = placeholders(path, &mut mistakes);
    Checked {
        mistakes,
        placeholders,
    }
}

/// Whether the character at byte `at` is between a `{` and its `}`.
fn inside_braces(text: &str, at: usize) -> bool {
    let before = &text[..at];
    matches!((before.rfind('{'), before.rfind('}')), (Some(open), close) if close.is_none_or(|c| c < open))
}

/// The characters not between braces.
fn outside_braces(text: &str) -> Vec<char> {
    text.char_indices()
        .filter(|&(at, _)| !inside_braces(text, at))
        .map(|(_, c)| c)
        .collect()
}

/// RFC 3986 `pchar` without percent escapes (unreserved, sub-delims, `:` and `@`), the
/// separator `/`, and the braces of placeholders.
fn is_allowed(c: char) -> bool {
    c.is_ascii_alphanumeric() || "-._~!$&'()*+,;=:@/{}".contains(c)
}

/// A whole-segment placeholder, `{name}`: its characters are checked as a name instead.
fn is_placeholder(segment: &str) -> bool {
    segment.len() >= 2 && segment.starts_with('{') && segment.ends_with('}')
}

/// Characters a path segment cannot hold: one message for percent escapes, one for
/// non-ASCII characters, one for the rest, each naming the characters found.
fn characters(path: &str) -> Vec<String> {
    let mut escapes: Vec<String> = Vec::new();
    let mut non_ascii: Vec<char> = Vec::new();
    let mut others: Vec<char> = Vec::new();
    for segment in path.split('/').filter(|s| !is_placeholder(s)) {
        for (at, c) in segment.char_indices() {
            if c == '%' {
                let escape: String = segment[at..].chars().take(3).collect();
                let escape = if is_escape(&escape) {
                    escape
                } else {
                    "%".to_owned()
                };
                push_new(&mut escapes, escape);
            } else if !c.is_ascii() {
                push_new(&mut non_ascii, c);
            } else if !is_allowed(c) {
                push_new(&mut others, c);
            }
        }
    }
    let mut mistakes = Vec::new();
    if !escapes.is_empty() {
        let example = escapes
            .iter()
            .find_map(|e| decode(e).map(|c| format!(" (`{c}` for `{e}`)")))
            .unwrap_or_default();
        mistakes.push(format!(
            "the path cannot contain percent escapes ({}): one could decode to `/` or `..` and send the request to another endpoint; write the character itself{example}, or put a value that needs escaping in a `{{placeholder}}` parameter, which is percent-encoded",
            list(escapes.iter().map(|e| format!("`{e}`")))
        ));
    }
    if !non_ascii.is_empty() {
        mistakes.push(format!(
            "the path cannot contain non-ASCII characters ({}): write the path in ASCII, as Cronofy's documentation does, and put a value with other characters in a `{{placeholder}}` parameter, which is percent-encoded",
            list(non_ascii.iter().map(|&c| describe(c)))
        ));
    }
    if !others.is_empty() {
        // `<calendar_id>` is how some documentation writes a placeholder.
        let braces = if others.contains(&'<') || others.contains(&'>') {
            ", and write a placeholder in braces: `{calendar_id}`"
        } else {
            ""
        };
        mistakes.push(format!(
            "the path cannot contain {}: a path segment holds letters, digits, `-._~!$&'()*+,;=:@` and whole-segment `{{placeholder}}`s; remove {}{braces}",
            list(others.iter().map(|&c| describe(c))),
            if others.len() == 1 { "it" } else { "them" }
        ));
    }
    mistakes
}

/// `%` and two hex digits.
fn is_escape(text: &str) -> bool {
    let bytes = text.as_bytes();
    bytes.len() == 3 && bytes[0] == b'%' && bytes[1..].iter().all(u8::is_ascii_hexdigit)
}

/// The character an escape stands for, when writing it as itself would be a valid path
/// character (so not `/`, `.`, `%`, and not a brace).
fn decode(escape: &str) -> Option<char> {
    let byte = u8::from_str_radix(escape.get(1..)?, 16).ok()?;
    let c = char::from(byte);
    (byte.is_ascii() && is_allowed(c) && !"/.{}".contains(c)).then_some(c)
}

/// A character as a message shows it: in backticks, or named when it would not be visible.
fn describe(c: char) -> String {
    match c {
        ' ' => "a space".to_owned(),
        '\t' => "a tab".to_owned(),
        '\n' | '\r' => "a line break".to_owned(),
        '`' => "`` ` ``".to_owned(),
        c if c.is_control() || c.is_whitespace() => format!("`{}`", c.escape_unicode()),
        c => format!("`{c}`"),
    }
}

/// `a`, `a and b`, `a, b and c`.
fn list(items: impl Iterator<Item = String>) -> String {
    let items: Vec<String> = items.collect();
    match items.split_last() {
        None => String::new(),
        Some((last, [])) => last.clone(),
        Some((last, rest)) => format!("{} and {last}", rest.join(", ")),
    }
}

fn push_new<T: PartialEq>(items: &mut Vec<T>, item: T) {
    if !items.contains(&item) {
        items.push(item);
    }
}

/// `//` inside the path, or a `/` at its end (a lone `/` is the root, and valid).
fn empty_segments(path: &str) -> Option<String> {
    let Some(rest) = path.strip_prefix('/') else {
        // Without a leading `/` the path is already a mistake; its suggestion adds the `/`.
        return None;
    };
    if rest.is_empty() {
        return None;
    }
    let segments: Vec<&str> = rest.split('/').collect();
    let (last, inner) = segments.split_last()?;
    let doubled = inner.iter().any(|s| s.is_empty());
    let trailing = last.is_empty();
    let fixed = format!(
        "/{}",
        segments
            .iter()
            .filter(|s| !s.is_empty())
            .copied()
            .collect::<Vec<_>>()
            .join("/")
    );
    match (doubled, trailing) {
        (false, false) => None,
        (true, false) => Some(format!(
            "the path has an empty segment (`//`): remove the extra `/`, writing `\"{fixed}\"`"
        )),
        (false, true) => Some(format!(
            "the path ends with `/`: that makes an empty last segment, a URL other than `{fixed}`; write `\"{fixed}\"`"
        )),
        (true, true) => Some(format!(
            "the path has empty segments (`//` and a `/` at its end): write `\"{fixed}\"`"
        )),
    }
}

/// `.` and `..` segments, which URL resolution removes (RFC 3986, section 5.2.4), moving the
/// request somewhere other than the path declared.
fn dot_segments(path: &str) -> Option<String> {
    let segments: Vec<&str> = path.split('/').collect();
    let single = segments.contains(&".");
    let double = segments.contains(&"..");
    let resolved = resolve(path);
    match (single, double) {
        (false, false) => None,
        (true, false) => Some(format!(
            "the path cannot have a `.` segment: URL resolution removes it, so the request goes to `{resolved}`, not to the path as written; write `\"{resolved}\"`"
        )),
        (_, true) => Some(format!(
            "the path cannot have {}, so the request, and the credential it carries, would go to another endpoint: `{resolved}`; write the path of the endpoint meant, e.g. `\"{resolved}\"`",
            if single {
                "`.` or `..` segments: URL resolution removes them, each `..` together with the segment before it"
            } else {
                "a `..` segment: URL resolution removes it together with the segment before it"
            }
        )),
    }
}

/// Where URL resolution sends `path`: its dot segments removed, without a trailing `/`.
pub fn resolve(path: &str) -> String {
    let mut kept: Vec<&str> = Vec::new();
    for segment in path.trim_start_matches('/').split('/') {
        match segment {
            "." => {}
            ".." => {
                kept.pop();
            }
            segment => kept.push(segment),
        }
    }
    while kept.last() == Some(&"") && kept.len() > 1 {
        kept.pop();
    }
    format!("/{}", kept.join("/"))
}

/// Each `{name}` segment, in order, with its name checked; mistakes go to `mistakes`.
fn placeholders(path: &str, mistakes: &mut Vec<String>) -> Vec<String> {
    let mut placeholders: Vec<String> = Vec::new();
    for segment in path.split('/').skip(1) {
        if !segment.contains(['{', '}']) {
            continue;
        }
        let Some(name) = segment.strip_prefix('{').and_then(|s| s.strip_suffix('}')) else {
            mistakes.push(format!(
                "the path segment `{segment}` is malformed: a placeholder is a whole segment written `{{name}}`, e.g. `/v1/calendars/{{calendar_id}}/events`"
            ));
            continue;
        };
        let unraw = name.strip_prefix("r#");
        if let Some(keyword) = [name, unraw.unwrap_or_default()]
            .into_iter()
            .find(|n| NOT_RAW.contains(n))
        {
            let lower = keyword.to_ascii_lowercase();
            mistakes.push(format!(
                "the placeholder `{{{name}}}` cannot be filled: no parameter can be named `{keyword}`, not even `r#{keyword}`; rename the placeholder, e.g. `{{{lower}_id}}`, and add `{lower}_id: &str` to the function's parameters"
            ));
        } else if let Some(unraw) = unraw.filter(|n| is_identifier(n)) {
            mistakes.push(format!(
                "the placeholder `{{{name}}}` is written `{{{unraw}}}`: the path names the parameter `{name}` without its `r#`"
            ));
        } else if name == "_" {
            mistakes.push(
                "the placeholder `{_}` must be a parameter name, like `{calendar_id}`: `_` is a pattern, not a name"
                    .to_owned(),
            );
        } else if !is_identifier(name) {
            mistakes.push(format!(
                "the placeholder `{{{name}}}` must be a parameter name, like `{{calendar_id}}`"
            ));
        } else if placeholders.iter().any(|p| p == name) {
            mistakes.push(format!(
                "the placeholder `{{{name}}}` appears twice in the path: each parameter fills one segment"
            ));
        } else {
            placeholders.push(name.to_owned());
        }
    }
    placeholders
}

/// An ASCII Rust identifier, keywords included (a keyword is bound by a raw identifier).
fn is_identifier(name: &str) -> bool {
    let mut chars = name.chars();
    matches!(chars.next(), Some(c) if c == '_' || c.is_ascii_alphabetic())
        && chars.all(|c| c == '_' || c.is_ascii_alphanumeric())
        && name != "_"
}

/// How a parameter filling the placeholder `name` is written: `r#type` for `{type}`.
pub fn parameter_name(name: &str) -> String {
    if KEYWORDS.contains(&name) {
        format!("r#{name}")
    } else {
        name.to_owned()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn mistakes(text: &str) -> Vec<String> {
        check(text).mistakes
    }

    #[test]
    fn documented_paths_are_valid() {
        for path in [
            "/",
            "/v1/calendars",
            "/v1/calendars/{calendar_id}/events/{event_uid}/participation_status",
            "/oauth/token",
            "/v1/things/{type}",
            "/v1/a-b_c.d~e/!$&'()*+,;=:@",
            "/v1/...",
            "/v1/.well-known",
        ] {
            assert_eq!(mistakes(path), Vec::<String>::new(), "{path}");
        }
        assert_eq!(
            check("/v1/calendars/{calendar_id}/events/{event_uid}").placeholders,
            ["calendar_id", "event_uid"]
        );
    }

    #[test]
    fn dot_segments_say_where_the_request_would_go() {
        let found = mistakes("/v1/../oauth/token");
        assert_eq!(found.len(), 1);
        assert!(found[0].contains("a `..` segment"), "{found:?}");
        assert!(found[0].contains("`\"/oauth/token\"`"), "{found:?}");
        let found = mistakes("/v1/./calendars");
        assert_eq!(found.len(), 1);
        assert!(found[0].contains("`\"/v1/calendars\"`"), "{found:?}");
        let found = mistakes("/v1/./x/../y");
        assert_eq!(found.len(), 1);
        assert!(found[0].contains("`.` or `..` segments"), "{found:?}");
        assert_eq!(resolve("/v1/calendars/.."), "/v1");
        assert_eq!(resolve("/.."), "/");
        assert_eq!(resolve("/a/b/../../c/./d"), "/c/d");
    }

    #[test]
    fn empty_segments_have_one_message_with_the_path_to_write() {
        assert_eq!(
            mistakes("/v1//calendars"),
            [
                "the path has an empty segment (`//`): remove the extra `/`, writing `\"/v1/calendars\"`"
            ]
        );
        let found = mistakes("/v1/calendars/");
        assert_eq!(found.len(), 1);
        assert!(found[0].starts_with("the path ends with `/`"), "{found:?}");
        assert!(found[0].contains("`\"/v1/calendars\"`"), "{found:?}");
        let found = mistakes("/v1//calendars/");
        assert_eq!(found.len(), 1);
        assert!(found[0].contains("empty segments"), "{found:?}");
    }

    #[test]
    fn characters_of_one_kind_share_one_message_naming_them() {
        let found = mistakes("/v1/a|b/c|d/[e]\\ f");
        assert_eq!(found.len(), 1, "{found:?}");
        assert!(
            found[0].starts_with("the path cannot contain `|`, `[`, `]`, `\\` and a space:"),
            "{found:?}"
        );
        let found = mistakes("/v1/caf%C3%A9/%2e%2E/a%40b/%");
        assert_eq!(found.len(), 1, "{found:?}");
        assert!(
            found[0].starts_with("the path cannot contain percent escapes (`%C3`, `%A9`, `%2e`, `%2E`, `%40` and `%`)"),
            "{found:?}"
        );
        assert!(found[0].contains("(`@` for `%40`)"), "{found:?}");
        let found = mistakes("/v1/café/a–b");
        assert_eq!(found.len(), 1, "{found:?}");
        assert!(
            found[0].starts_with("the path cannot contain non-ASCII characters (`é` and `–`)"),
            "{found:?}"
        );
        assert_eq!(mistakes("/v1/`x`\t").len(), 1);
        assert!(mistakes("/v1/`x`\t")[0].contains("`` ` `` and a tab"));
    }

    #[test]
    fn query_and_fragment_are_reported_once_each() {
        let found = mistakes("/v1/events?tzid=Etc/UTC#top");
        assert_eq!(found.len(), 2, "{found:?}");
        assert!(found[0].contains("`?`") && found[1].contains("`#`"));
    }

    #[test]
    fn placeholders_are_parameter_names_written_without_r_hash() {
        assert_eq!(check("/v1/things/{type}").placeholders, ["type"]);
        let found = mistakes("/v1/things/{r#type}");
        assert_eq!(
            found,
            [
                "the placeholder `{r#type}` is written `{type}`: the path names the parameter `r#type` without its `r#`"
            ]
        );
        for name in ["self", "Self", "super", "crate", "r#self"] {
            let found = mistakes(&format!("/v1/{{{name}}}"));
            assert_eq!(found.len(), 1, "{found:?}");
            assert!(found[0].contains("not even `r#"), "{found:?}");
        }
        assert!(mistakes("/v1/{_}")[0].contains("`_` is a pattern, not a name"));
        assert!(mistakes("/v1/{a-b}")[0].contains("must be a parameter name"));
        assert!(mistakes("/v1/{a}/{a}")[0].contains("appears twice"));
        assert!(mistakes("/v1/cal_{id}")[0].contains("malformed"));
        assert_eq!(parameter_name("type"), "r#type");
        assert_eq!(parameter_name("gen"), "r#gen");
        assert_eq!(parameter_name("calendar_id"), "calendar_id");
    }
}
