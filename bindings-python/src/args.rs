//! The argument kinds of the endpoint table (`onespan_sign::for_each_service!`), read from
//! Python objects. Each names the argument in its errors, in Python's words, and lends the
//! core its argument type through `get()`.

use crate::errors;
use crate::models::to_value;
use onespan_sign::surface::input;
use onespan_sign::surface::options::Naming;
use onespan_sign::DocumentUpload;
use pyo3::prelude::*;
use pyo3::types::{PyByteArray, PyBytes, PyList, PyString, PyTuple};
use schemars::JsonSchema;
use serde::de::DeserializeOwned;

/// One argument kind: built from the Python value (`None` when left out).
pub trait FromArg: Sized {
    fn from_arg(py: Python<'_>, value: Option<&Bound<'_, PyAny>>, name: &str) -> PyResult<Self>;
}

fn type_name(v: &Bound<'_, PyAny>) -> String {
    v.get_type()
        .name()
        .map(|n| n.to_string())
        .unwrap_or_else(|_| "object".into())
}

fn text(py: Python<'_>, v: &Bound<'_, PyAny>, name: &str) -> PyResult<String> {
    match v.cast::<PyString>() {
        Ok(s) => Ok(s.to_cow()?.into_owned()),
        Err(_) => Err(errors::invalid(
            py,
            format!("{name} must be a str, not {}", type_name(v)),
        )),
    }
}

fn optional_text(
    py: Python<'_>,
    value: Option<&Bound<'_, PyAny>>,
    name: &str,
) -> PyResult<Option<String>> {
    match value {
        Some(v) if !v.is_none() => text(py, v, name).map(Some),
        _ => Ok(None),
    }
}

/// An ID (the core checks it is not empty, `.`/`..`, or too long).
pub struct Id(String);
impl Id {
    pub fn get(&self) -> &str {
        &self.0
    }
}
impl FromArg for Id {
    fn from_arg(py: Python<'_>, value: Option<&Bound<'_, PyAny>>, name: &str) -> PyResult<Self> {
        match value {
            Some(v) => text(py, v, name).map(Id),
            None => Err(errors::invalid(
                py,
                format!("{name} must be a str, not None"),
            )),
        }
    }
}

/// An optional ID.
pub struct OptId(Option<String>);
impl OptId {
    pub fn get(&self) -> Option<&str> {
        self.0.as_deref()
    }
}
impl FromArg for OptId {
    fn from_arg(py: Python<'_>, value: Option<&Bound<'_, PyAny>>, name: &str) -> PyResult<Self> {
        optional_text(py, value, name).map(OptId)
    }
}

/// An optional choice whose default the core applies (e.g. an image format).
pub type OptText = OptId;

/// A list of IDs.
pub struct Ids(Vec<String>);
impl Ids {
    pub fn get(&self) -> &[String] {
        &self.0
    }
}
impl FromArg for Ids {
    fn from_arg(py: Python<'_>, value: Option<&Bound<'_, PyAny>>, name: &str) -> PyResult<Self> {
        let bad = |v: Option<&Bound<'_, PyAny>>| {
            let t = v.map(type_name).unwrap_or_else(|| "None".into());
            errors::invalid(py, format!("{name} must be a list of str, not {t}"))
        };
        let Some(v) = value else {
            return Err(bad(None));
        };
        // A str is iterable, but one string is not a list of IDs.
        if !(v.is_instance_of::<PyList>() || v.is_instance_of::<PyTuple>()) {
            return Err(bad(Some(v)));
        }
        let mut out = Vec::new();
        for item in v.try_iter()? {
            let item = item?;
            out.push(text(py, &item, &format!("each of {name}"))?);
        }
        Ok(Ids(out))
    }
}

/// A model, from its class or a dict of its wire JSON.
pub struct Model<T>(T);
impl<T> Model<T> {
    pub fn get(&self) -> &T {
        &self.0
    }
}
impl<T: DeserializeOwned + JsonSchema + 'static> FromArg for Model<T> {
    fn from_arg(py: Python<'_>, value: Option<&Bound<'_, PyAny>>, name: &str) -> PyResult<Self> {
        let value = match value {
            Some(v) => to_value(v, name)?,
            None => serde_json::Value::Null,
        };
        input::model(value, name, Naming::Snake)
            .map(Model)
            .map_err(|e| errors::to_py(py, &e))
    }
}

/// Documents to upload: `(file_name, bytes)` pairs.
pub struct Documents(Vec<DocumentUpload>);
impl Documents {
    pub fn get(&self) -> &[DocumentUpload] {
        &self.0
    }
}
impl FromArg for Documents {
    fn from_arg(py: Python<'_>, value: Option<&Bound<'_, PyAny>>, name: &str) -> PyResult<Self> {
        let Some(v) = value.filter(|v| !v.is_none()) else {
            return Ok(Documents(Vec::new()));
        };
        let shape = || {
            errors::invalid(
                py,
                format!("{name} must be a list of (file_name, bytes) tuples"),
            )
        };
        if !(v.is_instance_of::<PyList>() || v.is_instance_of::<PyTuple>()) {
            return Err(shape());
        }
        let mut out = Vec::new();
        for item in v.try_iter()? {
            let item = item?;
            let pair = item.cast::<PyTuple>().map_err(|_| shape())?;
            if pair.len() != 2 {
                return Err(shape());
            }
            let file_name = text(py, &pair.get_item(0)?, "a document's file name")?;
            let content = pair.get_item(1)?;
            let bytes: Vec<u8> = if let Ok(b) = content.cast::<PyBytes>() {
                b.as_bytes().to_vec()
            } else if let Ok(b) = content.cast::<PyByteArray>() {
                b.to_vec()
            } else {
                return Err(errors::invalid(
                    py,
                    format!(
                        "the content of {file_name:?} must be bytes, not {}",
                        type_name(&content)
                    ),
                ));
            };
            out.push(DocumentUpload::new(file_name, bytes));
        }
        Ok(Documents(out))
    }
}
