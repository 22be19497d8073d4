//! Building request paths from caller-supplied IDs.
//!
//! IDs are validated and percent-encoded one segment at a time, so an ID can never add a
//! path segment, climb with `..`, or smuggle a query string.

use crate::error::{Error, Result};
use percent_encoding::{utf8_percent_encode, AsciiSet, CONTROLS};

/// Everything but RFC 3986 unreserved characters is encoded.
const SEGMENT: &AsciiSet = &CONTROLS
    .add(b' ')
    .add(b'"')
    .add(b'#')
    .add(b'%')
    .add(b'/')
    .add(b'<')
    .add(b'>')
    .add(b'?')
    .add(b'`')
    .add(b'{')
    .add(b'}')
    .add(b'\\')
    .add(b'^')
    .add(b'|')
    .add(b'[')
    .add(b']')
    .add(b'@')
    .add(b':')
    .add(b';')
    .add(b'=')
    .add(b'&')
    .add(b'+')
    .add(b'$')
    .add(b',')
    .add(b'!')
    .add(b'\'')
    .add(b'(')
    .add(b')')
    .add(b'*');

/// OneSpan documents 255 characters as the bound for package and user IDs.
pub(crate) const MAX_ID_LEN: usize = 255;

/// Checks an ID the caller gave, naming the argument in the error.
pub(crate) fn check_id<'a>(what: &str, id: &'a str) -> Result<&'a str> {
    if id.trim().is_empty() {
        return Err(Error::invalid(format!("{what} must not be empty")));
    }
    if id.chars().count() > MAX_ID_LEN {
        return Err(Error::invalid(format!(
            "{what} is longer than {MAX_ID_LEN} characters"
        )));
    }
    if id == "." || id == ".." {
        return Err(Error::invalid(format!("{what} must not be '.' or '..'")));
    }
    if id.chars().any(char::is_control) {
        return Err(Error::invalid(format!(
            "{what} must not contain control characters"
        )));
    }
    Ok(id)
}

/// Encodes one path segment.
pub(crate) fn seg(id: &str) -> String {
    utf8_percent_encode(id, SEGMENT).to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_are_encoded_as_one_segment() {
        assert_eq!(seg("a/b"), "a%2Fb");
        assert_eq!(seg("x?y=1#z"), "x%3Fy%3D1%23z");
        assert_eq!(seg("ann@example.com"), "ann%40example.com");
        assert_eq!(seg("abc-DEF_1.2~"), "abc-DEF_1.2~");
    }

    #[test]
    fn bad_ids_are_refused() {
        for bad in ["", "   ", ".", "..", "a\nb", &"x".repeat(256)] {
            assert!(check_id("package_id", bad).is_err(), "{bad:?}");
        }
        assert!(
            check_id("package_id", "../x").is_ok(),
            "encoded, so harmless"
        );
    }
}
