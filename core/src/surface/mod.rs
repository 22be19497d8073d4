//! The surface every binding exposes, defined once: the endpoint table
//! ([`for_each_service!`](crate::for_each_service)), the shapes results take ([`Output`]),
//! the client's options ([`options`]), and the same facts as data for `codegen`
//! ([`describe`]), which writes the Python models and stubs and the TypeScript types.

pub mod describe;
mod endpoints;
pub mod input;
pub mod options;
mod output;

pub use output::{IntoOutput, Model, Output, Pager};
