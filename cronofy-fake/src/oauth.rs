//! OAuth: the authorization page (which "signs in" a chosen test user at once), the token
//! endpoint (code exchange, refresh with rotation) and revocation.

use std::collections::HashMap;
use std::sync::Arc;

use axum::body::Bytes;
use axum::extract::{RawQuery, State as AxumState};
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use serde_json::{Value, json};
use url::Url;

use crate::reply::{self, Rejection};
use crate::scopes;
use crate::state::{Issued, Shared, State, Subject};

/// `GET /oauth/authorize`: redirects to `redirect_uri` with a `code` and the `state`, as if the
/// authorizing test user had signed in and consented (or with `error=access_denied` when the
/// test asked for refusals).
pub(crate) async fn authorize(
    AxumState(shared): AxumState<Arc<Shared>>,
    RawQuery(query): RawQuery,
) -> Result<Response, Rejection> {
    let params = reply::query_pairs(query.as_deref());
    let param = |name| reply::first(&params, name).filter(|v| !v.is_empty());
    let mut state = shared.lock();

    // Without a known client and a usable redirect_uri there is nowhere safe to send the user.
    let bad_request = |reason: &str| Rejection::BadRequest(reason.to_owned());
    let client_id = param("client_id").ok_or_else(|| bad_request("client_id is required"))?;
    if !state.apps.iter().any(|app| app.client_id == client_id) {
        return Err(bad_request("client_id names no registered application"));
    }
    let redirect_uri =
        param("redirect_uri").ok_or_else(|| bad_request("redirect_uri is required"))?;
    let target = Url::parse(redirect_uri)
        .ok()
        .filter(|url| matches!(url.scheme(), "http" | "https") && url.host().is_some())
        .ok_or_else(|| bad_request("redirect_uri must be an absolute http or https URL"))?;
    let state_param = param("state");
    let redirect_error = |error: &str| Ok(redirect(&target, &[("error", error)], state_param));

    if param("response_type") != Some("code") {
        return redirect_error("unsupported_response_type");
    }
    let scope = param("scope").unwrap_or_default();
    let Ok(granted) = scopes::expand(scope) else {
        return redirect_error("invalid_scope");
    };
    if granted.is_empty() {
        return redirect_error("invalid_scope");
    }
    if state.deny_authorizations {
        return redirect_error("access_denied");
    }
    let user = state.authorizing_user.clone();
    let subject = if granted.contains(scopes::ORGANIZATIONAL_UNIT_SCHEDULER) {
        // Organization Connect: the signed-in user authorizes for the organization they admin.
        let admin_of = state.orgs.values().find(|org| {
            org.members
                .iter()
                .any(|m| m.sub == user && m.roles.iter().any(|r| r == "admin"))
        });
        match admin_of {
            Some(org) => Subject::Org(org.org_id.clone()),
            None => return redirect_error("access_denied"),
        }
    } else {
        Subject::User(user)
    };
    let scope = scope.split_whitespace().collect::<Vec<_>>().join(" ");
    let code = state.new_code(client_id, redirect_uri, subject, scope, granted);
    state.counters.authorizations += 1;
    Ok(redirect(&target, &[("code", &code)], state_param))
}

fn redirect(target: &Url, pairs: &[(&str, &str)], state: Option<&str>) -> Response {
    let mut url = target.clone();
    {
        let mut query = url.query_pairs_mut();
        for (name, value) in pairs {
            query.append_pair(name, value);
        }
        if let Some(state) = state {
            query.append_pair("state", state);
        }
    }
    let mut response = reply::empty(StatusCode::FOUND);
    if let Ok(location) = HeaderValue::from_str(url.as_str()) {
        response.headers_mut().insert(header::LOCATION, location);
    }
    response
}

/// The parameters of a token or revoke request: a JSON object (strings) or a form.
pub(crate) fn token_params(
    headers: &HeaderMap,
    body: &Bytes,
) -> Result<HashMap<String, String>, Rejection> {
    let from_form = |body: &Bytes| {
        url::form_urlencoded::parse(body)
            .into_owned()
            .collect::<HashMap<_, _>>()
    };
    if reply::is_form(headers) {
        return Ok(from_form(body));
    }
    match serde_json::from_slice::<Value>(body) {
        Ok(Value::Object(map)) => Ok(map
            .into_iter()
            .filter_map(|(name, value)| match value {
                Value::String(s) => Some((name, s)),
                _ => None,
            })
            .collect()),
        Ok(_) => Err(reply::oauth_error(
            "invalid_request",
            "the body must be a JSON object or a form",
        )),
        // No content type and not JSON: read it as a form, as lenient servers do.
        Err(_) if headers.get(header::CONTENT_TYPE).is_none() => Ok(from_form(body)),
        Err(_) => Err(reply::oauth_error(
            "invalid_request",
            "the body is neither valid JSON nor a form",
        )),
    }
}

/// The application the request's body credentials belong to, or the `invalid_client` answer.
pub(crate) fn client<'a>(
    state: &'a State,
    params: &HashMap<String, String>,
) -> Result<&'a str, Rejection> {
    let id = params.get("client_id").map(String::as_str).unwrap_or("");
    let secret = params
        .get("client_secret")
        .map(String::as_str)
        .unwrap_or("");
    state
        .app_with(id, secret)
        .map(|app| app.client_id.as_str())
        .ok_or_else(|| {
            reply::oauth_error(
                "invalid_client",
                "client_id and client_secret do not match a registered application",
            )
        })
}

/// `POST /oauth/token`: `authorization_code` and `refresh_token` grants.
pub(crate) async fn token(
    AxumState(shared): AxumState<Arc<Shared>>,
    headers: HeaderMap,
    body: Bytes,
) -> Response {
    let mut state = shared.lock();
    let answer = token_response(&mut state, &headers, &body);
    if answer.is_err() {
        state.counters.token_errors += 1;
    }
    answer.into_response()
}

fn token_response(
    state: &mut State,
    headers: &HeaderMap,
    body: &Bytes,
) -> Result<Response, Rejection> {
    let params = token_params(headers, body)?;
    let grant_type = params.get("grant_type").map(String::as_str);
    match grant_type {
        Some("authorization_code") => state.counters.code_exchanges += 1,
        Some("refresh_token") => state.counters.refreshes += 1,
        _ => {}
    }
    let client_id = client(state, &params)?.to_owned();
    match grant_type {
        Some("authorization_code") => exchange_code(state, &client_id, &params),
        Some("refresh_token") => refresh(state, &client_id, &params),
        Some(_) => Err(reply::oauth_error(
            "unsupported_grant_type",
            "grant_type must be authorization_code or refresh_token",
        )),
        None => Err(reply::oauth_error(
            "invalid_request",
            "grant_type is required",
        )),
    }
}

fn invalid_grant(description: &'static str) -> Rejection {
    reply::oauth_error("invalid_grant", description)
}

fn exchange_code(
    state: &mut State,
    client_id: &str,
    params: &HashMap<String, String>,
) -> Result<Response, Rejection> {
    let code = params.get("code").map(String::as_str).unwrap_or("");
    let redirect_uri = params.get("redirect_uri").map(String::as_str).unwrap_or("");
    let Some(pending) = state.codes.get(code) else {
        return Err(invalid_grant("the code is unknown or was already used"));
    };
    if pending.expires_at <= state.clock.now() {
        state.codes.remove(code);
        return Err(invalid_grant("the code has expired"));
    }
    if pending.client_id != client_id {
        return Err(invalid_grant("the code was issued to another client"));
    }
    if pending.redirect_uri != redirect_uri {
        return Err(invalid_grant(
            "redirect_uri differs from the one the code was issued for",
        ));
    }
    let Some(pending) = state.codes.remove(code) else {
        return Err(invalid_grant("the code is unknown or was already used"));
    };
    let subject = pending.subject.clone();
    let scope = pending.scope.clone();
    let (_, issued) = state.grant(client_id, subject.clone(), pending.scope, pending.scopes);
    let mut body = token_body(&issued, &scope);
    match &subject {
        Subject::User(sub) => {
            body["account_id"] = json!(sub);
            body["sub"] = json!(sub);
            if let Some(profile) = state.users.get(sub).and_then(|u| u.profiles.first()) {
                body["linking_profile"] = json!({
                    "provider_name": profile.provider_name,
                    "provider_service": profile.provider_name,
                    "profile_id": profile.profile_id,
                    "profile_name": profile.profile_name,
                });
            }
        }
        Subject::Org(org_id) => body["sub"] = json!(org_id),
        Subject::ServiceAccount(id) => {
            body["sub"] = json!(id);
            body["service_account_id"] = json!(id);
        }
    }
    Ok(token_ok(&body))
}

fn refresh(
    state: &mut State,
    client_id: &str,
    params: &HashMap<String, String>,
) -> Result<Response, Rejection> {
    let presented = params
        .get("refresh_token")
        .map(String::as_str)
        .unwrap_or("");
    let Some(&grant_id) = state.refresh_tokens.get(presented) else {
        return Err(invalid_grant(
            "the refresh token is unknown, revoked, or was rotated away",
        ));
    };
    let Some(grant) = state.grants.get(&grant_id) else {
        return Err(invalid_grant("the refresh token was revoked"));
    };
    if grant.client_id != client_id {
        return Err(invalid_grant(
            "the refresh token was issued to another client",
        ));
    }
    let scope = grant.scope.clone();
    // Rotation: the refresh token just used dies; only the new one works from now on.
    state.refresh_tokens.remove(presented);
    let issued = state.issue(grant_id);
    Ok(token_ok(&token_body(&issued, &scope)))
}

/// The token fields of a token response.
pub(crate) fn token_body(issued: &Issued, scope: &str) -> Value {
    json!({
        "token_type": "bearer",
        "access_token": issued.access_token,
        "expires_in": issued.expires_in,
        "refresh_token": issued.refresh_token,
        "scope": scope,
    })
}

/// A token response: `200`, never cached.
pub(crate) fn token_ok(body: &Value) -> Response {
    let mut response = reply::ok(body);
    response
        .headers_mut()
        .insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    response
}

/// `POST /oauth/token/revoke`: by `token` (access or refresh) or by `sub`; `200` even when
/// there was nothing left to revoke.
pub(crate) async fn revoke(
    AxumState(shared): AxumState<Arc<Shared>>,
    headers: HeaderMap,
    body: Bytes,
) -> Result<Response, Rejection> {
    let params = token_params(&headers, &body)?;
    let mut state = shared.lock();
    let client_id = client(&state, &params)?.to_owned();
    let token = params.get("token").filter(|t| !t.is_empty());
    let sub = params.get("sub").filter(|s| !s.is_empty());
    let grants: Vec<u64> = match (token, sub) {
        (Some(token), _) => state
            .access_tokens
            .get(token)
            .map(|t| t.grant)
            .or_else(|| state.refresh_tokens.get(token).copied())
            .into_iter()
            .collect(),
        (None, Some(sub)) => state
            .grants
            .iter()
            .filter(|(_, grant)| grant.subject.id() == sub)
            .map(|(id, _)| *id)
            .collect(),
        (None, None) => {
            return Err(reply::oauth_error(
                "invalid_request",
                "token or sub is required",
            ));
        }
    };
    for grant in grants {
        if state
            .grants
            .get(&grant)
            .is_some_and(|g| g.client_id == client_id)
        {
            state.revoke_grant(grant);
        }
    }
    state.counters.revocations += 1;
    Ok(reply::empty(StatusCode::OK))
}
