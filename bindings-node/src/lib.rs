//! The Node binding: each module converts types and errors; every request, retry and JSON
//! shape lives in the `onespan-sign` core. Async methods run on napi's tokio runtime, the
//! one runtime this binding uses.

#![deny(clippy::all)]

mod client;
mod emulator;
mod errors;
mod services;
mod webhooks;
