use super::string_enum;
use serde::Serialize;
use serde_json::{Map, Value};

string_enum! {
    /// The name of an event notification (webhook).
    ///
    /// The Integration page's 19 constants, plus the others seen in OneSpan's documentation.
    /// New ones appear over time: a name this version does not know is kept as `Other`, so an
    /// event never fails to parse for its name alone.
    EventName {
        /// Transaction created.
        PackageCreate = "PACKAGE_CREATE",
        /// Transaction activated (sent).
        PackageActivate = "PACKAGE_ACTIVATE",
        /// Transaction deactivated (SENT → DRAFT).
        PackageDeactivate = "PACKAGE_DEACTIVATE",
        /// Transaction ready for completion.
        PackageReadyForComplete = "PACKAGE_READY_FOR_COMPLETE",
        /// Transaction completed.
        PackageComplete = "PACKAGE_COMPLETE",
        /// Transaction archived.
        PackageArchive = "PACKAGE_ARCHIVE",
        /// Transaction trashed.
        PackageTrash = "PACKAGE_TRASH",
        /// Transaction restored.
        PackageRestore = "PACKAGE_RESTORE",
        /// Transaction deleted.
        PackageDelete = "PACKAGE_DELETE",
        /// Transaction declined; `message` carries the reason.
        PackageDecline = "PACKAGE_DECLINE",
        /// Transaction expired.
        PackageExpire = "PACKAGE_EXPIRE",
        /// Transaction opted out of; `message` carries the reason.
        PackageOptOut = "PACKAGE_OPT_OUT",
        /// Transaction attachment.
        PackageAttachment = "PACKAGE_ATTACHMENT",
        /// Document signed; `document_id` says which.
        DocumentSigned = "DOCUMENT_SIGNED",
        /// Recipient completed signing.
        SignerComplete = "SIGNER_COMPLETE",
        /// Role reassigned.
        RoleReassign = "ROLE_REASSIGN",
        /// Recipient locked.
        SignerLocked = "SIGNER_LOCKED",
        /// KBA failure.
        KbaFailure = "KBA_FAILURE",
        /// Email bounce.
        EmailBounce = "EMAIL_BOUNCE",
        /// A signer asked for a co-browse session (carries `phone`, `comment`,
        /// `selectedSupportBusinessHours` in `raw`).
        CobrowseRequest = "COBROWSE_REQUEST",
        /// Template created.
        TemplateCreate = "TEMPLATE_CREATE",
        /// Document viewed.
        DocumentViewed = "DOCUMENT_VIEWED",
    }
}

/// An event notification, as OneSpan Sign POSTs it to the callback URL.
///
/// The typed fields are the documented ones; `raw` holds the whole payload as received
/// (`@class` and event-specific fields such as a co-browse request's `phone` included).
/// Serialized with camelCase names, which is the shape the Node binding hands out.
#[derive(Debug, Clone, PartialEq, Serialize, schemars::JsonSchema)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct Event {
    /// Which event this is.
    pub name: EventName,
    /// The package (transaction) the event is about.
    pub package_id: Option<String>,
    /// The document, for `DOCUMENT_SIGNED`.
    pub document_id: Option<String>,
    /// The sender's ID for sender-triggered events, the signer's for signer-triggered ones.
    pub session_user: Option<String>,
    /// The reason, for declines and opt-outs.
    pub message: Option<String>,
    /// When the event happened, as sent (e.g. `2017-05-02T20:17:58.408Z`).
    pub created_date: Option<String>,
    /// The whole payload as received; nothing is dropped.
    pub raw: Map<String, Value>,
}

impl Event {
    /// Builds the event from a payload object; `None` when `name` is missing, not a string,
    /// or empty. A typed field that is absent, null or not a string is `None` (its value
    /// stays in `raw`): the service documents nulls, and a surprising type elsewhere is no
    /// reason to drop an event whose name is good.
    pub(crate) fn from_payload(raw: Map<String, Value>) -> Result<Self, &'static str> {
        // One pass over the fields instead of six hashed lookups (keys are unique in a Map).
        let (mut name, mut package_id, mut document_id) = (None, None, None);
        let (mut session_user, mut message, mut created_date) = (None, None, None);
        for (key, value) in &raw {
            let slot = match key.as_str() {
                "name" => &mut name,
                "packageId" => &mut package_id,
                "documentId" => &mut document_id,
                "sessionUser" => &mut session_user,
                "message" => &mut message,
                "createdDate" => &mut created_date,
                _ => continue,
            };
            *slot = Some(value);
        }
        let name = match name {
            None => return Err("it has no \"name\""),
            Some(Value::String(s)) if s.is_empty() => return Err("its \"name\" is empty"),
            Some(Value::String(s)) => EventName::from(s.as_str()),
            Some(_) => return Err("its \"name\" is not a string"),
        };
        let text = |v: Option<&Value>| v.and_then(Value::as_str).map(str::to_string);
        Ok(Event {
            name,
            package_id: text(package_id),
            document_id: text(document_id),
            session_user: text(session_user),
            message: text(message),
            created_date: text(created_date),
            raw,
        })
    }
}
