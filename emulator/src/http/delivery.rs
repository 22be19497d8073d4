//! Delivers queued events to the callback URL, as the service does: an HTTP POST of the JSON
//! payload (`Content-Type: application/json; charset=utf-8`, as a real delivery carries)
//! with the callback key in the Authorization header — or, per the configuration's
//! `authType`, Basic credentials, or a bearer token fetched from the integrator's OAuth 2.0
//! authorization server — and the configured custom headers.
//!
//! `Basic {key}` is the header form spec/ documents (its exact prefix is unconfirmed). The
//! service never resends a failed delivery [doc: KB0014510]: neither does the emulator,
//! unless started with `retry_deliveries`, when it tries four times in all with growing
//! delays. It delivers one event at a time so a receiver sees them in order; every attempt
//! is recorded.

use crate::store::{DeliveryAttempt, DeliveryAuth, Outgoing, State};
use reqwest::header::{AUTHORIZATION, CONTENT_TYPE};
use serde_json::{Map, Value};
use std::sync::Weak;
use std::time::Duration;
use tokio::sync::mpsc::UnboundedReceiver;

pub const MAX_ATTEMPTS: u32 = 4;
const FIRST_DELAY: Duration = Duration::from_millis(100);
const ATTEMPT_TIMEOUT: Duration = Duration::from_secs(5);

/// Runs until the emulator's state is gone.
pub async fn run(state: Weak<State>, mut outbox: UnboundedReceiver<Outgoing>) {
    let http = match reqwest::Client::builder().timeout(ATTEMPT_TIMEOUT).build() {
        Ok(c) => c,
        Err(e) => {
            tracing::error!("no HTTP client for event delivery: {e}");
            return;
        }
    };
    while let Some(out) = outbox.recv().await {
        let name = out
            .payload
            .get("name")
            .and_then(|v| v.as_str())
            .unwrap_or("")
            .to_string();
        let package_id = out
            .payload
            .get("packageId")
            .and_then(|v| v.as_str())
            .unwrap_or("")
            .to_string();
        let body = out.payload.to_string();
        let mut delay = FIRST_DELAY;
        let attempts = match state.upgrade() {
            Some(s) if s.retry_deliveries => MAX_ATTEMPTS,
            Some(_) => 1,
            None => return,
        };
        for attempt in 1..=attempts {
            let mut req = http
                .post(&out.url)
                .header(CONTENT_TYPE, "application/json; charset=utf-8")
                .body(body.clone());
            for (k, v) in &out.headers {
                req = req.header(k.as_str(), v.as_str());
            }
            let authorization = match &out.auth {
                DeliveryAuth::Key => Ok(out.key.as_ref().map(|key| format!("Basic {key}"))),
                DeliveryAuth::Basic { username, password } => {
                    Ok(Some(format!("Basic {}", basic(username, password))))
                }
                DeliveryAuth::OAuth2(setting) => oauth_token(&http, setting)
                    .await
                    .map(|t| Some(format!("Bearer {t}"))),
            };
            let (status, error) = match authorization {
                Err(e) => (None, Some(e)),
                Ok(authorization) => {
                    if let Some(a) = authorization {
                        req = req.header(AUTHORIZATION, a);
                    }
                    match req.send().await {
                        Ok(resp) => (Some(resp.status().as_u16()), None),
                        Err(e) => (None, Some(e.without_url().to_string())),
                    }
                }
            };
            let delivered = status.is_some_and(|s| (200..300).contains(&s));
            let Some(state) = state.upgrade() else { return };
            state.store().deliveries.push(DeliveryAttempt {
                event_name: name.clone(),
                package_id: package_id.clone(),
                url: out.url.clone(),
                attempt,
                status,
                error,
                delivered,
            });
            drop(state);
            if delivered {
                break;
            }
            if attempt < attempts {
                tokio::time::sleep(delay).await;
                delay *= 3;
            }
        }
    }
}

fn basic(user: &str, password: &str) -> String {
    use base64::Engine;
    base64::engine::general_purpose::STANDARD.encode(format!("{user}:{password}"))
}

/// A token from the callback's OAuth 2.0 authorization server (`oauthSetting`): the
/// `grantType` (default `client_credentials`; `password` adds `username` and `password`),
/// `scope` and `customParameters` form-encoded; the client credentials in the form with
/// `authMechanism` BODY, else (HEADER, BASIC_AUTH, unset) as `Authorization: Basic` (the
/// meaning of HEADER vs BASIC_AUTH is assumed: both are the RFC 6749 §2.3.1 header). The
/// answer's `access_token` is used. Fetched for each delivery attempt. An error is a text
/// without secrets, recorded as the attempt's error.
async fn oauth_token(
    http: &reqwest::Client,
    setting: &Map<String, Value>,
) -> Result<String, String> {
    let text = |k: &str| {
        setting
            .get(k)
            .and_then(Value::as_str)
            .filter(|v| !v.is_empty())
    };
    let url = text("authorizationServerUrl")
        .ok_or("the OAuth 2.0 callback setting has no authorizationServerUrl")?;
    let id = text("clientId").unwrap_or("");
    let secret = text("clientSecret").unwrap_or("");
    let grant = text("grantType").unwrap_or("client_credentials");
    let mut form: Vec<(String, String)> = vec![("grant_type".into(), grant.into())];
    if let Some(scope) = text("scope") {
        form.push(("scope".into(), scope.into()));
    }
    if grant == "password" {
        form.push(("username".into(), text("username").unwrap_or("").into()));
        form.push(("password".into(), text("password").unwrap_or("").into()));
    }
    for p in setting
        .get("customParameters")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
    {
        if let Some(k) = p.get("key").and_then(Value::as_str) {
            let v = p.get("value").and_then(Value::as_str).unwrap_or("");
            form.push((k.into(), v.into()));
        }
    }
    let mut req = http
        .post(url)
        .header(reqwest::header::ACCEPT, "application/json");
    if text("authMechanism") == Some("BODY") {
        form.push(("client_id".into(), id.into()));
        form.push(("client_secret".into(), secret.into()));
    } else {
        req = req.header(AUTHORIZATION, format!("Basic {}", basic(id, secret)));
    }
    let resp = req
        .form(&form)
        .send()
        .await
        .map_err(|e| format!("the OAuth 2.0 token request failed: {}", e.without_url()))?;
    let status = resp.status().as_u16();
    if status != 200 {
        return Err(format!(
            "the OAuth 2.0 authorization server answered {status}"
        ));
    }
    let answer: Value = resp
        .json()
        .await
        .map_err(|_| "the OAuth 2.0 token answer is not JSON".to_string())?;
    answer
        .get("access_token")
        .and_then(Value::as_str)
        .filter(|t| !t.is_empty() && t.bytes().all(|b| b.is_ascii_graphic()))
        .map(str::to_string)
        .ok_or_else(|| "the OAuth 2.0 token answer has no usable access_token".to_string())
}
