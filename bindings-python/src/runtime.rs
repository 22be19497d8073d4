//! The binding's one tokio runtime, shared by blocking and async calls: a reqwest client
//! used from two runtimes fails ("dispatch task is gone").

use crate::errors;
use crate::models::Out;
use pyo3::exceptions::PyRuntimeError;
use pyo3::prelude::*;
use std::future::Future;
use std::sync::OnceLock;
use tokio::runtime::Runtime;

static RUNTIME: OnceLock<(Runtime, u32)> = OnceLock::new();

pub fn init() -> PyResult<()> {
    if RUNTIME.get().is_some() {
        return Ok(());
    }
    let rt = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .thread_name("onespan-sign")
        .build()
        .map_err(|e| PyRuntimeError::new_err(format!("cannot start the tokio runtime: {e}")))?;
    let _ = RUNTIME.set((rt, std::process::id()));
    if let Some((rt, _)) = RUNTIME.get() {
        // Ignore "already set": a second import of the module reuses the first runtime.
        let _ = pyo3_async_runtimes::tokio::init_with_runtime(rt);
    }
    Ok(())
}

/// The runtime, refusing use in a forked child, whose copy has no worker threads.
pub fn runtime() -> PyResult<&'static Runtime> {
    match RUNTIME.get() {
        Some((rt, pid)) if *pid == std::process::id() => Ok(rt),
        Some(_) => Err(PyRuntimeError::new_err(
            "onespan_sign was used in a process forked after it was imported; \
             create clients in the child, or use the 'spawn' start method",
        )),
        None => Err(PyRuntimeError::new_err(
            "onespan_sign's runtime is not initialised",
        )),
    }
}

/// Whether a method blocks (`Client`) or returns an awaitable (`AsyncClient`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Mode {
    Sync,
    Async,
}

/// Runs one core call: blocking with the GIL released, or as an asyncio awaitable.
pub fn run<F>(py: Python<'_>, mode: Mode, fut: F) -> PyResult<Py<PyAny>>
where
    F: Future<Output = onespan_sign::Result<Out>> + Send + 'static,
{
    let rt = runtime()?;
    // A panic in the core must reach Python as an exception, never unwind through the FFI.
    let fut = async move {
        match futures::FutureExt::catch_unwind(std::panic::AssertUnwindSafe(fut)).await {
            Ok(result) => result,
            Err(payload) => Err(onespan_sign::Error::from_panic(payload.as_ref())),
        }
    };
    match mode {
        Mode::Sync => match py.detach(|| rt.block_on(fut)) {
            Ok(out) => Ok(out.into_pyobject(py)?.unbind()),
            Err(e) => Err(errors::to_py(py, &e)),
        },
        Mode::Async => {
            let fut = async move {
                fut.await
                    .map_err(|e| Python::attach(|py| errors::to_py(py, &e)))
            };
            Ok(pyo3_async_runtimes::tokio::future_into_py(py, fut)?.unbind())
        }
    }
}

/// Test hook, not API: panics inside a core call, so the suite can prove it surfaces as a
/// `OneSpanError` (blocking, or from the awaitable when `asynchronous`).
#[pyfunction]
#[pyo3(signature = (asynchronous=false))]
pub fn _panic_for_tests(py: Python<'_>, asynchronous: bool) -> PyResult<Py<PyAny>> {
    let mode = if asynchronous {
        Mode::Async
    } else {
        Mode::Sync
    };
    run(py, mode, async {
        onespan_sign::__private::panic_for_tests()
            .await
            .map(|_| Out::None)
    })
}
