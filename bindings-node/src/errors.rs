//! Core errors for the few native functions that throw rather than reply (the emulator's
//! controls, webhook verification): the thrown error's message is the same JSON object as
//! an [`ErrorReply`](crate::json::ErrorReply)'s, its `code` is `OneSpanError`, and
//! `fromNative` in guarded.js rebuilds the exported class from the object's `kind`.

use crate::json::{ErrorReply, Reply};
use onespan_sign::surface::Output;
use onespan_sign::Error;

pub fn to_napi(err: Error) -> napi::Error {
    napi::Error::new(
        napi::Status::GenericFailure,
        ErrorReply::new(&err).onespan_error,
    )
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

/// Runs a call so that a panic in it becomes an error reply instead of unwinding through
/// the FFI, and an argument error (a `napi::Error` from [`invalid`]) becomes a reply too.
pub async fn shield(
    fut: impl std::future::Future<Output = Result<onespan_sign::Result<Output>>>,
) -> Reply {
    match futures::FutureExt::catch_unwind(std::panic::AssertUnwindSafe(fut)).await {
        Ok(Ok(result)) => Reply::from(result),
        Ok(Err(arg_error)) => Reply::Err(ErrorReply {
            onespan_error: arg_error.reason.clone(),
        }),
        Err(payload) => Reply::from(Err(Error::from_panic(payload.as_ref()))),
    }
}

/// The same for a call that sends no request.
pub fn shield_local(f: impl FnOnce() -> Result<onespan_sign::Result<Output>>) -> Reply {
    match std::panic::catch_unwind(std::panic::AssertUnwindSafe(f)) {
        Ok(Ok(result)) => Reply::from(result),
        Ok(Err(arg_error)) => Reply::Err(ErrorReply {
            onespan_error: arg_error.reason.clone(),
        }),
        Err(payload) => Reply::from(Err(Error::from_panic(payload.as_ref()))),
    }
}

/// For a synchronous function that throws.
pub fn shield_sync<T>(f: impl FnOnce() -> Result<T>) -> Result<T> {
    std::panic::catch_unwind(std::panic::AssertUnwindSafe(f))
        .unwrap_or_else(|payload| Err(to_napi(Error::from_panic(payload.as_ref()))))
}
