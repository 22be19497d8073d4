use crate::listing::Pages;
use crate::models::Package;
use crate::services::DocumentUpload;
use crate::Client;
use crate::Result;

/// Templates: packages of type `TEMPLATE` that new packages are made from. Get one from
/// [`crate::Client::templates`].
pub struct Templates<'a> {
    c: &'a Client,
}

impl<'a> Templates<'a> {
    pub(crate) fn new(c: &'a Client) -> Self {
        Templates { c }
    }

    /// Creates a template: `package` sent with `"type": "TEMPLATE"` to `POST /api/packages`,
    /// with `documents` uploaded alongside as for a package; returns its ID.
    pub async fn create(&self, package: &Package, documents: &[DocumentUpload]) -> Result<String> {
        let mut template = package.clone();
        template
            .extra
            .insert("type".into(), serde_json::Value::from("TEMPLATE"));
        self.c.packages().create(&template, documents).await
    }

    /// The account's templates, page after page as they are consumed
    /// (`GET /api/packages?type=template&from=&to=`).
    pub fn list(&self, page_size: Option<u32>) -> Result<Pages<Package>> {
        Pages::new(self.c, vec![("type", "template".into())], page_size)
    }
}
