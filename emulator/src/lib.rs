//! A stateful, in-memory OneSpan Sign API on loopback, for offline development and tests.
//!
//! It serves the real paths, JSON and error bodies (see the project's `spec/`), enforces
//! authentication as the service does, and adds test-only controls under `/__emulator`.
//!
//! ```no_run
//! # async fn demo() -> std::io::Result<()> {
//! let emu = onespan_sign_emulator::Emulator::start().await?;
//! println!("{} {}", emu.base_url(), emu.api_key());
//! emu.stop().await;
//! # Ok(()) }
//! ```

mod auth;
mod control;
mod error;
mod events;
mod ids;
mod image;
mod package;
mod routes;
mod signing;
mod state;

pub use error::ApiError as EmulatorError;
pub use state::Notification;

use axum::routing::{get, post, put};
use axum::Router;
use state::{Credentials, State};
use std::fmt;
use std::net::{Ipv4Addr, SocketAddr};
use std::sync::Arc;
use std::time::Duration;
use tokio::sync::oneshot;
use tokio::task::JoinHandle;

/// How to start an emulator. Unset credentials are generated.
#[derive(Clone, Default)]
#[non_exhaustive]
pub struct EmulatorOptions {
    /// Port on 127.0.0.1; 0 (the default) picks a free one.
    pub port: u16,
    pub api_key: Option<String>,
    pub client_id: Option<String>,
    pub client_secret: Option<String>,
    /// Lifetime of API tokens from the client-app exchange (default 30 minutes, as the service).
    pub token_ttl: Option<Duration>,
    /// Lifetime of signer authentication tokens (default 30 minutes, as the service).
    pub signer_token_ttl: Option<Duration>,
}

impl fmt::Debug for EmulatorOptions {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("EmulatorOptions")
            .field("port", &self.port)
            .field("client_id", &self.client_id)
            .field("token_ttl", &self.token_ttl)
            .finish_non_exhaustive()
    }
}

/// A running emulator. Stops when dropped, or with [`Emulator::stop`].
pub struct Emulator {
    base_url: String,
    state: Arc<State>,
    shutdown: Option<oneshot::Sender<()>>,
    task: Option<JoinHandle<()>>,
}

impl fmt::Debug for Emulator {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Emulator")
            .field("base_url", &self.base_url)
            .field("client_id", &self.state.credentials.client_id)
            .finish_non_exhaustive()
    }
}

impl Emulator {
    /// Starts on a free loopback port with generated credentials.
    pub async fn start() -> std::io::Result<Emulator> {
        Self::start_with(EmulatorOptions::default()).await
    }

    /// Starts with the given options. Must be called within a tokio runtime, which then runs it.
    pub async fn start_with(opts: EmulatorOptions) -> std::io::Result<Emulator> {
        let credentials = Credentials {
            api_key: opts.api_key.unwrap_or_else(|| ids::secret(48)),
            client_id: opts.client_id.unwrap_or_else(|| format!("emulator-{}", ids::secret(12))),
            client_secret: opts.client_secret.unwrap_or_else(|| ids::secret(40)),
        };
        const HALF_HOUR: Duration = Duration::from_secs(30 * 60);
        // Loopback only: the emulator holds credentials and must not be reachable from outside.
        let listener =
            tokio::net::TcpListener::bind(SocketAddr::from((Ipv4Addr::LOCALHOST, opts.port))).await?;
        let addr = listener.local_addr()?;
        let state = Arc::new(State::new(
            credentials,
            format!("http://{addr}"),
            opts.token_ttl.unwrap_or(HALF_HOUR),
            opts.signer_token_ttl.unwrap_or(HALF_HOUR),
        ));
        let (tx, rx) = oneshot::channel::<()>();
        let app = router(state.clone());
        let task = tokio::spawn(async move {
            let served = axum::serve(listener, app)
                .with_graceful_shutdown(async {
                    let _ = rx.await;
                })
                .await;
            if let Err(e) = served {
                tracing::error!("emulator stopped: {e}");
            }
        });
        Ok(Emulator {
            base_url: format!("http://{addr}"),
            state,
            shutdown: Some(tx),
            task: Some(task),
        })
    }

    /// `http://127.0.0.1:{port}`: give it to the client as its base URL.
    pub fn base_url(&self) -> &str {
        &self.base_url
    }

    /// The API key the emulator accepts.
    pub fn api_key(&self) -> &str {
        &self.state.credentials.api_key
    }

    /// The client ID the emulator accepts.
    pub fn client_id(&self) -> &str {
        &self.state.credentials.client_id
    }

    /// The client secret the emulator accepts.
    pub fn client_secret(&self) -> &str {
        &self.state.credentials.client_secret
    }

    /// How many client-app token exchanges were asked for.
    pub fn token_requests(&self) -> u64 {
        self.state.token_requests()
    }

    /// How many `/api` requests arrived (accepted or not).
    pub fn api_requests(&self) -> u64 {
        self.state.api_requests()
    }

    /// Makes every API token issued so far stop working.
    pub fn expire_tokens(&self) {
        self.state.expire_tokens();
    }

    /// Sets the lifetime of API tokens issued from now on.
    pub fn set_token_ttl(&self, ttl: Duration) {
        self.state.set_token_ttl(ttl);
    }

    /// Sets the lifetime of signer authentication tokens issued from now on.
    pub fn set_signer_token_ttl(&self, ttl: Duration) {
        self.state.set_signer_token_ttl(ttl);
    }

    /// Forgets all packages, tokens and counts.
    pub fn reset(&self) {
        self.state.reset();
    }

    /// The signer of `role_id` signs `document_id`, or every document when it is None.
    pub fn sign_document(
        &self,
        package_id: &str,
        role_id: &str,
        document_id: Option<&str>,
    ) -> Result<(), EmulatorError> {
        signing::sign(&mut self.state.store(), package_id, role_id, document_id)
    }

    /// The signer of `role_id` signs everything left and completes; the package completes
    /// when every signer has.
    pub fn complete_signing(&self, package_id: &str, role_id: &str) -> Result<(), EmulatorError> {
        signing::complete(&mut self.state.store(), package_id, role_id)
    }

    /// The signer of `role_id` is locked out, as after failed authentication attempts.
    pub fn lock_signer(&self, package_id: &str, role_id: &str) -> Result<(), EmulatorError> {
        signing::lock(&mut self.state.store(), package_id, role_id)
    }

    /// Emails and SMS the service would have sent, in order.
    pub fn notifications(&self) -> Vec<Notification> {
        self.state.store().notifications.clone()
    }

    /// Event payloads the service would have notified, in order.
    pub fn events(&self) -> Vec<serde_json::Value> {
        self.state.store().events.clone()
    }

    /// Stops serving and waits until the server has shut down.
    pub async fn stop(mut self) {
        if let Some(tx) = self.shutdown.take() {
            let _ = tx.send(());
        }
        if let Some(task) = self.task.take() {
            let _ = task.await;
        }
    }
}

impl Drop for Emulator {
    fn drop(&mut self) {
        if let Some(tx) = self.shutdown.take() {
            let _ = tx.send(());
        }
    }
}

fn router(state: Arc<State>) -> Router {
    use routes::{packages, roles, signing};
    let api = Router::new()
        .route("/packages", post(packages::create))
        .route(
            "/packages/{id}",
            get(packages::get).put(packages::update).delete(packages::delete),
        )
        .route("/packages/{id}/signingStatus", get(signing::status))
        .route("/packages/{id}/roles", get(roles::list).post(roles::create).put(roles::reorder))
        .route(
            "/packages/{id}/roles/{role}",
            get(roles::get).put(roles::update).delete(roles::delete),
        )
        .route("/packages/{id}/roles/{role}/unlock", post(roles::unlock))
        .route("/packages/{id}/roles/{role}/notifications", post(roles::notify_email))
        .route("/packages/{id}/roles/{role}/sms_notification", post(roles::notify_sms))
        .route("/packages/{id}/roles/{role}/signingUrl", get(roles::signing_url))
        .route("/packages/{id}/roles/{role}/signatureImage", get(roles::signature_image))
        .route("/authenticationTokens/signer/singleUse", post(signing::single_use))
        .route("/authenticationTokens/signer/multiUse", post(signing::multi_use))
        .route("/signerAuthenticationTokens", post(signing::multi_use))
        .layer(axum::middleware::from_fn_with_state(
            state.clone(),
            auth::require_auth,
        ));
    let control = Router::new()
        .route("/stats", get(control::stats))
        .route("/reset", post(control::reset))
        .route("/tokens/expire", post(control::expire_tokens))
        .route("/config", put(control::config))
        .route("/packages/{id}/roles/{role}/sign", post(control::sign))
        .route("/packages/{id}/roles/{role}/complete", post(control::complete))
        .route("/packages/{id}/roles/{role}/lock", post(control::lock))
        .route("/notifications", get(control::notifications))
        .route("/events", get(control::events));
    Router::new()
        .route("/apitoken/clientApp/accessToken", post(auth::access_token))
        .route("/auth", get(routes::signing::session))
        .route("/access", get(routes::signing::session))
        .nest("/api", api)
        .nest(control::PREFIX, control)
        .fallback(not_found)
        .with_state(state)
}

async fn not_found() -> error::ApiError {
    error::ApiError::not_found(
        "error.notFound.resource",
        "The requested resource could not be found.",
    )
}
