//! The store: everything the emulator holds in memory — credentials, packages, tokens,
//! signing records, callback configuration, armed faults, counters and logs.
//!
//! Plain data and bookkeeping only: no HTTP, and no OneSpan rules (what may change when,
//! which error answers what). Those live in `crate::domain`, which is the only layer that
//! changes packages; this one never imports from it or from `crate::http`.

mod counters;
mod credentials;
mod faults;
mod files;
mod packages;
mod records;
mod signing;
mod tokens;

pub use counters::Counters;
pub use credentials::Credentials;
pub use faults::{Fault, FaultAction, FaultBody};
pub use packages::Package;
pub use records::{DeliveryAttempt, DeliveryAuth, Notification, Outgoing};
pub use signing::Signing;
pub use tokens::{SenderSignature, SenderToken, SignerToken};

use serde_json::{Map, Value};
use std::collections::HashMap;
use std::sync::{Mutex, MutexGuard};
use std::time::{Duration, Instant};

/// The data behind the lock: what requests and controls read and change.
pub struct Store {
    /// Packages in creation order, so listings are stable.
    pub packages: Vec<(String, Package)>,
    /// Document contents as uploaded, by (package ID, document ID).
    pub files: HashMap<(String, String), bytes::Bytes>,
    /// API tokens from the client-app exchange, with their expiry.
    pub api_tokens: HashMap<String, Instant>,
    /// The sender an API token acts as (`{"email"}` or `{"id"}`), when not the owner.
    pub token_senders: HashMap<String, Value>,
    /// The sender (`{"id"?, "email"?}`) whose credentials the last `/api` request carried.
    pub last_sender: Option<Value>,
    /// Sender authentication tokens (the designer), by value.
    pub sender_tokens: HashMap<String, SenderToken>,
    /// Senders' signature images, by sender ID: `Some` uploaded, `None` deleted; a sender
    /// not listed has the emulator's drawn signature if it is the owner, else none.
    pub sender_signatures: HashMap<String, Option<SenderSignature>>,
    pub token_ttl: Duration,
    /// Signer authentication tokens, by value.
    pub signer_tokens: HashMap<String, SignerToken>,
    pub signer_token_ttl: Duration,
    /// What each package's signers have done, by package ID.
    pub signing: HashMap<String, Signing>,
    /// Emails and SMS the service would have sent, in order.
    pub notifications: Vec<Notification>,
    /// Events the service would notify about, in order (delivered to the callback URL).
    pub events: Vec<Value>,
    /// Login tokens of role signing URLs (which do not expire): token → (package, role).
    pub login_tokens: HashMap<String, (String, String)>,
    /// The account's callback configuration, as stored (key included).
    pub callback: Option<Map<String, Value>>,
    /// The connectors' callback configurations, by origin (`/api/callback/connectors/{o}`).
    pub connector_callbacks: HashMap<String, Map<String, Value>>,
    /// Every attempt to deliver an event to the callback URL, in order.
    pub deliveries: Vec<DeliveryAttempt>,
    /// Where events to deliver go; the delivery task reads them in order.
    pub outbox: Option<tokio::sync::mpsc::UnboundedSender<Outgoing>>,
    /// Armed faults with how many more requests each applies to.
    pub faults: Vec<(Fault, u32)>,
    /// Every request but the control ones, as `METHOD /path`, in order.
    pub requests: Vec<String>,
    /// The User-Agent of the last such request.
    pub last_user_agent: Option<String>,
}

impl Store {
    fn new(token_ttl: Duration, signer_token_ttl: Duration) -> Self {
        Store {
            packages: Vec::new(),
            files: HashMap::new(),
            api_tokens: HashMap::new(),
            token_senders: HashMap::new(),
            last_sender: None,
            sender_tokens: HashMap::new(),
            sender_signatures: HashMap::new(),
            token_ttl,
            signer_tokens: HashMap::new(),
            signer_token_ttl,
            signing: HashMap::new(),
            notifications: Vec::new(),
            events: Vec::new(),
            login_tokens: HashMap::new(),
            callback: None,
            connector_callbacks: HashMap::new(),
            deliveries: Vec::new(),
            outbox: None,
            faults: Vec::new(),
            requests: Vec::new(),
            last_user_agent: None,
        }
    }
}

/// One emulator's state, shared by the server, the delivery task and the `Emulator` handle.
pub struct State {
    pub credentials: Credentials,
    /// `http://127.0.0.1:{port}`, for the URLs the API hands out.
    base_url: String,
    pub counters: Counters,
    /// Whether a failed event delivery is tried again (the service never does; an option).
    pub retry_deliveries: bool,
    store: Mutex<Store>,
}

impl State {
    pub fn new(
        credentials: Credentials,
        base_url: String,
        token_ttl: Duration,
        signer_token_ttl: Duration,
        retry_deliveries: bool,
    ) -> Self {
        State {
            credentials,
            base_url,
            counters: Counters::default(),
            retry_deliveries,
            store: Mutex::new(Store::new(token_ttl, signer_token_ttl)),
        }
    }

    /// The store, even if a handler panicked while holding it: state stays usable in tests.
    pub fn store(&self) -> MutexGuard<'_, Store> {
        self.store.lock().unwrap_or_else(|p| p.into_inner())
    }

    pub fn base_url(&self) -> &str {
        &self.base_url
    }

    /// Forget everything but the credentials, the token lifetimes and the outbox.
    pub fn reset(&self) {
        let mut s = self.store();
        s.packages.clear();
        s.files.clear();
        s.api_tokens.clear();
        s.token_senders.clear();
        s.last_sender = None;
        s.sender_tokens.clear();
        s.sender_signatures.clear();
        s.signer_tokens.clear();
        s.signing.clear();
        s.notifications.clear();
        s.events.clear();
        s.login_tokens.clear();
        s.callback = None;
        s.connector_callbacks.clear();
        s.deliveries.clear();
        s.faults.clear();
        s.requests.clear();
        self.counters.reset();
    }

    /// Every API token issued so far is forgotten.
    pub fn expire_tokens(&self) {
        self.store().api_tokens.clear();
    }

    /// The lifetime of API tokens issued from now on.
    pub fn set_token_ttl(&self, ttl: Duration) {
        self.store().token_ttl = ttl;
    }

    /// The lifetime of signer authentication tokens issued from now on.
    pub fn set_signer_token_ttl(&self, ttl: Duration) {
        self.store().signer_token_ttl = ttl;
    }
}
