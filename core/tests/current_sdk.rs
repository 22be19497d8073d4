//! Requests as the current official SDK (11.68.0) makes them: client-app tokens acting as
//! a sender (`type: SENDER` + `email`), the esl-api-version on every JSON request, the token
//! answer read as the SDK reads it (exactly 200).
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use common::servers::{epoch_ms, fake_service, token_reply, Reply};
use common::{api_key_client, emulator, sent_package};
use onespan_sign::models::Package;
use onespan_sign::{Client, ErrorKind, ESL_API_VERSION};
use std::time::{Duration, SystemTime};

fn in_half_an_hour() -> u64 {
    epoch_ms(SystemTime::now() + Duration::from_secs(1800))
}

#[tokio::test]
async fn owner_tokens_leave_the_email_out_and_sender_tokens_name_it() {
    let server = fake_service(|n| token_reply(&format!("t{n}"), in_half_an_hour())).await;
    let owner = Client::builder()
        .client_app("app", "secret")
        .base_url(server.url())
        .build()
        .unwrap();
    owner.packages().get("p1").await.unwrap();
    let sender = Client::builder()
        .client_app("app", "secret")
        .sender_email("ann.sender@example.com")
        .base_url(server.url())
        .build()
        .unwrap();
    sender.packages().get("p2").await.unwrap();
    let bodies: Vec<serde_json::Value> = server
        .requests()
        .iter()
        .filter(|r| r.path() == "/apitoken/clientApp/accessToken")
        .map(|r| serde_json::from_str(&r.body_text()).unwrap())
        .collect();
    assert_eq!(
        bodies[0],
        serde_json::json!({"clientId": "app", "secret": "secret", "type": "OWNER"})
    );
    assert_eq!(
        bodies[1],
        serde_json::json!({"clientId": "app", "secret": "secret", "type": "SENDER",
                           "email": "ann.sender@example.com"})
    );
}

#[tokio::test]
async fn the_emulator_records_which_sender_acted() {
    let emu = emulator().await;
    let as_sender = Client::builder()
        .client_app(emu.client_id(), emu.client_secret())
        .sender_email("ann.sender@example.com")
        .base_url(emu.base_url())
        .build()
        .unwrap();
    let id = as_sender
        .packages()
        .create(&Package::new("By Ann"), &[])
        .await
        .unwrap();
    assert_eq!(
        emu.last_sender(),
        Some(serde_json::json!({"email": "ann.sender@example.com"}))
    );
    let pkg = as_sender.packages().get(&id).await.unwrap();
    assert_eq!(
        pkg.sender.clone().unwrap()["email"],
        "ann.sender@example.com"
    );

    // The owner (API key, or client-app OWNER tokens) acts as the account owner.
    let owner = common::client_app_client(&emu);
    let id = owner
        .packages()
        .create(&Package::new("By the owner"), &[])
        .await
        .unwrap();
    assert_eq!(
        emu.last_sender(),
        Some(serde_json::json!({"id": emu.sender_id(), "email": emu.sender_email()}))
    );
    let pkg = owner.packages().get(&id).await.unwrap();
    assert_eq!(pkg.sender.clone().unwrap()["email"], emu.sender_email());
    assert_eq!(emu.token_requests(), 2);
}

#[tokio::test]
async fn sender_email_is_checked_and_goes_with_client_app_credentials_only() {
    for bad in ["", "no-at-sign", "a@b@c", "a b@example.com"] {
        let e = Client::builder()
            .client_app("app", "secret")
            .sender_email(bad)
            .base_url("http://127.0.0.1:1")
            .build()
            .unwrap_err();
        assert_eq!(e.kind(), ErrorKind::InvalidArgument, "{bad:?}: {e}");
    }
    let e = Client::builder()
        .api_key("k")
        .sender_email("ann@example.com")
        .base_url("http://127.0.0.1:1")
        .build()
        .unwrap_err();
    assert!(
        e.to_string().contains("sender_email goes with client-app"),
        "{e}"
    );
}

#[tokio::test]
async fn a_wrong_secret_as_sender_is_an_authentication_error() {
    let emu = emulator().await;
    let client = Client::builder()
        .client_app(emu.client_id(), "wrong")
        .sender_email("ann.sender@example.com")
        .base_url(emu.base_url())
        .build()
        .unwrap();
    let e = client.packages().get("p").await.unwrap_err();
    assert_eq!(e.kind(), ErrorKind::Authentication, "{e}");
    assert_eq!(e.status(), Some(401));
}

#[tokio::test]
async fn every_json_request_names_the_api_version() {
    assert_eq!(ESL_API_VERSION, "11.68.0");
    let server = fake_service(|n| token_reply(&format!("t{n}"), in_half_an_hour())).await;
    let client = Client::builder()
        .client_app("app", "secret")
        .base_url(server.url())
        .build()
        .unwrap();
    client.packages().get("p1").await.unwrap();
    let _ = client.packages().update("p1", &Package::new("x")).await;
    let wanted = "application/json; esl-api-version=11.68.0";
    for r in server.requests() {
        assert_eq!(
            r.header("accept"),
            Some(wanted),
            "{} {}",
            r.method,
            r.path()
        );
        if r.method != "GET" {
            assert_eq!(r.header("content-type"), Some(wanted), "{}", r.path());
        }
    }
    let pinned = Client::builder()
        .api_key("k")
        .esl_api_version("11.70.1")
        .base_url(server.url())
        .build()
        .unwrap();
    pinned.packages().get("p2").await.unwrap();
    let last = server.requests().last().cloned().unwrap();
    assert_eq!(
        last.header("accept"),
        Some("application/json; esl-api-version=11.70.1")
    );
    for bad in ["", "1;x=2", "11.68.0\r\nX: y", "a b"] {
        let e = Client::builder()
            .api_key("k")
            .esl_api_version(bad)
            .base_url(server.url())
            .build()
            .unwrap_err();
        assert_eq!(e.kind(), ErrorKind::InvalidArgument, "{bad:?}");
    }
}

#[tokio::test]
async fn the_emulator_accepts_the_version_parameter_on_every_media_type() {
    let emu = emulator().await;
    let client = api_key_client(&emu);
    let p = sent_package(&client).await;
    assert_eq!(client.packages().get(&p).await.unwrap().id, Some(p.clone()));
    // The signature image asks for a bare image type; the sender's exists from the start.
    let png = client
        .senders()
        .signature_image(emu.sender_id(), None)
        .await
        .unwrap();
    assert_eq!(&png[..8], b"\x89PNG\r\n\x1a\n");
}

#[tokio::test]
async fn a_token_answer_other_than_200_is_refused() {
    let server = fake_service(|_| {
        Reply::json(
            201,
            serde_json::json!({"accessToken": "t", "expiresAt": in_half_an_hour()}),
        )
    })
    .await;
    let client = Client::builder()
        .client_app("app", "secret")
        .base_url(server.url())
        .build()
        .unwrap();
    let e = client.packages().get("p").await.unwrap_err();
    assert_eq!(e.kind(), ErrorKind::UnexpectedResponse, "{e}");
    assert!(e.to_string().contains("not 200"), "{e}");
}

fn sender_client(emu: &onespan_sign_emulator::Emulator) -> Client {
    Client::builder()
        .client_app(emu.client_id(), emu.client_secret())
        .sender_email("ann.sender@example.com")
        .base_url(emu.base_url())
        .build()
        .unwrap()
}

#[tokio::test]
async fn an_expiring_sender_token_is_refreshed_and_a_revoked_one_refetched() {
    let emu = common::emulator_with_ttl(Duration::from_millis(400)).await;
    let client = sender_client(&emu);
    let id = client
        .packages()
        .create(&Package::new("r"), &[])
        .await
        .unwrap();
    tokio::time::sleep(Duration::from_millis(1100)).await;
    let pkg = client.packages().get(&id).await.unwrap();
    assert_eq!(pkg.sender.unwrap()["email"], "ann.sender@example.com");
    assert_eq!(emu.token_requests(), 2);
    emu.expire_tokens();
    client.packages().get(&id).await.unwrap();
    assert_eq!(emu.token_requests(), 3);
    assert_eq!(
        emu.last_sender(),
        Some(serde_json::json!({"email": "ann.sender@example.com"}))
    );
}

#[tokio::test]
async fn fifty_concurrent_calls_on_a_cold_sender_client_fetch_one_token() {
    let emu = emulator().await;
    let client = sender_client(&emu);
    let calls = (0..50).map(|i| {
        let client = client.clone();
        async move {
            client
                .packages()
                .create(&Package::new(format!("p{i}")), &[])
                .await
        }
    });
    let ids = futures::future::join_all(calls).await;
    let unique: std::collections::HashSet<String> = ids.into_iter().map(|r| r.unwrap()).collect();
    assert_eq!(unique.len(), 50);
    assert_eq!(emu.token_requests(), 1);
}
