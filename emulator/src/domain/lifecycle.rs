//! A package's life: created (DRAFT, or SENT at once; a template is always a DRAFT), edited
//! while a DRAFT, sent, taken back to DRAFT, completed by its signers or marked complete by
//! the sender, trashed and restored, archived once COMPLETED, deleted. Each change emits
//! the event the service would.

use super::documents::{self, Prepared, Upload, CONSENT_ID};
use super::error::{ApiError, ApiResult};
use super::events::{emit, Event};
use super::ids;
use super::json::str_field;
use super::package::{self, FindPackage};
use super::roles::normalise_role;
use super::sender;
use crate::store::{Package, Store};
use serde_json::{json, Map, Value};

fn invalid_status(s: &str) -> ApiError {
    ApiError::bad_request(
        "error.validation.invalidPackageStatus",
        format!("{s} is not a status a package can be given."),
    )
}

/// Whether a package is a template (`"type": "TEMPLATE"`).
pub fn is_template(pkg: &Package) -> bool {
    str_field(pkg, "type") == Some("TEMPLATE")
}

/// The roles given for a new package, as stored, with the owner's role added unless one of
/// type SENDER is given. Roles given are indexed from 1; the owner's is 0.
pub fn roles_for_new_package(given: Option<&Value>, now: &str) -> ApiResult<Vec<Value>> {
    let roles = match given {
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
    let mut normalised = Vec::with_capacity(roles.len() + 1);
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
    let has_owner = normalised
        .iter()
        .any(|r| r.as_object().is_some_and(sender::is_owner_role));
    if !has_owner && !seen.contains(sender::SENDER_ID) {
        normalised.insert(0, sender::owner_role(now));
    }
    Ok(normalised)
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
    let kind = str_field(&pkg, "type").unwrap_or("PACKAGE").to_string();
    if !matches!(kind.as_str(), "PACKAGE" | "TEMPLATE") {
        return Err(ApiError::bad_request(
            "error.validation.invalidPackageType",
            format!("{kind} is not a package type: PACKAGE or TEMPLATE."),
        ));
    }
    let status = str_field(&pkg, "status").unwrap_or("DRAFT").to_string();
    if !matches!(status.as_str(), "DRAFT" | "SENT") {
        return Err(invalid_status(&status));
    }
    let now = ids::now_iso();
    let roles = roles_for_new_package(pkg.get("roles"), &now)?;
    let mut docs = documents::prepare(pkg.get("documents"), files, 1)?;
    // The consent document, unless the JSON describes it (a package read from the service
    // and created again): then that description, with the consent's file.
    let (consent, consent_file) = documents::consent();
    match docs
        .iter_mut()
        .find(|(d, _)| str_field(d, "id") == Some(CONSENT_ID))
    {
        Some((_, file)) => {
            file.get_or_insert_with(|| consent_file.unwrap_or_default());
        }
        None => docs.insert(0, (consent, consent_file)),
    }
    pkg.insert("type".into(), json!(kind));
    pkg.insert("roles".into(), Value::Array(roles));
    pkg.insert("status".into(), json!("DRAFT"));
    if status == "SENT" {
        // Refused as a whole, before anything is stored.
        let mut probe = pkg.clone();
        let docs_json: Vec<Value> = docs.iter().map(|(d, _)| Value::Object(d.clone())).collect();
        probe.insert("documents".into(), Value::Array(docs_json));
        check_sendable(&probe)?;
    }
    let id = insert(store, pkg, docs, &now)?;
    if status == "SENT" {
        let changes: Map<String, Value> = [("status".to_string(), json!("SENT"))]
            .into_iter()
            .collect();
        update(store, &id, changes)?;
    }
    Ok(id)
}

/// Stores a new DRAFT package (roles already as stored) with its documents and files, fills
/// in what the service fills in, and emits PACKAGE_CREATE (TEMPLATE_CREATE for a template).
pub fn insert(
    store: &mut Store,
    mut pkg: Map<String, Value>,
    docs: Vec<Prepared>,
    now: &str,
) -> ApiResult<String> {
    let id = ids::new_id();
    pkg.insert("id".into(), json!(id));
    pkg.insert("status".into(), json!("DRAFT"));
    pkg.insert("documents".into(), json!([]));
    pkg.entry("type").or_insert(json!("PACKAGE"));
    pkg.entry("description").or_insert(json!(""));
    pkg.entry("emailMessage").or_insert(json!(""));
    pkg.entry("autocomplete").or_insert(json!(true));
    pkg.entry("due").or_insert(Value::Null);
    pkg.insert("trashed".into(), json!(false));
    // The owner, unless the package names one (the service creates on behalf of a sender).
    pkg.entry("sender").or_insert_with(sender::sender_field);
    pkg.insert("created".into(), json!(now));
    pkg.insert("updated".into(), json!(now));
    let template = is_template(&pkg);
    store.packages.push((id.clone(), pkg));
    if let Err(e) = documents::add(store, &id, docs) {
        store.packages.retain(|(k, _)| k != &id);
        store.remove_files(&id);
        return Err(e);
    }
    let event = if template {
        "TEMPLATE_CREATE"
    } else {
        "PACKAGE_CREATE"
    };
    emit(store, Event::by_sender(event, &id));
    Ok(id)
}

/// What sending needs [doc: blog 2017]: a signer, a document besides the consent, and a
/// signature approval (an approval for one of the package's roles with a SIGNATURE field;
/// an approval without one is an acceptance, like the consent's). A template is never sent.
pub fn check_sendable(pkg: &Package) -> ApiResult<()> {
    if is_template(pkg) {
        return Err(ApiError::bad_request(
            "error.validation.templateCannotBeSent",
            "A template cannot be sent: create a package from it.",
        ));
    }
    let has_signer = package::roles(pkg).iter().any(|r| {
        package::is_signer_role(r)
            && r.get("signers").and_then(Value::as_array).is_some_and(|s| {
                s.iter().any(|s| {
                    s.get("email")
                        .and_then(Value::as_str)
                        .is_some_and(|e| !e.is_empty())
                })
            })
    });
    if !has_signer {
        return Err(ApiError::bad_request(
            "error.validation.packageHasNoSigners",
            "The package cannot be sent: it has no signer.",
        ));
    }
    let docs: Vec<&Value> = documents::documents(pkg)
        .iter()
        .filter(|d| d.get("id").and_then(Value::as_str) != Some(CONSENT_ID))
        .collect();
    if docs.is_empty() {
        return Err(ApiError::bad_request(
            "error.validation.packageHasNoDocuments",
            "The package cannot be sent: it has no document to sign besides the consent.",
        ));
    }
    let role_ids: Vec<&str> = package::roles(pkg).iter().map(package::role_id).collect();
    let has_signature = docs
        .iter()
        .filter_map(|d| d.get("approvals").and_then(Value::as_array))
        .flatten()
        .any(|a| {
            let for_role = a
                .get("role")
                .and_then(Value::as_str)
                .is_some_and(|r| role_ids.contains(&r));
            let signs = a.get("fields").and_then(Value::as_array).is_some_and(|f| {
                f.iter()
                    .any(|f| f.get("type").and_then(Value::as_str) == Some("SIGNATURE"))
            });
            for_role && signs
        });
    if !has_signature {
        return Err(ApiError::bad_request(
            "error.validation.packageHasNoSignatures",
            "The package cannot be sent: no document has a signature for a signer.",
        ));
    }
    Ok(())
}

/// Whether every role that signs has completed, so the package can be completed.
fn all_signed(store: &Store, package_id: &str, pkg: &Package) -> bool {
    let roles = package::signer_roles(pkg);
    let done = store.signing.get(package_id);
    !roles.is_empty()
        && roles
            .iter()
            .all(|r| done.is_some_and(|s| s.completed.contains(r)))
}

/// Merges the given fields; a `status` change sends (DRAFT → SENT), takes back (SENT →
/// DRAFT), marks complete (SENT → COMPLETED, once every signer is done) or archives
/// (COMPLETED → ARCHIVED); `trashed` moves to and from the trash in any status. Other
/// statuses are the service's to set.
pub fn update(store: &mut Store, package_id: &str, changes: Map<String, Value>) -> ApiResult<()> {
    let pkg = store.find(package_id)?;
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
        ("SENT", "COMPLETED") => Some(Some("PACKAGE_COMPLETE")),
        ("COMPLETED", "ARCHIVED") => Some(Some("PACKAGE_ARCHIVE")),
        _ => None,
    };
    let Some(status_event) = transition else {
        return Err(ApiError::bad_request(
            "error.validation.invalidPackageStatus",
            format!("The package cannot go from {current} to {wanted}."),
        )
        .technical(format!("package status is {current}")));
    };
    if status_event == Some("PACKAGE_ACTIVATE") {
        check_sendable(pkg)?;
    }
    if status_event == Some("PACKAGE_COMPLETE") && !all_signed(store, package_id, pkg) {
        return Err(ApiError::bad_request(
            "error.validation.packageNotReadyForCompletion",
            "The package cannot be completed before every signer has signed.",
        )
        .technical("package status is SENT; signing is not complete"));
    }
    let edits_content = changes.iter().any(|(k, v)| {
        !matches!(k.as_str(), "status" | "id" | "trashed" | "type") && pkg.get(k) != Some(v)
    });
    if current != "DRAFT" && edits_content {
        return Err(ApiError::bad_request(
            "error.validation.packageNotDraft",
            "Only a package in DRAFT status can be edited.",
        )
        .technical(format!("package status is {current}")));
    }
    // Moving to and from the trash is allowed in any status.
    let was_trashed = pkg.get("trashed").and_then(Value::as_bool).unwrap_or(false);
    let trash_event = match changes.get("trashed").and_then(Value::as_bool) {
        Some(true) if !was_trashed => Some("PACKAGE_TRASH"),
        Some(false) if was_trashed => Some("PACKAGE_RESTORE"),
        _ => None,
    };
    let pkg = store.find_mut(package_id)?;
    for (k, v) in changes {
        // The package's own parts have their own endpoints; its type is set at creation.
        if !matches!(
            k.as_str(),
            "id" | "roles" | "documents" | "created" | "updated" | "type" | "sender"
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

/// Deletes a package, its files and its signing record.
pub fn delete(store: &mut Store, package_id: &str) -> ApiResult<()> {
    let before = store.packages.len();
    store.packages.retain(|(k, _)| k != package_id);
    if store.packages.len() == before {
        return Err(ApiError::package_not_found(package_id));
    }
    store.signing.remove(package_id);
    store.remove_files(package_id);
    emit(store, Event::by_sender("PACKAGE_DELETE", package_id));
    Ok(())
}
