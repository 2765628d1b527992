// `self` cannot name a parameter, even as a raw identifier, so `{self}` could never be filled.
use cronofy::cronofy_endpoint;

#[cronofy_endpoint(auth = "user", method = "GET", path = "/v1/links/{self}")]
pub async fn read_link();

fn main() {}
