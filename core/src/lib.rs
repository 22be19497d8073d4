//! Client for the OneSpan Sign REST API.
//!
//! One [`Client`] (cheap to clone, safe to share) gives resource handles:
//! [`Client::packages`], [`Client::documents`], [`Client::templates`], [`Client::roles`],
//! [`Client::auth_tokens`] and [`Client::callbacks`].
//! Webhook payloads are checked and parsed by [`webhook::verify`].
//!
//! ```no_run
//! # async fn demo() -> onespan_sign::Result<()> {
//! use onespan_sign::{Client, Environment, models::Package};
//! let client = Client::builder().api_key("...").environment(Environment::Sandbox).build()?;
//! let id = client.packages().create(&Package::new("Lease"), &[]).await?;
//! client.packages().send(&id).await?;
//! # Ok(()) }
//! ```

// Everything that sends requests needs the `client` feature (on by default); without it the
// crate is the models, the errors and `webhook`, for the C ABI and WebAssembly builds.
#[cfg(feature = "client")]
mod auth;
#[cfg(feature = "client")]
pub mod blocking;
#[cfg(feature = "client")]
mod client;
#[cfg(feature = "client")]
pub mod download;
mod error;
mod error_kind;
#[cfg(feature = "client")]
pub mod listing;
pub mod models;
#[cfg(feature = "client")]
mod net;
#[cfg(feature = "client")]
mod path;
#[cfg(feature = "client")]
mod services;
#[cfg(feature = "client")]
pub mod surface;
#[cfg(feature = "client")]
mod transport;
pub mod webhook;

#[cfg(feature = "client")]
pub use auth::Credentials;
#[cfg(feature = "client")]
pub use client::{Client, ClientBuilder, Environment};
#[cfg(feature = "client")]
pub use download::{ChunkWriter, Download, Sink};
pub use error::{ApiError, Error, ErrorKind, Result};
#[cfg(feature = "client")]
pub use listing::Pages;
#[cfg(feature = "client")]
pub use services::{
    salesforce_key, AuthTokens, Callbacks, DocumentUpload, Documents, Packages, Roles, Senders,
    Templates,
};
#[cfg(feature = "client")]
pub use transport::ESL_API_VERSION;

/// The crate's version, sent in the User-Agent.
pub const VERSION: &str = env!("CARGO_PKG_VERSION");

/// Test hooks for the bindings' own suites. Not part of the API.
#[doc(hidden)]
#[cfg(feature = "client")]
pub mod __private {
    /// Panics inside an async call, so the bindings' tests can prove that no panic crosses
    /// the language boundary.
    #[allow(clippy::panic)]
    pub async fn panic_for_tests() -> crate::Result<()> {
        tokio::task::yield_now().await;
        panic!("deliberate panic for the binding tests")
    }

    /// How many `blocking` lanes are idle in the pool, for the pool's own test.
    pub fn idle_lanes() -> usize {
        crate::blocking::idle_lanes()
    }
}
