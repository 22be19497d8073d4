//! Fault injection: the next N matching requests get a chosen status, a `Retry-After`, a
//! delay, an HTML or truncated body, or a dropped connection. Driven from tests through
//! `POST /__emulator/faults` or `Emulator::inject_fault`.

use crate::state::State;
use axum::body::Body;
use axum::extract::{Request, State as S};
use axum::http::header::{CONTENT_LENGTH, CONTENT_TYPE, RETRY_AFTER};
use axum::http::{HeaderValue, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use serde::Deserialize;
use std::sync::Arc;
use std::time::Duration;

/// What to do to the next `count` requests that match `method` and `path`.
#[derive(Clone, Debug, Default, Deserialize, PartialEq, Eq)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
#[non_exhaustive]
pub struct Fault {
    /// How many matching requests it applies to (default 1).
    pub count: Option<u32>,
    /// Only requests whose path starts with this (default: any).
    pub path: Option<String>,
    /// Only requests with this method (default: any).
    pub method: Option<String>,
    /// Wait this long before answering (or before the rest of the fault).
    pub delay_ms: Option<u64>,
    /// Answer with this status instead of handling the request (default 503 for
    /// `body`/`retryAfter` faults without one).
    pub status: Option<u16>,
    /// Seconds, sent as `Retry-After`.
    pub retry_after: Option<u64>,
    /// The body of the fault's answer: `json` (OneSpan's error, the default), `html` (a
    /// proxy's page), `empty`, or `truncated` (fewer bytes than Content-Length, then the
    /// connection closes).
    pub body: Option<FaultBody>,
    /// `drop`: close the connection without answering, before handling the request.
    /// `dropAfter`: handle the request (its effects stay), then close without answering.
    pub action: Option<FaultAction>,
}

#[derive(Clone, Copy, Debug, Deserialize, PartialEq, Eq)]
#[serde(rename_all = "camelCase")]
pub enum FaultBody {
    Json,
    Html,
    Empty,
    Truncated,
    /// 33 MiB of JSON, past what the client buffers.
    Huge,
}

#[derive(Clone, Copy, Debug, Deserialize, PartialEq, Eq)]
#[serde(rename_all = "camelCase")]
pub enum FaultAction {
    Drop,
    #[serde(alias = "drop_after")]
    DropAfter,
}

impl Fault {
    fn matches(&self, method: &str, path: &str) -> bool {
        self.method
            .as_deref()
            .is_none_or(|m| m.eq_ignore_ascii_case(method))
            && self.path.as_deref().is_none_or(|p| path.starts_with(p))
    }

    /// Whether it answers in place of the handler (as opposed to only delaying it).
    fn answers(&self) -> bool {
        self.status.is_some() || self.body.is_some() || self.retry_after.is_some()
    }
}

/// Marks a response whose connection must be closed instead of answered.
#[derive(Clone, Copy)]
pub struct DropConnection;

/// Takes the fault for this request, if one is armed for it.
fn take(state: &State, method: &str, path: &str) -> Option<Fault> {
    let mut store = state.store();
    let i = store
        .faults
        .iter()
        .position(|(f, _)| f.matches(method, path))?;
    let (fault, left) = &mut store.faults[i];
    let fault = fault.clone();
    *left = left.saturating_sub(1);
    if *left == 0 {
        store.faults.remove(i);
    }
    Some(fault)
}

/// Records every request, then applies the fault armed for it, if any.
pub async fn apply(S(state): S<Arc<State>>, req: Request, next: Next) -> Response {
    let method = req.method().to_string();
    let path = req.uri().path().to_string();
    if path.starts_with(crate::control::PREFIX) {
        return next.run(req).await;
    }
    let user_agent = req
        .headers()
        .get(axum::http::header::USER_AGENT)
        .and_then(|v| v.to_str().ok())
        .map(str::to_string);
    {
        let mut store = state.store();
        store.requests.push(format!("{method} {path}"));
        store.last_user_agent = user_agent;
    }
    let Some(fault) = take(&state, &method, &path) else {
        return next.run(req).await;
    };
    if let Some(ms) = fault.delay_ms {
        tokio::time::sleep(Duration::from_millis(ms)).await;
    }
    match fault.action {
        Some(FaultAction::Drop) => return dropped(),
        Some(FaultAction::DropAfter) => {
            let _ = next.run(req).await;
            return dropped();
        }
        None => {}
    }
    if !fault.answers() {
        return next.run(req).await;
    }
    let status = StatusCode::from_u16(fault.status.unwrap_or(503))
        .unwrap_or(StatusCode::SERVICE_UNAVAILABLE);
    let mut resp = match fault.body.unwrap_or(FaultBody::Json) {
        FaultBody::Json => {
            crate::error::ApiError::new(status, "error.emulator.injectedFault", "Injected fault.")
                .into_response()
        }
        FaultBody::Html => (
            status,
            [(CONTENT_TYPE, "text/html")],
            format!("<!DOCTYPE html><html><body><h1>{status}</h1><p>nginx</p></body></html>"),
        )
            .into_response(),
        FaultBody::Empty => status.into_response(),
        FaultBody::Truncated => truncated(status),
        FaultBody::Huge => huge(status),
    };
    if let Some(secs) = fault.retry_after {
        resp.headers_mut()
            .insert(RETRY_AFTER, HeaderValue::from(secs));
    }
    resp
}

fn dropped() -> Response {
    let mut resp = StatusCode::INTERNAL_SERVER_ERROR.into_response();
    resp.extensions_mut().insert(DropConnection);
    resp
}

/// Promises 1 KiB, sends 16 bytes, then fails the body so the connection closes.
fn truncated(status: StatusCode) -> Response {
    let chunks: Vec<Result<bytes::Bytes, std::io::Error>> = vec![
        Ok(bytes::Bytes::from_static(b"{\"messageKey\":\"")),
        Err(std::io::Error::other("injected truncation")),
    ];
    let mut resp = (status, Body::from_stream(futures::stream::iter(chunks))).into_response();
    resp.headers_mut()
        .insert(CONTENT_LENGTH, HeaderValue::from(1024u32));
    resp.headers_mut()
        .insert(CONTENT_TYPE, HeaderValue::from_static("application/json"));
    resp
}

/// A JSON array of 33 MiB, streamed.
fn huge(status: StatusCode) -> Response {
    const CHUNK: usize = 64 * 1024;
    let first = std::iter::once(Ok::<_, std::io::Error>(bytes::Bytes::from_static(b"[")));
    let middle = (0..(33 * 1024 * 1024 / CHUNK)).map(|_| Ok(bytes::Bytes::from(vec![b' '; CHUNK])));
    let last = std::iter::once(Ok(bytes::Bytes::from_static(b"]")));
    let stream = futures::stream::iter(first.chain(middle).chain(last));
    let mut resp = (status, Body::from_stream(stream)).into_response();
    resp.headers_mut()
        .insert(CONTENT_TYPE, HeaderValue::from_static("application/json"));
    resp
}
