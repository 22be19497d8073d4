//! A sender's signature image: `GET /api/account/senders/{id}/signatureImage` (the image)
//! and its management at `/api/account/senders/{id}/signature/image` (SDK 11.42+, spec/).

use crate::domain::error::{ApiError, ApiResult};
use crate::domain::signature_image;
use crate::store::State;
use axum::extract::{Multipart, Path, State as S};
use axum::http::header::{ACCEPT, CONTENT_TYPE};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Json;
use serde_json::{json, Value};
use std::sync::Arc;

/// `GET /api/account/senders/{senderId}/signatureImage` with an image Accept value.
pub async fn signature_image(
    S(state): S<Arc<State>>,
    Path(sender): Path<String>,
    headers: HeaderMap,
) -> ApiResult<Response> {
    let accept = headers.get(ACCEPT).and_then(|v| v.to_str().ok());
    let (mime, bytes) = signature_image::for_sender(&state, &sender, accept)?;
    Ok(([(CONTENT_TYPE, mime)], bytes).into_response())
}

/// `GET /api/account/senders/{senderUid}/signature/image` →
/// `{"fileName", "mediaType", "content"}` (content in base64: assumed).
pub async fn get_image(
    S(state): S<Arc<State>>,
    Path(sender): Path<String>,
) -> ApiResult<Json<Value>> {
    use base64::Engine;
    let sig = signature_image::sender_signature(&state, &sender)?;
    Ok(Json(json!({
        "fileName": sig.file_name,
        "mediaType": sig.media_type,
        "content": base64::engine::general_purpose::STANDARD.encode(&sig.content),
    })))
}

/// `POST /api/account/senders/{senderUid}/signature/image`, multipart with a part `file`.
pub async fn upload_image(
    S(state): S<Arc<State>>,
    Path(sender): Path<String>,
    mut mp: Multipart,
) -> ApiResult<StatusCode> {
    let bad = |e: axum::extract::multipart::MultipartError| {
        ApiError::bad_request("error.validation.invalidMultipart", e.body_text())
    };
    while let Some(field) = mp.next_field().await.map_err(bad)? {
        if field.name() != Some("file") {
            continue;
        }
        let file_name = field.file_name().unwrap_or("signature").to_string();
        let content_type = field.content_type().map(str::to_string);
        let data = field.bytes().await.map_err(bad)?;
        signature_image::upload_sender_signature(
            &state,
            &sender,
            file_name,
            content_type,
            data.to_vec(),
        )?;
        return Ok(StatusCode::OK);
    }
    Err(ApiError::bad_request(
        "error.validation.missingFile",
        "The multipart body has no part named file.",
    ))
}

/// `DELETE /api/account/senders/{senderUid}/signature/image`.
pub async fn delete_image(
    S(state): S<Arc<State>>,
    Path(sender): Path<String>,
) -> ApiResult<StatusCode> {
    signature_image::delete_sender_signature(&state, &sender)?;
    Ok(StatusCode::NO_CONTENT)
}
