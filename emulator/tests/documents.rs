//! Documents: upload (the array payload and the single-object form), get, update, delete,
//! delete many, reorder, and what is refused.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use common::*;
use reqwest::multipart::{Form, Part};
use serde_json::{json, Value};

/// Uploads files with a `payload` part holding `payload`; answers the emulator's answer.
async fn upload(api: &Api, id: &str, payload: Value, files: Vec<(&str, Vec<u8>)>) -> Answer {
    let mut form = Form::new().part(
        "payload",
        Part::text(payload.to_string())
            .mime_str("text/plain; charset=UTF-8")
            .unwrap(),
    );
    for (name, content) in files {
        form = form.part("file", Part::bytes(content).file_name(name.to_string()));
    }
    api.send(
        api.request(
            reqwest::Method::POST,
            &format!("/api/packages/{id}/documents"),
        )
        .multipart(form),
    )
    .await
}

#[tokio::test]
async fn upload_an_array_answers_an_array_and_a_single_object_answers_one() {
    let emu = emulator().await;
    let api = Api::new(&emu);
    let id = api.create(two_signer_package("Docs")).await;
    let a = upload(
        &api,
        &id,
        json!([
            {"name": "First", "approvals": [{"role": "Signer1", "fields": [signature_field(0, 10.0, 10.0)]}]},
            {"id": "second", "name": "Second"},
        ]),
        vec![("a.pdf", small_pdf("one")), ("b.pdf", small_pdf("two"))],
    )
    .await;
    assert_eq!(a.status, 200, "{:?}", a.body);
    let docs = a.body.as_array().expect("an array for an array");
    assert_eq!(docs.len(), 2);
    assert_eq!(docs[0]["name"], "First");
    assert!(docs[0]["id"].as_str().is_some_and(|s| !s.is_empty()));
    assert!(docs[0]["approvals"][0]["id"].is_string());
    assert_eq!(docs[1]["id"], "second");
    // After the consent (0) and doc1 (1).
    assert_eq!(
        (docs[0]["index"].clone(), docs[1]["index"].clone()),
        (json!(2), json!(3))
    );

    // SDK 11.0.1 sends one document as an object, and reads one back.
    let a = upload(
        &api,
        &id,
        json!({"name": "Old style"}),
        vec![("c.pdf", small_pdf("three"))],
    )
    .await;
    assert_eq!(a.status, 200, "{:?}", a.body);
    assert!(a.body.is_object(), "{:?}", a.body);
    assert_eq!(a.body["name"], "Old style");

    let pkg = api.get(&format!("/api/packages/{id}")).await.body;
    let names: Vec<_> = pkg["documents"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["name"].clone())
        .collect();
    assert_eq!(
        names,
        [
            json!("Electronic Disclosures and Signatures Consent"),
            json!("Lease"),
            json!("First"),
            json!("Second"),
            json!("Old style")
        ]
    );
    // Uploading the same ID again is a conflict.
    let a = upload(
        &api,
        &id,
        json!([{"id": "second"}]),
        vec![("b.pdf", small_pdf("x"))],
    )
    .await;
    assert_error(&a, 409, "error.conflict.documentIdExists");
}

#[tokio::test]
async fn uploads_the_service_refuses() {
    let emu = emulator().await;
    let api = Api::new(&emu);
    let id = api.create(two_signer_package("Docs")).await;
    let a = upload(
        &api,
        &id,
        json!([{"name": "Word"}]),
        vec![("w.docx", b"PK\x03\x04 not a pdf".to_vec())],
    )
    .await;
    assert_error(&a, 400, "error.validation.unsupportedDocumentType");
    assert!(a.body["technical"].as_str().unwrap().contains("w.docx"));
    let a = upload(&api, &id, json!([{"name": "No file"}]), vec![]).await;
    assert_error(&a, 400, "error.validation.missingFile");
    let a = upload(&api, &id, json!("text"), vec![("a.pdf", small_pdf("a"))]).await;
    assert_error(&a, 400, "error.validation.invalidJson");
    let a = upload(&api, "nope", json!([{}]), vec![("a.pdf", small_pdf("a"))]).await;
    assert_error(&a, 404, "error.notFound.packageNotFound");
    // Not multipart at all.
    let a = api
        .post(&format!("/api/packages/{id}/documents"), json!([{}]))
        .await;
    assert_error(&a, 400, "error.validation.invalidMultipart");
    // A package created with a file that is not a PDF is refused too.
    let form = Form::new()
        .part("payload", Part::text(json!({"name": "x"}).to_string()))
        .part(
            "file",
            Part::bytes(b"hello".to_vec()).file_name("hello.txt"),
        );
    let a = api
        .send(
            api.request(reqwest::Method::POST, "/api/packages")
                .multipart(form),
        )
        .await;
    assert_error(&a, 400, "error.validation.unsupportedDocumentType");
    // Nothing was added to the package that was there, and no package was made.
    let pkg = api.get(&format!("/api/packages/{id}")).await.body;
    assert_eq!(pkg["documents"].as_array().unwrap().len(), 2);
    assert_eq!(api.get("/api/packages").await.body["count"], 1);
    // Once sent, documents are locked.
    let sent = api.sent_package().await;
    let a = upload(&api, &sent, json!([{}]), vec![("a.pdf", small_pdf("a"))]).await;
    assert_error(&a, 400, "error.validation.invalidPackageState");
}

#[tokio::test]
async fn get_update_delete_and_reorder() {
    let emu = emulator().await;
    let api = Api::new(&emu);
    let id = api.create(two_signer_package("Docs")).await;
    upload(
        &api,
        &id,
        json!([{"id": "d2", "name": "Two"}, {"id": "d3", "name": "Three"}]),
        vec![("2.pdf", small_pdf("2")), ("3.pdf", small_pdf("3"))],
    )
    .await;
    let docs = format!("/api/packages/{id}/documents");

    let a = api.get(&format!("{docs}/d2")).await;
    assert_eq!(a.status, 200);
    assert_eq!(a.body["name"], "Two");
    assert_error(
        &api.get(&format!("{docs}/ghost")).await,
        404,
        "error.notFound.documentNotFound",
    );
    assert_eq!(
        api.get(&format!("{docs}/default-consent")).await.body["index"],
        0
    );

    let a = api
        .put(
            &format!("{docs}/d2"),
            json!({"name": "Renamed", "description": "d", "size": 1}),
        )
        .await;
    assert_eq!(a.status, 200, "{:?}", a.body);
    assert_eq!(a.body["name"], "Renamed");
    assert_ne!(a.body["size"], 1, "the size is the file's");
    assert_eq!(
        api.get(&format!("{docs}/d2")).await.body["description"],
        "d"
    );
    assert_error(
        &api.put(&format!("{docs}/d2"), json!({"id": "other"})).await,
        400,
        "error.validation.documentIdMismatch",
    );
    assert_error(
        &api.put(&format!("{docs}/ghost"), json!({})).await,
        404,
        "error.notFound.documentNotFound",
    );

    let a = api
        .put(
            &docs,
            json!([{"id": "d3", "index": 1}, {"id": "doc1", "index": 3}]),
        )
        .await;
    assert_eq!(a.status, 200, "{:?}", a.body);
    let order: Vec<_> = a
        .body
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["id"].clone())
        .collect();
    assert_eq!(
        order,
        [
            json!("default-consent"),
            json!("d3"),
            json!("d2"),
            json!("doc1")
        ]
    );
    assert_error(
        &api.put(&docs, json!([{"id": "ghost", "index": 1}])).await,
        404,
        "error.notFound.documentNotFound",
    );

    assert_eq!(api.delete(&format!("{docs}/d3")).await.status, 200);
    assert_error(
        &api.get(&format!("{docs}/d3")).await,
        404,
        "error.notFound.documentNotFound",
    );
    assert_error(
        &api.delete(&format!("{docs}/d3")).await,
        404,
        "error.notFound.documentNotFound",
    );
    // Several at once: all or nothing.
    let many = |body: Value| api.send(api.request(reqwest::Method::DELETE, &docs).json(&body));
    assert_error(
        &many(json!(["d2", "ghost"])).await,
        404,
        "error.notFound.documentNotFound",
    );
    assert_error(
        &many(json!({"ids": []})).await,
        400,
        "error.validation.invalidDocumentIds",
    );
    assert_eq!(many(json!(["d2", "default-consent"])).await.status, 200);
    let left: Vec<_> = api.get(&format!("/api/packages/{id}")).await.body["documents"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["id"].clone())
        .collect();
    assert_eq!(left, [json!("doc1")]);
    assert_error(
        &api.get(&format!("/api/packages/{id}/documents/d2/original"))
            .await,
        404,
        "error.notFound.documentNotFound",
    );
}
