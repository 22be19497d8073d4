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
}

impl Store {
    pub fn package(&self, id: &str) -> Option<&Package> {
        self.packages.iter().find(|(k, _)| k == id).map(|(_, p)| p)
    }

    pub fn package_mut(&mut self, id: &str) -> Option<&mut Package> {
        self.packages.iter_mut().find(|(k, _)| k == id).map(|(_, p)| p)
    }
}

pub struct State {
    pub credentials: Credentials,
    pub counters: Counters,
    store: Mutex<Store>,
}

impl State {
    pub fn new(credentials: Credentials, token_ttl: Duration) -> Self {
        State {
            credentials,
            counters: Counters::default(),
            store: Mutex::new(Store {
                packages: Vec::new(),
                api_tokens: HashMap::new(),
                token_ttl,
            }),
        }
    }

    /// The store, even if a handler panicked while holding it: state stays usable in tests.
    pub fn store(&self) -> MutexGuard<'_, Store> {
        self.store.lock().unwrap_or_else(|p| p.into_inner())
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
}
