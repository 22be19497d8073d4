//! Authentication on the wire: the client-app token exchange route, and the middleware that
//! refuses `/api` requests without the API key or a live API token (`crate::domain::auth`
//! decides).

use crate::domain::auth;
use crate::domain::error::{ApiError, ApiResult};
use crate::store::State;
use axum::body::Bytes;
use axum::extract::{Request, State as S};
use axum::http::header::{AUTHORIZATION, CACHE_CONTROL};
use axum::http::{HeaderMap, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use axum::Json;
use serde_json::Value;
use std::sync::Arc;

/// `POST /apitoken/clientApp/accessToken`: `{"clientId","secret","type"}` → `{"accessToken","expiresAt"}`.
pub async fn access_token(S(state): S<Arc<State>>, body: Bytes) -> ApiResult<Json<Value>> {
    auth::exchange(&state, &body).map(Json)
}

/// `POST /oauth2/token`: OAuth 2.0 client credentials (form-encoded, `Authorization: Basic`)
/// → `{"access_token","token_type","scope","expires_in"}`, or `{"error"}` with 400/401.
pub async fn oauth_token(S(state): S<Arc<State>>, headers: HeaderMap, body: Bytes) -> Response {
    let basic = headers.get(AUTHORIZATION).and_then(|v| v.to_str().ok());
    match auth::oauth_exchange(&state, basic, &body) {
        Ok(v) => (StatusCode::OK, [(CACHE_CONTROL, "no-store")], Json(v)).into_response(),
        Err((status, error)) => (
            StatusCode::from_u16(status).unwrap_or(StatusCode::BAD_REQUEST),
            Json(serde_json::json!({ "error": error })),
        )
            .into_response(),
    }
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
    let Some(sender) = auth::authorised(&state, header) else {
        return Err(ApiError::unauthorized());
    };
    state.store().last_sender = Some(sender.clone());
    let mut req = req;
    req.extensions_mut().insert(auth::Actor(sender));
    Ok(next.run(req).await)
}
