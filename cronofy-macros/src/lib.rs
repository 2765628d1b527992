//! `#[cronofy_endpoint]`: declares a Cronofy API endpoint as a bodyless `async fn` and expands
//! it to a function that accepts only the credential kind the endpoint requires.
//!
//! Use it through the `cronofy` crate (`cronofy::cronofy_endpoint`), whose documentation has
//! the full guide. The work is split the way serde_derive splits it: `parse` reads the
//! attribute and the declaration as written, `validate` checks them and builds the `model`,
//! collecting every mistake in a `ctxt::Ctxt`, and `expand` writes the code.
#![deny(missing_docs)]

mod assertions;
mod ctxt;
mod expand;
mod kinds;
mod model;
mod parse;
mod symbol;
mod validate;

use proc_macro::TokenStream;

// Documented where users meet it, `cronofy::cronofy_endpoint`: rustdoc appends the docs written
// here to those of the re-export, so anything here would show twice there.
#[allow(missing_docs)]
#[proc_macro_attribute]
pub fn cronofy_endpoint(args: TokenStream, item: TokenStream) -> TokenStream {
    expand::cronofy_endpoint(args.into(), item.into()).into()
}

/// Fails the build unless the endpoint accepts every listed credential type. Used through
/// `cronofy::assert_accepts!`, which puts the `cronofy` crate's path in front; see the
/// `cronofy` crate for the guide.
///
/// ```ignore
/// cronofy::assert_accepts!(my_api::list_calendars: UserToken, RefreshingUserToken<MemoryTokenStore>);
/// ```
#[doc(hidden)]
#[proc_macro]
pub fn assert_accepts(input: TokenStream) -> TokenStream {
    assertions::accepts(input.into()).into()
}

/// Fails the build unless the endpoint rejects every listed credential type. Used through
/// `cronofy::assert_rejects!`, which puts the `cronofy` crate's path in front; see the
/// `cronofy` crate for the guide.
///
/// ```ignore
/// cronofy::assert_rejects!(my_api::list_calendars: AppCredentials, OrgToken);
/// ```
#[doc(hidden)]
#[proc_macro]
pub fn assert_rejects(input: TokenStream) -> TokenStream {
    assertions::rejects(input.into()).into()
}

/// The credential kinds of `cronofy_core::auth`, generated from the one list of kinds. Not a
/// public API.
#[doc(hidden)]
#[proc_macro]
pub fn __credential_kinds(input: TokenStream) -> TokenStream {
    kinds::credential_kinds(input.into()).into()
}

// The README's examples, compiled as doctests (the README is the crate's page on crates.io).
#[cfg(doctest)]
#[doc = include_str!("../README.md")]
struct ReadmeExamples;
