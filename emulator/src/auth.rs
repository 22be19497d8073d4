//! Authentication as the real service does it: `Basic {apiKey}`, or `Bearer {token}` from
//! `POST /apitoken/clientApp/accessToken`.

use crate::error::{ApiError, ApiResult};
use crate::ids;
use crate::state::State;
use axum::body::Bytes;
use axum::extract::{Request, State as S};
use axum::http::header::AUTHORIZATION;
use axum::middleware::Next;
use axum::response::Response;
use axum::Json;
use serde::Deserialize;
use serde_json::{json, Value};
use std::sync::atomic::Ordering;
use std::sync::Arc;
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

fn same(a: &str, b: &str) -> bool {
    a.as_bytes().ct_eq(b.as_bytes()).into()
}

/// `POST /apitoken/clientApp/accessToken`: `{"clientId","secret","type"}` → `{"accessToken","expiresAt"}`.
pub async fn access_token(S(state): S<Arc<State>>, body: Bytes) -> ApiResult<Json<Value>> {
    state
        .counters
        .token_requests
        .fetch_add(1, Ordering::Relaxed);
    let req: TokenRequest = serde_json::from_slice(&body).map_err(ApiError::invalid_json)?;
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
    Ok(Json(
        json!({ "accessToken": token, "expiresAt": expires_at }),
    ))
}

/// Refuses `/api` requests that carry neither the API key nor a live API token.
pub async fn require_auth(
    S(state): S<Arc<State>>,
    req: Request,
    next: Next,
) -> Result<Response, ApiError> {
    state.counters.api_requests.fetch_add(1, Ordering::Relaxed);
    let header = req
        .headers()
        .get(AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .unwrap_or("");
    let ok = if let Some(key) = header.strip_prefix("Basic ") {
        same(key.trim(), &state.credentials.api_key)
    } else if let Some(token) = header.strip_prefix("Bearer ") {
        let store = state.store();
        store
            .api_tokens
            .get(token.trim())
            .is_some_and(|exp| *exp > Instant::now())
    } else {
        false
    };
    if !ok {
        return Err(ApiError::unauthorized());
    }
    Ok(next.run(req).await)
}
