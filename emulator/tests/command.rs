//! The emulator as a command: the binary prints the JSON line of tests/vectors (the same one
//! the Python and Node commands print), serves with the credentials it was given, and stops
//! cleanly on SIGTERM and on SIGINT.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use serde_json::Value;
use std::io::{BufRead, BufReader};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

fn vector() -> Value {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../tests/vectors/emulator_command.json"
    );
    serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap()
}

/// The binary, started with `args`, and the JSON line it printed.
fn start(args: &[&str]) -> (Child, serde_json::Map<String, Value>) {
    let mut child = Command::new(env!("CARGO_BIN_EXE_onespan-sign-emulator"))
        .args(args)
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    let mut line = String::new();
    BufReader::new(child.stdout.take().unwrap())
        .read_line(&mut line)
        .unwrap();
    let value: Value = serde_json::from_str(&line).unwrap();
    let map = value
        .as_object()
        .expect("the line is a JSON object")
        .clone();
    (child, map)
}

/// Sends `signal` (a `kill` name) and waits at most 10 s for the exit status.
fn stop_with(child: &mut Child, signal: &str) -> std::process::ExitStatus {
    let ok = Command::new("kill")
        .args([&format!("-{signal}"), &child.id().to_string()])
        .status()
        .unwrap();
    assert!(ok.success());
    let deadline = Instant::now() + Duration::from_secs(10);
    loop {
        if let Some(status) = child.try_wait().unwrap() {
            return status;
        }
        assert!(
            Instant::now() < deadline,
            "still running 10 s after SIG{signal}"
        );
        std::thread::sleep(Duration::from_millis(20));
    }
}

#[tokio::test]
async fn prints_the_shared_line_serves_and_stops_on_sigterm() {
    let (mut child, line) = start(&["--api-key", "cmd-key-7c1d", "--token-ttl-secs", "60"]);
    let keys: Vec<&str> = line.keys().map(String::as_str).collect();
    let vector = vector();
    let want: Vec<&str> = vector["keys"]
        .as_array()
        .unwrap()
        .iter()
        .map(|k| k.as_str().unwrap())
        .collect();
    assert_eq!(keys, want);
    assert_eq!(line["apiKey"], "cmd-key-7c1d");
    let base = line["baseUrl"].as_str().unwrap();
    assert!(base.starts_with("http://127.0.0.1:"), "{base}");
    assert_eq!(line["oauthTokenUrl"], format!("{base}/oauth2/token"));

    // It serves, with the key it was given and no other: a package it does not hold is a 404
    // for that key, a 401 for any other.
    let http = reqwest::Client::new();
    let get = |key: &str| {
        http.get(format!("{base}/api/packages/no-such-package"))
            .header("authorization", format!("Basic {key}"))
            .send()
    };
    assert_eq!(get("cmd-key-7c1d").await.unwrap().status(), 404);
    assert_eq!(get("another-key").await.unwrap().status(), 401);

    let status = stop_with(&mut child, "TERM");
    assert_eq!(status.code(), Some(0), "{status:?}");
    // Stopped: nothing listens any more.
    assert!(get("cmd-key-7c1d").await.is_err());
}

#[test]
fn sigint_stops_it_cleanly() {
    let (mut child, _) = start(&[]);
    assert_eq!(stop_with(&mut child, "INT").code(), Some(0));
}

#[test]
fn every_shared_flag_is_accepted_and_a_bad_one_is_refused() {
    let vector = vector();
    let mut args = Vec::new();
    for flag in vector["flags"].as_array().unwrap() {
        let flag = flag.as_str().unwrap();
        args.push(flag.to_string());
        args.push(vector["sample"][flag].as_str().unwrap_or("17").to_string());
    }
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    let (mut child, line) = start(&args);
    assert_eq!(line["clientId"], "17");
    assert_eq!(stop_with(&mut child, "TERM").code(), Some(0));

    let out = Command::new(env!("CARGO_BIN_EXE_onespan-sign-emulator"))
        .args(["--colour", "blue"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).starts_with("usage: onespan-sign-emulator"));
}
