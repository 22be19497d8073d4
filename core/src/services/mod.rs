//! One handle per API resource. Each method checks its arguments, builds one [`Call`], and
//! decodes the answer; the transport does the rest.

mod auth_tokens;
mod callbacks;
mod documents;
mod packages;
mod roles;
mod senders;
mod templates;

pub use auth_tokens::AuthTokens;
pub use callbacks::{salesforce_key, Callbacks};
pub use documents::Documents;
pub use packages::{DocumentUpload, Packages};
pub use roles::Roles;
pub use senders::Senders;
pub use templates::Templates;

use crate::path::{check_id, seg};
use crate::Result;

/// `/api/packages/{id}` with a checked, encoded ID.
pub(crate) fn package_path(package_id: &str) -> Result<String> {
    Ok(format!(
        "/api/packages/{}",
        seg(check_id("package_id", package_id)?)
    ))
}

/// `/api/packages/{id}/roles/{roleId}` with checked, encoded IDs.
pub(crate) fn role_path(package_id: &str, role_id: &str) -> Result<String> {
    Ok(format!(
        "{}/roles/{}",
        package_path(package_id)?,
        seg(check_id("role_id", role_id)?)
    ))
}

/// `/api/packages/{id}/documents/{documentId}` with checked, encoded IDs.
pub(crate) fn document_path(package_id: &str, document_id: &str) -> Result<String> {
    Ok(format!(
        "{}/documents/{}",
        package_path(package_id)?,
        seg(check_id("document_id", document_id)?)
    ))
}
