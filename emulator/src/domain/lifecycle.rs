//! A package's life: created (DRAFT, or SENT at once), edited while a DRAFT, sent, taken back
//! to DRAFT, trashed and restored, archived once COMPLETED, deleted; documents added while a
//! DRAFT. Each change emits the event the service would.

use super::documents::{documents, Upload};
use super::error::{invalid_state, ApiError, ApiResult};
use super::events::{emit, Event};
use super::ids;
use super::json::str_field;
use super::package::FindPackage;
use super::roles::normalise_role;
use crate::store::Store;
use serde_json::{json, Map, Value};

fn invalid_status(s: &str) -> ApiError {
    ApiError::bad_request(
        "error.validation.invalidPackageStatus",
        format!("{s} is not a status a package can be given."),
    )
}

/// A new package from its JSON and the files uploaded with it; answers its ID.
pub fn create(
    store: &mut Store,
    mut pkg: Map<String, Value>,
    files: Vec<Upload>,
) -> ApiResult<String> {
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
    store.packages.push((id.clone(), pkg));
    emit(store, Event::by_sender("PACKAGE_CREATE", &id));
    if status == "SENT" {
        emit(store, Event::by_sender("PACKAGE_ACTIVATE", &id));
    }
    Ok(id)
}

/// One more document for a DRAFT package: its JSON and the file uploaded with it, as the
/// official SDK adds documents. Answers the document as stored.
pub fn add_document(
    store: &mut Store,
    package_id: &str,
    described: Map<String, Value>,
    files: Vec<Upload>,
) -> ApiResult<Value> {
    let wrapper: Map<String, Value> = [("documents".to_string(), json!([described]))]
        .into_iter()
        .collect();
    let mut docs = documents(&wrapper, files)?;
    let mut doc = docs.pop().unwrap_or_else(|| json!({}));
    let pkg = store.find_mut(package_id)?;
    let st = str_field(pkg, "status").unwrap_or("DRAFT").to_string();
    if st != "DRAFT" {
        return Err(invalid_state("DRAFT", &st));
    }
    let list = pkg.entry("documents").or_insert_with(|| json!([]));
    if let (Value::Array(list), Value::Object(d)) = (list, &mut doc) {
        d.insert("index".into(), json!(list.len()));
        list.push(Value::Object(d.clone()));
    }
    Ok(doc)
}

/// Merges the given fields; a `status` change sends (DRAFT → SENT), takes back (SENT →
/// DRAFT) or archives (COMPLETED → ARCHIVED); `trashed` moves to and from the trash in any
/// status. Other statuses are the service's to set.
pub fn update(store: &mut Store, package_id: &str, changes: Map<String, Value>) -> ApiResult<()> {
    let pkg = store.find_mut(package_id)?;
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
        emit(store, Event::by_sender(name, package_id));
    }
    Ok(())
}

/// Deletes a package and its signing record.
pub fn delete(store: &mut Store, package_id: &str) -> ApiResult<()> {
    let before = store.packages.len();
    store.packages.retain(|(k, _)| k != package_id);
    if store.packages.len() == before {
        return Err(ApiError::package_not_found(package_id));
    }
    store.signing.remove(package_id);
    emit(store, Event::by_sender("PACKAGE_DELETE", package_id));
    Ok(())
}
