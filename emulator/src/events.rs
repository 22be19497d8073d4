//! Events the service notifies integrators about, in the documented payload shape.

use crate::ids;
use crate::state::Store;
use serde_json::{json, Value};

/// The sender's user ID, used as `sessionUser` for events the sender causes.
pub const SENDER_ID: &str = "emulatorSender";

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

/// Records an event; delivery to the callback URL picks it up from the store.
pub fn emit(store: &mut Store, event: Event<'_>) {
    store.events.push(event.payload());
}
