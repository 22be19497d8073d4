//! Packages: create, get, update, send, delete, and their errors.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use common::*;
use onespan_sign::models::{Package, PackageStatus};
use onespan_sign::{DocumentUpload, ErrorKind};

#[tokio::test]
async fn create_get_update_send_delete() {
    let emu = emulator().await;
    let client = api_key_client(&emu);
    let packages = client.packages();

    let id = packages
        .create(&two_signer_package("Lease"), &[])
        .await
        .unwrap();
    let pkg = packages.get(&id).await.unwrap();
    assert_eq!(pkg.name.as_deref(), Some("Lease"));
    assert_eq!(pkg.status, Some(PackageStatus::Draft));
    // The two signers' roles and, first, the owner's, which every package holds.
    let roles = pkg.roles.as_ref().unwrap();
    assert_eq!(roles.len(), 3);
    assert_eq!(roles[0].id.as_deref(), Some(emu.sender_id()));
    assert_eq!(
        roles[0].signers.as_ref().unwrap()[0].email.as_deref(),
        Some(emu.sender_email())
    );
    assert_eq!(
        roles[1].signers.as_ref().unwrap()[0].email.as_deref(),
        Some("ann@example.com")
    );
    // The consent document, then the one described.
    let docs: Vec<_> = pkg
        .documents
        .as_ref()
        .unwrap()
        .iter()
        .map(|d| d.id.clone().unwrap())
        .collect();
    assert_eq!(docs, ["default-consent", "doc1"]);

    let mut change = Package::default();
    change.description = Some("12 months".into());
    packages.update(&id, &change).await.unwrap();
    assert_eq!(
        packages.get(&id).await.unwrap().description.as_deref(),
        Some("12 months")
    );

    packages.send(&id).await.unwrap();
    assert_eq!(
        packages.get(&id).await.unwrap().status,
        Some(PackageStatus::Sent)
    );

    packages.delete(&id).await.unwrap();
    let err = packages.get(&id).await.unwrap_err();
    assert_eq!(err.kind(), ErrorKind::NotFound);
}

#[tokio::test]
async fn unknown_fields_survive_a_round_trip() {
    let emu = emulator().await;
    let client = api_key_client(&emu);
    let mut p = Package::new("extra");
    p.extra
        .insert("visibility".into(), serde_json::json!("ACCOUNT"));
    let id = client.packages().create(&p, &[]).await.unwrap();
    let got = client.packages().get(&id).await.unwrap();
    assert_eq!(
        got.extra.get("visibility"),
        Some(&serde_json::json!("ACCOUNT"))
    );
    client.packages().update(&id, &got).await.unwrap();
    let again = client.packages().get(&id).await.unwrap();
    assert_eq!(
        again.extra.get("visibility"),
        Some(&serde_json::json!("ACCOUNT"))
    );
}

#[tokio::test]
async fn unknown_package_is_not_found_with_onespans_message() {
    let emu = emulator().await;
    let client = api_key_client(&emu);
    let err = client.packages().get("no-such-package").await.unwrap_err();
    assert_eq!(err.kind(), ErrorKind::NotFound);
    let api = err.api().unwrap();
    assert_eq!(api.status, 404);
    assert_eq!(
        api.message_key.as_deref(),
        Some("error.notFound.packageNotFound")
    );
    assert_eq!(api.message, "The specified package could not be found.");
    assert!(api.body.contains("packageNotFound"));
}

#[tokio::test]
async fn empty_ids_fail_before_any_request() {
    let emu = emulator().await;
    let client = api_key_client(&emu);
    for bad in ["", "   ", "..", "a\u{0}b"] {
        let err = client.packages().get(bad).await.unwrap_err();
        assert_eq!(err.kind(), ErrorKind::InvalidArgument, "{bad:?}");
    }
    assert_eq!(emu.api_requests(), 0);
}

#[tokio::test]
async fn ids_are_encoded_not_concatenated() {
    let emu = emulator().await;
    let client = api_key_client(&emu);
    // Raw, "x/../y" would climb out of /packages; encoded it is one unknown ID.
    let err = client.packages().get("x/../y?z=1").await.unwrap_err();
    assert_eq!(err.kind(), ErrorKind::NotFound);
    assert_eq!(
        err.api().unwrap().message_key.as_deref(),
        Some("error.notFound.packageNotFound")
    );
}

#[tokio::test]
async fn nameless_package_is_a_bad_request() {
    let emu = emulator().await;
    let client = api_key_client(&emu);
    let err = client
        .packages()
        .create(&Package::default(), &[])
        .await
        .unwrap_err();
    assert_eq!(err.kind(), ErrorKind::BadRequest);
    assert_eq!(err.status(), Some(400));
}

#[tokio::test]
async fn documents_are_uploaded_as_multipart() {
    let emu = emulator().await;
    let client = api_key_client(&emu);
    let docs = [DocumentUpload::new(
        "contract.pdf",
        b"%PDF-1.4 tiny".to_vec(),
    )];
    let id = client
        .packages()
        .create(&Package::new("docs"), &docs)
        .await
        .unwrap();
    let pkg = client.packages().get(&id).await.unwrap();
    let d = pkg.documents.unwrap();
    assert_eq!(d.len(), 2, "the consent and the one uploaded");
    assert_eq!(d[0].id.as_deref(), Some("default-consent"));
    assert_eq!(d[1].name.as_deref(), Some("contract"));
}

#[tokio::test]
async fn a_sent_package_cannot_be_edited() {
    let emu = emulator().await;
    let client = api_key_client(&emu);
    let id = client
        .packages()
        .create(&two_signer_package("s"), &[])
        .await
        .unwrap();
    client.packages().send(&id).await.unwrap();
    let mut change = Package::default();
    change.name = Some("renamed".into());
    let err = client.packages().update(&id, &change).await.unwrap_err();
    assert_eq!(err.kind(), ErrorKind::BadRequest);
}

mod signing_status {
    use super::common::*;
    use onespan_sign::models::SigningStatus;
    use onespan_sign::ErrorKind;

    #[tokio::test]
    async fn status_at_package_signer_and_document_grain() {
        let emu = emulator().await;
        let client = api_key_client(&emu);
        let packages = client.packages();
        let draft = packages
            .create(&two_signer_package("D"), &[])
            .await
            .unwrap();
        assert_eq!(
            packages.signing_status(&draft, None, None).await.unwrap(),
            SigningStatus::Draft
        );

        let p = sent_package(&client).await;
        // [0] is the consent; [1] the document the signers sign.
        let doc = packages.get(&p).await.unwrap().documents.unwrap()[1]
            .id
            .clone()
            .unwrap();
        assert_eq!(
            packages.signing_status(&p, None, None).await.unwrap(),
            SigningStatus::SigningPending
        );

        emu.sign_document(&p, "Signer1", Some(&doc)).unwrap();
        let s = |signer: Option<&'static str>, document: Option<String>| {
            let client = client.clone();
            let p = p.clone();
            async move {
                client
                    .packages()
                    .signing_status(&p, signer, document.as_deref())
                    .await
                    .unwrap()
            }
        };
        assert_eq!(
            s(Some("Signer1"), Some(doc.clone())).await,
            SigningStatus::SigningCompleted
        );
        assert_eq!(
            s(Some("ann@example.com"), None).await,
            SigningStatus::SigningPending,
            "signed, not confirmed"
        );
        assert_eq!(
            s(None, Some(doc.clone())).await,
            SigningStatus::SigningPending,
            "Signer2 has not signed it"
        );

        emu.complete_signing(&p, "Signer1").unwrap();
        assert_eq!(
            s(Some("Signer1"), None).await,
            SigningStatus::SigningCompleted
        );
        emu.complete_signing(&p, "Signer2").unwrap();
        assert_eq!(
            s(None, Some(doc)).await,
            SigningStatus::Completed,
            "autocomplete completed the package"
        );
        assert_eq!(s(None, None).await, SigningStatus::Completed);
    }

    #[tokio::test]
    async fn without_autocomplete_a_fully_signed_package_is_signing_complete() {
        let emu = emulator().await;
        let client = api_key_client(&emu);
        let mut pkg = two_signer_package("A");
        pkg.autocomplete = Some(false);
        let p = client.packages().create(&pkg, &[]).await.unwrap();
        client.packages().send(&p).await.unwrap();
        emu.complete_signing(&p, "Signer1").unwrap();
        emu.complete_signing(&p, "Signer2").unwrap();
        assert_eq!(
            client
                .packages()
                .signing_status(&p, None, None)
                .await
                .unwrap(),
            SigningStatus::SigningCompleted
        );
    }

    #[tokio::test]
    async fn unknown_signer_or_document_is_not_found() {
        let emu = emulator().await;
        let client = api_key_client(&emu);
        let p = sent_package(&client).await;
        let e = client
            .packages()
            .signing_status(&p, Some("nobody"), None)
            .await
            .unwrap_err();
        assert_eq!(e.kind(), ErrorKind::NotFound);
        let e = client
            .packages()
            .signing_status(&p, None, Some("nodoc"))
            .await
            .unwrap_err();
        assert_eq!(e.kind(), ErrorKind::NotFound);
    }
}
