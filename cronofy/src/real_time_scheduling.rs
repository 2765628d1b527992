//! Real-time scheduling links, which let invitees pick a time themselves.

use serde::Deserialize;

use crate::cronofy_endpoint;

/// Returns the status of a real-time scheduling link.
///
/// Needs the application's credentials (the client secret is the API key).
/// [Cronofy docs](https://docs.cronofy.com/developers/api/scheduling/real-time-scheduling/status/)
#[cronofy_endpoint(auth = "app", method = "GET", path = "/v1/real_time_scheduling/{id}")]
pub async fn real_time_scheduling_status(id: &str) -> RealTimeSchedulingResponse;

/// The body of [`real_time_scheduling_status()`].
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[non_exhaustive]
pub struct RealTimeSchedulingResponse {
    /// The link.
    pub real_time_scheduling: RealTimeScheduling,
}

/// A real-time scheduling link.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[non_exhaustive]
pub struct RealTimeScheduling {
    /// Its id, e.g. `sch_4353945880944395`.
    pub real_time_scheduling_id: String,
    /// The page invitees are sent to.
    #[serde(default)]
    pub url: Option<String>,
    /// `enabled`, `disabled`, `completed`, ...
    #[serde(default)]
    pub status: Option<String>,
    /// The event that will be created, as Cronofy echoes it.
    #[serde(default)]
    pub event: Option<serde_json::Value>,
}
