//! Webhooks: `verifyWebhook` and `parseWebhook`. The core checks the key and parses; the
//! event crosses as JSON text (see json.rs) with the core's camelCase names (`Event`'s serde form).

// napi registers exports only outside cfg(test): a test build sees these as unused.
#![cfg_attr(test, allow(dead_code))]

use crate::errors::{shield_sync, IntoNapi, Result};
use crate::json::{json, JsonText};
use napi::bindgen_prelude::{Buffer, Either};
use napi_derive::napi;
use onespan_sign::webhook;

/// Bodies longer than this many bytes (1 MiB) are refused before parsing.
#[napi]
pub const WEBHOOK_MAX_BODY_BYTES: u32 = webhook::DEFAULT_MAX_BODY_BYTES as u32;

fn bytes(body: &Either<Buffer, String>) -> &[u8] {
    match body {
        Either::A(buf) => buf,
        Either::B(text) => text.as_bytes(),
    }
}

/// Checks that `authorization` (the request's Authorization header value) carries
/// `callbackKey`, then parses `body` (the raw request body) into an event.
/// Throws WebhookVerificationError for a missing header, an empty key or a mismatch, and
/// WebhookParseError for a body that is not a OneSpan event.
#[napi(
    ts_args_type = "body: Buffer | string, authorization: string | null | undefined, callbackKey: string",
    ts_return_type = "WebhookEvent"
)]
pub fn verify_webhook(
    body: Either<Buffer, String>,
    authorization: Option<String>,
    callback_key: String,
) -> Result<JsonText> {
    shield_sync(|| {
        json(&webhook::verify(bytes(&body), authorization.as_deref(), &callback_key).napi()?)
    })
}

/// Parses `body` (the raw request body) into an event without checking any key.
/// Throws WebhookParseError for a body that is not a OneSpan event.
#[napi(
    ts_args_type = "body: Buffer | string",
    ts_return_type = "WebhookEvent"
)]
pub fn parse_webhook(body: Either<Buffer, String>) -> Result<JsonText> {
    shield_sync(|| json(&webhook::parse(bytes(&body)).napi()?))
}
