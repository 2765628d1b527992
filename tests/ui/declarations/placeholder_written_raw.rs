// A placeholder names its parameter without `r#`: `{type}` is filled by `r#type`.
use cronofy::cronofy_endpoint;

#[cronofy_endpoint(auth = "user", method = "GET", path = "/v1/things/{r#type}")]
pub async fn read_thing(r#type: &str);

fn main() {}
