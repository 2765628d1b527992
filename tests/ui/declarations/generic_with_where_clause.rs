// A type parameter with its `where` clause is one mistake; the stand-in keeps both, so the
// caller below gets no error of its own.
use cronofy::{cronofy_endpoint, Client, UserToken};

#[cronofy_endpoint(auth = "user", method = "POST", path = "/v1/events")]
pub async fn upsert_event<T>(#[body] event: &T)
where
    T: serde::Serialize;

async fn caller(client: &Client) {
    let _ = upsert_event(client, &UserToken::new("access-token"), &"event").await;
}

fn main() {}
