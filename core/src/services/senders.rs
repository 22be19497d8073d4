use super::roles::image_accept;
use crate::path::{check_id, seg};
use crate::transport::Call;
use crate::Client;
use crate::Result;
use reqwest::Method;

/// The account's senders. Get one from [`crate::Client::senders`].
pub struct Senders<'a> {
    c: &'a Client,
}

/// `/api/account/senders/{id}` with a checked, encoded ID.
fn sender_path(sender_id: &str) -> Result<String> {
    Ok(format!(
        "/api/account/senders/{}",
        seg(check_id("sender_id", sender_id)?)
    ))
}

impl<'a> Senders<'a> {
    pub(crate) fn new(c: &'a Client) -> Self {
        Senders { c }
    }

    /// The sender's signature as an image: `format` is `png` (the default when `None`),
    /// `jpeg` or `gif` (`GET /api/account/senders/{senderId}/signatureImage`, spec/).
    pub async fn signature_image<'f>(
        &self,
        sender_id: &str,
        format: impl Into<Option<&'f str>>,
    ) -> Result<bytes::Bytes> {
        let accept = image_accept(format.into())?;
        let call = Call::new(
            Method::GET,
            format!("{}/signatureImage", sender_path(sender_id)?),
        )
        .accept(accept);
        Ok(self.c.send(call).await?.body)
    }

    /// Deletes the sender's signature image
    /// (`DELETE /api/account/senders/{senderUid}/signature/image`, SDK 11.42+, spec/).
    pub async fn delete_signature_image(&self, sender_id: &str) -> Result<()> {
        let call = Call::new(
            Method::DELETE,
            format!("{}/signature/image", sender_path(sender_id)?),
        );
        self.c.send(call).await.map(drop)
    }
}
