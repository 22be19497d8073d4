//! Signature images: a drawn stroke on white, 350×100 pixels (the service's default size),
//! in the format the Accept header asks for, once the signer has captured a signature.

use super::error::{role_not_found, ApiError, ApiResult, StatusCode};
use super::package::{self, FindPackage};
use crate::store::{SenderSignature, State};
use image::{DynamicImage, ImageFormat, Rgb, RgbImage};
use serde_json::Value;
use std::io::Cursor;

pub const WIDTH: u32 = 350;
pub const HEIGHT: u32 = 100;

/// The formats served, by MIME type.
pub const FORMATS: [(&str, ImageFormat); 3] = [
    ("image/png", ImageFormat::Png),
    ("image/jpeg", ImageFormat::Jpeg),
    ("image/gif", ImageFormat::Gif),
];

/// Picks the format from an Accept header: the first supported type listed; PNG when the
/// header is absent or accepts anything.
pub fn negotiate(accept: Option<&str>) -> Option<(&'static str, ImageFormat)> {
    let Some(accept) = accept else {
        return Some(FORMATS[0]);
    };
    for item in accept.split(',') {
        let mime = item
            .split(';')
            .next()
            .unwrap_or("")
            .trim()
            .to_ascii_lowercase();
        if mime == "*/*" || mime == "image/*" {
            return Some(FORMATS[0]);
        }
        if let Some(f) = FORMATS.iter().find(|(m, _)| *m == mime) {
            return Some(*f);
        }
    }
    None
}

/// A signature-like stroke whose shape depends on `seed` (so two signers differ).
pub fn render(seed: &str, format: ImageFormat) -> Result<Vec<u8>, image::ImageError> {
    let mut img = RgbImage::from_pixel(WIDTH, HEIGHT, Rgb([255, 255, 255]));
    let phase = seed
        .bytes()
        .fold(0u32, |a, b| a.wrapping_mul(31).wrapping_add(b as u32))
        % 360;
    let phase = phase as f32 / 57.3;
    for x in 20..(WIDTH - 20) {
        let t = x as f32;
        let y = 50.0 + 22.0 * (t / 17.0 + phase).sin() * (t / 61.0).cos();
        for dy in -1..=1 {
            let py = (y as i32 + dy).clamp(0, HEIGHT as i32 - 1) as u32;
            img.put_pixel(x, py, Rgb([20, 30, 110]));
        }
    }
    let dynamic = DynamicImage::ImageRgb8(img);
    let mut out = Cursor::new(Vec::new());
    match format {
        ImageFormat::Gif => {
            DynamicImage::ImageRgba8(dynamic.to_rgba8()).write_to(&mut out, format)?
        }
        _ => dynamic.write_to(&mut out, format)?,
    }
    Ok(out.into_inner())
}

/// The signature image of the signer of `role_id` as (MIME type, bytes), in the first format
/// `accept` lists that is served. Drawn without holding the store.
pub fn for_role(
    state: &State,
    package_id: &str,
    role_id: &str,
    accept: Option<&str>,
) -> ApiResult<(&'static str, Vec<u8>)> {
    let (p, r) = (package_id, role_id);
    let (mime, format) = negotiate(accept).ok_or_else(|| {
        ApiError::new(
            StatusCode::NOT_ACCEPTABLE,
            "error.validation.imageFormat",
            "Signature images are served as image/png, image/jpeg or image/gif.",
        )
    })?;
    let seed = {
        let store = state.store();
        let pkg = store.find(p)?;
        let role = package::role(pkg, r).ok_or_else(|| role_not_found(r))?;
        let rid = package::role_id(&Value::Object(role.clone())).to_string();
        let captured = store
            .signing
            .get(p)
            .is_some_and(|s| s.captured.contains(&rid));
        if !captured {
            return Err(ApiError::not_found(
                "error.notFound.signatureImage",
                "The signer has not captured a signature yet.",
            ));
        }
        package::signer_field(role, "email").to_string()
    };
    let bytes = render(&seed, format).map_err(|e| {
        ApiError::new(
            StatusCode::INTERNAL_SERVER_ERROR,
            "error.internal",
            "Unhandled server error.",
        )
        .technical(e.to_string())
    })?;
    Ok((mime, bytes))
}

fn no_sender_signature(sender_id: &str) -> ApiError {
    ApiError::not_found(
        "error.notFound.signatureImage",
        "The sender has no signature image.",
    )
    .technical(format!("sender {sender_id}"))
}

fn unrenderable(e: image::ImageError) -> ApiError {
    ApiError::new(
        StatusCode::INTERNAL_SERVER_ERROR,
        "error.internal",
        "Unhandled server error.",
    )
    .technical(e.to_string())
}

/// A sender's signature as stored: the uploaded one, or for the account owner (who has
/// captured one, assumed) a drawn PNG until it is deleted.
pub fn sender_signature(state: &State, sender_id: &str) -> ApiResult<SenderSignature> {
    let stored = state.store().sender_signatures.get(sender_id).cloned();
    match stored {
        Some(Some(sig)) => Ok(sig),
        Some(None) => Err(no_sender_signature(sender_id)),
        None if sender_id == super::events::SENDER_ID => Ok(SenderSignature {
            file_name: "signature.png".into(),
            media_type: "image/png".into(),
            content: render(sender_id, ImageFormat::Png).map_err(unrenderable)?,
        }),
        None => Err(no_sender_signature(sender_id)),
    }
}

/// `GET /api/account/senders/{senderId}/signatureImage`: the sender's signature in the
/// format `accept` asks for (the stored bytes when they are of that type, else drawn).
pub fn for_sender(
    state: &State,
    sender_id: &str,
    accept: Option<&str>,
) -> ApiResult<(&'static str, Vec<u8>)> {
    let (mime, format) = negotiate(accept).ok_or_else(|| {
        ApiError::new(
            StatusCode::NOT_ACCEPTABLE,
            "error.validation.imageFormat",
            "Signature images are served as image/png, image/jpeg or image/gif.",
        )
    })?;
    let sig = sender_signature(state, sender_id)?;
    if sig.media_type.eq_ignore_ascii_case(mime) {
        return Ok((mime, sig.content));
    }
    let bytes = render(&format!("{sender_id}/{}", sig.file_name), format).map_err(unrenderable)?;
    Ok((mime, bytes))
}

/// Stores an uploaded signature image (`POST .../signature/image`, part `file`); only the
/// image types served are taken.
pub fn upload_sender_signature(
    state: &State,
    sender_id: &str,
    file_name: String,
    content_type: Option<String>,
    content: Vec<u8>,
) -> ApiResult<()> {
    let by_name = std::path::Path::new(&file_name)
        .extension()
        .and_then(|e| e.to_str())
        .map(|e| e.to_ascii_lowercase())
        .and_then(|e| match e.as_str() {
            "png" => Some("image/png"),
            "jpg" | "jpeg" => Some("image/jpeg"),
            "gif" => Some("image/gif"),
            _ => None,
        });
    let declared = content_type
        .map(|c| {
            c.split(';')
                .next()
                .unwrap_or("")
                .trim()
                .to_ascii_lowercase()
        })
        .filter(|c| FORMATS.iter().any(|(m, _)| m == c));
    let Some(media_type) = declared.or(by_name.map(str::to_string)) else {
        return Err(ApiError::bad_request(
            "error.validation.imageFormat",
            "The signature image must be a PNG, JPEG or GIF file.",
        ));
    };
    if content.is_empty() {
        return Err(ApiError::bad_request(
            "error.validation.emptyFile",
            "The signature image file is empty.",
        ));
    }
    state.store().sender_signatures.insert(
        sender_id.to_string(),
        Some(SenderSignature {
            file_name,
            media_type,
            content,
        }),
    );
    Ok(())
}

/// Deletes a sender's signature image; 404 when there is none.
pub fn delete_sender_signature(state: &State, sender_id: &str) -> ApiResult<()> {
    sender_signature(state, sender_id)?;
    state
        .store()
        .sender_signatures
        .insert(sender_id.to_string(), None);
    Ok(())
}
