//! The client's options, described once and read the same way by every binding.
//!
//! A binding hands over its keyword arguments (Python) or options object (Node) as JSON,
//! with its own naming and time unit; [`client_builder`] checks every name and value and
//! answers in that binding's words (`timeout` in seconds vs `timeoutMs`, `int` vs `number`),
//! so no binding parses an option itself and an unknown option is always refused.

use super::input::type_name;
use crate::client::ClientBuilder;
use crate::{Client, Error, Result};
use serde_json::{Map, Value};
use std::time::Duration;

/// How a binding spells option names.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Naming {
    /// `max_retries`, `timeout` in seconds (Python, Rust).
    Snake,
    /// `maxRetries`, `timeoutMs` in milliseconds (Node).
    Camel,
}

/// What an option holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// A string.
    Text,
    /// A string never shown anywhere.
    Secret,
    /// A length of time: seconds (float) in snake_case bindings, milliseconds in camelCase.
    Duration,
    /// A whole number ≥ 0.
    Count,
    /// A whole number ≥ 1.
    Positive,
}

impl Kind {
    /// What a value of this kind must be, in the binding's words (and time unit).
    pub fn wanted(self, naming: Naming) -> &'static str {
        match (self, naming) {
            (Kind::Text | Kind::Secret, Naming::Snake) => "a str",
            (Kind::Text | Kind::Secret, Naming::Camel) => "a string",
            (Kind::Count, _) => "a whole number of at least 0",
            (Kind::Positive, _) => "a whole number of at least 1",
            (Kind::Duration, Naming::Snake) => "a positive number of seconds",
            (Kind::Duration, Naming::Camel) => "a positive number of milliseconds",
        }
    }
}

/// One option.
#[derive(Debug, Clone, Copy)]
pub struct Opt {
    /// snake_case name.
    pub name: &'static str,
    /// What it holds.
    pub kind: Kind,
    /// One line for docstrings and JSDoc.
    pub doc: &'static str,
}

impl Opt {
    /// The name as the binding spells it (`timeout` / `timeoutMs`).
    pub fn spelled(&self, naming: Naming) -> String {
        match naming {
            Naming::Snake => self.name.to_string(),
            Naming::Camel => {
                let mut out = camel(self.name);
                if self.kind == Kind::Duration {
                    out.push_str("Ms");
                }
                out
            }
        }
    }
}

/// `max_retries` → `maxRetries`.
pub fn camel(snake: &str) -> String {
    let mut out = String::with_capacity(snake.len());
    let mut upper = false;
    for c in snake.chars() {
        if c == '_' {
            upper = true;
        } else if upper {
            out.extend(c.to_uppercase());
            upper = false;
        } else {
            out.push(c);
        }
    }
    out
}

const TIMEOUT: Opt = Opt {
    name: "timeout",
    kind: Kind::Duration,
    doc: "Total time one call may take, retries included (default 60 s).",
};
const MAX_RETRIES: Opt = Opt {
    name: "max_retries",
    kind: Kind::Count,
    doc: "Retries after the first attempt, for failures safe to retry (default 2).",
};

/// The options of a new client, in the order of the Python constructor.
pub const CLIENT_OPTIONS: &[Opt] = &[
    Opt {
        name: "api_key",
        kind: Kind::Secret,
        doc: "An API key (or set ONESPAN_API_KEY).",
    },
    Opt {
        name: "client_id",
        kind: Kind::Text,
        doc: "A client app's ID, exchanged with `client_secret` for API tokens.",
    },
    Opt {
        name: "client_secret",
        kind: Kind::Secret,
        doc: "A client app's secret.",
    },
    Opt {
        name: "environment",
        kind: Kind::Text,
        doc: "`sandbox` (the default), `us`, `ca_sandbox`, `ca`, `eu` or `au`.",
    },
    Opt {
        name: "base_url",
        kind: Kind::Text,
        doc: "Any base URL (the emulator, a proxy); wins over `environment`.",
    },
    TIMEOUT,
    MAX_RETRIES,
    Opt {
        name: "max_connections",
        kind: Kind::Positive,
        doc: "Requests this client has in flight at most; calls beyond it queue (default 64).",
    },
    Opt {
        name: "proxy",
        kind: Kind::Secret,
        doc: "A proxy URL for every call (otherwise HTTPS_PROXY/HTTP_PROXY/NO_PROXY apply); loopback is always direct.",
    },
    Opt {
        name: "ca_bundle",
        kind: Kind::Text,
        doc: "A PEM file of CA certificates trusted besides the system's roots.",
    },
    Opt {
        name: "oauth_client_id",
        kind: Kind::Text,
        doc: "An OAuth 2.0 client ID, exchanged with `oauth_client_secret` at `oauth_token_url` for bearer tokens (or set ONESPAN_OAUTH_CLIENT_ID).",
    },
    Opt {
        name: "oauth_client_secret",
        kind: Kind::Secret,
        doc: "An OAuth 2.0 client secret (or set ONESPAN_OAUTH_CLIENT_SECRET).",
    },
    Opt {
        name: "oauth_token_url",
        kind: Kind::Text,
        doc: "The OAuth 2.0 token URL the account was given: https, or http to this machine only (or set ONESPAN_OAUTH_TOKEN_URL).",
    },
    Opt {
        name: "sender_id",
        kind: Kind::Text,
        doc: "With OAuth credentials: act as this sender (or set ONESPAN_SENDER_ID).",
    },
    Opt {
        name: "sender_email",
        kind: Kind::Text,
        doc: "With client-app credentials: act as the sender with this email (token type SENDER) rather than the account owner (or set ONESPAN_SENDER_EMAIL).",
    },
    Opt {
        name: "esl_api_version",
        kind: Kind::Text,
        doc: "The esl-api-version named in every JSON Accept and Content-Type (default: the official SDK version this one follows, 11.68.0).",
    },
];

/// The options of `with_options` / `withOptions`: limits for the calls made through it.
pub const CALL_OPTIONS: &[Opt] = &[TIMEOUT, MAX_RETRIES];

/// A value read from the options object.
enum Val {
    Text(String),
    Duration(Duration),
    Count(u32),
}

fn read(opt: &Opt, v: &Value, naming: Naming) -> Result<Val> {
    let name = opt.spelled(naming);
    let bad = |want: &str| {
        Error::invalid(format!(
            "{name} must be {want}, not {}",
            type_name(v, naming)
        ))
    };
    match opt.kind {
        Kind::Text | Kind::Secret => match v {
            Value::String(s) => Ok(Val::Text(s.clone())),
            _ => Err(bad(if naming == Naming::Snake {
                "a str"
            } else {
                "a string"
            })),
        },
        Kind::Count | Kind::Positive => {
            let least = u64::from(opt.kind == Kind::Positive);
            match v.as_u64() {
                Some(n) if !v.is_f64() && n >= least => u32::try_from(n)
                    .map(Val::Count)
                    .map_err(|_| Error::invalid(format!("{name} is too large"))),
                Some(n) if !v.is_f64() => Err(Error::invalid(format!(
                    "{name} must be a whole number of at least {least}, not {n}"
                ))),
                _ => Err(bad(opt.kind.wanted(naming))),
            }
        }
        Kind::Duration => {
            let (unit, scale) = match naming {
                Naming::Snake => ("seconds", 1.0),
                Naming::Camel => ("milliseconds", 1000.0),
            };
            let Some(x) = v.as_f64().filter(|_| !v.is_boolean()) else {
                return Err(bad(opt.kind.wanted(naming)));
            };
            match Duration::try_from_secs_f64(x / scale) {
                Ok(d) if !d.is_zero() => Ok(Val::Duration(d)),
                _ => Err(Error::invalid(format!(
                    "{name} must be a positive number of {unit}, not {x}"
                ))),
            }
        }
    }
}

/// The known name a mistyped `key` most likely meant: one it begins (`timeout` for
/// `timeoutMs`), or one at most a couple of edits away (`max_retry`, `timout`).
fn closest<'k>(key: &str, known: &'k [String]) -> Option<&'k String> {
    let key = key.to_ascii_lowercase();
    known
        .iter()
        .map(|k| {
            let k_lower = k.to_ascii_lowercase();
            let distance = if k_lower.starts_with(&key) {
                0
            } else {
                strsim::levenshtein(&key, &k_lower)
            };
            (distance, k)
        })
        .filter(|(distance, k)| *distance <= (k.len() / 3).max(2))
        .min_by_key(|(distance, _)| *distance)
        .map(|(_, k)| k)
}

/// Reads `options` against `table`: every name must be known; `null` means unset.
fn parse<'t>(
    table: &'t [Opt],
    options: &Map<String, Value>,
    naming: Naming,
) -> Result<Vec<(&'t Opt, Val)>> {
    let mut out = Vec::new();
    for (key, value) in options {
        let Some(opt) = table.iter().find(|o| o.spelled(naming) == *key) else {
            let known: Vec<String> = table.iter().map(|o| o.spelled(naming)).collect();
            let hint = closest(key, &known)
                .map(|k| format!(" (did you mean {k:?}?)"))
                .unwrap_or_default();
            return Err(Error::invalid(format!(
                "unknown option {key:?}{hint}; the options are {}",
                known.join(", ")
            )));
        };
        if value.is_null() {
            continue;
        }
        out.push((opt, read(opt, value, naming)?));
    }
    Ok(out)
}

/// A client builder from a binding's options; `product` names the binding in the
/// User-Agent (`onespan-sign-python/0.1.0`).
pub fn client_builder(
    product: &str,
    options: &Map<String, Value>,
    naming: Naming,
) -> Result<ClientBuilder> {
    let mut b = Client::builder().user_agent(product);
    let mut client_app = (None, None);
    let mut oauth = (None, None, None);
    for (opt, val) in parse(CLIENT_OPTIONS, options, naming)? {
        b = match (opt.name, val) {
            ("api_key", Val::Text(k)) => b.api_key(k),
            ("client_id", Val::Text(v)) => {
                client_app.0 = Some(v);
                b
            }
            ("client_secret", Val::Text(v)) => {
                client_app.1 = Some(v);
                b
            }
            ("environment", Val::Text(v)) => b.environment(v.parse()?),
            ("base_url", Val::Text(v)) => b.base_url(v),
            ("timeout", Val::Duration(d)) => b.timeout(d),
            ("max_retries", Val::Count(n)) => b.max_retries(n),
            ("max_connections", Val::Count(n)) => b.max_connections(n as usize),
            ("proxy", Val::Text(v)) => b.proxy(v),
            ("ca_bundle", Val::Text(v)) => b.ca_bundle(v),
            ("oauth_client_id", Val::Text(v)) => {
                oauth.0 = Some(v);
                b
            }
            ("oauth_client_secret", Val::Text(v)) => {
                oauth.1 = Some(v);
                b
            }
            ("oauth_token_url", Val::Text(v)) => {
                oauth.2 = Some(v);
                b
            }
            ("sender_id", Val::Text(v)) => b.sender_id(v),
            ("sender_email", Val::Text(v)) => b.sender_email(v),
            ("esl_api_version", Val::Text(v)) => b.esl_api_version(v),
            (name, _) => return Err(Error::Internal(format!("option {name} is not applied"))),
        };
    }
    let (id, secret) = client_app;
    if id.is_some() || secret.is_some() {
        // A missing half becomes empty, which the builder refuses with its own message.
        b = b.client_app(id.unwrap_or_default(), secret.unwrap_or_default());
    }
    let (id, secret, url) = oauth;
    if id.is_some() || secret.is_some() || url.is_some() {
        // A missing part becomes empty, which the builder refuses with its own message.
        b = b.oauth(
            id.unwrap_or_default(),
            secret.unwrap_or_default(),
            url.unwrap_or_default(),
        );
    }
    Ok(b)
}

/// `client` with the limits of `options` ([`CALL_OPTIONS`]) for the calls made through it.
pub fn with_call_options(
    client: &Client,
    options: &Map<String, Value>,
    naming: Naming,
) -> Result<Client> {
    let mut c = client.clone();
    for (opt, val) in parse(CALL_OPTIONS, options, naming)? {
        c = match (opt.name, val) {
            ("timeout", Val::Duration(d)) => c.with_timeout(d)?,
            ("max_retries", Val::Count(n)) => c.with_max_retries(n),
            (name, _) => return Err(Error::Internal(format!("option {name} is not applied"))),
        };
    }
    Ok(c)
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn map(v: Value) -> Map<String, Value> {
        match v {
            Value::Object(m) => m,
            _ => Map::new(),
        }
    }

    #[test]
    fn a_mistyped_option_suggests_the_name_meant() {
        let known: Vec<String> = CLIENT_OPTIONS
            .iter()
            .map(|o| o.spelled(Naming::Snake))
            .collect();
        for (typed, meant) in [
            ("max_retry", "max_retries"),
            ("timout", "timeout"),
            ("API_KEY", "api_key"),
        ] {
            assert_eq!(
                closest(typed, &known).map(String::as_str),
                Some(meant),
                "{typed}"
            );
        }
        assert_eq!(closest("colour", &known), None);
        let camel: Vec<String> = CLIENT_OPTIONS
            .iter()
            .map(|o| o.spelled(Naming::Camel))
            .collect();
        assert_eq!(
            closest("timeout", &camel).map(String::as_str),
            Some("timeoutMs")
        );
    }

    #[test]
    fn names_follow_the_binding() {
        assert_eq!(TIMEOUT.spelled(Naming::Camel), "timeoutMs");
        assert_eq!(MAX_RETRIES.spelled(Naming::Camel), "maxRetries");
        assert_eq!(TIMEOUT.spelled(Naming::Snake), "timeout");
    }

    #[test]
    fn unknown_and_mistyped_options_are_refused_in_the_bindings_words() {
        let e = client_builder("t", &map(json!({"timeout": 5})), Naming::Camel)
            .err()
            .map(|e| e.to_string())
            .unwrap_or_default();
        assert!(
            e.contains("unknown option \"timeout\"") && e.contains("timeoutMs"),
            "{e}"
        );
        let e = client_builder("t", &map(json!({"max_retries": "3"})), Naming::Snake)
            .err()
            .map(|e| e.to_string())
            .unwrap_or_default();
        assert!(
            e.contains("max_retries must be a whole number") && e.contains("not str"),
            "{e}"
        );
        let e = client_builder("t", &map(json!({"timeout": -1.0})), Naming::Snake)
            .err()
            .map(|e| e.to_string())
            .unwrap_or_default();
        assert!(e.contains("positive number of seconds"), "{e}");
    }
}
