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
//!
//! # Layers
//!
//! Three layers, each a folder, and imports point one way only — down:
//!
//! ```text
//! emulator.rs, options.rs   the public handle and its options        (may use all below)
//!        │
//! http/      axum routes, auth middleware, /__emulator controls, fault injection,
//!        │   errors → responses, the server loop, event delivery to the callback URL
//!        ▼
//! domain/    OneSpan's rules: package lifecycle, roles, documents, signing, signing status,
//!        │   sessions and tokens, notifications, callbacks, events and their queueing, auth,
//!        │   listings, templates, and the files downloads hand out (PDFs via lopdf, zips)
//!        ▼
//! store/     the in-memory data: packages, document files, tokens, signing records, faults,
//!            counters, logs
//! ```
//!
//! `store` imports nothing from the crate outside itself; `domain` imports only `store`
//! (and no axum); `http` imports `domain` and `store`, never the handle. A new endpoint is
//! a rule in `domain/` and a handler plus a route in `http/api/`.

mod domain;
mod emulator;
mod http;
mod options;
mod store;

pub use domain::error::ApiError as EmulatorError;
pub use emulator::Emulator;
pub use options::{EmulatorOptions, Naming, OptionStyle, OptionsError, OptionsErrorKind, TimeUnit};
pub use store::{DeliveryAttempt, Fault, FaultAction, FaultBody, Notification};
