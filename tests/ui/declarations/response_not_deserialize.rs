use cronofy::cronofy_endpoint;

pub struct CalendarList {
    pub calendars: Vec<String>,
}

#[cronofy_endpoint(auth = "user", method = "GET", path = "/v1/calendars")]
pub async fn list_calendars() -> CalendarList;

fn main() {}
