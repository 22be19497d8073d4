//! Authentication on the wire: the client-app token exchange route, and the middleware that
//! refuses `/api` requests without the API key or a live API token (`crate::domain::auth`
//! decides).

use crate::domain::auth;
use crate::domain::error::{ApiError, ApiResult};
use crate::store::State;
use axum::body::Bytes;
use axum::extract::{Request, State as S};
use axum::http::header::AUTHORIZATION;
use axum::middleware::Next;
use axum::response::Response;
use axum::Json;
use serde_json::Value;
use std::sync::Arc;

/// `POST /apitoken/clientApp/accessToken`: `{"clientId","secret","type"}` → `{"accessToken","expiresAt"}`.
pub async fn access_token(S(state): S<Arc<State>>, body: Bytes) -> ApiResult<Json<Value>> {
    auth::exchange(&state, &body).map(Json)
}

/// Counts every `/api` request, and refuses those that carry neither the API key nor a live
/// API token.
pub async fn require_auth(
    S(state): S<Arc<State>>,
    req: Request,
    next: Next,
) -> Result<Response, ApiError> {
    state.counters.count_api_request();
    let header = req
        .headers()
        .get(AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .unwrap_or("");
    if !auth::authorised(&state, header) {
        return Err(ApiError::unauthorized());
    }
    Ok(next.run(req).await)
}
