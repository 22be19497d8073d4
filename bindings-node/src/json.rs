//! Models cross into JavaScript as JSON text, which `index.js` turns into objects with
//! `JSON.parse`. Building objects through N-API costs a call per property and interns every
//! key again; V8's parser is several times faster. It also keeps a `"__proto__"` key as an
//! own property, where N-API's property set would replace the object's prototype.

use crate::errors::{invalid, Result};
use napi_derive::napi;
use serde::Serialize;

/// A core model serialised for `index.js` to parse. Not part of the public API.
#[napi]
pub struct JsonText {
    text: String,
}

#[napi]
impl JsonText {
    /// The JSON text.
    #[napi(getter)]
    pub fn text(&self) -> &str {
        &self.text
    }
}

/// `m` as JSON text for JavaScript.
pub fn json<T: Serialize>(m: &T) -> Result<JsonText> {
    serde_json::to_string(m)
        .map(|text| JsonText { text })
        .map_err(|e| invalid(format!("cannot convert the answer: {e}")))
}
