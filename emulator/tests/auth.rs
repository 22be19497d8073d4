//! Authentication: the API key, the client-app token exchange and bearer tokens, expiry,
//! and the counters that record it all.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use common::*;
use onespan_sign_emulator::EmulatorOptions;
use serde_json::json;
use std::time::Duration;

#[tokio::test]
async fn the_api_key_is_accepted_as_basic() {
    let emu = emulator().await;
    let api = Api::new(&emu);
    let id = api.create(json!({"name": "k"})).await;
    let a = api.get(&format!("/api/packages/{id}")).await;
    assert_eq!(a.status, 200);
    assert_eq!(a.body["name"], "k");
    assert_eq!(emu.api_requests(), 2);
}

#[tokio::test]
async fn a_wrong_or_missing_key_is_401_with_onespans_error_body() {
    let emu = emulator().await;
    for auth in [
        Some("Basic not-the-key".to_string()),
        Some(format!("Bearer {}", emu.api_key())),
        Some(emu.api_key().to_string()),
        None,
    ] {
        let a = Api::with_auth(&emu, auth.clone())
            .get("/api/packages/whatever")
            .await;
        assert_error(&a, 401, "error.unauthorised.noUser");
        assert_eq!(a.body["name"], "Unauthorized", "{auth:?}");
    }
    // Refused requests are counted too.
    assert_eq!(emu.api_requests(), 4);
}

#[tokio::test]
async fn fixed_credentials_are_the_ones_accepted() {
    let mut opts = EmulatorOptions::default();
    opts.api_key = Some("fixed-key".into());
    opts.client_id = Some("fixed-id".into());
    opts.client_secret = Some("fixed-secret".into());
    let emu = emulator_with(opts).await;
    assert_eq!(
        (emu.api_key(), emu.client_id(), emu.client_secret()),
        ("fixed-key", "fixed-id", "fixed-secret")
    );
    let a = Api::with_auth(&emu, Some("Basic fixed-key".into()))
        .get("/api/callback")
        .await;
    assert_eq!(a.status, 200);
}

async fn exchange(api: &Api, body: serde_json::Value) -> Answer {
    api.post("/apitoken/clientApp/accessToken", body).await
}

#[tokio::test]
async fn client_app_credentials_exchange_for_a_bearer_token() {
    let emu = emulator().await;
    let anon = Api::with_auth(&emu, None);
    let before = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_millis() as u64;
    let a = exchange(
        &anon,
        json!({"clientId": emu.client_id(), "secret": emu.client_secret(), "type": "OWNER"}),
    )
    .await;
    assert_eq!(a.status, 200, "{:?}", a.body);
    let obj = a.body.as_object().unwrap();
    assert_eq!(obj.len(), 2, "exactly accessToken and expiresAt: {obj:?}");
    let token = obj["accessToken"].as_str().unwrap();
    // Epoch milliseconds, about 30 minutes ahead by default.
    let expires = obj["expiresAt"].as_u64().unwrap();
    assert!(expires >= before + 29 * 60 * 1000, "{expires} vs {before}");
    assert!(expires <= before + 31 * 60 * 1000, "{expires} vs {before}");

    let bearer = Api::with_auth(&emu, Some(format!("Bearer {token}")));
    let id = bearer.create(json!({"name": "with a token"})).await;
    assert_eq!(bearer.get(&format!("/api/packages/{id}")).await.status, 200);
    assert_eq!(emu.token_requests(), 1);
}

#[tokio::test]
async fn a_bad_exchange_is_refused() {
    let emu = emulator().await;
    let anon = Api::with_auth(&emu, None);
    let a = exchange(
        &anon,
        json!({"clientId": emu.client_id(), "secret": "wrong"}),
    )
    .await;
    assert_error(&a, 401, "error.unauthorised.noUser");
    let a = exchange(
        &anon,
        json!({"clientId": emu.client_id(), "secret": emu.client_secret(), "type": "ROOT"}),
    )
    .await;
    assert_error(&a, 400, "error.validation.invalidTokenType");
    let a = anon
        .send(
            anon.request(reqwest::Method::POST, "/apitoken/clientApp/accessToken")
                .body("{not json"),
        )
        .await;
    assert_error(&a, 400, "error.validation.invalidJson");
    // Every exchange is counted, refused or not.
    assert_eq!(emu.token_requests(), 3);
    let stats = anon.get("/__emulator/stats").await;
    assert_eq!(stats.body, json!({"tokenRequests": 3, "apiRequests": 0}));
}

async fn token(emu: &onespan_sign_emulator::Emulator) -> String {
    let a = exchange(
        &Api::with_auth(emu, None),
        json!({"clientId": emu.client_id(), "secret": emu.client_secret()}),
    )
    .await;
    assert_eq!(a.status, 200);
    a.body["accessToken"].as_str().unwrap().to_string()
}

#[tokio::test]
async fn an_expired_token_is_401() {
    let mut opts = EmulatorOptions::default();
    opts.token_ttl = Some(Duration::from_millis(300));
    let emu = emulator_with(opts).await;
    let bearer = Api::with_auth(&emu, Some(format!("Bearer {}", token(&emu).await)));
    assert_eq!(bearer.get("/api/callback").await.status, 200);
    tokio::time::sleep(Duration::from_millis(450)).await;
    assert_error(
        &bearer.get("/api/callback").await,
        401,
        "error.unauthorised.noUser",
    );
}

#[tokio::test]
async fn expiring_tokens_by_control_ends_them_now() {
    let emu = emulator().await;
    let bearer = Api::with_auth(&emu, Some(format!("Bearer {}", token(&emu).await)));
    assert_eq!(bearer.get("/api/callback").await.status, 200);
    emu.expire_tokens();
    assert_eq!(bearer.get("/api/callback").await.status, 401);

    // The same through the HTTP control.
    let bearer = Api::with_auth(&emu, Some(format!("Bearer {}", token(&emu).await)));
    assert_eq!(bearer.get("/api/callback").await.status, 200);
    assert_eq!(bearer.control("/tokens/expire").await.status, 204);
    assert_eq!(bearer.get("/api/callback").await.status, 401);
    // The API key is not a token: it keeps working.
    assert_eq!(Api::new(&emu).get("/api/callback").await.status, 200);
}

#[tokio::test]
async fn a_shorter_ttl_applies_to_tokens_issued_after_it() {
    let emu = emulator().await;
    let long = Api::with_auth(&emu, Some(format!("Bearer {}", token(&emu).await)));
    emu.set_token_ttl(Duration::from_millis(200));
    let short = Api::with_auth(&emu, Some(format!("Bearer {}", token(&emu).await)));
    tokio::time::sleep(Duration::from_millis(350)).await;
    assert_eq!(short.get("/api/callback").await.status, 401);
    assert_eq!(long.get("/api/callback").await.status, 200);
}
