//! The `cronofy-fake` binary, run as a user runs it: its rate-limit flags, and the command
//! lines it refuses.

use std::io::{BufRead, BufReader};
use std::process::{Child, ChildStdout, Command, Stdio};
use std::time::Duration;

use cronofy::scheduling::ReadSmartInvite;
use cronofy::{AppCredentials, Client, Error, RetryPolicy};

/// A running `cronofy-fake`, killed when dropped, and what its banner said.
struct Running {
    child: Child,
    /// Kept open: the fake prints more after the banner, and a closed pipe would fail it.
    _stdout: std::io::Lines<BufReader<ChildStdout>>,
    banner: Vec<String>,
    base_url: String,
    app: AppCredentials,
}

impl Drop for Running {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn start(args: &[&str]) -> Running {
    let mut child = Command::new(env!("CARGO_BIN_EXE_cronofy-fake"))
        .args(["--port", "0", "--seconds", "60"])
        .args(args)
        .stdout(Stdio::piped())
        .stderr(Stdio::inherit())
        .spawn()
        .unwrap();
    let mut banner = Vec::new();
    let mut stdout = BufReader::new(child.stdout.take().unwrap()).lines();
    for line in stdout.by_ref() {
        let line = line.unwrap();
        let done = line.starts_with("  client_secret");
        banner.push(line);
        if done {
            break;
        }
    }
    let value = |prefix: &str| {
        banner
            .iter()
            .find_map(|line| line.trim().strip_prefix(prefix))
            .unwrap_or_else(|| panic!("no `{prefix}` in {banner:#?}"))
            .trim()
            .to_owned()
    };
    let base_url = value("Fake Cronofy listening at");
    let app = AppCredentials::new(value("client_id"), value("client_secret"));
    Running {
        child,
        _stdout: stdout,
        banner,
        base_url,
        app,
    }
}

#[tokio::test]
async fn rate_limits_refuse_the_51st_request_of_a_second_with_retry_after() {
    let fake = start(&["--rate-limits"]);
    assert!(
        fake.banner
            .iter()
            .any(|line| line == "A batch counts one request, however many entries it holds."),
        "{:#?}",
        fake.banner
    );
    let client = Client::builder()
        .base_url(&fake.base_url)
        .retry_policy(RetryPolicy::none())
        .build()
        .unwrap();
    let query = ReadSmartInvite::all_recipients("no-such-invite");
    let mut refused = None;
    for n in 0..1_000 {
        match cronofy::scheduling::read_smart_invite(&client, &fake.app, &query).await {
            Err(Error::RateLimited { retry_after }) => {
                refused = Some((n, retry_after));
                break;
            }
            // Admitted: the invite does not exist, which is beside the point.
            Ok(_) | Err(Error::NotFound { .. }) => {}
            Err(other) => panic!("request {n}: {other:?}"),
        }
    }
    let (n, retry_after) = refused.expect("a request beyond the 50 of a second was refused");
    // At least the second's 50 were admitted first (exactly 50 unless sending them took this
    // machine more than a second).
    assert!(n >= 50, "refused after {n}");
    assert!(
        retry_after.is_some_and(|after| after >= Duration::from_secs(1)),
        "{retry_after:?}"
    );
}

#[tokio::test]
async fn without_rate_limits_the_same_requests_are_all_admitted() {
    let fake = start(&[]);
    assert!(
        !fake
            .banner
            .iter()
            .any(|line| line.starts_with("Rate limits"))
    );
    let client = Client::builder().base_url(&fake.base_url).build().unwrap();
    let query = ReadSmartInvite::all_recipients("no-such-invite");
    for n in 0..60 {
        let result = cronofy::scheduling::read_smart_invite(&client, &fake.app, &query).await;
        assert!(
            matches!(result, Ok(_) | Err(Error::NotFound { .. })),
            "request {n}: {result:?}"
        );
    }
}

#[test]
fn the_banner_says_when_a_batch_counts_per_entry() {
    let fake = start(&["--rate-limits", "--batch-counts-entries"]);
    assert!(
        fake.banner
            .iter()
            .any(|line| line == "A batch counts one request per entry."),
        "{:#?}",
        fake.banner
    );
}

#[test]
fn counting_batch_entries_without_rate_limits_is_refused_with_the_reason() {
    let output = Command::new(env!("CARGO_BIN_EXE_cronofy-fake"))
        .arg("--batch-counts-entries")
        .output()
        .unwrap();
    assert!(!output.status.success());
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.contains("--batch-counts-entries goes with --rate-limits"),
        "{stderr}"
    );
}
