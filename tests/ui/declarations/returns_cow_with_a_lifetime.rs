// A lifetime other than `'static` borrows too (`Cow<'static, str>` is fine).
use std::borrow::Cow;

use cronofy::cronofy_endpoint;

#[cronofy_endpoint(auth = "user", method = "GET", path = "/v1/account/name")]
pub async fn read_name() -> Cow<'_, str>;

fn main() {}
