//! The request log: what each request was and how it was answered, never a secret.

use std::collections::VecDeque;

use crate::faults::FaultKind;

/// Which kind of credential a request presented, as the fake recognized it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum CredentialKind {
    /// No `Authorization` header (the OAuth endpoints take client credentials in the body).
    None,
    /// A user's access token (possibly expired).
    User,
    /// The application's client secret (the API key).
    App,
    /// An Organizational Unit's access token (possibly expired).
    Org,
    /// An org token or an application secret with `Cronofy-Impersonate`.
    Impersonating,
    /// An Enterprise Connect service account's access token (possibly expired).
    ServiceAccount,
    /// A bearer the fake does not know (made up, revoked, malformed), or another scheme.
    Unknown,
}

/// One request the fake received.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct RequestRecord {
    /// The method, e.g. `GET`.
    pub method: String,
    /// The path as sent (percent-encoded), without the query string.
    pub path: String,
    /// Which credential was presented.
    pub credential: CredentialKind,
    /// Whom the credential acts for: the token's user, the impersonated member, the
    /// organization's id or the service account's id; `None` for the application and for
    /// unknown credentials.
    pub acting_for: Option<String>,
    /// The status answered, or `None` when the connection was dropped.
    pub status: Option<u16>,
    /// The injected fault that shaped the answer, if any.
    pub fault: Option<FaultKind>,
}

/// Keeps the latest requests; the oldest go first, so a long-running fake stays small.
#[derive(Debug, Default)]
pub(crate) struct RequestLog {
    records: VecDeque<RequestRecord>,
}

impl RequestLog {
    const CAPACITY: usize = 10_000;

    pub(crate) fn push(&mut self, record: RequestRecord) {
        if self.records.len() == Self::CAPACITY {
            self.records.pop_front();
        }
        self.records.push_back(record);
    }

    pub(crate) fn snapshot(&self) -> Vec<RequestRecord> {
        self.records.iter().cloned().collect()
    }

    pub(crate) fn clear(&mut self) {
        self.records.clear();
    }
}
