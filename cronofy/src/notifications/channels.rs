//! Channels: where Cronofy sends a user's push notifications.

use serde::{Deserialize, Serialize};

use crate::cronofy_endpoint;
use crate::fields::{ExtraFields, extensible_body};

/// Creates a notification channel: Cronofy will `POST` to `callback_url` when the user's
/// calendars change (and once right away, a `verification` notification).
///
/// Needs a user credential with the `read_events` scope. Notifications are verified with
/// [`verify_notification`](super::verify_notification).
/// [Cronofy docs](https://docs.cronofy.com/developers/api/push-notifications/create-channel/)
///
/// ```no_run
/// use cronofy::notifications::{CreateChannel, create_channel};
/// use cronofy::{Client, UserToken};
///
/// async fn watch(client: &Client, user: &UserToken) -> Result<(), cronofy::Error> {
///     let request = CreateChannel::new("https://example.com/cronofy/notifications")
///         .calendar_ids(["cal_n23kjnwrw2_jsdfjksn234"])
///         .only_managed(false);
///     let channel = create_channel(client, user, &request).await?.channel;
///     println!("channel {}", channel.channel_id);
///     Ok(())
/// }
/// ```
#[cronofy_endpoint(auth = "user", method = "POST", path = "/v1/channels")]
pub async fn create_channel(#[body] channel: &CreateChannel) -> ChannelResponse;

/// Lists the user's open notification channels.
///
/// Needs a user credential.
/// [Cronofy docs](https://docs.cronofy.com/developers/api/push-notifications/list-channels/)
///
/// ```no_run
/// use cronofy::{Client, UserToken};
///
/// async fn show_channels(client: &Client, user: &UserToken) -> Result<(), cronofy::Error> {
///     let channels = cronofy::notifications::list_channels(client, user)
///         .await?
///         .channels;
///     for channel in &channels {
///         println!("{} calls {}", channel.channel_id, channel.callback_url);
///     }
///     Ok(())
/// }
/// ```
#[cronofy_endpoint(auth = "user", method = "GET", path = "/v1/channels")]
pub async fn list_channels() -> ChannelList;

/// Closes a notification channel: Cronofy stops calling its URL.
///
/// Needs a user credential. Cronofy answers `202 Accepted`.
/// [Cronofy docs](https://docs.cronofy.com/developers/api/push-notifications/close-channel/)
///
/// ```no_run
/// use cronofy::{Client, UserToken};
///
/// async fn stop_watching(client: &Client, user: &UserToken) -> Result<(), cronofy::Error> {
///     cronofy::notifications::close_channel(client, user, "chn_54cf7c7cb4ad4c1027000001").await?;
///     println!("no more notifications to chn_54cf7c7cb4ad4c1027000001");
///     Ok(())
/// }
/// ```
#[cronofy_endpoint(auth = "user", method = "DELETE", path = "/v1/channels/{channel_id}")]
pub async fn close_channel(channel_id: &str);

/// The body of [`create_channel()`]: the URL to call, and optional filters.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[must_use]
pub struct CreateChannel {
    callback_url: String,
    #[serde(skip_serializing_if = "ChannelFilters::is_empty")]
    filters: ChannelFilters,
    #[serde(flatten)]
    extra: ExtraFields,
}

extensible_body!(CreateChannel {
    "callback_url",
    "filters"
});

impl CreateChannel {
    /// A channel calling `callback_url` (HTTPS, reachable from the internet) for changes in
    /// every calendar of the user.
    pub fn new(callback_url: impl Into<String>) -> Self {
        CreateChannel {
            callback_url: callback_url.into(),
            filters: ChannelFilters::default(),
            extra: ExtraFields::default(),
        }
    }

    /// Only notify of changes in these calendars.
    pub fn calendar_ids<I, S>(mut self, ids: I) -> Self
    where
        I: IntoIterator<Item = S>,
        S: Into<String>,
    {
        self.filters.calendar_ids = ids.into_iter().map(Into::into).collect();
        self
    }

    /// With `true`, only notify of changes to events your application manages.
    pub fn only_managed(mut self, yes: bool) -> Self {
        self.filters.only_managed = Some(yes);
        self
    }
}

/// The body of [`create_channel()`].
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[non_exhaustive]
pub struct ChannelResponse {
    /// The new channel.
    pub channel: Channel,
    /// Every other field Cronofy sent, kept as JSON.
    #[serde(flatten)]
    pub extra: crate::Extra,
}

/// The body of [`list_channels()`].
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[non_exhaustive]
pub struct ChannelList {
    /// The open channels.
    #[serde(default, deserialize_with = "crate::wire::null_as_default")]
    pub channels: Vec<Channel>,
    /// Every other field Cronofy sent, kept as JSON.
    #[serde(flatten)]
    pub extra: crate::Extra,
}

/// A notification channel.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[non_exhaustive]
pub struct Channel {
    /// Its id, e.g. `chn_54cf7c7cb4ad4c1027000001`: what [`close_channel()`] takes.
    pub channel_id: String,
    /// The URL Cronofy calls.
    pub callback_url: String,
    /// What the channel is restricted to; empty when it is not.
    #[serde(default, deserialize_with = "crate::wire::null_as_default")]
    pub filters: ChannelFilters,
    /// Every other field Cronofy sent, kept as JSON.
    #[serde(flatten)]
    pub extra: crate::Extra,
}

/// What a channel notifies of.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[non_exhaustive]
pub struct ChannelFilters {
    /// Only these calendars; every calendar when empty.
    #[serde(
        default,
        skip_serializing_if = "Vec::is_empty",
        deserialize_with = "crate::wire::null_as_default"
    )]
    pub calendar_ids: Vec<String>,
    /// Whether only events your application manages count.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub only_managed: Option<bool>,
    /// Every other field Cronofy sent, kept as JSON.
    #[serde(flatten)]
    pub extra: crate::Extra,
}

impl ChannelFilters {
    fn is_empty(&self) -> bool {
        self.calendar_ids.is_empty() && self.only_managed.is_none() && self.extra.is_empty()
    }
}
