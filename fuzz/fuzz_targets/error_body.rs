//! An error answer, whatever its body, becomes a typed ApiError without panicking, keeps at
//! most 64 KiB of body, and is classified by its status alone.
#![no_main]

use libfuzzer_sys::fuzz_target;
use onespan_sign::{ApiError, ErrorKind};

fuzz_target!(|data: &[u8]| {
    let Some((head, body)) = data.split_first_chunk::<2>() else { return };
    let status = 400 + u16::from_le_bytes(*head) % 200;
    let e = ApiError::from_response(status, body);
    assert_eq!(e.status, status);
    assert!(e.body.len() <= 64 * 1024);
    assert!(!e.message.is_empty());
    let expected = match status {
        400 => ErrorKind::BadRequest,
        401 => ErrorKind::Authentication,
        403 => ErrorKind::PermissionDenied,
        404 => ErrorKind::NotFound,
        409 => ErrorKind::Conflict,
        429 => ErrorKind::RateLimit,
        500..=599 => ErrorKind::Server,
        _ => ErrorKind::Api,
    };
    assert_eq!(e.kind(), expected);
    let _ = e.to_string();
});
