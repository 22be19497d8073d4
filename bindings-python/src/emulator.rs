//! The emulator, compiled into the extension and run on the binding's runtime.
//!
//! Options are parsed by the emulator crate (`EmulatorOptions::from_json`,
//! `Fault::from_json`) in Python's words: this file only turns keyword arguments into JSON.

use crate::models::json_to_py;
use crate::runtime::runtime;
use onespan_sign_emulator::{
    Emulator as Inner, EmulatorError, EmulatorOptions, Fault, OptionStyle, OptionsError,
    OptionsErrorKind,
};
use pyo3::exceptions::{PyRuntimeError, PyTypeError};
use pyo3::prelude::*;
use pyo3::types::{PyBool, PyDict, PyFloat, PyInt};
use serde_json::Value;

/// A OneSpan Sign API emulator on 127.0.0.1, started on construction; use it as a context
/// manager, or call `stop()`. What it recorded stays readable after it stops.
#[pyclass(name = "Emulator", module = "onespan_sign.testing", frozen)]
pub struct Emulator {
    inner: Inner,
    #[pyo3(get)]
    base_url: String,
    #[pyo3(get)]
    api_key: String,
    #[pyo3(get)]
    client_id: String,
    #[pyo3(get)]
    client_secret: String,
    #[pyo3(get)]
    oauth_client_id: String,
    #[pyo3(get)]
    oauth_client_secret: String,
    #[pyo3(get)]
    oauth_token_url: String,
    /// The account owner's sender ID (the sender of API-key and OWNER-token requests).
    #[pyo3(get)]
    sender_id: String,
    /// The account owner's email.
    #[pyo3(get)]
    sender_email: String,
}

/// Keyword arguments as the JSON object the emulator crate parses (None when there are none).
fn kwargs_json(kwargs: Option<&Bound<'_, PyDict>>) -> PyResult<Value> {
    let Some(kwargs) = kwargs else {
        return Ok(Value::Null);
    };
    let mut map = serde_json::Map::with_capacity(kwargs.len());
    for (k, v) in kwargs.iter() {
        map.insert(k.extract::<String>()?, option_json(&v));
    }
    Ok(Value::Object(map))
}

/// One option's value. Options are scalars; anything else (a list, a dict, another object)
/// is of a kind no option takes, and becomes an empty JSON object so that the emulator's
/// error names the option and what it must be.
fn option_json(v: &Bound<'_, PyAny>) -> Value {
    if v.is_none() {
        return Value::Null;
    }
    // bool before int: Python's bool is an int.
    if let Ok(b) = v.cast::<PyBool>() {
        return Value::Bool(b.is_true());
    }
    if v.is_instance_of::<PyInt>() {
        if let Ok(i) = v.extract::<i64>() {
            return Value::from(i);
        }
        if let Ok(u) = v.extract::<u64>() {
            return Value::from(u);
        }
        // Too large for any option: still a number, so the error is about its range.
        return Value::from(f64::MAX);
    }
    if let Ok(f) = v.cast::<PyFloat>() {
        return serde_json::Number::from_f64(f.value()).map_or(Value::from(-1.0), Value::Number);
    }
    if let Ok(s) = v.extract::<String>() {
        return Value::String(s);
    }
    Value::Object(serde_json::Map::new())
}

/// An unknown name or a wrong type is a `TypeError`, as Python itself raises for arguments;
/// a value out of range an `InvalidArgumentError` (a `ValueError`).
fn bad_option(py: Python<'_>, e: OptionsError) -> PyErr {
    match e.kind() {
        OptionsErrorKind::Unknown | OptionsErrorKind::WrongType => {
            PyTypeError::new_err(e.to_string())
        }
        _ => crate::errors::invalid(py, e.to_string()),
    }
}

/// An emulator refusal as the SDK's typed error (NotFoundError, BadRequestError, ...).
fn refused(py: Python<'_>, e: EmulatorError) -> PyErr {
    let body = e.body().to_string();
    let err: onespan_sign::Error =
        onespan_sign::ApiError::from_response(e.status.as_u16(), body.as_bytes()).into();
    crate::errors::to_py(py, &err)
}

impl Emulator {
    /// The emulator, for a control that changes it: refused once it is stopped.
    fn live(&self) -> PyResult<&Inner> {
        if self.inner.is_stopped() {
            return Err(PyRuntimeError::new_err("the emulator is stopped"));
        }
        Ok(&self.inner)
    }
}

#[pymethods]
impl Emulator {
    #[new]
    #[pyo3(
        signature = (**options),
        text_signature = "(*, port=0, api_key=None, client_id=None, client_secret=None, token_ttl=None, signer_token_ttl=None)"
    )]
    fn new(py: Python<'_>, options: Option<&Bound<'_, PyDict>>) -> PyResult<Self> {
        let options = kwargs_json(options)?;
        let opts = EmulatorOptions::from_json(&options, OptionStyle::PYTHON)
            .map_err(|e| bad_option(py, e))?;
        let rt = runtime()?;
        let inner = py
            .detach(|| rt.block_on(Inner::start_with(opts)))
            .map_err(|e| PyRuntimeError::new_err(format!("the emulator could not start: {e}")))?;
        Ok(Emulator {
            base_url: inner.base_url().to_string(),
            api_key: inner.api_key().to_string(),
            client_id: inner.client_id().to_string(),
            client_secret: inner.client_secret().to_string(),
            oauth_client_id: inner.oauth_client_id().to_string(),
            oauth_client_secret: inner.oauth_client_secret().to_string(),
            oauth_token_url: inner.oauth_token_url(),
            sender_id: inner.sender_id().to_string(),
            sender_email: inner.sender_email().to_string(),
            inner,
        })
    }

    /// How many token requests were asked for (client-app exchanges and OAuth 2.0 token
    /// requests).
    #[getter]
    fn token_requests(&self) -> u64 {
        self.inner.token_requests()
    }

    /// How many `/api` requests arrived.
    #[getter]
    fn api_requests(&self) -> u64 {
        self.inner.api_requests()
    }

    /// Every API token issued so far stops working.
    fn expire_tokens(&self) -> PyResult<()> {
        self.live()?.expire_tokens();
        Ok(())
    }

    /// Lifetime, in seconds, of API tokens issued from now on.
    fn set_token_ttl(&self, py: Python<'_>, seconds: f64) -> PyResult<()> {
        let d = OptionStyle::PYTHON
            .duration("token_ttl", seconds)
            .map_err(|e| bad_option(py, e))?;
        self.live()?.set_token_ttl(d);
        Ok(())
    }

    /// Lifetime, in seconds, of signer authentication tokens issued from now on.
    fn set_signer_token_ttl(&self, py: Python<'_>, seconds: f64) -> PyResult<()> {
        let d = OptionStyle::PYTHON
            .duration("signer_token_ttl", seconds)
            .map_err(|e| bad_option(py, e))?;
        self.live()?.set_signer_token_ttl(d);
        Ok(())
    }

    /// Forgets all packages, tokens and counts.
    fn reset(&self) -> PyResult<()> {
        self.live()?.reset();
        Ok(())
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
        self.live()?
            .sign_document(package_id, role_id, document_id)
            .map_err(|e| refused(py, e))
    }

    /// The signer of `role_id` signs everything left and completes.
    fn complete_signing(&self, py: Python<'_>, package_id: &str, role_id: &str) -> PyResult<()> {
        self.live()?
            .complete_signing(package_id, role_id)
            .map_err(|e| refused(py, e))
    }

    /// The signer of `role_id` is locked out, as after failed authentication attempts.
    fn lock_signer(&self, py: Python<'_>, package_id: &str, role_id: &str) -> PyResult<()> {
        self.live()?
            .lock_signer(package_id, role_id)
            .map_err(|e| refused(py, e))
    }

    /// Emails and SMS sent so far: dicts with kind, package_id, role_id and to.
    fn notifications<'py>(&self, py: Python<'py>) -> PyResult<Vec<Bound<'py, PyAny>>> {
        self.inner
            .notifications()
            .into_iter()
            .map(|n| {
                let d = PyDict::new(py);
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
        self.inner
            .deliveries()
            .into_iter()
            .map(|a| {
                let d = PyDict::new(py);
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
        self.live()?
            .simulate_event(package_id, event_name, role_id, message)
            .map_err(|e| refused(py, e))
    }

    /// Arms a fault for the next `count` requests matching `method` and `path` (a prefix):
    /// wait `delay` seconds; answer `status` (with `retry_after` seconds and a `body` of
    /// "json", "html", "empty", "truncated" or "huge"); or `action` "drop" (close without
    /// answering) or "drop_after" (handle the request, then close without answering).
    #[pyo3(
        signature = (**fault),
        text_signature = "($self, *, count=1, path=None, method=None, delay=None, status=None, retry_after=None, body=None, action=None)"
    )]
    fn inject_fault(&self, py: Python<'_>, fault: Option<&Bound<'_, PyDict>>) -> PyResult<()> {
        let fault = kwargs_json(fault)?;
        let fault = Fault::from_json(&fault, OptionStyle::PYTHON).map_err(|e| bad_option(py, e))?;
        self.live()?.inject_fault(fault);
        Ok(())
    }

    /// The User-Agent of the last request received.
    #[getter]
    fn last_user_agent(&self) -> Option<String> {
        self.inner.last_user_agent()
    }

    /// Every request received so far, as "METHOD /path", in order.
    fn requests(&self) -> Vec<String> {
        self.inner.requests()
    }

    /// Event payloads emitted so far, as the service would POST them (dicts, wire names).
    fn events<'py>(&self, py: Python<'py>) -> PyResult<Vec<Bound<'py, PyAny>>> {
        self.inner
            .events()
            .iter()
            .map(|v| json_to_py(py, v))
            .collect()
    }

    /// Stops serving, and returns once stopped: a request still in flight is cut off, and
    /// no connection is accepted any more. What was recorded stays readable. Idempotent.
    fn stop(&self, py: Python<'_>) -> PyResult<()> {
        let rt = runtime()?;
        py.detach(|| rt.block_on(self.inner.stop()));
        Ok(())
    }

    fn __enter__(slf: Py<Self>) -> Py<Self> {
        slf
    }

    #[pyo3(signature = (*_args))]
    // None (not False): exceptions go on either way, and `-> None` lets type checkers see
    // that a `return` inside `with Emulator()` ends the function.
    fn __exit__(&self, py: Python<'_>, _args: &Bound<'_, pyo3::types::PyTuple>) -> PyResult<()> {
        self.stop(py)
    }

    fn __repr__(&self) -> String {
        format!("Emulator(base_url={:?})", self.base_url)
    }
}
