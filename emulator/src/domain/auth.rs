//! Authentication as the real service does it: `Basic {apiKey}`, or `Bearer {token}` with an
//! API token from the client-app exchange, which expires.

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
}

/// Compares secrets in constant time.
fn same(a: &str, b: &str) -> bool {
    a.as_bytes().ct_eq(b.as_bytes()).into()
}

/// The client-app exchange: `{"clientId","secret","type"}` → `{"accessToken","expiresAt"}`.
/// Counted whether or not it succeeds.
pub fn exchange(state: &State, body: &[u8]) -> ApiResult<Value> {
    state.counters.count_token_request();
    let req: TokenRequest = serde_json::from_slice(body).map_err(ApiError::invalid_json)?;
    if !matches!(req.kind.as_deref(), None | Some("OWNER") | Some("SENDER")) {
        return Err(ApiError::bad_request(
            "error.validation.invalidTokenType",
            "The token type must be OWNER or SENDER.",
        ));
    }
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
        store.api_tokens.insert(token.clone(), now + ttl);
        ttl
    };
    // Milliseconds since the epoch: one of the two readings spec/ leaves open.
    let expires_at = ids::epoch_ms(SystemTime::now() + ttl);
    Ok(json!({ "accessToken": token, "expiresAt": expires_at }))
}

/// Whether an `Authorization` header value carries the API key or a live API token.
pub fn authorised(state: &State, authorization: &str) -> bool {
    if let Some(key) = authorization.strip_prefix("Basic ") {
        same(key.trim(), &state.credentials.api_key)
    } else if let Some(token) = authorization.strip_prefix("Bearer ") {
        let store = state.store();
        store
            .api_tokens
            .get(token.trim())
            .is_some_and(|exp| *exp > Instant::now())
    } else {
        false
    }
}
