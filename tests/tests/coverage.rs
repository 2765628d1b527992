//! Files produced from the endpoints' own metadata (`cronofy::endpoints()`), so they cannot
//! drift from the code: these tests fail when they differ. Regenerate with
//! `UPDATE_COVERAGE=1 cargo test -p cronofy-tests --test coverage`.
//!
//! - `docs/ENDPOINTS.md`: every endpoint with its method, path and credential kinds;
//! - `tests/tests/credential_rules.rs`: for every endpoint, `assert_accepts!` of every
//!   credential type of its kinds and `assert_rejects!` of every other, checked by the
//!   compiler when that test builds.

use std::fs;
use std::path::{Path, PathBuf};

use cronofy::auth::AuthKind;

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
        "{} endpoints, every one declared with `#[cronofy_endpoint]` (OAuth included: \
         `client_credentials` endpoints take the application's client id and secret in the \
         JSON body). *paged* names the response field holding a page's items; the \
         all-pages stream is the function named with `all_` after its verb. Every request is \
         retried after a 429; only idempotent ones (the last column) after a 502, 503 or 504 or \
         a lost connection.\n\n",
        endpoints.len()
    ));
    out.push_str(
        "| method | path | credential | function | body | query | response | retried on 502-504 and lost connections |\n",
    );
    out.push_str("| --- | --- | --- | --- | --- | --- | --- | --- |\n");
    for endpoint in &endpoints {
        let kinds: Vec<&str> = endpoint.auth.iter().map(|k| k.as_str()).collect();
        let response = match (endpoint.paged, endpoint.returns_body) {
            (Some(items), _) => format!("paged (`{items}`)"),
            (None, true) => "JSON".to_owned(),
            (None, false) => "empty".to_owned(),
        };
        out.push_str(&format!(
            "| {} | `{}` | {} | `cronofy::{}::{}` | {} | {} | {} | {} |\n",
            endpoint.method,
            endpoint.path,
            kinds.join(" \\| "),
            area_of(endpoint.name),
            endpoint.name,
            if endpoint.has_body { "JSON" } else { "" },
            if endpoint.has_query { "yes" } else { "" },
            response,
            if endpoint.idempotent { "yes" } else { "" },
        ));
    }
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

/// Writes `expected` to `relative` under `UPDATE_COVERAGE`, else fails if the file differs.
fn check_generated(relative: &str, expected: &str) {
    let path = workspace().join(relative);
    if std::env::var_os("UPDATE_COVERAGE").is_some() {
        fs::write(&path, expected).unwrap();
        return;
    }
    let found = fs::read_to_string(&path).unwrap_or_default();
    assert!(
        found == expected,
        "{relative} is out of date with cronofy::endpoints(); regenerate it with \
         `UPDATE_COVERAGE=1 cargo test -p cronofy-tests --test coverage`"
    );
}

/// How a credential type's kinds decide whether an endpoint accepts it.
enum Rule {
    /// A credential of these kinds: accepted by an endpoint taking any of them.
    AnyOf,
    /// A trait object of a combination: only an endpoint taking every kind it may be accepts
    /// it, since the credential behind it may be of any of them.
    AllOf,
}

/// Every credential type the rules are asserted for, with its kinds.
const CREDENTIALS: &[(&str, &[AuthKind], Rule)] = {
    use AuthKind::*;
    use Rule::*;
    &[
        ("UserToken", &[User], AnyOf),
        ("RefreshingUserToken<MemoryTokenStore>", &[User], AnyOf),
        ("Impersonation<'static, OrgToken>", &[User], AnyOf),
        (
            "Impersonation<'static, RefreshingOrgToken<MemoryTokenStore>>",
            &[User],
            AnyOf,
        ),
        ("Impersonation<'static, AppCredentials>", &[User], AnyOf),
        ("AppCredentials", &[App, ClientCredentials], AnyOf),
        ("OrgToken", &[Org], AnyOf),
        ("RefreshingOrgToken<MemoryTokenStore>", &[Org], AnyOf),
        ("ServiceAccountToken", &[ServiceAccount], AnyOf),
        (
            "RefreshingServiceAccountToken<MemoryTokenStore>",
            &[ServiceAccount],
            AnyOf,
        ),
        ("Arc<UserToken>", &[User], AnyOf),
        ("Box<OrgToken>", &[Org], AnyOf),
        ("&'static AppCredentials", &[App, ClientCredentials], AnyOf),
        ("dyn UserAuth", &[User], AllOf),
        ("dyn AppAuth", &[App], AllOf),
        ("dyn OrgAuth", &[Org], AllOf),
        ("dyn ServiceAccountAuth", &[ServiceAccount], AllOf),
        ("dyn ClientCredentialsAuth", &[ClientCredentials], AllOf),
        ("Arc<dyn UserOrAppAuth>", &[User, App], AllOf),
        ("dyn UserOrOrgAuth", &[User, Org], AllOf),
        ("dyn AppOrOrgAuth", &[App, Org], AllOf),
        ("dyn UserOrAppOrOrgAuth", &[User, App, Org], AllOf),
    ]
};

fn credential_rules() -> String {
    let mut endpoints = cronofy::endpoints();
    endpoints.sort_by_key(|e| (area_of(e.name), e.name));
    let mut out = String::from(
        "//! Every endpoint's credential rules, asserted at compile time: generated from\n\
         //! `cronofy::endpoints()` by `tests/tests/coverage.rs`; do not edit by hand\n\
         //! (`UPDATE_COVERAGE=1 cargo test -p cronofy-tests --test coverage` rewrites it).\n\
         //!\n\
         //! For each endpoint, `assert_accepts!` lists every credential type of a kind it is\n\
         //! declared with, `assert_rejects!` every other: the build fails if the generated\n\
         //! function's bound disagrees with the endpoint's declared kinds. A trait object of a\n\
         //! combination (`dyn UserOrAppAuth`) is accepted only where every kind it may be is.\n\n\
         use std::sync::Arc;\n\n\
         use cronofy::auth::{\n    \
         AppAuth, AppOrOrgAuth, ClientCredentialsAuth, OrgAuth, ServiceAccountAuth, UserAuth,\n    \
         UserOrAppAuth, UserOrAppOrOrgAuth, UserOrOrgAuth,\n};\n\
         use cronofy::oauth::{\n    \
         MemoryTokenStore, RefreshingOrgToken, RefreshingServiceAccountToken, RefreshingUserToken,\n};\n\
         use cronofy::{\n    \
         AppCredentials, Impersonation, OrgToken, ServiceAccountToken, UserToken, assert_accepts,\n    \
         assert_rejects,\n};\n",
    );
    for endpoint in &endpoints {
        let (accepted, rejected): (Vec<_>, Vec<_>) =
            CREDENTIALS.iter().partition(|(_, kinds, rule)| match rule {
                Rule::AnyOf => kinds.iter().any(|k| endpoint.auth.contains(k)),
                Rule::AllOf => kinds.iter().all(|k| endpoint.auth.contains(k)),
            });
        let path = format!("cronofy::{}::{}", area_of(endpoint.name), endpoint.name);
        let kinds: Vec<&str> = endpoint.auth.iter().map(|k| k.as_str()).collect();
        out.push_str(&format!(
            "\n// {} {} ({})\n",
            endpoint.method,
            endpoint.path,
            kinds.join(" | ")
        ));
        for (mac, types) in [("assert_accepts", accepted), ("assert_rejects", rejected)] {
            let list: Vec<&str> = types.iter().map(|(ty, _, _)| *ty).collect();
            if list.is_empty() {
                continue;
            }
            out.push_str(&format!(
                "{mac}!(\n    {path}:\n        {},\n);\n",
                list.join(",\n        ")
            ));
        }
    }
    out
}

#[test]
fn the_credential_rules_test_matches_the_code() {
    check_generated("tests/tests/credential_rules.rs", &credential_rules());
}

/// The module of `cronofy` an endpoint function is in: the area whose source declares it.
fn area_of(name: &str) -> String {
    let declaration = format!("pub async fn {name}(");
    rust_files(&workspace().join("cronofy/src"))
        .into_iter()
        .chain(rust_files(&workspace().join("cronofy-core/src/oauth")))
        .find(|path| fs::read_to_string(path).unwrap().contains(&declaration))
        .and_then(|path| {
            let path = path.to_string_lossy().into_owned();
            let (_, rest) = path.split_once("/src/")?;
            Some(rest.split(['/', '.']).next()?.to_owned())
        })
        .unwrap_or_else(|| panic!("`{name}` is declared in no source file"))
}

/// Every `.rs` file under `dir`.
fn rust_files(dir: &Path) -> Vec<PathBuf> {
    let mut files = Vec::new();
    for entry in fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            files.extend(rust_files(&path));
        } else if path.extension().is_some_and(|e| e == "rs") {
            files.push(path);
        }
    }
    files
}

/// Every `#[cronofy_endpoint]` in the crates' sources is in `cronofy::endpoints()`, once.
#[test]
fn every_declared_endpoint_is_listed() {
    let mut declared = 0;
    let sources = rust_files(&workspace().join("cronofy/src"))
        .into_iter()
        .chain(rust_files(&workspace().join("cronofy-core/src")));
    for path in sources {
        let text = fs::read_to_string(&path).unwrap();
        // Attribute lines only: doc comments show the macro in examples too.
        declared += text
            .lines()
            .filter(|line| line.trim_start().starts_with("#[cronofy_endpoint("))
            .count();
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
