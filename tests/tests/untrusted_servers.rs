//! What an answer cannot make the client do, over real HTTP on loopback.
//!
//! - **Redirects.** A second listener plays another origin and counts every connection and
//!   byte it receives. For each redirect status (301, 302, 303, 307, 308) and every kind of
//!   request (a user's GET and POST, the application's, an organization's, an impersonation,
//!   the token endpoint, an application calendar with client credentials in the body, a
//!   refreshing credential after a 401), through the default HTTP client and through one built
//!   from a caller's `reqwest::ClientBuilder` (whose own policy would follow), the redirect is
//!   refused as `Error::Redirected` naming the other origin, and the other origin receives
//!   nothing. A redirect of a GET on the client's own origin and base path is followed;
//!   anything else (a POST, another path prefix) is refused too.
//! - **Sizes.** A body over the client's limit is `Error::ResponseTooLarge`, found from
//!   `Content-Length` before reading, or while reading a chunked body, without reading the rest.

use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use cronofy::calendars::CreateApplicationCalendar;
use cronofy::events::UpsertEvent;
use cronofy::oauth::{MemoryTokenStore, RefreshAccessToken, RefreshingUserToken, TokenSet};
use cronofy::time::UtcTime;
use cronofy::{AppCredentials, Client, Error, OrgToken, UserToken};
use mockito::{Matcher, Server, ServerGuard};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpListener;

const USER_TOKEN: &str = "user-token-R3direct9kLmQ";
const ORG_TOKEN: &str = "org-token-R3direct2pZxW";
const CLIENT_ID: &str = "redirect-tests-client";
const CLIENT_SECRET: &str = "client-secret-R3direct7vBn";
const REFRESH_TOKEN: &str = "refresh-token-R3direct5yTr";

/// Another origin: accepts connections and counts them and the bytes sent to it, answering
/// nothing (a request that reached it would hang until the client's timeout).
struct OtherOrigin {
    url: String,
    connections: Arc<AtomicUsize>,
    bytes: Arc<AtomicUsize>,
}

impl OtherOrigin {
    async fn start() -> OtherOrigin {
        let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
        let url = format!("http://{}", listener.local_addr().unwrap());
        let (connections, bytes) = (Arc::<AtomicUsize>::default(), Arc::<AtomicUsize>::default());
        let (counted, received) = (Arc::clone(&connections), Arc::clone(&bytes));
        tokio::spawn(async move {
            loop {
                let Ok((mut stream, _)) = listener.accept().await else {
                    return;
                };
                counted.fetch_add(1, Ordering::SeqCst);
                let received = Arc::clone(&received);
                tokio::spawn(async move {
                    let mut buffer = [0u8; 4096];
                    while let Ok(read) = stream.read(&mut buffer).await {
                        if read == 0 {
                            break;
                        }
                        received.fetch_add(read, Ordering::SeqCst);
                    }
                });
            }
        });
        OtherOrigin {
            url,
            connections,
            bytes,
        }
    }

    fn untouched(&self) -> bool {
        self.connections.load(Ordering::SeqCst) == 0 && self.bytes.load(Ordering::SeqCst) == 0
    }
}

/// The ways a client is built: the default HTTP client, and one from a caller's builder whose
/// own redirect policy would follow (reqwest's default).
fn clients(server: &ServerGuard) -> [Client; 2] {
    let build = |http: Option<reqwest::ClientBuilder>| {
        let mut builder = Client::builder()
            .base_url(server.url())
            .timeout(Duration::from_secs(3));
        if let Some(http) = http {
            builder = builder.http_client(http);
        }
        builder.build().unwrap()
    };
    [build(None), build(Some(reqwest::Client::builder()))]
}

fn app() -> AppCredentials {
    AppCredentials::new(CLIENT_ID, CLIENT_SECRET)
}

fn booking() -> UpsertEvent {
    UpsertEvent::new(
        "booking-1",
        "Intro call",
        UtcTime::parse("2026-11-23T09:00:00Z").unwrap(),
        UtcTime::parse("2026-11-23T09:30:00Z").unwrap(),
    )
}

const REDIRECTS: [usize; 5] = [301, 302, 303, 307, 308];

/// Answers `method path` with `status` and a `Location` on the other origin, for every request.
async fn redirect(
    server: &mut ServerGuard,
    method: &str,
    path: &str,
    status: usize,
    other: &OtherOrigin,
) -> mockito::Mock {
    server
        .mock(method, path)
        .with_status(status)
        .with_header("location", &format!("{}/stolen{path}?keep=out", other.url))
        .create_async()
        .await
}

fn assert_refused(result: Result<(), Error>, status: usize, other: &OtherOrigin, what: &str) {
    match result {
        Err(Error::Redirected {
            status: refused,
            origin,
        }) => {
            assert_eq!(refused.as_u16() as usize, status, "{what}");
            assert_eq!(origin, other.url, "{what}: names the origin it pointed to");
        }
        other => panic!("{what} {status}: expected Error::Redirected, got {other:?}"),
    }
    assert!(
        other.untouched(),
        "{what} {status}: the other origin was reached"
    );
}

#[tokio::test]
async fn no_request_follows_a_redirect_to_another_origin() {
    let other = OtherOrigin::start().await;
    for status in REDIRECTS {
        let mut server = Server::new_async().await;
        let _mocks = [
            redirect(&mut server, "GET", "/v1/calendars", status, &other).await,
            redirect(
                &mut server,
                "POST",
                "/v1/calendars/cal_1/events",
                status,
                &other,
            )
            .await,
            redirect(
                &mut server,
                "GET",
                "/v1/real_time_scheduling/sch_1",
                status,
                &other,
            )
            .await,
            redirect(
                &mut server,
                "GET",
                "/v1/organizational_unit_members",
                status,
                &other,
            )
            .await,
            redirect(&mut server, "POST", "/oauth/token", status, &other).await,
            redirect(
                &mut server,
                "POST",
                "/v1/application_calendars",
                status,
                &other,
            )
            .await,
        ];
        for client in clients(&server) {
            let user = UserToken::new(USER_TOKEN);
            let org = OrgToken::new(ORG_TOKEN);
            let calls: Vec<(&str, Result<(), Error>)> = vec![
                (
                    "a user's GET",
                    cronofy::calendars::list_calendars(&client, &user)
                        .await
                        .map(drop),
                ),
                (
                    "a user's POST",
                    cronofy::events::upsert_event(&client, &user, "cal_1", &booking()).await,
                ),
                (
                    "the application's GET",
                    cronofy::scheduling::read_real_time_scheduling(&client, &app(), "sch_1")
                        .await
                        .map(drop),
                ),
                (
                    "an organization's GET",
                    cronofy::organizations::list_organizational_unit_members(&client, &org)
                        .await
                        .map(drop),
                ),
                (
                    "an impersonation",
                    cronofy::calendars::list_calendars(&client, &org.impersonate("acc_1"))
                        .await
                        .map(drop),
                ),
                (
                    "the token endpoint",
                    cronofy::oauth::refresh_access_token(
                        &client,
                        &app(),
                        &RefreshAccessToken::new(REFRESH_TOKEN),
                    )
                    .await
                    .map(drop),
                ),
                (
                    "client credentials in the body",
                    cronofy::calendars::create_application_calendar(
                        &client,
                        &app(),
                        &CreateApplicationCalendar::new("rooms"),
                    )
                    .await
                    .map(drop),
                ),
            ];
            for (what, result) in calls {
                assert_refused(result, status, &other, what);
            }
        }
    }
}

#[tokio::test]
async fn a_refresh_redirected_elsewhere_is_refused_and_not_taken_for_a_refused_grant() {
    let other = OtherOrigin::start().await;
    for status in REDIRECTS {
        let mut server = Server::new_async().await;
        let _rejected = server
            .mock("GET", "/v1/calendars")
            .with_status(401)
            .create_async()
            .await;
        let _token = redirect(&mut server, "POST", "/oauth/token", status, &other).await;
        let store = MemoryTokenStore::holding(TokenSet::new(
            "expired-access-token",
            Some(REFRESH_TOKEN.to_owned()),
        ));
        let user = RefreshingUserToken::from_store(&app(), store.clone())
            .await
            .unwrap();
        for client in clients(&server) {
            let result = cronofy::calendars::list_calendars(&client, &user)
                .await
                .map(drop);
            assert_refused(result, status, &other, "a refresh after a 401");
        }
        // Whatever the other origin might have said, the grant is not recorded as refused,
        // and the refresh token in use is the one the store holds.
        assert!(!store.reauthorization_was_required());
        assert_eq!(user.tokens().refresh_token(), Some(REFRESH_TOKEN));
        assert_eq!(store.saves(), 0);
    }
}

#[tokio::test]
async fn a_get_redirected_on_its_own_origin_is_followed_with_the_same_credential() {
    let mut server = Server::new_async().await;
    let moved = server
        .mock("GET", "/v1/calendars")
        .with_status(307)
        .with_header("location", "/v1/calendars/moved?x=1")
        .expect(2)
        .create_async()
        .await;
    let target = server
        .mock("GET", "/v1/calendars/moved?x=1")
        .match_header("authorization", format!("Bearer {USER_TOKEN}").as_str())
        .with_body(r#"{"calendars":[]}"#)
        .expect(2)
        .create_async()
        .await;
    for client in clients(&server) {
        let calendars = cronofy::calendars::list_calendars(&client, &UserToken::new(USER_TOKEN))
            .await
            .unwrap();
        assert!(calendars.calendars.is_empty());
    }
    moved.assert_async().await;
    target.assert_async().await;
}

#[tokio::test]
async fn a_redirect_out_of_the_base_path_or_of_a_post_is_refused_on_the_same_origin() {
    let mut server = Server::new_async().await;
    let base = format!("{}/cronofy", server.url());
    let _out_of_base = server
        .mock("GET", "/cronofy/v1/calendars")
        .with_status(302)
        .with_header("location", "/elsewhere/v1/calendars")
        .create_async()
        .await;
    let _post = server
        .mock("POST", "/cronofy/v1/calendars/cal_1/events")
        .with_status(307)
        .with_header("location", "/cronofy/v1/calendars/cal_2/events")
        .create_async()
        .await;
    let never = server
        .mock("GET", "/elsewhere/v1/calendars")
        .expect(0)
        .create_async()
        .await;
    let never_post = server
        .mock("POST", "/cronofy/v1/calendars/cal_2/events")
        .expect(0)
        .create_async()
        .await;
    let client = Client::builder().base_url(&base).build().unwrap();
    let user = UserToken::new(USER_TOKEN);
    let error = cronofy::calendars::list_calendars(&client, &user)
        .await
        .unwrap_err();
    assert!(matches!(error, Error::Redirected { .. }), "{error:?}");
    let error = cronofy::events::upsert_event(&client, &user, "cal_1", &booking())
        .await
        .unwrap_err();
    assert!(matches!(error, Error::Redirected { .. }), "{error:?}");
    assert!(!error.to_string().contains(USER_TOKEN));
    never.assert_async().await;
    never_post.assert_async().await;
}

#[tokio::test]
async fn a_redirect_loop_on_the_same_origin_ends_in_an_error() {
    let mut server = Server::new_async().await;
    let looping = server
        .mock("GET", "/v1/calendars")
        .with_status(302)
        .with_header("location", "/v1/calendars")
        .expect(6)
        .create_async()
        .await;
    let client = Client::builder().base_url(server.url()).build().unwrap();
    let error = cronofy::calendars::list_calendars(&client, &UserToken::new(USER_TOKEN))
        .await
        .unwrap_err();
    assert!(matches!(error, Error::Redirected { .. }), "{error:?}");
    looping.assert_async().await;
}

// ---------------------------------------------------------------------------------------------
// Response sizes
// ---------------------------------------------------------------------------------------------

/// A server that answers every request with `head` and then `body_chunks`, each written after
/// `pause`; counts what it managed to write.
async fn raw_server(
    head: String,
    chunk: Vec<u8>,
    chunks: usize,
    pause: Duration,
) -> (String, Arc<AtomicUsize>) {
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let url = format!("http://{}", listener.local_addr().unwrap());
    let written = Arc::<AtomicUsize>::default();
    let counted = Arc::clone(&written);
    tokio::spawn(async move {
        loop {
            let Ok((mut stream, _)) = listener.accept().await else {
                return;
            };
            let (head, chunk, counted) = (head.clone(), chunk.clone(), Arc::clone(&counted));
            tokio::spawn(async move {
                let mut request = [0u8; 4096];
                let _ = stream.read(&mut request).await;
                if stream.write_all(head.as_bytes()).await.is_err() {
                    return;
                }
                for _ in 0..chunks {
                    if stream.write_all(&chunk).await.is_err() {
                        return;
                    }
                    counted.fetch_add(chunk.len(), Ordering::SeqCst);
                    tokio::time::sleep(pause).await;
                }
            });
        }
    });
    (url, written)
}

#[tokio::test]
async fn a_declared_length_over_the_limit_is_refused_before_reading_the_body() {
    // 20 MiB announced, sent slowly: the call must not wait for it.
    let head = format!(
        "HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ncontent-length: {}\r\n\r\n",
        20 * 1024 * 1024
    );
    let (url, _) = raw_server(head, vec![b' '; 64 * 1024], 320, Duration::from_millis(50)).await;
    let client = Client::builder()
        .base_url(&url)
        .max_response_size(1024 * 1024)
        .build()
        .unwrap();
    let started = Instant::now();
    let error = cronofy::calendars::list_calendars(&client, &UserToken::new(USER_TOKEN))
        .await
        .unwrap_err();
    assert!(
        matches!(error, Error::ResponseTooLarge { limit, .. } if limit == 1024 * 1024),
        "{error:?}"
    );
    assert!(
        started.elapsed() < Duration::from_secs(5),
        "read the whole body?"
    );
    assert_eq!(error.status().map(|s| s.as_u16()), Some(200));
}

#[tokio::test]
async fn a_chunked_body_over_the_limit_is_refused_once_it_crosses_it() {
    let head =
        "HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ntransfer-encoding: chunked\r\n\r\n"
            .to_owned();
    // Chunks of 64 KiB in HTTP chunked framing, 20 MiB in all, sent slowly.
    let payload = vec![b' '; 64 * 1024];
    let mut chunk = format!("{:x}\r\n", payload.len()).into_bytes();
    chunk.extend_from_slice(&payload);
    chunk.extend_from_slice(b"\r\n");
    let (url, written) = raw_server(head, chunk, 320, Duration::from_millis(20)).await;
    let client = Client::builder()
        .base_url(&url)
        .max_response_size(512 * 1024)
        .build()
        .unwrap();
    let error = cronofy::calendars::list_calendars(&client, &UserToken::new(USER_TOKEN))
        .await
        .unwrap_err();
    assert!(matches!(error, Error::ResponseTooLarge { .. }), "{error:?}");
    let sent = written.load(Ordering::SeqCst);
    assert!(
        sent < 4 * 1024 * 1024,
        "the client went on reading: {sent} bytes were sent"
    );
}

#[tokio::test]
async fn the_default_limit_is_32_mib_and_a_body_under_it_is_read() {
    let mut server = Server::new_async().await;
    let names: Vec<String> = (0..20_000)
        .map(|n| format!("calendar number {n:06}"))
        .collect();
    let calendars: Vec<serde_json::Value> = names
        .iter()
        .map(|name| {
            serde_json::json!({"provider_name": "google", "profile_id": "pro_1",
                "profile_name": "a@b.c", "calendar_id": name, "calendar_name": name,
                "calendar_readonly": false, "calendar_deleted": false})
        })
        .collect();
    let _big = server
        .mock("GET", "/v1/calendars")
        .match_header("authorization", Matcher::Any)
        .with_body(serde_json::json!({ "calendars": calendars }).to_string())
        .create_async()
        .await;
    let client = Client::builder().base_url(server.url()).build().unwrap();
    assert_eq!(client.max_response_size(), 32 * 1024 * 1024);
    let listed = cronofy::calendars::list_calendars(&client, &UserToken::new(USER_TOKEN))
        .await
        .unwrap();
    assert_eq!(listed.calendars.len(), 20_000);
}

#[tokio::test]
async fn a_response_too_large_is_not_requested_again() {
    let mut server = Server::new_async().await;
    let big = server
        .mock("GET", "/v1/calendars")
        .with_body(vec![b' '; 2 * 1024 * 1024])
        .expect(1)
        .create_async()
        .await;
    let client = Client::builder()
        .base_url(server.url())
        .max_response_size(1024 * 1024)
        .build()
        .unwrap();
    let error = cronofy::calendars::list_calendars(&client, &UserToken::new(USER_TOKEN))
        .await
        .unwrap_err();
    assert!(matches!(error, Error::ResponseTooLarge { .. }), "{error:?}");
    // A GET is retried when no answer came; an answer too large would be as large again.
    big.assert_async().await;
}
