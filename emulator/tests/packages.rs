//! Packages: create (JSON and multipart), get, update, send, delete, and the 404s and 400s.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use common::*;
use serde_json::{json, Value};

fn event_names(emu: &onespan_sign_emulator::Emulator) -> Vec<String> {
    emu.events()
        .iter()
        .map(|e| e["name"].as_str().unwrap().to_string())
        .collect()
}

#[tokio::test]
async fn create_answers_only_the_id_and_get_has_the_services_defaults() {
    let emu = emulator().await;
    let api = Api::new(&emu);
    let a = api
        .post(
            "/api/packages",
            json!({"name": "Lease", "custom": {"kept": true},
                   "roles": [{"id": "Tenant", "signers": [{"email": "ann@example.com"}]}]}),
        )
        .await;
    assert_eq!(a.status, 200);
    let obj = a.body.as_object().unwrap();
    assert_eq!(obj.keys().collect::<Vec<_>>(), ["id"]);
    let id = obj["id"].as_str().unwrap();
    assert!(id.len() >= 20, "{id}");

    let pkg = api.get(&format!("/api/packages/{id}")).await;
    assert_eq!(pkg.status, 200);
    let p = &pkg.body;
    assert_eq!(p["id"], json!(id));
    assert_eq!(p["name"], "Lease");
    assert_eq!(p["status"], "DRAFT");
    assert_eq!(p["autocomplete"], true);
    assert_eq!(p["type"], "PACKAGE");
    assert_eq!(p["custom"], json!({"kept": true}), "unknown fields survive");
    // The service's own parts of every package: the consent document, the owner's role.
    let docs = p["documents"].as_array().unwrap();
    assert_eq!(docs.len(), 1, "{docs:?}");
    assert_eq!(docs[0]["id"], "default-consent");
    assert_eq!(docs[0]["index"], 0);
    assert_eq!(p["roles"].as_array().unwrap().len(), 2);
    let owner = &p["roles"][0];
    assert_eq!(owner["id"], json!(emu.sender_id()));
    assert_eq!(owner["type"], "SENDER");
    assert_eq!(owner["index"], 0);
    assert_eq!(owner["signers"][0]["id"], json!(emu.sender_id()));
    assert_eq!(owner["signers"][0]["email"], json!(emu.sender_email()));
    assert_eq!(p["sender"]["email"], json!(emu.sender_email()));
    let role = &p["roles"][1];
    assert_eq!(role["id"], "Tenant");
    assert_eq!(role["type"], "SIGNER");
    assert_eq!(role["index"], 1);
    assert_eq!(role["locked"], false);
    assert_eq!(role["signers"][0]["id"], "Tenant");
    assert_eq!(role["signers"][0]["auth"]["scheme"], "NONE");
    assert!(p["created"].as_str().unwrap().ends_with('Z'));
    assert_eq!(event_names(&emu), ["PACKAGE_CREATE"]);
}

#[tokio::test]
async fn create_with_documents_as_multipart() {
    let emu = emulator().await;
    let api = Api::new(&emu);
    let payload = json!({
        "name": "With files",
        "roles": [{"id": "S1", "signers": [{"email": "s1@example.com"}]}],
        "documents": [{"name": "Described", "approvals": [{"role": "S1", "fields": [{"type": "SIGNATURE"}]}]}],
    });
    let form = reqwest::multipart::Form::new()
        .part(
            "payload",
            reqwest::multipart::Part::text(payload.to_string())
                .mime_str("text/plain")
                .unwrap(),
        )
        .part(
            "file",
            reqwest::multipart::Part::bytes(b"%PDF-1.4 one".to_vec()).file_name("first.pdf"),
        )
        .part(
            "file",
            reqwest::multipart::Part::bytes(b"%PDF-1.4 two!".to_vec()).file_name("second.pdf"),
        );
    let a = api
        .send(
            api.request(reqwest::Method::POST, "/api/packages")
                .multipart(form),
        )
        .await;
    assert_eq!(a.status, 200, "{:?}", a.body);
    let id = a.body["id"].as_str().unwrap();
    let docs = api.get(&format!("/api/packages/{id}")).await.body["documents"].clone();
    let docs = docs.as_array().unwrap();
    assert_eq!(docs.len(), 3, "the consent and the two uploaded");
    assert_eq!(docs[0]["id"], "default-consent");
    // The described document keeps its name; the extra file is named after itself.
    assert_eq!(docs[1]["name"], "Described");
    assert_eq!(docs[1]["size"], 12);
    assert_eq!(docs[2]["name"], "second");
    assert_eq!(docs[2]["size"], 13);
    assert_eq!(
        (docs[1]["index"].clone(), docs[2]["index"].clone()),
        (json!(1), json!(2))
    );
    // Every approval and field is given an ID.
    let approval = &docs[1]["approvals"][0];
    assert!(approval["id"].as_str().is_some_and(|s| !s.is_empty()));
    assert!(approval["fields"][0]["id"]
        .as_str()
        .is_some_and(|s| !s.is_empty()));

    let no_payload = reqwest::multipart::Form::new().part(
        "file",
        reqwest::multipart::Part::bytes(b"x".to_vec()).file_name("x.pdf"),
    );
    let a = api
        .send(
            api.request(reqwest::Method::POST, "/api/packages")
                .multipart(no_payload),
        )
        .await;
    assert_error(&a, 400, "error.validation.missingPayload");
}

#[tokio::test]
async fn create_refuses_what_the_service_refuses() {
    let emu = emulator().await;
    let api = Api::new(&emu);
    for (body, key) in [
        (json!({"roles": []}), "error.validation.packageName"),
        (json!({"name": "  "}), "error.validation.packageName"),
        (
            json!({"name": "x", "status": "COMPLETED"}),
            "error.validation.invalidPackageStatus",
        ),
        (
            json!({"name": "x", "roles": {}}),
            "error.validation.invalidRoles",
        ),
        (
            json!(["not", "an", "object"]),
            "error.validation.invalidJson",
        ),
    ] {
        assert_error(&api.post("/api/packages", body).await, 400, key);
    }
    let dup = json!({"name": "x", "roles": [
        {"id": "A", "signers": [{"email": "a@example.com"}]},
        {"id": "A", "signers": [{"email": "b@example.com"}]},
    ]});
    assert_error(
        &api.post("/api/packages", dup).await,
        409,
        "error.conflict.roleIdExists",
    );
    assert!(emu.events().is_empty(), "nothing was created");
}

#[tokio::test]
async fn update_merges_fields_of_a_draft() {
    let emu = emulator().await;
    let api = Api::new(&emu);
    let id = api
        .create(json!({"name": "Before", "description": "d"}))
        .await;
    let a = api
        .put(
            &format!("/api/packages/{id}"),
            json!({"name": "After", "extra": 1}),
        )
        .await;
    assert_eq!(a.status, 200);
    let p = api.get(&format!("/api/packages/{id}")).await.body;
    assert_eq!(
        (
            p["name"].clone(),
            p["description"].clone(),
            p["extra"].clone()
        ),
        (json!("After"), json!("d"), json!(1))
    );
    // The official SDK updates with POST to the same path.
    let a = api
        .post(&format!("/api/packages/{id}"), json!({"name": "Posted"}))
        .await;
    assert_eq!(a.status, 200);
    assert_eq!(
        api.get(&format!("/api/packages/{id}")).await.body["name"],
        "Posted"
    );
}

#[tokio::test]
async fn send_then_back_to_draft_and_content_locked_while_sent() {
    let emu = emulator().await;
    let api = Api::new(&emu);
    let id = api.create(two_signer_package("Send me")).await;
    let path = format!("/api/packages/{id}");
    assert_eq!(api.put(&path, json!({"status": "SENT"})).await.status, 200);
    assert_eq!(api.get(&path).await.body["status"], "SENT");
    assert_error(
        &api.put(&path, json!({"name": "edited"})).await,
        400,
        "error.validation.packageNotDraft",
    );
    assert_error(
        &api.put(&path, json!({"status": "COMPLETED"})).await,
        400,
        "error.validation.packageNotReadyForCompletion",
    );
    assert_error(
        &api.put(&path, json!({"status": "ARCHIVED"})).await,
        400,
        "error.validation.invalidPackageStatus",
    );
    assert_eq!(
        api.post(&path, json!({"status": "DRAFT"})).await.status,
        200
    );
    assert_eq!(api.get(&path).await.body["status"], "DRAFT");
    assert_eq!(api.put(&path, json!({"trashed": true})).await.status, 200);
    assert_eq!(
        event_names(&emu),
        [
            "PACKAGE_CREATE",
            "PACKAGE_ACTIVATE",
            "PACKAGE_DEACTIVATE",
            "PACKAGE_TRASH"
        ]
    );
}

#[tokio::test]
async fn delete_then_every_call_on_it_is_404() {
    let emu = emulator().await;
    let api = Api::new(&emu);
    let id = api.create(json!({"name": "Doomed"})).await;
    let path = format!("/api/packages/{id}");
    assert_eq!(api.delete(&path).await.status, 200);
    let a = api.get(&path).await;
    assert_error(&a, 404, "error.notFound.packageNotFound");
    assert_eq!(a.body["name"], "Resource Not Found");
    assert_eq!(
        a.body["technical"],
        json!(format!("Package {id} not found"))
    );
    assert_error(
        &api.delete(&path).await,
        404,
        "error.notFound.packageNotFound",
    );
    assert_eq!(event_names(&emu), ["PACKAGE_CREATE", "PACKAGE_DELETE"]);
}

#[tokio::test]
async fn unknown_ids_and_paths_are_404_and_wrong_methods_405_all_as_json() {
    let emu = emulator().await;
    let api = Api::new(&emu);
    for a in [
        api.get("/api/packages/nope").await,
        api.put("/api/packages/nope", json!({"name": "x"})).await,
        api.delete("/api/packages/nope").await,
        api.get("/api/packages/nope/roles").await,
        api.get("/api/packages/nope/signingStatus").await,
    ] {
        assert_error(&a, 404, "error.notFound.packageNotFound");
    }
    assert_error(
        &api.get("/api/nothing/here").await,
        404,
        "error.notFound.resource",
    );
    let a = api
        .send(api.request(reqwest::Method::PATCH, "/api/packages"))
        .await;
    assert_error(&a, 405, "error.methodNotAllowed");
    let a = api.put("/api/packages", json!({})).await;
    assert_error(&a, 405, "error.methodNotAllowed");
}

#[tokio::test]
async fn a_body_that_is_not_json_is_400() {
    let emu = emulator().await;
    let api = Api::new(&emu);
    let id = api.create(json!({"name": "x"})).await;
    let a = api
        .send(
            api.request(reqwest::Method::PUT, &format!("/api/packages/{id}"))
                .header("content-type", "application/json")
                .body("{nope"),
        )
        .await;
    assert_error(&a, 400, "error.validation.invalidJson");
    assert!(!a.body["technical"].as_str().unwrap().is_empty());
    assert_eq!(
        api.get(&format!("/api/packages/{id}")).await.body["name"],
        Value::from("x")
    );
}
