//! Signer authentication tokens and the signing-session URLs built from them.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use common::*;
use onespan_sign::ErrorKind;
use onespan_sign_emulator::{Emulator, EmulatorOptions};
use std::time::Duration;

#[tokio::test]
async fn tokens_need_a_sent_package() {
    let emu = emulator().await;
    let client = api_key_client(&emu);
    let p = client
        .packages()
        .create(&two_signer_package("D"), &[])
        .await
        .unwrap();
    let err = client
        .auth_tokens()
        .create_single_use(&p, "Signer1")
        .await
        .unwrap_err();
    assert_eq!(err.kind(), ErrorKind::BadRequest);
    let api = err.api().unwrap();
    assert_eq!(
        api.message_key.as_deref(),
        Some("error.validation.invalidPackageState")
    );
    assert!(api.message.contains("invalid state"), "{}", api.message);
}

#[tokio::test]
async fn a_single_use_token_opens_one_session() {
    let emu = emulator().await;
    let client = api_key_client(&emu);
    let p = sent_package(&client).await;
    let token = client
        .auth_tokens()
        .create_single_use(&p, "Signer1")
        .await
        .unwrap();
    let url = client.auth_tokens().signing_url(&token).unwrap();
    assert_eq!(
        url,
        format!("{}/auth?signerAuthenticationToken={token}", emu.base_url())
    );
    assert_eq!(open(&url).await, 200);
    assert_eq!(open(&url).await, 401, "spent");
}

#[tokio::test]
async fn multi_use_and_signer_tokens_open_many_sessions_and_take_an_email() {
    let emu = emulator().await;
    let client = api_key_client(&emu);
    let p = sent_package(&client).await;
    let multi = client
        .auth_tokens()
        .create_multi_use(&p, "bob@example.com")
        .await
        .unwrap();
    let signer = client
        .auth_tokens()
        .create_signer_token(&p, "Signer2")
        .await
        .unwrap();
    assert_ne!(multi, signer);
    for token in [&multi, &signer] {
        let url = client.auth_tokens().signing_url(token).unwrap();
        assert_eq!(open(&url).await, 200);
        assert_eq!(open(&url).await, 200);
    }
}

#[tokio::test]
async fn unknown_signer_is_not_found() {
    let emu = emulator().await;
    let client = api_key_client(&emu);
    let p = sent_package(&client).await;
    let err = client
        .auth_tokens()
        .create_multi_use(&p, "nobody@example.com")
        .await
        .unwrap_err();
    assert_eq!(err.kind(), ErrorKind::NotFound);
    assert_eq!(
        err.api().unwrap().message_key.as_deref(),
        Some("error.notFound.signerNotFound")
    );
}

#[tokio::test]
async fn tokens_expire() {
    let mut opts = EmulatorOptions::default();
    opts.signer_token_ttl = Some(Duration::from_millis(300));
    let emu = Emulator::start_with(opts).await.unwrap();
    let client = api_key_client(&emu);
    let p = sent_package(&client).await;
    let token = client
        .auth_tokens()
        .create_multi_use(&p, "Signer1")
        .await
        .unwrap();
    tokio::time::sleep(Duration::from_millis(500)).await;
    assert_eq!(
        open(&client.auth_tokens().signing_url(&token).unwrap()).await,
        401
    );
}

#[tokio::test]
async fn bad_arguments_fail_before_any_request() {
    let emu = emulator().await;
    let client = api_key_client(&emu);
    assert_eq!(
        client
            .auth_tokens()
            .create_single_use("", "Signer1")
            .await
            .unwrap_err()
            .kind(),
        ErrorKind::InvalidArgument
    );
    assert_eq!(
        client
            .auth_tokens()
            .create_single_use("p", " ")
            .await
            .unwrap_err()
            .kind(),
        ErrorKind::InvalidArgument
    );
    assert_eq!(
        client.auth_tokens().signing_url("").unwrap_err().kind(),
        ErrorKind::InvalidArgument
    );
    assert_eq!(emu.api_requests(), 0);
}
