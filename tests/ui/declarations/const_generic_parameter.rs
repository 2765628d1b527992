// A const parameter is refused like a type parameter; the stand-in keeps it, so the
// parameter using it and the caller below get no error of their own.
use cronofy::{cronofy_endpoint, Client, UserToken};

#[cronofy_endpoint(auth = "user", method = "POST", path = "/v1/calendars/batch")]
pub async fn create_calendars<const N: usize>(#[body] names: &[&str; N]) -> serde_json::Value;

async fn caller(client: &Client) {
    let _ = create_calendars(client, &UserToken::new("access-token"), &["a", "b"]).await;
}

fn main() {}
