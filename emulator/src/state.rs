//! The emulator's in-memory state: accounts' credentials, packages, tokens and counters.

use serde_json::{Map, Value};
use std::collections::HashMap;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Mutex, MutexGuard};
use std::time::{Duration, Instant};

/// What the emulator was started with.
#[derive(Clone)]
pub struct Credentials {
    pub api_key: String,
    pub client_id: String,
    pub client_secret: String,
}

/// Counters tests read to check what the client did.
#[derive(Default)]
pub struct Counters {
    pub token_requests: AtomicU64,
    pub api_requests: AtomicU64,
}

/// A package as stored: the JSON object the API serves, kept whole so unknown fields survive.
pub type Package = Map<String, Value>;

pub struct Store {
    /// Packages in creation order, so listings are stable.
    pub packages: Vec<(String, Package)>,
    /// API tokens from the client-app exchange, with their expiry.
    pub api_tokens: HashMap<String, Instant>,
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
    /// Every attempt to deliver an event to the callback URL, in order.
    pub deliveries: Vec<DeliveryAttempt>,
    /// Where events to deliver go; the delivery task reads them in order.
    pub outbox: Option<tokio::sync::mpsc::UnboundedSender<Outgoing>>,
    /// Armed faults with how many more requests each applies to.
    pub faults: Vec<(crate::faults::Fault, u32)>,
    /// Every request but the control ones, as `METHOD /path`, in order.
    pub requests: Vec<String>,
    /// The User-Agent of the last such request.
    pub last_user_agent: Option<String>,
}

/// An event on its way to the callback URL.
pub struct Outgoing {
    pub url: String,
    pub key: Option<String>,
    pub payload: Value,
}

/// One attempt to deliver an event.
#[derive(Clone, Debug, serde::Serialize)]
#[serde(rename_all = "camelCase")]
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

/// A signer authentication token.
pub struct SignerToken {
    pub package_id: String,
    pub role_id: String,
    pub single_use: bool,
    pub expires: Instant,
    pub used: bool,
}

/// The signing state of one package.
#[derive(Default)]
pub struct Signing {
    /// (role ID, document ID) pairs signed.
    pub signed: std::collections::HashSet<(String, String)>,
    /// Roles whose signer has completed (confirmed) signing.
    pub completed: std::collections::HashSet<String>,
    /// Roles whose signer has captured a signature (so it has an image).
    pub captured: std::collections::HashSet<String>,
}

/// An email or SMS the service would have sent.
#[derive(Clone, Debug, serde::Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Notification {
    /// `email` or `sms`.
    pub kind: String,
    pub package_id: String,
    pub role_id: String,
    /// The email address or phone number it went to.
    pub to: String,
}

impl Store {
    pub fn package(&self, id: &str) -> Option<&Package> {
        self.packages.iter().find(|(k, _)| k == id).map(|(_, p)| p)
    }

    /// The package, or the service's 404 for it.
    pub fn find(&self, id: &str) -> crate::error::ApiResult<&Package> {
        self.package(id)
            .ok_or_else(|| crate::error::ApiError::package_not_found(id))
    }

    /// The package to change, or the service's 404 for it.
    pub fn find_mut(&mut self, id: &str) -> crate::error::ApiResult<&mut Package> {
        self.package_mut(id)
            .ok_or_else(|| crate::error::ApiError::package_not_found(id))
    }

    pub fn package_mut(&mut self, id: &str) -> Option<&mut Package> {
        self.packages
            .iter_mut()
            .find(|(k, _)| k == id)
            .map(|(_, p)| p)
    }
}

pub struct State {
    pub credentials: Credentials,
    /// `http://127.0.0.1:{port}`, for the URLs the API hands out.
    base_url: String,
    pub counters: Counters,
    store: Mutex<Store>,
}

impl State {
    pub fn new(
        credentials: Credentials,
        base_url: String,
        token_ttl: Duration,
        signer_token_ttl: Duration,
    ) -> Self {
        State {
            credentials,
            base_url,
            counters: Counters::default(),
            store: Mutex::new(Store {
                packages: Vec::new(),
                api_tokens: HashMap::new(),
                token_ttl,
                signer_tokens: HashMap::new(),
                signer_token_ttl,
                signing: HashMap::new(),
                notifications: Vec::new(),
                events: Vec::new(),
                login_tokens: HashMap::new(),
                callback: None,
                deliveries: Vec::new(),
                outbox: None,
                faults: Vec::new(),
                requests: Vec::new(),
                last_user_agent: None,
            }),
        }
    }

    /// The store, even if a handler panicked while holding it: state stays usable in tests.
    pub fn store(&self) -> MutexGuard<'_, Store> {
        self.store.lock().unwrap_or_else(|p| p.into_inner())
    }

    pub fn base_url(&self) -> &str {
        &self.base_url
    }

    pub fn token_requests(&self) -> u64 {
        self.counters.token_requests.load(Ordering::Relaxed)
    }

    pub fn api_requests(&self) -> u64 {
        self.counters.api_requests.load(Ordering::Relaxed)
    }

    /// Forget everything but the credentials.
    pub fn reset(&self) {
        let mut s = self.store();
        s.packages.clear();
        s.api_tokens.clear();
        s.signer_tokens.clear();
        s.signing.clear();
        s.notifications.clear();
        s.events.clear();
        s.login_tokens.clear();
        s.callback = None;
        s.deliveries.clear();
        s.faults.clear();
        s.requests.clear();
        self.counters.token_requests.store(0, Ordering::Relaxed);
        self.counters.api_requests.store(0, Ordering::Relaxed);
    }
}

impl State {
    /// Every API token issued so far stops working.
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
