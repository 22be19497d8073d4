//! The emulator, compiled into the addon and run on napi's runtime.
//!
//! Options are parsed by the emulator crate (`EmulatorOptions::from_json`,
//! `Fault::from_json`) in Node's words: this file only passes the JS object on as JSON.

use crate::errors::{invalid, to_napi, Result};
use napi_derive::napi;
use onespan_sign_emulator::{
    Emulator as Inner, EmulatorError, EmulatorOptions, Fault, OptionStyle,
};
use std::sync::Arc;

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

/// A OneSpan Sign API emulator on 127.0.0.1. What it recorded stays readable after it stops.
#[napi]
pub struct Emulator {
    inner: Arc<Inner>,
    base_url: String,
    api_key: String,
    client_id: String,
    client_secret: String,
    oauth_client_id: String,
    oauth_client_secret: String,
    oauth_token_url: String,
    sender_id: String,
    sender_email: String,
}

impl Emulator {
    /// The emulator, for a control that changes it: refused once it is stopped.
    fn live(&self) -> Result<&Inner> {
        if self.inner.is_stopped() {
            return Err(napi::Error::from_reason("the emulator is stopped"));
        }
        Ok(&self.inner)
    }
}

#[napi]
impl Emulator {
    /// Starts an emulator on a free loopback port (or `port`) with generated credentials.
    /// Options: `port`, `apiKey`, `clientId`, `clientSecret`, `tokenTtlMs`, `signerTokenTtlMs`.
    #[napi(ts_args_type = "options?: Record<string, unknown> | undefined | null")]
    pub async fn start(options: Option<serde_json::Value>) -> Result<Emulator> {
        let options = options.unwrap_or(serde_json::Value::Null);
        let opts = EmulatorOptions::from_json(&options, OptionStyle::NODE)
            .map_err(|e| invalid(e.to_string()))?;
        let inner = Inner::start_with(opts)
            .await
            .map_err(|e| napi::Error::from_reason(format!("the emulator could not start: {e}")))?;
        Ok(Emulator {
            base_url: inner.base_url().to_string(),
            api_key: inner.api_key().to_string(),
            client_id: inner.client_id().to_string(),
            client_secret: inner.client_secret().to_string(),
            oauth_client_id: inner.oauth_client_id().to_string(),
            oauth_client_secret: inner.oauth_client_secret().to_string(),
            oauth_token_url: inner.oauth_token_url(),
            sender_id: inner.sender_id().to_string(),
            sender_email: inner.sender_email().to_string(),
            inner: Arc::new(inner),
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

    /// The account sender's user ID: the owner's role (type SENDER) in every package, and
    /// the sender of API-key and OWNER-token requests.
    #[napi(getter)]
    pub fn sender_id(&self) -> String {
        self.sender_id.clone()
    }

    /// The account sender's email.
    #[napi(getter)]
    pub fn sender_email(&self) -> String {
        self.sender_email.clone()
    }

    /// The OAuth 2.0 client ID the emulator's token endpoint accepts.
    #[napi(getter)]
    pub fn oauth_client_id(&self) -> String {
        self.oauth_client_id.clone()
    }

    /// The OAuth 2.0 client secret the emulator's token endpoint accepts.
    #[napi(getter)]
    pub fn oauth_client_secret(&self) -> String {
        self.oauth_client_secret.clone()
    }

    /// The OAuth 2.0 token URL (`{baseUrl}/oauth2/token`).
    #[napi(getter)]
    pub fn oauth_token_url(&self) -> String {
        self.oauth_token_url.clone()
    }

    /// How many token requests were asked for (client-app exchanges and OAuth 2.0 token
    /// requests).
    #[napi(getter)]
    pub fn token_requests(&self) -> i64 {
        self.inner.token_requests() as i64
    }

    /// How many `/api` requests arrived.
    #[napi(getter)]
    pub fn api_requests(&self) -> i64 {
        self.inner.api_requests() as i64
    }

    /// Every API token issued so far stops working.
    #[napi]
    pub fn expire_tokens(&self) -> Result<()> {
        self.live()?.expire_tokens();
        Ok(())
    }

    /// Lifetime, in milliseconds, of API tokens issued from now on.
    #[napi]
    pub fn set_token_ttl(&self, ttl_ms: f64) -> Result<()> {
        let d = OptionStyle::NODE
            .duration("ttlMs", ttl_ms)
            .map_err(|e| invalid(e.to_string()))?;
        self.live()?.set_token_ttl(d);
        Ok(())
    }

    /// Lifetime, in milliseconds, of signer authentication tokens issued from now on.
    #[napi]
    pub fn set_signer_token_ttl(&self, ttl_ms: f64) -> Result<()> {
        let d = OptionStyle::NODE
            .duration("ttlMs", ttl_ms)
            .map_err(|e| invalid(e.to_string()))?;
        self.live()?.set_signer_token_ttl(d);
        Ok(())
    }

    /// Forgets all packages, tokens and counts.
    #[napi]
    pub fn reset(&self) -> Result<()> {
        self.live()?.reset();
        Ok(())
    }

    /// The signer of `roleId` signs `documentId`, or every document when it is omitted.
    #[napi]
    pub fn sign_document(
        &self,
        package_id: String,
        role_id: String,
        document_id: Option<String>,
    ) -> Result<()> {
        self.live()?
            .sign_document(&package_id, &role_id, document_id.as_deref())
            .map_err(refused)
    }

    /// The signer of `roleId` signs everything left and completes.
    #[napi]
    pub fn complete_signing(&self, package_id: String, role_id: String) -> Result<()> {
        self.live()?
            .complete_signing(&package_id, &role_id)
            .map_err(refused)
    }

    /// The signer of `roleId` is locked out, as after failed authentication attempts.
    #[napi]
    pub fn lock_signer(&self, package_id: String, role_id: String) -> Result<()> {
        self.live()?
            .lock_signer(&package_id, &role_id)
            .map_err(refused)
    }

    /// Emails and SMS sent so far.
    #[napi]
    pub fn notifications(&self) -> Vec<Notification> {
        self.inner
            .notifications()
            .into_iter()
            .map(|n| Notification {
                kind: n.kind,
                package_id: n.package_id,
                role_id: n.role_id,
                to: n.to,
            })
            .collect()
    }

    /// Every attempt to deliver an event to the callback URL.
    #[napi]
    pub fn deliveries(&self) -> Vec<DeliveryAttempt> {
        self.inner
            .deliveries()
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
            .collect()
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
        self.live()?
            .simulate_event(
                &package_id,
                &event_name,
                role_id.as_deref(),
                message.as_deref(),
            )
            .map_err(refused)
    }

    /// Arms a fault for the next `count` requests matching `method` and `path` (a prefix):
    /// `{ count, path, method, delayMs, status, retryAfter, body, action }`, with `body` one
    /// of "json", "html", "empty", "truncated", "huge" and `action` "drop" or "dropAfter".
    #[napi(ts_args_type = "fault: Record<string, unknown>")]
    pub fn inject_fault(&self, fault: serde_json::Value) -> Result<()> {
        let fault =
            Fault::from_json(&fault, OptionStyle::NODE).map_err(|e| invalid(e.to_string()))?;
        self.live()?.inject_fault(fault);
        Ok(())
    }

    /// The User-Agent of the last request received.
    #[napi(getter)]
    pub fn last_user_agent(&self) -> Option<String> {
        self.inner.last_user_agent()
    }

    /// Every request received so far, as "METHOD /path", in order.
    #[napi]
    pub fn requests(&self) -> Vec<String> {
        self.inner.requests()
    }

    /// Event payloads emitted so far, as the service would POST them.
    #[napi(ts_return_type = "Array<Record<string, unknown>>")]
    pub fn events(&self) -> Vec<serde_json::Value> {
        self.inner.events()
    }

    /// Stops serving, and resolves once stopped: a request still in flight is cut off, and
    /// no connection is accepted any more. What was recorded stays readable. Idempotent.
    #[napi]
    pub async fn stop(&self) -> Result<()> {
        let inner = self.inner.clone();
        inner.stop().await;
        Ok(())
    }
}
