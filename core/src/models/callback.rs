use super::Extra;
use secrecy::{ExposeSecret, SecretString};
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::fmt;

/// The account's event-notification configuration.
///
/// Field names beyond `url`, `key` and `events` are assumed (spec/); unknown ones are kept.
#[derive(Clone, Default, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct CallbackConfig {
    /// Where OneSpan POSTs events.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    /// The shared secret OneSpan sends in the Authorization header. Never shown in Debug.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        serialize_with = "ser_secret",
        deserialize_with = "de_secret"
    )]
    #[schemars(with = "Option<String>", extend("x-secret" = true))]
    pub key: Option<SecretString>,
    /// Event names to notify (all off when empty).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub events: Option<Vec<String>>,
    #[serde(flatten)]
    pub extra: Extra,
}

impl CallbackConfig {
    /// A configuration for `url` with `key` and `events`.
    pub fn new(url: impl Into<String>, key: Option<String>, events: Vec<String>) -> Self {
        CallbackConfig {
            url: Some(url.into()),
            key: key.map(SecretString::from),
            events: Some(events),
            extra: Extra::new(),
        }
    }
}

impl PartialEq for CallbackConfig {
    fn eq(&self, other: &Self) -> bool {
        self.url == other.url
            && self.key.as_ref().map(|k| k.expose_secret().to_string())
                == other.key.as_ref().map(|k| k.expose_secret().to_string())
            && self.events == other.events
            && self.extra == other.extra
    }
}

impl fmt::Debug for CallbackConfig {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("CallbackConfig")
            .field("url", &self.url)
            .field("key", &self.key.as_ref().map(|_| "[REDACTED]"))
            .field("events", &self.events)
            .finish_non_exhaustive()
    }
}

fn ser_secret<S: Serializer>(v: &Option<SecretString>, s: S) -> Result<S::Ok, S::Error> {
    match v {
        Some(k) => s.serialize_str(k.expose_secret()),
        None => s.serialize_none(),
    }
}

fn de_secret<'de, D: Deserializer<'de>>(d: D) -> Result<Option<SecretString>, D::Error> {
    Ok(Option::<String>::deserialize(d)?.map(SecretString::from))
}
