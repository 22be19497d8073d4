//! Downloads: a document's original and its PDF, the package's zip and evidence summary,
//! and the audit trail. Files are served from the one stored copy; PDFs are made off the
//! async threads; the zip streams as it is written, one document at a time.

use crate::domain::downloads::{self, PdfJob};
use crate::domain::error::{ApiError, ApiResult};
use crate::store::State;
use axum::body::Body;
use axum::extract::{Path, Query, State as S};
use axum::http::header::{CONTENT_DISPOSITION, CONTENT_LENGTH, CONTENT_TYPE};
use axum::http::HeaderValue;
use axum::response::{IntoResponse, Response};
use axum::Json;
use bytes::Bytes;
use serde_json::Value;
use std::collections::HashMap;
use std::sync::Arc;

type Params = Query<HashMap<String, String>>;

/// `flatten=true|false` (absent: false).
fn flatten(params: &HashMap<String, String>) -> ApiResult<bool> {
    match params.get("flatten").map(|v| v.to_ascii_lowercase()) {
        None => Ok(false),
        Some(v) if v == "true" => Ok(true),
        Some(v) if v == "false" || v.is_empty() => Ok(false),
        Some(v) => Err(ApiError::bad_request(
            "error.validation.invalidParameter",
            "The 'flatten' parameter must be true or false.",
        )
        .technical(format!("flatten={v}"))),
    }
}

/// A file answer with its type, length and name.
fn file(content: Bytes, content_type: &'static str, name: &str) -> Response {
    let len = content.len();
    let mut resp = Body::from(content).into_response();
    let h = resp.headers_mut();
    h.insert(CONTENT_TYPE, HeaderValue::from_static(content_type));
    h.insert(CONTENT_LENGTH, HeaderValue::from(len));
    let quoted: String = name
        .chars()
        .filter(|c| c.is_ascii() && *c != '"' && !c.is_ascii_control())
        .collect();
    if let Ok(v) = HeaderValue::from_str(&format!("attachment; filename=\"{quoted}\"")) {
        h.insert(CONTENT_DISPOSITION, v);
    }
    resp
}

async fn render(job: PdfJob) -> ApiResult<Bytes> {
    tokio::task::spawn_blocking(move || job.render())
        .await
        .map_err(|e| {
            ApiError::new(
                axum::http::StatusCode::INTERNAL_SERVER_ERROR,
                "error.internal",
                "The PDF could not be made.",
            )
            .technical(e.to_string())
        })
}

/// `GET /api/packages/{id}/documents/{doc}/original`
pub async fn original(
    S(state): S<Arc<State>>,
    Path((p, d)): Path<(String, String)>,
) -> ApiResult<Response> {
    let (name, content) = downloads::original(&state.store(), &p, &d)?;
    Ok(file(content, "application/pdf", &name))
}

/// `GET /api/packages/{id}/documents/{doc}/pdf[?flatten=true]`
pub async fn pdf(
    S(state): S<Arc<State>>,
    Path((p, d)): Path<(String, String)>,
    Query(params): Params,
) -> ApiResult<Response> {
    let job = downloads::pdf(&state.store(), &p, &d, flatten(&params)?)?;
    let name = job.file_name.clone();
    Ok(file(render(job).await?, "application/pdf", &name))
}

/// `GET /api/packages/{id}/documents/zip[?flatten=true]`: streamed as it is written.
pub async fn zip(
    S(state): S<Arc<State>>,
    Path(p): Path<String>,
    Query(params): Params,
) -> ApiResult<Response> {
    let jobs = downloads::zip_jobs(&state.store(), &p, flatten(&params)?)?;
    let (tx, rx) = tokio::sync::mpsc::channel::<Result<Bytes, std::io::Error>>(4);
    tokio::task::spawn_blocking(move || {
        let writer = ChannelWriter { tx: tx.clone() };
        if let Err(e) = downloads::write_zip(jobs, writer) {
            tracing::warn!("the zip could not be written: {e}");
            // The body then ends in an error, and the client sees the connection cut.
            let _ = tx.blocking_send(Err(std::io::Error::other(e.to_string())));
        }
    });
    let stream = futures::stream::unfold(rx, |mut rx| async move {
        rx.recv().await.map(|item| (item, rx))
    });
    let mut resp = Body::from_stream(stream).into_response();
    let h = resp.headers_mut();
    h.insert(CONTENT_TYPE, HeaderValue::from_static("application/zip"));
    h.insert(
        CONTENT_DISPOSITION,
        HeaderValue::from_static("attachment; filename=\"documents.zip\""),
    );
    Ok(resp)
}

/// Hands what the zip writer writes to the response body, a chunk at a time; waits while
/// the client is slower than the writer, so memory stays at a few chunks.
struct ChannelWriter {
    tx: tokio::sync::mpsc::Sender<Result<Bytes, std::io::Error>>,
}

impl std::io::Write for ChannelWriter {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        // Chunks of at most 256 KiB, so a large document does not sit whole in the channel.
        let n = buf.len().min(256 * 1024);
        self.tx
            .blocking_send(Ok(Bytes::copy_from_slice(&buf[..n])))
            .map_err(|_| {
                std::io::Error::new(std::io::ErrorKind::BrokenPipe, "the client went away")
            })?;
        Ok(n)
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

/// `GET /api/packages/{id}/evidence/summary`
pub async fn evidence_summary(
    S(state): S<Arc<State>>,
    Path(p): Path<String>,
) -> ApiResult<Response> {
    let pdf = downloads::evidence_summary(&state.store(), &p)?;
    Ok(file(
        Bytes::from(pdf),
        "application/pdf",
        "evidence-summary.pdf",
    ))
}

/// `GET /api/packages/{id}/audit`
pub async fn audit(S(state): S<Arc<State>>, Path(p): Path<String>) -> ApiResult<Json<Value>> {
    downloads::audit(&state.store(), &p).map(Json)
}
