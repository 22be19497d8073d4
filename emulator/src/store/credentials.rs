//! The credentials one emulator accepts, fixed when it starts.

#[derive(Clone)]
pub struct Credentials {
    pub api_key: String,
    pub client_id: String,
    pub client_secret: String,
    /// The OAuth 2.0 client (client credentials at `/oauth2/token`).
    pub oauth_client_id: String,
    pub oauth_client_secret: String,
}
