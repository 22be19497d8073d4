//! The core's log events (target `onespan_sign`: one per attempt, retry and token fetch,
//! never a secret) as records of the Python logger `onespan_sign`, through `pyo3-log`.
//!
//! With no tracing subscriber installed, the core's `tracing` events reach the `log` crate;
//! `pyo3-log` hands those of the `onespan_sign` target to Python `logging` (other crates'
//! are not bridged). It caches each Python logger's level so that a disabled level costs no
//! GIL; [`refresh`] resets that cache when the `onespan_sign` logger is switched on or off,
//! so configuring logging after the first call (or pytest's `caplog`) takes effect.

use log::LevelFilter;
use pyo3::prelude::*;
use pyo3::sync::PyOnceLock;
use pyo3_log::{Caching, Logger, ResetHandle};
use std::sync::atomic::{AtomicU8, Ordering};
use std::sync::OnceLock;

/// The core's log target, which is also the Python logger's name.
const TARGET: &str = "onespan_sign";

static HANDLE: OnceLock<ResetHandle> = OnceLock::new();
/// `logging.getLogger("onespan_sign").isEnabledFor` (getLogger always returns the same logger).
static IS_ENABLED_FOR: PyOnceLock<Py<PyAny>> = PyOnceLock::new();
/// Whether the Python logger took DEBUG records at the last call: 0 not known yet, 1 no, 2 yes.
static DEBUG_ON: AtomicU8 = AtomicU8::new(0);

/// Installs the bridge (at import). If another logger is already installed in this
/// extension, records are simply not bridged: logging must never stop an import.
pub fn init(py: Python<'_>) {
    let Ok(logger) = Logger::new(py, Caching::LoggersAndLevels) else {
        return;
    };
    let installed = logger
        .filter(LevelFilter::Off)
        .filter_target(TARGET.to_string(), LevelFilter::Debug)
        .install();
    if let Ok(handle) = installed {
        let _ = HANDLE.set(handle);
    }
}

/// Called as each request starts, holding the GIL: one `isEnabledFor` call, and a reset of
/// pyo3-log's cache when the answer changed since the last call. While the logger takes no
/// DEBUG records, `log`'s maximum level is off, so the core's events (all DEBUG) and
/// reqwest's are dropped at their call sites instead of each asking pyo3-log, a locked
/// lookup of the logger by name (about 3 µs per request, `perf`, 2026-11-26).
pub fn refresh(py: Python<'_>) {
    let Some(handle) = HANDLE.get() else {
        return;
    };
    let on = IS_ENABLED_FOR
        .get_or_try_init(py, || -> PyResult<Py<PyAny>> {
            Ok(py
                .import("logging")?
                .call_method1("getLogger", (TARGET,))?
                .getattr("isEnabledFor")?
                .unbind())
        })
        .and_then(|is_enabled_for| is_enabled_for.bind(py).call1((10,)))
        .and_then(|enabled| enabled.is_truthy())
        .unwrap_or(false);
    // Set on every call, not only on a change: two threads refreshing at once (possible
    // without the GIL) must not leave the level at odds with `DEBUG_ON`.
    log::set_max_level(if on {
        LevelFilter::Debug
    } else {
        LevelFilter::Off
    });
    let now = if on { 2 } else { 1 };
    if DEBUG_ON.swap(now, Ordering::Relaxed) != now {
        handle.reset();
    }
}
