//! What the current official SDKs (Java 11.68.0, .NET 11.66.0) send, accepted as the
//! service accepts it (spec/), and deliveries with the callback authentication of spec/.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use common::*;
use reqwest::Method;
use serde_json::{json, Value};
use std::sync::{Arc, Mutex};
use std::time::Duration;

const VERSIONED: &str = "application/json; esl-api-version=11.68.0";

async fn exchange(emu: &onespan_sign_emulator::Emulator, body: Vec<u8>) -> Answer {
    let api = Api::with_auth(emu, None);
    api.send(
        api.request(Method::POST, "/apitoken/clientApp/accessToken")
            .header("content-type", "application/json; charset=utf-16")
            .body(body),
    )
    .await
}

fn utf16le(text: &str, bom: bool) -> Vec<u8> {
    let mut out = if bom { vec![0xFF, 0xFE] } else { Vec::new() };
    for unit in text.encode_utf16() {
        out.extend_from_slice(&unit.to_le_bytes());
    }
    out
}

#[tokio::test]
async fn the_dotnet_sdks_utf16le_token_request_is_accepted() {
    let emu = emulator().await;
    let body = json!({"clientId": emu.client_id(), "secret": emu.client_secret(), "type": "OWNER"})
        .to_string();
    for bom in [false, true] {
        let a = exchange(&emu, utf16le(&body, bom)).await;
        assert_eq!(a.status, 200, "bom {bom}: {:?}", a.body);
        let token = a.body["accessToken"].as_str().unwrap();
        // expiresAt is epoch milliseconds.
        assert!(a.body["expiresAt"].as_u64().unwrap() > 1_000_000_000_000);
        let api = Api::with_auth(&emu, Some(format!("Bearer {token}")));
        assert_eq!(api.get("/api/callback").await.status, 200);
    }
    let wrong = json!({"clientId": emu.client_id(), "secret": "nope", "type": "OWNER"}).to_string();
    assert_eq!(exchange(&emu, utf16le(&wrong, false)).await.status, 401);
    // Not text at all.
    assert_error(
        &exchange(&emu, vec![0xFF, 0xFE, 0x00, 0xD8]).await,
        400,
        "error.validation.invalidJson",
    );
}

#[tokio::test]
async fn sender_tokens_need_the_email_and_act_as_that_sender() {
    let emu = emulator().await;
    let body = |v: Value| serde_json::to_vec(&v).unwrap();
    let a = exchange(
        &emu,
        body(json!({"clientId": emu.client_id(), "secret": emu.client_secret(), "type": "SENDER"})),
    )
    .await;
    assert_error(&a, 400, "error.validation.missingSenderEmail");
    let a = exchange(
        &emu,
        body(json!({"clientId": emu.client_id(), "secret": emu.client_secret(), "type": "ADMIN"})),
    )
    .await;
    assert_error(&a, 400, "error.validation.invalidTokenType");
    let a = exchange(
        &emu,
        body(
            json!({"clientId": emu.client_id(), "secret": emu.client_secret(),
                    "type": "SENDER", "email": "bo@example.com"}),
        ),
    )
    .await;
    assert_eq!(a.status, 200, "{:?}", a.body);
    let api = Api::with_auth(
        &emu,
        Some(format!(
            "Bearer {}",
            a.body["accessToken"].as_str().unwrap()
        )),
    );
    let id = api.create(json!({"name": "Bo's"})).await;
    assert_eq!(emu.last_sender(), Some(json!({"email": "bo@example.com"})));
    assert_eq!(
        api.get(&format!("/api/packages/{id}")).await.body["sender"]["email"],
        "bo@example.com"
    );
    // The API key acts as the owner.
    Api::new(&emu).get("/api/callback").await;
    assert_eq!(
        emu.last_sender(),
        Some(json!({"id": emu.sender_id(), "email": emu.sender_email()}))
    );
}

#[tokio::test]
async fn signer_token_requests_with_delegatee_id_and_the_version_parameter() {
    let emu = emulator().await;
    let api = Api::new(&emu);
    let id = api.sent_package().await;
    let a = api
        .send(
            api.request(Method::POST, "/api/authenticationTokens/signer/multiUse")
                .header("accept", VERSIONED)
                .header("content-type", VERSIONED)
                .body(
                    json!({"value": "", "packageId": id, "signerId": "Signer1",
                           "sessionFields": null, "delegateeId": null})
                    .to_string(),
                ),
        )
        .await;
    assert_eq!(a.status, 200, "{:?}", a.body);
    assert!(!a.body["value"].as_str().unwrap().is_empty());
}

#[tokio::test]
async fn current_signer_fields_are_kept() {
    let emu = emulator().await;
    let api = Api::new(&emu);
    let id = api.create(json!({"name": "SMS"})).await;
    let role = json!({"id": "R1", "signers": [{
        "email": "cy@example.com", "firstName": "Cy", "lastName": "Do",
        "signerType": "THIRD_PARTY_SIGNER", "phone": "+15145550199",
        "notificationMethods": {"primary": ["EMAIL", "SMS"]},
        "auth": {"scheme": "NONE", "challenges": [], "idvWorkflow": null}}]});
    let a = api
        .send(
            api.request(Method::POST, &format!("/api/packages/{id}/roles"))
                .header("content-type", VERSIONED)
                .body(role.to_string()),
        )
        .await;
    assert_eq!(a.status, 200, "{:?}", a.body);
    let got = api.get(&format!("/api/packages/{id}/roles/R1")).await.body;
    let signer = &got["signers"][0];
    assert_eq!(signer["signerType"], "THIRD_PARTY_SIGNER");
    assert_eq!(signer["phone"], "+15145550199");
    assert_eq!(
        signer["notificationMethods"],
        json!({"primary": ["EMAIL", "SMS"]})
    );
}

#[tokio::test]
async fn the_version_parameter_is_accepted_on_multipart_and_image_types() {
    let emu = emulator().await;
    let api = Api::new(&emu);
    let form = reqwest::multipart::Form::new()
        .part(
            "payload",
            reqwest::multipart::Part::text(json!({"name": "Multipart"}).to_string()),
        )
        .part(
            "file",
            reqwest::multipart::Part::bytes(b"%PDF-1.4\n%%EOF\n".to_vec()).file_name("a.pdf"),
        );
    let boundary = form.boundary().to_string();
    let a = api
        .send(
            api.request(Method::POST, "/api/packages")
                .header(
                    "content-type",
                    format!("multipart/form-data; boundary={boundary}; esl-api-version=11.68.0"),
                )
                .header("accept", VERSIONED)
                .multipart(form),
        )
        .await;
    assert_eq!(a.status, 200, "{:?}", a.body);
    let sender = emu.sender_id().to_string();
    let a = api
        .send(
            api.request(
                Method::GET,
                &format!("/api/account/senders/{sender}/signatureImage"),
            )
            .header("accept", "image/gif; esl-api-version=11.68.0"),
        )
        .await;
    assert_eq!(a.status, 200);
    assert_eq!(a.headers["content-type"], "image/gif");
}

#[tokio::test]
async fn sender_signature_image_management() {
    let emu = emulator().await;
    let api = Api::new(&emu);
    let sender = emu.sender_id().to_string();
    let path = format!("/api/account/senders/{sender}/signature/image");
    // The owner has a drawn signature from the start.
    let a = api.get(&path).await;
    assert_eq!(a.status, 200);
    assert_eq!(a.body["mediaType"], "image/png");
    assert_eq!(a.body["fileName"], "signature.png");
    assert!(a.body["content"]
        .as_str()
        .unwrap()
        .starts_with("iVBORw0KGgo"));

    let jpeg = b"\xFF\xD8\xFF\xE0 not really a jpeg".to_vec();
    let form = reqwest::multipart::Form::new().part(
        "file",
        reqwest::multipart::Part::bytes(jpeg.clone())
            .file_name("mine.jpg")
            .mime_str("image/jpeg")
            .unwrap(),
    );
    let a = api
        .send(api.request(Method::POST, &path).multipart(form))
        .await;
    assert_eq!(a.status, 200, "{:?}", a.body);
    let a = api.get(&path).await;
    assert_eq!(a.body["fileName"], "mine.jpg");
    assert_eq!(a.body["mediaType"], "image/jpeg");
    // Served as stored when the Accept type is the stored one.
    let img = api
        .http()
        .get(api.url(&format!("/api/account/senders/{sender}/signatureImage")))
        .header("authorization", format!("Basic {}", emu.api_key()))
        .header("accept", "image/jpeg")
        .send()
        .await
        .unwrap();
    assert_eq!(img.bytes().await.unwrap().to_vec(), jpeg);

    let form = reqwest::multipart::Form::new().part(
        "file",
        reqwest::multipart::Part::bytes(b"text".to_vec()).file_name("notes.txt"),
    );
    let a = api
        .send(api.request(Method::POST, &path).multipart(form))
        .await;
    assert_error(&a, 400, "error.validation.imageFormat");
    let form = reqwest::multipart::Form::new().part("other", reqwest::multipart::Part::text("x"));
    let a = api
        .send(api.request(Method::POST, &path).multipart(form))
        .await;
    assert_error(&a, 400, "error.validation.missingFile");

    assert_eq!(api.delete(&path).await.status, 204);
    assert_error(&api.get(&path).await, 404, "error.notFound.signatureImage");
    assert_error(
        &api.get(&format!("/api/account/senders/{sender}/signatureImage"))
            .await,
        404,
        "error.notFound.signatureImage",
    );
    assert_error(
        &api.delete(&path).await,
        404,
        "error.notFound.signatureImage",
    );
    // Without credentials: 401.
    let anon = Api::with_auth(&emu, None);
    assert_eq!(anon.get(&path).await.status, 401);
}

#[tokio::test]
async fn sender_tokens_open_the_designer_of_their_package_once() {
    let emu = emulator().await;
    let api = Api::new(&emu);
    let id = api.create(json!({"name": "Draft"})).await;
    let a = api
        .post("/api/authenticationTokens/sender", json!({"packageId": id}))
        .await;
    assert_eq!(a.status, 200, "{:?}", a.body);
    let token = a.body["value"].as_str().unwrap().to_string();
    let anon = Api::with_auth(&emu, None);
    let page = anon
        .get(&format!("/auth?senderAuthenticationToken={token}"))
        .await;
    assert_eq!(page.status, 200);
    assert!(page
        .body
        .as_str()
        .unwrap()
        .contains(&format!("Designer for package {id}")));
    let again = anon
        .get(&format!("/auth?senderAuthenticationToken={token}"))
        .await;
    assert_error(&again, 401, "error.unauthorised.invalidToken");
    assert_error(
        &api.post("/api/authenticationTokens/sender", json!({}))
            .await,
        400,
        "error.validation.missingField",
    );
    assert_error(
        &api.post(
            "/api/authenticationTokens/sender",
            json!({"packageId": "nope"}),
        )
        .await,
        404,
        "error.notFound.packageNotFound",
    );
}

/// Header or form pairs, in order.
type Pairs = Vec<(String, String)>;
/// A token request: its Authorization header and its form.
type TokenRequest = (Option<String>, Pairs);

/// A receiver that runs its own OAuth 2.0 token endpoint (`/token`) next to `/hook`.
struct OAuthReceiver {
    base: String,
    token_requests: Arc<Mutex<Vec<TokenRequest>>>,
    hooks: Arc<Mutex<Vec<Pairs>>>,
    task: tokio::task::JoinHandle<()>,
}

impl OAuthReceiver {
    async fn start() -> OAuthReceiver {
        use axum::http::HeaderMap;
        let token_requests: Arc<Mutex<Vec<_>>> = Arc::default();
        let hooks: Arc<Mutex<Vec<_>>> = Arc::default();
        let (t, h) = (token_requests.clone(), hooks.clone());
        let app = axum::Router::new()
            .route(
                "/token",
                axum::routing::post(move |headers: HeaderMap, body: axum::body::Bytes| {
                    let t = t.clone();
                    async move {
                        let auth = headers
                            .get("authorization")
                            .and_then(|v| v.to_str().ok())
                            .map(str::to_string);
                        let form: Pairs = url::form_urlencoded::parse(&body).into_owned().collect();
                        let n = {
                            let mut t = t.lock().unwrap();
                            t.push((auth, form));
                            t.len()
                        };
                        axum::Json(json!({"access_token": format!("cb-token-{n}"),
                                          "token_type": "Bearer", "expires_in": 300}))
                    }
                }),
            )
            .route(
                "/hook",
                axum::routing::post(move |headers: HeaderMap| {
                    let h = h.clone();
                    async move {
                        h.lock().unwrap().push(
                            headers
                                .iter()
                                .map(|(k, v)| (k.to_string(), v.to_str().unwrap_or("").to_string()))
                                .collect(),
                        );
                        axum::http::StatusCode::OK
                    }
                }),
            );
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let base = format!("http://{}", listener.local_addr().unwrap());
        let task = tokio::spawn(async move {
            axum::serve(listener, app).await.unwrap();
        });
        OAuthReceiver {
            base,
            token_requests,
            hooks,
            task,
        }
    }
}

impl Drop for OAuthReceiver {
    fn drop(&mut self) {
        self.task.abort();
    }
}

fn header<'a>(headers: &'a [(String, String)], name: &str) -> Option<&'a str> {
    headers
        .iter()
        .find(|(k, _)| k == name)
        .map(|(_, v)| v.as_str())
}

#[tokio::test]
async fn oauth2_callbacks_fetch_a_token_and_deliver_it_as_bearer() {
    use base64::Engine;
    for mechanism in ["HEADER", "BASIC_AUTH", "BODY"] {
        let emu = emulator().await;
        let api = Api::new(&emu);
        let rx = OAuthReceiver::start().await;
        let a = api
            .post(
                "/api/callback",
                json!({"url": format!("{}/hook", rx.base), "events": ["PACKAGE_CREATE"],
                       "authType": "OAUTH2",
                       "oauthSetting": {"clientId": "cb-client", "clientSecret": "cb-s3cret",
                                        "authorizationServerUrl": format!("{}/token", rx.base),
                                        "scope": "hooks", "authMechanism": mechanism,
                                        "customParameters": [{"key": "audience", "value": "esl"}]},
                       "customHeaders": [{"key": "X-Tenant", "value": "acme"}]}),
            )
            .await;
        assert_eq!(a.status, 200, "{:?}", a.body);
        api.create(json!({"name": "Hooked"})).await;
        assert!(
            eventually(Duration::from_secs(5), || !rx
                .hooks
                .lock()
                .unwrap()
                .is_empty())
            .await,
            "{mechanism}: {:?}",
            emu.deliveries()
        );
        let hooks = rx.hooks.lock().unwrap().clone();
        assert_eq!(
            header(&hooks[0], "authorization"),
            Some("Bearer cb-token-1")
        );
        assert_eq!(header(&hooks[0], "x-tenant"), Some("acme"));
        assert_eq!(
            header(&hooks[0], "content-type"),
            Some("application/json; charset=utf-8")
        );
        let (auth, form) = rx.token_requests.lock().unwrap()[0].clone();
        let field = |k: &str| form.iter().find(|(n, _)| n == k).map(|(_, v)| v.clone());
        assert_eq!(field("grant_type").as_deref(), Some("client_credentials"));
        assert_eq!(field("scope").as_deref(), Some("hooks"));
        assert_eq!(field("audience").as_deref(), Some("esl"));
        if mechanism == "BODY" {
            assert_eq!(auth, None);
            assert_eq!(field("client_id").as_deref(), Some("cb-client"));
            assert_eq!(field("client_secret").as_deref(), Some("cb-s3cret"));
        } else {
            let basic = base64::engine::general_purpose::STANDARD.encode("cb-client:cb-s3cret");
            assert_eq!(auth, Some(format!("Basic {basic}")), "{mechanism}");
            assert_eq!(field("client_secret"), None);
        }
    }
}

#[tokio::test]
async fn an_unreachable_authorization_server_is_a_failed_delivery_without_secrets() {
    let emu = emulator().await;
    let api = Api::new(&emu);
    let receiver = Receiver::start(vec![]).await;
    api.post(
        "/api/callback",
        json!({"url": receiver.url, "events": ["PACKAGE_CREATE"], "authType": "OAUTH2",
               "oauthSetting": {"clientId": "c", "clientSecret": "never-shown",
                                "authorizationServerUrl": "http://127.0.0.1:9/token"}}),
    )
    .await;
    api.create(json!({"name": "x"})).await;
    assert!(
        eventually(Duration::from_secs(10), || {
            emu.deliveries().iter().any(|d| d.error.is_some())
        })
        .await
    );
    let d = &emu.deliveries()[0];
    assert!(!d.delivered);
    let error = d.error.clone().unwrap();
    assert!(error.contains("OAuth 2.0"), "{error}");
    assert!(!error.contains("never-shown"));
    assert!(
        receiver.received().is_empty(),
        "not delivered without a token"
    );
}

#[tokio::test]
async fn basic_callbacks_send_the_username_and_password() {
    use base64::Engine;
    let emu = emulator().await;
    let api = Api::new(&emu);
    let receiver = Receiver::start(vec![]).await;
    api.post(
        "/api/callback",
        json!({"url": receiver.url, "events": ["PACKAGE_CREATE"], "authType": "BASIC",
               "oauthSetting": {"username": "hook-user", "password": "hook-pass"},
               "customHeaders": [{"key": "X-One", "value": "1"}, {"key": "X-Two", "value": "2"}]}),
    )
    .await;
    api.create(json!({"name": "x"})).await;
    assert!(eventually(Duration::from_secs(5), || !receiver.received().is_empty()).await);
    let got = &receiver.received()[0];
    let basic = base64::engine::general_purpose::STANDARD.encode("hook-user:hook-pass");
    assert_eq!(got.authorization, Some(format!("Basic {basic}")));
    assert_eq!(header(&got.headers, "x-one"), Some("1"));
    assert_eq!(header(&got.headers, "x-two"), Some("2"));
    assert_eq!(
        got.content_type.as_deref(),
        Some("application/json; charset=utf-8")
    );
}

#[tokio::test]
async fn a_signer_viewing_a_document_is_an_event() {
    let emu = emulator().await;
    let api = Api::new(&emu);
    let id = api.sent_package().await;
    emu.sign_document(&id, "Signer1", Some("doc1")).unwrap();
    let viewed: Vec<Value> = emu
        .events()
        .into_iter()
        .filter(|e| e["name"] == "DOCUMENT_VIEWED")
        .collect();
    assert_eq!(viewed.len(), 1);
    assert_eq!(viewed[0]["documentId"], "doc1");
    assert_eq!(viewed[0]["sessionUser"], "Signer1");
    // Signing it again views nothing new.
    emu.sign_document(&id, "Signer1", Some("doc1")).unwrap();
    assert_eq!(
        emu.events()
            .iter()
            .filter(|e| e["name"] == "DOCUMENT_VIEWED")
            .count(),
        1
    );
}
