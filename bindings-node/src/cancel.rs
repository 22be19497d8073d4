//! Cancellation of a request method from an `AbortSignal`.
//!
//! The facade (index.js) turns `{ signal }` into a [`CancelHandle`] (JS class
//! `Cancellation`) and passes it as the hidden last argument of the native method; when
//! the signal fires it calls `cancel()`. The method races the core call against it
//! ([`race`]): on cancellation the core future is dropped, which drops the request in
//! flight (its connection is closed), any retry sleep and any wait for a connection or a
//! token, so nothing more is sent. The facade has already rejected the Promise with an
//! `AbortError` by then; the reply here only says so, for a caller of the native method.

// napi's conversion traits are unsafe to implement: they read raw napi values.
#![allow(unsafe_code)]

use crate::json::{ErrorReply, Reply};
use napi::bindgen_prelude::{FromNapiRef, FromNapiValue, TypeName, ValidateNapiValue};
use napi::{sys, ValueType};
use napi_derive::napi;
use std::future::Future;
use tokio::sync::watch;

/// One call's cancellation, fired by `cancel()`. Not part of the public API.
#[napi(js_name = "Cancellation")]
pub struct CancelHandle {
    fired: watch::Sender<bool>,
}

#[napi]
impl CancelHandle {
    /// Not yet fired.
    #[napi(constructor)]
    #[allow(clippy::new_without_default)]
    pub fn new() -> Self {
        CancelHandle {
            fired: watch::Sender::new(false),
        }
    }

    /// Fires it: the call it was given to stops and drops its request. Idempotent.
    #[napi]
    pub fn cancel(&self) {
        self.fired.send_replace(true);
    }
}

/// The argument form of a [`CancelHandle`]: a receiver of its state, taken on the JS
/// thread, so the call can run elsewhere and outlive the JS object.
pub struct Cancellation(watch::Receiver<bool>);

impl Cancellation {
    /// Resolves once `cancel()` is called; never, if the handle is collected unfired.
    async fn fired(mut self) {
        if self.0.wait_for(|fired| *fired).await.is_err() {
            std::future::pending::<()>().await;
        }
    }
}

impl FromNapiValue for Cancellation {
    unsafe fn from_napi_value(env: sys::napi_env, v: sys::napi_value) -> napi::Result<Self> {
        // Checks that `v` wraps a CancelHandle; the reference is used only here, on the JS
        // thread, while `v` is alive.
        let handle = unsafe { CancelHandle::from_napi_ref(env, v)? };
        Ok(Cancellation(handle.fired.subscribe()))
    }
}

impl TypeName for Cancellation {
    fn type_name() -> &'static str {
        "Cancellation"
    }

    fn value_type() -> ValueType {
        ValueType::Object
    }
}

impl ValidateNapiValue for Cancellation {}

/// The reply of a call that was cancelled; `guarded.js` turns it into an `AbortError`.
fn aborted() -> Reply {
    Reply::Err(ErrorReply {
        onespan_error: serde_json::json!({
            "kind": "AbortError",
            "message": "The operation was aborted",
        })
        .to_string(),
    })
}

/// `call`, unless `cancel` fires first: then `call` is dropped where it stands.
pub async fn race(cancel: Option<Cancellation>, call: impl Future<Output = Reply>) -> Reply {
    let Some(cancel) = cancel else {
        return call.await;
    };
    tokio::select! {
        // Cancellation first: once fired, a call that also happens to be ready is dropped.
        biased;
        () = cancel.fired() => aborted(),
        reply = call => reply,
    }
}
