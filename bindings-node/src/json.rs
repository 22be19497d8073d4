//! Models cross into JavaScript as JSON text, which `index.js` turns into objects with
//! `JSON.parse`. Building objects through N-API costs a call per property and interns every
//! key again; V8's parser is several times faster. It also keeps a `"__proto__"` key as an
//! own property, where N-API's property set would replace the object's prototype.

use crate::errors::{invalid, Result};
use napi_derive::napi;
use serde::Serialize;

/// A core model serialised for `index.js` to parse. Not part of the public API.
///
/// A plain object rather than a class: class instances need finalizers, which only run
/// once the event loop turns, so a synchronous loop of a million `verifyWebhook` calls
/// held a million of them.
#[napi(object)]
pub struct JsonText {
    /// Read by `fromJson` in index.js, under this name only.
    pub onespan_json: String,
}

/// `m` as JSON text for JavaScript.
pub fn json<T: Serialize>(m: &T) -> Result<JsonText> {
    serde_json::to_string(m)
        .map(|text| JsonText { onespan_json: text })
        .map_err(|e| invalid(format!("cannot convert the answer: {e}")))
}
