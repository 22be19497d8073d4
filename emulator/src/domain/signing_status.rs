//! Signing status at each grain: the package, a signer, a document, a signer on a document.
//!
//! The grains follow the official SDK's enum (spec/); how the service computes each one is
//! assumed: DRAFT is DRAFT everywhere, a terminal package status wins everywhere, and a
//! SENT package is SIGNING_COMPLETED at a grain once every signature it covers is given.
//! The owner's role counts only when it has something to sign (`package::signer_roles`).

use super::error::{document_not_found, signer_not_found, ApiResult};
use super::package::{self, FindPackage};
use crate::store::{Package, Signing, Store};

const TERMINAL: [&str; 5] = ["COMPLETED", "ARCHIVED", "DECLINED", "OPTED_OUT", "EXPIRED"];

/// `GET .../signingStatus?signer=&document=`: the status at the grain asked for. An empty
/// parameter counts as absent (the official SDK always sends both, empty when unused); a
/// signer is named by ID or email.
pub fn query(
    store: &Store,
    package_id: &str,
    signer: Option<&str>,
    document: Option<&str>,
) -> ApiResult<String> {
    let signer = signer.filter(|s| !s.is_empty());
    let document = document.filter(|d| !d.is_empty());
    let pkg = store.find(package_id)?;
    let role = match signer {
        Some(s) => Some(package::role_of_signer(pkg, s).ok_or_else(|| signer_not_found(s))?),
        None => None,
    };
    if let Some(d) = document {
        if !package::document_ids(pkg).iter().any(|x| x == d) {
            return Err(document_not_found(d));
        }
    }
    Ok(status(
        pkg,
        store.signing.get(package_id),
        role.as_deref(),
        document,
    ))
}

/// The signing status for the package, a signer's role and/or a document.
pub fn status(
    pkg: &Package,
    signing: Option<&Signing>,
    role: Option<&str>,
    doc: Option<&str>,
) -> String {
    let pkg_status = package::status(pkg);
    if TERMINAL.contains(&pkg_status) {
        return pkg_status.to_string();
    }
    if pkg_status != "SENT" {
        return "DRAFT".into();
    }
    let empty = Signing::default();
    let s = signing.unwrap_or(&empty);
    // A role with nothing to sign (the owner's, unless assigned an approval) has nothing
    // pending at any grain.
    if role.is_some_and(|r| !package::signer_roles(pkg).iter().any(|x| x == r)) {
        return "SIGNING_COMPLETED".into();
    }
    let done = match (role, doc) {
        (Some(r), Some(d)) => s.signed.contains(&(r.to_string(), d.to_string())),
        (Some(r), None) => s.completed.contains(r),
        (None, Some(d)) => {
            let mut needed = package::roles_on_document(pkg, d);
            if needed.is_empty() {
                needed = package::signer_roles(pkg);
            }
            needed
                .iter()
                .all(|r| s.signed.contains(&(r.clone(), d.to_string())))
        }
        (None, None) => {
            let roles = package::signer_roles(pkg);
            !roles.is_empty() && roles.iter().all(|r| s.completed.contains(r))
        }
    };
    if done {
        "SIGNING_COMPLETED"
    } else {
        "SIGNING_PENDING"
    }
    .into()
}
