//! Connections, proxies and trusted roots, against loopback peers the tests control.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use common::servers::{temp_file, test_pki, ConnectProxy, Reply, Server, TcpRelay, TestPki};
use common::*;
use onespan_sign::models::Package;
use onespan_sign::{Client, ErrorKind};
use onespan_sign_emulator::Fault;
use std::time::Duration;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn max_connections_caps_the_sockets_of_a_client() {
    let emu = emulator().await;
    let id = api_key_client(&emu)
        .packages()
        .create(&Package::new("c"), &[])
        .await
        .unwrap();
    // Each request holds its connection for 20 ms, so that 200 calls overlap.
    let mut f = Fault::default();
    f.method = Some("GET".into());
    f.path = Some("/api/packages".into());
    f.delay_ms = Some(20);
    f.count = Some(200);
    emu.inject_fault(f);
    let target = emu
        .base_url()
        .trim_start_matches("http://")
        .parse()
        .unwrap();
    let relay = TcpRelay::start(target).await;
    let client = Client::builder()
        .api_key(emu.api_key())
        .base_url(relay.url())
        .max_connections(8)
        .timeout(Duration::from_secs(60))
        .build()
        .unwrap();
    let calls = (0..200).map(|_| {
        let c = client.clone();
        let id = id.clone();
        tokio::spawn(async move { c.packages().get(&id).await })
    });
    let results = futures::future::join_all(calls).await;
    let ok = results
        .iter()
        .filter(|r| matches!(r, Ok(Ok(p)) if p.name.as_deref() == Some("c")))
        .count();
    eprintln!(
        "max_connections(8), 200 concurrent calls: {ok} succeeded, at most {} connection(s) \
         open at once, {} accepted in all",
        relay.max_concurrent(),
        relay.accepted()
    );
    assert_eq!(ok, 200);
    assert!(
        relay.max_concurrent() <= 8,
        "{} connections at once",
        relay.max_concurrent()
    );
    assert!(
        relay.accepted() <= 16,
        "connections are reused: {}",
        relay.accepted()
    );
}

#[tokio::test]
async fn the_default_cap_and_a_zero_cap() {
    let err = Client::builder()
        .api_key("k")
        .base_url("http://127.0.0.1:1")
        .max_connections(0)
        .build()
        .unwrap_err();
    assert_eq!(err.kind(), ErrorKind::InvalidArgument);
    let c = Client::builder()
        .api_key("k")
        .base_url("http://127.0.0.1:1")
        .build()
        .unwrap();
    assert!(format!("{c:?}").contains("max_connections: 64"), "{c:?}");
}

/// A TLS server on 127.0.0.1 whose certificate only the test's CA vouches for.
async fn tls_service(pki: &TestPki) -> Server {
    Server::start_tls(pki.server.clone(), |req| {
        if req.header("authorization") == Some("Basic k") {
            Reply::json(200, serde_json::json!({"id": "p", "name": "over tls"}))
        } else {
            Reply::status(401)
        }
    })
    .await
}

#[tokio::test]
async fn a_ca_bundle_is_trusted_besides_the_built_in_roots() {
    let pki = test_pki(&["127.0.0.1", "localhost", "api.example.invalid"]);
    let server = tls_service(&pki).await;
    let bundle = temp_file("ca.pem", pki.ca_pem.as_bytes());

    let with = Client::builder()
        .api_key("k")
        .base_url(server.url())
        .ca_bundle(&bundle)
        .build()
        .unwrap();
    let pkg = with.packages().get("p").await.unwrap();
    assert_eq!(pkg.name.as_deref(), Some("over tls"));

    let without = Client::builder()
        .api_key("k")
        .base_url(server.url())
        .max_retries(0)
        .build()
        .unwrap();
    let err = without.packages().get("p").await.unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Transport, "{err}");
    assert!(
        err.to_string().to_ascii_lowercase().contains("certificate"),
        "{err}"
    );
    assert_eq!(
        server.count("GET", "/api/"),
        1,
        "only the trusting client got through"
    );
}

#[test]
fn an_unusable_ca_bundle_is_an_invalid_argument_naming_the_file() {
    let missing = std::path::Path::new(env!("CARGO_TARGET_TMPDIR")).join("no-such-ca.pem");
    let garbage = temp_file("garbage.pem", b"this is not PEM at all");
    let broken = temp_file(
        "broken.pem",
        b"-----BEGIN CERTIFICATE-----\nbm90IGEgY2VydGlmaWNhdGU=\n-----END CERTIFICATE-----\n",
    );
    for path in [missing, garbage, broken] {
        let err = Client::builder()
            .api_key("k")
            .base_url("https://api.example.invalid")
            .ca_bundle(&path)
            .build()
            .unwrap_err();
        assert_eq!(
            err.kind(),
            ErrorKind::InvalidArgument,
            "{}: {err}",
            path.display()
        );
        assert!(
            err.to_string().contains(&path.display().to_string()),
            "{err}"
        );
    }
}

#[tokio::test]
async fn an_explicit_proxy_carries_https_calls_with_its_credentials() {
    let pki = test_pki(&["api.example.invalid"]);
    let server = tls_service(&pki).await;
    let proxy = ConnectProxy::start(server.addr).await;
    let bundle = temp_file("ca.pem", pki.ca_pem.as_bytes());
    let builder = Client::builder()
        .api_key("k")
        // Never resolved: the proxy is asked for it and tunnels to the loopback server.
        .base_url("https://api.example.invalid")
        .proxy(format!("http://proxyuser:proxy-pass-0001@{}", proxy.addr))
        .ca_bundle(&bundle);
    assert!(!format!("{builder:?}").contains("proxy-pass-0001"));
    let client = builder.build().unwrap();
    let shown = format!("{client:?}");
    assert!(
        !shown.contains("proxy-pass-0001") && !shown.contains("proxyuser"),
        "{shown}"
    );
    assert!(shown.contains(&proxy.addr.to_string()), "{shown}");

    let pkg = client.packages().get("p").await.unwrap();
    assert_eq!(pkg.name.as_deref(), Some("over tls"));
    let heads = proxy.heads();
    assert_eq!(heads.len(), 1, "{heads:?}");
    assert!(
        heads[0].starts_with("CONNECT api.example.invalid:443 "),
        "{heads:?}"
    );
    // base64("proxyuser:proxy-pass-0001")
    assert!(
        heads[0].contains("cHJveHl1c2VyOnByb3h5LXBhc3MtMDAwMQ=="),
        "the proxy got its credentials: {heads:?}"
    );
}

#[tokio::test]
async fn a_proxy_that_is_down_is_named_in_the_error_without_its_credentials() {
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let client = Client::builder()
        .api_key("k")
        .base_url("https://api.example.invalid")
        .proxy(format!("http://proxyuser:proxy-pass-0002@127.0.0.1:{port}"))
        .timeout(Duration::from_secs(5))
        .max_retries(0)
        .build()
        .unwrap();
    let err = client.packages().get("p").await.unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Transport, "{err}");
    let shown = format!("{err} {err:?}");
    assert!(
        shown.contains(&format!("proxy 127.0.0.1:{port}")),
        "{shown}"
    );
    assert!(
        !shown.contains("proxy-pass-0002") && !shown.contains("proxyuser"),
        "{shown}"
    );
}

#[tokio::test]
async fn loopback_is_reached_directly_even_with_an_explicit_proxy() {
    let emu = emulator().await;
    let client = Client::builder()
        .api_key(emu.api_key())
        .base_url(emu.base_url())
        .proxy("http://127.0.0.1:1")
        .build()
        .unwrap();
    let id = client
        .packages()
        .create(&Package::new("direct"), &[])
        .await
        .unwrap();
    assert!(!id.is_empty());
}

#[test]
fn a_bad_proxy_is_an_invalid_argument_without_its_credentials() {
    for proxy in [
        "socks5://u:proxy-pass-0003@127.0.0.1:1080",
        "not a url u:proxy-pass-0003@host",
        "http://u:proxy-pass-0003@/",
    ] {
        let err = Client::builder()
            .api_key("k")
            .base_url("https://api.example.invalid")
            .proxy(proxy)
            .build()
            .unwrap_err();
        assert_eq!(err.kind(), ErrorKind::InvalidArgument, "{proxy}");
        assert!(
            !format!("{err} {err:?}").contains("proxy-pass-0003"),
            "{err}"
        );
    }
}

#[test]
fn a_bad_proxy_is_refused_even_when_the_base_url_goes_direct() {
    // Loopback never uses the proxy, but a typo in it must fail against the emulator in
    // development rather than first in production.
    for bad in ["not a url", "http://", "ftp://user:pw@proxy.example:21"] {
        let built = Client::builder()
            .api_key("k")
            .base_url("http://127.0.0.1:9")
            .proxy(bad)
            .build();
        assert!(built.is_err(), "{bad:?} was accepted");
        let Err(err) = built else { continue };
        assert_eq!(err.kind(), ErrorKind::InvalidArgument, "{bad}: {err}");
        assert!(!err.to_string().contains("pw"), "{err}");
    }
}
