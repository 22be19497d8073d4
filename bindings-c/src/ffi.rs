//! The exported functions and constants. Their doc comments are the header's documentation.

use crate::event::{c_text, Field, OnespanEvent};
use onespan_sign::webhook;
use onespan_sign::Error;
use std::ffi::{c_char, c_int, CStr, CString};
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::ptr;

/// The call succeeded; `*event_out` holds the event.
pub const ONESPAN_OK: c_int = 0;
/// The Authorization header does not carry the callback key (missing, empty, another key, or
/// the configured key is empty). `*error_out` says which, never showing the key or header.
pub const ONESPAN_VERIFICATION_FAILED: c_int = 1;
/// The body is not a OneSpan event: over the size cap, empty, not UTF-8, not JSON, not an
/// object, or without a non-empty string `name`.
pub const ONESPAN_PARSE_FAILED: c_int = 2;
/// A required pointer is NULL, a text argument is not UTF-8, or `len` is impossibly large.
pub const ONESPAN_INVALID_ARGUMENT: c_int = 3;
/// A bug in this library (a Rust panic, caught before it reached C). Please report it.
pub const ONESPAN_INTERNAL_ERROR: c_int = 4;

/// Bodies longer than this many bytes (1 MiB) are refused with `ONESPAN_PARSE_FAILED`
/// before they are parsed. A receiver should read at most this many bytes plus one.
// A literal, so that cbindgen can write it into the header; the assertion keeps it the core's.
pub const ONESPAN_WEBHOOK_MAX_BODY_BYTES: usize = 1024 * 1024;
const _: () = assert!(ONESPAN_WEBHOOK_MAX_BODY_BYTES == webhook::DEFAULT_MAX_BODY_BYTES);

/// Checks that `authorization` carries `callback_key`, then parses `body` into an event.
///
/// - `body`, `len`: the raw request body, exactly as received (borrowed for the call). `body`
///   may be NULL only when `len` is 0.
/// - `authorization`: the request's Authorization header value as a NUL-terminated UTF-8
///   string, or NULL when the request has none (borrowed). Accepted forms: `Basic <key>` (the
///   scheme in any case) or the bare key, surrounding spaces and tabs ignored.
/// - `callback_key`: the callback key registered with OneSpan (borrowed; required).
/// - `event_out`: required. Set to a new event on `ONESPAN_OK`, to NULL otherwise. The caller
///   owns the event and releases it with `onespan_event_free`.
/// - `error_out`: may be NULL. Otherwise set to NULL on `ONESPAN_OK` and, on any other
///   return, to a message the caller owns and releases with `onespan_string_free`.
///
/// The key is compared in constant time and checked before the body is looked at.
/// Returns `ONESPAN_OK`, `ONESPAN_VERIFICATION_FAILED`, `ONESPAN_PARSE_FAILED`,
/// `ONESPAN_INVALID_ARGUMENT` or `ONESPAN_INTERNAL_ERROR`. Safe to call from any thread.
///
/// # Safety
/// Each non-NULL pointer must be valid as described: `body` for `len` bytes, the strings up
/// to their NUL, `event_out` and `error_out` for one pointer-sized write.
#[no_mangle]
pub unsafe extern "C" fn onespan_webhook_verify(
    body: *const u8,
    len: usize,
    authorization: *const c_char,
    callback_key: *const c_char,
    event_out: *mut *mut OnespanEvent,
    error_out: *mut *mut c_char,
) -> c_int {
    guarded(event_out, error_out, || {
        let body = body_slice(body, len)?;
        let authorization = if authorization.is_null() {
            None
        } else {
            Some(text_arg(authorization, "authorization")?)
        };
        if callback_key.is_null() {
            return Err(invalid("callback_key is NULL"));
        }
        let key = text_arg(callback_key, "callback_key")?;
        let options = webhook::Options::default();
        let view = webhook::verify_view(body, authorization, key, &options)?;
        Ok(OnespanEvent::new(&view))
    })
}

/// Parses `body` into an event without checking any key: for callbacks registered without
/// one. Arguments, ownership and return codes as for `onespan_webhook_verify`.
///
/// # Safety
/// As for `onespan_webhook_verify`.
#[no_mangle]
pub unsafe extern "C" fn onespan_webhook_parse(
    body: *const u8,
    len: usize,
    event_out: *mut *mut OnespanEvent,
    error_out: *mut *mut c_char,
) -> c_int {
    guarded(event_out, error_out, || {
        let body = body_slice(body, len)?;
        let view = webhook::parse_view(body, &webhook::Options::default())?;
        Ok(OnespanEvent::new(&view))
    })
}

/// The event's name, e.g. `PACKAGE_COMPLETE`, also when it is one this version does not
/// know. Never NULL for a valid event (NULL only when `event` is NULL).
///
/// Every `onespan_event_*` string is NUL-terminated UTF-8, owned by the event and valid until
/// `onespan_event_free(event)`; do not free it. JSON can carry U+0000 inside a string, which
/// a C string cannot: a typed field is then cut at its first U+0000 (the full value is in
/// `onespan_event_raw_json`).
///
/// # Safety
/// `event` is NULL or an event from this library not yet freed.
#[no_mangle]
pub unsafe extern "C" fn onespan_event_name(event: *const OnespanEvent) -> *const c_char {
    read(event, |e| e.field(Field::Name))
}

/// The package (transaction) ID, or NULL when absent, null or not a string.
///
/// # Safety
/// As for `onespan_event_name`.
#[no_mangle]
pub unsafe extern "C" fn onespan_event_package_id(event: *const OnespanEvent) -> *const c_char {
    read(event, |e| e.field(Field::PackageId))
}

/// The document ID (for `DOCUMENT_SIGNED`), or NULL.
///
/// # Safety
/// As for `onespan_event_name`.
#[no_mangle]
pub unsafe extern "C" fn onespan_event_document_id(event: *const OnespanEvent) -> *const c_char {
    read(event, |e| e.field(Field::DocumentId))
}

/// The sender's or signer's ID that triggered the event, or NULL.
///
/// # Safety
/// As for `onespan_event_name`.
#[no_mangle]
pub unsafe extern "C" fn onespan_event_session_user(event: *const OnespanEvent) -> *const c_char {
    read(event, |e| e.field(Field::SessionUser))
}

/// The reason (declines, opt-outs), or NULL.
///
/// # Safety
/// As for `onespan_event_name`.
#[no_mangle]
pub unsafe extern "C" fn onespan_event_message(event: *const OnespanEvent) -> *const c_char {
    read(event, |e| e.field(Field::Message))
}

/// When the event happened, as sent (e.g. `2017-05-02T20:17:58.408Z`), or NULL.
///
/// # Safety
/// As for `onespan_event_name`.
#[no_mangle]
pub unsafe extern "C" fn onespan_event_created_date(event: *const OnespanEvent) -> *const c_char {
    read(event, |e| e.field(Field::CreatedDate))
}

/// The whole payload as compact JSON text (an object; every field kept, in the order
/// received). Written on the first call. NULL only when `event` is NULL.
///
/// # Safety
/// As for `onespan_event_name`.
#[no_mangle]
pub unsafe extern "C" fn onespan_event_raw_json(event: *const OnespanEvent) -> *const c_char {
    read(event, OnespanEvent::raw_json)
}

/// Releases an event and every string read from it. NULL is allowed and does nothing.
///
/// # Safety
/// `event` is NULL or an event from this library, freed at most once.
#[no_mangle]
pub unsafe extern "C" fn onespan_event_free(event: *mut OnespanEvent) {
    if !event.is_null() {
        let _ = catch_unwind(AssertUnwindSafe(|| drop(Box::from_raw(event))));
    }
}

/// Releases a message from `error_out`. NULL is allowed and does nothing.
///
/// # Safety
/// `text` is NULL or a string from this library's `error_out`, freed at most once.
#[no_mangle]
pub unsafe extern "C" fn onespan_string_free(text: *mut c_char) {
    if !text.is_null() {
        let _ = catch_unwind(AssertUnwindSafe(|| drop(CString::from_raw(text))));
    }
}

/// Why a call did not give an event: its return code and message.
struct Failure {
    code: c_int,
    message: String,
}

impl From<Error> for Failure {
    fn from(e: Error) -> Self {
        let code = match e {
            Error::WebhookVerification(_) => ONESPAN_VERIFICATION_FAILED,
            Error::WebhookParse(_) => ONESPAN_PARSE_FAILED,
            Error::InvalidArgument(_) => ONESPAN_INVALID_ARGUMENT,
            _ => ONESPAN_INTERNAL_ERROR,
        };
        Failure {
            code,
            message: e.to_string(),
        }
    }
}

fn invalid(message: &str) -> Failure {
    Failure {
        code: ONESPAN_INVALID_ARGUMENT,
        message: format!("invalid argument: {message}"),
    }
}

/// Runs `call` with the out-parameters reset first, no panic escaping, and the result or
/// failure written out.
unsafe fn guarded(
    event_out: *mut *mut OnespanEvent,
    error_out: *mut *mut c_char,
    call: impl FnOnce() -> Result<OnespanEvent, Failure>,
) -> c_int {
    if !error_out.is_null() {
        *error_out = ptr::null_mut();
    }
    if event_out.is_null() {
        return fail(error_out, invalid("event_out is NULL"));
    }
    *event_out = ptr::null_mut();
    let outcome = catch_unwind(AssertUnwindSafe(|| {
        call().map(|event| Box::into_raw(Box::new(event)))
    }));
    match outcome {
        Ok(Ok(event)) => {
            *event_out = event;
            ONESPAN_OK
        }
        Ok(Err(failure)) => fail(error_out, failure),
        Err(panic) => {
            let message = Error::from_panic(panic.as_ref()).to_string();
            fail(
                error_out,
                Failure {
                    code: ONESPAN_INTERNAL_ERROR,
                    message,
                },
            )
        }
    }
}

unsafe fn fail(error_out: *mut *mut c_char, failure: Failure) -> c_int {
    if !error_out.is_null() {
        *error_out = c_text(failure.message).into_raw();
    }
    failure.code
}

unsafe fn body_slice<'a>(body: *const u8, len: usize) -> Result<&'a [u8], Failure> {
    if len == 0 {
        return Ok(&[]);
    }
    if body.is_null() {
        return Err(invalid("body is NULL but len is not 0"));
    }
    if len > isize::MAX as usize {
        return Err(invalid("len is larger than any buffer"));
    }
    Ok(std::slice::from_raw_parts(body, len))
}

unsafe fn text_arg<'a>(text: *const c_char, name: &str) -> Result<&'a str, Failure> {
    CStr::from_ptr(text)
        .to_str()
        .map_err(|_| invalid(&format!("{name} is not UTF-8")))
}

unsafe fn read(
    event: *const OnespanEvent,
    field: impl FnOnce(&OnespanEvent) -> *const c_char,
) -> *const c_char {
    if event.is_null() {
        return ptr::null();
    }
    let event = &*event;
    catch_unwind(AssertUnwindSafe(|| field(event))).unwrap_or(ptr::null())
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
mod tests {
    use super::*;

    /// A panic inside a call (a bug) is caught before it reaches C: the call returns
    /// `ONESPAN_INTERNAL_ERROR`, no event, and a message the caller frees. No exported
    /// function can be made to panic from outside, so `guarded` is driven directly.
    #[test]
    fn a_panic_becomes_internal_error_with_a_message() {
        let mut event: *mut OnespanEvent = ptr::dangling_mut();
        let mut error: *mut c_char = ptr::null_mut();
        let code = unsafe {
            guarded(&mut event, &mut error, || {
                panic!("an invariant broke");
            })
        };
        assert_eq!(code, ONESPAN_INTERNAL_ERROR);
        assert!(event.is_null(), "event_out is reset to NULL");
        assert!(!error.is_null());
        let message = unsafe { CStr::from_ptr(error) }
            .to_str()
            .unwrap()
            .to_string();
        assert!(message.contains("an invariant broke"), "{message}");
        unsafe { onespan_string_free(error) };

        // Without error_out the code alone is returned.
        let code = unsafe { guarded(&mut event, ptr::null_mut(), || panic!("again")) };
        assert_eq!(code, ONESPAN_INTERNAL_ERROR);
        assert!(event.is_null());
    }

    /// A panic inside an accessor gives NULL, as for an absent field.
    #[test]
    fn a_panicking_accessor_gives_null() {
        let body = br#"{"name":"PACKAGE_COMPLETE","packageId":"p1"}"#;
        let view = webhook::parse_view(body, &webhook::Options::default()).unwrap();
        let event = OnespanEvent::new(&view);
        let got = unsafe { read(&event, |_| panic!("accessor bug")) };
        assert!(got.is_null());
        let name = unsafe { CStr::from_ptr(read(&event, |e| e.field(Field::Name))) };
        assert_eq!(name.to_str().unwrap(), "PACKAGE_COMPLETE");
    }
}
