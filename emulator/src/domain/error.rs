//! OneSpan's error: `{"messageKey", "message", "code", "name", "technical", "entity"}`, and
//! the refusals the rules share (unknown package, role, signer or document; wrong status).
//!
//! The shape is documented (spec/); the exact message keys and texts are assumed, chosen to
//! read like the real ones. `code` is the HTTP status, so the error carries one: the `http`
//! crate's value type (reached through hyper), not any server machinery. Turning an error
//! into a response is the HTTP layer's job (`crate::http::response`).

pub use hyper::http::StatusCode;
use serde_json::json;

/// A refusal, with the status and body the service answers it with.
#[derive(Debug)]
pub struct ApiError {
    pub status: StatusCode,
    pub message_key: &'static str,
    pub message: String,
    pub technical: Option<String>,
}

pub type ApiResult<T> = Result<T, ApiError>;

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

fn name_of(status: StatusCode) -> &'static str {
    match status.as_u16() {
        400 => "Validation Error",
        401 => "Unauthorized",
        403 => "Forbidden",
        404 => "Resource Not Found",
        405 => "Method Not Allowed",
        409 => "Conflict",
        429 => "Too Many Requests",
        _ => "Unhandled Server Error",
    }
}

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

pub fn role_not_found(id: &str) -> ApiError {
    ApiError::not_found(
        "error.notFound.roleNotFound",
        "The specified role could not be found.",
    )
    .technical(format!("Role {id} not found"))
}

pub fn signer_not_found(signer: &str) -> ApiError {
    ApiError::not_found(
        "error.notFound.signerNotFound",
        "The specified signer could not be found.",
    )
    .technical(format!("Signer {signer} not found"))
}

pub fn document_not_found(id: &str) -> ApiError {
    ApiError::not_found(
        "error.notFound.documentNotFound",
        "The specified document could not be found.",
    )
    .technical(format!("Document {id} not found"))
}

/// The error the service gives for an operation that needs another package status.
pub fn invalid_state(needed: &str, actual: &str) -> ApiError {
    ApiError::bad_request(
        "error.validation.invalidPackageState",
        "The package is in an invalid state for this operation.",
    )
    .technical(format!("package status is {actual}; this needs {needed}"))
}
