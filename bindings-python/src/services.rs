//! The resource handles, expanded from the core's endpoint table
//! (`onespan_sign::for_each_service!`): each service becomes a blocking class (`Packages`)
//! and an asyncio class (`AsyncPackages`) whose request methods are coroutines. A method
//! reads its arguments by their kind (`args.rs`), calls the core method of the same name,
//! and hands the result to `runtime`; nothing here is per-endpoint. The core reads the
//! table and calls `py_services!` once per service, per method and for all services; each
//! method becomes a `#[pymethods]` block of its own (pyo3's `multiple-pymethods`).

use crate::args::{Documents, FromArg, Id, Ids, Model, OptId, OptText};
use crate::client::ClientRef;
use crate::runtime;
use onespan_sign::models::{CallbackConfig, Package, Role};
use onespan_sign::surface::IntoOutput;
use pyo3::prelude::*;

macro_rules! py_services {
    (@service $class:ident $attr:ident [$($doc:literal),*]) => { paste::paste! {
        $(#[doc = $doc])*
        ///
        /// Methods block, releasing the GIL.
        #[pyclass(module = "onespan_sign", frozen)]
        pub struct $class {
            client: ClientRef,
        }

        $(#[doc = $doc])*
        ///
        /// Request methods return coroutines: `await` them (nothing is sent until then).
        #[pyclass(module = "onespan_sign", frozen)]
        pub struct [<Async $class>] {
            client: ClientRef,
        }

        #[pymethods]
        impl $class {
            fn __repr__(&self) -> &'static str {
                concat!(stringify!($class), "()")
            }
        }

        #[pymethods]
        impl [<Async $class>] {
            fn __repr__(&self) -> &'static str {
                concat!("Async", stringify!($class), "()")
            }
        }
    } };

    // A request: blocking in `$class`, a coroutine in `Async$class`.
    (@request $class:ident $attr:ident $name:ident [$($doc:literal),*]
        ($($arg:ident : $kind:ty $(= $default:tt)?),*) -> $ret:ty) => { paste::paste! {
        #[pymethods]
        impl $class {
            $(#[doc = $doc])*
            #[pyo3(signature = ($($arg $(= $default)?),*))]
            fn $name(&self, py: Python<'_>, $($arg: Option<&Bound<'_, PyAny>>),*) -> PyResult<Py<PyAny>> {
                $(let $arg = <$kind as FromArg>::from_arg(py, $arg, stringify!($arg))?;)*
                let client = self.client.get(py)?;
                runtime::block(py, async move {
                    client.$attr().$name($($arg.get()),*).await?.into_output()
                })
            }
        }

        #[pymethods]
        impl [<Async $class>] {
            $(#[doc = $doc])*
            #[pyo3(signature = ($($arg $(= $default)?),*))]
            fn $name(&self, py: Python<'_>, $($arg: Option<Py<PyAny>>),*) -> PyResult<Py<PyAny>> {
                let client = self.client.clone();
                // Arguments are read on the first await, like the rest: a coroutine never
                // awaited does nothing at all.
                let call = async move {
                    let fut = Python::attach(|py| -> PyResult<_> {
                        $(let $arg = <$kind as FromArg>::from_arg(py, $arg.as_ref().map(|a| a.bind(py)), stringify!($arg))?;)*
                        let client = client.get(py)?;
                        runtime::spawn(py, async move {
                            client.$attr().$name($($arg.get()),*).await?.into_output()
                        })
                    })?;
                    fut.await
                };
                runtime::coroutine(
                    py,
                    pyo3::intern!(py, stringify!($name)),
                    pyo3::intern!(py, concat!("Async", stringify!($class), ".", stringify!($name))),
                    call,
                )
            }
        }
    } };

    // No request: one body, never awaitable, in both classes.
    (@local $class:ident $attr:ident $name:ident [$($doc:literal),*]
        ($($arg:ident : $kind:ty $(= $default:tt)?),*) -> $ret:ty) => { paste::paste! {
        fn [<$class:snake _ $name>](
            client: &ClientRef,
            py: Python<'_>,
            $($arg: Option<&Bound<'_, PyAny>>),*
        ) -> PyResult<Py<PyAny>> {
            $(let $arg = <$kind as FromArg>::from_arg(py, $arg, stringify!($arg))?;)*
            let client = client.get(py)?;
            runtime::local(py, || client.$attr().$name($($arg.get()),*)?.into_output())
        }

        #[pymethods]
        impl $class {
            $(#[doc = $doc])*
            #[pyo3(signature = ($($arg $(= $default)?),*))]
            fn $name(&self, py: Python<'_>, $($arg: Option<&Bound<'_, PyAny>>),*) -> PyResult<Py<PyAny>> {
                [<$class:snake _ $name>](&self.client, py, $($arg),*)
            }
        }

        #[pymethods]
        impl [<Async $class>] {
            $(#[doc = $doc])*
            #[pyo3(signature = ($($arg $(= $default)?),*))]
            fn $name(&self, py: Python<'_>, $($arg: Option<&Bound<'_, PyAny>>),*) -> PyResult<Py<PyAny>> {
                [<$class:snake _ $name>](&self.client, py, $($arg),*)
            }
        }
    } };

    // Registration and the clients' attributes (a further `#[pymethods]` block of each
    // client), so a new service needs no line in lib.rs or client.rs.
    (@services $([$class:ident $attr:ident [$($doc:literal),*] $methods:tt])*) => { paste::paste! {
        /// Registers every service class, blocking and async.
        pub fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
            $(
                m.add_class::<$class>()?;
                m.add_class::<[<Async $class>]>()?;
            )*
            Ok(())
        }

        #[pymethods]
        impl crate::client::Client {
            $(
                $(#[doc = $doc])*
                #[getter]
                fn $attr(&self) -> $class {
                    $class { client: self.inner.clone() }
                }
            )*
        }

        #[pymethods]
        impl crate::client::AsyncClient {
            $(
                $(#[doc = $doc])*
                #[getter]
                fn $attr(&self) -> [<Async $class>] {
                    [<Async $class>] { client: self.inner.clone() }
                }
            )*
        }
    } };
}

onespan_sign::for_each_service!(py_services);
