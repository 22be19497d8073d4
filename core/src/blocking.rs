//! Blocking calls that run on the caller's own thread.
//!
//! A blocking call made by handing the future to a multi-thread runtime and waiting for it
//! crosses threads twice per call (the caller wakes a worker, the worker wakes the caller).
//! On a virtual machine each wake-up costs tens of microseconds (measured here: 75 µs for a
//! thread ping-pong round trip on the 2-core CI machine, against 127 µs for a whole
//! loopback TCP round trip), which made a Python `Client` call about a third slower than the
//! same request from Rust. [`block_on`] instead runs the call on a current-thread runtime
//! that belongs to the calling thread, so the request is written, awaited and read there,
//! as `requests` does it.
//!
//! Connections belong to the runtime that opened them (its reactor drives them), so a thread
//! running blocking calls gets its own HTTP client, with its own pool, per core client: a
//! *lane*. What is shared stays shared: the token cache and the `max_connections` semaphore
//! live in the core client, so the cap on requests in flight holds across every thread.
//! Each thread keeps at most `max_connections` idle connections per client, closed when the
//! thread ends or after 60 s idle.

use crate::error::{Error, Result};
use crate::net::HttpSettings;
use std::cell::{Cell, RefCell};
use std::future::Future;
use std::rc::Rc;
use std::sync::{Arc, Weak};
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

    /// The HTTP client for a request made now: this thread's own inside [`block_on`], the
    /// shared one anywhere else.
    pub(crate) fn get(&self) -> Result<reqwest::Client> {
        if !IN_LANE.get() {
            return Ok(self.shared.clone());
        }
        LANE.with(|lane| {
            let mut lane = lane.borrow_mut();
            let Some(lane) = lane.as_mut() else {
                return Ok(self.shared.clone());
            };
            let owner = Arc::as_ptr(&self.owner);
            // A live `Weak` keeps its allocation, so no new owner can share its address.
            if let Some((_, http)) = lane.clients.iter().find(|(w, _)| w.as_ptr() == owner) {
                return Ok(http.clone());
            }
            lane.clients.retain(|(w, _)| w.strong_count() > 0);
            let http = self.settings.build()?;
            lane.clients
                .push((Arc::downgrade(&self.owner), http.clone()));
            Ok(http)
        })
    }
}

/// One thread's runtime and HTTP clients, for the process that made them.
struct Lane {
    pid: u32,
    // Dropped in this order when the thread ends: the pools, then the runtime.
    clients: Vec<(Weak<()>, reqwest::Client)>,
    runtime: Rc<Runtime>,
}

thread_local! {
    static LANE: RefCell<Option<Lane>> = const { RefCell::new(None) };
    /// Whether this thread is inside [`block_on`], so requests take the lane's clients.
    static IN_LANE: Cell<bool> = const { Cell::new(false) };
}

/// Runs `fut` to completion on the calling thread, on the thread's own current-thread
/// runtime; every request made inside goes through this thread's own connections. For
/// bindings' blocking calls (Python's `Client`); `fut` may be polled again by a later call
/// (a caller that waits in slices, checking for Ctrl-C in between, passes `&mut fut`).
///
/// Fails with [`Error::InvalidArgument`] on a thread that is already running an async
/// runtime, where blocking would stall it: such code should await the call instead.
pub fn block_on<F: Future>(fut: F) -> Result<F::Output> {
    if tokio::runtime::Handle::try_current().is_ok() {
        return Err(Error::invalid(
            "a blocking call cannot run inside an async runtime; use the async client there",
        ));
    }
    let runtime = lane_runtime()?;
    IN_LANE.set(true);
    // Cleared however `block_on` ends, a panic included.
    struct Leave;
    impl Drop for Leave {
        fn drop(&mut self) {
            IN_LANE.set(false);
        }
    }
    let _leave = Leave;
    Ok(runtime.block_on(fut))
}

/// This thread's runtime, made on first use. A lane inherited through `fork` is leaked, not
/// dropped: its reactor's epoll instance and its sockets are shared with the parent, and
/// deregistering them here would take them from the parent too.
fn lane_runtime() -> Result<Rc<Runtime>> {
    let pid = std::process::id();
    LANE.with(|lane| {
        let mut lane = lane.borrow_mut();
        if let Some(current) = lane.as_ref() {
            if current.pid == pid {
                return Ok(Rc::clone(&current.runtime));
            }
        }
        if let Some(inherited) = lane.take() {
            std::mem::forget(inherited);
        }
        let runtime = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .map_err(|e| Error::Internal(format!("cannot start a runtime on this thread: {e}")))?;
        let runtime = Rc::new(runtime);
        *lane = Some(Lane {
            pid,
            runtime: Rc::clone(&runtime),
            clients: Vec::new(),
        });
        Ok(runtime)
    })
}
