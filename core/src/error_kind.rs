//! The stable kinds of error and the class each binding raises for one, defined once:
//! `codegen` writes Python's `errors.py` and Node's `errors.js`/`errors.d.ts` from
//! [`ErrorKind::ALL`], and both bindings pick the class by [`ErrorKind::class_name`].

macro_rules! kinds {
    ($(
        $(#[doc = $doc:literal])+
        $kind:ident => $class:literal $(python $py:literal)?, parent $parent:ident;
    )+) => {
        /// The stable name of each kind of error; bindings use it to pick the class to raise.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        #[non_exhaustive]
        pub enum ErrorKind {
            $($(#[doc = $doc])+ $kind,)+
        }

        impl ErrorKind {
            /// Every kind, parents before their children.
            pub const ALL: &'static [ErrorKind] = &[$(ErrorKind::$kind),+];

            /// The class name in Node and in the docs (`NotFoundError`, ...).
            pub fn class_name(self) -> &'static str {
                match self { $(ErrorKind::$kind => $class,)+ }
            }

            /// The Python class name: the same, except where it would shadow a builtin.
            pub fn python_class_name(self) -> &'static str {
                match self { $(ErrorKind::$kind => kinds!(@py $class $($py)?),)+ }
            }

            /// The kind this one specialises; `None` for the base, [`ErrorKind::Internal`].
            pub fn parent(self) -> Option<ErrorKind> {
                match self { $(ErrorKind::$kind => kinds!(@parent $parent),)+ }
            }

            /// What the kind means, for the generated classes' docstrings.
            pub fn doc(self) -> &'static str {
                match self { $(ErrorKind::$kind => concat!($($doc, "\n"),+),)+ }
            }
        }
    };
    (@py $class:literal) => { $class };
    (@py $class:literal $py:literal) => { $py };
    (@parent None) => { None };
    (@parent $p:ident) => { Some(ErrorKind::$p) };
}

kinds! {
    /// Base of every error the SDK raises; raised itself only for a bug in the SDK (a
    /// panic caught at the language boundary). Please report it.
    Internal => "OneSpanError", parent None;
    /// The server answered with an error status (`status`, `message_key`, `message`,
    /// `technical`, `body`); one with no more specific kind (e.g. 405, 410, 422).
    Api => "ApiError", parent Internal;
    /// HTTP 400: validation failed, or the package is in the wrong state.
    BadRequest => "BadRequestError", parent Api;
    /// HTTP 401: wrong API key or client credentials, or an expired token.
    Authentication => "AuthenticationError", parent Api;
    /// HTTP 403: not allowed.
    PermissionDenied => "PermissionDeniedError", parent Api;
    /// HTTP 404: no such package, role or other resource.
    NotFound => "NotFoundError", parent Api;
    /// HTTP 409: conflicts with the current state (e.g. a duplicate role ID).
    Conflict => "ConflictError", parent Api;
    /// HTTP 429, after the retries the client was allowed; `retry_after` says how long the
    /// server asked to wait.
    RateLimit => "RateLimitError", parent Api;
    /// HTTP 5xx, after the retries the client was allowed.
    Server => "ServerError", parent Api;
    /// The connection failed, was refused, or was cut before a full answer.
    Transport => "TransportError", parent Internal;
    /// The call did not finish within its timeout.
    Timeout => "TimeoutError" python "OneSpanTimeoutError", parent Internal;
    /// Bad input found before any request was sent: an empty ID, an argument of the wrong
    /// type, an unknown option.
    InvalidArgument => "InvalidArgumentError", parent Internal;
    /// The server answered 2xx, but not with what the API documents.
    UnexpectedResponse => "UnexpectedResponseError", parent Internal;
    /// A webhook's Authorization header does not carry the callback key.
    WebhookVerification => "WebhookVerificationError", parent Internal;
    /// A webhook body is not a OneSpan Sign event.
    WebhookParse => "WebhookParseError", parent Internal;
    /// A download could not be written where it was asked to go (the file, or the
    /// caller's writer, failed); a file being written to a path is removed, never left
    /// half-written.
    Write => "WriteError", parent Internal;
}

#[cfg(test)]
mod tests {
    use super::ErrorKind;

    #[test]
    fn parents_come_first_and_names_are_unique() {
        let mut seen = Vec::new();
        for k in ErrorKind::ALL {
            if let Some(p) = k.parent() {
                assert!(seen.contains(&p), "{k:?} before its parent");
            }
            assert!(!seen
                .iter()
                .any(|s: &ErrorKind| s.class_name() == k.class_name()));
            seen.push(*k);
        }
    }
}
