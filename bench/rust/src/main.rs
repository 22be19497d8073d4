//! `onespan-sign-bench MODE [--key value ...]`: the Rust side of `make bench`.
//!
//! Every mode prints one JSON object per measured round on stdout, which `bench/run.py`
//! gathers into medians and ratios. Every loop is bounded both in time and in count, and
//! only ever talks to the loopback address it is given.
//!
//! - `http`: `roles.get` and `packages.signing_status` through the SDK's `Client` and
//!   through a hand-written reqwest call doing the same request (same headers, same
//!   decoding into the same model), rounds alternating between the two.
//! - `webhook`: `webhook::verify` on one thread, events per second.
//! - `load`: the emulator's own throughput, measured with a minimal HTTP/1.1 keep-alive
//!   client over raw sockets (a wrk stand-in that costs the emulator's cores as little as
//!   possible), so the emulator is never mistaken for the bottleneck.
//! - `rss`: peak resident memory and its growth over N webhook verifications.

use onespan_sign::models::Role;
use onespan_sign::{webhook, Client};
use serde::Deserialize;
use std::collections::HashMap;
use std::error::Error;
use std::hint::black_box;
use std::time::{Duration, Instant};
use tokio::io::{AsyncReadExt, AsyncWriteExt};

type Res<T> = std::result::Result<T, Box<dyn Error + Send + Sync>>;

/// A webhook test vector: `{"body", "key", "headers": {"Authorization"}}` (the benchmarks
/// use tests/vectors/webhooks/event-package-complete.json, the documented payload).
struct Vector {
    body: Vec<u8>,
    authorization: String,
    key: String,
}

impl Vector {
    fn load(args: &Args) -> Res<Vector> {
        let path = args.str("vector")?;
        let v: serde_json::Value = serde_json::from_slice(&std::fs::read(&path)?)?;
        let text = |p: &str| -> Res<String> {
            v.pointer(p)
                .and_then(|x| x.as_str())
                .map(str::to_string)
                .ok_or_else(|| format!("{path}: no string at {p}").into())
        };
        Ok(Vector {
            body: text("/body")?.into_bytes(),
            authorization: text("/headers/Authorization")?,
            key: text("/key")?,
        })
    }

    fn verify_once(&self) -> Res<()> {
        let event = webhook::verify(
            black_box(&self.body),
            black_box(Some(self.authorization.as_str())),
            black_box(&self.key),
        )?;
        black_box(&event.name);
        black_box(&event.package_id);
        Ok(())
    }

    /// `webhook::verify_view`: the same checks, only the typed fields read (what the
    /// bindings call).
    fn verify_view_once(&self) -> Res<()> {
        let view = webhook::verify_view(
            black_box(&self.body),
            black_box(Some(self.authorization.as_str())),
            black_box(&self.key),
            &webhook::Options::default(),
        )?;
        black_box(&view.name);
        black_box(&view.package_id);
        Ok(())
    }
}

struct Args(HashMap<String, String>);

impl Args {
    fn parse(raw: impl Iterator<Item = String>) -> Res<Args> {
        let mut map = HashMap::new();
        let mut it = raw;
        while let Some(k) = it.next() {
            let key = k
                .strip_prefix("--")
                .ok_or_else(|| format!("expected --flag, got {k:?}"))?
                .to_string();
            let v = it.next().ok_or_else(|| format!("--{key} needs a value"))?;
            map.insert(key, v);
        }
        Ok(Args(map))
    }

    fn str(&self, k: &str) -> Res<String> {
        self.0
            .get(k)
            .cloned()
            .ok_or_else(|| format!("missing --{k}").into())
    }

    fn num<T: std::str::FromStr>(&self, k: &str, default: T) -> Res<T> {
        match self.0.get(k) {
            None => Ok(default),
            Some(v) => v
                .parse()
                .map_err(|_| format!("--{k}: bad number {v:?}").into()),
        }
    }
}

fn main() -> Res<()> {
    let mut argv = std::env::args().skip(1);
    let mode = argv.next().unwrap_or_default();
    let args = Args::parse(argv)?;
    match mode.as_str() {
        "http" => http(&args),
        "webhook" => webhook_rounds(&args),
        "load" => load(&args),
        "rss" => rss(&args),
        _ => Err("usage: onespan-sign-bench http|webhook|load|rss [--flag value ...]".into()),
    }
}

/// A loopback base URL, or an error: this program never sends traffic anywhere else.
fn loopback(base: &str) -> Res<String> {
    let base = base.trim_end_matches('/').to_string();
    if !base.starts_with("http://127.0.0.1:") {
        return Err(format!("refusing a non-loopback base URL {base:?}").into());
    }
    Ok(base)
}

fn emit(v: serde_json::Value) {
    println!("{v}");
}

// ---- http: the SDK's Client against raw reqwest ------------------------------------------

#[derive(Deserialize)]
struct StatusAnswer {
    status: String,
}

struct Raw {
    http: reqwest::Client,
    role_url: String,
    status_url: String,
    auth: String,
}

impl Raw {
    async fn get_bytes(&self, url: &str) -> Res<bytes::Bytes> {
        let resp = self
            .http
            .get(url)
            .header(reqwest::header::AUTHORIZATION, &self.auth)
            .header(reqwest::header::ACCEPT, "application/json")
            .send()
            .await?;
        if !resp.status().is_success() {
            return Err(format!("status {}", resp.status()).into());
        }
        Ok(resp.bytes().await?)
    }

    async fn role(&self) -> Res<Role> {
        Ok(serde_json::from_slice(
            &self.get_bytes(&self.role_url).await?,
        )?)
    }

    async fn status(&self) -> Res<String> {
        let a: StatusAnswer = serde_json::from_slice(&self.get_bytes(&self.status_url).await?)?;
        Ok(a.status)
    }
}

fn http(args: &Args) -> Res<()> {
    let base = loopback(&args.str("base")?)?;
    let key = args.str("key")?;
    let package = args.str("package")?;
    let role = args.str("role")?;
    let secs: f64 = args.num("secs", 1.0)?;
    let rounds: usize = args.num("rounds", 5)?;
    let max_calls: u64 = args.num("max-calls", 200_000)?;
    let inflight: usize = args.num("inflight", 1)?;
    let rt = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()?;
    rt.block_on(async move {
        let client = Client::builder()
            .api_key(key.clone())
            .base_url(base.clone())
            .build()?;
        let raw = Raw {
            // The same settings the SDK gives its own reqwest client.
            http: reqwest::Client::builder()
                .use_rustls_tls()
                .user_agent("raw-reqwest-bench")
                .connect_timeout(Duration::from_secs(10))
                .pool_idle_timeout(Duration::from_secs(60))
                .build()?,
            role_url: format!("{base}/api/packages/{package}/roles/{role}"),
            status_url: format!("{base}/api/packages/{package}/signingStatus"),
            auth: format!("Basic {key}"),
        };
        let client = &client;
        let raw = &raw;
        let (package, role) = (package.as_str(), role.as_str());
        // Both answers must be the same before anything is timed.
        let ours_role = client.roles().get(package, role).await?;
        let raw_role = raw.role().await?;
        if ours_role != raw_role {
            return Err("the SDK and raw reqwest decoded different roles".into());
        }
        for call in ["roles_get", "signing_status"] {
            // One unmeasured warm-up round each, then measured rounds, alternating which
            // side goes first so that drift on a shared machine hits both alike.
            for round in 0..=rounds {
                let sides: [&str; 2] = if round % 2 == 0 {
                    ["ours", "raw"]
                } else {
                    ["raw", "ours"]
                };
                for side in sides {
                    let deadline = Instant::now() + Duration::from_secs_f64(secs);
                    let per_task = max_calls / inflight as u64 + 1;
                    let start = Instant::now();
                    let mut tasks = Vec::with_capacity(inflight);
                    for _ in 0..inflight {
                        tasks.push(async move {
                            let mut n: u64 = 0;
                            while n < per_task && Instant::now() < deadline {
                                match (call, side) {
                                    ("roles_get", "ours") => {
                                        black_box(client.roles().get(package, role).await?);
                                    }
                                    ("roles_get", _) => {
                                        black_box(raw.role().await?);
                                    }
                                    (_, "ours") => {
                                        black_box(
                                            client
                                                .packages()
                                                .signing_status(package, None, None)
                                                .await?,
                                        );
                                    }
                                    _ => {
                                        black_box(raw.status().await?);
                                    }
                                }
                                n += 1;
                            }
                            Ok::<u64, Box<dyn Error + Send + Sync>>(n)
                        });
                    }
                    let mut calls = 0;
                    for r in futures_join_all(tasks).await {
                        calls += r?;
                    }
                    let elapsed = start.elapsed().as_secs_f64();
                    if round > 0 {
                        emit(serde_json::json!({
                            "bench": "rust_http", "call": call, "side": side,
                            "inflight": inflight, "round": round,
                            "calls": calls, "secs": elapsed,
                        }));
                    }
                }
            }
        }
        Ok(())
    })
}

/// Runs the futures concurrently on the current task (no extra dependency for join_all).
async fn futures_join_all<F: std::future::Future>(futs: Vec<F>) -> Vec<F::Output> {
    let mut set = Vec::with_capacity(futs.len());
    let mut pinned: Vec<std::pin::Pin<Box<F>>> = futs.into_iter().map(Box::pin).collect();
    let mut done: Vec<Option<F::Output>> = (0..pinned.len()).map(|_| None).collect();
    std::future::poll_fn(|cx| {
        let mut pending = false;
        for (i, f) in pinned.iter_mut().enumerate() {
            if done[i].is_none() {
                match f.as_mut().poll(cx) {
                    std::task::Poll::Ready(v) => done[i] = Some(v),
                    std::task::Poll::Pending => pending = true,
                }
            }
        }
        if pending {
            std::task::Poll::Pending
        } else {
            std::task::Poll::Ready(())
        }
    })
    .await;
    for v in done.into_iter().flatten() {
        set.push(v);
    }
    set
}

// ---- webhook ---------------------------------------------------------------------------

fn webhook_rounds(args: &Args) -> Res<()> {
    let secs: f64 = args.num("secs", 0.5)?;
    let rounds: usize = args.num("rounds", 5)?;
    let max_calls: u64 = args.num("max-calls", 20_000_000)?;
    let vector = Vector::load(args)?;
    type Verify = fn(&Vector) -> Res<()>;
    let sides: [(&str, Verify); 2] = [
        ("rust_webhook", Vector::verify_once),
        ("rust_webhook_view", Vector::verify_view_once),
    ];
    for (bench, verify) in sides {
        for round in 0..=rounds {
            let deadline = Instant::now() + Duration::from_secs_f64(secs);
            let start = Instant::now();
            let mut calls: u64 = 0;
            // Checking the clock every 256 events keeps its cost out of the measurement.
            while calls < max_calls && Instant::now() < deadline {
                for _ in 0..256 {
                    verify(&vector)?;
                }
                calls += 256;
            }
            let elapsed = start.elapsed().as_secs_f64();
            if round > 0 {
                emit(serde_json::json!({
                    "bench": bench, "side": "ours", "round": round,
                    "calls": calls, "secs": elapsed,
                }));
            }
        }
    }
    Ok(())
}

// ---- load: the emulator's own throughput ----------------------------------------------

async fn one_connection(
    addr: String,
    request: std::sync::Arc<Vec<u8>>,
    deadline: Instant,
    max: u64,
) -> Res<u64> {
    let mut sock = tokio::net::TcpStream::connect(&addr).await?;
    sock.set_nodelay(true)?;
    let mut buf: Vec<u8> = Vec::with_capacity(16 * 1024);
    let mut n: u64 = 0;
    while n < max && Instant::now() < deadline {
        sock.write_all(&request).await?;
        buf.clear();
        // Headers, then exactly Content-Length bytes of body.
        let (head_end, body_len) = loop {
            let mut chunk = [0u8; 8192];
            let got = sock.read(&mut chunk).await?;
            if got == 0 {
                return Err("the emulator closed the connection".into());
            }
            buf.extend_from_slice(&chunk[..got]);
            if let Some(pos) = buf.windows(4).position(|w| w == b"\r\n\r\n") {
                let head = std::str::from_utf8(&buf[..pos])?;
                if !head.starts_with("HTTP/1.1 200") {
                    return Err(format!("unexpected answer: {head}").into());
                }
                let len = head
                    .lines()
                    .find_map(|l| {
                        let (k, v) = l.split_once(':')?;
                        k.eq_ignore_ascii_case("content-length")
                            .then(|| v.trim().parse::<usize>().ok())
                            .flatten()
                    })
                    .ok_or("the answer has no Content-Length")?;
                break (pos + 4, len);
            }
        };
        while buf.len() < head_end + body_len {
            let mut chunk = [0u8; 8192];
            let got = sock.read(&mut chunk).await?;
            if got == 0 {
                return Err("the emulator closed the connection mid-body".into());
            }
            buf.extend_from_slice(&chunk[..got]);
        }
        n += 1;
    }
    Ok(n)
}

fn load(args: &Args) -> Res<()> {
    let base = loopback(&args.str("base")?)?;
    let key = args.str("key")?;
    let package = args.str("package")?;
    let role = args.str("role")?;
    let secs: f64 = args.num("secs", 1.0)?;
    let rounds: usize = args.num("rounds", 3)?;
    let conns: usize = args.num("conns", 32)?;
    let max_calls: u64 = args.num("max-calls", 2_000_000)?;
    let addr = base.trim_start_matches("http://").to_string();
    let request = std::sync::Arc::new(
        format!(
            "GET /api/packages/{package}/roles/{role} HTTP/1.1\r\nHost: {addr}\r\n\
             Authorization: Basic {key}\r\nAccept: application/json\r\n\r\n"
        )
        .into_bytes(),
    );
    // One thread for the load generator, so the emulator keeps most of the other core.
    let rt = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()?;
    rt.block_on(async move {
        for round in 0..=rounds {
            let deadline = Instant::now() + Duration::from_secs_f64(secs);
            let start = Instant::now();
            let mut handles = Vec::with_capacity(conns);
            for _ in 0..conns {
                handles.push(tokio::spawn(one_connection(
                    addr.clone(),
                    request.clone(),
                    deadline,
                    max_calls / conns as u64 + 1,
                )));
            }
            let mut calls = 0;
            for h in handles {
                calls += h.await.map_err(|e| e.to_string())??;
            }
            let elapsed = start.elapsed().as_secs_f64();
            if round > 0 {
                emit(serde_json::json!({
                    "bench": "emulator_load", "side": "raw-socket", "conns": conns,
                    "round": round, "calls": calls, "secs": elapsed,
                }));
            }
        }
        Ok(())
    })
}

// ---- rss ---------------------------------------------------------------------------------

/// (VmRSS, VmHWM) in KiB, from /proc/self/status.
fn memory_kib() -> Res<(u64, u64)> {
    let status = std::fs::read_to_string("/proc/self/status")?;
    let field = |name: &str| -> Res<u64> {
        let line = status
            .lines()
            .find(|l| l.starts_with(name))
            .ok_or_else(|| format!("no {name} in /proc/self/status"))?;
        let kib = line
            .split_whitespace()
            .nth(1)
            .ok_or("bad /proc/self/status")?;
        Ok(kib.parse()?)
    };
    Ok((field("VmRSS:")?, field("VmHWM:")?))
}

fn rss(args: &Args) -> Res<()> {
    let n: u64 = args.num("n", 1_000_000)?;
    let vector = Vector::load(args)?;
    let warm = n / 10;
    let start = Instant::now();
    for _ in 0..warm {
        vector.verify_once()?;
    }
    let (rss_warm, _) = memory_kib()?;
    for _ in warm..n {
        vector.verify_once()?;
    }
    let (rss_end, hwm) = memory_kib()?;
    emit(serde_json::json!({
        "bench": "rss", "what": "rust webhook::verify", "calls": n,
        "rss_after_warmup_kib": rss_warm, "rss_end_kib": rss_end, "peak_kib": hwm,
        "secs": start.elapsed().as_secs_f64(),
    }));
    Ok(())
}
