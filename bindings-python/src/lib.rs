//! The Python binding: registration only. Each module converts types and errors; every
//! request, retry and JSON shape lives in the `onespan-sign` core.

mod client;
mod emulator;
mod errors;
mod models;
mod runtime;
mod services;
mod webhooks;

use pyo3::prelude::*;

#[pymodule]
fn _native(m: &Bound<'_, PyModule>) -> PyResult<()> {
    runtime::init()?;
    m.add_class::<client::Client>()?;
    m.add_class::<client::AsyncClient>()?;
    m.add_class::<services::Packages>()?;
    m.add_class::<services::Roles>()?;
    m.add_class::<services::AuthTokens>()?;
    m.add_class::<services::Callbacks>()?;
    m.add_class::<emulator::Emulator>()?;
    webhooks::register(m)?;
    m.add_function(wrap_pyfunction!(runtime::_panic_for_tests, m)?)?;
    m.add("__version__", onespan_sign::VERSION)?;
    Ok(())
}
