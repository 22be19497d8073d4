//! The argument kinds of the endpoint table (`onespan_sign::for_each_service!`), read from
//! JavaScript values. napi converts each argument to an [`Arg`] on the JS thread without
//! ever failing; the kinds then check it inside the call, so a wrong type rejects the
//! Promise with an `InvalidArgumentError` naming the argument in JavaScript's words, never
//! a Rust type and never a synchronous throw.

// napi's conversion traits are unsafe to implement: they read raw napi values.
#![allow(unsafe_code)]

use crate::errors::invalid;
use napi::bindgen_prelude::{Buffer, FromNapiValue, Promise, TypeName, ValidateNapiValue};
use napi::threadsafe_function::ThreadsafeFunction;
use napi::Status;
use napi::{sys, ValueType};
use onespan_sign::surface::input;
use onespan_sign::surface::options::Naming;
use onespan_sign::ChunkWriter;
use onespan_sign::DocumentUpload;
use schemars::JsonSchema;
use serde::de::DeserializeOwned;
use serde_json::Value;
use std::future::Future;
use std::pin::Pin;
use std::sync::Arc;
use std::time::{Duration, SystemTime};

/// A JavaScript argument, copied out of the JS heap so the call can run off its thread.
pub enum Arg {
    Text(String),
    Bytes(Vec<u8>),
    /// Documents: an array of `{ name, content: Buffer }`.
    Docs(Vec<DocumentUpload>),
    Json(Value),
    /// A `Date`, as milliseconds since the epoch.
    Date(f64),
    /// A function: a download's destination, `(chunk: Buffer) => Promise<void>`, which the
    /// facade makes of a `Writable`.
    Writer(Arc<JsWriter>),
    /// Anything else, by its JavaScript type name.
    Other(&'static str),
}

fn js_type(v: &Value) -> &'static str {
    input::type_name(v, Naming::Camel)
}

impl Arg {
    /// Its type in JavaScript's words.
    pub fn type_name(&self) -> &'static str {
        match self {
            Arg::Text(_) => "string",
            Arg::Bytes(_) => "Buffer",
            Arg::Docs(_) => "array",
            Arg::Json(v) => js_type(v),
            Arg::Date(_) => "Date",
            Arg::Writer(_) => "function",
            Arg::Other(t) => t,
        }
    }
}

unsafe fn is_date(env: sys::napi_env, v: sys::napi_value) -> bool {
    let mut yes = false;
    let status = unsafe { sys::napi_is_date(env, v, &mut yes) };
    status == sys::Status::napi_ok && yes
}

/// `(chunk: Buffer) => Promise<void>`, callable from any thread; weak, so that a writer
/// kept by nothing else never holds the process open.
type WriteFn = ThreadsafeFunction<Buffer, Promise<()>, Buffer, Status, false, true>;

/// A download's destination in JavaScript: each piece goes to the function on the JS
/// thread, and the next waits until its Promise settles (the `Writable`'s backpressure).
pub struct JsWriter {
    write: WriteFn,
}

impl ChunkWriter for JsWriter {
    fn write(
        &self,
        chunk: bytes::Bytes,
    ) -> Pin<Box<dyn Future<Output = onespan_sign::Result<()>> + Send + '_>> {
        Box::pin(async move {
            let failed = |e: napi::Error| onespan_sign::Error::Write(e.reason.clone());
            let pending = self
                .write
                .call_async(Buffer::from(chunk.to_vec()))
                .await
                .map_err(failed)?;
            pending.await.map_err(failed)
        })
    }
}

unsafe fn is_buffer(env: sys::napi_env, v: sys::napi_value) -> bool {
    let mut yes = false;
    let status = unsafe { sys::napi_is_buffer(env, v, &mut yes) };
    status == sys::Status::napi_ok && yes
}

/// `[{ name, content: Buffer }, ...]` as documents, or `None` when it is not that shape.
unsafe fn documents(env: sys::napi_env, v: sys::napi_value) -> Option<Vec<DocumentUpload>> {
    let mut is_array = false;
    let status = unsafe { sys::napi_is_array(env, v, &mut is_array) };
    if status != sys::Status::napi_ok || !is_array {
        return None;
    }
    let mut len = 0u32;
    let status = unsafe { sys::napi_get_array_length(env, v, &mut len) };
    if status != sys::Status::napi_ok || len == 0 {
        return None;
    }
    let mut out = Vec::with_capacity(len as usize);
    for i in 0..len {
        let mut item = std::ptr::null_mut();
        let mut content = std::ptr::null_mut();
        let mut name = std::ptr::null_mut();
        unsafe {
            if sys::napi_get_element(env, v, i, &mut item) != sys::Status::napi_ok
                || napi::type_of!(env, item).ok()? != ValueType::Object
                || sys::napi_get_named_property(env, item, c"content".as_ptr(), &mut content)
                    != sys::Status::napi_ok
                || !is_buffer(env, content)
                || sys::napi_get_named_property(env, item, c"name".as_ptr(), &mut name)
                    != sys::Status::napi_ok
            {
                return None;
            }
            let name = String::from_napi_value(env, name).ok()?;
            let content = Buffer::from_napi_value(env, content).ok()?;
            out.push(DocumentUpload::new(name, content.to_vec()));
        }
    }
    Some(out)
}

impl FromNapiValue for Arg {
    unsafe fn from_napi_value(env: sys::napi_env, v: sys::napi_value) -> napi::Result<Self> {
        let t = napi::type_of!(env, v)?;
        Ok(match t {
            ValueType::String => Arg::Text(unsafe { String::from_napi_value(env, v)? }),
            ValueType::Object if unsafe { is_buffer(env, v) } => {
                Arg::Bytes(unsafe { Buffer::from_napi_value(env, v)? }.to_vec())
            }
            ValueType::Object if unsafe { is_date(env, v) } => {
                let mut ms = 0f64;
                let status = unsafe { sys::napi_get_date_value(env, v, &mut ms) };
                if status == sys::Status::napi_ok {
                    Arg::Date(ms)
                } else {
                    Arg::Other("Date")
                }
            }
            ValueType::Object => match unsafe { documents(env, v) } {
                Some(docs) => Arg::Docs(docs),
                None => match unsafe { Value::from_napi_value(env, v) } {
                    Ok(json) => Arg::Json(json),
                    Err(_) => Arg::Other("object"),
                },
            },
            ValueType::Null => Arg::Json(Value::Null),
            ValueType::Undefined => Arg::Other("undefined"),
            ValueType::Boolean | ValueType::Number => {
                Arg::Json(unsafe { Value::from_napi_value(env, v)? })
            }
            ValueType::Function => match unsafe { WriteFn::from_napi_value(env, v) } {
                Ok(write) => Arg::Writer(Arc::new(JsWriter { write })),
                Err(_) => Arg::Other("function"),
            },
            ValueType::Symbol => Arg::Other("symbol"),
            ValueType::BigInt => Arg::Other("bigint"),
            _ => Arg::Other("value"),
        })
    }
}

impl TypeName for Arg {
    fn type_name() -> &'static str {
        "unknown"
    }

    fn value_type() -> ValueType {
        ValueType::Unknown
    }
}

impl ValidateNapiValue for Arg {}

/// One argument kind, built from the argument (`None` when left out or `undefined`).
pub trait FromArg: Sized {
    fn from_arg(arg: Option<Arg>, name: &str) -> napi::Result<Self>;
}

fn missing(arg: &Option<Arg>) -> bool {
    matches!(
        arg,
        None | Some(Arg::Other("undefined")) | Some(Arg::Json(Value::Null))
    )
}

fn shown(arg: &Option<Arg>) -> &'static str {
    arg.as_ref().map(Arg::type_name).unwrap_or("undefined")
}

/// An ID (the core checks it is not empty, `.`/`..`, or too long).
pub struct Id(String);
impl Id {
    pub fn get(&self) -> &str {
        &self.0
    }
}
impl FromArg for Id {
    fn from_arg(arg: Option<Arg>, name: &str) -> napi::Result<Self> {
        match arg {
            Some(Arg::Text(s)) => Ok(Id(s)),
            other => Err(invalid(format!(
                "{name} must be a string, not {}",
                shown(&other)
            ))),
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
    fn from_arg(arg: Option<Arg>, name: &str) -> napi::Result<Self> {
        if missing(&arg) {
            return Ok(OptId(None));
        }
        Id::from_arg(arg, name).map(|id| OptId(Some(id.0)))
    }
}

/// An optional choice whose default the core applies (e.g. an image format).
pub type OptText = OptId;

/// An array of IDs.
pub struct Ids(Vec<String>);
impl Ids {
    pub fn get(&self) -> &[String] {
        &self.0
    }
}
impl FromArg for Ids {
    fn from_arg(arg: Option<Arg>, name: &str) -> napi::Result<Self> {
        let bad = |t: &str| invalid(format!("{name} must be an array of strings, not {t}"));
        match arg {
            Some(Arg::Json(Value::Array(items))) => items
                .into_iter()
                .map(|v| match v {
                    Value::String(s) => Ok(s),
                    other => Err(invalid(format!(
                        "each of {name} must be a string, not {}",
                        js_type(&other)
                    ))),
                })
                .collect::<napi::Result<Vec<_>>>()
                .map(Ids),
            other => Err(bad(shown(&other))),
        }
    }
}

/// A model, as a plain object of its wire JSON.
pub struct Model<T>(T);
impl<T> Model<T> {
    pub fn get(&self) -> &T {
        &self.0
    }
}
impl<T: DeserializeOwned + JsonSchema + 'static> FromArg for Model<T> {
    fn from_arg(arg: Option<Arg>, name: &str) -> napi::Result<Self> {
        let value = match arg {
            Some(Arg::Json(v)) => v,
            // An array of plain objects that happens to look like documents is still JSON.
            other => {
                return Err(invalid(format!(
                    "{name} must be a {} object, not {}",
                    T::schema_name(),
                    shown(&other)
                )))
            }
        };
        input::model(value, name, Naming::Camel)
            .map(Model)
            .map_err(crate::errors::to_napi)
    }
}

/// Documents to upload: `{ name, content: Buffer }` objects.
pub struct Uploads(Vec<DocumentUpload>);
impl Uploads {
    pub fn get(&self) -> &[DocumentUpload] {
        &self.0
    }
}
impl FromArg for Uploads {
    fn from_arg(arg: Option<Arg>, name: &str) -> napi::Result<Self> {
        match arg {
            Some(Arg::Docs(d)) => Ok(Uploads(d)),
            Some(Arg::Json(Value::Array(a))) if a.is_empty() => Ok(Uploads(Vec::new())),
            a if missing(&a) => Ok(Uploads(Vec::new())),
            other => Err(invalid(format!(
                "{name} must be an array of {{ name: string, content: Buffer }}, not {}",
                shown(&other)
            ))),
        }
    }
}

/// An options object (`new Client({...})`, `withOptions({...})`), read property by
/// property: a value with no JSON form (a function, an `AbortSignal`, an `http.Agent`)
/// then spoils only its own property, which can be named, not the whole object.
pub enum Options {
    /// Own enumerable string-keyed properties, in order.
    Object(Vec<(String, Arg)>),
    /// Not a plain object: its type.
    Other(&'static str),
}

impl FromNapiValue for Options {
    unsafe fn from_napi_value(env: sys::napi_env, v: sys::napi_value) -> napi::Result<Self> {
        let t = napi::type_of!(env, v)?;
        match t {
            ValueType::Undefined | ValueType::Null => return Ok(Options::Object(Vec::new())),
            ValueType::Object => {}
            _ => {
                return Ok(Options::Other(
                    unsafe { Arg::from_napi_value(env, v)? }.type_name(),
                ))
            }
        }
        let mut is_array = false;
        unsafe { sys::napi_is_array(env, v, &mut is_array) };
        if is_array {
            return Ok(Options::Other("array"));
        }
        if unsafe { is_buffer(env, v) } {
            return Ok(Options::Other("Buffer"));
        }
        let mut keys = std::ptr::null_mut();
        let status = unsafe {
            sys::napi_get_all_property_names(
                env,
                v,
                sys::KeyCollectionMode::own_only,
                sys::KeyFilter::enumerable | sys::KeyFilter::skip_symbols,
                sys::KeyConversion::numbers_to_strings,
                &mut keys,
            )
        };
        if status != sys::Status::napi_ok {
            return Ok(Options::Other("object"));
        }
        let mut len = 0u32;
        unsafe { sys::napi_get_array_length(env, keys, &mut len) };
        let mut out = Vec::with_capacity(len as usize);
        for i in 0..len {
            let mut key = std::ptr::null_mut();
            let mut value = std::ptr::null_mut();
            unsafe {
                if sys::napi_get_element(env, keys, i, &mut key) != sys::Status::napi_ok
                    || sys::napi_get_property(env, v, key, &mut value) != sys::Status::napi_ok
                {
                    return Ok(Options::Other("object"));
                }
                out.push((
                    String::from_napi_value(env, key)?,
                    Arg::from_napi_value(env, value)?,
                ));
            }
        }
        Ok(Options::Object(out))
    }
}

impl TypeName for Options {
    fn type_name() -> &'static str {
        "unknown"
    }

    fn value_type() -> ValueType {
        ValueType::Unknown
    }
}

impl ValidateNapiValue for Options {}

/// A yes/no choice, `false` when left out.
pub struct Flag(bool);
impl Flag {
    pub fn get(&self) -> bool {
        self.0
    }
}
impl FromArg for Flag {
    fn from_arg(arg: Option<Arg>, name: &str) -> napi::Result<Self> {
        match arg {
            Some(Arg::Json(Value::Bool(b))) => Ok(Flag(b)),
            a if missing(&a) => Ok(Flag(false)),
            other => Err(invalid(format!(
                "{name} must be a boolean, not {}",
                shown(&other)
            ))),
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
    fn from_arg(arg: Option<Arg>, name: &str) -> napi::Result<Self> {
        match arg {
            Some(Arg::Json(Value::Number(n))) => match n.as_u64().map(u32::try_from) {
                Some(Ok(n)) => Ok(OptCount(Some(n))),
                _ => Err(invalid(format!(
                    "{name} must be a whole number of at least 1, not {n}"
                ))),
            },
            a if missing(&a) => Ok(OptCount(None)),
            other => Err(invalid(format!(
                "{name} must be a number, not {}",
                shown(&other)
            ))),
        }
    }
}

/// An optional point in time: a `Date`.
pub struct OptTime(Option<SystemTime>);
impl OptTime {
    pub fn get(&self) -> Option<SystemTime> {
        self.0
    }
}
impl FromArg for OptTime {
    fn from_arg(arg: Option<Arg>, name: &str) -> napi::Result<Self> {
        match arg {
            Some(Arg::Date(ms)) if ms.is_finite() => {
                let span = Duration::from_secs_f64(ms.abs() / 1000.0);
                let at = if ms >= 0.0 {
                    SystemTime::UNIX_EPOCH.checked_add(span)
                } else {
                    SystemTime::UNIX_EPOCH.checked_sub(span)
                };
                at.map(|t| OptTime(Some(t)))
                    .ok_or_else(|| invalid(format!("{name} is out of range")))
            }
            Some(Arg::Date(_)) => Err(invalid(format!("{name} is an invalid Date"))),
            a if missing(&a) => Ok(OptTime(None)),
            other => Err(invalid(format!(
                "{name} must be a Date, not {}",
                shown(&other)
            ))),
        }
    }
}

/// Where a download goes: memory when left out, a path, or a writer (the facade's wrapper
/// of a `Writable`).
pub struct Sink(onespan_sign::Sink);
impl Sink {
    pub fn get(&self) -> &onespan_sign::Sink {
        &self.0
    }
}
impl FromArg for Sink {
    fn from_arg(arg: Option<Arg>, name: &str) -> napi::Result<Self> {
        match arg {
            Some(Arg::Text(path)) => Ok(Sink(onespan_sign::Sink::Path(path.into()))),
            Some(Arg::Writer(w)) => Ok(Sink(onespan_sign::Sink::Writer(w))),
            a if missing(&a) => Ok(Sink(onespan_sign::Sink::Memory)),
            other => Err(invalid(format!(
                "{name} must be a path (string) or a stream.Writable, not {}",
                shown(&other)
            ))),
        }
    }
}
