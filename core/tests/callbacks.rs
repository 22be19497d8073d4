//! Callback configuration, and event delivery end to end: configure → act → a receiver on
//! loopback verifies each event with the callback key, in order.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use axum::http::{HeaderMap, StatusCode};
use axum::routing::post;
use common::*;
use onespan_sign::models::CallbackConfig;
use onespan_sign::webhook::{self, EventName};
use onespan_sign::ErrorKind;
use std::sync::{Arc, Mutex};
use std::time::Duration;

/// What a receiver got: (Authorization header, body) per request.
type Inbox = Arc<Mutex<Vec<(Option<String>, Vec<u8>)>>>;

/// A webhook receiver on 127.0.0.1 that answers `failures` 500s before accepting.
async fn receiver(failures: usize) -> (String, Inbox) {
    let inbox: Inbox = Arc::default();
    let seen = inbox.clone();
    let failed = Arc::new(Mutex::new(0usize));
    let app = axum::Router::new().route(
        "/hook",
        post(move |headers: HeaderMap, body: axum::body::Bytes| {
            let seen = seen.clone();
            let failed = failed.clone();
            async move {
                let mut f = failed.lock().unwrap();
                if *f < failures {
                    *f += 1;
                    return StatusCode::INTERNAL_SERVER_ERROR;
                }
                let auth = headers
                    .get("authorization")
                    .map(|v| v.to_str().unwrap().to_string());
                seen.lock().unwrap().push((auth, body.to_vec()));
                StatusCode::OK
            }
        }),
    );
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let url = format!("http://{}/hook", listener.local_addr().unwrap());
    tokio::spawn(async move { axum::serve(listener, app).await });
    (url, inbox)
}

async fn wait_for(inbox: &Inbox, n: usize) -> Vec<(Option<String>, Vec<u8>)> {
    for _ in 0..200 {
        if inbox.lock().unwrap().len() >= n {
            break;
        }
        tokio::time::sleep(Duration::from_millis(25)).await;
    }
    inbox.lock().unwrap().clone()
}

fn events(names: &[&str]) -> Vec<String> {
    names.iter().map(|s| s.to_string()).collect()
}

#[tokio::test]
async fn get_set_delete() {
    let emu = emulator().await;
    let client = api_key_client(&emu);
    let empty = client.callbacks().get().await.unwrap();
    assert_eq!(empty.url, None);
    let config = CallbackConfig::new(
        "https://example.com/hook",
        Some("cb-key".into()),
        events(&["PACKAGE_COMPLETE"]),
    );
    let stored = client.callbacks().set(&config).await.unwrap();
    assert_eq!(stored, config);
    assert_eq!(client.callbacks().get().await.unwrap(), config);
    assert!(
        !format!("{stored:?}").contains("cb-key"),
        "the key never shows"
    );
    client.callbacks().delete().await.unwrap();
    assert_eq!(client.callbacks().get().await.unwrap().url, None);

    let bad = CallbackConfig::new("ftp://example.com", None, vec![]);
    assert_eq!(
        client.callbacks().set(&bad).await.unwrap_err().kind(),
        ErrorKind::InvalidArgument
    );
}

#[tokio::test]
async fn events_are_delivered_verified_and_in_order() {
    let emu = emulator().await;
    let client = api_key_client(&emu);
    let (url, inbox) = receiver(0).await;
    let wanted = [
        "PACKAGE_CREATE",
        "PACKAGE_ACTIVATE",
        "DOCUMENT_SIGNED",
        "SIGNER_COMPLETE",
        "PACKAGE_COMPLETE",
    ];
    client
        .callbacks()
        .set(&CallbackConfig::new(
            url,
            Some("s3cret-key".into()),
            events(&wanted),
        ))
        .await
        .unwrap();

    let p = sent_package(&client).await;
    emu.complete_signing(&p, "Signer1").unwrap();
    emu.complete_signing(&p, "Signer2").unwrap();
    client
        .packages()
        .update(&p, &Default::default())
        .await
        .unwrap(); // no event configured

    let got = wait_for(&inbox, 7).await;
    let names: Vec<_> = got
        .iter()
        .map(|(auth, body)| {
            let e = webhook::verify(body, auth.as_deref(), "s3cret-key").expect("verifies");
            assert_eq!(e.package_id.as_deref(), Some(p.as_str()));
            e.name
        })
        .collect();
    assert_eq!(
        names,
        [
            EventName::PackageCreate,
            EventName::PackageActivate,
            EventName::DocumentSigned,
            EventName::SignerComplete,
            EventName::DocumentSigned,
            EventName::SignerComplete,
            EventName::PackageComplete,
        ]
    );
    let wrong = webhook::verify(&got[0].1, got[0].0.as_deref(), "other-key").unwrap_err();
    assert_eq!(wrong.kind(), ErrorKind::WebhookVerification);
    assert!(emu
        .deliveries()
        .iter()
        .all(|d| d.delivered && d.attempt == 1));
}

#[tokio::test]
async fn failed_deliveries_are_retried() {
    let emu = emulator().await;
    let client = api_key_client(&emu);
    let (url, inbox) = receiver(2).await;
    client
        .callbacks()
        .set(&CallbackConfig::new(url, None, events(&["PACKAGE_CREATE"])))
        .await
        .unwrap();
    client
        .packages()
        .create(&two_signer_package("R"), &[])
        .await
        .unwrap();
    let got = wait_for(&inbox, 1).await;
    assert_eq!(got.len(), 1);
    assert_eq!(got[0].0, None, "no key configured, no Authorization header");
    let attempts: Vec<_> = emu
        .deliveries()
        .iter()
        .map(|d| (d.attempt, d.status, d.delivered))
        .collect();
    assert_eq!(
        attempts,
        [
            (1, Some(500), false),
            (2, Some(500), false),
            (3, Some(200), true)
        ]
    );
}

#[tokio::test]
async fn simulated_decline_carries_the_reason() {
    let emu = emulator().await;
    let client = api_key_client(&emu);
    let (url, inbox) = receiver(0).await;
    client
        .callbacks()
        .set(&CallbackConfig::new(
            url,
            Some("k".into()),
            events(&["PACKAGE_DECLINE"]),
        ))
        .await
        .unwrap();
    let p = sent_package(&client).await;
    emu.simulate_event(
        &p,
        "PACKAGE_DECLINE",
        Some("Signer2"),
        Some("Wrong address"),
    )
    .unwrap();
    let got = wait_for(&inbox, 1).await;
    let e = webhook::verify(&got[0].1, got[0].0.as_deref(), "k").unwrap();
    assert_eq!(e.name, EventName::PackageDecline);
    assert_eq!(e.message.as_deref(), Some("Wrong address"));
    assert_eq!(e.session_user.as_deref(), Some("Signer2"));
    assert_eq!(
        client.packages().get(&p).await.unwrap().status,
        Some(onespan_sign::models::PackageStatus::Declined)
    );
    assert!(emu
        .simulate_event(&p, "PACKAGE_COMPLETE", None, None)
        .is_err());
}
