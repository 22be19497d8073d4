//! Runs every shared webhook vector in `tests/vectors/webhooks/` (see tests/vectors/README.md).
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use onespan_sign::webhook::{self, Event, EventName};
use onespan_sign::ErrorKind;
use serde_json::{Map, Value};
use std::path::{Path, PathBuf};

fn vectors_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/vectors/webhooks")
}

fn vectors() -> Vec<(String, Map<String, Value>)> {
    let mut out = Vec::new();
    for entry in std::fs::read_dir(vectors_dir()).expect("vectors folder") {
        let path = entry.unwrap().path();
        if path.extension().and_then(|e| e.to_str()) != Some("json") {
            continue;
        }
        let text = std::fs::read_to_string(&path).unwrap();
        let v: Value = serde_json::from_str(&text).unwrap_or_else(|e| panic!("{path:?}: {e}"));
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        out.push((name, v.as_object().expect("a vector is an object").clone()));
    }
    out.sort_by(|a, b| a.0.cmp(&b.0));
    out
}

fn str_field<'a>(v: &'a Map<String, Value>, k: &str) -> &'a str {
    v.get(k)
        .and_then(Value::as_str)
        .unwrap_or_else(|| panic!("missing string {k}"))
}

fn body(v: &Map<String, Value>) -> Vec<u8> {
    let forms = ["body", "body_base64", "body_repeat"]
        .iter()
        .filter(|k| v.contains_key(**k))
        .count();
    assert_eq!(forms, 1, "exactly one of body, body_base64, body_repeat");
    if let Some(b) = v.get("body") {
        return b.as_str().expect("body is a string").as_bytes().to_vec();
    }
    if let Some(b) = v.get("body_base64") {
        return base64_decode(b.as_str().expect("body_base64 is a string"));
    }
    let r = v["body_repeat"]
        .as_object()
        .expect("body_repeat is an object");
    let count = r["count"].as_u64().expect("count") as usize;
    let mut out = str_field(r, "prefix").as_bytes().to_vec();
    out.extend(str_field(r, "unit").repeat(count).as_bytes());
    out.extend(str_field(r, "suffix").as_bytes());
    out
}

/// Standard base64 (with padding); enough for the vectors, without a dependency for it.
fn base64_decode(s: &str) -> Vec<u8> {
    const ALPHABET: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = Vec::new();
    let (mut acc, mut bits) = (0u32, 0u32);
    for c in s.bytes().filter(|&c| c != b'=') {
        let d = ALPHABET.iter().position(|&a| a == c).expect("base64 digit") as u32;
        acc = (acc << 6) | d;
        bits += 6;
        if bits >= 8 {
            bits -= 8;
            out.push((acc >> bits) as u8);
            acc &= (1 << bits) - 1;
        }
    }
    out
}

/// The harness's job, as an HTTP server's: find the header whatever its letter case.
fn authorization(v: &Map<String, Value>) -> Option<String> {
    let headers = v["headers"].as_object().expect("headers is an object");
    let found: Vec<_> = headers
        .iter()
        .filter(|(k, _)| k.eq_ignore_ascii_case("authorization"))
        .collect();
    assert!(found.len() <= 1, "one Authorization header at most");
    found
        .first()
        .map(|(_, v)| v.as_str().expect("header value is a string").to_string())
}

fn opt(e: &Option<String>) -> Value {
    e.as_ref().map_or(Value::Null, |s| Value::String(s.clone()))
}

fn check(name: &str, v: &Map<String, Value>) -> Result<(), String> {
    let body = body(v);
    let key = str_field(v, "key");
    let result = match str_field(v, "mode") {
        "verify" => webhook::verify(&body, authorization(v).as_deref(), key),
        "parse" => webhook::parse(&body),
        other => return Err(format!("unknown mode {other}")),
    };
    // The view reads the same bodies: the same event, or the same error and message.
    let options = webhook::Options::default();
    let view = match str_field(v, "mode") {
        "verify" => webhook::verify_view(&body, authorization(v).as_deref(), key, &options),
        _ => webhook::parse_view(&body, &options),
    };
    match (&result, &view) {
        (Ok(event), Ok(view)) if view.to_event() == *event && view.text().as_bytes() == body => {}
        (Err(a), Err(b)) if a.kind() == b.kind() && a.to_string() == b.to_string() => {}
        _ => return Err(format!("the view disagrees: {view:?} against {result:?}")),
    }
    let expect = v["expect"].as_object().expect("expect is an object");
    match (result, expect.get("error").and_then(Value::as_str)) {
        (Ok(event), None) => check_event(&event, expect, &body),
        (Ok(event), Some(class)) => Err(format!("expected {class}, got {:?}", event.name)),
        (Err(e), None) => Err(format!("expected an event, got {e}")),
        (Err(e), Some(class)) => {
            let want = match class {
                "WebhookVerificationError" => ErrorKind::WebhookVerification,
                "WebhookParseError" => ErrorKind::WebhookParse,
                other => return Err(format!("unknown error class {other}")),
            };
            if e.kind() != want {
                return Err(format!("expected {class}, got {:?}: {e}", e.kind()));
            }
            if e.kind().class_name() != class {
                return Err(format!("{:?} is named {}", e.kind(), e.kind().class_name()));
            }
            for text in [e.to_string(), format!("{e:?}")] {
                if key.len() >= 6 && text.contains(key) {
                    return Err(format!("{name}: the error shows the key: {text}"));
                }
            }
            Ok(())
        }
    }
}

fn check_event(event: &Event, expect: &Map<String, Value>, body: &[u8]) -> Result<(), String> {
    if expect.get("ok") != Some(&Value::Bool(true)) {
        return Err("expect has neither ok: true nor error".into());
    }
    let want = expect["event"]
        .as_object()
        .expect("expect.event is an object");
    let got = [
        ("name", Value::String(event.name.as_str().to_string())),
        ("package_id", opt(&event.package_id)),
        ("document_id", opt(&event.document_id)),
        ("session_user", opt(&event.session_user)),
        ("message", opt(&event.message)),
        ("created_date", opt(&event.created_date)),
    ];
    for (field, value) in &got {
        let expected = want
            .get(*field)
            .ok_or_else(|| format!("expect.event lacks {field}"))?;
        if value != expected {
            return Err(format!("{field}: expected {expected}, got {value}"));
        }
    }
    let parsed: Value = serde_json::from_slice(body).map_err(|e| e.to_string())?;
    if parsed.as_object() != Some(&event.raw) {
        return Err("raw is not the whole payload as sent".into());
    }
    Ok(())
}

#[test]
fn every_webhook_vector_passes() {
    let all = vectors();
    assert!(
        all.len() >= 50,
        "expected the full vector set, found {}",
        all.len()
    );
    let failures: Vec<String> = all
        .iter()
        .filter_map(|(name, v)| {
            check(name, v)
                .err()
                .map(|e| format!("{name} ({}): {e}", str_field(v, "description")))
        })
        .collect();
    assert!(
        failures.is_empty(),
        "{} of {} vectors failed:\n{}",
        failures.len(),
        all.len(),
        failures.join("\n")
    );
}

#[test]
fn documented_event_vectors_use_known_names() {
    let mut seen = 0;
    for (name, v) in vectors().iter().filter(|(n, _)| n.starts_with("event-")) {
        let event_name = v["expect"]["event"]["name"].as_str().unwrap();
        assert!(
            !matches!(EventName::from(event_name), EventName::Other(_)),
            "{name}: {event_name} should be an EventName constant"
        );
        seen += 1;
    }
    assert_eq!(
        seen, 22,
        "one documented payload per event name of the spec"
    );
}

#[test]
fn unknown_name_vector_is_other() {
    let body = br#"{"name":"PACKAGE_SOMETHING_NEW"}"#;
    let e = webhook::parse(body).unwrap();
    assert_eq!(e.name, EventName::Other("PACKAGE_SOMETHING_NEW".into()));
}

#[test]
fn harness_base64_decoder_is_right() {
    assert_eq!(base64_decode("aGVsbG8="), b"hello");
    assert_eq!(base64_decode("/w=="), vec![0xff]);
}

/// The 21 names of the current SDK's `NotificationEvent` (11.68.0) are known; any other name
/// still parses, as itself.
#[test]
fn the_current_sdks_event_names_are_known_and_others_parse() {
    let names = [
        "PACKAGE_ACTIVATE",
        "PACKAGE_COMPLETE",
        "PACKAGE_EXPIRE",
        "PACKAGE_OPT_OUT",
        "PACKAGE_DECLINE",
        "SIGNER_COMPLETE",
        "DOCUMENT_SIGNED",
        "ROLE_REASSIGN",
        "PACKAGE_CREATE",
        "PACKAGE_DEACTIVATE",
        "PACKAGE_READY_FOR_COMPLETE",
        "PACKAGE_TRASH",
        "PACKAGE_RESTORE",
        "PACKAGE_DELETE",
        "KBA_FAILURE",
        "EMAIL_BOUNCE",
        "PACKAGE_ATTACHMENT",
        "SIGNER_LOCKED",
        "PACKAGE_ARCHIVE",
        "TEMPLATE_CREATE",
        "DOCUMENT_VIEWED",
    ];
    for name in names {
        let parsed = onespan_sign::models::EventName::from(name);
        assert!(
            !matches!(parsed, onespan_sign::models::EventName::Other(_)),
            "{name}"
        );
        assert_eq!(parsed.as_str(), name);
    }
    let future = onespan_sign::models::EventName::from("RECORDINGS_READY");
    assert_eq!(
        future,
        onespan_sign::models::EventName::Other("RECORDINGS_READY".into())
    );
    let body = br#"{"name":"DOCUMENT_VIEWED","packageId":"p","sessionUser":"s","documentId":"d"}"#;
    let event = onespan_sign::webhook::parse(body).unwrap();
    assert_eq!(event.name, onespan_sign::models::EventName::DocumentViewed);
}
