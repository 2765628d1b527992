//! What the types in an endpoint declaration must implement, with messages that say so in the
//! declaration's own terms rather than serde's.
//!
//! Each trait has a blanket impl marked `do_not_recommend`, so a failure is reported as the
//! trait below (with its message) instead of as a list of unrelated serde implementations.

use serde::Serialize;
use serde::de::DeserializeOwned;

/// The type of a `#[body]` parameter: sent as JSON.
#[diagnostic::on_unimplemented(
    message = "the `#[body]` parameter's type `{Self}` cannot be sent as JSON",
    label = "does not implement `serde::Serialize`",
    note = "add `#[derive(serde::Serialize)]` to the type, or declare a body type that has it"
)]
pub trait RequestBody: Serialize {}

#[diagnostic::do_not_recommend]
impl<T: Serialize + ?Sized> RequestBody for T {}

/// The type of a `#[query]` parameter: sent as the query string.
#[diagnostic::on_unimplemented(
    message = "the `#[query]` parameter's type `{Self}` cannot be sent as a query string",
    label = "does not implement `serde::Serialize`",
    note = "add `#[derive(serde::Serialize)]` to a struct whose fields are the query's names"
)]
pub trait QueryString: Serialize {}

#[diagnostic::do_not_recommend]
impl<T: Serialize + ?Sized> QueryString for T {}

/// The declared return type: what the success body is decoded to.
#[diagnostic::on_unimplemented(
    message = "the endpoint's return type `{Self}` cannot be decoded from Cronofy's JSON response",
    label = "does not implement `serde::de::DeserializeOwned`",
    note = "add `#[derive(serde::Deserialize)]` to the type (borrowing types such as `&str` cannot be decoded from a response), or declare no return type for an empty response"
)]
pub trait ResponseBody: DeserializeOwned {}

#[diagnostic::do_not_recommend]
impl<T: DeserializeOwned> ResponseBody for T {}

/// The item type of a paged endpoint's `Page<Item>`: what each element of the page's list is
/// decoded to.
#[diagnostic::on_unimplemented(
    message = "the paged endpoint's item type `{Self}` cannot be decoded from Cronofy's JSON response",
    label = "does not implement `serde::de::DeserializeOwned`",
    note = "add `#[derive(serde::Deserialize)]` to the item type (borrowing types such as `&str` cannot be decoded from a response)"
)]
pub trait PageItem: DeserializeOwned {}

#[diagnostic::do_not_recommend]
impl<T: DeserializeOwned> PageItem for T {}
