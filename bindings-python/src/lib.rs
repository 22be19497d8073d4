//! The Python binding: registration only. Each module converts types and errors; every
//! request, retry and JSON shape lives in the `onespan-sign` core.

mod args;
mod client;
mod emulator;
mod errors;
mod logging;
mod memory;
mod models;
mod pages;
mod runtime;
mod services;
mod webhooks;

use pyo3::prelude::*;

#[pymodule]
fn _native(m: &Bound<'_, PyModule>) -> PyResult<()> {
    logging::init(m.py());
    m.add_class::<client::Client>()?;
    m.add_class::<client::AsyncClient>()?;
    m.add_class::<pages::Pages>()?;
    services::register(m)?;
    m.add_class::<emulator::Emulator>()?;
    webhooks::register(m)?;
    m.add_function(wrap_pyfunction!(runtime::_panic_for_tests, m)?)?;
    m.add_function(wrap_pyfunction!(runtime::_panic_for_tests_async, m)?)?;
    m.add("__version__", onespan_sign::VERSION)?;
    Ok(())
}
