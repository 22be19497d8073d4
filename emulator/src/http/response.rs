//! Refusals as responses: OneSpan's error JSON with its status, for every error — the
//! official SDK cannot read an empty error body.

use crate::domain::error::ApiError;
use axum::response::{IntoResponse, Response};
use axum::Json;

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let body = self.body();
        (self.status, Json(body)).into_response()
    }
}

/// 405, as JSON like every other error.
pub async fn method_not_allowed() -> ApiError {
    ApiError::new(
        axum::http::StatusCode::METHOD_NOT_ALLOWED,
        "error.methodNotAllowed",
        "The method is not allowed for this resource.",
    )
}

/// 404 for a path the API does not have.
pub async fn not_found() -> ApiError {
    ApiError::not_found(
        "error.notFound.resource",
        "The requested resource could not be found.",
    )
}
