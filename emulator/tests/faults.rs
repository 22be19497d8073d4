//! Fault injection (status with Retry-After, HTML and empty bodies, dropped connections,
//! delays, counts and matching), and the request log.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use common::*;
use onespan_sign_emulator::{Fault, FaultAction, FaultBody};
use serde_json::json;
use std::time::{Duration, Instant};

/// A fault for `method` and `path` (empty: any), set up by `set`.
fn fault(method: &str, path: &str, set: impl FnOnce(&mut Fault)) -> Fault {
    let mut f = Fault::default();
    f.method = (!method.is_empty()).then(|| method.into());
    f.path = (!path.is_empty()).then(|| path.into());
    set(&mut f);
    f
}

#[tokio::test]
async fn a_status_with_retry_after_for_the_next_matching_requests_only() {
    let emu = emulator().await;
    let api = Api::new(&emu);
    let id = api.create(json!({"name": "f"})).await;
    emu.inject_fault(fault("GET", "/api/packages", |f| {
        f.status = Some(429);
        f.retry_after = Some(7);
        f.count = Some(2);
    }));
    // Another method does not match, and does not use the fault up.
    assert_eq!(
        api.put(&format!("/api/packages/{id}"), json!({"name": "g"}))
            .await
            .status,
        200
    );
    for _ in 0..2 {
        let a = api.get(&format!("/api/packages/{id}")).await;
        assert_error(&a, 429, "error.emulator.injectedFault");
        assert_eq!(a.headers["retry-after"], "7");
        assert_eq!(a.body["name"], "Too Many Requests");
    }
    let a = api.get(&format!("/api/packages/{id}")).await;
    assert_eq!(a.status, 200);
    assert_eq!(a.body["name"], "g");
    assert!(!a.headers.contains_key("retry-after"));
}

#[tokio::test]
async fn html_and_empty_bodies() {
    let emu = emulator().await;
    let api = Api::new(&emu);
    emu.inject_fault(fault("GET", "/api/callback", |f| {
        f.status = Some(502);
        f.body = Some(FaultBody::Html);
    }));
    let a = api.get("/api/callback").await;
    assert_eq!(a.status, 502);
    assert!(a.headers["content-type"]
        .to_str()
        .unwrap()
        .starts_with("text/html"));
    assert!(a.body.as_str().unwrap().contains("<html>"));
    // A body fault without a status answers 503.
    emu.inject_fault(fault("", "", |f| f.body = Some(FaultBody::Empty)));
    let a = api.get("/api/callback").await;
    assert_eq!(a.status, 503);
    assert_eq!(a.body, json!(""));
}

#[tokio::test]
async fn drop_closes_without_answering_and_without_handling() {
    let emu = emulator().await;
    let api = Api::new(&emu);
    emu.inject_fault(fault("POST", "/api/packages", |f| {
        f.action = Some(FaultAction::Drop);
    }));
    let err = api
        .request(reqwest::Method::POST, "/api/packages")
        .json(&json!({"name": "never"}))
        .send()
        .await
        .unwrap_err();
    assert!(!err.is_timeout(), "{err}");
    assert!(emu.events().is_empty(), "not handled");
    assert_eq!(emu.requests(), ["POST /api/packages"]);
}

#[tokio::test]
async fn drop_after_handles_then_closes() {
    let emu = emulator().await;
    let api = Api::new(&emu);
    emu.inject_fault(fault("POST", "/api/packages", |f| {
        f.action = Some(FaultAction::DropAfter);
    }));
    let sent = api
        .request(reqwest::Method::POST, "/api/packages")
        .json(&json!({"name": "once"}))
        .send()
        .await;
    assert!(sent.is_err());
    let names: Vec<_> = emu.events().iter().map(|e| e["name"].clone()).collect();
    assert_eq!(
        names,
        [json!("PACKAGE_CREATE")],
        "handled, its effects kept"
    );
}

#[tokio::test]
async fn a_delay_then_the_real_answer() {
    let emu = emulator().await;
    let api = Api::new(&emu);
    emu.inject_fault(fault("GET", "/api/callback", |f| f.delay_ms = Some(400)));
    let started = Instant::now();
    let a = api.get("/api/callback").await;
    let took = started.elapsed();
    assert_eq!(a.status, 200);
    assert!(took >= Duration::from_millis(380), "{took:?}");
    let started = Instant::now();
    api.get("/api/callback").await;
    assert!(started.elapsed() < Duration::from_millis(300), "only once");
}

#[tokio::test]
async fn faults_armed_over_http_and_refused_when_malformed() {
    let emu = emulator().await;
    let api = Api::new(&emu);
    let arm = |body: serde_json::Value| {
        api.send(api.http().post(api.url("/__emulator/faults")).json(&body))
    };
    let a = arm(json!({"method": "GET", "path": "/api/callback", "status": 503, "retryAfter": 2}))
        .await;
    assert_eq!(a.status, 204, "{:?}", a.body);
    let a = api.get("/api/callback").await;
    assert_eq!(
        (a.status, a.headers["retry-after"].to_str().unwrap()),
        (503, "2")
    );
    assert_error(
        &arm(json!({"body": "sideways"})).await,
        400,
        "error.validation.invalidJson",
    );
    assert_error(
        &arm(json!({"unknown": 1})).await,
        400,
        "error.validation.invalidJson",
    );
    assert_eq!(
        api.get("/api/callback").await.status,
        200,
        "nothing else armed"
    );
}

#[tokio::test]
async fn faults_apply_before_authentication() {
    let emu = emulator().await;
    emu.inject_fault(fault("", "", |f| f.status = Some(503)));
    let a = Api::with_auth(&emu, None).get("/api/callback").await;
    assert_error(&a, 503, "error.emulator.injectedFault");
    assert_eq!(emu.api_requests(), 0, "never reached the API");
}

#[tokio::test]
async fn the_request_log_leaves_out_controls_and_keeps_the_user_agent() {
    let emu = emulator().await;
    let api = Api::new(&emu);
    let id = api.create(json!({"name": "logged"})).await;
    api.get("/__emulator/stats").await;
    api.send(
        api.request(reqwest::Method::GET, &format!("/api/packages/{id}"))
            .header("user-agent", "emulator-tests/1.0"),
    )
    .await;
    api.get("/api/nothing").await;
    assert_eq!(
        emu.requests(),
        [
            "POST /api/packages".to_string(),
            format!("GET /api/packages/{id}"),
            "GET /api/nothing".to_string(),
        ]
    );
    assert_eq!(emu.last_user_agent(), None, "the last request had none");
    let log = api.get("/__emulator/requests").await;
    assert_eq!(log.body[1], json!(format!("GET /api/packages/{id}")));
    api.send(
        api.request(reqwest::Method::GET, "/api/callback")
            .header("user-agent", "ua/2"),
    )
    .await;
    assert_eq!(emu.last_user_agent().as_deref(), Some("ua/2"));

    // Reset forgets the log, the packages and the counts.
    assert_eq!(api.control("/reset").await.status, 204);
    assert!(emu.requests().is_empty());
    assert_eq!(emu.api_requests(), 0);
    assert_error(
        &api.get(&format!("/api/packages/{id}")).await,
        404,
        "error.notFound.packageNotFound",
    );
}
