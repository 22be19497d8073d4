//! One error type for the whole SDK. Each variant is a stable kind that the bindings map
//! to one exception class (Python) or Error subclass (Node), so the three stay in step.

pub use crate::error_kind::ErrorKind;
use serde::Deserialize;
use std::fmt;
use std::time::Duration;

/// Result with the SDK's [`Error`].
pub type Result<T, E = Error> = std::result::Result<T, E>;

/// Everything that can go wrong in a call.
///
/// `Clone` so that one failed API-token fetch can be handed to every call that waited for it.
#[derive(Debug, Clone, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// The server answered with an error status.
    #[error("{0}")]
    Api(Box<ApiError>),
    /// The connection failed, was refused, or was cut before a full answer arrived.
    #[error("transport error: {0}")]
    Transport(String),
    /// The call did not finish within its timeout.
    #[error("request timed out: {0}")]
    Timeout(String),
    /// Bad input found before any request was sent (empty ID, conflicting credentials, ...).
    #[error("invalid argument: {0}")]
    InvalidArgument(String),
    /// The server answered, but not with what the API documents: a 2xx that is not the
    /// documented JSON (e.g. a proxy's HTML page), a malformed API-token answer, or a redirect
    /// that was refused so that credentials would not follow it.
    #[error("unexpected response (HTTP {status}): {message}")]
    UnexpectedResponse {
        /// The HTTP status of the answer.
        status: u16,
        /// What was wrong with it.
        message: String,
    },
    /// A webhook's Authorization header did not carry the expected callback key.
    #[error("webhook verification failed: {0}")]
    WebhookVerification(String),
    /// A webhook body is not a OneSpan Sign event.
    #[error("webhook payload is not a OneSpan event: {0}")]
    WebhookParse(String),
    /// A download could not be written to its destination (a file or the caller's writer).
    #[error("cannot write the download: {0}")]
    Write(String),
    /// A bug in this SDK (a panic caught at the language boundary). Please report it.
    #[error("internal error in onespan-sign (please report it): {0}")]
    Internal(String),
}

impl Error {
    /// Which kind of error this is.
    pub fn kind(&self) -> ErrorKind {
        match self {
            Error::Api(e) => e.kind(),
            Error::Transport(_) => ErrorKind::Transport,
            Error::Timeout(_) => ErrorKind::Timeout,
            Error::InvalidArgument(_) => ErrorKind::InvalidArgument,
            Error::UnexpectedResponse { .. } => ErrorKind::UnexpectedResponse,
            Error::WebhookVerification(_) => ErrorKind::WebhookVerification,
            Error::WebhookParse(_) => ErrorKind::WebhookParse,
            Error::Write(_) => ErrorKind::Write,
            Error::Internal(_) => ErrorKind::Internal,
        }
    }

    /// The server's error details, when the server answered with an error status.
    pub fn api(&self) -> Option<&ApiError> {
        match self {
            Error::Api(e) => Some(e),
            _ => None,
        }
    }

    /// How long the server asked the caller to wait (`Retry-After`), when it answered an
    /// error status with one.
    pub fn retry_after(&self) -> Option<Duration> {
        self.api().and_then(ApiError::retry_after)
    }

    /// The HTTP status, when there was an answer.
    pub fn status(&self) -> Option<u16> {
        match self {
            Error::Api(e) => Some(e.status),
            Error::UnexpectedResponse { status, .. } => Some(*status),
            _ => None,
        }
    }

    /// The error for a panic caught at a language boundary, with its message.
    pub fn from_panic(payload: &(dyn std::any::Any + Send)) -> Self {
        let msg = payload
            .downcast_ref::<&str>()
            .map(|s| s.to_string())
            .or_else(|| payload.downcast_ref::<String>().cloned())
            .unwrap_or_else(|| "a panic with no message".to_string());
        Error::Internal(msg)
    }

    #[cfg(feature = "client")]
    pub(crate) fn invalid(msg: impl Into<String>) -> Self {
        Error::InvalidArgument(msg.into())
    }

    #[cfg(feature = "client")]
    pub(crate) fn from_reqwest(e: reqwest::Error) -> Self {
        Error::from_reqwest_via(e, None)
    }

    /// The error for a failed request; `proxy` (`host:port`) names the proxy it went
    /// through, so that a proxy that is down is not mistaken for the service being down.
    #[cfg(feature = "client")]
    pub(crate) fn from_reqwest_via(e: reqwest::Error, proxy: Option<&str>) -> Self {
        // Without the URL: it is ours, the caller has it, and its query may hold values
        // that belong in no message.
        let e = e.without_url();
        let mut text = error_chain(&e);
        if let Some(proxy) = proxy {
            if e.is_connect() || e.is_timeout() {
                text = format!("through the proxy {proxy}: {text}");
            }
        }
        if e.is_timeout() {
            Error::Timeout(text)
        } else {
            Error::Transport(text)
        }
    }
}

#[cfg(feature = "client")]
/// reqwest's Display shows only the outer layer ("error sending request"); the cause
/// (connection refused, reset, ...) is in the source chain.
fn error_chain(e: &(dyn std::error::Error + 'static)) -> String {
    let mut text = e.to_string();
    let mut source = e.source();
    while let Some(s) = source {
        let s_text = s.to_string();
        if !text.contains(&s_text) {
            text.push_str(": ");
            text.push_str(&s_text);
        }
        source = s.source();
    }
    text
}

/// An error answer from OneSpan Sign.
///
/// OneSpan answers errors with JSON such as
/// `{"messageKey": "error.validation...", "message": "...", "code": 400, "name": "...", "technical": "..."}`.
/// A proxy may answer HTML instead: then `message` says so and `body` keeps what came.
#[derive(Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct ApiError {
    /// The HTTP status.
    pub status: u16,
    /// OneSpan's machine-readable key, e.g. `error.validation.invalidState`.
    pub message_key: Option<String>,
    /// OneSpan's human-readable message (or a description of a non-JSON answer).
    pub message: String,
    /// OneSpan's technical detail.
    pub technical: Option<String>,
    /// OneSpan's error name, e.g. `Validation Error`.
    pub name: Option<String>,
    /// The raw answer body, as text (at most 64 KiB is kept).
    pub body: String,
    /// How long the server asked the caller to wait before trying again, from its
    /// `Retry-After` header (seconds or an HTTP-date), whatever the status.
    pub retry_after: Option<Duration>,
}

const MAX_KEPT_BODY: usize = 64 * 1024;

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct WireError {
    message_key: Option<String>,
    message: Option<String>,
    technical: Option<String>,
    name: Option<String>,
}

impl ApiError {
    /// Builds the error from a status and the raw body, whatever the body holds.
    pub fn from_response(status: u16, body: &[u8]) -> Self {
        let mut text = String::from_utf8_lossy(body).into_owned();
        let parsed: Option<WireError> = serde_json::from_slice(body).ok();
        if text.len() > MAX_KEPT_BODY {
            let mut cut = MAX_KEPT_BODY;
            while !text.is_char_boundary(cut) {
                cut -= 1;
            }
            text.truncate(cut);
        }
        let reason = reason_phrase(status);
        match parsed {
            Some(w) => ApiError {
                status,
                message: w
                    .message
                    .filter(|m| !m.is_empty())
                    .unwrap_or_else(|| reason.to_string()),
                message_key: w.message_key,
                technical: w.technical,
                name: w.name,
                body: text,
                retry_after: None,
            },
            None => {
                let what = if body.is_empty() {
                    "empty body".to_string()
                } else if looks_like_html(&text) {
                    "an HTML page (a proxy or gateway answered, not OneSpan Sign)".to_string()
                } else {
                    "a body that is not OneSpan's JSON error".to_string()
                };
                ApiError {
                    status,
                    message: format!("{reason} ({what})"),
                    message_key: None,
                    technical: None,
                    name: None,
                    body: text,
                    retry_after: None,
                }
            }
        }
    }

    /// The same error with the wait the server asked for (`Retry-After`).
    pub fn with_retry_after(mut self, retry_after: Option<Duration>) -> Self {
        self.retry_after = retry_after;
        self
    }

    /// How long the server asked the caller to wait before trying again (`Retry-After`).
    pub fn retry_after(&self) -> Option<Duration> {
        self.retry_after
    }

    /// The kind this status maps to.
    pub fn kind(&self) -> ErrorKind {
        match self.status {
            400 => ErrorKind::BadRequest,
            401 => ErrorKind::Authentication,
            403 => ErrorKind::PermissionDenied,
            404 => ErrorKind::NotFound,
            409 => ErrorKind::Conflict,
            429 => ErrorKind::RateLimit,
            500..=599 => ErrorKind::Server,
            _ => ErrorKind::Api,
        }
    }
}

fn looks_like_html(text: &str) -> bool {
    let t = text
        .trim_start()
        .get(..15)
        .unwrap_or("")
        .to_ascii_lowercase();
    t.starts_with("<!doctype") || t.starts_with("<html") || t.starts_with('<')
}

fn reason_phrase(status: u16) -> &'static str {
    http::StatusCode::from_u16(status)
        .ok()
        .and_then(|s| s.canonical_reason())
        .unwrap_or("HTTP error")
}

impl fmt::Display for ApiError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "HTTP {}: {}", self.status, self.message)?;
        if let Some(key) = &self.message_key {
            write!(f, " [{key}]")?;
        }
        Ok(())
    }
}

// Debug leaves out the raw body: it can be long, and Display already says what matters.
impl fmt::Debug for ApiError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ApiError")
            .field("status", &self.status)
            .field("message_key", &self.message_key)
            .field("message", &self.message)
            .field("technical", &self.technical)
            .field("name", &self.name)
            .field("retry_after", &self.retry_after)
            .finish_non_exhaustive()
    }
}

impl From<ApiError> for Error {
    fn from(e: ApiError) -> Self {
        Error::Api(Box::new(e))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn json_error_body_is_read() {
        let e = ApiError::from_response(
            404,
            br#"{"messageKey":"error.notFound","message":"Not here","code":404,"technical":"t"}"#,
        );
        assert_eq!(e.kind(), ErrorKind::NotFound);
        assert_eq!(e.message, "Not here");
        assert_eq!(e.message_key.as_deref(), Some("error.notFound"));
        assert_eq!(e.technical.as_deref(), Some("t"));
    }

    #[test]
    fn html_error_body_is_still_typed() {
        let e = ApiError::from_response(502, b"<html><body>Bad gateway</body></html>");
        assert_eq!(e.kind(), ErrorKind::Server);
        assert!(e.message.contains("HTML"), "{}", e.message);
        assert!(e.body.contains("Bad gateway"));
    }

    #[test]
    fn huge_body_is_cut_on_a_char_boundary() {
        let body = "é".repeat(MAX_KEPT_BODY);
        let e = ApiError::from_response(500, body.as_bytes());
        assert!(e.body.len() <= MAX_KEPT_BODY);
    }
}
