//! Push notifications: what a channel's callback URL receives.

use serde::Deserialize;

use super::{Channel, NotificationError};
use crate::time::UtcTime;

/// A push notification, as Cronofy `POST`s it to a channel's callback URL.
///
/// Read it with [`verify_notification`](super::verify_notification) (or, once the signature is checked some other way,
/// [`Notification::parse`]). Fields this crate does not model are kept in `extra`.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[non_exhaustive]
pub struct Notification {
    /// What happened.
    pub notification: NotificationDetails,
    /// The channel it came through (absent from some notification kinds).
    #[serde(default)]
    pub channel: Option<Channel>,
    /// For a smart invite's callback ([`NotificationType::SmartInvite`]): the invite, with the
    /// recipient's status and their `reply`.
    #[serde(default)]
    pub smart_invite: Option<crate::scheduling::SmartInvite>,
    /// Any other top-level field, as JSON.
    #[serde(flatten)]
    pub extra: crate::Extra,
}

/// The `notification` object of a [`Notification`].
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[non_exhaustive]
pub struct NotificationDetails {
    /// Its kind.
    #[serde(rename = "type")]
    pub kind: NotificationType,
    /// For [`NotificationType::Change`]: read events with `last_modified` set to this time to
    /// get what changed.
    #[serde(default)]
    pub changes_since: Option<UtcTime>,
    /// Any other field, as JSON (e.g. the profile of a `profile_disconnected`).
    #[serde(flatten)]
    pub extra: crate::Extra,
}

cronofy_core::open_enum! {
    /// The kind of a [`Notification`].
    ///
    /// Cronofy adds kinds over time and asks integrations to ignore those they do not know: those
    /// are kept as [`NotificationType::Unknown`] with their text.
    pub enum NotificationType {
        /// `verification`: sent once when a channel is created, to check the URL works.
        Verification = "verification",
        /// `change`: something changed in the user's calendars; see `changes_since`.
        Change = "change",
        /// `profile_disconnected`: Cronofy lost access to one of the user's profiles; the user
        /// must relink it.
        ProfileDisconnected = "profile_disconnected",
        /// `smart_invite`: a recipient answered a smart invite; see
        /// [`Notification::smart_invite`]. Posted to the invite's `callback_url`.
        SmartInvite = "smart_invite",
        /// `conferencing_assigned`: the conferencing asked for on an event is ready; see
        /// [`Callback::Conferencing`](super::Callback::Conferencing).
        ConferencingAssigned = "conferencing_assigned",
        /// `conferencing_success`: what older documentation calls `conferencing_assigned`.
        ConferencingSuccess = "conferencing_success",
        /// `conferencing_failing`: the conferencing asked for on an event could not be set up.
        ConferencingFailing = "conferencing_failing",
        /// `attachment_approved`: an uploaded file may be attached; see
        /// [`Callback::Attachment`](super::Callback::Attachment).
        AttachmentApproved = "attachment_approved",
        /// `attachment_rejected`: an uploaded file was refused.
        AttachmentRejected = "attachment_rejected",
        /// `no_times_suitable`: the invitee of a real-time scheduling link said no time
        /// suits them (its `callback_urls.no_times_suitable_url`). Named after that URL: no
        /// source this crate follows shows the type's text.
        NoTimesSuitable = "no_times_suitable",
        /// `no_times_displayed`: a real-time scheduling link had no time to show (its
        /// `callback_urls.no_times_displayed_url`); named like
        /// [`NoTimesSuitable`](Self::NoTimesSuitable).
        NoTimesDisplayed = "no_times_displayed",
    }
}

impl Notification {
    /// Reads a notification body, without checking its signature: use
    /// [`verify_notification`](super::verify_notification) unless the signature was checked already.
    pub fn parse(raw_body: &[u8]) -> Result<Notification, NotificationError> {
        serde_json::from_slice(raw_body).map_err(|e| NotificationError::invalid_body(&e))
    }
}
