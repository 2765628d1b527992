// A named lifetime is refused with what to write instead; the caller below, and the
// parameter using the lifetime, get no error of their own.
use cronofy::{cronofy_endpoint, Client, UserToken};

#[cronofy_endpoint(auth = "user", method = "GET", path = "/v1/calendars/{calendar_id}")]
pub async fn read_calendar<'a>(calendar_id: &'a str) -> serde_json::Value;

async fn caller(client: &Client) {
    let _ = read_calendar(client, &UserToken::new("access-token"), "cal_1").await;
}

fn main() {}
