//! Reading and changing the parts of a stored package's JSON, and finding a package or
//! answering the service's 404.

use super::error::{ApiError, ApiResult};
use crate::store::{Package, Store};
use serde_json::{Map, Value};

/// Finding a package the way every rule does: the package, or the service's 404.
pub trait FindPackage {
    fn find(&self, id: &str) -> ApiResult<&Package>;
    fn find_mut(&mut self, id: &str) -> ApiResult<&mut Package>;
}

impl FindPackage for Store {
    fn find(&self, id: &str) -> ApiResult<&Package> {
        self.package(id)
            .ok_or_else(|| ApiError::package_not_found(id))
    }

    fn find_mut(&mut self, id: &str) -> ApiResult<&mut Package> {
        self.package_mut(id)
            .ok_or_else(|| ApiError::package_not_found(id))
    }
}

pub fn status(pkg: &Package) -> &str {
    pkg.get("status").and_then(Value::as_str).unwrap_or("DRAFT")
}

pub fn roles(pkg: &Package) -> &[Value] {
    pkg.get("roles")
        .and_then(Value::as_array)
        .map_or(&[], Vec::as_slice)
}

/// The roles array, created if absent.
pub fn roles_mut(pkg: &mut Package) -> &mut Vec<Value> {
    let entry = pkg
        .entry("roles")
        .or_insert_with(|| Value::Array(Vec::new()));
    if !entry.is_array() {
        *entry = Value::Array(Vec::new());
    }
    match entry {
        Value::Array(a) => a,
        _ => unreachable!("just made an array"),
    }
}

pub fn role_id(role: &Value) -> &str {
    role.get("id").and_then(Value::as_str).unwrap_or("")
}

/// The position of the role a path's `{roleId}` names. The official SDK puts the signer's
/// ID there (unlock, SMS, signature image, signer update), so a signer ID also resolves.
fn role_position(pkg: &Package, id: &str) -> Option<usize> {
    let roles = roles(pkg);
    roles.iter().position(|r| role_id(r) == id).or_else(|| {
        roles.iter().position(|r| {
            r.as_object()
                .and_then(signer)
                .and_then(|s| s.get("id"))
                .and_then(Value::as_str)
                == Some(id)
        })
    })
}

pub fn role<'a>(pkg: &'a Package, id: &str) -> Option<&'a Map<String, Value>> {
    let i = role_position(pkg, id)?;
    roles(pkg).get(i).and_then(Value::as_object)
}

pub fn role_mut<'a>(pkg: &'a mut Package, id: &str) -> Option<&'a mut Map<String, Value>> {
    let i = role_position(pkg, id)?;
    roles_mut(pkg).get_mut(i).and_then(Value::as_object_mut)
}

/// The stored ID of the role `id` names (which may be a signer ID).
pub fn resolve_role_id(pkg: &Package, id: &str) -> Option<String> {
    role(pkg, id)
        .and_then(|r| r.get("id"))
        .and_then(Value::as_str)
        .map(str::to_string)
}

/// The phone an SMS goes to: the signer's `phone`, or the SDK's way of giving it, the
/// question of an SMS authentication challenge.
pub fn sms_phone(role: &Map<String, Value>) -> String {
    let Some(s) = signer(role) else {
        return String::new();
    };
    if let Some(p) = s
        .get("phone")
        .and_then(Value::as_str)
        .filter(|p| !p.trim().is_empty())
    {
        return p.trim().to_string();
    }
    let auth = s.get("auth");
    let is_sms = auth.and_then(|a| a.get("scheme")).and_then(Value::as_str) == Some("SMS");
    auth.filter(|_| is_sms)
        .and_then(|a| a.get("challenges"))
        .and_then(Value::as_array)
        .and_then(|c| c.first())
        .and_then(|c| c.get("question"))
        .and_then(Value::as_str)
        .unwrap_or("")
        .trim()
        .to_string()
}

/// Whether a role is a recipient's (not the sender's own).
pub fn is_signer_role(role: &Value) -> bool {
    role.get("type").and_then(Value::as_str) != Some("SENDER")
}

/// The first signer of a role.
pub fn signer(role: &Map<String, Value>) -> Option<&Map<String, Value>> {
    role.get("signers")?.as_array()?.first()?.as_object()
}

pub fn signer_field<'a>(role: &'a Map<String, Value>, key: &str) -> &'a str {
    signer(role)
        .and_then(|s| s.get(key))
        .and_then(Value::as_str)
        .unwrap_or("")
}

/// The role whose signer has this ID or email (emails compare case-insensitively).
pub fn role_of_signer(pkg: &Package, signer: &str) -> Option<String> {
    roles(pkg).iter().find_map(|r| {
        let m = r.as_object()?;
        let s = self::signer(m)?;
        let id_matches = s.get("id").and_then(Value::as_str) == Some(signer);
        let email_matches = s
            .get("email")
            .and_then(Value::as_str)
            .is_some_and(|e| e.eq_ignore_ascii_case(signer));
        (id_matches || email_matches || role_id(r) == signer).then(|| role_id(r).to_string())
    })
}

pub fn document_ids(pkg: &Package) -> Vec<String> {
    pkg.get("documents")
        .and_then(Value::as_array)
        .map(|docs| {
            docs.iter()
                .filter_map(|d| d.get("id").and_then(Value::as_str).map(str::to_string))
                .collect()
        })
        .unwrap_or_default()
}

/// Roles with an approval on the document; empty when the document names none.
pub fn roles_on_document(pkg: &Package, doc_id: &str) -> Vec<String> {
    let Some(doc) = pkg
        .get("documents")
        .and_then(Value::as_array)
        .and_then(|docs| {
            docs.iter()
                .find(|d| d.get("id").and_then(Value::as_str) == Some(doc_id))
        })
    else {
        return Vec::new();
    };
    doc.get("approvals")
        .and_then(Value::as_array)
        .map(|a| {
            a.iter()
                .filter_map(|ap| ap.get("role").and_then(Value::as_str).map(str::to_string))
                .collect()
        })
        .unwrap_or_default()
}

/// The IDs of the roles that sign: every recipient's role, and the owner's (type SENDER)
/// only when a document has an approval for it.
///
/// Every package holds the owner's role, but the sender signs only what is assigned to
/// them; otherwise that role has nothing to sign and must not hold the package back. So
/// once every SIGNER role is done, the package is SIGNING_COMPLETED at every grain: it
/// then completes (autocomplete, the default) or waits for the sender to mark it complete
/// (`autocomplete: false`, with PACKAGE_READY_FOR_COMPLETE) [assumed from the service's
/// behaviour as documented: the owner is listed as a signer yet packages complete without
/// the owner signing].
pub fn signer_roles(pkg: &Package) -> Vec<String> {
    let assigned: std::collections::HashSet<String> = pkg
        .get("documents")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
        .filter_map(|d| d.get("approvals").and_then(Value::as_array))
        .flatten()
        .filter_map(|a| a.get("role").and_then(Value::as_str).map(str::to_string))
        .collect();
    roles(pkg)
        .iter()
        .filter(|r| is_signer_role(r) || assigned.contains(role_id(r)))
        .map(|r| role_id(r).to_string())
        .collect()
}
