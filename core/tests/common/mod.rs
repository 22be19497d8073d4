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

/// A package with two signer roles, as most tests need.
pub fn two_signer_package(name: &str) -> Package {
    let mut p = Package::new(name);
    p.roles = Some(vec![
        Role::with_signer("Signer1", Signer::new("ann@example.com", "Ann", "Lee")),
        Role::with_signer("Signer2", Signer::new("bob@example.com", "Bob", "Kay")),
    ]);
    p
}
