//! A package's documents as the service stores them: each with an ID, a name, an index, and
//! approvals and fields that each have an ID.

use super::error::{ApiError, ApiResult};
use super::ids;
use serde_json::{json, Map, Value};

/// An uploaded file: its name and size in bytes (the content itself is not kept).
pub type Upload = (String, usize);

/// The package's documents: those the payload describes, matched in order with uploaded
/// files, plus one per file the payload does not describe.
pub fn documents(pkg: &Map<String, Value>, files: Vec<Upload>) -> ApiResult<Vec<Value>> {
    let described = match pkg.get("documents") {
        None | Some(Value::Null) => Vec::new(),
        Some(Value::Array(a)) => a.clone(),
        Some(_) => {
            return Err(ApiError::bad_request(
                "error.validation.invalidDocuments",
                "The package's documents must be an array.",
            ))
        }
    };
    let count = described.len().max(files.len());
    let mut out = Vec::with_capacity(count);
    for i in 0..count {
        let mut doc = match described.get(i) {
            Some(Value::Object(m)) => m.clone(),
            Some(_) => {
                return Err(ApiError::bad_request(
                    "error.validation.invalidDocument",
                    "A document must be a JSON object.",
                ))
            }
            None => Map::new(),
        };
        let file = files.get(i);
        doc.entry("id").or_insert_with(|| json!(ids::new_id()));
        if let Some((file_name, _)) = file {
            let stem = file_name
                .rsplit_once('.')
                .map_or(file_name.as_str(), |(s, _)| s);
            doc.entry("name").or_insert_with(|| json!(stem));
        }
        doc.entry("name")
            .or_insert_with(|| json!(format!("Document {}", i + 1)));
        doc.entry("index").or_insert(json!(i));
        doc.insert(
            "approvals".into(),
            approvals_with_ids(doc.get("approvals"))?,
        );
        if let Some((_, size)) = file {
            doc.insert("size".into(), json!(size));
        }
        out.push(Value::Object(doc));
    }
    Ok(out)
}

/// Approvals and their fields as the service stores them: each with an ID (the official
/// SDK refuses a package whose approvals or fields have none).
fn approvals_with_ids(approvals: Option<&Value>) -> ApiResult<Value> {
    let list = match approvals {
        None | Some(Value::Null) => return Ok(json!([])),
        Some(Value::Array(a)) => a.clone(),
        Some(_) => {
            return Err(ApiError::bad_request(
                "error.validation.invalidApprovals",
                "A document's approvals must be an array.",
            ))
        }
    };
    let mut out = Vec::with_capacity(list.len());
    for a in list {
        let Value::Object(mut a) = a else {
            return Err(ApiError::bad_request(
                "error.validation.invalidApprovals",
                "An approval must be a JSON object.",
            ));
        };
        a.entry("id").or_insert_with(|| json!(ids::new_id()));
        if let Some(Value::Array(fields)) = a.get_mut("fields") {
            for f in fields.iter_mut() {
                if let Value::Object(f) = f {
                    f.entry("id").or_insert_with(|| json!(ids::new_id()));
                }
            }
        }
        out.push(Value::Object(a));
    }
    Ok(Value::Array(out))
}
