//! Events the service notifies integrators about, in the documented payload shape: each is
//! logged, and queued for the callback URL when the configuration asks for it (the
//! delivery itself is `crate::http::delivery`).

use super::ids;
use crate::store::{Outgoing, Store};
use serde_json::{json, Value};

pub use super::sender::SENDER_ID;

/// One event, as the service POSTs it to the callback URL.
pub struct Event<'a> {
    pub name: &'a str,
    pub package_id: &'a str,
    pub session_user: &'a str,
    pub document_id: Option<&'a str>,
    pub message: Option<&'a str>,
}

impl<'a> Event<'a> {
    /// An event the sender caused.
    pub fn by_sender(name: &'a str, package_id: &'a str) -> Self {
        Event {
            name,
            package_id,
            session_user: SENDER_ID,
            document_id: None,
            message: None,
        }
    }

    /// An event a signer caused.
    pub fn by_signer(name: &'a str, package_id: &'a str, signer: &'a str) -> Self {
        Event {
            session_user: signer,
            ..Self::by_sender(name, package_id)
        }
    }

    pub fn payload(&self) -> Value {
        json!({
            "@class": "com.silanis.esl.packages.event.ESLProcessEvent",
            "name": self.name,
            "sessionUser": self.session_user,
            "packageId": self.package_id,
            "message": self.message,
            "documentId": self.document_id,
            "createdDate": ids::now_iso(),
        })
    }
}

/// Marks a package as changed now (its `updated` date, which listings filter on).
pub fn touch(store: &mut Store, package_id: &str) {
    touch_at(store, package_id, &ids::now_iso());
}

fn touch_at(store: &mut Store, package_id: &str, at: &str) {
    if let Some(p) = store.package_mut(package_id) {
        p.insert("updated".into(), json!(at));
    }
}

/// Records an event and, when the callback configuration asks for this event, queues it
/// for delivery. Events are off until configured, as in the service. Whatever causes an
/// event changes the package, so its `updated` date becomes the event's.
pub fn emit(store: &mut Store, event: Event<'_>) {
    let payload = event.payload();
    if let Some(at) = payload.get("createdDate").and_then(Value::as_str) {
        touch_at(store, event.package_id, at);
    }
    store.events.push(payload.clone());
    let Some(config) = &store.callback else {
        return;
    };
    let wanted = config
        .get("events")
        .and_then(Value::as_array)
        .is_some_and(|names| names.iter().any(|n| n.as_str() == Some(event.name)));
    let url = config.get("url").and_then(Value::as_str).unwrap_or("");
    if !wanted || url.is_empty() {
        return;
    }
    let key = config
        .get("key")
        .and_then(Value::as_str)
        .filter(|k| !k.is_empty())
        .map(str::to_string);
    if let Some(outbox) = &store.outbox {
        let _ = outbox.send(Outgoing {
            url: url.to_string(),
            key,
            payload,
        });
    }
}
