// Nor has a tuple of single values.
use cronofy::cronofy_endpoint;

#[cronofy_endpoint(auth = "user", method = "GET", path = "/v1/events")]
pub async fn read_events(#[query] window: (&str, &str)) -> serde_json::Value;

fn main() {}
