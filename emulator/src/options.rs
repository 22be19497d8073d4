//! How to start an emulator ([`EmulatorOptions`]) and what fault to inject ([`Fault`]), and
//! building both from a binding's options as JSON, in one place for every binding.
//!
//! A binding passes its keyword arguments (Python) or options object (Node) as a JSON object
//! and says how it spells names and counts time ([`OptionStyle`]); unknown names and wrong
//! types are refused with an [`OptionsError`] that names the option as the binding's user
//! wrote it.

use crate::store::{Fault, FaultAction, FaultBody};
use serde_json::{Map, Value};
use std::fmt;
use std::time::Duration;

/// How to start an emulator. Unset credentials are generated.
#[derive(Clone, Default)]
#[non_exhaustive]
pub struct EmulatorOptions {
    /// Port on 127.0.0.1; 0 (the default) picks a free one.
    pub port: u16,
    pub api_key: Option<String>,
    pub client_id: Option<String>,
    pub client_secret: Option<String>,
    /// Lifetime of API tokens from the client-app exchange (default 30 minutes, as the service).
    pub token_ttl: Option<Duration>,
    /// Lifetime of signer authentication tokens (default 30 minutes, as the service).
    pub signer_token_ttl: Option<Duration>,
    /// Try a failed event delivery again (four tries in all, with growing delays). Off by
    /// default, as the service never resends a failed callback (spec/, KB0014510).
    pub retry_deliveries: bool,
}

impl fmt::Debug for EmulatorOptions {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("EmulatorOptions")
            .field("port", &self.port)
            .field("client_id", &self.client_id)
            .field("token_ttl", &self.token_ttl)
            .field("retry_deliveries", &self.retry_deliveries)
            .finish_non_exhaustive()
    }
}

/// How option names are spelled.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Naming {
    /// `token_ttl`, `retry_after` (Python).
    SnakeCase,
    /// `tokenTtl`, `retryAfter` (Node).
    CamelCase,
}

/// The unit of durations. Milliseconds are said in the name (`tokenTtlMs`, `token_ttl_ms`);
/// seconds are not (`token_ttl`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TimeUnit {
    Seconds,
    Milliseconds,
}

/// A binding's conventions for options: how names are spelled, what unit durations are in.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct OptionStyle {
    pub naming: Naming,
    pub time_unit: TimeUnit,
}

impl OptionStyle {
    /// Python's: `Emulator(token_ttl=1.5)`, `inject_fault(delay=0.2, retry_after=1)`.
    pub const PYTHON: OptionStyle = OptionStyle {
        naming: Naming::SnakeCase,
        time_unit: TimeUnit::Seconds,
    };

    /// Node's: `Emulator.start({ tokenTtlMs: 1500 })`, `injectFault({ delayMs: 200, retryAfter: 1 })`.
    pub const NODE: OptionStyle = OptionStyle {
        naming: Naming::CamelCase,
        time_unit: TimeUnit::Milliseconds,
    };

    /// The name of an option made of `words`, with the unit when it is a duration in ms.
    fn name(&self, words: &[&str], duration: bool) -> String {
        let ms = duration && self.time_unit == TimeUnit::Milliseconds;
        let words = words.iter().copied().chain(ms.then_some("ms"));
        match self.naming {
            Naming::SnakeCase => words.collect::<Vec<_>>().join("_"),
            Naming::CamelCase => words
                .enumerate()
                .map(|(i, w)| {
                    if i == 0 {
                        w.to_string()
                    } else {
                        capitalised(w)
                    }
                })
                .collect(),
        }
    }

    fn unit_words(&self) -> &'static str {
        match self.time_unit {
            TimeUnit::Seconds => "seconds",
            TimeUnit::Milliseconds => "milliseconds",
        }
    }

    /// A duration given in this style's unit, for the option called `option`: refused when
    /// negative, not a number or too large.
    pub fn duration(&self, option: &str, value: f64) -> Result<Duration, OptionsError> {
        let secs = match self.time_unit {
            TimeUnit::Seconds => value,
            TimeUnit::Milliseconds => value / 1000.0,
        };
        Duration::try_from_secs_f64(secs).map_err(|_| {
            OptionsError::invalid(
                option,
                format!("must be a number of {}, 0 or more", self.unit_words()),
            )
        })
    }
}

fn capitalised(w: &str) -> String {
    let mut c = w.chars();
    match c.next() {
        Some(first) => first.to_ascii_uppercase().to_string() + c.as_str(),
        None => String::new(),
    }
}

/// What is wrong with an option.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum OptionsErrorKind {
    /// No option has this name (or the options are not an object at all).
    Unknown,
    /// The value is of the wrong kind: text where a number goes, a fraction where a whole
    /// number goes, ...
    WrongType,
    /// The value is of the right kind but not allowed: negative, out of range, not one of
    /// the choices.
    InvalidValue,
}

/// Options a binding passed that cannot be used, described in the binding's own words.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct OptionsError {
    kind: OptionsErrorKind,
    option: Option<String>,
    message: String,
}

impl OptionsError {
    fn new(kind: OptionsErrorKind, option: Option<&str>, message: String) -> Self {
        OptionsError {
            kind,
            option: option.map(str::to_string),
            message,
        }
    }

    fn wrong_type(option: &str, must: impl fmt::Display) -> Self {
        Self::new(
            OptionsErrorKind::WrongType,
            Some(option),
            format!("'{option}' {must}"),
        )
    }

    fn invalid(option: &str, must: impl fmt::Display) -> Self {
        Self::new(
            OptionsErrorKind::InvalidValue,
            Some(option),
            format!("'{option}' {must}"),
        )
    }

    pub fn kind(&self) -> OptionsErrorKind {
        self.kind
    }

    /// The option at fault, as the binding names it (None when the whole value is wrong).
    pub fn option(&self) -> Option<&str> {
        self.option.as_deref()
    }
}

impl fmt::Display for OptionsError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for OptionsError {}

/// The kind of JSON value, in words a binding's user reads (never Rust's types).
fn kind_of(v: &Value) -> &'static str {
    match v {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "a list",
        Value::Object(_) => "an object",
    }
}

/// The options present in `value` (an object; null means none), by their index in `names`.
/// `whole_name` and `one_name` say what the object and one of its entries are, in errors. Null values count as absent; a name not in `names` is refused.
fn present<'v>(
    value: &'v Value,
    whole_name: &str,
    one_name: &str,
    names: &[String],
) -> Result<Vec<(usize, &'v Value)>, OptionsError> {
    let map: &Map<String, Value> = match value {
        Value::Null => return Ok(Vec::new()),
        Value::Object(m) => m,
        other => {
            return Err(OptionsError::new(
                OptionsErrorKind::Unknown,
                None,
                format!("{whole_name} must be an object, not {}", kind_of(other)),
            ))
        }
    };
    let mut out = Vec::with_capacity(map.len());
    for (key, v) in map {
        let Some(i) = names.iter().position(|n| n == key) else {
            return Err(OptionsError::new(
                OptionsErrorKind::Unknown,
                Some(key),
                format!(
                    "unknown {one_name} '{key}': the options are {}",
                    names.join(", ")
                ),
            ));
        };
        if !v.is_null() {
            out.push((i, v));
        }
    }
    Ok(out)
}

fn string(option: &str, v: &Value) -> Result<String, OptionsError> {
    v.as_str()
        .map(str::to_string)
        .ok_or_else(|| OptionsError::wrong_type(option, "must be a string"))
}

/// A whole number from `min` to `max`. A number with nothing after the point counts (all
/// JavaScript numbers are floating point).
fn boolean(style: OptionStyle, option: &str, v: &Value) -> Result<bool, OptionsError> {
    let words = match style.naming {
        Naming::SnakeCase => "must be True or False",
        Naming::CamelCase => "must be true or false",
    };
    v.as_bool()
        .ok_or_else(|| OptionsError::wrong_type(option, words))
}

fn whole(option: &str, v: &Value, min: u64, max: u64) -> Result<u64, OptionsError> {
    let range = || {
        if max == u64::MAX {
            format!("must be a whole number, {min} or more")
        } else {
            format!("must be a whole number from {min} to {max}")
        }
    };
    let Value::Number(n) = v else {
        return Err(OptionsError::wrong_type(option, range()));
    };
    let n = if let Some(u) = n.as_u64() {
        u
    } else if n.as_i64().is_some() {
        return Err(OptionsError::invalid(option, range()));
    } else {
        match n.as_f64() {
            Some(f) if f.is_finite() && f.fract() == 0.0 && f >= 0.0 && f <= u64::MAX as f64 => {
                f as u64
            }
            // A whole number, but negative or beyond any range.
            Some(f) if f.is_finite() && f.fract() == 0.0 => {
                return Err(OptionsError::invalid(option, range()))
            }
            _ => return Err(OptionsError::wrong_type(option, range())),
        }
    };
    if n < min || n > max {
        return Err(OptionsError::invalid(option, range()));
    }
    Ok(n)
}

fn duration(style: OptionStyle, option: &str, v: &Value) -> Result<Duration, OptionsError> {
    let f = v.as_f64().ok_or_else(|| {
        OptionsError::wrong_type(
            option,
            format!("must be a number of {}, 0 or more", style.unit_words()),
        )
    })?;
    style.duration(option, f)
}

/// The start options: which, their words, and whether each is a duration.
#[derive(Clone, Copy)]
enum Start {
    Port,
    ApiKey,
    ClientId,
    ClientSecret,
    TokenTtl,
    SignerTokenTtl,
    RetryDeliveries,
}

const START: [(Start, &[&str], bool); 7] = [
    (Start::Port, &["port"], false),
    (Start::ApiKey, &["api", "key"], false),
    (Start::ClientId, &["client", "id"], false),
    (Start::ClientSecret, &["client", "secret"], false),
    (Start::TokenTtl, &["token", "ttl"], true),
    (Start::SignerTokenTtl, &["signer", "token", "ttl"], true),
    (Start::RetryDeliveries, &["retry", "deliveries"], false),
];

impl EmulatorOptions {
    /// Options from a binding: a JSON object of option names in `style` (null for none).
    ///
    /// Python: `port`, `api_key`, `client_id`, `client_secret`, `token_ttl` and
    /// `signer_token_ttl` (seconds). Node: `port`, `apiKey`, `clientId`, `clientSecret`,
    /// `tokenTtlMs` and `signerTokenTtlMs`. A null value is the same as leaving it out.
    pub fn from_json(options: &Value, style: OptionStyle) -> Result<Self, OptionsError> {
        let names: Vec<String> = START.iter().map(|(_, w, d)| style.name(w, *d)).collect();
        let mut opts = EmulatorOptions::default();
        for (i, v) in present(options, "the options", "option", &names)? {
            let name = names[i].as_str();
            match START[i].0 {
                Start::Port => opts.port = whole(name, v, 0, u16::MAX.into())? as u16,
                Start::ApiKey => opts.api_key = Some(string(name, v)?),
                Start::ClientId => opts.client_id = Some(string(name, v)?),
                Start::ClientSecret => opts.client_secret = Some(string(name, v)?),
                Start::TokenTtl => opts.token_ttl = Some(duration(style, name, v)?),
                Start::SignerTokenTtl => opts.signer_token_ttl = Some(duration(style, name, v)?),
                Start::RetryDeliveries => opts.retry_deliveries = boolean(style, name, v)?,
            }
        }
        Ok(opts)
    }
}

/// The fault options: which, their words, and whether each is a duration.
#[derive(Clone, Copy)]
enum FaultOption {
    Count,
    Path,
    Method,
    Delay,
    Status,
    RetryAfter,
    Body,
    Action,
}

const FAULT: [(FaultOption, &[&str], bool); 8] = [
    (FaultOption::Count, &["count"], false),
    (FaultOption::Path, &["path"], false),
    (FaultOption::Method, &["method"], false),
    (FaultOption::Delay, &["delay"], true),
    (FaultOption::Status, &["status"], false),
    // Seconds in every binding: it is the header's value.
    (FaultOption::RetryAfter, &["retry", "after"], false),
    (FaultOption::Body, &["body"], false),
    (FaultOption::Action, &["action"], false),
];

impl Fault {
    /// A fault from a binding: a JSON object of option names in `style`.
    ///
    /// Python: `count`, `path`, `method`, `delay` (seconds), `status`, `retry_after`
    /// (seconds, as the header), `body` and `action` (`"drop"` or `"drop_after"`). Node:
    /// `count`, `path`, `method`, `delayMs`, `status`, `retryAfter`, `body` and `action`
    /// (`"drop"` or `"dropAfter"`). Either spelling of `action` is taken from both.
    pub fn from_json(fault: &Value, style: OptionStyle) -> Result<Self, OptionsError> {
        let names: Vec<String> = FAULT.iter().map(|(_, w, d)| style.name(w, *d)).collect();
        let mut f = Fault::default();
        for (i, v) in present(fault, "a fault", "fault option", &names)? {
            let name = names[i].as_str();
            match FAULT[i].0 {
                FaultOption::Count => f.count = Some(whole(name, v, 0, u32::MAX.into())? as u32),
                FaultOption::Path => f.path = Some(string(name, v)?),
                FaultOption::Method => f.method = Some(string(name, v)?),
                FaultOption::Delay => {
                    let d = duration(style, name, v)?;
                    f.delay_ms = Some(u64::try_from(d.as_millis()).unwrap_or(u64::MAX));
                }
                FaultOption::Status => f.status = Some(whole(name, v, 100, 999)? as u16),
                FaultOption::RetryAfter => f.retry_after = Some(whole(name, v, 0, u64::MAX)?),
                FaultOption::Body => f.body = Some(body(name, v)?),
                FaultOption::Action => f.action = Some(action(style, name, v)?),
            }
        }
        Ok(f)
    }
}

fn body(option: &str, v: &Value) -> Result<FaultBody, OptionsError> {
    const MUST: &str = r#"must be one of "json", "html", "empty", "truncated", "huge""#;
    let s = v
        .as_str()
        .ok_or_else(|| OptionsError::wrong_type(option, MUST))?;
    Ok(match s {
        "json" => FaultBody::Json,
        "html" => FaultBody::Html,
        "empty" => FaultBody::Empty,
        "truncated" => FaultBody::Truncated,
        "huge" => FaultBody::Huge,
        _ => return Err(OptionsError::invalid(option, format!("{MUST}, not {s:?}"))),
    })
}

fn action(style: OptionStyle, option: &str, v: &Value) -> Result<FaultAction, OptionsError> {
    let must = format!(
        r#"must be "drop", "{}" or "cut""#,
        style.name(&["drop", "after"], false)
    );
    let s = v
        .as_str()
        .ok_or_else(|| OptionsError::wrong_type(option, &must))?;
    Ok(match s {
        "drop" => FaultAction::Drop,
        "dropAfter" | "drop_after" => FaultAction::DropAfter,
        "cut" => FaultAction::Cut,
        _ => return Err(OptionsError::invalid(option, format!("{must}, not {s:?}"))),
    })
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;
    use serde_json::json;

    #[test]
    fn python_and_node_spell_the_same_options_their_own_way() {
        let py = EmulatorOptions::from_json(
            &json!({"port": 0, "api_key": "k", "token_ttl": 1.5, "signer_token_ttl": null}),
            OptionStyle::PYTHON,
        )
        .unwrap();
        assert_eq!(py.api_key.as_deref(), Some("k"));
        assert_eq!(py.token_ttl, Some(Duration::from_millis(1500)));
        assert_eq!(py.signer_token_ttl, None);
        let node = EmulatorOptions::from_json(
            &json!({"apiKey": "k", "clientId": "i", "clientSecret": "s", "tokenTtlMs": 1500}),
            OptionStyle::NODE,
        )
        .unwrap();
        assert_eq!(node.token_ttl, Some(Duration::from_millis(1500)));
        assert_eq!(node.client_secret.as_deref(), Some("s"));
    }

    #[test]
    fn unknown_names_and_wrong_types_are_named_in_the_bindings_words() {
        let e = EmulatorOptions::from_json(&json!({"tokenTtl": 5}), OptionStyle::NODE).unwrap_err();
        assert_eq!(e.kind(), OptionsErrorKind::Unknown);
        assert_eq!(
            e.to_string(),
            "unknown option 'tokenTtl': the options are port, apiKey, clientId, clientSecret, \
             tokenTtlMs, signerTokenTtlMs, retryDeliveries"
        );
        let e =
            EmulatorOptions::from_json(&json!({"tokenTtlMs": 5}), OptionStyle::PYTHON).unwrap_err();
        assert!(e.to_string().contains("token_ttl, signer_token_ttl"), "{e}");
        let e = EmulatorOptions::from_json(&json!({"port": "80"}), OptionStyle::NODE).unwrap_err();
        assert_eq!(e.kind(), OptionsErrorKind::WrongType);
        assert_eq!(
            e.to_string(),
            "'port' must be a whole number from 0 to 65535"
        );
        let e = EmulatorOptions::from_json(&json!({"port": 70000}), OptionStyle::NODE).unwrap_err();
        assert_eq!(e.kind(), OptionsErrorKind::InvalidValue);
        let e =
            EmulatorOptions::from_json(&json!({"token_ttl": -1}), OptionStyle::PYTHON).unwrap_err();
        assert_eq!(e.kind(), OptionsErrorKind::InvalidValue);
        assert_eq!(
            e.to_string(),
            "'token_ttl' must be a number of seconds, 0 or more"
        );
        assert_eq!(e.option(), Some("token_ttl"));
        let e = EmulatorOptions::from_json(&json!({"apiKey": 5}), OptionStyle::NODE).unwrap_err();
        assert_eq!(e.to_string(), "'apiKey' must be a string");
        let e = EmulatorOptions::from_json(&json!(5), OptionStyle::NODE).unwrap_err();
        assert_eq!(e.to_string(), "the options must be an object, not a number");
    }

    #[test]
    fn faults_from_either_binding() {
        let py = Fault::from_json(
            &json!({"method": "GET", "delay": 0.25, "retry_after": 2, "status": 503, "body": "html", "action": "drop_after"}),
            OptionStyle::PYTHON,
        )
        .unwrap();
        let want = Fault {
            method: Some("GET".into()),
            delay_ms: Some(250),
            retry_after: Some(2),
            status: Some(503),
            body: Some(FaultBody::Html),
            action: Some(FaultAction::DropAfter),
            ..Fault::default()
        };
        assert_eq!(py, want);
        let node = Fault::from_json(
            &json!({"method": "GET", "delayMs": 250, "retryAfter": 2, "status": 503, "body": "html", "action": "dropAfter"}),
            OptionStyle::NODE,
        )
        .unwrap();
        assert_eq!(node, want);
        let e = Fault::from_json(&json!({"body": "sideways"}), OptionStyle::NODE).unwrap_err();
        assert_eq!(e.kind(), OptionsErrorKind::InvalidValue);
        assert!(e.to_string().starts_with("'body' must be one of"), "{e}");
        let e = Fault::from_json(&json!({"delay": 1}), OptionStyle::NODE).unwrap_err();
        assert!(
            e.to_string().starts_with("unknown fault option 'delay'"),
            "{e}"
        );
        let e = Fault::from_json(&json!({"count": 1.5}), OptionStyle::NODE).unwrap_err();
        assert_eq!(e.kind(), OptionsErrorKind::WrongType);
        let e = Fault::from_json(&json!({"action": "explode"}), OptionStyle::PYTHON).unwrap_err();
        assert!(
            e.to_string().contains(r#""drop", "drop_after" or "cut""#),
            "{e}"
        );
    }

    #[test]
    fn durations_in_the_bindings_unit() {
        assert_eq!(
            OptionStyle::NODE.duration("ttlMs", 250.0).unwrap(),
            Duration::from_millis(250)
        );
        assert_eq!(
            OptionStyle::PYTHON.duration("seconds", 0.25).unwrap(),
            Duration::from_millis(250)
        );
        let e = OptionStyle::NODE.duration("ttlMs", -1.0).unwrap_err();
        assert_eq!(
            e.to_string(),
            "'ttlMs' must be a number of milliseconds, 0 or more"
        );
    }
}
