// `idempotent` marks a POST that may be sent twice: `true` or `false`.
use cronofy::cronofy_endpoint;

#[derive(serde::Serialize)]
pub struct Thing {
    pub id: String,
}

#[cronofy_endpoint(auth = "user", method = "POST", path = "/v1/things", idempotent = "yes")]
pub async fn upsert_thing(#[body] thing: &Thing);

fn main() {}
