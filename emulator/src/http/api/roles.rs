//! `/api/packages/{p}/roles...`: roles and signers, their notifications, signing URLs and
//! signature images.

use crate::domain::error::ApiResult;
use crate::domain::{json, notifications, roles, sessions, signature_image};
use crate::store::State;
use axum::body::Bytes;
use axum::extract::{Path, State as S};
use axum::http::header::{ACCEPT, CONTENT_TYPE};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Json;
use serde::Deserialize;
use serde_json::Value;
use std::sync::Arc;

/// `GET /api/packages/{p}/roles`: `{"results": [...], "count": n}`, in signing order.
pub async fn list(S(state): S<Arc<State>>, Path(p): Path<String>) -> ApiResult<Json<Value>> {
    roles::list(&state.store(), &p).map(Json)
}

/// `GET /api/packages/{p}/roles/{r}`
pub async fn get(
    S(state): S<Arc<State>>,
    Path((p, r)): Path<(String, String)>,
) -> ApiResult<Json<Value>> {
    let role = roles::get(&state.store(), &p, &r)?;
    Ok(Json(Value::Object(role)))
}

/// `POST /api/packages/{p}/roles`: adds a role to a DRAFT package; a taken ID is a conflict.
pub async fn create(
    S(state): S<Arc<State>>,
    Path(p): Path<String>,
    body: Bytes,
) -> ApiResult<Json<Value>> {
    let body = json::object(&body)?;
    let role = roles::create(&mut state.store(), &p, body)?;
    Ok(Json(Value::Object(role)))
}

/// `PUT /api/packages/{p}/roles/{r}`: merges the given fields; signers given are re-checked.
pub async fn update(
    S(state): S<Arc<State>>,
    Path((p, r)): Path<(String, String)>,
    body: Bytes,
) -> ApiResult<Json<Value>> {
    let changes = json::object(&body)?;
    let role = roles::update(&mut state.store(), &p, &r, changes)?;
    Ok(Json(Value::Object(role)))
}

/// `DELETE /api/packages/{p}/roles/{r}`: only while the package is a DRAFT.
pub async fn delete(
    S(state): S<Arc<State>>,
    Path((p, r)): Path<(String, String)>,
) -> ApiResult<StatusCode> {
    roles::delete(&mut state.store(), &p, &r)?;
    Ok(StatusCode::OK)
}

/// `PUT /api/packages/{p}/roles` with `[{"id", "index"}, ...]`: sets the signing order.
pub async fn reorder(
    S(state): S<Arc<State>>,
    Path(p): Path<String>,
    body: Bytes,
) -> ApiResult<Json<Value>> {
    let items = json::parse(&body)?;
    roles::reorder(&mut state.store(), &p, items).map(Json)
}

/// `POST /api/packages/{p}/roles/{r}/unlock`
pub async fn unlock(
    S(state): S<Arc<State>>,
    Path((p, r)): Path<(String, String)>,
) -> ApiResult<StatusCode> {
    roles::unlock(&mut state.store(), &p, &r)?;
    Ok(StatusCode::OK)
}

/// `POST /api/packages/{p}/roles/{r}/notifications`: an invitation or reminder email.
pub async fn notify_email(
    S(state): S<Arc<State>>,
    Path((p, r)): Path<(String, String)>,
) -> ApiResult<StatusCode> {
    notifications::email_role(&mut state.store(), &p, &r)?;
    Ok(StatusCode::OK)
}

/// `POST /api/packages/{p}/roles/{r}/sms_notification`: needs a phone number on the signer.
pub async fn notify_sms(
    S(state): S<Arc<State>>,
    Path((p, r)): Path<(String, String)>,
) -> ApiResult<StatusCode> {
    notifications::sms_role(&mut state.store(), &p, &r)?;
    Ok(StatusCode::OK)
}

#[derive(Deserialize)]
pub struct PackageNotification {
    email: String,
}

/// `POST /api/packages/{p}/notifications` with `{"email", "message"}`: the official SDK's
/// `notifySigner`, an email to the signer with that address.
pub async fn notify_by_email(
    S(state): S<Arc<State>>,
    Path(p): Path<String>,
    body: Bytes,
) -> ApiResult<StatusCode> {
    let req: PackageNotification =
        serde_json::from_slice(&body).map_err(crate::domain::error::ApiError::invalid_json)?;
    notifications::email_signer(&mut state.store(), &p, &req.email)?;
    Ok(StatusCode::OK)
}

/// `GET /api/packages/{p}/roles/{r}/signingUrl`: `{"roleId", "url", "packageId"}`.
pub async fn signing_url(
    S(state): S<Arc<State>>,
    Path((p, r)): Path<(String, String)>,
) -> ApiResult<Json<Value>> {
    sessions::signing_url(&state, &p, &r).map(Json)
}

/// `GET /api/packages/{p}/roles/{r}/signatureImage`, by Accept: PNG, JPEG or GIF.
pub async fn signature_image(
    S(state): S<Arc<State>>,
    Path((p, r)): Path<(String, String)>,
    headers: HeaderMap,
) -> ApiResult<Response> {
    let accept = headers.get(ACCEPT).and_then(|v| v.to_str().ok());
    let (mime, bytes) = signature_image::for_role(&state, &p, &r, accept)?;
    Ok(([(CONTENT_TYPE, mime)], bytes).into_response())
}
