//! A sent package's life through signing: signer tokens and sessions, signing status at each
//! grain as signers sign through the `/__emulator` controls, signature images, locked
//! signers, and events the API has no endpoint for.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use common::*;
use serde_json::json;

async fn status(api: &Api, id: &str, query: &str) -> String {
    let a = api
        .get(&format!("/api/packages/{id}/signingStatus{query}"))
        .await;
    assert_eq!(a.status, 200, "{:?}", a.body);
    assert_eq!(a.body.as_object().unwrap().len(), 1);
    a.body["status"].as_str().unwrap().to_string()
}

#[tokio::test]
async fn signer_tokens_only_for_a_sent_package() {
    let emu = emulator().await;
    let api = Api::new(&emu);
    let draft = api.create(two_signer_package("Draft")).await;
    for path in [
        "/api/authenticationTokens/signer/singleUse",
        "/api/authenticationTokens/signer/multiUse",
        "/api/signerAuthenticationTokens",
    ] {
        let a = api
            .post(path, json!({"packageId": draft, "signerId": "Signer1"}))
            .await;
        assert_error(&a, 400, "error.validation.invalidPackageState");
        assert!(
            a.body["technical"].as_str().unwrap().contains("DRAFT"),
            "{:?}",
            a.body
        );
    }
    let id = api.sent_package().await;
    let a = api
        .post(
            "/api/authenticationTokens/signer/multiUse",
            json!({"packageId": id, "signerId": "bob@example.com"}),
        )
        .await;
    assert_eq!(a.status, 200, "{:?}", a.body);
    assert_eq!(a.body["packageId"], json!(id));
    assert_eq!(a.body["signerId"], "bob@example.com");
    assert!(a.body["value"].as_str().unwrap().len() >= 32);
    assert_error(
        &api.post(
            "/api/authenticationTokens/signer/singleUse",
            json!({"packageId": id, "signerId": "nobody@example.com"}),
        )
        .await,
        404,
        "error.notFound.signerNotFound",
    );
    assert_error(
        &api.post(
            "/api/authenticationTokens/signer/singleUse",
            json!({"packageId": id}),
        )
        .await,
        400,
        "error.validation.missingField",
    );
    assert_error(
        &api.post(
            "/api/authenticationTokens/signer/singleUse",
            json!({"packageId": "nope", "signerId": "Signer1"}),
        )
        .await,
        404,
        "error.notFound.packageNotFound",
    );
}

#[tokio::test]
async fn a_single_use_token_opens_one_session() {
    let emu = emulator().await;
    let api = Api::new(&emu);
    let id = api.sent_package().await;
    let a = api
        .post(
            "/api/authenticationTokens/signer/singleUse",
            json!({"packageId": id, "signerId": "Signer1"}),
        )
        .await;
    let token = a.body["value"].as_str().unwrap().to_string();
    let anon = Api::with_auth(&emu, None);
    let open = || {
        anon.send(
            anon.request(
                reqwest::Method::GET,
                &format!("/auth?signerAuthenticationToken={token}"),
            )
            .header("accept", "application/json"),
        )
    };
    let first = open().await;
    assert_eq!(first.status, 200, "{:?}", first.body);
    assert!(first.body["sessionToken"]
        .as_str()
        .is_some_and(|s| !s.is_empty()));
    assert_error(&open().await, 401, "error.unauthorised.invalidToken");
}

#[tokio::test]
async fn signing_status_moves_as_signers_sign_and_complete() {
    let emu = emulator().await;
    let api = Api::new(&emu);
    let id = api.create(two_signer_package("Status")).await;
    assert_eq!(status(&api, &id, "").await, "DRAFT");
    api.put(&format!("/api/packages/{id}"), json!({"status": "SENT"}))
        .await;
    assert_eq!(status(&api, &id, "").await, "SIGNING_PENDING");
    // The official SDK sends both parameters, empty when unused.
    assert_eq!(
        status(&api, &id, "?signer=&document=").await,
        "SIGNING_PENDING"
    );

    // Signer1 signs the one document through the control.
    let a = api
        .send(
            api.http()
                .post(api.url(&format!("/__emulator/packages/{id}/roles/Signer1/sign")))
                .json(&json!({"documentId": "doc1"})),
        )
        .await;
    assert_eq!(a.status, 204, "{:?}", a.body);
    assert_eq!(
        status(&api, &id, "?signer=Signer1&document=doc1").await,
        "SIGNING_COMPLETED"
    );
    assert_eq!(
        status(&api, &id, "?signer=Signer1").await,
        "SIGNING_PENDING"
    );
    assert_eq!(status(&api, &id, "?document=doc1").await, "SIGNING_PENDING");
    assert_eq!(
        status(&api, &id, "?signer=ann@example.com&document=doc1").await,
        "SIGNING_COMPLETED"
    );

    assert_eq!(
        api.control(&format!("/packages/{id}/roles/Signer1/complete"))
            .await
            .status,
        204
    );
    assert_eq!(
        status(&api, &id, "?signer=Signer1").await,
        "SIGNING_COMPLETED"
    );
    assert_eq!(status(&api, &id, "").await, "SIGNING_PENDING");

    emu.complete_signing(&id, "Signer2").unwrap();
    assert_eq!(status(&api, &id, "?document=doc1").await, "COMPLETED");
    assert_eq!(status(&api, &id, "").await, "COMPLETED");
    assert_eq!(
        api.get(&format!("/api/packages/{id}")).await.body["status"],
        "COMPLETED"
    );
    let names: Vec<_> = emu
        .events()
        .iter()
        .map(|e| e["name"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(
        names,
        [
            "PACKAGE_CREATE",
            "PACKAGE_ACTIVATE",
            // Signer1 opens and signs doc1 ...
            "DOCUMENT_VIEWED",
            "DOCUMENT_SIGNED",
            // ... then completing signs what is left: Signer1's consent.
            "DOCUMENT_VIEWED",
            "DOCUMENT_SIGNED",
            "SIGNER_COMPLETE",
            // Signer2's consent, then the document, each opened first.
            "DOCUMENT_VIEWED",
            "DOCUMENT_SIGNED",
            "DOCUMENT_VIEWED",
            "DOCUMENT_SIGNED",
            "SIGNER_COMPLETE",
            "PACKAGE_COMPLETE",
        ]
    );
    assert_eq!(emu.events()[5]["documentId"], "default-consent");
    let viewed = &emu.events()[2];
    assert_eq!(viewed["documentId"], "doc1");
    assert_eq!(viewed["sessionUser"], "Signer1");
    let signed = &emu.events()[3];
    assert_eq!(signed["documentId"], "doc1");
    assert_eq!(signed["sessionUser"], "Signer1");
    assert_eq!(signed["packageId"], json!(id));

    assert_error(
        &api.get(&format!("/api/packages/{id}/signingStatus?signer=nobody"))
            .await,
        404,
        "error.notFound.signerNotFound",
    );
    assert_error(
        &api.get(&format!("/api/packages/{id}/signingStatus?document=nodoc"))
            .await,
        404,
        "error.notFound.documentNotFound",
    );
}

#[tokio::test]
async fn controls_refuse_what_cannot_happen() {
    let emu = emulator().await;
    let api = Api::new(&emu);
    let draft = api.create(two_signer_package("Draft")).await;
    assert_error(
        &api.control(&format!("/packages/{draft}/roles/Signer1/sign"))
            .await,
        400,
        "error.validation.invalidPackageState",
    );
    let id = api.sent_package().await;
    assert_error(
        &api.control(&format!("/packages/{id}/roles/Ghost/sign"))
            .await,
        404,
        "error.notFound.roleNotFound",
    );
    assert_error(
        &api.control("/packages/nope/roles/Signer1/complete").await,
        404,
        "error.notFound.packageNotFound",
    );
    // A locked signer cannot sign until the sender unlocks them.
    assert_eq!(
        api.control(&format!("/packages/{id}/roles/Signer1/lock"))
            .await
            .status,
        204
    );
    assert_eq!(
        api.get(&format!("/api/packages/{id}/roles/Signer1"))
            .await
            .body["locked"],
        true
    );
    assert_error(
        &api.control(&format!("/packages/{id}/roles/Signer1/complete"))
            .await,
        400,
        "error.validation.signerLocked",
    );
    assert_eq!(
        api.post(
            &format!("/api/packages/{id}/roles/Signer1/unlock"),
            json!({})
        )
        .await
        .status,
        200
    );
    assert_eq!(
        api.control(&format!("/packages/{id}/roles/Signer1/complete"))
            .await
            .status,
        204
    );
    // Rust callers get the same refusal as a value.
    let err = emu.sign_document(&id, "Ghost", None).unwrap_err();
    assert_eq!(err.status.as_u16(), 404);
    assert_eq!(err.body()["messageKey"], "error.notFound.roleNotFound");
}

#[tokio::test]
async fn simulated_events_change_the_package_as_the_service_would() {
    let emu = emulator().await;
    let api = Api::new(&emu);
    let id = api.sent_package().await;
    let a = api
        .send(
            api.http()
                .post(api.url(&format!("/__emulator/packages/{id}/events/PACKAGE_DECLINE")))
                .json(&json!({"roleId": "Signer2", "message": "not today"})),
        )
        .await;
    assert_eq!(a.status, 204, "{:?}", a.body);
    assert_eq!(
        api.get(&format!("/api/packages/{id}")).await.body["status"],
        "DECLINED"
    );
    assert_eq!(status(&api, &id, "?signer=Signer1").await, "DECLINED");
    let last = emu.events().last().cloned().unwrap();
    assert_eq!(last["name"], "PACKAGE_DECLINE");
    assert_eq!(last["message"], "not today");
    assert_eq!(last["sessionUser"], "Signer2");
    assert_error(
        &api.control(&format!("/packages/{id}/events/PACKAGE_COMPLETE"))
            .await,
        400,
        "error.emulator.notSimulable",
    );
    let other = api.sent_package().await;
    assert_error(
        &api.control(&format!("/packages/{other}/events/KBA_FAILURE"))
            .await,
        400,
        "error.emulator.roleRequired",
    );
}

#[tokio::test]
async fn a_signature_image_once_captured_in_the_format_asked_for() {
    let emu = emulator().await;
    let api = Api::new(&emu);
    let id = api.sent_package().await;
    let path = format!("/api/packages/{id}/roles/Signer1/signatureImage");
    assert_error(&api.get(&path).await, 404, "error.notFound.signatureImage");
    emu.sign_document(&id, "Signer1", None).unwrap();
    for (accept, magic) in [
        ("image/png", &b"\x89PNG"[..]),
        ("image/jpeg", &b"\xff\xd8\xff"[..]),
        ("image/gif", &b"GIF8"[..]),
    ] {
        let resp = api
            .request(reqwest::Method::GET, &path)
            .header("accept", accept)
            .send()
            .await
            .unwrap();
        assert_eq!(resp.status(), 200);
        assert_eq!(resp.headers()["content-type"], accept);
        let bytes = resp.bytes().await.unwrap();
        assert!(bytes.starts_with(magic), "{accept}");
    }
    let a = api
        .send(
            api.request(reqwest::Method::GET, &path)
                .header("accept", "image/tiff"),
        )
        .await;
    assert_error(&a, 406, "error.validation.imageFormat");
}

#[tokio::test]
async fn a_role_signing_url_opens_a_session_and_does_not_expire() {
    let emu = emulator().await;
    let api = Api::new(&emu);
    let draft = api.create(two_signer_package("Draft")).await;
    assert_error(
        &api.get(&format!("/api/packages/{draft}/roles/Signer1/signingUrl"))
            .await,
        400,
        "error.validation.invalidPackageState",
    );
    let id = api.sent_package().await;
    let a = api
        .get(&format!("/api/packages/{id}/roles/Signer1/signingUrl"))
        .await;
    assert_eq!(a.status, 200);
    assert_eq!(a.body["roleId"], "Signer1");
    let url = a.body["url"].as_str().unwrap();
    assert!(
        url.starts_with(&format!("{}/auth?loginToken=", emu.base_url())),
        "{url}"
    );
    for _ in 0..2 {
        let page = reqwest::get(url).await.unwrap();
        assert_eq!(page.status(), 200);
        assert!(page.text().await.unwrap().contains("Signer1"));
    }
    // The same URL each time.
    let again = api
        .get(&format!("/api/packages/{id}/roles/Signer1/signingUrl"))
        .await;
    assert_eq!(again.body["url"], a.body["url"]);
}
