//! Webhooks: `verifyWebhook` and `parseWebhook`. The core checks the key and walks the body
//! once (`webhook::verify_view`), reading the typed fields and building nothing else; they
//! cross as one string, and webhooks.js builds the event around them, its `raw` parsed by V8
//! from the same body only when read.
//!
//! Why one string: building the whole event through N-API (a call per property, every key
//! interned again) cost four times V8's own `JSON.parse` of the body, and even six strings
//! set into an array cost 1 µs, most of it in V8's generic element store; one string that
//! webhooks.js cuts with `indexOf` and `slice` costs about a tenth of that (bench/README.md).

// napi registers exports only outside cfg(test): a test build sees these as unused.
#![cfg_attr(test, allow(dead_code))]

use crate::errors::{shield_sync, IntoNapi, Result};
use napi::bindgen_prelude::{Array, BufferSlice, Either};
use napi::Env;
use napi_derive::napi;
use onespan_sign::webhook::{self, EventView};

/// Bodies longer than this many bytes (1 MiB) are refused before parsing.
#[napi]
pub const WEBHOOK_MAX_BODY_BYTES: u32 = webhook::DEFAULT_MAX_BODY_BYTES as u32;

fn bytes<'a>(body: &'a Either<BufferSlice<'_>, String>) -> &'a [u8] {
    match body {
        Either::A(buf) => buf,
        Either::B(text) => text.as_bytes(),
    }
}

/// The typed fields as webhook_event.js takes them: one string (`EventView::joined_fields`),
/// or, for the rare field that cannot be written so, an array of the six, null where absent.
fn fields<'env>(env: &'env Env, view: &EventView<'_>) -> Result<Either<String, Array<'env>>> {
    if let Some(joined) = view.joined_fields() {
        return Ok(Either::A(joined));
    }
    let mut out = env.create_array(6)?;
    for (i, field) in view.fields().into_iter().enumerate() {
        out.set(i as u32, field)?;
    }
    Ok(Either::B(out))
}

/// Checks that `authorization` carries `callbackKey`, then reads `body` (the raw request
/// body). Throws the core's WebhookVerificationError or WebhookParseError. Internal: the
/// public `verifyWebhook` is webhooks.js's.
#[napi(
    ts_args_type = "body: Buffer | string, authorization: string | null | undefined, callbackKey: string",
    ts_return_type = "string | [string, string | null, string | null, string | null, string | null, string | null]"
)]
pub fn verify_webhook<'env>(
    env: &'env Env,
    body: Either<BufferSlice<'_>, String>,
    authorization: Option<String>,
    callback_key: String,
) -> Result<Either<String, Array<'env>>> {
    shield_sync(|| {
        let options = webhook::Options::default();
        let view = webhook::verify_view(
            bytes(&body),
            authorization.as_deref(),
            &callback_key,
            &options,
        )
        .napi()?;
        fields(env, &view)
    })
}

/// Reads `body` without checking any key. Throws the core's WebhookParseError. Internal, as
/// `verifyWebhook`.
#[napi(
    ts_args_type = "body: Buffer | string",
    ts_return_type = "string | [string, string | null, string | null, string | null, string | null, string | null]"
)]
pub fn parse_webhook<'env>(
    env: &'env Env,
    body: Either<BufferSlice<'_>, String>,
) -> Result<Either<String, Array<'env>>> {
    shield_sync(|| {
        let view = webhook::parse_view(bytes(&body), &webhook::Options::default()).napi()?;
        fields(env, &view)
    })
}
