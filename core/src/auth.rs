//! Credentials, and the API-token cache for client-app credentials.

use crate::error::{ApiError, Error, Result};
use secrecy::{ExposeSecret, SecretString};
use serde::Deserialize;
use std::fmt;
use std::sync::{Arc, RwLock};
use std::time::{Duration, SystemTime, UNIX_EPOCH};
use tokio::time::Instant;

/// How the client proves who it is.
///
/// Open for more: OneSpan also documents an OAuth 2.0 client-credentials flow.
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
        }
    }

    pub(crate) fn check(&self) -> Result<()> {
        let empty = match self {
            Credentials::ApiKey(k) => k.expose_secret().trim().is_empty(),
            Credentials::ClientApp {
                client_id,
                client_secret,
            } => client_id.trim().is_empty() || client_secret.expose_secret().trim().is_empty(),
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
            Credentials::ClientApp { client_id, .. } => f
                .debug_struct("ClientApp")
                .field("client_id", client_id)
                .field("client_secret", &"[REDACTED]")
                .finish(),
        }
    }
}

/// A bearer token with its local expiry.
#[derive(Clone)]
pub(crate) struct ApiToken {
    pub(crate) value: Arc<SecretString>,
    /// When to stop using it: the server's expiry less a safety margin.
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

/// Caches one API token; fetches it once however many requests wait for it.
#[derive(Default)]
pub(crate) struct TokenCache {
    current: RwLock<Option<ApiToken>>,
    // Held across the exchange so that concurrent callers wait for one fetch.
    fetch: tokio::sync::Mutex<()>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct AccessTokenAnswer {
    access_token: String,
    expires_at: Option<serde_json::Value>,
}

/// Used when the answer carries no readable expiry; OneSpan documents about 30 minutes.
const DEFAULT_LIFETIME: Duration = Duration::from_secs(30 * 60);

impl TokenCache {
    fn cached(&self) -> Option<ApiToken> {
        let guard = self.current.read().unwrap_or_else(|p| p.into_inner());
        guard.as_ref().filter(|t| t.usable()).cloned()
    }

    /// A usable token: the cached one, or a fresh one from `exchange`.
    pub(crate) async fn get<F, Fut>(&self, exchange: F) -> Result<ApiToken>
    where
        F: FnOnce() -> Fut,
        Fut: std::future::Future<Output = Result<(u16, bytes::Bytes)>>,
    {
        if let Some(t) = self.cached() {
            return Ok(t);
        }
        let _guard = self.fetch.lock().await;
        if let Some(t) = self.cached() {
            return Ok(t);
        }
        let (status, body) = exchange().await?;
        let token = parse_token_answer(status, &body)?;
        *self.current.write().unwrap_or_else(|p| p.into_inner()) = Some(token.clone());
        Ok(token)
    }

    /// Drops `stale` if it is still the cached token (the server refused it), so the next
    /// `get` fetches a new one. A token some other request already replaced is left alone.
    pub(crate) fn invalidate(&self, stale: &ApiToken) {
        let mut guard = self.current.write().unwrap_or_else(|p| p.into_inner());
        if guard.as_ref().is_some_and(|t| t.same_as(stale)) {
            *guard = None;
        }
    }
}

fn parse_token_answer(status: u16, body: &[u8]) -> Result<ApiToken> {
    if !(200..300).contains(&status) {
        return Err(ApiError::from_response(status, body).into());
    }
    let answer: AccessTokenAnswer =
        serde_json::from_slice(body).map_err(|e| Error::UnexpectedResponse {
            status,
            message: format!("the API-token answer is not the expected JSON: {e}"),
        })?;
    if answer.access_token.is_empty() {
        return Err(Error::UnexpectedResponse {
            status,
            message: "the API-token answer has an empty accessToken".into(),
        });
    }
    let lifetime = answer
        .expires_at
        .as_ref()
        .and_then(lifetime_from_expires_at)
        .unwrap_or(DEFAULT_LIFETIME);
    // Refresh ahead of expiry: a tenth of the lifetime, at most a minute, so that a request
    // in flight does not carry a token that dies on the way.
    let margin = (lifetime / 10).min(Duration::from_secs(60));
    Ok(ApiToken {
        value: Arc::new(SecretString::from(answer.access_token)),
        refresh_at: Instant::now() + lifetime.saturating_sub(margin),
    })
}

/// `expiresAt` is an epoch time whose unit is not settled (spec/: public clients read it as
/// both): above 10^12 it can only be milliseconds, below it seconds.
fn lifetime_from_expires_at(v: &serde_json::Value) -> Option<Duration> {
    let raw = match v {
        serde_json::Value::Number(n) => n.as_f64()?,
        serde_json::Value::String(s) => s.trim().parse::<f64>().ok()?,
        _ => return None,
    };
    if !raw.is_finite() || raw <= 0.0 {
        return None;
    }
    let expires_ms = if raw > 1e12 { raw } else { raw * 1000.0 };
    let now_ms = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .ok()?
        .as_millis() as f64;
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
            let d = lifetime_from_expires_at(&v).unwrap_or_default();
            assert!(
                d > Duration::from_secs(590) && d <= Duration::from_secs(600),
                "{v}: {d:?}"
            );
        }
        assert_eq!(lifetime_from_expires_at(&serde_json::json!("soon")), None);
    }
}
