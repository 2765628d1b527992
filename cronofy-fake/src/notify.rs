//! The notifications the fake sends, as Cronofy does: a channel's `verification` when it is
//! created, `change` when an event it covers is created, updated or deleted,
//! `profile_disconnected` when a profile of its user loses its authorization, and a smart
//! invite's reply to the invite's `callback_url`. Each body is signed in
//! `Cronofy-HMAC-SHA256` with the application's client secret.
//!
//! A state change queues the notification (under the state's lock, without waiting); one
//! background task posts them in order, never holding the lock across the HTTP call, with
//! a short timeout and without following redirects. A callback that fails is recorded, and
//! the API call that caused it has already been answered. Only `http` URLs on loopback
//! addresses are called: the fake has no TLS, and a test double must not reach out to the
//! internet (a channel of `https://example.com/...` is recorded as skipped).

use std::net::{IpAddr, Ipv4Addr};
use std::sync::{Arc, Mutex, PoisonError};
use std::time::Duration;

use axum::body::Body;
use axum::http::{Request, header};
use base64::Engine as _;
use base64::engine::general_purpose::STANDARD as BASE64;
use hmac::{Hmac, KeyInit as _, Mac as _};
use hyper_util::rt::TokioIo;
use serde_json::{Value, json};
use sha2::Sha256;
use tokio::net::TcpStream;
use tokio::sync::{mpsc, watch};
use url::{Host, Url};

use crate::state::{State, StoredChannel};

/// How long one delivery may take, connection included: a callback that hangs must not hold
/// back the ones after it for long.
pub const DELIVERY_TIMEOUT: Duration = Duration::from_secs(5);

/// The header holding the signature.
const SIGNATURE_HEADER: &str = "Cronofy-HMAC-SHA256";

/// The deliveries kept, the oldest going first.
const LOG_CAPACITY: usize = 10_000;

/// One notification the fake sent (or tried to), as
/// [`FakeCronofy::notifications`](crate::FakeCronofy::notifications) lists them.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct NotificationDelivery {
    /// Where it was posted: the channel's or the smart invite's `callback_url`.
    pub url: String,
    /// Its `notification.type`: `verification`, `change`, `profile_disconnected`,
    /// `smart_invite`.
    pub kind: String,
    /// The body exactly as sent.
    pub body: String,
    /// The `Cronofy-HMAC-SHA256` header sent with it: the base64 HMAC-SHA256 of the body,
    /// keyed with the application's client secret (not the secret itself).
    pub signature: String,
    /// What became of it.
    pub outcome: DeliveryOutcome,
}

/// What became of a [`NotificationDelivery`].
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum DeliveryOutcome {
    /// The callback answered with this status (a redirect is not followed: its `3xx` is the
    /// outcome).
    Answered(u16),
    /// The callback could not be reached, or did not answer within [`DELIVERY_TIMEOUT`].
    Failed(String),
    /// Not sent: the URL is not `http` on a loopback address.
    Skipped(String),
}

/// A notification waiting to be posted.
struct Outgoing {
    url: String,
    kind: String,
    body: String,
    signature: String,
}

/// Where state changes queue notifications; the delivery task takes them from here.
pub(crate) struct Outbox {
    queue: mpsc::UnboundedSender<Outgoing>,
    pending: Arc<watch::Sender<usize>>,
}

/// The test's view of the deliveries: how many are pending, and what became of the others.
#[derive(Clone)]
pub(crate) struct Deliveries {
    pending: watch::Receiver<usize>,
    log: Arc<Mutex<Vec<NotificationDelivery>>>,
}

impl Deliveries {
    /// Waits until every notification queued so far has been delivered (or has failed).
    pub(crate) async fn settled(&self) {
        let mut pending = self.pending.clone();
        // An error means the delivery task is gone (the runtime is shutting down): nothing
        // is pending any more.
        let _ = pending.wait_for(|n| *n == 0).await;
    }

    pub(crate) fn snapshot(&self) -> Vec<NotificationDelivery> {
        self.log
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .clone()
    }

    pub(crate) fn clear(&self) {
        self.log
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .clear();
    }
}

/// A new outbox, the test's view of it, and the task delivering what it queues (to spawn).
pub(crate) fn outbox() -> (
    Outbox,
    Deliveries,
    impl Future<Output = ()> + Send + 'static,
) {
    let (queue, received) = mpsc::unbounded_channel();
    let (pending, pending_rx) = watch::channel(0);
    let pending = Arc::new(pending);
    let log = Arc::new(Mutex::new(Vec::new()));
    let task = deliver(received, Arc::clone(&pending), Arc::clone(&log));
    (
        Outbox { queue, pending },
        Deliveries {
            pending: pending_rx,
            log,
        },
        task,
    )
}

impl Outbox {
    /// Signs `body` with `client_secret` and queues it for `url`.
    fn send(&self, url: &str, body: &Value, client_secret: &str) {
        let kind = body["notification"]["type"]
            .as_str()
            .unwrap_or_default()
            .to_owned();
        let body = body.to_string();
        let outgoing = Outgoing {
            url: url.to_owned(),
            kind,
            signature: sign(&body, client_secret),
            body,
        };
        // Counted before it is queued, so a test that waits right after the API call that
        // caused it waits for it too.
        self.pending.send_modify(|n| *n += 1);
        if self.queue.send(outgoing).is_err() {
            // The delivery task is gone (the runtime is shutting down): nothing to wait for.
            self.pending.send_modify(|n| *n = n.saturating_sub(1));
        }
    }
}

/// base64(HMAC-SHA256(key = client secret, message = body)), as Cronofy signs.
fn sign(body: &str, client_secret: &str) -> String {
    // HMAC takes keys of any length.
    let Ok(mut mac) = Hmac::<Sha256>::new_from_slice(client_secret.as_bytes()) else {
        return String::new();
    };
    mac.update(body.as_bytes());
    BASE64.encode(mac.finalize().into_bytes())
}

/// Posts each queued notification in turn, recording what became of it.
async fn deliver(
    mut received: mpsc::UnboundedReceiver<Outgoing>,
    pending: Arc<watch::Sender<usize>>,
    log: Arc<Mutex<Vec<NotificationDelivery>>>,
) {
    // If this task ends early (its runtime shuts down, a delivery panics), nothing will be
    // delivered any more: waiting for deliveries must not hang on those still counted.
    let _nothing_pending_after = NothingPendingAfter(Arc::clone(&pending));
    while let Some(outgoing) = received.recv().await {
        let outcome = post(&outgoing).await;
        {
            let mut log = log.lock().unwrap_or_else(PoisonError::into_inner);
            if log.len() == LOG_CAPACITY {
                log.remove(0);
            }
            log.push(NotificationDelivery {
                url: outgoing.url,
                kind: outgoing.kind,
                body: outgoing.body,
                signature: outgoing.signature,
                outcome,
            });
        }
        pending.send_modify(|n| *n = n.saturating_sub(1));
    }
}

/// Sets the count of pending deliveries to zero when the delivery task ends, however it ends.
struct NothingPendingAfter(Arc<watch::Sender<usize>>);

impl Drop for NothingPendingAfter {
    fn drop(&mut self) {
        self.0.send_replace(0);
    }
}

/// One `POST`, over a fresh connection, within [`DELIVERY_TIMEOUT`].
async fn post(outgoing: &Outgoing) -> DeliveryOutcome {
    let url = match Url::parse(&outgoing.url) {
        Ok(url) => url,
        Err(e) => return DeliveryOutcome::Skipped(format!("not a URL: {e}")),
    };
    if url.scheme() != "http" {
        return DeliveryOutcome::Skipped(
            "the fake calls only http URLs (it has no TLS)".to_owned(),
        );
    }
    // Resolved here, without DNS, so no name can lead the fake off this machine.
    let ip = match url.host() {
        Some(Host::Ipv4(ip)) if ip.is_loopback() => IpAddr::V4(ip),
        Some(Host::Ipv6(ip)) if ip.is_loopback() => IpAddr::V6(ip),
        Some(Host::Domain(name)) if name.eq_ignore_ascii_case("localhost") => {
            IpAddr::V4(Ipv4Addr::LOCALHOST)
        }
        _ => {
            return DeliveryOutcome::Skipped(
                "the fake calls only loopback addresses (127.0.0.0/8, [::1], localhost)".to_owned(),
            );
        }
    };
    let port = url.port_or_known_default().unwrap_or(80);
    let authority = match url.port() {
        Some(port) => format!("{}:{port}", url.host_str().unwrap_or_default()),
        None => url.host_str().unwrap_or_default().to_owned(),
    };
    let target = match url.query() {
        Some(query) => format!("{}?{query}", url.path()),
        None => url.path().to_owned(),
    };
    let request = Request::post(target)
        .header(header::HOST, authority)
        .header(header::CONTENT_TYPE, "application/json; charset=utf-8")
        .header(header::USER_AGENT, "Cronofy (cronofy-fake)")
        .header(SIGNATURE_HEADER, &outgoing.signature)
        .body(Body::from(outgoing.body.clone()));
    let request = match request {
        Ok(request) => request,
        Err(e) => return DeliveryOutcome::Skipped(format!("no request can be made: {e}")),
    };
    let exchange = async {
        let stream = TcpStream::connect((ip, port)).await?;
        let (mut sender, connection) = hyper::client::conn::http1::handshake(TokioIo::new(stream))
            .await
            .map_err(std::io::Error::other)?;
        // Drives the connection; it ends once `sender` is dropped.
        tokio::spawn(async move {
            let _ = connection.await;
        });
        let response = sender
            .send_request(request)
            .await
            .map_err(std::io::Error::other)?;
        Ok::<_, std::io::Error>(response.status().as_u16())
    };
    match tokio::time::timeout(DELIVERY_TIMEOUT, exchange).await {
        Ok(Ok(status)) => DeliveryOutcome::Answered(status),
        Ok(Err(e)) => DeliveryOutcome::Failed(e.to_string()),
        Err(_) => DeliveryOutcome::Failed(format!(
            "no answer within {} seconds",
            DELIVERY_TIMEOUT.as_secs()
        )),
    }
}

// ---- what the state changes send ----

/// Queues `body` for `url`, signed with the application's client secret.
fn send(state: &State, url: &str, body: &Value) {
    state.outbox.send(url, body, &state.app().client_secret);
}

/// A new channel's `verification`.
pub(crate) fn channel_created(state: &State, channel: &StoredChannel) {
    let body = json!({
        "notification": { "type": "verification" },
        "channel": crate::channels::channel_json(channel),
    });
    send(state, &channel.callback_url, &body);
}

/// Events of the user `sub` changed: `(calendar_id, managed)` for each. Every channel of the
/// user covering one of them gets one `change`.
pub(crate) fn events_changed(state: &State, sub: &str, changes: &[(String, bool)]) {
    let Some(user) = state.users.get(sub) else {
        return;
    };
    if changes.is_empty() {
        return;
    }
    // A second early: the change was stamped before this read of the clock, maybe in the
    // second before it, and reading with `last_modified = changes_since` must find it.
    let changes_since = crate::clock::format_time(state.clock.now_secs().saturating_sub(1));
    for channel in &user.channels {
        let covered = changes.iter().any(|(calendar_id, managed)| {
            (channel.calendar_ids.is_empty() || channel.calendar_ids.contains(calendar_id))
                && (*managed || channel.only_managed != Some(true))
        });
        if covered {
            let body = json!({
                "notification": { "type": "change", "changes_since": changes_since },
                "channel": crate::channels::channel_json(channel),
            });
            send(state, &channel.callback_url, &body);
        }
    }
}

/// A profile of the user `sub` lost its authorization: every channel of the user is told.
pub(crate) fn profile_disconnected(state: &State, sub: &str) {
    let Some(user) = state.users.get(sub) else {
        return;
    };
    for channel in &user.channels {
        let body = json!({
            "notification": { "type": "profile_disconnected" },
            "channel": crate::channels::channel_json(channel),
        });
        send(state, &channel.callback_url, &body);
    }
}

/// A recipient answered a smart invite: its `callback_url` (if it has one) gets the invite
/// with the recipient's new status and their reply.
pub(crate) fn smart_invite_answered(state: &State, invite: &Value) {
    let Some(url) = invite["callback_url"].as_str() else {
        return;
    };
    let body = json!({
        "notification": { "type": "smart_invite" },
        "smart_invite": invite,
    });
    send(state, url, &body);
}
