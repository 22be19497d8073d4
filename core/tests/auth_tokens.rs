//! Signer and sender authentication tokens and the URLs built from them (signing session,
//! designer).
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use common::*;
use onespan_sign::models::Package;
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
    let url = client.auth_tokens().signing_url(&token, None).unwrap();
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
        let url = client.auth_tokens().signing_url(token, None).unwrap();
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
        open(&client.auth_tokens().signing_url(&token, None).unwrap()).await,
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
        client
            .auth_tokens()
            .signing_url("", None)
            .unwrap_err()
            .kind(),
        ErrorKind::InvalidArgument
    );
    assert_eq!(emu.api_requests(), 0);
}

#[tokio::test]
async fn sender_tokens_open_the_designer_once() {
    let emu = emulator().await;
    let client = api_key_client(&emu);
    let p = client
        .packages()
        .create(&Package::new("Draft to design"), &[])
        .await
        .unwrap();
    let token = client.auth_tokens().create_sender_token(&p).await.unwrap();
    assert!(!token.is_empty());
    let url = client.auth_tokens().designer_url(&token, &p).unwrap();
    let target = format!("{}/designer/{p}", emu.base_url());
    let mut expected = url::Url::parse(&format!("{}/auth", emu.base_url())).unwrap();
    expected
        .query_pairs_mut()
        .append_pair("senderAuthenticationToken", &token)
        .append_pair("target", &target);
    assert_eq!(url, expected.as_str());
    assert!(url.contains("&target=http%3A%2F%2F127.0.0.1"), "{url}");
    let page = reqwest::get(&url).await.unwrap();
    assert_eq!(page.status(), 200);
    assert!(page
        .text()
        .await
        .unwrap()
        .contains(&format!("Designer for package {p}")));
    assert_eq!(common::open(&url).await, 401, "single-use");

    let e = client
        .auth_tokens()
        .create_sender_token("no-such-package")
        .await
        .unwrap_err();
    assert_eq!(e.kind(), ErrorKind::NotFound);
    let e = client
        .auth_tokens()
        .create_sender_token(" ")
        .await
        .unwrap_err();
    assert_eq!(e.kind(), ErrorKind::InvalidArgument);
    let e = client.auth_tokens().designer_url(&token, "").unwrap_err();
    assert_eq!(e.kind(), ErrorKind::InvalidArgument);
    assert!(emu
        .requests()
        .iter()
        .all(|r| !r.contains("no-such") || r.starts_with("POST /api/authenticationTokens/sender")));
}

#[tokio::test]
async fn signing_urls_name_the_transaction_target_when_given_the_package() {
    let emu = emulator().await;
    let client = api_key_client(&emu);
    let p = sent_package(&client).await;
    let token = client
        .auth_tokens()
        .create_single_use(&p, "Signer1")
        .await
        .unwrap();
    let url = client.auth_tokens().signing_url(&token, Some(&p)).unwrap();
    assert_eq!(
        url,
        format!(
            "{}/auth?signerAuthenticationToken={token}&target={}",
            emu.base_url(),
            url::form_urlencoded::byte_serialize(
                format!("{}/transaction/{p}/sign", emu.base_url()).as_bytes()
            )
            .collect::<String>()
        )
    );
    assert_eq!(common::open(&url).await, 200);
    // An ID with a slash cannot add a path segment to the target.
    let odd = client.auth_tokens().signing_url("t", Some("a/b")).unwrap();
    assert!(odd.contains("transaction%2Fa%252Fb%2Fsign"), "{odd}");
}
