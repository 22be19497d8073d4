//! A listing for JavaScript: the core's pager behind one async method, `nextItem()`, which
//! the facade turns into an async iterator (`for await`). The next page is fetched only
//! when the items before it are used up.

// napi registers exports only outside cfg(test): a test build sees these as unused.
#![cfg_attr(test, allow(dead_code))]

use crate::errors::shield;
use crate::json::Reply;
use napi_derive::napi;
use onespan_sign::surface::{Output, Pager};
use std::sync::Arc;
use tokio::sync::Mutex;

/// A listing's items, fetched page after page (wrapped by the facade; not part of the API).
#[napi]
pub struct Pages {
    name: &'static str,
    pager: Arc<Mutex<Pager>>,
}

impl Pages {
    pub fn new(pager: Pager) -> Self {
        Pages {
            name: pager.name(),
            pager: Arc::new(Mutex::new(pager)),
        }
    }
}

#[napi]
impl Pages {
    /// The next item (a model as JSON text), or `undefined` after the last.
    #[napi(ts_return_type = "Promise<unknown>")]
    pub async fn next_item(&self) -> napi::Result<Reply> {
        let (name, pager) = (self.name, Arc::clone(&self.pager));
        Ok(shield(async move {
            let mut pager = pager.lock().await;
            Ok(pager.next().await.map(|item| match item {
                Some(json) => Output::Model { name, json },
                None => Output::Unit,
            }))
        })
        .await)
    }
}
