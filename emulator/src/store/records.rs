//! Logs of what the service would have done: notifications sent, events on their way to
//! the callback URL, delivery attempts and requests received.

use super::Store;
use serde_json::Value;

/// An email or SMS the service would have sent.
#[derive(Clone, Debug, serde::Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Notification {
    /// `email` or `sms`.
    pub kind: String,
    pub package_id: String,
    pub role_id: String,
    /// The email address or phone number it went to.
    pub to: String,
}

/// An event on its way to the callback URL.
pub struct Outgoing {
    pub url: String,
    pub key: Option<String>,
    pub payload: Value,
    /// How the delivery authenticates (`authType` of the configuration).
    pub auth: DeliveryAuth,
    /// `customHeaders`, added to each delivery.
    pub headers: Vec<(String, String)>,
}

/// How a delivery authenticates, from the callback configuration.
#[derive(Clone, Debug)]
pub enum DeliveryAuth {
    /// `authType` NONE or absent: `Authorization: Basic {key}` when a key is set.
    Key,
    /// `authType` BASIC: `Authorization: Basic base64(username:password)`.
    Basic { username: String, password: String },
    /// `authType` OAUTH2: a token from the integrator's authorization server, sent as
    /// `Authorization: Bearer {token}`. The `oauthSetting` object as configured.
    OAuth2(serde_json::Map<String, Value>),
}

/// One attempt to deliver an event.
#[derive(Clone, Debug, serde::Serialize)]
#[serde(rename_all = "camelCase")]
pub struct DeliveryAttempt {
    pub event_name: String,
    pub package_id: String,
    pub url: String,
    /// 1 for the first try.
    pub attempt: u32,
    /// The receiver's HTTP status, when it answered.
    pub status: Option<u16>,
    /// What went wrong, when it did not answer.
    pub error: Option<String>,
    /// Whether the receiver took it (answered 2xx).
    pub delivered: bool,
}

impl Store {
    /// Logs a request (control requests are not logged) and its User-Agent.
    pub fn record_request(&mut self, method: &str, path: &str, user_agent: Option<String>) {
        self.requests.push(format!("{method} {path}"));
        self.last_user_agent = user_agent;
    }
}
