//! Document contents as uploaded, by package and document ID.
//!
//! Kept as [`Bytes`], so serving a download hands out a reference to the one copy rather
//! than copying the file again (a 200 MB original stays one 200 MB buffer).

use super::Store;
use bytes::Bytes;

impl Store {
    /// The content uploaded for a document, if any.
    pub fn file(&self, package_id: &str, document_id: &str) -> Option<Bytes> {
        self.files
            .get(&(package_id.to_string(), document_id.to_string()))
            .cloned()
    }

    pub fn put_file(&mut self, package_id: &str, document_id: &str, content: Bytes) {
        self.files
            .insert((package_id.to_string(), document_id.to_string()), content);
    }

    pub fn remove_file(&mut self, package_id: &str, document_id: &str) {
        self.files
            .remove(&(package_id.to_string(), document_id.to_string()));
    }

    /// Forgets every file of a package.
    pub fn remove_files(&mut self, package_id: &str) {
        self.files.retain(|(p, _), _| p != package_id);
    }
}
