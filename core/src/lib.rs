//! Client for the OneSpan Sign REST API.
//!
//! One [`Client`] (cheap to clone, safe to share) gives resource handles:
//! [`Client::packages`], [`Client::roles`], [`Client::auth_tokens`] and [`Client::callbacks`].
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

mod auth;
mod client;
mod error;
mod error_kind;
pub mod models;
mod net;
mod path;
mod services;
pub mod surface;
mod transport;
pub mod webhook;

pub use auth::Credentials;
pub use client::{Client, ClientBuilder, Environment};
pub use error::{ApiError, Error, ErrorKind, Result};
pub use services::{
    salesforce_key, AuthTokens, Callbacks, DocumentUpload, Packages, Roles, Senders,
};
pub use transport::ESL_API_VERSION;

/// The crate's version, sent in the User-Agent.
pub const VERSION: &str = env!("CARGO_PKG_VERSION");

/// Test hooks for the bindings' own suites. Not part of the API.
#[doc(hidden)]
pub mod __private {
    /// Panics inside an async call, so the bindings' tests can prove that no panic crosses
    /// the language boundary.
    #[allow(clippy::panic)]
    pub async fn panic_for_tests() -> crate::Result<()> {
        tokio::task::yield_now().await;
        panic!("deliberate panic for the binding tests")
    }
}
