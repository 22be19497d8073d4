//! `Client`: its options are read by the core (`onespan_sign::surface::options`); its
//! service attributes come from the endpoint table, in services.rs.

use crate::args::Arg;
use crate::errors::{invalid, shield_sync, IntoNapi, Result};
use napi_derive::napi;
use onespan_sign::surface::input;
use onespan_sign::surface::options::{self, Naming};
use serde_json::{Map, Value};

fn options_object(arg: Option<Arg>, what: &str) -> Result<Map<String, Value>> {
    match arg {
        None | Some(Arg::Other("undefined")) | Some(Arg::Json(Value::Null)) => Ok(Map::new()),
        Some(Arg::Json(Value::Object(m))) => Ok(m),
        Some(Arg::Json(other)) => Err(invalid(format!(
            "{what} must be an object, not {}",
            input::type_name(&other, Naming::Camel)
        ))),
        Some(_) => Err(invalid(format!("{what} must be an object"))),
    }
}

/// A OneSpan Sign client. Methods return Promises; one client is safe to share.
#[napi]
pub struct Client {
    pub(crate) inner: onespan_sign::Client,
}

#[napi]
impl Client {
    /// Builds a client from `ClientOptions`; unknown option names are refused.
    #[napi(constructor, ts_args_type = "options?: ClientOptions")]
    pub fn new(options: Option<Arg>) -> Result<Self> {
        shield_sync(|| {
            let options = options_object(options, "options")?;
            let product = format!("onespan-sign-node/{}", onespan_sign::VERSION);
            let inner = options::client_builder(&product, &options, Naming::Camel)
                .and_then(|b| b.build())
                .napi()?;
            Ok(Client { inner })
        })
    }

    /// A client with other limits for the calls made through it, sharing this one's
    /// connections and token cache.
    #[napi(ts_args_type = "options: CallOptions")]
    pub fn with_options(&self, options: Option<Arg>) -> Result<Client> {
        shield_sync(|| {
            let options = options_object(options, "options")?;
            let inner = options::with_call_options(&self.inner, &options, Naming::Camel).napi()?;
            Ok(Client { inner })
        })
    }

    /// The base URL requests go to.
    #[napi(getter)]
    pub fn base_url(&self) -> String {
        self.inner.base_url().to_string()
    }
}
