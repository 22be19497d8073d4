//! OAuth 2.0 client credentials, against the emulator's token endpoint (and a scripted
//! server for what the emulator does not do). The log-capturing test installs the global
//! subscriber: it is the only one here that does.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use common::servers::{Reply, Server};
use common::*;
use onespan_sign::models::Package;
use onespan_sign::{Client, ErrorKind};
use onespan_sign_emulator::Emulator;
use std::io::Write;
use std::sync::{Arc, Mutex};
use std::time::Duration;

fn oauth_client(emu: &Emulator) -> Client {
    Client::builder()
        .oauth(
            emu.oauth_client_id(),
            emu.oauth_client_secret(),
            emu.oauth_token_url(),
        )
        .base_url(emu.base_url())
        .build()
        .expect("client builds")
}

#[tokio::test]
async fn oauth_credentials_are_accepted() {
    let emu = emulator().await;
    let client = oauth_client(&emu);
    let id = client
        .packages()
        .create(&Package::new("o"), &[])
        .await
        .unwrap();
    let pkg = client.packages().get(&id).await.unwrap();
    assert_eq!(pkg.name.as_deref(), Some("o"));
    assert_eq!(emu.token_requests(), 1, "one token serves both calls");
}

#[tokio::test]
async fn a_sender_id_is_accepted() {
    let emu = emulator().await;
    let client = Client::builder()
        .oauth(
            emu.oauth_client_id(),
            emu.oauth_client_secret(),
            emu.oauth_token_url(),
        )
        .sender_id("sender-42")
        .base_url(emu.base_url())
        .build()
        .unwrap();
    client
        .packages()
        .create(&Package::new("s"), &[])
        .await
        .unwrap();
}

#[tokio::test]
async fn wrong_secret_is_an_authentication_error() {
    let emu = emulator().await;
    let client = Client::builder()
        .oauth(
            emu.oauth_client_id(),
            "wrong-oauth-secret",
            emu.oauth_token_url(),
        )
        .base_url(emu.base_url())
        .build()
        .unwrap();
    let err = client.packages().get("x").await.unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Authentication);
    assert_eq!(err.status(), Some(401));
    let shown = format!("{err} {err:?}");
    assert!(shown.contains("invalid_client"), "{shown}");
    assert!(!shown.contains("wrong-oauth-secret"), "{shown}");
}

#[tokio::test]
async fn an_expiring_token_is_refreshed_unnoticed() {
    let emu = emulator_with_ttl(Duration::from_millis(400)).await;
    let client = oauth_client(&emu);
    let id = client
        .packages()
        .create(&Package::new("r"), &[])
        .await
        .unwrap();
    assert_eq!(emu.token_requests(), 1);
    tokio::time::sleep(Duration::from_millis(1100)).await;
    client.packages().get(&id).await.unwrap();
    assert_eq!(
        emu.token_requests(),
        2,
        "refreshed, unnoticed by the caller"
    );
}

#[tokio::test]
async fn a_revoked_token_is_fetched_again_once_on_401() {
    let emu = emulator().await;
    let client = oauth_client(&emu);
    let id = client
        .packages()
        .create(&Package::new("v"), &[])
        .await
        .unwrap();
    emu.expire_tokens();
    client.packages().get(&id).await.unwrap();
    assert_eq!(emu.token_requests(), 2);
}

#[tokio::test]
async fn fifty_concurrent_calls_on_a_cold_client_fetch_one_token() {
    let emu = emulator().await;
    let client = oauth_client(&emu);
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

/// A JWT-shaped token whose payload is `claims` (unsigned: the client does not check).
fn jwt(claims: serde_json::Value) -> String {
    use base64::Engine;
    let b64 = base64::engine::general_purpose::URL_SAFE_NO_PAD;
    format!(
        "{}.{}.sig",
        b64.encode(br#"{"alg":"none"}"#),
        b64.encode(claims.to_string())
    )
}

/// A token endpoint and an API on one scripted server; `token` answers the n-th fetch.
async fn scripted(token: impl Fn(usize) -> Reply + Send + Sync + 'static) -> Server {
    let n = std::sync::atomic::AtomicUsize::new(0);
    Server::start(move |req| {
        if req.method == "POST" && req.path() == "/token" {
            return token(n.fetch_add(1, std::sync::atomic::Ordering::SeqCst) + 1);
        }
        Reply::json(200, serde_json::json!({"id": "p", "name": "fake"}))
    })
    .await
}

fn scripted_client(server: &Server) -> Client {
    Client::builder()
        .oauth("cid", "csecret", format!("{}/token", server.url()))
        .sender_id("snd")
        .base_url(server.url())
        .build()
        .unwrap()
}

#[tokio::test]
async fn the_request_is_form_encoded_with_basic_auth() {
    let server = scripted(|_| {
        Reply::json(
            200,
            serde_json::json!({"access_token": "opaque", "token_type": "Bearer", "scope": "x", "expires_in": 300}),
        )
    })
    .await;
    scripted_client(&server).packages().get("p").await.unwrap();
    let reqs = server.requests();
    let token = reqs.iter().find(|r| r.path() == "/token").unwrap();
    use base64::Engine;
    let want = format!(
        "Basic {}",
        base64::engine::general_purpose::STANDARD.encode("cid:csecret")
    );
    assert_eq!(token.header("authorization"), Some(want.as_str()));
    assert!(token
        .header("content-type")
        .unwrap_or("")
        .starts_with("application/x-www-form-urlencoded"));
    assert_eq!(
        token.body_text(),
        "grant_type=client_credentials&sender_id=snd"
    );
    let api = reqs.iter().find(|r| r.path().starts_with("/api/")).unwrap();
    assert_eq!(api.header("authorization"), Some("Bearer opaque"));
}

#[tokio::test]
async fn the_jwt_exp_wins_over_expires_in() {
    // exp says the token is good for an hour; expires_in says one second. Read from exp,
    // the token serves three calls spread over 1.5 s with one fetch.
    let exp = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_secs()
        + 3600;
    let server = scripted(move |n| {
        Reply::json(
            200,
            serde_json::json!({"access_token": jwt(serde_json::json!({"sub": "x", "exp": exp, "n": n})), "expires_in": 1}),
        )
    })
    .await;
    let client = scripted_client(&server);
    for _ in 0..3 {
        client.packages().get("p").await.unwrap();
        tokio::time::sleep(Duration::from_millis(500)).await;
    }
    assert_eq!(server.count("POST", "/token"), 1);
}

#[tokio::test]
async fn a_redirect_from_the_token_endpoint_is_refused() {
    let server = scripted(|_| Reply::status(302).header("location", "/elsewhere")).await;
    let err = scripted_client(&server)
        .packages()
        .get("p")
        .await
        .unwrap_err();
    assert_eq!(err.kind(), ErrorKind::UnexpectedResponse, "{err}");
    assert_eq!(server.count("GET", "/elsewhere"), 0);
    assert_eq!(server.count("POST", "/elsewhere"), 0);
}

#[test]
fn one_kind_of_credentials_per_client() {
    let oauth = || Client::builder().oauth("i", "s", "https://auth.example.com/token");
    for b in [
        oauth().api_key("k"),
        oauth().client_app("i", "s"),
        Client::builder().api_key("k").sender_id("x"),
    ] {
        let err = b.base_url("http://127.0.0.1:9").build().unwrap_err();
        assert_eq!(err.kind(), ErrorKind::InvalidArgument, "{err}");
    }
}

#[test]
fn the_token_url_must_be_https_unless_loopback() {
    for url in [
        "http://auth.example.com/token",
        "not a url",
        "",
        "https://user:pw@auth.example.com/token",
    ] {
        let err = Client::builder()
            .oauth("i", "s", url)
            .base_url("http://127.0.0.1:9")
            .build()
            .unwrap_err();
        assert_eq!(err.kind(), ErrorKind::InvalidArgument, "{url}: {err}");
        assert!(!err.to_string().contains("pw@"), "{err}");
    }
    for url in ["https://auth.example.com/token", "http://localhost:1/t"] {
        Client::builder()
            .oauth("i", "s", url)
            .base_url("http://127.0.0.1:9")
            .build()
            .unwrap();
    }
}

#[derive(Clone, Default)]
struct Captured(Arc<Mutex<Vec<u8>>>);

impl Write for Captured {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.0.lock().unwrap().extend_from_slice(buf);
        Ok(buf.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

#[tokio::test]
async fn the_secret_never_shows_in_debug_errors_or_logs() {
    let logs = Captured::default();
    let sink = logs.clone();
    let subscriber = tracing_subscriber::fmt()
        .with_max_level(tracing::Level::TRACE)
        .with_writer(move || sink.clone())
        .finish();
    let _guard = tracing::subscriber::set_default(subscriber);

    let emu = emulator().await;
    let secret = emu.oauth_client_secret().to_string();
    let client = oauth_client(&emu);
    client
        .packages()
        .create(&Package::new("l"), &[])
        .await
        .unwrap();
    let mut shown = vec![format!("{client:?}")];
    let builder = Client::builder().oauth("i", "builder-secret-1", "https://a.example.com/t");
    shown.push(format!("{builder:?}"));
    let creds =
        onespan_sign::Credentials::oauth("i", "creds-secret-1", "https://a.example.com/t", None);
    shown.push(format!("{creds:?} {creds:#?}"));
    let wrong = Client::builder()
        .oauth(
            emu.oauth_client_id(),
            "wrong-secret-0001",
            emu.oauth_token_url(),
        )
        .base_url(emu.base_url())
        .build()
        .unwrap();
    let e = wrong.packages().get("p").await.unwrap_err();
    shown.push(format!("{e} {e:?}"));
    let logged = String::from_utf8_lossy(&logs.0.lock().unwrap()).into_owned();
    assert!(
        logged.contains("API-token fetch"),
        "the fetch was logged:\n{logged}"
    );
    let all = format!("{}\n{logged}", shown.join("\n"));
    use base64::Engine;
    let basic = base64::engine::general_purpose::STANDARD
        .encode(format!("{}:{secret}", emu.oauth_client_id()));
    assert!(!all.contains(&basic), "the Basic header shows in:\n{all}");
    for s in [
        secret.as_str(),
        "builder-secret-1",
        "creds-secret-1",
        "wrong-secret-0001",
    ] {
        assert!(!all.contains(s), "{s} shows in:\n{all}");
    }
}
