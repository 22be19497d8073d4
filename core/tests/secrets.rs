//! No secret (API key, client secret, API token, callback key, signer token) appears in
//! Debug, Display, error messages or log output, even at TRACE with the HTTP stack's own
//! logs included. One test per process: it installs the global log subscriber.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use common::servers::{fake_service, token_reply, Reply, Server};
use common::*;
use onespan_sign::models::{CallbackConfig, Package};
use onespan_sign::{webhook, Client};
use onespan_sign_emulator::Fault;
use std::io::Write;
use std::sync::{Arc, Mutex};
use std::time::Duration;

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
    let mut config = CallbackConfig::new(
        "https://example.com/h",
        Some("callback-key-0003".into()),
        vec![],
    );
    config.oauth_setting = Some(
        serde_json::from_value(serde_json::json!({
            "clientId": "cb-client", "clientSecret": "oauth-secret-0011",
            "username": "cb-user", "password": "oauth-password-0012"
        }))
        .unwrap(),
    );
    key_client.callbacks().set(&config, None).await.unwrap();
    let stored = key_client.callbacks().get(None).await.unwrap();
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
    key_client.auth_tokens().signing_url(&token, None).unwrap();
    let _ = key_client.packages().create(&Package::default(), &[]).await;

    // An API token whose value the test knows, through a fetch, a retry and a 401.
    let service = fake_service(|_| token_reply("api-token-0005", 4_102_444_800_000)).await;
    let known = Client::builder()
        .client_app("app", "client-secret-0010")
        .base_url(service.url())
        .build()
        .unwrap();
    known.packages().get("p").await.unwrap();
    shown.push(format!("{known:?}"));

    // Retries and their waits: a 503 then success, on the emulator.
    let mut f = Fault::default();
    f.method = Some("GET".into());
    f.path = Some("/api/packages".into());
    f.status = Some(503);
    f.retry_after = Some(0);
    emu.inject_fault(f);
    app.packages().get(&p).await.unwrap();

    // A query value (here in the signer filter) is not logged.
    let _ = key_client
        .packages()
        .signing_status(&p, Some("query-value-0007"), None)
        .await;

    // A redirect whose Location carries a token, refused.
    let redirecting = Server::start(|_| {
        Reply::status(307).header(
            "location",
            "http://127.0.0.1:9/steal?token=redirect-token-0008",
        )
    })
    .await;
    let e = Client::builder()
        .api_key("k")
        .base_url(redirecting.url())
        .build()
        .unwrap()
        .packages()
        .get("p")
        .await
        .unwrap_err();
    shown.push(format!("{e} {e:?}"));

    // A proxy with credentials that is down, and a base URL with a password.
    let builder = Client::builder()
        .api_key("k")
        .base_url("https://api.example.invalid")
        .proxy("http://proxyuser:proxy-pass-0006@127.0.0.1:9")
        .timeout(Duration::from_secs(5))
        .max_retries(0);
    shown.push(format!("{builder:?}"));
    let proxied = builder.build().unwrap();
    shown.push(format!("{proxied:?}"));
    let e = proxied.packages().get("p").await.unwrap_err();
    shown.push(format!("{e} {e:?}"));
    let builder = Client::builder()
        .api_key("k")
        .base_url("http://user:url-pass-0009@127.0.0.1:9");
    shown.push(format!("{builder:?}"));
    let e = builder.build().unwrap_err();
    shown.push(format!("{e} {e:?}"));

    let logged = String::from_utf8(logs.0.lock().unwrap().clone()).unwrap();
    assert!(
        logged.len() > 1000,
        "the subscriber captured the HTTP stack's logs: {logged}"
    );
    // The client's own events were captured too: attempts, retries, token fetches.
    for event in ["attempt", "retrying", "API-token fetch", "duration_ms"] {
        assert!(logged.contains(event), "no {event:?} event in the logs");
    }
    let secrets = [
        emu.api_key().to_string(),
        emu.client_secret().to_string(),
        "wrong-api-key-0001".into(),
        "wrong-secret-0002".into(),
        "callback-key-0003".into(),
        "callback-key-0004".into(),
        token,
        "api-token-0005".into(),
        "proxy-pass-0006".into(),
        "query-value-0007".into(),
        "redirect-token-0008".into(),
        "url-pass-0009".into(),
        "client-secret-0010".into(),
        "oauth-secret-0011".into(),
        "oauth-password-0012".into(),
        "proxyuser".into(),
    ];
    for secret in &secrets {
        assert!(!logged.contains(secret.as_str()), "a secret is in the logs");
        for s in &shown {
            assert!(!s.contains(secret.as_str()), "a secret is in {s}");
        }
    }
}
