//! Listings against the emulator: every package once, in the service's order, one request
//! per page; filters; past the last page; templates.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use common::*;
use onespan_sign::models::Package;
use onespan_sign::ErrorKind;
use std::time::{Duration, SystemTime};

fn list_requests(emu: &onespan_sign_emulator::Emulator) -> usize {
    emu.requests()
        .iter()
        .filter(|r| *r == "GET /api/packages")
        .count()
}

#[tokio::test]
async fn two_hundred_fifty_packages_at_fifty_a_page_come_once_each_in_five_requests() {
    let emu = emulator().await;
    let client = api_key_client(&emu);
    let mut created = Vec::new();
    for i in 0..250 {
        let id = client
            .packages()
            .create(&Package::new(format!("P{i:03}")), &[])
            .await
            .unwrap();
        created.push(id);
    }
    let before = list_requests(&emu);
    let mut pages = client
        .packages()
        .list(None, None, None, None, Some(50))
        .unwrap();
    let mut seen = Vec::new();
    while let Some(p) = pages.next().await.unwrap() {
        seen.push(p.id.unwrap());
    }
    assert_eq!(list_requests(&emu) - before, 5, "one request per page");
    // Past the last page: still the end, and no more requests.
    assert!(pages.next().await.unwrap().is_none());
    assert_eq!(list_requests(&emu) - before, 5);
    // Each once, in the service's order (the newest first, spec/ via the emulator).
    let mut expected = created.clone();
    expected.reverse();
    assert_eq!(seen, expected);
}

#[tokio::test]
async fn filters_go_to_the_service_and_a_short_last_page_ends_the_listing() {
    let emu = emulator().await;
    let client = api_key_client(&emu);
    for name in ["Lease 1", "Lease 2", "Loan"] {
        client
            .packages()
            .create(&Package::new(name), &[])
            .await
            .unwrap();
    }
    let leases = client
        .packages()
        .list(Some("draft"), None, None, Some("lease"), Some(2))
        .unwrap()
        .collect()
        .await
        .unwrap();
    let mut names: Vec<_> = leases.into_iter().map(|p| p.name.unwrap()).collect();
    names.sort();
    assert_eq!(names, ["Lease 1", "Lease 2"]);

    let hour = Duration::from_secs(3600);
    let now = SystemTime::now();
    let recent = client
        .packages()
        .list(None, Some(now - hour), Some(now + hour), None, None)
        .unwrap()
        .collect()
        .await
        .unwrap();
    assert_eq!(recent.len(), 3);
    let future = client
        .packages()
        .list(None, Some(now + hour), None, None, None)
        .unwrap()
        .collect()
        .await
        .unwrap();
    assert!(future.is_empty());
    let sent = client
        .packages()
        .list(Some("SENT"), None, None, None, None)
        .unwrap()
        .collect()
        .await
        .unwrap();
    assert!(sent.is_empty());
}

#[test]
fn bad_listing_arguments_are_refused_before_any_request() {
    let client = onespan_sign::Client::builder()
        .api_key("k")
        .base_url("http://127.0.0.1:9")
        .build()
        .unwrap();
    let err = client
        .packages()
        .list(Some("FINISHED"), None, None, None, None)
        .unwrap_err();
    assert_eq!(err.kind(), ErrorKind::InvalidArgument);
    assert!(err.to_string().contains("INBOX"), "{err}");
    let err = client
        .packages()
        .list(None, None, None, None, Some(0))
        .unwrap_err();
    assert_eq!(err.kind(), ErrorKind::InvalidArgument);
    let now = SystemTime::now();
    let err = client
        .packages()
        .list(
            None,
            Some(now),
            Some(now - Duration::from_secs(1)),
            None,
            None,
        )
        .unwrap_err();
    assert_eq!(err.kind(), ErrorKind::InvalidArgument);
}

#[tokio::test]
async fn templates_are_created_listed_and_cloned() {
    let emu = emulator().await;
    let client = api_key_client(&emu);
    let template = client
        .templates()
        .create(
            &two_signer_package("NDA template"),
            &[onespan_sign::DocumentUpload::new(
                "nda.pdf",
                b"%PDF-1.4\n%%EOF\n".to_vec(),
            )],
        )
        .await
        .unwrap();
    client
        .packages()
        .create(&Package::new("Not a template"), &[])
        .await
        .unwrap();
    let listed = client
        .templates()
        .list(None)
        .unwrap()
        .collect()
        .await
        .unwrap();
    let ids: Vec<_> = listed.iter().map(|p| p.id.clone().unwrap()).collect();
    assert_eq!(ids, std::slice::from_ref(&template));
    // A template is not a package in the package listing.
    let packages = client
        .packages()
        .list(None, None, None, None, None)
        .unwrap()
        .collect()
        .await
        .unwrap();
    assert!(packages.iter().all(|p| p.id.as_ref() != Some(&template)));

    let mut new = two_signer_package("NDA with Ann");
    new.documents = None;
    let id = client
        .packages()
        .create_from_template(&template, &new)
        .await
        .unwrap();
    assert_ne!(id, template);
    let pkg = client.packages().get(&id).await.unwrap();
    assert_eq!(pkg.name.as_deref(), Some("NDA with Ann"));
    let docs = client.documents().list(&id).await.unwrap();
    assert!(
        docs.iter().any(|d| d.id.as_deref() == Some("doc1")),
        "{docs:?}"
    );

    let err = client
        .packages()
        .create_from_template("no-such-template", &new)
        .await
        .unwrap_err();
    assert_eq!(err.kind(), ErrorKind::NotFound);
}
