//! OneSpan's error body: `{"messageKey", "message", "code", "name", "technical", "entity"}`.
//!
//! The shape is documented (spec/); the exact message keys and texts below are assumed,
//! chosen to read like the real ones.

use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::Json;
use serde_json::json;

/// An error answer, ready to send.
#[derive(Debug)]
pub struct ApiError {
    pub status: StatusCode,
    pub message_key: &'static str,
    pub message: String,
    pub technical: Option<String>,
}

impl ApiError {
    pub fn new(status: StatusCode, message_key: &'static str, message: impl Into<String>) -> Self {
        ApiError {
            status,
            message_key,
            message: message.into(),
            technical: None,
        }
    }

    pub fn technical(mut self, t: impl Into<String>) -> Self {
        self.technical = Some(t.into());
        self
    }

    pub fn bad_request(key: &'static str, message: impl Into<String>) -> Self {
        Self::new(StatusCode::BAD_REQUEST, key, message)
    }

    pub fn not_found(key: &'static str, message: impl Into<String>) -> Self {
        Self::new(StatusCode::NOT_FOUND, key, message)
    }

    pub fn conflict(key: &'static str, message: impl Into<String>) -> Self {
        Self::new(StatusCode::CONFLICT, key, message)
    }

    pub fn unauthorized() -> Self {
        Self::new(
            StatusCode::UNAUTHORIZED,
            "error.unauthorised.noUser",
            "Failed to authenticate the request. Check the API key or API token.",
        )
    }

    pub fn package_not_found(id: &str) -> Self {
        Self::not_found(
            "error.notFound.packageNotFound",
            "The specified package could not be found.",
        )
        .technical(format!("Package {id} not found"))
    }

    pub fn invalid_json(detail: impl std::fmt::Display) -> Self {
        Self::bad_request(
            "error.validation.invalidJson",
            "The request body is not valid JSON.",
        )
        .technical(detail.to_string())
    }
}

fn name_of(status: StatusCode) -> &'static str {
    match status.as_u16() {
        400 => "Validation Error",
        401 => "Unauthorized",
        403 => "Forbidden",
        404 => "Resource Not Found",
        409 => "Conflict",
        429 => "Too Many Requests",
        _ => "Unhandled Server Error",
    }
}

impl ApiError {
    /// The error body exactly as the service sends it.
    pub fn body(&self) -> serde_json::Value {
        json!({
            "messageKey": self.message_key,
            "message": self.message,
            "code": self.status.as_u16(),
            "name": name_of(self.status),
            "technical": self.technical.clone().unwrap_or_default(),
            "entity": null,
        })
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let body = self.body();
        (self.status, Json(body)).into_response()
    }
}

pub type ApiResult<T> = Result<T, ApiError>;

impl std::fmt::Display for ApiError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "HTTP {}: {} [{}]",
            self.status.as_u16(),
            self.message,
            self.message_key
        )
    }
}

impl std::error::Error for ApiError {}
