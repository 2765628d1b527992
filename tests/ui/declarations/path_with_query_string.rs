use cronofy::cronofy_endpoint;

#[cronofy_endpoint(auth = "user", method = "GET", path = "/v1/events?tzid=Etc/UTC")]
pub async fn read_events();

fn main() {}
