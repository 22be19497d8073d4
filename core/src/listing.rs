//! Listings: a lazy pager over `GET /api/packages`, which answers one window of results
//! at a time. The window semantics live here and nowhere else.
//!
//! spec/: `from` and `to` are a 1-based inclusive window (`from=1&to=50` is the first 50),
//! the answer is `{"results": [...], "count": total}`. The exact semantics are marked to be
//! confirmed, so every use goes through [`Window`].

use crate::client::Client;
use crate::transport::Call;
use crate::{Error, Result};
use reqwest::Method;
use serde::de::DeserializeOwned;
use serde::Deserialize;
use std::collections::VecDeque;
use std::time::SystemTime;

/// The page size when the caller gives none (the official SDKs' own default).
pub const DEFAULT_PAGE_SIZE: u32 = 50;
/// The largest page asked for at once (assumed: the service's own limit is not documented).
pub const MAX_PAGE_SIZE: u32 = 1000;

/// The package statuses (and folders) the listing filters on (`query=`), per spec/.
pub const LIST_STATUSES: &[&str] = &[
    "DRAFT",
    "SENT",
    "COMPLETED",
    "ARCHIVED",
    "DECLINED",
    "OPTED_OUT",
    "EXPIRED",
    "INBOX",
    "TRASH",
];

/// One window of results: 1-based, both ends included.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Window {
    from: u64,
    size: u32,
}

impl Window {
    fn first(size: u32) -> Self {
        Window { from: 1, size }
    }

    fn to(self) -> u64 {
        self.from + u64::from(self.size) - 1
    }

    /// The window after this one, once `got` results came back.
    fn next(self, got: usize) -> Self {
        Window {
            from: self.from + got as u64,
            size: self.size,
        }
    }

    /// Whether this window starts past the last of `count` results.
    fn past(self, count: Option<u64>) -> bool {
        count.is_some_and(|n| self.from > n)
    }
}

#[derive(Deserialize)]
struct Page<T> {
    #[serde(default = "Vec::new")]
    results: Vec<T>,
    #[serde(default)]
    count: Option<u64>,
}

/// Results fetched page after page as they are consumed: [`Pages::next`] gives one item,
/// fetching the next window when the previous one is used up, and `None` after the last.
/// It holds a clone of the client (cheap), so it may outlive the handle that made it.
pub struct Pages<T> {
    client: Client,
    query: Vec<(&'static str, String)>,
    window: Window,
    buffer: VecDeque<T>,
    done: bool,
}

impl<T> std::fmt::Debug for Pages<T> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Pages")
            .field("window", &self.window)
            .field("buffered", &self.buffer.len())
            .field("done", &self.done)
            .finish()
    }
}

impl<T: DeserializeOwned> Pages<T> {
    pub(crate) fn new(
        client: &Client,
        query: Vec<(&'static str, String)>,
        page_size: Option<u32>,
    ) -> Result<Self> {
        let size = page_size.unwrap_or(DEFAULT_PAGE_SIZE);
        if !(1..=MAX_PAGE_SIZE).contains(&size) {
            return Err(Error::invalid(format!(
                "page_size must be between 1 and {MAX_PAGE_SIZE}, not {size}"
            )));
        }
        Ok(Pages {
            client: client.clone(),
            query,
            window: Window::first(size),
            buffer: VecDeque::new(),
            done: false,
        })
    }

    /// The next item, fetching the next page when needed; `None` after the last.
    pub async fn next(&mut self) -> Result<Option<T>> {
        if self.buffer.is_empty() && !self.done {
            let page = self.fetch().await?;
            self.buffer.extend(page);
        }
        Ok(self.buffer.pop_front())
    }

    /// The rest of the current page, or the next page; `None` after the last.
    pub async fn next_page(&mut self) -> Result<Option<Vec<T>>> {
        if self.buffer.is_empty() && !self.done {
            let page = self.fetch().await?;
            self.buffer.extend(page);
        }
        if self.buffer.is_empty() {
            return Ok(None);
        }
        Ok(Some(self.buffer.drain(..).collect()))
    }

    /// Every remaining item (fetching every remaining page).
    pub async fn collect(mut self) -> Result<Vec<T>> {
        let mut all = Vec::new();
        while let Some(page) = self.next_page().await? {
            all.extend(page);
        }
        Ok(all)
    }

    async fn fetch(&mut self) -> Result<Vec<T>> {
        let window = self.window;
        let mut call = Call::new(Method::GET, "/api/packages".into());
        call.query = self.query.clone();
        call.query.push(("from", window.from.to_string()));
        call.query.push(("to", window.to().to_string()));
        let page: Page<T> = self.client.send(call).await?.json()?;
        let got = page.results.len();
        self.window = window.next(got);
        // The end: an empty or short page, or a next window past the total. Ending on the
        // total too saves the request that would only answer an empty page.
        self.done = got == 0 || got < window.size as usize || self.window.past(page.count);
        Ok(page.results)
    }
}

/// A time as the listing's date filters take it: UTC, to the second, as the official SDK
/// writes it (`yyyy-MM-dd'T'HH:mm:ss'Z'`, its `DateHelper.dateToIsoUtcFormat`).
pub(crate) fn list_date(t: SystemTime) -> Result<String> {
    let format =
        time::macros::format_description!("[year]-[month]-[day]T[hour]:[minute]:[second]Z");
    time::OffsetDateTime::from(t)
        .format(&format)
        .map_err(|e| Error::invalid(format!("the date cannot be written: {e}")))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn windows_are_one_based_and_inclusive() {
        let w = Window::first(50);
        assert_eq!((w.from, w.to()), (1, 50));
        let w = w.next(50);
        assert_eq!((w.from, w.to()), (51, 100));
        assert!(!w.past(Some(100)));
        assert!(w.next(50).past(Some(100)));
        assert!(!w.next(50).past(None));
    }

    #[test]
    fn dates_are_utc_to_the_second() {
        let t = SystemTime::UNIX_EPOCH + std::time::Duration::from_millis(1_764_097_072_900);
        assert_eq!(list_date(t).ok().as_deref(), Some("2025-11-25T18:57:52Z"));
    }
}
