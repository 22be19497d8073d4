//! The HTTP layer: axum routes for the API (`api`), the token exchange and the
//! authentication middleware (`auth`), the `/__emulator` test controls (`control`), fault
//! injection (`faults`), errors as responses (`response`), the server loop (`server`), and
//! the delivery of queued events to the callback URL (`delivery`).
//!
//! Handlers take requests apart and call `crate::domain`; the rules are not here.

mod api;
mod auth;
mod control;
pub mod delivery;
mod faults;
mod response;
pub mod server;

use crate::store::State;
use axum::routing::{get, post};
use axum::Router;
use std::sync::Arc;

/// The OAuth 2.0 token endpoint's path (assumed; the real one is given per account).
pub const OAUTH_TOKEN_PATH: &str = "/oauth2/token";

/// Every route the emulator serves, with fault injection in front of all of them.
pub fn router(state: Arc<State>) -> Router {
    Router::new()
        .route("/apitoken/clientApp/accessToken", post(auth::access_token))
        .route(OAUTH_TOKEN_PATH, post(auth::oauth_token))
        .route("/auth", get(api::session))
        .route("/access", get(api::session))
        .nest("/api", api::routes(state.clone()))
        .nest(control::PREFIX, control::routes())
        .fallback(response::not_found)
        .method_not_allowed_fallback(response::method_not_allowed)
        .layer(axum::middleware::from_fn_with_state(
            state.clone(),
            faults::apply,
        ))
        .with_state(state)
}
