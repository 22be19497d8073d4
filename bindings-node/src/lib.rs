//! The Node binding: each module converts types and errors; every request, retry and JSON
//! shape lives in the `onespan-sign` core. Async methods run on napi's tokio runtime, the
//! one runtime this binding uses.

#![deny(clippy::all)]

mod args;
mod cancel;
mod client;
mod emulator;
mod errors;
mod json;
mod logging;
mod pages;
mod services;
mod webhooks;

/// Test hook, not API: panics inside a core call, so the suite can prove the Promise rejects
/// with a OneSpanError rather than the panic crossing into Node.
#[doc(hidden)]
#[napi_derive::napi(js_name = "__panicForTests")]
pub async fn panic_for_tests() -> napi::Result<json::Reply> {
    Ok(errors::shield(async {
        Ok(onespan_sign::__private::panic_for_tests()
            .await
            .map(|_| onespan_sign::surface::Output::Unit))
    })
    .await)
}
