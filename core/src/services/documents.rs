use super::{document_path, package_path};
use crate::download::{self, Download, Sink};
use crate::models::{Document, Package};
use crate::services::DocumentUpload;
use crate::transport::{Body, Call, FilePart};
use crate::Client;
use crate::{Error, Result};
use reqwest::Method;
use serde::Deserialize;

/// A package's documents: upload, read, update, delete, download. Get one from
/// [`crate::Client::documents`].
pub struct Documents<'a> {
    c: &'a Client,
}

/// The upload's answer: an array of the stored documents (spec/); a single document is
/// taken too, as the single-object form of older clients is answered.
#[derive(Deserialize)]
#[serde(untagged)]
enum Uploaded {
    Many(Vec<Document>),
    One(Box<Document>),
}

/// The shape of the upload's `payload`: one entry per file, named as the file is.
#[derive(serde::Serialize)]
struct Described<'n> {
    name: &'n str,
}

impl<'a> Documents<'a> {
    pub(crate) fn new(c: &'a Client) -> Self {
        Documents { c }
    }

    /// Uploads `documents` (each a file name and its content) to a package, in one
    /// multipart request whose `payload` is a JSON array, as every official SDK since 2018
    /// sends it; returns the stored documents.
    pub async fn upload(
        &self,
        package_id: &str,
        documents: &[DocumentUpload],
    ) -> Result<Vec<Document>> {
        let path = format!("{}/documents", package_path(package_id)?);
        if documents.is_empty() {
            return Err(Error::invalid("documents must not be empty"));
        }
        let mut described = Vec::with_capacity(documents.len());
        let mut files = Vec::with_capacity(documents.len());
        for d in documents {
            if d.file_name.trim().is_empty() {
                return Err(Error::invalid("a document's file name must not be empty"));
            }
            described.push(Described { name: &d.file_name });
            files.push(FilePart {
                file_name: d.file_name.clone(),
                content: d.content.clone(),
            });
        }
        let payload = serde_json::to_vec(&described)
            .map_err(|e| Error::invalid(format!("the documents cannot be described: {e}")))?;
        let mut call = Call::new(Method::POST, path);
        call.body = Body::DocumentUpload {
            payload: payload.into(),
            files,
        };
        Ok(match self.c.send(call).await?.json::<Uploaded>()? {
            Uploaded::Many(docs) => docs,
            Uploaded::One(doc) => vec![*doc],
        })
    }

    /// The package's documents, as the package holds them (its `default-consent` too): the
    /// service has no list endpoint, so this reads the package (spec/).
    pub async fn list(&self, package_id: &str) -> Result<Vec<Document>> {
        let call = Call::new(Method::GET, package_path(package_id)?);
        let package: Package = self.c.send(call).await?.json()?;
        Ok(package.documents.unwrap_or_default())
    }

    /// One document's metadata.
    pub async fn get(&self, package_id: &str, document_id: &str) -> Result<Document> {
        let call = Call::new(Method::GET, document_path(package_id, document_id)?);
        self.c.send(call).await?.json()
    }

    /// Updates a document's metadata (name, approvals, ...); returns it as stored.
    pub async fn update(
        &self,
        package_id: &str,
        document_id: &str,
        document: &Document,
    ) -> Result<Document> {
        let path = document_path(package_id, document_id)?;
        let call = Call::new(Method::PUT, path).json(document)?;
        let answer = self.c.send(call).await?;
        // The answer's body is not documented: a document is used as it is; anything
        // else (empty, `{}`) means reading it again.
        match answer.json::<Document>() {
            Ok(doc) if doc.id.is_some() => Ok(doc),
            _ => self.get(package_id, document_id).await,
        }
    }

    /// Removes a document from the package.
    pub async fn delete(&self, package_id: &str, document_id: &str) -> Result<()> {
        let call = Call::new(Method::DELETE, document_path(package_id, document_id)?);
        self.c.send(call).await.map(drop)
    }

    /// The document as a PDF: signed, or as it stands before signing; `flatten` asks for
    /// a copy with its form fields and signatures flattened into the page. Streams to
    /// `to` (see [`Sink`]).
    pub async fn download(
        &self,
        package_id: &str,
        document_id: &str,
        flatten: bool,
        to: &Sink,
    ) -> Result<Download> {
        let path = format!("{}/pdf", document_path(package_id, document_id)?);
        let call = Call::new(Method::GET, path)
            .query("flatten", flatten.then_some("true"))
            .accept("application/octet-stream");
        download::fetch(self.c, call, to).await
    }

    /// The file as it was uploaded. Streams to `to`.
    pub async fn download_original(
        &self,
        package_id: &str,
        document_id: &str,
        to: &Sink,
    ) -> Result<Download> {
        let path = format!("{}/original", document_path(package_id, document_id)?);
        let call = Call::new(Method::GET, path).accept("application/octet-stream");
        download::fetch(self.c, call, to).await
    }

    /// Every document of the package in one zip (`flatten`: flattened copies). Streams
    /// to `to`.
    pub async fn download_zip(
        &self,
        package_id: &str,
        flatten: bool,
        to: &Sink,
    ) -> Result<Download> {
        let path = format!("{}/documents/zip", package_path(package_id)?);
        let call = Call::new(Method::GET, path)
            .query("flatten", flatten.then_some("true"))
            .accept("*/*");
        download::fetch(self.c, call, to).await
    }
}
