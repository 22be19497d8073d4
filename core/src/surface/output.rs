//! What an endpoint gives back, in the few shapes the bindings convert.
//!
//! Every binding turns an [`Output`] into its language's value in one place, so a new
//! endpoint needs no conversion code: its result type implements [`IntoOutput`] here.

use crate::models::{CallbackConfig, Package, Role, SigningStatus};
use crate::{Error, Result};
use serde::Serialize;
use serde_json::Value;

/// An endpoint's result, ready for a binding to convert.
#[derive(Debug)]
#[non_exhaustive]
pub enum Output {
    /// No value (Python `None`, JavaScript `undefined`).
    Unit,
    /// A string: an ID, a URL, a token, or an enum's wire value.
    Text(String),
    /// Raw bytes (an image, a file).
    Bytes(bytes::Bytes),
    /// A model: the class it becomes (its schema name, e.g. `Package`) and its wire JSON.
    Model {
        /// The model's name, which is also the binding's class or interface name.
        name: &'static str,
        /// The model's wire JSON.
        json: Value,
    },
    /// A list of models of one class.
    Models {
        /// The models' class name.
        name: &'static str,
        /// Each model's wire JSON.
        items: Vec<Value>,
    },
}

/// A core result type the bindings can hand to their language.
pub trait IntoOutput {
    /// Converts the result.
    fn into_output(self) -> Result<Output>;
}

/// A model of [`crate::models`]: serialised with its wire names, named by its schema.
pub trait Model: Serialize {
    /// The class (Python) and interface (TypeScript) name.
    const NAME: &'static str;
}

macro_rules! models {
    ($($t:ident),+) => {
        $(impl Model for $t {
            const NAME: &'static str = stringify!($t);
        })+
    };
}
models!(Package, Role, CallbackConfig);

fn to_json<T: Serialize>(m: &T) -> Result<Value> {
    serde_json::to_value(m).map_err(|e| Error::UnexpectedResponse {
        status: 200,
        message: format!("cannot convert the answer: {e}"),
    })
}

impl IntoOutput for () {
    fn into_output(self) -> Result<Output> {
        Ok(Output::Unit)
    }
}

impl IntoOutput for String {
    fn into_output(self) -> Result<Output> {
        Ok(Output::Text(self))
    }
}

impl IntoOutput for bytes::Bytes {
    fn into_output(self) -> Result<Output> {
        Ok(Output::Bytes(self))
    }
}

impl IntoOutput for SigningStatus {
    fn into_output(self) -> Result<Output> {
        Ok(Output::Text(self.as_str().to_string()))
    }
}

impl<T: Model> IntoOutput for T {
    fn into_output(self) -> Result<Output> {
        Ok(Output::Model {
            name: T::NAME,
            json: to_json(&self)?,
        })
    }
}

impl<T: Model> IntoOutput for Vec<T> {
    fn into_output(self) -> Result<Output> {
        let items = self.iter().map(to_json).collect::<Result<Vec<_>>>()?;
        Ok(Output::Models {
            name: T::NAME,
            items,
        })
    }
}
