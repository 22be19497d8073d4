//! `Client`: the constructor and the resource handles.

use crate::errors::{invalid, to_napi, Result};
use crate::services::{AuthTokens, Callbacks, Packages, Roles};
use napi_derive::napi;
use std::time::Duration;

/// Options of `new Client({...})`. With no credentials, `ONESPAN_*` variables are read.
#[napi(object)]
#[derive(Default)]
pub struct ClientOptions {
    pub api_key: Option<String>,
    pub client_id: Option<String>,
    pub client_secret: Option<String>,
    /// `sandbox`, `us`, `ca_sandbox`, `ca`, `eu` or `au`.
    pub environment: Option<String>,
    /// Any base URL (the emulator, a proxy); wins over `environment`.
    pub base_url: Option<String>,
    /// Total time one call may take, retries included.
    pub timeout_ms: Option<f64>,
    /// Retries after the first attempt, for failures safe to retry.
    pub max_retries: Option<u32>,
}

/// Options of `client.withOptions({...})`.
#[napi(object)]
pub struct CallOptions {
    /// Total time one call may take, retries included.
    pub timeout_ms: Option<f64>,
    /// Retries after the first attempt, for failures safe to retry.
    pub max_retries: Option<u32>,
}

fn millis(ms: f64) -> Result<Duration> {
    Duration::try_from_secs_f64(ms / 1000.0)
        .map_err(|_| invalid(format!("timeoutMs must be a positive number, not {ms}")))
}

/// A OneSpan Sign client. Methods return Promises; one client is safe to share.
#[napi]
pub struct Client {
    inner: onespan_sign::Client,
}

#[napi]
impl Client {
    #[napi(constructor)]
    pub fn new(options: Option<ClientOptions>) -> Result<Self> {
        let o = options.unwrap_or_default();
        let mut b = onespan_sign::Client::builder()
            .user_agent(format!("onespan-sign-node/{}", onespan_sign::VERSION));
        if let Some(k) = o.api_key {
            b = b.api_key(k);
        }
        if o.client_id.is_some() || o.client_secret.is_some() {
            // A missing half becomes empty, which the core refuses with its own message.
            b = b.client_app(
                o.client_id.unwrap_or_default(),
                o.client_secret.unwrap_or_default(),
            );
        }
        if let Some(env) = o.environment {
            b = b.environment(env.parse().map_err(to_napi)?);
        }
        if let Some(url) = o.base_url {
            b = b.base_url(url);
        }
        if let Some(ms) = o.timeout_ms {
            b = b.timeout(millis(ms)?);
        }
        if let Some(n) = o.max_retries {
            b = b.max_retries(n);
        }
        Ok(Client {
            inner: b.build().map_err(to_napi)?,
        })
    }

    /// A client with other limits for the calls made through it, sharing this one's
    /// connections and token cache.
    #[napi]
    pub fn with_options(&self, options: CallOptions) -> Result<Client> {
        let mut inner = self.inner.clone();
        if let Some(ms) = options.timeout_ms {
            inner = inner.with_timeout(millis(ms)?).map_err(to_napi)?;
        }
        if let Some(n) = options.max_retries {
            inner = inner.with_max_retries(n);
        }
        Ok(Client { inner })
    }

    /// Packages (transactions).
    #[napi(getter)]
    pub fn packages(&self) -> Packages {
        Packages::new(self.inner.clone())
    }

    /// Roles and their signers.
    #[napi(getter)]
    pub fn roles(&self) -> Roles {
        Roles::new(self.inner.clone())
    }

    /// Signer authentication tokens.
    #[napi(getter)]
    pub fn auth_tokens(&self) -> AuthTokens {
        AuthTokens::new(self.inner.clone())
    }

    /// The event-notification (webhook) configuration.
    #[napi(getter)]
    pub fn callbacks(&self) -> Callbacks {
        Callbacks::new(self.inner.clone())
    }

    /// The base URL requests go to.
    #[napi(getter)]
    pub fn base_url(&self) -> String {
        self.inner.base_url().to_string()
    }
}
