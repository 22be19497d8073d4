//! Listing and search (`GET /api/packages`), sending's requirements, the status changes
//! (trash, restore, archive, mark complete) and templates (create, clone, list).
// `[id.clone()]` reads as the one-element page it is compared with.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::cloned_ref_to_slice_refs
)]

mod common;

use common::*;
use serde_json::{json, Value};

fn ids(page: &Value) -> Vec<String> {
    page["results"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["id"].as_str().unwrap().to_string())
        .collect()
}

#[tokio::test]
async fn pages_are_one_based_inclusive_windows_newest_change_first() {
    let emu = emulator().await;
    let api = Api::new(&emu);
    let mut made = Vec::new();
    for i in 0..7 {
        made.push(api.create(json!({"name": format!("P{i}")})).await);
    }
    let newest_first: Vec<String> = made.iter().rev().cloned().collect();
    let page = api.get("/api/packages?from=1&to=3").await;
    assert_eq!(page.status, 200);
    assert_eq!(page.body["count"], 7, "the total, not the page's size");
    assert_eq!(ids(&page.body), newest_first[0..3]);
    assert_eq!(
        ids(&api.get("/api/packages?from=4&to=6").await.body),
        newest_first[3..6]
    );
    assert_eq!(
        ids(&api.get("/api/packages?from=7&to=9").await.body),
        newest_first[6..7]
    );
    // Past the last page: no results, the count still.
    let past = api.get("/api/packages?from=8&to=10").await.body;
    assert_eq!(ids(&past), Vec::<String>::new());
    assert_eq!(past["count"], 7);
    // Paging through, each exactly once.
    let mut seen = Vec::new();
    let mut from = 1;
    loop {
        let page = api
            .get(&format!("/api/packages?from={from}&to={}", from + 1))
            .await
            .body;
        let got = ids(&page);
        if got.is_empty() {
            break;
        }
        seen.extend(got);
        from += 2;
    }
    assert_eq!(seen, newest_first);
    // A change moves a package to the front.
    api.put(
        &format!("/api/packages/{}", made[0]),
        json!({"name": "P0 edited"}),
    )
    .await;
    assert_eq!(
        ids(&api.get("/api/packages?from=1&to=1").await.body),
        [made[0].clone()]
    );
    // Sorted by name, ascending.
    let by_name = api
        .get("/api/packages?sort=name&dir=asc&from=1&to=2")
        .await
        .body;
    assert_eq!(ids(&by_name), [made[0].clone(), made[1].clone()]);
    for bad in [
        "from=0",
        "from=x",
        "to=-1",
        "query=NOPE",
        "sort=size",
        "dir=up",
        "type=thing",
        "startDate=yesterday",
    ] {
        assert_error(
            &api.get(&format!("/api/packages?{bad}")).await,
            400,
            "error.validation.invalidParameter",
        );
    }
}

#[tokio::test]
async fn filters_by_status_updated_range_and_search_text() {
    let emu = emulator().await;
    let api = Api::new(&emu);
    let draft = api
        .create(json!({"name": "Car lease", "description": "blue"}))
        .await;
    let sent = api.sent_package().await;
    let page = |q: &str| {
        let api = api.clone();
        let q = q.to_string();
        async move { api.get(&format!("/api/packages?{q}")).await.body }
    };
    assert_eq!(
        ids(&page("query=DRAFT").await),
        std::slice::from_ref(&draft)
    );
    assert_eq!(ids(&page("query=SENT").await), std::slice::from_ref(&sent));
    assert_eq!(page("query=COMPLETED").await["count"], 0);
    assert_eq!(
        ids(&page("search=lease").await),
        std::slice::from_ref(&draft)
    );
    assert_eq!(
        ids(&page("search=BLUE").await),
        std::slice::from_ref(&draft)
    );
    assert_eq!(
        ids(&page("search=bob%40example.com").await),
        std::slice::from_ref(&sent),
        "a signer's email"
    );

    // The last-updated range: only what changed since.
    tokio::time::sleep(std::time::Duration::from_millis(20)).await;
    let since = time::OffsetDateTime::now_utc()
        .format(&time::format_description::well_known::Rfc3339)
        .unwrap();
    tokio::time::sleep(std::time::Duration::from_millis(20)).await;
    emu.sign_document(&sent, "Signer1", Some("doc1")).unwrap();
    let after = |t: &str| format!("startDate={}", t.replace(':', "%3A"));
    let changed = page(&after(&since)).await;
    assert_eq!(
        ids(&changed),
        std::slice::from_ref(&sent),
        "signing changed the sent one: {changed:?}"
    );
    // The older SDK's names, and an end date before everything.
    let older = page(&format!(
        "lastUpdatedStartDate={}",
        since.replace(':', "%3A")
    ))
    .await;
    assert_eq!(ids(&older), std::slice::from_ref(&sent));
    assert_eq!(page("endDate=2000-01-01").await["count"], 0);
    assert_eq!(
        page("startDate=2000-01-01&endDate=2999-12-31").await["count"],
        2
    );
}

#[tokio::test]
async fn sending_needs_a_signer_a_document_and_a_signature() {
    let emu = emulator().await;
    let api = Api::new(&emu);
    let send = |id: String| {
        let api = api.clone();
        async move {
            api.put(&format!("/api/packages/{id}"), json!({"status": "SENT"}))
                .await
        }
    };
    let no_signer = api
        .create(json!({"name": "x", "documents": [{"name": "d"}]}))
        .await;
    assert_error(
        &send(no_signer.clone()).await,
        400,
        "error.validation.packageHasNoSigners",
    );
    let mut pkg = two_signer_package("no docs");
    pkg["documents"] = json!([]);
    let no_docs = api.create(pkg).await;
    assert_error(
        &send(no_docs).await,
        400,
        "error.validation.packageHasNoDocuments",
    );
    let mut pkg = two_signer_package("no signature");
    pkg["documents"] = json!([{"id": "d", "approvals": [{"role": "Signer1"}]}]);
    let no_signature = api.create(pkg).await;
    assert_error(
        &send(no_signature.clone()).await,
        400,
        "error.validation.packageHasNoSignatures",
    );
    // Nothing changed.
    assert_eq!(
        api.get(&format!("/api/packages/{no_signature}")).await.body["status"],
        "DRAFT"
    );
    // Created as SENT: refused as a whole, nothing stored.
    let mut pkg = json!({"name": "sent at once", "status": "SENT"});
    pkg["roles"] = two_signer_package("")["roles"].clone();
    let a = api.post("/api/packages", pkg).await;
    assert_error(&a, 400, "error.validation.packageHasNoDocuments");
    assert_eq!(api.get("/api/packages").await.body["count"], 3);
    let mut ok = two_signer_package("ok");
    ok["status"] = json!("SENT");
    let id = api.create(ok).await;
    assert_eq!(
        api.get(&format!("/api/packages/{id}")).await.body["status"],
        "SENT"
    );
}

#[tokio::test]
async fn trash_restore_archive_and_mark_complete() {
    let emu = emulator().await;
    let api = Api::new(&emu);
    let mut pkg = two_signer_package("Review");
    pkg["autocomplete"] = json!(false);
    let id = api.create(pkg).await;
    let path = format!("/api/packages/{id}");
    api.post(&path, json!({"status": "SENT"})).await;
    assert_error(
        &api.post(&path, json!({"status": "COMPLETED"})).await,
        400,
        "error.validation.packageNotReadyForCompletion",
    );
    assert_error(
        &api.post(&path, json!({"status": "ARCHIVED"})).await,
        400,
        "error.validation.invalidPackageStatus",
    );
    emu.complete_signing(&id, "Signer1").unwrap();
    emu.complete_signing(&id, "Signer2").unwrap();
    // Every signer is done, the owner had nothing to sign: ready, not completed.
    assert_eq!(api.get(&path).await.body["status"], "SENT");
    let st = api.get(&format!("{path}/signingStatus")).await.body;
    assert_eq!(st["status"], "SIGNING_COMPLETED");
    let owner = api
        .get(&format!("{path}/signingStatus?signer={OWNER}"))
        .await
        .body;
    assert_eq!(
        owner["status"], "SIGNING_COMPLETED",
        "the owner has nothing to sign"
    );
    assert_eq!(
        api.post(&path, json!({"status": "COMPLETED"})).await.status,
        200
    );
    assert_eq!(api.get(&path).await.body["status"], "COMPLETED");
    assert_eq!(
        api.post(&path, json!({"status": "ARCHIVED"})).await.status,
        200
    );
    assert_error(
        &api.post(&path, json!({"status": "SENT"})).await,
        400,
        "error.validation.invalidPackageStatus",
    );
    assert_eq!(api.post(&path, json!({"trashed": true})).await.status, 200);
    assert_eq!(
        ids(&api.get("/api/packages?query=TRASH").await.body),
        std::slice::from_ref(&id)
    );
    assert_eq!(
        api.get("/api/packages").await.body["count"],
        0,
        "trashed ones are listed only in the trash"
    );
    assert_eq!(api.post(&path, json!({"trashed": false})).await.status, 200);
    assert_eq!(
        ids(&api.get("/api/packages?query=ARCHIVED").await.body),
        std::slice::from_ref(&id)
    );
    let names: Vec<String> = emu
        .events()
        .iter()
        .map(|e| e["name"].as_str().unwrap().to_string())
        .filter(|n| n.starts_with("PACKAGE_"))
        .collect();
    assert_eq!(
        names,
        [
            "PACKAGE_CREATE",
            "PACKAGE_ACTIVATE",
            "PACKAGE_READY_FOR_COMPLETE",
            "PACKAGE_COMPLETE",
            "PACKAGE_ARCHIVE",
            "PACKAGE_TRASH",
            "PACKAGE_RESTORE"
        ]
    );
    assert_error(
        &api.post("/api/packages/nope", json!({"trashed": true}))
            .await,
        404,
        "error.notFound.packageNotFound",
    );
}

#[tokio::test]
async fn templates_are_created_cloned_and_listed_apart() {
    let emu = emulator().await;
    let api = Api::new(&emu);
    let template = api
        .create(json!({
            "name": "Lease template", "type": "TEMPLATE", "description": "standard",
            "roles": [{"id": "Tenant", "name": "Tenant"},
                      // A placeholder as the SDKs send one: a signer without an email.
                      {"id": "Landlord", "name": "Landlord", "signers": [{"email": null}]}],
            "documents": [{"id": "lease", "name": "Lease", "approvals": [
                {"role": "Tenant", "fields": [signature_field(0, 50.0, 600.0)]},
                {"role": "Landlord", "fields": [signature_field(0, 300.0, 600.0)]}]}],
        }))
        .await;
    assert_eq!(emu.events().last().unwrap()["name"], "TEMPLATE_CREATE");
    let t = api.get(&format!("/api/packages/{template}")).await.body;
    assert_eq!(t["type"], "TEMPLATE");
    assert_eq!(
        t["roles"].as_array().unwrap().len(),
        3,
        "the placeholders and the owner"
    );
    assert_error(
        &api.put(
            &format!("/api/packages/{template}"),
            json!({"status": "SENT"}),
        )
        .await,
        400,
        "error.validation.templateCannotBeSent",
    );
    let other = api.create(json!({"name": "not a template"})).await;

    // Listed with type=template only.
    assert_eq!(
        ids(&api
            .get("/api/packages?type=template&from=1&to=10")
            .await
            .body),
        std::slice::from_ref(&template)
    );
    assert_eq!(
        ids(&api.get("/api/packages").await.body),
        std::slice::from_ref(&other)
    );

    // Clone: the roles given fill the placeholders, by ID and by name.
    let a = api
        .post(
            &format!("/api/packages/{template}/clone"),
            json!({"name": "Lease for Ann", "status": "SENT", "roles": [
                {"id": "Tenant", "signers": [{"email": "ann@example.com", "firstName": "Ann", "lastName": "Lee"}]},
                {"id": "x1", "name": "Landlord", "signers": [{"email": "lou@example.com", "firstName": "Lou"}]},
            ]}),
        )
        .await;
    assert_eq!(a.status, 200, "{:?}", a.body);
    assert_eq!(
        a.body.as_object().unwrap().keys().collect::<Vec<_>>(),
        ["id"]
    );
    let id = a.body["id"].as_str().unwrap().to_string();
    let p = api.get(&format!("/api/packages/{id}")).await.body;
    assert_eq!(
        (p["name"].clone(), p["type"].clone(), p["status"].clone()),
        (json!("Lease for Ann"), json!("PACKAGE"), json!("SENT"))
    );
    assert_eq!(
        p["description"], "standard",
        "the template's settings carry over"
    );
    let roles: Vec<(Value, Value)> = p["roles"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| (r["id"].clone(), r["signers"][0]["email"].clone()))
        .collect();
    assert_eq!(
        roles,
        [
            (json!(OWNER), json!(emu.sender_email())),
            (json!("Tenant"), json!("ann@example.com")),
            (json!("Landlord"), json!("lou@example.com")),
        ]
    );
    let docs: Vec<Value> = p["documents"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["id"].clone())
        .collect();
    assert_eq!(docs, [json!("default-consent"), json!("lease")]);
    // The template is unchanged.
    let t2 = api.get(&format!("/api/packages/{template}")).await.body;
    assert_eq!(t2["roles"], t["roles"]);
    assert_error(
        &api.post("/api/packages/nope/clone", json!({"name": "x"}))
            .await,
        404,
        "error.notFound.packageNotFound",
    );
    assert_error(
        &api.post(&format!("/api/packages/{template}/clone"), json!([1]))
            .await,
        400,
        "error.validation.invalidJson",
    );
}
