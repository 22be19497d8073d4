//! The core's webhook verification compiled to WebAssembly (`onespan-sign-webhooks` on npm).
//!
//! Each call answers one JSON text, `{"event": {...}}` or `{"error": "verification" |
//! "parse", "message": "..."}`: one string crosses into JavaScript, which `JSON.parse` reads
//! faster than building the object field by field through the boundary would be. The
//! JavaScript side (`js/index.js`) turns errors into `WebhookVerificationError` and
//! `WebhookParseError`.

use onespan_sign::webhook::{self, Event};
use onespan_sign::Error;
use serde::Serialize;
use wasm_bindgen::prelude::wasm_bindgen;

/// Checks the key, then parses the body. `authorization` is the header value or undefined.
#[wasm_bindgen(js_name = verifyWebhook)]
pub fn verify_webhook(body: &[u8], authorization: Option<String>, callback_key: &str) -> String {
    answer(webhook::verify(
        body,
        authorization.as_deref(),
        callback_key,
    ))
}

/// Parses the body without checking any key.
#[wasm_bindgen(js_name = parseWebhook)]
pub fn parse_webhook(body: &[u8]) -> String {
    answer(webhook::parse(body))
}

/// The body size cap, in bytes.
#[wasm_bindgen(js_name = maxBodyBytes)]
pub fn max_body_bytes() -> u32 {
    // 1 MiB: fits.
    u32::try_from(webhook::DEFAULT_MAX_BODY_BYTES).unwrap_or(u32::MAX)
}

#[derive(Serialize)]
#[serde(untagged)]
enum Answer {
    Event {
        event: Event,
    },
    Error {
        error: &'static str,
        message: String,
    },
}

fn answer(result: onespan_sign::Result<Event>) -> String {
    let answer = match result {
        Ok(event) => Answer::Event { event },
        Err(e) => Answer::Error {
            error: match e {
                Error::WebhookVerification(_) => "verification",
                Error::WebhookParse(_) => "parse",
                _ => "internal",
            },
            message: e.to_string(),
        },
    };
    // An event (a map of JSON values and strings) always serialises.
    serde_json::to_string(&answer).unwrap_or_else(|_| {
        r#"{"error":"internal","message":"the event could not be serialised"}"#.to_string()
    })
}
