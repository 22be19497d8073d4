//! `/api/callback`: the account's event-notification configuration.

use crate::domain::callbacks;
use crate::domain::error::ApiResult;
use crate::domain::json;
use crate::store::State;
use axum::body::Bytes;
use axum::extract::State as S;
use axum::http::StatusCode;
use axum::Json;
use serde_json::Value;
use std::sync::Arc;

/// `GET /api/callback`
pub async fn get(S(state): S<Arc<State>>) -> Json<Value> {
    Json(callbacks::get(&state.store()))
}

/// `POST /api/callback`: replaces the configuration; answers it as stored.
pub async fn set(S(state): S<Arc<State>>, body: Bytes) -> ApiResult<Json<Value>> {
    let config = json::object(&body)?;
    callbacks::set(&mut state.store(), config).map(Json)
}

/// `DELETE /api/callback` (assumed): no more events are sent.
pub async fn delete(S(state): S<Arc<State>>) -> StatusCode {
    callbacks::delete(&mut state.store());
    StatusCode::OK
}
