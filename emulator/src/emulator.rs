//! The running emulator: starts the server and the delivery task over one fresh store, hands
//! out the base URL and credentials, reads counters and logs, drives the test controls, and
//! stops.

use crate::domain::error::ApiError;
use crate::domain::{ids, signing};
use crate::http;
use crate::options::EmulatorOptions;
use crate::store::{Credentials, DeliveryAttempt, Fault, Notification, State};
use std::fmt;
use std::net::{Ipv4Addr, SocketAddr};
use std::sync::{Arc, Mutex};
use std::time::Duration;
use tokio::sync::oneshot;
use tokio::task::JoinHandle;

/// A running emulator. Stops when dropped, or with [`Emulator::stop`]; what it recorded
/// (requests, events, deliveries, notifications, counters) stays readable after it stops.
pub struct Emulator {
    base_url: String,
    state: Arc<State>,
    /// Fires the server's shutdown; taken by the first stop (or drop).
    shutdown: Mutex<Option<oneshot::Sender<()>>>,
    /// The server loop, awaited by the first `stop`; later calls wait for the lock, so none
    /// returns before the server is gone.
    server: tokio::sync::Mutex<Option<JoinHandle<()>>>,
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
            oauth_client_id: format!("oauth-{}", ids::secret(12)),
            oauth_client_secret: ids::secret(40),
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
            opts.retry_deliveries,
        ));
        let (outbox, queued) = tokio::sync::mpsc::unbounded_channel();
        state.store().outbox = Some(outbox);
        let deliverer = tokio::spawn(http::delivery::run(Arc::downgrade(&state), queued));
        let (tx, rx) = oneshot::channel::<()>();
        let app = http::router(state.clone());
        let server = tokio::spawn(http::server::serve(listener, app, rx));
        Ok(Emulator {
            base_url: format!("http://{addr}"),
            state,
            shutdown: Mutex::new(Some(tx)),
            server: tokio::sync::Mutex::new(Some(server)),
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

    /// The user ID of the account's sender, who owns every package: the ID of the owner's
    /// role (type SENDER) each package holds, `sessionUser` of the sender's events, and the
    /// sender whose signature image `GET /api/account/senders/{id}/signatureImage` has.
    pub fn sender_id(&self) -> &'static str {
        crate::domain::sender::SENDER_ID
    }

    /// The sender's email, as the owner's role and the package's `sender` show it: the
    /// sender of API-key and OWNER-token requests.
    pub fn sender_email(&self) -> &'static str {
        crate::domain::sender::SENDER_EMAIL
    }

    /// The OAuth 2.0 client ID the emulator's token endpoint accepts.
    pub fn oauth_client_id(&self) -> &str {
        &self.state.credentials.oauth_client_id
    }

    /// The OAuth 2.0 client secret the emulator's token endpoint accepts.
    pub fn oauth_client_secret(&self) -> &str {
        &self.state.credentials.oauth_client_secret
    }

    /// The OAuth 2.0 token URL: `{base_url}/oauth2/token` (outside `/api`).
    pub fn oauth_token_url(&self) -> String {
        format!("{}{}", self.base_url, crate::http::OAUTH_TOKEN_PATH)
    }

    /// The sender the last `/api` request acted as: `{"id", "email"}` for the owner,
    /// `{"email"}` for a client-app SENDER token, `{"id"}` for an OAuth token with
    /// `sender_id`. A package created records it as its `sender`.
    pub fn last_sender(&self) -> Option<serde_json::Value> {
        self.state.store().last_sender.clone()
    }

    /// How many token requests were asked for: client-app exchanges and OAuth 2.0 token
    /// requests alike (a client uses one kind of credentials).
    pub fn token_requests(&self) -> u64 {
        self.state.counters.token_requests()
    }

    /// How many `/api` requests arrived (accepted or not).
    pub fn api_requests(&self) -> u64 {
        self.state.counters.api_requests()
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
    ) -> Result<(), ApiError> {
        signing::sign(&mut self.state.store(), package_id, role_id, document_id)
    }

    /// The signer of `role_id` signs everything left and completes; the package completes
    /// when every signer has.
    pub fn complete_signing(&self, package_id: &str, role_id: &str) -> Result<(), ApiError> {
        signing::complete(&mut self.state.store(), package_id, role_id)
    }

    /// The signer of `role_id` is locked out, as after failed authentication attempts.
    pub fn lock_signer(&self, package_id: &str, role_id: &str) -> Result<(), ApiError> {
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
        self.state.store().arm_fault(fault);
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
    ) -> Result<(), ApiError> {
        signing::simulate(
            &mut self.state.store(),
            package_id,
            event_name,
            role_id,
            message,
        )
    }

    /// Whether [`Emulator::stop`] has been called.
    pub fn is_stopped(&self) -> bool {
        self.shutdown
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .is_none()
    }

    /// Stops serving, and returns once stopped: no connection is accepted any more, and a
    /// request still in flight (past a short grace) is cut off, never answered. Event
    /// delivery stops too. What was recorded stays readable. Calling it again does nothing.
    pub async fn stop(&self) {
        self.signal_stop();
        let mut server = self.server.lock().await;
        if let Some(task) = server.take() {
            let _ = task.await;
        }
    }

    fn signal_stop(&self) {
        self.deliverer.abort();
        let tx = self
            .shutdown
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .take();
        if let Some(tx) = tx {
            let _ = tx.send(());
        }
    }
}

impl Drop for Emulator {
    fn drop(&mut self) {
        self.signal_stop();
    }
}
