//! The resource handles. Each method converts its arguments, calls the core, and says how
//! to convert the result; `runtime::run` blocks or returns an awaitable per the client.

use crate::models::{from_py, Out};
use crate::runtime::{run, Mode};
use onespan_sign::models::{CallbackConfig, Package, Role};
use onespan_sign::{Client, DocumentUpload};
use pyo3::prelude::*;

macro_rules! service {
    ($rust:ident, $py:literal, $doc:literal) => {
        #[doc = $doc]
        #[pyclass(name = $py, module = "onespan_sign", frozen)]
        pub struct $rust {
            client: Client,
            mode: Mode,
        }

        impl $rust {
            pub fn new(client: Client, mode: Mode) -> Self {
                Self { client, mode }
            }
        }
    };
}

service!(
    Packages,
    "Packages",
    "Packages (transactions): create, get, update, send, delete, signing status."
);
service!(Roles, "Roles", "Roles and their signers within a package.");
service!(
    AuthTokens,
    "AuthTokens",
    "Signer authentication tokens and the signing URLs built from them."
);
service!(
    Callbacks,
    "Callbacks",
    "The account's event-notification (webhook) configuration."
);

#[pymethods]
impl Packages {
    /// Creates a package (a `Package` or a dict of wire JSON), uploading `documents`
    /// (a list of `(file_name, bytes)`) with it; returns the new package's ID.
    #[pyo3(signature = (package, documents=None))]
    fn create(
        &self,
        py: Python<'_>,
        package: &Bound<'_, PyAny>,
        documents: Option<Vec<(String, Vec<u8>)>>,
    ) -> PyResult<Py<PyAny>> {
        let package: Package = from_py(package, "package")?;
        let docs: Vec<DocumentUpload> = documents
            .unwrap_or_default()
            .into_iter()
            .map(|(name, content)| DocumentUpload::new(name, content))
            .collect();
        let c = self.client.clone();
        run(py, self.mode, async move {
            c.packages().create(&package, &docs).await.map(Out::Str)
        })
    }

    /// The package with `package_id`.
    fn get(&self, py: Python<'_>, package_id: String) -> PyResult<Py<PyAny>> {
        let c = self.client.clone();
        run(py, self.mode, async move {
            Out::model("Package", &c.packages().get(&package_id).await?)
        })
    }

    /// Updates the package with the fields set in `package`.
    fn update(
        &self,
        py: Python<'_>,
        package_id: String,
        package: &Bound<'_, PyAny>,
    ) -> PyResult<Py<PyAny>> {
        let package: Package = from_py(package, "package")?;
        let c = self.client.clone();
        run(py, self.mode, async move {
            c.packages()
                .update(&package_id, &package)
                .await
                .map(|_| Out::None)
        })
    }

    /// Sends the package to its signers (DRAFT → SENT).
    fn send(&self, py: Python<'_>, package_id: String) -> PyResult<Py<PyAny>> {
        let c = self.client.clone();
        run(py, self.mode, async move {
            c.packages().send(&package_id).await.map(|_| Out::None)
        })
    }

    /// Deletes the package.
    fn delete(&self, py: Python<'_>, package_id: String) -> PyResult<Py<PyAny>> {
        let c = self.client.clone();
        run(py, self.mode, async move {
            c.packages().delete(&package_id).await.map(|_| Out::None)
        })
    }

    /// The signing status (a `SigningStatus` string) of the package, or of one signer
    /// (ID or email) and/or document.
    #[pyo3(signature = (package_id, signer=None, document=None))]
    fn signing_status(
        &self,
        py: Python<'_>,
        package_id: String,
        signer: Option<String>,
        document: Option<String>,
    ) -> PyResult<Py<PyAny>> {
        let c = self.client.clone();
        run(py, self.mode, async move {
            let s = c
                .packages()
                .signing_status(&package_id, signer.as_deref(), document.as_deref())
                .await?;
            Ok(Out::Str(s.as_str().to_string()))
        })
    }

    fn __repr__(&self) -> &'static str {
        "Packages()"
    }
}

#[pymethods]
impl Roles {
    /// The package's roles, in signing order.
    fn list(&self, py: Python<'_>, package_id: String) -> PyResult<Py<PyAny>> {
        let c = self.client.clone();
        run(py, self.mode, async move {
            Out::models("Role", &c.roles().list(&package_id).await?)
        })
    }

    /// One role.
    fn get(&self, py: Python<'_>, package_id: String, role_id: String) -> PyResult<Py<PyAny>> {
        let c = self.client.clone();
        run(py, self.mode, async move {
            Out::model("Role", &c.roles().get(&package_id, &role_id).await?)
        })
    }

    /// Adds a role (a `Role` or a dict); returns it as stored.
    fn create(
        &self,
        py: Python<'_>,
        package_id: String,
        role: &Bound<'_, PyAny>,
    ) -> PyResult<Py<PyAny>> {
        let role: Role = from_py(role, "role")?;
        let c = self.client.clone();
        run(py, self.mode, async move {
            Out::model("Role", &c.roles().create(&package_id, &role).await?)
        })
    }

    /// Updates a role; returns it as stored.
    fn update(
        &self,
        py: Python<'_>,
        package_id: String,
        role_id: String,
        role: &Bound<'_, PyAny>,
    ) -> PyResult<Py<PyAny>> {
        let role: Role = from_py(role, "role")?;
        let c = self.client.clone();
        run(py, self.mode, async move {
            Out::model(
                "Role",
                &c.roles().update(&package_id, &role_id, &role).await?,
            )
        })
    }

    /// Removes a role.
    fn delete(&self, py: Python<'_>, package_id: String, role_id: String) -> PyResult<Py<PyAny>> {
        let c = self.client.clone();
        run(py, self.mode, async move {
            c.roles()
                .delete(&package_id, &role_id)
                .await
                .map(|_| Out::None)
        })
    }

    /// Sets the signing order to `role_ids`; returns the roles.
    fn reorder(
        &self,
        py: Python<'_>,
        package_id: String,
        role_ids: Vec<String>,
    ) -> PyResult<Py<PyAny>> {
        let c = self.client.clone();
        run(py, self.mode, async move {
            Out::models("Role", &c.roles().reorder(&package_id, &role_ids).await?)
        })
    }

    /// Unlocks a signer locked out by failed authentication.
    fn unlock_signer(
        &self,
        py: Python<'_>,
        package_id: String,
        role_id: String,
    ) -> PyResult<Py<PyAny>> {
        let c = self.client.clone();
        run(py, self.mode, async move {
            c.roles()
                .unlock_signer(&package_id, &role_id)
                .await
                .map(|_| Out::None)
        })
    }

    /// Emails the role's signer an invitation or reminder.
    fn send_email_notification(
        &self,
        py: Python<'_>,
        package_id: String,
        role_id: String,
    ) -> PyResult<Py<PyAny>> {
        let c = self.client.clone();
        run(py, self.mode, async move {
            c.roles()
                .send_email_notification(&package_id, &role_id)
                .await
                .map(|_| Out::None)
        })
    }

    /// Texts the role's signer an SMS authentication passcode.
    fn send_sms_passcode(
        &self,
        py: Python<'_>,
        package_id: String,
        role_id: String,
    ) -> PyResult<Py<PyAny>> {
        let c = self.client.clone();
        run(py, self.mode, async move {
            c.roles()
                .send_sms_passcode(&package_id, &role_id)
                .await
                .map(|_| Out::None)
        })
    }

    /// The role's reusable signing URL.
    fn signing_url(
        &self,
        py: Python<'_>,
        package_id: String,
        role_id: String,
    ) -> PyResult<Py<PyAny>> {
        let c = self.client.clone();
        run(py, self.mode, async move {
            c.roles()
                .signing_url(&package_id, &role_id)
                .await
                .map(Out::Str)
        })
    }

    /// The signer's captured signature as image bytes (`format`: png, jpeg or gif).
    #[pyo3(signature = (package_id, role_id, format="png".to_string()))]
    fn signature_image(
        &self,
        py: Python<'_>,
        package_id: String,
        role_id: String,
        format: String,
    ) -> PyResult<Py<PyAny>> {
        let c = self.client.clone();
        run(py, self.mode, async move {
            c.roles()
                .signature_image(&package_id, &role_id, &format)
                .await
                .map(Out::Bytes)
        })
    }

    fn __repr__(&self) -> &'static str {
        "Roles()"
    }
}

#[pymethods]
impl AuthTokens {
    /// A single-use signer authentication token (`signer`: ID or email).
    fn create_single_use(
        &self,
        py: Python<'_>,
        package_id: String,
        signer: String,
    ) -> PyResult<Py<PyAny>> {
        let c = self.client.clone();
        run(py, self.mode, async move {
            c.auth_tokens()
                .create_single_use(&package_id, &signer)
                .await
                .map(Out::Str)
        })
    }

    /// A multi-use signer authentication token.
    fn create_multi_use(
        &self,
        py: Python<'_>,
        package_id: String,
        signer: String,
    ) -> PyResult<Py<PyAny>> {
        let c = self.client.clone();
        run(py, self.mode, async move {
            c.auth_tokens()
                .create_multi_use(&package_id, &signer)
                .await
                .map(Out::Str)
        })
    }

    /// A signer authentication token (`/api/signerAuthenticationTokens`).
    fn create_signer_token(
        &self,
        py: Python<'_>,
        package_id: String,
        signer: String,
    ) -> PyResult<Py<PyAny>> {
        let c = self.client.clone();
        run(py, self.mode, async move {
            c.auth_tokens()
                .create_signer_token(&package_id, &signer)
                .await
                .map(Out::Str)
        })
    }

    /// The signing-session URL for `token` (no request; the same in both clients).
    fn signing_url(&self, py: Python<'_>, token: String) -> PyResult<String> {
        self.client
            .auth_tokens()
            .signing_url(&token)
            .map_err(|e| crate::errors::to_py(py, &e))
    }

    fn __repr__(&self) -> &'static str {
        "AuthTokens()"
    }
}

#[pymethods]
impl Callbacks {
    /// The current callback configuration.
    fn get(&self, py: Python<'_>) -> PyResult<Py<PyAny>> {
        let c = self.client.clone();
        run(py, self.mode, async move {
            Out::model("CallbackConfig", &c.callbacks().get().await?)
        })
    }

    /// Replaces the configuration (a `CallbackConfig` or a dict); returns it as stored.
    fn set(&self, py: Python<'_>, config: &Bound<'_, PyAny>) -> PyResult<Py<PyAny>> {
        let config: CallbackConfig = from_py(config, "config")?;
        let c = self.client.clone();
        run(py, self.mode, async move {
            Out::model("CallbackConfig", &c.callbacks().set(&config).await?)
        })
    }

    /// Removes the configuration.
    fn delete(&self, py: Python<'_>) -> PyResult<Py<PyAny>> {
        let c = self.client.clone();
        run(py, self.mode, async move {
            c.callbacks().delete().await.map(|_| Out::None)
        })
    }

    fn __repr__(&self) -> &'static str {
        "Callbacks()"
    }
}
