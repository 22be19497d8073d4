//! The account's senders: signature images (`GET /api/account/senders/{id}/signatureImage`)
//! and their deletion, against the emulator.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use common::*;
use onespan_sign::ErrorKind;

#[tokio::test]
async fn sender_signature_images_in_each_format_and_deleted() {
    let emu = emulator().await;
    let client = api_key_client(&emu);
    let me = emu.sender_id().to_string();
    for (format, magic) in [
        ("png", &b"\x89PNG"[..]),
        ("jpeg", &b"\xFF\xD8\xFF"[..]),
        ("gif", &b"GIF8"[..]),
    ] {
        let img = client
            .senders()
            .signature_image(&me, Some(format))
            .await
            .unwrap();
        assert!(img.starts_with(magic), "{format}");
    }
    let e = client
        .senders()
        .signature_image(&me, Some("bmp"))
        .await
        .unwrap_err();
    assert_eq!(e.kind(), ErrorKind::InvalidArgument);
    let e = client
        .senders()
        .signature_image("someone-else", None)
        .await
        .unwrap_err();
    assert_eq!(e.kind(), ErrorKind::NotFound);
    client.senders().delete_signature_image(&me).await.unwrap();
    let e = client
        .senders()
        .signature_image(&me, None)
        .await
        .unwrap_err();
    assert_eq!(e.kind(), ErrorKind::NotFound);
    let e = client
        .senders()
        .delete_signature_image(&me)
        .await
        .unwrap_err();
    assert_eq!(e.kind(), ErrorKind::NotFound);
    let e = client
        .senders()
        .signature_image("", None)
        .await
        .unwrap_err();
    assert_eq!(e.kind(), ErrorKind::InvalidArgument);
    let e = client
        .senders()
        .signature_image("a/b", None)
        .await
        .unwrap_err();
    assert_eq!(e.kind(), ErrorKind::NotFound);
    assert!(emu
        .requests()
        .contains(&format!("GET /api/account/senders/{me}/signatureImage")));
    assert!(emu
        .requests()
        .contains(&"GET /api/account/senders/a%2Fb/signatureImage".to_string()));
}
