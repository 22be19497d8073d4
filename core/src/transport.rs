//! Sends requests: authentication, timeouts, retries and error mapping, for every endpoint.

use crate::auth::{ApiToken, Credentials, TokenAnswer, TokenCache};
use crate::error::{ApiError, Error, Result};
use crate::net;
use backon::{BackoffBuilder, ExponentialBuilder};
use bytes::Bytes;
use reqwest::header::{HeaderValue, ACCEPT, AUTHORIZATION, CONTENT_TYPE, LOCATION};
use reqwest::Method;
use secrecy::ExposeSecret;
use serde::de::DeserializeOwned;
use std::sync::Arc;
use std::time::Duration;
use tokio::sync::{OwnedSemaphorePermit, Semaphore};
use tokio::time::Instant;
use tracing::instrument::WithSubscriber;

/// Answers larger than this are refused rather than buffered (a signature image is a few KiB).
const MAX_ANSWER_BYTES: usize = 32 * 1024 * 1024;
const BACKOFF_BASE: Duration = Duration::from_millis(200);
const BACKOFF_CAP: Duration = Duration::from_secs(8);
/// Where the events go: one name, which the Python binding maps to the `onespan_sign` logger.
pub(crate) const LOG_TARGET: &str = "onespan_sign";

pub(crate) struct Transport {
    /// The shared HTTP client, or the running lane's own inside `blocking::Lane::block_on`.
    pub(crate) http: crate::blocking::Http,
    /// Scheme and host (and any path prefix), without a trailing slash and without `/api`.
    pub(crate) base: String,
    pub(crate) credentials: Credentials,
    pub(crate) tokens: TokenCache,
    /// One permit per request in flight, held from sending until the answer is read, so
    /// that a client never holds more than `max_connections` sockets however many calls
    /// it is given at once; the others queue here (within their own timeout).
    pub(crate) connections: Arc<Semaphore>,
    pub(crate) max_connections: usize,
    /// `host:port` of the proxy requests go through, if any, for messages.
    pub(crate) proxy: Option<String>,
    /// Where this client's log events go, if not to the global subscriber
    /// (`ClientBuilder::log_dispatch`).
    pub(crate) log: Option<tracing::Dispatch>,
    /// The JSON media types, with the `esl-api-version` parameter.
    pub(crate) media: MediaTypes,
}

/// The version of OneSpan's API this SDK speaks, sent as the `esl-api-version` parameter of
/// the JSON media types as the official SDK sends its own version (spec/: Java SDK 11.68.0
/// sends `Accept: application/json; esl-api-version=11.68.0`). Pinned here, once; a client
/// may name another with `ClientBuilder::esl_api_version`.
pub const ESL_API_VERSION: &str = "11.68.0";

/// `Accept` and `Content-Type` for JSON, carrying the API version.
#[derive(Clone, Debug)]
pub(crate) struct MediaTypes {
    pub(crate) version: String,
    pub(crate) json_accept: HeaderValue,
    pub(crate) json_content_type: HeaderValue,
}

impl MediaTypes {
    /// The media types for `version`: digits, letters, `.`, `-` and `_` only, so that it
    /// cannot break out of the header parameter.
    pub(crate) fn new(version: &str) -> Result<Self> {
        let v = version.trim();
        if v.is_empty()
            || v.len() > 32
            || !v
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'.' | b'-' | b'_'))
        {
            return Err(Error::invalid(format!(
                "esl_api_version {version:?} must be a version such as \"{ESL_API_VERSION}\" \
                 (digits, letters, '.', '-' and '_')"
            )));
        }
        let value = format!("application/json; esl-api-version={v}");
        let header = HeaderValue::from_str(&value)
            .map_err(|_| Error::invalid(format!("esl_api_version {version:?} is not valid")))?;
        Ok(MediaTypes {
            version: v.to_string(),
            json_accept: header.clone(),
            json_content_type: header,
        })
    }
}

/// Limits of one call: a client's own, or those of `Client::with_timeout` and friends.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct CallOptions {
    /// Total time, retries included.
    pub(crate) timeout: Duration,
    /// Retries after the first attempt.
    pub(crate) max_retries: u32,
}

/// One file of a multipart upload.
#[derive(Clone)]
pub(crate) struct FilePart {
    pub(crate) file_name: String,
    pub(crate) content: Bytes,
}

#[derive(Clone)]
pub(crate) enum Body {
    Empty,
    Json(Bytes),
    /// `payload` (the JSON) plus one part per file, as OneSpan's package creation takes them.
    Multipart {
        payload: Bytes,
        files: Vec<FilePart>,
    },
    /// An upload to an existing package as the current SDKs send it (spec/): `payload` as
    /// `text/plain; charset=UTF-8` holding a JSON array, then one part named `file` per
    /// document, its Content-Type from the file name's extension.
    DocumentUpload {
        payload: Bytes,
        files: Vec<FilePart>,
    },
}

/// One logical call; it may be attempted several times.
pub(crate) struct Call {
    pub(crate) method: Method,
    pub(crate) path: String,
    pub(crate) query: Vec<(&'static str, String)>,
    pub(crate) body: Body,
    pub(crate) accept: Option<&'static str>,
    /// Whether sending it twice does no harm; only such calls are retried once their bytes
    /// may have reached the server.
    pub(crate) idempotent: bool,
    /// Whether a 2xx answer's body is left unread, for the caller to stream (downloads).
    pub(crate) stream: bool,
}

impl Call {
    pub(crate) fn new(method: Method, path: String) -> Self {
        let idempotent = method != Method::POST;
        Call {
            method,
            path,
            query: Vec::new(),
            body: Body::Empty,
            accept: None,
            idempotent,
            stream: false,
        }
    }

    pub(crate) fn json<B: serde::Serialize + ?Sized>(mut self, body: &B) -> Result<Self> {
        let bytes = serde_json::to_vec(body)
            .map_err(|e| Error::invalid(format!("the request body cannot be serialised: {e}")))?;
        self.body = Body::Json(bytes.into());
        Ok(self)
    }

    pub(crate) fn query(mut self, key: &'static str, value: Option<&str>) -> Self {
        if let Some(v) = value {
            self.query.push((key, v.to_string()));
        }
        self
    }

    pub(crate) fn accept(mut self, accept: &'static str) -> Self {
        self.accept = Some(accept);
        self
    }
}

/// An answer, before it is judged.
pub(crate) struct Answer {
    pub(crate) status: u16,
    pub(crate) body: Bytes,
    retry_after: Option<Duration>,
    /// A streamed call's 2xx answer, its body unread (`body` is then empty).
    pub(crate) stream: Option<Streamed>,
}

/// A 2xx answer whose body the caller reads chunk by chunk, holding the connection's
/// permit until it is dropped, so the connection cap counts downloads in progress too.
pub(crate) struct Streamed {
    pub(crate) response: reqwest::Response,
    _permit: Option<OwnedSemaphorePermit>,
}

impl Answer {
    /// Decodes the JSON body; a 2xx answer that is not the documented JSON is an error, not a panic.
    pub(crate) fn json<T: DeserializeOwned>(&self) -> Result<T> {
        serde_json::from_slice(&self.body).map_err(|e| {
            let what = if self.body.is_empty() {
                "an empty body".to_string()
            } else {
                format!("a body that does not match the documented JSON ({e})")
            };
            Error::UnexpectedResponse {
                status: self.status,
                message: format!("expected JSON, got {what}"),
            }
        })
    }
}

enum Outcome {
    Done(Answer),
    /// Worth another attempt; `error` is what the caller gets if none is left.
    Retry {
        after: Option<Duration>,
        error: Error,
    },
    Fail(Error),
    /// 401 on an API token we had cached.
    Unauthorized {
        token: ApiToken,
        error: Error,
    },
}

impl Transport {
    /// Sends `call`, retrying what is safe to retry, within `opts.timeout`.
    pub(crate) async fn send(&self, call: Call, opts: CallOptions) -> Result<Answer> {
        let deadline = Instant::now() + opts.timeout;
        let sending =
            tokio::time::timeout_at(deadline, self.send_with_retries(&call, opts, deadline));
        // The whole call, token fetch included, under the client's own dispatch if it has one.
        let outcome = match &self.log {
            Some(dispatch) => sending.with_subscriber(dispatch.clone()).await,
            None => sending.await,
        };
        match outcome {
            Ok(result) => result,
            Err(_) => Err(Error::Timeout(format!(
                "{} {} did not complete within {:?}",
                call.method, call.path, opts.timeout
            ))),
        }
    }

    async fn send_with_retries(
        &self,
        call: &Call,
        opts: CallOptions,
        deadline: Instant,
    ) -> Result<Answer> {
        // Exponential, with jitter so that many clients refused at once do not return at once.
        let mut delays = ExponentialBuilder::default()
            .with_min_delay(BACKOFF_BASE)
            .with_max_delay(BACKOFF_CAP)
            .with_jitter()
            .with_max_times(opts.max_retries as usize)
            .build();
        let mut attempt: u32 = 1;
        let mut refreshed_token = false;
        loop {
            match self.attempt(call, attempt).await {
                Outcome::Done(answer) => return Ok(answer),
                Outcome::Fail(e) => return Err(e),
                // A 401 on a cached token: it may have been revoked or expired early. Fetch
                // a new one and try once more; a second 401 is the caller's to see.
                Outcome::Unauthorized { token, error } => {
                    if refreshed_token {
                        return Err(error);
                    }
                    refreshed_token = true;
                    self.tokens.invalidate(&token);
                    tracing::debug!(
                        target: LOG_TARGET,
                        method = %call.method,
                        path = %call.path,
                        attempt,
                        wait_ms = 0u64,
                        status = 401u16,
                        "retrying with a new API token"
                    );
                    attempt += 1;
                }
                Outcome::Retry { after, error } => {
                    let Some(backoff) = delays.next() else {
                        return Err(error);
                    };
                    let wait = after.unwrap_or(backoff);
                    // Sleeping past the deadline would only end in a timeout that hides what
                    // the server said; the caller gets the server's answer, and its
                    // Retry-After, at once instead.
                    if after.is_some() && Instant::now() + wait > deadline {
                        tracing::debug!(
                            target: LOG_TARGET,
                            method = %call.method,
                            path = %call.path,
                            attempt,
                            wait_ms = millis(wait),
                            status = error.status().unwrap_or(0),
                            "not retrying: the server asks for a wait beyond the call's deadline"
                        );
                        return Err(error);
                    }
                    tracing::debug!(
                        target: LOG_TARGET,
                        method = %call.method,
                        path = %call.path,
                        attempt,
                        wait_ms = millis(wait),
                        status = error.status().unwrap_or(0),
                        kind = error.kind().class_name(),
                        "retrying"
                    );
                    tokio::time::sleep(wait).await;
                    attempt += 1;
                }
            }
        }
    }

    async fn attempt(&self, call: &Call, attempt: u32) -> Outcome {
        let (answer, token) = match self.attempt_raw(call, attempt).await {
            Ok(pair) => pair,
            Err(Failed { error, retry: true }) => return Outcome::Retry { after: None, error },
            Err(Failed { error, .. }) => return Outcome::Fail(error),
        };
        let status = answer.status;
        if (200..300).contains(&status) {
            return Outcome::Done(answer);
        }
        let error: Error = ApiError::from_response(status, &answer.body)
            .with_retry_after(answer.retry_after)
            .into();
        if status == 401 {
            if let Some(token) = token {
                return Outcome::Unauthorized { token, error };
            }
        }
        let retryable = match status {
            // Refused before any work was done: safe to repeat for any method.
            429 => true,
            502..=504 => call.idempotent,
            _ => false,
        };
        if retryable {
            Outcome::Retry {
                after: answer.retry_after,
                error,
            }
        } else {
            Outcome::Fail(error)
        }
    }

    /// One attempt, with its log event. Method and path only: the query (which may hold
    /// e.g. a signer's email) and the headers (credentials) are never logged.
    async fn attempt_raw(
        &self,
        call: &Call,
        attempt: u32,
    ) -> std::result::Result<(Answer, Option<ApiToken>), Failed> {
        // The token first, then the connection: the token fetch takes a permit of its own,
        // and taking it while holding one could wait forever on a full semaphore.
        let (auth, token) = match self.authorization().await {
            Ok(pair) => pair,
            Err(error) => {
                tracing::debug!(
                    target: LOG_TARGET,
                    method = %call.method,
                    path = %call.path,
                    attempt,
                    kind = error.kind().class_name(),
                    error = %error,
                    "attempt not sent: no credentials to send"
                );
                return Err(Failed::fatal(error));
            }
        };
        let permit = self.permit().await.map_err(Failed::fatal)?;
        // Timed from here: the wait for a connection and the token fetch are not the request's.
        let started = Instant::now();
        let result = self.request(call, auth).await;
        match &result {
            Ok(answer) => tracing::debug!(
                target: LOG_TARGET,
                method = %call.method,
                path = %call.path,
                attempt,
                status = answer.status,
                duration_ms = millis(started.elapsed()),
                "attempt"
            ),
            Err(failed) => tracing::debug!(
                target: LOG_TARGET,
                method = %call.method,
                path = %call.path,
                attempt,
                duration_ms = millis(started.elapsed()),
                kind = failed.error.kind().class_name(),
                error = %failed.error,
                "attempt failed"
            ),
        }
        result.map(|mut answer| {
            // A streamed body is read after this returns: its permit goes with it.
            if let Some(streamed) = &mut answer.stream {
                streamed._permit = Some(permit);
            }
            (answer, token)
        })
    }

    /// Sends the request and reads the whole answer, while the caller holds a connection.
    async fn request(&self, call: &Call, auth: HeaderValue) -> std::result::Result<Answer, Failed> {
        let url = format!("{}{}", self.base, call.path);
        let mut req = self
            .http
            .get()
            .map_err(Failed::fatal)?
            .request(call.method.clone(), url)
            .header(AUTHORIZATION, auth);
        // JSON calls carry the API version (spec/); images ask for their own type, bare.
        req = match call.accept {
            Some(accept) => req.header(ACCEPT, accept),
            None => req.header(ACCEPT, self.media.json_accept.clone()),
        };
        if !call.query.is_empty() {
            req = req.query(&call.query);
        }
        req = match &call.body {
            Body::Empty => req,
            Body::Json(bytes) => req
                .header(CONTENT_TYPE, self.media.json_content_type.clone())
                .body(bytes.clone()),
            Body::Multipart { payload, files } => req.multipart(multipart_form(payload, files)),
            Body::DocumentUpload { payload, files } => req.multipart(upload_form(payload, files)),
        };
        let resp = req.send().await.map_err(|e| {
            // A connect error means no byte left: any call may be repeated. Otherwise the
            // request may have reached the server, so only idempotent calls are.
            let retry = e.is_connect() || (call.idempotent && !e.is_builder());
            Failed {
                error: Error::from_reqwest_via(e, self.proxy.as_deref()),
                retry,
            }
        })?;
        if resp.status().is_redirection() {
            return Err(Failed::fatal(redirect_refused(&resp, "the server")));
        }
        let status = resp.status().as_u16();
        let retry_after = net::retry_after(resp.headers());
        if call.stream && resp.status().is_success() {
            return Ok(Answer {
                status,
                body: Bytes::new(),
                retry_after,
                stream: Some(Streamed {
                    response: resp,
                    _permit: None,
                }),
            });
        }
        let body = read_capped(resp).await.map_err(|error| Failed {
            error,
            retry: call.idempotent,
        })?;
        Ok(Answer {
            status,
            body,
            retry_after,
            stream: None,
        })
    }

    /// The Authorization header value, and the API token it carries, if any.
    async fn authorization(&self) -> Result<(HeaderValue, Option<ApiToken>)> {
        let (text, token) = match &self.credentials {
            Credentials::ApiKey(key) => (format!("Basic {}", key.expose_secret()), None),
            Credentials::ClientApp {
                client_id,
                client_secret,
                sender_email,
            } => {
                let token = self
                    .tokens
                    .get(|| {
                        self.exchange_client_app(
                            client_id,
                            client_secret.expose_secret(),
                            sender_email.as_deref(),
                        )
                    })
                    .await?;
                (
                    format!("Bearer {}", token.value.expose_secret()),
                    Some(token),
                )
            }
            Credentials::OAuth {
                client_id,
                client_secret,
                token_url,
                sender_id,
            } => {
                let token = self
                    .tokens
                    .get(|| {
                        self.exchange_oauth(
                            token_url,
                            client_id,
                            client_secret.expose_secret(),
                            sender_id.as_deref(),
                        )
                    })
                    .await?;
                (
                    format!("Bearer {}", token.value.expose_secret()),
                    Some(token),
                )
            }
        };
        let mut value = HeaderValue::from_str(&text).map_err(|_| {
            Error::invalid("credentials contain characters not allowed in a header")
        })?;
        value.set_sensitive(true);
        Ok((value, token))
    }

    /// `POST {host}/apitoken/clientApp/accessToken` (outside `/api`), per spec/.
    async fn exchange_client_app(
        &self,
        client_id: &str,
        secret: &str,
        sender_email: Option<&str>,
    ) -> Result<TokenAnswer> {
        let started = Instant::now();
        let result = self
            .exchange_client_app_raw(client_id, secret, sender_email)
            .await;
        match &result {
            Ok(answer) => tracing::debug!(
                target: LOG_TARGET,
                kind = "client_app",
                status = answer.status,
                duration_ms = millis(started.elapsed()),
                "API-token fetch"
            ),
            Err(e) => tracing::debug!(
                target: LOG_TARGET,
                kind = "client_app",
                status = e.status().unwrap_or(0),
                duration_ms = millis(started.elapsed()),
                error = %e,
                "API-token fetch failed"
            ),
        }
        result
    }

    async fn exchange_client_app_raw(
        &self,
        client_id: &str,
        secret: &str,
        sender_email: Option<&str>,
    ) -> Result<TokenAnswer> {
        // OWNER leaves `email` out; SENDER names the sender to act as (spec/).
        let body = match sender_email {
            None => serde_json::json!({ "clientId": client_id, "secret": secret, "type": "OWNER" }),
            Some(email) => serde_json::json!({
                "clientId": client_id, "secret": secret, "type": "SENDER", "email": email,
            }),
        };
        let body = serde_json::to_vec(&body)
            .map_err(|e| Error::Internal(format!("cannot serialise the token request: {e}")))?;
        let url = format!("{}/apitoken/clientApp/accessToken", self.base);
        let _permit = self.permit().await?;
        let resp = self
            .http
            .get()?
            .post(url)
            .header(ACCEPT, self.media.json_accept.clone())
            .header(CONTENT_TYPE, self.media.json_content_type.clone())
            .body(body)
            .send()
            .await
            .map_err(|e| Error::from_reqwest_via(e, self.proxy.as_deref()))?;
        // The redirect policy never follows one here (the body is the client secret); one
        // that came back is an error, never a token.
        if resp.status().is_redirection() {
            return Err(redirect_refused(&resp, "the API-token endpoint"));
        }
        let status = resp.status().as_u16();
        let date = net::server_date(resp.headers());
        let body = read_capped(resp).await?;
        Ok(TokenAnswer {
            status,
            date,
            body,
            oauth: false,
        })
    }

    /// OAuth 2.0 client credentials: `POST {token_url}`, form-encoded, per spec/.
    async fn exchange_oauth(
        &self,
        token_url: &str,
        client_id: &str,
        secret: &str,
        sender_id: Option<&str>,
    ) -> Result<TokenAnswer> {
        let started = Instant::now();
        let result = self
            .exchange_oauth_raw(token_url, client_id, secret, sender_id)
            .await;
        match &result {
            Ok(answer) => tracing::debug!(
                target: LOG_TARGET,
                kind = "oauth",
                status = answer.status,
                duration_ms = millis(started.elapsed()),
                "API-token fetch"
            ),
            Err(e) => tracing::debug!(
                target: LOG_TARGET,
                kind = "oauth",
                status = e.status().unwrap_or(0),
                duration_ms = millis(started.elapsed()),
                error = %e,
                "API-token fetch failed"
            ),
        }
        result
    }

    async fn exchange_oauth_raw(
        &self,
        token_url: &str,
        client_id: &str,
        secret: &str,
        sender_id: Option<&str>,
    ) -> Result<TokenAnswer> {
        use base64::Engine;
        let basic =
            base64::engine::general_purpose::STANDARD.encode(format!("{client_id}:{secret}"));
        let mut auth = HeaderValue::from_str(&format!("Basic {basic}")).map_err(|_| {
            Error::invalid("credentials contain characters not allowed in a header")
        })?;
        auth.set_sensitive(true);
        let mut form = vec![("grant_type", "client_credentials")];
        if let Some(sender) = sender_id {
            form.push(("sender_id", sender));
        }
        let _permit = self.permit().await?;
        let resp = self
            .http
            .get()?
            .post(token_url)
            .header(ACCEPT, "application/json")
            .header(reqwest::header::AUTHORIZATION, auth)
            .form(&form)
            .send()
            .await
            .map_err(|e| Error::from_reqwest_via(e, self.proxy.as_deref()))?;
        if resp.status().is_redirection() {
            return Err(redirect_refused(&resp, "the OAuth token endpoint"));
        }
        let status = resp.status().as_u16();
        let date = net::server_date(resp.headers());
        let body = read_capped(resp).await?;
        Ok(TokenAnswer {
            status,
            date,
            body,
            oauth: true,
        })
    }

    async fn permit(&self) -> Result<OwnedSemaphorePermit> {
        Arc::clone(&self.connections)
            .acquire_owned()
            .await
            .map_err(|_| Error::Internal("the connection limiter was closed".into()))
    }
}

/// The error for a redirect the policy did not follow; it names where it pointed (scheme,
/// host and port only: a Location may carry a token in its query).
fn redirect_refused(resp: &reqwest::Response, who: &str) -> Error {
    let status = resp.status().as_u16();
    let to = resp
        .headers()
        .get(LOCATION)
        .and_then(|v| v.to_str().ok())
        .and_then(|l| resp.url().join(l).ok())
        .map(|u| net::origin(&u))
        .unwrap_or_else(|| "an unreadable location".into());
    Error::UnexpectedResponse {
        status,
        message: format!(
            "{who} answered with a redirect to {to}, which was refused: redirects are \
             followed only within the base URL's origin and never for the API-token \
             exchange, so that credentials are not sent elsewhere"
        ),
    }
}

fn millis(d: Duration) -> u64 {
    u64::try_from(d.as_millis()).unwrap_or(u64::MAX)
}

/// A failed attempt, and whether another attempt is safe.
struct Failed {
    error: Error,
    retry: bool,
}

impl Failed {
    fn fatal(error: Error) -> Self {
        Failed {
            error,
            retry: false,
        }
    }
}

fn multipart_form(payload: &Bytes, files: &[FilePart]) -> reqwest::multipart::Form {
    let mut form = reqwest::multipart::Form::new().part(
        "payload",
        reqwest::multipart::Part::bytes(payload.to_vec())
            .mime_str("application/json")
            .unwrap_or_else(|_| reqwest::multipart::Part::bytes(payload.to_vec())),
    );
    for (i, f) in files.iter().enumerate() {
        let part =
            reqwest::multipart::Part::bytes(f.content.to_vec()).file_name(f.file_name.clone());
        form = form.part(format!("file{i}"), part);
    }
    form
}

fn upload_form(payload: &Bytes, files: &[FilePart]) -> reqwest::multipart::Form {
    let text = |bytes: &Bytes| reqwest::multipart::Part::bytes(bytes.to_vec());
    let mut form = reqwest::multipart::Form::new().part(
        "payload",
        text(payload)
            .mime_str("text/plain; charset=UTF-8")
            .unwrap_or_else(|_| text(payload)),
    );
    for f in files {
        let part = text(&f.content).file_name(f.file_name.clone());
        let part = match part.mime_str(content_type(&f.file_name)) {
            Ok(p) => p,
            Err(_) => text(&f.content).file_name(f.file_name.clone()),
        };
        form = form.part("file", part);
    }
    form
}

/// The Content-Type of an uploaded file, from its extension, as the official SDKs choose it.
fn content_type(file_name: &str) -> &'static str {
    let ext = file_name
        .rsplit_once('.')
        .map(|(_, e)| e.to_ascii_lowercase())
        .unwrap_or_default();
    match ext.as_str() {
        "pdf" => "application/pdf",
        "doc" => "application/msword",
        "docx" => "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        "odt" => "application/vnd.oasis.opendocument.text",
        "rtf" => "application/rtf",
        "txt" => "text/plain",
        "png" => "image/png",
        "jpg" | "jpeg" => "image/jpeg",
        "gif" => "image/gif",
        "tif" | "tiff" => "image/tiff",
        _ => "application/octet-stream",
    }
}

async fn read_capped(mut resp: reqwest::Response) -> Result<Bytes> {
    if resp
        .content_length()
        .is_some_and(|n| n > MAX_ANSWER_BYTES as u64)
    {
        return Err(Error::UnexpectedResponse {
            status: resp.status().as_u16(),
            message: format!("the answer is larger than {MAX_ANSWER_BYTES} bytes"),
        });
    }
    let mut buf = bytes::BytesMut::new();
    while let Some(chunk) = resp.chunk().await.map_err(Error::from_reqwest)? {
        if buf.len() + chunk.len() > MAX_ANSWER_BYTES {
            return Err(Error::UnexpectedResponse {
                status: resp.status().as_u16(),
                message: format!("the answer is larger than {MAX_ANSWER_BYTES} bytes"),
            });
        }
        buf.extend_from_slice(&chunk);
    }
    Ok(buf.freeze())
}
