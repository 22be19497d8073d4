//! Roles and signers: CRUD, order, lock/unlock, notifications, signing URLs, images.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use common::*;
use onespan_sign::models::{Role, Signer};
use onespan_sign::ErrorKind;

#[tokio::test]
async fn list_get_create_update_delete() {
    let emu = emulator().await;
    let client = api_key_client(&emu);
    let roles = client.roles();
    let p = client
        .packages()
        .create(&two_signer_package("R"), &[])
        .await
        .unwrap();

    let listed = roles.list(&p).await.unwrap();
    let ids: Vec<_> = listed.iter().map(|r| r.id.clone().unwrap()).collect();
    assert_eq!(ids, [OWNER, "Signer1", "Signer2"]);

    let one = roles.get(&p, "Signer2").await.unwrap();
    assert_eq!(
        one.signers.as_ref().unwrap()[0].email.as_deref(),
        Some("bob@example.com")
    );

    let created = roles
        .create(
            &p,
            &Role::with_signer("Witness", Signer::new("cy@example.com", "Cy", "Ng")),
        )
        .await
        .unwrap();
    assert_eq!(created.id.as_deref(), Some("Witness"));
    assert_eq!(created.index, Some(3));
    // The owner's, the two signers' and the witness's.
    assert_eq!(roles.list(&p).await.unwrap().len(), 4);

    let mut changed = created.clone();
    changed.signers.as_mut().unwrap()[0].first_name = Some("Cyrus".into());
    let updated = roles.update(&p, "Witness", &changed).await.unwrap();
    assert_eq!(
        updated.signers.unwrap()[0].first_name.as_deref(),
        Some("Cyrus")
    );

    roles.delete(&p, "Witness").await.unwrap();
    let err = roles.get(&p, "Witness").await.unwrap_err();
    assert_eq!(err.kind(), ErrorKind::NotFound);
    assert_eq!(
        err.api().unwrap().message_key.as_deref(),
        Some("error.notFound.roleNotFound")
    );
}

#[tokio::test]
async fn unknown_role_fields_survive_get_modify_update() {
    let emu = emulator().await;
    let client = api_key_client(&emu);
    let p = client
        .packages()
        .create(&two_signer_package("R"), &[])
        .await
        .unwrap();
    let mut role = client.roles().get(&p, "Signer1").await.unwrap();
    // The emulator fills in fields our model does not type, as the service does.
    assert!(
        role.extra.contains_key("attachmentRequirements"),
        "{:?}",
        role.extra
    );
    role.extra
        .insert("data".into(), serde_json::json!({"crm": 42}));
    role.name = Some("Tenant".into());
    let stored = client.roles().update(&p, "Signer1", &role).await.unwrap();
    assert_eq!(
        stored.extra.get("data"),
        Some(&serde_json::json!({"crm": 42}))
    );
    assert!(stored.extra.contains_key("attachmentRequirements"));
    assert_eq!(stored.name.as_deref(), Some("Tenant"));
}

#[tokio::test]
async fn duplicate_role_id_is_a_conflict_and_a_signer_needs_an_email() {
    let emu = emulator().await;
    let client = api_key_client(&emu);
    let p = client
        .packages()
        .create(&two_signer_package("R"), &[])
        .await
        .unwrap();
    let dup = Role::with_signer("Signer1", Signer::new("z@example.com", "Z", "Z"));
    assert_eq!(
        client.roles().create(&p, &dup).await.unwrap_err().kind(),
        ErrorKind::Conflict
    );
    let no_email = Role::with_signer("X", Signer::new("not-an-email", "X", "X"));
    let err = client.roles().create(&p, &no_email).await.unwrap_err();
    assert_eq!(err.kind(), ErrorKind::BadRequest);
    assert_eq!(
        err.api().unwrap().message_key.as_deref(),
        Some("error.validation.invalidEmail")
    );
}

#[tokio::test]
async fn roles_of_a_sent_package_cannot_be_removed() {
    let emu = emulator().await;
    let client = api_key_client(&emu);
    let p = sent_package(&client).await;
    let err = client.roles().delete(&p, "Signer1").await.unwrap_err();
    assert_eq!(err.kind(), ErrorKind::BadRequest);
    assert_eq!(client.roles().list(&p).await.unwrap().len(), 3);
}

#[tokio::test]
async fn reorder_changes_index_and_list_order() {
    let emu = emulator().await;
    let client = api_key_client(&emu);
    let p = client
        .packages()
        .create(&two_signer_package("R"), &[])
        .await
        .unwrap();
    let answered = client
        .roles()
        .reorder(&p, &["Signer2".into(), "Signer1".into()])
        .await
        .unwrap();
    let order: Vec<_> = answered
        .iter()
        .map(|r| (r.id.clone().unwrap(), r.index.unwrap()))
        .collect();
    assert_eq!(
        order,
        [
            (OWNER.to_string(), 0),
            ("Signer2".to_string(), 1),
            ("Signer1".to_string(), 2)
        ]
    );
    let listed: Vec<_> = client
        .roles()
        .list(&p)
        .await
        .unwrap()
        .into_iter()
        .map(|r| r.id.unwrap())
        .collect();
    assert_eq!(listed, [OWNER, "Signer2", "Signer1"]);
    let err = client
        .roles()
        .reorder(&p, &["Nobody".into()])
        .await
        .unwrap_err();
    assert_eq!(err.kind(), ErrorKind::NotFound);
}

#[tokio::test]
async fn a_locked_signer_is_unlocked() {
    let emu = emulator().await;
    let client = api_key_client(&emu);
    let p = sent_package(&client).await;
    emu.lock_signer(&p, "Signer1").unwrap();
    assert_eq!(
        client.roles().get(&p, "Signer1").await.unwrap().locked,
        Some(true)
    );
    // A locked signer cannot sign.
    assert!(emu.sign_document(&p, "Signer1", None).is_err());
    client.roles().unlock_signer(&p, "Signer1").await.unwrap();
    assert_eq!(
        client.roles().get(&p, "Signer1").await.unwrap().locked,
        Some(false)
    );
    emu.sign_document(&p, "Signer1", None).unwrap();
}

#[tokio::test]
async fn email_and_sms_notifications_are_recorded() {
    let emu = emulator().await;
    let client = api_key_client(&emu);
    let draft = client
        .packages()
        .create(&two_signer_package("D"), &[])
        .await
        .unwrap();
    let err = client
        .roles()
        .send_email_notification(&draft, "Signer1")
        .await
        .unwrap_err();
    assert_eq!(
        err.kind(),
        ErrorKind::BadRequest,
        "a draft has no one to remind"
    );

    let p = sent_package(&client).await;
    client
        .roles()
        .send_email_notification(&p, "Signer1")
        .await
        .unwrap();
    let err = client
        .roles()
        .send_sms_passcode(&p, "Signer1")
        .await
        .unwrap_err();
    assert_eq!(err.kind(), ErrorKind::BadRequest, "no phone number");
    assert_eq!(
        err.api().unwrap().message_key.as_deref(),
        Some("error.validation.sms.noPhoneNumber")
    );

    let sent = emu.notifications();
    assert_eq!(sent.len(), 1);
    assert_eq!(
        (sent[0].kind.as_str(), sent[0].to.as_str()),
        ("email", "ann@example.com")
    );
}

#[tokio::test]
async fn sms_goes_to_a_signer_with_a_phone() {
    let emu = emulator().await;
    let client = api_key_client(&emu);
    let mut pkg = two_signer_package("P");
    pkg.roles.as_mut().unwrap()[1].signers.as_mut().unwrap()[0].phone = Some("+15145550100".into());
    let p = client.packages().create(&pkg, &[]).await.unwrap();
    client.packages().send(&p).await.unwrap();
    client
        .roles()
        .send_sms_passcode(&p, "Signer2")
        .await
        .unwrap();
    let sent = emu.notifications();
    assert_eq!(
        (sent[0].kind.as_str(), sent[0].to.as_str()),
        ("sms", "+15145550100")
    );
}

#[tokio::test]
async fn role_signing_url_opens_a_session_every_time() {
    let emu = emulator().await;
    let client = api_key_client(&emu);
    let p = sent_package(&client).await;
    let url = client.roles().signing_url(&p, "Signer1").await.unwrap();
    assert!(url.starts_with(emu.base_url()), "{url}");
    assert_eq!(open(&url).await, 200);
    assert_eq!(open(&url).await, 200, "reusable: it does not expire");
    assert_eq!(
        client.roles().signing_url(&p, "Signer1").await.unwrap(),
        url
    );
}

#[tokio::test]
async fn signature_image_exists_once_the_signer_has_signed() {
    let emu = emulator().await;
    let client = api_key_client(&emu);
    let p = sent_package(&client).await;
    let err = client
        .roles()
        .signature_image(&p, "Signer1", "png")
        .await
        .unwrap_err();
    assert_eq!(err.kind(), ErrorKind::NotFound);

    emu.complete_signing(&p, "Signer1").unwrap();
    for (format, magic, want) in [
        ("png", &b"\x89PNG"[..], image::ImageFormat::Png),
        ("jpeg", &b"\xFF\xD8\xFF"[..], image::ImageFormat::Jpeg),
        ("gif", &b"GIF8"[..], image::ImageFormat::Gif),
    ] {
        let bytes = client
            .roles()
            .signature_image(&p, "Signer1", format)
            .await
            .unwrap();
        assert!(bytes.starts_with(magic), "{format}");
        let img = image::load_from_memory_with_format(&bytes, want).unwrap();
        assert_eq!((img.width(), img.height()), (350, 100), "{format}");
    }
    let err = client
        .roles()
        .signature_image(&p, "Signer1", "bmp")
        .await
        .unwrap_err();
    assert_eq!(err.kind(), ErrorKind::InvalidArgument);
}
