//! The compile-time contract, checked with trybuild:
//!
//! - `ui/credentials`: every misuse of a credential is a compile error naming what to pass;
//! - `ui/declarations`: every mistake in a `#[cronofy_endpoint]` declaration is a compile
//!   error on the offending token, all of a declaration's mistakes at once, without cascades;
//! - `ui/assertions`: `assert_accepts!` and `assert_rejects!` fail the build, with a message
//!   naming the endpoint, the credential and the declared kinds, when they do not hold;
//! - `ui/oauth`: the OAuth flow cannot be wired without its checks (a redirect read against
//!   nothing, a state of plain text, a code exchanged with a free-standing redirect URI);
//! - `ui/pass`: every correct pairing and declaration compiles (and runs).
//!
//! The `.stderr` files are product: read them as a user would. Regenerate with
//! `TRYBUILD=overwrite cargo test -p cronofy-tests --test ui`; the toolchain is pinned in
//! `rust-toolchain.toml` so they stay stable.

#[test]
fn ui() {
    let cases = trybuild::TestCases::new();
    cases.pass("ui/pass/*.rs");
    cases.compile_fail("ui/credentials/*.rs");
    cases.compile_fail("ui/declarations/*.rs");
    cases.compile_fail("ui/assertions/*.rs");
    cases.compile_fail("ui/oauth/*.rs");
}
