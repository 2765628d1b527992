use cronofy::cronofy_endpoint;

pub struct CalendarId(pub String);

#[cronofy_endpoint(auth = "user", method = "GET", path = "/v1/calendars/{calendar_id}")]
pub async fn calendar(calendar_id: &CalendarId);

fn main() {}
