//! Events the service notifies integrators about, in the documented payload shape: each is
//! logged, and queued for the callback URL when the configuration asks for it (the
//! delivery itself is `crate::http::delivery`).

use super::ids;
use crate::store::{DeliveryAuth, Outgoing, Store};
use serde_json::{json, Value};

pub use super::sender::{SENDER_EMAIL, SENDER_ID};

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
    let (auth, headers) = delivery_auth(config);
    if let Some(outbox) = &store.outbox {
        let _ = outbox.send(Outgoing {
            url: url.to_string(),
            key,
            payload,
            auth,
            headers,
        });
    }
}

/// The authentication and extra headers of deliveries, from `authType`, `oauthSetting` and
/// `customHeaders` (spec/: field names from a third-party OpenAPI; the BASIC credentials are
/// assumed to be `oauthSetting.username` / `password`).
fn delivery_auth(config: &serde_json::Map<String, Value>) -> (DeliveryAuth, Vec<(String, String)>) {
    let setting = config
        .get("oauthSetting")
        .and_then(Value::as_object)
        .cloned()
        .unwrap_or_default();
    let text = |k: &str| {
        setting
            .get(k)
            .and_then(Value::as_str)
            .unwrap_or("")
            .to_string()
    };
    let auth = match config.get("authType").and_then(Value::as_str) {
        Some("BASIC") => DeliveryAuth::Basic {
            username: text("username"),
            password: text("password"),
        },
        Some("OAUTH2") => DeliveryAuth::OAuth2(setting.clone()),
        _ => DeliveryAuth::Key,
    };
    let headers = config
        .get("customHeaders")
        .and_then(Value::as_array)
        .map(|pairs| {
            pairs
                .iter()
                .filter_map(|p| {
                    let k = p.get("key")?.as_str()?;
                    let v = p.get("value").and_then(Value::as_str).unwrap_or("");
                    Some((k.to_string(), v.to_string()))
                })
                .collect()
        })
        .unwrap_or_default();
    (auth, headers)
}
