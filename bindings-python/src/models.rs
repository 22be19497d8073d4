//! Conversions between Python objects and the core's serde models.
//!
//! Arguments: a model object (anything with `to_dict()`) or a plain dict of wire JSON →
//! `serde_json::Value` → the core model. Results: the core model → `Value` → the Python
//! model class of the same name in `onespan_sign.models`.

use crate::errors;
use pyo3::exceptions::PyTypeError;
use pyo3::prelude::*;
use pyo3::types::{PyBool, PyBytes, PyDict, PyFloat, PyInt, PyList, PyString, PyTuple};
use serde::de::DeserializeOwned;
use serde::Serialize;
use serde_json::{Map, Number, Value};

/// Nesting deeper than this is refused rather than risking the stack.
const MAX_DEPTH: usize = 128;

/// A core model from a Python model object or dict; `what` names the argument in errors.
pub fn from_py<T: DeserializeOwned>(obj: &Bound<'_, PyAny>, what: &str) -> PyResult<T> {
    let value = to_value(obj, 0)?;
    if !value.is_object() {
        return Err(errors::invalid(
            obj.py(),
            format!(
                "{what} must be a model or a dict, not {}",
                obj.get_type().name()?
            ),
        ));
    }
    serde_json::from_value(value)
        .map_err(|e| errors::invalid(obj.py(), format!("{what} is not valid: {e}")))
}

fn to_value(obj: &Bound<'_, PyAny>, depth: usize) -> PyResult<Value> {
    if depth > MAX_DEPTH {
        return Err(PyTypeError::new_err("value is nested too deeply"));
    }
    if obj.is_none() {
        return Ok(Value::Null);
    }
    // bool before int: Python's bool is an int.
    if let Ok(b) = obj.cast::<PyBool>() {
        return Ok(Value::Bool(b.is_true()));
    }
    if obj.is_instance_of::<PyInt>() {
        if let Ok(i) = obj.extract::<i64>() {
            return Ok(Value::from(i));
        }
        return Ok(Value::from(obj.extract::<u64>()?));
    }
    if let Ok(f) = obj.cast::<PyFloat>() {
        return Number::from_f64(f.value())
            .map(Value::Number)
            .ok_or_else(|| PyTypeError::new_err("NaN and infinity cannot be sent as JSON"));
    }
    if let Ok(s) = obj.cast::<PyString>() {
        return Ok(Value::String(s.to_cow()?.into_owned()));
    }
    if let Ok(d) = obj.cast::<PyDict>() {
        let mut map = Map::with_capacity(d.len());
        for (k, v) in d.iter() {
            let key = k
                .cast::<PyString>()
                .map_err(|_| PyTypeError::new_err("dict keys must be str"))?;
            map.insert(key.to_cow()?.into_owned(), to_value(&v, depth + 1)?);
        }
        return Ok(Value::Object(map));
    }
    if obj.is_instance_of::<PyList>() || obj.is_instance_of::<PyTuple>() {
        let mut out = Vec::new();
        for item in obj.try_iter()? {
            out.push(to_value(&item?, depth + 1)?);
        }
        return Ok(Value::Array(out));
    }
    if obj.hasattr("to_dict")? {
        return to_value(&obj.call_method0("to_dict")?, depth + 1);
    }
    Err(PyTypeError::new_err(format!(
        "cannot send a {} as JSON",
        obj.get_type().name()?
    )))
}

/// Plain JSON as Python dicts, lists and scalars.
pub fn json_to_py<'py>(py: Python<'py>, v: &Value) -> PyResult<Bound<'py, PyAny>> {
    Ok(match v {
        Value::Null => py.None().into_bound(py),
        Value::Bool(b) => PyBool::new(py, *b).to_owned().into_any(),
        Value::Number(n) => match (n.as_i64(), n.as_u64()) {
            (Some(i), _) => i.into_pyobject(py)?.into_any(),
            (None, Some(u)) => u.into_pyobject(py)?.into_any(),
            _ => n.as_f64().unwrap_or(f64::NAN).into_pyobject(py)?.into_any(),
        },
        Value::String(s) => PyString::new(py, s).into_any(),
        Value::Array(a) => {
            let list = PyList::empty(py);
            for item in a {
                list.append(json_to_py(py, item)?)?;
            }
            list.into_any()
        }
        Value::Object(m) => {
            let dict = PyDict::new(py);
            for (k, item) in m {
                dict.set_item(k, json_to_py(py, item)?)?;
            }
            dict.into_any()
        }
    })
}

/// What a call gives back, built without the GIL and converted once it is held.
pub enum Out {
    None,
    Str(String),
    Bytes(bytes::Bytes),
    /// A model: the class name in `onespan_sign.models` and its wire JSON.
    Model(&'static str, Value),
    Models(&'static str, Vec<Value>),
}

impl Out {
    /// A core model as the Python model class `class`.
    pub fn model<T: Serialize>(class: &'static str, m: &T) -> onespan_sign::Result<Out> {
        Ok(Out::Model(class, json(m)?))
    }

    /// A list of core models as Python model objects.
    pub fn models<T: Serialize>(class: &'static str, ms: &[T]) -> onespan_sign::Result<Out> {
        let values = ms
            .iter()
            .map(json)
            .collect::<onespan_sign::Result<Vec<_>>>()?;
        Ok(Out::Models(class, values))
    }
}

fn json<T: Serialize>(m: &T) -> onespan_sign::Result<Value> {
    serde_json::to_value(m).map_err(|e| onespan_sign::Error::UnexpectedResponse {
        status: 200,
        message: format!("cannot convert the answer: {e}"),
    })
}

fn model_class<'py>(py: Python<'py>, class: &str) -> PyResult<Bound<'py, PyAny>> {
    py.import("onespan_sign.models")?.getattr(class)
}

impl<'py> IntoPyObject<'py> for Out {
    type Target = PyAny;
    type Output = Bound<'py, PyAny>;
    type Error = PyErr;

    fn into_pyobject(self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        match self {
            Out::None => Ok(py.None().into_bound(py)),
            Out::Str(s) => Ok(PyString::new(py, &s).into_any()),
            Out::Bytes(b) => Ok(PyBytes::new(py, &b).into_any()),
            Out::Model(class, v) => {
                model_class(py, class)?.call_method1("from_dict", (json_to_py(py, &v)?,))
            }
            Out::Models(class, vs) => {
                let cls = model_class(py, class)?;
                let list = PyList::empty(py);
                for v in &vs {
                    list.append(cls.call_method1("from_dict", (json_to_py(py, v)?,))?)?;
                }
                Ok(list.into_any())
            }
        }
    }
}
