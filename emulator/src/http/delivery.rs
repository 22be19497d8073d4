//! Delivers queued events to the callback URL, as the service does: an HTTP POST of the JSON
//! payload with the callback key in the Authorization header.
//!
//! `Basic {key}` is the header form spec/ documents (its exact prefix is unconfirmed). The
//! service never resends a failed delivery [doc: KB0014510]: neither does the emulator,
//! unless started with `retry_deliveries`, when it tries four times in all with growing
//! delays. It delivers one event at a time so a receiver sees them in order; every attempt
//! is recorded.

use crate::store::{DeliveryAttempt, Outgoing, State};
use reqwest::header::{AUTHORIZATION, CONTENT_TYPE};
use std::sync::Weak;
use std::time::Duration;
use tokio::sync::mpsc::UnboundedReceiver;

pub const MAX_ATTEMPTS: u32 = 4;
const FIRST_DELAY: Duration = Duration::from_millis(100);
const ATTEMPT_TIMEOUT: Duration = Duration::from_secs(5);

/// Runs until the emulator's state is gone.
pub async fn run(state: Weak<State>, mut outbox: UnboundedReceiver<Outgoing>) {
    let http = match reqwest::Client::builder().timeout(ATTEMPT_TIMEOUT).build() {
        Ok(c) => c,
        Err(e) => {
            tracing::error!("no HTTP client for event delivery: {e}");
            return;
        }
    };
    while let Some(out) = outbox.recv().await {
        let name = out
            .payload
            .get("name")
            .and_then(|v| v.as_str())
            .unwrap_or("")
            .to_string();
        let package_id = out
            .payload
            .get("packageId")
            .and_then(|v| v.as_str())
            .unwrap_or("")
            .to_string();
        let body = out.payload.to_string();
        let mut delay = FIRST_DELAY;
        let attempts = match state.upgrade() {
            Some(s) if s.retry_deliveries => MAX_ATTEMPTS,
            Some(_) => 1,
            None => return,
        };
        for attempt in 1..=attempts {
            let mut req = http
                .post(&out.url)
                .header(CONTENT_TYPE, "application/json")
                .body(body.clone());
            if let Some(key) = &out.key {
                req = req.header(AUTHORIZATION, format!("Basic {key}"));
            }
            let (status, error) = match req.send().await {
                Ok(resp) => (Some(resp.status().as_u16()), None),
                Err(e) => (None, Some(e.without_url().to_string())),
            };
            let delivered = status.is_some_and(|s| (200..300).contains(&s));
            let Some(state) = state.upgrade() else { return };
            state.store().deliveries.push(DeliveryAttempt {
                event_name: name.clone(),
                package_id: package_id.clone(),
                url: out.url.clone(),
                attempt,
                status,
                error,
                delivered,
            });
            drop(state);
            if delivered {
                break;
            }
            if attempt < attempts {
                tokio::time::sleep(delay).await;
                delay *= 3;
            }
        }
    }
}
