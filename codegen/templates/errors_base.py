"""Exceptions raised by the SDK.

The native module raises these classes (it imports them from here), so ``except
onespan_sign.NotFoundError`` works whichever call raised it.
"""

from __future__ import annotations

from typing import Any, Dict, Optional, Tuple


class OneSpanError(Exception):
    """Base of every error the SDK raises; raised itself only for a bug in the SDK."""

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
        retry_after: Optional[float] = None,
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
        #: Seconds the server asked to wait (``Retry-After``), when it did.
        self.retry_after = retry_after

    def _fields(self) -> Dict[str, Any]:
        return {
            "status": self.status,
            "message_key": self.message_key,
            "technical": self.technical,
            "body": self.body,
            "name": self.name,
            "server_message": self.message,
            "retry_after": self.retry_after,
        }

    # Keyword-only fields are lost by Exception's default pickling.
    def __reduce__(self) -> Tuple[Any, ...]:
        return (_rebuild, (type(self), str(self), self._fields()))

    def __repr__(self) -> str:
        if self.status is not None:
            return f"{type(self).__name__}(status={self.status}, message_key={self.message_key!r}, message={self.message!r})"
        return f"{type(self).__name__}({str(self)!r})"


def _rebuild(cls: type, text: str, fields: Dict[str, Any]) -> OneSpanError:
    err: OneSpanError = cls(text, **fields)
    return err
