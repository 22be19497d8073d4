//! API tokens against a scripted service: skewed clocks do not cause a token storm, waiters
//! share one fetch, and an answer that cannot be used is an error that is not cached.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use common::servers::{epoch_ms, fake_service, token_reply, Reply, Server};
use onespan_sign::{Client, ErrorKind};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::{Duration, SystemTime};

fn client(server: &Server) -> Client {
    Client::builder()
        .client_app("app", "secret")
        .base_url(server.url())
        .timeout(Duration::from_secs(10))
        .build()
        .unwrap()
}

fn tokens(server: &Server) -> usize {
    server.count("POST", "/apitoken/clientApp/accessToken")
}

/// `expiresAt` five seconds ago by our clock: what a local clock a little ahead produces.
fn already_expired(n: usize) -> Reply {
    let past = epoch_ms(SystemTime::now() - Duration::from_secs(5));
    token_reply(&format!("token-{n}"), past)
}

#[tokio::test]
async fn an_expires_at_already_past_does_not_fetch_a_token_per_call() {
    let server = fake_service(already_expired).await;
    let client = client(&server);
    for i in 0..20 {
        let pkg = client.packages().get(&format!("p{i}")).await.unwrap();
        assert_eq!(pkg.id, Some(format!("p{i}")));
    }
    let fetched = tokens(&server);
    eprintln!("20 sequential calls, expiresAt 5 s in the past: {fetched} token request(s)");
    assert!(fetched <= 2, "{fetched} token requests for 20 calls");
    assert_eq!(server.count("GET", "/api/packages/"), 20);
}

#[tokio::test]
async fn concurrent_callers_share_the_token_fetched_for_them() {
    let server = fake_service(already_expired).await;
    let client = client(&server);
    let calls = (0..20).map(|i| {
        let c = client.clone();
        async move { c.packages().get(&format!("p{i}")).await }
    });
    let results = futures::future::join_all(calls).await;
    assert!(results.iter().all(Result::is_ok), "{results:?}");
    let fetched = tokens(&server);
    eprintln!("20 concurrent calls, expiresAt 5 s in the past: {fetched} token request(s)");
    assert_eq!(fetched, 1);
    // Every call carried that one token.
    let gets = server.requests();
    let bearers: Vec<_> = gets
        .iter()
        .filter(|r| r.method == "GET")
        .map(|r| r.header("authorization").unwrap().to_string())
        .collect();
    assert_eq!(bearers.len(), 20);
    assert!(bearers.iter().all(|b| b == "Bearer token-1"), "{bearers:?}");
}

#[tokio::test]
async fn the_lifetime_is_read_on_the_servers_clock() {
    // The server's clock is an hour behind ours; its Date header says so. By our clock its
    // 30-minute tokens expired half an hour ago.
    let server = fake_service(|n| {
        let server_now = SystemTime::now() - Duration::from_secs(3600);
        token_reply(
            &format!("token-{n}"),
            epoch_ms(server_now + Duration::from_secs(1800)),
        )
        .header("date", httpdate::fmt_http_date(server_now))
    })
    .await;
    let client = client(&server);
    for i in 0..20 {
        client.packages().get(&format!("p{i}")).await.unwrap();
    }
    assert_eq!(tokens(&server), 1);
}

#[tokio::test]
async fn expires_at_in_seconds_is_still_accepted() {
    let server = fake_service(|n| {
        let secs = SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .unwrap()
            .as_secs()
            + 1800;
        Reply::json(
            200,
            serde_json::json!({"accessToken": format!("token-{n}"), "expiresAt": secs}),
        )
    })
    .await;
    let client = client(&server);
    for i in 0..5 {
        client.packages().get(&format!("p{i}")).await.unwrap();
    }
    assert_eq!(tokens(&server), 1);
}

#[tokio::test]
async fn a_token_that_cannot_be_sent_is_an_unexpected_response_and_is_not_cached() {
    let far = 4_102_444_800_000u64; // 2100
    for bad in [
        serde_json::json!("line\nbreak"),
        serde_json::json!("with space"),
        serde_json::json!("caf\u{e9}"),
        serde_json::json!(123456),
        serde_json::json!({"nested": "x"}),
        serde_json::json!(""),
        serde_json::json!(null),
    ] {
        // The first two exchanges answer the bad token; the third a good one.
        let answer = bad.clone();
        let server = fake_service(move |n| {
            if n <= 2 {
                Reply::json(
                    200,
                    serde_json::json!({"accessToken": answer, "expiresAt": far}),
                )
            } else {
                token_reply("good-token", far)
            }
        })
        .await;
        let client = client(&server);
        for round in 1..=2 {
            let err = client.packages().get("p").await.unwrap_err();
            assert_eq!(err.kind(), ErrorKind::UnexpectedResponse, "{bad}: {err}");
            assert_eq!(err.status(), Some(200));
            assert!(err.to_string().contains("accessToken"), "{err}");
            assert_eq!(tokens(&server), round, "{bad}: fetched again, not cached");
        }
        assert_eq!(server.count("GET", "/api/"), 0, "{bad}: never sent");
        let pkg = client.packages().get("p").await.unwrap();
        assert_eq!(pkg.id.as_deref(), Some("p"));
        assert_eq!(tokens(&server), 3);
    }
}

#[tokio::test]
async fn callers_waiting_on_a_failed_fetch_share_its_error() {
    let served = Arc::new(AtomicUsize::new(0));
    let s = served.clone();
    let server = Server::start(move |req| {
        if req.path().starts_with("/apitoken") {
            s.fetch_add(1, Ordering::SeqCst);
            std::thread::sleep(Duration::from_millis(100));
            Reply::json(
                500,
                serde_json::json!({"messageKey": "error.internal", "message": "down", "code": 500}),
            )
        } else {
            Reply::status(404)
        }
    })
    .await;
    let client = client(&server);
    let calls = (0..20).map(|_| {
        let c = client.clone();
        async move { c.packages().get("p").await }
    });
    let results = futures::future::join_all(calls).await;
    for r in &results {
        let err = r.as_ref().unwrap_err();
        assert_eq!(err.kind(), ErrorKind::Server, "{err}");
    }
    assert_eq!(
        served.load(Ordering::SeqCst),
        1,
        "one fetch for 20 waiting callers"
    );
    // A later call tries again.
    assert!(client.packages().get("p").await.is_err());
    assert_eq!(served.load(Ordering::SeqCst), 2);
}
