//! Signer authentication tokens as stored (API tokens are a map of value → expiry).

use std::time::Instant;

/// A signer authentication token.
pub struct SignerToken {
    pub package_id: String,
    pub role_id: String,
    pub single_use: bool,
    pub expires: Instant,
    pub used: bool,
}
