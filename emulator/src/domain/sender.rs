//! The account owner who sends every package (the emulator has one sender), and the role
//! the service gives that owner in each package.
//!
//! Every package the service creates holds, besides the roles given, the owner's role
//! (`type: SENDER`), whose ID and signer ID are the sender's user ID [sdk: the converter
//! reads the sender's details from the role of type SENDER]. Its `index` 0 puts it first
//! in signing order, as the sender is offered to sign first in the signing ceremony [doc:
//! "the Package Owner is prompted to be the first one to sign"]; its name and the rest of
//! its fields are assumed.

use serde_json::{json, Map, Value};

/// The sender's user ID: the owner role's ID, and `sessionUser` of events the sender causes.
pub const SENDER_ID: &str = "emulatorSender";
/// The sender's email (an address in a domain reserved for examples).
pub const SENDER_EMAIL: &str = "sender@emulator.example.com";
const FIRST_NAME: &str = "Emulator";
const LAST_NAME: &str = "Sender";

/// The sender's full name, as evidence and audit trails show it.
pub fn full_name() -> String {
    format!("{FIRST_NAME} {LAST_NAME}")
}

/// The owner's role, as the service adds it to a new package.
pub fn owner_role(now: &str) -> Value {
    json!({
        "id": SENDER_ID,
        "name": "Owner",
        "type": "SENDER",
        "index": 0,
        "reassign": false,
        "locked": false,
        "emailMessage": {"content": ""},
        "attachmentRequirements": [],
        "specialTypes": [],
        "data": null,
        "signers": [{
            "id": SENDER_ID,
            "email": SENDER_EMAIL,
            "firstName": FIRST_NAME,
            "lastName": LAST_NAME,
            "company": "",
            "title": "",
            "phone": "",
            "language": "en",
            "auth": {"scheme": "NONE", "challenges": []},
            "delivery": {"email": false, "download": false, "provider": false},
            "created": now,
            "updated": now,
            "signature": null,
        }],
    })
}

/// The package's `sender` field: who owns it.
pub fn sender_field() -> Value {
    json!({
        "id": SENDER_ID,
        "email": SENDER_EMAIL,
        "firstName": FIRST_NAME,
        "lastName": LAST_NAME,
        "company": "",
        "title": "",
    })
}

/// Whether a role is the owner's.
pub fn is_owner_role(role: &Map<String, Value>) -> bool {
    role.get("type").and_then(Value::as_str) == Some("SENDER")
}
