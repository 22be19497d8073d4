use super::{string_enum, Extra};
use secrecy::{ExposeSecret, SecretString};
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::fmt;

/// The account's event-notification configuration.
///
/// `url`, `key` and `events` are the official SDK's (11.68.0); `authType`, `oauthSetting` and
/// `customHeaders` are named as a third-party OpenAPI derived from OneSpan's names them
/// (spec/, assumed). Unknown fields are kept.
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
    /// How OneSpan authenticates to the callback URL: `NONE`, `BASIC` or `OAUTH2`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub auth_type: Option<CallbackAuthType>,
    /// The OAuth 2.0 client the service uses to fetch a token when `auth_type` is `OAUTH2`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub oauth_setting: Option<OAuthSetting>,
    /// Headers added to each delivery.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub custom_headers: Option<Vec<KeyValue>>,
    #[serde(flatten)]
    pub extra: Extra,
}

string_enum! {
    /// How OneSpan authenticates its deliveries to the callback URL.
    CallbackAuthType {
        None = "NONE",
        Basic = "BASIC",
        Oauth2 = "OAUTH2",
    }
}

string_enum! {
    /// Where the service puts the client credentials when it fetches an OAuth 2.0 token.
    OAuthMechanism {
        Header = "HEADER",
        Body = "BODY",
        BasicAuth = "BASIC_AUTH",
    }
}

/// A `{key, value}` pair: a custom header or an extra token-request parameter.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct KeyValue {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub key: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub value: Option<String>,
    #[serde(flatten)]
    pub extra: Extra,
}

impl KeyValue {
    /// A pair.
    pub fn new(key: impl Into<String>, value: impl Into<String>) -> Self {
        KeyValue {
            key: Some(key.into()),
            value: Some(value.into()),
            extra: Extra::new(),
        }
    }
}

/// The OAuth 2.0 client settings of a callback (field names assumed, spec/). The client
/// secret and the password are never shown in Debug.
#[derive(Clone, Default, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct OAuthSetting {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub client_id: Option<String>,
    /// Never shown in Debug.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        serialize_with = "ser_secret",
        deserialize_with = "de_secret"
    )]
    #[schemars(with = "Option<String>", extend("x-secret" = true))]
    pub client_secret: Option<SecretString>,
    /// The token endpoint the service calls.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub authorization_server_url: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub scope: Option<String>,
    /// E.g. `client_credentials` or `password`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub grant_type: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ignore_ssl: Option<bool>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub username: Option<String>,
    /// Never shown in Debug.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        serialize_with = "ser_secret",
        deserialize_with = "de_secret"
    )]
    #[schemars(with = "Option<String>", extend("x-secret" = true))]
    pub password: Option<SecretString>,
    /// `HEADER`, `BODY` or `BASIC_AUTH`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub auth_mechanism: Option<OAuthMechanism>,
    /// Extra parameters of the token request.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub custom_parameters: Option<Vec<KeyValue>>,
    #[serde(flatten)]
    pub extra: Extra,
}

fn exposed(s: &Option<SecretString>) -> Option<&str> {
    s.as_ref().map(|k| k.expose_secret())
}

impl PartialEq for OAuthSetting {
    fn eq(&self, o: &Self) -> bool {
        self.client_id == o.client_id
            && exposed(&self.client_secret) == exposed(&o.client_secret)
            && self.authorization_server_url == o.authorization_server_url
            && self.scope == o.scope
            && self.grant_type == o.grant_type
            && self.ignore_ssl == o.ignore_ssl
            && self.username == o.username
            && exposed(&self.password) == exposed(&o.password)
            && self.auth_mechanism == o.auth_mechanism
            && self.custom_parameters == o.custom_parameters
            && self.extra == o.extra
    }
}

impl fmt::Debug for OAuthSetting {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("OAuthSetting")
            .field("client_id", &self.client_id)
            .field(
                "client_secret",
                &self.client_secret.as_ref().map(|_| "[REDACTED]"),
            )
            .field("authorization_server_url", &self.authorization_server_url)
            .field("scope", &self.scope)
            .field("grant_type", &self.grant_type)
            .field("ignore_ssl", &self.ignore_ssl)
            .field("username", &self.username)
            .field("password", &self.password.as_ref().map(|_| "[REDACTED]"))
            .field("auth_mechanism", &self.auth_mechanism)
            .field("custom_parameters", &self.custom_parameters)
            .finish_non_exhaustive()
    }
}

impl CallbackConfig {
    /// A configuration for `url` with `key` and `events`.
    pub fn new(url: impl Into<String>, key: Option<String>, events: Vec<String>) -> Self {
        CallbackConfig {
            url: Some(url.into()),
            key: key.map(SecretString::from),
            events: Some(events),
            auth_type: None,
            oauth_setting: None,
            custom_headers: None,
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
            && self.auth_type == other.auth_type
            && self.oauth_setting == other.oauth_setting
            && self.custom_headers == other.custom_headers
            && self.extra == other.extra
    }
}

impl fmt::Debug for CallbackConfig {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("CallbackConfig")
            .field("url", &self.url)
            .field("key", &self.key.as_ref().map(|_| "[REDACTED]"))
            .field("events", &self.events)
            .field("auth_type", &self.auth_type)
            .field("oauth_setting", &self.oauth_setting)
            .field("custom_headers", &self.custom_headers)
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
