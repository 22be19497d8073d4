//! `webhook::parse_view` accepts and refuses exactly what `webhook::parse` does, with the same
//! messages and the same typed fields, on bodies the shared vectors do not spell out: the
//! corners of JSON where a reader that skips values could differ from one that keeps them.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use onespan_sign::webhook::{self, Options};
use std::borrow::Cow;

fn same(body: &[u8]) {
    let shown = String::from_utf8_lossy(body);
    let event = webhook::parse(body);
    let view = webhook::parse_view(body, &Options::default());
    match (&event, &view) {
        (Ok(e), Ok(v)) => {
            assert_eq!(v.to_event(), *e, "{shown}");
            assert_eq!(v.raw(), e.raw, "{shown}");
        }
        (Err(a), Err(b)) => {
            assert_eq!(a.kind(), b.kind(), "{shown}");
            assert_eq!(a.to_string(), b.to_string(), "{shown}");
        }
        _ => panic!("{shown}: parse gave {event:?}, parse_view gave {view:?}"),
    }
}

#[test]
fn both_readers_agree() {
    let deep = |n: usize| {
        format!(
            r#"{{"name":"X","extra":{}1{}}}"#,
            "[".repeat(n),
            "]".repeat(n)
        )
    };
    let bodies: Vec<Vec<u8>> = [
        r#"{"name":"PACKAGE_COMPLETE","packageId":"p1"}"#.to_string(),
        // A later entry replaces an earlier one, also with another type.
        r#"{"name":"A","packageId":"p1","packageId":"p2"}"#.to_string(),
        r#"{"name":"A","packageId":"p1","packageId":7}"#.to_string(),
        r#"{"name":"","name":"B"}"#.to_string(),
        r#"{"name":"B","name":""}"#.to_string(),
        r#"{"name":"B","name":null}"#.to_string(),
        // Escapes, in typed fields and keys.
        r#"{"name":"A\u0042","pa\u0063kageId":"p\"1\\","message":"\ud83d\ude00 \n"}"#.to_string(),
        r#"{"name":"A","message":"\ud800"}"#.to_string(),
        r#"{"name":"A","x":{"\udc00":1}}"#.to_string(),
        r#"{"name":"A","message":"\x"}"#.to_string(),
        // Numbers a skipping scan would not look at.
        r#"{"name":"A","x":1e400}"#.to_string(),
        r#"{"name":"A","x":[-1e400]}"#.to_string(),
        r#"{"name":"A","x":{"y":18446744073709551616}}"#.to_string(),
        r#"{"name":"A","x":01}"#.to_string(),
        r#"{"name":"A","x":1.}"#.to_string(),
        r#"{"name":"A","x":NaN}"#.to_string(),
        // Nesting, at and past serde_json's limit.
        deep(126),
        deep(127),
        deep(200),
        // Typed fields that are not strings, and structure around them.
        r#"{"name":"A","packageId":{"id":"p"},"documentId":["d"],"sessionUser":true,"createdDate":1.5}"#.to_string(),
        r#"{"name":{"name":"A"}}"#.to_string(),
        r#"{"name":"A",}"#.to_string(),
        r#"{"name":"A"} x"#.to_string(),
        r#" {"name":"A"} "#.to_string(),
        r#"{"name":"A"}{"name":"B"}"#.to_string(),
        r#"[{"name":"A"}]"#.to_string(),
        "true".to_string(),
        "-0".to_string(),
        "\"s\"".to_string(),
        "null".to_string(),
        "{}".to_string(),
        "{".to_string(),
    ]
    .into_iter()
    .map(String::into_bytes)
    .chain([b"\xef\xbb\xbf{\"name\":\"A\"}".to_vec(), b"{\"name\":\"\xc3\"}".to_vec()])
    .collect();
    for body in &bodies {
        same(body);
    }
}

#[test]
fn typed_fields_are_borrowed_unless_escaped() {
    let body = br#"{"name":"DOCUMENT_SIGNED","packageId":"p1","documentId":"d\u00e9"}"#;
    let view = webhook::parse_view(body, &Options::default()).unwrap();
    assert!(matches!(view.package_id, Some(Cow::Borrowed("p1"))));
    assert!(matches!(&view.document_id, Some(Cow::Owned(s)) if s == "dé"));
    assert_eq!(view.text().as_bytes(), body);
    let owned = view.clone().into_owned();
    assert_eq!(owned, view);
}

#[test]
fn the_view_checks_the_key_first_and_applies_the_cap() {
    let body = br#"{"name":"A"}"#;
    let options = Options::default().max_body_bytes(body.len() - 1);
    let err = webhook::verify_view(body, Some("Basic nope"), "key", &options).unwrap_err();
    assert_eq!(err.kind(), onespan_sign::ErrorKind::WebhookVerification);
    let err = webhook::verify_view(body, Some("Basic key"), "key", &options).unwrap_err();
    assert!(err.to_string().contains("limit"), "{err}");
}
