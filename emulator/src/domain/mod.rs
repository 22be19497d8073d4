//! The domain: OneSpan Sign's rules over the store — a package's lifecycle, roles and
//! signers, what a signer does, signing status, sessions and tokens, notifications,
//! callback configuration, events and their queueing, and authentication.
//!
//! Plain functions and types over `crate::store`; no HTTP server types. Refusals are
//! [`error::ApiError`]s, which carry the status and body the service answers with.

pub mod auth;
pub mod callbacks;
pub mod documents;
pub mod downloads;
pub mod error;
pub mod events;
pub mod ids;
pub mod json;
pub mod lifecycle;
pub mod listing;
pub mod notifications;
pub mod package;
pub mod pdf;
pub mod roles;
pub mod sender;
pub mod sessions;
pub mod signature_image;
pub mod signing;
pub mod signing_status;
pub mod templates;
