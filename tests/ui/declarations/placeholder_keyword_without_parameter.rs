// A placeholder that is a keyword is filled by a raw identifier: the advice writes `r#type`.
use cronofy::cronofy_endpoint;

#[cronofy_endpoint(auth = "user", method = "GET", path = "/v1/things/{type}")]
pub async fn read_thing();

fn main() {}
