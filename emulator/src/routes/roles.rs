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
    role.entry("emailMessage").or_insert_with(|| json!({ "content": "" }));
    role.entry("attachmentRequirements").or_insert_with(|| json!([]));
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
    s.entry("auth").or_insert_with(|| json!({ "scheme": "NONE", "challenges": [] }));
    s.entry("delivery").or_insert_with(|| json!({ "email": false, "download": false, "provider": false }));
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
