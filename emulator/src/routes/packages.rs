//! `/api/packages` and `/api/packages/{id}`.

use super::roles::normalise_role;
use super::{json_object, str_field};
use crate::error::{ApiError, ApiResult};
use crate::events::{emit, Event};
use crate::ids;
use crate::state::State;
use axum::body::Bytes;
use axum::extract::{FromRequest, Multipart, Path, Request, State as S};
use axum::http::header::CONTENT_TYPE;
use axum::http::StatusCode;
use axum::Json;
use serde_json::{json, Map, Value};
use std::sync::Arc;

/// `POST /api/packages`, JSON or `multipart/form-data` (a `payload` part and file parts).
pub async fn create(S(state): S<Arc<State>>, req: Request) -> ApiResult<Json<Value>> {
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
    let mut pkg = json_object(&payload)?;
    let name = str_field(&pkg, "name").unwrap_or("").trim().to_string();
    if name.is_empty() {
        return Err(ApiError::bad_request(
            "error.validation.packageName",
            "The package name is required.",
        ));
    }
    let status = str_field(&pkg, "status").unwrap_or("DRAFT").to_string();
    if !matches!(status.as_str(), "DRAFT" | "SENT") {
        return Err(invalid_status(&status));
    }
    let roles = match pkg.get("roles") {
        None | Some(Value::Null) => Vec::new(),
        Some(Value::Array(a)) => a.clone(),
        Some(_) => {
            return Err(ApiError::bad_request(
                "error.validation.invalidRoles",
                "The package's roles must be an array.",
            ))
        }
    };
    let mut seen = std::collections::HashSet::new();
    let mut normalised = Vec::with_capacity(roles.len());
    for (i, r) in roles.iter().enumerate() {
        let role = normalise_role(r, i + 1)?;
        let rid = str_field(&role, "id").unwrap_or_default().to_string();
        if !seen.insert(rid.clone()) {
            return Err(ApiError::conflict(
                "error.conflict.roleIdExists",
                "Two roles share the same ID.",
            )
            .technical(format!("role {rid}")));
        }
        normalised.push(Value::Object(role));
    }
    let documents = documents(&pkg, files)?;
    let id = ids::new_id();
    let now = ids::now_iso();
    pkg.insert("id".into(), json!(id));
    pkg.insert("status".into(), json!(status));
    pkg.insert("roles".into(), Value::Array(normalised));
    pkg.insert("documents".into(), Value::Array(documents));
    pkg.entry("description").or_insert(json!(""));
    pkg.entry("emailMessage").or_insert(json!(""));
    pkg.entry("autocomplete").or_insert(json!(true));
    pkg.entry("due").or_insert(Value::Null);
    pkg.insert("created".into(), json!(now));
    pkg.insert("updated".into(), json!(now));
    let mut store = state.store();
    store.packages.push((id.clone(), pkg));
    emit(&mut store, Event::by_sender("PACKAGE_CREATE", &id));
    if status == "SENT" {
        emit(&mut store, Event::by_sender("PACKAGE_ACTIVATE", &id));
    }
    Ok(Json(json!({ "id": id })))
}

async fn read_multipart(
    req: Request,
    state: &Arc<State>,
) -> ApiResult<(Bytes, Vec<(String, usize)>)> {
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
            Some(f) => files.push((f, data.len())),
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

/// The package's documents: those the payload describes, matched in order with uploaded
/// files, plus one per file the payload does not describe.
fn documents(pkg: &Map<String, Value>, files: Vec<(String, usize)>) -> ApiResult<Vec<Value>> {
    let described = match pkg.get("documents") {
        None | Some(Value::Null) => Vec::new(),
        Some(Value::Array(a)) => a.clone(),
        Some(_) => {
            return Err(ApiError::bad_request(
                "error.validation.invalidDocuments",
                "The package's documents must be an array.",
            ))
        }
    };
    let count = described.len().max(files.len());
    let mut out = Vec::with_capacity(count);
    for i in 0..count {
        let mut doc = match described.get(i) {
            Some(Value::Object(m)) => m.clone(),
            Some(_) => {
                return Err(ApiError::bad_request(
                    "error.validation.invalidDocument",
                    "A document must be a JSON object.",
                ))
            }
            None => Map::new(),
        };
        let file = files.get(i);
        doc.entry("id").or_insert_with(|| json!(ids::new_id()));
        if let Some((file_name, _)) = file {
            let stem = file_name
                .rsplit_once('.')
                .map_or(file_name.as_str(), |(s, _)| s);
            doc.entry("name").or_insert_with(|| json!(stem));
        }
        doc.entry("name")
            .or_insert_with(|| json!(format!("Document {}", i + 1)));
        doc.entry("index").or_insert(json!(i));
        doc.insert(
            "approvals".into(),
            approvals_with_ids(doc.get("approvals"))?,
        );
        if let Some((_, size)) = file {
            doc.insert("size".into(), json!(size));
        }
        out.push(Value::Object(doc));
    }
    Ok(out)
}

/// Approvals and their fields as the service stores them: each with an ID (the official
/// SDK refuses a package whose approvals or fields have none).
fn approvals_with_ids(approvals: Option<&Value>) -> ApiResult<Value> {
    let list = match approvals {
        None | Some(Value::Null) => return Ok(json!([])),
        Some(Value::Array(a)) => a.clone(),
        Some(_) => {
            return Err(ApiError::bad_request(
                "error.validation.invalidApprovals",
                "A document's approvals must be an array.",
            ))
        }
    };
    let mut out = Vec::with_capacity(list.len());
    for a in list {
        let Value::Object(mut a) = a else {
            return Err(ApiError::bad_request(
                "error.validation.invalidApprovals",
                "An approval must be a JSON object.",
            ));
        };
        a.entry("id").or_insert_with(|| json!(ids::new_id()));
        if let Some(Value::Array(fields)) = a.get_mut("fields") {
            for f in fields.iter_mut() {
                if let Value::Object(f) = f {
                    f.entry("id").or_insert_with(|| json!(ids::new_id()));
                }
            }
        }
        out.push(Value::Object(a));
    }
    Ok(Value::Array(out))
}

/// `POST /api/packages/{id}/documents`: multipart with a `payload` part (the document's
/// JSON) and a file part, as the official SDK uploads one document to a DRAFT package.
pub async fn add_document(
    S(state): S<Arc<State>>,
    Path(id): Path<String>,
    req: Request,
) -> ApiResult<Json<Value>> {
    let (payload, files) = read_multipart(req, &state).await?;
    let described = json_object(&payload)?;
    let wrapper: Map<String, Value> = [("documents".to_string(), json!([described]))]
        .into_iter()
        .collect();
    let mut docs = documents(&wrapper, files)?;
    let mut doc = docs.pop().unwrap_or_else(|| json!({}));
    let mut store = state.store();
    let pkg = store.find_mut(&id)?;
    let st = str_field(pkg, "status").unwrap_or("DRAFT").to_string();
    if st != "DRAFT" {
        return Err(crate::package::invalid_state("DRAFT", &st));
    }
    let list = pkg.entry("documents").or_insert_with(|| json!([]));
    if let (Value::Array(list), Value::Object(d)) = (list, &mut doc) {
        d.insert("index".into(), json!(list.len()));
        list.push(Value::Object(d.clone()));
    }
    Ok(Json(doc))
}

/// `GET /api/packages/{id}`
pub async fn get(S(state): S<Arc<State>>, Path(id): Path<String>) -> ApiResult<Json<Value>> {
    let store = state.store();
    let pkg = store.find(&id)?;
    Ok(Json(Value::Object(pkg.clone())))
}

/// `PUT /api/packages/{id}`: merges the given fields; a `status` change sends (DRAFT → SENT)
/// or takes back (SENT → DRAFT). Other statuses are the service's to set.
pub async fn update(
    S(state): S<Arc<State>>,
    Path(id): Path<String>,
    body: Bytes,
) -> ApiResult<StatusCode> {
    let changes = json_object(&body)?;
    let mut store = state.store();
    let pkg = store.find_mut(&id)?;
    let current = str_field(pkg, "status").unwrap_or("DRAFT").to_string();
    let wanted = match changes.get("status") {
        None | Some(Value::Null) => current.clone(),
        Some(Value::String(s)) => s.clone(),
        Some(_) => return Err(invalid_status("non-string")),
    };
    let transition = match (current.as_str(), wanted.as_str()) {
        _ if wanted == current => Some(None),
        ("DRAFT", "SENT") => Some(Some("PACKAGE_ACTIVATE")),
        ("SENT", "DRAFT") => Some(Some("PACKAGE_DEACTIVATE")),
        ("COMPLETED", "ARCHIVED") => Some(Some("PACKAGE_ARCHIVE")),
        _ => None,
    };
    let Some(status_event) = transition else {
        return Err(ApiError::bad_request(
            "error.validation.invalidPackageStatus",
            format!("The package cannot go from {current} to {wanted}."),
        ));
    };
    // Moving to and from the trash is allowed in any status.
    let trash_event = match changes.get("trashed").and_then(Value::as_bool) {
        Some(t) if Some(t) != pkg.get("trashed").and_then(Value::as_bool).or(Some(false)) => {
            Some(if t {
                "PACKAGE_TRASH"
            } else {
                "PACKAGE_RESTORE"
            })
        }
        _ => None,
    };
    let edits_content = changes
        .iter()
        .any(|(k, v)| !matches!(k.as_str(), "status" | "id" | "trashed") && pkg.get(k) != Some(v));
    if current != "DRAFT" && edits_content {
        return Err(ApiError::bad_request(
            "error.validation.packageNotDraft",
            "Only a package in DRAFT status can be edited.",
        )
        .technical(format!("package status is {current}")));
    }
    for (k, v) in changes {
        // The package's own parts have their own endpoints.
        if !matches!(
            k.as_str(),
            "id" | "roles" | "documents" | "created" | "updated"
        ) {
            pkg.insert(k, v);
        }
    }
    pkg.insert("status".into(), json!(wanted));
    pkg.insert("updated".into(), json!(ids::now_iso()));
    for name in [status_event, trash_event].into_iter().flatten() {
        emit(&mut store, Event::by_sender(name, &id));
    }
    Ok(StatusCode::OK)
}

/// `DELETE /api/packages/{id}`
pub async fn delete(S(state): S<Arc<State>>, Path(id): Path<String>) -> ApiResult<StatusCode> {
    let mut store = state.store();
    let before = store.packages.len();
    store.packages.retain(|(k, _)| *k != id);
    if store.packages.len() == before {
        return Err(ApiError::package_not_found(&id));
    }
    store.signing.remove(&id);
    emit(&mut store, Event::by_sender("PACKAGE_DELETE", &id));
    Ok(StatusCode::OK)
}

fn invalid_status(s: &str) -> ApiError {
    ApiError::bad_request(
        "error.validation.invalidPackageStatus",
        format!("{s} is not a status a package can be given."),
    )
}
