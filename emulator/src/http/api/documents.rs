//! `/api/packages/{id}/documents…`: uploading, reading, changing, removing and reordering a
//! package's documents.

use super::packages::read_multipart;
use crate::domain::documents;
use crate::domain::error::ApiResult;
use crate::domain::json;
use crate::store::State;
use axum::body::Bytes;
use axum::extract::{Path, Request, State as S};
use axum::http::StatusCode;
use axum::Json;
use serde_json::Value;
use std::sync::Arc;

/// `POST /api/packages/{id}/documents`: multipart, a `payload` part (a JSON array of
/// documents, or one document) and a file part per document.
pub async fn upload(
    S(state): S<Arc<State>>,
    Path(id): Path<String>,
    req: Request,
) -> ApiResult<Json<Value>> {
    let (payload, files) = read_multipart(req, &state).await?;
    let payload = json::parse(&payload)?;
    documents::upload(&mut state.store(), &id, payload, files).map(Json)
}

/// `GET /api/packages/{id}/documents/{doc}`
pub async fn get(
    S(state): S<Arc<State>>,
    Path((p, d)): Path<(String, String)>,
) -> ApiResult<Json<Value>> {
    documents::get(&state.store(), &p, &d).map(Json)
}

/// `PUT /api/packages/{id}/documents/{doc}` with the document's metadata.
pub async fn update(
    S(state): S<Arc<State>>,
    Path((p, d)): Path<(String, String)>,
    body: Bytes,
) -> ApiResult<Json<Value>> {
    let changes = json::object(&body)?;
    documents::update(&mut state.store(), &p, &d, changes).map(Json)
}

/// `DELETE /api/packages/{id}/documents/{doc}`
pub async fn delete(
    S(state): S<Arc<State>>,
    Path((p, d)): Path<(String, String)>,
) -> ApiResult<StatusCode> {
    documents::delete(&mut state.store(), &p, &[d])?;
    Ok(StatusCode::OK)
}

/// `DELETE /api/packages/{id}/documents` with a JSON array of document IDs.
pub async fn delete_many(
    S(state): S<Arc<State>>,
    Path(p): Path<String>,
    body: Bytes,
) -> ApiResult<StatusCode> {
    let ids = documents::ids_of(json::parse(&body)?)?;
    documents::delete(&mut state.store(), &p, &ids)?;
    Ok(StatusCode::OK)
}

/// `PUT /api/packages/{id}/documents` with the documents in their new order.
pub async fn reorder(
    S(state): S<Arc<State>>,
    Path(p): Path<String>,
    body: Bytes,
) -> ApiResult<Json<Value>> {
    let body = json::parse(&body)?;
    documents::reorder(&mut state.store(), &p, body).map(Json)
}
