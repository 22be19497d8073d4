//! The binding's one tokio runtime, shared by async calls and the embedded emulator, and
//! the two ways a call runs: blocking (`Client`, on the caller's thread, on a lane of the
//! core's `blocking` pool) and as a coroutine (`AsyncClient`, on the shared runtime).
//!
//! An `AsyncClient` method returns a genuine Python coroutine (`inspect.iscoroutine` is
//! true, so `asyncio.create_task`, `TaskGroup` and every framework's checks take it) that
//! awaits pyo3's coroutine over the call. Nothing runs until it is first awaited, so a call
//! never awaited sends nothing; cancelling it drops the request.
//!
//! The runtime starts on first use, not at import, and a forked child builds its own: the
//! parent's worker threads do not exist in the child (gunicorn `--preload`, Celery prefork,
//! `multiprocessing` with fork).

use crate::errors;
use crate::logging;
use crate::memory;
use crate::models::output_to_py;
use onespan_sign::surface::Output;
use pyo3::exceptions::PyRuntimeError;
use pyo3::prelude::*;
use pyo3::sync::PyOnceLock;
use pyo3::types::PyString;
use std::future::Future;
use std::pin::Pin;
use std::sync::Mutex;
use std::time::Duration;
use tokio::runtime::Runtime;

/// The runtime and the process it belongs to. A runtime inherited through `fork` is leaked,
/// not dropped: dropping it would wait for worker threads that were never copied.
static RUNTIME: Mutex<Option<(&'static Runtime, u32)>> = Mutex::new(None);

/// How often a blocking call looks for Ctrl-C (Python runs signal handlers only when the
/// main thread holds the GIL, which a blocking call has released).
const SIGNAL_CHECK: Duration = Duration::from_millis(50);

/// This process's runtime, started on first use.
pub fn runtime() -> PyResult<&'static Runtime> {
    let pid = std::process::id();
    let mut slot = RUNTIME
        .lock()
        .map_err(|_| PyRuntimeError::new_err("onespan_sign's runtime lock is poisoned"))?;
    if let Some((rt, owner)) = *slot {
        if owner == pid {
            return Ok(rt);
        }
    }
    let rt = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .thread_name("onespan-sign")
        .build()
        .map_err(|e| PyRuntimeError::new_err(format!("cannot start the tokio runtime: {e}")))?;
    let rt: &'static Runtime = Box::leak(Box::new(rt));
    *slot = Some((rt, pid));
    Ok(rt)
}

/// A core call with any panic turned into `Error::Internal`: no unwinding crosses the FFI.
async fn shielded<F>(fut: F) -> onespan_sign::Result<Output>
where
    F: Future<Output = onespan_sign::Result<Output>>,
{
    match futures::FutureExt::catch_unwind(std::panic::AssertUnwindSafe(fut)).await {
        Ok(result) => {
            if let Ok(out) = &result {
                memory::after(out);
            }
            result
        }
        Err(payload) => Err(onespan_sign::Error::from_panic(payload.as_ref())),
    }
}

/// Runs a call to completion with the GIL released, raising `KeyboardInterrupt` (and
/// dropping the request) within [`SIGNAL_CHECK`] of Ctrl-C. The call runs on this thread,
/// on a lane of the core's `blocking` pool, kept for the whole call: handing it to the
/// shared runtime and waiting would cost two thread wake-ups per call, a third of a small
/// call's time on a virtual machine.
pub fn block<F>(py: Python<'_>, fut: F) -> PyResult<Py<PyAny>>
where
    F: Future<Output = onespan_sign::Result<Output>> + Send,
{
    logging::refresh(py);
    let mut lane = onespan_sign::blocking::Lane::take().map_err(|e| errors::to_py(py, &e))?;
    let mut call = Box::pin(shielded(fut));
    let result = loop {
        // The timer is made inside block_on: outside a runtime there is no clock to arm.
        let slice = py.detach(|| {
            lane.block_on(async { tokio::time::timeout(SIGNAL_CHECK, call.as_mut()).await })
        });
        match slice {
            Ok(Ok(result)) => break result,
            Ok(Err(_still_running)) => {
                if let Err(interrupted) = py.check_signals() {
                    // Dropped where it ran, as a cancelled task would be.
                    let _ = py.detach(|| lane.block_on(async move { drop(call) }));
                    return Err(interrupted);
                }
            }
            Err(cannot_block) => return Err(errors::to_py(py, &cannot_block)),
        }
    };
    finish(py, Ok(result))
}

fn finish(
    py: Python<'_>,
    joined: Result<onespan_sign::Result<Output>, tokio::task::JoinError>,
) -> PyResult<Py<PyAny>> {
    match joined {
        Ok(Ok(out)) => output_to_py(py, out),
        Ok(Err(e)) => Err(errors::to_py(py, &e)),
        Err(e) => Err(errors::to_py(
            py,
            &onespan_sign::Error::Internal(e.to_string()),
        )),
    }
}

/// Aborts the spawned request when the coroutine awaiting it is dropped (cancelled).
struct AbortOnDrop(tokio::task::JoinHandle<onespan_sign::Result<Output>>);

impl Drop for AbortOnDrop {
    fn drop(&mut self) {
        self.0.abort();
    }
}

/// Starts a call on the runtime for a coroutine to await; cancelling the coroutine drops
/// the request.
pub fn spawn<F>(
    py: Python<'_>,
    fut: F,
) -> PyResult<impl Future<Output = PyResult<Py<PyAny>>> + Send>
where
    F: Future<Output = onespan_sign::Result<Output>> + Send + 'static,
{
    logging::refresh(py);
    let mut task = AbortOnDrop(runtime()?.spawn(shielded(fut)));
    Ok(async move {
        let joined = (&mut task.0).await;
        Python::attach(|py| finish(py, joined))
    })
}

type Call = Pin<Box<dyn Future<Output = PyResult<Py<PyAny>>> + Send>>;

/// A call's work, held until its coroutine first runs.
#[pyclass(module = "onespan_sign._native", frozen)]
pub struct Pending(Mutex<Option<Call>>);

#[pymethods]
impl Pending {
    /// pyo3's coroutine over the call (awaited by `onespan_sign._coroutine.call`).
    async fn run(&self) -> PyResult<Py<PyAny>> {
        let call = self.0.lock().ok().and_then(|mut slot| slot.take());
        match call {
            Some(call) => call.await,
            None => Err(PyRuntimeError::new_err(
                "cannot reuse an already awaited coroutine",
            )),
        }
    }
}

/// `onespan_sign._coroutine.call`, the `async def` that makes each call a Python coroutine.
static WRAPPER: PyOnceLock<Py<PyAny>> = PyOnceLock::new();

/// The coroutine an `AsyncClient` method returns: `fut` runs when it is first awaited, and
/// is dropped, never run, if it is not. `name` and `qualname` (`get`, `AsyncPackages.get`)
/// name it in reprs and in the "was never awaited" warning.
pub fn coroutine<F>(
    py: Python<'_>,
    name: &Bound<'_, PyString>,
    qualname: &Bound<'_, PyString>,
    fut: F,
) -> PyResult<Py<PyAny>>
where
    F: Future<Output = PyResult<Py<PyAny>>> + Send + 'static,
{
    let wrapper = WRAPPER.get_or_try_init(py, || {
        py.import("onespan_sign._coroutine")?
            .getattr("call")
            .map(Bound::unbind)
    })?;
    let pending = Bound::new(py, Pending(Mutex::new(Some(Box::pin(fut)))))?;
    let coro = wrapper.bind(py).call1((pending,))?;
    coro.setattr(pyo3::intern!(py, "__name__"), name)?;
    coro.setattr(pyo3::intern!(py, "__qualname__"), qualname)?;
    Ok(coro.unbind())
}

/// A call that sends no request, with any panic turned into an error.
pub fn local(
    py: Python<'_>,
    f: impl FnOnce() -> onespan_sign::Result<Output>,
) -> PyResult<Py<PyAny>> {
    match std::panic::catch_unwind(std::panic::AssertUnwindSafe(f)) {
        Ok(Ok(out)) => output_to_py(py, out),
        Ok(Err(e)) => Err(errors::to_py(py, &e)),
        Err(payload) => Err(errors::to_py(
            py,
            &onespan_sign::Error::from_panic(payload.as_ref()),
        )),
    }
}

async fn panicking_call() -> onespan_sign::Result<Output> {
    onespan_sign::__private::panic_for_tests().await?;
    Ok(Output::Unit)
}

/// Test hook, not API: panics inside a blocking core call, so the suite can prove it
/// surfaces as a `OneSpanError`.
#[pyfunction]
pub fn _panic_for_tests(py: Python<'_>) -> PyResult<Py<PyAny>> {
    block(py, panicking_call())
}

/// Test hook, not API: the same inside a coroutine.
#[pyfunction]
pub fn _panic_for_tests_async(py: Python<'_>) -> PyResult<Py<PyAny>> {
    coroutine(
        py,
        pyo3::intern!(py, "_panic_for_tests_async"),
        pyo3::intern!(py, "_panic_for_tests_async"),
        async { Python::attach(|py| spawn(py, panicking_call()))?.await },
    )
}
