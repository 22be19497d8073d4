//! Roles and signers: list, get, create, update, delete, reorder, validation and conflicts.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use common::*;
use serde_json::json;

#[tokio::test]
async fn list_is_a_page_in_signing_order() {
    let emu = emulator().await;
    let api = Api::new(&emu);
    let id = api.create(two_signer_package("Roles")).await;
    let a = api.get(&format!("/api/packages/{id}/roles")).await;
    assert_eq!(a.status, 200);
    let obj = a.body.as_object().unwrap();
    let mut keys: Vec<_> = obj.keys().cloned().collect();
    keys.sort();
    assert_eq!(keys, ["count", "results"]);
    // The owner's role first (index 0), then the signers'.
    assert_eq!(obj["count"], 3);
    let ids: Vec<_> = obj["results"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["id"].clone())
        .collect();
    assert_eq!(ids, [json!(OWNER), json!("Signer1"), json!("Signer2")]);
    assert_eq!(obj["results"][0]["type"], "SENDER");
    assert_eq!(obj["results"][1]["type"], "SIGNER");
}

#[tokio::test]
async fn create_get_update_delete_a_role() {
    let emu = emulator().await;
    let api = Api::new(&emu);
    let id = api.create(json!({"name": "Roles"})).await;
    let roles = format!("/api/packages/{id}/roles");
    let a = api
        .post(
            &roles,
            json!({"id": "Buyer", "signers": [{"email": "buy@example.com", "firstName": "B"}]}),
        )
        .await;
    assert_eq!(a.status, 200, "{:?}", a.body);
    assert_eq!(a.body["id"], "Buyer");
    assert_eq!(a.body["index"], 1);
    assert_eq!(a.body["signers"][0]["email"], "buy@example.com");
    assert_eq!(a.body["signers"][0]["lastName"], "");

    let got = api.get(&format!("{roles}/Buyer")).await;
    assert_eq!(got.status, 200);
    assert_eq!(got.body, a.body);

    // A partial update merges.
    let u = api
        .put(&format!("{roles}/Buyer"), json!({"name": "The buyer"}))
        .await;
    assert_eq!(u.status, 200, "{:?}", u.body);
    assert_eq!(u.body["name"], "The buyer");
    assert_eq!(u.body["signers"][0]["firstName"], "B");
    assert_error(
        &api.put(&format!("{roles}/Buyer"), json!({"id": "Other"}))
            .await,
        400,
        "error.validation.roleIdMismatch",
    );

    assert_eq!(api.delete(&format!("{roles}/Buyer")).await.status, 200);
    assert_error(
        &api.get(&format!("{roles}/Buyer")).await,
        404,
        "error.notFound.roleNotFound",
    );
    // What is left is the owner's role, which cannot be removed.
    assert_eq!(api.get(&roles).await.body["count"], 1);
    assert_error(
        &api.delete(&format!("{roles}/{OWNER}")).await,
        400,
        "error.validation.cannotDeleteSenderRole",
    );
}

#[tokio::test]
async fn a_bad_email_is_400_and_a_taken_id_is_409() {
    let emu = emulator().await;
    let api = Api::new(&emu);
    let id = api.create(two_signer_package("Roles")).await;
    let roles = format!("/api/packages/{id}/roles");
    for email in ["", "no-at-sign", "a@b", "spaced out@example.com"] {
        let a = api
            .post(&roles, json!({"id": "Bad", "signers": [{"email": email}]}))
            .await;
        assert_error(&a, 400, "error.validation.invalidEmail");
        assert!(
            a.body["technical"].as_str().unwrap().contains("email"),
            "{:?}",
            a.body
        );
    }
    let a = api
        .post(
            &roles,
            json!({"id": "Signer1", "signers": [{"email": "x@example.com"}]}),
        )
        .await;
    assert_error(&a, 409, "error.conflict.roleIdExists");
    assert_eq!(a.body["name"], "Conflict");
    assert_error(
        &api.put(
            &format!("{roles}/Signer1"),
            json!({"signers": [{"email": "bad"}]}),
        )
        .await,
        400,
        "error.validation.invalidEmail",
    );
    assert_eq!(api.get(&roles).await.body["count"], 3, "nothing was added");
}

#[tokio::test]
async fn roles_of_a_sent_package_cannot_be_added_or_removed() {
    let emu = emulator().await;
    let api = Api::new(&emu);
    let id = api.sent_package().await;
    let roles = format!("/api/packages/{id}/roles");
    assert_error(
        &api.post(
            &roles,
            json!({"id": "Late", "signers": [{"email": "l@example.com"}]}),
        )
        .await,
        400,
        "error.validation.invalidPackageState",
    );
    assert_error(
        &api.delete(&format!("{roles}/Signer1")).await,
        400,
        "error.validation.invalidPackageState",
    );
    // A signer's ID also resolves where a path says {roleId}.
    assert_eq!(
        api.get(&format!("{roles}/Signer2")).await.body["id"],
        "Signer2"
    );
    assert_error(
        &api.get(&format!("{roles}/Nobody")).await,
        404,
        "error.notFound.roleNotFound",
    );
}

#[tokio::test]
async fn reorder_sets_the_signing_order() {
    let emu = emulator().await;
    let api = Api::new(&emu);
    let id = api.create(two_signer_package("Order")).await;
    let roles = format!("/api/packages/{id}/roles");
    let a = api
        .put(
            &roles,
            json!([{"id": "Signer2", "index": 1}, {"id": "Signer1", "index": 2}]),
        )
        .await;
    assert_eq!(a.status, 200, "{:?}", a.body);
    let order: Vec<_> = a.body["results"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["id"].clone())
        .collect();
    assert_eq!(order, [json!(OWNER), json!("Signer2"), json!("Signer1")]);
    assert_eq!(api.get(&roles).await.body["results"][1]["id"], "Signer2");
    assert_error(
        &api.put(&roles, json!([{"id": "Ghost", "index": 1}])).await,
        404,
        "error.notFound.roleNotFound",
    );
    assert_error(
        &api.put(&roles, json!([{"id": "Signer1"}])).await,
        400,
        "error.validation.invalidIndex",
    );
    assert_error(
        &api.put(&roles, json!({"id": "Signer1"})).await,
        400,
        "error.validation.invalidRoles",
    );
}

#[tokio::test]
async fn notifications_go_to_the_signer_of_a_sent_package() {
    let emu = emulator().await;
    let api = Api::new(&emu);
    let draft = api.create(two_signer_package("Draft")).await;
    assert_error(
        &api.post(
            &format!("/api/packages/{draft}/roles/Signer1/notifications"),
            json!({}),
        )
        .await,
        400,
        "error.validation.invalidPackageState",
    );
    let id = api.sent_package().await;
    let a = api
        .post(
            &format!("/api/packages/{id}/roles/Signer1/notifications"),
            json!({}),
        )
        .await;
    assert_eq!(a.status, 200);
    assert_error(
        &api.post(
            &format!("/api/packages/{id}/roles/Signer1/sms_notification"),
            json!({}),
        )
        .await,
        400,
        "error.validation.sms.noPhoneNumber",
    );
    let sent = emu.notifications();
    assert_eq!(sent.len(), 1);
    assert_eq!(
        (
            sent[0].kind.as_str(),
            sent[0].role_id.as_str(),
            sent[0].to.as_str()
        ),
        ("email", "Signer1", "ann@example.com")
    );
}
