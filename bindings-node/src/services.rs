//! The resource handles. Each method converts its arguments, calls the core, and converts
//! the result: models cross as plain objects with the wire's camelCase names.

use crate::errors::{invalid, shield, IntoNapi, Result};
use crate::json::{json, JsonText};
use napi::bindgen_prelude::Buffer;
use napi_derive::napi;
use onespan_sign::models::{CallbackConfig, Package, Role};
use onespan_sign::{Client, DocumentUpload};
use serde::de::DeserializeOwned;
use serde_json::Value;

/// A document to upload with a new package.
#[napi(object)]
pub struct DocumentInput {
    pub name: String,
    pub content: Buffer,
}

fn model<T: DeserializeOwned>(v: Value, what: &str) -> Result<T> {
    if !v.is_object() {
        return Err(invalid(format!("{what} must be an object")));
    }
    serde_json::from_value(v).map_err(|e| invalid(format!("{what} is not valid: {e}")))
}

macro_rules! service {
    ($name:ident, $doc:literal) => {
        #[doc = $doc]
        #[napi]
        pub struct $name {
            client: Client,
        }

        impl $name {
            pub fn new(client: Client) -> Self {
                Self { client }
            }
        }
    };
}

service!(Packages, "Packages (transactions).");
service!(Roles, "Roles and their signers within a package.");
service!(AuthTokens, "Signer authentication tokens.");
service!(
    Callbacks,
    "The account's event-notification (webhook) configuration."
);

#[napi]
impl Packages {
    /// Creates a package, uploading `documents` with it; resolves to the new package's ID.
    #[napi(ts_args_type = "pkg: Package, documents?: DocumentInput[]")]
    pub async fn create(
        &self,
        pkg: Value,
        documents: Option<Vec<DocumentInput>>,
    ) -> Result<String> {
        shield(async {
            let pkg: Package = model(pkg, "package")?;
            let docs: Vec<DocumentUpload> = documents
                .unwrap_or_default()
                .into_iter()
                .map(|d| DocumentUpload::new(d.name, d.content.to_vec()))
                .collect();
            self.client.packages().create(&pkg, &docs).await.napi()
        })
        .await
    }

    /// The package with `packageId`.
    #[napi(ts_return_type = "Promise<Package>")]
    pub async fn get(&self, package_id: String) -> Result<JsonText> {
        shield(async { json(&self.client.packages().get(&package_id).await.napi()?) }).await
    }

    /// Updates the package with the fields set in `pkg`.
    #[napi(ts_args_type = "packageId: string, pkg: Package")]
    pub async fn update(&self, package_id: String, pkg: Value) -> Result<()> {
        shield(async {
            let pkg: Package = model(pkg, "package")?;
            self.client
                .packages()
                .update(&package_id, &pkg)
                .await
                .napi()
        })
        .await
    }

    /// Sends the package to its signers (DRAFT → SENT).
    #[napi]
    pub async fn send(&self, package_id: String) -> Result<()> {
        shield(async { self.client.packages().send(&package_id).await.napi() }).await
    }

    /// Deletes the package.
    #[napi]
    pub async fn delete(&self, package_id: String) -> Result<()> {
        shield(async { self.client.packages().delete(&package_id).await.napi() }).await
    }

    /// The signing status of the package, or of one signer (ID or email) and/or document.
    #[napi(ts_return_type = "Promise<SigningStatus>")]
    pub async fn signing_status(
        &self,
        package_id: String,
        signer: Option<String>,
        document: Option<String>,
    ) -> Result<String> {
        shield(async {
            let s = self
                .client
                .packages()
                .signing_status(&package_id, signer.as_deref(), document.as_deref())
                .await
                .napi()?;
            Ok(s.as_str().to_string())
        })
        .await
    }
}

#[napi]
impl Roles {
    /// The package's roles, in signing order.
    #[napi(ts_return_type = "Promise<Role[]>")]
    pub async fn list(&self, package_id: String) -> Result<JsonText> {
        shield(async { json(&self.client.roles().list(&package_id).await.napi()?) }).await
    }

    /// One role.
    #[napi(ts_return_type = "Promise<Role>")]
    pub async fn get(&self, package_id: String, role_id: String) -> Result<JsonText> {
        shield(async {
            json(
                &self
                    .client
                    .roles()
                    .get(&package_id, &role_id)
                    .await
                    .napi()?,
            )
        })
        .await
    }

    /// Adds a role; resolves to it as stored.
    #[napi(
        ts_args_type = "packageId: string, role: Role",
        ts_return_type = "Promise<Role>"
    )]
    pub async fn create(&self, package_id: String, role: Value) -> Result<JsonText> {
        shield(async {
            let role: Role = model(role, "role")?;
            json(
                &self
                    .client
                    .roles()
                    .create(&package_id, &role)
                    .await
                    .napi()?,
            )
        })
        .await
    }

    /// Updates a role; resolves to it as stored.
    #[napi(
        ts_args_type = "packageId: string, roleId: string, role: Role",
        ts_return_type = "Promise<Role>"
    )]
    pub async fn update(
        &self,
        package_id: String,
        role_id: String,
        role: Value,
    ) -> Result<JsonText> {
        shield(async {
            let role: Role = model(role, "role")?;
            json(
                &self
                    .client
                    .roles()
                    .update(&package_id, &role_id, &role)
                    .await
                    .napi()?,
            )
        })
        .await
    }

    /// Removes a role.
    #[napi]
    pub async fn delete(&self, package_id: String, role_id: String) -> Result<()> {
        shield(async {
            self.client
                .roles()
                .delete(&package_id, &role_id)
                .await
                .napi()
        })
        .await
    }

    /// Sets the signing order to `roleIds`; resolves to the roles.
    #[napi(ts_return_type = "Promise<Role[]>")]
    pub async fn reorder(&self, package_id: String, role_ids: Vec<String>) -> Result<JsonText> {
        shield(async {
            json(
                &self
                    .client
                    .roles()
                    .reorder(&package_id, &role_ids)
                    .await
                    .napi()?,
            )
        })
        .await
    }

    /// Unlocks a signer locked out by failed authentication.
    #[napi]
    pub async fn unlock_signer(&self, package_id: String, role_id: String) -> Result<()> {
        shield(async {
            self.client
                .roles()
                .unlock_signer(&package_id, &role_id)
                .await
                .napi()
        })
        .await
    }

    /// Emails the role's signer an invitation or reminder.
    #[napi]
    pub async fn send_email_notification(&self, package_id: String, role_id: String) -> Result<()> {
        shield(async {
            self.client
                .roles()
                .send_email_notification(&package_id, &role_id)
                .await
                .napi()
        })
        .await
    }

    /// Texts the role's signer an SMS authentication passcode.
    #[napi]
    pub async fn send_sms_passcode(&self, package_id: String, role_id: String) -> Result<()> {
        shield(async {
            self.client
                .roles()
                .send_sms_passcode(&package_id, &role_id)
                .await
                .napi()
        })
        .await
    }

    /// The role's reusable signing URL.
    #[napi]
    pub async fn signing_url(&self, package_id: String, role_id: String) -> Result<String> {
        shield(async {
            self.client
                .roles()
                .signing_url(&package_id, &role_id)
                .await
                .napi()
        })
        .await
    }

    /// The signer's captured signature as image bytes (`format`: png, jpeg or gif).
    #[napi(ts_args_type = "packageId: string, roleId: string, format?: 'png' | 'jpeg' | 'gif'")]
    pub async fn signature_image(
        &self,
        package_id: String,
        role_id: String,
        format: Option<String>,
    ) -> Result<Buffer> {
        shield(async {
            let format = format.unwrap_or_else(|| "png".into());
            let bytes = self
                .client
                .roles()
                .signature_image(&package_id, &role_id, &format)
                .await
                .napi()?;
            Ok(bytes.to_vec().into())
        })
        .await
    }
}

#[napi]
impl AuthTokens {
    /// A single-use signer authentication token (`signer`: ID or email).
    #[napi]
    pub async fn create_single_use(&self, package_id: String, signer: String) -> Result<String> {
        shield(async {
            self.client
                .auth_tokens()
                .create_single_use(&package_id, &signer)
                .await
                .napi()
        })
        .await
    }

    /// A multi-use signer authentication token.
    #[napi]
    pub async fn create_multi_use(&self, package_id: String, signer: String) -> Result<String> {
        shield(async {
            self.client
                .auth_tokens()
                .create_multi_use(&package_id, &signer)
                .await
                .napi()
        })
        .await
    }

    /// A signer authentication token (`/api/signerAuthenticationTokens`).
    #[napi]
    pub async fn create_signer_token(&self, package_id: String, signer: String) -> Result<String> {
        shield(async {
            self.client
                .auth_tokens()
                .create_signer_token(&package_id, &signer)
                .await
                .napi()
        })
        .await
    }

    /// The signing-session URL for `token` (no request is made).
    #[napi]
    pub fn signing_url(&self, token: String) -> Result<String> {
        self.client.auth_tokens().signing_url(&token).napi()
    }
}

#[napi]
impl Callbacks {
    /// The current callback configuration.
    #[napi(ts_return_type = "Promise<CallbackConfig>")]
    pub async fn get(&self) -> Result<JsonText> {
        shield(async { json(&self.client.callbacks().get().await.napi()?) }).await
    }

    /// Replaces the configuration; resolves to it as stored.
    #[napi(
        ts_args_type = "config: CallbackConfig",
        ts_return_type = "Promise<CallbackConfig>"
    )]
    pub async fn set(&self, config: Value) -> Result<JsonText> {
        shield(async {
            let config: CallbackConfig = model(config, "config")?;
            json(&self.client.callbacks().set(&config).await.napi()?)
        })
        .await
    }

    /// Removes the configuration.
    #[napi]
    pub async fn delete(&self) -> Result<()> {
        shield(async { self.client.callbacks().delete().await.napi() }).await
    }
}
