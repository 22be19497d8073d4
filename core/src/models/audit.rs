use super::Extra;
use serde::{Deserialize, Serialize};

/// One entry of a package's audit trail (`GET /api/packages/{id}/audit`, whose answer is
/// `{"audit-events": [...]}`). The field names are the official SDK's (`AuditService`);
/// their wire names are kebab-case. Fields this version does not know are kept.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
#[non_exhaustive]
pub struct AuditEvent {
    /// What happened (e.g. `Sign`, `View`, `Send`).
    #[serde(default, rename = "type", skip_serializing_if = "Option::is_none")]
    pub event_type: Option<String>,
    /// When, as the service writes it.
    #[serde(default, rename = "date-time", skip_serializing_if = "Option::is_none")]
    pub date_time: Option<String>,
    /// What it happened to (a document or the package).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub target: Option<String>,
    /// Who did it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub user: Option<String>,
    /// Their email.
    #[serde(
        default,
        rename = "user-email",
        skip_serializing_if = "Option::is_none"
    )]
    pub user_email: Option<String>,
    /// The IP address it came from.
    #[serde(default, rename = "user-ip", skip_serializing_if = "Option::is_none")]
    pub user_ip: Option<String>,
    /// Details.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub data: Option<String>,
    /// Fields this version does not model, kept.
    #[serde(flatten)]
    pub extra: Extra,
}
