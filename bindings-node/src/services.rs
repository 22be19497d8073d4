//! The resource handles, expanded from the core's endpoint table
//! (`onespan_sign::for_each_service!`): each service becomes a class whose request methods
//! return Promises. A method reads its arguments by their kind (`args.rs`), calls the core
//! method of the same name, and replies (`json.rs`); nothing here is per-endpoint. The core
//! reads the table and calls `node_services!` once per service, per method and for all
//! services; each method is a `#[napi] impl` block of its own (napi numbers them).
//!
//! A request method takes one hidden argument after those of the table: the call's
//! cancellation (`cancel.rs`), which the facade passes when the caller gave a `signal`.

// napi registers exports only outside cfg(test): a test build sees these as unused.
#![cfg_attr(test, allow(dead_code))]

use crate::args::{
    Arg, Flag, FromArg, Id, Ids, Model, OptCount, OptId, OptText, OptTime, Sink, Uploads,
};
use crate::cancel::{race, Cancellation};
use crate::client::Client;
use crate::errors::{shield, shield_local};
use crate::json::Reply;
use napi_derive::napi;
use onespan_sign::models::{CallbackConfig, Document, Package, Role};
use onespan_sign::surface::options::camel;
use onespan_sign::surface::IntoOutput;

macro_rules! node_services {
    (@service $class:ident $attr:ident [$($doc:literal),*]) => {
        $(#[doc = $doc])*
        #[napi]
        pub struct $class {
            client: onespan_sign::Client,
        }
    };

    // A request: a Promise, raced against the call's cancellation.
    (@request $class:ident $attr:ident $name:ident [$($doc:literal),*]
        ($($arg:ident : $kind:ty $(= $default:tt)?),*) -> $ret:ty) => {
        #[napi]
        impl $class {
            $(#[doc = $doc])*
            #[napi(ts_return_type = "Promise<unknown>")]
            pub async fn $name(&self, $($arg: Arg,)* cancel: Option<Cancellation>) -> napi::Result<Reply> {
                Ok(race(cancel, shield(async {
                    $(let $arg = <$kind as FromArg>::from_arg(Some($arg), &camel(stringify!($arg)))?;)*
                    Ok(async {
                        self.client.$attr().$name($($arg.get()),*).await?.into_output()
                    }.await)
                })).await)
            }
        }
    };

    // No request: a plain synchronous method.
    (@local $class:ident $attr:ident $name:ident [$($doc:literal),*]
        ($($arg:ident : $kind:ty $(= $default:tt)?),*) -> $ret:ty) => {
        #[napi]
        impl $class {
            $(#[doc = $doc])*
            #[napi(ts_return_type = "unknown")]
            pub fn $name(&self, $($arg: Arg),*) -> Reply {
                shield_local(|| {
                    $(let $arg = <$kind as FromArg>::from_arg(Some($arg), &camel(stringify!($arg)))?;)*
                    Ok(self.client.$attr().$name($($arg.get()),*).and_then(IntoOutput::into_output))
                })
            }
        }
    };

    // The client's service attributes, so a new service needs no line in client.rs.
    (@services $([$class:ident $attr:ident [$($doc:literal),*] $methods:tt])*) => {
        #[napi]
        impl Client {
            $(
                $(#[doc = $doc])*
                #[napi(getter)]
                pub fn $attr(&self) -> $class {
                    $class { client: self.inner.clone() }
                }
            )*
        }
    };
}

onespan_sign::for_each_service!(node_services);

/// The parameters of every request method, for the facade to tell the trailing options
/// object (`{ signal }`) from a positional argument and to pass the cancellation after
/// the last parameter: `{ packages: { signingStatus: [{ name, optional, object, sink }] } }`,
/// where `object` marks a parameter that takes a plain object (a model) and `sink` one
/// that takes a download's destination (a path or a `Writable`). From the same table the
/// methods are expanded from. Not part of the public API.
#[napi(js_name = "__requestParameters")]
pub fn request_parameters() -> serde_json::Value {
    parameters(true)
}

/// The same for the methods that send no request (the `@local` group), whose optional
/// parameters the facade also takes by name in a trailing object (`packages.list({ status })`,
/// `authTokens.signingUrl(token, { packageId })`). Not part of the public API.
#[napi(js_name = "__localParameters")]
pub fn local_parameters() -> serde_json::Value {
    parameters(false)
}

fn parameters(requests: bool) -> serde_json::Value {
    use onespan_sign::surface::describe::SERVICES;
    let services = SERVICES.iter().map(|svc| {
        let methods = svc
            .methods
            .iter()
            .filter(|m| m.sends_request == requests)
            .map(|m| {
                let params = m.args.iter().map(|a| {
                    let kind = a.kind.trim_start();
                    serde_json::json!({
                        "name": camel(a.name),
                        "optional": a.optional,
                        "object": kind.starts_with("Model"),
                        "sink": kind == "Sink",
                    })
                });
                (camel(m.name), serde_json::Value::Array(params.collect()))
            });
        (
            camel(svc.attr),
            serde_json::Value::Object(methods.collect()),
        )
    });
    serde_json::Value::Object(services.collect())
}
