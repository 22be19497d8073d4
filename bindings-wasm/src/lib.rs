//! The core's webhook verification compiled to WebAssembly (`onespan-sign-webhooks` on npm).
//!
//! Each call answers one string, its first character saying what follows:
//! - `e`: the typed fields as `EventView::joined_fields` writes them (the core read them in one
//!   walk over the body, building nothing else), then, when `echo` is set, U+0000 and the
//!   body's text;
//! - `j`: the same fields as a JSON array, for the rare field `joined_fields` cannot write,
//!   then, when `echo` is set, a newline and the body's text;
//! - `v`, `p` or `i`: a verification, parse or internal error; its message follows.
//!
//! One string crosses into JavaScript (wasm-bindgen decodes it once) and api.js cuts it; the
//! WebhookEvent (webhook_event.js) parses `raw` from the body's text only when read. `echo`
//! is set for a body given as bytes; a body given as a string is already text.

use onespan_sign::webhook::{self, EventView};
use onespan_sign::Error;
use wasm_bindgen::prelude::wasm_bindgen;

/// Checks the key, then parses the body. `authorization` is the header value or undefined.
#[wasm_bindgen(js_name = verifyWebhook)]
pub fn verify_webhook(
    body: &[u8],
    authorization: Option<String>,
    callback_key: &str,
    echo: bool,
) -> String {
    let options = webhook::Options::default();
    answer(
        webhook::verify_view(body, authorization.as_deref(), callback_key, &options),
        echo,
    )
}

/// Parses the body without checking any key.
#[wasm_bindgen(js_name = parseWebhook)]
pub fn parse_webhook(body: &[u8], echo: bool) -> String {
    answer(
        webhook::parse_view(body, &webhook::Options::default()),
        echo,
    )
}

#[wasm_bindgen(js_name = maxBodyBytes)]
pub fn max_body_bytes() -> u32 {
    // 1 MiB: fits.
    u32::try_from(webhook::DEFAULT_MAX_BODY_BYTES).unwrap_or(u32::MAX)
}

fn answer(result: onespan_sign::Result<EventView<'_>>, echo: bool) -> String {
    let view = match result {
        Ok(view) => view,
        Err(e) => {
            let kind = match e {
                Error::WebhookVerification(_) => 'v',
                Error::WebhookParse(_) => 'p',
                _ => 'i',
            };
            return format!("{kind}{e}");
        }
    };
    let (mut out, separator) = match view.joined_fields() {
        Some(joined) => (format!("e{joined}"), '\0'),
        // Compact JSON holds no raw newline, so the first one ends the fields.
        None => match serde_json::to_string(&view.fields()) {
            Ok(json) => (format!("j{json}"), '\n'),
            Err(e) => return format!("ithe event could not be serialised: {e}"),
        },
    };
    if echo {
        out.reserve(1 + view.text().len());
        out.push(separator);
        out.push_str(view.text());
    }
    out
}
