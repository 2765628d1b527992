//! Bookable events (beta): events of your application with a capacity, which people register
//! for (a class, a webinar, an open day).
//!
//! The application creates the event with its own id ([`upsert_bookable_event()`]), then adds
//! or updates registrations ([`upsert_bookable_event_registration()`]) and removes them
//! ([`delete_bookable_event_registration()`]); each of these returns the event with its
//! registrations. All of them take the application's credentials (the client secret is the
//! API key).

use serde::ser::{SerializeMap, Serializer};
use serde::{Deserialize, Serialize};

use crate::checks;
use crate::fields::{ExtraFields, extensible_body};
use crate::time::UtcTime;
use crate::{Page, PageInfo, cronofy_endpoint};

/// The most registrations a bookable event can take (`registration.capacity`).
pub const MAX_BOOKABLE_EVENT_CAPACITY: u32 = 256;

/// The most `metadata` entries a registration can carry.
pub const MAX_REGISTRATION_METADATA: usize = 10;

/// Creates the bookable event with your `bookable_event_id`, or updates it. Returns the event
/// with its registrations.
///
/// Needs the application's credentials (the client secret is the API key). Refused before
/// sending when the id has characters other than letters, digits, `_` and `-`, or the
/// capacity is not between 1 and [`MAX_BOOKABLE_EVENT_CAPACITY`].
/// [Cronofy docs](https://docs.cronofy.com/developers/api/scheduling/bookable-events/create/)
///
/// ```no_run
/// use cronofy::scheduling::{BookableEventStatus, UpsertBookableEvent};
/// use cronofy::time::UtcTime;
/// use cronofy::{AppCredentials, Client};
///
/// async fn publish_class(
///     client: &Client,
///     app: &AppCredentials,
/// ) -> Result<(), Box<dyn std::error::Error>> {
///     let class = UpsertBookableEvent::new(
///         "yoga-2026-11-24",
///         UtcTime::parse("2026-11-24T12:30:00Z")?,
///         UtcTime::parse("2026-11-24T13:30:00Z")?,
///         BookableEventStatus::Confirmed,
///         12,
///     );
///     let event = cronofy::scheduling::upsert_bookable_event(client, app, &class).await?;
///     println!(
///         "{:?} places taken",
///         event.registration.and_then(|r| r.registered_count)
///     );
///     Ok(())
/// }
/// ```
#[cronofy_endpoint(
    auth = "app",
    method = "POST",
    path = "/v1/bookable_events",
    idempotent = true
)]
pub async fn upsert_bookable_event(#[body] event: &UpsertBookableEvent) -> BookableEvent;

/// Reads one of the application's bookable events, with (the first page of) its
/// registrations.
///
/// Needs the application's credentials. An unknown id is
/// [`Error::NotFound`](crate::Error::NotFound).
/// [Cronofy docs](https://docs.cronofy.com/developers/api/scheduling/bookable-events/read/)
///
/// ```no_run
/// use cronofy::{AppCredentials, Client};
///
/// async fn show_class(client: &Client, app: &AppCredentials) -> Result<(), cronofy::Error> {
///     let class =
///         cronofy::scheduling::read_bookable_event(client, app, "yoga-2026-11-24").await?;
///     for registration in class.registration.iter().flat_map(|r| &r.registrations) {
///         println!(
///             "{}: {:?}",
///             registration.registration_id, registration.status
///         );
///     }
///     Ok(())
/// }
/// ```
#[cronofy_endpoint(
    auth = "app",
    method = "GET",
    path = "/v1/bookable_events/{bookable_event_id}"
)]
pub async fn read_bookable_event(bookable_event_id: &str) -> BookableEvent;

/// Lists one page of the application's bookable events; [`list_all_bookable_events`] reads
/// every page.
///
/// Needs the application's credentials. Cronofy's documentation has no page for this list:
/// it is modeled on its other lists (a `GET` of the collection answering
/// `{"bookable_events": [...], "pages": {...}}` and paged through `next_page`), and takes no
/// query parameters.
///
/// ```no_run
/// use cronofy::{AppCredentials, Client};
///
/// async fn show_classes(client: &Client, app: &AppCredentials) -> Result<(), cronofy::Error> {
///     let first_page = cronofy::scheduling::list_bookable_events(client, app).await?;
///     for class in &first_page.items {
///         println!(
///             "{} at {}: {:?}",
///             class.bookable_event_id, class.start, class.status
///         );
///     }
///     Ok(())
/// }
/// ```
#[cronofy_endpoint(
    auth = "app",
    method = "GET",
    path = "/v1/bookable_events",
    paged = "bookable_events"
)]
pub async fn list_bookable_events() -> Page<BookableEvent>;

/// Creates the registration with your `registration_id` on a bookable event, or updates it
/// (its status, its metadata). Returns the event with its registrations.
///
/// Needs the application's credentials. Refused before sending when the id has characters
/// other than letters, digits, `_` and `-`, or the metadata has more than
/// [`MAX_REGISTRATION_METADATA`] entries.
/// [Cronofy docs](https://docs.cronofy.com/developers/api/scheduling/bookable-events/registrations/upsert/)
///
/// ```no_run
/// use cronofy::scheduling::{RegistrationStatus, UpsertBookableEventRegistration};
/// use cronofy::{AppCredentials, Client};
///
/// async fn register_attendee(
///     client: &Client,
///     app: &AppCredentials,
/// ) -> Result<(), cronofy::Error> {
///     let registration =
///         UpsertBookableEventRegistration::new("87326", RegistrationStatus::Accepted)
///             .metadata("email", "a@company.com")
///             .metadata("name", "Bill the One");
///     let event = cronofy::scheduling::upsert_bookable_event_registration(
///         client,
///         app,
///         "yoga-2026-11-24",
///         &registration,
///     )
///     .await?;
///     println!(
///         "{:?} places taken",
///         event.registration.and_then(|r| r.registered_count)
///     );
///     Ok(())
/// }
/// ```
#[cronofy_endpoint(
    auth = "app",
    method = "POST",
    path = "/v1/bookable_events/{bookable_event_id}/registrations",
    idempotent = true
)]
pub async fn upsert_bookable_event_registration(
    bookable_event_id: &str,
    #[body] registration: &UpsertBookableEventRegistration,
) -> BookableEvent;

/// Removes a registration from a bookable event: its status becomes
/// [`RegistrationStatus::Removed`] and its metadata is dropped. Returns the event.
///
/// Needs the application's credentials.
/// [Cronofy docs](https://docs.cronofy.com/developers/api/scheduling/bookable-events/registrations/delete/)
///
/// ```no_run
/// use cronofy::{AppCredentials, Client};
///
/// async fn cancel_place(client: &Client, app: &AppCredentials) -> Result<(), cronofy::Error> {
///     let class = cronofy::scheduling::delete_bookable_event_registration(
///         client,
///         app,
///         "yoga-2026-11-24",
///         "87326",
///     )
///     .await?;
///     println!(
///         "{:?} places taken",
///         class.registration.and_then(|r| r.registered_count)
///     );
///     Ok(())
/// }
/// ```
#[cronofy_endpoint(
    auth = "app",
    method = "DELETE",
    path = "/v1/bookable_events/{bookable_event_id}/registrations/{registration_id}"
)]
pub async fn delete_bookable_event_registration(
    bookable_event_id: &str,
    registration_id: &str,
) -> BookableEvent;

cronofy_core::open_enum! {
    /// Whether a bookable event takes place.
    pub enum BookableEventStatus {
        /// `confirmed`.
        Confirmed = "confirmed",
        /// `cancelled`.
        Cancelled = "cancelled",
    }
}

cronofy_core::open_enum! {
    /// Where a registration stands; the values follow an invitee's answers.
    pub enum RegistrationStatus {
        /// Awaiting confirmation (`pending`).
        Pending = "pending",
        /// Confirmed (`accepted`).
        Accepted = "accepted",
        /// Possibly attending (`tentative`).
        Tentative = "tentative",
        /// Declined (`declined`).
        Declined = "declined",
        /// Removed (`removed`), as [`delete_bookable_event_registration()`] does.
        Removed = "removed",
    }
}

/// The body of [`upsert_bookable_event()`]: your id for the event, when it is, whether it
/// takes place, and how many can register.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[must_use]
pub struct UpsertBookableEvent {
    #[serde(serialize_with = "bookable_event_id")]
    bookable_event_id: String,
    start: UtcTime,
    end: UtcTime,
    status: BookableEventStatus,
    registration: RegistrationSettings,
    #[serde(flatten)]
    extra: ExtraFields,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
struct RegistrationSettings {
    #[serde(serialize_with = "capacity")]
    capacity: u32,
}

fn bookable_event_id<S: Serializer>(id: &str, serializer: S) -> Result<S::Ok, S::Error> {
    checks::url_safe_id("bookable_event_id", id)?;
    serializer.serialize_str(id)
}

fn capacity<S: Serializer>(capacity: &u32, serializer: S) -> Result<S::Ok, S::Error> {
    if !(1..=MAX_BOOKABLE_EVENT_CAPACITY).contains(capacity) {
        return Err(cronofy_core::invalid_request(format_args!(
            "`registration.capacity` must be between 1 and {MAX_BOOKABLE_EVENT_CAPACITY}, not {capacity}"
        )));
    }
    serializer.serialize_u32(*capacity)
}

impl UpsertBookableEvent {
    /// The event `bookable_event_id` (letters, digits, `_` and `-`) from `start` to `end`,
    /// with its status and room for `capacity` registrations (1 to
    /// [`MAX_BOOKABLE_EVENT_CAPACITY`]).
    pub fn new(
        bookable_event_id: impl Into<String>,
        start: UtcTime,
        end: UtcTime,
        status: BookableEventStatus,
        capacity: u32,
    ) -> Self {
        UpsertBookableEvent {
            bookable_event_id: bookable_event_id.into(),
            start,
            end,
            status,
            registration: RegistrationSettings { capacity },
            extra: ExtraFields::default(),
        }
    }
}

extensible_body!(UpsertBookableEvent {
    "bookable_event_id",
    "start",
    "end",
    "status",
    "registration"
});

/// The body of [`upsert_bookable_event_registration()`]: your id for the registration, its
/// status, and what you want to keep with it.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[must_use]
pub struct UpsertBookableEventRegistration {
    #[serde(serialize_with = "registration_id")]
    registration_id: String,
    status: RegistrationStatus,
    #[serde(
        skip_serializing_if = "Option::is_none",
        serialize_with = "registration_metadata"
    )]
    metadata: Option<serde_json::Map<String, serde_json::Value>>,
    #[serde(flatten)]
    extra: ExtraFields,
}

fn registration_id<S: Serializer>(id: &str, serializer: S) -> Result<S::Ok, S::Error> {
    checks::url_safe_id("registration_id", id)?;
    serializer.serialize_str(id)
}

fn registration_metadata<S: Serializer>(
    metadata: &Option<serde_json::Map<String, serde_json::Value>>,
    serializer: S,
) -> Result<S::Ok, S::Error> {
    let entries = metadata.as_ref().map_or(0, serde_json::Map::len);
    if entries > MAX_REGISTRATION_METADATA {
        return Err(cronofy_core::invalid_request(format_args!(
            "`metadata` may have at most {MAX_REGISTRATION_METADATA} entries, not {entries}"
        )));
    }
    let mut map = serializer.serialize_map(Some(entries))?;
    for (key, value) in metadata.iter().flatten() {
        map.serialize_entry(key, value)?;
    }
    map.end()
}

impl UpsertBookableEventRegistration {
    /// The registration `registration_id` (letters, digits, `_` and `-`, unique within the
    /// event) with its status.
    pub fn new(registration_id: impl Into<String>, status: RegistrationStatus) -> Self {
        UpsertBookableEventRegistration {
            registration_id: registration_id.into(),
            status,
            metadata: None,
            extra: ExtraFields::default(),
        }
    }

    /// Adds `name: value` to the registration's metadata (such as `email`, `name`, `locale`,
    /// `zoneinfo`); at most [`MAX_REGISTRATION_METADATA`] entries.
    pub fn metadata(
        mut self,
        name: impl Into<String>,
        value: impl Into<serde_json::Value>,
    ) -> Self {
        self.metadata
            .get_or_insert_with(serde_json::Map::new)
            .insert(name.into(), value.into());
        self
    }
}

extensible_body!(UpsertBookableEventRegistration {
    "registration_id",
    "status",
    "metadata"
});

/// A bookable event, as Cronofy returns it.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[non_exhaustive]
pub struct BookableEvent {
    /// Your id for the event.
    pub bookable_event_id: String,
    /// Start.
    pub start: UtcTime,
    /// End.
    pub end: UtcTime,
    /// Whether it takes place.
    pub status: BookableEventStatus,
    /// Its capacity and registrations.
    #[serde(default)]
    pub registration: Option<BookableEventRegistrations>,
    /// Every other field Cronofy sent, kept as JSON.
    #[serde(flatten)]
    pub extra: crate::Extra,
}

/// The capacity and registrations of a bookable event.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[non_exhaustive]
pub struct BookableEventRegistrations {
    /// How many registrations it takes; `None` (Cronofy's `null`) is unlimited.
    #[serde(default)]
    pub capacity: Option<u32>,
    /// The registrations that are neither declined nor removed.
    #[serde(default)]
    pub registered_count: Option<u32>,
    /// Every registration, whatever its status.
    #[serde(default)]
    pub total_count: Option<u32>,
    /// The registrations (one page of them: see [`pages`](Self::pages)).
    #[serde(default, deserialize_with = "crate::wire::null_as_default")]
    pub registrations: Vec<BookableEventRegistration>,
    /// Where this page of registrations is among them, when Cronofy pages them; its
    /// `next_page` is an absolute URL.
    #[serde(default)]
    pub pages: Option<PageInfo>,
    /// Every other field Cronofy sent, kept as JSON.
    #[serde(flatten)]
    pub extra: crate::Extra,
}

/// A registration for a bookable event.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[non_exhaustive]
pub struct BookableEventRegistration {
    /// Your id for the registration.
    pub registration_id: String,
    /// Where it stands.
    pub status: RegistrationStatus,
    /// What you keep with it; `None` once removed.
    #[serde(default)]
    pub metadata: Option<serde_json::Map<String, serde_json::Value>>,
    /// Every other field Cronofy sent, kept as JSON.
    #[serde(flatten)]
    pub extra: crate::Extra,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn refusal(body: &impl Serialize) -> String {
        let error = serde_json::to_string(body).unwrap_err().to_string();
        cronofy_core::__private::refusal_reason(&error)
            .unwrap_or_else(|| panic!("not a refusal: {error}"))
            .to_owned()
    }

    fn event(id: &str, capacity: u32) -> UpsertBookableEvent {
        UpsertBookableEvent::new(
            id,
            UtcTime::parse("2026-11-24T12:30:00Z").unwrap(),
            UtcTime::parse("2026-11-24T13:30:00Z").unwrap(),
            BookableEventStatus::Confirmed,
            capacity,
        )
    }

    #[test]
    fn capacity_is_one_to_256() {
        assert!(serde_json::to_string(&event("a", 1)).is_ok());
        assert!(serde_json::to_string(&event("a", 256)).is_ok());
        assert_eq!(
            refusal(&event("a", 0)),
            "`registration.capacity` must be between 1 and 256, not 0"
        );
        assert!(refusal(&event("a", 257)).contains("not 257"));
        assert!(refusal(&event("a/b", 5)).starts_with("`bookable_event_id` may only"));
    }

    #[test]
    fn metadata_has_at_most_ten_entries() {
        let mut registration =
            UpsertBookableEventRegistration::new("r1", RegistrationStatus::Pending);
        for i in 0..10 {
            registration = registration.metadata(format!("k{i}"), i);
        }
        assert!(serde_json::to_string(&registration).is_ok());
        assert_eq!(
            refusal(&registration.metadata("k10", 10)),
            "`metadata` may have at most 10 entries, not 11"
        );
        assert!(
            refusal(&UpsertBookableEventRegistration::new(
                "r 1",
                RegistrationStatus::Pending
            ))
            .starts_with("`registration_id`")
        );
    }
}
