//! Credentials, and the one token cache for client-app and OAuth 2.0 credentials.

use crate::error::{ApiError, Error, Result};
use secrecy::{ExposeSecret, SecretString};
use serde::Deserialize;
use std::fmt;
use std::sync::{Arc, Mutex};
use std::time::{Duration, SystemTime, UNIX_EPOCH};
use tokio::time::Instant;

/// How the client proves who it is.
#[derive(Clone)]
#[non_exhaustive]
pub enum Credentials {
    /// An API key, sent as `Authorization: Basic {key}` exactly as issued.
    ApiKey(SecretString),
    /// A client app (Admin → API Access), exchanged for short-lived API tokens.
    ClientApp {
        /// The client ID (not secret; shown in Debug).
        client_id: String,
        /// The client secret.
        client_secret: SecretString,
        /// Act as this sender (token type `SENDER` with `email`); the account owner
        /// (`OWNER`, no `email`) when None.
        sender_email: Option<String>,
    },
    /// OAuth 2.0 client credentials, exchanged at `token_url` for short-lived bearer tokens.
    OAuth {
        /// The client ID (not secret; shown in Debug).
        client_id: String,
        /// The client secret.
        client_secret: SecretString,
        /// The token URL the account was given (outside `/api`).
        token_url: String,
        /// Act as this sender (`sender_id` in the token request).
        sender_id: Option<String>,
    },
}

impl Credentials {
    /// An API key.
    pub fn api_key(key: impl Into<String>) -> Self {
        Credentials::ApiKey(SecretString::from(key.into()))
    }

    /// Client-app credentials.
    pub fn client_app(client_id: impl Into<String>, client_secret: impl Into<String>) -> Self {
        Credentials::ClientApp {
            client_id: client_id.into(),
            client_secret: SecretString::from(client_secret.into()),
            sender_email: None,
        }
    }

    /// Client-app credentials whose tokens act as the sender with `sender_email`.
    pub fn client_app_as_sender(
        client_id: impl Into<String>,
        client_secret: impl Into<String>,
        sender_email: impl Into<String>,
    ) -> Self {
        Credentials::ClientApp {
            client_id: client_id.into(),
            client_secret: SecretString::from(client_secret.into()),
            sender_email: Some(sender_email.into()),
        }
    }

    /// OAuth 2.0 client credentials.
    pub fn oauth(
        client_id: impl Into<String>,
        client_secret: impl Into<String>,
        token_url: impl Into<String>,
        sender_id: Option<String>,
    ) -> Self {
        Credentials::OAuth {
            client_id: client_id.into(),
            client_secret: SecretString::from(client_secret.into()),
            token_url: token_url.into(),
            sender_id,
        }
    }

    pub(crate) fn check(&self) -> Result<()> {
        let empty = match self {
            Credentials::OAuth {
                client_id,
                client_secret,
                token_url,
                sender_id,
            } => {
                if sender_id.as_ref().is_some_and(|s| s.trim().is_empty()) {
                    return Err(Error::invalid("sender_id must not be empty"));
                }
                client_id.trim().is_empty()
                    || client_secret.expose_secret().trim().is_empty()
                    || token_url.trim().is_empty()
            }
            Credentials::ApiKey(k) => k.expose_secret().trim().is_empty(),
            Credentials::ClientApp {
                client_id,
                client_secret,
                sender_email,
            } => {
                if let Some(email) = sender_email {
                    check_email(email)?;
                }
                client_id.trim().is_empty() || client_secret.expose_secret().trim().is_empty()
            }
        };
        if empty {
            return Err(Error::invalid("credentials must not be empty"));
        }
        Ok(())
    }
}

impl fmt::Debug for Credentials {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Credentials::ApiKey(_) => f.write_str("ApiKey([REDACTED])"),
            Credentials::ClientApp {
                client_id,
                sender_email,
                ..
            } => f
                .debug_struct("ClientApp")
                .field("client_id", client_id)
                .field("client_secret", &"[REDACTED]")
                .field("sender_email", sender_email)
                .finish(),
            Credentials::OAuth {
                client_id,
                token_url,
                sender_id,
                ..
            } => f
                .debug_struct("OAuth")
                .field("client_id", client_id)
                .field("client_secret", &"[REDACTED]")
                .field("token_url", &crate::net::redact_url(token_url))
                .field("sender_id", sender_id)
                .finish(),
        }
    }
}

/// A sender's email as the token exchange takes it: one `@` with text either side, no
/// spaces. The service checks that the sender exists; this only catches what cannot be one.
fn check_email(email: &str) -> Result<()> {
    let ok = match email.split_once('@') {
        Some((user, host)) => {
            !user.is_empty()
                && !host.is_empty()
                && !host.contains('@')
                && !email.chars().any(|c| c.is_whitespace() || c.is_control())
        }
        None => false,
    };
    if ok {
        Ok(())
    } else {
        Err(Error::invalid(format!(
            "sender_email {email:?} is not an email address"
        )))
    }
}

/// A bearer token with its local expiry.
#[derive(Clone)]
pub(crate) struct ApiToken {
    pub(crate) value: Arc<SecretString>,
    /// When to stop using it: the server's expiry less a safety margin, but never sooner
    /// than [`MIN_REUSE`] after it arrived.
    refresh_at: Instant,
}

impl ApiToken {
    fn usable(&self) -> bool {
        Instant::now() < self.refresh_at
    }

    pub(crate) fn same_as(&self, other: &ApiToken) -> bool {
        Arc::ptr_eq(&self.value, &other.value)
    }
}

/// What the token endpoint answered.
pub(crate) struct TokenAnswer {
    pub(crate) status: u16,
    /// The server's clock when it answered (its `Date` header), to measure the lifetime on.
    pub(crate) date: Option<SystemTime>,
    pub(crate) body: bytes::Bytes,
    /// An OAuth 2.0 answer (`access_token`, `expires_in`) rather than a client-app one.
    pub(crate) oauth: bool,
}

/// Caches one API token; fetches it once however many requests wait for it.
#[derive(Default)]
pub(crate) struct TokenCache {
    slot: Mutex<Slot>,
    // Held across the exchange so that concurrent callers wait for one fetch.
    fetch: tokio::sync::Mutex<()>,
}

#[derive(Default)]
struct Slot {
    current: Option<ApiToken>,
    /// Counts finished fetches, so a caller that waited can tell one finished meanwhile.
    fetches: u64,
    /// The outcome of the last finished fetch, for the callers that waited for it.
    last: Option<Result<ApiToken>>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct AccessTokenAnswer {
    // Any JSON here, so that a token of the wrong type is reported as such rather than as
    // unreadable JSON.
    access_token: serde_json::Value,
    expires_at: Option<serde_json::Value>,
}

/// Used when the answer carries no readable expiry; OneSpan documents about 30 minutes.
const DEFAULT_LIFETIME: Duration = Duration::from_secs(30 * 60);

/// A token just issued is used for at least this long, whatever its `expiresAt` says. The
/// server issued it a moment ago, so it is good now; an expiry already past (or nearly) is a
/// skewed local clock or a misread unit far more often than a real lifetime of seconds
/// (OneSpan's are about 30 minutes). Without a floor every call would fetch a token of its
/// own, a token storm against the service; with it there is at most one fetch per 30 s per
/// client, and a token the server does refuse early is fetched again once on its 401.
const MIN_REUSE: Duration = Duration::from_secs(30);

impl TokenCache {
    fn slot(&self) -> std::sync::MutexGuard<'_, Slot> {
        self.slot.lock().unwrap_or_else(|p| p.into_inner())
    }

    /// A usable token: the cached one, or a fresh one from `exchange`.
    pub(crate) async fn get<F, Fut>(&self, exchange: F) -> Result<ApiToken>
    where
        F: FnOnce() -> Fut,
        Fut: std::future::Future<Output = Result<TokenAnswer>>,
    {
        let seen = {
            let slot = self.slot();
            if let Some(t) = slot.current.as_ref().filter(|t| t.usable()) {
                return Ok(t.clone());
            }
            slot.fetches
        };
        let _guard = self.fetch.lock().await;
        {
            let slot = self.slot();
            // A fetch finished while this caller waited: its outcome serves this call too,
            // good or bad, so that N waiting callers cause one fetch and not N in a row.
            if slot.fetches != seen {
                if let Some(last) = &slot.last {
                    return last.clone();
                }
            }
            if let Some(t) = slot.current.as_ref().filter(|t| t.usable()) {
                return Ok(t.clone());
            }
        }
        // If this future is dropped here (the caller's timeout), nothing is recorded and the
        // next waiter fetches.
        let outcome = match exchange().await {
            Ok(answer) => parse_token_answer(&answer, Instant::now()),
            Err(e) => Err(e),
        };
        let mut slot = self.slot();
        slot.fetches += 1;
        if let Ok(token) = &outcome {
            slot.current = Some(token.clone());
        }
        slot.last = Some(outcome.clone());
        outcome
    }

    /// Drops `stale` if it is still the cached token (the server refused it), so the next
    /// `get` fetches a new one. A token some other request already replaced is left alone.
    pub(crate) fn invalidate(&self, stale: &ApiToken) {
        let mut slot = self.slot();
        if slot.current.as_ref().is_some_and(|t| t.same_as(stale)) {
            slot.current = None;
        }
    }
}

/// What an OAuth 2.0 token endpoint answers (RFC 6749 §5.1).
#[derive(Deserialize)]
struct OAuthTokenAnswer {
    access_token: serde_json::Value,
    expires_in: Option<serde_json::Value>,
}

/// An OAuth 2.0 error answer (RFC 6749 §5.2).
#[derive(Deserialize)]
struct OAuthErrorAnswer {
    error: String,
    error_description: Option<String>,
}

fn parse_token_answer(answer: &TokenAnswer, received: Instant) -> Result<ApiToken> {
    let status = answer.status;
    // Exactly 200, as the official SDKs require (spec/): another 2xx carries no token.
    if (200..300).contains(&status) && status != 200 {
        return Err(Error::UnexpectedResponse {
            status,
            message: format!("the token endpoint answered {status}, not 200 with a token"),
        });
    }
    if status != 200 {
        let mut e = ApiError::from_response(status, &answer.body);
        if answer.oauth {
            if let Ok(o) = serde_json::from_slice::<OAuthErrorAnswer>(&answer.body) {
                // The code is a fixed token (invalid_client, …); the description is the
                // server's text, never the secret, which is only in the request's header.
                e.message = match o.error_description.filter(|d| !d.is_empty()) {
                    Some(d) => format!("the OAuth token endpoint refused: {} ({d})", o.error),
                    None => format!("the OAuth token endpoint refused: {}", o.error),
                };
            }
        }
        return Err(e.into());
    }
    let server_now = answer.date.unwrap_or_else(SystemTime::now);
    let parsed: AccessTokenAnswer = if answer.oauth {
        let o: OAuthTokenAnswer =
            serde_json::from_slice(&answer.body).map_err(|e| Error::UnexpectedResponse {
                status,
                message: format!("the OAuth token answer is not the expected JSON: {e}"),
            })?;
        // The JWT's `exp` when the token is one (as OneSpan's SDK reads it), else
        // `expires_in` (seconds); expressed as an `expiresAt` in milliseconds.
        let now_ms = server_now
            .duration_since(UNIX_EPOCH)
            .map(|d| d.as_millis() as f64)
            .unwrap_or(0.0);
        let from_jwt = o
            .access_token
            .as_str()
            .and_then(jwt_exp)
            .map(|exp| exp * 1000.0);
        let from_expires_in = o.expires_in.as_ref().and_then(|v| match v {
            serde_json::Value::Number(n) => n.as_f64(),
            serde_json::Value::String(s) => s.trim().parse::<f64>().ok(),
            _ => None,
        });
        let expires_at = from_jwt
            .or_else(|| {
                from_expires_in
                    .filter(|s| s.is_finite() && *s > 0.0)
                    .map(|s| now_ms + s * 1000.0)
            })
            .map(|ms| serde_json::json!(ms.max(1e12 + 1.0)));
        AccessTokenAnswer {
            access_token: o.access_token,
            expires_at,
        }
    } else {
        serde_json::from_slice(&answer.body).map_err(|e| Error::UnexpectedResponse {
            status,
            message: format!("the API-token answer is not the expected JSON: {e}"),
        })?
    };
    // The token goes into an Authorization header; one that cannot is the server's fault,
    // and caching it would fail every call for half an hour. Its value is never quoted.
    let token = match parsed.access_token {
        serde_json::Value::String(t) if is_token68(&t) => t,
        serde_json::Value::String(t) if t.is_empty() => {
            return Err(Error::UnexpectedResponse {
                status,
                message: "the API-token answer has an empty accessToken".into(),
            })
        }
        serde_json::Value::String(_) => {
            return Err(Error::UnexpectedResponse {
                status,
                message: "the API-token answer's accessToken holds characters that cannot \
                          be sent in an Authorization header"
                    .into(),
            })
        }
        other => {
            return Err(Error::UnexpectedResponse {
                status,
                message: format!(
                    "the API-token answer's accessToken is {}, not a string",
                    json_type(&other)
                ),
            })
        }
    };
    let lifetime = parsed
        .expires_at
        .as_ref()
        .and_then(|v| lifetime_from_expires_at(v, server_now))
        .unwrap_or(DEFAULT_LIFETIME);
    // Refresh ahead of expiry: a tenth of the lifetime, at most a minute (as OneSpan's SDKs
    // do), so that a request in flight does not carry a token that dies on the way.
    let margin = (lifetime / 10).min(Duration::from_secs(60));
    let reuse = lifetime.saturating_sub(margin).max(MIN_REUSE);
    Ok(ApiToken {
        value: Arc::new(SecretString::from(token)),
        refresh_at: received + reuse,
    })
}

/// The `exp` claim (epoch seconds) of a JWT, read without checking its signature: the token
/// is the server's to check; the client only learns when to fetch the next one.
fn jwt_exp(token: &str) -> Option<f64> {
    use base64::Engine;
    let mut parts = token.split('.');
    let (_header, payload, _sig) = (parts.next()?, parts.next()?, parts.next()?);
    if parts.next().is_some() {
        return None;
    }
    let bytes = base64::engine::general_purpose::URL_SAFE_NO_PAD
        .decode(payload.trim_end_matches('='))
        .ok()?;
    let claims: serde_json::Value = serde_json::from_slice(&bytes).ok()?;
    claims
        .get("exp")?
        .as_f64()
        .filter(|e| e.is_finite() && *e > 0.0)
}

/// Visible ASCII without spaces: what a bearer token (RFC 6750 `b64token`, loosely) can be.
fn is_token68(t: &str) -> bool {
    !t.is_empty() && t.bytes().all(|b| b.is_ascii_graphic())
}

fn json_type(v: &serde_json::Value) -> &'static str {
    match v {
        serde_json::Value::Null => "null",
        serde_json::Value::Bool(_) => "a boolean",
        serde_json::Value::Number(_) => "a number",
        serde_json::Value::String(_) => "a string",
        serde_json::Value::Array(_) => "an array",
        serde_json::Value::Object(_) => "an object",
    }
}

/// How long the token lives: `expiresAt` less the server's `now` (its `Date` header when it
/// sent one, so that a skewed local clock does not shorten or stretch it).
///
/// `expiresAt` is epoch milliseconds per spec/ (both official SDKs read it so); seconds are
/// still accepted, as some public clients read it: above 10^12 it can only be milliseconds.
fn lifetime_from_expires_at(v: &serde_json::Value, server_now: SystemTime) -> Option<Duration> {
    let raw = match v {
        serde_json::Value::Number(n) => n.as_f64()?,
        serde_json::Value::String(s) => s.trim().parse::<f64>().ok()?,
        _ => return None,
    };
    if !raw.is_finite() || raw <= 0.0 {
        return None;
    }
    let expires_ms = if raw > 1e12 { raw } else { raw * 1000.0 };
    let now_ms = server_now.duration_since(UNIX_EPOCH).ok()?.as_millis() as f64;
    Some(Duration::from_millis((expires_ms - now_ms).max(0.0) as u64))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn debug_never_shows_secrets() {
        let c = Credentials::client_app("app-id", "s3cr3t-value");
        let k = Credentials::api_key("k3y-value");
        let shown = format!("{c:?} {k:?} {c:#?}");
        assert!(
            !shown.contains("s3cr3t-value") && !shown.contains("k3y-value"),
            "{shown}"
        );
        assert!(shown.contains("app-id"));
    }

    #[test]
    fn expires_at_accepts_seconds_and_milliseconds() {
        let now = SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .unwrap_or_default();
        let in_10m = now + Duration::from_secs(600);
        for v in [
            serde_json::json!(in_10m.as_secs()),
            serde_json::json!(in_10m.as_millis() as u64),
            serde_json::json!(in_10m.as_secs().to_string()),
        ] {
            let d = lifetime_from_expires_at(&v, SystemTime::now()).unwrap_or_default();
            assert!(
                d > Duration::from_secs(590) && d <= Duration::from_secs(600),
                "{v}: {d:?}"
            );
        }
        assert_eq!(
            lifetime_from_expires_at(&serde_json::json!("soon"), SystemTime::now()),
            None
        );
    }

    fn answer(body: serde_json::Value, date: Option<SystemTime>) -> TokenAnswer {
        TokenAnswer {
            status: 200,
            date,
            body: serde_json::to_vec(&body).unwrap_or_default().into(),
            oauth: false,
        }
    }

    fn epoch_ms(t: SystemTime) -> u64 {
        t.duration_since(UNIX_EPOCH).unwrap_or_default().as_millis() as u64
    }

    #[test]
    fn the_lifetime_is_measured_on_the_servers_clock() {
        // The server's clock is an hour behind ours: by our clock the token expired half an
        // hour ago, by the server's it has 30 minutes to live.
        let server_now = SystemTime::now() - Duration::from_secs(3600);
        let expires = epoch_ms(server_now + Duration::from_secs(1800));
        let received = Instant::now();
        let t = parse_token_answer(
            &answer(
                serde_json::json!({"accessToken": "tok", "expiresAt": expires}),
                Some(server_now),
            ),
            received,
        )
        .map_err(|e| e.to_string());
        let reuse = t.map(|t| t.refresh_at - received).unwrap_or_default();
        assert!(
            reuse > Duration::from_secs(1780 - 60) && reuse <= Duration::from_secs(1800 - 60),
            "{reuse:?}"
        );
    }

    #[test]
    fn a_token_already_expired_by_our_clock_is_kept_for_the_minimum() {
        let past = epoch_ms(SystemTime::now() - Duration::from_secs(5));
        let received = Instant::now();
        let reuse = parse_token_answer(
            &answer(
                serde_json::json!({"accessToken": "tok", "expiresAt": past}),
                None,
            ),
            received,
        )
        .map(|t| t.refresh_at - received)
        .unwrap_or_default();
        assert_eq!(reuse, MIN_REUSE);
    }

    #[test]
    fn tokens_that_cannot_be_sent_are_unexpected_responses() {
        for token in [
            serde_json::json!("a\nb"),
            serde_json::json!("a b"),
            serde_json::json!("é"),
            serde_json::json!(""),
            serde_json::json!(12345),
            serde_json::json!(null),
        ] {
            let r = parse_token_answer(
                &answer(serde_json::json!({"accessToken": token}), None),
                Instant::now(),
            );
            assert!(
                matches!(r, Err(Error::UnexpectedResponse { status: 200, .. })),
                "{token}"
            );
        }
    }

    fn oauth_answer(body: serde_json::Value) -> TokenAnswer {
        TokenAnswer {
            oauth: true,
            ..answer(body, None)
        }
    }

    #[test]
    fn oauth_lifetime_comes_from_the_jwt_exp_else_expires_in() {
        use base64::Engine;
        let b64 = base64::engine::general_purpose::URL_SAFE_NO_PAD;
        let now = SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .unwrap_or_default()
            .as_secs();
        let jwt = format!(
            "{}.{}.sig",
            b64.encode("{}"),
            b64.encode(serde_json::json!({"exp": now + 600}).to_string())
        );
        let received = Instant::now();
        let reuse = |body| {
            parse_token_answer(&oauth_answer(body), received)
                .map(|t| t.refresh_at - received)
                .unwrap_or_default()
        };
        // exp: 600 s, less the 60 s margin; expires_in (1 s) is ignored.
        let d = reuse(serde_json::json!({"access_token": jwt, "expires_in": 1}));
        assert!(
            d > Duration::from_secs(530) && d <= Duration::from_secs(540),
            "{d:?}"
        );
        // Not a JWT: expires_in (300 s, less a tenth).
        let d = reuse(serde_json::json!({"access_token": "opaque", "expires_in": 300}));
        assert!(
            d > Duration::from_secs(268) && d <= Duration::from_secs(270),
            "{d:?}"
        );
        assert_eq!(jwt_exp("a.b"), None);
        assert_eq!(jwt_exp("a.!!.c"), None);
    }

    #[test]
    fn oauth_debug_hides_the_secret() {
        let c = Credentials::oauth("oid", "oauth-s3cret", "https://a.example/t", None);
        let shown = format!("{c:?} {c:#?}");
        assert!(
            !shown.contains("oauth-s3cret") && shown.contains("oid"),
            "{shown}"
        );
    }
}
