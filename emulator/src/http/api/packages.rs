//! `/api/packages` and `/api/packages/{id}`: JSON or multipart bodies in, the package's JSON out.

use crate::domain::documents::Upload;
use crate::domain::error::{ApiError, ApiResult};
use crate::domain::json;
use crate::domain::lifecycle;
use crate::domain::listing;
use crate::domain::package::FindPackage;
use crate::domain::templates;
use crate::store::State;
use axum::body::Bytes;
use axum::extract::{FromRequest, Multipart, Path, Query, Request, State as S};
use axum::http::header::CONTENT_TYPE;
use axum::http::StatusCode;
use axum::Json;
use serde_json::{json, Value};
use std::collections::HashMap;
use std::sync::Arc;

/// `POST /api/packages`, JSON or `multipart/form-data` (a `payload` part and file parts).
pub async fn create(S(state): S<Arc<State>>, req: Request) -> ApiResult<Json<Value>> {
    // The package's sender is whoever created it (the owner, or the sender a token acts as).
    let actor = req
        .extensions()
        .get::<crate::domain::auth::Actor>()
        .map(|a| a.0.clone());
    let is_multipart = req
        .headers()
        .get(CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|ct| ct.starts_with("multipart/form-data"));
    let (payload, files) = if is_multipart {
        read_multipart(req, &state).await?
    } else {
        let body = Bytes::from_request(req, &state)
            .await
            .map_err(|e| ApiError::bad_request("error.validation.invalidBody", e.body_text()))?;
        (body, Vec::new())
    };
    let mut pkg = json::object(&payload)?;
    if let Some(Value::Object(actor)) = actor {
        let sender = pkg
            .entry("sender")
            .or_insert_with(|| Value::Object(Default::default()));
        if let Value::Object(s) = sender {
            for (k, v) in actor {
                s.entry(k).or_insert(v);
            }
        }
    }
    let id = lifecycle::create(&mut state.store(), pkg, files)?;
    Ok(Json(json!({ "id": id })))
}

/// The `payload` part and the files (name and content) of a multipart body.
pub async fn read_multipart(req: Request, state: &Arc<State>) -> ApiResult<(Bytes, Vec<Upload>)> {
    let mut mp = Multipart::from_request(req, state)
        .await
        .map_err(|e| ApiError::bad_request("error.validation.invalidMultipart", e.body_text()))?;
    let mut payload = None;
    let mut files = Vec::new();
    while let Some(field) = mp
        .next_field()
        .await
        .map_err(|e| ApiError::bad_request("error.validation.invalidMultipart", e.body_text()))?
    {
        let name = field.name().unwrap_or_default().to_string();
        let file_name = field.file_name().map(str::to_string);
        let data = field.bytes().await.map_err(|e| {
            ApiError::bad_request("error.validation.invalidMultipart", e.body_text())
        })?;
        match file_name {
            Some(file_name) => files.push(Upload {
                file_name,
                content: data,
            }),
            None if name == "payload" => payload = Some(data),
            None => {}
        }
    }
    let payload = payload.ok_or_else(|| {
        ApiError::bad_request(
            "error.validation.missingPayload",
            "The multipart request has no 'payload' part.",
        )
    })?;
    Ok((payload, files))
}

/// `GET /api/packages?query=&from=&to=&startDate=&endDate=&search=&sort=&dir=&type=`
pub async fn list(
    S(state): S<Arc<State>>,
    Query(params): Query<HashMap<String, String>>,
) -> ApiResult<Json<Value>> {
    listing::list(&state.store(), &params).map(Json)
}

/// `POST /api/packages/{id}/clone` with the new package's JSON: answers `{"id"}`.
pub async fn clone(
    S(state): S<Arc<State>>,
    Path(id): Path<String>,
    body: Bytes,
) -> ApiResult<Json<Value>> {
    let body = json::object(&body)?;
    let new_id = templates::clone(&mut state.store(), &id, body)?;
    Ok(Json(json!({ "id": new_id })))
}

/// `GET /api/packages/{id}`
pub async fn get(S(state): S<Arc<State>>, Path(id): Path<String>) -> ApiResult<Json<Value>> {
    let store = state.store();
    let pkg = store.find(&id)?;
    Ok(Json(Value::Object(pkg.clone())))
}

/// `PUT /api/packages/{id}` (and `POST`, as the official SDK sends): merges the given
/// fields; a `status` change sends, takes back or archives.
pub async fn update(
    S(state): S<Arc<State>>,
    Path(id): Path<String>,
    body: Bytes,
) -> ApiResult<StatusCode> {
    let changes = json::object(&body)?;
    lifecycle::update(&mut state.store(), &id, changes)?;
    Ok(StatusCode::OK)
}

/// `DELETE /api/packages/{id}`
pub async fn delete(S(state): S<Arc<State>>, Path(id): Path<String>) -> ApiResult<StatusCode> {
    lifecycle::delete(&mut state.store(), &id)?;
    Ok(StatusCode::OK)
}
