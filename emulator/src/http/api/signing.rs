//! Signing status, signer authentication tokens, and the signing-session entry points.

use crate::domain::error::ApiResult;
use crate::domain::sessions::{self, Credential};
use crate::domain::{json, signing_status};
use crate::store::State;
use axum::body::Bytes;
use axum::extract::{Path, Query, State as S};
use axum::http::header::ACCEPT;
use axum::http::HeaderMap;
use axum::response::{Html, IntoResponse, Response};
use axum::Json;
use serde::Deserialize;
use serde_json::{json, Value};
use std::sync::Arc;

#[derive(Deserialize)]
pub struct StatusQuery {
    signer: Option<String>,
    document: Option<String>,
}

/// `GET /api/packages/{p}/signingStatus?signer=&document=` → `{"status": ...}`
pub async fn status(
    S(state): S<Arc<State>>,
    Path(p): Path<String>,
    Query(q): Query<StatusQuery>,
) -> ApiResult<Json<Value>> {
    let status = signing_status::query(
        &state.store(),
        &p,
        q.signer.as_deref(),
        q.document.as_deref(),
    )?;
    Ok(Json(json!({ "status": status })))
}

/// `POST /api/authenticationTokens/signer/singleUse`: `{"packageId", "signerId"}` → `{..., "value"}`.
pub async fn single_use(S(state): S<Arc<State>>, body: Bytes) -> ApiResult<Json<Value>> {
    let req = json::object(&body)?;
    sessions::create_token(&state, &req, true).map(Json)
}

/// `POST /api/authenticationTokens/signer/multiUse` and `POST /api/signerAuthenticationTokens`.
pub async fn multi_use(S(state): S<Arc<State>>, body: Bytes) -> ApiResult<Json<Value>> {
    let req = json::object(&body)?;
    sessions::create_token(&state, &req, false).map(Json)
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct SessionQuery {
    signer_authentication_token: Option<String>,
    sender_authentication_token: Option<String>,
    session_token: Option<String>,
    login_token: Option<String>,
}

/// `GET /auth?signerAuthenticationToken=` (the SDK's form), `GET /access?sessionToken=`
/// (the blog's form) and `GET /auth?loginToken=` (role signing URLs): opens the signing
/// session, or refuses a token that is unknown, expired, or single-use and spent.
///
/// The real service answers with its signing ceremony or an error page; the emulator
/// answers a small HTML page, or 401 with OneSpan's error JSON (assumed).
pub async fn session(
    S(state): S<Arc<State>>,
    headers: HeaderMap,
    Query(q): Query<SessionQuery>,
) -> Response {
    // The official SDK asks with Accept: application/json and reads {"sessionToken"}.
    let wants_json = headers
        .get(ACCEPT)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|a| a.contains("application/json"));
    // A sender token opens the designer of its package (the `target` names the page to
    // show; the emulator shows the designer whatever it says).
    if let Some(sender_token) = q.sender_authentication_token.as_deref() {
        return match sessions::open_designer(&state, sender_token) {
            Some(_) if wants_json => {
                Json(json!({ "sessionToken": sessions::session_token() })).into_response()
            }
            Some(p) => Html(format!(
                "<!doctype html><title>Designer</title><p>Designer for package {p}</p>"
            ))
            .into_response(),
            None => sessions::invalid_token().into_response(),
        };
    }
    let token;
    let credential = match q.login_token.as_deref() {
        Some(login) => Credential::Login(login),
        None => {
            token = q
                .signer_authentication_token
                .or(q.session_token)
                .unwrap_or_default();
            Credential::SignerToken(&token)
        }
    };
    match sessions::open(&state, credential) {
        Some(_) if wants_json => {
            Json(json!({ "sessionToken": sessions::session_token() })).into_response()
        }
        Some((p, r)) => Html(format!(
            "<!doctype html><title>Signing</title><p>Signing session for role {r} of package {p}</p>"
        ))
        .into_response(),
        None => sessions::invalid_token().into_response(),
    }
}

/// `POST /api/authenticationTokens/sender`: `{"packageId"}` → `{"packageId", "value"}`.
pub async fn sender_token(S(state): S<Arc<State>>, body: Bytes) -> ApiResult<Json<Value>> {
    let req = json::object(&body)?;
    sessions::create_sender_token(&state, &req).map(Json)
}
