//! Verifying and parsing OneSpan Sign event notifications (webhooks).
//!
//! OneSpan POSTs a JSON event to the callback URL and, when a callback key is registered,
//! passes that key in the `Authorization` header. There is no signature over the body and
//! no timestamp: the key is a shared secret, so replay protection is the receiver's job.
//!
//! ```
//! use onespan_sign::webhook;
//! let body = br#"{"name":"PACKAGE_COMPLETE","packageId":"p1","sessionUser":"u1"}"#;
//! let event = webhook::verify(body, Some("Basic my-callback-key"), "my-callback-key")?;
//! assert_eq!(event.name, webhook::EventName::PackageComplete);
//! # Ok::<(), onespan_sign::Error>(())
//! ```
//!
//! Frameworks differ in how they spell header names; finding the `Authorization` header
//! (case-insensitively) is the caller's job, and its value is what these functions take.

use crate::error::{Error, Result};
use secrecy::{ExposeSecret, SecretString};
use serde_json::{Map, Value};
use std::fmt;
use subtle::{Choice, ConstantTimeEq};

pub use crate::models::{Event, EventName};
pub use view::EventView;

mod view;

/// The default body size cap: 1 MiB. OneSpan's events are a few hundred bytes; the cap
/// only keeps a hostile sender from making the receiver parse something huge.
pub const DEFAULT_MAX_BODY_BYTES: usize = 1024 * 1024;

/// Limits applied by [`verify_with`] and [`parse_with`].
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct Options {
    /// Bodies longer than this many bytes are refused, before any parsing, with
    /// [`Error::WebhookParse`]. Default [`DEFAULT_MAX_BODY_BYTES`].
    pub max_body_bytes: usize,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            max_body_bytes: DEFAULT_MAX_BODY_BYTES,
        }
    }
}

impl Options {
    /// Sets the body size cap, in bytes.
    pub fn max_body_bytes(mut self, bytes: usize) -> Self {
        self.max_body_bytes = bytes;
        self
    }
}

/// Checks that `authorization` (the request's Authorization header value, `None` when
/// absent) carries `key`, then parses `body` into an [`Event`], with the default [`Options`].
///
/// A missing header, an empty `key` or a mismatch is [`Error::WebhookVerification`]; a body
/// that is not a OneSpan event is [`Error::WebhookParse`]. The key is checked first, so an
/// unauthenticated sender learns nothing about how its body would have been read.
pub fn verify(body: &[u8], authorization: Option<&str>, key: &str) -> Result<Event> {
    verify_with(body, authorization, key, &Options::default())
}

/// [`verify`] with explicit [`Options`].
pub fn verify_with(
    body: &[u8],
    authorization: Option<&str>,
    key: &str,
    options: &Options,
) -> Result<Event> {
    check_authorization(authorization, key)?;
    parse_with(body, options)
}

/// Parses `body` into an [`Event`] without checking any key, with the default [`Options`]:
/// for callbacks registered without a key, or a body verified by other means.
///
/// The body must be UTF-8 JSON holding an object with a non-empty string `name`; anything
/// else is [`Error::WebhookParse`]. Unknown event names and unknown fields are kept.
pub fn parse(body: &[u8]) -> Result<Event> {
    parse_with(body, &Options::default())
}

/// [`parse`] with explicit [`Options`].
pub fn parse_with(body: &[u8], options: &Options) -> Result<Event> {
    let text = checked_text(body, options)?;
    // serde_json's messages give a position and the kind of syntax error, never the input.
    let map = match parse_map(text).map_err(not_json)? {
        Ok(map) => map,
        Err(other) => {
            return Err(parse_error(format!(
                "the body is a JSON {}, not an object",
                json_type(&other)
            )))
        }
    };
    Event::from_payload(map).map_err(parse_error)
}

/// [`verify_with`], giving an [`EventView`]: the same checks and the same errors, but only
/// the typed fields are read from the body, borrowed from it where they can be; `raw` is
/// parsed when [`EventView::raw`] is called. For receivers that mostly read the name and the
/// IDs, and for the language bindings.
pub fn verify_view<'a>(
    body: &'a [u8],
    authorization: Option<&str>,
    key: &str,
    options: &Options,
) -> Result<EventView<'a>> {
    check_authorization(authorization, key)?;
    parse_view(body, options)
}

/// [`parse_with`], giving an [`EventView`] (see [`verify_view`]).
pub fn parse_view<'a>(body: &'a [u8], options: &Options) -> Result<EventView<'a>> {
    view::walk(checked_text(body, options)?)
}

/// The body as text, once it is within the size cap, not empty, and UTF-8.
fn checked_text<'a>(body: &'a [u8], options: &Options) -> Result<&'a str> {
    if body.len() > options.max_body_bytes {
        return Err(parse_error(format!(
            "the body is {} bytes, over the {}-byte limit",
            body.len(),
            options.max_body_bytes
        )));
    }
    if body.is_empty() {
        return Err(parse_error("the body is empty"));
    }
    // Checked up front for a clearer message than serde's, which names only the position.
    std::str::from_utf8(body).map_err(|e| {
        parse_error(format!(
            "the body is not UTF-8 (invalid byte at offset {})",
            e.valid_up_to()
        ))
    })
}

fn not_json(e: serde_json::Error) -> Error {
    parse_error(format!("the body is not JSON: {e}"))
}

/// Reads a JSON document: the top-level object straight into a map sized for an event (no
/// regrowth); anything else as a `Value`, only to name its type.
fn parse_map(text: &str) -> serde_json::Result<std::result::Result<Map<String, Value>, Value>> {
    let mut de = serde_json::Deserializer::from_str(text);
    let top = serde::de::DeserializeSeed::deserialize(TopLevel, &mut de)?;
    de.end()?;
    Ok(top)
}

/// [`parse_map`]'s reader.
struct TopLevel;

/// OneSpan's events carry 7 to 10 fields.
const EVENT_FIELDS: usize = 12;

impl<'de> serde::de::DeserializeSeed<'de> for TopLevel {
    type Value = std::result::Result<Map<String, Value>, Value>;

    fn deserialize<D: serde::Deserializer<'de>>(
        self,
        d: D,
    ) -> std::result::Result<Self::Value, D::Error> {
        d.deserialize_any(self)
    }
}

impl<'de> serde::de::Visitor<'de> for TopLevel {
    type Value = std::result::Result<Map<String, Value>, Value>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a JSON value")
    }

    fn visit_map<A: serde::de::MapAccess<'de>>(
        self,
        mut access: A,
    ) -> std::result::Result<Self::Value, A::Error> {
        let mut map = Map::with_capacity(access.size_hint().unwrap_or(0).max(EVENT_FIELDS));
        while let Some((k, v)) = access.next_entry::<String, Value>()? {
            map.insert(k, v);
        }
        Ok(Ok(map))
    }

    // Not an object: keep the value only to report its type.
    fn visit_seq<A: serde::de::SeqAccess<'de>>(
        self,
        seq: A,
    ) -> std::result::Result<Self::Value, A::Error> {
        let v: Value =
            serde::Deserialize::deserialize(serde::de::value::SeqAccessDeserializer::new(seq))?;
        Ok(Err(v))
    }
    fn visit_bool<E>(self, b: bool) -> std::result::Result<Self::Value, E> {
        Ok(Err(Value::Bool(b)))
    }
    fn visit_i64<E>(self, n: i64) -> std::result::Result<Self::Value, E> {
        Ok(Err(Value::from(n)))
    }
    fn visit_u64<E>(self, n: u64) -> std::result::Result<Self::Value, E> {
        Ok(Err(Value::from(n)))
    }
    fn visit_f64<E>(self, n: f64) -> std::result::Result<Self::Value, E> {
        Ok(Err(Value::from(n)))
    }
    fn visit_str<E>(self, s: &str) -> std::result::Result<Self::Value, E> {
        Ok(Err(Value::from(s)))
    }
    fn visit_unit<E>(self) -> std::result::Result<Self::Value, E> {
        Ok(Err(Value::Null))
    }
}

/// A callback key with its options, for receivers that configure once and verify often.
/// Its `Debug` output never shows the key.
#[derive(Clone)]
pub struct Verifier {
    key: SecretString,
    options: Options,
}

impl Verifier {
    /// A verifier for `key`, with the default [`Options`].
    pub fn new(key: impl Into<String>) -> Self {
        Verifier {
            key: SecretString::from(key.into()),
            options: Options::default(),
        }
    }

    /// Replaces the options.
    pub fn options(mut self, options: Options) -> Self {
        self.options = options;
        self
    }

    /// [`verify_with`] with this verifier's key and options.
    pub fn verify(&self, body: &[u8], authorization: Option<&str>) -> Result<Event> {
        verify_with(body, authorization, self.key.expose_secret(), &self.options)
    }
}

impl fmt::Debug for Verifier {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Verifier")
            .field("key", &"[REDACTED]")
            .field("options", &self.options)
            .finish()
    }
}

/// Whether the Authorization header value carries `key`.
///
/// The spec says the key arrives as `Basic {callbackKey}`, and marks that exact prefix as
/// unconfirmed (docs/fidelity.md cites one third-party capture of a white-label delivery
/// with that form; OneSpan's own documentation only says "through the Authorization
/// header"). So exactly two forms are accepted, once surrounding spaces and tabs are trimmed:
/// - `Basic <key>`: the scheme in any letter case, then one or more spaces or tabs;
/// - the bare key, in case OneSpan sends it without a scheme.
///
/// Nothing else: no other scheme, no base64 decoding of the key, no trimming inside the key.
/// Error messages name what was wrong, never the key or the header value.
fn check_authorization(authorization: Option<&str>, key: &str) -> Result<()> {
    if key.is_empty() {
        return Err(verification_error(
            "no callback key is configured (the key is empty)",
        ));
    }
    let header = authorization
        .ok_or_else(|| verification_error("the request has no Authorization header"))?;
    let header = header.trim_matches(is_http_space);
    if header.is_empty() {
        return Err(verification_error("the Authorization header is empty"));
    }
    let key = key.as_bytes();
    // Both candidates are always compared, so timing does not tell which form was tried.
    // `ct_eq` on slices of different lengths answers at once: only the key's length can
    // leak, which is not the secret.
    let mut matched: Choice = header.as_bytes().ct_eq(key);
    if let Some(rest) = after_basic_scheme(header) {
        matched |= rest.as_bytes().ct_eq(key);
    }
    if bool::from(matched) {
        Ok(())
    } else {
        Err(verification_error(
            "the Authorization header does not carry the callback key",
        ))
    }
}

/// What follows `Basic` and its separating whitespace, if the header starts with that scheme.
fn after_basic_scheme(header: &str) -> Option<&str> {
    let scheme = header.get(..5)?;
    let rest = header.get(5..)?;
    if scheme.eq_ignore_ascii_case("basic") && rest.starts_with(is_http_space) {
        Some(rest.trim_start_matches(is_http_space))
    } else {
        None
    }
}

/// HTTP's optional whitespace: space and horizontal tab.
fn is_http_space(c: char) -> bool {
    c == ' ' || c == '\t'
}

fn json_type(v: &Value) -> &'static str {
    match v {
        Value::Null => "null",
        Value::Bool(_) => "boolean",
        Value::Number(_) => "number",
        Value::String(_) => "string",
        Value::Array(_) => "array",
        Value::Object(_) => "object",
    }
}

fn verification_error(msg: &str) -> Error {
    Error::WebhookVerification(msg.to_string())
}

fn parse_error(msg: impl Into<String>) -> Error {
    Error::WebhookParse(msg.into())
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used)]
mod tests {
    use super::*;
    use crate::ErrorKind;

    const KEY: &str = "cb-key-5f2a9c1e";
    const BODY: &[u8] = br#"{"@class":"com.silanis.esl.packages.event.ESLProcessEvent","name":"PACKAGE_COMPLETE","sessionUser":"u1","packageId":"p1","message":null,"documentId":null,"createdDate":"2017-05-02T20:17:58.408Z"}"#;

    fn kind(r: Result<Event>) -> ErrorKind {
        r.expect_err("should fail").kind()
    }

    #[test]
    fn documented_payload_is_read() {
        let e = verify(BODY, Some(&format!("Basic {KEY}")), KEY).unwrap();
        assert_eq!(e.name, EventName::PackageComplete);
        assert_eq!(e.package_id.as_deref(), Some("p1"));
        assert_eq!(e.session_user.as_deref(), Some("u1"));
        assert_eq!(e.document_id, None);
        assert_eq!(e.message, None);
        assert_eq!(e.created_date.as_deref(), Some("2017-05-02T20:17:58.408Z"));
        assert_eq!(
            e.raw.get("@class").and_then(Value::as_str),
            Some("com.silanis.esl.packages.event.ESLProcessEvent")
        );
        assert_eq!(e.raw.len(), 7);
    }

    #[test]
    fn accepted_header_forms() {
        for h in [
            format!("Basic {KEY}"),
            format!("basic {KEY}"),
            format!("BASIC {KEY}"),
            format!(" \tBasic \t {KEY} \t"),
            KEY.to_string(),
            format!("  {KEY}  "),
        ] {
            assert!(
                verify(BODY, Some(&h), KEY).is_ok(),
                "{h:?} should be accepted"
            );
        }
    }

    #[test]
    fn refused_header_forms() {
        let last_byte_differs = format!("Basic {}f", &KEY[..KEY.len() - 1]);
        for h in [
            String::new(),
            "   ".to_string(),
            "Basic".to_string(),
            "Basic ".to_string(),
            format!("Bearer {KEY}"),
            format!("Basic{KEY}"),
            format!("Basic {KEY}x"),
            format!("Basic {}", &KEY[1..]),
            format!("Basic Basic {KEY}"),
            format!("Basic {}", KEY.to_uppercase()),
            last_byte_differs,
        ] {
            let err = verify(BODY, Some(&h), KEY).expect_err(&h);
            assert_eq!(err.kind(), ErrorKind::WebhookVerification, "{h:?}");
        }
    }

    #[test]
    fn missing_header_and_empty_key_are_refused() {
        assert_eq!(
            kind(verify(BODY, None, KEY)),
            ErrorKind::WebhookVerification
        );
        assert_eq!(
            kind(verify(BODY, Some("Basic "), "")),
            ErrorKind::WebhookVerification
        );
        assert_eq!(
            kind(verify(BODY, Some(""), "")),
            ErrorKind::WebhookVerification
        );
    }

    #[test]
    fn messages_never_show_the_key_or_header() {
        let cases = [
            verify(BODY, Some("Basic wrong-key-zz9"), KEY),
            verify(BODY, Some("wrong-key-zz9"), KEY),
            verify(BODY, None, KEY),
        ];
        for r in cases {
            let err = r.unwrap_err();
            for text in [err.to_string(), format!("{err:?}")] {
                assert!(
                    !text.contains(KEY) && !text.contains("wrong-key-zz9"),
                    "{text}"
                );
            }
        }
    }

    #[test]
    fn key_is_checked_before_the_body() {
        let huge = vec![b' '; DEFAULT_MAX_BODY_BYTES + 1];
        assert_eq!(
            kind(verify(&huge, Some("Basic nope"), KEY)),
            ErrorKind::WebhookVerification
        );
        assert_eq!(
            kind(verify(b"not json", None, KEY)),
            ErrorKind::WebhookVerification
        );
    }

    #[test]
    fn body_cap_is_applied_before_parsing() {
        let opts = Options::default().max_body_bytes(BODY.len());
        assert!(
            parse_with(BODY, &opts).is_ok(),
            "a body exactly at the cap is accepted"
        );
        let opts = Options::default().max_body_bytes(BODY.len() - 1);
        let err = parse_with(BODY, &opts).unwrap_err();
        assert_eq!(err.kind(), ErrorKind::WebhookParse);
        assert!(err.to_string().contains("limit"), "{err}");
        // Over the cap and not JSON: the size is what is reported, so nothing was parsed.
        let err = parse_with(b"{{{{{", &Options::default().max_body_bytes(2)).unwrap_err();
        assert!(err.to_string().contains("limit"), "{err}");
    }

    #[test]
    fn bodies_that_are_not_events() {
        for body in [
            &b""[..],
            b"   ",
            b"hello",
            b"[]",
            br#"["PACKAGE_COMPLETE"]"#,
            b"null",
            br#""PACKAGE_COMPLETE""#,
            br#"{"packageId":"p1"}"#,
            br#"{"name":42}"#,
            br#"{"name":null}"#,
            br#"{"name":""}"#,
            br#"{"name":"PACKAGE_COMPLETE""#,
            b"{\"name\":\"PACKAGE_COMPLETE\",\"message\":\"\xff\"}",
        ] {
            let err = parse(body).expect_err(&String::from_utf8_lossy(body));
            assert_eq!(err.kind(), ErrorKind::WebhookParse, "{body:?}");
        }
    }

    #[test]
    fn unknown_names_and_fields_are_kept() {
        let e = parse(br#"{"name":"SOMETHING_NEW","packageId":7,"extra":{"a":[1,2]}}"#).unwrap();
        assert_eq!(e.name, EventName::Other("SOMETHING_NEW".into()));
        assert_eq!(e.name.as_str(), "SOMETHING_NEW");
        assert_eq!(e.package_id, None, "a non-string packageId is not typed");
        assert_eq!(e.raw.get("packageId"), Some(&Value::from(7)));
        assert_eq!(e.raw.get("extra"), Some(&serde_json::json!({"a": [1, 2]})));
    }

    #[test]
    fn every_listed_name_is_known() {
        let names = [
            "PACKAGE_CREATE",
            "PACKAGE_ACTIVATE",
            "PACKAGE_DEACTIVATE",
            "PACKAGE_READY_FOR_COMPLETE",
            "PACKAGE_COMPLETE",
            "PACKAGE_ARCHIVE",
            "PACKAGE_TRASH",
            "PACKAGE_RESTORE",
            "PACKAGE_DELETE",
            "PACKAGE_DECLINE",
            "PACKAGE_EXPIRE",
            "PACKAGE_OPT_OUT",
            "PACKAGE_ATTACHMENT",
            "DOCUMENT_SIGNED",
            "SIGNER_COMPLETE",
            "ROLE_REASSIGN",
            "SIGNER_LOCKED",
            "KBA_FAILURE",
            "EMAIL_BOUNCE",
            "COBROWSE_REQUEST",
            "TEMPLATE_CREATE",
            "DOCUMENT_VIEWED",
        ];
        for n in names {
            let name = EventName::from(n);
            assert!(
                !matches!(name, EventName::Other(_)),
                "{n} should be a known name"
            );
            assert_eq!(name.as_str(), n);
        }
    }

    #[test]
    fn verifier_hides_its_key() {
        let v = Verifier::new(KEY).options(Options::default().max_body_bytes(4096));
        let shown = format!("{v:?}");
        assert!(!shown.contains(KEY), "{shown}");
        assert!(shown.contains("4096"), "{shown}");
        assert_eq!(
            v.verify(BODY, Some(KEY)).unwrap().name,
            EventName::PackageComplete
        );
        assert_eq!(
            kind(v.verify(BODY, Some("Basic other"))),
            ErrorKind::WebhookVerification
        );
    }

    #[test]
    fn event_serializes_with_camel_case_names() {
        let e = parse(BODY).unwrap();
        let v = serde_json::to_value(&e).unwrap();
        assert_eq!(v["name"], "PACKAGE_COMPLETE");
        assert_eq!(v["packageId"], "p1");
        assert_eq!(v["documentId"], Value::Null);
        assert_eq!(
            v["raw"]["@class"],
            "com.silanis.esl.packages.event.ESLProcessEvent"
        );
    }
}
