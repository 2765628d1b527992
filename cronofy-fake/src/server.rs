//! Serving connections: hyper serves each connection, the axum router answers each request,
//! and around it this module applies the rate limits and any injected fault, and logs the
//! request.
//!
//! hyper is driven directly rather than through `axum::serve` so that a fault can close a
//! connection without answering: a service error makes hyper drop the connection.

use std::fmt;
use std::sync::Arc;
use std::time::Duration;

use axum::Router;
use axum::body::{Body, Bytes};
use axum::http::{HeaderValue, Request, StatusCode, header};
use axum::response::Response;
use hyper::body::Incoming;
use hyper::server::conn::http1;
use hyper::service::service_fn;
use hyper_util::rt::{TokioIo, TokioTimer};
use serde_json::json;
use tokio::net::TcpListener;
use tokio::sync::watch;
use tower_service::Service;

use crate::auth;
use crate::faults::FaultKind;
use crate::limits::{self, Verdict};
use crate::log::RequestRecord;
use crate::reply;
use crate::routes;
use crate::state::Shared;

/// Accepts connections until `shutdown` changes (or its sender is dropped), then closes every
/// connection.
pub(crate) async fn serve(
    listener: TcpListener,
    shared: Arc<Shared>,
    mut shutdown: watch::Receiver<bool>,
) {
    let router = routes::router(Arc::clone(&shared));
    loop {
        let stream = tokio::select! {
            accepted = listener.accept() => match accepted {
                Ok((stream, _)) => stream,
                // Out of file descriptors or similar: wait a moment instead of spinning.
                Err(_) => {
                    tokio::time::sleep(Duration::from_millis(10)).await;
                    continue;
                }
            },
            _ = shutdown.changed() => return,
        };
        let shared = Arc::clone(&shared);
        let router = router.clone();
        let mut shutdown = shutdown.clone();
        tokio::spawn(async move {
            let service =
                service_fn(move |request| dispatch(Arc::clone(&shared), router.clone(), request));
            let connection = http1::Builder::new()
                .timer(TokioTimer::new())
                .serve_connection(TokioIo::new(stream), service);
            tokio::select! {
                _ = connection => {}
                _ = shutdown.changed() => {}
            }
        });
    }
}

/// The service error that makes hyper close the connection without an answer.
#[derive(Debug)]
struct DropConnection;

impl fmt::Display for DropConnection {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("connection dropped by an injected fault")
    }
}

impl std::error::Error for DropConnection {}

/// Answers one request: recognize its credential, apply a waiting fault, route it, log it.
async fn dispatch(
    shared: Arc<Shared>,
    mut router: Router,
    request: Request<Incoming>,
) -> Result<Response, DropConnection> {
    let path = request.uri().path().to_owned();
    let mut request = request.map(Body::new);
    let cost = limits::cost(&shared, &mut request).await;
    let (presented, verdict, fault) = {
        let mut state = shared.lock();
        let presented = auth::recognize(&state, request.headers());
        let verdict = limits::admit(&mut state, request.headers(), cost);
        // A refused request never reached "Cronofy": it leaves the faults for the next ones.
        let fault = match verdict {
            Verdict::Admitted => state.faults.take(&path),
            Verdict::Refused { .. } => None,
        };
        (presented, verdict, fault)
    };
    let mut record = RequestRecord {
        method: request.method().to_string(),
        path,
        credential: presented.kind(),
        acting_for: presented.acting_for(),
        status: None,
        fault: fault.clone(),
    };
    request.extensions_mut().insert(presented);

    let response = match fault {
        // The limits answer first; a refused request has taken no fault.
        _ if verdict != Verdict::Admitted => limits::refusal(verdict),
        None => route(&mut router, request).await,
        Some(FaultKind::Delay(by)) => {
            tokio::time::sleep(by).await;
            route(&mut router, request).await
        }
        Some(FaultKind::RateLimited { retry_after }) => rate_limited(retry_after),
        Some(FaultKind::Status(code)) => {
            let status = StatusCode::from_u16(code).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
            reply::json(status, &json!({ "error": "fault injected by the test" }))
        }
        Some(FaultKind::DropConnection) => {
            shared.lock().log.push(record);
            return Err(DropConnection);
        }
        Some(FaultKind::MalformedBody) => truncate_body(route(&mut router, request).await).await,
    };
    record.status = Some(response.status().as_u16());
    shared.lock().log.push(record);
    Ok(response)
}

async fn route(router: &mut Router, request: Request<Body>) -> Response {
    match router.call(request).await {
        Ok(response) => response,
        Err(never) => match never {},
    }
}

fn rate_limited(retry_after: Option<Duration>) -> Response {
    let mut response = reply::empty(StatusCode::TOO_MANY_REQUESTS);
    if let Some(after) = retry_after {
        response
            .headers_mut()
            .insert(header::RETRY_AFTER, HeaderValue::from(after.as_secs()));
    }
    response
}

/// The same answer with the first half of its body only: a JSON text cut short never parses.
async fn truncate_body(response: Response) -> Response {
    let (mut parts, body) = response.into_parts();
    let body = axum::body::to_bytes(body, usize::MAX)
        .await
        .unwrap_or_default();
    let cut = if body.len() > 1 {
        body.slice(..body.len() / 2)
    } else {
        Bytes::from_static(b"{\"")
    };
    parts.headers.remove(header::CONTENT_LENGTH);
    parts.headers.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("application/json; charset=utf-8"),
    );
    Response::from_parts(parts, Body::from(cut))
}
