//! Shared set-up: a started emulator, a plain HTTP client pointed at it (real requests over
//! loopback, nothing mocked), and a webhook receiver on 127.0.0.1.
#![allow(dead_code, clippy::unwrap_used, clippy::expect_used)]

use onespan_sign_emulator::{Emulator, EmulatorOptions};
use reqwest::header::AUTHORIZATION;
use reqwest::Method;
use serde_json::{json, Value};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

pub async fn emulator() -> Emulator {
    Emulator::start().await.expect("emulator starts")
}

pub async fn emulator_with(opts: EmulatorOptions) -> Emulator {
    Emulator::start_with(opts).await.expect("emulator starts")
}

/// An answer: the status, the headers and the body (JSON when it parses, else a string).
#[derive(Debug)]
pub struct Answer {
    pub status: u16,
    pub headers: reqwest::header::HeaderMap,
    pub body: Value,
}

/// Talks to the emulator with one credential (or none).
#[derive(Clone)]
pub struct Api {
    http: reqwest::Client,
    base: String,
    authorization: Option<String>,
}

impl Api {
    /// With `Authorization: Basic {apiKey}`.
    pub fn new(emu: &Emulator) -> Self {
        Self::with_auth(emu, Some(format!("Basic {}", emu.api_key())))
    }

    /// With this `Authorization` header, or none.
    pub fn with_auth(emu: &Emulator, authorization: Option<String>) -> Self {
        Api {
            http: reqwest::Client::builder()
                .timeout(Duration::from_secs(20))
                .build()
                .unwrap(),
            base: emu.base_url().to_string(),
            authorization,
        }
    }

    pub fn http(&self) -> &reqwest::Client {
        &self.http
    }

    pub fn url(&self, path: &str) -> String {
        format!("{}{path}", self.base)
    }

    pub fn request(&self, method: Method, path: &str) -> reqwest::RequestBuilder {
        let mut req = self.http.request(method, self.url(path));
        if let Some(a) = &self.authorization {
            req = req.header(AUTHORIZATION, a);
        }
        req
    }

    pub async fn send(&self, req: reqwest::RequestBuilder) -> Answer {
        let resp = req.send().await.expect("the emulator answers");
        let status = resp.status().as_u16();
        let headers = resp.headers().clone();
        let bytes = resp.bytes().await.expect("a whole body");
        let body = serde_json::from_slice(&bytes)
            .unwrap_or_else(|_| Value::String(String::from_utf8_lossy(&bytes).into_owned()));
        Answer {
            status,
            headers,
            body,
        }
    }

    pub async fn get(&self, path: &str) -> Answer {
        self.send(self.request(Method::GET, path)).await
    }

    pub async fn delete(&self, path: &str) -> Answer {
        self.send(self.request(Method::DELETE, path)).await
    }

    pub async fn post(&self, path: &str, body: Value) -> Answer {
        self.send(self.request(Method::POST, path).json(&body))
            .await
    }

    pub async fn put(&self, path: &str, body: Value) -> Answer {
        self.send(self.request(Method::PUT, path).json(&body)).await
    }

    /// POSTs to a `/__emulator` control (no credentials needed), with an empty body.
    pub async fn control(&self, path: &str) -> Answer {
        self.send(self.http.post(self.url(&format!("/__emulator{path}"))))
            .await
    }

    /// Creates a package from its JSON; returns its ID.
    pub async fn create(&self, package: Value) -> String {
        let a = self.post("/api/packages", package).await;
        assert_eq!(a.status, 200, "{:?}", a.body);
        a.body["id"].as_str().expect("an id").to_string()
    }

    /// Creates the two-signer package with one document and sends it; returns its ID.
    pub async fn sent_package(&self) -> String {
        let id = self.create(two_signer_package("Sent")).await;
        let a = self
            .put(&format!("/api/packages/{id}"), json!({"status": "SENT"}))
            .await;
        assert_eq!(a.status, 200, "{:?}", a.body);
        id
    }
}

/// A package with two signer roles and one document on which both sign (a signature
/// field each, as sending needs).
pub fn two_signer_package(name: &str) -> Value {
    json!({
        "name": name,
        "roles": [
            {"id": "Signer1", "signers": [{"email": "ann@example.com", "firstName": "Ann", "lastName": "Lee"}]},
            {"id": "Signer2", "signers": [{"email": "bob@example.com", "firstName": "Bob", "lastName": "Kay"}]},
        ],
        "documents": [
            {"id": "doc1", "name": "Lease", "approvals": [
                {"role": "Signer1", "fields": [signature_field(0, 100.0, 500.0)]},
                {"role": "Signer2", "fields": [signature_field(0, 350.0, 500.0)]},
            ]},
        ],
    })
}

/// A signature field on `page` (from 0), `left`/`top` points from the top-left corner.
pub fn signature_field(page: u32, left: f64, top: f64) -> Value {
    json!({"type": "SIGNATURE", "subtype": "FULLNAME", "page": page,
           "left": left, "top": top, "width": 200.0, "height": 50.0})
}

/// The emulator's sender's role ID (the owner's role every package holds).
pub const OWNER: &str = "emulatorSender";

/// A one-page PDF a PDF library opens (made with lopdf, as the emulator's are).
pub fn small_pdf(text: &str) -> Vec<u8> {
    use lopdf::content::{Content, Operation};
    use lopdf::{dictionary, Document, Object, Stream};
    let mut doc = Document::with_version("1.5");
    let pages_id = doc.new_object_id();
    let font = doc.add_object(
        dictionary! {"Type" => "Font", "Subtype" => "Type1", "BaseFont" => "Helvetica"},
    );
    let content = Content {
        operations: vec![
            Operation::new("BT", vec![]),
            Operation::new("Tf", vec!["F1".into(), 12.into()]),
            Operation::new("Td", vec![72.into(), 720.into()]),
            Operation::new("Tj", vec![Object::string_literal(text)]),
            Operation::new("ET", vec![]),
        ],
    };
    let content_id = doc.add_object(Stream::new(dictionary! {}, content.encode().unwrap()));
    let page = doc.add_object(dictionary! {
        "Type" => "Page", "Parent" => pages_id, "Contents" => content_id,
        "Resources" => dictionary! {"Font" => dictionary! {"F1" => font}},
    });
    doc.objects.insert(
        pages_id,
        Object::Dictionary(dictionary! {
            "Type" => "Pages", "Kids" => vec![page.into()], "Count" => 1,
            "MediaBox" => vec![0.into(), 0.into(), 612.into(), 792.into()],
        }),
    );
    let catalog = doc.add_object(dictionary! {"Type" => "Catalog", "Pages" => pages_id});
    doc.trailer.set("Root", catalog);
    let mut out = Vec::new();
    doc.save_to(&mut out).unwrap();
    out
}

/// Checks OneSpan's error body: every field present, with this status and message key.
pub fn assert_error(a: &Answer, status: u16, message_key: &str) {
    assert_eq!(a.status, status, "{:?}", a.body);
    let b = a.body.as_object().expect("an error body in JSON");
    assert_eq!(b["messageKey"], json!(message_key), "{b:?}");
    assert_eq!(b["code"], json!(status), "{b:?}");
    assert!(
        b["message"].as_str().is_some_and(|m| !m.is_empty()),
        "{b:?}"
    );
    assert!(b["name"].as_str().is_some_and(|n| !n.is_empty()), "{b:?}");
    assert!(b["technical"].is_string(), "{b:?}");
    assert!(b.contains_key("entity"), "{b:?}");
    let content_type = a.headers["content-type"].to_str().unwrap();
    assert!(
        content_type.starts_with("application/json"),
        "{content_type}"
    );
}

/// Waits until `f` holds, for up to `limit`.
pub async fn eventually(limit: Duration, mut f: impl FnMut() -> bool) -> bool {
    let start = Instant::now();
    while start.elapsed() < limit {
        if f() {
            return true;
        }
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    f()
}

/// One request the receiver got.
#[derive(Clone, Debug)]
pub struct Received {
    pub authorization: Option<String>,
    pub content_type: Option<String>,
    pub body: Value,
    /// Every header, names in lowercase.
    pub headers: Vec<(String, String)>,
}

/// A webhook receiver on 127.0.0.1: records what it gets, and answers the statuses it is
/// told to, in order (then 200).
pub struct Receiver {
    pub url: String,
    got: Arc<Mutex<Vec<Received>>>,
    task: tokio::task::JoinHandle<()>,
}

impl Receiver {
    pub async fn start(answers: Vec<u16>) -> Receiver {
        use axum::http::{HeaderMap, StatusCode};
        let got: Arc<Mutex<Vec<Received>>> = Arc::default();
        let answers = Arc::new(Mutex::new(answers.into_iter()));
        let record = got.clone();
        let app = axum::Router::new().route(
            "/hook",
            axum::routing::post(move |headers: HeaderMap, body: axum::body::Bytes| {
                let record = record.clone();
                let answers = answers.clone();
                async move {
                    let header = |name: &str| {
                        headers
                            .get(name)
                            .and_then(|v| v.to_str().ok())
                            .map(str::to_string)
                    };
                    record.lock().unwrap().push(Received {
                        authorization: header("authorization"),
                        content_type: header("content-type"),
                        body: serde_json::from_slice(&body).unwrap_or(Value::Null),
                        headers: headers
                            .iter()
                            .map(|(k, v)| {
                                (k.as_str().to_string(), v.to_str().unwrap_or("").to_string())
                            })
                            .collect(),
                    });
                    let status = answers.lock().unwrap().next().unwrap_or(200);
                    StatusCode::from_u16(status).unwrap()
                }
            }),
        );
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let url = format!("http://{}/hook", listener.local_addr().unwrap());
        let task = tokio::spawn(async move {
            axum::serve(listener, app).await.unwrap();
        });
        Receiver { url, got, task }
    }

    pub fn received(&self) -> Vec<Received> {
        self.got.lock().unwrap().clone()
    }
}

impl Drop for Receiver {
    fn drop(&mut self) {
        self.task.abort();
    }
}
