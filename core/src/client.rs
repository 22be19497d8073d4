//! The client and its builder.

use crate::auth::{Credentials, TokenCache};
use crate::error::{Error, Result};
use crate::net::{self, redact_url};
use crate::services::{AuthTokens, Callbacks, Documents, Packages, Roles, Senders, Templates};
use crate::transport::{Answer, Call, CallOptions, Transport};
use std::fmt;
use std::path::PathBuf;
use std::str::FromStr;
use std::sync::Arc;
use std::time::Duration;

/// A OneSpan Sign client. Cheap to clone (one `Arc`), safe to share between tasks and
/// threads; clones share connections and the API-token cache. Building one spawns nothing.
#[derive(Clone)]
pub struct Client {
    pub(crate) transport: Arc<Transport>,
    pub(crate) options: CallOptions,
}

impl fmt::Debug for Client {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Client")
            .field("base_url", &self.transport.base)
            .field("credentials", &self.transport.credentials)
            .field("proxy", &self.transport.proxy)
            .field("max_connections", &self.transport.max_connections)
            .field("timeout", &self.options.timeout)
            .field("max_retries", &self.options.max_retries)
            .field("esl_api_version", &self.transport.media.version)
            .finish()
    }
}

impl Client {
    /// Starts building a client.
    pub fn builder() -> ClientBuilder {
        ClientBuilder::default()
    }

    /// A client configured entirely from `ONESPAN_*` environment variables.
    pub fn from_env() -> Result<Client> {
        ClientBuilder::default().build()
    }

    /// The base URL requests go to (scheme and host, without `/api`).
    pub fn base_url(&self) -> &str {
        &self.transport.base
    }

    /// This client with another total time per call, for the calls made through it. It
    /// shares this client's connections and API-token cache.
    ///
    /// ```no_run
    /// # async fn demo(client: onespan_sign::Client) -> onespan_sign::Result<()> {
    /// let quick = client.with_timeout(std::time::Duration::from_secs(2))?;
    /// quick.packages().get("pkg-id").await?;
    /// # Ok(()) }
    /// ```
    pub fn with_timeout(&self, timeout: Duration) -> Result<Client> {
        if timeout.is_zero() {
            return Err(Error::invalid("timeout must be greater than zero"));
        }
        let mut c = self.clone();
        c.options.timeout = timeout;
        Ok(c)
    }

    /// This client with another number of retries per call; shares connections and tokens.
    pub fn with_max_retries(&self, max_retries: u32) -> Client {
        let mut c = self.clone();
        c.options.max_retries = max_retries;
        c
    }

    /// Packages (transactions): create, read, update, send, delete, signing status.
    pub fn packages(&self) -> Packages<'_> {
        Packages::new(self)
    }

    /// A package's documents: upload, read, update, delete, download.
    pub fn documents(&self) -> Documents<'_> {
        Documents::new(self)
    }

    /// Templates: create and list.
    pub fn templates(&self) -> Templates<'_> {
        Templates::new(self)
    }

    /// Roles and their signers within a package.
    pub fn roles(&self) -> Roles<'_> {
        Roles::new(self)
    }

    /// Signer and sender authentication tokens and the URLs built from them.
    pub fn auth_tokens(&self) -> AuthTokens<'_> {
        AuthTokens::new(self)
    }

    /// The account's senders: their signature images.
    pub fn senders(&self) -> Senders<'_> {
        Senders::new(self)
    }

    /// The account's event-notification (webhook) configuration.
    pub fn callbacks(&self) -> Callbacks<'_> {
        Callbacks::new(self)
    }

    /// Sends one call with this client's limits.
    pub(crate) async fn send(&self, call: Call) -> Result<Answer> {
        self.transport.send(call, self.options).await
    }
}

/// OneSpan Sign's hosted environments.
///
/// Hosts are from spec/; they are marked there as assumed until confirmed against the
/// official SDK's constants.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum Environment {
    /// `sandbox.esignlive.com`
    Sandbox,
    /// `apps.esignlive.com`
    Us,
    /// `sandbox.e-signlive.ca`
    CaSandbox,
    /// `apps.e-signlive.ca`
    Ca,
    /// `apps.esignlive.eu`
    Eu,
    /// `apps.esignlive.com.au`
    Au,
}

impl Environment {
    /// Every environment, with the name the bindings and `ONESPAN_ENVIRONMENT` use.
    pub const ALL: [(&'static str, Environment); 6] = [
        ("sandbox", Environment::Sandbox),
        ("us", Environment::Us),
        ("ca_sandbox", Environment::CaSandbox),
        ("ca", Environment::Ca),
        ("eu", Environment::Eu),
        ("au", Environment::Au),
    ];

    /// The base URL of this environment.
    pub fn base_url(self) -> &'static str {
        match self {
            Environment::Sandbox => "https://sandbox.esignlive.com",
            Environment::Us => "https://apps.esignlive.com",
            Environment::CaSandbox => "https://sandbox.e-signlive.ca",
            Environment::Ca => "https://apps.e-signlive.ca",
            Environment::Eu => "https://apps.esignlive.eu",
            Environment::Au => "https://apps.esignlive.com.au",
        }
    }
}

impl FromStr for Environment {
    type Err = Error;

    fn from_str(s: &str) -> Result<Self> {
        let wanted = s.trim().to_ascii_lowercase().replace('-', "_");
        Environment::ALL
            .iter()
            .find(|(name, _)| *name == wanted)
            .map(|(_, env)| *env)
            .ok_or_else(|| {
                let names: Vec<&str> = Environment::ALL.iter().map(|(n, _)| *n).collect();
                Error::invalid(format!(
                    "unknown environment {s:?}; expected one of {}",
                    names.join(", ")
                ))
            })
    }
}

/// Builds a [`Client`]. Anything not set explicitly is read from `ONESPAN_*` variables.
#[derive(Default)]
pub struct ClientBuilder {
    api_key: Option<String>,
    client_app: Option<(String, String)>,
    oauth: Option<(String, String, String)>,
    sender_id: Option<String>,
    sender_email: Option<String>,
    esl_api_version: Option<String>,
    environment: Option<Environment>,
    base_url: Option<String>,
    timeout: Option<Duration>,
    connect_timeout: Option<Duration>,
    max_retries: Option<u32>,
    user_agent: Option<String>,
    max_connections: Option<usize>,
    proxy: Option<String>,
    ca_bundle: Option<PathBuf>,
    log: Option<tracing::Dispatch>,
}

// Hand-written so the secrets set on the builder never show.
impl fmt::Debug for ClientBuilder {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ClientBuilder")
            .field("api_key", &self.api_key.as_ref().map(|_| "[REDACTED]"))
            .field(
                "client_app",
                &self.client_app.as_ref().map(|(id, _)| (id, "[REDACTED]")),
            )
            .field(
                "oauth",
                &self
                    .oauth
                    .as_ref()
                    .map(|(id, _, url)| (id, "[REDACTED]", redact_url(url))),
            )
            .field("sender_id", &self.sender_id)
            .field("sender_email", &self.sender_email)
            .field("esl_api_version", &self.esl_api_version)
            .field("environment", &self.environment)
            .field("base_url", &self.base_url.as_deref().map(redact_url))
            .field("proxy", &self.proxy.as_deref().map(redact_url))
            .field("ca_bundle", &self.ca_bundle)
            .field("max_connections", &self.max_connections)
            .field("log_dispatch", &self.log.is_some())
            .finish_non_exhaustive()
    }
}

/// Default total time for one call, retries included.
pub const DEFAULT_TIMEOUT: Duration = Duration::from_secs(60);
/// Default number of retries after the first attempt.
pub const DEFAULT_MAX_RETRIES: u32 = 2;
/// Default cap on the connections (requests in flight) of one client and its clones.
pub const DEFAULT_MAX_CONNECTIONS: usize = 64;

impl ClientBuilder {
    /// Authenticate with an API key.
    pub fn api_key(mut self, key: impl Into<String>) -> Self {
        self.api_key = Some(key.into());
        self
    }

    /// Authenticate with client-app credentials, exchanged for short-lived API tokens.
    pub fn client_app(
        mut self,
        client_id: impl Into<String>,
        client_secret: impl Into<String>,
    ) -> Self {
        self.client_app = Some((client_id.into(), client_secret.into()));
        self
    }

    /// Authenticate with OAuth 2.0 client credentials, exchanged at `token_url` (https, or
    /// http to this machine only) for short-lived bearer tokens.
    pub fn oauth(
        mut self,
        client_id: impl Into<String>,
        client_secret: impl Into<String>,
        token_url: impl Into<String>,
    ) -> Self {
        self.oauth = Some((client_id.into(), client_secret.into(), token_url.into()));
        self
    }

    /// With OAuth 2.0 credentials: act as this sender (`sender_id` in the token request).
    pub fn sender_id(mut self, sender_id: impl Into<String>) -> Self {
        self.sender_id = Some(sender_id.into());
        self
    }

    /// With client-app credentials: tokens act as the sender with this email (token type
    /// `SENDER`); without it they act as the account owner (`OWNER`).
    pub fn sender_email(mut self, email: impl Into<String>) -> Self {
        self.sender_email = Some(email.into());
        self
    }

    /// The `esl-api-version` every JSON request names in its `Accept` and `Content-Type`
    /// (default [`crate::ESL_API_VERSION`], the official SDK version this one follows).
    pub fn esl_api_version(mut self, version: impl Into<String>) -> Self {
        self.esl_api_version = Some(version.into());
        self
    }

    /// One of OneSpan's hosted environments.
    pub fn environment(mut self, env: Environment) -> Self {
        self.environment = Some(env);
        self
    }

    /// Any base URL (the emulator, a proxy, another region); wins over `environment`.
    pub fn base_url(mut self, url: impl Into<String>) -> Self {
        self.base_url = Some(url.into());
        self
    }

    /// Total time one call may take, retries included (default 60 s).
    pub fn timeout(mut self, timeout: Duration) -> Self {
        self.timeout = Some(timeout);
        self
    }

    /// Time to establish a connection (default: 10 s, or the timeout if shorter).
    pub fn connect_timeout(mut self, timeout: Duration) -> Self {
        self.connect_timeout = Some(timeout);
        self
    }

    /// Retries after the first attempt, for failures that are safe to retry (default 2).
    pub fn max_retries(mut self, n: u32) -> Self {
        self.max_retries = Some(n);
        self
    }

    /// Names the caller in the User-Agent (the bindings pass e.g. `onespan-sign-python/0.1.0`).
    pub fn user_agent(mut self, product: impl Into<String>) -> Self {
        self.user_agent = Some(product.into());
        self
    }

    /// At most this many requests in flight at once for this client and every client
    /// derived from it (default 64); calls beyond it wait for one to finish, within their
    /// timeout. Idle connections are kept up to the same number per pool: the shared one,
    /// and each lane's for [`crate::blocking`] calls.
    pub fn max_connections(mut self, n: usize) -> Self {
        self.max_connections = Some(n);
        self
    }

    /// Sends every request through this proxy (`http://` or `https://`, optionally with
    /// `user:password@`), instead of what `HTTPS_PROXY` / `HTTP_PROXY` / `NO_PROXY` say.
    /// A loopback base URL (the emulator) is always reached directly.
    pub fn proxy(mut self, url: impl Into<String>) -> Self {
        self.proxy = Some(url.into());
        self
    }

    /// Trusts the certificates of this PEM file (a corporate CA, a TLS-inspecting proxy)
    /// besides the platform's trust store and the built-in (webpki) roots.
    pub fn ca_bundle(mut self, path: impl Into<PathBuf>) -> Self {
        self.ca_bundle = Some(path.into());
        self
    }

    /// Sends this client's log events (target `onespan_sign`: one per attempt, retry and
    /// API-token fetch, never a secret) to `dispatch` rather than to the global tracing
    /// subscriber: every call of this client, and of the clients derived from it, runs
    /// under it. For a binding whose users give a logger per client (Node's `logger`
    /// option), where a process-wide subscriber would mix every client's events.
    pub fn log_dispatch(mut self, dispatch: tracing::Dispatch) -> Self {
        log_scope::keep_interest_open();
        self.log = Some(dispatch);
        self
    }

    /// Builds the client; fails on missing or conflicting credentials or a bad URL.
    pub fn build(self) -> Result<Client> {
        let credentials = self.credentials()?;
        credentials.check()?;
        let media = crate::transport::MediaTypes::new(
            self.esl_api_version
                .as_deref()
                .unwrap_or(crate::transport::ESL_API_VERSION),
        )?;
        let base = normalise_base_url(&self.base()?)?;
        let base_url = url::Url::parse(&base)
            .map_err(|e| Error::invalid(format!("base URL {:?}: {e}", redact_url(&base))))?;
        let max_connections = self.max_connections.unwrap_or(DEFAULT_MAX_CONNECTIONS);
        if max_connections == 0 || max_connections > tokio::sync::Semaphore::MAX_PERMITS {
            return Err(Error::invalid(format!(
                "max_connections must be between 1 and {}",
                tokio::sync::Semaphore::MAX_PERMITS
            )));
        }
        let proxy = net::choose_proxy(self.proxy.as_deref(), &base_url)?;
        let timeout = self.timeout.unwrap_or(DEFAULT_TIMEOUT);
        if timeout.is_zero() {
            return Err(Error::invalid("timeout must be greater than zero"));
        }
        let connect_timeout = self
            .connect_timeout
            .unwrap_or(Duration::from_secs(10))
            .min(timeout);
        let ua = match &self.user_agent {
            Some(product) => format!("{product} onespan-sign-rust/{}", crate::VERSION),
            None => format!("onespan-sign-rust/{}", crate::VERSION),
        };
        // Compared with the first URL of each redirect chain: the token exchange never
        // follows one.
        let token_url = match &credentials {
            Credentials::OAuth { token_url, .. } => token_url.clone(),
            _ => url::Url::parse(&format!("{base}/apitoken/clientApp/accessToken"))
                .map(String::from)
                .map_err(|e| Error::invalid(format!("base URL {:?}: {e}", redact_url(&base))))?,
        };
        let extra_roots = match &self.ca_bundle {
            Some(path) => net::load_ca_bundle(path)?,
            None => Vec::new(),
        };
        let http = crate::blocking::Http::new(net::HttpSettings {
            user_agent: ua,
            connect_timeout,
            native_roots: base_url.scheme() == "https",
            max_idle: max_connections,
            token_url,
            proxy: proxy.as_ref().map(|route| route.proxy.clone()),
            extra_roots,
            ca_bundle: self.ca_bundle.clone(),
        })?;
        Ok(Client {
            transport: Arc::new(Transport {
                http,
                base,
                credentials,
                tokens: TokenCache::default(),
                connections: Arc::new(tokio::sync::Semaphore::new(max_connections)),
                max_connections,
                proxy: proxy.map(|route| route.shown),
                log: self.log,
                media,
            }),
            options: CallOptions {
                timeout,
                max_retries: self.max_retries.unwrap_or(DEFAULT_MAX_RETRIES),
            },
        })
    }

    fn credentials(&self) -> Result<Credentials> {
        let creds = self.credentials_given()?;
        if self.sender_id.is_some() && !matches!(creds, Credentials::OAuth { .. }) {
            return Err(Error::invalid(
                "sender_id goes with OAuth credentials (oauth_client_id, oauth_client_secret, \
                 oauth_token_url)",
            ));
        }
        if self.sender_email.is_some() && !matches!(creds, Credentials::ClientApp { .. }) {
            return Err(Error::invalid(
                "sender_email goes with client-app credentials (client_id, client_secret)",
            ));
        }
        Ok(creds)
    }

    /// Client-app credentials, acting as `sender_email` when one is given (explicitly, or
    /// by `ONESPAN_SENDER_EMAIL` with credentials from the environment).
    fn client_app_credentials(&self, id: String, secret: String, from_env: bool) -> Credentials {
        let email = match (&self.sender_email, from_env) {
            (Some(e), _) => Some(e.clone()),
            (None, true) => env("ONESPAN_SENDER_EMAIL"),
            (None, false) => None,
        };
        match email {
            Some(e) => Credentials::client_app_as_sender(id, secret, e),
            None => Credentials::client_app(id, secret),
        }
    }

    /// The OAuth credentials, with the token URL checked and normalised.
    /// With credentials from the environment, `ONESPAN_SENDER_ID` names the sender.
    fn oauth_credentials(
        &self,
        id: &str,
        secret: &str,
        url: &str,
        from_env: bool,
    ) -> Result<Credentials> {
        let sender = match (&self.sender_id, from_env) {
            (Some(s), _) => Some(s.clone()),
            (None, true) => env("ONESPAN_SENDER_ID"),
            (None, false) => None,
        };
        Ok(Credentials::oauth(
            id,
            secret,
            check_token_url(url)?,
            sender,
        ))
    }

    fn credentials_given(&self) -> Result<Credentials> {
        let given = [
            self.api_key.is_some(),
            self.client_app.is_some(),
            self.oauth.is_some(),
        ]
        .iter()
        .filter(|g| **g)
        .count();
        if given > 1 {
            return Err(Error::invalid(
                "give one kind of credentials: an API key, client-app credentials or OAuth \
                 credentials, not several",
            ));
        }
        if let Some((id, secret, url)) = &self.oauth {
            return self.oauth_credentials(id, secret, url, false);
        }
        if self.api_key.is_none() && self.client_app.is_none() {
            let oauth = [
                env("ONESPAN_OAUTH_CLIENT_ID"),
                env("ONESPAN_OAUTH_CLIENT_SECRET"),
                env("ONESPAN_OAUTH_TOKEN_URL"),
            ];
            if oauth.iter().any(Option::is_some) {
                if env("ONESPAN_API_KEY").is_some() || env("ONESPAN_CLIENT_ID").is_some() {
                    return Err(Error::invalid(
                        "ONESPAN_OAUTH_* is set together with ONESPAN_API_KEY or \
                         ONESPAN_CLIENT_ID; keep one kind of credentials",
                    ));
                }
                return match oauth {
                    [Some(id), Some(secret), Some(url)] => {
                        self.oauth_credentials(&id, &secret, &url, true)
                    }
                    _ => Err(Error::invalid(
                        "OAuth credentials need all of ONESPAN_OAUTH_CLIENT_ID, \
                         ONESPAN_OAUTH_CLIENT_SECRET and ONESPAN_OAUTH_TOKEN_URL",
                    )),
                };
            }
        }
        match (&self.api_key, &self.client_app) {
            (Some(_), Some(_)) => Err(Error::invalid(
                "give either an API key or client-app credentials, not both",
            )),
            (Some(key), None) => Ok(Credentials::api_key(key.clone())),
            (None, Some((id, secret))) => {
                Ok(self.client_app_credentials(id.clone(), secret.clone(), false))
            }
            (None, None) => {
                let key = env("ONESPAN_API_KEY");
                let id = env("ONESPAN_CLIENT_ID");
                let secret = env("ONESPAN_CLIENT_SECRET");
                match (key, id, secret) {
                    (Some(_), Some(_), _) => Err(Error::invalid(
                        "both ONESPAN_API_KEY and ONESPAN_CLIENT_ID are set; keep one",
                    )),
                    (Some(key), None, _) => Ok(Credentials::api_key(key)),
                    (None, Some(id), Some(secret)) => {
                        Ok(self.client_app_credentials(id, secret, true))
                    }
                    (None, Some(_), None) => Err(Error::invalid(
                        "ONESPAN_CLIENT_ID is set but ONESPAN_CLIENT_SECRET is not",
                    )),
                    (None, None, _) => Err(Error::invalid(
                        "no credentials: give an API key, a client ID and secret, or OAuth \
                         credentials (or set ONESPAN_API_KEY, or ONESPAN_CLIENT_ID and \
                         ONESPAN_CLIENT_SECRET, or ONESPAN_OAUTH_CLIENT_ID, \
                         ONESPAN_OAUTH_CLIENT_SECRET and ONESPAN_OAUTH_TOKEN_URL)",
                    )),
                }
            }
        }
    }

    fn base(&self) -> Result<String> {
        if let Some(url) = &self.base_url {
            return Ok(url.clone());
        }
        if let Some(env) = self.environment {
            return Ok(env.base_url().to_string());
        }
        if let Some(url) = env("ONESPAN_BASE_URL") {
            return Ok(url);
        }
        if let Some(name) = env("ONESPAN_ENVIRONMENT") {
            return Ok(name.parse::<Environment>()?.base_url().to_string());
        }
        // The sandbox, not production: a forgotten setting must not reach live documents.
        Ok(Environment::Sandbox.base_url().to_string())
    }
}

/// What makes a per-client [`tracing::Dispatch`] see the core's events.
///
/// tracing-core caches, per callsite, whether anyone wants its events. While at most one
/// dispatcher is registered, it asks only the dispatcher in effect where the callsite is
/// first reached: a call made outside any client's dispatch (a client without one) would
/// then cache "never" for the core's callsites, and a client's own dispatch would never see
/// them. With two or more registered, it asks every registered one. So the first client
/// with a log dispatch also registers, for the life of the process, a dispatcher that never
/// records but answers "sometimes" for the core's target: the core's callsites are then
/// checked against the dispatcher in effect at each event (a thread-local lookup).
mod log_scope {
    use std::sync::OnceLock;
    use tracing::subscriber::Interest;
    use tracing::{span, Event, Metadata, Subscriber};

    struct Undecided;

    impl Subscriber for Undecided {
        fn register_callsite(&self, metadata: &'static Metadata<'static>) -> Interest {
            if metadata.target() == crate::transport::LOG_TARGET {
                Interest::sometimes()
            } else {
                Interest::never()
            }
        }
        fn enabled(&self, _: &Metadata<'_>) -> bool {
            false
        }
        fn max_level_hint(&self) -> Option<tracing::level_filters::LevelFilter> {
            Some(tracing::level_filters::LevelFilter::OFF)
        }
        fn new_span(&self, _: &span::Attributes<'_>) -> span::Id {
            span::Id::from_u64(1)
        }
        fn record(&self, _: &span::Id, _: &span::Record<'_>) {}
        fn record_follows_from(&self, _: &span::Id, _: &span::Id) {}
        fn event(&self, _: &Event<'_>) {}
        fn enter(&self, _: &span::Id) {}
        fn exit(&self, _: &span::Id) {}
    }

    static UNDECIDED: OnceLock<tracing::Dispatch> = OnceLock::new();

    pub(super) fn keep_interest_open() {
        UNDECIDED.get_or_init(|| tracing::Dispatch::new(Undecided));
    }
}

fn env(name: &str) -> Option<String> {
    std::env::var(name).ok().filter(|v| !v.trim().is_empty())
}

/// The OAuth token URL: absolute, https (or http to this machine only, as for the base URL),
/// without user, query or fragment. Messages quote it redacted.
fn check_token_url(raw: &str) -> Result<String> {
    let shown = redact_url(raw);
    let url = url::Url::parse(raw.trim())
        .map_err(|e| Error::invalid(format!("OAuth token URL {shown:?} is not a URL: {e}")))?;
    if !matches!(url.scheme(), "http" | "https") || url.host_str().is_none() {
        return Err(Error::invalid(format!(
            "OAuth token URL {shown:?} must be an http(s) URL with a host"
        )));
    }
    if url.fragment().is_some() || !url.username().is_empty() || url.password().is_some() {
        return Err(Error::invalid(format!(
            "OAuth token URL {shown:?} must not carry a fragment or user"
        )));
    }
    if url.scheme() == "http" && !net::is_loopback(&url) {
        return Err(Error::invalid(format!(
            "OAuth token URL {shown:?} is plain http to a host that is not this machine, which \
             would send the client secret in clear text: use https:// (http:// is accepted \
             only for 127.0.0.0/8, ::1 and localhost)"
        )));
    }
    Ok(url.to_string())
}

/// Accepts `https://host`, `https://host/`, and `https://host/api`; keeps any other prefix.
/// Every message quotes the URL redacted: it may hold a password or a token.
fn normalise_base_url(raw: &str) -> Result<String> {
    let shown = redact_url(raw);
    let url = url::Url::parse(raw.trim())
        .map_err(|e| Error::invalid(format!("base URL {shown:?} is not a URL: {e}")))?;
    if !matches!(url.scheme(), "http" | "https") {
        return Err(Error::invalid(format!(
            "base URL {shown:?} must be http or https"
        )));
    }
    if url.host_str().is_none() {
        return Err(Error::invalid(format!("base URL {shown:?} has no host")));
    }
    if url.query().is_some()
        || url.fragment().is_some()
        || !url.username().is_empty()
        || url.password().is_some()
    {
        return Err(Error::invalid(format!(
            "base URL {shown:?} must not carry a query, fragment or user"
        )));
    }
    // Plain HTTP would carry the API key or the client secret in clear text across the
    // network; only this machine (the emulator, a local tunnel) may be reached that way.
    if url.scheme() == "http" && !net::is_loopback(&url) {
        return Err(Error::invalid(format!(
            "base URL {shown:?} is plain http to a host that is not this machine, which would \
             send the credentials in clear text: use https:// (http:// is accepted only for \
             127.0.0.0/8, ::1 and localhost)"
        )));
    }
    let mut s = url.as_str().trim_end_matches('/').to_string();
    if let Some(stripped) = s.strip_suffix("/api") {
        s = stripped.to_string();
    }
    Ok(s)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base_urls_are_normalised() {
        for (raw, want) in [
            ("http://127.0.0.1:8080", "http://127.0.0.1:8080"),
            ("http://127.0.0.1:8080/", "http://127.0.0.1:8080"),
            (
                "https://sandbox.esignlive.com/api/",
                "https://sandbox.esignlive.com",
            ),
            ("https://proxy.example/esl", "https://proxy.example/esl"),
        ] {
            assert_eq!(normalise_base_url(raw).ok().as_deref(), Some(want), "{raw}");
        }
        for bad in [
            "ftp://x",
            "not a url",
            "https://x/?a=1",
            "http://example.invalid",
            "http://10.0.0.1:8080",
            "http://localhost.example.invalid",
        ] {
            assert!(normalise_base_url(bad).is_err(), "{bad}");
        }
        for loopback in [
            "http://localhost:8080",
            "http://127.0.0.2",
            "http://[::1]:1",
        ] {
            assert!(normalise_base_url(loopback).is_ok(), "{loopback}");
        }
    }

    #[test]
    fn conflicting_credentials_are_refused() {
        let err = Client::builder()
            .api_key("k")
            .client_app("i", "s")
            .base_url("http://127.0.0.1:1")
            .build();
        assert!(matches!(err, Err(Error::InvalidArgument(_))));
    }

    #[test]
    fn environments_parse_by_name() {
        assert_eq!(
            "sandbox".parse::<Environment>().ok(),
            Some(Environment::Sandbox)
        );
        assert_eq!(
            "CA-sandbox".parse::<Environment>().ok(),
            Some(Environment::CaSandbox)
        );
        assert!("mars".parse::<Environment>().is_err());
    }

    /// `log_dispatch`: a client's events go to its own dispatch, another client's do not.
    #[tokio::test]
    async fn a_log_dispatch_gets_this_clients_events_only() -> std::result::Result<(), String> {
        use std::io::Write;
        use std::sync::Mutex;

        #[derive(Clone, Default)]
        struct Lines(Arc<Mutex<Vec<u8>>>);
        impl Write for Lines {
            fn write(&mut self, b: &[u8]) -> std::io::Result<usize> {
                if let Ok(mut v) = self.0.lock() {
                    v.extend_from_slice(b);
                }
                Ok(b.len())
            }
            fn flush(&mut self) -> std::io::Result<()> {
                Ok(())
            }
        }

        let emu = onespan_sign_emulator::Emulator::start()
            .await
            .map_err(|e| e.to_string())?;
        let lines = Lines::default();
        let writer = lines.clone();
        let subscriber = tracing_subscriber::fmt()
            .with_max_level(tracing::Level::DEBUG)
            .with_writer(move || writer.clone())
            .finish();
        let build = |dispatch: Option<tracing::Dispatch>| {
            let b = Client::builder()
                .api_key(emu.api_key())
                .base_url(emu.base_url());
            match dispatch {
                Some(d) => b.log_dispatch(d),
                None => b,
            }
            .build()
        };
        let logged = build(Some(tracing::Dispatch::new(subscriber))).map_err(|e| e.to_string())?;
        let quiet = build(None).map_err(|e| e.to_string())?;
        // The client without a dispatch reaches the core's callsites first (see `log_scope`).
        let _ = quiet.packages().get("quiet").await;
        let _ = logged.packages().get("logged").await;
        let _ = logged.with_max_retries(0).packages().get("derived").await;
        let text = lines
            .0
            .lock()
            .map(|v| String::from_utf8_lossy(&v).into_owned());
        let text = text.unwrap_or_default();
        assert!(text.contains("path=/api/packages/logged"), "{text}");
        assert!(text.contains("status=404"), "{text}");
        assert!(text.contains("path=/api/packages/derived"), "{text}");
        assert!(!text.contains("quiet"), "{text}");
        Ok(())
    }

    #[test]
    fn debug_hides_secrets() {
        let b = Client::builder().api_key("very-secret-key");
        assert!(!format!("{b:?}").contains("very-secret-key"));
        let c = Client::builder()
            .client_app("app", "very-secret-secret")
            .base_url("http://127.0.0.1:1")
            .build();
        let shown = format!("{c:?}");
        assert!(!shown.contains("very-secret-secret"), "{shown}");
    }
}
