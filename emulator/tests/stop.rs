//! Stopping: what was recorded stays readable, a request in flight is cut off rather than
//! answered, and no connection is accepted any more.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use common::*;
use onespan_sign_emulator::Fault;
use serde_json::json;
use std::time::{Duration, Instant};

#[tokio::test]
async fn what_was_recorded_is_readable_after_stop() {
    let emu = emulator().await;
    let api = Api::new(&emu);
    let receiver = Receiver::start(vec![]).await;
    api.post(
        "/api/callback",
        json!({"url": receiver.url, "key": "k", "events": ["PACKAGE_CREATE"]}),
    )
    .await;
    let id = api.sent_package().await;
    api.post(
        &format!("/api/packages/{id}/roles/Signer1/notifications"),
        json!({}),
    )
    .await;
    api.send(
        api.request(reqwest::Method::GET, "/api/callback")
            .header("user-agent", "before-stop/1"),
    )
    .await;
    api.post(
        "/apitoken/clientApp/accessToken",
        json!({"clientId": "x", "secret": "y"}),
    )
    .await;
    assert!(eventually(Duration::from_secs(5), || !emu.deliveries().is_empty()).await);

    emu.stop().await;
    assert!(emu.is_stopped());

    let deliveries = emu.deliveries();
    assert_eq!(deliveries.len(), 1);
    assert!(deliveries[0].delivered);
    assert_eq!(deliveries[0].event_name, "PACKAGE_CREATE");
    let names: Vec<_> = emu.events().iter().map(|e| e["name"].clone()).collect();
    assert_eq!(names, [json!("PACKAGE_CREATE"), json!("PACKAGE_ACTIVATE")]);
    assert_eq!(emu.requests().len(), 6, "{:?}", emu.requests());
    assert_eq!(emu.requests()[0], "POST /api/callback");
    assert_eq!(emu.notifications().len(), 1);
    assert_eq!(emu.notifications()[0].to, "ann@example.com");
    assert_eq!(emu.last_user_agent(), None, "the token request had none");
    assert_eq!(emu.token_requests(), 1);
    assert_eq!(emu.api_requests(), 5);
    // Stopping again is harmless.
    emu.stop().await;
    assert_eq!(emu.events().len(), 2);
}

#[tokio::test]
async fn stop_cuts_off_a_request_in_flight_and_refuses_new_connections() {
    let emu = emulator().await;
    let api = Api::new(&emu);
    let mut f = Fault::default();
    f.method = Some("POST".into());
    f.path = Some("/api/packages".into());
    f.delay_ms = Some(1500);
    emu.inject_fault(f);
    let in_flight = {
        let api = api.clone();
        tokio::spawn(async move {
            api.request(reqwest::Method::POST, "/api/packages")
                .json(&json!({"name": "too late"}))
                .send()
                .await
        })
    };
    assert!(
        eventually(Duration::from_secs(5), || emu.requests().len() == 1).await,
        "the request reached the emulator"
    );

    let started = Instant::now();
    emu.stop().await;
    let took = started.elapsed();
    assert!(took < Duration::from_millis(1000), "stop waited {took:?}");

    // The request fails at once (its connection was closed), long before its delay is up:
    // it is never answered.
    let outcome = tokio::time::timeout(Duration::from_millis(500), in_flight)
        .await
        .expect("the request ends as soon as the emulator stops")
        .unwrap();
    assert!(outcome.is_err(), "answered after stop: {outcome:?}");
    // And its handler never ran, not even later.
    tokio::time::sleep(Duration::from_millis(1700)).await;
    assert!(emu.events().is_empty(), "{:?}", emu.events());

    let addr = emu.base_url().trim_start_matches("http://").to_string();
    assert!(tokio::net::TcpStream::connect(&addr).await.is_err());
    assert!(api
        .request(reqwest::Method::GET, "/api/callback")
        .send()
        .await
        .is_err());
}

#[tokio::test]
async fn dropping_the_emulator_stops_it_too() {
    let emu = emulator().await;
    let addr = emu.base_url().trim_start_matches("http://").to_string();
    drop(emu);
    assert!(
        eventually(Duration::from_secs(2), || std::net::TcpStream::connect(
            &addr
        )
        .is_err())
        .await
    );
}
