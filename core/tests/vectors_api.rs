#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
//! Runs every sample of the real API in `tests/vectors/api/` (listed, with its model, in
//! `tests/vectors/api/manifest.json`) through the typed models: JSON → model → JSON must give
//! the input back, unknown fields (nested ones too) included, and the typed fields must hold
//! the input's values, so a model cannot pass by keeping everything in `extra`.
//!
//! Null rule: typed fields are `Option<T>` skipped when `None`, so an explicit `null` for a
//! typed field comes back absent. OneSpan treats an absent field as unchanged, so null and
//! absent are taken as equal: null-valued object keys are removed, recursively, from both
//! sides before comparing. Nothing else is loosened.

use onespan_sign::models::{CallbackConfig, Package, Role, Signer, SigningStatus};
use onespan_sign::{webhook, Client};
use secrecy::ExposeSecret;
use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};
use std::path::{Path, PathBuf};

const MODELS: &[&str] = &[
    "Package",
    "Role",
    "CallbackConfig",
    "SigningStatusAnswer",
    "AuthTokenAnswer",
    "SigningUrlAnswer",
    "Event",
];

fn dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/vectors/api")
}

fn manifest() -> Map<String, Value> {
    let text = std::fs::read_to_string(dir().join("manifest.json")).expect("manifest.json");
    let v: Value = serde_json::from_str(&text).expect("manifest.json is JSON");
    v["files"]
        .as_object()
        .expect("manifest has \"files\"")
        .clone()
}

fn sample(file: &str) -> Value {
    let text = std::fs::read_to_string(dir().join(file)).unwrap_or_else(|e| panic!("{file}: {e}"));
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("{file} is not JSON: {e}"))
}

/// The files the manifest maps to `model`, with `array` set or not; never empty.
fn files(model: &str, array: bool) -> Vec<String> {
    let out: Vec<String> = manifest()
        .iter()
        .filter(|(_, e)| {
            e["model"].as_str() == Some(model) && e["array"].as_bool().unwrap_or(false) == array
        })
        .map(|(f, _)| f.clone())
        .collect();
    assert!(
        !out.is_empty(),
        "the manifest maps no file to {model} (array: {array})"
    );
    out
}

/// The value with every null-valued object key removed, at any depth (the null rule above).
/// Nulls inside arrays are values, and stay.
fn without_nulls(v: &Value) -> Value {
    match v {
        Value::Object(m) => Value::Object(
            m.iter()
                .filter(|(_, v)| !v.is_null())
                .map(|(k, v)| (k.clone(), without_nulls(v)))
                .collect(),
        ),
        Value::Array(a) => Value::Array(a.iter().map(without_nulls).collect()),
        other => other.clone(),
    }
}

/// Where `got` first differs from `want`, as a path, or None when equal.
fn first_difference(want: &Value, got: &Value, path: &str) -> Option<String> {
    match (want, got) {
        (Value::Object(w), Value::Object(g)) => {
            for (k, wv) in w {
                match g.get(k) {
                    None => return Some(format!("{path}.{k}: lost (was {wv})")),
                    Some(gv) => {
                        if let Some(d) = first_difference(wv, gv, &format!("{path}.{k}")) {
                            return Some(d);
                        }
                    }
                }
            }
            g.keys()
                .find(|k| !w.contains_key(*k))
                .map(|k| format!("{path}.{k}: added ({})", g[k]))
        }
        (Value::Array(w), Value::Array(g)) if w.len() == g.len() => w
            .iter()
            .zip(g)
            .enumerate()
            .find_map(|(i, (wv, gv))| first_difference(wv, gv, &format!("{path}[{i}]"))),
        _ if want == got => None,
        _ => Some(format!("{path}: was {want}, came back {got}")),
    }
}

/// Parses `input` as `T` and serialises it back; panics, naming the file and the first
/// difference, unless the two are equal under the null rule.
fn round_trip<T: DeserializeOwned + Serialize>(file: &str, input: &Value) -> T {
    let model: T = serde_json::from_value(input.clone())
        .unwrap_or_else(|e| panic!("{file}: does not parse: {e}"));
    let back =
        serde_json::to_value(&model).unwrap_or_else(|e| panic!("{file}: does not serialise: {e}"));
    if let Some(d) = first_difference(&without_nulls(input), &without_nulls(&back), "$") {
        panic!("{file}: the round trip changed the JSON at {d}");
    }
    model
}

fn s(v: &Value) -> Option<&str> {
    v.as_str()
}

/// Asserts none of `keys` ended up in `extra` (they are typed fields).
fn typed_not_in_extra(file: &str, what: &str, extra: &Map<String, Value>, keys: &[&str]) {
    for k in keys {
        assert!(
            !extra.contains_key(*k),
            "{file}: {what}.{k} went to extra, not to its typed field"
        );
    }
}

fn check_signer(file: &str, signer: &Signer, input: &Value) {
    let at = |k: &str| s(&input[k]);
    assert_eq!(signer.id.as_deref(), at("id"), "{file}: signer id");
    assert_eq!(signer.email.as_deref(), at("email"), "{file}: signer email");
    assert_eq!(
        signer.first_name.as_deref(),
        at("firstName"),
        "{file}: signer firstName"
    );
    assert_eq!(
        signer.last_name.as_deref(),
        at("lastName"),
        "{file}: signer lastName"
    );
    assert_eq!(
        signer.company.as_deref(),
        at("company"),
        "{file}: signer company"
    );
    assert_eq!(signer.title.as_deref(), at("title"), "{file}: signer title");
    assert_eq!(signer.phone.as_deref(), at("phone"), "{file}: signer phone");
    assert_eq!(
        signer.language.as_deref(),
        at("language"),
        "{file}: signer language"
    );
    assert_eq!(
        signer.created.as_deref(),
        at("created"),
        "{file}: signer created"
    );
    assert_eq!(
        signer.updated.as_deref(),
        at("updated"),
        "{file}: signer updated"
    );
    assert_eq!(
        signer.auth.as_ref().and_then(|a| a.scheme.as_deref()),
        s(&input["auth"]["scheme"]),
        "{file}: signer auth.scheme"
    );
    assert_eq!(
        signer.delivery.as_ref().and_then(|d| d.email),
        input["delivery"]["email"].as_bool(),
        "{file}: signer delivery.email"
    );
    typed_not_in_extra(
        file,
        "signer",
        &signer.extra,
        &[
            "id",
            "email",
            "firstName",
            "lastName",
            "company",
            "title",
            "phone",
            "language",
            "auth",
            "delivery",
        ],
    );
}

fn check_role(file: &str, role: &Role, input: &Value) {
    assert_eq!(role.id.as_deref(), s(&input["id"]), "{file}: role id");
    assert_eq!(role.name.as_deref(), s(&input["name"]), "{file}: role name");
    assert_eq!(
        role.role_type.as_ref().map(|t| t.as_str()),
        s(&input["type"]),
        "{file}: role type"
    );
    assert_eq!(role.index, input["index"].as_i64(), "{file}: role index");
    assert_eq!(
        role.reassign,
        input["reassign"].as_bool(),
        "{file}: role reassign"
    );
    assert_eq!(
        role.locked,
        input["locked"].as_bool(),
        "{file}: role locked"
    );
    assert_eq!(
        role.email_message
            .as_ref()
            .and_then(|m| m.content.as_deref()),
        s(&input["emailMessage"]["content"]),
        "{file}: role emailMessage.content"
    );
    let signers = role.signers.as_deref().unwrap_or_default();
    let want = input["signers"].as_array().map_or(&[][..], Vec::as_slice);
    assert_eq!(signers.len(), want.len(), "{file}: role signers");
    for (signer, input) in signers.iter().zip(want) {
        check_signer(file, signer, input);
    }
    typed_not_in_extra(
        file,
        "role",
        &role.extra,
        &[
            "id", "name", "type", "index", "reassign", "locked", "signers",
        ],
    );
}

fn check_package(file: &str, p: &Package, input: &Value) {
    let at = |k: &str| s(&input[k]);
    assert_eq!(p.id.as_deref(), at("id"), "{file}: id");
    assert_eq!(p.name.as_deref(), at("name"), "{file}: name");
    assert_eq!(
        p.description.as_deref(),
        at("description"),
        "{file}: description"
    );
    assert_eq!(
        p.status.as_ref().map(|x| x.as_str()),
        at("status"),
        "{file}: status"
    );
    assert_eq!(
        p.email_message.as_deref(),
        at("emailMessage"),
        "{file}: emailMessage"
    );
    assert_eq!(
        p.autocomplete,
        input["autocomplete"].as_bool(),
        "{file}: autocomplete"
    );
    assert_eq!(p.due.as_deref(), at("due"), "{file}: due");
    assert_eq!(p.created.as_deref(), at("created"), "{file}: created");
    assert_eq!(p.updated.as_deref(), at("updated"), "{file}: updated");
    let non_null = |k: &str| Some(&input[k]).filter(|v| !v.is_null());
    assert_eq!(
        p.settings.as_ref(),
        non_null("settings"),
        "{file}: settings"
    );
    assert_eq!(p.sender.as_ref(), non_null("sender"), "{file}: sender");

    let roles = p.roles.as_deref().unwrap_or_default();
    let want = input["roles"].as_array().map_or(&[][..], Vec::as_slice);
    assert_eq!(roles.len(), want.len(), "{file}: roles");
    for (role, input) in roles.iter().zip(want) {
        check_role(file, role, input);
    }

    let docs = p.documents.as_deref().unwrap_or_default();
    let want = input["documents"].as_array().map_or(&[][..], Vec::as_slice);
    assert_eq!(docs.len(), want.len(), "{file}: documents");
    for (doc, input) in docs.iter().zip(want) {
        assert_eq!(doc.id.as_deref(), s(&input["id"]), "{file}: document id");
        assert_eq!(
            doc.name.as_deref(),
            s(&input["name"]),
            "{file}: document name"
        );
        assert_eq!(doc.index, input["index"].as_i64(), "{file}: document index");
        let approvals = doc.approvals.as_deref().unwrap_or_default();
        let want = input["approvals"].as_array().map_or(&[][..], Vec::as_slice);
        assert_eq!(approvals.len(), want.len(), "{file}: approvals");
        for (ap, input) in approvals.iter().zip(want) {
            assert_eq!(ap.id.as_deref(), s(&input["id"]), "{file}: approval id");
            assert_eq!(
                ap.role.as_deref(),
                s(&input["role"]),
                "{file}: approval role"
            );
            let fields = ap.fields.as_deref().unwrap_or_default();
            let want = input["fields"].as_array().map_or(&[][..], Vec::as_slice);
            assert_eq!(fields.len(), want.len(), "{file}: approval fields");
            for (f, input) in fields.iter().zip(want) {
                assert_eq!(f.id.as_deref(), s(&input["id"]), "{file}: field id");
                assert_eq!(
                    f.field_type.as_deref(),
                    s(&input["type"]),
                    "{file}: field type"
                );
                assert_eq!(
                    f.subtype.as_deref(),
                    s(&input["subtype"]),
                    "{file}: field subtype"
                );
                assert_eq!(f.page, input["page"].as_i64(), "{file}: field page");
                assert_eq!(f.top, input["top"].as_f64(), "{file}: field top");
                assert_eq!(f.left, input["left"].as_f64(), "{file}: field left");
                assert_eq!(f.width, input["width"].as_f64(), "{file}: field width");
                assert_eq!(f.height, input["height"].as_f64(), "{file}: field height");
                typed_not_in_extra(
                    file,
                    "field",
                    &f.extra,
                    &["id", "type", "subtype", "page", "top", "left"],
                );
            }
            typed_not_in_extra(file, "approval", &ap.extra, &["id", "role", "fields"]);
        }
        typed_not_in_extra(
            file,
            "document",
            &doc.extra,
            &["id", "name", "index", "approvals"],
        );
    }
    typed_not_in_extra(
        file,
        "package",
        &p.extra,
        &[
            "id",
            "name",
            "description",
            "status",
            "emailMessage",
            "autocomplete",
            "roles",
            "documents",
            "settings",
            "sender",
        ],
    );
}

#[test]
fn the_manifest_lists_every_sample_with_a_model_or_a_reason() {
    let manifest = manifest();
    let mut on_disk = Vec::new();
    for entry in std::fs::read_dir(dir()).expect("tests/vectors/api") {
        let name = entry
            .expect("dir entry")
            .file_name()
            .to_string_lossy()
            .into_owned();
        if name.ends_with(".json") && name != "manifest.json" {
            on_disk.push(name);
        }
    }
    assert!(!on_disk.is_empty(), "tests/vectors/api holds no sample");
    for f in &on_disk {
        assert!(manifest.contains_key(f), "{f} is not in manifest.json");
    }
    for (f, e) in &manifest {
        assert!(
            on_disk.contains(f),
            "manifest.json lists {f}, which does not exist"
        );
        match e["model"].as_str() {
            Some(m) => assert!(MODELS.contains(&m), "{f}: unknown model {m}"),
            None => assert!(
                e["skip"].as_str().is_some_and(|r| !r.trim().is_empty()),
                "{f}: no model and no skip reason"
            ),
        }
    }
}

#[test]
fn package_samples_round_trip() {
    for file in files("Package", false) {
        let input = sample(&file);
        let p: Package = round_trip(&file, &input);
        check_package(&file, &p, &input);
    }
}

#[test]
fn role_samples_round_trip() {
    for file in files("Role", false) {
        let input = sample(&file);
        let role: Role = round_trip(&file, &input);
        check_role(&file, &role, &input);
    }
}

#[test]
fn role_array_samples_round_trip() {
    for file in files("Role", true) {
        let input = sample(&file);
        let roles: Vec<Role> = round_trip(&file, &input);
        let want = input.as_array().expect("a bare array");
        assert_eq!(roles.len(), want.len(), "{file}: roles");
        for (role, input) in roles.iter().zip(want) {
            check_role(&file, role, input);
        }
    }
}

#[test]
fn callback_samples_round_trip() {
    for file in files("CallbackConfig", false) {
        let input = sample(&file);
        let c: CallbackConfig = round_trip(&file, &input);
        assert_eq!(c.url.as_deref(), s(&input["url"]), "{file}: url");
        assert_eq!(
            c.key
                .as_ref()
                .map(|k| k.expose_secret().to_string())
                .as_deref(),
            s(&input["key"]),
            "{file}: key"
        );
        let events: Option<Vec<&str>> = input["events"]
            .as_array()
            .map(|a| a.iter().filter_map(Value::as_str).collect());
        assert_eq!(
            c.events
                .as_ref()
                .map(|e| e.iter().map(String::as_str).collect::<Vec<_>>()),
            events,
            "{file}: events"
        );
        typed_not_in_extra(&file, "callback", &c.extra, &["url", "key", "events"]);
    }
}

/// The `{"status": ...}` answer of GET .../signingStatus, as the client reads it.
#[derive(Serialize, Deserialize)]
struct StatusAnswer {
    status: SigningStatus,
}

#[test]
fn signing_status_samples_round_trip_and_hold_a_known_status() {
    for file in files("SigningStatusAnswer", false) {
        let input = sample(&file);
        let answer: StatusAnswer = round_trip(&file, &input);
        assert_eq!(
            Some(answer.status.as_str()),
            s(&input["status"]),
            "{file}: status"
        );
        assert!(
            !matches!(answer.status, SigningStatus::Other(_)),
            "{file}: {} is not one of the SDK's signing-status values",
            answer.status
        );
    }
}

#[test]
fn event_samples_parse_with_raw_kept_and_typed_fields_read() {
    for file in files("Event", false) {
        let bytes = std::fs::read(dir().join(&file)).expect("sample");
        let input = sample(&file);
        let event =
            webhook::parse(&bytes).unwrap_or_else(|e| panic!("{file}: does not parse: {e}"));
        // `raw` is the payload as received: compared exactly, nulls included.
        assert_eq!(Value::Object(event.raw.clone()), input, "{file}: raw");
        let back = serde_json::to_value(&event).expect("event serialises");
        assert_eq!(back["raw"], input, "{file}: serialised raw");
        assert_eq!(Some(event.name.as_str()), s(&input["name"]), "{file}: name");
        assert!(
            !matches!(event.name, webhook::EventName::Other(_)),
            "{file}: {} is not a known event name",
            event.name
        );
        assert_eq!(
            event.package_id.as_deref(),
            s(&input["packageId"]),
            "{file}: packageId"
        );
        assert_eq!(
            event.document_id.as_deref(),
            s(&input["documentId"]),
            "{file}: documentId"
        );
        assert_eq!(
            event.session_user.as_deref(),
            s(&input["sessionUser"]),
            "{file}: sessionUser"
        );
        assert_eq!(
            event.message.as_deref(),
            s(&input["message"]),
            "{file}: message"
        );
        assert_eq!(
            event.created_date.as_deref(),
            s(&input["createdDate"]),
            "{file}: createdDate"
        );
    }
}

/// Serves `body` as the JSON answer to any request; returns the base URL.
async fn stub(body: Value) -> String {
    let app = axum::Router::new().fallback(move || {
        let body = body.clone();
        async move { axum::Json(body) }
    });
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let url = format!("http://{}", listener.local_addr().unwrap());
    tokio::spawn(async move { axum::serve(listener, app).await });
    url
}

fn stub_client(url: &str) -> Client {
    Client::builder()
        .api_key("stub-key")
        .base_url(url)
        .build()
        .expect("client builds")
}

/// Answers without a public model (the client returns one string from them) are checked by
/// serving the sample to the client: what it returns must be the sample's value.
#[tokio::test]
async fn answer_samples_are_read_by_the_client() {
    for file in files("SigningStatusAnswer", false) {
        let input = sample(&file);
        let client = stub_client(&stub(input.clone()).await);
        let status = client
            .packages()
            .signing_status("pkg1", None, None)
            .await
            .expect("signing status");
        assert_eq!(Some(status.as_str()), s(&input["status"]), "{file}");
    }
    for file in files("AuthTokenAnswer", false) {
        let input = sample(&file);
        let client = stub_client(&stub(input.clone()).await);
        let tokens = client.auth_tokens();
        for token in [
            tokens.create_single_use("pkg1", "signer1").await,
            tokens.create_multi_use("pkg1", "signer1").await,
            tokens.create_signer_token("pkg1", "signer1").await,
        ] {
            assert_eq!(
                Some(token.expect("token").as_str()),
                s(&input["value"]),
                "{file}"
            );
        }
    }
    for file in files("SigningUrlAnswer", false) {
        let input = sample(&file);
        let client = stub_client(&stub(input.clone()).await);
        let url = client
            .roles()
            .signing_url("pkg1", "role1")
            .await
            .expect("signing URL");
        assert_eq!(Some(url.as_str()), s(&input["url"]), "{file}");
    }
}

/// The comparison itself: it must see a lost nested field, a changed value, an added field
/// and an integer turned float, and only nulls of object keys may differ.
#[test]
fn the_comparison_is_strict_except_for_null_keys() {
    let input = serde_json::json!({"a": {"b": [1, {"c": "x", "n": null}]}, "z": null});
    let same = serde_json::json!({"a": {"b": [1, {"c": "x"}]}});
    assert_eq!(
        first_difference(&without_nulls(&input), &without_nulls(&same), "$"),
        None
    );
    for got in [
        serde_json::json!({"a": {"b": [1, {}]}}),
        serde_json::json!({"a": {"b": [1, {"c": "y"}]}}),
        serde_json::json!({"a": {"b": [1, {"c": "x", "d": 1}]}}),
        serde_json::json!({"a": {"b": [1.0, {"c": "x"}]}}),
        serde_json::json!({"a": {"b": [1]}}),
        serde_json::json!({"a": {"b": [1, {"c": "x"}, null]}}),
    ] {
        assert!(
            first_difference(&without_nulls(&input), &without_nulls(&got), "$").is_some(),
            "{got}"
        );
    }
}
