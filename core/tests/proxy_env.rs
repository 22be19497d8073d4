//! The proxy variables. One test in its own binary, since it sets process-wide variables;
//! they are read when a client is built, so each phase sets them, then builds.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;

use common::servers::{temp_file, test_pki, ConnectProxy, Reply, Server};
use common::*;
use onespan_sign::models::Package;
use onespan_sign::{Client, ErrorKind};
use std::time::Duration;

const VARS: [&str; 8] = [
    "HTTP_PROXY",
    "http_proxy",
    "HTTPS_PROXY",
    "https_proxy",
    "ALL_PROXY",
    "all_proxy",
    "NO_PROXY",
    "no_proxy",
];

fn clear() {
    for v in VARS {
        std::env::remove_var(v);
    }
}

fn closed_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

#[tokio::test]
async fn the_proxy_variables_apply_except_to_loopback() {
    clear();
    let dead = format!("http://127.0.0.1:{}", closed_port());

    // 1. Every variable points at a proxy that is down: the emulator is still reached.
    let emu = emulator().await;
    for v in ["HTTP_PROXY", "http_proxy", "HTTPS_PROXY", "ALL_PROXY"] {
        std::env::set_var(v, &dead);
    }
    for base in [
        emu.base_url().to_string(),
        emu.base_url().replace("127.0.0.1", "localhost"),
    ] {
        let client = Client::builder()
            .api_key(emu.api_key())
            .base_url(&base)
            .timeout(Duration::from_secs(10))
            .build()
            .unwrap();
        let id = client
            .packages()
            .create(&Package::new("direct"), &[])
            .await
            .unwrap_or_else(|e| panic!("{base}: {e}"));
        assert!(!id.is_empty());
    }
    clear();

    // 2. HTTPS_PROXY (with credentials) carries an https call to a remote host.
    let pki = test_pki(&["api.example.invalid"]);
    let server = Server::start_tls(pki.server.clone(), |_| {
        Reply::json(200, serde_json::json!({"id": "p", "name": "via env proxy"}))
    })
    .await;
    let proxy = ConnectProxy::start(server.addr).await;
    let bundle = temp_file("ca.pem", pki.ca_pem.as_bytes());
    std::env::set_var(
        "HTTPS_PROXY",
        format!("http://envuser:env-pass-0001@{}", proxy.addr),
    );
    let client = Client::builder()
        .api_key("k")
        .base_url("https://api.example.invalid")
        .ca_bundle(&bundle)
        .build()
        .unwrap();
    let shown = format!("{client:?}");
    assert!(!shown.contains("env-pass-0001"), "{shown}");
    let pkg = client.packages().get("p").await.unwrap();
    assert_eq!(pkg.name.as_deref(), Some("via env proxy"));
    let heads = proxy.heads();
    assert!(
        heads[0].starts_with("CONNECT api.example.invalid:443 "),
        "{heads:?}"
    );
    assert!(
        heads[0].contains("ZW52dXNlcjplbnYtcGFzcy0wMDAx"),
        "the proxy got the variable's credentials: {heads:?}"
    );

    // 3. The variable's proxy is down: the error names it, not the service, and not its
    // credentials.
    let port = closed_port();
    std::env::set_var(
        "HTTPS_PROXY",
        format!("http://envuser:env-pass-0002@127.0.0.1:{port}"),
    );
    let client = Client::builder()
        .api_key("k")
        .base_url("https://api.example.invalid")
        .max_retries(0)
        .timeout(Duration::from_secs(5))
        .build()
        .unwrap();
    let err = client.packages().get("p").await.unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Transport, "{err}");
    let shown = format!("{err} {err:?}");
    assert!(
        shown.contains(&format!("proxy 127.0.0.1:{port}")),
        "{shown}"
    );
    assert!(!shown.contains("env-pass-0002"), "{shown}");

    // 4. NO_PROXY names the host: no proxy is used. Only built, never called: the host is
    // a .invalid name that would then be looked up.
    std::env::set_var("NO_PROXY", "api.example.invalid");
    let client = Client::builder()
        .api_key("k")
        .base_url("https://api.example.invalid")
        .build()
        .unwrap();
    assert!(format!("{client:?}").contains("proxy: None"), "{client:?}");

    // 5. An explicit proxy wins over the variables.
    std::env::remove_var("NO_PROXY");
    let client = Client::builder()
        .api_key("k")
        .base_url("https://api.example.invalid")
        .proxy(format!("http://{}", proxy.addr))
        .ca_bundle(&bundle)
        .build()
        .unwrap();
    client.packages().get("p").await.unwrap();
    assert_eq!(proxy.heads().len(), 2);
    clear();
}
