//! `cargo run --example oauth_callback`
//!
//! The browser flow as a web application does it: a local listener on the redirect URI
//! receives Cronofy's redirect, checks it against the pending authorization (its `state`),
//! and exchanges the code with the same redirect URI.
//!
//! The listener is written to survive a hostile network: a request with a wrong state (any
//! web page can make the user's browser load `http://127.0.0.1:.../callback?...`) or a denial
//! gets a 400 page saying so, and the wait goes on; each connection is handled on its own
//! with a time limit, so an idle one blocks nothing; the success page is sent only once the
//! state matched and the code was exchanged.
//!
//! With the fake, a stand-in browser opens the authorization URL and follows the redirect to
//! the listener. With real Cronofy, open the printed URL yourself; the redirect URI
//! `http://127.0.0.1:{CRONOFY_REDIRECT_PORT}/callback` must be registered for your application.

use std::sync::Arc;
use std::time::Duration;

use cronofy::oauth::{
    AuthorizationUrl, Callback, CallbackError, ExchangeCode, PendingAuthorization, ReceivedCode,
    Scope, TokenSet, exchange_code,
};
use cronofy_examples::{Environment, Failure};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};
use tokio::sync::{Semaphore, mpsc};
use url::Url;

/// How long to wait for the browser.
const WAIT_FOR_BROWSER: Duration = Duration::from_secs(300);
/// How long one connection may take to send its request.
const PER_CONNECTION: Duration = Duration::from_secs(10);
/// How many connections are read at once.
const MAX_CONNECTIONS: usize = 32;

#[tokio::main]
async fn main() -> Result<(), Failure> {
    let env = Environment::from_env().await?;
    run(&env).await.map(drop)
}

/// The flow, against `env`: the token set obtained.
pub async fn run(env: &Environment) -> Result<TokenSet, Failure> {
    env.describe();
    let port: u16 = match (&env.fake, std::env::var("CRONOFY_REDIRECT_PORT")) {
        (None, Ok(port)) => port.parse()?,
        _ => 0,
    };
    let listener = TcpListener::bind(("127.0.0.1", port)).await?;
    let stand_in_browser = env.fake.is_some();
    authorize_through(env, listener, move |url| {
        println!("Open this URL in a browser: {url}");
        if stand_in_browser {
            // It follows Cronofy's redirect to our listener, as a real browser would.
            tokio::spawn(async move {
                let _ = reqwest::get(url).await;
            });
        }
    })
    .await
}

/// Sends the user to the authorization URL (`open` gets it) and waits on `listener` for the
/// redirect that answers it.
pub async fn authorize_through(
    env: &Environment,
    listener: TcpListener,
    open: impl FnOnce(Url),
) -> Result<TokenSet, Failure> {
    let redirect_uri = format!("http://{}/callback", listener.local_addr()?);
    // The state is generated; `pending` is what a web application keeps in the session.
    let (url, pending) = AuthorizationUrl::new(env.app.client_id().as_str(), &redirect_uri)
        .scope([Scope::ReadOnly])
        .build(&env.client);
    println!("Listening on {redirect_uri}");
    open(url);
    tokio::time::timeout(WAIT_FOR_BROWSER, serve(env, &listener, &pending))
        .await
        .map_err(|_| "no redirect arrived in time")?
}

/// Answers every request until one is the redirect of `pending`, whose code is then
/// exchanged; only then does the browser get the success page.
async fn serve(
    env: &Environment,
    listener: &TcpListener,
    pending: &PendingAuthorization,
) -> Result<TokenSet, Failure> {
    let (redirects, mut received) = mpsc::channel::<(ReceivedCode, TcpStream)>(1);
    // At most this many connections are read at once, so a flood of idle ones cannot use up
    // the process's file descriptors; beyond it, new ones are closed at once.
    let connections = Arc::new(Semaphore::new(MAX_CONNECTIONS));
    loop {
        tokio::select! {
            accepted = listener.accept() => {
                let stream = match accepted {
                    Ok((stream, _)) => stream,
                    // A connection reset before it was accepted, or descriptors short for a
                    // moment: not a reason to end the flow.
                    Err(error) => {
                        eprintln!("accepting a connection failed: {error}");
                        tokio::time::sleep(Duration::from_millis(50)).await;
                        continue;
                    }
                };
                let Ok(permit) = Arc::clone(&connections).try_acquire_owned() else {
                    continue;
                };
                // Each connection on its own task: a slow or idle one holds up nothing.
                let (pending, redirects) = (pending.clone(), redirects.clone());
                tokio::spawn(async move {
                    check_request(stream, pending, redirects).await;
                    drop(permit);
                });
            }
            Some((code, mut stream)) = received.recv() => {
                println!("The redirect arrived at the listener, with our state");
                return match exchange_code(&env.client, &env.app, &ExchangeCode::new(code)).await {
                    Ok(tokens) => {
                        respond(&mut stream, 200, "Authorized", "Cronofy authorized this application. You can close this window.").await;
                        println!("Authorized: tokens for {}", tokens.sub().unwrap_or("?"));
                        Ok(tokens)
                    }
                    Err(error) => {
                        respond(&mut stream, 502, "Not authorized", "The authorization code could not be exchanged; see the application's log.").await;
                        Err(error.into())
                    }
                };
            }
        }
    }
}

/// Reads one request; a redirect that passes the check against `pending` goes to `redirects`
/// (with the connection, to answer once the code is exchanged), anything else is answered here.
async fn check_request(
    mut stream: TcpStream,
    pending: PendingAuthorization,
    redirects: mpsc::Sender<(ReceivedCode, TcpStream)>,
) {
    let Ok(Ok(target)) = tokio::time::timeout(PER_CONNECTION, request_target(&mut stream)).await
    else {
        return; // Idle, too slow or broken: dropped.
    };
    let (path, query) = target.split_once('?').unwrap_or((&target, ""));
    if path != "/callback" {
        // A browser asking for `/favicon.ico`, say.
        respond(&mut stream, 404, "Not found", "Nothing here.").await;
        return;
    }
    match Callback::parse(query, &pending) {
        Ok(code) => {
            let _ = redirects.send((code, stream)).await;
        }
        Err(denied @ CallbackError::Denied { .. }) => {
            let message = format!(
                "{denied}. This application is still waiting: authorize it from the link it gave you."
            );
            respond(&mut stream, 400, "Not authorized", &message).await;
        }
        Err(other) => {
            let message = format!(
                "This is not the redirect this application is waiting for ({other}). Nothing was authorized."
            );
            respond(&mut stream, 400, "Not the expected redirect", &message).await;
        }
    }
}

/// The request target of the request line: `GET /callback?code=...&state=... HTTP/1.1`.
async fn request_target(stream: &mut TcpStream) -> Result<String, Failure> {
    let mut head = Vec::new();
    let mut buffer = [0u8; 1024];
    while !head.windows(4).any(|w| w == b"\r\n\r\n") && head.len() < 16 * 1024 {
        let read = stream.read(&mut buffer).await?;
        if read == 0 {
            break;
        }
        head.extend_from_slice(&buffer[..read]);
    }
    let head = String::from_utf8_lossy(&head);
    Ok(head.split_whitespace().nth(1).unwrap_or("").to_owned())
}

/// A small HTML page; `message` is escaped, as it may quote the request.
async fn respond(stream: &mut TcpStream, status: u16, title: &str, message: &str) {
    let reason = match status {
        200 => "OK",
        400 => "Bad Request",
        404 => "Not Found",
        _ => "Bad Gateway",
    };
    let page = format!(
        "<!doctype html><title>{}</title><p>{}</p>",
        html_escape(title),
        html_escape(message)
    );
    let response = format!(
        "HTTP/1.1 {status} {reason}\r\ncontent-type: text/html; charset=utf-8\r\ncontent-length: {}\r\nconnection: close\r\n\r\n{page}",
        page.len()
    );
    let _ = tokio::time::timeout(PER_CONNECTION, stream.write_all(response.as_bytes())).await;
}

fn html_escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}
