//! Fault injection on the wire: logs every request (control requests aside), then applies
//! the fault armed for it, if any — a delay, a chosen status with `Retry-After`, an HTML,
//! empty, truncated or huge body, a dropped connection, or an answer cut mid-body. Faults are armed through
//! `POST /__emulator/faults` or `Emulator::inject_fault` and kept in the store.

use crate::domain::error::ApiError;
use crate::store::{FaultAction, FaultBody, State};
use axum::body::Body;
use axum::extract::{Request, State as S};
use axum::http::header::{CONTENT_LENGTH, CONTENT_TYPE, RETRY_AFTER};
use axum::http::{HeaderValue, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use std::sync::Arc;
use std::time::Duration;

/// Marks a response whose connection must be closed instead of answered.
#[derive(Clone, Copy)]
pub struct DropConnection;

/// Records every request, then applies the fault armed for it, if any.
pub async fn apply(S(state): S<Arc<State>>, req: Request, next: Next) -> Response {
    let method = req.method().to_string();
    let path = req.uri().path().to_string();
    if path.starts_with(super::control::PREFIX) {
        return next.run(req).await;
    }
    let user_agent = req
        .headers()
        .get(axum::http::header::USER_AGENT)
        .and_then(|v| v.to_str().ok())
        .map(str::to_string);
    let fault = {
        let mut store = state.store();
        store.record_request(&method, &path, user_agent);
        store.take_fault(&method, &path)
    };
    let Some(fault) = fault else {
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
        Some(FaultAction::Cut) => return cut(next.run(req).await),
        None => {}
    }
    if !fault.answers() {
        return next.run(req).await;
    }
    let status = StatusCode::from_u16(fault.status.unwrap_or(503))
        .unwrap_or(StatusCode::SERVICE_UNAVAILABLE);
    let mut resp = match fault.body.unwrap_or(FaultBody::Json) {
        FaultBody::Json => {
            ApiError::new(status, "error.emulator.injectedFault", "Injected fault.").into_response()
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

/// The answer as the handler made it, headers and all, but its body stops half-way (at
/// most 32 KiB in when its length is not known) and the connection closes.
fn cut(resp: Response) -> Response {
    use futures::StreamExt;
    let (parts, body) = resp.into_parts();
    let length = parts
        .headers
        .get(CONTENT_LENGTH)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.parse::<usize>().ok());
    let limit = length.map_or(32 * 1024, |l| (l / 2).max(1));
    let cut_here = || Err(std::io::Error::other("injected cut mid-stream"));
    let stream = futures::stream::unfold(
        (body.into_data_stream(), limit, false),
        move |(mut inner, left, done)| async move {
            if done {
                return None;
            }
            if left == 0 {
                return Some((cut_here(), (inner, 0, true)));
            }
            match inner.next().await {
                Some(Ok(mut chunk)) => {
                    chunk.truncate(left);
                    let left = left - chunk.len();
                    Some((Ok(chunk), (inner, left, false)))
                }
                _ => Some((cut_here(), (inner, 0, true))),
            }
        },
    );
    Response::from_parts(parts, Body::from_stream(stream))
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
