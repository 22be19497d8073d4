//! Core errors → a native `Error` whose message carries the typed fields.
//!
//! napi's async rejections take only a status and a reason, so the reason is a marker and
//! a JSON object; `fromNative` in `index.js` turns it into the exported Error subclass.

use onespan_sign::{Error, ErrorKind};
use serde_json::json;

/// Must match `MARKER` in index.js.
const MARKER: &str = "__onespan_error__";

pub fn to_napi(err: Error) -> napi::Error {
    let class = match err.kind() {
        ErrorKind::Timeout => "OneSpanTimeoutError",
        kind => kind.class_name(),
    };
    let mut fields = json!({
        "class": class,
        "message": err.to_string(),
        "status": err.status(),
    });
    if let Some(api) = err.api() {
        fields["messageKey"] = json!(api.message_key);
        fields["serverMessage"] = json!(api.message);
        fields["technical"] = json!(api.technical);
        fields["name"] = json!(api.name);
        fields["body"] = json!(api.body);
    }
    napi::Error::from_reason(format!("{MARKER}{fields}"))
}

/// An `InvalidArgumentError` for bad input found while converting arguments.
pub fn invalid(msg: impl Into<String>) -> napi::Error {
    to_napi(Error::InvalidArgument(msg.into()))
}

pub type Result<T> = std::result::Result<T, napi::Error>;

pub trait IntoNapi<T> {
    fn napi(self) -> Result<T>;
}

impl<T> IntoNapi<T> for onespan_sign::Result<T> {
    fn napi(self) -> Result<T> {
        self.map_err(to_napi)
    }
}

/// Runs a core call so that a panic in it rejects the Promise with a OneSpanError instead
/// of unwinding through the FFI.
pub async fn shield<T>(fut: impl std::future::Future<Output = Result<T>>) -> Result<T> {
    match futures::FutureExt::catch_unwind(std::panic::AssertUnwindSafe(fut)).await {
        Ok(result) => result,
        Err(payload) => Err(to_napi(Error::from_panic(payload.as_ref()))),
    }
}

/// The same for a synchronous call.
pub fn shield_sync<T>(f: impl FnOnce() -> Result<T>) -> Result<T> {
    std::panic::catch_unwind(std::panic::AssertUnwindSafe(f))
        .unwrap_or_else(|payload| Err(to_napi(Error::from_panic(payload.as_ref()))))
}
