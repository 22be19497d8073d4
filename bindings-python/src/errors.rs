//! Core errors → the exception classes of `onespan_sign/errors.py`.

use onespan_sign::Error;
use pyo3::exceptions::PyRuntimeError;
use pyo3::prelude::*;
use pyo3::types::PyDict;

/// The Python exception for a core error.
pub fn to_py(py: Python<'_>, err: &Error) -> PyErr {
    build(py, err).unwrap_or_else(|import_failed| import_failed)
}

fn build(py: Python<'_>, err: &Error) -> PyResult<PyErr> {
    let name = err.kind().python_class_name();
    let cls = py.import("onespan_sign.errors")?.getattr(name)?;
    let kwargs = PyDict::new(py);
    if let Some(api) = err.api() {
        kwargs.set_item("status", api.status)?;
        kwargs.set_item("message_key", api.message_key.as_deref())?;
        kwargs.set_item("technical", api.technical.as_deref())?;
        kwargs.set_item("body", &api.body)?;
        kwargs.set_item("name", api.name.as_deref())?;
        kwargs.set_item("server_message", &api.message)?;
    } else if let Some(status) = err.status() {
        kwargs.set_item("status", status)?;
    }
    if let Some(wait) = err.retry_after() {
        kwargs.set_item("retry_after", wait.as_secs_f64())?;
    }
    let exc = cls.call((err.to_string(),), Some(&kwargs))?;
    Ok(PyErr::from_value(exc))
}

/// An `InvalidArgumentError` for bad input found while converting arguments.
pub fn invalid(py: Python<'_>, msg: impl Into<String>) -> PyErr {
    to_py(py, &Error::InvalidArgument(msg.into()))
}

/// For failures of the binding itself, which should not happen.
#[allow(dead_code)]
pub fn internal(msg: impl Into<String>) -> PyErr {
    PyRuntimeError::new_err(msg.into())
}
