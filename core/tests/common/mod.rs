//! Shared set-up: an emulator per test, and clients pointed at it.
#![allow(dead_code, clippy::unwrap_used, clippy::expect_used)]

pub mod servers;

use onespan_sign::models::{Package, Role, Signer};
use onespan_sign::Client;
use onespan_sign_emulator::{Emulator, EmulatorOptions};
use std::time::Duration;

pub async fn emulator() -> Emulator {
    Emulator::start().await.expect("emulator starts")
}

pub async fn emulator_with_ttl(ttl: Duration) -> Emulator {
    let mut opts = EmulatorOptions::default();
    opts.token_ttl = Some(ttl);
    Emulator::start_with(opts).await.expect("emulator starts")
}

pub fn api_key_client(emu: &Emulator) -> Client {
    Client::builder()
        .api_key(emu.api_key())
        .base_url(emu.base_url())
        .build()
        .expect("client builds")
}

pub fn client_app_client(emu: &Emulator) -> Client {
    Client::builder()
        .client_app(emu.client_id(), emu.client_secret())
        .base_url(emu.base_url())
        .build()
        .expect("client builds")
}

/// Creates the two-signer package and sends it; returns its ID.
pub async fn sent_package(client: &Client) -> String {
    let id = client
        .packages()
        .create(
            &two_signer_package("Sent"),
            &[onespan_sign::DocumentUpload::new(
                "doc.pdf",
                b"%PDF-1.4".to_vec(),
            )],
        )
        .await
        .expect("package created");
    client.packages().send(&id).await.expect("package sent");
    id
}

/// GETs a URL the API handed out (a signing-session URL) and returns the status.
pub async fn open(url: &str) -> u16 {
    reqwest::get(url)
        .await
        .expect("session URL answers")
        .status()
        .as_u16()
}

/// A package with two signer roles and one document with a signature field for each, as
/// most tests need (the service sends nothing less: a signer, a document, a signature).
pub fn two_signer_package(name: &str) -> Package {
    let mut p = Package::new(name);
    p.roles = Some(vec![
        Role::with_signer("Signer1", Signer::new("ann@example.com", "Ann", "Lee")),
        Role::with_signer("Signer2", Signer::new("bob@example.com", "Bob", "Kay")),
    ]);
    p.documents = Some(vec![signed_by(&["Signer1", "Signer2"])]);
    p
}

/// A document (`doc1`, "Lease") with a signature field for each role named.
pub fn signed_by(roles: &[&str]) -> onespan_sign::models::Document {
    let approvals: Vec<serde_json::Value> = roles
        .iter()
        .enumerate()
        .map(|(i, r)| {
            serde_json::json!({"role": r, "fields": [{"type": "SIGNATURE", "subtype": "FULLNAME",
                "page": 0, "left": 100 + 250 * i, "top": 500, "width": 200, "height": 50}]})
        })
        .collect();
    serde_json::from_value(
        serde_json::json!({"id": "doc1", "name": "Lease", "approvals": approvals}),
    )
    .expect("a document")
}

/// The emulator's sender's role ID: the owner's role every package holds, first in order.
pub const OWNER: &str = "emulatorSender";
