//! `blocking::block_on`: calls on the caller's own thread, on pooled lanes (a current-thread
//! runtime and its connections each), sharing the client's token cache; the servers run on
//! a runtime of their own.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use common::*;
use onespan_sign::models::{Package, SigningStatus};
use onespan_sign::{blocking, ErrorKind};
use onespan_sign_emulator::Fault;
use std::time::Duration;

fn server_runtime() -> tokio::runtime::Runtime {
    tokio::runtime::Builder::new_multi_thread()
        .worker_threads(1)
        .enable_all()
        .build()
        .unwrap()
}

fn package(name: &str) -> Package {
    let mut p = Package::default();
    p.name = Some(name.into());
    p
}

#[test]
fn blocking_calls_from_four_threads_share_one_token() {
    let rt = server_runtime();
    let emu = rt.block_on(emulator());
    let client = client_app_client(&emu);
    let names: Vec<String> = std::thread::scope(|s| {
        let workers: Vec<_> = (0..4)
            .map(|i| {
                let client = client.clone();
                s.spawn(move || {
                    let name = format!("from thread {i}");
                    let id = blocking::block_on(client.packages().create(&package(&name), &[]))
                        .unwrap()
                        .unwrap();
                    // A second call on the same thread, on an idle lane.
                    blocking::block_on(client.packages().get(&id))
                        .unwrap()
                        .unwrap()
                        .name
                        .unwrap()
                })
            })
            .collect();
        workers.into_iter().map(|w| w.join().unwrap()).collect()
    });
    assert_eq!(
        names,
        [
            "from thread 0",
            "from thread 1",
            "from thread 2",
            "from thread 3"
        ]
    );
    assert_eq!(emu.token_requests(), 1, "one token, shared by every lane");
    assert_eq!(emu.api_requests(), 8);
}

#[test]
fn one_client_serves_blocking_and_async_calls_in_turn() {
    let rt = server_runtime();
    let emu = rt.block_on(emulator());
    let client = api_key_client(&emu);
    for round in 0..3 {
        let id = blocking::block_on(client.packages().create(&package("lane"), &[]))
            .unwrap()
            .unwrap();
        // The same client on the multi-thread runtime: its shared pool, not the lane's.
        let name = rt.block_on(client.packages().get(&id)).unwrap().name;
        assert_eq!(name.as_deref(), Some("lane"), "round {round}");
        let status = blocking::block_on(client.packages().signing_status(&id, None, None))
            .unwrap()
            .unwrap();
        assert_eq!(status, SigningStatus::Draft, "round {round}");
    }
}

#[test]
fn a_call_dropped_half_way_leaves_the_lane_usable() {
    let rt = server_runtime();
    let emu = rt.block_on(emulator());
    let client = api_key_client(&emu);
    let mut slow = Fault::default();
    slow.path = Some("/api/packages".into());
    slow.delay_ms = Some(2_000);
    emu.inject_fault(slow);
    // What a binding does on Ctrl-C: stop waiting and drop the call.
    let gave_up = blocking::block_on(async {
        tokio::time::timeout(
            Duration::from_millis(100),
            client.packages().create(&package("abandoned"), &[]),
        )
        .await
    })
    .unwrap();
    assert!(gave_up.is_err(), "the delayed call was still running");
    let id = blocking::block_on(client.packages().create(&package("next"), &[]))
        .unwrap()
        .unwrap();
    assert!(!id.is_empty());
}

#[test]
fn blocking_inside_an_async_runtime_is_refused() {
    let rt = server_runtime();
    let err = rt
        .block_on(async { blocking::block_on(async { 1 }) })
        .unwrap_err();
    assert_eq!(err.kind(), ErrorKind::InvalidArgument);
    assert!(err.to_string().contains("inside an async runtime"), "{err}");
}
