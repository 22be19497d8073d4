//! Where credentials may go: never after a redirect to another origin, never to the token
//! endpoint's redirect at all, never over plain HTTP to another machine, and never printed
//! from a base URL.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;

use common::servers::{token_reply, Reply, Server};
use onespan_sign::{Client, ErrorKind};
use std::time::Duration;

/// A second origin (another loopback port) that records whatever reaches it and, if asked,
/// hands out a token, as a thief would.
async fn elsewhere() -> Server {
    Server::start(|req| {
        if req.path().starts_with("/apitoken") {
            token_reply("stolen-token", 4_102_444_800_000)
        } else {
            Reply::json(200, serde_json::json!({"id": "p", "name": "elsewhere"}))
        }
    })
    .await
}

#[tokio::test]
async fn the_token_exchange_never_follows_a_redirect() {
    for status in [307u16, 308, 302] {
        let thief = elsewhere().await;
        let to = format!("{}/apitoken/clientApp/accessToken", thief.url());
        let home = Server::start(move |req| {
            if req.path().starts_with("/apitoken") {
                Reply::status(status).header("location", to.clone())
            } else {
                Reply::json(200, serde_json::json!({"id": "p"}))
            }
        })
        .await;
        let client = Client::builder()
            .client_app("app", "the-client-secret-0001")
            .base_url(home.url())
            .build()
            .unwrap();
        let err = client.packages().get("p").await.unwrap_err();
        assert_eq!(err.kind(), ErrorKind::UnexpectedResponse, "{status}: {err}");
        assert_eq!(err.status(), Some(status));
        assert!(err.to_string().contains("redirect"), "{err}");
        assert!(err.to_string().contains(&thief.addr.to_string()), "{err}");
        assert!(
            thief.requests().is_empty(),
            "{status}: the secret went to the redirect's target: {:?}",
            thief.requests()
        );
        assert_eq!(home.count("POST", "/apitoken/"), 1);
        assert_eq!(
            home.count("GET", "/api/"),
            0,
            "no call with a token from elsewhere"
        );
    }
}

#[tokio::test]
async fn a_redirect_to_the_token_endpoint_of_the_same_origin_is_refused_too() {
    let home = Server::start(|req| {
        if req.path() == "/apitoken/clientApp/accessToken" {
            Reply::status(307).header("location", "/apitoken/other")
        } else {
            token_reply("t", 4_102_444_800_000)
        }
    })
    .await;
    let client = Client::builder()
        .client_app("app", "s")
        .base_url(home.url())
        .build()
        .unwrap();
    let err = client.packages().get("p").await.unwrap_err();
    assert_eq!(err.kind(), ErrorKind::UnexpectedResponse, "{err}");
    assert_eq!(home.count("POST", "/apitoken/other"), 0);
}

#[tokio::test]
async fn an_api_call_does_not_follow_a_redirect_to_another_origin() {
    let thief = elsewhere().await;
    let to = format!("{}/api/packages/p", thief.url());
    let home = Server::start(move |req| {
        if req.path() == "/api/packages/moved" {
            Reply::status(307).header("location", to.clone())
        } else {
            Reply::status(404)
        }
    })
    .await;
    let client = Client::builder()
        .api_key("the-api-key-0002")
        .base_url(home.url())
        .build()
        .unwrap();
    let err = client.packages().get("moved").await.unwrap_err();
    assert_eq!(err.kind(), ErrorKind::UnexpectedResponse, "{err}");
    assert_eq!(err.status(), Some(307));
    assert!(err.to_string().contains("redirect"), "{err}");
    assert!(thief.requests().is_empty(), "{:?}", thief.requests());
    assert_eq!(home.count("GET", "/api/packages/moved"), 1, "not retried");

    // The same with client-app credentials: the bearer token stays home as well.
    let to = format!("{}/api/packages/p", thief.url());
    let redirecting = Server::start(move |req| {
        if req.path().starts_with("/apitoken") {
            token_reply("home-token", 4_102_444_800_000)
        } else {
            Reply::status(308).header("location", to.clone())
        }
    })
    .await;
    let client = Client::builder()
        .client_app("app", "the-client-secret-0003")
        .base_url(redirecting.url())
        .build()
        .unwrap();
    let err = client.packages().get("moved").await.unwrap_err();
    assert_eq!(err.kind(), ErrorKind::UnexpectedResponse, "{err}");
    assert_eq!(err.status(), Some(308));
    assert!(thief.requests().is_empty(), "{:?}", thief.requests());
}

#[tokio::test]
async fn a_redirect_within_the_origin_is_followed_with_credentials() {
    let home = Server::start(|req| match req.path() {
        "/api/packages/old" => Reply::status(307).header("location", "/api/packages/new"),
        "/api/packages/new" if req.header("authorization") == Some("Basic k") => {
            Reply::json(200, serde_json::json!({"id": "new", "name": "moved"}))
        }
        _ => Reply::status(401),
    })
    .await;
    let client = Client::builder()
        .api_key("k")
        .base_url(home.url())
        .build()
        .unwrap();
    let pkg = client.packages().get("old").await.unwrap();
    assert_eq!(pkg.id.as_deref(), Some("new"));
    assert_eq!(home.count("GET", "/api/packages/"), 2);
}

#[test]
fn plain_http_is_refused_unless_the_host_is_this_machine() {
    for remote in [
        "http://example.invalid",
        "http://api.example.invalid:8080/api",
        "http://192.0.2.1",
        "http://localhost.example.invalid",
    ] {
        let err = Client::builder()
            .api_key("k")
            .base_url(remote)
            .build()
            .unwrap_err();
        assert_eq!(err.kind(), ErrorKind::InvalidArgument, "{remote}");
        assert!(err.to_string().contains("https"), "{err}");
    }
    for local in [
        "http://127.0.0.1:1",
        "http://127.8.9.10:1",
        "http://[::1]:1",
        "http://localhost:1",
        "https://example.invalid",
    ] {
        Client::builder()
            .api_key("k")
            .base_url(local)
            .build()
            .unwrap_or_else(|e| panic!("{local}: {e}"));
    }
}

#[test]
fn a_secret_in_a_base_url_is_never_printed() {
    for (url, secret) in [
        ("http://user:PW-0004@127.0.0.1:1", "PW-0004"),
        ("https://user:PW-0005@api.example.invalid/api", "PW-0005"),
        ("https://api.example.invalid/?token=TOK-0006", "TOK-0006"),
        ("https://api.example.invalid/#TOK-0007", "TOK-0007"),
        ("https://TOK-0008@api.example.invalid", "TOK-0008"),
        ("ftp://user:PW-0009@host", "PW-0009"),
        ("http://user:PW-0010@example.invalid", "PW-0010"),
        ("htp//user:PW-0011@host with spaces", "PW-0011"),
        ("https://h?x=PW-0012@y/z", "PW-0012"),
    ] {
        let builder = Client::builder().api_key("k").base_url(url);
        let shown = format!("{builder:?}");
        assert!(!shown.contains(secret), "{shown}");
        let err = builder.build().unwrap_err();
        assert_eq!(err.kind(), ErrorKind::InvalidArgument, "{url}");
        let shown = format!("{err} {err:?}");
        assert!(!shown.contains(secret), "{shown}");
    }
}

#[tokio::test]
async fn a_token_from_a_redirect_is_never_used() {
    // Belt and braces for the first test: even when the redirect target would answer with a
    // token, the call fails and no API request carries it.
    let thief = elsewhere().await;
    let to = format!("{}/apitoken/clientApp/accessToken", thief.url());
    let home = Server::start(move |req| {
        if req.path().starts_with("/apitoken") {
            Reply::status(307).header("location", to.clone())
        } else {
            Reply::json(200, serde_json::json!({"id": "p"}))
        }
    })
    .await;
    let client = Client::builder()
        .client_app("app", "s")
        .base_url(home.url())
        .timeout(Duration::from_secs(5))
        .build()
        .unwrap();
    for _ in 0..2 {
        assert!(client.packages().get("p").await.is_err());
    }
    assert!(home
        .requests()
        .iter()
        .all(|r| r.header("authorization").is_none()));
}
