//! Network policy, decided once when a client is built: which base URLs are accepted, which
//! proxy (if any) carries the requests, which roots are trusted, which redirects are followed,
//! and how a URL is shown in a message or a log line.

use crate::error::{Error, Result};
use reqwest::header::{HeaderMap, DATE, RETRY_AFTER};
use std::path::Path;
use std::time::{Duration, SystemTime};
use url::{Host, Url};

/// Redirects followed within the base URL's origin before giving up (reqwest's default).
const MAX_REDIRECTS: usize = 10;

/// A URL as it may be shown: any userinfo and any query or fragment replaced, so that a
/// password or a `?token=` in it never reaches a message, a `Debug` or a log. Works on text
/// that is not a valid URL too, since that is exactly what error messages quote.
pub(crate) fn redact_url(raw: &str) -> String {
    let raw = raw.trim();
    let (scheme, rest) = match raw.find("://") {
        Some(i) => raw.split_at(i + 3),
        None => ("", raw),
    };
    let mut shown = String::from(scheme);
    // Everything up to the last '@' is hidden: userinfo, however malformed (a password with
    // an unencoded '?', '#' or '/' in it). An '@' later in a path or query only hides more.
    let visible = match rest.rfind('@') {
        // A '?' or '#' before it leaves unclear whether what follows is a host or a query
        // value: show nothing.
        Some(at) if rest[..at].contains(['?', '#']) => return format!("{scheme}[REDACTED]"),
        Some(at) => {
            shown.push_str("[REDACTED]@");
            &rest[at + 1..]
        }
        None => rest,
    };
    match visible.find(['?', '#']) {
        Some(cut) => {
            shown.push_str(&visible[..cut]);
            shown.push_str("?[REDACTED]");
        }
        None => shown.push_str(visible),
    }
    shown
}

/// `scheme://host:port` of a URL, for messages about where something pointed.
pub(crate) fn origin(url: &Url) -> String {
    match (url.host_str(), url.port_or_known_default()) {
        (Some(host), Some(port)) => format!("{}://{host}:{port}", url.scheme()),
        (Some(host), None) => format!("{}://{host}", url.scheme()),
        _ => url.scheme().to_string(),
    }
}

/// Whether the URL's host is this machine: 127.0.0.0/8, ::1 (or an IPv4-mapped loopback),
/// or `localhost`. Only such hosts may be reached over plain HTTP, and they never go through
/// a proxy (a proxy cannot reach the caller's own loopback, e.g. the emulator).
pub(crate) fn is_loopback(url: &Url) -> bool {
    match url.host() {
        Some(Host::Ipv4(ip)) => ip.is_loopback(),
        Some(Host::Ipv6(ip)) => {
            ip.is_loopback() || ip.to_ipv4_mapped().is_some_and(|v4| v4.is_loopback())
        }
        Some(Host::Domain(d)) => {
            let d = d.trim_end_matches('.');
            d.eq_ignore_ascii_case("localhost")
        }
        None => false,
    }
}

/// The proxy that carries this client's requests.
pub(crate) struct ProxyRoute {
    pub(crate) proxy: reqwest::Proxy,
    /// `host:port`, never the userinfo: what messages and `Debug` say.
    pub(crate) shown: String,
}

/// The proxy the caller named, checked: a URL with a host and a scheme reqwest proxies.
fn explicit_proxy(raw: &str) -> Result<ProxyRoute> {
    let url = Url::parse(raw.trim())
        .map_err(|e| Error::invalid(format!("proxy {:?} is not a URL: {e}", redact_url(raw))))?;
    let shown = proxy_host_port(&url)
        .ok_or_else(|| Error::invalid(format!("proxy {:?} has no host", redact_url(raw))))?;
    check_proxy_scheme(url.scheme(), &shown)?;
    // reqwest reads `user:password@` in the URL as Basic proxy credentials.
    let proxy = reqwest::Proxy::all(url.as_str())
        .map_err(|_| Error::invalid(format!("proxy {shown} is not usable")))?;
    Ok(ProxyRoute { proxy, shown })
}

/// The proxy for requests to `base`: none for a loopback base; otherwise `explicit` if given,
/// else what `HTTPS_PROXY` / `HTTP_PROXY` / `ALL_PROXY` / `NO_PROXY` say for it, read by
/// hyper-util's matcher, the same code reqwest uses for them. Deciding here (rather than
/// letting reqwest read the variables per request) is exact because a client only ever talks
/// to its base URL's origin, and it lets a failed connection name the proxy it went to.
pub(crate) fn choose_proxy(explicit: Option<&str>, base: &Url) -> Result<Option<ProxyRoute>> {
    // An explicit proxy is checked even when it will not be used (a loopback base URL goes
    // direct), so a typo fails in development against the emulator, not in production.
    let explicit = explicit.map(explicit_proxy).transpose()?;
    if is_loopback(base) {
        return Ok(None);
    }
    if explicit.is_some() {
        return Ok(explicit);
    }
    let target: http::Uri = base
        .as_str()
        .parse()
        .map_err(|_| Error::invalid("the base URL cannot be used as a request URI"))?;
    let matcher = hyper_util::client::proxy::matcher::Matcher::from_env();
    let Some(intercept) = matcher.intercept(&target) else {
        return Ok(None);
    };
    let uri = intercept.uri();
    let shown = match (uri.host(), uri.port_u16()) {
        (Some(h), Some(p)) => format!("{h}:{p}"),
        (Some(h), None) => h.to_string(),
        _ => return Err(Error::invalid("the proxy in the environment has no host")),
    };
    check_proxy_scheme(uri.scheme_str().unwrap_or(""), &shown)?;
    let mut proxy = reqwest::Proxy::all(uri.to_string()).map_err(|_| {
        Error::invalid(format!(
            "proxy {shown} (from the environment) is not usable"
        ))
    })?;
    // The matcher keeps the variable's credentials apart from the URI, already encoded.
    if let Some(auth) = intercept.basic_auth() {
        proxy = proxy.custom_http_auth(auth.clone());
    }
    Ok(Some(ProxyRoute { proxy, shown }))
}

fn proxy_host_port(url: &Url) -> Option<String> {
    let host = url.host_str()?;
    Some(match url.port_or_known_default() {
        Some(port) => format!("{host}:{port}"),
        None => host.to_string(),
    })
}

fn check_proxy_scheme(scheme: &str, shown: &str) -> Result<()> {
    if matches!(scheme, "http" | "https") {
        Ok(())
    } else {
        // SOCKS is not compiled in; refusing here beats failing on every request.
        Err(Error::invalid(format!(
            "proxy {shown}: scheme {scheme:?} is not supported (use an http:// or https:// proxy)"
        )))
    }
}

/// The certificates of a PEM bundle, trusted besides the built-in roots. Anything that makes
/// it unusable is the caller's to fix, so it is an `InvalidArgument` naming the file.
pub(crate) fn load_ca_bundle(path: &Path) -> Result<Vec<reqwest::Certificate>> {
    let shown = path.display();
    let pem = std::fs::read(path)
        .map_err(|e| Error::invalid(format!("cannot read the CA bundle {shown}: {e}")))?;
    let certs = reqwest::Certificate::from_pem_bundle(&pem).map_err(|e| {
        Error::invalid(format!(
            "the CA bundle {shown} is not a PEM file of certificates: {e}"
        ))
    })?;
    if certs.is_empty() {
        return Err(Error::invalid(format!(
            "the CA bundle {shown} holds no PEM certificate"
        )));
    }
    Ok(certs)
}

/// Everything a client's HTTP client (reqwest's, holding its connection pool) is built
/// from, kept so that each thread that runs blocking calls ([`crate::blocking`]) can build
/// its own with the same settings. Decided once, in `ClientBuilder::build`.
#[derive(Clone)]
pub(crate) struct HttpSettings {
    pub(crate) user_agent: String,
    pub(crate) connect_timeout: Duration,
    /// Whether the platform's trust store is read (https base URLs only).
    pub(crate) native_roots: bool,
    /// Idle connections kept per host: the client's `max_connections`.
    pub(crate) max_idle: usize,
    /// The token exchange's URL, whose redirects are never followed.
    pub(crate) token_url: String,
    pub(crate) proxy: Option<reqwest::Proxy>,
    /// The CA bundle's certificates, read once, and its path for messages.
    pub(crate) extra_roots: Vec<reqwest::Certificate>,
    pub(crate) ca_bundle: Option<std::path::PathBuf>,
}

impl HttpSettings {
    /// A new HTTP client with these settings and a pool of its own.
    pub(crate) fn build(&self) -> Result<reqwest::Client> {
        let mut http = reqwest::Client::builder()
            .use_rustls_tls()
            // The platform's trust store (corporate roots installed on the machine) as well
            // as the webpki roots; not read for a plain-http (loopback) base, which needs
            // no TLS, so that building an emulator client stays cheap.
            .tls_built_in_native_certs(self.native_roots)
            .user_agent(self.user_agent.as_str())
            .connect_timeout(self.connect_timeout)
            .pool_idle_timeout(Duration::from_secs(60))
            // The semaphore bounds connections in use; this bounds those kept idle.
            .pool_max_idle_per_host(self.max_idle)
            .redirect(redirect_policy(self.token_url.clone()));
        http = match &self.proxy {
            Some(proxy) => http.proxy(proxy.clone()),
            // Also turns off reqwest's own reading of the proxy variables: the choice was
            // made when the client was built, and a loopback base must never go through a
            // proxy.
            None => http.no_proxy(),
        };
        for cert in &self.extra_roots {
            http = http.add_root_certificate(cert.clone());
        }
        http.build().map_err(|e| {
            let what = match &self.ca_bundle {
                Some(path) => format!(" (with the CA bundle {})", path.display()),
                None => String::new(),
            };
            Error::invalid(format!("cannot build the HTTP client{what}: {e}"))
        })
    }
}

/// Redirects are followed only within the origin of the request that was sent, so that no
/// credentials (the Authorization header, or the body) go to another host; the token exchange
/// never follows one, since its body is the client secret. A redirect not followed comes back
/// as the 3xx answer, which the transport turns into an error that says so.
pub(crate) fn redirect_policy(token_url: String) -> reqwest::redirect::Policy {
    reqwest::redirect::Policy::custom(move |attempt| {
        let Some(first) = attempt.previous().first() else {
            return attempt.stop();
        };
        if first.as_str() == token_url || attempt.previous().len() > MAX_REDIRECTS {
            return attempt.stop();
        }
        if first.origin() == attempt.url().origin() {
            attempt.follow()
        } else {
            attempt.stop()
        }
    })
}

/// `Retry-After`, in delay-seconds or as an HTTP-date (RFC 9110 §10.2.3), as a wait from now.
pub(crate) fn retry_after(headers: &HeaderMap) -> Option<Duration> {
    let v = headers.get(RETRY_AFTER)?.to_str().ok()?.trim();
    if let Ok(secs) = v.parse::<u64>() {
        return Some(Duration::from_secs(secs));
    }
    let at = httpdate::parse_http_date(v).ok()?;
    Some(
        at.duration_since(SystemTime::now())
            .unwrap_or(Duration::ZERO),
    )
}

/// The server's clock, from the answer's `Date` header.
pub(crate) fn server_date(headers: &HeaderMap) -> Option<SystemTime> {
    httpdate::parse_http_date(headers.get(DATE)?.to_str().ok()?.trim()).ok()
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn redaction_hides_userinfo_query_and_fragment() {
        for (raw, secret) in [
            ("http://user:PW1@host/x", "PW1"),
            ("https://host/api?token=TOK2", "TOK2"),
            ("https://host#TOK3", "TOK3"),
            ("http://u:p?w@TOK4@host/", "TOK4"),
            ("not a url user:PW5@host", "PW5"),
            ("https://PW6@host", "PW6"),
            ("https://host?x=1@PW7/y", "PW7"),
        ] {
            let shown = redact_url(raw);
            assert!(!shown.contains(secret), "{raw} -> {shown}");
            assert!(shown.contains("REDACTED"), "{raw} -> {shown}");
        }
        assert_eq!(redact_url("https://host:8443/esl"), "https://host:8443/esl");
        assert_eq!(
            redact_url("http://u:p@host:1/a?b"),
            "http://[REDACTED]@host:1/a?[REDACTED]"
        );
    }

    #[test]
    fn loopback_hosts() {
        for (u, want) in [
            ("http://127.0.0.1:1", true),
            ("http://127.1.2.3", true),
            ("http://[::1]:8080", true),
            ("http://[::ffff:127.0.0.1]", true),
            ("http://localhost:1", true),
            ("http://LOCALHOST.", true),
            ("http://localhost.example", false),
            ("http://example.invalid", false),
            ("http://10.0.0.1", false),
        ] {
            let url = Url::parse(u).unwrap();
            assert_eq!(is_loopback(&url), want, "{u}");
        }
    }

    #[test]
    fn retry_after_reads_seconds_and_dates() {
        let mut h = HeaderMap::new();
        h.insert(
            RETRY_AFTER,
            reqwest::header::HeaderValue::from_static("3600"),
        );
        assert_eq!(retry_after(&h), Some(Duration::from_secs(3600)));
        let later = httpdate::fmt_http_date(SystemTime::now() + Duration::from_secs(120));
        h.insert(RETRY_AFTER, later.parse().unwrap());
        let d = retry_after(&h).unwrap_or_default();
        assert!(
            d > Duration::from_secs(110) && d <= Duration::from_secs(120),
            "{d:?}"
        );
        h.insert(
            RETRY_AFTER,
            reqwest::header::HeaderValue::from_static("soon"),
        );
        assert_eq!(retry_after(&h), None);
    }
}
