use cronofy::cronofy_endpoint;

pub struct Event {
    pub event_id: String,
}

#[cronofy_endpoint(auth = "user", method = "POST", path = "/v1/calendars/{calendar_id}/events")]
pub async fn upsert_event(calendar_id: &str, #[body] event: &Event);

fn main() {}
