//! Standing in for the user's browser on an authorization URL of the fake Cronofy.

use cronofy::oauth::{Callback, PendingAuthorization, ReceivedCode};
use reqwest::header::LOCATION;
use url::Url;

use crate::Failure;

/// Opens `authorization_url` as a browser would, without following the redirect back, and
/// reads the code from where Cronofy sends the browser, checking it against `pending`.
pub(crate) async fn authorize(
    authorization_url: &Url,
    pending: &PendingAuthorization,
) -> Result<ReceivedCode, Failure> {
    let browser = reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .build()?;
    let response = browser.get(authorization_url.clone()).send().await?;
    let location = response
        .headers()
        .get(LOCATION)
        .ok_or_else(|| {
            format!(
                "the authorization page answered {} without a redirect",
                response.status()
            )
        })?
        .to_str()?;
    let redirect = Url::parse(location)?;
    Ok(Callback::parse(
        redirect.query().unwrap_or_default(),
        pending,
    )?)
}
