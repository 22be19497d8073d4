//! The emulator, compiled into the extension and run on the binding's runtime.

use crate::runtime::runtime;
use onespan_sign_emulator::{Emulator as Inner, EmulatorOptions};
use pyo3::exceptions::PyRuntimeError;
use pyo3::prelude::*;
use std::sync::Mutex;
use std::time::Duration;

/// A OneSpan Sign API emulator on 127.0.0.1, started on construction; use it as a context
/// manager, or call `stop()`.
#[pyclass(name = "Emulator", module = "onespan_sign.testing", frozen)]
pub struct Emulator {
    inner: Mutex<Option<Inner>>,
    #[pyo3(get)]
    base_url: String,
    #[pyo3(get)]
    api_key: String,
    #[pyo3(get)]
    client_id: String,
    #[pyo3(get)]
    client_secret: String,
}

fn duration(py: Python<'_>, what: &str, secs: f64) -> PyResult<Duration> {
    Duration::try_from_secs_f64(secs)
        .map_err(|_| crate::errors::invalid(py, format!("{what} must be a positive number of seconds")))
}

impl Emulator {
    fn with<T>(&self, f: impl FnOnce(&Inner) -> T) -> PyResult<T> {
        let guard = self.inner.lock().unwrap_or_else(|p| p.into_inner());
        guard
            .as_ref()
            .map(f)
            .ok_or_else(|| PyRuntimeError::new_err("the emulator is stopped"))
    }
}

#[pymethods]
impl Emulator {
    #[new]
    #[pyo3(signature = (*, port=0, api_key=None, client_id=None, client_secret=None, token_ttl=None))]
    fn new(
        py: Python<'_>,
        port: u16,
        api_key: Option<String>,
        client_id: Option<String>,
        client_secret: Option<String>,
        token_ttl: Option<f64>,
    ) -> PyResult<Self> {
        let mut opts = EmulatorOptions::default();
        opts.port = port;
        opts.api_key = api_key;
        opts.client_id = client_id;
        opts.client_secret = client_secret;
        opts.token_ttl = token_ttl.map(|s| duration(py, "token_ttl", s)).transpose()?;
        let rt = runtime()?;
        let inner = py
            .detach(|| rt.block_on(Inner::start_with(opts)))
            .map_err(|e| PyRuntimeError::new_err(format!("the emulator could not start: {e}")))?;
        Ok(Emulator {
            base_url: inner.base_url().to_string(),
            api_key: inner.api_key().to_string(),
            client_id: inner.client_id().to_string(),
            client_secret: inner.client_secret().to_string(),
            inner: Mutex::new(Some(inner)),
        })
    }

    /// How many client-app token exchanges were asked for.
    #[getter]
    fn token_requests(&self) -> PyResult<u64> {
        self.with(Inner::token_requests)
    }

    /// How many `/api` requests arrived.
    #[getter]
    fn api_requests(&self) -> PyResult<u64> {
        self.with(Inner::api_requests)
    }

    /// Every API token issued so far stops working.
    fn expire_tokens(&self) -> PyResult<()> {
        self.with(Inner::expire_tokens)
    }

    /// Lifetime, in seconds, of API tokens issued from now on.
    fn set_token_ttl(&self, py: Python<'_>, seconds: f64) -> PyResult<()> {
        let d = duration(py, "token_ttl", seconds)?;
        self.with(|e| e.set_token_ttl(d))
    }

    /// Forgets all packages, tokens and counts.
    fn reset(&self) -> PyResult<()> {
        self.with(Inner::reset)
    }

    /// Stops serving. Idempotent.
    fn stop(&self, py: Python<'_>) -> PyResult<()> {
        let taken = self.inner.lock().unwrap_or_else(|p| p.into_inner()).take();
        if let Some(inner) = taken {
            let rt = runtime()?;
            py.detach(|| rt.block_on(inner.stop()));
        }
        Ok(())
    }

    fn __enter__(slf: Py<Self>) -> Py<Self> {
        slf
    }

    #[pyo3(signature = (*_args))]
    fn __exit__(&self, py: Python<'_>, _args: &Bound<'_, pyo3::types::PyTuple>) -> PyResult<bool> {
        self.stop(py)?;
        Ok(false)
    }

    fn __repr__(&self) -> String {
        format!("Emulator(base_url={:?})", self.base_url)
    }
}
