// `crate` names where the `cronofy` crate is, as a path in a string.
use cronofy::cronofy_endpoint;

#[cronofy_endpoint(crate = "not a path!", auth = "user", method = "GET", path = "/v1/account")]
pub async fn read_account();

fn main() {}
