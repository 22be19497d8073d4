//! No secret (API key, client secret, API token, callback key, signer token) appears in
//! Debug, Display, error messages or log output, even at TRACE with the HTTP stack's own
//! logs included. One test per process: it installs the global log subscriber.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use common::*;
use onespan_sign::models::{CallbackConfig, Package};
use onespan_sign::{webhook, Client};
use std::io::Write;
use std::sync::{Arc, Mutex};

#[derive(Clone, Default)]
struct Captured(Arc<Mutex<Vec<u8>>>);

impl Write for Captured {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.0.lock().unwrap().extend_from_slice(buf);
        Ok(buf.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

#[tokio::test]
async fn secrets_never_show_in_debug_display_errors_or_logs() {
    let logs = Captured::default();
    let sink = logs.clone();
    // Everything, ours and reqwest/hyper's (the latter partly through the `log` bridge).
    tracing_log::LogTracer::init().unwrap();
    let subscriber = tracing_subscriber::fmt()
        .with_max_level(tracing::Level::TRACE)
        .with_writer(move || sink.clone())
        .finish();
    tracing::subscriber::set_global_default(subscriber).unwrap();

    let emu = emulator().await;
    let mut shown: Vec<String> = Vec::new();

    // API key: a good call, a refused one, and the client's renderings.
    let key_client = api_key_client(&emu);
    let p = sent_package(&key_client).await;
    shown.push(format!("{key_client:?}"));
    let wrong = Client::builder()
        .api_key("wrong-api-key-0001")
        .base_url(emu.base_url())
        .build()
        .unwrap();
    let e = wrong.packages().get(&p).await.unwrap_err();
    shown.push(format!("{e} {e:?}"));

    // Client app: the exchange, the API token in use, a refusal.
    let app = client_app_client(&emu);
    app.packages().get(&p).await.unwrap();
    emu.expire_tokens();
    app.packages().get(&p).await.unwrap(); // refetched after a 401
    shown.push(format!(
        "{app:?} {:?}",
        Client::builder().client_app("id", emu.client_secret())
    ));
    let bad = Client::builder()
        .client_app(emu.client_id(), "wrong-secret-0002")
        .base_url(emu.base_url())
        .build()
        .unwrap();
    let e = bad.packages().get(&p).await.unwrap_err();
    shown.push(format!("{e} {e:?}"));

    // Callback key: configuration and webhook verification failures.
    let config = CallbackConfig::new(
        "https://example.com/h",
        Some("callback-key-0003".into()),
        vec![],
    );
    let stored = key_client.callbacks().set(&config).await.unwrap();
    shown.push(format!("{config:?} {stored:?}"));
    let e = webhook::verify(
        b"{\"name\":\"X\"}",
        Some("Basic callback-key-0004"),
        "callback-key-0003",
    )
    .unwrap_err();
    shown.push(format!("{e} {e:?}"));

    // Signer token: creating one and building its URL.
    let token = key_client
        .auth_tokens()
        .create_single_use(&p, "Signer1")
        .await
        .unwrap();
    key_client.auth_tokens().signing_url(&token).unwrap();
    let _ = key_client.packages().create(&Package::default(), &[]).await;

    let logged = String::from_utf8(logs.0.lock().unwrap().clone()).unwrap();
    assert!(
        logged.len() > 1000,
        "the subscriber captured the HTTP stack's logs: {logged}"
    );
    let secrets = [
        emu.api_key().to_string(),
        emu.client_secret().to_string(),
        "wrong-api-key-0001".into(),
        "wrong-secret-0002".into(),
        "callback-key-0003".into(),
        "callback-key-0004".into(),
        token,
    ];
    for secret in &secrets {
        assert!(!logged.contains(secret.as_str()), "a secret is in the logs");
        for s in &shown {
            assert!(!s.contains(secret.as_str()), "a secret is in {s}");
        }
    }
}
