//! `Client` (blocking) and `AsyncClient` (asyncio): the same constructor, different `Mode`.

use crate::errors;
use crate::runtime::Mode;
use crate::services::{AuthTokens, Callbacks, Packages, Roles};
use pyo3::prelude::*;
use std::time::Duration;

/// Builds the core client from the Python keyword arguments.
#[allow(clippy::too_many_arguments)]
fn build(
    py: Python<'_>,
    api_key: Option<String>,
    client_id: Option<String>,
    client_secret: Option<String>,
    environment: Option<&str>,
    base_url: Option<String>,
    timeout: Option<f64>,
    max_retries: Option<u32>,
    binding: &str,
) -> PyResult<onespan_sign::Client> {
    let to_err = |e: onespan_sign::Error| errors::to_py(py, &e);
    let mut b = onespan_sign::Client::builder()
        .user_agent(format!("onespan-sign-{binding}/{}", onespan_sign::VERSION));
    if let Some(k) = api_key {
        b = b.api_key(k);
    }
    if client_id.is_some() || client_secret.is_some() {
        // A missing half becomes empty, which the core refuses with its own message.
        b = b.client_app(
            client_id.unwrap_or_default(),
            client_secret.unwrap_or_default(),
        );
    }
    if let Some(env) = environment {
        b = b.environment(env.parse().map_err(to_err)?);
    }
    if let Some(url) = base_url {
        b = b.base_url(url);
    }
    if let Some(secs) = timeout {
        let d = Duration::try_from_secs_f64(secs).map_err(|_| {
            errors::invalid(
                py,
                format!("timeout must be a positive number of seconds, not {secs}"),
            )
        })?;
        b = b.timeout(d);
    }
    if let Some(n) = max_retries {
        b = b.max_retries(n);
    }
    b.build().map_err(to_err)
}

/// A timeout in seconds as a Duration, refusing negative and non-finite values.
fn seconds(py: Python<'_>, secs: f64) -> PyResult<Duration> {
    Duration::try_from_secs_f64(secs).map_err(|_| {
        errors::invalid(
            py,
            format!("timeout must be a positive number of seconds, not {secs}"),
        )
    })
}

macro_rules! client_class {
    ($rust:ident, $py:literal, $mode:expr, $doc:literal, { $($extra:tt)* }) => {
        #[doc = $doc]
        #[pyclass(name = $py, module = "onespan_sign", frozen)]
        pub struct $rust {
            inner: onespan_sign::Client,
        }

        #[pymethods]
        impl $rust {
            #[new]
            #[pyo3(signature = (api_key=None, *, client_id=None, client_secret=None, environment=None, base_url=None, timeout=None, max_retries=None))]
            #[allow(clippy::too_many_arguments)]
            fn new(
                py: Python<'_>,
                api_key: Option<String>,
                client_id: Option<String>,
                client_secret: Option<String>,
                environment: Option<&str>,
                base_url: Option<String>,
                timeout: Option<f64>,
                max_retries: Option<u32>,
            ) -> PyResult<Self> {
                let inner = build(py, api_key, client_id, client_secret, environment, base_url, timeout, max_retries, "python")?;
                Ok(Self { inner })
            }

            /// Packages (transactions).
            #[getter]
            fn packages(&self) -> Packages {
                Packages::new(self.inner.clone(), $mode)
            }

            /// Roles and their signers.
            #[getter]
            fn roles(&self) -> Roles {
                Roles::new(self.inner.clone(), $mode)
            }

            /// Signer authentication tokens.
            #[getter]
            fn auth_tokens(&self) -> AuthTokens {
                AuthTokens::new(self.inner.clone(), $mode)
            }

            /// The event-notification (webhook) configuration.
            #[getter]
            fn callbacks(&self) -> Callbacks {
                Callbacks::new(self.inner.clone(), $mode)
            }

            /// The base URL requests go to.
            #[getter]
            fn base_url(&self) -> &str {
                self.inner.base_url()
            }

            /// A client with other limits for the calls made through it, sharing this one's
            /// connections and token cache: `client.with_options(timeout=2).packages.get(id)`.
            #[pyo3(signature = (*, timeout=None, max_retries=None))]
            fn with_options(&self, py: Python<'_>, timeout: Option<f64>, max_retries: Option<u32>) -> PyResult<Self> {
                let mut inner = self.inner.clone();
                if let Some(secs) = timeout {
                    inner = inner
                        .with_timeout(seconds(py, secs)?)
                        .map_err(|e| errors::to_py(py, &e))?;
                }
                if let Some(n) = max_retries {
                    inner = inner.with_max_retries(n);
                }
                Ok(Self { inner })
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
    Mode::Sync,
    "A OneSpan Sign client whose methods block (releasing the GIL). Safe to share between threads.",
    {
        fn __enter__(slf: Py<Self>) -> Py<Self> {
            slf
        }

        #[pyo3(signature = (*_args))]
        fn __exit__(&self, _args: &Bound<'_, pyo3::types::PyTuple>) -> bool {
            false
        }
    }
);

client_class!(
    AsyncClient,
    "AsyncClient",
    Mode::Async,
    "A OneSpan Sign client whose methods return asyncio awaitables.",
    {
        fn __aenter__<'py>(slf: Py<Self>, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
            pyo3_async_runtimes::tokio::future_into_py(py, async move { Ok(slf) })
        }

        #[pyo3(signature = (*_args))]
        fn __aexit__<'py>(
            &self,
            py: Python<'py>,
            _args: &Bound<'py, pyo3::types::PyTuple>,
        ) -> PyResult<Bound<'py, PyAny>> {
            pyo3_async_runtimes::tokio::future_into_py(py, async move { Ok(false) })
        }
    }
);
