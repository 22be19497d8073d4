//! The server loop: HTTP/1.1 on the loopback listener until told to stop.
//!
//! A hand-rolled loop rather than `axum::serve` because an injected fault must be able to
//! close a connection without answering, which takes a service that can fail; and because
//! stopping must cut off what is still in flight (see [`serve`]).

use super::faults::DropConnection;
use axum::Router;
use hyper_util::rt::TokioIo;
use std::time::Duration;
use tokio::net::TcpListener;
use tokio::sync::oneshot;
use tokio::task::JoinSet;
use tower::ServiceExt;

/// How long requests already being handled may take to finish once stopping starts.
const GRACE: Duration = Duration::from_millis(200);

/// Serves until `shutdown` fires (or its sender is dropped). Then the listener closes at
/// once, so no new connection is accepted; idle keep-alive connections close; requests being
/// handled get [`GRACE`] to finish; and whatever is still running after that (a delayed
/// fault, a slow handler) is aborted, its connection closed without an answer. When this
/// returns, no connection of this server is left.
pub async fn serve(listener: TcpListener, app: Router, mut shutdown: oneshot::Receiver<()>) {
    let graceful = hyper_util::server::graceful::GracefulShutdown::new();
    let mut connections = JoinSet::new();
    loop {
        tokio::select! {
            biased;
            _ = &mut shutdown => break,
            // Reap finished connections so the set does not grow.
            Some(_) = connections.join_next(), if !connections.is_empty() => {}
            accepted = listener.accept() => {
                let Ok((stream, _)) = accepted else { continue };
                let app = app.clone();
                let service = hyper::service::service_fn(move |req: hyper::Request<hyper::body::Incoming>| {
                    let app = app.clone();
                    async move {
                        let resp = match app.oneshot(req.map(axum::body::Body::new)).await {
                            Ok(r) => r,
                            Err(never) => match never {},
                        };
                        if resp.extensions().get::<DropConnection>().is_some() {
                            Err(std::io::Error::other("connection dropped by an injected fault"))
                        } else {
                            Ok(resp)
                        }
                    }
                });
                let conn = hyper::server::conn::http1::Builder::new()
                    .serve_connection(TokioIo::new(stream), service);
                let conn = graceful.watch(conn);
                connections.spawn(async move {
                    let _ = conn.await;
                });
            }
        }
    }
    drop(listener);
    let _ = tokio::time::timeout(GRACE, graceful.shutdown()).await;
    // Aborting a connection's task drops its handler mid-way: nothing it had yet to do
    // happens, and the client sees the connection close.
    connections.shutdown().await;
}
