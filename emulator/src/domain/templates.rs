//! `POST /api/packages/{id}/clone`: a new package (or template) from a template (or a
//! package), with the JSON given for the new one.
//!
//! The new package takes the source's documents (files included), roles and settings; the
//! fields given override them. Each role given fills the source's role with the same ID,
//! else the one with the same name (how SDK 11.0.1 matches placeholders) [sdk], keeping the
//! source role's ID so the approvals bound to it stay bound; a role that fills none is added.

use super::documents::{self, Prepared};
use super::error::ApiResult;
use super::ids;
use super::json::str_field;
use super::lifecycle;
use super::package::{self, FindPackage};
use super::roles::normalise_role;
use super::sender;
use crate::store::Store;
use serde_json::{json, Map, Value};

/// Creates the new package; answers its ID.
pub fn clone(store: &mut Store, source_id: &str, body: Map<String, Value>) -> ApiResult<String> {
    let source = store.find(source_id)?.clone();
    let now = ids::now_iso();
    let mut roles: Vec<Value> = package::roles(&source).to_vec();
    let given = lifecycle::roles_for_new_package(body.get("roles"), &now)?;
    for role in given {
        let Some(r) = role.as_object() else { continue };
        if sender::is_owner_role(r) {
            continue;
        }
        let id = str_field(r, "id").unwrap_or_default();
        let name = str_field(r, "name");
        let slot = roles
            .iter()
            .position(|t| package::is_signer_role(t) && package::role_id(t) == id)
            .or_else(|| {
                roles.iter().position(|t| {
                    package::is_signer_role(t)
                        && name.is_some()
                        && t.get("name").and_then(Value::as_str) == name
                })
            });
        match slot {
            Some(i) => {
                let mut filled = r.clone();
                let template_role = roles[i].as_object().cloned().unwrap_or_default();
                for key in ["id", "index"] {
                    if key == "id" || !r.contains_key(key) || body_role_index_missing(&body, id) {
                        if let Some(v) = template_role.get(key) {
                            filled.insert(key.into(), v.clone());
                        }
                    }
                }
                let index = filled.get("index").and_then(Value::as_u64).unwrap_or(1) as usize;
                roles[i] = Value::Object(normalise_role(&Value::Object(filled), index)?);
            }
            None => {
                let index = roles.iter().filter(|t| package::is_signer_role(t)).count() + 1;
                let mut added = r.clone();
                added.insert("index".into(), json!(index));
                roles.push(Value::Object(added));
            }
        }
    }
    let mut pkg = source.clone();
    for key in [
        "id",
        "created",
        "updated",
        "status",
        "trashed",
        "type",
        "documents",
        "roles",
    ] {
        pkg.remove(key);
    }
    for (k, v) in &body {
        if !matches!(
            k.as_str(),
            "id" | "roles" | "documents" | "status" | "created" | "updated"
        ) {
            pkg.insert(k.clone(), v.clone());
        }
    }
    let kind = str_field(&body, "type").unwrap_or("PACKAGE");
    pkg.insert(
        "type".into(),
        json!(if kind == "TEMPLATE" {
            "TEMPLATE"
        } else {
            "PACKAGE"
        }),
    );
    pkg.insert("roles".into(), Value::Array(roles));
    let docs: Vec<Prepared> = documents::sorted(&source)
        .into_iter()
        .filter_map(|d| {
            let d = d.as_object()?.clone();
            let id = d.get("id").and_then(Value::as_str)?.to_string();
            Some((d, store.file(source_id, &id)))
        })
        .collect();
    let id = lifecycle::insert(store, pkg, docs, &now)?;
    if str_field(&body, "status") == Some("SENT") {
        let changes: Map<String, Value> = [("status".to_string(), json!("SENT"))]
            .into_iter()
            .collect();
        if let Err(e) = lifecycle::update(store, &id, changes) {
            store.packages.retain(|(k, _)| k != &id);
            store.remove_files(&id);
            return Err(e);
        }
    }
    Ok(id)
}

/// Whether the role given with this ID in the body has no `index` of its own.
fn body_role_index_missing(body: &Map<String, Value>, id: &str) -> bool {
    body.get("roles")
        .and_then(Value::as_array)
        .and_then(|rs| {
            rs.iter()
                .find(|r| r.get("id").and_then(Value::as_str) == Some(id))
        })
        .is_none_or(|r| r.get("index").is_none())
}
