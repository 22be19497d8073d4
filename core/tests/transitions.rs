//! Status changes with the verbs and bodies of spec/: trash, restore, archive, mark
//! complete, back to draft; what each does on the emulator, and what is refused.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use common::*;
use onespan_sign::models::PackageStatus;
use onespan_sign::ErrorKind;

fn event_names(emu: &onespan_sign_emulator::Emulator, id: &str) -> Vec<String> {
    emu.events()
        .iter()
        .filter(|e| e["packageId"] == id)
        .map(|e| e["name"].as_str().unwrap_or_default().to_string())
        .collect()
}

#[tokio::test]
async fn trash_and_restore_move_a_package_in_and_out_of_the_trash() {
    let emu = emulator().await;
    let client = api_key_client(&emu);
    let id = sent_package(&client).await;
    let trashed = || async {
        client
            .packages()
            .list(Some("TRASH"), None, None, None, None)
            .unwrap()
            .collect()
            .await
            .unwrap()
            .into_iter()
            .any(|p| p.id.as_deref() == Some(id.as_str()))
    };
    client.packages().trash(&id).await.unwrap();
    assert!(trashed().await);
    client.packages().restore(&id).await.unwrap();
    assert!(!trashed().await);
    let names = event_names(&emu, &id);
    assert!(names.contains(&"PACKAGE_TRASH".to_string()), "{names:?}");
    assert!(names.contains(&"PACKAGE_RESTORE".to_string()), "{names:?}");
    let requests = emu.requests();
    assert!(requests.contains(&format!("POST /api/packages/{id}")));
}

#[tokio::test]
async fn mark_complete_completes_a_review_package_and_archive_follows() {
    let emu = emulator().await;
    let client = api_key_client(&emu);
    let mut pkg = two_signer_package("Review");
    pkg.autocomplete = Some(false);
    let id = client
        .packages()
        .create(
            &pkg,
            &[onespan_sign::DocumentUpload::new(
                "doc.pdf",
                b"%PDF-1.4".to_vec(),
            )],
        )
        .await
        .unwrap();
    client.packages().send(&id).await.unwrap();
    // Archiving is for completed packages only.
    let err = client.packages().archive(&id).await.unwrap_err();
    assert_eq!(err.kind(), ErrorKind::BadRequest, "{err}");
    emu.complete_signing(&id, "Signer1").unwrap();
    emu.complete_signing(&id, "Signer2").unwrap();
    let names = event_names(&emu, &id);
    assert!(
        names.contains(&"PACKAGE_READY_FOR_COMPLETE".to_string()),
        "{names:?}"
    );
    assert!(
        !names.contains(&"PACKAGE_COMPLETE".to_string()),
        "{names:?}"
    );
    client.packages().mark_complete(&id).await.unwrap();
    let status = client.packages().get(&id).await.unwrap().status;
    assert_eq!(status, Some(PackageStatus::Completed));
    assert!(event_names(&emu, &id).contains(&"PACKAGE_COMPLETE".to_string()));
    client.packages().archive(&id).await.unwrap();
    let status = client.packages().get(&id).await.unwrap().status;
    assert_eq!(status, Some(PackageStatus::Archived));
}

#[tokio::test]
async fn to_draft_takes_a_sent_package_back() {
    let emu = emulator().await;
    let client = api_key_client(&emu);
    let id = sent_package(&client).await;
    client.packages().to_draft(&id).await.unwrap();
    let status = client.packages().get(&id).await.unwrap().status;
    assert_eq!(status, Some(PackageStatus::Draft));
    assert!(emu.requests().contains(&format!("PUT /api/packages/{id}")));
    for err in [
        client.packages().trash("no-such").await.unwrap_err(),
        client.packages().restore("no-such").await.unwrap_err(),
        client
            .packages()
            .mark_complete("no-such")
            .await
            .unwrap_err(),
        client.packages().to_draft("no-such").await.unwrap_err(),
    ] {
        assert_eq!(err.kind(), ErrorKind::NotFound, "{err}");
    }
    let err = client.packages().trash("").await.unwrap_err();
    assert_eq!(err.kind(), ErrorKind::InvalidArgument);
}
