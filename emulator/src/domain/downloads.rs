//! What the download endpoints hand out: a document's original file, its signed (or
//! current) PDF, flattened or not, every document in one zip, the evidence summary PDF,
//! and the audit trail JSON.
//!
//! Reading what to serve needs the store; making a PDF does not, so each download is read
//! out under the lock as a [`PdfJob`] (cheap: the file is a reference-counted `Bytes`) and
//! rendered after the lock is released.

use super::documents::{self, CONSENT_ID};
use super::error::{document_not_found, ApiResult};
use super::package::{self, FindPackage};
use super::pdf::{self, Stamp};
use super::sender;
use super::signing_status;
use crate::store::{Package, Store};
use bytes::Bytes;
use serde_json::{json, Map, Value};
use std::io::{Seek, Write};

/// A document's PDF to make: the file as it stands and the signatures to draw on it.
pub struct PdfJob {
    /// The file name it goes by in a zip: the document's name, `.pdf`.
    pub file_name: String,
    original: Bytes,
    stamps: Vec<Stamp>,
    flatten: bool,
}

impl PdfJob {
    /// The PDF: the file unchanged when nothing is drawn on it and it is not flattened (a
    /// document downloaded before anyone signs is the document as it stands), else a copy
    /// with the signatures drawn.
    pub fn render(self) -> Bytes {
        if self.stamps.is_empty() && !self.flatten && pdf::is_pdf(&self.original) {
            return self.original;
        }
        let title = self.file_name.trim_end_matches(".pdf").to_string();
        Bytes::from(pdf::signed_copy(
            &self.original,
            &self.stamps,
            self.flatten,
            &title,
        ))
    }
}

/// The document's file: as uploaded, or a one-page stand-in for a document described
/// without one (the service always has a file; the emulator lets JSON-only packages be
/// made for tests).
fn content(store: &Store, package_id: &str, doc: &Map<String, Value>) -> Bytes {
    let id = doc.get("id").and_then(Value::as_str).unwrap_or_default();
    store.file(package_id, id).unwrap_or_else(|| {
        let name = doc.get("name").and_then(Value::as_str).unwrap_or(id);
        Bytes::from(pdf::text_pdf(
            name,
            &["(This document was described without a file.)".to_string()],
        ))
    })
}

fn file_name(doc: &Map<String, Value>) -> String {
    let name = doc
        .get("name")
        .and_then(Value::as_str)
        .unwrap_or("document");
    let safe: String = name
        .chars()
        .map(|c| {
            if c.is_control() || "/\\:*?\"<>|".contains(c) {
                '_'
            } else {
                c
            }
        })
        .collect();
    format!("{safe}.pdf")
}

/// `GET …/documents/{d}/original`: the file name and the file as uploaded.
pub fn original(store: &Store, package_id: &str, document_id: &str) -> ApiResult<(String, Bytes)> {
    let pkg = store.find(package_id)?;
    let doc =
        documents::document(pkg, document_id).ok_or_else(|| document_not_found(document_id))?;
    Ok((file_name(doc), content(store, package_id, doc)))
}

/// `GET …/documents/{d}/pdf[?flatten=true]`: the PDF to make.
pub fn pdf(store: &Store, package_id: &str, document_id: &str, flatten: bool) -> ApiResult<PdfJob> {
    let pkg = store.find(package_id)?;
    let doc =
        documents::document(pkg, document_id).ok_or_else(|| document_not_found(document_id))?;
    Ok(job(store, package_id, pkg, doc, flatten))
}

fn job(
    store: &Store,
    package_id: &str,
    pkg: &Package,
    doc: &Map<String, Value>,
    flatten: bool,
) -> PdfJob {
    PdfJob {
        file_name: file_name(doc),
        original: content(store, package_id, doc),
        stamps: stamps(store, package_id, pkg, doc),
        flatten,
    }
}

/// Every captured signature on the document, at its SIGNATURE fields' positions.
fn stamps(store: &Store, package_id: &str, pkg: &Package, doc: &Map<String, Value>) -> Vec<Stamp> {
    let Some(signing) = store.signing.get(package_id) else {
        return Vec::new();
    };
    let doc_id = doc.get("id").and_then(Value::as_str).unwrap_or_default();
    let num = |f: &Value, k: &str, default: f32| {
        f.get(k)
            .and_then(Value::as_f64)
            .map_or(default, |v| v as f32)
    };
    let mut out = Vec::new();
    for approval in doc
        .get("approvals")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
    {
        let Some(role) = approval.get("role").and_then(Value::as_str) else {
            continue;
        };
        let key = (role.to_string(), doc_id.to_string());
        if !signing.signed.contains(&key) {
            continue;
        }
        let signer = package::role(pkg, role)
            .map(|r| {
                format!(
                    "{} {}",
                    package::signer_field(r, "firstName"),
                    package::signer_field(r, "lastName")
                )
                .trim()
                .to_string()
            })
            .filter(|n| !n.is_empty())
            .unwrap_or_else(|| role.to_string());
        let date = signing.signed_at.get(&key).cloned().unwrap_or_default();
        for field in approval
            .get("fields")
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
        {
            if field.get("type").and_then(Value::as_str) != Some("SIGNATURE") {
                continue;
            }
            out.push(Stamp {
                page: field.get("page").and_then(Value::as_u64).unwrap_or(0) as u32,
                left: num(field, "left", 0.0),
                top: num(field, "top", 0.0),
                width: num(field, "width", 200.0),
                height: num(field, "height", 50.0),
                signer: signer.clone(),
                field: field
                    .get("id")
                    .and_then(Value::as_str)
                    .unwrap_or("signature")
                    .to_string(),
                date: date.clone(),
            });
        }
    }
    out
}

/// `GET …/documents/zip[?flatten=true]`: a PDF to make per document, in the documents'
/// order, with distinct file names.
pub fn zip_jobs(store: &Store, package_id: &str, flatten: bool) -> ApiResult<Vec<PdfJob>> {
    let pkg = store.find(package_id)?;
    let mut names = std::collections::HashSet::new();
    let mut jobs = Vec::new();
    for doc in documents::sorted(pkg) {
        let Some(doc) = doc.as_object() else { continue };
        let mut j = job(store, package_id, pkg, doc, flatten);
        let stem = j.file_name.trim_end_matches(".pdf").to_string();
        let mut n = 1;
        while !names.insert(j.file_name.clone()) {
            n += 1;
            j.file_name = format!("{stem} ({n}).pdf");
        }
        jobs.push(j);
    }
    Ok(jobs)
}

/// Writes the zip of `jobs`, rendering one PDF at a time, to a writer that may not seek
/// (the response body as it streams). Streamed entries carry data descriptors, which Java's
/// `ZipInputStream` accepts only on DEFLATED entries; PDFs are compressed already, so the
/// entries are deflated at the fastest level.
pub fn write_zip<W: Write>(jobs: Vec<PdfJob>, out: W) -> zip::result::ZipResult<()> {
    let mut zip = zip::ZipWriter::new_stream(out);
    write_entries(&mut zip, jobs)?;
    zip.finish()?;
    Ok(())
}

fn write_entries<W: Write + Seek>(
    zip: &mut zip::ZipWriter<W>,
    jobs: Vec<PdfJob>,
) -> zip::result::ZipResult<()> {
    let options = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated)
        .compression_level(Some(1))
        .large_file(false);
    for job in jobs {
        let name = job.file_name.clone();
        let bytes = job.render();
        zip.start_file(
            name,
            options.large_file(bytes.len() as u64 >= u32::MAX as u64),
        )?;
        zip.write_all(&bytes)?;
    }
    Ok(())
}

/// The package's events as the audit trail's entries.
fn audit_events(store: &Store, package_id: &str, pkg: &Package) -> Vec<Value> {
    let pkg_name = pkg.get("name").and_then(Value::as_str).unwrap_or_default();
    store
        .events
        .iter()
        .filter(|e| e.get("packageId").and_then(Value::as_str) == Some(package_id))
        .map(|e| {
            let user_id = e
                .get("sessionUser")
                .and_then(Value::as_str)
                .unwrap_or_default();
            let (user, email) = if user_id == sender::SENDER_ID {
                (sender::full_name(), sender::SENDER_EMAIL.to_string())
            } else {
                package::role_of_signer(pkg, user_id)
                    .and_then(|r| package::role(pkg, &r).cloned())
                    .map(|r| {
                        let name = format!(
                            "{} {}",
                            package::signer_field(&r, "firstName"),
                            package::signer_field(&r, "lastName")
                        );
                        (
                            name.trim().to_string(),
                            package::signer_field(&r, "email").to_string(),
                        )
                    })
                    .unwrap_or_else(|| (user_id.to_string(), String::new()))
            };
            let target = e
                .get("documentId")
                .and_then(Value::as_str)
                .and_then(|d| documents::document(pkg, d))
                .and_then(|d| d.get("name").and_then(Value::as_str))
                .unwrap_or(pkg_name);
            json!({
                "type": e.get("name").cloned().unwrap_or(Value::Null),
                "date-time": e.get("createdDate").cloned().unwrap_or(Value::Null),
                "target": target,
                "user": user,
                "user-email": email,
                "user-ip": "127.0.0.1",
                "data": e.get("message").and_then(Value::as_str).unwrap_or_default(),
            })
        })
        .collect()
}

/// `GET /api/packages/{p}/audit`: `{"audit-events": [{type, date-time, target, user,
/// user-email, user-ip, data}]}`, the keys the official SDK reads [sdk `AuditService`,
/// 11.0.1 to 11.68.0]. The entries are the package's events, named as the events are
/// [assumed: the service names audit entries in words of its own].
pub fn audit(store: &Store, package_id: &str) -> ApiResult<Value> {
    let pkg = store.find(package_id)?;
    Ok(json!({ "audit-events": audit_events(store, package_id, pkg) }))
}

/// `GET /api/packages/{p}/evidence/summary`: a PDF with the transaction, its sender, its
/// recipients and documents, and its audit trail, one line per event.
pub fn evidence_summary(store: &Store, package_id: &str) -> ApiResult<Vec<u8>> {
    let pkg = store.find(package_id)?;
    let s = |k: &str| {
        pkg.get(k)
            .and_then(Value::as_str)
            .unwrap_or_default()
            .to_string()
    };
    let mut lines = vec![
        format!("Transaction: {} ({})", s("name"), s("id")),
        format!("Status: {}", package::status(pkg)),
        format!("Sender: {} <{}>", sender::full_name(), sender::SENDER_EMAIL),
        format!("Created: {}   Updated: {}", s("created"), s("updated")),
        String::new(),
        "Recipients:".to_string(),
    ];
    let signing = store.signing.get(package_id);
    for r in package::roles(pkg) {
        let Some(role) = r.as_object() else { continue };
        let rid = package::role_id(r);
        let status = signing_status::status(pkg, signing, Some(rid), None);
        lines.push(format!(
            "  {} {} <{}>  {}  {}",
            package::signer_field(role, "firstName"),
            package::signer_field(role, "lastName"),
            package::signer_field(role, "email"),
            role.get("type").and_then(Value::as_str).unwrap_or("SIGNER"),
            status
        ));
    }
    lines.push(String::new());
    lines.push("Documents:".to_string());
    for d in documents::sorted(pkg) {
        let id = d.get("id").and_then(Value::as_str).unwrap_or_default();
        let kind = if id == CONSENT_ID { " (consent)" } else { "" };
        lines.push(format!(
            "  {}{}  [{}]",
            d.get("name").and_then(Value::as_str).unwrap_or_default(),
            kind,
            id
        ));
    }
    lines.push(String::new());
    lines.push("Audit trail:".to_string());
    for e in audit_events(store, package_id, pkg) {
        let f = |k: &str| {
            e.get(k)
                .and_then(Value::as_str)
                .unwrap_or_default()
                .to_string()
        };
        lines.push(format!(
            "  {}  {}  {} <{}>  {}",
            f("date-time"),
            f("type"),
            f("user"),
            f("user-email"),
            f("target")
        ));
    }
    Ok(pdf::text_pdf("Evidence Summary", &lines))
}
