use cronofy::cronofy_endpoint;

#[derive(serde::Deserialize)]
pub struct CalendarList {}

#[cronofy_endpoint(auth = "user", method = "GET", path = "/v1/calendars")]
pub async fn list_calendars() -> Result<CalendarList, cronofy::Error>;

fn main() {}
