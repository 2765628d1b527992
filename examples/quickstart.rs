//! Quickstart: every credential kind against a local stand-in for Cronofy.
//!
//! ```text
//! cargo run --example quickstart
//! ```
//!
//! Starts a local HTTP server (mockito) that answers like Cronofy, then calls one endpoint of
//! each credential kind and prints what came back, decoded. With `CRONOFY_ACCESS_TOKEN` set
//! (and optionally `CRONOFY_DATA_CENTER`, e.g. `uk`), it instead lists the calendars of that
//! token's user at real Cronofy.

use std::error::Error;

use cronofy::{
    AppCredentials, AvailabilityQuery, Client, DataCenter, DeleteEvent, OrgToken, Participants,
    QueryPeriod, ReadEvents, UpsertEvent, UserToken,
};

#[tokio::main]
async fn main() -> Result<(), Box<dyn Error>> {
    if let Ok(access_token) = std::env::var("CRONOFY_ACCESS_TOKEN") {
        return against_real_cronofy(&access_token).await;
    }

    let mut server = mockito::Server::new_async().await;
    stand_in_for_cronofy(&mut server).await;
    let client = Client::builder().base_url(server.url()).build()?;
    println!("Local stand-in for Cronofy at {}\n", client.api_base());

    // User credential: a user's OAuth access token.
    let user = UserToken::new("local-user-access-token");
    let account = cronofy::account(&client, &user).await?.account;
    println!("[user] account {} <{}>", account.account_id, account.email);

    let calendars = cronofy::list_calendars(&client, &user).await?;
    for calendar in &calendars.calendars {
        println!(
            "[user] calendar {} \"{}\" ({}, {})",
            calendar.calendar_id,
            calendar.calendar_name,
            calendar.provider_name,
            calendar.profile_name
        );
    }

    let event = UpsertEvent::new(
        "quickstart-1",
        "Quickstart call",
        "2026-11-23T09:00:00Z",
        "2026-11-23T09:30:00Z",
    )
    .description("Created by the cronofy-rs quickstart");
    let calendar_id = &calendars.calendars[0].calendar_id;
    cronofy::upsert_event(&client, &user, calendar_id, &event).await?;
    println!("[user] upserted event quickstart-1 into {calendar_id}");

    let page = cronofy::read_events(
        &client,
        &user,
        &ReadEvents::new("Europe/London")
            .from("2026-11-23")
            .to("2026-11-24")
            .calendar_ids([calendar_id.as_str()]),
    )
    .await?;
    for event in &page.events {
        println!(
            "[user] read back \"{}\" {} -> {}",
            event.summary.as_deref().unwrap_or("(no title)"),
            event.start,
            event.end
        );
    }

    cronofy::delete_event(
        &client,
        &user,
        calendar_id,
        &DeleteEvent::new("quickstart-1"),
    )
    .await?;
    println!("[user] deleted event quickstart-1");

    // App credential: the client secret is the API key.
    let app = AppCredentials::new("quickstart-client-id", "quickstart-client-secret");
    let query = AvailabilityQuery::new(
        vec![Participants::all([account.account_id.as_str()])],
        30,
        vec![QueryPeriod::new(
            "2026-11-23T09:00:00Z",
            "2026-11-23T17:00:00Z",
        )],
    );
    let availability = cronofy::availability(&client, &app, &query).await?;
    for period in &availability.available_periods {
        println!("[app] available {} -> {}", period.start, period.end);
    }
    let link = cronofy::real_time_scheduling_status(&client, &app, "sch_quickstart").await?;
    println!(
        "[app] real-time scheduling {} is {}",
        link.real_time_scheduling.real_time_scheduling_id,
        link.real_time_scheduling
            .status
            .as_deref()
            .unwrap_or("unknown")
    );

    // Org credential, and impersonating a member (which makes a user credential).
    let org = OrgToken::new("local-org-access-token");
    let members = cronofy::list_organizational_unit_members(&client, &org).await?;
    for member in &members.organizational_unit_members {
        let as_member = org.impersonate(member.sub.clone());
        let their_calendars = cronofy::list_calendars(&client, &as_member).await?;
        println!(
            "[org] member {} <{}>: {} calendar(s), read with Cronofy-Impersonate",
            member.sub,
            member.email.as_deref().unwrap_or("?"),
            their_calendars.calendars.len()
        );
    }

    println!("\nCredentials print as {user:?}, {org:?} and {app:?}.");
    Ok(())
}

async fn against_real_cronofy(access_token: &str) -> Result<(), Box<dyn Error>> {
    let data_center: DataCenter = std::env::var("CRONOFY_DATA_CENTER")
        .as_deref()
        .unwrap_or("us")
        .parse()?;
    let client = Client::new(data_center)?;
    let user = UserToken::new(access_token);
    let calendars = cronofy::list_calendars(&client, &user).await?;
    println!(
        "Cronofy ({data_center}): {} calendar(s)",
        calendars.calendars.len()
    );
    for calendar in &calendars.calendars {
        println!("  {} \"{}\"", calendar.calendar_id, calendar.calendar_name);
    }
    Ok(())
}

/// Answers like Cronofy for the calls above, checking each credential as Cronofy would.
async fn stand_in_for_cronofy(server: &mut mockito::Server) {
    use mockito::Matcher;

    let user = "Bearer local-user-access-token";
    let org = "Bearer local-org-access-token";
    let app = "Bearer quickstart-client-secret";
    let calendar = serde_json::json!({
        "provider_name": "google", "profile_id": "pro_quickstart",
        "profile_name": "ada@example.com", "calendar_id": "cal_quickstart_primary",
        "calendar_name": "Ada's calendar", "calendar_readonly": false,
        "calendar_deleted": false, "calendar_primary": true, "permission_level": "unrestricted"
    });
    let mocks = [
        server
            .mock("GET", "/v1/account")
            .match_header("authorization", user)
            .with_body(
                serde_json::json!({"account": {"account_id": "acc_quickstart",
                    "email": "ada@example.com", "name": "Ada", "scope": "read_write",
                    "default_tzid": "Europe/London"}})
                .to_string(),
            ),
        server
            .mock("GET", "/v1/calendars")
            .match_header("authorization", user)
            .with_body(serde_json::json!({"calendars": [calendar]}).to_string()),
        server
            .mock("GET", "/v1/calendars")
            .match_header("authorization", org)
            .match_header("cronofy-impersonate", "acc_member_1")
            .with_body(serde_json::json!({"calendars": [calendar]}).to_string()),
        server
            .mock("POST", "/v1/calendars/cal_quickstart_primary/events")
            .match_header("authorization", user)
            .match_body(Matcher::PartialJson(serde_json::json!({
                "event_id": "quickstart-1", "summary": "Quickstart call"
            })))
            .with_status(202),
        server
            .mock("GET", "/v1/events")
            .match_header("authorization", user)
            .match_query(Matcher::AllOf(vec![
                Matcher::UrlEncoded("tzid".into(), "Europe/London".into()),
                Matcher::UrlEncoded("calendar_ids[]".into(), "cal_quickstart_primary".into()),
            ]))
            .with_body(
                serde_json::json!({"pages": {"current": 1, "total": 1}, "events": [{
                    "calendar_id": "cal_quickstart_primary", "event_id": "quickstart-1",
                    "summary": "Quickstart call", "start": "2026-11-23T09:00:00Z",
                    "end": "2026-11-23T09:30:00Z", "deleted": false
                }]})
                .to_string(),
            ),
        server
            .mock("DELETE", "/v1/calendars/cal_quickstart_primary/events")
            .match_header("authorization", user)
            .match_body(Matcher::Json(
                serde_json::json!({"event_id": "quickstart-1"}),
            ))
            .with_status(202),
        server
            .mock("POST", "/v1/availability")
            .match_header("authorization", app)
            .with_body(
                serde_json::json!({"available_periods": [
                    {"start": "2026-11-23T09:00:00Z", "end": "2026-11-23T10:00:00Z",
                     "participants": [{"sub": "acc_quickstart"}]},
                    {"start": "2026-11-23T14:00:00Z", "end": "2026-11-23T17:00:00Z",
                     "participants": [{"sub": "acc_quickstart"}]}
                ]})
                .to_string(),
            ),
        server
            .mock("GET", "/v1/real_time_scheduling/sch_quickstart")
            .match_header("authorization", app)
            .with_body(
                serde_json::json!({"real_time_scheduling": {
                    "real_time_scheduling_id": "sch_quickstart",
                    "url": "https://app.cronofy.com/rts/sch_quickstart", "status": "enabled"
                }})
                .to_string(),
            ),
        server
            .mock("GET", "/v1/organizational_unit_members")
            .match_header("authorization", org)
            .with_body(
                serde_json::json!({"organizational_unit_members": [
                    {"sub": "acc_member_1", "email": "grace@example.com", "roles": ["member"]}
                ]})
                .to_string(),
            ),
    ];
    for mock in mocks {
        mock.create_async().await;
    }
}
