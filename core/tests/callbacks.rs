//! Callback configuration, and event delivery end to end: configure → act → a receiver on
//! loopback verifies each event with the callback key, in order.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use axum::http::{HeaderMap, StatusCode};
use axum::routing::post;
use common::*;
use onespan_sign::models::{CallbackAuthType, CallbackConfig, KeyValue, OAuthMechanism};
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
async fn get_set_disable() {
    let emu = emulator().await;
    let client = api_key_client(&emu);
    let empty = client.callbacks().get(None).await.unwrap();
    assert_eq!(empty.url, None);
    let config = CallbackConfig::new(
        "https://example.com/hook",
        Some("cb-key".into()),
        events(&["PACKAGE_COMPLETE"]),
    );
    client.callbacks().set(&config, None).await.unwrap();
    let stored = client.callbacks().get(None).await.unwrap();
    assert_eq!(stored, config);
    assert!(
        !format!("{stored:?}").contains("cb-key"),
        "the key never shows"
    );
    client.callbacks().disable().await.unwrap();
    let disabled = client.callbacks().get(None).await.unwrap();
    assert_eq!(disabled.events, Some(vec![]), "no events any more");
    assert_eq!(disabled.url, config.url, "the URL stays");
    let mut expected = config.clone();
    expected.events = Some(vec![]);
    assert_eq!(disabled, expected, "the key stays too");

    let bad = CallbackConfig::new("ftp://example.com", None, vec![]);
    assert_eq!(
        client.callbacks().set(&bad, None).await.unwrap_err().kind(),
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
        .set(
            &CallbackConfig::new(url, Some("s3cret-key".into()), events(&wanted)),
            None,
        )
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

    let got = wait_for(&inbox, 9).await;
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
            // Each signer signs the consent document and the lease.
            EventName::DocumentSigned,
            EventName::DocumentSigned,
            EventName::SignerComplete,
            EventName::DocumentSigned,
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
async fn a_failed_delivery_is_not_resent() {
    // As the service (KB0014510): one attempt, recorded.
    let emu = emulator().await;
    let client = api_key_client(&emu);
    let (url, inbox) = receiver(2).await;
    client
        .callbacks()
        .set(
            &CallbackConfig::new(url, None, events(&["PACKAGE_CREATE"])),
            None,
        )
        .await
        .unwrap();
    client
        .packages()
        .create(&two_signer_package("R"), &[])
        .await
        .unwrap();
    tokio::time::sleep(std::time::Duration::from_millis(800)).await;
    assert!(inbox.lock().unwrap().is_empty());
    let attempts: Vec<_> = emu
        .deliveries()
        .iter()
        .map(|d| (d.attempt, d.status, d.delivered))
        .collect();
    assert_eq!(attempts, [(1, Some(500), false)]);
}

#[tokio::test]
async fn failed_deliveries_are_retried_when_the_emulator_is_told_to() {
    let mut opts = onespan_sign_emulator::EmulatorOptions::default();
    opts.retry_deliveries = true;
    let emu = onespan_sign_emulator::Emulator::start_with(opts)
        .await
        .unwrap();
    let client = api_key_client(&emu);
    let (url, inbox) = receiver(2).await;
    client
        .callbacks()
        .set(
            &CallbackConfig::new(url, None, events(&["PACKAGE_CREATE"])),
            None,
        )
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
        .set(
            &CallbackConfig::new(url, Some("k".into()), events(&["PACKAGE_DECLINE"])),
            None,
        )
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

#[tokio::test]
async fn authentication_settings_round_trip_typed_and_secrets_never_show() {
    let emu = emulator().await;
    let client = api_key_client(&emu);
    let config: CallbackConfig = serde_json::from_value(serde_json::json!({
        "url": "https://example.com/hook",
        "key": "cb-key-9",
        "events": ["PACKAGE_COMPLETE"],
        "authType": "OAUTH2",
        "oauthSetting": {
            "clientId": "cid", "clientSecret": "oauth-secret-1",
            "authorizationServerUrl": "https://auth.example.com/token",
            "scope": "hooks", "grantType": "client_credentials", "ignoreSsl": false,
            "username": "u", "password": "oauth-pass-2", "authMechanism": "BASIC_AUTH",
            "customParameters": [{"key": "audience", "value": "esl"}]
        },
        "customHeaders": [{"key": "X-Tenant", "value": "t1"}]
    }))
    .unwrap();
    assert_eq!(config.auth_type, Some(CallbackAuthType::Oauth2));
    let o = config.oauth_setting.clone().unwrap();
    assert_eq!(o.auth_mechanism, Some(OAuthMechanism::BasicAuth));
    assert_eq!(
        o.custom_parameters,
        Some(vec![KeyValue::new("audience", "esl")])
    );
    assert_eq!(
        config.custom_headers,
        Some(vec![KeyValue::new("X-Tenant", "t1")])
    );
    client.callbacks().set(&config, None).await.unwrap();
    let stored = client.callbacks().get(None).await.unwrap();
    assert_eq!(stored, config);
    let shown = format!("{stored:?} {o:?}");
    for secret in ["cb-key-9", "oauth-secret-1", "oauth-pass-2"] {
        assert!(!shown.contains(secret), "{secret} shows in {shown}");
    }
    assert!(shown.contains("cid") && shown.contains("BasicAuth"));

    // Unknown values of the open enums are kept.
    let odd: CallbackConfig =
        serde_json::from_value(serde_json::json!({"authType": "MTLS"})).unwrap();
    assert_eq!(odd.auth_type, Some(CallbackAuthType::Other("MTLS".into())));
}

#[tokio::test]
async fn connector_callbacks_are_per_origin_and_an_unknown_origin_is_refused() {
    let emu = emulator().await;
    let client = api_key_client(&emu);
    let sf = CallbackConfig::new(
        "https://sf.example.com/h",
        None,
        events(&["PACKAGE_COMPLETE"]),
    );
    let dyn15 = CallbackConfig::new("https://d.example.com/h", None, events(&["PACKAGE_CREATE"]));
    client
        .callbacks()
        .set(&sf, Some("salesforceOauth2"))
        .await
        .unwrap();
    client
        .callbacks()
        .set(&dyn15, Some("dynamics2015"))
        .await
        .unwrap();
    assert_eq!(
        client
            .callbacks()
            .get(Some("salesforceOauth2"))
            .await
            .unwrap(),
        sf
    );
    assert_eq!(
        client.callbacks().get(Some("dynamics2015")).await.unwrap(),
        dyn15
    );
    assert_eq!(
        client
            .callbacks()
            .get(Some("sharepoint"))
            .await
            .unwrap()
            .url,
        None
    );
    assert_eq!(
        client.callbacks().get(None).await.unwrap().url,
        None,
        "the account's is apart"
    );
    for bad in ["nope", "", "../callback"] {
        assert_eq!(
            client.callbacks().get(Some(bad)).await.unwrap_err().kind(),
            ErrorKind::InvalidArgument
        );
        assert_eq!(
            client
                .callbacks()
                .set(&sf, Some(bad))
                .await
                .unwrap_err()
                .kind(),
            ErrorKind::InvalidArgument
        );
    }
}

#[tokio::test]
async fn set_and_reorder_succeed_whatever_2xx_body_comes_back() {
    use common::servers::{Reply, Server};
    let role = serde_json::json!({"id": "A", "index": 1});
    let server = Server::start(move |r| match (r.method.as_str(), r.path()) {
        ("POST", "/api/callback") => Reply::status(200).body(b"OK, saved".to_vec()),
        ("PUT", _) => Reply::status(204),
        ("GET", _) => Reply::json(
            200,
            serde_json::json!({"results": [role.clone()], "count": 1}),
        ),
        _ => Reply::status(404),
    })
    .await;
    let client = onespan_sign::Client::builder()
        .api_key("k")
        .base_url(server.url())
        .build()
        .unwrap();
    let config = CallbackConfig::new("https://example.com/h", None, vec![]);
    client.callbacks().set(&config, None).await.unwrap();
    let roles = client.roles().reorder("p1", &["A".into()]).await.unwrap();
    assert_eq!(roles[0].id.as_deref(), Some("A"));
}

#[tokio::test]
async fn delete_on_the_configuration_is_405_with_a_onespan_error() {
    let emu = emulator().await;
    let r = reqwest::Client::new()
        .delete(format!("{}/api/callback", emu.base_url()))
        .header("Authorization", format!("Basic {}", emu.api_key()))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status().as_u16(), 405);
    let body: serde_json::Value = r.json().await.unwrap();
    assert_eq!(body["code"], 405);
    assert_eq!(body["name"], "Method Not Allowed");
    assert!(body["messageKey"].is_string());
}

#[test]
fn the_salesforce_key_is_base64_of_the_documented_json() {
    use base64::Engine;
    let key =
        onespan_sign::salesforce_key("https://acme.my.salesforce.com", "cid", "rt-s3cret").unwrap();
    let json: serde_json::Value = serde_json::from_slice(
        &base64::engine::general_purpose::STANDARD
            .decode(&key)
            .unwrap(),
    )
    .unwrap();
    assert_eq!(
        json,
        serde_json::json!({"host": "https://acme.my.salesforce.com", "client_id": "cid",
                           "refresh_token": "rt-s3cret"})
    );
    for (h, c, r) in [("", "c", "r"), ("h", " ", "r"), ("h", "c", "a\nb")] {
        let e = onespan_sign::salesforce_key(h, c, r).unwrap_err();
        assert_eq!(e.kind(), ErrorKind::InvalidArgument);
        assert!(!e.to_string().contains("a\nb"));
    }
}
