//! Authentication as the real service does it: `Basic {apiKey}`, or `Bearer {token}` with an
//! API token from the client-app exchange, which expires. A token may act as one sender
//! (client-app type `SENDER` with `email`, OAuth `sender_id`); each request's acting sender
//! is recorded.

use super::error::{ApiError, ApiResult};
use super::ids;
use crate::store::State;
use serde::Deserialize;
use serde_json::{json, Value};
use std::time::{Instant, SystemTime};
use subtle::ConstantTimeEq;

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct TokenRequest {
    client_id: String,
    secret: String,
    #[serde(rename = "type")]
    kind: Option<String>,
    email: Option<String>,
}

/// The sender a request acts as: `{"id", "email"}` for the account owner, `{"email"}` for a
/// client-app SENDER token, `{"id"}` for an OAuth token with `sender_id`.
pub fn owner() -> Value {
    json!({ "id": super::events::SENDER_ID, "email": super::events::SENDER_EMAIL })
}

/// The token-exchange body as text: UTF-8, or UTF-16LE as the .NET SDK sends it (spec/),
/// recognised by its byte-order mark or by the NUL high byte of its first character (`{`).
fn decode_body(body: &[u8]) -> Option<String> {
    let utf16 = |b: &[u8]| {
        let units: Vec<u16> = b
            .chunks_exact(2)
            .map(|c| u16::from_le_bytes([c[0], c[1]]))
            .collect();
        String::from_utf16(&units).ok()
    };
    match body {
        [0xFF, 0xFE, rest @ ..] if rest.len().is_multiple_of(2) => utf16(rest),
        [_, 0, ..] if body.len().is_multiple_of(2) => utf16(body),
        [0xEF, 0xBB, 0xBF, rest @ ..] => String::from_utf8(rest.to_vec()).ok(),
        _ => String::from_utf8(body.to_vec()).ok(),
    }
}

/// The sender a request acts as (see [`authorised`]), for the handlers.
#[derive(Clone, Debug)]
pub struct Actor(pub Value);

/// Compares secrets in constant time.
fn same(a: &str, b: &str) -> bool {
    a.as_bytes().ct_eq(b.as_bytes()).into()
}

/// The client-app exchange: `{"clientId","secret","type"}` → `{"accessToken","expiresAt"}`.
/// Counted whether or not it succeeds.
pub fn exchange(state: &State, body: &[u8]) -> ApiResult<Value> {
    state.counters.count_token_request();
    let text = decode_body(body)
        .ok_or_else(|| ApiError::invalid_json("the body is neither UTF-8 nor UTF-16LE text"))?;
    let req: TokenRequest = serde_json::from_str(&text).map_err(ApiError::invalid_json)?;
    let sender = match req.kind.as_deref() {
        None | Some("OWNER") => None,
        Some("SENDER") => {
            // Assumed: the service wants the sender's email with type SENDER (spec/).
            let email = req
                .email
                .as_deref()
                .map(str::trim)
                .filter(|e| e.contains('@'))
                .ok_or_else(|| {
                    ApiError::bad_request(
                        "error.validation.missingSenderEmail",
                        "A SENDER token needs the sender's email.",
                    )
                })?;
            Some(json!({ "email": email }))
        }
        Some(_) => {
            return Err(ApiError::bad_request(
                "error.validation.invalidTokenType",
                "The token type must be OWNER or SENDER.",
            ))
        }
    };
    let creds = &state.credentials;
    if !(same(&req.client_id, &creds.client_id) & same(&req.secret, &creds.client_secret)) {
        return Err(ApiError::unauthorized());
    }
    let token = ids::secret(40);
    let ttl = {
        let mut store = state.store();
        let ttl = store.token_ttl;
        let now = Instant::now();
        store.api_tokens.retain(|_, exp| *exp > now);
        let live: std::collections::HashSet<String> = store.api_tokens.keys().cloned().collect();
        store.token_senders.retain(|t, _| live.contains(t));
        store.api_tokens.insert(token.clone(), now + ttl);
        if let Some(sender) = sender {
            store.token_senders.insert(token.clone(), sender);
        }
        ttl
    };
    // Milliseconds since the epoch, as spec/ says both SDKs read it.
    let expires_at = ids::epoch_ms(SystemTime::now() + ttl);
    Ok(json!({ "accessToken": token, "expiresAt": expires_at }))
}

/// The sender an `Authorization` header value acts as, when it carries the API key or a
/// live API token; None when it carries neither.
pub fn authorised(state: &State, authorization: &str) -> Option<Value> {
    if let Some(key) = authorization.strip_prefix("Basic ") {
        same(key.trim(), &state.credentials.api_key).then(owner)
    } else if let Some(token) = authorization.strip_prefix("Bearer ") {
        let store = state.store();
        let token = token.trim();
        let live = store
            .api_tokens
            .get(token)
            .is_some_and(|exp| *exp > Instant::now());
        live.then(|| {
            store
                .token_senders
                .get(token)
                .cloned()
                .unwrap_or_else(owner)
        })
    } else {
        None
    }
}

/// An OAuth 2.0 error: the status and the RFC 6749 `error` code.
pub type OAuthError = (u16, &'static str);

/// The OAuth 2.0 client-credentials grant: `Authorization: Basic base64(id:secret)` and a
/// form body with `grant_type=client_credentials` (optionally `sender_id`) → a JWT-shaped
/// bearer token whose payload holds `sub` and `exp` (epoch seconds). Counted with the
/// client-app exchanges, whether or not it succeeds. The token expires after the same
/// lifetime as API tokens, and is accepted on `/api` like one.
pub fn oauth_exchange(
    state: &State,
    authorization: Option<&str>,
    body: &[u8],
) -> Result<Value, OAuthError> {
    use base64::Engine;
    state.counters.count_token_request();
    let invalid_client = (401, "invalid_client");
    let basic = authorization
        .and_then(|h| h.strip_prefix("Basic "))
        .ok_or(invalid_client)?;
    let decoded = base64::engine::general_purpose::STANDARD
        .decode(basic.trim())
        .map_err(|_| invalid_client)?;
    let decoded = String::from_utf8(decoded).map_err(|_| invalid_client)?;
    let (id, secret) = decoded.split_once(':').ok_or(invalid_client)?;
    let form: Vec<(String, String)> = url_form(body);
    let field = |name: &str| {
        form.iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.as_str())
    };
    match field("grant_type") {
        None => return Err((400, "invalid_request")),
        Some("client_credentials") => {}
        Some(_) => return Err((400, "unsupported_grant_type")),
    }
    let creds = &state.credentials;
    if !(same(id, &creds.oauth_client_id) & same(secret, &creds.oauth_client_secret)) {
        return Err(invalid_client);
    }
    let sender = field("sender_id").filter(|s| !s.is_empty());
    let sub = sender.unwrap_or(id).to_string();
    let ttl = state.store().token_ttl;
    let now = SystemTime::now();
    // Whole seconds, rounded up so that a sub-second lifetime still has an `exp` after now.
    let exp = ids::epoch_ms(now + ttl).div_ceil(1000);
    let b64 = base64::engine::general_purpose::URL_SAFE_NO_PAD;
    let header = b64.encode(br#"{"alg":"HS256","typ":"JWT"}"#);
    let payload = b64.encode(
        json!({ "sub": sub, "exp": exp, "iat": ids::epoch_ms(now) / 1000, "jti": ids::secret(16) })
            .to_string(),
    );
    let token = format!("{header}.{payload}.{}", b64.encode(ids::secret(32)));
    {
        let mut store = state.store();
        let now = Instant::now();
        store.api_tokens.retain(|_, e| *e > now);
        store.api_tokens.insert(token.clone(), now + ttl);
        if let Some(sender) = sender {
            store
                .token_senders
                .insert(token.clone(), json!({ "id": sender }));
        }
    }
    Ok(json!({
        "access_token": token,
        "token_type": "Bearer",
        "scope": "api",
        "expires_in": ttl.as_secs(),
    }))
}

/// `application/x-www-form-urlencoded` pairs.
fn url_form(body: &[u8]) -> Vec<(String, String)> {
    url::form_urlencoded::parse(body).into_owned().collect()
}
