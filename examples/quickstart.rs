//! `cargo run --example quickstart`
//!
//! The whole product in one flow: a user authorizes the application, the code is exchanged,
//! calls are made with each kind of credential, the access token expires and is refreshed
//! (the rotated refresh token reaching the store first), and an organization acts for one of
//! its members.
//!
//! Runs against the fake Cronofy, or against real Cronofy when `CRONOFY_CLIENT_ID`,
//! `CRONOFY_CLIENT_SECRET`, `CRONOFY_DATA_CENTER` and a `CRONOFY_REFRESH_TOKEN` (or
//! `CRONOFY_CODE` + `CRONOFY_REDIRECT_URI`) are set.

use cronofy::availability::{self, Participants, QueryAvailability, QueryPeriod};
use cronofy::events::{self, DeleteEvent, ReadEvents, UpsertEvent};
use cronofy::oauth::{
    MemoryTokenStore, RefreshAccessToken, RefreshingUserToken, Scope, refresh_access_token,
};
use cronofy::time::{Date, Minutes, UtcTime};
use cronofy::{Error, OrgToken, calendars, organizations};
use cronofy_examples::{Environment, Failure};

#[tokio::main]
async fn main() -> Result<(), Failure> {
    let env = Environment::from_env().await?;
    let outcome = run(&env).await;
    // Before the process exits: wait for refreshes and saves still in flight, so that a
    // refresh token Cronofy has just rotated reaches the store instead of dying with us.
    cronofy::oauth::shutdown(std::time::Duration::from_secs(30)).await?;
    outcome
}

/// The flow, against `env`.
pub async fn run(env: &Environment) -> Result<(), Failure> {
    env.describe();
    let client = &env.client;

    // 1. The user authorizes; the code is exchanged for tokens. The credential refreshes
    //    itself, saving every new token set to the store before using it.
    let tokens = env.user_tokens(&[Scope::ReadWrite]).await?;
    let first_refresh_token = tokens.refresh_token().map(str::to_owned);
    let sub = tokens.sub().map(str::to_owned);
    let store = MemoryTokenStore::new();
    let user = RefreshingUserToken::from_new_authorization(&env.app, tokens, store.clone()).await?;
    println!("Credential: {user:?}");

    // 2. Calls for the user: list calendars, create an event, read it back.
    let calendars = calendars::list_calendars(client, &user).await?.calendars;
    for calendar in &calendars {
        println!(
            "[user] calendar {} \"{}\" ({}, {})",
            calendar.calendar_id,
            calendar.calendar_name,
            calendar.provider_name,
            calendar.profile_name
        );
    }
    let calendar = calendars
        .iter()
        .find(|c| !c.calendar_readonly && !c.calendar_deleted)
        .ok_or("the user has no writable calendar")?;
    let event = UpsertEvent::new(
        "cronofy-rs-quickstart",
        "cronofy-rs quickstart",
        UtcTime::parse("2026-11-23T09:00:00Z")?,
        UtcTime::parse("2026-11-23T09:30:00Z")?,
    )
    .description("Created by the cronofy-rs quickstart")
    .tzid("Europe/London");
    events::upsert_event(client, &user, &calendar.calendar_id, &event).await?;
    let day = Date::from_ymd(2026, 11, 23)?;
    let query = ReadEvents::new("Europe/London")
        .from(day)
        .to(day.next_day().ok_or("no day after")?)
        .calendar_ids([calendar.calendar_id.as_str()])
        // Cronofy leaves out the events your application created unless asked.
        .include_managed(true);
    for event in events::read_all_events(client, &user, &query)
        .collect_items()
        .await?
    {
        println!(
            "[user] event \"{}\" {} -> {}",
            event.summary.unwrap_or_default(),
            event.start,
            event.end
        );
    }

    // 3. A call as the application itself: its client secret is the API key.
    if let Some(sub) = &sub {
        let query = QueryAvailability::new(
            vec![Participants::all([sub.as_str()])],
            Minutes::new(30),
            vec![QueryPeriod::new(
                UtcTime::parse("2026-11-23T08:00:00Z")?,
                UtcTime::parse("2026-11-23T12:00:00Z")?,
            )],
        );
        for period in availability::query_availability(client, &env.app, &query)
            .await?
            .available_periods
        {
            println!(
                "[app] {sub} is available {} -> {}",
                period.start, period.end
            );
        }
    }

    // 4. The access token expires: the next call gets a 401, refreshes once (saving the
    //    rotated refresh token first) and is retried. The old refresh token is dead.
    if let Some(fake) = &env.fake {
        fake.expire_all_access_tokens();
        let again = calendars::list_calendars(client, &user).await?;
        let rotated = store
            .latest()
            .and_then(|t| t.refresh_token().map(str::to_owned));
        println!(
            "[user] {} calendars after a refresh; the store now holds token set #{}; rotated: {}",
            again.calendars.len(),
            store.saves(),
            rotated.is_some() && rotated != first_refresh_token
        );
        if let Some(old) = &first_refresh_token {
            let replay =
                refresh_access_token(client, &env.app, &RefreshAccessToken::new(old)).await;
            assert!(matches!(replay, Err(Error::ReauthorizationRequired { .. })));
            println!(
                "The old refresh token is refused: the user would have to authorize again had it been lost"
            );
        }
    }

    // 5. Organization Connect: list the members, then act for one (a user credential).
    if let Some(org_tokens) = env.org_tokens().await? {
        let org = OrgToken::new(org_tokens.access_token());
        let members = organizations::list_organizational_unit_members(client, &org).await?;
        for member in &members.items {
            println!(
                "[org] member {} <{}>",
                member.sub,
                member.email.as_deref().unwrap_or("?")
            );
        }
        if let Some(member) = members.items.first() {
            let as_member = org.impersonate(member.sub.clone());
            let theirs = calendars::list_calendars(client, &as_member).await?;
            println!(
                "[org -> {}] {} calendars (Cronofy-Impersonate); the org token itself would not compile here",
                member.sub,
                theirs.calendars.len()
            );
        }
    }

    events::delete_event(
        client,
        &user,
        &calendar.calendar_id,
        &DeleteEvent::new("cronofy-rs-quickstart"),
    )
    .await?;
    println!("[user] deleted event cronofy-rs-quickstart");
    Ok(())
}
