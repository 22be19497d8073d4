use super::{package_path, role_path};
use crate::models::Role;
use crate::path::check_id;
use crate::transport::Call;
use crate::Client;
use crate::{Error, Result};
use reqwest::Method;
use serde::Deserialize;

/// Roles and their signers within a package. Get one from [`crate::Client::roles`].
pub struct Roles<'a> {
    c: &'a Client,
}

/// The format `signature_image` asks for when none is given.
pub const DEFAULT_IMAGE_FORMAT: &str = "png";

/// The image formats the signature-image endpoint serves.
const IMAGE_FORMATS: [(&str, &str); 4] = [
    ("png", "image/png"),
    ("jpeg", "image/jpeg"),
    ("jpg", "image/jpeg"),
    ("gif", "image/gif"),
];

/// `{"results": [...], "count": n}` per spec/; a bare array is accepted too, since the
/// answer to a reorder is not documented.
#[derive(Deserialize)]
#[serde(untagged)]
enum RoleList {
    Page { results: Vec<Role> },
    Bare(Vec<Role>),
}

impl RoleList {
    fn into_vec(self) -> Vec<Role> {
        match self {
            RoleList::Page { results } | RoleList::Bare(results) => results,
        }
    }
}

#[derive(Deserialize)]
struct UrlAnswer {
    url: String,
}

impl<'a> Roles<'a> {
    pub(crate) fn new(c: &'a Client) -> Self {
        Roles { c }
    }

    /// The package's roles, in signing order.
    pub async fn list(&self, package_id: &str) -> Result<Vec<Role>> {
        let call = Call::new(Method::GET, format!("{}/roles", package_path(package_id)?));
        Ok(self.c.send(call).await?.json::<RoleList>()?.into_vec())
    }

    /// One role.
    pub async fn get(&self, package_id: &str, role_id: &str) -> Result<Role> {
        let call = Call::new(Method::GET, role_path(package_id, role_id)?);
        self.c.send(call).await?.json()
    }

    /// Adds a role; returns it as stored.
    pub async fn create(&self, package_id: &str, role: &Role) -> Result<Role> {
        let call =
            Call::new(Method::POST, format!("{}/roles", package_path(package_id)?)).json(role)?;
        self.c.send(call).await?.json()
    }

    /// Updates a role; returns it as stored.
    pub async fn update(&self, package_id: &str, role_id: &str, role: &Role) -> Result<Role> {
        let call = Call::new(Method::PUT, role_path(package_id, role_id)?).json(role)?;
        self.c.send(call).await?.json()
    }

    /// Removes a role.
    pub async fn delete(&self, package_id: &str, role_id: &str) -> Result<()> {
        let call = Call::new(Method::DELETE, role_path(package_id, role_id)?);
        self.c.send(call).await.map(drop)
    }

    /// Sets the signing order: `role_ids` in the new order, which get `index` 1, 2, ...
    ///
    /// Sends the roles whole, each with its new `index`, as the official SDK's
    /// `orderSigners` does (a shape known to work), so it first reads them: two requests.
    /// An ID the package does not have is sent as it is, for the service to refuse.
    pub async fn reorder(&self, package_id: &str, role_ids: &[String]) -> Result<Vec<Role>> {
        if role_ids.is_empty() {
            return Err(Error::invalid("role_ids must not be empty"));
        }
        for id in role_ids {
            check_id("role_id", id)?;
        }
        let current = self.list(package_id).await?;
        let body: Vec<Role> = role_ids
            .iter()
            .zip(1..)
            .map(|(id, index)| {
                let mut role = current
                    .iter()
                    .find(|r| r.id.as_deref() == Some(id.as_str()))
                    .cloned()
                    .unwrap_or_else(|| Role {
                        id: Some(id.clone()),
                        ..Role::default()
                    });
                role.index = Some(index);
                role
            })
            .collect();
        let call =
            Call::new(Method::PUT, format!("{}/roles", package_path(package_id)?)).json(&body)?;
        // Both official SDKs ignore the answer (it is undocumented): a role list is used as
        // it is; any other 2xx body (empty, `{}`, text) means reading the roles again.
        match self.c.send(call).await?.json::<RoleList>() {
            Ok(list) => Ok(list.into_vec()),
            Err(_) => self.list(package_id).await,
        }
    }

    /// Unlocks a signer locked out by failed authentication attempts.
    pub async fn unlock_signer(&self, package_id: &str, role_id: &str) -> Result<()> {
        let mut call = Call::new(
            Method::POST,
            format!("{}/unlock", role_path(package_id, role_id)?),
        );
        call.idempotent = true; // unlocking twice leaves it unlocked
        self.c.send(call).await.map(drop)
    }

    /// Emails the role's signer an invitation (or a reminder) to sign.
    pub async fn send_email_notification(&self, package_id: &str, role_id: &str) -> Result<()> {
        let call = Call::new(
            Method::POST,
            format!("{}/notifications", role_path(package_id, role_id)?),
        );
        self.c.send(call).await.map(drop)
    }

    /// Texts the role's signer an SMS authentication passcode.
    pub async fn send_sms_passcode(&self, package_id: &str, role_id: &str) -> Result<()> {
        let call = Call::new(
            Method::POST,
            format!("{}/sms_notification", role_path(package_id, role_id)?),
        );
        self.c.send(call).await.map(drop)
    }

    /// The role's signing URL: reusable and not expiring, so not for iframes.
    pub async fn signing_url(&self, package_id: &str, role_id: &str) -> Result<String> {
        let call = Call::new(
            Method::GET,
            format!("{}/signingUrl", role_path(package_id, role_id)?),
        );
        Ok(self.c.send(call).await?.json::<UrlAnswer>()?.url)
    }

    /// The signer's captured signature as an image: `format` is `png` (the default when
    /// `None`), `jpeg` or `gif`.
    pub async fn signature_image<'f>(
        &self,
        package_id: &str,
        role_id: &str,
        format: impl Into<Option<&'f str>>,
    ) -> Result<bytes::Bytes> {
        let accept = image_accept(format.into())?;
        let call = Call::new(
            Method::GET,
            format!("{}/signatureImage", role_path(package_id, role_id)?),
        )
        .accept(accept);
        Ok(self.c.send(call).await?.body)
    }
}

/// The Accept value of an image `format` (`png`, the default when `None`, `jpeg`, `gif`):
/// for role and sender signature images alike.
pub(crate) fn image_accept(format: Option<&str>) -> Result<&'static str> {
    // The default lives here, once, rather than in each binding's signature.
    let format = format.unwrap_or(DEFAULT_IMAGE_FORMAT);
    let wanted = format.trim().to_ascii_lowercase();
    IMAGE_FORMATS
        .iter()
        .find(|(name, _)| *name == wanted)
        .map(|(_, mime)| *mime)
        .ok_or_else(|| {
            Error::invalid(format!(
                "image format {format:?} is not one of png, jpeg, gif"
            ))
        })
}
