//! Typed models of OneSpan Sign's JSON, camelCase on the wire.
//!
//! Every model keeps the fields it does not know in `extra` and sends them back, so a
//! get-modify-update round trip loses nothing the server sent.

mod audit;
mod callback;
mod event;
mod package;
mod role;
mod status;

pub use audit::AuditEvent;
pub use callback::{CallbackAuthType, CallbackConfig, KeyValue, OAuthMechanism, OAuthSetting};
pub use event::{Event, EventName};
pub(crate) use event::{Fields, Slot, TypedFields};
pub use package::{Approval, Document, Field, Package, PackageStatus};
pub use role::{Delivery, EmailMessage, NotificationMethods, Role, RoleType, Signer, SignerAuth};
pub use status::SigningStatus;

/// JSON fields a model does not know, kept as received.
pub type Extra = serde_json::Map<String, serde_json::Value>;

/// Defines a string enum that keeps values this version does not know, as `Other`.
macro_rules! string_enum {
    ($(#[doc = $doc:literal])* $name:ident { $($(#[doc = $vdoc:literal])* $variant:ident = $wire:literal),+ $(,)? }) => {
        $(#[doc = $doc])*
        #[derive(Debug, Clone, PartialEq, Eq, Hash)]
        pub enum $name {
            $($(#[doc = $vdoc])* $variant,)+
            /// A value this version does not know, kept as sent.
            Other(String),
        }

        impl $name {
            /// The wire value.
            pub fn as_str(&self) -> &str {
                match self {
                    $($name::$variant => $wire,)+
                    $name::Other(s) => s,
                }
            }
        }

        impl From<&str> for $name {
            fn from(s: &str) -> Self {
                match s {
                    $($wire => $name::$variant,)+
                    other => $name::Other(other.to_string()),
                }
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(self.as_str())
            }
        }

        impl serde::Serialize for $name {
            fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                s.serialize_str(self.as_str())
            }
        }

        // For codegen: the known values, each with its doc, in an open enum (a value this
        // version does not know is still accepted, as `Other`).
        impl schemars::JsonSchema for $name {
            fn schema_name() -> std::borrow::Cow<'static, str> {
                stringify!($name).into()
            }

            fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
                schemars::json_schema!({
                    "type": "string",
                    "description": concat!($($doc, "\n"),*),
                    "enum": [$($wire),+],
                    "x-open-enum": true,
                    "x-enum-docs": [$(concat!($($vdoc, "\n"),*)),+],
                })
            }
        }

        impl<'de> serde::Deserialize<'de> for $name {
            fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                let s = <std::borrow::Cow<'de, str>>::deserialize(d)?;
                Ok($name::from(s.as_ref()))
            }
        }
    };
}
pub(crate) use string_enum;
