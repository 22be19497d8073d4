//! The credentials one emulator accepts, fixed when it starts.

#[derive(Clone)]
pub struct Credentials {
    pub api_key: String,
    pub client_id: String,
    pub client_secret: String,
}
