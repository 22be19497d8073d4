//! Emails and SMS the sender asks the service to send a signer: only for a SENT package,
//! logged in the store instead of sent.

use super::error::{invalid_state, role_not_found, signer_not_found, ApiError, ApiResult};
use super::package::{self, FindPackage};
use crate::store::{Notification, Store};

/// Looks up what a notification needs: a SENT package and the role's signer's `field`.
fn target(store: &Store, p: &str, r: &str, field: &str) -> ApiResult<String> {
    let pkg = store.find(p)?;
    let st = package::status(pkg);
    if st != "SENT" {
        return Err(invalid_state("SENT", st));
    }
    let role = package::role(pkg, r).ok_or_else(|| role_not_found(r))?;
    Ok(package::signer_field(role, field).trim().to_string())
}

/// The stored role ID for a path's `{roleId}` (which may be a signer ID).
fn resolved(store: &Store, p: &str, r: &str) -> String {
    store
        .package(p)
        .and_then(|pkg| package::resolve_role_id(pkg, r))
        .unwrap_or_else(|| r.to_string())
}

/// An invitation or reminder email to the signer of `role_id`.
pub fn email_role(store: &mut Store, package_id: &str, role_id: &str) -> ApiResult<()> {
    let to = target(store, package_id, role_id, "email")?;
    let role_id = resolved(store, package_id, role_id);
    store.notifications.push(Notification {
        kind: "email".into(),
        package_id: package_id.to_string(),
        role_id,
        to,
    });
    Ok(())
}

/// An SMS passcode to the signer of `role_id`, who needs a phone number.
pub fn sms_role(store: &mut Store, package_id: &str, role_id: &str) -> ApiResult<()> {
    target(store, package_id, role_id, "phone")?;
    let to = store
        .package(package_id)
        .and_then(|pkg| package::role(pkg, role_id))
        .map(package::sms_phone)
        .unwrap_or_default();
    if to.is_empty() {
        return Err(ApiError::bad_request(
            "error.validation.sms.noPhoneNumber",
            "The signer has no phone number to send an SMS to.",
        ));
    }
    let role_id = resolved(store, package_id, role_id);
    store.notifications.push(Notification {
        kind: "sms".into(),
        package_id: package_id.to_string(),
        role_id,
        to,
    });
    Ok(())
}

/// An email to the signer with this address (the official SDK's `notifySigner`).
pub fn email_signer(store: &mut Store, package_id: &str, email: &str) -> ApiResult<()> {
    let pkg = store.find(package_id)?;
    let st = package::status(pkg);
    if st != "SENT" {
        return Err(invalid_state("SENT", st));
    }
    let role_id = package::role_of_signer(pkg, email).ok_or_else(|| signer_not_found(email))?;
    store.notifications.push(Notification {
        kind: "email".into(),
        package_id: package_id.to_string(),
        role_id,
        to: email.to_string(),
    });
    Ok(())
}
