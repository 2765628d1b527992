// A response is decoded into owned values: `String`, not `&'static str`. Only the
// declaration's message, not serde's "not general enough".
use cronofy::{cronofy_endpoint, Client, UserToken};

#[cronofy_endpoint(auth = "user", method = "GET", path = "/v1/account/name")]
pub async fn read_name() -> &'static str;

async fn caller(client: &Client) {
    let _: Result<&str, _> = read_name(client, &UserToken::new("access-token")).await;
}

fn main() {}
