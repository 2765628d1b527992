use cronofy::cronofy_endpoint;

#[cronofy_endpoint(auth = "user", method = "GET", path = "/v1/calendars")]
pub async fn list_calendars() {
    todo!()
}

fn main() {}
