//! `cargo run --example declare_endpoint`
//!
//! Declaring endpoints of your own with `#[cronofy_endpoint]`: the macro writes the function,
//! which accepts only the credential kind the endpoint needs, and a constant describing it.
//! A paged endpoint also gets a stream of every page.
//!
//! Runs against the fake Cronofy, or against real Cronofy when credentials are set (see
//! `quickstart`).

use cronofy::oauth::Scope;
use cronofy::{Page, UserToken, cronofy_endpoint};
use cronofy_examples::{Environment, Failure};
use serde::Deserialize;

/// The body of [`list_profiles`]: the user's connected calendar profiles.
#[derive(Debug, Deserialize)]
pub struct Profiles {
    /// The profiles.
    pub profiles: Vec<Profile>,
}

/// One connected calendar profile.
#[derive(Debug, Deserialize)]
pub struct Profile {
    /// The provider, e.g. `google`.
    pub provider_name: String,
    /// The profile's id.
    pub profile_id: String,
    /// The profile's name, usually an email address.
    pub profile_name: String,
    /// Whether the connection still works.
    #[serde(default)]
    pub profile_connected: bool,
}

/// Lists the user's connected calendar profiles.
#[cronofy_endpoint(auth = "user", method = "GET", path = "/v1/profiles")]
pub async fn list_profiles() -> Profiles;

/// One event, with only the fields this example reads.
#[derive(Debug, Deserialize)]
pub struct Event {
    /// The title.
    #[serde(default)]
    pub summary: Option<String>,
}

/// The query of [`read_events`]: Cronofy requires a time zone.
#[derive(serde::Serialize)]
pub struct EventsQuery {
    /// An IANA time zone.
    pub tzid: &'static str,
}

/// Reads the user's events, a page at a time; `read_all_events` is generated too.
#[cronofy_endpoint(auth = "user", method = "GET", path = "/v1/events", paged = "events")]
pub async fn read_events(#[query] query: &EventsQuery) -> Page<Event>;

#[tokio::main]
async fn main() -> Result<(), Failure> {
    let env = Environment::from_env().await?;
    run(&env).await
}

/// The flow, against `env`.
pub async fn run(env: &Environment) -> Result<(), Failure> {
    env.describe();
    println!("Declared: {LIST_PROFILES} and {READ_EVENTS}");
    let tokens = env.user_tokens(&[Scope::ReadOnly]).await?;
    let user = UserToken::new(tokens.access_token());

    for profile in list_profiles(&env.client, &user).await?.profiles {
        println!(
            "[user] profile {} {} ({}), connected: {}",
            profile.profile_id,
            profile.profile_name,
            profile.provider_name,
            profile.profile_connected
        );
    }

    let query = EventsQuery { tzid: "Etc/UTC" };
    let mut pages = read_all_events(&env.client, &user, &query);
    while let Some(page) = pages.next_page().await {
        let page = page?;
        let titles: Vec<String> = page.items.into_iter().filter_map(|e| e.summary).collect();
        println!(
            "[user] a page of {} event(s): {}",
            titles.len(),
            titles.join(", ")
        );
    }
    Ok(())
}
