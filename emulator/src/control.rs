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
    signer_token_ttl_ms: Option<u64>,
}

/// `PUT /__emulator/config`: `{"tokenTtlMs": n}` sets the lifetime of tokens issued from now.
pub async fn config(S(state): S<Arc<State>>, Json(c): Json<Config>) -> StatusCode {
    if let Some(ms) = c.token_ttl_ms {
        state.set_token_ttl(Duration::from_millis(ms));
    }
    if let Some(ms) = c.signer_token_ttl_ms {
        state.set_signer_token_ttl(Duration::from_millis(ms));
    }
    StatusCode::NO_CONTENT
}

use crate::error::ApiResult;
use crate::signing;
use axum::extract::Path;

#[derive(Deserialize, Default)]
#[serde(rename_all = "camelCase")]
pub struct SignBody {
    document_id: Option<String>,
}

/// `POST /__emulator/packages/{p}/roles/{r}/sign` with optional `{"documentId"}`: the
/// signer signs that document, or all of them.
pub async fn sign(
    S(state): S<Arc<State>>,
    Path((p, r)): Path<(String, String)>,
    body: axum::body::Bytes,
) -> ApiResult<StatusCode> {
    let b: SignBody = if body.is_empty() {
        SignBody::default()
    } else {
        serde_json::from_slice(&body).map_err(crate::error::ApiError::invalid_json)?
    };
    signing::sign(&mut state.store(), &p, &r, b.document_id.as_deref())?;
    Ok(StatusCode::NO_CONTENT)
}

/// `POST /__emulator/packages/{p}/roles/{r}/complete`: the signer signs all and confirms.
pub async fn complete(
    S(state): S<Arc<State>>,
    Path((p, r)): Path<(String, String)>,
) -> ApiResult<StatusCode> {
    signing::complete(&mut state.store(), &p, &r)?;
    Ok(StatusCode::NO_CONTENT)
}

/// `POST /__emulator/packages/{p}/roles/{r}/lock`: the signer is locked out.
pub async fn lock(
    S(state): S<Arc<State>>,
    Path((p, r)): Path<(String, String)>,
) -> ApiResult<StatusCode> {
    signing::lock(&mut state.store(), &p, &r)?;
    Ok(StatusCode::NO_CONTENT)
}

/// `GET /__emulator/notifications`: emails and SMS sent so far.
pub async fn notifications(S(state): S<Arc<State>>) -> Json<Value> {
    Json(json!(state.store().notifications))
}

/// `GET /__emulator/events`: events emitted so far, as their payloads.
pub async fn events(S(state): S<Arc<State>>) -> Json<Value> {
    Json(Value::Array(state.store().events.clone()))
}

/// `GET /__emulator/deliveries`: every attempt to deliver an event to the callback URL.
pub async fn deliveries(S(state): S<Arc<State>>) -> Json<Value> {
    Json(json!(state.store().deliveries))
}

#[derive(Deserialize, Default)]
#[serde(rename_all = "camelCase")]
pub struct EventBody {
    role_id: Option<String>,
    message: Option<String>,
}

/// `POST /__emulator/packages/{p}/events/{name}` with optional `{"roleId", "message"}`.
pub async fn simulate_event(
    S(state): S<Arc<State>>,
    Path((p, name)): Path<(String, String)>,
    body: axum::body::Bytes,
) -> ApiResult<StatusCode> {
    let b: EventBody = if body.is_empty() {
        EventBody::default()
    } else {
        serde_json::from_slice(&body).map_err(crate::error::ApiError::invalid_json)?
    };
    signing::simulate(
        &mut state.store(),
        &p,
        &name,
        b.role_id.as_deref(),
        b.message.as_deref(),
    )?;
    Ok(StatusCode::NO_CONTENT)
}

/// `POST /__emulator/faults` with a [`crate::Fault`] as JSON: arms it.
pub async fn inject_fault(
    S(state): S<Arc<State>>,
    body: axum::body::Bytes,
) -> ApiResult<StatusCode> {
    let fault: crate::Fault =
        serde_json::from_slice(&body).map_err(crate::error::ApiError::invalid_json)?;
    let count = fault.count.unwrap_or(1).max(1);
    state.store().faults.push((fault, count));
    Ok(StatusCode::NO_CONTENT)
}

/// `GET /__emulator/requests`: every request received, as `METHOD /path`.
pub async fn requests(S(state): S<Arc<State>>) -> Json<Value> {
    Json(json!(state.store().requests))
}
