//! Reading request bodies as the JSON the rules take, refusing what the service refuses.

use super::error::{ApiError, ApiResult};
use serde_json::{Map, Value};

/// Any JSON value, or the service's 400 for a body that is not JSON.
pub fn parse(body: &[u8]) -> ApiResult<Value> {
    serde_json::from_slice(body).map_err(ApiError::invalid_json)
}

/// A body that must be a JSON object.
pub fn object(body: &[u8]) -> ApiResult<Map<String, Value>> {
    match parse(body)? {
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
