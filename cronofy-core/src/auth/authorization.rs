//! How one request is authorized, as data the request pipeline applies: a bearer header (with
//! `Cronofy-Impersonate` when acting for a member), or the application's client id and secret
//! as members of the JSON body (the token endpoint, revocation, application calendars).

use std::fmt;

use bytes::Bytes;
use reqwest::header::HeaderValue;
use secrecy::{ExposeSecret, SecretString};

use crate::Error;
use crate::auth::AuthKind;

/// What one request presents to Cronofy. Secrets inside are marked sensitive (headers) or
/// held as [`SecretString`]s (body members), and never printed.
#[doc(hidden)]
pub struct Authorization {
    kind: AuthKind,
    presented: Presented,
    /// Which token of a refreshing credential this is, so a 401 replaces only that one.
    generation: u64,
}

enum Presented {
    /// `Authorization: Bearer {secret}`, and `Cronofy-Impersonate: {sub}` when acting for a
    /// member.
    Bearer {
        header: HeaderValue,
        impersonate: Option<HeaderValue>,
    },
    /// `"client_id": ..., "client_secret": ...` written into the JSON body, no header.
    InBody {
        /// The two members as JSON text, ready to be written after the body's `{`.
        members: SecretString,
        client_secret: SecretString,
    },
}

impl fmt::Debug for Authorization {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut debug = f.debug_struct("Authorization");
        debug.field("kind", &self.kind);
        match &self.presented {
            Presented::Bearer { impersonate, .. } => debug
                .field("bearer", &"[redacted]")
                .field("impersonating", &impersonate.is_some()),
            Presented::InBody { .. } => debug.field("client_credentials", &"[redacted]"),
        };
        debug.finish()
    }
}

impl Authorization {
    /// `Authorization: Bearer {secret}`, optionally with `Cronofy-Impersonate: {sub}`.
    pub(crate) fn bearer(
        kind: AuthKind,
        secret: &str,
        impersonate: Option<&str>,
    ) -> Result<Self, Error> {
        if secret.trim().is_empty() {
            return Err(Error::InvalidCredential {
                reason: "the token is empty",
            });
        }
        let mut header = HeaderValue::try_from(format!("Bearer {secret}")).map_err(|_| {
            Error::InvalidCredential {
                reason: "the token contains characters that cannot be sent in an HTTP header",
            }
        })?;
        header.set_sensitive(true);
        let impersonate = match impersonate {
            None => None,
            Some(sub) if sub.trim().is_empty() => {
                return Err(Error::InvalidCredential {
                    reason: "the impersonated `sub` is empty",
                });
            }
            Some(sub) => {
                let mut value = HeaderValue::from_str(sub).map_err(|_| Error::InvalidCredential {
                    reason: "the impersonated `sub` contains characters that cannot be sent in an HTTP header",
                })?;
                value.set_sensitive(true);
                Some(value)
            }
        };
        Ok(Authorization {
            kind,
            presented: Presented::Bearer {
                header,
                impersonate,
            },
            generation: 0,
        })
    }

    /// The application's client id and secret, sent in the JSON body.
    pub(crate) fn client_credentials(client_id: &str, client_secret: &str) -> Self {
        // Strings always serialize.
        let id = serde_json::to_string(client_id).unwrap_or_default();
        let secret = serde_json::to_string(client_secret).unwrap_or_default();
        Authorization {
            kind: AuthKind::ClientCredentials,
            presented: Presented::InBody {
                members: SecretString::from(format!(
                    "\"client_id\":{id},\"client_secret\":{secret}"
                )),
                client_secret: SecretString::from(client_secret.to_owned()),
            },
            generation: 0,
        }
    }

    pub(crate) fn with_generation(mut self, generation: u64) -> Self {
        self.generation = generation;
        self
    }

    /// Which token of a refreshing credential this is.
    pub(crate) fn generation(&self) -> u64 {
        self.generation
    }

    /// The kind of credential presented.
    pub(crate) fn kind(&self) -> AuthKind {
        self.kind
    }

    /// The `Authorization` and `Cronofy-Impersonate` headers to send, if any.
    pub(crate) fn headers(&self) -> (Option<&HeaderValue>, Option<&HeaderValue>) {
        match &self.presented {
            Presented::Bearer {
                header,
                impersonate,
            } => (Some(header), impersonate.as_ref()),
            Presented::InBody { .. } => (None, None),
        }
    }

    /// For client credentials, the body to send instead of `body`: `body` with the client id
    /// and secret written in as its first members (`{` and them and `}` when there is none).
    /// `None` for a bearer, which leaves the body as it is.
    pub(crate) fn body_with_credentials(
        &self,
        body: Option<&Bytes>,
    ) -> Result<Option<Bytes>, Error> {
        let members = match &self.presented {
            Presented::Bearer { .. } => return Ok(None),
            Presented::InBody { members, .. } => members.expose_secret(),
        };
        let rest: &[u8] = match body.map(|b| b.as_ref()) {
            None => b"}",
            Some(object) => match object.strip_prefix(b"{") {
                Some(rest) if rest.trim_ascii_start().starts_with(b"}") => b"}",
                Some(rest) => {
                    let mut joined = Vec::with_capacity(members.len() + object.len() + 2);
                    joined.push(b'{');
                    joined.extend_from_slice(members.as_bytes());
                    joined.push(b',');
                    joined.extend_from_slice(rest);
                    return Ok(Some(Bytes::from(joined)));
                }
                None => {
                    return Err(Error::Encode {
                        part: "body",
                        reason: "client credentials are sent as members of a JSON object, and \
                                 this body is not one"
                            .to_owned(),
                    });
                }
            },
        };
        let mut joined = Vec::with_capacity(members.len() + 2);
        joined.push(b'{');
        joined.extend_from_slice(members.as_bytes());
        joined.extend_from_slice(rest);
        Ok(Some(Bytes::from(joined)))
    }

    /// The secret presented (token or client secret), so error bodies that echo it can be
    /// scrubbed.
    pub(crate) fn secret(&self) -> &[u8] {
        match &self.presented {
            Presented::Bearer { header, .. } => header
                .as_bytes()
                .strip_prefix(b"Bearer ")
                .unwrap_or_default(),
            Presented::InBody { client_secret, .. } => client_secret.expose_secret().as_bytes(),
        }
    }

    /// Whether the credentials travel in the body: the requests whose answers carry token
    /// sets, and whose bodies carry more secrets than the credential (codes, refresh tokens).
    pub(crate) fn is_client_credentials(&self) -> bool {
        matches!(self.presented, Presented::InBody { .. })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn spliced(body: Option<&str>) -> String {
        let authorization = Authorization::client_credentials("id-1", "se\"cret");
        let body = body.map(|b| Bytes::from(b.to_owned()));
        let out = authorization
            .body_with_credentials(body.as_ref())
            .unwrap()
            .unwrap();
        String::from_utf8(out.to_vec()).unwrap()
    }

    #[test]
    fn client_credentials_become_the_first_members_of_the_body() {
        let members = r#""client_id":"id-1","client_secret":"se\"cret""#;
        assert_eq!(spliced(None), format!("{{{members}}}"));
        assert_eq!(spliced(Some("{}")), format!("{{{members}}}"));
        assert_eq!(
            spliced(Some(r#"{"grant_type":"refresh_token"}"#)),
            format!(r#"{{{members},"grant_type":"refresh_token"}}"#)
        );
        let value: serde_json::Value = serde_json::from_str(&spliced(Some(r#"{"a":1}"#))).unwrap();
        assert_eq!(value["client_secret"], "se\"cret");
        assert_eq!(value["a"], 1);
        let authorization = Authorization::client_credentials("id", "s");
        assert!(
            authorization
                .body_with_credentials(Some(&Bytes::from_static(b"[1]")))
                .is_err()
        );
        assert!(!format!("{authorization:?}").contains("\"s\""));
    }

    #[test]
    fn a_bearer_leaves_the_body_alone_and_hides_its_secret() {
        let authorization = Authorization::bearer(AuthKind::User, "tok3n", Some("acc_1")).unwrap();
        let body = Bytes::from_static(b"[1]");
        assert_eq!(
            authorization.body_with_credentials(Some(&body)).unwrap(),
            None
        );
        assert_eq!(authorization.secret(), b"tok3n");
        assert!(!format!("{authorization:?}").contains("tok3n"));
        assert!(Authorization::bearer(AuthKind::User, "bad\nvalue", None).is_err());
    }
}
