//! Callback configuration, and events delivered to a receiver on loopback with the key.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use common::*;
use serde_json::json;
use std::time::Duration;

#[tokio::test]
async fn configuration_get_set_and_no_delete() {
    let emu = emulator().await;
    let api = Api::new(&emu);
    let a = api.get("/api/callback").await;
    assert_eq!(a.status, 200);
    assert_eq!(a.body, json!({"url": null, "key": null, "events": []}));

    let a = api
        .post("/api/callback", json!({"url": "https://example.com/hook", "events": ["PACKAGE_COMPLETE", "SOME_FUTURE_EVENT"]}))
        .await;
    assert_eq!(a.status, 200, "{:?}", a.body);
    let stored = json!({"url": "https://example.com/hook", "events": ["PACKAGE_COMPLETE", "SOME_FUTURE_EVENT"], "key": null});
    assert_eq!(a.body, stored);
    assert_eq!(api.get("/api/callback").await.body, stored);

    // No events given means none.
    let a = api
        .post(
            "/api/callback",
            json!({"url": "http://127.0.0.1:9/x", "key": "k"}),
        )
        .await;
    assert_eq!(a.body["events"], json!([]));
    assert_eq!(a.body["key"], "k");

    // The service has no DELETE here: 405, as a OneSpan error with a proper name.
    let a = api.delete("/api/callback").await;
    assert_eq!(a.status, 405);
    assert_eq!(a.body["code"], 405);
    assert_eq!(a.body["name"], "Method Not Allowed");
    assert_eq!(a.body["messageKey"], "error.methodNotAllowed");
    assert_eq!(
        api.get("/api/callback").await.body["key"],
        "k",
        "nothing removed"
    );

    // Disabling is registering no events.
    let a = api
        .post(
            "/api/callback",
            json!({"url": "http://127.0.0.1:9/x", "key": "k", "events": []}),
        )
        .await;
    assert_eq!(a.status, 200);
    assert_eq!(api.get("/api/callback").await.body["events"], json!([]));
}

#[tokio::test]
async fn connector_callbacks_are_stored_per_origin() {
    let emu = emulator().await;
    let api = Api::new(&emu);
    let sf = json!({"url": "https://sf.example.com/h", "key": "a2V5", "events": ["PACKAGE_COMPLETE"],
        "authType": "OAUTH2", "oauthSetting": {"clientId": "c", "clientSecret": "s"},
        "customHeaders": [{"key": "X-A", "value": "1"}]});
    let a = api
        .post("/api/callback/connectors/salesforceOauth2", sf.clone())
        .await;
    assert_eq!(a.status, 200, "{:?}", a.body);
    assert_eq!(
        api.get("/api/callback/connectors/salesforceOauth2")
            .await
            .body,
        sf
    );
    let other = api.get("/api/callback/connectors/dynamics2015").await;
    assert_eq!(other.status, 200);
    assert_eq!(other.body["url"], json!(null));
    assert_eq!(api.get("/api/callback").await.body["url"], json!(null));
    let a = api.get("/api/callback/connectors/nope").await;
    assert_error(&a, 404, "error.notFound.callbackOrigin");
    let a = api
        .post(
            "/api/callback/connectors/sharepoint",
            json!({"url": "ftp://x"}),
        )
        .await;
    assert_error(&a, 400, "error.validation.callback.invalidUrl");
}

#[tokio::test]
async fn a_bad_configuration_is_refused() {
    let emu = emulator().await;
    let api = Api::new(&emu);
    for (body, key) in [
        (
            json!({"events": []}),
            "error.validation.callback.invalidUrl",
        ),
        (
            json!({"url": "ftp://example.com"}),
            "error.validation.callback.invalidUrl",
        ),
        (
            json!({"url": "https://example.com", "events": "PACKAGE_COMPLETE"}),
            "error.validation.callback.invalidEvents",
        ),
        (
            json!({"url": "https://example.com", "events": [1]}),
            "error.validation.callback.invalidEvents",
        ),
    ] {
        assert_error(&api.post("/api/callback", body).await, 400, key);
    }
    assert_eq!(api.get("/api/callback").await.body["url"], json!(null));
}

#[tokio::test]
async fn events_asked_for_are_delivered_with_the_key_in_order() {
    let emu = emulator().await;
    let api = Api::new(&emu);
    let receiver = Receiver::start(vec![]).await;
    let a = api
        .post("/api/callback", json!({"url": receiver.url, "key": "cb-key-123", "events": ["PACKAGE_CREATE", "PACKAGE_ACTIVATE"]}))
        .await;
    assert_eq!(a.status, 200);
    let id = api.sent_package().await;
    // DOCUMENT_SIGNED is not asked for: recorded, not delivered.
    emu.sign_document(&id, "Signer1", None).unwrap();
    assert!(
        eventually(Duration::from_secs(5), || receiver.received().len() >= 2).await,
        "{:?}",
        emu.deliveries()
    );
    tokio::time::sleep(Duration::from_millis(200)).await;
    let got = receiver.received();
    assert_eq!(got.len(), 2, "{got:?}");
    for (r, name) in got.iter().zip(["PACKAGE_CREATE", "PACKAGE_ACTIVATE"]) {
        assert_eq!(r.authorization.as_deref(), Some("Basic cb-key-123"));
        assert!(r
            .content_type
            .as_deref()
            .unwrap()
            .starts_with("application/json"));
        assert_eq!(r.body["name"], name);
        assert_eq!(r.body["packageId"], json!(id));
        assert_eq!(
            r.body["@class"],
            "com.silanis.esl.packages.event.ESLProcessEvent"
        );
    }
    let deliveries = emu.deliveries();
    assert_eq!(deliveries.len(), 2);
    assert!(deliveries
        .iter()
        .all(|d| d.delivered && d.status == Some(200) && d.attempt == 1));
    assert_eq!(deliveries[0].event_name, "PACKAGE_CREATE");
    assert_eq!(deliveries[0].url, receiver.url);
    // Every event is recorded, delivered or not: the signer viewed and signed the consent,
    // then the one document.
    let names: Vec<_> = emu
        .events()
        .iter()
        .map(|e| e["name"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(
        names,
        [
            "PACKAGE_CREATE",
            "PACKAGE_ACTIVATE",
            "DOCUMENT_VIEWED",
            "DOCUMENT_SIGNED",
            "DOCUMENT_VIEWED",
            "DOCUMENT_SIGNED"
        ],
        "{:?}",
        emu.events()
    );
}

#[tokio::test]
async fn a_failed_delivery_is_recorded_and_never_resent() {
    // As the service: no retry (KB0014510); the integrator catches up by listing.
    let emu = emulator().await;
    let api = Api::new(&emu);
    let receiver = Receiver::start(vec![500, 503]).await;
    api.post(
        "/api/callback",
        json!({"url": receiver.url, "key": "k", "events": ["PACKAGE_CREATE"]}),
    )
    .await;
    api.create(json!({"name": "lost"})).await;
    assert!(eventually(Duration::from_secs(5), || !emu.deliveries().is_empty()).await);
    // Past when the first retry would have come (100 ms) and the second (300 ms more).
    tokio::time::sleep(Duration::from_millis(800)).await;
    let attempts: Vec<_> = emu
        .deliveries()
        .iter()
        .map(|d| (d.attempt, d.status, d.delivered))
        .collect();
    assert_eq!(attempts, [(1, Some(500), false)]);
    assert_eq!(receiver.received().len(), 1);
    // The next event is delivered on its own.
    api.create(json!({"name": "next"})).await;
    assert!(eventually(Duration::from_secs(5), || emu.deliveries().len() == 2).await);
    let second = &emu.deliveries()[1];
    assert_eq!((second.attempt, second.status), (1, Some(503)));
}

#[tokio::test]
async fn with_retry_deliveries_a_failed_delivery_is_retried_and_recorded() {
    let mut opts = onespan_sign_emulator::EmulatorOptions::default();
    opts.retry_deliveries = true;
    let emu = emulator_with(opts).await;
    let api = Api::new(&emu);
    let receiver = Receiver::start(vec![500, 503]).await;
    api.post(
        "/api/callback",
        json!({"url": receiver.url, "key": "k", "events": ["PACKAGE_CREATE"]}),
    )
    .await;
    api.create(json!({"name": "retried"})).await;
    assert!(
        eventually(Duration::from_secs(5), || emu
            .deliveries()
            .iter()
            .any(|d| d.delivered))
        .await,
        "{:?}",
        emu.deliveries()
    );
    let attempts: Vec<_> = emu
        .deliveries()
        .iter()
        .map(|d| (d.attempt, d.status, d.delivered))
        .collect();
    assert_eq!(
        attempts,
        [
            (1, Some(500), false),
            (2, Some(503), false),
            (3, Some(200), true)
        ]
    );
    assert_eq!(receiver.received().len(), 3);
    // Over HTTP, with the wire's names.
    let d = api.get("/__emulator/deliveries").await;
    assert_eq!(d.body[2]["eventName"], "PACKAGE_CREATE");
    assert_eq!(d.body[2]["delivered"], true);
    assert_eq!(d.body[0]["status"], 500);
}

#[tokio::test]
async fn an_unreachable_receiver_is_recorded_as_an_error() {
    let emu = emulator().await;
    let api = Api::new(&emu);
    // A port nothing listens on: bind one, then free it.
    let port = {
        let l = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        l.local_addr().unwrap().port()
    };
    api.post(
        "/api/callback",
        json!({"url": format!("http://127.0.0.1:{port}/hook"), "events": ["PACKAGE_CREATE"]}),
    )
    .await;
    api.create(json!({"name": "nobody home"})).await;
    assert!(eventually(Duration::from_secs(5), || !emu.deliveries().is_empty()).await);
    let first = &emu.deliveries()[0];
    assert_eq!(first.status, None);
    assert!(!first.delivered);
    assert!(first.error.as_deref().is_some_and(|e| !e.is_empty()));
}
