//! A listing as Python iterates it: one class for `for` (each step blocks, releasing the
//! GIL) and `async for` (each step a coroutine), over the core's pager, which fetches the
//! next page only when the items before it are used up.

use crate::runtime;
use onespan_sign::surface::{Output, Pager};
use pyo3::exceptions::PyStopAsyncIteration;
use pyo3::prelude::*;
use std::sync::Arc;
use tokio::sync::Mutex;

/// Items fetched page after page as they are consumed: iterate it with `for` (from a
/// `Client`) or `async for` (from an `AsyncClient`). Each item is yielded once; it ends
/// after the last page.
#[pyclass(module = "onespan_sign", frozen)]
pub struct Pages {
    name: &'static str,
    pager: Arc<Mutex<Pager>>,
}

impl Pages {
    pub fn new(pager: Pager) -> Self {
        Pages {
            name: pager.name(),
            pager: Arc::new(Mutex::new(pager)),
        }
    }

    /// The next item as an [`Output`]: a model, or `Unit` after the last.
    fn step(&self) -> impl std::future::Future<Output = onespan_sign::Result<Output>> + Send {
        let (name, pager) = (self.name, Arc::clone(&self.pager));
        async move {
            Ok(match pager.lock().await.next().await? {
                Some(json) => Output::Model { name, json },
                None => Output::Unit,
            })
        }
    }
}

#[pymethods]
impl Pages {
    fn __iter__(slf: PyRef<'_, Self>) -> PyRef<'_, Self> {
        slf
    }

    fn __next__(&self, py: Python<'_>) -> PyResult<Option<Py<PyAny>>> {
        let item = runtime::block(py, self.step())?;
        Ok((!item.is_none(py)).then_some(item))
    }

    fn __aiter__(slf: PyRef<'_, Self>) -> PyRef<'_, Self> {
        slf
    }

    fn __anext__(&self, py: Python<'_>) -> PyResult<Py<PyAny>> {
        let step = self.step();
        let call = async move {
            let fut = Python::attach(|py| runtime::spawn(py, step))?;
            let item = fut.await?;
            Python::attach(|py| {
                if item.is_none(py) {
                    Err(PyStopAsyncIteration::new_err(()))
                } else {
                    Ok(item)
                }
            })
        };
        runtime::coroutine(
            py,
            pyo3::intern!(py, "__anext__"),
            pyo3::intern!(py, "Pages.__anext__"),
            call,
        )
    }

    fn __repr__(&self) -> String {
        format!("Pages({})", self.name)
    }
}
