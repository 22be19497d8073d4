//! Faults armed for coming requests: what to do, to which requests, how many more times.
//! The HTTP layer (`crate::http::faults`) applies them; `crate::options` builds them from a
//! binding's options.

use super::Store;
use serde::Deserialize;

/// What to do to the next `count` requests that match `method` and `path`.
#[derive(Clone, Debug, Default, Deserialize, PartialEq, Eq)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
#[non_exhaustive]
pub struct Fault {
    /// How many matching requests it applies to (default 1).
    pub count: Option<u32>,
    /// Only requests whose path starts with this (default: any).
    pub path: Option<String>,
    /// Only requests with this method (default: any).
    pub method: Option<String>,
    /// Wait this long before answering (or before the rest of the fault).
    pub delay_ms: Option<u64>,
    /// Answer with this status instead of handling the request (default 503 for
    /// `body`/`retryAfter` faults without one).
    pub status: Option<u16>,
    /// Seconds, sent as `Retry-After`.
    pub retry_after: Option<u64>,
    /// The body of the fault's answer: `json` (OneSpan's error, the default), `html` (a
    /// proxy's page), `empty`, or `truncated` (fewer bytes than Content-Length, then the
    /// connection closes).
    pub body: Option<FaultBody>,
    /// `drop`: close the connection without answering, before handling the request.
    /// `dropAfter`: handle the request (its effects stay), then close without answering.
    /// `cut`: handle the request and start the answer, then close the connection half-way
    /// through its body (a download cut mid-stream).
    pub action: Option<FaultAction>,
}

#[derive(Clone, Copy, Debug, Deserialize, PartialEq, Eq)]
#[serde(rename_all = "camelCase")]
pub enum FaultBody {
    Json,
    Html,
    Empty,
    Truncated,
    /// 33 MiB of JSON, past what the client buffers.
    Huge,
}

#[derive(Clone, Copy, Debug, Deserialize, PartialEq, Eq)]
#[serde(rename_all = "camelCase")]
pub enum FaultAction {
    Drop,
    #[serde(alias = "drop_after")]
    DropAfter,
    Cut,
}

impl Fault {
    pub(crate) fn matches(&self, method: &str, path: &str) -> bool {
        self.method
            .as_deref()
            .is_none_or(|m| m.eq_ignore_ascii_case(method))
            && self.path.as_deref().is_none_or(|p| path.starts_with(p))
    }

    /// Whether it answers in place of the handler (as opposed to only delaying it).
    pub(crate) fn answers(&self) -> bool {
        self.status.is_some() || self.body.is_some() || self.retry_after.is_some()
    }
}

impl Store {
    /// Arms `fault` for its `count` next matching requests (at least one).
    pub fn arm_fault(&mut self, fault: Fault) {
        let count = fault.count.unwrap_or(1).max(1);
        self.faults.push((fault, count));
    }

    /// Takes the first fault armed for this request, if any, counting it used once.
    pub fn take_fault(&mut self, method: &str, path: &str) -> Option<Fault> {
        let i = self
            .faults
            .iter()
            .position(|(f, _)| f.matches(method, path))?;
        let (fault, left) = &mut self.faults[i];
        let fault = fault.clone();
        *left = left.saturating_sub(1);
        if *left == 0 {
            self.faults.remove(i);
        }
        Some(fault)
    }
}
