// A query is a struct whose fields are its names: a bare `&str` has no name to be sent under.
use cronofy::cronofy_endpoint;

#[cronofy_endpoint(auth = "user", method = "GET", path = "/v1/events")]
pub async fn read_events(#[query] tzid: &str) -> serde_json::Value;

fn main() {}
