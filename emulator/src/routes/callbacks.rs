//! `/api/callback`: the account's event-notification configuration.
//!
//! Body `{"url", "key", "events": [...]}` per spec/ (field names beyond these, such as the
//! OAuth client-credentials ones, are assumed and kept as sent).

use super::{json_object, str_field};
use crate::error::{ApiError, ApiResult};
use crate::state::State;
use axum::body::Bytes;
use axum::extract::State as S;
use axum::http::StatusCode;
use axum::Json;
use serde_json::{json, Value};
use std::sync::Arc;

/// `GET /api/callback`: the configuration; with none set, an empty one (assumed).
pub async fn get(S(state): S<Arc<State>>) -> Json<Value> {
    let store = state.store();
    match &store.callback {
        Some(c) => Json(Value::Object(c.clone())),
        None => Json(json!({ "url": null, "key": null, "events": [] })),
    }
}

/// `POST /api/callback`: replaces the configuration; answers it as stored.
pub async fn set(S(state): S<Arc<State>>, body: Bytes) -> ApiResult<Json<Value>> {
    let mut config = json_object(&body)?;
    let url = str_field(&config, "url").unwrap_or("").trim().to_string();
    if !(url.starts_with("http://") || url.starts_with("https://")) {
        return Err(ApiError::bad_request(
            "error.validation.callback.invalidUrl",
            "The callback URL is required and must be an http(s) URL.",
        ));
    }
    match config.get("events") {
        None | Some(Value::Null) => {
            config.insert("events".into(), json!([]));
        }
        Some(Value::Array(a)) if a.iter().all(Value::is_string) => {}
        Some(_) => {
            return Err(ApiError::bad_request(
                "error.validation.callback.invalidEvents",
                "The events must be an array of event names.",
            ))
        }
    }
    config.entry("key").or_insert(Value::Null);
    state.store().callback = Some(config.clone());
    Ok(Json(Value::Object(config)))
}

/// `DELETE /api/callback` (assumed): no more events are sent.
pub async fn delete(S(state): S<Arc<State>>) -> StatusCode {
    state.store().callback = None;
    StatusCode::OK
}
