//! The event handed to C: the core's `Event`, its text fields as NUL-terminated strings.

use onespan_sign::webhook::Event;
use std::ffi::CString;
use std::sync::OnceLock;

/// A verified or parsed event notification. Opaque: read it with the `onespan_event_*`
/// accessors and release it with `onespan_event_free`.
pub struct OnespanEvent {
    pub(crate) name: CString,
    pub(crate) package_id: Option<CString>,
    pub(crate) document_id: Option<CString>,
    pub(crate) session_user: Option<CString>,
    pub(crate) message: Option<CString>,
    pub(crate) created_date: Option<CString>,
    raw: serde_json::Map<String, serde_json::Value>,
    // Written on first use: most receivers read the typed fields only, and serialising the
    // payload again would cost as much as parsing it.
    raw_json: OnceLock<CString>,
}

impl OnespanEvent {
    pub(crate) fn new(event: Event) -> Self {
        OnespanEvent {
            name: c_text(event.name.as_str().to_owned()),
            package_id: event.package_id.map(c_text),
            document_id: event.document_id.map(c_text),
            session_user: event.session_user.map(c_text),
            message: event.message.map(c_text),
            created_date: event.created_date.map(c_text),
            raw: event.raw,
            raw_json: OnceLock::new(),
        }
    }

    /// The whole payload as compact JSON (JSON escapes every U+0000, so nothing is cut).
    pub(crate) fn raw_json(&self) -> &CString {
        self.raw_json.get_or_init(|| {
            // A map of JSON values always serialises.
            let text = serde_json::to_string(&self.raw).unwrap_or_default();
            c_text(text)
        })
    }
}

/// A C string of `text`. JSON allows U+0000 inside a string (`"\u0000"`), which a C string
/// cannot hold: such a field is cut at its first U+0000 (documented in the header; the full
/// value is in `onespan_event_raw_json`, where it stays escaped).
pub(crate) fn c_text(text: String) -> CString {
    match CString::new(text) {
        Ok(c) => c,
        Err(e) => {
            let cut = e.nul_position();
            let mut bytes = e.into_vec();
            bytes.truncate(cut);
            // No NUL is left before `cut`, so this cannot fail.
            CString::new(bytes).unwrap_or_default()
        }
    }
}
