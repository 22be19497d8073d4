//! Blocking calls that run on the caller's own thread.
//!
//! A blocking call made by handing the future to a multi-thread runtime and waiting for it
//! crosses threads twice per call (the caller wakes a worker, the worker wakes the caller).
//! On a virtual machine each wake-up costs tens of microseconds (measured here: 75 µs for a
//! thread ping-pong round trip on the 2-core CI machine, against 127 µs for a whole
//! loopback TCP round trip), which made a Python `Client` call about a third slower than the
//! same request from Rust. [`block_on`] instead runs the call on the calling thread, on a
//! current-thread runtime, so the request is written, awaited and read there, as `requests`
//! does it.
//!
//! Connections belong to the runtime that opened them (its reactor drives them), so the
//! runtimes come with their own HTTP clients, one per core client: a *lane*. Lanes are
//! pooled, not tied to threads: a call takes an idle lane (the one used last, whose
//! connections are warm) and gives it back when it returns, so a server that starts a thread
//! per request still reuses connections, and there are never more lanes than calls that
//! were in progress at once (at most 32 are kept idle). What is shared stays shared: the
//! token cache and the `max_connections` semaphore live in the core client, so the cap on
//! requests in flight holds across every lane and the async API.

use crate::error::{Error, Result};
use crate::net::HttpSettings;
use std::cell::RefCell;
use std::future::Future;
use std::sync::{Arc, Mutex, Weak};
use tokio::runtime::Runtime;

/// A client's HTTP clients: the one shared by every task of any multi-thread runtime, and
/// the recipe for each lane's own.
pub(crate) struct Http {
    shared: reqwest::Client,
    settings: HttpSettings,
    /// Names this client in the lanes; a lane forgets the clients of owners that are gone.
    owner: Arc<()>,
}

impl Http {
    pub(crate) fn new(settings: HttpSettings) -> Result<Self> {
        Ok(Http {
            shared: settings.build()?,
            settings,
            owner: Arc::new(()),
        })
    }

    /// The HTTP client for a request made now: the running lane's own inside
    /// [`Lane::block_on`], the shared one anywhere else.
    pub(crate) fn get(&self) -> Result<reqwest::Client> {
        RUNNING.with(|running| {
            let mut running = running.borrow_mut();
            let Some(clients) = running.as_mut() else {
                return Ok(self.shared.clone());
            };
            let owner = Arc::as_ptr(&self.owner);
            // A live `Weak` keeps its allocation, so no new owner can share its address.
            if let Some((_, http)) = clients.iter().find(|(w, _)| w.as_ptr() == owner) {
                return Ok(http.clone());
            }
            clients.retain(|(w, _)| w.strong_count() > 0);
            let http = self.settings.build()?;
            clients.push((Arc::downgrade(&self.owner), http.clone()));
            Ok(http)
        })
    }
}

/// Each core client's HTTP client in one lane.
type Clients = Vec<(Weak<()>, reqwest::Client)>;

thread_local! {
    /// The clients of the lane this thread is running a call on, if any.
    static RUNNING: RefCell<Option<Clients>> = const { RefCell::new(None) };
}

/// The idle lanes, most recently used last, and the process they belong to.
static IDLE: Mutex<(u32, Vec<Parts>)> = Mutex::new((0, Vec::new()));

/// Idle lanes kept beyond this are closed: a burst of many threads must not leave as many
/// runtimes and sets of idle sockets behind for good.
const MAX_IDLE: usize = 32;

struct Parts {
    runtime: Runtime,
    clients: Clients,
}

/// A current-thread runtime and its HTTP clients, taken from the pool for one blocking call
/// and given back when dropped. A caller that waits in slices (Python's `Client`, checking
/// for Ctrl-C between them) keeps the same lane for the whole call: an unfinished request's
/// connection is driven only by the runtime that opened it.
pub struct Lane {
    parts: Option<Parts>,
}

impl Lane {
    /// An idle lane, or a new one.
    pub fn take() -> Result<Lane> {
        let pid = std::process::id();
        let reused = match IDLE.lock() {
            Ok(mut idle) => {
                if idle.0 != pid {
                    // Inherited through `fork`: leaked, not dropped. Their reactors' epoll
                    // instances and their sockets are shared with the parent, and
                    // deregistering them here would take them from the parent too.
                    std::mem::forget(std::mem::take(&mut idle.1));
                    idle.0 = pid;
                }
                idle.1.pop()
            }
            Err(_) => None,
        };
        let parts = match reused {
            Some(parts) => parts,
            None => Parts {
                runtime: tokio::runtime::Builder::new_current_thread()
                    .enable_all()
                    .build()
                    .map_err(|e| Error::Internal(format!("cannot start a runtime: {e}")))?,
                clients: Vec::new(),
            },
        };
        Ok(Lane { parts: Some(parts) })
    }

    /// Runs `fut` on this thread until it completes; requests made inside use this lane's
    /// connections. May be called again with the same unfinished future.
    ///
    /// Fails with [`Error::InvalidArgument`] on a thread that is already running an async
    /// runtime, where blocking would stall it: such code should await the call instead.
    pub fn block_on<F: Future>(&mut self, fut: F) -> Result<F::Output> {
        if tokio::runtime::Handle::try_current().is_ok() {
            return Err(Error::invalid(
                "a blocking call cannot run inside an async runtime; use the async client there",
            ));
        }
        let parts = self
            .parts
            .as_mut()
            .ok_or_else(|| Error::Internal("the lane was given back".into()))?;
        RUNNING.with(|running| *running.borrow_mut() = Some(std::mem::take(&mut parts.clients)));
        // The clients go back to the lane however the call ends, a panic included.
        struct Restore<'a>(&'a mut Clients);
        impl Drop for Restore<'_> {
            fn drop(&mut self) {
                *self.0 = RUNNING
                    .try_with(|running| running.borrow_mut().take())
                    .ok()
                    .flatten()
                    .unwrap_or_default();
            }
        }
        let _restore = Restore(&mut parts.clients);
        Ok(parts.runtime.block_on(async {
            settle().await;
            fut.await
        }))
    }
}

impl Drop for Lane {
    fn drop(&mut self) {
        let Some(parts) = self.parts.take() else {
            return;
        };
        let surplus = match IDLE.lock() {
            Ok(mut idle) if idle.0 == std::process::id() => {
                if idle.1.len() < MAX_IDLE {
                    idle.1.push(parts);
                    return;
                }
                parts
            }
            // Another process's pool (taken before a fork), or a poisoned lock: the lane
            // is leaked rather than dropped, for the reason given in `take`.
            _ => return std::mem::forget(parts),
        };
        // Its connections close with their clients; the runtime does not wait for its
        // blocking threads (a download's writer may be stuck in a file's `write`).
        drop(surplus.clients);
        surplus.runtime.shutdown_background();
    }
}

/// How many lanes are idle (for `__private::idle_lanes`).
pub(crate) fn idle_lanes() -> usize {
    IDLE.lock().map(|idle| idle.1.len()).unwrap_or(0)
}

/// Lets the lane's runtime look at its sockets before the call: connections sit idle
/// between calls, undriven, so a close by the server since the last call is seen only now.
/// The first yield polls the reactor; the second lets the woken connection tasks run and
/// drop the closed connections from the pool, so that no request is written to one.
async fn settle() {
    tokio::task::yield_now().await;
    tokio::task::yield_now().await;
}

/// Runs `fut` to completion on the calling thread, on an idle lane (see [`Lane`]); every
/// request made inside goes through that lane's connections. For bindings' blocking calls.
///
/// Fails with [`Error::InvalidArgument`] on a thread that is already running an async
/// runtime, where blocking would stall it: such code should await the call instead.
pub fn block_on<F: Future>(fut: F) -> Result<F::Output> {
    Lane::take()?.block_on(fut)
}
