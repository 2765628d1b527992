//! The quickstart: authorization, code exchange, calls of each credential kind, a refresh with
//! rotation, and an organization acting for a member.

use cronofy::oauth::{MemoryTokenStore, Scope};
use cronofy::time::{Date, Duration, UtcTime};
use cronofy::{
    AvailabilityQuery, DeleteEvent, Error, OrgToken, Participants, QueryPeriod, ReadEvents,
    RefreshingUserToken, UpsertEvent,
};

use crate::{Environment, Failure, Log};

/// What the quickstart did, for the tests to check.
#[derive(Debug, Default)]
pub struct Report {
    /// Calendars listed with the user's token.
    pub calendars: usize,
    /// Whether the created event was read back with its title.
    pub event_read_back: bool,
    /// Available periods found with the application's credentials.
    pub available_periods: usize,
    /// Token sets saved to the store (one per refresh).
    pub token_sets_stored: usize,
    /// Whether the refresh rotated the refresh token.
    pub refresh_token_rotated: bool,
    /// Whether Cronofy then refused the old refresh token (`ReauthorizationRequired`).
    pub old_refresh_token_refused: bool,
    /// Organization members listed with the org token.
    pub members: usize,
    /// Calendars read while impersonating the first member.
    pub member_calendars: usize,
}

/// Runs the quickstart in `env`, reporting each step to `log`.
pub async fn run(env: &Environment, log: &mut Log) -> Result<Report, Failure> {
    let mut report = Report::default();
    let client = &env.client;
    env.describe(log);

    // 1. Authorization and code exchange.
    let tokens = env.user_tokens(&[Scope::ReadWrite], log).await?;
    log.say(format!(
        "Exchanged the code: tokens for {} with scopes [{}], refresh token held: {}",
        tokens.sub().unwrap_or("?"),
        tokens
            .scope()
            .iter()
            .map(|s| s.as_str())
            .collect::<Vec<_>>()
            .join(" "),
        tokens.refresh_token().is_some()
    ));
    let first_refresh_token = tokens.refresh_token().map(str::to_owned);
    let sub = tokens.sub().map(str::to_owned);
    let store = MemoryTokenStore::new();
    let user = RefreshingUserToken::new(client, &env.app, tokens, store.clone());
    log.say(format!("Credential: {user:?}"));

    // 2. User calls.
    let calendars = cronofy::list_calendars(client, &user).await?.calendars;
    report.calendars = calendars.len();
    for calendar in &calendars {
        log.say(format!(
            "[user] calendar {} \"{}\" ({}, {}){}",
            calendar.calendar_id,
            calendar.calendar_name,
            calendar.provider_name,
            calendar.profile_name,
            if calendar.calendar_readonly {
                " read-only"
            } else {
                ""
            }
        ));
    }
    let calendar = calendars
        .iter()
        .find(|c| !c.calendar_readonly && !c.calendar_deleted)
        .ok_or("the user has no writable calendar")?;
    let day = Date::from_ymd(2026, 11, 23)?;
    let at = |text: &str| UtcTime::parse(text);
    let event = UpsertEvent::new(
        "cronofy-rs-quickstart",
        "cronofy-rs quickstart",
        at("2026-11-23T09:00:00Z")?,
        at("2026-11-23T09:30:00Z")?,
    )
    .description("Created by the cronofy-rs quickstart")
    .tzid("Europe/London");
    cronofy::upsert_event(client, &user, &calendar.calendar_id, &event).await?;
    log.say(format!(
        "[user] upserted event cronofy-rs-quickstart into {}",
        calendar.calendar_id
    ));
    let query = ReadEvents::new("Europe/London")
        .from(day)
        .to(day.next_day().ok_or("no day after")?)
        .calendar_ids([calendar.calendar_id.as_str()]);
    let events = cronofy::read_all_events(client, &user, &query)
        .collect_items()
        .await?;
    for event in events
        .iter()
        .filter(|e| e.event_id.as_deref() == Some("cronofy-rs-quickstart"))
    {
        log.say(format!(
            "[user] read back \"{}\" {} -> {}",
            event.summary.as_deref().unwrap_or(""),
            event.start,
            event.end
        ));
        report.event_read_back |= event.summary.as_deref() == Some("cronofy-rs quickstart");
    }

    // 3. An application call: the client secret is the API key.
    if let Some(sub) = &sub {
        let availability = AvailabilityQuery::new(
            vec![Participants::all([sub.as_str()])],
            Duration::minutes(30),
            vec![QueryPeriod::new(
                at("2026-11-23T08:00:00Z")?,
                at("2026-11-23T12:00:00Z")?,
            )],
        );
        let periods = cronofy::availability(client, &env.app, &availability)
            .await?
            .available_periods;
        report.available_periods = periods.len();
        for period in &periods {
            log.say(format!(
                "[app] {sub} is available {} -> {}",
                period.start, period.end
            ));
        }
    }

    // 4. Expiry: the next call gets a 401, refreshes once, stores the rotated set, retries.
    if let Some(fake) = &env.fake {
        fake.expire_all_access_tokens();
        log.say("The fake expires every access token now");
        let again = cronofy::list_calendars(client, &user).await?;
        report.token_sets_stored = store.saves();
        let stored = store.latest();
        let rotated_to = stored
            .as_ref()
            .and_then(|t| t.refresh_token())
            .map(str::to_owned);
        report.refresh_token_rotated = rotated_to.is_some() && rotated_to != first_refresh_token;
        log.say(format!(
            "[user] listed {} calendars again: 401, one refresh, token set #{} in the store, refresh token rotated: {}",
            again.calendars.len(),
            report.token_sets_stored,
            report.refresh_token_rotated
        ));
        if let Some(old) = &first_refresh_token {
            let replay = client.refresh_tokens(&env.app, old).await;
            report.old_refresh_token_refused =
                matches!(replay, Err(Error::ReauthorizationRequired { .. }));
            log.say(format!(
                "The old refresh token is dead at Cronofy: {}",
                match replay {
                    Err(error) => error.to_string(),
                    Ok(_) => "it still worked".to_owned(),
                }
            ));
        }
    }

    // 5. Organization Connect: list members, then act for one (a user credential).
    if let Some(org_tokens) = env.org_tokens(log).await? {
        let org = OrgToken::new(org_tokens.access_token());
        let members = cronofy::list_organizational_unit_members(client, &org).await?;
        report.members = members.organizational_unit_members.len();
        for member in &members.organizational_unit_members {
            log.say(format!(
                "[org] member {} <{}>",
                member.sub,
                member.email.as_deref().unwrap_or("?")
            ));
        }
        if let Some(member) = members.organizational_unit_members.first() {
            let as_member = org.impersonate(member.sub.clone());
            let theirs = cronofy::list_calendars(client, &as_member).await?;
            report.member_calendars = theirs.calendars.len();
            log.say(format!(
                "[org -> user] as {} (Cronofy-Impersonate): {} calendars; passing the org token itself to list_calendars would not compile",
                member.sub,
                theirs.calendars.len()
            ));
        }
    }

    cronofy::delete_event(
        client,
        &user,
        &calendar.calendar_id,
        &DeleteEvent::new("cronofy-rs-quickstart"),
    )
    .await?;
    log.say("[user] deleted event cronofy-rs-quickstart");
    Ok(report)
}
