//! Test-only controls under `/__emulator`, a prefix the real API never uses: counters and
//! logs to read, token and fault controls, and what signers do (through `crate::domain`).

use crate::domain::error::{ApiError, ApiResult};
use crate::domain::signing;
use crate::store::{Fault, State};
use axum::body::Bytes;
use axum::extract::{Path, State as S};
use axum::http::StatusCode;
use axum::routing::{get, post, put};
use axum::{Json, Router};
use serde::Deserialize;
use serde_json::{json, Value};
use std::sync::Arc;
use std::time::Duration;

pub const PREFIX: &str = "/__emulator";

/// The control routes, to nest under [`PREFIX`].
pub fn routes() -> Router<Arc<State>> {
    Router::new()
        .route("/stats", get(stats))
        .route("/reset", post(reset))
        .route("/tokens/expire", post(expire_tokens))
        .route("/config", put(config))
        .route("/packages/{id}/roles/{role}/sign", post(sign))
        .route("/packages/{id}/roles/{role}/complete", post(complete))
        .route("/packages/{id}/roles/{role}/lock", post(lock))
        .route("/notifications", get(notifications))
        .route("/deliveries", get(deliveries))
        .route("/faults", post(inject_fault))
        .route("/requests", get(requests))
        .route("/packages/{id}/events/{name}", post(simulate_event))
        .route("/events", get(events))
}

/// A body that may be empty (then the default), else JSON.
fn optional_body<T: for<'de> Deserialize<'de> + Default>(body: &[u8]) -> ApiResult<T> {
    if body.is_empty() {
        Ok(T::default())
    } else {
        serde_json::from_slice(body).map_err(ApiError::invalid_json)
    }
}

/// `GET /__emulator/stats`: what the client has asked for so far.
async fn stats(S(state): S<Arc<State>>) -> Json<Value> {
    Json(json!({
        "tokenRequests": state.counters.token_requests(),
        "apiRequests": state.counters.api_requests(),
    }))
}

/// `POST /__emulator/reset`: forget all packages, tokens and counts.
async fn reset(S(state): S<Arc<State>>) -> StatusCode {
    state.reset();
    StatusCode::NO_CONTENT
}

/// `POST /__emulator/tokens/expire`: every API token issued so far stops working now.
async fn expire_tokens(S(state): S<Arc<State>>) -> StatusCode {
    state.expire_tokens();
    StatusCode::NO_CONTENT
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct Config {
    token_ttl_ms: Option<u64>,
    signer_token_ttl_ms: Option<u64>,
}

/// `PUT /__emulator/config`: `{"tokenTtlMs": n}` sets the lifetime of tokens issued from now.
async fn config(S(state): S<Arc<State>>, Json(c): Json<Config>) -> StatusCode {
    if let Some(ms) = c.token_ttl_ms {
        state.set_token_ttl(Duration::from_millis(ms));
    }
    if let Some(ms) = c.signer_token_ttl_ms {
        state.set_signer_token_ttl(Duration::from_millis(ms));
    }
    StatusCode::NO_CONTENT
}

#[derive(Deserialize, Default)]
#[serde(rename_all = "camelCase")]
struct SignBody {
    document_id: Option<String>,
}

/// `POST /__emulator/packages/{p}/roles/{r}/sign` with optional `{"documentId"}`: the
/// signer signs that document, or all of them.
async fn sign(
    S(state): S<Arc<State>>,
    Path((p, r)): Path<(String, String)>,
    body: Bytes,
) -> ApiResult<StatusCode> {
    let b: SignBody = optional_body(&body)?;
    signing::sign(&mut state.store(), &p, &r, b.document_id.as_deref())?;
    Ok(StatusCode::NO_CONTENT)
}

/// `POST /__emulator/packages/{p}/roles/{r}/complete`: the signer signs all and confirms.
async fn complete(
    S(state): S<Arc<State>>,
    Path((p, r)): Path<(String, String)>,
) -> ApiResult<StatusCode> {
    signing::complete(&mut state.store(), &p, &r)?;
    Ok(StatusCode::NO_CONTENT)
}

/// `POST /__emulator/packages/{p}/roles/{r}/lock`: the signer is locked out.
async fn lock(
    S(state): S<Arc<State>>,
    Path((p, r)): Path<(String, String)>,
) -> ApiResult<StatusCode> {
    signing::lock(&mut state.store(), &p, &r)?;
    Ok(StatusCode::NO_CONTENT)
}

/// `GET /__emulator/notifications`: emails and SMS sent so far.
async fn notifications(S(state): S<Arc<State>>) -> Json<Value> {
    Json(json!(state.store().notifications))
}

/// `GET /__emulator/events`: events emitted so far, as their payloads.
async fn events(S(state): S<Arc<State>>) -> Json<Value> {
    Json(Value::Array(state.store().events.clone()))
}

/// `GET /__emulator/deliveries`: every attempt to deliver an event to the callback URL.
async fn deliveries(S(state): S<Arc<State>>) -> Json<Value> {
    Json(json!(state.store().deliveries))
}

#[derive(Deserialize, Default)]
#[serde(rename_all = "camelCase")]
struct EventBody {
    role_id: Option<String>,
    message: Option<String>,
}

/// `POST /__emulator/packages/{p}/events/{name}` with optional `{"roleId", "message"}`.
async fn simulate_event(
    S(state): S<Arc<State>>,
    Path((p, name)): Path<(String, String)>,
    body: Bytes,
) -> ApiResult<StatusCode> {
    let b: EventBody = optional_body(&body)?;
    signing::simulate(
        &mut state.store(),
        &p,
        &name,
        b.role_id.as_deref(),
        b.message.as_deref(),
    )?;
    Ok(StatusCode::NO_CONTENT)
}

/// `POST /__emulator/faults` with a [`Fault`] as JSON (camelCase names): arms it.
async fn inject_fault(S(state): S<Arc<State>>, body: Bytes) -> ApiResult<StatusCode> {
    let fault: Fault = serde_json::from_slice(&body).map_err(ApiError::invalid_json)?;
    state.store().arm_fault(fault);
    Ok(StatusCode::NO_CONTENT)
}

/// `GET /__emulator/requests`: every request received, as `METHOD /path`.
async fn requests(S(state): S<Arc<State>>) -> Json<Value> {
    Json(json!(state.store().requests))
}
