//! `docs/ENDPOINTS.md`, the table of every endpoint with its method, path and credential kinds,
//! is produced from the endpoints' own metadata (`cronofy::endpoints()`), so it cannot drift
//! from the code: this test fails when they differ. Regenerate with
//! `UPDATE_COVERAGE=1 cargo test -p cronofy-tests --test coverage`.

use std::fs;
use std::path::{Path, PathBuf};

fn workspace() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
}

fn table() -> String {
    let mut endpoints = cronofy::endpoints();
    endpoints.sort_by_key(|e| (e.path, e.method.as_str(), e.name));
    let mut out = String::from(
        "# Endpoint coverage\n\n\
         Generated from the endpoints' own metadata by `tests/tests/coverage.rs`; do not edit by\n\
         hand (`UPDATE_COVERAGE=1 cargo test -p cronofy-tests --test coverage` rewrites it).\n\n",
    );
    out.push_str(&format!(
        "{} endpoints declared with `#[cronofy_endpoint]`.\n\n",
        endpoints.len()
    ));
    out.push_str("| method | path | credential | function | body | query |\n");
    out.push_str("| --- | --- | --- | --- | --- | --- |\n");
    for endpoint in &endpoints {
        let kinds: Vec<&str> = endpoint.auth.iter().map(|k| k.as_str()).collect();
        out.push_str(&format!(
            "| {} | `{}` | {} | `cronofy::{}` | {} | {} |\n",
            endpoint.method,
            endpoint.path,
            kinds.join(" \\| "),
            endpoint.name,
            if endpoint.has_body { "JSON" } else { "" },
            if endpoint.has_query { "yes" } else { "" },
        ));
    }
    out.push_str(
        "\nOAuth and client-credential endpoints are methods of `cronofy::Client`, taking\n\
         `&AppCredentials` (client credentials in the JSON body, no bearer):\n\n\
         | method | path | credential | function |\n\
         | --- | --- | --- | --- |\n\
         | POST | `/oauth/token` (code) | app (body) | `Client::exchange_code` |\n\
         | POST | `/oauth/token` (refresh) | app (body) | `Client::refresh_tokens` |\n\
         | POST | `/oauth/token/revoke` | app (body) | `Client::revoke_token`, `Client::revoke_sub` |\n\
         | POST | `/v1/application_calendars` | app (body) | `Client::create_application_calendar` |\n",
    );
    out
}

#[test]
fn the_coverage_table_matches_the_code() {
    let path = workspace().join("docs/ENDPOINTS.md");
    let expected = table();
    if std::env::var_os("UPDATE_COVERAGE").is_some() {
        fs::write(&path, &expected).unwrap();
        return;
    }
    let found = fs::read_to_string(&path).unwrap_or_default();
    assert!(
        found == expected,
        "docs/ENDPOINTS.md is out of date with cronofy::endpoints(); regenerate it with \
         `UPDATE_COVERAGE=1 cargo test -p cronofy-tests --test coverage`"
    );
}

/// Every `#[cronofy_endpoint]` in the crate's source is in `cronofy::endpoints()`, once.
#[test]
fn every_declared_endpoint_is_listed() {
    let mut declared = 0;
    let src = workspace().join("cronofy/src");
    for entry in fs::read_dir(&src).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_some_and(|e| e == "rs") {
            let text = fs::read_to_string(&path).unwrap();
            // Attribute lines only: doc comments show the macro in examples too.
            declared += text
                .lines()
                .filter(|line| line.trim_start().starts_with("#[cronofy_endpoint("))
                .count();
        }
    }
    let listed = cronofy::endpoints();
    let mut names: Vec<&str> = listed.iter().map(|e| e.name).collect();
    names.sort_unstable();
    names.dedup();
    assert_eq!(names.len(), listed.len(), "an endpoint is listed twice");
    assert_eq!(
        declared,
        listed.len(),
        "each module's ENDPOINTS must list every endpoint it declares"
    );
}
