//! A fake Cronofy for tests: a stateful local server that behaves like Cronofy for this client
//! and for your own code's tests, and (as the `cronofy-fake` binary) for any HTTP client.
//!
//! ```
//! use cronofy_fake::{Fault, FakeCronofy};
//! use cronofy::time::UtcTime;
//! use cronofy::events::{ReadEvents, UpsertEvent};
//!
//! # #[tokio::main(flavor = "current_thread")] async fn main() -> Result<(), Box<dyn std::error::Error>> {
//! let fake = FakeCronofy::start().await;
//! let client = fake.client();
//! let alice = fake.default_user();
//! let token = fake.issue_user_token(&alice.sub, "read_write").user_token();
//!
//! let start = UtcTime::parse("2026-11-23T09:00:00Z")?;
//! let end = UtcTime::parse("2026-11-23T09:30:00Z")?;
//! let event = UpsertEvent::new("booking-1", "Intro call", start, end);
//! cronofy::events::upsert_event(&client, &token, alice.primary_calendar_id(), &event).await?;
//! // Like Cronofy, events your application created are only read when asked for.
//! let query = ReadEvents::new("Europe/London").include_managed(true);
//! let page = cronofy::events::read_events(&client, &token, &query).await?;
//! assert_eq!(page.items[0].summary.as_deref(), Some("Intro call"));
//!
//! // The next request fails as a troubled Cronofy would.
//! fake.inject(Fault::server_error());
//! let err = cronofy::calendars::list_calendars(&client, &token).await.unwrap_err();
//! assert_eq!(err.status().map(|s| s.as_u16()), Some(500));
//! # Ok(()) }
//! ```
//!
//! What it does, as Cronofy documents it:
//!
//! - **OAuth**: `GET /oauth/authorize` redirects at once to `redirect_uri` with a single-use
//!   `code` and the `state`, as if the [authorizing user](FakeCronofy::authorize_as) had
//!   consented. `POST /oauth/token` (JSON or form) exchanges codes (bound to client and
//!   `redirect_uri`) and refreshes; every refresh rotates the refresh token, and a replayed
//!   old one is `invalid_grant`. Wrong client credentials are `invalid_client`.
//!   `POST /oauth/token/revoke` takes a `token` or a `sub`.
//!   `POST /v1/application_calendars` takes the client credentials in the body too, and
//!   answers with tokens for the application calendar's own account (`apc_...`), the same
//!   account for the same `application_calendar_id`.
//! - **Credentials by kind**: user endpoints take a user's token, or an org token with
//!   `Cronofy-Impersonate: {sub}` of a member; app endpoints only the client secret; org
//!   endpoints only an org token; `org | user` endpoints either; Enterprise Connect endpoints
//!   only a [service account's token](FakeCronofy::issue_service_account_token), which no
//!   other endpoint takes. The wrong kind, an unknown or an expired token is a `401`; a
//!   missing scope a `403`.
//! - **Data in memory**, for every endpoint `cronofy::endpoints()` lists:
//!   - account, userinfo, profiles (revoking one leaves it disconnected, its calendars answer
//!     writes with `423`), calendars (list, create);
//!   - events: read with paging through absolute `next_page` URLs and every documented filter
//!     (managed events only with `include_managed`/`only_managed`, `include_moved`,
//!     `localized_times`, `include_geo`, `google_event_ids`), upsert by `event_id` keeping
//!     attendees (invited and removed), reminders, conferencing (with a join URL), colour,
//!     privacy, recurrence and the rest, and returning them on read; delete one, bulk delete
//!     the managed ones (all, or in some calendars), participation status; free/busy (with
//!     `include_ids`, `include_free`, `include_deleted`);
//!   - push notification channels (create, list, close), and the notifications Cronofy
//!     sends, signed with the client secret: a channel's `verification`, a `change` when an
//!     event it covers is created, updated or deleted, `profile_disconnected`, and a smart
//!     invite's reply ([`FakeCronofy::answer_smart_invite`]); delivered in the background
//!     to `http` loopback URLs only, listed by [`FakeCronofy::notifications`], awaited
//!     with [`FakeCronofy::notifications_delivered`];
//!   - batches, whose entries run through the same code as their own endpoints;
//!   - availability rules and available periods (paged like events), kept per user;
//!     availability (members' calendars and available periods, managed availability from
//!     their own rules and periods, availability constraints, query slots, periods or slots,
//!     buffers, member statuses) and sequenced availability (steps with their own periods)
//!     over the users' busy events; rule times and constraint days are read in UTC;
//!   - extended permissions, link tokens, conferencing service authorizations (the pages
//!     their URLs name are not served);
//!   - real-time scheduling (status by id or by the token ending the link's URL), real-time
//!     sequencing, Add to Calendar, smart invites to one recipient or several (with their
//!     status; cancelling and removing need no `callback_url`), element tokens;
//!   - bookable events and their registrations, kept per application (capacity enforced);
//!     attachments (checked, answered with an id and the content's MD5); application
//!     verification;
//!   - organization members and resources, Scheduler requests, Scheduling Requests (kept for
//!     their organization to query); service account user authorizations (one or several)
//!     and resources; Business Connect (the rooms of a user's organizations, delegated
//!     authorizations);
//!   - scheduling conversations, read by their creator or by a participant's token.
//!
//!   Invalid bodies get a `422` with Cronofy's `errors` map; unparsable JSON a `400`. Query
//!   booleans are `true`/`false` in any case, or `1`/`0`.
//! - **Control**: a [clock](FakeCronofy::advance), [faults](Fault), [counters](Counters) and a
//!   [request log](RequestRecord) that never holds a secret.
//! - **Rate limits**, when [asked for](FakeCronofyBuilder::rate_limits): Cronofy's 50 requests
//!   per second and 500 per minute per application, over sliding windows; beyond either, a
//!   `429` with `Retry-After` (see [`RateLimits`]).
//!
//! Validation keys the fake invents where Cronofy's are not documented: `errors.not_found`,
//! `errors.invalid`, `errors.end_before_start` and `errors.capacity_reached`. Dates in queries are read as UTC days.

mod app_endpoints;
mod application_calendars;
mod applications;
mod attachments;
mod auth;
mod authorization;
mod availability;
mod availability_rules;
mod available_periods;
mod batch;
mod bookable_events;
mod business_connect;
mod calendars;
mod channels;
mod clock;
mod conversations;
mod enterprise;
mod event_details;
mod events;
mod faults;
mod handle;
pub(crate) mod identity;
mod ids;
mod limits;
mod log;
mod notify;
mod oauth;
mod org;
mod paging;
mod reply;
mod routes;
mod scheduling_requests;
mod scopes;
mod seed;
mod server;
mod state;

pub use faults::{Fault, FaultKind};
pub use handle::{
    DEFAULT_ACCESS_TOKEN_LIFETIME, DEFAULT_PAGE_SIZE, FakeCronofy, FakeCronofyBuilder,
};
pub use limits::{BatchCounting, RateLimits};
pub use log::{CredentialKind, RequestRecord};
pub use notify::{DELIVERY_TIMEOUT, DeliveryOutcome, NotificationDelivery};
pub use seed::{Counters, IssuedTokens, TestOrg, TestUser};

// The README's examples, compiled as doctests (the README is the crate's page on crates.io).
#[cfg(doctest)]
#[doc = include_str!("../README.md")]
struct ReadmeExamples;
