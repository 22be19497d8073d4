//! `Client` (blocking) and `AsyncClient` (coroutines): the same options, read by the core
//! (`onespan_sign::surface::options`). Their service attributes come from the endpoint
//! table, in services.rs.

use crate::errors;
use crate::models::to_value;
use onespan_sign::surface::options::{self, Naming};
use pyo3::prelude::*;
use pyo3::types::{PyDict, PyTuple};
use serde_json::{Map, Value};
use std::sync::{Arc, Mutex};

/// What a client was built from, so that a forked child can build its own copy: the
/// parent's connections belong to a runtime whose threads the child does not have.
struct Recipe {
    options: Map<String, Value>,
    call_options: Vec<Map<String, Value>>,
}

impl Recipe {
    fn build(&self) -> onespan_sign::Result<onespan_sign::Client> {
        let product = format!("onespan-sign-python/{}", onespan_sign::VERSION);
        let mut client =
            options::client_builder(&product, &self.options, Naming::Snake)?.build()?;
        for o in &self.call_options {
            client = options::with_call_options(&client, o, Naming::Snake)?;
        }
        Ok(client)
    }
}

/// A core client, rebuilt the first time it is used in a forked child.
#[derive(Clone)]
pub struct ClientRef {
    recipe: Arc<Recipe>,
    current: Arc<Mutex<(onespan_sign::Client, u32)>>,
}

impl ClientRef {
    fn new(py: Python<'_>, recipe: Recipe) -> PyResult<Self> {
        let client = recipe.build().map_err(|e| errors::to_py(py, &e))?;
        Ok(ClientRef {
            recipe: Arc::new(recipe),
            current: Arc::new(Mutex::new((client, std::process::id()))),
        })
    }

    /// The core client for this process.
    pub fn get(&self, py: Python<'_>) -> PyResult<onespan_sign::Client> {
        let pid = std::process::id();
        let mut slot = self.current.lock().map_err(|_| {
            errors::to_py(
                py,
                &onespan_sign::Error::Internal("client lock poisoned".into()),
            )
        })?;
        if slot.1 != pid {
            *slot = (self.recipe.build().map_err(|e| errors::to_py(py, &e))?, pid);
        }
        Ok(slot.0.clone())
    }

    fn base_url(&self) -> String {
        self.current
            .lock()
            .map(|c| c.0.base_url().to_string())
            .unwrap_or_default()
    }

    fn with_options(&self, py: Python<'_>, options: Map<String, Value>) -> PyResult<Self> {
        // Checked now, so a bad option fails here rather than at the first call.
        let derived = options::with_call_options(&self.get(py)?, &options, Naming::Snake)
            .map_err(|e| errors::to_py(py, &e))?;
        let mut call_options = self.recipe.call_options.clone();
        call_options.push(options);
        Ok(ClientRef {
            recipe: Arc::new(Recipe {
                options: self.recipe.options.clone(),
                call_options,
            }),
            current: Arc::new(Mutex::new((derived, std::process::id()))),
        })
    }
}

/// Keyword arguments as JSON for the core's option reader.
fn options_map(
    py: Python<'_>,
    first: Option<(&str, &Bound<'_, PyAny>)>,
    kwargs: Option<&Bound<'_, PyDict>>,
) -> PyResult<Map<String, Value>> {
    let mut map = Map::new();
    if let Some((name, v)) = first {
        map.insert(name.to_string(), to_value(v, name)?);
    }
    if let Some(kwargs) = kwargs {
        for (k, v) in kwargs.iter() {
            let name: String = k.extract()?;
            let value = to_value(&v, &name)?;
            map.insert(name, value);
        }
    }
    let _ = py;
    Ok(map)
}

macro_rules! client_class {
    ($rust:ident, $py:literal, $doc:literal, { $($extra:tt)* }) => {
        #[doc = $doc]
        #[pyclass(name = $py, module = "onespan_sign", frozen)]
        pub struct $rust {
            pub(crate) inner: ClientRef,
        }

        #[pymethods]
        impl $rust {
            /// Builds the client; see the class docstring for the options. With no
            /// credentials, `ONESPAN_*` environment variables are read.
            #[new]
            #[pyo3(signature = (api_key=None, **options))]
            fn new(
                py: Python<'_>,
                api_key: Option<&Bound<'_, PyAny>>,
                options: Option<&Bound<'_, PyDict>>,
            ) -> PyResult<Self> {
                let first = api_key.filter(|k| !k.is_none()).map(|k| ("api_key", k));
                let options = options_map(py, first, options)?;
                let inner = ClientRef::new(py, Recipe { options, call_options: Vec::new() })?;
                Ok(Self { inner })
            }

            /// The base URL requests go to.
            #[getter]
            fn base_url(&self) -> String {
                self.inner.base_url()
            }

            /// A client with other limits for the calls made through it (`timeout`,
            /// `max_retries`), sharing this one's connections and token cache.
            #[pyo3(signature = (**options))]
            fn with_options(&self, py: Python<'_>, options: Option<&Bound<'_, PyDict>>) -> PyResult<Self> {
                let options = options_map(py, None, options)?;
                Ok(Self { inner: self.inner.with_options(py, options)? })
            }

            /// Releases nothing: connections close when the last client reference goes.
            fn close(&self) {}

            fn __repr__(&self) -> String {
                format!(concat!($py, "(base_url={:?})"), self.inner.base_url())
            }

            $($extra)*
        }
    };
}

client_class!(
    Client,
    "Client",
    "A OneSpan Sign client whose methods block (releasing the GIL). Safe to share between threads.",
    {
        fn __enter__(slf: Py<Self>) -> Py<Self> {
            slf
        }

        #[pyo3(signature = (*_args))]
        fn __exit__(&self, _args: &Bound<'_, PyTuple>) {}
    }
);

client_class!(
    AsyncClient,
    "AsyncClient",
    "A OneSpan Sign client whose request methods are coroutines. Safe to share between tasks.",
    {
        async fn __aenter__(slf: Py<Self>) -> Py<Self> {
            slf
        }

        #[pyo3(signature = (*_args))]
        async fn __aexit__(&self, _args: Py<PyTuple>) {}
    }
);
