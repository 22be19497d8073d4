//! The event handed to C: the core's `EventView`, its text fields as NUL-terminated strings.

use onespan_sign::webhook::{self, EventView};
use std::ffi::{c_char, CString};
use std::sync::OnceLock;

/// Which typed field; the index into `OnespanEvent::starts`.
#[derive(Clone, Copy)]
pub(crate) enum Field {
    Name,
    PackageId,
    DocumentId,
    SessionUser,
    Message,
    CreatedDate,
}

/// A verified or parsed event notification. Opaque: read it with the `onespan_event_*`
/// accessors and release it with `onespan_event_free`.
pub struct OnespanEvent {
    // The six typed fields, each followed by a NUL, then the body, in one allocation (one per
    // event rather than one per field: allocation is most of what this layer costs).
    text: Vec<u8>,
    // Where each field starts in `text`; None when absent.
    starts: [Option<usize>; 6],
    // Where the body starts in `text` (it runs to the end).
    body: usize,
    // Written on first use: most receivers read the typed fields only, and reading the
    // payload into a map and writing it out again costs more than the walk that checked it.
    raw_json: OnceLock<CString>,
}

impl OnespanEvent {
    pub(crate) fn new(event: &EventView<'_>) -> Self {
        // In `Field`'s order, which is `EventView::fields`'s.
        let fields = event.fields();
        let size = fields.iter().flatten().map(|f| f.len() + 1).sum::<usize>() + event.text().len();
        let mut text = Vec::with_capacity(size);
        let mut starts = [None; 6];
        for (start, field) in starts.iter_mut().zip(fields) {
            if let Some(field) = field {
                *start = Some(text.len());
                text.extend_from_slice(up_to_nul(field.as_bytes()));
                text.push(0);
            }
        }
        let body = text.len();
        text.extend_from_slice(event.text().as_bytes());
        OnespanEvent {
            text,
            starts,
            body,
            raw_json: OnceLock::new(),
        }
    }

    /// The field as a C string owned by the event, or NULL when absent.
    pub(crate) fn field(&self, field: Field) -> *const c_char {
        match self.starts[field as usize] {
            // `text` is never changed after `new`, so the pointer lives as long as the event.
            Some(start) => self.text[start..].as_ptr().cast(),
            None => std::ptr::null(),
        }
    }

    /// The whole payload as compact JSON (JSON escapes every U+0000, so nothing is cut).
    pub(crate) fn raw_json(&self) -> *const c_char {
        self.raw_json
            .get_or_init(|| {
                // The body was accepted once (within the cap it was checked against), so it
                // reads again, and a map of JSON values always serialises without a NUL.
                let unlimited = webhook::Options::default().max_body_bytes(usize::MAX);
                let text = webhook::parse_view(&self.text[self.body..], &unlimited)
                    .ok()
                    .and_then(|view| serde_json::to_string(&view.raw()).ok())
                    .unwrap_or_default();
                c_text(text)
            })
            .as_ptr()
    }
}

/// JSON allows U+0000 inside a string (`"\u0000"`), which a C string cannot hold: such a
/// field is cut at its first U+0000 (documented in the header; the full value is in
/// `onespan_event_raw_json`, where it stays escaped).
fn up_to_nul(bytes: &[u8]) -> &[u8] {
    match bytes.iter().position(|&b| b == 0) {
        Some(cut) => &bytes[..cut],
        None => bytes,
    }
}

/// A C string of `text`, cut at its first NUL if it has one.
pub(crate) fn c_text(text: String) -> CString {
    match CString::new(text) {
        Ok(c) => c,
        Err(e) => {
            let cut = e.nul_position();
            let mut bytes = e.into_vec();
            bytes.truncate(cut);
            // No NUL is left, so this cannot fail.
            CString::new(bytes).unwrap_or_default()
        }
    }
}
