use crate::models::CallbackConfig;
use crate::transport::Call;
use crate::Client;
use crate::{Error, Result};
use reqwest::Method;

/// The account's callback (webhook) configuration. Get one from [`crate::Client::callbacks`].
pub struct Callbacks<'a> {
    c: &'a Client,
}

const PATH: &str = "/api/callback";

impl<'a> Callbacks<'a> {
    pub(crate) fn new(c: &'a Client) -> Self {
        Callbacks { c }
    }

    /// The current configuration.
    pub async fn get(&self) -> Result<CallbackConfig> {
        self.c
            .send(Call::new(Method::GET, PATH.into()))
            .await?
            .json()
    }

    /// Replaces the configuration; returns it as stored.
    pub async fn set(&self, config: &CallbackConfig) -> Result<CallbackConfig> {
        match config.url.as_deref().map(url::Url::parse) {
            Some(Ok(u)) if matches!(u.scheme(), "http" | "https") => {}
            Some(_) => return Err(Error::invalid("callback url must be an http(s) URL")),
            None => return Err(Error::invalid("callback url is required")),
        }
        let mut call = Call::new(Method::POST, PATH.into()).json(config)?;
        call.idempotent = true; // it sets the whole configuration: twice is the same as once
        self.c.send(call).await?.json()
    }

    /// Removes the configuration: no more events are sent.
    pub async fn delete(&self) -> Result<()> {
        self.c
            .send(Call::new(Method::DELETE, PATH.into()))
            .await
            .map(drop)
    }
}
