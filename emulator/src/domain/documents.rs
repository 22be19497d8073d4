//! A package's documents as the service stores them — each with an ID, a name, an index,
//! and approvals and fields that each have an ID — and the rules of adding, reading,
//! changing, removing and reordering them.
//!
//! Every package starts with the service's consent document, `default-consent` [sdk: the
//! SDK's `DEFAULT_CONSENT_ID`], at index 0; documents given at creation follow from index 1.
//! Uploaded files must be PDFs (see [`super::pdf::is_pdf`]): the service also converts
//! Word, ODT, RTF and text files, which the emulator refuses instead (`docs/fidelity.md`).

use super::error::{document_not_found, invalid_state, ApiError, ApiResult};
use super::ids;
use super::package::{self, FindPackage};
use super::pdf;
use crate::store::{Package, Store};
use bytes::Bytes;
use serde_json::{json, Map, Value};

/// The consent document's ID, the same in every package.
pub const CONSENT_ID: &str = "default-consent";
const CONSENT_NAME: &str = "Electronic Disclosures and Signatures Consent";

/// An uploaded file: its name and content.
pub struct Upload {
    pub file_name: String,
    pub content: Bytes,
}

/// A document ready to store: its JSON and, when a file came with it, the file.
pub type Prepared = (Map<String, Value>, Option<Bytes>);

/// The consent document a new package holds, and its file.
pub fn consent() -> Prepared {
    let doc = json!({
        "id": CONSENT_ID,
        "name": CONSENT_NAME,
        "description": "",
        "index": 0,
        "approvals": [],
        "fields": [],
    });
    let text = [
        "By signing electronically, you agree that electronic signatures and records",
        "have the same effect as handwritten signatures and paper records.",
        "(The OneSpan Sign emulator's stand-in for the account's consent text.)",
    ];
    let content = pdf::text_pdf(CONSENT_NAME, &text.map(str::to_string));
    let Value::Object(doc) = doc else {
        unreachable!("a JSON object literal")
    };
    (doc, Some(Bytes::from(content)))
}

/// Documents from their descriptions (`described`, JSON objects) matched in order with the
/// uploaded files, plus one per file no description covers; indexes from `first_index`.
pub fn prepare(
    described: Option<&Value>,
    files: Vec<Upload>,
    first_index: usize,
) -> ApiResult<Vec<Prepared>> {
    let described = match described {
        None | Some(Value::Null) => Vec::new(),
        Some(Value::Array(a)) => a.clone(),
        Some(_) => {
            return Err(ApiError::bad_request(
                "error.validation.invalidDocuments",
                "The package's documents must be an array.",
            ))
        }
    };
    for f in &files {
        if !pdf::is_pdf(&f.content) {
            return Err(not_a_pdf(&f.file_name));
        }
    }
    let count = described.len().max(files.len());
    let mut files = files.into_iter();
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
        let file = files.next();
        match doc.get("id").and_then(Value::as_str) {
            Some(id) if !id.trim().is_empty() => {}
            _ => {
                doc.insert("id".into(), json!(ids::new_id()));
            }
        }
        if let Some(f) = &file {
            let stem = f
                .file_name
                .rsplit_once('.')
                .map_or(f.file_name.as_str(), |(s, _)| s);
            doc.entry("name").or_insert_with(|| json!(stem));
            doc.insert("size".into(), json!(f.content.len()));
        }
        doc.entry("name")
            .or_insert_with(|| json!(format!("Document {}", first_index + i)));
        doc.entry("description").or_insert(json!(""));
        doc.entry("index").or_insert(json!(first_index + i));
        doc.insert(
            "approvals".into(),
            approvals_with_ids(doc.get("approvals"))?,
        );
        out.push((doc, file.map(|f| f.content)));
    }
    Ok(out)
}

/// The service's refusal of a file it cannot take as a document (assumed key and text).
pub fn not_a_pdf(file_name: &str) -> ApiError {
    ApiError::bad_request(
        "error.validation.unsupportedDocumentType",
        "The document is not a PDF file.",
    )
    .technical(format!(
        "{file_name}: the content does not start with %PDF-"
    ))
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

/// The package's documents array, created if absent.
pub fn documents_mut(pkg: &mut Package) -> &mut Vec<Value> {
    let entry = pkg
        .entry("documents")
        .or_insert_with(|| Value::Array(Vec::new()));
    if !entry.is_array() {
        *entry = Value::Array(Vec::new());
    }
    match entry {
        Value::Array(a) => a,
        _ => unreachable!("just made an array"),
    }
}

pub fn documents(pkg: &Package) -> &[Value] {
    pkg.get("documents")
        .and_then(Value::as_array)
        .map_or(&[], Vec::as_slice)
}

/// The documents in their order (by `index`, then as stored).
pub fn sorted(pkg: &Package) -> Vec<Value> {
    let mut docs = documents(pkg).to_vec();
    docs.sort_by_key(|d| d.get("index").and_then(Value::as_i64).unwrap_or(i64::MAX));
    docs
}

pub fn document<'a>(pkg: &'a Package, id: &str) -> Option<&'a Map<String, Value>> {
    documents(pkg)
        .iter()
        .filter_map(Value::as_object)
        .find(|d| d.get("id").and_then(Value::as_str) == Some(id))
}

fn check_draft(pkg: &Package) -> ApiResult<()> {
    match package::status(pkg) {
        "DRAFT" => Ok(()),
        st => Err(invalid_state("DRAFT", st)),
    }
}

/// Adds prepared documents to a package; a document ID already in it is a conflict.
/// Answers the documents as stored.
pub fn add(store: &mut Store, package_id: &str, prepared: Vec<Prepared>) -> ApiResult<Vec<Value>> {
    let pkg = store.find_mut(package_id)?;
    let mut seen: std::collections::HashSet<String> =
        package::document_ids(pkg).into_iter().collect();
    for (doc, _) in &prepared {
        let id = doc.get("id").and_then(Value::as_str).unwrap_or_default();
        if !seen.insert(id.to_string()) {
            return Err(ApiError::conflict(
                "error.conflict.documentIdExists",
                "A document with this ID already exists in the package.",
            )
            .technical(format!("document {id}")));
        }
    }
    let list = documents_mut(pkg);
    let mut out = Vec::with_capacity(prepared.len());
    let mut files = Vec::new();
    for (doc, content) in prepared {
        let id = doc
            .get("id")
            .and_then(Value::as_str)
            .unwrap_or_default()
            .to_string();
        list.push(Value::Object(doc.clone()));
        out.push(Value::Object(doc));
        if let Some(c) = content {
            files.push((id, c));
        }
    }
    for (id, c) in files {
        store.put_file(package_id, &id, c);
    }
    Ok(out)
}

/// `POST /api/packages/{p}/documents`: the documents `payload` describes — a JSON array
/// (what SDKs since 11.13 send), answered with an array, or one object (what 11.0.1
/// sends), answered with that one document — matched in order with the files, while the
/// package is a DRAFT.
pub fn upload(
    store: &mut Store,
    package_id: &str,
    payload: Value,
    files: Vec<Upload>,
) -> ApiResult<Value> {
    let (described, single) = match payload {
        Value::Array(a) => (Value::Array(a), false),
        Value::Object(o) => (Value::Array(vec![Value::Object(o)]), true),
        _ => {
            return Err(ApiError::bad_request(
                "error.validation.invalidJson",
                "The payload must be a document or an array of documents.",
            ))
        }
    };
    let pkg = store.find(package_id)?;
    check_draft(pkg)?;
    if files.is_empty() {
        return Err(ApiError::bad_request(
            "error.validation.missingFile",
            "The upload has no file part.",
        ));
    }
    let next_index = documents(pkg)
        .iter()
        .filter_map(|d| d.get("index").and_then(Value::as_u64))
        .max()
        .map_or(0, |m| m as usize + 1);
    let prepared = prepare(Some(&described), files, next_index)?;
    let mut stored = add(store, package_id, prepared)?;
    super::events::touch(store, package_id);
    if single {
        Ok(stored.pop().unwrap_or(Value::Null))
    } else {
        Ok(Value::Array(stored))
    }
}

/// `GET /api/packages/{p}/documents/{d}`
pub fn get(store: &Store, package_id: &str, document_id: &str) -> ApiResult<Value> {
    let pkg = store.find(package_id)?;
    document(pkg, document_id)
        .map(|d| Value::Object(d.clone()))
        .ok_or_else(|| document_not_found(document_id))
}

/// `PUT /api/packages/{p}/documents/{d}`: merges the metadata given (name, description,
/// index, approvals, unknown fields), while the package is a DRAFT. Answers the document.
pub fn update(
    store: &mut Store,
    package_id: &str,
    document_id: &str,
    changes: Map<String, Value>,
) -> ApiResult<Value> {
    let pkg = store.find_mut(package_id)?;
    if document(pkg, document_id).is_none() {
        return Err(document_not_found(document_id));
    }
    check_draft(pkg)?;
    if let Some(id) = changes.get("id").and_then(Value::as_str) {
        if id != document_id {
            return Err(ApiError::bad_request(
                "error.validation.documentIdMismatch",
                "The document ID in the body does not match the one in the path.",
            ));
        }
    }
    let mut updated = Value::Null;
    for d in documents_mut(pkg).iter_mut() {
        let Value::Object(d) = d else { continue };
        if d.get("id").and_then(Value::as_str) != Some(document_id) {
            continue;
        }
        for (k, v) in changes {
            // The size is the file's; the ID is the path's.
            if !matches!(k.as_str(), "id" | "size") {
                d.insert(k, v);
            }
        }
        let approvals = approvals_with_ids(d.get("approvals"))?;
        d.insert("approvals".into(), approvals);
        updated = Value::Object(d.clone());
        break;
    }
    super::events::touch(store, package_id);
    Ok(updated)
}

/// `DELETE /api/packages/{p}/documents/{d}` and, with several IDs, `DELETE
/// /api/packages/{p}/documents`: every ID must name a document; only while a DRAFT.
pub fn delete(store: &mut Store, package_id: &str, document_ids: &[String]) -> ApiResult<()> {
    let pkg = store.find_mut(package_id)?;
    for id in document_ids {
        if document(pkg, id).is_none() {
            return Err(document_not_found(id));
        }
    }
    check_draft(pkg)?;
    documents_mut(pkg).retain(|d| {
        let id = d.get("id").and_then(Value::as_str).unwrap_or_default();
        !document_ids.iter().any(|x| x == id)
    });
    for id in document_ids {
        store.remove_file(package_id, id);
    }
    super::events::touch(store, package_id);
    Ok(())
}

/// The IDs of `DELETE /api/packages/{p}/documents`'s body: a JSON array of strings.
pub fn ids_of(body: Value) -> ApiResult<Vec<String>> {
    let refuse = || {
        ApiError::bad_request(
            "error.validation.invalidDocumentIds",
            "The body must be a JSON array of document IDs.",
        )
    };
    let Value::Array(items) = body else {
        return Err(refuse());
    };
    items
        .into_iter()
        .map(|v| match v {
            Value::String(s) if !s.is_empty() => Ok(s),
            // A document object works too: its ID is what counts.
            Value::Object(o) => o
                .get("id")
                .and_then(Value::as_str)
                .map(str::to_string)
                .ok_or_else(refuse),
            _ => Err(refuse()),
        })
        .collect()
}

/// `PUT /api/packages/{p}/documents`: the documents in their new order, each `{"id",
/// "index"}` (an absent index is the position in the array). Documents not named keep
/// theirs. Answers the documents in order.
pub fn reorder(store: &mut Store, package_id: &str, body: Value) -> ApiResult<Value> {
    let Value::Array(items) = body else {
        return Err(ApiError::bad_request(
            "error.validation.invalidDocuments",
            "The body must be an array of documents.",
        ));
    };
    let pkg = store.find_mut(package_id)?;
    let mut order = Vec::with_capacity(items.len());
    for (pos, item) in items.iter().enumerate() {
        let id = item.get("id").and_then(Value::as_str).unwrap_or("");
        if document(pkg, id).is_none() {
            return Err(document_not_found(id));
        }
        let index = item
            .get("index")
            .and_then(Value::as_i64)
            .unwrap_or(pos as i64);
        order.push((id.to_string(), index));
    }
    check_draft(pkg)?;
    for d in documents_mut(pkg).iter_mut() {
        let Value::Object(d) = d else { continue };
        let id = d.get("id").and_then(Value::as_str).unwrap_or_default();
        if let Some((_, index)) = order.iter().find(|(x, _)| x == id) {
            d.insert("index".into(), json!(index));
        }
    }
    let docs = sorted(pkg);
    super::events::touch(store, package_id);
    Ok(Value::Array(docs))
}
