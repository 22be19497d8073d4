//! Documents and downloads against the emulator over HTTP: upload (one request, a JSON
//! array), list, get, update, delete; the signed PDF, the original, the zip, the evidence
//! summary and the audit trail, to memory, to a path and to a writer; what is left behind
//! when a download fails.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use common::*;
use onespan_sign::models::Document;
use onespan_sign::{ChunkWriter, DocumentUpload, Download, ErrorKind, Sink};
use onespan_sign_emulator::{Fault, FaultAction};
use std::future::Future;
use std::pin::Pin;
use std::sync::{Arc, Mutex};

/// A minimal file the emulator takes as a PDF (it checks the `%PDF-` header).
fn pdf(text: &str) -> Vec<u8> {
    format!("%PDF-1.4\n% {text}\n%%EOF\n").into_bytes()
}

async fn draft(client: &onespan_sign::Client) -> String {
    client
        .packages()
        .create(
            &two_signer_package("Docs"),
            &[DocumentUpload::new("lease.pdf", pdf("lease"))],
        )
        .await
        .expect("package created")
}

fn files_in(dir: &std::path::Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

#[tokio::test]
async fn upload_sends_one_request_with_an_array_and_returns_every_document() {
    let emu = emulator().await;
    let client = api_key_client(&emu);
    let id = draft(&client).await;
    let before = emu.requests().len();
    let docs = client
        .documents()
        .upload(
            &id,
            &[
                DocumentUpload::new("annex-a.pdf", pdf("a")),
                DocumentUpload::new("annex-b.pdf", pdf("b")),
            ],
        )
        .await
        .expect("uploaded");
    assert_eq!(
        emu.requests()[before..],
        [format!("POST /api/packages/{id}/documents")]
    );
    let names: Vec<_> = docs.iter().map(|d| d.name.clone().unwrap()).collect();
    assert_eq!(names, ["annex-a.pdf", "annex-b.pdf"]);
    assert!(docs.iter().all(|d| d.id.is_some()));

    // The list holds them, with the consent document and the one created with the package.
    let listed = client.documents().list(&id).await.unwrap();
    let ids: Vec<_> = listed.iter().map(|d| d.id.clone().unwrap()).collect();
    assert!(ids.contains(&"default-consent".to_string()), "{ids:?}");
    assert_eq!(listed.len(), 4, "{ids:?}");
    for d in &docs {
        assert!(ids.contains(d.id.as_ref().unwrap()));
    }
    // The original comes back as uploaded.
    let original = client
        .documents()
        .download_original(&id, docs[1].id.as_ref().unwrap(), &Sink::Memory)
        .await
        .unwrap();
    assert_eq!(original, Download::Bytes(pdf("b").into()));
}

#[tokio::test]
async fn upload_refuses_what_is_not_a_pdf_and_empty_input() {
    let emu = emulator().await;
    let client = api_key_client(&emu);
    let id = draft(&client).await;
    let err = client
        .documents()
        .upload(
            &id,
            &[DocumentUpload::new("notes.txt", b"plain text".to_vec())],
        )
        .await
        .expect_err("not a PDF");
    assert_eq!(err.kind(), ErrorKind::BadRequest, "{err}");
    let err = client.documents().upload(&id, &[]).await.unwrap_err();
    assert_eq!(err.kind(), ErrorKind::InvalidArgument);
    let err = client
        .documents()
        .upload("", &[DocumentUpload::new("a.pdf", pdf("a"))])
        .await
        .unwrap_err();
    assert_eq!(err.kind(), ErrorKind::InvalidArgument);
}

#[tokio::test]
async fn get_update_delete_and_unknown_documents() {
    let emu = emulator().await;
    let client = api_key_client(&emu);
    let id = draft(&client).await;
    let doc = client.documents().get(&id, "doc1").await.unwrap();
    assert_eq!(doc.name.as_deref(), Some("Lease"));

    let mut change = Document::default();
    change.name = Some("Lease (signed copy)".into());
    let updated = client
        .documents()
        .update(&id, "doc1", &change)
        .await
        .unwrap();
    assert_eq!(updated.name.as_deref(), Some("Lease (signed copy)"));
    assert_eq!(
        client.documents().get(&id, "doc1").await.unwrap().name,
        updated.name
    );

    let extra = client
        .documents()
        .upload(&id, &[DocumentUpload::new("extra.pdf", pdf("x"))])
        .await
        .unwrap();
    let extra_id = extra[0].id.clone().unwrap();
    client.documents().delete(&id, &extra_id).await.unwrap();
    let err = client.documents().get(&id, &extra_id).await.unwrap_err();
    assert_eq!(err.kind(), ErrorKind::NotFound);

    for err in [
        client.documents().get(&id, "nope").await.unwrap_err(),
        client.documents().delete(&id, "nope").await.unwrap_err(),
        client
            .documents()
            .download(&id, "nope", false, &Sink::Memory)
            .await
            .unwrap_err(),
        client
            .documents()
            .download_original(&id, "nope", &Sink::Memory)
            .await
            .unwrap_err(),
        client
            .documents()
            .download_zip("no-such-package", false, &Sink::Memory)
            .await
            .unwrap_err(),
    ] {
        assert_eq!(err.kind(), ErrorKind::NotFound, "{err}");
    }
    let err = client.documents().get(&id, "").await.unwrap_err();
    assert_eq!(err.kind(), ErrorKind::InvalidArgument);
}

#[tokio::test]
async fn download_before_signing_is_the_document_as_it_stands_and_flatten_is_sent() {
    let emu = emulator().await;
    let client = api_key_client(&emu);
    let id = draft(&client).await;
    let current = client
        .documents()
        .download(&id, "doc1", false, &Sink::Memory)
        .await
        .unwrap();
    assert!(current.bytes().unwrap().starts_with(b"%PDF-"));
    client
        .documents()
        .download(&id, "doc1", true, &Sink::Memory)
        .await
        .unwrap();
    let zip = client
        .documents()
        .download_zip(&id, true, &Sink::Memory)
        .await
        .unwrap();
    assert!(zip.bytes().unwrap().starts_with(b"PK"), "a zip");
    let paths = emu.requests();
    assert!(paths.contains(&format!("GET /api/packages/{id}/documents/doc1/pdf")));
    assert!(paths.contains(&format!("GET /api/packages/{id}/documents/zip")));
}

#[tokio::test]
async fn downloads_stream_to_a_path_leaving_no_temporary_file() {
    let emu = emulator().await;
    let client = api_key_client(&emu);
    let id = sent_package(&client).await;
    emu.complete_signing(&id, "Signer1").unwrap();
    emu.complete_signing(&id, "Signer2").unwrap();
    let dir = tempfile::tempdir().unwrap();
    let target = dir.path().join("signed.pdf");
    let got = client
        .documents()
        .download(&id, "doc1", false, &Sink::Path(target.clone()))
        .await
        .unwrap();
    let written = std::fs::read(&target).unwrap();
    assert_eq!(got, Download::Written(written.len() as u64));
    assert!(written.starts_with(b"%PDF-"));
    let summary = dir.path().join("evidence.pdf");
    client
        .packages()
        .evidence_summary(&id, &Sink::Path(summary.clone()))
        .await
        .unwrap();
    assert!(std::fs::read(&summary).unwrap().starts_with(b"%PDF-"));
    assert_eq!(files_in(dir.path()), ["evidence.pdf", "signed.pdf"]);

    let audit = client.packages().audit(&id).await.unwrap();
    assert!(!audit.is_empty());
    assert!(audit.iter().all(|e| e.event_type.is_some()));
}

#[tokio::test]
async fn a_directory_that_does_not_exist_is_refused_before_any_request() {
    let emu = emulator().await;
    let client = api_key_client(&emu);
    let id = draft(&client).await;
    let dir = tempfile::tempdir().unwrap();
    let target = dir.path().join("missing").join("out.pdf");
    let before = emu.requests().len();
    let err = client
        .documents()
        .download(&id, "doc1", false, &Sink::Path(target.clone()))
        .await
        .unwrap_err();
    assert_eq!(err.kind(), ErrorKind::InvalidArgument);
    assert!(err.to_string().contains("does not exist"), "{err}");
    assert_eq!(emu.requests().len(), before, "nothing was sent");
    assert!(!target.exists());
    assert!(files_in(dir.path()).is_empty());
    // A directory is not a file to write either.
    let err = client
        .documents()
        .download(&id, "doc1", false, &Sink::Path(dir.path().to_path_buf()))
        .await
        .unwrap_err();
    assert_eq!(err.kind(), ErrorKind::InvalidArgument);
}

#[tokio::test]
async fn a_download_cut_mid_stream_is_a_transport_error_and_leaves_no_file() {
    let emu = emulator().await;
    let client = api_key_client(&emu);
    let mut big = pdf("big");
    big.resize(4 * 1024 * 1024, b' ');
    let id = client
        .packages()
        .create(
            &two_signer_package("Big"),
            &[DocumentUpload::new("big.pdf", big.clone())],
        )
        .await
        .unwrap();
    let path = format!("/api/packages/{id}/documents/doc1/original");
    let dir = tempfile::tempdir().unwrap();
    let target = dir.path().join("big.pdf");
    std::fs::write(&target, b"the previous version").unwrap();
    let mut fault = Fault::default();
    fault.path = Some(path.clone());
    fault.action = Some(FaultAction::Cut);
    emu.inject_fault(fault);
    let err = client
        .documents()
        .download_original(&id, "doc1", &Sink::Path(target.clone()))
        .await
        .unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Transport, "{err}");
    // The file that was there is untouched, and no temporary file is left.
    assert_eq!(std::fs::read(&target).unwrap(), b"the previous version");
    assert_eq!(files_in(dir.path()), ["big.pdf"]);
    // The next one is whole.
    client
        .documents()
        .download_original(&id, "doc1", &Sink::Path(target.clone()))
        .await
        .unwrap();
    assert_eq!(std::fs::read(&target).unwrap(), big);
}

/// A writer that keeps what it is given, and can be told to fail.
#[derive(Default)]
struct Collect {
    pieces: Mutex<Vec<bytes::Bytes>>,
    fail: bool,
}

impl ChunkWriter for Collect {
    fn write(
        &self,
        chunk: bytes::Bytes,
    ) -> Pin<Box<dyn Future<Output = onespan_sign::Result<()>> + Send + '_>> {
        Box::pin(async move {
            if self.fail {
                return Err(onespan_sign::Error::Write("disk full".into()));
            }
            self.pieces.lock().unwrap().push(chunk);
            Ok(())
        })
    }
}

#[tokio::test]
async fn a_download_streams_to_a_writer_in_pieces() {
    let emu = emulator().await;
    let client = api_key_client(&emu);
    let mut big = pdf("big");
    big.resize(3 * 1024 * 1024 + 17, b'x');
    let id = client
        .packages()
        .create(
            &two_signer_package("Big"),
            &[DocumentUpload::new("big.pdf", big.clone())],
        )
        .await
        .unwrap();
    let writer = Arc::new(Collect::default());
    let got = client
        .documents()
        .download_original(&id, "doc1", &Sink::Writer(writer.clone()))
        .await
        .unwrap();
    assert_eq!(got, Download::Written(big.len() as u64));
    {
        let pieces = writer.pieces.lock().unwrap();
        assert!(pieces.len() > 1, "streamed in pieces, not at once");
        assert_eq!(pieces.concat(), big);
    }

    let failing = Arc::new(Collect {
        fail: true,
        ..Collect::default()
    });
    let err = client
        .documents()
        .download_original(&id, "doc1", &Sink::Writer(failing))
        .await
        .unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Write);
}
