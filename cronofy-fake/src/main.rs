//! `cronofy-fake [--port 8080] [--seconds N] [--rate-limits [--batch-counts-entries]]` (or
//! `cargo run -p cronofy-fake -- --port 8080`): the fake Cronofy on its own, for any HTTP client
//! (curl, Cronofy's official SDKs pointed at it). Prints its base URL, the test application's
//! credentials, a test user and a fresh authorization link, then serves until Ctrl-C (or for N
//! seconds). `--rate-limits` enforces Cronofy's documented rate limits per application.

use std::time::Duration;

use cronofy_fake::{BatchCounting, FakeCronofy, RateLimits};

type Failure = Box<dyn std::error::Error + Send + Sync>;

const USAGE: &str = "\
cronofy-fake: a fake Cronofy API on a loopback port

Usage: cronofy-fake [--port N] [--seconds N] [--rate-limits [--batch-counts-entries]]

  --port N                 listen on 127.0.0.1:N (default: a free port)
  --seconds N              stop after N seconds (default: serve until Ctrl-C)
  --rate-limits            enforce Cronofy's limits per application: 50 requests per second
                           and 500 per minute (sliding windows); beyond either, 429 with
                           Retry-After (default: no limits)
  --batch-counts-entries   with --rate-limits, each entry of a /v1/batch call counts as one
                           request (default: a batch call counts once)
  --help                   show this";

#[tokio::main]
async fn main() -> Result<(), Failure> {
    let mut port = 0u16;
    let mut seconds = None;
    let mut rate_limits = false;
    let mut batch_counts_entries = false;
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--help" | "-h" => {
                println!("{USAGE}");
                return Ok(());
            }
            "--port" => port = args.next().ok_or("--port needs a number")?.parse()?,
            "--seconds" => {
                seconds = Some(
                    args.next()
                        .ok_or("--seconds needs a number")?
                        .parse::<u64>()?,
                )
            }
            "--rate-limits" => rate_limits = true,
            "--batch-counts-entries" => batch_counts_entries = true,
            other => {
                return Err(format!("unknown argument `{other}`\n\n{USAGE}").into());
            }
        }
    }
    if batch_counts_entries && !rate_limits {
        return Err(format!("--batch-counts-entries goes with --rate-limits\n\n{USAGE}").into());
    }
    let mut builder = FakeCronofy::builder().port(port);
    if rate_limits {
        let counting = if batch_counts_entries {
            BatchCounting::PerEntry
        } else {
            BatchCounting::OnePerCall
        };
        builder = builder.rate_limits(RateLimits::cronofy().batch(counting));
    }
    let fake = builder.start().await?;
    let app = fake.app_credentials();
    let user = fake.default_user();
    let redirect_uri = "http://127.0.0.1/callback";
    println!("Fake Cronofy listening at {}", fake.base_url());
    if rate_limits {
        println!("Rate limits: 50 requests per second and 500 per minute per application.");
        if batch_counts_entries {
            println!("A batch counts one request per entry.");
        } else {
            println!("A batch counts one request, however many entries it holds.");
        }
    }
    println!();
    println!("Test application (a fake's credentials, safe to print):");
    println!("  client_id     {}", app.client_id());
    println!("  client_secret {}", app.client_secret());
    println!(
        "Test user: {} <{}>, sub {}",
        user.name, user.email, user.sub
    );
    println!();
    println!("Authorization link (redirects to {redirect_uri} with a code):");
    println!(
        "  {}",
        fake.authorization_url(redirect_uri, "read_write", "any-state")
    );
    println!();
    println!("Then exchange the code:");
    println!(
        "  curl -s {}/oauth/token -H 'content-type: application/json' -d '{{\"grant_type\":\"authorization_code\",\"client_id\":\"{}\",\"client_secret\":\"{}\",\"redirect_uri\":\"{redirect_uri}\",\"code\":\"CODE\"}}'",
        fake.base_url(),
        app.client_id(),
        app.client_secret()
    );
    println!(
        "  curl -s {}/v1/calendars -H 'authorization: Bearer ACCESS_TOKEN'",
        fake.base_url()
    );
    match seconds {
        Some(seconds) => tokio::time::sleep(Duration::from_secs(seconds)).await,
        None => {
            println!("\nServing until Ctrl-C.");
            tokio::signal::ctrl_c().await?;
        }
    }
    fake.shutdown().await;
    Ok(())
}
