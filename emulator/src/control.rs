//! Test-only controls under `/__emulator`, a prefix the real API never uses.

use crate::state::State;
use axum::extract::State as S;
use axum::http::StatusCode;
use axum::Json;
use serde::Deserialize;
use serde_json::{json, Value};
use std::sync::Arc;
use std::time::Duration;

pub const PREFIX: &str = "/__emulator";

/// `GET /__emulator/stats`: what the client has asked for so far.
pub async fn stats(S(state): S<Arc<State>>) -> Json<Value> {
    Json(json!({
        "tokenRequests": state.token_requests(),
        "apiRequests": state.api_requests(),
    }))
}

/// `POST /__emulator/reset`: forget all packages, tokens and counts.
pub async fn reset(S(state): S<Arc<State>>) -> StatusCode {
    state.reset();
    StatusCode::NO_CONTENT
}

/// `POST /__emulator/tokens/expire`: every API token issued so far stops working now.
pub async fn expire_tokens(S(state): S<Arc<State>>) -> StatusCode {
    state.expire_tokens();
    StatusCode::NO_CONTENT
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Config {
    token_ttl_ms: Option<u64>,
}

/// `PUT /__emulator/config`: `{"tokenTtlMs": n}` sets the lifetime of tokens issued from now.
pub async fn config(S(state): S<Arc<State>>, Json(c): Json<Config>) -> StatusCode {
    if let Some(ms) = c.token_ttl_ms {
        state.set_token_ttl(Duration::from_millis(ms));
    }
    StatusCode::NO_CONTENT
}
