//! The emulator, compiled into the addon and run on napi's runtime.

use crate::errors::{invalid, to_napi, Result};
use napi_derive::napi;
use onespan_sign_emulator::{Emulator as Inner, EmulatorError, EmulatorOptions as InnerOptions};
use std::sync::Mutex;
use std::time::Duration;

/// Options of `Emulator.start({...})`.
#[napi(object)]
#[derive(Default)]
pub struct EmulatorOptions {
    pub port: Option<u16>,
    pub api_key: Option<String>,
    pub client_id: Option<String>,
    pub client_secret: Option<String>,
    /// Lifetime of API tokens, in milliseconds (default 30 minutes).
    pub token_ttl_ms: Option<f64>,
    /// Lifetime of signer authentication tokens, in milliseconds (default 30 minutes).
    pub signer_token_ttl_ms: Option<f64>,
}

/// An email or SMS the emulated service sent.
#[napi(object)]
pub struct Notification {
    /// `email` or `sms`.
    pub kind: String,
    pub package_id: String,
    pub role_id: String,
    pub to: String,
}

/// One attempt to deliver an event to the callback URL.
#[napi(object)]
pub struct DeliveryAttempt {
    pub event_name: String,
    pub package_id: String,
    pub url: String,
    /// 1 for the first try.
    pub attempt: u32,
    /// The receiver's HTTP status, when it answered.
    pub status: Option<u16>,
    /// What went wrong, when it did not answer.
    pub error: Option<String>,
    /// Whether the receiver took it (answered 2xx).
    pub delivered: bool,
}

/// An emulator refusal as the SDK's typed error (NotFoundError, BadRequestError, ...).
fn refused(e: EmulatorError) -> napi::Error {
    let body = e.body().to_string();
    to_napi(onespan_sign::ApiError::from_response(e.status.as_u16(), body.as_bytes()).into())
}

fn ms(what: &str, ms: f64) -> Result<Duration> {
    Duration::try_from_secs_f64(ms / 1000.0)
        .map_err(|_| invalid(format!("{what} must be a positive number")))
}

/// A OneSpan Sign API emulator on 127.0.0.1.
#[napi]
pub struct Emulator {
    inner: Mutex<Option<Inner>>,
    base_url: String,
    api_key: String,
    client_id: String,
    client_secret: String,
}

impl Emulator {
    fn with<T>(&self, f: impl FnOnce(&Inner) -> T) -> Result<T> {
        let guard = self.inner.lock().unwrap_or_else(|p| p.into_inner());
        guard
            .as_ref()
            .map(f)
            .ok_or_else(|| napi::Error::from_reason("the emulator is stopped"))
    }
}

#[napi]
impl Emulator {
    /// Starts an emulator on a free loopback port (or `port`) with generated credentials.
    #[napi]
    pub async fn start(options: Option<EmulatorOptions>) -> Result<Emulator> {
        let o = options.unwrap_or_default();
        let mut opts = InnerOptions::default();
        opts.port = o.port.unwrap_or(0);
        opts.api_key = o.api_key;
        opts.client_id = o.client_id;
        opts.client_secret = o.client_secret;
        opts.token_ttl = o.token_ttl_ms.map(|v| ms("tokenTtlMs", v)).transpose()?;
        opts.signer_token_ttl = o
            .signer_token_ttl_ms
            .map(|v| ms("signerTokenTtlMs", v))
            .transpose()?;
        let inner = Inner::start_with(opts)
            .await
            .map_err(|e| napi::Error::from_reason(format!("the emulator could not start: {e}")))?;
        Ok(Emulator {
            base_url: inner.base_url().to_string(),
            api_key: inner.api_key().to_string(),
            client_id: inner.client_id().to_string(),
            client_secret: inner.client_secret().to_string(),
            inner: Mutex::new(Some(inner)),
        })
    }

    #[napi(getter)]
    pub fn base_url(&self) -> String {
        self.base_url.clone()
    }

    #[napi(getter)]
    pub fn api_key(&self) -> String {
        self.api_key.clone()
    }

    #[napi(getter)]
    pub fn client_id(&self) -> String {
        self.client_id.clone()
    }

    #[napi(getter)]
    pub fn client_secret(&self) -> String {
        self.client_secret.clone()
    }

    /// How many client-app token exchanges were asked for.
    #[napi(getter)]
    pub fn token_requests(&self) -> Result<i64> {
        self.with(|e| e.token_requests() as i64)
    }

    /// How many `/api` requests arrived.
    #[napi(getter)]
    pub fn api_requests(&self) -> Result<i64> {
        self.with(|e| e.api_requests() as i64)
    }

    /// Every API token issued so far stops working.
    #[napi]
    pub fn expire_tokens(&self) -> Result<()> {
        self.with(Inner::expire_tokens)
    }

    /// Lifetime, in milliseconds, of API tokens issued from now on.
    #[napi]
    pub fn set_token_ttl(&self, ttl_ms: f64) -> Result<()> {
        let d = ms("ttlMs", ttl_ms)?;
        self.with(|e| e.set_token_ttl(d))
    }

    /// Lifetime, in milliseconds, of signer authentication tokens issued from now on.
    #[napi]
    pub fn set_signer_token_ttl(&self, ttl_ms: f64) -> Result<()> {
        let d = ms("ttlMs", ttl_ms)?;
        self.with(|e| e.set_signer_token_ttl(d))
    }

    /// Forgets all packages, tokens and counts.
    #[napi]
    pub fn reset(&self) -> Result<()> {
        self.with(Inner::reset)
    }

    /// The signer of `roleId` signs `documentId`, or every document when it is omitted.
    #[napi]
    pub fn sign_document(
        &self,
        package_id: String,
        role_id: String,
        document_id: Option<String>,
    ) -> Result<()> {
        self.with(|e| e.sign_document(&package_id, &role_id, document_id.as_deref()))?
            .map_err(refused)
    }

    /// The signer of `roleId` signs everything left and completes.
    #[napi]
    pub fn complete_signing(&self, package_id: String, role_id: String) -> Result<()> {
        self.with(|e| e.complete_signing(&package_id, &role_id))?
            .map_err(refused)
    }

    /// The signer of `roleId` is locked out, as after failed authentication attempts.
    #[napi]
    pub fn lock_signer(&self, package_id: String, role_id: String) -> Result<()> {
        self.with(|e| e.lock_signer(&package_id, &role_id))?
            .map_err(refused)
    }

    /// Emails and SMS sent so far.
    #[napi]
    pub fn notifications(&self) -> Result<Vec<Notification>> {
        Ok(self
            .with(Inner::notifications)?
            .into_iter()
            .map(|n| Notification {
                kind: n.kind,
                package_id: n.package_id,
                role_id: n.role_id,
                to: n.to,
            })
            .collect())
    }

    /// Every attempt to deliver an event to the callback URL.
    #[napi]
    pub fn deliveries(&self) -> Result<Vec<DeliveryAttempt>> {
        Ok(self
            .with(Inner::deliveries)?
            .into_iter()
            .map(|a| DeliveryAttempt {
                event_name: a.event_name,
                package_id: a.package_id,
                url: a.url,
                attempt: a.attempt,
                status: a.status,
                error: a.error,
                delivered: a.delivered,
            })
            .collect())
    }

    /// Causes an event the API has no endpoint for (`PACKAGE_DECLINE`, `PACKAGE_OPT_OUT`,
    /// `PACKAGE_EXPIRE`, `PACKAGE_ATTACHMENT`, `ROLE_REASSIGN`, `KBA_FAILURE`,
    /// `EMAIL_BOUNCE`), by the signer of `roleId`, with `message` as the reason.
    #[napi]
    pub fn simulate_event(
        &self,
        package_id: String,
        event_name: String,
        role_id: Option<String>,
        message: Option<String>,
    ) -> Result<()> {
        self.with(|e| {
            e.simulate_event(
                &package_id,
                &event_name,
                role_id.as_deref(),
                message.as_deref(),
            )
        })?
        .map_err(refused)
    }

    /// Arms a fault for the next `count` requests matching `method` and `path` (a prefix):
    /// `{ count, path, method, delayMs, status, retryAfter, body, action }`, with `body` one
    /// of "json", "html", "empty", "truncated", "huge" and `action` "drop" or "dropAfter".
    #[napi(ts_args_type = "fault: Fault")]
    pub fn inject_fault(&self, fault: serde_json::Value) -> Result<()> {
        let fault: onespan_sign_emulator::Fault =
            serde_json::from_value(fault).map_err(|e| invalid(format!("not a fault: {e}")))?;
        self.with(|e| e.inject_fault(fault))
    }

    /// The User-Agent of the last request received.
    #[napi(getter)]
    pub fn last_user_agent(&self) -> Result<Option<String>> {
        self.with(Inner::last_user_agent)
    }

    /// Every request received so far, as "METHOD /path", in order.
    #[napi]
    pub fn requests(&self) -> Result<Vec<String>> {
        self.with(Inner::requests)
    }

    /// Event payloads emitted so far, as the service would POST them.
    #[napi(ts_return_type = "Array<Record<string, unknown>>")]
    pub fn events(&self) -> Result<Vec<serde_json::Value>> {
        self.with(Inner::events)
    }

    /// Stops serving. Idempotent.
    #[napi]
    pub async fn stop(&self) -> Result<()> {
        let taken = self.inner.lock().unwrap_or_else(|p| p.into_inner()).take();
        if let Some(inner) = taken {
            inner.stop().await;
        }
        Ok(())
    }
}
