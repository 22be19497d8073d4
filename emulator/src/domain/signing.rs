//! What a signer does: sign a document, complete (confirm) signing, get locked out; and the
//! events the API has no endpoint for (decline, opt-out, expiry, ...), caused as a signer or
//! the service would. Reached through the `/__emulator` controls and `Emulator` methods.

use super::error::{invalid_state, role_not_found, ApiError, ApiResult};
use super::events::{emit, Event};
use super::package::{self, FindPackage};
use crate::store::{Package, Store};
use serde_json::{json, Value};

/// Checks that `role_id` may sign in this package now.
fn check_can_sign(pkg: &Package, role_id: &str) -> ApiResult<()> {
    let st = package::status(pkg);
    if st != "SENT" {
        return Err(invalid_state("SENT", st));
    }
    let role = package::role(pkg, role_id).ok_or_else(|| role_not_found(role_id))?;
    if role.get("locked").and_then(Value::as_bool) == Some(true) {
        return Err(ApiError::bad_request(
            "error.validation.signerLocked",
            "The signer is locked out and must be unlocked by the sender.",
        ));
    }
    Ok(())
}

fn signer_id(pkg: &Package, role_id: &str) -> String {
    package::role(pkg, role_id)
        .map(|r| package::signer_field(r, "id").to_string())
        .filter(|s| !s.is_empty())
        .unwrap_or_else(|| role_id.to_string())
}

/// The signer of `role_id` signs one document, or every document when `doc` is None.
pub fn sign(
    store: &mut Store,
    package_id: &str,
    role_id: &str,
    doc: Option<&str>,
) -> ApiResult<()> {
    let pkg = store.find(package_id)?;
    check_can_sign(pkg, role_id)?;
    let resolved = package::resolve_role_id(pkg, role_id).unwrap_or_else(|| role_id.to_string());
    let role_id = resolved.as_str();
    let all_docs = package::document_ids(pkg);
    let docs = match doc {
        Some(d) if all_docs.iter().any(|x| x == d) => vec![d.to_string()],
        Some(d) => return Err(super::error::document_not_found(d)),
        None => all_docs,
    };
    let signer = signer_id(pkg, role_id);
    let signing = store.signing.entry(package_id.to_string()).or_default();
    signing.captured.insert(role_id.to_string());
    let mut newly = Vec::new();
    let now = super::ids::now_iso();
    for d in docs {
        let key = (role_id.to_string(), d.clone());
        if signing.signed.insert(key.clone()) {
            signing.signed_at.insert(key, now.clone());
            newly.push(d);
        }
    }
    // A signer opens a document before signing it: DOCUMENT_VIEWED (an event of SDK
    // 11.68.0's `NotificationEvent`), then DOCUMENT_SIGNED.
    for d in &newly {
        for name in ["DOCUMENT_VIEWED", "DOCUMENT_SIGNED"] {
            emit(
                store,
                Event {
                    document_id: Some(d),
                    ..Event::by_signer(name, package_id, &signer)
                },
            );
        }
    }
    Ok(())
}

/// The signer of `role_id` signs everything left and confirms; the package completes once
/// every signer has (when `autocomplete` is on, the service's default).
pub fn complete(store: &mut Store, package_id: &str, role_id: &str) -> ApiResult<()> {
    sign(store, package_id, role_id, None)?;
    let pkg = store.find(package_id)?;
    let resolved = package::resolve_role_id(pkg, role_id).unwrap_or_else(|| role_id.to_string());
    let role_id = resolved.as_str();
    let signer = signer_id(pkg, role_id);
    let roles = package::signer_roles(pkg);
    let autocomplete = pkg
        .get("autocomplete")
        .and_then(Value::as_bool)
        .unwrap_or(true);
    let signing = store.signing.entry(package_id.to_string()).or_default();
    if !signing.completed.insert(role_id.to_string()) {
        return Ok(());
    }
    let all_done = roles.iter().all(|r| signing.completed.contains(r));
    emit(
        store,
        Event::by_signer("SIGNER_COMPLETE", package_id, &signer),
    );
    if all_done {
        if autocomplete {
            if let Some(p) = store.package_mut(package_id) {
                p.insert("status".into(), json!("COMPLETED"));
            }
            emit(store, Event::by_sender("PACKAGE_COMPLETE", package_id));
        } else {
            emit(
                store,
                Event::by_sender("PACKAGE_READY_FOR_COMPLETE", package_id),
            );
        }
    }
    Ok(())
}

/// The signer of `role_id` fails authentication too often and is locked out.
pub fn lock(store: &mut Store, package_id: &str, role_id: &str) -> ApiResult<()> {
    let pkg = store.find_mut(package_id)?;
    let role = package::role_mut(pkg, role_id).ok_or_else(|| role_not_found(role_id))?;
    role.insert("locked".into(), json!(true));
    let pkg = store.find(package_id)?;
    let signer = signer_id(pkg, role_id);
    emit(
        store,
        Event::by_signer("SIGNER_LOCKED", package_id, &signer),
    );
    Ok(())
}

/// An event the API has no endpoint for, caused as a signer or the service would.
pub fn simulate(
    store: &mut Store,
    package_id: &str,
    name: &str,
    role_id: Option<&str>,
    message: Option<&str>,
) -> ApiResult<()> {
    let pkg = store.find(package_id)?;
    let st = package::status(pkg).to_string();
    let (needs_role, new_status) = match name {
        "PACKAGE_DECLINE" => (true, Some("DECLINED")),
        "PACKAGE_OPT_OUT" => (true, Some("OPTED_OUT")),
        "PACKAGE_EXPIRE" => (false, Some("EXPIRED")),
        "PACKAGE_ATTACHMENT" | "ROLE_REASSIGN" | "KBA_FAILURE" | "EMAIL_BOUNCE" => (true, None),
        _ => {
            return Err(ApiError::bad_request(
                "error.emulator.notSimulable",
                format!("{name} is not simulated this way: use the API or its own control"),
            ))
        }
    };
    if st != "SENT" {
        return Err(invalid_state("SENT", &st));
    }
    let signer = match role_id {
        Some(r) => {
            package::role(pkg, r).ok_or_else(|| role_not_found(r))?;
            signer_id(pkg, r)
        }
        None if needs_role => {
            return Err(ApiError::bad_request(
                "error.emulator.roleRequired",
                format!("{name} needs the role of the signer who causes it"),
            ))
        }
        None => String::new(),
    };
    if let Some(s) = new_status {
        if let Some(p) = store.package_mut(package_id) {
            p.insert("status".into(), json!(s));
        }
    }
    let event = if signer.is_empty() {
        Event::by_sender(name, package_id)
    } else {
        Event::by_signer(name, package_id, &signer)
    };
    emit(store, Event { message, ..event });
    Ok(())
}
