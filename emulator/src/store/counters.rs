//! Counters tests read to check what the client did.

use std::sync::atomic::{AtomicU64, Ordering};

#[derive(Default)]
pub struct Counters {
    token_requests: AtomicU64,
    api_requests: AtomicU64,
}

impl Counters {
    /// A client-app token exchange was asked for.
    pub fn count_token_request(&self) {
        self.token_requests.fetch_add(1, Ordering::Relaxed);
    }

    /// An `/api` request arrived (accepted or not).
    pub fn count_api_request(&self) {
        self.api_requests.fetch_add(1, Ordering::Relaxed);
    }

    pub fn token_requests(&self) -> u64 {
        self.token_requests.load(Ordering::Relaxed)
    }

    pub fn api_requests(&self) -> u64 {
        self.api_requests.load(Ordering::Relaxed)
    }

    pub fn reset(&self) {
        self.token_requests.store(0, Ordering::Relaxed);
        self.api_requests.store(0, Ordering::Relaxed);
    }
}
