//! What a package's signers have done.

use std::collections::{HashMap, HashSet};

/// The signing record of one package.
#[derive(Default)]
pub struct Signing {
    /// (role ID, document ID) pairs signed.
    pub signed: HashSet<(String, String)>,
    /// When each (role ID, document ID) pair was signed, as the service writes dates.
    pub signed_at: HashMap<(String, String), String>,
    /// Roles whose signer has completed (confirmed) signing.
    pub completed: HashSet<String>,
    /// Roles whose signer has captured a signature (so it has an image).
    pub captured: HashSet<String>,
}
