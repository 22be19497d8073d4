//! The OneSpan Sign API's routes under `/api`, one file per resource. Each handler takes the
//! request apart, calls `crate::domain`, and shapes the answer.

mod callbacks;
mod documents;
mod downloads;
mod packages;
mod roles;
mod senders;
mod signing;

pub use signing::session;

use crate::store::State;
use axum::routing::{get, post};
use axum::Router;
use std::sync::Arc;

/// The largest request body taken (an upload with its documents).
const MAX_BODY: usize = 1 << 30;

/// The `/api` routes, behind the authentication middleware.
pub fn routes(state: Arc<State>) -> Router<Arc<State>> {
    Router::new()
        .route("/packages", get(packages::list).post(packages::create))
        // The official SDK sends with POST; the documentation says PUT. Both update.
        .route(
            "/packages/{id}",
            get(packages::get)
                .put(packages::update)
                .post(packages::update)
                .delete(packages::delete),
        )
        .route(
            "/packages/{id}/documents",
            post(documents::upload)
                .put(documents::reorder)
                .delete(documents::delete_many),
        )
        .route("/packages/{id}/documents/zip", get(downloads::zip))
        .route(
            "/packages/{id}/documents/{doc}",
            get(documents::get)
                .put(documents::update)
                .delete(documents::delete),
        )
        .route("/packages/{id}/documents/{doc}/pdf", get(downloads::pdf))
        .route(
            "/packages/{id}/documents/{doc}/original",
            get(downloads::original),
        )
        .route(
            "/packages/{id}/evidence/summary",
            get(downloads::evidence_summary),
        )
        .route("/packages/{id}/audit", get(downloads::audit))
        .route("/packages/{id}/clone", post(packages::clone))
        .route("/packages/{id}/notifications", post(roles::notify_by_email))
        .route("/packages/{id}/signingStatus", get(signing::status))
        .route(
            "/packages/{id}/roles",
            get(roles::list).post(roles::create).put(roles::reorder),
        )
        .route(
            "/packages/{id}/roles/{role}",
            get(roles::get).put(roles::update).delete(roles::delete),
        )
        .route("/packages/{id}/roles/{role}/unlock", post(roles::unlock))
        .route(
            "/packages/{id}/roles/{role}/notifications",
            post(roles::notify_email),
        )
        .route(
            "/packages/{id}/roles/{role}/sms_notification",
            post(roles::notify_sms),
        )
        .route(
            "/packages/{id}/roles/{role}/signingUrl",
            get(roles::signing_url),
        )
        .route(
            "/packages/{id}/roles/{role}/signatureImage",
            get(roles::signature_image),
        )
        .route(
            "/authenticationTokens/signer/singleUse",
            post(signing::single_use),
        )
        .route(
            "/authenticationTokens/signer/multiUse",
            post(signing::multi_use),
        )
        .route("/signerAuthenticationTokens", post(signing::multi_use))
        .route("/authenticationTokens/sender", post(signing::sender_token))
        .route(
            "/account/senders/{sender}/signatureImage",
            get(senders::signature_image),
        )
        .route(
            "/account/senders/{sender}/signature/image",
            get(senders::get_image)
                .post(senders::upload_image)
                .delete(senders::delete_image),
        )
        .route(
            "/callback",
            // No DELETE: the service's endpoint listing has only GET and POST (spec/), so
            // a DELETE gets the 405 of the fallback below.
            get(callbacks::get).post(callbacks::set),
        )
        .route(
            "/callback/connectors/{origin}",
            get(callbacks::get_connector).post(callbacks::set_connector),
        )
        .method_not_allowed_fallback(super::response::method_not_allowed)
        // Documents can be large (a 200 MB PDF is a test case); the default limit is 2 MB.
        .layer(axum::extract::DefaultBodyLimit::max(MAX_BODY))
        .layer(axum::middleware::from_fn_with_state(
            state,
            super::auth::require_auth,
        ))
}
