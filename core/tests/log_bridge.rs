//! With no tracing subscriber installed, the client's events reach the `log` crate (which
//! the Python binding forwards to Python logging), under the target `onespan_sign`, and carry
//! no secret. Its own binary: it installs the global logger.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use common::*;
use onespan_sign::models::Package;
use onespan_sign_emulator::Fault;
use std::sync::Mutex;

struct Capture(Mutex<Vec<(String, String)>>);

impl log::Log for Capture {
    fn enabled(&self, _: &log::Metadata<'_>) -> bool {
        true
    }
    fn log(&self, record: &log::Record<'_>) {
        self.0
            .lock()
            .unwrap()
            .push((record.target().to_string(), record.args().to_string()));
    }
    fn flush(&self) {}
}

static CAPTURE: Capture = Capture(Mutex::new(Vec::new()));

#[tokio::test]
async fn events_reach_the_log_crate_without_a_subscriber() {
    log::set_logger(&CAPTURE).unwrap();
    log::set_max_level(log::LevelFilter::Trace);

    let emu = emulator().await;
    let client = client_app_client(&emu);
    let mut f = Fault::default();
    f.method = Some("POST".into());
    f.path = Some("/api/packages".into());
    f.status = Some(429);
    f.retry_after = Some(0);
    emu.inject_fault(f);
    client
        .packages()
        .create(&Package::new("logged"), &[])
        .await
        .unwrap();

    let records = CAPTURE.0.lock().unwrap().clone();
    let ours: Vec<&String> = records
        .iter()
        .filter(|(target, _)| target == "onespan_sign")
        .map(|(_, text)| text)
        .collect();
    let has = |needle: &str| ours.iter().any(|t| t.contains(needle));
    assert!(
        has("API-token fetch") && has("kind=\"client_app\""),
        "{ours:#?}"
    );
    assert!(
        has("attempt") && has("status=429") && has("status=200"),
        "{ours:#?}"
    );
    assert!(has("retrying") && has("wait_ms=0"), "{ours:#?}");
    assert!(has("method=POST") && has("path=/api/packages"), "{ours:#?}");
    assert!(has("duration_ms="), "{ours:#?}");
    let all = format!("{records:?}");
    assert!(
        !all.contains(emu.client_secret()),
        "the client secret was logged"
    );
}
