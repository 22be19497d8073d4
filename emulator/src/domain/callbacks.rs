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

/// The connector origins (spec/: a third-party OpenAPI derived from OneSpan's).
pub const ORIGINS: &[&str] = &[
    "dynamics",
    "sharepoint",
    "dynamics2011",
    "dynamics2013",
    "dynamics2015",
    "sharepoint2010",
    "sharepoint2013",
    "salesforceOauth2",
];

fn known_origin(origin: &str) -> ApiResult<()> {
    if ORIGINS.contains(&origin) {
        Ok(())
    } else {
        Err(ApiError::not_found(
            "error.notFound.callbackOrigin",
            format!("There is no connector origin {origin:?}."),
        ))
    }
}

/// A connector's configuration; with none set, an empty one (assumed).
pub fn get_connector(store: &Store, origin: &str) -> ApiResult<Value> {
    known_origin(origin)?;
    Ok(match store.connector_callbacks.get(origin) {
        Some(c) => Value::Object(c.clone()),
        None => json!({ "url": null, "key": null, "events": [] }),
    })
}

/// Replaces a connector's configuration, checked as the account's is.
pub fn set_connector(
    store: &mut Store,
    origin: &str,
    config: Map<String, Value>,
) -> ApiResult<Value> {
    known_origin(origin)?;
    let config = checked(config)?;
    store
        .connector_callbacks
        .insert(origin.to_string(), config.clone());
    Ok(Value::Object(config))
}

/// Replaces the configuration: the URL must be http(s), the events an array of names.
/// Answers it as stored (the answer is undocumented; both SDKs ignore it).
pub fn set(store: &mut Store, config: Map<String, Value>) -> ApiResult<Value> {
    let config = checked(config)?;
    store.callback = Some(config.clone());
    Ok(Value::Object(config))
}

fn checked(mut config: Map<String, Value>) -> ApiResult<Map<String, Value>> {
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
    Ok(config)
}
