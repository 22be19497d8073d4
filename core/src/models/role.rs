use super::{string_enum, Extra};
use serde::{Deserialize, Serialize};

string_enum! {
    /// Whether a role is a recipient's or the sender's own.
    RoleType {
        Signer = "SIGNER",
        Sender = "SENDER",
    }
}

/// A role: a placeholder bound to approvals, holding the signer who fills it.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct Role {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    #[serde(default, rename = "type", skip_serializing_if = "Option::is_none")]
    pub role_type: Option<RoleType>,
    /// The signing order.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub index: Option<i64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reassign: Option<bool>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub locked: Option<bool>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub email_message: Option<EmailMessage>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub signers: Option<Vec<Signer>>,
    #[serde(flatten)]
    pub extra: Extra,
}

impl Role {
    /// A signer role with one signer.
    pub fn with_signer(id: impl Into<String>, signer: Signer) -> Self {
        let id = id.into();
        Role {
            id: Some(id.clone()),
            name: Some(id),
            role_type: Some(RoleType::Signer),
            signers: Some(vec![signer]),
            ..Default::default()
        }
    }
}

/// The person behind a role. The email identifies the signer wherever an ID is taken.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct Signer {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub email: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub first_name: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub last_name: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub company: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub phone: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub language: Option<String>,
    /// Who signs: `THIRD_PARTY_SIGNER` (the service's default), or another type the
    /// current SDK knows (spec/: signer fields added since 2016).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub signer_type: Option<String>,
    /// How the signer is notified: `{"primary": ["EMAIL"]}` or `["SMS"]` (with `phone`)
    /// (spec/: signer fields added since 2016).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub notification_methods: Option<NotificationMethods>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub auth: Option<SignerAuth>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub delivery: Option<Delivery>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub created: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub updated: Option<String>,
    #[serde(flatten)]
    pub extra: Extra,
}

impl Signer {
    /// A signer with the three fields every signer needs.
    pub fn new(
        email: impl Into<String>,
        first_name: impl Into<String>,
        last_name: impl Into<String>,
    ) -> Self {
        Signer {
            email: Some(email.into()),
            first_name: Some(first_name.into()),
            last_name: Some(last_name.into()),
            ..Default::default()
        }
    }
}

/// How a signer proves who they are before signing (`NONE`, `SMS`, `CHALLENGE`, `KBA`, ...).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct SignerAuth {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub scheme: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub challenges: Option<Vec<serde_json::Value>>,
    #[serde(flatten)]
    pub extra: Extra,
}

/// How a signer is notified (SDK 11.68.0).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct NotificationMethods {
    /// The primary methods: `EMAIL`, `SMS` (an SMS needs the signer's `phone`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub primary: Option<Vec<String>>,
    #[serde(flatten)]
    pub extra: Extra,
}

/// Where the signed documents go once the signer completes.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct Delivery {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub email: Option<bool>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub download: Option<bool>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub provider: Option<bool>,
    #[serde(flatten)]
    pub extra: Extra,
}

/// A personal message added to the role's invitation email.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct EmailMessage {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub content: Option<String>,
    #[serde(flatten)]
    pub extra: Extra,
}
