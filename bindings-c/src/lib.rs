//! The C ABI: webhook verification and parsing from the one core (`onespan_sign::webhook`).
//!
//! `onespan_sign.h` is written from this file by `make codegen` (cbindgen) and checked for
//! drift by `make check`. Rules every function keeps:
//! - no panic unwinds into C: each body runs under `catch_unwind`, and a caught panic is
//!   `ONESPAN_INTERNAL_ERROR` with a message;
//! - a NULL pointer where one is required, or text that is not UTF-8, is
//!   `ONESPAN_INVALID_ARGUMENT`;
//! - every pointer handed out is owned by the caller until it gives it back to the matching
//!   `*_free` function; every pointer taken in is only borrowed for the call.

// The whole point of this crate is an `extern "C"` surface over raw pointers; the rest of
// the workspace keeps `unsafe_code = "deny"`.
#![allow(unsafe_code)]

mod event;
mod ffi;

pub use event::OnespanEvent;
pub use ffi::*;
