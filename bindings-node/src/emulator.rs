//! The emulator, compiled into the addon and run on napi's runtime.

use crate::errors::{invalid, Result};
use napi_derive::napi;
use onespan_sign_emulator::{Emulator as Inner, EmulatorOptions as InnerOptions};
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
}

fn ms(what: &str, ms: f64) -> Result<Duration> {
    Duration::try_from_secs_f64(ms / 1000.0).map_err(|_| invalid(format!("{what} must be a positive number")))
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

    /// Forgets all packages, tokens and counts.
    #[napi]
    pub fn reset(&self) -> Result<()> {
        self.with(Inner::reset)
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
