use crate::models::CallbackConfig;
use crate::transport::Call;
use crate::Client;
use crate::{Error, Result};
use reqwest::Method;

/// The account's callback (webhook) configuration, or a connector's. Get one from
/// [`crate::Client::callbacks`].
pub struct Callbacks<'a> {
    c: &'a Client,
}

const PATH: &str = "/api/callback";

/// The connector origins with a callback of their own (spec/: from a third-party OpenAPI
/// derived from OneSpan's; assumed).
pub const ORIGINS: &[&str] = &[
    "dynamics",
    "sharepoint",
    "dynamics2011",
    "dynamics2013",
    "dynamics2015",
    "sharepoint2010",
    "sharepoint2013",
    "salesforceOauth2",
];

/// `/api/callback`, or `/api/callback/connectors/{origin}` for a known origin.
fn path(origin: Option<&str>) -> Result<String> {
    match origin {
        None => Ok(PATH.into()),
        Some(o) if ORIGINS.contains(&o) => Ok(format!("{PATH}/connectors/{o}")),
        Some(o) => Err(Error::invalid(format!(
            "origin {o:?} is not a connector origin; the origins are {}",
            ORIGINS.join(", ")
        ))),
    }
}

impl<'a> Callbacks<'a> {
    pub(crate) fn new(c: &'a Client) -> Self {
        Callbacks { c }
    }

    /// The callback `key` of the `salesforceOauth2` connector: base64 of the JSON
    /// `{"host", "client_id", "refresh_token"}` (spec/; from a third-party OpenAPI derived
    /// from OneSpan's, assumed). No request is made; set it with
    /// `set(config, Some("salesforceOauth2"))`. The result holds the refresh token: keep it
    /// as secret as the token itself.
    pub fn salesforce_key(
        &self,
        host: &str,
        client_id: &str,
        refresh_token: &str,
    ) -> Result<String> {
        salesforce_key(host, client_id, refresh_token)
    }

    /// The current configuration (the account's, or the connector `origin`'s).
    pub async fn get(&self, origin: Option<&str>) -> Result<CallbackConfig> {
        let path = path(origin)?;
        self.c.send(Call::new(Method::GET, path)).await?.json()
    }

    /// Replaces the configuration (the account's, or the connector `origin`'s). The
    /// answer's body is ignored, whatever it is, as both official SDKs do (spec/: it is
    /// undocumented).
    pub async fn set(&self, config: &CallbackConfig, origin: Option<&str>) -> Result<()> {
        let path = path(origin)?;
        match config.url.as_deref().map(url::Url::parse) {
            Some(Ok(u)) if matches!(u.scheme(), "http" | "https") => {}
            Some(_) => return Err(Error::invalid("callback url must be an http(s) URL")),
            None => return Err(Error::invalid("callback url is required")),
        }
        let mut call = Call::new(Method::POST, path).json(config)?;
        call.idempotent = true; // it sets the whole configuration: twice is the same as once
        self.c.send(call).await.map(drop)
    }

    /// Stops the account's event notifications: registers no events, keeping the URL and
    /// key as they are. The service has no `DELETE /api/callback` (spec/), so this reads
    /// the configuration and posts it back with no events: two requests. With no URL
    /// registered there is nothing to stop and no POST is sent.
    pub async fn disable(&self) -> Result<()> {
        let mut config = self.get(None).await?;
        if config.url.as_deref().unwrap_or("").is_empty() {
            return Ok(());
        }
        config.events = Some(Vec::new());
        let mut call = Call::new(Method::POST, PATH.into()).json(&config)?;
        call.idempotent = true;
        self.c.send(call).await.map(drop)
    }
}

/// See [`Callbacks::salesforce_key`]. Messages never quote the refresh token.
pub fn salesforce_key(host: &str, client_id: &str, refresh_token: &str) -> Result<String> {
    use base64::Engine;
    for (name, value) in [
        ("host", host),
        ("client_id", client_id),
        ("refresh_token", refresh_token),
    ] {
        if value.trim().is_empty() {
            return Err(Error::invalid(format!("{name} must not be empty")));
        }
        if value.chars().any(char::is_control) {
            return Err(Error::invalid(format!(
                "{name} must not contain control characters"
            )));
        }
    }
    let json = serde_json::json!({
        "host": host,
        "client_id": client_id,
        "refresh_token": refresh_token,
    });
    Ok(base64::engine::general_purpose::STANDARD.encode(json.to_string()))
}
