//! verify(body, header, key) never panics; the right key never fails verification; a
//! header that is not one of the accepted forms of the key never passes.
#![no_main]

use libfuzzer_sys::fuzz_target;
use onespan_sign::{webhook, ErrorKind};

fuzz_target!(|data: &[u8]| {
    let Some((&n, rest)) = data.split_first() else { return };
    let n = (n as usize % 48).min(rest.len());
    let (key, body) = rest.split_at(n);
    let key = String::from_utf8_lossy(key).into_owned();
    let header = format!("Basic {key}");

    match webhook::verify(body, Some(&header), &key) {
        Ok(event) => assert_eq!(event.raw.get("name").and_then(|v| v.as_str()), Some(event.name.as_str())),
        // Surrounding spaces are trimmed from the header, so such a key can never match.
        Err(e) if key.is_empty() || key.trim_matches([' ', '\t']) != key => {
            assert_eq!(e.kind(), ErrorKind::WebhookVerification)
        }
        Err(e) => assert_eq!(e.kind(), ErrorKind::WebhookParse, "the right key was refused: {e}"),
    }

    // The body doubles as an arbitrary header: it passes only if it is the key's own form.
    let as_header = String::from_utf8_lossy(body);
    if webhook::verify(b"{\"name\":\"PACKAGE_CREATE\"}", Some(&as_header), &key).is_ok() {
        let h = as_header.trim_matches([' ', '\t']);
        let bare = h == key;
        let basic = h.get(..5).is_some_and(|s| s.eq_ignore_ascii_case("basic"))
            && h[5..].trim_start_matches([' ', '\t']) == key;
        assert!(bare || basic, "accepted {h:?} for the key {key:?}");
    }
});
