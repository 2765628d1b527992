//! The misuses of this crate's endpoints that must not compile, with the messages users see
//! recorded in `tests/ui/*.stderr`. Read each one as a user would. Regenerate with
//! `TRYBUILD=overwrite cargo test -p cronofy-example-own-endpoints --test ui`.

#[test]
fn misuses_do_not_compile() {
    trybuild::TestCases::new().compile_fail("tests/ui/*.rs");
}
