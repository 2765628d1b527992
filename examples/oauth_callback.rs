//! `cargo run --example oauth_callback`
//!
//! The browser flow as a web application does it: a local listener on the redirect URI
//! receives Cronofy's redirect, checks `state`, and exchanges the code.
//!
//! With the fake, a stand-in browser opens the authorization URL and follows the redirect to
//! the listener. With real Cronofy, open the printed URL yourself; the redirect URI
//! `http://127.0.0.1:{CRONOFY_REDIRECT_PORT}/callback` must be registered for your application.

use std::collections::hash_map::RandomState;
use std::hash::BuildHasher;
use std::time::Duration;

use cronofy::oauth::{AuthorizationUrl, Callback, ExchangeCode, Scope, TokenSet, exchange_code};
use cronofy_examples::{Environment, Failure};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpListener;

/// How long to wait for the browser.
const WAIT_FOR_BROWSER: Duration = Duration::from_secs(300);

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
    let redirect_uri = format!("http://{}/callback", listener.local_addr()?);
    // Unpredictable per run, tied to this "session": a forged redirect cannot know it.
    let state = format!(
        "{:016x}",
        RandomState::new().hash_one(redirect_uri.as_str())
    );
    let url = AuthorizationUrl::new(env.app.client_id().as_str(), &redirect_uri)
        .scope([Scope::ReadOnly])
        .state(&state)
        .build(&env.client);
    println!("Listening on {redirect_uri}");
    println!("Open this URL in a browser: {url}");

    if env.fake.is_some() {
        // The stand-in browser follows Cronofy's redirect to our listener, as a real one would.
        let browser_url = url.clone();
        tokio::spawn(async move {
            let _ = reqwest::get(browser_url).await;
        });
    }
    let query = tokio::time::timeout(WAIT_FOR_BROWSER, receive_callback(&listener))
        .await
        .map_err(|_| "no redirect arrived in time")??;
    println!("The redirect arrived at the listener");
    let code = Callback::parse(&query, Some(&state))?;
    let tokens = exchange_code(
        &env.client,
        &env.app,
        &ExchangeCode::new(code, &redirect_uri),
    )
    .await?;
    println!("Authorized: tokens for {}", tokens.sub().unwrap_or("?"));
    Ok(tokens)
}
/// Answers one request to `/callback` and returns its query string. A request elsewhere (a
/// browser asking for `/favicon.ico`) gets a 404 and the wait goes on.
async fn receive_callback(listener: &TcpListener) -> Result<String, Failure> {
    loop {
        let (mut stream, _) = listener.accept().await?;
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
        // Request line: `GET /callback?code=...&state=... HTTP/1.1`.
        let target = head.split_whitespace().nth(1).unwrap_or("");
        let (path, query) = target.split_once('?').unwrap_or((target, ""));
        if path != "/callback" {
            stream
                .write_all(
                    b"HTTP/1.1 404 Not Found\r\ncontent-length: 0\r\nconnection: close\r\n\r\n",
                )
                .await?;
            continue;
        }
        let page = "<!doctype html><title>Authorized</title><p>Cronofy authorized this application. You can close this window.</p>";
        stream
            .write_all(
                format!(
                    "HTTP/1.1 200 OK\r\ncontent-type: text/html; charset=utf-8\r\ncontent-length: {}\r\nconnection: close\r\n\r\n{page}",
                    page.len()
                )
                .as_bytes(),
            )
            .await?;
        return Ok(query.to_owned());
    }
}
