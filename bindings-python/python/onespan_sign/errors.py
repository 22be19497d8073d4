"""Exceptions raised by the SDK.

The native module raises these classes (it imports them from here), so ``except
onespan_sign.NotFoundError`` works whichever call raised it.
"""

from __future__ import annotations

from typing import Any, Optional

__all__ = [
    "OneSpanError",
    "ApiError",
    "BadRequestError",
    "AuthenticationError",
    "PermissionDeniedError",
    "NotFoundError",
    "ConflictError",
    "RateLimitError",
    "ServerError",
    "TransportError",
    "OneSpanTimeoutError",
    "InvalidArgumentError",
    "UnexpectedResponseError",
    "WebhookVerificationError",
    "WebhookParseError",
]


class OneSpanError(Exception):
    """Base of every error the SDK raises."""

    def __init__(
        self,
        message: str,
        *,
        status: Optional[int] = None,
        message_key: Optional[str] = None,
        technical: Optional[str] = None,
        body: Optional[str] = None,
        name: Optional[str] = None,
        server_message: Optional[str] = None,
    ) -> None:
        super().__init__(message)
        #: The HTTP status of the answer, when there was one.
        self.status = status
        #: OneSpan's machine-readable key, e.g. ``error.validation.invalidState``.
        self.message_key = message_key
        #: OneSpan's human-readable message (for API errors), else the error text.
        self.message = server_message if server_message is not None else message
        #: OneSpan's technical detail.
        self.technical = technical
        #: The raw answer body, as text.
        self.body = body
        #: OneSpan's error name, e.g. ``Validation Error``.
        self.name = name

    def _fields(self) -> dict[str, Any]:
        return {
            "status": self.status,
            "message_key": self.message_key,
            "technical": self.technical,
            "body": self.body,
            "name": self.name,
            "server_message": self.message,
        }

    # Keyword-only fields are lost by Exception's default pickling.
    def __reduce__(self):  # type: ignore[override]
        return (_rebuild, (type(self), str(self), self._fields()))

    def __repr__(self) -> str:
        if self.status is not None:
            return f"{type(self).__name__}(status={self.status}, message_key={self.message_key!r}, message={self.message!r})"
        return f"{type(self).__name__}({str(self)!r})"


def _rebuild(cls: type, text: str, fields: dict[str, Any]) -> OneSpanError:
    return cls(text, **fields)


class ApiError(OneSpanError):
    """The server answered with an error status (``status``, ``message_key``, ``message``, ``technical``, ``body``)."""


class BadRequestError(ApiError):
    """HTTP 400: validation failed, or the package is in the wrong state."""


class AuthenticationError(ApiError):
    """HTTP 401: wrong API key or client credentials, or an expired token."""


class PermissionDeniedError(ApiError):
    """HTTP 403."""


class NotFoundError(ApiError):
    """HTTP 404: no such package, role or other resource."""


class ConflictError(ApiError):
    """HTTP 409."""


class RateLimitError(ApiError):
    """HTTP 429, after the retries the client was allowed."""


class ServerError(ApiError):
    """HTTP 5xx, after the retries the client was allowed."""


class TransportError(OneSpanError):
    """The connection failed, was refused, or was cut before a full answer."""


class OneSpanTimeoutError(OneSpanError, TimeoutError):
    """The call did not finish within its timeout."""


class InvalidArgumentError(OneSpanError, ValueError):
    """Bad input found before any request was sent, such as an empty ID."""


class UnexpectedResponseError(OneSpanError):
    """The server answered 2xx, but not with what the API documents."""


class WebhookVerificationError(OneSpanError):
    """A webhook's Authorization header does not carry the callback key."""


class WebhookParseError(OneSpanError):
    """A webhook body is not a OneSpan Sign event."""
