use cronofy::cronofy_endpoint;

#[derive(serde::Serialize)]
pub struct Event {
    pub event_id: String,
}

#[cronofy_endpoint(auth = "user", method = "POST", path = "/v1/calendars/{calendar_id}/events")]
pub async fn upsert_event(calendar_id: &str, #[json] event: &Event);

fn main() {}
