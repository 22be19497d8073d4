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

/// Set (to the test's name) in the child process that `in_child_without_onespan_env` starts.
/// Not an `ONESPAN_` name, so that clearing those leaves it.
const CHILD_MARKER: &str = "AUTH_RS_CHILD_TEST";

/// Runs the test `name` of this binary again, in a child process whose environment holds no
/// `ONESPAN_*` variable, and fails unless it ran there and passed. Returns false in that
/// child, where the caller goes on to its assertions.
///
/// The builder reads `ONESPAN_*` for whatever it is not given, and a developer's shell or a
/// CI job may well set them; changing this process's environment instead would race with
/// the tests running beside it, which build clients (and so read it) on other threads.
fn in_child_without_onespan_env(name: &str) -> bool {
    if std::env::var(CHILD_MARKER).as_deref() == Ok(name) {
        let left: Vec<String> = std::env::vars()
            .map(|(k, _)| k)
            .filter(|k| k.starts_with("ONESPAN_"))
            .collect();
        assert!(left.is_empty(), "the child still has {left:?}");
        return false;
    }
    let mut child = std::process::Command::new(std::env::current_exe().unwrap());
    child
        .args([name, "--exact", "--nocapture", "--test-threads=1"])
        .env(CHILD_MARKER, name);
    for (k, _) in std::env::vars_os() {
        if k.to_string_lossy().starts_with("ONESPAN_") {
            child.env_remove(k);
        }
    }
    let out = child.output().unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    let report = format!("{stdout}{}", String::from_utf8_lossy(&out.stderr));
    assert!(
        out.status.success(),
        "{name} failed in the child:\n{report}"
    );
    // A filter that matched nothing would also succeed: make sure the test ran.
    assert!(
        stdout.contains("1 passed"),
        "{name} did not run in the child:\n{report}"
    );
    true
}

#[test]
fn no_credentials_is_an_error_at_construction() {
    if in_child_without_onespan_env("no_credentials_is_an_error_at_construction") {
        return;
    }
    let err = Client::builder()
        .base_url("http://127.0.0.1:9")
        .build()
        .unwrap_err();
    assert_eq!(err.kind(), ErrorKind::InvalidArgument);
    let message = err.to_string();
    assert!(
        message.contains("no credentials") && message.contains("ONESPAN_API_KEY"),
        "{message}"
    );
}

#[tokio::test]
async fn the_user_agent_names_the_sdk_and_its_version() {
    let emu = emulator().await;
    api_key_client(&emu).packages().get("p").await.unwrap_err();
    let ua = emu.last_user_agent().unwrap();
    assert_eq!(ua, format!("onespan-sign-rust/{}", onespan_sign::VERSION));
}
