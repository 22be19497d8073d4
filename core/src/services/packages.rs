use super::package_path;
use crate::models::{Package, SigningStatus};
use crate::path::check_id;
use crate::transport::{Body, Call, FilePart};
use crate::Client;
use crate::{Error, Result};
use reqwest::Method;
use serde::Deserialize;

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
}
