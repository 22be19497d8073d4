//! Roles and signers: validation shared by package creation and the roles endpoints.

use super::str_field;
use crate::error::{ApiError, ApiResult};
use crate::ids;
use serde_json::{json, Map, Value};

/// Fills in what the service fills in on a new role, and refuses what it refuses.
///
/// `position` is the role's place among the package's roles (its default `index`).
pub fn normalise_role(role: &Value, position: usize) -> ApiResult<Map<String, Value>> {
    let Value::Object(role) = role else {
        return Err(ApiError::bad_request(
            "error.validation.invalidRole",
            "A role must be a JSON object.",
        ));
    };
    let mut role = role.clone();
    let id = match str_field(&role, "id") {
        Some(id) if !id.trim().is_empty() => id.to_string(),
        _ => ids::new_id(),
    };
    role.insert("id".into(), json!(id));
    role.entry("name").or_insert_with(|| json!(id));
    role.entry("type").or_insert_with(|| json!("SIGNER"));
    role.entry("index").or_insert_with(|| json!(position));
    role.entry("reassign").or_insert(json!(false));
    role.entry("locked").or_insert(json!(false));
    role.entry("emailMessage")
        .or_insert_with(|| json!({ "content": "" }));
    role.entry("attachmentRequirements")
        .or_insert_with(|| json!([]));
    role.entry("specialTypes").or_insert_with(|| json!([]));
    role.entry("data").or_insert(Value::Null);
    let signers = match role.get("signers") {
        None | Some(Value::Null) => Vec::new(),
        Some(Value::Array(a)) => a.clone(),
        Some(_) => {
            return Err(ApiError::bad_request(
                "error.validation.invalidSigners",
                "The role's signers must be an array.",
            ))
        }
    };
    let is_signer = str_field(&role, "type") != Some("SENDER");
    let mut out = Vec::with_capacity(signers.len());
    for s in signers {
        out.push(normalise_signer(&s, &id, is_signer)?);
    }
    role.insert("signers".into(), Value::Array(out));
    Ok(role)
}

fn normalise_signer(signer: &Value, role_id: &str, needs_email: bool) -> ApiResult<Value> {
    let Value::Object(s) = signer else {
        return Err(ApiError::bad_request(
            "error.validation.invalidSigner",
            "A signer must be a JSON object.",
        ));
    };
    let mut s = s.clone();
    let email = str_field(&s, "email").unwrap_or("").trim().to_string();
    if needs_email && !looks_like_email(&email) {
        return Err(ApiError::bad_request(
            "error.validation.invalidEmail",
            "The signer's email address is missing or invalid.",
        )
        .technical(format!("email: {email:?}")));
    }
    s.entry("id").or_insert_with(|| json!(role_id));
    for key in ["firstName", "lastName", "company", "title", "phone"] {
        s.entry(key).or_insert(json!(""));
    }
    s.entry("language").or_insert(json!("en"));
    s.entry("auth")
        .or_insert_with(|| json!({ "scheme": "NONE", "challenges": [] }));
    s.entry("delivery")
        .or_insert_with(|| json!({ "email": false, "download": false, "provider": false }));
    let now = ids::now_iso();
    s.entry("created").or_insert_with(|| json!(now));
    s.insert("updated".into(), json!(now));
    s.entry("signature").or_insert(Value::Null);
    Ok(Value::Object(s))
}

/// The service checks the address's form, not that it exists.
pub fn looks_like_email(s: &str) -> bool {
    let Some((local, domain)) = s.split_once('@') else {
        return false;
    };
    !local.is_empty()
        && domain.contains('.')
        && !domain.starts_with('.')
        && !domain.ends_with('.')
        && !s.chars().any(|c| c.is_whitespace() || c.is_control())
        && s.len() <= 254
}

// ---- handlers -----------------------------------------------------------------------

use crate::image;
use crate::package::{self, invalid_state, role_not_found};
use crate::state::{Notification, State};
use axum::body::Bytes;
use axum::extract::{Path, State as S};
use axum::http::header::{ACCEPT, CONTENT_TYPE};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Json;
use std::sync::Arc;

fn page(roles: Vec<Value>) -> Json<Value> {
    let count = roles.len();
    Json(json!({ "results": roles, "count": count }))
}

fn sorted_roles(pkg: &crate::state::Package) -> Vec<Value> {
    let mut roles = package::roles(pkg).to_vec();
    roles.sort_by_key(|r| r.get("index").and_then(Value::as_i64).unwrap_or(i64::MAX));
    roles
}

/// `GET /api/packages/{p}/roles`: `{"results": [...], "count": n}`, in signing order.
pub async fn list(S(state): S<Arc<State>>, Path(p): Path<String>) -> ApiResult<Json<Value>> {
    let store = state.store();
    let pkg = store.find(&p)?;
    Ok(page(sorted_roles(pkg)))
}

/// `GET /api/packages/{p}/roles/{r}`
pub async fn get(
    S(state): S<Arc<State>>,
    Path((p, r)): Path<(String, String)>,
) -> ApiResult<Json<Value>> {
    let store = state.store();
    let pkg = store.find(&p)?;
    let role = package::role(pkg, &r).ok_or_else(|| role_not_found(&r))?;
    Ok(Json(Value::Object(role.clone())))
}

/// `POST /api/packages/{p}/roles`: adds a role to a DRAFT package; a taken ID is a conflict.
pub async fn create(
    S(state): S<Arc<State>>,
    Path(p): Path<String>,
    body: Bytes,
) -> ApiResult<Json<Value>> {
    let body = Value::Object(super::json_object(&body)?);
    let mut store = state.store();
    let pkg = store.find_mut(&p)?;
    let st = package::status(pkg).to_string();
    if st != "DRAFT" {
        return Err(invalid_state("DRAFT", &st));
    }
    let position = package::roles(pkg).len() + 1;
    let role = normalise_role(&body, position)?;
    let id = str_field(&role, "id").unwrap_or_default().to_string();
    if package::role(pkg, &id).is_some() {
        return Err(ApiError::conflict(
            "error.conflict.roleIdExists",
            "A role with this ID already exists.",
        )
        .technical(format!("role {id}")));
    }
    package::roles_mut(pkg).push(Value::Object(role.clone()));
    Ok(Json(Value::Object(role)))
}

/// `PUT /api/packages/{p}/roles/{r}`: merges the given fields; signers given are re-checked.
pub async fn update(
    S(state): S<Arc<State>>,
    Path((p, r)): Path<(String, String)>,
    body: Bytes,
) -> ApiResult<Json<Value>> {
    let changes = super::json_object(&body)?;
    let mut store = state.store();
    let pkg = store.find_mut(&p)?;
    let st = package::status(pkg).to_string();
    let role = package::role(pkg, &r).ok_or_else(|| role_not_found(&r))?;
    let rid = role
        .get("id")
        .and_then(Value::as_str)
        .unwrap_or_default()
        .to_string();
    if let Some(id) = str_field(&changes, "id") {
        if id != rid {
            return Err(ApiError::bad_request(
                "error.validation.roleIdMismatch",
                "The role ID in the body does not match the one in the path.",
            ));
        }
    }
    let mut merged = role.clone();
    for (k, v) in changes {
        merged.insert(k, v);
    }
    let index = merged.get("index").and_then(Value::as_u64).unwrap_or(1) as usize;
    let merged = normalise_role(&Value::Object(merged), index)?;
    if st != "DRAFT" && merged.get("signers") != role.get("signers") {
        // Changing who signs once the package is out is a reassignment, not an edit.
        return Err(invalid_state("DRAFT", &st));
    }
    let slot = package::role_mut(pkg, &r).ok_or_else(|| role_not_found(&r))?;
    *slot = merged.clone();
    Ok(Json(Value::Object(merged)))
}

/// `DELETE /api/packages/{p}/roles/{r}`: only while the package is a DRAFT.
pub async fn delete(
    S(state): S<Arc<State>>,
    Path((p, r)): Path<(String, String)>,
) -> ApiResult<StatusCode> {
    let mut store = state.store();
    let pkg = store.find_mut(&p)?;
    let st = package::status(pkg).to_string();
    let rid = package::resolve_role_id(pkg, &r).ok_or_else(|| role_not_found(&r))?;
    if st != "DRAFT" {
        return Err(invalid_state("DRAFT", &st));
    }
    package::roles_mut(pkg).retain(|x| package::role_id(x) != rid);
    Ok(StatusCode::OK)
}

/// `PUT /api/packages/{p}/roles` with `[{"id", "index"}, ...]`: sets the signing order.
/// Every role named must exist; roles not named keep their index. Answers the roles.
pub async fn reorder(
    S(state): S<Arc<State>>,
    Path(p): Path<String>,
    body: Bytes,
) -> ApiResult<Json<Value>> {
    let items = match serde_json::from_slice::<Value>(&body).map_err(ApiError::invalid_json)? {
        Value::Array(a) => a,
        _ => {
            return Err(ApiError::bad_request(
                "error.validation.invalidRoles",
                "The body must be an array of roles.",
            ))
        }
    };
    let mut store = state.store();
    let pkg = store.find_mut(&p)?;
    let mut order = Vec::with_capacity(items.len());
    for item in &items {
        let id = item.get("id").and_then(Value::as_str).unwrap_or("");
        let index = item.get("index").and_then(Value::as_i64).ok_or_else(|| {
            ApiError::bad_request(
                "error.validation.invalidIndex",
                "Each role needs an integer index.",
            )
        })?;
        package::role(pkg, id).ok_or_else(|| role_not_found(id))?;
        order.push((id.to_string(), index));
    }
    for (id, index) in order {
        if let Some(role) = package::role_mut(pkg, &id) {
            role.insert("index".into(), json!(index));
        }
    }
    Ok(page(sorted_roles(pkg)))
}

/// `POST /api/packages/{p}/roles/{r}/unlock`
pub async fn unlock(
    S(state): S<Arc<State>>,
    Path((p, r)): Path<(String, String)>,
) -> ApiResult<StatusCode> {
    let mut store = state.store();
    let pkg = store.find_mut(&p)?;
    let role = package::role_mut(pkg, &r).ok_or_else(|| role_not_found(&r))?;
    role.insert("locked".into(), json!(false));
    Ok(StatusCode::OK)
}

/// The stored role ID for a path's `{roleId}` (which may be a signer ID).
fn resolved(state: &State, p: &str, r: &str) -> String {
    let store = state.store();
    store
        .package(p)
        .and_then(|pkg| package::resolve_role_id(pkg, r))
        .unwrap_or_else(|| r.to_string())
}

/// Looks up what a notification needs: a SENT package and the role's signer.
fn notify_target(state: &State, p: &str, r: &str, field: &str) -> ApiResult<String> {
    let store = state.store();
    let pkg = store.find(p)?;
    let st = package::status(pkg);
    if st != "SENT" {
        return Err(invalid_state("SENT", st));
    }
    let role = package::role(pkg, r).ok_or_else(|| role_not_found(r))?;
    Ok(package::signer_field(role, field).trim().to_string())
}

/// `POST /api/packages/{p}/roles/{r}/notifications`: an invitation or reminder email.
pub async fn notify_email(
    S(state): S<Arc<State>>,
    Path((p, r)): Path<(String, String)>,
) -> ApiResult<StatusCode> {
    let to = notify_target(&state, &p, &r, "email")?;
    let role_id = resolved(&state, &p, &r);
    state.store().notifications.push(Notification {
        kind: "email".into(),
        package_id: p,
        role_id,
        to,
    });
    Ok(StatusCode::OK)
}

/// `POST /api/packages/{p}/roles/{r}/sms_notification`: needs a phone number on the signer.
pub async fn notify_sms(
    S(state): S<Arc<State>>,
    Path((p, r)): Path<(String, String)>,
) -> ApiResult<StatusCode> {
    notify_target(&state, &p, &r, "phone")?;
    let to = {
        let store = state.store();
        store
            .package(&p)
            .and_then(|pkg| package::role(pkg, &r))
            .map(package::sms_phone)
            .unwrap_or_default()
    };
    if to.is_empty() {
        return Err(ApiError::bad_request(
            "error.validation.sms.noPhoneNumber",
            "The signer has no phone number to send an SMS to.",
        ));
    }
    let role_id = resolved(&state, &p, &r);
    state.store().notifications.push(Notification {
        kind: "sms".into(),
        package_id: p,
        role_id,
        to,
    });
    Ok(StatusCode::OK)
}

#[derive(serde::Deserialize)]
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
    let req: PackageNotification = serde_json::from_slice(&body).map_err(ApiError::invalid_json)?;
    let role_id = {
        let store = state.store();
        let pkg = store.find(&p)?;
        let st = package::status(pkg);
        if st != "SENT" {
            return Err(invalid_state("SENT", st));
        }
        package::role_of_signer(pkg, &req.email)
            .ok_or_else(|| package::signer_not_found(&req.email))?
    };
    state.store().notifications.push(Notification {
        kind: "email".into(),
        package_id: p,
        role_id,
        to: req.email,
    });
    Ok(StatusCode::OK)
}

/// `GET /api/packages/{p}/roles/{r}/signingUrl`: `{"roleId", "url", "packageId"}`; the URL
/// does not expire. Only for a SENT package (assumed: a DRAFT has no signing ceremony).
pub async fn signing_url(
    S(state): S<Arc<State>>,
    Path((p, r)): Path<(String, String)>,
) -> ApiResult<Json<Value>> {
    let mut store = state.store();
    let pkg = store.find(&p)?;
    let st = package::status(pkg);
    if st != "SENT" && st != "COMPLETED" {
        return Err(invalid_state("SENT", st));
    }
    package::role(pkg, &r).ok_or_else(|| role_not_found(&r))?;
    let login = store
        .login_tokens
        .iter()
        .find(|(_, (pp, rr))| *pp == p && *rr == r)
        .map(|(t, _)| t.clone());
    let login = match login {
        Some(t) => t,
        None => {
            let t = crate::ids::secret(32);
            store.login_tokens.insert(t.clone(), (p.clone(), r.clone()));
            t
        }
    };
    let url = format!("{}/auth?loginToken={login}", state.base_url());
    Ok(Json(json!({ "roleId": r, "url": url, "packageId": p })))
}

/// `GET /api/packages/{p}/roles/{r}/signatureImage`, by Accept: PNG, JPEG or GIF.
pub async fn signature_image(
    S(state): S<Arc<State>>,
    Path((p, r)): Path<(String, String)>,
    headers: HeaderMap,
) -> ApiResult<Response> {
    let accept = headers.get(ACCEPT).and_then(|v| v.to_str().ok());
    let (mime, format) = image::negotiate(accept).ok_or_else(|| {
        ApiError::new(
            StatusCode::NOT_ACCEPTABLE,
            "error.validation.imageFormat",
            "Signature images are served as image/png, image/jpeg or image/gif.",
        )
    })?;
    let seed = {
        let store = state.store();
        let pkg = store.find(&p)?;
        let role = package::role(pkg, &r).ok_or_else(|| role_not_found(&r))?;
        let rid = package::role_id(&Value::Object(role.clone())).to_string();
        let captured = store
            .signing
            .get(&p)
            .is_some_and(|s| s.captured.contains(&rid));
        if !captured {
            return Err(ApiError::not_found(
                "error.notFound.signatureImage",
                "The signer has not captured a signature yet.",
            ));
        }
        package::signer_field(role, "email").to_string()
    };
    let bytes = image::render(&seed, format).map_err(|e| {
        ApiError::new(
            StatusCode::INTERNAL_SERVER_ERROR,
            "error.internal",
            "Unhandled server error.",
        )
        .technical(e.to_string())
    })?;
    Ok(([(CONTENT_TYPE, mime)], bytes).into_response())
}
