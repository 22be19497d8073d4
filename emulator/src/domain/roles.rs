//! Roles and signers: what the service fills in and refuses on a new role (shared with
//! package creation), and the rules of adding, changing, removing, reordering and unlocking
//! roles.

use super::error::{invalid_state, role_not_found, ApiError, ApiResult};
use super::ids;
use super::json::str_field;
use super::package::{self, FindPackage};
use crate::store::{Package, Store};
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
    // A signer without an email at all is a placeholder, as templates hold and SDKs send
    // (`"email": null`): filled in later, it cannot be sent to until then.
    let placeholder = s.get("email").is_none_or(Value::is_null);
    if needs_email && !placeholder && !looks_like_email(&email) {
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

/// The roles in signing order.
fn sorted_roles(pkg: &Package) -> Vec<Value> {
    let mut roles = package::roles(pkg).to_vec();
    roles.sort_by_key(|r| r.get("index").and_then(Value::as_i64).unwrap_or(i64::MAX));
    roles
}

/// A list of roles as the API pages it: `{"results": [...], "count": n}`.
fn page(roles: Vec<Value>) -> Value {
    let count = roles.len();
    json!({ "results": roles, "count": count })
}

/// The package's roles, in signing order, as a page.
pub fn list(store: &Store, package_id: &str) -> ApiResult<Value> {
    let pkg = store.find(package_id)?;
    Ok(page(sorted_roles(pkg)))
}

/// One role, by role ID or its signer's ID.
pub fn get(store: &Store, package_id: &str, role_id: &str) -> ApiResult<Map<String, Value>> {
    let pkg = store.find(package_id)?;
    let role = package::role(pkg, role_id).ok_or_else(|| role_not_found(role_id))?;
    Ok(role.clone())
}

/// Adds a role to a DRAFT package; a taken ID is a conflict. Answers the role as stored.
pub fn create(
    store: &mut Store,
    package_id: &str,
    body: Map<String, Value>,
) -> ApiResult<Map<String, Value>> {
    let body = Value::Object(body);
    let pkg = store.find_mut(package_id)?;
    let st = package::status(pkg).to_string();
    if st != "DRAFT" {
        return Err(invalid_state("DRAFT", &st));
    }
    // Recipients' roles are indexed from 1; the owner's role is 0.
    let position = package::roles(pkg)
        .iter()
        .filter(|r| package::is_signer_role(r))
        .count()
        + 1;
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
    Ok(role)
}

/// Merges the given fields into a role; signers given are re-checked, and changing who
/// signs needs a DRAFT package. Answers the role as stored.
pub fn update(
    store: &mut Store,
    package_id: &str,
    role_id: &str,
    changes: Map<String, Value>,
) -> ApiResult<Map<String, Value>> {
    let (p, r) = (package_id, role_id);
    let pkg = store.find_mut(p)?;
    let st = package::status(pkg).to_string();
    let role = package::role(pkg, r).ok_or_else(|| role_not_found(r))?;
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
    let slot = package::role_mut(pkg, r).ok_or_else(|| role_not_found(r))?;
    *slot = merged.clone();
    Ok(merged)
}

/// Removes a role, only while the package is a DRAFT.
pub fn delete(store: &mut Store, package_id: &str, role_id: &str) -> ApiResult<()> {
    let pkg = store.find_mut(package_id)?;
    let st = package::status(pkg).to_string();
    let rid = package::resolve_role_id(pkg, role_id).ok_or_else(|| role_not_found(role_id))?;
    if st != "DRAFT" {
        return Err(invalid_state("DRAFT", &st));
    }
    if package::role(pkg, &rid).is_some_and(super::sender::is_owner_role) {
        // The owner's role belongs to every package [assumed: the service keeps it].
        return Err(ApiError::bad_request(
            "error.validation.cannotDeleteSenderRole",
            "The sender's own role cannot be removed from a package.",
        ));
    }
    package::roles_mut(pkg).retain(|x| package::role_id(x) != rid);
    Ok(())
}

/// Sets the signing order from `[{"id", "index"}, ...]`. Every role named must exist;
/// roles not named keep their index. Answers the roles as a page.
pub fn reorder(store: &mut Store, package_id: &str, body: Value) -> ApiResult<Value> {
    let items = match body {
        Value::Array(a) => a,
        _ => {
            return Err(ApiError::bad_request(
                "error.validation.invalidRoles",
                "The body must be an array of roles.",
            ))
        }
    };
    let pkg = store.find_mut(package_id)?;
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

/// The sender unlocks a signer who was locked out.
pub fn unlock(store: &mut Store, package_id: &str, role_id: &str) -> ApiResult<()> {
    let pkg = store.find_mut(package_id)?;
    let role = package::role_mut(pkg, role_id).ok_or_else(|| role_not_found(role_id))?;
    role.insert("locked".into(), json!(false));
    Ok(())
}
