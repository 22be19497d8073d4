//! The stable kinds of error, and the class each binding raises for one.

/// The stable name of each kind of error; bindings use it to pick the class to raise.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum ErrorKind {
    BadRequest,
    Authentication,
    PermissionDenied,
    NotFound,
    Conflict,
    RateLimit,
    Server,
    /// An error status with no more specific kind (e.g. 405, 410, 422).
    Api,
    Transport,
    Timeout,
    InvalidArgument,
    UnexpectedResponse,
    WebhookVerification,
    WebhookParse,
    /// A bug in the SDK; raised as the base class.
    Internal,
}

impl ErrorKind {
    /// The class name the bindings expose for this kind (`NotFoundError`, ...).
    pub fn class_name(self) -> &'static str {
        match self {
            ErrorKind::BadRequest => "BadRequestError",
            ErrorKind::Authentication => "AuthenticationError",
            ErrorKind::PermissionDenied => "PermissionDeniedError",
            ErrorKind::NotFound => "NotFoundError",
            ErrorKind::Conflict => "ConflictError",
            ErrorKind::RateLimit => "RateLimitError",
            ErrorKind::Server => "ServerError",
            ErrorKind::Api => "ApiError",
            ErrorKind::Transport => "TransportError",
            ErrorKind::Timeout => "TimeoutError",
            ErrorKind::InvalidArgument => "InvalidArgumentError",
            ErrorKind::UnexpectedResponse => "UnexpectedResponseError",
            ErrorKind::WebhookVerification => "WebhookVerificationError",
            ErrorKind::WebhookParse => "WebhookParseError",
            ErrorKind::Internal => "OneSpanError",
        }
    }
}
