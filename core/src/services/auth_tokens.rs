use crate::path::check_id;
use crate::transport::Call;
use crate::Client;
use crate::Result;
use reqwest::Method;
use serde::Deserialize;
use url::Url;

/// Signer authentication tokens. Get one from [`crate::Client::auth_tokens`].
pub struct AuthTokens<'a> {
    c: &'a Client,
}

#[derive(Deserialize)]
struct TokenAnswer {
    value: String,
}

impl<'a> AuthTokens<'a> {
    pub(crate) fn new(c: &'a Client) -> Self {
        AuthTokens { c }
    }

    /// A token that opens one signing session for `signer` (ID or email); expires in 30 min.
    pub async fn create_single_use(&self, package_id: &str, signer: &str) -> Result<String> {
        self.create(
            "/api/authenticationTokens/signer/singleUse",
            package_id,
            signer,
        )
        .await
    }

    /// A token that opens any number of sessions within its 30 minutes.
    pub async fn create_multi_use(&self, package_id: &str, signer: &str) -> Result<String> {
        self.create(
            "/api/authenticationTokens/signer/multiUse",
            package_id,
            signer,
        )
        .await
    }

    /// A signer authentication token (`/api/signerAuthenticationTokens`, like multi-use).
    pub async fn create_signer_token(&self, package_id: &str, signer: &str) -> Result<String> {
        self.create("/api/signerAuthenticationTokens", package_id, signer)
            .await
    }

    /// The URL that opens the signer's session with `token`, as the official SDK builds it:
    /// `{host}/auth?signerAuthenticationToken={token}`. No request is made.
    pub fn signing_url(&self, token: &str) -> Result<String> {
        let token = check_id("token", token)?;
        let mut url = Url::parse(&format!("{}/auth", self.c.transport.base))
            .map_err(|e| crate::Error::invalid(format!("cannot build the signing URL: {e}")))?;
        url.query_pairs_mut()
            .append_pair("signerAuthenticationToken", token);
        Ok(url.into())
    }

    async fn create(&self, path: &str, package_id: &str, signer: &str) -> Result<String> {
        let body = serde_json::json!({
            "packageId": check_id("package_id", package_id)?,
            "signerId": check_id("signer", signer)?,
        });
        let call = Call::new(Method::POST, path.to_string()).json(&body)?;
        Ok(self.c.send(call).await?.json::<TokenAnswer>()?.value)
    }
}
