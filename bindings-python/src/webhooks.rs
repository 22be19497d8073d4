//! Webhooks: `verify_webhook`, `parse_webhook` and the `Event` they return.
//!
//! Only conversion happens here: the body becomes bytes, the core checks the key and reads
//! the typed fields (`webhook::verify_view`, one walk that builds nothing else), and its view
//! is wrapped as is; `raw` is read by the core from the same text when first asked for.
//! `onespan_sign/webhooks.py` re-exports these as `verify` and `parse`.

use crate::errors;
use crate::models::json_to_py;
use onespan_sign::webhook;
use onespan_sign::Error;
use pyo3::exceptions::{PyTypeError, PyValueError};
use pyo3::prelude::*;
use pyo3::types::{
    PyBool, PyByteArray, PyBytes, PyDict, PyFloat, PyInt, PyList, PyString, PyTuple,
};
use serde_json::{Map, Value};
use std::borrow::Cow;
use std::sync::OnceLock;

/// A OneSpan Sign event notification.
///
/// ``name`` is the event name as sent (also when this version does not know it);
/// ``package_id``, ``document_id``, ``session_user``, ``message`` and ``created_date`` are
/// ``str`` or ``None``; ``raw`` is the whole payload as received, as a new ``dict``.
#[pyclass(name = "Event", module = "onespan_sign.webhooks", frozen)]
pub struct Event {
    view: webhook::EventView<'static>,
    // The payload as the core reads it, on first use (or as unpickled).
    raw: OnceLock<Map<String, Value>>,
}

impl Event {
    fn new(view: webhook::EventView<'_>) -> Self {
        Event {
            view: view.into_owned(),
            raw: OnceLock::new(),
        }
    }

    fn raw_map(&self) -> &Map<String, Value> {
        self.raw.get_or_init(|| self.view.raw())
    }
}

#[pymethods]
impl Event {
    /// The event name, e.g. ``"PACKAGE_COMPLETE"``.
    #[getter]
    fn name(&self) -> &str {
        self.view.name.as_str()
    }

    /// The package (transaction) the event is about.
    #[getter]
    fn package_id(&self) -> Option<&str> {
        self.view.package_id.as_deref()
    }

    /// The document, for ``DOCUMENT_SIGNED``.
    #[getter]
    fn document_id(&self) -> Option<&str> {
        self.view.document_id.as_deref()
    }

    /// The sender's ID for sender-triggered events, the signer's for signer-triggered ones.
    #[getter]
    fn session_user(&self) -> Option<&str> {
        self.view.session_user.as_deref()
    }

    /// The reason, for declines and opt-outs.
    #[getter]
    fn message(&self) -> Option<&str> {
        self.view.message.as_deref()
    }

    /// When the event happened, as sent.
    #[getter]
    fn created_date(&self) -> Option<&str> {
        self.view.created_date.as_deref()
    }

    /// The whole payload as received (a new dict on each access, so it cannot be altered).
    #[getter]
    fn raw<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyDict>> {
        let dict = PyDict::new(py);
        for (k, v) in self.raw_map() {
            dict.set_item(k, json_to_py(py, v)?)?;
        }
        Ok(dict)
    }

    /// The whole payload as received; the same as ``raw``.
    fn to_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyDict>> {
        self.raw(py)
    }

    fn __eq__(&self, other: PyRef<'_, Self>) -> bool {
        let typed = |e: &Self| {
            let v = &e.view;
            (
                v.name.clone(),
                v.package_id.clone(),
                v.document_id.clone(),
                v.session_user.clone(),
            )
        };
        typed(self) == typed(&other)
            && (self.message(), self.created_date()) == (other.message(), other.created_date())
            && self.raw_map() == other.raw_map()
    }

    /// Pickling (task queues, multiprocessing): the event is rebuilt from ``raw``, exactly.
    fn __reduce__<'py>(
        slf: &Bound<'py, Self>,
    ) -> PyResult<(Bound<'py, PyAny>, (Bound<'py, PyDict>,))> {
        let rebuild = slf.get_type().getattr("_from_raw")?;
        Ok((rebuild, (slf.get().raw(slf.py())?,)))
    }

    /// Rebuilds a pickled event from its ``raw`` payload (see ``__reduce__``).
    ///
    /// The typed fields come from the core's own parser, given only the fields they are read
    /// from (strings survive JSON exactly, and no size cap applies to an event that passed it
    /// once); ``raw`` is converted value by value, so a float the JSON text would not give
    /// back bit for bit is kept as it was.
    #[classmethod]
    fn _from_raw(_cls: &Bound<'_, pyo3::types::PyType>, raw: &Bound<'_, PyDict>) -> PyResult<Self> {
        let py = raw.py();
        let raw = dict_to_map(raw, 0)?;
        let typed: Map<String, Value> = raw
            .iter()
            .filter(|(k, _)| TYPED_FIELDS.contains(&k.as_str()))
            .map(|(k, v)| (k.clone(), v.clone()))
            .collect();
        let text = serde_json::to_vec(&typed)
            .map_err(|e| PyValueError::new_err(format!("cannot rebuild the event: {e}")))?;
        let options = webhook::Options::default().max_body_bytes(usize::MAX);
        let view = webhook::parse_view(&text, &options).map_err(|e| errors::to_py(py, &e))?;
        let event = Event::new(view);
        // Kept as converted: `raw` never goes through JSON text again.
        let _ = event.raw.set(raw);
        Ok(event)
    }

    fn __repr__(&self, py: Python<'_>) -> PyResult<String> {
        let show = |v: Option<&str>| -> PyResult<String> {
            match v {
                Some(s) => Ok(PyString::new(py, s).repr()?.to_cow()?.into_owned()),
                None => Ok("None".to_string()),
            }
        };
        Ok(format!(
            "Event(name={}, package_id={}, document_id={}, session_user={}, message={}, created_date={})",
            show(Some(self.name()))?,
            show(self.package_id())?,
            show(self.document_id())?,
            show(self.session_user())?,
            show(self.message())?,
            show(self.created_date())?,
        ))
    }
}

/// The payload fields the typed attributes are read from.
const TYPED_FIELDS: [&str; 6] = [
    "name",
    "packageId",
    "documentId",
    "sessionUser",
    "message",
    "createdDate",
];

/// serde_json refuses deeper documents, so a `raw` cannot be deeper than this.
const MAX_DEPTH: usize = 128;

/// A value of a `raw` dict back into JSON: what `json_to_py` made, converted back unchanged.
fn py_to_json(obj: &Bound<'_, PyAny>, depth: usize) -> PyResult<Value> {
    if depth > MAX_DEPTH {
        return Err(PyValueError::new_err(
            "the event payload is nested too deeply",
        ));
    }
    if obj.is_none() {
        return Ok(Value::Null);
    }
    if let Ok(b) = obj.cast::<PyBool>() {
        return Ok(Value::Bool(b.is_true()));
    }
    if obj.cast::<PyInt>().is_ok() {
        if let Ok(i) = obj.extract::<i64>() {
            return Ok(Value::from(i));
        }
        if let Ok(u) = obj.extract::<u64>() {
            return Ok(Value::from(u));
        }
        return Err(PyValueError::new_err(
            "an integer in the event payload is out of JSON's range",
        ));
    }
    if let Ok(f) = obj.cast::<PyFloat>() {
        return serde_json::Number::from_f64(f.value())
            .map(Value::Number)
            .ok_or_else(|| PyValueError::new_err("the event payload holds a NaN or infinity"));
    }
    if let Ok(s) = obj.cast::<PyString>() {
        return Ok(Value::String(s.to_cow()?.into_owned()));
    }
    if let Ok(list) = obj.cast::<PyList>() {
        return list
            .iter()
            .map(|item| py_to_json(&item, depth + 1))
            .collect();
    }
    if let Ok(tuple) = obj.cast::<PyTuple>() {
        return tuple
            .iter()
            .map(|item| py_to_json(&item, depth + 1))
            .collect();
    }
    if let Ok(dict) = obj.cast::<PyDict>() {
        return dict_to_map(dict, depth).map(Value::Object);
    }
    Err(PyTypeError::new_err(format!(
        "the event payload cannot hold a {}",
        obj.get_type().name()?
    )))
}

/// A dict of a `raw` payload back into a JSON object, in the same key order.
fn dict_to_map(dict: &Bound<'_, PyDict>, depth: usize) -> PyResult<Map<String, Value>> {
    let mut map = Map::with_capacity(dict.len());
    for (k, v) in dict.iter() {
        let key = k
            .cast::<PyString>()
            .map_err(|_| PyTypeError::new_err("the event payload's keys must be str"))?;
        map.insert(key.to_cow()?.into_owned(), py_to_json(&v, depth + 1)?);
    }
    Ok(map)
}

/// Checks that ``authorization`` (the request's Authorization header value, or ``None``)
/// carries ``callback_key``, then parses ``body`` (the raw request body, ``bytes`` or
/// ``str``) into an ``Event``.
///
/// Raises ``WebhookVerificationError`` for a missing header, an empty key or a mismatch,
/// and ``WebhookParseError`` for a body that is not a OneSpan event.
#[pyfunction]
#[pyo3(name = "verify_webhook", signature = (body, authorization, callback_key))]
pub fn verify(
    py: Python<'_>,
    body: &Bound<'_, PyAny>,
    authorization: Option<String>,
    callback_key: String,
) -> PyResult<Event> {
    with_body(py, body, |bytes| {
        let options = webhook::Options::default();
        webhook::verify_view(bytes, authorization.as_deref(), &callback_key, &options)
            .map(webhook::EventView::into_owned)
    })
}

/// Parses ``body`` (``bytes`` or ``str``) into an ``Event`` without checking any key.
///
/// Raises ``WebhookParseError`` for a body that is not a OneSpan event.
#[pyfunction]
#[pyo3(name = "parse_webhook", signature = (body))]
pub fn parse(py: Python<'_>, body: &Bound<'_, PyAny>) -> PyResult<Event> {
    with_body(py, body, |bytes| {
        webhook::parse_view(bytes, &webhook::Options::default()).map(webhook::EventView::into_owned)
    })
}

/// Bodies up to this size are read without releasing the GIL: releasing and taking it back
/// costs more than reading a few kilobytes (OneSpan's events are a few hundred bytes).
const READ_WITH_GIL_BYTES: usize = 16 * 1024;

/// Runs `f` on the body's bytes, with the GIL released for a large body (up to the 1 MiB cap).
fn with_body(
    py: Python<'_>,
    body: &Bound<'_, PyAny>,
    f: impl FnOnce(&[u8]) -> onespan_sign::Result<webhook::EventView<'static>> + Send,
) -> PyResult<Event> {
    let text: Cow<'_, str>;
    let copied: Vec<u8>;
    let bytes: &[u8] = if let Ok(b) = body.cast::<PyBytes>() {
        // Borrowed, not copied: bytes are immutable and `body` keeps the object alive.
        b.as_bytes()
    } else if let Ok(s) = body.cast::<PyString>() {
        // A str holding lone surrogates has no UTF-8 form, so it cannot be an event.
        text = s.to_cow().map_err(|_| {
            errors::to_py(
                py,
                &Error::WebhookParse("the body is a str that is not valid Unicode".into()),
            )
        })?;
        text.as_bytes()
    } else if let Ok(b) = body.cast::<PyByteArray>() {
        // A bytearray can change under us once the GIL is released: take a copy.
        copied = b.to_vec();
        &copied
    } else {
        return Err(PyTypeError::new_err(format!(
            "body must be bytes or str, not {}",
            body.get_type().name()?
        )));
    };
    // A panic in the core must reach Python as an exception, never unwind through the FFI.
    let guarded = || {
        std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| f(bytes)))
            .unwrap_or_else(|payload| Err(Error::from_panic(payload.as_ref())))
    };
    let read = if bytes.len() <= READ_WITH_GIL_BYTES {
        guarded()
    } else {
        py.detach(guarded)
    };
    match read {
        Ok(view) => Ok(Event::new(view)),
        Err(e) => Err(errors::to_py(py, &e)),
    }
}

/// Adds the webhook functions, `Event` and the body size cap to the module.
pub fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_class::<Event>()?;
    m.add_function(wrap_pyfunction!(verify, m)?)?;
    m.add_function(wrap_pyfunction!(parse, m)?)?;
    m.add("WEBHOOK_MAX_BODY_BYTES", webhook::DEFAULT_MAX_BODY_BYTES)?;
    Ok(())
}
