//! Gives back to the system the memory that parsing a large answer freed.
//!
//! Python builds its objects in arenas of its own (mmap), never in the C heap, where the
//! core's parsing of an answer allocates and frees its intermediate forms. glibc keeps freed
//! heap pages, so without this a 20 MB answer's Python objects would come on top of the
//! ~400 MB its parsing left freed but resident (issue 11, item 11; measured by
//! `bench/python/memory_per_answer.py`). Only after large answers: the call walks the heap.

use onespan_sign::surface::Output;
use serde_json::Value;

/// An answer with at least this many JSON values (about 2 MB of JSON) is large.
const LARGE: usize = 100_000;

/// Called on the runtime's thread (the GIL is not held) once a call's result is ready.
pub fn after(out: &Output) {
    let mut budget = LARGE;
    let large = match out {
        Output::Model { json, .. } => exhausts(json, &mut budget),
        Output::Models { items, .. } => items.iter().any(|v| exhausts(v, &mut budget)),
        _ => false,
    };
    if large {
        trim();
    }
}

/// Whether `v` holds `budget` values or more (stops counting there).
fn exhausts(v: &Value, budget: &mut usize) -> bool {
    if *budget <= 1 {
        return true;
    }
    *budget -= 1;
    match v {
        Value::Array(items) => items.iter().any(|item| exhausts(item, budget)),
        Value::Object(map) => map.values().any(|item| exhausts(item, budget)),
        _ => false,
    }
}

#[cfg(all(target_os = "linux", target_env = "gnu"))]
#[allow(unsafe_code)]
fn trim() {
    // SAFETY: malloc_trim has no preconditions; it takes each arena's lock itself, so it is
    // safe to call from any thread at any time. Its result (whether memory was released)
    // does not matter here.
    unsafe {
        libc::malloc_trim(0);
    }
}

/// Other allocators (macOS, musl) give freed pages back on their own, or have no such call.
#[cfg(not(all(target_os = "linux", target_env = "gnu")))]
fn trim() {}
