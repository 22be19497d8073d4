//! Signer and sender authentication tokens as stored (API tokens are a map of value →
//! expiry), and senders' signature images.

use std::time::Instant;

/// A signer authentication token.
pub struct SignerToken {
    pub package_id: String,
    pub role_id: String,
    pub single_use: bool,
    pub expires: Instant,
    pub used: bool,
}

/// A sender authentication token: opens the designer of one package, once.
pub struct SenderToken {
    pub package_id: String,
    pub expires: Instant,
    pub used: bool,
}

/// A sender's signature image as uploaded.
#[derive(Clone)]
pub struct SenderSignature {
    pub file_name: String,
    pub media_type: String,
    pub content: Vec<u8>,
}
