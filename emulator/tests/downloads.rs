//! Downloads: the original as uploaded, the signed PDF (signatures drawn at their fields,
//! flattened or not), the zip of every document, the evidence summary, the audit trail,
//! and a download cut mid-stream.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use common::*;
use onespan_sign_emulator::{Fault, FaultAction};
use reqwest::multipart::{Form, Part};
use serde_json::json;

/// The raw bytes and headers of a GET.
async fn bytes(api: &Api, path: &str) -> (u16, reqwest::header::HeaderMap, Vec<u8>) {
    let resp = api
        .request(reqwest::Method::GET, path)
        .send()
        .await
        .unwrap();
    let status = resp.status().as_u16();
    let headers = resp.headers().clone();
    (status, headers, resp.bytes().await.unwrap().to_vec())
}

/// A SENT package whose document `doc1` is the given PDF, signed by both signers at
/// their fields (page 0: Signer1 at (100, 500), Signer2 at (350, 500)).
async fn package_with(api: &Api, pdf: Vec<u8>, send: bool) -> String {
    let form = Form::new()
        .part(
            "payload",
            Part::text(two_signer_package("Download").to_string()),
        )
        .part("file", Part::bytes(pdf).file_name("lease.pdf"));
    let a = api
        .send(
            api.request(reqwest::Method::POST, "/api/packages")
                .multipart(form),
        )
        .await;
    assert_eq!(a.status, 200, "{:?}", a.body);
    let id = a.body["id"].as_str().unwrap().to_string();
    if send {
        let a = api
            .put(&format!("/api/packages/{id}"), json!({"status": "SENT"}))
            .await;
        assert_eq!(a.status, 200, "{:?}", a.body);
    }
    id
}

fn pdf_doc(bytes: &[u8]) -> lopdf::Document {
    lopdf::Document::load_mem(bytes).expect("a PDF a PDF library opens")
}

/// The signature widgets of page 1: (field name, rect).
fn widgets(doc: &lopdf::Document) -> Vec<(String, Vec<f32>)> {
    let page = *doc.get_pages().get(&1).unwrap();
    doc.get_page_annotations(page)
        .unwrap_or_default()
        .into_iter()
        .filter(|a| a.get(b"FT").and_then(|o| o.as_name()).ok() == Some(b"Sig".as_slice()))
        .map(|a| {
            let name =
                String::from_utf8_lossy(a.get(b"TU").unwrap().as_str().unwrap()).into_owned();
            let rect = a
                .get(b"Rect")
                .unwrap()
                .as_array()
                .unwrap()
                .iter()
                .map(|o| o.as_float().unwrap())
                .collect();
            (name, rect)
        })
        .collect()
}

#[tokio::test]
async fn before_signing_a_download_is_the_document_as_it_stands() {
    let emu = emulator().await;
    let api = Api::new(&emu);
    let original = small_pdf("The lease");
    let id = package_with(&api, original.clone(), true).await;
    let (status, headers, body) =
        bytes(&api, &format!("/api/packages/{id}/documents/doc1/original")).await;
    assert_eq!(status, 200);
    assert_eq!(body, original, "the original as uploaded");
    assert_eq!(
        headers["content-length"],
        original.len().to_string().as_str()
    );
    let (status, _, body) = bytes(&api, &format!("/api/packages/{id}/documents/doc1/pdf")).await;
    assert_eq!(status, 200);
    assert_eq!(
        body, original,
        "nothing signed yet: the document as it stands"
    );
    for path in ["doc1/pdf", "doc1/original", "ghost/pdf", "ghost/original"] {
        let (status, _, _) = bytes(&api, &format!("/api/packages/nope/documents/{path}")).await;
        assert_eq!(status, 404);
    }
    assert_error(
        &api.get(&format!("/api/packages/{id}/documents/ghost/pdf"))
            .await,
        404,
        "error.notFound.documentNotFound",
    );
    assert_error(
        &api.get(&format!(
            "/api/packages/{id}/documents/doc1/pdf?flatten=maybe"
        ))
        .await,
        400,
        "error.validation.invalidParameter",
    );
}

#[tokio::test]
async fn the_signed_pdf_has_each_signature_at_its_field() {
    let emu = emulator().await;
    let api = Api::new(&emu);
    let id = package_with(&api, small_pdf("The lease"), true).await;
    emu.complete_signing(&id, "Signer1").unwrap();
    let (status, _, body) = bytes(&api, &format!("/api/packages/{id}/documents/doc1/pdf")).await;
    assert_eq!(status, 200);
    let doc = pdf_doc(&body);
    assert_eq!(doc.get_pages().len(), 1);
    // Only Signer1 has signed; the field is 200 x 50 at left 100, top 500 on a 792-high page.
    assert_eq!(
        widgets(&doc),
        [("Ann Lee".to_string(), vec![100.0, 242.0, 300.0, 292.0])]
    );
    let text = doc.extract_text(&[1]).unwrap();
    assert!(
        text.contains("The lease"),
        "the document's own content stays: {text}"
    );
    emu.complete_signing(&id, "Signer2").unwrap();
    let (_, _, body) = bytes(&api, &format!("/api/packages/{id}/documents/doc1/pdf")).await;
    let doc = pdf_doc(&body);
    let mut got = widgets(&doc);
    got.sort_by(|a, b| a.0.cmp(&b.0));
    assert_eq!(
        got,
        [
            ("Ann Lee".to_string(), vec![100.0, 242.0, 300.0, 292.0]),
            ("Bob Kay".to_string(), vec![350.0, 242.0, 550.0, 292.0]),
        ]
    );
    assert!(
        doc.catalog().unwrap().has(b"AcroForm"),
        "the signatures are form fields"
    );
    // The signature's appearance is drawn into the page too, so a viewer shows it.
    let page = *doc.get_pages().get(&1).unwrap();
    let content = String::from_utf8_lossy(&doc.get_page_content(page)).into_owned();
    assert!(
        content.contains("EmuSig0") && content.contains("EmuSig1"),
        "{content}"
    );

    // Flattened: the same drawing, no form and no annotations left.
    let (status, _, body) = bytes(
        &api,
        &format!("/api/packages/{id}/documents/doc1/pdf?flatten=true"),
    )
    .await;
    assert_eq!(status, 200);
    let flat = pdf_doc(&body);
    assert!(widgets(&flat).is_empty());
    assert!(!flat.catalog().unwrap().has(b"AcroForm"));
    let page = *flat.get_pages().get(&1).unwrap();
    let content = String::from_utf8_lossy(&flat.get_page_content(page)).into_owned();
    assert!(content.contains("EmuSig1"), "{content}");
    // The original stays as uploaded.
    let (_, _, body) = bytes(&api, &format!("/api/packages/{id}/documents/doc1/original")).await;
    assert_eq!(body, small_pdf("The lease"));
}

#[tokio::test]
async fn a_document_without_a_readable_pdf_still_downloads_as_a_pdf() {
    // The emulator checks only the header of an upload; a stub like "%PDF-1.4" gets a
    // stand-in page once something is drawn on it.
    let emu = emulator().await;
    let api = Api::new(&emu);
    let id = package_with(&api, b"%PDF-1.4".to_vec(), true).await;
    emu.complete_signing(&id, "Signer1").unwrap();
    let (status, _, body) = bytes(&api, &format!("/api/packages/{id}/documents/doc1/pdf")).await;
    assert_eq!(status, 200);
    assert_eq!(widgets(&pdf_doc(&body)).len(), 1);
}

#[tokio::test]
async fn the_zip_holds_every_document() {
    let emu = emulator().await;
    let api = Api::new(&emu);
    let id = package_with(&api, small_pdf("The lease"), true).await;
    emu.complete_signing(&id, "Signer1").unwrap();
    for flatten in [false, true] {
        let path = format!(
            "/api/packages/{id}/documents/zip{}",
            if flatten { "?flatten=true" } else { "" }
        );
        let (status, headers, body) = bytes(&api, &path).await;
        assert_eq!(status, 200);
        assert_eq!(headers["content-type"], "application/zip");
        let mut zip = zip::ZipArchive::new(std::io::Cursor::new(body)).expect("a zip");
        let names: Vec<String> = (0..zip.len())
            .map(|i| zip.by_index(i).unwrap().name().unwrap().to_string())
            .collect();
        assert_eq!(
            names,
            [
                "Electronic Disclosures and Signatures Consent.pdf",
                "Lease.pdf"
            ]
        );
        let mut lease = Vec::new();
        std::io::Read::read_to_end(&mut zip.by_name("Lease.pdf").unwrap(), &mut lease).unwrap();
        let doc = pdf_doc(&lease);
        assert_eq!(widgets(&doc).len(), if flatten { 0 } else { 1 });
        let mut consent = Vec::new();
        std::io::Read::read_to_end(&mut zip.by_index(0).unwrap(), &mut consent).unwrap();
        assert!(pdf_doc(&consent)
            .extract_text(&[1])
            .unwrap()
            .contains("Consent"));
    }
    let (status, _, _) = bytes(&api, "/api/packages/nope/documents/zip").await;
    assert_eq!(status, 404);
}

#[tokio::test]
async fn evidence_summary_and_audit_list_the_packages_events() {
    let emu = emulator().await;
    let api = Api::new(&emu);
    let id = package_with(&api, small_pdf("The lease"), true).await;
    emu.complete_signing(&id, "Signer1").unwrap();
    let a = api.get(&format!("/api/packages/{id}/audit")).await;
    assert_eq!(a.status, 200);
    let events = a.body["audit-events"].as_array().unwrap();
    let types: Vec<_> = events.iter().map(|e| e["type"].as_str().unwrap()).collect();
    assert_eq!(
        types,
        [
            "PACKAGE_CREATE",
            "PACKAGE_ACTIVATE",
            "DOCUMENT_VIEWED",
            "DOCUMENT_SIGNED",
            "DOCUMENT_VIEWED",
            "DOCUMENT_SIGNED",
            "SIGNER_COMPLETE"
        ]
    );
    // Every key the SDK reads is there, as a string.
    for e in events {
        for k in [
            "type",
            "date-time",
            "target",
            "user",
            "user-email",
            "user-ip",
            "data",
        ] {
            assert!(e[k].is_string(), "{k} in {e:?}");
        }
    }
    assert_eq!(events[0]["user-email"], json!(emu.sender_email()));
    assert_eq!(events[5]["user"], "Ann Lee");
    assert_eq!(events[5]["user-email"], "ann@example.com");
    assert_eq!(events[5]["target"], "Lease");

    let (status, headers, body) =
        bytes(&api, &format!("/api/packages/{id}/evidence/summary")).await;
    assert_eq!(status, 200);
    assert_eq!(headers["content-type"], "application/pdf");
    let doc = pdf_doc(&body);
    let pages: Vec<u32> = doc.get_pages().keys().copied().collect();
    let text = doc.extract_text(&pages).unwrap();
    for want in [
        "Evidence Summary",
        &id,
        "PACKAGE_ACTIVATE",
        "SIGNER_COMPLETE",
        "ann@example.com",
        "Lease",
    ] {
        assert!(text.contains(want), "{want} in {text}");
    }
    assert_error(
        &api.get("/api/packages/nope/audit").await,
        404,
        "error.notFound.packageNotFound",
    );
    let (status, _, _) = bytes(&api, "/api/packages/nope/evidence/summary").await;
    assert_eq!(status, 404);
}

#[tokio::test]
async fn a_large_original_downloads_whole_and_a_cut_fault_stops_it_half_way() {
    let emu = emulator().await;
    let api = Api::new(&emu);
    let mut big = small_pdf("big");
    big.resize(8 * 1024 * 1024, b' ');
    let id = package_with(&api, big.clone(), false).await;
    let path = format!("/api/packages/{id}/documents/doc1/original");
    let (status, _, body) = bytes(&api, &path).await;
    assert_eq!(status, 200);
    assert_eq!(body.len(), big.len());

    let mut fault = Fault::default();
    fault.path = Some(path.clone());
    fault.action = Some(FaultAction::Cut);
    emu.inject_fault(fault);
    let resp = api
        .request(reqwest::Method::GET, &path)
        .send()
        .await
        .unwrap();
    assert_eq!(resp.status(), 200, "the answer starts as usual");
    assert_eq!(resp.content_length(), Some(big.len() as u64));
    let err = resp.bytes().await.expect_err("the body is cut");
    assert!(
        err.is_body() || err.is_decode() || err.is_request(),
        "{err:?}"
    );
    // Only once: the next download is whole again.
    let (_, _, body) = bytes(&api, &path).await;
    assert_eq!(body.len(), big.len());
    // Armed over the control route too, and for the zip, which has no length.
    let a = api
        .send(
            api.http().post(api.url("/__emulator/faults")).json(
                &json!({"path": format!("/api/packages/{id}/documents/zip"), "action": "cut"}),
            ),
        )
        .await;
    assert_eq!(a.status, 204);
    let resp = api
        .request(
            reqwest::Method::GET,
            &format!("/api/packages/{id}/documents/zip"),
        )
        .send()
        .await
        .unwrap();
    assert!(resp.bytes().await.is_err());
}
