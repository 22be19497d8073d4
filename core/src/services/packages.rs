use super::package_path;
use crate::download::{self, Download, Sink};
use crate::listing::{list_date, Pages, LIST_STATUSES};
use crate::models::{AuditEvent, Package, SigningStatus};
use crate::path::check_id;
use crate::transport::{Body, Call, FilePart};
use crate::Client;
use crate::{Error, Result};
use reqwest::Method;
use serde::Deserialize;
use std::time::SystemTime;

/// A document to upload with a new package: its file name and content (usually a PDF).
#[derive(Debug, Clone)]
pub struct DocumentUpload {
    pub file_name: String,
    pub content: bytes::Bytes,
}

impl DocumentUpload {
    /// A file to upload.
    pub fn new(file_name: impl Into<String>, content: impl Into<bytes::Bytes>) -> Self {
        DocumentUpload {
            file_name: file_name.into(),
            content: content.into(),
        }
    }
}

/// Packages (transactions). Get one from [`crate::Client::packages`].
pub struct Packages<'a> {
    c: &'a Client,
}

#[derive(Deserialize)]
struct IdAnswer {
    id: String,
}

/// The audit trail's answer (spec/, the official SDK's `AuditService`).
#[derive(Deserialize)]
struct AuditAnswer {
    #[serde(default, rename = "audit-events")]
    events: Vec<AuditEvent>,
}

#[derive(Deserialize)]
struct StatusAnswer {
    status: SigningStatus,
}

impl<'a> Packages<'a> {
    pub(crate) fn new(c: &'a Client) -> Self {
        Packages { c }
    }

    /// Creates a package, with `documents` uploaded alongside it (multipart) when given,
    /// and returns its ID.
    pub async fn create(&self, package: &Package, documents: &[DocumentUpload]) -> Result<String> {
        let mut call = Call::new(Method::POST, "/api/packages".into());
        if documents.is_empty() {
            call = call.json(package)?;
        } else {
            let payload = serde_json::to_vec(package)
                .map_err(|e| Error::invalid(format!("the package cannot be serialised: {e}")))?;
            let mut files = Vec::with_capacity(documents.len());
            for d in documents {
                if d.file_name.trim().is_empty() {
                    return Err(Error::invalid("a document's file name must not be empty"));
                }
                files.push(FilePart {
                    file_name: d.file_name.clone(),
                    content: d.content.clone(),
                });
            }
            call.body = Body::Multipart {
                payload: payload.into(),
                files,
            };
        }
        let id: IdAnswer = self.c.send(call).await?.json()?;
        Ok(id.id)
    }

    /// The package with `package_id`.
    pub async fn get(&self, package_id: &str) -> Result<Package> {
        let call = Call::new(Method::GET, package_path(package_id)?);
        self.c.send(call).await?.json()
    }

    /// Updates the package's fields with those set in `package`.
    pub async fn update(&self, package_id: &str, package: &Package) -> Result<()> {
        let call = Call::new(Method::PUT, package_path(package_id)?).json(package)?;
        self.c.send(call).await.map(drop)
    }

    /// Sends the package to its signers (status DRAFT → SENT).
    pub async fn send(&self, package_id: &str) -> Result<()> {
        let body = serde_json::json!({ "status": "SENT" });
        let call = Call::new(Method::PUT, package_path(package_id)?).json(&body)?;
        self.c.send(call).await.map(drop)
    }

    /// Deletes the package.
    pub async fn delete(&self, package_id: &str) -> Result<()> {
        let call = Call::new(Method::DELETE, package_path(package_id)?);
        self.c.send(call).await.map(drop)
    }

    /// The signing status of the package, or of one signer (ID or email) and/or document.
    pub async fn signing_status(
        &self,
        package_id: &str,
        signer: Option<&str>,
        document: Option<&str>,
    ) -> Result<SigningStatus> {
        let signer = signer.map(|s| check_id("signer", s)).transpose()?;
        let document = document.map(|d| check_id("document", d)).transpose()?;
        let call = Call::new(
            Method::GET,
            format!("{}/signingStatus", package_path(package_id)?),
        )
        .query("signer", signer)
        .query("document", document);
        let answer: StatusAnswer = self.c.send(call).await?.json()?;
        Ok(answer.status)
    }

    /// The account's packages, page after page as they are consumed
    /// (`GET /api/packages?query=&from=&to=&startDate=&endDate=&search=`): those with
    /// `status` (a status, or the `INBOX` or `TRASH` folder), last updated within
    /// `updated_after`..`updated_before`, matching `search`. No request is sent until the
    /// first item is asked for.
    pub fn list(
        &self,
        status: Option<&str>,
        updated_after: Option<SystemTime>,
        updated_before: Option<SystemTime>,
        search: Option<&str>,
        page_size: Option<u32>,
    ) -> Result<Pages<Package>> {
        let mut query = Vec::new();
        if let Some(status) = status {
            let wanted = status.trim().to_ascii_uppercase();
            if !LIST_STATUSES.contains(&wanted.as_str()) {
                return Err(Error::invalid(format!(
                    "status {status:?} is not one of {}",
                    LIST_STATUSES.join(", ")
                )));
            }
            query.push(("query", wanted));
        }
        if let (Some(a), Some(b)) = (updated_after, updated_before) {
            if a > b {
                return Err(Error::invalid(
                    "updated_after must not be later than updated_before",
                ));
            }
        }
        if let Some(t) = updated_after {
            query.push(("startDate", list_date(t)?));
        }
        if let Some(t) = updated_before {
            query.push(("endDate", list_date(t)?));
        }
        if let Some(text) = search {
            query.push(("search", text.to_string()));
        }
        Pages::new(self.c, query, page_size)
    }

    /// Moves the package to the trash (`POST {"trashed": true}`).
    pub async fn trash(&self, package_id: &str) -> Result<()> {
        self.change(package_id, serde_json::json!({ "trashed": true }))
            .await
    }

    /// Takes the package out of the trash (`POST {"trashed": false}`).
    pub async fn restore(&self, package_id: &str) -> Result<()> {
        self.change(package_id, serde_json::json!({ "trashed": false }))
            .await
    }

    /// Archives a completed package (`POST {"status": "ARCHIVED"}`).
    pub async fn archive(&self, package_id: &str) -> Result<()> {
        self.change(package_id, serde_json::json!({ "status": "ARCHIVED" }))
            .await
    }

    /// Completes a package created with `autocomplete: false` once its signers are done
    /// (`PACKAGE_READY_FOR_COMPLETE`): `POST {"status": "COMPLETED"}`.
    pub async fn mark_complete(&self, package_id: &str) -> Result<()> {
        self.change(package_id, serde_json::json!({ "status": "COMPLETED" }))
            .await
    }

    /// Takes a sent package back to DRAFT (`PUT {"status": "DRAFT"}`), e.g. to edit it.
    pub async fn to_draft(&self, package_id: &str) -> Result<()> {
        let body = serde_json::json!({ "status": "DRAFT" });
        let call = Call::new(Method::PUT, package_path(package_id)?).json(&body)?;
        self.c.send(call).await.map(drop)
    }

    /// A status change as the official SDK sends it: a POST to the package (spec/). It
    /// sets a state, so sending it twice is the same as once: safe to retry.
    async fn change(&self, package_id: &str, body: serde_json::Value) -> Result<()> {
        let mut call = Call::new(Method::POST, package_path(package_id)?).json(&body)?;
        call.idempotent = true;
        self.c.send(call).await.map(drop)
    }

    /// Creates a package from a template (`POST /api/packages/{templateId}/clone`):
    /// `package` holds the new package's fields, its roles filling the template's
    /// placeholders. Returns the new package's ID.
    pub async fn create_from_template(
        &self,
        template_id: &str,
        package: &Package,
    ) -> Result<String> {
        let path = format!("{}/clone", package_path(template_id)?);
        let call = Call::new(Method::POST, path).json(package)?;
        let id: IdAnswer = self.c.send(call).await?.json()?;
        Ok(id.id)
    }

    /// The evidence summary: a PDF of the package's audit events. Streams to `to`.
    pub async fn evidence_summary(&self, package_id: &str, to: &Sink) -> Result<Download> {
        let path = format!("{}/evidence/summary", package_path(package_id)?);
        let call = Call::new(Method::GET, path).accept("*/*");
        download::fetch(self.c, call, to).await
    }

    /// The package's audit trail, oldest first.
    pub async fn audit(&self, package_id: &str) -> Result<Vec<AuditEvent>> {
        let call = Call::new(Method::GET, format!("{}/audit", package_path(package_id)?));
        Ok(self.c.send(call).await?.json::<AuditAnswer>()?.events)
    }
}
