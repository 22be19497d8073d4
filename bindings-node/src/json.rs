//! What crosses back into JavaScript: a call's [`Output`], or the error it ended with, as a
//! [`Reply`] that `guarded.js` unpacks.
//!
//! Models cross as JSON text, which `guarded.js` turns into objects with `JSON.parse`:
//! building objects through N-API costs a call per property and interns every key again,
//! V8's parser is several times faster, and it keeps a `"__proto__"` key as an own
//! property where N-API's property set would replace the object's prototype.
//!
//! Errors cross as a resolved `{ onespanError }` object rather than a rejection: napi's
//! rejections carry only a fixed status and a message, and the facade must see the kind and
//! the fields as data (not by `instanceof`, which fails across realms such as Jest's).

// napi's conversion trait is unsafe to implement: it builds raw napi values.
#![allow(unsafe_code)]

use napi::bindgen_prelude::{Buffer, ToNapiValue, TypeName};
use napi::{sys, ValueType};
use napi_derive::napi;
use onespan_sign::surface::Output;
use onespan_sign::Error;

/// A model serialised for `guarded.js` to parse. Not part of the public API.
///
/// A plain object rather than a class: class instances need finalizers, which only run
/// once the event loop turns, so a synchronous loop of a million `verifyWebhook` calls
/// held a million of them.
#[napi(object)]
pub struct JsonText {
    /// Read by `fromJson` in guarded.js, under this name only.
    pub onespan_json: String,
    /// The model's class name, for guarded.js to hide its secrets from `util.inspect`.
    pub onespan_model: Option<String>,
}

/// An error as data: `kind` is the class name (`ErrorKind::class_name`), the rest its
/// fields. Not part of the public API.
#[napi(object)]
pub struct ErrorReply {
    /// JSON: `{ kind, message, status, messageKey, serverMessage, technical, name, body,
    /// retryAfterMs }`.
    pub onespan_error: String,
}

impl ErrorReply {
    pub fn new(err: &Error) -> Self {
        let mut fields = serde_json::json!({
            "kind": err.kind().class_name(),
            "message": err.to_string(),
            "status": err.status(),
        });
        if let Some(api) = err.api() {
            fields["messageKey"] = serde_json::json!(api.message_key);
            fields["serverMessage"] = serde_json::json!(api.message);
            fields["technical"] = serde_json::json!(api.technical);
            fields["name"] = serde_json::json!(api.name);
            fields["body"] = serde_json::json!(api.body);
        }
        if let Some(wait) = err.retry_after() {
            fields["retryAfterMs"] = serde_json::json!(wait.as_millis() as u64);
        }
        ErrorReply {
            onespan_error: fields.to_string(),
        }
    }
}

/// A call's result or its error.
pub enum Reply {
    Ok(Output),
    Err(ErrorReply),
}

impl From<onespan_sign::Result<Output>> for Reply {
    fn from(r: onespan_sign::Result<Output>) -> Self {
        match r {
            Ok(out) => Reply::Ok(out),
            Err(e) => Reply::Err(ErrorReply::new(&e)),
        }
    }
}

impl TypeName for Reply {
    fn type_name() -> &'static str {
        "unknown"
    }

    fn value_type() -> ValueType {
        ValueType::Unknown
    }
}

impl ToNapiValue for Reply {
    unsafe fn to_napi_value(env: sys::napi_env, val: Self) -> napi::Result<sys::napi_value> {
        let text = |t: String, name: &str| JsonText {
            onespan_json: t,
            onespan_model: Some(name.to_string()),
        };
        unsafe {
            match val {
                Reply::Ok(Output::Unit) => <()>::to_napi_value(env, ()),
                Reply::Ok(Output::Text(s)) => String::to_napi_value(env, s),
                Reply::Ok(Output::Bytes(b)) => Buffer::to_napi_value(env, b.to_vec().into()),
                Reply::Ok(Output::Model { json, name }) => {
                    JsonText::to_napi_value(env, text(json.to_string(), name))
                }
                Reply::Ok(Output::Models { items, name }) => JsonText::to_napi_value(
                    env,
                    text(serde_json::Value::Array(items).to_string(), name),
                ),
                // A byte count: exact as a JavaScript number up to 2^53.
                Reply::Ok(Output::Count(n)) => f64::to_napi_value(env, n as f64),
                Reply::Ok(Output::Pager(p)) => {
                    crate::pages::Pages::to_napi_value(env, crate::pages::Pages::new(p))
                }
                Reply::Ok(other) => ErrorReply::to_napi_value(
                    env,
                    ErrorReply::new(&Error::Internal(format!("no conversion for {other:?}"))),
                ),
                Reply::Err(e) => ErrorReply::to_napi_value(env, e),
            }
        }
    }
}
