//! parse(body) never panics, and an event it returns is what the body says.
#![no_main]

use libfuzzer_sys::fuzz_target;
use onespan_sign::webhook;

fuzz_target!(|data: &[u8]| {
    if let Ok(event) = webhook::parse(data) {
        let value: serde_json::Value = serde_json::from_slice(data).expect("parsed, so JSON");
        assert_eq!(value.get("name").and_then(|v| v.as_str()), Some(event.name.as_str()));
        assert_eq!(value.as_object().map(|o| o.len()), Some(event.raw.len()));
    }
});
