use crate::path::{check_id, seg};
use crate::transport::Call;
use crate::Client;
use crate::Result;
use reqwest::Method;
use serde::Deserialize;
use url::Url;

/// Signer and sender authentication tokens, and the URLs built from them. Get one from
/// [`crate::Client::auth_tokens`].
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

    /// The URL that opens the signer's session with `token`, as the official SDK (11.31+)
    /// builds it: `{host}/auth?signerAuthenticationToken={token}`, and with `package_id`
    /// `&target={urlencoded {host}/transaction/{packageId}/sign}` (the current signing
    /// page). No request is made.
    pub fn signing_url(&self, token: &str, package_id: Option<&str>) -> Result<String> {
        let target = match package_id {
            Some(p) => Some(self.web_url(&format!(
                "/transaction/{}/sign",
                seg(check_id("package_id", p)?)
            ))?),
            None => None,
        };
        self.auth_url("signerAuthenticationToken", token, target)
    }

    /// A single-use sender authentication token that opens the designer of `package_id`
    /// (`POST /api/authenticationTokens/sender`; SDK 11.68.0, spec/).
    pub async fn create_sender_token(&self, package_id: &str) -> Result<String> {
        let body = serde_json::json!({ "packageId": check_id("package_id", package_id)? });
        let call =
            Call::new(Method::POST, "/api/authenticationTokens/sender".into()).json(&body)?;
        Ok(self.c.send(call).await?.json::<TokenAnswer>()?.value)
    }

    /// The URL that opens the designer of `package_id` with a sender token, as SDK 11.68.0
    /// builds it: `{host}/auth?senderAuthenticationToken={token}&target={urlencoded
    /// {host}/designer/{packageId}}`. No request is made.
    pub fn designer_url(&self, token: &str, package_id: &str) -> Result<String> {
        let target = self.web_url(&format!(
            "/designer/{}",
            seg(check_id("package_id", package_id)?)
        ))?;
        self.auth_url("senderAuthenticationToken", token, Some(target))
    }

    /// `{host}{path}` (the web host is the API's, without `/api`).
    fn web_url(&self, path: &str) -> Result<String> {
        Url::parse(&format!("{}{path}", self.c.transport.base))
            .map(String::from)
            .map_err(|e| crate::Error::invalid(format!("cannot build the URL: {e}")))
    }

    /// `{host}/auth?{param}={token}[&target={target}]`, both values form-encoded.
    fn auth_url(&self, param: &str, token: &str, target: Option<String>) -> Result<String> {
        let token = check_id("token", token)?;
        let mut url = Url::parse(&format!("{}/auth", self.c.transport.base))
            .map_err(|e| crate::Error::invalid(format!("cannot build the URL: {e}")))?;
        {
            let mut q = url.query_pairs_mut();
            q.append_pair(param, token);
            if let Some(t) = &target {
                q.append_pair("target", t);
            }
        }
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
