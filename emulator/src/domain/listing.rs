//! `GET /api/packages`: the packages (or, with `type=template`, the templates) that match a
//! status, a last-updated range and a search text, sorted, in a 1-based inclusive window
//! `from`..=`to`, answered as `{"results": [...], "count": total}` [sdk: the path and the
//! answer; the rest is assumed and written down in `docs/fidelity.md`]:
//!
//! - `count` is the number of matches, not of results (the SDK's `Page` reads it as the
//!   total, to tell whether a next page exists);
//! - without `sort`, the newest change comes first (`updated`, descending); packages
//!   changed in the same millisecond keep creation order (newest first when descending);
//! - a window past the last match answers no results, with the count;
//! - trashed packages are listed only by `query=TRASH`, and no status query lists them.

use super::error::{ApiError, ApiResult};
use super::lifecycle::is_template;
use super::package;
use crate::store::{Package, Store};
use serde_json::{json, Value};
use std::collections::HashMap;
use time::format_description::well_known::Rfc3339;
use time::OffsetDateTime;

/// The window's size when `to` is not given [assumed].
const DEFAULT_PAGE: usize = 100;

const STATUSES: [&str; 9] = [
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

fn invalid(param: &str, detail: impl Into<String>) -> ApiError {
    ApiError::bad_request(
        "error.validation.invalidParameter",
        format!("The '{param}' parameter is not valid."),
    )
    .technical(detail.into())
}

/// A date parameter: RFC 3339 (`2026-11-25T18:00:00Z`, with or without milliseconds), or a
/// day (`2026-11-25`), the start of that day for a start and its end for an end (UTC).
fn date(param: &str, value: &str, end_of_day: bool) -> ApiResult<OffsetDateTime> {
    if let Ok(t) = OffsetDateTime::parse(value, &Rfc3339) {
        return Ok(t);
    }
    let day = time::macros::format_description!("[year]-[month]-[day]");
    let d = time::Date::parse(value, &day)
        .map_err(|_| invalid(param, format!("{value:?} is not a date (ISO 8601, UTC)")))?;
    let t = if end_of_day {
        d.with_hms_milli(23, 59, 59, 999)
    } else {
        d.with_hms(0, 0, 0)
    }
    .map_err(|e| invalid(param, e.to_string()))?;
    Ok(t.assume_utc())
}

fn updated(pkg: &Package) -> Option<OffsetDateTime> {
    pkg.get("updated")
        .and_then(Value::as_str)
        .and_then(|s| OffsetDateTime::parse(s, &Rfc3339).ok())
}

fn matches_search(pkg: &Package, text: &str) -> bool {
    let text = text.to_lowercase();
    let field = |k: &str| {
        pkg.get(k)
            .and_then(Value::as_str)
            .unwrap_or_default()
            .to_lowercase()
    };
    if field("name").contains(&text) || field("description").contains(&text) {
        return true;
    }
    package::roles(pkg)
        .iter()
        .filter_map(Value::as_object)
        .any(|r| {
            ["email", "firstName", "lastName"]
                .iter()
                .any(|k| package::signer_field(r, k).to_lowercase().contains(&text))
        })
}

/// Whether the sender has something to sign in a SENT package (their inbox).
fn in_inbox(store: &Store, id: &str, pkg: &Package) -> bool {
    package::status(pkg) == "SENT"
        && package::signer_roles(pkg)
            .iter()
            .any(|r| r == super::sender::SENDER_ID)
        && !store
            .signing
            .get(id)
            .is_some_and(|s| s.completed.contains(super::sender::SENDER_ID))
}

/// The page the query parameters ask for.
pub fn list(store: &Store, params: &HashMap<String, String>) -> ApiResult<Value> {
    let get = |k: &str| params.get(k).map(String::as_str).filter(|v| !v.is_empty());
    let templates = match get("type") {
        None => false,
        Some(t) if t.eq_ignore_ascii_case("template") => true,
        Some(t) if t.eq_ignore_ascii_case("package") => false,
        Some(t) => {
            return Err(invalid(
                "type",
                format!("{t:?}: the types are package, template"),
            ))
        }
    };
    let query = match get("query") {
        None => None,
        Some(q) => {
            let upper = q.to_ascii_uppercase();
            if !STATUSES.contains(&upper.as_str()) {
                return Err(invalid(
                    "query",
                    format!("{q:?}: the queries are {}", STATUSES.join(", ")),
                ));
            }
            Some(upper)
        }
    };
    let whole = |k: &str| -> ApiResult<Option<usize>> {
        get(k)
            .map(|v| {
                v.parse::<usize>()
                    .ok()
                    .filter(|n| *n >= 1)
                    .ok_or_else(|| invalid(k, format!("{v:?} is not a whole number of at least 1")))
            })
            .transpose()
    };
    let from = whole("from")?.unwrap_or(1);
    let to = whole("to")?.unwrap_or(from + DEFAULT_PAGE - 1);
    // Older SDKs name the range lastUpdatedStartDate / lastUpdatedEndDate.
    let start = get("startDate")
        .or_else(|| get("lastUpdatedStartDate"))
        .map(|v| date("startDate", v, false))
        .transpose()?;
    let end = get("endDate")
        .or_else(|| get("lastUpdatedEndDate"))
        .map(|v| date("endDate", v, true))
        .transpose()?;
    let search = get("search");
    let sort = get("sort").unwrap_or("updated");
    if !matches!(sort, "updated" | "created" | "name" | "status") {
        return Err(invalid(
            "sort",
            format!("{sort:?}: the sorts are updated, created, name, status"),
        ));
    }
    let descending = match get("dir") {
        None => sort == "updated" || sort == "created",
        Some(d) if d.eq_ignore_ascii_case("desc") => true,
        Some(d) if d.eq_ignore_ascii_case("asc") => false,
        Some(d) => {
            return Err(invalid(
                "dir",
                format!("{d:?}: the directions are asc, desc"),
            ))
        }
    };

    let mut hits: Vec<(usize, &Package)> = store
        .packages
        .iter()
        .enumerate()
        .filter(|(_, (_, p))| is_template(p) == templates)
        .filter(|(_, (id, p))| {
            let trashed = p.get("trashed").and_then(Value::as_bool).unwrap_or(false);
            match query.as_deref() {
                Some("TRASH") => trashed,
                _ if trashed => false,
                None => true,
                Some("INBOX") => in_inbox(store, id, p),
                Some(status) => package::status(p) == status,
            }
        })
        .filter(|(_, (_, p))| {
            let t = updated(p);
            start.is_none_or(|s| t.is_some_and(|t| t >= s))
                && end.is_none_or(|e| t.is_some_and(|t| t <= e))
        })
        .filter(|(_, (_, p))| search.is_none_or(|s| matches_search(p, s)))
        .map(|(seq, (_, p))| (seq, p))
        .collect();
    let key = |p: &Package| -> String {
        match sort {
            "name" => p
                .get("name")
                .and_then(Value::as_str)
                .unwrap_or_default()
                .to_lowercase(),
            "status" => package::status(p).to_string(),
            // ISO 8601 UTC with a fixed width sorts as the instants do.
            k => p
                .get(k)
                .and_then(Value::as_str)
                .unwrap_or_default()
                .to_string(),
        }
    };
    hits.sort_by(|(a_seq, a), (b_seq, b)| key(a).cmp(&key(b)).then(a_seq.cmp(b_seq)));
    if descending {
        hits.reverse();
    }
    let count = hits.len();
    let results: Vec<Value> = hits
        .into_iter()
        .skip(from - 1)
        .take((to + 1).saturating_sub(from))
        .map(|(_, p)| Value::Object(p.clone()))
        .collect();
    Ok(json!({ "results": results, "count": count }))
}
