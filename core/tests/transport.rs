//! Faults: each ends in a correct retry or the right typed error within the timeout — never
//! a hang, a panic or a wrong success. Faults are injected by the emulator.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use common::*;
use onespan_sign::models::Package;
use onespan_sign::{Client, ErrorKind};
use onespan_sign_emulator::{Emulator, Fault, FaultAction, FaultBody};
use std::time::{Duration, Instant};

fn fault(method: &str, path: &str) -> Fault {
    let mut f = Fault::default();
    f.method = Some(method.into());
    f.path = Some(path.into());
    f
}

fn count(emu: &Emulator, request: &str) -> usize {
    emu.requests()
        .iter()
        .filter(|r| r.as_str() == request)
        .count()
}

fn client(emu: &Emulator, retries: u32, timeout: Duration) -> Client {
    Client::builder()
        .api_key(emu.api_key())
        .base_url(emu.base_url())
        .max_retries(retries)
        .timeout(timeout)
        .build()
        .unwrap()
}

async fn package(emu: &Emulator) -> String {
    api_key_client(emu)
        .packages()
        .create(&Package::new("f"), &[])
        .await
        .unwrap()
}

#[tokio::test]
async fn retry_after_on_503_is_honoured() {
    let emu = emulator().await;
    let id = package(&emu).await;
    let mut f = fault("GET", "/api/packages");
    f.status = Some(503);
    f.retry_after = Some(1);
    emu.inject_fault(f);
    let started = Instant::now();
    let pkg = api_key_client(&emu).packages().get(&id).await.unwrap();
    assert_eq!(pkg.id.as_deref(), Some(id.as_str()));
    assert!(
        started.elapsed() >= Duration::from_millis(950),
        "waited {:?}",
        started.elapsed()
    );
    assert_eq!(count(&emu, &format!("GET /api/packages/{id}")), 2);
}

#[tokio::test]
async fn gateway_errors_exhaust_retries_into_a_server_error() {
    let emu = emulator().await;
    let id = package(&emu).await;
    let mut f = fault("GET", "/api/packages");
    f.status = Some(502);
    f.body = Some(FaultBody::Html);
    f.count = Some(10);
    emu.inject_fault(f);
    let err = client(&emu, 2, Duration::from_secs(10))
        .packages()
        .get(&id)
        .await
        .unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Server);
    assert_eq!(err.status(), Some(502));
    assert!(err.api().unwrap().message.contains("HTML"), "{err}");
    assert_eq!(
        count(&emu, &format!("GET /api/packages/{id}")),
        3,
        "1 try + 2 retries"
    );
}

#[tokio::test]
async fn a_non_idempotent_post_is_not_retried_on_503() {
    let emu = emulator().await;
    let mut f = fault("POST", "/api/packages");
    f.status = Some(503);
    emu.inject_fault(f);
    let err = api_key_client(&emu)
        .packages()
        .create(&Package::new("x"), &[])
        .await
        .unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Server);
    assert_eq!(count(&emu, "POST /api/packages"), 1);
}

#[tokio::test]
async fn a_post_refused_with_429_is_retried() {
    let emu = emulator().await;
    let mut f = fault("POST", "/api/packages");
    f.status = Some(429);
    f.retry_after = Some(0);
    emu.inject_fault(f);
    let id = api_key_client(&emu)
        .packages()
        .create(&Package::new("x"), &[])
        .await
        .unwrap();
    assert!(!id.is_empty());
    assert_eq!(count(&emu, "POST /api/packages"), 2);
}

#[tokio::test]
async fn rate_limit_that_persists_is_a_rate_limit_error() {
    let emu = emulator().await;
    let mut f = fault("GET", "/api/packages");
    f.status = Some(429);
    f.retry_after = Some(0);
    f.count = Some(10);
    emu.inject_fault(f);
    let err = api_key_client(&emu).packages().get("p").await.unwrap_err();
    assert_eq!(err.kind(), ErrorKind::RateLimit);
}

#[tokio::test]
async fn a_dropped_connection_is_retried_for_a_get() {
    let emu = emulator().await;
    let id = package(&emu).await;
    let mut f = fault("GET", "/api/packages");
    f.action = Some(FaultAction::Drop);
    emu.inject_fault(f);
    let pkg = api_key_client(&emu).packages().get(&id).await.unwrap();
    assert_eq!(pkg.name.as_deref(), Some("f"));
    assert_eq!(count(&emu, &format!("GET /api/packages/{id}")), 2);
}

#[tokio::test]
async fn a_post_whose_connection_drops_after_the_request_is_sent_exactly_once() {
    let emu = emulator().await;
    let mut f = fault("POST", "/api/packages");
    f.action = Some(FaultAction::DropAfter);
    emu.inject_fault(f);
    let err = api_key_client(&emu)
        .packages()
        .create(&Package::new("once"), &[])
        .await
        .unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Transport, "{err}");
    assert_eq!(count(&emu, "POST /api/packages"), 1);
    let created = emu
        .events()
        .iter()
        .filter(|e| e["name"] == "PACKAGE_CREATE")
        .count();
    assert_eq!(
        created, 1,
        "the server did create it: retrying would have made two"
    );
}

#[tokio::test]
async fn a_truncated_body_is_a_transport_error_or_a_retry() {
    let emu = emulator().await;
    let id = package(&emu).await;
    let mut f = fault("GET", "/api/packages");
    f.status = Some(200);
    f.body = Some(FaultBody::Truncated);
    emu.inject_fault(f.clone());
    let err = client(&emu, 0, Duration::from_secs(5))
        .packages()
        .get(&id)
        .await
        .unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Transport, "{err}");
    emu.inject_fault(f);
    assert!(
        api_key_client(&emu).packages().get(&id).await.is_ok(),
        "retried"
    );
}

#[tokio::test]
async fn an_html_200_is_an_unexpected_response() {
    let emu = emulator().await;
    let mut f = fault("GET", "/api/packages");
    f.status = Some(200);
    f.body = Some(FaultBody::Html);
    emu.inject_fault(f);
    let err = api_key_client(&emu).packages().get("p").await.unwrap_err();
    assert_eq!(err.kind(), ErrorKind::UnexpectedResponse, "{err}");
    assert_eq!(err.status(), Some(200));
}

#[tokio::test]
async fn an_empty_500_is_a_server_error() {
    let emu = emulator().await;
    let mut f = fault("DELETE", "/api/packages");
    f.status = Some(500);
    f.body = Some(FaultBody::Empty);
    emu.inject_fault(f);
    let err = api_key_client(&emu)
        .packages()
        .delete("p")
        .await
        .unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Server);
    assert!(err.to_string().contains("Internal Server Error"), "{err}");
}

#[tokio::test]
async fn a_slow_server_times_out() {
    let emu = emulator().await;
    let mut f = fault("GET", "/api/packages");
    f.delay_ms = Some(5_000);
    emu.inject_fault(f);
    let started = Instant::now();
    let err = client(&emu, 2, Duration::from_millis(400))
        .packages()
        .get("p")
        .await
        .unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Timeout, "{err}");
    assert!(
        started.elapsed() < Duration::from_secs(3),
        "{:?}",
        started.elapsed()
    );
}

#[tokio::test]
async fn a_refused_connection_is_a_transport_error() {
    // Bind and drop a listener so the port is known to be closed.
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let client = Client::builder()
        .api_key("k")
        .base_url(format!("http://127.0.0.1:{port}"))
        .timeout(Duration::from_secs(5))
        .build()
        .unwrap();
    let err = client.packages().get("p").await.unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Transport, "{err}");
}

#[tokio::test]
async fn a_token_endpoint_failure_is_typed_and_retried_once_available() {
    let emu = emulator().await;
    let mut f = fault("POST", "/apitoken/clientApp/accessToken");
    f.status = Some(500);
    emu.inject_fault(f);
    let client = client_app_client(&emu);
    let err = client.packages().get("p").await.unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Server);
    // The next call fetches a token afresh: a failed exchange is not cached.
    let err = client.packages().get("p").await.unwrap_err();
    assert_eq!(err.kind(), ErrorKind::NotFound);
    // The faulted exchange never reached the handler that counts; the request log saw both.
    assert_eq!(count(&emu, "POST /apitoken/clientApp/accessToken"), 2);
}

#[tokio::test]
async fn a_huge_answer_is_refused_not_buffered() {
    let emu = emulator().await;
    let mut f = fault("GET", "/api/packages");
    f.status = Some(200);
    f.body = Some(FaultBody::Huge);
    emu.inject_fault(f);
    let err = client(&emu, 0, Duration::from_secs(20))
        .packages()
        .get("p")
        .await
        .unwrap_err();
    assert_eq!(err.kind(), ErrorKind::UnexpectedResponse, "{err}");
    assert!(err.to_string().contains("larger than"), "{err}");
}

#[tokio::test]
async fn per_call_limits_share_connections_and_tokens() {
    let emu = emulator().await;
    let client = client_app_client(&emu);
    let id = client
        .packages()
        .create(&Package::new("p"), &[])
        .await
        .unwrap();
    let mut f = fault("GET", "/api/packages");
    f.delay_ms = Some(3_000);
    emu.inject_fault(f);
    let quick = client.with_timeout(Duration::from_millis(300)).unwrap();
    let err = quick.packages().get(&id).await.unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Timeout);
    // The original keeps its own limits, and both share one API token.
    assert_eq!(
        client.packages().get(&id).await.unwrap().name.as_deref(),
        Some("p")
    );
    assert_eq!(emu.token_requests(), 1);
    assert!(client.with_timeout(Duration::ZERO).is_err());

    let mut f = fault("GET", "/api/packages");
    f.status = Some(503);
    f.count = Some(5);
    emu.inject_fault(f);
    let err = client
        .with_max_retries(0)
        .packages()
        .get(&id)
        .await
        .unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Server);
    assert_eq!(
        count(&emu, &format!("GET /api/packages/{id}")),
        3,
        "1 + 1 timed out + 1 not retried"
    );
}

#[tokio::test]
async fn a_retry_after_beyond_the_deadline_fails_at_once_with_the_rate_limit() {
    let emu = emulator().await;
    let id = package(&emu).await;
    let mut f = fault("GET", "/api/packages");
    f.status = Some(429);
    f.retry_after = Some(3600);
    f.count = Some(5);
    emu.inject_fault(f);
    let started = Instant::now();
    let err = client(&emu, 2, Duration::from_secs(3))
        .packages()
        .get(&id)
        .await
        .unwrap_err();
    assert!(
        started.elapsed() < Duration::from_secs(1),
        "failed at once, not after sleeping: {:?}",
        started.elapsed()
    );
    assert_eq!(err.kind(), ErrorKind::RateLimit, "{err}");
    assert_eq!(err.status(), Some(429));
    assert_eq!(
        err.api().unwrap().retry_after(),
        Some(Duration::from_secs(3600))
    );
    assert_eq!(err.retry_after(), Some(Duration::from_secs(3600)));
    assert_eq!(count(&emu, &format!("GET /api/packages/{id}")), 1);
}

#[tokio::test]
async fn a_retry_after_within_the_deadline_is_still_waited_for() {
    let emu = emulator().await;
    let id = package(&emu).await;
    let mut f = fault("GET", "/api/packages");
    f.status = Some(429);
    f.retry_after = Some(1);
    emu.inject_fault(f);
    let started = Instant::now();
    client(&emu, 2, Duration::from_secs(5))
        .packages()
        .get(&id)
        .await
        .unwrap();
    assert!(started.elapsed() >= Duration::from_millis(950));
    assert_eq!(count(&emu, &format!("GET /api/packages/{id}")), 2);
}

#[tokio::test]
async fn retry_after_is_kept_on_any_error_status() {
    let emu = emulator().await;
    let mut f = fault("DELETE", "/api/packages");
    f.status = Some(503);
    f.retry_after = Some(7);
    emu.inject_fault(f);
    let err = client(&emu, 0, Duration::from_secs(5))
        .packages()
        .delete("p")
        .await
        .unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Server);
    assert_eq!(err.retry_after(), Some(Duration::from_secs(7)));
    // Without the header there is none.
    let err = api_key_client(&emu).packages().get("p").await.unwrap_err();
    assert_eq!(err.kind(), ErrorKind::NotFound);
    assert_eq!(err.retry_after(), None);
}

#[tokio::test]
async fn retry_after_as_an_http_date_is_read() {
    use common::servers::{Reply, Server};
    let server = Server::start(|_| {
        let at = std::time::SystemTime::now() + Duration::from_secs(7200);
        Reply::json(
            429,
            serde_json::json!({"messageKey": "error.tooMany", "message": "slow down", "code": 429}),
        )
        .header("retry-after", httpdate::fmt_http_date(at))
    })
    .await;
    let client = Client::builder()
        .api_key("k")
        .base_url(server.url())
        .timeout(Duration::from_secs(60))
        .build()
        .unwrap();
    let started = Instant::now();
    let err = client.packages().get("p").await.unwrap_err();
    assert!(started.elapsed() < Duration::from_secs(2));
    assert_eq!(err.kind(), ErrorKind::RateLimit);
    let wait = err.retry_after().unwrap();
    assert!(
        wait > Duration::from_secs(7190) && wait <= Duration::from_secs(7200),
        "{wait:?}"
    );
    assert_eq!(server.count("GET", "/api/packages/p"), 1);
}
