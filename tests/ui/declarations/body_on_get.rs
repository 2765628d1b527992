use cronofy::cronofy_endpoint;

#[derive(serde::Serialize)]
pub struct Filter {
    pub tzid: String,
}

#[cronofy_endpoint(auth = "user", method = "GET", path = "/v1/events")]
pub async fn read_events(#[body] filter: &Filter);

fn main() {}
