//! The pool of `blocking` lanes, in a test binary of its own: lanes are shared by every
//! blocking call of the process, so tests running beside these would take the idle lane
//! they count on. One test, its cases in turn.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use common::servers::{Reply, Server};
use onespan_sign::models::Package;
use onespan_sign::{blocking, Client};
use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpListener;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::Duration;

#[test]
fn the_lanes_are_pooled_and_checked_before_each_call() {
    a_thread_per_call_reuses_the_connection_of_the_last();
    a_connection_the_server_closed_between_calls_is_not_reused();
    a_burst_of_threads_leaves_at_most_32_idle_lanes();
}

fn a_burst_of_threads_leaves_at_most_32_idle_lanes() {
    let rt = tokio::runtime::Runtime::new().unwrap();
    let server = rt.block_on(Server::start(|_| {
        Reply::json(200, serde_json::json!({ "status": "DRAFT" }))
    }));
    let client = client_for(&server.url());
    // 40 calls in progress at once: 40 lanes, of which 32 stay idle afterwards.
    let barrier = std::sync::Barrier::new(40);
    std::thread::scope(|s| {
        for _ in 0..40 {
            s.spawn(|| {
                let mut lane = blocking::Lane::take().unwrap();
                barrier.wait();
                lane.block_on(client.packages().signing_status("p1", None, None))
                    .unwrap()
                    .unwrap();
                barrier.wait();
            });
        }
    });
    assert_eq!(server.count("GET", "/api/packages/p1/signingStatus"), 40);
    assert_eq!(onespan_sign::__private::idle_lanes(), 32);
    // The 8 lanes over the cap were closed with their connections; the 32 kept hold one each.
    let port: u16 = server.url().rsplit(':').next().unwrap().parse().unwrap();
    assert_eq!(established_to(port), 32);
}

/// Sockets of this machine in ESTABLISHED state whose remote end is 127.0.0.1:`port`: the
/// client ends of the connections to a test server (Linux's /proc/net/tcp, where an IPv4
/// address is written as the hex of its little-endian u32).
fn established_to(port: u16) -> usize {
    let remote = format!("0100007F:{port:04X}");
    let table = std::fs::read_to_string("/proc/net/tcp").unwrap();
    table
        .lines()
        .skip(1)
        .filter(|line| {
            let cols: Vec<&str> = line.split_whitespace().collect();
            cols[2] == remote && cols[3] == "01"
        })
        .count()
}

fn client_for(base_url: &str) -> Client {
    Client::builder()
        .api_key("key")
        .base_url(base_url)
        .max_retries(0)
        .build()
        .unwrap()
}

fn a_thread_per_call_reuses_the_connection_of_the_last() {
    // A server that starts a thread per request, calling the API from each: the lanes are
    // pooled, so the next thread takes the idle one and its open connection.
    let rt = tokio::runtime::Runtime::new().unwrap();
    let server = rt.block_on(Server::start(|_| {
        Reply::json(200, serde_json::json!({ "status": "DRAFT" }))
    }));
    let client = client_for(&server.url());
    for _ in 0..3 {
        let client = client.clone();
        std::thread::spawn(move || {
            blocking::block_on(client.packages().signing_status("p1", None, None))
                .unwrap()
                .unwrap()
        })
        .join()
        .unwrap();
    }
    assert_eq!(server.count("GET", "/api/packages/p1/signingStatus"), 3);
    assert_eq!(server.connections(), 1);
}

/// A keep-alive HTTP/1.1 server on a thread of its own that answers one request per
/// connection, then closes it after `close_after` without saying so (no
/// `Connection: close`), as a server's idle timeout does. Counts its connections.
fn closing_server(close_after: Duration) -> (String, Arc<AtomicUsize>) {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let url = format!("http://{}", listener.local_addr().unwrap());
    let accepted = Arc::new(AtomicUsize::new(0));
    let count = Arc::clone(&accepted);
    std::thread::spawn(move || {
        for stream in listener.incoming() {
            let Ok(mut stream) = stream else { return };
            count.fetch_add(1, Ordering::SeqCst);
            let mut reader = BufReader::new(stream.try_clone().unwrap());
            let mut length = 0;
            loop {
                let mut line = String::new();
                if reader.read_line(&mut line).unwrap_or(0) == 0 || line == "\r\n" {
                    break;
                }
                let lower = line.to_ascii_lowercase();
                if let Some(v) = lower.strip_prefix("content-length:") {
                    length = v.trim().parse().unwrap();
                }
            }
            let mut body = vec![0; length];
            reader.read_exact(&mut body).unwrap();
            let answer = br#"{"id":"p1"}"#;
            write!(
                stream,
                "HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ncontent-length: {}\r\n\r\n",
                answer.len()
            )
            .unwrap();
            stream.write_all(answer).unwrap();
            std::thread::sleep(close_after);
            drop(stream);
        }
    });
    (url, accepted)
}

fn a_connection_the_server_closed_between_calls_is_not_reused() {
    // The lane's connections are not driven between calls; a POST (never retried once its
    // bytes may have left) must not be written to one the server has closed meanwhile.
    let (url, accepted) = closing_server(Duration::from_millis(20));
    let client = client_for(&url);
    for round in 0..3 {
        let mut package = Package::default();
        package.name = Some("p".into());
        let id = blocking::block_on(client.packages().create(&package, &[])).unwrap();
        assert_eq!(
            id.as_deref().map_err(|e| e.to_string()),
            Ok("p1"),
            "round {round}"
        );
        std::thread::sleep(Duration::from_millis(200));
    }
    assert_eq!(accepted.load(Ordering::SeqCst), 3);
}
