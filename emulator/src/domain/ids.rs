//! IDs, secrets and timestamps in the forms the real service uses.

use rand::distr::{Alphanumeric, SampleString};

/// A random URL-safe ID such as the service gives packages (about 28 characters).
pub fn new_id() -> String {
    let mut s = Alphanumeric.sample_string(&mut rand::rng(), 26);
    s.insert(8, '-');
    s
}

/// A random secret of `len` alphanumeric characters.
pub fn secret(len: usize) -> String {
    Alphanumeric.sample_string(&mut rand::rng(), len)
}

/// Now, as the service writes dates: ISO 8601 UTC with milliseconds (`2017-05-02T20:17:58.408Z`).
pub fn now_iso() -> String {
    let now = time::OffsetDateTime::now_utc();
    let fmt = time::macros::format_description!(
        "[year]-[month]-[day]T[hour]:[minute]:[second].[subsecond digits:3]Z"
    );
    now.format(&fmt).unwrap_or_default()
}

/// Milliseconds since the epoch.
pub fn epoch_ms(at: std::time::SystemTime) -> u64 {
    at.duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_millis() as u64)
        .unwrap_or(0)
}
