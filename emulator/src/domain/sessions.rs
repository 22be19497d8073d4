//! Signer sessions: signer authentication tokens (single- and multi-use, which expire),
//! role signing URLs (whose login tokens do not), and opening a session with either.

use super::error::{invalid_state, role_not_found, signer_not_found, ApiError, ApiResult};
use super::ids;
use super::json::str_field;
use super::package::{self, FindPackage};
use crate::store::{SenderToken, SignerToken, State};
use serde_json::{json, Map, Value};
use std::time::Instant;

/// `{"packageId", "signerId"}` → `{..., "value"}`: a signer authentication token for a
/// signer (by ID or email) of a SENT package.
pub fn create_token(state: &State, req: &Map<String, Value>, single_use: bool) -> ApiResult<Value> {
    let p = str_field(req, "packageId").unwrap_or("").to_string();
    let signer = str_field(req, "signerId").unwrap_or("").to_string();
    if p.is_empty() || signer.is_empty() {
        return Err(ApiError::bad_request(
            "error.validation.missingField",
            "packageId and signerId are required.",
        ));
    }
    let mut store = state.store();
    let pkg = store.find(&p)?;
    let st = package::status(pkg);
    if st != "SENT" {
        return Err(invalid_state("SENT", st));
    }
    let role_id = package::role_of_signer(pkg, &signer).ok_or_else(|| signer_not_found(&signer))?;
    let value = ids::secret(44);
    let expires = Instant::now() + store.signer_token_ttl;
    let now = Instant::now();
    store.signer_tokens.retain(|_, t| t.expires > now);
    store.signer_tokens.insert(
        value.clone(),
        SignerToken {
            package_id: p.clone(),
            role_id,
            single_use,
            expires,
            used: false,
        },
    );
    Ok(json!({ "packageId": p, "signerId": signer, "value": value }))
}

/// `{"roleId", "url", "packageId"}`: the role's signing URL, which does not expire. Only
/// for a SENT (or COMPLETED) package (assumed: a DRAFT has no signing ceremony).
pub fn signing_url(state: &State, p: &str, r: &str) -> ApiResult<Value> {
    let mut store = state.store();
    let pkg = store.find(p)?;
    let st = package::status(pkg);
    if st != "SENT" && st != "COMPLETED" {
        return Err(invalid_state("SENT", st));
    }
    package::role(pkg, r).ok_or_else(|| role_not_found(r))?;
    let login = store
        .login_tokens
        .iter()
        .find(|(_, (pp, rr))| pp == p && rr == r)
        .map(|(t, _)| t.clone());
    let login = match login {
        Some(t) => t,
        None => {
            let t = ids::secret(32);
            store
                .login_tokens
                .insert(t.clone(), (p.to_string(), r.to_string()));
            t
        }
    };
    let url = format!("{}/auth?loginToken={login}", state.base_url());
    Ok(json!({ "roleId": r, "url": url, "packageId": p }))
}

/// What a session is opened with.
pub enum Credential<'a> {
    /// A role signing URL's login token.
    Login(&'a str),
    /// A signer authentication token.
    SignerToken(&'a str),
}

/// Opens a signing session: the (package, role) it is for, or None for a token that is
/// unknown, expired, or single-use and spent. Spends a single-use token.
pub fn open(state: &State, credential: Credential<'_>) -> Option<(String, String)> {
    let mut store = state.store();
    match credential {
        Credential::Login(login) => store.login_tokens.get(login).cloned(),
        Credential::SignerToken(token) => match store.signer_tokens.get_mut(token) {
            Some(t) if t.expires > Instant::now() && !(t.single_use && t.used) => {
                t.used = true;
                Some((t.package_id.clone(), t.role_id.clone()))
            }
            _ => None,
        },
    }
}

/// A session token, as the service answers a JSON session request.
pub fn session_token() -> String {
    ids::secret(40)
}

/// The refusal of a session credential (assumed: the service shows an error page).
pub fn invalid_token() -> ApiError {
    ApiError::new(
        super::error::StatusCode::UNAUTHORIZED,
        "error.unauthorised.invalidToken",
        "The authentication token is invalid, expired or already used.",
    )
}

/// `{"packageId"}` → `{"packageId", "value"}`: a single-use sender authentication token that
/// opens the designer of one package (spec/: SDK 11.68.0 reads `value`; the rest of the
/// answer is assumed). Any status: a sender designs drafts.
pub fn create_sender_token(state: &State, req: &Map<String, Value>) -> ApiResult<Value> {
    let p = str_field(req, "packageId").unwrap_or("").trim().to_string();
    if p.is_empty() {
        return Err(ApiError::bad_request(
            "error.validation.missingField",
            "packageId is required.",
        ));
    }
    let mut store = state.store();
    store.find(&p)?;
    let value = ids::secret(44);
    let now = Instant::now();
    let expires = now + store.signer_token_ttl;
    store.sender_tokens.retain(|_, t| t.expires > now);
    store.sender_tokens.insert(
        value.clone(),
        SenderToken {
            package_id: p.clone(),
            expires,
            used: false,
        },
    );
    Ok(json!({ "packageId": p, "value": value }))
}

/// Opens the designer with a sender token: the package it is for, or None for a token that
/// is unknown, expired or already used (single-use). Spends the token.
pub fn open_designer(state: &State, token: &str) -> Option<String> {
    let mut store = state.store();
    match store.sender_tokens.get_mut(token) {
        Some(t) if t.expires > Instant::now() && !t.used => {
            t.used = true;
            Some(t.package_id.clone())
        }
        _ => None,
    }
}
