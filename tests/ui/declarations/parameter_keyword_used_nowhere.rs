// A raw identifier is printed as written, `r#type`, and its placeholder without `r#`.
use cronofy::cronofy_endpoint;

#[cronofy_endpoint(auth = "user", method = "GET", path = "/v1/things")]
pub async fn list_things(r#type: &str);

fn main() {}
