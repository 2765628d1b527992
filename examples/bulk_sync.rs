//! `cargo run --example bulk_sync`
//!
//! Write a thousand bookings into a user's calendar without meeting Cronofy's rate limits (50
//! requests per second, 500 per minute): a rate governor makes calls wait for the budget,
//! the bulk API sends the bookings 50 to a batch, and a `Batcher` coalesces the cancellations
//! that arrive one at a time from concurrent tasks (web handlers, say) into batches too. One
//! call per booking would need 1,000 requests, two minutes of budget; this needs about 25.
//!
//! Runs against the fake Cronofy, or against real Cronofy with `CRONOFY_CLIENT_ID`,
//! `CRONOFY_CLIENT_SECRET` and a user's `CRONOFY_REFRESH_TOKEN` set (it writes 1,000 events
//! `bulk-sync-*` into the user's first writable calendar, then deletes 100 of them).

use std::time::Duration;

use cronofy::batching::{Batcher, BulkOptions, Operation, bulk};
use cronofy::calendars;
use cronofy::events::{DeleteEvent, UpsertEvent};
use cronofy::oauth::{MemoryTokenStore, RefreshingUserToken, Scope};
use cronofy::rate::{RateGovernor, RateLimits};
use cronofy::time::UtcTime;
use cronofy_examples::{Environment, Failure};
use futures::StreamExt as _;

/// Bookings written.
pub const BOOKINGS: usize = 1_000;
/// Bookings cancelled afterwards.
pub const CANCELLATIONS: usize = 100;

#[tokio::main]
async fn main() -> Result<(), Failure> {
    let env = Environment::from_env().await?;
    let outcome = run(&env).await;
    // Before the process exits: wait for refreshes and saves still in flight.
    cronofy::oauth::shutdown(Duration::from_secs(30)).await?;
    outcome
}

/// The flow, against `env`.
pub async fn run(env: &Environment) -> Result<(), Failure> {
    env.describe();
    let tokens = env.user_tokens(&[Scope::ReadWrite]).await?;
    let user =
        RefreshingUserToken::from_new_authorization(&env.app, tokens, MemoryTokenStore::new())
            .await?;

    // One governor per application: every client of the application gets a clone of it (or,
    // across processes, `RateGovernor::shared` with a budget in Redis).
    let governor = RateGovernor::in_memory(RateLimits::cronofy());
    let client = env
        .client_builder()
        .rate_governor(governor.clone())
        .build()?;

    let calendar_id = calendars::list_calendars(&client, &user)
        .await?
        .calendars
        .into_iter()
        .find(|c| !c.calendar_readonly && !c.calendar_deleted)
        .ok_or("the user has no writable calendar")?
        .calendar_id;

    // 1. The bulk API: a stream of operations in, a stream of results out, in order.
    // Half-hour bookings, one after the other from Monday 7 December 2026.
    let monday = UtcTime::parse("2026-12-07T00:00:00Z")?.unix_seconds();
    let mut bookings = Vec::with_capacity(BOOKINGS);
    for n in 0..BOOKINGS as i64 {
        let start = UtcTime::from_unix_seconds(monday + n * 1800)?;
        let end = UtcTime::from_unix_seconds(monday + n * 1800 + 1800)?;
        let event = UpsertEvent::new(format!("bulk-sync-{n}"), format!("Booking {n}"), start, end);
        bookings.push(Operation::upsert_event(&calendar_id, event));
    }
    let mut results = bulk(
        &client,
        &user,
        futures::stream::iter(bookings),
        BulkOptions::default(),
    );
    let mut written = 0;
    while let Some(item) = results.next().await {
        match item.result {
            Ok(()) => written += 1,
            Err(error) => println!("booking {} was not written: {error}", item.index),
        }
    }
    println!("Wrote {written} of {BOOKINGS} bookings");

    // 2. Automatic batching: cancellations arrive one at a time, from many tasks; each task
    //    waits at most 20 ms for others to join its batch and gets its own result.
    let batcher = Batcher::new(client.clone(), user.clone());
    let cancellations = (0..CANCELLATIONS).map(|n| {
        let batcher = batcher.clone();
        let calendar_id = calendar_id.clone();
        tokio::spawn(async move {
            let cancel = DeleteEvent::new(format!("bulk-sync-{}", n * 10));
            batcher
                .submit(Operation::delete_event(calendar_id, cancel))
                .await
        })
    });
    let mut cancelled = 0;
    for task in futures::future::join_all(cancellations).await {
        match task? {
            Ok(()) => cancelled += 1,
            Err(error) => println!("a cancellation failed: {error}"),
        }
    }
    println!("Cancelled {cancelled} of {CANCELLATIONS} bookings");

    let stats = governor.stats();
    println!(
        "{} requests sent; {} waited for the rate budget, {} ms in all",
        stats.admitted,
        stats.waited,
        stats.waited_for.as_millis()
    );
    if written < BOOKINGS || cancelled < CANCELLATIONS {
        return Err("some writes failed (see above)".into());
    }
    Ok(())
}
