//! Signing status, signer authentication tokens, and the signing-session entry points.

use super::{json_object, str_field};
use crate::error::{ApiError, ApiResult};
use crate::ids;
use crate::package::{self, invalid_state};
use crate::signing;
use crate::state::{SignerToken, State};
use axum::body::Bytes;
use axum::extract::{Path, Query, State as S};
use axum::http::StatusCode;
use axum::response::{Html, IntoResponse, Response};
use axum::Json;
use serde::Deserialize;
use serde_json::{json, Value};
use std::sync::Arc;
use std::time::Instant;

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
    // The official SDK always sends both parameters, empty when unused.
    let q = StatusQuery {
        signer: q.signer.filter(|s| !s.is_empty()),
        document: q.document.filter(|d| !d.is_empty()),
    };
    let store = state.store();
    let pkg = store.find(&p)?;
    let role = match q.signer.as_deref() {
        Some(s) => {
            Some(package::role_of_signer(pkg, s).ok_or_else(|| package::signer_not_found(s))?)
        }
        None => None,
    };
    if let Some(d) = q.document.as_deref() {
        if !package::document_ids(pkg).iter().any(|x| x == d) {
            return Err(package::document_not_found(d));
        }
    }
    let status = signing::status(
        pkg,
        store.signing.get(&p),
        role.as_deref(),
        q.document.as_deref(),
    );
    Ok(Json(json!({ "status": status })))
}

/// `POST /api/authenticationTokens/signer/{singleUse|multiUse}` and
/// `POST /api/signerAuthenticationTokens`: `{"packageId", "signerId"}` → `{..., "value"}`.
async fn create_token(state: &State, body: &[u8], single_use: bool) -> ApiResult<Json<Value>> {
    let req = json_object(body)?;
    let p = str_field(&req, "packageId").unwrap_or("").to_string();
    let signer = str_field(&req, "signerId").unwrap_or("").to_string();
    if p.is_empty() || signer.is_empty() {
        return Err(ApiError::bad_request(
            "error.validation.missingField",
            "packageId and signerId are required.",
        ));
    }
    let mut store = state.store();
    let pkg = store.find(&p)?;
    let st = package::status(pkg);
    if st != "SENT" {
        return Err(invalid_state("SENT", st));
    }
    let role_id =
        package::role_of_signer(pkg, &signer).ok_or_else(|| package::signer_not_found(&signer))?;
    let value = ids::secret(44);
    let expires = Instant::now() + store.signer_token_ttl;
    let now = Instant::now();
    store.signer_tokens.retain(|_, t| t.expires > now);
    store.signer_tokens.insert(
        value.clone(),
        SignerToken {
            package_id: p.clone(),
            role_id,
            single_use,
            expires,
            used: false,
        },
    );
    Ok(Json(
        json!({ "packageId": p, "signerId": signer, "value": value }),
    ))
}

pub async fn single_use(S(state): S<Arc<State>>, body: Bytes) -> ApiResult<Json<Value>> {
    create_token(&state, &body, true).await
}

pub async fn multi_use(S(state): S<Arc<State>>, body: Bytes) -> ApiResult<Json<Value>> {
    create_token(&state, &body, false).await
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct SessionQuery {
    signer_authentication_token: Option<String>,
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
    headers: axum::http::HeaderMap,
    Query(q): Query<SessionQuery>,
) -> Response {
    // The official SDK asks with Accept: application/json and reads {"sessionToken"}.
    let wants_json = headers
        .get(axum::http::header::ACCEPT)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|a| a.contains("application/json"));
    let mut store = state.store();
    let opened = if let Some(login) = q.login_token.as_deref() {
        store.login_tokens.get(login).cloned()
    } else {
        let token = q
            .signer_authentication_token
            .or(q.session_token)
            .unwrap_or_default();
        match store.signer_tokens.get_mut(&token) {
            Some(t) if t.expires > Instant::now() && !(t.single_use && t.used) => {
                t.used = true;
                Some((t.package_id.clone(), t.role_id.clone()))
            }
            _ => None,
        }
    };
    match opened {
        Some(_) if wants_json => Json(json!({ "sessionToken": ids::secret(40) })).into_response(),
        Some((p, r)) => Html(format!(
            "<!doctype html><title>Signing</title><p>Signing session for role {r} of package {p}</p>"
        ))
        .into_response(),
        None => ApiError::new(
            StatusCode::UNAUTHORIZED,
            "error.unauthorised.invalidToken",
            "The authentication token is invalid, expired or already used.",
        )
        .into_response(),
    }
}
