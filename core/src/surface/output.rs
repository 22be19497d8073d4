//! What an endpoint gives back, in the few shapes the bindings convert.
//!
//! Every binding turns an [`Output`] into its language's value in one place, so a new
//! endpoint needs no conversion code: its result type implements [`IntoOutput`] here.

use crate::download::Download;
use crate::listing::Pages;
use crate::models::{AuditEvent, CallbackConfig, Document, Extra, Package, Role, SigningStatus};
use crate::{Error, Result};
use serde::de::DeserializeOwned;
use serde::Serialize;
use serde_json::Value;
use std::future::Future;
use std::pin::Pin;

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
    /// A count (the bytes a download wrote to its destination).
    Count(u64),
    /// Models of one class fetched page after page as they are consumed: the binding
    /// wraps it in its language's (async) iterator.
    Pager(Pager),
}

/// A listing's pages, whatever the model: each item as its wire JSON.
pub struct Pager {
    name: &'static str,
    source: Box<dyn PageSource>,
}

impl std::fmt::Debug for Pager {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Pager").field("name", &self.name).finish()
    }
}

impl Pager {
    /// The items' class name (`Package`).
    pub fn name(&self) -> &'static str {
        self.name
    }

    /// The next item's wire JSON, fetching the next page when needed; `None` after the
    /// last.
    pub async fn next(&mut self) -> Result<Option<Value>> {
        self.source.next_json().await
    }
}

type NextJson<'a> = Pin<Box<dyn Future<Output = Result<Option<Value>>> + Send + 'a>>;

trait PageSource: Send {
    fn next_json(&mut self) -> NextJson<'_>;
}

impl<T: Model + DeserializeOwned + Send + Sync + 'static> PageSource for Pages<T> {
    fn next_json(&mut self) -> NextJson<'_> {
        Box::pin(async move {
            match self.next().await? {
                Some(item) => model_json(item).map(Some),
                None => Ok(None),
            }
        })
    }
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
    /// Takes the fields the model does not know (its `extra`), leaving it empty.
    fn take_extra(&mut self) -> Extra;
}

macro_rules! models {
    ($($t:ident),+) => {
        $(impl Model for $t {
            const NAME: &'static str = stringify!($t);
            fn take_extra(&mut self) -> Extra {
                std::mem::take(&mut self.extra)
            }
        })+
    };
}
models!(Package, Role, CallbackConfig, Document, AuditEvent);

fn to_json<T: Serialize>(m: &T) -> Result<Value> {
    serde_json::to_value(m).map_err(|e| Error::UnexpectedResponse {
        status: 200,
        message: format!("cannot convert the answer: {e}"),
    })
}

/// A model's wire JSON, consuming it: the fields it does not know, which are already JSON
/// and may be most of a large answer, are moved into the result rather than copied (so a
/// 20 MB answer is not held twice). Known fields come first, as serde writes them.
fn model_json<T: Model>(mut model: T) -> Result<Value> {
    let extra = model.take_extra();
    let mut json = to_json(&model)?;
    drop(model);
    if let Value::Object(map) = &mut json {
        for (key, value) in extra {
            map.entry(key).or_insert(value);
        }
    }
    Ok(json)
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
            json: model_json(self)?,
        })
    }
}

impl IntoOutput for Download {
    fn into_output(self) -> Result<Output> {
        Ok(match self {
            Download::Bytes(b) => Output::Bytes(b),
            Download::Written(n) => Output::Count(n),
        })
    }
}

impl<T: Model + DeserializeOwned + Send + Sync + 'static> IntoOutput for Pages<T> {
    fn into_output(self) -> Result<Output> {
        Ok(Output::Pager(Pager {
            name: T::NAME,
            source: Box::new(self),
        }))
    }
}

impl<T: Model> IntoOutput for Vec<T> {
    fn into_output(self) -> Result<Output> {
        let items = self
            .into_iter()
            .map(model_json)
            .collect::<Result<Vec<_>>>()?;
        Ok(Output::Models {
            name: T::NAME,
            items,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn a_model_becomes_its_wire_json_with_unknown_fields_after_known_ones() {
        let package: Package = serde_json::from_value(json!({
            "zeta": [1, 2],
            "name": "n",
            "roles": [{"id": "r", "custom": true}],
            "alpha": {"a": null}
        }))
        .unwrap_or_default();
        let (name, json) = match package.into_output() {
            Ok(Output::Model { name, json }) => (name, json),
            other => ("not a model", json!(format!("{other:?}"))),
        };
        assert_eq!(name, "Package");
        assert_eq!(
            json,
            json!({"name": "n", "roles": [{"id": "r", "custom": true}], "zeta": [1, 2], "alpha": {"a": null}})
        );
        let keys: Vec<&String> = json
            .as_object()
            .map(|m| m.keys().collect())
            .unwrap_or_default();
        assert_eq!(keys, ["name", "roles", "zeta", "alpha"]);
    }
}
