//! `/api/callback`: the account's event-notification configuration.

use crate::domain::callbacks;
use crate::domain::error::ApiResult;
use crate::domain::json;
use crate::store::State;
use axum::body::Bytes;
use axum::extract::{Path, State as S};
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

/// `GET /api/callback/connectors/{origin}`
pub async fn get_connector(
    S(state): S<Arc<State>>,
    Path(origin): Path<String>,
) -> ApiResult<Json<Value>> {
    callbacks::get_connector(&state.store(), &origin).map(Json)
}

/// `POST /api/callback/connectors/{origin}`: replaces that connector's configuration.
pub async fn set_connector(
    S(state): S<Arc<State>>,
    Path(origin): Path<String>,
    body: Bytes,
) -> ApiResult<Json<Value>> {
    let config = json::object(&body)?;
    callbacks::set_connector(&mut state.store(), &origin, config).map(Json)
}
