//! The emulator, compiled into the extension and run on the binding's runtime.

use crate::models::json_to_py;
use crate::runtime::runtime;
use onespan_sign_emulator::{Emulator as Inner, EmulatorError, EmulatorOptions};
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
    Duration::try_from_secs_f64(secs).map_err(|_| {
        crate::errors::invalid(py, format!("{what} must be a positive number of seconds"))
    })
}

/// An emulator refusal as the SDK's typed error (NotFoundError, BadRequestError, ...).
fn refused(py: Python<'_>, e: EmulatorError) -> PyErr {
    let body = e.body().to_string();
    let err: onespan_sign::Error =
        onespan_sign::ApiError::from_response(e.status.as_u16(), body.as_bytes()).into();
    crate::errors::to_py(py, &err)
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
    #[pyo3(signature = (*, port=0, api_key=None, client_id=None, client_secret=None, token_ttl=None, signer_token_ttl=None))]
    #[allow(clippy::too_many_arguments)]
    fn new(
        py: Python<'_>,
        port: u16,
        api_key: Option<String>,
        client_id: Option<String>,
        client_secret: Option<String>,
        token_ttl: Option<f64>,
        signer_token_ttl: Option<f64>,
    ) -> PyResult<Self> {
        let mut opts = EmulatorOptions::default();
        opts.port = port;
        opts.api_key = api_key;
        opts.client_id = client_id;
        opts.client_secret = client_secret;
        opts.token_ttl = token_ttl
            .map(|s| duration(py, "token_ttl", s))
            .transpose()?;
        opts.signer_token_ttl = signer_token_ttl
            .map(|s| duration(py, "signer_token_ttl", s))
            .transpose()?;
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

    /// Lifetime, in seconds, of signer authentication tokens issued from now on.
    fn set_signer_token_ttl(&self, py: Python<'_>, seconds: f64) -> PyResult<()> {
        let d = duration(py, "signer_token_ttl", seconds)?;
        self.with(|e| e.set_signer_token_ttl(d))
    }

    /// Forgets all packages, tokens and counts.
    fn reset(&self) -> PyResult<()> {
        self.with(Inner::reset)
    }

    /// The signer of `role_id` signs `document_id`, or every document when it is None.
    #[pyo3(signature = (package_id, role_id, document_id=None))]
    fn sign_document(
        &self,
        py: Python<'_>,
        package_id: &str,
        role_id: &str,
        document_id: Option<&str>,
    ) -> PyResult<()> {
        self.with(|e| e.sign_document(package_id, role_id, document_id))?
            .map_err(|e| refused(py, e))
    }

    /// The signer of `role_id` signs everything left and completes.
    fn complete_signing(&self, py: Python<'_>, package_id: &str, role_id: &str) -> PyResult<()> {
        self.with(|e| e.complete_signing(package_id, role_id))?
            .map_err(|e| refused(py, e))
    }

    /// The signer of `role_id` is locked out, as after failed authentication attempts.
    fn lock_signer(&self, py: Python<'_>, package_id: &str, role_id: &str) -> PyResult<()> {
        self.with(|e| e.lock_signer(package_id, role_id))?
            .map_err(|e| refused(py, e))
    }

    /// Emails and SMS sent so far: dicts with kind, package_id, role_id and to.
    fn notifications<'py>(&self, py: Python<'py>) -> PyResult<Vec<Bound<'py, PyAny>>> {
        let sent = self.with(Inner::notifications)?;
        sent.into_iter()
            .map(|n| {
                let d = pyo3::types::PyDict::new(py);
                d.set_item("kind", n.kind)?;
                d.set_item("package_id", n.package_id)?;
                d.set_item("role_id", n.role_id)?;
                d.set_item("to", n.to)?;
                Ok(d.into_any())
            })
            .collect()
    }

    /// Every attempt to deliver an event to the callback URL: dicts with event_name,
    /// package_id, url, attempt, status, error and delivered.
    fn deliveries<'py>(&self, py: Python<'py>) -> PyResult<Vec<Bound<'py, PyAny>>> {
        let attempts = self.with(Inner::deliveries)?;
        attempts
            .into_iter()
            .map(|a| {
                let d = pyo3::types::PyDict::new(py);
                d.set_item("event_name", a.event_name)?;
                d.set_item("package_id", a.package_id)?;
                d.set_item("url", a.url)?;
                d.set_item("attempt", a.attempt)?;
                d.set_item("status", a.status)?;
                d.set_item("error", a.error)?;
                d.set_item("delivered", a.delivered)?;
                Ok(d.into_any())
            })
            .collect()
    }

    /// Causes an event the API has no endpoint for (`PACKAGE_DECLINE`, `PACKAGE_OPT_OUT`,
    /// `PACKAGE_EXPIRE`, `PACKAGE_ATTACHMENT`, `ROLE_REASSIGN`, `KBA_FAILURE`,
    /// `EMAIL_BOUNCE`), by the signer of `role_id`, with `message` as the reason.
    #[pyo3(signature = (package_id, event_name, role_id=None, message=None))]
    fn simulate_event(
        &self,
        py: Python<'_>,
        package_id: &str,
        event_name: &str,
        role_id: Option<&str>,
        message: Option<&str>,
    ) -> PyResult<()> {
        self.with(|e| e.simulate_event(package_id, event_name, role_id, message))?
            .map_err(|e| refused(py, e))
    }

    /// Arms a fault for the next `count` requests matching `method` and `path` (a prefix):
    /// wait `delay` seconds; answer `status` (with `retry_after` seconds and a `body` of
    /// "json", "html", "empty", "truncated" or "huge"); or `action` "drop" (close without
    /// answering) or "drop_after" (handle the request, then close without answering).
    #[pyo3(signature = (*, count=1, path=None, method=None, delay=None, status=None, retry_after=None, body=None, action=None))]
    #[allow(clippy::too_many_arguments)]
    fn inject_fault(
        &self,
        py: Python<'_>,
        count: u32,
        path: Option<String>,
        method: Option<String>,
        delay: Option<f64>,
        status: Option<u16>,
        retry_after: Option<u64>,
        body: Option<String>,
        action: Option<String>,
    ) -> PyResult<()> {
        let delay_ms = delay
            .map(|s| duration(py, "delay", s).map(|d| d.as_millis() as u64))
            .transpose()?;
        let spec = serde_json::json!({
            "count": count, "path": path, "method": method, "delayMs": delay_ms,
            "status": status, "retryAfter": retry_after, "body": body, "action": action,
        });
        let fault: onespan_sign_emulator::Fault = serde_json::from_value(spec)
            .map_err(|e| crate::errors::invalid(py, format!("not a fault: {e}")))?;
        self.with(|e| e.inject_fault(fault))
    }

    /// The User-Agent of the last request received.
    #[getter]
    fn last_user_agent(&self) -> PyResult<Option<String>> {
        self.with(Inner::last_user_agent)
    }

    /// Every request received so far, as "METHOD /path", in order.
    fn requests(&self) -> PyResult<Vec<String>> {
        self.with(Inner::requests)
    }

    /// Event payloads emitted so far, as the service would POST them (dicts, wire names).
    fn events<'py>(&self, py: Python<'py>) -> PyResult<Vec<Bound<'py, PyAny>>> {
        let events = self.with(Inner::events)?;
        events.iter().map(|v| json_to_py(py, v)).collect()
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
