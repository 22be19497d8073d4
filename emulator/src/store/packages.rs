//! Packages as stored, and finding them by ID.

use super::Store;
use serde_json::{Map, Value};

/// A package as stored: the JSON object the API serves, kept whole so unknown fields survive.
pub type Package = Map<String, Value>;

impl Store {
    pub fn package(&self, id: &str) -> Option<&Package> {
        self.packages.iter().find(|(k, _)| k == id).map(|(_, p)| p)
    }

    pub fn package_mut(&mut self, id: &str) -> Option<&mut Package> {
        self.packages
            .iter_mut()
            .find(|(k, _)| k == id)
            .map(|(_, p)| p)
    }
}
