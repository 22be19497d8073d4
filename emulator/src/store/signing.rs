//! What a package's signers have done.

use std::collections::HashSet;

/// The signing record of one package.
#[derive(Default)]
pub struct Signing {
    /// (role ID, document ID) pairs signed.
    pub signed: HashSet<(String, String)>,
    /// Roles whose signer has completed (confirmed) signing.
    pub completed: HashSet<String>,
    /// Roles whose signer has captured a signature (so it has an image).
    pub captured: HashSet<String>,
}
