// Docs, attributes and visibility carry over; the metadata constant describes the endpoint;
// parameters may be any Display type (path), Serialize type (body, query); futures are Send.
use cronofy::auth::AuthKind;
use cronofy::{cronofy_endpoint, Client, Method, UserToken};

#[derive(serde::Serialize)]
pub struct Status {
    pub status: String,
}

#[derive(serde::Serialize)]
pub struct Filter {
    pub tzid: String,
    #[serde(rename = "calendar_ids[]")]
    pub calendar_ids: Vec<String>,
}

mod area {
    use super::*;

    /// Changes the user's answer to an invitation.
    #[cronofy_endpoint(
        auth = "user",
        method = "POST",
        path = "/v1/calendars/{calendar_id}/events/{event_uid}/participation_status"
    )]
    #[must_use]
    pub(crate) async fn participation_status(calendar_id: &str, event_uid: u64, #[body] status: &Status);

    /// A user-declared paged read with a query.
    #[cronofy_endpoint(auth = "user", method = "GET", path = "/v1/free_busy")]
    pub async fn free_busy(#[query] filter: &Filter) -> serde_json::Value;
}

fn assert_send<T: Send>(_: &T) {}

fn main() {
    assert_eq!(area::PARTICIPATION_STATUS.method, Method::Post);
    assert_eq!(
        area::PARTICIPATION_STATUS.path,
        "/v1/calendars/{calendar_id}/events/{event_uid}/participation_status"
    );
    assert_eq!(area::PARTICIPATION_STATUS.auth, &[AuthKind::User]);
    assert!(area::PARTICIPATION_STATUS.has_body && !area::PARTICIPATION_STATUS.has_query);
    assert!(area::FREE_BUSY.has_query && !area::FREE_BUSY.has_body);
    assert_eq!(cronofy::availability::QUERY_AVAILABILITY.auth, &[AuthKind::User, AuthKind::App]);
    assert_eq!(cronofy::availability::QUERY_AVAILABILITY.to_string(), "POST /v1/availability (user | app)");

    let client = Client::builder().base_url("http://127.0.0.1:9").build().unwrap();
    let user = UserToken::new("access-token");
    let status = Status { status: "accepted".into() };
    let future = area::participation_status(&client, &user, "cal_1", 42, &status);
    assert_send(&future);
    drop(future);
}
