// A list of single values has no names either (a list of `(name, value)` pairs would).
use cronofy::cronofy_endpoint;

#[cronofy_endpoint(auth = "user", method = "GET", path = "/v1/events")]
pub async fn read_events(#[query] calendar_ids: Vec<String>) -> serde_json::Value;

fn main() {}
