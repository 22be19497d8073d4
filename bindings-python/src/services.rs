//! The resource handles, expanded from the core's endpoint table
//! (`onespan_sign::for_each_service!`): each service becomes a blocking class (`Packages`)
//! and an asyncio class (`AsyncPackages`) whose request methods are coroutines. A method
//! reads its arguments by their kind (`args.rs`), calls the core method of the same name,
//! and hands the result to `runtime`; nothing here is per-endpoint.

use crate::args::{
    Flag, FromArg, Id, Ids, Model, OptCount, OptId, OptText, OptTime, Sink, Uploads,
};
use crate::client::ClientRef;
use crate::runtime;
use onespan_sign::models::{CallbackConfig, Document, Package, Role};
use onespan_sign::surface::IntoOutput;
use pyo3::prelude::*;

macro_rules! py_services {
    ($(
        $(#[doc = $sdoc:literal])*
        $class:ident $attr:ident {
            $(
                $(#[doc = $mdoc:literal])*
                $name:ident ( $($arg:ident : $kind:ty $(= $default:tt)?),* $(,)? ) -> $ret:ty;
            )*
        } $(@local {
            $(
                $(#[doc = $ldoc:literal])*
                $lname:ident ( $($larg:ident : $lkind:ty $(= $ldefault:tt)?),* $(,)? ) -> $lret:ty;
            )*
        })?
    )*) => { paste::paste! { $(
        $(#[doc = $sdoc])*
        ///
        /// Methods block, releasing the GIL.
        #[pyclass(module = "onespan_sign", frozen)]
        pub struct $class {
            client: ClientRef,
        }

        $(#[doc = $sdoc])*
        ///
        /// Request methods return coroutines: `await` them (nothing is sent until then).
        #[pyclass(module = "onespan_sign", frozen)]
        pub struct [<Async $class>] {
            client: ClientRef,
        }

        impl $class {
            pub fn new(client: ClientRef) -> Self {
                Self { client }
            }
        }

        impl [<Async $class>] {
            pub fn new(client: ClientRef) -> Self {
                Self { client }
            }
        }

        // The `@local` methods make no request, so the blocking and the async class share
        // one body.
        impl $class {
            $($(
                fn [<$lname _local>](
                    client: &ClientRef,
                    py: Python<'_>,
                    $($larg: Option<&Bound<'_, PyAny>>),*
                ) -> PyResult<Py<PyAny>> {
                    $(let $larg = <$lkind as FromArg>::from_arg(py, $larg, stringify!($larg))?;)*
                    let client = client.get(py)?;
                    runtime::local(py, || client.$attr().$lname($($larg.get()),*)?.into_output())
                }
            )*)?
        }

        #[pymethods]
        impl $class {
            $(
                $(#[doc = $mdoc])*
                #[pyo3(signature = ($($arg $(= $default)?),*))]
                fn $name(
                    &self,
                    py: Python<'_>,
                    $($arg: Option<&Bound<'_, PyAny>>),*
                ) -> PyResult<Py<PyAny>> {
                    $(let $arg = <$kind as FromArg>::from_arg(py, $arg, stringify!($arg))?;)*
                    let client = self.client.get(py)?;
                    runtime::block(py, async move {
                        client.$attr().$name($($arg.get()),*).await?.into_output()
                    })
                }
            )*
            $($(
                $(#[doc = $ldoc])*
                #[pyo3(signature = ($($larg $(= $ldefault)?),*))]
                fn $lname(
                    &self,
                    py: Python<'_>,
                    $($larg: Option<&Bound<'_, PyAny>>),*
                ) -> PyResult<Py<PyAny>> {
                    $class::[<$lname _local>](&self.client, py, $($larg),*)
                }
            )*)?

            fn __repr__(&self) -> &'static str {
                concat!(stringify!($class), "()")
            }
        }

        #[pymethods]
        impl [<Async $class>] {
            $(
                $(#[doc = $mdoc])*
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
            )*
            $($(
                $(#[doc = $ldoc])*
                #[pyo3(signature = ($($larg $(= $ldefault)?),*))]
                fn $lname(
                    &self,
                    py: Python<'_>,
                    $($larg: Option<&Bound<'_, PyAny>>),*
                ) -> PyResult<Py<PyAny>> {
                    $class::[<$lname _local>](&self.client, py, $($larg),*)
                }
            )*)?

            fn __repr__(&self) -> &'static str {
                concat!("Async", stringify!($class), "()")
            }
        }
    )*

        /// Registers every service class, blocking and async.
        pub fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
            $(
                m.add_class::<$class>()?;
                m.add_class::<[<Async $class>]>()?;
            )*
            Ok(())
        }

        // The clients' service attributes: a second `#[pymethods]` block of each client
        // (pyo3's `multiple-pymethods`), so a new service needs no line in client.rs.
        #[pymethods]
        impl crate::client::Client {
            $(
                $(#[doc = $sdoc])*
                #[getter]
                fn $attr(&self) -> $class {
                    $class::new(self.inner.clone())
                }
            )*
        }

        #[pymethods]
        impl crate::client::AsyncClient {
            $(
                $(#[doc = $sdoc])*
                #[getter]
                fn $attr(&self) -> [<Async $class>] {
                    [<Async $class>]::new(self.inner.clone())
                }
            )*
        }
    } };
}

onespan_sign::for_each_service!(py_services);
