//! The OAuth 2.0 token endpoint (`POST /oauth2/token`, client credentials): JWT-shaped
//! tokens with `exp` and `sub`, accepted on `/api` until they expire; the OAuth error shape
//! for a wrong secret, a wrong grant type and a missing Basic header; the shared counter.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use base64::Engine;
use common::*;
use onespan_sign_emulator::{Emulator, EmulatorOptions};
use serde_json::{json, Value};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

fn basic(id: &str, secret: &str) -> String {
    format!(
        "Basic {}",
        base64::engine::general_purpose::STANDARD.encode(format!("{id}:{secret}"))
    )
}

async fn token_request(emu: &Emulator, authorization: Option<String>, form: &str) -> Answer {
    let api = Api::with_auth(emu, authorization);
    let req = api
        .http()
        .post(emu.oauth_token_url())
        .header("content-type", "application/x-www-form-urlencoded")
        .body(form.to_string());
    let req = match api_auth(&api) {
        Some(a) => req.header("authorization", a),
        None => req,
    };
    api.send(req).await
}

/// The Authorization header an `Api` carries (read back through a throwaway request).
fn api_auth(api: &Api) -> Option<String> {
    let r = api.request(reqwest::Method::GET, "/").build().unwrap();
    r.headers()
        .get("authorization")
        .map(|v| v.to_str().unwrap().to_string())
}

fn claims(token: &str) -> Value {
    let parts: Vec<&str> = token.split('.').collect();
    assert_eq!(parts.len(), 3, "header.payload.signature: {token}");
    let payload = base64::engine::general_purpose::URL_SAFE_NO_PAD
        .decode(parts[1])
        .unwrap();
    serde_json::from_slice(&payload).unwrap()
}

fn good(emu: &Emulator) -> Option<String> {
    Some(basic(emu.oauth_client_id(), emu.oauth_client_secret()))
}

#[tokio::test]
async fn the_token_endpoint_is_outside_api_and_issues_jwts() {
    let emu = emulator().await;
    assert_eq!(
        emu.oauth_token_url(),
        format!("{}/oauth2/token", emu.base_url())
    );
    let a = token_request(&emu, good(&emu), "grant_type=client_credentials").await;
    assert_eq!(a.status, 200, "{:?}", a.body);
    assert_eq!(a.body["token_type"], "Bearer");
    assert!(a.body["scope"].is_string());
    let expires_in = a.body["expires_in"].as_u64().unwrap();
    assert!((1790..=1800).contains(&expires_in), "{expires_in}");
    let c = claims(a.body["access_token"].as_str().unwrap());
    assert_eq!(c["sub"], emu.oauth_client_id());
    let now = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .unwrap()
        .as_secs();
    let exp = c["exp"].as_u64().unwrap();
    assert!(exp > now + 1790 && exp <= now + 1801, "{exp} vs {now}");
    assert_eq!(emu.token_requests(), 1);
    assert_eq!(
        emu.api_requests(),
        0,
        "the token endpoint is not under /api"
    );
}

#[tokio::test]
async fn the_token_is_accepted_on_api_until_it_expires() {
    let mut opts = EmulatorOptions::default();
    // Long enough that a loaded machine (CI's two cores) gets the first call in before it.
    opts.token_ttl = Some(Duration::from_millis(1500));
    let emu = emulator_with(opts).await;
    let a = token_request(&emu, good(&emu), "grant_type=client_credentials").await;
    let token = a.body["access_token"].as_str().unwrap().to_string();
    let api = Api::with_auth(&emu, Some(format!("Bearer {token}")));
    assert_eq!(
        api.get("/api/packages/none").await.status,
        404,
        "authorised"
    );
    tokio::time::sleep(Duration::from_millis(1700)).await;
    assert_error(
        &api.get("/api/packages/none").await,
        401,
        "error.unauthorised.noUser",
    );
}

#[tokio::test]
async fn expire_tokens_also_revokes_oauth_tokens() {
    let emu = emulator().await;
    let a = token_request(&emu, good(&emu), "grant_type=client_credentials").await;
    let token = a.body["access_token"].as_str().unwrap().to_string();
    emu.expire_tokens();
    let api = Api::with_auth(&emu, Some(format!("Bearer {token}")));
    assert_eq!(api.get("/api/packages/none").await.status, 401);
}

#[tokio::test]
async fn a_sender_id_becomes_the_subject() {
    let emu = emulator().await;
    let a = token_request(
        &emu,
        good(&emu),
        "grant_type=client_credentials&sender_id=snd%2B1",
    )
    .await;
    assert_eq!(a.status, 200);
    assert_eq!(
        claims(a.body["access_token"].as_str().unwrap())["sub"],
        "snd+1"
    );
}

#[tokio::test]
async fn refusals_have_the_oauth_error_shape_and_are_counted() {
    let emu = emulator().await;
    let cases = [
        (
            Some(basic(emu.oauth_client_id(), "wrong")),
            "grant_type=client_credentials",
            401,
            "invalid_client",
        ),
        (
            Some(basic("someone-else", emu.oauth_client_secret())),
            "grant_type=client_credentials",
            401,
            "invalid_client",
        ),
        (None, "grant_type=client_credentials", 401, "invalid_client"),
        (
            Some(format!("Bearer {}", emu.oauth_client_secret())),
            "grant_type=client_credentials",
            401,
            "invalid_client",
        ),
        (
            good(&emu),
            "grant_type=password",
            400,
            "unsupported_grant_type",
        ),
        (good(&emu), "", 400, "invalid_request"),
        // The client-app credentials are not OAuth credentials.
        (
            Some(basic(emu.client_id(), emu.client_secret())),
            "grant_type=client_credentials",
            401,
            "invalid_client",
        ),
    ];
    let n = cases.len() as u64;
    for (auth, form, status, error) in cases {
        let a = token_request(&emu, auth.clone(), form).await;
        assert_eq!(a.status, status, "{auth:?} {form}: {:?}", a.body);
        assert_eq!(a.body, json!({ "error": error }), "{auth:?} {form}");
    }
    assert_eq!(emu.token_requests(), n);
}

#[tokio::test]
async fn each_emulator_has_its_own_oauth_client() {
    let (a, b) = (emulator().await, emulator().await);
    assert_ne!(a.oauth_client_secret(), b.oauth_client_secret());
    assert_ne!(a.oauth_client_id(), a.client_id());
    let r = token_request(&a, good(&b), "grant_type=client_credentials").await;
    assert_eq!(r.status, 401);
}
