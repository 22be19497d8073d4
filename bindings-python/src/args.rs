//! The argument kinds of the endpoint table (`onespan_sign::for_each_service!`), read from
//! Python objects. Each names the argument in its errors, in Python's words, and lends the
//! core its argument type through `get()`.

use crate::errors;
use crate::models::to_value;
use onespan_sign::surface::input;
use onespan_sign::surface::options::Naming;
use onespan_sign::{ChunkWriter, DocumentUpload};
use pyo3::prelude::*;
use pyo3::types::{PyBool, PyByteArray, PyBytes, PyInt, PyList, PyString, PyTuple};
use schemars::JsonSchema;
use serde::de::DeserializeOwned;
use std::future::Future;
use std::pin::Pin;
use std::sync::Arc;
use std::time::{Duration, SystemTime};

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
pub struct Uploads(Vec<DocumentUpload>);
impl Uploads {
    pub fn get(&self) -> &[DocumentUpload] {
        &self.0
    }
}
impl FromArg for Uploads {
    fn from_arg(py: Python<'_>, value: Option<&Bound<'_, PyAny>>, name: &str) -> PyResult<Self> {
        let Some(v) = value.filter(|v| !v.is_none()) else {
            return Ok(Uploads(Vec::new()));
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
        Ok(Uploads(out))
    }
}

/// A yes/no choice, `False` when left out.
pub struct Flag(bool);
impl Flag {
    pub fn get(&self) -> bool {
        self.0
    }
}
impl FromArg for Flag {
    fn from_arg(py: Python<'_>, value: Option<&Bound<'_, PyAny>>, name: &str) -> PyResult<Self> {
        match value {
            None => Ok(Flag(false)),
            Some(v) if v.is_none() => Ok(Flag(false)),
            Some(v) => match v.cast::<PyBool>() {
                Ok(b) => Ok(Flag(b.is_true())),
                Err(_) => Err(errors::invalid(
                    py,
                    format!("{name} must be a bool, not {}", type_name(v)),
                )),
            },
        }
    }
}

/// An optional whole number (a page size).
pub struct OptCount(Option<u32>);
impl OptCount {
    pub fn get(&self) -> Option<u32> {
        self.0
    }
}
impl FromArg for OptCount {
    fn from_arg(py: Python<'_>, value: Option<&Bound<'_, PyAny>>, name: &str) -> PyResult<Self> {
        let Some(v) = value.filter(|v| !v.is_none()) else {
            return Ok(OptCount(None));
        };
        // bool is an int in Python, but `page_size=True` is a mistake.
        if v.is_instance_of::<PyBool>() || !v.is_instance_of::<PyInt>() {
            return Err(errors::invalid(
                py,
                format!("{name} must be an int, not {}", type_name(v)),
            ));
        }
        match v.extract::<u32>() {
            Ok(n) => Ok(OptCount(Some(n))),
            Err(_) => Err(errors::invalid(
                py,
                format!("{name} must be a whole number of at least 1, not {v}"),
            )),
        }
    }
}

/// An optional point in time: a timezone-aware `datetime`.
pub struct OptTime(Option<SystemTime>);
impl OptTime {
    pub fn get(&self) -> Option<SystemTime> {
        self.0
    }
}
impl FromArg for OptTime {
    fn from_arg(py: Python<'_>, value: Option<&Bound<'_, PyAny>>, name: &str) -> PyResult<Self> {
        let Some(v) = value.filter(|v| !v.is_none()) else {
            return Ok(OptTime(None));
        };
        // By the datetime module rather than pyo3's datetime types, which abi3 lacks.
        let datetime = py
            .import(pyo3::intern!(py, "datetime"))?
            .getattr(pyo3::intern!(py, "datetime"))?;
        if !v.is_instance(&datetime)? {
            return Err(errors::invalid(
                py,
                format!("{name} must be a datetime, not {}", type_name(v)),
            ));
        }
        let dt = v;
        // A naive datetime is ambiguous (local time? UTC?): asking is better than guessing.
        if dt.getattr(pyo3::intern!(py, "tzinfo"))?.is_none() {
            return Err(errors::invalid(
                py,
                format!(
                    "{name} must be a timezone-aware datetime, such as \
                     datetime.now(timezone.utc), not a naive one"
                ),
            ));
        }
        let seconds: f64 = dt.call_method0(pyo3::intern!(py, "timestamp"))?.extract()?;
        let at = if seconds >= 0.0 {
            SystemTime::UNIX_EPOCH.checked_add(Duration::from_secs_f64(seconds))
        } else {
            SystemTime::UNIX_EPOCH.checked_sub(Duration::from_secs_f64(-seconds))
        };
        at.map(|t| OptTime(Some(t)))
            .ok_or_else(|| errors::invalid(py, format!("{name} is out of range")))
    }
}

/// Where a download goes: memory when left out, a path (`str` or `os.PathLike`), or a
/// binary file object (anything with `write(bytes)`).
pub struct Sink(onespan_sign::Sink);
impl Sink {
    pub fn get(&self) -> &onespan_sign::Sink {
        &self.0
    }
}
impl FromArg for Sink {
    fn from_arg(py: Python<'_>, value: Option<&Bound<'_, PyAny>>, name: &str) -> PyResult<Self> {
        let Some(v) = value.filter(|v| !v.is_none()) else {
            return Ok(Sink(onespan_sign::Sink::Memory));
        };
        if let Ok(s) = v.cast::<PyString>() {
            return Ok(Sink(onespan_sign::Sink::Path(
                s.to_cow()?.into_owned().into(),
            )));
        }
        if v.hasattr(pyo3::intern!(py, "__fspath__"))? {
            let path = py
                .import(pyo3::intern!(py, "os"))?
                .call_method1(pyo3::intern!(py, "fspath"), (v,))?;
            return match path.cast::<PyString>() {
                Ok(s) => Ok(Sink(onespan_sign::Sink::Path(
                    s.to_cow()?.into_owned().into(),
                ))),
                Err(_) => Err(errors::invalid(
                    py,
                    format!("{name} must be a str path, a PathLike of str, or a binary file"),
                )),
            };
        }
        if v.hasattr(pyo3::intern!(py, "write"))? {
            if v.is_instance(&py.import(pyo3::intern!(py, "io"))?.getattr("TextIOBase")?)? {
                return Err(errors::invalid(
                    py,
                    format!("{name} must be opened in binary mode ('wb'), not text mode"),
                ));
            }
            return Ok(Sink(onespan_sign::Sink::Writer(Arc::new(PyWriter {
                file: Arc::new(v.clone().unbind()),
            }))));
        }
        Err(errors::invalid(
            py,
            format!(
                "{name} must be a path (str or os.PathLike) or a binary file object, not {}",
                type_name(v)
            ),
        ))
    }
}

/// A Python binary file object as a download's destination: each piece is passed to its
/// `write` from a blocking thread (taking the GIL there), never from the async threads.
struct PyWriter {
    file: Arc<Py<PyAny>>,
}

impl ChunkWriter for PyWriter {
    fn write(
        &self,
        chunk: bytes::Bytes,
    ) -> Pin<Box<dyn Future<Output = onespan_sign::Result<()>> + Send + '_>> {
        let file = Arc::clone(&self.file);
        Box::pin(async move {
            tokio::task::spawn_blocking(move || {
                Python::attach(|py| write_all(py, file.bind(py), &chunk))
            })
            .await
            .map_err(|e| onespan_sign::Error::Write(format!("the writer stopped: {e}")))?
        })
    }
}

/// `file.write` until every byte is taken (a raw file may take fewer than given).
fn write_all(py: Python<'_>, file: &Bound<'_, PyAny>, chunk: &[u8]) -> onespan_sign::Result<()> {
    let mut rest = chunk;
    while !rest.is_empty() {
        let taken = file
            .call_method1(pyo3::intern!(py, "write"), (PyBytes::new(py, rest),))
            .map_err(|e| onespan_sign::Error::Write(format!("the file's write() raised {e}")))?;
        let n = if taken.is_none() {
            rest.len()
        } else {
            taken.extract::<usize>().unwrap_or(rest.len())
        };
        if n == 0 {
            return Err(onespan_sign::Error::Write(
                "the file's write() took no bytes".into(),
            ));
        }
        rest = &rest[n.min(rest.len())..];
    }
    Ok(())
}
