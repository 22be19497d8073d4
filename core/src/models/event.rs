use super::string_enum;
use serde::Serialize;
use serde_json::{Map, Value};
use std::borrow::Cow;

string_enum! {
    /// The name of an event notification (webhook).
    ///
    /// The Integration page's 19 constants, plus the others seen in OneSpan's documentation.
    /// New ones appear over time: a name this version does not know is kept as sent (Rust's
    /// `Other`), so an event never fails to parse for its name alone.
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
/// Serialized with camelCase names, which is the shape the JavaScript packages hand out.
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
    /// Builds the event from a payload object; `Err` when `name` is missing, not a string,
    /// or empty (see [`Fields`] for the rules).
    pub(crate) fn from_payload(raw: Map<String, Value>) -> Result<Self, &'static str> {
        // One pass over the fields instead of six hashed lookups (keys are unique in a Map).
        let mut fields = Fields::default();
        for (key, value) in &raw {
            if let Some(slot) = fields.slot(key) {
                *slot = Slot::of(value.as_str().map(Cow::Borrowed));
            }
        }
        let fields = fields.finish()?;
        let text = |v: Option<Cow<'_, str>>| v.map(Cow::into_owned);
        Ok(Event {
            name: fields.name,
            package_id: text(fields.package_id),
            document_id: text(fields.document_id),
            session_user: text(fields.session_user),
            message: text(fields.message),
            created_date: text(fields.created_date),
            raw,
        })
    }
}

/// What a typed field's entry held, as the payload's top level is read in order.
#[derive(Default)]
pub(crate) enum Slot<'a> {
    /// Not seen (yet).
    #[default]
    Absent,
    /// A string.
    Text(Cow<'a, str>),
    /// Anything else, `null` included.
    Other,
}

impl<'a> Slot<'a> {
    /// A string value, or `None` for any other JSON value.
    pub(crate) fn of(text: Option<Cow<'a, str>>) -> Self {
        text.map_or(Slot::Other, Slot::Text)
    }
}

/// The typed fields of an event, read from the payload's top-level entries: the one place
/// that says which entries they come from and what they accept, for both ways of reading a
/// body (into a whole `raw` map for [`Event`], or a walk that keeps nothing else for
/// [`crate::webhook::EventView`]).
///
/// A later entry with the same key replaces an earlier one, as in a JSON map. `name` must be
/// a non-empty string. Any other typed field that is absent, null or not a string is `None`
/// (its value stays in `raw`): the service documents nulls, and a surprising type elsewhere
/// is no reason to drop an event whose name is good.
#[derive(Default)]
pub(crate) struct Fields<'a> {
    name: Slot<'a>,
    package_id: Slot<'a>,
    document_id: Slot<'a>,
    session_user: Slot<'a>,
    message: Slot<'a>,
    created_date: Slot<'a>,
}

/// [`Fields`] once read: the name checked, the rest strings or `None`.
pub(crate) struct TypedFields<'a> {
    pub(crate) name: EventName,
    pub(crate) package_id: Option<Cow<'a, str>>,
    pub(crate) document_id: Option<Cow<'a, str>>,
    pub(crate) session_user: Option<Cow<'a, str>>,
    pub(crate) message: Option<Cow<'a, str>>,
    pub(crate) created_date: Option<Cow<'a, str>>,
}

impl<'a> Fields<'a> {
    /// The slot an entry named `key` fills, if it is one of the typed fields.
    pub(crate) fn slot(&mut self, key: &str) -> Option<&mut Slot<'a>> {
        Some(match key {
            "name" => &mut self.name,
            "packageId" => &mut self.package_id,
            "documentId" => &mut self.document_id,
            "sessionUser" => &mut self.session_user,
            "message" => &mut self.message,
            "createdDate" => &mut self.created_date,
            _ => return None,
        })
    }

    /// The fields, or why the payload is not an event.
    pub(crate) fn finish(self) -> Result<TypedFields<'a>, &'static str> {
        let name = match self.name {
            Slot::Absent => return Err("it has no \"name\""),
            Slot::Text(s) if s.is_empty() => return Err("its \"name\" is empty"),
            Slot::Text(s) => EventName::from(&*s),
            Slot::Other => return Err("its \"name\" is not a string"),
        };
        let text = |slot: Slot<'a>| match slot {
            Slot::Text(s) => Some(s),
            Slot::Absent | Slot::Other => None,
        };
        Ok(TypedFields {
            name,
            package_id: text(self.package_id),
            document_id: text(self.document_id),
            session_user: text(self.session_user),
            message: text(self.message),
            created_date: text(self.created_date),
        })
    }
}
