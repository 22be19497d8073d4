//! Conversions between Python values and JSON, both ways.
//!
//! Arguments: a model object (anything with `to_dict()`) or a plain dict of wire JSON →
//! `serde_json::Value`, which the core reads into its model. Results: the core's
//! [`Output`] → the Python model class of the same name in `onespan_sign.models` (its
//! `_spec` read once), built from the JSON as it is consumed, with no intermediate copy
//! alive (see [`ToPy`]).

use crate::errors;
use onespan_sign::surface::Output;
use pyo3::intern;
use pyo3::prelude::*;
use pyo3::sync::PyOnceLock;
use pyo3::types::{PyBool, PyBytes, PyDict, PyFloat, PyInt, PyList, PyString, PyTuple};
use serde_json::{Map, Number, Value};
use std::collections::HashMap;
use std::sync::{Arc, Mutex};

/// Nesting deeper than this is refused rather than risking the stack.
const MAX_DEPTH: usize = 128;

/// A Python value as JSON: dicts, lists, tuples, str, int, float, bool, None, and models
/// (anything with `to_dict()`). `what` names the argument in errors, in Python's words.
pub fn to_value(obj: &Bound<'_, PyAny>, what: &str) -> PyResult<Value> {
    value_at(obj, what, 0)
}

fn value_at(obj: &Bound<'_, PyAny>, what: &str, depth: usize) -> PyResult<Value> {
    let py = obj.py();
    if depth > MAX_DEPTH {
        return Err(errors::invalid(py, format!("{what} is nested too deeply")));
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
        return obj
            .extract::<u64>()
            .map(Value::from)
            .map_err(|_| errors::invalid(py, format!("{what} holds an int too large for JSON")));
    }
    if let Ok(f) = obj.cast::<PyFloat>() {
        return Number::from_f64(f.value())
            .map(Value::Number)
            .ok_or_else(|| {
                errors::invalid(
                    py,
                    format!("{what} holds NaN or infinity, which JSON cannot carry"),
                )
            });
    }
    if let Ok(s) = obj.cast::<PyString>() {
        return Ok(Value::String(s.to_cow()?.into_owned()));
    }
    if let Ok(d) = obj.cast::<PyDict>() {
        let mut map = Map::with_capacity(d.len());
        for (k, v) in d.iter() {
            let key = k.cast::<PyString>().map_err(|_| {
                errors::invalid(
                    py,
                    format!("{what} has a key that is not a str: {}", type_name(&k)),
                )
            })?;
            let key = key.to_cow()?.into_owned();
            let inner = format!("{what}[{key:?}]");
            map.insert(key, value_at(&v, &inner, depth + 1)?);
        }
        return Ok(Value::Object(map));
    }
    if obj.is_instance_of::<PyList>() || obj.is_instance_of::<PyTuple>() {
        let mut out = Vec::new();
        for (i, item) in obj.try_iter()?.enumerate() {
            out.push(value_at(&item?, &format!("{what}[{i}]"), depth + 1)?);
        }
        return Ok(Value::Array(out));
    }
    if obj.hasattr("to_dict")? {
        return value_at(&obj.call_method0("to_dict")?, what, depth + 1);
    }
    Err(errors::invalid(
        py,
        format!(
            "{what} cannot be sent as JSON: a {} is not a dict, list, str, number, bool or None",
            type_name(obj)
        ),
    ))
}

fn type_name(v: &Bound<'_, PyAny>) -> String {
    v.get_type()
        .name()
        .map(|n| n.to_string())
        .unwrap_or_else(|_| "object".into())
}

/// Plain JSON as Python dicts, lists and scalars, leaving the JSON as it is (webhook events
/// and emulator recordings, which are small; call results go through [`ToPy`]).
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

/// JSON → Python, consuming the JSON: each node is freed as soon as its Python value
/// exists, so the two forms of a large answer are never both whole. Dict keys are made once
/// per distinct key (as `json.loads` does): a list of 750,000 objects has two key strings,
/// not 1,500,000.
struct ToPy<'py> {
    py: Python<'py>,
    keys: HashMap<String, Bound<'py, PyString>>,
}

impl<'py> ToPy<'py> {
    fn new(py: Python<'py>) -> Self {
        ToPy {
            py,
            keys: HashMap::new(),
        }
    }

    fn key(&mut self, k: String) -> Bound<'py, PyString> {
        if let Some(s) = self.keys.get(&k) {
            return s.clone();
        }
        let s = PyString::new(self.py, &k);
        self.keys.insert(k, s.clone());
        s
    }

    fn value(&mut self, v: Value) -> PyResult<Bound<'py, PyAny>> {
        let py = self.py;
        Ok(match v {
            Value::Null => py.None().into_bound(py),
            Value::Bool(b) => PyBool::new(py, b).to_owned().into_any(),
            Value::Number(n) => match (n.as_i64(), n.as_u64()) {
                (Some(i), _) => i.into_pyobject(py)?.into_any(),
                (None, Some(u)) => u.into_pyobject(py)?.into_any(),
                _ => n.as_f64().unwrap_or(f64::NAN).into_pyobject(py)?.into_any(),
            },
            Value::String(s) => PyString::new(py, &s).into_any(),
            Value::Array(items) => {
                let list = PyList::empty(py);
                for item in items {
                    list.append(self.value(item)?)?;
                }
                list.into_any()
            }
            Value::Object(map) => self.dict(map)?.into_any(),
        })
    }

    fn dict(&mut self, map: Map<String, Value>) -> PyResult<Bound<'py, PyDict>> {
        let dict = PyDict::new(self.py);
        for (k, item) in map {
            let key = self.key(k);
            dict.set_item(key, self.value(item)?)?;
        }
        Ok(dict)
    }

    /// A model's wire JSON as an instance of its class, built as the class's `_from_wire`
    /// builds one (the fields of its `_spec` as attributes, nested models as their classes,
    /// JSON `null` as `None`, every other key in `extra`, in the answer's order) but
    /// straight from the JSON: no dict of the whole answer, no Python loop.
    fn model(&mut self, class: &str, json: Value) -> PyResult<Bound<'py, PyAny>> {
        let py = self.py;
        let map = match json {
            Value::Object(map) => map,
            other => {
                return Err(errors::to_py(
                    py,
                    &onespan_sign::Error::Internal(format!(
                        "a {class}'s JSON is not an object: {other}"
                    )),
                ))
            }
        };
        let spec = spec(py, class)?;
        let mut values: Vec<Option<Bound<'py, PyAny>>> = vec![None; spec.fields.len()];
        let extra = PyDict::new(py);
        for (k, v) in map {
            let Some(&i) = spec.by_wire.get(k.as_str()) else {
                let key = self.key(k);
                extra.set_item(key, self.value(v)?)?;
                continue;
            };
            let field = &spec.fields[i];
            values[i] = match (&field.nested, v) {
                (_, Value::Null) => None,
                (Some(nested), Value::Array(items)) if field.many => {
                    let list = PyList::empty(py);
                    for item in items {
                        list.append(self.model(nested, item)?)?;
                    }
                    Some(list.into_any())
                }
                (Some(nested), v @ Value::Object(_)) if !field.many => Some(self.model(nested, v)?),
                // The core's typed models never give another shape; kept as JSON if one did.
                (_, v) => Some(self.value(v)?),
            };
        }
        let cls = spec.class.bind(py);
        let obj = cls.call_method1(intern!(py, "__new__"), (cls,))?;
        // Attribute by attribute, in `_spec` order, as `_from_wire` sets them: CPython then
        // keeps the instance's values in its compact, key-sharing form (a `__dict__`
        // assigned whole would cost each instance a dict of its own).
        for (field, value) in spec.fields.iter().zip(values) {
            match value {
                Some(v) => obj.setattr(field.attr.bind(py), v)?,
                None => obj.setattr(field.attr.bind(py), py.None())?,
            }
        }
        obj.setattr(intern!(py, "extra"), extra)?;
        Ok(obj)
    }
}

/// One entry of a model class's `_spec`, `(attr, wire, nested, many)`, less its wire name.
struct Field {
    attr: Py<PyString>,
    nested: Option<String>,
    many: bool,
}

/// A model class and its `_spec`, read once per process.
struct Spec {
    class: Py<PyAny>,
    fields: Vec<Field>,
    by_wire: HashMap<String, usize>,
}

static SPECS: PyOnceLock<Mutex<HashMap<String, Arc<Spec>>>> = PyOnceLock::new();

fn spec(py: Python<'_>, class: &str) -> PyResult<Arc<Spec>> {
    let specs = SPECS.get_or_init(py, || Mutex::new(HashMap::new()));
    let poisoned = |_| {
        errors::to_py(
            py,
            &onespan_sign::Error::Internal("the model table's lock is poisoned".into()),
        )
    };
    if let Some(found) = specs.lock().map_err(poisoned)?.get(class) {
        return Ok(Arc::clone(found));
    }
    let cls = py
        .import(intern!(py, "onespan_sign.models"))?
        .getattr(class)?;
    let mut fields = Vec::new();
    let mut by_wire = HashMap::new();
    for entry in cls.getattr(intern!(py, "_spec"))?.try_iter()? {
        let (attr, wire, nested, many): (Bound<'_, PyString>, String, Option<String>, bool) =
            entry?.extract()?;
        by_wire.insert(wire, fields.len());
        fields.push(Field {
            attr: attr.unbind(),
            nested,
            many,
        });
    }
    let made = Arc::new(Spec {
        class: cls.unbind(),
        fields,
        by_wire,
    });
    specs
        .lock()
        .map_err(poisoned)?
        .insert(class.to_string(), Arc::clone(&made));
    Ok(made)
}

/// A call's result as the Python value: models become the class of the same name in
/// `onespan_sign.models` (generated from the same core definitions).
pub fn output_to_py(py: Python<'_>, out: Output) -> PyResult<Py<PyAny>> {
    Ok(match out {
        Output::Unit => py.None(),
        Output::Text(s) => PyString::new(py, &s).into_any().unbind(),
        Output::Bytes(b) => PyBytes::new(py, &b).into_any().unbind(),
        Output::Model { name, json } => ToPy::new(py).model(name, json)?.unbind(),
        Output::Models { name, items } => {
            let mut to_py = ToPy::new(py);
            let list = PyList::empty(py);
            for v in items {
                list.append(to_py.model(name, v)?)?;
            }
            list.into_any().unbind()
        }
        Output::Count(n) => n.into_pyobject(py)?.into_any().unbind(),
        Output::Pager(p) => Py::new(py, crate::pages::Pages::new(p))?.into_any(),
        other => {
            return Err(errors::to_py(
                py,
                &onespan_sign::Error::Internal(format!("no conversion for {other:?}")),
            ))
        }
    })
}
