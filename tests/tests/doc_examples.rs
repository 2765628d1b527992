//! The doc examples as a user reads them, on the pages of `cronofy` (which re-exports
//! `cronofy-core`): every endpoint function shows its call, and every example is written in
//! full, with no hidden line (`# ...`) defining something the visible code uses.
//!
//! This reads the sources of `cronofy/src` and `cronofy-core/src`; the examples themselves are
//! compiled and run by `cargo test --doc`.

use std::fmt;
use std::fs;
use std::path::{Path, PathBuf};

/// `cronofy-core/src/open_enum.rs` documents a crate-internal macro, which no user calls.
const EXEMPT_FROM_HIDDEN_LINES: &[&str] = &["open_enum.rs"];

/// Hidden lines that may stay: they only check the example's own claims.
const ALLOWED_HIDDEN: &[&str] = &["assert!(", "assert_eq!(", "assert_ne!("];

/// Words of a code block's info string that keep it a Rust block (rustdoc's own).
const RUST_FENCE_WORDS: &[&str] = &[
    "rust",
    "no_run",
    "ignore",
    "should_panic",
    "compile_fail",
    "test_harness",
    "standalone_crate",
    "edition2015",
    "edition2018",
    "edition2021",
    "edition2024",
];

#[derive(Debug, PartialEq, Eq)]
enum Problem {
    /// A `#[cronofy_endpoint]` declaration whose doc comment has no Rust code block that
    /// calls the function it declares.
    EndpointWithoutExample(String),
    /// A hidden line in a Rust code block of a doc comment.
    HiddenLine(String),
}

#[derive(Debug, PartialEq, Eq)]
struct Finding {
    /// 1-based.
    line: usize,
    problem: Problem,
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Problem::EndpointWithoutExample(name) => write!(
                f,
                "endpoint declaration whose doc comment has no example (a Rust ``` block that is compiled) calling `{name}(`"
            ),
            Problem::HiddenLine(text) => write!(
                f,
                "hidden line in a doc example, write it out where the reader sees it: `{text}`"
            ),
        }
    }
}

/// The text of a doc comment line after its marker (`///` or `//!`) and one optional space.
fn doc_text(line: &str) -> Option<&str> {
    let trimmed = line.trim_start();
    let rest = trimmed
        .strip_prefix("///")
        .filter(|rest| !rest.starts_with('/'))
        .or_else(|| trimmed.strip_prefix("//!"))?;
    Some(rest.strip_prefix(' ').unwrap_or(rest))
}

fn is_fence(text: &str) -> Option<&str> {
    let trimmed = text.trim_start();
    trimmed
        .strip_prefix("```")
        .or_else(|| trimmed.strip_prefix("~~~"))
}

fn words(info: &str) -> impl Iterator<Item = &str> {
    info.split([',', ' ', '\t']).filter(|word| !word.is_empty())
}

/// Whether rustdoc reads a block with this info string as Rust: only rustdoc's own words, an
/// error code (`compile_fail,E0277`), or `ignore-<target>`.
fn is_rust_fence(info: &str) -> bool {
    words(info).all(|word| {
        RUST_FENCE_WORDS.contains(&word)
            || word.starts_with("ignore-")
            || (word.len() == 5
                && word.starts_with('E')
                && word[1..].bytes().all(|b| b.is_ascii_digit()))
    })
}

/// Whether a Rust block with this info string is compiled as it is: not `ignore`d and not
/// meant to fail.
fn is_compiled_fence(info: &str) -> bool {
    is_rust_fence(info) && words(info).all(|word| word != "ignore" && word != "compile_fail")
}

/// Whether `line` is the `#[cronofy_endpoint(` attribute, however the macro is named.
fn is_endpoint_attribute(line: &str) -> bool {
    let trimmed = line.trim_start();
    trimmed.starts_with("#[")
        && (trimmed.contains("cronofy_endpoint(")
            || trimmed.trim_end().ends_with("cronofy_endpoint"))
}

/// The name of the function declared at or after `lines[from]`.
fn declared_name(lines: &[&str], from: usize) -> Option<String> {
    lines[from..].iter().take(20).find_map(|line| {
        let (_, rest) = line.split_once("async fn ")?;
        let name: String = rest
            .chars()
            .take_while(|c| c.is_alphanumeric() || *c == '_')
            .collect();
        Some(name.trim_start_matches("r#").to_owned())
    })
}

/// The hidden part of a line of a Rust code block (what follows `# `, or empty for a lone `#`),
/// as rustdoc reads it: `##` is an escaped `#`, not a hidden line.
fn hidden_part(text: &str) -> Option<&str> {
    let trimmed = text.trim_start();
    if trimmed == "#" {
        return Some("");
    }
    trimmed
        .strip_prefix("# ")
        .or_else(|| trimmed.strip_prefix("#\t"))
}

fn scan(source: &str, check_hidden_lines: bool) -> Vec<Finding> {
    let lines: Vec<&str> = source.lines().collect();
    let mut findings = Vec::new();

    for (index, line) in lines.iter().enumerate() {
        if !is_endpoint_attribute(line) {
            continue;
        }
        let name = declared_name(&lines, index).unwrap_or_default();
        let call = format!("{name}(");
        // The doc comment and the other attributes above the declaration.
        let above = lines[..index]
            .iter()
            .rev()
            .take_while(|above| {
                let above = above.trim_start();
                above.starts_with("///") || above.starts_with("#[")
            })
            .count();
        // `Some(compiled)` inside a code block.
        let mut block: Option<bool> = None;
        let mut has_example = false;
        for text in lines[index - above..index]
            .iter()
            .filter_map(|l| doc_text(l))
        {
            if let Some(info) = is_fence(text) {
                block = match block {
                    None => Some(is_compiled_fence(info.trim())),
                    Some(_) => None,
                };
                continue;
            }
            // A call: the name, not as the end of a longer one (`read_all_events(` does not
            // call `read_events`... nor does `x_read_events(`).
            has_example |= block == Some(true)
                && text.match_indices(&call).any(|(at, _)| {
                    !text[..at]
                        .chars()
                        .next_back()
                        .is_some_and(|c| c.is_alphanumeric() || c == '_')
                });
        }
        if !has_example {
            findings.push(Finding {
                line: index + 1,
                problem: Problem::EndpointWithoutExample(name),
            });
        }
    }

    if check_hidden_lines {
        // `Some(is_rust)` inside a code block.
        let mut block: Option<bool> = None;
        for (index, line) in lines.iter().enumerate() {
            let Some(text) = doc_text(line) else {
                block = None;
                continue;
            };
            if let Some(info) = is_fence(text) {
                block = match block {
                    None => Some(is_rust_fence(info.trim())),
                    Some(_) => None,
                };
                continue;
            }
            if block != Some(true) {
                continue;
            }
            if let Some(hidden) = hidden_part(text) {
                let hidden = hidden.trim();
                if !ALLOWED_HIDDEN
                    .iter()
                    .any(|allowed| hidden.starts_with(allowed))
                {
                    findings.push(Finding {
                        line: index + 1,
                        problem: Problem::HiddenLine(hidden.to_owned()),
                    });
                }
            }
        }
    }
    findings.sort_by_key(|finding| finding.line);
    findings
}

fn rust_files(dir: &Path, into: &mut Vec<PathBuf>) {
    let mut entries: Vec<_> = fs::read_dir(dir)
        .unwrap_or_else(|error| panic!("reading {}: {error}", dir.display()))
        .map(|entry| entry.expect("a directory entry").path())
        .collect();
    entries.sort();
    for path in entries {
        if path.is_dir() {
            rust_files(&path, into);
        } else if path.extension().is_some_and(|ext| ext == "rs") {
            into.push(path);
        }
    }
}

fn workspace() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("the tests crate lives in the workspace")
        .to_path_buf()
}

#[test]
fn every_endpoint_has_an_example_and_no_example_hides_lines() {
    let root = workspace();
    let mut files = Vec::new();
    for dir in ["cronofy/src", "cronofy-core/src"] {
        rust_files(&root.join(dir), &mut files);
    }
    assert!(files.len() > 20, "found only {} source files", files.len());

    let mut endpoints = 0;
    let mut report = Vec::new();
    for path in &files {
        let source = fs::read_to_string(path)
            .unwrap_or_else(|error| panic!("reading {}: {error}", path.display()));
        endpoints += source
            .lines()
            .filter(|line| is_endpoint_attribute(line))
            .count();
        let exempt = path
            .file_name()
            .and_then(|name| name.to_str())
            .is_some_and(|name| EXEMPT_FROM_HIDDEN_LINES.contains(&name));
        let shown = path.strip_prefix(&root).unwrap_or(path).display();
        for finding in scan(&source, !exempt) {
            report.push(format!("{shown}:{}: {}", finding.line, finding.problem));
        }
    }
    // The scan must see every endpoint the crate declares, or it proves nothing.
    let declared = cronofy::endpoints().len();
    assert!(
        endpoints >= declared,
        "found {endpoints} endpoint declarations in the sources, but cronofy declares {declared}"
    );
    assert!(
        report.is_empty(),
        "{} problem(s) in the doc examples:\n{}",
        report.len(),
        report.join("\n")
    );
}

#[test]
fn the_scanner_finds_an_endpoint_without_example_and_hidden_lines() {
    let source = r#"
/// Lists things.
///
/// ```no_run
/// # async fn run(client: cronofy::Client) -> Result<(), cronofy::Error> {
/// let things = list_things(&client).await?;
/// # assert_eq!(things.len(), 0);
/// #
/// ## not hidden: an escaped `#`
/// # Ok(()) }
/// ```
#[cronofy_endpoint(auth = "user", method = "GET", path = "/v1/things")]
pub async fn list_things() -> Things;

/// Reads a thing.
///
/// # Errors
///
/// ```text
/// # not Rust
/// ```
#[cronofy_endpoint(
    auth = "user",
    method = "GET",
    path = "/v1/things/{id}"
)]
pub async fn read_thing(id: &str) -> Thing;

/// # A heading, outside any code block
//! ```
//! # let hidden = 1;
//! # assert!(hidden == 1);
//! ```
"#;
    let hidden = |line: usize, text: &str| Finding {
        line,
        problem: Problem::HiddenLine(text.to_owned()),
    };
    assert_eq!(
        scan(source, true),
        vec![
            hidden(
                5,
                "async fn run(client: cronofy::Client) -> Result<(), cronofy::Error> {"
            ),
            hidden(8, ""),
            hidden(10, "Ok(()) }"),
            // The only code block of `read_thing` is not Rust: it has no example of its call.
            Finding {
                line: 22,
                problem: Problem::EndpointWithoutExample("read_thing".to_owned()),
            },
            hidden(31, "let hidden = 1;"),
        ]
    );
    // A file exempt from the hidden-line rule still needs its endpoint examples.
    assert_eq!(
        scan(source, false),
        vec![Finding {
            line: 22,
            problem: Problem::EndpointWithoutExample("read_thing".to_owned()),
        }]
    );
}

#[test]
fn an_example_must_call_the_endpoint_and_be_compiled() {
    let source = r#"
/// Reads events.
///
/// ```no_run
/// let all = read_all_events(&client, &user, &query);
/// ```
#[cronofy::cronofy_endpoint(auth = "user", method = "GET", path = "/v1/events")]
pub async fn read_events(#[query] query: &ReadEvents) -> Page<Event>;

/// Lists rooms.
///
/// ```ignore
/// list_rooms(&client, &org).await?;
/// ```
#[cronofy_endpoint(auth = "org", method = "GET", path = "/v1/rooms")]
pub async fn list_rooms() -> Rooms;

/// Lists calendars.
///
/// ~~~rust,no_run
/// let calendars = cronofy::calendars::list_calendars(&client, &user).await?;
/// ~~~
#[cronofy_endpoint(auth = "user", method = "GET", path = "/v1/calendars")]
pub async fn list_calendars() -> Calendars;

/// ```compile_fail,E0277
/// # let hidden_in_a_failing_block = 1;
/// ```
fn f() {}
"#;
    assert_eq!(
        scan(source, true),
        vec![
            // Calls `read_all_events`, not `read_events`.
            Finding {
                line: 7,
                problem: Problem::EndpointWithoutExample("read_events".to_owned()),
            },
            // Never compiled.
            Finding {
                line: 15,
                problem: Problem::EndpointWithoutExample("list_rooms".to_owned()),
            },
            // An error code in the info string keeps the block Rust.
            Finding {
                line: 27,
                problem: Problem::HiddenLine("let hidden_in_a_failing_block = 1;".to_owned()),
            },
        ]
    );
}
