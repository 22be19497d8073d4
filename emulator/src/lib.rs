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
mod delivery;
mod error;
mod events;
mod faults;
mod ids;
mod image;
mod package;
mod routes;
mod signing;
mod state;

pub use error::ApiError as EmulatorError;
pub use faults::{Fault, FaultAction, FaultBody};
pub use state::{DeliveryAttempt, Notification};

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
    deliverer: JoinHandle<()>,
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
            client_id: opts
                .client_id
                .unwrap_or_else(|| format!("emulator-{}", ids::secret(12))),
            client_secret: opts.client_secret.unwrap_or_else(|| ids::secret(40)),
        };
        const HALF_HOUR: Duration = Duration::from_secs(30 * 60);
        // Loopback only: the emulator holds credentials and must not be reachable from outside.
        let listener =
            tokio::net::TcpListener::bind(SocketAddr::from((Ipv4Addr::LOCALHOST, opts.port)))
                .await?;
        let addr = listener.local_addr()?;
        let state = Arc::new(State::new(
            credentials,
            format!("http://{addr}"),
            opts.token_ttl.unwrap_or(HALF_HOUR),
            opts.signer_token_ttl.unwrap_or(HALF_HOUR),
        ));
        let (outbox, queued) = tokio::sync::mpsc::unbounded_channel();
        state.store().outbox = Some(outbox);
        let deliverer = tokio::spawn(delivery::run(Arc::downgrade(&state), queued));
        let (tx, rx) = oneshot::channel::<()>();
        let app = router(state.clone());
        let task = tokio::spawn(serve(listener, app, rx));
        Ok(Emulator {
            base_url: format!("http://{addr}"),
            state,
            shutdown: Some(tx),
            task: Some(task),
            deliverer,
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

    /// Arms `fault` for the next matching requests (see [`Fault`]).
    pub fn inject_fault(&self, fault: Fault) {
        let count = fault.count.unwrap_or(1).max(1);
        self.state.store().faults.push((fault, count));
    }

    /// Every request received so far (control requests aside), as `METHOD /path`, in order.
    pub fn requests(&self) -> Vec<String> {
        self.state.store().requests.clone()
    }

    /// The User-Agent of the last request received (control requests aside).
    pub fn last_user_agent(&self) -> Option<String> {
        self.state.store().last_user_agent.clone()
    }

    /// Every attempt to deliver an event to the callback URL, in order.
    pub fn deliveries(&self) -> Vec<DeliveryAttempt> {
        self.state.store().deliveries.clone()
    }

    /// Causes an event the API has no endpoint for, as a signer or the service would:
    /// `PACKAGE_DECLINE` and `PACKAGE_OPT_OUT` (by `role_id`, with `message` as the reason),
    /// `PACKAGE_EXPIRE`, `PACKAGE_ATTACHMENT`, `ROLE_REASSIGN`, `KBA_FAILURE`, `EMAIL_BOUNCE`.
    /// Events with an endpoint or a control of their own are refused here.
    pub fn simulate_event(
        &self,
        package_id: &str,
        event_name: &str,
        role_id: Option<&str>,
        message: Option<&str>,
    ) -> Result<(), EmulatorError> {
        signing::simulate(
            &mut self.state.store(),
            package_id,
            event_name,
            role_id,
            message,
        )
    }

    /// Stops serving and waits until the server has shut down.
    pub async fn stop(mut self) {
        self.deliverer.abort();
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
        self.deliverer.abort();
        if let Some(tx) = self.shutdown.take() {
            let _ = tx.send(());
        }
    }
}

/// Serves HTTP/1.1 until `shutdown`. A hand-rolled loop rather than `axum::serve` because
/// an injected fault must be able to close a connection without answering, which takes a
/// service that can fail.
async fn serve(
    listener: tokio::net::TcpListener,
    app: Router,
    mut shutdown: oneshot::Receiver<()>,
) {
    use hyper_util::rt::TokioIo;
    use tower::ServiceExt;
    let graceful = hyper_util::server::graceful::GracefulShutdown::new();
    loop {
        tokio::select! {
            accepted = listener.accept() => {
                let Ok((stream, _)) = accepted else { continue };
                let app = app.clone();
                let service = hyper::service::service_fn(move |req: hyper::Request<hyper::body::Incoming>| {
                    let app = app.clone();
                    async move {
                        let resp = match app.oneshot(req.map(axum::body::Body::new)).await {
                            Ok(r) => r,
                            Err(never) => match never {},
                        };
                        if resp.extensions().get::<faults::DropConnection>().is_some() {
                            Err(std::io::Error::other("connection dropped by an injected fault"))
                        } else {
                            Ok(resp)
                        }
                    }
                });
                let conn = hyper::server::conn::http1::Builder::new()
                    .serve_connection(TokioIo::new(stream), service);
                let conn = graceful.watch(conn);
                tokio::spawn(async move {
                    let _ = conn.await;
                });
            }
            _ = &mut shutdown => break,
        }
    }
    drop(listener);
    // In-flight requests finish; idle keep-alive connections are closed.
    let _ = tokio::time::timeout(Duration::from_secs(2), graceful.shutdown()).await;
}

fn router(state: Arc<State>) -> Router {
    use routes::{packages, roles, signing};
    let api = Router::new()
        .route("/packages", post(packages::create))
        // The official SDK sends with POST; the documentation says PUT. Both update.
        .route(
            "/packages/{id}",
            get(packages::get)
                .put(packages::update)
                .post(packages::update)
                .delete(packages::delete),
        )
        .route("/packages/{id}/documents", post(packages::add_document))
        .route("/packages/{id}/notifications", post(roles::notify_by_email))
        .route("/packages/{id}/signingStatus", get(signing::status))
        .route(
            "/packages/{id}/roles",
            get(roles::list).post(roles::create).put(roles::reorder),
        )
        .route(
            "/packages/{id}/roles/{role}",
            get(roles::get).put(roles::update).delete(roles::delete),
        )
        .route("/packages/{id}/roles/{role}/unlock", post(roles::unlock))
        .route(
            "/packages/{id}/roles/{role}/notifications",
            post(roles::notify_email),
        )
        .route(
            "/packages/{id}/roles/{role}/sms_notification",
            post(roles::notify_sms),
        )
        .route(
            "/packages/{id}/roles/{role}/signingUrl",
            get(roles::signing_url),
        )
        .route(
            "/packages/{id}/roles/{role}/signatureImage",
            get(roles::signature_image),
        )
        .route(
            "/authenticationTokens/signer/singleUse",
            post(signing::single_use),
        )
        .route(
            "/authenticationTokens/signer/multiUse",
            post(signing::multi_use),
        )
        .route("/signerAuthenticationTokens", post(signing::multi_use))
        .route(
            "/callback",
            get(routes::callbacks::get)
                .post(routes::callbacks::set)
                .delete(routes::callbacks::delete),
        )
        .method_not_allowed_fallback(method_not_allowed)
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
        .route(
            "/packages/{id}/roles/{role}/complete",
            post(control::complete),
        )
        .route("/packages/{id}/roles/{role}/lock", post(control::lock))
        .route("/notifications", get(control::notifications))
        .route("/deliveries", get(control::deliveries))
        .route("/faults", post(control::inject_fault))
        .route("/requests", get(control::requests))
        .route(
            "/packages/{id}/events/{name}",
            post(control::simulate_event),
        )
        .route("/events", get(control::events));
    Router::new()
        .route("/apitoken/clientApp/accessToken", post(auth::access_token))
        .route("/auth", get(routes::signing::session))
        .route("/access", get(routes::signing::session))
        .nest("/api", api)
        .nest(control::PREFIX, control)
        .fallback(not_found)
        .method_not_allowed_fallback(method_not_allowed)
        .layer(axum::middleware::from_fn_with_state(
            state.clone(),
            faults::apply,
        ))
        .with_state(state)
}

/// JSON like every other error: the official SDK cannot read an empty error body.
async fn method_not_allowed() -> error::ApiError {
    error::ApiError::new(
        axum::http::StatusCode::METHOD_NOT_ALLOWED,
        "error.methodNotAllowed",
        "The method is not allowed for this resource.",
    )
}

async fn not_found() -> error::ApiError {
    error::ApiError::not_found(
        "error.notFound.resource",
        "The requested resource could not be found.",
    )
}
