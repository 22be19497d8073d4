//! The account's event-notification (callback) configuration.
//!
//! `{"url", "key", "events": [...]}` per spec/ (field names beyond these, such as the OAuth
//! client-credentials ones, are assumed and kept as sent).

use super::error::{ApiError, ApiResult};
use super::json::str_field;
use crate::store::Store;
use serde_json::{json, Map, Value};

/// The configuration; with none set, an empty one (assumed).
pub fn get(store: &Store) -> Value {
    match &store.callback {
        Some(c) => Value::Object(c.clone()),
        None => json!({ "url": null, "key": null, "events": [] }),
    }
}

/// Replaces the configuration: the URL must be http(s), the events an array of names.
/// Answers it as stored.
pub fn set(store: &mut Store, mut config: Map<String, Value>) -> ApiResult<Value> {
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
    store.callback = Some(config.clone());
    Ok(Value::Object(config))
}

/// Removes the configuration (assumed endpoint): no more events are sent.
pub fn delete(store: &mut Store) {
    store.callback = None;
}
