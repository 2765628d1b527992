//! `cargo run --example org_impersonation`
//!
//! Organization Connect: list an Organizational Unit's members, act as each of them to read
//! their calendars, and create an event for one of them. The organization's token refreshes
//! itself like a user's; impersonations made from it share that.
//!
//! Runs against the fake Cronofy, or against real Cronofy with `CRONOFY_CLIENT_ID`,
//! `CRONOFY_CLIENT_SECRET` and `CRONOFY_ORG_TOKEN` set.

use cronofy::events::{self, UpsertEvent};
use cronofy::oauth::{MemoryTokenStore, RefreshingOrgToken};
use cronofy::time::UtcTime;
use cronofy::{calendars, organizations};
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
    let Some(tokens) = env.org_tokens().await? else {
        println!(
            "Set CRONOFY_ORG_TOKEN to an Organization Connect token to run this against real Cronofy"
        );
        return Ok(());
    };
    let client = &env.client;
    let org = RefreshingOrgToken::from_new_authorization(&env.app, tokens, MemoryTokenStore::new())
        .await?;

    let mut writable = None;
    let mut members = organizations::list_all_organizational_unit_members(client, &org).items();
    while let Some(member) = members.next_item().await {
        let member = member?;
        let as_member = org.impersonate(member.sub.clone());
        let theirs = calendars::list_calendars(client, &as_member)
            .await?
            .calendars;
        let names: Vec<&str> = theirs.iter().map(|c| c.calendar_name.as_str()).collect();
        println!(
            "[org -> {}] {} calendar(s): {}",
            member.sub,
            theirs.len(),
            names.join(", ")
        );
        if let Some(calendar) = theirs.iter().find(|c| !c.calendar_readonly) {
            writable = Some((member.sub.clone(), calendar.calendar_id.clone()));
        }
    }

    // Schedule for the last member with a writable calendar, acting as them.
    if let Some((sub, calendar_id)) = writable {
        let event = UpsertEvent::new(
            "org-scheduled-1",
            "Scheduled by the organization",
            UtcTime::parse("2026-11-24T10:00:00Z")?,
            UtcTime::parse("2026-11-24T10:30:00Z")?,
        );
        events::upsert_event(client, &org.impersonate(sub.clone()), &calendar_id, &event).await?;
        println!("[org -> {sub}] created \"Scheduled by the organization\" in {calendar_id}");
    }
    Ok(())
}
