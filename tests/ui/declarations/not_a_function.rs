use cronofy::cronofy_endpoint;

#[cronofy_endpoint(auth = "user", method = "GET", path = "/v1/calendars")]
pub struct ListCalendars;

fn main() {}
