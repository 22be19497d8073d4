//! Both kinds of credentials, against the emulator.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use common::*;
use onespan_sign::models::Package;
use onespan_sign::{Client, ErrorKind};
use std::time::Duration;

#[tokio::test]
async fn api_key_is_accepted() {
    let emu = emulator().await;
    let client = api_key_client(&emu);
    let id = client
        .packages()
        .create(&Package::new("k"), &[])
        .await
        .unwrap();
    assert!(!id.is_empty());
    assert_eq!(
        emu.token_requests(),
        0,
        "an API key needs no token exchange"
    );
}

#[tokio::test]
async fn wrong_api_key_is_an_authentication_error() {
    let emu = emulator().await;
    let client = Client::builder()
        .api_key("not-the-key")
        .base_url(emu.base_url())
        .build()
        .unwrap();
    let err = client.packages().get("anything").await.unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Authentication);
    assert_eq!(err.status(), Some(401));
    let api = err.api().expect("an API error");
    assert_eq!(
        api.message_key.as_deref(),
        Some("error.unauthorised.noUser")
    );
    assert!(!err.to_string().contains("not-the-key"));
}

#[tokio::test]
async fn client_app_credentials_are_accepted() {
    let emu = emulator().await;
    let client = client_app_client(&emu);
    let id = client
        .packages()
        .create(&Package::new("c"), &[])
        .await
        .unwrap();
    let pkg = client.packages().get(&id).await.unwrap();
    assert_eq!(pkg.name.as_deref(), Some("c"));
    assert_eq!(emu.token_requests(), 1, "one token serves both calls");
}

#[tokio::test]
async fn wrong_client_secret_is_an_authentication_error() {
    let emu = emulator().await;
    let client = Client::builder()
        .client_app(emu.client_id(), "wrong-secret")
        .base_url(emu.base_url())
        .build()
        .unwrap();
    let err = client.packages().get("x").await.unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Authentication);
    assert!(!format!("{err} {err:?}").contains("wrong-secret"));
}

#[tokio::test]
async fn an_expiring_token_is_refreshed_unnoticed() {
    let emu = emulator_with_ttl(Duration::from_millis(400)).await;
    let client = client_app_client(&emu);
    let id = client
        .packages()
        .create(&Package::new("r"), &[])
        .await
        .unwrap();
    assert_eq!(emu.token_requests(), 1);
    tokio::time::sleep(Duration::from_millis(600)).await;
    client.packages().get(&id).await.unwrap();
    // A token is kept at least 30 s whatever its expiry says (a skewed clock must not cause
    // a fetch per call), so this one is refetched when the server refuses it, once.
    assert_eq!(
        emu.token_requests(),
        2,
        "refreshed, unnoticed by the caller"
    );
}

#[tokio::test]
async fn a_revoked_token_is_fetched_again_once_on_401() {
    let emu = emulator().await;
    let client = client_app_client(&emu);
    let id = client
        .packages()
        .create(&Package::new("v"), &[])
        .await
        .unwrap();
    emu.expire_tokens(); // the server forgets it; the client still thinks it is good
    let pkg = client.packages().get(&id).await.unwrap();
    assert_eq!(pkg.id.as_deref(), Some(id.as_str()));
    assert_eq!(emu.token_requests(), 2);
}

#[tokio::test]
async fn fifty_concurrent_calls_on_a_cold_client_fetch_one_token() {
    let emu = emulator().await;
    let client = client_app_client(&emu);
    let calls = (0..50).map(|i| {
        let c = client.clone();
        async move {
            c.packages()
                .create(&Package::new(format!("p{i}")), &[])
                .await
        }
    });
    let ids = futures::future::join_all(calls).await;
    assert!(ids.iter().all(Result::is_ok), "{ids:?}");
    assert_eq!(emu.token_requests(), 1);
}

#[tokio::test]
async fn hundred_concurrent_calls_after_expiry_fetch_one_more_token() {
    let emu = emulator().await;
    let client = client_app_client(&emu);
    client
        .packages()
        .create(&Package::new("warm"), &[])
        .await
        .unwrap();
    emu.expire_tokens();
    let calls = (0..100).map(|_| {
        let c = client.clone();
        async move { c.packages().create(&Package::new("p"), &[]).await }
    });
    let results = futures::future::join_all(calls).await;
    assert!(results.iter().all(Result::is_ok));
    assert_eq!(emu.token_requests(), 2, "all 401s share one refresh");
}

#[test]
fn no_credentials_is_an_error_at_construction() {
    // Only meaningful when the environment holds no ONESPAN_* credentials.
    if std::env::var("ONESPAN_API_KEY").is_ok() || std::env::var("ONESPAN_CLIENT_ID").is_ok() {
        return;
    }
    let err = Client::builder()
        .base_url("http://127.0.0.1:9")
        .build()
        .unwrap_err();
    assert_eq!(err.kind(), ErrorKind::InvalidArgument);
}

#[tokio::test]
async fn the_user_agent_names_the_sdk_and_its_version() {
    let emu = emulator().await;
    api_key_client(&emu).packages().get("p").await.unwrap_err();
    let ua = emu.last_user_agent().unwrap();
    assert_eq!(ua, format!("onespan-sign-rust/{}", onespan_sign::VERSION));
}
