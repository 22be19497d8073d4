//! The API's routes, one file per resource.

pub mod callbacks;
pub mod packages;
pub mod roles;
pub mod signing;

use crate::error::{ApiError, ApiResult};
use serde_json::{Map, Value};

/// Parses a request body that must be a JSON object.
pub fn json_object(body: &[u8]) -> ApiResult<Map<String, Value>> {
    match serde_json::from_slice::<Value>(body).map_err(ApiError::invalid_json)? {
        Value::Object(m) => Ok(m),
        _ => Err(ApiError::bad_request(
            "error.validation.invalidJson",
            "The request body must be a JSON object.",
        )),
    }
}

/// A string field of a JSON object, if present and a string.
pub fn str_field<'a>(m: &'a Map<String, Value>, key: &str) -> Option<&'a str> {
    m.get(key).and_then(Value::as_str)
}
