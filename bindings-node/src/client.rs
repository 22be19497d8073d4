//! `Client`: its options are read by the core (`onespan_sign::surface::options`); its
//! service attributes come from the endpoint table, in services.rs.
//!
//! The facade (index.js) takes `logger` out of the options first: it is a JavaScript
//! object, not a value the core's options reader knows, so it arrives here as a separate
//! function (`log`) and becomes the client's log dispatch (`logging.rs`).

use crate::args::{Arg, Options};
use crate::errors::{invalid, shield_sync, IntoNapi, Result};
use napi::bindgen_prelude::Function;
use napi_derive::napi;
use onespan_sign::surface::options::{self, Naming, Opt, CALL_OPTIONS, CLIENT_OPTIONS};
use serde_json::{Map, Value};

/// The options object as JSON for the core's reader, which checks every name and value.
/// A property with no JSON form is refused here when its name is an option's (the core
/// could not see its type); under any other name it goes on as `null`, so that the core
/// still refuses the name itself ("unknown option ...").
fn options_object(arg: Options, what: &str, table: &[Opt]) -> Result<Map<String, Value>> {
    let entries = match arg {
        Options::Object(entries) => entries,
        Options::Other(t) => return Err(invalid(format!("{what} must be an object, not {t}"))),
    };
    let mut map = Map::new();
    for (key, value) in entries {
        let json = match value {
            Arg::Json(v) => v,
            Arg::Text(s) => Value::String(s),
            Arg::Other("undefined") => Value::Null,
            other => match table.iter().find(|o| o.spelled(Naming::Camel) == key) {
                Some(opt) => {
                    return Err(invalid(format!(
                        "{key} must be {}, not {}",
                        opt.kind.wanted(Naming::Camel),
                        other.type_name()
                    )))
                }
                None => Value::Null,
            },
        };
        map.insert(key, json);
    }
    Ok(map)
}

/// A OneSpan Sign client. Methods return Promises; one client is safe to share.
#[napi]
pub struct Client {
    pub(crate) inner: onespan_sign::Client,
}

#[napi]
impl Client {
    /// Builds a client from `ClientOptions`; unknown option names are refused. `log`, when
    /// given, receives each log event as JSON text `{ message, level, fields }`.
    #[napi(
        constructor,
        ts_args_type = "options?: ClientOptions, log?: (record: string) => void"
    )]
    pub fn new(options: Options, log: Option<Function<'_, String, ()>>) -> Result<Self> {
        let dispatch = log.map(crate::logging::dispatch).transpose()?;
        shield_sync(|| {
            let options = options_object(options, "options", CLIENT_OPTIONS)?;
            let product = format!("onespan-sign-node/{}", onespan_sign::VERSION);
            let mut builder = options::client_builder(&product, &options, Naming::Camel).napi()?;
            if let Some(dispatch) = dispatch {
                builder = builder.log_dispatch(dispatch);
            }
            let inner = builder.build().napi()?;
            Ok(Client { inner })
        })
    }

    /// A client with other limits for the calls made through it, sharing this one's
    /// connections, token cache and logger.
    #[napi(ts_args_type = "options: CallOptions")]
    pub fn with_options(&self, options: Options) -> Result<Client> {
        shield_sync(|| {
            let options = options_object(options, "options", CALL_OPTIONS)?;
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
