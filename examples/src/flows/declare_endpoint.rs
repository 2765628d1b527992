//! Declaring an endpoint of your own with `#[cronofy_endpoint]`, and calling it.
//!
//! Here: the user's calendar profiles, `GET /v1/profiles`, with a user credential.

use cronofy::oauth::Scope;
use cronofy::{UserToken, cronofy_endpoint};
use serde::Deserialize;

use crate::{Environment, Failure, Log};

/// The body of [`list_profiles`].
#[derive(Debug, Deserialize)]
pub struct Profiles {
    /// The connected calendar profiles.
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

/// Runs the flow in `env`, reporting to `log`: the profiles found.
pub async fn run(env: &Environment, log: &mut Log) -> Result<Vec<Profile>, Failure> {
    env.describe(log);
    log.say(format!(
        "Declared `list_profiles`: {} (the constant LIST_PROFILES describes it)",
        LIST_PROFILES
    ));
    let tokens = env.user_tokens(&[Scope::ReadAccount], log).await?;
    let user = UserToken::new(tokens.access_token());
    let profiles = list_profiles(&env.client, &user).await?.profiles;
    for profile in &profiles {
        log.say(format!(
            "[user] profile {} {} ({}), connected: {}",
            profile.profile_id,
            profile.profile_name,
            profile.provider_name,
            profile.profile_connected
        ));
    }
    Ok(profiles)
}
